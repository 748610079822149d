"""Qt widgets, dialogs and view models. Imports core, never the other way round."""
