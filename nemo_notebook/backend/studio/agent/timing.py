"""Changing a draft's total duration while keeping every segment inside it and titles where they were."""

from __future__ import annotations

from typing import Any

from nemo_notebook.draft import TrackKind

from . import draft as dr


def set_total(draft: dr.Draft, new_total: int, assets: list[dict[str, Any]]) -> None:
    """Scale the video track to ``new_total`` ms, stretch full-length audio and text, clamp the rest."""
    old_total = int(draft.get("d") or 0) or new_total
    lengths = {a.get("url"): int(a["duration"]) for a in assets if a.get("duration")}
    for t in dr.tracks_of(draft, TrackKind.VIDEO):
        _scale(t["sg"], old_total, new_total, lengths)
    for seg in dr.music_segments(draft):
        _fit_audio(seg, old_total, new_total, lengths.get(seg.get("src")))
    draft["d"] = new_total
    for t in dr.tracks_of(draft, TrackKind.TEXT):
        for seg in t["sg"]:
            if "ref" not in seg:
                _fit_text(seg, old_total, new_total)
    dr.sync_captions(draft)


def _scale(segs: list[dr.Segment], old: int, new: int, lengths: dict[Any, int]) -> None:
    """Scale back-to-back segments; uploaded clips never outrun their source, photos and scenes take the rest."""
    ordered = sorted(segs, key=lambda s: s["st"])
    if not ordered:
        return
    durations = dr.split_ms(new, [float(s["d"]) for s in ordered])
    limits = [_clip_limit(s, lengths) for s in ordered]
    free = [i for i, lim in enumerate(limits) if lim is None]
    if free and any(lim is not None and d > lim for d, lim in zip(durations, limits, strict=True)):
        for i, lim in enumerate(limits):
            if lim is not None:
                durations[i] = min(durations[i], lim)
        rest = new - sum(d for d, lim in zip(durations, limits, strict=True) if lim is not None)
        for i, d in zip(
            free, dr.split_ms(rest, [float(ordered[i]["d"]) for i in free]), strict=True
        ):
            durations[i] = d
    for seg, d in zip(ordered, durations, strict=True):
        seg["d"] = max(1, d)
    dr.lay_out(ordered)


def _clip_limit(seg: dr.Segment, lengths: dict[Any, int]) -> int | None:
    source = lengths.get(seg.get("src"))
    if source is None or "mo" in seg or str(seg.get("src", "")).startswith("gen:"):
        return None
    return max(1, source - int(seg.get("in", 0)))


def _fit_audio(seg: dr.Segment, old: int, new: int, source_ms: int | None) -> None:
    full = seg["st"] == 0 and seg["st"] + seg["d"] >= old
    if full or seg["st"] + seg["d"] > new:
        d = new - seg["st"]
        if source_ms is not None:
            d = min(d, source_ms - int(seg.get("in", 0)))
        if seg["st"] >= new or d <= 0:
            seg["st"], d = 0, min(new, source_ms or new)
        seg["d"] = d
    seg["fi"] = min(int(seg.get("fi", 0)), seg["d"] // 4)
    seg["fo"] = min(int(seg.get("fo", 0)), seg["d"] // 3)


def _fit_text(seg: dr.Segment, old: int, new: int) -> None:
    full = seg["st"] == 0 and seg["st"] + seg["d"] >= old
    if full:
        dr.retime_text(seg, 0, new)
    elif seg["st"] + seg["d"] > new:
        st = seg["st"] if seg["st"] < new else 0
        dr.retime_text(seg, st, min(seg["d"], new - st))
