"""Uploads: local files are checked before any byte is sent, then files or http(s) URLs are posted.

The session runs the senders inside its session-renewal wrapper; these functions only speak the wire.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .errors import FileTooLarge, InputError, ProtocolError, UnsupportedFile
from .limits import file_kind, format_mb
from .models import Asset
from .wire import APP

if TYPE_CHECKING:
    from .client import AsyncClient


def sort_items(
    items: Iterable[str | os.PathLike[str]], limit_bytes: int
) -> tuple[list[Path], list[str]]:
    """Split ``items`` into checked local files and http(s) URLs, failing on the first bad one."""
    paths: list[Path] = []
    urls: list[str] = []
    for item in items:
        text = os.fspath(item)
        if "://" in text:
            if urlsplit(text).scheme not in ("http", "https") or not urlsplit(text).hostname:
                raise InputError(f"Only http(s) URLs can be uploaded, got {text!r}")
            urls.append(text)
        else:
            paths.append(check_file(Path(text).expanduser(), limit_bytes))
    return paths, urls


def check_file(path: Path, limit_bytes: int) -> Path:
    """``path`` if it is a readable file of a supported type within ``limit_bytes``."""
    if not path.is_file():
        raise InputError(f"No such file: {path}")
    if not os.access(path, os.R_OK):
        raise InputError(f"Cannot read {path}: permission denied")
    if file_kind(path.suffix) is None:
        raise UnsupportedFile(f"{path.name} is not a supported file type")
    size = path.stat().st_size
    if size > limit_bytes:
        raise FileTooLarge(f"{path.name} is {format_mb(size)}", limit_bytes=limit_bytes)
    return path


async def send_files(client: AsyncClient, sid: str, paths: list[Path]) -> list[Asset]:
    """Post ``paths`` as one multipart upload; files are reopened for every attempt."""

    def body() -> dict[str, Any]:
        files = [
            (
                "files",
                (
                    p.name,
                    p.open("rb"),
                    mimetypes.guess_type(p.name)[0] or "application/octet-stream",
                ),
            )
            for p in paths
        ]
        return {"files": files}

    data = await client.call(
        "POST", f"/api/upload-video/{APP}/me/{sid}", idempotent=False, body=body
    )
    return _assets(data)


async def send_urls(client: AsyncClient, sid: str, urls: list[str]) -> list[Asset]:
    """Ask the backend to fetch ``urls`` itself."""
    data = await client.call(
        "POST",
        f"/api/upload-video/{APP}/me/{sid}",
        idempotent=False,
        body=lambda: {"json": {"urls": urls, "source_type": "url"}},
    )
    return _assets(data)


def _assets(data: Any) -> list[Asset]:
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        raise ProtocolError("The upload reply lists no files", received=data)
    return [Asset.from_wire(item) for item in files if isinstance(item, dict)]
