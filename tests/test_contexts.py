"""Contexts of events: keywords that open a word, keywords limited to some event types, the agenda
told in later sentences and the posts of the people taking part (sentences written for these tests)."""

from marsad.extract.contexts import keyword_contexts
from marsad.extract.pipeline import analyse
from marsad.lexicon import default_lexicon


def test_a_keyword_counts_where_it_opens_a_word_after_proclitics():
    lex = default_lexicon()
    assert "border_security" in keyword_contexts(lex, "وناقش الوزيران تعزيز الرقابة على المعابر وللحدود الجنوبية")
    assert "border_security" in keyword_contexts(lex, "شددت القوات المراقبة في المناطق الحدودية")
    # «محدودة» (limited) holds the letters of «حدود» inside a word: no border here
    assert "border_security" not in keyword_contexts(lex, "وقال إن الموارد المتاحة محدودة للغاية")
    assert "migration" in keyword_contexts(lex, "ضبط مواطنين حاولوا مغادرة البلاد بطريقة غير شرعية")


def test_a_keyword_limited_to_some_event_types():
    lex = default_lexicon()
    text = "تعرضت القرية لقصف مدفعي عنيف صباح اليوم"
    assert "military_operation" in keyword_contexts(lex, text, "ASSAULT")
    assert "military_operation" not in keyword_contexts(lex, text, "CONSULT")
    assert "economic" not in keyword_contexts(lex, "وأدى القصف إلى تعطيل الاقتصاد المحلي", "ASSAULT")
    assert "economic" in keyword_contexts(lex, "وبحث الجانبان تعزيز الاستثمارات المشتركة", "CONSULT")


MEETING = """استقبل وزير الدفاع التونسي عماد مميش في تونس اليوم الثلاثاء نظيره الجزائري سعيد شنقريحة والوفد المرافق له.
وجرى خلال الاستقبال استعراض سبل مكافحة الهجرة غير الشرعية وتهريب المخدرات عبر الصحراء.
وفي سياق آخر، ارتفعت أسعار النفط في الأسواق العالمية."""


def test_a_meeting_takes_the_agenda_of_later_sentences_and_its_participants_posts():
    doc = analyse(MEETING, {"id": "c", "published": "2024-05-07"})
    ev = next(e for e in doc.events if e.type == "CONSULT")
    # «خلال الاستقبال» refers back to the meeting (a mention of it); its agenda adds to the contexts
    assert len([e for e in doc.events if e.type == "CONSULT"]) == 1
    assert {"migration", "smuggling", "organized_crime"} <= set(ev.contexts)
    assert "military_cooperation" in ev.contexts  # two defence ministers meet
    assert "economic" not in ev.contexts  # the oil prices are another story
