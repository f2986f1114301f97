"""Roles and triggers read from the clause: media reports, crowds of unnamed people, acts undergone, verbal nouns
with a possessor, recipients as participants, interceptions and evacuations. Sentences written for these tests."""

from __future__ import annotations

from marsad.extract.pipeline import PipelineConfig, analyse

# the rules alone: neither the trained event detector nor the trained role model (tests/test_role_model.py)
RULES_ONLY = PipelineConfig().with_settings(event_detector=False, role_model=False)


def _events(text: str, typ: str, config: PipelineConfig | None = RULES_ONLY):
    doc = analyse(text, {"id": "t", "published": "2019-05-02"}, config)

    def names(ids: list[str]) -> list[str]:
        return [doc.entity(i).name if doc.entity(i) else i for i in ids]

    return [(names(e.actors), names(e.recipients), e) for e in doc.events if e.type == typ]


def _event(text: str, typ: str, config: PipelineConfig | None = RULES_ONLY):
    found = _events(text, typ, config)
    assert found, f"no {typ} event"
    return found[0]


def test_a_newspaper_that_reports_an_arrest_did_not_make_it():
    actors, _, _ = _event("ونقلت صحيفة الوطن أن قوات الأمن اعتقلت أربعة مشتبه بهم في مدينة صفاقس.", "COERCE")
    assert not any("الوطن" in a for a in actors)


def test_a_crowd_of_unnamed_people_acts_not_the_name_after_it():
    actors, recipients, _ = _event("وطالب مئات الطلاب رئيس الوزراء الأردني عمر الرزاز بالاستقالة.", "REQUEST")
    assert actors == []
    assert recipients == ["عمر الرزاز"]
    actors, recipients, _ = _event("وطالبت مجموعة من الناشطين وزير الداخلية المغربي عبد الوافي لفتيت بالتحقيق.",
                                   "REQUEST")
    assert "عبد الوافي لفتيت" not in actors
    assert "عبد الوافي لفتيت" in recipients


def test_who_undergoes_an_attack_is_its_target():
    actors, recipients, _ = _event("وتعرضت قافلة للجيش اللبناني لهجوم قرب الحدود السورية.", "ASSAULT")
    assert actors == []
    assert any("الجيش اللبناني" in r for r in recipients)
    actors, recipients, _ = _event("وتعرض الصحفي محمود أبو زيد للاعتقال في القاهرة.", "COERCE")
    assert actors == [] and recipients == ["محمود أبو زيد"]


def test_an_undergone_act_comes_from_the_one_named_after_min():
    actors, recipients, _ = _event("وتعرضت الحكومة المغربية لانتقادات حادة من منظمة هيومن رايتس ووتش.", "ACCUSE")
    assert actors and "هيومن رايتس ووتش" in actors[0]
    assert any("الحكومة المغربية" in r for r in recipients)


def test_a_verbal_noun_with_its_possessor_after_a_noun_has_its_object_after_it():
    actors, recipients, _ = _event("وجدد المحتجون رفضهم قرار الحكومة الفرنسية رفع أسعار الوقود.", "REJECT")
    assert not any("الحكومة الفرنسية" in a for a in actors)
    assert any("الحكومة الفرنسية" in r for r in recipients)


def test_a_verb_with_an_object_pronoun_keeps_its_subject():
    actors, _, _ = _event("وأكد الجيش أن المسلحين الذين قتلتهم قوات الأمن العراقية كانوا يخططون لهجوم.", "ASSAULT")
    assert any("قوات الأمن العراقية" in a or a == "country:IQ" for a in actors)


def test_a_state_acted_on_is_a_participant():
    found = _events("وأكد المحتجون رفضهم للتدخل الإيراني.", "REJECT")
    assert found and found[0][1] == ["country:IR"]
    assert "country:IR" in found[0][2].participants


