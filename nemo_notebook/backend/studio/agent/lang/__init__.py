"""The words of each language the agent reads, one module per language.

Every language module supplies the same names (checked by ``tests/test_agent_lang.py``):

- ``CODE``: the reply-language code (``en``, ``zh-CN``, ``es``, ``ja``).
- ``UNDO``, ``REDO``, ``ORIGINAL``: words asking to undo, redo, or go back to the first version.
- ``UNDO_STEPS``: a pattern whose group 1 is how many changes to undo ("the last 2 changes").
- ``VERSION_WITH``: a pattern whose group 1 names what the wanted earlier version had ("the version with the title").
- ``FEATURES``: feature key (``title``, ``caption``, ``music``, ``vertical``, ``square``) → words naming it.
- ``REFUSALS``: limitation key → words asking for something the studio cannot make.
- ``MUSIC_OFF``: words that switch the music off without naming "no music".
- ``LONGER``, ``SHORTER``, ``UP``, ``DOWN``: direction words for relative changes.
- ``MUCH``, ``LITTLE``: how big an unnumbered relative change is.
- ``DOUBLE``, ``HALF``: words scaling what they name by 2 or 0.5.
- ``TIMES``: a pattern whose group 1 is a factor ("3 times as big", "3倍").
- ``TO``: a pattern matching just before or after a number that makes it absolute ("to 12 s", "hasta 30", "8秒に").
- ``FIRST_N``, ``LAST_N``: patterns whose group 1 is the seconds of "the first / last N seconds".
- ``ON_SCREEN``: words that say a duration is about how long a text shows.
- ``LENGTH``, ``VOLUME``, ``SIZE``: words naming the video's length, the music's loudness, a text's size.
- ``NO_TEXT``: phrases asking for no words on screen (they never become part of a label).
- ``POSITION_VERBS``: verbs that move something to a place ("put it at the bottom").
- ``KNOWN``: ordinary words close to a vocabulary word, never corrected as typos.
- ``SPELLING``: extra spellings people use for vocabulary words ("nite" → "night").
- ``TABLES``: vocabulary tables (time of day, landscape, effects, palette, motion, moods, aspects, limits,
  positions, colours): draft value → the words that ask for it.
- ``GROUPS``: word groups that mark a kind of request (no music, music, uploads, promo, help, regenerate, remove,
  bigger, smaller, export, louder, quieter, title, caption, fades, reorder…).
- ``REPLIES``: every reply template by key (the same keys in every language).
- ``LIMIT_TEXTS``: limitation key → (what the studio cannot do, the nearest thing it can).
- ``NAMES``: the names of draft values (time of day, place, effect, mood, palette, motion, position).
- ``LIST_JOIN``, ``LIST_COMMA``: how the language joins summary items and listed phrases.
- ``SECONDS``: a duration's format (``{value}``); ``SENTENCE_END``, ``SENTENCE_ENDS``, ``SENTENCE_GAP``: how
  sentences end and follow each other.
- ``SCENE``, ``SCENE_WITH``, ``FX_SEP``, ``FX_LAST``: how a scene is described ("a city skyline at sunset
  with birds and rain").
"""

from __future__ import annotations

import re
from types import ModuleType

from . import en, es, ja, zh

MODULES: tuple[ModuleType, ...] = (en, zh, es, ja)
REQUIRED = (
    "CODE",
    "UNDO",
    "REDO",
    "ORIGINAL",
    "UNDO_STEPS",
    "VERSION_WITH",
    "FEATURES",
    "REFUSALS",
    "MUSIC_OFF",
    "LONGER",
    "SHORTER",
    "UP",
    "DOWN",
    "MUCH",
    "LITTLE",
    "DOUBLE",
    "HALF",
    "TIMES",
    "TO",
    "FIRST_N",
    "LAST_N",
    "ON_SCREEN",
    "LENGTH",
    "VOLUME",
    "SIZE",
    "NO_TEXT",
    "POSITION_VERBS",
    "KNOWN",
    "SPELLING",
    "TABLES",
    "GROUPS",
    "REPLIES",
    "LIMIT_TEXTS",
    "NAMES",
    "LIST_JOIN",
    "LIST_COMMA",
    "SECONDS",
    "SENTENCE_END",
    "SENTENCE_ENDS",
    "SENTENCE_GAP",
    "SCENE",
    "SCENE_WITH",
    "FX_SEP",
    "FX_LAST",
)


def by_code(code: str) -> ModuleType:
    """The language module for a reply-language code; English for any other."""
    return next((m for m in MODULES if code == m.CODE), en)


def words(name: str) -> tuple[str, ...]:
    """The words every language gives for ``name``, in language order."""
    return tuple(w for m in MODULES for w in getattr(m, name))


def patterns(name: str) -> tuple[re.Pattern[str], ...]:
    """The compiled pattern of every language for ``name``."""
    return tuple(re.compile(getattr(m, name)) for m in MODULES)


def table(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Key → words tables of every language merged, keys in first-seen order."""
    merged: dict[str, list[str]] = {}
    for m in MODULES:
        for key, ws in getattr(m, name).items():
            merged.setdefault(key, []).extend(ws)
    return tuple((key, tuple(ws)) for key, ws in merged.items())


def table_of(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A vocabulary table (draft value → words) with every language's words, values in table order."""
    values = list(en.TABLES[name])
    return tuple((v, tuple(w for m in MODULES for w in m.TABLES[name].get(v, ()))) for v in values)


def group(name: str) -> tuple[str, ...]:
    """A vocabulary word group with every language's words."""
    return tuple(w for m in MODULES for w in m.GROUPS.get(name, ()))


def spelling() -> dict[str, str]:
    """Extra spellings of vocabulary words in every language."""
    return {k: v for m in MODULES for k, v in m.SPELLING.items()}
