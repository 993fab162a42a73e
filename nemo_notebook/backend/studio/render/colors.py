"""Colour strings from drafts (`#rgb`, `#rrggbb`, `#rrggbbaa`) as RGBA tuples."""

from __future__ import annotations

NAMED = {
    "white": "#ffffff",
    "black": "#000000",
    "red": "#e53935",
    "yellow": "#ffd54f",
    "blue": "#1e88e5",
    "green": "#43a047",
    "orange": "#fb8c00",
    "pink": "#f48fb1",
}


def parse_color(
    value: object, default: tuple[int, int, int, int] = (255, 255, 255, 255)
) -> tuple[int, int, int, int]:
    """An RGBA tuple; anything unreadable gives `default`."""
    text = str(value or "").strip().lower()
    text = NAMED.get(text, text).lstrip("#")
    if len(text) in (3, 4):
        text = "".join(ch * 2 for ch in text)
    if len(text) == 6:
        text += "ff"
    if len(text) != 8:
        return default
    try:
        r, g, b, a = (int(text[i : i + 2], 16) for i in range(0, 8, 2))
    except ValueError:
        return default
    return r, g, b, a
