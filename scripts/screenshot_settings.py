"""Screenshots of each Settings tab for the README (run under Xvfb).

    xvfb-run -a -s "-screen 0 1280x900x24" .venv/bin/python scripts/screenshot_settings.py

Opens the real dialog with a few settings a person might have chosen (a declared function, a
microphone that is not plugged in, a system instruction), runs "Test connection" against the
built-in offline emulator so the Connection tab shows a real outcome, then saves
``docs/screenshots/settings-<tab>.png`` for every tab. Device lists are whatever this machine
has; the API key store is a throwaway one, so no real key is read or written.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from keyring.backends import fail
from PySide6.QtWidgets import QApplication

from live_desktop.core.secrets import KeyStore
from live_desktop.core.settings import FunctionDeclarationSettings, Settings
from live_desktop.emulator import EmulatorThread
from live_desktop.ui.qt_loop import create_event_loop
from live_desktop.ui.settings_dialog import EndpointOverride, SettingsDialog

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def example_settings() -> Settings:
    settings = Settings()
    settings.model.system_instruction = (
        "You are a friendly assistant. Answer in one or two short sentences."
    )
    settings.voice.voice = "Kore"
    settings.voice.language = "en-US"
    settings.audio.input_device = "usb-headset-mic"  # shown as "(not connected)" here
    settings.vad.silence_duration_ms = 600
    settings.video.source = "screen"
    settings.tools.current_time = True
    settings.tools.functions = [
        FunctionDeclarationSettings(
            name="set_light",
            description="Turns a light in the house on or off.",
            parameters={
                "type": "object",
                "properties": {
                    "room": {"type": "string"},
                    "on": {"type": "boolean"},
                },
                "required": ["room", "on"],
            },
            behavior="non_blocking",
        ),
        FunctionDeclarationSettings(name="get_weather", description="Today's forecast."),
    ]
    settings.generation.temperature = 0.7
    return settings


async def run(app: QApplication) -> None:
    emulator = EmulatorThread(data_dir=Path(tempfile.mkdtemp()))
    await asyncio.get_running_loop().run_in_executor(None, emulator.start)
    dialog = SettingsDialog(
        example_settings(),
        keystore=KeyStore(backend=fail.Keyring(), environ={}),
        settings_path=None,
        test_endpoint=EndpointOverride(
            "Offline loopback",
            base_url=emulator.base_url,
            ca_cert=emulator.client_ssl_context(),
            api_key="offline-loopback",
        ),
    )
    dialog.move(40, 40)
    dialog.show()
    try:
        dialog.test_button.click()
        await dialog.wait_for_test()
        functions = dialog.editors["tools.functions"]
        functions.list.setCurrentRow(0)  # type: ignore[attr-defined]
        OUT.mkdir(parents=True, exist_ok=True)
        for index, slug in enumerate(dialog.tab_slugs):
            dialog.tabs.setCurrentIndex(index)
            await asyncio.sleep(0.3)
            app.processEvents()
            path = OUT / f"settings-{slug}.png"
            shot = dialog.grab()
            shot.save(str(path), "PNG", 9)
            print(f"saved {path} ({shot.width()}x{shot.height()}, {path.stat().st_size} bytes)")
    finally:
        dialog.close()
        await asyncio.get_running_loop().run_in_executor(None, emulator.stop)


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # closing the dialog must not stop the loop under us
    loop = create_event_loop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(run(app))
    return 0


if __name__ == "__main__":
    sys.exit(main())
