"""Plain CSV of events: one row an event, the fields as Marsad stores them plus their English forms."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from marsad.export.common import labels, sides
from marsad.records import EventRecord
from marsad.summary import EnglishNames

COLUMNS = ("id", "doc_id", "date", "date_precision", "type", "mode", "modality", "negated", "actors", "recipients",
           "participants", "actors_en", "recipients_en", "location", "location_en", "location_country", "contexts",
           "summary_en", "evidence", "confidence", "title", "url", "outlet", "published", "story_id",
           "canonical_event", "corroboration")
SEP = "; "  # between several values in one cell


def row(ev: EventRecord, names: EnglishNames) -> dict:
    """Return the CSV row of one event (several values in a cell joined by «; »)."""
    actors, recipients, others = sides(ev)

    def arabic(parties):
        return SEP.join(p.name or p.ref for p in parties)
    return {"id": ev.id, "doc_id": ev.doc_id, "date": ev.date or "", "date_precision": ev.date_precision or "",
            "type": ev.type, "mode": ev.mode or "", "modality": ev.modality, "negated": str(ev.negated).lower(),
            "actors": arabic(actors), "recipients": arabic(recipients), "participants": arabic(others),
            "actors_en": SEP.join(labels(actors, names)), "recipients_en": SEP.join(labels(recipients, names)),
            "location": ev.location or "", "location_en": names.place(ev.location, ev.location_country) or "",
            "location_country": ev.location_country or "", "contexts": SEP.join(ev.contexts),
            "summary_en": ev.summary_en, "evidence": ev.evidence, "confidence": f"{ev.confidence:.3f}",
            "title": ev.doc_title or "", "url": ev.doc_url or "", "outlet": ev.doc_outlet or "",
            "published": ev.doc_published or "", "story_id": ev.story_id or "",
            "canonical_event": ev.canonical_id or "", "corroboration": ev.corroboration}


def write_rows(columns: Iterable[str], rows: Iterable[dict]) -> Iterator[str]:
    """Yield CSV text (a header, then one line a row; RFC 4180 quoting), a chunk a row."""
    buf = io.StringIO()
    out = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    out.writeheader()
    yield buf.getvalue()
    for r in rows:
        buf.seek(0)
        buf.truncate()
        out.writerow(r)
        yield buf.getvalue()


def write(records: Iterable[EventRecord], names: EnglishNames) -> Iterator[str]:
    """Yield the CSV of these events."""
    return write_rows(COLUMNS, (row(ev, names) for ev in records))
