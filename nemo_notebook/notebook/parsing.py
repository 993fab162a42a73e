"""Parse a ``%%nemo`` line (options and the ``name <<`` capture) and fill ``{{name}}`` in a cell body."""

from __future__ import annotations

import argparse
import re
import shlex
from dataclasses import dataclass
from typing import Any, NoReturn

from IPython.core.error import UsageError

from ..draft import ASPECTS, MAX_DURATION_MS, RESOLUTIONS

CELL_USAGE = (
    "usage: %%nemo [--session NAME] [--new] [--bg] [--export [PATH]] [--aspect RATIO] "
    "[--resolution 720p|1080p] [--duration SECONDS] [--lang CODE] [name <<]"
)

_CAPTURE = re.compile(r"(?:^|(?<=\s))([A-Za-z_]\w*)\s*<<(?=\s|$)")
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\}\}")


@dataclass(frozen=True, slots=True)
class CellOptions:
    """What the first line of a ``%%nemo`` cell asked for."""

    target: str | None = None
    session: str | None = None
    new: bool = False
    background: bool = False
    export: str | None = None
    aspect: str | None = None
    resolution: str | None = None
    duration: float | None = None
    lang: str | None = None

    @property
    def wants_export(self) -> bool:
        return self.export is not None


class _Parser(argparse.ArgumentParser):
    """argparse that raises one-line usage errors instead of printing help and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"%%nemo: {message}. {CELL_USAGE}")


def _cell_parser() -> _Parser:
    parser = _Parser(prog="%%nemo", add_help=False, allow_abbrev=False)
    parser.add_argument("--session", metavar="NAME")
    parser.add_argument("--new", action="store_true")
    parser.add_argument("--bg", action="store_true", dest="background")
    parser.add_argument("--export", nargs="?", const="", metavar="PATH")
    parser.add_argument("--aspect", choices=ASPECTS)
    parser.add_argument("--resolution", choices=RESOLUTIONS)
    parser.add_argument("--duration", type=_seconds, metavar="SECONDS")
    parser.add_argument("--lang", metavar="CODE")
    return parser


def _seconds(text: str) -> float:
    """A ``--duration`` value: seconds, more than 0 and at most the longest video."""
    longest = MAX_DURATION_MS / 1000
    try:
        value = float(text.removesuffix("s"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= longest:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most {longest:g} seconds")
    return value


def split_capture(line: str) -> tuple[str | None, str]:
    """Take ``name <<`` out of the line: ``("r", "--export")`` for ``"--export r <<"``."""
    match = _CAPTURE.search(line)
    if match is None:
        if "<<" in line:
            raise UsageError(f"%%nemo: '<<' needs a variable name before it. {CELL_USAGE}")
        return None, line
    name = match.group(1)
    rest = (line[: match.start()] + " " + line[match.end() :]).strip()
    if "<<" in rest:
        raise UsageError(f"%%nemo: only one 'name <<' is allowed. {CELL_USAGE}")
    return name, rest


def parse_cell_line(line: str) -> CellOptions:
    """Options of a ``%%nemo`` line; unknown flags and stray words raise a one-line ``UsageError``."""
    target, rest = split_capture(line.strip())
    try:
        tokens = shlex.split(rest)
    except ValueError as error:
        raise UsageError(f"%%nemo: {error}. {CELL_USAGE}") from None
    args = _cell_parser().parse_args(tokens)
    return CellOptions(
        target=target,
        session=args.session,
        new=args.new,
        background=args.background,
        export=args.export,
        aspect=args.aspect,
        resolution=args.resolution,
        duration=args.duration,
        lang=args.lang,
    )


def _lookup(expression: str, namespace: dict[str, Any]) -> Any:
    """Resolve ``name.attr.attr`` by plain lookups: no calls, no indexing, no dunders."""
    name, *attrs = expression.split(".")
    if name not in namespace:
        raise UsageError(f"%%nemo: {{{{{expression}}}}}: name '{name}' is not defined")
    value = namespace[name]
    for attr in attrs:
        if attr.startswith("__"):
            raise UsageError(f"%%nemo: {{{{{expression}}}}}: dunder attributes are not allowed")
        try:
            value = getattr(value, attr)
        except AttributeError:
            kind = type(value).__name__
            raise UsageError(
                f"%%nemo: {{{{{expression}}}}}: '{kind}' object has no attribute '{attr}'"
            ) from None
    return value


def substitute(body: str, namespace: dict[str, Any]) -> str:
    """Replace each ``{{name}}`` / ``{{obj.attr}}`` once from ``namespace``; other braces stay as they are."""
    return _PLACEHOLDER.sub(lambda match: str(_lookup(match.group(1), namespace)), body)


def split_words(line: str, usage: str) -> list[str]:
    """shlex-split a line magic's arguments, turning quoting mistakes into a usage error."""
    try:
        return shlex.split(line)
    except ValueError as error:
        raise UsageError(f"%nemo: {error}. {usage}") from None
