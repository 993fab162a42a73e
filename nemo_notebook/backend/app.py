"""The local backend as a Starlette app: ``create_app(settings)`` with every route listed in one place.

Gateway routes answer ``{"code", "message", "data"}``, render routes ``{"success", "data" | "error"}``;
both come from one exception handler so every error has its protocol code and HTTP status.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import re
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from .._version import __version__
from .chat import ChatRun
from .db import Database
from .errors import (
    ApiError,
    auth_failed,
    bad_request,
    no_credits,
    not_found,
    session_busy,
)
from .jobs import RenderQueue, exportable, iso, render_reply
from .settings import Settings
from .uploads import download_url, receive_multipart, store, upload_reply

RENDER_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
FILE_NAME = re.compile(r"^[A-Za-z0-9_-]{8,64}\.[a-z0-9]{2,4}$")
FILE_KINDS = ("uploads", "renders")


@dataclass
class Backend:
    """What the routes share: settings, the database, the render queue, the sessions now chatting."""

    settings: Settings
    db: Database
    jobs: RenderQueue
    identity: str
    busy: set[str] = field(default_factory=set)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)


def identity_of(settings: Settings) -> str:
    """A stable id of the data dir, so a client can keep one token per backend."""
    return hashlib.sha256(str(settings.data_dir.resolve()).encode()).hexdigest()[:16]


def ok(data: Any) -> JSONResponse:
    return JSONResponse({"code": 0, "message": "ok", "data": data})


def backend(request: Request) -> Backend:
    return request.app.state.backend


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


# -- request helpers ---------------------------------------------------------------------------


def authed_user(request: Request) -> str:
    """The user behind the bearer token; 1001 when it is missing, unknown or expired."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise auth_failed("missing bearer token: send 'Authorization: Bearer <token>'")
    user_id = backend(request).db.user_for_token(token.strip())
    if user_id is None:
        raise auth_failed("invalid or expired token")
    return user_id


def path_user(request: Request) -> str:
    """The caller, checked against the ``{user}`` path segment (``me`` or the caller's own id)."""
    user_id = authed_user(request)
    if request.path_params["user"] not in ("me", user_id):
        raise not_found("unknown user in the path: use 'me'")
    return user_id


def owned_session(request: Request, user_id: str, session_id: str) -> dict[str, Any]:
    session = backend(request).db.session(session_id)
    if session is None or session["user_id"] != user_id:
        raise not_found(f"session not found: {session_id}")
    return session


async def read_json(request: Request) -> dict[str, Any]:
    """The JSON object body, read under ``max_body_bytes``."""
    limit = backend(request).settings.max_body_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, 413, f"request body too large: the limit is {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, 413, f"request body too large: the limit is {limit} bytes")
    if not body:
        return {}
    try:
        value = json.loads(body)
    except ValueError as exc:
        raise bad_request(f"the body is not valid JSON ({exc.args[0]})") from exc
    if not isinstance(value, dict):
        raise bad_request("the body must be a JSON object")
    return value


# -- auth, meta, credits -------------------------------------------------------------------------


async def meta(request: Request) -> Response:
    return ok(
        {"backend": "nemo-local", "version": __version__, "identity": backend(request).identity}
    )


