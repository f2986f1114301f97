"""The story's frame: the main event lends its date and place to later events telling the same happening,
and the lead's day dates later undated acts of its kind."""

from __future__ import annotations

from marsad.extract.events.dates import _date_dict, _dates_in, _own_clause
from marsad.extract.events.filters import _drop_occurrences, _join_light_verbs
from marsad.extract.events.kinds import VERBAL_TYPES
from marsad.extract.events.mentions import _mentions_in, _token_states
from marsad.extract.events.merge import MERGE_WINDOW, _countries, _is_country, _named
from marsad.extract.events.places import _as_location, _place_in
from marsad.extract.events.triggers import _blocked_spans, _find_triggers
from marsad.model import Document, Event, Sentence
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key


def _sentence_of(doc: Document, pos: int) -> int:
    return next((i for i, s in enumerate(doc.sentences) if s.start <= pos < s.end), -1)


def _opens_with(m: Morphology, sent: Sentence, phrases: frozenset[str]) -> bool:
    keys = [t.key for t in sent.tokens[:4]]
    if keys:
        keys[0] = m.bare(keys[0])
    head = " ".join(keys)
    return any(head == p or head.startswith(p + " ") for p in phrases)


def _background(m: Morphology, sent: Sentence) -> bool:
    """«وكان الوزير قد زار …», «يذكر أن …»: a sentence told as background, out of the story's order."""
    rows = m.lexicon.rows("background_cues.tsv")
    if sent.tokens and m.bare(sent.tokens[0].key) in {norm_char_key(w) for w, r in rows if r == "aux"}:
        return True
    return _opens_with(m, sent, frozenset(norm_char_key(w) for w, r in rows if r == "opener"))


def _sentence_countries(m: Morphology, doc: Document, sent: Sentence) -> set[str]:
    """The states a sentence names: by nisba («مصدر أمني مصري»), as places, or through its persons."""
    out = {f"country:{iso}" for _, iso in _token_states(m, doc, sent.tokens)}
    out |= {f"country:{e.country}" for _, e in _mentions_in(doc, sent.start, sent.end) if e.country}
    return out


STORY_PRECISIONS = ("day", "week")  # a story's main event is dated to the day or week, not «عام 2016»


def _story_context(m: Morphology, doc: Document, events: list[Event]) -> None:
    """Date and place the events whose own sentences name none from the story's main event.

    The main event is the first one told, in the article's first two sentences. When its sentence names
    no date (or no place), the next sentence, which tells the lead in full, gives them if it speaks of the
    same parties («أحبطت … . وأفاد مصدر أمني مصري اليوم …»). Later events take the main event's date and
    place when they are the same happening: the same type with the same states, or a party of the main
    event acting again (its statements at the same meeting), with the same modality, told before any
    sentence that turns to another subject («إلى ذلك») and not as background («وكان … قد …»).
    """
    if not events or not events[0].mentions:
        return
    main = events[0]
    lead = _sentence_of(doc, main.mentions[0].start)
    if not 0 <= lead <= 1:
        return
    shifts = m.lexicon.words("topic_shifts")
    nxt = doc.sentences[lead + 1] if lead + 1 < len(doc.sentences) else None
    if nxt is not None and not _opens_with(m, nxt, shifts) and not _background(m, nxt) and (
            _named(main) & {e.id for _, e in _mentions_in(doc, nxt.start, nxt.end)}
            or _countries(main, doc) & _sentence_countries(m, doc, nxt)):
        if main.date is None:
            dates = [t for t in _dates_in(doc.times, nxt.start, nxt.end) if t.kind == "date"
                     and t.precision in STORY_PRECISIONS and (main.modality != "asserted" or not doc.published
                                                              or not t.value or t.value[:10] <= doc.published)]
            main.date = _date_dict(dates[0]) if dates else None
        if main.location is None or _is_country(m, main.location):
            found = _place_in(m, doc, nxt, nxt.start, nxt.end)
            known = main.location.get("country") if main.location else None
            if found is not None and found[1].country and (
                    (found[0] == 0 and known in (None, found[1].country))
                    or (known is None and f"country:{found[1].country}" in _countries(main, doc))):
                main.location = _as_location(found[1])
    date = main.date if main.date and main.date.get("precision") in STORY_PRECISIONS else None
    if date is None and main.location is None:
        return
    turned = next((i for i in range(lead + 1, len(doc.sentences))
                   if _opens_with(m, doc.sentences[i], shifts)), len(doc.sentences))
    for ev in events[1:]:
        here = _sentence_of(doc, ev.evidence.start)
        sent = doc.sentences[here]
        if here >= turned or ev.modality != main.modality or ev.negated != main.negated or _background(m, sent):
            continue
        theirs = _countries(ev, doc)
        same = (ev.type == main.type and theirs and theirs <= _countries(main, doc)) or (
            ev.type in VERBAL_TYPES and set(ev.actors) & _named(main) and here - lead <= MERGE_WINDOW)
        if not same:
            continue
        if ev.date is None and date is not None and not any(sent.start <= t.start < sent.end for t in doc.times):
            ev.date = dict(date)
        if ev.location is None and main.location is not None and not any(
                e.type == "LOC" for _, e in _mentions_in(doc, sent.start, sent.end)):
            ev.location = dict(main.location)


LEAD_REACH = 8  # sentences after the lead that may still tell its happening without a date of their own


def _lead_days(m: Morphology, doc: Document) -> tuple[int, dict[str, dict]]:
    """The lead sentence (the first with a trigger) and, per trigger type in it, the day its own clause
    gives («الضربات العسكرية التي شنتها فجر السبت …»): the story's day for that kind of happening. Trigger
    words count before the detector's check, since a lead often tells its act as commentary."""
    blocked = _blocked_spans(doc)
    for n, sent in enumerate(doc.sentences[:2]):
        hits = _join_light_verbs(_drop_occurrences(m, _find_triggers(m, sent, blocked)))
        if not hits:
            continue
        days: dict[str, dict] = {}
        for t in _dates_in(doc.times, sent.start, sent.end):
            if t.kind != "date" or t.precision not in STORY_PRECISIONS or not t.value or (
                    doc.published and t.value[:10] > doc.published[:10]):
                continue
            owners = [h for h in hits if _own_clause(m, h, t, doc.times)]
            if owners:
                near = min(owners, key=lambda h: abs(sent.tokens[h.tok_start].start - t.start))
                days.setdefault(near.trigger.type, _date_dict(t))
        return n, days
    return -1, {}


def _story_day(m: Morphology, doc: Document, events: list[Event]) -> None:
    """Date an undated act by the lead's day for the same kind of act: the lead says «شنت … فجر السبت
    ضربات», later sentences tell the strikes without a date. Only for asserted acts in sentences that name
    no time at all, are not background («وكان … قد …»), come before any turn to another subject («إلى
    ذلك») and within LEAD_REACH sentences of the lead."""
    lead, days = _lead_days(m, doc)
    if not days:
        return
    shifts = m.lexicon.words("topic_shifts")
    turned = next((i for i in range(lead + 1, len(doc.sentences))
                   if _opens_with(m, doc.sentences[i], shifts)), len(doc.sentences))
    for ev in events:
        here = _sentence_of(doc, ev.evidence.start)
        if ev.date is not None or ev.type not in days or not lead < here < min(turned, lead + 1 + LEAD_REACH):
            continue
        sent = doc.sentences[here]
        if ev.modality != "asserted" or ev.negated or _background(m, sent) or any(
                sent.start <= t.start < sent.end for t in doc.times):
            continue
        ev.date = dict(days[ev.type])
