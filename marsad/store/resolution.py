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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from marsad.errors import MarsadError
from marsad.resolve.actors import (
    ClusterIndex,
    ClusterState,
    PersonMention,
    build_actor,
    link_mentions,
    name_block,
)
from marsad.resolve.duplicates import THRESHOLD, UnionFind, band_keys, lsh_shape, similarity, sketch
from marsad.resolve.stories import MAX_BLOCK, EventRecord, block_keys, build_stories, same_happening
from marsad.store.db import IdAllocator, Store
from marsad.store.schema import (
    ActorRoleRow,
    ActorRow,
    CanonicalEventRow,
    DocBandRow,
    DocStateRow,
    DocumentRow,
    DuplicateRow,
    EntityRow,
    EventBlockRow,
    EventRow,
    MetaRow,
    OverrideRow,
    ParticipantRow,
    StoryRow,
)
from marsad.text.normalize import name_key

CHUNK = 500  # ids per IN (...) clause


@dataclass(slots=True)
class ResolutionSummary:
    """Counts after one resolution run: documents linked in this run, and totals in the store."""

    person_entities: int
    actors: int
    duplicate_groups: int
    stories: int
    canonical_events: int
    documents: int = 0


def _chunks(items: Iterable, n: int = CHUNK) -> Iterable[list]:
    items = list(items)
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _select_in(s: Session, query, column, values: Iterable) -> list:
    out = []
    for part in _chunks(set(values)):
        out.extend(s.execute(query.where(column.in_(part))).all())
    return out


def pending_documents(s: Session, since: str | None = None) -> list[str]:
    """Return ids of documents resolution has not linked in their current content (or ingested since `since`)."""
    q = (select(DocumentRow.id).outerjoin(DocStateRow, DocStateRow.doc_id == DocumentRow.id)
         .where(or_(DocStateRow.doc_id.is_(None), DocStateRow.content_hash != DocumentRow.content_hash)))
    ids = set(s.scalars(q))
    if since:
        ids |= set(s.scalars(select(DocumentRow.id).where(DocumentRow.ingested_at >= since)))
    return sorted(ids)


def resolve_store(store: Store, since: str | None = None, full: bool = False) -> ResolutionSummary:
    """Link new and changed documents (all of them with `full`) to actors, duplicates and stories; return counts."""
    with store.session.begin() as s:
        every = sorted(s.scalars(select(DocumentRow.id)))
        docs = every if full else pending_documents(s, since)
        if docs:
            # most of the store is new: one pass over everything is faster and links the same way
            _resolve(s, every if len(docs) > len(every) / 2 else docs, full or len(docs) > len(every) / 2)
    return _summary(store, len(docs))


def rebuild_after_migration(store: Store) -> ResolutionSummary:
    """Rebuild the derived tables of an upgraded store and replay its recorded corrections; return counts."""
    summary = resolve_store(store, full=True)
    with store.session.begin() as s:
        for o in s.scalars(select(OverrideRow).order_by(OverrideRow.pk)):
            problem = None
            if o.kind == "merge" and o.other:
                problem = _merge(s, o.kb_id, o.other)
            elif o.kind == "split" and o.new_kb_id is None:
                o.new_kb_id = _split(s, o.kb_id, list(o.doc_ids or ()))
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
    old = {r.doc_id: r for r in (s.execute(q).all() if full else _select_in(s, q, DocStateRow.doc_id, docs))}
    actors_by_doc = _link_actors(s, docs, full, old)
    sketches, dup_docs = _link_duplicates(s, docs, full, old)
    hashes = dict(_select_in(s, select(DocumentRow.id, DocumentRow.content_hash), DocumentRow.id, docs))
    for part in _chunks(docs):
        s.execute(delete(DocStateRow).where(DocStateRow.doc_id.in_(part)))
    s.execute(insert(DocStateRow), [
        {"doc_id": d, "content_hash": hashes[d], "sketch": sketches.get(d), "actors": actors_by_doc.get(d, []),
         "story_id": old[d].story_id if d in old else None} for d in docs if d in hashes])
    _link_stories(s, docs, full, {d: old[d].story_id for d in old}, dup_docs)


