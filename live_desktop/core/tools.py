"""Answer the model's function calls: built-in local tools, webhooks and the user's own answers.

:class:`ToolDispatcher` follows a :class:`~live_desktop.core.session.SessionController`: for
every call in a ``toolCall`` it starts one task that finds the tool, runs it, reports a
:class:`~live_desktop.core.events.ToolResult` (the transcript shows it) and sends the
``FunctionResponse``. ``toolCallCancellation`` cancels the named tasks, which closes a dialog
that is waiting for the user or abandons a webhook request; a connection that ends cancels
every pending call.

Which tool answers a name is decided from the settings the connection was opened with: an
enabled built-in tool (``settings.LOCAL_TOOLS``) or an enabled declared function, answered by
its webhook (:mod:`live_desktop.core.webhook`) or by the user. What needs the desktop
(clipboard, browser, notifications, a screenshot, the answer dialog) is asked of a
:class:`ToolHost`, which the UI provides; core stays free of Qt and devices.

Answers to NON_BLOCKING calls carry ``scheduling: WHEN_IDLE``, so the model mentions the result
when it is free rather than cutting itself off.

Everything here runs on the asyncio loop's thread.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from live_desktop.core import events as ev
from live_desktop.core.lazy import lazy_module
from live_desktop.core.settings import (
    LOCAL_TOOLS,
    FunctionDeclarationSettings,
    Settings,
    function_behaviors,
)
from live_desktop.core.webhook import WebhookError, call_webhook

if TYPE_CHECKING:
    from google.genai import types

    from live_desktop.core.session import SessionController
else:
    types = lazy_module("google.genai.types")

__all__ = [
    "Screenshot",
    "ToolDeclined",
    "ToolDispatcher",
    "ToolError",
    "ToolHost",
    "parse_manual_answer",
    "summarize",
]

log = logging.getLogger(__name__)

#: Longest one-line summary of arguments or results in the transcript.
SUMMARY_CHARS = 160
_NOTIFICATION_TITLE_CHARS = 100
_NOTIFICATION_TEXT_CHARS = 1000


class ToolError(Exception):
    """A call that could not be answered; ``str(exc)`` is a sentence for the user and model."""


class ToolDeclined(ToolError):
    """The user said no (to sharing the clipboard, opening a page, answering)."""


@dataclass(frozen=True, slots=True)
class Screenshot:
    jpeg: bytes
    width: int
    height: int


class ToolHost(Protocol):
    """What the desktop does for the tools; the UI implements it (``ui/tool_host.py``).

    Each method may raise :class:`ToolError` with a sentence saying what went wrong.
    """

    async def read_clipboard(self) -> str | None:
        """Ask the user, then the clipboard's text; None if the user declined."""
        ...

    async def write_clipboard(self, text: str) -> bool:
        """Ask the user, then put ``text`` on the clipboard; False if the user declined."""
        ...

    async def open_url(self, url: str) -> bool:
        """Ask the user, then open ``url`` in the browser; False if the user declined."""
        ...

    async def notify(self, title: str, message: str) -> str:
        """Show a notification; returns where it was shown ("desktop", "window")."""
        ...

    async def screenshot(self) -> Screenshot:
        """Capture the screen chosen in the video settings as a JPEG frame."""
        ...

    async def answer(
        self, call: ev.FunctionCall, function: FunctionDeclarationSettings
    ) -> dict[str, Any] | None:
        """Ask the user to answer ``call``; the function's response, or None if declined."""
        ...


Handler = Callable[[ev.FunctionCall], Awaitable[dict[str, Any]]]


def summarize(value: Any, limit: int = SUMMARY_CHARS) -> str:
    """One line for the transcript: text as is, anything else as compact JSON, cut to ``limit``."""
    if isinstance(value, Mapping) and set(value) == {"output"}:
        value = value["output"]
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def parse_manual_answer(text: str) -> dict[str, Any]:
    """The function response for what the user typed: a JSON object as is, other JSON or plain
    text as ``{"output": ...}``. Raises ValueError with a sentence for text that is empty or
    looks like JSON but does not parse."""
    stripped = text.strip()
    if not stripped:
        raise ValueError("Type an answer, or choose Decline.")
    try:
        value = json.loads(stripped)
    except json.JSONDecodeError as exc:
        if stripped[0] in "{[":
            raise ValueError(
                f"This looks like JSON but is not valid: {exc.msg} (line {exc.lineno}, column "
                f"{exc.colno}). Fix it, or write the answer as plain text."
            ) from exc
        return {"output": stripped}
    return value if isinstance(value, dict) else {"output": value}


