"""Background music synthesised per mood with numpy: chords, pad, bass, arpeggio and a soft beat.

One seamless loop of eight bars is written as a 48 kHz stereo WAV; FFmpeg loops and mixes it.
"""

from __future__ import annotations

import threading
import wave
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

RATE = 48_000
VERSION = 2
TABLE = 4096
PHASE_BITS = 16
PHASE_ONE = 1 << PHASE_BITS


@dataclass(frozen=True)
class Mood:
    """How a mood sounds: tempo, key, chord choices and which parts play."""

    bpm: int
    root: int  # MIDI note of the key's tonic in the bass octave
    minor: bool
    progressions: tuple[tuple[int, ...], ...]
    drums: str  # "", "soft", "four", "half"
    arp: str  # "", "slow", "eighths", "sixteenths"
    bright: float  # harmonic richness 0..1


MOODS: dict[str, Mood] = {
    "calm": Mood(72, 48, False, ((0, 4, 5, 3), (0, 5, 3, 4)), "", "slow", 0.2),
    "ambient": Mood(60, 50, False, ((0, 3, 0, 4), (0, 5, 3, 3)), "", "", 0.15),
    "lofi": Mood(80, 51, False, ((1, 4, 0, 5), (5, 1, 4, 0)), "soft", "slow", 0.3),
    "upbeat": Mood(118, 43, False, ((0, 4, 5, 3), (5, 3, 0, 4)), "four", "eighths", 0.5),
    "dramatic": Mood(88, 50, True, ((0, 5, 2, 6), (0, 3, 5, 4)), "half", "eighths", 0.55),
    "synthwave": Mood(100, 45, True, ((0, 5, 2, 6), (0, 6, 5, 6)), "four", "sixteenths", 0.7),
    "celebratory": Mood(124, 41, False, ((0, 3, 4, 0), (0, 4, 5, 3)), "four", "eighths", 0.6),
    "corporate": Mood(110, 48, False, ((0, 4, 5, 3), (3, 0, 4, 5)), "soft", "eighths", 0.35),
}
MAJOR = (0, 2, 4, 5, 7, 9, 11)
MINOR = (0, 2, 3, 5, 7, 8, 10)


def mood_of(name: str) -> str:
    """A known mood name; anything else plays as calm."""
    return name if name in MOODS else "calm"


def _hz(midi: float) -> float:
    return 440.0 * 2 ** ((midi - 69) / 12)


