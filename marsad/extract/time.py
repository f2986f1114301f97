"""Temporal expressions, resolved against the publication date.

Absolute dates (Arabic or Latin digits; Egyptian/Gulf, Levantine and Maghrebi month names;
Hijri dates converted with hijridate), weekdays, «اليوم», «أمس», «أمس الأحد», «أول من أمس», «غدا»,
«بعد غد», «الخميس الماضي / المقبل», «الأسبوع الماضي», «الشهر الماضي», «مطلع الشهر», «منذ عام 2014»,
«بعد أسبوع من», «هذا الشهر», «خلال اليومين الماضيين»; a month named without its year, alone after «في» / «خلال» / «شهر» or with a part
or relative word («أواخر أغسطس الماضي», «في حزيران/يونيو», «شباط/فبراير الفائت»), dated to the month against
the publication date; «في نفس اليوم» is found and left unresolved (it is not the publication day).
Without a publication date, relative expressions stay unresolved: no date is ever invented.

Some expressions are found so that they never date an event, with a `kind` saying why: «ثورة 25
يناير» names a happening (`name`), «حتى 8 أغسطس» ends a period (`until`), «منذ 30 مارس» opens one
(`since`), «بعد أربعة أعوام», «منذ ثلاث سنوات» and «خلال السنوات الأخيرة» are lengths of time (`duration`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from marsad.lexicon import Lexicon, default_lexicon
from marsad.model import Document, TimeExpr
from marsad.text.normalize import NormView, norm_char_key

LETTERS = r"\u0621-\u064A"  # the Arabic letters, as a regex character range
DIGIT = r"[0-9]"  # the patterns run on the normalised view, where every digit is Latin
# The kinds of expression, in the order their patterns (time.patterns) are tried.
KINDS = ("named_date", "hijri", "hijri_year", "dmy", "numeric", "iso", "month_year", "since_year",
         "weekday_rel", "day_before", "today_weekday", "tomorrow", "weekday", "yesterday", "same_day", "today",
         "start_of", "rel_period", "month_only", "duration", "ago")
# The kinds of TimeExpr that never date an event: names, ends and starts of periods, lengths of time.
NOT_EVENT_DATES = frozenset({"name", "until", "since", "duration"})
FUTURE_WINDOW = (8, 4)  # words before and after a bare weekday where a future verb makes it future


def _fill(template: str, **fill: str) -> str:
    for k, v in fill.items():
        template = template.replace("{" + k + "}", v)
    return template


def _alternation(words: set[str] | list[str]) -> str:
    """Return a regex alternation of `words`, longest first (no word shadows a longer one)."""
    return "|".join(sorted({re.escape(w) for w in words}, key=lambda w: (-len(w), w)))


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """What `find_times` needs from a Lexicon: compiled patterns and the word tables of `resolve`."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    # each pattern without its word edge before: a quick first search that the whole pattern can only match where
    # this does (the edge's lookbehinds, tried at every position, are most of a pattern's cost)
    gates: tuple[re.Pattern[str], ...]
    future_cues: re.Pattern[str]
    not_future: frozenset[str]  # future_cue_exceptions.txt: nouns that look like future verbs
    months: dict[str, tuple[int, str]]
    weekdays: dict[str, int]
    directions: dict[str, str]  # relative_time_words.tsv: past, future, current, since, before, after
    units: dict[str, str]  # period_units.tsv: week, month, year
    durations: dict[str, int]  # duration_words.tsv: length in days
    counts: frozenset[str]  # the bare numbers among them, a length of time only with «أيام» after them
    report_words: frozenset[str]  # quote_cues.txt and complementizers.txt: a weekday next to one dates a report


