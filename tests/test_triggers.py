"""Event triggers: inflections, enclitics, non-event phrases, unnamed actors and the trained detector."""

from __future__ import annotations

import json

from marsad.extract.detector import FORMAT, EventDetector
from marsad.extract.pipeline import PipelineConfig, analyse
from marsad.lexicon import default_lexicon

RULES_ONLY = PipelineConfig().with_settings(event_detector=False)


def _types(text: str, config: PipelineConfig | None = RULES_ONLY) -> list[str]:
    return [e.type for e in analyse(text, {"id": "t", "published": "2024-03-10"}, config).events]


def test_lemmas_expand_to_their_inflections():
    lex = default_lexicon()
    assert {"قتل", "قتلت", "قتلوا"} <= set(lex.trigger_forms("V:قتل"))
    assert {"يقتل", "تقتل", "يقتلون", "سيقتل"} <= set(lex.trigger_forms("I:قتل"))
    assert {"اعتقال", "الاعتقال"} <= set(lex.trigger_forms("N:اعتقال"))
    assert lex.trigger_forms("اعتقالات") == ["اعتقالات"]


def test_a_trigger_with_an_enclitic_pronoun_is_read():
    doc = analyse("وأعلنت الشرطة المصرية اعتقاله في القاهرة.", {"id": "t"}, RULES_ONLY)
    assert [e.type for e in doc.events] == ["COERCE"]


def test_a_word_ending_in_ta_marbuta_is_no_pronoun():
    # «طلبة» (students) is not «طلب» + «ه»
    assert "REQUEST" not in _types("وشارك طلبة الجامعة الأمريكية في الحفل السنوي للجمعية.")


def test_figurative_attack_is_no_assault():
    assert "ASSAULT" not in _types("شنت أحزاب المعارضة هجوما حادا على الحكومة التونسية بسبب الأسعار.")


def test_a_warning_of_danger_is_no_threat_but_a_warning_of_force_is():
    assert "THREATEN" not in _types("حذر وزير الخارجية الفرنسي من خطورة الأوضاع في المنطقة.")
    assert "THREATEN" in _types("حذر وزير الدفاع الروسي من أن قواته سترد على أي هجوم.")


def test_dawn_in_a_time_phrase_is_no_explosion():
    doc = analyse("وصل الوفد التونسي إلى الجزائر فجر اليوم.", {"id": "t", "published": "2024-03-10"}, RULES_ONLY)
    assert all(e.mode != "explosives" for e in doc.events)


def test_an_explosion_without_a_named_perpetrator_is_an_assault():
    doc = analyse("انفجرت سيارة مفخخة في سوق شعبي ببغداد أمس ما أسفر عن مقتل ستة أشخاص.",
                  {"id": "t", "published": "2024-03-10"}, RULES_ONLY)
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].actors == []
    assert assaults[0].modality == "asserted"  # «سيارة» starts like a future verb but is none


def test_a_verbal_noun_after_a_topic_noun_is_no_event():
    assert "COERCE" not in _types("وناقش الوزيران أهمية مداهمة أوكار المهربين على الحدود المشتركة.")


def _model(tmp_path, weights: dict, thresholds: dict):
    (tmp_path / "weights.json").write_text(json.dumps(weights), encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"format": FORMAT, "thresholds": thresholds}), encoding="utf-8")
    return EventDetector.from_dir(tmp_path)


def test_detector_scores_shared_and_own_weights(tmp_path):
    det = _model(tmp_path, {"*": {"bias": -1.0}, "ASSAULT": {"digits": 3.0}}, {"ASSAULT": 0.5})
    assert det.covers("ASSAULT") and not det.covers("CONSULT") and not det.covers("*")
    assert det.accepts("ASSAULT", ["bias", "digits"])
    assert not det.accepts("ASSAULT", ["bias"])
    assert det.accepts("CONSULT", [])


def test_a_detector_can_veto_an_unnamed_assault(tmp_path):
    det_dir = tmp_path / "never"
    det_dir.mkdir()
    _model(det_dir, {"*": {"bias": -10.0}, "ASSAULT": {}}, {"ASSAULT": 0.5})
    text = "انفجرت سيارة مفخخة في سوق شعبي ببغداد أمس ما أسفر عن مقتل ستة أشخاص."
    assert "ASSAULT" in _types(text)
    assert "ASSAULT" not in _types(text, PipelineConfig().with_settings(event_detector=str(det_dir)))


