"""Typo tolerance: a word the vocabulary does not know is read as the one vocabulary word it is a slip from.

Latin words: a slip is one edit (a letter added, dropped, changed, or two swapped: optimal string alignment
distance 1) on words of five letters or more, two neighbouring letters swapped on words of four ("trun"), or two edits on words of eight or more with no word one edit
away, after folding accents. A word the vocabulary or a language's ``KNOWN`` list holds is never changed,
nor is a common English word (by its frequency in ``common_english_search``, so "world" never becomes
"would"); no known word turns into another. A word one slip from two vocabulary words goes to the one the
likelier slip makes (two letters swapped or one doubled, then a neighbouring key: "forset" is "forest", not
"forget"), and is left alone when neither slip is likelier.

Chinese and Japanese: an edit on a two-character word is a different word, so there is no distance there.
Instead each language lists the characters its keyboard's conversion gives instead of a vocabulary word's
(``HOMOPHONES``: "树屏" for 竖屏) and the kana writings of its words (``READINGS``: "たてがた" for 縦型);
the slipped forms of every vocabulary word are made from these, never one that is a vocabulary word itself.
Katakana is written by sound, so a katakana run of four or more is one edit from the one katakana word it
stands for ("ミュージク" for ミュージック). A duration's unit slipped the same way is read as the unit right
after a number ("10妙" for 10秒, "20病" for 20秒).
"""

from __future__ import annotations

import importlib.util
import pickle
import re
import unicodedata
from functools import lru_cache
from itertools import product
from pathlib import Path

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from . import lang

_WORD = re.compile(r"[a-zñáéíóúü]+")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_KANJI, _KATA = r"\u4e00-\u9fff", r"\u30a0-\u30ff"
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]{4,}")
_HIRAGANA = re.compile(r"[\u3041-\u309f]+")
_KANA_MARKS = re.compile("[" + re.escape("".join(lang.words("SOUND_MARKS"))) + "]")
# A katakana word is corrected only with this many sounds left (short ones are often names: "イーロン").
KATAKANA_SOUNDS = 4
_NAME_DOTS = frozenset(lang.words("NAME_DOTS"))
MIN_LENGTH = 5
# Chinese and Japanese words up to this long get slipped forms (each character may slip).
MAX_VARIED = 4
# Words this long may be two slips from the word they stand for ("verticle" for "vertical").
TWO_SLIPS = 8
# Keys next to each other on a QWERTY keyboard, by row.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Words used at least this often in English text (per word) are real words, not slips: "forrest" (4e-6) is
# a slip, "sunset" (1.1e-5) and "called" (3.9e-4) are words.
COMMON_SHARE = 5e-6


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    """English words used at least ``COMMON_SHARE`` of the time, from ``common_english_search``'s frequency
    table (read directly: importing the package's module would load ``inflect``, which takes seconds)."""
    spec = importlib.util.find_spec("common_english_search")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    table = Path(next(iter(spec.submodule_search_locations))) / "data" / "english_words.pkl"
    with table.open("rb") as f:
        frequencies = pickle.load(f)  # the installed package's own data file
    return frozenset(w for w, share in frequencies.items() if share >= COMMON_SHARE)


def common(word: str) -> bool:
    """Whether ``word`` (or the word it is the plural of) is a common English word."""
    words = _english()
    return word in words or (word.endswith("s") and (word[:-1] in words or word[:-2] in words))


_ALIKE: tuple[tuple[str, str], ...] = tuple(p for m in lang.MODULES for p in m.SOUNDS_ALIKE)


def sound_key(word: str) -> str:
    """A folded word as it sounds, by every language's ``SOUNDS_ALIKE`` ("estrellas" → "estreyas")."""
    for spelling, spoken in _ALIKE:
        word = word.replace(spelling, spoken)
    return word


