"""A draft (the timeline dict of protocol §6) as DataFrames, a one-line summary, diffs and OTIO.

Segment keys the client knows map to columns; every other key is kept in the ``meta`` column, so
drafts from any backend read the same way.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import pandas as pd

from .draft import (
    DraftView,
    MetaView,
    SegmentView,
    TrackKind,
    TrackView,
    is_generated,
    seconds_text,
    track_kind,
)
from .draft import summary as draft_summary

TRACK_TYPES = {kind.value: kind.name.lower() for kind in TrackKind}
MAPPED_KEYS = frozenset({"id", "st", "d", "n", "tx", "src", "vol"})
TRACK_COLUMNS = ["track", "id", "type", "name", "segments", "start_s", "end_s", "volume"]
SEGMENT_COLUMNS = [
    "track",
    "track_id",
    "type",
    "id",
    "start_s",
    "end_s",
    "duration_s",
    "label",
    "text",
    "source",
    "volume",
    "meta",
]
DIFF_COLUMNS = ["change", "track", "type", "id", "label", "fields", "before", "after"]
_FLOATS = {"start_s", "end_s", "duration_s", "volume"}
_FIELD_NAMES = {
    "st": "start",
    "d": "duration",
    "n": "label",
    "tx": "text",
    "src": "source",
    "vol": "volume",
    "fi": "fade-in",
    "fo": "fade-out",
    "tr": "transition",
    "mo": "motion",
    "sty": "style",
    "in": "in-point",
    "fit": "fit",
    "track": "track",
}


def track_type(tt: Any) -> str:
    """``video`` | ``audio`` | ``text`` | ``other:<tt>`` for a track's ``tt``."""
    kind = track_kind(tt)
    return kind.name.lower() if kind is not None else f"other:{tt}"


def fmt_seconds(seconds: float) -> str:
    """Seconds without a trailing ``.0``: 10.0 → ``10``, 2.5 → ``2.5``."""
    return seconds_text(seconds)


class _Seg(NamedTuple):
    """A segment with the track it sits on, used for matching and reporting."""

    track_index: int
    track_key: str
    track_name: str
    type: str
    position: int
    view: SegmentView

    @property
    def seg(self) -> dict[str, Any]:
        return self.view.raw

    @property
    def label(self) -> str:
        return self.view.label


def segment_label(seg: dict[str, Any], kind: str) -> str:
    """Text for text segments, else the label, else the source's name; never empty."""
    return SegmentView(seg, _KINDS.get(kind)).label


_KINDS = {kind.name.lower(): kind for kind in TrackKind}


def _tracks(draft: dict[str, Any] | None) -> list[TrackView]:
    return DraftView(draft).tracks


def _walk(draft: dict[str, Any] | None) -> Iterator[_Seg]:
    for ti, track in enumerate(_tracks(draft)):
        kind = track_type(track.tt)
        key = track.id or str(ti)
        for si, seg in enumerate(track.segments):
            yield _Seg(ti, key, track.name, kind, si, seg)


def _volume(seg: SegmentView) -> float:
    vol = seg.volume
    if vol is not None:
        return vol
    return 1.0 if seg.kind is TrackKind.AUDIO else math.nan


def _frame(
    columns: list[str], data: dict[str, list[Any]], ints: tuple[str, ...] = ()
) -> pd.DataFrame:
    import pandas as pd  # on first table, so a client that only chats never loads it

    frame = pd.DataFrame({c: data.get(c, []) for c in columns}, columns=columns)
    for column in columns:
        if column in _FLOATS:
            frame[column] = frame[column].astype("float64")
        elif column in ints:
            frame[column] = frame[column].astype("int64")
    return frame


