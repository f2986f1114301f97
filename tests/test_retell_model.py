"""The retelling model: a later event that tells an earlier one again is folded into it (marsad.extract.retell_model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extract.pipeline import PipelineConfig, get_pipeline
from marsad.extract.retell_model import SHIPPED_DIR, PairReader, RetellModel, absorb, shipped_retell_model
from marsad.model import Event, Span

META = {"published": "2018-05-04"}


def _events(text: str, fold: bool) -> list[Event]:
    return get_pipeline(PipelineConfig().with_settings(retell_model=fold))(text, META).events


def test_shipped_model_is_installed_and_documented():
    model = shipped_retell_model()
    assert model is not None
    meta = json.loads((SHIPPED_DIR / "meta.json").read_text(encoding="utf-8"))
    assert 0.5 <= model.threshold < 1.0
    assert meta["trainer"] == "scripts/train_retell.py"
    assert meta["training_data"]["positive_pairs"] > 100


def test_the_shipped_model_folded_more_wrong_outputs_than_true_events_across_held_out_articles():
    scores = json.loads((SHIPPED_DIR / "meta.json").read_text(encoding="utf-8"))["scores"]["cross_validated"]
    wrong_folded = scores.get("duplicates_folded", 0) + scores.get("non_events_folded", 0)
    assert wrong_folded >= 20
    assert wrong_folded >= 3 * scores.get("true_lost", 0)


EXPULSION = ("أعلنت الحكومة السودانية، الأحد، طرد السفير الكيني من الخرطوم.\n"
             "وقال مسؤول سوداني إن قرار طرد السفير الكيني من الخرطوم جاء بعد خلاف دبلوماسي بين البلدين.")
TWO_ATTACKS = ("قتل ثلاثة جنود في هجوم مسلح على حاجز للجيش في مدينة الموصل يوم الاثنين.\n"
               "وفي حادث منفصل، أصيب أربعة مدنيين في انفجار عبوة ناسفة في مدينة البصرة يوم الأربعاء.")


def _pair_probability(text: str, type_: str) -> float:
    pipe = get_pipeline(PipelineConfig().with_settings(retell_model=False))
    doc = pipe(text, META)
    k = [n for n, e in enumerate(doc.events) if e.type == type_][:2]
    assert len(k) == 2
    return shipped_retell_model().probability(PairReader(pipe.resources.morphology, doc, doc.events).features(*k))


def test_expulsion_told_again_reads_likelier_a_retelling_than_two_attacks_in_two_cities():
    assert _pair_probability(EXPULSION, "COERCE") > _pair_probability(TWO_ATTACKS, "ASSAULT") + 0.2


@pytest.mark.xfail(reason="the shipped retelling model (retrained on the place model's places: L2 3, threshold 0.85) "
                   "gives this pair a probability below its threshold; docs/events.md, Place model", strict=True)
def test_the_shipped_pipeline_folds_an_expulsion_told_again():
    assert len([e for e in _events(EXPULSION, True) if e.type == "COERCE"]) == 1


def test_an_expulsion_folded_is_one_event_with_both_mentions_and_the_first_ones_roles():
    # the shipped threshold is chosen by cross-validation and is dear (a lost true event costs three wrong outputs):
    # the folding itself is checked with the shipped weights at a threshold this pair passes
    model = shipped_retell_model()
    cheaper = RetellModel(model.weights, _pair_probability(EXPULSION, "COERCE") - 0.01)
    pipe = get_pipeline(PipelineConfig().with_settings(retell_model=False))
    doc = pipe(EXPULSION, META)
    before = [e for e in doc.events if e.type == "COERCE"]
    after = cheaper.fold_retold(pipe.resources.morphology, doc, list(doc.events))
    assert len(before) == 2
    assert len(after) == 1
    assert {m.start for m in after[0].mentions} == {before[0].evidence.start, before[1].evidence.start}
    assert after[0].actors == before[0].actors and after[0].recipients == before[0].recipients


def test_two_attacks_in_two_cities_stay_two():
    text = TWO_ATTACKS
    assert len([e for e in _events(text, True) if e.type == "ASSAULT"]) == \
        len([e for e in _events(text, False) if e.type == "ASSAULT"]) >= 2


def _event(n: int, start: int, **kw) -> Event:
    return Event(id=f"e{n}", type="ASSAULT", evidence=Span(start, start + 10, "x"), mentions=[Span(start, start + 10, "x")],
                 **kw)


def test_absorb_keeps_the_roles_and_takes_only_a_missing_date_or_place():
    target = _event(1, 0, actors=["country:TR"], recipients=[], date=None, location={"name": "a"})
    retelling = _event(2, 50, actors=["country:SY"], recipients=["country:IQ"], date={"value": "2018-05-02"},
                       location={"name": "b"})
    absorb(target, retelling)
    assert target.actors == ["country:TR"] and target.recipients == []
    assert target.date == {"value": "2018-05-02"}
    assert target.location == {"name": "a"}
    assert [m.start for m in target.mentions] == [0, 50]


def test_fold_retold_joins_into_the_likeliest_earlier_event_of_the_type_above_the_threshold():
    m = get_pipeline().resources.morphology
    doc = get_pipeline()("قتل ثلاثة جنود في هجوم مسلح على حاجز للجيش في مدينة الموصل يوم الاثنين.", META)
    def events() -> list[Event]:
        evs = [_event(1, 0), _event(2, 20), _event(3, 40)]
        evs[2].type = "PROTEST"  # another type is never folded
        return evs

    always = RetellModel({"bias": 5.0}, threshold=0.5)
    kept = always.fold_retold(m, doc, events())
    assert [e.id for e in kept] == ["e1", "e3"]
    assert [x.start for x in kept[0].mentions] == [0, 20]
    never = RetellModel({"bias": -5.0}, threshold=0.5)
    assert [e.id for e in never.fold_retold(m, doc, events())] == ["e1", "e2", "e3"]


def test_pair_features_read_what_two_events_tell():
    pipe = get_pipeline(PipelineConfig().with_settings(retell_model=False))
    text = ("أعلنت الحكومة السودانية، الأحد، طرد السفير الكيني من الخرطوم.\n"
            "ويأتي طرد السفير الكيني بعد خلاف دبلوماسي بين البلدين.")
    doc = pipe(text, META)
    evs = [e for e in doc.events if e.type == "COERCE"]
    feats = PairReader(pipe.resources.morphology, doc, evs).features(0, 1)
    assert "same_word" in feats
    assert "dist=1" in feats and "p_head" in feats
    assert "date=same" in feats
    assert "type=COERCE" in feats and "force&same_word" in feats


def test_a_directory_of_another_model_is_refused(tmp_path: Path):
    (tmp_path / "meta.json").write_text(json.dumps({"format": "marsad-role-model/1"}), encoding="utf-8")
    (tmp_path / "weights.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="marsad-retell-model/1"):
        RetellModel.from_dir(tmp_path)


def test_meetings_split_from_one_mention_are_never_folded_together():
    text = ("والتقى وزير الخارجية الفرنسي جان نويل بارو على هامش المؤتمر وزير الخارجية المصري بدر عبد العاطي، "
            "ووزير الخارجية الأردني أيمن الصفدي، ووزير الخارجية التركي هاكان فيدان.")
    meetings = [e for e in _events(text, True) if e.type == "CONSULT"]
    assert len(meetings) == 3
    m = get_pipeline().resources.morphology
    doc = get_pipeline()(text, META)
    always = RetellModel({"bias": 5.0}, threshold=0.5)
    assert len(always.fold_retold(m, doc, meetings)) == 3
