"""Configuration, the client id and token files, and keeping the token secret."""

from __future__ import annotations

import asyncio
import logging
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from nemo_notebook import auth
from nemo_notebook.client import AsyncClient
from nemo_notebook.config import ClientConfig
from nemo_notebook.errors import ConfigError, NemoError

SECRET = "nmv_usr_TOPSECRET0123456789"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("bad", ["localhost:8000", "ftp://host", "http://", "nemovideo.ai"])
def test_bad_base_url_is_a_config_error_naming_the_value(bad: str) -> None:
    with pytest.raises(ConfigError, match="NEMO_BASE_URL") as caught:
        ClientConfig.from_env({"NEMO_BASE_URL": bad})
    assert repr(bad) in str(caught.value)


def test_config_reads_environment_and_picks_embedded_only_without_url_and_token(
    tmp_path: Path,
) -> None:
    env = {"NEMO_CONFIG_DIR": str(tmp_path), "NEMO_CLIENT_ID": "cid-1"}
    config = ClientConfig.from_env(env)
    assert config.embedded and config.client_id == "cid-1" and config.config_dir == tmp_path
    assert config.timeouts.stream_read >= 15 * 60
    remote = ClientConfig.from_env({**env, "NEMO_BASE_URL": "https://api.example.com/"})
    assert remote.base_url == "https://api.example.com" and not remote.embedded
    assert not ClientConfig.from_env({**env, "NEMO_TOKEN": SECRET}).embedded
    assert SECRET not in repr(ClientConfig.from_env({**env, "NEMO_TOKEN": SECRET}))


def test_client_id_is_a_uuid_persisted_in_a_private_file(tmp_path: Path) -> None:
    first = auth.load_client_id(tmp_path)
    assert len(first) == 36 and first.count("-") == 4
    assert auth.load_client_id(tmp_path) == first
    assert mode(tmp_path / auth.CLIENT_ID_FILE) == 0o600
    assert auth.load_client_id(tmp_path, "override") == "override"


def test_token_cache_is_private_keyed_by_identity_and_knows_expiry(tmp_path: Path) -> None:
    cache = auth.TokenCache(tmp_path)
    soon = datetime.now(UTC) + timedelta(minutes=1)
    later = datetime.now(UTC) + timedelta(days=7)
    cache.put("backend-a", auth.CachedToken(SECRET, "anon_a", later))
    cache.put("backend-b", auth.CachedToken("other", "anon_b", soon))
    assert mode(tmp_path / auth.TOKEN_FILE) == 0o600
    a = cache.get("backend-a")
    b = cache.get("backend-b")
    assert a is not None and a.token == SECRET and a.user_id == "anon_a" and not a.expired()
    assert b is not None and b.expired()
    assert cache.get("backend-c") is None
    assert SECRET not in repr(a)
    cache.drop("backend-a")
    assert cache.get("backend-a") is None


def test_expired_cached_token_is_replaced_by_a_fresh_one(tmp_path: Path) -> None:
    issued: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/meta":
            return httpx.Response(200, json={"code": 0, "data": {"identity": "idt"}})
        if request.url.path == "/api/auth/anonymous-token":
            issued.append(request.headers["X-Client-Id"])
            data = {"token": "fresh", "user_id": "anon_2", "expires_at": "2999-01-01T00:00:00Z"}
            return httpx.Response(200, json={"code": 0, "data": data})
        assert request.headers["Authorization"] == "Bearer fresh"
        return httpx.Response(200, json={"code": 0, "data": {"available": 1, "frozen": 0}})

    past = datetime.now(UTC) - timedelta(hours=1)
    auth.TokenCache(tmp_path).put("idt", auth.CachedToken("stale", "anon_1", past))
    env = {"NEMO_CONFIG_DIR": str(tmp_path), "NEMO_BASE_URL": "http://fake.test"}
    client = AsyncClient(environ=env, transport=httpx.MockTransport(handler))
    assert asyncio.run(client.credits()).available == 1
    assert len(issued) == 1
    cached = auth.TokenCache(tmp_path).get("idt")
    assert cached is not None and cached.token == "fresh"


def test_token_never_appears_in_reprs_errors_urls_or_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    urls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        if request.url.path == "/api/meta":
            return httpx.Response(404)
        if request.url.path == "/api/auth/anonymous-token":
            data = {"token": SECRET, "user_id": "anon_9", "expires_at": "2999-01-01T00:00:00Z"}
            return httpx.Response(200, json={"code": 0, "data": data})
        if request.url.path.startswith("/api/tasks/"):
            return httpx.Response(200, json={"code": 0, "data": {"session_id": "55"}})
        return httpx.Response(403, json={"code": 2001, "message": "no credits"})

    env = {"NEMO_CONFIG_DIR": str(tmp_path), "NEMO_BASE_URL": "http://fake.test"}
    client = AsyncClient(environ=env, transport=httpx.MockTransport(handler))
    seen: list[Any] = [client, client.config]
    caplog.set_level(logging.DEBUG)

    async def go() -> None:
        session = await client.session()
        seen.append(session)
        try:
            await session.state()
        except NemoError as error:
            seen.append(error)
        await client.close()

    asyncio.run(go())
    assert isinstance(seen[-1], NemoError) and "register" in str(seen[-1])
    texts = [repr(x) for x in seen] + [str(x) for x in seen] + urls + [caplog.text]
    assert all(SECRET not in text for text in texts)
    assert all(SECRET not in str(value) for value in vars(seen[-1]).values())
