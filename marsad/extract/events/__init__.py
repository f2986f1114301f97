"""PLOVER events: trigger words, their participants, date, place, contexts and modality.

Each trigger opens a segment of its sentence that runs to the next trigger; the persons,
organisations and states named there take part (Arabic news is verb-first, so the first
one named acts). Mentions of one happening across sentences are then merged into one
event: the same type sharing a named participant, or an anaphoric «اللقاء» / «الاجتماع»
with nobody new.

One module a job: `triggers` (with `filters` and `markers` on the hits), `clauses`, `roles`,
`states`, `parties`, `modality`, `dates`, `places`, `build`, `merge`, `meetings`,
`quoted_threats` and `story`; `kinds`, `hit` and `mentions` hold what several share.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from marsad.extract.events.build import _build, _Pending
from marsad.extract.events.clauses import _clause_break, _clause_start, _new_clause_start, _reported_subject_start
from marsad.extract.events.hit import _Hit
from marsad.extract.events.markers import _after_min, _fold_aims, _governed_actor
from marsad.extract.events.meetings import _bilateral_meetings, _last_meeting
from marsad.extract.events.merge import _add_or_merge
from marsad.extract.events.modality import _future_dated_are_planned
from marsad.extract.events.quoted_threats import _speech_threats
from marsad.extract.events.story import _story_context, _story_day
from marsad.extract.events.triggers import _detected, feared, fight_mode, hit_features, sentence_hits
from marsad.extract.role_model import RoleChooser
from marsad.model import Document, Event
from marsad.text.morphology import Morphology

if TYPE_CHECKING:
    from marsad.extract.date_model import DateChooser
    from marsad.extract.place_model import PlaceChooser
    from marsad.extract.retell_model import RetellModel

__all__ = ["add_events", "fight_mode", "hit_features", "sentence_hits"]


def _learned_roles(m: Morphology, doc: Document, events: list[Event], pending: _Pending,
                   roles: RoleChooser) -> None:
    """Give each event the actors and recipients `roles` chooses among the parties of its trigger sentence, the
    rules' final choice one of its inputs; which events there are, how they merged, their dates and places stay
    the rules'."""
    for ev in events:
        got = pending.get(id(ev))
        if got is None:
            continue  # not built from a hit (a split meeting, a quoted threat): the rules' roles stay
        _, hit, choices = got
        ev.actors, ev.recipients = roles.assign(m, doc, hit, choices(ev.actors, ev.recipients))
        ev.participants = list(dict.fromkeys(ev.participants + ev.actors + ev.recipients))


def _learned_field(m: Morphology, doc: Document, events: list[Event], pending: _Pending, field: str,
                   options: Callable[[Document, _Hit, Event], list], chooser: PlaceChooser | DateChooser) -> None:
    """Set `field` ("location" or "date") of each event built from a hit to what `chooser` picks among the
    `options` of its hit (the places or dates its sentence, its retellings, the lead and the neighbouring
    sentences give), the rules' value one of its inputs."""
    for ev in events:
        got = pending.get(id(ev))
        if got is not None:
            hit = got[1]
            setattr(ev, field, chooser.choose(m, doc, hit, ev, options(doc, hit, ev)))


def add_events(doc: Document, m: Morphology, detector: Any = None, roles: RoleChooser | None = None,
               retell: RetellModel | None = None, places: PlaceChooser | None = None,
               dates: DateChooser | None = None) -> None:
    """Fill `doc.events`, one per happening, from trigger words in the sentences (those the trained
    `detector`, a `marsad.extract.detector.EventDetector`, accepts when one is given); with `roles` (a
    `marsad.extract.role_model.RoleModel`, or anything with its `assign`), actors and recipients are its choice;
    with `retell` (a `marsad.extract.retell_model.RetellModel`), an event it judges to tell an earlier one again
    is folded into that one; with `places` (a `marsad.extract.place_model.PlaceModel`) and `dates` (a
    `marsad.extract.date_model.DateModel`), an event's place and date are their choice."""
    hits: list[_Hit] = []
    for sent, found in sentence_hits(m, doc):
        found = _fold_aims(m, [h for h in _detected(m, doc, sent, found, detector) if not feared(m, sent.tokens, h)])
        for j, h in enumerate(found):
            if j == 0:
                first_tok = max(_clause_start(m, doc, sent, h.tok_start, h.trigger.type),
                                _new_clause_start(m, doc, sent, h.tok_start))
            else:
                clause = _new_clause_start(m, doc, sent, h.tok_start, found[j - 1].tok_end)
                h.own_clause = clause > 0
                first_tok = clause or _reported_subject_start(m, sent, found[j - 1].tok_end, h)
            h.seg_start = sent.tokens[first_tok].start
        for j, h in enumerate(found):
            h.seg_end = found[j + 1].seg_start if j + 1 < len(found) else sent.end
            h.seg_end = min(h.seg_end, _clause_break(m, sent, h))
        hits.extend(found)
    sent_no = {s.start: n for n, s in enumerate(doc.sentences)}
    events: list[Event] = []
    touched: dict[str, int] = {}
    built: dict[int, Event] = {}
    pending: _Pending | None = {} if roles is not None or places is not None or dates is not None else None
    for step, h in enumerate(hits):
        ev = _build(m, doc, h, len(events) + 1, _last_meeting(events), pending)
        if ev is None:
            continue
        built[id(h)] = ev
        if h.governed_by is not None and id(h.governed_by) in built:
            g = h.governed_by
            warns = m.bare(g.sent.tokens[g.tok_start].key) in m.lexicon.words("warning_verbs")
            # «حذرته من الانسحاب»: the one warned would act; a warning followed by anything else governs nothing
            if not warns or _after_min(m, h):
                _governed_actor(ev, warns or g.trigger.type == "REQUEST", built[id(g)], g.trigger.type == "AGREE")
                h.role_rules.append("governed_actor")
        _add_or_merge(m, doc, events, ev, sent_no, touched, step, h.own_clause)
    for n, ev in enumerate(_speech_threats(m, doc, 0), len(hits)):
        ev.id = f"t{n}"
        _add_or_merge(m, doc, events, ev, sent_no, touched, n)
    events = [part for ev in events for part in _bilateral_meetings(m, doc, ev)]
    _story_context(m, doc, events)
    _story_day(m, doc, events)
    _future_dated_are_planned(doc, events)
    if pending is not None and roles is not None:  # after the story: its dates and places read the rules' roles
        _learned_roles(m, doc, events, pending, roles)
    if pending is not None and places is not None:  # after the roles: a party's state is one of its readings
        from marsad.extract.place_model import place_options

        _learned_field(m, doc, events, pending, "location", place_options, places)
    if pending is not None and dates is not None:  # a date it changes leaves the modality the rules' dates gave
        from marsad.extract.date_model import date_options

        _learned_field(m, doc, events, pending, "date", date_options, dates)
    if retell is not None:  # after the roles: what two events' parties share is one of its readings
        events = retell.fold_retold(m, doc, events)
    for n, ev in enumerate(events, 1):
        ev.id = f"e{n}"
    doc.events = events
