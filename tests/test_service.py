"""The local backend as one service per data dir, with real processes: discovery, the lock, the race of two
starters, idle shutdown, replacement after a crash or a version change, and one-line faults.

Every service a test starts is stopped at teardown (``stop_service``, then SIGKILL as a last resort).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from nemo_notebook.backend import discovery
from nemo_notebook.backend.service import stop_service

SERVE = [sys.executable, "-m", "nemo_notebook.cli", "serve"]

ENSURE = """
import json
from nemo_notebook.backend.embedded import ensure_server
server = ensure_server()
print(json.dumps({"url": server.url, "pid": server.pid}), flush=True)
"""

OLD_VERSION = """
import sys
import nemo_notebook._version as version
version.__version__ = "0.0.1-old"
from nemo_notebook.cli import main
sys.exit(main(["serve", "--data", sys.argv[1], "--port", "0"]))
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done == 0
    return True


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    """A data dir whose service (if any) is stopped when the test ends."""
    data = tmp_path / "home"
    yield data
    with contextlib.suppress(Exception):
        stop_service(data)
    info = discovery.read_info(data)
    if info is not None and alive(info.pid):
        os.kill(info.pid, signal.SIGKILL)


def env_for(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "NEMO_HOME": str(home), "NEMO_EMBEDDED": "service", **extra}
    env["NEMO_CONFIG_DIR"] = str(home.parent / "config")
    return env


def ensure_in_process(home: Path, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", ENSURE],
        env=env_for(home, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def result(proc: subprocess.Popen[str]) -> dict[str, object]:
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.slow
def test_two_processes_starting_at_once_share_one_server_that_outlives_them(home: Path) -> None:
    starters = [ensure_in_process(home) for _ in range(3)]
    found = [result(proc) for proc in starters]
    assert len({item["pid"] for item in found}) == 1
    assert len({item["url"] for item in found}) == 1
    pid = int(found[0]["pid"])  # type: ignore[call-overload]
    assert pid not in [proc.pid for proc in starters]
    # Every starter has exited; the service still answers for this data dir.
    meta = httpx.get(f"{found[0]['url']}/api/meta").json()["data"]
    info = discovery.read_info(home)
    assert info is not None and info.pid == pid and meta["identity"] == info.identity
    assert discovery.owned(home)
    assert "nemo backend" in (home / discovery.LOG_FILE).read_text()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "nemo.sqlite3").stat().st_mode) == 0o600


