"""The role dev set (eval/roles-dev, scripts/roles_dev.py): its scoring rules, its gold rows against the articles,
and floors on event precision, recall and actor/recipient accuracy (tests/eval_floors.json, "roles-dev")."""

import json
from pathlib import Path

import pytest

from scripts.roles_dev import (
    ANT,
    Gold,
    Out,
    analyse_all,
    load_articles,
    load_dev,
    match,
    name_matches,
    output_events,
    role_right,
    score,
)
from tests.conftest import need_shared

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())["roles-dev"]
NOISE = 0.005


def _gold(doc="d", event=True, type_="ASSAULT", span=(0, 50), trigger_start=10, actors=None, recipients=None):
    return Gold(doc, event, type_, [span], "x", trigger_start, actors, recipients)


def _out(doc="d", type_="ASSAULT", sentence=(0, 50), trigger_start=10, actors=(), recipients=()):
    return Out(doc, 1, type_, sentence, "x", trigger_start, list(actors), list(recipients))


def test_names_match_through_the_key_and_the_article():
    assert name_matches("وزارة الخارجية الإماراتية", "وزارة الخارجيه")  # ة→ه, one contains the other
    assert name_matches("الجيش الإسرائيلي", "جيش إسرائيلي")  # the article dropped
    assert name_matches("عبد الله آل الشيخ", "عبدالله آل الشيخ")
    assert name_matches("الحوثيين", "الحوثيون")  # nominative and oblique
    assert not name_matches("الجيش الإسرائيلي", "الجيش السوري")
    assert name_matches("country:EG", "country:EG")
    assert not name_matches("country:EG", "مصر")


def test_a_role_wants_every_required_item_and_nothing_else():
    gold = ["أفيخاي أدرعي|country:IL", "?حزب الله"]
    assert role_right(gold, ["country:IL"])
    assert role_right(gold, ["افيخاي ادرعي", "حزب الله"])
    assert not role_right(gold, ["حزب الله"])  # the required item is missing
    assert not role_right(gold, ["country:IL", "country:SA"])  # a bystander
    assert role_right(None, [])
    assert not role_right(None, ["country:SA"])
    assert role_right(["?مسلحان"], [])
    assert role_right(["country:IR|?محمد رضا فياض"], ["محمد رضا فياض"])  # a «?» inside the alternatives is no letter


def test_matching_keeps_type_and_sentence_and_takes_the_nearest_trigger():
    golds = [_gold(trigger_start=10), _gold(trigger_start=40), _gold(type_="ACCUSE", trigger_start=12)]
    outs = [_out(trigger_start=38), _out(trigger_start=9), _out(sentence=(60, 90), trigger_start=70)]
    assert match(golds, outs) == {0: 1, 1: 0}


def test_scores_count_non_events_misses_and_roles():
    golds = [_gold(actors=["country:IL"], recipients=["حركة حماس"]), _gold(event=False, span=(60, 90)),
             _gold(span=(100, 150), trigger_start=120)]
    outs = [_out(actors=["country:IL"], recipients=["حماس"]), _out(sentence=(60, 90), trigger_start=70)]
    f = score(golds, outs)["figures"]
    assert (f["precision"]["n"], f["precision"]["of"], f["recall"]["of"]) == (1, 2, 2)
    assert f["both_roles_right"]["value"] == 1.0 and f["not_events"] == 1


def test_a_happening_told_again_is_a_duplicate_and_another_event_is_unlisted():
    golds = [Gold("d", True, "ASSAULT", [(0, 50), (100, 150)], "x", 10, None, None)]
    outs = [_out(trigger_start=10), _out(sentence=(100, 150), trigger_start=120), _out(sentence=(200, 250))]
    result = score(golds, outs)
    assert [k for k, _, _ in result["errors"]] == ["duplicate", "unlisted"]
    assert (result["figures"]["duplicates"], result["figures"]["unlisted"]) == (1, 1)
    # told only in the later sentence, it is the event itself
    assert match(golds, outs[1:2]) == {0: 0}


@pytest.fixture(scope="module")
def dev_docs():
    shared = need_shared()
    need_shared(*ANT.parts)
    ids, golds = load_dev()
    return ids, golds, {d.id: d for d in analyse_all(load_articles(shared, ids), ids)}


def test_gold_rows_point_at_their_trigger_in_the_cleaned_text(dev_docs):
    ids, golds, docs = dev_docs
    assert len(ids) == len(set(ids)) == len(docs) == 89
    for g in golds:
        text = docs[g.doc].text
        s, e = g.spans[0]
        assert s <= g.trigger_start < e and text[g.trigger_start:g.trigger_start + len(g.trigger)] == g.trigger, g


@pytest.fixture(scope="module")
def dev_scores(dev_docs):
    _, golds, docs = dev_docs
    return score(golds, [o for d in docs.values() for o in output_events(d)])["figures"]


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_role_dev_floor(dev_scores, measure):
    assert dev_scores[measure]["value"] >= FLOORS[measure] - NOISE, (measure, dev_scores[measure])


def test_every_gold_set_points_at_sentences_and_triggers_and_no_article_is_in_two_sets():
    """The later sets (roles-SEED.jsonl, the role model's data): each row's trigger is at its offset in the cleaned
    text, inside its sentence, and every sentence and `also` span is one the pipeline segments."""
    from marsad.extract.pipeline import PipelineConfig, get_pipeline
    from scripts.roles_dev import DEV, META_KEYS
    from scripts.train_roles import gold_sets

    shared = need_shared()
    need_shared(*ANT.parts)
    sets = gold_sets(DEV)
    assert len(sets) >= 9
    seen: dict[str, str] = {}
    texts: dict[str, str] = {}
    pipe = get_pipeline(PipelineConfig(components=("clean", "metadata", "segment")))
    for rows, articles in sets:
        ids, golds = load_dev(DEV, rows, articles)
        for i in ids:
            assert i not in seen, f"{i} is in {seen.get(i)} and {articles.name}"
            seen[i] = articles.name
        records = load_articles(shared, ids)
        for i in ids:  # the same article under two ids (an outlet's repost) is one article too
            text = records[i]["text"]
            assert text not in texts, f"{i} has the text of {texts.get(text)}"
            texts[text] = i
        docs = {i: pipe(records[i]["text"], {k: records[i].get(k) for k in META_KEYS}) for i in ids}
        for g in golds:
            doc = docs[g.doc]
            sentences = {(s.start, s.end) for s in doc.sentences}
            s, e = g.spans[0]
            assert s <= g.trigger_start < e, (rows.name, g)
            assert doc.text[g.trigger_start:g.trigger_start + len(g.trigger)] == g.trigger, (rows.name, g)
            assert all(span in sentences for span in g.spans), (rows.name, g)
