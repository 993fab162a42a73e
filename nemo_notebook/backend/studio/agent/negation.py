"""Slots a message switches off ("no music", "sin título", "不要字幕", "BGMはなしで", "no rain"), read once
from every language's ``NEGATION`` pattern around each slot's words."""

from __future__ import annotations

import re
from functools import lru_cache

from . import lang, vocab
from .words import alternation

# The slots that can be switched off: music, on-screen text, and each weather or effect by its value.
MUSIC, TEXT = "music", "text"


def _slots() -> tuple[tuple[str, tuple[str, ...]], ...]:
    texts = (*lang.group("TITLE"), *lang.group("CAPTION"))
    return ((MUSIC, vocab.MUSIC_WORDS), (TEXT, texts), *vocab.EFFECTS)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """One pattern with a named group per slot (compiled on first use, not at import)."""
    groups = []
    for key, words in _slots():
        either = "|".join(f"(?:{src})" for src in lang.filled("NEGATION", alternation(words)))
        groups.append(f"(?P<{key}>{either})")
    return re.compile("|".join(groups))


def switched_off(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(the slots the words switch off, the phrases that say so) in normalised ``text``."""
    keys: set[str] = set()
    phrases: list[str] = []
    for m in _pattern().finditer(text):
        if m.lastgroup:
            keys.add(m.lastgroup)
            phrases.append(m.group(0))
    return frozenset(keys), tuple(phrases)
