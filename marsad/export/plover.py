"""PLOVER-style JSON Lines: one event a line with the PLOVER fields (Open Event Data Alliance, PLOVER manual
0.7b1, «JSON Data Fields»): id, date, actor, recipient, event, mode, context, event_loc, event_text, text_info,
cite_info (with quad_code); Marsad's own fields follow under their own names.

PLOVER's lists are kept as lists (event, mode, context, event_text); an actor object carries `code` (ISO
3166 alpha-3 of its state), `sector` (GOV, MIL, COP, SPY, LEG, JUD, REB, …, from its post or organisation),
`actor_text` (the Arabic name), `identifier_id` (Marsad's actor id across articles) and `identifier_text` (its
Latin or English name), `office` (its post in English). The manual's older name for `actor` is `source`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from marsad import __version__
from marsad.export.common import full_date, sides
from marsad.records import EventRecord, Party
from marsad.summary import EnglishNames

PLOVER_FIELDS = ("id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
                 "text_info", "cite_info")
MARSAD_FIELDS = ("quad_code", "participants", "date_precision", "modality", "negated", "confidence", "summary_en",
                 "published", "doc_id", "story_id", "canonical_event", "corroboration")
# PLOVER's quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
        "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}


def actor_object(p: Party, names: EnglishNames) -> dict:
    """Return the PLOVER actor object of a participant (Marsad's `ref`, `type` and Arabic `titles` added)."""
    state = names.state(p.country)
    office = names.title(p.titles).post if p.type == "PER" else None
    text = p.name if p.type != "STATE" else names.lex.country_names.get(p.country or "")
    return {"code": state.iso3 if state else None, "sector": names.sector(p), "actor_text": text,
            "identifier_id": p.kb_id, "identifier_text": names.label(p), "office": office,
            "ref": p.ref, "type": p.type, "titles": list(p.titles)}


def location_object(ev: EventRecord, names: EnglishNames) -> dict | None:
    """Return the PLOVER (geonames-style) location object of an event; coordinates are not known here."""
    if not ev.location:
        return None
    state = names.state(ev.location_country)
    return {"name": names.place(ev.location, ev.location_country) or ev.location, "name_arabic": ev.location,
            "country code": ev.location_country, "cc3": state.iso3 if state else None,
            "latitude": None, "longitude": None}


def record(ev: EventRecord, names: EnglishNames) -> dict:
    """Return the PLOVER record of one event."""
    actors, recipients, others = sides(ev)
    return {
        "id": ev.id, "date": full_date(ev.date),
        "actor": [actor_object(p, names) for p in actors],
        "recipient": [actor_object(p, names) for p in recipients],
        "event": [ev.type], "mode": [ev.mode] if ev.mode else [], "context": list(ev.contexts),
        "event_loc": location_object(ev, names), "event_text": [ev.evidence],
        "text_info": {"start": ev.evidence_start, "end": ev.evidence_end},
        "cite_info": {"corpus": "marsad", "citation": ev.doc_id, "url": ev.doc_url, "title": ev.doc_title,
                      "language": "ar", "publication": ev.doc_outlet, "coder": f"Marsad {__version__}",
                      "codebook": "plover-0.7b1"},
        "quad_code": QUAD.get(ev.type),
        "participants": [actor_object(p, names) for p in others],
        "date_precision": ev.date_precision if ev.date else None, "modality": ev.modality, "negated": ev.negated,
        "confidence": round(ev.confidence, 3), "summary_en": ev.summary_en, "published": ev.doc_published,
        "doc_id": ev.doc_id, "story_id": ev.story_id, "canonical_event": ev.canonical_id,
        "corroboration": ev.corroboration,
    }


def write(records: Iterable[EventRecord], names: EnglishNames) -> Iterator[str]:
    """Yield one JSON line per event."""
    for ev in records:
        yield json.dumps(record(ev, names), ensure_ascii=False) + "\n"
