"""Fades from and to black: the first and last video segments' ``fi``/``fo``, as a ``FadeAsk`` asks."""

from __future__ import annotations

from typing import Any

from nemo_notebook.draft import DraftView, SegmentView

from . import draft as dr
from .asks import FadeAsk

DEFAULT_MS = 1000


def apply_fades(draft: dr.Draft, ask: FadeAsk | None) -> list[tuple[str, dict[str, Any]]]:
    """Add or remove the fades asked for; (reply key, values) for each change.

    Music that runs to the end fades with the picture, or alone when the music is what fades.
    """
    segs = dr.video_segments(draft)
    if ask is None or not segs:
        return []
    fade_in, fade_out = ask.fade_in, ask.fade_out
    if ask.remove:
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
    asked = ask.seconds
    ms = max(200, min(round(asked * 1000) if asked else DEFAULT_MS, total // 2))
    ending = [
        v
        for s in dr.music_segments(draft)
        if int((v := SegmentView(s)).start_ms) + int(v.duration_ms) >= total
    ]
    if ask.music:
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