def test_a_foreground_serve_on_a_served_data_dir_fails_with_one_line(home: Path) -> None:
    first = result(ensure_in_process(home))
    second = subprocess.run(
        [*SERVE, "--data", str(home), "--port", "0"],
        env=env_for(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 1
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and f"already serves {home} at {first['url']}" in lines[0]


@pytest.mark.slow
def test_the_service_stops_itself_when_idle(home: Path) -> None:
    found = result(ensure_in_process(home, NEMO_IDLE_TIMEOUT="1"))
    url = str(found["url"])
    assert httpx.get(f"{url}/api/meta").status_code == 200
    deadline = time.monotonic() + 20
    while discovery.owned(home) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not discovery.owned(home)
    assert discovery.read_info(home) is None
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/api/meta", timeout=2)


@pytest.mark.slow
def test_a_killed_server_is_replaced_its_scratch_swept_and_its_render_failed(home: Path) -> None:
    import psutil

    from nemo_notebook.backend.db import Database
    from nemo_notebook.backend.jobs import RESTARTED

    first = result(ensure_in_process(home))
    server = psutil.Process(int(first["pid"]))  # type: ignore[call-overload]
    deadline = time.monotonic() + 20
    while len(server.children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)  # the agent workers start with the server
    workers = server.children(recursive=True)
    assert workers
    server.kill()
    deadline = time.monotonic() + 10
    while discovery.owned(home) and time.monotonic() < deadline:
        time.sleep(0.05)
    # No worker outlives a killed server.
    _, alive_workers = psutil.wait_procs(workers, timeout=10)
    assert alive_workers == []
    # What the killed server left: a render marked running, a scratch dir and a partial output.
    db = Database(home / "nemo.sqlite3")
    draft = {"d": 1000, "t": [{"tt": 0, "sg": [{"st": 0, "d": 1000, "src": "gen:color/000000"}]}]}
    db.add_render("render_orphan", "anon_x", None, draft, "720p")
    db.update_render("render_orphan", status="processing", progress=30)
    db.close()
    (home / "tmp" / "render_abc").mkdir()
    (home / "renders" / ".abc.mp4.123.part").write_bytes(b"half")
    assert discovery.read_info(home) is not None  # stale: its server is gone

    second = result(ensure_in_process(home))
    assert second["pid"] != first["pid"]
    assert httpx.get(f"{second['url']}/api/meta").status_code == 200
    assert list((home / "tmp").iterdir()) == []
    assert not (home / "renders" / ".abc.mp4.123.part").exists()
    db = Database(home / "nemo.sqlite3")
    row = db.render("render_orphan")
    db.close()
    assert row is not None and row["status"] == "failed" and row["error"] == RESTARTED


@pytest.mark.slow
def test_a_server_of_another_version_is_replaced_when_idle(home: Path) -> None:
    old = subprocess.Popen(
        [sys.executable, "-c", OLD_VERSION, str(home)],
        env=env_for(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while discovery.read_info(home) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        info = discovery.read_info(home)
        assert info is not None and info.version == "0.0.1-old"
        found = result(ensure_in_process(home))
        assert found["pid"] != old.pid
        assert old.wait(20) is not None
        meta = httpx.get(f"{found['url']}/api/meta").json()["data"]
        from nemo_notebook import __version__

        assert meta["version"] == __version__
    finally:
        if old.poll() is None:
            old.kill()
            old.wait()


def test_serve_on_a_port_in_use_says_so_in_one_line(home: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        done = subprocess.run(
            [*SERVE, "--data", str(home), "--port", str(port)],
            env=env_for(home),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"nemo-notebook: port {port} on 127.0.0.1 is in use by another program: choose another "
        "with --port (0 picks a free one) or stop that program"
    )
    assert not discovery.owned(home)


def test_in_thread_backend_works_when_stdout_has_no_isatty(tmp_path: Path) -> None:
    script = """
import sys
class Sink:
    def write(self, text): return len(text)
    def flush(self): pass
sys.stdout = Sink()
sys.stderr = Sink()
import nemo_notebook as nemo
with nemo.Client() as client:
    credits = client.credits()
sys.__stdout__.write(f"{credits.available}\\n")
"""
    env = {**os.environ, "NEMO_HOME": str(tmp_path / "home"), "NEMO_EMBEDDED": "thread"}
    env["NEMO_CONFIG_DIR"] = str(tmp_path / "config")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1000"


def test_an_open_data_dir_is_tightened_with_a_notice(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from nemo_notebook.backend.server import start_server
    from nemo_notebook.backend.settings import Settings

    home = tmp_path / "open"
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)
    (home / "nemo.sqlite3").touch()
    os.chmod(home / "nemo.sqlite3", 0o644)
    handle = start_server(Settings.default(home))
    handle.stop()
    notice = capfd.readouterr().err.strip().splitlines()
    assert notice == [
        f"nemo: {home} was readable by other users (mode 755); it is now owner-only (700)"
    ]
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "nemo.sqlite3").stat().st_mode) == 0o600


@contextlib.contextmanager
def small_disk(path: Path, size: str, *, read_only: bool = False) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``path`` (root only); unmounted when the block ends."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    path.mkdir(parents=True)
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)])
    if mounted.returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.slow
def test_a_full_disk_is_named_in_one_line_and_loses_nothing(tmp_path: Path) -> None:
    from nemo_notebook.backend.server import start_server
    from nemo_notebook.backend.settings import Settings

    with small_disk(tmp_path / "disk", "3m") as disk:
        handle = start_server(Settings.default(disk / "home"))
        try:
            with httpx.Client(base_url=handle.url, timeout=30) as http:
                token = http.post(
                    "/api/auth/anonymous-token", headers={"X-Client-Id": "disk-full-test"}
                ).json()["data"]["token"]
                http.headers["Authorization"] = f"Bearer {token}"
                create = "/api/tasks/me/with-session/nemo_agent"
                sid = http.post(create, json={}).json()["data"]["session_id"]
                filler = disk / "filler"
                with contextlib.suppress(OSError), filler.open("wb") as out:
                    while True:
                        out.write(b"\0" * 65536)
                        out.flush()
                        os.fsync(out.fileno())
                refused = [http.post(create, json={}) for _ in range(3)]
                full = next(reply for reply in refused if reply.status_code != 200)
                assert full.status_code == 507
                assert full.json()["message"] == (
                    f"the disk holding {disk / 'home'} is full: free some space (or set NEMO_HOME "
                    "to another disk) and try again"
                )
                filler.unlink()
                state = http.get(f"/api/state/nemo_agent/me/{sid}/latest")
                assert state.status_code == 200
                assert http.post(create, json={}).status_code == 200
        finally:
            handle.stop()