def fold(word: str) -> str:
    """A word without accents ("música" → "musica")."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _inflection(word: str, other: str) -> bool:
    """Whether two words differ only by a gender or number vowel near the end ("cambio"/"cambia",
    "últimos"/"últimas"): in Spanish both are real words, so neither is a slip for the other."""
    if len(word) != len(other):
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
    return (
        len(diff) == 1
        and (diff[0] == len(word) - 1 or (diff[0] == len(word) - 2 and word.endswith("s")))
        and {word[diff[0]], other[diff[0]]} <= set("aeo")
    )


def _neighbours(a: str, b: str) -> bool:
    """Whether two letters are next to each other on a keyboard row, or one above the other."""
    where = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    if a not in where or b not in where:
        return False
    (ra, ia), (rb, ib) = where[a], where[b]
    return abs(ra - rb) + abs(ia - ib) == 1 or (abs(ra - rb) == 1 and ib - ia in (0, 1, -1))


def slip_cost(word: str, target: str) -> int:
    """How unlikely the one slip from ``target`` to ``word`` is: 0 for two letters swapped or one doubled or
    undoubled, 1 for a neighbouring key, 2 for any other."""
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            return 0
        return 1 if len(diff) == 1 and _neighbours(word[diff[0]], target[diff[0]]) else 2
    longer, shorter = (word, target) if len(word) > len(target) else (target, word)
    i = next(
        (i for i, (a, b) in enumerate(zip(longer, shorter, strict=False)) if a != b), len(shorter)
    )
    near = longer[i - 1 : i] + longer[i + 1 : i + 2]
    return 0 if longer[i] in near else 2


class Speller:
    """Corrects words against a vocabulary of single Latin words."""

    def __init__(self, vocabulary: set[str], known: set[str], spelling: dict[str, str]) -> None:
        self.words = sorted(w for w in vocabulary if len(w) >= 3)
        # Where a word is in the vocabulary with and without its accents, the accented one is the word.
        self._folded: dict[str, str] = {}
        for word in sorted(self.words, key=lambda w: fold(w) == w):
            self._folded.setdefault(fold(word), word)
        self.known = set(self.words) | known | {fold(w) for w in known}
        self.plain_known = known | {fold(w) for w in known}
        self.spelling = spelling
        sounds: dict[str, set[str]] = {}
        for folded, word in self._folded.items():
            if len(folded) >= MIN_LENGTH:
                sounds.setdefault(sound_key(folded), set()).add(word)
        self._by_sound = {key: words.pop() for key, words in sounds.items() if len(words) == 1}

    @lru_cache(maxsize=8192)  # noqa: B019 - one speller lives as long as the process
    def word(self, word: str) -> str:
        """The vocabulary word ``word`` stands for, or ``word`` itself."""
        if word in self.spelling:
            return self.spelling[word]
        if self._unaccented(word):
            return self._folded[word]
        if word in self.known or len(word) < MIN_LENGTH - 1:
            return word
        folded = fold(word)
        if folded in self._folded:
            return self._folded[folded]
        if folded.endswith("s") and folded[:-1] in self._folded:
            return self._folded[folded[:-1]] + "s"
        if folded.endswith("es") and folded[:-2] in self._folded:
            return word  # a Spanish plural of a vocabulary word ("atardeceres")
        if (folded + "s") in self._folded or (folded + "es") in self._folded:
            return word
        if len(word) == MIN_LENGTH - 1 and not common(word):
            return self._swapped(folded) or word
        if len(word) < MIN_LENGTH or (word.endswith("s") and word[:-1] in self.known):
            return word
        if (alike := self._sounds_like(folded)) and not common(word):
            return alike
        if not extract(folded, list(self._folded), scorer=OSA.distance, score_cutoff=1, limit=1):
            stem = self.word(word[:-1]) if word.endswith("s") else word[:-1]
            if stem != word[:-1]:
                return stem + "s"
            return self._two_slips(folded) or word
        if common(word):
            return word
        near = extract(folded, list(self._folded), scorer=OSA.distance, score_cutoff=1, limit=5)
        costs: dict[str, int] = {}
        for w, _, _ in near:
            if not _inflection(folded, w):
                target = self._folded[w]
                costs[target] = min(costs.get(target, 2), slip_cost(folded, w))
        return _likeliest(costs) or word

    def _unaccented(self, word: str) -> bool:
        """Whether ``word`` is a vocabulary word written without its accents ("musica", "titulo"), and not a
        word of its own: long enough, no language's ``KNOWN`` word and no common English word ("video")."""
        return (
            len(word) >= MIN_LENGTH
            and self._folded.get(word, word) != word
            and word not in self.plain_known
            and not common(word)
        )

    def _sounds_like(self, word: str) -> str | None:
        """The one vocabulary word ``word`` sounds like ("estreyas" → "estrellas"), plurals included."""
        key = sound_key(word)
        if key in self._by_sound:
            return self._by_sound[key]
        if key.endswith("s") and key[:-1] in self._by_sound:
            return self._by_sound[key[:-1]] + "s"
        return None

    def _swapped(self, word: str) -> str | None:
        """The one vocabulary word a short word is with two neighbouring letters swapped ("trun"), if one."""
        targets = {
            self._folded[w]
            for i in range(len(word) - 1)
            if (w := word[:i] + word[i + 1] + word[i] + word[i + 2 :]) != word and w in self._folded
        }
        return targets.pop() if len(targets) == 1 else None

    def _two_slips(self, word: str) -> str | None:
        """The one vocabulary word a long word is two slips from, if exactly one."""
        if len(word) < TWO_SLIPS or common(word):
            return None
        near = extract(word, list(self._folded), scorer=OSA.distance, score_cutoff=2, limit=3)
        # Same length give or take a letter: a word longer by two is more often a derived word
        # ("subtitulado") than a slip.
        targets = {
            self._folded[w]
            for w, _, _ in near
            if len(w) >= TWO_SLIPS and abs(len(w) - len(word)) <= 1
        }
        return targets.pop() if len(targets) == 1 else None

    def text(self, text: str) -> str:
        """``text`` with every unknown word corrected."""
        return _WORD.sub(lambda m: self.word(m.group(0)), text)


