"""PLOVER events: trigger words, their participants, date, place, contexts and modality.

Each trigger opens a segment of its sentence that runs to the next trigger; the persons,
organisations and states named there take part (Arabic news is verb-first, so the first
one named acts). Mentions of one happening across sentences are then merged into one
event: the same type sharing a named participant, or an anaphoric «اللقاء» / «الاجتماع»
with nobody new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from marsad.extract.contexts import keyword_contexts
from marsad.extract.detector import ASSERTED, features
from marsad.extract.time import NOT_EVENT_DATES
from marsad.lexicon import Lexicon, Trigger
from marsad.model import Document, Entity, Event, Sentence, Span, TimeExpr
from marsad.text.morphology import Morphology
from marsad.text.normalize import fuses, join_keys, name_key, norm_char_key, phrase_heads

# happenings that are events even when the text names nobody who acted («انفجرت سيارة مفخخة»)
UNNAMED_ACTOR_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})


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
    modality: str | None = None  # set when the sentence decides it («هدد بإعدام»: threatened, not done)
    subject_is_act: bool = False  # a verb whose subject is the act before it («قصف إسرائيلي استهدف …»)
    denied: bool = False  # the topic of a denial («نفت … بشأن لقاء»): reported as not happening
    own_clause: bool = False  # opens a new clause of its sentence with its own subject («…، ليجري بعدها روحاني …»)
    governed_by: _Hit | None = None  # the threat, demand or refusal right before that this act is the object of


@lru_cache(maxsize=1 << 15)  # words recur; bounded as the morphology's caches (Trigger is frozen)
def _lookup(m: Morphology, key: str, text: str) -> Trigger | None:
    """Return the trigger a word reads as, after its proclitics and, failing that, its enclitic pronoun."""
    table = m.lexicon.triggers
    for _, stem in m.stems(key):
        t = table.get(stem)
        if t:
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
    return hits


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


OCCURRENCE_REACH = 2  # words between «وقع» (took place) and the event noun that is its subject


SIGNED_REACH = (3, 16)  # words before and after «وقع» where what is signed may stand (past the signers' names)


@lru_cache(maxsize=8)
def _verb_forms(lexicon: Lexicon, name: str) -> frozenset[str]:
    """Every inflected trigger form of the past-verb lemmas of the lexicon list `name`."""
    lemmas = lexicon.words(name)
    return frozenset(lemmas | {f for w in lemmas for f in lexicon.trigger_forms(f"V:{w}")})



def _names_word(m: Morphology, toks: list, name: str) -> bool:
    """Whether a word of the lexicon list `name` stands among `toks`, read through its proclitics and article."""
    words = m.lexicon.words(name)
    return any(s in words or m.without_article(s) in words for t in toks for _, s in m.stems(t.key))


def _signs_something(m: Morphology, hit: _Hit) -> bool:
    """Whether a «وقع» hit has a signed thing near it (`signed_nouns`): else it means "took place, fell"."""
    toks = hit.sent.tokens
    near = toks[max(0, hit.tok_start - SIGNED_REACH[0]):hit.tok_start] + toks[hit.tok_end:hit.tok_end + SIGNED_REACH[1]]
    return _names_word(m, near, "signed_nouns")


INTERCEPTED_REACH = 8  # words after an interception or launch verb (past its subject) where what it hit may stand
# modes whose verbs are force only with a thing of a lexicon table after them, which gives the act its mode
OBJECT_MODES = {"interception": "intercepted_things.tsv", "launch": "launched_things.tsv"}


@lru_cache(maxsize=8)
def _thing_modes(lexicon: Lexicon, name: str) -> dict[str, str]:
    return {norm_char_key(r[0]): r[1] for r in lexicon.rows(name)}


def _thing_mode(m: Morphology, hit: _Hit) -> str | None:
    """Return the mode an interception or launch hit takes from what follows it (`OBJECT_MODES`), or None when
    nothing of the kind does: «أسقطت الدفاعات الجوية طائرة مسيرة» (interception), «أطلقت الحركة صواريخ» (artillery),
    «أطلق مسلحون النار» (armed) are force; «أسقط النظام», «اعترض على القرار», «أطلق حملة» are not."""
    table = _thing_modes(m.lexicon, OBJECT_MODES[hit.trigger.mode or ""])
    for t in hit.sent.tokens[hit.tok_end:hit.tok_end + INTERCEPTED_REACH]:
        for _, s in m.stems(t.key):
            mode = table.get(s) or table.get(m.without_article(s))
            if mode:
                return mode
    return None


def _drop_occurrences(m: Morphology, found: list[_Hit]) -> list[_Hit]:
    """Drop a signing verb that means "took place": «وقع» next to a happening («ووقعت اشتباكات», «الهجوم
    وقع يوم السبت», «وقعت مناوشات مع الشرطة») or with nothing signed near it («الاضطرابات التي وقعت عام 2011»)."""
    verbs, nouns = m.lexicon.words("occurrence_verbs"), m.lexicon.words("occurrence_nouns")
    out = []
    for h in found:
        toks = h.sent.tokens
        signing = h.trigger.form in _verb_forms(m.lexicon, "signing_verbs")
        if h.trigger.type == "AGREE" and signing and not _signs_something(m, h):
            continue
        if h.trigger.mode in OBJECT_MODES:
            mode = _thing_mode(m, h)
            if mode is None or any(o.trigger.type == "ASSAULT" and o.trigger.mode == "artillery"
                                   and 0 <= o.tok_start - h.tok_end < INTERCEPTED_REACH for o in found):
                continue  # «اعترضت الدفاعات صاروخا باليستيا أطلقه …»: the missile attack is the event, by who fired it
            h.trigger = replace(h.trigger, mode=mode)
        if h.trigger.type == "AGREE" and h.tok_end - h.tok_start == 1 and m.bare(toks[h.tok_start].key) in verbs:
            near = range(max(0, h.tok_start - OCCURRENCE_REACH), min(len(toks), h.tok_end + OCCURRENCE_REACH))
            other = any(o is not h and o.trigger.type != "AGREE" and (o.tok_start in near or o.tok_end - 1 in near)
                        for o in found)
            if other or any(m.bare(toks[j].key) in nouns for j in near if j != h.tok_start):
                continue
        out.append(h)
    return out


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


NAMED_PARTIES = frozenset({"PER", "ORG"})


def _mentions_in(doc: Document, start: int, end: int) -> list[tuple[int, Entity]]:
    """Return (start, entity) of each mention inside [start, end), in text order; a person or organisation named
    inside a longer one («الحوثي» in «ميليشيات الحوثي») is part of that name, not a party of its own."""
    spans = [(mn.start, mn.end, e) for e in doc.entities for mn in e.mentions if start <= mn.start and mn.end <= end]
    named = [(a, b) for a, b, e in spans if e.type in NAMED_PARTIES]
    return sorted(((a, e) for a, b, e in spans
                   if e.type not in NAMED_PARTIES or not any(x <= a and b <= y and (x, y) != (a, b) for x, y in named)),
                  key=lambda x: x[0])


def _country_refs(m: Morphology, doc: Document, sent: Sentence, start: int, end: int) -> list[str]:
    """States taking part as groups: «وفد أمني مصري» → country:EG; «بين مصر وليبيا» → both."""
    toks = [t for t in sent.tokens if start <= t.start and t.end <= end]
    trig_keys = m.lexicon.triggers
    groups = m.lexicon.words("group_nouns")

    def group_or_trigger(key: str) -> bool:
        return key in groups or key[1:] in groups or any(r in trig_keys for _, r in m.stems(key))

    # «وفد أمني مصري», «اجتماع مصري ليبي»
    refs = [f"country:{iso}" for _, iso in _nisbas_after(m, toks, group_or_trigger)]
    line = doc.dateline or {}
    for pos, e in _mentions_in(doc, start, end):
        if line.get("start") is not None and line["start"] <= pos < (line.get("end") or 0):
            continue  # where the report was filed from
        if e.type == "LOC" and e.country:
            p = m.lexicon.places.get(norm_char_key(e.name))
            if p is None or p.kind == "country":
                refs.append(f"country:{e.country}")
    return list(dict.fromkeys(refs))


NISBA_REACH = 3  # words back from a nisba that the noun it describes may stand


def _state_of(m: Morphology, key: str) -> str | None:
    """Return the state a nisba names, or None; not for a nisba-shaped word that more often means something
    else («مالية»: financial, lexicon `nisba_homographs`)."""
    iso = m.nisba_of(key)
    if iso is None or m.without_article(m.bare(key)) in m.lexicon.words("nisba_homographs"):
        return None
    return iso


def _nisbas_after(m: Morphology, toks: list, is_head: Callable[[str], bool]) -> list[tuple[Any, str]]:
    """Return (token, state) of each nisba with a word `is_head` accepts up to NISBA_REACH words before it."""
    out = []
    for j, t in enumerate(toks):
        iso = _state_of(m, t.key)
        if iso and any(is_head(toks[k].key) for k in range(max(0, j - NISBA_REACH), j)):
            out.append((t, iso))
    return out


def _delegation(m: Morphology, hit: _Hit) -> bool:
    """A state meets as a delegation («وفد أمني مصري») or by its name next to the trigger."""
    toks = [t for t in hit.sent.tokens if hit.seg_start <= t.start < hit.seg_end]
    keys = [k for t in toks for _, k in m.stems(t.key)[:2]]
    if any(k in m.lexicon.words("delegation_nouns") for k in keys):
        return True
    nxt = hit.sent.tokens[hit.tok_end:hit.tok_end + 2]
    return any(m.nisba_of(t.key) for t in nxt)


PURPOSE_REACH = 3  # words before an act that a purpose or attempt cue may stand
CANCEL_REACH = 6  # words before an act that a cancellation cue may stand («ألغى الرئيس المصري … زيارته»)


def _not_only(m: Morphology, toks: list, hit: _Hit) -> bool:
    """Whether a negated act is the first half of «لا … فحسب بل …» (not only … but also), which asserts it."""
    only, but = m.lexicon.words("not_only_words"), m.lexicon.words("but_also_words")
    after = [t.key for t in toks[hit.tok_end:]]
    first = next((j for j, k in enumerate(after) if k in only), None)
    return first is not None and any(k in but for k in after[first + 1:])


def _modality(m: Morphology, sent: Sentence, hit: _Hit, doc: Document) -> tuple[str, bool]:
    lex = m.lexicon
    toks = sent.tokens
    before = [t.key for t in toks[max(0, hit.tok_start - 4):hit.tok_start]]
    bare_before = [m.bare(k) for k in before]
    trig = m.bare(toks[hit.tok_start].key)
    negated = (any(k in lex.words("negation_words") for k in bare_before[-2:]) and not _not_only(m, toks, hit)) or any(
        m.bare(t.key) in lex.words("cancel_cues") for t in toks[max(0, hit.tok_start - CANCEL_REACH):hit.tok_start])
    # «سيزور» is future only as a verb: «سيارة مفخخة» starts with the same letters
    future_verb = m.is_future_verb(trig) and trig[1:] in lex.triggers
    after = m.without_article(m.bare(toks[hit.tok_end].key)) if hit.tok_end < len(toks) else ""
    if any(k in lex.words("future_cues") for k in bare_before) or future_verb or \
            after in lex.words("planned_adjectives"):
        return "planned", negated  # «سوف يزور», «سيزور», «لقاء مرتقب»
    if any(k in lex.words("conditional_cues") for k in bare_before):
        return "hypothetical", negated  # «إذا زودت … بالأسلحة»: a condition, whatever the tense
    if any(m.without_article(k) in lex.words("possibility_nouns") for k in bare_before):
        return "hypothetical", negated  # «احتمال فرض حظر», «إمكانية فرض عقوبات»: a possibility, not a deed
    cues = [j for j, k in enumerate(bare_before) if k in lex.words("purpose_cues")
            and j >= len(bare_before) - PURPOSE_REACH]
    if cues and not any(k in lex.words("negation_words") for k in bare_before[max(0, cues[-1] - 2):cues[-1]]):
        return "hypothetical", negated  # «بهدف طرد», «يترددون في الانسحاب»: an aim, not a deed
    past_end = tuple(lex.words("verb_subject_endings"))
    imperfect = hit.trigger.kind == "I" or (hit.trigger.kind == "N" and m.is_imperfect(trig)) or (
        not hit.trigger.kind and m.is_imperfect(trig) and not trig.endswith(past_end))
    if hit.trigger.kind == "I" and bare_before and bare_before[-1] in lex.words("subjunctive_particles"):
        return "hypothetical", negated  # «حتى تنسحب», «كي يفرجوا»: an aim or a term, not yet reached
    hypo = [j for j, k in enumerate(bare_before) if k in lex.words("hypothetical_cues")]
    # «قد تشمل» is a maybe; «وقد نفت» (a past form, though «ن» starts it) asserts
    if hypo and (imperfect or any(m.is_imperfect(k) for k in bare_before[hypo[-1] + 1:])):
        return "hypothetical", negated  # «قد تشمل»; «فقد بحث» (قد + past) asserts
    sent_keys = {t.key for t in toks}
    if hit.trigger.type == "AID" and sent_keys & lex.words("offer_words"):
        return "offered", negated
    return "asserted", negated


def _dates_in(times: list[TimeExpr], start: int, end: int) -> list[TimeExpr]:
    """The time expressions in [start, end) that may date an event (not names, period ends, lengths)."""
    return [t for t in times if start <= t.start < end and t.kind not in NOT_EVENT_DATES]


def _date_dict(t: TimeExpr) -> dict:
    return {"value": t.value, "precision": t.precision, "text": t.text}


def _date_for(m: Morphology, times: list[TimeExpr], hit: _Hit) -> dict | None:
    """The date of a trigger's clause: the nearest dating expression of its segment, else of the sentence before
    its segment (a report's own date: «قال الوزير أمس إن …»), never of another trigger's segment after it, nor
    one inside another clause (`_own_clause`)."""
    anchor = hit.sent.tokens[hit.tok_start].start

    def own(start: int, end: int) -> list[TimeExpr]:
        return [t for t in _dates_in(times, start, end) if _own_clause(m, hit, t, times)]

    cands = own(hit.seg_start, hit.seg_end) or own(hit.sent.start, hit.seg_start)
    if not cands:
        return None
    return _date_dict(min(cands, key=lambda t: abs(t.start - anchor)))


CLAUSE_PUNCT = frozenset({"،", ",", "؛", ";"})  # marks that close a clause inside a sentence


@lru_cache(maxsize=8)
def _clause_openers(lexicon: Lexicon) -> dict[str, str]:
    return {norm_char_key(w): role for w, role in lexicon.rows("date_clause_openers.tsv")}


def _own_clause(m: Morphology, hit: _Hit, t: TimeExpr, times: list[TimeExpr]) -> bool:
    """Whether time `t` may date `hit`: not when one of them stands in a relative clause or a «منذ» / «بينما»
    phrase that the other is outside of («الاتفاق عام 2015 الذي أعلن ترامب الانسحاب منه»; «اعتقل … الناشط
    الذي فاز العام الماضي»; «بينما بدأ المجلس … في أكتوبر المقبل، شن حفتر …»). Such a phrase runs from its
    opening word to the next comma. An opener that belongs to a time expression («منذ عام») or comes right
    before `t` («منذ صباح اليوم») opens nothing. A relative clause right after the act's own noun and its
    adjectives, or one whose verb says a happening took place («… في الهجوم على المجمع، الذي وقع في 11
    سبتمبر»; not for a statement about it) dates the act."""
    roles = _clause_openers(m.lexicon)
    toks = hit.sent.tokens
    first = next((i for i, tok in enumerate(toks) if tok.end > t.start), len(toks))
    in_times = [(x.start, x.end) for x in times if hit.sent.start <= x.start < hit.sent.end]

    def opener(i: int) -> str | None:
        if i == first - 1 or any(a <= toks[i].start < b for a, b in in_times):
            return None
        role = roles.get(m.bare(toks[i].key))
        return role if role != "held" else None

    def cover(pos: int) -> int:
        """The opener of the phrase token `pos` stands in, or -1."""
        for i in range(pos - 1, -1, -1):
            if toks[i].key in CLAUSE_PUNCT:
                return -1
            if opener(i):
                return i
        return -1

    mine, its = cover(first), cover(hit.tok_start)
    if first >= hit.tok_end and mine < hit.tok_end:
        return True  # after the act, with no phrase opened between them («منذ زيارته القنصلية، الثلاثاء الماضي»)
    if mine == its:
        return True
    if opener(mine) == "relative" and mine >= hit.tok_end:
        between = toks[hit.tok_end:mine]
        if len(between) <= 1 or (len(between) <= 3 and all(m.has_article(tok.key) for tok in between)):
            return True  # the act's noun and its adjectives: «الهجوم الإرهابي الذي وقع الجمعة»
        nxt = m.bare(toks[mine + 1].key) if mine + 1 < len(toks) else ""
        took_place = roles.get(nxt) == "held" or nxt in m.lexicon.words("occurrence_verbs")
        return took_place and hit.trigger.type not in VERBAL_TYPES
    return False


def _as_location(e: Entity) -> dict:
    return {"name": e.name, "country": e.country, "lat": None, "lon": None}


def _topic_or_list(m: Morphology, doc: Document, sent: Sentence, pos: int, end: int) -> bool:
    """«الوضع في سورية», «في كل من اليمن وسوريا وليبيا»: a place named as a topic or on a list."""
    toks = sent.tokens
    i = next((j for j, t in enumerate(toks) if t.start <= pos < t.end), None)
    if i is None:
        return False
    lex = m.lexicon
    words = [m.bare(t.key) for t in toks[max(0, i - 3):i]]
    if any(" ".join(words).endswith(o) for o in lex.words("list_openers")):
        return True
    preps = lex.words("location_prepositions")
    topics = lex.words("topic_nouns")
    if (len(words) >= 2 and words[-2] in topics and words[-1] in preps) or (
            words and words[-1] in topics and doc.text[pos - 1:pos] in m.prepositions):
        return True  # «الوضع في سورية», «الأوضاع بليبيا»
    # one of a list of three places or more: «في X وY وZ»
    spans = sorted({(mm.start, mm.end) for e in doc.entities if e.type == "LOC" for mm in e.mentions
                    if sent.start <= mm.start and mm.end <= sent.end})
    k = spans.index((pos, end)) if (pos, end) in spans else -1
    if k < 0:
        return False

    def joined(a: tuple[int, int], b: tuple[int, int]) -> bool:
        gap = "".join(c for c in doc.text[a[1]:b[0]] if c not in "،, ")
        return not gap or gap in m.conjunctions

    lo = k
    while lo > 0 and joined(spans[lo - 1], spans[lo]):
        lo -= 1
    hi = k
    while hi + 1 < len(spans) and joined(spans[hi], spans[hi + 1]):
        hi += 1
    return hi - lo + 1 >= 3


def _statement_place(m: Morphology, sent: Sentence, pos: int, anchor: int) -> bool:
    """«قال الوزير في القاهرة إن …»: a place before the complementizer that opens the trigger's clause."""
    if anchor < 0 or pos >= anchor:
        return False
    comps = m.lexicon.words("complementizers")
    return any(pos < t.start < anchor and t.key in comps for t in sent.tokens)


POST_REACH = 5  # words back from a place that a post held there may start («السفير المصري لدى … في واشنطن»)


def _dateline_or_post(m: Morphology, doc: Document, sent: Sentence, pos: int) -> bool:
    """Whether a place is the article's dateline, or where someone holds a post abroad («الملحق العسكري
    السعودي في واشنطن»): neither is where a happening took place."""
    line = doc.dateline or {}
    if line.get("start") is not None and line["start"] <= pos < (line.get("end") or 0):
        return True
    posts = (m.lexicon.words("foreign_posts"), m.lexicon.words("posts_abroad"))
    before = [t for t in sent.tokens if t.end <= pos][-POST_REACH:]
    return any(s in table or m.without_article(s) in table
               for t in before for _, s in m.stems(t.key) for table in posts)


def _headed_after_preposition(m: Morphology, key: str) -> bool:
    """Whether a word is a place head with a preposition on it: «بمديرية», «لبلدة»."""
    return any(r.cut and r.proclitics[-1:] in m.prepositions and r.stem in m.lexicon.words("place_heads")
               for r in m.readings(key))


def _place_in(m: Morphology, doc: Document, sent: Sentence, start: int, end: int,
              anchor: int = -1, trigger: tuple[int, int] = (-1, -1)) -> tuple[int, Entity] | None:
    """The place of a happening told in [start, end) of `sent`: (rank, entity), a city (0) before a country (1).

    Only places after a location preposition count, and not a topic or a list («الوضع في سورية»),
    nor the place where the trigger at `anchor` is reported from («قال في القاهرة إن …»).
    """
    best = None
    preps = m.lexicon.words("location_prepositions")
    for pos, e in _mentions_in(doc, start, end):
        if e.type != "LOC" or trigger[0] <= pos < trigger[1]:
            continue  # the trigger's own letters are no place («صاروخا باليستيا» read as «ب» + a name)
        before = doc.text[max(sent.start, pos - 30):pos].split()
        prefixed = doc.text[pos - 1:pos] in m.prepositions if pos > 0 else False
        if not (prefixed or any(m.bare(norm_char_key(w)) in preps for w in before[-3:]) or
                (before and _headed_after_preposition(m, norm_char_key(before[-1])))):
            continue
        e_end = next(mm.end for mm in e.mentions if mm.start == pos)
        if _topic_or_list(m, doc, sent, pos, e_end) or _statement_place(m, sent, pos, anchor) \
                or _dateline_or_post(m, doc, sent, pos):
            continue
        p = m.lexicon.places.get(norm_char_key(e.name))
        rank = 1 if p is not None and p.kind == "country" else 0  # a town outside the lexicon is no country
        if best is None or rank < best[0]:
            best = (rank, e)
    return best


def _location_for(m: Morphology, doc: Document, hit: _Hit) -> dict | None:
    """The place of a trigger's happening: named in its segment (else its sentence), a capital, a visit's goal."""
    anchor = hit.sent.tokens[hit.tok_start].start
    # a stance's object is often placed («ندد الوزراء بالعملية التركية في شمال سوريا»): the place of a statement
    # stands before its verb («وفي الرياض، ندد الوزراء …»)
    stance = hit.trigger.type in STANCE_TYPES
    span = (anchor, hit.sent.tokens[hit.tok_end - 1].end)
    if _mentions_in(doc, hit.seg_start, hit.seg_end):
        best = _place_in(m, doc, hit.sent, hit.seg_start, anchor if stance else hit.seg_end, anchor, span)
    else:
        best = _place_in(m, doc, hit.sent, hit.sent.start, anchor if stance else hit.sent.end, anchor, span)
    if best is None or best[0] > 0:
        capital = _capital_named(m, hit)
        if capital is not None:
            return capital
        if hit.trigger.mode == "visit" and (goal := _visit_goal(m, doc, hit)) is not None:
            return _as_location(goal)
    if best is None:
        return None
    return _as_location(best[1])


VISIT_GOAL_REACH = 8  # words between a visit verb and the place visited: the visitor's name and posts


def _visit_goal(m: Morphology, doc: Document, hit: _Hit) -> Entity | None:
    """The place a visit verb takes as its object: right after it («يزور مصر»), or right after the visitor
    named after it («زار وزير الخارجية الفرنسي جان لودريان طرابلس»); a place inside the visitor's post
    («يزور وزير خارجية كوبا …») is not the goal."""
    toks = hit.sent.tokens
    if hit.tok_end >= len(toks):
        return None
    after = toks[hit.tok_end].start
    limit = toks[min(hit.tok_end + VISIT_GOAL_REACH, len(toks)) - 1].end
    mentions = _mentions_in(doc, after, min(limit, hit.seg_end))
    ends = {after}
    if hit.trigger.kind in ("V", "I") and hit.trigger.order == "sv":
        ends |= {next(mm.end for mm in e.mentions if mm.start == pos) for pos, e in mentions if e.type == "PER"}
    for pos, e in mentions:
        if e.type == "LOC" and any(x <= pos and not doc.text[x:pos].strip() for x in ends):
            return e
    return None


def _visited_state_is_no_visitor(m: Morphology, doc: Document, hit: _Hit, actors: list[str],
                                 recipients: list[str]) -> tuple[list[str], list[str]]:
    """Return (actors, recipients) with the state a visit verb takes as its goal made the one visited: in «الوزير
    الذي زار السعودية مؤخرا» Saudi Arabia is visited, not the visitor."""
    if hit.trigger.mode != "visit" or hit.trigger.kind not in ("V", "I") or not actors:
        return actors, recipients
    goal = _visit_goal(m, doc, hit)
    state = f"country:{goal.country}" if goal is not None and goal.country else None
    if state is None or actors[0] != state:
        return actors, recipients
    return actors[1:], [state] + [r for r in recipients if r != state]


COMPLEMENT_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN"})  # «اتهم X بـ…», «طالب X بـ…», «دعا X إلى …»


CHARGED_TYPES = frozenset({"COERCE", "SANCTION", "ACCUSE"})  # acts done to someone for something (`charge_cues`)


def _without_topic_parties(m: Morphology, doc: Document, hit: _Hit, parties: list[tuple[int, str]],
                           recipients: list[str]) -> list[str]:
    """Return the recipients without the parties named only in what the act is about: after the complement of
    an accusation or a demand («اتهمت الحكومة تركيا بدعم حزب العمال»: Turkey is accused, the PKK is what it is
    accused of supporting; «دعت فرنسا روسيا إلى الضغط على النظام»), or after a comparison («على غرار الولايات
    المتحدة»; lexicon `comparison_words`)."""
    toks = [t for t in hit.sent.tokens[hit.tok_end:] if t.start < hit.seg_end]
    comparisons, complements = m.lexicon.words("comparison_words"), m.lexicon.words("complement_prepositions")
    charges = m.lexicon.words("charge_cues")
    verb = hit.trigger.type in COMPLEMENT_TYPES and hit.trigger.kind != "N"
    named = [(mn.start, mn.end) for e in doc.entities for mn in e.mentions
             if toks and toks[0].start <= mn.start < hit.seg_end]
    cut = None
    for j, t in enumerate(toks):
        if any(a <= t.start < b for a, b in named):
            continue  # «جيروزاليم بوست»: a name's «ب» opens no complement
        key = m.bare(t.key)
        two = join_keys([t.key, toks[j + 1].key]) if j + 1 < len(toks) else ""
        if key in comparisons or two in comparisons:
            cut = t.start
            break
        if hit.trigger.type in CHARGED_TYPES and (key in charges or two in charges):
            cut = t.start  # «اعتقال أبو الفتوح على خلفية قضايا مرتبطة بتنظيم الإخوان»: what he is held for
            break
        alongside = j + 1 < len(toks) and m.bare(toks[j + 1].key) in m.lexicon.words("alongside_words")
        complement = (key in complements and not alongside) or (
            key[:1] in m.lexicon.words("instrument_prepositions") and m.preposition_stem(key) is not None)
        # «اتهمت النيابة الشخصين بالتعاون مع الموساد»: a verb whose object comes before its «ب» (not «ندد ب…»)
        accused_before = j > 0 and hit.trigger.form in _verb_forms(m.lexicon, "object_then_complement_verbs")
        if verb and complement and (accused_before or any(
                toks[0].start <= pos < t.start and i in recipients for pos, i in parties)):
            cut = t.start  # the one accused or asked is named (or told) before the complement
            break
    if cut is None:
        return recipients
    later = {i for pos, i in parties if pos >= cut} - {i for pos, i in parties if pos < cut}
    return [r for r in recipients if r not in later]


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


def _on_a_side(m: Morphology, hit: _Hit, parties: list[tuple[int, str]]) -> set[str]:
    """Return the parties named right after a word of leading, backing or partnership (lexicon `side_cues`): they
    stand with the party before them, so are never acted on («بقيادة السعودية», «المدعومة من التحالف»)."""
    cues = m.lexicon.words("side_cues")
    toks = [t for t in hit.sent.tokens if hit.seg_start <= t.start < hit.seg_end]
    after_cue = []  # the tokens right after a cue of one or two words
    for j, t in enumerate(toks):
        two = join_keys([t.key, toks[j + 1].key]) if j + 1 < len(toks) else ""
        width = 2 if two in cues else 1 if t.key in cues else 0
        if width and j + width < len(toks):
            after_cue.append(toks[j + width])
    return {i for pos, i in parties if any(t.start <= pos < t.end for t in after_cue)}


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


def _capital_named(m: Morphology, hit: _Hit) -> dict | None:
    """«للعاصمة الليبية» names the capital of Libya."""
    toks = [t for t in hit.sent.tokens if hit.seg_start <= t.start < hit.seg_end]
    for a, b in zip(toks, toks[1:], strict=False):
        if a.key in m.lexicon.words("capital_words") and (iso := _state_of(m, b.key)):
            cap = m.lexicon.capitals.get(iso)
            if cap is not None:
                return {"name": cap.name, "country": iso, "lat": None, "lon": None}
    return None


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
    out = {f"country:{iso}" for t in sent.tokens if (iso := _state_of(m, t.key))}
    out |= {f"country:{e.country}" for _, e in _mentions_in(doc, sent.start, sent.end) if e.country}
    return out


# Events that are things said (a party of the main event speaking again is at the same occasion).
VERBAL_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT", "REQUEST", "THREATEN", "AGREE", "CONCEDE"})
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


def _trigger_refers_back(m: Morphology, hit: _Hit) -> bool:
    text = " ".join(t.text for t in hit.sent.tokens[hit.tok_start:hit.tok_end])
    k = norm_char_key(text)
    anaphoric = m.lexicon.words("anaphoric_nouns")
    return any(m.has_article(rest) or rest in anaphoric for _, rest in m.stems(k)) or (
        bool(m.enclitic(text)) and len(k) > 4)


def _last_meeting(events: list[Event]) -> Event | None:
    return next((e for e in reversed(events) if e.type == "CONSULT" and _named(e)), None)


CITED_REACH = 3  # words after «بحسب» / «وفقا لـ» (and «ما» + its verb) where the cited source may be named


def _cited_sources(m: Morphology, doc: Document, hit: _Hit) -> set[str]:
    """Return the ids of those named right after «بحسب» / «وفقا لـ» / «نقلا عن» in the hit's sentence, within
    CITED_REACH words, past «ما» and its verb («وفقا لما نقلته وكالة …», «بحسب ما ذكر مصدر قضائي لفرانس برس»)."""
    cues = m.lexicon.words("attribution_cues")
    toks = hit.sent.tokens  # a source cited anywhere in the sentence is no party to what it tells
    out: set[str] = set()
    for j, t in enumerate(toks):
        two = join_keys([t.key, toks[j + 1].key]) if j + 1 < len(toks) else ""
        if t.key not in cues and m.bare(t.key) not in cues and two not in cues:
            continue  # «وفقا» keeps its «و»: the word, then the word read past a conjunction
        start = j + (2 if two in cues else 1)
        if start < len(toks) and toks[start].key in m.lexicon.words("attribution_fillers"):
            start += 2  # «وفقا لما نقلته وكالة …», «بحسب ما ذكر مصدر …»: past «ما» and its verb
        after = toks[start:start + CITED_REACH]
        if not after:
            continue
        for pos, e in _mentions_in(doc, after[0].start, after[-1].end + 40):
            if pos < after[-1].end:
                out.add(e.id)
    return out


TITLE_REACH = 80  # characters between an organisation in a title and the name the title belongs to


def _in_person_titles(m: Morphology, mentions: list[tuple[int, Entity]]) -> set[str]:
    """Return the ids of organisations and places named only inside the post of a person named next to them:
    in «نائبة السفير الأمريكي لدى الأمم المتحدة كيلي كيري» the UN is part of her post, in «سفيرة فلسطين لدى
    هولندا، روان أبو يوسف» the Netherlands, in «منار الزبيدي ممثلة جماعة …» her group: none is a party."""
    inside: dict[str, bool] = {}
    for pos, e in mentions:
        if e.type not in ("ORG", "LOC"):
            continue
        key = m.without_article(norm_char_key(e.name))  # «للأمم المتحدة» holds «الأمم المتحدة» without its alef
        titled = any(p.type == "PER" and 0 < abs(later - pos) <= TITLE_REACH and any(
            key in m.without_article(norm_char_key(t)) for t in p.titles) for later, p in mentions)
        inside[e.id] = inside.get(e.id, True) and titled
    return {i for i, only in inside.items() if only}


def _roles(m: Morphology, doc: Document, hit: _Hit, mentions: list[tuple[int, str]]) -> tuple[list[str], list[str]]:
    """Return (actors, recipients) of a hit from where its named participants stand.

    `mentions` are (position, id) of the parties: persons and organisations by entity id, states named as
    such by «country:XX». A verb's first named participant acts («شنت القوات غارات على …», «ونفت روسيا …»),
    except that «استقبل A B» makes B
    the guest who acts; after a verbal noun («اغتيال النائب العام») the ones named after it are acted
    on and the one before it acts («قامت السلطات بالقبض على …»); a participant after «من قبل» / «على يد»
    acts whatever the trigger.
    """
    ids = list(dict.fromkeys(i for _, i in mentions))
    trig_at = hit.sent.tokens[hit.tok_start].start
    text_after = [(pos, i) for pos, i in mentions if pos > trig_at]
    agent_at = _agent_marker_at(m, hit)
    agents = [i for pos, i in text_after if agent_at is not None and pos > agent_at]
    if agents and hit.trigger.mode == "interception":
        # «أسقطت الدفاعات طائرة أطلقها الحوثيون»: who fired what was shot down is the one acted on
        others = [i for i in ids if i not in agents]
        return others[:1], others[1:] + list(dict.fromkeys(agents))
    if agents:
        # after a verbal noun those before it reported it («أعلنت الوزارة مقتل … برصاص الجيش»): no party
        pool = list(dict.fromkeys(i for _, i in text_after)) if hit.trigger.order == "np" else ids
        return agents[:1], [i for i in pool if i not in agents]
    if _undergoes(m, hit):
        # «تعرضت دورية للجيش لهجوم …»: who underwent the act is named before it; who did it only after «شنه»
        before = list(dict.fromkeys(i for pos, i in mentions if pos < trig_at))
        by = _undergone_from(m, hit, text_after)
        return by, [i for i in dict.fromkeys(before + ids) if i not in by]
    if _passive_killing(m, hit):
        # «قال مسؤولون إن خاشقجي قتل داخل القنصلية»: those named in its clause were killed, not those reporting it
        toks = hit.sent.tokens[:hit.tok_start]
        opener = next((t.start for t in reversed(toks) if t.key in m.lexicon.words("complementizers")), -1)
        return [], list(dict.fromkeys(i for pos, i in mentions if pos > opener))
    if _passive_count(m, hit) or hit.subject_is_act:
        return [], ids  # «اعتقل 5 أشخاص», «قتل 12 مدنيا»: a number after the verb is what it was done to
    antecedent = _relative_subject(m, doc, hit)
    if antecedent is not None:
        # «الحكومة التركية التي تحتجز القس برونسون»: the noun before the relative pronoun acts
        return [antecedent], [i for i in ids if i != antecedent]
    before = list(dict.fromkeys(i for pos, i in mentions if pos < trig_at))
    if hit.trigger.order == "sv" and _own_subject(m, hit):
        # «ودانوا العملية التركية», «رفضهم قرار …»: the subject is the verb's or noun's pronoun, told before it
        return before[:1], [i for i in ids if i not in before[:1]]
    if hit.trigger.order == "os" and len(ids) >= 2:
        return ids[1:], ids[:1]
    if hit.trigger.order == "ag" and text_after:
        first = text_after[0][1]  # «بطلب من روسيا»: the one named right after the phrase
        return [first], [i for i in ids if i != first]
    if hit.trigger.order == "np":
        if hit.trigger.type in STANCE_TYPES:
            right_after = {t.start for t in hit.sent.tokens[hit.tok_end:hit.tok_end + 2]
                           if m.nisba_of(t.key) and m.lexicon.places.get(t.key) is None}
            stance = [i for pos, i in mentions if pos in right_after and i.startswith("country:")]
            if stance:  # «انتقادات كندية للسعودية»: the nisba's state criticises
                return stance[:1], [i for i in ids if i != stance[0]]
        after = [i for i in ids if i not in before]
        if hit.trigger.type == "ASSAULT" and (hit.trigger.mode or "") in ("", "assassination"):
            return [], after  # «أعلنت وزارة الصحة مقتل …», «أكد المرصد مصرع …»: who tells of a death did not kill
        return before[:1], after + before[1:]
    if ids and mentions[0][0] > trig_at and _killed_person(doc, hit, ids[0]):
        return [], ids  # «قتل القيادي X», «اغتيل الصحفي X»: a person named after a killing verb was killed
    if ids and mentions[0][0] > trig_at and _subject_unnamed(m, doc, hit, mentions[0][0]):
        return [], ids  # «هاجم مسلحون مقر الشرطة», «قصفت مواقع لتنظيم داعش»: who acted is not named
    comp = _complement_after(m, hit)
    if comp is not None and ids:
        # «وحذر السبت من أن النظام السوري سيدفع ثمنا»: a party of the clause after «أن» is not the verb's subject
        inside = {i for pos, i in mentions if pos > comp} - {i for pos, i in mentions if pos <= comp}
        if ids[0] in inside:
            outside = [i for i in ids if i not in inside]
            return outside[:1], outside[1:] + [i for i in ids if i in inside]
    return ids[:1], ids[1:]


def _relative_subject(m: Morphology, doc: Document, hit: _Hit) -> str | None:
    """Return the party named right before a relative pronoun that a verb trigger follows («التي تحتجز»): a
    person or organisation ending at most one word before the pronoun; else None."""
    toks = hit.sent.tokens
    if hit.trigger.kind not in ("V", "I") or hit.tok_start < 2 or \
            toks[hit.tok_start - 1].key not in m.lexicon.words("relative_pronouns"):
        return None
    rel = toks[hit.tok_start - 1].start
    near = toks[max(0, hit.tok_start - 3)].start  # the name itself, or a nisba after it
    before = [(pos, e) for pos, e in _mentions_in(doc, hit.sent.start, rel) if e.type in ("PER", "ORG")]
    # «مارتن غريفيث، مبعوث الأمم المتحدة الذي دعا»: the UN is part of his post; he is the one who called
    titled = _in_person_titles(m, before)  # organisations only: a person is never inside another's post
    persons = [e for _, e in before if e.type == "PER"]
    ends = [(mn.end, e) for _, e in before for mn in e.mentions
            if hit.sent.start <= mn.start and near <= mn.end <= rel]
    if not ends:
        return None
    last = max(ends, key=lambda x: x[0])[1]
    return persons[-1].id if last.id in titled and persons else last.id


def _complement_after(m: Morphology, hit: _Hit) -> int | None:
    """Return where a complementizer («أن», «بأن») opens a clause after a verb trigger in its segment, or None."""
    if hit.trigger.kind not in ("V", "I"):
        return None
    words = m.lexicon.words("complementizers")
    return next((t.start for t in hit.sent.tokens[hit.tok_end:] if t.start < hit.seg_end and t.key in words), None)


def _undergoes(m: Morphology, hit: _Hit) -> bool:
    """Whether a verbal noun is the object of a verb of undergoing before it in its segment («تعرضت دورية
    للجيش لهجوم», «يتعرض الصحفيون للاعتقال»; lexicon `undergo_verbs`): its subject is acted on, not acting."""
    if m.lam_stem(hit.sent.tokens[hit.tok_start].key) is None:
        return False
    toks = [t for t in hit.sent.tokens[:hit.tok_start] if t.start >= hit.seg_start]
    return _names_word(m, toks, "undergo_verbs")


def _undergone_from(m: Morphology, hit: _Hit, after: list[tuple[int, str]]) -> list[str]:
    """Return the party an undergone act came from: the first one named after it behind «من», within
    UNDERGONE_REACH words («لانتقادات حادة من منظمة العفو»), else none."""
    toks = hit.sent.tokens
    for j in range(hit.tok_end, min(len(toks), hit.tok_end + UNDERGONE_REACH)):
        if toks[j].key in m.lexicon.words("partitive_words"):
            nxt = toks[j + 1].start if j + 1 < len(toks) else -1
            return [i for pos, i in after if pos == nxt][:1]
    return []


UNDERGONE_REACH = 3  # words after an undergone act where «من» and the one it came from may stand
UNNAMED_STATE_REACH = 3  # words after unnamed people where their state's nisba or name may stand


def _own_subject(m: Morphology, hit: _Hit) -> bool:
    """Whether a trigger carries its own subject: a verb in the plural («دانوا», «يطالبون»; `plural_verb_endings`)
    or a verbal noun with a possessive pronoun («رفضهم», «زيارته»). Who acts is then named before it, if at all."""
    tok = hit.sent.tokens[hit.tok_start]
    if hit.tok_end - hit.tok_start != 1:
        return False
    if hit.trigger.kind == "N":
        return bool(m.enclitic(tok.text)) and len(tok.key) > PRONOUN_NOUN_MIN
    if hit.trigger.kind in ("V", "I"):
        key = m.bare(tok.key)
        if hit.trigger.kind == "I" and m.is_first_person(key):
            return True  # «سنتعاون مع الرئيس أردوغان»: we, the speaker's side, cooperate
        if hit.trigger.kind == "V" and _verbal_noun_with_pronoun(m, hit):
            return True
        return len(key) > PRONOUN_NOUN_MIN and any(key.endswith(e) for e in m.lexicon.words("plural_verb_endings"))
    return False


def _verbal_noun_with_pronoun(m: Morphology, hit: _Hit) -> bool:
    """Whether a verb trigger that carries a pronoun reads as the verbal noun of the same letters with its
    possessor («جدد الوزراء رفضهم قرار …», «بعد تظاهرهم», «على رفضهم الانفصال»): the pronoun is read off to
    find it, no «ت» or «وا» of a verb stands before it, and the word before is a preposition or a noun with
    the article, where a verb with an object pronoun does not stand («الذين قتلتهم», «وحذرهم»)."""
    tok = hit.sent.tokens[hit.tok_start]
    pronoun = m.enclitic(tok.text)
    if not pronoun or hit.tok_start == 0 or any(m.lexicon.triggers.get(s) for _, s in m.stems(tok.key)):
        return False
    base = m.bare(tok.key)[:-len(pronoun)]
    if base.endswith(tuple(m.lexicon.words("verb_subject_endings"))):
        return False
    prev = hit.sent.tokens[hit.tok_start - 1]
    if prev.start < hit.seg_start or not prev.text[-1:].isalpha():
        return False
    key = m.bare(prev.key)
    return m.has_article(key) or key in m.lexicon.words("object_prepositions")


PRONOUN_NOUN_MIN = 4  # letters a word keeps besides the ending that makes it carry its subject


def _plain_noun_after(m: Morphology, doc: Document, hit: _Hit) -> bool:
    """Whether the word right after a verb (past any date) names unnamed people who are its subject («ويتهم
    سكان محليون الحكومة …», «يطالب محتجون بإقالة …»; lexicon `unnamed_people`), not followed by the nisba
    of their state («مسؤولون أمريكيون») or by «من» and the group they belong to."""
    times = [(x.start, x.end) for x in doc.times]
    toks = hit.sent.tokens
    for j in range(hit.tok_end, len(toks)):
        t = toks[j]
        if t.start >= hit.seg_end:
            return False
        if any(a <= t.start < b for a, b in times):
            continue
        word = m.without_article(m.bare(t.key))
        if word in m.lexicon.words("quantity_words") or word in m.lexicon.words("crowd_nouns") or (
                word in m.lexicon.words("partitive_words") and j > hit.tok_end):
            continue  # «مئات المحتجين», «مجموعة من المتظاهرين»: a count or a group of the people who act
        if word not in m.lexicon.words("unnamed_people"):
            return False
        nxt = []
        for t in toks[j + 1:j + 1 + UNNAMED_STATE_REACH]:
            if t.key in m.lexicon.words("object_prepositions") or m.preposition_stem(t.key) is not None or (
                    m.has_article(t.key) and not m.nisba_of(t.key)):
                break  # «ندد الوزراء بقرار الرئيس الأمريكي …», «اتهم الانفصاليون القوات الأوكرانية»: the object's
            nxt.append(t)
        # «مسؤولون أمريكيون», «وزراء خارجية مصر والأردن»: the people of a named state; «مسلحون من داعش»: of a group
        partitive = j + 1 < len(toks) and toks[j + 1].key in m.lexicon.words("partitive_words")
        return not partitive and not any(m.nisba_of(t.key) or m.country_of(m.bare(t.key)) for t in nxt)
    return False


def _killed_person(doc: Document, hit: _Hit, first: str) -> bool:
    """Whether a killing verb's first party after it is a person: in news «قتل/اغتيل + a person» is passive
    («قُتلت الناشطة …»); one who kills is a force, a group or a state, or named before the verb."""
    trig = hit.trigger
    if trig.type != "ASSAULT" or trig.kind != "V" or (trig.mode or "") not in VICTIM_NISBA_MODES:
        return False
    e = doc.entity(first)
    return e is not None and e.type == "PER"


def _subject_unnamed(m: Morphology, doc: Document, hit: _Hit, first: int) -> bool:
    """Whether the subject slot of an attack or arrest verb is taken by an unnamed noun before the first
    named party after the verb («مسلحون», «مواقع»): that party is then the object. Words that may stand
    between a verb and its subject (a body of a state, a title, a nisba, an adjective, a date) do not."""
    if hit.trigger.kind not in ("V", "I") or hit.trigger.order != "sv":
        return False
    if hit.trigger.type not in UNNAMED_ACTOR_TYPES:
        return _plain_noun_after(m, doc, hit)
    lex = m.lexicon
    # «حركة» before «الجهاد الإسلامي»: a generic head of the named party's own name
    slot_words = lex.words("group_nouns") | lex.words("act_adjectives") | lex.words("generic_org_heads")
    toks = hit.sent.tokens
    first_tok = next((j for j in range(hit.tok_end, len(toks)) if toks[j].end > first), len(toks))
    nisba_first = m.nisba_of(toks[first_tok].key) is not None if first_tok < len(toks) else False
    partitive, quantities = lex.words("partitive_words"), lex.words("quantity_words")
    for j in range(hit.tok_end, first_tok):
        t = toks[j]
        if any(a <= t.start < b for a, b in ((x.start, x.end) for x in doc.times)):
            continue
        if nisba_first and first_tok - j <= NISBA_REACH:
            continue  # «المسؤولون الإيرانيون», «رجلا الأمن الأوكرانيان»: the noun the acting state's nisba describes
        if j + 1 < first_tok and toks[j + 1].key in partitive and m.bare(t.key) not in quantities:
            continue  # «مسلحون من جماعة …»: some of the named party
        stems = [s for _, s in m.stems(t.key)] + [m.without_article(m.bare(t.key))]
        if m.nisba_of(t.key) or t.key in partitive or m.heads_organisation(t.key) or any(
                s in slot_words or s in lex.title_first_words or s in lex.function_words for s in stems):
            continue
        return not any(ch.isdigit() for ch in t.text)
    return False


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
    out = [(t.start, f"country:{iso}") for t, iso in _nisbas_after(m, toks, body_or_post)]
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


RECEIVING_TYPES = frozenset({"AID", "SUPPORT"})  # acts whose state after «إلى» / «ل» receives them


def _given_to(m: Morphology, doc: Document, pos: int) -> bool:
    """Whether the party named at `pos` follows «إلى» or carries «ل» (`dative_prepositions`): «إلى إسرائيل»,
    «لتونس»."""
    datives = m.lexicon.words("dative_prepositions")
    if pos > 0 and doc.text[pos - 1:pos] in datives:
        return True
    before = doc.text[max(0, pos - 12):pos].split()
    return bool(before) and m.bare(norm_char_key(before[-1])) in datives

# stances told by a noun whose nisba adjective is the one who takes them («انتقادات كندية», «دعم أمريكي»)
STANCE_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT", "THREATEN", "REQUEST", "SANCTION"})
# acts whose nisba names the one acted on («مقتل فلسطيني», «اعتقال سوري»), not the one who acts
VICTIM_NISBA_MODES = frozenset({"", "assassination", "execution", "abduction"})


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


LIST_COMMAS = ("", "،", ",")  # what may stand before «و» between two parties of one list, or alone


def _party_end(doc: Document, pos: int) -> int:
    """Return where the party named at `pos` ends: its longest entity mention there, else its word."""
    ends = [mn.end for e in doc.entities for mn in e.mentions if mn.start == pos]
    if ends:
        return max(ends)
    nxt = doc.text.find(" ", pos)
    return len(doc.text) if nxt < 0 else nxt


def _joins(m: Morphology, doc: Document, gap: str, party: str, pos: int) -> bool:
    """Whether the text between two parties joins them in one list: «و» or a comma («طائرات أمريكية وبريطانية»,
    «السعودية والإمارات»), with the second one's post or rank after it («السيسي والعاهل الأردني الملك عبد الله»)."""
    words = gap.split()
    compact = "".join(words)
    if not compact and doc.text[pos:pos + 1] in m.conjunctions:
        return True  # the party's own word carries the «و» («وبريطانية»)
    if compact and (compact in LIST_COMMAS or (compact[-1] in m.conjunctions and compact[:-1] in LIST_COMMAS)):
        return True
    entity = doc.entity(party)
    if not words or not words[0].startswith(tuple(m.conjunctions)) or entity is None or not entity.titles:
        return False
    allowed = {norm_char_key(w) for t in entity.titles for w in t.split()}
    first = norm_char_key(words[0])
    return (first in allowed or first[1:] in allowed) and all(norm_char_key(w) in allowed for w in words[1:])


def _joined_actors(m: Morphology, doc: Document, parties: list[tuple[int, str]], actors: list[str],
                   recipients: list[str]) -> tuple[list[str], list[str]]:
    """Return (actors, recipients) with the parties listed right after the first actor, joined by «و» or a comma,
    made actors too: «قطعت السعودية والإمارات والبحرين ومصر علاقاتها مع قطر» — four states act, Qatar is acted on."""
    if not actors:
        return actors, recipients
    order = sorted(set(parties))
    start = next((pos for pos, i in order if i == actors[0]), None)
    if start is None:
        return actors, recipients
    end, more = _party_end(doc, start), []
    for pos, i in order:
        if pos <= start or pos < end:
            continue
        if not _joins(m, doc, doc.text[end:pos], i, pos):
            break
        if i not in actors and i not in more:
            more.append(i)
        end = max(end, _party_end(doc, pos))
    if not more:
        return actors, recipients
    return actors + more, [r for r in recipients if r not in more]


def _passive_count(m: Morphology, hit: _Hit) -> bool:
    """Whether a past verb is read as passive: a count of people right after it («قتل 6 أشخاص», «قتل أربعة
    من الجنود»)."""
    if hit.trigger.kind != "V" or hit.tok_end >= len(hit.sent.tokens):
        return False
    nxt = hit.sent.tokens[hit.tok_end]
    if not any(ch.isdigit() for ch in nxt.text) and m.bare(nxt.key) not in m.lexicon.words("quantity_words"):
        return False
    victims = m.lexicon.words("casualty_words")
    return any(s in victims for t in hit.sent.tokens[hit.tok_end + 1:hit.tok_end + 3] for _, s in m.stems(t.key))


def _passive_killing(m: Morphology, hit: _Hit) -> bool:
    """Whether a past verb of killing (`undergone_verbs`) has no object, so reads as passive: a preposition of
    place, time or cause right after it («قتلوا في هجوم», «قتل جراء القصف»; lexicon `passive_cues`)."""
    if hit.trigger.kind != "V" or hit.tok_end >= len(hit.sent.tokens):
        return False
    if m.bare(hit.sent.tokens[hit.tok_start].key) not in _verb_forms(m.lexicon, "undergone_verbs"):
        return False
    return m.bare(hit.sent.tokens[hit.tok_end].key) in m.lexicon.words("passive_cues")


def _agent_marker_at(m: Morphology, hit: _Hit) -> int | None:
    """Return where «من قبل» / «على يد» stands after the trigger in its segment, or None. A relative verb
    («نفذها», «أطلقها») names who carried out an act of force; after a stance it tells of the weapon or attack
    the stance is about («تندد الرياض باستخدام صواريخ أطلقها الحوثيون»), not who takes the stance."""
    markers = m.lexicon.words("agent_markers")
    toks = [t for t in hit.sent.tokens[hit.tok_end:] if t.start < hit.seg_end]
    for a, b in zip(toks, toks[1:], strict=False):
        if join_keys([a.key, b.key]) in markers:
            return a.start
        # «بيد أن» is "but", not "by the hand of"
        if a.key in markers and hit.trigger.type in FORCE_TYPES | {"PROTEST"} and \
                b.key not in m.lexicon.words("complementizers"):
            return a.start
    return None


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


CONTROL_REACH = 4  # words after a verb of taking control (past an adverb) where «على» and the place stand


def _controls_place(m: Morphology, doc: Document, hit: _Hit) -> bool:
    """Whether a verb or noun of taking control has a place after «على» within CONTROL_REACH words: a place
    entity or a place head («مدينة», «بلدة»)."""
    toks = hit.sent.tokens[hit.tok_end:hit.tok_end + CONTROL_REACH + 1]
    places = {pos for pos, e in _mentions_in(doc, hit.sent.start, hit.sent.end) if e.type == "LOC"}
    on = m.lexicon.words("control_prepositions")
    for j, t in enumerate(toks[:-1]):
        if m.bare(t.key) in on:
            nxt = toks[j + 1]
            return nxt.start in places or m.without_article(m.bare(nxt.key)) in m.lexicon.words("place_heads")
    return False


def _build(m: Morphology, doc: Document, hit: _Hit, n: int, meeting: Event | None = None) -> Event | None:
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
    if actors and hit.trigger.order == "sv" and not hit.subject_is_act:
        # after a noun, «لـ» may mark its agent («غارة جوية لقوات الحلف»): only prepositions that are words count
        actors, recipients = _no_oblique_actor(m, doc, parties, actors, recipients, hit.trigger.kind in ("V", "I"))
    if hit.trigger.type != "CONSULT" and hit.trigger.order != "os":
        actors, recipients = _joined_actors(m, doc, parties, actors, recipients)
    actors, recipients = _visited_state_is_no_visitor(m, doc, hit, actors, recipients)
    recipients = _without_topic_parties(m, doc, hit, parties, recipients)
    sided = _on_a_side(m, hit, parties)  # «غارات التحالف بقيادة السعودية على الحوثيين»: Saudi Arabia is not hit
    recipients = [r for r in recipients if r not in sided]
    if hit.trigger.type == "ASSAULT" and hit.trigger.mode != "interception":
        recipients = _defended_states(m, doc, recipients)
    if hit.trigger.type in RECEIVING_TYPES:  # «مساعدات لليونان»: who aid is given to receives it, never gives it
        given = {i for pos, i in parties if i.startswith("country:") and _given_to(m, doc, pos)}
        actors, recipients = [a for a in actors if a not in given], list(dict.fromkeys(
            recipients + [a for a in actors if a in given]))
    if not actors:
        own = _speakers_state(m, doc, hit) or _speakers_forces(m, doc, hit)
        if own is not None:  # «قال الصفدي إن بلاده ستتعاون مع …»: his state acts
            actors, recipients = [own], [r for r in recipients if r != own]
    if _circumstantial(m, hit):
        main = _main_subject(m, doc, hit, served)
        if main is not None:  # «…، مطالبا لبنان بالاعتذار»: the main clause's subject asks, Lebanon is asked
            actors, recipients = [main], [p for p in dict.fromkeys(actors + recipients) if p != main]
    countries = list(dict.fromkeys(countries + [c for _, c in acting_capital]))
    modality, negated = _modality(m, hit.sent, hit, doc)
    if hit.modality and modality == "asserted":
        modality = hit.modality
    negated = negated or hit.denied
    sent_text = doc.text[hit.sent.start:hit.sent.end]
    trig_tok = hit.sent.tokens[hit.tok_start]
    trig_end = hit.sent.tokens[hit.tok_end - 1].end
    return Event(
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


LIGHT_GAP = 6  # words (its subject, in a verb-first clause) a support verb may stand before the noun of its act
GOVERNED_GAP = 3  # words a threat or demand may stand before the act it threatens or demands
# what a threat, a demand or a refusal is about has not happened: «هدد بإعدام», «طالب بالإفراج», «رفض التدخل»
GOVERNING_TYPES = frozenset({"THREATEN", "REQUEST", "REJECT"})


def _join_light_verbs(found: list[_Hit]) -> list[_Hit]:
    """Return the hits with each support verb folded into the trigger noun that follows it: «شن غارات» is
    one hit spanning both, typed by the noun; a support verb with no noun after it stays, without a mode."""
    out: list[_Hit] = []
    for j, h in enumerate(found):
        nxt = found[j + 1] if j + 1 < len(found) else None
        if h.trigger.mode in ("light", "light-only"):
            if nxt is not None and nxt.tok_start - h.tok_end <= LIGHT_GAP:
                nxt.tok_start = h.tok_start
                nxt.trigger = replace(nxt.trigger, kind=h.trigger.kind)  # the clause is verbal
                continue
            if h.trigger.mode == "light-only":
                continue
            h.trigger = replace(h.trigger, mode=None)
        out.append(h)
    return out


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


FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})


