"""Finding the one backend of a data dir: an OS file lock held by the server, and a discovery file beside it.

The server holds ``server.lock`` (``flock``) for as long as it runs, so the lock, not the file, says whether a
server owns the data dir: a discovery file left by a killed server is recognised as stale. Clients that may
start a server serialise on ``start.lock`` so that two processes starting at once spawn one server.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from .. import files
from ..file_lock import PRIVATE_FILE, try_lock, unlock

SERVER_LOCK = "server.lock"
START_LOCK = "start.lock"
INFO_FILE = "server.json"
LOG_FILE = "server.log"


class DataDirBusy(RuntimeError):
    """Another server holds the data dir's lock."""


@dataclass(frozen=True)
class ServerInfo:
    """What the discovery file holds: where the server listens, who it is and what it serves."""

    url: str
    pid: int
    version: str
    started: float
    data_dir: str
    identity: str

    @classmethod
    def from_json(cls, value: Any) -> ServerInfo | None:
        if not isinstance(value, dict):
            return None
        try:
            return cls(
                url=str(value["url"]),
                pid=int(value["pid"]),
                version=str(value["version"]),
                started=float(value["started"]),
                data_dir=str(value["data_dir"]),
                identity=str(value["identity"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def describe(self) -> str:
        return f"{self.url} (pid {self.pid}, version {self.version})"


def private_dir(path: Path, *, notice: bool = True) -> None:
    """Create ``path`` owner-only (0700); an existing dir open to others is tightened with a one-line notice."""
    files.private_dir(path)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        os.chmod(path, files.PRIVATE_DIR_MODE)
        if notice:
            print(
                f"nemo: {path} was readable by other users (mode {mode:o}); it is now owner-only (700)",
                file=sys.stderr,
            )


def private_file(path: Path) -> None:
    """Make an existing file owner-only (0600); a missing file is left alone."""
    with contextlib.suppress(FileNotFoundError):
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, PRIVATE_FILE)


def server_lock(data_dir: Path) -> IO[str]:
    """Claim the data dir for one server; DataDirBusy naming the running one when it is taken."""
    handle = try_lock(data_dir / SERVER_LOCK)
    if handle is None:
        info = read_info(data_dir)
        where = f" at {info.describe()}" if info else ""
        raise DataDirBusy(
            f"a nemo backend already serves {data_dir}{where}; use it, or stop it first"
        )
    return handle


def owned(data_dir: Path) -> bool:
    """True when a running server holds the data dir's lock (probing it takes and drops the lock)."""
    handle = try_lock(data_dir / SERVER_LOCK)
    if handle is None:
        return True
    unlock(handle)
    return False


def read_info(data_dir: Path) -> ServerInfo | None:
    try:
        text = (data_dir / INFO_FILE).read_text(encoding="utf-8")
        return ServerInfo.from_json(json.loads(text))
    except (OSError, ValueError):
        return None


def write_info(data_dir: Path, info: ServerInfo) -> None:
    """Write the discovery file atomically (readers never see half of it), owner-only."""
    target = data_dir / INFO_FILE
    scratch = data_dir / f".{INFO_FILE}.{os.getpid()}"
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(asdict(info), out)
    os.replace(scratch, target)


def clear_info(data_dir: Path, pid: int) -> None:
    """Remove the discovery file if it is still the one written by ``pid``."""
    info = read_info(data_dir)
    if info is not None and info.pid == pid:
        with contextlib.suppress(OSError):
            (data_dir / INFO_FILE).unlink()
