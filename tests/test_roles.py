"""Who did what to whom: actor and recipient of an event from the clause, not from the nearest name."""

from __future__ import annotations

from marsad.extract.pipeline import PipelineConfig, analyse

# the rules alone: neither the trained event detector nor the trained role model (tests/test_role_model.py)
RULES_ONLY = PipelineConfig().with_settings(event_detector=False, role_model=False)


def _event(text: str, typ: str):
    doc = analyse(text, {"id": "t", "published": "2019-05-02"}, RULES_ONLY)
    ev = next(e for e in doc.events if e.type == typ)

    def names(ids: list[str]) -> list[str]:
        return [doc.entity(i).name if doc.entity(i) else i for i in ids]

    return names(ev.actors), names(ev.recipients)


def test_the_nisba_of_an_act_names_the_state_that_acts():
    actors, recipients = _event("قصف إسرائيلي استهدف مقرا تابعا لحركة الجهاد الإسلامي شرق خان يونس.", "ASSAULT")
    assert actors == ["country:IL"]
    assert any("الجهاد الإسلامي" in r for r in recipients)
    actors, _ = _event("وأسفرت غارات جوية روسية على ريف إدلب عن دمار كبير.", "ASSAULT")
    assert actors == ["country:RU"]


def test_a_financial_fine_is_no_malian_one():
    doc = analyse("وفرضت الولايات المتحدة عقوبات مالية على شركات صينية.", {"id": "t"}, RULES_ONLY)
    ev = next(e for e in doc.events if e.type == "SANCTION")
    assert ev.actors == ["country:US"]
    assert "country:ML" not in ev.participants


def test_arms_with_a_nisba_stand_for_their_state():
    actors, recipients = _event("صواريخ إسرائيلية قصفت موقعا عسكريا قرب مطار المزة.", "ASSAULT")
    assert actors == ["country:IL"]


def test_an_organisation_in_a_persons_post_is_no_party():
    actors, recipients = _event(
        "واتهم المندوب الفرنسي لدى الأمم المتحدة فرانسوا دولاتر روسيا بعرقلة مشروع القرار.", "ACCUSE")
    assert actors == ["فرانسوا دولاتر"]
    assert "الأمم المتحدة" not in actors + recipients
    assert "country:RU" in recipients


def test_who_reports_an_attack_did_not_carry_it_out():
    actors, recipients = _event(
        "وقال المرصد السوري لحقوق الإنسان إن سبعة مدنيين قتلوا في قصف استهدف سوقا شعبية في مدينة أريحا.",
        "ASSAULT")
    assert not any("المرصد" in a for a in actors + recipients)


def test_who_reports_his_own_forces_attack_keeps_it():
    actors, recipients = _event("وأعلنت وزارة الدفاع التركية أن طائراتها قصفت مواقع لحزب العمال الكردستاني.",
                                "ASSAULT")
    assert actors and "الدفاع التركية" in actors[0]
    assert any("حزب العمال" in r for r in recipients)


def test_a_person_named_after_a_killing_verb_was_killed():
    actors, recipients = _event("قتل الصحفي سامر العبيدي بإطلاق نار أمام منزله في الموصل.", "ASSAULT")
    assert actors == []
    assert any("سامر العبيدي" in r for r in recipients)


def test_an_unnamed_subject_leaves_the_named_object_acted_on():
    actors, recipients = _event("هاجم مسلحون مجهولون مقرا لحزب المؤتمر في مدينة تعز.", "ASSAULT")
    assert actors == []
    assert any("حزب المؤتمر" in r for r in recipients)


def test_some_of_a_named_group_act_for_it():
    actors, _ = _event("قتل مسلحون من تنظيم داعش عشرة جنود في هجوم على قاعدة عسكرية.", "ASSAULT")
    assert any("داعش" in a for a in actors)


def test_a_count_of_victims_is_no_subject():
    actors, recipients = _event("وقتل أربعة من جنود البحرية الأمريكية في الهجوم على مركز التجنيد.", "ASSAULT")
    assert "country:US" not in actors


def test_the_nisba_after_an_unnamed_subject_names_the_acting_state():
    actors, recipients = _event("واتهم مسؤولون أمريكيون روسيا بالتدخل في الانتخابات.", "ACCUSE")
    assert actors == ["country:US"]
    assert recipients == ["country:RU"]


def test_a_body_of_a_state_described_by_adjectives_still_acts():
    actors, recipients = _event("أحبطت الأجهزة الأمنية المصرية محاولة تسلل 40 شخصا إلى الأراضي الليبية.", "COERCE")
    assert actors == ["country:EG"]


def test_the_one_a_relative_verb_names_carried_out_the_act():
    actors, _ = _event("قتل نحو 20 قرويا في هجمات نفذتها جماعة بوكو حرام في شمال شرق نيجيريا.", "ASSAULT")
    assert any("بوكو حرام" in a for a in actors)


