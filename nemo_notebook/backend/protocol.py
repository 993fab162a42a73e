"""uvicorn's httptools protocol with a cap on the request head (request line and headers).

httptools sets no limit of its own, so a client could stream headers until the server ran out of
memory. Bytes are counted before they reach the parser; past ``MAX_HEAD_BYTES`` the client gets a 431
with the usual envelope and the connection is closed.
"""

from __future__ import annotations

import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .limits import LINGER_BYTES, LINGER_S, MAX_HEAD_BYTES


def _head_refusal() -> bytes:
    body = json.dumps(
        {
            "code": 431,
            "message": f"request headers too large: the limit is {MAX_HEAD_BYTES // 1024} KB",
            "data": None,
        }
    ).encode()
    head = (
        "HTTP/1.1 431 Request Header Fields Too Large\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


HEAD_REFUSAL = _head_refusal()


class BoundedHttpTools(HttpToolsProtocol):
    """Counts the bytes of each request head; a head over the limit is answered 431 and dropped.

    After the answer the connection lingers a moment, reading and discarding what the client is still
    sending, so the client reads the 431 instead of a reset.
    """

    _in_head = True
    _head_bytes = 0
    _refused = False
    _discarded = 0
    _heads_done = 0

    def data_received(self, data: bytes) -> None:
        if self._refused:
            self._discarded += len(data)
            if self._discarded > LINGER_BYTES:
                self.transport.close()
            return
        if not self._in_head:
            super().data_received(data)
            return
        room = MAX_HEAD_BYTES - self._head_bytes
        head, rest = data[:room], data[room:]
        self._head_bytes += len(head)
        heads = self._heads_done
        super().data_received(head)
        if not rest or self.transport.is_closing():
            return
        if self._heads_done == heads:
            self._refuse()  # the limit is reached and the head is still not complete
            return
        self.data_received(rest)

    def _refuse(self) -> None:
        self._refused = True
        self.transport.write(HEAD_REFUSAL)
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_S, self.transport.close)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._heads_done += 1
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head, self._head_bytes = True, 0
