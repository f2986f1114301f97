"""Trigger finding: the lexicon words that tell an event in each sentence, checked by the trained detector,
and the features that detector reads."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from marsad.extract.detector import ASSERTED, features
from marsad.extract.events.filters import (
    _drop_declined_comments,
    _drop_occurrences,
    _drop_rejected_accusations,
    _drop_warnings,
    _join_light_verbs,
)
from marsad.extract.events.hit import _Hit
from marsad.extract.events.markers import (
    _mark_act_subjects,
    _mark_aircraft_subjects,
    _mark_convictions,
    _mark_governed,
    _mark_pledges,
)
from marsad.extract.events.modality import _modality
from marsad.lexicon import Lexicon, Trigger
from marsad.model import Document, Sentence
from marsad.text.morphology import Morphology
from marsad.text.normalize import fuses, join_keys, phrase_heads

FEARED_REACH = 3  # words before an act that a word of fear, precaution or penalty may stand («خشية تعرضهم للاعتقال»)


def _inflected_verb_after_preposition(m: Morphology, proclitics: str, stem: str, t: Trigger) -> bool:
    """Whether a reading puts a preposition before an inflected past verb, which Arabic never does: «بدأنا» (we
    began) is not «ب» + «دانا» (they two condemned). The bare lemma stays: it is also the verbal noun («بطرد»)."""
    if t.kind != "V" or not any(c in m.prepositions for c in proclitics):
        return False
    table = m.lexicon.triggers
    return any(stem.endswith(suf) and (lemma := table.get(stem[:-len(suf)])) is not None and lemma.kind == "V"
               for suf in m.lexicon.past_suffixes)


@lru_cache(maxsize=1 << 15)  # words recur; bounded as the morphology's caches (Trigger is frozen)
def _lookup(m: Morphology, key: str, text: str) -> Trigger | None:
    """Return the trigger a word reads as, after its proclitics and, failing that, its enclitic pronoun."""
    table = m.lexicon.triggers
    for r in m.readings(key):
        t = table.get(r.stem)
        if t and not _inflected_verb_after_preposition(m, r.proclitics, r.stem, t):
            return t
    pronoun = m.enclitic(text)  # read on the original letters: «طلبة» (students) has no pronoun
    if not pronoun:
        return None
    for _, stem in m.stems(key):
        base = stem[:-len(pronoun)]
        if len(base) < 3:
            continue
        cands = [base] + [base[:-len(w)] + f for w, f in m.lexicon.pronoun_stem_ends if base.endswith(w)]
        for c in cands:
            t = table.get(c)
            if t:
                return t
    return None


def _blocked_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans where a trigger-like word is no trigger: inside a name («فجر ليبيا») or a time phrase."""
    spans = [(mn.start, mn.end) for e in doc.entities for mn in e.mentions]
    spans += [(t.start, t.end) for t in doc.times]
    return spans


def _topic(m: Morphology, toks: list, i: int, trig: Trigger) -> bool:
    """Whether a trigger noun is the topic of the noun before it («أهمية تنسيق», «في إطار التعاون»)."""
    if i == 0 or m.is_imperfect(m.bare(toks[i].key)):
        return False
    heads = m.lexicon.words("topic_heads")
    return any(stem in heads or m.without_article(stem) in heads for _, stem in m.stems(toks[i - 1].key))


def _word_keys(m: Morphology, key: str) -> set[str]:
    return {k for _, stem in m.stems(key) for k in (stem, m.without_article(stem))}


def _vetoed(m: Morphology, toks: list, hit: _Hit) -> bool:
    """Whether a word beside a trigger makes it no event of its type (lexicon `trigger_vetoes`): the head noun
    it modifies, right before it («غرفة عمليات»), the attack it is the object of, up to six words before it
    («قصفت مقاتلات التحالف تعزيزات»), or a word up to two («لقاء مع مجلة») or six words after it («طردت القوات
    مسلحي التنظيم»)."""
    vetoes = m.lexicon.trigger_vetoes
    specs = {hit.trigger.type, f"{hit.trigger.type}/{hit.trigger.mode}"}
    near = [("head", t) for t in toks[max(hit.tok_start - 1, 0):hit.tok_start]]
    near += [("before", t) for t in toks[max(hit.tok_start - 6, 0):hit.tok_start]]
    near += [("next", t) for t in toks[hit.tok_end:hit.tok_end + 2]]
    near += [("after", t) for t in toks[hit.tok_end:hit.tok_end + 6]]
    return any(specs & vetoes.get(where, {}).get(k, frozenset()) for where, t in near for k in _word_keys(m, t.key))


def _counted_noun(m: Morphology, toks: list, i: int) -> bool:
    """Whether a circumstantial participle («متهما») is a noun here: counted or after a preposition («على 16
    متهما» are sixteen defendants, not an accusation)."""
    if i == 0 or m.bare(toks[i].key) not in m.lexicon.words("circumstantial_participles"):
        return False
    prev = toks[i - 1].key
    return prev[:1].isdigit() or prev in m.lexicon.words("object_prepositions") or \
        prev in m.lexicon.words("quantity_words")


@lru_cache(maxsize=4)
def _phrase_heads(lexicon: Lexicon) -> frozenset[str]:
    """Return the first words of the trigger phrases of a lexicon (`phrase_heads`)."""
    return phrase_heads(lexicon.triggers)


