"""The place model: an event's place chosen among the places its sentence, the sentences telling it again and the
lead name (marsad.extract.place_model, scripts/train_places.py, eval/roles-dev/places-*.jsonl)."""

from __future__ import annotations

import json

import pytest

from marsad.extract.pipeline import PipelineConfig, get_pipeline
from marsad.extract.place_model import SHIPPED_DIR, PlaceOption, decide, shipped_place_model
from marsad.lexicon import default_lexicon
from marsad.text.morphology import Morphology
from scripts.train_places import place_files, right_options, role_files, same_place

META = {"published": "2018-05-06"}


def _events(text: str, model: bool = True) -> list:
    return get_pipeline(PipelineConfig().with_settings(place_model=model))(text, META).events


def _place(ev) -> str | None:
    return (ev.location or {}).get("name")


def test_shipped_model_is_installed_and_beat_the_rules_across_held_out_articles():
    model = shipped_place_model()
    assert model is not None
    meta = json.loads((SHIPPED_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["trained_by"] == "scripts/train_places.py"
    assert meta["data"]["groups"] >= 800
    rules, cv = meta["scores"]["rules"], meta["scores"]["cross_validated"]
    assert cv["right"] >= rules["right"] + 0.05
    assert cv["scorer_accuracy"] >= rules["scorer_accuracy"] + 0.05


def _opt(name: str, pos: int = 0) -> PlaceOption:
    return PlaceOption(name, None, pos, pos + len(name), "segment")


def test_decide_keeps_the_rules_place_unless_another_is_likelier():
    opts = [_opt("A"), _opt("B", 10)]
    rule = {"name": "A", "country": None, "lat": None, "lon": None}
    assert decide([0.1, 0.5, 0.4], opts, rule, 1.0)["name"] == "A"
    assert decide([0.1, 0.3, 0.6], opts, rule, 1.0)["name"] == "B"
    assert decide([0.1, 0.3, 0.6], opts, rule, 3.0)["name"] == "A"  # not three times likelier


def test_decide_sums_the_mentions_of_one_place():
    opts = [_opt("A"), _opt("B", 10), _opt("B", 20)]
    assert decide([0.1, 0.4, 0.25, 0.25], opts, None, 1.0)["name"] == "B"


def test_decide_takes_a_rules_place_away_only_past_the_removal_margin():
    opts = [_opt("A")]
    rule = {"name": "A", "country": None, "lat": None, "lon": None}
    assert decide([0.7, 0.3], opts, rule, 1.0, 1.0) is None
    assert decide([0.7, 0.3], opts, rule, 1.0, 4.0) == rule
    assert decide([0.9, 0.1], opts, rule, 1.0, 4.0) is None


def test_decide_adds_a_place_where_the_rules_gave_none_above_the_threshold():
    opts = [_opt("A"), _opt("B", 10)]
    assert decide([0.2, 0.45, 0.35], opts, None, 1.0)["name"] == "A"
    assert decide([0.2, 0.45, 0.35], opts, None, 1.0, 1.0, 0.5) is None
    assert decide([0.6, 0.25, 0.15], opts, None, 1.0) is None


class Recorder:
    """Stands where the place (or date) model would, keeps what each event was offered and leaves the event's
    `field` as the rules set it."""

    def __init__(self, field: str = "location") -> None:
        self.field = field
        self.seen: list[tuple[object, list]] = []

    def choose(self, m, doc, hit, ev, opts):
        self.seen.append((ev, opts))
        return getattr(ev, self.field)


def test_options_come_from_the_sentence_and_the_lead_and_leave_out_the_trigger():
    from marsad.extract.events import add_events

    text = ("اشتباكات عنيفة في مدينة درنة الليبية\n"
            "تواصلت الاشتباكات العنيفة اليوم الأحد بين قوات الجيش ومسلحين في مدينة درنة شرقي ليبيا.\n"
            "وقصفت طائرات حربية مواقع المسلحين في حي المغار، ما أدى إلى مقتل ثمانية منهم.")
    pipe = get_pipeline(PipelineConfig().with_settings(place_model=False))
    doc = pipe(text, META)
    recorder = Recorder()
    add_events(doc, pipe.resources.morphology, None, None, None, recorder)
    ev, opts = next((ev, opts) for ev, opts in recorder.seen if "قصف" in ev.trigger.text)
    assert ("درنة", "lead") in {(o.name, o.origin) for o in opts}
    assert all(not (ev.trigger.start <= o.pos < ev.trigger.end) for o in opts)
    assert all(o.origin in ("segment", "sentence", "told", "lead", "near", "rule") for o in opts)


def test_an_attack_with_no_place_of_its_own_takes_the_town_of_its_story():
    text = ("اشتباكات عنيفة في مدينة درنة الليبية\n"
            "تواصلت الاشتباكات العنيفة اليوم الأحد بين قوات الجيش ومسلحين في مدينة درنة شرقي ليبيا.\n"
            "وقصفت طائرات حربية مواقع المسلحين، ما أدى إلى مقتل ثمانية منهم.")
    strikes = [e for e in _events(text) if e.trigger and "قصف" in e.trigger.text]
    assert strikes and _place(strikes[0]) == "درنة"
    assert [_place(e) for e in _events(text, model=False) if e.trigger and "قصف" in e.trigger.text] == [None]


def test_a_killing_named_in_the_lead_takes_the_region_its_sentence_names():
    text = "قتل ثلاثة جنود في هجوم على حاجز للجيش شمال سيناء، اليوم الأحد.\nوأعلن تنظيم داعش مسؤوليته عن الهجوم في بيان."
    assert [_place(e) for e in _events(text) if e.type == "ASSAULT"][:1] == ["سيناء"]


def test_a_phone_call_about_a_country_is_not_placed_there():
    text = "أجرى وزير الخارجية الأردني أيمن الصفدي اتصالا هاتفيا مع نظيره الفرنسي جان إيف لودريان بحثا خلاله الأوضاع في سوريا."
    calls = [e for e in _events(text) if e.type == "CONSULT"]
    assert calls and _place(calls[0]) is None


def test_a_condemnation_is_not_placed_where_the_attack_it_condemns_took_place():
    text = "ندد وزير الخارجية الفرنسي بالهجوم الكيماوي على مدينة دوما السورية."
    assert [_place(e) for e in _events(text) if e.type == "ACCUSE"] == [None]


def test_the_setting_off_gives_the_rules_places():
    text = "استقبل الرئيس المصري عبد الفتاح السيسي في قصر الاتحادية بالقاهرة اليوم وزير الخارجية الإيطالي."
    assert [_place(e) for e in _events(text, model=False)] == [_place(e) for e in _events(text)] == ["القاهرة"]


@pytest.fixture(scope="module")
def morph() -> Morphology:
    return Morphology(default_lexicon())


def test_same_place_reads_the_article_and_added_words(morph):
    assert same_place(morph, "الموصل", "موصل")
    assert same_place(morph, "سوريا", "شمال سوريا")
    assert not same_place(morph, "دمشق", "ريف حلب")


def test_a_town_is_taught_before_its_country(morph):
    gold = {"place": "حلب", "place_alt": ["سوريا"]}
    opts = [PlaceOption("سوريا", "SY", 0, 5, "segment"), PlaceOption("حلب", "SY", 10, 13, "segment")]
    assert right_options(morph, gold, opts) == [2]
    assert right_options(morph, gold, opts[:1]) == [1]  # the country when the town is not an option
    assert right_options(morph, {"place": None}, opts) == [0]


def test_every_place_annotation_names_a_true_gold_row_of_its_set():
    files = place_files()
    assert len(files) >= 14
    for path in files:
        rows = role_files(path)[0].read_text(encoding="utf-8").splitlines()
        gold = [json.loads(r) for r in rows if r.strip()]
        for line in path.read_text(encoding="utf-8").splitlines():
            ann = json.loads(line)
            row = gold[ann["row"]]
            assert row["event"] and row["doc"] == ann["doc"] and row["type"] == ann["type"], (path.name, ann["row"])
            assert ann["place"] is None or ann["place"].strip()


def test_a_vetoed_mention_is_never_chosen_but_the_rules_may_keep_it():
    from marsad.extract.place_model import RULES, choose_option

    # B is likeliest but vetoed: A is chosen where the rules chose nothing
    assert choose_option([0.1, 0.3, 0.6], ["A", "B"], None, 1.0, may=[True, False]) == 1
    # only vetoed places: nothing is added
    assert choose_option([0.0, 0.0, 1.0], ["A", "B"], None, 1.0, may=[True, False]) == RULES
    # the rules chose B: its veto does not take it away
    assert choose_option([0.1, 0.3, 0.6], ["A", "B"], "B", 1.0, may=[True, False]) == RULES
    # a rules' place no option names stands
    assert choose_option([0.9, 0.1], ["A"], "C", 1.0, 1.0) == RULES
