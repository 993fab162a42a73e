"""Japanese words for reading requests (see ``lang/__init__`` for what each name holds)."""

from __future__ import annotations

CODE = "ja"
UNDO = ("元に戻", "取り消", "もとに戻", "アンドゥ", "前に戻")
REDO = ("やり直し", "やりなおし", "リドゥ")
ORIGINAL = ("最初のバージョン", "最初の状態", "オリジナル")
UNDO_STEPS = r"(?:最後|直前)の\s*(\d+)\s*(?:つ|個|回)"
VERSION_WITH = r"(.+?)が(?:あった|ある)バージョン"
FEATURES = {
    "title": ("タイトル",),
    "caption": ("キャプション", "テロップ"),
    "music": ("bgm", "音楽"),
    "vertical": ("縦長", "縦型"),
    "square": ("正方形",),
}
REFUSALS = {
    "avatar": ("アバター", "デジタルヒューマン", "バーチャル"),
    "dub": ("吹き替え", "吹替"),
    "clone": ("クローン", "私の声"),
    "lipsync": ("リップシンク", "口パク"),
    "publish": ("投稿", "アップして", "アップロードして", "シェアして"),
    "footage": ("実写",),
}
MUSIC_OFF = (
    "bgmを消",
    "音楽を消",
    "bgmなし",
    "音楽なし",
    "bgmを止め",
    "音楽を止め",
    "bgmはいらない",
)
LONGER = ("長く", "延ばし", "伸ばし", "延長", "足して", "追加")
SHORTER = ("短く", "カット", "縮め", "削って", "減らし")
UP = ("大きく", "上げ", "大きめ")
DOWN = ("小さく", "下げ", "うるさい", "小さめ", "控えめ")
MUCH = ("ずっと", "かなり")
LITTLE = ("少し", "ちょっと")
DOUBLE = ("2倍", "二倍")
TIMES = r"(\d+(?:\.\d+)?)\s*倍"
HALF = ("半分",)
TO = r"^\s*(?:に|へ|まで)"
FIRST_N = r"最初の\s*(\d+(?:\.\d+)?)\s*秒"
LAST_N = r"最後の\s*(\d+(?:\.\d+)?)\s*秒"
ON_SCREEN = ("表示", "出して", "見せ")
LENGTH = ("長さ", "尺")
VOLUME = ("音量", "bgm", "音楽")
SIZE = ("大きさ", "サイズ", "大きく", "小さく")
NO_TEXT = ("文字は入れないで", "文字なし", "タイトルなし", "テロップなし", "文字を入れないで")
POSITION_VERBS = ("移動", "に置いて")
KNOWN: tuple[str, ...] = ()
SPELLING: dict[str, str] = {}
