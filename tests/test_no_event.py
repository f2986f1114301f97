"""Outputs that are no event (issue 14, docs/events.md "Outputs that are no event"): each rule on sentences
written for it, with a sentence beside it that must still give the event."""

from __future__ import annotations

from marsad.extract.pipeline import PipelineConfig, analyse

RULES_ONLY = PipelineConfig().with_settings(event_detector=False)
META = {"id": "t", "published": "2024-03-10"}


def _types(text: str, config: PipelineConfig | None = RULES_ONLY) -> list[str]:
    return [e.type for e in analyse(text, META, config).events]


def test_fighters_driven_out_is_fighting_not_an_expulsion():
    assert "COERCE" not in _types("وطردت القوات الحكومية مسلحي التنظيم من البلدة بعد معارك عنيفة استمرت أسبوعا.")
    assert "COERCE" not in _types("وعاد السكان إلى منازلهم بعد طرد المقاتلين من المدينة الشهر الماضي.")
    assert "COERCE" not in _types("وعاد المسلحون إلى القرى التي طردوا منها قبل عامين.")
    # an ambassador or a player sent away is still an expulsion
    assert "COERCE" in _types("وطردت الحكومة الهولندية السفير الإيراني من البلاد أمس.")


def test_a_centrifuge_is_no_expulsion():
    assert "COERCE" not in _types("وتملك إيران آلاف أجهزة الطرد المركزي في منشأة نطنز.")
    assert "COERCE" not in _types("وركبت طهران جهاز طرد مركزي جديدا في المنشأة.")


def test_a_disengagement_is_no_dispersal():
    assert "COERCE" not in _types("ومدد مجلس الأمن مهمة قوة مراقبة فض الاشتباك في الجولان ستة أشهر.")
    assert "COERCE" in _types("وفضت الشرطة المصرية اعتصاما للعمال أمام مقر الشركة.")


def test_a_noun_naming_a_place_or_a_room_of_operations_is_no_attack():
    assert "ASSAULT" not in _types("وأعلن الجيش المنطقة الحدودية منطقة عمليات عسكرية مغلقة.")
    assert "ASSAULT" not in _types("وقال المتحدث إن القيادة ستراجع قواعد الاشتباك بعد الحادث.")
    assert "ASSAULT" in _types("وبدأ الجيش عمليات عسكرية واسعة في ريف المدينة أمس.")


def test_a_supply_line_or_a_detention_centre_is_no_event():
    assert "AID" not in _types("وقطع الجيش اليمني خطوط إمداد ميليشيات الحوثي جنوبي الحديدة.")
    assert "COERCE" not in _types("وقالت مصادر إن الأمم المتحدة نقلت المهاجرين من مراكز احتجاز تديرها حكومة الوفاق في طرابلس.")
    assert "COERCE" in _types("وأعلنت الشرطة احتجاز ثلاثة مهاجرين في طرابلس أمس.")


def test_reinforcements_struck_are_no_mobilization():
    assert "MOBILIZE" not in _types("وقصفت مقاتلات التحالف العربي تعزيزات لميليشيات الحوثي قرب الحديدة أمس.")
    assert "MOBILIZE" in _types("وأرسل الجيش التركي تعزيزات عسكرية إلى الحدود السورية أمس.")


def test_a_supporter_named_by_a_participle_is_no_act_of_support():
    # «الداعم», «الداعمة» describe a party («الدول الداعمة للجماعة»); an act of support is told by a verb
    assert "SUPPORT" not in _types("وانتقد وزير الخارجية السعودي عادل الجبير الدول الداعمة لحزب الله في خطابه أمس.")
    assert "SUPPORT" not in _types("وقال لافروف إن روسيا هي الداعم الأول للحكومة السورية.")
    assert "SUPPORT" in _types("وأيد الرئيس الأمريكي دونالد ترامب قرار الحكومة الإسرائيلية.")



def test_a_source_asking_anonymity_or_a_request_for_comment_is_no_request():
    assert "REQUEST" not in _types("وقال مسؤول في وزارة الخارجية الأمريكية طلب عدم الكشف عن اسمه إن واشنطن سترد.")
    assert "REQUEST" not in _types("وقال دبلوماسي فرنسي طالبا عدم نشر اسمه إن مجلس الأمن سيجتمع غدا.")
    assert "REQUEST" not in _types("ولم ترد وزارة الدفاع الأمريكية على طلب للتعليق حتى الآن.")
    assert "REQUEST" in _types("وطلبت الولايات المتحدة من تركيا الإفراج عن القس.")


