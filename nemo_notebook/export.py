"""Export: start a render of the session's draft, follow it, cancel it, download and probe the MP4.

The session keeps the render bookkeeping (``_render_id``, ``last_render_id``); these functions drive
one render for it. A download lands in a temp file and is renamed into place; without a path it is
named after the video's title (``urban-dreams.mp4``, then ``urban-dreams-2.mp4``).
An unchanged draft exported before is copied from disk (``export_cache``). Progress comes from the
backend's event stream when it has one (the local backend), else from polling.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from . import file_lock
from .draft import DraftView
from .errors import InputError, NemoError, ProtocolError, RenderFailed
from .export_cache import ExportCache, export_key
from .files import atomic_file, safe_stem, unique_path
from .journal import ExportRecord, Journal, draft_hash
from .models import RenderStatus, Video
from .sse import SSEDecoder
from .urls import same_origin
from .wire import json_body

if TYPE_CHECKING:
    from .client import AsyncClient
    from .session import AsyncSession

ProgressCallback = Callable[[float, str], Any]
# A preview's resolution and quality on the wire; the backend picks 480p or 360p by its speed.
PREVIEW = "preview"
# Longest wait for another export of the same draft to choose between attaching and starting: its
# start request, bounded by the client's own request timeout.
CLAIM_TIMEOUT = 120.0
PREVIEWS_DIR = "previews"
PREVIEWS_KEPT = 50
# Seconds the event stream may stay silent (the backend sends a keep-alive every 10 s).
EVENTS_IDLE = 60.0

# A local render is polled at least every second: polling costs it nothing, waiting costs the user.
LOCAL_POLL_CAP = 1.0


async def export_draft(
    session: AsyncSession,
    path: str | os.PathLike[str] | None,
    *,
    resolution: str | None,
    on_progress: ProgressCallback | None,
    mkdirs: bool = False,
    draft: dict[str, Any] | None = None,
) -> Video:
    """Render ``draft`` (by default the session's current one) to an MP4 at ``path`` (or a fresh
    default) and probe it, at ``resolution`` or, when None, the draft's own (``m.res``, else what
    its frame size says). The render endpoint takes the whole draft, so no agent is involved.

    A missing folder in ``path`` is an error, checked before rendering, unless ``mkdirs`` asks for it.
    The export is journalled; a draft already rendering or rendered at this resolution (by this or an
    earlier process) is attached to instead of rendered again.
    """
    target = Path(path).expanduser() if path is not None else None
    if target is not None:
        _check_folder(target, mkdirs)
    if draft is None:
        draft = (await session.state()).draft
        if not _exportable(draft):
            raise InputError("Nothing to export yet: the timeline is empty; describe a video first")
    elif not _exportable(draft):
        raise InputError("Nothing to export: this timeline has no segments")
    else:
        await session.ensure()
    assert session.id is not None and draft is not None
    target = target or default_path(draft)
    resolution = resolution or DraftView(draft).meta.resolution
    client = session.client
    backend = await client.backend_identity()
    journal = Journal(client.config.config_dir)
    digest = draft_hash(draft)
    record = partial(
        journal.started,
        backend=backend,
        base_url=client.base_url or "",
        session_id=session.id,
        target=target.resolve(),
        draft_hash=digest,
        resolution=resolution,
    )
    cache = ExportCache(client.config.config_dir)
    key = export_key(backend, draft, resolution)
    kept = cache.find(key)
    if kept is not None:
        with contextlib.suppress(OSError):
            video = cache.copy_to(kept, target)
            if video.render_id:  # journalled like any export: listed, and resumable as done
                record(render_id=video.render_id)
                journal.mark(video.render_id, "done")
            if on_progress is not None:
                on_progress(100.0, "completed")
            return video
    status: RenderStatus | None = None
    claim = journal.claim_lock(backend, session.id, digest, resolution)
    async with file_lock.held(claim, CLAIM_TIMEOUT):
        render_id = await _attach(
            client, journal.same_draft(backend, session.id, digest, resolution)
        )
        if render_id is None:
            render_id, status = await _start_render(session, draft, resolution)
        else:
            session._render_id = session.last_render_id = render_id
        record(render_id=render_id)
    try:
        status = await _finish_render(session, render_id, status, on_progress)
    except (asyncio.CancelledError, KeyboardInterrupt):
        with contextlib.suppress(Exception):
            await asyncio.shield(cancel_render(session, render_id))
        journal.mark(render_id, "cancelled")
        raise
    except RenderFailed as error:
        journal.mark(render_id, "failed", str(error))
        raise
    video = await fetch_video(client, render_id, status, target)
    cache.remember(key, video)
    return video


async def _finish_render(
    session: AsyncSession,
    render_id: str,
    status: RenderStatus | None,
    on_progress: ProgressCallback | None,
) -> RenderStatus:
    """The render's final status: at once when the backend answered from its cache, else followed."""
    if status is None or not status.finished:
        return await _wait_render(session, render_id, on_progress)
    session._render_id = None
    _check(status, render_id)
    if on_progress is not None:
        on_progress(100.0, status.status)
    return status