def test_an_aircraft_shot_down_is_force_but_a_toppled_regime_is_not():
    actors, recipients, ev = _event("وأسقطت الدفاعات الجوية الأردنية طائرة مسيرة قادمة من سوريا.", "ASSAULT", None)
    assert ev.mode == "interception"
    assert actors == ["country:JO"]
    actors, _, ev = _event("واعترضت الدفاعات الجوية صاروخين أطلقهما تنظيم أنصار الله.", "ASSAULT", None)
    assert ev.mode == "interception"
    assert not _events("وأسقط البرلمان الحكومة في تصويت على الثقة.", "ASSAULT", None)
    assert not _events("واعترضت روسيا على مشروع القرار الفرنسي.", "ASSAULT", None)
    assert not _events("وأسقطت المحكمة التهم الموجهة إلى الناشط.", "ASSAULT", None)


def test_an_interception_told_with_a_noun_is_done_by_the_party_after_it():
    actors, recipients, _ = _event(
        "وأعلن المتحدث إسقاط قوات الدفاع الجوي الإماراتي صاروخا أطلقته جماعة أنصار الله.", "ASSAULT", None)
    assert actors and "الدفاع الجوي" in actors[0]
    assert any("أنصار الله" in r for r in recipients)


def test_an_evacuation_is_a_retreat():
    actors, _, ev = _event("وأعلنت تركيا إجلاء المقاتلين من بلدة تل رفعت.", "RETREAT")
    assert actors == ["country:TR"]


def test_rockets_or_fire_launched_are_an_attack_but_a_campaign_launched_is_not():
    actors, _, ev = _event("وأطلقت حركة الجهاد الإسلامي عدة صواريخ على مدينة عسقلان.", "ASSAULT", None)
    assert ev.mode == "artillery" and actors and "الجهاد الإسلامي" in actors[0]
    _, recipients, ev = _event("وأطلق مسلحون ملثمون النار على الصحفي سامر الأحمد في الموصل.", "ASSAULT", None)
    assert ev.mode == "armed" and recipients == ["سامر الأحمد"]
    assert not _events("وأطلقت وزارة الصحة حملة للتطعيم ضد الحصبة.", "ASSAULT", None)


def test_each_of_the_states_listed_after_kull_min_acts():
    actors, recipients, _ = _event("وأعلنت كل من مصر، والأردن والمغرب فرض عقوبات على كوريا الشمالية.", "SANCTION")
    assert actors == ["country:EG", "country:JO", "country:MA"]
    assert recipients == ["country:KP"]


def test_control_taken_of_a_place_is_an_offensive_but_control_of_a_fire_is_not():
    actors, _, ev = _event("وسيطرت قوات الحكومة الليبية على مدينة سرت بعد معارك مع التنظيم.", "ASSAULT", None)
    assert ev.mode == "offensive" and ev.location and ev.location["name"] == "سرت"
    assert not _events("وتمكن رجال الدفاع المدني من السيطرة على الحريق في المصنع.", "ASSAULT", None)
    assert not _events("وتسيطر الشركات الكبرى على أسواق الاتصالات.", "ASSAULT", None)


def test_a_state_visited_is_no_visitor():
    actors, recipients, _ = _event(
        "والتقى وزير الخارجية الذي زار الكويت مؤخرا نظيره الأمريكي مايك بومبيو في واشنطن.", "CONSULT")
    assert "country:KW" not in actors
    assert "country:KW" in recipients


def test_a_source_cited_anywhere_in_the_sentence_is_no_party():
    actors, recipients, _ = _event(
        "ونفت الحكومة الأردنية وقوع أي هجوم على الحدود، وفقا لما نقلته وكالة الأنباء الأردنية الرسمية.", "REJECT")
    assert not any("وكالة" in p for p in actors + recipients)
    actors, recipients, _ = _event(
        "وحكمت محكمة في القاهرة على 20 متهما بالسجن، بحسب ما ذكر مصدر قضائي لوكالة رويترز.", "COERCE", None)
    assert not any("رويترز" in p for p in actors + recipients)


