"""PLOVER events: trigger words, their participants, date, place, contexts and modality.

Each trigger opens a segment of its sentence that runs to the next trigger; the persons,
organisations and states named there take part (Arabic news is verb-first, so the first
one named acts). Mentions of one happening across sentences are then merged into one
event: the same type sharing a named participant, or an anaphoric «اللقاء» / «الاجتماع»
with nobody new.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.extract.contexts import keyword_contexts
from marsad.lexicon import Trigger
from marsad.model import Document, Entity, Event, Sentence, Span, TimeExpr
from marsad.text.morphology import Morphology
from marsad.text.normalize import join_keys, norm_char_key


@dataclass(slots=True)
class _Hit:
    """A trigger found in a sentence: token range, lexicon entry and segment bounds (chars)."""

    sent: Sentence
    tok_start: int
    tok_end: int
    trigger: Trigger
    seg_start: int = 0
    seg_end: int = 0
    participants: list[str] = field(default_factory=list)


def _find_triggers(m: Morphology, sent: Sentence) -> list[_Hit]:
    table = m.lexicon.triggers
    hits: list[_Hit] = []
    toks = sent.tokens
    i = 0
    while i < len(toks):
        found = None
        if i + 1 < len(toks):
            for _, first in m.stems(toks[i].key):
                t = table.get(join_keys([first, toks[i + 1].key]))
                if t:
                    found = (i + 2, t)
                    break
        if found is None:
            for _, first in m.stems(toks[i].key):
                t = table.get(first)
                if t:
                    found = (i + 1, t)
                    break
        if found:
            hits.append(_Hit(sent, i, found[0], found[1]))
            i = found[0]
        else:
            i += 1
    return hits


def _mentions_in(doc: Document, start: int, end: int) -> list[tuple[int, Entity]]:
    out = []
    for e in doc.entities:
        for m in e.mentions:
            if start <= m.start and m.end <= end:
                out.append((m.start, e))
    return sorted(out, key=lambda x: x[0])


def _country_refs(m: Morphology, doc: Document, sent: Sentence, start: int, end: int) -> list[str]:
    """States taking part as groups: «وفد أمني مصري» → country:EG; «بين مصر وليبيا» → both."""
    refs: list[str] = []
    toks = [t for t in sent.tokens if start <= t.start and t.end <= end]
    trig_keys = m.lexicon.triggers
    groups = m.lexicon.words("group_nouns")
    for j, t in enumerate(toks):
        iso = m.nisba_of(t.key)
        if iso and any(toks[k].key in groups or toks[k].key[1:] in groups
                       or any(r in trig_keys for _, r in m.stems(toks[k].key))
                       for k in range(max(0, j - 3), j)):
            refs.append(f"country:{iso}")  # «وفد أمني مصري», «اجتماع مصري ليبي»
    for _, e in _mentions_in(doc, start, end):
        if e.type == "LOC" and e.country:
            p = m.lexicon.places.get(norm_char_key(e.name))
            if p is None or p.kind == "country":
                refs.append(f"country:{e.country}")
    return list(dict.fromkeys(refs))


def _delegation(m: Morphology, hit: _Hit) -> bool:
    """A state meets as a delegation («وفد أمني مصري») or by its name next to the trigger."""
    toks = [t for t in hit.sent.tokens if hit.seg_start <= t.start < hit.seg_end]
    keys = [k for t in toks for _, k in m.stems(t.key)[:2]]
    if any(k in m.lexicon.words("delegation_nouns") for k in keys):
        return True
    nxt = hit.sent.tokens[hit.tok_end:hit.tok_end + 2]
    return any(m.nisba_of(t.key) for t in nxt)


def _modality(m: Morphology, sent: Sentence, hit: _Hit, doc: Document) -> tuple[str, bool]:
    lex = m.lexicon
    toks = sent.tokens
    before = [t.key for t in toks[max(0, hit.tok_start - 4):hit.tok_start]]
    bare_before = [m.bare(k) for k in before]
    trig = m.bare(toks[hit.tok_start].key)
    negated = any(k in lex.words("negation_words") for k in bare_before[-2:])
    if any(k in lex.words("future_cues") for k in bare_before) or m.is_future_verb(trig):
        return "planned", negated
    hypo = [j for j, k in enumerate(bare_before) if k in lex.words("hypothetical_cues")]
    if hypo and (m.is_imperfect(trig) or any(m.is_imperfect(k) for k in bare_before[hypo[-1] + 1:])):
        return "hypothetical", negated  # «قد تشمل»; «فقد بحث» (قد + past) asserts
    sent_keys = {t.key for t in toks}
    if hit.trigger.type == "AID" and sent_keys & lex.words("offer_words"):
        return "offered", negated
    return "asserted", negated


def _date_for(times: list[TimeExpr], hit: _Hit) -> dict | None:
    anchor = hit.sent.tokens[hit.tok_start].start
    cands = [t for t in times if hit.seg_start <= t.start < hit.seg_end and t.kind != "since"]
    if not cands:
        cands = [t for t in times if hit.sent.start <= t.start < hit.sent.end and t.kind != "since"]
    if not cands:
        return None
    best = min(cands, key=lambda t: abs(t.start - anchor))
    return {"value": best.value, "precision": best.precision, "text": best.text}


def _location_for(m: Morphology, doc: Document, hit: _Hit) -> dict | None:
    best = None
    preps = m.lexicon.words("location_prepositions")
    for pos, e in _mentions_in(doc, hit.seg_start, hit.seg_end) or _mentions_in(doc, hit.sent.start, hit.sent.end):
        if e.type != "LOC":
            continue
        before = doc.text[max(hit.sent.start, pos - 30):pos].split()
        prefixed = doc.text[pos - 1:pos] in m.prepositions if pos > 0 else False
        if not (prefixed or any(norm_char_key(w) in preps for w in before[-3:])):
            continue
        p = m.lexicon.places.get(norm_char_key(e.name))
        rank = 0 if p is not None and p.kind != "country" else 1
        if best is None or rank < best[0]:
            best = (rank, e)
    if best is None or best[0] > 0:
        capital = _capital_named(m, hit)
        if capital is not None:
            return capital
        if hit.trigger.mode == "visit":
            nxt = hit.sent.tokens[hit.tok_end].start if hit.tok_end < len(hit.sent.tokens) else -1
            for pos, e in _mentions_in(doc, hit.sent.start, hit.sent.end):
                if e.type == "LOC" and pos == nxt:
                    return {"name": e.name, "country": e.country, "lat": None, "lon": None}  # «يزور مصر»
    if best is None:
        return None
    e = best[1]
    return {"name": e.name, "country": e.country, "lat": None, "lon": None}


def _capital_named(m: Morphology, hit: _Hit) -> dict | None:
    """«للعاصمة الليبية» names the capital of Libya."""
    toks = [t for t in hit.sent.tokens if hit.seg_start <= t.start < hit.seg_end]
    for a, b in zip(toks, toks[1:], strict=False):
        if a.key in m.lexicon.words("capital_words") and (iso := m.nisba_of(b.key)):
            cap = m.lexicon.capitals.get(iso)
            if cap is not None:
                return {"name": cap.name, "country": iso, "lat": None, "lon": None}
    return None


def _trigger_refers_back(m: Morphology, hit: _Hit) -> bool:
    text = " ".join(t.text for t in hit.sent.tokens[hit.tok_start:hit.tok_end])
    k = norm_char_key(text)
    anaphoric = m.lexicon.words("anaphoric_nouns")
    return any(m.has_article(rest) or rest in anaphoric for _, rest in m.stems(k)) or (
        bool(m.enclitic(text)) and len(k) > 4)


def _last_meeting(events: list[Event]) -> Event | None:
    return next((e for e in reversed(events) if e.type == "CONSULT" and _named(e)), None)


def _build(m: Morphology, doc: Document, hit: _Hit, n: int, meeting: Event | None = None) -> Event | None:
    mentions = _mentions_in(doc, hit.seg_start, hit.seg_end)
    by_id = {e.id: e for _, e in mentions if e.type in ("PER", "ORG")}
    named = list(by_id.values())
    # outlets and agencies credited with a report are not actors in it
    sources = {doc.source.outlet, doc.source.byline, *doc.source.agencies}
    named = [e for e in named if e.name not in sources]
    countries = _country_refs(m, doc, hit.sent, hit.seg_start, hit.seg_end)
    seg_keys = {t.key for t in hit.sent.tokens if hit.seg_start <= t.start < hit.seg_end}
    borrowed: list[str] = []
    if not named and meeting is not None and seg_keys & m.lexicon.words("both_sides"):
        borrowed = list(meeting.participants)  # «اتفق الجانبان»: the two sides of the last meeting
    anaphor = not named and not countries and not borrowed and _trigger_refers_back(m, hit)
    if not named and not countries and not borrowed and not anaphor:
        return None
    if hit.trigger.type == "CONSULT" and not anaphor and not any(e.type == "PER" for e in named) \
            and not _delegation(m, hit):
        return None  # «استقبال ضباط ليبيين للتدريب» is not a meeting
    ids = [e.id for e in named]
    if hit.trigger.order == "os" and len(ids) >= 2:
        actors, recipients = ids[1:], ids[:1]
    else:
        actors, recipients = ids[:1], ids[1:]
    modality, negated = _modality(m, hit.sent, hit, doc)
    sent_text = doc.text[hit.sent.start:hit.sent.end]
    trig_tok = hit.sent.tokens[hit.tok_start]
    trig_end = hit.sent.tokens[hit.tok_end - 1].end
    return Event(
        id=f"e{n}", type=hit.trigger.type, mode=hit.trigger.mode,
        evidence=Span(hit.sent.start, hit.sent.end, sent_text),
        participants=list(dict.fromkeys(ids + countries + borrowed)), actors=actors or borrowed[:1],
        recipients=recipients or borrowed[1:2],
        contexts=keyword_contexts(m.lexicon, sent_text, hit.trigger.type), date=_date_for(doc.times, hit),
        location=_location_for(m, doc, hit),
        modality=modality, negated=negated, trigger=Span(trig_tok.start, trig_end, doc.text[trig_tok.start:trig_end]),
        confidence=0.5 + 0.15 * min(len(named), 2) + (0.1 if countries else 0.0),
        mentions=[Span(hit.sent.start, hit.sent.end, sent_text)],
    )


def _date_key(ev: Event) -> str | None:
    if not ev.date:
        return None
    return ev.date.get("value") or norm_char_key(ev.date.get("text") or "")


def _dates_agree(a: Event, b: Event) -> bool:
    da, db = _date_key(a), _date_key(b)
    return da is None or db is None or da == db


def _named(ev: Event) -> set[str]:
    return {p for p in ev.participants if not p.startswith("country:")}


def _countries(ev: Event, doc: Document | None = None) -> set[str]:
    """The states taking part: named as states, or (with `doc`) those its named participants serve."""
    out = {p for p in ev.participants if p.startswith("country:")}
    if doc is not None:
        for p in _named(ev):
            e = doc.entity(p)
            if e is not None and e.country:
                out.add(f"country:{e.country}")
    return out


def _is_country(m: Morphology, location: dict) -> bool:
    p = m.lexicon.places.get(norm_char_key(location.get("name") or ""))
    return p is not None and p.kind == "country"


def _merge_into(m: Morphology, target: Event, other: Event) -> None:
    target.participants = list(dict.fromkeys(target.participants + other.participants))
    target.actors = list(dict.fromkeys(target.actors + [a for a in other.actors if a not in target.recipients]))
    target.recipients = list(dict.fromkeys(target.recipients + [r for r in other.recipients
                                                                 if r not in target.actors]))
    target.contexts = list(dict.fromkeys(target.contexts + other.contexts))
    target.date = target.date or other.date
    if target.location is None or (_is_country(m, target.location) and other.location is not None
                                   and not _is_country(m, other.location)
                                   and other.location.get("country") == target.location.get("country")):
        target.location = other.location or target.location  # the city said later is more precise
    if all(m.start != other.evidence.start for m in target.mentions):
        target.mentions.extend(other.mentions)
    target.confidence = min(0.95, max(target.confidence, other.confidence) + 0.05)


def _refers_back(m: Morphology, doc: Document, ev: Event) -> bool:
    """«الاجتماع», «لقائه», «… بحضور X»: the trigger points to a happening already told."""
    if ev.trigger is None:
        return False
    k = norm_char_key(ev.trigger.text)
    # the pronoun test reads the original letters: «زيارة» ends in ة, «لقائه» in a pronoun ه
    if m.enclitic(ev.trigger.text) and len(k) > 4:
        return True
    anaphoric = m.lexicon.words("anaphoric_nouns")
    for _, rest in m.stems(k):
        if m.has_article(rest) or rest in anaphoric:
            return True
    after = norm_char_key(doc.text[ev.trigger.end:ev.evidence.end])
    return any(cue in after for cue in m.lexicon.words("presence_cues"))


MERGE_WINDOW = 6  # sentences back that an anaphoric mention may reach


def _coordinated(m: Morphology, ev: Event) -> bool:
    """«… يزور مصر وفد …، والتقى …»: a verb joined by و continues the same happening."""
    if ev.trigger is None or not m.starts_with_conjunction(ev.trigger.text):
        return False
    rest = norm_char_key(ev.trigger.text[1:].split()[0])
    return not m.has_article(rest) or rest in m.lexicon.words("article_initial_verbs")


def _merge_target(m: Morphology, doc: Document, events: list[Event], ev: Event, sent_no: dict[int, int],
                  touched: dict[str, int]) -> Event | None:
    here = sent_no[ev.evidence.start]
    ordered = [p for p in sorted(events, key=lambda e: -touched[e.id])
               if p.type == ev.type and _dates_agree(p, ev) and p.negated == ev.negated
               and (p.mode is None or ev.mode is None or p.mode == ev.mode or p.type == "CONSULT")]
    for prev in ordered:
        if _named(prev) & _named(ev) and prev.modality == ev.modality:
            return prev
    for prev in ordered:
        shared = _named(prev) & _named(ev)
        same_sentence = any(m.start == ev.evidence.start for m in prev.mentions)
        if same_sentence:
            if _named(ev) and _named(prev) and not shared and not _coordinated(m, ev):
                continue  # two different meetings told in one sentence
            return prev
        near = here - max(sent_no[m.start] for m in prev.mentions) <= MERGE_WINDOW
        if near and prev.modality == ev.modality and (
                _refers_back(m, doc, ev) or (not _named(ev) and _countries(ev) <= _countries(prev, doc))
                or (not _named(prev) and _countries(prev) <= _countries(ev, doc))):
            return prev  # an anaphor, or a headline's «مباحثات أمنية ليبية» told in full later
    return None


def _add_or_merge(m: Morphology, doc: Document, events: list[Event], ev: Event, sent_no: dict[int, int],
                  touched: dict[str, int], step: int) -> None:
    target = _merge_target(m, doc, events, ev, sent_no, touched)
    if target is not None:
        _merge_into(m, target, ev)
        touched[target.id] = step
    elif ev.participants:
        ev.id = f"e{len(events) + 1}"
        events.append(ev)
        touched[ev.id] = step


def _speech_threats(m: Morphology, doc: Document, offset: int) -> list[Event]:
    """A quotation that threatens force is a THREATEN event by its speaker."""
    out = []
    threats = m.lexicon.words("threat_phrases")
    for q in doc.quotes:
        speaker = doc.entity(q.speaker) if q.speaker else None
        if speaker is None or not any(w in norm_char_key(q.text) for w in threats):
            continue
        sent = next((s for s in doc.sentences if s.start <= q.start - 1 < s.end), None)
        if sent is None:
            continue
        targets = [e.id for _, e in _mentions_in(doc, q.start, q.end)
                   if e.type in ("PER", "ORG") and e.id != speaker.id]
        countries = [f"country:{e.country}" for _, e in _mentions_in(doc, q.start, q.end) if e.country
                     and e.country != speaker.country]
        hit_times = [t for t in doc.times if sent.start <= t.start < q.end and t.kind != "since"]
        date = ({"value": hit_times[0].value, "precision": hit_times[0].precision, "text": hit_times[0].text}
                if hit_times else None)
        out.append(Event(
            id=f"e{offset + len(out) + 1}", type="THREATEN", evidence=Span(sent.start, sent.end,
                                                                         doc.text[sent.start:sent.end]),
            participants=list(dict.fromkeys([speaker.id, *targets, *countries])), actors=[speaker.id],
            recipients=list(dict.fromkeys(targets + countries)),
            contexts=keyword_contexts(m.lexicon, q.text, "THREATEN") or ["military_operation"],
            date=date, modality="asserted", trigger=Span(q.start, q.end, q.text), confidence=0.6,
            mentions=[Span(sent.start, sent.end, doc.text[sent.start:sent.end])]))
    return out


def add_events(doc: Document, m: Morphology) -> None:
    """Fill `doc.events`, one per happening, from trigger words in the sentences."""
    hits: list[_Hit] = []
    for sent in doc.sentences:
        found = _find_triggers(m, sent)
        for j, h in enumerate(found):
            first_tok = 0 if j == 0 else h.tok_start
            h.seg_start = sent.tokens[first_tok].start
            h.seg_end = sent.tokens[found[j + 1].tok_start].start if j + 1 < len(found) else sent.end
        hits.extend(found)
    sent_no = {s.start: n for n, s in enumerate(doc.sentences)}
    events: list[Event] = []
    touched: dict[str, int] = {}
    for step, h in enumerate(hits):
        ev = _build(m, doc, h, len(events) + 1, _last_meeting(events))
        if ev is None:
            continue
        _add_or_merge(m, doc, events, ev, sent_no, touched, step)
    for n, ev in enumerate(_speech_threats(m, doc, 0), len(hits)):
        ev.id = f"t{n}"
        _add_or_merge(m, doc, events, ev, sent_no, touched, n)
    for n, ev in enumerate(events, 1):
        ev.id = f"e{n}"
    doc.events = events
