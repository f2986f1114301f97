"""Read-side queries over resolved data: actors, profiles, stories, timelines."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from marsad.records import EventRecord, Party
from marsad.store.db import EventFilter, Store
from marsad.store.schema import (
    ActorRow,
    CanonicalEventRow,
    DocStateRow,
    DocumentRow,
    EntityRow,
    EventRow,
    ParticipantRow,
    StoryRow,
)
from marsad.store.sql import select_in
from marsad.text.normalize import name_key


def _actor_query(country: str | None, search: str | None):
    q = select(ActorRow).where(ActorRow.merged_into.is_(None), ActorRow.name != "")
    if country:
        q = q.where(ActorRow.country == country.upper())
    if search:
        q = q.where(or_(ActorRow.name_key.like(f"%{name_key(search)}%"), ActorRow.name_latin.ilike(f"%{search}%")))
    return q


def count_actors(store: Store, country: str | None = None, search: str | None = None) -> int:
    """Return how many actors match the filters."""
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(_actor_query(country, search).subquery())) or 0


def list_actors(store: Store, country: str | None = None, search: str | None = None,
                limit: int | None = None, offset: int = 0) -> list[dict]:
    """Return actors as rows, the most reported first; all of them unless `limit` is given, from `offset`."""
    with store.session() as s:
        rows = list(s.scalars(_actor_query(country, search).options(selectinload(ActorRow.roles))))
    rows.sort(key=lambda a: (-len(a.doc_ids), a.name, a.kb_id))
    rows = rows[offset:] if limit is None else rows[offset:offset + limit]
    return [{"kb_id": a.kb_id, "name": a.name, "name_latin": a.name_latin, "country": a.country,
             "articles": len(a.doc_ids), "roles": [r.title for r in a.roles][:4], "variants": a.variants}
            for a in rows]


def find_actor(store: Store, name: str) -> ActorRow | None:
    """Return the actor with this kb_id (following analyst merges), or the most reported one whose name matches."""
    with store.session() as s:
        hit = s.get(ActorRow, name)
        for _ in range(50):
            if hit is None or hit.merged_into is None:
                break
            hit = s.get(ActorRow, hit.merged_into)
        if hit is None:
            key = name_key(name)
            cands = list(s.scalars(_actor_query(None, None).where(
                or_(ActorRow.name_key == key, ActorRow.name_key.like(f"%{key}%")))))
            hit = max(cands, key=lambda a: (a.name_key == key, len(a.doc_ids)), default=None)
        if hit is not None:
            hit.roles  # noqa: B018 - load the roles before the session closes
        return hit


def actor_events(store: Store, kb_id: str) -> list[tuple]:
    """Return (event pk, doc id, type, date, evidence) of the events this actor's entity rows take part in."""
    with store.session() as s:
        return s.execute(
            select(EventRow.pk, EventRow.doc_id, EventRow.type, EventRow.date_value, EventRow.evidence_text)
            .join(ParticipantRow, ParticipantRow.event_pk == EventRow.pk)
            .join(EntityRow, (EntityRow.doc_id == EventRow.doc_id) & (EntityRow.local_id == ParticipantRow.ref))
            .where(EntityRow.kb_id == kb_id).distinct()).all()


def actor_counterparts(store: Store, kb_id: str, event_pks: set[int]) -> Counter[str]:
    """Return how often each other participant (actor name, state or unlinked name) shares these events."""
    with store.session() as s:
        rows = []
        for part in [sorted(event_pks)[i:i + 500] for i in range(0, len(event_pks), 500)]:
            rows += s.execute(
                select(ParticipantRow.ref, ParticipantRow.name, EntityRow.kb_id, ActorRow.name)
                .join(EventRow, EventRow.pk == ParticipantRow.event_pk)
                .outerjoin(EntityRow, (EntityRow.doc_id == EventRow.doc_id)
                           & (EntityRow.local_id == ParticipantRow.ref))
                .outerjoin(ActorRow, ActorRow.kb_id == EntityRow.kb_id)
                .where(ParticipantRow.event_pk.in_(part))).all()
    counts: Counter[str] = Counter()
    for ref, pname, kb, aname in rows:
        if kb == kb_id:
            continue
        label = aname if kb else (ref if ref.startswith("country:") else pname)
        if label:
            counts[label] += 1
    return counts


