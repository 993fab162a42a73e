"""The vendor's documented call sequence, with plain httpx and none of this package's client, against
``nemo-notebook serve --profile cloud`` running as a real subprocess."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import imageio_ffmpeg
import pytest

PROMPT = "make a 3 second video of a sunset over the sea"
SKILL = {"X-Skill-Source": "nemo-video", "X-Skill-Version": "1.0.0", "X-Skill-Platform": "clawhub"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``serve --profile cloud`` in a subprocess, logging to a file; stopped at teardown."""
    root = tmp_path_factory.mktemp("served")
    port = _free_port()
    env = {**os.environ, "NEMO_HOME": str(root / "home"), "NEMO_CONFIG_DIR": str(root / "cfg")}
    command = [sys.executable, "-m", "nemo_notebook", "serve", "--profile", "cloud"]
    command += ["--port", str(port), "--data", str(root / "data")]
    with (root / "serve.log").open("wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/meta", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, (root / "serve.log").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("vendor-media") / "beach.mp4"
    args = ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-t", "2", "-pix_fmt", "yuv420p"]
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run([ffmpeg, "-loglevel", "error", "-y", *args, str(path)], check=True)
    return path


def _data(reply: httpx.Response) -> dict[str, object]:
    body = reply.json()
    assert reply.status_code == 200 and body["code"] == 0, body
    return body["data"]


@pytest.mark.slow
def test_documented_sequence_works_unchanged(served: str, clip: Path, tmp_path: Path) -> None:
    with httpx.Client(base_url=served, headers=SKILL, timeout=60) as http:
        # 1. token
        token = _data(http.post("/api/auth/anonymous-token", headers={"X-Client-Id": "c-1"}))
        assert token["credits"] == 100 and str(token["token"]).startswith("nmv_usr_")
        http.headers["Authorization"] = f"Bearer {token['token']}"
        # 2. session
        created = _data(
            http.post(
                "/api/tasks/me/with-session/nemo_agent",
                json={"task_name": "project", "language": "en"},
            )
        )
        sid = str(created["session_id"])
        assert sid.isdigit() and created["bind_id"]
        # 3. stream
        message = {
            "app_name": "nemo_agent",
            "user_id": "me",
            "session_id": sid,
            "new_message": {"parts": [{"text": PROMPT}]},
        }
        texts = []
        with http.stream(
            "POST",
            "/run_sse",
            json=message,
            headers={"Accept": "text/event-stream"},
            timeout=httpx.Timeout(60, read=900),
        ) as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            for line in stream.iter_lines():
                if line.startswith("data: {"):
                    event = json.loads(line[6:])
                    parts = (event.get("content") or {}).get("parts") or []
                    texts += [part["text"] for part in parts if "text" in part]
        assert texts
        # 4. credits
        balance = _data(http.get("/api/credits/balance/simple"))
        assert balance["available"] == 0 and balance["total"] == 0
        # 5. state
        state = _data(http.get(f"/api/state/nemo_agent/me/{sid}/latest"))
        inner = state["state"]
        assert isinstance(inner, dict) and inner["draft"] and inner["generated_media"]
        assert state["bind_id"] == created["bind_id"]
        # 6. upload
        with clip.open("rb") as handle:
            files = [("files", ("beach.mp4", handle, "video/mp4"))]
            uploaded = _data(http.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files))
        (item,) = uploaded["files"]  # type: ignore[misc]
        assert item["file_type"] == "video" and 1.9 <= item["duration"] <= 2.1
        # 7. render
        render_id = f"render_{uuid.uuid4().hex}"
        output = {"format": "mp4", "quality": "high", "resolution": "1080p"}
        body = {"id": render_id, "sessionId": sid, "draft": inner["draft"], "output": output}
        started = http.post("/api/render/proxy/lambda", json=body).json()
        assert started["success"] is True and started["data"]["status"] == "pending"
        # 8. poll
        deadline = time.monotonic() + 600
        while True:
            polled = http.get(f"/api/render/proxy/lambda/{render_id}").json()
            assert polled["success"] is True
            if polled["data"]["status"] in ("completed", "failed", "cancelled"):
                break
            assert time.monotonic() < deadline
            time.sleep(1.0)
        assert polled["data"]["status"] == "completed", polled
        # 9. download
        video = http.get(polled["data"]["outputUrl"]).content
        fallback = http.get(f"/api/render/proxy/{render_id}/download").content
    assert video[4:8] == b"ftyp" and video == fallback
    (tmp_path / "vendor.mp4").write_bytes(video)
