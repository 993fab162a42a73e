"""Local files: names made safe before they touch the filesystem, and files that appear whole or not at all."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^\w.-]+")


def safe_name(raw: str, default: str = "file") -> str:
    """``raw`` (a server id, a title, a user's name) as one safe file name component.

    Separators, ``..``, control and shell-special characters become ``_``; no leading dot or dash (no
    hidden files, no option look-alikes); at most ``MAX_NAME_CHARS``; ``default`` when nothing is left.
    """
    text = unicodedata.normalize("NFKC", raw)
    name = _UNSAFE.sub("_", text).strip("._-")
    name = re.sub(r"\.{2,}", ".", name)[:MAX_NAME_CHARS].rstrip("._-")
    return name or default


@contextlib.contextmanager
def atomic_file(
    path: Path, mode: str = "wb", *, private: bool = False, **open_args: Any
) -> Iterator[IO[Any]]:
    """Yield a handle whose content lands at ``path`` only when the block ends without error.

    A failure (or an interrupt) removes the temporary ``.part`` file, so a half-written file never shows.
    ``private`` makes the file 0600 before a byte is written; otherwise it gets the permissions a plain
    ``open`` would give it under the process umask.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.fchmod(fd, 0o600 if private else 0o666 & ~_umask())
        with os.fdopen(fd, mode, **open_args) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    """The process umask, read without changing it (which would race other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022
