"""The ``nemo-notebook`` command against the embedded backend."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import av
import pytest

from nemo_notebook.cli import _Printer, main


def test_credits_prints_the_balance(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["credits"]) == 0
    out = capsys.readouterr().out
    assert "credits available" in out


def test_empty_prompt_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "   "]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "empty" in captured.err
    assert "Traceback" not in captured.err


def test_state_without_any_session_says_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "fresh"))
    assert main(["state"]) == 1
    assert "--session" in capsys.readouterr().err


def test_bad_base_url_exits_1_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "NEMO_BASE_URL": "ftp://example.com", "NEMO_CONFIG_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "nemo_notebook", "credits"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "NEMO_BASE_URL" in done.stderr and "ftp://example.com" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_run_streams_the_reply_exports_and_state_shows_the_tracks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "clip.mp4"
    prompt = "make a 3 second video of a city at night"
    assert (
        main(["run", prompt, "--aspect", "9:16", "--export", str(out), "--resolution", "720p"]) == 0
    )
    printed = capsys.readouterr().out
    assert "rendering 100%|" in printed and f"saved {out}" in printed
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert (stream.codec_context.width, stream.codec_context.height) == (720, 1280)
    assert main(["state"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("Timeline (") and "Video" in shown


def test_progress_is_a_tqdm_style_line_with_frames_time_left_and_speed() -> None:
    out = io.StringIO()
    printer = _Printer(out)
    label = "203/450 frames · 0:05 left · 1.4× real time"
    for pct in (0.0, 2.0, 45.0, 46.0, 100.0):
        printer.progress(pct, label)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3  # off a terminal: one line per tenth, not one per update
    assert lines[1] == f"rendering  45%|{'█' * 10}{'▊'}{' ' * 13}| {label}"
    assert lines[2].startswith("rendering 100%|" + "█" * 24 + "|")
