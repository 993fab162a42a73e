"""Where the client runs (the attribution headers); ``detect_language`` is re-exported from
``nemo_notebook.language``, the one detector client and agent share.

``detect_platform`` checks, in this order: Colab, VS Code (only with a running kernel), a Jupyter
kernel (reported as ``jupyterlab`` unless the environment names the classic notebook), else terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

from .language import detect_language

__all__ = [
    "PLATFORMS",
    "SKILL_ENV",
    "SKILL_SOURCE",
    "detect_language",
    "detect_platform",
    "skill_headers",
]

PLATFORMS = ("jupyterlab", "notebook", "vscode", "colab", "terminal")
SKILL_SOURCE = "nemo-notebook"
SKILL_ENV = {
    "X-Skill-Source": "NEMO_SKILL_SOURCE",
    "X-Skill-Version": "NEMO_SKILL_VERSION",
    "X-Skill-Platform": "NEMO_SKILL_PLATFORM",
}
"""The attribution headers and the environment variables that override their values."""
_VSCODE_VARS = ("VSCODE_PID", "VSCODE_CWD", "VSCODE_IPC_HOOK_CLI", "VSCODE_AGENT_FOLDER")
_JUPYTER_VARS = ("JPY_SESSION_NAME", "JUPYTER_SERVER_ROOT", "JPY_PARENT_PID", "JUPYTER_SERVER_URL")


def _kernel_running(modules: Mapping[str, Any]) -> bool:
    """True when an IPython kernel (not a terminal IPython) is running in this process."""
    kernelapp = modules.get("ipykernel.kernelapp")
    app = getattr(kernelapp, "IPKernelApp", None)
    try:
        return bool(app is not None and app.initialized())
    except Exception:
        return False


def detect_platform(
    environ: Mapping[str, str] | None = None, modules: Mapping[str, Any] | None = None
) -> str:
    """One of ``jupyterlab``, ``notebook``, ``vscode``, ``colab``, ``terminal``."""
    env = os.environ if environ is None else environ
    mods = sys.modules if modules is None else modules
    if env.get("COLAB_RELEASE_TAG") or "google.colab" in mods:
        return "colab"
    kernel = _kernel_running(mods)
    in_vscode = any(env.get(k) for k in _VSCODE_VARS) or env.get("TERM_PROGRAM") == "vscode"
    if in_vscode and (kernel or env.get("JPY_PARENT_PID")):
        return "vscode"
    if kernel or any(env.get(k) for k in _JUPYTER_VARS):
        if "/tree" in env.get("JUPYTER_SERVER_URL", "") or env.get("JUPYTER_CLASSIC"):
            return "notebook"
        return "jupyterlab"
    return "terminal"


def skill_headers(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> dict[str, str]:
    """The three attribution headers sent on every request, each overridable by ``SKILL_ENV``.

    Defaults: ``nemo-notebook``, the package version, and where it runs (``platform`` or detected).
    Values are reduced to printable ASCII, as HTTP headers require.
    """
    from ._version import __version__

    env = os.environ if environ is None else environ
    defaults = {
        "X-Skill-Source": SKILL_SOURCE,
        "X-Skill-Version": __version__,
        "X-Skill-Platform": platform or detect_platform(environ),
    }
    headers = {}
    for name, default in defaults.items():
        value = _header_value(env.get(SKILL_ENV[name], ""))
        headers[name] = value or default
    return headers


def _header_value(raw: str) -> str:
    return "".join(ch for ch in raw if " " <= ch <= "~").strip()[:100]
