"""Plain HTTP to a local backend in tests: a client holding a fresh anonymous token, and a new session."""

from __future__ import annotations

import uuid

import httpx


def authed_client(url: str, timeout: float = 60) -> httpx.Client:
    """An ``httpx.Client`` for ``url`` that sends a fresh anonymous user's bearer token."""
    http = httpx.Client(base_url=url, timeout=timeout)
    token = http.post(
        "/api/auth/anonymous-token", headers={"X-Client-Id": str(uuid.uuid4())}
    ).json()["data"]["token"]
    http.headers["Authorization"] = f"Bearer {token}"
    return http


def new_session(http: httpx.Client) -> str:
    """The id of a new session of the client's user."""
    reply = http.post("/api/tasks/me/with-session/nemo_agent", json={"task_name": "project"})
    return str(reply.json()["data"]["session_id"])
