"""Arabic normalisation keys for matching and search; the stored text is never changed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
TANWEEN = frozenset(map(chr, range(0x064B, 0x064E)))  # the three nunation marks: a word written indefinite
_LEXICON_DIR = Path(__file__).resolve().parents[1] / "lexicon"  # read directly: marsad.lexicon imports this module


def _data_rows(name: str) -> list[list[str]]:
    lines = (_LEXICON_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


_LETTER_MAP = str.maketrans({a: b for a, b in _data_rows("orthography.tsv")})
# «عبد الله» and «عبدالله», «أبو الغيط» and «أبوالغيط» share a key: these heads fuse with a following article
_FUSING_HEADS = [r[0].translate(_LETTER_MAP) for r in _data_rows("fusing_name_heads.txt")]
_ARTICLE = next(r[1] for r in _data_rows("clitics.tsv") if r[0] == "article")
_JOIN_ABD = re.compile(rf"\b({'|'.join(_FUSING_HEADS)})\s+(?={_ARTICLE})")
FUSING_PAIRS = tuple(f"{h} {_ARTICLE}" for h in _FUSING_HEADS)
FUSING_HEADS = frozenset(_FUSING_HEADS)  # normalised name heads that fuse with a following article
_PUNCT = re.compile(r"[\"'«»“”()\[\]،,.:;؛/\\|\-–—_]+")
TATWEEL = chr(0x0640)  # the kashida that stretches a word («لـ»)
ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")


def norm_char_key(s: str) -> str:
    """Return `s` without diacritics and tatweel, with one alef, ى→ي, ة→ه and Latin digits.

    The mapping is per character, so the result keeps word boundaries; use `name_key`
    to compare names.
    """
    return DIACRITICS.sub("", s).translate(_LETTER_MAP)


CACHED_KEY_CHARS = 64  # longer strings (lines, whole articles) are keyed once: caching them only grows memory


def name_key(s: str) -> str:
    """Return the comparison key of a name: `norm_char_key`, no punctuation, «عبد ال…» joined."""
    if not s:
        return ""
    return _name_key(s) if len(s) <= CACHED_KEY_CHARS else _uncached_name_key(s)


@lru_cache(maxsize=65536)  # names and words recur across an article's candidates and across articles
def _name_key(s: str) -> str:
    return _uncached_name_key(s)


def _uncached_name_key(s: str) -> str:
    s = norm_char_key(unicodedata.normalize("NFKC", s))
    s = _PUNCT.sub(" ", s)
    s = _JOIN_ABD.sub(r"\1", s)
    return " ".join(s.split())


def join_keys(keys: list[str]) -> str:
    """Return the `name_key` of a phrase given its tokens' `norm_char_key`s (fast path for lookups)."""
    s = " ".join(keys)
    if any(pair in s for pair in FUSING_PAIRS):
        s = _JOIN_ABD.sub(r"\1", s)
    return s


_FUSING_TAILS = tuple(_FUSING_HEADS)


def phrase_heads(phrases: Iterable[str]) -> frozenset[str]:
    """Return the first words of the phrases of two words or more among name keys.

    `join_keys([w, *rest])` can be one of the phrases only when `w` is among them or `fuses`."""
    return frozenset(p.split(" ", 1)[0] for p in phrases if " " in p)


def fuses(word: str) -> bool:
    """Return whether `join_keys` may fuse the word with a next word in «ال» (it ends with a fusing head)."""
    return word.endswith(_FUSING_TAILS)


def arabic_ratio(s: str) -> float:
    """Return the share of letters in `s` that are Arabic (0.0 when there are no letters)."""
    letters = sum(1 for c in s if c.isalpha())
    if not letters:
        return 0.0
    return len(ARABIC_LETTER.findall(s)) / letters


@dataclass(slots=True)
class NormView:
    """A normalised view of a text with a map back to the original offsets.

    `key[i]` came from `text[offsets[i]]`; diacritics and tatweel are dropped from the view.
    """

    text: str
    key: str
    offsets: list[int]

    @classmethod
    def of(cls, text: str) -> NormView:
        """Return the view of `text`."""
        # the letter map is per character, so mapping the text without its marks at once gives the same key
        dropped = {m.start() for m in DIACRITICS.finditer(text)}
        offsets = [i for i in range(len(text)) if i not in dropped] if dropped else list(range(len(text)))
        return cls(text, norm_char_key(text), offsets)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Return the original (start, end) of the view's [start, end)."""
        if start >= len(self.offsets):
            return len(self.text), len(self.text)
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        while o_end < len(self.text) and DIACRITICS.match(self.text[o_end]):
            o_end += 1
        return o_start, o_end

    def find_all(self, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
        """Return (start, end, original text) of each match of `pattern` on the view."""
        out = []
        for m in pattern.finditer(self.key):
            s, e = self.to_original(m.start(), m.end())
            out.append((s, e, self.text[s:e]))
        return out
