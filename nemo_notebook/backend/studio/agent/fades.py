"""Fades from and to black: the first and last video segments' ``fi``/``fo``, read from words."""

from __future__ import annotations

import re
from typing import Any

from nemo_notebook.draft import DraftView, SegmentView

from . import draft as dr
from . import lang, vocab
from .edit_state import FADE_IN, FADE_OUT, FADE_WORDS
from .words import find_all, has_any

DEFAULT_MS = 1000
# A text that fades ("make the title fade in", "fade out the caption") rather than the picture.
_TEXT_FADES = lang.either("TEXT_FADE")
_NUM, _UNIT = r"(\d+(?:\.\d+)?)", lang.alternatives("SECOND_UNITS")
# A length just after the fade words ("over 3s") or ending right before them ("a 2-second ").
_LENGTH_AFTER = re.compile(rf"{_NUM}\s*{_UNIT}(?!\w)")
_LENGTH_BEFORE = re.compile(rf"{_NUM}\s*-?\s*{_UNIT}\s*-?\s*$")
REACH = 24


def _first_fade(text: str) -> tuple[int, int] | None:
    """Where the first fade word is, if any."""
    hits = find_all(text, FADE_WORDS)
    return (hits[0][0], hits[0][1]) if hits else None


def fade_seconds(text: str) -> float | None:
    """The length a fade is given: just after its words ("fade to black over 3s") or right
    before them ("a 2 second fade out"), never a number about something else."""
    if (where := _first_fade(text)) is None:
        return None
    start, end = where
    m = _LENGTH_AFTER.search(text[end : end + REACH]) or _LENGTH_BEFORE.search(text[:start])
    return float(m.group(1)) if m else None


def apply_fades(draft: dr.Draft, text: str) -> list[tuple[str, dict[str, Any]]]:
    """Add or remove the fades the words ask for; (reply key, values) for each change.

    Music that runs to the end fades with the picture, or alone when the music is what fades.
    A title or caption that fades is left to the text.
    """
    where = _first_fade(text)
    segs = dr.video_segments(draft)
    if where is None or not segs or _TEXT_FADES.search(text):
        return []
    near = text[max(0, where[0] - REACH) : where[1] + REACH]
    fade_in, fade_out = has_any(text, FADE_IN), has_any(text, FADE_OUT)
    if has_any(text, vocab.REMOVE_WORDS):
        drop_in, drop_out = not fade_out, not fade_in
        if not (drop_in or drop_out):
            drop_in = drop_out = True
        for seg in segs:
            SegmentView(seg).drop_fades(fade_in=drop_in, fade_out=drop_out)
        if drop_in and drop_out:
            return [("ch_fades_removed", {})]
        return [("ch_fade_in_removed" if drop_in else "ch_fade_out_removed", {})]
    if not (fade_in or fade_out):
        return []
    total = int(DraftView(draft).duration_ms)
    asked = fade_seconds(text)
    ms = max(200, min(round(asked * 1000) if asked else DEFAULT_MS, total // 2))
    ending = [
        v
        for s in dr.music_segments(draft)
        if int((v := SegmentView(s)).start_ms) + int(v.duration_ms) >= total
    ]
    if has_any(near, vocab.MUSIC_WORDS):
        for music in ending:
            music.fade_out_ms = ms
        return [("ch_music_fade_out", {"ms": ms})] if fade_out and ending else []
    changes: list[tuple[str, dict[str, Any]]] = []
    if fade_in:
        SegmentView(segs[0]).fade_in_ms = ms
        changes.append(("ch_fade_in", {"ms": ms}))
    if fade_out:
        SegmentView(segs[-1]).fade_out_ms = ms
        for music in ending:
            music.fade_out_ms = max(int(music.fade_out_ms), ms)
        changes.append(("ch_fade_out", {"ms": ms}))
    return changes