def test_acts_done_again_and_again_are_not_merged_into_the_happening():
    doc = analyse("وقصفت الطائرات التركية مواقع لحزب العمال الكردستاني في جبال قنديل مساء الأحد. ومنذ عام 2015، "
                  "قصفت تركيا مرارا مواقع لحزب العمال الكردستاني في شمال العراق.", {"id": "t", "published": "2019-05-02"})
    strikes = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(strikes) == 2


def test_a_capital_between_a_verb_and_its_act_noun_is_its_government():
    actors, recipients, _ = _event("وفرضت أنقرة عقوبات على وزيرين أمريكيين.", "SANCTION")
    assert actors == ["country:TR"]
    assert recipients == ["country:US"]


def test_an_act_weighed_as_a_possibility_is_hypothetical():
    _, _, ev = _event("وقال الوزير إن احتمال فرض الاتحاد الأوروبي عقوبات جديدة على روسيا ما زال قائما.", "SANCTION")
    assert ev.modality == "hypothetical"


def test_a_party_named_in_what_an_accusation_is_about_is_no_recipient():
    _, recipients, _ = _event("واتهمت الحكومة العراقية تركيا بدعم حزب العمال الكردستاني.", "ACCUSE")
    assert recipients == ["country:TR"]
    _, recipients, _ = _event("ودعت فرنسا روسيا إلى الضغط على حركة طالبان.", "REQUEST")
    assert recipients == ["country:RU"]
    _, recipients, _ = _event(
        "وأدانت الجامعة العربية قرار غواتيمالا نقل سفارتها إلى القدس على غرار الولايات المتحدة.", "ACCUSE")
    assert "country:US" not in recipients


def test_a_new_clause_after_a_comma_has_its_own_caller():
    doc = analyse("واتصل الرئيس المصري عبد الفتاح السيسي بالملك الأردني عبد الله الثاني، ليجري بعدها رئيس الوزراء "
                  "العراقي حيدر العبادي اتصالا هاتفيا مع الملك عبد الله الثاني.", {"id": "t"}, RULES_ONLY)
    calls = [([doc.entity(a).name for a in e.actors], e.mode) for e in doc.events if e.type == "CONSULT"]
    assert (["عبد الفتاح السيسي"], "phone") in calls
    assert (["حيدر العبادي"], "phone") in calls


def test_qad_before_a_past_verb_asserts_and_assets_seized_are_a_sanction():
    _, _, ev = _event("وقد نفت الحكومة التونسية هذه الاتهامات.", "REJECT")
    assert ev.modality == "asserted"
    actors, recipients, _ = _event("وأمرت النيابة العامة بالتحفظ على أموال رجل الأعمال سامي العبد.", "SANCTION")
    assert recipients == ["سامي العبد"]


def test_his_country_as_the_subject_of_a_reported_act_is_the_speakers_state():
    actors, recipients, _ = _event(
        "وقال وزير الخارجية الأردني أيمن الصفدي إن بلاده ستتعاون مع الحكومة العراقية في مكافحة الإرهاب.",
        "COOPERATE")
    assert actors == ["country:JO"]
    assert recipients == ["الحكومة العراقية"]


def test_a_formal_complaint_is_an_accusation_and_a_plan_given_up_a_concession():
    actors, recipients, _ = _event("وتقدمت البحرين بشكوى رسمية إلى مجلس الأمن ضد إيران.", "ACCUSE")
    assert actors == ["country:BH"] and "country:IR" in recipients
    actors, _, _ = _event("وأعلنت وزارة الداخلية الفرنسية أنها تخلت عن خطة لترحيل المهاجرين.", "CONCEDE")
    assert actors and "وزارة الداخلية" in actors[0]


