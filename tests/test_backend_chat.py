"""``/run_sse`` over real HTTP: ADK and simple frames, keep-alives, busy sessions, credits, dropped streams."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from nemo_notebook.backend import studio
from nemo_notebook.backend.server import ServerHandle, start_server
from nemo_notebook.backend.settings import Settings

GENERATE = "make a 10 second video of a sunset over the city"
EDIT = "add a title 'Golden Hour'"


def started(settings: Settings) -> Iterator[ServerHandle]:
    handle = start_server(settings)
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    yield from started(Settings(data_dir=tmp_path_factory.mktemp("chat"), event_pacing=0.01))


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("slow"), heartbeat_interval=0.1, reply_delay=0.8
    )
    yield from started(settings)


class User:
    """An anonymous user with one session on a server, speaking plain HTTP."""

    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=60)
        token = self.http.post(
            "/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())}
        )
        self.http.headers["Authorization"] = f"Bearer {token.json()['data']['token']}"
        reply = self.http.post(
            "/api/tasks/me/with-session/nemo_agent", json={"task_name": "project", "language": "en"}
        )
        self.sid = reply.json()["data"]["session_id"]

    def chat(self, text: str) -> tuple[httpx.Response, list[str]]:
        """The reply and every line of its stream (data frames and comments)."""
        body = {
            "app_name": "nemo_agent",
            "user_id": "me",
            "session_id": self.sid,
            "new_message": {"parts": [{"text": text}]},
        }
        with self.http.stream(
            "POST", "/run_sse", json=body, headers={"Accept": "text/event-stream"}
        ) as reply:
            if reply.status_code != 200:
                reply.read()
                return reply, []
            return reply, [line for line in reply.iter_lines() if line]

    def credits(self) -> dict[str, int]:
        return self.http.get("/api/credits/balance/simple").json()["data"]

    def draft(self) -> dict | None:
        return self.http.get(f"/api/state/nemo_agent/me/{self.sid}/latest").json()["data"]["state"][
            "draft"
        ]


def frames(lines: list[str]) -> list[dict]:
    return [json.loads(line[len("data: ") :]) for line in lines if line.startswith("data: ")]


def parts(lines: list[str]) -> list[dict]:
    return [part for frame in frames(lines) for part in frame["content"]["parts"]]


def test_generate_streams_adk_frames_saves_the_draft_and_charges(server: ServerHandle) -> None:
    user = User(server.url)
    reply, lines = user.chat(GENERATE)
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/event-stream")
    events = frames(lines)
    assert events, lines
    assert {event["invocationId"] for event in events} == {events[0]["invocationId"]}
    for event in events:
        assert event["author"] == "nemo_agent" and event["content"]["role"] == "model"
        assert isinstance(event["timestamp"], float) and len(event["content"]["parts"]) == 1
    found = parts(lines)
    calls = {p["functionCall"]["id"]: p["functionCall"] for p in found if "functionCall" in p}
    results = [p["functionResponse"] for p in found if "functionResponse" in p]
    assert calls and any("text" in p and p["text"] for p in found)
    assert all(r["id"] in calls and r["name"] == calls[r["id"]]["name"] for r in results)
    assert all(r["response"]["elapsed_ms"] > 0 for r in results), "tools report their work time"
    draft = user.draft()
    assert draft is not None and any(track["sg"] for track in draft["t"])
    assert user.credits() == {"available": 990, "frozen": 0, "total": 990}


def test_edit_changes_the_draft_and_costs_less(server: ServerHandle) -> None:
    user = User(server.url)
    user.chat(GENERATE)
    before = user.draft()
    reply, lines = user.chat(EDIT)
    assert reply.status_code == 200 and frames(lines)
    after = user.draft()
    assert after != before
    assert "Golden Hour" in json.dumps(after)
    assert user.credits()["available"] == 1000 - 10 - 2


def test_slow_turn_sends_keep_alives_reserves_credits_and_refuses_a_second_chat(
    slow_server: ServerHandle,
) -> None:
    user = User(slow_server.url)
    seen: dict[str, object] = {}

    def meanwhile() -> None:
        time.sleep(0.3)
        seen["credits"] = user.credits()
        seen["second"] = user.chat(EDIT)[0]

    side = threading.Thread(target=meanwhile)
    side.start()
    reply, lines = user.chat(GENERATE)
    side.join()
    assert reply.status_code == 200
    first_data = next(i for i, line in enumerate(lines) if line.startswith("data: "))
    assert lines[:first_data].count(": ping") >= 4
    assert seen["credits"] == {"available": 990, "frozen": 10, "total": 1000}
    second = seen["second"]
    assert isinstance(second, httpx.Response)
    assert second.status_code == 409 and second.json()["code"] == 1003
    assert user.credits() == {"available": 990, "frozen": 0, "total": 990}
    assert user.chat(EDIT)[0].status_code == 200


def test_agent_failure_ends_the_stream_with_an_error_frame_and_releases_credits(
    server: ServerHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the planner is out of order")

    monkeypatch.setattr(studio, "plan_turn", broken)
    user = User(server.url)
    reply, lines = user.chat(GENERATE)
    assert reply.status_code == 200
    assert frames(lines) == [{"error": "the agent failed: the planner is out of order"}]
    assert user.credits() == {"available": 1000, "frozen": 0, "total": 1000}
    assert user.draft() is None


def test_simple_dialect_and_silent_edits(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path, event_dialect="simple", silent_edit_ratio=1.0, event_pacing=0.0
    )
    for handle in started(settings):
        user = User(handle.url)
        _, lines = user.chat(GENERATE)
        kinds = [frame["type"] for frame in frames(lines)]
        assert (
            "text" in kinds
            and "tool_call" in kinds
            and set(kinds) <= {"text", "tool_call", "tool_result"}
        )
        before = user.draft()
        _, lines = user.chat(EDIT)
        kinds = [frame["type"] for frame in frames(lines)]
        assert kinds and "text" not in kinds
        assert user.draft() != before


def test_dropped_stream_still_finishes_the_work(tmp_path: Path) -> None:
    for handle in started(Settings(data_dir=tmp_path, drop_stream_after=1)):
        user = User(handle.url)
        _, lines = user.chat(GENERATE)
        assert len(frames(lines)) == 1
        assert user.draft() is not None
        assert user.credits()["available"] == 990


def test_cloud_like_credits_run_out_with_2001(tmp_path: Path) -> None:
    for handle in started(Settings.cloud_like(tmp_path)):
        user = User(handle.url)
        assert user.credits()["available"] == 100
        assert user.chat(GENERATE)[0].status_code == 200
        assert user.credits() == {"available": 0, "frozen": 0, "total": 0}
        reply, _ = user.chat(EDIT)
        assert reply.status_code == 403
        assert reply.json()["code"] == 2001
