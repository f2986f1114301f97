"""Linking person entities to actors: clusters searched by name block, analyst corrections applied."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from marsad.resolve.actors import (
    ClusterIndex,
    ClusterState,
    PersonMention,
    build_actor,
    link_mentions,
    name_block,
)
from marsad.store.db import IdAllocator
from marsad.store.schema import (
    ActorRoleRow,
    ActorRow,
    DocumentRow,
    EntityRow,
    MetaRow,
    OverrideRow,
)
from marsad.store.sql import chunks, select_in
from marsad.text.normalize import name_key


def _mentions(s: Session, docs: list[str] | None) -> list[tuple]:
    q = (select(EntityRow.pk, EntityRow.doc_id, EntityRow.name, EntityRow.country, EntityRow.titles,
                EntityRow.name_latin, EntityRow.cluster_id, EntityRow.kb_id, DocumentRow.published,
                DocumentRow.outlet)
         .join(DocumentRow, DocumentRow.id == EntityRow.doc_id).where(EntityRow.type == "PER"))
    return s.execute(q).all() if docs is None else select_in(s, q, EntityRow.doc_id, docs)


def _person(r) -> PersonMention:
    return PersonMention(str(r.pk), r.doc_id, r.name, r.country, list(r.titles or []), r.published, r.outlet,
                         r.name_latin)


def _load_index(s: Session, keys: set[str]) -> ClusterIndex:
    index = ClusterIndex()
    rows = select_in(s, select(ActorRow.kb_id, ActorRow.seq, ActorRow.link_key, ActorRow.countries,
                                ActorRow.title_keys, ActorRow.years).where(ActorRow.link_key.is_not(None)),
                      ActorRow.block, {name_block(k) for k in keys})
    for r in sorted(rows, key=lambda r: r.seq):
        index.add(ClusterState(r.kb_id, r.link_key, set(r.countries or ()), set(r.title_keys or ()),
                               set(r.years or ())))
    return index


class Corrections:
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
        """Return the actor `kb` was merged into, at the end of the chain (itself if none)."""
        seen = set()
        while kb in self.merged and kb not in seen:
            seen.add(kb)
            kb = self.merged[kb]
        return kb

    def final(self, cluster: str, doc_id: str) -> str:
        """Return the actor a mention linked to `cluster` in `doc_id` belongs to, corrections applied."""
        kb = self.follow(cluster)
        for _ in range(50):
            nxt = next((new for docs, new in self.splits.get(kb, ()) if doc_id in docs), None)
            if nxt is None:
                break
            kb = self.follow(nxt)
        return kb


def link_actors(s: Session, docs: list[str], full: bool, old_states: dict) -> dict[str, list[str]]:
    """Link the person entities of `docs` (all with `full`) to actors; return the actor ids of each document."""
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
    existing = set(select_in(s, select(ActorRow.kb_id), ActorRow.kb_id, touched)) if touched else set()
    existing = {r[0] for r in existing}
    new_rows, upd_rows = [], []
    next_seq = (s.scalar(select(func.max(ActorRow.seq))) or 0) + 1
    order = {c.id: n for n, c in enumerate(index.clusters())}
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
    fix = Corrections(s)
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
    refresh_actors(s, None if full else affected)
    return {d: sorted(kbs) for d, kbs in by_doc.items()}


def _name_clusters(s: Session, index: ClusterIndex, previous: dict[str, str | None], ids: IdAllocator) -> None:
    """Give each recomputed cluster the id most of its mentions had before (each old id once), else a new one."""
    clusters = sorted(index.clusters(), key=lambda c: -len(c.members))
    known = {r[0] for r in s.execute(select(ActorRow.kb_id)).all()}
    merged_from: dict[str, list[str]] = defaultdict(list)  # recorded merges: kept id → ids folded into it
    for keep, other in s.execute(select(OverrideRow.kb_id, OverrideRow.other)
                                 .where(OverrideRow.kind == "merge").order_by(OverrideRow.pk)):
        if other:
            merged_from[keep].append(other)
    taken: set[str] = set()
    for c in clusters:
        votes = Counter(previous.get(m.ref) for m in c.members)
        votes.pop(None, None)
        ranked = [kb for kb, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))]
        best = next((kb for kb in ranked if kb not in taken), None)
        if best is None:  # its mentions' id went to a bigger cluster: the side of a recorded merge gets its own back
            best = next((o for kb in ranked for o in merged_from.get(kb, ()) if o not in taken), None)
        if best is None:
            best = ids.take()
        elif best not in known and best[1:].isdigit():
            ids.n = max(ids.n, int(best[1:]))
        taken.add(best)
        c.seq = int(c.id[3:])  # creation order
        c.id = best
    s.merge(MetaRow(key="next_actor", value=str(ids.n)))


def refresh_actors(s: Session, kb_ids: set[str] | None) -> None:
    """Recompute names, state, variants, articles and roles of these actors (all with None) from their mentions."""
    q = (select(EntityRow.pk, EntityRow.doc_id, EntityRow.name, EntityRow.country, EntityRow.titles,
                EntityRow.name_latin, EntityRow.kb_id, DocumentRow.published, DocumentRow.outlet)
         .join(DocumentRow, DocumentRow.id == EntityRow.doc_id).where(EntityRow.type == "PER"))
    rows = s.execute(q.where(EntityRow.kb_id.is_not(None))).all() if kb_ids is None else \
        select_in(s, q, EntityRow.kb_id, kb_ids)
    members: dict[str, list[PersonMention]] = defaultdict(list)
    for r in rows:
        members[r.kb_id].append(_person(r))
    targets = set(members) if kb_ids is None else set(kb_ids)
    if kb_ids is None:
        s.execute(delete(ActorRoleRow))
        targets |= {r[0] for r in s.execute(select(ActorRow.kb_id)).all()}
    else:
        for part in chunks(targets):
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


