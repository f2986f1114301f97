"""Quote speakers are the ones the cue names (sentences written for these tests)."""

from marsad.extract.pipeline import analyse


def _speakers(text: str) -> list[tuple[str, str | None, str]]:
    doc = analyse(text, {"id": "q", "published": "2024-02-01"})
    out = []
    for q in doc.quotes:
        e = doc.entity(q.speaker) if q.speaker else None
        out.append((q.cue, e.name if e else None, q.text))
    return out


def test_a_person_named_in_a_relative_clause_is_not_the_speaker():
    said = _speakers("قال المستشار الإعلامي للوزارة التي يرأسها الوزير سالم الكعبي إن القرار نهائي ولا رجعة فيه.")
    assert all(name != "سالم الكعبي" for _, name, _ in said)


def test_a_person_named_inside_the_quotation_is_not_the_speaker():
    said = _speakers('أكد الوزير فهد السالم أن العمل يسير وفق الخطة. '
                     'وقال "التقينا الوزير حمد العلي أمس وبحثنا معه كل الملفات المعلقة".')
    assert ("وقال", "فهد السالم", "التقينا الوزير حمد العلي أمس وبحثنا معه كل الملفات المعلقة") in said


def test_a_speaker_named_by_post_only_is_the_one_who_holds_it():
    said = _speakers("استقبل وزير الخارجية العماني بدر البوسعيدي في مسقط اليوم نظيره الكيني موسى موكوا. "
                     "وقال وزير الخارجية العماني إن البلدين يعملان على توسيع التبادل التجاري.")
    assert ("وقال", "بدر البوسعيدي", "البلدين يعملان على توسيع التبادل التجاري") in said


def test_a_participle_continues_the_subject_of_its_own_sentence():
    said = _speakers("قال المدير سعيد الحمادي إن الموسم كان ناجحا. "
                     "وثمن الوزير خالد الناصر جهود الفريق، مشيرا إلى أن العمل سيستمر طوال الصيف.")
    assert [name for cue, name, _ in said if cue == "مشيرا"] == ["خالد الناصر"]


def test_a_name_in_quotation_marks_is_not_a_quotation():
    said = _speakers("وقال المهندس سامي الحربي لـ«الأنباء» إن المشروع سيكتمل في العام المقبل.")
    assert said == [("وقال", "سامي الحربي", "المشروع سيكتمل في العام المقبل")]


def test_a_name_ending_the_clause_before_a_conjoined_cue_is_not_its_speaker():
    said = _speakers("أكد الوزير فهد السالم أن القرار صدر بتوجيه من الأمير طلال الراشد، "
                     "وقال: «سنبدأ التنفيذ فورا في جميع المناطق».")
    assert all(name == "فهد السالم" for _, name, _ in said)
    assert any("سنبدأ التنفيذ فورا" in text for _, _, text in said)
