"""Stories and canonical events recomputed for the documents a run touches, ids kept."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from marsad.resolve.stories import MAX_BLOCK, EventRecord, block_keys, build_stories, same_happening
from marsad.store.dates import period_start, period_text
from marsad.store.db import IdAllocator
from marsad.store.schema import (
    CanonicalEventRow,
    CanonicalPairRow,
    DocStateRow,
    DocumentRow,
    DuplicateRow,
    EntityRow,
    EventBlockRow,
    EventRow,
    ParticipantRow,
    StoryRow,
)
from marsad.store.sql import chunks, select_in
from marsad.text.normalize import name_key


def _records(s: Session, docs: Iterable[str] | None) -> tuple[list[EventRecord], dict[str, int]]:
    """Return the events of these documents (all with None) as resolution records, and each record's event pk."""
    docs = None if docs is None else set(docs)

    def rows(q, col):
        return s.execute(q).all() if docs is None else select_in(s, q, col, docs)
    outlets = dict(rows(select(DocumentRow.id, DocumentRow.outlet), DocumentRow.id))
    events = rows(select(EventRow.pk, EventRow.doc_id, EventRow.local_id, EventRow.type, EventRow.date_on,
                         EventRow.date_precision, EventRow.location_name, EventRow.modality, EventRow.evidence_text),
                  EventRow.doc_id)
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
    for epk, d, lid, typ, date_on, precision, loc, modality, evidence in events:
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
                          frozenset(countries), period_text(date_on, precision), loc, modality, evidence)
        pks[rec.key] = epk
        out.append(rec)
    return out, pks


def story_ids(s: Session, column, values: Iterable) -> dict[str, str | None]:
    """Return the story each document is in, for documents whose `column` is one of `values`."""
    return dict(select_in(s, select(DocStateRow.doc_id, DocStateRow.story_id), column, values))


def _block_sizes(s: Session, keys: set[str]) -> dict[str, int]:
    q = select(EventBlockRow.block, func.count()).group_by(EventBlockRow.block)
    return dict(select_in(s, q, EventBlockRow.block, keys))


def link_stories(s: Session, docs: list[str], full: bool, story_of: dict[str, str | None],
                  dup_docs: set[str]) -> None:
    """Write the event blocks of the documents and recompute the stories they (or their duplicates) touch.

    `story_of` gives the story each document was in before this run.
    """
    mine, pks = _records(s, None if full else docs)
    if full:
        s.execute(delete(EventBlockRow))
    else:
        for part in chunks(docs):
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
        cand_docs = {d for d, in select_in(s, select(EventBlockRow.doc_id), EventBlockRow.block, usable)}
        theirs, _ = _records(s, cand_docs - set(docs))
        by_block: dict[str, list[EventRecord]] = defaultdict(list)
        for r in theirs:
            for k in block_keys(r):
                by_block[k].append(r)
        linked = {o.doc_id for r in mine for k in block_keys(r) if sizes.get(k, 0) <= MAX_BLOCK
                  for o in by_block.get(k, ()) if same_happening(r, o)}
        area = set(docs) | linked | dup_docs
        for d, sid in story_ids(s, DocStateRow.doc_id, area).items():
            story_of.setdefault(d, sid)
        stories0 = {sid for sid in story_of.values() if sid}
        for d, sid in story_ids(s, DocStateRow.story_id, stories0).items():
            area.add(d)
            story_of.setdefault(d, sid)
        groups0 = {g for _, g in select_in(s, select(DuplicateRow.doc_id, DuplicateRow.group_id),
                                            DuplicateRow.doc_id, area)}
        dup_rows = select_in(s, select(DuplicateRow.doc_id, DuplicateRow.group_id), DuplicateRow.group_id, groups0)
        area |= {d for d, _ in dup_rows}
        records = mine + _records(s, area - set(docs))[0]
        outlets = dict(select_in(s, select(DocumentRow.id, DocumentRow.outlet), DocumentRow.id, area))
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
    delete_canonical(s, None if full else stale)
    existing = {sid for sid, in select_in(s, select(StoryRow.id), StoryRow.id, stale)}
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
    canon = [{"id": c.id, "story_id": st.id, "type": c.type, "date_on": period_start(c.date)[0],
              "date_precision": period_start(c.date)[1], "location": c.location,
              "actors": c.actors, "orgs": c.orgs, "countries": c.countries, "sources": c.sources,
              "events": c.events, "corroboration": c.corroboration, "disagreements": c.disagreements}
             for st in stories for c in st.events]
    if canon:
        s.execute(insert(CanonicalEventRow), canon)
        if pairs := pair_rows(canon):
            s.execute(insert(CanonicalPairRow), pairs)
    moved = {d: sid for d, sid in new_of.items() if story_of.get(d) != sid}
    have = {d for d, in select_in(s, select(DocStateRow.doc_id), DocStateRow.doc_id, moved)}
    if changes := [{"doc_id": d, "story_id": sid} for d, sid in moved.items() if d in have]:
        s.execute(update(DocStateRow), changes)




def pair_rows(canon: list[dict]) -> list[dict]:
    """Return the `canonical_pairs` rows of canonical event rows (id, countries, date_on): each pair of its
    countries, first <= second, a country with itself included."""
    out = []
    for c in canon:
        states = sorted(set(c["countries"]))
        out.extend({"canonical_id": c["id"], "state_a": a, "state_b": b, "date_on": c["date_on"]}
                   for i, a in enumerate(states) for b in states[i:])
    return out


def delete_canonical(s: Session, stories: Iterable[str] | None) -> None:
    """Delete the canonical events of these stories (all of them with None) and their pair rows."""
    if stories is None:
        s.execute(delete(CanonicalPairRow))
        s.execute(delete(CanonicalEventRow))
        return
    for part in chunks(stories):
        s.execute(delete(CanonicalPairRow).where(CanonicalPairRow.canonical_id.in_(
            select(CanonicalEventRow.id).where(CanonicalEventRow.story_id.in_(part)))))
        s.execute(delete(CanonicalEventRow).where(CanonicalEventRow.story_id.in_(part)))