def _drop_warnings(m: Morphology, found: list[_Hit]) -> list[_Hit]:
    """Return the hits without warnings that threaten nothing: a warning verb (`warning_verbs`) is a THREATEN only
    when an act of force or a word of threat (`threat_content_words`) follows it in the sentence."""
    lex = m.lexicon
    out = []
    for j, h in enumerate(found):
        toks = h.sent.tokens
        if h.trigger.type == "THREATEN" and m.bare(toks[h.tok_start].key) in lex.words("warning_verbs"):
            later = any(g.trigger.type in FORCE_TYPES for g in found[j + 1:])
            if not (later or _names_word(m, toks[h.tok_end:], "threat_content_words")):
                continue
        out.append(h)
    return out


DECLINED_REACH = 4  # words after «رفض» (past its subject) where what one declines to say may stand


def _drop_declined_comments(m: Morphology, found: list[_Hit]) -> list[_Hit]:
    """Return the hits less a refusal to comment («رفضت الرئاسة السورية التعليق», «رفض متحدث عسكري تأكيد حصول
    الضربات»; lexicon `declined_speech`): declining to speak rejects nothing."""
    return [h for h in found if not (h.trigger.type == "REJECT" and _names_word(
        m, h.sent.tokens[h.tok_end:h.tok_end + DECLINED_REACH], "declined_speech"))]


