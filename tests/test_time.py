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


# -- the lexicon's data is what find_times reads -------------------------------------------------
def _lexicon_with(tmp_path, **lines):
    """Return a Lexicon over a copy of the shipped data with `lines` appended to the named files."""
    import shutil

    from marsad.lexicon import LEXICON_DIR, Lexicon

    directory = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, directory, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    for name, added in lines.items():
        name = name.replace("__", ".")
        with (directory / name).open("a", encoding="utf-8") as f:
            f.write("\n" + added + "\n")
    return Lexicon(directory)


def _custom_values(text, published, lexicon):
    return {t.text: (t.value, t.precision) for t in find_times(text, published, lexicon)}


def test_month_forms_come_from_months_tsv(tmp_path):
    text = "في 3 كانون ثاني 2021"
    assert "3 كانون ثاني 2021" not in _values(text, None)
    lex = _lexicon_with(tmp_path, months__tsv="كانون ثاني\t1\tlevantine")
    assert _custom_values(text, None, lex)["3 كانون ثاني 2021"] == ("2021-01-03", "day")


def test_time_patterns_come_from_time_patterns(tmp_path):
    text = "ويعود الوفد بكره"
    assert _values(text, "2021-03-14") == {}
    lex = _lexicon_with(tmp_path, time__patterns=r"tomorrow	{b}(?:بعد\s+غد|غدا|غد|بكره){e}")
    assert _custom_values(text, "2021-03-14", lex)["بكره"] == ("2021-03-15", "day")


def test_duration_words_feed_the_pattern_and_the_value(tmp_path):
    text = "وصل الوفد قبل ثمانية أيام"
    assert _values(text, "2021-03-14") == {}
    lex = _lexicon_with(tmp_path, duration_words__tsv="ثمانية\t8")
    assert _custom_values(text, "2021-03-14", lex)["قبل ثمانية أيام"] == ("2021-03-06", "week")


def test_relative_words_units_parts_and_weekdays_come_from_tables(tmp_path):
    text = "وقال الخميس الماضي إن الاتفاق يوقع مطلع الشهر المقبل"
    assert _values(text, "2021-03-14")["الخميس الماضي"] == ("2021-03-11", "day")
    assert _values(text, "2021-03-14")["مطلع الشهر المقبل"] == ("2021-04", "month")
    lex = _lexicon_with(tmp_path, relative_time_words__tsv="الماضي\tfuture\nالمقبل\tpast",
                        period_parts__tsv="غرة", weekdays__tsv="الخميس\t2")
    v = _custom_values(text, "2021-03-14", lex)
    assert v["الخميس الماضي"] == ("2021-03-17", "day")  # read as «the coming Wednesday»
    assert v["مطلع الشهر المقبل"] == ("2021-02", "month")  # «المقبل» read as past
    assert "غرة الشهر" not in _values("وصل غرة الشهر", "2021-03-14")
    assert _custom_values("وصل غرة الشهر", "2021-03-14", lex)["غرة الشهر"] == ("2021-03", "month")
    lex = _lexicon_with(tmp_path / "units", period_units__tsv="الشهر\tyear")
    assert _custom_values(text, "2021-03-14", lex)["مطلع الشهر المقبل"] == ("2022", "year")


def test_since_word_comes_from_relative_time_words(tmp_path):
    text = "لم يزرها أحد منذ عام 2014"
    assert find_times(text, None)[0].kind == "since"
    lex = _lexicon_with(tmp_path, relative_time_words__tsv="منذ\tpast")
    assert find_times(text, None, lex)[0].kind == "date"


# -- issue 14, item 5: day words, names, period bounds and lengths of time --------------------------
def _kinds(text, published):
    return {t.text: (t.value, t.kind) for t in find_times(text, published)}


def test_yesterday_with_its_weekday_is_the_day_before_publication():
    v = _values("وصل الوفد أمس الأحد، ثم عاد أمس (الأحد) مرة أخرى.", "2021-03-15")
    assert v["أمس الأحد"] == ("2021-03-14", "day")
    assert v["أمس (الأحد)"] == ("2021-03-14", "day")
    assert _values("افتتح المعرض اليوم (الاثنين).", "2021-03-15")["اليوم (الاثنين)"] == ("2021-03-15", "day")


def test_day_before_yesterday_and_day_after_tomorrow():
    v = _values("غادر الوزير أول من أمس وسيعود بعد غد الأربعاء.", "2021-03-15")
    assert v["أول من أمس"] == ("2021-03-13", "day")
    assert v["بعد غد الأربعاء"] == ("2021-03-17", "day")
    assert _values("يصل الموكب غدا.", "2021-03-15")["غدا"] == ("2021-03-16", "day")


def test_a_noun_that_looks_like_a_future_verb_does_not_move_a_weekday_forward():
    # «سيارة», «سيطرت», «سنوات» start like «سـ» + a verb; the act told is past
    assert _values("انفجرت سيارة الثلاثاء قرب السوق.", "2021-03-14")["الثلاثاء"] == ("2021-03-09", "day")
    assert _values("سيطرت الفصائل الثلاثاء على التلة.", "2021-03-14")["الثلاثاء"] == ("2021-03-09", "day")
    assert _values("ستفتتح الوزارة المدرسة الثلاثاء.", "2021-03-14")["الثلاثاء"] == ("2021-03-16", "day")


