"""What several export formats share: dates padded to YYYY-MM-DD, roles, English labels of participants."""

from __future__ import annotations

from marsad.records import EventRecord, Party
from marsad.summary import EnglishNames


def full_date(value: str | None) -> str | None:
    """Return a date value as YYYY-MM-DD, a month or year given its first day («2025-03» → «2025-03-01»)."""
    if not value or not value[:4].isdigit():
        return None
    if len(value) == 4:
        return f"{value}-01-01"
    if len(value) == 7:
        return f"{value}-01"
    return value[:10]


def sides(ev: EventRecord) -> tuple[list[Party], list[Party], list[Party]]:
    """Return an event's (actors, recipients, others). With neither actors nor recipients, the participants are
    its actors: PLOVER codes a reciprocal event (a meeting) as all sources and no recipient."""
    actors, recipients, others = ev.role("actor"), ev.role("recipient"), ev.role("participant")
    if not actors and not recipients:
        return others, [], []
    return actors, recipients, others


def labels(parties: list[Party], names: EnglishNames) -> list[str]:
    """Return the English labels of these parties, each once, in order."""
    return list(dict.fromkeys(names.label(p) for p in parties))
