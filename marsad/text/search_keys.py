"""Search keys: the one transform that turns text into full-text search terms, for indexing and for queries.

Each word becomes the set of keys of its readings (`Morphology.readings`: the word itself and the
word without a conjunction, a preposition or both), each key with one alef, ya for alef maqsura,
ha for ta marbuta (`norm_char_key`) and without the article. «الجبيرى» and «والجبيري» both give
«جبيري»; «وزير» gives «وزير» and «زير», «الوزير» gives «وزير»: a query matches when one of its keys is
among the text's. A fusing name head before a word with the article is joined to it, as name keys
join them («عبد الله» and «عبدالله» both give «عبدالله»). Latin words are lower-cased.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.lexicon import default_lexicon
from marsad.text.morphology import Morphology
from marsad.text.normalize import ARABIC_LETTER, FUSING_HEADS, norm_char_key
from marsad.text.segment import TOKEN_RE

MIN_BARE = 2  # letters a word keeps after its article is dropped («الله» → «له»; «الى» stays)


@dataclass(frozen=True, slots=True)
class SearchTerm:
    """One searchable word (or a joined name head and word) at [start, end) of the text, with its keys."""

    start: int
    end: int
    keys: tuple[str, ...]


@cache
def _morphology() -> Morphology:
    return Morphology(default_lexicon())


@lru_cache(maxsize=1 << 15)  # words recur across sentences and articles (bounded: memory stays flat)
def word_keys(key: str) -> tuple[str, ...]:
    """Return the search keys of one normalised word (`norm_char_key`): its readings' stems without the article."""
    if not ARABIC_LETTER.search(key):
        return (_latin(key),)
    morph = _morphology()
    art = morph.article
    out: dict[str, None] = {}
    for r in morph.readings(key):
        stem = r.stem
        if stem.startswith(art) and len(stem) - len(art) >= MIN_BARE:
            stem = stem[len(art):]
        out[stem] = None
    return tuple(out)


def _latin(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 15)
def _is_head(key: str) -> bool:
    return any(r.stem in FUSING_HEADS for r in _morphology().readings(key))


_key = lru_cache(maxsize=1 << 15)(norm_char_key)


def search_terms(text: str, start: int = 0, end: int | None = None) -> list[SearchTerm]:
    """Return the search terms of text[start:end] with absolute offsets, in order (punctuation left out).

    Words are the tokens of `marsad.text.segment` (the pipeline's tokeniser).
    """
    end = len(text) if end is None else end
    words = [(m.start(), m.end(), k) for m in TOKEN_RE.finditer(text, start, end)
             if (k := _key(m.group()))[:1].isalnum()]
    art = _morphology().article
    out: list[SearchTerm] = []
    i = 0
    while i < len(words):
        a, b, key = words[i]
        if i + 1 < len(words):
            a2, b2, key2 = words[i + 1]
            if key2.startswith(art) and _is_head(key) and not text[b:a2].strip():
                out.append(SearchTerm(a, b2, word_keys(key + key2)))
                i += 2
                continue
        out.append(SearchTerm(a, b, word_keys(key)))
        i += 1
    return out


def index_terms(terms: list[SearchTerm]) -> str:
    """Return the keys of the terms as one space-separated string, with a space at each end (the stored form)."""
    return " " + " ".join(k for t in terms for k in t.keys) + " "
