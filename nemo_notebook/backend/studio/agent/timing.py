"""Changing a draft's total duration while keeping every segment inside it and titles where they were."""

from __future__ import annotations

from typing import Any

from nemo_notebook.draft import DraftView, SegmentView, TrackKind, TrackView, exact

from . import draft as dr


def set_total(draft: dr.Draft, new_total: int, assets: list[dict[str, Any]]) -> None:
    """Scale the video track to ``new_total`` ms, stretch full-length audio and text, clamp the rest."""
    view = DraftView(draft)
    old_total = int(view.given_duration_ms or 0) or new_total
    lengths = {a.get("url"): int(a["duration"]) for a in assets if a.get("duration")}
    for t in dr.tracks_of(draft, TrackKind.VIDEO):
        _scale(TrackView(t).segment_dicts, old_total, new_total, lengths)
    for seg in dr.music_segments(draft):
        _fit_audio(seg, old_total, new_total, lengths.get(SegmentView(seg).source))
    view.set_duration_ms(new_total)
    for t in dr.tracks_of(draft, TrackKind.TEXT):
        for seg in TrackView(t).segment_dicts:
            if "ref" not in seg:
                _fit_text(seg, old_total, new_total)
    dr.sync_captions(draft)


def _scale(segs: list[dr.Segment], old: int, new: int, lengths: dict[Any, int]) -> None:
    """Scale back-to-back segments; uploaded clips never outrun their source, photos and scenes take the rest."""
    ordered = sorted(segs, key=lambda s: SegmentView(s).start_ms)
    if not ordered:
        return
    views = [SegmentView(s) for s in ordered]
    durations = dr.split_ms(new, [v.duration_ms for v in views])
    limits = [_clip_limit(s, lengths) for s in ordered]
    free = [i for i, lim in enumerate(limits) if lim is None]
    if free and any(lim is not None and d > lim for d, lim in zip(durations, limits, strict=True)):
        for i, lim in enumerate(limits):
            if lim is not None:
                durations[i] = min(durations[i], lim)
        rest = new - sum(d for d, lim in zip(durations, limits, strict=True) if lim is not None)
        for i, d in zip(free, dr.split_ms(rest, [views[i].duration_ms for i in free]), strict=True):
            durations[i] = d
    for view, d in zip(views, durations, strict=True):
        view.duration_ms = max(1, d)
    dr.lay_out(ordered)


def _clip_limit(seg: dr.Segment, lengths: dict[Any, int]) -> int | None:
    view = SegmentView(seg)
    source = lengths.get(view.source)
    if source is None or view.has_motion or view.source.startswith("gen:"):
        return None
    return max(1, source - int(view.in_ms))


def _fit_audio(seg: dr.Segment, old: int, new: int, source_ms: int | None) -> None:
    view = SegmentView(seg)
    st, length = exact(view.start_ms), exact(view.duration_ms)
    full = st == 0 and st + length >= old
    if full or st + length > new:
        d = new - st
        if source_ms is not None:
            d = min(d, source_ms - int(view.in_ms))
        if st >= new or d <= 0:
            view.start_ms, d = 0, min(new, source_ms or new)
        view.duration_ms = d
    length = exact(view.duration_ms)
    view.fade_in_ms = min(int(view.fade_in_ms), length // 4)
    view.fade_out_ms = min(int(view.fade_out_ms), length // 3)


def _fit_text(seg: dr.Segment, old: int, new: int) -> None:
    view = SegmentView(seg)
    st, length = exact(view.start_ms), exact(view.duration_ms)
    full = st == 0 and st + length >= old
    if full:
        dr.retime_text(seg, 0, new)
    elif st + length > new:
        start = st if st < new else 0
        dr.retime_text(seg, start, min(length, new - start))
