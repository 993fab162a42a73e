"""Gateway routes (``{"code", "message", "data"}`` replies): auth, credits, sessions, state, uploads, chat."""

from __future__ import annotations

import asyncio
import hashlib
import math
import secrets
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from .._version import __version__
from ..draft import (
    KEY_ASPECT,
    KEY_DURATION,
    KEY_RESTORES,
    KEY_TITLE,
    MUSIC_PREFIX,
    SCENE_PREFIX,
    DraftError,
    DraftView,
    frame_size,
    normalise,
)
from ..errors import InputError
from ..limits import ms_to_seconds
from ..options import OPTIONS_FIELD, TurnOptions, read_options
from ..wire import APP, LOCAL_BACKEND
from .chat import ChatRun
from .context import (
    Backend,
    authed_user,
    backend,
    base_url,
    ok,
    owned_session,
    path_user,
    read_json,
)
from .db import Database
from .errors import ApiError, bad_request, no_credits, session_busy
from .jobs import iso
from .uploads import receive_multipart, receive_urls, store, upload_reply

# -- auth, meta, credits -------------------------------------------------------------------------


async def meta(request: Request) -> Response:
    state = backend(request)
    return ok(
        {
            "backend": LOCAL_BACKEND,
            "version": __version__,
            "identity": state.identity,
            "profile": state.settings.profile,
        }
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
    user, expires = await asyncio.to_thread(
        state.db.issue_token,
        client_id,
        f"anon_{secrets.token_hex(12)}",
        token,
        ttl,
        state.settings.credits_new_user,
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
    state = backend(request)
    await asyncio.to_thread(
        state.db.create_session, session_id, task_id, user_id, task_name, language
    )
    reply = {"task_id": task_id, "session_id": session_id, "user_id": user_id}
    return ok({**reply, **bind_fields(state, user_id)})


def bind_fields(state: Backend, user_id: str) -> dict[str, str]:
    """The registration id of an anonymous user, for replies that carry it (cloud profile).

    The vendor says to take the ``?bind=`` id from the create-session or state reply; this id is
    deliberately not the token's ``user_id``, so a client that reads it from the token reply shows.
    """
    if not state.settings.bind_id_in_replies or not user_id.startswith("anon_"):
        return {}
    return {"bind_id": "bind_" + hashlib.sha256(user_id.encode()).hexdigest()[:20]}


def canvas_of(draft: dict[str, Any] | None) -> dict[str, Any]:
    """The session's canvas for the state reply: the draft's size, else its aspect at its resolution."""
    meta = DraftView(draft).meta
    default_w, default_h = frame_size(meta.aspect, meta.resolution)
    width, height = meta.width or default_w, meta.height or default_h
    return {"width": width, "height": height, "aspect": meta.aspect}


async def session_state(request: Request) -> Response:
    user_id = path_user(request)
    return state_reply(request, owned_session(request, user_id, request.path_params["sid"]))


async def apply_draft(request: Request) -> Response:
    """Local extension: store a draft edited by the client as the session's next version.

    It joins the draft history like an agent's edit; the reply is the new state.
    """
    user_id = path_user(request)
    session = owned_session(request, user_id, request.path_params["sid"])
    body = await read_json(request)
    draft = body.get("draft")
    if not isinstance(draft, dict) or not isinstance(draft.get("t"), list):
        raise bad_request('the body must be {"draft": {"t": [...], ...}}')
    try:
        draft = normalise(draft)
    except DraftError as exc:
        raise bad_request(str(exc)) from None
    state = backend(request)
    if session["session_id"] in state.busy:
        raise session_busy()
    message = str(body.get("message") or "applied from a notebook")[:200]
    state.db.add_draft(session["session_id"], draft, message)
    return state_reply(request, session)


def state_reply(request: Request, session: dict[str, Any]) -> Response:
    """The session's latest state, as the state route answers it."""
    db = backend(request).db
    draft = db.latest_draft(session["session_id"])
    uploads = [upload_reply(row, base_url(request)) for row in db.uploads(session["session_id"])]
    state = {
        "draft": draft,
        "video_infos": uploads,
        "canvas_config": canvas_of(draft),
        "video_analyses": [],
        "generated_media": generated_media(draft),
    }
    reply = {
        "session_id": session["session_id"],
        "task_id": session["task_id"],
        "task_name": session["task_name"],
        "state": state,
    }
    return ok({**reply, **bind_fields(backend(request), session["user_id"])})


_GENERATED_KIND = {SCENE_PREFIX: "video", MUSIC_PREFIX: "audio"}


def generated_media(draft: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Every generated source the draft uses, once, with its kind, label and length in seconds."""
    seen: dict[str, dict[str, Any]] = {}
    for _track, seg in DraftView(draft).segments():
        src = seg.source
        kind = next((k for prefix, k in _GENERATED_KIND.items() if src.startswith(prefix)), None)
        if kind is not None and src not in seen:
            seen[src] = {
                "type": kind,
                "src": src,
                "label": seg.label,
                "duration": ms_to_seconds(seg.duration_ms) if seg.duration_ms else None,
            }
    return list(seen.values())


def versions_of(db: Database, session_id: str) -> list[dict[str, Any]]:
    """The session's drafts, oldest first, as the studio reads them for undo and redo."""
    return [
        {"version": row["seq"], "draft": row["draft"], "message": row["message"]}
        for row in db.draft_history(session_id)
    ]


def version_row(row: dict[str, Any]) -> dict[str, Any]:
    """One version for ``/history``: when, why, and what it holds at a glance."""
    draft = row["draft"] if isinstance(row["draft"], dict) else {}
    view = DraftView(draft)
    meta = view.meta.raw
    tracks = view.tracks
    return {
        "version": row["seq"],
        "created": iso(row["created"]),
        "message": row["message"],
        "title": meta.get(KEY_TITLE, ""),
        "duration_ms": draft.get(KEY_DURATION, 0),
        "aspect": meta.get(KEY_ASPECT, ""),
        "tracks": len(tracks),
        "segments": sum(len(track.segment_dicts) for track in tracks),
        "restores": meta.get(KEY_RESTORES),
    }


async def session_history(request: Request) -> Response:
    """Every version of the session's draft, oldest first (local extension)."""
    user_id = path_user(request)
    session = owned_session(request, user_id, request.path_params["sid"])
    rows = backend(request).db.draft_history(session["session_id"])
    return ok({"session_id": session["session_id"], "versions": [version_row(r) for r in rows]})


async def session_restore(request: Request) -> Response:
    """Make an earlier version current again, as a new version (local extension); body ``{"version": N}``."""
    from .studio import restore_version

    user_id = path_user(request)
    session = owned_session(request, user_id, request.path_params["sid"])
    body = await read_json(request)
    version = body.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise bad_request("version must be a whole number from /history")
    state = backend(request)
    session_id = session["session_id"]
    if session_id in state.busy:
        raise session_busy()
    draft = restore_version(versions_of(state.db, session_id), version)
    if draft is None:
        raise bad_request(f"no version {version} in this session")
    seq = state.db.add_draft(session_id, draft, f"restore version {version}")
    return ok({"session_id": session_id, "version": seq, "restores": version, "draft": draft})


# -- uploads ---------------------------------------------------------------------------------------


async def upload(request: Request) -> Response:
    user_id = path_user(request)
    session = owned_session(request, user_id, request.path_params["sid"])
    state = backend(request)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        incoming = await receive_urls((await read_json(request)).get("urls"), state.settings)
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
    if state.settings.check_run_fields:
        check_run_fields(body, user_id)
    session_id = str(body.get("session_id") or "")
    session = state.db.session(session_id)
    if session is None or session["user_id"] != user_id:
        raise ApiError(1002, 404, f"Session not found: {session_id}")
    message = message_text(body)
    limit = state.settings.max_message_chars
    if len(message) > limit:
        raise bad_request(f"message too long: {len(message)} characters, the limit is {limit}")
    try:
        options = read_options(body.get(OPTIONS_FIELD))
    except InputError as exc:
        raise bad_request(str(exc)) from None
    if session_id in state.busy:
        raise session_busy()
    run = await start_chat(state, session, message, base_url(request), options)
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(run.frames(), media_type="text/event-stream", headers=headers)


def check_run_fields(body: dict[str, Any], user_id: str) -> None:
    """The ADK request's ``app_name`` must name the agent and ``user_id`` the caller (or ``me``)."""
    if body.get("app_name") != APP:
        raise bad_request(f"unknown app_name {str(body.get('app_name'))[:40]!r}: use {APP!r}")
    if body.get("user_id") not in ("me", user_id):
        raise bad_request("user_id is required: use 'me' (the user of the token)")


async def start_chat(
    state: Backend,
    session: dict[str, Any],
    message: str,
    base: str,
    options: TurnOptions | None = None,
) -> ChatRun:
    """Mark the session busy, reserve the turn's credits (2001 when short) and start the work.

    The reservation is a write, so it waits for the writer off the loop; the session stays marked
    busy meanwhile, so a second message to it is refused rather than reserved twice."""
    session_id, user_id = session["session_id"], session["user_id"]
    history = versions_of(state.db, session_id)
    draft = history[-1]["draft"] if history else None
    estimate = state.settings.cost_generate if draft is None else state.settings.cost_edit
    state.busy.add(session_id)
    try:
        reservation = await asyncio.to_thread(state.db.reserve, user_id, estimate, "chat")
    except BaseException:
        state.busy.discard(session_id)
        raise
    if reservation is None:
        state.busy.discard(session_id)
        user = state.db.user(user_id)
        raise no_credits(estimate, user["available"] if user else 0)
    run = ChatRun(
        db=state.db,
        settings=state.settings,
        user_id=user_id,
        session_id=session_id,
        message=message,
        language=session["language"],
        options=options or TurnOptions(),
        draft=draft,
        assets=assets_of(state.db, session_id, base),
        reservation=reservation,
        busy=state.busy,
        history=history,
        on_draft=(
            (lambda new: state.jobs.prepare(new, session_id))
            if state.settings.prepare_previews
            else None
        ),
    )
    task = asyncio.create_task(run.work())
    state.tasks.add(task)
    task.add_done_callback(state.tasks.discard)
    return run


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
