"""Headline, byline, dateline, credited agencies and self-credited outlet of an article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.lexicon import Lexicon, default_lexicon
from marsad.text.normalize import name_key

HEADLINE_MAX_WORDS = 25
LEAD_CHARS = 400  # datelines and bylines sit in the first lines of a wire or web article

LETTERS = r"\u0621-\u064A"  # the Arabic letters, as a regex character range
_DIGITS = r"[0-9\u0660-\u0669]"
# «القاهرة، 27 ديسمبر – (…)», «لندن - 3 مارس 2021 (رويترز) -»; {months}: the month names of the lexicon
DATELINE_TEMPLATE = (
    rf"^(?P<city>[{LETTERS}]+(?: [{LETTERS}]+)?)\s*[،,]?\s*(?:[-–—]\s*)?"
    rf"(?P<day>{_DIGITS}{{1,2}})\s+(?P<month>{{months}})(?:\s+(?P<year>{_DIGITS}{{4}}))?"
    rf"\s*(?:[-–—:]|\()"
)
# «القاهرة - (أ ف ب) -», «بيروت (رويترز) -»
# «القاهرة (رويترز)», «دبي، الإمارات العربية المتحدة (CNN) –»: a city, perhaps its country, then the credit
DATELINE_AGENCY_RE = re.compile(r"^(?P<city>[\u0621-\u064A]+(?: [\u0621-\u064A]+)?)"
                                r"(?:\s*[،,]\s*(?P<country>[\u0621-\u064A]+(?: [\u0621-\u064A]+){0,3}))?"
                                r"\s*[-–—:]?\s*\((?P<credit>[^()\n]{2,60})\)")
CREDIT_RE = re.compile(r"^[^()\n]{0,80}?\((?P<credit>[^()\n]{2,80})\)")


@dataclass(frozen=True, slots=True)
class MetadataLexicon:
    """The compiled patterns of `extract_metadata` for one Lexicon (metadata.patterns, byline_cues.txt, months.tsv)."""

    lexicon: Lexicon
    dateline: re.Pattern[str]
    byline: re.Pattern[str]
    byline_from: re.Pattern[str]  # Elaph-style lead: «صبري عبد الحفيظ من القاهرة: …»
    outlet: re.Pattern[str]
    agency_prefix: re.Pattern[str]
    agency_credit: str  # template over the name key; {alias}: an escaped agency alias key

    def credits_agency(self, alias_key: str, text_key: str) -> bool:
        """Return whether `text_key` (a name key) credits the agency `alias_key`: «(رويترز)», «وكالة رويترز»."""
        return bool(re.search(self.agency_credit.replace("{alias}", re.escape(alias_key)), text_key))


@lru_cache(maxsize=16)
def metadata_lexicon(lexicon: Lexicon) -> MetadataLexicon:
    """Return the compiled metadata patterns of `lexicon` (built once per Lexicon; safe to share)."""
    months = [re.escape(n) for n, _num, series in lexicon.month_names if series != "hijri"]
    month_alt = "|".join(sorted(dict.fromkeys(months), key=len, reverse=True))
    cues = "|".join(re.escape(r[0]) for r in lexicon.rows("byline_cues.txt"))
    return MetadataLexicon(
        lexicon=lexicon,
        dateline=re.compile(DATELINE_TEMPLATE.replace("{months}", month_alt)),
        byline=lexicon.pattern("metadata", "byline", cues=cues),
        byline_from=lexicon.pattern("metadata", "byline_from", letters=LETTERS),
        outlet=lexicon.pattern("metadata", "outlet", letters=LETTERS),
        agency_prefix=lexicon.pattern("metadata", "agency_prefix", letters=LETTERS),
        agency_credit=lexicon.patterns("metadata")["agency_credit"],
    )


@dataclass(slots=True)
class ArticleMeta:
    """What the text itself says about the article."""

    title: str | None = None
    byline: str | None = None
    dateline_city: str | None = None
    dateline_date: str | None = None
    dateline_span: tuple[int, int] | None = None
    agencies: list[str] = field(default_factory=list)
    outlet: str | None = None


def _month_number(name: str, lexicon: Lexicon) -> int | None:
    hit = lexicon.months.get(name_key(name))
    return hit[0] if hit and hit[1] != "hijri" else None


def _to_int(digits: str) -> int:
    return int(name_key(digits))


def _names_state(words: str | None, lexicon: Lexicon) -> bool:
    """Whether `words` (or their first two or three) name a state of the gazetteer."""
    if not words:
        return False
    toks = words.split()
    for n in (len(toks), 3, 2):
        place = lexicon.places.get(name_key(" ".join(toks[:n])))
        if place is not None and place.kind == "country":
            return True
    return False


def _split_credit(credit: str, lexicon: Lexicon) -> list[str]:
    parts = re.split(r"[/،,]|\s[-–—]\s", credit)
    out = []
    for p in parts:
        p = re.sub(r"[.\u06d4\u061f]+", " ", p).strip(" -–—")
        p = " ".join(p.split())
        if p and re.search(r"[A-Za-z\u0600-\u06FF]", p) and len(p.split()) <= 5:
            out.append(lexicon.agencies.get(name_key(p), p))
    return out


def _is_headline(line: str, rest: str, lex: MetadataLexicon) -> bool:
    words = line.split()
    if not words or len(words) > HEADLINE_MAX_WORDS or not rest.strip():
        return False
    stripped = line.rstrip()
    if stripped.endswith((".", "؟", "!", ":", "،")) and not stripped.endswith(".."):
        return False
    return not lex.byline.match(line) and not lex.dateline.match(line)


def extract_metadata(text: str, lexicon: Lexicon | None = None) -> ArticleMeta:
    """Return the headline, byline, dateline, agencies and outlet found in the cleaned text.

    The patterns and names come from `lexicon` (the default lexicon when None).
    """
    lex = metadata_lexicon(lexicon if lexicon is not None else default_lexicon())
    meta = ArticleMeta()
    lines = text.split("\n")
    offset = 0
    first_body = True
    for line in lines[:6]:
        stripped = line.strip()
        if not stripped:
            offset += len(line) + 1
            continue
        if first_body and meta.title is None and _is_headline(stripped, text[offset + len(line):], lex):
            meta.title = stripped
        elif meta.byline is None and (m := lex.byline.match(stripped)):
            meta.byline = m.group("name").strip()
        else:
            if meta.dateline_city is None and offset < LEAD_CHARS:
                _read_dateline(stripped, offset + (len(line) - len(line.lstrip())), meta, lex)
            if meta.byline is None and (m := lex.byline_from.match(stripped)):
                meta.byline = m.group("name")
                if meta.dateline_city is None:
                    meta.dateline_city = m.group("city")
        first_body = False
        offset += len(line) + 1
    _find_agencies_and_outlet(text, meta, lex)
    return meta


def _read_dateline(line: str, line_start: int, meta: ArticleMeta, lex: MetadataLexicon) -> None:
    m = lex.dateline.match(line)
    if m:
        month = _month_number(m.group("month"), lex.lexicon)
        day = _to_int(m.group("day"))
        if month and 1 <= day <= 31:
            meta.dateline_city = m.group("city")
            year = m.group("year")
            meta.dateline_date = f"{_to_int(year):04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
            meta.dateline_span = (line_start, line_start + m.end("month") if not year else line_start + m.end("year"))
            credit = CREDIT_RE.match(line[m.start("month"):])
            if credit:
                meta.agencies.extend(_split_credit(credit.group("credit"), lex.lexicon))
            return
    m = DATELINE_AGENCY_RE.match(line)
    # «أتلانتا، الولايات المتحدة الأمريكية (CNN)»: a city the gazetteer lacks, known by the state after it
    if m and (name_key(m.group("city")) in lex.lexicon.places or _names_state(m.group("country"), lex.lexicon)):
        meta.dateline_city = m.group("city")
        meta.dateline_span = (line_start, line_start + m.start("credit") - 1)
        meta.agencies.extend(_split_credit(m.group("credit"), lex.lexicon))


@lru_cache(maxsize=1024)  # agency aliases: a few dozen per lexicon
def _alias_pattern(alias_key: str) -> re.Pattern[str]:
    """Return the pattern of an agency alias key standing as whole words in a name key."""
    return re.compile(rf"(?<![{LETTERS}]){re.escape(alias_key)}(?![{LETTERS}])")


def _find_agencies_and_outlet(text: str, meta: ArticleMeta, lex: MetadataLexicon) -> None:
    known = lex.lexicon.agencies
    for m in lex.agency_prefix.finditer(text):
        name = m.group("name").strip()
        meta.agencies.append(known.get(name_key(name), name))
    keys = {name_key(a) for a in meta.agencies}
    head_key = text_key = None  # the lead's and the whole text's name keys, computed once if an alias needs them
    for alias_key, canonical in known.items():
        if len(alias_key) < 4 or name_key(canonical) in keys:
            continue
        if head_key is None:
            head_key = name_key(text[:2000])
        if _alias_pattern(alias_key).search(head_key):
            if text_key is None:
                text_key = name_key(text)
            if lex.credits_agency(alias_key, text_key):
                meta.agencies.append(canonical)
                keys.add(name_key(canonical))
    seen: set[str] = set()
    meta.agencies = [a for a in meta.agencies if not (name_key(a) in seen or seen.add(name_key(a)))]
    counts: dict[str, int] = {}
    for m in lex.outlet.finditer(text):
        name = m.group("name").strip()
        key = name_key(name)
        if key in known or key in keys or len(name.split()) > 3:
            continue
        counts[name] = counts.get(name, 0) + 1
    if counts:
        meta.outlet = max(counts, key=lambda k: counts[k])
