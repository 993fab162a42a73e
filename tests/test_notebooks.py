"""The shipped notebooks run top to bottom against the embedded backend and make real MP4s."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import nbformat
import pytest
from browser.lab import ensure_venv_kernelspec

from nemo_notebook.notebook import demo

pytestmark = pytest.mark.slow

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@pytest.fixture(scope="module", autouse=True)
def venv_kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Make ``python3`` resolve to this interpreter's ipykernel, never one from the user's data dir.

    The kernels get a data dir of their own: the test process may already serve the session-wide one
    in a thread, and one data dir has one server.
    """
    env = os.environ
    saved = {
        key: env.get(key)
        for key in ("JUPYTER_DATA_DIR", "JUPYTER_PATH", "NEMO_HOME", "NEMO_CONFIG_DIR")
    }
    env["JUPYTER_DATA_DIR"] = str(tmp_path_factory.mktemp("jupyter-data"))
    env["NEMO_HOME"] = str(tmp_path_factory.mktemp("kernel-home"))
    env["NEMO_CONFIG_DIR"] = str(tmp_path_factory.mktemp("kernel-config"))
    env.pop("JUPYTER_PATH", None)
    ensure_venv_kernelspec()
    yield
    for key, value in saved.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value


def run_notebook(name: str, cwd: Path) -> Any:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    demo.execute(notebook, cwd)
    return notebook


def probe(path: Path) -> tuple[str, int, int, float]:
    """Codec name, width, height and duration in seconds of an MP4's video stream."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        duration = float(container.duration) / av.time_base if container.duration else 0.0
        return stream.codec_context.name, stream.width, stream.height, duration


def outputs(notebook: Any, source_start: str) -> list[dict]:
    """The outputs of the one code cell whose source starts with ``source_start``."""
    cells = [
        c
        for c in notebook.cells
        if c.cell_type == "code" and c.source.lstrip().startswith(source_start)
    ]
    assert len(cells) == 1, f"expected one cell starting with {source_start!r}, got {len(cells)}"
    return cells[0].outputs


def errors(notebook: Any) -> list[str]:
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                found.append(f"{output.ename}: {output.evalue}")
            elif (
                output.output_type == "stream"
                and output.name == "stderr"
                and "Error" in output.text
            ):
                found.append(output.text.strip())
    return found


def text_of(cell_outputs: list[dict]) -> str:
    parts = []
    for output in cell_outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif "text/plain" in output.get("data", {}):
            parts.append(output.data["text/plain"])
    return "\n".join(parts)


def table_rows(cell_outputs: list[dict]) -> list[list[str]]:
    """The body rows of the HTML table a DataFrame output shows, as lists of cell texts."""
    html = next(o.data["text/html"] for o in cell_outputs if "text/html" in o.get("data", {}))
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S) for row in rows]


def widget_views(cell_outputs: list[dict]) -> int:
    return sum(
        "application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell_outputs
    )


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Any]:
    out = tmp_path_factory.mktemp("demo-out")
    lines: list[str] = []
    paths = demo.run_demo(out, echo=lines.append)
    return paths, nbformat.read(paths["notebook"], as_version=4)


def test_demo_writes_executed_notebook_html_and_1080p_15s_mp4(quickstart: tuple) -> None:
    paths, notebook = quickstart
    assert errors(notebook) == []
    assert all(c.execution_count for c in notebook.cells if c.cell_type == "code")
    assert "Urban Dreams" in paths["html"].read_text(encoding="utf-8")
    codec, width, height, duration = probe(paths["video"])
    assert (codec, width, height) == ("h264", 1920, 1080)
    assert duration == pytest.approx(15.0, abs=0.2)


def test_quickstart_tables_show_generated_segments_and_the_edit_diff(quickstart: tuple) -> None:
    _, notebook = quickstart
    reply = text_of(outputs(notebook, "print(r.text)"))
    assert "sunset" in reply.lower()
    segments = table_rows(outputs(notebook, "r.timeline.segments"))
    tracks = table_rows(outputs(notebook, "r.timeline.tracks"))
    assert len(segments) >= 2, "a video and a music segment at least"
    assert {"video", "audio"} <= {cell for row in tracks for cell in row}
    diff = table_rows(outputs(notebook, "after = quieter.timeline"))
    kinds = {(row[1], row[4]) for row in diff}
    assert ("changed", "audio") in kinds
    assert ("added", "text") in kinds
    assert any("Urban Dreams" in cell for row in diff for cell in row)
    assert widget_views(outputs(notebook, "nemo.ResultView(")) == 1
    print_line = text_of(outputs(notebook, "video = final.video"))
    assert "1920x1080" in print_line


def test_promo_notebook_builds_a_30s_video_from_four_uploaded_photos(tmp_path: Path) -> None:
    notebook = run_notebook("promo_from_photos.ipynb", tmp_path)
    assert errors(notebook) == []
    assert sorted(p.name for p in (tmp_path / "product_photos").iterdir()) == [
        "aurora_mug.png",
        "breeze_bottle.png",
        "canyon_backpack.png",
        "drift_headphones.png",
    ]
    uploaded = text_of(outputs(notebook, "client = nemo.Client()"))
    assert uploaded.count("'image'") == 4
    segments = table_rows(outputs(notebook, "state = s.state()"))
    types = [cell for row in segments for cell in row if cell in {"video", "audio", "text"}]
    assert types.count("video") >= 4, "one video segment per photo"
    assert types.count("audio") >= 1
    assert types.count("text") >= 5, "a title and one caption per photo"
    codec, width, height, duration = probe(tmp_path / "northwind_promo.mp4")
    assert (codec, width, height) == ("h264", 1280, 720)
    assert duration == pytest.approx(30.0, abs=0.5)


def test_batch_notebook_compares_four_prompts_with_four_videos(tmp_path: Path) -> None:
    notebook = run_notebook("batch.ipynb", tmp_path)
    assert errors(notebook) == []
    rows = table_rows(outputs(notebook, "results = nemo.batch("))
    assert len(rows) == 4
    assert [row[2] for row in rows] == ["ok"] * 4, rows
    videos = sorted((tmp_path / "nemo-batch").glob("*.mp4"))
    assert len(videos) == 4
    for video in videos:
        codec, width, height, duration = probe(video)
        assert (codec, width, height) == ("h264", 1280, 720)
        assert duration == pytest.approx(5.0, abs=0.2)
    assert widget_views(outputs(notebook, "results.gallery()")) == 1


def test_table_notebook_makes_a_video_per_good_row_and_explains_the_bad_one(
    tmp_path: Path,
) -> None:
    notebook = run_notebook("from_a_table.ipynb", tmp_path)
    assert errors(notebook) == []
    made = table_rows(outputs(notebook, "products = pd.DataFrame("))
    assert [row[1] for row in made] == [
        "Aurora Mug",
        "Breeze Bottle",
        "Canyon Backpack",
        "Drift Headphones",
    ]
    results = table_rows(outputs(notebook, "results = nemo.batch("))
    assert [row[3] for row in results] == ["ok", "ok", "ok", "error"], results
    assert "price" in results[3][6] and "is empty" in results[3][6]
    videos = sorted((tmp_path / "nemo-batch").glob("*.mp4"))
    assert [v.name for v in videos] == [
        "01-aurora-mug.mp4",
        "02-breeze-bottle.mp4",
        "03-canyon-backpack.mp4",
    ]
    for video in videos:
        codec, width, height, duration = probe(video)
        assert (codec, width, height) == ("h264", 1280, 720)
        assert duration == pytest.approx(4.0, abs=0.2)
    assert widget_views(outputs(notebook, "results.gallery()")) == 1
    applied = text_of(outputs(notebook, "%nemo apply first"))
    assert "applied as the next version" in applied and "Aurora Mug" in applied


def test_demo_cli_reports_a_bad_out_dir_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    assert demo.main(["--out", str(blocker)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("demo failed:") and "\n" not in err


def test_committed_notebooks_have_no_outputs() -> None:
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        dirty = [
            i
            for i, c in enumerate(notebook.cells)
            if c.cell_type == "code" and (c.outputs or c.execution_count)
        ]
        assert dirty == [], f"{path.name} has outputs in cells {dirty}"


def test_notebooks_folder_holds_the_four_examples() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == [
        "batch.ipynb",
        "from_a_table.ipynb",
        "promo_from_photos.ipynb",
        "quickstart.ipynb",
    ]
