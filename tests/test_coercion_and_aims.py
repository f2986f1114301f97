"""Sieges and crackdowns as coercion, acts avoided or aimed at as hypothetical, accusations answered by a denial,
and names inside longer names. Sentences written for these tests."""

from __future__ import annotations

from marsad.extract.pipeline import PipelineConfig, analyse
from marsad.summary import verb_of

# the rules alone: neither the trained event detector nor the trained role model (tests/test_role_model.py)
RULES_ONLY = PipelineConfig().with_settings(event_detector=False, role_model=False)


def _doc(text: str):
    return analyse(text, {"id": "t", "published": "2019-05-02"}, RULES_ONLY)


def _names(doc, ids: list[str]) -> list[str]:
    return [doc.entity(i).name if doc.entity(i) else i for i in ids]


def test_forces_surrounding_a_place_lay_siege():
    doc = _doc("طوقت قوات الأمن الأردنية مقر الحزب في عمان أمس الثلاثاء.")
    sieges = [e for e in doc.events if (e.type, e.mode) == ("COERCE", "siege")]
    assert sieges and any("قوات الأمن" in a for a in _names(doc, sieges[0].actors))
    doc = _doc("وحاصرت القوات الحكومية البلدة ثلاثة أشهر.")
    assert [e.mode for e in doc.events if e.type == "COERCE"] == ["siege"]


def test_a_ring_and_worries_are_no_siege():
    for text in ("واعتبر الوزير أن القرض طوق نجاة للاقتصاد.", "وعاد إلى بيته وتحاصره الهموم."):
        assert not [e for e in _doc(text).events if e.type == "COERCE"]


def test_a_crackdown_told_with_a_verb_is_coercion_the_practice_named_is_not():
    doc = _doc("وقمعت الشرطة المصرية مظاهرة للطلاب في الإسكندرية يوم الجمعة.")
    crackdowns = [e for e in doc.events if (e.type, e.mode) == ("COERCE", "repression")]
    assert crackdowns and any("الشرطة" in a for a in _names(doc, crackdowns[0].actors))
    doc = _doc("وتحدث الكاتب عن سنوات القمع في البلاد.")
    assert not [e for e in doc.events if e.type == "COERCE"]


def test_new_coercion_modes_have_english_verbs():
    assert verb_of("COERCE", "siege").past == "besieged"
    assert verb_of("COERCE", "repression").past == "cracked down on"


def test_an_act_avoided_has_not_happened():
    doc = _doc("وفر مئات السكان من البلدة لتجنب الاعتقال على أيدي القوات الحكومية.")
    arrests = [e for e in doc.events if e.type == "COERCE"]
    assert arrests and all(e.modality == "hypothetical" for e in arrests)
    doc = _doc("واعتقلت الشرطة التركية خمسة أشخاص في أنقرة.")
    assert [e.modality for e in doc.events if e.type == "COERCE"] == ["asserted"]


def test_an_act_after_hatta_with_an_imperfect_verb_is_an_aim_with_a_past_verb_it_happened():
    doc = _doc("وقال القائد إن المقاتلين سيبقون في مواقعهم حتى تنسحب القوات التركية من المدينة.")
    assert [e.modality for e in doc.events if e.type == "RETREAT"] == ["hypothetical"]
    doc = _doc("وتواصل القصف حتى انسحبت القوات التركية من المدينة.")
    assert [e.modality for e in doc.events if e.type == "RETREAT"] == ["asserted"]


def test_an_accusation_answered_by_a_denial_is_the_denial_only():
    doc = _doc("ونفت الحكومة الفرنسية الاتهامات الإيرانية بشدة.")
    assert [e.type for e in doc.events] == ["REJECT"]
    assert "country:IR" in doc.events[0].recipients
    doc = _doc("ورفض المتحدث باسم الوزارة هذه المزاعم.")
    assert "ACCUSE" not in [e.type for e in doc.events]
    doc = _doc("واتهمت إيران فرنسا بدعم المعارضة.")
    assert [e.type for e in doc.events] == ["ACCUSE"]


def test_a_name_inside_a_longer_name_is_no_party_of_its_own():
    doc = _doc("دعا محافظ صنعاء المواطنين إلى الانتفاض ضد ميليشيات الحوثي.")
    requests = [e for e in doc.events if e.type == "REQUEST"]
    assert requests
    assert not any(n == "الحوثي" for n in _names(doc, requests[0].actors))


