"""Typed stream events, yielded in arrival order while a chat reply streams."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Reply
    from .timeline import Change


@dataclass(frozen=True, slots=True)
class Text:
    """One text part of the reply, after GUI translation."""

    text: str


@dataclass(frozen=True, slots=True)
class ToolCall:
    """The agent started a tool (shown as activity, not text)."""

    id: str
    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ToolResult:
    """A tool finished; ``response`` is what it returned."""

    id: str
    name: str
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def work_s(self) -> float | None:
        """Seconds the tool worked, when the backend says (``elapsed_ms`` in its response)."""
        value = self.response.get("elapsed_ms") if isinstance(self.response, dict) else None
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value < 1e9:
            return None
        return float(value) / 1000


@dataclass(frozen=True, slots=True)
class Unrecognised:
    """A frame of a shape the decoder does not know, kept as received (any text in it is also
    yielded as ``Text``); logged at debug level and listed by ``%nemo debug``."""

    data: str


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """A keep-alive: the backend is still there."""


@dataclass(frozen=True, slots=True)
class StillWorking:
    """Made by the client after long stretches of keep-alives only."""

    elapsed_s: float


@dataclass(frozen=True, slots=True)
class StreamError:
    """An in-stream ``{"error": ...}`` frame."""

    message: str


@dataclass(frozen=True, slots=True)
class Changes:
    """The state diff at the end of a reply; ``silent`` when the reply had no text."""

    changes: tuple[Change, ...]
    silent: bool


@dataclass(frozen=True, slots=True)
class Done:
    """Always the last event: the whole reply."""

    reply: Reply


Event = (
    Text
    | ToolCall
    | ToolResult
    | Unrecognised
    | Heartbeat
    | StillWorking
    | StreamError
    | Changes
    | Done
)

__all__ = [
    "Changes",
    "Done",
    "Event",
    "Heartbeat",
    "StillWorking",
    "StreamError",
    "Text",
    "ToolCall",
    "ToolResult",
    "Unrecognised",
]
