"""Wire objects of the protocol as small immutable dataclasses, each built with ``from_wire``."""

from __future__ import annotations

import functools
import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from markdown_it import MarkdownIt

    from .events import Event
    from .timeline import Change, Timeline

from .limits import format_mb, seconds_to_ms

RENDER_FINAL = frozenset({"completed", "failed", "cancelled"})


def _int(value: Any) -> int | None:
    try:
        return None if value is None or value == "" else int(float(value))
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class Credits:
    """Credit balance; ``frozen`` is reserved by work in progress."""

    available: int
    frozen: int
    total: int

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Credits:
        available = _int(data.get("available")) or 0
        frozen = _int(data.get("frozen")) or 0
        total = _int(data.get("total"))
        return cls(available, frozen, available + frozen if total is None else total)

    def __str__(self) -> str:
        return f"{self.available} credits available ({self.frozen} reserved, {self.total} total)"


@dataclass(frozen=True, slots=True)
class Asset:
    """An uploaded file as the backend describes it; the wire's ``duration`` is in seconds."""

    filename: str
    file_type: str
    url: str
    duration_ms: int | None = None
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    hash: str | None = None

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Asset:
        return cls(
            filename=str(data.get("filename") or ""),
            file_type=str(data.get("file_type") or ""),
            url=str(data.get("cdn_url") or data.get("url") or ""),
            duration_ms=seconds_to_ms(_float(data.get("duration"))),
            width=_int(data.get("width")),
            height=_int(data.get("height")),
            fps=_float(data.get("fps")),
            hash=data.get("hash") or None,
        )


@dataclass(frozen=True)
class State:
    """The latest session state; ``timeline`` reads its draft."""

    session_id: str
    task_id: str | None = None
    task_name: str | None = None
    draft: dict[str, Any] | None = field(default=None, repr=False)
    video_infos: list[Any] = field(default_factory=list, repr=False)
    canvas_config: dict[str, Any] = field(default_factory=dict, repr=False)
    video_analyses: list[Any] = field(default_factory=list, repr=False)
    generated_media: list[Any] = field(default_factory=list, repr=False)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> State:
        inner = data.get("state")
        state = inner if isinstance(inner, dict) else data
        draft = state.get("draft")
        return cls(
            session_id=str(data.get("session_id") or ""),
            task_id=None if data.get("task_id") is None else str(data["task_id"]),
            task_name=data.get("task_name"),
            draft=draft if isinstance(draft, dict) else None,
            video_infos=list(state.get("video_infos") or []),
            canvas_config=dict(state.get("canvas_config") or {}),
            video_analyses=list(state.get("video_analyses") or []),
            generated_media=list(state.get("generated_media") or []),
            raw=data,
        )

    @property
    def timeline(self) -> Timeline:
        from .timeline import Timeline

        return Timeline(self.draft, self.video_infos)

    def _repr_html_(self) -> str:
        return self.timeline._repr_html_()


@dataclass(frozen=True, slots=True)
class Version:
    """One saved version of a session's draft (local backend): its number, when and why it was made, and
    what it holds at a glance. ``restores`` names the earlier version it went back to, if any."""

    version: int
    created: str | None
    message: str
    title: str
    duration_s: float
    aspect: str
    tracks: int
    segments: int
    restores: int | None = None

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Version:
        created = data.get("created")
        return cls(
            version=_int(data.get("version")) or 0,
            created=created if isinstance(created, str) else None,
            message=str(data.get("message") or ""),
            title=str(data.get("title") or ""),
            duration_s=(_float(data.get("duration_ms")) or 0.0) / 1000,
            aspect=str(data.get("aspect") or ""),
            tracks=_int(data.get("tracks")) or 0,
            segments=_int(data.get("segments")) or 0,
            restores=_int(data.get("restores")),
        )


