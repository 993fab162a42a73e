"""Edits of the video track's items: use the uploads, reorder, swap, drop."""

from __future__ import annotations

from nemo_notebook.draft import KEY_ID, KEY_NAME, DraftView, SegmentView, TrackKind, TrackView

from . import draft as dr
from . import ordinals
from .asks import ReorderAsk
from .draft import slideshow_durations
from .edit_state import Edit
from .replies import say, span
from .timing import set_total


def use_uploads(e: Edit) -> None:
    """ "use the uploaded images": the uploads replace the video track, as a Ken Burns slideshow."""
    visuals = [a for a in e.assets if a.get("file_type") in ("image", "video")]
    if not visuals:
        e.missed("miss_uploads")
        return
    tracks = dr.tracks_of(e.draft, TrackKind.VIDEO)
    video = tracks[0] if tracks else dr.track(e.draft, "trk_v1", TrackKind.VIDEO, "Video")
    total = int(DraftView(e.draft).duration_ms)
    before = dr.video_segments(e.draft)
    laid: list[dr.Segment] = []
    TrackView(video).set_segments(laid)
    for i, (asset, d) in enumerate(zip(visuals, slideshow_durations(visuals, total), strict=True)):
        seg = {
            "id": dr.new_id(e.draft),
            "st": 0,
            "d": d,
            "n": asset.get("filename") or say("en", "upload_label", index=i + 1),
            "src": asset["url"],
            "fit": "cover",
        }
        seg.update({"mo": dr.kenburns(i)} if asset.get("file_type") == "image" else {"in": 0})
        laid.append(seg)
    dr.lay_out(laid)
    dr.carry_edge_fades(before, laid)
    shown = int(sum(SegmentView(s).duration_ms for s in laid))
    if shown != total:
        set_total(e.draft, shown, e.assets)
    dr.sync_captions(e.draft)
    e.changed("use_uploads", "ch_uploads", count=len(visuals), span=span(e.lang, 0, shown))


def reorder(e: Edit) -> None:
    """Reverse, swap, move or drop photos and clips; ids stay, captions follow their photo."""
    ask = e.asks.reorder
    assert ask is not None
    segs = dr.video_segments(e.draft)
    marks = ask.marks
    if ask.kind == "reverse":
        order = segs[::-1]
    elif not segs:
        return
    elif ask.kind == "drop":
        _drop(e, segs, marks[0])
        return
    elif ask.kind == "swap":
        pair = _swap_pair(ask, len(segs))
        if pair is None:
            e.missed("miss_index", index=max([2, *marks]), count=len(segs))
            return
        order = list(segs)
        order[pair[0]], order[pair[1]] = order[pair[1]], order[pair[0]]
    else:
        source = ordinals.resolve(marks[0], len(segs))
        if source is None:
            e.missed("miss_index", index=marks[0], count=len(segs))
            return
        moved = segs[source]
        order = [s for s in segs if s is not moved]
        if ask.to_end:
            order.append(moved)
        else:
            order.insert(0, moved)
    _relay(e, segs, order)


def _swap_pair(ask: ReorderAsk, count: int) -> tuple[int, int] | None:
    if ask.pair == "first":
        return (0, 1) if count >= 2 else None
    if ask.pair == "last":
        return (count - 2, count - 1) if count >= 2 else None
    if len(ask.marks) < 2:
        return None
    a, b = ordinals.resolve(ask.marks[0], count), ordinals.resolve(ask.marks[1], count)
    return (a, b) if a is not None and b is not None and a != b else None


def _relay(e: Edit, before: list[dr.Segment], order: list[dr.Segment]) -> None:
    if [s[KEY_ID] for s in order] == [s[KEY_ID] for s in before]:
        return
    for new_index, seg in enumerate(order):
        view = SegmentView(seg)
        if view.has_motion:
            view.motion = dr.kenburns(new_index)
    dr.carry_edge_fades(before, order)
    dr.lay_out(order)
    TrackView(dr.tracks_of(e.draft, TrackKind.VIDEO)[0]).set_segments(order)
    dr.sync_captions(e.draft)
    e.changed(
        "reorder", "ch_order", order=", ".join(str(s.get(KEY_NAME, s[KEY_ID])) for s in order)
    )


def _drop(e: Edit, segs: list[dr.Segment], value: int) -> None:
    index = ordinals.resolve(value, len(segs))
    if index is None or len(segs) < 2:
        e.missed("miss_index", index=value if value > 0 else len(segs) + 1, count=len(segs))
        return
    gone = segs[index]
    kept = [s for s in segs if s is not gone]
    dr.carry_edge_fades(segs, kept)
    total = int(DraftView(e.draft).duration_ms)
    views = [SegmentView(s) for s in kept]
    for view, d in zip(views, dr.split_ms(total, [v.duration_ms for v in views]), strict=True):
        view.duration_ms = d
    dr.lay_out(kept)
    TrackView(dr.tracks_of(e.draft, TrackKind.VIDEO)[0]).set_segments(kept)
    dr.sync_captions(e.draft)
    e.changed("drop", "ch_dropped", index=index + 1, label=gone.get(KEY_NAME, gone[KEY_ID]))
