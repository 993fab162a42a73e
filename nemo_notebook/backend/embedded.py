"""The local backend a client uses when given no URL: the data dir's service, or a server in this process.

By default (``NEMO_EMBEDDED=service``) every process shares one server per data dir, started detached on
first use and found again through the data dir's discovery file (see ``service``); it outlives the kernel.
``NEMO_EMBEDDED=thread`` runs the server in a daemon thread of this process instead, stopped at exit: for
tests and for hosts that must not leave a process behind. Both hold the data dir's lock, so they never
serve one data dir twice.

Imports stay light: a client of the service never loads the server (Starlette, uvicorn), and the
in-thread server no PyAV, numpy or studio, so it is up well within a second and a half.
"""

from __future__ import annotations

import atexit
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LocalBackendError
from .settings import Settings, identity_of

if TYPE_CHECKING:
    from .server import ServerHandle

MODE_ENV = "NEMO_EMBEDDED"
MODES = ("service", "thread")


@dataclass(frozen=True)
class EmbeddedServer:
    """Where the local backend listens, the identity of its data, the data dir, and who runs it."""

    url: str
    identity: str
    data_dir: Path
    pid: int = 0


_lock = threading.Lock()
_handle: ServerHandle | None = None
_embedded: EmbeddedServer | None = None


def mode() -> str:
    """``service`` (the default) or ``thread``, from ``NEMO_EMBEDDED``."""
    value = (os.environ.get(MODE_ENV) or "service").strip().lower()
    if value not in MODES:
        raise LocalBackendError(f"{MODE_ENV} must be 'service' or 'thread', not {value!r}")
    return value


def ensure_server(*, refresh: bool = False) -> EmbeddedServer:
    """The local backend, found or started now; ``refresh`` looks again (after it stopped answering)."""
    global _handle, _embedded
    with _lock:
        if _embedded is not None and not (refresh and _handle is None):
            return _embedded
        settings = Settings.from_env()
        identity = identity_of(settings)
        if mode() == "thread":
            from .server import ServeError, start_server

            try:
                _handle = start_server(settings)
            except ServeError as error:
                raise LocalBackendError(str(error)) from None
            atexit.register(stop_server)
            _embedded = EmbeddedServer(_handle.url, identity, settings.data_dir, os.getpid())
        else:
            from .service import ensure_service

            info = ensure_service(settings.data_dir, identity)
            _embedded = EmbeddedServer(info.url, identity, settings.data_dir, info.pid)
        return _embedded


def stop_server() -> None:
    """Stop this process's in-thread backend if it runs (a service is left to its idle timeout)."""
    global _handle, _embedded
    with _lock:
        if _handle is not None:
            _handle.stop()
        _handle = None
        _embedded = None
