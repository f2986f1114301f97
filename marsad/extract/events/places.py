"""An event's place: the place named in its segment (not a dateline, a post, a topic or a list), the place
visited, a capital named for its state; whether a verb of taking control names a place."""

from __future__ import annotations

from marsad.extract.events.hit import _Hit
from marsad.extract.events.kinds import STANCE_TYPES
from marsad.extract.events.mentions import _mentions_in, _state_of
from marsad.model import Document, Entity, Sentence
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key


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


def _capital_named(m: Morphology, hit: _Hit) -> dict | None:
    """«للعاصمة الليبية» names the capital of Libya."""
    toks = [t for t in hit.sent.tokens if hit.seg_start <= t.start < hit.seg_end]
    for a, b in zip(toks, toks[1:], strict=False):
        if a.key in m.lexicon.words("capital_words") and (iso := _state_of(m, b.key)):
            cap = m.lexicon.capitals.get(iso)
            if cap is not None:
                return {"name": cap.name, "country": iso, "lat": None, "lon": None}
    return None


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
