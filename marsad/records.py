"""Plain records of stored events as every surface shows them: the CLI, the exports and the API.

A record is read from the store (`marsad.store.queries.event_records`), given its English summary by the
service (`marsad.summary`), and written by the export modules; none of them needs the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.model import Document


@dataclass(frozen=True, slots=True)
class Party:
    """One participant of an event: a person, organisation or place of the article, or a state (`country:XX`).

    `role` is actor, recipient or participant; `type` PER, ORG, LOC or STATE; `titles` the Arabic posts and
    ranks the article gives a person; `kb_id` the actor a person was linked to across articles.
    """

    ref: str
    role: str
    type: str
    name: str | None = None
    name_latin: str | None = None
    country: str | None = None
    titles: tuple[str, ...] = ()
    kb_id: str | None = None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One stored event with what a reader needs beside it: its article, story and corroboration.

    `id` is «document id:event id»; `date` a date value («2025-03-02», «2025-03», «2025») or None when undated,
    `date_precision` day, week, month or year; `corroboration` how many articles tell the canonical event it
    belongs to (1 when it stands alone); `summary_en` the one-line English summary (empty until the service
    fills it).
    """

    id: str
    doc_id: str
    type: str
    mode: str | None
    modality: str
    negated: bool
    date: str | None
    date_precision: str | None
    location: str | None
    location_country: str | None
    contexts: tuple[str, ...]
    evidence: str
    evidence_start: int
    evidence_end: int
    confidence: float
    parties: tuple[Party, ...] = ()
    doc_title: str | None = None
    doc_url: str | None = None
    doc_outlet: str | None = None
    doc_published: str | None = None
    story_id: str | None = None
    canonical_id: str | None = None
    corroboration: int = 1
    summary_en: str = field(default="", compare=False)

    def role(self, role: str) -> list[Party]:
        """Return the parties with this role (actor, recipient or participant), in the article's order."""
        return [p for p in self.parties if p.role == role]


def records_from_document(doc: Document) -> list[EventRecord]:
    """Return the EventRecords of an analysed (not necessarily stored) document's events, in its order."""
    out = []
    for ev in doc.events:
        roles = {r: "actor" for r in ev.actors} | {r: "recipient" for r in ev.recipients}
        parties = []
        for ref in dict.fromkeys(ev.participants + ev.actors + ev.recipients):
            role = roles.get(ref, "participant")
            if ref.startswith("country:"):
                parties.append(Party(ref, role, "STATE", country=ref.split(":", 1)[1]))
                continue
            ent = doc.entity(ref)
            if ent is None:
                continue
            parties.append(Party(ref, role, ent.type, ent.name, ent.name_latin, ent.country, tuple(ent.titles),
                                 ent.kb_id))
        date, loc = ev.date or {}, ev.location or {}
        value = date.get("value")
        out.append(EventRecord(
            id=f"{doc.id}:{ev.id}", doc_id=doc.id, type=ev.type, mode=ev.mode, modality=ev.modality,
            negated=ev.negated, date=value if value and value[:4].isdigit() else None,
            date_precision=date.get("precision"), location=loc.get("name"), location_country=loc.get("country"),
            contexts=tuple(ev.contexts), evidence=ev.evidence.text, evidence_start=ev.evidence.start,
            evidence_end=ev.evidence.end, confidence=ev.confidence, parties=tuple(parties), doc_title=doc.title,
            doc_url=doc.source.uri, doc_outlet=doc.source.outlet, doc_published=doc.published))
    return out
