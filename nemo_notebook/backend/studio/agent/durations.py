"""Durations in the forms people write them: "15-second", "1:30", "a minute", "15秒", "半分钟", "1 minuto"."""

from __future__ import annotations

import re

from .lang.zh_numbers import value as zh_value

_SEC = r"(?:seconds?|secs?|s|segundos?|segs?|秒間|秒钟|秒鐘|秒)"
_MIN = r"(?:minutes?|mins?|minutos?|分钟|分鐘|分間|分)"
_NUM = r"(\d+(?:[.,]\d+)?)"
_LATIN_END = r"(?![a-z])"

# "1 min 30 s", "1 minute 30", "1分30秒": the seconds' unit may be left out after a minute.
_COMBINED = re.compile(
    _NUM
    + r"\s*"
    + _MIN
    + r"\s*(?:and\s+|y\s+)?"
    + _NUM
    + r"(?:\s*"
    + _SEC
    + _LATIN_END
    + r"|(?![\d.,%:]))"
)
_CLOCK = re.compile(r"(?<![\d:.])(\d{1,2}):([0-5]\d)(?![\d:])(?!\s*(?:am|pm))")
_NUMERIC = re.compile(
    r"(?<![\d.])(?<!\d,)" + _NUM + r"\s*-?\s*(" + _SEC + "|" + _MIN + ")" + _LATIN_END
)

_WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cinco": 5,
    "diez": 10,
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "sesenta": 60,
    "noventa": 90,
}
_WORDS = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
_WORD_DURATION = re.compile(
    r"(?<![\w-])("
    + _WORDS
    + r")[\s-]+(?:(second|seconds|segundos?)|(minute|minutes|minutos?))(?!\w)"
)
_HALF_MINUTE = re.compile(r"half a minute|half-minute|half minute|medio minuto|半分钟|半分鐘")
_MINUTE_AND_HALF = re.compile(
    r"(?:(?:a|one|un)\s+)?minut[oe] (?:and a half|y medio)|one and a half minutes?|一分半钟?|1分半"
)
_CN_DURATION = re.compile(r"([零一二两三四五六七八九十]+)\s*(秒钟|秒|分钟|分鐘)")
_ARTICLES = ("a", "an", "un", "una", "uno")
_DECADE_HINTS = (
    "retro",
    "style",
    "synth",
    "vibe",
    "aesthetic",
    "pop",
    "look",
    "music",
    "estilo",
    "風",
)


def _is_decade(text: str, match: re.Match[str], value: float, unit: str) -> bool:
    if unit != "s":
        return False
    start = match.start()
    if value >= 1000 or (start > 0 and text[start - 1] in "'’"):
        return True
    return value in (50, 60, 70, 80, 90) and any(h in text for h in _DECADE_HINTS)


def _seconds(value: str, unit: str) -> float:
    number = float(value.replace(",", "."))
    return number * 60 if re.fullmatch(_MIN, unit) else number


def parse_duration(text: str) -> float | None:
    """Seconds asked for in normalised ``text`` (the earliest mention), or None."""
    if m := _COMBINED.search(text):
        return float(m.group(1).replace(",", ".")) * 60 + float(m.group(2).replace(",", "."))
    found: list[tuple[int, int, float]] = []
    for pattern, seconds in ((_HALF_MINUTE, 30.0), (_MINUTE_AND_HALF, 90.0)):
        found.extend((m.start(), 0, seconds) for m in pattern.finditer(text))
    for m in _CLOCK.finditer(text):
        if m.group(0) == "9:16":
            continue
        found.append((m.start(), 1, int(m.group(1)) * 60 + int(m.group(2))))
    for m in _NUMERIC.finditer(text):
        if not _is_decade(text, m, float(m.group(1).replace(",", ".")), m.group(2)):
            found.append((m.start(), 1, _seconds(m.group(1), m.group(2))))
    for m in _WORD_DURATION.finditer(text):
        if m.group(3) or m.group(1) not in _ARTICLES:
            found.append((m.start(), 1, _WORD_NUMBERS[m.group(1)] * (60 if m.group(3) else 1)))
    for m in _CN_DURATION.finditer(text):
        found.append(
            (m.start(), 1, (zh_value(m.group(1)) or 0) * (60 if m.group(2).startswith("分") else 1))
        )
    return float(min(found)[2]) if found else None