def _sound(katakana: str) -> str:
    """A katakana word without the marks people drop or add when typing it by ear (small vowels, the
    small tsu, long-vowel bars): "スクウェア" and "スクエア", "ミュージク" and "ミュージック" sound alike."""
    return _KANA_MARKS.sub("", katakana)


def _likeliest(costs: dict[str, int]) -> str | None:
    """The target of the likeliest slip, None when two are as likely."""
    if not costs:
        return None
    best = min(costs.values())
    winners = [t for t, c in costs.items() if c == best]
    return winners[0] if len(winners) == 1 else None


class CjkSpeller:
    """Corrects Chinese and Japanese words: slipped characters, kana writings, katakana one edit off."""

    def __init__(
        self,
        slots: set[str],
        vocabulary: set[str],
        known: set[str],
        homophones: dict[str, tuple[str, ...]],
        readings: dict[str, tuple[str, ...]],
        units: frozenset[str] = frozenset(),
        meanings: dict[str, str] | None = None,
    ) -> None:
        # Words with one meaning (沙漠 and 砂漠 both ask for the desert): a form of several of them is no
        # more ambiguous than a form of one.
        meaning = meanings or {}

        def one(words: set[str]) -> bool:
            return len(words) == 1 or len({meaning.get(w, w) for w in words}) == 1

        taken = vocabulary | known
        # Slipped unit words count only right after a number, where nothing else is meant ("10妙").
        slipped_units: dict[str, str] = {}
        for unit in sorted(units, key=len):
            for form in product(*((ch, *homophones.get(ch, ())) for ch in unit)):
                if "".join(form) not in units:
                    slipped_units.setdefault("".join(form), unit)
        self.units = slipped_units
        unit_forms = "|".join(map(re.escape, sorted(slipped_units, key=len, reverse=True)))
        self._units = re.compile(rf"(?<=\d)(\s*)({unit_forms})") if unit_forms else None
        found: dict[str, set[str]] = {}
        lone: dict[str, set[str]] = {}
        for word in slots:
            if not 1 <= len(word) <= MAX_VARIED:
                continue
            into = lone if len(word) == 1 else found
            for form in product(*((ch, *homophones.get(ch, ())) for ch in word)):
                into.setdefault("".join(form), set()).add(word)
            into.pop(word, None)
        for word, writings in readings.items():
            for writing in writings:
                found.setdefault(writing, set()).add(word)
        self.forms = {
            form: min(words)
            for form, words in found.items()
            if one(words) and form not in taken and not any(form in w for w in taken)
        }
        forms = sorted(self.forms, key=len, reverse=True)
        self._forms = re.compile("|".join(map(re.escape, forms))) if forms else None
        # A one-character word's slipped form counts only standing alone: not inside a run of kanji or
        # katakana, and followed by kana, punctuation or the end ("膿の夕焼け", "森に行きが降る").
        self.lone = {
            form: min(words)
            for form, words in lone.items()
            if one(words) and form not in taken and form not in self.forms
        }
        written = sorted(self.lone, key=len, reverse=True)
        lone_forms = "|".join(map(re.escape, (f for f in written if not _HIRAGANA.fullmatch(f))))
        self._lone = (
            re.compile(rf"(?<![{_KANJI}{_KATA}])({lone_forms})(?=[\u3040-\u309f]|[^\w]|$)")
            if lone_forms
            else None
        )
        # In hiragana, only between particles or marks: "夜明けのもりに", never "つもり" or "もりあがる".
        kana_forms = "|".join(map(re.escape, (f for f in written if _HIRAGANA.fullmatch(f))))
        joins = re.escape("".join(lang.words("PARTICLES")))
        self._kana = (
            re.compile(rf"(?:(?<=[{joins}])|(?<![\w]))({kana_forms})(?=[{joins}]|[^\w]|$)")
            if kana_forms and joins
            else None
        )
        self.katakana = sorted(w for w in vocabulary if _KATAKANA.fullmatch(w))
        self._sounds: dict[str, str] = {}
        for word in self.katakana:
            self._sounds.setdefault(_sound(word), word)

    @lru_cache(maxsize=4096)  # noqa: B019 - one speller lives as long as the process
    def _katakana(self, run: str) -> str:
        if len(_sound(run)) < KATAKANA_SOUNDS or any(w in run for w in self.katakana):
            return run
        near = extract(
            _sound(run), list(self._sounds), scorer=OSA.distance, score_cutoff=1, limit=2
        )
        return self._sounds[near[0][0]] if len(near) == 1 else run

    def text(self, text: str) -> str:
        """``text`` with slipped forms read as the vocabulary words they stand for."""
        if not _CJK.search(text):
            return text
        if self._forms is not None:
            text = self._forms.sub(lambda m: self.forms[m.group(0)], text)
        if self._lone is not None:
            text = self._lone.sub(lambda m: self.lone[m.group(1)], text)
        if self._kana is not None:
            text = self._kana.sub(lambda m: self.lone[m.group(1)], text)
        return _KATAKANA.sub(self._run, text)

    def numbered(self, text: str) -> str:
        """``text`` with a slipped unit word right after a number read as the unit ("10妙" → "10秒")."""
        if self._units is None or not _CJK.search(text):
            return text
        return self._units.sub(lambda m: m.group(1) + self.units[m.group(2)], text)

    def _run(self, m: re.Match[str]) -> str:
        """A katakana run corrected, unless it is part of a name written with a middle dot."""
        text, start, end = m.string, m.start(), m.end()
        if text[start - 1 : start] in _NAME_DOTS or text[end : end + 1] in _NAME_DOTS:
            return m.group(0)
        return self._katakana(m.group(0))


