"""Japanese words for reading requests (see ``lang/__init__`` for what each name holds)."""

from __future__ import annotations

CODE = "ja"
# No other script to fold into the one the words are written in.
SCRIPT_FOLD = None
UNDO = (
    "元に戻",
    "取り消",
    "もとに戻",
    "アンドゥ",
    "前に戻",
    "さっきの変更",
    "直前の変更",
    "今の変更",
    "なかったことに",
)
REDO = ("やり直し", "やりなおし", "リドゥ")
INSTEAD = (
    r"([^\s、。\dのをはがでも]{1,8}?)(?:じゃなくて|じゃなく|ではなくて|ではなく|の代わりに"
    r"|から(?=[^\s、。\d]{1,8}?に(?:変え|変更|して|替え))"
    r"|より(?:も)?(?=[^\s、。]{1,10}?(?:がいい|が良い|のほうが|の方が)))"
)
UNDONE = r"(?:取り消し|とりけし|元に戻したの|戻したの|アンドゥ)\s*(?:は|を|も)?\s*(?:なし|無し|なかったこと|やめ|取り消|キャンセル)"
ORIGINAL = (
    "最初のバージョン",
    "最初の状態",
    "最初の動画",
    "最初のやつ",
    "最初に",
    "最初の",
    "はじめの",
    "初めの",
    "一番最初",
    "1番最初",
    "元の状態",
    "元通り",
    "オリジナル",
    "初期の",
)
# 取り消す数：「最後の2つ」「さっきやった2つの変更」「2回分戻して」「2つ前」。
UNDO_STEPS = (
    r"(?:最後|直前|さっき|先ほど|今)(?:の|に)?(?:やった|した|加えた|入れた)?(?:の)?\s*(\d+)\s*(?:つ|個|回|件)"
    r"|(\d+)\s*(?:つ|個|回|段階|ステップ|件)\s*(?:前|分|戻|取り消|元に|の(?:変更|操作|編集))"
)
VERSION_BEFORE = (
    r"(.{1,20}?)(?:する|した|入れる|入れた|付ける|付けた|つける|つけた|加える|加えた|足す|足した)前"
)
VERSION_WITH = r"(.{1,40}?)が(?:あった|ある)バージョン"
FEATURES = {
    "title": ("タイトル",),
    "caption": ("キャプション", "テロップ"),
    "music": ("bgm", "音楽"),
    "vertical": ("縦長", "縦型", "縦"),
    "square": ("正方形",),
}
REFUSALS = {
    "avatar": ("アバター", "デジタルヒューマン", "バーチャル"),
    "dub": ("吹き替え", "吹替"),
    "clone": ("クローン", "私の声"),
    "lipsync": ("リップシンク", "口パク"),
    # 行き先への投稿は ``POSTING`` が読む（行き先と動詞）。
    "publish": ("投稿して", "アップロードして", "シェアして"),
    "footage": ("実写",),
}
# 実世界の映像（実在の場所や出来事を撮ったもの）。このスタジオでは作れない。
REAL_FOOTAGE = (
    r"(?:実際|本物|実在|現実|現地)(?:の|な)?.{0,8}?(?:映像|動画|写真|風景|景色|ライブ映像|中継)"
    r"|実写|ドローン映像|ドローン空撮|空撮映像|撮って(?:きて|来て)|撮影して(?:きて|来て)"
)
# ネットワークや自分のチャンネルに載せる：行き先と投稿の動詞（「インスタに上げて」「YouTubeにアップして」。
# 「インスタのストーリー用」は形の指定で投稿ではない）。
POSTING = (
    r"(?:youtube|ユーチューブ|ようつべ|tiktok|ティックトック|インスタ(?:グラム)?|instagram|ツイッター|twitter|x"
    r"|フェイスブック|facebook|ニコニコ|ニコ動|ライン|line|チャンネル|アカウント|sns|タイムライン|ストーリーズ?)"
    r"\s*(?:に|へ|で)\s*(?:そのまま|すぐ|直接)?\s*"
    # Asked of the studio ("上げて", "投稿しといて"), not what the video is for ("載せる用", "上げたい").
    r"(?:(?:上げ|あげ|載せ|のせ|流し|出し)(?:て|と|ちゃ)|(?:アップ|アップロード|投稿|公開|シェア)(?:して|しと|しちゃ|を?お願い))"
)
MUSIC_OFF = (
    "bgmを消",
    "音楽を消",
    "bgmなし",
    "音楽なし",
    "bgmを止め",
    "音楽を止め",
    "bgmはいらない",
)
LONGER = ("長く", "延ばし", "伸ばし", "のばし", "延長", "足して", "追加", "長め", "長尺")
SHORTER = ("短く", "カット", "縮め", "削って", "減らし", "切って", "切り取", "削除", "短め")
UP = ("大きく", "上げ", "大きめ")
DOWN = ("小さく", "下げ", "うるさい", "小さめ", "控えめ")
MUCH = ("ずっと", "かなり")
LITTLE = ("少し", "ちょっと", "もう少し", "ちょい", "もうちょい", "ちょっとだけ", "やや")
DOUBLE = ("2倍", "二倍", "倍に", "倍の", "倍くらい", "ダブル")
TIMES = r"(\d+(?:\.\d+)?)\s*倍"
HALF = ("半分", "半減", "半分に")
TO = r"^\s*(?:に|へ|まで)"
FIRST_N = r"(?:最初の|冒頭の?|頭の|始めの|はじめの)\s*(\d+(?:\.\d+)?)\s*秒"
LAST_N = r"(?:最後の|終わりの|末尾の|ラスト|最後)\s*(\d+(?:\.\d+)?)\s*秒"
# 項目をなしに：「BGMはなしで」「音楽なし」「タイトルはいらない」（{slot}：その項目の語）。
NEGATION = (
    r"(?:{slot})\s*(?:は|も|を)?\s*(?:なし|無し|ナシ|いらない|要らない|いりません|不要|抜き|なくて|オフ|つけないで|付けないで|入れないで"
    r"|消し|消す|けし|けす|なくし|無くし|止め|とめ|切って|きって|外し|はずし|抜い|ぬい|やめ|ストップ|停止)"
    r"|(?:ノー)(?:{slot})"
)
KEEP_ONLY = ("だけ残", "だけにして", "だけ使って")
ON_SCREEN = ("表示", "出して", "見せ")
LENGTH = ("長さ", "尺", "長く", "短く", "長め", "短め")
VOLUME = ("音量", "bgm", "音楽")
SIZE = ("大きさ", "サイズ", "大きく", "小さく")
NO_TEXT = ("文字は入れないで", "文字なし", "タイトルなし", "テロップなし", "文字を入れないで")
POSITION_VERBS = ("移動", "に置いて")
KNOWN: tuple[str, ...] = ()
SPELLING: dict[str, str] = {}
# Kanji a kana-to-kanji conversion often gives instead of a vocabulary word's kanji (same reading), and the
# kana of a kanji left unconverted: "立て型" for 縦型, "正方型" for 正方形, "たて型" for 縦型. A variant that
# is itself a vocabulary word is never used.
HOMOPHONES: dict[str, tuple[str, ...]] = {
    "縦": ("立て", "建て", "盾", "経", "たて", "タテ"),
    "横": ("よこ", "ヨコ"),
    "型": ("形", "がた", "ガタ"),
    "長": ("なが",),
    "正": ("せい",),
    "方": ("ほう",),
    "形": ("型", "系"),
    "景": ("計", "形"),
    "楽": ("学", "額"),
    "幕": ("膜",),
    "漠": ("爆", "幕"),
    # One-character words slip only to forms that stand alone ("膿の夕焼け", "森に行きが降る"); their
    # hiragana counts only between particles ("夜明けのもりに", never "つもり": ``PARTICLES``).
    "雪": ("行き", "ユキ", "由紀", "ゆき"),
    "海": ("膿", "ウミ", "産み", "うみ"),
    "雨": ("飴", "あめ"),
    "森": ("もり", "モリ", "杜"),
    "山": ("やま", "ヤマ"),
    "空": ("そら", "ソラ"),
    "朝": ("あさ",),
    "夜": ("よる", "ヨル"),
    "街": ("まち", "マチ"),
    # Kanji of the same reading in longer words ("花日" for 花火).
    "火": ("日", "陽", "ひ"),
    # Duration units, read as units only right after a number ("20病" is 20 s).
    "秒": ("病", "廟", "描", "猫"),
}
# Marks people drop or add when typing a katakana word by ear (small vowels, the small tsu, long-vowel
# bars): "スクウェア" and "スクエア", "ミュージク" and "ミュージック" sound alike without them.
SOUND_MARKS = "ァィゥェォッー"
# Particles and endings around a word: a one-character word written in hiragana stands between them.
PARTICLES = "のにがをでへとはもやな"
# Spellings that sound alike (none: slips are read by distance and tables alone).
SOUNDS_ALIKE: tuple[tuple[str, str], ...] = ()
# What joins the parts of a foreign name written in katakana (イーロン・マスク): such words are names.
NAME_DOTS = ("・", "·")
# Vocabulary words written in kana, as people type them before (or instead of) converting to kanji.
READINGS: dict[str, tuple[str, ...]] = {
    "縦型": ("たてがた", "タテガタ"),
    "縦画面": ("たてがめん", "タテガメン", "縦がめん", "たて画面"),
    "横画面": ("よこがめん", "ヨコガメン", "横がめん", "よこ画面"),
    "横型": ("よこがた", "ヨコガタ"),
    "縦長": ("たてなが", "タテナガ"),
    "横長": ("よこなが", "ヨコナガ"),
    "正方形": ("せいほうけい",),
    "音楽": ("おんがく",),
    "夕焼け": ("ゆうやけ", "夕やけ"),
    "夕日": ("ゆうひ",),
    "朝日": ("あさひ",),
    "夜景": ("やけい",),
    "夜明け": ("よあけ",),
    "花火": ("はなび",),
    "砂漠": ("さばく",),
    "紅葉": ("こうよう",),
    "星空": ("ほしぞら",),
    "字幕": ("じまく",),
    "森林": ("しんりん",),
    "海辺": ("うみべ",),
    "雪山": ("ゆきやま",),
    "都会": ("とかい",),
    "夕暮れ": ("ゆうぐれ",),
    "桜": ("さくら",),
    "消して": ("けして",),
    "日の出": ("ひので",),
    "朝焼け": ("あさやけ",),
    "夕方": ("ゆうがた",),
    "日没": ("にちぼつ",),
    "落ち葉": ("おちば",),
    "花びら": ("はなびら",),
}


