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
