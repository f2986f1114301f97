"""States as parties: states named by name, nisba or capital, the speaker's own state and forces, a defended
state, and the subject of the main clause before a circumstantial participle."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from marsad.extract.events.clauses import _circumstantial
from marsad.extract.events.hit import _Hit, _names_word
from marsad.extract.events.kinds import FORCE_TYPES, RECEIVING_TYPES, STANCE_TYPES, VICTIM_NISBA_MODES
from marsad.extract.events.mentions import (
    _is_state,
    _mentions_in,
    _news_agency,
    _nisbas_after,
    _state_of,
    _token_states,
)
from marsad.extract.events.roles import _in_person_titles
from marsad.lexicon import Lexicon
from marsad.model import Document, Entity, Sentence
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key


def _country_refs(m: Morphology, doc: Document, sent: Sentence, start: int, end: int) -> list[str]:
    """States taking part as groups: «وفد أمني مصري» → country:EG; «بين مصر وليبيا» → both."""
    toks = [t for t in sent.tokens if start <= t.start and t.end <= end]
    trig_keys = m.lexicon.triggers
    groups = m.lexicon.words("group_nouns")

    def group_or_trigger(key: str) -> bool:
        return key in groups or key[1:] in groups or any(r in trig_keys for _, r in m.stems(key))

    # «وفد أمني مصري», «اجتماع مصري ليبي»
    refs = [f"country:{iso}" for _, iso in _nisbas_after(m, doc, toks, group_or_trigger)]
    line = doc.dateline or {}
    for pos, e in _mentions_in(doc, start, end):
        if line.get("start") is not None and line["start"] <= pos < (line.get("end") or 0):
            continue  # where the report was filed from
        if e.type == "LOC" and e.country:
            p = m.lexicon.places.get(norm_char_key(e.name))
            if p is None or p.kind == "country":
                refs.append(f"country:{e.country}")
    return list(dict.fromkeys(refs))


def _defended_states(m: Morphology, doc: Document, recipients: list[str]) -> list[str]:
    """Return the recipients of an attack with each air defence named among them («اعتراض صاروخ أطلقته الميليشيا …
    تصدت له قوات الدفاع الجوي الملكي السعودي») replaced by the state it defends, the target (dropped if unknown)."""
    words = m.lexicon.words("air_defence_words")
    out = []
    for r in recipients:
        e = doc.entity(r)
        key = norm_char_key(e.name) if e is not None else ""
        if e is not None and any(w in key for w in words):
            if e.country:
                out.append(f"country:{e.country}")
            continue
        out.append(r)
    return list(dict.fromkeys(out))


def _speakers_state(m: Morphology, doc: Document, hit: _Hit) -> str | None:
    """Return «country:XX» of the speaker's own state when «بلاده» / «بلادها» / «حكومته» (lexicon `own_state_words`)
    is the subject of a reported act: the state of the nearest person or body named before the clause, or None."""
    toks = [t for t in hit.sent.tokens[:hit.tok_start] if t.start >= hit.seg_start]
    if not _names_word(m, toks, "own_state_words"):
        return None
    speakers = [e for pos, e in _mentions_in(doc, hit.sent.start, hit.seg_start) if e.type in ("PER", "ORG")]
    country = next((e.country for e in reversed(speakers) if e.country), None)
    return f"country:{country}" if country else None


OWN_FORCES_REACH = 2  # words after a verb of force where its subject «قواته» may stand («قصفت أمس طائراته»)


def _speakers_forces(m: Morphology, doc: Document, hit: _Hit) -> str | None:
    """Return the body whose own forces («طائراته», «قواتها»; lexicon `own_forces_words`) are the subject of a
    reported act of force: the nearest organisation named before them in the sentence («بيان للجيش الإسرائيلي
    أن طائراته قصفت»), else the state of the nearest person («قال المتحدث أفيخاي أدرعي إن قواته …»), or None."""
    if hit.trigger.type not in FORCE_TYPES:
        return None
    toks = hit.sent.tokens
    words = m.lexicon.words("own_forces_words")
    near = [t for t in toks[max(0, hit.tok_start - 1):hit.tok_start] + toks[hit.tok_end:hit.tok_end + OWN_FORCES_REACH]
            if t.start >= hit.seg_start]
    at = next((t.start for t in near if any(s in words for _, s in m.stems(t.key))), None)
    if at is None:
        return None
    before = [e for _, e in _mentions_in(doc, hit.sent.start, at) if e.type in ("PER", "ORG")]
    body = next((e for e in reversed(before) if e.type == "ORG"), None)
    if body is not None:
        return body.id
    country = next((e.country for e in reversed(before) if e.country), None)
    return f"country:{country}" if country else None


def _states_named(m: Morphology, doc: Document, hit: _Hit, mentions: list[tuple[int, Entity]],
                  acting_capital: list[tuple[int, str]], acting_nisba: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Return (position, «country:XX») of the states a segment names as parties: an unnamed official or
    body of a state («وزير الخارجية المصري»), a country's name not after a preposition («ونفت روسيا», «اتهم
    حفتر تركيا»; not «في سوريا»), and a capital right after a verb trigger standing for its government
    («شنت القاهرة غارات»; `acting_capital`, from `_capitals_acting`)."""
    preps = m.lexicon.words("location_prepositions")
    groups, titles = m.lexicon.words("group_nouns"), m.lexicon.title_first_words

    def body_or_post(key: str) -> bool:  # «وزير الخارجية المصري», «القوات التركية», «وزيرين أمريكيين»
        return any(w in groups or w in titles for _, s in m.stems(key)
                   for w in {s, m.without_article(s), m.singular_of_dual_noun(s)})

    toks = [t for t in hit.sent.tokens if hit.seg_start <= t.start < hit.seg_end]
    # an unnamed official or body of a state: «وزير الخارجية المصري», «القوات التركية»
    out = [(t.start, f"country:{iso}") for t, iso in _nisbas_after(m, doc, toks, body_or_post)]
    out += acting_nisba
    out += _subject_nisba(m, hit)
    place_end = -1  # end of the last place named after a preposition
    for pos, e in mentions:
        if e.type != "LOC" or not e.country:
            continue
        acting = [c for at, c in acting_capital if at == pos]
        if acting:
            out.append((pos, acting[0]))
            continue
        end = next(mm.end for mm in e.mentions if mm.start == pos)
        prefixed = pos > 0 and doc.text[pos - 1:pos] in m.prepositions
        before = doc.text[max(hit.sent.start, pos - 20):pos].split()
        # «في سوريا واليمن والعراق»: places joined to a place after a preposition are places too
        listed = place_end >= 0 and doc.text[pos - 1:pos] in m.conjunctions and \
            not doc.text[place_end:pos - 1].strip(" ،,")
        after_prep = before and m.bare(norm_char_key(before[-1])) in preps or (
            len(before) > 1 and m.bare(norm_char_key(before[-2])) in preps
            and m.bare(norm_char_key(before[-1])) in m.lexicon.words("direction_words"))
        # aid and support go to a state: «المساعدات المقدمة إلى إسرائيل», «تقديم الدعم لتونس» (not «في», not «ب»)
        # and a visit goes to a state: «زيارة قام بها إلى تركيا», «زيارته لفرنسا» (the host, also the place)
        received = hit.trigger.type in RECEIVING_TYPES or (hit.trigger.type, hit.trigger.mode) == ("CONSULT", "visit")
        given_to = received and pos > hit.sent.tokens[hit.tok_start].start and _given_to(m, doc, pos)
        if (prefixed or listed or after_prep) and not given_to:  # «في سوريا», «وفي سوريا», «في شمال سوريا»
            place_end = end
            continue
        if not _is_state(m, e):
            continue
        out.append((pos, f"country:{e.country}"))
    return out


