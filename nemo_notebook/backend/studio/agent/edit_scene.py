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
from . import ordinals, vocab
from .asks import SceneAsk
from .edit_state import Edit
from .fades import apply_fades
from .planner import MAX_MS, MIN_MS
from .replies import describe_scene, list_join, name, say, seconds
from .timing import set_total


def regenerate(e: Edit) -> None:
    """A new seed (or the one named) for every generated source; ids and intent stay."""
    meta = DraftView(e.draft).own_meta()
    old = meta.seed
    new = e.asks.seed
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
    ask = e.asks.scene
    assert ask is not None
    scenes = _targets(e, ask)
    if not scenes:
        return
    for seg in scenes:
        view = SegmentView(seg)
        q: dict[str, Any] = dict(dr.read_scene(view.source) or {})
        q["tod"] = ask.tod or q["tod"]
        q["land"] = ask.land or q["land"]
        q["motion"] = ask.motion or q["motion"]
        q["fx"] = [
            f
            for f, _ in vocab.EFFECTS
            if (f in q["fx"] or f in ask.fx_add) and f not in ask.fx_remove
        ]
        q["palette"] = ask.palette or q.get("palette", "")
        view.source = dr.scene_src(**q)
        view.name = describe_scene(e.lang, q["tod"], q["land"], q["fx"])
        extras = [name(e.lang, "motion", ask.motion)] if ask.motion else []
        extras += [name(e.lang, "palette", ask.palette)] if ask.palette else []
        desc = list_join(e.lang, [view.name, *extras])
        e.changed("scene", "ch_scene", desc=desc, span=e.span(seg))


def _targets(e: Edit, ask: SceneAsk) -> list[dr.Segment]:
    """The generated scenes an edit applies to: the one named ("the second scene"), else all."""
    segs = dr.video_segments(e.draft)
    if ask.target is not None:
        index = ordinals.resolve(ask.target, len(segs))
        if index is None:
            value = ask.target
            e.missed("miss_index", index=value if value > 0 else len(segs) + 1, count=len(segs))
            return []
        segs = [segs[index]]
    scenes = [s for s in segs if dr.read_scene(SegmentView(s).source)]
    if not scenes:
        e.missed("miss_scene")
    return scenes


def frame(e: Edit) -> None:
    """Aspect ratio and resolution, in ``m``."""
    meta = e.draft.setdefault(KEY_META, {})
    aspect, res = e.asks.aspect, e.asks.resolution
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
    """Trim or extend: to a duration, by an amount, or scaled ("double", "much shorter"), as asked."""
    change = e.asks.length
    assert change is not None
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
    for key, values in apply_fades(e.draft, e.asks.fades):
        extra = {"sec": seconds(e.lang, values["ms"])} if "ms" in values else {}
        e.changed("fades", key, **extra)
