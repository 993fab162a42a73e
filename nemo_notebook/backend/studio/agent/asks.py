"""What an edit request asks, as values read once from its words: the edit steps read these, never the words.

``read_edit.read`` fills an ``EditAsks`` from a message; ``EditAsks.kinds`` names the edits it asks for, and
``edits.EDITS`` dispatches each kind to its edit function.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Mode = Literal["to", "by", "scale"]
# (start, length) in seconds, None where the words leave it as it is.
Timing = tuple[float | None, float | None]


@dataclass(frozen=True)
class Amount:
    """A change to one value: ``to`` a value, ``by`` a signed amount, or ``scale``d by a factor."""

    mode: Mode
    value: float

    def apply(self, old: float) -> float:
        """The new value for ``old``."""
        if self.mode == "to":
            return self.value
        return old + self.value if self.mode == "by" else old * self.value


@dataclass(frozen=True)
class SceneAsk:
    """New values for the generated scenes, and which scene (an ordinal, or None for all)."""

    tod: str | None = None
    land: str | None = None
    motion: str | None = None
    palette: str | None = None
    fx_add: tuple[str, ...] = ()
    fx_remove: tuple[str, ...] = ()
    target: int | None = None


@dataclass(frozen=True)
class ReorderAsk:
    """Reverse, drop, swap or move photos and clips; ``marks`` are the ordinals named, in order."""

    kind: Literal["reverse", "drop", "swap", "move"]
    marks: tuple[int, ...] = ()
    pair: Literal["first", "last"] | None = None
    to_end: bool = False


@dataclass(frozen=True)
class FadeAsk:
    """Fades from or to black: which ends, removed or added, how long, and whether the music is what fades."""

    fade_in: bool
    fade_out: bool
    remove: bool
    seconds: float | None
    music: bool


@dataclass(frozen=True)
class MusicAsk:
    """Music off, its volume (an amount in percent, or a step up or down), a mood, or music added."""

    off: bool = False
    volume: Amount | None = None
    nudge: int = 0
    mood: str | None = None
    add: bool = False


@dataclass(frozen=True)
class TextAsk:
    """What the words ask of titles and captions.

    ``roles`` are the roles named or quoted, each with its quoted text; ``move_title`` is a place alone after a
    move verb ("put it at the bottom"), which moves a title when there is one.
    """

    roles: tuple[tuple[str, str | None], ...] = ()
    move_title: bool = False
    new_text: str | None = None
    position: str | None = None
    remove: bool = False
    color: str | None = None
    grow: float | None = None
    add: bool = False
    change: bool = False
    timing: Timing | None = None
    window: tuple[str, float] | None = None
    length: Amount | None = None


@dataclass(frozen=True)
class EditAsks:
    """Every edit one message asks for; None or empty where it asks nothing of that kind."""

    regenerate: bool = False
    seed: int | None = None
    use_uploads: bool = False
    use_song: bool = False
    reorder: ReorderAsk | None = None
    scene: SceneAsk | None = None
    aspect: str | None = None
    resolution: str | None = None
    length: Amount | None = None
    fades: FadeAsk | None = None
    music: MusicAsk | None = None
    texts: TextAsk | None = None
    export: bool = False

    def kinds(self) -> frozenset[str]:
        """The kinds of edit asked for (the keys of ``edits.EDITS``)."""
        asked = {
            "regenerate": self.regenerate,
            "use_uploads": self.use_uploads,
            "use_song": self.use_song,
            "reorder": self.reorder is not None,
            "scene": self.scene is not None,
            "frame": bool(self.aspect or self.resolution),
            "duration": self.length is not None,
            "fades": self.fades is not None,
            "music": self.music is not None,
            "texts": self.texts is not None,
        }
        return frozenset(kind for kind, yes in asked.items() if yes)
