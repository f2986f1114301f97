from marsad.extract.metadata import extract_metadata


def test_headline_dateline_and_agencies():
    text = ("الجيش يعلن السيطرة على المدينة\n\n"
            "بيروت، 3 آذار 2021 - (رويترز / الأناضول) - أعلن الجيش اليوم السيطرة على المدينة.")
    m = extract_metadata(text)
    assert m.title == "الجيش يعلن السيطرة على المدينة"
    assert m.dateline_city == "بيروت"
    assert m.dateline_date == "2021-03-03"
    assert m.agencies == ["رويترز", "الأناضول"]


def test_dateline_without_year_keeps_month_and_day():
    m = extract_metadata("عمان، 5 يونيو (بترا) - وصل الوفد إلى المملكة.")
    assert m.dateline_date == "--06-05"
    assert m.agencies == ["وكالة الأنباء الأردنية"]


def test_byline_and_self_credited_outlet():
    text = "كتبت سارة أحمد\nقال مسؤول لـ«الأهرام» إن الاجتماع انتهى، وأضاف لـ«الأهرام» أن الوفد غادر."
    m = extract_metadata(text)
    assert m.byline == "سارة أحمد"
    assert m.outlet == "الأهرام"
    assert m.title is None


def test_byline_from_city_and_agency_credit_are_not_outlets():
    text = 'خالد سعيد من بغداد: قال مصدر لوكالة "سبوتنيك" إن الوفد وصل. وأضاف لـ"المدى" أن المحادثات بدأت.'
    m = extract_metadata(text)
    assert m.byline == "خالد سعيد"
    assert m.dateline_city == "بغداد"
    assert "سبوتنيك" in m.agencies
    assert m.outlet == "المدى"


# -- the lexicon's data is what extract_metadata reads -------------------------------------------
def _lexicon_with(tmp_path, **lines):
    """Return a Lexicon over a copy of the shipped data with `lines` appended to the named files."""
    import shutil

    from marsad.lexicon import LEXICON_DIR, Lexicon

    directory = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, directory, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    for name, added in lines.items():
        with (directory / name.replace("__", ".")).open("a", encoding="utf-8") as f:
            f.write("\n" + added + "\n")
    return Lexicon(directory)


def test_byline_cues_come_from_byline_cues_txt(tmp_path):
    text = "تحرير: سارة أحمد\nقال مسؤول إن الاجتماع انتهى."
    assert extract_metadata(text).byline is None
    lex = _lexicon_with(tmp_path, byline_cues__txt="تحرير")
    assert extract_metadata(text, lex).byline == "سارة أحمد"


def test_dateline_month_forms_come_from_months_tsv(tmp_path):
    text = "بيروت، 3 كانون ثاني 2021 - (رويترز) - أعلن الجيش السيطرة على المدينة."
    assert extract_metadata(text).dateline_date is None
    lex = _lexicon_with(tmp_path, months__tsv="كانون ثاني\t1\tlevantine")
    m = extract_metadata(text, lex)
    assert (m.dateline_city, m.dateline_date) == ("بيروت", "2021-01-03")


def test_metadata_patterns_come_from_metadata_patterns(tmp_path):
    text = "خالد سعيد في بغداد: قال مصدر إن الوفد وصل."
    assert extract_metadata(text).byline is None
    lex = _lexicon_with(tmp_path, metadata__patterns=r"byline_from	^(?P<name>[{letters}]+(?: [{letters}]+){1,3}) في "
                                                     r"(?P<city>[{letters}]+(?: [{letters}]+)?)\s*:")
    m = extract_metadata(text, lex)
    assert (m.byline, m.dateline_city) == ("خالد سعيد", "بغداد")
