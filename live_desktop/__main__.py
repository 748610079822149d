"""``python -m live_desktop`` runs the app."""

import sys

from live_desktop.app import main

sys.exit(main())
