"""Take a real screenshot of the app mid-conversation (run under Xvfb: `xvfb-run -a`).

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot.py OUT.png

Drives the window the way a person would (Connect, type, Enter) against the built-in offline
emulator, then grabs the whole X screen, so what is saved is what the display shows.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.emulator import EmulatorThread
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.main_window import MainWindow
from live_desktop.ui.qt_loop import create_event_loop


async def wait_until(predicate: object, timeout: float = 15.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():  # type: ignore[operator]
        if loop.time() > deadline:
            raise TimeoutError("the window did not get there in time")
        await asyncio.sleep(0.05)


async def run(app: QApplication, out: Path) -> None:
    emulator = EmulatorThread(data_dir=Path(tempfile.mkdtemp()))
    emulator.start()
    controller = SessionController(
        Settings(),
        api_key="offline-loopback",
        base_url=emulator.base_url,
        ca_cert=emulator.client_ssl_context(),
    )
    conversation = ConversationViewModel(controller)
    window = MainWindow(conversation, endpoint_label="Offline loopback", offline=True)
    window.resize(960, 640)
    window.move(40, 40)
    window.show()
    try:
        window.connect_button.click()
        await wait_until(lambda: controller.connected)
        for text in ("Hello! Can you hear me?", "What can you do offline?"):
            window.text_input.setText(text)
            window.text_input.returnPressed.emit()
            await wait_until(
                lambda t=text: f"You said: {t}" in window.transcript_view.toPlainText()
            )
            await wait_until(lambda: not conversation.transcript.turns[-1].open)
        window.text_input.setText("A message being typed…")
        await asyncio.sleep(0.5)
        screen = app.primaryScreen()
        shot = screen.grabWindow(0) if os.environ.get("DISPLAY") else window.grab()
        shot.save(str(out))
        print(f"saved {out} ({shot.width()}x{shot.height()})")
    finally:
        await conversation.shutdown()
        window.close()
        emulator.stop()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshot.png")
    app = QApplication(sys.argv[:1])
    loop = create_event_loop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(run(app, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
