"""Actors across articles: one record per real person, with dated roles.

Person entities from many articles are linked by their normalised name (spelling variants
such as «المهدى / المهدي», «عبدالله / عبد الله» share a key; near-identical spellings are
joined token by token with rapidfuzz). Merges are refused when the evidence conflicts: a
different number of name words («معمر القذافي» ≠ «سيف الإسلام معمر القذافي»), different states, or —
for names made only of common given names («محمد علي») — no shared post and years apart.
Analyst corrections (merge, split) are applied last and win.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process

from marsad.lexicon import default_lexicon, first_names
from marsad.text.normalize import name_key

TOKEN_SIMILARITY = 85  # per name word, rapidfuzz ratio after normalisation («صديقي» ~ «صدقي»: 89)
PREFILTER_FROM = 32  # blocks with more keys than this are filtered by whole-name similarity first
COMMON_NAME_YEARS = 3  # a common-name pair more than this many years apart needs a shared post


@dataclass(slots=True)
class PersonMention:
    """One person entity of one article, as resolution sees it."""

    ref: str  # a stable handle of the entity, e.g. its database key
    doc_id: str
    name: str
    country: str | None
    titles: list[str]
    published: str | None
    outlet: str | None = None
    name_latin: str | None = None


@dataclass(slots=True)
class Role:
    """A post an actor held, with when and where the articles saw it."""

    title: str
    country: str | None
    first_seen: str | None
    last_seen: str | None
    doc_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Actor:
    """One real person across articles."""

    kb_id: str
    name: str
    name_latin: str | None
    country: str | None
    refs: list[str]
    doc_ids: list[str]
    variants: list[str]
    roles: list[Role]
    reason: str


@dataclass(slots=True)
class Override:
    """An analyst's correction: merge two actors, or split an actor's mentions in some articles off."""

    kind: str  # "merge" or "split"
    kb_id: str
    other: str | None = None  # merge: the actor folded into kb_id
    doc_ids: tuple[str, ...] = ()  # split: the articles whose mentions leave kb_id


def _year(published: str | None) -> int | None:
    if published and len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    return None


@cache
def _distinctive_posts() -> tuple[str, ...]:
    return tuple(default_lexicon().words("distinctive_posts"))


def _title_keys(titles: list[str]) -> set[str]:
    keys = set()
    for t in titles:
        k = name_key(t)
        if len(k.split()) > 1 or k.startswith(_distinctive_posts()):
            keys.add(k)
    return keys


def _similar_names(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    return all(x == y or (len(x) > 3 and fuzz.ratio(x, y) >= TOKEN_SIMILARITY) for x, y in zip(ta, tb, strict=True))


def _is_common_name(key: str) -> bool:
    return all(w in first_names() for w in key.split())


class ClusterState:
    """What linking needs to know of an automatic cluster of mentions: its key, states, posts and years."""

    __slots__ = ("id", "key", "countries", "titles", "years", "members", "seq")

    def __init__(self, id: str, key: str, countries: set[str] | None = None, titles: set[str] | None = None,
                 years: set[int] | None = None) -> None:
        self.id = id
        self.key = key
        self.countries = set(countries or ())
        self.titles = set(titles or ())
        self.years = set(years or ())
        self.members: list[PersonMention] = []
        self.seq = 0

    def accepts(self, m: PersonMention) -> bool:
        """Return whether mention `m` may be the same person as this cluster."""
        key = name_key(m.name)
        if key != self.key and not _similar_names(key, self.key):
            return False
        if m.country and self.countries and m.country not in self.countries:
            return False
        if _is_common_name(self.key):
            titles = _title_keys(m.titles)
            shared_post = any(a in b or b in a for a in titles for b in self.titles)
            year = _year(m.published)
            far = year is not None and self.years and min(abs(year - y) for y in self.years) > COMMON_NAME_YEARS
            if not shared_post and (far or (titles and self.titles)):
                return False
        return True

    def add(self, m: PersonMention) -> None:
        """Add mention `m` to the cluster and widen its states, posts and years."""
        self.members.append(m)
        if m.country:
            self.countries.add(m.country)
        self.titles |= _title_keys(m.titles)
        if (y := _year(m.published)) is not None:
            self.years.add(y)


def name_block(key: str) -> str:
    """Return the blocking key of a name key: its word count and first letter (similar names share it)."""
    return f"{len(key.split())}:{key[:1]}"


class ClusterIndex:
    """Clusters by name key and by block, in creation order: what `link_mentions` searches."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[ClusterState]] = defaultdict(list)
        self.blocks: dict[str, list[str]] = defaultdict(list)  # block → keys, in order of first appearance

    def add(self, c: ClusterState) -> None:
        """Index cluster `c` under its key and block."""
        if c.key not in self.by_key:
            self.blocks[name_block(c.key)].append(c.key)
        self.by_key[c.key].append(c)

    def candidates(self, key: str) -> list[ClusterState]:
        """Return the clusters a mention with this key may join: same key first, then similar keys."""
        found = list(self.by_key.get(key, []))
        keys = self.blocks.get(name_block(key), [])
        if len(keys) > PREFILTER_FROM:
            # every word similar implies the whole names are as similar: a C-speed filter, same result
            hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=TOKEN_SIMILARITY - 0.01, limit=None)
            keys = [keys[i] for i in sorted(i for _, _, i in hits)]
        for other in keys:
            if other != key and _similar_names(key, other):
                found.extend(self.by_key[other])
        return found


