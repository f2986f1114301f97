"""English summaries: made from an event's fields only, grammatical for every type, mode and modality."""

import re
from pathlib import Path

import pytest

from marsad.extract.pipeline import analyse
from marsad.lexicon import Lexicon
from marsad.records import EventRecord, Party, records_from_document
from marsad.summary import VERBS, EnglishNames, date_phrase, english_summary
from tests.conftest import need_shared

ARABIC = re.compile(r"[\u0600-\u06FF]")
NAMES = EnglishNames()
EGYPT_MINISTER = Party("p1", "actor", "PER", "محمود توفيق", "Mahmoud Tawfik", "EG", ("وزير الداخلية المصري",))
LIBYA_MINISTER = Party("p2", "recipient", "PER", "عماد الطرابلسي", "Imad Trabelsi", "LY", ("وزير الداخلية الليبي",))


def _event(type_="CONSULT", mode="meeting", modality="asserted", negated=False, parties=(EGYPT_MINISTER,
           LIBYA_MINISTER), date="2025-03-02", precision="day", location="القاهرة", country="EG") -> EventRecord:
    return EventRecord("d:e1", "d", type_, mode, modality, negated, date, precision, location, country, (), "", 0, 0,
                       0.5, tuple(parties))


def _grammatical(line: str) -> None:
    assert not ARABIC.search(line), line
    assert "  " not in line and " ," not in line and ",," not in line and ", (" not in line, line
    assert line[0].isupper() and line.endswith(")"), line
    assert line.count("(") == line.count(")") == 1, line


def test_the_example_of_the_issue():
    line = english_summary(_event(modality="planned", precision="week"))
    assert line == ("Planned: Egypt's interior minister Mahmoud Tawfik to meet Libya's interior minister "
                    "Imad Trabelsi in Cairo (week of 2025-03-02)")


@pytest.mark.parametrize("type_,mode", sorted(VERBS, key=lambda k: (k[0], k[1] or "")))
@pytest.mark.parametrize("modality", ["asserted", "planned", "hypothetical", "offered"])
def test_every_type_mode_and_modality_makes_a_grammatical_line(type_, mode, modality):
    for parties in ((EGYPT_MINISTER, LIBYA_MINISTER), (EGYPT_MINISTER,), ()):
        line = english_summary(_event(type_, mode, modality, parties=parties))
        _grammatical(line)
        verb = VERBS[(type_, mode)]
        with_object = len(parties) == 2 or (type_, mode) == ("CONSULT", "visit")  # a visit's object: the place
        if modality == "asserted":
            assert not line.startswith(("Planned", "Hypothetical", "Offered", "Denied"))
            assert (verb.past if with_object else verb.past_alone or verb.past) in line
        else:
            prefix = {"planned": "Planned: ", "hypothetical": "Hypothetical: ", "offered": "Offered: "}[modality]
            base = verb.base if with_object else verb.base_alone or verb.base
            assert line.startswith(prefix) and (f" to {base}" in line or f" may {base}" in line), line
        if len(parties) == 2:
            assert "Mahmoud Tawfik" in line and "Imad Trabelsi" in line


def test_a_negated_event_is_marked_denied():
    line = english_summary(_event(negated=True))
    assert line.startswith("Denied: Egypt's interior minister Mahmoud Tawfik met Libya's interior minister")
    assert english_summary(_event(negated=True, modality="planned")).startswith("Denied: Egypt's interior minister "
                                                                                 "Mahmoud Tawfik to meet")


def test_an_attack_without_a_named_attacker_is_by_unidentified_attackers():
    target = Party("o1", "recipient", "ORG", "الجيش المصري", None, "EG")
    line = english_summary(_event("ASSAULT", "explosives", parties=(target,), location="العريش"))
    assert line == "Unidentified attackers bombed Egypt's army in El Arish (2025-03-02)"
    assert english_summary(_event("ASSAULT", None, parties=())).startswith("Unidentified attackers carried out an "
                                                                           "attack")


@pytest.mark.parametrize("value,precision,expected", [
    ("2025-03-02", "day", "2025-03-02"), ("2025-03-02", "week", "week of 2025-03-02"),
    ("2025-03", "month", "March 2025"), ("2025-03-14", "month", "March 2025"), ("2025", "year", "2025"),
    (None, None, "undated"), ("--12-27", "day", "undated")])
def test_dates_say_their_precision(value, precision, expected):
    assert date_phrase(value, precision) == expected


