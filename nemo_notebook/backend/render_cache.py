"""Finished renders kept by what decides their bytes, so the same draft is never rendered twice.

The key is the draft without the keys the renderer does not read (``render_key.output_draft``),
the resolution, the quality and the renderer version. A render whose key is here completes at once:
its output is a hard link to the kept file (a copy across file systems). Kept files, encoded
windows, stills and sounds are dropped oldest first once the cache passes its size budget.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files import place_copy
from ..limits import MB
from ..render_key import render_digest

CACHE_BUDGET = 2000 * MB
PRUNE_GRACE = 600.0


@dataclass(frozen=True)
class CachedRender:
    """A kept render: its MP4, its poster (if any) and what the status reply reports."""

    video: Path
    poster: Path | None
    duration_ms: int


class RenderCache:
    """Kept outputs under ``root/outputs``; ``root/studio`` is the renderer's own cache."""

    def __init__(self, root: Path, budget: int = CACHE_BUDGET) -> None:
        self.root = Path(root)
        self.outputs = self.root / "outputs"
        self.studio = self.root / "studio"
        self.budget = budget
        self.outputs.mkdir(parents=True, exist_ok=True)
        self.studio.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def key(draft: dict[str, Any], resolution: str, quality: str) -> str:
        from .studio import RENDERER_VERSION

        return render_digest(draft, f"renderer {RENDERER_VERSION}", resolution, quality)

    def lookup(self, key: str) -> CachedRender | None:
        """The kept render for `key`, or None."""
        video, meta = self.outputs / f"{key}.mp4", self.outputs / f"{key}.json"
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not video.is_file() or not isinstance(info, dict):
            return None
        poster = self.outputs / f"{key}.jpg"
        with contextlib.suppress(OSError):
            os.utime(video)
        return CachedRender(
            video, poster if poster.is_file() else None, int(info.get("duration_ms") or 0)
        )

    def keep(self, key: str, video: Path, poster: Path | None, duration_ms: int) -> None:
        """Remember a finished render (by link, so it costs no space while the output lives)."""
        try:
            place_copy(video, self.outputs / f"{key}.mp4", link=True)
            if poster is not None and poster.is_file():
                place_copy(poster, self.outputs / f"{key}.jpg", link=True)
            meta = self.outputs / f"{key}.json"
            meta.write_text(json.dumps({"duration_ms": duration_ms}), encoding="utf-8")
        except OSError:
            return
        self.prune()

    def prune(self) -> None:
        """Drop the least recently used files (kept renders, windows, stills, sounds) until the
        cache fits its budget; files touched in the last ``PRUNE_GRACE`` seconds stay, since a
        render running beside this one may be about to read them."""
        stats = []
        for path in self.root.rglob("*"):
            with contextlib.suppress(OSError):
                if path.is_file():
                    stats.append((path, path.stat()))
        total = sum(st.st_size for _, st in stats)
        recent = time.time() - PRUNE_GRACE
        for path, st in sorted(stats, key=lambda item: item[1].st_mtime):
            if total <= self.budget or st.st_mtime > recent:
                break
            path.unlink(missing_ok=True)
            total -= st.st_size