def mention_order(m: PersonMention) -> tuple:
    """Return the sort key in which mentions are linked: oldest publication first."""
    return (m.published or "9999", m.doc_id, m.ref)


def link_mentions(mentions: list[PersonMention], index: ClusterIndex,
                  new_id: Callable[[], str]) -> dict[str, ClusterState]:
    """Return the cluster each mention joins (by ref), creating clusters with `new_id()`; `index` is updated."""
    out: dict[str, ClusterState] = {}
    for m in sorted(mentions, key=mention_order):
        key = name_key(m.name)
        if not key:
            continue
        target = next((c for c in index.candidates(key) if c.accepts(m)), None)
        if target is None:
            target = ClusterState(new_id(), key)
            index.add(target)
        target.add(m)
        out[m.ref] = target
    return out


def _kb_id(key: str, country: str | None, salt: str = "") -> str:
    return "a-" + hashlib.sha1(f"{key}|{country or ''}|{salt}".encode()).hexdigest()[:10]


def _roles(members: list[PersonMention]) -> list[Role]:
    by_title: dict[str, Role] = {}
    for m in sorted(members, key=lambda m: m.published or ""):
        for t in m.titles:
            k = name_key(t)
            role = by_title.get(k)
            if role is None:
                role = by_title[k] = Role(t, m.country, m.published, m.published)
            if m.published:
                role.first_seen = min(filter(None, [role.first_seen, m.published]))
                role.last_seen = max(filter(None, [role.last_seen, m.published]))
            if m.doc_id not in role.doc_ids:
                role.doc_ids.append(m.doc_id)
    return sorted(by_title.values(), key=lambda r: (r.first_seen or "9999", r.title))


def build_actor(members: list[PersonMention], reason: str, salt: str = "") -> Actor:
    """Return the Actor made of these mentions: longest name, usual state, dated roles (kb_id from content)."""
    names = Counter(m.name for m in members)
    longest = max(names, key=lambda n: (len(n.split()), names[n]))
    countries = Counter(m.country for m in members if m.country)
    country = countries.most_common(1)[0][0] if countries else None
    latin = Counter(m.name_latin for m in members if m.name_latin)
    return Actor(
        kb_id=_kb_id(name_key(longest), country, salt), name=longest,
        name_latin=latin.most_common(1)[0][0] if latin else None, country=country,
        refs=[m.ref for m in members], doc_ids=list(dict.fromkeys(m.doc_id for m in members)),
        variants=sorted(names), roles=_roles(members), reason=reason,
    )


def resolve_actors(mentions: list[PersonMention], overrides: list[Override] = ()) -> list[Actor]:
    """Return one Actor per real person among `mentions`, corrections in `overrides` applied."""
    index = ClusterIndex()
    counter = iter(range(1, 1 << 62))
    link_mentions(mentions, index, lambda: str(next(counter)))
    clusters = [c for cs in index.by_key.values() for c in cs]
    actors = []
    seen_ids: Counter[str] = Counter()
    for c in clusters:
        variants = {name_key(m.name) for m in c.members}
        reason = "same name" if len(variants) == 1 else "spelling variants"
        a = build_actor(c.members, reason)
        seen_ids[a.kb_id] += 1
        if seen_ids[a.kb_id] > 1:  # namesakes in one state: keep ids distinct and stable by first post
            first_title = next((name_key(t) for m in c.members for t in m.titles), "")
            a = build_actor(c.members, reason, salt=first_title or c.members[0].doc_id)
        actors.append(a)
    return apply_overrides(actors, mentions, overrides)


def apply_overrides(actors: list[Actor], mentions: list[PersonMention], overrides: list[Override]) -> list[Actor]:
    """Return actors with analyst merges and splits applied, in the order they were made."""
    by_ref = {m.ref: m for m in mentions}
    current = {a.kb_id: a for a in actors}
    for o in overrides:
        if o.kind == "merge" and o.other and o.kb_id in current and o.other in current:
            keep, gone = current[o.kb_id], current.pop(o.other)
            members = [by_ref[r] for r in keep.refs + gone.refs if r in by_ref]
            merged = build_actor(members, "analyst merge")
            merged.kb_id = keep.kb_id
            current[keep.kb_id] = merged
        elif o.kind == "split" and o.kb_id in current and o.doc_ids:
            a = current[o.kb_id]
            leaving = [by_ref[r] for r in a.refs if r in by_ref and by_ref[r].doc_id in o.doc_ids]
            staying = [by_ref[r] for r in a.refs if r in by_ref and by_ref[r].doc_id not in o.doc_ids]
            if not leaving or not staying:
                continue
            kept = build_actor(staying, "analyst split")
            kept.kb_id = a.kb_id
            new = build_actor(leaving, "analyst split", salt="split:" + ",".join(sorted(o.doc_ids)))
            current[kept.kb_id] = kept
            current[new.kb_id] = new
    return list(current.values())


def counterparts(actor: Actor, events: list[tuple[str, list[str]]], kb_of: dict[str, str]) -> Counter[str]:
    """Return how often each other actor shares an event with `actor` (events: (id, participant refs))."""
    counts: Counter[str] = Counter()
    mine = set(actor.refs)
    for _, refs in events:
        if mine & set(refs):
            for r in refs:
                kb = kb_of.get(r)
                if kb and kb != actor.kb_id:
                    counts[kb] += 1
    return counts

