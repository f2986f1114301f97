"""The pipeline: components with requires/assigns, configuration, injected lexicons and models."""

import shutil

import pytest

from marsad.errors import InputError
from marsad.extract.pipeline import (
    DEFAULT_COMPONENTS,
    ConfigError,
    Pipeline,
    PipelineConfig,
    analyse,
    analyse_records,
)
from marsad.lexicon import LEXICON_DIR, Lexicon
from marsad.text.morphology import Morphology

ARTICLE = """وصل وزير الداخلية التونسي خالد النوري إلى الجزائر

وصل وزير الداخلية التونسي خالد النوري، أمس الثلاثاء، إلى مدينة وهران في زيارة رسمية.
والتقى النوري نظيره الجزائري إبراهيم مراد لبحث ضبط الحدود ومكافحة التهريب."""


def test_the_default_pipeline_declares_what_each_component_needs_and_gives():
    p = Pipeline()
    described = p.describe()
    assert [c["name"] for c in described] == list(DEFAULT_COMPONENTS)
    entities = next(c for c in described if c["name"] == "entities")
    assert "token.ner" in entities["requires"] and entities["assigns"] == ["entities"]


def test_a_component_before_its_requirements_is_refused():
    with pytest.raises(ConfigError, match="requires"):
        Pipeline(PipelineConfig(components=("clean", "metadata", "segment", "entities")))
    with pytest.raises(ConfigError, match="unknown"):
        Pipeline(PipelineConfig(components=("clean", "tokenise")))


def test_a_shorter_pipeline_stops_where_it_is_told():
    p = Pipeline(PipelineConfig(components=("clean", "metadata", "segment", "morphology")))
    doc = p(ARTICLE, {"id": "a", "published": "2024-05-08"})
    assert doc.sentences and not doc.entities and not doc.events
    words = {t.text: t for s in doc.sentences for t in s.tokens}
    assert "first_name" in words["خالد"].lex
    assert words["والتقى"].readings[1].proclitics == "و" and words["والتقى"].readings[1].stem == "التقي"


def test_analyse_reads_every_token_once_and_labels_it():
    doc = analyse(ARTICLE, {"id": "a", "published": "2024-05-08"})
    tokens = [t for s in doc.sentences for t in s.tokens]
    assert all(t.readings and t.readings[0].stem == t.key for t in tokens)
    assert any(t.ner.endswith("PERS") for t in tokens)
    names = {e.name for e in doc.entities if e.type == "PER"}
    assert "خالد النوري" in names


def test_a_lexicon_directory_is_injected_not_read_from_module_state(tmp_path):
    custom = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, custom, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    text = "عقد الوفد اجتماعا في مدينة تاورغاء الليبية اليوم لبحث ملف النازحين."
    plain = analyse(text, {"id": "t", "published": "2024-05-08"})
    assert not any(e.name == "تاورغاء" and e.country == "LY" for e in plain.entities)
    with open(custom / "cities.tsv", "a", encoding="utf-8") as f:
        f.write("تاورغاء\tLY\tcity\n")
    doc = analyse(text, {"id": "t", "published": "2024-05-08"}, PipelineConfig(lexicon_dir=str(custom)))
    place = next(e for e in doc.entities if e.name == "تاورغاء")
    assert place.type == "LOC" and place.country == "LY"


def test_without_a_ner_model_tokens_stay_unlabelled():
    doc = analyse(ARTICLE, {"id": "a"}, PipelineConfig(ner_model=""))
    assert all(t.ner == "O" for s in doc.sentences for t in s.tokens)


def test_analyse_records_yields_errors_in_place_and_goes_on():
    out = list(analyse_records([(ARTICLE, {"id": "ok"}), ("", {"id": "empty"}), ("Hello world", {"id": "en"}),
                                (ARTICLE, {"id": "ok2"})]))
    assert [type(x).__name__ for x in out] == ["Document", "InputError", "InputError", "Document"]
    assert isinstance(out[1], InputError) and out[1].item == "empty" and "empty" in out[1].reason
    assert "not Arabic" in out[2].reason


@pytest.mark.parametrize(("word", "expected"), [
    ("وللوزير", [("", "وللوزير"), ("و", "للوزير"), ("ول", "الوزير")]),  # «ل» + «ال» → «لل», the article restored
    ("ولم", [("", "ولم"), ("و", "لم")]),  # a short stem splits only when it is a function word
    ("وزن", [("", "وزن")]),  # «زن» is no word: «وزن» stays whole
    ("كريم", [("", "كريم"), ("ك", "ريم")]),
])
def test_morphology_readings(word, expected):
    m = Morphology(Lexicon())
    assert [(r.proclitics, r.stem) for r in m.readings(word)] == expected


def test_morphology_never_splits_a_comparison_letter_off_a_given_name():
    m = Morphology(Lexicon())
    assert m.name_clitic("وكريم") == 0 or m.name_clitic("وعمر") == 1
    assert m.name_clitic("وعمر") == 1 and m.name_clitic("كريم") == 0


def test_morphology_lexicon_classes():
    m = Morphology(Lexicon())
    assert m.nisba_of("والمصريه") == "EG" and m.own_nisba("والمصريه") is None and m.own_nisba("للمصريين") == "EG"
    assert m.country_of("بليبيا") == "LY" and m.own_country("بليبيا") is None and m.own_country("فرنسا") == "FR"
    assert {"nisba"} <= m.classes("الليبي") and "trigger" in m.classes("والتقي")
    assert m.bare("وقال") == "قال" and m.bare("قال") == "قال"
    assert m.is_future_verb("سيزور") and not m.is_future_verb("سلام")


def test_the_command_line_takes_a_lexicon_and_a_ner_model(tmp_path):
    import json

    from typer.testing import CliRunner

    from marsad.cli import app

    article = tmp_path / "a.txt"
    article.write_text("عقد الوفد اجتماعا في مدينة تاورغاء الليبية اليوم لبحث ملف النازحين.", encoding="utf-8")
    custom = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, custom, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    with open(custom / "cities.tsv", "a", encoding="utf-8") as f:
        f.write("تاورغاء\tLY\tcity\n")
    runner = CliRunner()
    res = runner.invoke(app, ["extract", str(article), "--lexicon", str(custom), "--ner-model", ""])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert any(e["name"] == "تاورغاء" and e["country"] == "LY" for e in doc["entities"])
    bad = runner.invoke(app, ["extract", str(article), "--ner-model", str(tmp_path)])
    assert bad.exit_code == 2 and "meta.json" in bad.output


def test_a_conjunction_before_a_known_foreign_name_is_not_part_of_it():
    m = Morphology(Lexicon())
    assert m.name_clitic("وديفيد") == 1 and m.name_clitic("ونيلسون") == 1
    assert m.name_clitic("وليام") == 0  # William: the whole word is a name of the Latin table
    assert m.name_clitic("ويندي") == 0


def test_a_person_after_a_conjunction_is_named_without_it():
    doc = analyse("وحضر اللقاء السفير البريطاني وتوماس دروري مدير الشركة.", {"id": "t"})
    assert [e.name for e in doc.entities if e.type == "PER"] == ["توماس دروري"]
