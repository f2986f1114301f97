"""Query latency on a store of at least 1,000,000 events: p50 / p95 of the timeline, actor-profile and
event-filter queries (issue 16 item 4; target p95 < 100 ms on SQLite).

The events are synthetic copies of the real ones: the benchmark store (`build/bench-resolve.db`, made by
`bench_resolve.py`) is copied once, and its events, their participants and its canonical events are repeated
with their dates moved a week further each time until the store holds --events events. A copy stays in its
article but gets its own local id («e3~7»), and a copied canonical event its own story («s0000012~7») listing
those copies, so that an event is still named by its document and local id and a story holds a handful of
canonical events, as in a real store; the actors' kept counts (`marsad.store.actor_counts`) are then computed
again from scratch, as `resolve --full` does. Queries go through the service functions the CLI and the API call.

    python bench/bench_million.py --source build/bench-resolve.db --db build/bench-million.db
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import func, insert, select

from marsad import service
from marsad.store import Store, actor_counts
from marsad.store.db import EventFilter
from marsad.store.link_stories import pair_rows
from marsad.store.schema import CanonicalEventRow, CanonicalPairRow, EventRow, ParticipantRow

TARGET_MS = 100
BATCH = 20_000


def _shift(value, weeks: int):
    """Return a date moved `weeks` weeks later (None stays None)."""
    if value is None:
        return None
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return day + dt.timedelta(weeks=weeks)


def grow(store: Store, target: int) -> int:
    """Copy the store's events (with participants) and canonical events until it holds `target` events; return
    how many events it holds."""
    with store.session() as s:
        have = s.scalar(select(func.count()).select_from(EventRow))
        if have >= target:
            return have
        ev_cols = [c for c in EventRow.__table__.columns if c.name != "pk"]
        events = [dict(r._mapping) for r in s.execute(select(EventRow.__table__))]
        parts: dict[int, list[dict]] = {}
        for r in s.execute(select(ParticipantRow.__table__)):
            row = dict(r._mapping)
            parts.setdefault(row.pop("event_pk"), []).append(row)
        canon = [dict(r._mapping) for r in s.execute(select(CanonicalEventRow.__table__))]
        next_pk = s.scalar(select(func.max(EventRow.pk))) + 1
    copy = 1
    while have < target:
        ev_rows, part_rows = [], []
        for e in events:
            new = {c.name: e[c.name] for c in ev_cols}
            new["pk"] = next_pk
            new["local_id"] = f"{e['local_id']}~{copy}"  # (document, local id) names one event, as in a real store
            new["date_on"] = _shift(e["date_on"], copy)
            ev_rows.append(new)
            for p in parts.get(e["pk"], []):
                q = {k: v for k, v in p.items() if k != "pk"}
                q["event_pk"] = next_pk
                part_rows.append(q)
            next_pk += 1
        canon_rows = [{**c, "id": f"{c['id']}~{copy}", "story_id": f"{c['story_id']}~{copy}",
                       "events": [f"{key}~{copy}" for key in c["events"]], "date_on": _shift(c["date_on"], copy)}
                      for c in canon]
        with store.writing() as s:
            for i in range(0, len(ev_rows), BATCH):
                s.execute(insert(EventRow.__table__), ev_rows[i:i + BATCH])
            for i in range(0, len(part_rows), BATCH):
                s.execute(insert(ParticipantRow.__table__), part_rows[i:i + BATCH])
            s.execute(insert(CanonicalEventRow.__table__), canon_rows)
            s.execute(insert(CanonicalPairRow.__table__), pair_rows(canon_rows))
        have += len(ev_rows)
        copy += 1
        print(f"  {have:,} events", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    t0 = time.perf_counter()
    with store.writing() as s:  # the copies were written past resolution: count their actors from scratch
        actor_counts.rebuild(s)
    print(f"  actor counts rebuilt in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return have


def timed(calls, rounds: int) -> tuple[list[float], list[float]]:
    """Return the wall-clock and the CPU milliseconds of each call (each `rounds` times, after one warm-up).

    SQLite runs in this process, so its CPU time is the query's cost; on a machine other jobs share, the wall
    clock adds the time spent waiting for a core."""
    for call in calls:
        call()
    wall, cpu = [], []
    for _ in range(rounds):
        for call in calls:
            t0, c0 = time.perf_counter(), time.process_time()
            call()
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    return wall, cpu


def p95(ms: list[float]) -> float:
    """Return the 95th percentile of the values (nearest rank)."""
    ms = sorted(ms)
    return ms[max(0, round(0.95 * len(ms)) - 1)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default="build/bench-resolve.db")
    ap.add_argument("--db", default="build/bench-million.db")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    src, db = Path(args.source), Path(args.db)
    if not db.exists():
        if not src.exists():
            print(f"no benchmark store at {src}: run bench/bench_resolve.py first", file=sys.stderr)
            return 2
        shutil.copyfile(src, db)
    store = Store(f"sqlite:///{db}")
    t0 = time.perf_counter()
    n = grow(store, args.events)
    print(f"store: {n:,} events ({time.perf_counter() - t0:.0f} s to build)")
    actors = [a["kb_id"] for a in service.actors(store, limit=10).rows]
    kinds = {
        "timeline EG-LY (first page)": [lambda: service.timeline_page(store, "EG", "LY", limit=50)],
        "actor profile (top 10)": [lambda k=k: service.actor_record(store, k) for k in actors],
        "event filter (type, country, since; first page)": [
            lambda t=t: service.event_page(store, EventFilter(types=(t,), countries=("SA",), since="2015-07-15",
                                                                 limit=50))
            for t in ("CONSULT", "ASSAULT", "ACCUSE")],
    }
    for name, calls in kinds.items():
        load = os.getloadavg()[0]
        wall, cpu = timed(calls, args.rounds)
        flag = "ok" if p95(wall) < TARGET_MS else "over target"
        print(f"{name:50s} p50 {statistics.median(wall):7.1f} ms   p95 {p95(wall):7.1f} ms   ({flag}, n={len(wall)}); "
              f"CPU p50 {statistics.median(cpu):6.1f} ms, p95 {p95(cpu):6.1f} ms; load {load:.1f} on "
              f"{os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