def _text_arg(call: ev.FunctionCall, key: str, *, required: bool = True) -> str:
    value = call.args.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ToolError(f"{call.name} needs a text argument “{key}”.")
    return value


class ToolDispatcher:
    """Answers the function calls of one controller's sessions. Loop thread only.

    ``host`` does what needs the desktop; without one, those tools answer with an error.
    ``now`` gives the local time (tests pass a fixed one).
    """

    def __init__(
        self,
        controller: SessionController,
        host: ToolHost | None = None,
        *,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self._controller = controller
        self._host = host
        self._now = now
        self._settings: Settings | None = None
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._cancel_reason: dict[str, str] = {}
        self._builtins: dict[str, Handler] = {
            "current_time": self._current_time,
            "clipboard_text": self._read_clipboard,
            "clipboard_write": self._write_clipboard,
            "screenshot": self._screenshot,
            "open_url": self._open_url,
            "notification": self._notify,
        }
        self._unsubscribe = controller.subscribe(self._on_event)

    @property
    def pending(self) -> tuple[str, ...]:
        """Ids of the calls still being answered."""
        return tuple(self._tasks)

    async def aclose(self) -> None:
        """Stop following the controller and cancel every pending call."""
        self._unsubscribe()
        tasks = list(self._tasks.values())
        for call_id in list(self._tasks):
            self._cancel(call_id, "closed")
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    # ----------------------------------------------------------------- events
    def _on_event(self, event: ev.SessionEvent) -> None:
        if isinstance(event, ev.SetupComplete):
            # The tools of this connection: later settings changes apply at the next one.
            self._settings = self._controller.settings.model_copy(deep=True)
        elif isinstance(event, ev.ToolCall):
            for call in event.calls:
                self._start(call)
        elif isinstance(event, ev.ToolCallCancellation):
            for call_id in event.ids:
                self._cancel(call_id, "service")
        elif isinstance(event, ev.StateChanged) and event.state in (
            # CLOSING too: an answer ready before the socket has closed could not be sent,
            # and sending it would only raise a "Not connected" error after a Disconnect.
            ev.ConnectionState.CLOSING,
            ev.ConnectionState.DISCONNECTED,
            ev.ConnectionState.FAILED,
        ):
            for call_id in list(self._tasks):
                self._cancel(call_id, "disconnected")

    def _start(self, call: ev.FunctionCall) -> None:
        if call.id in self._tasks:
            log.warning("Tool call %s (%s) arrived twice; answering it once", call.id, call.name)
            return
        task = asyncio.ensure_future(self._run(call))
        self._tasks[call.id] = task

        def done(t: asyncio.Task[None], call_id: str = call.id) -> None:
            if self._tasks.get(call_id) is t:
                del self._tasks[call_id]
            self._cancel_reason.pop(call_id, None)

        task.add_done_callback(done)

    def _cancel(self, call_id: str, reason: str) -> None:
        task = self._tasks.get(call_id)
        if task is None or task.done():
            return
        log.info("Tool call %s cancelled (%s)", call_id, reason)
        self._cancel_reason[call_id] = reason
        task.cancel()

    # ----------------------------------------------------------------- one call
    async def _run(self, call: ev.FunctionCall) -> None:
        settings = self._settings or self._controller.settings
        payload: dict[str, Any]
        try:
            handler = self._handler(settings, call.name)
            if handler is None:
                raise ToolError(f"Live Desktop has no tool named {call.name} switched on.")
            payload = await handler(call)
            failed = "error" in payload and "output" not in payload
            outcome = "error" if failed else "ok"
            summary = summarize(payload["error"] if failed else payload)
        except asyncio.CancelledError:
            reason = self._cancel_reason.get(call.id, "closed")
            if reason != "service":  # the service's own cancellation is shown already
                self._controller.report(
                    ev.ToolResult(call.id, call.name, "cancelled", _cancelled_text(reason))
                )
            raise
        except ToolDeclined as exc:
            outcome, summary, payload = "declined", str(exc), {"error": str(exc)}
        except ToolError as exc:
            outcome, summary, payload = "error", str(exc), {"error": str(exc)}
        except Exception as exc:
            log.exception("Tool %s failed", call.name)
            text = f"Live Desktop could not run {call.name}: {exc}"
            outcome, summary, payload = "error", text, {"error": text}
        self._controller.report(ev.ToolResult(call.id, call.name, outcome, summary))
        non_blocking = function_behaviors(settings).get(call.name) == "NON_BLOCKING"
        response = types.FunctionResponse(
            id=call.id or None,
            name=call.name,
            response=payload,
            scheduling=types.FunctionResponseScheduling.WHEN_IDLE if non_blocking else None,
        )
        await self._controller.send_tool_response([response])

    def _handler(self, settings: Settings, name: str) -> Handler | None:
        for key, decl in LOCAL_TOOLS.items():
            if decl["name"] == name and getattr(settings.tools, key) is True:
                return self._builtins[key]
        for function in settings.tools.functions:
            if function.enabled and function.name == name:
                return self._declared(function)
        return None

    def _need_host(self, call: ev.FunctionCall) -> ToolHost:
        if self._host is None:
            raise ToolError(f"{call.name} needs the Live Desktop window, which is not open.")
        return self._host

    # ----------------------------------------------------------------- built-in tools
    async def _current_time(self, call: ev.FunctionCall) -> dict[str, Any]:
        now = self._now()
        offset = now.strftime("%z")
        return {
            "output": {
                "local_time": now.isoformat(timespec="seconds"),
                "weekday": now.strftime("%A"),
                "time_zone": now.tzname() or "",
                "utc_offset": f"{offset[:3]}:{offset[3:]}" if offset else "",
            }
        }

    async def _read_clipboard(self, call: ev.FunctionCall) -> dict[str, Any]:
        text = await self._need_host(call).read_clipboard()
        if text is None:
            raise ToolDeclined("The user chose not to share the clipboard.")
        return {"output": text}

    async def _write_clipboard(self, call: ev.FunctionCall) -> dict[str, Any]:
        text = _text_arg(call, "text", required=False)
        if not await self._need_host(call).write_clipboard(text):
            raise ToolDeclined("The user chose not to change the clipboard.")
        return {"output": f"Copied {len(text)} characters to the clipboard."}

    async def _open_url(self, call: ev.FunctionCall) -> dict[str, Any]:
        url = _text_arg(call, "url").strip()
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise ToolError(f"“{url}” is not a web address (http:// or https://); not opened.")
        if not await self._need_host(call).open_url(url):
            raise ToolDeclined(f"The user chose not to open {url}.")
        return {"output": f"Opened {url} in the browser."}

    async def _notify(self, call: ev.FunctionCall) -> dict[str, Any]:
        message = _text_arg(call, "message")[:_NOTIFICATION_TEXT_CHARS]
        title = (_text_arg(call, "title", required=False).strip() or "Gemini")[
            :_NOTIFICATION_TITLE_CHARS
        ]
        where = await self._need_host(call).notify(title, message)
        shown = "as a desktop notification" if where == "desktop" else "in the app's window"
        return {"output": f"The notification was shown {shown}."}

    async def _screenshot(self, call: ev.FunctionCall) -> dict[str, Any]:
        shot = await self._need_host(call).screenshot()
        if not await self._controller.send_frame(shot.jpeg):
            raise ToolError("The screenshot was not sent: the session is not connected.")
        return {
            "output": f"A {shot.width}x{shot.height} screenshot of the user's screen was sent "
            "as the latest video frame."
        }

    # ----------------------------------------------------------------- declared functions
    def _declared(self, function: FunctionDeclarationSettings) -> Handler:
        async def webhook(call: ev.FunctionCall) -> dict[str, Any]:
            try:
                return await call_webhook(
                    function.webhook_url,
                    function=call.name,
                    call_id=call.id,
                    args=call.args,
                    timeout_s=function.webhook_timeout_s,
                )
            except WebhookError as exc:
                raise ToolError(str(exc)) from exc

        async def manual(call: ev.FunctionCall) -> dict[str, Any]:
            answer = await self._need_host(call).answer(call, function)
            if answer is None:
                raise ToolDeclined(f"The user chose not to answer {call.name}.")
            return answer

        return webhook if function.answered_by == "webhook" else manual


def _cancelled_text(reason: str) -> str:
    if reason == "disconnected":
        return "Not answered: the connection ended."
    return "Not answered: Live Desktop stopped it."
