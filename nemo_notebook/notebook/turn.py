"""One ``%%nemo`` message at work: run it against a session, keep its result and view current,
and the named sessions and background jobs that messages run in."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from IPython.core.error import UsageError

from ..errors import NemoError
from .parsing import split_words
from .result import NemoResult

if TYPE_CHECKING:
    from ..sync import Session
    from .widgets import ResultView


@dataclass
class SessionRef:
    """A named session of this notebook and its background job, if any."""

    name: str
    id: str | None = None
    session: Session | None = None
    job: BackgroundJob | None = None
    language: str | None = None
    messages: int = 0


@dataclass(frozen=True, slots=True)
class TurnPlan:
    """What to do with one message: the routed action, and whether and how to export afterwards."""

    message: str
    action: str
    argument: str = ""
    export: bool = False
    export_path: Path | None = None
    mkdirs: bool = False
    resolution: str = "1080p"
    show_timeline: bool = True


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


async def _act(
    asession: Any, ref: SessionRef, result: NemoResult, view: ResultView, plan: TurnPlan
) -> None:
    from ..events import Done
    from .widgets import TimelineView

    chat = view.chat
    assert chat is not None
    if plan.action == "chat":
        async for event in asession.stream(plan.message):
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
    if result.state is not None and plan.show_timeline:
        view.show(timeline=TimelineView(result.state))


async def _export(asession: Any, result: NemoResult, view: ResultView, plan: TurnPlan) -> None:
    from .widgets import Player

    chat = view.chat
    assert chat is not None
    chat.set_status("exporting")
    chat.set_progress(0, "rendering…")
    result.video = await asession.export(
        plan.export_path,
        mkdirs=plan.mkdirs,
        resolution=plan.resolution,
        on_progress=lambda pct, status: chat.set_progress(pct, f"{status} {pct:.0f}%"),
    )
    view.show(player=Player.from_video(result.video, caption=result.prompt))
