"""The chat view in a real JupyterLab and Chromium while a long reply streams in.

A kernel feeds a ChatView two seconds of text events at a chosen rate (500 frames/s); the page counts
the view's updates, watches animation frames and long tasks, and notes when the exact final text is on
the page. The baseline is the same stream (same frames, same updates a second) carrying 10 KB, so the
ratio shows what the reply's length costs; the 200 KB figures are also printed against the limits
(≤ 20 updates in any second, no frame gap over 50 ms, final text ≤ 100 ms after the stream).
Past ``LONG_REPLY_CHARS`` the view sends at half its rate, so the 200 KB reply makes fewer updates a
second than the 10 KB one, as a user's long reply does.

    PYTHONPATH=$PWD python benchmarks/chat_stream_browser.py [--kb 200] [--rate 500] [--trace t.json]

``--trace`` writes a Chromium trace of the long stream (open it in the DevTools Performance panel);
tracing slows the page, so figures from a traced run are not comparable with untraced ones.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SETUP = """\
import json, time
from pathlib import Path
from IPython.display import display
from nemo_notebook.events import Done, Text
from nemo_notebook.models import Reply
from nemo_notebook.notebook.widgets import ChatView

def chunks(total_bytes, frames):
    per = max(1, round(total_bytes / frames / 10))
    return [" ".join(f"w{i * per + k:07d}" for k in range(per)) for i in range(frames)]

views = {}
for name in NAMES:
    views[name] = ChatView(max_rate=20)
    views[name].start(f"stream {name}")
    display(views[name])
"""

STREAM = """\
def stream(name, total_bytes, rate, flag):
    while not Path(flag).exists():
        time.sleep(0.05)
    view, parts = views[name], chunks(total_bytes, FRAMES)
    started = time.monotonic()
    for i, part in enumerate(parts):
        time.sleep(max(0.0, started + i / rate - time.monotonic()))
        view.feed(Text(part))
    ended = time.time()
    view.feed(Done(Reply(text="\\n\\n".join(parts), events=(), session_id="bench")))
    Path(flag + ".out").write_text(json.dumps(
        {"ended_ms": ended * 1000, "expected": "".join(parts), "frames": len(parts)}))

for name, size in SIZES:
    stream(name, size, RATE, FLAG + name)
