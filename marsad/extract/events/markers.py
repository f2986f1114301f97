"""Marks set on trigger hits from their neighbours: an act that is the subject of a verb, a conviction, a
pledge, an act governed by a threat or demand, an aim folded into its act."""

from __future__ import annotations

from dataclasses import replace

from marsad.extract.events.hit import _Hit, _names_word, _verb_forms
from marsad.model import Event
from marsad.text.morphology import Morphology

GOVERNED_GAP = 3  # words a threat or demand may stand before the act it threatens or demands
# what a threat, a demand or a refusal is about has not happened: «هدد بإعدام», «طالب بالإفراج», «رفض التدخل»
GOVERNING_TYPES = frozenset({"THREATEN", "REQUEST", "REJECT"})

INSTRUMENT_GAP = 6  # words between an act and the weapon it is done with («تقصف القوات الحكومية منذ أيام بالقذائف»)
AIM_GAP = 3  # words between an act and the «ل» + verbal noun that says its aim («عملية عسكرية واسعة لتحرير»)
ACT_SUBJECT_GAP = 2  # words (adjectives, a nisba) between an act's noun and the verb it is the subject of


def _mark_act_subjects(m: Morphology, found: list[_Hit]) -> None:
    """Mark a verb whose subject is the act named just before it: in «قصف إسرائيلي استهدف موقعا لحركة …» and
    «هجوم انتحاري استهدف …» those named after the verb are what was hit, not who hit it. A word that is
    verb or noun («قصف») is the noun when an adjective or a nisba follows it."""
    adjectives = m.lexicon.words("act_adjectives")
    for prev, h in zip(found, found[1:], strict=False):
        if h.trigger.kind != "V" or h.trigger.order != "sv" or prev.trigger.type != h.trigger.type:
            continue
        between = h.sent.tokens[prev.tok_end:h.tok_start]
        describes = bool(between) and all(
            m.nisba_of(t.key) or m.without_article(t.key) in adjectives for t in between)
        if len(between) <= ACT_SUBJECT_GAP and (prev.trigger.kind == "N" or describes):
            h.subject_is_act = True


def _mark_aircraft_subjects(m: Morphology, found: list[_Hit]) -> None:
    """Give an attack verb of no mode or of the generic mode armed the mode aerial when an aircraft is its subject,
    right after it («هاجمت
    طائرة حربية مواقع …», «قصفت مروحيات …»; lexicon `aircraft_words`)."""
    for h in found:
        if h.trigger.type != "ASSAULT" or h.trigger.mode not in (None, "", "armed") or \
                h.trigger.kind not in ("V", "I") or h.tok_end >= len(h.sent.tokens):
            continue
        toks = h.sent.tokens
        # where the subject stands: right after the verb, after a support verb inside the hit («شن الطيران …
        # هجوما»), or right before the verb, past its nisba («الطيران الإسرائيلي استهدف»)
        subject = toks[h.tok_end:h.tok_end + 1]
        if h.tok_end - h.tok_start > 1:
            subject += toks[h.tok_start + 1:h.tok_start + 2]
        before = toks[max(0, h.tok_start - 2):h.tok_start]
        subject += before if before and m.nisba_of(before[-1].key) else before[-1:]
        if _names_word(m, subject, "aircraft_words"):
            h.trigger = replace(h.trigger, mode="aerial")


def _after_min(m: Morphology, hit: _Hit) -> bool:
    """Whether the word right before a trigger is «من» (what one is warned against)."""
    return hit.tok_start > 0 and m.bare(hit.sent.tokens[hit.tok_start - 1].key) in m.lexicon.words("warned_of")


COURT_REACH = (3, 2)  # words before and after «أدان» where the court that convicts may stand


