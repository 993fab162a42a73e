"""The local studio: an agent that plans drafts from words, and a renderer that turns drafts into MP4s.

The backend reaches the studio only through ``plan_turn``, ``restore_version``, ``render_draft`` and
``prepare_draft`` (and ``RENDERER_VERSION`` for its cache keys). Each half is imported on first use, so
a server that only chats never loads the renderer (and its render workers never the agent).
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
    "prepare_draft": "render",
    "QUALITIES": "render",
    "RENDERER_VERSION": "render",
}

__all__ = [
    "QUALITIES",
    "RENDERER_VERSION",
    "AgentEvent",
    "AgentTurn",
    "RenderCancelled",
    "RenderError",
    "RenderResult",
    "plan_turn",
    "prepare_draft",
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
    from .render import (
        QUALITIES,
        RENDERER_VERSION,
        RenderCancelled,
        RenderError,
        RenderResult,
        prepare_draft,
        render_draft,
    )
