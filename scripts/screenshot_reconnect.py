"""Screenshot of the window while it reconnects after a dropped connection: the status reads
"Reconnecting (attempt 1 of 5)…" and the cut reply is marked in the transcript.

    Xvfb :58 -screen 0 1400x900x24 &
    DISPLAY=:58 .venv/bin/python scripts/screenshot_reconnect.py docs/screenshots/reconnecting.png

Grabs the window through Qt (the same pixels xwd would read off the X screen).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.emulator import EmulatorThread
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.main_window import MainWindow
from live_desktop.ui.qt_loop import create_event_loop
from live_desktop.ui.theme import apply_theme


async def settle(predicate: object, timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():  # type: ignore[operator]
        if loop.time() > deadline:
            raise TimeoutError("the window did not get there")
        await asyncio.sleep(0.02)


async def run(app: QApplication, out: Path) -> None:
    emulator = EmulatorThread()
    await asyncio.get_running_loop().run_in_executor(None, emulator.start)
    controller = SessionController(
        Settings(),
        api_key="offline",
        base_url=emulator.base_url,
        ca_cert=emulator.client_ssl_context(),
    )
    controller.backoff_base_s = 4.0  # long enough to look at
    conversation = ConversationViewModel(controller)
    apply_theme(app, "light")
    window = MainWindow(conversation, endpoint_label="Gemini API", offline=False)
    window.resize(1000, 700)
    window.show()
    try:
        conversation.connect_session()
        await settle(lambda: window.state_label.text() == "Connected")
        window.text_input.setText("What is the capital of Portugal?")
        window.text_input.returnPressed.emit()
        await settle(lambda: len(conversation.transcript.turns) >= 2)
        await asyncio.sleep(3.0)  # the first answer completes
        emulator.inject("drop-mid-turn")
        window.text_input.setText("Tell me more about its history, please.")
        window.text_input.returnPressed.emit()
        await settle(lambda: window.state_label.text().startswith("Reconnecting ("))
        await asyncio.sleep(0.5)
        window.grab().save(str(out))
        print(f"saved {out}")
        await settle(lambda: window.state_label.text() == "Connected", timeout=30)
    finally:
        await conversation.shutdown()
        window.close()
        await asyncio.get_running_loop().run_in_executor(None, emulator.stop)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "reconnecting.png")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # the coroutine ends the run, not the window
    loop = create_event_loop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(run(app, out))


if __name__ == "__main__":
    main()
