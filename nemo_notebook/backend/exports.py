"""Render routes (``{"success", "data" | "error"}`` replies) and the file server for uploads and outputs."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse

from ..draft import PREVIEW_RESOLUTIONS, RESOLUTIONS, DraftError, DraftView, normalise
from ..environment import SKILL_ENV
from .context import authed_user, backend, base_url, owned_session, read_json
from .db import TERMINAL
from .errors import ApiError, bad_request, no_credits, render_not_found
from .jobs import exportable, render_reply

RENDER_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
FILE_NAME = re.compile(r"^[A-Za-z0-9_-]{8,64}\.[a-z0-9]{2,4}$")
FILE_KINDS = ("uploads", "renders")
LIVE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,60}\.mp4$")
# Seconds between looks at a running render or a growing file; events go out only on change.
EVENT_TICK = 0.1
KEEPALIVE_SECONDS = 10.0
LIVE_START_TIMEOUT = 30.0
LIVE_CHUNK = 256 * 1024


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
    preview = output.get("quality") == "preview"
    if preview:
        resolution = preview_resolution(state.jobs, draft, resolution)
        state.jobs.note_preview(session_id and str(session_id))
    elif resolution not in RESOLUTIONS:
        raise bad_request(f"resolution must be {' or '.join(RESOLUTIONS)}, not {resolution!r}")
    reservation = None
    if state.settings.cost_export and not preview:
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
    row = state.db.render(render_id)
    if row is not None and row["status"] == "completed":
        # A render already made completes at once; its reply carries the output like a status poll.
        return JSONResponse(render_reply(row, base_url(request)))
    return JSONResponse(
        {"success": True, "data": {"id": render_id, "status": "pending", "progress": 0}}
    )


def preview_resolution(jobs: Any, draft: dict[str, Any], asked: str) -> str:
    """A preview's size: the one asked for when it is a preview size, else chosen by speed."""
    if asked in PREVIEW_RESOLUTIONS:
        return asked
    return str(jobs.preview_resolution(draft))


def owned_render(request: Request) -> dict[str, Any]:
    user_id = authed_user(request)
    row = backend(request).db.render(request.path_params["rid"])
    if row is None or row["user_id"] != user_id:
        raise render_not_found(request.path_params["rid"])
    return row


async def render_status(request: Request) -> Response:
    row = owned_render(request)
    live = (
        backend(request).jobs.board.snapshot(row["id"]) if row["status"] not in TERMINAL else None
    )
    return JSONResponse(render_reply(row, base_url(request), live))


async def render_events(request: Request) -> Response:
    """The render's status as server-sent events whenever it moves, ending with the final status
    (a local extension: clients that know it need no polling)."""
    row = owned_render(request)
    state, base = backend(request), base_url(request)

    async def events() -> AsyncIterator[bytes]:
        seen: tuple[Any, ...] | None = None
        idle = 0.0
        while True:
            current = state.db.render(row["id"])
            if current is None:
                return
            finished = current["status"] in TERMINAL
            live = None if finished else state.jobs.board.snapshot(row["id"])
            mark = (current["status"], state.jobs.board.version(row["id"]))
            if mark != seen or idle >= KEEPALIVE_SECONDS:
                seen, idle = mark, 0.0
                reply = render_reply(current, base, live)
                yield f"data: {json.dumps(reply)}\n\n".encode()
            if finished:
                return
            await asyncio.sleep(EVENT_TICK)
            idle += EVENT_TICK

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


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


async def serve_live(request: Request) -> Response:
    """A preview as it is being written (fragmented MP4, chunked), then the rest once it is done.

    A browser starts playing at the first fragment instead of waiting for the whole file.
    """
    name = request.path_params["name"]
    if not LIVE_NAME.match(name):
        raise HTTPException(404)
    state = backend(request)
    board = state.jobs.board
    if board.live(name) is None:
        row = state.db.render(name.removesuffix(".mp4"))
        if row is None or row["status"] in TERMINAL:
            raise HTTPException(404)

    async def body() -> AsyncIterator[bytes]:
        handle = None
        waited = 0.0
        try:
            while handle is None:
                entry = board.live(name)
                if entry is None:
                    # Still waiting for a worker.
                    if waited > LIVE_START_TIMEOUT:
                        return
                    await asyncio.sleep(EVENT_TICK)
                    waited += EVENT_TICK
                    continue
                partial, final, finished = entry
                source = final if finished else partial
                if source is not None and source.is_file():
                    handle = source.open("rb")
                elif finished or waited > LIVE_START_TIMEOUT:
                    return
                else:
                    await asyncio.sleep(EVENT_TICK)
                    waited += EVENT_TICK
            while True:
                chunk = handle.read(LIVE_CHUNK)
                if chunk:
                    yield chunk
                    continue
                entry = board.live(name)
                if entry is None or entry[2]:
                    rest = handle.read()
                    if rest:
                        yield rest
                    return
                await asyncio.sleep(EVENT_TICK / 2)
        finally:
            if handle is not None:
                handle.close()

    return StreamingResponse(body(), media_type="video/mp4", headers={"Cache-Control": "no-store"})
