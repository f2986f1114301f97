"""Threats told in quotations: a quotation that threatens force is a THREATEN event by its speaker."""

from __future__ import annotations

from marsad.extract.contexts import keyword_contexts
from marsad.extract.events.mentions import _mentions_in
from marsad.model import Document, Event, Span
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key


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
