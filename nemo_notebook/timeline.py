"""A draft (the timeline dict of protocol §6) as DataFrames, a one-line summary, diffs and OTIO.

The segments table and its columns live in ``frames``; a ``Timeline`` reads a draft through it and
makes new timelines from edited tables or typed edits (``set_title``, ``trim``, ``music``, ...).
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import pandas as pd

from . import draft as drafts
from . import frames
from .draft import DraftView, SegmentView, TrackKind
from .frames import SEGMENT_COLUMNS as SEGMENT_COLUMNS
from .frames import kind_of, tracks_of

TRACK_COLUMNS = ["id", "kind", "name", "segments", "start", "end", "volume"]
DIFF_COLUMNS = ["change", "id", "track", "kind", "column", "before", "after"]
_FLOATS = {"start", "end", "volume"}
_FIELD_NAMES = {
    drafts.KEY_START: "start",
    drafts.KEY_DURATION: "duration",
    drafts.KEY_NAME: "label",
    drafts.KEY_TEXT: "text",
    drafts.KEY_SOURCE: "source",
    drafts.KEY_VOLUME: "volume",
    drafts.KEY_FADE_IN: "fade-in",
    drafts.KEY_FADE_OUT: "fade-out",
    drafts.KEY_TRANSITION: "transition",
    drafts.KEY_MOTION: "motion",
    drafts.KEY_STYLE: "style",
    drafts.KEY_IN: "in-point",
    drafts.KEY_FIT: "fit",
    "track": "track",
}


def fmt_seconds(seconds: float) -> str:
    """Seconds without a trailing ``.0``: 10.0 → ``10``, 2.5 → ``2.5``."""
    return f"{round(seconds, 2):.2f}".rstrip("0").rstrip(".")


def _ms(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _start(seg: dict[str, Any]) -> float:
    """The segment's start in ms as given (0 when not a number)."""
    return _ms(seg.get(drafts.KEY_START))


def _length(seg: dict[str, Any]) -> float:
    """The segment's duration in ms as given (0 when not a number)."""
    return _ms(seg.get(drafts.KEY_DURATION))


class _Seg(NamedTuple):
    """A segment with the track it sits on, used for matching and reporting."""

    track_index: int
    track_key: str
    track_name: str
    type: str
    position: int
    seg: dict[str, Any]

    @property
    def label(self) -> str:
        return segment_label(self.seg, self.type)


_KINDS = {"video": TrackKind.VIDEO, "audio": TrackKind.AUDIO, "text": TrackKind.TEXT}


def segment_label(seg: dict[str, Any], kind: str) -> str:
    """Text for text segments, else the label, the source's name or the kind; never empty."""
    return SegmentView(seg, _KINDS.get(kind)).label


_tracks = tracks_of
_track_name = frames.track_name
_segments = frames.segments_of


def _walk(draft: dict[str, Any] | None) -> Iterator[_Seg]:
    for ti, track in enumerate(_tracks(draft)):
        kind = kind_of(track)
        name = _track_name(track, kind)
        key = str(track.get(drafts.KEY_ID) or ti)
        for si, seg in enumerate(_segments(track)):
            yield _Seg(ti, key, name, kind, si, seg)


def _volume(seg: dict[str, Any], kind: str) -> float:
    vol = seg.get(drafts.KEY_VOLUME)
    if isinstance(vol, int | float) and not isinstance(vol, bool):
        return float(vol)
    return 1.0 if kind == "audio" else math.nan


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


def files_of(assets: Iterable[Any] | None) -> dict[str, str]:
    """Uploaded files as {url: file name}, from ``Asset`` objects or the state's ``video_infos``."""
    out: dict[str, str] = {}
    for asset in assets or ():
        if isinstance(asset, Mapping):
            url, name = asset.get("cdn_url") or asset.get("url"), asset.get("filename")
        else:
            url, name = getattr(asset, "url", None), getattr(asset, "filename", None)
        if isinstance(url, str) and url and isinstance(name, str) and name:
            out[url] = name
    return out


