"""Read-side queries over resolved data: actors, profiles, stories, timelines."""

from __future__ import annotations

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from marsad.records import EventRecord, Party
from marsad.store.actor_counts import counterpart_counts, event_count
from marsad.store.dates import bound_end, bound_start, period_text
from marsad.store.db import EventFilter, Store
from marsad.store.schema import (
    ActorRow,
    CanonicalEventRow,
    CanonicalPairRow,
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


def follow_actor(store: Store, kb_id: str) -> str:
    """Return the actor an analyst merge folded `kb_id` into (itself when none; unchanged when unknown)."""
    with store.session() as s:
        hit = _followed(s, ActorRow, kb_id)
        return hit.kb_id if hit is not None else kb_id


MERGE_HOPS = 50  # the longest chain of merges followed (a guard against a cycle)


def _followed(s, row_type, key: str):
    """Return the row with this key after the merges that folded it into another (None when there is none)."""
    row = s.get(row_type, key)
    for _ in range(MERGE_HOPS):
        if row is None or row.merged_into is None:
            break
        row = s.get(row_type, row.merged_into)
    return row


def find_actor(store: Store, name: str) -> ActorRow | None:
    """Return the actor with this kb_id (following analyst merges), or the most reported one whose name matches."""
    with store.session() as s:
        hit = _followed(s, ActorRow, name)
        if hit is None:
            key = name_key(name)
            cands = list(s.scalars(_actor_query(None, None).where(
                or_(ActorRow.name_key == key, ActorRow.name_key.like(f"%{key}%")))))
            hit = max(cands, key=lambda a: (a.name_key == key, len(a.doc_ids)), default=None)
        if hit is not None:
            hit.roles  # noqa: B018 - load the roles before the session closes
        return hit


def _actor_event_pks(kb_id: str):
    """Return the query of the pks of the events this actor's entity rows take part in."""
    return (select(ParticipantRow.event_pk)
            .join(EntityRow, (EntityRow.doc_id == ParticipantRow.doc_id) & (EntityRow.local_id == ParticipantRow.ref))
            .where(EntityRow.kb_id == kb_id))


def _shown_order(e=EventRow) -> tuple:
    """Return the ORDER BY of events as their shown date sorts as text: undated («») first, then «2015» before
    «2015-01» before «2015-01-01» (a year or month precedes the days it starts with)."""
    rank = case((e.date_on.is_(None), 0), (e.date_precision == "year", 0), (e.date_precision == "month", 1), else_=2)
    return (e.date_on.is_not(None), e.date_on, rank)


def actor_events(store: Store, kb_id: str, limit: int | None = None) -> list[tuple]:
    """Return (event pk, doc id, type, first day, precision, evidence) of the events this actor's entity rows
    take part in, by shown date, type, document, evidence and pk (the first `limit` of them)."""
    q = (select(EventRow.pk, EventRow.doc_id, EventRow.type, EventRow.date_on, EventRow.date_precision,
                EventRow.evidence_text).where(EventRow.pk.in_(_actor_event_pks(kb_id)))
         .order_by(*_shown_order(), EventRow.type, EventRow.doc_id, EventRow.evidence_text, EventRow.pk))
    with store.session() as s:
        return s.execute(q if limit is None else q.limit(limit)).all()


def actor_counterparts(store: Store, kb_id: str) -> list[dict]:
    """Return the other participants sharing this actor's events, most frequent first: each with its label (actor
    name, «country:XX» or an unlinked name), its actor kb_id when it has one, and how many events it shares.
    Read from the counts resolution keeps (`marsad.store.actor_counts`)."""
    with store.session() as s:
        rows = counterpart_counts(s, kb_id)
        names = dict(select_in(s, select(ActorRow.kb_id, ActorRow.name), ActorRow.kb_id,
                               {kb for kb, _, _ in rows if kb}))
    out = [{"name": names.get(kb) if kb else name, "kb_id": kb, "events": n} for kb, name, n in rows]
    out = [c for c in out if c["name"]]
    out.sort(key=lambda c: (-c["events"], c["name"], c["kb_id"] or ""))
    return out


def actor_record(store: Store, name: str, events: int = 15) -> dict | None:
    """Return an actor (name in any spelling, or kb_id) as a dict: names and spellings, roles over time (oldest
    first), its events (how many, and the first `events` by date) and its counterparts; None when there is none."""
    a = find_actor(store, name)
    if a is None:
        return None
    with store.session() as s:
        count = event_count(s, a.kb_id)
    shown = actor_events(store, a.kb_id, limit=events)
    return {
        "kb_id": a.kb_id, "name": a.name, "name_latin": a.name_latin, "country": a.country,
        "variants": list(a.variants), "articles": len(a.doc_ids), "documents": list(a.doc_ids),
        "roles": [{"title": r.title, "country": r.country, "first_seen": r.first_seen, "last_seen": r.last_seen,
                   "articles": len(r.doc_ids), "documents": list(r.doc_ids)}
                  for r in sorted(a.roles, key=lambda r: (r.first_seen or "9999", r.title))],
        "event_count": count,
        "events": [{"id": e.pk, "date": period_text(e.date_on, e.date_precision), "type": e.type, "doc": e.doc_id,
                    "evidence": e.evidence_text} for e in shown],
        "counterparts": actor_counterparts(store, a.kb_id),
    }


def actor_profile(store: Store, name: str) -> str | None:
    """Return a text profile of an actor: roles over time, events and counterparts."""
    a = actor_record(store, name)
    if a is None:
        return None
    lines = [f"{a['name']}  [{a['kb_id']}]  {a['name_latin'] or ''}  country: {a['country'] or '?'}",
             f"spellings: {', '.join(a['variants'])}", f"articles: {a['articles']}", "roles:"]
    for r in a["roles"]:
        lines.append(f"  {r['first_seen'] or '?'} … {r['last_seen'] or '?'}  {r['title']}  ({r['articles']} articles)")
    lines.append(f"events: {a['event_count']}")
    for e in a["events"]:
        lines.append(f"  {e['date'] or '?'}  {e['type']:9s} {e['evidence'][:90]}")
    lines.append("counterparts: " + ", ".join(f"{c['name']} ({c['events']})" for c in a["counterparts"][:8]))
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


def _canonical_rows(s: Session, events: list[CanonicalEventRow]) -> list[dict]:
    """Return canonical events as dicts: when, type, actors (names, Latin names and kb_ids), place, sources and
    the events (document and local event id) each was built from."""
    kbs = {k for c in events for k in c.actors}
    rows = select_in(s, select(ActorRow.kb_id, ActorRow.name, ActorRow.name_latin), ActorRow.kb_id, kbs) if kbs else []
    names = {k: n for k, n, _ in rows}
    latin = {k: n for k, _, n in rows}
    out = []
    for c in events:
        dated = is_dated(c.date)
        out.append({
            "id": c.id, "story": c.story_id, "date": c.date if dated else None, "undated": not dated,
            "when": c.date if dated else "undated", "type": c.type,
            "actors": [names.get(k, k) for k in c.actors], "actors_latin": [latin.get(k) for k in c.actors],
            "actor_ids": list(c.actors), "organisations": c.orgs,
            "countries": c.countries, "location": c.location, "corroboration": c.corroboration,
            "sources": c.sources, "disagreements": c.disagreements,
            "events": [{"doc": key.rsplit(":", 1)[0], "event": key.rsplit(":", 1)[1]} for key in c.events],
        })
    return out


def _timeline_key(c: CanonicalEventRow) -> tuple:
    dated = is_dated(c.date)
    return (not dated, c.date_on if dated else "", c.id)


def timeline_page(store: Store, a: str, b: str, since: str | None = None, until: str | None = None,
                  limit: int | None = None, offset: int = 0) -> tuple[int, list[dict]]:
    """Return how many canonical events involve both states (ISO codes) and one page of them, oldest first and
    the undated ones last (a date bound leaves the undated out), as `_canonical_rows` dicts."""
    cp = CanonicalPairRow
    conds = [cp.state_a == min(a, b), cp.state_b == max(a, b)]
    if since:
        conds.append(cp.date_on >= bound_start(since))
    if until:
        conds.append(cp.date_on <= bound_end(until))
    with store.session() as s:
        total = s.scalar(select(func.count()).select_from(cp).where(*conds)) or 0
        q = select(cp.canonical_id).where(*conds).order_by(cp.date_on.is_(None), cp.date_on, cp.canonical_id)
        ids = list(s.scalars(q.offset(offset) if limit is None else q.offset(offset).limit(limit)))
        rows = {c.id: c for c, in select_in(s, select(CanonicalEventRow), CanonicalEventRow.id, ids)}
        return total, _canonical_rows(s, [rows[i] for i in ids])


def pair_timeline(store: Store, a: str, b: str) -> list[dict]:
    """Return canonical events involving both states, oldest first and the undated ones last, with their sources.

    Each row says whether it is `undated` and gives `when`: the date, or «undated».
    """
    return timeline_page(store, a, b)[1]


# -- pages for the HTTP API (and any other caller that pages) ----------------------------------------------------
def document_page(store: Store, since: str | None = None, until: str | None = None, outlet: str | None = None,
                  limit: int | None = None, offset: int = 0) -> tuple[int, list[dict]]:
    """Return how many documents match and one page of them, newest first, as rows (id, published, outlet,
    title, url, entity and event counts)."""
    conds = []
    if since:
        conds.append(DocumentRow.published >= bound_start(since))
    if until:
        conds.append(DocumentRow.published <= bound_end(until))
    if outlet:
        conds.append(DocumentRow.outlet == outlet)
    with store.session() as s:
        total = s.scalar(select(func.count()).select_from(DocumentRow).where(*conds)) or 0
        q = (select(DocumentRow.id, DocumentRow.published, DocumentRow.outlet, DocumentRow.title, DocumentRow.url,
                    func.substr(DocumentRow.text, 1, 80).label("start"))
             .where(*conds).order_by(DocumentRow.published.desc().nulls_last(), DocumentRow.id).offset(offset))
        rows = s.execute(q if limit is None else q.limit(limit)).all()
        ids = [r.id for r in rows]
        ents = dict(select_in(s, select(EntityRow.doc_id, func.count()).group_by(EntityRow.doc_id),
                              EntityRow.doc_id, ids))
        evs = dict(select_in(s, select(EventRow.doc_id, func.count()).group_by(EventRow.doc_id), EventRow.doc_id, ids))
    return total, [{"id": r.id, "published": r.published, "outlet": r.outlet, "title": r.title or r.start,
                    "url": r.url, "entities": ents.get(r.id, 0), "events": evs.get(r.id, 0)} for r in rows]


def document_record(store: Store, ref: str) -> dict | None:
    """Return a stored document's JSON (persons with their actor kb_id) with its story id, its url and each
    event's store id (`event_ids`: local id → id), or None when there is no such document."""
    doc = store.document(ref)
    if doc is None:
        return None
    out = doc.to_dict()
    with store.session() as s:
        out["story"] = s.scalar(select(DocStateRow.story_id).where(DocStateRow.doc_id == doc.id))
        out["url"] = s.scalar(select(DocumentRow.url).where(DocumentRow.id == doc.id))
        out["event_ids"] = dict(s.execute(select(EventRow.local_id, EventRow.pk)
                                          .where(EventRow.doc_id == doc.id)).all())
    return out


def event_records(store: Store, events: list[EventRow]) -> list[dict]:
    """Return stored events as dicts: id, type, mode, date, place, modality, negation, contexts, participants
    (role, name, country, actor kb_id), evidence (offsets and text) and the document's title, date and url."""
    docs = {e.doc_id for e in events}
    with store.session() as s:
        kb = {(d, lid): k for d, lid, k in select_in(
            s, select(EntityRow.doc_id, EntityRow.local_id, EntityRow.kb_id), EntityRow.doc_id, docs)}
        meta = {r.id: r for r in select_in(
            s, select(DocumentRow.id, DocumentRow.title, DocumentRow.published, DocumentRow.outlet, DocumentRow.url),
            DocumentRow.id, docs)}
    out = []
    for e in events:
        d = meta.get(e.doc_id)
        out.append({
            "id": e.pk, "doc": e.doc_id, "event": e.local_id, "type": e.type, "mode": e.mode,
            "date": e.date_value, "date_precision": e.date_precision, "undated": e.date_value is None,
            "location": {"name": e.location_name, "country": e.location_country} if e.location_name else None,
            "modality": e.modality, "negated": e.negated, "contexts": e.contexts, "confidence": e.confidence,
            "participants": [{"ref": p.ref, "role": p.role, "name": p.name, "country": p.country,
                              "kb_id": kb.get((e.doc_id, p.ref))} for p in e.participants],
            "evidence": {"start": e.evidence_start, "end": e.evidence_end, "text": e.evidence_text},
            "document": {"title": d.title, "published": d.published, "outlet": d.outlet, "url": d.url} if d else None,
        })
    return out


COUNT_CAP = 10_000  # a page of events counts the matches up to this many: beyond it the total reads «10,000+»


def event_page(store: Store, f: EventFilter) -> tuple[int, bool, list[dict]]:
    """Return how many events match the filter (at most COUNT_CAP), whether more than that match, and the page
    its limit and offset select, as `event_records`. Counting a million matches costs seconds; a page does not."""
    n = store.count_events(f, COUNT_CAP)
    return min(n, COUNT_CAP), n > COUNT_CAP, event_records(store, store.events(f, load_documents=False))


def event_record(store: Store, pk: int) -> dict | None:
    """Return one stored event (`event_records`) with the canonical event it belongs to (`canonical`: its
    sources and corroboration, or None before resolution); None when there is no such event."""
    with store.session() as s:
        e = s.scalars(select(EventRow).options(selectinload(EventRow.participants)).where(EventRow.pk == pk)).first()
        if e is None:
            return None
        story = s.scalar(select(DocStateRow.story_id).where(DocStateRow.doc_id == e.doc_id))
        key = f"{e.doc_id}:{e.local_id}"
        canon = [c for c in s.scalars(select(CanonicalEventRow).where(CanonicalEventRow.story_id == story))
                 if key in c.events] if story else []
        canonical = _canonical_rows(s, canon[:1])
    out = event_records(store, [e])[0]
    out["story"] = story
    out["canonical"] = canonical[0] if canonical else None
    return out


def _story_docs(s: Session, doc_ids: list[str]) -> list[dict]:
    rows = select_in(s, select(DocumentRow.id, DocumentRow.title, DocumentRow.outlet, DocumentRow.published,
                               DocumentRow.url), DocumentRow.id, doc_ids)
    rows.sort(key=lambda r: (r.published or "", r.id))
    return [{"id": r.id, "title": r.title, "outlet": r.outlet, "published": r.published, "url": r.url} for r in rows]


def story_page(store: Store, min_size: int = 2, limit: int | None = None, offset: int = 0) -> tuple[int, list[dict]]:
    """Return how many stories have at least `min_size` articles and one page of them, the largest first: id,
    size, outlets, its first articles, how many canonical events it has and how many of them are corroborated."""
    cond = StoryRow.size >= min_size
    with store.session() as s:
        total = s.scalar(select(func.count()).select_from(StoryRow).where(cond)) or 0
        q = select(StoryRow).where(cond).order_by(StoryRow.size.desc(), StoryRow.id).offset(offset)
        stories = list(s.scalars(q if limit is None else q.limit(limit)))
        ids = [st.id for st in stories]
        canon = select_in(s, select(CanonicalEventRow.story_id, CanonicalEventRow.corroboration),
                          CanonicalEventRow.story_id, ids)
        out = []
        for st in stories:
            docs = _story_docs(s, st.doc_ids)
            mine = [c for sid, c in canon if sid == st.id]
            out.append({"story": st.id, "size": st.size, "outlets": sorted({d["outlet"] or "?" for d in docs}),
                        "first": docs[0]["published"] if docs else None, "documents": docs[:5],
                        "canonical_events": len(mine), "corroborated": sum(1 for c in mine if c > 1)})
    return total, out


def story_record(store: Store, story_id: str) -> dict | None:
    """Return a story (following merges into another) with all its articles and its canonical events (oldest
    first, as `_canonical_rows`), or None when there is no such story."""
    with store.session() as s:
        st = _followed(s, StoryRow, story_id)
        if st is None:
            return None
        canon = sorted(s.scalars(select(CanonicalEventRow).where(CanonicalEventRow.story_id == st.id)),
                       key=_timeline_key)
        return {"story": st.id, "size": st.size, "documents": _story_docs(s, st.doc_ids),
                "canonical_events": _canonical_rows(s, canon)}


def load_event_records(store: Store, f: EventFilter | None = None) -> list[EventRecord]:
    """Return the events matching the filter as EventRecords (`marsad.records`: what the CLI, the exports and
    the English summaries read), in `Store.events` order: participants with their names, Latin names, titles and
    actors; the article's title, link and outlet; story and corroboration."""
    events = store.events(f, load_documents=False)
    with store.session() as s:
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