def test_a_visit_to_a_building_or_a_grave_and_an_interview_meet_nobody():
    assert "CONSULT" not in _types("واختفى الصحفي الأمريكي جون سميث بعد زيارته للقنصلية الروسية في باريس.")
    assert "CONSULT" not in _types("وزار الرئيس المصري عبد الفتاح السيسي القاعدة الجوية في سيناء أمس.")
    assert "CONSULT" not in _types("وقال الرئيس الفرنسي إيمانويل ماكرون في لقاء تلفزيوني إن باريس لن تتراجع.")
    assert "CONSULT" in _types("وزار الرئيس المصري عبد الفتاح السيسي السعودية والتقى الملك سلمان أمس.")


def test_a_danger_to_navigation_is_no_threat():
    assert "THREATEN" not in _types("وقال المتحدث إن جماعة الحوثي تهدد بشكل دائم الملاحة الدولية في البحر الأحمر.")
    assert "THREATEN" in _types("وهدد الحرس الثوري الإيراني بإغلاق مضيق هرمز أمام ناقلات النفط.")


def test_a_preposition_never_stands_before_an_inflected_past_verb():
    # «بدأنا» (we began) is not «ب» + «دانا» (they two condemned)
    assert "ACCUSE" not in _types('وقال وزير الخارجية الإيراني محمد جواد ظريف: "بدأنا الحوار مع الأوروبيين".')
    assert "ACCUSE" in _types("ودان وزير الخارجية الإيراني محمد جواد ظريف الهجوم على السفارة.")


def test_aid_halted_cut_or_routed_is_no_aid_given():
    assert "AID" not in _types("وأعلنت الولايات المتحدة وقف المساعدات لوكالة الأونروا نهائيا.")
    assert "AID" not in _types("وأعلنت ألوية العمالقة قطع إمداد ميليشيات الحوثي بين صعدة وحجة.")
    assert "AID" not in _types("ويعد الميناء شريان المساعدات الوحيد لملايين اليمنيين.")
    assert "AID" in _types("وقدمت السعودية مساعدات إنسانية لليمن أمس.")


def test_offering_no_evidence_gives_nothing():
    assert "AID" not in _types("وقال الوزير الروسي إن بريطانيا شاركت في تنظيم الهجوم، دون أن يقدم أي دليل.")
    assert "AID" not in _types("وستكون الزيارة مناسبة لنتنياهو لكي يقدم نفسه على أنه أفضل ضامن لأمن إسرائيل.")
    assert "AID" in _types("ويقدم البنك الدولي قرضا جديدا لمصر.")


def test_a_danger_named_is_no_threat_made():
    # the full pipeline (trained detector on): it read this danger as a threat
    assert "THREATEN" not in _types("وقالت الخارجية الفلسطينية إن الاستيطان الإسرائيلي يهدد فرص إقامة دولة فلسطينية.", None)
    assert "THREATEN" in _types("وهدد زعيم الحوثيين السعودية بضرب منشآتها النفطية.", None)


def test_an_act_feared_braced_for_or_held_as_a_penalty_is_no_event():
    # lexicon feared_acts: the words of fear, precaution or penalty up to three words before the act
    for config in (RULES_ONLY, None):  # with the detector too: the filter reads the hits it accepts
        assert "COERCE" not in _types("وغادرت الناشطة إيران إلى الولايات المتحدة خشية اعتقالها.", config)
        assert "ASSAULT" not in _types("ورفعت القوات السورية حالة التأهب في قواعدها تحسبا لضربات أمريكية محتملة.",
                                       config)
        assert "SANCTION" not in _types("وأمهل ترامب كوريا الشمالية شهرا تحت طائلة فرض عقوبات جديدة عليها.", config)
        # asked about, often the headline of a linked story
        assert "RETREAT" not in _types("هل تنسحب واشنطن من الاتفاق النووي مع إيران؟", config)
    # the deed beside it, and «طائلة» alone ("huge"), still give their events
    assert "COERCE" in _types("واعتقلت السلطات حوالي 35 امرأة للمشاركة في احتجاجات في العاصمة طهران.")
    assert "MOBILIZE" in _types("وخصصت إيران أموالا طائلة لحشد الميليشيات في سوريا.")
