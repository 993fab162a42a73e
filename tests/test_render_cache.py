"""Renders are not done twice: the render cache, reused windows, and the client's export cache."""

from __future__ import annotations

import copy
import os
import time
from pathlib import Path

import pytest

from nemo_notebook.backend.render_cache import RenderCache
from nemo_notebook.backend.studio.render import pipeline, render_draft
from nemo_notebook.backend.studio.render import plan as plan_mod
from nemo_notebook.backend.studio.render.plan import make_plan, windows
from nemo_notebook.models import RenderStatus
from nemo_notebook.render_key import output_draft, render_digest

CITY = "gen:scene/city-dusk?tod=sunset&land=city&fx=birds&motion=pan&seed=4"


def titled(title: str = "Urban Dreams") -> dict:
    """Three pieces with fades and a title in the first: a draft cut into windows below."""
    sg = []
    for k, src in enumerate([CITY, "gen:color/204060", "gen:color/806040"]):
        seg = {"st": k * 2000, "d": 2000, "src": src}
        if k:
            seg["tr"] = {"type": "fade", "d": 300}
        sg.append(seg)
    text = {"st": 0, "d": 1500, "tx": title, "sty": {"pos": "center", "size": 90, "fi": 200}}
    music = {"st": 0, "d": 6000, "src": "gen:music/calm?seed=2", "vol": 0.4, "fo": 800}
    return {
        "d": 6000,
        "m": {"aspect": "16:9", "seed": 3, "title": title},
        "t": [{"tt": 0, "sg": sg}, {"tt": 1, "sg": [music]}, {"tt": 7, "sg": [text]}],
    }


def test_the_key_ignores_what_the_renderer_does_not_read() -> None:
    a = titled()
    b = copy.deepcopy(a)
    b["m"].update(title="Another name", prompt="make it", lang="de")
    b["t"][0]["sg"][0]["n"] = "label only"
    assert render_digest(a, "1080p") == render_digest(b, "1080p")
    assert render_digest(a, "1080p") != render_digest(a, "720p")
    c = copy.deepcopy(a)
    c["t"][1]["sg"][0]["tx"] = "Urban Nights"
    assert render_digest(a, "1080p") != render_digest(c, "1080p")


def test_uploaded_sources_are_keyed_by_path_not_host() -> None:
    one = {"t": [{"tt": 0, "sg": [{"src": "http://127.0.0.1:4000/files/uploads/ab.png"}]}]}
    two = {"t": [{"tt": 0, "sg": [{"src": "http://localhost:5000/files/uploads/ab.png"}]}]}
    assert output_draft(one) == output_draft(two)


def test_window_cuts_depend_only_on_the_bottom_track(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_mod, "WINDOW_SECONDS", 1)
    monkeypatch.setattr(plan_mod, "WINDOW_MIN_SECONDS", 1)
    before = titled()
    after = copy.deepcopy(before)
    after["t"][1]["sg"][0].update(tx="A much longer title here", st=500, d=3000)
    spans = windows(make_plan(before, "360p"))
    assert len(spans) == 3
    assert spans == windows(make_plan(after, "360p"))


def test_progress_label_has_frames_time_left_and_speed() -> None:
    body = {
        "data": {
            "id": "r",
            "status": "processing",
            "progress": 45,
            "frames": 203,
            "totalFrames": 450,
            "speed": 1.43,
            "secondsLeft": 65.2,
        }
    }
    status = RenderStatus.from_wire(body)
    assert status.label == "203/450 frames · 1:05 left · 1.4× real time"
    assert RenderStatus.from_wire({"data": {"id": "r", "status": "processing"}}).label == (
        "processing"
    )


@pytest.mark.slow
def test_an_edit_reencodes_only_its_window_and_matches_a_cold_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_mod, "WINDOW_SECONDS", 1)
    monkeypatch.setattr(plan_mod, "WINDOW_MIN_SECONDS", 1)
    encodes: list[str] = []
    real_run = pipeline.ffmpeg.run

    def counting(args: list[str], *rest: object, **kw: object) -> None:
        encodes.extend(codec for codec in ("libx264", "aac") if codec in args)
        real_run(args, *rest, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.ffmpeg, "run", counting)

    def render(draft: dict, name: str, cache: Path) -> bytes:
        out = tmp_path / name
        render_draft(
            draft,
            out,
            resolution="360p",
            resolve=lambda s: None,
            work_dir=tmp_path / f"work-{name}",
            cache_dir=cache,
        )
        return out.read_bytes()

    warm = tmp_path / "warm"
    render(titled(), "first.mp4", warm)
    assert encodes == ["libx264"] * 3 + ["aac"]
    edited = titled("Urban Nights")
    encodes.clear()
    incremental = render(edited, "second.mp4", warm)
    assert encodes == ["libx264"]  # only the window with the title; the sound is kept too
    encodes.clear()
    cold = render(edited, "cold.mp4", tmp_path / "cold")
    assert encodes == ["libx264"] * 3 + ["aac"]
    assert incremental == cold
    encodes.clear()
    assert render(titled(), "again.mp4", warm) == (tmp_path / "first.mp4").read_bytes()
    assert encodes == []


def test_the_cache_drops_its_oldest_files_past_its_budget(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path, budget=250)
    old = time.time() - 3600
    for k, folder in enumerate(("outputs", "studio", "studio/windows")):
        path = tmp_path / folder / f"{k}.bin"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 100)
        os.utime(path, (old + k, old + k))
    fresh = tmp_path / "studio" / "fresh.bin"
    fresh.write_bytes(b"x" * 100)  # just written: another render may be reading it
    cache.prune()
    left = sorted(p.name for p in tmp_path.rglob("*.bin"))
    assert left == ["2.bin", "fresh.bin"]
