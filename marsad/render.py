"""Plain-text views of a Document for terminals: marked-up text and a short summary."""

from __future__ import annotations

from marsad.model import Document


def render_document(doc: Document) -> str:
    """Return the article text with entities [[…|TYPE]], dates {…|value} marked, then its events."""
    marks: list[tuple[int, int, str]] = []
    for e in doc.entities:
        for m in e.mentions:
            marks.append((m.start, m.end, f"|{e.type}:{e.id}]]"))
    for t in doc.times:
        marks.append((t.start, t.end, f"|{t.value or '?'}}}"))
    marks.sort(key=lambda m: (m[0], -m[1]))
    out: list[str] = []
    pos = 0
    for start, end, tail in marks:
        if start < pos:
            continue  # nested or overlapping marks are shown once
        out.append(doc.text[pos:start])
        out.append(("[[" if tail.endswith("]]") else "{") + doc.text[start:end] + tail)
        pos = end
    out.append(doc.text[pos:])
    head = [f"# {doc.id}", f"title: {doc.title}", f"published: {doc.published} ({doc.published_origin})",
            f"outlet: {doc.source.outlet}  byline: {doc.source.byline}  agencies: {', '.join(doc.source.agencies)}",
            ""]
    return "\n".join(head) + "".join(out) + "\n\n" + summarise_document(doc)


def summarise_document(doc: Document) -> str:
    """Return a few lines listing the document's entities, events and quotes."""
    lines = []
    for e in doc.entities:
        extra = ", ".join(filter(None, [e.country, "; ".join(e.titles)]))
        lines.append(f"  {e.type:3s} {e.id:4s} {e.name}" + (f" ({extra})" if extra else ""))
    for ev in doc.events:
        names = [(doc.entity(p).name if doc.entity(p) else p) for p in ev.participants]
        date = (ev.date or {}).get("value")
        loc = (ev.location or {}).get("name")
        flags = ev.modality + (", negated" if ev.negated else "")
        lines.append(f"  EVENT {ev.type}/{ev.mode or '-'} [{flags}] {' + '.join(names)}"
                     + (f" @ {loc}" if loc else "") + (f" on {date}" if date else ""))
    for q in doc.quotes:
        who = doc.entity(q.speaker).name if q.speaker and doc.entity(q.speaker) else q.speaker_text
        lines.append(f"  QUOTE {who}: {q.text[:80]}")
    return "\n".join(lines) if lines else "  (nothing found)"
