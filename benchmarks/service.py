"""Benchmarks of the local backend as a per-data-dir service, each printed against its goal.

1. time from ``nemo.Client()`` in a fresh process to the first chat text, with the service already
   running (goal ≤ 0.3 s) and with none running (goal ≤ 1.5 s: the process spawns it);
2. two processes on one data dir, one exporting while the other chats and exports: failed renders and
   servers seen (goal 0 and 1);
3. ``kill -9`` of the process that started an export at ~30 %, then ``client.exports()[0].wait()`` in a
   new process: the MP4 at the original path, renders made, and the total time against an uninterrupted
   export of the same prompt in the same run (goal ≤ 1.2x).

Every run uses its own data dir and stops its service at the end.
Run: ``python benchmarks/service.py [--only startup|two|resume]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROMPT = "make a 6 second video of a quiet forest"

FIRST_TEXT = """
import time
import nemo_notebook as nemo
from nemo_notebook.events import Text
t0 = time.perf_counter()
client = nemo.Client()
session = client.session()
for event in session.stream("make a 5 second video of a beach at sunset"):
    if isinstance(event, Text):
        print(time.perf_counter() - t0)
        break
client.close()
"""

PLAIN_HTTP = """
import json, os, time
t0 = time.perf_counter()
import httpx
info = json.load(open(os.path.join(os.environ["NEMO_HOME"], "server.json")))
assert httpx.get(info["url"] + "/api/meta").status_code == 200
print(time.perf_counter() - t0)
"""

EXPORTER = """
import sys, time
import nemo_notebook as nemo
t0 = time.perf_counter()
client = nemo.Client()
session = client.session()
for _ in range(int(sys.argv[3])):
    session.chat(sys.argv[2])

def progress(percent, status):
    print(f"progress {percent:.0f}", flush=True)

video = session.export(sys.argv[1], resolution="720p", on_progress=progress, mkdirs=True)
print(f"done {time.perf_counter() - t0:.3f} {video.render_id}", flush=True)
"""

RESUMER = """
import time
import nemo_notebook as nemo
t0 = time.perf_counter()
client = nemo.Client()
video = client.exports()[0].wait()
print(f"done {time.perf_counter() - t0:.3f} {video.path}", flush=True)
"""


def env_for(root: Path) -> dict[str, str]:
    """A user's environment: bytecode caches on (as after any install), so no run pays for compiling."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {
        **env,
        "NEMO_HOME": str(root / "home"),
        "NEMO_CONFIG_DIR": str(root / "config"),
        "NEMO_EMBEDDED": "service",
    }


def stop(root: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "nemo_notebook.cli", "stop", "--data", str(root / "home")],
        env=env_for(root),
        capture_output=True,
        check=False,
    )


