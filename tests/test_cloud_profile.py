"""The whole public API against the local backend's ``cloud`` profile: real HTTP to a real server that
behaves as the vendor documents the NemoVideo cloud (see docs/protocol-conformance.md)."""

from __future__ import annotations

import asyncio
import itertools
import json
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import imageio_ffmpeg
import pytest

from nemo_notebook.backend.chat import silent_share
from nemo_notebook.backend.server import ServerHandle, start_server
from nemo_notebook.backend.settings import Settings
from nemo_notebook.errors import (
    AuthError,
    ExportBlocked,
    FileTooLarge,
    NoCredits,
    RenderFailed,
    RenderNotFound,
    UnsupportedFile,
    error_from_response,
)
from nemo_notebook.events import Changes, Done, Heartbeat, Text, ToolCall, Unrecognised
from nemo_notebook.limits import CLOUD_UPLOAD_LIMIT_BYTES
from nemo_notebook.sync import Client

GENERATE = "make a 3 second video of a sunset over the sea"
EDIT = "add the title 'Paradise Found'"
FAST_POLLS = (0.05, 0.05, 0.05, 0.05, 0.05)


class Recorder(httpx.AsyncHTTPTransport):
    """The real network transport, noting each request (method, path, headers) and its status."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, str, httpx.Headers, int]] = []
        self.clock: Callable[[], float] = time.monotonic
        self.times: list[tuple[str, float]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.times.append((request.url.path, self.clock()))
        response = await super().handle_async_request(request)
        self.log.append((request.method, request.url.path, request.headers, response.status_code))
        return response


class Rewrite(Recorder):
    """Fault injection: the real reply, with each ADK text frame replaced by ``frame(text)``."""

    def __init__(self, frame: Callable[[str], bytes]) -> None:
        super().__init__()
        self.frame = frame

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        if request.url.path != "/run_sse" or "event-stream" not in response.headers.get(
            "content-type", ""
        ):
            return response
        body = await response.aread()
        await response.aclose()
        out = b"".join(self._block(block) + b"\n\n" for block in body.split(b"\n\n") if block)
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=out)

    def _block(self, block: bytes) -> bytes:
        if not block.startswith(b"data: {"):
            return block
        event = json.loads(block[6:])
        parts = (event.get("content") or {}).get("parts") or []
        texts = [p["text"] for p in parts if "text" in p]
        return self.frame(texts[0]).rstrip(b"\n") if texts else block


@dataclass
class FakeTime:
    """An injected clock: ``sleep`` advances it (and really waits ``scale`` of the time)."""

    scale: float = 0.01
    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(min(seconds * self.scale, 0.3))


@pytest.fixture(scope="module")
def cloud(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    settings = replace(Settings.cloud(tmp_path_factory.mktemp("cloud")), event_pacing=0.0)
    handle = start_server(settings)
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 2 s clip, the same clip named .flv (not a documented type), made with FFmpeg."""
    root = tmp_path_factory.mktemp("cloud-media")
    clip = root / "clip.mp4"
    args = ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-t", "2", "-pix_fmt", "yuv420p"]
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run([ffmpeg, "-loglevel", "error", "-y", *args, str(clip)], check=True)
    odd = root / "clip.flv"
    odd.write_bytes(clip.read_bytes())
    return {"clip": clip, "odd": odd}


Connect = Callable[..., tuple[Client, Recorder]]


@pytest.fixture
def connect(tmp_path: Path) -> Iterator[Connect]:
    clients: list[Client] = []

    def make(
        handle: ServerHandle,
        *,
        transport: Recorder | None = None,
        env: dict[str, str] | None = None,
        token: str | None = None,
        time_: FakeTime | None = None,
        name: str = "cfg",
    ) -> tuple[Client, Recorder]:
        recorder = transport or Recorder()
        environ = {"NEMO_CONFIG_DIR": str(tmp_path / name), **(env or {})}
        client = Client(
            base_url=handle.url,
            token=token,
            environ=environ,
            transport=recorder,
            platform="terminal",
            clock=time_.clock if time_ else None,
            sleep=time_.sleep if time_ else None,
        )
        client.aclient.drop_poll_intervals = FAST_POLLS
        clients.append(client)
        return client, recorder

    yield make
    for client in clients:
        client.close()


