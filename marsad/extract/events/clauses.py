"""Clause bounds inside a sentence: where the segment of a trigger starts (its clause's subject) and ends."""

from __future__ import annotations

from marsad.extract.events.hit import _Hit, _names_word
from marsad.extract.events.kinds import UNNAMED_ACTOR_TYPES
from marsad.extract.events.mentions import _is_state, _mentions_in
from marsad.model import Document, Sentence
from marsad.text.morphology import Morphology
from marsad.text.normalize import join_keys

LIST_COMMAS = ("", "،", ",")  # what may stand before «و» between two parties of one list, or alone

SUBJECT_WORDS = 2  # words after «أن» that may hold the reported clause's subject («أن طائراتها», «أن الجيش»)


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


def _circumstantial(m: Morphology, hit: _Hit) -> bool:
    """Whether a trigger is an accusative participle adding an act to the main clause («مطالبا», «متهما»)."""
    return m.bare(hit.sent.tokens[hit.tok_start].key) in m.lexicon.words("circumstantial_participles")
