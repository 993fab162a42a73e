"""The render queue: a bounded pool of worker threads turning drafts into MP4s through the studio.

Every state change is written to the database first, so a restart loses nothing: renders still
pending are queued again, and one that was running when the server stopped is marked failed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import queue
import secrets
import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..draft import PREVIEW_RESOLUTIONS, DraftView
from ..files import place_copy
from ..limits import ms_to_seconds
from .db import TERMINAL, Database
from .progress import ProgressBoard, live_name
from .render_cache import RenderCache
from .settings import Settings

log = logging.getLogger("nemo_notebook.backend")

RESTARTED = "server restarted while rendering; export again"
# A preview takes the sharpest of PREVIEW_RESOLUTIONS expected to finish within this time.
PREVIEW_SECONDS = 1.5
# Frames per second of wall time a 480p preview is assumed to make before one has been timed.
PREVIEW_RATE_GUESS = 300.0


def quality_of(resolution: str) -> str:
    """Previews are rendered at their own small sizes, so the resolution says the quality."""
    return "preview" if resolution in PREVIEW_RESOLUTIONS else "final"


def exportable(draft: Any) -> bool:
    """A draft can be exported when at least one track has segments."""
    return any(track.segment_dicts for track in DraftView(draft).tracks)


class UploadResolver:
    """``resolve(src)`` for the renderer: an uploaded asset's URL (any host or port) → its local file.

    A plain object (not a closure) so a render worker process can be given the same one.
    """

    def __init__(self, uploads: Path) -> None:
        self.uploads = uploads.resolve()

    def __call__(self, src: str) -> Path | None:
        path = unquote(urlsplit(src).path)
        prefix = "/files/uploads/"
        if not path.startswith(prefix):
            return None
        candidate = (self.uploads / path[len(prefix) :]).resolve()
        if candidate.parent != self.uploads or not candidate.is_file():
            return None
        return candidate


def make_resolver(settings: Settings) -> UploadResolver:
    return UploadResolver(settings.uploads_dir)


def renderer(settings: Settings, quality: str = "final") -> Any:
    """The render function: in a worker process (the default) or in this process's thread.

    Previews always render here: they are small, their stills are drawn while the reply streams,
    and a worker's start (about 0.5 s of imports) would be most of the wait for their first frame.
    """
    if settings.render_isolation == "process" and quality != "preview":
        from .workers import render_in_worker

        return render_in_worker
    from .studio import render_draft

    return render_draft


def iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, UTC).isoformat().replace("+00:00", "Z")


def render_reply(
    row: dict[str, Any], base_url: str, live: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The render status reply, with the top-level mirrors older clients read.

    ``live`` (a local extension) adds frames done, speed and time left while the render runs.
    """
    base = base_url.rstrip("/")
    output_url = f"{base}/files/renders/{row['output_name']}" if row["output_name"] else None
    poster_url = f"{base}/files/renders/{row['poster_name']}" if row["poster_name"] else None
    data = {
        "id": row["id"],
        "status": row["status"],
        "progress": row["progress"],
        "outputUrl": output_url,
        "posterUrl": poster_url,
        "createdAt": iso(row["created"]),
        "completedAt": iso(row["completed"]),
        "error": row["error"],
    }
    if quality_of(row["resolution"]) == "preview":
        data["resolution"] = row["resolution"]
        if row["status"] not in TERMINAL:
            data["liveUrl"] = f"{base}/files/live/{live_name(row['id'])}"
    if live:
        data.update(live)
    output = (
        {"url": output_url, "duration": ms_to_seconds(row["duration"]), "size": row["size"]}
        if output_url
        else None
    )
    return {
        "success": True,
        "data": data,
        "status": row["status"],
        "progress": row["progress"],
        "output": output,
    }


