"""One-line English summaries of events, made from their structured fields only (never by translating text).

«Planned: Egypt's interior minister Mahmoud Tawfik to meet Libya's interior minister Omar Al-Sanaka in Cairo
(week of 2025-03-02)»: the modality as a prefix, the actors and recipients in Latin form with their posts and
ranks in English, the PLOVER type and mode as an English verb, the place and the date with its precision.
The English for posts, organisations, places and states is lexicon data (`title_english.tsv`,
`org_english.tsv`, `place_english.tsv`, `country_english.tsv`); a name the tables do not know is romanized.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from marsad.lexicon import LEXICON_DIR, Lexicon
from marsad.records import EventRecord, Party
from marsad.text.normalize import name_key


@dataclass(frozen=True, slots=True)
class State:
    """A state as English writes it: ISO codes, its name, and the form put before a post («Egypt's», «US»)."""

    iso: str
    iso3: str
    name: str
    before_post: str


@dataclass(frozen=True, slots=True)
class Term:
    """One row of an English table: what kind of word it is, its English, and the PLOVER sector it implies."""

    kind: str
    english: str
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Title:
    """A person's posts and ranks read from their Arabic titles: the post (lower case), the words before the
    name («Maj. Gen.»), how the post is written with the name, the PLOVER sector, and the state the title names.

    `form` is possessive («Egypt's interior minister X»), appositive («X, spokesman for the Houthis,») or
    plain («writer X»)."""

    post: str | None = None
    before_name: str | None = None
    form: str = "possessive"
    sector: str | None = None
    iso: str | None = None


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def join_english(items: list[str]) -> str:
    """Return «A», «A and B» or «A, B and C» (more than four: the first three and «N others»)."""
    items = list(dict.fromkeys(i for i in items if i))
    if len(items) > 4:
        items = items[:3] + [f"{len(items) - 3} others"]
    if len(items) <= 1:
        return items[0] if items else ""
    return ", ".join(items[:-1]) + " and " + items[-1]


class EnglishNames:
    """English renderings of what the lexicon knows: states, places, posts and ranks, organisations."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or Lexicon(LEXICON_DIR)

    def _terms(self, name: str) -> dict[str, Term]:
        out: dict[str, Term] = {}
        for row in self.lex.rows(name):
            forms, kind, english = row[0], row[1], row[2]
            sector = row[3] if len(row) > 3 and row[3] else None
            for form in forms.split("|"):
                out.setdefault(name_key(form), Term(kind, english, sector))
        return out

    @cached_property
    def states(self) -> dict[str, State]:
        """Return each state of `country_english.tsv` by its ISO alpha-2 code."""
        out = {}
        for row in self.lex.rows("country_english.tsv"):
            iso, iso3, name = row[0], row[1], row[2]
            before = row[3] if len(row) > 3 and row[3] else (name + ("'" if name.endswith("s") else "'s"))
            out[iso] = State(iso, iso3, name, before)
        return out

    @cached_property
    def titles(self) -> dict[str, Term]:
        """Return the post, rank and honorific terms by the name key of each Arabic form."""
        return self._terms("title_english.tsv")

    @cached_property
    def organisations(self) -> dict[str, Term]:
        """Return the organisation terms by the name key of each Arabic form."""
        return self._terms("org_english.tsv")

    @cached_property
    def places(self) -> dict[str, list[tuple[str | None, str]]]:
        """Return (ISO code or None, English name) readings of each place name key."""
        out: dict[str, list[tuple[str | None, str]]] = {}
        for forms, iso, english in self.lex.rows("place_english.tsv"):
            for form in forms.split("|"):
                out.setdefault(name_key(form), []).append((None if iso == "-" else iso, english))
        return out

    # -- states and places ----------------------------------------------------------------
    def state(self, iso: str | None) -> State | None:
        """Return the state with this ISO alpha-2 code, or None."""
        return self.states.get((iso or "").upper())

    def state_name(self, iso: str | None) -> str | None:
        """Return the English name of a state («Egypt», «the United States»), or None when unknown."""
        st = self.state(iso)
        return st.name if st else None

    def state_of(self, words: list[str]) -> str | None:
        """Return the ISO code named by these words as a nisba («المصري») or a state name («لليبيا»), or None."""
        phrase = " ".join(words)
        if not phrase:
            return None
        if phrase in self.lex.nisbas:
            return self.lex.nisbas[phrase]
        for key in (phrase, *self._without_preposition(phrase)):
            place = self.lex.places.get(key)
            if place and place.kind == "country":
                return place.iso
        return None

    def _without_preposition(self, phrase: str) -> list[str]:
        """Return the readings of a phrase with a leading preposition taken off: «لليبيا» names Libya, and
        «للعراق» is the preposition before «العراق» (its article's first letter dropped in writing)."""
        out = []
        article = self.lex.clitics["article"][0]
        for prep in self.lex.clitics["preposition"]:
            if phrase.startswith(prep) and len(phrase) > len(prep) + 2:
                rest = phrase[len(prep):]
                out.append(rest)
                if rest.startswith(article[1:]):
                    out.append(article[0] + rest)
        return out

    def place(self, name: str | None, iso: str | None = None) -> str | None:
        """Return the English form of a place name (a city, region, sea or state), or None when there is none."""
        if not name:
            return None
        key = name_key(name)
        states = [p.iso for p in self.lex.ambiguous_places.get(key, [self.lex.places.get(key)])
                  if p and p.kind == "country"]
        readings = self.places.get(key, [])
        same = next((en for c, en in readings if c and c == iso), None)
        if same:
            return same
        if states and (iso in states or not readings):  # «عمان» in Oman is the state, in Jordan its capital
            return self.state_name(iso if iso in states else states[0])
        return readings[0][1] if readings else romanized(name)

    # -- titles, persons and organisations -----------------------------------------------
    def _longest(self, table: dict[str, Term], words: list[str], start: int) -> tuple[Term, int] | None:
        for end in range(min(len(words), start + 6), start, -1):
            term = table.get(" ".join(words[start:end]))
            if term:
                return term, end
        return None

    def title(self, titles: tuple[str, ...] | list[str]) -> Title:
        """Return the English post, rank and honorifics of a person's Arabic titles (the first post found wins)."""
        found = Title()
        before: list[str] = []
        sector = None
        for raw in titles:
            t = self._one_title(raw)
            if t.before_name and t.before_name not in before:
                before.append(t.before_name)
            sector = sector or t.sector
            if t.post and found.post is None:
                found = t
        return Title(found.post, " ".join(before) or None, found.form, found.sector or sector, found.iso)

    def _one_title(self, raw: str) -> Title:
        words = name_key(raw).split()
        i, mods, before = 0, [], []
        sector = None
        while i < len(words):
            hit = self._longest(self.titles, words, i)
            if hit is None:
                break
            term, end = hit
            if term.kind == "modifier":
                mods.append(term.english)
                i = end
                continue
            if term.kind in ("rank", "honorific", "royal"):
                before.append(term.english)
                sector = sector or term.sector
                i = end
                if term.kind == "royal" and i < len(words) and self.state_of(words[i:]):
                    break
                continue
            done = Title(None, " ".join(before) or None, "possessive", term.sector)
            if term.kind == "minister":
                portfolio, end = self._portfolio(words, end)
                post = "minister" if portfolio is None else \
                    f"minister {portfolio}" if portfolio.startswith("of ") else f"{portfolio} minister"
                return self._finish(done, mods, post, words[end:])
            if term.kind in ("post_of", "head_of"):
                complement = self.organisation_words(words[end:]) or self.state_name(self.state_of(words[end:]))
                if complement:
                    return replace(self._finish(done, mods, f"{term.english} {complement}", []), form="appositive")
                if term.kind == "head_of":  # «head» of something unknown says nothing
                    break
                return self._finish(done, mods, term.english.rsplit(" ", 1)[0], words[end:])
            if term.kind in ("post", "role"):
                form = "plain" if term.kind == "role" else "possessive"
                return replace(self._finish(done, mods, term.english, words[end:]), form=form)
            break
        return Title(None, " ".join(before) or None, "possessive", sector)

    def _portfolio(self, words: list[str], start: int) -> tuple[str | None, int]:
        """Return the English of the ministry's domain at `start` («الخارجية», or «خارجية» in «وزير خارجية مصر»)
        and where it ends; (None, start) when there is none."""
        if start >= len(words):
            return None, start
        article = self.lex.clitics["article"][0]
        for first in (words[start], article + words[start]):
            hit = self._longest(self.portfolios, [first, *words[start + 1:]], 0)
            if hit:
                return hit[0].english, start + hit[1]
        return None, start

    @cached_property
    def portfolios(self) -> dict[str, Term]:
        """Return the ministry domains of `title_english.tsv` («الخارجية» → foreign) by name key."""
        return {k: t for k, t in self.titles.items() if t.kind == "portfolio"}

    def _finish(self, done: Title, mods: list[str], post: str, rest: list[str]) -> Title:
        """Return the title with its post, its modifiers, «former» when the rest says so, and the state the rest
        names («المصري», «مصر»)."""
        former = any(self.titles.get(w, Term("", "")).kind == "former" for w in rest)
        words = (["former"] if former else []) + mods + [post]
        iso = next((c for w in rest if (c := self.state_of([w]))), None)
        return replace(done, post=" ".join(words), iso=iso)

    def organisation_words(self, words: list[str], iso: str | None = None) -> str | None:
        """Return the English for an organisation written in these name-key words, or None when not known.

        A generic body takes the state its name gives («الحرس الوطني التونسي» → «Tunisia's national guard»),
        else `iso`, else «the»."""
        if not words:
            return None
        whole = self.organisations.get(" ".join(words))
        if whole and whole.kind == "name":
            return whole.english
        hit = self._longest(self.organisations, words, 0)
        if hit is None:
            return None
        term, end = hit
        if term.kind == "name":
            return term.english
        head = term.english
        if term.kind == "ministry":
            portfolio, end = self._portfolio(words, end)
            if portfolio:
                head = f"ministry {portfolio}" if portfolio.startswith("of ") else f"{portfolio} ministry"
        st = self.state(self.state_of(words[end:]) or iso)
        return f"{st.before_post} {head}" if st else f"the {head}"

    def organisation(self, name: str, iso: str | None = None) -> str:
        """Return the English for an organisation name («Morocco's foreign ministry»); romanized when unknown."""
        return self.organisation_words(name_key(name).split(), iso) or romanized(name) or "an organisation"

    def person(self, p: Party) -> str:
        """Return a person as an English headline names them: «Egypt's interior minister Maj. Gen. Mohamed
        Ibrahim», or «Brig. Yahya Saree, military spokesman for the Houthis»."""
        t = self.title(p.titles)
        name = p.name_latin or romanized(p.name or "")
        named = " ".join(x for x in (t.before_name, name) if x)
        st = self.state(p.country or t.iso)
        if t.post and t.form == "appositive":
            return f"{named}, {t.post}," if named else f"the {t.post}"
        if t.post and t.form == "plain":
            return " ".join(x for x in (t.post, named) if x)
        if t.post:
            owner = st.before_post if st else "the" if not named else ""
            return " ".join(x for x in (owner, t.post, named) if x)
        if named:
            return f"{st.before_post} {named}" if st and t.before_name and "King" in t.before_name else named
        return "an official"

    def party(self, p: Party) -> str:
        """Return the English phrase for any participant: a person, an organisation, a place or a state."""
        if p.type == "STATE":
            return self.state_name(p.country) or p.ref
        if p.type == "PER":
            return self.person(p)
        if p.type == "ORG":
            return self.organisation(p.name or "", p.country)
        return self.place(p.name, p.country) or (p.name or p.ref)

    def label(self, p: Party) -> str:
        """Return a short English label of a participant for tables and graphs: the Latin name of a person
        (no post), the English of an organisation, the name of a state or place."""
        if p.type == "PER":
            return p.name_latin or romanized(p.name or "") or (p.name or p.ref)
        return self.party(p).rstrip(",")

    def sector(self, p: Party) -> str | None:
        """Return the PLOVER sector code a participant's posts or organisation imply (GOV, MIL, …), or None."""
        if p.type == "PER":
            return self.title(p.titles).sector
        if p.type == "ORG":
            words = name_key(p.name or "").split()
            hit = self._longest(self.organisations, words, 0)
            return hit[0].sector if hit else None
        return None


@lru_cache(maxsize=65536)
def romanized(name: str) -> str | None:
    """Return the Latin form of an Arabic name the tables do not know (the offline name romanizer), or None."""
    if not name:
        return None
    from marsad.extract.latin import romanize

    return romanize(name)


@dataclass(frozen=True, slots=True)
class Verb:
    """An event's English verb: past tense and base form, the preposition before its object, and the forms
    without an object."""

    past: str
    base: str
    prep: str = ""
    past_alone: str = ""
    base_alone: str = ""

    def phrase(self, tense: str, obj: str) -> str:
        """Return the verb phrase in a tense (past or base) with its object, or its objectless form."""
        if obj:
            verb = self.past if tense == "past" else self.base
            return " ".join(x for x in (verb, self.prep, obj) if x)
        return (self.past_alone or self.past) if tense == "past" else (self.base_alone or self.base)


# PLOVER types and modes as English verbs; (type, None) is the type without a mode or with one not listed.
VERBS: dict[tuple[str, str | None], Verb] = {
    ("CONSULT", None): Verb("held talks", "hold talks", "with"),
    ("CONSULT", "meeting"): Verb("met", "meet", "", "held talks", "hold talks"),
    ("CONSULT", "visit"): Verb("visited", "visit", "", "made a visit", "make a visit"),
    ("CONSULT", "phone"): Verb("spoke by phone", "speak by phone", "with"),
    ("CONSULT", "multilateral"): Verb("took part in talks", "take part in talks", "with"),
    ("AGREE", None): Verb("reached an agreement", "reach an agreement", "with"),
    ("SUPPORT", None): Verb("expressed support", "express support", "for"),
    ("CONCEDE", None): Verb("made concessions", "make concessions", "to"),
    ("COOPERATE", None): Verb("cooperated", "cooperate", "with"),
    ("COOPERATE", "security"): Verb("cooperated on security", "cooperate on security", "with"),
    ("AID", None): Verb("gave aid", "give aid", "to"),
    ("AID", "economic"): Verb("gave economic aid", "give economic aid", "to"),
    ("AID", "humanitarian"): Verb("gave humanitarian aid", "give humanitarian aid", "to"),
    ("AID", "military"): Verb("gave military aid", "give military aid", "to"),
    ("AID", "training"): Verb("trained", "train", "", "gave training", "give training"),
    ("RETREAT", None): Verb("withdrew", "withdraw", "from"),
    ("REQUEST", None): Verb("made a request", "make a request", "to"),
    ("ACCUSE", None): Verb("accused", "accuse", "", "made accusations", "make accusations"),
    ("REJECT", None): Verb("rebuffed", "rebuff", "", "issued a rejection", "issue a rejection"),
    ("THREATEN", None): Verb("threatened", "threaten", "", "issued a threat", "issue a threat"),
    ("PROTEST", None): Verb("protested", "protest", "against"),
    ("PROTEST", "demonstrate"): Verb("demonstrated", "demonstrate", "against"),
    ("PROTEST", "sit-in"): Verb("held a sit-in", "hold a sit-in", "against"),
    ("PROTEST", "strike"): Verb("went on strike", "go on strike", "against"),
    ("SANCTION", None): Verb("imposed sanctions", "impose sanctions", "on"),
    ("MOBILIZE", None): Verb("mobilised forces", "mobilise forces", "against"),
    ("MOBILIZE", "alert"): Verb("raised the alert", "raise the alert", "against"),
    ("COERCE", None): Verb("used force", "use force", "against"),
    ("COERCE", "arrest"): Verb("arrested", "arrest", "", "made arrests", "make arrests"),
    ("COERCE", "block"): Verb("blockaded", "blockade", "", "imposed a blockade", "impose a blockade"),
    ("COERCE", "dispersal"): Verb("dispersed", "disperse", "", "dispersed a gathering", "disperse a gathering"),
    ("COERCE", "expel"): Verb("expelled", "expel", "", "carried out expulsions", "carry out expulsions"),
    ("COERCE", "raid"): Verb("raided", "raid", "", "carried out a raid", "carry out a raid"),
    ("COERCE", "sentence"): Verb("sentenced", "sentence", "", "handed down sentences", "hand down sentences"),
    ("COERCE", "siege"): Verb("besieged", "besiege", "", "laid siege", "lay siege"),
    ("COERCE", "repression"): Verb("cracked down on", "crack down on", "", "cracked down", "crack down"),
    ("COERCE", "seize"): Verb("seized property of", "seize property of", "", "seized property", "seize property"),
    ("ASSAULT", None): Verb("attacked", "attack", "", "carried out an attack", "carry out an attack"),
    ("ASSAULT", "armed"): Verb("attacked", "attack", "", "carried out an armed attack", "carry out an armed attack"),
    ("ASSAULT", "aerial"): Verb("carried out air strikes", "carry out air strikes", "on"),
    ("ASSAULT", "clash"): Verb("clashed", "clash", "with"),
    ("ASSAULT", "offensive"): Verb("launched an offensive", "launch an offensive", "against"),
    ("ASSAULT", "artillery"): Verb("shelled", "shell", "", "carried out shelling", "carry out shelling"),
    ("ASSAULT", "explosives"): Verb("bombed", "bomb", "", "carried out a bombing", "carry out a bombing"),
    ("ASSAULT", "abduction"): Verb("abducted", "abduct", "", "carried out an abduction", "carry out an abduction"),
    ("ASSAULT", "assassination"): Verb("assassinated", "assassinate", "", "carried out an assassination",
                                       "carry out an assassination"),
    ("ASSAULT", "execution"): Verb("executed", "execute", "", "carried out executions", "carry out executions"),
}

# who acts when the article names no actor
UNKNOWN_ACTOR = {"ASSAULT": "unidentified attackers", "COERCE": "unidentified forces",
                 "MOBILIZE": "unidentified forces", "PROTEST": "protesters"}
PREFIX = {"planned": "Planned", "hypothetical": "Hypothetical", "offered": "Offered"}


def verb_of(type_: str, mode: str | None) -> Verb:
    """Return the English verb of a PLOVER type and mode (the type's own when the mode has none)."""
    return VERBS.get((type_, mode)) or VERBS[(type_, None)]


def date_phrase(value: str | None, precision: str | None) -> str:
    """Return a date as its precision allows: «2025-03-02», «week of 2025-03-02», «March 2025», «2025», «undated»."""
    if not value or not value[:4].isdigit():
        return "undated"
    if precision == "year" or len(value) == 4:
        return value[:4]
    if precision == "month" or len(value) == 7:
        return f"{calendar.month_name[int(value[5:7])]} {value[:4]}"
    if precision == "week":
        return f"week of {value}"
    return value


def _parties(names: EnglishNames, parties: list[Party]) -> list[str]:
    """Return the English of each party, a state left out when a person or organisation of it is there."""
    countries_named = {p.country for p in parties if p.type != "STATE" and p.country}
    return [names.party(p) for p in parties if not (p.type == "STATE" and p.country in countries_named)]


def english_summary(ev: EventRecord, names: EnglishNames | None = None) -> str:
    """Return the one-line English summary of an event, made from its fields only (type, mode, participants,
    place, date and precision, modality and negation)."""
    names = names or default_names()
    actors, recipients = ev.role("actor"), ev.role("recipient")
    if not actors and not recipients:
        actors = ev.role("participant")
    subjects, objects = _parties(names, actors), _parties(names, recipients)
    subject = join_english(subjects) or UNKNOWN_ACTOR.get(ev.type, "an unidentified party")
    obj = join_english(objects)
    place = names.place(ev.location, ev.location_country)
    if place in subjects or place in objects:
        place = None  # «visited Iran», not «visited Iran in Iran»
    if not obj and place and (ev.type, ev.mode) == ("CONSULT", "visit"):
        obj, place = place, None  # «visited Cairo», not «made a visit in Cairo»
    tense = "past" if ev.modality == "asserted" else "base"
    verb = verb_of(ev.type, ev.mode).phrase(tense, obj)
    if ev.modality == "asserted":
        clause = f"{subject} {verb}"
    elif ev.modality == "hypothetical":
        clause = f"{subject} may {verb}"
    else:
        clause = f"{subject} to {verb}"
    if place:
        clause += f" in {place}"
    label = "Denied" if ev.negated else PREFIX.get(ev.modality)
    # an appositive («X, spokesman for Y,») closes with a comma unless the line ends after it
    line = f"{_capital(clause.rstrip(','))} ({date_phrase(ev.date, ev.date_precision)})"
    return f"{label}: {line}" if label else line


@lru_cache(maxsize=1)
def default_names() -> EnglishNames:
    """Return the English tables of the shipped lexicon (built once)."""
    return EnglishNames()
