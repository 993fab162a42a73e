"""Errors raised by the nemo-notebook client: one class per condition a user can act on.

Every error carries the protocol ``code`` (or None), the HTTP ``status`` (or None) and the ``request``
it came from (e.g. ``"POST /run_sse"``); ``str(error)`` is one line that says what to do, followed by
the server's own text (``detail``) when it sent one.

    NemoError
    ├── AuthError            1001 / HTTP 401: bad or expired token
    ├── SessionNotFound      1002 / HTTP 404: the session is gone
    ├── NoCredits            2001 / HTTP 403: out of credits (anonymous users get a register link)
    ├── UnsupportedFile      4001 / HTTP 415: file type not accepted
    ├── FileTooLarge         4002 / HTTP 413: file over the size limit
    ├── BadRequest           HTTP 400
    ├── ExportBlocked        HTTP 402: free plan cannot export
    ├── RateLimited          HTTP 429 (``retry_after`` seconds)
    ├── SessionBusy          1003 / HTTP 409: another message is still streaming in that session
    ├── BackendUnavailable   connect errors and 5xx
    │   └── LocalBackendError the local backend could not be started or reached
    ├── NoReply              the chat was sent but no reply came: it may have been received
    ├── StreamTimeout        only keep-alives (or nothing) for too long
    ├── StreamDropped        the stream died mid-reply and the state did not change
    ├── RenderFailed         a render job failed, was cancelled, or stopped progressing
    ├── RenderNotFound       4004 / HTTP 404 on a render path: the backend does not know the render
    ├── ProtocolError        a reply of an unexpected shape or content type
    │   └── FrameTooLarge    one event-stream frame over the decoder's size cap
    ├── ConfigError          bad configuration (e.g. ``NEMO_BASE_URL``)
    ├── NotSupported         the backend has no such feature (e.g. storing an edited draft)
    └── InputError           bad user input (empty prompt, missing file, non-http URL)
        └── TimelineError    an edited timeline has bad cells (each named by row and column)
"""

from __future__ import annotations

import re
from typing import Any

from .limits import SUPPORTED_EXTENSIONS, format_mb, limit_from_text

RENDER_NOT_FOUND = 4004
"""The local backend's code for an unknown render id (1002 means a missing session, not a render)."""

REGISTER_URL = "https://nemovideo.com/register?bind={user_id}"
LOCAL_TOP_UP = "nemo-notebook credits --add 1000"


def supported_formats() -> str:
    """The accepted formats as one human line, e.g. ``video: mp4, mov; image: png``."""
    return "; ".join(f"{kind}: {', '.join(exts)}" for kind, exts in SUPPORTED_EXTENSIONS.items())


