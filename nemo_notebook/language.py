"""Which language a message is written in: one detector for the client (the session's
``language``) and the local agent (its reply language) alike.

Quoted text and titles do not count: "add the title '新年快乐'" is English. Standard library only.
"""

from __future__ import annotations

import re
import unicodedata

# Quoted passages: curly, corner, guillemet and book-title quotes, and straight quotes that are not
# apostrophes (a straight single quote must not touch a Latin letter or digit on its outer side).
QUOTES = re.compile(
    r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|«[^»]*»|《[^》]*》|〈[^〉]*〉|\"[^\"]*\"|(?<![0-9A-Za-z\u00c0-\u024f])'[^']+'(?![0-9A-Za-z\u00c0-\u024f])"
)
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_HINTS: dict[str, tuple[frozenset[str], str]] = {
    "en": (
        _words(
            "the and of to is with for make add video please an in on my it this that create"
            " what can you do how i a be are me your some more less from at"
        ),
        "",
    ),
    "es": (
        _words(
            "el los las y por para con una es está quiero que del muy hazme crea añade vídeo música sobre al"
            " haz hazlo pon ponlo ponle quita quítale cambia agrega regenera recorta alarga sube súbele"
            " bájale mueve elimina borra genera hola gracias segundos minutos título subtítulo fotos"
            " imagen imágenes más menos sin un de la"
        ),
        "ñ¿¡",
    ),
    "fr": (
        _words(
            "le les des et est pour avec je une dans sur pas au aux du fais ajoute moi ce cette musique vidéo un"
        ),
        "çœèêàù",
    ),
    "de": (
        _words(
            "der die das und ist ein eine mit für nicht ich auf zu den dem bitte mach erstelle einen über musik"
        ),
        "äöüß",
    ),
    "pt": (
        _words(
            "o os um uma com não do da em é você faça crie adicione no na dos das música vídeo sobre"
        ),
        "ãõ",
    ),
}


def without_quotes(text: str) -> str:
    """``text`` with quoted passages and titles blanked out (「」『』“”‘’«»《》 and straight quotes, not
    apostrophes), unless nothing but quotes is left."""
    text = unicodedata.normalize("NFC", text)
    unquoted = QUOTES.sub(" ", text)
    return unquoted if _WORD.search(unquoted) else text


def hint_scores(text: str) -> dict[str, float]:
    """How much each Latin-script language's own words and letters show in ``text`` (one a stop word,
    two a letter only it uses), quotes left out: a message may show more than one."""
    lowered = without_quotes(text).lower()
    words = _WORD.findall(lowered)
    return {
        code: float(
            sum(1 for w in words if w in stop_words) + sum(2 for ch in lowered if ch in letters)
        )
        for code, (stop_words, letters) in _HINTS.items()
    }


def detect_language(text: str) -> str:
    """ISO code of the user's own words in ``text`` (quotes and titles left out): scripts first
    (ja, ko, zh-CN), then stop-word hints, default ``en``."""
    text = without_quotes(text)
    if _KANA.search(text):
        return "ja"
    if _HANGUL.search(text):
        return "ko"
    if _HAN.search(text):
        return "zh-CN"
    best, best_score = "en", 0.0
    for code, score in hint_scores(text).items():
        if code == "en":
            score += 0.5
        if score > best_score:
            best, best_score = code, score
    return best
