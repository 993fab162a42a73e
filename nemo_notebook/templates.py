"""Timelines from a table: a template's ``{column}`` placeholders filled from each row.

Placeholders may stand in texts, labels, sources (a column naming an uploaded file) and the title.
A row with a missing or bad value fails alone: its ``timeline`` is None and ``error`` says why.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .draft import DraftView
from .errors import InputError
from .frames import PLACEHOLDER, missing
from .timeline import Timeline

FILLED_COLUMNS = ("name", "text", "source")


def placeholders(template: Timeline) -> list[str]:
    """The column names a template asks for, in the order they first appear."""
    table = template.segments
    texts = [template.title or ""]
    for column in FILLED_COLUMNS:
        texts += [v for v in table[column] if isinstance(v, str)]
    return list(dict.fromkeys(name for text in texts for name in PLACEHOLDER.findall(text)))


def from_table(template: Timeline, table: pd.DataFrame) -> pd.DataFrame:
    """One timeline per row of ``table``: the table with a ``timeline`` and an ``error`` column.

    Pass the result to ``nemo.batch`` to render every row. A template that names a column the
    table lacks is refused before any row is made.
    """
    if not isinstance(template, Timeline):
        raise InputError("from_table needs a Timeline as its template (e.g. r.timeline)")
    if not isinstance(table, pd.DataFrame):
        raise InputError("from_table needs a pandas DataFrame with one row per video")
    names = placeholders(template)
    if not names:
        raise InputError(
            "The template has no {column} placeholders; put one in a text, e.g. "
            "tl.set_title('{name}')"
        )
    absent = [name for name in names if name not in table.columns]
    if absent:
        raise InputError(
            f"The template asks for {{{absent[0]}}} but the table has no {absent[0]!r} column "
            f"(its columns: {', '.join(map(str, table.columns))})"
        )
    base = template.segments
    timelines: list[Timeline | None] = []
    errors: list[str | None] = []
    for values in table.to_dict("records"):
        try:
            timelines.append(fill(template, base, values, names))
            errors.append(None)
        except InputError as error:
            timelines.append(None)
            errors.append(str(error))
    out = table.copy()
    out["timeline"] = pd.Series(timelines, index=table.index, dtype=object)
    out["error"] = pd.Series(errors, index=table.index, dtype=object)
    return out


def fill(
    template: Timeline, base: pd.DataFrame, values: dict[Any, Any], names: list[str]
) -> Timeline:
    """The template with every placeholder replaced by the row's value."""
    empty = [name for name in names if missing(values[name]) or not _text(values[name]).strip()]
    if empty:
        raise InputError(f"column {empty[0]!r} is empty")
    table = base.copy()
    for column in FILLED_COLUMNS:
        table[column] = [_fill(v, values) if isinstance(v, str) else v for v in table[column]]
    filled = template.with_segments(table)
    title = template.title
    if filled.draft is not None and title and PLACEHOLDER.search(title):
        DraftView(filled.draft).own_meta().title = _fill(title, values)
    return filled


def _fill(text: str, values: dict[Any, Any]) -> str:
    return PLACEHOLDER.sub(lambda m: _text(values[m.group(1)]), text)


def _text(value: Any) -> str:
    """A cell as text; whole floats lose their ``.0`` (a price of 12.0 reads ``12``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
