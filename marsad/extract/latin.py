"""Latin forms of person names, for English readers.

A name is looked up whole in the hand-written table `latin_names.tsv` (usual English spellings of world
figures: «كيري» → Kerry) and the compiled one `latin_names_wiki.tsv` (famous people as Wikipedia writes them).
Otherwise its words are judged (`latin_origin`):

- an Arab name (no transcribed foreign word) goes to arabic-name-romanizer: its dictionary of attested spellings,
  then its rules, with the hand table as user dictionary and the person's country as a hint (Maghreb and
  Mashriq spell differently: Chahed, not Shahed); the neural fallback is off (~10 ms a name for little gain);
- a name with a foreign word takes the romanizer dictionary's spelling of the whole name where it has the name's
  consonants; otherwise it is spelled word by word: the hand table, the romanizer for plainly Arabic words,
  the compiled table, the romanizer's dictionary for words some Arabs bear; a foreign word none of them knows
  is snapped to the Latin word of European text it could transcribe (`latin_words`: Papadopoulos, not
  Babadobolos; in the language of the person's country, else of the name's other words), else the romanizer's
  dictionary where its spelling has the word's consonants, else the European spelling rules of `latin_spelling`
  (long vowels as vowels, no inserted «a»: Wilson, Manga).

A regnal number after a name is a Roman numeral («عبد الله الثاني» → Abdullah II). The romanizer holds one
SQLite connection and is not documented as thread-safe, so its calls are serialised by a lock; results are
cached per name and country, so a corpus pays once a name.
"""

from __future__ import annotations

import threading
from functools import cached_property, lru_cache
from pathlib import Path

from arabic_name_romanizer.normalize import full_key, has_arabic, lookup_key, normalize_arabic, split_units

from marsad.extract.latin_origin import ARAB_COUNT, COMPILED_ARAB_COUNT, OriginJudge, read_signs
from marsad.extract.latin_spelling import ForeignSpeller, consistent
from marsad.extract.latin_words import LANGUAGES, AttestedSpeller, read_outline_table, read_words
from marsad.lexicon import LEXICON_DIR, Lexicon

_LOCK = threading.Lock()
# states whose names the romanizer spells better with the country as a hint (French-style Maghreb spellings,
# Persian-script rows, Lebanese usage: Chahed, Ghasemi, Walid Jumblatt); elsewhere the hint did harm on 1,518
# names of 800 ANT articles (Saudi «محمد» became Muhammad, Hosni Mubarak Hosny), so it is not given
SUFFIX = "+"  # a table spelling that opens with it is written joined to the word before («أوغلو» → +oglu)
REGIONAL_SPELLING = frozenset(["DZ", "MA", "TN", "MR", "LB", "IR", "AF", "PK"])