def servers_of(home: Path) -> set[int]:
    """Pids of running ``serve`` processes for this data dir (read from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"nemo_notebook.cli" in words and b"serve" in words and str(home).encode() in words:
            found.add(int(entry.name))
    return found


def first_text(root: Path, script: str = FIRST_TEXT) -> float:
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env_for(root),
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def bench_startup(repeats: int = 3) -> None:
    cold, warm, plain = [], [], []
    with tempfile.TemporaryDirectory() as scratch:  # writes the bytecode caches a user already has
        subprocess.run(
            [sys.executable, "-c", "import nemo_notebook.sync, nemo_notebook.backend.server"],
            env=env_for(Path(scratch)),
            check=True,
        )
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            try:
                cold.append(first_text(root))
                time.sleep(1.0)  # "already running": the service has finished warming its workers
                warm.append(first_text(root))
                plain.append(first_text(root, PLAIN_HTTP))
            finally:
                stop(root)
    c, w, p = (statistics.median(values) for values in (cold, warm, plain))
    print(
        f"startup: nemo.Client() to first chat text, median of {repeats}: service running "
        f"{w * 1000:.0f} ms (goal ≤ 300 ms, {w / 0.3:.2f} of goal); none running {c * 1000:.0f} ms "
        f"(goal ≤ 1500 ms, {c / 1.5:.2f} of goal); running/not running {w / c:.2f}x; baseline "
        f"(a fresh process importing httpx and getting /api/meta from the service) {p * 1000:.0f} ms, "
        f"running/baseline {w / p:.2f}x"
    )


def exporter(root: Path, target: Path, chats: int = 1) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", EXPORTER, str(target), PROMPT, str(chats)],
        env=env_for(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen[str]) -> tuple[float, str]:
    out, err = proc.communicate(timeout=600)
    last = [line for line in out.splitlines() if line.startswith("done")]
    if proc.returncode != 0 or not last:
        raise SystemExit(f"export failed: {err.strip().splitlines()[-1:]}")
    _, took, what = last[-1].split(" ", 2)
    return float(took), what


def bench_two(root: Path) -> None:
    from nemo_notebook.backend.db import Database

    home = root / "home"
    seen: set[int] = set()
    first = exporter(root, root / "a.mp4", chats=1)
    second = exporter(root, root / "b.mp4", chats=3)
    while first.poll() is None or second.poll() is None:
        seen |= servers_of(home)
        time.sleep(0.2)
    failures = 0
    for proc in (first, second):
        try:
            finish(proc)
        except SystemExit as error:
            failures += 1
            print(f"  a process failed: {error}")
    db = Database(home / "nemo.sqlite3")
    rows = db.renders_with_status("pending", "processing", "completed", "failed", "cancelled")
    db.close()
    failed = sum(row["status"] == "failed" for row in rows)
    print(
        f"two processes on one data dir (one exports, the other chats 3 times and exports): "
        f"{failed} failed renders (goal 0), {len(rows)} renders, {len(seen)} server(s) seen "
        f"(goal 1), {failures} process errors; both MP4s: "
        f"{(root / 'a.mp4').is_file() and (root / 'b.mp4').is_file()}"
    )


def bench_resume(base: Path) -> None:
    from nemo_notebook.backend.db import Database

    plain = base / "plain"
    killed = base / "killed"
    try:
        uninterrupted, _ = finish(exporter(plain, plain / "out.mp4"))
    finally:
        stop(plain)
    try:
        t0 = time.perf_counter()
        proc = exporter(killed, killed / "out.mp4")
        assert proc.stdout is not None
        at = 0
        for line in proc.stdout:
            if line.startswith("progress") and int(line.split()[1]) >= 30:
                at = int(line.split()[1])
                break
        proc.kill()
        proc.wait()
        first_part = time.perf_counter() - t0
        t1 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", RESUMER],
            env=env_for(killed),
            capture_output=True,
            text=True,
            check=True,
        )
        second_part = time.perf_counter() - t1
        path = done.stdout.strip().splitlines()[-1].split(" ", 2)[2]
        db = Database(killed / "home" / "nemo.sqlite3")
        renders = len(db.renders_with_status("pending", "processing", "completed", "failed"))
        db.close()
    finally:
        stop(killed)
    total = first_part + second_part
    print(
        f"resume: killed at {at}% then exports()[0].wait() in a new process: MP4 at the original path "
        f"{path == str((killed / 'out.mp4').resolve())}, {renders} render(s) in all (goal 1); "
        f"total {total:.1f} s vs uninterrupted {uninterrupted:.1f} s: {total / uninterrupted:.2f}x "
        f"(goal ≤ 1.2x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", choices=["startup", "two", "resume"], action="append")
    args = parser.parse_args()
    chosen = args.only or ["startup", "two", "resume"]
    if "startup" in chosen:
        bench_startup()
    if "two" in chosen:
        with tempfile.TemporaryDirectory() as scratch:
            try:
                bench_two(Path(scratch))
            finally:
                stop(Path(scratch))
    if "resume" in chosen:
        with tempfile.TemporaryDirectory() as scratch:
            bench_resume(Path(scratch))


if __name__ == "__main__":
    main()
