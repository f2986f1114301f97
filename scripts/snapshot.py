"""Write the document JSON of a corpus, one line per article, to compare two versions of the core.

    python scripts/snapshot.py --shared ../shared --out /tmp/before.jsonl
    python scripts/snapshot.py --shared ../shared --out /tmp/after.jsonl
    python scripts/snapshot.py --diff /tmp/before.jsonl /tmp/after.jsonl

The corpus is the five seeds, the 30 news-dev articles and the first --news articles of SaudiNewsNet.
"""

from __future__ import annotations

import argparse
import itertools
import json
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
    args = ap.parse_args(argv)
    if args.diff:
        return 1 if diff(Path(args.diff[0]), Path(args.diff[1])) else 0
    with open(args.out, "w", encoding="utf-8") as f:
        for text, meta in corpus(Path(args.shared), args.news):
            try:
                doc = analyse(text, meta)
            except InputError as err:
                f.write(json.dumps({"id": meta.get("id"), "error": str(err)}, ensure_ascii=False) + "\n")
                continue
            f.write(json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
