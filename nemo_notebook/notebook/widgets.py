"""The notebook widgets: ChatView, TimelineView, Player, ResultView and Gallery.

Each view is an ``AnyWidget`` whose state lives only in synced traitlets and whose ES module sits in
``js/`` (``nemo_notebook/_js`` in a wheel). Every widget also carries a static HTML fallback.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets
import traitlets as t

from . import display

Clock = Callable[[], float]
PREVIEW_CAPTION = "Preview (low resolution): export for the full-quality video"
# Sends are spaced a little over 1/max_rate apart, so delivery jitter cannot crowd max_rate + 1 of
# them into one second on the page.
JITTER_MARGIN = 1.05
# Past this much streamed text every update repaints a tall cell, which JupyterLab pays for on each
# one; a long reply then updates at half the rate (still several times a second, and the text it adds
# per update is what makes it readable anyway).
LONG_REPLY_CHARS = 16_000
LONG_REPLY_SLOWDOWN = 2.0
Scheduler = Callable[[float, Callable[[], None]], Any]


def js_dir() -> Path:
    """The ES modules: ``nemo_notebook/_js`` when installed from a wheel, else ``<repo>/js``."""
    packaged = Path(__file__).resolve().parent.parent / "_js"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "js"


def _bundle(base: Any, html_text: str, plain: str) -> tuple[dict, dict]:
    """The widget's own bundle (its live view) plus static ``text/html`` and ``text/plain`` fallbacks."""
    data, meta = base if isinstance(base, tuple) else (base, {})
    data = dict(data or {})
    meta = dict(meta or {})
    data["text/html"] = html_text
    data["text/plain"] = plain
    return data, meta


def _timer(delay: float, callback: Callable[[], None]) -> threading.Timer:
    timer = threading.Timer(delay, callback)
    timer.daemon = True
    timer.start()
    return timer


