"""The local backend as a Starlette app: ``create_app(settings)`` with every route listed in one place.

Gateway routes answer ``{"code", "message", "data"}``, render routes ``{"success", "data" | "error"}``;
both come from one exception handler so every error has its protocol code and HTTP status.
"""

from __future__ import annotations

import asyncio
import logging
import math
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from . import agent_workers, exports, gateway, lifecycle
from .context import Backend, backend, ok
from .db import Database
from .errors import ApiError
from .faults import fault_error
from .jobs import RenderQueue
from .settings import Settings, identity_of

log = logging.getLogger("nemo_notebook.backend")

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


async def machine_fault(request: Request, exc: Exception) -> Response:
    """A full disk or an unwritable data dir in one line; any other OS or SQLite error as internal."""
    known = fault_error(exc, backend(request).settings.data_dir)
    if known is None:
        log.error("internal error on %s", request.url.path, exc_info=exc)
    return await api_error(
        request, known or ApiError(500, 500, f"internal error: {type(exc).__name__}")
    )


async def service_status(request: Request) -> Response:
    """Whether this server is busy (requests in flight, renders queued or running): for a replacement."""
    state = backend(request)
    activity: lifecycle.Activity = request.app.state.activity
    return ok(
        {
            "version": gateway.__version__,
            "identity": state.identity,
            "open": activity.open - 1,
            "rendering": await state.jobs.rendering_async(),
            "idle_s": round(activity.idle_for(), 1),
        }
    )


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
    Route("/api/meta", gateway.meta),
    Route("/api/service", service_status),
    Route("/api/auth/anonymous-token", gateway.anonymous_token, methods=["POST"]),
    Route("/api/credits/balance/simple", gateway.credits_balance),
    Route("/api/tasks/{user}/with-session/nemo_agent", gateway.create_task, methods=["POST"]),
    Route("/api/state/nemo_agent/{user}/{sid}/latest", gateway.session_state),
    Route("/api/state/nemo_agent/{user}/{sid}/draft", gateway.apply_draft, methods=["POST"]),
    Route("/api/state/nemo_agent/{user}/{sid}/history", gateway.session_history),
    Route("/api/state/nemo_agent/{user}/{sid}/restore", gateway.session_restore, methods=["POST"]),
    Route("/api/upload-video/nemo_agent/{user}/{sid}", gateway.upload, methods=["POST"]),
    Route("/run_sse", gateway.run_sse, methods=["POST"]),
    Route("/api/render/proxy/lambda", exports.render_start, methods=["POST"]),
    Route("/api/render/proxy/lambda/{rid}", exports.render_status),
    Route("/api/render/proxy/lambda/{rid}/cancel", exports.render_cancel, methods=["POST"]),
    Route("/api/render/proxy/lambda/{rid}/events", exports.render_events),
    Route("/api/render/proxy/{rid}/download", exports.render_download),
    Route("/files/live/{name}", exports.serve_live),
    Route("/files/{kind}/{name}", exports.serve_file),
]


def create_app(settings: Settings, claim: lifecycle.Claim | None = None) -> Starlette:
    """The backend app; it claims the data dir, opens the database and starts the render workers with
    its lifespan, and publishes itself in the data dir's discovery file."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        held = claim if claim is not None else lifecycle.claim(settings)
        watch: asyncio.Task[None] | None = None
        try:
            lifecycle.prepare(settings)
            db = Database(settings.db_path)
            lifecycle.prepare_db(settings)
            db.release_all_held()
            jobs = RenderQueue(db, settings)
            jobs.start()
            agent_workers.start(settings)
            app.state.backend = Backend(settings, db, jobs, identity_of(settings))
            if held.url:
                held.publish(app.state.backend.identity)
            if settings.idle_timeout and held.on_idle is not None:
                watch = asyncio.create_task(
                    lifecycle.watch_idle(
                        activity, jobs.rendering, settings.idle_timeout, held.on_idle
                    )
                )
            try:
                yield
            finally:
                if watch is not None:
                    watch.cancel()
                for task in list(app.state.backend.tasks):
                    task.cancel()
                jobs.stop()
                agent_workers.stop()
                db.close()
        finally:
            held.release()

    app = Starlette(
        routes=ROUTES,
        exception_handlers={
            ApiError: api_error,
            HTTPException: http_error,
            OSError: machine_fault,
            sqlite3.OperationalError: machine_fault,
            Exception: internal_error,
        },
        lifespan=lifespan,
    )
    if settings.fail_ratio:
        app.add_middleware(FailSome, ratio=settings.fail_ratio)
    activity = lifecycle.Activity()
    app.state.activity = activity
    app.add_middleware(lifecycle.CountRequests, activity=activity)
    return app