@lru_cache(maxsize=16)
def time_lexicon(lexicon: Lexicon) -> TimeLexicon:
    """Return the compiled time knowledge of `lexicon` (built once per Lexicon; safe to share)."""
    month_of = lexicon.months
    templates = lexicon.patterns("time")
    durations = {norm_char_key(r[0]): int(r[1]) for r in lexicon.rows("duration_words.tsv")}
    counts = frozenset(norm_char_key(r[0]) for r in lexicon.rows("duration_words.tsv") if r[2:] == ["count"])
    fill = {
        "b": _fill(templates["edge_before"], letters=LETTERS),
        "e": _fill(templates["edge_after"], letters=LETTERS),
        "D": DIGIT,
        "months": _alternation({k for k, (_, s) in month_of.items() if s != "hijri"}),
        "hijri_months": _alternation({k for k, (_, s) in month_of.items() if s == "hijri"}),
        "weekdays": _alternation(set(lexicon.weekdays)),
        "amounts": "|".join(re.escape(w) for w in durations),
        "letters": LETTERS,
        "bounds": _alternation({norm_char_key(w) for w, d in lexicon.rows("relative_time_words.tsv")
                                if d in ("since", "until")}),
        "name_heads": _alternation(set(lexicon.words("date_name_heads"))),
        "parts": _alternation({norm_char_key(r[0]) for r in lexicon.rows("period_parts.tsv")}),
        "rel": _alternation({norm_char_key(w) for w, d in lexicon.rows("relative_time_words.tsv")
                             if d in ("past", "future", "current")}),
    }
    return TimeLexicon(
        patterns=tuple((kind, re.compile(_fill(templates[kind], **fill))) for kind in KINDS),
        gates=tuple(re.compile(_fill(templates[kind], **(fill | {"b": ""}))) for kind in KINDS),
        future_cues=re.compile(_fill(templates["future_cues"], letters=LETTERS)),
        not_future=lexicon.words("future_cue_exceptions"),
        months=month_of,
        weekdays=lexicon.weekdays,
        directions={norm_char_key(w): d for w, d in lexicon.rows("relative_time_words.tsv")},
        units={norm_char_key(w): u for w, u in lexicon.rows("period_units.tsv")},
        durations=durations,
        counts=counts,
        report_words=lexicon.words("quote_cues") | lexicon.words("complementizers"),
    )


def _data(lexicon: Lexicon | None) -> TimeLexicon:
    return time_lexicon(lexicon if lexicon is not None else default_lexicon())


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _pub(published: str | None) -> date | None:
    if published and re.fullmatch(r"\d{4}-\d\d-\d\d", published):
        return date.fromisoformat(published)
    return None


def _next_month(pub: date, step: int) -> tuple[int, int]:
    y, m = pub.year, pub.month + step
    return (y - 1, 12) if m == 0 else (y + 1, 1) if m == 13 else (y, m)


