"""SSE decoding (bytes → frames) and frame parsing (frames → typed events) for both dialects."""

from __future__ import annotations

import itertools
import json

import pytest
from httpx_sse._decoders import SSEDecoder as HttpxSSEDecoder
from httpx_sse._decoders import SSELineDecoder
from hypothesis import given, settings
from hypothesis import strategies as st

from nemo_notebook.errors import ProtocolError
from nemo_notebook.events import Heartbeat, StreamError, Text, ToolCall, ToolResult, Unrecognised
from nemo_notebook.sse import ServerSentEvent, SSEDecoder, check_content_type, parse_frame


def decode(*chunks: bytes) -> tuple[list[ServerSentEvent], SSEDecoder]:
    decoder = SSEDecoder()
    out: list[ServerSentEvent] = []
    for chunk in chunks:
        out.extend(decoder.feed(chunk))
    out.extend(decoder.flush())
    return out, decoder


def datas(*chunks: bytes) -> list[str]:
    return [event.data for event in decode(*chunks)[0]]


STREAM = (
    '\ufeffdata: {"type":"text","content":"héllo 世界 🎬"}\r\n\r\n'
    ": ping\n\n"
    "event: update\nid: 7\nretry: 1500\ndata: line one\ndata:line two\n\n"
    "data\n\n"
    "data:\r\r"
    "data:  two spaces\rdata: x\r\n\r\n"
    "id\ndata: after id reset\n\n"
).encode()


def test_split_inside_utf8_character_decodes_the_same() -> None:
    raw = 'data: {"type":"text","content":"世界🎬"}\n\n'.encode()
    cut = raw.index("界".encode()) + 1
    assert datas(raw[:cut], raw[cut:]) == ['{"type":"text","content":"世界🎬"}']


def test_crlf_split_between_cr_and_lf_is_one_line_end() -> None:
    assert datas(b"data: a\r", b"\n\r", b"\ndata: b\r\n\r\n") == ["a", "b"]


def test_cr_only_and_lf_only_line_ends() -> None:
    assert datas(b"data: a\r\rdata: b\n\n") == ["a", "b"]


def test_multiline_data_is_joined_with_newline() -> None:
    assert datas(b"data: one\ndata: two\ndata:three\n\n") == ["one\ntwo\nthree"]


def test_comment_lines_yield_nothing_but_count_as_keepalives() -> None:
    events, decoder = decode(b": ping\n\n:\n\ndata: x\n\n")
    assert [e.data for e in events] == ["x"]
    assert decoder.keepalives == 2


def test_empty_data_line_is_an_empty_frame_and_a_keepalive() -> None:
    events, decoder = decode(b"data:\n\n")
    assert events == [ServerSentEvent("message", "", "", None)]
    assert decoder.keepalives == 1
    assert parse_frame(events[0].data) == [Heartbeat()]


def test_field_without_colon_has_empty_value() -> None:
    assert datas(b"data\n\n") == [""]


def test_only_one_leading_space_is_stripped() -> None:
    assert datas(b"data:  two\n\n") == [" two"]


def test_bom_at_start_is_skipped_even_when_split() -> None:
    assert datas(b"\xef", b"\xbb\xbfdata: x\n\n") == ["x"]


def test_event_id_and_retry_fields_are_kept() -> None:
    events, _ = decode(b"event: update\nid: 7\nretry: 1500\ndata: x\n\ndata: y\n\n")
    assert events[0] == ServerSentEvent("update", "x", "7", 1500)
    assert events[1] == ServerSentEvent("message", "y", "7", 1500)


def test_frame_without_final_blank_line_is_dispatched_at_flush() -> None:
    assert datas(b"data: one\n\ndata: last") == ["one", "last"]


def test_blank_lines_without_data_dispatch_nothing() -> None:
    assert datas(b"\n\n\nevent: x\n\n") == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(STREAM)), max_size=20))
def test_any_chunking_gives_the_same_events(cuts: list[int]) -> None:
    bounds = [0, *sorted(cuts), len(STREAM)]
    chunks = [STREAM[a:b] for a, b in itertools.pairwise(bounds)]
    assert decode(*chunks)[0] == decode(STREAM)[0]


VALUE = st.text(
    st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=12
)
DATA_LINE = VALUE.map(lambda v: "data:" + v)
ANY_LINE = st.one_of(
    DATA_LINE,
    VALUE.map(lambda v: ":" + v),
    VALUE.map(lambda v: "event:" + v),
    VALUE.map(lambda v: "id: " + v),
    st.just("data"),
    st.just("retry: 3000"),
)
EOL = st.sampled_from(["\n", "\r", "\r\n"])


def render(frames: list[tuple[list[str], str]]) -> bytes:
    return "".join(eol.join([*lines, "", ""]) for lines, eol in frames).encode()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(ANY_LINE, min_size=1, max_size=4), EOL), max_size=6), st.data())
