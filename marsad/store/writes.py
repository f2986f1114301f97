"""Writing documents: one Document as rows in one transaction (insert-or-ignore on its content), and deletion.

Rows are inserted with Core statements (a document, then its entities and events with RETURNING for their
keys, then mentions, participants, quotes and search rows), the document row with ON CONFLICT DO NOTHING,
so two writers storing the same content never raise an IntegrityError: the second finds it stored.
Children go with their document through ON DELETE CASCADE.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from marsad.model import Document
from marsad.store.actor_counts import recount
from marsad.store.dates import period_start, real_day
from marsad.store.schema import (
    DocBandRow,
    DocStateRow,
    DocumentRow,
    DuplicateRow,
    EntityRow,
    EventBlockRow,
    EventRow,
    MentionRow,
    ParticipantRow,
    QuoteRow,
    SearchRow,
    StoryRow,
)
from marsad.store.sql import chunks, select_in
from marsad.text.normalize import name_key

META_FIELDS = ("title", "url", "outlet", "byline", "published", "published_origin")


def _published(doc: Document) -> str | None:
    """Return the day a document's publication date names, or None: a dateline's day without its year
    («--03-14») stays in the document's JSON but is no date to store."""
    return real_day(doc.published) if doc.published and real_day(doc.published) == doc.published else None


def _meta(doc: Document) -> tuple:
    return (doc.title, doc.source.uri, doc.source.outlet, doc.source.byline, _published(doc), doc.published_origin,
            doc.extra or {})


def write_document(s: Session, doc: Document, source_item: str | None, source_hash: str | None) -> str:
    """Store one document in the session's transaction; return "added", "updated" or "unchanged"."""
    same = s.execute(select(DocumentRow.id, DocumentRow.source_hash, DocumentRow.doc_json,
                            *[getattr(DocumentRow, f) for f in META_FIELDS])
                     .where(DocumentRow.content_hash == doc.content_hash)).first()
    if same is not None:
        stored = (*[getattr(same, f) for f in META_FIELDS], same.doc_json.get("extra") or {})
        if same.id != doc.id or stored == _meta(doc):
            if same.id == doc.id and source_hash and same.source_hash != source_hash:
                s.execute(update(DocumentRow).where(DocumentRow.id == doc.id).values(source_hash=source_hash))
            return "unchanged"
    status = "added"
    if s.scalar(select(DocumentRow.id).where(DocumentRow.id == doc.id)) is not None:
        s.execute(delete(DocumentRow).where(DocumentRow.id == doc.id))
        # what resolution derived from the old version (event dates, roles) is derived again
        s.execute(update(DocStateRow).where(DocStateRow.doc_id == doc.id).values(content_hash=""))
        status = "updated"
    stored = _insert_document(s, _document_values(doc, source_item, source_hash))
    if stored:
        _insert_children(s, doc)
    if status == "updated" or (stored and any(e.kb_id for e in doc.entities)):
        recount(s, [doc.id])  # the old version's share of the actors' counts goes; a new one counts once linked
    # not stored: another writer stored this content (or this id) since the lookup above
    return status if stored else "unchanged"


def _insert_document(s: Session, values: dict[str, Any]) -> bool:
    """Insert the document row unless its content hash or id is stored; return whether it was inserted."""
    table = DocumentRow.__table__
    name = s.get_bind().dialect.name
    if name in ("sqlite", "postgresql"):
        if name == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        else:
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        stmt = dialect_insert(table).values(values).on_conflict_do_nothing().returning(table.c.id)
        return s.execute(stmt).first() is not None
    try:
        with s.begin_nested():
            s.execute(insert(table).values(values))
    except IntegrityError:
        return False
    return True


def _document_values(doc: Document, source_item: str | None, source_hash: str | None) -> dict[str, Any]:
    return {"id": doc.id, "content_hash": doc.content_hash, "title": doc.title, "url": doc.source.uri,
            "outlet": doc.source.outlet, "byline": doc.source.byline, "published": _published(doc),
            "published_origin": doc.published_origin, "source_item": source_item, "text": doc.text,
            "doc_json": doc.to_dict(), "source_hash": source_hash}


def _returning(s: Session, table, rows: list[dict]) -> list[int]:
    """Insert rows; return their new primary keys in the order of `rows`."""
    if not rows:
        return []
    stmt = insert(table).returning(table.c.pk, sort_by_parameter_order=True)
    return [pk for pk, in s.execute(stmt, rows)]


