"""Faults of the machine under the backend (a full disk, a data dir it may not write) as one-line errors.

A full disk or a read-only data dir is the user's to fix, so the reply says so instead of naming an
internal exception; what was stored before stays stored (SQLite rolls the failed write back).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from .errors import ApiError

DISK_FULL = "the disk holding {dir} is full: free some space (or set NEMO_HOME to another disk) and try again"
NOT_WRITABLE = (
    "the data dir {dir} is not writable: fix its permissions or set NEMO_HOME to another dir"
)


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


def is_not_writable(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return True
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and (
        "readonly" in text or "read-only" in text or "unable to open" in text
    )


def fault_message(exc: BaseException, data_dir: Path) -> str | None:
    """The one line for a machine fault, or None when ``exc`` is not one."""
    if is_disk_full(exc):
        return DISK_FULL.format(dir=data_dir)
    if is_not_writable(exc):
        return NOT_WRITABLE.format(dir=data_dir)
    return None


def fault_error(exc: BaseException, data_dir: Path) -> ApiError | None:
    """The error reply for a machine fault (507 for a full disk, 503 for a data dir it may not write)."""
    message = fault_message(exc, data_dir)
    if message is None:
        return None
    return ApiError(507 if is_disk_full(exc) else 503, 507 if is_disk_full(exc) else 503, message)
