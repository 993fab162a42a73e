"""The ``nemo-notebook`` command: run a prompt, show credits or state, serve the backend, make the demo."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ._version import __version__
from .draft import ASPECTS, RESOLUTIONS
from .errors import InputError, NemoError
from .limits import format_mb
from .terminal import plain

LAST_SESSION_FILE = "last_session"
# Partial blocks for the progress bar's last cell, in eighths.
BLOCKS = " ▏▎▍▌▋▊▉"


class _Printer:
    """Writes a streaming reply to a terminal: text as it arrives, tool activity dimmed."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.tty = out.isatty()
        self._tenth = -1
        self._width = 0

    def dim(self, text: str) -> None:
        text = plain(text)
        line = f"\x1b[2m{text}\x1b[0m" if self.tty else text
        print(line, file=self.out, flush=True)

    def text(self, text: str) -> None:
        print(plain(text), file=self.out, flush=True)

    def progress(self, percent: float, label: str) -> None:
        """A tqdm-style line, redrawn in place on a terminal (elsewhere one line per tenth)."""
        share = max(0.0, min(percent, 100.0)) / 100
        if not self.tty:
            tenth = int(share * 10)
            if tenth == self._tenth:
                return
            self._tenth = tenth
        width = 24
        eighths = int(share * width * 8)
        bar = "█" * (eighths // 8) + (BLOCKS[eighths % 8] if eighths < width * 8 else "")
        line = f"rendering {share * 100:3.0f}%|{bar:<{width}}| {plain(label)}"
        if self.tty:
            print(f"\r{line:<{self._width}}", end="", file=self.out, flush=True)
            self._width = max(self._width, len(line))
        else:
            print(line, file=self.out, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nemo-notebook", description="Make short AI videos with the NemoVideo agent."
    )
    parser.add_argument("--version", action="version", version=f"nemo-notebook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="send a prompt and stream the reply")
    run.add_argument("prompt")
    run.add_argument("--export", metavar="OUT.mp4", help="render the result to this file")
    run.add_argument("--aspect", choices=ASPECTS, help="aspect ratio")
    run.add_argument(
        "--resolution", choices=RESOLUTIONS, help="export resolution (default: the draft's own)"
    )
    run.add_argument("--duration", type=float, metavar="SECONDS", help="length of a new video")
    run.add_argument("--lang", metavar="CODE", help="reply language (default: the prompt's)")
    run.add_argument("--session", metavar="ID", help="continue this session")

    credits = commands.add_parser("credits", help="show the credit balance")
    credits.add_argument(
        "--add", metavar="N", type=int, help="give the local backend's user N more credits"
    )

    config = commands.add_parser(
        "config", help="show where requests go and where the token comes from"
    )
    config.add_argument("--json", action="store_true", help="print it as JSON")

    state = commands.add_parser("state", help="show a session's timeline")
    state.add_argument("--session", metavar="ID", help="session id (default: the last one run)")

    serve = commands.add_parser("serve", help="run the local backend")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--data", metavar="DIR", type=Path, help="data dir (default: NEMO_HOME)")
    serve.add_argument(
        "--profile",
        choices=["local", "cloud"],
        help="local (default) or cloud: behave as the vendor documents the cloud (NEMO_PROFILE)",
    )
    serve.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="let URL uploads fetch from loopback and private addresses (a trusted network only)",
    )
    serve.add_argument(
        "--idle-timeout",
        metavar="S",
        type=float,
        help="stop after S seconds with no request, stream or render (default: never)",
    )

    stop = commands.add_parser("stop", help="stop the local backend of a data dir")
    stop.add_argument("--data", metavar="DIR", type=Path, help="data dir (default: NEMO_HOME)")

    demo = commands.add_parser("demo", help="make the demo videos")
    demo.add_argument("--out", metavar="DIR", type=Path, default=Path("out"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; known errors print one line to stderr and return 1."""
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except NemoError as error:
        print(f"nemo-notebook: {plain(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("nemo-notebook: interrupted", file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "serve":
        from .backend.server import ServeError, serve

        try:
            serve(
                host=args.host,
                port=args.port,
                data_dir=args.data,
                profile=args.profile,
                allow_private_urls=args.allow_private_urls,
                idle_timeout=args.idle_timeout,
            )
        except ServeError as error:
            print(f"nemo-notebook: {error}", file=sys.stderr)
            return 1
        except ValueError as error:
            raise InputError(str(error)) from None
        return 0
    if args.command == "stop":
        return _stop(args.data)
    if args.command == "config":
        return _config(args.json)
    if args.command == "demo":
        from .notebook.demo import run_demo

        run_demo(args.out)
        return 0
    from .sync import Client

    with Client() as client:
        if args.command == "credits":
            if args.add is not None:
                _add_credits(client, args.add)
            print(client.credits())
            return 0
        if args.command == "state":
            return _state(client, args.session)
        return _run(client, args)


def _add_credits(client: object, amount: int) -> None:
    """Top up the local backend's user (the cloud's credits are bought, not added here)."""
    from .backend.db import Database
    from .backend.settings import Settings
    from .sync import Client

    assert isinstance(client, Client)
    if not client.aclient.config.embedded:
        raise InputError(
            "credits can be added only to the local backend; unset NEMO_BASE_URL and NEMO_TOKEN"
        )
    if amount <= 0:
        raise InputError("--add takes a positive number of credits")
    client.credits()  # signs in, so the user is known
    user_id = client.aclient.user_id
    db = Database(Settings.from_env().db_path)
    try:
        if user_id is None or db.add_credits(user_id, amount) is None:
            raise InputError("the local backend does not know this user yet; run a prompt first")
    finally:
        db.close()


def _stop(data_dir: Path | None) -> int:
    from .backend.service import stop_service
    from .backend.settings import Settings

    folder = Settings.from_env().data_dir if data_dir is None else data_dir.expanduser()
    stopped = stop_service(folder)
    if stopped is None:
        print(f"no nemo backend runs on {folder}")
    else:
        print(f"stopped the nemo backend {stopped.describe()} on {folder}")
    return 0


def _config(as_json: bool) -> int:
    import json
    import os

    from .config import ClientConfig
    from .target import describe_setup, format_setup

    report = describe_setup(ClientConfig.from_env(), os.environ)
    print(json.dumps(report, indent=2) if as_json else format_setup(report))
    return 0


def _run(client: object, args: argparse.Namespace) -> int:
    from .events import Changes, StillWorking, StreamError, Text, ToolCall, ToolResult
    from .sync import Client

    assert isinstance(client, Client)
    printer = _Printer(sys.stdout)
    prompt = args.prompt.strip()
    if not prompt:
        raise InputError("The prompt is empty; say what video to make")
    session = client.session(args.session)
    stream = session.stream(
        prompt,
        aspect=args.aspect,
        resolution=args.resolution,
        duration=args.duration,
        language=args.lang,
    )
    for event in stream:
        if isinstance(event, Text):
            printer.text(event.text)
        elif isinstance(event, ToolCall):
            printer.dim(f"· {event.name} …")
        elif isinstance(event, ToolResult):
            printer.dim(f"· {event.name} done")
        elif isinstance(event, StillWorking):
            printer.dim(f"· still working ({event.elapsed_s / 60:.0f} min)")
        elif isinstance(event, StreamError):
            print(f"nemo-notebook: {plain(event.message)}", file=sys.stderr)
        elif isinstance(event, Changes) and event.silent:
            for change in event.changes or ():
                printer.text(str(change))
            if not event.changes:
                printer.text("No reply and no change to the timeline.")
    for notice in session.notices:
        printer.dim(notice)
    _remember(client, session.id)
    printer.dim(f"session {session.id}")
    if args.export:
        video = session.export(
            args.export, resolution=args.resolution, on_progress=printer.progress
        )
        if printer.tty:
            print(file=sys.stdout)
        printer.text(
            f"saved {video.path} ({video.width}×{video.height}, {video.duration:.1f} s, "
            f"{format_mb(video.size)})"
        )
    return 0


def _state(client: object, session_id: str | None) -> int:
    from .sync import Client

    assert isinstance(client, Client)
    session_id = session_id or _last(client)
    if not session_id:
        raise InputError("No session yet: pass --session ID or run a prompt first")
    session = client.session(session_id)
    for notice in session.notices:
        print(plain(notice), file=sys.stderr)
    timeline = session.state().timeline
    print(plain(timeline.summary()))
    tracks = timeline.tracks
    if len(tracks):
        print(plain(tracks.to_string(index=False)))
    return 0


def _remember(client: object, session_id: str | None) -> None:
    from .auth import write_private
    from .sync import Client

    if isinstance(client, Client) and session_id:
        write_private(client.aclient.config.config_dir / LAST_SESSION_FILE, session_id + "\n")


def _last(client: object) -> str | None:
    from .sync import Client

    assert isinstance(client, Client)
    try:
        text = (client.aclient.config.config_dir / LAST_SESSION_FILE).read_text(encoding="utf-8")
    except OSError:
        return None
    return text.strip() or None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