def _find_triggers(m: Morphology, sent: Sentence, blocked: list[tuple[int, int]] = ()) -> list[_Hit]:
    table = m.lexicon.triggers
    hits: list[_Hit] = []
    toks = sent.tokens
    inside = [(a, b) for a, b in blocked if a < sent.end and b > sent.start]
    i = 0
    denied_at: int | None = None
    heads = _phrase_heads(m.lexicon)
    while i < len(toks):
        found = None
        # only a reading that opens a trigger phrase (or fuses with the next word) can start one
        firsts = [first for _, first in m.stems(toks[i].key) if first in heads or fuses(first)]
        for width in (3, 2) if firsts else ():  # the longest phrase first: «حذر من خطورة» is no threat, «حذر» can be
            if i + width > len(toks):
                continue
            rest = [t.key for t in toks[i + 1:i + width]]
            for first in firsts:
                t = table.get(join_keys([first, *rest]))
                if t:
                    found = (i + width, t)
                    break
            if found:
                break
        if found is None:
            t = _lookup(m, toks[i].key, toks[i].text)
            if t:
                found = (i + 1, t)
        if found is None:
            i += 1
            continue
        end, trig = found
        if trig.type == "-":
            if trig.mode == "figurative":
                hits = [h for h in hits if h.tok_end < i - 2]
            elif trig.mode and trig.mode.startswith("not:"):
                vetoed = trig.mode[4:]
                hits = [h for h in hits if h.trigger.type != vetoed or h.tok_end < i - 6]
        elif not any(a <= toks[i].start < b for a, b in inside) and not _counted_noun(m, toks, i):
            if not _topic(m, toks, i, trig):
                hits.append(_Hit(sent, i, end, trig))
            elif denied_at is not None and trig.type != "REJECT":
                # «نفت الوزارة … بشأن لقاء مرتقب»: the topic of a denial is an event said not to happen
                hits.append(_Hit(sent, i, end, trig, denied=True))
        if trig.type == "REJECT" and m.bare(toks[i].key) in m.lexicon.words("denial_verbs"):
            denied_at = i
        i = end
    return [h for h in hits if not _vetoed(m, toks, h)]


def feared(m: Morphology, toks: list, hit: _Hit) -> bool:
    """Whether a word up to FEARED_REACH words before the trigger makes the act one feared, braced for or held
    over someone as a penalty (lexicon `feared_acts`: «تحسبا لضربات محتملة», «تحت طائلة الانسحاب»), not done.
    Read after the detector (`add_events`), so what the detector is trained and measured on stays the rules'
    hits."""
    cues = m.lexicon.words("feared_acts")
    first = max(hit.tok_start - FEARED_REACH, 0)
    keys = [m.bare(t.key) for t in toks[max(first - 1, 0):hit.tok_start]]
    offset = first - max(first - 1, 0)  # the window's first word may close a two-word cue opened just before it
    return any(k in cues or (j and f"{keys[j - 1]} {k}" in cues) for j, k in enumerate(keys) if j >= offset)


def _detected(m: Morphology, doc: Document, sent: Sentence, found: list[_Hit], detector: Any) -> list[_Hit]:
    """Return the hits the trained detector accepts (all of them for types it does not cover)."""
    if detector is None or not found:
        return found
    out = [h for h in found if fight_mode(m, h)]
    judged = [h for h in found if not fight_mode(m, h)]
    for typ in dict.fromkeys(h.trigger.type for h in judged):
        group = [h for h in judged if h.trigger.type == typ]
        feats = hit_features(m, doc, sent, group) if detector.covers(typ) else []
        # the detector judges reports of acts; a planned, hypothetical or denied one keeps its modality
        if feats and ASSERTED in feats and not detector.accepts(typ, feats):
            continue
        out.extend(group)
    return sorted(out, key=lambda h: h.tok_start)


def fight_mode(m: Morphology, hit: _Hit) -> bool:
    """Whether a hit is conventional military force (air strikes, shelling: lexicon `fight_modes`), which
    PLOVER codes as FIGHT: the detector, trained on PLOVER's narrower ASSAULT, does not judge it. A definite noun
    after a preposition («علق على الغارة», «تحدث عن القصف») names a strike told elsewhere: the detector judges it."""
    if (hit.trigger.mode or "") not in m.lexicon.words("fight_modes"):
        return False
    toks = hit.sent.tokens
    key = toks[hit.tok_start].key
    if hit.trigger.kind == "N" and any(m.has_article(s) for _, s in m.stems(key)):
        prev = toks[hit.tok_start - 1].key if hit.tok_start > 0 else ""
        if m.preposition_stem(key) is not None or prev in m.lexicon.words("object_prepositions"):
            return False
    return True


def _named_in(doc: Document, sent: Sentence) -> bool:
    return any(sent.start <= mn.start < sent.end for e in doc.entities if e.type in ("PER", "ORG")
               for mn in e.mentions)


def hit_features(m: Morphology, doc: Document, sent: Sentence, group: list[_Hit]) -> list[str]:
    """Return the detector's features of a sentence's trigger hits of one type."""
    modality, negated = _modality(m, sent, group[0], doc)
    if group[0].modality and modality == "asserted":
        modality = group[0].modality
    return features(m, sent, [(h.tok_start, h.tok_end, h.trigger) for h in group], _named_in(doc, sent),
                    modality, negated)


def sentence_hits(m: Morphology, doc: Document) -> list[tuple[Sentence, list[_Hit]]]:
    """Return each sentence with its trigger hits (support verbs folded into their nouns, acts governed
    by a threat or demand marked), before the detector's check: what the detector is trained on."""
    blocked = _blocked_spans(doc)
    out = []
    for sent in doc.sentences:
        found = _drop_warnings(m, _join_light_verbs(_drop_occurrences(m, _find_triggers(m, sent, blocked))))
        found = _drop_declined_comments(m, _drop_rejected_accusations(found))
        _mark_convictions(m, found)
        _mark_pledges(m, found)
        _mark_governed(found)
        _mark_act_subjects(m, found)
        _mark_aircraft_subjects(m, found)
        out.append((sent, found))
    return out
