"""The render queue over real HTTP: statuses, outputs and posters, cancel, reused ids, restarts."""

from __future__ import annotations

import io
import time
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import av
import httpx
import pytest
from backend_http import authed_client
from PIL import Image

from nemo_notebook.backend.server import ServerHandle, start_server
from nemo_notebook.backend.settings import Settings

pytestmark = pytest.mark.timeout(240)


def draft(ms: int = 1500, color: str = "336699") -> dict:
    meta = {
        "title": "Card",
        "width": 1280,
        "height": 720,
        "fps": 30,
        "aspect": "16:9",
        "res": "720p",
    }
    segment = {"id": "seg_1", "st": 0, "d": ms, "n": "card", "src": f"gen:color/{color}"}
    return {"d": ms, "m": meta, "t": [{"id": "trk_v1", "tt": 0, "n": "Video", "sg": [segment]}]}


def start(http: httpx.Client, body_draft: dict, render_id: str | None = None) -> httpx.Response:
    body = {
        "id": render_id or f"render_{uuid.uuid4().hex}",
        "draft": body_draft,
        "output": {"format": "mp4", "quality": "high", "resolution": "720p"},
    }
    return http.post("/api/render/proxy/lambda", json=body)


def wait(
    http: httpx.Client, render_id: str, statuses: tuple[str, ...], timeout: float = 180
) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        reply = http.get(f"/api/render/proxy/lambda/{render_id}").json()
        if reply["data"]["status"] in statuses:
            return reply
        assert time.monotonic() < deadline, reply
        time.sleep(0.1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    handle = start_server(Settings.default(tmp_path_factory.mktemp("render")))
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def finished(server: ServerHandle) -> tuple[httpx.Client, dict]:
    http = authed_client(server.url)
    render_id = f"render_{uuid.uuid4().hex}"
    reply = start(http, draft(), render_id)
    assert reply.status_code == 200, reply.text
    assert reply.json() == {
        "success": True,
        "data": {"id": render_id, "status": "pending", "progress": 0},
    }
    return http, wait(http, render_id, ("completed", "failed"))


def test_render_completes_with_a_playable_mp4_and_a_poster(
    finished: tuple[httpx.Client, dict], server: ServerHandle
) -> None:
    _, reply = finished
    data = reply["data"]
    assert data["status"] == "completed", data
    assert data["progress"] == 100 and data["error"] is None
    assert data["createdAt"] <= data["completedAt"]
    assert reply["status"] == "completed" and reply["progress"] == 100
    mp4 = httpx.get(data["outputUrl"]).content
    with av.open(io.BytesIO(mp4)) as container:
        video = container.streams.video[0]
        assert (video.width, video.height) == (1280, 720)
        seconds = float(container.duration / 1_000_000)
        assert abs(seconds - 1.5) < 0.2
    output = reply["output"]
    assert (output["url"], output["size"]) == (data["outputUrl"], len(mp4))
    # The reported duration is the file's own, not a copy of the draft's, in seconds (protocol §3).
    assert output["duration"] == pytest.approx(seconds, abs=0.04)
    poster = Image.open(io.BytesIO(httpx.get(data["posterUrl"]).content))
    assert poster.format == "JPEG" and poster.size == (1280, 720)
    kept = sorted(path.name for path in (server.settings.data_dir / "renders").iterdir())
    assert kept == sorted(url.rsplit("/", 1)[1] for url in (data["outputUrl"], data["posterUrl"]))


def test_download_returns_the_same_bytes(finished: tuple[httpx.Client, dict]) -> None:
    http, reply = finished
    data = reply["data"]
    download = http.get(f"/api/render/proxy/{data['id']}/download")
    assert download.status_code == 200 and download.headers["content-type"] == "video/mp4"
    assert download.content == httpx.get(data["outputUrl"]).content


def test_reused_render_id_is_409(finished: tuple[httpx.Client, dict]) -> None:
    http, reply = finished
    again = start(http, draft(), reply["data"]["id"])
    assert again.status_code == 409
    assert again.json() == {"success": False, "error": "render id already used"}


def test_another_user_cannot_see_a_render(
    finished: tuple[httpx.Client, dict], server: ServerHandle
) -> None:
    _, reply = finished
    with closing(authed_client(server.url)) as other:
        rid = reply["data"]["id"]
        assert other.get(f"/api/render/proxy/lambda/{rid}").status_code == 404
        assert other.get(f"/api/render/proxy/{rid}/download").status_code == 404
        assert other.post(f"/api/render/proxy/lambda/{rid}/cancel").status_code == 404


@pytest.mark.parametrize("bad", [{"d": 0, "t": []}, {"d": 0, "t": [{"tt": 0, "sg": []}]}, None])
def test_draft_without_segments_is_nothing_to_export(
    server: ServerHandle, bad: dict | None
) -> None:
    with closing(authed_client(server.url)) as http:
        reply = start(http, bad)  # type: ignore[arg-type]
        assert reply.status_code == 400
        assert reply.json()["success"] is False and "nothing to export" in reply.json()["error"]


def test_cancel_frees_the_worker_for_the_next_render(server: ServerHandle) -> None:
    with closing(authed_client(server.url)) as http:
        long_id, queued_id, next_id = (f"render_{uuid.uuid4().hex}" for _ in range(3))
        assert start(http, draft(60_000, "aa3355"), long_id).status_code == 200
        assert start(http, draft(60_000, "3355aa"), queued_id).status_code == 200
        cancelled = http.post(f"/api/render/proxy/lambda/{queued_id}/cancel").json()
        assert cancelled == {"success": True, "data": {"id": queued_id, "status": "cancelled"}}
        wait(http, long_id, ("processing",))
        progress = []
        while not progress or progress[-1] < 1:
            progress.append(
                http.get(f"/api/render/proxy/lambda/{long_id}").json()["data"]["progress"]
            )
            time.sleep(0.05)
        assert progress == sorted(progress) and progress[-1] < 100
        began = time.monotonic()
        reply = http.post(f"/api/render/proxy/lambda/{long_id}/cancel").json()
        assert reply["data"]["status"] == "cancelled"
        assert start(http, draft(1000), next_id).status_code == 200
        assert wait(http, next_id, ("completed",))["data"]["status"] == "completed"
        assert time.monotonic() - began < 60
        assert wait(http, long_id, ("cancelled",))["data"]["outputUrl"] is None
        assert http.get(f"/api/render/proxy/{long_id}/download").status_code == 409


def test_export_blocked_is_402(tmp_path: Path) -> None:
    handle = start_server(Settings(data_dir=tmp_path, export_blocked=True))
    try:
        with closing(authed_client(handle.url)) as http:
            reply = start(http, draft())
            assert reply.status_code == 402 and "upgrade" in reply.json()["error"]
    finally:
        handle.stop()


def test_finished_render_survives_a_restart(tmp_path: Path) -> None:
    settings = Settings.default(tmp_path)
    first = start_server(settings)
    http = authed_client(first.url)
    rid = f"render_{uuid.uuid4().hex}"
    start(http, draft(1000), rid)
    done = wait(http, rid, ("completed", "failed"))
    http.close()
    first.stop()
    second = start_server(replace(settings, port=0))
    try:
        with httpx.Client(base_url=second.url, headers=http.headers) as again:
            reply = again.get(f"/api/render/proxy/lambda/{rid}").json()
            assert reply["data"]["status"] == "completed"
            assert (
                again.get(f"/api/render/proxy/{rid}/download").content
                == httpx.get(done["data"]["outputUrl"].replace(first.url, second.url)).content
            )
    finally:
        second.stop()


def test_renderer_error_fails_the_render_and_releases_export_credits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nemo_notebook.backend import studio

    def broken(*args: object, **kwargs: object) -> None:
        raise studio.RenderError("the font is missing")

    monkeypatch.setattr(studio, "render_draft", broken)
    settings = Settings(data_dir=tmp_path, cost_export=5, render_isolation="thread")
    handle = start_server(settings)
    try:
        with closing(authed_client(handle.url)) as http:
            rid = start(http, draft()).json()["data"]["id"]
            reply = wait(http, rid, ("failed", "completed"))
            assert (
                reply["data"]["status"] == "failed"
                and reply["data"]["error"] == "the font is missing"
            )
            assert reply["data"]["completedAt"] is not None
            assert http.get("/api/credits/balance/simple").json()["data"] == {
                "available": 1000,
                "frozen": 0,
                "total": 1000,
            }
    finally:
        handle.stop()
