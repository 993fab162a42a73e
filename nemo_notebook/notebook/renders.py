"""``nemo.batch`` of timelines: each row's timeline rendered as it is, a few at a time.

No agent is involved and exports cost no credits: every row is one render of its own draft, in one
session. A row without a timeline (``from_table`` gave it an error) or whose render fails is
recorded in its row and never stops the others.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..timeline import Timeline
from .own_loop import run_on_own_loop

OUTCOME_COLUMNS = ["status", "video_path", "seconds", "error"]


@dataclass
class _Render:
    """One row's render and how it ended."""

    label: str
    timeline: Timeline | None
    status: str = "pending"
    video_path: str | None = None
    seconds: float | None = None
    error: str | None = None


def is_timelines(source: Any) -> bool:
    """True for a ``from_table`` result (a ``timeline`` column), a Timeline or a list of them."""
    if isinstance(source, pd.DataFrame):
        return "timeline" in source.columns
    if isinstance(source, Timeline):
        return True
    return isinstance(source, list | tuple) and any(isinstance(x, Timeline) for x in source)


def _rows(source: Any) -> tuple[pd.DataFrame, list[_Render]]:
    """The row values to show beside each video, and one render per row."""
    if isinstance(source, Timeline):
        source = [source]
    if isinstance(source, pd.DataFrame):
        values = source.drop(columns=["timeline", "error"], errors="ignore")
        reasons = source["error"] if "error" in source.columns else [None] * len(source)
        items = list(zip(source["timeline"], reasons, strict=True))
    else:
        if not all(isinstance(t, Timeline) for t in source):
            raise ValueError("batch takes prompts or timelines, not both in one list")
        values = pd.DataFrame({"title": [t.title for t in source]})
        items = [(t, None) for t in source]
    runs = []
    for (timeline, reason), label in zip(items, _labels(values), strict=True):
        run = _Render(label, timeline if isinstance(timeline, Timeline) else None)
        if run.timeline is None:
            run.status = "error"
            run.error = str(reason) if isinstance(reason, str) and reason else "no timeline"
        runs.append(run)
    return values.reset_index(drop=True), runs


def _labels(values: pd.DataFrame) -> list[str]:
    """A short name per row for files and progress: its first text value, else its number."""
    labels = []
    for n, row in enumerate(values.itertuples(index=False), 1):
        text = next((str(v) for v in row if isinstance(v, str) and v.strip()), "")
        labels.append(text or f"row {n}")
    return labels


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "video"


def render_timelines(
    source: Any,
    *,
    concurrency: int,
    resolution: str,
    out_dir: Path,
    progress: bool,
    client: Any,
) -> pd.DataFrame:
    """Render every row's timeline, at most ``concurrency`` at once; the row values with
    ``status``, ``video_path``, ``seconds`` (render wall time) and ``error``."""
    values, runs = _rows(source)
    inner = getattr(client, "aclient", client)
    base_url = getattr(inner, "base_url", None)
    token = getattr(getattr(inner, "config", None), "token", None)
    run_on_own_loop(
        lambda: _render_all(runs, concurrency, resolution, out_dir, base_url, token, progress),
        "nemo-renders",
    )
    frame = values.copy()
    for column in OUTCOME_COLUMNS:
        frame[column] = pd.Series([getattr(r, column) for r in runs], dtype=object)
    frame["seconds"] = frame["seconds"].astype("float64")
    return frame


async def _render_all(
    runs: list[_Render],
    concurrency: int,
    resolution: str,
    folder: Path,
    base_url: str | None,
    token: str | None,
    progress: bool,
) -> None:
    from ..client import AsyncClient
    from ..session import AsyncSession

    gate = asyncio.Semaphore(concurrency)
    finished = 0
    async with AsyncClient(base_url, token) as aclient:
        sid = await AsyncSession(aclient).ensure() if any(r.timeline for r in runs) else None

        async def one(index: int, run: _Render) -> None:
            nonlocal finished
            if run.timeline is not None:
                async with gate:
                    target = folder / f"{index + 1:02d}-{_slug(run.label)}.mp4"
                    await _render_one(AsyncSession(aclient, sid), run, target, resolution)
            finished += 1
            if progress:
                note = run.error or run.video_path
                print(f"[{finished}/{len(runs)}] {run.status}: {run.label[:60]} — {note}")

        await asyncio.gather(*(one(i, r) for i, r in enumerate(runs)))


async def _render_one(session: Any, run: _Render, target: Path, resolution: str) -> None:
    from ..errors import NemoError

    started = time.perf_counter()
    run.status = "running"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        video = await session.export(target, resolution=resolution, timeline=run.timeline)
        run.video_path, run.status = str(video.path), "ok"
    except asyncio.CancelledError:
        run.status, run.error = "cancelled", "cancelled"
        raise
    except NemoError as error:
        run.status, run.error = "error", str(error)
    except Exception as error:
        run.status, run.error = "error", f"{type(error).__name__}: {error}"
    run.seconds = round(time.perf_counter() - started, 3)
