"""Building one Event from a trigger hit: its parties, roles, date, place, modality and evidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from marsad.extract.contexts import keyword_contexts
from marsad.extract.events.clauses import _circumstantial
from marsad.extract.events.dates import _date_for
from marsad.extract.events.hit import _Hit
from marsad.extract.events.kinds import RECEIVING_TYPES, UNNAMED_ACTOR_TYPES
from marsad.extract.events.mentions import _mentions_in, _news_agency
from marsad.extract.events.modality import _modality
from marsad.extract.events.parties import (
    _cited_sources,
    _delegation,
    _joined_actors,
    _no_oblique_actor,
    _on_a_side,
    _trigger_refers_back,
    _visited_state_is_no_visitor,
    _without_topic_parties,
)
from marsad.extract.events.places import _controls_place, _location_for
from marsad.extract.events.roles import _in_person_titles, _roles
from marsad.extract.events.states import (
    _acting_nisba,
    _capitals_acting,
    _country_refs,
    _defended_states,
    _given_to,
    _main_subject,
    _sentence_states,
    _speakers_forces,
    _speakers_state,
    _states_named,
)
from marsad.extract.role_model import Candidate, anaphoric_parties, candidates
from marsad.model import Document, Entity, Event, Span
from marsad.text.morphology import Morphology

# what a trained role model will choose from, per event built (by object id; the event is kept so that its id
# cannot be reused by a later one): the event, its hit and the candidates given the event's final roles
_Pending = dict[int, tuple[Event, _Hit, Callable[[list[str], list[str]], list[Candidate]]]]

def _noted(hit: _Hit, rule: str, before: tuple[list[str], list[str]], after: tuple[list[str], list[str]]) -> None:
    """Record on the hit that a role rule changed its actors or recipients (an input of the role model)."""
    if before != after:
        hit.role_rules.append(rule)


def _role_choices(m: Morphology, doc: Document, hit: _Hit, parties: list[tuple[int, str]],
                  not_parties: set[str | None]) -> Callable[[list[str], list[str]], list[Candidate]]:
    """Return what gives a trained role model its candidates once the event's final roles are known: the
    sentence's named parties, but not the dateline's, the names inside titles, `not_parties` (sources and cited
    outlets, by name or id) or news agencies."""
    def choices(final_actors: list[str], final_recipients: list[str]) -> list[Candidate]:
        # read only for the events that remain after merging
        line = doc.dateline or {}
        in_sentence = [(pos, e) for pos, e in _mentions_in(doc, hit.sent.start, hit.sent.end)
                       if not (line.get("start") is not None and line["start"] <= pos < (line.get("end") or 0))]
        titled = _in_person_titles(m, in_sentence)

        def keeps(e: Entity) -> bool:
            return e.name not in not_parties and e.id not in not_parties and e.id not in titled \
                and not _news_agency(m, e)

        return candidates(m, doc, hit, parties, final_actors, final_recipients, in_sentence, keeps,
                          _sentence_states(m, doc, hit.sent), anaphoric_parties(m, doc, hit.sent, keeps))

    return choices


def _build(m: Morphology, doc: Document, hit: _Hit, n: int, meeting: Event | None = None,
           pending: _Pending | None = None) -> Event | None:
    if hit.trigger.mode == "control":
        if not _controls_place(m, doc, hit):
            return None
        hit.trigger = replace(hit.trigger, mode="offensive")
    mentions = _mentions_in(doc, hit.seg_start, hit.seg_end)
    by_id = {e.id: e for _, e in mentions if e.type in ("PER", "ORG")}
    named = list(by_id.values())
    # outlets and agencies credited with a report are not actors in it, nor one it is attributed to
    sources = {doc.source.outlet, doc.source.byline, *doc.source.agencies}
    cited = _cited_sources(m, doc, hit)
    named = [e for e in named if e.name not in sources and e.id not in cited and not _news_agency(m, e)]
    line = doc.dateline or {}
    if line.get("start") is not None:  # «دبي، الإمارات العربية المتحدة (CNN) –» names where it was filed from
        mentions = [(pos, e) for pos, e in mentions if not line["start"] <= pos < (line.get("end") or 0)]
    in_titles = _in_person_titles(m, mentions)
    mentions = [(pos, e) for pos, e in mentions if e.id not in in_titles]
    named = [e for e in named if e.id not in in_titles]
    countries = _country_refs(m, doc, hit.sent, hit.seg_start, hit.seg_end)
    acting_capital = _capitals_acting(m, doc, hit)
    seg_keys = {t.key for t in hit.sent.tokens if hit.seg_start <= t.start < hit.seg_end}
    borrowed: list[str] = []
    if not named and meeting is not None and seg_keys & m.lexicon.words("both_sides"):
        borrowed = list(meeting.participants)  # «اتفق الجانبان»: the two sides of the last meeting
        hit.role_rules.append("both_sides")
    anaphor = not named and not countries and not acting_capital and not borrowed and _trigger_refers_back(m, hit)
    unnamed = not named and not countries and not acting_capital and not borrowed and not anaphor
    if unnamed and hit.trigger.type not in UNNAMED_ACTOR_TYPES:
        return None
    if hit.trigger.type == "CONSULT" and not anaphor and not any(e.type == "PER" for e in named) \
            and not _delegation(m, hit):
        return None  # «استقبال ضباط ليبيين للتدريب» is not a meeting
    ids = [e.id for e in named]
    parties = [(pos, e.id) for pos, e in mentions if e.id in by_id and e in named]
    # a state that is only the nationality of a named party («وزير الخارجية المصري سامح شكري») is no other party
    served = {f"country:{e.country}" for e in named if e.country}
    acting_nisba = _acting_nisba(m, hit, mentions)
    parties = sorted(parties + [(pos, c) for pos, c in _states_named(m, doc, hit, mentions, acting_capital,
                                                                     acting_nisba) if c not in served])
    actors, recipients = _roles(m, doc, hit, parties)
    acting = [c for _, c in acting_nisba]
    if acting and hit.trigger.kind == "N" and any(i == acting[0] for _, i in parties) and actors != acting[:1]:
        # «العقوبات الأميركية», «غارات روسية»: the nisba of the act names the state that does it, whoever else
        # the sentence names before it (the speaker who mentions them)
        trig_at = hit.sent.tokens[hit.tok_start].start
        after = {i for pos, i in parties if pos > trig_at}
        actors, recipients = acting[:1], [p for p in dict.fromkeys(actors + recipients)
                                          if p != acting[0] and p in after]
        hit.role_rules.append("acting_nisba")
    if actors and hit.trigger.order == "sv" and not hit.subject_is_act:
        # after a noun, «لـ» may mark its agent («غارة جوية لقوات الحلف»): only prepositions that are words count
        ruled = (actors, recipients)
        actors, recipients = _no_oblique_actor(m, doc, parties, actors, recipients, hit.trigger.kind in ("V", "I"))
        _noted(hit, "no_oblique_actor", ruled, (actors, recipients))
    if hit.trigger.type != "CONSULT" and hit.trigger.order != "os":
        ruled = (actors, recipients)
        actors, recipients = _joined_actors(m, doc, parties, actors, recipients)
        _noted(hit, "joined_actors", ruled, (actors, recipients))
    ruled = (actors, recipients)
    actors, recipients = _visited_state_is_no_visitor(m, doc, hit, actors, recipients)
    _noted(hit, "visited_state", ruled, (actors, recipients))
    ruled = (actors, recipients)
    recipients = _without_topic_parties(m, doc, hit, parties, recipients)
    sided = _on_a_side(m, hit, parties)  # «غارات التحالف بقيادة السعودية على الحوثيين»: Saudi Arabia is not hit
    recipients = [r for r in recipients if r not in sided]
    _noted(hit, "topic_or_side", ruled, (actors, recipients))
    if hit.trigger.type == "ASSAULT" and hit.trigger.mode != "interception":
        ruled = (actors, recipients)
        recipients = _defended_states(m, doc, recipients)
        _noted(hit, "defended_state", ruled, (actors, recipients))
    if hit.trigger.type in RECEIVING_TYPES:  # «مساعدات لليونان»: who aid is given to receives it, never gives it
        given = {i for pos, i in parties if i.startswith("country:") and _given_to(m, doc, pos)}
        ruled = (actors, recipients)
        actors, recipients = [a for a in actors if a not in given], list(dict.fromkeys(
            recipients + [a for a in actors if a in given]))
        _noted(hit, "given_to", ruled, (actors, recipients))
    if not actors:
        own = _speakers_state(m, doc, hit) or _speakers_forces(m, doc, hit)
        if own is not None:  # «قال الصفدي إن بلاده ستتعاون مع …»: his state acts
            actors, recipients = [own], [r for r in recipients if r != own]
            hit.role_rules.append("speakers_state")
    if _circumstantial(m, hit):
        main = _main_subject(m, doc, hit, served)
        if main is not None:  # «…، مطالبا لبنان بالاعتذار»: the main clause's subject asks, Lebanon is asked
            actors, recipients = [main], [p for p in dict.fromkeys(actors + recipients) if p != main]
            hit.role_rules.append("main_subject")
    countries = list(dict.fromkeys(countries + [c for _, c in acting_capital]))
    modality, negated = _modality(m, hit.sent, hit, doc)
    if hit.modality and modality == "asserted":
        modality = hit.modality
    negated = negated or hit.denied
    sent_text = doc.text[hit.sent.start:hit.sent.end]
    trig_tok = hit.sent.tokens[hit.tok_start]
    trig_end = hit.sent.tokens[hit.tok_end - 1].end
    ev = Event(
        id=f"e{n}", type=hit.trigger.type, mode=hit.trigger.mode,
        evidence=Span(hit.sent.start, hit.sent.end, sent_text),
        participants=list(dict.fromkeys(ids + countries + borrowed + actors + recipients)),
        actors=actors or borrowed[:1],
        recipients=recipients or borrowed[1:2],
        contexts=keyword_contexts(m.lexicon, sent_text, hit.trigger.type), date=_date_for(m, doc.times, hit),
        location=_location_for(m, doc, hit),
        modality=modality, negated=negated, trigger=Span(trig_tok.start, trig_end, doc.text[trig_tok.start:trig_end]),
        confidence=0.5 + 0.15 * min(len(named), 2) + (0.1 if countries else 0.0),
        mentions=[Span(hit.sent.start, hit.sent.end, sent_text)],
    )
    if pending is not None:  # the event kept with its entry: its id cannot be reused meanwhile
        pending[id(ev)] = (ev, hit, _role_choices(m, doc, hit, parties, sources | cited))
    return ev