class RenderQueue:
    """Pending render ids in a FIFO, served by ``settings.render_workers`` daemon threads."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.resolve = make_resolver(settings)
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._cancels: dict[str, threading.Event] = {}
        self._reservations: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self.board = ProgressBoard()
        self.cache = RenderCache(settings.render_cache_dir)
        self._preview_rate = PREVIEW_RATE_GUESS
        self._preparing: threading.Thread | None = None
        self._next_draft: dict[str, Any] | None = None
        self._preview_sessions: set[str] = set()

    def start(self) -> None:
        """Recover from the last run, then start the workers."""
        for row in self.db.renders_with_status("processing"):
            self.db.update_render(row["id"], status="failed", error=RESTARTED)
        for row in self.db.renders_with_status("pending"):
            self._enqueue(row["id"])
        for index in range(self.settings.render_workers):
            thread = threading.Thread(target=self._work, name=f"nemo-render-{index}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking work and interrupt running renders; they are marked failed on the next start."""
        self._stopping.set()
        with self._lock:
            for event in self._cancels.values():
                event.set()
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join(timeout)
        preparing = self._preparing
        if preparing is not None:
            preparing.join(timeout)

    def rendering(self) -> int:
        """How many renders are queued or running (a blocking database read)."""
        return len(self.db.renders_with_status("pending", "processing"))

    async def rendering_async(self) -> int:
        return await asyncio.to_thread(self.rendering)

    def submit(self, render_id: str, reservation: int | None = None) -> None:
        if reservation is not None:
            self._reservations[render_id] = reservation
        if self._from_cache(render_id):
            return
        self._enqueue(render_id)

    def preview_resolution(self, draft: dict[str, Any]) -> str:
        """A preview size already rendered for this draft, else the sharpest one expected to be
        ready within ``PREVIEW_SECONDS``."""
        for resolution in PREVIEW_RESOLUTIONS:
            if self.cache.lookup(self.cache.key(draft, resolution, "preview")) is not None:
                return resolution
        frames = DraftView(draft).duration_ms * DraftView(draft).meta.fps / 1000
        if frames / self._preview_rate <= PREVIEW_SECONDS:
            return PREVIEW_RESOLUTIONS[0]
        return PREVIEW_RESOLUTIONS[-1]

    def note_preview(self, session_id: str | None) -> None:
        """A preview was asked for in this session, so its next drafts are worth preparing."""
        if session_id:
            self._preview_sessions.add(session_id)

    def prepare(self, draft: dict[str, Any], session_id: str) -> None:
        """Draw what a preview of a new draft needs, on a side thread, for a session whose client
        asks for previews. Drafts that arrive while one is being drawn wait; only the newest of
        them is drawn next."""
        if session_id not in self._preview_sessions:
            return
        with self._lock:
            self._next_draft = draft
            if self._stopping.is_set() or (self._preparing and self._preparing.is_alive()):
                return
            self._preparing = threading.Thread(
                target=self._prepare, name="nemo-prepare", daemon=True
            )
            self._preparing.start()

    def _prepare(self) -> None:
        from .studio import prepare_draft

        while not self._stopping.is_set():
            with self._lock:
                draft, self._next_draft = self._next_draft, None
                if draft is None:
                    self._preparing = None
                    return
            prepare_draft(
                draft,
                resolution=self.preview_resolution(draft),
                resolve=self.resolve,
                cache_dir=self.cache.studio,
            )

    def _from_cache(self, render_id: str) -> bool:
        """Complete a render at once when the same output was rendered before."""
        row = self.db.render(render_id)
        if row is None:
            return False
        key = self.cache.key(
            json.loads(row["draft"]), row["resolution"], quality_of(row["resolution"])
        )
        hit = self.cache.lookup(key)
        if hit is None or not self.db.start_render(render_id):
            return False
        renders = self.settings.renders_dir
        renders.mkdir(parents=True, exist_ok=True)
        stem = secrets.token_urlsafe(16)
        out_path = renders / f"{stem}.mp4"
        try:
            place_copy(hit.video, out_path, link=True)
            poster_name = None
            if hit.poster is not None:
                place_copy(hit.poster, renders / f"{stem}.jpg", link=True)
                poster_name = f"{stem}.jpg"
        except OSError:
            out_path.unlink(missing_ok=True)
            self.db.update_render(render_id, status="pending")
            return False
        self._finish(render_id, out_path, poster_name, hit.duration_ms)
        return True

    def _enqueue(self, render_id: str) -> None:
        with self._lock:
            self._cancels[render_id] = threading.Event()
        self._queue.put(render_id)

    def cancel(self, render_id: str) -> str:
        """Cancel a pending or running render; the status it ends in."""
        row = self.db.render(render_id)
        assert row is not None
        if row["status"] in TERMINAL:
            return row["status"]
        self.db.update_render(render_id, status="cancelled")
        with self._lock:
            event = self._cancels.get(render_id)
        if event is not None:
            event.set()
        self._settle(render_id, charge=False)
        return "cancelled"

    def _work(self) -> None:
        while True:
            render_id = self._queue.get()
            if render_id is None or self._stopping.is_set():
                return
            try:
                self._run(render_id)
            except Exception:
                log.exception("render %s crashed", render_id)
                self.db.finish_render_unless_cancelled(
                    render_id, status="failed", error="internal error"
                )
                self._settle(render_id, charge=False)
            finally:
                with self._lock:
                    self._cancels.pop(render_id, None)

    def _run(self, render_id: str) -> None:
        row = self.db.render(render_id)
        if row is None or not self.db.start_render(render_id):
            return
        with self._lock:
            cancel = self._cancels.setdefault(render_id, threading.Event())
        from .studio import RenderCancelled, RenderError
        from .studio.render.plan import make_plan

        renders = self.settings.renders_dir
        renders.mkdir(parents=True, exist_ok=True)
        stem = secrets.token_urlsafe(16)
        out_path = renders / f"{stem}.mp4"
        work_dir = self.settings.tmp_dir / f"render_{stem}"
        work_dir.mkdir(parents=True, exist_ok=True)
        draft = json.loads(row["draft"])
        resolution, quality = row["resolution"], quality_of(row["resolution"])
        render_draft = renderer(self.settings, quality)
        partial = None
        if quality == "preview":
            partial = self.settings.live_dir / live_name(render_id)
        canvas = make_plan(draft, resolution).canvas
        self.board.begin(render_id, canvas.frames, canvas.fps, partial)
        started = time.monotonic()
        try:
            result = render_draft(
                draft,
                out_path,
                resolution=resolution,
                resolve=self.resolve,
                on_progress=self._progress_callback(render_id),
                cancel=cancel,
                work_dir=work_dir,
                quality=quality,
                cache_dir=self.cache.studio,
                partial_path=partial,
            )
        except RenderCancelled:
            out_path.unlink(missing_ok=True)
            if not self._stopping.is_set():
                self.db.finish_render_unless_cancelled(render_id, status="cancelled")
                self._settle(render_id, charge=False)
            return
        except RenderError as exc:
            out_path.unlink(missing_ok=True)
            self.db.finish_render_unless_cancelled(render_id, status="failed", error=str(exc))
            self._settle(render_id, charge=False)
            return
        else:
            self._complete(render_id, result, out_path, stem)
            key = self.cache.key(draft, resolution, quality)
            poster = renders / f"{stem}.jpg"
            self.cache.keep(key, out_path, poster, int(result.duration_ms))
            if resolution == PREVIEW_RESOLUTIONS[0]:
                self._preview_rate = canvas.frames / max(time.monotonic() - started, 1e-3)
        finally:
            self.board.finish(render_id, out_path if out_path.is_file() else None)
            shutil.rmtree(work_dir, ignore_errors=True)
            if partial is not None:
                partial.unlink(missing_ok=True)

    def _complete(self, render_id: str, result: Any, out_path: Path, stem: str) -> None:
        output = Path(result.path)
        if output.resolve() != out_path.resolve():
            shutil.move(output, out_path)
        poster_name = self._keep_poster(result.poster, stem)
        self._finish(render_id, out_path, poster_name, int(result.duration_ms))

    def _finish(
        self, render_id: str, out_path: Path, poster_name: str | None, duration_ms: int
    ) -> None:
        """Mark a render completed with its file (unless it was cancelled meanwhile) and settle it."""
        done = self.db.finish_render_unless_cancelled(
            render_id,
            status="completed",
            progress=100,
            output_name=out_path.name,
            poster_name=poster_name,
            duration=duration_ms,
            size=out_path.stat().st_size,
        )
        self._settle(render_id, charge=done)

    def _keep_poster(self, poster: Any, stem: str) -> str | None:
        target = self.settings.renders_dir / f"{stem}.jpg"
        if isinstance(poster, bytes | bytearray):
            target.write_bytes(poster)
        elif poster is not None and Path(poster).is_file():
            if Path(poster).resolve() != target.resolve():
                shutil.move(poster, target)
        else:
            return None
        return target.name

    def _progress_callback(self, render_id: str) -> Any:
        last = [-1]

        def on_progress(value: float) -> None:
            # A percentage; 100 is written only with the finished output.
            self.board.update(render_id, min(99.9, value))
            percent = max(0, min(99, int(value)))
            if percent != last[0]:
                last[0] = percent
                self.db.update_render(render_id, progress=percent)

        return on_progress

    def _settle(self, render_id: str, *, charge: bool) -> None:
        reservation = self._reservations.pop(render_id, None)
        if reservation is not None:
            self.db.settle(reservation, self.settings.cost_export if charge else 0)
