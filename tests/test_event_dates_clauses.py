"""Event dates from the event's own clause and from the lead's day (issue 14, item 5), on sentences written
for these tests."""

from marsad.extract.pipeline import analyse

PUBLISHED = "2024-03-16"  # a Saturday


def _events(text, published=PUBLISHED):
    return analyse(text, {"id": "t", "published": published}).events


def _date(ev):
    return (ev.date or {}).get("value")


def test_a_year_in_a_relative_clause_dates_that_clause_not_the_main_act():
    events = _events("وتراجع التوتر في المنطقة منذ الاتفاق النووي عام 2015 الذي أعلن ترامب انسحاب الولايات المتحدة منه.")
    assert [_date(e) for e in events if e.type == "RETREAT"] == [None]
    events = _events("واعتقلت السلطات الإيرانية عشرات المحتجين منذ الاحتجاجات التي اندلعت في 28 ديسمبر الماضي.")
    assert [_date(e) for e in events if e.type == "COERCE"] == [None]


def test_a_relative_clause_closed_by_a_comma_leaves_the_date_after_it_to_the_act():
    # a guard for the rule above: the relative clause ends at the comma
    events = _events("وطالبت وزارة الخارجية الأردنية، التي تتابع القضية منذ أشهر، الثلاثاء السلطات الإسرائيلية "
                     "بالإفراج عن المعتقلين.")
    assert [_date(e) for e in events if e.type == "REQUEST"] == ["2024-03-12"]


def test_a_relative_clause_that_says_the_act_took_place_dates_it_but_not_a_call_about_it():
    events = _events("وقتل جنديان في الهجوم على المعسكر في رفح، الذي وقع في 11 مارس.")
    assert [_date(e) for e in events if e.type == "ASSAULT"] == ["2024-03-11"]
    events = _events("وطالب وزير الخارجية الأردني بفتح تحقيق دولي في الهجوم الذي وقع الجمعة على مخيم جنين.")
    assert [_date(e) for e in events if e.type == "REQUEST"] == [None]


def test_a_date_in_a_since_or_while_phrase_is_not_the_acts():
    events = _events("وقال الوزير إن الجيش قتل 20 مسلحا منذ اندلاع الحرب عام 2011.")
    assert [_date(e) for e in events if e.type == "ASSAULT"] == [None]
    events = _events("بينما يستعد البرلمان لانتخاب رئيس جديد في 20 أبريل المقبل، التقى وزير الخارجية الأردني أيمن "
                     "الصفدي نظيره العراقي فؤاد حسين.")
    assert [_date(e) for e in events if e.type == "CONSULT"] == [None]
    # «منذ» right before the time is that time's own word: the arrests are today's
    events = _events("واعتقلت الشرطة الإسرائيلية منذ صباح اليوم عشرين فلسطينيا في القدس.")
    assert [_date(e) for e in events if e.type == "COERCE"] == [PUBLISHED]


def test_later_sentences_take_the_leads_day_for_the_same_kind_of_act():
    # the lead tells the attack as commentary (no event of its own); the casualties come in the next sentence
    text = """رأى وزير الدفاع الصومالي أن الهجوم الذي شنه مسلحون فجر السبت على قاعدة عسكرية يكشف ضعف الإجراءات الأمنية.
وقالت مصادر طبية إن ثلاثة جنود قتلوا وأصيب خمسة آخرون.
وطالب البرلمان بمحاسبة المسؤولين."""
    events = _events(text)
    attack = next(e for e in events if e.type == "ASSAULT")
    assert "مصادر طبية" in attack.evidence.text and _date(attack) == PUBLISHED
    assert all(_date(e) is None for e in events if e.type == "REQUEST")  # another kind of act keeps none


def test_background_a_named_period_and_a_new_subject_do_not_take_the_leads_day():
    lead = "أعلن الجيش الأردني أن طائراته شنت فجر السبت غارات على مواقع لتهريب المخدرات في جنوب سوريا.\n"
    for later in ("وكانت طائرات أردنية قد قصفت مواقع مماثلة في السويداء.",
                  "وخلال السنوات الأخيرة قصفت طائرات أردنية مواقع مماثلة في السويداء.",
                  "إلى ذلك، قصفت طائرات روسية مواقع للمعارضة في إدلب."):
        events = _events(lead + "وقال الناطق باسم الجيش إن العملية مستمرة.\n" + later)
        told = [e for e in events if e.evidence.text.strip() == later.strip()]
        assert all(_date(e) is None for e in told), later


def test_a_month_without_its_year_dates_the_event():
    events = _events("وأعلنت الشرطة العراقية أنها اعتقلت في شباط/فبراير الفائت خمسة مهربين في البصرة.", "2024-05-20")
    assert [(_date(e), e.date["precision"]) for e in events if e.type == "COERCE"] == [("2024-02", "month")]
