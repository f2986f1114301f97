"""The Store: idempotent, transactional writes of analysed documents, and the queries on them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, cast, create_engine, event, func, inspect, or_, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, aliased, selectinload, sessionmaker

from marsad.model import Document
from marsad.store.schema import (
    DERIVED_TABLES,
    SCHEMA_VERSION,
    Base,
    DocStateRow,
    DocumentRow,
    EntityRow,
    EventRow,
    MentionRow,
    MetaRow,
    ParticipantRow,
    QuoteRow,
    SearchRow,
)
from marsad.store.sql import like_escaped
from marsad.text.normalize import name_key

DEFAULT_DB_URL = "sqlite:///marsad.db"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


@dataclass(slots=True)
class EventFilter:
    """Filters for `Store.events`; every field is optional."""

    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    limit: int | None = None
    include_undated: bool = False  # with since / until: keep the events that have no date too
    modes: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()  # an event must have every one
    modality: str | None = None
    negated: bool | None = None
    kb_id: str | None = None  # an actor (after analyst merges): events one of its mentions takes part in
    story: str | None = None
    query: str | None = None  # full-text search: events whose evidence overlaps a matching sentence
    offset: int = 0
    doc_ids: tuple[str, ...] = ()  # only these documents' events


class Store:
    """A Marsad database reached through SQLAlchemy (SQLite file by default)."""

    def __init__(self, url: str = DEFAULT_DB_URL) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.session = sessionmaker(self.engine, expire_on_commit=False)
        if self._migrate_schema():
            from marsad.store.resolution import rebuild_after_migration

            rebuild_after_migration(self)
        from marsad.store.search import has_fts

        self.fts = has_fts(self.engine)  # SQLite with FTS5: ranked search; otherwise LIKE over the same rows

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def add(self, doc: Document, source_item: str | None = None) -> str:
        """Store `doc` in one transaction; return "added", "unchanged" or "updated".

        The same cleaned content is never stored twice; a known id with new content
        replaces the old version whole.
        """
        with self.session.begin() as s:
            same = s.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == doc.content_hash))
            if same is not None:
                return "unchanged"
            old = s.get(DocumentRow, doc.id)
            status = "added"
            if old is not None:
                s.delete(old)
                s.flush()
                status = "updated"
            s.add(_document_row(doc, source_item))
        return status

    def _migrate_schema(self) -> bool:
        """Create missing tables; return True when an older store was upgraded and needs its derived data rebuilt."""
        insp = inspect(self.engine)
        tables = set(insp.get_table_names())
        old = "documents" in tables and _stored_version(self.engine, tables) < SCHEMA_VERSION
        if old:
            logging.getLogger("marsad").warning(
                "%s: store from an older Marsad (schema < %d): rebuilding actors and stories once",
                self.url, SCHEMA_VERSION)
            with self.engine.begin() as conn:
                for name in DERIVED_TABLES:
                    if name in tables:
                        conn.execute(text(f"DROP TABLE {name}"))
                for table in Base.metadata.sorted_tables:
                    if table.name not in tables or table.name in DERIVED_TABLES:
                        continue
                    have = {c["name"] for c in insp.get_columns(table.name)}
                    for col in table.columns:
                        if col.name not in have:
                            kind = col.type.compile(dialect=self.engine.dialect)
                            conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {col.name} {kind}"))
                    for index in table.indexes:
                        index.create(conn, checkfirst=True)
        Base.metadata.create_all(self.engine)
        from marsad.store.search import ensure_index

        ensure_index(self.engine, fresh_table="search_rows" not in tables)
        if old or "documents" not in tables:
            with self.session.begin() as s:
                s.merge(MetaRow(key="schema_version", value=str(SCHEMA_VERSION)))
        return old

    def count(self) -> dict[str, int]:
        """Return the number of rows in each table."""
        with self.session() as s:
            return {
                "documents": s.scalar(select(func.count()).select_from(DocumentRow)) or 0,
                "entities": s.scalar(select(func.count()).select_from(EntityRow)) or 0,
                "events": s.scalar(select(func.count()).select_from(EventRow)) or 0,
                "quotes": s.scalar(select(func.count()).select_from(QuoteRow)) or 0,
            }

    def documents(self, since: str | None = None, until: str | None = None,
                  outlet: str | None = None, limit: int | None = None) -> list[DocumentRow]:
        """Return stored documents, newest publication first, optionally filtered."""
        q = select(DocumentRow).order_by(DocumentRow.published.desc(), DocumentRow.id)
        if since:
            q = q.where(DocumentRow.published >= since)
        if until:
            q = q.where(DocumentRow.published <= until)
        if outlet:
            q = q.where(DocumentRow.outlet == outlet)
        if limit:
            q = q.limit(limit)
        with self.session() as s:
            return list(s.scalars(q))

    def document(self, ref: str) -> Document | None:
        """Return the stored Document with this id (or id prefix), or None."""
        with self.session() as s:
            row = s.get(DocumentRow, ref) or s.scalars(
                select(DocumentRow).where(DocumentRow.id.like(f"{ref}%")).limit(1)).first()
            if row is None:
                return None
            doc = Document.from_dict(row.doc_json)
            kb = dict(s.execute(select(EntityRow.local_id, EntityRow.kb_id).where(EntityRow.doc_id == row.id)).all())
            for e in doc.entities:
                e.kb_id = kb.get(e.id) or e.kb_id
            return doc

    def document_json(self, ref: str) -> dict | None:
        """Return the stored document JSON (entities carrying their actor kb_id), or None."""
        doc = self.document(ref)
        return doc.to_dict() if doc else None

    def events(self, f: EventFilter | None = None, load_documents: bool = True) -> list[EventRow]:
        """Return stored events matching the filter, oldest date first and undated ones last, participants loaded
        (and their documents, unless `load_documents` is False).

        A date bound (since / until) leaves out the events without a date unless `f.include_undated`.
        """
        f = f or EventFilter()
        q = select(EventRow).options(selectinload(EventRow.participants)).order_by(
            EventRow.date_value.is_(None), EventRow.date_value, EventRow.doc_id, EventRow.pk)
        if load_documents:
            q = q.options(selectinload(EventRow.document))
        q = _dated(_filtered(q, f, self.fts), f)
        if f.limit:
            q = q.limit(f.limit)
        if f.offset:
            q = q.offset(f.offset)
        with self.session() as s:
            return list(s.scalars(q))

    def count_events(self, f: EventFilter | None = None) -> int:
        """Return how many events match the filter (its limit and offset aside)."""
        f = f or EventFilter()
        with self.session() as s:
            return s.scalar(_dated(_filtered(select(func.count(EventRow.pk)), f, self.fts), f)) or 0

    def count_undated_events(self, f: EventFilter) -> int:
        """Return how many events match the filter's other conditions but have no date (what since / until drop)."""
        q = _filtered(select(func.count(EventRow.pk)), f, self.fts).where(EventRow.date_value.is_(None))
        with self.session() as s:
            return s.scalar(q) or 0


