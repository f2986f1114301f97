"""Trigger hits dropped or joined before roles are read: an act only said to take place or be signed, a
warning, a declined comment, a rejected accusation; a support verb joined to the noun of its act."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from marsad.extract.events.hit import _Hit, _names_word, _verb_forms
from marsad.extract.events.kinds import ANY_NOUN_SUPPORT_TYPES, FORCE_TYPES
from marsad.extract.events.markers import GOVERNED_GAP
from marsad.lexicon import Lexicon
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key

OCCURRENCE_REACH = 2  # words between «وقع» (took place) and the event noun that is its subject


SIGNED_REACH = (3, 16)  # words before and after «وقع» where what is signed may stand (past the signers' names)


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


NEEDS_LIGHT = "needs-light"  # a trigger noun that counts only where a support verb yields to it
LIGHT_GAP = 6  # words (its subject, in a verb-first clause) a support verb may stand before the noun of its act


def _join_light_verbs(found: list[_Hit]) -> list[_Hit]:
    """Return the hits with each support verb folded into the trigger noun that follows it: «شن غارات» is
    one hit spanning both, typed by the noun (a support verb of another type than ASSAULT takes only a noun of
    its own type); a support verb with no noun after it stays, without a mode; a noun that needs one goes."""
    out: list[_Hit] = []
    joined: set[int] = set()
    for j, h in enumerate(found):
        nxt = found[j + 1] if j + 1 < len(found) else None
        if h.trigger.mode in ("light", "light-only"):
            if nxt is not None and nxt.tok_start - h.tok_end <= LIGHT_GAP \
                    and (h.trigger.type in ANY_NOUN_SUPPORT_TYPES or nxt.trigger.type == h.trigger.type):
                nxt.tok_start = h.tok_start
                mode = None if nxt.trigger.mode == NEEDS_LIGHT else nxt.trigger.mode
                nxt.trigger = replace(nxt.trigger, kind=h.trigger.kind, mode=mode)  # the clause is verbal
                joined.add(id(nxt))
                continue
            if h.trigger.mode == "light-only":
                continue
            h.trigger = replace(h.trigger, mode=None)
        if h.trigger.mode == NEEDS_LIGHT and id(h) not in joined:
            continue
        out.append(h)
    return out


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
