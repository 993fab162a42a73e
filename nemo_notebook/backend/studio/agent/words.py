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


def _source(words: list[str]) -> str:
    """Words (longest first) as one alternation: words with CJK match anywhere; the Latin ones share
    one pair of boundaries, so the pattern (and its compile time) grows by the words alone."""
    cjk = [re.escape(w) for w in words if _CJK.search(w)]
    latin = [re.escape(w) for w in words if not _CJK.search(w)]
    parts = cjk
    if latin:
        parts = [*cjk, rf"(?<!{_LATIN})(?:{'|'.join(latin)})(?:e?s)?(?!{_LATIN})"]
    return "|".join(parts) or r"(?!)"


def alternation(words: tuple[str, ...]) -> str:
    """The pattern source matching any of ``words`` (longest first, Latin ones as whole words), for
    composing into larger patterns."""
    return _source(sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1024)
def _any(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a group of words, longest first, so a scan finds the longest word at each place."""
    return re.compile(_source(sorted(set(words), key=len, reverse=True)))


@lru_cache(maxsize=256)
def _table(table: Table) -> tuple[re.Pattern[str], dict[str, str]]:
    lookup: dict[str, str] = {}
    for value, words in table:
        for word in words:
            lookup.setdefault(word, value)
    return _any(tuple(lookup)), lookup


def without(text: str, phrases: tuple[str, ...]) -> str:
    """``text`` with every whole occurrence of ``phrases`` blanked out (Latin ones as whole words), so the
    words left are read as if the phrases had not been said."""
    for phrase in phrases:
        if phrase:
            text = _any((phrase,)).sub(lambda m: " " * len(m.group(0)), text)
    return text


def find_all(text: str, words: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Every occurrence of any of ``words`` as (start, end, matched text), longest first where they overlap."""
    return [(m.start(), m.end(), m.group(0)) for m in _any(words).finditer(text)]


def has_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of ``words`` occurs in ``text``."""
    return _any(words).search(text) is not None


def table_spans(text: str, table: Table) -> list[tuple[int, int, str]]:
    """(start, end, value) for every table word found, earliest first, longest word winning at one place."""
    pattern, lookup = _table(table)
    out: list[tuple[int, int, str]] = []
    for m in pattern.finditer(text):
        found = m.group(0)
        value = lookup.get(found) or lookup.get(found[:-1]) or lookup.get(found[:-2])
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out


def without_table(text: str, table: Table) -> str:
    """``text`` with every word of ``table`` blanked out, so a phrase of one table names nothing of another
    ("太阳下山", the sun going down, is a time of day and no mountain)."""
    for start, end, _ in reversed(table_spans(text, table)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def table_hits(text: str, table: Table) -> list[tuple[int, str]]:
    """(position, value) for every table word found, earliest first, longest word winning at one position."""
    return [(start, value) for start, _, value in table_spans(text, table)]


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
        if all(isinstance(item, str) for item in group):
            _any(group)  # type: ignore[arg-type]
        elif all(isinstance(item, tuple) and len(item) == 2 for item in group):
            _table(group)  # type: ignore[arg-type]
