"""Time to build ``Timeline.segments`` for 10k segments, against ``pd.DataFrame(list_of_dicts)``.

python benchmarks/timeline_frame.py [--segments N]
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import pandas as pd

from nemo_notebook.timeline import MAPPED_KEYS, Timeline

TYPES = {0: "video", 1: "audio", 7: "text"}


def build_draft(segments: int) -> dict[str, Any]:
    """Three tracks (video, audio, text) sharing ``segments`` segments of one second each."""
    tracks = [
        {"id": "trk_v1", "tt": 0, "n": "Video", "sg": []},
        {"id": "trk_a1", "tt": 1, "n": "BGM", "sg": []},
        {"id": "trk_t1", "tt": 7, "n": "Title", "sg": []},
    ]
    for i in range(segments):
        track = tracks[i % 3]
        seg: dict[str, Any] = {"id": f"seg_{i}", "st": (i // 3) * 1000, "d": 1000, "n": f"part {i}"}
        if track["tt"] == 0:
            seg.update(src=f"gen:scene/city?seed={i}", tr={"type": "fade", "d": 500})
        elif track["tt"] == 1:
            seg.update(src="gen:music/calm?seed=1", vol=0.35, fi=1000, fo=2000)
        else:
            seg.update(tx=f"Caption {i}", sty={"pos": "bottom-center", "size": 48})
        track["sg"].append(seg)
    return {"d": (segments // 3 + 1) * 1000, "m": {"title": "bench", "fps": 30}, "t": tracks}


def row_wise(draft: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for track in draft["t"]:
        for seg in track["sg"]:
            rows.append(
                {
                    "track": track["n"],
                    "track_id": track["id"],
                    "type": TYPES[track["tt"]],
                    "id": seg["id"],
                    "start_s": seg["st"] / 1000,
                    "end_s": (seg["st"] + seg["d"]) / 1000,
                    "duration_s": seg["d"] / 1000,
                    "label": seg.get("n"),
                    "text": seg.get("tx"),
                    "source": seg.get("src"),
                    "volume": seg.get("vol"),
                    "meta": {k: v for k, v in seg.items() if k not in MAPPED_KEYS},
                }
            )
    return pd.DataFrame(rows)


def best_ms(fn: Any, *args: Any) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=10_000)
    count = parser.parse_args().segments
    draft = build_draft(count)
    ours = best_ms(lambda: Timeline(draft).segments)
    theirs = best_ms(row_wise, draft)
    print(
        f"{count} segments: Timeline.segments {ours:.1f} ms, pd.DataFrame(list_of_dicts) {theirs:.1f} ms"
    )


if __name__ == "__main__":
    main()
