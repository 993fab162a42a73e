"""Server-sent events in three layers: bytes → lines → ``ServerSentEvent`` → typed protocol events.

``SSEDecoder`` is incremental: chunks may split a frame anywhere, even inside a UTF-8 character or
between ``\\r`` and ``\\n``. Keep-alives (comment lines and empty ``data:`` frames) are counted in
``SSEDecoder.keepalives`` so a caller can reset its idle timer without seeing them as events.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from typing import Any

from .errors import FrameTooLarge, ProtocolError
from .events import Event, Heartbeat, StreamError, Text, ToolCall, ToolResult, Unrecognised

EVENT_STREAM = "text/event-stream"
# The largest frame the decoder holds. The biggest real frame is a session state with its draft, a few
# MB; the cap keeps a hostile or broken backend from growing one frame until the kernel runs out of memory.
MAX_FRAME_CHARS = 64_000_000


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched SSE frame; ``id`` is the last event id seen on the stream."""

    event: str = "message"
    data: str = ""
    id: str = ""
    retry: int | None = None


class SSEDecoder:
    """Incremental decoder: ``feed(bytes)`` returns the frames completed so far, ``flush()`` the rest.

    Unlike the strict spec, ``flush()`` also dispatches a final frame that lacks its blank line, since
    the end of a reply is the connection closing.
    """

    def __init__(self, max_frame_chars: int | None = None) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._started = False
        self._skip_lf = False
        # The unfinished frame, kept as pieces so a long frame is joined once, not once per chunk.
        self._pending: list[str] = []
        self._pending_chars = 0
        self._max_frame_chars = MAX_FRAME_CHARS if max_frame_chars is None else max_frame_chars
        self._last_id = ""
        self._retry: int | None = None
        self.keepalives = 0

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode ``chunk`` and return every frame it completes."""
        return self._text(self._utf8.decode(chunk))

    def flush(self) -> list[ServerSentEvent]:
        """End of stream: emit the partial last line and any frame still pending."""
        out = self._text(self._utf8.decode(b"", True))
        if self._pending:
            tail = self._take_pending("")
            out.extend(self._block([*tail.split("\n"), ""]))
        return out

    def _text(self, text: str) -> list[ServerSentEvent]:
        if not text:
            return []
        if not self._started:
            self._started = True
            if text[0] == "\ufeff":
                text = text[1:]
        if self._skip_lf:
            self._skip_lf = False
            if text[:1] == "\n":
                text = text[1:]
        if "\r" in text:
            # A trailing CR ends its line now; an LF that opens the next chunk belongs to it.
            self._skip_lf = text[-1] == "\r"
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        # Frames end at a blank line. Only the new text is searched; the end may straddle the chunks.
        if self._pending and self._pending[-1][-1:] == "\n" and text[:1] == "\n":
            blocks = [self._take_pending("")[:-1]]
            text = text[1:]
        else:
            end = text.find("\n\n")
            if end < 0:
                self._keep(text)
                return []
            blocks = [self._take_pending(text[:end])]
            text = text[end + 2 :]
        rest = text.split("\n\n")
        self._keep(rest.pop())
        blocks.extend(rest)
        return self._frames(blocks)

    def _keep(self, text: str) -> None:
        """Hold ``text`` as part of the unfinished frame, refusing a frame past the cap."""
        if not text:
            return
        self._pending_chars += len(text)
        if self._pending_chars > self._max_frame_chars:
            self._pending, self._pending_chars = [], 0
            raise FrameTooLarge(self._max_frame_chars)
        self._pending.append(text)

    def _take_pending(self, last: str) -> str:
        if self._pending_chars + len(last) > self._max_frame_chars:
            self._pending, self._pending_chars = [], 0
            raise FrameTooLarge(self._max_frame_chars)
        whole = "".join([*self._pending, last])
        self._pending, self._pending_chars = [], 0
        return whole

    def _frames(self, blocks: list[str]) -> list[ServerSentEvent]:
        out: list[ServerSentEvent] = []
        for block in blocks:
            if block[:5] == "data:" and "\n" not in block:
                # The common frame, one data line: no per-line state to keep.
                value = block[5:]
                if value[:1] == " ":
                    value = value[1:]
                if not value:
                    self.keepalives += 1
                out.append(ServerSentEvent("message", value, self._last_id, self._retry))
            else:
                out.extend(self._block([*block.split("\n"), ""]))
        return out

    def _block(self, lines: list[str]) -> list[ServerSentEvent]:
        """The general case: the field lines of one block, ended by a blank line (per the spec)."""
        out: list[ServerSentEvent] = []
        data: list[str] = []
        event = ""
        for line in lines:
            if not line:
                if data:
                    joined = "\n".join(data)
                    if not joined:
                        self.keepalives += 1
                    out.append(
                        ServerSentEvent(event or "message", joined, self._last_id, self._retry)
                    )
                data, event = [], ""
                continue
            if line[0] == ":":
                self.keepalives += 1
                continue
            name, colon, value = line.partition(":")
            if colon and value[:1] == " ":
                value = value[1:]
            if name == "data":
                data.append(value)
            elif name == "event":
                event = value
            elif name == "id":
                if "\0" not in value:
                    self._last_id = value
            elif name == "retry" and value.isascii() and value.isdigit():
                self._retry = int(value)
        return out


def check_content_type(value: str | None) -> None:
    """Raise ProtocolError naming ``value`` unless it is ``text/event-stream``."""
    media = (value or "").partition(";")[0].strip().lower()
    if media != EVENT_STREAM:
        raise ProtocolError(
            f"Expected an event stream ({EVENT_STREAM}) but got another content type",
            received=value if value else "(no content type)",
        )


def parse_frame(data: str) -> list[Event]:
    """Typed events of one frame's data, in either dialect (ADK or simple).

    Empty data and ``{"type":"heartbeat"}`` are keep-alives; ``error`` (or ADK's ``errorMessage``)
    is a StreamError. A frame of any other shape is kept as ``Unrecognised``, preceded by a ``Text``
    of whatever text it holds under the usual keys, so no reply text is lost to a new frame shape.
    """
    if not data or data.isspace():
        return [Heartbeat()]
    try:
        obj = json.loads(data)
    except ValueError:
        return unrecognised(data, data)
    if not isinstance(obj, dict):
        return unrecognised(data, obj)
    error = obj.get("error") or obj.get("errorMessage") or obj.get("errorCode")
    if error:
        return [StreamError(_error_text(error))]
    kind = obj.get("type")
    if isinstance(kind, str):
        return _simple(kind, obj) or unrecognised(data, obj)
    if obj.get("partial") is True:
        return []
    content = obj.get("content")
    parts = content.get("parts") if isinstance(content, dict) else None
    if isinstance(parts, list):
        return [event for part in parts if (event := _adk_part(part)) is not None]
    if any(key in obj for key in _ADK_KEYS):
        return []  # an ADK event without content (state or artifact changes only)
    return unrecognised(data, obj)


_ADK_KEYS = ("invocationId", "author", "actions")
TEXT_KEYS = ("text", "content", "message", "delta", "answer", "reply", "output", "data", "parts")
"""Where an unknown frame's text is looked for, in this order, at any depth up to four."""


def unrecognised(data: str, value: Any) -> list[Event]:
    """``Unrecognised(data)``, after a ``Text`` of the text found in ``value`` if there is any."""
    found = _find_text(value, 0)
    text = "\n".join(dict.fromkeys(t.strip() for t in found if t.strip()))
    return [Text(text), Unrecognised(data)] if text else [Unrecognised(data)]


def _find_text(value: Any, depth: int) -> list[str]:
    if isinstance(value, str):
        return [value]
    if depth >= 4:
        return []
    if isinstance(value, list):
        return [text for item in value for text in _find_text(item, depth + 1)]
    if isinstance(value, dict):
        return [t for key in TEXT_KEYS if key in value for t in _find_text(value[key], depth + 1)]
    return []


def _error_text(error: Any) -> str:
    if isinstance(error, dict):
        return str(error.get("message") or error.get("detail") or error)
    return str(error)


def _as_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    return {} if value is None else {"result": value}


def _adk_part(part: Any) -> Event | None:
    if not isinstance(part, dict) or part.get("thought") is True:
        return None
    text = part.get("text")
    if isinstance(text, str):
        return Text(text) if text else None
    call = part.get("functionCall")
    if isinstance(call, dict):
        return ToolCall(
            str(call.get("id") or ""), str(call.get("name") or ""), _as_dict(call.get("args"))
        )
    result = part.get("functionResponse")
    if isinstance(result, dict):
        return ToolResult(
            str(result.get("id") or ""),
            str(result.get("name") or ""),
            _as_dict(result.get("response")),
        )
    return None


def _simple(kind: str, obj: dict[str, Any]) -> list[Event]:
    if kind == "heartbeat":
        return [Heartbeat()]
    if kind == "text":
        text = obj.get("content", obj.get("text"))
        return [Text(text)] if isinstance(text, str) and text else []
    ident = str(obj.get("id") or "")
    name = str(obj.get("name") or "")
    if kind == "tool_call":
        return [ToolCall(ident, name, _as_dict(obj.get("args")))]
    if kind == "tool_result":
        return [ToolResult(ident, name, _as_dict(obj.get("result", obj.get("response"))))]
    if kind == "error":
        return [StreamError(_error_text(obj.get("message") or obj.get("content") or "error"))]
    return []