def test_a_verb_whose_subject_is_the_act_hits_what_follows():
    actors, recipients = _event("هجوم انتحاري استهدف مقر الأمن الوطني في بنغازي وأسفر عن مقتل ثلاثة.", "ASSAULT")
    assert not any("الأمن الوطني" in a for a in actors)


def test_unnamed_people_as_subject_leave_the_named_party_accused():
    actors, recipients = _event("ويتهم سكان محليون الحكومة العراقية بالفساد وسوء الخدمات.", "ACCUSE")
    assert actors == []
    assert any("الحكومة العراقية" in r for r in recipients)
    actors, recipients = _event("ويطالب متظاهرون بإقالة وزير الداخلية سمير الحداد.", "REQUEST")
    assert not any("سمير الحداد" in a for a in actors)


def test_an_organisation_after_a_lam_in_a_title_is_part_of_it():
    actors, _ = _event("وطالب الأمين العام للأمم المتحدة أنطونيو غوتيريش الأطراف المتحاربة بوقف القتال.", "REQUEST")
    assert actors == ["أنطونيو غوتيريش"]


def test_the_dateline_is_no_party():
    doc = analyse("دبي، الإمارات العربية المتحدة (CNN) – توعد الرئيس الأمريكي دونالد ترامب، الأربعاء، باستهداف سوريا "
                  "بصواريخ جديدة.", {"id": "t", "published": "2018-04-11"}, RULES_ONLY)
    ev = next(e for e in doc.events if e.type == "THREATEN")
    assert "country:AE" not in ev.participants
    assert [doc.entity(a).name for a in ev.actors if doc.entity(a)] == ["دونالد ترامب"]


def test_a_country_in_a_persons_post_is_no_party():
    actors, recipients = _event("من جهة أخرى طالبت سفيرة فلسطين لدى هولندا، روان أبو يوسف، المحكمة الجنائية الدولية "
                                "بحماية الأسرى.", "REQUEST")
    assert "country:NL" not in actors + recipients


def test_a_ministry_named_by_its_short_form_acts_for_its_state():
    actors, recipients = _event("دانت الخارجية المصرية الاحتلال التركي لمدينة عفرين السورية.", "ACCUSE")
    assert actors == ["country:EG"]
    assert "country:TR" in recipients


def test_a_circumstantial_participle_acts_for_the_main_subject():
    doc = analyse("وانتقدت الإمارات تصريحات الوزير، مطالبة لبنان بالاعتذار.", {"id": "t"}, RULES_ONLY)
    ev = next(e for e in doc.events if e.type == "REQUEST")
    assert ev.actors == ["country:AE"] and ev.recipients == ["country:LB"]
    assert "country:AE" in ev.participants


def test_who_reports_a_death_did_not_kill():
    actors, _ = _event("وأكد المرصد السوري لحقوق الإنسان مقتل عشرين مدنيا في غارات على إدلب.", "ASSAULT")
    assert not any("المرصد" in a for a in actors)
    actors, recipients = _event("وأعلنت وزارة الصحة الفلسطينية مقتل ثلاثة فلسطينيين برصاص الجيش الإسرائيلي في غزة.",
                                "ASSAULT")
    assert any("الجيش الإسرائيلي" in a for a in actors)
    assert not any("وزارة الصحة" in r for r in recipients)


def test_a_party_after_a_preposition_is_acted_on():
    actors, recipients = _event("وفرضت الدول الأربع عقوبات على قطر بسبب دعمها للإرهاب.", "SANCTION")
    assert actors == [] and recipients == ["country:QA"]
    actors, recipients = _event("في تحد جديد للكونغرس، رفض الرئيس الأمريكي باراك أوباما مطالب أعضائه بالتمهل.", "REJECT")
    assert actors == ["باراك أوباما"]


def test_who_is_trained_follows_training():
    actors, recipients = _event("وتتولى مصر تدريب قوات الأمن الليبية في أكاديمية الشرطة.", "AID")
    assert actors == ["country:EG"]
    assert any("قوات الأمن الليبية" in r for r in recipients)


def test_a_later_verb_keeps_the_subject_of_its_reported_clause():
    actors, recipients = _event("أشاد رئيس الوزراء الأردني هاني الملقي بجهود الشرطة، وذكر بيان للحكومة أن الملقي بحث مع "
                                "وزير الخارجية المصري سامح شكري سبل التعاون بين البلدين.", "CONSULT")
    assert actors == ["هاني الملقي"]
    assert "سامح شكري" in recipients


def test_states_listed_after_a_place_preposition_are_places_not_parties():
    actors, recipients = _event("وندد الرئيس الأمريكي دونالد ترامب بتورط إيران في سوريا واليمن والعراق.", "ACCUSE")
    assert actors == ["دونالد ترامب"]
    assert recipients == ["country:IR"]


