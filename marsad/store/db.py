"""The Store: idempotent, transactional writes of analysed documents, and the queries on them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import Text, cast, create_engine, event, func, or_, select, text, tuple_
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, aliased, selectinload, sessionmaker

from marsad.errors import MarsadError
from marsad.model import Document
from marsad.store.dates import bound_end, bound_start
from marsad.store.schema import (
    DocStateRow,
    DocumentRow,
    EntityRow,
    EventRow,
    MetaRow,
    ParticipantRow,
    QuoteRow,
    SearchRow,
)
from marsad.store.sql import like_escaped
from marsad.text.normalize import name_key

DEFAULT_DB_URL = "sqlite:///marsad.db"
BUSY_WAIT_S = 2.0  # a writer retries the SQLite write lock in steps of this long, saying it waits after the first
WRITE_WAIT_S = 600.0  # and gives up after this long with a one-line StoreBusy
PG_WRITE_LOCK = 0x6D61727361640002  # pg_advisory_xact_lock key of exclusive writes («marsad» + 2)


class StoreBusy(MarsadError):
    """Another process held the store's write lock for longer than a writer waits."""


def engine_url(url: str) -> str:
    """Return the SQLAlchemy URL to connect with: «postgresql://» means psycopg 3 (the driver Marsad installs)."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event emits BEGIN itself, deferred or immediate
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # in WAL mode NORMAL never corrupts the store nor leaves half a transaction, even when the process is killed;
    # only a power cut may lose the last commits (those articles are then new to the next ingest). FULL would
    # fsync every article's transaction: about half the write time
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_WAIT_S * 1000)}")
    cur.close()


def _sqlite_begin(store: Store) -> Callable[[Any], None]:
    """Return the listener that begins each SQLite transaction: BEGIN for readers; for writers BEGIN IMMEDIATE,
    which takes the one write lock up front (so two writers queue instead of failing halfway), retried while
    another process holds it and reported once through `store.on_wait`."""
    import sqlite3

    def begin(conn: Any) -> None:
        if not conn.get_execution_options().get("marsad_write"):
            conn.exec_driver_sql("BEGIN")
            return
        raw = conn.connection.dbapi_connection
        waited = 0.0
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) and "busy" not in str(err):
                    raise
                waited += BUSY_WAIT_S
                if waited >= WRITE_WAIT_S:
                    raise StoreBusy(f"{store.url}: another process has been writing to this store for "
                                    f"{WRITE_WAIT_S:.0f} s; try again when it is done") from None
                if waited == BUSY_WAIT_S:
                    store.on_wait(f"{store.url}: another process is writing to this store; waiting for it")
    return begin


def _log_wait(message: str) -> None:
    logging.getLogger("marsad").warning(message)


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
    keys: tuple[tuple[str, str], ...] = ()  # only these events: (document id, local event id)


class Store:
    """A Marsad database reached through SQLAlchemy (SQLite file by default, PostgreSQL by URL).

    Reads go through `session()`; every write goes through `writing()`, one transaction that holds the
    store's write lock (BEGIN IMMEDIATE on SQLite), so concurrent writers queue rather than fail.
    """

    def __init__(self, url: str = DEFAULT_DB_URL, on_wait: Callable[[str], None] | None = None) -> None:
        self.url = url
        self.on_wait = on_wait or _log_wait  # told once when a write waits for another process's
        sqlite = url.startswith("sqlite")
        self.engine: Engine = create_engine(engine_url(url), future=True)
        if sqlite:
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin(self))
        self.writer: Engine = self.engine.execution_options(marsad_write=True)
        self.session = sessionmaker(self.engine, expire_on_commit=False)
        self._write_session = sessionmaker(self.writer, expire_on_commit=False)
        from marsad.store.migrate import upgrade
        from marsad.store.search import ensure_index, has_fts

        done = upgrade(self.writer)
        ensure_index(self.engine, self.writer, fresh_table=done.index)
        if done.rebuild:
            from marsad.store.resolution import rebuild_after_migration

            rebuild_after_migration(self)
        self.fts = has_fts(self.engine)  # SQLite with FTS5: ranked search; otherwise LIKE over the same rows

    @contextmanager
    def writing(self, exclusive: bool = False) -> Iterator[Session]:
        """Yield a Session in one write transaction, committed on leaving it (rolled back on an error).

        On SQLite every write transaction holds the store's one write lock. On PostgreSQL documents are written
        concurrently (insert-or-ignore keeps them whole); `exclusive` transactions (resolution, corrections,
        deletion: what allocates ids or rewrites derived tables) also take one advisory lock, one at a time.
        """
        with self._write_session.begin() as s:
            if exclusive and self.engine.dialect.name == "postgresql":
                s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
            yield s

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def add(self, doc: Document, source_item: str | None = None, source_hash: str | None = None) -> str:
        """Store `doc` in one transaction; return "added", "updated" or "unchanged".

        The same cleaned content is stored once: content already stored under another id, or under this id
        with the same metadata, is "unchanged". A known id with new content or new metadata (publication date,
        title, outlet...) replaces the old version whole, and resolution links it again. `source_hash`
        (`marsad.service.source_hash`) lets a later ingest of the same input skip its analysis.
        """
        from marsad.store.writes import write_document

        with self.writing() as s:
            return write_document(s, doc, source_item, source_hash)

    def add_many(self, items: Iterable[tuple[Document, str | None, str | None]], batch: int = 100) -> list[str]:
        """Store (document, source item, source hash) triples, `batch` documents a transaction; return each one's
        status ("added", "updated" or "unchanged"), in order. For bulk loads of analysed documents: an error
        rolls back the documents of its batch only."""
        from marsad.store.writes import write_document

        out: list[str] = []
        items = iter(items)
        while chunk := list(islice(items, batch)):
            with self.writing() as s:
                out.extend(write_document(s, doc, item, fingerprint) for doc, item, fingerprint in chunk)
        return out

    def known(self, doc_id: str, content_hash: str, source_hash: str) -> bool:
        """Return whether an input needs no analysis: its content is stored under another id, or under this
        id from the same input (same `source_hash`)."""
        with self.session() as s:
            row = s.execute(select(DocumentRow.id, DocumentRow.source_hash)
                            .where(DocumentRow.content_hash == content_hash)).first()
        return row is not None and (row.id != doc_id or row.source_hash == source_hash)

    def pending(self) -> int:
        """Return how many stored documents resolution has not linked in their current version (an ingest
        interrupted before it resolved leaves some)."""
        q = (select(func.count()).select_from(DocumentRow)
             .outerjoin(DocStateRow, DocStateRow.doc_id == DocumentRow.id)
             .where(or_(DocStateRow.doc_id.is_(None), DocStateRow.content_hash != DocumentRow.content_hash)))
        with self.session() as s:
            return s.scalar(q) or 0

    def delete(self, doc_ids: Iterable[str]) -> list[str]:
        """Delete documents and every row that comes from them (entities, events, quotes, search rows, their
        resolution state); mark the documents they shared a story or near-duplicate group with to be linked
        again. Return the ids that were there (the caller resolves after)."""
        from marsad.store.writes import delete_documents

        with self.writing(exclusive=True) as s:
            return delete_documents(s, list(doc_ids))

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
        q = select(DocumentRow).order_by(DocumentRow.published.desc().nulls_last(), DocumentRow.id)
        if since:
            q = q.where(DocumentRow.published >= bound_start(since))
        if until:
            q = q.where(DocumentRow.published <= bound_end(until))
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
                select(DocumentRow).where(DocumentRow.id.like(f"{like_escaped(ref)}%", escape="\\"))
                .order_by(DocumentRow.id).limit(1)).first()
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
            EventRow.date_on.is_(None), EventRow.date_on, EventRow.doc_id, EventRow.pk)
        if load_documents:
            q = q.options(selectinload(EventRow.document))
        q = _dated(_filtered(q, f, self.fts), f)
        if f.limit:
            q = q.limit(f.limit)
        if f.offset:
            q = q.offset(f.offset)
        with self.session() as s:
            return list(s.scalars(q))

    def count_events(self, f: EventFilter | None = None, cap: int | None = None) -> int:
        """Return how many events match the filter (its limit and offset aside); with `cap`, counting stops at
        `cap` + 1, which then means «more than `cap`»."""
        f = f or EventFilter()
        with self.session() as s:
            if cap is None:
                return s.scalar(_dated(_filtered(select(func.count(EventRow.pk)), f, self.fts), f)) or 0
            hits = _dated(_filtered(select(EventRow.pk), f, self.fts), f).limit(cap + 1).subquery()
            return s.scalar(select(func.count()).select_from(hits)) or 0

    def count_undated_events(self, f: EventFilter) -> int:
        """Return how many events match the filter's other conditions but have no date (what since / until drop)."""
        q = _filtered(select(func.count(EventRow.pk)), f, self.fts).where(EventRow.date_on.is_(None))
        with self.session() as s:
            return s.scalar(q) or 0