def _roles(text: str, typ: str) -> tuple[list[str], list[str]]:
    doc = _doc(text)
    found = [e for e in doc.events if e.type == typ]
    assert found, f"no {typ} event"
    return _names(doc, found[0].actors), _names(doc, found[0].recipients)


def test_a_capital_before_its_verb_is_its_government():
    assert _roles("وأعلن السفير أن الخرطوم دعت مصر وإثيوبيا إلى اجتماع ثلاثي.", "REQUEST") == (
        ["country:SD"], ["country:EG", "country:ET"])
    assert _roles("وأكد البيان أن أنقرة رفضت الطلب الأمريكي.", "REJECT")[0] == ["country:TR"]


def test_a_capital_after_the_subject_is_the_object_one_joined_by_wa_acts_with_it():
    assert _roles("واتهمت الرياض طهران بدعم الإرهاب.", "ACCUSE") == (["country:SA"], ["country:IR"])
    assert _roles("واتهمت دمشق وموسكو إسرائيل بشن الهجوم.", "ACCUSE") == (
        ["country:SY", "country:RU"], ["country:IL"])


def test_a_capital_is_no_party_after_a_preposition_a_participle_or_a_verb_of_witnessing():
    doc = _doc("وتظاهر الآلاف في القاهرة ضد الحكومة.")
    assert all("country:EG" not in e.actors for e in doc.events)
    doc = _doc("وشهدت القاهرة مظاهرات حاشدة.")
    assert all("country:EG" not in e.actors for e in doc.events)
    doc = _doc("وقال إن بلاده سترد بقوة، داعيا واشنطن إلى وقف التصعيد.")
    assert all("country:US" not in e.actors for e in doc.events)


def test_a_danger_to_security_is_no_threat_made():
    doc = _doc("وقال الوزير إن إيران تهدد أمن واستقرار المنطقة.")
    assert "THREATEN" not in [e.type for e in doc.events]
    doc = _doc("وهدد الرئيس التركي بشن عملية عسكرية في منبج.")
    assert "THREATEN" in [e.type for e in doc.events]


def test_a_threatened_refused_or_demanded_act_has_its_doer():
    assert _roles("وهدد الحوثيون باستهداف السفن في البحر الأحمر.", "ASSAULT")[0] == ["الحوثيون"]
    assert _roles("ورفضت تركيا الانسحاب من عفرين.", "RETREAT")[0] == ["country:TR"]
    assert _roles("وطالبت مصر إسرائيل بالانسحاب من غزة.", "RETREAT")[0] == ["country:IL"]


def test_a_weapon_fired_by_a_group_does_not_make_it_the_accuser():
    actors, recipients = _roles("وتندد الرياض باستمرار باستخدام صواريخ أطلقها الحوثيون على أراضيها.", "ACCUSE")
    assert actors == ["country:SA"]
    assert "الحوثيون" in recipients


def test_bayda_anna_is_but_not_by_the_hand_of():
    doc = _doc("وقتل ثلاثة جنود في هجوم على نقطة تفتيش، بيد أن الجيش الليبي أعلن السيطرة على الوضع.")
    attacks = [e for e in doc.events if e.type == "ASSAULT"]
    assert attacks and not any("الجيش الليبي" in _names(doc, e.actors) for e in attacks)


def test_a_statements_own_forces_act_for_the_body_that_made_it():
    assert _roles("وأوضح بيان للجيش الإسرائيلي أن طائراته قصفت 12 موقعا لحركة حماس.", "ASSAULT") == (
        ["الجيش الإسرائيلي"], ["حركة حماس"])
    assert _roles("وأعلن الجيش الأردني أن قواته قتلت خمسة مهربين على الحدود.", "ASSAULT")[0] == ["الجيش الأردني"]


def test_those_named_before_a_killing_verb_with_no_object_were_killed():
    actors, recipients = _roles(
        "وقالت مصادر رسمية إن تسعة من عناصر الحرس الوطني التونسي قتلوا في هجوم مسلح قرب الحدود.", "ASSAULT")
    assert actors == [] and recipients == ["الحرس الوطني التونسي"]
    actors, recipients = _roles("وقال مسؤولون أتراك لوكالة رويترز إن الصحفي جمال خاشقجي قتل داخل القنصلية.", "ASSAULT")
    assert actors == [] and "جمال خاشقجي" in recipients and not any("رويترز" in r for r in recipients)
    assert _roles("وأعلنت وزارة الدفاع الروسية أن طائراتها قتلت 30 مسلحا في إدلب.", "ASSAULT")[0] != []


