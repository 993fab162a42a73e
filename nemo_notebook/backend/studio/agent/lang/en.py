"""English words for reading requests (see ``lang/__init__`` for what each name holds)."""

from __future__ import annotations

CODE = "en"
UNDO = (
    "undo",
    "go back",
    "revert",
    "roll back",
    "put it back",
    "take that back",
    "cancel that change",
)
REDO = ("redo", "undo the undo", "bring it back")
ORIGINAL = ("the original", "the first version", "how it was", "the way it was", "as it was")
UNDO_STEPS = r"(?:last|past|previous)\s+(\d+)\s+(?:changes|edits|steps)"
VERSION_WITH = r"(?:version|one)\s+(?:with|that had|where it had)\s+(?:the\s+|a\s+)?(.+)"
FEATURES = {
    "title": ("title", "heading"),
    "caption": ("caption", "subtitle"),
    "music": ("music", "soundtrack", "song"),
    "vertical": ("vertical", "portrait"),
    "square": ("square",),
}
REFUSALS = {
    "avatar": ("avatar", "digital human", "virtual presenter", "talking head", "presenter"),
    "dub": ("dub", "dubbed", "dubbing", "translate the narration", "translate the voice"),
    "clone": ("clone my voice", "voice clone", "voice cloning", "my voice", "clone"),
    "lipsync": ("lips match", "lip synced", "lip-synced", "lips move"),
    "publish": (
        "post it",
        "post this",
        "share it on",
        "share it to",
        "upload this to",
        "upload it to",
        "my youtube channel",
    ),
    "footage": ("real footage", "drone footage", "actual footage", "real video", "real photos"),
}
MUSIC_OFF = (
    "switch the music off",
    "switch off the music",
    "turn the music off",
    "turn off the music",
    "kill the music",
    "lose the music",
    "lose the soundtrack",
    "drop the music",
    "cut the music",
    "mute",
    "no soundtrack",
)
LONGER = ("longer", "extend", "lengthen", "more", "another", "extra", "add", "plus")
SHORTER = ("shorter", "shorten", "cut", "trim", "off", "less", "minus", "reduce")
UP = ("up", "louder", "raise", "increase", "more", "bigger", "larger")
DOWN = ("down", "lower", "quieter", "softer", "decrease", "reduce", "less", "smaller")
MUCH = ("much", "a lot", "way", "far")
LITTLE = ("a bit", "a little", "slightly", "a tad", "somewhat")
DOUBLE = ("double", "twice")
TIMES = r"\b(\d+(?:\.\d+)?)\s*(?:times|x)\s+(?:as\s+)?(?:big|large|long|loud|bigger|larger|longer|louder)"
HALF = ("half", "halve")
TO = r"\b(?:to|at|into)\s+$|^\s*(?:total|long|in total)\b"
FIRST_N = r"\bthe\s+first\s+(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b"
LAST_N = r"\bthe\s+last\s+(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b"
ON_SCREEN = (
    "on screen",
    "show",
    "shown",
    "display",
    "visible",
    "stay",
    "keep the title",
    "keep the caption",
)
LENGTH = ("length", "long", "duration", "longer", "shorter", "shorten", "extend")
VOLUME = ("volume", "music", "sound", "loud", "quiet", "soundtrack")
SIZE = ("big", "bigger", "large", "larger", "size", "small", "smaller")
NO_TEXT = (
    "don't add any text",
    "do not add any text",
    "don't put any words",
    "don't add text",
    "no text",
    "without text",
    "no title",
    "no titles",
    "no captions",
    "without a title",
    "without any text",
    "no words",
)
POSITION_VERBS = ("put it", "move it", "place it", "put the", "move the")
KNOWN = (
    "showing",
    "train",
    "stay",
    "stays",
    "start",
    "starts",
    "main",
    "sight",
    "right",
    "might",
    "light",
    "lights",
    "fight",
    "forget",
    "desserts",
    "dessert",
    "mountainous",
    "musical",
    "musician",
    "square",
    "seas",
    "season",
    "city's",
    "sunny",
    "sunday",
    "clouds",
    "bridge",
    "treat",
    "trees",
    "three",
    "there",
    "their",
    "these",
    "those",
    "where",
    "make",
    "more",
    "bottom",
    "button",
    "vertically",
    "order",
    "other",
    "after",
    "water",
    "later",
    "music's",
    "portion",
    "sport",
    "report",
)
SPELLING = {"nite": "night", "tonite": "night", "secs": "seconds", "vid": "video", "vids": "videos"}