# ---------------------------------------------------------------- actors

def _mentions(s: Session, docs: list[str] | None) -> list[tuple]:
    q = (select(EntityRow.pk, EntityRow.doc_id, EntityRow.name, EntityRow.country, EntityRow.titles,
                EntityRow.name_latin, EntityRow.cluster_id, EntityRow.kb_id, DocumentRow.published,
                DocumentRow.outlet)
         .join(DocumentRow, DocumentRow.id == EntityRow.doc_id).where(EntityRow.type == "PER"))
    return s.execute(q).all() if docs is None else _select_in(s, q, EntityRow.doc_id, docs)


def _person(r) -> PersonMention:
    return PersonMention(str(r.pk), r.doc_id, r.name, r.country, list(r.titles or []), r.published, r.outlet,
                         r.name_latin)


def _load_index(s: Session, keys: set[str]) -> ClusterIndex:
    index = ClusterIndex()
    rows = _select_in(s, select(ActorRow.kb_id, ActorRow.seq, ActorRow.link_key, ActorRow.countries,
                                ActorRow.title_keys, ActorRow.years).where(ActorRow.link_key.is_not(None)),
                      ActorRow.block, {name_block(k) for k in keys})
    for r in sorted(rows, key=lambda r: r.seq):
        index.add(ClusterState(r.kb_id, r.link_key, set(r.countries or ()), set(r.title_keys or ()),
                               set(r.years or ())))
    return index


class _Corrections:
    """Analyst merges (actor rows' `merged_into`) and splits (override rows), applied to a linked cluster."""

    def __init__(self, s: Session) -> None:
        self.merged = dict(s.execute(select(ActorRow.kb_id, ActorRow.merged_into)
                                     .where(ActorRow.merged_into.is_not(None))).all())
        self.splits: dict[str, list[tuple[set[str], str]]] = defaultdict(list)
        for kb, docs, new in s.execute(select(OverrideRow.kb_id, OverrideRow.doc_ids, OverrideRow.new_kb_id)
                                       .where(OverrideRow.kind == "split", OverrideRow.new_kb_id.is_not(None))
                                       .order_by(OverrideRow.pk)):
            self.splits[kb].append((set(docs or ()), new))

    def follow(self, kb: str) -> str:
        seen = set()
        while kb in self.merged and kb not in seen:
            seen.add(kb)
            kb = self.merged[kb]
        return kb

    def final(self, cluster: str, doc_id: str) -> str:
        kb = self.follow(cluster)
        for _ in range(50):
            nxt = next((new for docs, new in self.splits.get(kb, ()) if doc_id in docs), None)
            if nxt is None:
                break
            kb = self.follow(nxt)
        return kb


def _link_actors(s: Session, docs: list[str], full: bool, old_states: dict) -> dict[str, list[str]]:
    rows = _mentions(s, None if full else docs)
    mentions = [_person(r) for r in rows]
    ids = IdAllocator(s, "next_actor", "a")
    if full:
        s.execute(update(ActorRow).values(link_key=None, block=None))
        index = ClusterIndex()
        provisional = iter(range(1 << 62))
        linked = link_mentions(mentions, index, lambda: f"tmp{next(provisional):09d}")
        _name_clusters(s, index, {str(r.pk): (r.cluster_id or r.kb_id) for r in rows}, ids)
    else:
        index = _load_index(s, {name_key(m.name) for m in mentions})
        linked = link_mentions(mentions, index, ids.take)
    touched = {c.id: c for c in linked.values()}
    existing = set(_select_in(s, select(ActorRow.kb_id), ActorRow.kb_id, touched)) if touched else set()
    existing = {r[0] for r in existing}
    new_rows, upd_rows = [], []
    next_seq = (s.scalar(select(func.max(ActorRow.seq))) or 0) + 1
    order = {c.id: n for n, c in enumerate(c for cs in index.by_key.values() for c in cs)}
    for c in sorted(touched.values(), key=lambda c: order[c.id]):
        state = {"kb_id": c.id, "link_key": c.key, "block": name_block(c.key), "countries": sorted(c.countries),
                 "title_keys": sorted(c.titles), "years": sorted(c.years)}
        if full:
            state["seq"] = c.seq
        if c.id in existing:
            upd_rows.append(state)
        else:
            if not full:
                state["seq"] = next_seq
                next_seq += 1
            new_rows.append(state | {"name": "", "name_key": "",
                                     "variants": [], "doc_ids": [], "reason": "same name"})
    if upd_rows:
        s.execute(update(ActorRow), upd_rows)
    if new_rows:
        s.execute(insert(ActorRow), new_rows)
    fix = _Corrections(s)
    doc_of = {str(r.pk): r.doc_id for r in rows}
    changes, by_doc = [], defaultdict(set)
    for ref, c in linked.items():
        kb = fix.final(c.id, doc_of[ref])
        changes.append({"pk": int(ref), "cluster_id": c.id, "kb_id": kb})
        by_doc[doc_of[ref]].add(kb)
    if changes:
        s.execute(update(EntityRow), changes)
    affected = {kb for kbs in by_doc.values() for kb in kbs}
    for st in old_states.values():
        affected |= set(st.actors or ())
    _refresh_actors(s, None if full else affected)
    return {d: sorted(kbs) for d, kbs in by_doc.items()}