def test_wounded_by_gunfire_names_who_fired():
    actors, _ = _roles("وقالت وزارة الصحة إن ثمانية فلسطينيين أصيبوا برصاص الجيش الإسرائيلي شرق غزة.", "ASSAULT")
    assert actors == ["الجيش الإسرائيلي"]


def test_a_pledge_of_retaliation_is_a_threat_a_pledged_act_is_the_pledgers_and_planned():
    doc = _doc("وتعهد مسؤولون إيرانيون برد انتقامي على الغارة.")
    assert "THREATEN" in [e.type for e in doc.events] and "AGREE" not in [e.type for e in doc.events]
    doc = _doc("وتعهد الرئيسان، الأمريكي دونالد ترامب والفرنسي إيمانويل ماكرون، برد فعل قوي.")
    assert "THREATEN" in [e.type for e in doc.events]
    doc = _doc("وتعهدت الحكومة المصرية بتقديم الدعم للجيش الليبي.")
    aid = [e for e in doc.events if e.type == "AID"]
    assert aid and aid[0].modality == "planned"
    assert _names(doc, aid[0].actors) == ["الحكومة المصرية"] and _names(doc, aid[0].recipients) == ["الجيش الليبي"]


def test_a_dateline_with_a_city_the_gazetteer_lacks_is_known_by_its_state_and_its_credit_is_no_party():
    doc = _doc("أتلانتا، الولايات المتحدة الأمريكية (CNN) – انتقد الرئيس الإيراني، حسن روحاني، حظر تطبيق تيليغرام.")
    assert doc.dateline and doc.dateline["city"] == "أتلانتا"
    assert "CNN" in doc.source.agencies
    accusations = [e for e in doc.events if e.type == "ACCUSE"]
    assert accusations and "country:US" not in accusations[0].actors
    doc = _doc("دبي، الإمارات العربية المتحدة (CNN)—ردت الناشطة أسماء بنت قادة على تقارير إعلامية، نافية ذلك نفيا قاطعا.")
    rejections = [e for e in doc.events if e.type == "REJECT"]
    assert rejections and _names(doc, rejections[0].actors) == ["أسماء بنت قادة"]


def test_a_report_verb_after_a_comma_with_its_own_subject_closes_the_act_before():
    assert _roles("قصفت طائرات حربية إسرائيلية 12 موقعا لحركة حماس في قطاع غزة، وأوضح بيان للجيش الإسرائيلي أن "
                  "القصف جاء ردا على إطلاق صواريخ.", "ASSAULT") == (["country:IL"], ["حركة حماس"])
    assert _roles("وانتقدت برلين بشدة، وقالت إن روسيا تتحمل المسؤولية.", "ACCUSE")[1] == ["country:RU"]


def test_a_party_of_the_clause_after_anna_is_not_the_subject_of_the_verb_before_it():
    doc = _doc("وكان الرئيس الأمريكي دونالد ترامب قد زار المنطقة وحذر السبت من أن النظام السوري سيدفع ثمنا باهظا.")
    threats = [e for e in doc.events if e.type == "THREATEN"]
    assert threats and "country:SY" not in threats[0].actors


def test_a_news_agency_named_in_the_sentence_is_never_a_party():
    doc = _doc("وأوردت وكالة الأنباء الإماراتية أن القوات اليمنية دخلت مطار الحديدة في عملية عسكرية ضد الحوثيين.")
    for e in doc.events:
        assert not any("وكالة الأنباء" in n for n in _names(doc, e.actors + e.recipients))
    doc = _doc("وقال المحامي جمال عيد لوكالة رويترز إن السلطات المصرية أطلقت سراح خمسة معتقلين.")
    for e in doc.events:
        assert not any("رويترز" in n for n in _names(doc, e.actors + e.recipients))


def test_the_main_subject_of_a_participle_is_the_person_not_the_body_in_his_post():
    doc = _doc("وأكد رئيس مجلس الشورى السعودي عبدالله آل الشيخ أن المملكة حريصة على مواطنيها، متهما بعض وسائل الإعلام "
               "بشن هجمة مفتعلة.")
    accusations = [e for e in doc.events if e.type == "ACCUSE"]
    assert accusations and _names(doc, accusations[0].actors) == ["عبدالله آل الشيخ"]


def test_a_court_or_prosecutor_with_a_nisba_is_its_states_organ():
    actors, _ = _roles("أصدرت محكمة عراقية الاثنين حكما بالإعدام بحق ست نساء بتهمة الانتماء إلى تنظيم داعش.", "COERCE")
    assert "country:IQ" in actors


