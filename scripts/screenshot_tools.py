"""Screenshot of the transcript with tool activity: a function call and its result, Google Search
sources and executed code, against the emulator (Vertex AI route: code execution runs there).

    Xvfb :58 -screen 0 1400x900x24 &
    DISPLAY=:58 .venv/bin/python scripts/screenshot_tools.py docs/screenshots/transcript-tools.png

Grabs the window through Qt (the same pixels xwd would read off the X screen).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from live_desktop.app import wire_tools
from live_desktop.core import events as ev
from live_desktop.core.session import SessionController
from live_desktop.core.settings import Settings
from live_desktop.emulator import EmulatorThread
from live_desktop.ui.conversation import ConversationViewModel
from live_desktop.ui.main_window import MainWindow
from live_desktop.ui.qt_loop import create_event_loop
from live_desktop.ui.theme import apply_theme


async def run(app: QApplication, out: Path) -> None:
    emulator = EmulatorThread()
    await asyncio.get_running_loop().run_in_executor(None, emulator.start)
    settings = Settings()
    settings.connection.endpoint = "vertex_ai"
    settings.connection.auth = "api_key"
    settings.model.name = "gemini-live-2.5-flash-native-audio"
    settings.tools.current_time = True
    settings.tools.google_search = True
    settings.tools.code_execution = True
    controller = SessionController(
        settings,
        api_key="vertex-express-key",
        base_url=emulator.base_url,
        ca_cert=emulator.client_ssl_context(),
    )
    conversation = ConversationViewModel(controller)
    apply_theme(app, "light")
    window = MainWindow(
        conversation, endpoint_label="Offline emulator (Vertex AI route)", offline=False
    )
    window.resize(1000, 820)
    window.show()
    tools, host = wire_tools(window, controller)
    turns = conversation.transcript.turns

    async def settle(predicate: object, timeout: float = 20.0) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():  # type: ignore[operator]
            if loop.time() > deadline:
                raise TimeoutError("the conversation did not get there")
            await asyncio.sleep(0.05)

    def completed(n: int) -> bool:
        return sum(isinstance(e, ev.TurnComplete) for e in seen) >= n

    seen: list[ev.SessionEvent] = []
    controller.subscribe(seen.append)
    try:
        assert await controller.connect()
        for n, text in enumerate(
            [
                "call get_current_time {}",
                "search Lisbon weather this weekend",
                "run days = [21, 19, 23]\nprint(sum(days) / len(days))",
            ],
            start=1,
        ):
            window.text_input.setText(text)
            window.text_input.returnPressed.emit()
            await settle(lambda n=n: completed(n))
        await asyncio.sleep(0.5)
        window.transcript_view.verticalScrollBar().setValue(0)
        await asyncio.sleep(0.3)
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out))
        print(f"saved {out} ({len(turns)} turns)")
    finally:
        await conversation.shutdown()
        await tools.aclose()
        host.close()
        window.close()
        await asyncio.get_running_loop().run_in_executor(None, emulator.stop)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/transcript-tools.png")
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # closing the window must not stop the loop here
    loop = create_event_loop(app)
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(run(app, out))
    finally:
        loop.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
