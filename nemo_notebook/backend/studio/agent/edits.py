"""Edits of an existing draft: each edit reads its words, changes the draft in place and says what changed."""

from __future__ import annotations

import copy
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import draft as dr
from . import ordinals, vocab
from .durations import parse_duration
from .intent import Intent, Quote, explicit_seed, extract_quotes, parse_aspect, parse_resolution
from .planner import MAX_MS, MIN_MS, _durations, default_mood
from .replies import describe_scene, music_phrase, name, say, seconds, span
from .timing import set_total
from .words import all_values, find_all, first_value, has_any, normalise

_PERCENT = re.compile(r"(\d{1,3})\s*%")
_LOUDER = (
    "louder",
    "turn up",
    "turn it up",
    "increase the volume",
    "raise the volume",
    "more volume",
    "volume up",
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
_QUIETER = (
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
_SONG = (
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
_USE = (
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
_ADD = (
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
_CHANGE = (
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
_MOVE = ("move", "put", "place", "position", "移", "放", "mueve", "pon", "coloca", "移動")
_REVERSE = ("reverse", "reversed", "倒序", "反过来", "invierte", "invertir", "逆順", "逆に")
_SWAP = ("swap", "switch", "exchange", "交换", "互换", "对调", "intercambia", "入れ替え")
_TO_FRONT = (
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
_TO_END = ("last", "to the end", "to the back", "最后", "al final", "última", "最後")
_TITLE = ("title", "heading", "headline", "标题", "título", "titulo", "タイトル")
_CAPTION = ("caption", "subtitle", "bottom text", "字幕", "subtítulo", "テロップ", "キャプション")
_AFTER_TO = re.compile(
    r"(?:title|caption|subtitle|heading)\s+(?:text\s+)?(?:to|as|into|with)\s+(.+?)\s*[.!?]*$"
    r"|(?:标题|字幕)(?:改成|改为|换成|设为)(.+?)[。！]*$"
    r"|(?:título|subtítulo)\s+(?:a|por|como)\s+(.+?)\s*[.!]*$"
    r"|(?:タイトル|キャプション)を(.+?)に(?:変更|して|変えて)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\bby\b|\blonger\b|\bshorter\b|\bmore\b|\bless\b|再?(?:延长|缩短)了?\s*\d|más|menos"
)
_VISUAL = (
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
_TEXT_LENGTH = re.compile(r"(?:title|caption|subtitle)\s+(?:for|last|lasts|to last|stay)\s")
_SHRINK = ("shorter", "shorten", "less", "cut", "trim", "缩短", "减少", "menos", "acorta", "短く")


@dataclass
class Edit:
    """The working state of one edit turn."""

    draft: dr.Draft
    text: str
    quotes: list[Quote]
    message: str
    lang: str
    assets: list[dict[str, Any]]
    changes: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    ops: list[str] = field(default_factory=list)

    def changed(self, op: str, key: str, **values: Any) -> None:
        if op not in self.ops:
            self.ops.append(op)
        self.changes.append(say(self.lang, key, **values))

    def missed(self, key: str, **values: Any) -> None:
        self.misses.append(say(self.lang, key, **values))

    def span(self, seg: dr.Segment) -> str:
        return span(self.lang, seg["st"], seg["d"])


def apply_edits(message: str, draft: dr.Draft, *, assets: list[dict[str, Any]], lang: str) -> Edit:
    """Apply every edit the message asks for, in a fixed order, to a copy of ``draft``."""
    quotes, unquoted = extract_quotes(message)
    text = normalise(unquoted)
    if has_any(text, _CHANGE) and (new_text := _unquoted_text(message)) and not quotes:
        text = text.replace(normalise(new_text), " ")
    edit = Edit(copy.deepcopy(draft), text, quotes, message, lang, assets)
    for step in _STEPS:
        step(edit)
    return edit


def _regenerate(e: Edit) -> None:
    if not has_any(e.text, vocab.REGENERATE_WORDS):
        return
    meta = e.draft.setdefault("m", {})
    old = int(meta.get("seed", 0))
    new = explicit_seed(e.text)
    if new is None:
        new = int(hashlib.sha256(f"{old}:again".encode()).hexdigest()[:8], 16) % 1_000_000
    meta["seed"] = new
    for i, seg in enumerate(dr.video_segments(e.draft)):
        seg["src"] = dr.with_seed(str(seg.get("src", "")), new + i)
    for seg in dr.music_segments(e.draft):
        seg["src"] = dr.with_seed(str(seg.get("src", "")), new)
    e.changed("regenerate", "ch_regenerate", seed=new)


def _use_uploads(e: Edit) -> None:
    if not (
        has_any(e.text, vocab.UPLOAD_WORDS) and has_any(e.text, _USE) and has_any(e.text, _VISUAL)
    ):
        return
    visuals = [a for a in e.assets if a.get("file_type") in ("image", "video")]
    if not visuals:
        e.missed("miss_uploads")
        return
    tracks = dr.tracks_of(e.draft, 0)
    video = tracks[0] if tracks else dr.track(e.draft, "trk_v1", 0, "Video")
    total = int(e.draft["d"])
    video["sg"] = []
    for i, (asset, d) in enumerate(zip(visuals, _durations(visuals, total), strict=True)):
        seg = {
            "id": dr.new_id(e.draft),
            "st": 0,
            "d": d,
            "n": asset.get("filename") or f"upload {i + 1}",
            "src": asset["url"],
            "fit": "cover",
        }
        seg.update({"mo": dr.kenburns(i)} if asset.get("file_type") == "image" else {"in": 0})
        video["sg"].append(seg)
    dr.lay_out(video["sg"])
    shown = sum(s["d"] for s in video["sg"])
    if shown != total:
        set_total(e.draft, shown, e.assets)
    dr.sync_captions(e.draft)
    e.changed("use_uploads", "ch_uploads", count=len(visuals), span=span(e.lang, 0, shown))


def _use_song(e: Edit) -> None:
    if not has_any(e.text, _SONG):
        return
    songs = [a for a in e.assets if a.get("file_type") == "audio"]
    if not songs:
        e.missed("miss_song")
        return
    song, total = songs[0], int(e.draft["d"])
    d = min(total, int(song.get("duration") or total))
    label = song.get("filename") or "audio"
    existing = dr.music_segments(e.draft)
    if existing:
        seg = existing[0]
        seg.update({"src": song["url"], "n": label, "st": 0, "d": d, "in": 0})
    else:
        seg = dr.music_segment(dr.new_id(e.draft), src=song["url"], label=label, d=d)
        dr.track(e.draft, "trk_a1", 1, "BGM")["sg"].append(seg)
    e.changed("music_upload", "ch_song", name=label, span=e.span(seg))


def _reorder(e: Edit) -> None:
    segs = dr.video_segments(e.draft)
    marks = ordinals.find(e.text)
    has_item = has_any(e.text, ordinals.ITEM_WORDS)
    if has_any(e.text, _REVERSE) and (has_item or "order" in e.text or "orden" in e.text):
        order = segs[::-1]
    elif not marks or not has_item or len(segs) < 1:
        return
    elif has_any(e.text, vocab.REMOVE_WORDS) and not has_any(
        e.text, _TITLE + _CAPTION + vocab.MUSIC_WORDS
    ):
        _drop(e, segs, marks[0][1])
        return
    elif has_any(e.text, _SWAP):
        pair = _swap_pair(e.text, marks, len(segs))
        if pair is None:
            e.missed("miss_index", index=max(v for _, v in marks) if marks else 2, count=len(segs))
            return
        order = list(segs)
        order[pair[0]], order[pair[1]] = order[pair[1]], order[pair[0]]
    elif has_any(e.text, _MOVE) or "start with" in e.text:
        source = ordinals.resolve(marks[0][1], len(segs))
        if source is None:
            e.missed("miss_index", index=marks[0][1], count=len(segs))
            return
        rest = e.text[marks[0][0] + 1 :]
        moved = segs[source]
        order = [s for s in segs if s is not moved]
        if has_any(rest, _TO_END) and not has_any(rest, _TO_FRONT):
            order.append(moved)
        else:
            order.insert(0, moved)
    else:
        return
    _relay(e, segs, order)


def _swap_pair(text: str, marks: list[tuple[int, int]], count: int) -> tuple[int, int] | None:
    if re.search(r"first two|primeras dos|前两|最初の2", text):
        return (0, 1) if count >= 2 else None
    if re.search(r"last two|últimas dos|最后两", text):
        return (count - 2, count - 1) if count >= 2 else None
    if len(marks) < 2:
        return None
    a, b = ordinals.resolve(marks[0][1], count), ordinals.resolve(marks[1][1], count)
    return (a, b) if a is not None and b is not None and a != b else None


def _relay(e: Edit, before: list[dr.Segment], order: list[dr.Segment]) -> None:
    if [s["id"] for s in order] == [s["id"] for s in before]:
        return
    for new_index, seg in enumerate(order):
        if "mo" in seg:
            seg["mo"] = dr.kenburns(new_index)
    dr.lay_out(order)
    dr.tracks_of(e.draft, 0)[0]["sg"] = order
    dr.sync_captions(e.draft)
    e.changed("reorder", "ch_order", order=", ".join(str(s.get("n", s["id"])) for s in order))


def _drop(e: Edit, segs: list[dr.Segment], value: int) -> None:
    index = ordinals.resolve(value, len(segs))
    if index is None or len(segs) < 2:
        e.missed("miss_index", index=value if value > 0 else len(segs) + 1, count=len(segs))
        return
    gone = segs[index]
    kept = [s for s in segs if s is not gone]
    total = int(e.draft["d"])
    for seg, d in zip(kept, dr.split_ms(total, [float(s["d"]) for s in kept]), strict=True):
        seg["d"] = d
    dr.lay_out(kept)
    dr.tracks_of(e.draft, 0)[0]["sg"] = kept
    dr.sync_captions(e.draft)
    e.changed("drop", "ch_dropped", index=index + 1, label=gone.get("n", gone["id"]))


def _scene(e: Edit) -> None:
    tod = first_value(e.text, vocab.TIME_OF_DAY)
    land_hits = [v for v in all_values(e.text, vocab.LANDSCAPE) if v != "none"]
    motion = first_value(e.text, vocab.MOTION)
    fx_add, fx_remove = _effects(e.text)
    if not (tod or land_hits or motion or fx_add or fx_remove):
        return
    scenes = [s for s in dr.video_segments(e.draft) if dr.read_scene(str(s.get("src", "")))]
    if not scenes:
        e.missed("miss_scene")
        return
    for seg in scenes:
        q = dr.read_scene(seg["src"]) or {}
        q["tod"] = tod or q["tod"]
        q["land"] = land_hits[0] if land_hits else q["land"]
        q["motion"] = motion or q["motion"]
        q["fx"] = [
            f for f, _ in vocab.EFFECTS if (f in q["fx"] or f in fx_add) and f not in fx_remove
        ]
        seg["src"] = dr.scene_src(**q)
        seg["n"] = describe_scene(e.lang, q["tod"], q["land"], q["fx"])
        e.changed("scene", "ch_scene", desc=seg["n"], span=e.span(seg))


def _effects(text: str) -> tuple[list[str], list[str]]:
    add: list[str] = []
    remove: list[str] = []
    for value, words in vocab.EFFECTS:
        for start, end, _ in find_all(text, words):
            before, after = text[max(0, start - 20) : start], text[end : end + 6]
            removing = has_any(before, vocab.REMOVE_WORDS) or has_any(
                after, ("なし", "を消", "を削除")
            )
            (remove if removing else add).append(value)
    return add, remove


def _frame(e: Edit) -> None:
    meta = e.draft.setdefault("m", {})
    aspect, res = parse_aspect(e.text), parse_resolution(e.text)
    old_aspect, old_res = meta.get("aspect", "16:9"), meta.get("res", "1080p")
    if aspect and aspect != old_aspect:
        w, h = vocab.FRAME_SIZES[(aspect, res or old_res)]
        meta.update(aspect=aspect, width=w, height=h)
        e.changed("aspect", "ch_aspect", a=old_aspect, b=aspect, w=w, h=h)
    if res and res != old_res:
        w, h = vocab.FRAME_SIZES[(meta.get("aspect", "16:9"), res)]
        meta.update(res=res, width=w, height=h)
        e.changed("resolution", "ch_res", a=old_res, b=res)


def _duration(e: Edit) -> None:
    asked = parse_duration(e.text)
    if asked is None or _TEXT_LENGTH.search(e.text):
        return
    old = int(e.draft["d"])
    ms = round(asked * 1000)
    if _RELATIVE.search(e.text) and " to " not in f" {e.text} ":
        ms = old - ms if has_any(e.text, _SHRINK) else old + ms
    new = max(MIN_MS, min(MAX_MS, ms))
    if new != ms:
        e.misses.append(say(e.lang, "note_clamped", dur=seconds(e.lang, new)))
    if new != old:
        set_total(e.draft, new, e.assets)
        e.changed("duration", "ch_duration", a=seconds(e.lang, old), b=seconds(e.lang, new))


def _music(e: Edit) -> None:
    text = e.text
    named = has_any(text, vocab.MUSIC_WORDS)
    segs = dr.music_segments(e.draft)
    if has_any(text, vocab.NO_MUSIC) or (named and has_any(text, vocab.REMOVE_WORDS)):
        if not segs:
            e.missed("miss_music")
            return
        for t in dr.tracks_of(e.draft, 1):
            t["sg"] = []
        dr.drop_empty_tracks(e.draft)
        e.changed("remove_music", "ch_music_removed")
        return
    _volume(e, segs, named)
    mood = first_value(text, vocab.MOODS)
    scene_words = first_value(text, vocab.TIME_OF_DAY) or first_value(text, vocab.LANDSCAPE)
    if mood and (named or not scene_words):
        _set_mood(e, segs, mood)
    elif named and has_any(text, _ADD) and not segs:
        _set_mood(e, segs, _scene_mood(e.draft))


def _volume(e: Edit, segs: list[dr.Segment], named: bool) -> None:
    pct = _PERCENT.search(e.text)
    louder, quieter = has_any(e.text, _LOUDER), has_any(e.text, _QUIETER)
    volume_words = named or has_any(e.text, ("volume", "音量", "volumen"))
    if not (louder or quieter or (pct and volume_words)):
        return
    if not segs:
        e.missed("miss_music")
        return
    for seg in segs:
        old = float(seg.get("vol", dr.MUSIC_VOLUME))
        if pct and volume_words:
            new = min(100, int(pct.group(1))) / 100
        else:
            new = min(1.0, old + 0.15) if louder else max(0.05, old - 0.15)
        if round(new, 2) == round(old, 2):
            e.missed("same_volume", b=round(old * 100))
            continue
        seg["vol"] = round(new, 2)
        e.changed(
            "music_volume",
            "ch_volume",
            a=round(old * 100),
            b=round(seg["vol"] * 100),
            span=e.span(seg),
        )


def _set_mood(e: Edit, segs: list[dr.Segment], mood: str) -> None:
    seed = int(e.draft.get("m", {}).get("seed", 0))
    label = f"{name('en', 'mood', mood)} music"
    generated = [s for s in segs if dr.music_mood(str(s.get("src", ""))) is not None] or segs
    if generated:
        for seg in generated:
            seg.update(src=dr.music_src(mood, seed), n=label)
            phrase = music_phrase(
                e.lang, mood, float(seg.get("vol", dr.MUSIC_VOLUME)), seg["st"], seg["d"]
            )
            e.changed("music_mood", "ch_music_mood", music=phrase)
        return
    total = int(e.draft["d"])
    seg = dr.music_segment(dr.new_id(e.draft), src=dr.music_src(mood, seed), label=label, d=total)
    dr.track(e.draft, "trk_a1", 1, "BGM")["sg"].append(seg)
    e.changed("add_music", "ch_music_added", music=music_phrase(e.lang, mood, seg["vol"], 0, total))


def _scene_mood(draft: dr.Draft) -> str:
    scenes = [q for s in dr.video_segments(draft) if (q := dr.read_scene(str(s.get("src", ""))))]
    if not scenes:
        return "upbeat"
    return default_mood(
        Intent("", ""), [q["tod"] for q in scenes], [f for q in scenes for f in q["fx"]], False
    )


def _texts(e: Edit) -> None:
    for role, words in (("title", _TITLE), ("caption", _CAPTION)):
        quotes = [q for q in e.quotes if q.role == role] or (e.quotes if role == "title" else [])
        if has_any(e.text, words) or (role == "title" and quotes and not has_any(e.text, _CAPTION)):
            _text_edit(e, role, quotes[0].text if quotes else None)


def _text_edit(e: Edit, role: str, quoted: str | None) -> None:
    existing = dr.text_segments(e.draft, role)
    new_text = quoted or (_unquoted_text(e.message) if has_any(e.text, _CHANGE) else None)
    pos = first_value(e.text, vocab.POSITIONS)
    key = f"ch_{role}_"
    if has_any(e.text, vocab.REMOVE_WORDS) and not new_text:
        if not existing:
            e.missed(f"miss_{role}")
            return
        for t in dr.tracks_of(e.draft, 7):
            t["sg"] = [s for s in t["sg"] if s not in existing]
        dr.drop_empty_tracks(e.draft)
        for seg in existing:
            e.changed(f"remove_{role}", key + "removed", text=seg.get("tx", ""))
    elif existing and pos and has_any(e.text, _MOVE) and not quoted:
        for seg in existing:
            seg.setdefault("sty", {})["pos"] = pos
            e.changed(
                f"move_{role}",
                key + "moved",
                text=seg.get("tx", ""),
                pos=name(e.lang, "pos", pos),
                span=e.span(seg),
            )
    elif existing and new_text:
        seg = existing[0]
        seg["tx"] = new_text
        if pos:
            seg.setdefault("sty", {})["pos"] = pos
        e.changed(f"change_{role}", key + "changed", text=new_text, span=e.span(seg))
        if role == "title":
            e.draft.setdefault("m", {})["title"] = new_text
    elif not existing and (quoted or has_any(e.text, _ADD)):
        _add_text(
            e,
            role,
            new_text or (str(e.draft.get("m", {}).get("title", "")) if role == "title" else ""),
            pos,
        )
    elif not existing and has_any(e.text, _CHANGE + _MOVE):
        e.missed(f"miss_{role}")


def _add_text(e: Edit, role: str, text: str, pos: str | None) -> None:
    if not text:
        return
    total = int(e.draft["d"])
    st, d = dr.title_span(total) if role == "title" else (0, total)
    pos = pos or ("top-center" if role == "title" else "bottom-center")
    seg = dr.text_segment(dr.new_id(e.draft), text=text, role=role, pos=pos, st=st, d=d)
    track_id, label = ("trk_t1", "Title") if role == "title" else ("trk_t2", "Captions")
    dr.track(e.draft, track_id, 7, label)["sg"].append(seg)
    if role == "title":
        e.draft.setdefault("m", {})["title"] = text
    e.changed(f"add_{role}", f"ch_{role}_added", text=text, span=e.span(seg))


def _unquoted_text(message: str) -> str | None:
    m = _AFTER_TO.search(unicodedata.normalize("NFKC", message).strip())
    if not m:
        return None
    text = next(g for g in m.groups() if g).strip(" \"'")
    return text or None


_STEPS: tuple[Callable[[Edit], None], ...] = (
    _regenerate,
    _use_uploads,
    _use_song,
    _reorder,
    _scene,
    _frame,
    _duration,
    _music,
    _texts,
)
