"""Kept counts for actor profiles: how many events each actor takes part in, and how many of them it shares
with each counterpart (another actor, a state, or an unlinked name).

An event belongs to one document, so the counts are a sum over documents: `actor_doc_counts` holds each
document's share and `actor_counts` their sum. Whatever changes a document's participants or the actors of its
entity rows (a write replacing or deleting it, resolution linking it, an analyst merge or split) calls
`recount` for that document afterwards: its share is computed again from the primary tables and the difference
added to the sums, so a profile reads one actor's rows instead of counting over every participant of every event
it takes part in. `rebuild` computes both tables from scratch (`resolve --full`, the benchmark store).

The counts are those the profile showed when it counted them at each read: an event counts once for an actor
whose entity rows take part in it, and once for each counterpart among its other participants (those not linked
to that actor), grouped by actor when linked, else by «country:XX» or the participant's name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import case, delete, func, insert, literal, or_, select
from sqlalchemy.orm import Session, aliased

from marsad.store.schema import ActorCountRow, ActorDocCountRow, EntityRow, ParticipantRow
from marsad.store.sql import chunks

ALL = "all"  # kind of the row counting all of an actor's events (its `other` is "")
ACTOR = "actor"  # a linked counterpart: `other` is its kb_id
NAME = "name"  # an unlinked counterpart: `other` is «country:XX» or the participant's name

_COLS = ("doc_id", "kb_id", "kind", "other", "events")


def _shares(docs: list[str] | None):
    """Return the SELECTs of the documents' shares (all documents with None) as rows of `_COLS`: the events of
    each actor in each document, and those it shares with each counterpart."""
    p1, p2, e1, e2 = aliased(ParticipantRow), aliased(ParticipantRow), aliased(EntityRow), aliased(EntityRow)
    mine = (select(p1.doc_id, p1.event_pk, e1.kb_id)
            .join(e1, (e1.doc_id == p1.doc_id) & (e1.local_id == p1.ref)).where(e1.kb_id.is_not(None)))
    if docs is not None:
        mine = mine.where(p1.doc_id.in_(docs))
    mine = mine.distinct().subquery()
    totals = (select(mine.c.doc_id, mine.c.kb_id, literal(ALL).label("kind"), literal("").label("other"),
                     func.count().label("events"))
              .group_by(mine.c.doc_id, mine.c.kb_id))
    label = case((p2.ref.like("country:%"), p2.ref), else_=p2.name)
    # one row per (event, counterpart); the kind and label are computed in a subquery so the outer GROUP BY
    # names plain columns (PostgreSQL cannot match two bound parameters of one expression)
    each = (select(mine.c.doc_id, mine.c.kb_id, mine.c.event_pk,
                   case((e2.kb_id.is_not(None), ACTOR), else_=NAME).label("kind"),
                   func.coalesce(e2.kb_id, label).label("other"))
            .join(p2, p2.event_pk == mine.c.event_pk)
            .outerjoin(e2, (e2.doc_id == p2.doc_id) & (e2.local_id == p2.ref))
            .where(or_(e2.kb_id.is_(None), e2.kb_id != mine.c.kb_id))).subquery()
    pairs = (select(each.c.doc_id, each.c.kb_id, each.c.kind, each.c.other,
                    func.count(each.c.event_pk.distinct()).label("events"))
             .where(each.c.other.is_not(None), each.c.other != "")
             .group_by(each.c.doc_id, each.c.kb_id, each.c.kind, each.c.other))
    return totals, pairs


def recount(s: Session, doc_ids: Iterable[str]) -> None:
    """Compute these documents' shares again from their rows as they are now (none for a deleted document) and
    add the difference to the actors' counts."""
    t = ActorDocCountRow
    for part in chunks(sorted(set(doc_ids))):
        old = {tuple(r) for r in s.execute(select(t.doc_id, t.kb_id, t.kind, t.other, t.events)
                                          .where(t.doc_id.in_(part)))}
        new = {tuple(r) for q in _shares(part) for r in s.execute(q)}
        if old == new:
            continue  # the common case for a new document: no actor linked yet, nothing to write
        change: Counter = Counter()
        for _, kb, kind, other, n in old:  # summed over the documents of the part
            change[(kb, kind, other)] -= n
        for _, kb, kind, other, n in new:
            change[(kb, kind, other)] += n
        s.execute(delete(t).where(t.doc_id.in_(part)))
        if new:
            s.execute(insert(t), [dict(zip(_COLS, r, strict=True)) for r in sorted(new)])
        if any(change.values()):
            _add(s, {k: n for k, n in change.items() if n})


def _add(s: Session, change: dict[tuple[str, str, str], int]) -> None:
    """Add each (kb_id, kind, other) → n to the actors' counts, dropping the rows that fall to zero."""
    table = ActorCountRow.__table__
    name = s.get_bind().dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    elif name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        raise NotImplementedError(f"actor counts on {name}: only SQLite and PostgreSQL stores are supported")
    stmt = dialect_insert(table)
    stmt = stmt.on_conflict_do_update(index_elements=["kb_id", "kind", "other"],
                                      set_={"events": table.c.events + stmt.excluded.events})
    # in key order: two PostgreSQL writers adding to the same rows lock them in one order (no deadlock)
    s.execute(stmt, [{"kb_id": kb, "kind": kind, "other": other, "events": n}
                     for (kb, kind, other), n in sorted(change.items())])
    for part in chunks(sorted({kb for kb, _, _ in change})):
        s.execute(delete(table).where(table.c.kb_id.in_(part), table.c.events <= 0))


def rebuild(s: Session) -> None:
    """Compute every document's share and the actors' counts from scratch."""
    s.execute(delete(ActorCountRow))
    s.execute(delete(ActorDocCountRow))
    for q in _shares(None):
        s.execute(insert(ActorDocCountRow).from_select(list(_COLS), q))
    t = ActorDocCountRow
    s.execute(insert(ActorCountRow).from_select(
        ["kb_id", "kind", "other", "events"],
        select(t.kb_id, t.kind, t.other, func.sum(t.events)).group_by(t.kb_id, t.kind, t.other)))


def event_count(s: Session, kb_id: str) -> int:
    """Return how many events the actor's entity rows take part in."""
    return s.scalar(select(ActorCountRow.events).where(ActorCountRow.kb_id == kb_id, ActorCountRow.kind == ALL)) or 0


def counterpart_counts(s: Session, kb_id: str) -> list[tuple[str | None, str, int]]:
    """Return (counterpart kb_id or None, its label when unlinked, shared events) of each of the actor's
    counterparts, in no particular order."""
    t = ActorCountRow
    rows = s.execute(select(t.kind, t.other, t.events).where(t.kb_id == kb_id, t.kind != ALL)).all()
    return [(other, None, n) if kind == ACTOR else (None, other, n) for kind, other, n in rows]

