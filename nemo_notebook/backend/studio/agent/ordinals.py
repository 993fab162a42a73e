"""Which photo or clip a message points at: "the third image", "photo 2", "第二张", "la última foto", "2枚目"."""

from __future__ import annotations

import re

from . import lang
from .lang.zh_numbers import value as zh_value

_EN = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "primera": 1,
    "primer": 1,
    "primero": 1,
    "segunda": 2,
    "segundo": 2,
    "tercera": 3,
    "tercer": 3,
    "tercero": 3,
    "cuarta": 4,
    "cuarto": 4,
    "quinta": 5,
    "quinto": 5,
}
LAST = -1
_TOKEN = re.compile(
    r"(?<!\w)(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|primera|primer|primero|segunda"
    r"|segundo|tercera|tercer|tercero|cuarta|cuarto|quinta|quinto|last|última|ultima|último)(?!\w)"
    r"|(?<!\w)(\d{1,2})(?:st|nd|rd|th|º|ª)(?!\w)"
    r"|(?:photo|image|picture|pic|slide|clip|scene|shot|foto|imagen)\s*#?\s*(\d{1,2})(?!\d)|#(\d{1,2})(?!\d)"
    r"|第\s*([一二两三四五六七八九十\d]+)\s*[张個个段幅]?|最后一?[张个段幅]?|最後|最初"
    r"|(\d{1,2})\s*(?:枚目|番目|つ目)"
)
ITEM_WORDS = lang.group("ITEM_WORDS")


def find(text: str) -> list[tuple[int, int]]:
    """(position, 1-based index or LAST) for every ordinal in ``text``, in order."""
    out: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text):
        word, nth, numbered, hashed, cn, jp = m.groups()
        token = m.group(0)
        if word:
            value = LAST if word in ("last", "última", "ultima", "último") else _EN[word]
        elif token.startswith(("最后", "最後")):
            value = LAST
        elif token == "最初":
            value = 1
        elif cn:
            read = int(cn) if cn.isdigit() else zh_value(cn)
            if read is None:  # digits and numerals mixed: not an ordinal
                continue
            value = read
        else:
            value = int(nth or numbered or hashed or jp)
        out.append((m.start(), value))
    return out


def resolve(value: int, count: int) -> int | None:
    """A 0-based index for an ordinal among ``count`` items, None when out of range."""
    index = count - 1 if value == LAST else value - 1
    return index if 0 <= index < count else None
