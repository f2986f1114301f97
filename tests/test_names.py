"""Person-name boundaries and nationality as their own stage, on sentences written for these tests.

Boundary rules are tested on `name_extent` with the NER labels set by hand (so a test says what the
rule does whatever the shipped tagger would answer), and end to end through `analyse`.
"""

from marsad.extract.entities import _views
from marsad.extract.phrases import name_extent
from marsad.extract.pipeline import analyse, get_pipeline


def _view(text: str, tags: dict[str, str]):
    """The first sentence of `text` with NER labels: the given words get theirs, every other word O."""
    doc = analyse(text, {"id": "t"})
    view = _views(doc, get_pipeline().resources.morphology)[0]
    view.tags = [tags.get(t.text, "O") for t in view.tokens]
    return view


def _extent(text: str, first: str, tags: dict[str, str], after_title: bool = False) -> str:
    view = _view(text, tags)
    i = next(k for k, t in enumerate(view.tokens) if t.text == first)
    return " ".join(t.text for t in view.tokens[i:name_extent(view, i, after_title)])


def _persons(text: str, meta: dict | None = None) -> dict[str, str | None]:
    doc = analyse(text, {"id": "t", **(meta or {})})
    return {e.name: e.country for e in doc.entities if e.type == "PER"}


# -- the word after a surname is not glued to it ---------------------------------------------

def test_preposition_after_a_tagged_surname_ends_the_name():
    text = "وأكد ستولتنبرغ بأن الحلف سيرسل قوات إضافية."
    assert _extent(text, "ستولتنبرغ", {"ستولتنبرغ": "B-PERS"}) == "ستولتنبرغ"


def test_verbal_noun_after_a_surname_ends_the_name():
    text = "وأدان ماتيس اغتيال السفير في العاصمة."
    assert _extent(text, "ماتيس", {"ماتيس": "B-PERS"}) == "ماتيس"


def test_untagged_word_after_two_tagged_name_words_is_not_glued():
    text = "ونفى سامي كمال حدوث أي إصابات بين المدنيين."
    assert _extent(text, "سامي", {"سامي": "B-PERS", "كمال": "I-PERS"}) == "سامي كمال"


def test_time_word_after_a_surname_ends_the_name():
    text = "وصل الوزير كامل يوسف مساء الأحد إلى المطار."
    assert _extent(text, "كامل", {"كامل": "B-PERS"}) == "كامل يوسف"


def test_relative_time_word_after_a_given_name_ends_the_name():
    text = "وزار الوفد المدينة في رمضان الماضي."
    assert _extent(text, "رمضان", {}) == "رمضان"


# -- a common noun the tagger glued to a name ends it (lexicon common_nouns.txt) ---------------------

def test_tagged_common_noun_after_a_foreign_surname_is_cut():
    text = "وخطف ميسي الأنظار في مباراة الأمس."
    assert _extent(text, "ميسي", {"ميسي": "B-PERS", "الأنظار": "I-PERS"}) == "ميسي"


def test_tagged_object_after_a_full_name_is_cut():
    text = "وأدى الرئيس الجديد جورج ويلسون القسم أمام البرلمان."
    tags = {"جورج": "B-PERS", "ويلسون": "I-PERS", "القسم": "I-PERS"}
    assert _extent(text, "جورج", tags, after_title=True) == "جورج ويلسون"


def test_tagged_adjective_after_a_surname_is_cut():
    text = "وقال الزعيم المعارض كارلوس مندوزا السياسي المخضرم إن الانتخابات مزورة."
    tags = {"كارلوس": "B-PERS", "مندوزا": "I-PERS", "السياسي": "I-PERS", "المخضرم": "I-PERS"}
    assert _extent(text, "كارلوس", tags, after_title=True) == "كارلوس مندوزا"


def test_common_noun_after_a_particle_drops_the_particle_too():
    text = "وانتخب البرلمان أندريس مولينا ابن النظام رئيسا للبلاد."
    tags = {"أندريس": "B-PERS", "مولينا": "I-PERS", "ابن": "I-PERS", "النظام": "I-PERS"}
    assert _extent(text, "أندريس", tags) == "أندريس مولينا"


def test_tagged_common_noun_alone_is_no_person():
    text = "وتشهد المنطقة توترا متزايدا منذ أسابيع."
    assert _extent(text, "المنطقة", {"المنطقة": "B-PERS"}) == ""