def _dated(q: Any, f: EventFilter) -> Any:
    """Add to an event query the filter's date bounds (undated events kept only with `include_undated`)."""
    if f.since or f.until:
        bounded = EventRow.date_value.is_not(None)
        if f.since:
            bounded = bounded & (EventRow.date_value >= f.since)
        if f.until:
            bounded = bounded & (EventRow.date_value <= f.until)
        q = q.where(or_(bounded, EventRow.date_value.is_(None)) if f.include_undated else bounded)
    return q


def _filtered(q: Any, f: EventFilter, fts: bool = False) -> Any:
    """Add to an event query the filter's conditions other than dates (`fts`: the store has the FTS5 index)."""
    if f.types:
        q = q.where(EventRow.type.in_([t.upper() for t in f.types]))
    # conditions on participants and search rows are uncorrelated IN (...) subqueries: a correlated EXISTS
    # lets SQLite drive it by the country index, scanning every participant of that country for each event
    for cc in f.countries:
        q = q.where(EventRow.pk.in_(select(ParticipantRow.event_pk).where(ParticipantRow.country == cc.upper())))
    if f.actor:
        key = f"%{name_key(f.actor)}%"
        q = q.where(EventRow.pk.in_(select(ParticipantRow.event_pk).where(
            or_(ParticipantRow.name_key.like(key), ParticipantRow.ref == f.actor))))
    if f.doc_id:
        q = q.where(EventRow.doc_id == f.doc_id)
    if f.doc_ids:
        q = q.where(EventRow.doc_id.in_(f.doc_ids))
    if f.modes:
        q = q.where(EventRow.mode.in_(f.modes))
    for ctx in f.contexts:  # a JSON list of ids: the quoted id is matched in its text (portable)
        q = q.where(cast(EventRow.contexts, Text).like(f'%"{like_escaped(ctx)}"%', escape="\\"))
    if f.modality:
        q = q.where(EventRow.modality == f.modality)
    if f.negated is not None:
        q = q.where(EventRow.negated.is_(f.negated))
    if f.kb_id:
        ev = aliased(EventRow)
        q = q.where(EventRow.pk.in_(
            select(ParticipantRow.event_pk).join(ev, ev.pk == ParticipantRow.event_pk)
            .join(EntityRow, (EntityRow.doc_id == ev.doc_id) & (EntityRow.local_id == ParticipantRow.ref))
            .where(EntityRow.kb_id == f.kb_id)))
    if f.story:
        q = q.where(EventRow.doc_id.in_(select(DocStateRow.doc_id).where(DocStateRow.story_id == f.story)))
    if f.query:
        from marsad.store.search import matching_rows, query_groups

        ev = aliased(EventRow)
        q = q.where(EventRow.pk.in_(
            select(ev.pk).join(SearchRow, (SearchRow.doc_id == ev.doc_id) & (SearchRow.kind == "sentence")
                               & (SearchRow.start < ev.evidence_end) & (SearchRow.end > ev.evidence_start))
            .where(SearchRow.pk.in_(matching_rows(query_groups(f.query), fts)))))
    return q


