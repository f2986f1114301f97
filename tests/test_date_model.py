"""The date model's pieces (marsad.extract.date_model, scripts/train_dates.py): its options, its decision and the
gold-date reading. No date model is shipped (docs/events.md, "Place model": measured, not shipped), so the pipeline
keeps the rules' dates."""

from __future__ import annotations

from marsad.extract.date_model import DateOption, decide, shipped_date_model
from marsad.extract.pipeline import PipelineConfig, get_pipeline
from marsad.model import TimeExpr
from scripts.train_dates import gold_date, right_date, right_options, same_date
from tests.test_place_model import Recorder

META = {"published": "2018-05-06"}


def test_no_date_model_is_shipped_so_the_rules_date_events():
    assert shipped_date_model() is None


def test_options_are_the_resolved_dates_of_the_sentence_and_the_lead():
    from marsad.extract.events import add_events

    text = ("شنت طائرات التحالف، فجر السبت، غارات على مواقع الحوثيين في صعدة.\n"
            "وقال مسؤول يمني إن الحوثيين أطلقوا صاروخا باليستيا على جازان يوم الخميس.\n"
            "وأضاف أن الغارات أسفرت عن تدمير مخازن أسلحة.")
    pipe = get_pipeline(PipelineConfig())
    doc = pipe(text, META)
    recorder = Recorder("date")
    add_events(doc, pipe.resources.morphology, None, None, None, None, recorder)
    by_origin = {(o.time.value, o.origin) for _, opts in recorder.seen for o in opts}
    assert ("2018-05-05", "lead") in by_origin
    assert all(o.time.value for _, opts in recorder.seen for o in opts)
    assert all(o.origin in ("segment", "sentence", "told", "lead", "near") for _, opts in recorder.seen for o in opts)


def _opt(value: str, start: int = 0) -> DateOption:
    return DateOption(TimeExpr(start, start + 5, "x", value, "day"), "segment")


def test_decide_keeps_the_rules_date_unless_another_is_likelier():
    rule = {"value": "2018-05-05", "precision": "day", "text": "x"}
    opts = [_opt("2018-05-05"), _opt("2018-05-03", 10)]
    assert decide([0.1, 0.6, 0.3], opts, rule, 1.0) == rule
    assert decide([0.1, 0.3, 0.6], opts, rule, 1.0)["value"] == "2018-05-03"
    assert decide([0.1, 0.3, 0.6], opts, None, 1.0, 1.0, 0.7) is None


def test_gold_dates_are_read_at_their_precision():
    assert same_date(("2018-05", "month"), "2018-05-14")
    assert not same_date(("2018-05-14", "day"), "2018-05")
    assert same_date(("2018-05-07", "week"), "2018-05-10")
    assert not same_date(("2018-05-07", "week"), "2018-05-14")
    assert gold_date({"date": None, "date_precision": "null"}) is None
    assert right_date({"date": None}, None) and not right_date({"date": None}, {"value": "2018-05-01"})
    assert right_options(None, {"date": "2018-05-05", "date_precision": "day"},
                         [_opt("2018-05-04"), _opt("2018-05-05")]) == [2]
