"""`analyse(text, meta, config) -> Document`: the pure core that every front end calls.

A `Pipeline` is assembled from a `PipelineConfig`: the names of its components, in order
(see `marsad.extract.components`), the lexicon directory and the NER model directory. The
resources (lexicon, morphology, phrase matcher, NER model) are loaded once per configuration
and injected into the components; the assembly is checked before it runs (every component's
requirements assigned by an earlier one). No I/O happens while a document is analysed, and
one pipeline may serve many threads at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from marsad.errors import InputError, MarsadError
from marsad.extract.components import REGISTRY, Component, Resources, published_of
from marsad.model import Document
from marsad.text.hashing import content_hash, document_id, normalise_published

__all__ = ["Pipeline", "PipelineConfig", "analyse", "analyse_records", "content_hash", "get_pipeline", "identify",
           "normalise_published"]

DEFAULT_COMPONENTS = ("clean", "metadata", "segment", "morphology", "phrases", "ner", "entities", "time",
                      "quotes", "events", "contexts")
GIVEN = ("text", "meta")  # what a new Document holds before any component runs


class ConfigError(MarsadError):
    """A pipeline configuration that cannot be assembled; the message says why in one line."""


@dataclass(frozen=True)
class PipelineConfig:
    """What a pipeline is made of. The defaults are Marsad's shipped pipeline.

    `lexicon_dir` and `ner_model` are directories (None: the shipped ones; `ner_model=""`: no NER);
    `settings` holds named constants for components (e.g. `min_arabic_share`).
    """

    components: tuple[str, ...] = DEFAULT_COMPONENTS
    lexicon_dir: str | None = None
    ner_model: str | None = None
    settings: tuple[tuple[str, Any], ...] = field(default_factory=tuple)

    def with_settings(self, **values: Any) -> PipelineConfig:
        """Return a copy with these settings added or replaced."""
        merged = dict(self.settings) | values
        return replace(self, settings=tuple(sorted(merged.items())))


def _load_resources(config: PipelineConfig) -> Resources:
    from marsad.lexicon import Lexicon, default_lexicon
    from marsad.text.gazetteer import PhraseMatcher
    from marsad.text.morphology import Morphology

    lexicon = Lexicon(config.lexicon_dir) if config.lexicon_dir else default_lexicon()
    morph = Morphology(lexicon)
    return Resources(lexicon=lexicon, morphology=morph, phrases=PhraseMatcher(lexicon, morph),
                     ner=_load_ner(config.ner_model), settings=dict(config.settings))


def _load_ner(path: str | None) -> Any | None:
    """Return the NER model of a directory (checked against its meta.json), the shipped one, or None."""
    from pathlib import Path

    from marsad.ner.tagger import load_model, shipped_model

    if path == "":
        return None
    return load_model(Path(path)) if path else shipped_model()


class Pipeline:
    """Components assembled in order over shared resources; `pipeline(text, meta)` returns a Document."""

    def __init__(self, config: PipelineConfig | None = None, resources: Resources | None = None) -> None:
        self.config = config or PipelineConfig()
        unknown = [n for n in self.config.components if n not in REGISTRY]
        if unknown:
            raise ConfigError(f"unknown component(s): {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
        self.resources = resources or _load_resources(self.config)
        self.components: list[Component] = [REGISTRY[n](self.resources) for n in self.config.components]
        self.check()

    def check(self) -> None:
        """Raise ConfigError unless each component's requirements are assigned by an earlier one."""
        have = set(GIVEN)
        for c in self.components:
            missing = [r for r in c.requires if r not in have]
            if missing:
                raise ConfigError(f"component {c.name!r} requires {', '.join(missing)}, which no earlier "
                                  "component assigns")
            have.update(c.assigns)

    def describe(self) -> list[dict[str, Any]]:
        """Return each component's name, requirements and assignments, in order."""
        return [{"name": c.name, "requires": list(c.requires), "assigns": list(c.assigns)} for c in self.components]

    def __call__(self, text: str, meta: dict[str, Any] | None = None) -> Document:
        """Return the analysed Document of one article's raw text; raise InputError if it is unusable."""
        meta = dict(meta or {})
        doc = Document(id=str(meta.get("id") or "article"), text=text, extra={"_meta": meta})
        for component in self.components:
            component(doc)
        doc.extra.pop("_meta", None)
        return doc


@lru_cache(maxsize=8)
def get_pipeline(config: PipelineConfig | None = None) -> Pipeline:
    """Return the pipeline of a configuration, built once and shared (it is thread-safe)."""
    return Pipeline(config)


def analyse(text: str, meta: dict[str, Any] | None = None, config: PipelineConfig | None = None) -> Document:
    """Return the analysed Document of one article's raw text; raise InputError if it is unusable.

    `meta` may carry id, title, url, published (YYYY-MM-DD…), outlet and author from the
    container (JSONL fields, HTML meta tags, the command line). No I/O happens here.
    """
    return get_pipeline(config or PipelineConfig())(text, meta)


def identify(text: str, meta: dict[str, Any] | None = None, config: PipelineConfig | None = None) -> tuple[str, str]:
    """Return the (document id, content hash) that analysing this article would give, from cleaning it only:
    cheap enough to recognise an article already stored before it is analysed. Raises InputError as `analyse`
    does for text that is empty or not Arabic, or a publication date that names no real day."""

    meta = dict(meta or {})
    pipeline = get_pipeline(config or PipelineConfig())
    doc = Document(id=str(meta.get("id") or "article"), text=text)
    for component in pipeline.components:
        if component.name != "clean":
            continue
        component(doc)
    digest = content_hash(doc.text)
    doc_id = document_id(str(meta["id"]) if meta.get("id") else None, digest)
    published_of(meta, doc_id)  # analysis would refuse a date that names no real day: so does this
    return doc_id, digest


def analyse_records(records: Iterable[tuple[str, dict[str, Any]]],
                    config: PipelineConfig | None = None) -> Iterator[Document | InputError]:
    """Yield a Document (or the InputError) for each (text, meta) record, in order."""
    pipeline = get_pipeline(config or PipelineConfig())
    for text, meta in records:
        try:
            yield pipeline(text, meta)
        except InputError as err:
            yield err
