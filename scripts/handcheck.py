"""Print a seeded random sample of unseen articles with what Marsad found, for a hand check against the Arabic.

    python scripts/handcheck.py --shared ../shared --corpus ant --n 40 --seed 2026 > sample.md
    python scripts/handcheck.py --corpus ant --n 40 --seed 9797 --exclude 9191::40 --exclude 5151:middleEast:40 \
        --exclude-lines 20000:21200 > fresh.md    # leaving out earlier samples and a tuning pool
    python scripts/handcheck.py --corpus ant --n 30 --seed 12345 --exclude-ids eval/roles-dev/articles*.tsv

Each article is listed with its persons (every mention in context, titles, country, Latin name)
and its events (type, actors, recipients, participants, date, place, modality, evidence), one numbered
line each, so a checker can mark every line right, partly right or wrong. `--category` keeps to one ANT section
(e.g. politics); SaudiNewsNet has none. `--exclude SEED:CATEGORY:N` leaves out the articles an earlier run drew
(CATEGORY may be empty; a draw of N holds every smaller draw of the same seed and pool), `--exclude-lines
FIRST:LAST` the corpus records FIRST to LAST-1 (0-based), e.g. a pool rules were tuned on, and `--exclude-ids FILE …`
the ids in the first column of these files (`#` lines skipped), e.g. every gold set's article list: a redrawn
`--exclude` holds an earlier sample only if that sample was drawn from the same pool, the files always hold it.
The sample is then drawn from what is left.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

from marsad.errors import InputError
from marsad.extract.pipeline import analyse

CORPORA = {"ant": "data/news/ant-2017-2018.jsonl.gz", "snn": "data/news/saudinewsnet-2015-07.jsonl"}
CONTEXT = 40


def records(shared: Path, corpus: str) -> list[dict]:
    """Return every JSON record of a news corpus (gzip or plain JSONL)."""
    path = shared / CORPORA[corpus]
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _ctx(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT):start].replace("\n", " ")
    right = text[end:end + CONTEXT].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def describe(rec: dict) -> list[str]:
    """Return the markdown lines of one analysed article."""
    meta = {k: rec.get(k) for k in ("id", "url", "outlet", "published", "title")}
    try:
        doc = analyse(rec["text"], meta)
    except InputError as err:
        return [f"## {rec.get('id')}", f"refused: {err.reason}", ""]
    names = {e.id: e.name for e in doc.entities}
    lines = [f"## {doc.id} ({doc.published}, {doc.source.outlet})", f"title: {doc.title}", "", "### persons"]
    n = 0
    for e in doc.entities:
        if e.type != "PER":
            continue
        n += 1
        lines.append(f"P{n}. {e.name} | {e.name_latin} | country {e.country} | titles {e.titles}")
        for m in e.mentions:
            lines.append(f"    - {_ctx(doc.text, m.start, m.end)}")
    lines.append("### events")
    for k, ev in enumerate(doc.events, 1):
        who = ", ".join(names.get(p, p) for p in ev.participants)
        actors = ", ".join(names.get(p, p) for p in ev.actors)
        recipients = ", ".join(names.get(p, p) for p in ev.recipients)
        place = (ev.location or {}).get("name")
        date = (ev.date or {}).get("value")
        lines.append(f"E{k}. {ev.type}/{ev.mode} actors [{actors}] recipients [{recipients}] participants [{who}] "
                     f"date {date} place {place} "
                     f"{ev.modality}{' negated' if ev.negated else ''}")
        lines.append(f"    > {ev.evidence.text[:300]}")
    lines.append("")
    return lines


def drawn(recs: list[dict], seed: int, category: str | None, n: int) -> list[dict]:
    """Return the records a run with this seed, category and size draws (in draw order)."""
    pool = [r for r in recs if category is None or r.get("category") == category]
    return random.Random(seed).sample(pool, min(n, len(pool)))


def parser() -> argparse.ArgumentParser:
    """Return the command line of a hand-check draw."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="ant")
    ap.add_argument("--category", default=None)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--exclude", action="append", default=[], metavar="SEED:CATEGORY:N",
                    help="leave out the articles an earlier run drew (CATEGORY may be empty)")
    ap.add_argument("--exclude-lines", action="append", default=[], metavar="FIRST:LAST",
                    help="leave out the corpus records FIRST to LAST-1 (0-based)")
    ap.add_argument("--exclude-ids", nargs="+", action="extend", default=[], type=Path, metavar="FILE",
                    help="leave out the ids in the first column of these files (# lines skipped); repeatable")
    return ap


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    recs = records(Path(args.shared), args.corpus)
    seen: set[str] = set()
    for other in args.exclude:
        seed, category, n = other.split(":")
        seen |= {r["id"] for r in drawn(recs, int(seed), category or None, int(n))}
    for lines in args.exclude_lines:
        first, last = (int(x) for x in lines.split(":"))
        seen |= {r["id"] for r in recs[first:last]}
    for path in args.exclude_ids:
        seen |= {ln.split("\t")[0].strip() for ln in path.read_text(encoding="utf-8").splitlines()
                 if ln.strip() and not ln.startswith("#")}
    if seen:
        recs = [r for r in recs if r["id"] not in seen]
    sample = drawn(recs, args.seed, args.category, args.n)
    for rec in sample:
        print("\n".join(describe(rec)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
