"""Which words of a person's name are transcribed foreign names, and which are Arabic.

A word is Arabic when it carries the article, is a name particle («بن», «أبو», «عبد») or a common Arabic given
name (lexicon `first_names.txt`), unless the hand-written Latin table holds it as a foreign word («الكسندر»,
Alexander written with a bare alef). It is foreign when it is not Arabic and shows a sign that Arabic names rarely
have (lexicon `foreign_name_signs.tsv`: letters such as «گ پ», groups such as «تش», endings such as «-وف»,
«-سكي», «-سون»), or is a foreign name word of the Latin tables (the hand-written one always; the compiled one
for words of four letters or more that the romanizer's dictionary of Arab people hardly knows). Other words are
undecided: they follow the rest of their name. A name none of whose words is Arabic or well known to that
dictionary, and one of them unknown to it, is foreign as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from arabic_name_romanizer.normalize import lookup_key, normalize_arabic

# a word the romanizer's dictionary of Arab people holds this often is an Arab name first, even if some famous
# foreigner bears it too («حيدر», «جاد»); measured counts: «ريتشارد» 6, «جونسون» 4, «عصام» 213, «ياسر» 170
ARAB_COUNT = 20
COMPILED_MIN_LEN = 4
COMPILED_ARAB_COUNT = 3


@dataclass(frozen=True, slots=True)
class Sign:
    """One spelling that marks a foreign word: where it must stand and the shortest word it counts in."""

    kind: str  # letter, contains, start, end
    letters: str
    min_len: int

    def found_in(self, word: str) -> bool:
        """Return True when `word` shows this sign."""
        if len(word) < self.min_len:
            return False
        if self.kind == "start":
            return word.startswith(self.letters)
        if self.kind == "end":
            return word.endswith(self.letters)
        return self.letters in word


class OriginJudge:
    """Tell transcribed foreign name words from Arabic ones."""

    def __init__(self, signs: list[Sign], arab_words: frozenset[str], article: str,
                 table_words: frozenset[str], compiled_words: frozenset[str],
                 arab_count: Callable[[str], int]) -> None:
        self.signs = signs
        self.arab_words = arab_words  # lookup keys of particles and common Arabic given names
        self.article = article
        self.table_words = table_words
        self.compiled_words = compiled_words
        self.arab_count = arab_count

    def arabic(self, word: str) -> bool:
        """Return True when `word` is plainly Arabic: the article, a name particle, a common Arabic given name."""
        key = lookup_key(word)
        plain = normalize_arabic(word)  # «ألكانتارا» does not open with the article
        if plain.startswith(self.article) and len(plain) > len(self.article) + 1:
            return key not in self.table_words  # «الكسندر» is Alexander, a table word
        return key in self.arab_words

    def foreign(self, word: str) -> bool:
        """Return True when `word` is a transcribed foreign name word."""
        if self.arabic(word):
            return False
        key = lookup_key(word)
        if key in self.table_words:
            return True
        if any(s.found_in(word) for s in self.signs):
            return self.arab_count(key) < ARAB_COUNT
        # a famous foreigner's word is weaker evidence: short words and words some Arabs bear stay undecided
        # («سري», «شيخ»: both in the compiled table, 15 and 6 Arab people in the dictionary)
        return (key in self.compiled_words and len(key) >= COMPILED_MIN_LEN
                and self.arab_count(key) < COMPILED_ARAB_COUNT)


    def foreign_name(self, words: list[str]) -> bool:
        """Return True when a name is to be spelled as a foreign one: a word of it is foreign, or it has two words
        or more, none plainly Arabic, none well known to the dictionary of Arab people and one unknown to it
        («لاسي شوني»: most words of Arab names are in that dictionary)."""
        if any(self.foreign(w) for w in words):
            return True
        if len(words) < 2 or any(self.arabic(w) for w in words):
            return False
        counts = [self.arab_count(lookup_key(w)) for w in words]
        return max(counts) < ARAB_COUNT and min(counts) == 0


def read_signs(rows: list[list[str]]) -> list[Sign]:
    """Return the signs of the lexicon table `foreign_name_signs.tsv`."""
    return [Sign(r[0], r[1], int(r[2]) if len(r) > 2 and r[2] else 1) for r in rows if len(r) >= 2]
