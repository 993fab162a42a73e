"""The local studio's agent: turns a message and the current draft into cloud-style events and a new draft."""

from __future__ import annotations

from .events import AgentEvent, AgentTurn
from .turn import plan_turn

__all__ = ["AgentEvent", "AgentTurn", "plan_turn"]
