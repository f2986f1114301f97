"""Who is named where: the entities mentioned in a stretch of text, states read from nisbas, news agencies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marsad.model import Document, Entity
from marsad.text.morphology import Morphology
from marsad.text.normalize import name_key, norm_char_key

NAMED_PARTIES = frozenset({"PER", "ORG"})


def _mentions_in(doc: Document, start: int, end: int) -> list[tuple[int, Entity]]:
    """Return (start, entity) of each mention inside [start, end), in text order; a person or organisation named
    inside a longer one («الحوثي» in «ميليشيات الحوثي») is part of that name, not a party of its own."""
    spans = [(mn.start, mn.end, e) for e in doc.entities for mn in e.mentions if start <= mn.start and mn.end <= end]
    named = [(a, b) for a, b, e in spans if e.type in NAMED_PARTIES]
    return sorted(((a, e) for a, b, e in spans
                   if e.type not in NAMED_PARTIES or not any(x <= a and b <= y and (x, y) != (a, b) for x, y in named)),
                  key=lambda x: x[0])


NISBA_REACH = 3  # words back from a nisba that the noun it describes may stand


def _state_of(m: Morphology, key: str) -> str | None:
    """Return the state a nisba names, or None; not for a nisba-shaped word that more often means something
    else («مالية»: financial, lexicon `nisba_homographs`)."""
    iso = m.nisba_of(key)
    if iso is None or m.without_article(m.bare(key)) in m.lexicon.words("nisba_homographs"):
        return None
    return iso


def _token_states(m: Morphology, doc: Document, toks: list) -> list[tuple[Any, str]]:
    """Return (token, state) of each token of `toks` that is a nisba (`_state_of`), but not one inside a person's
    name: the nisba-shaped given name «تركي» of «تركي الفيصل» names no state."""
    if not toks:
        return []
    start, end = toks[0].start, toks[-1].end
    names = [(mn.start, mn.end) for e in doc.entities if e.type == "PER" for mn in e.mentions
             if mn.end > start and mn.start < end]
    return [(t, iso) for t in toks if (iso := _state_of(m, t.key)) and not any(a <= t.start < b for a, b in names)]


def _nisbas_after(m: Morphology, doc: Document, toks: list,
                  is_head: Callable[[str], bool]) -> list[tuple[Any, str]]:
    """Return (token, state) of each nisba of `_token_states` with a word `is_head` accepts up to NISBA_REACH words
    before it."""
    at = {id(t): j for j, t in enumerate(toks)}
    return [(t, iso) for t, iso in _token_states(m, doc, toks)
            if any(is_head(toks[k].key) for k in range(max(0, at[id(t)] - NISBA_REACH), at[id(t)]))]


def _is_state(m: Morphology, e: Entity) -> bool:
    """Whether a place entity is a state («فرنسا»), which may act («إن فرنسا تراجعت عن …»)."""
    place = m.lexicon.places.get(norm_char_key(e.name)) if e.type == "LOC" else None
    return place is not None and place.kind == "country"


def _news_agency(m: Morphology, e: Entity) -> bool:
    """Whether an organisation is a news agency (agencies.tsv, or a name opening with `news_agency_heads`)."""
    if e.type != "ORG":
        return False
    key = norm_char_key(e.name)
    heads = m.lexicon.words("news_agency_heads")
    return name_key(e.name) in m.lexicon.agencies or any(key == h or key.startswith(h + " ") for h in heads)
