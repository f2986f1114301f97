"""Merging mentions of one happening: when a later event tells an earlier one again, and how two are joined."""

from __future__ import annotations

from marsad.extract.events.kinds import FORCE_TYPES, UNNAMED_ACTOR_TYPES
from marsad.model import Document, Event
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key


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


def _merge_into(m: Morphology, target: Event, other: Event, doc: Document | None = None) -> None:
    target.participants = list(dict.fromkeys(target.participants + other.participants))
    target.actors = list(dict.fromkeys(target.actors + [a for a in other.actors if a not in target.recipients]))
    target.recipients = list(dict.fromkeys(target.recipients + [r for r in other.recipients
                                                                 if r not in target.actors]))
    if doc is not None:
        _drop_served_states(doc, target)
    target.contexts = list(dict.fromkeys(target.contexts + other.contexts))
    target.date = target.date or other.date
    target.mode = target.mode or other.mode  # «لقي 7 مصرعهم جراء انفجار …»: the death is told by the blast
    if target.location is None or (_is_country(m, target.location) and other.location is not None
                                   and not _is_country(m, other.location)
                                   and other.location.get("country") == target.location.get("country")):
        target.location = other.location or target.location  # the city said later is more precise
    if all(m.start != other.evidence.start for m in target.mentions):
        target.mentions.extend(other.mentions)
    target.confidence = min(0.95, max(target.confidence, other.confidence) + 0.05)


def _drop_served_states(doc: Document, ev: Event) -> None:
    """Drop from the roles a state that a named actor or recipient serves: a headline's «وزير الخارجية الأردني
    يلتقي نظيره العراقي», once merged with the sentence naming both ministers, is their meeting."""
    served = set()
    for ref in ev.actors + ev.recipients:
        e = doc.entity(ref)
        if e is not None and e.country:
            served.add(f"country:{e.country}")
    ev.actors = [a for a in ev.actors if a not in served]
    ev.recipients = [r for r in ev.recipients if r not in served]


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


# kinds of force that can be told of one attack in different words («غارات», «هجوم», «قصف», «انفجار»);
# an execution, an abduction or an assassination is its own happening
FORCE_MODES = frozenset({None, "aerial", "armed", "artillery", "explosives"})
# likewise a foiled crossing, the arrests and the seizures of one security operation
CONSTRAINT_MODES = frozenset({None, "arrest", "seize", "block", "raid"})
TOLD_DIFFERENTLY = {"ASSAULT": FORCE_MODES, "COERCE": CONSTRAINT_MODES}


def _modes_agree(a: Event, b: Event) -> bool:
    """Whether two events' modes allow one happening: the same mode, or any kind of force (of constraint)
    when one of the two names nobody («وسقطت قذائف …» after «شنت القوات هجوما …»)."""
    if a.mode is None or b.mode is None or a.mode == b.mode or a.type == "CONSULT":
        return True
    modes = TOLD_DIFFERENTLY.get(a.type, frozenset())
    return a.mode in modes and b.mode in modes and not (_named(a) and _named(b))


CAUSE_REACH = 3  # words between a cause word and the attack it names («جراء الاشتباكات», «في غارة جوية»)


def _casualty_of(m: Morphology, doc: Document, prev: Event, ev: Event) -> bool:
    """Whether `prev` is a death or injury (an ASSAULT of no mode) that a cause word ties to the attack `ev` told
    after it in the same sentence («لقي 7 مصرعهم جراء انفجار», «مقتل عشرة خلال مواجهات»)."""
    if prev.type != "ASSAULT" or ev.type != "ASSAULT" or prev.mode or prev.trigger is None or ev.trigger is None \
            or prev.trigger.end > ev.trigger.start:
        return False
    between = doc.text[prev.trigger.end:ev.trigger.start].split()[-(CAUSE_REACH + 1):]
    causes = m.lexicon.words("cause_words")
    return any(norm_char_key(w) in causes for w in between) or any(
        s in causes for w in between[-1:] for _, s in m.stems(norm_char_key(w)))


def _sides(doc: Document, ev: Event) -> set[str]:
    """Return the states of an event's actors: a state itself, or the country of a named actor."""
    out = set()
    for a in ev.actors:
        e = doc.entity(a)
        country = a.split(":", 1)[1] if a.startswith("country:") else (e.country if e is not None else None)
        if country:
            out.add(country)
    return out


def _opposed(doc: Document, a: Event, b: Event) -> bool:
    """Whether two acts of force are done by different sides («أطلقت إيران صواريخ على الجولان» and «ردت إسرائيل
    بغارات»): the states of their actors are known and share none. Such acts are two happenings."""
    if a.type not in FORCE_TYPES:
        return False
    sa, sb = _sides(doc, a), _sides(doc, b)
    return bool(sa and sb and not sa & sb)


