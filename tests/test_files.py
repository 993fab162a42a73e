"""File names the package picks: safe whatever the title says, and never over an existing file."""

from __future__ import annotations

from pathlib import Path

import pytest

from nemo_notebook.export import default_path, video_title
from nemo_notebook.files import safe_stem, unique_path


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Urban Dreams", "urban-dreams"),
        ("  ../../etc/passwd  ", "etc-passwd"),
        ("Café: Été 2024!", "café-été-2024"),
        ("城市之梦", "城市之梦"),
        ("CON", "con-video"),
        ("...", "nemo-video"),
        ("a" * 200, "a" * 60),
        ("line\nbreak\tand\x00nul", "line-break-and-nul"),
    ],
)
def test_safe_stem_keeps_words_and_drops_everything_risky(title: str, stem: str) -> None:
    assert safe_stem(title) == stem


def test_unique_path_counts_up_from_two(tmp_path: Path) -> None:
    assert unique_path(tmp_path, "clip", ".mp4") == tmp_path / "clip.mp4"
    (tmp_path / "clip.mp4").touch()
    (tmp_path / "clip-2.mp4").touch()
    assert unique_path(tmp_path, "clip", ".mp4") == tmp_path / "clip-3.mp4"


def test_default_export_name_is_the_on_screen_title_else_the_project_title(tmp_path: Path) -> None:
    titled = {
        "m": {"title": "Sunset over the city"},
        "t": [{"tt": 7, "sg": [{"n": "Title", "tx": " Urban\nDreams "}]}],
    }
    assert video_title(titled) == "Urban Dreams"
    assert video_title({"m": {"title": "Sunset over the city"}, "t": []}) == "Sunset over the city"
    assert video_title(None) == ""
    assert default_path(titled, tmp_path) == tmp_path / "urban-dreams.mp4"
    assert default_path({}, tmp_path) == tmp_path / "nemo-video.mp4"
