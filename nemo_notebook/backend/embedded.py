"""The embedded backend: one server per process, started on first use and stopped at exit.

Imports stay light (no PyAV, numpy or studio) so the server is up well within a second and a half.
"""

from __future__ import annotations

import atexit
import threading
from dataclasses import dataclass
from pathlib import Path

from .server import ServerHandle, start_server
from .settings import Settings


@dataclass(frozen=True)
class EmbeddedServer:
    """Where the embedded backend listens, the identity of its data, and the data dir itself."""

    url: str
    identity: str
    data_dir: Path


_lock = threading.Lock()
_handle: ServerHandle | None = None
_embedded: EmbeddedServer | None = None


def ensure_server() -> EmbeddedServer:
    """The process's embedded backend, started now if it is not running yet."""
    global _handle, _embedded
    with _lock:
        if _embedded is None:
            from .context import identity_of

            settings = Settings.from_env()
            _handle = start_server(settings)
            atexit.register(stop_server)
            _embedded = EmbeddedServer(_handle.url, identity_of(settings), settings.data_dir)
        return _embedded


def stop_server() -> None:
    """Stop the embedded backend if it runs; the next ``ensure_server()`` starts a new one."""
    global _handle, _embedded
    with _lock:
        if _handle is not None:
            _handle.stop()
        _handle = None
        _embedded = None