def _insert_children(s: Session, doc: Document) -> None:
    """Insert the rows found in a document: entities and mentions, events and participants, quotes, search rows."""
    from marsad.store.search import document_rows

    ents = [{"doc_id": doc.id, "local_id": e.id, "type": e.type, "name": e.name, "name_key": name_key(e.name),
             "name_latin": e.name_latin, "country": e.country, "titles": list(e.titles), "kb_id": e.kb_id}
            for e in doc.entities]
    pks = _returning(s, EntityRow.__table__, ents)
    mentions = [{"entity_pk": pk, "start": m.start, "end": m.end, "text": m.text}
                for pk, e in zip(pks, doc.entities, strict=True) for m in e.mentions]
    evs, parts = [], []
    for ev in doc.events:
        date, loc = ev.date or {}, ev.location or {}
        start, precision = period_start(date.get("value"), date.get("precision"))
        evs.append({"doc_id": doc.id, "local_id": ev.id, "type": ev.type, "mode": ev.mode, "modality": ev.modality,
                    "negated": bool(ev.negated), "date_on": start, "date_precision": precision,
                    "location_name": loc.get("name"), "location_country": loc.get("country"),
                    "contexts": list(ev.contexts), "evidence_start": ev.evidence.start,
                    "evidence_end": ev.evidence.end, "evidence_text": ev.evidence.text,
                    "confidence": ev.confidence})
        roles = {r: "actor" for r in ev.actors} | {r: "recipient" for r in ev.recipients}
        mine = []
        for ref in dict.fromkeys(ev.participants + ev.actors + ev.recipients):
            role = roles.get(ref, "participant")
            if ref.startswith("country:"):
                mine.append({"doc_id": doc.id, "ref": ref, "role": role, "name": None, "name_key": None,
                             "country": ref.split(":", 1)[1]})
                continue
            ent = doc.entity(ref)
            mine.append({"doc_id": doc.id, "ref": ref, "role": role, "name": ent.name if ent else None,
                         "name_key": name_key(ent.name) if ent else None, "country": ent.country if ent else None})
        parts.append(mine)
    for pk, mine in zip(_returning(s, EventRow.__table__, evs), parts, strict=True):
        for p in mine:
            p["event_pk"] = pk
    quotes = []
    for q in doc.quotes:
        ent = doc.entity(q.speaker) if q.speaker else None
        quotes.append({"doc_id": doc.id, "speaker_local_id": q.speaker, "speaker_name": ent.name if ent else None,
                       "speaker_text": q.speaker_text, "cue": q.cue, "start": q.start, "end": q.end, "text": q.text})
    search = [{"doc_id": doc.id, "kind": r.kind, "ref": r.ref, "start": r.start, "end": r.end, "terms": r.terms}
              for r in document_rows(doc)]
    for table, rows in ((MentionRow, mentions), (ParticipantRow, [p for mine in parts for p in mine]),
                        (QuoteRow, quotes), (SearchRow, search)):
        if rows:
            s.execute(insert(table.__table__), rows)


def delete_documents(s: Session, doc_ids: list[str]) -> list[str]:
    """Delete these documents with their rows and resolution state; return the ids that were stored.

    The actors they named are recomputed from their other mentions; the documents they shared a story or a
    near-duplicate group with are marked to be linked again (the caller runs resolution).
    """
    from marsad.store.link_actors import refresh_actors
    from marsad.store.link_stories import delete_canonical

    ids = sorted({d for d, in select_in(s, select(DocumentRow.id), DocumentRow.id, doc_ids)})
    if not ids:
        return []
    gone = set(ids)
    states = select_in(s, select(DocStateRow.story_id, DocStateRow.actors), DocStateRow.doc_id, ids)
    stories = {sid for sid, _ in states if sid}
    actors = {kb for _, kbs in states for kb in (kbs or ())}
    actors |= {kb for kb, in select_in(s, select(EntityRow.kb_id).where(EntityRow.kb_id.is_not(None)),
                                       EntityRow.doc_id, ids)}
    groups = {g for g, in select_in(s, select(DuplicateRow.group_id), DuplicateRow.doc_id, ids)}
    neighbours = {d for d, in select_in(s, select(DocStateRow.doc_id), DocStateRow.story_id, stories)}
    neighbours |= {d for d, in select_in(s, select(DuplicateRow.doc_id), DuplicateRow.group_id, groups)}
    neighbours -= gone
    for part in chunks(ids):
        for table in (DocumentRow, DocStateRow, DocBandRow, DuplicateRow, EventBlockRow):
            column = table.id if table is DocumentRow else table.doc_id
            s.execute(delete(table).where(column.in_(part)))
    recount(s, ids)
    for part in chunks(neighbours):
        s.execute(update(DocStateRow).where(DocStateRow.doc_id.in_(part)).values(content_hash=""))
    delete_canonical(s, stories)
    for st in select_in(s, select(StoryRow.id, StoryRow.doc_ids), StoryRow.id, stories):
        kept = [d for d in st.doc_ids if d not in gone]
        s.execute(update(StoryRow).where(StoryRow.id == st.id).values(doc_ids=kept, size=len(kept)))
    if actors:
        refresh_actors(s, actors)
    return ids
