"""``%%nemo`` and ``%nemo``: talk to NemoVideo from a notebook cell.

Only IPython and traitlets are imported here at load time; the client, pandas and the widgets are
imported on first use so ``%load_ext nemo_notebook`` stays instant.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import traceback
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, magics_class
from traitlets import Bool, Enum, Float, TraitError, Unicode

from ..errors import NemoError
from ..journal import ACTIVE
from ..options import TurnOptions
from .parsing import CellOptions, parse_cell_line, split_words, substitute
from .result import NemoResult
from .settings import project_settings
from .turn import BackgroundJob, SessionRef, TurnPlan, check_rerun, describe, run_turn

if TYPE_CHECKING:
    from IPython.core.interactiveshell import InteractiveShell

    from ..models import Video
    from ..sync import Client, Session
    from .widgets import ResultView

LINE_USAGE = (
    "usage: %nemo status | credits | export [--mkdir] [PATH] | export --resume | exports | preview | "
    "upload PATH|URL ... | apply TIMELINE | session new [NAME]|list|use NAME | history | "
    "restore VERSION | cancel | config | help | debug"
)
HELP = f"""%%nemo [options] [name <<]   — the cell body is the message (generate, edit, export, ...)
  --session NAME    use (or start) the named session       --new      start a fresh session
  --bg              return at once, keep streaming          --export [PATH]  export the MP4 afterwards
  --aspect RATIO    16:9 | 9:16 | 1:1 | 4:5                 --lang CODE  reply language
  --duration SECS   length of a new video (seconds)
  --resolution R    720p | 1080p for --export
  name <<           bind the result (reply, timeline, changes, video) to `name`
  {{{{name}}}} / {{{{obj.attr}}}} in the body are filled from the notebook's variables.