async def preview_draft(
    session: AsyncSession,
    *,
    on_live: Callable[[RenderStatus], Any] | None = None,
    on_progress: ProgressCallback | None = None,
) -> Video:
    """A small, quickly made render of the current draft, kept under the config dir's ``previews``.

    ``on_live`` gets the first status that has a ``live_url``: the preview can be played from
    there while it is still being written.
    """
    state = await session.state()
    if not _exportable(state.draft):
        raise InputError("Nothing to preview yet: the timeline is empty; describe a video first")
    assert state.draft is not None
    folder = session.client.config.config_dir / PREVIEWS_DIR
    cache = ExportCache(folder)
    key = export_key(await session.client.backend_identity(), state.draft, PREVIEW)
    kept = cache.find(key)
    if kept is not None:
        return kept
    render_id, status = await _start_render(
        session, state.draft, PREVIEW, quality=PREVIEW, current=False
    )
    if not status.finished:
        told = False

        def on_status(status: RenderStatus) -> None:
            nonlocal told
            if on_live is not None and status.live_url and not told:
                told = True
                on_live(status)

        status = await _wait_render(session, render_id, on_progress, on_status, current=False)
    _check(status, render_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{key[:32]}.mp4"
    await _download(session.client, render_id, status.output_url, target)
    video = probe_video(target, render_id, status.output_url, status.poster_url)
    cache.remember(key, video)
    _prune(folder)
    return video


def _prune(folder: Path) -> None:
    """Keep the newest ``PREVIEWS_KEPT`` previews."""
    files = sorted(folder.glob("*.mp4"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[PREVIEWS_KEPT:]:
        old.unlink(missing_ok=True)


async def _attach(client: AsyncClient, record: ExportRecord | None) -> str | None:
    """The journalled render of the same draft when the backend still has it running or finished."""
    if record is None:
        return None
    try:
        reply = await client.request("GET", f"/api/render/proxy/lambda/{record.render_id}")
    except NemoError:
        return None
    status = RenderStatus.from_wire(json_body(reply))
    return record.render_id if status.status not in ("failed", "cancelled") else None


async def fetch_video(
    client: AsyncClient, render_id: str, status: RenderStatus, target: Path
) -> Video:
    """Download a finished render to ``target``, probe it and mark it done in the journal."""
    journal = Journal(client.config.config_dir)
    journal.mark(render_id, "downloading")
    try:
        await _download(client, render_id, status.output_url, target)
        video = probe_video(target, render_id, status.output_url, status.poster_url)
    except RenderFailed as error:
        journal.mark(render_id, "failed", str(error))
        raise
    journal.mark(render_id, "done")
    return video


async def cancel_render(session: AsyncSession, render_id: str) -> None:
    """Ask the backend to cancel ``render_id`` and forget it as the session's current render."""
    await session.client.call(
        "POST", f"/api/render/proxy/lambda/{render_id}/cancel", idempotent=True
    )
    session._render_id = None


def _check_folder(target: Path, mkdirs: bool) -> None:
    if target.parent.is_dir():
        return
    if not mkdirs:
        raise InputError(
            f"The folder {target.parent} does not exist; create it, or ask for it with "
            "export(path, mkdirs=True) (in a notebook: %nemo export --mkdir PATH)"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"Cannot create the folder {target.parent}: {error.strerror}") from None


def video_title(draft: dict[str, Any] | None) -> str:
    """The title a viewer sees: the on-screen title text when there is one, else the project title."""
    view = DraftView(draft)
    for _track, seg in view.segments():
        if seg.name.lower() == "title" and seg.text.strip():
            return " ".join(seg.text.split())
    return " ".join(view.meta.title.split())


def default_path(draft: dict[str, Any] | None, folder: Path | None = None) -> Path:
    """A free ``<title>.mp4`` in ``folder`` (the working directory by default)."""
    return unique_path(folder or Path.cwd(), safe_stem(video_title(draft)), ".mp4")


async def _start_render(
    session: AsyncSession,
    draft: dict[str, Any] | None,
    resolution: str,
    quality: str = "high",
    *,
    current: bool = True,
) -> tuple[str, RenderStatus]:
    """Start a render; its id and the start reply read as a status (completed when it was cached)."""
    for attempt in range(2):
        render_id = f"render_{uuid.uuid4().hex}"
        payload = {
            "id": render_id,
            "sessionId": session.id,
            "draft": draft,
            "output": {"format": "mp4", "quality": quality, "resolution": resolution},
        }
        try:
            reply = await session.client.request(
                "POST",
                "/api/render/proxy/lambda",
                idempotent=False,
                body=partial(dict, json=payload),
            )
        except NemoError as error:
            if attempt == 0 and _reused_id(error):
                continue
            raise
        if current:
            session._render_id = session.last_render_id = render_id
        with contextlib.suppress(ProtocolError, ValueError):
            status = RenderStatus.from_wire(json_body(reply))
            if status.id in ("", render_id):
                return render_id, status
        return render_id, RenderStatus(render_id, "pending")
    raise AssertionError("unreachable")


RENDER_STATES: dict[str, str] = {
    **{name: "pending" for name in ("pending", "queued", "waiting", "submitted")},
    **{name: "processing" for name in ("processing", "rendering", "running", "in_progress")},
    **{name: "completed" for name in ("completed", "complete", "succeeded", "success", "done")},
    **{name: "failed" for name in ("failed", "error", "errored")},
    **{name: "cancelled" for name in ("cancelled", "canceled")},
}
"""Render statuses the client understands (the protocol's five, and their common spellings)."""


def _state(status: RenderStatus) -> str | None:
    """The status as one of the protocol's five, or None when this client does not know it."""
    return RENDER_STATES.get(status.status.strip().lower())


def _check(status: RenderStatus, render_id: str) -> None:
    state = _state(status)
    if state in ("failed", "cancelled"):
        raise RenderFailed(status.error or state or status.status, render_id=render_id)


async def _wait_render(
    session: AsyncSession,
    render_id: str,
    on_progress: ProgressCallback | None,
    on_status: Callable[[RenderStatus], Any] | None = None,
    *,
    current: bool = True,
) -> RenderStatus:
    """Follow a render to its end: by its event stream on the local backend (a local extension,
    so not on the cloud or the local backend's cloud profile), else by polling."""
    client = session.client
    try:
        status = None
        if await client.backend_profile() == "local":
            status = await _follow_events(session, render_id, on_progress, on_status)
        if status is None:
            status = await poll_render(client, render_id, on_progress, on_status)
    finally:
        if current:  # a preview never owns the session's render
            session._render_id = None
    _check(status, render_id)
    return status


async def _follow_events(
    session: AsyncSession,
    render_id: str,
    on_progress: ProgressCallback | None,
    on_status: Callable[[RenderStatus], Any] | None,
) -> RenderStatus | None:
    """The final status read from the render's event stream; None when the backend has none or
    the stream broke (the caller then polls)."""
    client = session.client
    http = await client._ensure()
    path = f"/api/render/proxy/lambda/{render_id}/events"
    timeout = httpx.Timeout(EVENTS_IDLE, connect=client.config.timeouts.connect)
    try:
        async with http.stream(
            "GET", path, headers=client._auth_header(), timeout=timeout
        ) as reply:
            if reply.status_code != 200:
                await reply.aread()
                return None
            decoder = SSEDecoder()
            async for chunk in reply.aiter_bytes():
                for event in decoder.feed(chunk):
                    try:
                        status = RenderStatus.from_wire(json.loads(event.data))
                    except (ValueError, AttributeError):
                        continue
                    _report(status, on_progress, on_status)
                    if status.finished:
                        return status
    except httpx.HTTPError:
        return None
    return None


async def poll_render(
    client: AsyncClient,
    render_id: str,
    on_progress: ProgressCallback | None,
    on_status: Callable[[RenderStatus], Any] | None = None,
) -> RenderStatus:
    """Poll until the render ends: every 2 s growing to 30 s on the cloud (fast on a local backend).

    Gives up, without cancelling, when the status and progress stay the same for
    ``client.render_stall_limit`` seconds, or on a status this client does not know.
    """
    clock = client.config.clock
    local = await client.backend_profile() == "local"
    delay = client.render_poll_local if local else client.render_poll_start
    cap = LOCAL_POLL_CAP if local else client.render_poll_cap
    seen: tuple[str, float] | None = None
    since = clock()
    shown = (0.0, "pending")
    while True:
        await _wait_showing(client, delay, shown, on_progress)
        reply = await client.request("GET", f"/api/render/proxy/lambda/{render_id}")
        status = RenderStatus.from_wire(json_body(reply))
        state = _state(status)
        if state is None:
            raise RenderFailed(
                f"the backend reported a render status this client does not know "
                f"({status.status[:40]!r}); stopped waiting — the render may still finish",
                render_id=render_id,
            )
        shown = (_percent(status, state), state)
        _report(status, on_progress, on_status)
        if state == "completed":
            return status
        if state in ("failed", "cancelled"):
            raise RenderFailed(status.error or state, render_id=render_id)
        if seen != (state, status.progress):
            seen, since = (state, status.progress), clock()
        elif clock() - since >= client.render_stall_limit:
            raise RenderFailed(
                f"no progress for {client.render_stall_limit / 60:g} minutes ({state} at "
                f"{shown[0]:.0f}%); stopped waiting — it may still finish on the server: export "
                "again later, or %nemo cancel to stop it",
                render_id=render_id,
            )
        delay = min(delay * 1.5, cap)


async def _wait_showing(
    client: AsyncClient,
    delay: float,
    shown: tuple[float, str],
    on_progress: ProgressCallback | None,
) -> None:
    """Sleep ``delay`` seconds, repeating the last progress every ``client.progress_every``."""
    left = delay
    while left > 0:
        step = min(left, client.progress_every)
        await client.config.sleep(step)
        left -= step
        if on_progress is not None and left > 0:
            on_progress(shown[0], f"{shown[1]}, next check in {left:.0f} s")


def _report(
    status: RenderStatus,
    on_progress: ProgressCallback | None,
    on_status: Callable[[RenderStatus], Any] | None,
) -> None:
    """Tell the callbacks: percent and a label with frames, time left and speed when known."""
    state = _state(status) or status.status
    if on_progress is not None:
        label = status.label if status.frames is not None else state
        on_progress(_percent(status, state), label)
    if on_status is not None:
        on_status(status)


async def _download(
    client: AsyncClient, render_id: str, output_url: str | None, target: Path
) -> None:
    """Stream the MP4 to a temp file beside ``target`` and rename it into place."""
    fallback = f"/api/render/proxy/{render_id}/download"
    sources = [u for u in (output_url, fallback) if u]
    last: Exception | None = None
    for source in sources:
        try:
            await _fetch_to(client, source, target)
            return
        except (NemoError, httpx.HTTPError, httpx.InvalidURL, OSError) as error:
            last = error
    raise RenderFailed(f"the video could not be downloaded ({last})", render_id=render_id)


async def _fetch_to(client: AsyncClient, source: str, target: Path) -> None:
    http = await client._ensure()
    headers = client._auth_header() if same_origin(source, client.base_url) else {}
    with atomic_file(target) as out:
        async with http.stream("GET", source, headers=headers) as reply:
            if reply.status_code >= 400:
                await reply.aread()
                raise client._error(reply, f"GET {urlsplit(source).path}") or ProtocolError()
            async for chunk in reply.aiter_bytes():
                out.write(chunk)


def _exportable(draft: dict[str, Any] | None) -> bool:
    return any(track.segment_dicts for track in DraftView(draft).tracks)


def _reused_id(error: NemoError) -> bool:
    text = str(error).lower()
    return error.status == 409 or (
        "id" in text and ("exist" in text or "already" in text or "reuse" in text)
    )


def _percent(status: RenderStatus, state: str) -> float:
    """Progress in percent (the protocol reports 0–100)."""
    return 100.0 if state == "completed" else max(0.0, min(float(status.progress), 100.0))


def probe_video(
    path: Path, render_id: str, url: str | None = None, poster_url: str | None = None
) -> Video:
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
