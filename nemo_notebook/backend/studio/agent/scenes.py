"""Filling in a scene the words leave open, from subject hints or the seed, and naming it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lang
from .intent import Scene
from .replies import describe_scene
from .words import has_any

# What a subject suggests when the scene tables don't name it: subject key → (time of day, landscape,
# effects); each language's ``SUBJECTS`` gives the words for every key.
SUBJECT_SCENES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "party": ("night", "city", ("fireworks",)),
    "christmas": ("night", "city", ("snow",)),
    "love": ("sunset", "sea", ("petals",)),
    "coffee": ("dawn", "city", ()),
    "travel": ("dawn", "mountains", ("birds",)),
    "relax": ("dawn", "sea", ()),
    "tech": ("night", "city", ("stars",)),
    "nature": ("day", "forest", ("birds",)),
    "summer": ("day", "sea", ("birds",)),
}
SUBJECT_HINTS: tuple[tuple[tuple[str, ...], tuple[str, str, tuple[str, ...]]], ...] = tuple(
    (words, SUBJECT_SCENES[key]) for key, words in lang.table("SUBJECTS")
)

PRESETS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("sunset", "city", ()),
    ("dawn", "mountains", ("clouds",)),
    ("day", "sea", ("birds",)),
    ("night", "none", ("stars",)),
    ("sunset", "desert", ()),
    ("day", "forest", ("leaves",)),
)

_LAND_MOTION = {
    "city": "pan",
    "mountains": "pan",
    "desert": "pan",
    "forest": "drift",
    "sea": "drift",
    "none": "drift",
}


@dataclass(frozen=True)
class FullScene:
    """A scene with every value decided, and whether it was invented for an unknown subject."""

    tod: str
    land: str
    fx: tuple[str, ...]
    motion: str
    invented: bool


def complete(scene: Scene, message: str, seed: int) -> FullScene:
    """Decide what the words left open: hints for known subjects, else a preset picked by the seed."""
    hint = next((v for words, v in SUBJECT_HINTS if has_any(message, words)), None)
    if scene.tod is None and scene.land is None and not scene.fx:
        tod, land, fx = hint or PRESETS[seed % len(PRESETS)]
        return FullScene(tod, land, fx, scene.motion or _LAND_MOTION[land], True)
    fx = scene.fx
    land = scene.land or (hint[1] if hint else None) or _land_for(fx, scene.tod, seed)
    tod = scene.tod or ("night" if {"stars", "fireworks"} & set(fx) else "day")
    return FullScene(tod, land, fx, scene.motion or _LAND_MOTION[land], False)


# Where an effect most often happens, when the words name the effect but not the place.
_FX_LAND = {"fireworks": "city", "leaves": "forest", "petals": "forest", "snow": "mountains"}


def _land_for(fx: tuple[str, ...], tod: str | None, seed: int) -> str:
    if "stars" in fx and tod != "day":
        return "none"
    return next((_FX_LAND[f] for f in fx if f in _FX_LAND), ("sea", "mountains", "city")[seed % 3])


def label(code: str, scene: Scene, full: FullScene) -> str:
    """What to call the scene: the user's own words when their language gives a pattern for them (English)
    and they read well, else a description."""
    described = describe_scene(code, full.tod, full.land, list(full.fx))
    words = lang.by_code(code)
    if full.invented or not words.SUBJECT:
        return described
    m = re.search(words.SUBJECT, scene.text)
    if not m:
        return described
    subject = re.sub(words.SUBJECT_TRIM, "", m.group(1)).strip(" .!?")
    subject = re.sub(words.SUBJECT_ARTICLE, "", subject) if words.SUBJECT_ARTICLE else subject
    return subject if 3 <= len(subject) <= 60 else described