def _drop_rejected_accusations(found: list[_Hit]) -> list[_Hit]:
    """Return the hits less the accusations that a denial or rejection right before them answers («نفت الحكومة
    الاتهامات الروسية», «رفض هذه المزاعم»): the rejection is the event; the accusation is told on its own elsewhere
    or only named here, and reading it again gave the article's accusation twice."""
    return [h for prev, h in zip([None, *found], found, strict=False)
            if not (h.trigger.type == "ACCUSE" and prev is not None and prev.trigger.type == "REJECT"
                    and h.tok_start - prev.tok_end <= GOVERNED_GAP)]


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


SUBJECT_WORDS = 2  # words after «أن» that may hold the reported clause's subject («أن طائراتها», «أن الجيش»)


def _is_state(m: Morphology, e: Entity) -> bool:
    """Whether a place entity is a state («فرنسا»), which may act («إن فرنسا تراجعت عن …»)."""
    place = m.lexicon.places.get(norm_char_key(e.name)) if e.type == "LOC" else None
    return place is not None and place.kind == "country"


def _clause_start(m: Morphology, doc: Document, sent: Sentence, tok: int, typ: str = "") -> int:
    """Return the first token of the reported clause a trigger stands in: after «قال مصدر إن داعش شن …»
    the speaker is no party to what he reports. The speaker stays in when the clause names nobody who
    could act («أكد الوزير أن بلاده تدعم …»; not for a meeting, which needs its own parties) or when the
    complementizer carries a pronoun for him («أعلنت الوزارة أنها شنت»)."""
    lex = m.lexicon
    comps, cues = lex.words("complementizers"), lex.words("quote_cues") | lex.words("headline_report_verbs")
    for k in range(tok - 1, 0, -1):
        t = sent.tokens[k]
        if t.key not in comps or m.enclitic(t.text):
            continue
        # «ونقلت صحيفة الأهرام أن …»: a medium named before the clause reports it, whatever its verb
        if any(s in cues for j in range(k) for _, s in m.stems(sent.tokens[j].key)) or \
                _media_report(m, sent.tokens[:k]):
            clause = sent.tokens[k + 1].start if k + 1 < len(sent.tokens) else sent.end
            acting = any(e.type in ("PER", "ORG") or _is_state(m, e) for _, e in _mentions_in(doc, clause, sent.end))
            # one who reports a meeting is no party to it unless the clause says so with a pronoun; one who
            # reports an attack, unless the clause points back to him («أعلنت الوزارة أن طائراتها قصفت»,
            # «… أن الجيش شن»)
            if typ in UNNAMED_ACTOR_TYPES:  # the clause's subject, right after «أن», may point back
                subject = sent.tokens[k + 1:min(tok, k + 1 + SUBJECT_WORDS)]
                excluded = not _points_back(m, subject) or _media_report(m, sent.tokens[:k])
            else:
                excluded = acting or typ == "CONSULT"
            return k + 1 if excluded and k + 1 < len(sent.tokens) else 0
        return 0
    return 0