def resolve(kind: str, groups: tuple[str | None, ...], pub: date | None, context: str,
            lexicon: Lexicon | None = None, reported: bool = False) -> tuple[str | None, str | None, str]:
    """Return (value, precision, kind) for one matched expression; value None when unresolvable.

    `groups` are the groups of the kind's pattern in `lexicon` (normalised text); `context` is the
    normalised clause around the expression (a few words either side); `reported` says the expression dates a
    report («قال الأحد إن …», «ذكرت، الثلاثاء، أن …»), which lies in the past whatever future verb follows.
    """
    lex = _data(lexicon)
    month_of = lex.months
    direction = lex.directions
    first = groups[0] if groups else None
    if kind == "named_date":
        return None, None, "name"  # «ثورة 25 يناير»: the name of a happening, not a date
    if kind == "duration":
        # «بعد أربعة أعوام», «منذ ثلاث سنوات», «خلال السنوات الأخيرة»: a length of time, no date
        return None, None, "duration"
    if kind == "dmy":
        bound, d, mname, y = groups
        vkind = direction.get(bound or "", "date") if bound else "date"
        vkind = vkind if vkind in ("since", "until") else "date"
        m = month_of.get(mname or "", (0, ""))[0]
        if y:
            day = _day(int(y), m, int(d or 0))
            return (day.isoformat() if day else None), "day", vkind
        if pub:
            day = _day(pub.year, m, int(d or 0))
            if day and day > pub + timedelta(days=31) and vkind != "until":  # a period may end months ahead
                day = _day(pub.year - 1, m, int(d or 0))
            return (day.isoformat() if day else None), "day", vkind
        return f"--{m:02d}-{int(d or 0):02d}", "day", vkind
    if kind == "numeric":
        d, m, y = (int(x) for x in groups)
        day = _day(y, m, d)
        return (day.isoformat() if day else None), "day", "date"
    if kind == "iso":
        y, m, d = (int(x) for x in groups)
        day = _day(y, m, d)
        return (day.isoformat() if day else None), "day", "date"
    if kind == "month_year":
        bound = direction.get(groups[0] or "")
        m = month_of.get(groups[1] or "", (0, ""))[0]
        return f"{int(groups[2]):04d}-{m:02d}", "month", bound if bound in ("since", "until") else "date"
    if kind == "since_year":
        y = int(groups[1])
        if not 1900 <= y <= 2100:
            return None, None, "date"
        return f"{y:04d}", "year", "since" if direction.get(groups[0] or "") == "since" else "date"
    if kind in ("hijri", "hijri_year"):
        return _hijri(kind, groups, month_of)
    if kind == "month_only":
        return _month_only(lex, groups, pub, context)
    if kind == "same_day":
        # «في نفس اليوم» points to the day of another happening told before: it is found (so «اليوم»
        # in it is not read as the publication day) and left unresolved, since which one is unsaid
        return None, None, "same_day"
    if pub is None:
        return None, None, "relative"
    if kind == "today":
        return pub.isoformat(), "day", "date"
    if kind == "today_weekday":
        back = 0 if first or len(groups) < 2 else 1  # group 1 is «اليوم»; without it, «أمس»
        return (pub - timedelta(days=back)).isoformat(), "day", "date"  # «أمس الأحد»: the day before
    if kind == "yesterday":
        return (pub - timedelta(days=1)).isoformat(), "day", "date"
    if kind == "day_before":
        return (pub - timedelta(days=2)).isoformat(), "day", "date"
    if kind == "tomorrow":
        after = 2 if first else 1  # group 1 is «بعد غد», the day after tomorrow
        return (pub + timedelta(days=after)).isoformat(), "day", "date"
    if kind in ("weekday", "weekday_rel"):
        wd = lex.weekdays.get(groups[0] or "", -1)
        if wd < 0:
            return None, None, "date"
        rel = groups[1] if kind == "weekday_rel" else None
        future = direction.get(rel) == "future" if rel is not None else (
            not reported and _future_context(lex, context))
        if future:
            delta = (wd - pub.weekday()) % 7 or 7
            return (pub + timedelta(days=delta)).isoformat(), "day", "date"
        delta = (pub.weekday() - wd) % 7
        if rel is not None and delta == 0:
            delta = 7  # «الخميس الماضي» said on a Thursday is a week ago
        return (pub - timedelta(days=delta)).isoformat(), "day", "date"
    if kind == "rel_period":  # «الشهر الماضي»; «هذا الشهر» (group 3, no relative word): the current one
        unit, rel = lex.units.get(groups[0] or groups[2] or ""), direction.get(groups[1] or "")
        step = -1 if rel == "past" else 1 if rel == "future" else 0
        if unit == "week":
            return (pub + timedelta(days=7 * step)).isoformat(), "week", "date"
        if unit == "month":
            y, m = _next_month(pub, step)
            return f"{y:04d}-{m:02d}", "month", "date"
        return f"{pub.year + step:04d}", "year", "date"
    if kind == "start_of":
        unit, rel = lex.units.get(groups[1] or ""), direction.get(groups[2] or "")
        step = -1 if rel == "past" else 1 if rel == "future" else 0
        if unit == "month":  # «مطلع الشهر»: its month, since which days «مطلع» covers is not said
            y, m = _next_month(pub, step)
            return f"{y:04d}-{m:02d}", "month", "date"
        if unit == "year":
            return f"{pub.year + step:04d}", "year", "date"
        return (pub + timedelta(days=7 * step)).isoformat(), "week", "date"
    if kind == "ago":
        if groups[4]:  # «خلال اليومين الماضيين»: within the week before publication
            return (pub - timedelta(days=1)).isoformat(), "week", "date"
        if groups[5]:  # «خلال الساعات الماضية»: the publication day
            return pub.isoformat(), "day", "date"
        before, amount, unit, of = direction.get(groups[0] or "") == "before", groups[1], groups[2], groups[3]
        if amount in lex.counts and not unit:
            return None, None, "duration"  # «على بعد عشرة كيلومترات»: a distance, not «بعد عشرة أيام»
        days = lex.durations.get(amount or "", 0)
        precision = "day" if days < 7 else "week" if days < 30 else "month"
        if before or of:
            # «بعد أسبوع من زيارة …»: the visit came that long before the reported happening
            return (pub - timedelta(days=days)).isoformat(), precision, "anchor_before" if of else "date"
        return (pub + timedelta(days=days)).isoformat(), precision, "date"
    return None, None, "date"


def _month_only(lex: TimeLexicon, groups: tuple[str | None, ...], pub: date | None,
                context: str) -> tuple[str | None, str | None, str]:
    """Date a month named without its year («أواخر أغسطس الماضي», «في حزيران/يونيو») to the month.

    With «الماضي» it is the latest such month before the publication month, with «المقبل» the next one after it,
    with «الجاري» the publication month's year. Otherwise a future verb around it makes it the next such month
    (this one included) and anything else the latest not after publication. A month with neither a part word, a
    relative word nor a cue before it is no date (kind `skip`): «مارس» is also a verb.
    """
    cue, part, name, rel = groups
    if not (part or cue or rel):
        return None, None, "skip"
    bound = lex.directions.get(cue or "")
    vkind = bound if bound in ("since", "until") else "date"
    m = lex.months.get(name or "", (0, ""))[0]
    if pub is None or not m:
        return None, None, vkind if vkind != "date" else "relative"
    way = lex.directions.get(rel or "")
    if way == "current":
        y = pub.year
    elif way == "past":
        y = pub.year if m < pub.month else pub.year - 1
    elif way == "future" or (way is None and vkind == "date" and _future_context(lex, context)):
        y = pub.year if m > pub.month or (m == pub.month and way is None) else pub.year + 1
    else:
        y = pub.year if m <= pub.month else pub.year - 1
    return f"{y:04d}-{m:02d}", "month", vkind


