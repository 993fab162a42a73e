"""An edited timeline rendered as it is, and kept as the session's next draft, on a real backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import av
import httpx
import pytest

from nemo_notebook.backend.db import Database
from nemo_notebook.backend.server import ServerHandle, start_server
from nemo_notebook.backend.settings import Settings
from nemo_notebook.errors import BadRequest, NotSupported
from nemo_notebook.sync import Client

GENERATE = "make a 4 second video of a sunset over the sea with calm music"


class LikeTheCloud(httpx.AsyncHTTPTransport):
    """The real transport, except that ``/api/meta`` and the draft route are unknown, as on the cloud."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/api/meta" or path.endswith("/draft"):
            return httpx.Response(404, json={"detail": "Not Found"})
        return await super().handle_async_request(request)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    handle = start_server(Settings.default(tmp_path_factory.mktemp("backend")))
    yield handle
    handle.stop()


@pytest.fixture
def client(server: ServerHandle, tmp_path: Path) -> Iterator[Client]:
    with Client(base_url=server.url, environ={"NEMO_CONFIG_DIR": str(tmp_path)}) as made:
        yield made


def test_apply_makes_an_edited_timeline_the_next_draft_in_the_history(
    client: Client, server: ServerHandle
) -> None:
    session = client.session()
    timeline = session.chat(GENERATE).state.timeline  # type: ignore[union-attr]
    edited = timeline.set_title("Blue Hour").music(volume=0.1)
    state = session.apply(edited)
    assert state.draft == edited.draft
    assert session.state().draft == edited.draft
    db = Database(server.settings.db_path)
    try:
        history = db.draft_history(str(session.id))
    finally:
        db.close()
    assert [row["message"] for row in history] == [GENERATE, "applied from a notebook"]
    assert history[0]["draft"] == timeline.draft, "the agent's version is kept to go back to"
    restored = session.restore(1).timeline
    assert restored.segments.equals(timeline.segments), "an applied timeline is undone like an edit"
    session.apply(edited)
    reply = session.chat("make the music louder")
    after = reply.state.timeline  # type: ignore[union-attr]
    assert after.title == "Blue Hour", "the next edit starts from the applied draft"
    assert after.segments.query("kind == 'audio'")["volume"].iloc[0] > 0.1


def test_apply_on_a_backend_without_the_route_says_to_export_instead(
    server: ServerHandle, tmp_path: Path
) -> None:
    env = {"NEMO_CONFIG_DIR": str(tmp_path)}
    with Client(base_url=server.url, environ=env, transport=LikeTheCloud()) as cloud:
        session = cloud.session()
        timeline = session.chat(GENERATE).state.timeline  # type: ignore[union-attr]
        with pytest.raises(NotSupported) as caught:
            session.apply(timeline.set_title("x"))
    assert "export(path, timeline=tl)" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.slow
def test_export_renders_the_timeline_given_without_touching_the_session(
    client: Client, tmp_path: Path
) -> None:
    session = client.session()
    timeline = session.chat(GENERATE).state.timeline  # type: ignore[union-attr]
    short = timeline.trim(2)
    video = session.export(tmp_path / "short.mp4", resolution="720p", timeline=short)
    with av.open(str(video.path)) as container:
        assert container.duration / 1_000_000 == pytest.approx(2.0, abs=0.2)
    assert (video.width, video.height) == (1280, 720)
    assert session.state().draft == timeline.draft


def test_apply_refuses_a_draft_the_backend_cannot_render_naming_the_field(client: Client) -> None:
    session = client.session()
    bad = {"t": [{"tt": 1, "sg": [{"st": 0, "d": 1000, "src": "gen:music/calm", "vol": "loud"}]}]}
    with pytest.raises(BadRequest, match=r"t\[0\]\.sg\[0\]\.vol: must be a number"):
        session.apply(bad)
    assert session.state().draft is None