def _name_clusters(s: Session, index: ClusterIndex, previous: dict[str, str | None], ids: IdAllocator) -> None:
    """Give each recomputed cluster the id most of its mentions had before (each old id once), else a new one."""
    clusters = sorted((c for cs in index.by_key.values() for c in cs), key=lambda c: -len(c.members))
    known = {r[0] for r in s.execute(select(ActorRow.kb_id)).all()}
    taken: set[str] = set()
    for c in clusters:
        votes = Counter(previous.get(m.ref) for m in c.members)
        votes.pop(None, None)
        best = next((kb for kb, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])) if kb not in taken), None)
        if best is None:
            best = ids.take()
        elif best not in known and best[1:].isdigit():
            ids.n = max(ids.n, int(best[1:]))
        taken.add(best)
        c.seq = int(c.id[3:])  # creation order
        c.id = best
    s.merge(MetaRow(key="next_actor", value=str(ids.n)))


def _refresh_actors(s: Session, kb_ids: set[str] | None) -> None:
    """Recompute names, state, variants, articles and roles of these actors (all with None) from their mentions."""
    q = (select(EntityRow.pk, EntityRow.doc_id, EntityRow.name, EntityRow.country, EntityRow.titles,
                EntityRow.name_latin, EntityRow.kb_id, DocumentRow.published, DocumentRow.outlet)
         .join(DocumentRow, DocumentRow.id == EntityRow.doc_id).where(EntityRow.type == "PER"))
    rows = s.execute(q.where(EntityRow.kb_id.is_not(None))).all() if kb_ids is None else \
        _select_in(s, q, EntityRow.kb_id, kb_ids)
    members: dict[str, list[PersonMention]] = defaultdict(list)
    for r in rows:
        members[r.kb_id].append(_person(r))
    targets = set(members) if kb_ids is None else set(kb_ids)
    if kb_ids is None:
        s.execute(delete(ActorRoleRow))
        targets |= {r[0] for r in s.execute(select(ActorRow.kb_id)).all()}
    else:
        for part in _chunks(targets):
            s.execute(delete(ActorRoleRow).where(ActorRoleRow.kb_id.in_(part)))
    merged_into = {kb for (kb,) in s.execute(select(ActorRow.merged_into).where(ActorRow.merged_into.is_not(None)))}
    split_off = {kb for (kb,) in s.execute(select(OverrideRow.new_kb_id).where(OverrideRow.new_kb_id.is_not(None)))}
    updates, roles = [], []
    for kb in targets:
        ms = members.get(kb)
        if not ms:
            updates.append({"kb_id": kb, "name": "", "name_key": "", "name_latin": None, "country": None,
                            "variants": [], "doc_ids": []})
            continue
        variants = {name_key(m.name) for m in ms}
        reason = ("analyst merge" if kb in merged_into else "analyst split" if kb in split_off
                  else "same name" if len(variants) == 1 else "spelling variants")
        a = build_actor(ms, reason)
        updates.append({"kb_id": kb, "name": a.name, "name_key": name_key(a.name), "name_latin": a.name_latin,
                        "country": a.country, "variants": a.variants, "doc_ids": a.doc_ids, "reason": reason})
        roles.extend({"kb_id": kb, "title": r.title, "country": r.country, "first_seen": r.first_seen,
                      "last_seen": r.last_seen, "doc_ids": r.doc_ids} for r in a.roles)
    if updates:
        s.execute(update(ActorRow), updates)
    if roles:
        s.execute(insert(ActorRoleRow), roles)


