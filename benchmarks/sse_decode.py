"""Frames per second of nemo-notebook's SSE decoder against httpx-sse on a realistic ADK stream.

Builds 200k ADK frames (text, tool calls, tool results, keep-alives) cut into 4 KiB chunks, then decodes
them with ``nemo_notebook.sse.SSEDecoder`` and with httpx-sse, both through its public ``EventSource``
over an ``httpx.Response`` and through its line and event decoders directly.

    python benchmarks/sse_decode.py [--frames N] [--long-mb MB]

It then times one frame of ``--long-mb`` MB against that many 1 MB frames (the decoder must stay linear:
ratio ≤ 2) and shows a frame past ``MAX_FRAME_CHARS`` refused with ``FrameTooLarge``.
"""

from __future__ import annotations

import argparse
import codecs
import json
import time
from collections.abc import Callable, Iterator

import httpx
from httpx_sse import EventSource
from httpx_sse._decoders import SSEDecoder as HttpxSSEDecoder
from httpx_sse._decoders import SSELineDecoder

from nemo_notebook.errors import FrameTooLarge
from nemo_notebook.sse import MAX_FRAME_CHARS, SSEDecoder, parse_frame

CHUNK = 4096


def build_stream(frames: int) -> bytes:
    """A stream that mixes the frame kinds a real reply has, with CRLF and comments sprinkled in."""
    kinds = [
        {"text": "Adding a calm piano track under the sunset scene — 日落 🎬."},
        {
            "functionCall": {
                "id": "c1",
                "name": "generate_music",
                "args": {"mood": "calm", "bpm": 72},
            }
        },
        {"functionResponse": {"id": "c1", "name": "generate_music", "response": {"ok": True}}},
    ]
    out: list[str] = []
    for i in range(frames):
        if i % 10 == 9:
            out.append(": ping\n\n" if i % 20 == 9 else 'data: {"type":"heartbeat"}\r\n\r\n')
            continue
        event = {
            "id": f"evt-{i}",
            "invocationId": "e-42",
            "author": "nemo_agent",
            "timestamp": 1763760000.1 + i,
            "content": {"role": "model", "parts": [kinds[i % 3]]},
        }
        out.append(f"data: {json.dumps(event, ensure_ascii=False)}\n\n")
    return "".join(out).encode()


def chunks(raw: bytes) -> list[bytes]:
    return [raw[i : i + CHUNK] for i in range(0, len(raw), CHUNK)]


def ours(parts: list[bytes]) -> int:
    decoder = SSEDecoder()
    count = 0
    for part in parts:
        count += len(decoder.feed(part))
    return count + len(decoder.flush()) + decoder.keepalives


def ours_typed(parts: list[bytes]) -> int:
    decoder = SSEDecoder()
    count = 0
    for part in parts:
        for sse in decoder.feed(part):
            count += len(parse_frame(sse.data)) > 0
    return count + decoder.keepalives


def httpx_sse_decoders(parts: list[bytes]) -> int:
    text = codecs.getincrementaldecoder("utf-8")()
    lines, events = SSELineDecoder(), HttpxSSEDecoder()
    count = 0
    for part in parts:
        for line in lines.decode(text.decode(part)):
            count += events.decode(line) is not None
    return count + sum(events.decode(line) is not None for line in [*lines.flush(), ""])


def httpx_sse_public(parts: list[bytes]) -> int:
    def body() -> Iterator[bytes]:
        yield from parts

    response = httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body())
    return sum(1 for _ in EventSource(response).iter_sse())


def rate(fn: Callable[[list[bytes]], int], parts: list[bytes], frames: int) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn(parts)
        best = min(best, time.perf_counter() - start)
    return frames / best


def decode_seconds(raw: bytes) -> float:
    """Best of three: seconds to decode ``raw`` fed in ``CHUNK``-byte pieces."""
    parts = chunks(raw)
    return min(_timed(ours, parts) for _ in range(3))


def _timed(fn: Callable[[list[bytes]], int], parts: list[bytes]) -> float:
    start = time.perf_counter()
    fn(parts)
    return time.perf_counter() - start


def long_frame(megabytes: int) -> None:
    """One huge frame against as many 1 MB frames, then a frame past the cap."""
    mb = 1_000_000
    one = b"data: " + b"x" * (megabytes * mb) + b"\n\n"
    many = b"".join(b"data: " + b"x" * mb + b"\n\n" for _ in range(megabytes))
    single, split = decode_seconds(one), decode_seconds(many)
    print(f"one {megabytes} MB frame: {single:.2f} s; {megabytes} frames of 1 MB: {split:.2f} s")
    print(f"ratio one long frame / many 1 MB frames: {single / split:.2f} (linear: <= 2)")
    over = b"data: " + b"x" * (MAX_FRAME_CHARS + CHUNK)
    start = time.perf_counter()
    try:
        ours(chunks(over))
    except FrameTooLarge as error:
        print(
            f"frame of {len(over) / mb:.0f} MB refused after {time.perf_counter() - start:.2f} s: {error}"
        )
    else:
        print("frame past the cap was NOT refused")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=200_000)
    parser.add_argument("--long-mb", type=int, default=40)
    args = parser.parse_args()
    frames = args.frames
    raw = build_stream(frames)
    parts = chunks(raw)
    print(f"{frames} frames, {len(raw) / 1e6:.1f} MB in {len(parts)} chunks of {CHUNK} bytes")
    results = {
        "nemo_notebook SSEDecoder": rate(ours, parts, frames),
        "nemo_notebook SSEDecoder + parse_frame": rate(ours_typed, parts, frames),
        "httpx-sse line+event decoders": rate(httpx_sse_decoders, parts, frames),
        "httpx-sse EventSource (public)": rate(httpx_sse_public, parts, frames),
    }
    for name, value in results.items():
        print(f"{name:40s} {value:12,.0f} frames/s")
    base = results["nemo_notebook SSEDecoder"]
    print(f"ratio ours / httpx-sse decoders: {base / results['httpx-sse line+event decoders']:.2f}")
    print(
        f"ratio ours / httpx-sse EventSource: {base / results['httpx-sse EventSource (public)']:.2f}"
    )
    long_frame(args.long_mb)


if __name__ == "__main__":
    main()
