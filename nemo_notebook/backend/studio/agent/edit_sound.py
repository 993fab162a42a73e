"""Edits of the music: volume, mood, removal, the user's own song."""

from __future__ import annotations

from nemo_notebook.draft import DraftView, SegmentView, TrackKind, TrackView

from . import draft as dr
from .asks import Amount, MusicAsk
from .edit_state import Edit
from .planner import default_mood
from .replies import music_phrase, name, say


def use_song(e: Edit) -> None:
    """ "use my song": the first uploaded audio becomes the music, keeping the segment id."""
    songs = [a for a in e.assets if a.get("file_type") == "audio"]
    if not songs:
        e.missed("miss_song")
        return
    song, total = songs[0], int(DraftView(e.draft).duration_ms)
    d = min(total, int(song.get("duration") or total))
    label = song.get("filename") or say("en", "upload_label", index=1)
    existing = dr.music_segments(e.draft)
    if existing:
        seg = existing[0]
        view = SegmentView(seg)
        view.source, view.name = song["url"], label
        view.start_ms, view.duration_ms, view.in_ms = 0, d, 0
    else:
        seg = dr.music_segment(dr.new_id(e.draft), src=song["url"], label=label, d=d)
        TrackView(dr.track(e.draft, "trk_a1", TrackKind.AUDIO, "BGM")).append(seg)
    e.changed("music_upload", "ch_song", name=label, span=e.span(seg))


def music(e: Edit) -> None:
    """Remove the music, change its volume or mood, or add music when there is none."""
    ask = e.asks.music
    assert ask is not None
    segs = dr.music_segments(e.draft)
    if ask.off:
        if not segs:
            e.missed("miss_music")
            return
        for t in dr.tracks_of(e.draft, TrackKind.AUDIO):
            TrackView(t).set_segments([])
        dr.drop_empty_tracks(e.draft)
        e.changed("remove_music", "ch_music_removed")
        return
    _volume(e, segs, ask)
    if ask.mood:
        _set_mood(e, segs, ask.mood)
    elif ask.add and not segs:
        _set_mood(e, segs, _scene_mood(e.draft))


def _volume(e: Edit, segs: list[dr.Segment], ask: MusicAsk) -> None:
    if ask.volume is not None:
        _set_volume(e, segs, ask.volume)
        return
    if not ask.nudge:
        return
    if not segs:
        e.missed("miss_music")
        return
    for seg in segs:
        old = _volume_of(seg)
        new = min(1.0, old + 0.15) if ask.nudge > 0 else max(0.05, old - 0.15)
        _put_volume(e, seg, old, round(new, 2))


def _set_volume(e: Edit, segs: list[dr.Segment], change: Amount) -> None:
    """The music's volume to, by or times what the request says, in percent."""
    if not segs:
        e.missed("miss_music")
        return
    for seg in segs:
        old = _volume_of(seg)
        new = max(0.0, min(1.0, change.apply(old * 100) / 100))
        _put_volume(e, seg, old, round(new, 3))


def _put_volume(e: Edit, seg: dr.Segment, old: float, new: float) -> None:
    """Set the music's volume and report it, or say it is already there (same to the percent)."""
    if round(new, 2) == round(old, 2):
        e.missed("same_volume", b=round(old * 100))
        return
    SegmentView(seg).volume = new
    e.changed("music_volume", "ch_volume", a=round(old * 100), b=round(new * 100), span=e.span(seg))


def _set_mood(e: Edit, segs: list[dr.Segment], mood: str) -> None:
    seed = DraftView(e.draft).meta.seed
    label = say(e.lang, "music_label", mood=name(e.lang, "mood", mood))
    generated = [s for s in segs if dr.music_mood(SegmentView(s).source) is not None] or segs
    if generated:
        for seg in generated:
            view = SegmentView(seg)
            view.source, view.name = dr.music_src(mood, seed), label
            phrase = music_phrase(e.lang, mood, _volume_of(seg), view.start_ms, view.duration_ms)
            e.changed("music_mood", "ch_music_mood", music=phrase)
        return
    total = int(DraftView(e.draft).duration_ms)
    seg = dr.music_segment(dr.new_id(e.draft), src=dr.music_src(mood, seed), label=label, d=total)
    TrackView(dr.track(e.draft, "trk_a1", TrackKind.AUDIO, "BGM")).append(seg)
    phrase = music_phrase(e.lang, mood, _volume_of(seg), 0, total)
    e.changed("add_music", "ch_music_added", music=phrase)


def _volume_of(seg: dr.Segment) -> float:
    """The music's gain, the studio's level when it has none."""
    vol = SegmentView(seg).volume
    return dr.MUSIC_VOLUME if vol is None else vol


def _scene_mood(draft: dr.Draft) -> str:
    scenes = [q for s in dr.video_segments(draft) if (q := dr.read_scene(SegmentView(s).source))]
    if not scenes:
        return "upbeat"
    return default_mood("", [q["tod"] for q in scenes], [f for q in scenes for f in q["fx"]], False)
