"""``AsyncSession``: one NemoVideo session — its state, chat stream, uploads and export.

A session is created lazily with the first message's language. A 1002 (session gone) moves to a new
session once and leaves a notice; a chat message is never sent twice. Stream bookkeeping lives in
``streaming``, uploads in ``upload`` and rendering in ``export``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any

import httpx

from .errors import InputError, NemoError, NotSupported, ProtocolError, SessionNotFound
from .events import Changes, Done, Event, Text
from .export import ProgressCallback, cancel_render, export_draft, preview_draft
from .gui import SUGGESTIONS
from .language import detect_language
from .models import Asset, RenderStatus, Reply, State, Version, Video
from .options import OPTIONS_FIELD, TurnOptions
from .streaming import _Collected, _Dropped, read_events, state_after_drop
from .timeline import Timeline, draft_changes
from .upload import send_files, send_urls, sort_items
from .wire import APP, LOCAL_BACKEND

if TYPE_CHECKING:
    from .client import AsyncClient

log = logging.getLogger("nemo_notebook")

APPLY_ELSEWHERE = (
    "This backend cannot store an edited timeline; render it with "
    "s.export(path, timeline=tl) instead"
)
SESSION_GONE = "The previous session was not found; started a new one — the old timeline is gone."


SESSION_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def plain_session_id(value: str) -> bool:
    """True for an id that is safe in a URL path and a file name: no separators, not ``.``/``..``."""
    return SESSION_ID.fullmatch(value) is not None and value.strip(".") != ""


class AsyncSession:
    """One NemoVideo session: chat, uploads, state and export. Made by ``AsyncClient.session``."""

    def __init__(
        self, client: AsyncClient, session_id: str | None = None, *, language: str | None = None
    ) -> None:
        if session_id is not None and not plain_session_id(session_id):
            raise InputError(
                f"{session_id[:80]!r} is not a session id (letters, digits and . _ : - only)"
            )
        self.client = client
        self.id = session_id
        self.task_id: str | None = None
        self.language = language
        self.notices: list[str] = []
        self._renewed = False
        self._render_id: str | None = None
        self.last_render_id: str | None = None

    def __repr__(self) -> str:
        return f"<AsyncSession {self.id or '(not created yet)'}>"

    # -- session lifecycle --------------------------------------------------------------------------

    async def _create(self, language: str | None) -> None:
        lang = language or self.language or self.client.language or "en"
        data = await self.client.call(
            "POST",
            f"/api/tasks/me/with-session/{APP}",
            body=lambda: {"json": {"task_name": "project", "language": lang}},
        )
        if not isinstance(data, dict) or not data.get("session_id"):
            raise ProtocolError("The backend did not return a session id", received=data)
        if not plain_session_id(str(data["session_id"])):
            raise ProtocolError(
                "The backend returned a session id that is not a plain name",
                received=data["session_id"],
            )
        self.id = str(data["session_id"])
        self.task_id = None if data.get("task_id") is None else str(data["task_id"])
        self.language = lang
        self.client.note_bind_id(data)

    async def ensure(self) -> str:
        """The session id, creating the session on the backend first when there is none yet."""
        return await self._ensure()

    async def _ensure(self, language: str | None = None) -> str:
        if self.id is None:
            await self._create(language)
        assert self.id is not None
        return self.id

    async def _renew(self, error: SessionNotFound) -> None:
        """Replace a vanished session with a new one, once, and leave a notice for the user."""
        if self._renewed:
            raise error
        self._renewed = True
        self.id = None
        await self._create(self.language)
        self.notices.append(SESSION_GONE)
        log.warning(SESSION_GONE)

    async def _in_session(self, call: Callable[[str], Awaitable[Any]]) -> Any:
        """Run ``call(session_id)``; a 1002 starts a new session once and runs it again."""
        sid = await self._ensure()
        try:
            return await call(sid)
        except SessionNotFound as error:
            await self._renew(error)
            assert self.id is not None
            return await call(self.id)

    # -- state --------------------------------------------------------------------------------------

    async def _state_data(self, sid: str) -> dict[str, Any]:
        data = await self.client.call("GET", f"/api/state/{APP}/me/{sid}/latest")
        if not isinstance(data, dict):
            raise ProtocolError("The state reply has no data", received=data)
        self.client.note_bind_id(data)
        return data

    async def state(self) -> State:
        """The session's latest state (draft, media, analyses)."""
        data = await self._in_session(self._state_data)
        return State.from_wire(data)

    # -- versions (local backend) -------------------------------------------------------------------

    async def history(self) -> list[Version]:
        """Every saved version of this session's draft, oldest first (the local backend keeps them)."""

        async def fetch(sid: str) -> Any:
            return await self.client.call("GET", f"/api/state/{APP}/me/{sid}/history")

        data = await self._in_session(fetch)
        rows = data.get("versions") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise ProtocolError("The history reply has no versions", received=data)
        return [Version.from_wire(r) for r in rows if isinstance(r, dict)]

    async def restore(self, version: int) -> State:
        """Make ``version`` (from ``history()``) current again, as a new version that can itself be undone."""
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise InputError(f"version must be a version number from history(), not {version!r}")

        async def post(sid: str) -> Any:
            return await self.client.call(
                "POST",
                f"/api/state/{APP}/me/{sid}/restore",
                idempotent=False,
                body=lambda: {"json": {"version": version}},
            )

        await self._in_session(post)
        return await self.state()

    # -- chat ---------------------------------------------------------------------------------------

    async def chat(
        self,
        message: str,
        *,
        on_event: Callable[[Event], Any] | None = None,
        aspect: str | None = None,
        resolution: str | None = None,
        duration: float | None = None,
        language: str | None = None,
    ) -> Reply:
        """Send ``message`` and return the whole reply; ``on_event`` sees each event as it arrives.

        ``aspect`` ("16:9" | "9:16" | "1:1" | "4:5"), ``resolution`` ("1080p" | "720p"),
        ``duration`` (seconds) and ``language`` (ISO code) are options: applied only when given,
        and never added to the words of the message on the local backend.
        """
        reply: Reply | None = None
        stream = self.stream(
            message, aspect=aspect, resolution=resolution, duration=duration, language=language
        )
        async with contextlib.aclosing(stream) as events:
            async for event in events:
                if on_event is not None:
                    on_event(event)
                if isinstance(event, Done):
                    reply = event.reply
        assert reply is not None
        return reply

    async def stream(
        self,
        message: str,
        *,
        aspect: str | None = None,
        resolution: str | None = None,
        duration: float | None = None,
        language: str | None = None,
    ) -> AsyncGenerator[Event, None]:
        """Send ``message`` once and yield its events in arrival order, ending with ``Changes`` and
        ``Done``; the options are those of ``chat``."""
        text = message.strip() if isinstance(message, str) else ""
        if not text:
            raise InputError("The message is empty; say what to make or change")
        options = TurnOptions(aspect, resolution, duration, language)
        await self._ensure(
            language or self.language or self.client.language or detect_language(text)
        )
        if options and await self.client.takes_options():
            extra: dict[str, Any] = {OPTIONS_FIELD: options.given()}
        else:
            extra = {}
            if options.as_text():
                text = f"{text}\n\n{options.as_text()}"
        before = await self.state()
        collected = _Collected()
        dropped = False
        try:
            # Closed here, not by the garbage collector: a consumer that stops early (``break``) and
            # never closes its client would otherwise leave a close pending on a loop that is gone.
            async with contextlib.aclosing(
                read_events(self.client, lambda: self._post_chat(text, extra), collected)
            ) as events:
                async for event in events:
                    yield event
        except _Dropped:
            dropped = True
        after = await state_after_drop(self, before) if dropped else await self.state()
        changes = tuple(draft_changes(before.draft, after.draft))
        silent = not collected.texts
        guidance = tuple(await self._carry_out(collected.actions, after))
        for line in guidance:
            yield Text(line)
        yield Changes(changes, silent)
        reply = Reply(
            text="\n\n".join([*collected.texts, *guidance]),
            events=tuple(collected.events),
            silent=silent,
            changes=changes,
            session_id=self.id or "",
            state=after,
            actions=tuple(collected.actions),
            guidance=guidance,
        )
        yield Done(reply)

    async def _carry_out(self, actions: list[str], after: State) -> list[str]:
        """The GUI steps a reply asked for: read-only ones done through the API and reported,
        the others (export, drag-and-drop) as a one-line suggestion naming the call that does it."""
        lines: list[str] = []
        for action in dict.fromkeys(actions):
            if action == "show_credits":
                try:
                    lines.append(f"Credits: {await self.client.credits()}")
                except NemoError as error:
                    lines.append(f"{SUGGESTIONS[action]} ({error})")
            elif action in ("show_state", "show_timeline"):
                if not any(line.startswith("Timeline") for line in lines):
                    lines.append(f"Timeline: {after.timeline.summary()}")
            elif action in SUGGESTIONS:
                lines.append(SUGGESTIONS[action])
        return lines

    @contextlib.asynccontextmanager
    async def _post_chat(self, text: str, extra: dict[str, Any]) -> AsyncIterator[httpx.Response]:
        """Open the chat stream; a 1002 before anything streamed moves to a new session once."""
        sid = await self._ensure()
        async with contextlib.AsyncExitStack() as stack:
            try:
                reply = await stack.enter_async_context(
                    self.client._open_stream({**self._payload(sid, text), **extra})
                )
            except SessionNotFound as error:
                await self._renew(error)
                assert self.id is not None
                reply = await stack.enter_async_context(
                    self.client._open_stream({**self._payload(self.id, text), **extra})
                )
            yield reply

    @staticmethod
    def _payload(sid: str, text: str) -> dict[str, Any]:
        return {
            "app_name": APP,
            "user_id": "me",
            "session_id": sid,
            "new_message": {"parts": [{"text": text}]},
        }

    # -- files --------------------------------------------------------------------------------------

    async def upload(self, *items: str | os.PathLike[str]) -> list[Asset]:
        """Upload local files and/or http(s) URLs; files are checked before any byte is sent."""
        if not items:
            raise InputError("Nothing to upload; give a file path or an http(s) URL")
        paths, urls = sort_items(items, self.client.upload_limit)
        assets: list[Asset] = []
        if paths:
            assets += await self._in_session(lambda sid: send_files(self.client, sid, paths))
        if urls:
            assets += await self._in_session(lambda sid: send_urls(self.client, sid, urls))
        return assets

    # -- export -------------------------------------------------------------------------------------

    async def export(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        resolution: str | None = None,
        on_progress: ProgressCallback | None = None,
        mkdirs: bool = False,
        timeline: Timeline | dict[str, Any] | None = None,
    ) -> Video:
        """Render the current draft, or ``timeline`` as it is, to an MP4 at ``path`` and return what
        was made, at ``resolution`` ("1080p" | "720p") or, when not given, the draft's own.

        ``path``'s folder must exist unless ``mkdirs=True``; with no path the MP4 goes to the working dir.
        """
        draft = _draft_of(timeline) if timeline is not None else None
        return await export_draft(
            self, path, resolution=resolution, on_progress=on_progress, mkdirs=mkdirs, draft=draft
        )

    async def preview(
        self,
        *,
        on_live: Callable[[RenderStatus], Any] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Video:
        """A low-resolution render of the current draft (480p or 360p, made in seconds).

        ``on_live`` is told as soon as the preview can be played while it is still being written.
        """
        return await preview_draft(self, on_live=on_live, on_progress=on_progress)

    async def apply(self, timeline: Timeline | dict[str, Any]) -> State:
        """Make ``timeline`` the session's next draft (local backend; undoable like any edit)."""
        draft = _draft_of(timeline)
        if not draft:
            raise InputError("Nothing to apply: the timeline is empty")
        if (await self.client.meta()).get("backend") != LOCAL_BACKEND:
            raise NotSupported(APPLY_ELSEWHERE)
        sid = await self._ensure()
        try:
            data = await self.client.call(
                "POST",
                f"/api/state/{APP}/me/{sid}/draft",
                idempotent=False,
                body=lambda: {"json": {"draft": draft, "message": "applied from a notebook"}},
            )
        except NemoError as error:
            if error.status == 404 and error.code != SessionNotFound.default_code:
                raise NotSupported(APPLY_ELSEWHERE) from None
            raise
        return State.from_wire(data if isinstance(data, dict) else {})

    async def cancel(self) -> None:
        """Cancel the session's current render, if any."""
        if self._render_id is not None:
            await cancel_render(self, self._render_id)


def _draft_of(timeline: Timeline | dict[str, Any] | None) -> dict[str, Any] | None:
    if isinstance(timeline, Timeline):
        return timeline.draft
    if timeline is None or isinstance(timeline, dict):
        return timeline
    raise InputError(f"Expected a Timeline, not {type(timeline).__name__}")
