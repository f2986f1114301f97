"""A brief on the relations of two states over a period: a timeline chart, the main actors with their posts, and
the key events with citations to the articles and how many articles corroborate each.

`build_brief` turns EventRecords and actor records (what the service reads from the store) into a `Brief`;
`to_markdown`, `to_html` and `timeline_svg` write it. Nothing here touches the database or the network: the chart
is an SVG drawn here, and the HTML has no outside asset.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from marsad.records import EventRecord
from marsad.summary import EnglishNames, default_names

KEY_EVENTS = 20  # events listed in full, the most corroborated first
MAIN_ACTORS = 8
TYPE_COLOURS = {
    "CONSULT": "#1f77b4", "AGREE": "#2ca02c", "COOPERATE": "#17becf", "AID": "#98df8a", "SUPPORT": "#aec7e8",
    "REQUEST": "#9467bd", "ACCUSE": "#ff7f0e", "REJECT": "#ffbb78", "THREATEN": "#d62728", "PROTEST": "#e377c2",
    "SANCTION": "#8c564b", "MOBILIZE": "#bcbd22", "COERCE": "#7f7f7f", "ASSAULT": "#b30000", "CONCEDE": "#c5b0d5",
    "RETREAT": "#c49c94",
}


@dataclass(frozen=True, slots=True)
class BriefActor:
    """One of the main actors: names, posts held (with when they were seen) and how many key events name him."""

    kb_id: str
    name: str
    name_latin: str | None
    country: str | None
    posts: tuple[str, ...]
    events: int


@dataclass(slots=True)
class Brief:
    """What a brief says: the pair, the period, counts by type, the main actors and the key events."""

    a: str
    b: str
    since: str | None
    until: str | None
    events: list[EventRecord] = field(default_factory=list)  # one per happening, oldest first, undated last
    articles: int = 0  # articles that tell them
    by_type: Counter = field(default_factory=Counter)
    actors: list[BriefActor] = field(default_factory=list)

    @property
    def key_events(self) -> list[EventRecord]:
        """Return the events to list in full: the most corroborated, then the latest."""
        ranked = sorted(self.events, key=lambda r: (-r.corroboration, r.date is None, _neg(r.date or "")))
        return ranked[:KEY_EVENTS]


def _neg(value: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in value)


def one_per_happening(records: Iterable[EventRecord]) -> list[EventRecord]:
    """Return one record per canonical event (the first report of it), and every event no story holds, oldest
    first and undated last."""
    seen: set[str] = set()
    out = []
    for r in records:
        if r.canonical_id is not None:
            if r.canonical_id in seen:
                continue
            seen.add(r.canonical_id)
        out.append(r)
    return sorted(out, key=lambda r: (r.date is None, r.date or "", r.id))


def build_brief(a: str, b: str, since: str | None, until: str | None, records: Iterable[EventRecord],
                actor_records: Iterable[dict]) -> Brief:
    """Return the brief of two states' events (`records`, all involving both) and their main actors
    (`actor_records`: the service's actor records, most named first)."""
    records = list(records)
    brief = Brief(a.upper(), b.upper(), since, until, one_per_happening(records), len({r.doc_id for r in records}))
    brief.by_type = Counter(r.type for r in brief.events)
    named = Counter(p.kb_id for r in brief.events for p in r.parties if p.kb_id and p.type == "PER")
    for rec in actor_records:
        posts = tuple(dict.fromkeys(
            f"{r['title']} ({_span(r.get('first_seen'), r.get('last_seen'))})" if r.get("first_seen") else r["title"]
            for r in rec.get("roles", []) if r.get("title")))
        brief.actors.append(BriefActor(rec["kb_id"], rec["name"], rec.get("name_latin"), rec.get("country"), posts,
                                       named.get(rec["kb_id"], 0)))
    return brief


def main_actor_ids(records: Iterable[EventRecord], n: int = MAIN_ACTORS) -> list[str]:
    """Return the kb_ids of the persons most often party to these events."""
    named = Counter(p.kb_id for r in one_per_happening(records) for p in r.parties if p.kb_id and p.type == "PER")
    return [k for k, _ in named.most_common(n)]


def _span(first: str | None, last: str | None) -> str:
    return first if not last or last == first else f"{first} – {last}"


def _when(r: EventRecord) -> str:
    if not r.date:
        return "undated"
    return r.date if r.date_precision in (None, "day") else f"{r.date} ({r.date_precision})"


def _parties(r: EventRecord, role: str, names: EnglishNames) -> str:
    return ", ".join(names.label(p) for p in r.role(role)) or "—"


def _place(r: EventRecord, names: EnglishNames) -> str:
    return names.place(r.location, r.location_country) or r.location or "—"


def timeline_svg(brief: Brief, width: int = 900) -> str:
    """Return an SVG chart of the dated events: one row per event type, one dot per happening at its date,
    larger when more articles tell it."""
    dated = [r for r in brief.events if r.date]
    types = sorted({r.type for r in dated}, key=lambda t: -brief.by_type[t])
    row, left, top = 26, 110, 30
    height = top + row * max(1, len(types)) + 40
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" role="img" '
           f'aria-label="Timeline of {brief.a}–{brief.b} events">']
    out.append(f'<text x="{left}" y="18">{brief.a} – {brief.b}: {len(dated)} dated events</text>')
    if not dated:
        out.append("</svg>")
        return "\n".join(out)
    days = sorted(_day_number(r.date) for r in dated)
    lo, hi = days[0], max(days[-1], days[0] + 1)
    span = width - left - 20
    for i, t in enumerate(types):
        y = top + row * i + row // 2
        out.append(f'<text x="4" y="{y + 4}">{html.escape(t)}</text>')
        out.append(f'<line x1="{left}" y1="{y}" x2="{width - 20}" y2="{y}" stroke="#ddd"/>')
    for r in dated:
        x = left + span * (_day_number(r.date) - lo) / (hi - lo)
        y = top + row * types.index(r.type) + row // 2
        radius = 4 + 2 * min(r.corroboration - 1, 4)
        title = html.escape(f"{r.date} {r.type}: {r.summary_en or r.evidence[:80]}")
        out.append(f'<circle cx="{x:.1f}" cy="{y}" r="{radius}" fill="{TYPE_COLOURS.get(r.type, "#333")}" '
                   f'fill-opacity="0.8"><title>{title}</title></circle>')
    axis = top + row * len(types) + 16
    for value in (days[0], days[len(days) // 2], days[-1]):
        x = left + span * (value - lo) / (hi - lo)
        out.append(f'<text x="{x:.1f}" y="{axis}" text-anchor="middle">{_date_of(value)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _day_number(value: str) -> int:
    """Return a day count for a date value of any precision (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www)."""
    import datetime as dt

    if "W" in value:
        year, week = value.split("-W")
        return dt.date.fromisocalendar(int(year), int(week[:2]), 1).toordinal()
    parts = [int(p) for p in value.split("-")[:3]]
    parts += [1] * (3 - len(parts))
    try:
        return dt.date(*parts).toordinal()
    except ValueError:
        return dt.date(parts[0], 1, 1).toordinal()


def _date_of(day: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(day).isoformat()


def _period(brief: Brief) -> str:
    return f"{brief.since or 'the first report'} to {brief.until or 'the latest'}"


def to_markdown(brief: Brief, svg_name: str = "timeline.svg", names: EnglishNames | None = None) -> str:
    """Return the brief as Markdown; the chart is the SVG file `svg_name` beside it."""
    names = names or default_names()
    lines = [f"# {brief.a}–{brief.b} relations: brief", "",
             f"Period: {_period(brief)}. {len(brief.events)} happenings "
             f"({sum(1 for r in brief.events if r.date)} dated), told in {brief.articles} articles.", "",
             f"![timeline]({svg_name})", "", "## Events by type", "", "| type | happenings |", "| --- | ---: |"]
    lines += [f"| {t} | {n} |" for t, n in brief.by_type.most_common()]
    lines += ["", "## Main actors", ""]
    for act in brief.actors:
        name = f"{act.name_latin} ({act.name})" if act.name_latin else act.name
        lines.append(f"- **{name}**{', ' + act.country if act.country else ''}: "
                     f"{'; '.join(act.posts) or 'no post recorded'} — {act.events} of these happenings")
    lines += ["", "## Key events", ""]
    for n, r in enumerate(brief.key_events, 1):
        cite = f"[{r.doc_title or r.doc_id}]({r.doc_url})" if r.doc_url else (r.doc_title or r.doc_id)
        lines += [f"{n}. **{_when(r)} · {r.type}{'/' + r.mode if r.mode else ''}** — {r.summary_en}",
                  f"   - actor: {_parties(r, 'actor', names)}; recipient: {_parties(r, 'recipient', names)}; "
                  f"place: {_place(r, names)}; modality: {r.modality}{' (denied)' if r.negated else ''}",
                  f"   - corroborated by {r.corroboration} article{'s' if r.corroboration != 1 else ''}; "
                  f"source: {cite} ({r.doc_outlet or 'unknown outlet'}, {r.doc_published or 'undated'})",
                  f"   - evidence: «{r.evidence.strip()}»"]
    return "\n".join(lines) + "\n"


def to_html(brief: Brief, names: EnglishNames | None = None) -> str:
    """Return the brief as one self-contained HTML page (the chart inline, no outside asset)."""
    names = names or default_names()
    esc = html.escape
    rows = "".join(f"<tr><td>{esc(t)}</td><td>{n}</td></tr>" for t, n in brief.by_type.most_common())
    actors = "".join(
        f"<li><b>{esc(a.name_latin or a.name)}</b> <span dir=\"rtl\" lang=\"ar\">{esc(a.name)}</span>"
        f"{' · ' + esc(a.country) if a.country else ''}: {esc('; '.join(a.posts) or 'no post recorded')} "
        f"— {a.events} happenings</li>" for a in brief.actors)
    events = []
    for r in brief.key_events:
        source = esc(r.doc_title or r.doc_id)
        if r.doc_url:
            source = f'<a href="{esc(r.doc_url)}">{source}</a>'
        events.append(
            f"<li><p><b>{esc(_when(r))} · {esc(r.type)}{'/' + esc(r.mode) if r.mode else ''}</b> — "
            f"{esc(r.summary_en)}</p><p>actor: {esc(_parties(r, 'actor', names))}; recipient: "
            f"{esc(_parties(r, 'recipient', names))}; place: {esc(_place(r, names))}; modality: {esc(r.modality)}"
            f"{' (denied)' if r.negated else ''}; corroborated by {r.corroboration}</p>"
            f"<blockquote dir=\"rtl\" lang=\"ar\">{esc(r.evidence.strip())}</blockquote>"
            f"<p class=\"src\">{source} ({esc(r.doc_outlet or 'unknown outlet')}, "
            f"{esc(r.doc_published or 'undated')})</p></li>")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(brief.a)}–{esc(brief.b)} brief</title>
<style>body{{font-family:sans-serif;max-width:960px;margin:2em auto;line-height:1.4}}
blockquote{{background:#f6f6f6;padding:.5em 1em;margin:.3em 0}}.src{{color:#555;font-size:90%}}
table{{border-collapse:collapse}}td{{border:1px solid #ccc;padding:2px 8px}}</style></head>
<body><h1>{esc(brief.a)}–{esc(brief.b)} relations: brief</h1>
<p>Period: {esc(_period(brief))}. {len(brief.events)} happenings, told in {brief.articles} articles.</p>
{timeline_svg(brief)}
<h2>Events by type</h2><table>{rows}</table>
<h2>Main actors</h2><ul>{actors}</ul>
<h2>Key events</h2><ol>{''.join(events)}</ol>
</body></html>
"""