def _table(rows: list[list[str]]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Return the whole-name entries, the one-word entries and the words of whole names of a Latin table.

    Keys are the romanizer's; the third table pairs the words of whole-name rows with as many words.
    """
    full: dict[str, str] = {}
    words: dict[str, str] = {}
    parts: dict[str, str] = {}
    for r in rows:
        if len(r) < 2 or not r[1]:
            continue
        arabic, english = r[0].split(), r[1].split()
        full.setdefault(full_key(r[0]), r[1])
        if len(arabic) == 1:
            words.setdefault(lookup_key(r[0]), r[1])
        elif len(arabic) == len(english):
            for a, e in zip(arabic, english, strict=True):
                parts.setdefault(lookup_key(a), e)
    return full, words, parts


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


class Romanizer:
    """Latin names from one lexicon directory: tables, origin signs and spelling rules."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.hand_rows = [r for r in lexicon.rows("latin_names.tsv") if len(r) >= 2]
        self.hand_full, self.hand_words, self.hand_parts = _table(self.hand_rows)
        self.wiki_full, self.wiki_words, _ = _table(lexicon.rows("latin_names_wiki.tsv"))
        foreign_words = {lookup_key(r[0]) for r in self.hand_rows
                         if len(r[0].split()) == 1 and (len(r) < 3 or r[2] != "ar")}
        self.regnal = {lookup_key(r[0]): r[1] for r in lexicon.rows("regnal_numbers.tsv") if len(r) >= 2}
        self.speller = ForeignSpeller(lexicon.rows("foreign_spelling.tsv"))
        article = next(r[1] for r in lexicon.rows("clitics.tsv") if r[0] == "article")
        arab = {lookup_key(r[0]) for name in ("first_names.txt", "name_particles.txt") for r in lexicon.rows(name)}
        self.judge = OriginJudge(read_signs(lexicon.rows("foreign_name_signs.tsv")), frozenset(arab),
                                 article, frozenset(foreign_words), frozenset(self.wiki_words),
                                 self._arab_count)

    @cached_property
    def attested(self) -> AttestedSpeller:
        """The Latin words of European text a foreign name word may be snapped to (built on first use)."""
        return AttestedSpeller(read_words(self.lexicon.rows("latin_words.tsv")),
                               read_outline_table(self.lexicon.rows("foreign_outlines.tsv")))

    @cached_property
    def languages(self) -> dict[str, int]:
        """The language (index into `latin_words.LANGUAGES`) of each country's names."""
        return {r[0]: LANGUAGES.index(r[1]) for r in self.lexicon.rows("country_languages.tsv")
                if len(r) >= 2 and r[1] in LANGUAGES}

    @cached_property
    def _transliterator(self):
        from arabic_name_romanizer import Transliterator
        from arabic_name_romanizer.lookup import UserDictionary

        class Table(UserDictionary):
            """Whole names from every row; single words only from one-word rows, so that «محمد جواد ظريف» → Zarif
            does not respell every «محمد»."""

            def __init__(self, rows: list[list[str]]) -> None:
                super().__init__()
                self.words = UserDictionary()
                for r in rows:
                    self.add(r[0], r[1])
                    if len(r[0].split()) == 1:
                        self.words.add(r[0], r[1])

            def lookup_unit(self, key, country=None, role=None, script="arabic"):
                return self.words.lookup_unit(key, country, role, script)

        return Transliterator(auto_load_model=False, user_dictionary=Table(self.hand_rows))

    # -- the romanizer's dictionary ---------------------------------------------------------------------------
    def _arab_count(self, key: str) -> int:
        index = self._transliterator.index
        return sum(v.count for v in index.lookup_unit(key)) if index else 0

    def _attested(self, word: str) -> str | None:
        """The romanizer dictionary's most frequent spelling of `word` that has its consonants, if any."""
        index = self._transliterator.index
        if index is None:
            return None
        letters = self.speller.letters(word)
        return next((v.latin for v in index.lookup_unit(lookup_key(word)) if consistent(letters, v.latin)), None)

    def _attested_name(self, norm: str) -> str | None:
        """The romanizer dictionary's spelling of a whole name, if it has the name's consonants («سوزان الحاج»)."""
        index = self._transliterator.index
        if index is None:
            return None
        letters = "".join(self.speller.letters(w) for w in norm.split())
        return next((v.latin for v in index.lookup_full(full_key(norm))
                     if consistent(letters, v.latin.replace(" ", ""))), None)

    def _arabic(self, text: str, country: str | None) -> str:
        return self._transliterator.transliterate(text, country=country) or ""

    # -- names ------------------------------------------------------------------------------------------------
    def latin(self, name: str, country: str | None = None) -> str | None:
        """Return the Latin form of a person name, or None if it cannot be made."""
        norm = normalize_arabic(name)
        language = self.languages.get(country or "")
        given = country
        country = country if country in REGIONAL_SPELLING else None
        if not has_arabic(norm):
            return name.strip() or None
        key = full_key(norm)
        if key in self.hand_full:
            return self.hand_full[key]
        tokens = norm.split()
        if len(tokens) >= 2 and lookup_key(tokens[-1]) in self.regnal:
            head = self.latin(" ".join(tokens[:-1]), given)
            return f"{head} {self.regnal[lookup_key(tokens[-1])]}" if head else None
        if key in self.wiki_full:
            return self.wiki_full[key]
        if not self.judge.foreign_name(tokens):
            return self._arabic(norm, country) or None
        whole = self._attested_name(norm)
        if whole:
            return whole
        units = split_units(norm)
        in_name = self._units_in_name(norm, len(units), country)
        fixed = [self._word(unit, arabic, country) for unit, arabic in zip(units, in_name, strict=True)]
        open_ = [n for n, w in enumerate(fixed) if w is None and self.speller.letters(units[n])]
        chosen = self.attested.choose([(units[n], self.speller.letters(units[n])) for n in open_], language,
                                      [w for w in fixed if w and " " not in w])
        for n, word in zip(open_, chosen, strict=True):
            fixed[n] = _capital(word) if word else self._attested(units[n]) or self.speller.spell(units[n])
        fixed = [w if w is not None else self.speller.spell(u) for w, u in zip(fixed, units, strict=True)]
        words: list[str] = []
        for word in fixed:
            if word.startswith(SUFFIX) and words:  # «جاويش أوغلو» → Chawishoglu
                words[-1] += word[len(SUFFIX):]
            elif word:
                words.append(word.lstrip(SUFFIX))
        if not words:
            return None
        return " ".join([_capital(words[0]), *words[1:]])

    def _units_in_name(self, norm: str, n: int, country: str | None) -> list[str | None]:
        """The romanizer's spelling of each unit read inside the whole name (a surname is looked up as one:
        «سوزان الحاج» → Hajj, where «الحاج» alone is Alhadj), or None for each when it cannot tell them apart."""
        cands = self._transliterator.transliterate(norm, top_k=2, country=country)
        if cands and len(cands[0].units) == n:
            return [u.latin for u in cands[0].units]
        return [None] * n

    def _word(self, unit: str, arabic: str | None, country: str | None) -> str | None:
        """The Latin of one name unit of a name that has a foreign word, from the tables or the romanizer; None for
        a foreign word they do not know. `arabic` is the romanizer's reading of the unit inside the name."""
        if " " in unit:  # a particle and its word («بن علي», «عبد الله»): Arabic
            return arabic or self._arabic(unit, country)
        key = lookup_key(unit)
        if key in self.hand_words:
            return self.hand_words[key]
        if self.judge.arabic(unit):
            return arabic or self._arabic(unit, country)
        if self._arab_count(key) >= ARAB_COUNT:
            return self._attested(unit) or arabic or self._arabic(unit, country)
        if key in self.hand_parts:
            return self.hand_parts[key]
        if key in self.wiki_words:
            return self.wiki_words[key]
        if self._arab_count(key) >= COMPILED_ARAB_COUNT:  # some Arabs bear it: their spelling, as before
            return self._attested(unit) or self.speller.spell(unit)
        return None


@lru_cache(maxsize=8)
def romanizer_for(directory: Path = LEXICON_DIR) -> Romanizer:
    """Return the Romanizer of a lexicon directory (built once)."""
    return Romanizer(Lexicon(directory))


@lru_cache(maxsize=65536)  # about half a millisecond a name; names recur across a corpus
def romanize(name: str, country: str | None = None, directory: Path = LEXICON_DIR) -> str | None:
    """Return the Latin form of a person name (offline), or None if it cannot be made.

    `country` (ISO 3166 alpha-2), when known, picks the regional spelling of an Arab name.
    """
    try:
        with _LOCK:
            return romanizer_for(directory).latin(name, country)
    except Exception:  # the Latin name is optional polish; a failure must not lose the entity
        return None
