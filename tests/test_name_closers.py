"""Words that close or never join a person's name whatever the NER tagger says, and who a lone word is.

Sentences written for these tests. Boundary rules run on `name_extent` with the tagger's labels set by hand
(set before the sentence view is built, so the view's own repair of the labels runs as in the pipeline).
"""

from marsad.extract.phrases import SentView, name_extent
from marsad.extract.pipeline import analyse, get_pipeline


def _extent(text: str, first: str, tags: dict[str, str]) -> str:
    """The name `name_extent` reads from the word `first`, the given words tagged as in `tags`, others O."""
    doc = analyse(text, {"id": "t"})
    morph = get_pipeline().resources.morphology
    sent = doc.sentences[0]
    for tok in sent.tokens:
        tok.ner = tags.get(tok.text, "O")
    view = SentView(sent.tokens, morph, lexicon_spans=sent.phrases)
    i = next(k for k, t in enumerate(view.tokens) if t.text == first)
    return " ".join(t.text for t in view.tokens[i:name_extent(view, i)])


def _mentions(text: str) -> dict[str, list[str]]:
    doc = analyse(text, {"id": "t"})
    return {e.name: [m.text for m in e.mentions] for e in doc.entities if e.type == "PER"}


# -- «ل» on a word with the article is a noun after a preposition, never a name word ------------------

def test_a_lam_article_word_tagged_as_a_name_start_is_left_out():
    text = "وسلم الطبيب الدواء للطفل ماركو بيانكي في المستشفى."
    tags = {"للطفل": "B-PERS", "ماركو": "I-PERS", "بيانكي": "I-PERS"}
    assert _extent(text, "للطفل", tags) == ""
    assert _extent(text, "ماركو", tags) == "ماركو بيانكي"


def test_a_lam_article_word_tagged_inside_a_name_ends_it():
    text = "وأعلن مارتن كلاين للصحفيين أنه سيستقيل."
    tags = {"مارتن": "B-PERS", "كلاين": "I-PERS", "للصحفيين": "I-PERS"}
    assert _extent(text, "مارتن", tags) == "مارتن كلاين"


# -- blessing formulas and the divine name (blessing_formulas.txt, theophoric_names.txt) ------------

def test_a_blessing_formula_ends_the_name_before_it():
    text = "وكتب المؤرخ ياقوت الحموي رحمه الله في معجمه عن المدينة."
    tags = {"ياقوت": "B-PERS", "الحموي": "I-PERS", "رحمه": "I-PERS", "الله": "I-PERS"}
    assert _extent(text, "ياقوت", tags) == "ياقوت الحموي"


def test_the_divine_name_after_a_plain_given_name_is_no_surname():
    text = "وقال جاره إن خالد الله يرحمه كان رجلا طيبا."
    assert _extent(text, "خالد", {"خالد": "B-PERS", "الله": "I-PERS"}) == "خالد"


def test_a_compound_name_with_the_divine_name_stays_whole():
    text = "وقال القيادي حسن نصر الله إن الحزب لن يشارك."
    tags = {"حسن": "B-PERS", "نصر": "I-PERS", "الله": "I-PERS"}
    assert _extent(text, "حسن", tags) == "حسن نصر الله"


def test_the_divine_name_never_opens_a_name():
    text = "وقال المزارع إن شاء الله تتحسن المحاصيل هذا العام."
    assert _extent(text, "الله", {"الله": "B-PERS", "تتحسن": "I-PERS"}) == ""


# -- a place or a multi-word organisation of the lexicon is no name word ---------------------------

def test_a_capital_tagged_as_a_person_is_no_name():
    text = "وأطلقت بيونغ يانغ صاروخا جديدا فوق البحر."
    assert _extent(text, "بيونغ", {"بيونغ": "B-PERS", "يانغ": "I-PERS"}) == ""


def test_a_broadcaster_after_a_name_is_not_glued_to_it():
    text = "وقال ستيفن هوك لبي بي سي إن المفاوضات متعثرة."
    tags = {"ستيفن": "B-PERS", "هوك": "I-PERS", "لبي": "I-PERS", "بي": "I-PERS", "سي": "I-PERS"}
    assert _extent(text, "ستيفن", tags) == "ستيفن هوك"


# -- head nouns of things and places are no persons (not_persons.txt) ------------------------------

def test_a_vitamin_is_no_person():
    text = "وقال الأستاذ في الجامعة روبرت هيل إن فيتامين سي مفيد للبشرة، بينما يحصل الإنسان على فيتامين دي من الشمس."
    assert not any(name.startswith("فيتامين") for name in _mentions(text))


# -- a lone word is not the father named after «بن» -------------------------------------------------

