"""The working state of an edit turn, and the words edits listen for."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from . import draft as dr
from .intent import Quote
from .replies import say, span

PERCENT = re.compile(r"(\d{1,3})\s*%")

LOUDER = (
    "louder",
    "turn up",
    "turn it up",
    "increase the volume",
    "raise the volume",
    "more volume",
    "volume up",
    "turn the music up",
    "turn the volume up",
    "music up",
    "too quiet",
    "too soft",
    "can't hear",
    "can’t hear",
    "cannot hear",
    "boost",
    "大声",
    "大一点",
    "响一点",
    "调高",
    "调大",
    "加大音量",
    "más alto",
    "más fuerte",
    "sube",
    "大きく",
    "上げて",
)

QUIETER = (
    "quieter",
    "softer",
    "lower the music",
    "lower the volume",
    "turn down",
    "turn it down",
    "reduce the volume",
    "decrease the volume",
    "less loud",
    "volume down",
    "turn the music down",
    "turn the volume down",
    "music down",
    "too loud",
    "too noisy",
    "太吵",
    "太响",
    "muy alta",
    "muy fuerte",
    "うるさい",
    "小声",
    "小一点",
    "调低",
    "调小",
    "轻一点",
    "降低音量",
    "más bajo",
    "más suave",
    "baja",
    "bájale",
    "小さく",
    "下げて",
    "控えめ",
)

SONG = (
    "my song",
    "my music",
    "my audio",
    "my track",
    "uploaded song",
    "uploaded music",
    "uploaded audio",
    "我的音乐",
    "我的歌",
    "上传的音乐",
    "mi canción",
    "mi música",
    "mi audio",
    "私の曲",
    "私の音楽",
)

USE = (
    "use",
    "with",
    "switch to",
    "replace",
    "用",
    "使用",
    "换成",
    "usa",
    "utiliza",
    "使って",
    "使用して",
)

ADD = (
    "add",
    "put",
    "include",
    "加",
    "添加",
    "加上",
    "añade",
    "agrega",
    "pon",
    "追加",
    "入れて",
    "付けて",
)

CHANGE = (
    "should say",
    "should read",
    "to say",
    "to read",
    "change",
    "rename",
    "replace",
    "update",
    "edit",
    "set",
    "改",
    "换",
    "cambia",
    "modifica",
    "変更",
    "変えて",
)

MOVE = ("move", "put", "place", "position", "移", "放", "mueve", "pon", "coloca", "移動")

REVERSE = ("reverse", "reversed", "倒序", "反过来", "invierte", "invertir", "逆順", "逆に")

SWAP = ("swap", "switch", "exchange", "交换", "互换", "对调", "intercambia", "入れ替え")

TO_FRONT = (
    "first",
    "to the start",
    "to the beginning",
    "to the front",
    "最前",
    "开头",
    "al principio",
    "primero",
    "primera",
    "最初",
    "先頭",
)

TO_END = ("last", "to the end", "to the back", "最后", "al final", "última", "最後")

TITLE = ("title", "heading", "headline", "标题", "título", "titulo", "タイトル")

CAPTION = ("caption", "subtitle", "bottom text", "字幕", "subtítulo", "テロップ", "キャプション")

AFTER_TO = re.compile(
    r"(?:title|caption|subtitle|heading)\s+(?:text\s+)?"
    r"(?:to say|to read|should say|should read|says|saying|to|as|into|with)\s+(.+?)\s*[.!?]*$"
    r"|(?:标题|字幕)(?:改成|改为|换成|设为)(.+?)[。！]*$"
    r"|(?:título|subtítulo)\s+(?:a|por|como)\s+(.+?)\s*[.!]*$"
    r"|(?:タイトル|キャプション)を(.+?)に(?:変更|して|変えて)",
    re.IGNORECASE,
)

RELATIVE = re.compile(
    r"\bby\b|\blonger\b|\bshorter\b|\bmore\b|\bless\b|再?(?:延长|缩短)了?\s*\d|más|menos"
)

VISUAL = (
    "image",
    "photo",
    "picture",
    "pic",
    "clip",
    "video",
    "footage",
    "upload",
    "图片",
    "照片",
    "视频",
    "素材",
    "foto",
    "imagen",
    "vídeo",
    "写真",
    "画像",
    "動画",
    "クリップ",
)

TEXT_LENGTH = re.compile(r"(?:title|caption|subtitle)\s+(?:for|last|lasts|to last|stay)\s")

_NUM = r"(\d+(?:\.\d+)?)"
_SECS = r"\s*(?:s|secs?|seconds?|segundos?)\b"
# When a title or caption comes on: "at 5 seconds", "从5秒", "a los 5 segundos", "5秒から".
TEXT_START = re.compile(
    rf"\b(?:at|from|after|starting at|starts at|start at)\s+(?:the\s+)?{_NUM}{_SECS}"
    rf"|\b(?:a los|desde el segundo|en el segundo|desde)\s+{_NUM}(?:{_SECS})?"
    rf"|(?:在|从)第?\s*{_NUM}\s*秒|{_NUM}\s*秒(?:から|後|目)"
)
# How long it stays: "for 6 seconds", "last 6s", "持续6秒", "durante 6 segundos", "6秒間".
TEXT_FOR = re.compile(
    rf"\b(?:for|last|lasts|stay|stays|shown for|visible for)\s+{_NUM}{_SECS}"
    rf"|\bdurante\s+{_NUM}{_SECS}|(?:持续|显示|停留)\s*{_NUM}\s*秒|{_NUM}\s*秒間"
)


def _seconds_in(pattern: re.Pattern[str], text: str) -> float | None:
    m = pattern.search(text)
    return float(next(g for g in m.groups() if g is not None)) if m else None


def text_timing(text: str) -> tuple[float | None, float | None] | None:
    """(start, length) in seconds when the words time a title or caption, else None."""
    start, length = _seconds_in(TEXT_START, text), _seconds_in(TEXT_FOR, text)
    return None if start is None and length is None else (start, length)


SHRINK = ("shorter", "shorten", "less", "cut", "trim", "缩短", "减少", "menos", "acorta", "短く")


@dataclass
class Edit:
    """The working state of one edit turn."""

    draft: dr.Draft
    text: str
    quotes: list[Quote]
    message: str
    lang: str
    assets: list[dict[str, Any]]
    request: Any = None
    changes: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    ops: list[str] = field(default_factory=list)

    def changed(self, op: str, key: str, **values: Any) -> None:
        """Record a change in the reply and the operation in the tool call."""
        if op not in self.ops:
            self.ops.append(op)
        self.changes.append(say(self.lang, key, **values))

    def missed(self, key: str, **values: Any) -> None:
        """Record something asked that this draft cannot take (no title, no music…)."""
        self.misses.append(say(self.lang, key, **values))

    def span(self, seg: dr.Segment) -> str:
        """A segment's time range in the reply language."""
        return span(self.lang, seg["st"], seg["d"])


def unquoted_text(message: str) -> str | None:
    """New text written without quotes: "change the title to Summer Sale"."""
    m = AFTER_TO.search(unicodedata.normalize("NFKC", message).strip())
    if not m:
        return None
    text = next(g for g in m.groups() if g).strip(" \"'")
    return text or None


FADE_IN = (
    "fade in",
    "fade-in",
    "fade from black",
    "淡入",
    "渐显",
    "fundido de entrada",
    "フェードイン",
)
FADE_OUT = (
    "fade out",
    "fade-out",
    "fade to black",
    "淡出",
    "渐隐",
    "fundido a negro",
    "fundido de salida",
    "フェードアウト",
)
FADE_WORDS = (*FADE_IN, *FADE_OUT, "fade", "fundido", "フェード", "淡入淡出")
