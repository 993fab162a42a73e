"""Text from a backend made safe to print to a terminal: no escape sequences, no control characters.

A reply could otherwise retitle the window, clear the screen, write the clipboard (OSC 52), hide text or
move the cursor over earlier output. Newlines and tabs stay; every other C0/C1 control, DEL, the escape
sequences built on them, and the bidirectional overrides that reorder what is shown are removed.
"""

from __future__ import annotations

import re

# ESC-introduced sequences (ECMA-48): string commands (OSC, DCS, SOS, PM, APC) up to their terminator,
# CSI with its parameters, and the two-character escapes; then the same introducers in their 8-bit C1
# form; then any control character left over.
_SEQUENCE = re.compile(
    r"""
    (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) .*? (?:\x07|\x1b\\|\x9c|$)   # OSC/DCS/SOS/PM/APC strings
    | (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]?                                 # CSI sequences
    | \x1b [ -/]* [0-~]?                                                   # other escapes
    | [\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]  # controls, bidi overrides
    """,
    re.VERBOSE | re.DOTALL,
)


def plain(text: str) -> str:
    """``text`` without terminal control sequences or control characters (``\\n`` and ``\\t`` kept)."""
    return _SEQUENCE.sub("", text)
