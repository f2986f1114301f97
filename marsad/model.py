"""The analysed-article model: dataclasses that serialise to and from the contract JSON.

Every span (`start`, `end`) is a character offset into `Document.text`, the cleaned text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_ID = "marsad.document/1"

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
ENTITY_TYPES = ("PER", "ORG", "LOC")
MODALITIES = ("asserted", "planned", "hypothetical", "offered")


@dataclass(slots=True)
class Span:
    """A stretch of the cleaned text."""

    start: int
    end: int
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's span object."""
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        """Return a Span from its contract object."""
        return cls(int(d["start"]), int(d["end"]), d.get("text", ""))


@dataclass(frozen=True, slots=True)
class Reading:
    """One analysis of a token (stanza's Word): proclitics, a stem and an enclitic pronoun.

    All three are normalised keys. `cut` is how many letters of the token's key come before
    the stem; «للوزير» reads as proclitics «ل», stem «الوزير» (the article restored), cut 1.
    """

    proclitics: str
    stem: str
    enclitic: str = ""
    cut: int = 0


@dataclass(slots=True)
class Token:
    """A surface token with its offsets; `key` is its normalised matching form (never shown to users).

    `readings` (filled by the morphology component) lists its analyses, the unsplit one first;
    `lex` the lexicon classes those readings belong to; `ner` the NER model's BIO label.
    """

    start: int
    end: int
    text: str
    key: str
    readings: tuple[Reading, ...] = ()
    lex: frozenset[str] = frozenset()
    ner: str = "O"


@dataclass(slots=True)
class Sentence:
    """A sentence span; tokens are filled by the pipeline and not serialised."""

    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    # lexicon phrases found in the tokens: (first token, end token, classes), filled by the pipeline
    phrases: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)


Mention = Span


@dataclass(slots=True)
class Entity:
    """A person, organisation or place, with every mention of it in the article."""

    id: str
    type: str
    name: str
    mentions: list[Span] = field(default_factory=list)
    name_latin: str | None = None
    country: str | None = None
    titles: list[str] = field(default_factory=list)
    kb_id: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's entity object."""
        return {
            "id": self.id, "type": self.type, "name": self.name, "name_latin": self.name_latin,
            "country": self.country, "titles": list(self.titles), "kb_id": self.kb_id,
            "confidence": self.confidence, "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        """Return an Entity from its contract object."""
        return cls(
            id=d["id"], type=d["type"], name=d["name"],
            mentions=[Span.from_dict(m) for m in d.get("mentions", [])],
            name_latin=d.get("name_latin"), country=d.get("country"),
            titles=list(d.get("titles") or []), kb_id=d.get("kb_id"),
            confidence=d.get("confidence"),
        )


@dataclass(slots=True)
class TimeExpr:
    """A temporal expression resolved (or not) against the publication date."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    kind: str = "date"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object of this time expression."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimeExpr:
        """Return a TimeExpr from its JSON object."""
        return cls(d["start"], d["end"], d.get("text", ""), d.get("value"), d.get("precision"),
                   d.get("kind", "date"))


@dataclass(slots=True)
class Event:
    """One happening coded in PLOVER terms, with the sentence that says so."""

    id: str
    type: str
    evidence: Span
    participants: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    date: dict[str, Any] | None = None
    location: dict[str, Any] | None = None
    modality: str = "asserted"
    negated: bool = False
    trigger: Span | None = None
    confidence: float = 0.5
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's event object."""
        return {
            "id": self.id, "type": self.type, "mode": self.mode, "contexts": list(self.contexts),
            "actors": list(self.actors), "recipients": list(self.recipients),
            "participants": list(self.participants), "date": self.date, "location": self.location,
            "modality": self.modality, "negated": self.negated,
            "evidence": self.evidence.to_dict(),
            "trigger": self.trigger.to_dict() if self.trigger else None,
            "confidence": round(self.confidence, 3),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """Return an Event from its contract object."""
        return cls(
            id=d["id"], type=d["type"], evidence=Span.from_dict(d["evidence"]),
            participants=list(d.get("participants", [])), actors=list(d.get("actors", [])),
            recipients=list(d.get("recipients", [])), mode=d.get("mode"),
            contexts=list(d.get("contexts", [])), date=d.get("date"), location=d.get("location"),
            modality=d.get("modality", "asserted"), negated=bool(d.get("negated", False)),
            trigger=Span.from_dict(d["trigger"]) if d.get("trigger") else None,
            confidence=float(d.get("confidence", 0.5)),
            mentions=[Span.from_dict(m) for m in d.get("mentions", [])],
        )


@dataclass(slots=True)
class Quote:
    """Direct or reported speech; `speaker` is an entity id or None for anonymous sources."""

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_text: str = ""
    cue: str = ""
    direct: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's quote object."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        """Return a Quote from its contract object."""
        return cls(d["start"], d["end"], d.get("text", ""), d.get("speaker"),
                   d.get("speaker_text", ""), d.get("cue", ""), bool(d.get("direct", False)))


@dataclass(slots=True)
class Source:
    """Where an article comes from."""

    uri: str | None = None
    outlet: str | None = None
    byline: str | None = None
    agencies: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """One analysed article."""

    id: str
    text: str
    title: str | None = None
    source: Source = field(default_factory=Source)
    published: str | None = None
    published_origin: str | None = None
    dateline: dict[str, Any] | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    content_hash: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # named-entity spans from the NER model: (start, end, label) in characters; not serialised
    ner_spans: list[tuple[int, int, str]] = field(default_factory=list)

    def span(self, start: int, end: int) -> Span:
        """Return a Span of this document's text."""
        return Span(start, end, self.text[start:end])

    def entity(self, entity_id: str) -> Entity | None:
        """Return the entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract JSON object of this document."""
        return {
            "schema": SCHEMA_ID,
            "id": self.id,
            "source": {"uri": self.source.uri, "outlet": self.source.outlet,
                       "byline": self.source.byline, "agencies": list(self.source.agencies)},
            "title": self.title,
            "published": {"date": self.published, "origin": self.published_origin},
            "dateline": self.dateline,
            "content_hash": self.content_hash,
            "text": self.text,
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "times": [t.to_dict() for t in self.times],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "extra": self.extra,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        """Return a Document from its contract JSON object."""
        src = d.get("source") or {}
        pub = d.get("published") or {}
        return cls(
            id=d["id"], text=d["text"], title=d.get("title"),
            source=Source(src.get("uri"), src.get("outlet"), src.get("byline"),
                          list(src.get("agencies") or [])),
            published=pub.get("date"), published_origin=pub.get("origin"),
            dateline=d.get("dateline"),
            sentences=[Sentence(s["start"], s["end"]) for s in d.get("sentences", [])],
            entities=[Entity.from_dict(e) for e in d.get("entities", [])],
            events=[Event.from_dict(e) for e in d.get("events", [])],
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
            times=[TimeExpr.from_dict(t) for t in d.get("times", [])],
            content_hash=d.get("content_hash", ""), extra=d.get("extra") or {},
        )