def versions_frame(versions: list[Version]) -> pd.DataFrame:
    """Versions as a table for people: one row per version, indexed by its number."""
    import pandas as pd

    columns = [
        "created",
        "message",
        "title",
        "duration_s",
        "aspect",
        "tracks",
        "segments",
        "restores",
    ]
    rows = [{c: getattr(v, c) for c in ["version", *columns]} for v in versions]
    frame = pd.DataFrame(rows, columns=["version", *columns])
    frame["restores"] = frame["restores"].astype("Int64")
    return frame.set_index("version")


@dataclass(frozen=True, slots=True)
class RenderStatus:
    """One poll of a render job; reads the nested ``data`` form and the older top-level mirror.

    ``output.duration`` is in seconds on the wire and kept here in milliseconds.
    """

    id: str
    status: str
    progress: float = 0.0
    output_url: str | None = None
    error: str | None = None
    duration_ms: int | None = None
    size: int | None = None
    poster_url: str | None = None

    @classmethod
    def from_wire(cls, body: dict[str, Any]) -> RenderStatus:
        nested = body.get("data")
        data = nested if isinstance(nested, dict) else {}

        def pick(key: str) -> Any:
            value = data.get(key)
            return body.get(key) if value is None else value

        output = pick("output")
        output = output if isinstance(output, dict) else {}
        error = pick("error")
        if error is None and body.get("success") is False:
            error = body.get("error")
        return cls(
            id=str(pick("id") or ""),
            status=str(pick("status") or "pending"),
            progress=_float(pick("progress")) or 0.0,
            output_url=pick("outputUrl") or output.get("url") or None,
            error=None if error in (None, "") else str(error),
            duration_ms=seconds_to_ms(
                _float(output.get("duration") if "duration" in output else pick("duration"))
            ),
            size=_int(output.get("size") if "size" in output else pick("size")),
            poster_url=pick("posterUrl") or output.get("poster") or None,
        )

    @property
    def finished(self) -> bool:
        """True once the job is completed, failed or cancelled."""
        return self.status in RENDER_FINAL


@dataclass(frozen=True, slots=True)
class Video:
    """A rendered MP4: where it is, and what it is."""

    path: Path | None
    url: str | None
    width: int
    height: int
    duration: float
    size: int
    render_id: str
    poster_url: str | None = None

    @property
    def src(self) -> str:
        """A source a notebook page can load: a path relative to the working dir when possible."""
        if self.path is not None:
            try:
                return Path(os.path.relpath(self.path)).as_posix()
            except ValueError:
                return self.path.as_posix()
        return self.url or ""

    def _repr_html_(self) -> str:
        poster = f' poster="{html.escape(self.poster_url)}"' if self.poster_url else ""
        return (
            f'<video controls width="{min(self.width, 640) or 640}"{poster} '
            f'src="{html.escape(self.src)}"></video>'
            f"<div>{self.width}×{self.height}, {self.duration:.1f} s, "
            f"{format_mb(self.size)}</div>"
        )


@dataclass(frozen=True)
class Reply:
    """A whole chat reply; when the agent said nothing, its text is the change report.

    ``actions`` are the GUI steps the reply asked for (see ``gui.translate``); ``guidance`` is
    what the client did for them, or the one-line suggestion of the call that does them.
    """

    text: str
    events: tuple[Event, ...] = ()
    silent: bool = False
    changes: tuple[Change, ...] = ()
    session_id: str = ""
    state: State | None = field(default=None, repr=False)
    actions: tuple[str, ...] = ()
    guidance: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.text.strip() and not self.silent:
            return self.text
        if self.changes:
            return "\n".join([*(str(change) for change in self.changes), *self.guidance])
        return self.text or "No reply and no change to the timeline."

    def _repr_html_(self) -> str:
        """The reply's markdown as HTML, rendered in the renderer's safe mode.

        Raw HTML in the text shows as text and only http(s) and mail links survive, so a reply (which
        may repeat anything a prompt or an upload said) can never put script in the notebook page.
        """
        return _safe_markdown().render(str(self))


@functools.cache
def _safe_markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default")