# -- replies -------------------------------------------------------------------------------------
# Reply templates by key; ``{name}`` fields are filled by ``replies.say``.
REPLIES: dict[str, str] = {
    "ack_generate": "Made a {dur} {aspect} video: {desc}.",
    "ack_promo": "Made a {dur} {aspect} promo from your {count} uploads, with Ken Burns motion.",
    "changes_head": "Made {count} changes:",
    "desc_slideshow": "a slideshow of your {count} uploads",
    "item_scene": "{desc} ({span})",
    "item_music": "{mood} music at {vol}% ({span})",
    "item_song": "Your audio '{name}' at {vol}% ({span})",
    "item_title": "Title '{text}' ({span})",
    "item_caption": "Caption '{text}' ({span})",
    "item_captions": "{count} captions from your description",
    "note_clamped": "Note: videos can be 1–300 s long, so I made it {dur}.",
    "note_text_clamped": "Note: the video is {dur} long, so the text stays inside it.",
    "note_default_scene": "I synthesise stylised scenes rather than real footage, so for this I made: "
    "{desc}.",
    "note_clips_short": "Your clips add up to {dur}, so the video is {dur} long.",
    "no_uploads": "I don't see any uploaded images or clips in this session yet. Upload some first, "
    "or describe a scene and I'll generate it (e.g. 'a 15-second sunset over the sea "
    "with calm music').",
    "limit": "Sorry, I can't {what}. {instead}",
    "capabilities": "I make short videos offline. I can: generate scenes (city, mountains, forest, "
    "sea, desert, sky) at dawn, day, sunset or night with rain, snow, fog, clouds, "
    "stars, birds, fireworks, leaves or petals; turn your uploaded images and clips "
    "into a promo slideshow; add background music (calm, ambient, lo-fi, upbeat, "
    "dramatic, synthwave, celebratory, corporate) or use your own audio; add titles "
    "and captions; and edit: louder/quieter music, trim or extend, "
    "vertical/square/landscape, reorder photos, regenerate. Try: 'a 15-second sunset "
    'over a city skyline with calm music and the title "Urban Dreams"\'.',
    "nothing_to_edit": "There's no video yet to change. Describe one, e.g. 'a 15-second sunset over "
    "the sea with calm music'.",
    "not_understood": "I'm not sure what to change. I can make the music louder/quieter or change its "
    "mood, add/change/move/remove the title or captions, trim or extend, switch to "
    "vertical/square/landscape, reorder or drop photos, change the time of day or "
    "weather, or regenerate.",
    "export": "Your video is ready. Click the Export button to render the MP4.",
    "ch_volume": "Music volume {a}% → {b}% ({span})",
    "ch_music_removed": "Removed the music",
    "ch_music_mood": "Music changed to {music}",
    "ch_music_added": "Added {music}",
    "ch_title_added": "Title '{text}' added ({span})",
    "ch_title_changed": "Title changed to '{text}' ({span})",
    "ch_title_moved": "Title '{text}' moved to {pos} ({span})",
    "ch_title_removed": "Title '{text}' removed",
    "ch_title_styled": "Title '{text}' {what} ({span})",
    "ch_caption_styled": "Caption '{text}' {what} ({span})",
    "ch_caption_added": "Caption '{text}' added ({span})",
    "ch_caption_changed": "Caption changed to '{text}' ({span})",
    "ch_caption_moved": "Caption '{text}' moved to {pos} ({span})",
    "ch_caption_removed": "Caption '{text}' removed",
    "ch_title_timed": "Title '{text}' now on screen {span}",
    "ch_caption_timed": "Caption '{text}' now on screen {span}",
    "ch_fade_in": "Fades in from black over the first {sec}",
    "ch_fade_out": "Fades to black over the last {sec}",
    "ch_music_fade_out": "Music fades out over the last {sec}",
    "ch_fade_in_removed": "Fade in from black removed",
    "ch_fade_out_removed": "Fade to black removed",
    "ch_fades_removed": "Fades from and to black removed",
    "ch_duration": "Duration {a} → {b}",
    "ch_aspect": "Aspect {a} → {b} ({w}×{h})",
    "ch_res": "Resolution {a} → {b}",
    "ch_regenerate": "Regenerated with seed {seed}",
    "ch_scene": "Scene now: {desc} ({span})",
    "ch_uploads": "Video now uses your {count} uploads ({span})",
    "ch_order": "New order: {order}",
    "ch_dropped": "Removed item {index}: {label}",
    "ch_song": "Music replaced with your audio '{name}' ({span})",
    "same_volume": "The music is already at {b}%",
    "miss_title": "There's no title yet",
    "miss_caption": "There's no caption yet",
    "miss_music": "There's no music to change",
    "miss_song": "I don't see an uploaded audio file",
    "miss_scene": "This video has no generated scene to change",
    "miss_index": "There's no item {index}; the video has {count}",
    "miss_uploads": "I don't see any uploaded images or clips",
    "default_title": "New Arrival",
    "restored": "Back to version {version} ({desc})",
    "nothing_to_undo": "There's no earlier version to go back to.",
    "nothing_to_redo": "There's nothing to redo: the last change was not an undo.",
    "no_such_version": "I can't find an earlier version like that.",
}
# Limitation key → (what the studio cannot do, the nearest thing it can).
LIMIT_TEXTS: dict[str, tuple[str, str]] = {
    "voice": (
        "add voice-over or speech",
        "I can put the words on screen as captions instead, with background music.",
    ),
    "lipsync": ("do lip-sync", "I can add captions timed over your clips instead."),
    "faces": (
        "generate faces or the likeness of real people",
        "I can make a slideshow of your own photos, or a generated scene with a title.",
    ),
    "resolution": ("render in {res}", "I can make 1080p (the default) or 720p."),
    "avatar": (
        "make talking avatars or presenters",
        "I can put your words on screen as a title and captions over a generated scene or your "
        "photos.",
    ),
    "dub": (
        "dub or translate speech",
        "I can add captions in another language if you write them in quotes.",
    ),
    "clone": (
        "clone or imitate a voice",
        "I can use an audio file you upload as the soundtrack, or add background music.",
    ),
    "publish": (
        "upload to social networks",
        "Export the MP4 and post it yourself; I can make it vertical (9:16) for TikTok or Reels.",
    ),
    "footage": (
        "generate real-world footage",
        "I synthesise stylised scenes (city, mountains, forest, sea, desert, sky) or use your "
        "uploads.",
    ),
}
# Names of draft values (times of day, places, effects, moods, palettes, motions, positions).
NAMES: dict[str, dict[str, str]] = {
    "tod": {"dawn": "at dawn", "day": "by day", "sunset": "at sunset", "night": "at night"},
    "land": {
        "city": "a city skyline",
        "mountains": "mountains",
        "forest": "a forest",
        "sea": "the sea",
        "desert": "a desert",
        "none": "an open sky",
    },
    "fx": {
        "rain": "rain",
        "snow": "snow",
        "fog": "fog",
        "clouds": "clouds",
        "stars": "stars",
        "birds": "birds",
        "fireworks": "fireworks",
        "leaves": "falling leaves",
        "petals": "petals",
    },
    "mood": {
        "calm": "Calm",
        "ambient": "Ambient",
        "lofi": "Lo-fi",
        "upbeat": "Upbeat",
        "dramatic": "Dramatic",
        "synthwave": "Synthwave",
        "celebratory": "Celebratory",
        "corporate": "Corporate",
    },
    "palette": {
        "mono": "black and white",
        "warm": "warm tones",
        "cool": "cool tones",
        "pastel": "pastel colours",
        "neon": "neon colours",
        "vivid": "vivid colours",
        "natural": "natural colours",
    },
    "motion": {
        "pan": "slow pan",
        "zoom": "slow zoom",
        "drift": "gentle drift",
        "still": "still camera",
    },
    "pos": {
        "top-center": "the top",
        "center": "the center",
        "bottom-center": "the bottom",
        "top-left": "the top left",
        "top-right": "the top right",
        "bottom-left": "the bottom left",
        "bottom-right": "the bottom right",
        "lower-third": "the lower third",
    },
}
LIST_JOIN = " · "
# How the language writes seconds, ends and spaces sentences, lists things and describes a scene.
SECONDS = "{value} s"
SENTENCE_END = "."
SENTENCE_ENDS = (".", "!", "?")
SENTENCE_GAP = " "
LIST_COMMA = ", "
SCENE = "{land} {tod}"
SCENE_WITH = " with {fx}"
FX_SEP = ", "
FX_LAST = " and "