class ChatView(anywidget.AnyWidget):
    """The streaming reply: markdown text, tool chips, notices, the change report, errors, Cancel.

    ``feed(event)`` takes each stream event. Updates leave through one gate at most ``max_rate``
    times a second (half that once a reply is past ``LONG_REPLY_CHARS``); new text travels as an
    ``append`` message holding only what is new, and
    ``Done`` sets the exact final text on the synced ``text`` traitlet.
    """

    _esm = js_dir() / "chat.js"

    prompt = t.Unicode("").tag(sync=True)
    session = t.Unicode("").tag(sync=True)
    text = t.Unicode("").tag(sync=True)
    tools = t.List(t.Dict()).tag(sync=True)
    notice = t.Unicode("").tag(sync=True)
    changes = t.List(t.Unicode()).tag(sync=True)
    files = t.List(t.Dict()).tag(sync=True)
    silent = t.Bool(False).tag(sync=True)
    error = t.Unicode("").tag(sync=True)
    status = t.Unicode("idle").tag(sync=True)
    progress = t.Float(-1.0).tag(sync=True)
    progress_label = t.Unicode("").tag(sync=True)
    cancellable = t.Bool(False).tag(sync=True)

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        max_rate: float = 20.0,
        schedule: Scheduler | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._clock = clock or time.monotonic
        self._interval = JITTER_MARGIN / max_rate if max_rate > 0 else 0.0
        self._schedule = schedule or _timer
        self._lock = threading.RLock()
        self._parts: list[str] = []
        self._sent = ""
        self._tools: dict[str, dict[str, Any]] = {}
        self._pending: dict[str, Any] = {}
        self._last_flush = float("-inf")
        self._scheduled = False
        self._cancel_handlers: list[Callable[[], Any]] = []
        self.on_msg(self._on_frontend_msg)

    # -- events ------------------------------------------------------------------------------------

    def feed(self, event: Any) -> None:
        """Apply one stream event; synced traitlets follow at most ``max_rate`` times a second."""
        from .. import events as ev

        with self._lock:
            if isinstance(event, ev.Text):
                if event.text:
                    self._parts.append(event.text)
                    self._pending["streamed"] = True
                    self._pending["notice"] = ""
            elif isinstance(event, ev.ToolCall):
                key = event.id or f"{event.name}-{len(self._tools)}"
                self._tools[key] = {"id": key, "name": event.name, "status": "running",
                                    "t0": self._clock(), "elapsed": 0.0}  # fmt: skip
                self._pending["tools"] = True
            elif isinstance(event, ev.ToolResult):
                self._finish_tool(event)
            elif isinstance(event, ev.StillWorking):
                self._pending["notice"] = (
                    f"Still working… ({display.fmt_time(event.elapsed_s)} so far; long generations "
                    "can take several minutes)"
                )
            elif isinstance(event, ev.StreamError):
                self._pending["error"] = " ".join(event.message.split())
            elif isinstance(event, ev.Changes):
                self._pending["changes"] = [str(c) for c in event.changes]
                self._pending["silent"] = event.silent
            elif isinstance(event, ev.Done):
                self._done(event.reply)
                return
            self._maybe_flush()

    def _finish_tool(self, event: Any) -> None:
        key = event.id if event.id in self._tools else None
        if key is None:
            running = [
                k
                for k, v in self._tools.items()
                if v["name"] == event.name and v["status"] == "running"
            ]
            key = running[0] if running else None
        if key is None:
            return
        tool = self._tools[key]
        failed = isinstance(event.response, dict) and bool(event.response.get("error"))
        tool["status"] = "error" if failed else "done"
        measured = self._clock() - tool["t0"]
        tool["elapsed"] = event.work_s if event.work_s is not None else measured
        self._pending["tools"] = True

    def _done(self, reply: Any) -> None:
        self._parts = [reply.text] if reply.text else []
        self._pending["streamed"] = True  # the rest travels first as a small addition
        self._pending["text"] = reply.text
        self._pending["changes"] = [str(c) for c in reply.changes]
        self._pending["silent"] = bool(reply.silent)
        self._pending["notice"] = ""
        for tool in self._tools.values():
            if tool["status"] == "running":
                tool["status"] = "done"
                tool["elapsed"] = self._clock() - tool["t0"]
        self._pending["tools"] = True
        self._pending["status"] = "done"
        self.flush()

    # -- lifecycle the caller drives ----------------------------------------------------------------

    def start(self, prompt: str, *, session: str = "", cancellable: bool = False) -> None:
        """Show a new message as streaming."""
        with self._lock, self.hold_sync():
            self.prompt, self.session, self.cancellable = prompt, session, cancellable
            self.status, self.error = "streaming", ""

    def set_status(self, status: str, *, error: str = "") -> None:
        """Final or intermediate status (``exporting``, ``done``, ``cancelled``, ``error``)."""
        with self._lock:
            if error:
                self._pending["error"] = " ".join(error.split())
            self._pending["status"] = status
            if status in ("done", "cancelled", "error"):
                self._pending["progress"] = -1.0
                for tool in self._tools.values():
                    if tool["status"] == "running":
                        tool["status"] = "error" if status != "done" else "done"
                        tool["elapsed"] = self._clock() - tool["t0"]
                self._pending["tools"] = True
            self.flush()

    def set_progress(self, percent: float, label: str = "") -> None:
        """Export progress 0–100 (coalesced like the rest)."""
        with self._lock:
            self._pending["progress"] = max(0.0, min(100.0, float(percent)))
            self._pending["progress_label"] = label
            self._maybe_flush()

    def add_file(self, text: str, where: Path | str | None) -> None:
        """Say what was written where: ``text → name``, the name a link to the file."""
        with self._lock:
            self._pending["files"] = [*self.files, display.file_entry(text, where)]
            self.flush()

    def on_cancel(self, handler: Callable[[], Any]) -> None:
        """Call ``handler`` when the user presses Cancel in the view."""
        self._cancel_handlers.append(handler)

    def cancel(self) -> None:
        """What the Cancel button does, callable from Python too."""
        for handler in list(self._cancel_handlers):
            handler()

    def _on_frontend_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "cancel":
            self.cancel()
        elif kind == "resync":
            with self._lock:
                self.send({"type": "append", "at": 0, "text": self._sent})

    @property
    def streamed_text(self) -> str:
        """The text as the page has it: everything sent so far (the final text once done)."""
        return self._sent

    # -- the one gate every update leaves through --------------------------------------------------

    def _maybe_flush(self) -> None:
        """Send now if a full interval has passed since the last send, else make sure one is due."""
        if not self._pending or self._scheduled:
            return
        interval = self._interval
        if len(self._sent) > LONG_REPLY_CHARS:
            interval *= LONG_REPLY_SLOWDOWN
        wait = self._last_flush + interval - self._clock()
        if wait <= 0:
            self.flush()
        else:
            self._scheduled = True
            self._schedule(wait, self._due)

    def _due(self) -> None:
        with self._lock:
            self._scheduled = False
            self._maybe_flush()

    def flush(self) -> None:
        """Send everything pending now: new text as one ``append`` message, the rest in one sync."""
        with self._lock:
            pending, self._pending = self._pending, {}
            self._last_flush = self._clock()
            if pending.pop("streamed", False):
                self._send_append()
            if not pending:
                return
            if pending.pop("tools", False):
                pending["tools"] = [self._tool_state(v) for v in self._tools.values()]
            with self.hold_sync():
                for name, value in pending.items():
                    setattr(self, name, value)

    def _send_append(self) -> None:
        whole = "\n\n".join(self._parts)
        if whole.startswith(self._sent):
            at, delta = len(self._sent), whole[len(self._sent) :]
        else:
            at, delta = 0, whole
        self._sent = whole
        if delta or at == 0:
            self.send({"type": "append", "at": at, "text": delta})

    def _tool_state(self, tool: dict[str, Any]) -> dict[str, Any]:
        elapsed = self._clock() - tool["t0"] if tool["status"] == "running" else tool["elapsed"]
        return {
            "id": tool["id"],
            "name": tool["name"],
            "status": tool["status"],
            "elapsed": round(elapsed, 3),
        }

    # -- static display -----------------------------------------------------------------------------

    def static_html(self) -> str:
        text = self._sent or self.text
        return display.transcript_html(
            self.prompt,
            text,
            self.tools,
            self.changes,
            self.error,
            session=self.session,
            files=self.files,
        )

    def static_text(self) -> str:
        text = self._sent or self.text
        return display.transcript_text(
            self.prompt, text, self.changes, self.error, session=self.session, files=self.files
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict]:
        return _bundle(super()._repr_mimebundle_(**kwargs), self.static_html(), self.static_text())