def _given_to(m: Morphology, doc: Document, pos: int) -> bool:
    """Whether the party named at `pos` follows «إلى» or carries «ل» (`dative_prepositions`): «إلى إسرائيل»,
    «لتونس»."""
    datives = m.lexicon.words("dative_prepositions")
    if pos > 0 and doc.text[pos - 1:pos] in datives:
        return True
    before = doc.text[max(0, pos - 12):pos].split()
    return bool(before) and m.bare(norm_char_key(before[-1])) in datives


def _acting_nisba(m: Morphology, hit: _Hit, persons: list[tuple[int, Entity]]) -> list[tuple[int, str]]:
    """Return (position, «country:XX») of a nisba describing the act itself, the state that acts: «قصف
    إسرائيلي», «غارات جوية روسية», «دعم أمريكي» (up to one adjective of `act_adjectives` between). Not after
    a verbal noun whose genitive is acted on, an arrest or a killing, and not a country's name («سوريا»)."""
    trig = hit.trigger
    if (trig.order == "np" and trig.type not in STANCE_TYPES) or trig.type == "COERCE" or (
            trig.type == "ASSAULT" and (trig.mode or "") in VICTIM_NISBA_MODES):
        return []  # «اعتقال سوري», «تدريب ليبي»: the nisba may be the one acted on; «انتقادات كندية» are Canada's
    toks = hit.sent.tokens
    adjectives = m.lexicon.words("act_adjectives")
    j = hit.tok_end
    if j < len(toks) and m.nisba_of(toks[j].key) is None and m.without_article(m.bare(toks[j].key)) in adjectives:
        j += 1
    if j >= len(toks) or toks[j].start >= hit.seg_end:
        return []
    iso = _state_of(m, toks[j].key)
    place = m.lexicon.places.get(norm_char_key(toks[j].text))
    if iso is None or (place is not None and place.kind == "country"):
        return []
    if any(pos == toks[j + 1].start and e.type == "PER" for pos, e in persons if j + 1 < len(toks)):
        return []  # «طالب البوليفي كارلوس …»: the nisba is the person's, who is named
    return [(toks[j].start, f"country:{iso}")]


