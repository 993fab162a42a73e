"""The local renderer: real MP4s probed with PyAV."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image, ImageDraw

from nemo_notebook.backend.studio.render import (
    RenderCancelled,
    RenderError,
    RenderResult,
    render_draft,
)
from nemo_notebook.backend.studio.render.plan import Canvas
from nemo_notebook.backend.studio.render.text import render_text
from nemo_notebook.draft import TextStyleView

pytestmark = pytest.mark.slow

CITY = "gen:scene/city-day?tod=day&land=city&fx=clouds&motion=pan&seed=1"
PEAKS = "gen:scene/night-peaks?tod=night&land=mountains&fx=stars,snow&motion=drift&seed=2"


def draft(
    src: str = CITY,
    *,
    ms: int = 3000,
    music: bool = True,
    title: str | None = None,
    aspect: str = "16:9",
    extra: list | None = None,
) -> dict:
    tracks: list[dict] = [{"tt": 0, "sg": [{"st": 0, "d": ms, "src": src}, *(extra or [])]}]
    if music:
        tracks.append(
            {
                "tt": 1,
                "sg": [
                    {
                        "st": 0,
                        "d": ms,
                        "src": "gen:music/upbeat?seed=3",
                        "vol": 0.35,
                        "fi": 300,
                        "fo": 500,
                    }
                ],
            }
        )
    if title:
        tracks.append(
            {
                "tt": 7,
                "sg": [
                    {
                        "st": 0,
                        "d": ms,
                        "tx": title,
                        "sty": {"pos": "center", "size": 120, "fi": 0, "fo": 0},
                    }
                ],
            }
        )
    return {"d": ms, "m": {"aspect": aspect, "seed": 1}, "t": tracks}


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("render-work")


@pytest.fixture(scope="module")
def render(work: Path, tmp_path_factory: pytest.TempPathFactory):
    out_dir = tmp_path_factory.mktemp("render-out")
    done: dict[str, RenderResult] = {}

    def _render(
        d: dict, name: str, resolution: str = "720p", resolve=lambda src: None
    ) -> RenderResult:
        if name not in done:
            done[name] = render_draft(
                d, out_dir / f"{name}.mp4", resolution=resolution, resolve=resolve, work_dir=work
            )
        return done[name]

    return _render


def frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as box:
        return [f.to_ndarray(format="rgb24").astype(float) for f in box.decode(video=0)]


def audio_rms(path: Path) -> float:
    with av.open(str(path)) as box:
        if not box.streams.audio:
            return 0.0
        chunks = [f.to_ndarray().astype(float).ravel() for f in box.decode(audio=0)]
    return float(np.sqrt(np.mean(np.concatenate(chunks) ** 2)))


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(np.abs(a - b)))


def test_scene_with_music_is_h264_yuv420p_exact_length_with_audible_sound(render):
    result = render(draft(), "city")
    with av.open(str(result.path)) as box:
        video, sound = box.streams.video[0], box.streams.audio[0]
        assert video.codec_context.name == "h264"
        assert video.format.name == "yuv420p"
        assert (video.width, video.height) == (1280, 720)
        assert sound.rate == 48000 and sound.channels == 2
    assert len(frames(result.path)) == 90
    assert audio_rms(result.path) > 0.01
    assert result.poster is not None and result.poster.exists()
    assert (result.width, result.height, result.duration_ms) == (1280, 720, 3000)


def test_poster_is_the_title_frame_made_a_keyframe(render):
    result = render(draft(title="Poster"), "poster")
    with av.open(str(result.path)) as box:
        decoded = list(box.decode(video=0))
    keys = [i for i, f in enumerate(decoded) if f.key_frame]
    at = keys[1]
    assert 0 < at < 89
    poster = np.asarray(Image.open(result.poster).convert("RGB")).astype(float)
    shot = [f.to_ndarray(format="rgb24").astype(float) for f in decoded[at - 1 : at + 2]]
    assert distance(poster, shot[1]) < 4.0
    assert distance(poster, shot[1]) < min(distance(poster, shot[0]), distance(poster, shot[2]))


def test_vertical_1080p_request_gives_1080x1920(render):
    result = render(draft(PEAKS, ms=1000, aspect="9:16", music=False), "vertical", "1080p")
    with av.open(str(result.path)) as box:
        video = box.streams.video[0]
        assert (video.width, video.height) == (1080, 1920)
    assert len(frames(result.path)) == 30


def test_frames_move_over_time(render):
    shots = frames(render(draft(), "city").path)
    assert distance(shots[15], shots[75]) > 2.0


def test_different_scene_queries_give_different_pictures(render):
    city = frames(render(draft(), "city").path)[30]
    peaks = frames(render(draft(PEAKS, music=False), "peaks").path)[30]
    assert distance(city, peaks) > 30


def test_same_draft_and_seed_render_the_same_bytes(render, work, tmp_path):
    first = render(draft(), "city").path
    again = render_draft(
        draft(), tmp_path / "again.mp4", resolution="720p", resolve=lambda src: None, work_dir=work
    ).path
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (first, again)]
    assert digest[0] == digest[1]


def test_without_music_the_sound_is_silent(render):
    assert audio_rms(render(draft(PEAKS, music=False), "peaks").path) < 1e-3


def test_fireworks_expand_and_fade_rather_than_blink(render):
    src = "gen:scene/fw?tod=night&land=city&fx=fireworks&motion=still&seed=3"
    shots = frames(render(draft(src, music=False), "fireworks").path)
    # Only the first burst reaches the left third; at 1 s it has faded out.
    spark = [np.abs(shots[i] - shots[30]).max(axis=2)[:, :426] > 30 for i in (1, 6, 15, 25)]
    widths = [np.ptp(np.nonzero(mask)[1]) for mask in spark]
    assert widths[0] * 2 < widths[2] and widths == sorted(widths)
    assert spark[3].sum() * 4 < spark[1].sum()


def test_first_and_last_segment_fades_go_from_and_to_black_titles_included(render):
    d = draft(CITY, music=False, title="Fade")
    d["t"][0]["sg"][0].update(fi=500, fo=1000)
    light = [float(f.mean()) for f in frames(render(d, "faded").path)]
    assert light[0] < 2 and light[89] < 0.1 * light[45]
    assert light[:15] == sorted(light[:15]) and light[60:] == sorted(light[60:], reverse=True)
    assert abs(light[15] - light[45]) < 0.05 * light[45]


def test_a_black_and_white_scene_has_no_colour_and_a_warm_one_leans_red(render):
    base = "gen:scene/look?tod=sunset&land=city&motion=still&seed=4"
    mono = frames(render(draft(base + "&palette=mono", ms=1000, music=False), "mono").path)[10]
    plain = frames(render(draft(base, ms=1000, music=False), "plain").path)[10]
    cool = frames(render(draft(base + "&palette=cool", ms=1000, music=False), "cool").path)[10]
    spread = mono.max(axis=2) - mono.min(axis=2)
    assert spread.mean() < 3 and (plain.max(axis=2) - plain.min(axis=2)).mean() > 20
    assert (cool[..., 2] - cool[..., 0]).mean() > (plain[..., 2] - plain[..., 0]).mean() + 5


def test_title_changes_the_pixels_in_its_region(render):
    plain = frames(render(draft(PEAKS, music=False), "peaks").path)[45]
    titled = frames(render(draft(PEAKS, music=False, title="城市之梦"), "titled").path)[45]
    region = (slice(300, 420), slice(440, 840))
    assert distance(plain[region], titled[region]) > 8


def test_chinese_title_draws_glyphs_not_missing_boxes():
    canvas = Canvas(1280, 720, 30, 30)
    chinese = np.asarray(
        render_text("城市之梦", TextStyleView({"size": 120}), canvas).image, dtype=float
    )
    missing = np.asarray(
        render_text("\U000f0000" * 4, TextStyleView({"size": 120}), canvas).image, dtype=float
    )
    assert chinese[..., 3].std() > 40
    width = min(chinese.shape[1], missing.shape[1])
    height = min(chinese.shape[0], missing.shape[0])
    assert distance(chinese[:height, :width, 3], missing[:height, :width, 3]) > 10


def test_uploaded_image_with_ken_burns_moves(render, tmp_path_factory):
    photo = tmp_path_factory.mktemp("uploads") / "photo.png"
    img = Image.new("RGB", (800, 600), (30, 90, 160))
    draw = ImageDraw.Draw(img)
    for k in range(12):
        draw.ellipse((k * 60, k * 40, k * 60 + 120, k * 40 + 120), fill=(250, 200 - k * 10, 60))
    img.save(photo)
    seg = {
        "st": 0,
        "d": 3000,
        "src": "/uploads/photo.png",
        "fit": "cover",
        "mo": {
            "type": "kenburns",
            "z0": 1.0,
            "z1": 1.3,
            "x0": 0.3,
            "y0": 0.5,
            "x1": 0.7,
            "y1": 0.5,
        },
    }
    d = {"d": 3000, "m": {"aspect": "16:9"}, "t": [{"tt": 0, "sg": [seg]}]}
    shots = frames(
        render(d, "kenburns", resolve=lambda src: photo if src.endswith("photo.png") else None).path
    )
    assert distance(shots[15], shots[75]) > 5


def test_cancel_mid_render_raises_and_leaves_no_file(work, tmp_path):
    cancel = threading.Event()
    out = tmp_path / "cancelled.mp4"

    def progress(percent: float) -> None:
        if percent > 3:
            cancel.set()

    with pytest.raises(RenderCancelled):
        render_draft(
            draft(PEAKS, ms=20000),
            out,
            resolution="720p",
            resolve=lambda src: None,
            on_progress=progress,
            cancel=cancel,
            work_dir=work,
        )
    assert cancel.is_set()
    assert list(tmp_path.iterdir()) == []


def test_unresolvable_upload_names_the_source(work, tmp_path):
    d = {"d": 1000, "t": [{"tt": 0, "sg": [{"st": 0, "d": 1000, "src": "/uploads/gone.png"}]}]}
    with pytest.raises(RenderError, match=r"/uploads/gone\.png"):
        render_draft(
            d, tmp_path / "x.mp4", resolution="720p", resolve=lambda src: None, work_dir=work
        )
    assert not (tmp_path / "x.mp4").exists()


def test_unknown_scene_values_fall_back_to_a_default_scene(render):
    odd = "gen:scene/moonbase?tod=teatime&land=moon&fx=lasers,snow&motion=spin&seed=x"
    result = render(draft(odd, ms=1000, music=False), "odd")
    assert len(frames(result.path)) == 30