def test_parties_named_in_a_charge_are_its_topic_not_acted_on():
    actors, recipients = _roles("واعتقلت السلطات التركية النائبة فيغن يوكسكداغ بتهمة التعاون مع حزب العمال الكردستاني.",
                                "COERCE")
    assert "فيغن يوكسكداغ" in recipients and "حزب العمال الكردستاني" not in recipients


def test_a_leader_or_backer_named_after_its_side_is_never_acted_on():
    _, recipients = _roles("وأحبط الجيش اليمني بدعم من القوات المسلحة الإماراتية محاولة تسلل لميليشيات الحوثي جنوبي الحديدة.",
                           "COERCE")
    assert not any("الإماراتية" in r for r in recipients)


def test_a_court_that_condemns_convicts():
    doc = _doc("أدانت محكمة بريطانية مراهقا عراقيا بالشروع في القتل.")
    assert [(e.type, e.mode) for e in doc.events] == [("COERCE", "sentence")]
    doc = _doc("وأدان وزير الخارجية الفرنسي التفجير الانتحاري في كابول.")
    assert "ACCUSE" in [e.type for e in doc.events]


def test_the_same_act_told_again_with_the_same_word_is_one_event():
    doc = _doc('وأعلنت إسرائيل الأحد إجلاء أكثر من 400 شخص إلى الأردن. ولا يزال المئات من عناصر "الخوذ البيضاء"، الدفاع '
               'المدني في مناطق الفصائل المعارضة، عالقين في جنوب سوريا، مبدين خشيتهم غداة إجلاء أكثر من 400 منهم الأحد.')
    assert len([e for e in doc.events if e.type == "RETREAT"]) == 1


def test_an_asylum_seeker_asks_nothing_and_an_obligation_is_not_done():
    doc = _doc("وقالت الشرطة الألمانية إن طالب لجوء عراقيا اعتقل في ميونيخ.")
    assert "REQUEST" not in [e.type for e in doc.events]
    doc = _doc("وقال الوزير الفرنسي إنه يجب انسحاب القوات التركية من عفرين.")
    assert [e.modality for e in doc.events if e.type == "RETREAT"] == ["hypothetical"]
    doc = _doc("وحكمت محكمة مصرية عليه بالسجن عشر سنوات.")
    assert [e.modality for e in doc.events if e.type == "COERCE"] == ["asserted"]


def test_the_noun_before_a_relative_pronoun_does_the_act_of_its_verb():
    assert _roles("ودعا المحامي الحكومة التركية التي تحتجز القس أندرو برونسون إلى الإفراج عنه.", "COERCE") == (
        ["الحكومة التركية"], ["أندرو برونسون"])
    doc = _doc("وقالت الأمم المتحدة إن مارتن غريفيث، مبعوث الأمم المتحدة الذي دعا الأطراف اليمنية إلى المحادثات، "
               "وصل إلى صنعاء.")
    requests = [e for e in doc.events if e.type == "REQUEST"]
    assert requests and _names(doc, requests[0].actors) == ["مارتن غريفيث"]


def test_an_air_defence_that_intercepts_is_not_the_target_its_state_is():
    doc = _doc("واعترضت قوات الدفاع الجوي السعودي، الأحد، صاروخا باليستيا أطلق من قبل الميليشيا الحوثية باتجاه جازان.")
    attacks = [e for e in doc.events if e.type == "ASSAULT" and e.mode != "interception"]
    assert attacks and not any("الدفاع الجوي" in r for r in _names(doc, attacks[0].recipients))


def test_a_visit_goes_to_the_state_named_after_ila():
    doc = _doc("وقال الوزير أثناء زيارة إلى فرنسا مرافقا ولي العهد الأمير محمد بن سلمان إن الزيارة ناجحة.")
    visits = [e for e in doc.events if e.type == "CONSULT"]
    assert visits and "country:FR" in visits[0].recipients


def test_declining_to_comment_rejects_nothing():
    for text in ("ورفضت الرئاسة السورية التعليق على التقرير.",
                 "وقال مسؤول حكومي، رفض الكشف عن هويته، إن الحكومة المصرية ستعلن القرار غدا."):
        assert "REJECT" not in [e.type for e in _doc(text).events]
    assert "REJECT" in [e.type for e in _doc("ورفضت حركة حماس الرد الإسرائيلي على المبادرة.").events]