def _chord(mood: Mood, degree: int, root: int) -> list[int]:
    """Triad plus seventh on a scale degree, as MIDI notes above `root`."""
    scale = MINOR if mood.minor else MAJOR
    notes = []
    for step in (0, 2, 4, 6):
        index = degree + step
        notes.append(root + scale[index % 7] + 12 * (index // 7))
    return notes


@lru_cache(maxsize=64)
def _table(harmonics: int, tilt: float) -> np.ndarray:
    """One period of a soft additive wave, as a lookup table."""
    phase = np.arange(TABLE) / TABLE * 2 * np.pi
    return sum(np.sin(phase * k) / k**tilt for k in range(1, harmonics + 1))


def _tone(freq: float, n: int, harmonics: int, tilt: float, phase: float = 0.0) -> np.ndarray:
    harmonics = max(1, min(harmonics, int(9000 // freq)))
    # A fixed-point phase accumulator: integer steps of 1/65536 of a table slot, wrapped by a mask.
    step = round(freq / RATE * TABLE * PHASE_ONE)
    start = round((phase / (2 * np.pi)) % 1.0 * TABLE * PHASE_ONE)
    index = (np.arange(n, dtype=np.int64) * step + start) >> PHASE_BITS & (TABLE - 1)
    return _table(harmonics, tilt)[index]


def _envelope(n: int, attack: float, release: float, decay: float = 0.0) -> np.ndarray:
    t = np.arange(n) / RATE
    env = np.minimum(1.0, t / max(attack, 1e-3))
    env *= np.clip((n / RATE - t) / max(release, 1e-3), 0.0, 1.0)
    if decay:
        env *= np.exp(-t / decay)
    return env


class _Mixer:
    """A circular stereo buffer, so that notes ringing past the loop end wrap to its start."""

    def __init__(self, n: int):
        self.buf = np.zeros((2, n))

    def add(self, start: int, sound: np.ndarray, gain: float, pan: float = 0.0) -> None:
        n = self.buf.shape[1]
        gains = np.array([[gain * (1 - pan) * 0.7], [gain * (1 + pan) * 0.7]])
        pos, offset = start % n, 0
        while offset < sound.size:
            take = min(n - pos, sound.size - offset)
            self.buf[:, pos : pos + take] += gains * sound[offset : offset + take]
            offset += take
            pos = 0


def synthesize(mood_name: str, seed: int = 0, bpm: int | None = None, bars: int = 8) -> np.ndarray:
    """A seamless loop of `bars` bars as float stereo samples (2, n) peaking at about -3 dBFS."""
    mood = MOODS[mood_of(mood_name)]
    rng = np.random.default_rng(abs(seed) + 7919 * list(MOODS).index(mood_of(mood_name)))
    tempo = bpm if bpm and 40 <= bpm <= 200 else mood.bpm
    beat = round(RATE * 60 / tempo)
    bar = beat * 4
    mix = _Mixer(bar * bars)
    root = mood.root + int(rng.integers(-2, 3))
    progression = mood.progressions[int(rng.integers(len(mood.progressions)))]
    harm = 3 + round(mood.bright * 8)
    arp_order = rng.permutation(4)
    for b in range(bars):
        chord = _chord(mood, progression[b % len(progression)], root)
        start = b * bar
        _pad(mix, chord, start, bar, harm, mood)
        _bass(mix, chord[0], start, beat, mood)
        _arp(mix, chord, start, beat, mood, arp_order, b)
        _drums(mix, start, beat, mood, rng)
    return _master(mix.buf)


def _pad(mix: _Mixer, chord: list[int], start: int, bar: int, harm: int, mood: Mood) -> None:
    n = int(bar * 1.25)
    env = _envelope(n, 0.35, 0.5)
    for i, note in enumerate(chord[:3] if mood.bright > 0.5 else chord):
        for detune, pan in ((-0.06, -0.6), (0.06, 0.6)):
            wave_ = _tone(_hz(note + 12 + detune), n, harm, 1.6, phase=i + detune)
            mix.add(start, wave_ * env, 0.05, pan)


def _bass(mix: _Mixer, note: int, start: int, beat: int, mood: Mood) -> None:
    step = beat // 2 if mood.drums in ("four",) else beat * 2
    count = (beat * 4) // step
    for k in range(count):
        n = int(step * 0.9)
        sound = _tone(_hz(note), n, 3, 2.0) * _envelope(n, 0.01, 0.06, decay=0.6)
        mix.add(start + k * step, sound, 0.22 if k % 2 == 0 else 0.16)


def _arp(
    mix: _Mixer,
    chord: list[int],
    start: int,
    beat: int,
    mood: Mood,
    order: np.ndarray,
    bar_index: int,
) -> None:
    if not mood.arp:
        return
    step = {"slow": beat, "eighths": beat // 2, "sixteenths": beat // 4}[mood.arp]
    count = (beat * 4) // step
    for k in range(count):
        note = chord[int(order[(k + bar_index) % 4])] + 24
        n = int(min(step * 2.5, RATE * 1.2))
        sound = _tone(_hz(note), n, 2, 2.0) * _envelope(n, 0.005, 0.08, decay=0.35)
        mix.add(start + k * step, sound, 0.07, pan=0.4 if k % 2 else -0.4)


def _noise(rng: np.random.Generator, n: int, smooth: int) -> np.ndarray:
    noise = rng.standard_normal(n + smooth)
    return np.convolve(noise, np.ones(smooth) / smooth, mode="valid")[:n]


def _drums(mix: _Mixer, start: int, beat: int, mood: Mood, rng: np.random.Generator) -> None:
    if not mood.drums:
        return
    kick_n = int(RATE * 0.35)
    t = np.arange(kick_n) / RATE
    kick = np.sin(2 * np.pi * (45 * t + 3.0 * (1 - np.exp(-t * 25))))
    kick *= np.exp(-t * 9) * _envelope(kick_n, 0.002, 0.02)
    kicks = {"four": (0, 1, 2, 3), "soft": (0, 2.5), "half": (0, 2)}[mood.drums]
    for k in kicks:
        mix.add(start + int(k * beat), kick, 0.45 if mood.drums != "soft" else 0.3)
    snare_n = int(RATE * 0.2)
    snare = _noise(rng, snare_n, 3) * np.exp(-np.arange(snare_n) / RATE * 22)
    for k in (1, 3):
        mix.add(start + k * beat, snare, 0.12 if mood.drums != "soft" else 0.08)
    hat_n = int(RATE * 0.05)
    hat = np.diff(rng.standard_normal(hat_n + 1)) * np.exp(-np.arange(hat_n) / RATE * 80)
    for k in range(8):
        mix.add(start + k * beat // 2, hat, 0.025 if k % 2 else 0.015, pan=0.3)


def _master(buf: np.ndarray) -> np.ndarray:
    kernel = np.ones(4) / 4
    smooth = np.stack([np.convolve(np.concatenate([ch[-3:], ch]), kernel, "valid") for ch in buf])
    peak = float(np.max(np.abs(smooth))) or 1.0
    return np.tanh(smooth / peak * 0.9) * 0.75


def write_wav(samples: np.ndarray, path: Path) -> None:
    """Write float stereo samples as 16-bit PCM at 48 kHz."""
    pcm = (np.clip(samples.T, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())


_LOCKS: dict[Path, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def music_file(mood: str, seed: int, bpm: int | None, cache: Path) -> Path:
    """The cached loop WAV for these parameters, synthesised on first use.

    Safe to call from several threads: one synthesises, the others wait for its file.
    """
    name = f"music-v{VERSION}-{mood_of(mood)}-{seed}-{bpm or 0}.wav"
    path = cache / name
    with _LOCKS_GUARD:
        lock = _LOCKS.setdefault(path, threading.Lock())
    with lock:
        if not path.exists():
            tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
            write_wav(synthesize(mood, seed, bpm), tmp)
            tmp.replace(path)
    return path
