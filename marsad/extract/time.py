"""Temporal expressions, resolved against the publication date.

Absolute dates (Arabic or Latin digits; Egyptian/Gulf, Levantine and Maghrebi month names;
Hijri dates converted with hijridate), weekdays, «اليوم», «أمس», «أول أمس», «غدا», «الخميس
الماضي / المقبل», «الأسبوع الماضي», «الشهر الماضي», «مطلع الشهر», «منذ عام 2014», «بعد أسبوع من».
Without a publication date, relative expressions stay unresolved: no date is ever invented.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from marsad.lexicon import months
from marsad.model import Document, TimeExpr
from marsad.text.normalize import NormView, norm_char_key

WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
            "السبت": 5, "الأحد": 6}
_D = r"[0-9]"
FUTURE_CUES = re.compile(r"(?:^|\s)[وف]?(?:سوف|سي[\u0621-\u064A]{2,}|ست[\u0621-\u064A]{3,}|سن[\u0621-\u064A]{3,}|من المقرر|"
                         r"من المنتظر|من المتوقع|المقبل|المقبله|القادم|القادمه)(?=\s|$)")
_NUMBER_WORDS = {"يوم": 1, "يومين": 2, "ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7, "عشره": 10,
                 "اسبوع": 7, "اسبوعين": 14, "شهر": 30, "شهرين": 60}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Return (kind, pattern) pairs over the normalised view (ي for ى, ه for ة, Latin digits)."""
    names = sorted({k for k, (_, s) in months().items() if s != "hijri"}, key=len, reverse=True)
    hijri = sorted({k for k, (_, s) in months().items() if s == "hijri"}, key=len, reverse=True)
    month_alt = "|".join(re.escape(m) for m in names)
    hijri_alt = "|".join(re.escape(m) for m in hijri)
    wd = "|".join(sorted({re.escape(norm_char_key(k)) for k in WEEKDAYS}, key=len, reverse=True))
    # a word edge, or one of the proclitics و ب ف ل glued to the expression («وأمس», «و15 رمضان»)
    b = r"(?:(?<![\u0621-\u064A0-9])|(?<=(?<![\u0621-\u064A0-9])[وبفل]))"
    e = r"(?![\u0621-\u064A0-9])"
    return [
        ("hijri", re.compile(rf"{b}(?:({_D}{{1,2}})\s+)?({hijri_alt})\s+({_D}{{4}})\s*(?:ه|هـ|للهجره|هجريه)?{e}")),
        ("hijri_year", re.compile(rf"{b}({_D}{{4}})\s*(?:هـ|ه|للهجره){e}")),
        ("dmy", re.compile(rf"{b}({_D}{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?({month_alt})\s*(?:[(][^)]{{0,15}}[)]\s*)?(?:(?:عام|سنه)\s+)?({_D}{{4}})?{e}")),
        ("numeric", re.compile(rf"{b}({_D}{{1,2}})[/.-]({_D}{{1,2}})[/.-]({_D}{{4}}){e}")),
        ("iso", re.compile(rf"{b}({_D}{{4}})-({_D}{{2}})-({_D}{{2}}){e}")),
        ("month_year", re.compile(rf"{b}(?:شهر\s+)?({month_alt})\s+(?:(?:عام|سنه)\s+)?({_D}{{4}}){e}")),
        ("since_year", re.compile(rf"{b}(منذ|خلال|في|عام|العام|سنه)\s+(?:عام\s+|العام\s+|سنه\s+)?({_D}{{4}}){e}")),
        ("weekday_rel", re.compile(rf"{b}(?:يوم\s+)?({wd})\s+(الماضي|المنصرم|الفائت|المقبل|القادم){e}")),
        ("today_weekday", re.compile(rf"{b}(?:صباح\s+|مساء\s+|ظهر\s+|فجر\s+)?(?:اليوم|امس)\s+(?:ال)?({wd}){e}")),
        ("weekday", re.compile(rf"{b}(?:يوم\s+)?({wd}){e}")),
        ("day_before", re.compile(rf"{b}(?:اول\s+امس|امس\s+الاول){e}")),
        ("yesterday", re.compile(rf"{b}(?:صباح\s+|مساء\s+|ليل\s+)?(?:ال)?امس{e}")),
        ("tomorrow", re.compile(rf"{b}(?:بعد\s+غد|غدا|غد){e}")),
        ("today", re.compile(rf"{b}(?:صباح\s+|مساء\s+|ظهر\s+|فجر\s+)?(?:اليوم|الليله){e}")),
        ("start_of", re.compile(rf"{b}(مطلع|بدايه|اوائل|منتصف|اواخر|نهايه)\s+(الشهر|الاسبوع|العام)\s*(الماضي|الجاري|الحالي|المقبل|القادم)?{e}")),
        ("rel_period", re.compile(rf"{b}(الاسبوع|الشهر|العام|السنه)\s+(الماضي|المنصرم|الفائت|المقبل|القادم|الجاري|الحالي){e}")),
        ("ago", re.compile(rf"{b}(قبل|بعد)\s+(يوم|يومين|ثلاثه|اربعه|خمسه|سته|سبعه|عشره|اسبوع|اسبوعين|شهر|شهرين)(?:\s+ايام)?(\s+من)?{e}")),
    ]


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _pub(published: str | None) -> date | None:
    if published and re.fullmatch(r"\d{4}-\d\d-\d\d", published):
        return date.fromisoformat(published)
    return None