def _subject_nisba(m: Morphology, hit: _Hit) -> list[tuple[int, str]]:
    """Return (position, «country:XX») of the nisba of a noun right after a verb, its subject: «هاجم
    المسؤولون الإيرانيون …». Not after a killing verb, whose noun is as often the killed («قتل جنود
    إسرائيليون»)."""
    trig, toks = hit.trigger, hit.sent.tokens
    if trig.kind != "V" or trig.order != "sv" or (trig.type == "ASSAULT" and (trig.mode or "") in
                                                   VICTIM_NISBA_MODES) or hit.tok_end + 1 >= len(toks):
        return []
    noun, nisba = toks[hit.tok_end], toks[hit.tok_end + 1]
    iso = _state_of(m, nisba.key)
    if iso is None or m.nisba_of(noun.key) or nisba.start >= hit.seg_end or \
            m.lexicon.places.get(norm_char_key(nisba.text)) is not None:
        return []
    return [(nisba.start, f"country:{iso}")]


@lru_cache(maxsize=4)
def _capital_keys(lexicon: Lexicon) -> dict[str, str]:
    return {norm_char_key(p.name): iso for iso, p in lexicon.capitals.items()}


def _capitals_acting(m: Morphology, doc: Document, hit: _Hit) -> list[tuple[int, str]]:
    """Return (position, «country:XX») of each capital that stands for its government as a party of a trigger:
    its subject right after a verb trigger («شنت القاهرة غارات» → EG), between a verb and the trigger noun it
    governs («فرضت أنقرة عقوبات» → TR) or right before a verb trigger («أن الخرطوم دعت»); and its object right
    after the verb's subject («اتهمت الرياض طهران» → IR). A capital after a preposition is a place."""
    if hit.trigger.order != "sv" or hit.tok_end >= len(hit.sent.tokens):
        return []
    toks = hit.sent.tokens
    capitals = _capital_keys(m.lexicon)
    mentions = _mentions_in(doc, hit.seg_start, hit.seg_end)

    def capital_at(j: int, joined: bool = True) -> tuple[int, str] | None:
        """The capital named as the whole of token j, with no preposition on it (nor «و» unless `joined`)."""
        if not 0 <= j < len(toks) or toks[j].start < hit.seg_start or toks[j].start >= hit.seg_end:
            return None
        for pos, e in mentions:
            if toks[j].start <= pos < toks[j].end and e.type == "LOC" and norm_char_key(e.name) in capitals:
                clitic = doc.text[toks[j].start:pos]
                if any(c in m.prepositions or not joined and c in m.conjunctions for c in clitic):
                    return None
                return pos, f"country:{capitals[norm_char_key(e.name)]}"
        return None

    def with_partner(j: int, found: tuple[int, str]) -> list[tuple[int, str]]:
        """A subject capital and the capital joined to it by «و» («اتهمت دمشق وموسكو»), then its object."""
        out = [found]
        joins = j + 1 < len(toks) and doc.text[toks[j + 1].start:toks[j + 1].start + 1] in m.conjunctions
        partner = capital_at(j + 1) if joins else None
        if partner is not None:
            out.append(partner)
            j += 1
        obj = capital_at(j + 1, joined=False)
        return out + [obj] if obj else out

    if hit.trigger.kind == "N":
        if hit.tok_start < 2:
            return []
        verb = m.bare(toks[hit.tok_start - 2].key)
        if m.has_article(verb) or m.starts_with_preposition(verb) or toks[hit.tok_start - 2].start < hit.seg_start \
                or any(s in m.lexicon.words("witness_verbs") for _, s in m.stems(verb)):
            return []  # «شهدت القاهرة مظاهرات»: the capital is where they happened
        found = capital_at(hit.tok_start - 1)
        return [found] if found else []
    if m.has_article(m.bare(toks[hit.tok_start].key)):
        return []  # a noun read as a verb («الغارات القاهرة») has no subject after it
    before = capital_at(hit.tok_start - 1)
    if before is not None and (hit.tok_start < 2 or m.bare(toks[hit.tok_start - 2].key)
                               not in m.lexicon.words("location_prepositions")):
        return [before]  # «أن الخرطوم دعت», «وطهران ترفض»: the subject before its verb
    # right after the verb, or inside a support verb's span («شنت القاهرة غارات»)
    if _circumstantial(m, hit):
        return []  # «…، داعيا واشنطن إلى»: the capital after a participle is its object
    subject = next(((j, found) for j in range(hit.tok_start + 1, hit.tok_end + 1) if (found := capital_at(j))), None)
    if subject is not None:
        return with_partner(*subject)
    first = next(((pos, e) for pos, e in mentions if toks[hit.tok_end].start <= pos < toks[hit.tok_end].end), None)
    if first is None or first[1].type == "LOC" and not _is_state(m, first[1]):
        return []
    end = next(mn.end for mn in first[1].mentions if mn.start == first[0])
    after = next((j for j in range(hit.tok_end, len(toks)) if toks[j].start >= end), None)
    obj = capital_at(after, joined=False) if after is not None else None
    return [obj] if obj else []  # «اتهمت السعودية طهران»: the object after a named subject


