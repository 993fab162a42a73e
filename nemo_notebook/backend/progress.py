"""Live render progress and files still being written, shared by the render workers and the routes.

Workers report a percentage; the board turns it into frames done, speed and time left. The
``events`` route streams these as they change (a local extension of the render API), and a
preview still being written is served as it grows.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Seconds a finished render stays on the board, for a reader of its live file still catching up.
LIVE_GRACE = 120.0


def live_name(render_id: str) -> str:
    """The file name a render's growing output is served under."""
    return render_id.replace(":", "_")[:60] + ".mp4"


@dataclass
class Running:
    """One render in progress."""

    total_frames: int
    fps: int
    started: float
    percent: float = 0.0
    partial: Path | None = None
    final: Path | None = None
    finished: bool = False
    ended: float = 0.0
    version: int = 0


class ProgressBoard:
    """Thread-safe: workers write with ``begin``/``update``/``finish``, routes read ``snapshot``."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._items: dict[str, Running] = {}
        self._live: dict[str, str] = {}  # file name → render id

    def begin(
        self, render_id: str, total_frames: int, fps: int, partial: Path | None = None
    ) -> None:
        with self._lock:
            now = self._clock()
            for old, item in list(self._items.items()):
                if item.finished and now - item.ended > LIVE_GRACE:
                    self._drop(old)
            self._items[render_id] = Running(max(1, total_frames), max(1, fps), now)
            self._items[render_id].partial = partial
            if partial is not None:
                self._live[partial.name] = render_id

    def update(self, render_id: str, percent: float) -> None:
        with self._lock:
            item = self._items.get(render_id)
            if item is not None and percent != item.percent:
                item.percent = max(0.0, min(100.0, percent))
                item.version += 1

    def finish(self, render_id: str, final: Path | None) -> None:
        """The render ended; a live file now reads from ``final`` (None: it failed)."""
        with self._lock:
            item = self._items.get(render_id)
            if item is not None:
                item.finished, item.final, item.ended = True, final, self._clock()
                item.version += 1

    def _drop(self, render_id: str) -> None:
        item = self._items.pop(render_id, None)
        if item is not None and item.partial is not None:
            self._live.pop(item.partial.name, None)

    def version(self, render_id: str) -> int:
        with self._lock:
            item = self._items.get(render_id)
            return -1 if item is None else item.version

    def snapshot(self, render_id: str) -> dict[str, Any] | None:
        """Frames done, total, speed (× real time), elapsed and time left in seconds."""
        with self._lock:
            item = self._items.get(render_id)
            if item is None:
                return None
            elapsed = max(self._clock() - item.started, 1e-6)
            frames = round(item.total_frames * item.percent / 100)
            speed = frames / item.fps / elapsed
            left = elapsed * (100 - item.percent) / item.percent if item.percent > 0 else None
            return {
                "frames": frames,
                "totalFrames": item.total_frames,
                "speed": round(speed, 3),
                "elapsedSeconds": round(elapsed, 2),
                "secondsLeft": None if left is None else round(left, 2),
            }

    def live(self, name: str) -> tuple[Path | None, Path | None, bool] | None:
        """(partial file, final file, finished) of a live file name, or None if unknown."""
        with self._lock:
            render_id = self._live.get(name)
            item = self._items.get(render_id) if render_id else None
            if item is None:
                return None
            return item.partial, item.final, item.finished
