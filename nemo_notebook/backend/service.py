"""The local backend as a per-data-dir service: found through the discovery file, else started detached.

``ensure_service(data_dir)`` returns a server that answers, serves that data dir and runs this version.
When none runs, it spawns ``python -m nemo_notebook.cli serve`` in its own session (so it outlives the
kernel), logging to ``server.log`` in the data dir; two processes starting at once spawn one server,
because both first take the data dir's start lock. A server of another version is replaced when idle.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import file_lock
from .._version import __version__
from ..errors import LocalBackendError
from . import discovery
from .discovery import ServerInfo
from .faults import fault_message
from .settings import IDLE_TIMEOUT_ENV, SERVICE_IDLE_TIMEOUT

READY_TIMEOUT = 15.0
STOP_TIMEOUT = 15.0
PROBE_TIMEOUT = 2.0
PROBE_MAX_BYTES = 64 * 1024


def ensure_service(data_dir: Path, identity: str) -> ServerInfo:
    """The data dir's running server, started now (detached) when there is none."""
    try:
        return _ensure(data_dir, identity)
    except OSError as error:
        message = fault_message(error, data_dir)
        raise LocalBackendError(message or f"the nemo backend of {data_dir}: {error}") from None


def _ensure(data_dir: Path, identity: str) -> ServerInfo:
    discovery.private_dir(data_dir)
    found = _probe(data_dir, identity)
    if isinstance(found, ServerInfo):
        return found
    try:
        with file_lock.waiting_lock(data_dir / discovery.START_LOCK, READY_TIMEOUT * 2):
            return _ensure_locked(data_dir, identity)
    except TimeoutError:
        raise LocalBackendError(
            f"another process has been starting the nemo backend of {data_dir} for too long; "
            f"see {data_dir / discovery.LOG_FILE}"
        ) from None


def _ensure_locked(data_dir: Path, identity: str) -> ServerInfo:
    found = _probe(data_dir, identity)
    if isinstance(found, ServerInfo):
        return found
    if discovery.owned(data_dir):
        info = discovery.read_info(data_dir)
        if found == "other-version" and info is not None:
            if _busy(info):
                print(
                    f"nemo: the backend on {data_dir} runs version {info.version} (installed "
                    f"{__version__}) and is busy; using it until it is idle",
                    file=sys.stderr,
                )
                return info
            _stop(info, data_dir)
        else:
            info = _await_answer(data_dir, identity)
            if info is not None:
                return info
            pid = info_pid(data_dir)
            raise LocalBackendError(
                f"a nemo backend{f' (pid {pid})' if pid else ''} holds {data_dir} but does not "
                f"answer; stop it{f' (kill {pid})' if pid else ''} and try again"
            )
    return _spawn(data_dir, identity)


def info_pid(data_dir: Path) -> int | None:
    info = discovery.read_info(data_dir)
    return info.pid if info else None


def _get_data(base: str, path: str) -> Any:
    """The ``data`` of a GET to the data dir's own loopback server, over plain ``http.client``: a probe
    made on every client start, so it needs neither a TLS context nor a connection pool."""
    parts = urlsplit(base)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"not a plain http URL: {base!r}")
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=PROBE_TIMEOUT)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        body = conn.getresponse().read(PROBE_MAX_BYTES)
    finally:
        conn.close()
    return json.loads(body).get("data") or {}


def _probe(data_dir: Path, identity: str) -> ServerInfo | str:
    """The published server when it answers for this data dir and version; else why not."""
    info = discovery.read_info(data_dir)
    if info is None:
        return "none"
    try:
        data = _get_data(info.url, "/api/meta")
    except (OSError, http.client.HTTPException, ValueError, AttributeError):
        return "dead"
    if not isinstance(data, dict) or data.get("identity") != identity:
        return "stranger"
    if data.get("version") != __version__:
        return "other-version"
    return info


def _await_answer(data_dir: Path, identity: str) -> ServerInfo | None:
    """Wait for a server that holds the lock but has not published yet (it is starting)."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        found = _probe(data_dir, identity)
        if isinstance(found, ServerInfo):
            return found
        if not discovery.owned(data_dir):
            return None
        time.sleep(0.05)
    return None


def _busy(info: ServerInfo) -> bool:
    try:
        data = _get_data(info.url, "/api/service")
    except (OSError, http.client.HTTPException, ValueError, AttributeError):
        return False
    return bool(data.get("rendering")) or int(data.get("open") or 0) > 0


def _stop(info: ServerInfo, data_dir: Path) -> None:
    """Ask a server to stop (SIGTERM: only its own user may) and wait until it let go of the data dir."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(info.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    while discovery.owned(data_dir):
        if time.monotonic() > deadline:
            raise LocalBackendError(
                f"the nemo backend of version {info.version} on {data_dir} (pid {info.pid}) did "
                f"not stop; stop it (kill {info.pid}) and try again"
            )
        time.sleep(0.05)


def service_command(data_dir: Path) -> list[str]:
    """The detached server's command line: this interpreter running the CLI's ``serve``."""
    idle = os.environ.get(IDLE_TIMEOUT_ENV) or str(SERVICE_IDLE_TIMEOUT)
    return [
        sys.executable,
        "-m",
        "nemo_notebook.cli",
        "serve",
        "--data",
        str(data_dir),
        "--port",
        "0",
        "--idle-timeout",
        idle,
    ]


def _spawn(data_dir: Path, identity: str) -> ServerInfo:
    log_path = data_dir / discovery.LOG_FILE
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, file_lock.PRIVATE_FILE)
    try:
        start = os.fstat(log_fd).st_size
        proc = subprocess.Popen(
            service_command(data_dir),
            stdin=subprocess.DEVNULL,
            stdout=log_fd,
            stderr=log_fd,
            start_new_session=True,
            close_fds=True,
            cwd=data_dir,
        )
    finally:
        os.close(log_fd)
    threading.Thread(target=proc.wait, name="nemo-service-reaper", daemon=True).start()
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        found = _probe(data_dir, identity)
        if isinstance(found, ServerInfo) and found.pid == proc.pid:
            return found
        if proc.poll() is not None:
            raise LocalBackendError(_last_line(log_path, start) or _exit_reason(proc, log_path))
        time.sleep(0.02)
    raise LocalBackendError(
        f"the nemo backend of {data_dir} did not start within {READY_TIMEOUT:g} s; see {log_path}"
    )


def _exit_reason(proc: subprocess.Popen[bytes], log_path: Path) -> str:
    return f"the nemo backend exited at start (status {proc.returncode}); see {log_path}"


def _last_line(log_path: Path, start: int) -> str:
    """The last line the failed server wrote (its one-line reason), without the program prefix."""
    try:
        with log_path.open("rb") as log:
            log.seek(start)
            lines = [line.strip() for line in log.read().decode(errors="replace").splitlines()]
    except OSError:
        return ""
    last = next((line for line in reversed(lines) if line), "")
    return last.removeprefix("nemo-notebook: ")


def stop_service(data_dir: Path) -> ServerInfo | None:
    """Stop the data dir's server if one runs (``nemo-notebook stop``); the one stopped, if any."""
    info = discovery.read_info(data_dir)
    if info is None or not discovery.owned(data_dir):
        return None
    _stop(info, data_dir)
    return info
