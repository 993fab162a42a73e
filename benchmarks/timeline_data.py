"""Timelines as data: the round trip of every draft the studio makes in the tests, and a table of
videos rendered by ``nemo.batch`` against the same timelines exported one by one.

Run once: `.venv/bin/python benchmarks/timeline_data.py [--rows 50] [--skip-render]`.
1. Every draft ``plan_turn`` returns while the agent's tests run goes through
   draft → ``segments`` → ``with_segments`` → draft; prints how many and how many came back exact.
2. One 5 s 720p template filled from a table of ``--rows`` products: the ``nemo.batch`` wall time as a
   ratio to a loop of ``s.export(timeline=…)`` over a same-sized table (different names, so no render
   is a copy of another), both after one warm-up render; how many times backgrounds, text and music
   were drawn against how many were needed; failed rows for good data; and a table of bad rows, each
   with its reason.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

import nemo_notebook as nemo
from nemo_notebook.timeline import Timeline

ROOT = Path(__file__).resolve().parent.parent
AGENT_TESTS = ["tests/test_agent.py", "tests/test_agent_edits.py"]


# -- 1. round trip -------------------------------------------------------------------------------


def studio_drafts() -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Every (draft, uploads) ``plan_turn`` returned while the agent's tests ran."""
    import pytest

    from nemo_notebook.backend import studio
    from nemo_notebook.backend.studio import agent
    from nemo_notebook.backend.studio.agent import turn

    real = turn.plan_turn
    seen: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if result.draft is not None:
            seen.append((copy.deepcopy(result.draft), list(kwargs.get("assets") or [])))
        return result

    for module in (turn, agent, studio):
        module.plan_turn = recording  # type: ignore[attr-defined]
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            code = pytest.main(["-q", "-p", "no:cacheprovider", *map(str, AGENT_TESTS)])
    finally:
        for module in (turn, agent, studio):
            module.plan_turn = real  # type: ignore[attr-defined]
    if code not in (0, 1):
        raise SystemExit(f"the agent's tests did not run (pytest exit code {code})")
    return seen


def round_trip() -> None:
    drafts = studio_drafts()
    exact = 0
    failures: list[str] = []
    for draft, uploads in drafts:
        timeline = Timeline(copy.deepcopy(draft), uploads)
        if timeline.with_segments(timeline.segments).draft == draft:
            exact += 1
        else:
            failures.append(timeline.summary())
    distinct = len({json.dumps(d, sort_keys=True) for d, _ in drafts})
    print(f"round trip draft → segments → draft: {exact}/{len(drafts)} exact ({distinct} distinct)")
    for summary in failures[:5]:
        print(f"  not exact: {summary}")


# -- 2. a table of videos ------------------------------------------------------------------------


class Draws:
    """Counts what the renderer draws (PNG cache misses by kind, music synthesised) in this process."""

    def __init__(self) -> None:
        self.made: Counter[str] = Counter()
        self.asked: Counter[str] = Counter()

    def install(self) -> None:
        from nemo_notebook.backend.studio.render import graph, music

        real_png, real_synth = graph.Graph.png, music.synthesize
        counts = self

        def png(g: Any, key: str, make: Any) -> Path:
            kind = key.split("-", 1)[0]
            counts.asked[kind] += 1

            def counted() -> Any:
                counts.made[kind] += 1
                return make()

            return real_png(g, key, counted)

        def synthesize(*args: Any, **kwargs: Any) -> Any:
            counts.made["music"] += 1
            return real_synth(*args, **kwargs)

        graph.Graph.png = png  # type: ignore[method-assign]
        music.synthesize = synthesize

    def snapshot(self) -> tuple[Counter[str], Counter[str]]:
        return Counter(self.made), Counter(self.asked)


def products(prefix: str, rows: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "product": [f"{prefix} {n:02d}" for n in range(1, rows + 1)],
            "price": [9.5 + n for n in range(rows)],
        }
    )


BAD_ROWS = pd.DataFrame(
    {
        "product": ["Lamp", None, "", "Chair", "x" * 600],
        "price": [None, 10.0, 12.0, float("nan"), 5.0],
    }
)


def table_of_videos(rows: int, workdir: Path) -> None:
    from nemo_notebook.backend.server import start_server
    from nemo_notebook.backend.settings import Settings

    draws = Draws()
    draws.install()
    handle = start_server(Settings.default(workdir / "backend"))
    env = {"NEMO_CONFIG_DIR": str(workdir / "config")}
    try:
        with nemo.Client(base_url=handle.url, environ=env) as client:
            s = client.session()
            s.chat("a 5-second clip of a city at sunset with upbeat music")
            base = s.state().timeline
            table = base.segments
            table.loc["price_tag"] = {
                "track": "Caption",
                "kind": "text",
                "text": "only ${price}",
                "start": 1.0,
                "end": 5.0,
            }
            template = base.with_segments(table).set_title("{product}")
            warm = nemo.from_table(template, products("Warm-up", 1)).loc[0, "timeline"]
            made_w, asked_w = draws.snapshot()
            s.export(workdir / "warm.mp4", resolution="720p", timeline=warm)

            loop_rows = nemo.from_table(template, products("Loop item", rows))
            made0, asked0 = draws.snapshot()
            start = time.perf_counter()
            for n, timeline in enumerate(loop_rows["timeline"], 1):
                s.export(workdir / "loop" / f"{n:02d}.mp4", resolution="720p", timeline=timeline)
            loop_s = time.perf_counter() - start
            made1, asked1 = draws.snapshot()

            batch_rows = nemo.from_table(template, products("Batch item", rows))
            start = time.perf_counter()
            result = nemo.batch(
                batch_rows,
                concurrency=2,
                resolution="720p",
                out_dir=workdir / "batch",
                client=client,
                progress=False,
            )
            batch_s = time.perf_counter() - start
            made2, asked2 = draws.snapshot()

            bad = nemo.batch(
                nemo.from_table(template, BAD_ROWS),
                resolution="720p",
                out_dir=workdir / "bad",
                client=client,
                progress=False,
            )
    finally:
        handle.stop()

    failed = int((result["status"] != "ok").sum())
    print(f"{rows} rows, one 5 s template, 720p, after one warm-up render:")
    print(f"  loop of s.export(timeline=…): {loop_s:.1f} s ({loop_s / rows:.2f} s a video)")
    print(f"  nemo.batch(concurrency=2):    {batch_s:.1f} s ({batch_s / rows:.2f} s a video)")
    print(f"  batch / loop: {batch_s / loop_s:.2f}x")
    print(f"  failed rows, good data: {failed} of {rows}")
    for name, made, asked in (
        ("warm-up", made0 - made_w, asked0 - asked_w),
        ("loop", made1 - made0, asked1 - asked0),
        ("batch", made2 - made1, asked2 - asked1),
    ):
        parts = [f"{kind} drawn {made[kind]} of {asked[kind]} uses" for kind in sorted(asked)]
        parts.append(f"music synthesised {made['music']} times")
        print(f"  {name}: " + "; ".join(parts))
    explained = int(bad["error"].map(lambda e: isinstance(e, str) and bool(e)).sum())
    print(f"  bad rows explained: {explained} of {len(bad)}")
    for row in bad.itertuples(index=False):
        print(f"    {str(row.product)[:20]!r:24} {row.price!s:6} {row.status}: {row.error}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--skip-render", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    round_trip()
    if not args.skip_render:
        with tempfile.TemporaryDirectory(prefix="nemo-timeline-data-") as tmp:
            table_of_videos(args.rows, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
