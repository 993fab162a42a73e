"""The blocking facade: ``Client`` and ``Session`` run the async core on one private event loop.

Inside Jupyter a loop is already running in the thread; only then is ``nest_asyncio2`` applied to the
private loop, so a blocking call still blocks. Ctrl-C cancels the running call cleanly (a render is
cancelled on the backend, a stream is closed) and then propagates.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from .client import AsyncClient
from .events import Event
from .export import ProgressCallback
from .models import Asset, Credits, Reply, State, Video, versions_frame
from .preview import PreviewJob
from .resume import AsyncExport
from .session import AsyncSession
from .timeline import Timeline

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")
# Longest wait, when a client's loop is shut, for work still scheduled on it.
SHUTDOWN_WAIT_S = 2.0


class _Runner:
    """Owns the private loop and runs coroutines on it to completion."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._nested = False
        self._shut: weakref.finalize[Any, Any] | None = None

    def run(self, awaitable: Awaitable[T]) -> T:
        loop = self._ensure_loop()
        task = loop.create_task(_wrap(awaitable))
        try:
            return loop.run_until_complete(task)
        except BaseException:
            if not task.done():
                task.cancel()
                with contextlib.suppress(BaseException):
                    loop.run_until_complete(task)
            raise

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None or self._loop.is_closed():
            self._loop = asyncio.new_event_loop()
            self._nested = False
            # A client never closed (the usual notebook) still finishes its loop's last work at exit.
            self._shut = weakref.finalize(self, _shut_loop, self._loop)
        try:
            outer = asyncio.get_running_loop()
        except RuntimeError:
            outer = None
        if outer is not None and outer is not self._loop and not self._nested:
            import nest_asyncio2

            nest_asyncio2.apply(self._loop)
            self._nested = True
        return self._loop

    def close(self) -> None:
        self._loop = None
        if self._shut is not None:
            self._shut()


def _shut_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Let the loop finish what is still scheduled on it (closes of streams a consumer left early,
    queued by the async generator hooks), then close it."""
    if loop.is_closed() or loop.is_running():
        return
    with contextlib.suppress(Exception):
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        if pending:
            loop.run_until_complete(asyncio.wait(pending, timeout=SHUTDOWN_WAIT_S))
        loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()


async def _wrap(awaitable: Awaitable[T]) -> T:
    return await awaitable


class Client:
    """Blocking client: ``with Client() as client: session = client.session()``."""

    def __init__(
        self,
        base_url: str | None = None,
        token: str | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        platform: str | None = None,
        language: str | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        backend: str | None = None,
    ) -> None:
        self.aclient = AsyncClient(
            base_url,
            token,
            environ=environ,
            transport=transport,
            platform=platform,
            language=language,
            clock=clock,
            sleep=sleep,
            backend=backend,
        )
        self._runner = _Runner()

    def __repr__(self) -> str:
        return repr(self.aclient).replace("AsyncClient", "Client", 1)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections and the private loop."""
        if self._runner._loop is not None:
            self._runner.run(self.aclient.close())
        self._runner.close()

    @property
    def base_url(self) -> str | None:
        return self.aclient.base_url

    @property
    def upload_limit(self) -> int:
        return self.aclient.upload_limit

    @upload_limit.setter
    def upload_limit(self, value: int) -> None:
        self.aclient.upload_limit = value

    def session(self, session_id: str | None = None, *, language: str | None = None) -> Session:
        """A new session, or an existing one (verified by fetching its state)."""
        return Session(self, self._runner.run(self.aclient.session(session_id, language=language)))

    def credits(self) -> Credits:
        return self._runner.run(self.aclient.credits())

    def exports(self, limit: int = 100) -> list[Export]:
        """Exports started by this user in any process, newest first; ``wait()`` finishes one."""
        return [Export(self, item) for item in self._runner.run(self.aclient.exports(limit))]

    def run(self, awaitable: Awaitable[T]) -> T:
        """Run any coroutine of the async core on this client's loop."""
        return self._runner.run(awaitable)


