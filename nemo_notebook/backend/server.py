"""Serve the backend with uvicorn: in a daemon thread for the embedded case and tests, or in the foreground."""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .._version import __version__
from . import discovery, lifecycle
from .faults import fault_message
from .lifecycle import Claim
from .settings import Settings

READY_TIMEOUT = 15.0


class ServeError(RuntimeError):
    """The server could not start; the message is one line saying why and what to do."""


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


def _uvicorn_config(settings: Settings, claim: Claim) -> object:
    import uvicorn

    from .app import create_app
    from .limits import MAX_HEAD_BYTES
    from .protocol import BoundedHttpTools

    # log_config=None: uvicorn's own logging config probes sys.stdout.isatty(), which a host's
    # replaced stdout may lack; its loggers then go through the host's (or serve's) handlers.
    return uvicorn.Config(
        create_app(settings, claim),
        http=BoundedHttpTools,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        log_level="warning",
        log_config=None,
        access_log=False,
        # Loopback clients talk to it directly: no proxy to trust, so no per-request header rewrite;
        # nor a Server or Date header built for every reply.
        proxy_headers=False,
        server_header=False,
        date_header=False,
        lifespan="on",
        timeout_graceful_shutdown=3,
        ws="none",
    )


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _listen(settings: Settings) -> tuple[socket.socket, Claim]:
    """Claim the data dir, then bind; one-line errors for a data dir in use or not writable, a port in use."""
    try:
        claim = lifecycle.claim(settings)
    except discovery.DataDirBusy as error:
        raise ServeError(str(error)) from None
    except OSError as error:
        raise ServeError(fault_message(error, settings.data_dir) or str(error)) from None
    try:
        sock = _bind(settings.host, settings.port)
    except OSError as error:
        claim.release()
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {settings.port} on {settings.host} is in use by another program: choose "
                "another with --port (0 picks a free one) or stop that program"
            ) from None
        raise ServeError(
            f"cannot listen on {settings.host}:{settings.port} ({error.strerror})"
        ) from None
    claim.url = _url(settings.host, sock.getsockname()[1])
    return sock, claim


def start_server(settings: Settings) -> ServerHandle:
    """Start uvicorn on ``settings.host`` (port 0: a free one) in a daemon thread; return once it serves.

    The server claims the data dir first: ServeError when another server already serves it.
    """
    import uvicorn

    sock, claim = _listen(settings)
    port = sock.getsockname()[1]
    settings = replace(settings, port=port)
    server = uvicorn.Server(_uvicorn_config(settings, claim))  # type: ignore[arg-type]
    claim.on_idle = lambda: setattr(server, "should_exit", True)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="nemo-backend", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + READY_TIMEOUT
    while not server.started:
        if not thread.is_alive():
            sock.close()
            claim.release()
            raise ServeError(f"the nemo backend failed to start on {settings.host}:{port}")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise ServeError(f"the nemo backend did not start within {READY_TIMEOUT:g} s")
        time.sleep(0.005)
    return ServerHandle(claim.url, settings, server, thread)


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
    *,
    allow_private_urls: bool = False,
    idle_timeout: float | None = None,
) -> None:
    """Run the backend in the foreground until interrupted or idle (``nemo-notebook serve``).

    ``profile`` (``local`` or ``cloud``) wins over ``NEMO_PROFILE``; ``data_dir`` over ``NEMO_HOME``.
    Everything it creates is owner-only (umask 077): this process writes nothing but the data dir.
    """
    import uvicorn

    base = Settings.from_env()
    name = profile or base.profile
    settings = replace(
        Settings.for_profile(name, base.data_dir if data_dir is None else Path(data_dir)),
        host=host,
        port=port,
        allow_private_urls=allow_private_urls,
    )
    if idle_timeout is not None:
        settings = replace(settings, idle_timeout=idle_timeout)
    settings = replace(settings, agent_isolation="process")
    os.umask(0o077)
    if not is_loopback(host):
        print(
            f"warning: serving on {host}, reachable from other machines; anyone who can reach it can "
            "create a token and use it",
            file=sys.stderr,
        )
    sock, claim = _listen(settings)
    settings = replace(settings, port=sock.getsockname()[1])
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    print(
        f"nemo backend {__version__} ({settings.profile} profile) on {claim.url} "
        f"(data in {settings.data_dir}, pid {os.getpid()})",
        file=sys.stderr,
        flush=True,
    )
    server = uvicorn.Server(_uvicorn_config(settings, claim))  # type: ignore[arg-type]
    claim.on_idle = lambda: setattr(server, "should_exit", True)
    server.run(sockets=[sock])
