"""Write the document JSON of a corpus, one line per article, to compare two versions of the core.

    python scripts/snapshot.py --shared ../shared --out /tmp/before.jsonl
    python scripts/snapshot.py --shared ../shared --out /tmp/after.jsonl
    python scripts/snapshot.py --diff /tmp/before.jsonl /tmp/after.jsonl

The corpus is the five seeds, the 30 news-dev articles and the first --news articles of SaudiNewsNet.
With `--ant N --seed S` it is instead N random ANT articles (section `--category`, default middleEast),
leaving out those the hand checks read (seeds 4242, 5151 and 6161 of scripts/handcheck.py); `--events`
then prints, for each event whose date changed, the two dates and its evidence.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import sys
from pathlib import Path

from marsad.errors import InputError
from marsad.extract.pipeline import analyse
from marsad.ingest import iter_articles


def corpus(shared: Path, news: int):
    """Yield (text, meta) of the snapshot corpus, in a fixed order."""
    pub_rows = (shared / "seeds" / "published.tsv").read_text(encoding="utf-8").splitlines()
    published = dict(r.split("\t")[:2] for r in pub_rows if r and not r.startswith("#"))
    for path in sorted((shared / "seeds").glob("*.txt")):
        yield path.read_text(encoding="utf-8"), {"id": path.stem, "published": published.get(path.name)}
    for path in (shared / "eval" / "news-dev" / "articles.jsonl",
                 shared / "data" / "news" / "saudinewsnet-2015-07.jsonl"):
        recs = (r for r in iter_articles([str(path)]) if not isinstance(r, InputError))
        limit = None if "news-dev" in str(path) else news
        for rec in itertools.islice(recs, limit):
            yield rec.text, rec.meta()


HANDCHECKED = ((4242, 40), (5151, 40), (6161, 30))  # (seed, n) of the hand checks, middleEast section


def ant_corpus(shared: Path, n: int, seed: int, category: str):
    """Yield (text, meta) of `n` random ANT articles of `category`, none of them hand-checked."""
    with gzip.open(shared / "data" / "news" / "ant-2017-2018.jsonl.gz", "rt", encoding="utf-8") as fh:
        recs = [r for line in fh if line.strip() and (r := json.loads(line)).get("category") == category]
    seen = {r["id"] for s, k in HANDCHECKED for r in random.Random(s).sample(recs, k)}
    pool = [r for r in recs if r["id"] not in seen]
    for rec in random.Random(seed).sample(pool, min(n, len(pool))):
        yield rec["text"], {k: rec.get(k) for k in ("id", "url", "outlet", "published", "title")}


def event_dates(a: Path, b: Path) -> int:
    """Print each event whose date differs between two snapshots (matched by evidence); return how many."""
    def by_evidence(path: Path) -> dict:
        out = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            for ev in doc.get("events", []):
                key = (doc["id"], ev["type"], ev["evidence"]["start"])
                out[key] = (doc.get("published"), ev)
        return out
    left, right = by_evidence(a), by_evidence(b)
    n = 0
    for key in sorted(left.keys() & right.keys()):
        (pub, x), (_, y) = left[key], right[key]
        dx, dy = (x.get("date") or {}), (y.get("date") or {})
        if (dx.get("value"), dx.get("precision")) != (dy.get("value"), dy.get("precision")) \
                or x.get("modality") != y.get("modality"):
            n += 1
            print(f"{key[0]} pub {pub} {key[1]} {x.get('modality')}->{y.get('modality')}: "
                  f"{dx.get('value')}/{dx.get('precision')} «{dx.get('text')}» -> "
                  f"{dy.get('value')}/{dy.get('precision')} «{dy.get('text')}»")
            print(f"    > {y['evidence']['text'][:400]}")
    print(f"{n} events changed date; {len(left.keys() - right.keys())} gone, {len(right.keys() - left.keys())} new")
    return n


def diff(a: Path, b: Path) -> int:
    """Print the ids whose documents differ; return how many."""
    left = [json.loads(x) for x in a.read_text(encoding="utf-8").splitlines()]
    right = [json.loads(x) for x in b.read_text(encoding="utf-8").splitlines()]
    n = 0
    for x, y in zip(left, right, strict=True):
        if x != y:
            n += 1
            keys = [k for k in x if x.get(k) != y.get(k)]
            print(x.get("id"), "differs in", ", ".join(keys))
    print(f"{n} of {len(left)} documents differ")
    return n


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--news", type=int, default=300)
    ap.add_argument("--out")
    ap.add_argument("--diff", nargs=2)
    ap.add_argument("--ant", type=int, default=0, help="N random unseen ANT articles instead of the default corpus")
    ap.add_argument("--seed", type=int, default=2027)
    ap.add_argument("--category", default="middleEast")
    ap.add_argument("--events", action="store_true", help="with --diff: list the events whose date changed")
    args = ap.parse_args(argv)
    if args.diff:
        if args.events:
            event_dates(Path(args.diff[0]), Path(args.diff[1]))
            return 0
        return 1 if diff(Path(args.diff[0]), Path(args.diff[1])) else 0
    shared = Path(args.shared)
    docs = ant_corpus(shared, args.ant, args.seed, args.category) if args.ant else corpus(shared, args.news)
    with open(args.out, "w", encoding="utf-8") as f:
        for text, meta in docs:
            try:
                doc = analyse(text, meta)
            except InputError as err:
                f.write(json.dumps({"id": meta.get("id"), "error": str(err)}, ensure_ascii=False) + "\n")
                continue
            f.write(json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
