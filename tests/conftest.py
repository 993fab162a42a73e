"""Shared fixtures: every test runs with its own data and config dirs, never the user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session", autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point the embedded backend and the client's config at temporary dirs for the whole run.

    The local backend runs in a thread of the test process (``NEMO_EMBEDDED=thread``), so no test
    leaves a detached service behind; the service tests start and stop theirs explicitly.
    """
    root = tmp_path_factory.mktemp("nemo-env")
    names = ("NEMO_HOME", "NEMO_CONFIG_DIR", "NEMO_BASE_URL", "NEMO_TOKEN", "NEMO_CLIENT_ID")
    saved = {k: os.environ.get(k) for k in (*names, "NEMO_EMBEDDED")}
    os.environ["NEMO_HOME"] = str(root / "home")
    os.environ["NEMO_CONFIG_DIR"] = str(root / "config")
    os.environ["NEMO_EMBEDDED"] = "thread"
    for key in ("NEMO_BASE_URL", "NEMO_TOKEN", "NEMO_CLIENT_ID"):
        os.environ.pop(key, None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def ipython_shell() -> Any:
    """The process's one test IPython shell, shared by every test that drives the magics.

    ``globalipapp.get_ipython`` imported by name goes stale once the shell has started (it then
    returns None), so the shell is always looked up after starting it.
    """
    from IPython.testing import globalipapp

    globalipapp.start_ipython()
    return globalipapp.get_ipython()
