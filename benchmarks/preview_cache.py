"""Previews, the render cache, incremental renders and progress, as ratios to a full export.

Run once: `.venv/bin/python benchmarks/preview_cache.py [--long-resolution 720p]`. Starts a
private local backend, makes a 15 s clip through the agent, and times, from the user's call:
- a full 1080p export (the baseline), with the progress updates it reported per second;
- the same export again (the client's copy) and with the file gone (the backend's cache);
- a preview: its first playable fragment and its end, counted from the moment the reply ended;
- a 120 s draft rendered whole, then again after a title edit in its first 10 s.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

SCENES = [
    "gen:scene/city?tod=night&land=city&fx=stars&motion=pan&seed=3",
    "gen:scene/peaks?tod=dawn&land=mountains&fx=birds&motion=drift&seed=4",
    "gen:scene/coast?tod=sunset&land=sea&fx=clouds&motion=zoom&seed=5",
    "gen:scene/woods?tod=day&land=forest&fx=leaves&motion=pan&seed=6",
]


def long_draft(title: str) -> dict:
    """120 s: four 30 s scenes joined by fades, music, and a title from 2 to 8 s."""
    video = []
    for k, src in enumerate(SCENES):
        seg = {"st": k * 30_000, "d": 30_000, "src": src}
        if k:
            seg["tr"] = {"type": "fade", "d": 800}
        video.append(seg)
    music = {"st": 0, "d": 120_000, "src": "gen:music/upbeat?seed=9", "vol": 0.35}
    text = {"st": 2000, "d": 6000, "tx": title, "sty": {"pos": "center", "size": 96, "fi": 300}}
    return {
        "d": 120_000,
        "m": {"aspect": "16:9", "fps": 30, "seed": 1, "title": title},
        "t": [{"tt": 0, "sg": video}, {"tt": 1, "sg": [music]}, {"tt": 7, "sg": [text]}],
    }


def first_fragment(data: bytes) -> bool:
    """True once `data` holds the header and one whole fragment (moof + mdat): a frame can play."""
    at, seen = 0, set()
    while at + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        if size < 8 or at + size > len(data):
            return False
        seen.add(kind)
        if kind == b"mdat" and {b"moov", b"moof"} <= seen:
            return True
        at += size
    return False


def render_over_http(http: httpx.Client, draft: dict, resolution: str) -> float:
    render_id = f"render_{uuid.uuid4().hex}"
    begun = time.monotonic()
    body = {"id": render_id, "draft": draft, "output": {"resolution": resolution}}
    reply = http.post("/api/render/proxy/lambda", json=body).json()
    if reply["data"]["status"] != "completed":
        with http.stream("GET", f"/api/render/proxy/lambda/{render_id}/events") as events:
            for line in events.iter_lines():
                if '"completed"' in line or '"failed"' in line:
                    break
    return time.monotonic() - begun


def short_figures(url: str, home: Path) -> None:
    """The 15 s clip: full export, cached re-exports, progress rate and a preview."""
    from nemo_notebook.preview import PreviewJob
    from nemo_notebook.sync import Client

    with Client(base_url=url) as client:
        session = client.session()
        session.chat("make a 15 second video of a city at night with the title Urban Dreams")

        updates: list[float] = []
        begun = time.monotonic()
        session.export(home / "full.mp4", on_progress=lambda p, s: updates.append(time.monotonic()))
        full = time.monotonic() - begun
        moving = [t for t in updates if t - begun < full - 0.3]
        rate = (len(moving) - 1) / (moving[-1] - moving[0]) if len(moving) > 1 else 0.0

        begun = time.monotonic()
        session.export(home / "again.mp4")
        again = time.monotonic() - begun
        for name in ("full.mp4", "again.mp4"):
            (home / name).unlink()
        begun = time.monotonic()
        session.export(home / "third.mp4")
        backend_hit = time.monotonic() - begun

        session.preview()  # as after every reply in a notebook: the session asks for previews
        reply = session.chat("change the city to mountains")
        assert reply.changes, "the edit changed nothing"
        ended = time.monotonic()
        live: list[str] = []
        got_live = threading.Event()

        job = PreviewJob(
            url,
            session.id or "",
            on_live=lambda s: (live.append(s.live_url or ""), got_live.set()),
        ).start()
        got_live.wait(30)
        playable = None
        data = bytearray()
        if live:
            with httpx.stream("GET", live[0], timeout=60) as stream:
                for chunk in stream.iter_bytes():
                    data += chunk
                    if playable is None and first_fragment(bytes(data)):
                        playable = time.monotonic() - ended
        video = job.wait(60)
        whole = time.monotonic() - ended
        size = f"{video.width}x{video.height}" if video else "failed"

    print(f"full 1080p export of a 15 s clip: {full:.2f} s (baseline)")
    print(f"progress updates during it: {rate:.1f} per second (want >= 2)")
    print(f"re-export, unchanged draft (client copy): {again * 1000:.0f} ms = {again / full:.4f}x")
    print(
        f"re-export, file gone (backend cache): {backend_hit * 1000:.0f} ms = {backend_hit / full:.4f}x"
    )
    if playable is not None:
        print(
            f"preview ({size}) first fragment playable: {playable:.2f} s after the reply = {playable / full:.3f}x"
        )
    print(f"preview ({size}) whole: {whole:.2f} s after the reply = {whole / full:.3f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long-resolution", default="720p", choices=["720p", "1080p"])
    parser.add_argument("--skip-long", action="store_true")
    parser.add_argument("--skip-short", action="store_true")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="nemo-bench-"))
    os.environ["NEMO_HOME"] = str(home / "data")
    os.environ["NEMO_CONFIG_DIR"] = str(home / "config")

    from nemo_notebook.backend.server import start_server
    from nemo_notebook.backend.settings import Settings

    server = start_server(Settings.default(home / "data"))
    try:
        if not args.skip_short:
            short_figures(server.url, home)
        if not args.skip_long:
            with httpx.Client(base_url=server.url, timeout=600) as http:
                token = http.post(
                    "/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())}
                ).json()["data"]["token"]
                http.headers["Authorization"] = f"Bearer {token}"
                cold = render_over_http(http, long_draft("Urban Dreams"), args.long_resolution)
                edited = render_over_http(http, long_draft("Urban Nights"), args.long_resolution)
            print(f"120 s {args.long_resolution} draft, full render: {cold:.1f} s")
            print(
                f"after a title edit in its first 10 s: {edited:.1f} s = {edited / cold:.3f}x (want <= 0.35)"
            )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
