"""Fixtures of the attack tests: the stock backend on loopback and an authed HTTP client."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from nemo_notebook.backend.server import ServerHandle, start_server
from nemo_notebook.backend.settings import Settings


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    """The stock backend with default settings (so URL uploads refuse private addresses)."""
    handle = start_server(Settings(data_dir=tmp_path_factory.mktemp("hostile")))
    yield handle
    handle.stop()


@pytest.fixture()
def authed(server: ServerHandle) -> Iterator[tuple[httpx.Client, str]]:
    """An HTTP client with a fresh anonymous token, and a new session id."""
    with httpx.Client(base_url=server.url, timeout=60) as http:
        token = http.post(
            "/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())}
        ).json()["data"]["token"]
        http.headers["Authorization"] = f"Bearer {token}"
        sid = http.post(
            "/api/tasks/me/with-session/nemo_agent", json={"task_name": "project"}
        ).json()["data"]["session_id"]
        yield http, sid
