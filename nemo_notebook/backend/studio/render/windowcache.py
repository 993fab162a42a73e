"""Encoded windows kept between renders, named by everything that decides their bytes.

A window's key is the filter graph FFmpeg runs for it (with the cache folder written as a fixed
name, since the stills in it are named by their own content), its encoder options, the renderer
version, and the size and time of every outside file it reads. An edit that leaves a window's
graph alone leaves its key alone, so only the windows an edit touched are encoded again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from ....files import place_copy
from .graph import Graph

CACHE_MARK = "<cache>"


class WindowCache:
    """MP4 pieces of windows under `root`, one file per key."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def key(self, version: str, graph: Graph, options: list[str], cache: Path) -> str:
        """The digest of a window: its graph, inputs and encoder `options` (without the output)."""
        folder = str(cache)
        digest = hashlib.sha256(f"renderer {version}\n".encode())
        for line in graph.lines:
            digest.update(line.replace(folder, CACHE_MARK).encode("utf-8") + b"\n")
        for args in graph.inputs:
            for arg in args:
                digest.update(arg.replace(folder, CACHE_MARK).encode("utf-8") + b"\0")
                if not arg.startswith(folder) and os.path.isfile(arg):
                    stat = os.stat(arg)
                    digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode() + b"\0")
        digest.update("\0".join(options).replace(folder, CACHE_MARK).encode("utf-8"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / f"{key}.mp4"

    def take(self, key: str, part: Path) -> bool:
        """Put the cached window `key` at `part`; False when there is none."""
        cached = self._path(key)
        if not cached.is_file():
            return False
        try:
            place_copy(cached, part, link=True)
            os.utime(cached)
        except OSError:
            return False
        return True

    def keep(self, key: str, part: Path) -> None:
        """Remember the freshly encoded `part` as window `key`."""
        with contextlib.suppress(OSError):
            place_copy(part, self._path(key), link=True)