def test_shipped_detector_records_its_training():
    from marsad.extract.detector import shipped_detector

    det = shipped_detector()
    assert det is not None
    assert set(det.meta["types"]) == {"ASSAULT", "PROTEST"}
    assert det.meta["training_data"]["ASSAULT"]["file"].endswith("assault-dev.jsonl")
    assert 0 < det.thresholds["ASSAULT"] < 1


def test_an_act_in_a_condition_is_hypothetical():
    doc = analyse("وقال الوزير إنه إذا هاجمت القوات التركية المدينة فإن الجيش سيرد بقوة.", {"id": "t"}, RULES_ONLY)
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert assaults and all(e.modality == "hypothetical" for e in assaults)


def test_what_a_threat_threatens_has_not_happened():
    doc = analyse("هدد التنظيم بإعدام الرهينة الفرنسي خلال أيام.", {"id": "t"}, RULES_ONLY)
    assert [e.modality for e in doc.events if e.type == "ASSAULT"] == ["hypothetical"]


def test_a_support_verb_folds_into_its_noun():
    doc = analyse("شنت الطائرات الحربية الروسية غارات عنيفة على مواقع المعارضة في إدلب.", {"id": "t"}, RULES_ONLY)
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].mode == "aerial"


def test_protesters_as_object_are_no_protest():
    assert "PROTEST" not in _types("فرقت قوات الأمن المتظاهرين بالغاز المسيل للدموع في وسط العاصمة.")
    assert "PROTEST" in _types("وتجمع المتظاهرون أمام مبنى البرلمان رافعين لافتات تندد بالغلاء.")


def test_a_verbal_noun_has_its_genitive_acted_on_and_its_agent_after_min_qibal():
    doc = analyse("أعلنت وزارة الداخلية اعتقال محمد سعيد العلي من قبل قوات الأمن العراقية في البصرة.",
                  {"id": "t"}, RULES_ONLY)
    ev = next(e for e in doc.events if e.type == "COERCE")
    names = {p: doc.entity(p).name for p in ev.actors + ev.recipients if doc.entity(p)}
    assert any("محمد سعيد العلي" in names.get(r, "") for r in ev.recipients)
    assert not any("محمد سعيد العلي" in names.get(a, "") for a in ev.actors)


def test_the_source_a_report_is_credited_to_takes_no_part():
    doc = analyse("اعتقلت الشرطة التركية خمسة أشخاص في إسطنبول بحسب وكالة رويترز.", {"id": "t"}, RULES_ONLY)
    ev = next(e for e in doc.events if e.type == "COERCE")
    names = [doc.entity(p).name for p in ev.participants if doc.entity(p)]
    assert not any("رويترز" in n for n in names)


def test_falling_into_is_no_signature():
    assert "AGREE" not in _types("وقعت الحكومة اليمنية في أزمة مالية خانقة بعد توقف صادرات النفط.")
    assert "AGREE" in _types("وقعت الحكومة اليمنية اتفاقية مع البنك الدولي لتمويل مشاريع المياه.")


def test_an_act_dated_after_publication_is_planned():
    doc = analyse("يزور وزير الخارجية المغربي ناصر بوريطة القاهرة يوم الاثنين المقبل لبحث العلاقات الثنائية.",
                  {"id": "t", "published": "2024-03-06"}, RULES_ONLY)
    visits = [e for e in doc.events if e.type == "CONSULT"]
    assert visits and visits[0].date and visits[0].date["value"] > "2024-03-06"
    assert visits[0].modality == "planned"


def test_one_actor_meeting_guests_of_three_states_is_three_meetings():
    text = ("والتقى وزير الخارجية الفرنسي جان نويل بارو على هامش المؤتمر وزير الخارجية المصري بدر عبد العاطي، "
            "ووزير الخارجية الأردني أيمن الصفدي، ووزير الخارجية التركي هاكان فيدان.")
    doc = analyse(text, {"id": "t", "published": "2024-03-06"}, RULES_ONLY)
    meetings = [e for e in doc.events if e.type == "CONSULT"]
    assert len(meetings) == 3
    assert len({tuple(e.actors) for e in meetings}) == 1
    assert len({tuple(e.recipients) for e in meetings}) == 3