# -- replies -------------------------------------------------------------------------------------
# Reply templates by key; ``{name}`` fields are filled by ``replies.say``.
REPLIES: dict[str, str] = {
    "music_label": "{mood}の音楽",
    "upload_label": "素材{index}",
    "same_aspect": "すでに{aspect}です",
    "ack_generate": "{dur}・{aspect}の動画を作りました：{desc}。",
    "ack_promo": "アップロードされた{count}個の素材から{dur}・{aspect}のプロモ動画を作りました（ケン・バーンズ効果付き）。",
    "changes_head": "{count}か所を変更しました：",
    "desc_slideshow": "{count}個の素材のスライドショー",
    "item_scene": "{desc}（{span}）",
    "item_music": "{mood}BGM・音量{vol}%（{span}）",
    "item_song": "あなたの音声「{name}」・音量{vol}%（{span}）",
    "item_title": "タイトル「{text}」（{span}）",
    "item_caption": "キャプション「{text}」（{span}）",
    "item_captions": "説明文から{count}件のキャプション",
    "note_clamped": "注：動画の長さは1〜300秒なので、{dur}にしました。",
    "note_text_clamped": "注：動画は{dur}なので、テキストはその中に収めました。",
    "note_default_scene": "実写ではなく様式化されたシーンを生成するため、今回は「{desc}」を作りました。",
    "note_clips_short": "クリップの合計が{dur}なので、動画の長さは{dur}です。",
    "no_uploads": "このセッションにはまだ画像やクリップがありません。先にアップロードするか、シーンを説明してください（例：「穏やかな音楽付きの15秒の海の夕日」）。",
    "limit": "申し訳ありませんが、{what}はできません。{instead}",
    "capabilities": "オフラインで短い動画を作れます：都市・山・森・海・砂漠・空のシーン（夜明け・昼・夕暮れ・夜、雨・雪・霧・雲・星・鳥・花火・落ち葉・花びら）の生成、アップロードした画像やクリップからのプロモ用スライドショー、BGM（穏やか・アンビエント・ローファイ・アップテンポ・ドラマチック・シンセウェーブ・お祝い・ビジネス）またはあなたの音声、タイトルとキャプション、そして編集（音量、トリム・延長、縦・正方形・横、写真の並べ替え、再生成）。例：「穏やかな音楽付きの15秒の都市の夕日、タイトル「アーバンドリーム」」。",
    "nothing_to_edit": "まだ編集する動画がありません。まず説明してください（例：「穏やかな音楽付きの15秒の海の夕日」）。",
    "not_understood": "何を変更すればよいか分かりませんでした。BGMの音量や雰囲気の変更、タイトルやキャプションの追加・変更・移動・削除、トリム・延長、縦・正方形・横への切り替え、写真の並べ替えや削除、時間帯や天気の変更、再生成ができます。",
    "export": "動画の準備ができました。エクスポートボタンを押すとMP4を書き出します。",
    "ch_volume": "BGM音量 {a}% → {b}%（{span}）",
    "ch_music_removed": "BGMを削除",
    "ch_music_mood": "BGMを変更：{music}",
    "ch_music_added": "追加：{music}",
    "ch_title_added": "タイトル「{text}」を追加（{span}）",
    "ch_title_changed": "タイトルを「{text}」に変更（{span}）",
    "ch_title_moved": "タイトル「{text}」を{pos}に移動（{span}）",
    "ch_title_removed": "タイトル「{text}」を削除",
    "ch_title_styled": "タイトル「{text}」を{what}に変更（{span}）",
    "ch_caption_styled": "キャプション「{text}」を{what}に変更（{span}）",
    "ch_caption_added": "キャプション「{text}」を追加（{span}）",
    "ch_caption_changed": "キャプションを「{text}」に変更（{span}）",
    "ch_caption_moved": "キャプション「{text}」を{pos}に移動（{span}）",
    "ch_caption_removed": "キャプション「{text}」を削除",
    "ch_title_timed": "タイトル「{text}」の表示を{span}に変更",
    "ch_caption_timed": "キャプション「{text}」の表示を{span}に変更",
    "ch_fade_in": "最初の{sec}で黒からフェードイン",
    "ch_fade_out": "最後の{sec}で黒へフェードアウト",
    "ch_music_fade_out": "音楽は最後の{sec}でフェードアウト",
    "ch_fade_in_removed": "黒からのフェードインを削除",
    "ch_fade_out_removed": "黒へのフェードアウトを削除",
    "ch_fades_removed": "黒からと黒へのフェードを削除",
    "ch_duration": "長さ {a} → {b}",
    "ch_aspect": "アスペクト比 {a} → {b}（{w}×{h}）",
    "ch_res": "解像度 {a} → {b}",
    "ch_regenerate": "シード{seed}で再生成",
    "ch_scene": "シーンを変更：{desc}（{span}）",
    "ch_uploads": "動画をあなたの{count}個の素材に変更（{span}）",
    "ch_order": "新しい順番：{order}",
    "ch_dropped": "{index}番目を削除：{label}",
    "ch_song": "BGMをあなたの音声「{name}」に変更（{span}）",
    "same_volume": "BGMの音量はすでに{b}%です",
    "miss_title": "タイトルはまだありません",
    "miss_caption": "キャプションはまだありません",
    "miss_music": "変更するBGMがありません",
    "miss_song": "アップロードされた音声が見つかりません",
    "miss_scene": "この動画には変更できる生成シーンがありません",
    "miss_index": "{index}番目はありません（全{count}個）",
    "miss_uploads": "アップロードされた画像やクリップが見つかりません",
    "default_title": "新登場",
    "nearest_scene": "近いものなら、様式化されたシーン「{desc}」を作れます。",
    "restored": "バージョン{version}に戻しました（{desc}）",
    "nothing_to_undo": "戻せる前のバージョンがありません。",
    "nothing_to_redo": "やり直せる操作がありません（直前の操作は取り消しではありません）。",
    "no_such_version": "そのような以前のバージョンが見つかりません。",
}
# Limitation key → (what the studio cannot do, the nearest thing it can).
LIMIT_TEXTS: dict[str, tuple[str, str]] = {
    "person": (
        "実在の人物（{name}）の実写映像の生成",
        "「{name}」をタイトルにした様式化されたシーン（例：「夜の街、タイトル『{name}』」）か、"
        "アップロードした写真のスライドショーなら作れます。",
    ),
    "voice": (
        "ナレーションや音声の追加",
        "代わりに文字を画面のキャプションとして表示し、BGMを付けられます。",
    ),
    "lipsync": ("リップシンク", "代わりにクリップにキャプションを付けられます。"),
    "faces": (
        "顔や実在の人物に似せた映像の生成",
        "あなた自身の写真でスライドショーを作るか、タイトル付きのシーンを生成できます。",
    ),
    "resolution": ("{res}出力", "1080p（標準）または720pで作れます。"),
    "avatar": (
        "話すアバターやプレゼンターの作成",
        "代わりに、生成したシーンやあなたの写真の上にタイトルとキャプションで言葉を表示できます。",
    ),
    "dub": ("吹き替えや音声の翻訳", "訳文を「」で書いていただければ、字幕として追加できます。"),
    "clone": ("声のクローンや模倣", "アップロードした音声をBGMとして使うか、BGMを追加できます。"),
    "publish": (
        "SNSへの投稿",
        "MP4を書き出してご自身で投稿してください。TikTokやリール向けに縦型（9:16）にできます。",
    ),
    "footage": (
        "実写映像の生成",
        "様式化されたシーン（都市・山・森・海・砂漠・空）を生成するか、アップロードした素材を使えます。",
    ),
}
# Names of draft values (times of day, places, effects, moods, palettes, motions, positions).
NAMES: dict[str, dict[str, str]] = {
    "tod": {"dawn": "夜明け", "day": "昼", "sunset": "夕暮れ", "night": "夜"},
    "land": {
        "city": "都市のスカイライン",
        "mountains": "山々",
        "forest": "森",
        "sea": "海",
        "desert": "砂漠",
        "none": "空",
    },
    "fx": {
        "rain": "雨",
        "snow": "雪",
        "fog": "霧",
        "clouds": "雲",
        "stars": "星",
        "birds": "鳥",
        "fireworks": "花火",
        "leaves": "落ち葉",
        "petals": "花びら",
    },
    "mood": {
        "calm": "穏やかな",
        "ambient": "アンビエント",
        "lofi": "ローファイ",
        "upbeat": "アップテンポな",
        "dramatic": "ドラマチックな",
        "synthwave": "シンセウェーブ",
        "celebratory": "お祝いの",
        "corporate": "ビジネス向けの",
    },
    "palette": {
        "mono": "モノクロ",
        "warm": "暖色系",
        "cool": "寒色系",
        "pastel": "パステルカラー",
        "neon": "ネオンカラー",
        "vivid": "鮮やかな色",
        "natural": "自然な色",
    },
    "motion": {
        "pan": "ゆっくりパン",
        "zoom": "ゆっくりズーム",
        "drift": "ゆるやかなドリフト",
        "still": "固定カメラ",
    },
    "pos": {
        "top-center": "上部",
        "center": "中央",
        "bottom-center": "下部",
        "top-left": "左上",
        "top-right": "右上",
        "bottom-left": "左下",
        "bottom-right": "右下",
        "lower-third": "画面下部3分の1",
    },
}
LIST_JOIN = "／"
# How the language writes seconds, ends and spaces sentences, lists things and describes a scene.
SECONDS = "{value}秒"
SENTENCE_END = "。"
SENTENCE_ENDS = ("。", "！", "？")
SENTENCE_GAP = ""
LIST_COMMA = "、"
SCENE = "{tod}の{land}"
SCENE_WITH = "（{fx}）"
FX_SEP = "・"
FX_LAST = "・"


