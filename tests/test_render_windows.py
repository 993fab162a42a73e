"""Long drafts render one window at a time: same pictures and sound, bounded inputs per run."""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image, ImageDraw

from nemo_notebook.backend.studio.render import pipeline, render_draft
from nemo_notebook.backend.studio.render import plan as plan_mod
from nemo_notebook.backend.studio.render.ffmpeg import ffmpeg_exe
from nemo_notebook.backend.studio.render.graph import compile_plan
from nemo_notebook.backend.studio.render.plan import make_plan, windows

CITY = "gen:scene/city-dusk?tod=sunset&land=city&fx=birds&motion=pan&seed=4"
SEA = "gen:scene/sea-night?tod=night&land=sea&fx=stars&motion=drift&seed=5"


def slideshow(segments: int, seconds: float, fade_ms: int = 500) -> dict:
    """Back-to-back scenes and colours with fades, like a long generated promo."""
    ms, sg = int(seconds * 1000), []
    for k in range(segments):
        seg = {"st": k * ms, "d": ms, "src": [CITY, SEA, "gen:color/204060"][k % 3]}
        if k:
            seg["tr"] = {"type": "fade", "d": fade_ms}
        sg.append(seg)
    return {"d": segments * ms, "m": {"aspect": "16:9", "seed": 3}, "t": [{"tt": 0, "sg": sg}]}


def test_a_short_draft_is_one_window():
    assert windows(make_plan(slideshow(2, 7.5))) == [(0, 450)]


def test_long_drafts_cut_only_after_a_fade_has_finished():
    plan = make_plan(slideshow(15, 8))
    spans = windows(plan)
    assert len(spans) >= 3
    assert spans[0][0] == 0 and spans[-1][1] == plan.canvas.frames
    assert all(a < b for a, b in spans)
    assert all(prev[1] == nxt[0] for prev, nxt in itertools.pairwise(spans))
    fade_ends = {k * 240 + 15 for k in range(1, 15)}
    assert {a for a, _ in spans[1:]} <= fade_ends
    assert all(b - a >= plan_mod.WINDOW_MIN_SECONDS * 30 for a, b in spans)


@pytest.mark.slow
def test_each_window_opens_only_its_own_inputs(tmp_path):
    plan = make_plan(slideshow(40, 3))
    whole = compile_plan(plan, tmp_path, lambda src: None)
    spans = windows(plan)
    sizes = [
        len(compile_plan(plan, tmp_path, lambda src: None, span, sound=False).inputs)
        for span in spans
    ]
    assert len(spans) >= 4
    assert max(sizes) <= len(whole.inputs) / 3


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("window-media")
    photo = root / "photo.png"
    img = Image.new("RGB", (1200, 800), (20, 60, 120))
    draw = ImageDraw.Draw(img)
    for k in range(10):
        draw.rectangle((k * 110, k * 70, k * 110 + 150, k * 70 + 90), fill=(240, 180 - k * 12, 40))
    img.save(photo)
    clip = root / "clip.mp4"
    subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=640x360:r=30:d=4",
            "-f",
            "lavfi",
            "-i",
            "sine=f=660:d=4",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            "-shortest",
            str(clip),
        ],
        check=True,
    )
    return {"photo": photo, "clip": clip}


def mixed_draft() -> dict:
    """Scenes, a Ken Burns photo, a title, an inset clip with sound and a fade to black that
    straddle the cuts."""
    kb = {"type": "kenburns", "z0": 1.0, "z1": 1.2, "x0": 0.4, "y0": 0.5, "x1": 0.6, "y1": 0.5}
    bottom = [
        {"st": 0, "d": 2000, "src": CITY, "fi": 300},
        {"st": 2000, "d": 2000, "src": "/uploads/photo.png", "mo": kb, "tr": {"d": 400}},
        {"st": 4000, "d": 2000, "src": SEA, "tr": {"d": 400}},
        {"st": 6000, "d": 1500, "src": "gen:color/802040", "tr": {"d": 300}, "fo": 1400},
    ]
    inset = {"st": 1500, "d": 3000, "src": "/uploads/clip.mp4", "vol": 0.8}
    title = {"st": 1000, "d": 4000, "tx": "Window Test", "sty": {"fi": 400, "fo": 400}}
    music = {"st": 0, "d": 7500, "src": "gen:music/calm?seed=2", "vol": 0.3, "fo": 800}
    return {
        "d": 7500,
        "m": {"aspect": "16:9", "seed": 9},
        "t": [
            {"tt": 0, "sg": bottom},
            {"tt": 0, "sg": [inset]},
            {"tt": 7, "sg": [title]},
            {"tt": 1, "sg": [music]},
        ],
    }


def decoded(path: Path) -> tuple[list[np.ndarray], np.ndarray, float]:
    with av.open(str(path)) as box:
        duration = box.duration / 1e6
        pictures = [f.to_ndarray(format="rgb24").astype(float) for f in box.decode(video=0)]
    with av.open(str(path)) as box:
        sound = np.concatenate([f.to_ndarray().ravel() for f in box.decode(audio=0)])
    return pictures, sound, duration


@pytest.mark.slow
def test_windowed_render_matches_the_whole_timeline(media, tmp_path, monkeypatch):
    def resolve(src: str) -> Path | None:
        return media["clip"] if src.endswith(".mp4") else media["photo"]

    d = mixed_draft()
    monkeypatch.setattr(plan_mod, "WINDOW_SECONDS", 1)
    monkeypatch.setattr(plan_mod, "WINDOW_MIN_SECONDS", 1)
    spans = windows(make_plan(d, "720p"))
    assert [a for a, _ in spans] == [0, 72, 132, 189]

    cut = render_draft(
        d, tmp_path / "cut.mp4", resolution="720p", resolve=resolve, work_dir=tmp_path
    )
    monkeypatch.setattr(pipeline, "windows", lambda plan: [(0, plan.canvas.frames)])
    whole = render_draft(
        d, tmp_path / "whole.mp4", resolution="720p", resolve=resolve, work_dir=tmp_path
    )

    cut_frames, cut_sound, cut_duration = decoded(cut.path)
    whole_frames, whole_sound, whole_duration = decoded(whole.path)
    assert len(cut_frames) == len(whole_frames) == 225
    assert cut_duration == pytest.approx(7.5, abs=1 / 30)
    assert whole_duration == pytest.approx(7.5, abs=1 / 30)
    errors = [float(np.mean(np.abs(a - b))) for a, b in zip(cut_frames, whole_frames, strict=True)]
    assert max(errors) < 3, f"frame {int(np.argmax(errors))} differs by {max(errors):.1f}"
    # the pictures do change across every cut, so equal frames are not a frozen stream
    for start in (72, 132, 189):
        assert float(np.mean(np.abs(cut_frames[start - 20] - cut_frames[start + 5]))) > 3
    assert float(np.sqrt(np.mean(cut_sound**2))) > 0.01
    n = min(len(cut_sound), len(whole_sound))
    assert np.allclose(cut_sound[:n], whole_sound[:n], atol=1e-3)
    assert cut.poster is not None and cut.poster.exists()
    assert sorted(p.name for p in tmp_path.glob("*.mp4")) == ["cut.mp4", "whole.mp4"]
