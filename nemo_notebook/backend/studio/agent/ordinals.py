"""Which photo or clip a message points at: "the third image", "photo 2", "第二张", "la última foto", "2枚目"."""

from __future__ import annotations

import re

from . import lang

LAST = -1
_WORDS = lang.mapping("ORDINAL_WORDS")
_WORD = re.compile(
    "|".join(
        (rf"(?<!\w){re.escape(w)}(?!\w)" if w.isascii() else re.escape(w))
        for w in sorted(_WORDS, key=len, reverse=True)
    )
)
# Numbered forms: each language's ("photo 2", "2nd", "第2张", "2枚目"), and "#2" in any.
_NUMBERED = re.compile(
    "|".join([*(f"(?:{s})" for s in lang.sources("ORDINAL_NUMBERED")), r"#(\d{1,2})(?!\d)"])
)
ITEM_WORDS = lang.group("ITEM_WORDS")


def find(text: str) -> list[tuple[int, int]]:
    """(position, 1-based index or LAST) for every ordinal in ``text``, in order."""
    found: list[tuple[int, int, int]] = []
    for m in _WORD.finditer(text):
        found.append((m.start(), m.end(), _WORDS[m.group(0)]))
    for m in _NUMBERED.finditer(text):
        value = lang.numeral(lang.first_group(m))
        if value is not None:  # digits and numerals mixed: not an ordinal
            found.append((m.start(), m.end(), value))
    out: list[tuple[int, int]] = []
    end = -1
    for start, stop, value in sorted(found, key=lambda f: (f[0], -f[1])):
        if start >= end:
            out.append((start, value))
            end = stop
    return out


def resolve(value: int, count: int) -> int | None:
    """A 0-based index for an ordinal among ``count`` items, None when out of range."""
    index = count - 1 if value == LAST else value - 1
    return index if 0 <= index < count else None
