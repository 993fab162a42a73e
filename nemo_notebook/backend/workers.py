"""Renders in worker processes, so drawing frames and driving FFmpeg never take the server's GIL.

``render_in_worker`` has ``render_draft``'s signature: it runs ``python -m nemo_notebook.backend.workers``,
sends the job as one JSON line on the child's stdin, and reads JSON lines back (progress, then the result
or the error). Cancelling writes ``cancel``; a child whose parent dies sees its stdin close and cancels.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

STOP_WAIT = 10.0
# Renders are background work: at a lower CPU priority (FFmpeg inherits it), chats and state replies
# keep their latency while a render uses every core.
RENDER_NICENESS = 10


def render_in_worker(
    draft: dict[str, Any],
    out_path: Path,
    *,
    resolution: str | None = None,
    resolve: Any,
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    work_dir: Path | None = None,
    quality: str = "final",
    cache_dir: Path | None = None,
    partial_path: Path | None = None,
) -> Any:
    """Render in a child process; the ``RenderResult``, or the child's RenderCancelled / RenderError."""
    from .studio import RenderCancelled, RenderError, RenderResult

    job = {
        "draft": draft,
        "out_path": str(out_path),
        "resolution": resolution,
        "uploads_dir": str(resolve.uploads),
        "work_dir": str(work_dir) if work_dir is not None else None,
        "quality": quality,
        "cache_dir": str(cache_dir) if cache_dir is not None else None,
        "partial_path": str(partial_path) if partial_path is not None else None,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "nemo_notebook.backend.workers"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    stopper = threading.Thread(
        target=_forward_cancel, args=(cancel, proc), name="nemo-render-cancel", daemon=True
    )
    try:
        proc.stdin.write(json.dumps(job) + "\n")
        proc.stdin.flush()
        if cancel is not None:
            stopper.start()
        outcome: dict[str, Any] = {}
        for line in proc.stdout:
            message = json.loads(line)
            if "progress" in message:
                if on_progress is not None:
                    on_progress(float(message["progress"]))
            else:
                outcome = message
                break
    finally:
        with contextlib.suppress(OSError):
            proc.stdin.close()
        try:
            proc.wait(STOP_WAIT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if "result" in outcome:
        fields = outcome["result"]
        return RenderResult(
            path=Path(fields["path"]),
            width=int(fields["width"]),
            height=int(fields["height"]),
            duration_ms=int(fields["duration_ms"]),
            size=int(fields["size"]),
            poster=Path(fields["poster"]) if fields.get("poster") else None,
        )
    if "cancelled" in outcome or (cancel is not None and cancel.is_set()):
        raise RenderCancelled(outcome.get("cancelled") or "render cancelled")
    if "error" in outcome:
        raise RenderError(str(outcome["error"]))
    raise RenderError(f"the render worker stopped unexpectedly (exit status {proc.returncode})")


def _forward_cancel(cancel: threading.Event | None, proc: subprocess.Popen[str]) -> None:
    assert cancel is not None and proc.stdin is not None
    while proc.poll() is None:
        if cancel.wait(0.2):
            with contextlib.suppress(OSError, ValueError):
                proc.stdin.write("cancel\n")
                proc.stdin.flush()
            return


# -- the child -------------------------------------------------------------------------------------


def _watch_stdin(stdin: IO[str], cancel: threading.Event) -> None:
    """Cancel on a ``cancel`` line or when the parent goes away (stdin closes)."""
    for line in stdin:
        if line.strip() == "cancel":
            break
    cancel.set()


def main() -> None:
    """Read one job from stdin, render it, write progress and the outcome as JSON lines to stdout."""
    from .jobs import UploadResolver
    from .studio import RenderCancelled, RenderError, render_draft

    with contextlib.suppress(OSError, AttributeError):
        os.nice(RENDER_NICENESS)
    # The protocol owns the real stdout; anything else the render prints goes to stderr.
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    job = json.loads(sys.stdin.readline())
    cancel = threading.Event()
    threading.Thread(target=_watch_stdin, args=(sys.stdin, cancel), daemon=True).start()

    def send(message: dict[str, Any]) -> None:
        out.write(json.dumps(message) + "\n")

    try:
        result = render_draft(
            job["draft"],
            Path(job["out_path"]),
            resolution=job["resolution"],
            resolve=UploadResolver(Path(job["uploads_dir"])),
            on_progress=lambda value: send({"progress": value}),
            cancel=cancel,
            work_dir=Path(job["work_dir"]) if job["work_dir"] else None,
            quality=job["quality"],
            cache_dir=Path(job["cache_dir"]) if job["cache_dir"] else None,
            partial_path=Path(job["partial_path"]) if job["partial_path"] else None,
        )
    except RenderCancelled as exc:
        send({"cancelled": str(exc)})
    except RenderError as exc:
        send({"error": str(exc)})
    except Exception as exc:  # the parent turns any crash into a failed render
        send({"error": f"internal error in the renderer: {type(exc).__name__}"})
    else:
        send(
            {
                "result": {
                    "path": str(result.path),
                    "width": result.width,
                    "height": result.height,
                    "duration_ms": result.duration_ms,
                    "size": result.size,
                    "poster": str(result.poster) if result.poster else None,
                }
            }
        )
    out.flush()


if __name__ == "__main__":
    main()