def test_surnames_with_the_article_stay():
    assert _extent("والتقى هاني الملقي الوفد في عمان.", "هاني", {"هاني": "B-PERS", "الملقي": "I-PERS"}) \
        == "هاني الملقي"
    assert _extent("وقال بشار الأسد إن الحرب طويلة.", "بشار", {"بشار": "B-PERS", "الأسد": "I-PERS"}) == "بشار الأسد"
    assert _extent("وزار فهد الشريف المعرض أمس.", "فهد", {"فهد": "B-PERS", "الشريف": "I-PERS"}) == "فهد الشريف"


def test_regnal_number_is_no_common_noun():
    text = "واستقبل الملك عبدالله الثاني الوفد في القصر."
    assert _extent(text, "عبدالله", {"عبدالله": "B-PERS", "الثاني": "I-PERS"}, after_title=True) == "عبدالله الثاني"


def test_tagged_nisba_after_a_name_is_still_its_nationality():
    text = "وبحث الوزير كمال يوسف المصري الأوضاع في المنطقة."
    tags = {"كمال": "B-PERS", "يوسف": "I-PERS", "المصري": "I-PERS", "الأوضاع": "I-PERS"}
    assert _extent(text, "كمال", tags, after_title=True) == "كمال يوسف"


def test_common_noun_after_abd_is_part_of_the_name():
    text = "وأعلن عبد الواحد سليمان نتائج الانتخابات."
    assert _extent(text, "عبد", {"عبد": "B-PERS", "الواحد": "I-PERS", "سليمان": "I-PERS"}) == "عبد الواحد سليمان"


def test_tagged_name_closed_by_a_comma_is_trusted():
    # «الدائر» is mostly the adjective «ongoing», here a surname the commas set off
    text = "وقال المدير، سالم الدائر، إن المشروع سينتهي قريبا."
    assert _extent(text, "سالم", {"سالم": "B-PERS", "الدائر": "I-PERS"}) == "سالم الدائر"
    text = "وقال سالم الدائر في المؤتمر إن المشروع سينتهي قريبا."
    assert _extent(text, "سالم", {"سالم": "B-PERS", "الدائر": "I-PERS"}) == "سالم"


def test_name_epithet_stays():
    text = "وكان جورج بوش الابن قد زار المنطقة."
    tags = {"جورج": "B-PERS", "بوش": "I-PERS", "الابن": "I-PERS"}
    assert _extent(text, "جورج", tags) == "جورج بوش الابن"


def test_common_noun_list_holds_nouns_not_surnames():
    from marsad.lexicon import Lexicon
    from marsad.text.normalize import norm_char_key

    words = Lexicon().words("common_nouns")
    assert {norm_char_key(w) for w in ("الأنظار", "المنطقة", "القسم", "السياسي")} <= words
    assert not {norm_char_key(w) for w in ("الأسد", "الملقي", "الشريف", "العربي", "الثاني", "الله")} & words


