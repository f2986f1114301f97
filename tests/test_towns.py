"""Towns compiled from GeoNames (marsad/lexicon/towns.tsv) on sentences written for these tests (from no article)."""

import pytest

from marsad.extract.pipeline import analyse
from marsad.lexicon import default_lexicon
from marsad.text.normalize import name_key


def _places(text: str) -> dict[str, str | None]:
    doc = analyse(text, {"id": "t", "published": "2018-03-01"})
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text
    return {e.name: e.country for e in doc.entities if e.type == "LOC"}


@pytest.mark.parametrize(("text", "town", "iso"), [
    ("وصلت طلائع الجيش التركي إلى أطراف عفرين صباح اليوم.", "عفرين", "SY"),
    ("وانسحب المقاتلون من منبج بعد اتفاق رعته واشنطن.", "منبج", "SY"),
    ("وخرج المئات في كفرنبل يطالبون برحيل النظام.", "كفرنبل", "SY"),
    ("وأعلن التحالف اعتراض صاروخ أطلق باتجاه أبها ظهر الثلاثاء.", "أبها", "SA"),
    ("وسقطت قذيفة على حي سكني في نجران دون إصابات.", "نجران", "SA"),
    ("وشن الطيران غارات على مواقع المسلحين قرب الحويجة ليلا.", "الحويجة", "IQ"),
    ("وأصيب ثلاثة صيادين قبالة خان يونس برصاص الزوارق.", "خان يونس", "PS"),
    ("ووصل المبعوث إلى تبريز في زيارة تستغرق يومين.", "تبريز", "IR"),
    ("وتقدمت الفصائل نحو جرابلس من جهة الغرب.", "جرابلس", "SY"),
    ("وانفجرت عبوة ناسفة في سوق شعبي في بعقوبة مساء أمس.", "بعقوبة", "IQ"),
])
def test_a_town_of_the_compiled_list_is_a_place_of_its_state(text, town, iso):
    places = _places(text)
    assert places.get(town) == iso, places


def test_a_town_written_without_its_article_is_the_same_place():
    assert _places("وتجمع النازحون في مخيمات جنوب حويجة.") == {"حويجة": "IQ"}


def test_a_town_that_is_also_a_common_word_needs_a_place_word_before_it():
    # «دوما» is a Syrian town and the adverb "always" (often written «دوماً»)
    assert _places("وقالت إن بلادها كانت دوما إلى جانب الحل السياسي.") == {}
    assert _places("وأكد أن الحكومة تسعى دوماً إلى التهدئة.") == {}
    assert _places("وتعرضت أحياء في دوما لقصف مدفعي عنيف.").get("دوما") == "SY"


@pytest.mark.parametrize("text", [
    "وقف الحارس أمام الباب ومنع الصحفيين من الدخول.",  # GeoNames: «وقف» (EG), «الباب» (SY)
    "ونشرت الصحيفة صور الضحايا على صفحتها الأولى.",  # «صور» (Tyre, LB; Sur, OM)
    "وقال المتحدث وان الاتفاق لم يوقع بعد.",  # «وان» (Van, TR): «وأن» without its hamza
])
def test_a_common_word_that_geonames_lists_as_a_town_is_no_place(text):
    assert _places(text) == {}


def test_the_compiled_list_keeps_no_common_word_and_yields_to_the_hand_list():
    lex = default_lexicon()
    header = (lex.directory / "towns.tsv").read_text(encoding="utf-8").splitlines()[:6]
    assert any("GeoNames" in line and "CC BY 4.0" in line for line in header)
    hand = {name_key(n) for names, _iso, _kind in lex.rows("cities.tsv") for n in names.split("|")}
    stop = lex.words("common_nouns") | lex.function_words | lex.first_names
    towns = [name_key(n) for r in lex.rows("towns.tsv") for n in r[0].split("|")]
    assert len(towns) > 1000
    assert not set(towns) & hand
    assert not set(towns) & stop
    assert all(len(k.replace(" ", "")) >= 3 for k in towns)
    assert {"عفرين", "منبج"} <= set(towns) and not {"صور", "الباب", "وقف", "وان"} & set(towns)
    assert lex.places["منبج"].kind == "town" and lex.places["منبج"].iso == "SY"
