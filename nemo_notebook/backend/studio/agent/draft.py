"""Small operations on drafts shared by generation and edits: ids, tracks, sources, timing, text styles."""

from __future__ import annotations

import re
from typing import Any

from nemo_notebook.draft import (
    ASPECTS,
    DEFAULT_ASPECT,
    DEFAULT_FPS,
    DEFAULT_MUSIC_VOLUME,
    DEFAULT_RESOLUTION,
    DEFAULT_TEXT_COLOR,
    DEFAULT_TEXT_SIZE,
    KEY_ASPECT,
    KEY_BACKGROUND,
    KEY_COLOR,
    KEY_DURATION,
    KEY_FADE_IN,
    KEY_FADE_OUT,
    KEY_FPS,
    KEY_HEIGHT,
    KEY_ID,
    KEY_LANG,
    KEY_META,
    KEY_NEXT_ID,
    KEY_POSITION,
    KEY_PROMPT,
    KEY_RESOLUTION,
    KEY_ROLE,
    KEY_SEED,
    KEY_SIZE,
    KEY_TITLE,
    KEY_TRACKS,
    KEY_WIDTH,
    RESOLUTIONS,
    DraftView,
    SegmentView,
    TrackView,
    exact,
    fade_transition,
    frame_size,
    nearest_aspect,
    nearest_resolution,
    read_music,
    read_scene,
    scene_src,
    transition_length,
    with_transition_length,
)
from nemo_notebook.draft import music_src as _music_src

from .vocab import MOOD_BPM

Draft = dict[str, Any]
Segment = dict[str, Any]

FADE: dict[str, Any] = fade_transition(500)
MUSIC_VOLUME = DEFAULT_MUSIC_VOLUME
TITLE_MAX_MS = 3000
_ID_NUMBER = re.compile(r"^seg_(\d+)$")
_DRIFTS = (
    ((0.45, 0.5), (0.55, 0.5)),
    ((0.55, 0.5), (0.45, 0.5)),
    ((0.5, 0.45), (0.5, 0.55)),
    ((0.5, 0.55), (0.5, 0.45)),
)


def new_draft(
    *, d: int, title: str, prompt: str, seed: int, aspect: str, res: str, lang: str
) -> Draft:
    """An empty draft with the metadata the studio records."""
    width, height = frame_size(aspect, res)
    meta = {
        KEY_TITLE: title,
        KEY_WIDTH: width,
        KEY_HEIGHT: height,
        KEY_FPS: DEFAULT_FPS,
        KEY_ASPECT: aspect,
        KEY_RESOLUTION: res,
        KEY_SEED: seed,
        KEY_LANG: lang,
        KEY_PROMPT: prompt,
        KEY_NEXT_ID: 1,
    }
    return {KEY_DURATION: d, KEY_META: meta, KEY_TRACKS: []}


def set_canvas(draft: Draft, aspect: str | None = None, resolution: str | None = None) -> None:
    """Give ``draft`` another aspect and/or resolution (a name not given stays), with the matching size."""
    meta = draft.setdefault(KEY_META, {})
    new_aspect = aspect if aspect in ASPECTS else meta.get(KEY_ASPECT, DEFAULT_ASPECT)
    new_res = (
        resolution if resolution in RESOLUTIONS else meta.get(KEY_RESOLUTION, DEFAULT_RESOLUTION)
    )
    width, height = frame_size(new_aspect, new_res)
    meta.update(
        {KEY_ASPECT: new_aspect, KEY_RESOLUTION: new_res, KEY_WIDTH: width, KEY_HEIGHT: height}
    )


def new_id(draft: Draft) -> str:
    """The next ``seg_<n>`` id; the counter lives in ``m`` so ids never repeat within a draft."""
    meta = draft.setdefault(KEY_META, {})
    used = [
        int(m.group(1))
        for seg in segments(draft)
        if (m := _ID_NUMBER.match(str(seg.get(KEY_ID, ""))))
    ]
    number = max([int(meta.get(KEY_NEXT_ID, 1)), *(n + 1 for n in used)])
    meta[KEY_NEXT_ID] = number + 1
    return f"seg_{number}"


def complete_meta(draft: Draft, lang: str) -> None:
    """Fill the metadata a draft from elsewhere may lack, keeping what it has (its frame size decides the aspect)."""
    meta = draft.setdefault(KEY_META, {})
    w, h = meta.get(KEY_WIDTH), meta.get(KEY_HEIGHT)
    if KEY_ASPECT not in meta:
        meta[KEY_ASPECT] = nearest_aspect(w, h) if w and h else DEFAULT_ASPECT
    if KEY_RESOLUTION not in meta:
        meta[KEY_RESOLUTION] = nearest_resolution(w, h) if w and h else DEFAULT_RESOLUTION
    size = frame_size(meta[KEY_ASPECT], meta[KEY_RESOLUTION])
    meta.setdefault(KEY_WIDTH, size[0])
    meta.setdefault(KEY_HEIGHT, size[1])
    defaults = (
        (KEY_FPS, DEFAULT_FPS),
        (KEY_SEED, 0),
        (KEY_LANG, lang),
        (KEY_TITLE, ""),
        (KEY_PROMPT, ""),
    )
    for key, value in defaults:
        meta.setdefault(key, value)