class Timeline:
    """Read-only view of a draft: DataFrames, a summary line, diffs and an OTIO export."""

    def __init__(self, draft: dict[str, Any] | None) -> None:
        self.draft = draft if isinstance(draft, dict) else None

    @property
    def view(self) -> DraftView:
        """The draft's typed view (``nemo_notebook.draft``)."""
        return DraftView(self.draft)

    @property
    def meta(self) -> dict[str, Any]:
        return self.view.meta.raw

    @property
    def title(self) -> str | None:
        return self.view.meta.title or None

    @property
    def width(self) -> int | None:
        return self.view.meta.width

    @property
    def height(self) -> int | None:
        return self.view.meta.height

    @property
    def fps(self) -> float:
        return float(self.view.meta.fps)

    @property
    def duration(self) -> float:
        """Length in seconds: the draft's ``d``, else the end of its last segment."""
        return self.view.duration_ms / 1000

    def __len__(self) -> int:
        return len(_tracks(self.draft))

    @property
    def tracks(self) -> pd.DataFrame:
        """One row per track: index, id, type, name, segment count, span and mean audio volume."""
        rows: dict[str, list[Any]] = {c: [] for c in TRACK_COLUMNS}
        for ti, track in enumerate(_tracks(self.draft)):
            kind = track_type(track.tt)
            segs = track.segments
            starts = [s.start_ms for s in segs]
            ends = [s.end_ms for s in segs]
            vols = [_volume(s) for s in segs] if kind == "audio" else []
            for column, value in zip(
                TRACK_COLUMNS,
                (
                    ti,
                    track.id,
                    kind,
                    track.name,
                    len(segs),
                    min(starts) / 1000 if segs else math.nan,
                    max(ends) / 1000 if segs else math.nan,
                    sum(vols) / len(vols) if vols else math.nan,
                ),
                strict=True,
            ):
                rows[column].append(value)
        return _frame(TRACK_COLUMNS, rows, ints=("track", "segments"))

    @property
    def segments(self) -> pd.DataFrame:
        """One row per segment with times in float seconds; unmapped keys go to ``meta``."""
        data: dict[str, list[Any]] = {column: [] for column in SEGMENT_COLUMNS}
        for ti, tr in enumerate(_tracks(self.draft)):
            tt = track_type(tr.tt)
            segs = tr.segments
            n = len(segs)
            data["track"] += [tr.name] * n
            data["track_id"] += [tr.id or str(ti)] * n
            data["type"] += [tt] * n
            data["id"] += [seg.id for seg in segs]
            starts = [seg.start_ms / 1000 for seg in segs]
            durations = [seg.duration_ms / 1000 for seg in segs]
            data["start_s"] += starts
            data["end_s"] += [st + d for st, d in zip(starts, durations, strict=True)]
            data["duration_s"] += durations
            data["label"] += [seg.label for seg in segs]
            data["text"] += [seg.text or None for seg in segs]
            data["source"] += [seg.source or None for seg in segs]
            data["volume"] += [_volume(seg) for seg in segs]
            data["meta"] += [
                {k: v for k, v in seg.raw.items() if k not in MAPPED_KEYS} for seg in segs
            ]
        return _frame(SEGMENT_COLUMNS, data)

    def summary(self) -> str:
        """The one-line summary users know from the protocol."""
        return draft_summary(self.draft)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<Timeline {self.summary()}>"

    def diff(self, other: Timeline | dict[str, Any] | None) -> pd.DataFrame:
        """Segment changes from this timeline to ``other``: added, removed or changed fields."""
        after = other.draft if isinstance(other, Timeline) else other
        rows = []
        for kind, old, new, fields in _match(self.draft, after):
            ref = new or old
            assert ref is not None
            rows.append(
                (
                    kind,
                    ref.track_name,
                    ref.type,
                    ref.view.id,
                    ref.label,
                    list(fields),
                    _side(old, fields, kind),
                    _side(new, fields, kind),
                )
            )
        columns = [list(column) for column in zip(*rows, strict=True)] or [[]] * len(DIFF_COLUMNS)
        return _frame(DIFF_COLUMNS, dict(zip(DIFF_COLUMNS, columns, strict=True)))

    def to_otio(self) -> Any:
        """An ``opentimelineio.schema.Timeline``; needs the ``otio`` extra."""
        try:
            import opentimelineio as otio
        except ImportError as exc:
            raise ImportError(
                "Timeline.to_otio() needs OpenTimelineIO: pip install 'nemo-notebook[otio]'"
            ) from exc
        result = otio.schema.Timeline(name=self.title or "nemo timeline")
        result.metadata["nemo"] = {"m": dict(self.meta), "d": self.view.given_duration_ms}
        for track in _tracks(self.draft):
            for lane in _otio_tracks(otio, track, self.fps):
                result.tracks.append(lane)
        return result

    def _repr_html_(self) -> str:
        table = self.tracks.to_html(index=False, na_rep="")
        return f"<p>{html.escape(self.summary())}</p>{table}"


def _side(ref: _Seg | None, fields: tuple[str, ...], kind: str) -> dict[str, Any] | None:
    """One side of a diff row: the whole segment when added or removed, else only the changed fields."""
    if ref is None:
        return None
    if kind == "changed":
        return {field: ref.seg.get(field) for field in fields}
    return ref.seg


