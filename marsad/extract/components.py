"""The pipeline's components: each declares what it requires and assigns on the Document.

A component is built once by its factory from the shared `Resources` (lexicon, morphology,
phrase matcher, NER model) and then called on one Document at a time; it keeps no per-document
state, so one pipeline serves many threads. Names of what is required and assigned:

    text            the raw text (before "clean") or the cleaned text (after)
    meta            the container's metadata (id, title, url, published, outlet, author)
    metadata        title, byline, dateline, agencies, outlet, published date and id
    sentences       `doc.sentences` with their tokens
    token.readings  `Token.readings` and `Token.lex`
    sentence.phrases`Sentence.phrases` (lexicon phrases)
    token.ner       `Token.ner` and `doc.ner_spans`
    entities, times, quotes, events   the Document's lists of those
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from marsad.errors import InputError
from marsad.model import Document, Source


class Component(Protocol):
    """A pipeline stage: a callable on one Document with declared inputs and outputs."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __call__(self, doc: Document) -> None:
        """Annotate `doc` in place."""


@dataclass(frozen=True)
class Resources:
    """What components share: built once per pipeline configuration, read-only afterwards."""

    lexicon: Any  # marsad.lexicon.Lexicon
    morphology: Any  # marsad.text.morphology.Morphology
    phrases: Any  # marsad.text.gazetteer.PhraseMatcher
    ner: Any | None  # a marsad.ner NerModel, or None when no model is installed
    settings: dict[str, Any]


REGISTRY: dict[str, Callable[[Resources], Component]] = {}


def register(cls: type) -> type:
    """Register a component class under its `name` (its factory takes the shared Resources)."""
    REGISTRY[cls.name] = cls
    return cls


@register
class Clean:
    """Cleans the raw text and refuses text that is empty or not Arabic (raises InputError)."""

    name = "clean"
    requires = ("text",)
    assigns = ("text",)

    def __init__(self, res: Resources) -> None:
        self.lexicon = res.lexicon
        self.min_share = float(res.settings.get("min_arabic_share", 0.05))
        self.min_letters = int(res.settings.get("min_arabic_letters", 3))

    def __call__(self, doc: Document) -> None:
        from marsad.text.clean import clean_text
        from marsad.text.normalize import ARABIC_LETTER, arabic_ratio

        cleaned = clean_text(doc.text, lexicon=self.lexicon)
        if not cleaned.strip():
            raise InputError(doc.id, "empty after cleaning")
        letters = len(ARABIC_LETTER.findall(cleaned))
        share = arabic_ratio(cleaned)
        if letters < self.min_letters or share < self.min_share:
            raise InputError(doc.id, f"not Arabic text ({letters} Arabic letters, {share:.0%} of all)")
        doc.text = cleaned


def published_of(meta: dict[str, Any], item: str) -> str | None:
    """Return the publication day (YYYY-MM-DD) the container's metadata gives, or None when it gives none; raise
    InputError naming `item` for a value that names no real day («2021-02-30», «yesterday»)."""
    from marsad.text.hashing import normalise_published

    raw = meta.get("published")
    published = normalise_published(raw)
    if raw is not None and str(raw).strip() and not published:
        raise InputError(item, f"invalid publication date {raw!r}: not a real day (YYYY-MM-DD)")
    return published


@register
class Metadata:
    """Fills title, byline, dateline, agencies and outlet from the text and the container's metadata."""

    name = "metadata"
    requires = ("text", "meta")
    assigns = ("metadata",)

    def __init__(self, res: Resources) -> None:
        self.lexicon = res.lexicon

    def __call__(self, doc: Document) -> None:
        from marsad.extract.metadata import extract_metadata
        from marsad.text.hashing import content_hash, document_id

        meta = doc.extra.pop("_meta", {})
        digest = content_hash(doc.text)
        doc.id = document_id(str(meta["id"]) if meta.get("id") else None, digest)
        published = published_of(meta, doc.id)
        found = extract_metadata(doc.text, lexicon=self.lexicon)
        origin = "metadata" if published else None
        if not published and found.dateline_date:
            published, origin = found.dateline_date, "dateline"
        doc.title = meta.get("title") or found.title
        doc.source = Source(uri=meta.get("url"), outlet=meta.get("outlet") or found.outlet,
                            byline=meta.get("author") or found.byline, agencies=found.agencies)
        doc.published, doc.published_origin, doc.content_hash = published, origin, digest
        doc.extra = dict(meta.get("extra") or {})
        if found.dateline_city or found.dateline_date:
            span = found.dateline_span
            doc.dateline = {"city": found.dateline_city, "date": found.dateline_date,
                            "start": span[0] if span else None, "end": span[1] if span else None}


