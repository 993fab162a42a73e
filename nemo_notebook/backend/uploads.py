"""Uploads: multipart bodies and URLs streamed to disk under a size limit, probed, then kept.

Files are written to the data dir's ``tmp`` while they arrive, never held in memory; only a file
that probes as supported media is moved to ``uploads`` under a name the server makes up. Anything
rejected is removed before the error is returned.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import anyio.to_thread
from python_multipart.multipart import MultipartParser, parse_options_header

from ..limits import file_kind, ms_to_seconds
from .db import Database
from .errors import ApiError, bad_request, too_large, unsupported_file
from .settings import Settings
from .urlfetch import fetch_url, url_refused

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

FIELD = "files"
MAX_FIELD_BYTES = 64 * 1024


@dataclass
class Incoming:
    """One file being received: its temp path, original name, running size and hash."""

    path: Path
    filename: str
    size: int = 0
    sha256: Any = field(default_factory=hashlib.sha256)
    handle: IO[bytes] | None = None
    from_url: bool = False

    def write(self, data: bytes) -> None:
        assert self.handle is not None
        self.handle.write(data)
        self.sha256.update(data)
        self.size += len(data)

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


def safe_filename(raw: str | None, default: str = "upload") -> str:
    """The last path component of a client-given name, without control characters, at most 200 chars."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    return name[:200] or default


def _new_temp(settings: Settings, filename: str) -> Incoming:
    settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    path = settings.tmp_dir / f"up_{secrets.token_urlsafe(12)}.part"
    incoming = Incoming(path=path, filename=filename)
    incoming.handle = path.open("xb")
    return incoming


class _MultipartSink:
    """Callbacks for python-multipart: each ``files`` part goes to its own temp file, within the limit."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.files: list[Incoming] = []
        self.current: Incoming | None = None
        self.field_bytes = 0
        self.overflow = False
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
        }

    def on_part_begin(self) -> None:
        self._headers = {}
        self.current = None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_field.strip().lower()] = self._header_value.strip()
        self._header_field = self._header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if name == FIELD and b"filename" in options:
            raw = options[b"filename"].decode("utf-8", "replace")
            self.current = _new_temp(self.settings, safe_filename(raw))
            self.files.append(self.current)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.overflow:
            return
        if self.current is None:
            self.field_bytes += end - start
            if self.field_bytes > MAX_FIELD_BYTES:
                raise bad_request("form fields other than 'files' are too large")
            return
        if self.current.size + (end - start) > self.settings.max_upload_bytes:
            self.overflow = True
            return
        self.current.write(data[start:end])

    def on_part_end(self) -> None:
        if self.current is not None:
            self.current.close()
        self.current = None

    def discard(self) -> None:
        for incoming in self.files:
            incoming.discard()


async def receive_multipart(
    content_type: str, stream: AsyncIterator[bytes], settings: Settings
) -> list[Incoming]:
    """Stream a multipart body to temp files; 4002 as soon as one file passes the limit."""
    mime, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if mime != b"multipart/form-data" or not boundary:
        raise bad_request("send the files as multipart/form-data in the field 'files'")
    sink = _MultipartSink(settings)
    parser = MultipartParser(boundary, sink.callbacks())
    drained = 0
    try:
        async for chunk in stream:
            if sink.overflow:
                # Read (and drop) a bounded remainder so the client sees the 413 instead of a reset.
                drained += len(chunk)
                if drained > settings.max_upload_bytes:
                    break
                continue
            parser.write(chunk)
        if sink.overflow:
            raise too_large(settings.max_upload_bytes)
        parser.finalize()
    except BaseException as exc:
        sink.discard()
        if isinstance(exc, ApiError) or not isinstance(exc, Exception):
            raise
        raise bad_request(f"the multipart body could not be read ({exc})") from exc
    if not sink.files:
        raise bad_request("no files: send them in the multipart field 'files'")
    return sink.files


async def download_url(url: str, settings: Settings) -> Incoming:
    """Fetch a public http(s) URL (see ``urlfetch``) to a temp file under the upload size limit."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise url_refused()
    incoming = _new_temp(settings, safe_filename(unquote(parts.path), default="download"))
    incoming.from_url = True

    def write(chunk: bytes) -> None:
        if incoming.size + len(chunk) > settings.max_upload_bytes:
            raise too_large(settings.max_upload_bytes)
        incoming.write(chunk)

    try:
        await fetch_url(url, settings.allow_private_urls, write)
    except BaseException:
        incoming.discard()
        raise
    incoming.close()
    return incoming


async def receive_urls(urls: Any, settings: Settings) -> list[Incoming]:
    """Download every URL of a ``{"urls": [...]}`` upload; all of them or none."""
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
        raise bad_request('send {"urls": ["https://…"], "source_type": "url"}')
    incoming: list[Incoming] = []
    try:
        for url in urls:
            incoming.append(await download_url(url, settings))
    except BaseException:
        for item in incoming:
            item.discard()
        raise
    return incoming


async def store(
    incoming: list[Incoming],
    db: Database,
    settings: Settings,
    user_id: str,
    session_id: str,
    base_url: str,
) -> list[dict[str, Any]]:
    """Probe every received file, then keep all of them or none; the reply's ``files`` list."""
    from .probe import ProbeError, probe

    infos = []
    try:
        for item in incoming:
            if settings.documented_types_only and file_kind(Path(item.filename).suffix) is None:
                raise unsupported_file(f"{item.filename}: not a documented upload type")
            try:
                infos.append(await anyio.to_thread.run_sync(probe, item.path))
            except ProbeError as exc:
                if item.from_url:
                    raise url_refused() from None
                raise unsupported_file(f"{item.filename}: {exc}") from exc
    except BaseException:
        for item in incoming:
            item.discard()
        raise
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    replies = []
    for item, info in zip(incoming, infos, strict=True):
        name = secrets.token_urlsafe(16) + info.extension
        os.replace(item.path, settings.uploads_dir / name)
        record = {
            "name": name,
            "user_id": user_id,
            "session_id": session_id,
            "filename": item.filename,
            "file_type": info.file_type,
            "duration": info.duration,
            "width": info.width,
            "height": info.height,
            "fps": info.fps,
            "hash": item.sha256.hexdigest(),
            "size": item.size,
            "created": time.time(),
        }
        db.add_upload(record)
        replies.append(upload_reply(record, base_url))
    return replies


def upload_reply(record: dict[str, Any], base_url: str) -> dict[str, Any]:
    """The wire shape of one upload (also used for ``video_infos`` in the state); ``duration`` in seconds."""
    return {
        "filename": record["filename"],
        "file_type": record["file_type"],
        "cdn_url": f"{base_url.rstrip('/')}/files/uploads/{record['name']}",
        "duration": ms_to_seconds(record["duration"]),
        "width": record["width"],
        "height": record["height"],
        "fps": record["fps"],
        "hash": record["hash"],
    }
