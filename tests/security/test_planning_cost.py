"""A long message cannot stall the studio: planning time grows in step with the message's length.

The backend takes messages up to ``max_message_chars``; a pattern that rescans the rest of the text from
every position made a 20,000-character message take seconds to plan, and two of them held every agent
worker. Compared as a ratio of two lengths on one machine, so the check does not depend on its speed.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from nemo_notebook.backend.settings import Settings
from nemo_notebook.backend.studio import plan_turn

WORDS = {
    "en": "make a video of the sea at sunset with calm music and a title to say hello as shorter by 3",
    "zh": "做 一个 海边 日落 的 视频 配 轻松 音乐 加 标题 有 的 版本 更 大 一些 缩短 3 秒",
    "es": "haz un video del mar al atardecer con música tranquila y un título más corto por 3 segundos",
    "ja": "夕日 の 海 の 動画 を 作って 静かな 音楽 と タイトル を 追加 もっと 短く 3 秒 が ある",
}
LONGEST = Settings(data_dir=Path("unused")).max_message_chars


def message(language: str, length: int) -> str:
    picks = random.Random(length).choices(WORDS[language].split(), k=length)
    return " ".join(picks)[:length]


def planning_seconds(text: str, draft: dict[str, object] | None) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        plan_turn(text, draft, assets=[])
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("language", sorted(WORDS))
def test_planning_time_grows_in_step_with_the_message(language: str) -> None:
    draft = plan_turn("make a 10 second video of a forest", None, assets=[]).draft
    for state in (None, draft):
        short = planning_seconds(message(language, LONGEST // 10), state)
        long = planning_seconds(message(language, LONGEST), state)
        # Ten times the text: linear work costs about 10x, one rescan per position about 100x.
        assert long / max(short, 1e-4) < 30, (language, state is not None, short, long)
