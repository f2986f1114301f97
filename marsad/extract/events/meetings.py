"""Meetings across events: the last meeting (whose two sides «الجانبان» may name), and a round of
bilateral meetings split from one told by a single verb."""

from __future__ import annotations

from dataclasses import replace

from marsad.extract.events.merge import _named
from marsad.extract.events.triggers import _lookup
from marsad.model import Document, Event
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key


def _last_meeting(events: list[Event]) -> Event | None:
    return next((e for e in reversed(events) if e.type == "CONSULT" and _named(e)), None)


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
