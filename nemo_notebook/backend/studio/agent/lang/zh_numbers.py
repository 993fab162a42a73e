"""Chinese numerals written in words (十五, 四十五, 两, 一百二十) rewritten as digits."""

from __future__ import annotations

import re

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百]+")


def value(word: str) -> int | None:
    """The value of a numeral up to 999 (一百二十 → 120), None when it is not one."""
    total, current = 0, 0
    for ch in word:
        if ch in DIGITS:
            current = current * 10 + DIGITS[ch] if current and word.find("十") < 0 else DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def to_digits(text: str, units: str) -> str:
    """``text`` with numerals that come before one of ``units`` (a regex alternation) as digits."""

    def swap(m: re.Match[str]) -> str:
        number = value(m.group(1))
        return m.group(0) if number is None else f"{number}{m.group(2)}"

    return re.sub(rf"({NUMERAL.pattern})\s*({units})", swap, text)


def read(text: str) -> str:
    """Chinese text with counted numerals (durations, steps, times) as digits; 一倍/一半 stay words."""
    return to_digits(text, r"分钟|分鐘|分半|分|秒|步|次|个|处|项")
