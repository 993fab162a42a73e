"""The segments table of a draft: one list of columns, each with the draft key it stands for.

Reading turns segments into rows people read (seconds, scene and file names). Writing starts from
the draft the table was read from and changes only the keys whose cells changed, so an unedited
table gives back exactly the same draft; new rows are built from their cells alone.
"""

from __future__ import annotations

import copy
import math
import numbers
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from . import draft as drafts
from .errors import TimelineError

if TYPE_CHECKING:
    import pandas as pd

TRACK_TYPES = {kind.value: kind.name.lower() for kind in drafts.TrackKind}
TRACK_CODES = {name: code for code, name in TRACK_TYPES.items()}
_SEG_ID = re.compile(r"^seg_(\d+)$")
PLACEHOLDER = re.compile(r"\{(\w+)\}")  # a template's ``{column}``, filled by ``from_table``
_PATH = re.compile(
    rf"^{drafts.KEY_TRACKS}\[(\d+)\]\.{drafts.KEY_SEGMENTS}\[(\d+)\]\.?(?:{drafts.KEY_STYLE}\.)?(\w*)"
)


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the segments table: the segment key it reads and writes, and its unit."""

    name: str
    key: str
    seconds: bool
    doc: str


# Every column of ``Timeline.segments`` in order; ``key`` is the segment key ("" when the column
# comes from the track or from other columns); the keys are ``draft``'s names. Text fades live in
# the segment's style (``sty``).
COLUMNS: tuple[Column, ...] = (
    Column("track", "", False, "the name of the track the segment sits on"),
    Column("kind", "", False, "video, audio or text (the track's type)"),
    Column(
        "name", drafts.KEY_NAME, False, "the segment's label: scene description, file name, 'Title'"
    ),
    Column("text", drafts.KEY_TEXT, False, "what a title or caption says"),
    Column(
        "source",
        drafts.KEY_SOURCE,
        False,
        "an uploaded file's name, a URL, or a generated scene or music",
    ),
    Column("start", drafts.KEY_START, True, "when it starts, seconds from the beginning"),
    Column("end", "", True, "when it ends, seconds (start + duration)"),
    Column("duration", drafts.KEY_DURATION, True, "how long it lasts, seconds"),
    Column("volume", drafts.KEY_VOLUME, False, "loudness 0–1; audio without one plays at 1"),
    Column("fade_in", drafts.KEY_FADE_IN, True, "fade in, seconds"),
    Column("fade_out", drafts.KEY_FADE_OUT, True, "fade out, seconds"),
)
SEGMENT_COLUMNS = [column.name for column in COLUMNS]
COLUMN_OF_KEY = {column.key: column.name for column in COLUMNS if column.key}
_FIELDS = tuple(column for column in COLUMNS if column.key)
_FLOATS = [column.name for column in COLUMNS if column.seconds] + ["volume"]


class Problem(NamedTuple):
    """A bad cell: its row key, its column and what is wrong with it."""

    row: str
    column: str
    message: str


class Row(NamedTuple):
    """A segment with where it sits: its row key, track index, track and kind."""

    key: str
    track_index: int
    track: dict[str, Any]
    kind: str
    seg: dict[str, Any]


def track_type(tt: Any) -> str:
    """``video`` | ``audio`` | ``text`` | ``other:<tt>`` for a track's ``tt``."""
    kind = drafts.track_kind(tt)
    return TRACK_TYPES[kind.value] if kind is not None else f"other:{tt}"


def kind_of(track: dict[str, Any]) -> str:
    """The ``track_type`` of a track dict."""
    return track_type(drafts.TrackView(track).tt)


def track_name(track: dict[str, Any], kind: str) -> str:
    return str(track.get(drafts.KEY_NAME) or kind.split(":")[0].capitalize())


