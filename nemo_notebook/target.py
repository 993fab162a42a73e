"""Where the client's requests go: the NemoVideo cloud, a given URL, or the embedded local backend.

The choice, strongest first: ``NEMO_BASE_URL`` (or a ``base_url`` argument); ``NEMO_BACKEND``
(``local`` or ``cloud``, or a ``backend`` argument); a token (``NEMO_TOKEN`` alone means the cloud,
as the vendor's instructions say); else the embedded local backend. Choosing does no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .errors import ConfigError

if TYPE_CHECKING:
    from .config import ClientConfig

CLOUD_BASE_URL = "https://mega-api-prod.nemovideo.ai"
BACKENDS = ("local", "cloud")

Kind = Literal["local", "cloud", "url"]


@dataclass(frozen=True, slots=True)
class Target:
    """The chosen backend: its kind, its URL (None: the embedded one) and why it was chosen."""

    kind: Kind
    url: str | None
    reason: str

    @property
    def cloud(self) -> bool:
        """True when requests go to the vendor's cloud."""
        return self.kind == "cloud" or (self.url or "").rstrip("/") == CLOUD_BASE_URL


def backend_choice(env: Mapping[str, str], explicit: str | None = None) -> str | None:
    """``local``, ``cloud`` or None from ``explicit`` (an argument or setting) else ``NEMO_BACKEND``."""
    raw = explicit if explicit else env.get("NEMO_BACKEND", "")
    value = (raw or "").strip().lower()
    if not value:
        return None
    if value not in BACKENDS:
        source = "backend" if explicit else "NEMO_BACKEND"
        raise ConfigError(f"{source} must be 'local' or 'cloud', got {raw!r}")
    return value


def choose_target(url: str | None, backend: str | None, token: str | None) -> Target:
    """The backend for an already-validated URL, backend choice and token (see the module doc)."""
    if url:
        kind: Kind = "cloud" if url.rstrip("/") == CLOUD_BASE_URL else "url"
        return Target(kind, url, "NEMO_BASE_URL")
    if backend == "cloud":
        return Target("cloud", CLOUD_BASE_URL, "NEMO_BACKEND=cloud")
    if backend == "local":
        return Target("local", None, "NEMO_BACKEND=local")
    if token:
        return Target("cloud", CLOUD_BASE_URL, "NEMO_TOKEN is set")
    return Target("local", None, "default (no NEMO_BASE_URL, NEMO_BACKEND or NEMO_TOKEN)")


def describe_setup(config: ClientConfig, environ: Mapping[str, str]) -> dict[str, str]:
    """Where requests go and what they carry, for ``nemo-notebook config``: never the token itself."""
    from .auth import CLIENT_ID_FILE, TokenCache
    from .backend.settings import Settings, identity_of

    target = config.target
    settings = Settings.from_env(environ)
    key = identity_of(settings) if target.url is None else target.url
    cached = TokenCache(config.config_dir).get(key)
    if config.token is not None:
        token = "environment (NEMO_TOKEN)"
    elif cached is not None and not cached.expired():
        token = f"cache ({TokenCache(config.config_dir).path})"
    else:
        token = "none (an anonymous token is requested on first use)"
    client_id = (
        "environment (NEMO_CLIENT_ID)"
        if config.client_id
        else str(config.config_dir / CLIENT_ID_FILE)
    )
    return {
        "backend": "cloud" if target.cloud else target.kind,
        "url": target.url or f"embedded local backend ({settings.profile} profile, started on use)",
        "chosen_by": target.reason,
        "token": token,
        "data_dir": str(settings.data_dir),
        "config_dir": str(config.config_dir),
        "client_id": client_id,
    }


def format_setup(report: Mapping[str, str]) -> str:
    """The report as aligned ``name: value`` lines."""
    width = max(len(name) for name in report)
    return "\n".join(
        f"{name.replace('_', ' '):<{width}}  {value}" for name, value in report.items()
    )
