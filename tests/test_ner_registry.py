"""Gazetteer names from the registry packages (extra `train`): what `make train-ner` freezes into a model."""

from __future__ import annotations

from marsad.ner import registry


def test_the_network_never_reads_the_registry_classes():
    assert registry.network_classes(("CITY", "LOC", "R-CITY", "R-PER", "TTL-gov")) == ("CITY", "LOC", "TTL-gov")


def test_only_arabic_spellings_become_keys():
    assert registry._clean("باريس") == "باريس"
    assert registry._clean("آربيرغ (سويسرا)") == "اربيرغ"
    assert registry._clean("اسکالدس") is None  # a Persian kaf
    assert registry._clean("Paris") is None and registry._clean("بو") is None


def test_registry_rows_hold_cities_countries_people_and_clubs():
    # the registry packages come with the `dev` extra (and `train`), so this runs wherever the tests do
    rows = dict.fromkeys(registry.registry_rows())
    classes = {c for _, c in rows}
    assert classes == set(registry.REGISTRY_CLASSES)
    assert ("باريس", "R-CITY") in rows and ("فرنسا", "R-CTRY") in rows
    assert set(registry.registry_versions()) == set(registry.PACKAGES)


def test_one_word_names_that_are_common_news_words_are_dropped():
    rows = [("بين", "R-CITY"), ("كيري", "R-CITY"), ("وادي موسي", "R-CITY"), ("وادي", "R-REG"), ("اربيرغ", "R-CITY")]
    words = ["في", "بين", "وادي", "موسي", "كيري", "اربيرغ"]
    assert registry.drop_common(rows, words, common=5) == [("وادي موسي", "R-CITY"), ("اربيرغ", "R-CITY")]
    assert registry.drop_common(rows, words, common=2) == [r for r in rows if r[0] != "بين"]
