"""Files that appear whole or not at all: written to a temporary sibling, renamed on success."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def atomic_file(
    path: Path, mode: str = "wb", *, private: bool = False, **open_args: Any
) -> Iterator[IO[Any]]:
    """Yield a handle whose content lands at ``path`` only when the block ends without error.

    A failure (or an interrupt) removes the temporary ``.part`` file, so a half-written file never shows.
    ``private`` makes the file 0600 before a byte is written.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        if private:
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, mode, **open_args) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
