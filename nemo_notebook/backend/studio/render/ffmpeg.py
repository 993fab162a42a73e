"""Running FFmpeg: progress from `-progress pipe:1`, cancel by killing, one-line errors."""

from __future__ import annotations

import re
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable
from functools import lru_cache

from .errors import RenderCancelled, RenderError, RenderTimeout

GENERIC = (
    "Conversion failed",
    "Task finished",
    "Terminating thread",
    "Nothing was written",
    "Could not open encoder before EOF",
    "Error reinitializing filters",
    "Error while filtering",
    "Failed to inject frame",
    "Error opening output",
    "Exiting normally",
)
ADDRESS = re.compile(r" @ 0x[0-9a-f]+")
GRAPH_SPECIAL = re.compile(r"([\\'\[\],;])")


@lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """The static FFmpeg shipped by imageio-ffmpeg."""
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


@lru_cache(maxsize=1)
def script_option() -> str:
    """How this FFmpeg takes a filter graph from a file."""
    probe = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-h", "full"], capture_output=True, text=True, check=False
    )
    return (
        "-filter_complex_script" if "filter_complex_script" in probe.stdout else "-/filter_complex"
    )


def filter_value(text: str) -> str:
    """`text` as one option value inside a filter graph: quoted for the option parser, then
    escaped for the graph parser, so paths with spaces, quotes, commas or brackets survive."""
    quoted = "'" + text.replace("'", "'\\''") + "'"
    return GRAPH_SPECIAL.sub(r"\\\1", quoted)


def error_line(lines: list[str]) -> str:
    """The most telling line of FFmpeg's stderr: the first one that is not a generic consequence."""
    cleaned = [ADDRESS.sub("", line).strip() for line in lines if line.strip()]
    specific = [line for line in cleaned if not any(g in line for g in GENERIC)]
    pick = specific[0] if specific else (cleaned[-1] if cleaned else "FFmpeg failed")
    return f"FFmpeg: {pick}"


def run(
    args: list[str],
    total_us: int,
    *,
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    deadline: float | None = None,
) -> None:
    """Run FFmpeg with `args`; report 0..100 progress; raise RenderCancelled or RenderError.

    `deadline` (a `time.monotonic()` value) stops the run with RenderTimeout once passed.
    """
    if deadline is not None and time.monotonic() > deadline:
        raise RenderTimeout("render stopped: it ran past its time limit")
    cmd = [
        ffmpeg_exe(),
        "-hide_banner",
        "-nostdin",
        "-v",
        "error",
        "-nostats",
        "-progress",
        "pipe:1",
        *args,
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    errors: deque[str] = deque(maxlen=40)
    stderr = proc.stderr
    assert stderr is not None
    readers = [
        threading.Thread(target=_read_progress, args=(proc, total_us, on_progress), daemon=True),
        threading.Thread(target=lambda: errors.extend(stderr), daemon=True),
    ]
    for reader in readers:
        reader.start()
    while True:
        try:
            code = proc.wait(timeout=0.1)
            break
        except subprocess.TimeoutExpired:
            cancelled = cancel is not None and cancel.is_set()
            late = deadline is not None and time.monotonic() > deadline
            if cancelled or late:
                proc.kill()
                proc.wait()
                for reader in readers:
                    reader.join(timeout=2)
                if cancelled:
                    raise RenderCancelled("render cancelled") from None
                raise RenderTimeout("render stopped: it ran past its time limit") from None
    for reader in readers:
        reader.join(timeout=5)
    if code != 0:
        raise RenderError(error_line(list(errors)))


def _read_progress(
    proc: subprocess.Popen, total_us: int, on_progress: Callable[[float], None] | None
) -> None:
    for line in proc.stdout:  # type: ignore[union-attr]
        key, _, value = line.strip().partition("=")
        if on_progress is None:
            continue
        if key == "out_time_us" and value.lstrip("-").isdigit() and total_us > 0:
            on_progress(max(0.0, min(99.0, int(value) * 100 / total_us)))
        elif key == "progress" and value == "end":
            on_progress(100.0)
