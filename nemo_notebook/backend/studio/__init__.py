"""The local studio: an agent that plans drafts from words, and a renderer that turns drafts into MP4s.

The backend reaches the studio only through ``plan_turn``, ``restore_version`` and ``render_draft``.
"""

from __future__ import annotations

from .agent import AgentEvent, AgentTurn, plan_turn, restore_version
from .render import RenderCancelled, RenderError, RenderResult, render_draft

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
