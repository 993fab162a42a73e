"""The local studio: an agent that plans drafts from words, and a renderer that turns drafts into MP4s.

The backend reaches the studio only through ``plan_turn``, ``restore_version``, ``render_draft`` and
``prepare_draft`` (and ``RENDERER_VERSION`` for its cache keys).
"""

from __future__ import annotations

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
