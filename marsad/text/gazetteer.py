"""Lexicon phrases in a sentence: countries, cities, organisations, titles, given names, nisbas.

The longest phrase of the lexicon starting at each token is found (a proclitic on its first word
allowed: «ووزارة», «لليبيا»), with its classes: CTRY, CITY, ORGN (a whole organisation name),
ORGH (an organisation head word), FN (given name), NIS (nisba), TTL-<kind> (title).
"""

from __future__ import annotations

from marsad.lexicon import Lexicon
from marsad.model import Sentence
from marsad.text.morphology import Morphology
from marsad.text.normalize import FUSING_PAIRS, join_keys

MAX_PHRASE = 5


class PhraseMatcher:
    """Finds lexicon phrases in token keys; built once per Lexicon, thread-safe."""

    def __init__(self, lexicon: Lexicon, morph: Morphology) -> None:
        self.morph = morph
        table: dict[str, set[str]] = {}

        def add(key: str, cls: str) -> None:
            if key:
                table.setdefault(key, set()).add(cls)

        for k in lexicon.first_names:
            add(k, "FN")
        for k, p in lexicon.places.items():
            add(k, "CTRY" if p.kind == "country" else "CITY")
        for k in lexicon.nisbas:
            add(k, "NIS")
        for k, kind in lexicon.titles.items():
            add(k, f"TTL-{kind}")
        for k, o in lexicon.organisations.items():
            add(k, "ORGH" if o.kind == "head" else "ORGN")
        self.table = {k: frozenset(v) for k, v in table.items()}
        longest: dict[str, int] = {}
        for k in self.table:
            words = k.split()
            longest[words[0]] = max(longest.get(words[0], 1), min(len(words), MAX_PHRASE))
            for pair in FUSING_PAIRS:  # «عبدالله …» is also written «عبد الله …»: two tokens
                if words[0].startswith(pair.replace(" ", "")):
                    longest[pair.split()[0]] = MAX_PHRASE
        self.longest = longest

    def match(self, keys: list[str]) -> list[tuple[int, int, frozenset[str]]]:
        """Return (first token, end token, classes) of the longest lexicon phrase at each token."""
        out = []
        n = len(keys)
        for i in range(n):
            starts = [(stem, self.longest[stem]) for _, stem in self.morph.stems(keys[i])[:2]
                      if stem in self.longest]
            if not starts:
                continue
            cap = max(c for _, c in starts)
            for length in range(min(cap, n - i), 0, -1):
                tail = keys[i + 1:i + length]
                hit = next((self.table.get(join_keys([first, *tail])) for first, c in starts if length <= c
                            and self.table.get(join_keys([first, *tail]))), None)
                if hit:
                    out.append((i, i + length, hit))
                    break
        return out

    def annotate(self, sentences: list[Sentence]) -> None:
        """Set each sentence's `phrases`."""
        for s in sentences:
            s.phrases = self.match([t.key for t in s.tokens])
