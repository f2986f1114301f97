"""What grows during a long ingest: tracemalloc snapshots over `service.ingest` of the benchmark articles into a
new SQLite store, and the allocation sites (file and line) that grew most between the --from-th article and the
last one, beside the process's resident memory at each snapshot.

    python bench/memory_growth.py --limit 3000 --at 500,1000,2000,3000 --from 1000

tracemalloc counts only what Python allocates through its allocator (not numpy's or SQLite's own buffers) and
slows the run about twofold; the RSS printed beside it is the whole process.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from itertools import islice
from pathlib import Path

from marsad import service
from marsad.ingest import iter_articles
from marsad.store import Store


def rss_mb() -> float:
    """Return the resident memory of this process now, in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def _top(older: tracemalloc.Snapshot, newer: tracemalloc.Snapshot, key: str, n: int) -> None:
    for stat in newer.compare_to(older, key)[:n]:
        frame = stat.traceback[0]
        where = f"{frame.filename.split('/site-packages/')[-1].split('/wt-')[-1]}" + (
            f":{frame.lineno}" if key == "lineno" else "")
        print(f"  {stat.size_diff / 1e6:+8.2f} MB  {stat.count_diff:+9d} blocks  {where}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--limit", type=int, default=3000, help="articles ingested")
    ap.add_argument("--at", default="500,1000,2000,3000", help="articles after which a snapshot is taken")
    ap.add_argument("--from", dest="base", type=int, default=1000, help="the snapshot growth is measured from")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    path = Path(args.shared) / "data" / "news" / "saudinewsnet-2015-07.jsonl"
    if not path.exists():
        print(f"benchmark data missing: {path}", file=sys.stderr)
        return 2
    at = sorted(int(x) for x in args.at.split(","))
    snaps: dict[int, tracemalloc.Snapshot] = {}
    count = 0

    def tick() -> None:  # called before each article: `count` articles are done
        nonlocal count
        if count in at:
            gc.collect()
            snaps[count] = tracemalloc.take_snapshot()
            traced, _ = tracemalloc.get_traced_memory()
            print(f"{count:6d} articles: traced {traced / 1e6:7.1f} MB, RSS {rss_mb():7.1f} MB "
                  f"({time.perf_counter() - t0:.0f} s)", flush=True)
        count += 1

    tracemalloc.start(1)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="marsad-growth-") as tmp:
        store = Store(f"sqlite:///{tmp}/growth.db")
        report = service.ingest(islice(iter_articles([str(path)]), args.limit), store,
                                service.IngestOptions(progress=tick, resolve=False))
        tick()  # after the last article
        print(report.line())
        store.close()
    last = max(snaps)
    base = args.base if args.base in snaps else min(snaps)
    ignore = [tracemalloc.Filter(False, tracemalloc.__file__)]
    older, newer = snaps[base].filter_traces(ignore), snaps[last].filter_traces(ignore)
    print(f"\ngrowth from the {base}th to the {last}th article, by file:")
    _top(older, newer, "filename", args.top)
    print("\nby line:")
    _top(older, newer, "lineno", args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
