"""The async protocol client: ``AsyncClient`` — transport, auth, headers and the protocol's recovery.

Building a client does no I/O; the backend is resolved on the first request (the embedded one when neither
``NEMO_BASE_URL`` nor ``NEMO_TOKEN`` is set). Recovery follows the protocol's table: one re-auth, one new
session, one wait on 429, bounded backoff for idempotent calls, and a chat message is never sent twice.
Sessions (chat, files, export) are ``AsyncSession`` objects from ``session``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from . import auth
from .config import ClientConfig, normalise_base_url
from .environment import skill_headers
from .errors import (
    AuthError,
    BackendUnavailable,
    FileTooLarge,
    NemoError,
    NoReply,
    ProtocolError,
    RateLimited,
    error_from_response,
)
from .limits import CLOUD_UPLOAD_LIMIT_BYTES, UPLOAD_LIMIT_BYTES
from .models import Credits
from .session import AsyncSession
from .sse import check_content_type
from .wire import LOCAL_BACKEND, json_body, retry_after

if TYPE_CHECKING:
    from .resume import AsyncExport

__all__ = ["AsyncClient", "AsyncSession"]

log = logging.getLogger("nemo_notebook")
# Longest wait for another process of this user to finish fetching the anonymous token.
TOKEN_LOCK_TIMEOUT = 60.0


class AsyncClient:
    """Talks to one NemoVideo backend; use ``async with AsyncClient() as client`` or ``await close()``."""

    retries = 3
    backoff_start = 0.5
    backoff_cap = 4.0
    still_working_every = 120.0
    stream_idle_limit = 600.0
    drop_poll_intervals: tuple[float, ...] = (30.0, 60.0, 60.0, 60.0, 60.0)
    render_poll_start = 2.0
    render_poll_cap = 30.0
    render_poll_local = 0.5
    render_stall_limit = 15 * 60.0
    progress_every = 2.0
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
        backend: str | None = None,
    ) -> None:
        self.config = ClientConfig.from_env(
            environ, base_url=base_url, token=token, backend=backend, clock=clock, sleep=sleep
        )
        self._environ = environ
        self._transport = transport
        self._platform = platform
        self.language = language
        cloud = self.config.target.cloud
        self.upload_limit = CLOUD_UPLOAD_LIMIT_BYTES if cloud else UPLOAD_LIMIT_BYTES
        self.bind_id: str | None = None
        self._http: httpx.AsyncClient | None = None
        self._base_url: str | None = self.config.base_url
        self._identity: str | None = None
        self._meta: dict[str, Any] | None = None
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

    def note_bind_id(self, data: Any) -> None:
        """Keep the registration id a create-session or state reply carries (``bind_id``, else
        ``user_id``): the vendor says the ``?bind=`` id comes from those replies."""
        if not isinstance(data, dict):
            return
        for key in ("bind_id", "bind", "user_id"):
            value = data.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
                self.bind_id = str(value)[:128]
                return

    async def backend_profile(self) -> str | None:
        """``local`` or ``cloud`` when the backend is this package's (its ``/api/meta`` says so),
        else None, as for the vendor's cloud; decides how often a render is polled."""
        await self._ensure()
        meta = await self._backend_meta()
        if meta.get("backend") != LOCAL_BACKEND:
            return None
        return "cloud" if meta.get("profile") == "cloud" else "local"

    async def session(
        self, session_id: str | None = None, *, language: str | None = None
    ) -> AsyncSession:
        """A new session (created with the first message's language) or an existing one, verified."""
        session = AsyncSession(self, session_id, language=language)
        if session_id is not None:
            await session.state()
        return session

    async def exports(self, limit: int = 100) -> list[AsyncExport]:
        """Exports started by this user in any process (the journal), newest first; ``wait()`` resumes one."""
        from .resume import list_exports

        return await list_exports(self, limit)

    async def backend_identity(self) -> str:
        """Who the backend is (its ``/api/meta`` identity, else its URL): the key of tokens and exports."""
        await self._ensure()
        return await self._backend_identity()

    async def meta(self) -> dict[str, Any]:
        """What the backend says about itself at ``/api/meta`` (``{}`` when it has no such route);
        the local backend answers ``{"backend": "nemo-local", ...}``. Fetched once per client."""
        await self._ensure()
        return dict(await self._backend_meta())

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
            verify=_tls_for(self._base_url),
        )

    async def _relocate(self) -> bool:
        """The local backend stopped answering (idle stop, crash): find or start it again. True: moved."""
        if not self.config.embedded or self._http is None:
            return False
        from .backend.embedded import ensure_server

        server = await asyncio.to_thread(ensure_server, refresh=True)
        url = normalise_base_url(server.url)
        if url == self._base_url:
            return False
        self._base_url = url
        self._http.base_url = httpx.URL(url)
        return True

    def _skill_headers(self) -> dict[str, str]:
        return skill_headers(self._environ, self._platform)

    async def _authenticate(self, *, force: bool = False) -> None:
        """Use the explicit token, else a cached anonymous one, else fetch a fresh one."""
        if self.config.token is not None:
            self._token = auth.CachedToken(self.config.token, None, None)
            return
        identity = await self._backend_identity()
        cache = auth.TokenCache(self.config.config_dir)
        refused = self._token.token if force and self._token is not None else None

        def usable(token: auth.CachedToken) -> bool:
            return not token.expired() and token.token != refused

        cached = None if force else cache.get(identity)
        if cached is not None and usable(cached):
            self._token = cached
            return
        async with cache.lock(TOKEN_LOCK_TIMEOUT):
            cached = cache.get(identity)  # another process may have fetched one meanwhile
            if cached is not None and usable(cached):
                self._token = cached
                return
            self._token = await self._fetch_anonymous_token()
            cache.put(identity, self._token)

    async def _backend_meta(self) -> dict[str, Any]:
        """``/api/meta``'s data, fetched once; empty when the backend does not answer it."""
        if self._meta is None:
            assert self._http is not None
            self._meta = {}
            with contextlib.suppress(httpx.HTTPError, ValueError, AttributeError):
                reply = await self._http.get("/api/meta")
                if reply.status_code == 200:
                    data = reply.json().get("data")
                    self._meta = data if isinstance(data, dict) else {}
        return self._meta

    async def _backend_identity(self) -> str:
        """The token cache key: ``/api/meta`` identity when the backend answers it, else the URL."""
        if self._identity is None:
            identity = (await self._backend_meta()).get("identity")
            self._identity = str(identity) if identity else (self._base_url or "")
        return self._identity

    async def takes_options(self) -> bool:
        """True when the backend is this package's (``/api/meta`` says so), which reads request
        options as a field of the turn."""
        await self._ensure()
        return (await self._backend_meta()).get("backend") == LOCAL_BACKEND

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
                return auth.CachedToken.from_wire(json_body(reply).get("data"))
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
        body = json_body(reply) if reply.content else None
        wait = retry_after(reply.headers.get("Retry-After"))
        error = error_from_response(
            reply.status_code,
            body,
            request=label,
            user_id=self.bind_id or self.user_id,
            anonymous=self.config.token is None,
            limit_bytes=self.upload_limit,
            retry_after=wait,
            local=self.config.embedded,
        )
        if isinstance(error, FileTooLarge) and error.limit_bytes:
            self.upload_limit = error.limit_bytes
        return error

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
        parsed = json_body(reply)
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
        relocated = False
        while True:
            kwargs = body() if body else {}
            try:
                reply = await http.request(method, path, headers=self._auth_header(), **kwargs)
            except httpx.TransportError as failure:
                # Refused: nothing was delivered, so any request may go to the restarted local backend.
                if isinstance(failure, httpx.ConnectError) and not relocated:
                    relocated = True
                    if await self._relocate():
                        continue
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
            except httpx.ConnectError:
                # Refused: nothing was delivered, so the restarted local backend may be asked again.
                if "relocate" not in used and await self._relocate():
                    used.add("relocate")
                    continue
                raise BackendUnavailable(url=self._base_url, request=label) from None
            except (httpx.ConnectTimeout, httpx.PoolTimeout):
                raise BackendUnavailable(url=self._base_url, request=label) from None
            except httpx.TimeoutException:
                raise NoReply(waited_s=timeouts.stream_read, request=label) from None
            except httpx.TransportError:
                raise NoReply(request=label) from None
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


def _close_files(kwargs: dict[str, Any]) -> None:
    for _, spec in kwargs.get("files") or ():
        with contextlib.suppress(Exception):
            spec[1].close()


@functools.cache
def _trusting_nothing() -> ssl.SSLContext:
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def _tls_for(base_url: str | None) -> ssl.SSLContext | bool:
    """Certificate checks as usual for an https backend. A plain-http backend (the local one) never
    needs TLS, so its client skips loading the CA bundle (tens of ms at every start) and gets a context
    that trusts no certificate: TLS reached through a redirect fails closed."""
    if (urlsplit(base_url or "").scheme or "").lower() == "http":
        return _trusting_nothing()
    return True
