"""Draw a seeded sample of person names from unseen ANT articles with their Latin forms, for a hand check.

    python scripts/latin_sample.py --shared ../shared --articles 400 --seed 1314 --n 150 > /tmp/after.tsv
    python scripts/latin_sample.py --shared ../shared --articles 400 --seed 1314 --n 150 --all > /tmp/names.tsv

Articles are drawn at random (`--seed`) from the ANT corpus, leaving out those of the entity and event hand
checks (`scripts/handcheck.py` seeds 2026, 2027 and 5151 `middleEast`, and those of `--handcheck`) and those of
`--exclude` runs, and analysed;
the distinct person names found in them are sampled (`--n`, the same seed) and printed one a line as
`index<TAB>article<TAB>name<TAB>country<TAB>name_latin`. `--all` prints every distinct name instead.
The figures of the hand check are in docs/latin_names.md.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from handcheck import records

from marsad.errors import InputError
from marsad.extract.pipeline import analyse

HANDCHECKS = ((2026, None, 40), (2027, None, 40), (5151, "middleEast", 40))


def _drawn(recs: list[dict], seed: int, category: str | None, n: int) -> set[str]:
    pool = [r for r in recs if category is None or r.get("category") == category]
    return {r["id"] for r in random.Random(seed).sample(pool, min(n, len(pool)))}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1314)
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--exclude", action="append", default=[], metavar="SEED:ARTICLES",
                    help="leave out the articles another run of this script drew (its --seed and --articles)")
    ap.add_argument("--handcheck", action="append", default=[], metavar="SEED:CATEGORY:ARTICLES",
                    help="also leave out the articles of another scripts/handcheck.py run (CATEGORY may be empty)")
    ap.add_argument("--all", action="store_true", help="print every distinct name, not a sample")
    args = ap.parse_args(argv)
    recs = records(Path(args.shared), "ant")
    checks = list(HANDCHECKS)
    for other in args.handcheck:
        seed, category, n = other.split(":")
        checks.append((int(seed), category or None, int(n)))
    seen = set().union(*(_drawn(recs, s, c, n) for s, c, n in checks))
    for other in args.exclude:
        seed, n = (int(x) for x in other.split(":"))
        seen |= _drawn([r for r in recs if r["id"] not in seen], seed, None, n)
    pool = [r for r in recs if r["id"] not in seen]
    names: dict[str, tuple[str, str | None, str | None]] = {}
    for rec in random.Random(args.seed).sample(pool, min(args.articles, len(pool))):
        meta = {k: rec.get(k) for k in ("id", "url", "outlet", "published", "title")}
        try:
            doc = analyse(rec["text"], meta)
        except InputError:
            continue
        for e in doc.entities:
            if e.type == "PER" and e.name not in names:
                names[e.name] = (rec["id"], e.country, e.name_latin)
    chosen = sorted(names) if args.all else random.Random(args.seed).sample(sorted(names), min(args.n, len(names)))
    for i, name in enumerate(chosen):
        doc_id, country, latin = names[name]
        print(f"{i}\t{doc_id}\t{name}\t{country or ''}\t{latin or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
