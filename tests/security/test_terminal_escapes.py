"""``nemo-notebook`` never passes a backend's terminal control sequences through to the terminal."""

from __future__ import annotations

import re
import sys

import pytest

from nemo_notebook.backend.server import ServerHandle
from nemo_notebook.cli import main
from nemo_notebook.terminal import plain

ATTACKS = {
    "window title (OSC 0, BEL)": ("a\x1b]0;pwned\x07b", "ab"),
    "window title (OSC 2, ST)": ("a\x1b]2;pwned\x1b\\b", "ab"),
    "clipboard write (OSC 52)": ("a\x1b]52;c;ZWNobyBwd25lZA==\x07b", "ab"),
    "hyperlink (OSC 8)": ("\x1b]8;;http://evil.test\x1b\\click\x1b]8;;\x1b\\", "click"),
    "clear screen": ("\x1b[2J\x1b[Hclean", "clean"),
    "colour": ("\x1b[31mred\x1b[0m", "red"),
    "cursor up and erase line": ("ok\x1b[1A\x1b[2Kfake", "okfake"),
    "8-bit CSI": ("\x9b2Jx", "x"),
    "8-bit OSC": ("\x9d0;pwned\x9cx", "x"),
    "DCS string": ("\x1bP1$qm\x1b\\x", "x"),
    "APC string": ("\x1b_payload\x1b\\x", "x"),
    "reset terminal (RIS)": ("\x1bcx", "x"),
    "keypad mode": ("\x1b=x", "x"),
    "charset switch": ("\x1b(0x", "x"),
    "carriage return overwrite": ("rm -rf /\rls", "rm -rf /ls"),
    "backspace": ("abc\x08\x08x", "abcx"),
    "bell": ("a\x07b", "ab"),
    "NUL and DEL": ("a\x00b\x7fc", "abc"),
    "right-to-left override": ("file\u202egnp.exe", "filegnp.exe"),
    "unterminated OSC": ("a\x1b]0;forever", "a"),
    "lone ESC at the end": ("a\x1b", "a"),
}
KEPT = ["plain text", "line one\nline two", "tab\tseparated", "日落 🎬 — ok", "50% · done ✓"]


@pytest.mark.parametrize("case", ATTACKS)
def test_control_sequences_are_removed(case: str) -> None:
    raw, shown = ATTACKS[case]
    assert plain(raw) == shown


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_text_is_kept_as_is(text: str) -> None:
    assert plain(text) == text


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_run_prints_an_echoed_title_without_its_escape_sequences(
    server: ServerHandle, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEMO_BASE_URL", server.url)
    title = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07Night"
    assert main(["run", f'make a 5 second video titled "{title}"']) == 0
    printed = capsys.readouterr()
    assert "Night" in printed.out  # the agent repeats the title
    assert CONTROL.search(printed.out) is None and CONTROL.search(printed.err) is None
    assert main(["state"]) == 0
    assert CONTROL.search(capsys.readouterr().out) is None


def test_render_status_from_the_backend_is_printed_plain(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from nemo_notebook.cli import _Printer

    _Printer(sys.stdout).progress(50.0, "\x1b]0;pwned\x07\x1b[2Jrendering")
    out = capsys.readouterr().out
    assert CONTROL.search(out.replace("\n", "")) is None and "rendering" in out