def _clause_break(m: Morphology, sent: Sentence, hit: _Hit) -> int:
    """Return where a temporal clause with its own subject begins after a trigger («في الوقت الذي افتتحت فيه
    الولايات المتحدة سفارتها», «في وقت كانت القيادة … تهاجم روسيا»; lexicon `clause_breaks`), or the sentence end:
    parties named in it take no part in the act before it."""
    breaks, cues = m.lexicon.words("clause_breaks"), m.lexicon.words("quote_cues")
    toks = sent.tokens
    for j in range(hit.tok_end, len(toks)):
        for n in (3, 2):
            if j + n <= len(toks) and join_keys([t.key for t in toks[j:j + n]]) in breaks:
                return toks[j].start
        # «قصفت طائرات إسرائيلية مواقع لحماس، وأوضح بيان للجيش …»: a new sentence of report after a comma
        # (not «، وقالت إن …»: the same subject goes on, and may name its act's target)
        if j > hit.tok_end and toks[j - 1].text.endswith(LIST_COMMAS[1:]) and \
                m.conjunction_stem(toks[j].key) in cues and j + 1 < len(toks) and \
                toks[j + 1].key not in m.lexicon.words("complementizers"):
            return toks[j].start
    return sent.end


def _new_clause_start(m: Morphology, doc: Document, sent: Sentence, tok: int, after: int = 0) -> int:
    """Return the first token of a new clause after a comma that holds a trigger with its own named subject: «اتصل
    أردوغان بأمير قطر، ليجري بعدها الرئيس الإيراني حسن روحاني اتصالا مع الأمير» — the call is Rouhani's. The
    clause opens with «ل» + an imperfect verb or a word of `clause_openers` («فيما», «بينما», «ثم»); else 0."""
    for k in range(tok - 1, max(after, 1) - 1, -1):
        if not sent.tokens[k - 1].text.endswith(LIST_COMMAS[1:]):
            continue
        key = m.bare(sent.tokens[k].key)
        lam = m.lam_stem(key)
        start, end = sent.tokens[k].start, sent.tokens[tok].start
        parties = [(pos, e) for pos, e in _mentions_in(doc, start, end) if e.type in ("PER", "ORG") or _is_state(m, e)]
        # «…، وردت إسرائيل بغارات»: «و» + a word that is no party, then a party — a verb and its subject
        plain = key not in m.lexicon.words("complementizers") and key not in m.lexicon.function_words and len(key) >= 3
        verb_then_subject = m.starts_with_conjunction(sent.tokens[k].key) and plain and k + 1 < tok and \
            not any(pos == start or pos == start + 1 for pos, _ in parties) and \
            any(pos == sent.tokens[k + 1].start for pos, _ in parties)
        if not ((lam is not None and m.looks_like_verb(lam)) or key in m.lexicon.words("clause_openers")
                or verb_then_subject):
            return 0
        return k if parties else 0
    return 0