def actor_profile(store: Store, name: str) -> str | None:
    """Return a text profile of an actor: roles over time, events and counterparts."""
    a = find_actor(store, name)
    if a is None:
        return None
    lines = [f"{a.name}  [{a.kb_id}]  {a.name_latin or ''}  country: {a.country or '?'}",
             f"spellings: {', '.join(a.variants)}", f"articles: {len(a.doc_ids)}", "roles:"]
    for r in sorted(a.roles, key=lambda r: r.first_seen or "9999"):
        lines.append(f"  {r.first_seen or '?'} … {r.last_seen or '?'}  {r.title}  ({len(r.doc_ids)} articles)")
    events = actor_events(store, a.kb_id)
    pks = {e.pk for e in events}
    lines.append(f"events: {len(pks)}")
    for e in sorted({(e.date_value or "", e.type, e.evidence_text[:90]) for e in events})[:15]:
        lines.append(f"  {e[0] or '?'}  {e[1]:9s} {e[2]}")
    counts = actor_counterparts(store, a.kb_id, pks)
    lines.append("counterparts: " + ", ".join(f"{n} ({c})" for n, c in counts.most_common(8)))
    return "\n".join(lines)


def list_stories(store: Store, limit: int = 20) -> list[dict]:
    """Return the largest stories with their articles and canonical events."""
    with store.session() as s:
        stories = list(s.scalars(select(StoryRow).where(StoryRow.size > 1)
                                .order_by(StoryRow.size.desc(), StoryRow.id).limit(limit)))
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


def is_dated(value: str | None) -> bool:
    """Return whether an event date value places it in time (a year at least: «2015», «2015-08», «2015-08-02»)."""
    return bool(value) and len(value) >= 4 and value[:4].isdigit()


def pair_timeline(store: Store, a: str, b: str) -> list[dict]:
    """Return canonical events involving both states, oldest first and the undated ones last, with their sources.

    Each row says whether it is `undated` and gives `when`: the date, or «undated».
    """
    with store.session() as s:
        rows = list(s.scalars(select(CanonicalEventRow)))
        names = dict(s.execute(select(ActorRow.kb_id, ActorRow.name)).all())
    hits = [c for c in rows if a in c.countries and b in c.countries]
    hits.sort(key=lambda c: (not is_dated(c.date), c.date or "" if is_dated(c.date) else "", c.id))
    return [{"date": c.date if is_dated(c.date) else None, "undated": not is_dated(c.date),
             "when": c.date if is_dated(c.date) else "undated", "type": c.type,
             "actors": [names.get(k, k) for k in c.actors], "location": c.location,
             "corroboration": c.corroboration, "sources": c.sources, "disagreements": c.disagreements}
            for c in hits]


