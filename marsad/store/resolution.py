"""Run cross-article resolution over a Store and write actors, duplicates and stories back.

Reads with plain SQL tuples (fast on tens of thousands of articles), calls the pure functions
in `marsad.resolve`, and replaces the derived tables in one transaction. Analyst overrides
live in their own table and are re-applied on every run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from marsad.resolve.actors import Actor, Override, PersonMention, resolve_actors
from marsad.resolve.duplicates import near_duplicate_groups
from marsad.resolve.stories import EventRecord, Story, build_stories
from marsad.store.db import Store
from marsad.store.schema import (
    ActorRoleRow,
    ActorRow,
    CanonicalEventRow,
    DocumentRow,
    DuplicateRow,
    EntityRow,
    EventRow,
    OverrideRow,
    ParticipantRow,
    StoryRow,
)
from marsad.text.normalize import name_key


@dataclass(slots=True)
class ResolutionSummary:
    """Counts from one resolution run."""

    person_entities: int
    actors: int
    duplicate_groups: int
    stories: int
    canonical_events: int


def load_overrides(store: Store) -> list[Override]:
    """Return the analyst corrections in the order they were made."""
    with store.session() as s:
        rows = s.execute(select(OverrideRow.kind, OverrideRow.kb_id, OverrideRow.other, OverrideRow.doc_ids)
                         .order_by(OverrideRow.pk)).all()
    return [Override(k, kb, other, tuple(docs or ())) for k, kb, other, docs in rows]


def add_override(store: Store, override: Override) -> None:
    """Persist an analyst correction."""
    with store.session.begin() as s:
        s.add(OverrideRow(kind=override.kind, kb_id=override.kb_id, other=override.other,
                          doc_ids=list(override.doc_ids)))


def resolve_store(store: Store) -> ResolutionSummary:
    """Resolve actors, near-duplicates, stories and canonical events for everything stored."""
    with store.session() as s:
        docs = s.execute(select(DocumentRow.id, DocumentRow.published, DocumentRow.outlet)).all()
        persons = s.execute(select(EntityRow.pk, EntityRow.doc_id, EntityRow.name, EntityRow.country,
                                   EntityRow.titles, EntityRow.name_latin).where(EntityRow.type == "PER")).all()
        orgs = s.execute(select(EntityRow.doc_id, EntityRow.local_id, EntityRow.name)
                         .where(EntityRow.type == "ORG")).all()
        events = s.execute(select(EventRow.pk, EventRow.doc_id, EventRow.local_id, EventRow.type,
                                  EventRow.date_value, EventRow.location_name, EventRow.modality,
                                  EventRow.evidence_text)).all()
        parts = s.execute(select(ParticipantRow.event_pk, ParticipantRow.ref, ParticipantRow.country)).all()
        local_pk = {(d, lid): pk for pk, d, lid in s.execute(
            select(EntityRow.pk, EntityRow.doc_id, EntityRow.local_id).where(EntityRow.type == "PER")).all()}
    published = {d: p for d, p, _ in docs}
    outlets = {d: o for d, _, o in docs}
    mentions = [PersonMention(str(pk), d, name, country, list(titles or []), published.get(d), outlets.get(d), latin)
                for pk, d, name, country, titles, latin in persons]
    actors = resolve_actors(mentions, load_overrides(store))
    kb_of_pk = {int(r): a.kb_id for a in actors for r in a.refs}
    org_key = {(d, lid): name_key(n) for d, lid, n in orgs}
    by_event: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for epk, ref, country in parts:
        by_event[epk].append((ref, country))
    records = []
    for epk, d, lid, typ, date_value, loc, modality, evidence in events:
        actor_ids, org_ids, countries = set(), set(), set()
        for ref, country in by_event.get(epk, []):
            if ref.startswith("country:"):
                countries.add(ref.split(":", 1)[1])
                continue
            if country:
                countries.add(country)
            pk = local_pk.get((d, ref))
            if pk is not None and pk in kb_of_pk:
                actor_ids.add(kb_of_pk[pk])
            elif (d, ref) in org_key:
                org_ids.add(org_key[(d, ref)])
        records.append(EventRecord(f"{d}:{lid}", d, outlets.get(d), typ, frozenset(actor_ids), frozenset(org_ids),
                                   frozenset(countries), date_value, loc, modality, evidence))
    groups = near_duplicate_groups(_texts(store))
    stories = build_stories(records, groups, outlets)
    _write(store, actors, kb_of_pk, groups, stories)
    return ResolutionSummary(len(mentions), len(actors), len(groups),
                             sum(1 for st in stories if len(st.doc_ids) > 1),
                             sum(len(st.events) for st in stories))


def _texts(store: Store):
    with store.session() as s:
        yield from s.execute(select(DocumentRow.id, DocumentRow.text)).yield_per(500)


def _write(store: Store, actors: list[Actor], kb_of_pk: dict[int, str], groups: list[list[str]],
           stories: list[Story]) -> None:
    with store.session.begin() as s:
        for table in (ActorRoleRow, ActorRow, CanonicalEventRow, StoryRow, DuplicateRow):
            s.execute(delete(table))
        s.execute(update(EntityRow).values(kb_id=None))
        by_kb: dict[str, list[int]] = defaultdict(list)
        for pk, kb in kb_of_pk.items():
            by_kb[kb].append(pk)
        for kb, pks in by_kb.items():
            for i in range(0, len(pks), 500):
                s.execute(update(EntityRow).where(EntityRow.pk.in_(pks[i:i + 500])).values(kb_id=kb))
        s.add_all(ActorRow(kb_id=a.kb_id, name=a.name, name_key=name_key(a.name), name_latin=a.name_latin,
                           country=a.country, variants=a.variants, doc_ids=a.doc_ids, reason=a.reason,
                           roles=[ActorRoleRow(title=r.title, country=r.country, first_seen=r.first_seen,
                                               last_seen=r.last_seen, doc_ids=r.doc_ids) for r in a.roles])
                  for a in actors)
        s.add_all(DuplicateRow(doc_id=d, group_id=g[0]) for g in groups for d in g)
        for st in stories:
            if len(st.doc_ids) > 1:
                s.add(StoryRow(id=st.id, doc_ids=st.doc_ids, size=len(st.doc_ids)))
            s.add_all(CanonicalEventRow(
                id=c.id, story_id=st.id, type=c.type, date=c.date, location=c.location, actors=c.actors,
                orgs=c.orgs, countries=c.countries, sources=c.sources, events=c.events,
                corroboration=c.corroboration, disagreements=c.disagreements) for c in st.events)
