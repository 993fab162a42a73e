"""Edits of an existing draft: one table dispatches each kind of edit a request asks for to the function
that makes it, in a fixed order, on a copy of the draft."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from nemo_notebook.draft import DraftView

from . import draft as dr
from .asks import EditAsks
from .edit_order import reorder, use_uploads
from .edit_scene import duration, fades, frame, regenerate, scene
from .edit_sound import music, use_song
from .edit_state import Edit
from .edit_text import texts

__all__ = ["EDITS", "Edit", "apply_edits"]

# Kind of edit (``EditAsks.kinds``) → the function that makes it; applied in this order.
EDITS: tuple[tuple[str, Callable[[Edit], None]], ...] = (
    ("regenerate", regenerate),
    ("use_uploads", use_uploads),
    ("use_song", use_song),
    ("reorder", reorder),
    ("scene", scene),
    ("frame", frame),
    ("duration", duration),
    ("fades", fades),
    ("music", music),
    ("texts", texts),
)


def apply_edits(
    asks: EditAsks, draft: dr.Draft, lang: str, *, assets: list[dict[str, Any]]
) -> Edit:
    """Make every edit ``asks`` holds, in the table's order, on a copy of ``draft``."""
    working = copy.deepcopy(draft)
    DraftView(working).set_duration_ms(dr.total_ms(working) or 1000)
    working.setdefault("t", [])
    dr.complete_meta(working, lang)
    edit = Edit(working, asks, lang, assets)
    kinds = asks.kinds()
    for kind, step in EDITS:
        if kind in kinds:
            step(edit)
    return edit
