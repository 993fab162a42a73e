"""The vocabulary tables and word groups, merged from every language module of ``lang``, plus tempo per mood."""

from __future__ import annotations

from . import lang

Table = tuple[tuple[str, tuple[str, ...]], ...]

TIME_OF_DAY: Table = lang.table_of("TIME_OF_DAY")

LANDSCAPE: Table = lang.table_of("LANDSCAPE")

EFFECTS: Table = lang.table_of("EFFECTS")

# The colour look of generated scenes (the renderer's scene palettes); "natural" clears it.
PALETTE: Table = lang.table_of("PALETTE")

MOTION: Table = lang.table_of("MOTION")

MOODS: Table = lang.table_of("MOODS")

MOOD_BPM = {
    "calm": 72,
    "ambient": 64,
    "lofi": 82,
    "upbeat": 120,
    "dramatic": 92,
    "synthwave": 108,
    "celebratory": 126,
    "corporate": 112,
}

ASPECTS: Table = lang.table_of("ASPECTS")

NO_MUSIC = lang.group("NO_MUSIC")

MUSIC_WORDS = lang.group("MUSIC_WORDS")

UPLOAD_WORDS = lang.group("UPLOAD_WORDS")

PROMO_WORDS = lang.group("PROMO_WORDS")

CORPORATE_HINTS = lang.group("CORPORATE_HINTS")

# Limitation key → words that ask for it.
LIMITS: Table = lang.table_of("LIMITS")

HELP_WORDS = lang.group("HELP_WORDS")

REGENERATE_WORDS = lang.group("REGENERATE_WORDS")

REMOVE_WORDS = lang.group("REMOVE_WORDS")

POSITIONS: Table = lang.table_of("POSITIONS")

RESOLUTIONS: Table = lang.table_of("RESOLUTIONS")


COLORS: Table = lang.table_of("COLORS")

BIGGER = lang.group("BIGGER")
SMALLER = lang.group("SMALLER")

EXPORT_WORDS = lang.group("EXPORT_WORDS")
