"""Terminal views of a Document: its text with entities, dates and events marked in place, and a short summary.

`render_document` marks them with brackets (for pipes, files and tests); `render_rich` colours them for a
terminal, with the same labels dimmed after each mark and the evidence sentence of each event underlined.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from marsad.model import Document

STYLES = {"PER": "bold cyan", "ORG": "bold magenta", "LOC": "bold green", "DATE": "yellow", "EVENT": "bold red"}


@dataclass(frozen=True, slots=True)
class Mark:
    """A marked stretch of the text: entity mention, date or event trigger, with its kind and label."""

    start: int
    end: int
    kind: str
    label: str


def marks(doc: Document) -> list[Mark]:
    """Return the marks of a document in text order, a mark inside or across an earlier one left out."""
    out = [Mark(m.start, m.end, e.type, f"{e.type}:{e.id}") for e in doc.entities for m in e.mentions]
    out += [Mark(t.start, t.end, "DATE", t.value or "?") for t in doc.times]
    out += [Mark(ev.trigger.start, ev.trigger.end, "EVENT", f"{ev.type}:{ev.id}") for ev in doc.events
            if ev.trigger and ev.trigger.end > ev.trigger.start]
    out.sort(key=lambda m: (m.start, -m.end))
    kept, pos = [], 0
    for m in out:
        if m.start < pos:
            continue  # nested or overlapping marks are shown once
        kept.append(m)
        pos = m.end
    return kept


def _plain(doc: Document, m: Mark) -> str:
    text = doc.text[m.start:m.end]
    if m.kind == "DATE":
        return "{" + text + "|" + m.label + "}"
    if m.kind == "EVENT":
        return "<<" + text + "|" + m.label + ">>"
    return "[[" + text + "|" + m.label + "]]"


def _head(doc: Document) -> list[str]:
    return [f"# {doc.id}", f"title: {doc.title}", f"published: {doc.published} ({doc.published_origin})",
            f"outlet: {doc.source.outlet}  byline: {doc.source.byline}  agencies: {', '.join(doc.source.agencies)}",
            ""]


def render_document(doc: Document) -> str:
    """Return the article text with entities [[…|TYPE:id]], dates {…|value} and event triggers <<…|TYPE:id>>
    marked, then its entities, events (with their English summaries) and quotes."""
    out: list[str] = []
    pos = 0
    for m in marks(doc):
        out.append(doc.text[pos:m.start])
        out.append(_plain(doc, m))
        pos = m.end
    out.append(doc.text[pos:])
    return "\n".join(_head(doc)) + "".join(out) + "\n\n" + summarise_document(doc)


def render_rich(doc: Document):
    """Return a rich Text of the article: entities coloured by type, dates and event triggers coloured, a dim
    label after each, each event's evidence sentence underlined; then the summary lines."""
    from rich.text import Text

    found = marks(doc)
    labels = [(m.end, f"⟨{m.label}⟩") for m in found]
    ends = [at for at, _ in labels]
    shift = [0]
    for _, label in labels:
        shift.append(shift[-1] + len(label))

    def opening(i: int) -> int:  # where original offset i lands when a span starts there
        return i + shift[bisect_right(ends, i)]

    def closing(i: int) -> int:  # … and when a span ends there (before a label inserted at i)
        return i + shift[bisect_left(ends, i)]

    body = Text()
    pos = 0
    for (at, label), m in zip(labels, found, strict=True):
        body.append(doc.text[pos:at])
        body.append(label, style=f"dim {STYLES[m.kind].replace('bold ', '')}")
        pos = at
    body.append(doc.text[pos:])
    for ev in doc.events:
        body.stylize("underline", opening(ev.evidence.start), closing(ev.evidence.end))
    for m in found:
        body.stylize(STYLES[m.kind], opening(m.start), closing(m.end))
    head = Text("\n".join(_head(doc)), style="bold")
    return Text.assemble(head, body, "\n\n", summarise_document(doc))


def summarise_document(doc: Document) -> str:
    """Return a few lines listing the document's entities, events (each with its English summary) and quotes."""
    from marsad.records import records_from_document
    from marsad.summary import english_summary

    lines = []
    for e in doc.entities:
        extra = ", ".join(filter(None, [e.country, "; ".join(e.titles)]))
        lines.append(f"  {e.type:3s} {e.id:4s} {e.name}" + (f" ({extra})" if extra else ""))
    english = {r.id.rsplit(":", 1)[1]: english_summary(r) for r in records_from_document(doc)}
    for ev in doc.events:
        names = [(doc.entity(p).name if doc.entity(p) else p) for p in ev.participants]
        date = (ev.date or {}).get("value")
        loc = (ev.location or {}).get("name")
        flags = ev.modality + (", negated" if ev.negated else "")
        lines.append(f"  EVENT {ev.type}/{ev.mode or '-'} [{flags}] {' + '.join(names)}"
                     + (f" @ {loc}" if loc else "") + (f" on {date}" if date else ""))
        if english.get(ev.id):
            lines.append(f"        en: {english[ev.id]}")
    for q in doc.quotes:
        who = doc.entity(q.speaker).name if q.speaker and doc.entity(q.speaker) else q.speaker_text
        lines.append(f"  QUOTE {who}: {q.text[:80]}")
    return "\n".join(lines) if lines else "  (nothing found)"
