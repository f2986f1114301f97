"""Quality gates: seed scores from ../shared/eval/score.py and ANERcorp test F1 never fall below their floors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.extract.pipeline import analyse
from tests.conftest import need_shared

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())
NOISE = 0.005


@pytest.fixture(scope="module")
def seed_scores(tmp_path_factory):
    seeds = sorted(need_shared("seeds").glob("*.txt"))
    pub_rows = need_shared("seeds", "published.tsv").read_text(encoding="utf-8").splitlines()
    published = dict(r.split("\t")[:2] for r in pub_rows if r and not r.startswith("#"))
    out = tmp_path_factory.mktemp("pred")
    for path in seeds:
        doc = analyse(path.read_text(encoding="utf-8"), {"id": path.stem, "published": published.get(path.name)})
        (out / f"{path.stem}.json").write_text(json.dumps(doc.to_dict(), ensure_ascii=False), encoding="utf-8")
    res = subprocess.run([sys.executable, str(need_shared("eval", "score.py")), str(need_shared("eval", "gold-dev")),
                          str(out), "--json"], capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


F1_LAYERS = [k for k in ("PER", "ORG", "LOC", "events", "quote_speakers", "contexts") if k in FLOORS]
ACC_LAYERS = [k for k in ("person_country", "person_title", "event_date", "event_location") if k in FLOORS]


@pytest.mark.parametrize("layer", F1_LAYERS)
def test_seed_f1_floor(seed_scores, layer):
    assert seed_scores[layer]["f1"] >= FLOORS[layer] - NOISE, seed_scores[layer]


@pytest.mark.parametrize("layer", ACC_LAYERS)
def test_seed_accuracy_floor(seed_scores, layer):
    assert seed_scores[layer]["acc"] >= FLOORS[layer] - NOISE, seed_scores[layer]


def test_anercorp_test_f1_floor():
    from marsad.ner.conll import read_conll, score
    from marsad.ner.tagger import model_available, shipped_model, tag_conll

    assert model_available(), "the NER model must ship in the package"
    sents = list(read_conll(need_shared("data", "ner", "anercorp", "test.conll")))
    gold = [t for _, t in sents]
    micro = score(gold, tag_conll([w for w, _ in sents]))["micro"]
    assert micro["f1"] >= FLOORS["anercorp_micro_f1"] - NOISE
    recorded = shipped_model().meta["scores"]["anercorp_test"]["micro"]
    assert (round(micro["p"], 3), round(micro["r"], 3), round(micro["f1"], 3)) == (
        recorded["p"], recorded["r"], recorded["f1"]), "meta.json must record what the shipped model scores"


@pytest.fixture(scope="module")
def held_scores():
    need_shared("eval", "news-dev", "gold")
    need_shared("data", "events", "gsr", "assault-dev.jsonl")
    from scripts.evaluate import detection, news_dev
    from tests.conftest import SHARED

    return {"news-dev": news_dev(SHARED), "gsr-dev": detection(SHARED)}


@pytest.mark.parametrize(("dataset", "layer"), [(d, k) for d in ("news-dev", "gsr-dev") for k in FLOORS.get(d, {})])
def test_news_dev_and_gold_standard_floors(held_scores, dataset, layer):
    got = held_scores[dataset][layer]
    value = got["f1"] if "f1" in got else got["acc"]
    assert value >= FLOORS[dataset][layer] - NOISE, (dataset, layer, got)
