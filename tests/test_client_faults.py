"""Faults the real backend cannot produce, injected with ``httpx.MockTransport``."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from nemo_notebook.client import AsyncClient
from nemo_notebook.errors import (
    AuthError,
    BackendUnavailable,
    FileTooLarge,
    InputError,
    ProtocolError,
    RateLimited,
    StreamTimeout,
    UnsupportedFile,
)
from nemo_notebook.events import Heartbeat, StillWorking, Text

Handler = Callable[[httpx.Request], httpx.Response | None]


class FakeBackend:
    """Answers the auth and state endpoints; ``handler`` gets first say on every request."""

    def __init__(self, handler: Handler | None = None) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.handler is not None:
            answer = self.handler(request)
            if answer is not None:
                return answer
        path = request.url.path
        if path == "/api/meta":
            return ok({"backend": "fake", "identity": "fake-1"})
        if path == "/api/auth/anonymous-token":
            return ok(
                {
                    "token": "nmv_usr_SECRET",
                    "user_id": "anon_1",
                    "expires_at": "2999-01-01T00:00:00Z",
                }
            )
        if path.startswith("/api/tasks/"):
            return ok({"task_id": "7", "session_id": "123", "user_id": "anon_1"})
        if path.startswith("/api/state/"):
            return ok({"session_id": "123", "state": {"draft": None}})
        if path == "/api/credits/balance/simple":
            return ok({"available": 5, "frozen": 0, "total": 5})
        return httpx.Response(404, json={"code": 404, "message": "no route"})

    def paths(self, method: str | None = None) -> list[str]:
        return [r.url.path for r in self.requests if method in (None, r.method)]


def ok(data: Any) -> httpx.Response:
    return httpx.Response(200, json={"code": 0, "message": "ok", "data": data})


class Sleeps(list[float]):
    async def __call__(self, seconds: float) -> None:
        self.append(seconds)
        await asyncio.sleep(0)


def make_client(backend: FakeBackend, tmp_path: Path, **env: str) -> tuple[AsyncClient, Sleeps]:
    sleeps = Sleeps()
    environ = {"NEMO_CONFIG_DIR": str(tmp_path / "cfg"), "NEMO_BASE_URL": "http://fake.test", **env}
    client = AsyncClient(
        environ=environ, transport=httpx.MockTransport(backend), platform="terminal", sleep=sleeps
    )
    return client, sleeps


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_rate_limited_get_waits_retry_after_then_succeeds(tmp_path: Path) -> None:
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/api/credits/balance/simple":
            calls["n"] += 1
            if calls["n"] == 1:
                return httpx.Response(429, headers={"Retry-After": "7"}, json={"code": 429})
        return None

    backend = FakeBackend(handler)
    client, sleeps = make_client(backend, tmp_path)
    credits = run(client.credits())
    assert credits.available == 5
    assert sleeps == [7.0]
    assert backend.paths().count("/api/credits/balance/simple") == 2


def test_rate_limited_twice_raises_after_one_default_wait(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/api/credits/balance/simple":
            return httpx.Response(429)
        return None

    client, sleeps = make_client(FakeBackend(handler), tmp_path)
    with pytest.raises(RateLimited) as caught:
        run(client.credits())
    assert sleeps == [30.0]
    assert caught.value.status == 429


def test_server_errors_on_get_are_retried_with_bounded_backoff(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/api/credits/balance/simple":
            return httpx.Response(503, text="busy")
        return None

    backend = FakeBackend(handler)
    client, sleeps = make_client(backend, tmp_path)
    with pytest.raises(BackendUnavailable):
        run(client.credits())
    assert backend.paths().count("/api/credits/balance/simple") == 3
    assert sleeps == [0.5, 1.0]


def test_connect_errors_on_get_recover_within_the_retry_budget(tmp_path: Path) -> None:
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/api/credits/balance/simple":
            calls["n"] += 1
            if calls["n"] < 3:
                raise httpx.ConnectError("refused", request=request)
        return None

    client, sleeps = make_client(FakeBackend(handler), tmp_path)
    assert run(client.credits()).total == 5
    assert sleeps == [0.5, 1.0]


def test_server_error_on_chat_is_never_resent(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/run_sse":
            return httpx.Response(503, json={"code": 5000, "message": "overloaded"})
        return None

    backend = FakeBackend(handler)
    client, sleeps = make_client(backend, tmp_path)

    async def go() -> None:
        session = await client.session()
        await session.chat("make a sunset video")

    with pytest.raises(BackendUnavailable):
        run(go())
    assert backend.paths("POST").count("/run_sse") == 1
    assert sleeps == []


def test_explicit_token_refused_is_a_clear_auth_error_without_anonymous_auth(
    tmp_path: Path,
) -> None:
    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/api/credits/balance/simple":
            return httpx.Response(401, json={"code": 1001, "message": "token expired"})
        return None

    backend = FakeBackend(handler)
    client, _ = make_client(backend, tmp_path, NEMO_TOKEN="nmv_usr_EXPLICIT")
    with pytest.raises(AuthError) as caught:
        run(client.credits())
    assert "/api/auth/anonymous-token" not in backend.paths()
    assert caught.value.code == 1001
    assert "EXPLICIT" not in str(caught.value)
    sent = backend.requests[-1].headers["Authorization"]
    assert sent == "Bearer nmv_usr_EXPLICIT"


def test_missing_client_id_reply_makes_a_new_id_and_retries_once(tmp_path: Path) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/api/auth/anonymous-token":
            seen.append(request.headers.get("X-Client-Id", ""))
            if len(seen) == 1:
                return httpx.Response(400, json={"code": 400, "message": "X-Client-Id required"})
        return None

    client, _ = make_client(FakeBackend(handler), tmp_path)
    assert run(client.credits()).available == 5
    assert len(seen) == 2 and seen[0] != seen[1]
    stored = (tmp_path / "cfg" / "client_id").read_text().strip()
    assert stored == seen[1]


def test_every_request_carries_skill_headers(tmp_path: Path) -> None:
    backend = FakeBackend()
    client, _ = make_client(backend, tmp_path)
    run(client.credits())
    last = backend.requests[-1]
    assert last.headers["X-Skill-Source"] == "nemo-notebook"
    assert last.headers["X-Skill-Platform"] == "terminal"
    assert last.headers["X-Skill-Version"]
    assert last.headers["Authorization"] == "Bearer nmv_usr_SECRET"


def test_chat_with_wrong_content_type_names_what_arrived(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/run_sse":
            return httpx.Response(200, html="<html>login</html>")
        return None

    client, _ = make_client(FakeBackend(handler), tmp_path)

    async def go() -> None:
        session = await client.session()
        await session.chat("hello")

    with pytest.raises(ProtocolError, match="text/html"):
        run(go())


def _keepalive_stream(chunks: int) -> Handler:
    async def body() -> AsyncIterator[bytes]:
        for _ in range(chunks):
            yield b": ping\n\n"

    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/run_sse":
            return httpx.Response(
                200, headers={"content-type": "text/event-stream"}, content=body()
            )
        return None

    return handler


class StepClock:
    """Advances one minute each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 60.0
        return self.now