def _compiler():
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "compile_common_nouns.py"
    spec = importlib.util.spec_from_file_location("compile_common_nouns", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["compile_common_nouns"] = module
    spec.loader.exec_module(module)
    return module


def test_compiler_keeps_nouns_and_leaves_out_surnames():
    from marsad.lexicon import Lexicon
    from marsad.text.morphology import Morphology
    from marsad.text.normalize import norm_char_key

    cc = _compiler()
    lex = Lexicon()
    before = cc.name_words(lex)
    assert norm_char_key("أحمد") in before and norm_char_key("بن") in before
    assert norm_char_key("علي") not in before  # also the preposition «على»
    texts = ["قال أحمد الزهراني إن المنطقة تشهد هدوءا.", "ووصل خالد الزهراني إلى منطقة الحدود.",
             "وتحدث الشيخ الخطيبي عن المنطقة.", "وشهدت المنطقة أمطارا."] * 20
    article = norm_char_key("ال")
    total, named = cc.count(texts, before, article)
    rows = cc.figures(total, named, article, lambda w: 0, min_count=20)
    kept = cc.common_nouns(rows, Morphology(lex))
    assert norm_char_key("المنطقة") in kept
    assert norm_char_key("الزهراني") not in kept  # after a given name every time
    assert norm_char_key("الخطيبي") not in kept  # after a title only, but never written without the article
    assert not any(cc.common_nouns(cc.figures(total, named, article, lambda w: 5, min_count=20), Morphology(lex)))


# -- particles bind the next word; no name ends on one ------------------------------------------

def test_dangling_particle_is_left_out():
    text = "وأشاد بالمبادرة الأمير خالد بن"
    assert _extent(text, "خالد", {"خالد": "B-PERS", "بن": "I-PERS"}) == "خالد"


def test_long_nasab_is_read_to_its_end():
    assert "فيصل بن خالد بن عبدالعزيز" in _persons("استقبل الأمير فيصل بن خالد بن عبدالعزيز وفدا تجاريا في أبها.")


def test_particle_then_function_word_homograph_given_name():
    # «علي» and the preposition «على» share a key; after «بن» it is the father's name
    text = "وترأس الاجتماع الوزير ناصر بن علي الكعبي أمس."
    tags = {"ناصر": "B-PERS", "بن": "I-PERS", "علي": "I-PERS", "الكعبي": "I-PERS"}
    assert _extent(text, "ناصر", tags, after_title=True) == "ناصر بن علي الكعبي"


def test_compound_given_name_keeps_its_surname():
    text = "وحضر عبد الرؤوف صالح منصور حفل التخرج."
    tags = {"عبد": "B-PERS", "الرؤوف": "I-PERS", "صالح": "I-PERS", "منصور": "I-PERS"}
    assert _extent(text, "عبد", tags) == "عبد الرؤوف صالح منصور"


def test_untagged_words_add_one_surname_not_a_run():
    text = "وحضر عبد الرؤوف صالح منصور حفل التخرج."
    assert _extent(text, "عبد", {"عبد": "B-PERS", "الرؤوف": "I-PERS"}) == "عبد الرؤوف صالح"


# -- a leading clitic is not part of a name --------------------------------------------------

def test_leading_conjunction_before_a_particle_name():
    people = _persons("حضر اللقاء كل من السفير أحمد كمال وعبد الحميد الشريف.")
    assert "عبد الحميد الشريف" in people
    assert not any(n.startswith("وعبد") for n in people)


def test_leading_conjunction_before_a_name_the_article_repeats():
    people = _persons("وصل الوفد ويانوش كوفاتش إلى المطار. وقال يانوش كوفاتش إن الزيارة ناجحة.")
    assert not any(n.startswith("ويانوش") for n in people)


# -- phrases that are not people ---------------------------------------------------------------

def test_untagged_words_after_a_title_are_no_person():
    text = "وقال متحدث عسكري موال للحكومة إن القوات تقدمت."
    assert _extent(text, "عسكري", {}, after_title=True) == ""
    assert _persons(text) == {}


def test_title_continued_by_a_state_is_no_person():
    assert _persons("والتقى نائب رئيس الوزراء ووزير خارجية دولة قطر بالسفراء العرب.") == {}


# -- nationality from evidence only ------------------------------------------------------------

def test_no_nationality_without_evidence():
    people = _persons("قال حسن عبد الله إن التعاون مع مصر مهم، وإن مصر شريك أساسي، وزار مصر مرتين.")
    assert people.get("حسن عبد الله", "missing") is None


def test_ruling_family_gives_the_state():
    assert _persons("وصل الشيخ حامد بن زايد آل نهيان إلى القاهرة أمس.").get("حامد بن زايد آل نهيان") == "AE"


def test_gazetteer_person_by_given_name_and_surname():
    assert _persons("التقى عادل الجبير بوفد من رجال الأعمال في باريس.").get("عادل الجبير") == "SA"


def test_title_place_gives_the_state():
    people = _persons("وقال اللواء سالم عيسى، مدير أمن البصرة، إن الوفد وصل من القاهرة، وإن القاهرة وعدت بالدعم.")
    assert people.get("سالم عيسى") == "IQ"


# -- no entity without a mention -----------------------------------------------------------------

def test_outlet_of_the_metadata_is_no_entity():
    doc = analyse("أعلنت وزارة الصحة المصرية عن حملة جديدة للتطعيم في القاهرة.", {"id": "t", "outlet": "aljazirah"})
    assert doc.source.outlet == "aljazirah"
    assert all(e.mentions for e in doc.entities)
    assert not any(e.name == "aljazirah" for e in doc.entities)


def test_a_well_known_person_named_without_his_state_gets_it_from_the_gazetteer():
    from marsad.extract.pipeline import analyse

    doc = analyse("وقال فلاديمير بوتين في مؤتمر صحفي إن المحادثات كانت مثمرة، فيما رد كريم فوزي بأن الاتفاق بعيد.",
                  {"id": "t", "published": "2019-03-01"})
    countries = {e.name: e.country for e in doc.entities if e.type == "PER"}
    assert countries.get("فلاديمير بوتين") == "RU"
    assert countries.get("كريم فوزي", None) is None  # no evidence, no country


def test_a_known_name_with_the_grandfather_added_is_the_same_person():
    from marsad.extract.pipeline import analyse

    doc = analyse("وصل الأمير محمد بن زايد بن سلطان آل نهيان إلى القاهرة، كما وصل محمد بن نايف بن عبدالعزيز إلى عمان.",
                  {"id": "t", "published": "2019-03-01"})
    countries = {e.name: e.country for e in doc.entities if e.type == "PER"}
    assert countries.get("محمد بن نايف بن عبدالعزيز") == "SA"


def test_a_conjunction_joining_a_list_of_names_is_not_part_of_the_next_name():
    from marsad.extract.entities import _make_person

    text = "وحضر اللقاء كلاوديو ريني وتيلمان ماركوس في مقر الوزارة."
    labels = {"كلاوديو": "B-PERS", "ريني": "I-PERS", "وتيلمان": "B-PERS", "ماركوس": "I-PERS"}
    view = _view(text, labels)
    doc = analyse(text, {"id": "t"})
    i = next(k for k, t in enumerate(view.tokens) if t.text == "وتيلمان")
    assert " ".join(_make_person(doc, view, 0, i, i + 2, 0.6).words) == "تيلمان ماركوس"
    alone = _view("وتيلمان ماركوس حضر اللقاء.", {"وتيلمان": "B-PERS", "ماركوس": "I-PERS"})
    # nothing joins it here, and «تيلمان» is no name the lexicon knows
    assert " ".join(_make_person(doc, alone, 0, 0, 2, 0.6).words) == "وتيلمان ماركوس"


def test_feasts_and_months_that_open_with_a_given_name_are_no_persons():
    from marsad.extract.entities import add_entities

    text = "وتقدم الوزير بالتهنئة بمناسبة عيد الفطر وقال كريم فوزي إن رمضان المبارك مر بسلام."
    doc = analyse(text, {"id": "t"})
    for t in (t for s in doc.sentences for t in s.tokens):  # the tagger's worst case: every name-like word a person
        t.ner = {"عيد": "B-PERS", "الفطر": "I-PERS", "رمضان": "B-PERS", "المبارك": "I-PERS", "كريم": "B-PERS",
                 "فوزي": "I-PERS"}.get(t.text, "O")
    add_entities(doc, get_pipeline().resources.morphology)
    assert {e.name for e in doc.entities if e.type == "PER"} == {"كريم فوزي"}


def test_a_definite_word_after_a_tagged_full_name_is_its_object_not_a_surname():
    text = "واستأنف اللاعب رامي كوستا التدريبات."
    assert _extent(text, "رامي", {"رامي": "B-PERS", "كوستا": "I-PERS"}) == "رامي كوستا"
    # a given name followed by an untagged article surname still closes the name
    assert _extent("وقال خالد العمري، إن الوفد وصل.", "خالد", {"خالد": "B-PERS"}) == "خالد العمري"


def test_a_preposition_on_a_name_the_article_writes_alone_is_left_out():
    from marsad.extract.entities import _make_person

    text = "وتألق ماركوس تيلمان في الشوط الأول. وكان الدور محدودا لماركوس تيلمان في الشوط الثاني."
    doc = analyse(text, {"id": "t"})
    view = _views(doc, get_pipeline().resources.morphology)[1]
    i = next(k for k, t in enumerate(view.tokens) if t.text == "لماركوس")
    assert " ".join(_make_person(doc, view, 1, i, i + 2, 0.6).words) == "ماركوس تيلمان"


def test_a_single_name_after_a_head_of_state_title_is_a_person_but_not_in_a_place_named_after_him():
    from marsad.extract.pipeline import analyse

    doc = analyse("وقال الرئيس ماكرون إن بلاده ستدعم الاتفاق.", {"id": "t"})
    assert [e.name for e in doc.entities if e.type == "PER"] == ["ماكرون"]
    doc = analyse("ونقل المصابون إلى مستشفى الملك خالد في المدينة.", {"id": "t"})
    assert not [e for e in doc.entities if e.type == "PER"]


def test_a_name_after_bin_is_the_father_not_the_person():
    from marsad.extract.pipeline import analyse

    doc = analyse("واستقبل الملك سلمان الوزير الأمريكي، فيما التقى الأمير محمد بن سلمان الوفد المرافق له.",
                  {"id": "t"})
    persons = {e.name: [m.text for m in e.mentions] for e in doc.entities if e.type == "PER"}
    assert persons.get("محمد بن سلمان") == ["محمد بن سلمان"]
    assert "سلمان" in persons
