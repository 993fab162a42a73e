"""The local backend as a Starlette app: ``create_app(settings)`` with every route listed in one place.

Gateway routes answer ``{"code", "message", "data"}``, render routes ``{"success", "data" | "error"}``;
both come from one exception handler so every error has its protocol code and HTTP status.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from . import exports, gateway
from .context import Backend, backend, identity_of
from .db import Database
from .errors import ApiError
from .jobs import RenderQueue
from .settings import Settings

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
    Route("/api/meta", gateway.meta),
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