async def anonymous_token(request: Request) -> Response:
    """One anonymous token per client id per token lifetime; a second request is told when to retry."""
    client_id = request.headers.get("x-client-id", "").strip()
    if not client_id or len(client_id) > 64:
        raise bad_request("the X-Client-Id header is required (a UUID, at most 64 characters)")
    state = backend(request)
    grant = state.db.client_grant(client_id)
    now = time.time()
    if grant is not None and grant["expires_at"] > now:
        wait = math.ceil(grant["expires_at"] - now)
        raise ApiError(
            429,
            429,
            f"a token was already issued to this client id; a new one can be issued in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    token = f"nmv_usr_{secrets.token_urlsafe(32)}"
    ttl = state.settings.token_ttl_days * 86400
    user, expires = state.db.issue_token(
        client_id, f"anon_{secrets.token_hex(12)}", token, ttl, state.settings.credits_new_user
    )
    return ok(
        {
            "token": token,
            "user_id": user["user_id"],
            "expires_at": iso(expires),
            "credits": user["available"],
        }
    )


async def credits_balance(request: Request) -> Response:
    user = backend(request).db.user(authed_user(request))
    assert user is not None
    return ok(
        {
            "available": user["available"],
            "frozen": user["frozen"],
            "total": user["available"] + user["frozen"],
        }
    )


# -- sessions and state --------------------------------------------------------------------------


async def create_task(request: Request) -> Response:
    user_id = path_user(request)
    body = await read_json(request)
    task_name = str(body.get("task_name") or "project")[:200]
    language = body.get("language")
    language = str(language)[:35] if language else None
    task_id = f"task_{secrets.token_hex(8)}"
    session_id = str(10**18 + secrets.randbelow(9 * 10**18))
    backend(request).db.create_session(session_id, task_id, user_id, task_name, language)
    return ok({"task_id": task_id, "session_id": session_id, "user_id": user_id})


def canvas_of(draft: dict[str, Any] | None) -> dict[str, Any]:
    meta = (draft or {}).get("m") or {}
    width, height = int(meta.get("width") or 1920), int(meta.get("height") or 1080)
    divisor = math.gcd(width, height) or 1
    aspect = meta.get("aspect") or f"{width // divisor}:{height // divisor}"
    return {"width": width, "height": height, "aspect": aspect}


async def session_state(request: Request) -> Response:
    user_id = path_user(request)
    session = owned_session(request, user_id, request.path_params["sid"])
    db = backend(request).db
    draft = db.latest_draft(session["session_id"])
    uploads = [upload_reply(row, base_url(request)) for row in db.uploads(session["session_id"])]
    state = {
        "draft": draft,
        "video_infos": uploads,
        "canvas_config": canvas_of(draft),
        "video_analyses": [],
        "generated_media": [],
    }
    return ok(
        {
            "session_id": session["session_id"],
            "task_id": session["task_id"],
            "task_name": session["task_name"],
            "state": state,
        }
    )


# -- uploads ---------------------------------------------------------------------------------------


async def upload(request: Request) -> Response:
    user_id = path_user(request)
    session = owned_session(request, user_id, request.path_params["sid"])
    state = backend(request)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        body = await read_json(request)
        urls = body.get("urls")
        if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
            raise bad_request('send {"urls": ["https://…"], "source_type": "url"}')
        incoming = []
        try:
            for url in urls:
                incoming.append(await download_url(url, state.settings))
        except ApiError:
            for item in incoming:
                item.discard()
            raise
    else:
        incoming = await receive_multipart(content_type, request.stream(), state.settings)
    files = await store(
        incoming, state.db, state.settings, user_id, session["session_id"], base_url(request)
    )
    return ok({"files": files, "session_state_applied": True})


# -- chat ------------------------------------------------------------------------------------------


def message_text(body: dict[str, Any]) -> str:
    message = body.get("new_message")
    parts = message.get("parts") if isinstance(message, dict) else None
    if not isinstance(parts, list):
        raise bad_request('new_message must be {"parts": [{"text": "…"}]}')
    text = "\n".join(
        p["text"] for p in parts if isinstance(p, dict) and isinstance(p.get("text"), str)
    )
    if not text.strip():
        raise bad_request("new_message has no text")
    return text


async def run_sse(request: Request) -> Response:
    """Start one chat turn and stream it; the turn finishes even if the client goes away."""
    user_id = authed_user(request)
    body = await read_json(request)
    state = backend(request)
    session_id = str(body.get("session_id") or "")
    session = state.db.session(session_id)
    if session is None or session["user_id"] != user_id:
        raise ApiError(1002, 404, f"Session not found: {session_id}")
    message = message_text(body)
    limit = state.settings.max_message_chars
    if len(message) > limit:
        raise bad_request(f"message too long: {len(message)} characters, the limit is {limit}")
    if session_id in state.busy:
        raise session_busy()
    draft = state.db.latest_draft(session_id)
    estimate = state.settings.cost_generate if draft is None else state.settings.cost_edit
    reservation = state.db.reserve(user_id, estimate, "chat")
    if reservation is None:
        user = state.db.user(user_id)
        raise no_credits(estimate, user["available"] if user else 0)
    state.busy.add(session_id)
    run = ChatRun(
        db=state.db,
        settings=state.settings,
        user_id=user_id,
        session_id=session_id,
        message=message,
        language=session["language"],
        draft=draft,
        assets=assets_of(state.db, session_id, base_url(request)),
        reservation=reservation,
        busy=state.busy,
    )
    task = asyncio.create_task(run.work())
    state.tasks.add(task)
    task.add_done_callback(state.tasks.discard)
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(run.frames(), media_type="text/event-stream", headers=headers)


def assets_of(db: Database, session_id: str, base: str) -> list[dict[str, Any]]:
    """The session's uploads in upload order, as the studio's agent reads them."""
    return [
        {
            "url": f"{base}/files/uploads/{row['name']}",
            "file_type": row["file_type"],
            "filename": row["filename"],
            "duration": row["duration"],
            "width": row["width"],
            "height": row["height"],
        }
        for row in db.uploads(session_id)
    ]


# -- renders ---------------------------------------------------------------------------------------


async def render_start(request: Request) -> Response:
    user_id = authed_user(request)
    body = await read_json(request)
    state = backend(request)
    render_id = body.get("id")
    if not isinstance(render_id, str) or not RENDER_ID.match(render_id):
        raise bad_request("id must be a string like 'render_<unique>' (letters, digits, _ - . :)")
    session_id = body.get("sessionId")
    if session_id is not None:
        owned_session(request, user_id, str(session_id))
    draft = body.get("draft")
    if not exportable(draft):
        raise bad_request("nothing to export: the draft has no track with segments")
    if state.settings.export_blocked:
        raise ApiError(
            402, 402, "export is blocked on this plan: register or upgrade to unlock export"
        )
    output = body.get("output") if isinstance(body.get("output"), dict) else {}
    resolution = str(output.get("resolution") or (draft.get("m") or {}).get("res") or "1080p")
    if resolution not in ("1080p", "720p"):
        raise bad_request(f"resolution must be 1080p or 720p, not {resolution!r}")
    reservation = None
    if state.settings.cost_export:
        reservation = state.db.reserve(user_id, state.settings.cost_export, "export")
        if reservation is None:
            user = state.db.user(user_id)
            raise no_credits(state.settings.cost_export, user["available"] if user else 0)
    if not state.db.add_render(
        render_id, user_id, session_id and str(session_id), draft, resolution
    ):
        if reservation is not None:
            state.db.release(reservation)
        raise ApiError(None, 409, "render id already used")
    state.jobs.submit(render_id, reservation)
    return JSONResponse(
        {"success": True, "data": {"id": render_id, "status": "pending", "progress": 0}}
    )


def owned_render(request: Request) -> dict[str, Any]:
    user_id = authed_user(request)
    row = backend(request).db.render(request.path_params["rid"])
    if row is None or row["user_id"] != user_id:
        raise not_found(f"render not found: {request.path_params['rid']}")
    return row


async def render_status(request: Request) -> Response:
    return JSONResponse(render_reply(owned_render(request), base_url(request)))


async def render_cancel(request: Request) -> Response:
    row = owned_render(request)
    status = backend(request).jobs.cancel(row["id"])
    return JSONResponse({"success": True, "data": {"id": row["id"], "status": status}})


async def render_download(request: Request) -> Response:
    row = owned_render(request)
    if row["status"] != "completed" or not row["output_name"]:
        raise ApiError(None, 409, f"render {row['id']} is {row['status']}, not completed")
    path = backend(request).settings.renders_dir / row["output_name"]
    return FileResponse(path, media_type="video/mp4", filename=f"{row['id']}.mp4")


# -- files -----------------------------------------------------------------------------------------


async def serve_file(request: Request) -> Response:
    """Uploads and render outputs at unguessable names, with HTTP Range support."""
    kind, name = request.path_params["kind"], request.path_params["name"]
    if kind not in FILE_KINDS or not FILE_NAME.match(name):
        raise HTTPException(404)
    path = backend(request).settings.data_dir / kind / name
    if not path.is_file():
        raise HTTPException(404)
    return FileResponse(path)


# -- errors and middleware -------------------------------------------------------------------------


def _render_path(request: Request) -> bool:
    return request.url.path.startswith("/api/render/")


async def api_error(request: Request, exc: Exception) -> Response:
    """Write the envelope of the route's family with the error's HTTP status (or 200 when switched)."""
    assert isinstance(exc, ApiError)
    status = 200 if backend(request).settings.errors_as_http_200 else exc.status
    if request.url.path == "/run_sse" and exc.code == 1002:
        body: dict[str, Any] = {"detail": exc.message}
    elif _render_path(request):
        body = {"success": False, "error": exc.message}
        if exc.code is not None:
            body.update(code=exc.code, message=exc.message)
    else:
        body = {
            "code": exc.code if exc.code is not None else exc.status,
            "message": exc.message,
            "data": None,
        }
    return JSONResponse(body, status_code=status, headers=exc.headers)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "error"
    return await api_error(request, ApiError(exc.status_code, exc.status_code, message.lower()))


async def internal_error(request: Request, exc: Exception) -> Response:
    return await api_error(request, ApiError(500, 500, f"internal error: {type(exc).__name__}"))


class FailSome:
    """Answer a fixed share of API requests with 503, spread evenly by a counter (``fail_ratio``)."""

    def __init__(self, app: ASGIApp, ratio: float) -> None:
        self.app = app
        self.ratio = ratio
        self.count = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        counted = (path.startswith("/api/") and path != "/api/meta") or path == "/run_sse"
        if scope["type"] == "http" and counted:
            self.count += 1
            if math.floor(self.count * self.ratio) > math.floor((self.count - 1) * self.ratio):
                body = {"code": 503, "message": "service temporarily unavailable", "data": None}
                await JSONResponse(body, status_code=503)(scope, receive, send)
                return
        await self.app(scope, receive, send)


# -- the app ---------------------------------------------------------------------------------------

ROUTES = [
    Route("/api/meta", meta),
    Route("/api/auth/anonymous-token", anonymous_token, methods=["POST"]),
    Route("/api/credits/balance/simple", credits_balance),
    Route("/api/tasks/{user}/with-session/nemo_agent", create_task, methods=["POST"]),
    Route("/api/state/nemo_agent/{user}/{sid}/latest", session_state),
    Route("/api/upload-video/nemo_agent/{user}/{sid}", upload, methods=["POST"]),
    Route("/run_sse", run_sse, methods=["POST"]),
    Route("/api/render/proxy/lambda", render_start, methods=["POST"]),
    Route("/api/render/proxy/lambda/{rid}", render_status),
    Route("/api/render/proxy/lambda/{rid}/cancel", render_cancel, methods=["POST"]),
    Route("/api/render/proxy/{rid}/download", render_download),
    Route("/files/{kind}/{name}", serve_file),
]


def create_app(settings: Settings) -> Starlette:
    """The backend app; the database opens and the render workers start with the app's lifespan."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        for folder in (
            settings.data_dir,
            settings.uploads_dir,
            settings.renders_dir,
            settings.tmp_dir,
        ):
            folder.mkdir(parents=True, exist_ok=True)
        db = Database(settings.db_path)
        db.release_all_held()
        jobs = RenderQueue(db, settings)
        jobs.start()
        app.state.backend = Backend(settings, db, jobs, identity_of(settings))
        try:
            yield
        finally:
            for task in list(app.state.backend.tasks):
                task.cancel()
            jobs.stop()
            db.close()

    app = Starlette(
        routes=ROUTES,
        exception_handlers={
            ApiError: api_error,
            HTTPException: http_error,
            Exception: internal_error,
        },
        lifespan=lifespan,
    )
    if settings.fail_ratio:
        app.add_middleware(FailSome, ratio=settings.fail_ratio)
    return app
