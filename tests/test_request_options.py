"""Request options travel as fields of the turn and the export, applied only when given; the reply
language follows the user's own words, quotes left out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import httpx
import pytest

from nemo_notebook import draft as dm
from nemo_notebook.backend.server import ServerHandle, start_server
from nemo_notebook.backend.settings import Settings
from nemo_notebook.cli import main
from nemo_notebook.errors import InputError
from nemo_notebook.language import detect_language
from nemo_notebook.options import TurnOptions
from nemo_notebook.sync import Client

pytestmark = pytest.mark.timeout(240)


class Recorder(httpx.AsyncHTTPTransport):
    """The real transport, keeping each /run_sse body; ``cloud`` hides /api/meta as the cloud has none."""

    def __init__(self, cloud: bool = False) -> None:
        super().__init__()
        self.cloud = cloud
        self.chats: list[dict[str, Any]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/run_sse":
            self.chats.append(json.loads(request.content))
        if self.cloud and request.url.path == "/api/meta":
            return httpx.Response(404, json={"detail": "Not Found"})
        return await super().handle_async_request(request)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    handle = start_server(Settings.default(tmp_path_factory.mktemp("options")))
    yield handle
    handle.stop()


@pytest.fixture
def connect(server: ServerHandle, tmp_path: Path) -> Iterator[Any]:
    clients: list[Client] = []

    def make(cloud: bool = False) -> tuple[Client, Recorder]:
        recorder = Recorder(cloud)
        env = {"NEMO_CONFIG_DIR": str(tmp_path / "cfg")}
        client = Client(base_url=server.url, environ=env, transport=recorder, platform="terminal")
        clients.append(client)
        return client, recorder

    yield make
    for client in clients:
        client.close()


def words_of(draft: dict[str, Any]) -> list[str]:
    """Every label and text a user can see in the draft (the MP4's titles among them)."""
    return [
        value
        for _track, seg in dm.DraftView(draft).segments()
        for value in (seg.name, seg.text, seg.label)
    ] + [dm.DraftView(draft).meta.title]


def test_aspect_option_is_a_field_never_words_in_the_video(connect: Any) -> None:
    client, recorder = connect()
    session = client.session()
    reply = session.chat("Waves on a beach", aspect="9:16", duration=4)
    body = recorder.chats[-1]
    assert body["new_message"]["parts"][0]["text"] == "Waves on a beach"
    assert body["nemo_options"] == {"aspect": "9:16", "duration_s": 4}
    draft = reply.state.draft
    assert dm.DraftView(draft).meta.aspect == "9:16" and dm.DraftView(draft).canvas == (1080, 1920)
    assert dm.DraftView(draft).duration_ms == 4000
    titled = session.chat("add a title").state.draft
    seen = words_of(titled)
    assert not any("aspect" in w or "9:16" in w for w in seen), seen
    assert "nemo_options" not in recorder.chats[-1]  # not given this turn: absent


def test_options_not_given_leave_the_draft_to_decide(connect: Any) -> None:
    client, recorder = connect()
    session = client.session()
    session.chat("a 3 second video of a forest at dawn, vertical")
    assert "nemo_options" not in recorder.chats[-1]
    assert dm.DraftView(session.state().draft).meta.aspect == "9:16"


def test_against_the_cloud_options_go_into_the_message_in_one_form(connect: Any) -> None:
    client, recorder = connect(cloud=True)
    session = client.session()
    session.chat("a 3 second video of a city", aspect="1:1", resolution="720p")
    body = recorder.chats[-1]
    assert "nemo_options" not in body
    assert (
        body["new_message"]["parts"][0]["text"]
        == "a 3 second video of a city\n\n[aspect 1:1; 720p]"
    )
    session.chat("add music")
    assert recorder.chats[-1]["new_message"]["parts"][0]["text"] == "add music"


def test_bad_options_are_refused_before_anything_is_sent(connect: Any) -> None:
    client, recorder = connect()
    session = client.session()
    for kwargs in (
        {"aspect": "3:2"},
        {"resolution": "4k"},
        {"duration": -1},
        {"duration": float("inf")},
    ):
        with pytest.raises(InputError):
            session.chat("a video of the sea", **kwargs)
    assert recorder.chats == []
    with pytest.raises(InputError, match="unknown option"):
        from nemo_notebook.options import read_options

        read_options({"aspect": "9:16", "colour": "red"})
    assert TurnOptions().given() == {} and not TurnOptions()


@pytest.mark.parametrize(
    "message",
    [
        "Make a 3 second video of the sea with the title '新年快乐'",
        "make a 3 second video of a city at night titled 「夜の東京」",
        "a 3 second video of mountains with the caption “你好世界”",
    ],
)
def test_quoted_titles_do_not_choose_the_reply_language(connect: Any, message: str) -> None:
    assert detect_language(message) == "en"
    client, _ = connect()
    session = client.session()
    reply = session.chat(message)
    assert session.asession.language == "en"
    assert dm.DraftView(reply.state.draft).meta.lang == "en"
    assert reply.text.isascii() or not any(
        "\u3040" <= ch <= "\u9fff" for ch in reply.text.split("'")[0]
    )


def test_language_option_overrides_detection(connect: Any) -> None:
    client, _ = connect()
    session = client.session()
    reply = session.chat("a 3 second video of a forest", language="ja")
    assert session.asession.language == "ja"
    assert dm.DraftView(reply.state.draft).meta.lang == "ja"


@pytest.mark.slow
def test_export_without_resolution_renders_the_drafts_own(connect: Any, tmp_path: Path) -> None:
    client, _ = connect()
    session = client.session()
    session.chat("a 2 second video of the sea at sunset")
    session.chat("make it 720p")
    assert dm.DraftView(session.state().draft).meta.resolution == "720p"
    video = session.export(tmp_path / "own.mp4")
    with av.open(str(video.path)) as container:
        ctx = container.streams.video[0].codec_context
        assert (ctx.width, ctx.height) == (1280, 720)
    bigger = session.export(tmp_path / "asked.mp4", resolution="1080p")
    with av.open(str(bigger.path)) as container:
        ctx = container.streams.video[0].codec_context
        assert (ctx.width, ctx.height) == (1920, 1080)


@pytest.mark.slow
def test_cli_aspect_travels_as_a_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "Waves on a beach", "--aspect", "9:16", "--duration", "3"]) == 0
    capsys.readouterr()
    assert main(["state"]) == 0
    shown = capsys.readouterr().out
    assert "aspect" not in shown and "9:16" not in shown.split(":", 1)[1]
