"""Headline, byline, dateline, credited agencies and self-credited outlet of an article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.lexicon import agencies, months, places
from marsad.text.normalize import name_key

HEADLINE_MAX_WORDS = 25
LEAD_CHARS = 400  # datelines and bylines sit in the first lines of a wire or web article

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in ("يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يونيه "
                                                      "يوليو يوليه أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر "
                                                      "ديسمبر شباط آذار نيسان أيار حزيران تموز آب أيلول "
                                                      "جانفي فيفري أفريل ماي جوان جويلية أوت").split()
                                                      + ["كانون الثاني", "كانون الأول", "تشرين الأول",
                                                         "تشرين الثاني"]), key=len, reverse=True))
_DIGITS = r"[0-9\u0660-\u0669]"
# «القاهرة، 27 ديسمبر – (…)», «لندن - 3 مارس 2021 (رويترز) -»
DATELINE_RE = re.compile(
    rf"^(?P<city>[\u0621-\u064A]+(?: [\u0621-\u064A]+)?)\s*[،,]?\s*(?:[-–—]\s*)?"
    rf"(?P<day>{_DIGITS}{{1,2}})\s+(?P<month>{_MONTH_ALT})(?:\s+(?P<year>{_DIGITS}{{4}}))?"
    rf"\s*(?:[-–—:]|\()"
)
# «القاهرة - (أ ف ب) -», «بيروت (رويترز) -»
DATELINE_AGENCY_RE = re.compile(r"^(?P<city>[\u0621-\u064A]+(?: [\u0621-\u064A]+)?)\s*[-–—:]?\s*\((?P<credit>[^()\n]{2,60})\)")
CREDIT_RE = re.compile(r"^[^()\n]{0,80}?\((?P<credit>[^()\n]{2,80})\)")
BYLINE_RE = re.compile(r"^(?:كتبته|كتبه|كتبت|كتب|بقلم|إعداد|اعداد|تقرير|متابعة)(?:\s*[:/]\s*|\s+)(?P<name>[^\n:،,]{3,60})$")
# Elaph-style lead: «صبري عبد الحفيظ من القاهرة: …»
BYLINE_FROM_RE = re.compile(
    r"^(?P<name>[\u0621-\u064A]+(?: [\u0621-\u064A]+){1,3}) من (?P<city>[\u0621-\u064A]+(?: [\u0621-\u064A]+)?)\s*:")
OUTLET_RE = re.compile(r"(?<![\u0621-\u064A])لـ?\s?[«\"“](?P<name>[^»\"”\n]{2,30})[»\"”]")
AGENCY_PREFIX_RE = re.compile(r"(?<![\u0621-\u064A])(?:ل|و|ب)?وكالة\s*[«\"“]?(?P<name>[\u0621-\u064A ]{2,30}?)[»\"”]")


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


def _month_number(name: str) -> int | None:
    hit = months().get(name_key(name))
    return hit[0] if hit and hit[1] != "hijri" else None


def _to_int(digits: str) -> int:
    return int(name_key(digits))


def _split_credit(credit: str) -> list[str]:
    parts = re.split(r"[/،,]|\s[-–—]\s", credit)
    out = []
    for p in parts:
        p = re.sub(r"[.\u06d4\u061f]+", " ", p).strip(" -–—")
        p = " ".join(p.split())
        if p and re.search(r"[\u0600-\u06FF]", p) and len(p.split()) <= 5:
            out.append(agencies().get(name_key(p), p))
    return out


def _is_headline(line: str, rest: str) -> bool:
    words = line.split()
    if not words or len(words) > HEADLINE_MAX_WORDS or not rest.strip():
        return False
    stripped = line.rstrip()
    if stripped.endswith((".", "؟", "!", ":", "،")) and not stripped.endswith(".."):
        return False
    return not BYLINE_RE.match(line) and not DATELINE_RE.match(line)


def extract_metadata(text: str) -> ArticleMeta:
    """Return the headline, byline, dateline, agencies and outlet found in the cleaned text."""
    meta = ArticleMeta()
    lines = text.split("\n")
    offset = 0
    first_body = True
    for line in lines[:6]:
        stripped = line.strip()
        if not stripped:
            offset += len(line) + 1
            continue
        if first_body and meta.title is None and _is_headline(stripped, text[offset + len(line):]):
            meta.title = stripped
        elif meta.byline is None and (m := BYLINE_RE.match(stripped)):
            meta.byline = m.group("name").strip()
        else:
            if meta.dateline_city is None and offset < LEAD_CHARS:
                _read_dateline(stripped, offset + (len(line) - len(line.lstrip())), meta)
            if meta.byline is None and (m := BYLINE_FROM_RE.match(stripped)):
                meta.byline = m.group("name")
                if meta.dateline_city is None:
                    meta.dateline_city = m.group("city")
        first_body = False
        offset += len(line) + 1
    _find_agencies_and_outlet(text, meta)
    return meta


def _read_dateline(line: str, line_start: int, meta: ArticleMeta) -> None:
    m = DATELINE_RE.match(line)
    if m:
        month = _month_number(m.group("month"))
        day = _to_int(m.group("day"))
        if month and 1 <= day <= 31:
            meta.dateline_city = m.group("city")
            year = m.group("year")
            meta.dateline_date = f"{_to_int(year):04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
            meta.dateline_span = (line_start, line_start + m.end("month") if not year else line_start + m.end("year"))
            credit = CREDIT_RE.match(line[m.start("month"):])
            if credit:
                meta.agencies.extend(_split_credit(credit.group("credit")))
            return
    m = DATELINE_AGENCY_RE.match(line)
    if m and name_key(m.group("city")) in places():
        meta.dateline_city = m.group("city")
        meta.dateline_span = (line_start, line_start + m.end("city"))
        meta.agencies.extend(_split_credit(m.group("credit")))


def _find_agencies_and_outlet(text: str, meta: ArticleMeta) -> None:
    known = agencies()
    for m in AGENCY_PREFIX_RE.finditer(text):
        name = m.group("name").strip()
        meta.agencies.append(known.get(name_key(name), name))
    keys = {name_key(a) for a in meta.agencies}
    for alias_key, canonical in known.items():
        if len(alias_key) < 4 or name_key(canonical) in keys:
            continue
        if re.search(rf"(?<![\u0621-\u064A]){re.escape(alias_key)}(?![\u0621-\u064A])", name_key(text[:2000])):
            if re.search(rf"\(\s*{re.escape(alias_key)}\s*\)|وكاله\s*\W?{re.escape(alias_key)}", name_key(text)):
                meta.agencies.append(canonical)
                keys.add(name_key(canonical))
    seen: set[str] = set()
    meta.agencies = [a for a in meta.agencies if not (name_key(a) in seen or seen.add(name_key(a)))]
    counts: dict[str, int] = {}
    for m in OUTLET_RE.finditer(text):
        name = m.group("name").strip()
        key = name_key(name)
        if key in known or key in keys or len(name.split()) > 3:
            continue
        counts[name] = counts.get(name, 0) + 1
    if counts:
        meta.outlet = max(counts, key=lambda k: counts[k])
