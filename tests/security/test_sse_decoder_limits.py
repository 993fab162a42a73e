"""The event-stream decoder: linear time on one huge frame, a size cap, and frames split anywhere."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest
from attack_kit import FakeBackend, fake_client

from nemo_notebook import sse
from nemo_notebook.errors import FrameTooLarge, NemoError
from nemo_notebook.sse import SSEDecoder

CHUNK = 4096


def _decode(raw: bytes, chunk: int = CHUNK, **kw: int) -> list[sse.ServerSentEvent]:
    decoder = SSEDecoder(**kw)
    out = []
    for start in range(0, len(raw), chunk):
        out.extend(decoder.feed(raw[start : start + chunk]))
    return out + decoder.flush()


def _seconds(raw: bytes) -> float:
    began = time.perf_counter()
    _decode(raw)
    return time.perf_counter() - began


def test_one_long_frame_decodes_in_linear_time() -> None:
    size = 8_000_000
    one = b"data: " + b"x" * size + b"\n\n"
    many = b"".join(b"data: " + b"x" * (size // 8) + b"\n\n" for _ in range(8))
    baseline = min(_seconds(many) for _ in range(2))
    long = min(_seconds(one) for _ in range(2))
    assert long <= 3 * baseline + 0.05, (long, baseline)
    assert len(_decode(one)[0].data) == size


def test_frame_past_the_cap_is_refused_with_a_clear_error() -> None:
    raw = b"data: " + b"x" * 10_000 + b"\n\n"
    with pytest.raises(FrameTooLarge) as caught:
        _decode(raw, max_frame_chars=5_000)
    assert isinstance(caught.value, NemoError)
    assert "million characters" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("where", ["one chunk", "many chunks", "at flush"])
def test_cap_holds_however_the_frame_arrives(where: str) -> None:
    raw = b"data: " + b"y" * 6_000
    raw += b"" if where == "at flush" else b"\n\n"
    with pytest.raises(FrameTooLarge):
        _decode(raw, chunk=len(raw) if where == "one chunk" else 100, max_frame_chars=5_000)


def test_frame_at_the_cap_is_accepted() -> None:
    raw = b"data: " + b"z" * 4_000 + b"\n\n"
    assert _decode(raw, max_frame_chars=4_006)[0].data == "z" * 4_000


STREAM = (
    b"\xef\xbb\xbfdata: one\r\n\r\n: ping\n\nevent: e\ndata: two\ndata: \xe6\x97\xa5\r\rid: 7\n"
    b"data: three\n\ndata:\n\ndata: four"
)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 13, 64, 4096])
def test_frames_split_at_any_byte_decode_the_same(chunk: int) -> None:
    events = [(e.event, e.data, e.id) for e in _decode(STREAM, chunk=chunk)]
    assert events == [
        ("message", "one", ""),
        ("e", "two\n日", ""),
        ("message", "three", "7"),
        ("message", "", "7"),
        ("message", "four", "7"),
    ]


def test_a_backend_sending_an_endless_frame_stops_the_chat_with_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sse, "MAX_FRAME_CHARS", 50_000)

    def handler(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/run_sse":
            body = b"data: " + b"a" * 200_000
            return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})
        return None

    client = fake_client(FakeBackend(handler), tmp_path, "http://backend.test")

    async def go() -> None:
        async with client:
            await (await client.session()).chat("hello")

    with pytest.raises(FrameTooLarge):
        asyncio.run(go())