# -- vocabulary: the words of this language that name draft values and edits -----------------
# Table name → draft value → words (every language lists every value, in the same order).
TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "RESOLUTIONS": {},
    "TIME_OF_DAY": {
        "dawn": (
            "夜明け",
            "日の出",
            "朝焼け",
            "朝",
            "明け方",
            "早朝",
            "暁",
            "曙",
            "あけぼの",
            "朝日",
            "朝方",
            "日が昇る",
        ),
        "sunset": (
            "夕焼け",
            "夕日",
            "夕暮れ",
            "日没",
            "夕方",
            "黄昏",
            "たそがれ",
            "日暮れ",
            "夕刻",
            "日が沈む",
            "日が暮れる",
        ),
        "night": ("真夜中", "夜中", "深夜", "夜更け"),
        "day": ("昼", "日中", "晴れ", "真昼", "昼間", "正午"),
    },
    "LANDSCAPE": {
        "city": (
            "街",
            "都会",
            "ビル",
            "東京",
            "大阪",
            "ニューヨーク",
            "交差点",
            "渋谷",
            "新宿",
            "繁華街",
        ),
        "mountains": ("山々", "山脈"),
        "forest": ("森", "公園"),
        "sea": ("ビーチ", "波"),
        "desert": ("砂漠",),
        "none": (),
    },
    "EFFECTS": {
        "rain": (),
        "snow": (),
        "fog": ("霧", "もや"),
        "clouds": ("雲", "曇り"),
        "stars": ("天の川",),
        "birds": ("鳥", "カモメ"),
        "fireworks": ("花火",),
        "leaves": ("紅葉", "落ち葉"),
        "petals": ("桜", "花びら"),
    },
    "PALETTE": {
        "mono": ("モノクロ", "白黒"),
        "warm": ("暖かい色",),
        "cool": ("寒色",),
        "pastel": ("パステル",),
        "neon": ("ネオン", "サイバーパンク"),
        "vivid": ("鮮やか",),
        "natural": ("自然な色",),
    },
    "MOTION": {
        "pan": ("パン",),
        "zoom": ("ズーム",),
        "drift": ("ドリフト", "漂う"),
        "still": ("固定",),
    },
    "MOODS": {
        "lofi": ("ローファイ",),
        "synthwave": ("シンセウェーブ", "レトロ"),
        "celebratory": ("お祝い", "パーティー"),
        "corporate": ("ビジネス", "コーポレート"),
        "dramatic": ("壮大", "ドラマチック", "エピック", "オーケストラ", "迫力", "勇壮", "劇的"),
        "upbeat": (
            "アップテンポ",
            "元気",
            "明るい",
            "明るめ",
            "ノリのいい",
            "ノリの良い",
            "ノリノリ",
            "ノリがいい",
            "アゲアゲ",
            "テンション高",
        ),
        "ambient": ("アンビエント", "幻想的"),
        "calm": (
            "穏やか",
            "落ち着いた",
            "癒し",
            "静か",
            "リラックス",
            "しっとり",
            "切ない",
            "ゆったり",
            "のんびり",
        ),
    },
    "ASPECTS": {
        "9:16": ("ストーリー", "リール", "縦長", "縦型", "縦画面", "縦"),
        "4:5": (),
        "1:1": ("スクエア", "正方形", "真四角"),
        "16:9": ("横長", "横型", "横画面", "ワイド"),
    },
    "LIMITS": {
        "voice": ("ナレーション", "音声合成", "読み上げ"),
        "lipsync": ("リップシンク", "口パク"),
        "faces": ("有名人", "顔を", "ディープフェイク"),
        "resolution": (),
        "publish": ("投稿して",),
        "footage": ("実写",),
    },
    "POSITIONS": {
        "lower-third": (),
        "top-left": ("左上",),
        "top-right": ("右上",),
        "bottom-left": ("左下",),
        "bottom-right": ("右下",),
        "bottom-center": ("下部", "下に", "下へ"),
        "top-center": ("上部", "上に", "上へ"),
        "center": ("真ん中",),
    },
    "COLORS": {
        "#ffd400": ("黄色い",),
        "#ff4d4d": ("赤い", "赤色"),
        "#ffffff": ("白い",),
        "#111111": ("黒い",),
        "#4da3ff": ("青い",),
        "#4dff88": ("緑色",),
        "#ff77c8": ("ピンク",),
        "#ff9f1c": ("オレンジ",),
        "#ffd166": (),
    },
}
# Word group name → words.
GROUPS: dict[str, tuple[str, ...]] = {
    # 挨拶：丁寧な言葉で、場面の時間帯ではない。
    "GREETINGS": (
        "おはようございます",
        "お早うございます",
        "こんばんは",
        "今晩は",
        "おやすみなさい",
        "良い夜を",
    ),
    "NO_MUSIC": ("音楽なし", "bgmなし", "音楽はいらない", "無音"),
    "MUSIC_WORDS": ("音楽", "曲", "サウンド", "ミュージック"),
    "UPLOAD_WORDS": ("写真", "画像", "アップロード"),
    "PROMO_WORDS": ("プロモ", "宣伝", "広告", "商品", "製品"),
    "CORPORATE_HINTS": ("ビジネス",),
    "HELP_WORDS": ("何ができ", "ヘルプ", "使い方"),
    "REGENERATE_WORDS": ("再生成", "もう一度", "別のバージョン", "作り直"),
    # 動画に加えた変更。数えて消すのは取り消し（「最後の2つの変更を消して」）。
    "CHANGES": ("変更", "編集", "操作", "修正"),
    "REMOVE_WORDS": ("消して", "削除", "なし", "取って", "いらない", "要らない", "不要", "外して"),
    "BIGGER": ("大きく", "大きめ", "大き目", "でかく", "拡大", "小さすぎ"),
    "SMALLER": ("小さく", "小さめ", "小さ目", "縮小", "大きすぎ", "でかすぎ"),
    "EXPORT_WORDS": ("書き出", "エクスポート", "ダウンロード"),
    "LOUDER": ("大きく", "上げて"),
    "QUIETER": ("うるさい", "小さく", "下げて", "控えめ"),
    "SONG": ("私の曲", "私の音楽"),
    "USE": ("使って", "使用して"),
    "ADD": ("追加", "入れて", "付けて"),
    "CHANGE": ("変更", "変えて"),
    "MOVE": ("移動",),
    "REVERSE": ("逆順", "逆に"),
    "SWAP": ("入れ替え",),
    "TO_FRONT": ("最初", "先頭"),
    "TO_END": ("最後",),
    "TITLE": ("タイトル",),
    "CAPTION": ("テロップ", "キャプション"),
    "VISUAL": ("写真", "画像", "動画", "クリップ"),
    "FADE_IN": ("フェードイン",),
    "FADE_OUT": ("フェードアウト",),
    "TEXT_CUES": ("テキスト", "文字", "文言", "メッセージ", "一文"),
    "TITLE_CUES": ("タイトル",),
    "CAPTION_CUES": ("テロップ", "キャプション", "下に"),
    "GENERATE": ("作成", "作って"),
    "VIDEO": ("動画", "ムービー", "クリップ"),
    "THIS_VIDEO": ("この動画",),
    "ITEM_WORDS": ("写真", "画像", "枚目", "番目", "シーン", "クリップ"),
    "THEN": ("それから", "その後"),
    "CAPTION_AFTER": ("下に",),
    "CLAUSE_JOINERS": ("、",),
    "REVERSE_ORDER": ("逆順",),
    "START_WITH": ("から始め",),
    "FADE": ("フェード",),
    "REMOVED_AFTER": ("なし", "を消", "を削除"),
    "VOLUME_WORDS": ("音量",),
    "ORDER": ("順番",),
    "FIRST_TWO": ("最初の2",),
    "LAST_TWO": ("最後の2",),
    "EDIT_HINTS": ("タイトル", "音量"),
    "COMMON": (),
    "BACK": ("戻", "もどして", "復元", "元通り"),
    "PREFER": (
        "ほうがいい",
        "方がいい",
        "ほうが良い",
        "方が良い",
        "がよかった",
        "が良かった",
        "のがいい",
    ),
    "BEFORE": ("前の", "さっき", "直前", "以前", "1つ前", "ひとつ前", "元の", "前に"),
}