@pytest.mark.slow
def test_a_data_dir_that_cannot_be_written_is_named_in_one_line(tmp_path: Path) -> None:
    import nemo_notebook as nemo
    from nemo_notebook.errors import LocalBackendError

    with small_disk(tmp_path / "ro", "1m", read_only=True) as disk:
        for mode in ("thread", "service"):
            env = {"NEMO_HOME": str(disk / "home"), "NEMO_EMBEDDED": mode}
            with pytest.MonkeyPatch.context() as patch:
                for key, value in env.items():
                    patch.setenv(key, value)
                from nemo_notebook.backend import embedded

                embedded.stop_server()
                with nemo.Client() as client, pytest.raises(LocalBackendError) as caught:
                    client.credits()
            assert str(caught.value) == (
                f"the data dir {disk / 'home'} is not writable: fix its permissions or set "
                "NEMO_HOME to another dir"
            )


@pytest.mark.slow
def test_a_client_follows_its_service_after_the_service_stopped(home: Path) -> None:
    script = """
import os, signal, sys, time
import nemo_notebook as nemo
from nemo_notebook.backend import discovery
with nemo.Client() as client:
    before = client.credits().available
    first = discovery.read_info(discovery.Path(os.environ["NEMO_HOME"]))
    os.kill(first.pid, signal.SIGKILL)
    while discovery.owned(discovery.Path(os.environ["NEMO_HOME"])):
        time.sleep(0.05)
    after = client.credits().available
    second = discovery.read_info(discovery.Path(os.environ["NEMO_HOME"]))
print(before, after, first.pid != second.pid)
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env_for(home),
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1000", "1000", "True"]


EXPORTER = """
import sys
import nemo_notebook as nemo
client = nemo.Client()
session = client.session()
session.chat("make a 6 second video of a quiet forest")

def progress(percent, status):
    print(f"progress {percent:.0f}", flush=True)

session.export(sys.argv[1], resolution="720p", on_progress=progress, mkdirs=True)
print("finished", flush=True)
"""

RESUMER = """
import json
import nemo_notebook as nemo
client = nemo.Client()
pending = client.exports()
video = pending[0].wait()
print(json.dumps({"path": str(video.path), "render_id": video.render_id, "state": client.exports()[0].state,
                  "count": len(pending), "duration": video.duration}))
"""


@pytest.mark.slow
def test_an_export_whose_kernel_was_killed_is_finished_by_a_new_process(
    home: Path, tmp_path: Path
) -> None:
    from nemo_notebook.backend.db import Database

    target = tmp_path / "out" / "forest.mp4"
    exporter = subprocess.Popen(
        [sys.executable, "-c", EXPORTER, str(target)],
        env=env_for(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert exporter.stdout is not None
    for line in exporter.stdout:
        if line.startswith("progress") and int(line.split()[1]) >= 30:
            break
    exporter.kill()
    exporter.wait()
    assert not target.exists()
    resumed = subprocess.run(
        [sys.executable, "-c", RESUMER],
        env=env_for(home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr
    found = json.loads(resumed.stdout.strip().splitlines()[-1])
    assert found["path"] == str(target) and target.is_file()
    assert found["state"] == "done" and found["count"] == 1 and found["duration"] > 5
    db = Database(home / "nemo.sqlite3")
    renders = db.renders_with_status("pending", "processing", "completed", "failed", "cancelled")
    db.close()
    assert [row["id"] for row in renders] == [found["render_id"]]


FIRST_TOKEN_AT_GO = """
import json, sys, time
from pathlib import Path
from nemo_notebook.backend.embedded import ensure_server
from nemo_notebook.sync import Client

ensure_server()  # found, not started: every process is ready before the signal
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.002)
with Client() as client:
    print(json.dumps({"credits": client.credits().available}), flush=True)
"""


@pytest.mark.slow
def test_processes_sharing_a_config_dir_get_their_first_token_at_once(home: Path) -> None:
    """The backend issues one anonymous token per client id: the others wait for it and reuse it."""
    result(ensure_in_process(home))
    go = home.parent / "go"
    starters = [
        subprocess.Popen(
            [sys.executable, "-c", FIRST_TOKEN_AT_GO, str(go)],
            env=env_for(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    time.sleep(3)
    go.touch()
    for proc in starters:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert json.loads(out.strip().splitlines()[-1])["credits"] >= 0
    tokens = json.loads((home.parent / "config" / "tokens.json").read_text())
    assert len(tokens) == 1
    assert stat.S_IMODE((home.parent / "config").stat().st_mode) == 0o700