def test_posts_ranks_and_complements_in_english():
    assert NAMES.title(["وزير الخارجية"]).post == "foreign minister"
    assert NAMES.title(["وزيرة الخارجية والتعاون الدولي"]).post == "foreign minister"
    assert NAMES.title(["نائب رئيس الوزراء"]).post == "deputy prime minister"
    assert NAMES.title(["وزير الداخلية السابق"]).post == "former interior minister"
    assert NAMES.title(["وزير الدولة لشؤون الإعلام"]).post == "minister of state"
    t = NAMES.title(["اللواء", "مساعد وزير الداخلية لقطاع الأمن الوطنى"])
    assert (t.before_name, t.post) == ("Maj. Gen.", "assistant interior minister")
    spokesman = NAMES.title(["المتحدث باسم وزارة الخارجية المصرية"])
    assert spokesman.post == "spokesman for Egypt's foreign ministry" and spokesman.form == "appositive"
    shoukry = Party("p1", "actor", "PER", "سامح شكري", "Sameh Shoukry", None, ("وزير خارجية مصر",))
    assert NAMES.person(shoukry) == "Egypt's foreign minister Sameh Shoukry"  # the state the title names
    writer = Party("p1", "actor", "PER", "نجيب محفوظ", "Naguib Mahfouz", "EG", ("الكاتب",))
    assert NAMES.person(writer) == "writer Naguib Mahfouz"
    assert NAMES.title(["رئيس جهاز ما"]).post is None  # «head» of something unknown says nothing
    assert NAMES.organisation("وزارة الداخلية", "LY") == "Libya's interior ministry"
    assert NAMES.organisation("الحرس الوطني التونسي") == "Tunisia's national guard"
    assert NAMES.organisation("جماعة الحوثي", "YE") == "the Houthis"
    person = Party("p1", "actor", "PER", "يحيى سريع", "Yahya Saree", None,
                   ("المتحدث العسكري باسم جماعة الحوثي", "العميد"))
    assert NAMES.person(person) == "Brig. Gen. Yahya Saree, military spokesman for the Houthis,"


def test_places_and_states_in_english():
    assert NAMES.place("عمان", "JO") == "Amman"
    assert NAMES.place("عمان", "OM") == "Oman"
    assert NAMES.place("بنغازي", "LY") == "Benghazi"
    assert NAMES.place("مصر", "EG") == "Egypt"
    assert NAMES.state("US").before_post == "US" and NAMES.state("EG").before_post == "Egypt's"
    assert NAMES.state("NL").before_post == "the Netherlands'"


def test_every_city_and_state_of_the_lexicon_has_an_english_name():
    lex = Lexicon()
    places = {k for k in NAMES.places}
    from marsad.text.normalize import name_key

    missing = [names for names, _iso, _kind in lex.rows("cities.tsv")
               if not any(name_key(n) in places for n in names.split("|"))]
    assert not missing
    assert set(lex.country_names) <= set(NAMES.states)
    assert all(len(s.iso3) == 3 for s in NAMES.states.values())


def _summaries_of(text: str, published: str) -> list[tuple[str, dict[str, str]]]:
    """Return each event's summary with the Latin names of its persons (their spelling is the romanizer's)."""
    doc = analyse(text, {"id": "t", "published": published})
    return [(english_summary(r), {p.name: p.name_latin for p in r.parties if p.type == "PER"})
            for r in records_from_document(doc)]


def test_summaries_of_analysed_sentences():
    ((met, latin),) = _summaries_of("التقى وزير الخارجية الأردني أيمن الصفدي أمس نظيره العراقي فؤاد حسين في بغداد.",
                                    "2024-03-14")
    assert met == (f"Jordan's foreign minister {latin['أيمن الصفدي']} met Iraq's foreign minister "
                   f"{latin['فؤاد حسين']} in Baghdad (2024-03-13)")
    ((planned, latin),) = _summaries_of("يلتقي وزير الداخلية المصري محمود توفيق الأسبوع المقبل نظيره الليبي عماد "
                                        "الطرابلسي في القاهرة لبحث أمن الحدود.", "2025-02-24")
    assert planned == (f"Planned: Egypt's interior minister {latin['محمود توفيق']} to meet Libya's interior minister "
                       f"{latin['عماد الطرابلسي']} in Cairo (week of 2025-03-03)")
    ((attack, _),) = _summaries_of("قتل خمسة جنود في هجوم مسلح استهدف نقطة تفتيش في العريش أمس.", "2017-05-02")
    assert attack.startswith("Unidentified attackers") and "El Arish" in attack


def test_every_seed_event_has_a_grammatical_summary(tmp_path):
    from marsad import service
    from marsad.store import Store

    seeds = need_shared("seeds")
    store = Store(f"sqlite:///{tmp_path}/s.db")
    report = service.ingest(service.read([str(seeds)]), store)
    assert report.added
    records = service.event_records(store)
    assert len(records) >= 20
    for r in records:
        _grammatical(r.summary_en)
    dated = [r for r in records if Path(r.doc_id).name.startswith("001_")]  # published.tsv dates this seed
    assert dated and all(r.summary_en.endswith(f"({date_phrase(r.date, r.date_precision)})") for r in dated)


def test_a_place_that_is_already_a_party_is_not_repeated():
    iran = Party("country:IR", "recipient", "STATE", country="IR")
    line = english_summary(_event("CONSULT", "visit", parties=(EGYPT_MINISTER, iran), location="إيران", country="IR"))
    assert line == "Egypt's interior minister Mahmoud Tawfik visited Iran (2025-03-02)"
