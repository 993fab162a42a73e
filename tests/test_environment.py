"""Platform detection (for X-Skill-Platform) and language detection (for the session language)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from nemo_notebook.environment import detect_language, detect_platform


def kernel_modules(running: bool = True) -> dict[str, object]:
    app = SimpleNamespace(initialized=lambda: running)
    return {"ipykernel": object(), "ipykernel.kernelapp": SimpleNamespace(IPKernelApp=app)}


@pytest.mark.parametrize(
    ("environ", "modules", "expected"),
    [
        ({}, {}, "terminal"),
        ({"COLAB_RELEASE_TAG": "release-colab_2026"}, kernel_modules(), "colab"),
        ({}, {"google.colab": object()}, "colab"),
        ({"VSCODE_PID": "42", "COLAB_RELEASE_TAG": "x"}, kernel_modules(), "colab"),
        ({"VSCODE_PID": "42"}, kernel_modules(), "vscode"),
        ({"VSCODE_CWD": "/w", "JPY_PARENT_PID": "7"}, {}, "vscode"),
        ({"VSCODE_PID": "42"}, {}, "terminal"),
        ({"TERM_PROGRAM": "vscode"}, kernel_modules(running=False), "terminal"),
        ({"JPY_SESSION_NAME": "/work/demo.ipynb"}, kernel_modules(), "jupyterlab"),
        ({"JUPYTER_SERVER_ROOT": "/work"}, {}, "jupyterlab"),
        ({}, kernel_modules(), "jupyterlab"),
        (
            {"JPY_PARENT_PID": "9", "JUPYTER_SERVER_URL": "http://127.0.0.1:8888/tree"},
            {},
            "notebook",
        ),
    ],
)
def test_platform_precedence(
    environ: dict[str, str], modules: dict[str, object], expected: str
) -> None:
    assert detect_platform(environ, modules) == expected


def test_platform_in_this_test_process_is_terminal_without_jupyter_env(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for key in (
        "JPY_SESSION_NAME",
        "JUPYTER_SERVER_ROOT",
        "JPY_PARENT_PID",
        "COLAB_RELEASE_TAG",
        "VSCODE_PID",
        "VSCODE_CWD",
        "VSCODE_IPC_HOOK_CLI",
        "TERM_PROGRAM",
    ):
        monkeypatch.delenv(key, raising=False)
    assert detect_platform() == "terminal"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("make a 10 second video of a sunset", "en"),
        ("sunset", "en"),
        ("", "en"),
        ("生成一个海边日落的视频", "zh-CN"),
        ("夕日の動画を作って", "ja"),
        ("東京の夜景で動画を作ってください", "ja"),
        ("바다 영상 만들어 줘", "ko"),
        ("hazme un vídeo de la playa con música tranquila", "es"),
        ("¿puedes crear un video del mar?", "es"),
        ("fais une vidéo de la mer avec de la musique", "fr"),
        ("ajoute un titre à ma vidéo", "fr"),
        ("erstelle ein Video über den Wald mit Musik", "de"),
        ("bitte füge Musik hinzu", "de"),
        ("faça um vídeo sobre o mar com música", "pt"),
        ("crie uma animação da praia", "pt"),
    ],
)
def test_language_detection(text: str, expected: str) -> None:
    assert detect_language(text) == expected
