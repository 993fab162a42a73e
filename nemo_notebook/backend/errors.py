"""The one exception the backend's routes raise; a single handler turns it into the reply envelope."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import RENDER_NOT_FOUND
from ..limits import format_mb


class ApiError(Exception):
    """A failed request: the protocol code (or None), the HTTP status, and a one-line message."""

    def __init__(
        self,
        code: int | None,
        status: int,
        message: str,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


def bad_request(message: str) -> ApiError:
    return ApiError(400, 400, message)


def auth_failed(message: str = "missing, invalid or expired token") -> ApiError:
    return ApiError(1001, 401, message)


def not_found(message: str = "session not found") -> ApiError:
    return ApiError(1002, 404, message)


def render_not_found(render_id: str) -> ApiError:
    return ApiError(RENDER_NOT_FOUND, 404, f"render not found: {render_id}")


def session_busy() -> ApiError:
    return ApiError(1003, 409, "session busy: wait for the current reply to finish")


def no_credits(needed: int, available: int) -> ApiError:
    return ApiError(2001, 403, f"not enough credits: {needed} needed, {available} available")


def unsupported_file(message: str) -> ApiError:
    return ApiError(4001, 415, f"unsupported file: {message}")


def too_large(limit: int) -> ApiError:
    return ApiError(4002, 413, f"file too large: the limit is {format_mb(limit)}")