def event_records(store: Store, f: EventFilter | None = None) -> list[EventRecord]:
    """Return the events matching the filter as EventRecords, in `Store.events` order: participants with their
    names, Latin names, titles and actors; the article's title, link and outlet; story and corroboration."""
    with store.session() as s:
        events = list(s.scalars(store.event_query(f).options(selectinload(EventRow.participants))))
        doc_ids = {e.doc_id for e in events}
        docs = {d: rest for d, *rest in select_in(
            s, select(DocumentRow.id, DocumentRow.title, DocumentRow.url, DocumentRow.outlet, DocumentRow.published),
            DocumentRow.id, doc_ids)}
        ents = {(d, lid): rest for d, lid, *rest in select_in(
            s, select(EntityRow.doc_id, EntityRow.local_id, EntityRow.type, EntityRow.name_latin, EntityRow.titles,
                      EntityRow.kb_id), EntityRow.doc_id, doc_ids)}
        kb_ids = {r[3] for r in ents.values() if r[3]}
        latin = dict(select_in(s, select(ActorRow.kb_id, ActorRow.name_latin), ActorRow.kb_id, kb_ids))
        stories = dict(select_in(s, select(DocStateRow.doc_id, DocStateRow.story_id), DocStateRow.doc_id, doc_ids))
        canon: dict[str, tuple[str, int]] = {}
        for cid, members, corroboration in select_in(
                s, select(CanonicalEventRow.id, CanonicalEventRow.events, CanonicalEventRow.corroboration),
                CanonicalEventRow.story_id, {v for v in stories.values() if v}):
            for member in members:
                canon[member] = (cid, corroboration)
    out = []
    for e in events:
        eid = f"{e.doc_id}:{e.local_id}"
        parties = []
        for p in e.participants:
            if p.ref.startswith("country:"):
                parties.append(Party(p.ref, p.role, "STATE", None, None, p.country))
                continue
            etype, elatin, titles, kb = ents.get((e.doc_id, p.ref), (None, None, [], None))
            parties.append(Party(p.ref, p.role, etype or "ORG", p.name, latin.get(kb) or elatin, p.country,
                                 tuple(titles or ()), kb))
        title, url, outlet, published = docs.get(e.doc_id, (None, None, None, None))
        cid, corroboration = canon.get(eid, (None, 1))
        out.append(EventRecord(
            id=eid, doc_id=e.doc_id, type=e.type, mode=e.mode, modality=e.modality, negated=bool(e.negated),
            date=e.date_value if is_dated(e.date_value) else None, date_precision=e.date_precision,
            location=e.location_name, location_country=e.location_country, contexts=tuple(e.contexts or ()),
            evidence=e.evidence_text, evidence_start=e.evidence_start, evidence_end=e.evidence_end,
            confidence=e.confidence, parties=tuple(parties), doc_title=title, doc_url=url, doc_outlet=outlet,
            doc_published=published, story_id=stories.get(e.doc_id), canonical_id=cid, corroboration=corroboration))
    return out


def story_detail(store: Store, story_id: str) -> dict | None:
    """Return one story (an analyst merge followed) with its articles and canonical events, or None when absent.

    Articles are (id, published, outlet, title, url), oldest first; canonical events carry their type, date,
    place, actors' names, states, corroboration, sources, disagreements and member event ids.
    """
    with store.session() as s:
        st = s.get(StoryRow, story_id)
        for _ in range(50):
            if st is None or not st.merged_into:
                break
            st = s.get(StoryRow, st.merged_into)
        if st is None:
            return None
        docs = s.execute(select(DocumentRow.id, DocumentRow.published, DocumentRow.outlet, DocumentRow.title,
                                DocumentRow.url).where(DocumentRow.id.in_(st.doc_ids))).all()
        canon = list(s.scalars(select(CanonicalEventRow).where(CanonicalEventRow.story_id == st.id)
                               .order_by(CanonicalEventRow.date, CanonicalEventRow.id)))
        names = dict(select_in(s, select(ActorRow.kb_id, ActorRow.name), ActorRow.kb_id,
                               {k for c in canon for k in c.actors}))
    articles = [{"id": d.id, "published": d.published, "outlet": d.outlet, "title": d.title, "url": d.url}
                for d in sorted(docs, key=lambda d: (d.published or "9999", d.id))]
    events = [{"id": c.id, "type": c.type, "date": c.date if is_dated(c.date) else None, "location": c.location,
               "actors": [names.get(k, k) for k in c.actors] + list(c.orgs), "countries": list(c.countries),
               "corroboration": c.corroboration, "sources": list(c.sources), "disagreements": list(c.disagreements),
               "events": list(c.events)} for c in canon]
    return {"story": st.id, "articles": articles, "events": events}


def event_countries(store: Store) -> list[str]:
    """Return the ISO codes of the states that take part in stored events, sorted."""
    with store.session() as s:
        return sorted(c for c, in s.execute(select(ParticipantRow.country).where(
            ParticipantRow.country.is_not(None)).distinct()))
