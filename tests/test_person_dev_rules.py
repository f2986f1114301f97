"""Person rules counted on the person dev set (eval/persons-dev, docs/handcheck_entities.md "Eighth check").

Sentences written for these tests. Where a rule depends on what the tagger says, the tagger's labels are set by
hand before the entity rules run, as the pipeline would hand them over.
"""

from marsad.extract.entities import add_entities
from marsad.extract.phrases import SentView, name_extent
from marsad.extract.pipeline import analyse, get_pipeline


def _extent(text: str, first: str, tags: dict[str, str]) -> str:
    """The name `name_extent` reads from the word `first`, the given words tagged as in `tags`, others O."""
    doc = analyse(text, {"id": "t"})
    sent = doc.sentences[0]
    for tok in sent.tokens:
        tok.ner = tags.get(tok.text, "O")
    view = SentView(sent.tokens, get_pipeline().resources.morphology, lexicon_spans=sent.phrases)
    i = next(k for k, t in enumerate(view.tokens) if t.text == first)
    return " ".join(t.text for t in view.tokens[i:name_extent(view, i)])


def _persons_tagged(text: str, tags: dict[str, str], untagged: int | None = None) -> dict[str, list[str]]:
    """The persons the entity rules find when the tagger labels the given words as in `tags` (others O), and
    nothing in sentence number `untagged` (where the tagger missed the name)."""
    doc = analyse(text, {"id": "t"})
    for n, sent in enumerate(doc.sentences):
        for tok in sent.tokens:
            tok.ner = "O" if n == untagged else tags.get(tok.text, "O")
    add_entities(doc, get_pipeline().resources.morphology)
    return {e.name: [m.text for m in e.mentions] for e in doc.entities if e.type == "PER"}


def _orgs(text: str) -> list[str]:
    return [e.name for e in analyse(text, {"id": "t"}).entities if e.type == "ORG"]


def test_a_town_that_is_also_a_name_word_opens_a_tagged_name():
    # «عمران» is a Yemeni town read as a place only after a cue (towns.tsv `cued`); opening a name it is Imran
    tags = {"عمران": "B-PERS", "خان": "I-PERS"}
    assert _extent("وقال بطل الكريكت السابق عمران خان إنه فاز.", "عمران", tags) == "عمران خان"


def test_a_town_written_alone_still_closes_a_name():
    tags = {"صنعاء": "B-PERS", "خان": "I-PERS"}
    assert _extent("ووصل الوفد إلى صنعاء خان أمس.", "صنعاء", tags) == ""


def test_a_surname_after_the_rest_of_the_name_is_the_whole_name():
    # the tagger found «مارين لوبان» once; where it labels only the surname, the text still writes the full name
    tags = {"مارين": "B-PERS", "لوبان": "I-PERS"}
    text = "وقالت مارين لوبان إنها ستفوز. وكانت حملة مارين لوبان متطرفة."
    assert _persons_tagged(text, tags, untagged=1) == {"مارين لوبان": ["مارين لوبان", "مارين لوبان"]}


def test_a_surname_alone_stays_a_surname_mention():
    tags = {"مارين": "B-PERS", "لوبان": "I-PERS"}
    persons = _persons_tagged("وقالت مارين لوبان إنها ستفوز. وكانت حملة لوبان متطرفة.", tags)
    assert persons == {"مارين لوبان": ["مارين لوبان", "لوبان"]}


def test_an_organisation_the_lexicon_names_is_no_person():
    tags = {"فيس": "B-PERS", "بوك": "I-PERS"}
    assert _persons_tagged("وقال فيس بوك الجمعة إنه علق حساب الشركة.", tags) == {}
    assert "فيس بوك" in _orgs("وقال فيس بوك الجمعة إنه علق حساب الشركة.")


def test_the_tail_of_a_known_name_after_its_first_word_is_no_person():
    # «لبي بي سي»: the tagger reads «بي سي» after the preposition's word as a person
    tags = {"جين": "B-PERS", "سومنر": "I-PERS", "بي": "B-PERS", "سي": "I-PERS"}
    persons = _persons_tagged("وقالت الباحثة جين سومنر، لبي بي سي، إن الناس لا تدرك ذلك.", tags)
    assert "بي سي" not in persons and persons


def test_a_month_name_with_a_year_after_it_is_no_person():
    # the Maghreb's «جوان» is June; «موفى جوان 2015» is the end of June 2015
    tags = {"موفى": "B-PERS", "جوان": "I-PERS"}
    assert _persons_tagged("وبلغت النسبة 70 بالمائة موفى جوان 2015 مقابل 67 بالمائة.", tags) == {}


def test_a_name_ending_in_a_month_word_without_a_number_stays_a_person():
    tags = {"تيريزا": "B-PERS", "ماي": "I-PERS"}
    assert _persons_tagged("وقالت تيريزا ماي إن الاتفاق قريب.", tags) == {"تيريزا ماي": ["تيريزا ماي"]}


def test_ali_spelt_as_the_given_name_continues_a_tagged_name():
    # the preposition «على» and the given name «علي» share a key; written with «ي» inside a tagged name it is Ali
    tags = {"محمد": "B-PERS", "علي": "I-PERS", "جعفري": "I-PERS"}
    assert _extent("وقال اللواء محمد علي جعفري إن الدول الغربية فشلت.", "محمد", tags) == "محمد علي جعفري"


def test_the_preposition_ala_still_ends_a_name():
    tags = {"محمد": "B-PERS", "على": "I-PERS"}
    assert _extent("ووافق محمد على الخطة.", "محمد", tags) == "محمد"


def test_a_surname_that_is_a_month_with_a_number_after_it_stays_a_person():
    # «رمضان» is a Hijri month and a common surname; the number is the man's age
    tags = {"أحمد": "B-PERS", "رمضان": "I-PERS"}
    assert _persons_tagged("وقتل الشاب أحمد رمضان 25 عاما في الحادث.", tags) == {"أحمد رمضان": ["أحمد رمضان"]}


def test_a_whole_name_opening_the_article_is_one_mention():
    tags = {"مارين": "B-PERS", "لوبان": "I-PERS"}
    text = "مارين لوبان قالت إنها ستفوز. وقالت مارين لوبان إن الحملة انتهت."
    assert _persons_tagged(text, tags, untagged=0) == {"مارين لوبان": ["مارين لوبان", "مارين لوبان"]}


def test_a_surname_with_its_own_conjunction_is_not_joined_to_the_word_before():
    # «ماري ولوبان»: Marie and Le Pen, two people, not the whole name «ماري لوبان»
    tags = {"ماري": "B-PERS", "لوبان": "I-PERS"}
    text = "وقالت ماري لوبان إنها ستفوز. وحضرت ماري ولوبان الاجتماع."
    mentions = [m for ms in _persons_tagged(text, tags, untagged=1).values() for m in ms]
    assert "ماري ولوبان" not in mentions and "لوبان" in mentions
