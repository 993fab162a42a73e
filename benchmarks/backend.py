"""Benchmarks of the local backend, each printed against its goal.

1. embedded ready time after ``ensure_server()`` (goal ≤ 1.5 s; baseline: a bare uvicorn hello-world
   started the same way);
2. 50 concurrent clients reading session state: p50 / p99 latency (goal p99 ≤ 20 ms);
3. N concurrent SSE streams held open with keep-alives for D seconds: errors and clean endings (goal 0 errors);
4. peak RSS increase of the server process while a ~500 MB upload streams in (goal ≤ 64 MB);
5. N concurrent users (default 100), each chatting and polling its session state, while one render runs:
   p99 of state GETs (goal ≤ 250 ms), of a chat turn's first byte (goal ≤ 1 s) and of session creation;
   errors and "database is locked" replies (goal 0); the same load with no render as the baseline.
   Each of those users polls state as it sends each chat, so its GETs meet the bursts of a hundred
   chats arriving together; one more user polls every 50 ms from a process of its own, all through
   the load, and the generator's own loop lag is printed beside them.

All traffic goes to 127.0.0.1; servers run in subprocesses so client load does not share their GIL.
Run: ``python benchmarks/backend.py [--streams 200] [--hold 60] [--upload-mb 499]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

READY_SCRIPT = """
import os, sys, time
t0 = time.perf_counter()
from nemo_notebook.backend.embedded import ensure_server
server = ensure_server()
ready = time.perf_counter() - t0
import httpx
assert httpx.get(server.url + "/api/meta").status_code == 200
print(ready)
"""

BASELINE_SCRIPT = """
import socket, threading, time
t0 = time.perf_counter()
import uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

async def hello(request):
    return JSONResponse({"hello": "world"})

sock = socket.socket()
sock.bind(("127.0.0.1", 0))
sock.listen(128)
config = uvicorn.Config(Starlette(routes=[Route("/", hello)]), log_level="warning", access_log=False)
server = uvicorn.Server(config)
threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
while not server.started:
    time.sleep(0.005)
print(time.perf_counter() - t0)
server.should_exit = True
"""

PROBE_SCRIPT = """
import json, select, sys, time
import httpx
url, path, token, every = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
took = []
with httpx.Client(base_url=url, headers={"Authorization": "Bearer " + token}, timeout=60) as http:
    http.get(path)  # connected and warm before the first measured poll
    print("ready", flush=True)
    while not select.select([sys.stdin], [], [], every)[0]:
        t0 = time.perf_counter()
        assert http.get(path).status_code == 200
        took.append(time.perf_counter() - t0)
print(json.dumps(took), flush=True)
"""

SERVE_SCRIPT = """
import json, sys
from nemo_notebook.backend.server import start_server
from nemo_notebook.backend.settings import Settings
handle = start_server(Settings(**json.loads(sys.argv[1])))
print(handle.url, flush=True)
sys.stdin.read()
handle.stop()
"""


def run_python(script: str, env: dict[str, str]) -> float:
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def bench_ready(repeats: int = 3) -> None:
    ready, baseline = [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "NEMO_HOME": home}
            ready.append(run_python(READY_SCRIPT, env))
            baseline.append(run_python(BASELINE_SCRIPT, env))
    r, b = statistics.median(ready), statistics.median(baseline)
    print(
        f"ready: embedded {r * 1000:.0f} ms (goal ≤ 1500 ms, {r / 1.5:.2f} of goal); "
        f"bare uvicorn hello-world {b * 1000:.0f} ms; ratio {r / b:.2f}x"
    )


@contextmanager
def server_process(data_dir: Path, **settings: object) -> Iterator[tuple[str, int]]:
    """A backend in a subprocess: its URL and pid; stopped when the block ends."""
    config = json.dumps({"data_dir": str(data_dir), **settings})
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE_SCRIPT, config],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        yield url, proc.pid
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


async def new_user(http: httpx.AsyncClient) -> tuple[dict[str, str], str]:
    reply = await http.post("/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())})
    headers = {"Authorization": f"Bearer {reply.json()['data']['token']}"}
    session = await http.post(
        "/api/tasks/me/with-session/nemo_agent", json={"task_name": "bench"}, headers=headers
    )
    return headers, session.json()["data"]["session_id"]


async def raw_get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> int:
    """One keep-alive GET over a raw connection (a load generator far lighter than a full client)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    await reader.readexactly(length)
    return status