def _is_future(context: str) -> bool:
    return bool(FUTURE_CUES.search(context))


def _weekday_index(word: str) -> int:
    for k, v in WEEKDAYS.items():
        if norm_char_key(k) == word:
            return v
    return -1


def resolve(kind: str, groups: tuple[str | None, ...], pub: date | None, context: str) -> tuple[str | None, str | None, str]:
    """Return (value, precision, kind) for one matched expression; value None when unresolvable."""
    month_of = months()
    if kind == "dmy":
        d, mname, y = groups
        m = month_of.get(mname or "", (0, ""))[0]
        if y:
            day = _day(int(y), m, int(d))
            return (day.isoformat() if day else None), "day", "date"
        if pub:
            day = _day(pub.year, m, int(d))
            if day and day > pub + timedelta(days=31):
                day = _day(pub.year - 1, m, int(d))
            return (day.isoformat() if day else None), "day", "date"
        return f"--{m:02d}-{int(d):02d}", "day", "date"
    if kind == "numeric":
        d, m, y = (int(x) for x in groups)
        day = _day(y, m, d)
        return (day.isoformat() if day else None), "day", "date"
    if kind == "iso":
        y, m, d = (int(x) for x in groups)
        day = _day(y, m, d)
        return (day.isoformat() if day else None), "day", "date"
    if kind == "month_year":
        m = month_of.get(groups[0] or "", (0, ""))[0]
        return f"{int(groups[1]):04d}-{m:02d}", "month", "date"
    if kind == "since_year":
        y = int(groups[1])
        if not 1900 <= y <= 2100:
            return None, None, "date"
        return f"{y:04d}", "year", "since" if groups[0] == "منذ" else "date"
    if kind in ("hijri", "hijri_year"):
        return _hijri(kind, groups)
    if pub is None:
        return None, None, "relative"
    if kind == "today" or kind == "today_weekday":
        return pub.isoformat(), "day", "date"
    if kind == "yesterday":
        return (pub - timedelta(days=1)).isoformat(), "day", "date"
    if kind == "day_before":
        return (pub - timedelta(days=2)).isoformat(), "day", "date"
    if kind == "tomorrow":
        return (pub + timedelta(days=1)).isoformat(), "day", "date"
    if kind in ("weekday", "weekday_rel"):
        wd = _weekday_index(groups[0] or "")
        if wd < 0:
            return None, None, "date"
        rel = groups[1] if kind == "weekday_rel" else None
        future = rel in ("المقبل", "القادم") or (rel is None and _is_future(context))
        if future:
            delta = (wd - pub.weekday()) % 7 or 7
            return (pub + timedelta(days=delta)).isoformat(), "day", "date"
        delta = (pub.weekday() - wd) % 7
        if rel is not None and delta == 0:
            delta = 7  # «الخميس الماضي» said on a Thursday is a week ago
        return (pub - timedelta(days=delta)).isoformat(), "day", "date"
    if kind == "rel_period":
        unit, rel = groups
        step = -1 if rel in ("الماضي", "المنصرم", "الفائت") else 1 if rel in ("المقبل", "القادم") else 0
        if unit == "الاسبوع":
            return (pub + timedelta(days=7 * step)).isoformat(), "week", "date"
        if unit == "الشهر":
            y, m = pub.year, pub.month + step
            y, m = (y - 1, 12) if m == 0 else (y + 1, 1) if m == 13 else (y, m)
            return f"{y:04d}-{m:02d}", "month", "date"
        return f"{pub.year + step:04d}", "year", "date"
    if kind == "start_of":
        part, unit, rel = groups
        step = -1 if rel in ("الماضي",) else 1 if rel in ("المقبل", "القادم") else 0
        if unit == "الشهر":
            y, m = pub.year, pub.month + step
            y, m = (y - 1, 12) if m == 0 else (y + 1, 1) if m == 13 else (y, m)
            day = {"مطلع": 3, "بدايه": 3, "اوائل": 5, "منتصف": 15, "اواخر": 25, "نهايه": 27}[part or "مطلع"]
            return f"{y:04d}-{m:02d}-{day:02d}", "week", "date"
        if unit == "العام":
            return f"{pub.year + step:04d}", "year", "date"
        return (pub + timedelta(days=7 * step)).isoformat(), "week", "date"
    if kind == "ago":
        direction, amount, of = groups
        days = _NUMBER_WORDS.get(amount or "", 0)
        precision = "day" if days < 7 else "week" if days < 30 else "month"
        if direction == "قبل" or of:
            # «بعد أسبوع من زيارة …»: the visit came that long before the reported happening
            return (pub - timedelta(days=days)).isoformat(), precision, "anchor_before" if of else "date"
        return (pub + timedelta(days=days)).isoformat(), precision, "date"
    return None, None, "date"


