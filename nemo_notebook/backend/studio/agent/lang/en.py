"""English words for reading requests (see ``lang/__init__`` for what each name holds)."""

from __future__ import annotations

CODE = "en"
# No other script to fold into the one the words are written in.
SCRIPT_FOLD = None
UNDO = (
    "undo",
    "go back",
    "revert",
    "roll back",
    "put it back",
    "take that back",
    "cancel that change",
    "last change",
    "last edit",
    "that change",
    "that edit",
    "previous change",
    "scrap that",
    "scratch that",
)
REDO = ("redo", "undo the undo", "bring it back")
INSTEAD = (
    r"(?<![a-z])instead\s+of\s+(?:the\s+|a\s+|an\s+)?((?:[a-z]+\s+)?[a-z]+)"
    r"|(?<![a-z])rather\s+than\s+(?:the\s+|a\s+|an\s+)?((?:[a-z]+\s+)?[a-z]+)"
    r"|(?<![a-z])not\s+(?:the\s+|a\s+|an\s+)?([a-z]+)\s*(?:,\s*)?(?:but|make\s+it|-)\s"
    r"|(?<![a-z])better\s+(?:[a-z]+\s+){1,4}?than\s+(?:in\s+|at\s+|on\s+)?(?:the\s+|a\s+|an\s+)?([a-z]+)"
)
UNDONE = (
    r"(?<![a-z])(?:cancel|undo|scratch|forget|reverse|revert|never\s*mind|ignore)\s+(?:that|the|my|this|your)?\s*"
    r"(?:last\s+)?undo(?![a-z])|(?<![a-z])(?:do\s*n[o']?t|didn'?t\s+mean\s+to)\s+undo(?![a-z])|(?<![a-z])un-?undo"
)
ORIGINAL = (
    "the original",
    "the first version",
    "first version",
    "very first",
    "original version",
    "how it was",
    "the way it was",
    "as it was",
    "how it started",
    "the beginning",
    "the start",
)
# How many changes to undo: "the last 2 changes", "the last two things I did", "2 steps".
_DONE = r"(?:changes|edits|steps|things|actions|moves|tweaks|updates|modifications)"
UNDO_STEPS = (
    rf"(?:last|past|previous|latest|recent)\s+(\d+)\s+{_DONE}"
    rf"|\b(\d+)\s+(?:(?:last|latest|recent|previous)\s+)?(?:steps|changes|edits|times|actions|{_DONE}\s+(?:i|we)\b)"
)
VERSION_BEFORE = (
    r"(?<![a-z])before\s+(?:i|we|you)?\s*(?:ma(?:de|ke|king)|turn(?:ed|ing)|chang(?:e|ed|ing)|add(?:ed|ing)?|put"
    r"|putting|set|switch(?:ed|ing)|went)?\s*(?:it|the|a|an|to)?\s*(.+)"
)
VERSION_WITH = (
    r"(?:version|one)\s+(?:with|that had|where it had)\s+(?:the\s+|a\s+)?(.+)"
    r"|\b(?:the|that)\s+(\w+)\s+version\b"
)
FEATURES = {
    "title": ("title", "heading"),
    "caption": ("caption", "subtitle"),
    "music": ("music", "soundtrack", "song"),
    "vertical": ("vertical", "portrait", "tall"),
    "square": ("square",),
}
REFUSALS = {
    "avatar": ("avatar", "digital human", "virtual presenter", "talking head", "presenter"),
    "dub": ("dub", "dubbed", "dubbing", "translate the narration", "translate the voice"),
    "clone": ("clone my voice", "voice clone", "voice cloning", "my voice", "clone"),
    "lipsync": ("lips match", "lip synced", "lip-synced", "lips move"),
    # Posting somewhere is read by ``POSTING`` (a verb and a destination); these stand alone.
    "publish": ("post it", "post this", "publish it"),
    "footage": ("real footage", "drone footage", "actual footage", "real video", "real photos"),
}
# Footage of the real world (a real place or event as filmed), which the studio cannot make.
REAL_FOOTAGE = (
    r"(?<![a-z])(?:real|actual|genuine|authentic|real[- ]life|real[- ]world)\s+(?:\w+\s+){0,2}?"
    r"(?:footage|recordings?|photos|photographs|camera feed)(?![a-z])"
    r"|(?<![a-z])(?:real|actual|genuine|authentic|real[- ]life|real[- ]world|drone|stock|live|cctv)\s+"
    r"(?:footage|videos?|clips?|feed|shots|webcam)(?![a-z])"
    r"|(?<![a-z])go\s+(?:and\s+)?(?:film|shoot|record)(?![a-z])"
)
# Putting the video on a network or the user's own channel: a sharing verb, then where to.
_NETWORKS = (
    r"youtube|yt|tiktok|tik\s+tok|instagram|insta|ig|reels|facebook|fb|twitter|x\.com|threads|snapchat"
    r"|linkedin|vimeo|twitch|pinterest|whatsapp|telegram|discord|bilibili|douyin"
)
# A sharing verb said as what the user will do, or what the video is for, asks nothing of the studio ("a clip
# I can post on tiktok", "a square video to share on instagram"); "I'd like you to post it" still does.
_NOT_PURPOSE = (
    r"(?<!(?<!you )\bto )(?<!\bcan )(?<!\bcould )(?<!\bwill )(?<!'ll )(?<!\bgonna )(?<!\bwanna )"
)
POSTING = (
    rf"(?<![a-z]){_NOT_PURPOSE}(?:upload|post|share|publish|put|throw|drop|send|push)\s+(?:(?:it|this|that|the\s+video|the"
    r"\s+clip|them|straight|directly|right|away|up|out|now)\s+){0,3}(?:to|on|onto|in|into)\s+"
    r"(?:(?:my|our|the|his|her|their|a)\s+)?(?:(?:own|official|company|business|brand)\s+)?"
    rf"(?:(?:{_NETWORKS})(?![a-z])|(?:channel|account|page|profile|feed|story|stories|timeline|socials"
    r"|social\s+media|internet|web)(?![a-z]))"
    rf"|(?<![a-z]){_NOT_PURPOSE}(?:upload|post|put|publish)\s+(?:it|this|that)\s+online(?![a-z])"
    rf"|(?<![a-z]){_NOT_PURPOSE}(?:upload|publish|post)\s+(?:it|this|that)?\s*(?:for\s+me\s+)?(?:{_NETWORKS})(?![a-z])"
)
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
SHORTER = ("shorter", "shorten", "cut", "trim", "off", "less", "minus", "reduce", "as short")
UP = ("up", "louder", "raise", "increase", "more", "bigger", "larger")
DOWN = ("down", "lower", "quieter", "softer", "decrease", "reduce", "less", "smaller")
MUCH = ("much", "a lot", "way", "far")
LITTLE = ("a bit", "a little", "slightly", "a tad", "somewhat")
DOUBLE = ("double", "twice")
TIMES = r"\b(\d+(?:\.\d+)?)\s*(?:times|x)\s+(?:as\s+)?(?:big|large|long|loud|bigger|larger|longer|louder|short|small|quiet|shorter|smaller|quieter)"
HALF = ("half", "halve")
TO = r"\b(?:to|at|into)\s+$|^\s*(?:total|long|in total)\b"
FIRST_N = (
    r"\b(?:the\s+(?:very\s+)?(?:first|opening)|opening)\s+(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b"
    r"|\b(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\s+(?:off|from)\s+(?:the\s+)?(?:start|beginning|front|intro)\b"
)
LAST_N = (
    r"\b(?:the\s+(?:very\s+)?(?:last|final|closing)|final|closing)\s+(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b"
    r"|\b(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\s+(?:off|from)\s+(?:the\s+)?(?:end|ending|tail|outro)\b"
)
# A slot switched off: "no music", "without any text", "don't add a title", "music off" ({slot}: its words).
NEGATION = (
    r"(?<![a-z])(?:no|without|zero|skip|ditch|mute|silence|lose|(?:do\s*n[o']?t|never)\s+(?:add|put|use|include|want|need)"
    r"|leave\s+out)\s+(?:(?:the|any|a|an|some|background|more|of|on[- ]screen)\s+){0,3}(?:{slot})"
    r"|(?:{slot})\s+(?:off|muted|free)(?![a-z])"
    # "no text nor music": "nor" carries the negation on.
    r"|(?<![a-z])nor\s+(?:(?:the|any|a|an)\s+)?(?:{slot})"
    # "turn off the music", and with 'of' slipped for 'off': "turn of the musik", "switch the music of".
    r"|(?<![a-z])(?:turn|switch|shut|get\s+rid)\s+(?:off|of)\s+(?:(?:the|that|this|all)\s+)?(?:{slot})"
    r"|(?<![a-z])(?:turn|switch|shut)\s+(?:(?:the|that|this)\s+)?(?:{slot})\s+(?:off|of)(?![a-z])"
)
KEEP_ONLY = ("keep only", "only keep", "just keep", "keep just", "leave only", "only leave")
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
SPELLING = {
    "nite": "night",
    "tonite": "night",
    "secs": "seconds",
    "vid": "video",
    "vids": "videos",
    "twice": "2 times",
    "thrice": "3 times",
    # Real words typed for a vocabulary word: a common word is never corrected by distance.
    "dessert": "desert",
    "desserts": "deserts",
}

