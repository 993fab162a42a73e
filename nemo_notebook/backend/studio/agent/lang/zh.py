"""Chinese words for reading requests (see ``lang/__init__`` for what each name holds)."""

from __future__ import annotations


def _more(*adjectives: str) -> tuple[str, ...]:
    """Every way a comparative is said: 更大, 再大, 大一点, 大一些, 大些, 大点."""
    return tuple(
        w
        for a in adjectives
        for w in (f"更{a}", f"再{a}", f"{a}一点", f"{a}一些", f"{a}些", f"{a}点")
    )


CODE = "zh-CN"


def _simplified(text: str) -> str:
    """Traditional characters written as simplified ones (給我做一個影片 → 给我做一个影片), by ``hanziconv``'s
    character table (imported on first use: most messages never need it)."""
    from hanziconv import HanziConv

    return str(HanziConv.toSimplified(text))


SCRIPT_FOLD = _simplified
UNDO = (
    "撤销",
    "撤回",
    "取消刚才",
    "取消上一步",
    "取消上1步",
    "回退",
    "恢复到原来",
    "还原",
    "复原",
    "返回上一步",
    "返回上1步",
    "刚才的修改",
    "刚才的改动",
    "这个改动",
    "这次改动",
    "这个修改",
    "刚才那步",
    "上次修改",
    "上1次修改",
)
REDO = ("重做", "恢复撤销", "取消撤销", "撤销撤销", "反撤销")
INSTEAD = (
    r"(?:不要|不是|别用|不用|别要)(.{1,6}?)[,，、]?\s*(?:了)?[,，、]?\s*(?:要|而是|是|用|换成|改成|改为|来个)"
    r"|而不是(.{1,6}?)(?:[,，。]|$)|与其(.{1,6}?)(?:还)?不如|比起(.{1,6}?)[,，]?(?:还是|更)"
)
UNDONE = (
    r"(?:不要|别|取消|撤回|撤销)(?:刚才的|刚刚的|上1次的|那个|这个|那次)?(?:撤销|撤回)"
    r"|(?:撤销|撤回)(?:就|还是)?(?:不要了|算了|取消)|恢复(?:刚才|刚刚|上1次)?(?:撤销|撤回)"
)
ORIGINAL = (
    "原来的",
    "原来那",
    "原样",
    "最初的版本",
    "最初版本",
    "最初那",
    "最初的",
    "最早的版本",
    "最开始",
    "最初",
    "一开始",
    "一开始的",
    "原版",
    "初始版本",
    "第1版",
    "第1个版本",
)
# 撤销几步："最后2个改动"、"刚才做的两处修改"、"前2个操作"、"撤销2次"。
UNDO_STEPS = (
    r"(?:最后|最近|前|刚才|刚刚)(?:做|改)?的?\s*(\d+)\s*(?:步|次|个|处|项)(?:修改|改动|操作|变动|更改|编辑)?"
    r"|(\d+)\s*(?:步|次|(?:个|处|项)(?:修改|改动|操作|变动|更改|编辑))"
)
VERSION_BEFORE = r"(?:回到|恢复到|退回到|还原到|变回|改回)?(?:把它)?(.{1,15}?)(?:之前|以前)"
VERSION_WITH = r"(?:回到|恢复到|退回到)?有(.{1,40}?)的(?:那个)?版本"
FEATURES = {
    "title": ("标题",),
    "caption": ("字幕",),
    "music": ("音乐", "配乐"),
    "vertical": ("竖屏", "竖版", "竖"),
    "square": ("正方形", "方形"),
}
REFUSALS = {
    "avatar": ("数字人", "虚拟主播", "虚拟人", "头像说话"),
    "dub": ("配音成", "翻译配音", "译制"),
    "clone": ("克隆", "我的声音"),
    "lipsync": ("对口型", "口型同步"),
    # 发到某处由 ``POSTING`` 读（动词加去处）。
    "publish": ("帮我发布", "替我发布"),
    "footage": ("真实的", "实拍", "真实画面"),
}
# 真实世界的画面（真实地点或事件的实拍），本工具无法生成。
REAL_FOOTAGE = (
    r"(?:真实|真正|实际|实地|现场|实景|航拍)(?!感)的?.{0,6}?(?:画面|视频|影像|镜头|录像|照片|片段|风景|景色)"
    r"|实拍|实录|去拍|拍回来"
)
# 发到某个平台或自己的账号：发布类动词加去处（"上传到我的B站"、"发到抖音上"；"适合抖音的竖屏"不是发布）。
# 视频的用途（"可以发到抖音的视频"、"用来发抖音"）不是请求发布。
POSTING = (
    r"(?<!用来)(?<!可以)(?<!能)(?<!准备)"
    r"(?:上传|传|发布|发|分享|投稿|推送|转发|放|挂)(?:一下)?(?:到|在|至|去|上)\s*(?:我的?|我们的?|咱们的?|公司的?)?\s*"
    r"(?:b站|bilibili|哔哩哔哩|抖音|快手|小红书|微博|视频号|朋友圈|公众号|youtube|油管|tiktok|instagram|ins"
    r"|脸书|facebook|推特|twitter|频道|账号|主页|空间|社交(?:媒体|平台|网络)|网上|平台)(?!上?\s*(?:用|的))"
    r"|(?:b站|抖音|快手|小红书|微博|视频号|朋友圈|油管|youtube|频道|账号)(?:上)?(?:发布|发一下|发了|投稿)"
    r"|(?:发|晒|更)(?:个|条|一条|一个|一下)(?:抖音|快手|朋友圈|微博|小红书|视频号|b站)"
)
MUSIC_OFF = ("关掉音乐", "把音乐关掉", "音乐关掉", "关闭音乐", "不要音乐", "去掉音乐")
LONGER = ("延长", "加长", "再加", "增加", "加", *_more("长"))
SHORTER = ("缩短", "剪短", "减少", "剪掉", "砍掉", "去掉", "减", *_more("短"))
UP = ("调大", "调高", "提高", "大声", "放大", "增大", "加大", *_more("大", "响", "高"))
DOWN = ("调小", "调低", "降低", "小声", "太吵", "太大声", "缩小", "减小", *_more("小", "轻", "低"))
MUCH = ("很多", "大幅")
LITTLE = ("一点", "一些", "稍微")
DOUBLE = ("加倍", "一倍", "两倍", "翻倍", "翻一番", "双倍")
TIMES = r"(?:放大|扩大|加长|延长)?\s*(\d+(?:\.\d+)?)\s*倍"
HALF = ("一半", "减半", "砍半", "对半")
TO = r"(?:到|成|为|改成|设为)\s*$"
FIRST_N = r"(?:(?<!提)前面?的?|开头的?|开始的?|片头的?)\s*(\d+(?:\.\d+)?)\s*秒"
LAST_N = r"(?:最后|结尾的?|末尾的?|片尾的?|(?<![然之以])后面?的?)\s*(\d+(?:\.\d+)?)\s*秒"
# 关掉某一项："不要音乐"、"不加字幕"、"音乐就不要了"、"把音乐关了"（{slot}：这一项的词）。
NEGATION = (
    r"(?:不要|不用|不加|别加|别放|别用|没有|无需|不需要|去掉|关掉|关闭|免|无)(?:任何|背景|加|放|配)?(?:{slot})"
    r"|(?:{slot})(?:就|也|都)?(?:不要|不用|免了|关掉|关了|关闭|去掉|去了|拿掉|删掉|取消|不需要|停掉|停了|撤掉|撤了|别要了|别放了)"
)
KEEP_ONLY = ("只保留", "只留", "仅保留")
ON_SCREEN = ("显示", "出现", "停留")
LENGTH = ("时长", "长度", "长", "短")
VOLUME = ("音量", "音乐", "声音", "吵")
SIZE = ("放大", "缩小", "大小", "字号")
NO_TEXT = ("不要加任何文字", "不要文字", "不要加文字", "不要标题", "不加标题", "不要字幕", "无文字")
POSITION_VERBS = ("放到", "移到", "放在")
# Ordinary words holding another language's vocabulary word (朝 is the Japanese morning): never read as it.
KNOWN: tuple[str, ...] = ("朝着", "朝向", "朝前", "朝上", "朝下", "朝左", "朝右")
SPELLING: dict[str, str] = {}
# Characters a pinyin keyboard often gives instead of a vocabulary word's character (same or near sound):
# "树屏" for 竖屏, "正方型" for 正方形, "音月" for 音乐, "视屏" for 视频. Only words of two or more
# characters are varied, and a variant that is itself a vocabulary word is never used.
HOMOPHONES: dict[str, tuple[str, ...]] = {
    "竖": ("树", "数", "束", "术", "述", "墅"),
    "屏": ("平", "瓶", "频", "品", "评", "凭", "萍"),
    "频": ("屏", "平"),
    "形": ("型", "行", "性", "刑"),
    "横": ("恒", "衡", "痕"),
    "版": ("板", "般"),
    "乐": ("月", "悦", "约", "越", "阅", "岳", "跃"),
    "景": ("境", "井", "警"),
    "幕": ("目", "木", "慕", "墓", "暮"),
    "题": ("提", "体", "替"),
    "音": ("因", "阴", "英", "银", "应"),
    "标": ("表", "彪"),
    "漠": ("莫", "末", "陌", "默", "墨", "摸", "膜", "寞", "馍"),
    "沙": ("砂", "纱", "杀"),
    "森": ("深",),
    "晚": ("碗", "挽"),
    "雾": ("务", "误", "物", "悟"),
    "阳": ("羊", "洋", "扬"),
    "缓": ("换", "环"),
    "烟": ("淹", "湮", "眼", "言", "演", "焉", "嫣"),
    "黄": ("皇", "荒"),
    "昏": ("婚", "荤"),
    "浪": ("狼", "朗"),
    "滩": ("摊", "贪"),
    "宇": ("雨", "语"),
    "宙": ("昼", "皱"),
    "慢": ("漫", "曼"),
    "欢": ("环",),
    "雪": ("血", "穴", "学", "薛"),
    "花": ("化", "华", "画"),
    "雨": ("语", "羽", "鱼", "与", "予", "渔", "玉", "于"),
    "落": ("洛", "络", "骆"),
    "市": ("事", "式", "世", "试"),
    "鸥": ("欧", "殴", "瓯"),
    # Duration units, read as units only right after a number ("10妙" is 10 s).
    "秒": ("妙", "描", "喵", "庙", "渺"),
    "钟": ("中", "种", "终", "钏"),
}
# Other writings of vocabulary words (none for Chinese beyond the characters above).
READINGS: dict[str, tuple[str, ...]] = {}
SOUND_MARKS = ""
PARTICLES = ""
# Spellings that sound alike (none: slips are read by distance and tables alone).
SOUNDS_ALIKE: tuple[tuple[str, str], ...] = ()
# What joins the parts of a foreign name written in characters (泰勒·斯威夫特).
NAME_DOTS = ("·", "•", "・")


