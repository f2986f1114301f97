"""Cross-article resolution on the store, incremental: only new or changed documents are linked.

Each run takes the documents whose content resolution has not seen yet (`doc_state`), links their
person entities to the existing actors (clusters searched by name block), their texts to stored
MinHash sketches (LSH band keys in `doc_bands`) and their events to stored events sharing a
blocking key (`event_blocks`); then it recomputes only the stories those documents touch. Actor and
story ids are surrogates allocated once and kept; `full=True` recomputes everything from the
primary tables and gives each recomputed actor or story the id most of its members had.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from marsad.store import actor_counts
from marsad.store.corrections import merge, split
from marsad.store.dates import bound_start
from marsad.store.db import Store
from marsad.store.link_actors import link_actors
from marsad.store.link_duplicates import link_duplicates
from marsad.store.link_stories import link_stories
from marsad.store.schema import (
    ActorRow,
    CanonicalEventRow,
    DocStateRow,
    DocumentRow,
    DuplicateRow,
    EntityRow,
    OverrideRow,
    StoryRow,
)
from marsad.store.sql import chunks, select_in


@dataclass(slots=True)
class ResolutionSummary:
    """Counts after one resolution run: documents linked in this run, and totals in the store."""

    person_entities: int
    actors: int
    duplicate_groups: int
    stories: int
    canonical_events: int
    documents: int = 0


def pending_documents(s: Session, since: str | None = None) -> list[str]:
    """Return ids of documents resolution has not linked in their current content (or ingested since `since`)."""
    q = (select(DocumentRow.id).outerjoin(DocStateRow, DocStateRow.doc_id == DocumentRow.id)
         .where(or_(DocStateRow.doc_id.is_(None), DocStateRow.content_hash != DocumentRow.content_hash)))
    ids = set(s.scalars(q))
    if since:  # a day (YYYY, YYYY-MM or YYYY-MM-DD): from its first moment, UTC
        start = datetime.combine(date.fromisoformat(bound_start(since)), time.min, tzinfo=UTC)
        ids |= set(s.scalars(select(DocumentRow.id).where(DocumentRow.ingested_at >= start)))
    return sorted(ids)


def resolve_store(store: Store, since: str | None = None, full: bool = False) -> ResolutionSummary:
    """Link new and changed documents (all of them with `full`) to actors, duplicates and stories; return counts."""
    with store.writing(exclusive=True) as s:
        every = sorted(s.scalars(select(DocumentRow.id)))
        docs = every if full else pending_documents(s, since)
        if docs:
            # most of the store is new: one pass over everything is faster and links the same way
            _resolve(s, every if len(docs) > len(every) / 2 else docs, full or len(docs) > len(every) / 2)
    return _summary(store, len(docs))


def rebuild_after_migration(store: Store) -> ResolutionSummary:
    """Rebuild the derived tables of an upgraded store and replay its recorded corrections; return counts."""
    summary = resolve_store(store, full=True)
    with store.writing(exclusive=True) as s:
        for o in s.scalars(select(OverrideRow).order_by(OverrideRow.pk)):
            problem = None
            if o.kind == "merge" and o.other:
                problem = merge(s, o.kb_id, o.other)
            elif o.kind == "split" and o.new_kb_id is None:
                o.new_kb_id = split(s, o.kb_id, list(o.doc_ids or ()))
                problem = None if o.new_kb_id else f"split of {o.kb_id}: nothing to split"
            if problem:
                logging.getLogger("marsad").warning("correction %d (%s) not replayed: %s", o.pk, o.kind, problem)
    return summary


def _summary(store: Store, n_docs: int) -> ResolutionSummary:
    with store.session() as s:
        def count(q) -> int:
            return s.scalar(select(func.count()).select_from(q.subquery())) or 0
        return ResolutionSummary(
            person_entities=count(select(EntityRow.pk).where(EntityRow.type == "PER", EntityRow.kb_id.is_not(None))),
            actors=count(select(ActorRow.kb_id).where(ActorRow.merged_into.is_(None), ActorRow.name != "")),
            duplicate_groups=count(select(DuplicateRow.group_id).distinct()),
            stories=count(select(StoryRow.id).where(StoryRow.size > 1)),
            canonical_events=count(select(CanonicalEventRow.id)),
            documents=n_docs)


_STATE_COLS = (DocStateRow.doc_id, DocStateRow.content_hash, DocStateRow.sketch, DocStateRow.actors,
               DocStateRow.story_id)


def _resolve(s: Session, docs: list[str], full: bool) -> None:
    q = select(*_STATE_COLS)
    old = {r.doc_id: r for r in (s.execute(q).all() if full else select_in(s, q, DocStateRow.doc_id, docs))}
    actors_by_doc = link_actors(s, docs, full, old)
    sketches, dup_docs = link_duplicates(s, docs, full, old)
    hashes = dict(select_in(s, select(DocumentRow.id, DocumentRow.content_hash), DocumentRow.id, docs))
    for part in chunks(docs):
        s.execute(delete(DocStateRow).where(DocStateRow.doc_id.in_(part)))
    s.execute(insert(DocStateRow), [
        {"doc_id": d, "content_hash": hashes[d], "sketch": sketches.get(d), "actors": actors_by_doc.get(d, []),
         "story_id": old[d].story_id if d in old else None} for d in docs if d in hashes])
    link_stories(s, docs, full, {d: old[d].story_id for d in old}, dup_docs)
    if full:
        actor_counts.rebuild(s)
    else:
        actor_counts.recount(s, docs)  # their persons may have changed actor


