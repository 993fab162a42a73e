"""Time to plan one chat turn with the local studio's agent: median and p99 over the request corpus,
against the same figures for a baseline checkout of the agent measured in the same run.

python benchmarks/agent.py [--baseline /path/to/checkout] [--rounds N]

Each corpus request is planned on the draft its setup messages make (built before timing); the
first pass warms caches and is not counted. The baseline runs in its own process with its own
``PYTHONPATH``; without ``--baseline`` only this checkout is measured.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def cases() -> list[dict[str, Any]]:
    """Every corpus request, in file order."""
    out = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return out


def measure(rounds: int) -> dict[str, float]:
    """Median and p99 milliseconds per planned turn for the agent importable here."""
    from nemo_notebook.backend.studio import plan_turn

    takes_history = "history" in inspect.signature(plan_turn).parameters
    prepared: list[tuple[str, dict[str, Any] | None, list[dict[str, Any]]]] = []
    for case in cases():
        draft, history = None, []
        for message in case.get("setup", []):
            kwargs = {"history": history} if takes_history else {}
            turn = plan_turn(message, draft, assets=[], **kwargs)
            draft = turn.draft or draft
            if turn.draft is not None:
                history.append({"version": len(history) + 1, "draft": draft, "message": message})
        prepared.append((case["message"], draft, history))
    times: list[float] = []
    for round_ in range(rounds + 1):
        for message, draft, history in prepared:
            kwargs = {"history": history} if takes_history else {}
            start = time.perf_counter()
            plan_turn(message, draft, assets=[], **kwargs)
            if round_:
                times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "median_ms": statistics.median(times),
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
        "turns": len(times),
    }


def _run(path: Path, rounds: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(path))
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--rounds", str(rounds)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a checkout whose agent is the baseline")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.rounds)))
        return
    here = _run(ROOT, args.rounds)
    print(
        f"this checkout: median {here['median_ms']:.2f} ms, p99 {here['p99_ms']:.2f} ms ({here['turns']:.0f} turns)"
    )
    if args.baseline:
        base = _run(args.baseline.resolve(), args.rounds)
        print(f"baseline:      median {base['median_ms']:.2f} ms, p99 {base['p99_ms']:.2f} ms")
        print(
            f"ratio (this / baseline): median {here['median_ms'] / base['median_ms']:.2f}×, "
            f"p99 {here['p99_ms'] / base['p99_ms']:.2f}×"
        )


if __name__ == "__main__":
    main()