def build(vocabulary_words: tuple[str, ...]) -> Speller:
    """A speller for the single words in ``vocabulary_words`` plus every language's own words."""
    singles = {w for w in vocabulary_words if _WORD.fullmatch(w)}
    for phrase in vocabulary_words:
        singles.update(p for p in phrase.split() if _WORD.fullmatch(p))
    return Speller(singles, set(lang.words("KNOWN")), lang.spelling())


def build_cjk(
    slot_words: tuple[str, ...],
    vocabulary_words: tuple[str, ...],
    meanings: dict[str, str] | None = None,
) -> CjkSpeller:
    """A speller for the Chinese and Japanese words of the slots (places, times, aspects, music…) among
    ``vocabulary_words``; no slipped form is a word of ``vocabulary_words`` or a language's ``KNOWN``."""
    cjk = {w for w in vocabulary_words if _CJK.search(w)}
    slots = {w for w in slot_words if _CJK.search(w)}
    known = {w for w in lang.words("KNOWN") if _CJK.search(w)}
    units = {
        w
        for name in ("SECOND_UNITS", "MINUTE_UNITS")
        for src in lang.sources(name)
        for w in src.split("|")
        if _CJK.search(w)
    }
    # A character two languages list (雨 in Chinese and Japanese) slips to the forms of both.
    homophones: dict[str, tuple[str, ...]] = {}
    for ch, forms in lang.table("HOMOPHONES"):
        homophones[ch] = (*homophones.get(ch, ()), *forms)
    readings: dict[str, tuple[str, ...]] = {}
    for word, writings in lang.table("READINGS"):
        readings[word] = (*readings.get(word, ()), *writings)
    return CjkSpeller(slots, cjk, known, homophones, readings, frozenset(units), meanings)
