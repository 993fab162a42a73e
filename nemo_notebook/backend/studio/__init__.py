"""The local studio: an agent that plans drafts from words, and a renderer that turns drafts into MP4s.

The backend reaches the studio only through ``plan_turn``, ``restore_version`` and ``render_draft``. Each
half is imported on first use, so a server that only chats never loads the renderer (and its render workers
never the agent).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HALVES = {
    "AgentEvent": "agent",
    "AgentTurn": "agent",
    "plan_turn": "agent",
    "restore_version": "agent",
    "RenderCancelled": "render",
    "RenderError": "render",
    "RenderResult": "render",
    "render_draft": "render",
}

__all__ = [
    "AgentEvent",
    "AgentTurn",
    "RenderCancelled",
    "RenderError",
    "RenderResult",
    "plan_turn",
    "render_draft",
    "restore_version",
]


def __getattr__(name: str) -> Any:
    half = _HALVES.get(name)
    if half is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{half}", __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover
    from .agent import AgentEvent, AgentTurn, plan_turn, restore_version
    from .render import RenderCancelled, RenderError, RenderResult, render_draft