def _reported_subject_start(m: Morphology, sent: Sentence, after: int, hit: _Hit) -> int:
    """Return the first token of a later trigger's segment: the trigger itself, or the clause it opens with
    its subject when a complementizer stands between it and the trigger before («أشاد الثني بالشرطة، وذكر
    المكتب أن الثني بحث مع …»: the subject of «بحث» is his)."""
    if hit.trigger.kind != "V":
        return hit.tok_start
    comps = m.lexicon.words("complementizers")
    for k in range(hit.tok_start - 1, after - 1, -1):
        if sent.tokens[k].key in comps and not m.enclitic(sent.tokens[k].text):
            return k + 1
    return hit.tok_start


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


def _media_report(m: Morphology, toks: list) -> bool:
    """Whether the words before a reported clause name a medium or an unnamed source (`media_heads`): «وذكرت وكالة
    الأناضول أن الشرطة اعتقلت …» — the police of the clause are not the agency's."""
    return _names_word(m, toks, "media_heads")


def _points_back(m: Morphology, toks: list) -> bool:
    """Whether a reported clause's words before its act point back to the one reporting it: a pronoun
    («طائراتها») or a state's body with no state named («الجيش», «القوات»)."""
    groups = m.lexicon.words("group_nouns")
    for j, t in enumerate(toks):
        if m.enclitic(t.text) and len(t.key) > 3:
            return True
        if t.key in groups and m.has_article(t.key) and not (j + 1 < len(toks) and m.nisba_of(toks[j + 1].key)):
            return True
    return False


