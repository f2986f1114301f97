"""Ingest the 12,644 benchmark articles into SQLite, then time cross-article resolution.

Prints ingest throughput, resolution time, peak memory, the number of near-duplicate groups and
stories, and writes a sample of groups for hand checking (--sample FILE).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from marsad.errors import InputError
from marsad.extract.pipeline import analyse
from marsad.ingest import iter_articles
from marsad.store import Store
from marsad.store.resolution import resolve_store


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--db", default=None, help="reuse (or keep) this SQLite file")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--sample", default=None, help="write 30 random near-duplicate groups here (JSON)")
    args = ap.parse_args(argv)
    path = Path(args.shared) / "data" / "news" / "saudinewsnet-2015-07.jsonl"
    db_path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench.db"
    store = Store(f"sqlite:///{db_path}")
    if store.count()["documents"] == 0:
        t0 = time.perf_counter()
        n = 0
        for rec in iter_articles([str(path)]):
            if isinstance(rec, InputError):
                continue
            try:
                store.add(analyse(rec.text, rec.meta()), rec.item)
            except InputError:
                continue
            n += 1
            if args.limit and n >= args.limit:
                break
        secs = time.perf_counter() - t0
        print(f"ingest (analyse + store)     {n} articles in {secs:.0f} s: {n / secs:.1f} articles/s", flush=True)
    before = peak_mb()
    t0 = time.perf_counter()
    summary = resolve_store(store)
    secs = time.perf_counter() - t0
    print(f"resolution                   {secs:.1f} s; peak RSS {peak_mb():.0f} MB (before: {before:.0f} MB)")
    print(f"  {summary}")
    if args.sample:
        from sqlalchemy import select

        from marsad.store.schema import DocumentRow, DuplicateRow

        with store.session() as s:
            rows = s.execute(select(DuplicateRow.group_id, DuplicateRow.doc_id, DocumentRow.outlet,
                                    DocumentRow.title, DocumentRow.text)
                             .join(DocumentRow, DocumentRow.id == DuplicateRow.doc_id)).all()
        groups: dict[str, list] = {}
        for g, d, outlet, title, text in rows:
            groups.setdefault(g, []).append({"id": d, "outlet": outlet, "title": title, "start": text[:160]})
        random.seed(7)
        picked = random.sample(sorted(groups), min(30, len(groups)))
        Path(args.sample).write_text(json.dumps([groups[g] for g in picked], ensure_ascii=False, indent=1),
                                     encoding="utf-8")
        print(f"  wrote {len(picked)} sampled groups to {args.sample}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
