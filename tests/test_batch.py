"""nemo.batch against the embedded backend: one session per prompt, failures kept in their rows."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import nemo_notebook as nemo
from nemo_notebook.errors import BackendUnavailable
from nemo_notebook.notebook.batch import COLUMNS, BatchResult
from nemo_notebook.notebook.widgets import Gallery
from nemo_notebook.session import AsyncSession

PROMPTS = [
    "generate a 3-second clip of snow in the mountains",
    "generate a 4-second clip of rain in the city",
    "generate a 2-second clip of stars over the sea",
]


@pytest.fixture(scope="module")
def frame() -> BatchResult:
    return nemo.batch(pd.DataFrame({"prompt": PROMPTS}), concurrency=3, export=False)


def test_batch_returns_one_row_per_prompt_with_timeline_summaries(frame: BatchResult) -> None:
    assert list(frame.columns) == COLUMNS
    assert list(frame["prompt"]) == PROMPTS
    assert list(frame["status"]) == ["ok", "ok", "ok"], list(frame["error"])
    assert all(s.startswith("Timeline (") and "1. Video: " in s for s in frame["summary"])
    assert "snow in the mountains (0-3s)" in frame.loc[0, "summary"]
    assert frame["video_path"].isna().all()


def test_overlapping_prompts_leave_credits_unattributed(frame: BatchResult) -> None:
    assert frame["credits_used"].dtype == "float64"
    assert frame["credits_used"].isna().all()


def test_the_whole_batch_credits_are_counted_even_when_prompts_overlap(frame: BatchResult) -> None:
    from nemo_notebook.backend.settings import Settings

    assert frame.attrs["credits_used"] == 3 * Settings(data_dir=Path(".")).cost_generate


def test_one_failure_does_not_stop_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    real_chat = AsyncSession.chat

    async def flaky(self: AsyncSession, message: str, **kwargs: Any) -> Any:
        if "rain" in message:
            raise BackendUnavailable("Cannot reach the backend; try again")
        return await real_chat(self, message, **kwargs)

    monkeypatch.setattr(AsyncSession, "chat", flaky)
    result = nemo.batch(PROMPTS[:2], concurrency=1, export=False)
    assert list(result["status"]) == ["ok", "error"]
    assert result.loc[1, "error"] == "Cannot reach the backend; try again"
    assert result.loc[0, "summary"].startswith("Timeline (")
    assert not math.isnan(result.loc[0, "credits_used"]) and result.loc[0, "credits_used"] >= 0
    assert result.attrs["credits_used"] == result.loc[0, "credits_used"]


def test_gallery_shows_each_prompt(frame: BatchResult) -> None:
    gallery = frame.gallery()
    assert isinstance(gallery, Gallery)
    assert [prompt for prompt, _ in gallery.items] == PROMPTS
    assert isinstance(frame.head(2), BatchResult)


def test_bad_input_is_rejected_before_anything_runs() -> None:
    with pytest.raises(ValueError, match="prompt 1 is empty"):
        nemo.batch(["make a clip", "  "])
    with pytest.raises(ValueError, match="'prompt' column"):
        nemo.batch(pd.DataFrame({"text": ["x"]}))