def test_a_count_after_the_verb_is_what_it_was_done_to():
    doc = analyse("اعتقل 12 شخصا في مدينة الموصل بحسب مصادر أمنية.", {"id": "t"}, RULES_ONLY)
    ev = next(e for e in doc.events if e.type == "COERCE")
    assert ev.actors == []


def test_the_place_of_a_post_abroad_is_no_place_of_the_event():
    doc = analyse("وقال الملحق العسكري السعودي في واشنطن إن التحالف شن غارات على مواقع الحوثيين.",
                  {"id": "t"}, RULES_ONLY)
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert not ev.location or "واشنطن" not in ev.location["name"]


def test_a_hospital_receiving_the_wounded_is_no_meeting():
    text = "وقال مدير المستشفى أحمد سالم إن المستشفى استقبل خلال الأسبوع الماضي جثث 12 قتيلا."
    assert "CONSULT" not in _types(text)


def test_a_state_named_as_subject_acts_and_one_named_as_object_is_acted_on():
    doc = analyse("قصفت إسرائيل مواقع لحركة حماس في قطاع غزة فجر اليوم.", {"id": "t", "published": "2024-03-06"},
                  RULES_ONLY)
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.actors == ["country:IL"]
    doc = analyse("واتهم وزير الخارجية المصري تركيا بدعم الميليشيات في ليبيا.", {"id": "t"}, RULES_ONLY)
    ev = next(e for e in doc.events if e.type == "ACCUSE")
    assert "country:TR" in ev.recipients and "country:LY" not in ev.actors + ev.recipients


def test_took_place_is_no_signature():
    assert "AGREE" not in _types("ووقعت اشتباكات بين قوات الأمن ومحتجين وسط العاصمة.")
    assert "AGREE" not in _types("وقال المتحدث إن الهجوم وقع يوم السبت قرب الحدود.")
    assert "AGREE" not in _types("ووقعت مناوشات مع الشرطة أمام مبنى البرلمان في عمان.")
    assert "AGREE" in _types("ووقعت مصر وليبيا اتفاقية للتعاون الأمني في القاهرة.")


def test_an_aim_or_a_hesitation_is_no_deed():
    # (an aim to drive fighters out is no expulsion at all: tests/test_no_event.py)
    doc = analyse("وشنت تركيا غارات جوية بهدف اعتقال المسلحين في عفرين.", {"id": "t"}, RULES_ONLY)
    assert {e.type: e.modality for e in doc.events}.get("COERCE") == "hypothetical"
    assert {e.type: e.modality for e in doc.events}.get("ASSAULT") == "asserted"
    doc = analyse("فلم يتردد الحكم في طرده من المباراة.", {"id": "t"}, RULES_ONLY)
    assert all(e.modality == "asserted" for e in doc.events if e.type == "COERCE")


def test_an_assassination_attempt_is_an_attack():
    doc = analyse("ونجا محافظ البصرة من محاولة اغتيال بتفجير انتحاري استهدف موكبه.", {"id": "t"}, RULES_ONLY)
    assert any(e.type == "ASSAULT" and e.modality == "asserted" for e in doc.events)


def test_professing_a_faith_is_no_condemnation():
    assert "ACCUSE" not in _types("ويتحدث أفراد الطائفة اللغة العربية ويدينون بالإسلام منذ قرون.")
    assert "ACCUSE" in _types("وتدين مصر بشدة الهجوم الإرهابي على الكنيسة في طنطا.")


def test_a_denied_meeting_is_a_negated_planned_event():
    doc = analyse("نفت وزارة الخارجية المغربية ما تداولته وسائل إعلام بشأن لقاء مرتقب بين وزير الخارجية المغربي "
                  "ناصر بوريطة ومسؤولين إسرائيليين في الرباط.", {"id": "t", "published": "2022-06-20"}, RULES_ONLY)
    meeting = next(e for e in doc.events if e.type == "CONSULT")
    assert meeting.negated and meeting.modality == "planned"
    assert "country:IL" in meeting.participants
    assert "CONSULT" not in _types("وأكد الوزير أهمية التنسيق بشأن لقاء القادة.")


