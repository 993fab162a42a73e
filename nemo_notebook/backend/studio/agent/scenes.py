"""Filling in a scene the words leave open, from subject hints or the seed, and naming it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .intent import Scene
from .replies import describe_scene
from .words import has_any

# Subject words → (time of day, landscape, effects) for subjects the scene tables don't name.
SUBJECT_HINTS: tuple[tuple[tuple[str, ...], tuple[str, str, tuple[str, ...]]], ...] = (
    (
        (
            "party",
            "birthday",
            "new year",
            "festival",
            "celebration",
            "庆祝",
            "生日",
            "新年",
            "fiesta",
            "cumpleaños",
            "誕生日",
            "お祝い",
        ),
        ("night", "city", ("fireworks",)),
    ),
    (("christmas", "圣诞", "navidad", "クリスマス"), ("night", "city", ("snow",))),
    (
        (
            "love",
            "romance",
            "romantic",
            "wedding",
            "valentine",
            "爱情",
            "婚礼",
            "amor",
            "boda",
            "恋",
            "結婚",
        ),
        ("sunset", "sea", ("petals",)),
    ),
    (("coffee", "cafe", "café", "breakfast", "咖啡", "コーヒー", "desayuno"), ("dawn", "city", ())),
    (
        ("travel", "adventure", "hiking", "journey", "旅行", "冒险", "viaje", "aventura", "旅"),
        ("dawn", "mountains", ("birds",)),
    ),
    (
        ("relax", "meditation", "yoga", "wellness", "sleep", "冥想", "meditación", "瞑想"),
        ("dawn", "sea", ()),
    ),
    (
        (
            "tech",
            "technology",
            "future",
            "futuristic",
            "ai",
            "科技",
            "未来",
            "tecnología",
            "futuro",
            "テクノロジー",
            "intro",
            "podcast",
            "channel",
            "startup",
            "business",
            "launch",
            "片头",
            "频道",
            "オープニング",
        ),
        ("night", "city", ("stars",)),
    ),
    (("nature", "outdoor", "camping", "自然", "naturaleza"), ("day", "forest", ("birds",))),
    (
        ("summer", "vacation", "holiday", "夏天", "verano", "vacaciones", "夏"),
        ("day", "sea", ("birds",)),
    ),
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
_EN_SUBJECT = re.compile(
    r"\b(?:video|clip|animation|scene|shot|film|reel|footage|timelapse)\s*(?:of|showing|featuring|about|:)\s+(.+)$"
)
_EN_TRIM = re.compile(
    r"\s*(?:,|[?!;]"
    r"|\bin\s+(?:\d|vertical|portrait|landscape|square|720|1080)"
    r"|\bfor\s+(?:tiktok|youtube|instagram|reels)"
    r"|\s\d+(?:\.\d+)?\s*-?\s*(?:s|secs?|seconds?|mins?|minutes?)\b"
    r"|\bseed\b|\btitled\b"
    r"|\b(?:with|and) (?:the |a )?(?:title|caption|subtitle|text)).*$"
)


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


def label(lang: str, scene: Scene, full: FullScene) -> str:
    """What to call the scene: the user's own English words when they read well, else a description."""
    described = describe_scene(lang, full.tod, full.land, list(full.fx))
    if lang != "en" or full.invented:
        return described
    m = _EN_SUBJECT.search(scene.text)
    if not m:
        return described
    subject = re.sub(r"^(?:a|an|the)\s+", "", _EN_TRIM.sub("", m.group(1)).strip(" .!?"))
    return subject if 3 <= len(subject) <= 60 else described
