"""GraphML of the actor network: who meets, aids, accuses, attacks whom, weighted by events.

Nodes are actors: a person linked across articles (`actor:KB_ID`; an unlinked person by name), an organisation,
a place taking part, or a state (`country:XX`), with their Arabic `label`, Latin or English `name_latin`, `kind`
and `country`, and how many events they take part in. A directed edge goes from each actor of an event to each
recipient; an event with actors and no recipient (a meeting of equals) links its actors pairwise in the order
the article names them. An edge's `weight` is the number of events, `types` their PLOVER types with counts
(«CONSULT:3 ACCUSE:1»), one `n_TYPE` count per type, the first and last dates and the event ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from marsad.export.common import sides
from marsad.model import EVENT_TYPES
from marsad.records import EventRecord, Party
from marsad.summary import EnglishNames
from marsad.text.normalize import name_key

KINDS = {"PER": "person", "ORG": "organisation", "LOC": "place", "STATE": "state"}
NODE_KEYS = (("label", "string"), ("name_latin", "string"), ("kind", "string"), ("country", "string"),
             ("events", "int"))


@dataclass(slots=True)
class Node:
    """A node of the network while it is being built."""

    kind: str
    country: str | None
    name_latin: str
    labels: Counter = field(default_factory=Counter)
    events: set = field(default_factory=set)


@dataclass(slots=True)
class Edge:
    """An edge of the network while it is being built."""

    types: Counter = field(default_factory=Counter)
    dates: list = field(default_factory=list)
    events: list = field(default_factory=list)


def node_id(p: Party) -> str:
    """Return the node id of a participant: its actor id, its state, or its kind and normalised name."""
    if p.type == "STATE":
        return p.ref
    if p.type == "PER" and p.kb_id:
        return f"actor:{p.kb_id}"
    return f"{KINDS.get(p.type, 'organisation')}:{name_key(p.name or p.ref)}"


def pairs(ev: EventRecord) -> list[tuple[Party, Party]]:
    """Return the (source, target) pairs an event adds to the network (see the module's docstring)."""
    actors, recipients, _ = sides(ev)
    if recipients:
        out = [(a, r) for a in actors for r in recipients]
    else:
        out = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]]
    return [(a, b) for a, b in out if node_id(a) != node_id(b)]


def build(records: Iterable[EventRecord], names: EnglishNames) -> tuple[dict[str, Node], dict[tuple, Edge]]:
    """Return the network's nodes by id and edges by (source, target)."""
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}
    for ev in records:
        seen = set()
        for a, b in pairs(ev):
            for p in (a, b):
                nid = node_id(p)
                node = nodes.get(nid)
                if node is None:
                    node = nodes[nid] = Node(KINDS.get(p.type, "organisation"), p.country, names.label(p))
                node.labels[p.name or names.lex.country_names.get(p.country or "", p.ref)] += 1
                node.events.add(ev.id)
            key = (node_id(a), node_id(b))
            if key in seen:
                continue
            seen.add(key)
            edge = edges.setdefault(key, Edge())
            edge.types[ev.type] += 1
            edge.events.append(ev.id)
            if ev.date:
                edge.dates.append(ev.date)
    return nodes, edges


def _data(key: str, value: object) -> str:
    return f'<data key="{key}">{escape(str(value))}</data>'


def write(records: Iterable[EventRecord], names: EnglishNames) -> Iterator[str]:
    """Yield the GraphML document of the actor network of these events."""
    nodes, edges = build(records, names)
    present = [t for t in EVENT_TYPES if any(t in e.types for e in edges.values())]
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for key, kind in NODE_KEYS:
        yield f'<key id="{key}" for="node" attr.name="{key}" attr.type="{kind}"/>\n'
    edge_keys = [("weight", "int"), ("types", "string"), ("first_date", "string"), ("last_date", "string"),
                 ("event_ids", "string")] + [(f"n_{t}", "int") for t in present]
    for key, kind in edge_keys:
        yield f'<key id="{key}" for="edge" attr.name="{key}" attr.type="{kind}"/>\n'
    yield '<graph id="marsad-actors" edgedefault="directed">\n'
    for nid, n in nodes.items():
        label = n.labels.most_common(1)[0][0]
        yield (f"<node id={quoteattr(nid)}>{_data('label', label)}{_data('name_latin', n.name_latin)}"
               f"{_data('kind', n.kind)}{_data('country', n.country or '')}{_data('events', len(n.events))}</node>\n")
    for (a, b), e in edges.items():
        types = " ".join(f"{t}:{c}" for t, c in e.types.most_common())
        counts = "".join(_data(f"n_{t}", e.types[t]) for t in present if e.types[t])
        dates = sorted(e.dates)
        yield (f"<edge source={quoteattr(a)} target={quoteattr(b)}>{_data('weight', sum(e.types.values()))}"
               f"{_data('types', types)}{_data('first_date', dates[0] if dates else '')}"
               f"{_data('last_date', dates[-1] if dates else '')}{_data('event_ids', ' '.join(e.events))}"
               f"{counts}</edge>\n")
    yield "</graph>\n</graphml>\n"