def test_keepalives_only_say_still_working_every_two_minutes_then_time_out(
    tmp_path: Path,
) -> None:
    backend = FakeBackend(_keepalive_stream(50))
    environ = {"NEMO_CONFIG_DIR": str(tmp_path / "cfg"), "NEMO_BASE_URL": "http://fake.test"}
    client = AsyncClient(
        environ=environ, transport=httpx.MockTransport(backend), clock=StepClock(), sleep=Sleeps()
    )
    seen: list[Any] = []

    async def go() -> None:
        session = await client.session()
        async for event in session.stream("make a long video"):
            seen.append(event)

    with pytest.raises(StreamTimeout, match="may still finish"):
        run(go())
    notices = [e.elapsed_s for e in seen if isinstance(e, StillWorking)]
    assert notices == [120.0, 240.0, 360.0, 480.0]
    assert sum(isinstance(e, Heartbeat) for e in seen) == 10
    assert backend.paths("POST").count("/run_sse") == 1


def _recording_backend() -> FakeBackend:
    return FakeBackend()


def test_upload_of_unsupported_file_sends_nothing(tmp_path: Path) -> None:
    doc = tmp_path / "notes.txt"
    doc.write_text("hello")
    backend = _recording_backend()
    client, _ = make_client(backend, tmp_path)

    async def go() -> None:
        session = await client.session()
        await session.upload(doc)

    with pytest.raises(UnsupportedFile, match="mp4"):
        run(go())
    assert backend.requests == []


