"""Phrase tables over token keys: the lexicon's multi-word names and the matcher every table shares.

`PhraseTable` finds the longest phrase of a table starting at each token (a proclitic on its first
word allowed, read by the caller's `variants`); the NER model's frozen gazetteer
(`marsad.ner.gazetteer.Gazetteer`) and the entity rules' live `PhraseMatcher` both use it. Lexicon
classes: CTRY, CITY, ORGN (a whole organisation name), ORGH (an organisation head word), FN (given
name), NIS (nisba), TTL-<kind> (title).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from marsad.lexicon import Lexicon
from marsad.model import Sentence
from marsad.text.morphology import Morphology
from marsad.text.normalize import FUSING_PAIRS, join_keys

MAX_PHRASE = 5
Table = dict[str, frozenset[str]]
LexSpans = list[tuple[int, int, frozenset[str]]]


def lexicon_classes(lexicon: Lexicon) -> list[tuple[str, str]]:
    """Return (phrase key, class) for every given name, place, nisba, title and organisation of a lexicon."""
    rows = [(k, "FN") for k in lexicon.first_names]
    rows += [(k, "CTRY" if p.kind == "country" else "CITY") for k, p in lexicon.places.items()]
    rows += [(k, "NIS") for k in lexicon.nisbas]
    rows += [(k, f"TTL-{kind}") for k, kind in lexicon.titles.items()]
    rows += [(k, "ORGH" if o.kind == "head" else "ORGN") for k, o in lexicon.organisations.items()]
    return [(k, c) for k, c in rows if k]


def table_of(rows: list[tuple[str, str]]) -> Table:
    """Return the phrase → classes table of (key, class) rows."""
    table: dict[str, set[str]] = {}
    for k, c in rows:
        table.setdefault(k, set()).add(c)
    return {k: frozenset(v) for k, v in table.items()}


class PhraseTable:
    """A phrase → classes table and the matcher of its phrases in token keys (thread-safe).

    `variants(key)` returns the readings of a word as a phrase's first word: itself, then the word
    without a proclitic («ووزارة», «لليبيا»). With `longest_only`, one phrase per starting token;
    otherwise every length that is a phrase (the NER features read them all).
    """

    def __init__(self, table: Table, variants: Callable[[str], tuple[str, ...]], longest_only: bool = False) -> None:
        self.table = table
        self.longest_only = longest_only
        self.max_len = self._max_phrase_by_first_word(table)
        self.classes = tuple(sorted({c for cs in table.values() for c in cs}))
        self._variants = variants
        # functools' cache is safe to share between threads; the cached function is pure
        self._start_info = lru_cache(maxsize=65536)(self._start_info_of)

    @staticmethod
    def _max_phrase_by_first_word(table: Table) -> dict[str, int]:
        out: dict[str, int] = {}
        for k in table:
            first = k.split()[0]
            for pair in FUSING_PAIRS:  # «عبدالله …» is also written «عبد الله …»: two tokens
                if first.startswith(pair.replace(" ", "")):
                    out[pair.split()[0]] = MAX_PHRASE
            out[first] = max(out.get(first, 1), len(k.split()))
        return out

    def _start_info_of(self, key: str) -> tuple[bool, tuple[str, ...], int]:
        """Return whether a key has a letter or digit, its readings as a phrase's first word, and
        the longest phrase (in words) any reading can start (0: none)."""
        if not any(c.isalnum() for c in key):
            return False, (), 0
        variants = self._variants(key)
        return True, variants, max(self.max_len.get(v, 0) for v in variants)

    def match(self, keys: list[str]) -> LexSpans:
        """Return (first token, end token, classes) of the longest phrase of the table at each token."""
        table, max_len = self.table, self.max_len
        out = []
        n = len(keys)
        info = [self._start_info(k) for k in keys]
        for i in range(n):
            _, first_variants, cap = info[i]
            if cap == 0:
                continue
            longest = 1
            while longest < cap and i + longest < n and info[i + longest][0]:
                longest += 1
            for length in range(longest, 0, -1):
                tail = keys[i + 1:i + length]
                for first in first_variants:
                    if length > max_len.get(first, 0):
                        continue
                    hit = table.get(join_keys([first, *tail]))
                    if hit:
                        out.append((i, i + length, hit))
                        break
                else:
                    continue
                if self.longest_only:
                    break
        return out


class PhraseMatcher(PhraseTable):
    """The live lexicon's phrases, a proclitic read by the morphology; built once per Lexicon."""

    def __init__(self, lexicon: Lexicon, morph: Morphology) -> None:
        super().__init__(table_of(lexicon_classes(lexicon)),
                         lambda key: tuple(stem for _, stem in morph.stems(key)[:2]), longest_only=True)

    def annotate(self, sentences: list[Sentence]) -> None:
        """Set each sentence's `phrases`."""
        for s in sentences:
            s.phrases = self.match([t.key for t in s.tokens])