def test_a_lone_fathers_name_is_not_a_mention_of_the_son():
    text = ("التقى الأمير فيصل بن طارق وفد الغرفة التجارية في المدينة. "
            "وكان الأمير طارق قد افتتح المعرض الأسبوع الماضي، وأشاد طارق بالمشاركين.")
    mentions = _mentions(text)
    son = next(v for k, v in mentions.items() if k.startswith("فيصل"))
    assert all(m != "طارق" for m in son)


def test_a_city_with_a_preposition_after_a_name_ends_it():
    text = "وأقام فهد العتيبي بالرياض حفلا لتكريم الفائزين."
    tags = {"فهد": "B-PERS", "العتيبي": "I-PERS", "بالرياض": "I-PERS"}
    assert _extent(text, "فهد", tags) == "فهد العتيبي"


def test_a_bare_city_name_the_tagger_puts_in_a_name_is_left_to_it():
    text = "وكتب المؤرخ أن الرئيس جورج واشنطن قاد الجيش في الحرب."
    assert _extent(text, "جورج", {"جورج": "B-PERS", "واشنطن": "I-PERS"}) == "جورج واشنطن"


def test_a_compound_with_the_divine_name_after_a_conjunction_stays_whole():
    text = "وذكر التقرير اسمي محمود ناصر وسيف الله بن حسين (المقيم في لندن)."
    tags = {"وسيف": "B-PERS", "الله": "I-PERS", "بن": "I-PERS", "حسين": "I-PERS"}
    assert _extent(text, "وسيف", tags) == "وسيف الله بن حسين"


# -- a given name with the article before «بن» opens a name --------------------------------------------

def test_a_given_name_with_the_article_before_a_nasab_opens_the_name():
    text = "واستقبل الأمير الحسن بن طلال الوفد الزائر في قصره."
    tags = {"الحسن": "B-PERS", "بن": "I-PERS", "طلال": "I-PERS"}
    assert _extent(text, "الحسن", tags) == "الحسن بن طلال"


# -- a nisba joined by «و» before a name in a list gives that person's state ------------------------------

def test_a_nisba_after_a_conjunction_gives_the_next_persons_state():
    text = "وسجل للفريق الضيف البرازيلي رافائيل سيلفا والأرجنتيني خوان بيريز هدفين في الشوط الثاني."
    persons = {e.name: e.country for e in analyse(text, {"id": "t"}).entities if e.type == "PER"}
    assert persons.get("خوان بيريز") == "AR"


# -- a name right after the head of a company, body, building or place names that thing ------------------

def test_a_hospital_named_after_a_king_is_no_person():
    assert not _mentions("ونقل المصاب إلى مستشفى الملك عبدالعزيز الجامعي لتلقي العلاج.")


def test_a_faction_named_after_a_person_is_no_person():
    assert not _mentions("وتبنت حركة نور الدين الزنكي الهجوم على مواقع الجيش.")


def test_a_stadium_named_after_a_prince_is_no_person():
    assert not _mentions("وأقيمت المباراة على ملعب الأمير فيصل بن فهد في الرياض.")


def test_the_government_of_a_person_still_names_the_person():
    text = "وقالت حكومة بنيامين نتنياهو إنها لن تقبل بالاتفاق الجديد."
    assert "بنيامين نتنياهو" in _mentions(text)


def test_a_company_head_the_tagger_put_inside_a_name_splits_it():
    text = "ووقع الرئيس دونالد ترامب وشركة فريد كولينز على اتفاق جديد."
    tags = {"دونالد": "B-PERS", "ترامب": "I-PERS", "وشركة": "I-PERS", "فريد": "I-PERS", "كولينز": "I-PERS"}
    assert _extent(text, "دونالد", tags) == "دونالد ترامب"
    assert _extent(text, "فريد", tags) == "فريد كولينز"


def test_the_divine_name_alone_is_no_mention_of_a_compound_surname():
    text = "وقال القيادي حسن نصر الله إن المعركة طويلة، وأضاف أن النصر بيد الله وحده."
    mentions = _mentions(text)
    assert all(m != "الله" for ms in mentions.values() for m in ms)


# -- a preposition on a function word closes a name; a name sharing its key does not ---------------------

def test_a_preposition_on_a_function_word_after_a_name_ends_it():
    text = "وأبلغ جون كيري بأن الاتفاق سيوقع قريبا."
    tags = {"جون": "B-PERS", "كيري": "I-PERS", "بأن": "I-PERS", "الاتفاق": "I-PERS"}
    assert _extent(text, "جون", tags) == "جون كيري"


def test_a_name_sharing_the_key_of_a_preposition_on_a_function_word_stays():
    text = "وقال الأمين العام للأمم المتحدة بان كي مون إن الوضع خطير."
    tags = {"بان": "B-PERS", "كي": "I-PERS", "مون": "I-PERS"}
    assert _extent(text, "بان", tags) == "بان كي مون"