def _hijri(kind: str, groups: tuple[str | None, ...],
           month_of: dict[str, tuple[int, str]]) -> tuple[str | None, str | None, str]:
    from hijridate import Hijri

    try:
        if kind == "hijri_year":
            y = int(groups[0] or 0)
            return Hijri(y, 1, 1).to_gregorian().isoformat()[:4], "year", "hijri"
        d, mname, y = groups
        m = month_of.get(mname or "", (0, ""))[0]
        if d:
            return Hijri(int(y or 0), m, int(d)).to_gregorian().isoformat(), "day", "hijri"
        return Hijri(int(y or 0), m, 1).to_gregorian().isoformat()[:7], "month", "hijri"
    except (ValueError, OverflowError):
        return None, None, "hijri"


REPORT_REACH = 2  # words before a weekday where the report verb it dates may stand («قال الرئيس الأحد»)


def _dates_report(lexicon: Lexicon, key: str, start: int, end: int) -> bool:
    """Whether the expression at [start, end) of the normalised text dates a report: a verb of saying among the
    REPORT_REACH words before it, or «إن/أن» right after it («قال أردوغان الأحد إن بلاده ستنفذ …»)."""
    words = _data(lexicon).report_words
    sentence_start = _sentence_start(key, start)
    before = [w.strip("،,") for w in key[sentence_start:start].split()[-REPORT_REACH:]]
    after = [w.strip("،,") for w in key[end:end + 40].split()[:2] if w.strip("،,")]
    # «وقال», «فذكرت»: a verb of saying behind its conjunction
    return any(w in words or (len(w) > 3 and w[1:] in words) for w in before) or bool(after and after[0] in words)


def _future_context(lex: TimeLexicon, context: str) -> bool:
    """Return whether a future verb or word stands in `context` (nouns like «سنوات» do not count)."""
    return any(m.group(0).split()[-1] not in lex.not_future and m.group(0).split()[-1][1:] not in lex.not_future
               for m in lex.future_cues.finditer(context))


_BOUNDARY = re.compile(r"[.!؟?\n]")


def _sentence_start(key: str, start: int) -> int:
    """Return where the sentence holding `start` begins in the normalised text."""
    return max((m.end() for m in _BOUNDARY.finditer(key, 0, start)), default=0)


def _sentence_around(key: str, start: int, end: int) -> str:
    left = _sentence_start(key, start)
    right = _BOUNDARY.search(key, end)
    return key[left:right.start() if right else len(key)]


def _clause_around(key: str, start: int, end: int) -> str:
    """Return the words of the sentence around [start, end): FUTURE_WINDOW words before and after."""
    sentence_start = _sentence_start(key, start)
    right = _BOUNDARY.search(key, end)
    before = key[sentence_start:start].split()[-FUTURE_WINDOW[0]:]
    after = key[end:right.start() if right else len(key)].split()[:FUTURE_WINDOW[1]]
    return " ".join([*before, key[start:end], *after])


def find_times(text: str, published: str | None, lexicon: Lexicon | None = None) -> list[TimeExpr]:
    """Return the temporal expressions of `text`, resolved against `published` where possible.

    The patterns and words come from `lexicon` (the default lexicon when None).
    """
    lexicon = lexicon if lexicon is not None else default_lexicon()
    view = NormView.of(text)
    pub = _pub(published)
    taken: list[tuple[int, int]] = []
    out: list[TimeExpr] = []
    tl = time_lexicon(lexicon)
    for (kind, pat), gate in zip(tl.patterns, tl.gates, strict=True):
        if not gate.search(view.key):
            continue
        for m in pat.finditer(view.key):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            start, end = view.to_original(m.start(), m.end())
            context = _clause_around(view.key, m.start(), m.end())
            # only a bare weekday reads `reported`: the other kinds need not look for a verb of saying
            reported = kind == "weekday" and _dates_report(lexicon, view.key, m.start(), m.end())
            value, precision, vkind = resolve(kind, m.groups(), pub, context, lexicon, reported)
            if (kind == "since_year" and value is None) or vkind == "skip":
                continue
            taken.append((m.start(), m.end()))
            out.append(TimeExpr(start, end, text[start:end], value, precision, vkind))
    out.sort(key=lambda t: t.start)
    return out


def add_times(doc: Document, lexicon: Lexicon | None = None) -> None:
    """Fill `doc.times` from the text and the publication date."""
    doc.times = find_times(doc.text, doc.published, lexicon)
