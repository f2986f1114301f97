"""Titles of persons (issue 13) on sentences written for these tests (not taken from seeds or news-dev)."""

from marsad.extract.pipeline import analyse


def _persons(text: str) -> dict:
    doc = analyse(text, {"id": "t"})
    return {e.name: e for e in doc.entities if e.type == "PER"}


def test_wazir_after_a_name_is_apposition_not_a_conjunction():
    # «وزير» starts with the letter of «و»; read as a title it is the apposition of the name before it
    for text in ("ووصل يوسف العمراني، وزير الداخلية المغربي، إلى الرباط مساء أمس.",
                 "ووصل يوسف العمراني وزير الداخلية المغربي إلى الرباط مساء أمس."):
        p = _persons(text)["يوسف العمراني"]
        assert "وزير الداخلية المغربي" in p.titles
        assert p.country == "MA"


def test_title_after_a_preposition_loses_the_clitic_and_keeps_the_article():
    ps = _persons("وجه الملك رسالة للرئيس الفرنسي إيمانويل ماكرون، ثم اتصل بنائب رئيس الوزراء سعد الدوسري.")
    assert "الرئيس الفرنسي" in ps["إيمانويل ماكرون"].titles
    assert ps["إيمانويل ماكرون"].country == "FR"
    assert "نائب رئيس الوزراء" in ps["سعد الدوسري"].titles


def test_a_post_in_construct_is_one_title():
    ps = _persons("وقال مستشار رئيس البرلمان الليبي فرج العبيدي إن الجلسة تأجلت.")
    assert ps["فرج العبيدي"].titles == ["مستشار رئيس البرلمان الليبي"]


def test_bare_ministry_domain_and_unit_continue_the_title():
    ps = _persons("أعلن وزير دفاع النرويج كارل هولم أن قائد كتيبة مدفعية الحدود العقيد سالم الورفلي أصيب.")
    assert any(t.startswith("وزير دفاع النرويج") for t in ps["كارل هولم"].titles)
    assert ps["كارل هولم"].country == "NO"
    assert any(t.startswith("قائد كتيبة مدفعية") for t in ps["سالم الورفلي"].titles)


def test_bare_nouns_in_construct_are_not_a_name():
    ps = _persons("وقال وكيل إدارة شرطة المرور العميد طيار ماجد الحربي إن الطرق مفتوحة.")
    p = ps["ماجد الحربي"]
    assert "وكيل إدارة شرطة المرور" in p.titles
    assert "العميد طيار" in p.titles  # a rank with its modifier
    assert all("إدارة" not in name for name in ps)


def test_ambassador_accredited_to_a_country():
    p = _persons("التقى الوزير سفير فرنسا لدى الأردن بيير كوشار في مكتبه.")["بيير كوشار"]
    assert "سفير فرنسا لدى الأردن" in p.titles


def test_two_posts_joined_by_wa_belong_to_one_person():
    ps = _persons("وصرح نائب رئيس الوزراء ووزير الخارجية الكويتي أحمد الناصر بأن المحادثات مثمرة.")
    assert {"نائب رئيس الوزراء", "وزير الخارجية الكويتي"} <= set(ps["أحمد الناصر"].titles)
    ps = _persons("وحضر مراد السالمي، نائب رئيس الحكومة ووزير المالية، الاجتماع.")
    assert {"نائب رئيس الحكومة", "وزير المالية"} <= set(ps["مراد السالمي"].titles)


def test_title_between_two_names_goes_to_the_first_when_the_second_has_its_own():
    ps = _persons("استقبل خالد المنصوري وزير الصحة الإماراتي آنا كوفاتش نائبة وزير الصحة المجري في أبوظبي.")
    assert "وزير الصحة الإماراتي" in ps["خالد المنصوري"].titles
    assert "وزير الصحة الإماراتي" not in ps["آنا كوفاتش"].titles
    assert any(t.startswith("نائبة وزير الصحة") for t in ps["آنا كوفاتش"].titles)


def test_counterpart_title_takes_the_counterparts_nisba():
    ps = _persons("اجتمع وزير التجارة الصيني لي وانغ مع نظيره الياباني كينجي تاناكا في بكين.")
    assert "وزير التجارة الياباني" in ps["كينجي تاناكا"].titles
    assert ps["كينجي تاناكا"].country == "JP"


def test_shared_dual_office_with_each_holders_nisba():
    ps = _persons("واتفق وزيرا الداخلية العراقي عمار الحسيني والسوري مازن العلي على تأمين الحدود.")
    assert "وزير الداخلية العراقي" in ps["عمار الحسيني"].titles
    assert "وزير الداخلية السوري" in ps["مازن العلي"].titles
    assert (ps["عمار الحسيني"].country, ps["مازن العلي"].country) == ("IQ", "SY")


def test_title_is_not_a_fragment_of_the_next_clause():
    ps = _persons("ووجه رئيس الحكومة الإسبانية الدعوة للرئيس التونسي محمد الغنوشي لزيارة مدريد.")
    assert ps["محمد الغنوشي"].titles == ["الرئيس التونسي"]
    assert ps["محمد الغنوشي"].country == "TN"


def test_new_office_words():
    ps = _persons("وقالت المتحدثة باسم الشرطة ليلى حداد إن المفتش العام للقوات المسلحة اللواء نادر سليم زار الموقع.")
    assert any(t.startswith("المتحدثة باسم الشرطة") for t in ps["ليلى حداد"].titles)
    assert any(t.startswith("المفتش العام للقوات المسلحة") for t in ps["نادر سليم"].titles)


def test_a_rank_word_after_a_preposition_is_not_a_rank():
    ps = _persons("وأشاد المدرب الإسباني للفريق خوان غارسيا بأداء اللاعبين.")
    assert "المدرب الإسباني للفريق" in ps["خوان غارسيا"].titles


def test_a_country_of_two_words_in_a_title_gives_its_own_state():
    p = _persons("وحذر رئيس وزراء كوريا الجنوبية أحمد سالم من التصعيد.")["أحمد سالم"]
    assert any(t.startswith("رئيس وزراء كوريا الجنوبية") for t in p.titles)
    assert p.country == "KR"
    p = _persons("وحذر زعيم كوريا الشمالية محمود سالم من التصعيد.")["محمود سالم"]
    assert p.country == "KP"


def test_a_nisba_of_two_words_gives_the_state():
    p = _persons("وقال الزعيم الكوري الشمالي محمود سالم إن بلاده مستعدة للحوار.")["محمود سالم"]
    assert p.country == "KP" and p.titles == ["الزعيم الكوري الشمالي"]
