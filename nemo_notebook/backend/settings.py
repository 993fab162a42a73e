"""Settings of the local backend: one dataclass, two presets, and the environment reader."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

MB = 2**20

IDLE_TIMEOUT_ENV = "NEMO_IDLE_TIMEOUT"
SERVICE_IDLE_TIMEOUT = 1800.0


@dataclass
class Settings:
    """Everything the backend can be told; the test switches are plain settings, not code paths.

    ``idle_timeout``: seconds with no request, no open stream and no render after which the server stops
    itself (0: never). The detached service gets ``NEMO_IDLE_TIMEOUT`` or ``SERVICE_IDLE_TIMEOUT``.
    ``render_isolation``: renders run in a worker process (``process``) or in a thread of the server
    (``thread``: only for tests that replace the renderer in process).
    """

    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 0
    heartbeat_interval: float = 10.0
    event_pacing: float = 0.04
    max_upload_bytes: int = 500 * MB
    max_body_bytes: int = 2 * MB
    max_message_chars: int = 20_000
    credits_new_user: int = 1000
    cost_generate: int = 10
    cost_edit: int = 2
    cost_export: int = 0
    token_ttl_days: float = 7.0
    render_workers: int = 1
    errors_as_http_200: bool = False
    event_dialect: Literal["adk", "simple"] = "adk"
    silent_edit_ratio: float = 0.0
    drop_stream_after: int | None = None
    reply_delay: float = 0.0
    fail_ratio: float = 0.0
    export_blocked: bool = False
    idle_timeout: float = 0.0
    render_isolation: Literal["process", "thread"] = "process"

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).expanduser()
        if self.event_dialect not in ("adk", "simple"):
            raise ValueError(f"event_dialect must be 'adk' or 'simple', not {self.event_dialect!r}")
        for name in ("silent_edit_ratio", "fail_ratio"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {getattr(self, name)!r}")
        if self.render_isolation not in ("process", "thread"):
            raise ValueError(
                f"render_isolation must be 'process' or 'thread', not {self.render_isolation!r}"
            )
        if self.idle_timeout < 0:
            raise ValueError("idle_timeout must be 0 (never) or a number of seconds")
        if self.render_workers < 1:
            raise ValueError("render_workers must be at least 1")

    @classmethod
    def default(cls, data_dir: Path | str) -> Settings:
        """A generous local backend: 1000 credits for a new user, cheap chats, free exports."""
        return cls(data_dir=Path(data_dir))

    @classmethod
    def cloud_like(cls, data_dir: Path | str) -> Settings:
        """Credits as tight as the cloud's free plan: 100 credits, generate 100, edit 50."""
        return cls(
            data_dir=Path(data_dir),
            credits_new_user=100,
            cost_generate=100,
            cost_edit=50,
            cost_export=0,
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Default settings with the data dir from ``NEMO_HOME`` (else the user data dir)."""
        env = os.environ if environ is None else environ
        home = env.get("NEMO_HOME")
        if home:
            return cls.default(Path(home))
        from platformdirs import user_data_dir

        return cls.default(Path(user_data_dir("nemo-notebook")))

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def renders_dir(self) -> Path:
        return self.data_dir / "renders"

    @property
    def tmp_dir(self) -> Path:
        return self.data_dir / "tmp"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "nemo.sqlite3"


def identity_of(settings: Settings) -> str:
    """A stable id of the data dir, so a client can keep one token per backend."""
    return hashlib.sha256(str(settings.data_dir.resolve()).encode()).hexdigest()[:16]