class NemoError(Exception):
    """Base of every error the client raises on purpose."""

    default_message = "NemoVideo request failed"
    default_code: int | None = None
    default_status: int | None = None

    def __init__(
        self,
        message: str | None = None,
        *,
        code: int | None = None,
        status: int | None = None,
        request: str | None = None,
        detail: str | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.code = code if code is not None else self.default_code
        self.status = status if status is not None else self.default_status
        self.request = request
        self.detail = _clean(detail)
        super().__init__(self.message)

    def __str__(self) -> str:
        text = " ".join(self.message.split())
        if self.detail and self.detail.lower() not in text.lower():
            text = f"{text} — the server said: {self.detail}"
        return f"{text} ({self.request})" if self.request else text


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _clean(text: str | None) -> str | None:
    """Server text made safe for one terminal or HTML line: no control characters, at most 300."""
    if not text:
        return None
    cleaned = " ".join(_CONTROL.sub(" ", str(text)).split())[:300]
    return cleaned or None


class AuthError(NemoError):
    """The token was refused (bad, expired, or revoked)."""

    default_message = "The backend refused the token; unset NEMO_TOKEN or set a valid one"
    default_code = 1001
    default_status = 401


class SessionNotFound(NemoError):
    """The session no longer exists on the backend."""

    default_code = 1002
    default_status = 404

    def __init__(self, message: str | None = None, **ctx: Any) -> None:
        lead = (message or "Session not found").rstrip(".")
        super().__init__(f"{lead}; a new session will start without the old timeline", **ctx)


class NoCredits(NemoError):
    """No credits left; anonymous users can bind their work to a new account."""

    default_code = 2001
    default_status = 403

    def __init__(
        self,
        message: str | None = None,
        *,
        user_id: str | None = None,
        anonymous: bool = True,
        bind_url: str | None = None,
        local: bool = False,
        **ctx: Any,
    ) -> None:
        if bind_url is None and anonymous and user_id and not local:
            bind_url = REGISTER_URL.format(user_id=user_id)
        self.bind_url = bind_url
        lead = (message or "Out of credits").rstrip(".")
        if local:
            message = f"{lead}: give the local backend more credits with `{LOCAL_TOP_UP}`"
        elif bind_url:
            message = f"{lead}: register at {bind_url} to keep your work and get more credits"
        else:
            message = f"{lead}: top up credits to continue"
        super().__init__(message, **ctx)


class UnsupportedFile(NemoError):
    """The file type is not one the backend accepts."""

    default_code = 4001
    default_status = 415

    def __init__(self, message: str | None = None, **ctx: Any) -> None:
        lead = message or "Unsupported file type"
        super().__init__(f"{lead.rstrip('.')}; supported formats are {supported_formats()}", **ctx)


class FileTooLarge(NemoError):
    """The file is over the backend's size limit."""

    default_code = 4002
    default_status = 413

    def __init__(
        self, message: str | None = None, *, limit_bytes: int | None = None, **ctx: Any
    ) -> None:
        self.limit_bytes = limit_bytes
        lead = (message or "File too large").rstrip(".")
        if limit_bytes and "limit" not in lead.lower():
            lead = f"{lead}: the limit is {format_mb(limit_bytes)}"
        super().__init__(f"{lead}; compress or trim it and try again", **ctx)


class BadRequest(NemoError):
    """The backend rejected the request as malformed."""

    default_message = "The backend rejected the request as malformed"
    default_status = 400


class ExportBlocked(NemoError):
    """Exporting is not available on the free plan (this is not a credits problem)."""

    default_message = "Export is blocked on the free plan: register or upgrade to unlock export"
    default_status = 402


class RateLimited(NemoError):
    """Too many requests; ``retry_after`` says how long to wait."""

    default_status = 429

    def __init__(
        self, message: str | None = None, *, retry_after: float | None = None, **ctx: Any
    ) -> None:
        self.retry_after = 30.0 if retry_after is None else float(retry_after)
        lead = (message or "Rate limited by the backend").rstrip(".")
        super().__init__(f"{lead}; try again in {self.retry_after:g} s", **ctx)


class SessionBusy(NemoError):
    """Another message is still streaming in the same session."""

    default_message = (
        "Another message is still streaming in this session; wait for it to finish and try again"
    )
    default_status = 409


class BackendUnavailable(NemoError):
    """The backend could not be reached or answered with a server error."""

    def __init__(self, message: str | None = None, *, url: str | None = None, **ctx: Any) -> None:
        self.url = url
        if message is None:
            where = url or "the backend"
            message = f"Cannot reach {where}; check NEMO_BASE_URL or your connection and try again"
        super().__init__(message, **ctx)


class LocalBackendError(BackendUnavailable):
    """The local backend of a data dir could not be started or used; the message says what to do."""

    default_message = "The local nemo backend could not be started"


def _minutes(seconds: float) -> str:
    """``900.0`` → ``"15 minutes"``; the figure always comes from the timeout actually used."""
    minutes = seconds / 60
    return "1 minute" if minutes == 1 else f"{minutes:g} minutes"


class NoReply(NemoError):
    """The chat message went out but no reply headers came back: it may have been received.

    Never "cannot reach the backend": that would invite sending the message (and paying for it) twice.
    """

    def __init__(
        self, message: str | None = None, *, waited_s: float | None = None, **ctx: Any
    ) -> None:
        self.waited_s = waited_s
        if message is None:
            lead = (
                f"No reply after {_minutes(waited_s)}"
                if waited_s is not None
                else "The connection closed before any reply"
            )
            message = (
                f"{lead}; the message may have been received and still be in progress: check the "
                "session's state before sending it again"
            )
        super().__init__(message, **ctx)


class StreamTimeout(NemoError):
    """Only keep-alives arrived for too long."""

    def __init__(self, message: str | None = None, *, waited_s: float = 600.0, **ctx: Any) -> None:
        self.waited_s = waited_s
        if message is None:
            message = (
                f"No reply after {_minutes(waited_s)} of waiting; the work may still finish "
                "server-side, check the state later"
            )
        super().__init__(message, **ctx)


class StreamDropped(NemoError):
    """The reply stream died and polling found no change."""

    default_message = (
        "The reply stream dropped and the session did not change; send the message again to retry"
    )


class RenderFailed(NemoError):
    """A render job failed or was cancelled."""

    def __init__(
        self, reason: str | None = None, *, render_id: str | None = None, **ctx: Any
    ) -> None:
        self.reason = reason or "unknown reason"
        self.render_id = render_id
        job = f" {render_id}" if render_id else ""
        super().__init__(f"Render{job} failed: {self.reason}", **ctx)


class RenderNotFound(NemoError):
    """The backend does not know the render id (it expired, or belongs to another user)."""

    default_message = "The backend does not know this render (it may have expired); export again"
    default_code = RENDER_NOT_FOUND
    default_status = 404


class ProtocolError(NemoError):
    """The backend answered with something the protocol does not allow."""

    def __init__(self, message: str | None = None, *, received: Any = None, **ctx: Any) -> None:
        self.received = received
        lead = message or "Unexpected reply from the backend"
        if received is not None:
            lead = f"{lead} (received {str(received)[:200]!r})"
        super().__init__(lead, **ctx)


class FrameTooLarge(ProtocolError):
    """One event-stream frame grew past the decoder's cap; the stream is abandoned."""

    def __init__(self, limit_chars: int, **ctx: Any) -> None:
        self.limit_chars = limit_chars
        super().__init__(
            f"A reply frame passed {limit_chars / 1_000_000:g} million characters, more than any "
            "real reply holds; the stream was stopped",
            **ctx,
        )


class ConfigError(NemoError):
    """The client's configuration is invalid."""

    default_message = "Invalid configuration"


class InputError(NemoError):
    """The user's input cannot be sent as is."""

    default_message = "Invalid input"


class TimelineError(InputError):
    """An edited timeline has bad cells; ``problems`` holds (row, column, message) for each."""

    def __init__(self, problems: list[Any]) -> None:
        self.problems = list(problems)
        first = [_cell(*p) for p in self.problems[:3]]
        more = len(self.problems) - len(first)
        tail = f" (and {more} more)" if more > 0 else ""
        super().__init__("; ".join(first) + tail or "the timeline is not valid")


def _cell(row: str, column: str, message: str) -> str:
    where = ", ".join(
        part
        for part in (f"row {row!r}" if row else "", f"column {column!r}" if column else "")
        if part
    )
    return f"{where}: {message}" if where else message


class NotSupported(NemoError):
    """The backend cannot do what was asked; the message says what to do instead."""

    default_message = "This backend does not support that"


_BY_CODE: dict[int, type[NemoError]] = {
    1001: AuthError,
    1002: SessionNotFound,
    1003: SessionBusy,
    2001: NoCredits,
    4001: UnsupportedFile,
    4002: FileTooLarge,
    RENDER_NOT_FOUND: RenderNotFound,
}
_BY_STATUS: dict[int, type[NemoError]] = {
    400: BadRequest,
    401: AuthError,
    402: ExportBlocked,
    403: NoCredits,
    404: SessionNotFound,
    409: SessionBusy,
    413: FileTooLarge,
    415: UnsupportedFile,
    429: RateLimited,
}


def _build(cls: type[NemoError], message: str | None, ctx: dict[str, Any]) -> NemoError:
    """Instantiate ``cls`` with its own advice, the server's ``message`` kept as ``detail``."""
    base: dict[str, Any] = {
        k: ctx[k] for k in ("code", "status", "request") if ctx.get(k) is not None
    }
    base["detail"] = message
    if cls is NoCredits:
        extra = {k: ctx[k] for k in ("user_id", "anonymous", "bind_url", "local") if k in ctx}
        return NoCredits(None, **extra, **base)
    if cls is FileTooLarge:
        limit = limit_from_text(message) or ctx.get("limit_bytes")
        return FileTooLarge(None, limit_bytes=limit, **base)
    if cls is RateLimited:
        return RateLimited(None, retry_after=ctx.get("retry_after"), **base)
    if cls is BackendUnavailable:
        status = ctx.get("status")
        lead = f"Backend error (HTTP {status})" if status else "Backend error"
        return BackendUnavailable(f"{lead}; try again shortly", url=ctx.get("url"), **base)
    if cls is NemoError:
        return NemoError(f"Backend error {ctx.get('code') or ctx.get('status')}", **base)
    return cls(None, **base)


def _class_for(code: int | None, status: int, request: str | None = None) -> type[NemoError]:
    if code in _BY_CODE:
        return _BY_CODE[code]
    if status >= 500:
        return BackendUnavailable
    if status == 404 and code is None and "/api/render/" in (request or ""):
        return RenderNotFound
    return _BY_STATUS.get(status, NemoError)


def error_from_code(code: int, message: str | None = None, **ctx: Any) -> NemoError:
    """The error for a non-zero envelope ``code``; unknown codes fall back to ``ctx["status"]``."""
    status = ctx.get("status") if isinstance(ctx.get("status"), int) else 0
    cls = _class_for(code, status or (code if 400 <= code < 600 else 0))
    return _build(cls, message, {**ctx, "code": code})


def _envelope_failure(body: object) -> tuple[bool, int | None, str | None]:
    """(failed, code, message) read from either envelope or the ``detail`` shape."""
    if not isinstance(body, dict):
        return False, None, body.strip()[:300] if isinstance(body, str) and body.strip() else None
    if "code" in body and isinstance(body["code"], int) and not isinstance(body["code"], bool):
        message = body.get("message")
        return body["code"] != 0, body["code"], message if isinstance(message, str) else None
    if body.get("success") is False:
        error = body.get("error")
        if isinstance(error, dict):
            error = error.get("message") or str(error)
        return True, None, str(error) if error else None
    detail = body.get("detail")
    if isinstance(detail, str):
        return True, 1002 if detail.startswith("Session not found") else None, detail
    return False, None, None


def error_from_response(
    status: int,
    body: object,
    *,
    request: str | None = None,
    user_id: str | None = None,
    anonymous: bool = True,
    limit_bytes: int | None = None,
    retry_after: float | None = None,
    local: bool = False,
) -> NemoError | None:
    """Map an HTTP status and parsed body (either envelope, or none) to an error; None on success.

    An error sent as HTTP 200 gets the status its code stands for (1001 → 401, an envelope code of
    429 → 429), so callers can test ``error.status`` the same way whichever way it arrived.
    """
    failed, code, message = _envelope_failure(body)
    if status < 400 and not failed:
        return None
    effective = status
    if status < 400:
        if code is not None and 400 <= code < 600:
            effective = code
        elif code in _BY_CODE:
            effective = _BY_CODE[code].default_status or status
    cls = _class_for(code, effective, request)
    ctx: dict[str, Any] = {
        "request": request,
        "user_id": user_id,
        "anonymous": anonymous,
        "local": local,
        "limit_bytes": limit_bytes,
        "retry_after": retry_after,
        "status": effective,
        "code": code,
    }
    return _build(cls, message, ctx)


error_from_envelope = error_from_response
