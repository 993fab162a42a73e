"""Read ``[tool.nemo_notebook]`` from the nearest ``pyproject.toml`` above the working directory."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest ``pyproject.toml`` in ``start`` or one of its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def project_settings(start: Path | None = None) -> tuple[dict[str, Any], Path | None]:
    """The ``[tool.nemo_notebook]`` table (empty when absent) and the file it came from."""
    path = find_pyproject(start)
    if path is None:
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}, path
    table = data.get("tool", {}).get("nemo_notebook", {})
    return (dict(table) if isinstance(table, dict) else {}), path