@dataclass
class Story:
    """One anonymous user's first steps on the cloud stand-in, shared by the tests that read them."""

    client: Client
    recorder: Recorder
    session: Any
    events: list[Any]
    credits_after: Any
    no_credits: NoCredits
    create_reply: dict[str, Any]
    token_user: str | None


@pytest.fixture(scope="module")
def story(cloud: ServerHandle, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Story]:
    recorder = Recorder()
    env = {"NEMO_CONFIG_DIR": str(tmp_path_factory.mktemp("story-cfg"))}
    client = Client(base_url=cloud.url, environ=env, transport=recorder, platform="terminal")
    session = client.session()
    events = list(session.stream(GENERATE))
    credits_after = client.credits()
    with pytest.raises(NoCredits) as caught:
        session.chat(EDIT)
    creates = [r for r in recorder.log if r[1].startswith("/api/tasks/")]
    with httpx.Client(base_url=cloud.url) as http:
        # What the create-session reply carried, read again through the state reply.
        token = client.aclient._token
        assert token is not None
        reply = http.get(
            f"/api/state/nemo_agent/me/{session.id}/latest",
            headers={"Authorization": f"Bearer {token.token}"},
        ).json()
    assert len(creates) == 1
    yield Story(
        client,
        recorder,
        session,
        events,
        credits_after,
        caught.value,
        reply["data"],
        client.aclient.user_id,
    )
    client.close()


# -- auth, credits, headers -------------------------------------------------------------------------


def test_anonymous_user_gets_100_credits_for_7_days(cloud: ServerHandle) -> None:
    with httpx.Client(base_url=cloud.url) as http:
        reply = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": "cid-days"})
    data = reply.json()["data"]
    assert data["credits"] == 100
    expires = time.mktime(time.strptime(data["expires_at"][:19], "%Y-%m-%dT%H:%M:%S"))
    assert 6.9 <= (expires - time.mktime(time.gmtime())) / 86400 <= 7.1


def test_errors_arrive_as_http_200_with_the_code_in_the_body(cloud: ServerHandle) -> None:
    with httpx.Client(base_url=cloud.url) as http:
        reply = http.get("/api/credits/balance/simple", headers={"Authorization": "Bearer nope"})
    assert reply.status_code == 200
    assert reply.json()["code"] == 1001


def test_explicit_bad_token_keeps_the_advice_and_adds_the_server_text(
    cloud: ServerHandle, connect: Connect
) -> None:
    client, _ = connect(cloud, token="nmv_usr_wrong")
    with pytest.raises(AuthError) as caught:
        client.credits()
    message = str(caught.value)
    assert "unset NEMO_TOKEN or set a valid one" in message
    assert "the server said: invalid or expired token" in message
    assert "nmv_usr_wrong" not in message


def test_attribution_headers_are_on_every_request_and_overridable(
    cloud: ServerHandle, connect: Connect
) -> None:
    env = {"NEMO_SKILL_PLATFORM": "cursor", "NEMO_SKILL_SOURCE": "clawhub"}
    client, recorder = connect(cloud, env=env, name="attributed")
    client.credits()
    paths = [path for _, path, _, _ in recorder.log]
    assert "/api/auth/anonymous-token" in paths
    for _, _, headers, _ in recorder.log:
        assert headers["X-Skill-Platform"] == "cursor"
        assert headers["X-Skill-Source"] == "clawhub"
        assert headers["X-Skill-Version"]


def test_credits_are_spent_by_the_first_generation(story: Story) -> None:
    assert (story.credits_after.available, story.credits_after.total) == (0, 0)


# -- registration link ------------------------------------------------------------------------------