# ---------------------------------------------------------------- near-duplicates

def _sketches_of(s: Session, docs: Iterable[str]) -> dict[str, np.ndarray]:
    rows = _select_in(s, select(DocStateRow.doc_id, DocStateRow.sketch), DocStateRow.doc_id, docs)
    return {d: np.frombuffer(blob, dtype=np.uint64) for d, blob in rows if blob is not None}


def _link_duplicates(s: Session, docs: list[str], full: bool,
                     old: dict) -> tuple[dict[str, bytes | None], set[str]]:
    """Sketch the documents, find their near-duplicates and rewrite the groups they touch.

    Returns the sketches of the documents (to store) and every document whose group was rewritten.
    """
    shape = lsh_shape()
    q = select(DocumentRow.id, DocumentRow.text, DocumentRow.content_hash)
    sketches: dict[str, np.ndarray] = {}
    blobs: dict[str, bytes | None] = {}
    for d, text, content_hash in (s.execute(q).all() if full else _select_in(s, q, DocumentRow.id, docs)):
        st = old.get(d)
        if st is not None and st.content_hash == content_hash and st.sketch is not None:
            values = np.frombuffer(st.sketch, dtype=np.uint64)
        else:
            raw = sketch(text)
            values = None if raw is None else raw.astype(np.uint64)
        blobs[d] = None if values is None else values.tobytes()
        if values is not None:
            sketches[d] = values
    bands = {d: band_keys(v, shape) for d, v in sketches.items()}
    members = set(docs)
    if full:
        s.execute(delete(DocBandRow))
        s.execute(delete(DuplicateRow))
    else:
        for part in _chunks(docs):
            s.execute(delete(DocBandRow).where(DocBandRow.doc_id.in_(part)))
        cand = {d for d, in _select_in(s, select(DocBandRow.doc_id), DocBandRow.band,
                                       {b for bs in bands.values() for b in bs})} - members
        sketches.update(_sketches_of(s, cand))
        neighbours = {c for c in cand if c in sketches and any(
            similarity(sketches[c], sketches[d]) >= THRESHOLD for d in docs if d in sketches)}
        old_groups = {g for g, in _select_in(s, select(DuplicateRow.group_id), DuplicateRow.doc_id,
                                             members | neighbours)}
        in_groups = {d for d, in _select_in(s, select(DuplicateRow.doc_id), DuplicateRow.group_id, old_groups)}
        sketches.update(_sketches_of(s, in_groups - set(sketches)))
        members |= neighbours | in_groups
        for d in members:
            if d in sketches and d not in bands:
                bands[d] = band_keys(sketches[d], shape)
        for part in _chunks(members):
            s.execute(delete(DuplicateRow).where(DuplicateRow.doc_id.in_(part)))
    band_rows = [{"band": b, "doc_id": d} for d in docs if d in sketches for b in bands[d]]
    if band_rows:
        s.execute(insert(DocBandRow), band_rows)
    groups = _groups({d: bands[d] for d in members if d in bands}, sketches)
    rows = [{"doc_id": d, "group_id": g[0]} for g in groups for d in g]
    if rows:
        s.execute(insert(DuplicateRow), rows)
    return blobs, members


