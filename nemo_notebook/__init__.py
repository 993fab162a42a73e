"""nemo-notebook: make short AI videos from a Jupyter notebook.

Public names are imported lazily so that ``import nemo_notebook`` and ``%load_ext nemo_notebook`` stay fast;
each name below lives in the module named beside it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

_EXPORTS: dict[str, str] = {
    # protocol client
    "AsyncClient": "client",
    "AsyncSession": "session",
    "Client": "sync",
    "Session": "sync",
    "Asset": "models",
    "Credits": "models",
    "RenderStatus": "models",
    "Version": "models",
    "Reply": "models",
    "State": "models",
    "Video": "models",
    "Change": "timeline",
    "Timeline": "timeline",
    "Changes": "events",
    "Done": "events",
    "Heartbeat": "events",
    "StillWorking": "events",
    "StreamError": "events",
    "Text": "events",
    "ToolCall": "events",
    "ToolResult": "events",
    "Unrecognised": "events",
    "AuthError": "errors",
    "BackendUnavailable": "errors",
    "BadRequest": "errors",
    "ConfigError": "errors",
    "ExportBlocked": "errors",
    "FileTooLarge": "errors",
    "FrameTooLarge": "errors",
    "InputError": "errors",
    "NemoError": "errors",
    "NoCredits": "errors",
    "NoReply": "errors",
    "NotSupported": "errors",
    "ProtocolError": "errors",
    "RateLimited": "errors",
    "RenderFailed": "errors",
    "RenderNotFound": "errors",
    "SessionBusy": "errors",
    "SessionNotFound": "errors",
    "StreamDropped": "errors",
    "StreamTimeout": "errors",
    "TimelineError": "errors",
    "UnsupportedFile": "errors",
    # notebook layer
    "batch": "notebook.batch",
    "from_table": "templates",
    "ChatView": "notebook.widgets",
    "Gallery": "notebook.widgets",
    "Player": "notebook.widgets",
    "ResultView": "notebook.widgets",
    "TimelineView": "notebook.widgets",
}

__all__ = [
    "Asset",
    "AsyncClient",
    "AsyncSession",
    "AuthError",
    "BackendUnavailable",
    "BadRequest",
    "Change",
    "Changes",
    "ChatView",
    "Client",
    "ConfigError",
    "Credits",
    "Done",
    "ExportBlocked",
    "FileTooLarge",
    "FrameTooLarge",
    "Gallery",
    "Heartbeat",
    "InputError",
    "NemoError",
    "NoCredits",
    "NoReply",
    "NotSupported",
    "Player",
    "ProtocolError",
    "RateLimited",
    "RenderFailed",
    "RenderNotFound",
    "RenderStatus",
    "Reply",
    "ResultView",
    "Session",
    "SessionBusy",
    "SessionNotFound",
    "State",
    "StillWorking",
    "StreamDropped",
    "StreamError",
    "StreamTimeout",
    "Text",
    "Timeline",
    "TimelineError",
    "TimelineView",
    "ToolCall",
    "ToolResult",
    "Unrecognised",
    "UnsupportedFile",
    "Version",
    "Video",
    "__version__",
    "batch",
    "from_table",
    "load_ipython_extension",
    "unload_ipython_extension",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nemo_notebook' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%%nemo`` and ``%nemo``; the magics module is imported only now."""
    from .notebook.magics import load_ipython_extension as load

    load(ipython)


def unload_ipython_extension(ipython: Any) -> None:
    from .notebook.magics import unload_ipython_extension as unload

    unload(ipython)


if TYPE_CHECKING:  # pragma: no cover
    from .client import AsyncClient
    from .errors import (
        AuthError,
        BackendUnavailable,
        BadRequest,
        ConfigError,
        ExportBlocked,
        FileTooLarge,
        FrameTooLarge,
        InputError,
        NemoError,
        NoCredits,
        NoReply,
        NotSupported,
        ProtocolError,
        RateLimited,
        RenderFailed,
        RenderNotFound,
        SessionBusy,
        SessionNotFound,
        StreamDropped,
        StreamTimeout,
        TimelineError,
        UnsupportedFile,
    )
    from .events import (
        Changes,
        Done,
        Heartbeat,
        StillWorking,
        StreamError,
        Text,
        ToolCall,
        ToolResult,
        Unrecognised,
    )
    from .models import Asset, Credits, RenderStatus, Reply, State, Version, Video
    from .notebook.batch import batch
    from .notebook.widgets import ChatView, Gallery, Player, ResultView, TimelineView
    from .session import AsyncSession
    from .sync import Client, Session
    from .templates import from_table
    from .timeline import Change, Timeline
