"""One ``%%nemo`` message at work: run it against a session, keep its result and view current,
and the named sessions and background jobs that messages run in."""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from IPython.core.error import UsageError

from ..draft import KEY_PROMPT, DraftView
from ..errors import NemoError
from ..options import TurnOptions
from . import display
from .parsing import split_words
from .result import NemoResult

if TYPE_CHECKING:
    from ..sync import Session
    from .widgets import ResultView


@dataclass
class SessionRef:
    """A named session of this notebook and its background job, if any.

    ``draft`` is the draft after the last message this notebook sent; ``made`` maps each message
    that made a new video to the draft it made, so running it again can see later edits.
    """

    name: str
    id: str | None = None
    session: Session | None = None
    job: BackgroundJob | None = None
    language: str | None = None
    messages: int = 0
    draft: dict[str, Any] | None = None
    made: dict[str, str] = field(default_factory=dict)
    preview_view: ResultView | None = None  # the last reply view showing a preview


def draft_mark(draft: dict[str, Any] | None) -> str:
    """A short fingerprint of a draft's content."""
    text = json.dumps(draft, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def check_rerun(ref: SessionRef, message: str) -> None:
    """Refuse, in one line, to run a video-making message again over edits made after it."""
    made = ref.made.get(message)
    if made is not None and ref.draft is not None and draft_mark(ref.draft) != made:
        raise UsageError(
            f"%%nemo: session '{ref.name}' has edits made after this cell; running it again "
            "would replace them. Add --new for a fresh session or --session NAME for another one"
        )


def _remember(ref: SessionRef, message: str, draft: dict[str, Any] | None) -> None:
    """Keep the session's latest draft, and which message made it when it is a new video."""
    meta, old = DraftView(draft).meta.raw, DraftView(ref.draft).meta.raw
    prompt = meta.get(KEY_PROMPT)
    first = ref.draft is None and ref.messages <= 1  # not a session attached with its edits
    new_video = draft is not None and (first or (bool(prompt) and prompt != old.get(KEY_PROMPT)))
    if new_video:
        ref.made[message] = draft_mark(draft)
    if draft is not None:
        ref.draft = draft


@dataclass(frozen=True, slots=True)
class TurnPlan:
    """What to do with one message: the routed action, and whether and how to export afterwards."""

    message: str
    action: str
    argument: str = ""
    export: bool = False
    export_path: Path | None = None
    export_dir: Path | None = None
    mkdirs: bool = False
    resolution: str | None = None
    show_timeline: bool = True
    show_player: bool = True
    options: TurnOptions = field(default_factory=TurnOptions)
    preview: bool = False


class BackgroundJob:
    """A message running in a background thread on its own event loop; ``cancel()`` stops it now."""

    def __init__(self, work: Callable[[], Any], result: NemoResult | None = None) -> None:
        self._work = work
        self._result = result
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[Any] | None = None
        self._ready = threading.Event()
        self._cancelled = False
        self.thread = threading.Thread(target=self._main, name="nemo-bg", daemon=True)

    def start(self) -> None:
        self.thread.start()
        self._ready.wait(5)

    @property
    def running(self) -> bool:
        """True until the message has finished (closing connections afterwards does not count)."""
        finished = self._result is not None and self._result.done
        return self.thread.is_alive() and not finished

    def _main(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        try:
            self._task = loop.create_task(self._work())
            self._ready.set()
            if self._cancelled:
                self._task.cancel()
            loop.run_until_complete(asyncio.wait([self._task]))
        finally:
            self._ready.set()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def cancel(self) -> None:
        self._cancelled = True
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)


def describe(error: BaseException) -> str:
    """One line for the view: known errors as they are, others with their type."""
    if isinstance(error, NemoError | UsageError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def refresh(result: NemoResult) -> None:
    """Re-publish the output so its saved static fallback holds the final transcript."""
    if result.display_handle is not None and result.view is not None:
        result.display_handle.update(result.view)


async def run_turn(
    asession: Any, ref: SessionRef, result: NemoResult, view: ResultView, plan: TurnPlan
) -> None:
    """Run one message against ``asession``, updating ``result`` and ``view`` as it goes."""
    chat = view.chat
    assert chat is not None
    try:
        await _act(asession, ref, result, view, plan)
        if plan.export:
            await _export(asession, result, view, plan)
            _replace_preview(ref, view, result)
    except (asyncio.CancelledError, KeyboardInterrupt):
        chat.set_status("cancelled")
        result.finish("cancelled")
        refresh(result)
        raise
    except Exception as error:
        chat.set_status("error", error=describe(error))
        result.finish("error", describe(error))
        refresh(result)
        raise
    chat.set_status("done")
    result.finish("done")
    refresh(result)
    if plan.preview and plan.action == "chat" and result.changes and result.video is None:
        ref.preview_view = view
        start_preview(asession, result, view, lambda: ref.preview_view is view)


def _replace_preview(ref: SessionRef, view: ResultView, result: NemoResult) -> None:
    """The exported video takes the place of the preview in the reply that showed it."""
    from .widgets import Player

    shown, ref.preview_view = ref.preview_view, None
    player = shown.player if shown is not None else None
    if shown is None or shown is view or result.video is None or player is None:
        return
    if player.preview:
        shown.show(player=Player.from_video(result.video))


def start_preview(
    asession: Any, result: NemoResult, view: ResultView, wanted: Callable[[], bool] = lambda: True
) -> None:
    """Make a preview in the background: shown in ``view`` as soon as it can play (while it is
    still being written), kept as ``result.preview`` when done; an exported video wins
    (``wanted`` turns False once one has been exported)."""
    from ..preview import PreviewJob
    from .widgets import Player

    shown: list[Player] = []

    def on_live(status: Any) -> None:
        if result.video is not None or not status.live_url or not wanted():
            return
        player = Player(src_url=status.live_url, preview=True)
        shown.append(player)
        view.show(player=player)

    def on_done(video: Any) -> None:
        result.preview = video
        if result.video is not None or not wanted():
            return
        if shown and view.player is shown[0]:
            shown[0].show_video(video)
        elif view.player is None:
            view.show(player=Player.from_video(video, preview=True))
        refresh(result)

    if asession.id is None:
        return
    base_url = asession.client.base_url
    result.preview_job = PreviewJob(base_url, asession.id, on_live=on_live, on_done=on_done).start()


async def _act(
    asession: Any, ref: SessionRef, result: NemoResult, view: ResultView, plan: TurnPlan
) -> None:
    from ..events import Done
    from .widgets import TimelineView

    chat = view.chat
    assert chat is not None
    if plan.action == "chat":
        async for event in asession.stream(plan.message, **plan.options.as_arguments()):
            chat.feed(event)
            if isinstance(event, Done):
                result.reply = event.reply
                result.state = event.reply.state
        ref.messages += 1
    elif plan.action == "credits":
        result.credits = await asession.client.credits()
        chat.text = str(result.credits)
    elif plan.action == "state":
        result.state = await asession.state()
    elif plan.action == "upload":
        items = split_words(plan.argument, "usage: upload PATH|URL ...")
        if not items:
            raise UsageError("%%nemo: upload what? give a file path or an http(s) URL")
        result.assets = await asession.upload(*items)
        chat.text = "\n".join(f"- uploaded **{a.filename}** ({a.file_type})" for a in result.assets)
    ref.id = result.session_id = asession.id
    if result.state is not None:
        _remember(ref, plan.message, result.state.draft)
        if plan.show_timeline:
            view.show(timeline=TimelineView(result.state))


async def _export(asession: Any, result: NemoResult, view: ResultView, plan: TurnPlan) -> None:
    """Export the draft; the result gets the timeline of what was exported next to its video."""
    from ..export import default_path, video_title
    from .widgets import Player, TimelineView

    chat = view.chat
    assert chat is not None
    if result.state is None:
        result.state = await asession.state()
        if plan.show_timeline:
            view.show(timeline=TimelineView(result.state))
    draft = result.state.draft
    path = plan.export_path
    if path is None and plan.export_dir is not None:
        path = default_path(draft, plan.export_dir)
    chat.set_status("exporting")
    chat.set_progress(0, "rendering…")
    video = result.video = await asession.export(
        path,
        mkdirs=plan.mkdirs,
        resolution=plan.resolution,
        on_progress=lambda pct, label: chat.set_progress(pct, f"{pct:.0f}% · {label}"),
    )
    chat.add_file(display.export_summary(video_title(draft), video), video.path or video.url)
    if plan.show_player:
        view.show(player=Player.from_video(video))
