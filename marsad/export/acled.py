"""ACLED-style CSV: one row an event, with ACLED's column names where they apply (ACLED codebook), then Marsad's.

PLOVER types map to ACLED event types and sub-event types as follows (the mode refines ASSAULT and COERCE):

| PLOVER (mode) | ACLED event_type | sub_event_type |
| --- | --- | --- |
| ASSAULT (aerial) | Explosions/Remote violence | Air/drone strike |
| ASSAULT (artillery) | Explosions/Remote violence | Shelling/artillery/missile attack |
| ASSAULT (explosives) | Explosions/Remote violence | Remote explosive/landmine/IED |
| ASSAULT (abduction) | Violence against civilians | Abduction/forced disappearance |
| ASSAULT (assassination, execution) | Violence against civilians | Attack |
| ASSAULT (armed, clash, offensive, other) | Battles | Armed clash |
| PROTEST (any) | Protests | Peaceful protest |
| COERCE (dispersal) | Protests | Protest with intervention |
| COERCE (arrest) | Strategic developments | Arrests |
| COERCE (seize) | Strategic developments | Looting/property destruction |
| AGREE | Strategic developments | Agreement |
| MOBILIZE | Strategic developments | Change to group/activity |
| every other type and mode | Strategic developments | Other |

ACLED records what happened: an event Marsad reads as planned, hypothetical or offered, or as denied, is
written as Strategic developments / Other and its `tags` say why (`planned`, `denied`, …). Coordinates and
fatalities are not extracted: `latitude`, `longitude`, `geo_precision` and `fatalities` are left empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import urlparse

from marsad.export.common import full_date, labels, sides
from marsad.export.events_csv import SEP, write_rows
from marsad.records import EventRecord
from marsad.summary import EnglishNames

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1",
                 "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "tags")
MARSAD_COLUMNS = ("plover_type", "plover_mode", "modality", "negated", "contexts", "summary_en", "evidence", "url",
                  "published", "corroboration")
COLUMNS = ACLED_COLUMNS + MARSAD_COLUMNS

STRATEGIC = ("Strategic developments", "Other")
BY_MODE = {
    ("ASSAULT", "aerial"): ("Explosions/Remote violence", "Air/drone strike"),
    ("ASSAULT", "artillery"): ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("ASSAULT", "explosives"): ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("ASSAULT", "abduction"): ("Violence against civilians", "Abduction/forced disappearance"),
    ("ASSAULT", "assassination"): ("Violence against civilians", "Attack"),
    ("ASSAULT", "execution"): ("Violence against civilians", "Attack"),
    ("COERCE", "dispersal"): ("Protests", "Protest with intervention"),
    ("COERCE", "arrest"): ("Strategic developments", "Arrests"),
    ("COERCE", "seize"): ("Strategic developments", "Looting/property destruction"),
}
BY_TYPE = {
    "ASSAULT": ("Battles", "Armed clash"),
    "PROTEST": ("Protests", "Peaceful protest"),
    "AGREE": ("Strategic developments", "Agreement"),
    "MOBILIZE": ("Strategic developments", "Change to group/activity"),
}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Strategic developments": "Strategic developments"}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
UNKNOWN_ACTOR = {"ASSAULT": "Unidentified Armed Group", "COERCE": "Unidentified Armed Group",
                 "PROTEST": "Protesters"}


def acled_type(ev: EventRecord) -> tuple[str, str]:
    """Return the ACLED (event_type, sub_event_type) of an event (see the module's table)."""
    if ev.modality != "asserted" or ev.negated:
        return STRATEGIC
    return BY_MODE.get((ev.type, ev.mode)) or BY_TYPE.get(ev.type) or STRATEGIC


def _disorder(event_type: str, sub_event_type: str) -> str:
    if sub_event_type == "Protest with intervention":
        return "Political violence; Demonstrations"
    return DISORDER[event_type]


def _source(ev: EventRecord) -> str:
    if ev.doc_outlet:
        return ev.doc_outlet
    return urlparse(ev.doc_url).netloc if ev.doc_url else ""


def row(ev: EventRecord, names: EnglishNames) -> dict:
    """Return the ACLED-style row of one event."""
    actors, recipients, _ = sides(ev)
    first = labels(actors, names) or [UNKNOWN_ACTOR.get(ev.type, "")]
    second = labels(recipients, names)
    event_type, sub = acled_type(ev)
    tags = ([ev.modality] if ev.modality != "asserted" else []) + (["denied"] if ev.negated else [])
    country = ev.location_country or next((p.country for p in actors if p.country), None)
    return {"event_id_cnty": ev.id, "event_date": full_date(ev.date) or "", "year": ev.date[:4] if ev.date else "",
            "time_precision": TIME_PRECISION.get(ev.date_precision or "day", 1) if ev.date else "",
            "disorder_type": _disorder(event_type, sub), "event_type": event_type, "sub_event_type": sub,
            "actor1": first[0], "assoc_actor_1": SEP.join(first[1:]),
            "actor2": second[0] if second else "", "assoc_actor_2": SEP.join(second[1:]),
            "country": names.state_name(country) or "", "admin1": "",
            "location": names.place(ev.location, ev.location_country) or "", "latitude": "", "longitude": "",
            "geo_precision": "", "source": _source(ev), "notes": ev.summary_en, "fatalities": "",
            "tags": SEP.join(tags), "plover_type": ev.type, "plover_mode": ev.mode or "", "modality": ev.modality,
            "negated": str(ev.negated).lower(), "contexts": SEP.join(ev.contexts), "summary_en": ev.summary_en,
            "evidence": ev.evidence, "url": ev.doc_url or "", "published": ev.doc_published or "",
            "corroboration": ev.corroboration}


def write(records: Iterable[EventRecord], names: EnglishNames) -> Iterator[str]:
    """Yield the ACLED-style CSV of these events."""
    return write_rows(COLUMNS, (row(ev, names) for ev in records))