def _groups(bands: dict[str, list[int]], sketches: dict[str, np.ndarray]) -> list[list[str]]:
    """Return near-duplicate groups among documents: band-sharing pairs whose sketches agree enough."""
    buckets: dict[int, list[str]] = defaultdict(list)
    for d in sorted(bands):
        for b in bands[d]:
            buckets[b].append(d)
    uf = UnionFind()
    checked: set[tuple[str, str]] = set()
    for ds in buckets.values():
        for i, a in enumerate(ds):
            for b in ds[i + 1:]:
                if (a, b) in checked:
                    continue
                checked.add((a, b))
                if similarity(sketches[a], sketches[b]) >= THRESHOLD:
                    uf.union(a, b)
    out: dict[str, list[str]] = defaultdict(list)
    for d in bands:
        out[uf.find(d)].append(d)
    return sorted((sorted(g) for g in out.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))


# ---------------------------------------------------------------- stories

def _records(s: Session, docs: Iterable[str] | None) -> tuple[list[EventRecord], dict[str, int]]:
    """Return the events of these documents (all with None) as resolution records, and each record's event pk."""
    docs = None if docs is None else set(docs)

    def rows(q, col):
        return s.execute(q).all() if docs is None else _select_in(s, q, col, docs)
    outlets = dict(rows(select(DocumentRow.id, DocumentRow.outlet), DocumentRow.id))
    events = rows(select(EventRow.pk, EventRow.doc_id, EventRow.local_id, EventRow.type, EventRow.date_value,
                         EventRow.location_name, EventRow.modality, EventRow.evidence_text), EventRow.doc_id)
    parts = rows(select(ParticipantRow.event_pk, ParticipantRow.ref, ParticipantRow.country, EventRow.doc_id)
                 .join(EventRow, EventRow.pk == ParticipantRow.event_pk), EventRow.doc_id)
    ents = rows(select(EntityRow.doc_id, EntityRow.local_id, EntityRow.type, EntityRow.name, EntityRow.kb_id)
                .where(EntityRow.type.in_(("PER", "ORG"))), EntityRow.doc_id)
    kb = {(d, lid): k for d, lid, t, _, k in ents if t == "PER" and k}
    org = {(d, lid): name_key(n) for d, lid, t, n, _ in ents if t == "ORG"}
    by_event: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for epk, ref, country, _ in parts:
        by_event[epk].append((ref, country))
    out, pks = [], {}
    for epk, d, lid, typ, date_value, loc, modality, evidence in events:
        actor_ids, org_ids, countries = set(), set(), set()
        for ref, country in by_event.get(epk, []):
            if ref.startswith("country:"):
                countries.add(ref.split(":", 1)[1])
                continue
            if country:
                countries.add(country)
            if (d, ref) in kb:
                actor_ids.add(kb[(d, ref)])
            elif (d, ref) in org:
                org_ids.add(org[(d, ref)])
        rec = EventRecord(f"{d}:{lid}", d, outlets.get(d), typ, frozenset(actor_ids), frozenset(org_ids),
                          frozenset(countries), date_value, loc, modality, evidence)
        pks[rec.key] = epk
        out.append(rec)
    return out, pks


def _story_ids(s: Session, column, values: Iterable) -> dict[str, str | None]:
    return dict(_select_in(s, select(DocStateRow.doc_id, DocStateRow.story_id), column, values))


def _block_sizes(s: Session, keys: set[str]) -> dict[str, int]:
    q = select(EventBlockRow.block, func.count()).group_by(EventBlockRow.block)
    return dict(_select_in(s, q, EventBlockRow.block, keys))


