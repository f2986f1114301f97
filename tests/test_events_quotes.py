"""Events and quotes on articles written for these tests."""

from marsad.extract.pipeline import PipelineConfig, analyse

MEETING = """وزير الخارجية الأردني يلتقي نظيره العراقي في عمان

استقبل وزير الخارجية الأردني أيمن الصفدي، اليوم الخميس، نظيره العراقي فؤاد حسين في عمان، وبحث الجانبان تعزيز التعاون في ضبط الحدود ومكافحة تهريب المخدرات.
وقال الصفدي إن "أمن العراق جزء من أمن الأردن".
وأضاف أن اللقاء تناول تبادل المعلومات بشأن شبكات التهريب.
وتناول اللقاء أيضا ملف اللاجئين.
ومن المقرر أن يزور حسين الرياض الأسبوع المقبل.
ونفى مصدر مطلع وجود أي خلاف بين البلدين.
واتهم الصفدي جماعات مسلحة بتهريب الأسلحة عبر الحدود."""


def _doc():
    return analyse(MEETING, {"id": "m", "published": "2024-03-14"})


def _name(doc, ref):
    e = doc.entity(ref)
    return e.name if e else ref


def test_one_meeting_with_both_ministers_date_place_and_contexts():
    doc = _doc()
    consult = [e for e in doc.events if e.type == "CONSULT" and e.modality == "asserted"]
    assert len(consult) == 1
    ev = consult[0]
    names = {_name(doc, p) for p in ev.participants}
    assert {"أيمن الصفدي", "فؤاد حسين"} <= names
    assert ev.date == {"value": "2024-03-14", "precision": "day", "text": "اليوم الخميس"}
    assert ev.location and ev.location["name"] == "عمان"
    assert {"border_security", "smuggling", "migration"} <= set(ev.contexts)
    # the two sides act and receive, named as persons or as their states (the role model may choose either: the
    # headline names only the states' ministers); the rules alone follow «استقبل»: the host receives
    sides = {(doc.entity(r).country if doc.entity(r) else r.removeprefix("country:")) for r in ev.actors + ev.recipients}
    assert sides == {"JO", "IQ"} and ev.actors and ev.recipients
    rules = analyse(MEETING, {"id": "m", "published": "2024-03-14"},
                    PipelineConfig().with_settings(role_model=False))
    meeting = next(e for e in rules.events if e.type == "CONSULT" and e.modality == "asserted")
    assert _name(rules, meeting.recipients[0]) == "أيمن الصفدي"
    assert len(ev.mentions) >= 2  # the anaphoric «اللقاء» joined it


def test_planned_visit_and_accusation():
    doc = _doc()
    planned = [e for e in doc.events if e.modality == "planned"]
    assert planned and planned[0].type == "CONSULT" and planned[0].date["value"] == "2024-03-21"
    accuse = [e for e in doc.events if e.type == "ACCUSE"]
    assert accuse and _name(doc, accuse[0].actors[0]) == "أيمن الصفدي"


def test_quotes_speakers_continuation_and_anonymous_source():
    doc = _doc()
    by_cue = {q.cue: q for q in doc.quotes}
    assert _name(doc, by_cue["وقال"].speaker) == "أيمن الصفدي"
    assert by_cue["وقال"].direct and by_cue["وقال"].text == "أمن العراق جزء من أمن الأردن"
    assert _name(doc, by_cue["وأضاف"].speaker) == "أيمن الصفدي"
    anon = by_cue["ونفى"]
    assert anon.speaker is None and anon.speaker_text.startswith("مصدر مطلع")
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text


def test_negation_and_hypothesis():
    doc = analyse("قال الوزير محمد علي إن الحكومة لم تلتق وفد المعارضة. وأضاف أن الجيش قد يشن غارات على مواقع "
                  "تنظيم داعش في سوريا.", {"id": "n", "published": "2022-01-01"})
    types = {(e.type, e.negated, e.modality) for e in doc.events}
    assert ("ASSAULT", False, "hypothetical") in types


def test_airstrike_event_with_attacker_and_target():
    doc = analyse("شنت طائرات حربية أمريكية غارات جوية على مواقع لتنظيم داعش في مدينة الرقة السورية أمس.",
                  {"id": "a", "published": "2017-05-02"})
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.mode == "aerial"
    assert "country:US" in ev.participants
    assert any("داعش" in _name(doc, p) for p in ev.participants)
    assert ev.date["value"] == "2017-05-01"
    assert ev.location["name"] == "الرقة"


def test_a_quoted_threat_of_force_is_a_threat_by_its_speaker():
    text = ('قال المتحدث باسم الجيش العقيد أحمد المسماري إن "أي اعتداء على قواتنا سيدفع الثمن غاليا"، '
            'مضيفا أن القوات في حالة تأهب.')
    doc = analyse(text, {"id": "t", "published": "2024-01-02"})
    threats = [e for e in doc.events if e.type == "THREATEN"]
    assert len(threats) == 1 and _name(doc, threats[0].actors[0]) == "أحمد المسماري"
    calm = analyse(text.replace("سيدفع الثمن غاليا", "مرفوض"), {"id": "t", "published": "2024-01-02"})
    assert not [e for e in calm.events if e.type == "THREATEN"]
