"""Incremental ingest on a large store: 12,644 SaudiNewsNet articles stored once, then 100 new ones timed.

Builds (or reuses, with --db) a SQLite store of the benchmark articles, then ingests --new articles
not stored yet from another corpus (the gzipped ANT JSONL), analysis and resolution included, and
prints seconds, articles/s and peak RSS; then times a full re-resolution and checks that it kept
every person's actor id. --sample FILE writes 30 random near-duplicate groups for hand checking.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select

from marsad import service
from marsad.ingest.readers import Result, read_bytes
from marsad.store import Store
from marsad.store.schema import DocumentRow, EntityRow


def peak_mb() -> float:
    """Return the peak resident memory of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def new_articles(path: Path, store: Store, n: int) -> list[Result]:
    """Return the first `n` articles of a gzipped JSONL file whose ids are not stored yet."""
    with store.session() as s:
        have = set(s.scalars(select(DocumentRow.id)))
    out: list[Result] = []
    with gzip.open(path, "rb") as fh:
        for i, line in enumerate(fh, 1):
            obj = json.loads(line)
            if obj.get("id") in have or not obj.get("text"):
                continue
            out.extend(read_bytes(line, f"{path}:{i}", "jsonl"))
            if len(out) >= n:
                break
    return out


def _timed(label: str, n: int, fn):
    t0 = time.perf_counter()
    result = fn()
    secs = time.perf_counter() - t0
    rate = f": {n / secs:.1f} articles/s" if n else ""
    print(f"{label:34s} {secs:7.1f} s{rate}; peak RSS {peak_mb():.0f} MB", flush=True)
    return result, secs


def _limited(records: Iterator[Result], limit: int | None) -> Iterator[Result]:
    for i, rec in enumerate(records):
        if limit and i >= limit:
            return
        yield rec


def main(argv: list[str]) -> int:
    """Run the benchmark; return the exit status."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--db", default=None, help="reuse (or keep) this SQLite file")
    ap.add_argument("--limit", type=int, default=None, help="store only this many benchmark articles")
    ap.add_argument("--new", type=int, default=100, help="new articles to ingest and time")
    ap.add_argument("--no-full", action="store_true", help="skip the full re-resolution")
    ap.add_argument("--sample", default=None, help="write 30 random near-duplicate groups here (JSON)")
    args = ap.parse_args(argv)
    news = Path(args.shared) / "data" / "news"
    db_path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench.db"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    store, _ = _timed("open store (migrates an old one)", 0, lambda: Store(f"sqlite:///{db_path}"))
    if store.count()["documents"] == 0:
        records = _limited(service.read([str(news / "saudinewsnet-2015-07.jsonl")]), args.limit)
        report, _ = _timed("base: analyse + store", 0,
                           lambda: service.ingest(records, store, service.IngestOptions(resolve=False)))
        print(f"  {report.line()}")
    pending, _ = _timed("base: resolve what is pending", 0, lambda: service.resolve(store))
    print(f"  {pending}")
    docs = store.count()["documents"]
    batch = new_articles(news / "ant-2017-2018.jsonl.gz", store, args.new)
    before = peak_mb()
    report, secs_ingest = _timed(f"{len(batch)} new: analyse + store", len(batch),
                                 lambda: service.ingest(batch, store, service.IngestOptions(resolve=False)))
    summary, secs_resolve = _timed(f"{len(batch)} new: incremental resolution", len(batch),
                                   lambda: service.resolve(store))
    total = secs_ingest + secs_resolve
    print(f"{len(batch)} new articles into a store of {docs}: {total:.1f} s in all, "
          f"{len(batch) / total:.1f} articles/s (target < 15 s); peak RSS {peak_mb():.0f} MB "
          f"(before: {before:.0f} MB)")
    print(f"  {report.line()}; {summary}")
    if not args.no_full:
        with store.session() as s:
            ids_before = dict(s.execute(select(EntityRow.pk, EntityRow.kb_id)
                                        .where(EntityRow.kb_id.is_not(None))).all())
        full, _ = _timed("full re-resolution", 0, lambda: service.resolve(store, full=True))
        with store.session() as s:
            ids_after = dict(s.execute(select(EntityRow.pk, EntityRow.kb_id)).all())
        same = sum(1 for pk, kb in ids_before.items() if ids_after.get(pk) == kb)
        print(f"  {full}")
        print(f"  person entities keeping their actor id: {same} of {len(ids_before)}")
    if args.sample:
        write_sample(store, Path(args.sample))
    return 0


def write_sample(store: Store, path: Path) -> None:
    """Write 30 random near-duplicate groups (id, outlet, title, start of text) as JSON."""
    from marsad.store.schema import DuplicateRow

    with store.session() as s:
        rows = s.execute(select(DuplicateRow.group_id, DuplicateRow.doc_id, DocumentRow.outlet,
                                DocumentRow.title, DocumentRow.text)
                         .join(DocumentRow, DocumentRow.id == DuplicateRow.doc_id)).all()
    groups: dict[str, list] = {}
    for g, d, outlet, title, text in rows:
        groups.setdefault(g, []).append({"id": d, "outlet": outlet, "title": title, "start": text[:160]})
    random.seed(7)
    picked = random.sample(sorted(groups), min(30, len(groups)))
    path.write_text(json.dumps([groups[g] for g in picked], ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"  wrote {len(picked)} sampled groups to {path}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
