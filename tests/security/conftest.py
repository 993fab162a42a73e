"""Fixtures of the attack tests: the stock backend on loopback and an authed HTTP client."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing

import httpx
import pytest
from backend_http import authed_client, new_session

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
    with closing(authed_client(server.url)) as http:
        yield http, new_session(http)
