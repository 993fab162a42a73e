"""Files that appear whole or not at all (written to a temporary sibling, renamed on success), and
safe, unique names for the files the package writes."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

PRIVATE_DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """``path`` as a directory, created owner-only (0700) when missing: the config and data dirs, and
    the folders in them, hold client ids, tokens, journals and videos."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    return path


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


def place_copy(source: Path, target: Path, *, link: bool = False) -> None:
    """Put the content of ``source`` at ``target``, appearing whole.

    ``link`` makes a hard link when the two share a file system (for files nobody edits in
    place); otherwise, or when linking fails, the bytes are copied.
    """
    staged = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.part")
    staged.unlink(missing_ok=True)
    try:
        if link:
            try:
                os.link(source, staged)
            except OSError:
                shutil.copyfile(source, staged)
        else:
            shutil.copyfile(source, staged)
        os.replace(staged, target)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


_UNSAFE = re.compile(r"[^\w]+")
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
STEM_MAX = 60


def safe_stem(text: str, fallback: str = "nemo-video") -> str:
    """A file-name stem from any text: lower-case words joined by ``-``, nothing a shell or an OS
    treats specially (no separators, dots, control or reserved names), at most 60 characters."""
    words = _UNSAFE.sub("-", unicodedata.normalize("NFKC", text).lower()).replace("_", "-")
    stem = re.sub(r"-{2,}", "-", words).strip("-")[:STEM_MAX].rstrip("-")
    if not stem:
        return fallback
    return f"{stem}-video" if stem in _RESERVED else stem


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem-2``, ``stem-3``… when that name is taken."""
    candidate = folder / f"{stem}{suffix}"
    n = 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate
