"""``nemo-notebook demo``: run the quickstart notebook headless and keep its notebook, HTML and MP4."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import NemoError

QUICKSTART = "quickstart.ipynb"
VIDEO_NAME = "urban_dreams.mp4"
CELL_TIMEOUT_S = 600


class DemoError(NemoError):
    """The demo could not run or a cell failed; the message is one line a person can act on."""

    default_message = "the demo failed"


def find_notebook(name: str = QUICKSTART) -> Path:
    """The shipped notebook: ``notebooks/`` beside the package in a checkout, else next to the package."""
    package = Path(__file__).resolve().parent.parent
    for folder in (package.parent / "notebooks", package / "notebooks"):
        if (folder / name).is_file():
            return folder / name
    raise DemoError(f"cannot find {name}; expected it in {package.parent / 'notebooks'}")


def _failed_cell(error: Exception) -> str:
    """One line from nbclient's ``CellExecutionError``: the exception name and value."""
    name, value = getattr(error, "ename", ""), getattr(error, "evalue", "")
    if name:
        return f"{name}: {value}".strip()
    lines = [line for line in str(error).splitlines() if line.strip()]
    return lines[-1] if lines else type(error).__name__


def execute(
    notebook: Any,
    cwd: Path,
    *,
    on_cell: Callable[[int, int], None] | None = None,
    kernel_log: Path | None = None,
) -> None:
    """Run every cell of ``notebook`` in place with the ``python3`` kernel, working dir ``cwd``.

    The kernel's own stderr goes to ``kernel_log`` when given, so it does not mix with progress lines.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
    )
    total, index = len(notebook.cells), 0
    log = kernel_log.open("ab") if kernel_log is not None else None
    try:
        with client.setup_kernel(**({"stderr": log} if log is not None else {})):
            for index, cell in enumerate(notebook.cells):
                if on_cell is not None:
                    on_cell(index, total)
                client.execute_cell(cell, index)
    except CellExecutionError as error:
        raise DemoError(f"cell {index + 1} of {total} failed: {_failed_cell(error)}") from error
    except CellTimeoutError as error:
        raise DemoError(f"cell {index + 1} of {total} ran over {CELL_TIMEOUT_S} s") from error
    except DeadKernelError as error:
        raise DemoError(f"the kernel died at cell {index + 1} of {total}: {error}") from error
    finally:
        if log is not None:
            log.close()


def to_html(notebook: Any) -> str:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(notebook)
    return body


def run_demo(out_dir: Path | str = "out", *, echo: Callable[[str], None] = print) -> dict:
    """Execute the quickstart into ``out_dir``; returns the paths of the notebook, HTML and MP4."""
    import nbformat

    out = Path(out_dir).expanduser().resolve()
    if out.exists() and not out.is_dir():
        raise DemoError(f"{out} is a file; give --out a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DemoError(f"cannot use {out} as the output folder: {error.strerror}") from error
    source = find_notebook()
    notebook = nbformat.read(source, as_version=4)
    started = time.monotonic()
    echo(f"running {source.name} ({len(notebook.cells)} cells) in {out}")

    def progress(index: int, total: int) -> None:
        cell = notebook.cells[index]
        if cell.cell_type == "code":
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            echo(f"  [{index + 1}/{total}] {first[:70]}")

    try:
        execute(notebook, out, on_cell=progress, kernel_log=out / "kernel.log")
    finally:
        executed = out / source.name
        nbformat.write(notebook, executed)
    html_path = out / f"{source.stem}.html"
    html_path.write_text(to_html(notebook), encoding="utf-8")
    video = out / VIDEO_NAME
    if not video.is_file():
        raise DemoError(f"the notebook ran but wrote no {VIDEO_NAME} in {out}")
    paths = {"notebook": executed, "html": html_path, "video": video}
    echo(f"done in {time.monotonic() - started:.0f} s")
    for kind, path in paths.items():
        echo(f"  {kind:8} {path}")
    return paths


def main(argv: list[str] | None = None) -> int:
    """``python -m nemo_notebook.notebook.demo [--out DIR]``; errors are one line and exit code 1."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m nemo_notebook.notebook.demo", description=run_demo.__doc__
    )
    parser.add_argument("--out", default="out", help="folder for the results (default: out)")
    args = parser.parse_args(argv)
    try:
        run_demo(args.out)
    except (NemoError, OSError) as error:
        print(f"demo failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