def _main_subject(m: Morphology, doc: Document, hit: _Hit, served: set[str]) -> str | None:
    """Return the first party named in the sentence before a circumstantial participle: the main clause's
    subject, who does its act too (a person or organisation, else a state named as a party)."""
    trig_at = hit.sent.tokens[hit.tok_start].start
    line = doc.dateline or {}
    sources = {doc.source.outlet, doc.source.byline, *doc.source.agencies}
    # «دبي، الإمارات العربية المتحدة (CNN)—ردت …، نافية»: where and by whom it was filed is no subject
    before = [(pos, e) for pos, e in _mentions_in(doc, hit.sent.start, trig_at) if e.name not in sources
              and not _news_agency(m, e)
              and not (line.get("start") is not None and line["start"] <= pos < (line.get("end") or 0))]
    titled = _in_person_titles(m, before)  # «رئيس مجلس الشورى السعودي عبدالله آل الشيخ»: the man, not his council
    before = [(pos, e) for pos, e in before if e.id not in titled]
    for _, e in before:
        if e.type in ("PER", "ORG"):
            return e.id
    head = replace(hit, seg_start=hit.sent.start, seg_end=trig_at)
    states = sorted(_states_named(m, doc, head, before, [], _acting_nisba(m, head, before)))
    return next((c for _, c in states if c not in served), None)


def _sentence_states(m: Morphology, doc: Document, sent: Sentence) -> list[tuple[int, str]]:
    """Return (position, «country:XX») of each state a sentence names: a country's name or a nisba; not the
    dateline's."""
    line = doc.dateline or {}
    outside = (lambda pos: not line["start"] <= pos < (line.get("end") or 0)) if line.get("start") is not None \
        else (lambda pos: True)
    found = []
    for pos, e in _mentions_in(doc, sent.start, sent.end):
        if e.type == "LOC" and e.country and outside(pos):
            p = m.lexicon.places.get(norm_char_key(e.name))
            if p is None or p.kind == "country":
                found.append((pos, f"country:{e.country}"))
    found += [(t.start, f"country:{iso}") for t, iso in _token_states(m, doc, sent.tokens) if outside(t.start)]
    return sorted(found)