def _oblique(m: Morphology, doc: Document, pos: int, proclitic: bool = True) -> bool:
    """Whether the party named at `pos` follows a preposition («على قطر», «مع نظيره»; with `proclitic`, also
    one written on it: «لحركة …»)."""
    if proclitic and pos > 0 and doc.text[pos - 1:pos] in m.prepositions:
        return True
    before = doc.text[max(0, pos - 40):pos].split()
    if not before or norm_char_key(before[-1]) not in m.lexicon.words("object_prepositions"):
        return False
    # «مسلحون من تنظيم داعش»: some of the party, who may act; «كل من السعودية والبحرين»: each of them
    if len(before) < 2 or norm_char_key(before[-1]) not in m.lexicon.words("partitive_words"):
        return True
    head = m.without_article(m.bare(norm_char_key(before[-2])))
    if head in m.lexicon.words("each_words"):
        # «أعلنت كل من السعودية والبحرين»: each acts, right after the verb; «في كل من الكويت وتونس» are places and
        # «ناشدت المحكمة كل من إيران وأمريكا» (after the subject, a noun) are acted on
        prev = m.bare(norm_char_key(before[-3])) if len(before) > 2 else ""
        return prev in m.lexicon.words("location_prepositions") or m.has_article(prev)
    return head not in m.lexicon.words("unnamed_people")


