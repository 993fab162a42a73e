"""The async protocol client: ``AsyncClient`` (auth, headers, recovery) and ``AsyncSession`` (chat, files, export).

Building a client does no I/O; the backend is resolved on the first request (the embedded one when neither
``NEMO_BASE_URL`` nor ``NEMO_TOKEN`` is set). Recovery follows the protocol's table: one re-auth, one new
session, one wait on 429, bounded backoff for idempotent calls, and a chat message is never sent twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import mimetypes
import os
import tempfile
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from . import auth
from ._version import __version__
from .config import ClientConfig, normalise_base_url
from .environment import detect_language, detect_platform
from .errors import (
    AuthError,
    BackendUnavailable,
    FileTooLarge,
    InputError,
    NemoError,
    ProtocolError,
    RateLimited,
    RenderFailed,
    SessionNotFound,
    StreamDropped,
    StreamTimeout,
    UnsupportedFile,
    error_from_response,
)
from .events import (
    Changes,
    Done,
    Event,
    Heartbeat,
    StillWorking,
    StreamError,
    Text,
    ToolCall,
    ToolResult,
)
from .gui import translate
from .models import Asset, Credits, RenderStatus, Reply, State, Video
from .sse import ServerSentEvent, SSEDecoder, check_content_type, parse_frame
from .timeline import draft_changes

log = logging.getLogger("nemo_notebook")

APP = "nemo_agent"
DEFAULT_UPLOAD_LIMIT = 500_000_000
SESSION_GONE = "The previous session was not found; started a new one — the old timeline is gone."
ProgressCallback = Callable[[float, str], Any]


class AsyncClient:
    """Talks to one NemoVideo backend; use ``async with AsyncClient() as client`` or ``await close()``."""

    retries = 3
    backoff_start = 0.5
    backoff_cap = 4.0
    still_working_every = 120.0
    stream_idle_limit = 600.0
    drop_poll_intervals: tuple[float, ...] = (30.0, 60.0, 60.0, 60.0, 60.0)
    render_poll_cap = 30.0
    rate_limit_wait_cap = 120.0

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
    ) -> None:
        self.config = ClientConfig.from_env(
            environ, base_url=base_url, token=token, clock=clock, sleep=sleep
        )
        self._environ = environ
        self._transport = transport
        self._platform = platform
        self.language = language
        self.upload_limit = DEFAULT_UPLOAD_LIMIT
        self._http: httpx.AsyncClient | None = None
        self._base_url: str | None = self.config.base_url
        self._identity: str | None = None
        self._token: auth.CachedToken | None = None
        self._client_id: str | None = None
        self._lock: asyncio.Lock | None = None
        self._closed = False

    def __repr__(self) -> str:
        where = self._base_url or ("embedded" if self.config.embedded else "unresolved")
        return f"<AsyncClient {where}>"

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the connection pool; the client cannot be used afterwards."""
        self._closed = True
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    # -- public calls -------------------------------------------------------------------------------

    @property
    def base_url(self) -> str | None:
        """The backend URL once resolved (the embedded backend's after the first request)."""
        return self._base_url

    @property
    def user_id(self) -> str | None:
        return self._token.user_id if self._token else None

    @property
    def is_local(self) -> bool:
        host = urlsplit(self._base_url or "").hostname or ""
        return self.config.embedded or host in ("127.0.0.1", "localhost", "::1")

    async def session(
        self, session_id: str | None = None, *, language: str | None = None
    ) -> AsyncSession:
        """A new session (created with the first message's language) or an existing one, verified."""
        session = AsyncSession(self, session_id, language=language)
        if session_id is not None:
            await session.state()
        return session

    async def credits(self) -> Credits:
        """The credit balance of the current user."""
        data = await self.call("GET", "/api/credits/balance/simple")
        return Credits.from_wire(data if isinstance(data, dict) else {})

    # -- plumbing -----------------------------------------------------------------------------------

    async def _ensure(self) -> httpx.AsyncClient:
        """Resolve the backend, open the pool and have a token, once."""
        if self._closed:
            raise NemoError("The client is closed")
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self._http is None:
                await self._open()
            if self._token is None or self._token.expired():
                await self._authenticate()
        assert self._http is not None
        return self._http

    async def _open(self) -> None:
        if self.config.embedded:
            from .backend.embedded import ensure_server

            server = await asyncio.to_thread(ensure_server)
            self._base_url = normalise_base_url(server.url)
            self._identity = server.identity
        timeouts = self.config.timeouts
        self._http = httpx.AsyncClient(
            base_url=self._base_url or "",
            transport=self._transport,
            timeout=httpx.Timeout(timeouts.read, connect=timeouts.connect),
            headers=self._skill_headers(),
            follow_redirects=True,
        )

    def _skill_headers(self) -> dict[str, str]:
        platform = self._platform or detect_platform(self._environ)
        return {
            "X-Skill-Source": "nemo-notebook",
            "X-Skill-Version": __version__,
            "X-Skill-Platform": platform,
        }

    async def _authenticate(self, *, force: bool = False) -> None:
        """Use the explicit token, else a cached anonymous one, else fetch a fresh one."""
        if self.config.token is not None:
            self._token = auth.CachedToken(self.config.token, None, None)
            return
        identity = await self._backend_identity()
        cache = auth.TokenCache(self.config.config_dir)
        cached = None if force else cache.get(identity)
        if cached is not None and not cached.expired():
            self._token = cached
            return
        self._token = await self._fetch_anonymous_token()
        cache.put(identity, self._token)

    async def _backend_identity(self) -> str:
        """The token cache key: ``/api/meta`` identity when the backend answers it, else the URL."""
        if self._identity is None:
            assert self._http is not None
            identity = None
            with contextlib.suppress(httpx.HTTPError, ValueError):
                reply = await self._http.get("/api/meta")
                if reply.status_code == 200:
                    data = reply.json().get("data") or {}
                    identity = data.get("identity") if isinstance(data, dict) else None
            self._identity = str(identity) if identity else (self._base_url or "")
        return self._identity

    async def _fetch_anonymous_token(self) -> auth.CachedToken:
        assert self._http is not None
        config_dir = self.config.config_dir
        if self._client_id is None:
            self._client_id = auth.load_client_id(config_dir, self.config.client_id)
        label = "POST /api/auth/anonymous-token"
        fresh_id = waited = False
        while True:
            try:
                reply = await self._http.post(
                    "/api/auth/anonymous-token", headers={"X-Client-Id": self._client_id}
                )
            except httpx.TransportError:
                raise BackendUnavailable(url=self._base_url, request=label) from None
            error = self._error(reply, label)
            if error is None:
                return auth.CachedToken.from_wire(_json(reply).get("data"))
            if reply.status_code == 400 and not fresh_id and self.config.client_id is None:
                fresh_id = True
                self._client_id = auth.new_client_id(config_dir)
                continue
            if isinstance(error, RateLimited) and not waited and self._short(error):
                waited = True
                await self.config.sleep(error.retry_after)
                continue
            raise error

    def _error(self, reply: httpx.Response, label: str) -> NemoError | None:
        """The protocol error in ``reply``, or None when it is a success."""
        body = _json(reply) if reply.content else None
        retry_after = _retry_after(reply.headers.get("Retry-After"))
        return error_from_response(
            reply.status_code,
            body,
            request=label,
            user_id=self.user_id,
            anonymous=self.config.token is None,
            limit_bytes=self.upload_limit,
            retry_after=retry_after,
        )

    async def call(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool | None = None,
        body: Callable[[], dict[str, Any]] | None = None,
    ) -> Any:
        """Send one request with the protocol's recovery and return the envelope's ``data``.

        ``body`` builds the request keywords afresh for each attempt (files are reopened).
        """
        reply = await self.request(method, path, idempotent=idempotent, body=body)
        parsed = _json(reply)
        data = parsed.get("data")
        return parsed if data is None else data

    async def request(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool | None = None,
        body: Callable[[], dict[str, Any]] | None = None,
    ) -> httpx.Response:
        """Like ``call`` but returns the successful response itself."""
        http = await self._ensure()
        idempotent = method in ("GET", "HEAD") if idempotent is None else idempotent
        label = f"{method} {path}"
        attempt = 0
        used: set[str] = set()
        while True:
            kwargs = body() if body else {}
            try:
                reply = await http.request(method, path, headers=self._auth_header(), **kwargs)
            except httpx.TransportError:
                attempt += 1
                if idempotent and attempt < self.retries:
                    await self.config.sleep(self._backoff(attempt))
                    continue
                raise BackendUnavailable(url=self._base_url, request=label) from None
            finally:
                _close_files(kwargs)
            error = self._error(reply, label)
            log.debug("%s -> %s", label, reply.status_code)
            if error is None:
                return reply
            if await self._recover(error, used):
                continue
            if isinstance(error, BackendUnavailable) and idempotent:
                attempt += 1
                if attempt < self.retries:
                    await self.config.sleep(self._backoff(attempt))
                    continue
            raise error

    async def _recover(self, error: NemoError, used: set[str]) -> bool:
        """The once-per-request recoveries: re-auth after a 1001, wait out a short 429. True: retry."""
        if isinstance(error, AuthError) and "auth" not in used and await self._reauth():
            used.add("auth")
            return True
        if isinstance(error, RateLimited) and "wait" not in used and self._short(error):
            used.add("wait")
            await self.config.sleep(error.retry_after)
            return True
        return False

    async def _reauth(self) -> bool:
        """After a 1001: fetch a fresh anonymous token (never for an explicit NEMO_TOKEN)."""
        if self.config.token is not None:
            return False
        assert self._lock is not None
        async with self._lock:
            await self._authenticate(force=True)
        return True

    def _auth_header(self) -> dict[str, str]:
        assert self._token is not None
        return {"Authorization": f"Bearer {self._token.token}"}

    def _short(self, error: RateLimited) -> bool:
        """A 429 is waited out (once) only when the wait is short enough to block on."""
        return error.retry_after <= self.rate_limit_wait_cap

    def _backoff(self, attempt: int) -> float:
        return min(self.backoff_start * 2 ** (attempt - 1), self.backoff_cap)

    @contextlib.asynccontextmanager
    async def _open_stream(self, payload: dict[str, Any]) -> AsyncIterator[httpx.Response]:
        """POST ``/run_sse`` and yield the open response; recovery never re-sends a delivered message."""
        http = await self._ensure()
        label = "POST /run_sse"
        timeouts = self.config.timeouts
        timeout = httpx.Timeout(timeouts.stream_read, connect=timeouts.connect)
        used: set[str] = set()
        while True:
            headers = {**self._auth_header(), "Accept": "text/event-stream"}
            request = http.build_request(
                "POST", "/run_sse", json=payload, headers=headers, timeout=timeout
            )
            try:
                reply = await http.send(request, stream=True)
            except httpx.TransportError:
                raise BackendUnavailable(url=self._base_url, request=label) from None
            try:
                media = reply.headers.get("content-type", "")
                if reply.status_code >= 400 or "json" in media:
                    await reply.aread()
                    error = self._error(reply, label)
                    if error is None:
                        check_content_type(media)
                        raise ProtocolError(request=label)
                    if await self._recover(error, used):
                        continue
                    raise error
                check_content_type(reply.headers.get("content-type"))
                yield reply
                return
            finally:
                await reply.aclose()