class Export:
    """Blocking twin of ``AsyncExport``: a journalled export that ``wait()`` re-attaches to."""

    def __init__(self, client: Client, inner: AsyncExport) -> None:
        self._client = client
        self.inner = inner

    def __repr__(self) -> str:
        return repr(self.inner)

    @property
    def render_id(self) -> str:
        return self.inner.render_id

    @property
    def state(self) -> str:
        return self.inner.state

    @property
    def target(self) -> Path:
        return self.inner.target

    @property
    def session_id(self) -> str | None:
        return self.inner.session_id

    def wait(self, on_progress: Callable[[float, str], Any] | None = None) -> Video:
        """Finish this export (the same render, never a new one) and return the video."""
        return self._client.run(self.inner.wait(on_progress))


class Session:
    """Blocking twin of ``AsyncSession``."""

    def __init__(self, client: Client, inner: AsyncSession) -> None:
        self.client = client
        self.asession = inner

    def __repr__(self) -> str:
        return f"<Session {self.id or '(not created yet)'}>"

    @property
    def id(self) -> str | None:
        return self.asession.id

    @property
    def task_id(self) -> str | None:
        return self.asession.task_id

    @property
    def notices(self) -> list[str]:
        return self.asession.notices

    def stream(
        self,
        message: str,
        *,
        aspect: str | None = None,
        resolution: str | None = None,
        duration: float | None = None,
        language: str | None = None,
    ) -> Iterator[Event]:
        """Yield the reply's events as they arrive; closing the iterator closes the stream.
        Options are applied only when given (see ``chat``)."""
        agen: AsyncIterator[Event] = self.asession.stream(
            message, aspect=aspect, resolution=resolution, duration=duration, language=language
        )
        run = self.client._runner.run
        try:
            while True:
                try:
                    event = run(agen.__anext__())
                except StopAsyncIteration:
                    return
                yield event
        finally:
            with contextlib.suppress(Exception):
                run(agen.aclose())  # type: ignore[attr-defined]

    def chat(
        self,
        message: str,
        *,
        on_event: Callable[[Event], Any] | None = None,
        aspect: str | None = None,
        resolution: str | None = None,
        duration: float | None = None,
        language: str | None = None,
        preview: bool = False,
    ) -> Reply:
        """Send ``message`` and return the whole reply. ``aspect`` ("9:16"…), ``resolution``
        ("720p"…), ``duration`` (seconds) and ``language`` apply only when given. When the reply
        changed the draft and ``preview`` is set, a preview is made in the background and shows up
        as ``reply.preview``."""
        reply = self.client._runner.run(
            self.asession.chat(
                message,
                on_event=on_event,
                aspect=aspect,
                resolution=resolution,
                duration=duration,
                language=language,
            )
        )
        if preview and reply.changes and self.id is not None:
            job = PreviewJob(self.client.base_url, self.id).start()
            reply = dataclasses.replace(reply, preview_job=job)
        return reply

    def preview(self) -> Video:
        """A low-resolution render of the current draft, made now (480p or 360p)."""
        return self.client._runner.run(self.asession.preview())

    def upload(self, *items: str | os.PathLike[str]) -> list[Asset]:
        return self.client._runner.run(self.asession.upload(*items))

    def state(self) -> State:
        return self.client._runner.run(self.asession.state())

    def history(self) -> pd.DataFrame:
        """The session's saved versions as a table, one row per version (index ``version``)."""
        return versions_frame(self.client._runner.run(self.asession.history()))

    def restore(self, version: int) -> State:
        """Make ``version`` current again (as a new version) and return the new state."""
        return self.client._runner.run(self.asession.restore(version))

    def export(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        resolution: str | None = None,
        on_progress: ProgressCallback | None = None,
        mkdirs: bool = False,
        timeline: Timeline | dict[str, Any] | None = None,
    ) -> Video:
        """Render the current draft, or ``timeline`` as it is, to an MP4 at ``path``."""
        return self.client._runner.run(
            self.asession.export(
                path,
                resolution=resolution,
                on_progress=on_progress,
                mkdirs=mkdirs,
                timeline=timeline,
            )
        )

    def apply(self, timeline: Timeline | dict[str, Any]) -> State:
        """Make ``timeline`` the session's next draft (local backend; undoable like any edit)."""
        return self.client._runner.run(self.asession.apply(timeline))

    def cancel(self) -> None:
        self.client._runner.run(self.asession.cancel())
