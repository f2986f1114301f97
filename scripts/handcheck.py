"""Print a seeded random sample of unseen articles with what Marsad found, for a hand check against the Arabic.

    python scripts/handcheck.py --shared ../shared --corpus ant --n 40 --seed 2026 > sample.md

Each article is listed with its persons (every mention in context, titles, country, Latin name)
and its events (type, actors, recipients, participants, date, place, modality, evidence), one numbered
line each, so a checker can mark every line right, partly right or wrong. `--category` keeps to one ANT section
(e.g. politics); SaudiNewsNet has none.
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


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="ant")
    ap.add_argument("--category", default=None)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args(argv)
    recs = records(Path(args.shared), args.corpus)
    if args.category:
        recs = [r for r in recs if r.get("category") == args.category]
    sample = random.Random(args.seed).sample(recs, min(args.n, len(recs)))
    for rec in sample:
        print("\n".join(describe(rec)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