def test_names_of_anniversaries_are_not_dates():
    v = _kinds("احتفل أنصار ثورة 25 يناير بذكرى هجمات 11 سبتمبر في ميدان 14 آذار.", "2021-08-01")
    assert v["ثورة 25 يناير"] == (None, "name")
    assert v["هجمات 11 سبتمبر"] == (None, "name")
    assert v["ميدان 14 آذار"] == (None, "name")
    assert _kinds("قتل ثلاثة في 25 يناير.", "2021-08-01")["25 يناير"] == ("2021-01-25", "date")


def test_period_bounds_and_lengths_are_not_event_dates():
    v = _kinds("يستمر المعرض حتى 20 مايو، وهو مغلق منذ 3 مارس، وسيفتح بعد أربعة أعوام، وقد بني منذ ثلاث سنوات.",
               "2021-04-10")
    assert v["حتى 20 مايو"] == ("2021-05-20", "until")
    assert v["منذ 3 مارس"] == ("2021-03-03", "since")
    assert v["بعد أربعة أعوام"] == (None, "duration")
    assert v["منذ ثلاث سنوات"] == (None, "duration")
    assert _kinds("وقع الحادث قبل ثلاثة أيام.", "2021-04-10")["قبل ثلاثة أيام"] == ("2021-04-07", "date")


def test_the_same_day_is_not_the_publication_day():
    v = _values("زار الرئيس المصنع أمس، والتقى في نفس اليوم العمال.", "2021-04-10")
    assert v["أمس"] == ("2021-04-09", "day")
    assert v["في نفس اليوم"] == (None, None)


def test_a_month_with_its_levantine_name_after_a_slash_keeps_its_year():
    from marsad.extract.pipeline import analyse

    doc = analyse("وقعت الهجمات في 30 سبتمبر/أيلول 2015 في دمشق.", {"id": "t", "published": "2017-05-02"})
    assert any(t.value == "2015-09-30" for t in doc.times)


def test_one_day_after_something_is_not_the_day_after_publication():
    from marsad.extract.pipeline import analyse

    doc = analyse("وجاء الهجوم بعد يوم واحد من زيارة الرئيس للمدينة.", {"id": "t", "published": "2017-05-02"})
    assert not any(t.value == "2017-05-03" for t in doc.times)


def test_a_revolution_named_by_month_and_year_is_no_date():
    from marsad.extract.pipeline import analyse

    doc = analyse("وكان عضوا في المجلس العسكري الحاكم بعد ثورة يناير 2011 قبل أن يعتقل الأسبوع الماضي.",
                  {"id": "t", "published": "2018-03-21"})
    assert all(t.value is None for t in doc.times if "يناير" in t.text)


def test_a_distance_is_no_date_and_glued_digits_are_read():
    from marsad.extract.pipeline import analyse

    meta = {"id": "t", "published": "2018-03-22"}
    doc = analyse("وسقطت القذيفة على بعد عشرة كيلومترات من الحدود.", meta)
    assert all(t.value is None for t in doc.times)
    doc = analyse("وقال إن الاجتماع سيعقد بعد عشرة أيام في القاهرة.", meta)
    assert [t.value for t in doc.times] == ["2018-04-01"]
    doc = analyse("وأشار إلى أن قمة عقدت في20 آذار/مارس الماضي، بعد زيارة في أيار/مايو2017.", meta)
    assert {t.value for t in doc.times} >= {"2018-03-20", "2017-05"}


def test_part_of_a_named_month_is_dated_to_the_month():
    v = _values("اعتقلت الشرطة الناشط أواخر تشرين الأول/أكتوبر الماضي، وأفرج عنه في مطلع يناير.", "2019-02-10")
    assert v["أواخر تشرين الأول/أكتوبر الماضي"] == ("2018-10", "month")
    assert v["في مطلع يناير"] == ("2019-01", "month")
    assert _values("وتنتهي الأشغال منتصف أبريل المقبل", "2019-02-10")["منتصف أبريل المقبل"] == ("2019-04", "month")


def test_month_without_year_resolves_against_publication():
    # past: the latest such month not after publication; «الماضي»: before the publication month
    assert _values("وقع الاتفاق في تموز/يوليو", "2019-02-10")["في تموز/يوليو"] == ("2018-07", "month")
    assert _values("زار الوفد القاهرة في فبراير", "2019-02-10")["في فبراير"] == ("2019-02", "month")
    assert _values("زار الوفد القاهرة شباط/فبراير الفائت", "2019-02-10")["شباط/فبراير الفائت"] == ("2018-02", "month")
    assert _values("وصل خلال شهر يناير الماضي", "2019-02-10")["خلال شهر يناير الماضي"] == ("2019-01", "month")
    # future: the next one
    assert _values("وسيزور الوزير بغداد في يناير", "2019-02-10")["في يناير"] == ("2020-01", "month")
    assert _values("ويعقد المؤتمر في مايو المقبل", "2019-02-10")["في مايو المقبل"] == ("2019-05", "month")
    assert _values("والانتخابات في آذار/مارس الجاري", "2019-03-02")["في آذار/مارس الجاري"] == ("2019-03", "month")


