"""An event's date: the time expression of its clause, not one that dates another clause."""

from __future__ import annotations

from functools import lru_cache

from marsad.extract.events.hit import _Hit
from marsad.extract.events.kinds import VERBAL_TYPES
from marsad.extract.time import NOT_EVENT_DATES
from marsad.lexicon import Lexicon
from marsad.model import TimeExpr
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key


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
