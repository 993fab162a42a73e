"""Edits of the whole video: regenerate, scene (time of day, weather, place), frame, duration."""

from __future__ import annotations

import hashlib
from typing import Any

from nemo_notebook.draft import (
    DEFAULT_ASPECT,
    DEFAULT_RESOLUTION,
    KEY_ASPECT,
    KEY_HEIGHT,
    KEY_META,
    KEY_RESOLUTION,
    KEY_WIDTH,
    DraftView,
    SegmentView,
)

from . import draft as dr
from . import lang, ordinals, vocab
from .edit_state import (
    TEXT_LENGTH,
    Edit,
)
from .fades import apply_fades, fade_seconds
from .intent import explicit_seed, parse_aspect, parse_resolution
from .planner import MAX_MS, MIN_MS
from .replies import describe_scene, list_join, name, say, seconds
from .timing import set_total
from .words import all_values, find_all, first_value, has_any, table_hits


def regenerate(e: Edit) -> None:
    """A new seed (or the one named) for every generated source; ids and intent stay."""
    if not has_any(e.text, vocab.REGENERATE_WORDS):
        return
    meta = DraftView(e.draft).own_meta()
    old = meta.seed
    new = explicit_seed(e.text)
    if new is None:
        new = int(hashlib.sha256(f"{old}:again".encode()).hexdigest()[:8], 16) % 1_000_000
    meta.seed = new
    for i, seg in enumerate(dr.video_segments(e.draft)):
        video = SegmentView(seg)
        video.source = dr.with_seed(video.source, new + i)
    for seg in dr.music_segments(e.draft):
        music = SegmentView(seg)
        music.source = dr.with_seed(music.source, new)
    e.changed("regenerate", "ch_regenerate", seed=new)


def scene(e: Edit) -> None:
    """Time of day, place, weather and camera motion of the generated scenes."""
    tod = _chosen(e.text, vocab.TIME_OF_DAY)
    land_hits = [v for v in all_values(e.text, vocab.LANDSCAPE) if v != "none"]
    if len(land_hits) > 1:
        land_hits = [_chosen(e.text, vocab.LANDSCAPE, skip="none") or land_hits[0]]
    motion = first_value(e.text, vocab.MOTION)
    palette = _chosen(e.text, vocab.PALETTE)
    fx_add, fx_remove = _effects(e.text)
    if not (tod or land_hits or motion or fx_add or fx_remove or palette):
        return
    scenes = _targets(e)
    if not scenes:
        return
    for seg in scenes:
        view = SegmentView(seg)
        q: dict[str, Any] = dict(dr.read_scene(view.source) or {})
        q["tod"] = tod or q["tod"]
        q["land"] = land_hits[0] if land_hits else q["land"]
        q["motion"] = motion or q["motion"]
        q["fx"] = [
            f for f, _ in vocab.EFFECTS if (f in q["fx"] or f in fx_add) and f not in fx_remove
        ]
        q["palette"] = palette or q.get("palette", "")
        view.source = dr.scene_src(**q)
        view.name = describe_scene(e.lang, q["tod"], q["land"], q["fx"])
        extras = [name(e.lang, "motion", motion)] if motion else []
        extras += [name(e.lang, "palette", palette)] if palette else []
        desc = list_join(e.lang, [view.name, *extras])
        e.changed("scene", "ch_scene", desc=desc, span=e.span(seg))


_INTO = lang.either("INTO")
_REMOVED_AFTER = lang.group("REMOVED_AFTER")


def _chosen(text: str, table: vocab.Table, skip: str = "") -> str | None:
    """The value a change asks for: with two named ("change the sunset to night"), the one after
    "to"; else the first."""
    hits = [(pos, v) for pos, v in table_hits(text, table) if v != skip]
    if len(hits) > 1 and (m := _INTO.search(text, hits[0][0])):
        after = [v for pos, v in hits if pos >= m.end()]
        if after:
            return after[0]
    return hits[0][1] if hits else None


def _targets(e: Edit) -> list[dr.Segment]:
    """The generated scenes an edit applies to: the one named ("the second scene"), else all."""
    segs = dr.video_segments(e.draft)
    marks = ordinals.find(e.text)
    if marks and has_any(e.text, ordinals.ITEM_WORDS):
        index = ordinals.resolve(marks[0][1], len(segs))
        if index is None:
            value = marks[0][1]
            e.missed("miss_index", index=value if value > 0 else len(segs) + 1, count=len(segs))
            return []
        segs = [segs[index]]
    scenes = [s for s in segs if dr.read_scene(SegmentView(s).source)]
    if not scenes:
        e.missed("miss_scene")
    return scenes


def _effects(text: str) -> tuple[list[str], list[str]]:
    add: list[str] = []
    remove: list[str] = []
    for value, words in vocab.EFFECTS:
        for start, end, _ in find_all(text, words):
            before, after = text[max(0, start - 20) : start], text[end : end + 6]
            removing = has_any(before, vocab.REMOVE_WORDS) or has_any(after, _REMOVED_AFTER)
            (remove if removing else add).append(value)
    return add, remove


def frame(e: Edit) -> None:
    """Aspect ratio and resolution, in ``m``."""
    meta = e.draft.setdefault(KEY_META, {})
    aspect, res = parse_aspect(e.text), parse_resolution(e.text)
    old_aspect = meta.get(KEY_ASPECT, DEFAULT_ASPECT)
    old_res = meta.get(KEY_RESOLUTION, DEFAULT_RESOLUTION)
    if aspect and aspect == old_aspect and not res:
        e.missed("same_aspect", aspect=aspect)
    if aspect and aspect != old_aspect:
        w, h = dr.frame_size(aspect, res or old_res)
        meta.update({KEY_ASPECT: aspect, KEY_WIDTH: w, KEY_HEIGHT: h})
        e.changed("aspect", "ch_aspect", a=old_aspect, b=aspect, w=w, h=h)
    if res and res != old_res:
        w, h = dr.frame_size(meta.get(KEY_ASPECT, DEFAULT_ASPECT), res)
        meta.update({KEY_RESOLUTION: res, KEY_WIDTH: w, KEY_HEIGHT: h})
        e.changed("resolution", "ch_res", a=old_res, b=res)


def duration(e: Edit) -> None:
    """Trim or extend: to a duration, by an amount, or scaled ("double", "much shorter"), as the request reads it."""
    change = e.request.length
    if change is None or TEXT_LENGTH.search(e.text):
        return
    if change.mode == "to" and fade_seconds(e.text) == change.value:
        return
    old = int(DraftView(e.draft).duration_ms)
    ms = round(change.apply(old / 1000) * 1000)
    new = max(MIN_MS, min(MAX_MS, ms))
    if new != ms:
        e.misses.append(say(e.lang, "note_clamped", dur=seconds(e.lang, new)))
    if new != old:
        set_total(e.draft, new, e.assets)
        e.changed("duration", "ch_duration", a=seconds(e.lang, old), b=seconds(e.lang, new))


def fades(e: Edit) -> None:
    """Fades from and to black at the ends of the video (see `fades.apply_fades`)."""
    for key, values in apply_fades(e.draft, e.text):
        extra = {"sec": seconds(e.lang, values["ms"])} if "ms" in values else {}
        e.changed("fades", key, **extra)