# -- replies -------------------------------------------------------------------------------------
# Reply templates by key; ``{name}`` fields are filled by ``replies.say``.
REPLIES: dict[str, str] = {
    "music_label": "{mood}音乐",
    "upload_label": "素材{index}",
    "same_aspect": "已经是 {aspect} 了",
    "ack_generate": "已生成 {dur}、{aspect} 的视频：{desc}。",
    "ack_promo": "已用你上传的 {count} 个素材制作 {dur}、{aspect} 的宣传视频（带推拉镜头效果）。",
    "changes_head": "做了 {count} 处修改：",
    "desc_slideshow": "由你的 {count} 个素材组成的幻灯片",
    "item_scene": "{desc}（{span}）",
    "item_music": "{mood}背景音乐，音量 {vol}%（{span}）",
    "item_song": "你的音频「{name}」，音量 {vol}%（{span}）",
    "item_title": "标题「{text}」（{span}）",
    "item_caption": "字幕「{text}」（{span}）",
    "item_captions": "根据描述添加了 {count} 条字幕",
    "note_clamped": "注意：视频时长需在 1–300 秒之间，所以我做成了 {dur}。",
    "note_text_clamped": "注意：视频只有 {dur}，所以文字保持在视频之内。",
    "note_default_scene": "我生成的是风格化场景，而不是真实画面，所以这里做的是：{desc}。",
    "note_clips_short": "你的视频素材总长 {dur}，所以视频时长为 {dur}。",
    "no_uploads": "这个会话里还没有上传的图片或视频。请先上传素材，或者描述一个场景让我生成（例如「15秒的海上日落，配舒缓音乐」）。",
    "limit": "抱歉，我无法{what}。{instead}",
    "capabilities": "我可以离线制作短视频：生成城市、山脉、森林、大海、沙漠、天空等场景（黎明、白天、日落、夜晚，可加雨、雪、雾、云、星星、飞鸟、烟花、落叶、花瓣）；把你上传的图片和视频做成宣传幻灯片；添加背景音乐（舒缓、氛围、Lo-fi、欢快、史诗、合成器浪潮、喜庆、商务）或使用你的音频；添加标题和字幕；还能编辑：音乐大小、剪短或延长、竖屏/方形/横屏、调整图片顺序、重新生成。试试：「生成15秒的城市日落视频，配舒缓音乐，标题“城市之梦”」。",
    "nothing_to_edit": "还没有可以修改的视频。先描述一个吧，例如「15秒的海上日落，配舒缓音乐」。",
    "not_understood": "我不确定要改什么。我可以：调大/调小音乐或换风格，添加/修改/移动/删除标题或字幕，剪短或延长，切换竖屏/方形/横屏，调整或删除图片，更改时间或天气，或者重新生成。",
    "export": "视频已就绪，点击导出按钮即可生成 MP4。",
    "ch_volume": "音乐音量 {a}% → {b}%（{span}）",
    "ch_music_removed": "已删除背景音乐",
    "ch_music_mood": "背景音乐改为{music}",
    "ch_music_added": "已添加{music}",
    "ch_title_added": "已添加标题「{text}」（{span}）",
    "ch_title_changed": "标题改为「{text}」（{span}）",
    "ch_title_moved": "标题「{text}」移到{pos}（{span}）",
    "ch_title_removed": "已删除标题「{text}」",
    "ch_title_styled": "标题「{text}」改为 {what}（{span}）",
    "ch_caption_styled": "字幕「{text}」改为 {what}（{span}）",
    "ch_caption_added": "已添加字幕「{text}」（{span}）",
    "ch_caption_changed": "字幕改为「{text}」（{span}）",
    "ch_caption_moved": "字幕「{text}」移到{pos}（{span}）",
    "ch_caption_removed": "已删除字幕「{text}」",
    "ch_title_timed": "标题「{text}」改为在{span}显示",
    "ch_caption_timed": "字幕「{text}」改为在{span}显示",
    "ch_fade_in": "开头 {sec} 从黑场淡入",
    "ch_fade_out": "结尾 {sec} 淡出到黑场",
    "ch_music_fade_out": "音乐在结尾 {sec} 淡出",
    "ch_fade_in_removed": "已去掉开头的淡入",
    "ch_fade_out_removed": "已去掉结尾的淡出",
    "ch_fades_removed": "已去掉开头和结尾的淡入淡出",
    "ch_duration": "时长 {a} → {b}",
    "ch_aspect": "画面比例 {a} → {b}（{w}×{h}）",
    "ch_res": "分辨率 {a} → {b}",
    "ch_regenerate": "已用种子 {seed} 重新生成",
    "ch_scene": "场景改为：{desc}（{span}）",
    "ch_uploads": "视频改用你的 {count} 个素材（{span}）",
    "ch_order": "新顺序：{order}",
    "ch_dropped": "已删除第 {index} 个：{label}",
    "ch_song": "背景音乐换成你的音频「{name}」（{span}）",
    "same_volume": "音乐音量已经是 {b}%",
    "miss_title": "还没有标题",
    "miss_caption": "还没有字幕",
    "miss_music": "没有可修改的背景音乐",
    "miss_song": "没有找到上传的音频",
    "miss_scene": "这个视频没有可修改的生成场景",
    "miss_index": "没有第 {index} 个，视频共有 {count} 个",
    "miss_uploads": "没有找到上传的图片或视频",
    "default_title": "新品上市",
    "nearest_scene": "最接近的是风格化场景：{desc}。",
    "restored": "已回到版本 {version}（{desc}）",
    "nothing_to_undo": "没有更早的版本可以撤销。",
    "nothing_to_redo": "没有可以重做的操作：上一步不是撤销。",
    "no_such_version": "没有找到那样的早期版本。",
}
# Limitation key → (what the studio cannot do, the nearest thing it can).
LIMIT_TEXTS: dict[str, tuple[str, str]] = {
    "person": (
        "生成真实人物（{name}）的真实画面",
        "我可以做一个以「{name}」为标题的风格化场景，例如「夜晚的城市，标题为“{name}”」，或用你上传的照片做幻灯片。",
    ),
    "voice": ("添加配音或语音", "我可以把这些文字做成屏幕字幕，并配上背景音乐。"),
    "lipsync": ("做对口型", "我可以在你的视频上添加字幕。"),
    "faces": ("生成人脸或真人形象", "我可以用你自己的照片做幻灯片，或生成带标题的场景。"),
    "resolution": ("输出 {res}", "我可以输出 1080p（默认）或 720p。"),
    "avatar": (
        "制作数字人或虚拟主播",
        "我可以把你的文字做成标题和字幕，放在生成的场景或你的照片上。",
    ),
    "dub": ("配音或翻译语音", "如果你用引号写出译文，我可以把它加成字幕。"),
    "clone": ("克隆或模仿声音", "我可以使用你上传的音频作为配乐，或添加背景音乐。"),
    "publish": ("上传到社交平台", "请导出 MP4 后自行发布；我可以把它做成竖屏（9:16）适配抖音。"),
    "footage": (
        "生成真实世界的画面",
        "我可以生成风格化场景（城市、山脉、森林、大海、沙漠、天空），或使用你上传的素材。",
    ),
}
# Names of draft values (times of day, places, effects, moods, palettes, motions, positions).
NAMES: dict[str, dict[str, str]] = {
    "tod": {"dawn": "黎明", "day": "白天", "sunset": "日落时分", "night": "夜晚"},
    "land": {
        "city": "城市天际线",
        "mountains": "山脉",
        "forest": "森林",
        "sea": "大海",
        "desert": "沙漠",
        "none": "天空",
    },
    "fx": {
        "rain": "雨",
        "snow": "雪",
        "fog": "雾",
        "clouds": "云",
        "stars": "星星",
        "birds": "飞鸟",
        "fireworks": "烟花",
        "leaves": "落叶",
        "petals": "花瓣",
    },
    "mood": {
        "calm": "舒缓",
        "ambient": "氛围",
        "lofi": "Lo-fi",
        "upbeat": "欢快",
        "dramatic": "史诗",
        "synthwave": "合成器浪潮",
        "celebratory": "喜庆",
        "corporate": "商务",
    },
    "palette": {
        "mono": "黑白",
        "warm": "暖色调",
        "cool": "冷色调",
        "pastel": "马卡龙色",
        "neon": "霓虹色",
        "vivid": "鲜艳色彩",
        "natural": "自然色彩",
    },
    "motion": {"pan": "缓慢平移镜头", "zoom": "缓慢推近", "drift": "缓慢漂移", "still": "固定镜头"},
    "pos": {
        "top-center": "顶部",
        "center": "中间",
        "bottom-center": "底部",
        "top-left": "左上",
        "top-right": "右上",
        "bottom-left": "左下",
        "bottom-right": "右下",
        "lower-third": "下三分之一处",
    },
}
LIST_JOIN = "；"
# How the language writes seconds, ends and spaces sentences, lists things and describes a scene.
SECONDS = "{value} 秒"
SENTENCE_END = "。"
SENTENCE_ENDS = ("。", "！", "？")
SENTENCE_GAP = ""
LIST_COMMA = "，"
SCENE = "{tod}的{land}"
SCENE_WITH = "，伴有{fx}"
FX_SEP = "、"
FX_LAST = "、"


