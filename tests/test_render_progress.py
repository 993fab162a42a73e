"""Against the real local backend: cached renders complete at once, progress streams as it moves,
previews play while they are written, and the client copies an export it already has."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from backend_http import authed_client

from nemo_notebook.backend.server import ServerHandle, start_server
from nemo_notebook.backend.settings import Settings
from nemo_notebook.sync import Client

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

SCENE = "gen:scene/city?tod=night&land=city&fx=rain&motion=pan&seed=3"


def draft(ms: int, src: str = "gen:color/336699", title: str = "Card") -> dict:
    meta = {"title": title, "aspect": "16:9", "fps": 30}
    segment = {"st": 0, "d": ms, "src": src}
    return {"d": ms, "m": meta, "t": [{"tt": 0, "sg": [segment]}]}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    handle = start_server(Settings.default(tmp_path_factory.mktemp("progress")))
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def http(server: ServerHandle) -> Iterator[httpx.Client]:
    with closing(authed_client(server.url, timeout=120)) as client:
        yield client


def start(http: httpx.Client, body_draft: dict, **output: str) -> tuple[str, dict]:
    render_id = f"render_{uuid.uuid4().hex}"
    reply = http.post(
        "/api/render/proxy/lambda",
        json={"id": render_id, "draft": body_draft, "output": {"resolution": "720p", **output}},
    )
    assert reply.status_code == 200, reply.text
    return render_id, reply.json()


def events(http: httpx.Client, render_id: str) -> Iterator[tuple[float, dict]]:
    with http.stream("GET", f"/api/render/proxy/lambda/{render_id}/events") as reply:
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("text/event-stream")
        for line in reply.iter_lines():
            if line.startswith("data:"):
                yield time.monotonic(), json.loads(line[5:])["data"]


def test_a_draft_rendered_before_completes_in_the_start_reply(http: httpx.Client) -> None:
    first_id, _ = start(http, draft(1500))
    *_, (_, last) = events(http, first_id)
    assert last["status"] == "completed"
    begun = time.monotonic()
    _, reply = start(http, draft(1500, title="Renamed"))  # the title is not in the picture
    took = time.monotonic() - begun
    assert reply["data"]["status"] == "completed" and took < 1.0
    again = http.get(reply["data"]["outputUrl"]).content
    assert again == http.get(last["outputUrl"]).content
    assert reply["data"]["outputUrl"] != last["outputUrl"]
    _, other = start(http, draft(1500, src="gen:color/993366"))
    assert other["data"]["status"] == "pending"


def test_progress_streams_frames_speed_and_time_left_twice_a_second(http: httpx.Client) -> None:
    render_id, _ = start(http, draft(8000, SCENE))
    seen = list(events(http, render_id))
    moving = [(t, d) for t, d in seen if d["status"] == "processing" and d.get("frames")]
    assert seen[-1][1]["status"] == "completed"
    assert len(moving) >= 4
    span = moving[-1][0] - moving[0][0]
    assert len(moving) - 1 >= 2 * span - 1, (len(moving), span)
    frames = [d["frames"] for _, d in moving]
    assert frames == sorted(frames) and frames[-1] <= moving[-1][1]["totalFrames"] == 240
    assert all(d["speed"] > 0 and d["secondsLeft"] is not None for _, d in moving)


def test_a_preview_plays_while_it_is_being_written(http: httpx.Client) -> None:
    render_id, _ = start(http, draft(10000, SCENE, title="Live"), quality="preview")
    live_url = None
    for _, data in events(http, render_id):
        live_url = data.get("liveUrl")
        if live_url:
            break
    assert live_url
    first_chunk: list[float] = []
    body = bytearray()
    with httpx.stream("GET", live_url, timeout=120) as stream:
        for chunk in stream.iter_bytes():
            if not first_chunk:
                first_chunk.append(time.monotonic())
                done_then = http.get(f"/api/render/proxy/lambda/{render_id}").json()
            body += chunk
    assert done_then["data"]["status"] != "completed"  # bytes came before the render ended
    final = http.get(f"/api/render/proxy/lambda/{render_id}").json()["data"]
    assert final["status"] == "completed" and final["resolution"] in ("480p", "360p")
    assert bytes(body) == http.get(final["outputUrl"]).content
    assert body[4:8] == b"ftyp" and b"moof" in body  # fragmented: playable as it grows


@pytest.fixture(scope="module")
def session(server: ServerHandle) -> Iterator[object]:
    with Client(base_url=server.url) as client:
        session = client.session()
        session.chat("make a 3 second video of a city at night")
        yield session


def test_export_of_an_unchanged_draft_is_a_copy(session: object, tmp_path: Path) -> None:
    from nemo_notebook.sync import Session

    assert isinstance(session, Session)
    first = session.export(tmp_path / "a.mp4", resolution="720p")
    rendered = session.asession.last_render_id
    begun = time.monotonic()
    second = session.export(tmp_path / "b.mp4", resolution="720p")
    assert time.monotonic() - begun < 0.5
    assert session.asession.last_render_id == rendered  # the backend was not asked
    assert second.path == (tmp_path / "b.mp4").resolve()
    assert second.path.read_bytes() == first.path.read_bytes()  # type: ignore[union-attr]
    (tmp_path / "a.mp4").unlink()
    (tmp_path / "b.mp4").unlink()
    labels: list[str] = []
    third = session.export(
        tmp_path / "c.mp4", resolution="720p", on_progress=lambda p, s: labels.append(s)
    )
    # The files are gone, so the journal re-attaches to the finished render: downloaded, not redone.
    assert session.asession.last_render_id == rendered
    assert labels and labels[-1].startswith("completed")
    assert third.size == first.size


def test_session_preview_and_a_reply_with_a_preview(session: object) -> None:
    from nemo_notebook.sync import Session

    assert isinstance(session, Session)
    video = session.preview()
    assert video.path is not None and video.path.is_file()
    assert video.height in (360, 480) and video.duration == pytest.approx(3, abs=0.1)
    reply = session.chat("change the city to mountains", preview=True)
    assert reply.changes
    assert reply.preview_job is not None
    made = reply.preview_job.wait(120)
    assert made is not None and reply.preview is made and made.path != video.path
    assert not reply.preview_job.thread.is_alive() or reply.preview_job.thread.join(5) is None


def test_a_new_draft_is_drawn_while_its_reply_streams(
    server: ServerHandle, session: object
) -> None:
    from nemo_notebook.sync import Session

    assert isinstance(session, Session)
    studio = server.settings.data_dir / "render-cache" / "studio"

    def drawn() -> set[str]:
        return {p.name for p in studio.iterdir() if p.suffix in (".png", ".yuv", ".wav")}

    before = drawn()
    reply = session.chat("make it a forest at dawn with calm music")
    assert reply.changes
    deadline = time.monotonic() + 60
    while any(t.name == "nemo-prepare" for t in threading.enumerate()):  # still drawing
        assert time.monotonic() < deadline
        time.sleep(0.2)
    seen = drawn()
    assert seen - before, "nothing was drawn for the new draft"
    session.preview()
    assert drawn() == seen  # the preview found everything it needed already drawn