def test_upload_over_the_size_limit_sends_nothing(tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\0" * 2048)
    backend = _recording_backend()
    client, _ = make_client(backend, tmp_path)
    client.upload_limit = 1000

    async def go() -> None:
        session = await client.session()
        await session.upload(clip)

    with pytest.raises(FileTooLarge, match="compress or trim"):
        run(go())
    assert backend.requests == []


@pytest.mark.parametrize("item", ["missing.mp4", "ftp://example.com/a.mp4", "file:///tmp/a.mp4"])
def test_upload_of_missing_file_or_non_http_url_sends_nothing(tmp_path: Path, item: str) -> None:
    backend = _recording_backend()
    client, _ = make_client(backend, tmp_path)

    async def go() -> None:
        session = await client.session()
        await session.upload(str(tmp_path / item) if "://" not in item else item)

    with pytest.raises(InputError):
        run(go())
    assert backend.requests == []


def test_empty_message_is_refused_before_any_request(tmp_path: Path) -> None:
    backend = _recording_backend()
    client, _ = make_client(backend, tmp_path)

    async def go() -> None:
        session = await client.session()
        await session.chat("   ")

    with pytest.raises(InputError, match="empty"):
        run(go())
    assert backend.requests == []


def test_upload_streams_files_as_multipart_field_files(tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"MP4DATA" * 100)
    bodies: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path.startswith("/api/upload-video/"):
            bodies.append(request.read())
            return ok(
                {"files": [{"filename": "clip.mp4", "file_type": "video", "cdn_url": "/u/1"}]}
            )
        return None

    client, _ = make_client(FakeBackend(handler), tmp_path)

    async def go() -> Any:
        session = await client.session()
        return await session.upload(clip)

    assets = run(go())
    assert [a.filename for a in assets] == ["clip.mp4"]
    assert b'name="files"; filename="clip.mp4"' in bodies[0]
    assert b"MP4DATA" * 100 in bodies[0]


def test_url_upload_is_sent_as_json(tmp_path: Path) -> None:
    sent: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path.startswith("/api/upload-video/"):
            sent.append(json.loads(request.read()))
            return ok({"files": [{"filename": "a.mp4", "file_type": "video", "cdn_url": "/u/2"}]})
        return None

    client, _ = make_client(FakeBackend(handler), tmp_path)

    async def go() -> Any:
        session = await client.session()
        return await session.upload("https://example.com/a.mp4")

    run(go())
    assert sent == [{"urls": ["https://example.com/a.mp4"], "source_type": "url"}]


def _sse(*frames: dict[str, Any]) -> httpx.Response:
    body = b"".join(b"data: " + json.dumps(f).encode() + b"\n\n" for f in frames)
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)


def test_chat_in_a_vanished_session_moves_to_a_new_session_once(tmp_path: Path) -> None:
    sessions = iter(["111", "222"])
    chats: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response | None:
        path = request.url.path
        if path.startswith("/api/tasks/"):
            return ok({"task_id": "1", "session_id": next(sessions)})
        if path == "/run_sse":
            sid = json.loads(request.read())["session_id"]
            chats.append(sid)
            if sid == "111":
                return httpx.Response(404, json={"detail": "Session not found: 111"})
            return _sse({"content": {"parts": [{"text": "Done."}]}})
        return None

    client, _ = make_client(FakeBackend(handler), tmp_path)

    async def go() -> Any:
        session = await client.session()
        reply = await session.chat("make a video")
        return session, reply

    session, reply = run(go())
    assert chats == ["111", "222"]
    assert session.id == "222" and reply.text == "Done."
    assert session.notices == [
        "The previous session was not found; started a new one — the old timeline is gone."
    ]


DRAFT = {"d": 1000, "t": [{"id": "v", "tt": 0, "sg": [{"id": "s", "st": 0, "d": 1000}]}]}


def _render_backend(
    status: str, **routes: Callable[[httpx.Request], httpx.Response]
) -> FakeBackend:
    def handler(request: httpx.Request) -> httpx.Response | None:
        path = request.url.path
        for prefix, route in routes.items():
            if path.startswith(prefix.replace("_", "/")):
                return route(request)
        if path.startswith("/api/state/"):
            return ok({"session_id": "123", "state": {"draft": DRAFT}})
        if path == "/api/render/proxy/lambda":
            rid = json.loads(request.read())["id"]
            return httpx.Response(
                200, json={"success": True, "data": {"id": rid, "status": "pending"}}
            )
        if path.endswith("/cancel"):
            return httpx.Response(200, json={"success": True, "data": {"status": "cancelled"}})
        if path.startswith("/api/render/proxy/lambda/"):
            data = {"id": path.rsplit("/", 1)[1], "status": status, "progress": 40}
            return httpx.Response(200, json={"success": True, "data": data})
        return None

    return FakeBackend(handler)


def test_cancelling_an_export_cancels_the_render_on_the_backend(tmp_path: Path) -> None:
    backend = _render_backend("processing")
    client, _ = make_client(backend, tmp_path)
    seen: list[tuple[float, str]] = []

    async def go() -> None:
        session = await client.session()
        task = asyncio.ensure_future(
            session.export(tmp_path / "x.mp4", on_progress=lambda p, s: seen.append((p, s)))
        )
        while not seen:
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    run(go())
    assert seen[0] == (40.0, "processing")
    cancels = [p for p in backend.paths("POST") if p.endswith("/cancel")]
    assert len(cancels) == 1
    assert not (tmp_path / "x.mp4").exists()