# -- vocabulary: the words of this language that name draft values and edits -----------------
# Table name → draft value → words (every language lists every value, in the same order).
TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "RESOLUTIONS": {},
    "TIME_OF_DAY": {
        "dawn": (
            "日出",
            "黎明",
            "清晨",
            "早晨",
            "拂晓",
            "破晓",
            "晨曦",
            "天刚亮",
            "凌晨",
            "朝阳",
            "清早",
            "大清早",
            "一大早",
            "太阳升起",
            "日出时",
        ),
        "sunset": (
            "日落",
            "黄昏",
            "夕阳",
            "傍晚",
            "落日",
            "薄暮",
            "晚霞",
            "日暮",
            "余晖",
            "太阳下山",
            "日落时",
            "天快黑",
        ),
        "night": ("夜晚", "夜景", "夜里", "晚上", "夜", "深夜", "午夜", "半夜"),
        "day": ("白天", "中午", "阳光", "白昼", "正午", "大白天"),
    },
    "LANDSCAPE": {
        "city": (
            "城市",
            "都市",
            "天际线",
            "街道",
            "路口",
            "街头",
            "高楼",
            "东京",
            "上海",
            "北京",
            "香港",
            "纽约",
            "巴黎",
            "伦敦",
        ),
        "mountains": ("山", "山脉"),
        "forest": ("森林", "树林", "公园", "花园"),
        "sea": ("海", "海洋", "海滩", "海边", "沙滩", "海浪", "湖"),
        "desert": ("沙漠",),
        "none": ("太空", "宇宙", "天空"),
    },
    "EFFECTS": {
        "rain": ("雨", "下雨"),
        "snow": ("雪", "下雪", "雪山", "雪景", "冬天", "冬"),
        "fog": ("雾",),
        "clouds": ("云",),
        "stars": ("星", "银河"),
        "birds": ("鸟", "海鸥"),
        "fireworks": ("烟花", "烟火", "焰火"),
        "leaves": ("落叶", "秋天", "秋"),
        "petals": ("樱花", "花瓣", "春"),
    },
    "PALETTE": {
        "mono": ("黑白",),
        "warm": ("暖色",),
        "cool": ("冷色",),
        "pastel": ("马卡龙",),
        "neon": ("霓虹", "赛博朋克"),
        "vivid": ("鲜艳",),
        "natural": ("原色",),
    },
    "MOTION": {
        "pan": ("平移", "摇镜", "横移"),
        "zoom": ("推近", "推进", "拉近", "缩放"),
        "drift": ("漂移", "漂浮"),
        "still": ("静止", "固定镜头"),
    },
    "MOODS": {
        "lofi": ("低保真",),
        "synthwave": ("复古", "合成器"),
        "celebratory": ("庆祝", "节日", "派对", "喜庆"),
        "corporate": ("商务", "企业"),
        "dramatic": ("史诗", "震撼", "戏剧", "大气", "激昂", "磅礴", "热血", "悲壮"),
        "upbeat": ("欢快", "活力", "动感", "轻快", "节奏感", "嗨", "带劲", "燃"),
        "ambient": ("氛围", "空灵", "梦幻"),
        "calm": ("舒缓", "平静", "轻柔", "安静", "宁静", "放松"),
    },
    "ASPECTS": {
        "9:16": ("竖屏", "竖版", "抖音", "快手"),
        "4:5": (),
        "1:1": ("方形", "正方形", "方屏"),
        "16:9": ("横屏", "横版", "宽屏"),
    },
    "LIMITS": {
        "voice": ("配音", "旁白", "解说", "朗读", "语音"),
        "lipsync": ("对口型", "口型"),
        "faces": ("人脸", "换脸", "名人"),
        "resolution": (),
        "publish": ("帮我发布",),
        "footage": ("真实画面", "实拍", "真实视频"),
    },
    "POSITIONS": {
        "lower-third": (),
        "top-left": ("左上",),
        "top-right": ("右上",),
        "bottom-left": ("左下",),
        "bottom-right": ("右下",),
        "bottom-center": ("底部", "下方", "底下", "下面"),
        "top-center": ("顶部", "上方", "上面"),
        "center": ("中间", "中央"),
    },
    "COLORS": {
        "#ffd400": ("黄色",),
        "#ff4d4d": ("红色",),
        "#ffffff": ("白色",),
        "#111111": ("黑色",),
        "#4da3ff": ("蓝色",),
        "#4dff88": ("绿色",),
        "#ff77c8": ("粉色",),
        "#ff9f1c": ("橙色",),
        "#ffd166": ("金色",),
    },
}
# Word group name → words.
GROUPS: dict[str, tuple[str, ...]] = {
    # 问候语：客气话，不是画面的时间。
    "GREETINGS": ("早上好", "早安", "上午好", "中午好", "下午好", "晚上好", "晚安"),
    "NO_MUSIC": ("无音乐", "不要音乐", "没有音乐", "不要背景音乐", "静音"),
    "MUSIC_WORDS": ("音乐", "配乐", "背景音", "背景乐", "歌"),
    "UPLOAD_WORDS": ("我的图片", "我的照片", "我的视频", "上传", "图片", "照片", "素材"),
    "PROMO_WORDS": ("广告", "宣传", "推广", "产品"),
    "CORPORATE_HINTS": ("商务", "企业"),
    "HELP_WORDS": ("你能做什么", "你会什么", "帮助", "能做什么"),
    "REGENERATE_WORDS": ("重新生成", "再来一个", "换一个", "再生成一次"),
    # 做过的修改，数着去掉就是撤销（"去掉最后两个改动"）。
    "CHANGES": ("修改", "改动", "操作", "更改", "编辑"),
    "REMOVE_WORDS": ("去掉", "删除", "删掉", "删了", "删去", "不要", "去除", "拿掉"),
    "BIGGER": ("放大", "加大", "太小", *_more("大")),
    "SMALLER": ("缩小", "减小", "太大", *_more("小")),
    "EXPORT_WORDS": ("导出", "下载"),
    "LOUDER": ("调高", "调大", "加大音量", *_more("大", "大声", "响")),
    "QUIETER": ("太吵", "太响", "调低", "调小", "降低音量", *_more("小", "小声", "轻", "安静")),
    "SONG": ("我的音乐", "我的歌", "上传的音乐"),
    "USE": ("用", "使用", "换成"),
    "ADD": ("加", "添加", "加上"),
    "CHANGE": ("改", "换"),
    "MOVE": ("移", "放"),
    "REVERSE": ("倒序", "反过来"),
    "SWAP": ("交换", "互换", "对调"),
    "TO_FRONT": ("最前", "开头"),
    "TO_END": ("最后",),
    "TITLE": ("标题",),
    "CAPTION": ("字幕",),
    "VISUAL": ("图片", "照片", "视频", "素材"),
    "FADE_IN": ("淡入", "渐显"),
    "FADE_OUT": ("淡出", "渐隐"),
    "TEXT_CUES": ("文字", "文案", "一行字", "写着", "写上", "一句话"),
    "TITLE_CUES": ("标题", "题为", "名为"),
    "CAPTION_CUES": ("字幕", "底部文字", "底部", "下方", "底下"),
    "GENERATE": ("生成", "制作", "做一个", "做一段", "创建"),
    "VIDEO": ("视频", "短片", "影片", "宣传片", "广告"),
    "THIS_VIDEO": ("这个视频",),
    "ITEM_WORDS": ("照片", "图片", "图", "张", "片段", "场景"),
    "THEN": ("然后", "接着", "再到"),
    "CAPTION_AFTER": ("在底部",),
    "CLAUSE_JOINERS": ("配", "，", "、"),
    "REVERSE_ORDER": ("倒序",),
    "START_WITH": ("开始",),
    "FADE": ("淡入淡出",),
    "REMOVED_AFTER": (),
    "VOLUME_WORDS": ("音量",),
    "ORDER": ("顺序",),
    "FIRST_TWO": ("前两", "前2"),
    "LAST_TWO": ("最后两", "最后2"),
    "EDIT_HINTS": ("标题", "字幕", "音量"),
    "COMMON": (),
    "BACK": ("回到", "恢复", "还原", "退回", "返回", "改回", "变回", "换回", "回退"),
    "PREFER": ("更好", "比较好", "还好", "好看", "好些", "的好", "那个好", "那版好"),
    "BEFORE": (
        "之前",
        "以前",
        "刚才",
        "上个",
        "上1个",
        "上1版",
        "前1个",
        "上个版本",
        "上1步",
        "原先",
    ),
}


