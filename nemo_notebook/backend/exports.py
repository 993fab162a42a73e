"""Render routes (``{"success", "data" | "error"}`` replies) and the file server for uploads and outputs."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from ..draft import RESOLUTIONS, DraftError, DraftView, normalise
from ..environment import SKILL_ENV
from .context import authed_user, backend, base_url, owned_session, read_json
from .errors import ApiError, bad_request, no_credits, render_not_found
from .jobs import exportable, render_reply

RENDER_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
FILE_NAME = re.compile(r"^[A-Za-z0-9_-]{8,64}\.[a-z0-9]{2,4}$")
FILE_KINDS = ("uploads", "renders")


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
    raw = body.get("draft")
    draft: dict[str, Any] | None = None
    if isinstance(raw, dict):
        try:
            draft = normalise(raw)
        except DraftError as exc:
            raise bad_request(str(exc)) from None
    if draft is None or not exportable(draft):
        raise bad_request("nothing to export: the draft has no track with segments")
    if state.settings.export_blocked:
        raise ApiError(
            402, 402, "export is blocked on this plan: register or upgrade to unlock export"
        )
    missing = [name for name in SKILL_ENV if not request.headers.get(name, "").strip()]
    if state.settings.require_attribution and missing:
        raise ApiError(402, 402, f"export needs the attribution headers: {', '.join(missing)}")
    given = body.get("output")
    output: dict[str, Any] = given if isinstance(given, dict) else {}
    # No resolution asked for: the draft's own (``m.res``, or what its frame size says).
    resolution = output.get("resolution") or DraftView(draft).meta.resolution
    if resolution not in RESOLUTIONS:
        raise bad_request(f"resolution must be {' or '.join(RESOLUTIONS)}, not {resolution!r}")
    reservation = None
    if state.settings.cost_export:
        reservation = state.db.reserve(user_id, state.settings.cost_export, "export")
        if reservation is None:
            user = state.db.user(user_id)
            raise no_credits(state.settings.cost_export, user["available"] if user else 0)
    added = await asyncio.to_thread(
        state.db.add_render, render_id, user_id, session_id and str(session_id), draft, resolution
    )
    if not added:
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
        raise render_not_found(request.path_params["rid"])
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
