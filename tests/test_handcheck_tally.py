"""The tally of an events hand check's verdict rows (scripts/handcheck_tally.py) and the rows of check 16."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import handcheck_tally as ht  # noqa: E402

CHECK16 = ROOT / "eval" / "events-check16"


def test_tally_reads_each_verdict_and_the_other_readings():
    rows = [
        {"doc": "a", "e": 1, "verdict": "R"},
        {"doc": "a", "e": 2, "verdict": "R", "domestic": True},
        {"doc": "a", "e": 3, "verdict": "R", "borderline": True},
        {"doc": "b", "e": 1, "verdict": "P", "wrong": ["recipient"]},
        {"doc": "b", "e": 2, "verdict": "P", "wrong": ["actor", "recipient"]},
        {"doc": "b", "e": 3, "verdict": "P", "wrong": ["date", "actor"]},
        {"doc": "b", "e": 4, "verdict": "W", "class": "duplicate"},
        {"doc": "c", "e": None, "verdict": "MISS"},
    ]
    t = ht.tally(rows)
    assert (t["events"], t["right"], t["partly"], t["wrong"], t["missed"]) == (7, 3, 3, 1, 1)
    assert t["fields"]["actor"] == 2 and t["fields"]["recipient"] == 2 and t["alone"]["recipient"] == 1
    assert t["alone"]["actor"] == 0 and t["roles_only"] == 2
    assert t["domestic_as_wrong"] == {"right": 2, "wrong": 2}
    assert t["strictest_right"] == 2
    assert (t["articles_with_events"], t["articles_with_misses"]) == (2, 1)


def test_wilson_interval_brackets_the_share():
    lo, hi = ht.wilson(18, 101)
    assert 0.11 < lo < 18 / 101 < hi < 0.27
    assert ht.wilson(0, 0) == (0.0, 0.0)


def test_check16_rows_are_well_formed_and_give_the_documented_figures():
    rows = ht.load(CHECK16)
    ids = {line.split("\t")[0] for line in (CHECK16 / "articles.tsv").read_text(encoding="utf-8").splitlines()
           if line and not line.startswith("#")}
    assert len(ids) == 40
    seen = set()
    for r in rows:
        assert r["doc"] in ids, r
        assert r["verdict"] in ("R", "P", "W", "MISS"), r
        if r["verdict"] == "P":
            assert r["wrong"] and set(r["wrong"]) <= set(ht.FIELDS), r
        if r["verdict"] == "W":
            assert r["class"] in ("not_happening", "wrong_type", "duplicate", "other_sense", "figurative"), r
        if r["verdict"] != "MISS":
            assert (r["doc"], r["e"]) not in seen, r  # one row per printed event
            seen.add((r["doc"], r["e"]))
    t = ht.tally(rows)
    # docs/handcheck_events.md, "Check 16"
    assert (t["events"], t["right"], t["partly"], t["wrong"], t["missed"]) == (101, 18, 46, 37, 11)
    assert t["domestic_as_wrong"] == {"right": 17, "wrong": 40}
    assert t["fields"] == {"actor": 19, "recipient": 24, "date": 15, "place": 15, "modality": 6, "mode": 1}
    assert t["alone"] == {"actor": 5, "recipient": 9, "date": 5, "place": 5, "modality": 1, "mode": 0}
    assert t["wrong_classes"] == {"not_happening": 19, "duplicate": 9, "wrong_type": 6, "other_sense": 2,
                                  "figurative": 1}
    assert (t["roles_only"], t["strictest_right"], t["domestic"]) == (16, 15, 4)
    assert (t["articles_with_events"], t["articles_with_misses"]) == (36, 10)


def test_every_article_with_rows_numbers_its_events_from_one():
    rows = [r for r in ht.load(CHECK16) if r["verdict"] != "MISS"]
    by_doc: dict[str, list[int]] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], []).append(r["e"])
    for doc, numbers in by_doc.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), doc
