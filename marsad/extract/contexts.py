"""Contexts of events: what a happening is about (counter-terrorism, border security, migration …).

Each event gets the contexts whose keywords (lexicon `contexts.tsv`) occur in its trigger sentences
(assigned by the events component); this component adds what the people taking part say at the
happening (their quotes set its agenda).
"""

from __future__ import annotations

from marsad.lexicon import Lexicon
from marsad.model import Document
from marsad.text.normalize import norm_char_key

AGENDA_TYPES = ("CONSULT", "AGREE", "COOPERATE")  # happenings whose participants' statements set an agenda


def keyword_contexts(lexicon: Lexicon, text: str) -> list[str]:
    """Return the contexts whose keywords occur in `text`, in the order of the lexicon (longest first)."""
    key = norm_char_key(text)
    found: list[str] = []
    for kw, ctx in lexicon.context_keywords:
        if kw in key and ctx not in found:
            found.append(ctx)
    return found


def add_agenda_contexts(doc: Document, lexicon: Lexicon) -> None:
    """Add to each meeting or agreement the contexts of what its participants are quoted saying."""
    for ev in doc.events:
        if ev.type not in AGENDA_TYPES:
            continue
        for q in doc.quotes:
            if q.speaker and q.speaker in ev.participants:
                ev.contexts = list(dict.fromkeys(ev.contexts + keyword_contexts(lexicon, q.text)))
