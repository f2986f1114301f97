"""Bulk ingest into SQLite and PostgreSQL, and memory over a long ingest.

`rate` (the default): the first --limit (1,000) benchmark articles are analysed once (timed apart), then the
same Documents are written into a new SQLite store and, when --pg or MARSAD_TEST_PG names a server, into a
new schema on PostgreSQL: articles/s of the writes alone (rows, search keys, JSON; `Store.add_many` in
transactions of 100, then again into an empty store one transaction an article as `marsad ingest` writes),
then the time of resolution (actors, duplicates, stories), then the rate of a second ingest of the same
input, which finds every article unchanged from its content hash before analysing it. Wall-clock rates on a
shared machine drift; the CPU seconds of this process are printed beside them (PostgreSQL's own work is in
its server's processes, not counted there).

`memory`: `service.ingest` (analysis, storage, then resolution) over the first --limit articles into a new
SQLite store, the resident memory printed every --every articles: start (after the first article, with the
pipeline loaded), end, and the largest.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from marsad import service
from marsad.errors import InputError
from marsad.extract.pipeline import analyse, identify
from marsad.ingest import iter_articles
from marsad.store import Store
from marsad.store.search import document_rows


def rss_mb() -> float:
    """Return the resident memory of this process now, in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _records(path: Path, limit: int) -> list:
    return [r for r in islice(iter_articles([str(path)]), limit) if not isinstance(r, InputError)]


def _pg_schema(server: str) -> tuple[str, Callable[[], None], Callable[[], None]]:
    """Return the URL of a new schema on the server, a function emptying it and one dropping it."""
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

    def reset() -> None:
        drop()
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    reset()
    sep = "&" if "?" in server else "?"
    return f"{server}{sep}options=-csearch_path%3D{schema}", reset, drop


def _write(name: str, url: str, analysed: list, records: list, reset) -> None:
    n = len(analysed)
    store = Store(url)
    t0, c0 = time.perf_counter(), time.process_time()
    store.add_many((doc, item, fingerprint) for doc, fingerprint, item in analysed)
    batched, batched_cpu = time.perf_counter() - t0, time.process_time() - c0
    store.close()
    reset()
    store = Store(url)
    t0, c0 = time.perf_counter(), time.process_time()
    for doc, fingerprint, item in analysed:
        store.add(doc, source_item=item, source_hash=fingerprint)
    writes, writes_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    summary = service.resolve(store)
    linking = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = service.ingest(records, store, service.IngestOptions(resolve=False))
    reread = time.perf_counter() - t0
    store.close()
    print(f"{name:10s} write {n} analysed articles: {n / batched:6.1f} articles/s in transactions of 100 "
          f"({batched:.2f} s; {n / batched_cpu:.0f} per CPU second of this process), {n / writes:6.1f} articles/s "
          f"one transaction each as `ingest` ({writes:.2f} s; {n / writes_cpu:.0f} per CPU second); "
          f"then resolution {linking:5.1f} s ({summary.actors} actors, {summary.stories} stories); "
          f"ingest again: {len(again.unchanged)} unchanged in {reread:.2f} s, {n / reread:.0f} articles/s", flush=True)


def rate(path: Path, limit: int, pg: str | None) -> None:
    records = _records(path, limit)
    t0 = time.perf_counter()
    analysed = []
    for rec in records:
        meta = rec.meta()
        doc_id, digest = identify(rec.text, meta)
        analysed.append((analyse(rec.text, meta), service.source_hash(doc_id, digest, meta), rec.item))
    seconds = time.perf_counter() - t0
    print(f"analysis   {len(records)} articles: {seconds:6.2f} s, {len(records) / seconds:7.1f} articles/s "
          f"(not counted below)", flush=True)
    for doc, _, _ in analysed:  # the search keys' word cache warmed, as in a long ingest
        document_rows(doc)
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        db = Path(tmp) / "bench.db"

        def reset_sqlite() -> None:
            for p in Path(tmp).glob("bench.db*"):
                p.unlink()
        _write("SQLite", f"sqlite:///{db}", analysed, records, reset_sqlite)
    if pg:
        url, reset, drop = _pg_schema(pg)
        try:
            _write("PostgreSQL", url, analysed, records, reset)
        finally:
            drop()
    else:
        print("PostgreSQL skipped: no server (--pg URL or MARSAD_TEST_PG; make bench starts one where it can)",
              flush=True)


def memory(path: Path, limit: int, every: int) -> None:
    samples: list[tuple[int, float]] = []
    count = 0

    def tick() -> None:
        nonlocal count
        count += 1
        if count == 2 or count % every == 0:  # the first article has been analysed when the second begins
            samples.append((count - 1, rss_mb()))
            print(f"  {count - 1:6d} articles: RSS {samples[-1][1]:7.1f} MB", flush=True)
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        store = Store(f"sqlite:///{tmp}/memory.db")
        t0, c0 = time.perf_counter(), time.process_time()
        report = service.ingest(islice(iter_articles([str(path)]), limit), store,
                                service.IngestOptions(progress=tick))
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        store.close()
    end = rss_mb()
    start = samples[0][1]
    print(f"memory     {report.line()} in {seconds:.0f} s ({len(report.added) / seconds:.1f} articles/s with "
          f"analysis and resolution, {len(report.added) / cpu:.1f} per CPU second; {os.getloadavg()[0]:.1f} load); "
          f"RSS start {start:.0f} MB, end {end:.0f} MB, peak {peak_mb():.0f} MB; "
          f"between the {samples[1][0]}th and the last article: {samples[-1][1] - samples[1][1]:+.0f} MB",
          flush=True)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", nargs="?", choices=("rate", "memory"), default="rate")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--limit", type=int, default=None, help="articles (rate: 1,000; memory: 3,000)")
    ap.add_argument("--every", type=int, default=250, help="memory: articles between two samples")
    ap.add_argument("--pg", default=os.environ.get("MARSAD_TEST_PG"), help="PostgreSQL server URL ('': none)")
    args = ap.parse_args(argv)
    path = Path(args.shared) / "data" / "news" / "saudinewsnet-2015-07.jsonl"
    if not path.exists():
        print(f"benchmark data missing: {path}", file=sys.stderr)
        return 2
    if args.mode == "rate":
        rate(path, args.limit or 1000, args.pg)
    else:
        memory(path, args.limit or 3000, args.every)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
