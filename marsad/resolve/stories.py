"""Stories (articles about the same happening) and canonical events with their sources.

Two events from different articles are one happening when they have the same type, share a
person (the same actor) or, failing persons, the same pair of states and an organisation,
and their dates agree within a couple of days. Articles linked by such events, or that are
near-duplicate copies, form one story. Within a story the linked events become one canonical
event listing every source article, how many independent outlets report it (copies of one
wire count once), and where the sources disagree on date or place.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from marsad.resolve.duplicates import UnionFind

DATE_SLACK_DAYS = 2
MAX_BLOCK = 300  # a block this large is a common pair of states on a busy day: too vague to link


@dataclass(slots=True)
class EventRecord:
    """One event of one article, with participants already resolved across articles."""

    key: str  # unique handle, e.g. "doc:e1"
    doc_id: str
    outlet: str | None
    type: str
    actors: frozenset[str]  # actor kb_ids of persons
    orgs: frozenset[str]  # organisation name keys
    countries: frozenset[str]
    date: str | None
    location: str | None
    modality: str = "asserted"
    evidence: str = ""


@dataclass(slots=True)
class CanonicalEvent:
    """One happening as all its sources tell it."""

    id: str
    type: str
    date: str | None
    location: str | None
    actors: list[str]
    orgs: list[str]
    countries: list[str]
    sources: list[str]  # doc ids
    events: list[str]  # event keys
    corroboration: int
    disagreements: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    """Articles about the same happening, with their canonical events."""

    id: str
    doc_ids: list[str]
    events: list[CanonicalEvent]


def _day(value: str | None) -> date | None:
    if value and len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _dates_agree(a: EventRecord, b: EventRecord) -> bool:
    da, db = _day(a.date), _day(b.date)
    if da is None or db is None:
        return True
    return abs((da - db).days) <= DATE_SLACK_DAYS


def same_happening(a: EventRecord, b: EventRecord) -> bool:
    """Whether two events from different articles tell the same happening."""
    if a.doc_id == b.doc_id or a.type != b.type or not _dates_agree(a, b):
        return False
    shared = a.actors & b.actors
    if shared and (len(shared) >= 2 or (a.date is not None and b.date is not None)):
        return True  # with a date missing, one shared person is not enough: he may meet often
    if a.actors and b.actors:
        return False  # both name their persons, and none in common
    return len(a.countries & b.countries) >= 2 and bool(a.orgs & b.orgs) and a.date is not None


def block_keys(e: EventRecord) -> list[str]:
    """Return the blocking keys of an event: events that may be one happening share one."""
    keys = [f"{e.type}|actor|{a}" for a in sorted(e.actors)]
    if not e.actors and e.date and len(e.countries) >= 2:
        pair = sorted(e.countries)[:2]
        keys.append(f"{e.type}|states|{pair[0]}|{pair[1]}|{e.date[:7]}")
    return keys


def _blocks(events: list[EventRecord]) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        for k in block_keys(e):
            blocks[k].append(i)
    return blocks


def build_stories(events: list[EventRecord], duplicate_groups: list[list[str]],
                  outlets: dict[str, str | None], block_sizes: dict[str, int] | None = None) -> list[Story]:
    """Return every article group (a story when it holds two or more articles) with its canonical events.

    Single articles come back as one-article groups so that each of their events has a canonical
    record too (the timeline lists them); `Story.doc_ids` tells which groups are real stories.
    `block_sizes` gives the size of blocks over a whole store when `events` is only part of it.
    """
    block_sizes = block_sizes or {}
    happening = UnionFind()
    docs = UnionFind()
    for group in duplicate_groups:
        for d in group[1:]:
            docs.union(group[0], d)
    for name, block in _blocks(events).items():
        if len(block) < 2 or max(len(block), block_sizes.get(name, 0)) > MAX_BLOCK:
            continue
        for x, i in enumerate(block):
            for j in block[x + 1:]:
                if same_happening(events[i], events[j]):
                    happening.union(events[i].key, events[j].key)
                    docs.union(events[i].doc_id, events[j].doc_id)
    copy_of = {}
    for group in duplicate_groups:
        for d in group:
            copy_of[d] = group[0]
    by_story: dict[str, set[str]] = defaultdict(set)
    for d in {e.doc_id for e in events} | {d for g in duplicate_groups for d in g}:
        by_story[docs.find(d)].add(d)
    clusters: dict[str, list[EventRecord]] = defaultdict(list)
    for e in events:
        clusters[happening.find(e.key)].append(e)
    canon_by_story: dict[str, list[CanonicalEvent]] = defaultdict(list)
    for members in clusters.values():
        canon_by_story[docs.find(members[0].doc_id)].append(_canonical(members, outlets, copy_of))
    stories = []
    for root, doc_ids in by_story.items():
        canon = sorted(canon_by_story.get(root, []), key=lambda c: (c.date or "9999", c.type))
        sid = "s-" + min(doc_ids)
        for n, c in enumerate(canon, 1):
            c.id = f"{sid}/c{n}"
        stories.append(Story(sid, sorted(doc_ids), canon))
    return sorted(stories, key=lambda s: (-len(s.doc_ids), s.id))


def _canonical(members: list[EventRecord], outlets: dict[str, str | None],
               copy_of: dict[str, str]) -> CanonicalEvent:
    dates = Counter(m.date for m in members if m.date)
    places = Counter(m.location for m in members if m.location)
    independent = {outlets.get(copy_of.get(m.doc_id, m.doc_id)) or copy_of.get(m.doc_id, m.doc_id)
                   for m in members}
    disagreements = []
    if len(dates) > 1:
        disagreements.append("date: " + " / ".join(sorted(dates)))
    if len(places) > 1:
        disagreements.append("location: " + " / ".join(sorted(places)))
    return CanonicalEvent(
        id="", type=members[0].type,
        date=dates.most_common(1)[0][0] if dates else None,
        location=places.most_common(1)[0][0] if places else None,
        actors=sorted({a for m in members for a in m.actors}),
        orgs=sorted({o for m in members for o in m.orgs}),
        countries=sorted({c for m in members for c in m.countries}),
        sources=sorted({m.doc_id for m in members}), events=sorted(m.key for m in members),
        corroboration=len(independent), disagreements=disagreements,
    )