def test_an_imminent_act_is_planned():
    """«وشيك» (imminent) marks a coming act, right after its noun or after a nisba that qualifies it too; an
    adjective agrees with its noun in definiteness (a possessive pronoun makes the noun definite), so a predicate
    («أن يكون الهجوم وشيكا») or a nisba that is a noun («اعتقال الفلسطيني المنتظر») makes nothing planned; a
    condition stays hypothetical; «وشيكاغو» (and Chicago) is no such word."""
    def modality(text: str, event_type: str) -> str:
        doc = analyse(text, {"id": "t", "published": "2018-05-29"}, RULES_ONLY)
        return next(e.modality for e in doc.events if e.type == event_type)

    assert modality("وقالت مصادر إن قوات النظام تستعد لعملية عسكرية وشيكة في درعا جنوبي البلاد.", "ASSAULT") == "planned"
    assert modality("وتراجعت صادرات النفط الإيرانية قبل عقوبات أميركية وشيكة على طهران.", "SANCTION") == "planned"
    assert modality("وأعلن الطرفان عن لقاء مصري مرتقب بين الرئيسين.", "CONSULT") == "planned"
    assert modality("وقال ترامب إن لقاءه المرتقب مع الزعيم الكوري الشمالي كيم جونغ أون سيكون ناجحا.",
                    "CONSULT") == "planned"
    assert modality("ويشترط القانون الدولي للدفاع عن النفس أن يكون الهجوم وشيكا.", "ASSAULT") == "asserted"
    assert modality("وأكد الجيش اعتقال الفلسطيني المنتظر على الحاجز أمس.", "COERCE") == "asserted"
    assert modality("وقال المسؤول إنه إذا وقع هجوم وشيك على القاعدة فسترد القوات فورا.", "ASSAULT") == "hypothetical"
    assert modality("وشنت الطائرات هجوما وشيكاغو تراقب.", "ASSAULT") == "asserted"
    assert modality("وشنت قوات النظام عملية عسكرية في درعا جنوبي البلاد.", "ASSAULT") == "asserted"


def test_a_cancelled_act_is_negated():
    doc = analyse("وألغى الرئيس المصري عبد الفتاح السيسي زيارته إلى الخرطوم.", {"id": "t"}, RULES_ONLY)
    visit = next(e for e in doc.events if e.type == "CONSULT")
    assert visit.negated
    doc = analyse("وزار الرئيس المصري عبد الفتاح السيسي الخرطوم.", {"id": "t"}, RULES_ONLY)
    assert not next(e for e in doc.events if e.type == "CONSULT").negated


def test_air_strikes_are_not_put_to_the_plover_assault_detector():
    # PLOVER codes conventional military force as FIGHT; Marsad reports it as ASSAULT with its mode, and the
    # detector trained on PLOVER's narrower ASSAULT does not get to reject it
    text = ("وقال متحدث عسكري إن سلاح الجو التابع للحكومة نفذ ضربة جوية على مواقع يتحصن فيها مقاتلو تنظيم داعش "
            "جنوب المدينة.")
    events = analyse(text, {"id": "t", "published": "2024-03-10"}).events
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "aerial")]


def test_figurative_and_sporting_blows_are_no_strikes():
    assert _types("وسددت الأجهزة الأمنية ضربات قاصمة للخلايا الإرهابية خلال العام.") == []
    assert _types("وحسم المنتخب المباراة بفوزه في ضربات الترجيح على ملعب القاهرة.") == []


def test_a_blast_and_an_air_strike_told_apart_stay_two_events():
    text = ("قتل سبعة أشخاص في انفجار سيارة مفخخة تبناه تنظيم داعش في مدينة درنة. "
            "وقال مسؤول إن سلاح الجو الليبي شن غارات جوية على مواقع لتنظيم داعش قرب المدينة.")
    events = analyse(text, {"id": "t", "published": "2024-03-10"}).events
    assert sorted(e.mode for e in events if e.type == "ASSAULT") == ["aerial", "explosives"]


def test_a_circumstantial_participle_adds_an_act_of_the_main_subject():
    doc = analyse("وكتب رئيس الوزراء القطري السابق حمد بن جاسم في تغريدة، داعيا الشعب الأردني إلى الوثوق "
                  "بالملك عبد الله الثاني.", {"id": "t"}, RULES_ONLY)
    request = next(e for e in doc.events if e.type == "REQUEST")
    assert [doc.entity(a).name for a in request.actors] == ["حمد بن جاسم"]


