"""Peak memory of a real ``nemo-notebook serve`` while hostile requests arrive all at once.

Ten decompression-bomb uploads (PNGs of ~90 KB that decode to 9400×9400, and headers claiming
50000×50000) and ten connections each sending a 20 MB request header arrive together. The server's
resident memory is sampled every 5 ms from /proc; the figure is the peak above its idle level, measured
in the same run after a warm-up (goal ≤ 64 MB). Also checks every answer (415 and 431) and that the
server's temp dir is empty afterwards. Linux only (reads /proc).

    python benchmarks/hostile.py [--bombs 10] [--heads 10] [--head-mb 20]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "security"))

import bombs  # noqa: E402  (the bomb builders the attack tests use)

MB = 2**20
GOAL_MB = 64


def rss(pid: int) -> int:
    """Resident set size of ``pid`` in bytes."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_serve(scratch: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``nemo-notebook serve`` in a subprocess (logging to a file), once it answers /api/meta."""
    port = free_port()
    env = {
        **os.environ,
        "NEMO_HOME": str(scratch / "home"),
        "NEMO_CONFIG_DIR": str(scratch / "cfg"),
    }
    log = (scratch / "serve.log").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nemo_notebook",
            "serve",
            "--port",
            str(port),
            "--data",
            str(scratch / "data"),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/meta", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("nemo-notebook serve did not start; see serve.log")


class Sampler(threading.Thread):
    """Peak RSS of a process, sampled every 5 ms until ``stop()``."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, rss(pid), threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, rss(self.pid))
            time.sleep(0.005)

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.peak


def authed(url: str) -> tuple[dict[str, str], str]:
    token = httpx.post(
        f"{url}/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())}
    ).json()["data"]["token"]
    headers = {"Authorization": f"Bearer {token}"}
    sid = httpx.post(
        f"{url}/api/tasks/me/with-session/nemo_agent", json={}, headers=headers
    ).json()["data"]["session_id"]
    return headers, sid


def upload(url: str, headers: dict[str, str], sid: str, data: bytes, out: list[int]) -> None:
    reply = httpx.post(
        f"{url}/api/upload-video/nemo_agent/me/{sid}",
        files={"files": ("bomb.png", data, "image/png")},
        headers=headers,
        timeout=120,
    )
    out.append(reply.status_code)


def huge_head(url: str, megabytes: int, out: list[int]) -> None:
    """Send a request head of ``megabytes`` MB in 64 KB pieces while reading the answer."""
    host, port = url.rsplit("//", 1)[1].split(":")
    sock = socket.create_connection((host, int(port)), timeout=60)

    def send() -> None:
        piece = b"a" * 65536
        try:
            sock.sendall(b"POST /run_sse HTTP/1.1\r\nHost: x\r\nX-Big: ")
            for _ in range(megabytes * 16):
                sock.sendall(piece)
        except OSError:
            pass

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    answer = b""
    try:
        while b"\r\n" not in answer:
            data = sock.recv(4096)
            if not data:
                break
            answer += data
    except OSError:
        pass
    finally:
        sender.join(60)  # the server closes after the answer, which ends the sending
        sock.close()
    out.append(int(answer.split()[1]) if answer.startswith(b"HTTP/") else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bombs", type=int, default=10)
    parser.add_argument("--heads", type=int, default=10)
    parser.add_argument("--head-mb", type=int, default=20)
    args = parser.parse_args()
    real = bombs.png(9400, 9400)
    claimed = bombs.png(50_000, 50_000, rows=1)
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        proc, url = start_serve(scratch)
        try:
            headers, sid = authed(url)
            warm: list[int] = []
            upload(url, headers, sid, bombs.png(64, 48), warm)  # loads Pillow, PyAV, the probe
            upload(url, headers, sid, real, warm)
            huge_head(url, 1, warm)
            time.sleep(0.5)
            idle = max(rss(proc.pid) for _ in range(20) if time.sleep(0.01) is None)
            sampler = Sampler(proc.pid)
            sampler.start()
            statuses: list[int] = []
            heads: list[int] = []
            threads = [
                threading.Thread(
                    target=upload,
                    args=(url, headers, sid, real if i % 2 == 0 else claimed, statuses),
                )
                for i in range(args.bombs)
            ]
            threads += [
                threading.Thread(target=huge_head, args=(url, args.head_mb, heads))
                for _ in range(args.heads)
            ]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            took = time.perf_counter() - began
            time.sleep(0.3)
            peak = sampler.stop()
            alive = httpx.get(f"{url}/api/meta").status_code
            leftovers = list((scratch / "data" / "tmp").iterdir())
        finally:
            proc.terminate()
            proc.wait(30)
    rise = (peak - idle) / MB
    print(f"server idle RSS {idle / MB:.1f} MB (after warm-up {warm})")
    print(
        f"{args.bombs} bomb uploads + {args.heads} × {args.head_mb} MB headers at once: {took:.1f} s; "
        f"bomb answers {dict(Counter(statuses))}, header answers {dict(Counter(heads))}"
    )
    print(f"peak RSS above idle: {rise:.1f} MB (goal ≤ {GOAL_MB} MB: {rise / GOAL_MB:.2f} of goal)")
    print(f"server still answers: HTTP {alive}; temp files left: {len(leftovers)}")


if __name__ == "__main__":
    main()
