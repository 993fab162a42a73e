"""Start JupyterLab from the running interpreter on a free loopback port, quiet and isolated in a temp dir."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

# Plugins that reach the network or pop up dialogs; none of them is part of what a user of the widgets sees.
QUIET_PLUGINS = (
    "@jupyterlab/apputils-extension:announcements",
    "@jupyterlab/extensionmanager-extension",
    "@jupyterlab/apputils-extension:notification",
)

# Every cell stays in the page (no windowing), so outputs below the fold can be found and measured.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


@dataclass(frozen=True)
class LabServer:
    """A running JupyterLab: where it listens, its token and the folder it serves."""

    url: str
    token: str
    root_dir: Path
    log_path: Path

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_quiet_config(base: Path) -> dict[str, str]:
    """Write config, data and runtime dirs that switch off news, update checks and the language server."""
    dirs = {name: base / name for name in ("config", "data", "runtime", "settings", "workspaces")}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    labconfig = dirs["config"] / "labconfig"
    labconfig.mkdir(exist_ok=True)
    disabled = dict.fromkeys(QUIET_PLUGINS, True)
    (labconfig / "page_config.json").write_text(json.dumps({"disabledExtensions": disabled}))
    server_config = {"ServerApp": {"jpserver_extensions": {"jupyter_lsp": False}}}
    (dirs["config"] / "jupyter_server_config.json").write_text(json.dumps(server_config))
    for plugin, values in SETTINGS.items():
        path = dirs["settings"] / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return {
        "JUPYTER_CONFIG_DIR": str(dirs["config"]),
        "JUPYTER_DATA_DIR": str(dirs["data"]),
        "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
        "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
        "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
    }


def lab_command(port: int, token: str, root_dir: Path) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--ServerApp.terminals_enabled=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def wait_until_up(url: str, token: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {proc.returncode} before it answered")
        try:
            reply = httpx.get(f"{url}/api/status", params={"token": token}, timeout=2)
            if reply.status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"JupyterLab did not answer on {url} within {timeout:.0f} s")


@contextmanager
def running_lab(root_dir: Path, work_dir: Path, *, timeout: float = 60) -> Iterator[LabServer]:
    """Run JupyterLab serving ``root_dir`` until the block ends; its log goes to ``work_dir/lab.log``.

    Its kernels reach the local backend as a user's do: the data dir's one service, shared by every
    notebook, which is stopped when the block ends.
    """
    from nemo_notebook.backend.service import stop_service

    port, token = free_port(), secrets.token_hex(16)
    data_dir = work_dir / "nemo-home"
    env = {
        **os.environ,
        **write_quiet_config(work_dir),
        "PYTHONUNBUFFERED": "1",
        "NEMO_HOME": str(data_dir),
        "NEMO_CONFIG_DIR": str(work_dir / "nemo-config"),
        "NEMO_EMBEDDED": "service",
    }
    log_path = work_dir / "lab.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            lab_command(port, token, root_dir),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=root_dir,
        )
    server = LabServer(f"http://127.0.0.1:{port}", token, root_dir, log_path)
    try:
        wait_until_up(server.url, token, proc, timeout)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        stop_service(data_dir)


def ensure_venv_kernelspec() -> Path:
    """Install the ``python3`` kernelspec into this interpreter's prefix unless it is there already."""
    spec = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "python3"
    if not (spec / "kernel.json").is_file():
        from ipykernel.kernelspec import install

        install(prefix=sys.prefix)
    return spec
