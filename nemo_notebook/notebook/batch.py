"""``nemo.batch``: run many prompts, each in its own session, a few at a time, into one DataFrame."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .own_loop import run_on_own_loop

COLUMNS = ["prompt", "status", "summary", "credits_used", "video_path", "error", "session_id"]


class BatchResult(pd.DataFrame):
    """The batch's DataFrame; ``gallery()`` shows the videos side by side with their prompts."""

    @property
    def _constructor(self) -> type[BatchResult]:
        return BatchResult

    def gallery(self) -> Any:
        """A ``Gallery`` of every row's video beside its prompt, or its row's values for a batch of
        timelines (rows without a video show their caption and error only)."""
        from .widgets import Gallery

        items = []
        for caption, path in zip(self._captions(), self["video_path"], strict=True):
            items.append((caption, path if isinstance(path, str) and path else None))
        return Gallery(items)

    def _captions(self) -> list[str]:
        if "prompt" in self.columns:
            return [str(p) for p in self["prompt"]]
        from .renders import OUTCOME_COLUMNS

        shown = [c for c in self.columns if c not in OUTCOME_COLUMNS]
        return [
            " · ".join(f"{c}: {v}" for c, v in zip(shown, row, strict=True))
            + (f" — {err}" if isinstance(err, str) and err else "")
            for row, err in zip(self[shown].itertuples(index=False), self["error"], strict=True)
        ]


@dataclass
class _Run:
    """One prompt's outcome; ``overlapped`` when other prompts ran at the same time."""

    prompt: str
    status: str = "pending"
    summary: str = ""
    credits_used: float | None = None
    video_path: str | None = None
    error: str | None = None
    session_id: str | None = None
    overlapped: bool = False
    active: set[int] = field(default_factory=set, repr=False)


def _prompts(source: Any) -> list[str]:
    if isinstance(source, pd.DataFrame):
        if "prompt" not in source.columns:
            raise ValueError("the DataFrame needs a 'prompt' column")
        source = source["prompt"]
    if isinstance(source, str):
        source = [source]
    prompts = [str(p).strip() for p in source]
    empty = [i for i, p in enumerate(prompts) if not p]
    if empty:
        raise ValueError(f"prompt {empty[0]} is empty; every prompt must say what to make")
    return prompts


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "video"


def batch(
    prompts: Iterable[Any] | pd.DataFrame | pd.Series,
    concurrency: int = 3,
    export: bool = True,
    *,
    client: Any = None,
    resolution: str = "720p",
    out_dir: str | Path = "nemo-batch",
    progress: bool = True,
    resume: bool = True,
) -> BatchResult:
    """Run each prompt in its own session, at most ``concurrency`` at once, and export each video.

    Timelines (a ``nemo.from_table`` result, a Timeline or a list of them) are rendered as they
    are instead, in one session: the result has each row's values with ``status``,
    ``video_path``, ``seconds`` and ``error``.

    Defaults favour quick comparison: 720p exports into ``./nemo-batch/NN-slug.mp4``. A failure is
    recorded in its row (``status="error"``) and never stops the others. ``credits_used`` is the
    balance change around a prompt, left empty when other prompts ran at the same time; the
    whole batch's change is always in ``result.attrs["credits_used"]``. ``client``
    (a ``Client`` or ``AsyncClient``) chooses the backend; by default the environment does.
    ``progress`` prints one line per finished prompt; Ctrl-C cancels what is still running.

    Every row is journalled (in the config dir), so running the same batch again resumes it: finished
    rows are kept as they are, a row whose session already has its video is not chatted (or charged)
    again, and a render in flight is attached to. ``resume=False`` starts over. The first "out of
    credits" stops the batch: the rows not started yet are marked "not run".
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    folder = Path(out_dir).expanduser()
    from .renders import is_timelines, render_timelines

    if is_timelines(prompts):
        return BatchResult(
            render_timelines(
                prompts,
                concurrency=concurrency,
                resolution=resolution,
                out_dir=folder,
                progress=progress,
                client=client,
            )
        )
    items = _prompts(prompts)
    runs = [_Run(p) for p in items]
    inner = getattr(client, "aclient", client)
    base_url = getattr(inner, "base_url", None)
    token = getattr(getattr(inner, "config", None), "token", None)
    total = run_on_own_loop(
        lambda: _run_all(
            runs, concurrency, export, resolution, folder, base_url, token, progress, resume
        ),
        "nemo-batch",
    )
    rows = [{c: getattr(r, c) for c in COLUMNS} for r in runs]
    frame = BatchResult(rows, columns=COLUMNS)
    frame["credits_used"] = frame["credits_used"].astype("float64")
    frame.attrs["credits_used"] = total  # None when the batch was cancelled
    return frame


async def _run_all(
    runs: list[_Run],
    concurrency: int,
    export: bool,
    resolution: str,
    folder: Path,
    base_url: str | None,
    token: str | None,
    progress: bool,
    resume: bool = True,
) -> float | None:
    """Run every prompt; the credits the whole batch used, when the balance can be read."""
    from ..client import AsyncClient
    from .batch_book import BatchBook

    finished = 0

    gate = asyncio.Semaphore(concurrency)
    active: set[int] = set()
    async with AsyncClient(base_url, token) as aclient:

        async def one(index: int, run: _Run) -> None:
            async with gate:
                if active:
                    run.overlapped = True
                    for other in active:
                        runs[other].overlapped = True
                active.add(index)
                try:
                    if not await book.skip(index, run):
                        await _run_one(aclient, index, run, export, resolution, folder, book)
                finally:
                    active.discard(index)
                nonlocal finished
                finished += 1
                if progress:
                    note = run.error if run.error else (run.video_path or run.summary)
                    print(f"[{finished}/{len(runs)}] {run.status}: {run.prompt[:60]} — {note}")

        book = await BatchBook.open(aclient, runs, export, resolution, folder, resume)
        start = await _balance(aclient)
        await asyncio.gather(*(one(i, r) for i, r in enumerate(runs)))
        end = await _balance(aclient)
    return None if start is None or end is None else start - end


async def _balance(aclient: Any) -> float | None:
    """The available credits, or None when the backend cannot say (the batch goes on)."""
    try:
        return float((await aclient.credits()).available)
    except Exception:
        return None


async def _run_one(
    aclient: Any,
    index: int,
    run: _Run,
    export: bool,
    resolution: str,
    folder: Path,
    book: Any,
) -> None:
    from ..errors import NemoError, NoCredits
    from ..timeline import Timeline

    before = None
    run.status = "running"
    try:
        before = await aclient.credits()
        session, state = await book.reattach(aclient, index, run)
        if state is None:
            reply = await session.chat(run.prompt, on_event=book.noter(index, run, session))
            state = reply.state or await session.state()
        book.chatted(index, run, session)
        run.summary = Timeline(state.draft).summary()
        if export:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{index + 1:02d}-{_slug(run.prompt)}.mp4"
            video = await session.export(target, resolution=resolution)
            run.video_path = str(video.path)
        run.status = "ok"
    except asyncio.CancelledError:
        run.status, run.error = "cancelled", "cancelled"
        raise
    except NoCredits as error:
        run.status, run.error = "error", str(error)
        book.out_of_credits(str(error))
    except NemoError as error:
        run.status, run.error = "error", str(error)
    except Exception as error:
        run.status, run.error = "error", f"{type(error).__name__}: {error}"
    book.finished(index, run)
    if before is not None and not run.overlapped:
        after = await _balance(aclient)
        run.credits_used = None if after is None else float(before.available) - after
    if run.overlapped:
        run.credits_used = None