"""

# Each update of the view's text (one mutation batch per message handled) with the text's length then,
# and every animation frame, in epoch milliseconds like the kernel's clock.
WATCH_JS = """(index) => {
  const text = document.querySelectorAll('.nemo-chat .nemo-chat-text')[index];
  const state = { updates: [], lengths: [], frames: [], stop: false };
  const now = () => performance.timeOrigin + performance.now();
  new MutationObserver(() => {
    state.updates.push(now());
    state.lengths.push(text.textContent.length);
  }).observe(text, { childList: true, subtree: true, characterData: true });
  state.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push([performance.timeOrigin + e.startTime, e.duration]);
  }).observe({ type: "longtask" });
  const frame = () => { state.frames.push(now()); if (!state.stop) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  (window.__nemoBench ??= [])[index] = state;
}"""

FINISH_JS = """(index) => {
  const state = window.__nemoBench[index];
  state.stop = true;
  state.text = document.querySelectorAll('.nemo-chat .nemo-chat-text')[index].textContent;
  return state;
}"""


# What a trace records: the main thread's tasks, style, layout and paint, GC, and sampled JS stacks.
TRACE = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "disabled-by-default-devtools.timeline.frame",
    "v8",
    "v8.execute",
    "blink.user_timing",
    "disabled-by-default-v8.cpu_profiler",
    "disabled-by-default-v8.gc",
]


def notebook(names: list[str], sizes: list[tuple[str, int]], rate: int, flag: str) -> dict:
    frames = 2 * rate  # two seconds of streaming
    header = (
        f"NAMES = {names!r}\nSIZES = {sizes!r}\nRATE = {rate}\nFRAMES = {frames}\nFLAG = {flag!r}\n"
    )
    cells = [header + SETUP, STREAM]
    return {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": c,
                "outputs": [],
                "execution_count": None,
            }
            for c in cells
        ],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def figures(state: dict, done: dict) -> dict[str, float]:
    updates, frames, ended_ms = state["updates"], state["frames"], done["ended_ms"]
    final = len(done["expected"])
    on_page = next((t for t, n in zip(updates, state["lengths"], strict=True) if n == final), None)
    busiest = max((sum(1 for u in updates if a <= u < a + 1000) for a in updates), default=0)
    in_stream = [f for f in frames if updates and updates[0] - 100 <= f <= ended_ms + 500]
    gaps = [b - a for a, b in itertools.pairwise(in_stream)]
    return {
        "updates": len(updates),
        "busiest_second": busiest,
        "worst_frame_gap_ms": max(gaps, default=0.0),
        # How often a frame came late at all: a lone slow frame on a busy machine shows up in the
        # worst gap, a cost the page pays on every update shows up here.
        "gaps_over_33_ms": sum(1 for g in gaps if g > 33.4),
        "on_page_after_ms": on_page - ended_ms if on_page is not None else float("inf"),
        "longest_task_ms": max(
            (
                d
                for t, d in state["longTasks"]
                if updates and updates[0] - 100 <= t <= ended_ms + 500
            ),
            default=0.0,
        ),
        "exact": state["text"] == done["expected"],
        "frames": done["frames"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=200)
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--trace", type=Path, help="write a Chromium trace of the long stream here")
    args = parser.parse_args()
    from browser.lab import ensure_venv_kernelspec, running_lab
    from browser.notebook_page import CHROMIUM, CHROMIUM_ARGS, open_notebook
    from playwright.sync_api import sync_playwright

    ensure_venv_kernelspec()
    sizes = [("small", 10_000), ("large", args.kb * 1000)]
    with tempfile.TemporaryDirectory(prefix="nemo-bench-") as tmp:
        root, work = Path(tmp) / "root", Path(tmp) / "work"
        root.mkdir()
        work.mkdir()
        flag = str(Path(tmp) / "go-")
        nb = notebook([n for n, _ in sizes], sizes, args.rate, flag)
        (root / "stream.ipynb").write_text(json.dumps(nb))
        with running_lab(root, work) as lab, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            open_notebook(page, lab.notebook_url("stream.ipynb"))
            started = time.monotonic()
            run_all_async(page)
            chats = page.locator(".nemo-chat .nemo-chat-text")
            chats.nth(len(sizes) - 1).wait_for(state="attached", timeout=60_000)
            results = {}
            for index, (name, _) in enumerate(sizes):
                page.evaluate(WATCH_JS, index)
                tracing = args.trace is not None and index == len(sizes) - 1
                if tracing:
                    browser.start_tracing(page=page, path=str(args.trace), categories=TRACE)
                    page.wait_for_timeout(2000)  # the sampling profiler's start stalls the page
                Path(flag + name).write_text("go")
                out = Path(flag + name + ".out")
                deadline = time.monotonic() + 120
                while not out.exists() and time.monotonic() < deadline:
                    time.sleep(0.05)
                done = json.loads(out.read_text())
                page.wait_for_timeout(600)
                if tracing:
                    browser.stop_tracing()
                results[name] = figures(page.evaluate(FINISH_JS, index), done)
            print(f"lab run: {time.monotonic() - started:.1f} s")
            browser.close()
    report(results, args.kb, args.rate)


def run_all_async(page) -> None:
    """Run every cell without waiting for the run to end (the streams wait for their flags)."""
    page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.click("li[data-command='runmenu:run-all']")


def report(results: dict, kb: int, rate: int) -> None:
    small, large = results["small"], results["large"]
    print(
        f"chat view, {kb} KB reply at {rate} frames/s ({large['frames']} frames), vs 10 KB streamed the same way"
    )
    rows = [
        ("updates in the busiest second", "busiest_second", 20),
        ("worst animation-frame gap (ms)", "worst_frame_gap_ms", 50),
        ("animation-frame gaps over 33 ms (two frames)", "gaps_over_33_ms", None),
        ("final text on the page after the stream (ms)", "on_page_after_ms", 100),
        ("longest main-thread task (ms, 0 = none over 50)", "longest_task_ms", 50),
    ]
    for label, key, limit in rows:
        ratio = large[key] / small[key] if small[key] else float("nan")
        verdict = (
            "" if limit is None else f"   limit {limit} ({'ok' if large[key] <= limit else 'OVER'})"
        )
        print(
            f"  {label:<46} {large[key]:8.1f}   10 KB: {small[key]:7.1f}   ratio {ratio:5.2f}{verdict}"
        )
    print(f"  final text exact: {large['exact']} (10 KB: {small['exact']})")


if __name__ == "__main__":
    main()