def test_the_nisba_of_an_act_noun_acts_though_a_speaker_is_named_before_it():
    actors, recipients, _ = _event(
        "وقال وزير الخارجية الإيراني محمد جواد ظريف إن العقوبات الأميركية على إيران غير قانونية.", "SANCTION")
    assert actors == ["country:US"]
    assert "محمد جواد ظريف" not in recipients


def test_a_state_named_in_a_reported_clause_acts_not_the_speaker():
    actors, _, _ = _event("وقال وزير الخارجية الفلسطيني رياض المالكي إن فرنسا تخلت عن خطتها للسلام.", "CONCEDE")
    assert actors == ["country:FR"]


def test_a_pronoun_far_after_the_complementizer_does_not_make_the_speaker_act():
    actors, _, _ = _event("وقال الوزير الكويتي سامي الحمد إن الانتربول أبلغ الخارجية الخميس بأنه نجح في القبض على "
                          "المتهمين.", "COERCE")
    assert "سامي الحمد" not in actors


def test_each_of_the_parties_after_a_noun_is_acted_on_and_strikes_of_two_sides_stay_two():
    actors, recipients, _ = _event("وناشدت محكمة العدل الدولية كل من إيران والولايات المتحدة الالتزام بالاتفاق.",
                                   "REQUEST")
    assert "country:IR" in recipients and "country:IR" not in actors
    doc = analyse("وأطلقت القوات الإيرانية عشرين صاروخا على مواقع في الجولان، وردت إسرائيل بغارات جوية على مواقع "
                  "إيرانية في سوريا.", {"id": "t"})
    sides = [e.actors for e in doc.events if e.type == "ASSAULT"]
    assert len(sides) == 2 and ["country:IL"] in sides


def test_parties_of_a_temporal_clause_take_no_part_in_the_act_before_it():
    _, recipients, _ = _event("وقتلت القوات الإسرائيلية عشرات الفلسطينيين في غزة في الوقت الذي افتتحت فيه الولايات "
                              "المتحدة سفارتها في القدس.", "ASSAULT", None)
    assert "country:US" not in recipients


def test_a_camp_stormed_is_a_raid_and_the_regime_names_its_state():
    actors, _, ev = _event("واقتحم الجيش الأردني صباح الاثنين بلدة حدودية.", "ASSAULT")
    assert ev.mode == "raid" and actors and "الجيش الأردني" in actors[0]
    _, recipients, _ = _event("واستهدفت الغارات الإسرائيلية مواقع للنظام السوري.", "ASSAULT")
    assert recipients == ["country:SY"]


def test_a_state_aid_is_given_to_receives_it():
    actors, recipients, _ = _event("وأرسلت الكويت مساعدات إنسانية إلى الأردن.", "AID")
    assert actors == ["country:KW"] and recipients == ["country:JO"]
    actors, recipients, _ = _event("وأعلن الاتحاد الأوروبي تخصيص مساعدات عاجلة للصومال.", "AID")
    assert "country:SO" in recipients and "country:SO" not in actors


def test_aviation_as_the_subject_makes_an_attack_aerial_and_a_headline_announcer_is_no_party():
    actors, _, ev = _event("الجيش السوري يعلن أن الطيران الإسرائيلي استهدف مواقع عسكرية قرب دمشق.", "ASSAULT", None)
    assert ev.mode == "aerial" and actors == ["country:IL"]
    assert ev.location and ev.location["name"] == "دمشق"


def test_what_unnamed_people_are_accused_of_names_no_recipient_and_a_detention_renewed_is_coercion():
    _, recipients, _ = _event("واتهمت النيابة العامة الأردنية الشخصين بالتعاون مع جهاز الموساد الإسرائيلي.", "ACCUSE")
    assert not any("الموساد" in r for r in recipients)
    _, recipients, _ = _event("وقررت النيابة تجديد حبس الناشط علاء عبد الفتاح 15 يوما على ذمة التحقيق.", "COERCE")
    assert recipients == ["علاء عبد الفتاح"]
