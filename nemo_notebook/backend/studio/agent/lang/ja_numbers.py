"""Japanese numerals written in kanji (十五秒, 三十, 一分) and counters (二つ) rewritten as digits."""

from __future__ import annotations

from .zh_numbers import to_digits

_COUNTERS = {"一つ": "1つ", "二つ": "2つ", "三つ": "3つ", "四つ": "4つ", "五つ": "5つ"}


def read(text: str) -> str:
    """Japanese text with counted numerals as digits (the kanji values are shared with Chinese)."""
    for word, digits in _COUNTERS.items():
        text = text.replace(word, digits)
    return to_digits(text, r"分間|分半|分|秒間|秒|回|個|つ|倍")
