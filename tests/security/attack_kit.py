"""Helpers of the attack tests: a fake protocol backend in memory, a tiny real MP4, temp-dir checks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from nemo_notebook.backend.server import ServerHandle
from nemo_notebook.client import AsyncClient

Handler = Callable[[httpx.Request], httpx.Response | None]
DRAFT = {"t": [{"tt": 0, "sg": [{"id": "a", "st": 0, "dr": 1000}]}]}


def temp_leftovers(server: ServerHandle) -> list[Path]:
    """Files left in the backend's temp dir (there must be none after any request)."""
    return list((server.settings.data_dir / "tmp").iterdir())


class FakeBackend:
    """A protocol backend in memory (``httpx.MockTransport``); ``handler`` answers first."""

    def __init__(self, handler: Handler | None = None, session_id: str = "123") -> None:
        self.handler = handler
        self.session_id = session_id
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.handler is not None and (answer := self.handler(request)) is not None:
            return answer
        path = request.url.path
        if path == "/api/auth/anonymous-token":
            data = {
                "token": "nmv_usr_SECRET",
                "user_id": "u1",
                "expires_at": "2999-01-01T00:00:00Z",
            }
            return ok(data)
        if path.startswith("/api/tasks/"):
            return ok({"task_id": "7", "session_id": self.session_id, "user_id": "u1"})
        if path.startswith("/api/state/"):
            return ok({"session_id": self.session_id, "state": {"draft": DRAFT}})
        if path == "/api/render/proxy/lambda":
            rid = json.loads(request.read())["id"]
            return httpx.Response(200, json={"success": True, "data": {"id": rid}})
        return httpx.Response(404, json={"code": 404, "message": "no route"})

    def paths(self, method: str | None = None) -> list[str]:
        return [r.url.path for r in self.requests if method in (None, r.method)]


def ok(data: Any) -> httpx.Response:
    return httpx.Response(200, json={"code": 0, "message": "ok", "data": data})


async def no_sleep(seconds: float) -> None:
    return None


def fake_client(backend: FakeBackend, tmp_path: Path, base_url: str) -> AsyncClient:
    environ = {"NEMO_CONFIG_DIR": str(tmp_path / "cfg"), "NEMO_BASE_URL": base_url}
    return AsyncClient(
        environ=environ, transport=httpx.MockTransport(backend), platform="terminal", sleep=no_sleep
    )


def tiny_mp4(path: Path) -> bytes:
    """A real 1 s, 64×48 H.264 MP4, made with PyAV."""
    import av
    import numpy as np

    with av.open(str(path), "w") as container:
        stream = container.add_stream("h264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for _ in range(10):
            frame = av.VideoFrame.from_ndarray(np.zeros((48, 64, 3), np.uint8), format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    return path.read_bytes()