def test_out_of_credits_anonymous_user_gets_the_link_from_the_session_reply(story: Story) -> None:
    bind = story.create_reply["bind_id"]
    assert bind.startswith("bind_") and bind != story.token_user
    assert story.no_credits.bind_url == f"https://nemovideo.com/register?bind={bind}"
    assert f"register at https://nemovideo.com/register?bind={bind}" in str(story.no_credits)
    assert "the server said: not enough credits" in str(story.no_credits)


def test_out_of_credits_registered_user_is_told_to_top_up(
    cloud: ServerHandle, connect: Connect
) -> None:
    with httpx.Client(base_url=cloud.url) as http:
        got = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": "cid-registered"})
    client, _ = connect(cloud, token=got.json()["data"]["token"], name="registered")
    session = client.session()
    session.chat(GENERATE)
    with pytest.raises(NoCredits) as caught:
        session.chat(EDIT)
    assert caught.value.bind_url is None
    assert "top up credits" in str(caught.value)


# -- chat, stream, state -----------------------------------------------------------------------------


def test_generation_streams_text_tools_and_changes(story: Story) -> None:
    kinds = {type(event) for event in story.events}
    assert {Text, ToolCall, Changes, Done} <= kinds
    done = story.events[-1]
    assert isinstance(done, Done) and done.reply.text and done.reply.changes


def test_state_has_the_draft_and_generated_media(story: Story) -> None:
    state = story.session.state()
    assert state.timeline.duration == pytest.approx(3.0)
    kinds = {item["type"] for item in state.generated_media}
    assert "video" in kinds
    assert all(isinstance(item["duration"], float) for item in state.generated_media)


def test_run_sse_checks_app_name_and_user_id(story: Story, cloud: ServerHandle) -> None:
    token = story.client.aclient._token
    assert token is not None
    headers = {"Authorization": f"Bearer {token.token}"}
    message = {"parts": [{"text": "hello"}]}
    with httpx.Client(base_url=cloud.url, headers=headers) as http:
        wrong_app = http.post(
            "/run_sse",
            json={
                "app_name": "other",
                "user_id": "me",
                "session_id": story.session.id,
                "new_message": message,
            },
        )
        no_user = http.post(
            "/run_sse",
            json={"app_name": "nemo_agent", "session_id": story.session.id, "new_message": message},
        )
    assert wrong_app.json()["code"] == 400 and "app_name" in wrong_app.json()["message"]
    assert no_user.json()["code"] == 400 and "user_id" in no_user.json()["message"]


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    """The cloud profile with credits to spare and a slow agent, for edits and keep-alives."""
    settings = replace(
        Settings.cloud(tmp_path_factory.mktemp("rich")),
        credits_new_user=10_000,
        event_pacing=0.0,
        heartbeat_interval=0.05,
        reply_delay=0.4,
    )
    handle = start_server(settings)
    yield handle
    handle.stop()


def test_keepalives_come_in_all_three_documented_shapes(rich: ServerHandle) -> None:
    with httpx.Client(base_url=rich.url, timeout=30) as http:
        token = http.post("/api/auth/anonymous-token", headers={"X-Client-Id": "cid-beats"})
        headers = {"Authorization": f"Bearer {token.json()['data']['token']}"}
        sid = http.post(
            "/api/tasks/me/with-session/nemo_agent", json={"language": "en"}, headers=headers
        ).json()["data"]["session_id"]
        body = {
            "app_name": "nemo_agent",
            "user_id": "me",
            "session_id": sid,
            "new_message": {"parts": [{"text": GENERATE}]},
        }
        raw = http.post("/run_sse", json=body, headers=headers).content
    assert b'data: {"type": "heartbeat"}\n\n' in raw
    assert b"data:\n\n" in raw
    assert b": ping\n\n" in raw


def test_client_streams_through_mixed_keepalives(rich: ServerHandle, connect: Connect) -> None:
    client, _ = connect(rich, name="beats")
    events = list(client.session().stream(GENERATE))
    assert any(isinstance(event, Heartbeat) for event in events)
    done = events[-1]
    assert isinstance(done, Done) and done.reply.text and not done.reply.silent