class TimelineView(anywidget.AnyWidget):
    """Lanes per track, segments on a time ruler and a playhead; clicking a segment seeks to it."""

    _esm = js_dir() / "timeline.js"

    data = t.Dict().tag(sync=True)
    current_time = t.Float(0.0).tag(sync=True)

    def __init__(self, timeline: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.summary = ""
        self.update(timeline)

    def update(self, timeline: Any) -> None:
        """Show a draft, ``Timeline``, ``State`` or ``Reply``."""
        draft = display.draft_of(timeline)
        self.data = display.timeline_data(draft)
        if draft is not None:
            from ..timeline import Timeline

            self.summary = Timeline(draft).summary()
        else:
            self.summary = "Timeline (0 tracks): empty"

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict]:
        picture = display.timeline_svg(self.data)
        return _bundle(
            super()._repr_mimebundle_(**kwargs),
            f"<div><p>{html.escape(self.summary)}</p>{picture}</div>",
            self.summary,
        )


class Player(anywidget.AnyWidget):
    """Plays an MP4 from ``src_url``, or from its bytes sent over the widget channel on request.

    The bytes travel as a message buffer, never as widget state, so they are not saved in the notebook.
    """

    _esm = js_dir() / "player.js"

    src_url = t.Unicode("").tag(sync=True)
    has_bytes = t.Bool(False).tag(sync=True)
    mime = t.Unicode("video/mp4").tag(sync=True)
    poster = t.Unicode("").tag(sync=True)
    caption = t.Unicode("").tag(sync=True)
    current_time = t.Float(0.0).tag(sync=True)
    paused = t.Bool(True).tag(sync=True)
    duration = t.Float(0.0).tag(sync=True)
    width = t.Int(0).tag(sync=True)
    height = t.Int(0).tag(sync=True)
    preview = t.Bool(False).tag(sync=True)

    def __init__(self, path: str | Path | None = None, **kwargs: Any) -> None:
        if kwargs.get("preview") and not kwargs.get("caption"):
            kwargs["caption"] = PREVIEW_CAPTION
        super().__init__(**kwargs)
        self.path = Path(path) if path is not None else None
        self.has_bytes = self.path is not None
        self._poster_uri: str | None = None
        self.on_msg(self._on_frontend_msg)

    @classmethod
    def from_video(cls, video: Any, *, caption: str = "", preview: bool = False) -> Player:
        """A player for a ``Video`` from ``Session.export`` (or ``Session.preview``)."""
        return cls(
            path=video.path,
            src_url=video.url or "",
            poster=video.poster_url or "",
            caption=caption,
            duration=float(video.duration or 0.0),
            width=int(video.width or 0),
            height=int(video.height or 0),
            preview=preview,
        )

    def show_video(self, video: Any) -> None:
        """Play a finished ``Video`` (the page keeps its place in the video)."""
        self.path = video.path
        self._poster_uri = None
        with self.hold_sync():
            self.has_bytes = self.path is not None
            self.poster = video.poster_url or ""
            self.duration = float(video.duration or 0.0)
            self.width, self.height = int(video.width or 0), int(video.height or 0)
            self.src_url = video.url or ""

    def _on_frontend_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict) or content.get("type") != "bytes":
            return
        try:
            data = self.path.read_bytes() if self.path is not None else b""
        except OSError as error:
            self.send({"type": "error", "message": f"Cannot read {self.path}: {error.strerror}"})
            return
        if not data:
            self.send({"type": "error", "message": "No video file to play"})
            return
        self.send({"type": "bytes", "size": len(data)}, buffers=[data])

    def poster_uri(self) -> str | None:
        """A small embedded JPEG thumbnail of the file (readable anywhere), else the poster URL."""
        if self._poster_uri is None and self.path is not None:
            self._poster_uri = display.poster_data_uri(self.path) or ""
        return self._poster_uri or self.poster or None

    def static_html(self) -> str:
        meta = f"{self.width}×{self.height}, {self.duration:.1f} s" if self.width else ""
        url = self.src_url or None
        return display.video_html(
            path=self.path,
            url=url,
            poster=self.poster_uri(),
            caption=self.caption,
            meta=meta,
            size=(self.width, self.height),
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict]:
        where = str(self.path) if self.path is not None else self.src_url
        return _bundle(super()._repr_mimebundle_(**kwargs), self.static_html(), f"Video: {where}")