def _mark_convictions(m: Morphology, found: list[_Hit]) -> None:
    """Retype «أدان» / «إدانة» with a court or judge next to it (lexicon `court_words`) as a sentence: «أدانت محكمة
    بريطانية مراهقا بالشروع في القتل» is a conviction (COERCE), not a condemnation (ACCUSE)."""
    forms = m.lexicon.words("conviction_verbs")
    for h in found:
        toks = h.sent.tokens
        if h.trigger.type != "ACCUSE" or m.bare(toks[h.tok_start].key) not in forms:
            continue
        near = toks[max(0, h.tok_start - COURT_REACH[0]):h.tok_start] + toks[h.tok_end:h.tok_end + COURT_REACH[1]]
        if _names_word(m, near, "court_words"):
            h.trigger = replace(h.trigger, type="COERCE", mode="sentence")


PLEDGE_REACH = 12  # words after a verb of pledging where a word of retaliation may stand («تعهد الرئيسان برد»)


def _mark_pledges(m: Morphology, found: list[_Hit]) -> None:
    """A pledge of retaliation is a threat («تعهد مسؤولون إيرانيون برد انتقامي»); an act pledged right after a pledge
    is planned, by the one pledging («تعهدت الحكومة بتقديم الدعم»)."""
    pledges = _verb_forms(m.lexicon, "pledge_verbs")
    for j, h in enumerate(found):
        toks = h.sent.tokens
        if h.trigger.type != "AGREE" or m.bare(toks[h.tok_start].key) not in pledges:
            continue
        if _names_word(m, toks[h.tok_end:h.tok_end + PLEDGE_REACH], "retaliation_words"):
            h.trigger = replace(h.trigger, type="THREATEN")
            continue
        nxt = found[j + 1] if j + 1 < len(found) else None
        if nxt is not None and nxt.tok_start - h.tok_end <= GOVERNED_GAP and nxt.trigger.type not in GOVERNING_TYPES:
            nxt.modality = "planned"
            nxt.governed_by = h


def _governed_actor(ev: Event, asks: bool, by: Event, pledged: bool = False) -> None:
    """Give an act with no actor the one its threat or refusal names («هدد الحوثيون باستهداف السفن»: the
    Houthis would strike; «رفضت تركيا الانسحاب»: Turkey would withdraw), or, when the governing act `asks` (a
    demand, a warning), the one asked or warned («طالبت مصر إسرائيل بالانسحاب»: Israel would withdraw). A
    `pledged` act is always the pledger's («تعهدت الحكومة بتقديم الدعم للجيش»: the army receives)."""
    if ev.actors and not pledged:
        return
    doer = by.recipients[:1] if asks else by.actors[:1]
    if not doer:
        return
    ev.recipients = [r for r in dict.fromkeys(ev.recipients + ev.actors) if r not in doer]
    ev.actors = doer
    ev.participants = list(dict.fromkeys(ev.participants + doer))


def _mark_governed(found: list[_Hit]) -> None:
    """Mark as hypothetical an act right after a threat, demand or refusal of it."""
    for prev, h in zip(found, found[1:], strict=False):
        if prev.trigger.type in GOVERNING_TYPES and h.tok_start - prev.tok_end <= GOVERNED_GAP:
            h.modality = "hypothetical"
            h.governed_by = prev


def _fold_aims(m: Morphology, found: list[_Hit]) -> list[_Hit]:
    """Drop an act told with «ل» of purpose right after an act of its type that it is the aim of («أطلق الجيش
    عملية عسكرية لتحرير مدينة ميدي» is one offensive, whose segment then reaches over the town and its foes), and
    the weapon an act is done with («تقصف القوات … بالقذائف والصواريخ مواقع …», which gives the act its mode)."""
    out: list[_Hit] = []
    for h in found:
        prev = out[-1] if out else None
        if prev is not None and prev.trigger.type == h.trigger.type:
            key, gap = h.sent.tokens[h.tok_start].key, h.tok_start - prev.tok_end
            if gap <= AIM_GAP and m.lam_stem(key) is not None:
                continue
            if gap <= INSTRUMENT_GAP and m.bare(key)[:1] in m.lexicon.words("instrument_prepositions") \
                    and m.preposition_stem(m.bare(key)) is not None:
                if h.trigger.mode and prev.trigger.mode:  # a killing («قتل … بإطلاق نار») keeps its own reading
                    prev.trigger = replace(prev.trigger, mode=h.trigger.mode)
                continue
        out.append(h)
    return out