def test_about_a_third_of_edits_are_silent_and_reported_as_changes(
    rich: ServerHandle, connect: Connect
) -> None:
    edits = [f"add the title 'Take {n}'" for n in range(400)]
    share = sum(silent_share(text) < 0.3 for text in edits) / len(edits)
    assert 0.25 <= share <= 0.4
    silent_edit = next(text for text in edits if silent_share(text) < 0.3)
    client, _ = connect(rich, name="silent")
    session = client.session()
    session.chat(GENERATE)
    reply = session.chat(silent_edit)
    assert reply.silent and reply.changes
    assert "Take" in str(reply)


# -- uploads -----------------------------------------------------------------------------------------


def test_upload_duration_is_read_in_seconds(
    story: Story, media: dict[str, Path], cloud: ServerHandle
) -> None:
    (asset,) = story.session.upload(media["clip"])
    assert asset.file_type == "video" and asset.duration_ms == pytest.approx(2000, abs=100)


def test_undocumented_upload_type_is_refused_by_the_cloud(
    story: Story, media: dict[str, Path], cloud: ServerHandle
) -> None:
    token = story.client.aclient._token
    assert token is not None
    with httpx.Client(base_url=cloud.url) as http:
        reply = http.post(
            f"/api/upload-video/nemo_agent/me/{story.session.id}",
            files=[("files", ("clip.flv", media["odd"].read_bytes(), "video/x-flv"))],
            headers={"Authorization": f"Bearer {token.token}"},
        )
    assert reply.json()["code"] == 4001
    with pytest.raises(UnsupportedFile, match="supported formats are video: mp4"):
        story.session.upload(media["odd"])


def test_too_large_states_the_limit_the_server_enforced(
    tmp_path: Path, media: dict[str, Path], connect: Connect
) -> None:
    settings = replace(Settings.cloud(tmp_path / "small"), max_upload_bytes=20_000)
    handle = start_server(settings)
    try:
        client, _ = connect(handle, name="small")
        assert client.upload_limit == 500_000_000  # a URL of unknown kind: the usual limit
        session = client.session()
        with pytest.raises(FileTooLarge) as caught:
            session.upload(media["clip"])
        assert "the limit is 0.02 MB" in str(caught.value)
        assert caught.value.limit_bytes == 20_000 and client.upload_limit == 20_000
    finally:
        handle.stop()
    assert Settings.cloud(tmp_path).max_upload_bytes == CLOUD_UPLOAD_LIMIT_BYTES == 200_000_000


# -- export ------------------------------------------------------------------------------------------


def test_export_without_attribution_headers_is_402(story: Story, cloud: ServerHandle) -> None:
    token = story.client.aclient._token
    assert token is not None
    draft = story.session.state().draft
    body = {"id": "render_bare", "sessionId": story.session.id, "draft": draft}
    with httpx.Client(base_url=cloud.url) as http:
        reply = http.post(
            "/api/render/proxy/lambda",
            json=body,
            headers={"Authorization": f"Bearer {token.token}"},
        )
    assert reply.status_code == 200
    assert reply.json()["success"] is False and reply.json()["code"] == 402
    error = error_from_response(200, reply.json(), request="POST /api/render/proxy/lambda")
    assert isinstance(error, ExportBlocked)
    assert "register or upgrade to unlock export" in str(error)
    assert "the server said: export needs the attribution headers" in str(error)


def test_unknown_render_is_its_own_error_not_a_missing_session(story: Story) -> None:
    with pytest.raises(RenderNotFound) as caught:
        story.client.run(story.client.aclient.call("GET", "/api/render/proxy/lambda/render_nope"))
    assert caught.value.code == 4004
    assert "render not found" in str(caught.value)


