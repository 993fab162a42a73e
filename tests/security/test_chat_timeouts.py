"""A chat that gets no reply is never reported as unreachable, and never re-sent."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import httpx
import pytest
from attack_kit import FakeBackend, fake_client

from nemo_notebook.cli import main
from nemo_notebook.config import CHAT_READ_TIMEOUT_S, Timeouts
from nemo_notebook.errors import BackendUnavailable, NemoError, NoReply, StreamTimeout

BEFORE_HEADERS = {
    "read timeout": (httpx.ReadTimeout, "No reply after 15 minutes"),
    "connection closed": (httpx.RemoteProtocolError, "closed before any reply"),
    "connection reset": (httpx.ReadError, "closed before any reply"),
    "write timeout": (httpx.WriteTimeout, "No reply after 15 minutes"),
}


def _chat(
    tmp_path: Path, fault: type[Exception], **timeouts: float
) -> tuple[NemoError, FakeBackend]:
    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/run_sse":
            raise fault("no reply", request=request)  # type: ignore[call-arg]
        return None

    backend = FakeBackend(handler)
    client = fake_client(backend, tmp_path, "http://backend.test")
    if timeouts:
        client.config = dataclasses.replace(client.config, timeouts=Timeouts(**timeouts))

    async def go() -> None:
        async with client:
            await (await client.session()).chat("make a sunset video")

    with pytest.raises(NemoError) as caught:
        asyncio.run(go())
    return caught.value, backend


@pytest.mark.parametrize("case", BEFORE_HEADERS)
def test_no_reply_says_the_message_may_have_arrived(tmp_path: Path, case: str) -> None:
    fault, lead = BEFORE_HEADERS[case]
    error, backend = _chat(tmp_path, fault)
    text = str(error)
    assert isinstance(error, NoReply) and not isinstance(error, BackendUnavailable)
    assert lead in text and "may have been received" in text and "before sending it again" in text
    assert "Cannot reach" not in text and "NEMO_BASE_URL" not in text
    assert backend.paths("POST").count("/run_sse") == 1


def test_the_minutes_in_the_text_are_the_timeout_in_use(tmp_path: Path) -> None:
    assert CHAT_READ_TIMEOUT_S == Timeouts().stream_read == 15 * 60
    error, _ = _chat(tmp_path, httpx.ReadTimeout, stream_read=120.0)
    assert "No reply after 2 minutes" in str(error)


@pytest.mark.parametrize("fault", [httpx.ConnectError, httpx.ConnectTimeout])
def test_a_chat_that_never_left_is_unreachable(tmp_path: Path, fault: type[Exception]) -> None:
    error, backend = _chat(tmp_path, fault)
    assert isinstance(error, BackendUnavailable) and "Cannot reach" in str(error)
    assert backend.paths("POST").count("/run_sse") == 1


@pytest.mark.parametrize("seconds", [600.0, 90.0])
def test_idle_stream_timeout_names_the_limit_in_use(seconds: float) -> None:
    assert f"No reply after {seconds / 60:g} minute" in str(StreamTimeout(waited_s=seconds))


def test_cli_prints_the_no_reply_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from nemo_notebook.client import AsyncClient

    async def hang(self: AsyncClient, *args: object, **kwargs: object) -> None:
        raise NoReply(waited_s=CHAT_READ_TIMEOUT_S, request="POST /run_sse")

    monkeypatch.setattr("nemo_notebook.session.AsyncSession._state_data", hang)
    monkeypatch.setenv("NEMO_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("NEMO_TOKEN", "nmv_usr_x")
    assert main(["run", "--session", "123", "make a video"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "may have been received" in err and "15 minutes" in err