@register
class Segment:
    """Splits the cleaned text into sentences and tokens with character offsets."""

    name = "segment"
    requires = ("text",)
    assigns = ("sentences",)

    def __init__(self, res: Resources) -> None:
        pass

    def __call__(self, doc: Document) -> None:
        from marsad.text.segment import segment

        doc.sentences = segment(doc.text)


@register
class Morphology:
    """Reads every token once: proclitics, stem, enclitic and lexicon classes."""

    name = "morphology"
    requires = ("sentences",)
    assigns = ("token.readings",)

    def __init__(self, res: Resources) -> None:
        self.morph = res.morphology

    def __call__(self, doc: Document) -> None:
        for s in doc.sentences:
            self.morph.annotate(s.tokens)


@register
class Phrases:
    """Finds the lexicon's multi-word names (countries, cities, organisations, titles) in each sentence."""

    name = "phrases"
    requires = ("token.readings",)
    assigns = ("sentence.phrases",)

    def __init__(self, res: Resources) -> None:
        self.matcher = res.phrases

    def __call__(self, doc: Document) -> None:
        self.matcher.annotate(doc.sentences)


@register
class Ner:
    """Runs the NER model: a BIO label on every token and the labelled spans of the document."""

    name = "ner"
    requires = ("sentences",)
    assigns = ("token.ner",)

    def __init__(self, res: Resources) -> None:
        self.model = res.ner

    def __call__(self, doc: Document) -> None:
        if self.model is not None:
            self.model.predict(doc)


@register
class Entities:
    """Persons, organisations and places from NER labels, titles, appositions and the lexicon."""

    name = "entities"
    requires = ("metadata", "token.readings", "sentence.phrases", "token.ner")
    assigns = ("entities",)

    def __init__(self, res: Resources) -> None:
        self.morph = res.morphology

    def __call__(self, doc: Document) -> None:
        from marsad.extract.entities import add_entities

        add_entities(doc, self.morph)


@register
class Times:
    """Temporal expressions resolved against the publication date."""

    name = "time"
    requires = ("metadata",)
    assigns = ("times",)

    def __init__(self, res: Resources) -> None:
        self.lexicon = res.lexicon

    def __call__(self, doc: Document) -> None:
        from marsad.extract.time import find_times

        doc.times = find_times(doc.text, doc.published, lexicon=self.lexicon)


@register
class Quotes:
    """Direct and reported speech with its speaker."""

    name = "quotes"
    requires = ("entities", "token.readings")
    assigns = ("quotes",)

    def __init__(self, res: Resources) -> None:
        self.morph = res.morphology

    def __call__(self, doc: Document) -> None:
        from marsad.extract.quotes import add_quotes

        add_quotes(doc, self.morph)


@register
class Events:
    """PLOVER events with participants, date, place, modality and contexts."""

    name = "events"
    requires = ("entities", "times", "quotes", "token.readings")
    assigns = ("events",)

    def __init__(self, res: Resources) -> None:
        from marsad.extract.detector import EventDetector, shipped_detector

        self.morph = res.morphology
        # each setting: True the shipped model, False none (the rules alone), a path that directory's model
        self.detector = _chosen_model(res.settings.get("event_detector", True), shipped_detector,
                                      EventDetector.from_dir)
        from marsad.extract.date_model import DateModel, shipped_date_model
        from marsad.extract.place_model import PlaceModel, shipped_place_model
        from marsad.extract.retell_model import RetellModel, shipped_retell_model
        from marsad.extract.role_model import RoleModel, shipped_role_model

        get = res.settings.get
        self.roles = _chosen_model(get("role_model", True), shipped_role_model, RoleModel.from_dir)
        self.retell = _chosen_model(get("retell_model", True), shipped_retell_model, RetellModel.from_dir)
        self.places = _chosen_model(get("place_model", True), shipped_place_model, PlaceModel.from_dir)
        self.dates = _chosen_model(get("date_model", True), shipped_date_model, DateModel.from_dir)

    def __call__(self, doc: Document) -> None:
        from marsad.extract.events import add_events

        add_events(doc, self.morph, self.detector, self.roles, self.retell, self.places, self.dates)


def _chosen_model(choice: Any, shipped: Callable[[], Any], from_dir: Callable[[Path], Any]) -> Any:
    """Return the model a setting names: True the shipped one (None when none is installed), False none, a path
    that directory's model."""
    if choice is True:
        return shipped()
    return from_dir(Path(choice)) if choice else None


@register
class Contexts:
    """What each event is about: its sentences' context keywords (from events) and its participants' words."""

    name = "contexts"
    requires = ("events", "quotes")
    assigns = ("events.contexts",)

    def __init__(self, res: Resources) -> None:
        self.lexicon = res.lexicon

    def __call__(self, doc: Document) -> None:
        from marsad.extract.contexts import add_agenda_contexts

        add_agenda_contexts(doc, self.lexicon)