def _repeated(m: Morphology, ev: Event) -> bool:
    """Whether an event's sentence tells of acts done again and again («قصفت إسرائيل مرارا أهدافا …»; lexicon
    `iterative_words`): a pattern of its own, never one happening told twice."""
    words = m.lexicon.words("iterative_words")
    return any(m.bare(norm_char_key(w)) in words for w in ev.evidence.text.split())


def _may_tell_again(m: Morphology, doc: Document, prev: Event, ev: Event) -> bool:
    """Whether `ev` may be `prev` told again: same type, date, negation and mode, neither an iterated act, and not
    acts of force by opposed sides."""
    return prev.type == ev.type and _dates_agree(prev, ev) and prev.negated == ev.negated \
        and _modes_agree(prev, ev) and not _repeated(m, prev) and not _opposed(doc, prev, ev)


def _merge_target(m: Morphology, doc: Document, events: list[Event], ev: Event, sent_no: dict[int, int],
                  touched: dict[str, int], own_clause: bool = False) -> Event | None:
    """Return the event `ev` tells again, or None. One built from a new clause with its own subject
    (`own_clause`: «…، ليجري بعدها روحاني اتصالا مع تميم») is not merged with an act told before it in its sentence."""
    here = sent_no[ev.evidence.start]
    if _repeated(m, ev):
        return None
    ordered = [p for p in sorted(events, key=lambda e: -touched[e.id]) if _may_tell_again(m, doc, p, ev)
               and not (own_clause and p.evidence.start == ev.evidence.start)]
    for prev in ordered:
        if _named(prev) & _named(ev) and prev.modality == ev.modality:
            return prev
    for prev in ordered:
        shared = _named(prev) & _named(ev)
        same_sentence = any(m.start == ev.evidence.start for m in prev.mentions)
        if same_sentence:
            if _casualty_of(m, doc, prev, ev):
                return prev  # «مقتل عشرة حوثيين خلال مواجهات مع الجيش»: the deaths are the clash's
            if _named(ev) and _named(prev) and not shared and not _coordinated(m, ev):
                continue  # two different meetings told in one sentence
            return prev
        near = here - max(sent_no[m.start] for m in prev.mentions) <= MERGE_WINDOW
        if near and prev.modality == ev.modality and (
                _refers_back(m, doc, ev) or (not _named(ev) and _countries(ev) <= _countries(prev, doc))
                or (not _named(prev) and _countries(prev) <= _countries(ev, doc))):
            return prev  # an anaphor, or a headline's «مباحثات أمنية ليبية» told in full later
    return None


def _told_again(m: Morphology, doc: Document, events: list[Event], ev: Event) -> Event | None:
    """Return the earlier event of the article that `ev` tells again with the same word («غداة إجلاء أكثر من 400
    شخص» … «غداة إجلاء أكثر من 400 منهم» … «ونددت دمشق بإجلاء إسرائيل للمجموعة»): same type (not an act of force,
    where one word serves many strikes), mode, date, modality and negation, by no other actor; else None."""
    if ev.type in FORCE_TYPES or _repeated(m, ev):
        return None
    for prev in reversed(events):
        if _may_tell_again(m, doc, prev, ev) and prev.modality == ev.modality and _same_word(m, prev, ev) \
                and (not ev.actors or not prev.actors or set(ev.actors) <= set(prev.actors)):
            return prev
    return None


def _same_word(m: Morphology, a: Event, b: Event) -> bool:
    """Whether two events' triggers are the same word, read without proclitics and article («إجلاء», «بإجلاء»)."""
    if a.trigger is None or b.trigger is None:
        return False

    def stems(ev: Event) -> set[str]:
        key = norm_char_key(ev.trigger.text.split()[0]) if ev.trigger.text.split() else ""
        return {m.without_article(s) for _, s in m.stems(key)}

    return bool(stems(a) & stems(b))


def _add_or_merge(m: Morphology, doc: Document, events: list[Event], ev: Event, sent_no: dict[int, int],
                  touched: dict[str, int], step: int, own_clause: bool = False) -> None:
    target = _merge_target(m, doc, events, ev, sent_no, touched, own_clause)
    if target is not None:
        _merge_into(m, target, ev, doc)
        touched[target.id] = step
    elif (again := _told_again(m, doc, events, ev)) is not None:
        contexts = again.contexts  # what a later retelling's sentence is about is not the act's own agenda
        _merge_into(m, again, ev, doc)
        again.contexts = contexts
    elif ev.participants or ev.type in UNNAMED_ACTOR_TYPES:
        ev.id = f"e{len(events) + 1}"
        events.append(ev)
        touched[ev.id] = step