%nemo apply tl      make the Timeline `tl` (edited in Python) the session's next version
{LINE_USAGE}
Settings: %config NemoMagics.<name> = value, or [tool.nemo_notebook] in pyproject.toml."""


@magics_class
class NemoMagics(Magics):
    """The ``%%nemo`` cell magic and the ``%nemo`` line magic, with their settings."""

    default_aspect = Unicode(
        "",
        help="Aspect ratio of a session's first video (16:9, 9:16, 1:1, 4:5; '' = agent's choice).",
    ).tag(config=True)
    default_resolution = Enum(
        ("", "720p", "1080p"),
        "",
        help="Resolution of --export and %nemo export ('' = the draft's own).",
    ).tag(config=True)
    default_language = Unicode("", help="Reply language for new sessions ('' = detect).").tag(
        config=True
    )
    export_dir = Unicode("", help="Folder for exported MP4s ('' = the working directory).").tag(
        config=True
    )
    autoshow_timeline = Bool(True, help="Show the timeline under each reply.").tag(config=True)
    preview = Bool(
        None,
        allow_none=True,
        help="Make a low-resolution preview after each reply that changes the draft "
        "(None = on for a local backend, off for the cloud, whose renders take minutes).",
    ).tag(config=True)
    coalesce_hz = Float(20.0, help="Most widget updates per second while a reply streams.").tag(
        config=True
    )
    backend = Enum(
        ("", "local", "cloud"),
        "",
        help="Backend: 'cloud' (NemoVideo), 'local' (embedded), '' = NEMO_BACKEND / NEMO_TOKEN decide.",
    ).tag(config=True)

    def __init__(self, shell: InteractiveShell | None = None, **kwargs: Any) -> None:
        super().__init__(shell, **kwargs)
        self._client: Client | None = None
        self._sessions: dict[str, SessionRef] = {}
        self._current = "main"
        self.last_traceback = ""
        self.last_result: NemoResult | None = None
        self.settings_file: Path | None = None
        self._apply_project_settings()

    # -- settings ------------------------------------------------------------------------------------

    def _apply_project_settings(self) -> None:
        """``[tool.nemo_notebook]`` values, unless ``%config``/IPython config already set them."""
        table, self.settings_file = project_settings()
        configured = self.config.get("NemoMagics", {}) if self.config else {}
        for key, value in table.items():
            if not self.has_trait(key) or not self.trait_metadata(key, "config"):
                print(f"nemo: unknown setting {key!r} in {self.settings_file}", file=sys.stderr)
            elif key not in configured:
                try:
                    setattr(self, key, value)
                except TraitError as error:
                    print(
                        f"nemo: bad value for {key!r} in {self.settings_file}: {error}",
                        file=sys.stderr,
                    )

    # -- the magic -----------------------------------------------------------------------------------

    @line_cell_magic
    def nemo(self, line: str, cell: str | None = None) -> Any:
        """Talk to NemoVideo: ``%%nemo`` sends the cell as a message, ``%nemo help`` lists commands."""
        work = self._line if cell is None else (lambda text: self._cell(text, cell))
        try:
            return work(line)
        except UsageError:
            self.last_traceback = traceback.format_exc()
            raise
        except NemoError as error:
            self.last_traceback = traceback.format_exc()
            raise UsageError(str(error)) from None
        except KeyboardInterrupt:
            self.last_traceback = traceback.format_exc()
            raise UsageError("cancelled") from None

    # -- sessions ------------------------------------------------------------------------------------

    @property
    def client(self) -> Client:
        if self._client is None:
            from ..sync import Client

            self._client = Client(
                language=self.default_language or None, backend=self.backend or None
            )
        return self._client

    def _ref(self, name: str | None = None, *, new: bool = False) -> SessionRef:
        if new and name is None:
            name = self._fresh_name()
        name = name or self._current
        ref = self._sessions.get(name)
        if ref is None or new:
            if ref is not None and ref.job is not None and ref.job.running:
                raise UsageError(
                    f"session '{name}' is busy with a background message; %nemo cancel first"
                )
            ref = self._sessions[name] = SessionRef(name)
        self._current = name
        return ref

    def _fresh_name(self) -> str:
        n = len(self._sessions) + 1
        while f"s{n}" in self._sessions:
            n += 1
        return f"s{n}"

    def _session(self, ref: SessionRef) -> Session:
        """The blocking session for ``ref`` (re-attached when a background job created it)."""
        if ref.job is not None and ref.job.running:
            raise UsageError(
                f"session '{ref.name}' is busy with a background message; wait or %nemo cancel"
            )
        if ref.session is None or (ref.id is not None and ref.session.id != ref.id):
            ref.session = self.client.session(ref.id, language=ref.language)
        return ref.session

    # -- %%nemo --------------------------------------------------------------------------------------

    def _cell(self, line: str, cell: str) -> None:
        options = parse_cell_line(line)
        message = substitute(cell, self.shell.user_ns if self.shell else {}).strip()
        if not message:
            raise UsageError("%%nemo: the cell is empty; write what to make or change")
        from ..routing import route

        ref = self._ref(options.session, new=options.new)
        if options.lang:
            ref.language = options.lang
        decided = route(message)
        if decided.action == "chat":
            check_rerun(ref, message)
        result = NemoResult(
            prompt=message, action=decided.action, session_name=ref.name, session_id=ref.id
        )
        self.last_result = result
        plan = self._plan(message, decided.action, decided.argument, options, ref)
        if options.background:
            if ref.job is not None and ref.job.running:
                raise UsageError(
                    f"session '{ref.name}' is busy with a background message; wait or %nemo cancel"
                )
            view = self._view(result, cancellable=True)
            if options.target:
                self.shell.user_ns[options.target] = result  # type: ignore[union-attr]
            self._background(ref, result, view, plan)
            return
        session = self._session(ref)
        view = self._view(result, cancellable=False)
        if options.lang and hasattr(session.asession, "language"):
            session.asession.language = options.lang
        self.client.run(run_turn(session.asession, ref, result, view, plan))
        if options.target:
            self.shell.user_ns[options.target] = result  # type: ignore[union-attr]

    def _turn_options(self, options: CellOptions, ref: SessionRef | None) -> TurnOptions:
        """The cell's options as fields of the turn: only those given (the default aspect only
        for a new session's first message), so the draft decides the rest."""
        new = ref is not None and ref.messages == 0 and ref.id is None
        return TurnOptions(
            aspect=options.aspect or (self.default_aspect if new else "") or None,
            resolution=options.resolution,
            duration_s=options.duration,
            language=options.lang,
        )

    def _view(self, result: NemoResult, *, cancellable: bool) -> ResultView:
        from IPython.display import display

        from .widgets import ChatView, ResultView

        chat = ChatView(max_rate=self.coalesce_hz)
        chat.start(result.prompt, session=result.session_name, cancellable=cancellable)
        view = result.view = ResultView(chat)
        result.display_handle = display(view, display_id=True)
        return view

    def _plan(
        self,
        message: str,
        action: str,
        argument: str,
        options: CellOptions,
        ref: SessionRef | None = None,
        *,
        show_player: bool = True,
    ) -> TurnPlan:
        export = action == "export" or options.wants_export
        resolution = options.resolution or (argument if action == "export" else "")
        return TurnPlan(
            message=message,
            action=action,
            argument=argument,
            export=export,
            export_path=Path(options.export).expanduser() if options.export else None,
            export_dir=self._export_folder() if export else None,
            resolution=resolution or self.default_resolution or None,
            show_timeline=self.autoshow_timeline,
            show_player=show_player,
            options=self._turn_options(options, ref) if action == "chat" else TurnOptions(),
            preview=self._previews_wanted(),
        )

    def _previews_wanted(self) -> bool:
        if self.preview is not None:
            return bool(self.preview)
        return self.client.aclient.is_local

    def _export_folder(self) -> Path | None:
        """Where MP4s without a path go (named after their title); None for the working directory."""
        if not self.export_dir:
            return None
        folder = Path(self.export_dir).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def _background(
        self, ref: SessionRef, result: NemoResult, view: ResultView, plan: TurnPlan
    ) -> None:
        from ..client import AsyncClient

        base_url = self.client.base_url

        async def work() -> None:
            async with AsyncClient(
                base_url, language=self.default_language or None, backend=self.backend or None
            ) as aclient:
                try:
                    asession = await aclient.session(ref.id, language=ref.language)
                    await run_turn(asession, ref, result, view, plan)
                except asyncio.CancelledError:
                    view.chat.set_status("cancelled")  # type: ignore[union-attr]
                    result.finish("cancelled")
                except Exception as error:
                    self.last_traceback = "".join(traceback.format_exception(error))
                    if not result.done:
                        view.chat.set_status("error", error=describe(error))  # type: ignore[union-attr]
                        result.finish("error", describe(error))

        job = ref.job = BackgroundJob(work, result)
        view.chat.on_cancel(job.cancel)  # type: ignore[union-attr]
        job.start()

    # -- %nemo ---------------------------------------------------------------------------------------

    def _line(self, line: str) -> Any:
        words = split_words(line, LINE_USAGE)
        if not words:
            raise UsageError(f"%nemo: say what to do. {LINE_USAGE}")
        command, args = words[0].lower(), words[1:]
        handler = {
            "status": self._status,
            "credits": self._credits,
            "export": self._export_line,
            "preview": self._preview,
            "exports": self._exports,
            "upload": self._upload,
            "apply": self._apply,
            "session": self._session_cmd,
            "history": self._history,
            "restore": self._restore,
            "cancel": self._cancel,
            "config": self._config,
            "help": self._help,
            "debug": self._debug,
        }.get(command)
        if handler is None:
            raise UsageError(f"%nemo: unknown command {command!r}. {LINE_USAGE}")
        return handler(args)

    def _no_args(self, command: str, args: list[str]) -> None:
        if args:
            raise UsageError(f"%nemo {command}: unexpected {' '.join(args)!r}. {LINE_USAGE}")

    def _status(self, args: list[str]) -> None:
        from IPython.display import display

        from .widgets import TimelineView

        self._no_args("status", args)
        ref = self._ref()
        state = self._session(ref).state()
        ref.id = state.session_id or ref.id
        view = TimelineView(state)
        print(f"[{ref.name}] {view.summary}")
        display(view)

    def _credits(self, args: list[str]) -> Any:
        self._no_args("credits", args)
        credits = self.client.credits()
        print(credits)
        return None

    def _exports(self, args: list[str]) -> Any:
        """The journal's exports (any kernel's) as a table, newest first."""
        import pandas as pd

        from ..resume import export_rows

        self._no_args("exports", args)
        rows = export_rows(self.client.exports())
        if not rows:
            print("no exports yet")
            return None
        return pd.DataFrame(rows)

    def _resume(self) -> None:
        """Finish the newest export still rendering or downloading (e.g. after a kernel restart)."""
        from IPython.display import display

        pending = [item for item in self.client.exports() if item.state in ACTIVE]
        if not pending:
            print("no export to resume: every export finished (see %nemo exports)")
            return
        item = pending[0]
        print(f"resuming {item.render_id} → {item.target}")
        display(item.wait())

    def _export_line(self, args: list[str]) -> Video | None:
        """Export the current session's draft; returns the ``Video``, which shows as its player."""
        if args == ["--resume"]:
            self._resume()
            return None
        mkdirs = "--mkdir" in args
        args = [arg for arg in args if arg != "--mkdir"]
        if len(args) > 1:
            raise UsageError(f"%nemo export: give at most one path. {LINE_USAGE}")
        options = CellOptions(export=args[0] if args else "")
        ref = self._ref()
        prompt = " ".join(["%nemo export", *args])
        result = NemoResult(
            prompt=prompt, action="export", session_name=ref.name, session_id=ref.id
        )
        self.last_result = result
        session = self._session(ref)
        plan = replace(self._plan("", "export", "", options, show_player=False), mkdirs=mkdirs)
        view = self._view(result, cancellable=False)
        self.client.run(run_turn(session.asession, ref, result, view, plan))
        return result.video

    def _history(self, args: list[str]) -> Any:
        """Show the session's saved versions as a table and return it (a DataFrame indexed by version)."""
        from IPython.display import display

        self._no_args("history", args)
        ref = self._ref()
        if ref.id is None and ref.session is None:
            print(f"[{ref.name}] no versions yet; the first %%nemo cell makes version 1")
            return None
        table = self._session(ref).history()
        print(f"[{ref.name}] {len(table)} version(s); %nemo restore N goes back to one")
        display(table)
        return table

    def _restore(self, args: list[str]) -> None:
        """Make an earlier version current again, as a new version (undoable like any edit)."""
        if len(args) != 1 or not args[0].isdigit():
            raise UsageError(
                f"%nemo restore: give one version number from %nemo history. {LINE_USAGE}"
            )
        ref = self._ref()
        state = self._session(ref).restore(int(args[0]))
        print(f"[{ref.name}] restored version {args[0]}: {state.timeline.summary()}")

    def _preview(self, args: list[str]) -> Any:
        """A low-resolution render of the current draft, shown and returned (a ``Video``)."""
        from IPython.display import display

        from .widgets import Player

        self._no_args("preview", args)
        ref = self._ref()
        video = self._session(ref).preview()
        display(Player.from_video(video, preview=True))
        return video

    def _upload(self, args: list[str]) -> None:
        if not args:
            raise UsageError(f"%nemo upload: give a file path or an http(s) URL. {LINE_USAGE}")
        ref = self._ref()
        assets = self._session(ref).upload(*args)
        ref.id = self._session(ref).id
        for asset in assets:
            size = f" {asset.width}×{asset.height}" if asset.width else ""
            print(f"[{ref.name}] uploaded {asset.filename} ({asset.file_type}{size})")

    def _apply(self, args: list[str]) -> Any:
        """``%nemo apply tl``: store a Timeline from the notebook as the session's next version."""
        from IPython.display import display

        from ..timeline import Timeline
        from .widgets import TimelineView

        if len(args) != 1:
            raise UsageError(f"%nemo apply: name one Timeline variable. {LINE_USAGE}")
        value = (self.shell.user_ns if self.shell else {}).get(args[0])
        timeline = getattr(value, "timeline", value)
        if not isinstance(timeline, Timeline):
            found = "nothing" if value is None else type(value).__name__
            raise UsageError(f"%nemo apply: {args[0]!r} is {found}, not a Timeline")
        ref = self._ref()
        session = self._session(ref)
        state = session.apply(timeline)
        ref.id = state.session_id or session.id
        view = TimelineView(state)
        print(f"[{ref.name}] applied as the next version: {view.summary}")
        display(view)
        return None

    def _session_cmd(self, args: list[str]) -> None:
        verb, rest = (args[0].lower(), args[1:]) if args else ("list", [])
        if verb == "new" and len(rest) <= 1:
            ref = self._ref(rest[0] if rest else None, new=True)
            print(f"current session: {ref.name} (new)")
        elif verb == "list" and not rest:
            if not self._sessions:
                print("no sessions yet; the first %%nemo cell starts 'main'")
            for name, ref in self._sessions.items():
                mark = "*" if name == self._current else " "
                busy = " (running in background)" if ref.job is not None and ref.job.running else ""
                print(f"{mark} {name}  {ref.id or '(not started)'}{busy}")
        elif verb == "use" and len(rest) == 1:
            self._use(rest[0])
        else:
            raise UsageError(f"%nemo session: expected new [NAME] | list | use NAME. {LINE_USAGE}")

    def _use(self, name: str) -> None:
        if name in self._sessions:
            self._current = name
            print(f"current session: {name} ({self._sessions[name].id or 'not started'})")
            return
        found = next((r for r in self._sessions.values() if r.id == name), None)
        if found is not None:
            self._current = found.name
            print(f"current session: {found.name} ({name})")
            return
        session = self.client.session(name)
        ref = self._sessions[name] = SessionRef(name, id=session.id, session=session, messages=1)
        self._current = ref.name
        print(f"current session: {name} (attached)")

    def _cancel(self, args: list[str]) -> None:
        self._no_args("cancel", args)
        ref = self._ref()
        if ref.job is not None and ref.job.running:
            ref.job.cancel()
            ref.job.thread.join(10)
            print(f"[{ref.name}] cancelled the background message")
            return
        if ref.session is not None:
            ref.session.cancel()
        print(f"[{ref.name}] no background message; any running render was cancelled")

    def _config(self, args: list[str]) -> None:
        import os

        from ..config import ClientConfig
        from ..target import describe_setup, format_setup

        self._no_args("config", args)
        config = ClientConfig.from_env(backend=self.backend or None)
        print(format_setup(describe_setup(config, os.environ)))
        for name in sorted(self.class_own_traits(config=True)):
            print(f"NemoMagics.{name} = {getattr(self, name)!r}")
        if self.settings_file is not None:
            print(f"(project settings: {self.settings_file})")

    def _help(self, args: list[str]) -> None:
        print(HELP)

    def _debug(self, args: list[str]) -> None:
        from ..events import Unrecognised

        print(self.last_traceback or "no error so far")
        reply = self.last_result.reply if self.last_result is not None else None
        frames = [e.data for e in reply.events if isinstance(e, Unrecognised)] if reply else []
        if frames:
            print(f"{len(frames)} stream frame(s) of an unknown shape in the last reply:")
            for data in frames:
                print(f"  {data[:500]!r}")