# -- patterns the shared readers compose (regular expressions over normalised text) -------------
SECOND_UNITS = r"秒間|秒"
MINUTE_UNITS = r"分間|分"
MINUTE_AND = ""
NUMBER_WORDS: dict[str, int] = {}
ARTICLES: tuple[str, ...] = ()
HALF_MINUTE = ""
MINUTE_AND_HALF = r"(\d+)\s*分半"
MINUTE_AND_QUARTER = ""
DECADE_HINTS = ("風",)
CLOCK_SUFFIX = ""
ORDINAL_WORDS: dict[str, int] = {"最後": -1, "最初": 1}
ORDINAL_NUMBERED = r"(\d{1,2})\s*(?:枚目|番目|つ目)"
TEXT2NUM: str | None = None
WRITTEN_NUMBERS = ""
ORDINAL_KEEP = ""
SEED = r"シード\s*(?:=|:|#)?\s*(\d{1,10})"
SUBJECTS: dict[str, tuple[str, ...]] = {
    "party": ("誕生日", "お祝い"),
    "christmas": ("クリスマス",),
    "love": ("恋", "結婚"),
    "coffee": ("コーヒー",),
    "travel": ("旅",),
    "relax": ("瞑想",),
    "tech": ("テクノロジー", "オープニング"),
    "nature": (),
    "summer": ("夏",),
}
SUBJECT = ""
SUBJECT_TRIM = ""
SUBJECT_ARTICLE = ""
DESCRIPTION = r"説明\s*(?:は|[:：\-–—])\s*(.+)$"
NAMED = ""
QUIET_MUSIC = r"低音量|控えめ|小さめ"
LOUD_MUSIC = r"高音量|大きめ"
MUSIC_LEVEL = r"音楽\D{0,20}?(\d{1,3})\s*%"
NEW_TEXT = r"(?:タイトル|キャプション)を(.+?)に(?:変更|して|変えて)"
SAYING = (
    r"(?:タイトル|キャプション|テロップ)は(.+?)(?:で|にして)(?:お願い|よろしく)?[。！!]*$"
    r"|^(.+?)(?:って|という)(?:タイトル|キャプション|テロップ)"
)
TEXT_LASTS = ""
TEXT_START = r"(\d+(?:\.\d+)?)\s*秒(?:から|後|目)"
TEXT_FOR = r"(\d+(?:\.\d+)?)\s*秒間"
TEXT_FADE = r"(?:タイトル|テロップ)\s*を?\s*フェード"
INTO = r"に"
FILLER = ""

# -- 実在の人物：名前のある人物が何かをしている実写映像は作れない ---------------------------------
# カタカナの外国名は中黒でつなぐ：テイラー・スウィフト、イーロン・マスク。
PERSON_NAME = r"([\u30a1-\u30fa\u30fc]{2,}・[\u30a1-\u30fa\u30fc]{2,})"
PERSON_NAMES = ("大谷翔平", "メッシ", "木村拓哉", "羽生結弦", "イチロー")
PERSON_DOING = r"^.{0,4}?(?:踊|歌|演説|スピーチ|ゴール|プレー|話して|話す|ライブ|インタビュー|試合|ホームラン|投げ|打って)"
NOT_PEOPLE: tuple[str, ...] = ()
PLACE_WORDS: tuple[str, ...] = ()
PERSON_NOT_AFTER = ("タイトル", "テロップ", "文字")