def _match(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> list[tuple[str, _Seg | None, _Seg | None, tuple[str, ...]]]:
    """Pair segments by id, falling back to (track, index); in the order of the after timeline."""
    old = list(_walk(before))
    by_id = {s.view.id: s for s in old if s.view.id}
    by_pos = {(s.track_key, s.position): s for s in old if not s.view.id}
    seen: set[int] = set()
    out: list[tuple[str, _Seg | None, _Seg | None, tuple[str, ...]]] = []
    for new in _walk(after):
        sid = new.view.id
        prev = by_id.get(sid) if sid else by_pos.get((new.track_key, new.position))
        if prev is None:
            out.append(("added", None, new, ()))
            continue
        seen.add(id(prev))
        fields = _changed_fields(prev, new)
        if fields:
            out.append(("changed", prev, new, fields))
    out.extend(("removed", s, None, ()) for s in old if id(s) not in seen)
    return out


def _changed_fields(old: _Seg, new: _Seg) -> tuple[str, ...]:
    keys = sorted(set(old.seg) | set(new.seg))
    fields = [k for k in keys if old.seg.get(k) != new.seg.get(k)]
    if old.track_key != new.track_key:
        fields.append("track")
    return tuple(fields)


@dataclass(frozen=True, slots=True)
class Change:
    """One change between two drafts, described the way the protocol reports silent edits."""

    kind: str
    track_type: str
    track: str
    segment_id: str | None
    label: str
    fields: tuple[str, ...]
    start_s: float | None
    end_s: float | None
    description: str

    def __str__(self) -> str:
        return self.description


def draft_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[Change]:
    """Every change from ``before`` to ``after``: canvas and metadata first, then segments."""
    changes = _meta_changes(before, after)
    for kind, old, new, fields in _match(before, after):
        ref = new or old
        assert ref is not None
        st, end = ref.view.start_ms / 1000, ref.view.end_ms / 1000
        if kind == "added":
            text = f"{ref.track_name} added: '{ref.label}' (" + _span(st, end) + ")"
        elif kind == "removed":
            text = f"{ref.track_name} removed: '{ref.label}'"
        else:
            assert old is not None and new is not None
            text = "; ".join(_describe_fields(old, new, fields))
        changes.append(
            Change(
                kind=kind,
                track_type=ref.type,
                track=ref.track_name,
                segment_id=ref.view.id or None,
                label=ref.label,
                fields=fields,
                start_s=st,
                end_s=end,
                description=text,
            )
        )
    return changes


def _span(start: float, end: float) -> str:
    return f"{fmt_seconds(start)}–{fmt_seconds(end)} s"


def _describe_fields(old: _Seg, new: _Seg, fields: tuple[str, ...]) -> list[str]:
    name, a, b = new.track_name, old.view, new.view
    parts: list[str] = []
    rest: list[str] = []
    for key in fields:
        if key == "vol":
            parts.append(f"{name} volume changed: {_pct(_volume(a))} → {_pct(_volume(b))}")
        elif key == "d":
            before, after = a.duration_ms / 1000, b.duration_ms / 1000
            verb = "trimmed" if after < before else "extended"
            parts.append(f"{name} {verb}: {fmt_seconds(before)} s → {fmt_seconds(after)} s")
        elif key == "st":
            before, after = a.start_ms / 1000, b.start_ms / 1000
            parts.append(f"{name} moved: {fmt_seconds(before)} s → {fmt_seconds(after)} s")
        elif key in ("tx", "n") and not (key == "n" and "tx" in fields):
            what = "text" if key == "tx" else "label"
            was, now = (a.text, b.text) if key == "tx" else (a.name, b.name)
            parts.append(_text_change(f"{name} {what}", was, now))
        elif key == "src":
            parts.append(f"{name} source replaced: '{new.label}'")
        elif key == "track":
            parts.append(f"'{new.label}' moved: {old.track_name} → {new.track_name}")
        elif key != "n":
            rest.append(_FIELD_NAMES.get(key, key))
    if rest:
        parts.append(f"{name} {', '.join(rest)} changed: '{new.label}'")
    return parts


def _text_change(what: str, before: str, after: str) -> str:
    """``X changed: 'a' → 'b'``, or ``set`` / ``removed`` when one side is empty (never ``''``)."""
    if before and after:
        return f"{what} changed: '{before}' → '{after}'"
    if after:
        return f"{what} set: '{after}'"
    return f"{what} removed: '{before}'"


def _pct(vol: float) -> str:
    return "–" if math.isnan(vol) else f"{round(vol * 100)}%"


def aspect_ratio(meta: dict[str, Any]) -> str | None:
    """``m.aspect`` or the reduced width:height (1920×1080 → ``16:9``)."""
    if meta.get("aspect"):
        return str(meta["aspect"])
    w, h = meta.get("width"), meta.get("height")
    if isinstance(w, int) and isinstance(h, int) and w > 0 and h > 0:
        g = math.gcd(w, h)
        return f"{w // g}:{h // g}"
    return None


def _meta_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[Change]:
    a, b = Timeline(before).meta, Timeline(after).meta
    if not before or not after or a == b:
        return []
    out: list[Change] = []

    def add(label: str, fields: tuple[str, ...], text: str) -> None:
        out.append(Change("changed", "meta", "", None, label, fields, None, None, text))

    if aspect_ratio(a) != aspect_ratio(b):
        add("canvas", ("aspect",), f"Canvas changed: {aspect_ratio(a)} → {aspect_ratio(b)}")
    elif (a.get("width"), a.get("height")) != (b.get("width"), b.get("height")):
        add(
            "canvas",
            ("width", "height"),
            f"Canvas changed: {a.get('width')}×{a.get('height')} → {b.get('width')}×{b.get('height')}",
        )
    if MetaView(a).title != MetaView(b).title:
        add(
            "title", ("title",), _text_change("Project title", MetaView(a).title, MetaView(b).title)
        )
    if a.get("res") != b.get("res") and a.get("res") and b.get("res"):
        add("resolution", ("res",), f"Resolution changed: {a.get('res')} → {b.get('res')}")
    if a.get("fps") != b.get("fps") and a.get("fps") and b.get("fps"):
        add("fps", ("fps",), f"Frame rate changed: {a.get('fps')} → {b.get('fps')} fps")
    return out


def _lanes(segs: list[SegmentView]) -> list[list[SegmentView]]:
    """Split overlapping segments into sequential lanes (OTIO tracks cannot overlap)."""
    lanes: list[list[SegmentView]] = []
    ends: list[float] = []
    for seg in sorted(segs, key=lambda s: s.start_ms):
        st = seg.start_ms
        lane = next((i for i, end in enumerate(ends) if end <= st), None)
        if lane is None:
            lanes.append([])
            ends.append(0.0)
            lane = len(lanes) - 1
        lanes[lane].append(seg)
        ends[lane] = seg.end_ms
    return lanes or [[]]


def _otio_tracks(otio: Any, track: TrackView, fps: float) -> list[Any]:
    name = track.name
    audio = track.kind is TrackKind.AUDIO
    otio_kind = otio.schema.TrackKind.Audio if audio else otio.schema.TrackKind.Video
    out = []
    for n, lane in enumerate(_lanes(track.segments), 1):
        lane_track = otio.schema.Track(name=name if n == 1 else f"{name} {n}", kind=otio_kind)
        lane_track.metadata["nemo"] = {k: v for k, v in track.raw.items() if k != "sg"}
        cursor = 0.0
        for seg in lane:
            st = seg.start_ms
            if st > cursor:
                lane_track.append(otio.schema.Gap(source_range=_range(otio, 0, st - cursor, fps)))
            lane_track.append(_otio_clip(otio, seg, fps))
            cursor = seg.end_ms
        out.append(lane_track)
    return out


def _range(otio: Any, start_ms: float, dur_ms: float, fps: float) -> Any:
    return otio.opentime.TimeRange(
        start_time=otio.opentime.RationalTime(start_ms * fps / 1000, fps),
        duration=otio.opentime.RationalTime(dur_ms * fps / 1000, fps),
    )


def _otio_clip(otio: Any, seg: SegmentView, fps: float) -> Any:
    src = seg.source
    if seg.kind is TrackKind.TEXT:
        ref = otio.schema.GeneratorReference(generator_kind="text", parameters={"text": seg.text})
    elif is_generated(src):
        ref = otio.schema.GeneratorReference(generator_kind="nemo", parameters={"src": src})
    elif src:
        ref = otio.schema.ExternalReference(target_url=src)
    else:
        ref = otio.schema.MissingReference()
    clip = otio.schema.Clip(
        name=seg.label,
        media_reference=ref,
        source_range=_range(otio, seg.in_ms, seg.duration_ms, fps),
    )
    clip.metadata["nemo"] = seg.raw
    return clip