class AsyncSession:
    """One NemoVideo session: chat, uploads, state and export. Made by ``AsyncClient.session``."""

    def __init__(
        self, client: AsyncClient, session_id: str | None = None, *, language: str | None = None
    ) -> None:
        self.client = client
        self.id = session_id
        self.task_id: str | None = None
        self.language = language
        self.notices: list[str] = []
        self._renewed = False
        self._render_id: str | None = None
        self.last_render_id: str | None = None
        self._exports = 0

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
        self.id = str(data["session_id"])
        self.task_id = None if data.get("task_id") is None else str(data["task_id"])
        self.language = lang

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
        return data

    async def state(self) -> State:
        """The session's latest state (draft, media, analyses)."""
        data = await self._in_session(self._state_data)
        return State.from_wire(data)

    # -- chat ---------------------------------------------------------------------------------------

    async def chat(self, message: str, *, on_event: Callable[[Event], Any] | None = None) -> Reply:
        """Send ``message`` and return the whole reply; ``on_event`` sees each event as it arrives."""
        reply: Reply | None = None
        async with contextlib.aclosing(self.stream(message)) as events:
            async for event in events:
                if on_event is not None:
                    on_event(event)
                if isinstance(event, Done):
                    reply = event.reply
        assert reply is not None
        return reply

    async def stream(self, message: str) -> AsyncGenerator[Event, None]:
        """Send ``message`` once and yield its events in arrival order, ending with ``Changes`` and ``Done``."""
        text = message.strip() if isinstance(message, str) else ""
        if not text:
            raise InputError("The message is empty; say what to make or change")
        await self._ensure(self.language or self.client.language or detect_language(text))
        before = await self.state()
        collected = _Collected()
        dropped = False
        try:
            async for event in self._frames(text, collected):
                yield event
        except _Dropped:
            dropped = True
        after = await self._after_drop(before) if dropped else await self.state()
        changes = tuple(draft_changes(before.draft, after.draft))
        silent = not collected.texts
        yield Changes(changes, silent)
        reply = Reply(
            text="\n\n".join(collected.texts),
            events=tuple(collected.events),
            silent=silent,
            changes=changes,
            session_id=self.id or "",
            state=after,
            actions=tuple(collected.actions),
        )
        yield Done(reply)

    async def _frames(self, text: str, collected: _Collected) -> AsyncIterator[Event]:
        """The stream's events, with idle-time bookkeeping; raises ``_Dropped`` if it dies mid-reply."""
        client = self.client
        watch = _IdleWatch(
            client.config.clock, client.still_working_every, client.stream_idle_limit
        )
        try:
            async with self._post_chat(text) as reply:
                async for frames, keepalive_only in _batches(reply):
                    if keepalive_only:
                        yield Heartbeat()
                    for frame in frames:
                        for event in parse_frame(frame.data):
                            if not isinstance(event, Heartbeat):
                                watch.activity()
                            for shown in collected.add(event):
                                yield shown
                    notice = watch.check()
                    if notice is not None:
                        yield notice
        except httpx.TimeoutException:
            raise StreamTimeout(request="POST /run_sse") from None
        except (httpx.TransportError, httpx.StreamError):
            raise _Dropped from None
        if collected.incomplete():
            raise _Dropped

    @contextlib.asynccontextmanager
    async def _post_chat(self, text: str) -> AsyncIterator[httpx.Response]:
        """Open the chat stream; a 1002 before anything streamed moves to a new session once."""
        sid = await self._ensure()
        async with contextlib.AsyncExitStack() as stack:
            try:
                reply = await stack.enter_async_context(
                    self.client._open_stream(self._payload(sid, text))
                )
            except SessionNotFound as error:
                await self._renew(error)
                assert self.id is not None
                reply = await stack.enter_async_context(
                    self.client._open_stream(self._payload(self.id, text))
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

    async def _after_drop(self, before: State) -> State:
        """Wait and poll the state after a dropped stream; the message is never sent again."""
        self.notices.append("The reply stream dropped; checking the session for the result.")
        for interval in self.client.drop_poll_intervals:
            await self.client.config.sleep(interval)
            with contextlib.suppress(BackendUnavailable):
                after = await self.state()
                if draft_changes(before.draft, after.draft):
                    return after
        raise StreamDropped(request="POST /run_sse")

    # -- files --------------------------------------------------------------------------------------

    async def upload(self, *items: str | os.PathLike[str]) -> list[Asset]:
        """Upload local files and/or http(s) URLs; files are checked before any byte is sent."""
        if not items:
            raise InputError("Nothing to upload; give a file path or an http(s) URL")
        paths: list[Path] = []
        urls: list[str] = []
        for item in items:
            text = os.fspath(item)
            if "://" in text:
                if urlsplit(text).scheme not in ("http", "https") or not urlsplit(text).hostname:
                    raise InputError(f"Only http(s) URLs can be uploaded, got {text!r}")
                urls.append(text)
            else:
                paths.append(self._check_file(Path(text).expanduser()))
        assets: list[Asset] = []
        if paths:
            assets += await self._in_session(lambda sid: self._send_files(sid, paths))
        if urls:
            assets += await self._in_session(lambda sid: self._send_urls(sid, urls))
        return assets

    def _check_file(self, path: Path) -> Path:
        from .errors import SUPPORTED_EXTENSIONS

        if not path.is_file():
            raise InputError(f"No such file: {path}")
        if not os.access(path, os.R_OK):
            raise InputError(f"Cannot read {path}: permission denied")
        ext = path.suffix.lower().lstrip(".")
        if not any(ext in exts for exts in SUPPORTED_EXTENSIONS.values()):
            raise UnsupportedFile(f"{path.name} is not a supported file type")
        size = path.stat().st_size
        if size > self.client.upload_limit:
            raise FileTooLarge(
                f"{path.name} is {size / 1_000_000:.1f} MB", limit_bytes=self.client.upload_limit
            )
        return path

    async def _send_files(self, sid: str, paths: list[Path]) -> list[Asset]:
        def body() -> dict[str, Any]:
            files = [
                (
                    "files",
                    (
                        p.name,
                        p.open("rb"),
                        mimetypes.guess_type(p.name)[0] or "application/octet-stream",
                    ),
                )
                for p in paths
            ]
            return {"files": files}

        data = await self.client.call(
            "POST", f"/api/upload-video/{APP}/me/{sid}", idempotent=False, body=body
        )
        return _assets(data)

    async def _send_urls(self, sid: str, urls: list[str]) -> list[Asset]:
        data = await self.client.call(
            "POST",
            f"/api/upload-video/{APP}/me/{sid}",
            idempotent=False,
            body=lambda: {"json": {"urls": urls, "source_type": "url"}},
        )
        return _assets(data)

    # -- export -------------------------------------------------------------------------------------

    async def export(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        resolution: str = "1080p",
        on_progress: ProgressCallback | None = None,
    ) -> Video:
        """Render the current draft to an MP4 at ``path`` and return what was made."""
        state = await self.state()
        if not _exportable(state.draft):
            raise InputError("Nothing to export yet: the timeline is empty; describe a video first")
        assert self.id is not None
        target = Path(path).expanduser() if path is not None else self._default_path()
        render_id = await self._start_render(state.draft, resolution)
        try:
            status = await self._wait_render(render_id, on_progress)
        except (asyncio.CancelledError, KeyboardInterrupt):
            with contextlib.suppress(Exception):
                await asyncio.shield(self._cancel_render(render_id))
            raise
        await self._download(render_id, status.output_url, target)
        return _probe(target, render_id, status.output_url, status.poster_url)

    async def cancel(self) -> None:
        """Cancel the session's current render, if any."""
        if self._render_id is not None:
            await self._cancel_render(self._render_id)

    def _default_path(self) -> Path:
        while True:
            self._exports += 1
            candidate = Path.cwd() / f"nemo_{self.id}_{self._exports}.mp4"
            if not candidate.exists():
                return candidate

    async def _start_render(self, draft: dict[str, Any] | None, resolution: str) -> str:
        for attempt in range(2):
            render_id = f"render_{uuid.uuid4().hex}"
            payload = {
                "id": render_id,
                "sessionId": self.id,
                "draft": draft,
                "output": {"format": "mp4", "quality": "high", "resolution": resolution},
            }
            try:
                await self.client.call(
                    "POST",
                    "/api/render/proxy/lambda",
                    idempotent=False,
                    body=lambda p=payload: {"json": p},
                )
            except NemoError as error:
                if attempt == 0 and _reused_id(error):
                    continue
                raise
            self._render_id = self.last_render_id = render_id
            return render_id
        raise AssertionError("unreachable")

    async def _wait_render(
        self, render_id: str, on_progress: ProgressCallback | None
    ) -> RenderStatus:
        client = self.client
        delay = 0.5 if client.is_local else 2.0
        while True:
            await client.config.sleep(delay)
            reply = await client.request("GET", f"/api/render/proxy/lambda/{render_id}")
            status = RenderStatus.from_wire(_json(reply))
            if on_progress is not None:
                on_progress(_percent(status), status.status)
            if status.status == "completed":
                self._render_id = None
                return status
            if status.status in ("failed", "cancelled"):
                self._render_id = None
                raise RenderFailed(status.error or status.status, render_id=render_id)
            delay = min(delay * 1.5, client.render_poll_cap)

    async def _cancel_render(self, render_id: str) -> None:
        await self.client.call(
            "POST", f"/api/render/proxy/lambda/{render_id}/cancel", idempotent=True
        )
        self._render_id = None

    async def _download(self, render_id: str, output_url: str | None, target: Path) -> None:
        """Stream the MP4 to a temp file beside ``target`` and rename it into place."""
        fallback = f"/api/render/proxy/{render_id}/download"
        sources = [u for u in (output_url, fallback) if u]
        last: Exception | None = None
        for source in sources:
            try:
                await self._fetch_to(source, target)
                return
            except (NemoError, httpx.HTTPError, OSError) as error:
                last = error
        raise RenderFailed(f"the video could not be downloaded ({last})", render_id=render_id)

    async def _fetch_to(self, source: str, target: Path) -> None:
        http = await self.client._ensure()
        same_origin = not urlsplit(source).netloc or source.startswith(self.client.base_url or "\0")
        headers = self.client._auth_header() if same_origin else {}
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                async with http.stream("GET", source, headers=headers) as reply:
                    if reply.status_code >= 400:
                        await reply.aread()
                        raise (
                            self.client._error(reply, f"GET {urlsplit(source).path}")
                            or ProtocolError()
                        )
                    async for chunk in reply.aiter_bytes():
                        out.write(chunk)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


class _Dropped(Exception):
    """The chat stream died mid-reply (internal signal)."""


class _IdleWatch:
    """Time since the last real event: "still working" every ``every`` seconds, a timeout at ``limit``."""

    def __init__(self, clock: Callable[[], float], every: float, limit: float) -> None:
        self.clock, self.every, self.limit = clock, every, limit
        self.activity()

    def activity(self) -> None:
        self.since = self.clock()
        self.next_notice = self.every

    def check(self) -> StillWorking | None:
        idle = self.clock() - self.since
        if idle >= self.limit:
            raise StreamTimeout(request="POST /run_sse")
        if idle < self.next_notice:
            return None
        self.next_notice += self.every
        return StillWorking(idle)


async def _batches(reply: httpx.Response) -> AsyncIterator[tuple[list[ServerSentEvent], bool]]:
    """SSE frames per received chunk, flagging chunks that held only keep-alive comments."""
    decoder = SSEDecoder()
    async for chunk in reply.aiter_bytes():
        keepalives = decoder.keepalives
        frames = decoder.feed(chunk)
        yield frames, not frames and decoder.keepalives > keepalives
    yield decoder.flush(), False


class _Collected:
    """What a reply has shown so far: texts after GUI translation, every event, GUI actions."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.events: list[Event] = []
        self.actions: list[str] = []

    def add(self, event: Event) -> list[Event]:
        """Record ``event`` and return what to show for it (text goes through GUI translation)."""
        if isinstance(event, Text):
            translation = translate(event.text)
            self.actions.extend(translation.actions)
            if not translation.text.strip():
                return []
            event = Text(translation.text)
            self.texts.append(translation.text)
        if isinstance(event, (Text, ToolCall, ToolResult, StreamError)):
            self.events.append(event)
        return [event]

    def incomplete(self) -> bool:
        """A stream that closed with nothing in it, or with a tool call still unanswered, was cut off."""
        if not self.events:
            return True
        open_calls: dict[str, int] = {}
        for event in self.events:
            if isinstance(event, (ToolCall, ToolResult)):
                key = event.id or event.name
                open_calls[key] = open_calls.get(key, 0) + (
                    1 if isinstance(event, ToolCall) else -1
                )
        return any(count > 0 for count in open_calls.values())


def _json(reply: httpx.Response) -> dict[str, Any]:
    try:
        body = reply.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _retry_after(value: str | None) -> float | None:
    try:
        return None if value is None else max(0.0, float(value))
    except ValueError:
        return None


def _close_files(kwargs: dict[str, Any]) -> None:
    for _, spec in kwargs.get("files") or ():
        with contextlib.suppress(Exception):
            spec[1].close()


def _assets(data: Any) -> list[Asset]:
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        raise ProtocolError("The upload reply lists no files", received=data)
    return [Asset.from_wire(item) for item in files if isinstance(item, dict)]


def _exportable(draft: dict[str, Any] | None) -> bool:
    tracks = draft.get("t") if isinstance(draft, dict) else None
    return isinstance(tracks, list) and any(
        isinstance(track, dict) and track.get("sg") for track in tracks
    )


def _reused_id(error: NemoError) -> bool:
    text = str(error).lower()
    return error.status == 409 or (
        "id" in text and ("exist" in text or "already" in text or "reuse" in text)
    )


def _percent(status: RenderStatus) -> float:
    """Progress in percent (the protocol reports 0–100)."""
    return 100.0 if status.status == "completed" else max(0.0, min(float(status.progress), 100.0))


def _probe(path: Path, render_id: str, url: str | None, poster_url: str | None = None) -> Video:
    """Read width, height and duration of an MP4 with PyAV."""
    import av

    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            width, height = stream.codec_context.width, stream.codec_context.height
            if container.duration is not None:
                duration = container.duration / 1_000_000
            else:
                duration = float((stream.duration or 0) * (stream.time_base or 0))
    except (av.FFmpegError, IndexError) as error:
        raise RenderFailed(
            f"the downloaded file is not a playable video ({error})", render_id=render_id
        ) from None
    return Video(
        path=path.resolve(),
        url=url,
        width=width,
        height=height,
        duration=duration,
        size=path.stat().st_size,
        render_id=render_id,
        poster_url=poster_url,
    )