def total_ms(draft: Draft) -> int:
    """The draft's duration: ``d``, or the end of its last segment when ``d`` is missing."""
    view = DraftView(draft)
    ends = [int(s.start_ms) + int(s.duration_ms) for _t, s in view.segments()]
    return int(view.given_duration_ms or max(ends, default=0))


def segments(draft: Draft) -> list[Segment]:
    """Every segment of every track."""
    return [seg.raw for _track, seg in DraftView(draft).segments()]


def track(draft: Draft, track_id: str, tt: int, label: str) -> dict[str, Any]:
    """The track with ``track_id``, created (in video, audio, text order) when missing."""
    view = DraftView(draft)
    for existing in view.tracks:
        if existing.id == track_id:
            return existing.raw
    created = {"id": track_id, "tt": tt, "n": label, "sg": []}
    view.set_tracks(sorted([*(t.raw for t in view.tracks), created], key=_track_order))
    return created


def _track_order(raw: dict[str, Any]) -> tuple[Any, str]:
    """Tracks sort by kind (video, audio, text), then id."""
    track = TrackView(raw)
    return (0 if track.tt is None else track.tt), track.id


def tracks_of(draft: Draft, tt: int) -> list[dict[str, Any]]:
    """Tracks of one type, in draft order."""
    return [t.raw for t in DraftView(draft).tracks if t.tt == tt]


def video_segments(draft: Draft) -> list[Segment]:
    """The main video track's segments, in time order."""
    tracks = tracks_of(draft, 0)
    if not tracks:
        return []
    return sorted(TrackView(tracks[0]).segment_dicts, key=lambda s: SegmentView(s).start_ms)


def text_segments(draft: Draft, role: str) -> list[Segment]:
    """Text segments with a role: "title" (or a text track named Title) or "caption"."""
    found = []
    for t in tracks_of(draft, 7):
        track = TrackView(t)
        for seg in track.segments:
            seg_role = seg.style.given_role or ("title" if track.name == "Title" else "caption")
            if seg_role == role:
                found.append(seg.raw)
    return found


def fit_span(st: int, d: int, total: int, shortest: int) -> tuple[int, int]:
    """A text's start and length moved inside a video of ``total`` ms, at least ``shortest`` long."""
    st = max(0, min(st, total - shortest))
    return st, max(shortest, min(d, total - st))


def carry_edge_fades(before: list[Segment], after: list[Segment]) -> None:
    """Keep the fade from black on the first segment and to black on the last when the video
    track is reordered, cut down or replaced."""
    if not before or not after:
        return
    fade_in, fade_out = SegmentView(before[0]).fade_in_ms, SegmentView(before[-1]).fade_out_ms
    for seg in after:
        SegmentView(seg).drop_fades()
    if fade_in:
        SegmentView(after[0]).fade_in_ms = exact(fade_in)
    if fade_out:
        SegmentView(after[-1]).fade_out_ms = exact(fade_out)


def music_segments(draft: Draft) -> list[Segment]:
    """Segments on audio tracks."""
    return [seg for t in tracks_of(draft, 1) for seg in TrackView(t).segment_dicts]


def drop_empty_tracks(draft: Draft) -> None:
    """Remove tracks left with no segments."""
    view = DraftView(draft)
    view.set_tracks([t.raw for t in view.tracks if t.segment_dicts])


def split_ms(total: int, weights: list[float]) -> list[int]:
    """Integer durations in proportion to ``weights`` that add up exactly to ``total``."""
    whole = sum(weights) or 1.0
    bounds = [round(total * sum(weights[: i + 1]) / whole) for i in range(len(weights))]
    return [b - a for a, b in zip([0, *bounds[:-1]], bounds, strict=True)]