class ResultView(ipywidgets.VBox):
    """A message's chat, its exported video and the timeline, with the player's time linked to the playhead."""

    def __init__(
        self,
        chat: ChatView | None = None,
        timeline: TimelineView | None = None,
        player: Player | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.chat = chat
        self.timeline: TimelineView | None = None
        self.player: Player | None = None
        self._link: Any = None
        self.show(timeline=timeline, player=player)

    def show(self, *, timeline: TimelineView | None = None, player: Player | None = None) -> None:
        """Add or replace the timeline and the player."""
        if timeline is not None:
            self.timeline = timeline
        if player is not None:
            self.player = player
        parts = [self.chat, self.player, self.timeline]
        self.children = tuple(p for p in parts if p is not None)
        if self._link is not None:
            self._link.unlink()
            self._link = None
        if self.player is not None and self.timeline is not None:
            self._link = ipywidgets.jslink(
                (self.player, "current_time"), (self.timeline, "current_time")
            )

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict]:
        htmls, texts = [], []
        for part in (self.chat, self.player, self.timeline):
            if part is None:
                continue
            data, _ = part._repr_mimebundle_()
            htmls.append(data["text/html"])
            texts.append(data["text/plain"])
        return _bundle(
            super()._repr_mimebundle_(**kwargs),
            f'<div class="nemo-result">{"".join(htmls)}</div>',
            "\n".join(texts),
        )


class Gallery(ipywidgets.GridBox):
    """Players side by side with their prompts, for comparing what each prompt made."""

    def __init__(self, items: Iterable[tuple[str, Any]] = (), **kwargs: Any) -> None:
        kwargs.setdefault(
            "layout",
            ipywidgets.Layout(
                grid_template_columns="repeat(auto-fill, minmax(280px, 1fr))", grid_gap="12px"
            ),
        )
        super().__init__(**kwargs)
        self.items: list[tuple[str, Any]] = []
        self.players: list[Player | None] = []
        for prompt, video in items:
            self.add(prompt, video)

    def add(self, prompt: str, video: Any) -> None:
        """Add one prompt with its ``Video`` (or its MP4 path, or None when it failed)."""
        player = None
        if video is not None and not isinstance(video, str | Path):
            player = Player.from_video(video, caption=prompt)
        elif video:
            player = Player(path=video, caption=prompt)
        self.items.append((prompt, video))
        self.players.append(player)
        cell = player or ipywidgets.HTML(f"<div><em>no video</em> — {html.escape(prompt)}</div>")
        self.children = (*self._cells(), cell)

    def _cells(self) -> tuple[Any, ...]:
        """The grid's cells so far (``children`` is an untyped traitlet)."""
        return tuple(self.children)

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict]:
        figures = [
            p.static_html()
            if p is not None
            else f"<figure><em>no video</em><div>{html.escape(q)}</div></figure>"
            for (q, _), p in zip(self.items, self.players, strict=True)
        ]
        grid = "display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:12px"
        text = "\n".join(
            f"{q}: {p.path if p is not None else 'no video'}"
            for (q, _), p in zip(self.items, self.players, strict=True)
        )
        return _bundle(
            super()._repr_mimebundle_(**kwargs),
            f'<div class="nemo-gallery" style="{grid}">{"".join(figures)}</div>',
            text,
        )
