"""The window must not wait for google-genai: core loads it on first use (core/lazy.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from live_desktop.core.lazy import lazy_module, warm


def test_a_lazy_module_imports_on_first_attribute_read_and_then_caches() -> None:
    code = (
        "import sys\n"
        "from live_desktop.core.lazy import lazy_module\n"
        "m = lazy_module('wave')\n"
        "assert 'wave' not in sys.modules\n"
        "assert m.Wave_read is sys.modules['wave'].Wave_read\n"
        "assert 'Wave_read' in vars(m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_missing_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError):
        lazy_module("wave").no_such_name  # noqa: B018


def test_warm_imports_now() -> None:
    assert [m.__name__ for m in warm("wave", "json")] == ["wave", "json"]


def test_what_the_app_imports_before_its_window_shows_does_not_load_google_genai() -> None:
    # The modules app._run imports before window.show(); google-genai alone costs ~0.35 s of
    # the 1 s start-to-window budget.
    code = (
        "import sys\n"
        "import live_desktop.app, live_desktop.core.session, live_desktop.core.secrets\n"
        "import live_desktop.core.settings, live_desktop.emulator\n"
        "import live_desktop.ui.main_window, live_desktop.ui.settings_wiring\n"
        "import live_desktop.ui.conversation, live_desktop.ui.theme\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('google.genai'))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