class Timeline:
    """A draft as DataFrames, a summary line, diffs and an OTIO export; edits return new timelines.

    ``assets`` (the session's uploads) let the tables show and take uploaded files by name.
    """

    def __init__(self, draft: dict[str, Any] | None, assets: Iterable[Any] | None = None) -> None:
        self.draft = draft if isinstance(draft, dict) else None
        self.files = files_of(assets)

    @property
    def raw(self) -> dict[str, Any] | None:
        """The draft itself, as the backend stores it (times in ms, every key)."""
        return self.draft

    @property
    def meta(self) -> dict[str, Any]:
        m = (self.draft or {}).get(drafts.KEY_META)
        return m if isinstance(m, dict) else {}

    @property
    def title(self) -> str | None:
        return self.meta.get(drafts.KEY_TITLE)

    @property
    def width(self) -> int | None:
        return self.meta.get(drafts.KEY_WIDTH)

    @property
    def height(self) -> int | None:
        return self.meta.get(drafts.KEY_HEIGHT)

    @property
    def fps(self) -> float:
        fps = self.meta.get(drafts.KEY_FPS)
        return float(fps) if isinstance(fps, int | float) and fps > 0 else 30.0

    @property
    def duration(self) -> float:
        """Length in seconds: the draft's ``d``, else the end of its last segment."""
        d = (self.draft or {}).get(drafts.KEY_DURATION)
        if isinstance(d, int | float) and d > 0:
            return d / 1000
        ends = [_start(s.seg) + _length(s.seg) for s in _walk(self.draft)]
        return max(ends, default=0.0) / 1000

    def __len__(self) -> int:
        return len(_tracks(self.draft))

    @property
    def tracks(self) -> pd.DataFrame:
        """One row per track: id, kind, name, segment count, span in seconds and mean audio volume."""
        rows: dict[str, list[Any]] = {c: [] for c in TRACK_COLUMNS}
        for track in _tracks(self.draft):
            kind = kind_of(track)
            segs = _segments(track)
            starts = [_start(s) for s in segs]
            ends = [st + _length(s) for st, s in zip(starts, segs, strict=True)]
            vols = [_volume(s, kind) for s in segs] if kind == "audio" else []
            for column, value in zip(
                TRACK_COLUMNS,
                (
                    str(track.get(drafts.KEY_ID) or ""),
                    kind,
                    _track_name(track, kind),
                    len(segs),
                    min(starts) / 1000 if segs else math.nan,
                    max(ends) / 1000 if segs else math.nan,
                    sum(vols) / len(vols) if vols else math.nan,
                ),
                strict=True,
            ):
                rows[column].append(value)
        return _frame(TRACK_COLUMNS, rows, ints=("segments",))

    @property
    def segments(self) -> pd.DataFrame:
        """One row per segment, indexed by id, in seconds and names (columns in ``frames.COLUMNS``).

        Edit it and pass it to ``with_segments`` to make a new timeline.
        """
        return frames.segment_frame(self.draft, self.files)

    # -- edits: each returns a new Timeline ---------------------------------------------------------

    def with_segments(self, segments: pd.DataFrame) -> Timeline:
        """A new timeline from an edited ``segments`` table (cells, order, rows added or dropped).

        Raises ``TimelineError`` naming the row and column of every bad cell.
        """
        return self._new(frames.draft_from_frame(self.draft, segments, self.files))

    def _new(self, draft: dict[str, Any]) -> Timeline:
        new = Timeline(draft)
        new.files = dict(self.files)
        return new

    def _edit_rows(self, rows: Any, column: str, value: Any) -> Timeline:
        table = self.segments
        table.loc[rows, column] = value
        return self.with_segments(table)

    def set_title(self, title: str) -> Timeline:
        """The project title and the title text on screen (added for the first 3 s when missing)."""
        table = self.segments
        titles = [
            row.key
            for row in frames.rows(self.draft)
            if row.kind == "text" and _is_title(row.seg, row.track)
        ]
        if titles:
            table.loc[titles, "text"] = title
        else:
            end = min(3.0, self.duration or 3.0)
            table.loc["title"] = {
                "track": "Title",
                "kind": "text",
                "name": "Title",
                "text": title,
                "start": 0.0,
                "end": end,
                "duration": end,
            }
        new = self.with_segments(table)
        assert new.draft is not None
        DraftView(new.draft).own_meta().title = title
        return new

    def set_text(self, row: str, text: str) -> Timeline:
        """The text of one title or caption row (by its id in ``segments``)."""
        return self._edit_rows(self._row(row), "text", text)

    def music(
        self,
        volume: float | None = None,
        *,
        fade_in: float | None = None,
        fade_out: float | None = None,
    ) -> Timeline:
        """Every audio row at ``volume`` (0–2), with fades in seconds where given."""
        table = self.segments
        audio = table.index[table["kind"] == "audio"]
        if not len(audio):
            from .errors import InputError

            raise InputError("This timeline has no music to change")
        for column, value in (("volume", volume), ("fade_in", fade_in), ("fade_out", fade_out)):
            if value is not None:
                table.loc[audio, column] = value
        return self.with_segments(table)

    def mute(self) -> Timeline:
        """The timeline without its audio tracks."""
        table = self.segments
        return self.with_segments(table[table["kind"] != "audio"])

    def drop(self, *rows: str) -> Timeline:
        """The timeline without these rows (segment ids)."""
        table = self.segments
        return self.with_segments(table.drop(index=[self._row(r) for r in rows]))

    def trim(self, seconds: float) -> Timeline:
        """The first ``seconds`` of the timeline: later rows dropped, longer ones cut short."""
        if not isinstance(seconds, int | float) or not seconds > 0:
            from .errors import InputError

            raise InputError(f"trim needs a length in seconds above 0, not {seconds!r}")
        table = self.segments
        table = table[table["start"] < seconds].copy()
        table["end"] = table["end"].clip(upper=seconds)
        for fade in ("fade_in", "fade_out"):
            table[fade] = table[fade].where(
                table[fade].isna(), table[fade].clip(upper=table["end"] - table["start"])
            )
        new = self.with_segments(table)
        assert new.draft is not None
        DraftView(new.draft).set_duration_ms(round(seconds * 1000))
        return new

    def _row(self, row: str) -> str:
        keys = self.segments.index
        if row not in keys:
            from .errors import InputError

            raise InputError(f"No row {row!r}; the rows are {', '.join(map(str, keys))}")
        return row

    def summary(self) -> str:
        """The one-line summary users know from the protocol."""
        tracks = _tracks(self.draft)
        items = []
        for i, track in enumerate(tracks, 1):
            kind = kind_of(track)
            parts = [_summary_part(seg, kind) for seg in _segments(track)]
            items.append(f"{i}. {_track_name(track, kind)}: {'; '.join(parts) or '(empty)'}")
        noun = "track" if len(tracks) == 1 else "tracks"
        return f"Timeline ({len(tracks)} {noun}): {' '.join(items) or 'empty'}"

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<Timeline {self.summary()}>"

    def diff(self, other: Timeline | dict[str, Any] | None) -> pd.DataFrame:
        """What changed from this timeline to ``other``: one row per changed cell, before and after."""
        after = other.draft if isinstance(other, Timeline) else other
        files = {**self.files, **(other.files if isinstance(other, Timeline) else {})}
        rows = _meta_rows(self.draft, after)
        for kind, old, new, fields in _match(self.draft, after):
            rows.extend(_diff_rows(kind, old, new, fields, files))
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
        result.metadata["nemo"] = {
            drafts.KEY_META: dict(self.meta),
            drafts.KEY_DURATION: (self.draft or {}).get(drafts.KEY_DURATION),
        }
        for track in _tracks(self.draft):
            for lane in _otio_tracks(otio, track, self.fps):
                result.tracks.append(lane)
        return result

    def _repr_html_(self) -> str:
        table = self.tracks.to_html(index=False, na_rep="")
        return f"<p>{html.escape(self.summary())}</p>{table}"