def _no_oblique_actor(m: Morphology, doc: Document, parties: list[tuple[int, str]], actors: list[str],
                      recipients: list[str], proclitic: bool = True) -> tuple[list[str], list[str]]:
    """Move an actor named after a preposition to the recipients: in «فرضت الدول الأربع عقوبات على قطر» Qatar
    is sanctioned. The first party not after one acts, if any; else nobody named does."""
    where = {i: pos for pos, i in reversed(parties)}
    if not all(i in where and _oblique(m, doc, where[i], proclitic) for i in actors):
        return actors, recipients
    rest = [i for _, i in parties if i not in actors and not _oblique(m, doc, where[i], proclitic)]
    new_actor = rest[:1]
    return new_actor, [i for i in dict.fromkeys(actors + recipients) if i not in new_actor]


def _circumstantial(m: Morphology, hit: _Hit) -> bool:
    """Whether a trigger is an accusative participle adding an act to the main clause («مطالبا», «متهما»)."""
    return m.bare(hit.sent.tokens[hit.tok_start].key) in m.lexicon.words("circumstantial_participles")


def _news_agency(m: Morphology, e: Entity) -> bool:
    """Whether an organisation is a news agency (agencies.tsv, or a name opening with `news_agency_heads`)."""
    if e.type != "ORG":
        return False
    key = norm_char_key(e.name)
    heads = m.lexicon.words("news_agency_heads")
    return name_key(e.name) in m.lexicon.agencies or any(key == h or key.startswith(h + " ") for h in heads)


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


