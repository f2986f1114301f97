"""Count the place (LOC) mentions Marsad finds on a seeded sample of unseen news, and list the new ones.

    python scripts/place_mentions.py --shared ../shared --n 500 --seed 7373 --out /tmp/loc-before.jsonl
    python scripts/place_mentions.py --shared ../shared --n 500 --seed 7373 --out /tmp/loc-after.jsonl \\
        --compare /tmp/loc-before.jsonl --judge 100 > /tmp/new-places.md

`--out` gets one JSON line per LOC mention (article, offsets, text, the entity's name and country).
With `--compare`, the mentions not found in the earlier run are counted (per 100 articles) and
`--judge` of them, drawn with the same seed, are printed in context for a hand check.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path

from marsad.errors import InputError
from marsad.extract.pipeline import analyse

ANT = "data/news/ant-2017-2018.jsonl.gz"
CONTEXT = 40


def sample(shared: Path, n: int, seed: int) -> list[dict]:
    """Return `n` ANT records drawn with `seed`."""
    with gzip.open(shared / ANT, "rt", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh if line.strip()]
    return random.Random(seed).sample(recs, n)


def loc_mentions(rec: dict) -> list[dict]:
    """Return the LOC mentions Marsad finds in one article, each with a context line."""
    meta = {k: rec.get(k) for k in ("id", "url", "outlet", "published", "title")}
    try:
        doc = analyse(rec["text"], meta)
    except InputError:
        return []
    out = []
    for e in doc.entities:
        if e.type != "LOC":
            continue
        for m in e.mentions:
            left = doc.text[max(0, m.start - CONTEXT):m.start].replace("\n", " ")
            right = doc.text[m.end:m.end + CONTEXT].replace("\n", " ")
            out.append({"doc": doc.id, "start": m.start, "end": m.end, "text": doc.text[m.start:m.end],
                        "name": e.name, "country": e.country, "context": f"…{left}[{m.text}]{right}…"})
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7373)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--compare", type=Path, default=None)
    ap.add_argument("--judge", type=int, default=100)
    args = ap.parse_args(argv)
    rows = [m for rec in sample(args.shared, args.n, args.seed) for m in loc_mentions(rec)]
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    per100 = 100 * len(rows) / args.n
    print(f"# {len(rows)} LOC mentions in {args.n} articles ({per100:.1f} per 100)")
    if args.compare is None:
        return 0
    old = [json.loads(line) for line in args.compare.read_text(encoding="utf-8").splitlines() if line.strip()]
    seen = {(r["doc"], r["start"], r["end"]) for r in old}
    new = [r for r in rows if (r["doc"], r["start"], r["end"]) not in seen]
    now = {(r["doc"], r["start"], r["end"]) for r in rows}
    lost = [r for r in old if (r["doc"], r["start"], r["end"]) not in now]
    print(f"# before {len(old)}; new {len(new)} ({100 * len(new) / args.n:.1f} per 100 articles); lost {len(lost)}")
    print("# most frequent new names: " + ", ".join(f"{k} {v}" for k, v in Counter(
        f"{r['name']}/{r['country']}" for r in new).most_common(40)))
    print("\n## lost")
    for r in lost:
        print(f"- {r['name']}/{r['country']} {r['context']}")
    print(f"\n## {min(args.judge, len(new))} new mentions drawn with seed {args.seed}")
    for k, r in enumerate(random.Random(args.seed).sample(new, min(args.judge, len(new))), 1):
        print(f"{k}. {r['name']}/{r['country']} {r['context']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