@pytest.mark.slow
def test_export_polls_at_the_protocol_cadence_with_progress_between_polls(
    story: Story, cloud: ServerHandle, tmp_path: Path
) -> None:
    clock = FakeTime()
    aclient = story.client.aclient
    saved = aclient.config
    aclient.config = replace(saved, clock=clock.clock, sleep=clock.sleep)
    story.recorder.clock, story.recorder.times = clock.clock, []
    seen: list[tuple[float, str]] = []
    try:
        video = story.session.export(
            tmp_path / "cloud.mp4", resolution="720p", on_progress=lambda p, s: seen.append((p, s))
        )
    finally:
        aclient.config = saved
        story.recorder.clock = time.monotonic
    assert video.height == 720 and video.duration == pytest.approx(3.0, abs=0.2)
    stamps = [t for path, t in story.recorder.times if path.startswith("/api/render/proxy/")]
    waits = [later - earlier for earlier, later in itertools.pairwise(stamps)]
    assert waits[0] == pytest.approx(2.0)
    assert waits == sorted(waits) and max(waits) <= 30.0
    if max(waits) > aclient.progress_every:
        assert any("next check in" in status for _, status in seen)
    assert seen[-1] == (100.0, "completed")


# -- frames the decoder does not know, GUI directions --------------------------------------------------


def _answer_frame(text: str) -> bytes:
    return b"data: " + json.dumps({"event": "message", "data": {"answer": text}}).encode()


def test_unknown_frame_text_reaches_the_user_and_the_turn_is_not_a_drop(
    rich: ServerHandle, connect: Connect, caplog: pytest.LogCaptureFixture
) -> None:
    client, recorder = connect(rich, transport=Rewrite(_answer_frame), name="unknown")
    session = client.session()
    with caplog.at_level("DEBUG", logger="nemo_notebook"):
        reply = session.chat(GENERATE)
    assert reply.text and not reply.silent
    assert any(isinstance(event, Unrecognised) for event in reply.events)
    assert session.notices == []  # no "the reply stream dropped" notice
    assert sum(1 for _, path, _, _ in recorder.log if "/api/state/" in path) == 2
    assert "unrecognised stream frame" in caplog.text


def _gui_frame(text: str) -> bytes:
    said = f"{text} Click the Export button to download it. Check your account for credits."
    frame = {"content": {"role": "model", "parts": [{"text": said}]}, "author": "nemo_agent"}
    return b"data: " + json.dumps(frame).encode()


def test_gui_directions_are_carried_out_or_suggested_never_dropped(
    rich: ServerHandle, connect: Connect
) -> None:
    client, recorder = connect(rich, transport=Rewrite(_gui_frame), name="gui")
    reply = client.session().chat(GENERATE)
    assert "Click" not in reply.text and "Check your account" not in reply.text
    assert set(reply.actions) == {"export", "show_credits"}
    assert "`%nemo export`" in reply.text
    credits_line = next(line for line in reply.guidance if line.startswith("Credits:"))
    assert "credits available" in credits_line
    assert any(path == "/api/credits/balance/simple" for _, path, _, _ in recorder.log)


# -- bounded render polling ------------------------------------------------------------------------------


class StuckRender(Recorder):
    """Fault injection: a render is accepted without starting, and every poll answers ``status``
    at ``progress``."""

    def __init__(self, status: str, progress: int = 40) -> None:
        super().__init__()
        self.status, self.progress = status, progress

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "POST" and path == "/api/render/proxy/lambda":
            data = {"id": json.loads(request.content)["id"], "status": "pending", "progress": 0}
            return httpx.Response(200, json={"success": True, "data": data})
        if request.method == "GET" and path.startswith("/api/render/proxy/lambda/"):
            self.times.append((path, self.clock()))
            data = {"id": path.rsplit("/", 1)[-1], "status": self.status, "progress": self.progress}
            return httpx.Response(200, json={"success": True, "data": data})
        return await super().handle_async_request(request)


@dataclass(frozen=True)
class Exportable:
    """A session whose draft can be exported, and the config dir holding its user's token."""

    session_id: str
    env: dict[str, str]


