"""Oversized and malformed requests get a 4xx with the envelope, never a 500 or a dropped connection."""

from __future__ import annotations

import json
import socket
import threading
from urllib.parse import urlsplit

import httpx
import pytest

from nemo_notebook.backend.limits import MAX_HEAD_BYTES, MAX_JSON_DEPTH, MAX_JSON_STRING_CHARS
from nemo_notebook.backend.server import ServerHandle


def _raw(
    server: ServerHandle, head: bytes, *, body: bytes = b"", chunks: int = 1
) -> tuple[int, dict]:
    """Send ``head`` (and ``body``) on a plain socket while reading; the status and JSON body received."""
    parts = urlsplit(server.url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
    payload = head + body
    step = max(1, len(payload) // chunks)

    def send() -> None:
        try:
            for start in range(0, len(payload), step):
                sock.sendall(payload[start : start + step])
        except OSError:
            pass  # the server answered and closed before the client finished: expected

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    received = b""
    try:
        while b"\r\n\r\n" not in received or len(received) < _expected(received):
            data = sock.recv(65536)
            if not data:
                break
            received += data
    finally:
        sender.join(30)  # the server closes after answering, which ends the sending
        sock.close()
    status_line, _, rest = received.partition(b"\r\n")
    _, _, body_bytes = rest.partition(b"\r\n\r\n")
    return int(status_line.split()[1]), json.loads(body_bytes)


def _expected(received: bytes) -> int:
    head, _, _ = received.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(head) + 4 + int(line.split(b":")[1])
    return len(received) + 1


def _alive(server: ServerHandle) -> bool:
    return httpx.get(f"{server.url}/api/meta", timeout=30).status_code == 200


HEADS = {
    "one 100 KB header": b"GET /api/meta HTTP/1.1\r\nHost: x\r\nX-Big: "
    + b"a" * 100_000
    + b"\r\n\r\n",
    "3000 small headers": b"GET /api/meta HTTP/1.1\r\nHost: x\r\n"
    + b"".join(b"X-H%d: vvvvvvvvvvvvvvvvvvvv\r\n" % i for i in range(3000))
    + b"\r\n",
    "100 KB URL": b"GET /api/meta?" + b"q" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    "1 MB header in small pieces": b"GET /api/meta HTTP/1.1\r\nHost: x\r\nX-Big: "
    + b"a" * 1_000_000
    + b"\r\n\r\n",
    "20 MB header never finished": b"POST /run_sse HTTP/1.1\r\nHost: x\r\nX-Big: "
    + b"a" * 20_000_000,
    "huge header before a body": b"POST /api/tasks/me/with-session/nemo_agent HTTP/1.1\r\nHost: x\r\n"
    + b"Content-Length: 2\r\nX-Big: "
    + b"a" * 200_000
    + b"\r\n\r\n{}",
}


@pytest.mark.parametrize("case", HEADS)
def test_oversized_request_head_gets_431_with_the_envelope(server: ServerHandle, case: str) -> None:
    status, body = _raw(server, HEADS[case], chunks=200)
    assert status == 431
    assert body["code"] == 431 and f"{MAX_HEAD_BYTES // 1024} KB" in body["message"]
    assert _alive(server)


def test_head_just_under_the_limit_is_served(server: ServerHandle) -> None:
    head = b"GET /api/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Pad: "
    head += b"a" * (MAX_HEAD_BYTES - len(head) - 200) + b"\r\n\r\n"
    status, _ = _raw(server, head, chunks=50)
    assert status == 200


def _post(authed: tuple[httpx.Client, str], route: str, content: bytes) -> httpx.Response:
    http, sid = authed
    path = {
        "task": "/api/tasks/me/with-session/nemo_agent",
        "chat": "/run_sse",
        "render": "/api/render/proxy/lambda",
        "url upload": f"/api/upload-video/nemo_agent/me/{sid}",
    }[route]
    return http.post(path, content=content, headers={"content-type": "application/json"})


def _nest(depth: int) -> bytes:
    return b'{"a":' * (depth - 1) + b"{}" + b"}" * (depth - 1)


BODIES = {
    "100000 nested arrays": b'{"x":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    f"{MAX_JSON_DEPTH + 1} nested objects": _nest(MAX_JSON_DEPTH + 1),
    "lone high surrogate": b'{"task_name":"\\ud800","new_message":{"parts":[{"text":"\\ud800"}]}}',
    "lone low surrogate in a key": b'{"\\udc00":1}',
    "surrogate in a list": b'{"urls":["http://example.com/\\udfff.png"]}',
    "string over the limit": json.dumps({"task_name": "x" * (MAX_JSON_STRING_CHARS + 1)}).encode(),
    "NaN": b'{"task_name": NaN}',
    "1e999": b'{"progress": 1e999}',
    "invalid UTF-8": b'{"task_name":"\xff\xfe"}',
    "not an object": b"[1,2,3]",
    "truncated": b'{"task_name": "a',
}
ROUTES = ["task", "chat", "render", "url upload"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("case", BODIES)
def test_malformed_json_gets_400_with_the_envelope(
    server: ServerHandle, authed: tuple[httpx.Client, str], route: str, case: str
) -> None:
    reply = _post(authed, route, BODIES[case])
    assert reply.status_code == 400, reply.text
    body = reply.json()
    assert body.get("message") or body.get("error")
    assert _alive(server)


def test_json_nested_within_the_limit_is_accepted(authed: tuple[httpx.Client, str]) -> None:
    body = b'{"task_name":"deep","extra":' + _nest(MAX_JSON_DEPTH - 1) + b"}"
    assert _post(authed, "task", body).status_code == 200


@pytest.mark.parametrize("route", ROUTES)
def test_body_over_the_limit_gets_413(
    server: ServerHandle, authed: tuple[httpx.Client, str], route: str
) -> None:
    limit = server.settings.max_body_bytes
    reply = _post(authed, route, b'{"x":"' + b"a" * (limit + 10) + b'"}')
    assert reply.status_code == 413 and "limit" in reply.text


def test_chunked_body_over_the_limit_gets_413(
    server: ServerHandle, authed: tuple[httpx.Client, str]
) -> None:
    http, _ = authed
    limit = server.settings.max_body_bytes

    def pieces() -> object:
        yield b'{"x":"'
        for _ in range(limit // 65536 + 2):
            yield b"a" * 65536
        yield b'"}'

    reply = http.post(
        "/api/tasks/me/with-session/nemo_agent",
        content=pieces(),  # type: ignore[arg-type]
        headers={"content-type": "application/json"},
    )
    assert reply.status_code == 413


def test_declared_length_over_the_limit_is_refused_before_reading(
    server: ServerHandle, authed: tuple[httpx.Client, str]
) -> None:
    token = authed[0].headers["Authorization"].encode()
    head = (
        b"POST /api/tasks/me/with-session/nemo_agent HTTP/1.1\r\nHost: x\r\n"
        b"Authorization: " + token + b"\r\n"
        b"Content-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n"
    )
    status, body = _raw(server, head, body=b"{")
    assert status == 413 and "limit" in body["message"]