def show_video(video: Video) -> None:
    """A ``Video`` shown in the notebook is its player, sized to its shape."""
    from IPython.display import display

    from .widgets import Player

    display(Player.from_video(video))


def load_ipython_extension(ipython: InteractiveShell) -> None:
    """Register ``%%nemo`` / ``%nemo``; settable with ``%config NemoMagics.<name> = ...``."""
    ipython.register_magics(NemoMagics)
    if ipython.display_formatter is not None:
        formatter = ipython.display_formatter.ipython_display_formatter
        formatter.for_type_by_name("nemo_notebook.models", "Video", show_video)


def unload_ipython_extension(ipython: InteractiveShell) -> None:
    """Remove the magics and drop their configurable."""
    if ipython.display_formatter is not None:
        formatter = ipython.display_formatter.ipython_display_formatter
        formatter.deferred_printers.pop(("nemo_notebook.models", "Video"), None)
        with contextlib.suppress(KeyError):
            from ..models import Video

            formatter.pop(Video)
    manager = ipython.magics_manager
    for kind in ("line", "cell"):
        manager.magics[kind].pop("nemo", None)
    instance = manager.registry.pop("NemoMagics", None)
    if instance is not None and instance in ipython.configurables:
        ipython.configurables.remove(instance)
        if instance._client is not None:
            instance._client.close()
