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
from marsad.text.morphology import Morphology
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


def _similar(x: str, y: str) -> bool:
    return x == y or (len(x) > 3 and fuzz.ratio(x, y) >= TOKEN_SIMILARITY)


def _similar_names(a: str, b: str) -> bool:
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    return all(_similar(x, y) for x, y in zip(ta, tb, strict=True))


def _is_common_name(key: str) -> bool:
    return all(w in first_names() for w in key.split())


@cache
def _particles() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return the name particles by role: nasab («بن»), clan («آل»), and those binding into a name («أبو», «عبد»)."""
    lex = default_lexicon()
    particles = frozenset(name_key(w) for w in lex.words("name_particles"))
    nasab = frozenset(name_key(w) for w in lex.words("nasab_particles")) & particles
    clan = frozenset(name_key(w) for w in lex.words("clan_particles")) & particles
    return nasab, clan, particles - nasab - clan


@cache
def _not_name_starts() -> frozenset[str]:
    """Return the words a person's name never starts with: reporting and event verbs that are no given name."""
    lex = default_lexicon()
    words = {key.split()[0] for key, t in lex.triggers.items() if t.type != "-"}  # «أرسل» of «أرسل أسلحة»
    for table in ("quote_cues", "article_initial_verbs"):
        words |= lex.words(table)
    return frozenset(name_key(w) for w in words) - first_names()


@cache
def _morphology() -> Morphology:
    return Morphology(default_lexicon())


def _glued_preposition(word: str) -> bool:
    """Return whether a word is a preposition glued to a noun with the article («للإغاثة»): never a name word."""
    morph = _morphology()
    stem = morph.preposition_stem(word)
    return stem is not None and morph.has_article(stem)


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name key read as given name, father's names (nasab), family words and clan («آل …»)."""

    given: str
    nasab: tuple[str, ...]
    family: tuple[str, ...]
    clan: tuple[str, ...]

    @property
    def core(self) -> str:
        """Return what every form of the name keeps: given and family names, else given name and father."""
        rest = self.family or self.nasab[:1]
        return " ".join((self.given, *rest))

    def size(self) -> int:
        return len(self.nasab) + len(self.family) + len(self.clan)


@cache
def name_parts(key: str) -> NameParts | None:
    """Return the parts of a name key, or None when it cannot be a person's name.

    A span that starts with a nasab or clan particle or ends on any name particle (a glued or cut span),
    or starts with a reporting or event verb, or holds a preposition glued to a noun, is not a name.
    """
    words = key.split()
    if not words:
        return None
    nasab_p, clan_p, binding = _particles()
    if words[0] in nasab_p or words[0] in clan_p or words[-1] in nasab_p | clan_p | binding:
        return None
    if words[0] in _not_name_starts() or any(_glued_preposition(w) for w in words):
        return None
    units: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in nasab_p | clan_p | binding and i + 1 < len(words):
            kind = "nasab" if w in nasab_p else "clan" if w in clan_p else "name"
            units.append((kind, w + " " + words[i + 1] if kind == "name" else words[i + 1]))
            i += 2
        else:
            units.append(("name", w))
            i += 1
    given = units[0][1]
    return NameParts(given, tuple(u for k, u in units[1:] if k == "nasab"),
                     tuple(u for k, u in units[1:] if k == "name"), tuple(u for k, u in units[1:] if k == "clan"))


def name_core(key: str) -> str:
    """Return the core of a name key (see `NameParts.core`); "" when it is not a person's name."""
    parts = name_parts(key)
    return parts.core if parts else ""


