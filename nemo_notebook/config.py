"""Client configuration read from the environment: backend URL, token, config dir, timeouts."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

from .errors import ConfigError
from .target import Target, backend_choice, choose_target

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

APP_NAME = "nemo-notebook"


def normalise_base_url(value: str) -> str:
    """Validate a backend URL (http/https with a host) and drop any trailing slash."""
    raw = value.strip()
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"NEMO_BASE_URL must be an http(s) URL with a host, got {value!r}")
    return raw.rstrip("/")


# How long a chat may go without a byte before the client gives up on it. Errors about that wait
# take their figure from the timeout in use, so the text and the behaviour cannot disagree.
CHAT_READ_TIMEOUT_S = 15 * 60.0


@dataclass(frozen=True)
class Timeouts:
    """Seconds for connecting, ordinary reads, and the long-lived chat stream."""

    connect: float = 10.0
    read: float = 60.0
    stream_read: float = CHAT_READ_TIMEOUT_S


@dataclass(frozen=True)
class ClientConfig:
    """Everything the client needs to know before its first request; building it does no I/O."""

    base_url: str | None = None
    token: str | None = field(default=None, repr=False)
    target: Target = field(default_factory=lambda: choose_target(None, None, None))
    client_id: str | None = None
    config_dir: Path = field(default_factory=lambda: Path(platformdirs.user_config_dir(APP_NAME)))
    timeouts: Timeouts = field(default_factory=Timeouts)
    clock: Clock = time.monotonic
    sleep: Sleep = asyncio.sleep

    @property
    def embedded(self) -> bool:
        """No URL was chosen (see ``target``): the client starts the embedded local backend."""
        return self.base_url is None

    @property
    def explicit_token(self) -> bool:
        """True when the token was given by the user (no anonymous auth, no re-auth)."""
        return self.token is not None

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        base_url: str | None = None,
        token: str | None = None,
        backend: str | None = None,
        clock: Clock | None = None,
        sleep: Sleep | None = None,
    ) -> ClientConfig:
        """Read ``NEMO_*`` variables; explicit arguments win over the environment."""
        env = os.environ if environ is None else environ
        url = base_url if base_url is not None else env.get("NEMO_BASE_URL") or None
        tok = token if token is not None else env.get("NEMO_TOKEN") or None
        tok = tok.strip() if tok else None
        target = choose_target(
            normalise_base_url(url) if url else None, backend_choice(env, backend), tok
        )
        config_dir = env.get("NEMO_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME)
        client_id = (env.get("NEMO_CLIENT_ID") or "").strip() or None
        if client_id is not None and len(client_id) > 64:
            raise ConfigError(f"NEMO_CLIENT_ID must be at most 64 characters, got {len(client_id)}")
        return cls(
            base_url=target.url,
            token=tok or None,
            target=target,
            client_id=client_id,
            config_dir=Path(config_dir).expanduser(),
            clock=time.monotonic if clock is None else clock,
            sleep=asyncio.sleep if sleep is None else sleep,
        )
