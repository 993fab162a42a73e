"""Serve the backend with uvicorn: in a daemon thread for the embedded case and tests, or in the foreground."""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .settings import Settings

READY_TIMEOUT = 15.0


@dataclass
class ServerHandle:
    """A running server: its URL, its settings (with the real port) and ``stop()``."""

    url: str
    settings: Settings
    _server: object = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self, timeout: float = 15.0) -> None:
        """Shut down cleanly: open streams are closed, render workers stopped, the database closed."""
        self._server.should_exit = True  # type: ignore[attr-defined]
        self._thread.join(timeout)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this; without it small replies wait ~40 ms for a delayed ACK.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _uvicorn_config(settings: Settings) -> object:
    import uvicorn

    from .app import create_app

    return uvicorn.Config(
        create_app(settings),
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=3,
        ws="none",
    )


def start_server(settings: Settings) -> ServerHandle:
    """Start uvicorn on ``settings.host`` (port 0: a free one) in a daemon thread; return once it serves."""
    import uvicorn

    sock = _bind(settings.host, settings.port)
    port = sock.getsockname()[1]
    settings = replace(settings, port=port)
    server = uvicorn.Server(_uvicorn_config(settings))  # type: ignore[arg-type]
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="nemo-backend", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + READY_TIMEOUT
    while not server.started:
        if not thread.is_alive():
            sock.close()
            raise RuntimeError(f"the nemo backend failed to start on {settings.host}:{port}")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the nemo backend did not start within {READY_TIMEOUT:g} s")
        time.sleep(0.005)
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return ServerHandle(f"http://{host}:{port}", settings, server, thread)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: str = "127.0.0.1",
    port: int = 8765,
    data_dir: Path | str | None = None,
    profile: str | None = None,
) -> None:
    """Run the backend in the foreground until interrupted (``nemo-notebook serve``).

    ``profile`` (``local`` or ``cloud``) wins over ``NEMO_PROFILE``; ``data_dir`` over ``NEMO_HOME``.
    """
    import uvicorn

    base = Settings.from_env()
    name = profile or base.profile
    settings = replace(
        Settings.for_profile(name, base.data_dir if data_dir is None else Path(data_dir)),
        host=host,
        port=port,
    )
    if not is_loopback(host):
        print(
            f"warning: serving on {host}, reachable from other machines; anyone who can reach it can "
            "create a token and use it",
            file=sys.stderr,
        )
    print(
        f"nemo backend ({settings.profile} profile) on http://{host}:{port} "
        f"(data in {settings.data_dir})",
        file=sys.stderr,
        flush=True,
    )
    sock = _bind(host, port)
    uvicorn.Server(_uvicorn_config(settings)).run(sockets=[sock])  # type: ignore[arg-type]
