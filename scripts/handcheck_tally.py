"""Tally the verdicts of an events hand check written as JSON rows (`eval/events-check16/verdicts-*.jsonl`).

    python scripts/handcheck_tally.py eval/events-check16

Each row judges one printed event (`e`: its number; `verdict` R fully right, P partly right with the fields
`wrong`, W wrong with its `class`) or names a headline happening no event of its type told (`verdict` MISS). Rows
may flag `domestic` (a happening inside one state) and `borderline`. The tally gives the shares with Wilson 95 %
intervals, read three ways: as judged; with domestic happenings counted as no happening (the convention of hand
checks 13-15); and with the borderline fully right events counted as partly right (the strictest reading).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

FIELDS = ("actor", "recipient", "date", "place", "modality", "mode")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Return the Wilson score interval of k successes in n trials, as two shares."""
    if n == 0:
        return 0.0, 0.0
    p = k / n
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return centre - half, centre + half


def load(folder: Path) -> list[dict]:
    """Return every verdict row of the `verdicts-*.jsonl` files of a hand check's folder."""
    rows = []
    for path in sorted(folder.glob("verdicts-*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def tally(rows: list[dict]) -> dict:
    """Return the counts of a hand check: verdicts, fields wrong (and wrong alone), classes of wrong events, the
    two other readings and the articles with events and with misses."""
    events = [r for r in rows if r["verdict"] != "MISS"]
    partly = [r for r in events if r["verdict"] == "P"]
    verdicts = Counter(r["verdict"] for r in rows)
    return {
        "events": len(events),
        "right": verdicts["R"], "partly": verdicts["P"], "wrong": verdicts["W"], "missed": verdicts["MISS"],
        "fields": {f: sum(f in r.get("wrong", []) for r in partly) for f in FIELDS},
        "alone": {f: sum(r.get("wrong") == [f] for r in partly) for f in FIELDS},
        "roles_only": sum(bool(r.get("wrong")) and set(r["wrong"]) <= {"actor", "recipient"} for r in partly),
        "wrong_classes": dict(Counter(r.get("class") for r in events if r["verdict"] == "W").most_common()),
        "domestic": sum(bool(r.get("domestic")) for r in events),
        "domestic_as_wrong": {
            "right": sum(r["verdict"] == "R" and not r.get("domestic") for r in events),
            "wrong": sum(r["verdict"] == "W" or bool(r.get("domestic")) for r in events)},
        "strictest_right": sum(r["verdict"] == "R" and not r.get("borderline") for r in events),
        "articles_with_events": len({r["doc"] for r in events}),
        "articles_with_misses": len({r["doc"] for r in rows if r["verdict"] == "MISS"}),
    }


def _share(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{k} ({100 * k / n:.1f} %; {100 * lo:.1f}–{100 * hi:.1f})" if n else "0"


def report(t: dict) -> str:
    """Return the tally as lines of text."""
    n = t["events"]
    return "\n".join([
        f"events {n} in {t['articles_with_events']} articles",
        f"fully right {_share(t['right'], n)}",
        f"partly right {_share(t['partly'], n)}",
        f"wrong {_share(t['wrong'], n)}",
        f"headline misses {t['missed']} in {t['articles_with_misses']} articles",
        "fields wrong (alone): " + ", ".join(f"{f} {t['fields'][f]} ({t['alone'][f]})" for f in FIELDS),
        f"partly right by their roles alone {t['roles_only']}; forgiving roles: "
        f"{_share(t['right'] + t['roles_only'], n)} fully right",
        "wrong by class: " + ", ".join(f"{k} {v}" for k, v in t["wrong_classes"].items()),
        f"domestic {t['domestic']}; counted as no happening: fully right "
        f"{_share(t['domestic_as_wrong']['right'], n)}, wrong {_share(t['domestic_as_wrong']['wrong'], n)}",
        f"strictest (borderline right as partly right): fully right {_share(t['strictest_right'], n)}",
    ])


def main(argv: list[str] | None = None) -> int:
    """Print the tally of the hand check folder given on the command line; return the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    args = ap.parse_args(argv)
    rows = load(args.folder)
    if not rows:
        print(f"{args.folder}: no verdicts-*.jsonl rows", file=sys.stderr)
        return 1
    print(report(tally(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