def lay_out(segs: list[Segment]) -> None:
    """Place segments back to back from 0 with a fade into every one but the first."""
    start: float = 0
    for i, seg in enumerate(segs):
        view = SegmentView(seg)
        view.start_ms = start
        length = exact(view.duration_ms)
        start += length
        if i == 0:
            view.transition = None
        else:
            given = view.transition
            tr = FADE if given is None else given
            longest = min(int(transition_length(tr, transition_length(FADE))), length // 2)
            view.transition = with_transition_length(tr, longest)


def music_src(mood: str, seed: int) -> str:
    """A ``gen:music`` source with a tempo that suits the mood and varies a little with the seed."""
    return _music_src(mood, seed, MOOD_BPM[mood] + seed % 9 - 4)


def music_mood(src: str) -> str | None:
    """The mood of a ``gen:music`` source."""
    query = read_music(src)
    return query.mood if query else None


def with_seed(src: str, seed: int) -> str:
    """A ``gen:`` source with its seed replaced (and its tempo re-derived for music)."""
    if (mood := music_mood(src)) is not None:
        return music_src(mood, seed)
    if (scene := read_scene(src)) is not None:
        scene["seed"] = seed
        return scene_src(**scene)
    return src


def kenburns(index: int) -> dict[str, Any]:
    """Ken Burns motion for the ``index``-th photo: zoom in and out in turn, drifting a different way each time."""
    z0, z1 = (1.0, 1.12) if index % 2 == 0 else (1.12, 1.0)
    (x0, y0), (x1, y1) = _DRIFTS[index % len(_DRIFTS)]
    return {"type": "kenburns", "z0": z0, "z1": z1, "x0": x0, "y0": y0, "x1": x1, "y1": y1}


def music_segment(
    seg_id: str, *, src: str, label: str, d: int, start: int = 0, vol: float = MUSIC_VOLUME
) -> Segment:
    """A music segment at ``vol`` (the studio's default level) with gentle fades."""
    return {
        "id": seg_id,
        "st": start,
        "d": d,
        "n": label,
        "src": src,
        "in": 0,
        "vol": vol,
        "fi": min(1000, d // 4),
        "fo": min(2000, d // 3),
    }


def text_style(role: str, pos: str, d: float) -> dict[str, Any]:
    """The studio's look for a title (large, no box) or a caption (smaller, on a translucent box)."""
    fade = min(500, d // 4)
    style: dict[str, Any] = {
        KEY_POSITION: pos,
        KEY_COLOR: DEFAULT_TEXT_COLOR,
        KEY_SIZE: DEFAULT_TEXT_SIZE["title" if role == "title" else "caption"],
        KEY_FADE_IN: fade,
        KEY_FADE_OUT: fade,
        KEY_ROLE: role,
    }
    if role == "caption":
        style[KEY_BACKGROUND] = "#00000080"
    return style


def text_segment(seg_id: str, *, text: str, role: str, pos: str, st: float, d: float) -> Segment:
    """A title or caption segment."""
    label = "Title" if role == "title" else "Caption"
    return {"id": seg_id, "st": st, "d": d, "n": label, "tx": text, "sty": text_style(role, pos, d)}


def retime_text(seg: Segment, st: float, d: float) -> None:
    """Move a text segment and keep its fades inside it."""
    view = SegmentView(seg)
    view.start_ms, view.duration_ms = st, d
    sty = view.own_style()
    has_in, has_out = sty.has_fades
    if has_in:
        sty.fade_in_ms = min(500, d // 4)
    if has_out:
        sty.fade_out_ms = min(500, d // 4)


def title_span(total: int) -> tuple[int, int]:
    """A title's place: the first three seconds, or the whole video when shorter."""
    return 0, min(TITLE_MAX_MS, total)


def caption_span(image: Segment) -> tuple[float, float]:
    """A caption's place over its photo, inset so it appears after the fade in."""
    view = SegmentView(image)
    st, d = exact(view.start_ms), exact(view.duration_ms)
    inset = 300 if d >= 1500 else 0
    return st + inset, d - 2 * inset


def sync_captions(draft: Draft) -> None:
    """Keep captions tied to photos (``ref``) over their photo; drop those whose photo is gone."""
    by_id = {seg[KEY_ID]: seg for seg in video_segments(draft)}
    for t in tracks_of(draft, 7):
        kept = []
        track = TrackView(t)
        for seg in track.segment_dicts:
            ref = seg.get("ref")
            if ref is None:
                kept.append(seg)
            elif ref in by_id:
                retime_text(seg, *caption_span(by_id[ref]))
                kept.append(seg)
        track.set_segments(sorted(kept, key=lambda s: SegmentView(s).start_ms))
    drop_empty_tracks(draft)


def slideshow_durations(visuals: list[dict[str, Any]], total: int) -> list[int]:
    """Clips keep at most their own length; photos share what is left."""
    share = total // max(1, len(visuals))
    clip_ms = {
        i: min(share, int(a.get("duration") or share))
        for i, a in enumerate(visuals)
        if a.get("file_type") == "video"
    }
    photos = [i for i in range(len(visuals)) if i not in clip_ms]
    rest = split_ms(total - sum(clip_ms.values()), [1.0] * len(photos)) if photos else []
    by_photo = dict(zip(photos, rest, strict=True))
    return [clip_ms.get(i, by_photo.get(i, 0)) for i in range(len(visuals))]
