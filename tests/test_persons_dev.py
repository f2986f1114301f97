"""The person dev set (eval/persons-dev, scripts/persons_dev.py): its judged rows against the articles, the scoring
of a found mention, and a floor on the share of found person mentions that are correctly delimited
(tests/eval_floors.json, "persons-dev")."""

import json
from pathlib import Path

from scripts.persons_dev import judge, load_gold, score
from tests.conftest import need_shared

FLOOR = json.loads((Path(__file__).parent / "eval_floors.json").read_text())["persons-dev"]
NOISE = 1e-9


def test_judge_reads_the_span_then_a_boundary_rows_right_name():
    text = "وكان عمران خان قد فاز."
    rows = [{"start": 10, "end": 13, "label": "boundary", "right": "عمران خان"},
            {"start": 0, "end": 4, "label": "not_person", "right": None}]
    assert judge(text, 10, 13, rows) == "boundary"
    assert judge(text, 5, 14, rows) == "correct"  # the right name, found where the wrong span was
    assert judge(text, 0, 4, rows) == "not_person"
    assert judge(text, 16, 22, rows) == "unjudged"


def test_every_judged_row_is_at_its_offsets_and_well_formed():
    from marsad.lexicon import default_lexicon
    from marsad.text.clean import clean_text
    from scripts.roles_dev import load_articles

    ids, rows = load_gold()
    assert len(ids) == 320 and len(rows) >= 1200
    records = load_articles(need_shared(), sorted({r["id"] for r in rows}))
    texts = {i: clean_text(rec["text"], lexicon=default_lexicon()) for i, rec in records.items()}
    for r in rows:
        assert r["label"] in ("correct", "boundary", "not_person"), r
        assert texts[r["id"]][r["start"]:r["end"]] == r["span"], r
        if r["label"] == "boundary":
            assert r["right"] and r["right"] in texts[r["id"]], r


def test_person_mentions_correctly_delimited_floor():
    counts = score(need_shared())
    judged = counts["correct"] + counts["boundary"] + counts["not_person"]
    share = counts["correct"] / (judged + counts["unjudged"])  # a new, unread mention counts as wrong
    assert share >= FLOOR["correctly_delimited"] - NOISE, dict(counts)
    # the share is a precision: a rule that drops real persons would raise it, so their loss is bounded too
    assert counts["gone_correct"] <= FLOOR["correct_mentions_lost"], dict(counts)
