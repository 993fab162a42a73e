"""The protocol's fixed names and reply decoding, shared by the client and the session's helpers."""

from __future__ import annotations

from typing import Any

import httpx

APP = "nemo_agent"
LOCAL_BACKEND = "nemo-local"  # what the local backend's /api/meta calls itself (a local extension)


def json_body(reply: httpx.Response) -> dict[str, Any]:
    """The reply's JSON object, or an empty dict when the body is not one."""
    try:
        body = reply.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header; None when absent or not a number."""
    try:
        return None if value is None else max(0.0, float(value))
    except ValueError:
        return None
