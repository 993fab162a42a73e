"""Typo tolerance: a Latin word the vocabulary does not know is read as the one vocabulary word it is one slip from.

A slip is one edit (a letter added, dropped, changed, or two swapped: optimal string alignment distance 1)
on words of five letters or more, after folding accents. A word the vocabulary or a language's ``KNOWN``
list holds is never changed, nor is a common English word (by its frequency in ``common_english_search``,
so "world" never becomes "would"); no known word turns into another, and a word one slip from two
vocabulary words is left alone.
"""

from __future__ import annotations

import importlib.util
import pickle
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from . import lang

_WORD = re.compile(r"[a-zñáéíóúü]+")
MIN_LENGTH = 5
# Words used at least this often in English text (per word) are real words, not slips: "forrest" (4e-6) is
# a slip, "sunset" (1.1e-5) and "called" (3.9e-4) are words.
COMMON_SHARE = 5e-6


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    """English words used at least ``COMMON_SHARE`` of the time, from ``common_english_search``'s frequency
    table (read directly: importing the package's module would load ``inflect``, which takes seconds)."""
    spec = importlib.util.find_spec("common_english_search")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    table = Path(next(iter(spec.submodule_search_locations))) / "data" / "english_words.pkl"
    with table.open("rb") as f:
        frequencies = pickle.load(f)  # the installed package's own data file
    return frozenset(w for w, share in frequencies.items() if share >= COMMON_SHARE)


def common(word: str) -> bool:
    """Whether ``word`` (or the word it is the plural of) is a common English word."""
    words = _english()
    return word in words or (word.endswith("s") and (word[:-1] in words or word[:-2] in words))


def fold(word: str) -> str:
    """A word without accents ("música" → "musica")."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _inflection(word: str, other: str) -> bool:
    """Whether two words differ only by a gender or number vowel near the end ("cambio"/"cambia",
    "últimos"/"últimas"): in Spanish both are real words, so neither is a slip for the other."""
    if len(word) != len(other):
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
    return (
        len(diff) == 1
        and diff[0] >= len(word) - 2
        and {word[diff[0]], other[diff[0]]} <= set("aeo")
    )


class Speller:
    """Corrects words against a vocabulary of single Latin words."""

    def __init__(self, vocabulary: set[str], known: set[str], spelling: dict[str, str]) -> None:
        self.words = sorted(w for w in vocabulary if len(w) >= 3)
        self._folded: dict[str, str] = {}
        for word in self.words:
            self._folded.setdefault(fold(word), word)
        self.known = set(self.words) | known | {fold(w) for w in known}
        self.spelling = spelling

    @lru_cache(maxsize=8192)  # noqa: B019 - one speller lives as long as the process
    def word(self, word: str) -> str:
        """The vocabulary word ``word`` stands for, or ``word`` itself."""
        if word in self.spelling:
            return self.spelling[word]
        if word in self.known or len(word) < MIN_LENGTH - 1:
            return word
        folded = fold(word)
        if folded in self._folded:
            return self._folded[folded]
        if folded.endswith("s") and folded[:-1] in self._folded:
            return self._folded[folded[:-1]] + "s"
        if (folded + "s") in self._folded or (folded + "es") in self._folded:
            return word
        if len(word) < MIN_LENGTH or (word.endswith("s") and word[:-1] in self.known):
            return word
        if not extract(folded, list(self._folded), scorer=OSA.distance, score_cutoff=1, limit=1):
            stem = self.word(word[:-1]) if word.endswith("s") else word[:-1]
            return stem + "s" if stem != word[:-1] else word
        if common(word):
            return word
        near = extract(folded, list(self._folded), scorer=OSA.distance, score_cutoff=1, limit=3)
        targets = {self._folded[w] for w, _, _ in near if not _inflection(folded, w)}
        return targets.pop() if len(targets) == 1 else word

    def text(self, text: str) -> str:
        """``text`` with every unknown word corrected."""
        return _WORD.sub(lambda m: self.word(m.group(0)), text)


def build(vocabulary_words: tuple[str, ...]) -> Speller:
    """A speller for the single words in ``vocabulary_words`` plus every language's own words."""
    singles = {w for w in vocabulary_words if _WORD.fullmatch(w)}
    for phrase in vocabulary_words:
        singles.update(p for p in phrase.split() if _WORD.fullmatch(p))
    return Speller(singles, set(lang.words("KNOWN")), lang.spelling())
