"""Which backend the client talks to, and ``nemo-notebook config`` / ``%nemo config`` saying so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nemo_notebook.backend.settings import Settings
from nemo_notebook.cli import main
from nemo_notebook.client import AsyncClient
from nemo_notebook.config import ClientConfig
from nemo_notebook.errors import ConfigError
from nemo_notebook.limits import CLOUD_UPLOAD_LIMIT_BYTES, UPLOAD_LIMIT_BYTES
from nemo_notebook.target import CLOUD_BASE_URL

SECRET = "nmv_usr_SECRET_never_printed"


def test_token_alone_means_the_cloud() -> None:
    config = ClientConfig.from_env({"NEMO_TOKEN": SECRET})
    assert config.base_url == CLOUD_BASE_URL == "https://mega-api-prod.nemovideo.ai"
    assert not config.embedded and config.target.cloud
    assert config.target.reason == "NEMO_TOKEN is set"


def test_backend_cloud_needs_no_token() -> None:
    config = ClientConfig.from_env({"NEMO_BACKEND": "Cloud"})
    assert config.base_url == CLOUD_BASE_URL and config.token is None
    assert AsyncClient(environ={"NEMO_BACKEND": "cloud"}).upload_limit == CLOUD_UPLOAD_LIMIT_BYTES


def test_backend_local_wins_over_a_token_and_base_url_wins_over_both() -> None:
    local = ClientConfig.from_env({"NEMO_BACKEND": "local", "NEMO_TOKEN": SECRET})
    assert local.embedded and local.target.kind == "local"
    assert AsyncClient(environ={"NEMO_BACKEND": "local"}).upload_limit == UPLOAD_LIMIT_BYTES
    env = {"NEMO_BACKEND": "cloud", "NEMO_TOKEN": SECRET, "NEMO_BASE_URL": "http://127.0.0.1:9/"}
    chosen = ClientConfig.from_env(env)
    assert chosen.base_url == "http://127.0.0.1:9" and chosen.target.reason == "NEMO_BASE_URL"
    assert ClientConfig.from_env({}, backend="cloud").base_url == CLOUD_BASE_URL


def test_nothing_set_means_the_embedded_local_backend() -> None:
    assert ClientConfig.from_env({}).embedded


def test_bad_backend_is_a_one_line_config_error() -> None:
    with pytest.raises(ConfigError, match="NEMO_BACKEND must be 'local' or 'cloud', got 'mars'"):
        ClientConfig.from_env({"NEMO_BACKEND": "mars"})


def test_embedded_backend_profile_comes_from_the_environment(tmp_path: Path) -> None:
    settings = Settings.from_env({"NEMO_PROFILE": "cloud", "NEMO_HOME": str(tmp_path)})
    assert settings.profile == "cloud" and settings.errors_as_http_200
    assert Settings.from_env({"NEMO_HOME": str(tmp_path)}).profile == "local"
    with pytest.raises(ValueError, match="profile must be one of local, cloud"):
        Settings.from_env({"NEMO_PROFILE": "moon", "NEMO_HOME": str(tmp_path)})


def _config_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, str]:
    for key in ("NEMO_TOKEN", "NEMO_BACKEND", "NEMO_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NEMO_CONFIG_DIR", str(tmp_path / "cfg"))
    monkeypatch.setenv("NEMO_HOME", str(tmp_path / "home"))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return json.loads(_run_main(["config", "--json"]))


def _run_main(argv: list[str]) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    return out.getvalue()


def test_cli_config_names_the_cloud_and_the_token_source_never_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _config_json(tmp_path, monkeypatch, NEMO_TOKEN=SECRET)
    assert report["backend"] == "cloud" and report["url"] == CLOUD_BASE_URL
    assert report["token"] == "environment (NEMO_TOKEN)"
    assert report["client_id"] == str(tmp_path / "cfg" / "client_id")
    assert report["data_dir"] == str(tmp_path / "home")
    assert SECRET not in json.dumps(report)


def test_cli_config_for_the_local_backend_and_a_cached_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _config_json(tmp_path, monkeypatch)
    assert report["backend"] == "local" and report["url"].startswith("embedded local backend")
    assert report["token"].startswith("none")
    from nemo_notebook.auth import CachedToken, TokenCache

    TokenCache(tmp_path / "cfg").put(CLOUD_BASE_URL, CachedToken(SECRET, "anon_1", None))
    cached = _config_json(tmp_path, monkeypatch, NEMO_BACKEND="cloud")
    assert cached["token"].startswith("cache (") and cached["chosen_by"] == "NEMO_BACKEND=cloud"
    text = _run_main(["config"])
    assert "https://mega-api-prod.nemovideo.ai" in text and SECRET not in text


def test_magic_backend_setting_and_config_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ipython_shell: Any
) -> None:
    from IPython.utils.capture import capture_output

    for key in ("NEMO_TOKEN", "NEMO_BACKEND", "NEMO_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    shell = ipython_shell
    shell.run_line_magic("load_ext", "nemo_notebook")
    try:
        magics = shell.magics_manager.registry["NemoMagics"]
        magics._client = None
        shell.run_line_magic("config", "NemoMagics.backend = 'cloud'")
        assert magics.client.aclient.config.base_url == CLOUD_BASE_URL
        with capture_output() as shown:
            shell.run_line_magic("nemo", "config")
        assert "https://mega-api-prod.nemovideo.ai" in shown.stdout
        assert "backend=cloud" in shown.stdout or "NEMO_BACKEND=cloud" in shown.stdout
    finally:
        shell.run_line_magic("config", "NemoMagics.backend = ''")
        shell.run_line_magic("unload_ext", "nemo_notebook")


def test_serve_rejects_an_unknown_profile(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "nemo_notebook",
            "serve",
            "--profile",
            "moon",
            "--data",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "invalid choice: 'moon'" in done.stderr