def _stored_version(engine: Engine, tables: set[str]) -> int:
    if "marsad_meta" not in tables:
        return 1
    with engine.connect() as conn:
        v = conn.execute(text("SELECT value FROM marsad_meta WHERE key = 'schema_version'")).scalar()
    return int(v) if v else 1


class IdAllocator:
    """Surrogate ids (prefix + number) from a counter kept in `marsad_meta`: each id is handed out once."""

    def __init__(self, s: Session, counter: str, prefix: str) -> None:
        self.s, self.counter, self.prefix = s, counter, prefix
        row = s.get(MetaRow, counter)
        self.n = int(row.value) if row else 0

    def take(self) -> str:
        """Return a new id (and save the counter with the session)."""
        self.n += 1
        self.s.merge(MetaRow(key=self.counter, value=str(self.n)))
        return f"{self.prefix}{self.n:07d}"

    def seq(self) -> int:
        """Return the number of the last id handed out."""
        return self.n


def _document_row(doc: Document, source_item: str | None) -> DocumentRow:
    from marsad.store.search import document_rows

    row = DocumentRow(
        id=doc.id, content_hash=doc.content_hash, title=doc.title, url=doc.source.uri,
        outlet=doc.source.outlet, byline=doc.source.byline, published=doc.published,
        published_origin=doc.published_origin, source_item=source_item, text=doc.text,
        doc_json=doc.to_dict(), search_rows=document_rows(doc),
    )
    by_local: dict[str, EntityRow] = {}
    for e in doc.entities:
        er = EntityRow(local_id=e.id, type=e.type, name=e.name, name_key=name_key(e.name),
                       name_latin=e.name_latin, country=e.country, titles=list(e.titles), kb_id=e.kb_id,
                       mentions=[MentionRow(start=m.start, end=m.end, text=m.text) for m in e.mentions])
        by_local[e.id] = er
        row.entities.append(er)
    for ev in doc.events:
        date = ev.date or {}
        loc = ev.location or {}
        evr = EventRow(
            local_id=ev.id, type=ev.type, mode=ev.mode, modality=ev.modality, negated=ev.negated,
            date_value=date.get("value"), date_precision=date.get("precision"),
            location_name=loc.get("name"), location_country=loc.get("country"),
            contexts=list(ev.contexts), evidence_start=ev.evidence.start, evidence_end=ev.evidence.end,
            evidence_text=ev.evidence.text, confidence=ev.confidence,
        )
        roles = {r: "actor" for r in ev.actors} | {r: "recipient" for r in ev.recipients}
        for ref in dict.fromkeys(ev.participants + ev.actors + ev.recipients):
            role = roles.get(ref, "participant")
            if ref.startswith("country:"):
                evr.participants.append(ParticipantRow(ref=ref, role=role, country=ref.split(":", 1)[1]))
                continue
            ent = doc.entity(ref)
            evr.participants.append(ParticipantRow(
                ref=ref, role=role, name=ent.name if ent else None,
                name_key=name_key(ent.name) if ent else None,
                country=ent.country if ent else None))
        row.events.append(evr)
    for q in doc.quotes:
        ent = doc.entity(q.speaker) if q.speaker else None
        row.quotes.append(QuoteRow(speaker_local_id=q.speaker, speaker_name=ent.name if ent else None,
                                   speaker_text=q.speaker_text, cue=q.cue, start=q.start, end=q.end,
                                   text=q.text))
    return row