def test_random_streams_decode_the_same_under_any_chunking(
    frames: list[tuple[list[str], str]], data: st.DataObject
) -> None:
    raw = render(frames)
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=12))
    bounds = [0, *sorted(cuts), len(raw)]
    assert decode(*(raw[a:b] for a, b in itertools.pairwise(bounds)))[0] == decode(raw)[0]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(
                st.one_of(DATA_LINE, VALUE.map(lambda v: ":" + v)), min_size=1, max_size=4
            ).filter(lambda lines: any(line.startswith("data") for line in lines)),
            EOL,
        ),
        max_size=6,
    )
)
def test_data_frames_agree_with_httpx_sse(frames: list[tuple[list[str], str]]) -> None:
    raw = render(frames)
    lines, reference = SSELineDecoder(), HttpxSSEDecoder()
    expected = [
        event.data
        for line in [*lines.decode(raw.decode()), *lines.flush()]
        if (event := reference.decode(line)) is not None
    ]
    assert datas(raw) == expected


def test_reference_stream_decodes_to_expected_frames() -> None:
    events, decoder = decode(STREAM)
    assert [e.data for e in events] == [
        '{"type":"text","content":"héllo 世界 🎬"}',
        "line one\nline two",
        "",
        "",
        " two spaces\nx",
        "after id reset",
    ]
    assert events[1].event == "update"
    assert events[-1].id == ""
    assert decoder.keepalives == 3


def adk(*parts: dict, **extra: object) -> str:
    return json.dumps(
        {
            "id": "e1",
            "author": "nemo_agent",
            "content": {"role": "model", "parts": list(parts)},
            **extra,
        }
    )


def test_adk_parts_become_text_tool_call_and_tool_result() -> None:
    frame = adk(
        {"text": "Making it now."},
        {"functionCall": {"id": "c1", "name": "generate_music", "args": {"mood": "calm"}}},
        {"functionResponse": {"id": "c1", "name": "generate_music", "response": {"ok": True}}},
    )
    assert parse_frame(frame) == [
        Text("Making it now."),
        ToolCall("c1", "generate_music", {"mood": "calm"}),
        ToolResult("c1", "generate_music", {"ok": True}),
    ]


def test_adk_thought_parts_and_partial_frames_are_skipped() -> None:
    assert parse_frame(adk({"text": "thinking", "thought": True}, {"text": "hi"})) == [Text("hi")]
    assert parse_frame(adk({"text": "hi"}, partial=True)) == []


def test_in_stream_error_becomes_stream_error() -> None:
    assert parse_frame('{"error": "agent crashed"}') == [StreamError("agent crashed")]
    assert parse_frame('{"error": {"message": "quota"}}') == [StreamError("quota")]
    assert parse_frame('{"errorCode": "SAFETY", "errorMessage": "blocked"}') == [
        StreamError("blocked")
    ]


def test_simple_dialect_events() -> None:
    assert parse_frame('{"type":"text","content":"Hello"}') == [Text("Hello")]
    assert parse_frame('{"type":"tool_call","name":"edit_multitrack","args":{"a":1}}') == [
        ToolCall("", "edit_multitrack", {"a": 1})
    ]
    assert parse_frame('{"type":"tool_result","name":"edit_multitrack","result":"done"}') == [
        ToolResult("", "edit_multitrack", {"result": "done"})
    ]
    assert parse_frame('{"type":"heartbeat"}') == [Heartbeat()]


def test_empty_data_is_a_heartbeat_and_unknown_frames_are_kept() -> None:
    assert parse_frame("") == [Heartbeat()]
    assert parse_frame("   ") == [Heartbeat()]
    assert parse_frame("not json") == [Text("not json"), Unrecognised("not json")]
    assert parse_frame("[1, 2]") == [Unrecognised("[1, 2]")]
    assert parse_frame('{"type":"mystery"}') == [Unrecognised('{"type":"mystery"}')]


def test_unknown_frame_shape_keeps_the_text_under_usual_keys() -> None:
    frame = '{"event":"message","payload":1,"data":{"answer":"Your video is ready."}}'
    assert parse_frame(frame) == [Text("Your video is ready."), Unrecognised(frame)]
    delta = '{"type":"message_delta","delta":{"text":"Adding music"}}'
    assert parse_frame(delta) == [Text("Adding music"), Unrecognised(delta)]
    state_only = '{"invocationId":"e-1","author":"nemo_agent","actions":{"stateDelta":{}}}'
    assert parse_frame(state_only) == []


def test_content_type_check_names_the_value_received() -> None:
    check_content_type("text/event-stream; charset=utf-8")
    check_content_type("Text/Event-Stream")
    with pytest.raises(ProtocolError, match="application/json"):
        check_content_type("application/json")
    with pytest.raises(ProtocolError, match="no content type"):
        check_content_type(None)