def _hijri(kind: str, groups: tuple[str | None, ...]) -> tuple[str | None, str | None, str]:
    from hijridate import Hijri

    try:
        if kind == "hijri_year":
            y = int(groups[0] or 0)
            return Hijri(y, 1, 1).to_gregorian().isoformat()[:4], "year", "hijri"
        d, mname, y = groups
        m = months().get(mname or "", (0, ""))[0]
        if d:
            return Hijri(int(y or 0), m, int(d)).to_gregorian().isoformat(), "day", "hijri"
        return Hijri(int(y or 0), m, 1).to_gregorian().isoformat()[:7], "month", "hijri"
    except (ValueError, OverflowError):
        return None, None, "hijri"


_BOUNDARY = re.compile(r"[.!؟?\n]")


def _sentence_around(key: str, start: int, end: int) -> str:
    left = max((m.end() for m in _BOUNDARY.finditer(key, 0, start)), default=0)
    right = _BOUNDARY.search(key, end)
    return key[left:right.start() if right else len(key)]


def find_times(text: str, published: str | None) -> list[TimeExpr]:
    """Return the temporal expressions of `text`, resolved against `published` where possible."""
    view = NormView.of(text)
    pub = _pub(published)
    taken: list[tuple[int, int]] = []
    out: list[TimeExpr] = []
    for kind, pat in _patterns():
        for m in pat.finditer(view.key):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            start, end = view.to_original(m.start(), m.end())
            value, precision, vkind = resolve(kind, m.groups(), pub, _sentence_around(view.key, m.start(), m.end()))
            if kind == "since_year" and value is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(TimeExpr(start, end, text[start:end], value, precision, vkind))
    out.sort(key=lambda t: t.start)
    return out


def add_times(doc: Document) -> None:
    """Fill `doc.times` from the text and the publication date."""
    doc.times = find_times(doc.text, doc.published)