# Latin words are corrected by edit distance (``typos.py``); no character tables.
HOMOPHONES: dict[str, tuple[str, ...]] = {}
READINGS: dict[str, tuple[str, ...]] = {}
SOUND_MARKS = ""
PARTICLES = ""
# Spellings that sound alike (none: slips are read by distance and tables alone).
SOUNDS_ALIKE: tuple[tuple[str, str], ...] = ()
NAME_DOTS: tuple[str, ...] = ()

# -- replies -------------------------------------------------------------------------------------
# Reply templates by key; ``{name}`` fields are filled by ``replies.say``.
REPLIES: dict[str, str] = {
    "music_label": "{mood} music",
    "upload_label": "upload {index}",
    "same_aspect": "It's already {aspect}",
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
    "nearest_scene": "The nearest I can make is a stylised scene: {desc}.",
    "restored": "Back to version {version} ({desc})",
    "nothing_to_undo": "There's no earlier version to go back to.",
    "nothing_to_redo": "There's nothing to redo: the last change was not an undo.",
    "no_such_version": "I can't find an earlier version like that.",
}
# Limitation key → (what the studio cannot do, the nearest thing it can).
LIMIT_TEXTS: dict[str, tuple[str, str]] = {
    "person": (
        "make footage of a real, named person ({name})",
        'I can make a stylised scene with "{name}" as its title, e.g. \'a city at night with the '
        'title "{name}"\', or a slideshow of photos you upload.',
    ),
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


# -- vocabulary: the words of this language that name draft values and edits -----------------
# Table name → draft value → words (every language lists every value, in the same order).
TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "RESOLUTIONS": {"1080p": ("full hd", "fullhd"), "720p": ("hd",)},
    "TIME_OF_DAY": {
        "dawn": ("dawn", "sunrise", "daybreak", "morning", "first light", "sunup", "break of day"),
        "sunset": ("sunset", "golden hour", "dusk", "evening", "twilight", "sundown", "nightfall"),
        "night": ("night", "nighttime", "midnight", "after dark", "moonlit", "moonlight"),
        "day": ("day", "daytime", "noon", "afternoon", "sunny", "midday", "daylight"),
    },
    "LANDSCAPE": {
        "city": (
            "city",
            "cities",
            "skyline",
            "urban",
            "downtown",
            "street",
            "intersection",
            "buildings",
            "skyscraper",
            "metropolis",
            "town",
            "tokyo",
            "new york",
            "nyc",
            "manhattan",
            "paris",
            "london",
            "shanghai",
            "hong kong",
            "seoul",
            "dubai",
            "singapore",
            "los angeles",
            "chicago",
            "madrid",
            "barcelona",
            "nueva york",
        ),
        "mountains": ("mountain", "peak", "alps", "hill", "valley"),
        "forest": ("forest", "woods", "tree", "jungle", "woodland", "garden", "park"),
        "sea": (
            "sea",
            "ocean",
            "beach",
            "wave",
            "coast",
            "shore",
            "seaside",
            "lake",
            "island",
            "tropical",
        ),
        "desert": ("desert", "dune", "sahara"),
        "none": ("space", "sky", "galaxy", "abstract", "cosmos", "universe"),
    },
    "EFFECTS": {
        "rain": ("rain", "rainy", "raining", "storm", "stormy", "drizzle", "thunderstorm"),
        "snow": ("snow", "snowy", "snowing", "snowfall", "winter", "blizzard"),
        "fog": ("fog", "foggy", "mist", "misty", "haze", "hazy"),
        "clouds": ("cloud", "cloudy", "overcast"),
        "stars": ("star", "starry", "starlight", "milky way", "galaxy"),
        "birds": ("bird", "seagull", "flock"),
        "fireworks": ("firework", "new year"),
        "leaves": ("leaves", "leaf", "autumn", "fall foliage", "foliage"),
        "petals": ("petal", "cherry blossom", "sakura", "blossom", "spring"),
    },
    "PALETTE": {
        "mono": ("black and white", "black & white", "b&w", "monochrome", "grayscale", "greyscale"),
        "warm": ("warmer", "warm tones", "warm colors", "warm colours"),
        "cool": ("cooler", "cool tones", "cool colors", "cool colours"),
        "pastel": ("pastel", "soft colors", "soft colours"),
        "neon": ("neon", "cyberpunk"),
        "vivid": ("vivid", "colorful", "colourful", "saturated"),
        "natural": (
            "natural colors",
            "natural colours",
            "normal colors",
            "normal colours",
            "in color",
            "in colour",
            "full color",
            "no filter",
        ),
    },
    "MOTION": {
        "pan": ("pan", "panning", "sweep", "sweeping", "tracking shot"),
        "zoom": ("zoom", "zooming", "push in", "dolly"),
        "drift": ("drift", "drifting", "floating", "float"),
        "still": (
            "still shot",
            "still camera",
            "static",
            "locked off",
            "no motion",
            "no camera movement",
            "tripod",
        ),
    },
    "MOODS": {
        "lofi": ("lo-fi", "lofi", "lo fi", "chill", "chillhop"),
        "synthwave": ("synthwave", "retro", "80s", "1980s", "synth", "outrun", "vaporwave"),
        "celebratory": ("celebratory", "party", "festive", "celebration", "birthday"),
        "corporate": ("corporate", "business", "professional"),
        "dramatic": ("dramatic", "orchestral", "epic", "cinematic", "intense"),
        "upbeat": (
            "upbeat",
            "energetic",
            "happy",
            "lively",
            "cheerful",
            "fun",
            "pop",
            "exciting",
            "groovy",
            "groovier",
            "catchy",
            "catchier",
            "peppy",
            "bouncy",
        ),
        "ambient": ("ambient", "atmospheric", "dreamy", "ethereal"),
        "calm": (
            "calm",
            "relaxing",
            "peaceful",
            "soothing",
            "gentle",
            "piano",
            "tranquil",
            "serene",
            "calmer",
            "relaxed",
            "mellow",
            "gentler",
            "more peaceful",
        ),
    },
    "ASPECTS": {
        "9:16": (
            "vertical",
            "portrait",
            "tiktok",
            "reels",
            "reel",
            "youtube shorts",
            "shorts format",
            "stories",
            "instagram reels",
            "instagram reel",
            "instagram story",
            "instagram stories",
            "insta story",
            "insta stories",
            "ig story",
            "ig stories",
        ),
        "4:5": ("portrait post", "instagram portrait"),
        "1:1": ("square", "instagram feed", "instagram post", "instagram"),
        "16:9": ("landscape", "youtube", "widescreen", "horizontal"),
    },
    "LIMITS": {
        "voice": (
            "voice-over",
            "voiceover",
            "voice over",
            "narration",
            "narrate",
            "narrator",
            "text to speech",
            "text-to-speech",
            "tts",
            "speech",
            "spoken",
            "read it aloud",
            "read aloud",
        ),
        "lipsync": ("lip sync", "lip-sync", "lipsync", "lip synced"),
        "faces": (
            "my face",
            "face swap",
            "faceswap",
            "deepfake",
            "celebrity",
            "likeness",
            "looks like me",
            "real person",
            "talking head",
        ),
        "resolution": ("4k", "2160p", "8k", "uhd", "ultra hd"),
        "publish": ("post it", "publish it"),
        "footage": ("real footage", "stock footage", "actual footage", "real video of"),
    },
    "POSITIONS": {
        "lower-third": ("lower third", "lower-third"),
        "top-left": (
            "top left",
            "top-left",
            "upper left",
            "upper-left",
            "left top",
            "top left corner",
        ),
        "top-right": ("top right", "top-right", "upper right", "upper-right", "right top"),
        "bottom-left": ("bottom left", "bottom-left", "lower left", "lower-left", "left bottom"),
        "bottom-right": (
            "bottom right",
            "bottom-right",
            "lower right",
            "lower-right",
            "right bottom",
        ),
        "bottom-center": ("bottom", "lower"),
        "top-center": ("top", "upper"),
        "center": ("center", "centre", "middle"),
    },
    "COLORS": {
        "#ffd400": ("yellow",),
        "#ff4d4d": ("red",),
        "#ffffff": ("white",),
        "#111111": ("black",),
        "#4da3ff": ("blue",),
        "#4dff88": ("green",),
        "#ff77c8": ("pink",),
        "#ff9f1c": ("orange",),
        "#ffd166": ("gold",),
    },
}
# Word group name → words.
GROUPS: dict[str, tuple[str, ...]] = {
    # Greetings and wishes: polite words, not a time of day for the scene.
    "GREETINGS": (
        "good morning",
        "good afternoon",
        "good evening",
        "have a nice day",
        "have a good day",
        "have a great day",
        "have a nice evening",
        "have a good night",
    ),
    "NO_MUSIC": (
        "no music",
        "without music",
        "no background music",
        "no bgm",
        "no soundtrack",
        "silent",
        "no sound",
        "no audio",
        "mute",
    ),
    "MUSIC_WORDS": ("music", "song", "bgm", "soundtrack", "track", "audio", "tune"),
    "UPLOAD_WORDS": (
        "my images",
        "my photos",
        "my pictures",
        "my pics",
        "my clips",
        "my videos",
        "my footage",
        "my product",
        "product images",
        "product photos",
        "product shots",
        "uploaded",
        "uploads",
        "these images",
        "these photos",
        "the images",
        "the photos",
        "the pictures",
        "the clips",
    ),
    "PROMO_WORDS": (
        "promo",
        "promotional",
        "promotion",
        "advert",
        "advertisement",
        "ad",
        "commercial",
        "product",
        "sale",
        "launch",
    ),
    "CORPORATE_HINTS": ("corporate", "business", "saas", "b2b", "company"),
    "HELP_WORDS": (
        "what can you do",
        "what do you do",
        "help",
        "capabilities",
        "how does this work",
    ),
    "REGENERATE_WORDS": (
        "regenerate",
        "try again",
        "another version",
        "different version",
        "re-roll",
        "reroll",
        "new seed",
        "another take",
    ),
    "REMOVE_WORDS": (
        "remove",
        "delete",
        "drop",
        "get rid of",
        "take out",
        "without",
        "no",
        "stop",
        "scrap",
        "discard",
        "throw away",
        "throw out",
    ),
    # What was done to the video, counted when taken away ("scrap the last 2 changes" is an undo).
    "CHANGES": ("changes", "edits", "things i did", "things you did", "modifications", "tweaks"),
    "BIGGER": ("bigger", "larger", "huge", "enlarge", "too small", "blow up"),
    "SMALLER": ("smaller", "tiny", "shrink", "too big", "too large", "too huge"),
    "EXPORT_WORDS": ("export", "download", "render it", "save it"),
    "LOUDER": (
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
    ),
    "QUIETER": (
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
    ),
    "SONG": (
        "my song",
        "my music",
        "my audio",
        "my track",
        "uploaded song",
        "uploaded music",
        "uploaded audio",
    ),
    "USE": ("use", "with", "switch to", "replace"),
    "ADD": ("add", "put", "include"),
    "CHANGE": (
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
    ),
    "MOVE": ("move", "put", "place", "position"),
    "REVERSE": ("reverse", "reversed"),
    "SWAP": ("swap", "switch", "exchange"),
    "TO_FRONT": ("first", "to the start", "to the beginning", "to the front"),
    "TO_END": ("last", "to the end", "to the back"),
    "TITLE": ("title", "heading", "headline"),
    "CAPTION": ("caption", "subtitle", "bottom text"),
    "VISUAL": ("image", "photo", "picture", "pic", "clip", "video", "footage", "upload"),
    "FADE_IN": ("fade in", "fade-in", "fade from black"),
    "FADE_OUT": ("fade out", "fade-out", "fade to black"),
    "TEXT_CUES": ("text", "words", "line", "message", "that says", "saying", "reading"),
    "TITLE_CUES": ("title", "titled", "heading", "headline"),
    "CAPTION_CUES": ("caption", "subtitle", "bottom text", "text at the bottom", "at the bottom"),
    "GENERATE": (
        "generate",
        "create",
        "make a",
        "make an",
        "make me",
        "produce",
        "render a",
        "new video",
        "build a",
    ),
    "VIDEO": (
        "video",
        "clip",
        "intro",
        "outro",
        "teaser",
        "trailer",
        "promo",
        "slideshow",
        "animation",
        "reel",
        "ad",
        "film",
    ),
    "THIS_VIDEO": ("version", "this video", "the video", "same video", "this clip"),
    "ITEM_WORDS": (
        "photo",
        "image",
        "picture",
        "pic",
        "slide",
        "clip",
        "shot",
        "scene",
        "segment",
        "item",
    ),
    "THEN": ("and then", "then", "followed by", "after that"),
    "CAPTION_AFTER": ("at the bottom",),
    "CLAUSE_JOINERS": (" with ", " and "),
    "REVERSE_ORDER": ("reverse order", "reversed", "in reverse"),
    "START_WITH": ("start with", "start from"),
    "FADE": ("fade",),
    "REMOVED_AFTER": (),
    "VOLUME_WORDS": ("volume",),
    "ORDER": ("order",),
    "FIRST_TWO": ("first two", "first 2"),
    "LAST_TWO": ("last two", "last 2"),
    "EDIT_HINTS": (
        "louder",
        "quieter",
        "trim",
        "shorten",
        "extend",
        "longer",
        "shorter",
        "title",
        "caption",
        "swap",
        "move",
        "change",
        "volume",
    ),
    "COMMON": (
        "video",
        "videos",
        "clip",
        "clips",
        "seconds",
        "second",
        "minute",
        "minutes",
        "make",
        "create",
        "generate",
        "scene",
        "title",
        "caption",
        "sunset",
        "sunrise",
    ),
    "BACK": ("back", "revert", "restore", "return to", "switch back"),
    "BEFORE": ("before", "previous", "earlier", "prior"),
    "PREFER": ("better", "preferred", "i liked", "i prefer"),
}


