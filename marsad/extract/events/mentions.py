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


def _in_person_names(doc: Document, start: int, end: int) -> Callable[[int], bool]:
    """Return whether a character offset in [start, end) lies inside a person's name: the nisba-shaped given name
    «تركي» of «تركي الفيصل» names no state."""
    spans = [(mn.start, mn.end) for e in doc.entities if e.type == "PER" for mn in e.mentions
             if mn.end > start and mn.start < end]
    return lambda pos: any(a <= pos < b for a, b in spans)


def _nisbas_after(m: Morphology, toks: list, is_head: Callable[[str], bool]) -> list[tuple[Any, str]]:
    """Return (token, state) of each nisba with a word `is_head` accepts up to NISBA_REACH words before it."""
    out = []
    for j, t in enumerate(toks):
        iso = _state_of(m, t.key)
        if iso and any(is_head(toks[k].key) for k in range(max(0, j - NISBA_REACH), j)):
            out.append((t, iso))
    return out


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
