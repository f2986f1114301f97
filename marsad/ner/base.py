"""What any NER model offers the pipeline: the `NerModel` protocol and the writing of its tags into a Document."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from marsad.model import Document
from marsad.ner.conll import spans


@runtime_checkable
class NerModel(Protocol):
    """A named-entity tagger over a segmented Document.

    `labels` are the entity types (BIO tags are B-/I- plus a label, and O); `meta` is the
    model's checked `meta.json`.
    """

    name: str
    labels: tuple[str, ...]
    meta: dict[str, Any]

    def predict(self, doc: Document) -> None:
        """Set `tok.ner` on every token of every sentence and fill `doc.ner_spans`; return None."""
        ...


def write_tags(doc: Document, tags: list[list[str]]) -> None:
    """Write one BIO tag list per sentence into the tokens' `ner` and `doc.ner_spans`; return None.

    Spans are character offsets from a span's first token's start to its last token's end; an
    I- tag with no B- before it starts a span, as in the CoNLL scorer.
    """
    if len(tags) != len(doc.sentences):
        raise ValueError(f"{len(tags)} tag lists for {len(doc.sentences)} sentences")
    out: list[tuple[int, int, str]] = []
    for sent, sent_tags in zip(doc.sentences, tags, strict=True):
        toks = sent.tokens
        if len(sent_tags) != len(toks):
            raise ValueError(f"{len(sent_tags)} tags for {len(toks)} tokens in sentence at {sent.start}")
        for tok, t in zip(toks, sent_tags, strict=True):
            tok.ner = t
        out.extend((toks[s].start, toks[e - 1].end, label) for s, e, label in sorted(spans(sent_tags)))
    doc.ner_spans = out
