"""The client against the real local backend over loopback, one server per settings variant."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import av
import httpx
import pytest

from nemo_notebook import auth
from nemo_notebook.backend.server import ServerHandle, start_server
from nemo_notebook.backend.settings import Settings
from nemo_notebook.errors import (
    BackendUnavailable,
    BadRequest,
    FileTooLarge,
    NoCredits,
    StreamDropped,
)
from nemo_notebook.events import Changes, Done, Text, ToolCall, ToolResult
from nemo_notebook.session import SESSION_GONE
from nemo_notebook.sync import Client

GENERATE = "make a 4 second video of a sunset over the sea"
FAST_POLLS = (0.05, 0.05, 0.05, 0.05, 0.05)


class Recorder(httpx.AsyncHTTPTransport):
    """The real network transport, noting each request's method, path and status."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, str, int]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        self.log.append((request.method, request.url.path, response.status_code))
        return response

    def count(self, method: str, path: str) -> int:
        return sum(1 for m, p, _ in self.log if m == method and p == path)


Servers = Callable[..., ServerHandle]


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """Start (once per module) a backend for each distinct set of switches."""
    running: dict[tuple[Any, ...], ServerHandle] = {}

    def get(preset: str = "default", **switches: Any) -> ServerHandle:
        key = (preset, *sorted(switches.items()))
        if key not in running:
            data = tmp_path_factory.mktemp("backend")
            base = getattr(Settings, preset)(data)
            running[key] = start_server(replace(base, **switches))
        return running[key]

    yield get
    for handle in running.values():
        handle.stop()


@pytest.fixture
def connect(tmp_path: Path) -> Iterator[Callable[..., tuple[Client, Recorder]]]:
    clients: list[Client] = []

    def make(handle: ServerHandle, config_dir: Path | None = None) -> tuple[Client, Recorder]:
        recorder = Recorder()
        env = {"NEMO_CONFIG_DIR": str(config_dir or tmp_path / "cfg")}
        client = Client(base_url=handle.url, environ=env, transport=recorder, platform="terminal")
        client.aclient.drop_poll_intervals = FAST_POLLS
        clients.append(client)
        return client, recorder

    yield make
    for client in clients:
        client.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_anonymous_token_is_cached_privately_and_reused(
    servers: Servers, connect: Any, tmp_path: Path
) -> None:
    handle = servers()
    first, rec1 = connect(handle)
    assert first.credits().available == 1000
    cfg = tmp_path / "cfg"
    assert mode(cfg / auth.TOKEN_FILE) == 0o600
    assert mode(cfg / auth.CLIENT_ID_FILE) == 0o600
    second, rec2 = connect(handle)
    assert second.credits().available == 1000
    assert rec1.count("POST", "/api/auth/anonymous-token") == 1
    assert rec2.count("POST", "/api/auth/anonymous-token") == 0


def test_token_unknown_to_the_backend_is_replaced_once(
    servers: Servers, connect: Any, tmp_path: Path
) -> None:
    handle = servers()
    probe, _ = connect(handle, tmp_path / "probe")
    probe.credits()
    identity = probe.aclient._identity
    assert identity
    cfg = tmp_path / "revoked"
    auth.TokenCache(cfg).put(identity, auth.CachedToken("nmv_usr_revoked", "anon_x", None))
    client, rec = connect(handle, cfg)
    assert client.credits().available == 1000
    statuses = [(p, s) for _, p, s in rec.log if p != "/api/meta"]
    assert statuses == [
        ("/api/credits/balance/simple", 401),
        ("/api/auth/anonymous-token", 200),
        ("/api/credits/balance/simple", 200),
    ]
    cached = auth.TokenCache(cfg).get(identity)
    assert cached is not None and cached.token != "nmv_usr_revoked"


@pytest.mark.parametrize("as_200", [False, True], ids=["http-status", "http-200"])
def test_missing_session_is_replaced_once_with_a_notice(
    servers: Servers, connect: Any, as_200: bool
) -> None:
    client, rec = connect(servers(errors_as_http_200=as_200))
    session = client.session("1234567890123")
    assert session.id != "1234567890123"
    assert session.notices == [SESSION_GONE]
    assert session.state().draft is None
    assert rec.count("POST", "/api/tasks/me/with-session/nemo_agent") == 1


@pytest.mark.parametrize("as_200", [False, True], ids=["http-status", "http-200"])
def test_both_envelopes_map_to_the_same_errors(
    servers: Servers, connect: Any, as_200: bool
) -> None:
    client, _ = connect(servers("cloud_like", errors_as_http_200=as_200))
    session = client.session(language="en")
    session.chat(GENERATE)
    assert client.credits().available == 0
    with pytest.raises(NoCredits) as caught:
        session.chat("make a video of snowy mountains at night")
    user_id = client.aclient.user_id
    assert user_id and caught.value.bind_url == f"https://nemovideo.com/register?bind={user_id}"
    with pytest.raises(BadRequest):
        client.run(
            client.aclient.call("POST", "/api/render/proxy/lambda", body=lambda: {"json": {}})
        )


@pytest.mark.parametrize("dialect", ["adk", "simple"])
def test_both_event_dialects_stream_text_tools_and_changes(
    servers: Servers, connect: Any, dialect: str
) -> None:
    client, _ = connect(servers(event_dialect=dialect))
    session = client.session()
    events = list(session.stream(GENERATE))
    kinds = [type(e) for e in events]
    assert Text in kinds and ToolCall in kinds and ToolResult in kinds
    assert all(e.work_s is not None and e.work_s > 0 for e in events if isinstance(e, ToolResult))
    assert kinds[-2:] == [Changes, Done]
    reply = events[-1].reply
    assert reply.text and not reply.silent
    assert reply.changes and reply.state.draft["t"]
    assert reply.session_id == session.id