def test_states_whose_nisbas_are_joined_act_together():
    actors, recipients = _event("شنت طائرات حربية أمريكية وبريطانية غارات جوية على مواقع لجماعة الحوثي في صنعاء.",
                                "ASSAULT")
    assert actors == ["country:US", "country:GB"]
    assert "country:GB" not in recipients


def test_the_one_named_after_bitalab_min_asks():
    actors, recipients = _event("ويعقد مجلس الأمن الدولي بطلب من روسيا اجتماعا طارئا السبت.", "REQUEST")
    assert actors == ["country:RU"] and recipients == ["مجلس الأمن الدولي"]


def test_not_only_but_also_asserts_the_first_act():
    doc = analyse("ولا يندد الرئيس الأمريكي دونالد ترامب بتورط إيران في سوريا فحسب وإنما ينتقد الاتفاق النووي.",
                  {"id": "t"}, RULES_ONLY)
    assert [e.negated for e in doc.events if e.type == "ACCUSE"] == [False]
    doc = analyse("ولم يندد الرئيس الأمريكي دونالد ترامب بالهجوم.", {"id": "t"}, RULES_ONLY)
    assert [e.negated for e in doc.events if e.type == "ACCUSE"] == [True]


def test_parties_listed_with_the_actor_act_with_it():
    actors, recipients = _event("وقطعت السعودية والإمارات والبحرين ومصر علاقاتها مع قطر، فارضة عليها عقوبات اقتصادية.",
                                "SANCTION")
    assert actors == ["country:SA", "country:AE", "country:BH", "country:EG"] and recipients == ["country:QA"]
    actors, _ = _event("وأدان الرئيس المصري عبد الفتاح السيسي والعاهل الأردني الملك عبد الله الثاني الهجوم الإرهابي.",
                       "ACCUSE")
    assert actors == ["عبد الفتاح السيسي", "عبد الله الثاني"]
    actors, recipients = _event("واتهم المشير خليفة حفتر تركيا وقطر بدعم الإرهاب.", "ACCUSE")
    assert actors == ["خليفة حفتر"] and recipients == ["country:TR", "country:QA"]


def test_a_clause_an_agency_reports_is_not_the_agencys_act():
    doc = analyse("وذكرت وكالة الأناضول للأنباء أن الشرطة اعتقلت المهاجم في إسطنبول.", {"id": "t"}, RULES_ONLY)
    arrest = next(e for e in doc.events if e.type == "COERCE")
    assert arrest.actors == []


def test_the_nisba_of_a_stance_noun_takes_the_stance():
    actors, _ = _event("وأثارت الحملة انتقادات كندية حادة للسعودية.", "ACCUSE")
    assert actors == ["country:CA"]
    actors, recipients = _event("وما تزال قضايا عالقة بما في ذلك اتهامات تلاحق إيران بأنشطة عسكرية.", "ACCUSE")
    assert actors == [] and recipients == ["country:IR"]


def test_the_weapon_of_an_act_is_no_second_act_and_gives_its_mode():
    doc = analyse("وتقصف القوات الحكومية منذ أيام بالقذائف والصواريخ مواقع تنظيم داعش.", {"id": "t"}, RULES_ONLY)
    strikes = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(strikes) == 1 and strikes[0].mode == "artillery" and strikes[0].actors == []


def test_deaths_tied_to_the_clash_that_caused_them_are_one_event():
    doc = analyse("وأعلن التحالف مقتل عشرة من الحوثيين خلال مواجهات مع قوات الجيش اليمني في صعدة.", {"id": "t"},
                  RULES_ONLY)
    assert len([e for e in doc.events if e.type == "ASSAULT"]) == 1


def test_unnamed_officials_as_subject_leave_the_named_one_acted_on():
    actors, recipients = _event("وندد الوزراء بقرار الرئيس الأمريكي دونالد ترامب نقل السفارة.", "ACCUSE")
    assert actors == [] and recipients == ["دونالد ترامب"]
    actors, _ = _event("وندد وزراء خارجية مصر والأردن بالهجوم على الكنيسة.", "ACCUSE")
    assert actors == ["country:EG", "country:JO"]


def test_a_plural_verb_carries_its_subject_so_the_party_after_it_is_acted_on():
    actors, recipients = _event("وخرج المحتجون إلى الشوارع واتهموا الحكومة العراقية بالتقصير.", "ACCUSE")
    assert actors == [] and recipients == ["الحكومة العراقية"]
    actors, recipients = _event("واجتمع الوزراء العرب في الرياض ودانوا العملية التركية في شمال سوريا.", "ACCUSE")
    assert actors == [] and recipients == ["country:TR"]


def test_a_first_person_verb_leaves_the_party_after_it_acted_with():
    actors, recipients = _event("وقالت رئيسة الوزراء البريطانية تيريزا ماي للصحفيين: سنتعاون مع الرئيس رجب طيب أردوغان "
                                "في مكافحة الإرهاب.", "COOPERATE")
    assert actors == ["تيريزا ماي"] and recipients == ["رجب طيب أردوغان"]