# -- patterns the shared readers compose (regular expressions over normalised text) -------------
SECOND_UNITS = r"seconds?|secs?|s"
MINUTE_UNITS = r"minutes?|mins?|m"
MINUTE_AND = r"and\s+"
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}
ARTICLES = ("a", "an")
HALF_MINUTE = r"half a minute|half-minute|half minute"
MINUTE_AND_HALF = (
    r"(?:(\d+)\s+|(?:an?|one)\s+)?(?:minutes?|mins?)\s+and\s+a\s+half"
    r"|(\d+)\s+and\s+a\s+half\s+(?:minutes?|mins?)|(?:an?|one)\s+and\s+a\s+half\s+(?:minutes?|mins?)"
)
MINUTE_AND_QUARTER = (
    r"(?:(\d+)\s+|(?:an?|one)\s+)?(?:minutes?|mins?)\s+and\s+a\s+quarter"
    r"|(\d+)\s+and\s+a\s+quarter\s+(?:minutes?|mins?)|(?:an?|one)\s+and\s+a\s+quarter\s+(?:minutes?|mins?)"
)
DECADE_HINTS = ("retro", "style", "synth", "vibe", "aesthetic", "pop", "look", "music")
CLOCK_SUFFIX = r"am|pm"
ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "last": -1,
}
ORDINAL_NUMBERED = (
    r"(?<!\w)(\d{1,2})(?:st|nd|rd|th)(?!\w)"
    r"|(?:photo|image|picture|pic|slide|clip|scene|shot)\s*#?\s*(\d{1,2})(?!\d)"
)
TEXT2NUM: str | None = "en"
WRITTEN_NUMBERS = (
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b"
)
ORDINAL_KEEP = r"\b(first|second|third)\b"
SEED = r"seed\s*(?:=|:|#|is)?\s*(\d{1,10})"
SUBJECTS: dict[str, tuple[str, ...]] = {
    "party": ("party", "birthday", "new year", "festival", "celebration"),
    "christmas": ("christmas",),
    "love": ("love", "romance", "romantic", "wedding", "valentine"),
    "coffee": ("coffee", "cafe", "café", "breakfast"),
    "travel": ("travel", "adventure", "hiking", "journey"),
    "relax": ("relax", "meditation", "yoga", "wellness", "sleep"),
    "tech": (
        "tech",
        "technology",
        "future",
        "futuristic",
        "ai",
        "intro",
        "podcast",
        "channel",
        "startup",
        "business",
        "launch",
    ),
    "nature": ("nature", "outdoor", "camping"),
    "summer": ("summer", "vacation", "holiday"),
}
SUBJECT = (
    r"\b(?:video|clip|animation|scene|shot|film|reel|footage|timelapse)\s*(?:of|showing|featuring|about|:)"
    r"\s+(.+)$"
)
SUBJECT_TRIM = (
    r"\s*(?:,|[?!;]"
    r"|\bin\s+(?:\d|vertical|portrait|landscape|square|720|1080)"
    r"|\bfor\s+(?:tiktok|youtube|instagram|reels)"
    r"|\s\d+(?:\.\d+)?\s*-?\s*(?:s|secs?|seconds?|mins?|minutes?)\b"
    r"|\bseed\b|\btitled\b"
    r"|\b(?:with|and) (?:the |a )?(?:title|caption|subtitle|text)).*$"
)
SUBJECT_ARTICLE = r"^(?:a|an|the)\s+"
DESCRIPTION = r"(?:description|details)\s*(?:is|[:：\-–—])\s*(.+)$"
NAMED = r"\b(?:called|named)[ \t]+([A-Z0-9][\w'-]*(?:[ \t]+[A-Z0-9][\w'-]*){0,3})"
QUIET_MUSIC = r"\b(?:quiet|low|subtle|faint|low-volume)\s+(?:background\s+)?(?:music|bgm|soundtrack)|\blow volume"
LOUD_MUSIC = r"\b(?:loud|high-volume)\s+(?:\w+\s+){0,2}(?:music|bgm|soundtrack)|\bhigh volume"
MUSIC_LEVEL = r"(?:music|bgm|soundtrack)\D{0,20}?(\d{1,3})\s*%"
NEW_TEXT = (
    r"(?:title|caption|subtitle|heading)\s+(?:text\s+)?"
    r"(?:to say|to read|should say|should read|says|saying|say|read|to|as|into|with)\s+(.+?)"
    r"(?:\s+instead)?\s*[.!?]*$"
)
SAYING = (
    r"(?:title|caption|subtitle|heading|text)\s+(?:that\s+says|that\s+reads|which\s+says|saying|reading|called"
    r"|say|read|with\s+the\s+words)\s+(.+?)(?:\s+instead)?\s*[.!?]*$"
)
TEXT_LASTS = r"(?:title|caption|subtitle)\s+(?:for|last|lasts|to last|stay)\s"
TEXT_START = (
    r"\b(?:at|from|after|starting at|starts at|start at)\s+(?:the\s+)?(\d+(?:\.\d+)?)\s*"
    r"(?:s|secs?|seconds?)\b"
)
TEXT_FOR = r"\b(?:for|last|lasts|stay|stays|shown for|visible for)\s+(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\b"
TEXT_FADE = (
    r"(?:title|caption|subtitle|text)\s*(?:to\s+)?fade"
    r"|fade[\s-]*(?:in|out)?\s+(?:the\s+)?(?:title|caption|subtitle|text)"
)
INTO = r"\b(?:to|into|for)\b"
FILLER = r"\b(?:more|extra|additional|further|other)\s+(?=(?:s|secs?|seconds?)\b)"