def _dated(q: Any, f: EventFilter) -> Any:
    """Add to an event query the filter's date bounds (undated events kept only with `include_undated`)."""
    if f.since or f.until:  # on the first day of the event's period: «2015-08» is on or after --since 2015-08-01
        bounded = EventRow.date_on.is_not(None)
        if f.since:
            bounded = bounded & (EventRow.date_on >= bound_start(f.since))
        if f.until:
            bounded = bounded & (EventRow.date_on <= bound_end(f.until))
        q = q.where(or_(bounded, EventRow.date_on.is_(None)) if f.include_undated else bounded)
    return q


def _filtered(q: Any, f: EventFilter, fts: bool = False) -> Any:
    """Add to an event query the filter's conditions other than dates (`fts`: the store has the FTS5 index)."""
    if f.types:
        q = q.where(EventRow.type.in_([t.upper() for t in f.types]))
    # a country is a correlated EXISTS answered by the (event_pk, country) index for each event the other
    # conditions leave (an IN (...) list would first gather every participant of that country: 400,000 of SA's
    # in a store of a million events); other conditions on participants and search rows are IN (...) lists
    for cc in f.countries:
        q = q.where(select(ParticipantRow.pk).where(ParticipantRow.event_pk == EventRow.pk,
                                                    ParticipantRow.country == cc.upper()).exists())
    if f.actor:
        key = f"%{name_key(f.actor)}%"
        q = q.where(EventRow.pk.in_(select(ParticipantRow.event_pk).where(
            or_(ParticipantRow.name_key.like(key), ParticipantRow.ref == f.actor))))
    if f.doc_id:
        q = q.where(EventRow.doc_id == f.doc_id)
    if f.doc_ids:
        q = q.where(EventRow.doc_id.in_(f.doc_ids))
    if f.keys:
        q = q.where(tuple_(EventRow.doc_id, EventRow.local_id).in_(f.keys))
    if f.modes:
        q = q.where(EventRow.mode.in_(f.modes))
    for ctx in f.contexts:  # a JSON list of ids: the quoted id is matched in its text (portable)
        q = q.where(cast(EventRow.contexts, Text).like(f'%"{like_escaped(ctx)}"%', escape="\\"))
    if f.modality:
        q = q.where(EventRow.modality == f.modality)
    if f.negated is not None:
        q = q.where(EventRow.negated.is_(f.negated))
    if f.kb_id:
        q = q.where(EventRow.pk.in_(
            select(ParticipantRow.event_pk)
            .join(EntityRow, (EntityRow.doc_id == ParticipantRow.doc_id) & (EntityRow.local_id == ParticipantRow.ref))
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
