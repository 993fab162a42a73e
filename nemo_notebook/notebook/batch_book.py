"""The batch's journal: each row's progress kept in the config dir, so a batch run again resumes.

A row is journalled as it goes (its session once the first event names it, "chatted" once the draft is
made, then "ok", "error" or "not run"). On a second run a finished row is kept as it was, a row whose
session already has a draft is not chatted (nor charged) again, and after the first "out of credits"
no further row starts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..draft import DraftView
from ..journal import BatchRow, Journal, batch_key

DONE = "ok"
NOT_RUN = "not run"


class BatchBook:
    """One batch's rows in the journal, and whether credits ran out during this run."""

    def __init__(
        self, journal: Journal, key: str, prior: dict[int, BatchRow], export: bool
    ) -> None:
        self.journal = journal
        self.key = key
        self.prior = prior
        self.export = export
        self.stopped: str | None = None

    @classmethod
    async def open(
        cls,
        aclient: Any,
        runs: list[Any],
        export: bool,
        resolution: str,
        folder: Path,
        resume: bool,
    ) -> BatchBook:
        journal = Journal(aclient.config.config_dir)
        backend = await aclient.backend_identity()
        key = batch_key(backend, [run.prompt for run in runs], export, resolution, folder)
        if not resume:
            journal.forget_batch(key)
        return cls(journal, key, journal.batch_rows(key), export)

    def _note(self, index: int, run: Any, state: str, **fields: Any) -> None:
        self.journal.batch_row(self.key, index, run.prompt, state, **fields)

    async def skip(self, index: int, run: Any) -> bool:
        """True when the row needs no work: finished on an earlier run, or credits ran out."""
        prior = self.prior.get(index)
        if prior is not None and prior.state == DONE and self._output_kept(prior):
            run.status, run.summary = DONE, prior.summary or ""
            run.video_path, run.session_id = prior.video_path, prior.session_id
            run.credits_used = 0.0
            return True
        if self.stopped is not None:
            run.status, run.error = NOT_RUN, f"not run: {self.stopped}"
            self._note(index, run, NOT_RUN, error=run.error)
            return True
        return False

    def _output_kept(self, prior: BatchRow) -> bool:
        if not self.export:
            return True
        return bool(prior.video_path) and Path(str(prior.video_path)).is_file()

    async def reattach(self, aclient: Any, index: int, run: Any) -> tuple[Any, Any]:
        """The row's session from an earlier run (and its state when its draft is made), else a new one."""
        prior = self.prior.get(index)
        if prior is not None and prior.session_id:
            from ..errors import SessionNotFound

            try:
                session = await aclient.session(prior.session_id)
            except SessionNotFound:
                return await aclient.session(), None
            run.session_id = session.id
            state = await session.state()
            made = prior.state in ("chatted", DONE) or _has_tracks(state.draft)
            return session, state if made else None
        return await aclient.session(), None

    def noter(self, index: int, run: Any, session: Any) -> Callable[[Any], None]:
        """An ``on_event`` that journals the row's session as soon as it exists."""

        def note(event: Any) -> None:
            if session.id and run.session_id != session.id:
                run.session_id = session.id
                self._note(index, run, "chatting", session_id=session.id)

        return note

    def chatted(self, index: int, run: Any, session: Any) -> None:
        run.session_id = session.id
        self._note(index, run, "chatted", session_id=session.id)

    def out_of_credits(self, message: str) -> None:
        if self.stopped is None:
            self.stopped = message

    def finished(self, index: int, run: Any) -> None:
        if run.status in (DONE, "error"):
            self._note(
                index,
                run,
                run.status,
                summary=run.summary,
                video_path=run.video_path,
                error=run.error,
            )


def _has_tracks(draft: Any) -> bool:
    return any(track.segment_dicts for track in DraftView(draft).tracks)
