"""GUI translation of reply text (protocol §4 rule 1).

The agent writes for a GUI ("click [Export]", "点击导出按钮"). In a notebook the client performs those steps
itself, so sentences that only direct the user around a GUI are removed and turned into actions; every
other sentence is kept byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ACTIONS = ("export", "show_state", "show_timeline", "show_credits", "edit")

_DIRECTION = re.compile(
    "|".join(
        (
            r"\b(?:tap|press|hit|use|select)\s+(?:on\s+)?(?:the\s+)?\[?[\w\s-]{0,30}?\]?\s*button\b",
            r"\[[^\]\n]{1,30}\]\s*(?:button|tab|menu|panel)",
            r"\b(?:the|an?)\s+[\w-]+\s+button\b",
            r"\bopen(?:ing)?\s+(?:up\s+)?(?:the\s+|your\s+)?[\w\s-]{0,30}?\b(?:panel|tab|menu|editor|sidebar|window|settings|dashboard|page|view)\b",
            r"\bdrag(?:ging)?(?:\s*(?:and|&|-)\s*drop)?\s+(?:it|them|this|that|the|your|a|an|each)\b",
            r"\bdrag[\s-]and[\s-]drop\b",
            r"(?:^|[.!?]\s|\n)\s*drag(?:ging)?\s+\w",
            r"\bdrop\s+(?:it|them|the\s+[\w\s]{1,30}?)\s+(?:onto|into|on)\b",
            r"\bpreview\b[^.!?\n]{0,40}\b(?:in|on)\s+the\s+timeline\b",
            r"\b(?:go|head|navigate|switch)\s+(?:over\s+)?to\b[^.!?\n]{0,40}\b(?:settings|dashboard|account|billing|page|tab|panel|timeline|editor)\b",
            r"\bcheck\s+(?:your\s+|the\s+)?(?:account|billing|balance|credits?\s+page|dashboard)\b",
            r"点击|单击|点一下|按下|按钮",
            r"打开",
            r"拖拽|拖动|拖到|拖放|拖入",
            r"在时间线[上中里]?预览|预览时间线",
            r"(?:前往|转到|进入|去)[^，。！？\n]{0,8}(?:设置|控制台|账户|账号|页面|面板|仪表盘|后台)",
            r"查看(?:您的|你的)?(?:账户|账号|账单|余额|积分)",
        )
    ),
    re.IGNORECASE,
)
# Case matters here: "click Export" is a direction, "the click of a shutter" is content.
_CLICK = re.compile(
    r"\b[Cc]lick(?:ing)?\s+(?:on\s+)?(?:the\s+)?(?:[\[\"'“]|[A-Z]|\w+\s+(?:button|icon|tab|link|to)\b)"
    r"|\b[Cc]lick\s+(?:here|it|that|this)\b"
)


def _is_direction(text: str) -> bool:
    return bool(_DIRECTION.search(text) or _CLICK.search(text))


_PARENS = re.compile(r"\s*[(（][^()（）\n]{0,200}[)）]")
# Split after sentence ends followed by space, or after CJK punctuation; the pieces rejoin exactly.
_SPLIT = re.compile(r"(?<=[.!?;])(?=\s)|(?<=[。！？；，\n])")

_ACTION_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("edit", re.compile(r"\bdrag|\bdrop\b|拖", re.IGNORECASE)),
    ("export", re.compile(r"export|download|render|导出|下载|保存视频", re.IGNORECASE)),
    (
        "show_credits",
        re.compile(
            r"account|billing|credit|balance|dashboard|top.?up|账户|账号|账单|余额|积分|充值",
            re.IGNORECASE,
        ),
    ),
    ("show_timeline", re.compile(r"timeline|preview|track|时间线|预览|轨道", re.IGNORECASE)),
    ("show_state", re.compile(r"open|panel|settings|state|打开|面板|设置|状态", re.IGNORECASE)),
)


SUGGESTIONS: dict[str, str] = {
    "export": "To export the video, run `%nemo export` (or `session.export()`).",
    "edit": "To move or replace media, describe the change in a message "
    "(`%%nemo move the title to the end`, or `session.chat(...)`).",
    "show_credits": "Credits: `%nemo credits` (or `client.credits()`).",
    "show_state": "Timeline: `%nemo status` (or `session.state().timeline`).",
    "show_timeline": "Timeline: `%nemo status` (or `session.state().timeline`).",
}
"""A one-line suggestion, with the call that does it, for each GUI action the client does not run."""


@dataclass(frozen=True, slots=True)
class Translation:
    """Reply text with GUI directions removed, and the actions they asked for."""

    text: str
    actions: tuple[str, ...] = ()


def _action(direction: str) -> str | None:
    return next((name for name, hint in _ACTION_HINTS if hint.search(direction)), None)


def translate(text: str) -> Translation:
    """Strip GUI directions from ``text``; unchanged text comes back identical."""
    if not _is_direction(text):
        return Translation(text)
    actions: list[str] = []

    def drop(direction: str) -> None:
        action = _action(direction)
        if action and action not in actions:
            actions.append(action)

    def strip_parens(match: re.Match[str]) -> str:
        if _is_direction(match.group(0)):
            drop(match.group(0))
            return ""
        return match.group(0)

    kept: list[str] = []
    for piece in _SPLIT.split(_PARENS.sub(strip_parens, text)):
        if _is_direction(piece):
            drop(piece)
        else:
            kept.append(piece)
    return Translation(_tidy("".join(kept)), tuple(actions))


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    if text.endswith(("，", "、")):
        text = text[:-1] + "。"
    return text