def test_counted_defendants_are_no_accusation_and_a_court_sentence_is_coercion():
    doc = analyse("قضت محكمة جنايات القاهرة بالسجن المؤبد على 16 متهما في قضية خلية إرهابية.", {"id": "t"}, RULES_ONLY)
    assert [(e.type, e.mode) for e in doc.events] == [("COERCE", "sentence")]
    assert _types("ويعاقب بالسجن مدة لا تقل عن خمس سنوات كل من ارتكب فعلا من هذه الأفعال.") == []


def test_a_prayer_is_no_request():
    assert _types("وقدم الأمير التهنئة للمرضى، داعيا الله أن يمن عليهم بالشفاء.") == []


def test_an_offensive_and_its_aim_are_one_event_whose_target_is_acted_on():
    doc = analyse("أطلق الجيش العراقي عملية عسكرية واسعة لتحرير مدينة تلعفر من تنظيم داعش.", {"id": "t"})
    offensives = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(offensives) == 1 and offensives[0].mode == "offensive"
    doc = analyse("وتمكنت القوات من تحرير مدينة الرمادي من قبضة تنظيم داعش.", {"id": "t"})
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert not ev.actors and [doc.entity(r).name for r in ev.recipients] == ["تنظيم داعش"]


def test_a_warning_is_a_threat_only_when_force_or_punishment_follows():
    assert _types("وحذر قائد الجيش من أن التآمر على المؤسسة العسكرية لن يجدي نفعا.") == []
    types = _types("وحذر وزير الدفاع من أن قوات الطرف الآخر ستكون هدفا مشروعا إذا تقدمت.")
    assert "THREATEN" in types


def test_waqa_signs_only_with_a_signed_thing_near():
    assert _types("وأشار إلى الاضطرابات التي وقعت عام 2011 في المدينة.") == []
    assert _types("إذا وقع صاروخ ما على مطار سعودي فإن الرد سيكون قاسيا.") == []
    doc = analyse("ووقع وزير الخارجية المصري سامح شكري ونظيره الأردني أيمن الصفدي اتفاقية للتعاون الأمني.",
                  {"id": "t"}, RULES_ONLY)
    assert [e.type for e in doc.events] == ["AGREE"]


def test_a_strike_named_as_what_is_commented_on_is_no_new_strike_by_the_commenter():
    # the rules' roles (the trained role model leaves this critic out, a known error of it: docs/events.md)
    doc = analyse("وعلق المغني الأمريكي جون ليجند على الغارة في تغريدة، منتقدا الولايات المتحدة الأمريكية.",
                  {"id": "t"}, PipelineConfig().with_settings(role_model=False))
    assert [(e.type, [doc.entity(a).name if doc.entity(a) else a for a in e.actors]) for e in doc.events] == [
        ("ACCUSE", ["جون ليجند"])]


def test_a_ballistic_missile_fired_is_an_attack_by_whoever_fired_it_and_a_test_is_none():
    doc = analyse("وقال المتحدث باسم التحالف إن الدفاعات الجوية السعودية اعترضت صاروخا باليستيا أطلقته ميليشيا "
                  "الحوثي باتجاه مدينة جازان.", {"id": "t"})
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.mode == "artillery" and [doc.entity(a).name for a in ev.actors] == ["ميليشيا الحوثي"]
    assert _types("وكانت كوريا الشمالية قد اختبرت صاروخا باليستيا جديدا الشهر الماضي.") == []


def test_an_agreement_reached_with_the_parties_between_verb_and_noun():
    doc = analyse("توصلت الحكومة اليمنية والحوثيون إلى اتفاق بشأن تبادل الأسرى.", {"id": "t"}, RULES_ONLY)
    agree = [e for e in doc.events if e.type == "AGREE"]
    assert len(agree) == 1
    names = {doc.entity(a).name for a in agree[0].actors if doc.entity(a)}
    assert {"الحكومة اليمنية", "الحوثيون"} <= names
    # «إلى اتفاق» without the support verb is no agreement; the verb alone reaches nothing
    doc = analyse("دعا الأمين العام للأمم المتحدة إلى اتفاق شامل لوقف القتال.", {"id": "t"}, RULES_ONLY)
    assert not [e for e in doc.events if e.type == "AGREE"]
    doc = analyse("وتوصلت لجنة التحقيق إلى نتائج أولية.", {"id": "t"}, RULES_ONLY)
    assert not [e for e in doc.events if e.type == "AGREE"]
