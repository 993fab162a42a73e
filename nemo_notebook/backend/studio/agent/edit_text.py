"""Edits of titles and captions: add, change, move, restyle, remove."""

from __future__ import annotations

from nemo_notebook.draft import (
    DEFAULT_TEXT_SIZE,
    TEXT_SIZE_MAX,
    TEXT_SIZE_MIN,
    DraftView,
    SegmentView,
    TrackView,
)

from . import draft as dr
from .asks import TextAsk, Timing
from .edit_state import Edit
from .replies import name, say, seconds


def texts(e: Edit) -> None:
    """Title and caption edits, each when its words (or a quote) appear; a place alone ("put it at the
    bottom") moves the title when there is one."""
    ask = e.asks.texts
    assert ask is not None
    for role, quoted in ask.roles:
        _text_edit(e, ask, role, quoted)
    if ask.move_title and dr.text_segments(e.draft, "title"):
        _text_edit(e, ask, "title", None)


def _asked_timing(e: Edit, ask: TextAsk, seg_d: int | None) -> Timing | None:
    """(start, length) in seconds as asked: "the first / last N seconds", "2 seconds longer", "at 5 s"."""
    total = int(DraftView(e.draft).duration_ms) / 1000
    if ask.window is not None:
        which, n = ask.window
        n = min(n, total)
        return (0.0, n) if which == "first" else (total - n, n)
    if ask.length is not None and seg_d is not None:
        return (None, max(0.5, ask.length.apply(seg_d / 1000)))
    return ask.timing


def _text_edit(e: Edit, ask: TextAsk, role: str, quoted: str | None) -> None:
    existing = dr.text_segments(e.draft, role)
    timing = _asked_timing(e, ask, int(SegmentView(existing[0]).duration_ms) if existing else None)
    new_text = quoted or ask.new_text
    pos = ask.position
    key = f"ch_{role}_"
    if ask.remove and not new_text:
        if not existing:
            e.missed(f"miss_{role}")
            return
        for t in dr.tracks_of(e.draft, 7):
            track = TrackView(t)
            track.set_segments([s for s in track.segment_dicts if s not in existing])
        dr.drop_empty_tracks(e.draft)
        for seg in existing:
            e.changed(f"remove_{role}", key + "removed", text=SegmentView(seg).text)
    elif existing and not new_text and _restyle(e, ask, role, existing):
        pass
    elif existing and pos and not quoted:
        for seg in existing:
            SegmentView(seg).own_style().position = pos
            e.changed(
                f"move_{role}",
                key + "moved",
                text=SegmentView(seg).text,
                pos=name(e.lang, "pos", pos),
                span=e.span(seg),
            )
    elif existing and new_text:
        seg = existing[0]
        SegmentView(seg).text = new_text
        if pos:
            SegmentView(seg).own_style().position = pos
        e.changed(f"change_{role}", key + "changed", text=new_text, span=e.span(seg))
        if role == "title":
            DraftView(e.draft).own_meta().title = new_text
    elif not existing and (quoted or ask.add or ask.new_text):
        _add_text(
            e,
            role,
            new_text or (DraftView(e.draft).meta.title if role == "title" else ""),
            pos,
            timing,
        )
        return
    elif not existing and ask.change and not timing:
        e.missed(f"miss_{role}")
    if timing:
        _retime(e, role, dr.text_segments(e.draft, role), timing)


def _retime(e: Edit, role: str, existing: list[dr.Segment], timing: Timing) -> None:
    """When texts of ``role`` come on and how long they stay, kept inside the video."""
    if not existing:
        e.missed(f"miss_{role}")
        return
    for seg in existing:
        if _place(e, seg, timing, alone=len(existing) == 1):
            text = SegmentView(seg).text
            e.changed(f"time_{role}", f"ch_{role}_timed", text=text, span=e.span(seg))


def _place(e: Edit, seg: dr.Segment, timing: Timing, *, alone: bool) -> bool:
    """Apply the asked start (to a lone text) and length, kept inside the video; True if it moved."""
    start, length = timing
    total = int(DraftView(e.draft).duration_ms)
    view = SegmentView(seg)
    before = (view.start_ms, view.duration_ms)
    want_st = int(view.start_ms) if start is None or not alone else round(start * 1000)
    want_d = int(view.duration_ms) if length is None else round(length * 1000)
    sty = view.style
    shortest = min(total, max(500, int(sty.fade_in_ms) + int(sty.fade_out_ms)))
    placed = dr.fit_span(want_st, want_d, total, shortest)
    view.start_ms, view.duration_ms = placed
    if placed != (want_st, want_d):
        e.misses.append(say(e.lang, "note_text_clamped", dur=seconds(e.lang, total)))
    return placed != before


def _restyle(e: Edit, ask: TextAsk, role: str, existing: list[dr.Segment]) -> bool:
    """Bigger, smaller or a named colour for every text of ``role``; False when the words ask for neither."""
    color, grow = ask.color, ask.grow
    if color is None and grow is None:
        return False
    for seg in existing:
        sty = SegmentView(seg).own_style()
        given = sty.size
        old = int(DEFAULT_TEXT_SIZE[role] if given is None else given)
        new_size = old
        if grow is not None:
            new_size = sty.size = max(TEXT_SIZE_MIN, min(TEXT_SIZE_MAX, round(old * grow)))
        if color is not None:
            sty.color = color
        what = " · ".join(
            [f"{old} px → {new_size} px"] * (grow is not None)
            + ([color] if color is not None else [])
        )
        e.changed(
            f"style_{role}",
            f"ch_{role}_styled",
            text=SegmentView(seg).text,
            what=what,
            span=e.span(seg),
        )
    return True


def _add_text(e: Edit, role: str, text: str, pos: str | None, timing: Timing | None) -> None:
    if not text:
        return
    total = int(DraftView(e.draft).duration_ms)
    st, d = dr.title_span(total) if role == "title" else (0, total)
    pos = pos or ("top-center" if role == "title" else "bottom-center")
    seg = dr.text_segment(dr.new_id(e.draft), text=text, role=role, pos=pos, st=st, d=d)
    if timing:
        _place(e, seg, timing, alone=True)
    track_id, label = ("trk_t1", "Title") if role == "title" else ("trk_t2", "Captions")
    TrackView(dr.track(e.draft, track_id, 7, label)).append(seg)
    if role == "title":
        DraftView(e.draft).own_meta().title = text
    e.changed(f"add_{role}", f"ch_{role}_added", text=text, span=e.span(seg))
