"""API latency on a large store: p50 / p95 of the timeline, actor-profile, search and web app requests.

Reuses the store `bench_resolve.py` builds (build/bench-resolve.db: the 12,644 benchmark articles and the
new ones it adds), or builds one of --limit benchmark articles when it is missing. Requests go through
FastAPI's TestClient, in process: the figures are the app's own time (routing, validation, queries, JSON),
without a network. Target: p95 < 100 ms for each kind.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from marsad import service
from marsad.api import create_app
from marsad.store import Store

TARGET_MS = 100
# common and rare words of the benchmark news (Saudi outlets, 2015), in several spellings
QUERIES = ["مصر", "ليبيا", "مصر ليبيا", "وزير الخارجية", "الملك سلمان", "خادم الحرمين", "داعش", "الحوثى",
           "عبدالله", "عبد الله بن عبدالعزيز", "الرياض", "النفط", "الإرهاب", "اليمن", "السيسي", "باليمن",
           "مجلس التعاون", "الامم المتحدة", "Salman", "الثني", "طرابلس", "الهلال الأحمر", "الأمير محمد بن سلمان",
           "وزارة الداخلية", "القدس"]


def percentile(values: list[float], p: float) -> float:
    """Return the p-th percentile (0-100) of the values, by nearest rank."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def timed(client: TestClient, urls: list[str], rounds: int) -> list[float]:
    """Return the milliseconds of each request (every url `rounds` times, after one warm-up pass)."""
    for url in urls:
        assert client.get(url).status_code == 200, url
    out = []
    for _ in range(rounds):
        for url in urls:
            t0 = time.perf_counter()
            r = client.get(url)
            out.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, (url, r.text[:200])
    return out


def ensure_store(db: Path, shared: Path, limit: int | None) -> Store:
    """Return the store at `db`, ingesting (and resolving) benchmark articles first when it holds none."""
    db.parent.mkdir(parents=True, exist_ok=True)
    store = Store(f"sqlite:///{db}")
    if store.count()["documents"] == 0:
        records = service.read([str(shared / "data" / "news" / "saudinewsnet-2015-07.jsonl")])
        if limit:
            records = (r for i, r in enumerate(records) if i < limit)
        t0 = time.perf_counter()
        report = service.ingest(records, store, service.IngestOptions(resolve=True))
        print(f"built {db}: {report.line()} in {time.perf_counter() - t0:.0f} s", flush=True)
    return store


def main(argv: list[str]) -> int:
    """Run the benchmark; return the exit status (0 even when a target is missed: it is a measurement)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--db", default="build/bench-resolve.db", help="SQLite store to reuse (built when missing)")
    ap.add_argument("--limit", type=int, default=None, help="articles to store when building it")
    ap.add_argument("--rounds", type=int, default=5, help="times each request is repeated")
    ap.add_argument("--actors", type=int, default=40, help="actors profiled: the 10 most reported and random others")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    store = ensure_store(Path(args.db), Path(args.shared), args.limit)
    counts = store.count()
    print(f"store {args.db}: {counts['documents']} documents, {counts['events']} events "
          f"(opened in {time.perf_counter() - t0:.1f} s)", flush=True)
    client = TestClient(create_app(store.url))
    top = service.actors(store, limit=10).rows
    everyone = service.actors(store).rows
    rng = random.Random(15)
    picked = [a["kb_id"] for a in top] + [a["kb_id"] for a in rng.sample(everyone, min(len(everyone),
                                                                                   args.actors - len(top)))]
    kinds = {
        "timeline EG LY": ["/api/timeline?a=EG&b=LY", "/api/timeline?a=EG&b=LY&offset=50",
                           "/api/timeline?a=SA&b=YE", "/api/timeline?a=EG&b=LY&since=2015-01-01"],
        "actor profile": [f"/api/actors/{kb}" for kb in picked],
        "search": [f"/api/search?q={quote(q)}" for q in QUERIES],
        "events (filters)": ["/api/events?country=EG&country=LY", "/api/events?type=CONSULT&since=2015-01-01",
                             f"/api/events?actor={top[0]['kb_id']}", f"/api/events?q={quote(QUERIES[3])}",
                             "/api/events?country=SA&offset=400"],
        # what the web app's overview, network and map ask (counts over every event a filter selects)
        "web app counts": ["/api/overview", "/api/overview?country=EG&country=LY", "/api/overview?type=ASSAULT",
                           "/api/network", "/api/network?level=states", "/api/network?type=CONSULT&type=AID",
                           "/api/places", "/api/places?country=YE"],
    }
    worst = 0.0
    for name, urls in kinds.items():
        ms = timed(client, urls, args.rounds)
        p50, p95 = statistics.median(ms), percentile(ms, 95)
        worst = max(worst, p95)
        print(f"{name:16s} {len(ms):5d} requests: p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {max(ms):6.1f} ms "
              f"(target p95 < {TARGET_MS} ms: {'met' if p95 < TARGET_MS else 'MISSED'})", flush=True)
    print(f"worst p95 {worst:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
