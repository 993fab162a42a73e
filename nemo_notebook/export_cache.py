"""Exports already on disk, so exporting an unchanged draft again is a file copy.

An entry is keyed by the backend's identity, the draft as the renderer sees it
(``render_key.output_draft``), the resolution and this package's version (which pins the
embedded renderer). It holds only while its file is still there with the same size and time.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from ._version import __version__
from .files import atomic_file, place_copy, private_dir
from .models import Video
from .render_key import render_digest

INDEX_FILE = "exports.json"
MAX_ENTRIES = 200


def export_key(identity: str, draft: dict[str, Any], resolution: str) -> str:
    return render_digest(draft, f"backend {identity}", resolution, f"client {__version__}")


class ExportCache:
    """An index file of key → the video exported for it."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / INDEX_FILE

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def find(self, key: str) -> Video | None:
        """The video exported for ``key`` when its file is unchanged, else None."""
        entry = self._read().get(key)
        if not isinstance(entry, dict):
            return None
        try:
            path = Path(str(entry["path"]))
            stat = path.stat()
            if (stat.st_size, stat.st_mtime_ns) != (entry["size"], entry["mtime_ns"]):
                return None
            return Video(
                path=path,
                url=entry.get("url"),
                width=int(entry["width"]),
                height=int(entry["height"]),
                duration=float(entry["duration"]),
                size=stat.st_size,
                render_id=str(entry["render_id"]),
                poster_url=entry.get("poster_url"),
            )
        except (OSError, KeyError, TypeError, ValueError):
            return None

    def remember(self, key: str, video: Video) -> None:
        """Note that ``video`` (a file on this machine) is the export for ``key``."""
        if video.path is None:
            return
        with contextlib.suppress(OSError):
            stat = video.path.stat()
            entries = self._read()
            entries.pop(key, None)
            entries[key] = {
                "path": str(video.path),
                "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns,
                "url": video.url,
                "width": video.width,
                "height": video.height,
                "duration": video.duration,
                "render_id": video.render_id,
                "poster_url": video.poster_url,
            }
            kept = dict(list(entries.items())[-MAX_ENTRIES:])
            private_dir(self.path.parent)
            with atomic_file(self.path, "w", encoding="utf-8") as out:
                json.dump(kept, out)

    def copy_to(self, video: Video, target: Path) -> Video:
        """``video`` placed at ``target`` (a copy unless it is already there)."""
        assert video.path is not None
        if video.path.resolve() == target.resolve():
            return video
        target.parent.mkdir(parents=True, exist_ok=True)
        place_copy(video.path, target)
        return replace(video, path=target.resolve(), size=target.stat().st_size)
