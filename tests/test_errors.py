"""Mapping of both envelopes and bare HTTP statuses to the error tree, and the messages users see."""

from __future__ import annotations

import pytest

from nemo_notebook.errors import (
    SUPPORTED_EXTENSIONS,
    AuthError,
    BackendUnavailable,
    BadRequest,
    ExportBlocked,
    FileTooLarge,
    NemoError,
    NoCredits,
    ProtocolError,
    RateLimited,
    RenderFailed,
    SessionBusy,
    SessionNotFound,
    StreamDropped,
    StreamTimeout,
    UnsupportedFile,
    error_from_code,
    error_from_response,
)


@pytest.mark.parametrize(
    "body",
    [
        {"code": 0, "message": "ok", "data": {}},
        {"success": True, "data": {}},
        None,
        "",
        {"data": 1},
    ],
)
def test_success_replies_map_to_no_error(body: object) -> None:
    assert error_from_response(200, body) is None


@pytest.mark.parametrize(
    ("status", "body", "cls", "code", "effective"),
    [
        (401, {"code": 1001, "message": "token expired"}, AuthError, 1001, 401),
        (200, {"code": 1001, "message": "token expired"}, AuthError, 1001, 401),
        (401, None, AuthError, 1001, 401),
        (404, {"code": 1002, "message": "no session"}, SessionNotFound, 1002, 404),
        (404, {"detail": "Session not found: 1234"}, SessionNotFound, 1002, 404),
        (200, {"code": 2001, "message": "no credits"}, NoCredits, 2001, 403),
        (403, None, NoCredits, 2001, 403),
        (415, {"code": 4001, "message": "bad"}, UnsupportedFile, 4001, 415),
        (200, {"code": 4002, "message": "big"}, FileTooLarge, 4002, 413),
        (400, {"code": 400, "message": "missing X-Client-Id"}, BadRequest, 400, 400),
        (200, {"code": 400, "message": "missing X-Client-Id"}, BadRequest, 400, 400),
        (402, {"success": False, "error": "free plan"}, ExportBlocked, None, 402),
        (200, {"code": 402, "message": "free plan"}, ExportBlocked, 402, 402),
        (409, None, SessionBusy, None, 409),
        (200, {"code": 1003, "message": "session busy"}, SessionBusy, 1003, 409),
        (429, None, RateLimited, None, 429),
        (200, {"code": 429, "message": "slow down"}, RateLimited, 429, 429),
        (502, "Bad Gateway", BackendUnavailable, None, 502),
        (503, {"success": False, "error": "down"}, BackendUnavailable, None, 503),
        (200, {"code": 500, "message": "internal error"}, BackendUnavailable, 500, 500),
    ],
)
def test_envelopes_and_statuses_map_to_classes(
    status: int, body: object, cls: type[NemoError], code: int | None, effective: int
) -> None:
    error = error_from_response(status, body, request="POST /run_sse")
    assert type(error) is cls
    assert error.code == code
    assert error.status == effective
    assert error.request == "POST /run_sse"
    assert "POST /run_sse" in str(error)
    assert "\n" not in str(error)


def test_render_envelope_with_code_on_http_200_keeps_the_server_message() -> None:
    body = {
        "success": False,
        "error": "render id already used",
        "code": 409,
        "message": "render id already used",
    }
    error = error_from_response(200, body, request="POST /api/render/proxy/lambda")
    assert error.status == 409
    assert "render id already used" in str(error)


def test_file_too_large_does_not_repeat_a_limit_the_server_stated() -> None:
    body = {"code": 4002, "message": "file too large: the limit is 500 MB"}
    message = str(error_from_response(413, body, limit_bytes=500_000_000))
    assert message.count("500 MB") == 1


def test_unknown_nonzero_code_on_http_200_is_still_an_error() -> None:
    error = error_from_response(200, {"code": 9999, "message": "weird failure"})
    assert type(error) is NemoError
    assert error.code == 9999
    assert "weird failure" in str(error)


