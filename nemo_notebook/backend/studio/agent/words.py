"""Keyword matching that respects word boundaries for Latin words and matches CJK words anywhere."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .vocab import Table

# A letter or digit of a Latin word: a word ends where one of these stops, so "bgmなし" holds "bgm".
_LATIN = r"[0-9a-z_\u00c0-\u024f]"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def normalise(text: str) -> str:
    """Fold full-width forms and case, and collapse whitespace, so tables can match plainly."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


@lru_cache(maxsize=4096)
def _pattern(word: str) -> re.Pattern[str]:
    if _CJK.search(word):
        return re.compile(re.escape(word))
    return re.compile(rf"(?<!{_LATIN})" + re.escape(word) + rf"(?:e?s)?(?!{_LATIN})")


def find_all(text: str, words: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Every occurrence of any of ``words`` as (start, end, word)."""
    hits: list[tuple[int, int, str]] = []
    for word in words:
        hits.extend((m.start(), m.end(), word) for m in _pattern(word).finditer(text))
    return sorted(hits, key=lambda h: (h[0], -(h[1] - h[0])))


def has_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of ``words`` occurs in ``text``."""
    return any(_pattern(word).search(text) for word in words)


def table_hits(text: str, table: Table) -> list[tuple[int, str]]:
    """(position, value) for every table word found, earliest first, longest word winning at one position."""
    hits: list[tuple[int, int, str]] = []
    for value, words in table:
        hits.extend((start, -(end - start), value) for start, end, _ in find_all(text, words))
    hits.sort()
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, str]] = []
    for start, neg_len, value in hits:
        end = start - neg_len
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        out.append((start, value))
    return out


def first_value(text: str, table: Table) -> str | None:
    """The table value of the earliest word found, or None."""
    hits = table_hits(text, table)
    return hits[0][1] if hits else None


def all_values(text: str, table: Table) -> list[str]:
    """Distinct table values found, in table order."""
    found = {value for _, value in table_hits(text, table)}
    return [value for value, _ in table if value in found]


def prepare(*groups: tuple[str, ...] | Table) -> None:
    """Compile the patterns of word groups and tables up front, so the first turn is as fast as the rest."""
    for group in groups:
        for item in group:
            if isinstance(item, str):
                _pattern(item)
            elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], tuple):
                for word in item[1]:
                    if isinstance(word, str):
                        _pattern(word)
