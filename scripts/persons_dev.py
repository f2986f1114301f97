"""Score the person mentions Marsad finds on the person dev set (eval/persons-dev) against the hand judgements.

    python scripts/persons_dev.py --shared ../shared [--errors]
    python scripts/persons_dev.py --shared ../shared --gold eval/persons-check8   # hand check 8's sample

The set is 320 ANT articles drawn with seed 15151 after every earlier hand-check sample, pool and gold set was left
out (`articles.tsv`); helpers judged every person mention the code of 2026-11-30 found in them
(`labels-*.jsonl`: one row per mention with its offsets, `correct`, `boundary` with the `right` name as the text
writes it, or `not_person` with its kind). A mention found now is scored by its offsets: the label of the row
with the same span; `correct` too when it is the `right` name of a boundary row it overlaps; otherwise it is
unjudged (a new mention, to be read by hand: `--errors` lists them with the errors). The share printed is the
hand checks' figure, correctly delimited mentions over all judged mentions found, with the unjudged ones counted
apart. This set is for development: rules are counted and tried here, and a fresh sample measures them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import roles_dev as rd  # noqa: E402

from marsad.extract.pipeline import analyse  # noqa: E402

GOLD_DIR = Path(__file__).resolve().parent.parent / "eval" / "persons-dev"
CONTEXT = 30


def load_gold(gold_dir: Path = GOLD_DIR) -> tuple[list[str], list[dict]]:
    """Return the set's article ids and its judged mention rows."""
    ids = [ln.split("\t")[0].strip() for ln in (gold_dir / "articles.tsv").read_text(encoding="utf-8").splitlines()
           if ln.strip() and not ln.startswith("#")]
    rows = [json.loads(ln) for path in sorted(gold_dir.glob("labels-*.jsonl"))
            for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return ids, rows


def judge(text: str, start: int, end: int, rows: list[dict]) -> str:
    """Return the label of a mention found at [start, end) of an article from its judged rows: the label of the
    row with that span, `correct` for the right name of an overlapping boundary row, else `unjudged`."""
    for r in rows:
        if r["start"] == start and r["end"] == end:
            return r["label"]
    for r in rows:
        if r["label"] == "boundary" and r.get("right") and r["start"] < end and start < r["end"] \
                and text[start:end] == r["right"]:
            return "correct"
    return "unjudged"


def score(shared: Path, errors: bool = False, gold_dir: Path = GOLD_DIR) -> Counter:
    """Return the counts of found person mentions by label (and print the errors when asked)."""
    ids, rows = load_gold(gold_dir)
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["id"], []).append(r)
    records = rd.load_articles(shared, ids)
    counts: Counter = Counter()
    for i in ids:
        rec = records[i]
        doc = analyse(rec["text"], {k: rec.get(k) for k in rd.META_KEYS})
        found = set()
        for e in doc.entities:
            if e.type != "PER":
                continue
            for mn in e.mentions:
                found.add((mn.start, mn.end))
                label = judge(doc.text, mn.start, mn.end, by_doc.get(i, []))
                counts[label] += 1
                if errors and label != "correct":
                    left = doc.text[max(0, mn.start - CONTEXT):mn.start].replace("\n", " ")
                    right = doc.text[mn.end:mn.end + CONTEXT].replace("\n", " ")
                    print(f"{label:10} {i} …{left}[{doc.text[mn.start:mn.end]}]{right}…")
        for r in by_doc.get(i, []):
            if (r["start"], r["end"]) not in found:
                counts[f"gone_{r['label']}"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--errors", action="store_true", help="list every mention not judged correct")
    ap.add_argument("--gold", type=Path, default=GOLD_DIR,
                    help="another set judged the same way, e.g. eval/persons-check8 (a hand check's sample)")
    args = ap.parse_args(argv)
    c = score(args.shared, args.errors, args.gold)
    judged = c["correct"] + c["boundary"] + c["not_person"]
    print(f"found: {c['correct']} correct, {c['boundary']} boundary, {c['not_person']} not a person, "
          f"{c['unjudged']} unjudged; correctly delimited {c['correct'] / max(1, judged):.3f} of judged "
          f"({c['correct'] / max(1, judged + c['unjudged']):.3f} counting unjudged as wrong)")
    print(f"judged mentions no longer found: {c['gone_correct']} correct, {c['gone_boundary']} boundary, "
          f"{c['gone_not_person']} not a person")
    return 0


if __name__ == "__main__":
    sys.exit(main())
