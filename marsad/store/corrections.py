"""Analyst corrections to actors: merges and splits, applied at once and kept by later ingests."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from marsad.errors import MarsadError
from marsad.store.actor_counts import recount
from marsad.store.db import IdAllocator, Store
from marsad.store.link_actors import Corrections, refresh_actors
from marsad.store.link_stories import link_stories, story_ids
from marsad.store.schema import (
    ActorRow,
    DocStateRow,
    EntityRow,
    OverrideRow,
)
from marsad.store.sql import select_in


def merge(s: Session, keep: str, other: str) -> str | None:
    """Fold actor OTHER into KEEP; return None, or a one-line reason it cannot be done."""
    fix = Corrections(s)
    keep, other = fix.follow(keep), fix.follow(other)
    known = {kb for kb, in select_in(s, select(ActorRow.kb_id), ActorRow.kb_id, {keep, other})}
    if keep not in known or other not in known:
        return f"no such actor: {other if keep in known else keep}"
    if keep == other:
        return f"{other} is already {keep}"
    s.execute(update(ActorRow).where(ActorRow.kb_id == other).values(merged_into=keep))
    docs = {d for d, in s.execute(select(EntityRow.doc_id).where(EntityRow.kb_id == other))}
    s.execute(update(EntityRow).where(EntityRow.kb_id == other).values(kb_id=keep))
    recount(s, docs)
    refresh_actors(s, {keep, other})
    relink(s, docs)
    return None


def split(s: Session, kb: str, docs: list[str]) -> str | None:
    """Move KB's mentions in `docs` to a new actor; return its id, or None when nothing (or everything) would move."""
    fix = Corrections(s)
    kb = fix.follow(kb)
    refs = s.execute(select(EntityRow.pk, EntityRow.doc_id).where(EntityRow.kb_id == kb)).all()
    leaving = [pk for pk, d in refs if d in docs]
    moved = {d for _, d in refs if d in docs}
    if not leaving or len(leaving) == len(refs):
        return None
    ids = IdAllocator(s, "next_actor", "a")
    new = ids.take()
    s.add(ActorRow(kb_id=new, seq=ids.seq(), name="", name_key="", variants=[], doc_ids=[], reason="analyst split"))
    s.flush()
    s.execute(update(EntityRow).where(EntityRow.pk.in_(leaving)).values(kb_id=new))
    s.flush()
    recount(s, moved)
    refresh_actors(s, {kb, new})
    return new


def relink(s: Session, docs: set[str]) -> None:
    """Recompute the stories of documents whose persons changed actor."""
    if docs:
        link_stories(s, sorted(docs), False, story_ids(s, DocStateRow.doc_id, docs), set())


def add_override(store: Store, kind: str, kb_id: str, other: str | None = None,
                 doc_ids: tuple[str, ...] = ()) -> str:
    """Apply and record an analyst correction (merge OTHER into KB_ID, or split KB_ID's mentions in DOC_IDS off).

    Returns a one-line message saying what happened; raises MarsadError (one line) when it cannot apply.
    """
    with store.writing(exclusive=True) as s:
        if kind == "merge":
            problem = merge(s, kb_id, other or "")
            if problem:
                raise MarsadError(problem)
            s.add(OverrideRow(kind="merge", kb_id=kb_id, other=other, doc_ids=[]))
            return f"merged {other} into {kb_id}"
        new = split(s, kb_id, list(doc_ids))
        if new is None:
            raise MarsadError(f"nothing to split: {kb_id} has no mentions in {', '.join(doc_ids)} or only those")
        s.add(OverrideRow(kind="split", kb_id=kb_id, doc_ids=list(doc_ids), new_kb_id=new))
        s.flush()
        relink(s, set(doc_ids))
        return f"split {kb_id}: mentions in {', '.join(doc_ids)} are now {new}"
