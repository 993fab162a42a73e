"""Settings of the local backend: one dataclass, its profiles (presets), and the environment reader.

A profile is a preset of named settings: ``local`` (the default, generous and fast for local work)
and ``cloud`` (the NemoVideo cloud as its vendor documents it). Each difference between them is one
field below, so a test can turn any one of them on alone.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from ..limits import CLOUD_UPLOAD_LIMIT_BYTES, UPLOAD_LIMIT_BYTES
from .limits import MAX_BODY_BYTES

PROFILES = ("local", "cloud")

IDLE_TIMEOUT_ENV = "NEMO_IDLE_TIMEOUT"
SERVICE_IDLE_TIMEOUT = 1800.0


@dataclass
class Settings:
    """Everything the backend can be told; the test switches are plain settings, not code paths.

    ``idle_timeout``: seconds with no request, no open stream and no render after which the server stops
    itself (0: never). The detached service gets ``NEMO_IDLE_TIMEOUT`` or ``SERVICE_IDLE_TIMEOUT``.
    ``render_isolation``: renders run in a worker process (``process``) or in a thread of the server
    (``thread``: only for tests that replace the renderer in process). ``agent_isolation``: chat turns
    are planned in agent worker processes (``process``: what ``serve`` and the service use) or in a
    thread of the server (``thread``: the in-process server, so a kernel spawns nothing extra).
    """

    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 0
    heartbeat_interval: float = 10.0
    event_pacing: float = 0.04
    max_upload_bytes: int = UPLOAD_LIMIT_BYTES
    max_body_bytes: int = MAX_BODY_BYTES
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
    profile: str = "local"
    heartbeat_style: Literal["comment", "mixed"] = "comment"
    require_attribution: bool = False
    check_run_fields: bool = False
    documented_types_only: bool = False
    bind_id_in_replies: bool = False
    # URL uploads may fetch from loopback, private and link-local addresses: only for a local network
    # you trust, since it lets anyone who can reach the backend make it fetch from inside that network.
    allow_private_urls: bool = False
    # In a session that has asked for previews, draw each new draft's stills and sounds while its
    # reply streams, so the next preview starts encoding at once.
    prepare_previews: bool = True
    idle_timeout: float = 0.0
    render_isolation: Literal["process", "thread"] = "process"
    agent_isolation: Literal["process", "thread"] = "thread"

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).expanduser()
        if self.heartbeat_style not in ("comment", "mixed"):
            raise ValueError(
                f"heartbeat_style must be 'comment' or 'mixed', not {self.heartbeat_style!r}"
            )
        if self.event_dialect not in ("adk", "simple"):
            raise ValueError(f"event_dialect must be 'adk' or 'simple', not {self.event_dialect!r}")
        for name in ("silent_edit_ratio", "fail_ratio"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {getattr(self, name)!r}")
        for name in ("render_isolation", "agent_isolation"):
            if getattr(self, name) not in ("process", "thread"):
                raise ValueError(
                    f"{name} must be 'process' or 'thread', not {getattr(self, name)!r}"
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
    def cloud(cls, data_dir: Path | str) -> Settings:
        """The cloud as its vendor documents it: each switch here is a rule of the protocol.

        100 anonymous credits for 7 days, errors as HTTP 200 with the code in the body, all three
        keep-alive shapes, about 30 % of edits silent, 402 on export without the attribution headers,
        ``app_name``/``user_id`` checked, only the documented upload types up to 200 MB, and the
        registration id in the create-session and state replies.
        """
        return replace(
            cls.cloud_like(data_dir),
            profile="cloud",
            token_ttl_days=7.0,
            errors_as_http_200=True,
            heartbeat_style="mixed",
            silent_edit_ratio=0.3,
            require_attribution=True,
            check_run_fields=True,
            documented_types_only=True,
            max_upload_bytes=CLOUD_UPLOAD_LIMIT_BYTES,
            bind_id_in_replies=True,
            prepare_previews=False,
        )

    @classmethod
    def for_profile(cls, name: str, data_dir: Path | str) -> Settings:
        """The preset called ``name`` (``local`` or ``cloud``)."""
        if name not in PROFILES:
            raise ValueError(f"profile must be one of {', '.join(PROFILES)}, not {name!r}")
        return cls.cloud(data_dir) if name == "cloud" else cls.default(data_dir)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The ``NEMO_PROFILE`` preset (default ``local``) with the data dir from ``NEMO_HOME``."""
        env = os.environ if environ is None else environ
        profile = (env.get("NEMO_PROFILE") or "local").strip().lower()
        home = env.get("NEMO_HOME")
        if home:
            return cls.for_profile(profile, Path(home))
        from platformdirs import user_data_dir

        return cls.for_profile(profile, Path(user_data_dir("nemo-notebook")))

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def renders_dir(self) -> Path:
        return self.data_dir / "renders"

    @property
    def render_cache_dir(self) -> Path:
        return self.data_dir / "render-cache"

    @property
    def live_dir(self) -> Path:
        """Previews being written, served as they grow."""
        return self.data_dir / "live"

    @property
    def tmp_dir(self) -> Path:
        return self.data_dir / "tmp"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "nemo.sqlite3"


def identity_of(settings: Settings) -> str:
    """A stable id of the data dir, so a client can keep one token per backend."""
    return hashlib.sha256(str(settings.data_dir.resolve()).encode()).hexdigest()[:16]