def test_bare_month_name_needs_a_cue_and_bounds_are_no_dates():
    assert _values("مارس الرئيس ضغوطا على البرلمان", "2019-02-10") == {}
    since = find_times("يعتصم العمال منذ يناير", "2019-02-10")
    assert [(t.value, t.kind) for t in since] == [("2019-01", "since")]
    assert _values("وقع الاتفاق في يوليو", None)["في يوليو"] == (None, None)  # no publication date: no year


def test_this_month_and_year_are_the_current_ones():
    v = _values("التقى الوزيران هذا الشهر، وزار الرئيس روسيا هذا العام", "2019-02-10")
    assert v["هذا الشهر"] == ("2019-02", "month")
    assert v["هذا العام"] == ("2019", "year")


def test_digits_glued_to_words_still_date():
    v = _values("أعلن في20 آذار/مارس الحالي أن الهدنة بدأت في أيار/مايو2017", "2018-03-25")
    assert v["20 آذار/مارس"] == ("2018-03-20", "day")
    assert v["أيار/مايو2017"] == ("2017-05", "month")


def test_the_last_two_days_or_hours_date_to_the_week_or_day_of_publication():
    v = _values("قتل عشرة مسلحين خلال اليومين الماضيين واعتقل آخرون خلال الساعات الماضية", "2019-02-10")
    assert v["خلال اليومين الماضيين"] == ("2019-02-09", "week")
    assert v["خلال الساعات الماضية"] == ("2019-02-10", "day")
    assert _values("قتل عشرة مسلحين خلال اليومين الماضيين", None)["خلال اليومين الماضيين"] == (None, None)
    assert [t.kind for t in find_times("وتصاعد التوتر خلال الأيام الماضية", "2019-02-10")] == ["duration"]


def test_a_part_of_the_day_belongs_to_the_weekday():
    v = _values("شنت طائرات حربية فجر السبت غارات، وعادت مساء يوم الأحد الماضي", "2024-03-20")
    assert v["فجر السبت"] == ("2024-03-16", "day")
    assert v["مساء يوم الأحد الماضي"] == ("2024-03-17", "day")


def test_a_bound_before_a_month_and_year_opens_or_ends_a_period():
    since = find_times("تقود السعودية التحالف منذ آذار/مارس2015", "2018-07-20")
    assert [(t.value, t.kind) for t in since] == [("2015-03", "since")]
    until = find_times("سجل الأطباء 492 هجوما بحلول نهاية ديسمبر/كانون أول 2017", "2018-07-20")
    assert [(t.value, t.kind) for t in until] == [("2017-12", "until")]


def test_since_a_few_days_or_weeks_is_a_length_of_time():
    for text in ("وتكثف قوات النظام منذ أسبوع قصفها على درعا", "القصف الذي لم يتوقف منذ أيام"):
        assert [t.kind for t in find_times(text, "2018-06-25")] == ["duration"], text
    assert _values("وصل الوفد قبل يومين", "2018-06-25")["قبل يومين"] == ("2018-06-23", "day")


def test_a_day_with_the_article_a_season_or_a_part_of_a_year_is_a_date():
    from marsad.extract.pipeline import analyse

    def values(text: str) -> list[tuple[str, str]]:
        doc = analyse(text, {"id": "t", "published": "2019-09-20"})
        return [(t.value, t.precision) for t in doc.times]

    assert values("وأعلنت الحكومة في الـ12 مارس/ آذار خطة جديدة.") == [("2019-03-12", "day")]
    assert values("واعتقل الصحفي في صيف 2016 في بغداد.") == [("2016", "year")]
    assert values("وعاد إلى بلاده في أواخر 2015.") == [("2015", "year")]


def test_a_weekday_that_dates_a_report_is_past_whatever_future_verb_follows():
    # published Wednesday 18 April 2018
    said = find_times("وقال الرئيس التركي رجب طيب أردوغان الأحد إن بلاده ستنفذ عمليات عسكرية جديدة.", "2018-04-18")
    assert [t.value for t in said] == ["2018-04-15"]
    told = find_times("وكانت الصحيفة ذكرت، الثلاثاء، أن الإدارة ستسعى إلى الحصول على قوات.", "2018-04-18")
    assert [t.value for t in told] == ["2018-04-17"]
    planned = find_times("سيزور الرئيس القاهرة الأحد.", "2018-04-18")
    assert [t.value for t in planned] == ["2018-04-22"]


def test_every_time_pattern_opens_with_its_word_edge_once():
    # find_times searches each pattern without its leading edge first: exact only while the edge (zero-width
    # lookbehinds) opens the pattern and stands nowhere else
    from marsad.extract.time import KINDS
    from marsad.lexicon import default_lexicon

    templates = default_lexicon().patterns("time")
    for kind in KINDS:
        assert templates[kind].startswith("{b}") and templates[kind].count("{b}") == 1, kind
