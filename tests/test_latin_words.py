"""Foreign name words snapped to attested Latin words (marsad/extract/latin_words.py, lexicon latin_words.tsv)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from marsad.extract import latin
from marsad.extract.latin_words import (
    LANGUAGES,
    AttestedSpeller,
    arabic_outlines,
    outline,
    pack_index,
    read_outline_table,
    reading_cost,
    shape,
    shapes,
    sound_readings,
    zipf_digits,
)
from marsad.lexicon import Lexicon

LEX = Lexicon()
TABLE = read_outline_table(LEX.rows("foreign_outlines.tsv"))


# -- outlines: what Arabic letters can tell apart ------------------------------------------------------------------
def test_latin_outline_merges_what_arabic_writes_alike():
    assert outline("Kennedy") == "knd"  # double n single, vowels and y gone
    assert outline("Pickford") == outline("Bikfort".replace("t", "d")) == "bkfrd"  # p and b, ck and k
    assert outline("Giuseppe") == "jsb"  # a soft g is j, a double p one b
    assert outline("Vincent") == "fnsnt"  # v is f, a soft c is s
    assert outline("Wagner") == "wgnr"  # gn is g and n
    assert outline("Xavier") == "ksfr"  # x is k and s


def test_arabic_outlines_hold_each_reading_and_a_silent_final_letter():
    outlines = arabic_outlines("كينيدي", TABLE)
    assert "knd" in outlines and "kndt" in outlines  # Kennedy; Kennedyt would be a French silent t
    assert "wgnr" in arabic_outlines("فاغنر", TABLE)  # ف may be the German w
    assert "jsb" in arabic_outlines("جوزيبي", TABLE) and "gsb" in arabic_outlines("جوزيبي", TABLE)  # ج: j or g
    assert "xn" in arabic_outlines("خوان", TABLE) and "jn" in arabic_outlines("خوان", TABLE)  # Spanish j is خ
    assert "Cl" in arabic_outlines("تشيلسي", TABLE) or "Cls" in arabic_outlines("تشيلسي", TABLE)


def test_shape_reads_soft_letters_only_in_spelled_words():
    assert shape("Giorgio") == "jiorjio"
    assert shape("giorgio", spelled=False) == "giorgio"  # the rules' own letters: a g is a g
    assert shape("Fernández") == "fernandes"  # accents dropped, z an s
    assert shape("Raffaele") == "rafaele"  # doubles single


# -- the cost of reading the rule spelling as a Latin word -------------------------------------------------------
def test_reading_cost_is_cheap_for_what_arabic_leaves_out_and_dear_for_what_it_writes():
    assert reading_cost("bitr", "beter") == pytest.approx(0.4)  # ي for e, an unwritten short e
    assert reading_cost("mor", shape("Moore")) < 0.5  # oo written و, a silent final e
    assert reading_cost("fernandis", "fernandes") == pytest.approx(0.1)
    assert reading_cost("mansio", "amansio") >= 1.5  # Arabic writes an initial vowel
    assert reading_cost("amansio", "mansio") >= 1.5  # and never one that is not there
    assert reading_cost("kasano", "kasino") > 1.0  # ا is an a, not an i
    assert reading_cost("batlr", "butler") <= 1.0  # the English u of "but" written ا


def test_reading_cost_stops_early_past_its_limit():
    assert reading_cost("stain", "station", limit=1.0) == float("inf")
    assert reading_cost("stain", "station") > 1.0


def test_sound_readings_read_ai_as_german_ei_and_english_i():
    readings = dict(sound_readings("stain"))
    assert readings["stein"] > 0 and "stIn" in readings
    assert min(reading_cost(t, "stein") + extra for t, extra in readings.items()) < 0.5


def test_spanish_gue_and_gui_may_drop_their_u():
    assert shapes("Guerrero") == ["guerero", "gerero"]
    assert shapes("Raquel") == ["rakel"]  # qu is k already


def test_french_nasal_ent_is_read_from_an():
    assert ("kliment", 0.2) in [(t, round(x, 1)) for t, x in sound_readings("kliman")]
    speller = _speller({"clement": _z(3.5, 4.0, 3.0, 3.0, 3.0, 3.0, 3.0), "clemens": _z(3, 3, 3, 3, 3, 3, 3)})
    assert speller.choose([("كليمان", "kliman")]) == ["clement"]


# -- the choice among the Latin words an Arabic word could transcribe ---------------------------------------------
def _speller(rows: dict[str, list[float]]) -> AttestedSpeller:
    return AttestedSpeller(pack_index((w, zipf_digits(z), outline(w)) for w, z in rows.items()), TABLE)


def _z(en, fr, de, es, it, pt, nl):
    return [en, fr, de, es, it, pt, nl, 0, 0, 0, 0, 0]


WORDS = {
    # an ordinary English word leaks into every language's text, but stands far above it in English
    "pillar": _z(4.6, 3.0, 3.0, 2.9, 3.0, 3.0, 3.1),
    "pilar": _z(2.5, 2.4, 2.3, 2.8, 2.4, 2.6, 2.2),  # a name: about as frequent everywhere
    # a Spanish name and a Latin word of the same letters
    "navarro": _z(3.0, 2.9, 2.8, 4.2, 3.2, 3.0, 2.7),
    "naviro": _z(1.5, 1.5, 1.5, 1.0, 1.5, 1.5, 1.5),
    "sergio": _z(3.8, 3.6, 3.5, 4.3, 4.2, 4.0, 3.4),
    "lot": _z(5.0, 3.5, 3.5, 3.0, 3.0, 3.0, 3.5),
    "lott": _z(2.5, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0),
}


def test_a_name_spelled_alike_everywhere_beats_an_ordinary_english_word():
    assert _speller(WORDS).choose([("بيلار", "bilar")]) == ["pilar"]


def test_the_language_of_the_person_decides_between_spellings():
    speller = _speller(WORDS)
    words = [("نافارو", "nafaro")]
    assert speller.choose(words, LANGUAGES.index("es")) == ["navarro"]
    # without a country, the name's other words tell its language: Sergio is frequent in Spanish
    assert speller.choose(words, None, known=["Sergio", "Maria"]) == ["navarro"]


def test_no_candidate_far_from_the_letters():
    speller = _speller(WORDS)
    assert speller.choose([("بولار", "bolar")]) == [None]  # «و» is no i: not Pilar
    assert speller.choose([("لوت", "lot")]) == ["lott"] or speller.choose([("لوت", "lot")]) == ["lot"]


def test_a_short_word_matches_only_its_own_letters():
    speller = _speller({"ted": _z(3, 3, 3, 3, 3, 3, 3), "teddy": _z(3, 3, 3, 3, 3, 3, 3)})
    assert speller.choose([("تيد", "tid")]) == ["ted"]
    assert speller.candidates("تد", "td") == []  # "ted" would insert a vowel into a three-letter word


# -- the compiled table ------------------------------------------------------------------------------------------
def test_table_rows_hold_their_current_outline():
    rows = LEX.rows("latin_words.tsv")
    assert len(rows) > 50_000
    for word, digits, key in (rows[i] for i in range(0, len(rows), 997)):
        assert len(digits) == len(LANGUAGES)
        assert outline(word) == key, f"{word}: recompile with scripts/compile_latin_words.py"


def test_compile_keeps_words_of_several_languages_that_can_be_said():
    path = Path(__file__).resolve().parents[1] / "scripts" / "compile_latin_words.py"
    spec = importlib.util.spec_from_file_location("compile_latin_words", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["compile_latin_words"] = module
    spec.loader.exec_module(module)
    freq = {"moreno": _z(3, 3, 3, 4, 3, 3, 3), "bzw": _z(2, 2, 5, 2, 2, 2, 2),
            "zapfhahn": _z(0, 0, 3, 0, 0, 0, 1.5)}
    rows = module.compile_rows(freq, min_languages=4, min_zipf=1.0)
    # "bzw" cannot be said as written, "zapfhahn" is German only
    assert [(w, k) for w, _, k in rows] == [("moreno", "mrn")]


# -- whole names -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("arabic", "english"), [
    ("توماس توخل", "Thomas Tuchel"),  # خ for a German ch
    ("ماوريسيو بوكيتينو", "Mauricio Pochettino"),  # ك for an Italian ch, doubled t
    ("يان فيرتونخين", "Jan Vertonghen"),  # ف for v, خ for a Dutch g
    ("كريستين لاجارد", "Christine Lagarde"),  # ج for a French soft g, a silent final e
    ("بوب وودوارد", "Bob Woodward"),  # و for w
    ("ديان لوفرين", "Diane Lovren"),
    ("جيمي باتلر", "Jimmy Butler"),  # ا for the u of "but"
])
def test_foreign_names_take_their_attested_spelling(arabic, english):
    assert latin.romanize(arabic) == english


def test_arab_names_do_not_go_through_the_word_table():
    assert latin.romanize("عبد الرحمن المسعد") == "Abdulrahman Al-Masaad"
    assert latin.romanize("محمد بن سلمان") == "Mohammed bin Salman"