async def state_latency(
    url: str, clients: int, per_client: int, think: float
) -> tuple[list[float], float]:
    """Latencies of state GETs from ``clients`` concurrent keep-alive connections, and the request rate."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        headers, sid = await new_user(http)
    parts = httpx.URL(url)
    request = (
        f"GET /api/state/nemo_agent/me/{sid}/latest HTTP/1.1\r\nHost: {parts.host}:{parts.port}\r\n"
        f"Authorization: {headers['Authorization']}\r\n\r\n"
    ).encode()
    timings: list[float] = []

    async def one_client(index: int) -> None:
        reader, writer = await asyncio.open_connection(parts.host, parts.port)
        await raw_get(reader, writer, request)
        await asyncio.sleep(think * index / clients)  # clients poll out of step, as real ones do
        for _ in range(per_client):
            t0 = time.perf_counter()
            assert await raw_get(reader, writer, request) == 200
            timings.append(time.perf_counter() - t0)
            await asyncio.sleep(think)
        writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(one_client(index) for index in range(clients)))
    return timings, len(timings) / (time.perf_counter() - t0)


def bench_state(clients: int = 50, per_client: int = 40) -> None:
    with tempfile.TemporaryDirectory() as data, server_process(Path(data)) as (url, _):
        for think in (0.25, 0.0):
            timings, rate = asyncio.run(state_latency(url, clients, per_client, think))
            timings.sort()
            p50 = timings[len(timings) // 2] * 1000
            p99 = timings[int(len(timings) * 0.99)] * 1000
            mode = (
                f"each polling every {think * 1000:.0f} ms" if think else "back to back (saturated)"
            )
            print(
                f"state GETs: {clients} concurrent clients {mode}, {len(timings)} requests at {rate:.0f}/s: "
                f"p50 {p50:.1f} ms, p99 {p99:.1f} ms (goal p99 ≤ 20 ms, {p99 / 20:.2f} of goal)"
            )


async def hold_streams(url: str, streams: int) -> dict[str, int]:
    limits = httpx.Limits(max_connections=streams + 10)
    timeout = httpx.Timeout(30, read=120)
    counts = {"errors": 0, "clean": 0, "heartbeats": 0, "frames": 0}
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as http:
        users = await asyncio.gather(*(new_user(http) for _ in range(streams)))

        async def one_stream(headers: dict[str, str], sid: str) -> None:
            body = {
                "app_name": "nemo_agent",
                "user_id": "me",
                "session_id": sid,
                "new_message": {"parts": [{"text": "make a 10 second video of a quiet forest"}]},
            }
            frames = 0
            try:
                async with http.stream("POST", "/run_sse", json=body, headers=headers) as reply:
                    if reply.status_code != 200:
                        counts["errors"] += 1
                        return
                    async for line in reply.aiter_lines():
                        if line.startswith(":") or line == 'data: {"type": "heartbeat"}':
                            counts["heartbeats"] += 1
                        elif line.startswith("data: "):
                            frames += 1
                            if '"error"' in line[:20]:
                                counts["errors"] += 1
            except httpx.HTTPError:
                counts["errors"] += 1
                return
            counts["frames"] += frames
            counts["clean"] += frames > 0

        await asyncio.gather(*(one_stream(headers, sid) for headers, sid in users))
    return counts


def bench_streams(streams: int, hold: float) -> None:
    interval = min(10.0, max(1.0, hold / 6))
    settings = {"reply_delay": hold, "heartbeat_interval": interval, "event_pacing": 0.0}
    with tempfile.TemporaryDirectory() as data, server_process(Path(data), **settings) as (url, _):
        t0 = time.perf_counter()
        counts = asyncio.run(hold_streams(url, streams))
        took = time.perf_counter() - t0
    print(
        f"SSE: {streams} streams held {hold:g} s (heartbeat every {interval:g} s) in {took:.1f} s: "
        f"{counts['errors']} errors (goal 0), {counts['clean']}/{streams} ended cleanly, "
        f"{counts['heartbeats']} keep-alives, {counts['frames']} event frames"
    )


def bench_upload(megabytes: int) -> None:
    import psutil

    with tempfile.TemporaryDirectory() as scratch:
        big = Path(scratch) / "big.mp4"
        with big.open("wb") as handle:
            block = os.urandom(2**20)
            for _ in range(megabytes):
                handle.write(block)
        with server_process(Path(scratch) / "data") as (url, pid):
            proc = psutil.Process(pid)
            with httpx.Client(base_url=url, timeout=300) as http:
                reply = http.post(
                    "/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())}
                )
                http.headers["Authorization"] = f"Bearer {reply.json()['data']['token']}"
                sid = http.post("/api/tasks/me/with-session/nemo_agent", json={}).json()["data"][
                    "session_id"
                ]
                base = proc.memory_info().rss
                peak = [base]
                done = threading.Event()

                def sample() -> None:
                    while not done.is_set():
                        peak[0] = max(peak[0], proc.memory_info().rss)
                        time.sleep(0.01)

                sampler = threading.Thread(target=sample)
                sampler.start()
                t0 = time.perf_counter()
                with big.open("rb") as body:
                    reply = http.post(
                        f"/api/upload-video/nemo_agent/me/{sid}",
                        files={"files": ("big.mp4", body, "video/mp4")},
                    )
                took = time.perf_counter() - t0
                done.set()
                sampler.join()
    rise = (peak[0] - base) / 2**20
    print(
        f"upload: {megabytes} MB in {took:.1f} s ({megabytes / took:.0f} MB/s), reply HTTP {reply.status_code} "
        f"(random bytes: refused as not media after streaming); peak RSS rise {rise:.1f} MB "
        f"(goal ≤ 64 MB, {rise / 64:.2f} of goal)"
    )


def long_draft() -> dict[str, object]:
    """A one-minute draft from the local agent, long enough to render through the whole load."""
    from nemo_notebook.backend.studio import plan_turn

    return plan_turn("make a 60 second video of a forest at night", None, assets=[]).draft


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


async def raw_request(
    host: str, port: int, method: str, path: str, headers: dict[str, str], body: bytes = b""
) -> tuple[int, bytes, float]:
    """One request on a fresh raw connection (a load generator far lighter than a full client):
    status, body (an SSE stream read to its end), and seconds to the first byte of the body."""
    reader, writer = await asyncio.open_connection(host, port)
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    lines += [f"{key}: {value}" for key, value in headers.items()]
    if body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    t0 = time.perf_counter()
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    head = await reader.readuntil(b"\r\n\r\n")
    first = await reader.read(1)
    took = time.perf_counter() - t0
    rest = await reader.read()
    writer.close()
    return int(head.split(b" ", 2)[1]), first + rest, took


async def users_load(
    url: str, users: int, turns: int, render: bool, every: float
) -> dict[str, object]:
    """``users`` each: make a session, then ``turns`` times send a message and poll state every ``every``
    seconds while it streams. One render of a long draft runs meanwhile when ``render``."""
    parts = httpx.URL(url)
    host, port = str(parts.host), int(parts.port or 80)
    times: dict[str, list[float]] = {
        "state": [],
        "first_byte": [],
        "create": [],
        "probe": [],
        "lag": [],
    }
    counts = {"errors": 0, "locked": 0}
    prompts = ["make a 10 second video of a quiet forest", "make it warmer", "add a title Hello"]

    def failed(reply_text: str) -> None:
        counts["errors"] += 1
        counts["locked"] += "locked" in reply_text

    render_id = None
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        # One chat first, so the agent workers are warm (a service warms them when it starts).
        warm_headers, warm_sid = await new_user(http)
        warm = {
            "app_name": "nemo_agent",
            "user_id": "me",
            "session_id": warm_sid,
            "new_message": {"parts": [{"text": prompts[0]}]},
        }
        async with http.stream("POST", "/run_sse", json=warm, headers=warm_headers) as reply:
            await reply.aread()
        if render:
            headers, sid = await new_user(http)
            render_id = f"render_{uuid.uuid4().hex}"
            body = {"id": render_id, "sessionId": sid, "draft": long_draft()}
            reply = await http.post("/api/render/proxy/lambda", json=body, headers=headers)
            assert reply.status_code == 200, reply.text
            render_headers = headers
            path = f"/api/render/proxy/lambda/{render_id}"
            while (await http.get(path, headers=headers)).json()["progress"] < 1:
                await asyncio.sleep(0.2)  # the load starts once the render is encoding

    async def one_user() -> None:
        status, body, _ = await raw_request(
            host, port, "POST", "/api/auth/anonymous-token", {"X-Client-Id": str(uuid.uuid4())}
        )
        token = json.loads(body)["data"]["token"]
        auth = {"Authorization": f"Bearer {token}"}
        t0 = time.perf_counter()
        status, body, _ = await raw_request(
            host, port, "POST", "/api/tasks/me/with-session/nemo_agent", auth, b"{}"
        )
        times["create"].append(time.perf_counter() - t0)
        if status != 200:
            failed(body.decode(errors="replace"))
            return
        sid = json.loads(body)["data"]["session_id"]
        state_path = f"/api/state/nemo_agent/me/{sid}/latest"
        for turn in range(turns):
            chatting = asyncio.Event()

            async def poll(chatting: asyncio.Event) -> None:
                while not chatting.is_set():
                    t1 = time.perf_counter()
                    got, text, _ = await raw_request(host, port, "GET", state_path, auth)
                    times["state"].append(time.perf_counter() - t1)
                    if got != 200:
                        failed(text.decode(errors="replace"))
                    await asyncio.sleep(every)

            poller = asyncio.create_task(poll(chatting))
            message = {
                "app_name": "nemo_agent",
                "user_id": "me",
                "session_id": sid,
                "new_message": {"parts": [{"text": prompts[turn % len(prompts)]}]},
            }
            got, text, first = await raw_request(
                host, port, "POST", "/run_sse", auth, json.dumps(message).encode()
            )
            if got != 200 or b'"error"' in text:
                failed(text.decode(errors="replace"))
            else:
                times["first_byte"].append(first)
            chatting.set()
            await poller

    # One more user in a process of its own polls its state every 50 ms, all through the load: what
    # a person's client sees, where the users above poll at the moment they send their chats.
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        probe_headers, probe_sid = await new_user(http)
    probe = subprocess.Popen(
        [
            sys.executable,
            "-c",
            PROBE_SCRIPT,
            url,
            f"/api/state/nemo_agent/me/{probe_sid}/latest",
            probe_headers["Authorization"].removeprefix("Bearer "),
            "0.05",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert probe.stdout is not None and probe.stdin is not None
    assert probe.stdout.readline().strip() == "ready"
    lag: list[float] = []
    loaded = asyncio.Event()

    async def watch_lag() -> None:
        """How late this generator's own loop wakes from a 10 ms sleep: its share of every figure."""
        while not loaded.is_set():
            t1 = time.perf_counter()
            await asyncio.sleep(0.01)
            lag.append(time.perf_counter() - t1 - 0.01)

    watcher = asyncio.create_task(watch_lag())
    t0 = time.perf_counter()
    await asyncio.gather(*(one_user() for _ in range(users)))
    took = time.perf_counter() - t0
    loaded.set()
    await watcher
    times["lag"] = lag
    probe_out, _ = probe.communicate("stop\n", timeout=60)
    times["probe"] = json.loads(probe_out.strip().splitlines()[-1])
    progress = None
    if render_id is not None:
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            reply = await http.get(f"/api/render/proxy/lambda/{render_id}", headers=render_headers)
            progress = reply.json()["data"]["progress"]
    return {"times": times, "counts": counts, "took": took, "progress": progress}