def test_reused_render_id_is_replaced_once(tmp_path: Path) -> None:
    ids: list[str] = []

    def start(request: httpx.Request) -> httpx.Response:
        ids.append(json.loads(request.read())["id"])
        if len(ids) == 1:
            return httpx.Response(409, json={"success": False, "error": "render id already used"})
        return httpx.Response(
            200, json={"success": True, "data": {"id": ids[-1], "status": "failed"}}
        )

    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/api/render/proxy/lambda":
            return start(request)
        return None

    inner = _render_backend("failed")
    backend = FakeBackend(lambda r: handler(r) or inner.handler(r))  # type: ignore[misc]
    client, _ = make_client(backend, tmp_path)

    async def go() -> None:
        session = await client.session()
        await session.export(tmp_path / "x.mp4")

    from nemo_notebook.errors import RenderFailed

    with pytest.raises(RenderFailed):
        run(go())
    assert len(ids) == 2 and ids[0] != ids[1]
    assert all(i.startswith("render_") and len(i) == 39 for i in ids)


def test_export_of_an_empty_timeline_is_refused_before_rendering(tmp_path: Path) -> None:
    backend = FakeBackend()
    client, _ = make_client(backend, tmp_path)

    async def go() -> None:
        session = await client.session()
        await session.export(tmp_path / "x.mp4")

    with pytest.raises(InputError, match="timeline is empty"):
        run(go())
    assert not any(p.startswith("/api/render/") for p in backend.paths())


def test_gui_directions_are_stripped_from_text_and_kept_as_actions(tmp_path: Path) -> None:
    said = "Your video is ready. Click the Export button to download it."

    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/run_sse":
            return _sse({"type": "text", "content": said})
        return None

    client, _ = make_client(FakeBackend(handler), tmp_path)

    async def go() -> Any:
        session = await client.session()
        return await session.chat("make a video")

    reply = run(go())
    assert reply.text.startswith("Your video is ready.") and "Click" not in reply.text
    assert reply.actions == ("export",)
    assert [e.text for e in reply.events if isinstance(e, Text)] == ["Your video is ready."]
    assert reply.guidance == ("To export the video, run `%nemo export` (or `session.export()`).",)
    assert reply.text.endswith(reply.guidance[0])


@pytest.mark.parametrize(
    ("retry_after", "waits", "succeeds"), [("2", [2.0], True), ("604800", [], False)]
)
def test_rate_limited_anonymous_token_waits_once_when_the_wait_is_short(
    tmp_path: Path, retry_after: str, waits: list[float], succeeds: bool
) -> None:
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/api/auth/anonymous-token":
            calls["n"] += 1
            if calls["n"] == 1 or not succeeds:
                return httpx.Response(429, headers={"Retry-After": retry_after}, json={"code": 429})
        return None

    client, sleeps = make_client(FakeBackend(handler), tmp_path)
    if succeeds:
        assert run(client.credits()).available == 5
    else:
        with pytest.raises(RateLimited, match="604800"):
            run(client.credits())
    assert sleeps == waits


def _tiny_mp4(path: Path) -> bytes:
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


def test_unreachable_output_url_falls_back_to_the_download_route(tmp_path: Path) -> None:
    mp4 = _tiny_mp4(tmp_path / "src.mp4")

    def cdn(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to cdn", request=request)

    def status(request: httpx.Request) -> httpx.Response:
        data = {
            "id": "r",
            "status": "completed",
            "progress": 100,
            "outputUrl": "http://cdn.test/v.mp4",
        }
        return httpx.Response(200, json={"success": True, "data": data})

    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.host == "cdn.test":
            return cdn(request)
        if request.url.path.endswith("/download"):
            return httpx.Response(200, content=mp4, headers={"content-type": "video/mp4"})
        if request.url.path.startswith("/api/render/proxy/lambda/"):
            return status(request)
        return None

    inner = _render_backend("completed")
    backend = FakeBackend(lambda r: handler(r) or inner.handler(r))  # type: ignore[misc]
    client, _ = make_client(backend, tmp_path)
    out = tmp_path / "out" / "video.mp4"

    async def go() -> Any:
        session = await client.session()
        return await session.export(out, mkdirs=True)

    video = run(go())
    assert (video.width, video.height, video.size) == (64, 48, len(mp4))
    assert video.duration == pytest.approx(1.0, abs=0.2)
    assert out.read_bytes() == mp4 and [p.name for p in out.parent.iterdir()] == ["video.mp4"]