def _is_title(seg: dict[str, Any], track: dict[str, Any]) -> bool:
    """A title: its style says so, or it sits on a track named Title (as the studio makes them)."""
    role = SegmentView(seg).style.raw.get(drafts.KEY_ROLE)
    return role == "title" or (role is None and track.get(drafts.KEY_NAME) == "Title")


def _meta_rows(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[tuple]:
    """Diff rows for the project's metadata (title, canvas, ...); the id counter is left out."""
    a, b = Timeline(before).meta, Timeline(after).meta
    keys = sorted((set(a) | set(b)) - {drafts.KEY_NEXT_ID}, key=str)
    return [
        ("changed", "", "", "project", key, a.get(key), b.get(key))
        for key in keys
        if a.get(key) != b.get(key)
    ]


def _diff_rows(
    kind: str, old: _Seg | None, new: _Seg | None, fields: tuple[str, ...], files: dict[str, str]
) -> list[tuple]:
    ref = new or old
    assert ref is not None
    head = (kind, str(ref.seg.get(drafts.KEY_ID) or ""), ref.track_name, ref.type)
    if kind == "added":
        return [(*head, "", None, ref.label)]
    if kind == "removed":
        return [(*head, "", ref.label, None)]
    assert old is not None and new is not None
    a, b = frames.cells(old.seg, old.type, files), frames.cells(new.seg, new.type, files)
    out: list[tuple[Any, ...]] = []
    for field in fields:
        column = frames.COLUMN_OF_KEY.get(field)
        if field == "track":
            out.append((*head, "track", old.track_name, new.track_name))
        elif column is not None:
            out.append((*head, column, a[column], b[column]))
        else:
            out.append(
                (*head, _FIELD_NAMES.get(field, field), old.seg.get(field), new.seg.get(field))
            )
    return out


def _summary_part(seg: dict[str, Any], kind: str) -> str:
    st = _start(seg) / 1000
    end = st + _length(seg) / 1000
    span = f"{fmt_seconds(st)}-{fmt_seconds(end)}s"
    vol = seg.get(drafts.KEY_VOLUME)
    if kind == "audio" and isinstance(vol, int | float):
        span += f", {round(vol * 100)}%"
    text = seg.get(drafts.KEY_TEXT)
    name = f'"{text}"' if kind == "text" and text else segment_label(seg, kind)
    return f"{name} ({span})"


def _match(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> list[tuple[str, _Seg | None, _Seg | None, tuple[str, ...]]]:
    """Pair segments by id, falling back to (track, index); in the order of the after timeline."""
    old = list(_walk(before))
    by_id = {s.seg[drafts.KEY_ID]: s for s in old if s.seg.get(drafts.KEY_ID)}
    by_pos = {(s.track_key, s.position): s for s in old if not s.seg.get(drafts.KEY_ID)}
    seen: set[int] = set()
    out: list[tuple[str, _Seg | None, _Seg | None, tuple[str, ...]]] = []
    for new in _walk(after):
        sid = new.seg.get(drafts.KEY_ID)
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
        st = _start(ref.seg) / 1000
        end = st + _length(ref.seg) / 1000
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
                segment_id=ref.seg.get(drafts.KEY_ID),
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
    name, a, b = new.track_name, old.seg, new.seg
    parts: list[str] = []
    rest: list[str] = []
    for key in fields:
        if key == drafts.KEY_VOLUME:
            parts.append(
                f"{name} volume changed: {_pct(_volume(a, old.type))} → {_pct(_volume(b, new.type))}"
            )
        elif key == drafts.KEY_DURATION:
            before, after = _length(a) / 1000, _length(b) / 1000
            verb = "trimmed" if after < before else "extended"
            parts.append(f"{name} {verb}: {fmt_seconds(before)} s → {fmt_seconds(after)} s")
        elif key == drafts.KEY_START:
            before, after = _start(a) / 1000, _start(b) / 1000
            parts.append(f"{name} moved: {fmt_seconds(before)} s → {fmt_seconds(after)} s")
        elif key in (drafts.KEY_TEXT, drafts.KEY_NAME) and not (
            key == drafts.KEY_NAME and drafts.KEY_TEXT in fields
        ):
            what = "text" if key == drafts.KEY_TEXT else "label"
            parts.append(
                _text_change(f"{name} {what}", str(a.get(key) or ""), str(b.get(key) or ""))
            )
        elif key == drafts.KEY_SOURCE:
            parts.append(f"{name} source replaced: '{new.label}'")
        elif key == "track":
            parts.append(f"'{new.label}' moved: {old.track_name} → {new.track_name}")
        elif key != drafts.KEY_NAME:
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
    if meta.get(drafts.KEY_ASPECT):
        return str(meta[drafts.KEY_ASPECT])
    w, h = meta.get(drafts.KEY_WIDTH), meta.get(drafts.KEY_HEIGHT)
    if isinstance(w, int) and isinstance(h, int) and w > 0 and h > 0:
        g = math.gcd(w, h)
        return f"{w // g}:{h // g}"
    return None


def _meta_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[Change]:
    a, b = Timeline(before).meta, Timeline(after).meta
    if not before or not after or a == b:
        return []
    out: list[Change] = []
    width, height, title = drafts.KEY_WIDTH, drafts.KEY_HEIGHT, drafts.KEY_TITLE
    res, fps = drafts.KEY_RESOLUTION, drafts.KEY_FPS

    def add(label: str, fields: tuple[str, ...], text: str) -> None:
        out.append(Change("changed", "meta", "", None, label, fields, None, None, text))

    if aspect_ratio(a) != aspect_ratio(b):
        add(
            "canvas", (drafts.KEY_ASPECT,), f"Canvas changed: {aspect_ratio(a)} → {aspect_ratio(b)}"
        )
    elif (a.get(width), a.get(height)) != (b.get(width), b.get(height)):
        add(
            "canvas",
            (width, height),
            f"Canvas changed: {a.get(width)}×{a.get(height)} → {b.get(width)}×{b.get(height)}",
        )
    if a.get(title) != b.get(title):
        was, now = (str(m.get(title) or "") for m in (a, b))
        add("title", (title,), _text_change("Project title", was, now))
    if a.get(res) != b.get(res) and a.get(res) and b.get(res):
        add("resolution", (res,), f"Resolution changed: {a.get(res)} → {b.get(res)}")
    if a.get(fps) != b.get(fps) and a.get(fps) and b.get(fps):
        add("fps", (fps,), f"Frame rate changed: {a.get(fps)} → {b.get(fps)} fps")
    return out


def _lanes(segs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Split overlapping segments into sequential lanes (OTIO tracks cannot overlap)."""
    lanes: list[list[dict[str, Any]]] = []
    ends: list[float] = []
    for seg in sorted(segs, key=_start):
        st = _start(seg)
        lane = next((i for i, end in enumerate(ends) if end <= st), None)
        if lane is None:
            lanes.append([])
            ends.append(0.0)
            lane = len(lanes) - 1
        lanes[lane].append(seg)
        ends[lane] = st + _length(seg)
    return lanes or [[]]


def _otio_tracks(otio: Any, track: dict[str, Any], fps: float) -> list[Any]:
    kind = kind_of(track)
    name = _track_name(track, kind)
    otio_kind = otio.schema.TrackKind.Audio if kind == "audio" else otio.schema.TrackKind.Video
    out: list[tuple[Any, ...]] = []
    for n, lane in enumerate(_lanes(_segments(track)), 1):
        lane_track = otio.schema.Track(name=name if n == 1 else f"{name} {n}", kind=otio_kind)
        lane_track.metadata["nemo"] = {k: v for k, v in track.items() if k != drafts.KEY_SEGMENTS}
        cursor = 0.0
        for seg in lane:
            st = _start(seg)
            if st > cursor:
                lane_track.append(otio.schema.Gap(source_range=_range(otio, 0, st - cursor, fps)))
            lane_track.append(_otio_clip(otio, seg, kind, fps))
            cursor = st + _length(seg)
        out.append(lane_track)
    return out


def _range(otio: Any, start_ms: float, dur_ms: float, fps: float) -> Any:
    return otio.opentime.TimeRange(
        start_time=otio.opentime.RationalTime(start_ms * fps / 1000, fps),
        duration=otio.opentime.RationalTime(dur_ms * fps / 1000, fps),
    )


def _otio_clip(otio: Any, seg: dict[str, Any], kind: str, fps: float) -> Any:
    src = str(seg.get(drafts.KEY_SOURCE) or "")
    if kind == "text":
        ref = otio.schema.GeneratorReference(
            generator_kind="text", parameters={"text": str(seg.get(drafts.KEY_TEXT) or "")}
        )
    elif src.startswith("gen:"):
        ref = otio.schema.GeneratorReference(generator_kind="nemo", parameters={"src": src})
    elif src:
        ref = otio.schema.ExternalReference(target_url=src)
    else:
        ref = otio.schema.MissingReference()
    clip = otio.schema.Clip(
        name=segment_label(seg, kind),
        media_reference=ref,
        source_range=_range(otio, _ms(seg.get(drafts.KEY_IN)), _length(seg), fps),
    )
    clip.metadata["nemo"] = seg
    return clip
