from marsad.extract.time import find_times


def _values(text, published):
    return {t.text: (t.value, t.precision) for t in find_times(text, published)}


def test_relative_expressions_resolve_against_publication_date():
    v = _values("وصل الوفد اليوم الأحد بعد أن غادر أمس، وكان قد زار عمان أول أمس. وقال الخميس الماضي إنه سيعود.",
                "2021-03-14")
    assert v["اليوم الأحد"] == ("2021-03-14", "day")
    assert v["أمس"] == ("2021-03-13", "day")
    assert v["أول أمس"] == ("2021-03-12", "day")
    assert v["الخميس الماضي"] == ("2021-03-11", "day")


def test_bare_weekday_is_past_unless_the_verb_is_future():
    assert _values("اجتمع المجلس الثلاثاء.", "2021-03-14")["الثلاثاء"] == ("2021-03-09", "day")
    assert _values("وسيجتمع المجلس الثلاثاء.", "2021-03-14")["الثلاثاء"] == ("2021-03-16", "day")


def test_absolute_dates_in_both_digit_systems_and_month_series():
    v = _values("في ٢٧ ديسمبر ٢٠٢٠ ثم في 3 كانون الثاني 2021 وفي 15/04/2019 وفي يونيو 2018", None)
    assert v["٢٧ ديسمبر ٢٠٢٠"] == ("2020-12-27", "day")
    assert v["3 كانون الثاني 2021"] == ("2021-01-03", "day")
    assert v["15/04/2019"] == ("2019-04-15", "day")
    assert v["يونيو 2018"] == ("2018-06", "month")


def test_hijri_dates_convert():
    v = _values("أعلن ذلك في 1 رمضان 1445 هـ", None)
    assert v["1 رمضان 1445 هـ"] == ("2024-03-11", "day")


def test_periods_and_since():
    v = _values("منذ عام 2014 لم يزرها أحد، وزارها الأسبوع الماضي وفد، وتعود العلاقات مطلع الشهر المقبل.", "2020-12-27")
    assert v["منذ عام 2014"] == ("2014", "year")
    assert v["الأسبوع الماضي"] == ("2020-12-20", "week")
    assert v["مطلع الشهر المقبل"][0].startswith("2021-01")
    anchored = find_times("وتأتي بعد أسبوع من زيارة قام بها الوزير", "2020-12-27")[0]
    assert (anchored.value, anchored.precision) == ("2020-12-20", "week")


def test_without_publication_date_nothing_is_invented():
    for t in find_times("التقى الوزير اليوم نظيره بعد اجتماع الخميس الماضي وأمس", None):
        assert t.value is None
    assert find_times("مخرجات لجنة 5+5 العسكرية", "2020-12-27") == []
