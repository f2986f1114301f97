"""Counts over the events a filter selects: by month, type, context and state (the overview), the weighted
network of who takes part in events with whom, and the places events happened at."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from sqlalchemy import Text, case, cast, func, select, true
from sqlalchemy.orm import aliased

from marsad.store.db import EventFilter, Store, _dated, _filtered
from marsad.store.schema import ActorRow, EntityRow, EventRow, ParticipantRow
from marsad.store.sql import like_escaped
from marsad.text.normalize import name_key

SAMPLE = 10  # events listed with each edge of the network and each place: enough to open, not to page


def _selected(store: Store, f: EventFilter):
    """Return the subquery of the pks of the events the filter selects (its limit and offset aside)."""
    return _dated(_filtered(select(EventRow.pk), f, store.fts), f)


def _unfiltered(f: EventFilter) -> bool:
    """Return whether the filter selects every event (then no IN (...) condition is needed: one plain scan)."""
    return f.limit is None and f.offset == 0 and f == EventFilter(limit=f.limit, offset=f.offset)


def _among(column, store: Store, f: EventFilter):
    """Return the condition that an event pk `column` is one the filter selects (true for an empty filter)."""
    return true() if _unfiltered(f) else column.in_(_selected(store, f))


def overview(store: Store, f: EventFilter, contexts: list[str], top: int = 20) -> dict:
    """Return counts over the selected events: in all, their documents, per month (events dated to a month or
    a day), per year, per type, per context (of `contexts`, the ids there are), per modality and state taking
    part, and the state pairs most often in one event together (`top` of each of the last two). Counted in SQL:
    the whole corpus is one scan per count."""
    picked = _among(EventRow.pk, store, f)
    year, month = func.substr(EventRow.date_value, 1, 4), func.substr(EventRow.date_value, 1, 7)
    p1, p2 = aliased(ParticipantRow), aliased(ParticipantRow)
    with store.session() as s:
        events, documents, negated = s.execute(select(
            func.count(EventRow.pk), func.count(EventRow.doc_id.distinct()),
            func.coalesce(func.sum(case((EventRow.negated.is_(True), 1), else_=0)), 0)).where(picked)).one()
        years = s.execute(select(year, func.count()).where(picked, func.length(EventRow.date_value) >= 4)
                          .group_by(year).order_by(year)).all()
        months = s.execute(select(month, func.count()).where(picked, func.length(EventRow.date_value) >= 7)
                           .group_by(month).order_by(month)).all()
        types = s.execute(select(EventRow.type, func.count()).where(picked).group_by(EventRow.type)).all()
        modalities = s.execute(select(EventRow.modality, func.count()).where(picked)
                               .group_by(EventRow.modality)).all()
        ids = list(contexts)
        text = cast(EventRow.contexts, Text)  # a JSON list: the quoted id is matched in its text (portable)
        per_context = s.execute(select(*[
            func.coalesce(func.sum(case((text.like(f'%"{like_escaped(c)}"%', escape="\\"), 1), else_=0)), 0)
            for c in ids]).where(picked)).one() if ids and events else [0] * len(ids)
        one_state = select(ParticipantRow.event_pk, ParticipantRow.country).where(
            _among(ParticipantRow.event_pk, store, f), ParticipantRow.country.is_not(None)).distinct().subquery()
        countries = s.execute(select(one_state.c.country, func.count()).group_by(one_state.c.country)
                              .order_by(func.count().desc(), one_state.c.country).limit(top)).all()
        n_pair = func.count(p1.event_pk.distinct())
        pairs = s.execute(select(p1.country, p2.country, n_pair)
                          .join(p2, (p2.event_pk == p1.event_pk) & (p1.country < p2.country))
                          .where(_among(p1.event_pk, store, f)).group_by(p1.country, p2.country)
                          .order_by(n_pair.desc(), p1.country, p2.country).limit(top)).all()
    undated = events - sum(n for _, n in years)
    by_count = sorted  # counts descending, then by name: stable output for equal counts
    return {
        "events": events, "documents": documents, "undated": undated, "negated": int(negated),
        "by_month": [{"month": m, "events": n} for m, n in months],
        "by_year": [{"year": y, "events": n} for y, n in years if y.isdigit()],
        "by_type": dict(by_count(types, key=lambda r: (-r[1], r[0]))),
        "by_context": dict(by_count(((c, n) for c, n in zip(ids, per_context, strict=True) if n),
                                    key=lambda r: (-r[1], r[0]))),
        "by_modality": dict(by_count(modalities, key=lambda r: (-r[1], r[0]))),
        "countries": [{"country": cc, "events": n} for cc, n in countries],
        "pairs": [{"a": a, "b": b, "events": n} for a, b, n in pairs],
    }


def _node_id(ref: str, name: str | None, key: str | None, kb_id: str | None) -> str | None:
    """Return the id of the network node a participant stands for: its actor, its state, or its name; None when
    it has none of these."""
    if ref.startswith("country:"):
        return ref
    if kb_id:
        return kb_id
    return f"name:{key or name_key(name)}" if name else None


def _node(nid: str, name: str | None, country: str | None, etype: str | None, kb_id: str | None,
          actor_name: str | None, latin: str | None) -> dict:
    """Return the node `nid`: its kind (state, person, organisation or place), names, country and actor id."""
    if nid.startswith("country:"):
        return {"id": nid, "kind": "state", "name": None, "name_latin": None, "country": nid[8:], "kb_id": None}
    if kb_id:
        return {"id": nid, "kind": "person", "name": actor_name or name, "name_latin": latin, "country": country,
                "kb_id": kb_id}
    kind = {"PER": "person", "LOC": "place"}.get(etype or "", "organisation")
    return {"id": nid, "kind": kind, "name": name, "name_latin": latin, "country": country, "kb_id": None}


def network(store: Store, f: EventFilter, level: str = "actors", max_nodes: int = 60) -> dict:
    """Return the network of the selected events: nodes (actors, named bodies and acting states with
    `level="actors"`; the states taking part with `level="states"`) weighted by their events, and edges between
    nodes taking part in one event, weighted by events, with their types, how many went each way (actor to
    recipient) and a sample of them. Only the `max_nodes` nodes with most events are kept."""
    with store.session() as s:
        events = {r.pk: r for r in s.execute(
            select(EventRow.pk, EventRow.doc_id, EventRow.local_id, EventRow.type, EventRow.date_value)
            .where(_among(EventRow.pk, store, f)))}
        if level == "states":  # states only: no actor is looked up (the join below is most of the time)
            rows = s.execute(select(ParticipantRow.event_pk, ParticipantRow.country)
                             .where(_among(ParticipantRow.event_pk, store, f), ParticipantRow.country.is_not(None)))
            parts = [(epk, f"country:{cc}", "participant", None, None, cc, None, None, None, None, None)
                     for epk, cc in rows]
        else:
            parts = s.execute(
                select(ParticipantRow.event_pk, ParticipantRow.ref, ParticipantRow.role, ParticipantRow.name,
                       ParticipantRow.name_key, ParticipantRow.country, EntityRow.type, EntityRow.kb_id,
                       EntityRow.name_latin, ActorRow.name, ActorRow.name_latin)
                .join(EventRow, EventRow.pk == ParticipantRow.event_pk)
                .outerjoin(EntityRow, (EntityRow.doc_id == EventRow.doc_id)
                           & (EntityRow.local_id == ParticipantRow.ref))
                .outerjoin(ActorRow, ActorRow.kb_id == EntityRow.kb_id)
                .where(_among(ParticipantRow.event_pk, store, f))).all()
    nodes: dict[str, dict] = {}
    sides: dict[int, dict[str, str]] = defaultdict(dict)  # event -> node id -> role
    for epk, ref, role, name, key, cc, etype, kb, ent_latin, actor_name, actor_latin in parts:
        if role == "participant" and level != "states" and ref.startswith("country:"):
            continue  # a state merely named alongside: its people and bodies stand for it
        nid = _node_id(ref, name, key, kb)
        if nid is None:
            continue
        if nid not in nodes:
            nodes[nid] = _node(nid, name, cc, etype, kb, actor_name, actor_latin or ent_latin)
        mine = sides[epk]
        if mine.get(nid, "participant") == "participant":
            mine[nid] = role
    weight = Counter(n for members in sides.values() for n in members)
    kept = {n for n, _ in weight.most_common(max_nodes)}
    shared: dict[tuple[str, str], list[int]] = defaultdict(list)  # node pair -> the events they share
    for epk, members in sides.items():
        ids = sorted(n for n in members if n in kept)
        for pair in combinations(ids, 2):
            shared[pair].append(epk)
    out_edges = []
    for (u, v), pks in shared.items():
        nu, nv = nodes[u], nodes[v]
        if level != "states" and "state" in (nu["kind"], nv["kind"]) and nu["country"] == nv["country"]:
            continue  # a person or body and its own state: membership, not an interaction
        roles = [(sides[pk][u], sides[pk][v]) for pk in pks]
        sample = sorted((events[pk].date_value is None, events[pk].date_value or "", pk) for pk in pks)[:SAMPLE]
        out_edges.append({
            "source": u, "target": v, "events": len(pks),
            "forward": sum(1 for a, b in roles if a == "actor" and b == "recipient"),
            "backward": sum(1 for a, b in roles if a == "recipient" and b == "actor"),
            "types": dict(Counter(events[pk].type for pk in pks).most_common()),
            "sample": [{"id": pk, "doc": events[pk].doc_id, "event": events[pk].local_id, "type": events[pk].type,
                        "date": d or None} for _, d, pk in sample]})
    out_edges.sort(key=lambda e: (-e["events"], e["source"], e["target"]))
    out_nodes = [nodes[n] | {"events": weight[n]} for n in sorted(kept, key=lambda n: (-weight[n], n))]
    return {"level": level, "events": len(events), "nodes": out_nodes, "edges": out_edges,
            "nodes_total": len(weight)}


def places(store: Store, f: EventFilter, limit: int = 300) -> dict:
    """Return the places the selected events happened at, the most frequent first (`limit` of them): name,
    country, normalised key (for a gazetteer), how many events and a sample of them (oldest first); and how
    many selected events have no place."""
    picked = _among(EventRow.pk, store, f)
    with store.session() as s:
        rows = s.execute(select(EventRow.pk, EventRow.doc_id, EventRow.local_id, EventRow.type, EventRow.date_value,
                                EventRow.location_name, EventRow.location_country)
                         .where(picked, EventRow.location_name.is_not(None))).all()
        total = s.scalar(select(func.count(EventRow.pk)).where(picked)) or 0
    by_place: dict[tuple[str, str | None], list] = defaultdict(list)
    for r in rows:
        by_place[(r.location_name, r.location_country)].append(r)
    ranked = sorted(by_place.items(), key=lambda kv: (-len(kv[1]), kv[0][0], kv[0][1] or ""))
    items = []
    for (name, cc), evs in ranked[:limit]:
        evs.sort(key=lambda r: (r.date_value is None, r.date_value or "", r.pk))
        items.append({"name": name, "country": cc, "key": name_key(name), "events": len(evs),
                      "sample": [{"id": r.pk, "doc": r.doc_id, "event": r.local_id, "type": r.type,
                                  "date": r.date_value} for r in evs[:SAMPLE]]})
    return {"events": total, "located": len(rows), "places_total": len(by_place), "items": items}