def _all_similar(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(_similar(x, y) for x, y in zip(a, b, strict=True))


def same_person_names(a: str, b: str) -> bool:
    """Return whether two name keys may name one person: spelling variants, or one adds father's names or a clan.

    «عادل الجبير» ~ «عادل بن أحمد الجبير», «محمد بن نايف» ~ «محمد بن نايف بن عبدالعزيز آل سعود»; the given
    and family names must agree, the shorter nasab must begin the longer one, and a one-word name joins nothing.
    """
    if a == b:
        return True
    pa, pb = name_parts(a), name_parts(b)
    if pa is None or pb is None or not _similar(pa.given, pb.given) or not _all_similar(pa.family, pb.family):
        return False
    if not (pa.family or pa.nasab) or not (pb.family or pb.nasab):
        return False
    n = min(len(pa.nasab), len(pb.nasab))
    if not _all_similar(pa.nasab[:n], pb.nasab[:n]):
        return False
    return not (pa.clan and pb.clan and not _all_similar(pa.clan, pb.clan))


def _distinctive(key: str) -> bool:
    """Return whether a name is rare enough that one name in two articles is one person despite their states.

    Two or more words not all common given names: «عادل الجبير», a nasab «محمد بن نايف»; not «علي حسن».
    """
    return len(key.split()) > 1 and not _is_common_name(key)


class ClusterState:
    """What linking needs to know of an automatic cluster of mentions: its key, states, posts and years."""

    __slots__ = ("id", "key", "countries", "titles", "years", "members", "seq", "rank")

    def __init__(self, id: str, key: str, countries: set[str] | None = None, titles: set[str] | None = None,
                 years: set[int] | None = None) -> None:
        self.id = id
        self.key = key  # the fullest form of the name seen so far
        self.countries = set(countries or ())
        self.titles = set(titles or ())
        self.years = set(years or ())
        self.members: list[PersonMention] = []
        self.seq = 0
        self.rank = 0  # creation order in the index: candidates are tried oldest first

    def accepts(self, m: PersonMention) -> bool:
        """Return whether mention `m` may be the same person as this cluster.

        A different state refuses the merge unless the name is distinctive (not only common given names):
        an article's nationality error must not split a minister into one actor per state.
        """
        key = name_key(m.name)
        if not same_person_names(key, self.key) and not _similar_names(key, self.key):
            return False
        if m.country and self.countries and m.country not in self.countries and not _distinctive(self.key):
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
        """Add mention `m` to the cluster and widen its name, states, posts and years."""
        self.members.append(m)
        key = name_key(m.name)
        parts, mine = name_parts(key), name_parts(self.key)
        if parts and mine and parts.size() > mine.size() and same_person_names(key, self.key):
            self.key = key
        if m.country:
            self.countries.add(m.country)
        self.titles |= _title_keys(m.titles)
        if (y := _year(m.published)) is not None:
            self.years.add(y)


def name_block(key: str) -> str:
    """Return the blocking key of a name key: its core's word count and first letter (similar names share it)."""
    core = name_core(key) or key
    return f"{len(core.split())}:{core[:1]}"


class ClusterIndex:
    """Clusters by name core and by block, in creation order: what `link_mentions` searches."""

    def __init__(self) -> None:
        self.by_core: dict[str, list[ClusterState]] = defaultdict(list)
        self.blocks: dict[str, list[str]] = defaultdict(list)  # block → cores, in order of first appearance
        self.count = 0

    def add(self, c: ClusterState) -> None:
        """Index cluster `c` under its core and block."""
        core = name_core(c.key) or c.key
        if core not in self.by_core:
            self.blocks[name_block(c.key)].append(core)
        self.count += 1
        c.rank = self.count
        self.by_core[core].append(c)

    def clusters(self) -> list[ClusterState]:
        """Return every cluster in creation order."""
        return sorted((c for cs in self.by_core.values() for c in cs), key=lambda c: c.rank)

    def candidates(self, key: str) -> list[ClusterState]:
        """Return the clusters a mention with this key may join, oldest first: same core, then similar cores."""
        core = name_core(key) or key
        found = list(self.by_core.get(core, []))
        cores = self.blocks.get(name_block(key), [])
        if len(cores) > PREFILTER_FROM:
            # every word similar implies the whole names are as similar: a C-speed filter, same result
            hits = process.extract(core, cores, scorer=fuzz.ratio, score_cutoff=TOKEN_SIMILARITY - 0.01, limit=None)
            cores = [cores[i] for i in sorted(i for _, _, i in hits)]
        for other in cores:
            if other != core and _similar_names(core, other):
                found.extend(self.by_core[other])
        return sorted(found, key=lambda c: c.rank)


def mention_order(m: PersonMention) -> tuple:
    """Return the sort key in which mentions are linked: oldest publication first."""
    return (m.published or "9999", m.doc_id, m.ref)


def link_mentions(mentions: list[PersonMention], index: ClusterIndex,
                  new_id: Callable[[], str]) -> dict[str, ClusterState]:
    """Return the cluster each mention joins (by ref), creating clusters with `new_id()`; `index` is updated.

    A mention whose name cannot be a person's (see `name_parts`) joins no cluster.
    """
    out: dict[str, ClusterState] = {}
    for m in sorted(mentions, key=mention_order):
        key = name_key(m.name)
        if not key or name_parts(key) is None:
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
    clusters = index.clusters()
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

