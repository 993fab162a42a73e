"""The agent's output: events streamed like the cloud's, and the turn that carries them with the new draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

EventKind = Literal["text", "call", "result"]
TurnKind = Literal["generate", "edit", "none"]


@dataclass(frozen=True)
class AgentEvent:
    """One streamed item: a text part, a tool call, or a tool result (call and result share an id)."""

    kind: EventKind
    text: str = ""
    name: str = ""
    args: dict[str, Any] = field(default_factory=dict)
    response: dict[str, Any] = field(default_factory=dict)
    id: str = ""


@dataclass(frozen=True)
class AgentTurn:
    """The agent's answer to one message; ``draft`` is the new draft, or None when nothing changed."""

    events: list[AgentEvent]
    draft: dict[str, Any] | None
    kind: TurnKind
    language: str
