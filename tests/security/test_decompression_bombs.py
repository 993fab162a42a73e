"""Decompression bombs: media over the pixel or length budget is refused from its header, cleanly."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import bombs
import httpx
import imageio_ffmpeg
import pytest
from attack_kit import temp_leftovers

from nemo_notebook.backend.limits import MAX_DURATION_S, MAX_PIXELS
from nemo_notebook.backend.probe import ProbeError, probe
from nemo_notebook.backend.server import ServerHandle

IMAGE_BOMBS: dict[str, Callable[[], bytes]] = {
    "png header 50000x50000": lambda: bombs.png(50_000, 50_000, rows=1),
    "png header 10000x10000 (Pillow's warning zone)": lambda: bombs.png(10_000, 10_000, rows=1),
    "png decoding to 9400x9400": lambda: bombs.png(9400, 9400),
    "png decoding to 6100x6100 (just over budget)": lambda: bombs.png(6100, 6100),
    "png header 65535x1": lambda: bombs.png(65_535 * 600, 1, rows=1),
    "gif header 65535x65535": lambda: bombs.gif_claiming(65_535, 65_535),
    "gif header 8000x8000": lambda: bombs.gif_claiming(8000, 8000),
    "jpeg header 60000x60000": lambda: bombs.jpeg_claiming(60_000, 60_000),
    "jpeg header 7000x7000": lambda: bombs.jpeg_claiming(7000, 7000),
}
SUFFIX = {"png": ".png", "gif": ".gif", "jpe": ".jpg"}


def _upload(authed: tuple[httpx.Client, str], name: str, data: bytes) -> httpx.Response:
    http, sid = authed
    return http.post(
        f"/api/upload-video/nemo_agent/me/{sid}", files={"files": (name, data, "image/png")}
    )


def _kept(server: ServerHandle) -> list[Path]:
    folder = server.settings.data_dir / "uploads"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("case", IMAGE_BOMBS)
def test_image_bomb_is_refused_with_a_clean_415_and_nothing_left(
    server: ServerHandle, authed: tuple[httpx.Client, str], case: str
) -> None:
    kept = _kept(server)
    reply = _upload(authed, "bomb" + SUFFIX[case[:3]], IMAGE_BOMBS[case]())
    assert reply.status_code == 415, reply.text
    body = reply.json()
    assert body["code"] == 4001 and "million pixels" in body["message"]
    assert temp_leftovers(server) == [] and _kept(server) == kept
    assert authed[0].get("/api/meta").status_code == 200


def test_image_within_budget_is_still_accepted(authed: tuple[httpx.Client, str]) -> None:
    reply = _upload(authed, "big.png", bombs.png(4000, 3000))
    assert reply.status_code == 200, reply.text
    info = reply.json()["data"]["files"][0]
    assert (info["file_type"], info["width"], info["height"]) == ("image", 4000, 3000)


def test_probe_raises_its_own_error_for_a_header_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(bombs.png(50_000, 50_000, rows=1))
    with pytest.raises(ProbeError, match="million pixels"):
        probe(path)


def test_video_over_the_pixel_budget_is_refused(
    server: ServerHandle, authed: tuple[httpx.Client, str], tmp_path: Path
) -> None:
    clip = tmp_path / "huge.avi"
    width, height = 8000, 5000
    assert width * height > MAX_PIXELS
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            "-loglevel", "error", "-y", "-f", "lavfi",
            "-i", f"color=c=black:s={width}x{height}:r=1", "-frames:v", "1",
            "-c:v", "mjpeg", str(clip),
        ],
        check=True,
    )  # fmt: skip
    http, sid = authed
    reply = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        files={"files": ("huge.avi", clip.read_bytes(), "video/x-msvideo")},
    )
    assert reply.status_code == 415 and "million pixels" in reply.json()["message"]
    assert temp_leftovers(server) == []


def test_video_whose_header_claims_hours_is_refused_before_demuxing(
    server: ServerHandle, authed: tuple[httpx.Client, str], tmp_path: Path
) -> None:
    long = bombs.long_video(tmp_path / "long.mp4", MAX_DURATION_S + 1000)
    http, sid = authed
    reply = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        files={"files": ("long.mp4", long, "video/mp4")},
    )
    assert reply.status_code == 415
    assert f"{MAX_DURATION_S / 60:g} minutes" in reply.json()["message"]
    assert temp_leftovers(server) == []


def test_several_bombs_at_once_all_refused_and_nothing_left(
    server: ServerHandle, authed: tuple[httpx.Client, str]
) -> None:
    http, sid = authed
    bomb = bombs.png(9400, 9400)
    files = [("files", (f"b{i}.png", bomb, "image/png")) for i in range(6)]
    reply = http.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files)
    assert reply.status_code == 415
    assert temp_leftovers(server) == []