def tracks_of(draft: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [track.raw for track in drafts.DraftView(draft).tracks]


def segments_of(track: dict[str, Any]) -> list[dict[str, Any]]:
    return drafts.TrackView(track).segment_dicts


def rows(draft: dict[str, Any] | None) -> Iterator[Row]:
    """Every segment with its row key: its id, or ``#<track>.<position>`` when it has none or a
    repeated one."""
    seen: set[str] = set()
    for ti, track in enumerate(tracks_of(draft)):
        kind = kind_of(track)
        for si, seg in enumerate(segments_of(track)):
            sid = seg.get(drafts.KEY_ID)
            key = sid if isinstance(sid, str) and sid and sid not in seen else f"#{ti}.{si}"
            seen.add(key)
            yield Row(key, ti, track, kind, seg)


# -- reading -----------------------------------------------------------------------------------


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _seconds(ms: Any) -> float:
    number = _number(ms)
    return math.nan if number is None else number / 1000


def _path(column: Column, kind: str) -> tuple[str, ...]:
    fades = (drafts.KEY_FADE_IN, drafts.KEY_FADE_OUT)
    return (
        (drafts.KEY_STYLE, column.key) if kind == "text" and column.key in fades else (column.key,)
    )


def _get(seg: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = seg
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def readable_source(src: Any, files: Mapping[str, str]) -> str | None:
    """An uploaded file's name, a generated scene's words (``sunset city``), ``Calm music``, or
    a URL's file name."""
    if not isinstance(src, str) or not src:
        return None
    return files.get(src) or drafts.source_label(src)


def cells(seg: dict[str, Any], kind: str, files: Mapping[str, str]) -> dict[str, Any]:
    """The table's cells for one segment (without track and kind)."""
    start = _seconds(seg.get(drafts.KEY_START))
    start = 0.0 if math.isnan(start) else start
    duration = _seconds(seg.get(drafts.KEY_DURATION))
    duration = 0.0 if math.isnan(duration) else duration
    volume = _number(seg.get(drafts.KEY_VOLUME))
    out: dict[str, Any] = {
        "name": _text(seg.get(drafts.KEY_NAME)),
        "text": _text(seg.get(drafts.KEY_TEXT)),
        "source": readable_source(seg.get(drafts.KEY_SOURCE), files),
        "start": start,
        "end": start + duration,
        "duration": duration,
        "volume": (1.0 if kind == "audio" else math.nan) if volume is None else volume,
    }
    for column in _FIELDS:
        if column.name.startswith("fade_"):
            out[column.name] = _seconds(_get(seg, _path(column, kind)))
    return out


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def segment_frame(draft: dict[str, Any] | None, files: Mapping[str, str]) -> pd.DataFrame:
    """One row per segment, indexed by segment id, in the columns of ``COLUMNS``."""
    import pandas as pd  # on the first table, so a client that only chats never loads it

    data: dict[str, list[Any]] = {name: [] for name in SEGMENT_COLUMNS}
    keys = []
    for row in rows(draft):
        keys.append(row.key)
        values = cells(row.seg, row.kind, files)
        values.update(track=track_name(row.track, row.kind), kind=row.kind)
        for name in SEGMENT_COLUMNS:
            data[name].append(values[name])
    frame = pd.DataFrame(data, index=pd.Index(keys, name="id", dtype=object))
    for name in _FLOATS:
        frame[name] = frame[name].astype("float64")
    return frame


# -- writing -----------------------------------------------------------------------------------


def missing(value: Any) -> bool:
    if value is None or isinstance(value, list | dict | tuple):
        return value is None
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def same(a: Any, b: Any) -> bool:
    """Equal as cells: both missing, numbers within a microsecond, or equal values."""
    if missing(a) or missing(b):
        return missing(a) and missing(b)
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return abs(x - y) < 1e-9
    return bool(a == b)


class _Writer:
    """Builds a new draft from an edited table, collecting every problem with its row and column."""

    def __init__(self, draft: dict[str, Any] | None, files: Mapping[str, str]) -> None:
        self.draft: dict[str, Any] = (
            copy.deepcopy(draft) if isinstance(draft, dict) else {drafts.KEY_TRACKS: []}
        )
        self.tracks = tracks_of(self.draft)
        self.originals = {row.key: row for row in rows(self.draft)}
        self.had = [bool(segments_of(t)) for t in self.tracks]
        self.placed: list[list[dict[str, Any]]] = [[] for _ in self.tracks]
        self.files = dict(files)
        self.sources = {
            readable_source(src, files): src
            for r in rows(draft)
            for src in [r.seg.get(drafts.KEY_SOURCE)]
        }
        self.sources.update({name: url for url, name in files.items()})
        self.problems: list[Problem] = []
        self.ids = {r.seg.get(drafts.KEY_ID) for r in self.originals.values()}
        self.edited: set[int] = set()

    def problem(self, key: Any, column: str, message: str) -> None:
        self.problems.append(Problem(str(key), column, message))

    def build(self, frame: pd.DataFrame) -> dict[str, Any]:
        seen: set[Any] = set()
        for key, values in zip(frame.index, frame.to_dict("records"), strict=True):
            old = self.originals.get(key) if isinstance(key, str) else None
            if old is not None and key in seen:
                self.problem(key, "id", "this row appears twice; give the copy a new id")
                continue
            seen.add(key)
            self.add_row(key, values, old)
        self.finish()
        self.limits()
        if self.problems:
            order = {str(key): n for n, key in enumerate(frame.index)}
            place = {name: n for n, name in enumerate(SEGMENT_COLUMNS)}
            self.problems.sort(key=lambda p: (order.get(p.row, -1), place.get(p.column, -1)))
            raise TimelineError(self.problems)
        return self.draft

    def limits(self) -> None:
        """The draft module's limits, reported on the rows they concern; only edited rows are
        checked, so a draft the backend made always comes back as it was."""
        tracks = tracks_of(self.draft)
        for problem in drafts.validate(self.draft):
            found = _PATH.match(problem.path)
            if found is None:
                if not problem.fixable:
                    self.problem("", problem.path, problem.message)
                continue
            ti, si = int(found.group(1)), int(found.group(2))
            seg = segments_of(tracks[ti])[si]
            if id(seg) in self.edited:
                key = found.group(3)
                message = problem.message.rsplit("; ", 1)[0] if problem.fixable else problem.message
                self.problem(
                    seg.get(drafts.KEY_ID) or f"#{ti}.{si}", COLUMN_OF_KEY.get(key, key), message
                )

    def add_row(self, key: Any, values: dict[str, Any], old: Row | None) -> None:
        index = self.place(key, values, old)
        if index is None:
            return
        kind = kind_of(self.tracks[index])
        seg = copy.deepcopy(old.seg) if old is not None else {drafts.KEY_ID: self.new_id(key)}
        before = cells(old.seg, old.kind, self.files) if old is not None else {}
        for column in _FIELDS:
            value = values.get(column.name, before.get(column.name))
            if column.name not in values or same(value, before.get(column.name)):
                continue
            self.write(seg, key, column, kind, value)
        end = values.get("end")
        if "end" in values and not same(end, before.get("end")):
            self.write_end(seg, key, end)
        self.check(seg, key, kind, is_new=old is None)
        if old is None or seg != old.seg:
            self.edited.add(id(seg))
        self.placed[index].append(seg)

    def place(self, key: Any, values: dict[str, Any], old: Row | None) -> int | None:
        """The index of the track the row goes on (created when a new track is named)."""
        name, kind = values.get("track"), values.get("kind")
        if old is not None and (missing(name) or name == track_name(old.track, old.kind)):
            if not missing(kind) and kind != old.kind:
                self.problem(key, "kind", f"is {old.kind}; move the row to a {kind} track instead")
                return None
            return old.track_index
        matches = [i for i, t in enumerate(self.tracks) if track_name(t, kind_of(t)) == name]
        if not missing(name) and matches:
            return matches[0]
        if missing(kind) or kind not in TRACK_CODES:
            where = "track" if missing(kind) else "kind"
            self.problem(
                key, where, "name a track of the timeline or give a kind: video, audio or text"
            )
            return None
        if missing(name):
            of_kind = [
                i for i, t in enumerate(self.tracks) if drafts.TrackView(t).tt == TRACK_CODES[kind]
            ]
            if of_kind:
                return of_kind[0]
        return self.new_track(str(name) if not missing(name) else kind.capitalize(), kind)

    def new_track(self, name: str, kind: str) -> int:
        ids = {t.get(drafts.KEY_ID) for t in self.tracks}
        n = 1
        while f"trk_{kind[0]}{n}" in ids:
            n += 1
        track_kind = drafts.TrackKind(TRACK_CODES[kind])
        self.tracks.append(drafts.new_track(f"trk_{kind[0]}{n}", track_kind, name))
        self.had.append(False)
        self.placed.append([])
        return len(self.tracks) - 1

    def new_id(self, key: Any) -> str:
        """The row's own key when it is a free name, else the next ``seg_<n>``."""
        if isinstance(key, str) and key and not key.startswith("#") and key not in self.ids:
            self.ids.add(key)
            return key
        given = self.draft.get(drafts.KEY_META)
        meta = given if isinstance(given, dict) else None
        used = [int(m.group(1)) for i in self.ids if isinstance(i, str) and (m := _SEG_ID.match(i))]
        number = max(
            [int(_number((meta or {}).get(drafts.KEY_NEXT_ID)) or 1), *(u + 1 for u in used)]
        )
        if meta is not None and drafts.KEY_NEXT_ID in meta:
            meta[drafts.KEY_NEXT_ID] = number + 1
        self.ids.add(f"seg_{number}")
        return f"seg_{number}"

    def write(self, seg: dict[str, Any], key: Any, column: Column, kind: str, value: Any) -> None:
        path = _path(column, kind)
        if missing(value):
            holder = _get(seg, path[:-1]) if len(path) > 1 else seg
            if isinstance(holder, dict):
                holder.pop(path[-1], None)
            return
        if column.seconds or column.name == "volume":
            number = _number(value)
            if number is None:
                self.problem(key, column.name, f"must be a number, not {value!r}")
                return
            value = round(number * 1000) if column.seconds else number
        elif column.name == "source":
            value = self.source(key, value)
            if value is None:
                return
        else:
            value = str(value)
        holder = seg
        for part in path[:-1]:
            holder = holder.setdefault(part, {})
        holder[path[-1]] = value

    def write_end(self, seg: dict[str, Any], key: Any, end: Any) -> None:
        number = _number(end)
        if number is None:
            self.problem(key, "end", f"must be a number, not {end!r}")
            return
        view = drafts.SegmentView(seg)
        view.duration_ms = round(number * 1000) - int(_number(seg.get(drafts.KEY_START)) or 0)

    def source(self, key: Any, value: Any) -> str | None:
        text = str(value).strip()
        if self.sources.get(text):
            return str(self.sources[text])
        if text.startswith(("gen:", "http://", "https://")) or PLACEHOLDER.fullmatch(text):
            return text
        self.problem(
            key,
            "source",
            f"{text!r} is not an uploaded file; give an uploaded file's name, "
            "an http(s) URL or a source from another row",
        )
        return None

    def check(self, seg: dict[str, Any], key: Any, kind: str, *, is_new: bool) -> None:
        start = _number(seg.get(drafts.KEY_START))
        length = _number(seg.get(drafts.KEY_DURATION))
        if start is None and is_new:
            self.problem(key, "start", "a new row needs a start time")
        if length is None or length <= 0:
            self.problem(key, "duration", "must be more than 0 (end after start)")
        if kind == "text" and not str(seg.get(drafts.KEY_TEXT) or "").strip():
            self.problem(key, "text", "a text row needs its text")
        if kind != "text" and not seg.get(drafts.KEY_SOURCE):
            self.problem(key, "source", "a video or audio row needs a source")
        for column in _FIELDS:
            fade = (
                _number(_get(seg, _path(column, kind))) if column.name.startswith("fade_") else None
            )
            if fade is not None and not 0 <= fade <= (length or 0):
                self.problem(key, column.name, "must be between 0 and the row's duration")

    def finish(self) -> None:
        """Put the rows on their tracks, drop tracks the edit emptied, and follow the new end."""
        old_end = _end(self.draft)
        kept = []
        for track, placed, had in zip(self.tracks, self.placed, self.had, strict=True):
            if placed or not had:
                if drafts.KEY_SEGMENTS in track or placed:
                    drafts.TrackView(track).set_segments(placed)
                kept.append(track)
        if isinstance(self.draft.get(drafts.KEY_TRACKS), list) or kept:
            self.draft[drafts.KEY_TRACKS] = kept
        length, new_end = _number(self.draft.get(drafts.KEY_DURATION)), _end(self.draft)
        if length is not None and length == old_end and new_end != old_end:
            drafts.DraftView(self.draft).set_duration_ms(round(new_end))


def _end(draft: dict[str, Any]) -> float:
    ends = [
        (_number(r.seg.get(drafts.KEY_START)) or 0) + (_number(r.seg.get(drafts.KEY_DURATION)) or 0)
        for r in rows(draft)
    ]
    return max(ends, default=0.0)


def draft_from_frame(
    draft: dict[str, Any] | None, frame: pd.DataFrame, files: Mapping[str, str]
) -> dict[str, Any]:
    """A new draft from ``draft`` with the segments of an edited table; raises ``TimelineError``
    naming the row and column of every bad cell."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TimelineError([Problem("", "", "needs a DataFrame like tl.segments")])
    return _Writer(draft, files).build(frame)
