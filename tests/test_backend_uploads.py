"""Uploads over real HTTP: media typed by content, hostile files refused, nothing left behind."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import imageio_ffmpeg
import pytest
from backend_http import authed_client, new_session

from nemo_notebook.backend.server import ServerHandle, start_server
from nemo_notebook.backend.settings import Settings

LIMIT = 3 * 2**20


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A small video, its truncated copy, an audio file and an image, made with FFmpeg."""
    root = tmp_path_factory.mktemp("media")
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    jobs = {
        "clip.mp4": [
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=640x360:rate=25",
            "-t",
            "2",
            "-pix_fmt",
            "yuv420p",
            "-movflags",
            "+faststart",
        ],
        "tone.mp3": ["-f", "lavfi", "-i", "sine=frequency=440", "-t", "1.5"],
        "pic.jpg": ["-f", "lavfi", "-i", "testsrc2=size=400x300", "-frames:v", "1"],
    }
    out = {}
    for name, args in jobs.items():
        subprocess.run([ffmpeg, "-loglevel", "error", "-y", *args, str(root / name)], check=True)
        out[name] = (root / name).read_bytes()
    out["truncated.mp4"] = out["clip.mp4"][: len(out["clip.mp4"]) // 2]
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    handle = start_server(
        Settings(
            data_dir=tmp_path_factory.mktemp("upload-data"),
            max_upload_bytes=LIMIT,
            allow_private_urls=True,
        )
    )
    yield handle
    handle.stop()


@pytest.fixture()
def session(server: ServerHandle) -> Iterator[tuple[httpx.Client, str]]:
    with closing(authed_client(server.url)) as http:
        yield http, new_session(http)


def leftovers(server: ServerHandle) -> list[Path]:
    return list((server.settings.data_dir / "tmp").iterdir())


def test_several_files_in_one_request_are_typed_by_content(
    session: tuple[httpx.Client, str], media: dict[str, bytes]
) -> None:
    http, sid = session
    files = [
        ("files", ("clip.mp4", media["clip.mp4"], "video/mp4")),
        ("files", ("song.bin", media["tone.mp3"], "application/octet-stream")),
        ("files", ("photo.png", media["pic.jpg"], "image/png")),
    ]
    reply = http.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files)
    assert reply.status_code == 200, reply.text
    data = reply.json()["data"]
    assert data["session_state_applied"] is True
    clip, song, photo = data["files"]
    assert (clip["file_type"], clip["width"], clip["height"], clip["fps"]) == (
        "video",
        640,
        360,
        25.0,
    )
    assert 1.9 <= clip["duration"] <= 2.1  # seconds, as the vendor's upload reply shows
    assert song["file_type"] == "audio" and 1.4 <= song["duration"] <= 1.6 and song["width"] is None
    assert (photo["file_type"], photo["width"], photo["height"], photo["duration"]) == (
        "image",
        400,
        300,
        None,
    )
    assert clip["hash"] == hashlib.sha256(media["clip.mp4"]).hexdigest()
    assert (
        clip["cdn_url"].endswith(".mp4")
        and song["cdn_url"].endswith(".mp3")
        and photo["cdn_url"].endswith(".jpg")
    )
    assert [f["filename"] for f in data["files"]] == ["clip.mp4", "song.bin", "photo.png"]
    assert httpx.get(clip["cdn_url"]).content == media["clip.mp4"]
    state = http.get(f"/api/state/nemo_agent/me/{sid}/latest").json()["data"]["state"]
    assert state["video_infos"] == data["files"]


def test_path_traversal_filename_stays_inside_the_data_dir(
    session: tuple[httpx.Client, str], media: dict[str, bytes], server: ServerHandle
) -> None:
    http, sid = session
    files = {"files": ("../../../../etc/evil.jpg", media["pic.jpg"], "image/jpeg")}
    reply = http.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files)
    info = reply.json()["data"]["files"][0]
    assert info["filename"] == "evil.jpg"
    name = info["cdn_url"].rsplit("/", 1)[1]
    assert "evil" not in name
    assert (server.settings.data_dir / "uploads" / name).read_bytes() == media["pic.jpg"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("run.mp4", b"#!/bin/sh\nrm -rf / --no-preserve-root\n" * 20),
        ("empty.mp4", b""),
        ("page.png", b"<html><body>not an image</body></html>"),
    ],
)
def test_files_that_are_not_media_are_refused_with_4001(
    session: tuple[httpx.Client, str], server: ServerHandle, name: str, content: bytes
) -> None:
    http, sid = session
    reply = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}", files={"files": (name, content, "video/mp4")}
    )
    assert reply.status_code == 415
    body = reply.json()
    assert body["code"] == 4001 and name in body["message"]
    assert leftovers(server) == []


def test_truncated_video_is_refused_and_batch_is_all_or_nothing(
    session: tuple[httpx.Client, str], media: dict[str, bytes], server: ServerHandle
) -> None:
    http, sid = session
    before = set((server.settings.data_dir / "uploads").iterdir())
    files = [
        ("files", ("good.jpg", media["pic.jpg"], "image/jpeg")),
        ("files", ("cut.mp4", media["truncated.mp4"], "video/mp4")),
    ]
    reply = http.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files)
    assert reply.status_code == 415 and reply.json()["code"] == 4001
    assert "truncated" in reply.json()["message"]
    assert set((server.settings.data_dir / "uploads").iterdir()) == before
    assert leftovers(server) == []
    assert (
        http.get(f"/api/state/nemo_agent/me/{sid}/latest").json()["data"]["state"]["video_infos"]
        == []
    )


def test_file_over_the_limit_is_refused_with_4002_while_reading(
    session: tuple[httpx.Client, str], server: ServerHandle
) -> None:
    http, sid = session
    reply = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        files={"files": ("big.mp4", b"\0" * (LIMIT + 1), "video/mp4")},
    )
    assert reply.status_code == 413
    assert reply.json()["code"] == 4002 and "limit" in reply.json()["message"]
    assert leftovers(server) == []


def test_url_upload_downloads_and_probes(
    session: tuple[httpx.Client, str], media: dict[str, bytes]
) -> None:
    http, sid = session
    first = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}",
        files={"files": ("a.mp3", media["tone.mp3"], "audio/mpeg")},
    )
    url = first.json()["data"]["files"][0]["cdn_url"]
    reply = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}", json={"urls": [url], "source_type": "url"}
    )
    assert reply.status_code == 200, reply.text
    info = reply.json()["data"]["files"][0]
    assert (
        info["file_type"] == "audio"
        and info["hash"] == hashlib.sha256(media["tone.mp3"]).hexdigest()
    )


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x.mp4", "not a url"])
def test_url_upload_accepts_only_http(session: tuple[httpx.Client, str], url: str) -> None:
    http, sid = session
    reply = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}", json={"urls": [url], "source_type": "url"}
    )
    assert reply.status_code == 415 and reply.json()["code"] == 4001


def test_upload_without_files_field_is_a_clear_400(session: tuple[httpx.Client, str]) -> None:
    http, sid = session
    reply = http.post(
        f"/api/upload-video/nemo_agent/me/{sid}", files={"other": ("a.jpg", b"x", "image/jpeg")}
    )
    assert reply.status_code == 400 and "'files'" in reply.json()["message"]
