"""Read-side queries over resolved data: actors, profiles, stories, timelines."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from marsad.store.db import Store
from marsad.store.schema import (
    ActorRow,
    CanonicalEventRow,
    DocumentRow,
    EntityRow,
    EventRow,
    ParticipantRow,
    StoryRow,
)
from marsad.text.normalize import name_key


def list_actors(store: Store, country: str | None = None, search: str | None = None,
                limit: int = 50) -> list[dict]:
    """Return actors as rows, the most reported first."""
    q = select(ActorRow).options(selectinload(ActorRow.roles))
    if country:
        q = q.where(ActorRow.country == country.upper())
    if search:
        q = q.where(or_(ActorRow.name_key.like(f"%{name_key(search)}%"), ActorRow.name_latin.ilike(f"%{search}%")))
    with store.session() as s:
        rows = list(s.scalars(q))
    rows.sort(key=lambda a: (-len(a.doc_ids), a.name))
    return [{"kb_id": a.kb_id, "name": a.name, "name_latin": a.name_latin, "country": a.country,
             "articles": len(a.doc_ids), "roles": [r.title for r in a.roles][:4], "variants": a.variants}
            for a in rows[:limit]]


def find_actor(store: Store, name: str) -> ActorRow | None:
    """Return the actor with this kb_id, or the most reported one whose name matches."""
    with store.session() as s:
        hit = s.get(ActorRow, name)
        if hit is None:
            key = name_key(name)
            cands = list(s.scalars(select(ActorRow).where(
                or_(ActorRow.name_key == key, ActorRow.name_key.like(f"%{key}%")))))
            hit = max(cands, key=lambda a: (a.name_key == key, len(a.doc_ids)), default=None)
        if hit is not None:
            hit.roles  # noqa: B018 - load the roles before the session closes
        return hit


def actor_profile(store: Store, name: str) -> str | None:
    """Return a text profile of an actor: roles over time, events and counterparts."""
    a = find_actor(store, name)
    if a is None:
        return None
    lines = [f"{a.name}  [{a.kb_id}]  {a.name_latin or ''}  country: {a.country or '?'}",
             f"spellings: {', '.join(a.variants)}", f"articles: {len(a.doc_ids)}", "roles:"]
    for r in sorted(a.roles, key=lambda r: r.first_seen or "9999"):
        lines.append(f"  {r.first_seen or '?'} … {r.last_seen or '?'}  {r.title}  ({len(r.doc_ids)} articles)")
    with store.session() as s:
        refs = s.execute(select(EntityRow.doc_id, EntityRow.local_id).where(EntityRow.kb_id == a.kb_id)).all()
        ref_set = set(refs)
        events = s.execute(
            select(EventRow.pk, EventRow.doc_id, EventRow.type, EventRow.date_value, EventRow.evidence_text)
            .join(ParticipantRow, ParticipantRow.event_pk == EventRow.pk)
            .where(ParticipantRow.ref.in_({r for _, r in refs}), EventRow.doc_id.in_({d for d, _ in refs}))).all()
        events = [e for e in events if any((e.doc_id, r) in ref_set for r in [x for _, x in refs])]
        pks = {e.pk for e in events}
        others = s.execute(select(ParticipantRow.event_pk, ParticipantRow.ref, ParticipantRow.name,
                                  EventRow.doc_id).join(EventRow, EventRow.pk == ParticipantRow.event_pk)
                           .where(ParticipantRow.event_pk.in_(pks))).all()
        kb = dict(((d, lid), k) for d, lid, k in s.execute(
            select(EntityRow.doc_id, EntityRow.local_id, EntityRow.kb_id)
            .where(EntityRow.doc_id.in_({o.doc_id for o in others}))).all())
        names = dict(s.execute(select(ActorRow.kb_id, ActorRow.name)).all())
    lines.append(f"events: {len(pks)}")
    for e in sorted({(e.date_value or "", e.type, e.evidence_text[:90]) for e in events})[:15]:
        lines.append(f"  {e[0] or '?'}  {e[1]:9s} {e[2]}")
    counts: Counter[str] = Counter()
    for o in others:
        k = kb.get((o.doc_id, o.ref))
        label = names.get(k) if k else (o.ref if o.ref.startswith("country:") else o.name)
        if label and k != a.kb_id:
            counts[label] += 1
    lines.append("counterparts: " + ", ".join(f"{n} ({c})" for n, c in counts.most_common(8)))
    return "\n".join(lines)


def list_stories(store: Store, limit: int = 20) -> list[dict]:
    """Return the largest stories with their articles and canonical events."""
    with store.session() as s:
        stories = list(s.scalars(select(StoryRow).order_by(StoryRow.size.desc(), StoryRow.id).limit(limit)))
        out = []
        for st in stories:
            docs = s.execute(select(DocumentRow.id, DocumentRow.outlet, DocumentRow.title)
                             .where(DocumentRow.id.in_(st.doc_ids))).all()
            canon = [c for c in s.scalars(select(CanonicalEventRow).where(CanonicalEventRow.story_id == st.id))
                     if len(c.sources) > 1]
            out.append({"story": st.id, "articles": st.doc_ids, "outlets": sorted({d.outlet or "?" for d in docs}),
                        "titles": [d.title or "" for d in docs][:3],
                        "events": [f"{c.type} {c.date or '?'} x{c.corroboration}"
                                   + (f" ({'; '.join(c.disagreements)})" if c.disagreements else "") for c in canon]})
    return out


def pair_timeline(store: Store, a: str, b: str) -> list[dict]:
    """Return canonical events involving both states, oldest first, with their sources."""
    with store.session() as s:
        rows = list(s.scalars(select(CanonicalEventRow)))
        names = dict(s.execute(select(ActorRow.kb_id, ActorRow.name)).all())
    hits = [c for c in rows if a in c.countries and b in c.countries]
    hits.sort(key=lambda c: (c.date or "9999", c.id))
    return [{"date": c.date, "type": c.type, "actors": [names.get(k, k) for k in c.actors],
             "location": c.location, "corroboration": c.corroboration, "sources": c.sources,
             "disagreements": c.disagreements} for c in hits]
