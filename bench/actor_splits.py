"""How persons are split into actors: resolve the person entities of a store in memory and count.

Reads the person entities of a store built by bench_resolve.py, runs `resolve_actors` on them and
prints the number of actors, how many name keys are shared by more than one actor, and for the
most-reported persons (grouped by the core of their name: given name and family name, or given
name and father) how many actors hold them. `--show N` lists the N most split name keys.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections import Counter, defaultdict

from marsad.resolve.actors import PersonMention, name_core, resolve_actors
from marsad.text.normalize import name_key


def load(db: str) -> list[PersonMention]:
    """Return the person mentions stored in the SQLite file `db`."""
    import json

    con = sqlite3.connect(db)
    rows = con.execute("select e.pk, e.doc_id, e.name, e.country, e.titles, e.name_latin, d.published, d.outlet "
                       "from entities e join documents d on d.id = e.doc_id where e.type = 'PER'").fetchall()
    return [PersonMention(str(pk), doc, name, country, json.loads(titles or "[]"), pub, outlet, latin)
            for pk, doc, name, country, titles, latin, pub, outlet in rows]


def main(argv: list[str]) -> int:
    """Print the split figures; return the exit status."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="build/bench-resolve.db")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)
    mentions = load(args.db)
    t0 = time.perf_counter()
    actors = resolve_actors(mentions)
    secs = time.perf_counter() - t0
    by_key: dict[str, list] = defaultdict(list)
    by_core: dict[str, list] = defaultdict(list)
    for a in actors:
        by_key[name_key(a.name)].append(a)
        by_core[name_core(name_key(a.name))].append(a)
    shared = {k: v for k, v in by_key.items() if len(v) > 1}
    print(f"{len(mentions)} person mentions → {len(actors)} actors in {secs:.1f} s")
    print(f"name keys held by more than one actor: {len(shared)} ({sum(len(v) for v in shared.values())} actors)")
    docs = Counter()
    for core, acts in by_core.items():
        docs[core] = len({d for a in acts for d in a.doc_ids})
    print("\nmost-reported persons (name core): articles, actors, articles of the biggest actor")
    for core, n in docs.most_common(args.top):
        acts = sorted(by_core[core], key=lambda a: -len(a.doc_ids))
        print(f"  {core:32s} {n:5d} {len(acts):4d} {len(acts[0].doc_ids):5d}")
    for k, v in sorted(shared.items(), key=lambda kv: -len(kv[1]))[:args.show]:
        print(f"  {k}: {len(v)} actors, countries {Counter(a.country for a in v).most_common(5)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
