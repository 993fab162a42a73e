"""Client id and anonymous-token cache, stored 0600 under the config dir and keyed by backend identity.

The token is a secret: it never appears in a repr, a log line, an exception or a URL.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from . import file_lock
from .errors import ProtocolError
from .files import atomic_file, private_dir

CLIENT_ID_FILE = "client_id"
TOKEN_LOCK_FILE = "tokens.lock"
TOKEN_FILE = "tokens.json"
REFRESH_MARGIN = timedelta(minutes=5)


def write_private(path: Path, text: str) -> None:
    """Atomically write ``text`` to ``path`` with mode 0600 (the dir is created 0700 if missing)."""
    private_dir(path.parent)
    with atomic_file(path, "w", private=True, encoding="utf-8") as handle:
        handle.write(text)


def load_client_id(config_dir: Path, override: str | None = None) -> str:
    """The persisted client id, created on first use; ``override`` (``NEMO_CLIENT_ID``) wins."""
    if override:
        return override
    path = config_dir / CLIENT_ID_FILE
    with contextlib.suppress(OSError):
        value = path.read_text(encoding="utf-8").strip()
        if value and len(value) <= 64:
            return value
    return new_client_id(config_dir)


def new_client_id(config_dir: Path) -> str:
    """Make a fresh client id and persist it (used when the backend asks for one)."""
    value = str(uuid.uuid4())
    write_private(config_dir / CLIENT_ID_FILE, value + "\n")
    return value


@dataclass(frozen=True)
class CachedToken:
    """A bearer token with its owner and expiry; the token itself is kept out of the repr."""

    token: str = field(repr=False)
    user_id: str | None
    expires_at: datetime | None

    def expired(self, now: datetime | None = None) -> bool:
        """True when the token is past, or within a few minutes of, its expiry."""
        if self.expires_at is None:
            return False
        current = now or datetime.now(UTC)
        return current + REFRESH_MARGIN >= self.expires_at

    @classmethod
    def from_wire(cls, data: Any) -> CachedToken:
        """Read the ``data`` of an anonymous-token reply."""
        if not isinstance(data, dict) or not isinstance(data.get("token"), str):
            raise ProtocolError("The anonymous-token reply has no token", request="anonymous-token")
        return cls(data["token"], data.get("user_id"), parse_time(data.get("expires_at")))

    def to_json(self) -> dict[str, Any]:
        expires = self.expires_at.isoformat() if self.expires_at else None
        return {"token": self.token, "user_id": self.user_id, "expires_at": expires}


def parse_time(value: Any) -> datetime | None:
    """Parse an ISO-8601 time (``Z`` allowed) to an aware datetime; None if absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class TokenCache:
    """Tokens per backend identity in one 0600 JSON file."""

    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / TOKEN_FILE
        # Held while a process decides it needs a new token and fetches it: the backend issues one
        # anonymous token per client id, so a second process starting at once must wait and reuse it.
        self.lock_path = config_dir / TOKEN_LOCK_FILE

    def __repr__(self) -> str:
        return f"TokenCache({str(self.path)!r})"

    def lock(self, timeout: float) -> contextlib.AbstractAsyncContextManager[None]:
        """Hold the fetch lock (waiting up to ``timeout`` s), in the config dir made 0700 if missing."""
        private_dir(self.path.parent)
        return file_lock.held(self.lock_path, timeout)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, identity: str) -> CachedToken | None:
        """The cached token for a backend, or None (expired ones are returned; the caller decides)."""
        entry = self._read().get(identity)
        if not isinstance(entry, dict) or not isinstance(entry.get("token"), str):
            return None
        return CachedToken(
            entry["token"], entry.get("user_id"), parse_time(entry.get("expires_at"))
        )

    def put(self, identity: str, token: CachedToken) -> None:
        data = self._read()
        data[identity] = token.to_json()
        write_private(self.path, json.dumps(data, indent=1, sort_keys=True))

    def drop(self, identity: str) -> None:
        data = self._read()
        if data.pop(identity, None) is not None:
            write_private(self.path, json.dumps(data, indent=1, sort_keys=True))
