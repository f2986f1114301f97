"""One reading of every word: its clitics and stem, and what the lexicon knows of them.

A token such as «وللوزير» is read once as proclitics «و» + «ل» and the stem «الوزير» (the article
restored after «ل»); every later stage asks these readings instead of stripping letters itself.
The rule: a conjunction (و ف), then a preposition (ب ل) or comparison (ك), may be split off
when the stem keeps three letters, or when it is a known function word («ولم», «فقد»).
All letters come from the lexicon's clitics table. Results are cached per word, per Morphology.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.lexicon import Lexicon
from marsad.model import Reading, Token

MIN_STEM = 3  # letters a stem keeps after a clitic is split off, unless it is a function word
FOREIGN_STEM_MIN = 4  # a shorter foreign name word after «و»/«ف» is too often a word («فإن», «وأنا»)
CACHE = 1 << 15  # words each cache keeps, those that recur (at 131,072 an archive's ingest grew to 1.1 GB)


class Morphology:
    """Word readings and lexicon classes over one Lexicon; thread-safe, cached per distinct word."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        c = lexicon.clitics
        self.conjunctions: tuple[str, ...] = c["conjunction"]
        self.list_conjunctions: tuple[str, ...] = c.get("list_conjunction", ())
        self.prepositions: tuple[str, ...] = c["preposition"]
        self.comparisons: tuple[str, ...] = c.get("comparison", ())
        self.article: str = c["article"][0]
        self.future: tuple[str, ...] = c.get("future", ())
        self.imperfect_third: tuple[str, ...] = c.get("imperfect_third", ())
        self.imperfect_first: tuple[str, ...] = c.get("imperfect_first", ())
        self.pronouns: tuple[str, ...] = tuple(sorted(c.get("pronoun", ()), key=len, reverse=True))
        self._lam = self.article[1:]  # «ل» before «ال» drops the alef: «لل»
        self._proclitics = self.conjunctions + self.prepositions + self.comparisons
        self._second = self.prepositions + self.comparisons
        self.readings = lru_cache(maxsize=CACHE)(self._readings)
        self.stems = lru_cache(maxsize=CACHE)(self._stems)
        self.bare = lru_cache(maxsize=CACHE)(self.bare)
        self.nisba_of = lru_cache(maxsize=CACHE)(self._nisba_of)
        self.country_of = lru_cache(maxsize=CACHE)(self._country_of)
        self.classes = lru_cache(maxsize=CACHE)(self._classes)
        self.heads_organisation = lru_cache(maxsize=CACHE)(self.heads_organisation)
        self._title_readings = lru_cache(maxsize=CACHE)(self._title_readings_of)

    def _title_readings_of(self, key: str) -> tuple[tuple[int, str], ...]:
        if not key:
            return ()
        firsts = self.lexicon.title_first_words
        readings = [(0, key)] if key in firsts else []
        for r in self.readings(key)[1:]:
            # «ورئيس», «بنائب», «للرئيس» (the article restored), «وللوزير»: not «كالرئيس»
            if r.stem in firsts and all(c in self.conjunctions + self.prepositions for c in r.proclitics) \
                    and (r.cut, r.stem) not in readings:
                readings.append((r.cut, r.stem))
        return tuple(readings)

    # -- readings ---------------------------------------------------------------------------
    def _split(self, key: str, clitic: str) -> str | None:
        """Return the stem of `key` after `clitic` (article restored after «ل»), or None if too short."""
        rest = key[len(clitic):]
        if len(rest) < MIN_STEM and rest not in self.lexicon.function_words:
            return None
        if clitic == self._lam and rest.startswith(self._lam):
            rest = self.article[0] + rest
        return rest

    def _readings(self, key: str) -> tuple[Reading, ...]:
        """Return the readings of a normalised word, the unsplit one first (see the module docstring)."""
        out = [Reading("", key)]
        first = key[:1]
        if first and first in self._proclitics:
            stem = self._split(key, first)
            if stem is not None:
                out.append(Reading(first, stem, cut=1))
                if first in self.conjunctions and key[1:2] in self._second:
                    stem2 = self._split(key[1:], key[1])
                    if stem2 is not None:
                        out.append(Reading(key[:2], stem2, cut=2))
        return tuple(out)

    def _stems(self, key: str) -> tuple[tuple[int, str], ...]:
        """Return (letters cut, stem) of every reading of `key`, the unsplit one first."""
        return tuple((r.cut, r.stem) for r in self.readings(key))

    def bare(self, key: str) -> str:
        """Return `key` without a leading conjunction («وقال» → «قال»), or `key` itself."""
        for r in self.readings(key):
            if r.cut == 1 and r.proclitics in self.conjunctions:
                return r.stem
        return key

    def conjunction_stem(self, key: str) -> str | None:
        """Return the stem after a leading conjunction when `key` has that reading, else None."""
        stem = self.bare(key)
        return stem if stem != key else None

    def name_clitic(self, key: str, names: frozenset[str] | set[str] = frozenset()) -> int:
        """Return how many letters of a name's first word are a proclitic: «وعمر» → 1 and «وعبد» → 1
        (a given name or a name particle after it), or «وتوميسلاف» → 1 when the stem is among `names`
        (words the caller knows to be names, e.g. the same name elsewhere in the article), or «وديفيد» → 1
        (a foreign name word of the Latin table). A word that is itself a given name («وليد», «فهد») or a
        foreign name word («وليام») keeps its first letter."""
        lex = self.lexicon
        if key in lex.first_names or key in lex.foreign_name_words:
            return 0
        for r in self.readings(key):
            if r.cut == 1 and r.proclitics not in self.comparisons and (
                    r.stem in lex.first_names or r.stem in lex.words("name_particles") or r.stem in names
                    or (r.stem in lex.foreign_name_words and len(r.stem) >= FOREIGN_STEM_MIN
                        and r.stem not in lex.function_words)):
                return 1
        return 0

    def preposition_stem(self, key: str) -> str | None:
        """Return the stem after a single preposition («بالأمن» → «الأمن», «للشؤون» → «الشؤون»), else None."""
        for r in self.readings(key):
            if r.cut == 1 and r.proclitics in self.prepositions:
                return r.stem
        return None

    def lam_stem(self, key: str) -> str | None:
        """Return the stem after the preposition «ل» alone («للاستثمار» → «الاستثمار»), else None."""
        for r in self.readings(key):
            if r.cut == 1 and r.proclitics == self._lam:
                return r.stem
        return None

    def without_article(self, key: str) -> str:
        """Return each word of a phrase key without its article («الجيش الليبي» → «جيش ليبي»)."""
        art = self.article
        return " ".join(w[len(art):] if w.startswith(art) and len(w) > len(art) + 1 else w for w in key.split())

    def has_article(self, key: str) -> bool:
        """Return whether the word itself starts with the article («الوزير»)."""
        return key.startswith(self.article)

    def starts_with_conjunction(self, key: str) -> bool:
        """Return whether the word's first letter is a conjunction letter (whatever the rest)."""
        return key[:1] in self.conjunctions

    def starts_with_list_conjunction(self, key: str) -> bool:
        """Return whether the word's first letter is the conjunction that joins list items («و», not «ف»)."""
        return key[:1] in self.list_conjunctions

    def starts_with_preposition(self, key: str) -> bool:
        """Return whether the word's first letter is a preposition letter (whatever the rest)."""
        return key[:1] in self.prepositions

    def enclitic(self, text: str) -> str:
        """Return the pronoun suffix a word ends with in its original letters («لقائه» → «ه»), or ""."""
        return next((p for p in self.pronouns if text.endswith(p)), "")

    def is_future_verb(self, key: str) -> bool:
        """Return whether a word reads as «س» + an imperfect verb («سيزور», «ستعقد»)."""
        return key[:1] in self.future and key[1:2] in self.imperfect_third + self.imperfect_first and len(key) > 4

    def is_imperfect(self, key: str) -> bool:
        """Return whether a word starts like an imperfect verb (ي ت ن)."""
        return key[:1] in self.imperfect_third + self.imperfect_first

    def is_first_person(self, key: str) -> bool:
        """Return whether an imperfect verb is in the first person («نتعاون», «سنتعاون»), its «س» of the future
        read off."""
        if self.is_future_verb(key):
            key = key[1:]
        return key[:1] in self.imperfect_first and len(key) >= 4

    def looks_like_verb(self, key: str) -> bool:
        """Return whether a bare word starts like a third-person imperfect verb («يؤكد», «تعقد»)."""
        return key[:1] in self.imperfect_third and len(key) >= 4

    # -- lexicon classes --------------------------------------------------------------------
    def _nisba_of(self, key: str) -> str | None:
        """Return the ISO code of a nisba adjective (any inflection, optional proclitic), or None."""
        table = self.lexicon.nisbas
        for _, k in self.stems(key):
            if k in table:
                return table[k]
        return None

    def _country_of(self, key: str) -> str | None:
        """Return the ISO code when a single word names a country (optional proclitic), or None."""
        table = self.lexicon.places
        for _, k in self.stems(key):
            p = table.get(k)
            if p and p.kind == "country":
                return p.iso
        return None

    def own_nisba(self, key: str) -> str | None:
        """Return the ISO code of a nisba not joined to the word before by a conjunction («المصري»,
        «للمصريين»; not «والمصري»), or None."""
        table = self.lexicon.nisbas
        for r in self.readings(key):
            if r.stem in table and r.proclitics[:1] not in self.conjunctions:
                return table[r.stem]
        return None

    def own_country(self, key: str) -> str | None:
        """Return the ISO code of a country named by the word itself («فرنسا»; not «بعمان»), or None."""
        p = self.lexicon.places.get(key)
        return p.iso if p and p.kind == "country" else None

    def heads_organisation(self, key: str) -> bool:
        """Return whether the word, or its stem after a proclitic, heads an organisation phrase («وزارة»)."""
        orgs = self.lexicon.organisations
        return any((e := orgs.get(k)) is not None and e.kind == "head" for _, k in self.stems(key))

    def title_readings(self, key: str) -> tuple[tuple[int, str], ...]:
        """Return the (letters cut, word) readings of a word that can start a title: itself, and without
        a conjunction or a preposition («ورئيس», «فالوزير», «بنائب», «للرئيس» → «الرئيس»); empty when
        no title starts here. A word that is itself a title keeps that reading first («وزير», not «و» + «زير»)."""
        return self._title_readings(key)

    def restores_article(self, key: str, cut: int) -> bool:
        """Return whether the reading of `key` that cuts `cut` letters restored the article («للرئيس»)."""
        return any(r.cut == cut and r.stem != key[cut:] for r in self.readings(key))

    def singular_of_dual(self, key: str) -> str:
        """Return the singular of a dual noun in construct («وزيرا» → «وزير»)."""
        return key[:-1] if key.endswith(self.lexicon.clitics.get("dual_construct", ())) else key

    def singular_of_dual_noun(self, key: str) -> str:
        """Return the singular of a dual noun («وزيرين», «جنديان» → «وزير», «جندي»), or the word as it is."""
        for end in self.lexicon.clitics.get("dual", ()):
            if key.endswith(end) and len(key) - len(end) >= 3:
                return key[:-len(end)]
        return key

    def is_first_name(self, key: str) -> bool:
        """Return whether the word is a known given name."""
        return key in self.lexicon.first_names

    def _classes(self, key: str) -> frozenset[str]:
        """Return the lexicon classes of a word's readings (given name, nisba, country, title, trigger …)."""
        lex = self.lexicon
        out = set()
        stems = [k for _, k in self.stems(key)]
        if key in lex.first_names:
            out.add("first_name")
        if key in lex.function_words:
            out.add("function_word")
        if self.nisba_of(key):
            out.add("nisba")
        if self.country_of(key):
            out.add("country")
        if any(k in lex.title_first_words for k in stems[:1] + [self.bare(key)]):
            out.add("title_start")
        if any(k in lex.organisations for k in stems):
            out.add("organisation")
        if any(k in lex.triggers for k in stems):
            out.add("trigger")
        if key in lex.months:
            out.add("month")
        if not any(ch.isalnum() for ch in key):
            out.add("punctuation")
        return frozenset(out)

    def annotate(self, tokens: list[Token]) -> None:
        """Set `readings` and `lex` on each token (the morphology pass)."""
        for t in tokens:
            t.readings = self.readings(t.key)
            t.lex = self.classes(t.key)
