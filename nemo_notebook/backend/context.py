"""What every route needs: the shared backend state, the caller's identity, and size-limited JSON bodies."""

from __future__ import annotations

import asyncio
import json
import math
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from .db import Database
from .errors import ApiError, auth_failed, bad_request, not_found
from .jobs import RenderQueue
from .limits import MAX_JSON_DEPTH, MAX_JSON_STRING_CHARS
from .settings import Settings


@dataclass
class Backend:
    """What the routes share: settings, the database, the render queue, the sessions now chatting."""

    settings: Settings
    db: Database
    jobs: RenderQueue
    identity: str
    busy: set[str] = field(default_factory=set)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)


def ok(data: Any) -> JSONResponse:
    return JSONResponse({"code": 0, "message": "ok", "data": data})


def backend(request: Request) -> Backend:
    return request.app.state.backend


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def authed_user(request: Request) -> str:
    """The user behind the bearer token; 1001 when it is missing, unknown or expired."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise auth_failed("missing bearer token: send 'Authorization: Bearer <token>'")
    user_id = backend(request).db.user_for_token(token.strip())
    if user_id is None:
        raise auth_failed("invalid or expired token")
    return user_id


def path_user(request: Request) -> str:
    """The caller, checked against the ``{user}`` path segment (``me`` or the caller's own id)."""
    user_id = authed_user(request)
    if request.path_params["user"] not in ("me", user_id):
        raise not_found("unknown user in the path: use 'me'")
    return user_id


def owned_session(request: Request, user_id: str, session_id: str) -> dict[str, Any]:
    session = backend(request).db.session(session_id)
    if session is None or session["user_id"] != user_id:
        raise not_found(f"session not found: {session_id}")
    return session


async def read_json(request: Request) -> dict[str, Any]:
    """The JSON object body, read under ``max_body_bytes``."""
    limit = backend(request).settings.max_body_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, 413, f"request body too large: the limit is {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, 413, f"request body too large: the limit is {limit} bytes")
    if not body:
        return {}
    seen: list[NotFinite] = []
    try:
        value = json.loads(
            body, parse_constant=partial(_not_finite, seen), parse_float=partial(_finite, seen)
        )
    except ValueError as exc:
        raise bad_request(f"the body is not valid JSON ({exc.args[0]})") from exc
    except RecursionError:
        raise bad_request(nested_too_deep()) from None
    if not isinstance(value, dict):
        raise bad_request("the body must be a JSON object")
    check_json(value)
    if seen:
        where = path_to(value, seen[0]) or "the body"
        raise bad_request(
            f"{where}: {seen[0].text[:20]} is not a number JSON allows; it must be a finite number"
        )
    return value


@dataclass(frozen=True, eq=False)
class NotFinite:
    """Where NaN, Infinity or an out-of-range number stood in a body, so the refusal can name its field."""

    text: str


def _not_finite(seen: list[NotFinite], text: str) -> NotFinite:
    seen.append(NotFinite(text))
    return seen[-1]


def _finite(seen: list[NotFinite], text: str) -> float | NotFinite:
    """A JSON number as a float; one too large for a float (``1e999``) is marked, not made infinite."""
    value = float(text)
    return _not_finite(seen, text) if math.isinf(value) else value


def path_to(value: Any, target: object) -> str | None:
    """The path of ``target`` inside ``value`` (``draft.t[0].sg[0].vol``), found without recursion."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, path = stack.pop()
        if item is target:
            return path
        if isinstance(item, dict):
            stack.extend(
                (child, f"{path}.{key}" if path else str(key)) for key, child in item.items()
            )
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]") for i, child in enumerate(item))
    return None


def nested_too_deep() -> str:
    return f"the body nests deeper than {MAX_JSON_DEPTH} levels"


def check_json(value: Any) -> None:
    """Refuse (400) JSON nested past ``MAX_JSON_DEPTH``, with a string past ``MAX_JSON_STRING_CHARS``,
    or with a lone UTF-16 surrogate (valid JSON, but no UTF-8 text can hold it). Iterative: no recursion.
    """
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _check_string(item)
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > MAX_JSON_DEPTH:
            raise bad_request(nested_too_deep())
        if isinstance(item, dict):
            for key, child in item.items():
                _check_string(key)
                stack.append((child, depth + 1))
        else:
            stack.extend((child, depth + 1) for child in item)


def _check_string(text: str) -> None:
    if len(text) > MAX_JSON_STRING_CHARS:
        raise bad_request(f"a string in the body is longer than {MAX_JSON_STRING_CHARS} characters")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise bad_request("the body holds a lone UTF-16 surrogate (\\ud800-\\udfff)") from None
