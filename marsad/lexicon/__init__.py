"""All of Marsad's Arabic word knowledge, kept as data files beside this module and loaded into one `Lexicon`.

Each file holds one concept and opens with `#` lines saying what it holds and where it came from.
Word lists (`*.txt`) have one word or phrase a line; tables (`*.tsv`) are tab-separated.
Components receive a `Lexicon` when they are built (`marsad.extract.pipeline`); the functions at
the end of this module are shortcuts to the default one for code outside a pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from marsad.model import EVENT_TYPES
from marsad.text.normalize import name_key, norm_char_key

LEXICON_DIR = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class Place:
    """A country or city known to the lexicon."""

    name: str
    iso: str
    kind: str


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """An organisation name or head word from the lexicon."""

    name: str
    iso: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event trigger from the lexicon."""

    form: str
    type: str
    mode: str | None
    order: str
    kind: str = ""  # "V" past verb, "I" imperfect verb, "N" noun: how the lexicon entry was marked


class Lexicon:
    """Typed, lazily loaded tables of Arabic news knowledge read from one directory of data files.

    Every table is a pure function of the files, computed once; a Lexicon is safe to share
    between threads.
    """

    def __init__(self, directory: Path | str = LEXICON_DIR) -> None:
        self.directory = Path(directory)

    # -- generic access -------------------------------------------------------------------
    def rows(self, name: str) -> list[list[str]]:
        """Return the tab-separated rows of a data file, comment and blank lines skipped."""
        rows = []
        for line in (self.directory / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            rows.append([c.strip() for c in line.split("\t")])
        return rows

    def words(self, name: str) -> frozenset[str]:
        """Return the normalised keys of the words or phrases of a one-column list (`name` without .txt)."""
        return self._words(name)

    @cache  # noqa: B019 - one Lexicon per directory lives as long as the process
    def _words(self, name: str) -> frozenset[str]:
        return frozenset(norm_char_key(r[0]) for r in self.rows(f"{name}.txt"))

    def patterns(self, name: str) -> dict[str, str]:
        """Return the named regular-expression templates of a `name.patterns` file (name → template)."""
        return self._patterns(name)

    @cache  # noqa: B019
    def _patterns(self, name: str) -> dict[str, str]:
        return {r[0]: r[1] for r in self.rows(f"{name}.patterns")}

    def pattern(self, name: str, key: str, **fill: str) -> re.Pattern[str]:
        """Return one compiled pattern of `name.patterns`, its `{placeholders}` filled from `fill`."""
        template = self.patterns(name)[key]
        for k, v in fill.items():
            template = template.replace("{" + k + "}", v)
        return re.compile(template)

    # -- typed tables ---------------------------------------------------------------------
    @cached_property
    def orthography(self) -> dict[str, str]:
        """Return the letter map of the normalised key (one alef, ى→ي, ة→ه, Latin digits)."""
        return {r[0]: r[1] for r in self.rows("orthography.tsv")}

    @cached_property
    def clitics(self) -> dict[str, tuple[str, ...]]:
        """Return the clitic letters by class: conjunction, preposition, article, future, pronoun."""
        out: dict[str, list[str]] = {}
        for cls, form in self.rows("clitics.tsv"):
            out.setdefault(cls, []).append(norm_char_key(form))
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def boilerplate_lines(self) -> frozenset[str]:
        """Return the name keys of whole lines that are site boilerplate."""
        return frozenset(name_key(r[0]) for r in self.rows("boilerplate.txt"))

    @cached_property
    def agencies(self) -> dict[str, str]:
        """Return a map from the name key of each agency alias to the agency's canonical name."""
        out: dict[str, str] = {}
        for row in self.rows("agencies.tsv"):
            names = row[0].split("|")
            for n in names:
                out[name_key(n)] = names[0]
        return out

    @cached_property
    def month_names(self) -> list[tuple[str, int, str]]:
        """Return (surface form, number, series) of every month name as written in the data file."""
        return [(n, int(num), series) for name, num, series in self.rows("months.tsv") for n in name.split("|")]

    @cached_property
    def months(self) -> dict[str, tuple[int, str]]:
        """Return a map from the name key of each month name to (number, series)."""
        return {name_key(n): (num, series) for n, num, series in self.month_names}

    @cached_property
    def weekdays(self) -> dict[str, int]:
        """Return a map from the normalised key of each weekday name to its number (Monday 0)."""
        return {norm_char_key(name): int(num) for name, num in self.rows("weekdays.tsv")}

    def nisba_forms(self, stem: str) -> list[str]:
        """Return the inflected forms of a nisba adjective given its masculine singular."""
        rows = self.rows("nisba_suffixes.tsv")
        masculine = next(r[0] for r in rows if r[1] == "masculine")
        words = stem.split()
        last = words[-1]
        base = last[:-len(masculine)] if last.endswith(masculine) else last
        forms = [last] + [base + r[0] for r in rows if r[1] == "always"]
        if last.endswith(masculine):
            forms += [base + r[0] for r in rows if r[1] == "unless_base_ends" and not base.endswith(r[2])]
        article = self.clitics["article"][0]
        out = []
        for f in forms:
            out.append(" ".join([*words[:-1], f]))
            out.append(" ".join([article + w for w in words[:-1]] + [article + f]))
        return out

    @cached_property
    def places(self) -> dict[str, Place]:
        """Return a map from the name key of every country and city name to its Place."""
        out: dict[str, Place] = {}
        for iso, names, _nisba in self.rows("countries.tsv"):
            canonical = names.split("|")[0]
            for n in names.split("|"):
                out.setdefault(name_key(n), Place(canonical, iso, "country"))
        for names, iso, kind in self.rows("cities.tsv"):
            canonical = names.split("|")[0]
            for n in names.split("|"):
                out.setdefault(name_key(n), Place(canonical, iso, kind))
        not_towns = {name_key(r[0]) for r in self.rows("not_towns.txt")}
        for names, iso, kind, _use in self._town_rows:  # the compiled towns after the hand list, which wins
            for n in names.split("|"):
                if name_key(n) not in not_towns:
                    out.setdefault(name_key(n), Place(names.split("|")[0], iso, kind))
        return out

    @cached_property
    def _town_rows(self) -> list[tuple[str, str, str, str]]:
        """Return (names, iso, kind, use) of the compiled towns (towns.tsv)."""
        return [(r[0], r[1], r[2], r[3]) for r in self.rows("towns.tsv")]

    @cached_property
    def cued_places(self) -> frozenset[str]:
        """Return the name keys of towns that are also common words or names («دوما»): places only after a
        location preposition or place head («في دوما», «مدينة دوما»)."""
        return frozenset(name_key(n) for names, _iso, _kind, use in self._town_rows if use == "cued"
                         for n in names.split("|"))

    @cached_property
    def ambiguous_places(self) -> dict[str, list[Place]]:
        """Return the name keys that name more than one place («عمان»: Oman, Amman) with their readings."""
        readings: dict[str, list[Place]] = {}
        for iso, names, _nisba in self.rows("countries.tsv"):
            for n in names.split("|"):
                readings.setdefault(name_key(n), []).append(Place(names.split("|")[0], iso, "country"))
        for names, iso, kind in self.rows("cities.tsv"):
            for n in names.split("|"):
                readings.setdefault(name_key(n), []).append(Place(names.split("|")[0], iso, kind))
        for names, iso, kind, _use in self._town_rows:
            for n in names.split("|"):
                readings.setdefault(name_key(n), []).append(Place(names.split("|")[0], iso, kind))
        return {k: v for k, v in readings.items() if len({p.iso for p in v}) > 1}

    @cached_property
    def capitals(self) -> dict[str, Place]:
        """Return each state's capital by ISO code."""
        out: dict[str, Place] = {}
        for p in self.places.values():
            if p.kind == "capital":
                out.setdefault(p.iso, p)
        return out

    @cached_property
    def nisbas(self) -> dict[str, str]:
        """Return a map from the name key of every nisba form (المصري، مصريين …) to its ISO code."""
        out: dict[str, str] = {}
        for iso, _names, stems in self.rows("countries.tsv"):
            for stem in stems.split("|") if stems != "-" else ():  # «-»: no nisba known
                for form in self.nisba_forms(stem):
                    out.setdefault(name_key(form), iso)
        return out

    @cached_property
    def country_names(self) -> dict[str, str]:
        """Return a map from ISO code to the canonical Arabic country name."""
        return {iso: names.split("|")[0] for iso, names, _ in self.rows("countries.tsv")}

    @cached_property
    def titles(self) -> dict[str, str]:
        """Return a map from the name key of each title word or phrase to its kind (rank, office, …)."""
        return {name_key(t): kind for t, kind in self.rows("titles.tsv")}

    @cached_property
    def title_first_words(self) -> frozenset[str]:
        """Return the words a title (or a counterpart word such as «نظيره») can start with."""
        return frozenset(k.split()[0] for k in self.titles) | self.words("counterpart_words")

    @cached_property
    def first_names(self) -> frozenset[str]:
        """Return the name keys of common Arabic given names."""
        return frozenset(name_key(r[0]) for r in self.rows("first_names.txt"))

    @cached_property
    def foreign_name_words(self) -> frozenset[str]:
        """Return the name keys of the one-word foreign names of the Latin table («ديفيد», «أوباما»)."""
        return frozenset(name_key(r[0]) for r in self.rows("latin_names.tsv")
                         if len(r) >= 2 and " " not in r[0].strip() and (len(r) < 3 or r[2] != "ar"))

    @cached_property
    def organisations(self) -> dict[str, OrgEntry]:
        """Return a map from the name key of each organisation name or head word to its entry."""
        return {name_key(n): OrgEntry(n, None if iso == "-" else iso, kind) for n, iso, kind in self.rows("orgs.tsv")}

    @cached_property
    def function_words(self) -> frozenset[str]:
        """Return the name keys of function words and frequent non-name words."""
        return frozenset(name_key(r[0]) for r in self.rows("function_words.txt"))

    @cached_property
    def title_complements(self) -> frozenset[str]:
        """Return the name keys of bare words that continue a title or organisation name."""
        return frozenset(name_key(r[0]) for r in self.rows("title_complements.txt"))

    @cached_property
    def triggers(self) -> dict[str, Trigger]:
        """Return a map from the name key of each trigger form (one or two words) to its Trigger."""
        out = {}
        for row in self.rows("triggers.tsv"):
            typ = row[1]
            mode = row[2] if len(row) > 2 and row[2] else None
            order = row[3] if len(row) > 3 and row[3] else "sv"
            kind = row[0][0] if row[0][1:2] == ":" else ""
            for form in self.trigger_forms(row[0]):
                out.setdefault(name_key(form), Trigger(form, typ, mode, order, kind))
        return out

    @cached_property
    def _trigger_affixes(self) -> dict[str, tuple[str, ...]]:
        table: dict[str, list[str]] = {}
        for row in self.rows("trigger_inflections.tsv"):
            table.setdefault(row[0], []).append(row[1])
        return {k: tuple(v) for k, v in table.items()}

    @cached_property
    def past_suffixes(self) -> tuple[str, ...]:
        """Return the past-verb suffixes of `trigger_inflections.tsv` as name keys («ت», «ا», «تا», «وا» …)."""
        return tuple(norm_char_key(s) for s in self._trigger_affixes["past_suffix"])

    @cached_property
    def pronoun_stem_ends(self) -> tuple[tuple[str, str], ...]:
        """Return (letter before an enclitic pronoun, the word-final letter it stands for) as name keys."""
        return tuple((norm_char_key(r[1]), norm_char_key(r[2])) for r in self.rows("trigger_inflections.tsv")
                     if r[0] == "pronoun_stem_end")

    def trigger_forms(self, entry: str) -> list[str]:
        """Return the written forms of a triggers.tsv entry: itself, or its inflections when it is marked
        V: (past verb), I: (imperfect stem) or N: (noun); only the first word of a phrase inflects."""
        if len(entry) < 3 or entry[1] != ":" or entry[0] not in "VIN":
            return [entry]
        kind, phrase = entry[0], entry[2:]
        first, _, rest = phrase.partition(" ")
        a = self._trigger_affixes
        if kind == "V":
            firsts = [first] + [first + s for s in a["past_suffix"]]
        elif kind == "I":
            persons = [p + first for p in a["imperfect_prefix"]]
            persons += [p + first + s for p in a["imperfect_prefix"][:2] for s in a["imperfect_suffix"]]
            firsts = persons + [f + p for f in a["future_prefix"] for p in persons]
        else:
            firsts = [first] + [art + first for art in a["article"]]
            if first[-1:] not in a["no_accusative_after"]:
                firsts += [first + acc for acc in a["noun_accusative"]]
        return [f"{f} {rest}".strip() for f in firsts]

    @cached_property
    def context_keywords(self) -> list[tuple[str, str]]:
        """Return (keyword key, context) pairs, longest keywords first."""
        return [(k, c) for k, c, _ in self.context_rules]

    @cached_property
    def trigger_vetoes(self) -> dict[str, dict[str, frozenset[str]]]:
        """Return, for each place ("head": right before a trigger; "before" / "after": up to six words before /
        after it; "next": up to two words after it), the words (keys without article) that cancel a trigger
        beside them, each with the TYPE or TYPE/mode it cancels (`trigger_vetoes.tsv`)."""
        out: dict[str, dict[str, set[str]]] = {}
        for word, vetoed, where in self.rows("trigger_vetoes.tsv"):
            out.setdefault(where, {}).setdefault(norm_char_key(word), set()).add(vetoed)
        return {w: {k: frozenset(v) for k, v in t.items()} for w, t in out.items()}

    @cached_property
    def context_rules(self) -> list[tuple[str, str, frozenset[str] | None]]:
        """Return (keyword key, context, event types or None for all) rows of `contexts.tsv`, longest first.

        A third column names the event types a keyword applies to («ASSAULT,THREATEN»); a leading
        «!» names the types it does not apply to.
        """
        rows = []
        for row in self.rows("contexts.tsv"):
            types: frozenset[str] | None = None
            if len(row) > 2 and row[2]:
                spec = row[2].lstrip("!")
                named = frozenset(t.strip() for t in spec.split(",") if t.strip())
                types = frozenset(t for t in EVENT_TYPES if t not in named) if row[2].startswith("!") else named
            rows.append((name_key(row[0]), row[1], types))
        return sorted(rows, key=lambda r: -len(r[0]))

    @cached_property
    def title_contexts(self) -> list[tuple[str, str]]:
        """Return (title keyword key, context) pairs of `title_contexts.tsv`, longest first."""
        rows = [(name_key(k), c) for k, c in self.rows("title_contexts.tsv")]
        return sorted(rows, key=lambda r: -len(r[0]))

    @cached_property
    def word_prefixes(self) -> tuple[str, ...]:
        """Return the proclitic strings a word may open with: conjunction, preposition, article («وبال», «لل»)."""
        c = self.clitics
        out = {""}
        for conj in ("", *c.get("conjunction", ())):
            for prep in ("", *c.get("preposition", ()), *c.get("comparison", ())):
                for art in ("", *c.get("article", ())):
                    if prep and art and prep == art[-1:]:
                        out.add(conj + prep + art[1:])  # «ل» + «ال» is written «لل»
                    else:
                        out.add(conj + prep + art)
        return tuple(sorted(out, key=len, reverse=True))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """Return the Lexicon of the data files shipped with Marsad (loaded once)."""
    return Lexicon()


# Shortcuts to the default lexicon for code that runs outside a pipeline (training, resolution).
def boilerplate_lines() -> frozenset[str]:
    """Return the default lexicon's boilerplate line keys."""
    return default_lexicon().boilerplate_lines


def agencies() -> dict[str, str]:
    """Return the default lexicon's agency aliases."""
    return default_lexicon().agencies


def months() -> dict[str, tuple[int, str]]:
    """Return the default lexicon's month names."""
    return default_lexicon().months


def places() -> dict[str, Place]:
    """Return the default lexicon's places."""
    return default_lexicon().places


def ambiguous_places() -> dict[str, list[Place]]:
    """Return the default lexicon's ambiguous place names."""
    return default_lexicon().ambiguous_places


def nisbas() -> dict[str, str]:
    """Return the default lexicon's nisba forms."""
    return default_lexicon().nisbas


def country_names() -> dict[str, str]:
    """Return the default lexicon's country names by ISO code."""
    return default_lexicon().country_names


def titles() -> dict[str, str]:
    """Return the default lexicon's titles."""
    return default_lexicon().titles


def first_names() -> frozenset[str]:
    """Return the default lexicon's given names."""
    return default_lexicon().first_names


def organisations() -> dict[str, OrgEntry]:
    """Return the default lexicon's organisations."""
    return default_lexicon().organisations


def function_words() -> frozenset[str]:
    """Return the default lexicon's function words."""
    return default_lexicon().function_words


def title_complements() -> frozenset[str]:
    """Return the default lexicon's title complements."""
    return default_lexicon().title_complements


def triggers() -> dict[str, Trigger]:
    """Return the default lexicon's event triggers."""
    return default_lexicon().triggers


def context_keywords() -> list[tuple[str, str]]:
    """Return the default lexicon's context keywords."""
    return default_lexicon().context_keywords
