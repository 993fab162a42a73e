"""Synthesised music: loops per mood, deterministic per seed, made once however many ask."""

from __future__ import annotations

import threading
import wave
from pathlib import Path

import numpy as np
import pytest

from nemo_notebook.backend.studio.render import music
from nemo_notebook.backend.studio.render.music import MOODS, RATE, music_file, synthesize


@pytest.mark.parametrize("mood", ["calm", "upbeat", "synthwave"])
def test_a_loop_is_eight_bars_at_the_moods_tempo_and_peaks_near_minus_3_dbfs(mood: str) -> None:
    samples = synthesize(mood, seed=5)
    assert samples.shape == (2, 8 * 4 * round(RATE * 60 / MOODS[mood].bpm))
    assert 0.5 < np.abs(samples).max() <= 0.76


def test_the_loop_joins_without_a_click() -> None:
    samples = synthesize("lofi", seed=2)
    seam = np.abs(samples[:, 0] - samples[:, -1]).max()
    assert seam < 4 * np.percentile(np.abs(np.diff(samples, axis=1)), 99)


def test_same_seed_same_music_other_seed_other_music() -> None:
    a, b, c = synthesize("calm", 1), synthesize("calm", 1), synthesize("calm", 2)
    assert np.array_equal(a, b)
    assert a.shape != c.shape or np.abs(a - c).mean() > 0.01


def test_moods_sound_different() -> None:
    calm, upbeat = synthesize("calm", 3), synthesize("upbeat", 3)
    rms = [float(np.sqrt(np.mean(s**2))) for s in (calm, upbeat)]
    assert calm.shape != upbeat.shape and abs(rms[0] - rms[1]) > 0.01


def test_the_loop_file_is_made_once_when_threads_ask_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths: list[Path] = []
    gate = threading.Barrier(4)
    made: list[str] = []

    def counted(*args: object) -> np.ndarray:
        made.append(str(args[0]))
        return synthesize(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(music, "synthesize", counted)

    def ask() -> None:
        gate.wait()
        paths.append(music_file("ambient", 9, None, tmp_path))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == ["ambient"]
    assert len(set(paths)) == 1 and [p.name for p in tmp_path.iterdir()] == [paths[0].name]
    with wave.open(str(paths[0])) as wav:
        assert (wav.getnchannels(), wav.getframerate()) == (2, RATE)
        assert wav.getnframes() == synthesize("ambient", 9).shape[1]