def bench_users(users: int, turns: int, poll: float) -> None:
    results = {}
    for render in (False, True):
        # Planned as the service plans (agent worker processes), not as the in-kernel server does.
        service = {"agent_isolation": "process"}
        with (
            tempfile.TemporaryDirectory() as data,
            server_process(Path(data), **service) as (url, _),
        ):
            results[render] = asyncio.run(users_load(url, users, turns, render, poll))
    for render, found in results.items():
        times: dict[str, list[float]] = found["times"]  # type: ignore[assignment]
        counts: dict[str, int] = found["counts"]  # type: ignore[assignment]
        state99 = percentile(times["state"], 0.99) * 1000
        first99 = percentile(times["first_byte"], 0.99) * 1000
        create99 = percentile(times["create"], 0.99) * 1000
        probe99 = percentile(times["probe"], 0.99) * 1000
        lag99 = percentile(times["lag"], 0.99) * 1000
        what = "while one render runs" if render else "no render (baseline)"
        print(
            f"users: {users} users x {turns} chats + state polling every {poll:g} s, {what}, {found['took']:.1f} s: "
            f"state p99 {state99:.0f} ms ({len(times['state'])} GETs; goal ≤ 250 ms, "
            f"{state99 / 250:.2f} of goal), chat first byte p99 {first99:.0f} ms "
            f"({len(times['first_byte'])} turns; goal ≤ 1000 ms, {first99 / 1000:.2f} of goal), "
            f"session creation p99 {create99:.0f} ms; the generator's own loop wakes up to "
            f"{lag99:.0f} ms late (p99); one more user polling every 50 ms from its own "
            f"process: state p99 {probe99:.0f} ms ({len(times['probe'])} GETs; goal ≤ 250 ms, "
            f"{probe99 / 250:.2f} of goal); {counts['errors']} errors, "
            f"{counts['locked']} lock errors"
            + (f"; the render reached {found['progress']}%" if render else "")
        )
    base = percentile(results[False]["times"]["state"], 0.99)  # type: ignore[index]
    loaded = percentile(results[True]["times"]["state"], 0.99)  # type: ignore[index]
    print(f"users: state p99 with a render / without: {loaded / max(base, 1e-6):.2f}x")
    base = percentile(results[False]["times"]["probe"], 0.99)  # type: ignore[index]
    loaded = percentile(results[True]["times"]["probe"], 0.99)  # type: ignore[index]
    print(
        f"users: the lone poller's state p99 with a render / without: {loaded / max(base, 1e-6):.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=textwrap.dedent(__doc__ or "").splitlines()[0])
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument(
        "--hold", type=float, default=60.0, help="seconds each SSE stream stays open"
    )
    parser.add_argument("--upload-mb", type=int, default=499)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--turns", type=int, default=3, help="chat turns per user")
    parser.add_argument("--poll", type=float, default=1.0, help="seconds between state polls")
    parser.add_argument(
        "--only", choices=["ready", "state", "streams", "upload", "users"], action="append"
    )
    args = parser.parse_args()
    chosen = args.only or ["ready", "state", "streams", "upload", "users"]
    if "ready" in chosen:
        bench_ready()
    if "state" in chosen:
        bench_state()
    if "streams" in chosen:
        bench_streams(args.streams, args.hold)
    if "upload" in chosen:
        bench_upload(args.upload_mb)
    if "users" in chosen:
        bench_users(args.users, args.turns, args.poll)


if __name__ == "__main__":
    main()
