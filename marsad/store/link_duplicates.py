"""Near-duplicate documents from stored MinHash sketches and LSH band keys."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from marsad.resolve.duplicates import THRESHOLD, UnionFind, band_keys, lsh_shape, similarity, sketch
from marsad.store.schema import (
    DocBandRow,
    DocStateRow,
    DocumentRow,
    DuplicateRow,
)
from marsad.store.sql import chunks, select_in


def _sketches_of(s: Session, docs: Iterable[str]) -> dict[str, np.ndarray]:
    rows = select_in(s, select(DocStateRow.doc_id, DocStateRow.sketch), DocStateRow.doc_id, docs)
    return {d: np.frombuffer(blob, dtype=np.uint64) for d, blob in rows if blob is not None}


def link_duplicates(s: Session, docs: list[str], full: bool,
                     old: dict) -> tuple[dict[str, bytes | None], set[str]]:
    """Sketch the documents, find their near-duplicates and rewrite the groups they touch.

    Returns the sketches of the documents (to store) and every document whose group was rewritten.
    """
    shape = lsh_shape()
    q = select(DocumentRow.id, DocumentRow.text, DocumentRow.content_hash)
    sketches: dict[str, np.ndarray] = {}
    blobs: dict[str, bytes | None] = {}
    for d, text, content_hash in (s.execute(q).all() if full else select_in(s, q, DocumentRow.id, docs)):
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
        for part in chunks(docs):
            s.execute(delete(DocBandRow).where(DocBandRow.doc_id.in_(part)))
        cand = {d for d, in select_in(s, select(DocBandRow.doc_id), DocBandRow.band,
                                       {b for bs in bands.values() for b in bs})} - members
        sketches.update(_sketches_of(s, cand))
        neighbours = {c for c in cand if c in sketches and any(
            similarity(sketches[c], sketches[d]) >= THRESHOLD for d in docs if d in sketches)}
        old_groups = {g for g, in select_in(s, select(DuplicateRow.group_id), DuplicateRow.doc_id,
                                             members | neighbours)}
        in_groups = {d for d, in select_in(s, select(DuplicateRow.doc_id), DuplicateRow.group_id, old_groups)}
        sketches.update(_sketches_of(s, in_groups - set(sketches)))
        members |= neighbours | in_groups
        for d in members:
            if d in sketches and d not in bands:
                bands[d] = band_keys(sketches[d], shape)
        for part in chunks(members):
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


