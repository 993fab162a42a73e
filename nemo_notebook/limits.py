"""Units and limits shared by the client and the local backend; each fact is defined here only.

Sizes are decimal: one MB is 1,000,000 bytes, as the vendor's pages count them. Upload ``duration``
and a render's ``output.duration`` are seconds on the wire; draft times (``st``, ``d``) are milliseconds.
"""

from __future__ import annotations

import re

MB = 1_000_000
UPLOAD_LIMIT_BYTES = 500 * MB
"""The upload limit most of the vendor's pages state, and the local backend's default."""
CLOUD_UPLOAD_LIMIT_BYTES = 200 * MB
"""The strictest upload limit the vendor's pages state; what a cloud-faithful setup enforces."""

SUPPORTED_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "video": ("mp4", "mov", "avi", "webm", "mkv"),
    "image": ("jpg", "jpeg", "png", "gif", "webp"),
    "audio": ("mp3", "wav", "m4a", "aac"),
}

_LIMIT_TEXT = re.compile(r"(\d+(?:\.\d+)?)\s*(kb|mb|gb|mib|gib)\b", re.IGNORECASE)
_UNIT_BYTES = {"kb": 1000, "mb": MB, "gb": 1000 * MB, "mib": 2**20, "gib": 2**30}


def format_mb(size_bytes: float) -> str:
    """A size as people read it in messages, e.g. ``200 MB``, ``12.5 MB`` or ``0.002 MB``."""
    value = size_bytes / MB
    if value >= 1:
        return f"{value:.1f} MB" if size_bytes % MB else f"{value:.0f} MB"
    return f"{value:.3g} MB"


def limit_from_text(text: str | None) -> int | None:
    """The byte limit a server states in words ("the limit is 200 MB"), or None."""
    match = _LIMIT_TEXT.search(text or "")
    if match is None:
        return None
    return round(float(match.group(1)) * _UNIT_BYTES[match.group(2).lower()])


def file_kind(extension: str) -> str | None:
    """``video``, ``image`` or ``audio`` for a supported extension (no dot), else None."""
    ext = extension.lower().lstrip(".")
    return next((kind for kind, exts in SUPPORTED_EXTENSIONS.items() if ext in exts), None)


def seconds_to_ms(value: float | None) -> int | None:
    """Wire seconds to the milliseconds the draft uses."""
    return None if value is None else round(value * 1000)


def ms_to_seconds(value: float | None) -> float | None:
    """Draft milliseconds to the seconds the wire uses."""
    return None if value is None else round(value / 1000, 3)