@pytest.fixture(scope="module")
def exportable(rich: ServerHandle, tmp_path_factory: pytest.TempPathFactory) -> Exportable:
    env = {"NEMO_CONFIG_DIR": str(tmp_path_factory.mktemp("exportable"))}
    with Client(base_url=rich.url, environ=env, platform="terminal") as client:
        session = client.session()
        session.chat(GENERATE)
        assert session.id is not None
        return Exportable(session.id, env)


def test_a_render_stuck_in_one_status_stops_after_the_bound(
    rich: ServerHandle, exportable: Exportable, connect: Connect, tmp_path: Path
) -> None:
    clock = FakeTime(scale=0.0)
    stuck = StuckRender("processing")
    client, _ = connect(rich, transport=stuck, time_=clock, env=exportable.env)
    session = client.session(exportable.session_id)
    with pytest.raises(RenderFailed, match=r"no progress for 15 minutes \(processing at 40%\)"):
        session.export(tmp_path / "never.mp4", resolution="720p")
    polls = [t for path, t in stuck.times if path.startswith("/api/render/")]
    assert 15 * 60 <= clock.now <= 15 * 60 + 60
    assert len(polls) < 50  # 2 s growing to 30 s, not a tight loop
    assert not (tmp_path / "never.mp4").exists()


def test_an_unknown_render_status_stops_with_a_clear_error(
    rich: ServerHandle, exportable: Exportable, connect: Connect, tmp_path: Path
) -> None:
    odd = StuckRender("teleporting")
    client, _ = connect(rich, transport=odd, time_=FakeTime(scale=0.0), env=exportable.env)
    with pytest.raises(RenderFailed, match="render status this client does not know"):
        client.session(exportable.session_id).export(tmp_path / "odd.mp4", resolution="720p")


def test_render_stall_bound_with_the_real_clock(
    rich: ServerHandle, exportable: Exportable, connect: Connect, tmp_path: Path
) -> None:
    client, _ = connect(rich, transport=StuckRender("pending", 0), env=exportable.env)
    client.aclient.render_poll_start = 0.1
    client.aclient.render_stall_limit = 0.6
    started = time.monotonic()
    with pytest.raises(RenderFailed, match=r"no progress for 0\.01 minutes"):
        client.session(exportable.session_id).export(tmp_path / "slow.mp4", resolution="720p")
    assert 0.6 <= time.monotonic() - started < 10


# -- the magics --------------------------------------------------------------------------------------


def test_magics_against_the_cloud_stand_in(
    rich: ServerHandle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ipython_shell: Any
) -> None:
    from IPython.utils.capture import capture_output

    monkeypatch.setenv("NEMO_BASE_URL", rich.url)
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "magic-cfg"))
    shell = ipython_shell
    shell.run_line_magic("load_ext", "nemo_notebook")
    try:
        magics = shell.magics_manager.registry["NemoMagics"]
        magics._client = None
        with capture_output() as config:
            shell.run_line_magic("nemo", "config")
        assert f"url         {rich.url}" in config.stdout
        shell.run_cell_magic("nemo", "r <<", GENERATE)
        result = shell.user_ns["r"]
        assert result.status == "done" and result.text
        with capture_output() as credits:
            shell.run_line_magic("nemo", "credits")
        assert "credits available" in credits.stdout
        with capture_output() as status:
            shell.run_line_magic("nemo", "status")
        assert "Timeline" in status.stdout
        magics._client.close()
        env = {"NEMO_CONFIG_DIR": str(tmp_path / "magic-cfg")}
        magics._client = Client(rich.url, environ=env, transport=Rewrite(_answer_frame))
        shell.run_cell_magic("nemo", "--new s <<", GENERATE)
        assert shell.user_ns["s"].text
        with capture_output() as debug:
            shell.run_line_magic("nemo", "debug")
        assert "stream frame(s) of an unknown shape in the last reply" in debug.stdout
        assert '"answer"' in debug.stdout
    finally:
        shell.run_line_magic("unload_ext", "nemo_notebook")
