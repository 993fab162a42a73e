"""Request options of a chat turn (aspect, resolution, duration, language), applied only when given.

An option left out is absent, so the draft (or the agent) decides. The local backend takes them as
the ``nemo_options`` field of ``/run_sse`` (a local extension); the cloud has no such field, so there
they are added to the message in one standard form, and only when given.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from .draft import ASPECTS, MAX_DURATION_MS, RESOLUTIONS
from .errors import InputError

OPTIONS_FIELD = "nemo_options"
MAX_LANGUAGE_CHARS = 35  # the longest BCP 47 tag the protocol's language field takes


@dataclass(frozen=True, slots=True)
class TurnOptions:
    """What the user asked for as options rather than words; None means not given."""

    aspect: str | None = None
    resolution: str | None = None
    duration_s: float | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        if self.aspect is not None and self.aspect not in ASPECTS:
            raise InputError(f"aspect must be one of {', '.join(ASPECTS)}, not {self.aspect!r}")
        if self.resolution is not None and self.resolution not in RESOLUTIONS:
            raise InputError(
                f"resolution must be one of {', '.join(RESOLUTIONS)}, not {self.resolution!r}"
            )
        longest = MAX_DURATION_MS / 1000
        if self.duration_s is not None:
            d = self.duration_s
            if isinstance(d, bool) or not isinstance(d, int | float) or not math.isfinite(d):
                raise InputError(f"duration must be a number of seconds, not {d!r}")
            if not 0 < d <= longest:
                raise InputError(f"duration must be more than 0 and at most {longest:g} seconds")
        if self.language is not None and not (
            isinstance(self.language, str) and 0 < len(self.language) <= MAX_LANGUAGE_CHARS
        ):
            raise InputError(
                f"language must be an ISO code such as en or zh-CN, not {self.language!r}"
            )

    def given(self) -> dict[str, Any]:
        """Only the options that were given, by their wire names."""
        return {key: value for key, value in asdict(self).items() if value is not None}

    def as_arguments(self) -> dict[str, Any]:
        """The given options as keyword arguments of ``Session.chat`` / ``stream``."""
        names = {"duration_s": "duration"}
        return {names.get(key, key): value for key, value in self.given().items()}

    def __bool__(self) -> bool:
        return bool(self.given())

    def as_text(self) -> str:
        """The standard form for a backend without the options field: ``[aspect 9:16; 720p; 20 s]``
        (language goes to the session's create call instead, as the protocol says)."""
        parts = []
        if self.aspect:
            parts.append(f"aspect {self.aspect}")
        if self.resolution:
            parts.append(self.resolution)
        if self.duration_s is not None:
            parts.append(f"{self.duration_s:g} s")
        return f"[{'; '.join(parts)}]" if parts else ""


def read_options(value: object) -> TurnOptions:
    """The options of a ``nemo_options`` body field; raises ``InputError`` naming the bad one."""
    if value is None:
        return TurnOptions()
    if not isinstance(value, dict):
        raise InputError(f"{OPTIONS_FIELD} must be an object")
    unknown = sorted(set(value) - {"aspect", "resolution", "duration_s", "language"})
    if unknown:
        raise InputError(f"{OPTIONS_FIELD}: unknown option {unknown[0]!r}")
    return TurnOptions(**value)