# -- patterns the shared readers compose (regular expressions over normalised text) -------------
SECOND_UNITS = r"秒钟|秒鐘|秒"
MINUTE_UNITS = r"分钟|分鐘|分"
MINUTE_AND = ""
NUMBER_WORDS: dict[str, int] = {}
ARTICLES: tuple[str, ...] = ()
HALF_MINUTE = r"半分钟|半分鐘"
MINUTE_AND_HALF = r"(\d+)\s*分钟?半(?!小)|(\d+)\s*分半钟?"
MINUTE_AND_QUARTER = ""
DECADE_HINTS: tuple[str, ...] = ()
CLOCK_SUFFIX = ""
ORDINAL_WORDS: dict[str, int] = {"最后": -1, "最後": -1}
ORDINAL_NUMBERED = r"第\s*([一二两三四五六七八九十\d]+)\s*[张個个段幅]?"
TEXT2NUM: str | None = None
WRITTEN_NUMBERS = ""
ORDINAL_KEEP = ""
SEED = r"种子\s*(?:=|:|#|为)?\s*(\d{1,10})"
SUBJECTS: dict[str, tuple[str, ...]] = {
    "party": ("庆祝", "生日", "新年"),
    "christmas": ("圣诞",),
    "love": ("爱情", "婚礼"),
    "coffee": ("咖啡",),
    "travel": ("旅行", "冒险"),
    "relax": ("冥想",),
    "tech": ("科技", "未来", "片头", "频道"),
    "nature": ("自然",),
    "summer": ("夏天",),
}
SUBJECT = ""
SUBJECT_TRIM = ""
SUBJECT_ARTICLE = ""
DESCRIPTION = r"(?:描述|说明|介绍)\s*[:：\-–—]\s*(.+)$"
NAMED = ""
QUIET_MUSIC = r"小声|低音量"
LOUD_MUSIC = r"大声|高音量"
MUSIC_LEVEL = r"音乐\D{0,20}?(\d{1,3})\s*%"
NEW_TEXT = r"(?:标题|字幕)(?:改成|改为|换成|设为)(.+?)[。！]*$"
SAYING = r"(?:标题|字幕)(?:叫做|叫|写着|写上|内容是|就叫)(.+?)[。！!]*$"
TEXT_LASTS = ""
TEXT_START = r"(?:在|从)第?\s*(\d+(?:\.\d+)?)\s*秒"
TEXT_FOR = r"(?:持续|显示|停留)\s*(\d+(?:\.\d+)?)\s*秒"
TEXT_FADE = r"(?:标题|字幕)\s*淡"
INTO = r"改成|换成|变成|改为"
FILLER = ""

# -- 真人：指名道姓的真人做某事的真实画面无法生成 -------------------------------------------------
# 译名常用间隔号：泰勒·斯威夫特、埃隆·马斯克。
PERSON_NAME = r"([\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,6})"
PERSON_NAMES = (
    "马斯克",
    "霉霉",
    "梅西",
    "c罗",
    "成龙",
    "周杰伦",
    "刘德华",
    "特朗普",
    "拜登",
    "奥巴马",
    "姚明",
    "泰勒·斯威夫特",
)
PERSON_DOING = r"^.{0,4}?(?:跳舞|唱歌|演讲|讲话|演唱|踢球|进球|打球|表演|发表|说话|走红毯|比赛|接受采访|开演唱会)"
NOT_PEOPLE: tuple[str, ...] = ()
PLACE_WORDS: tuple[str, ...] = ()
PERSON_NOT_AFTER = ("标题", "字幕", "文字")