def test_silent_edit_is_reported_as_the_state_diff(servers: Servers, connect: Any) -> None:
    client, _ = connect(servers(silent_edit_ratio=1.0))
    session = client.session()
    session.chat(GENERATE)
    reply = session.chat("add a title 'Paradise Found'")
    assert reply.silent and not any(isinstance(e, Text) for e in reply.events)
    assert any("Paradise Found" in str(change) for change in reply.changes)
    assert "Paradise Found" in str(reply)


def test_dropped_stream_is_not_resent_and_recovers_from_state(
    servers: Servers, connect: Any
) -> None:
    client, rec = connect(servers(drop_stream_after=0))
    session = client.session()
    reply = session.chat(GENERATE)
    assert rec.count("POST", "/run_sse") == 1
    assert reply.changes and reply.state.draft["t"]
    assert any("dropped" in n for n in session.notices)


def test_dropped_stream_without_change_raises_after_polling(servers: Servers, connect: Any) -> None:
    client, rec = connect(servers(drop_stream_after=0))
    session = client.session()
    with pytest.raises(StreamDropped, match="send the message again"):
        session.chat("hello there")
    assert rec.count("POST", "/run_sse") == 1
    polls = rec.count("GET", f"/api/state/nemo_agent/me/{session.id}/latest")
    assert polls == 1 + len(FAST_POLLS)


def test_server_errors_are_retried_on_reads_but_never_on_chat(
    servers: Servers, connect: Any
) -> None:
    client, rec = connect(servers(fail_ratio=0.5))
    assert client.credits().available == 1000
    assert ("GET", "/api/credits/balance/simple", 503) in rec.log
    session = client.session(language="en")
    # Every second counted request fails. Creating the session is a POST, so its 503 reaches the
    # caller unretried; the next call creates it, and that call's state read is retried past its 503.
    with pytest.raises(BackendUnavailable):
        session.state()
    assert session.state().draft is None
    state_path = f"/api/state/nemo_agent/me/{session.id}/latest"
    assert [s for _, p, s in rec.log if p == state_path] == [503, 200]
    with pytest.raises(BackendUnavailable):
        session.chat(GENERATE)
    assert rec.count("POST", "/run_sse") == 1


@pytest.mark.slow
def test_export_writes_a_real_mp4(servers: Servers, connect: Any, tmp_path: Path) -> None:
    client, rec = connect(servers())
    session = client.session()
    session.chat(GENERATE)
    progress: list[tuple[float, str]] = []
    out = tmp_path / "out" / "sunset.mp4"
    video = session.export(
        out, mkdirs=True, resolution="720p", on_progress=lambda p, s: progress.append((p, s))
    )
    assert video.path == out.resolve() and out.stat().st_size == video.size > 10_000
    assert progress[-1] == (100.0, "completed")
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert (stream.codec_context.width, stream.codec_context.height) == (1280, 720)
        assert container.duration / 1_000_000 == pytest.approx(4.0, abs=0.3)
    assert (video.width, video.height) == (1280, 720)
    assert video.duration == pytest.approx(4.0, abs=0.3)
    assert not list(out.parent.glob("*.part"))
    umask = os.umask(0o022)
    os.umask(umask)
    assert mode(out) == 0o666 & ~umask  # an ordinary file, unlike the 0600 token cache
    assert rec.count("POST", "/api/render/proxy/lambda") == 1
    poster = httpx.get(video.poster_url)
    assert poster.status_code == 200 and poster.content[:2] == b"\xff\xd8"


def _png(path: Path, size: tuple[int, int] = (320, 240)) -> Path:
    from PIL import Image

    Image.new("RGB", size, (200, 80, 40)).save(path)
    return path


def test_upload_sends_a_file_and_returns_its_probe(
    servers: Servers, connect: Any, tmp_path: Path
) -> None:
    client, rec = connect(servers())
    session = client.session()
    (asset,) = session.upload(_png(tmp_path / "poster.png"))
    assert (asset.filename, asset.file_type, asset.width, asset.height) == (
        "poster.png",
        "image",
        320,
        240,
    )
    assert asset.url
    assert rec.count("POST", f"/api/upload-video/nemo_agent/me/{session.id}") == 1


def test_backend_size_limit_is_reported_with_the_limit(
    servers: Servers, connect: Any, tmp_path: Path
) -> None:
    client, _ = connect(servers(max_upload_bytes=1000))
    session = client.session()
    with pytest.raises(FileTooLarge, match="compress or trim"):
        session.upload(_png(tmp_path / "big.png", (800, 800)))


def test_undo_history_and_restore_go_through_the_backends_versions(
    servers: Servers, connect: Any
) -> None:
    client, _ = connect(servers())
    session = client.session()
    session.chat(GENERATE)
    session.chat("make it vertical")
    assert session.state().draft["m"]["aspect"] == "9:16"
    session.chat("undo")
    assert session.state().draft["m"]["aspect"] == "16:9"
    table = session.history()
    assert list(table.index) == [1, 2, 3]
    assert list(table["aspect"]) == ["16:9", "9:16", "16:9"]
    assert table.loc[3, "restores"] == 1 and table.loc[3, "message"] == "undo"
    state = session.restore(2)
    assert state.draft["m"]["aspect"] == "9:16"
    assert list(session.history().index) == [1, 2, 3, 4]
    session.chat("undo")
    assert session.state().draft["m"]["aspect"] == "16:9"
    with pytest.raises(BadRequest, match="no version 9"):
        session.restore(9)
