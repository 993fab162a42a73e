"""The local studio's agent: turns a message and the current draft into cloud-style events and a new draft.

A message is prepared (typos, numbers) and read once into a ``request.Request``; ``turn.INTENTS`` dispatches its
intent (refuse, undo, redo, restore, help, generate, edit). Each language's words and reply texts live in one
module of ``lang``; a new language supplies every name of ``lang.REQUIRED`` (listed in ``lang``'s docstring).
"""

from __future__ import annotations

from typing import Any

from .events import AgentEvent, AgentTurn
from .history import restore
from .turn import plan_turn


def restore_version(history: list[dict[str, Any]], version: int) -> dict[str, Any] | None:
    """The draft that makes ``version`` of a session's history (oldest first, ``{"version", "draft",
    "message"}``) current again, marked so the agent's undo and redo follow it; None when there is none."""
    found = restore(history, version)
    return found.draft if found else None


__all__ = ["AgentEvent", "AgentTurn", "plan_turn", "restore_version"]