def test_render_envelope_failure_on_http_200_is_an_error() -> None:
    error = error_from_response(200, {"success": False, "error": "render id reused"})
    assert isinstance(error, NemoError)
    assert "render id reused" in str(error)


def test_no_credits_for_anonymous_user_shows_register_link() -> None:
    error = error_from_response(403, {"code": 2001, "message": "no credits"}, user_id="anon_42")
    assert isinstance(error, NoCredits)
    assert error.bind_url == "https://nemovideo.com/register?bind=anon_42"
    assert "https://nemovideo.com/register?bind=anon_42" in str(error)


def test_no_credits_for_registered_user_says_top_up() -> None:
    error = error_from_response(403, None, user_id="u_1", anonymous=False)
    assert isinstance(error, NoCredits)
    assert error.bind_url is None
    assert "top up credits" in str(error)


def test_unsupported_file_lists_every_supported_format() -> None:
    message = str(error_from_code(4001, "unsupported: .xyz"))
    for exts in SUPPORTED_EXTENSIONS.values():
        for ext in exts:
            assert ext in message


def test_file_too_large_states_limit_and_suggests_compressing() -> None:
    message = str(error_from_response(413, None, limit_bytes=500_000_000))
    assert "500 MB" in message
    assert "compress" in message and "trim" in message


def test_export_blocked_is_not_a_credits_problem() -> None:
    error = error_from_response(402, None)
    assert isinstance(error, ExportBlocked)
    assert not isinstance(error, NoCredits)
    assert "register or upgrade to unlock export" in str(error)


def test_rate_limited_honours_retry_after_else_thirty_seconds() -> None:
    assert error_from_response(429, None, retry_after=12).retry_after == 12.0
    assert error_from_response(429, None).retry_after == 30.0


def test_backend_unavailable_names_the_url() -> None:
    error = BackendUnavailable(url="http://127.0.0.1:9/")
    assert "http://127.0.0.1:9/" in str(error)


def test_stream_errors_say_what_to_do() -> None:
    assert "server-side" in str(StreamTimeout())
    assert "again" in str(StreamDropped())
    failed = RenderFailed("ffmpeg exited 1", render_id="render_1")
    assert failed.reason == "ffmpeg exited 1"
    assert "render_1" in str(failed) and "ffmpeg exited 1" in str(failed)
    assert "text/html" in str(ProtocolError("Expected an event stream", received="text/html"))


def test_every_error_is_a_nemo_error_with_one_line_message() -> None:
    for error in (AuthError(), SessionNotFound(), NoCredits(), SessionBusy(), ExportBlocked()):
        assert isinstance(error, NemoError)
        assert str(error) and "\n" not in str(error)


def test_each_error_keeps_its_advice_and_adds_the_server_text() -> None:
    blocked = error_from_response(402, {"success": False, "error": "plan limit reached"})
    assert str(blocked).startswith("Export is blocked on the free plan: register or upgrade")
    assert str(blocked).endswith("the server said: plan limit reached")
    auth = error_from_response(200, {"code": 1001, "message": "token expired"})
    assert "unset NEMO_TOKEN or set a valid one" in str(auth) and "token expired" in str(auth)
    assert auth.detail == "token expired"


def test_server_text_is_one_clean_line() -> None:
    error = error_from_response(500, {"code": 500, "message": "boom\x1b[31m\nred\u202e"})
    assert "\x1b" not in str(error) and "\n" not in str(error) and "\u202e" not in str(error)
    assert "boom [31m red" in str(error)


def test_too_large_reads_the_limit_the_server_states() -> None:
    error = error_from_response(
        200,
        {"code": 4002, "message": "file too large: the limit is 200 MB"},
        limit_bytes=500 * 10**6,
    )
    assert isinstance(error, FileTooLarge) and error.limit_bytes == 200_000_000
    assert "500 MB" not in str(error) and "200 MB" in str(error)
