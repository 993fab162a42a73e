"""Route a user's words to an action (protocol §5): export, credits, state, upload, or chat.

Only short commands are routed away from chat; anything that reads like a request to make or
change the video ("generate a clip and an export-ready title") goes to the agent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

from .errors import SUPPORTED_EXTENSIONS

MEDIA_EXTENSIONS = frozenset(ext for exts in SUPPORTED_EXTENSIONS.values() for ext in exts)

_POLITE = re.compile(
    r"^(?:(?:please|pls|can you|could you|would you|now|ok|okay|just|hey|nemo)[\s,]+)+"
    r"|(?:[\s,]+(?:please|pls|now|for me|thanks|thank you))+$"
    r"|^(?:请|麻烦|帮我|给我|我要|我想)+|(?:一下|吧|呢|吗|谢谢)+$",
    re.IGNORECASE,
)
_EXPORT = re.compile(
    r"^(?:export|download|render|save)"
    r"(?:\s+(?:it|this|that|the|my|final|finished|whole|video|movie|clip|mp4|file|result|as|in|to|at|an?|\d{3,4}p|hd|full))*$"
    r"|^(?:send|give)\s+(?:me\s+)?(?:the|my)\s+(?:final\s+)?(?:video|mp4|file|result)$"
    r"|^(?:导出|下载|渲染|保存)(?:视频|成片|文件|mp4|\d{3,4}p|高清|一下)*$"
    r"|^把?(?:视频|成片)(?:导出|下载)(?:来|出来)?$",
    re.IGNORECASE,
)
_CREDITS = re.compile(
    r"^(?:(?:show|check|get|see|what(?:'s| is| are)?|how many)\s+)?(?:my\s+|the\s+)?"
    r"(?:credits?|balance|credit balance|remaining credits)"
    r"(?:\s+(?:left|remaining|balance|do i have(?: left)?|are left))?$"
    r"|^how many credits(?: do i have)?(?: left)?$"
    r"|^(?:查看|查询|看看)?(?:我的)?(?:积分|余额|点数)(?:还有多少|多少|余额|还剩多少)?$"
    r"|^(?:还有|还剩)多少(?:积分|点数|余额)$",
    re.IGNORECASE,
)
_STATE = re.compile(
    r"^(?:status|state|show (?:the |me the )?(?:tracks|timeline|state|status)|tracks|timeline"
    r"|what(?:'s| does)? (?:it|the video|the timeline) look like(?: now)?"
    r"|where are we|current state|show (?:me )?what we have)$"
    r"|^(?:状态|当前状态|现在什么样了?|现在怎么样了?|查看(?:时间线|轨道|状态)|显示(?:时间线|轨道)|时间线|轨道)$",
    re.IGNORECASE,
)
_UPLOAD = re.compile(
    r"^(?:upload|add file|上传)(?:\s*[:：]?\s*(?P<arg>.+))?$", re.IGNORECASE | re.DOTALL
)
_RESOLUTION = re.compile(r"\b(\d{3,4}p)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Route:
    """What to do with a message: ``chat`` | ``export`` | ``credits`` | ``state`` | ``upload``."""

    action: str
    argument: str = ""


def is_media_reference(text: str) -> bool:
    """True for an http(s) URL or a file path whose extension is a supported media type."""
    value = text.strip().strip("'\"")
    if not value or "\n" in value:
        return False
    if re.match(r"^https?://", value, re.IGNORECASE):
        path = urlsplit(value).path
    elif " " in value and not re.match(r"^(?:[~.]?/|[A-Za-z]:[\\/])", value):
        return False
    else:
        path = value
    suffix = PurePath(path).suffix.lower().lstrip(".")
    return suffix in MEDIA_EXTENSIONS


def _normalise(text: str) -> str:
    text = re.sub(r"[\s.!?。！？~～]+$", "", text.strip())
    previous = None
    while previous != text:
        previous, text = text, _POLITE.sub("", text).strip(" ,，")
    return re.sub(r"\s+", " ", text)


def route(text: str) -> Route:
    """Decide where ``text`` goes; only short, command-like messages skip the chat."""
    stripped = text.strip()
    if is_media_reference(stripped):
        return Route("upload", stripped.strip("'\""))
    upload = _UPLOAD.match(stripped)
    if upload:
        argument = (upload.group("arg") or "").strip().strip("'\"")
        if not argument or is_media_reference(argument) or not re.search(r"\s", argument):
            return Route("upload", argument)
    command = _normalise(stripped)
    if _EXPORT.match(command):
        found = _RESOLUTION.search(command)
        return Route("export", found.group(1).lower() if found else "")
    if _CREDITS.match(command):
        return Route("credits")
    if _STATE.match(command):
        return Route("state")
    return Route("chat", stripped)