def _link_stories(s: Session, docs: list[str], full: bool, story_of: dict[str, str | None],
                  dup_docs: set[str]) -> None:
    """Write the event blocks of the documents and recompute the stories they (or their duplicates) touch.

    `story_of` gives the story each document was in before this run.
    """
    mine, pks = _records(s, None if full else docs)
    if full:
        s.execute(delete(EventBlockRow))
    else:
        for part in _chunks(docs):
            s.execute(delete(EventBlockRow).where(EventBlockRow.doc_id.in_(part)))
    block_rows = [{"block": k, "event_pk": pks[r.key], "doc_id": r.doc_id} for r in mine for k in block_keys(r)]
    if block_rows:
        s.execute(insert(EventBlockRow), block_rows)
    story_of = dict(story_of)
    if full:
        records = mine
        dup_rows = s.execute(select(DuplicateRow.doc_id, DuplicateRow.group_id)).all()
        area = {r.doc_id for r in mine} | {d for d, _ in dup_rows}
        outlets = dict(s.execute(select(DocumentRow.id, DocumentRow.outlet)).all())
        story_of = dict(s.execute(select(DocStateRow.doc_id, DocStateRow.story_id)).all())
    else:
        keys = {row["block"] for row in block_rows}
        sizes = _block_sizes(s, keys)
        usable = [k for k in keys if sizes.get(k, 0) <= MAX_BLOCK]
        cand_docs = {d for d, in _select_in(s, select(EventBlockRow.doc_id), EventBlockRow.block, usable)}
        theirs, _ = _records(s, cand_docs - set(docs))
        by_block: dict[str, list[EventRecord]] = defaultdict(list)
        for r in theirs:
            for k in block_keys(r):
                by_block[k].append(r)
        linked = {o.doc_id for r in mine for k in block_keys(r) if sizes.get(k, 0) <= MAX_BLOCK
                  for o in by_block.get(k, ()) if same_happening(r, o)}
        area = set(docs) | linked | dup_docs
        for d, sid in _story_ids(s, DocStateRow.doc_id, area).items():
            story_of.setdefault(d, sid)
        stories0 = {sid for sid in story_of.values() if sid}
        for d, sid in _story_ids(s, DocStateRow.story_id, stories0).items():
            area.add(d)
            story_of.setdefault(d, sid)
        groups0 = {g for _, g in _select_in(s, select(DuplicateRow.doc_id, DuplicateRow.group_id),
                                            DuplicateRow.doc_id, area)}
        dup_rows = _select_in(s, select(DuplicateRow.doc_id, DuplicateRow.group_id), DuplicateRow.group_id, groups0)
        area |= {d for d, _ in dup_rows}
        records = mine + _records(s, area - set(docs))[0]
        outlets = dict(_select_in(s, select(DocumentRow.id, DocumentRow.outlet), DocumentRow.id, area))
    groups: dict[str, list[str]] = defaultdict(list)
    for d, g in dup_rows:
        groups[g].append(d)
    sizes = _block_sizes(s, {k for r in records for k in block_keys(r)})
    stories = build_stories(records, [sorted(g) for g in groups.values()], outlets, sizes)
    _write_stories(s, stories, {d: story_of.get(d) for d in area | set(story_of)}, full)


def _write_stories(s: Session, stories: list, story_of: dict[str, str | None], full: bool) -> None:
    """Give each recomputed story the id most of its articles had (each old id once), write it and its events."""
    ids = IdAllocator(s, "next_story", "s")
    old_ids = {sid for sid in story_of.values() if sid}
    taken: set[str] = set()
    new_of: dict[str, str | None] = {d: None for d in story_of}
    for st in sorted(stories, key=lambda st: (-len(st.doc_ids), st.doc_ids[0])):
        votes = Counter(story_of.get(d) for d in st.doc_ids)
        votes.pop(None, None)
        best = next((sid for sid, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])) if sid not in taken),
                    None) or ids.take()
        taken.add(best)
        st.id = best
        for n, c in enumerate(st.events, 1):
            c.id = f"{best}/c{n}"
        for d in st.doc_ids:
            new_of[d] = best
    stale = old_ids | taken
    if full:
        s.execute(delete(CanonicalEventRow))
    else:
        for part in _chunks(stale):
            s.execute(delete(CanonicalEventRow).where(CanonicalEventRow.story_id.in_(part)))
    existing = {sid for sid, in _select_in(s, select(StoryRow.id), StoryRow.id, stale)}
    rows = [{"id": st.id, "doc_ids": st.doc_ids, "size": len(st.doc_ids), "merged_into": None} for st in stories]
    heirs: dict[str, Counter[str]] = defaultdict(Counter)
    for d, old in story_of.items():
        if old and old not in taken and new_of.get(d):
            heirs[old][new_of[d]] += 1
    for sid in old_ids - taken:
        heir = heirs[sid].most_common(1)
        rows.append({"id": sid, "doc_ids": [], "size": 0, "merged_into": heir[0][0] if heir else None})
    if upd := [r for r in rows if r["id"] in existing]:
        s.execute(update(StoryRow), upd)
    if new := [r for r in rows if r["id"] not in existing]:
        s.execute(insert(StoryRow), new)
    canon = [{"id": c.id, "story_id": st.id, "type": c.type, "date": c.date, "location": c.location,
              "actors": c.actors, "orgs": c.orgs, "countries": c.countries, "sources": c.sources,
              "events": c.events, "corroboration": c.corroboration, "disagreements": c.disagreements}
             for st in stories for c in st.events]
    if canon:
        s.execute(insert(CanonicalEventRow), canon)
    moved = {d: sid for d, sid in new_of.items() if story_of.get(d) != sid}
    have = {d for d, in _select_in(s, select(DocStateRow.doc_id), DocStateRow.doc_id, moved)}
    if changes := [{"doc_id": d, "story_id": sid} for d, sid in moved.items() if d in have]:
        s.execute(update(DocStateRow), changes)


