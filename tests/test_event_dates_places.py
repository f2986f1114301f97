"""Event dates and places (issue 14, items 5 and 6) on sentences written for these tests."""

from marsad.extract.pipeline import analyse

PUBLISHED = "2024-03-14"


def _events(text):
    doc = analyse(text, {"id": "t", "published": PUBLISHED})
    return doc, doc.events


def _names(doc, ev):
    return {(doc.entity(p).name if doc.entity(p) else p) for p in ev.participants}


def test_the_lead_takes_the_date_of_the_sentence_that_tells_it_in_full_and_a_new_subject_does_not():
    doc, events = _events("""ضبطت السلطات الأردنية شحنة أسلحة على الحدود مع سوريا، واعتقلت أربعة مهربين.
وقال مصدر أمني أردني اليوم إن الشحنة كانت مخبأة في شاحنة.
وأضاف المصدر أن المهربين أحيلوا إلى القضاء.
إلى ذلك، اعتقلت الشرطة العراقية ثلاثة مهربين في البصرة.""")
    jordan = next(e for e in events if "country:JO" in e.participants)
    assert jordan.date is not None and jordan.date["value"] == PUBLISHED
    iraq = next(e for e in events if "country:IQ" in e.participants)
    assert iraq.date is None  # «إلى ذلك» turns to another happening
    assert iraq.location and iraq.location["name"] == "البصرة"


def test_a_period_end_and_a_name_do_not_date_the_happening():
    _, events = _events("يزور وزير الخارجية العراقي فؤاد حسين الأردن في زيارة تستمر حتى 20 مارس، "
                        "يلتقي خلالها نظيره أيمن الصفدي.")
    assert events and all(e.date is None for e in events)
    _, events = _events("التقى وزير الخارجية المصري سامح شكري نظيره الليبي في ذكرى ثورة 17 فبراير.")
    assert events and all(e.date is None for e in events)


def test_a_topic_or_a_list_of_places_is_not_where_the_meeting_was():
    doc, events = _events("التقى وزير الخارجية الأردني أيمن الصفدي نظيره العراقي فؤاد حسين، "
                          "وبحث الجانبان الوضع في سوريا.")
    meeting = next(e for e in events if e.type == "CONSULT")
    assert {"أيمن الصفدي", "فؤاد حسين"} <= _names(doc, meeting)
    assert meeting.location is None
    _, events = _events("التقى وزير الخارجية الأردني أيمن الصفدي نظيره العراقي فؤاد حسين، "
                        "وبحث الجانبان الأوضاع في كل من اليمن وليبيا والسودان.")
    assert next(e for e in events if e.type == "CONSULT").location is None
    _, events = _events("التقى وزير الخارجية الأردني أيمن الصفدي نظيره العراقي فؤاد حسين في بغداد، "
                        "وبحث الجانبان الوضع في سوريا.")
    assert next(e for e in events if e.type == "CONSULT").location["name"] == "بغداد"


def test_the_place_a_statement_is_made_from_is_not_the_place_of_what_it_reports():
    _, events = _events("قال وزير الداخلية العراقي عبد الأمير الشمري في بغداد إن الشرطة اعتقلت خمسة مهربين.")
    arrest = next(e for e in events if e.type == "COERCE")
    assert arrest.location is None


def test_a_date_of_a_later_clause_does_not_date_an_earlier_act():
    from marsad.extract.pipeline import analyse

    doc = analyse("والتقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي، واتفق الجانبان على عقد قمة "
                  "ثلاثية في عمان العام المقبل.", {"id": "t", "published": "2015-07-11"})
    meeting = next(e for e in doc.events if e.type == "CONSULT" and e.mode == "meeting")
    assert meeting.date is None or meeting.date["value"] <= "2015-07-11"
    assert meeting.modality == "asserted"


def test_the_place_a_visitor_named_after_the_verb_visits_is_the_visits_place():
    doc, events = _events("وزار وزير الخارجية الفرنسي جان إيف لودريان طرابلس الأحد لبحث الأزمة الليبية.")
    visit = next(e for e in events if e.mode == "visit")
    assert visit.location is not None and visit.location["name"] == "طرابلس"
    # a place in the visitor's post is not where he goes
    doc, events = _events("ويزور وزير خارجية روسيا سيرغي لافروف القاهرة الأسبوع المقبل.")
    visit = next(e for e in events if e.mode == "visit")
    assert visit.location is not None and visit.location["name"] == "القاهرة"


def test_a_place_after_a_stance_verb_is_its_topic_not_where_it_was_taken():
    doc, events = _events("وندد وزراء الخارجية العرب بالعملية العسكرية التركية في شمال سوريا.")
    ev = next(e for e in events if e.type == "ACCUSE")
    assert ev.location is None
    # the rules take the place fronted before the verb; the place model (docs/events.md, "Place model") takes it
    # away, since on the hand-placed gold a place the rules give a stance from before its verb is right 4 times in 35
    from marsad.extract.pipeline import PipelineConfig

    doc = analyse("وفي الرياض، ندد وزراء الخارجية العرب بالعملية العسكرية التركية في شمال سوريا.",
                  {"id": "t", "published": PUBLISHED}, PipelineConfig().with_settings(place_model=False))
    ev = next(e for e in doc.events if e.type == "ACCUSE")
    assert ev.location is not None and ev.location["name"] == "الرياض"
    _, events = _events("وفي الرياض، ندد وزراء الخارجية العرب بالعملية العسكرية التركية في شمال سوريا.")
    assert next(e for e in events if e.type == "ACCUSE").location is None


def test_an_act_prepared_for_is_not_yet_done():
    doc, events = _events("وحشدت القوات الحكومية تعزيزات كبيرة تمهيدا لبدء عملية عسكرية في جنوب دمشق.")
    assert [e.modality for e in events if e.type == "ASSAULT"] == ["hypothetical"]
