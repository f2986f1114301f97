"""An event's modality (asserted, planned, threatened …) and negation, read from the words around its trigger."""

from __future__ import annotations

from marsad.extract.events.hit import _Hit
from marsad.model import Document, Event, Sentence, Token
from marsad.text.morphology import Morphology

PURPOSE_REACH = 3  # words before an act that a purpose or attempt cue may stand
CANCEL_REACH = 6  # words before an act that a cancellation cue may stand («ألغى الرئيس المصري … زيارته»)


def _not_only(m: Morphology, toks: list, hit: _Hit) -> bool:
    """Whether a negated act is the first half of «لا … فحسب بل …» (not only … but also), which asserts it."""
    only, but = m.lexicon.words("not_only_words"), m.lexicon.words("but_also_words")
    after = [t.key for t in toks[hit.tok_end:]]
    first = next((j for j, k in enumerate(after) if k in only), None)
    return first is not None and any(k in but for k in after[first + 1:])


def _definite(m: Morphology, tok: Token) -> bool:
    """Whether a word is definite: it carries the article, behind a conjunction or a preposition too («والقمة»,
    «للقمة»), or a possessive pronoun («لقاءه المرتقب», «قمته المرتقبة»)."""
    return any(m.has_article(s) for _, s in m.stems(tok.key)) or bool(m.enclitic(tok.text))


def _planned_adjective(m: Morphology, toks: list, hit: _Hit) -> bool:
    """Whether an adjective of a coming act qualifies the trigger's noun, right after it or after a nisba that
    qualifies it too: «لقاء مرتقب», «القمة المقبلة», «عقوبات أميركية وشيكة». An adjective agrees with its noun in
    definiteness, so «أن يكون الهجوم وشيكا» (the attack being imminent: a predicate) and «اعتقال الفلسطيني
    المنتظر» (the nisba is the one arrested, a noun) make nothing planned; a possessive pronoun makes a noun
    definite («لقاءه المرتقب»)."""
    planned = m.lexicon.words("planned_adjectives")

    def says_planned(key: str) -> bool:  # «وشيك» itself starts with «و»: read with and without it
        return bool({m.without_article(key), m.without_article(m.bare(key))} & planned)

    definite = _definite(m, toks[hit.tok_end - 1])
    j = hit.tok_end
    if j < len(toks) and m.own_nisba(toks[j].key) and _definite(m, toks[j]) == definite \
            and not says_planned(toks[j].key):
        j += 1
    return j < len(toks) and _definite(m, toks[j]) == definite and says_planned(toks[j].key)


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
    if any(k in lex.words("future_cues") for k in bare_before) or future_verb:
        return "planned", negated  # «سوف يزور», «سيزور»
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
    if _planned_adjective(m, toks, hit):
        return "planned", negated  # «لقاء مرتقب»; «إذا وقع هجوم وشيك», «احتمال شن هجوم وشيك» stay maybes
    sent_keys = {t.key for t in toks}
    if hit.trigger.type == "AID" and sent_keys & lex.words("offer_words"):
        return "offered", negated
    return "asserted", negated


def _future_dated_are_planned(doc: Document, events: list[Event]) -> None:
    """An act dated after publication has not happened yet: «يزور … يوم الاثنين المقبل» is planned."""
    if not doc.published:
        return
    for ev in events:
        value = (ev.date or {}).get("value") or ""
        if ev.modality == "asserted" and value[:10] > doc.published[:10] and len(value) >= 10:
            ev.modality = "planned"
