"""Edits of an existing draft: each edit reads its words, changes a copy of the draft and says what changed."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from nemo_notebook.draft import DraftView

from . import draft as dr
from .edit_order import reorder, use_uploads
from .edit_scene import duration, fades, frame, regenerate, scene
from .edit_sound import music, use_song
from .edit_state import CHANGE, Edit, unquoted_text
from .edit_text import texts
from .intent import extract_quotes
from .request import Request
from .words import has_any, normalise

__all__ = ["Edit", "apply_edits"]

STEPS: tuple[Callable[[Edit], None], ...] = (
    regenerate,
    use_uploads,
    use_song,
    reorder,
    scene,
    frame,
    duration,
    fades,
    music,
    texts,
)


def apply_edits(request: Request, draft: dr.Draft, *, assets: list[dict[str, Any]]) -> Edit:
    """Apply every edit the request asks for, in a fixed order, to a copy of ``draft``."""
    message, lang = request.message, request.lang
    quotes, unquoted = extract_quotes(message)
    text = normalise(unquoted)
    if has_any(text, CHANGE) and (new_text := unquoted_text(message)) and not quotes:
        text = text.replace(normalise(new_text), " ")
    working = copy.deepcopy(draft)
    DraftView(working).set_duration_ms(dr.total_ms(working) or 1000)
    working.setdefault("t", [])
    dr.complete_meta(working, lang)
    edit = Edit(working, text, quotes, message, lang, assets, request)
    for step in STEPS:
        step(edit)
    return edit