# -- real people: a named person doing something is footage the studio cannot make ----------------
# A name: two to four capitalised words (in the message as written, quotes left out).
PERSON_NAME = (
    r"\b([A-Z][a-zà-ÿ-]+(?:(?:\s+(?:de|van|von|da|del|la))?\s+[A-Z][a-zà-ÿ.-]+){1,3})(?:['’]s\b)?"
)
# Well-known people named by one word, or in lower case (matched in the normalised text).
PERSON_NAMES = (
    "messi",
    "ronaldo",
    "beyonce",
    "beyoncé",
    "rihanna",
    "shakira",
    "drake",
    "obama",
    "trump",
    "biden",
    "elon musk",
    "taylor swift",
    "lebron",
    "neymar",
    "madonna",
    "adele",
    "eminem",
    "oprah",
)
# What the person does, right after the name ("dancing", "giving a speech", "sings", "at a concert").
PERSON_DOING = (
    r"^\s*(?:is\s+|are\s+)?(?!(?:during|morning|evening|spring|building|ceiling|nothing|something|"
    r"everything|anything|lightning|ring|king|thing|string|clothing|wedding|parking|shopping|sing|"
    r"featuring|showing|including|starring|coming|following|opening|ending|closing)\b)"
    r"[a-z]{2,}ing\b"
    r"|^\s*(?:gives?|dances?|sings?|speaks?|talks?|plays?|scores?|performs?|says?|walks?|runs?|eats?"
    r"|waves?)\b"
    r"|^\s*(?:on stage|in concert|at (?:a|the|his|her|their) (?:concert|game|match|show|rally|speech))\b"
    r"|^\s*(?:concert|speech|performance|interview|press conference)\b"
)
# Capitalised words that start a request or name a place, never a person ("Make", "New York", "Main Street").
NOT_PEOPLE = (
    "make",
    "create",
    "show",
    "generate",
    "give",
    "please",
    "can",
    "could",
    "i",
    "a",
    "an",
    "the",
    "video",
    "clip",
    "new york",
    "los angeles",
    "san francisco",
    "las vegas",
    "hong kong",
    "new orleans",
    "rio de janeiro",
    "times square",
    "golden gate",
    "grand canyon",
    "big ben",
)
PLACE_WORDS = (
    "mount",
    "saint",
    "san",
    "santa",
    "port",
    "fort",
    "cape",
    "street",
    "avenue",
    "square",
    "park",
    "bridge",
    "tower",
    "city",
    "beach",
    "bay",
    "lake",
    "river",
    "mountain",
    "mountains",
    "canyon",
    "island",
    "valley",
    "station",
    "airport",
    "hotel",
    "cafe",
    "café",
    "garden",
    "gardens",
    "hall",
    "falls",
    "coast",
)
# Words before a name that make it a text, not a subject ("titled Summer Vibes featuring birds").
PERSON_NOT_AFTER = (
    "title",
    "titled",
    "called",
    "named",
    "saying",
    "says",
    "caption",
    "heading",
    "text",
)