# ---------------------------------------------------------------- analyst corrections

def _merge(s: Session, keep: str, other: str) -> str | None:
    fix = _Corrections(s)
    keep, other = fix.follow(keep), fix.follow(other)
    known = {kb for kb, in _select_in(s, select(ActorRow.kb_id), ActorRow.kb_id, {keep, other})}
    if keep not in known or other not in known:
        return f"no such actor: {other if keep in known else keep}"
    if keep == other:
        return f"{other} is already {keep}"
    s.execute(update(ActorRow).where(ActorRow.kb_id == other).values(merged_into=keep))
    docs = {d for d, in s.execute(select(EntityRow.doc_id).where(EntityRow.kb_id == other))}
    s.execute(update(EntityRow).where(EntityRow.kb_id == other).values(kb_id=keep))
    _refresh_actors(s, {keep, other})
    _relink(s, docs)
    return None


def _split(s: Session, kb: str, docs: list[str]) -> str | None:
    fix = _Corrections(s)
    kb = fix.follow(kb)
    refs = s.execute(select(EntityRow.pk, EntityRow.doc_id).where(EntityRow.kb_id == kb)).all()
    leaving = [pk for pk, d in refs if d in docs]
    if not leaving or len(leaving) == len(refs):
        return None
    ids = IdAllocator(s, "next_actor", "a")
    new = ids.take()
    s.add(ActorRow(kb_id=new, seq=ids.seq(), name="", name_key="", variants=[], doc_ids=[], reason="analyst split"))
    s.flush()
    s.execute(update(EntityRow).where(EntityRow.pk.in_(leaving)).values(kb_id=new))
    s.flush()
    _refresh_actors(s, {kb, new})
    return new


def _relink(s: Session, docs: set[str]) -> None:
    """Recompute the stories of documents whose persons changed actor."""
    if docs:
        _link_stories(s, sorted(docs), False, _story_ids(s, DocStateRow.doc_id, docs), set())


def add_override(store: Store, kind: str, kb_id: str, other: str | None = None,
                 doc_ids: tuple[str, ...] = ()) -> str:
    """Apply and record an analyst correction (merge OTHER into KB_ID, or split KB_ID's mentions in DOC_IDS off).

    Returns a one-line message saying what happened; raises MarsadError (one line) when it cannot apply.
    """
    with store.session.begin() as s:
        if kind == "merge":
            problem = _merge(s, kb_id, other or "")
            if problem:
                raise MarsadError(problem)
            s.add(OverrideRow(kind="merge", kb_id=kb_id, other=other, doc_ids=[]))
            return f"merged {other} into {kb_id}"
        new = _split(s, kb_id, list(doc_ids))
        if new is None:
            raise MarsadError(f"nothing to split: {kb_id} has no mentions in {', '.join(doc_ids)} or only those")
        s.add(OverrideRow(kind="split", kb_id=kb_id, doc_ids=list(doc_ids), new_kb_id=new))
        s.flush()
        _relink(s, set(doc_ids))
        return f"split {kb_id}: mentions in {', '.join(doc_ids)} are now {new}"
