"""Qt-free core: settings, session controller, events, DSP helpers."""