def _bilateral_meetings(m: Morphology, doc: Document, ev: Event) -> list[Event]:
    """Split «التقى X بنظيره المصري A، ووزير الخارجية الأردني B، و…» into one meeting of X with each guest:
    a meeting told in one sentence by a verb whose one actor meets two or more persons of different states
    is a round of bilateral meetings, not one meeting of them all. A summit or a meeting noun («اجتماع
    ثلاثي») stays one; so does a meeting told again in later sentences (split after merging)."""
    if ev.type != "CONSULT" or len(ev.actors) != 1 or len(ev.mentions) != 1 or ev.trigger is None:
        return [ev]
    trig = _lookup(m, norm_char_key(ev.trigger.text.split()[0]), ev.trigger.text.split()[0])
    if trig is None or trig.kind not in ("V", "I"):
        return [ev]
    guests = [doc.entity(r) for r in ev.recipients]
    persons = [g for g in guests if g is not None and g.type == "PER"]
    states = {g.country for g in persons if g.country}
    if len(persons) < 2 or len(states) < len(persons):
        return [ev]
    actor = doc.entity(ev.actors[0])
    if actor is None or actor.type != "PER":
        return [ev]  # «نائب رئيس مجلس الوزراء … التقى»: an organisation in a title is no host
    home = [f"country:{actor.country}"] if actor.country else []
    out = []
    for g in persons:
        part = replace(ev, recipients=[g.id], participants=list(dict.fromkeys(
            [*ev.actors, g.id, *home, f"country:{g.country}"])), mentions=list(ev.mentions), contexts=list(ev.contexts))
        out.append(part)
    return out


def _future_dated_are_planned(doc: Document, events: list[Event]) -> None:
    """An act dated after publication has not happened yet: «يزور … يوم الاثنين المقبل» is planned."""
    if not doc.published:
        return
    for ev in events:
        value = (ev.date or {}).get("value") or ""
        if ev.modality == "asserted" and value[:10] > doc.published[:10] and len(value) >= 10:
            ev.modality = "planned"


def add_events(doc: Document, m: Morphology, detector: Any = None) -> None:
    """Fill `doc.events`, one per happening, from trigger words in the sentences (those the trained
    `detector`, a `marsad.extract.detector.EventDetector`, accepts when one is given)."""
    hits: list[_Hit] = []
    for sent, found in sentence_hits(m, doc):
        found = _fold_aims(m, _detected(m, doc, sent, found, detector))
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
    for step, h in enumerate(hits):
        ev = _build(m, doc, h, len(events) + 1, _last_meeting(events))
        if ev is None:
            continue
        built[id(h)] = ev
        if h.governed_by is not None and id(h.governed_by) in built:
            g = h.governed_by
            warns = m.bare(g.sent.tokens[g.tok_start].key) in m.lexicon.words("warning_verbs")
            # «حذرته من الانسحاب»: the one warned would act; a warning followed by anything else governs nothing
            if not warns or _after_min(m, h):
                _governed_actor(ev, warns or g.trigger.type == "REQUEST", built[id(g)], g.trigger.type == "AGREE")
        _add_or_merge(m, doc, events, ev, sent_no, touched, step, h.own_clause)
    for n, ev in enumerate(_speech_threats(m, doc, 0), len(hits)):
        ev.id = f"t{n}"
        _add_or_merge(m, doc, events, ev, sent_no, touched, n)
    events = [part for ev in events for part in _bilateral_meetings(m, doc, ev)]
    _story_context(m, doc, events)
    _story_day(m, doc, events)
    _future_dated_are_planned(doc, events)
    for n, ev in enumerate(events, 1):
        ev.id = f"e{n}"
    doc.events = events
