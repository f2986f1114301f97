"""Entity rules on sentences written for these tests (not taken from the seed articles)."""

from marsad.extract.pipeline import analyse


def _ents(text: str, typ: str | None = None):
    doc = analyse(text, {"id": "t"})
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text
    return [e for e in doc.entities if typ is None or e.type == typ]


def _person(ents, name):
    hits = [e for e in ents if e.type == "PER" and e.name == name]
    assert hits, f"{name} not in {[e.name for e in ents]}"
    return hits[0]


def test_title_nisba_gives_country_and_title_is_not_in_name():
    ents = _ents("استقبل وزير الخارجية الأردني أيمن الصفدي، اليوم الاثنين، وفدا من رجال الأعمال في عمان.")
    p = _person(ents, "أيمن الصفدي")
    assert p.country == "JO"
    assert any(t.startswith("وزير الخارجية") for t in p.titles)
    assert p.name_latin and p.name_latin.lower().startswith("ayman")


def test_rank_and_apposition_titles():
    ents = _ents("وأكد اللواء سامي عبد الرحيم، مدير أمن الإسكندرية، أن الشرطة المصرية ضبطت المتهمين. "
                 "وأضاف عبد الرحيم أن التحقيقات مستمرة.")
    p = _person(ents, "سامي عبد الرحيم")
    assert "اللواء" in p.titles
    assert any("مدير أمن الإسكندرية" in t for t in p.titles)
    assert p.country == "EG"
    assert len(p.mentions) == 2  # the bare surname attaches to the full name


def test_counterpart_inherits_office_and_takes_its_own_nisba():
    ents = _ents("التقى وزير الداخلية التونسي كمال الفقي نظيره الجزائري إبراهيم مراد في العاصمة الجزائرية.")
    a = _person(ents, "كمال الفقي")
    b = _person(ents, "إبراهيم مراد")
    assert a.country == "TN" and b.country == "DZ"
    assert any(t.startswith("وزير الداخلية") for t in b.titles)


def test_dual_title_with_countries():
    ents = _ents("بحث وزيرا خارجية الأردن، أيمن الصفدي، والعراق، فؤاد حسين، سبل تعزيز التعاون بين البلدين.")
    a = _person(ents, "أيمن الصفدي")
    b = _person(ents, "فؤاد حسين")
    assert (a.country, b.country) == ("JO", "IQ")
    assert "وزير الخارجية" in a.titles and "وزير الخارجية" in b.titles


def test_father_son_and_namesake_stay_apart_and_short_form_attaches():
    text = ("استقبل الفريق محمود خليفة قائد القوات البحرية المصرية اللواء طارق خليفة منصور قائد الشرطة العراقية. "
            "وكان المشير خليفة منصور قد زار القاهرة العام الماضي. وقال طارق منصور إن الزيارة ناجحة.")
    ents = _ents(text, "PER")
    names = sorted(e.name for e in ents)
    assert "طارق خليفة منصور" in names and "خليفة منصور" in names and "محمود خليفة" in names
    son = _person(ents, "طارق خليفة منصور")
    assert len(son.mentions) == 2


def test_spelling_variants_collapse():
    ents = _ents("قال الرئيس اليمني عبدالله صالح إن الحوار مستمر. وأضاف عبد الله صالح أن الحكومة مستعدة.", "PER")
    assert len([e for e in ents if "صالح" in e.name]) == 1


def test_organisations_and_places_with_clitics():
    ents = _ents("أعلنت وزارة الدفاع الروسية أن قواتها دمرت مواقع لتنظيم داعش قرب حلب وفي سوريا، "
                 "فيما دعت الأمم المتحدة إلى التهدئة بين موسكو وواشنطن.")
    orgs = {e.name: e for e in ents if e.type == "ORG"}
    locs = {e.name: e for e in ents if e.type == "LOC"}
    assert "وزارة الدفاع الروسية" in orgs and orgs["وزارة الدفاع الروسية"].country == "RU"
    assert "الأمم المتحدة" in orgs
    assert any("داعش" in n for n in orgs)
    assert {"حلب", "سوريا", "موسكو"} <= set(locs)
    assert locs["حلب"].country == "SY"
    assert any(n in locs for n in ("واشنطن", "الولايات المتحدة"))


def test_agency_in_credit_is_not_a_person():
    ents = _ents("بغداد، 3 مارس (رويترز / كونا) - قال رئيس الوزراء العراقي إن الانتخابات ستجرى في موعدها.")
    assert not [e for e in ents if e.type == "PER" and "رويترز" in e.name]
    assert any(e.type == "ORG" and e.name == "رويترز" for e in ents)


def test_a_count_after_an_organisation_is_not_part_of_its_name():
    doc = analyse("كما اعتقلت قوات الإدارة الذاتية الكردية 41 شخصا، واعتقل تنظيم داعش 53 شخصا خلال الفترة نفسها.",
                  {"id": "t"})
    orgs = {e.name for e in doc.entities if e.type == "ORG"}
    assert "قوات الإدارة الذاتية الكردية" in orgs and "تنظيم داعش" in orgs
    assert not any(ch.isdigit() for name in orgs for ch in name)
    # a unit named by its number keeps it
    doc = analyse("وناقش الوفد مخرجات لجنة 5+5 العسكرية المشتركة في جنيف.", {"id": "t"})
    assert any(e.name.startswith("لجنة 5+5") for e in doc.entities if e.type == "ORG")


def test_a_given_name_that_is_a_nisba_starts_a_name_before_a_family_name():
    # «تركي» (Turkish) is also a given name: an adjective would take the article of its noun («الجيش التركي»)
    doc = analyse("وقال العقيد الركن تركي المالكي إن الدفاعات الجوية اعترضت الصاروخ. وقال الأمير تركي الفيصل إن "
                  "المملكة ترفض ذلك. وصادرت الشرطة سلاحا تركي الصنع.", {"id": "t"})
    persons = {e.name for e in doc.entities if e.type == "PER"}
    assert {"تركي المالكي", "تركي الفيصل"} <= persons
    assert not any("الصنع" in name for name in persons)
    # the name names no Turkish party
    assert all("country:TR" not in e.participants for e in doc.events)
