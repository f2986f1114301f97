"""Load the shipped CRF models once and tag sentences with BIO labels (PERS, ORG, LOC, MISC).

A convolutional network (`marsad.ner.neural`) tags each sentence first; its tags are CRF
features. Then two passes: a base CRF tags every sentence; a second CRF, trained on the base model's
cross-validated output, re-tags each sentence knowing how its words were tagged elsewhere
in the document.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.ner.features import document_hints, sentence_features, with_hints
from marsad.ner.gazetteer import MODEL_DIR, match_spans
from marsad.ner.neural import NET_FILE, neural_tagger

BASE_MODEL_FILE = MODEL_DIR / "ner-base.crfsuite"
MODEL_FILE = MODEL_DIR / "ner.crfsuite"
LexSpans = list[tuple[int, int, frozenset[str]]]


@lru_cache(maxsize=2)
def _tagger(path: str):
    from pathlib import Path

    import pycrfsuite

    if not Path(path).exists():
        return None
    t = pycrfsuite.Tagger()
    t.open(path)
    return t


def model_available() -> bool:
    """Return whether the trained CRF models ship with this installation."""
    return _tagger(str(BASE_MODEL_FILE)) is not None and _tagger(str(MODEL_FILE)) is not None


def tag_sentences(sentences: list[list[str]], keys: list[list[str]] | None = None,
                  lexicon_spans: list[LexSpans] | None = None, window: int | None = None) -> list[list[str]]:
    """Return BIO tags for each sentence of one document (all 'O' when no model is installed)."""
    base, second = _tagger(str(BASE_MODEL_FILE)), _tagger(str(MODEL_FILE))
    if base is None or second is None:
        return [["O"] * len(s) for s in sentences]
    from marsad.text.normalize import norm_char_key

    keys = keys if keys is not None else [[norm_char_key(w) for w in s] for s in sentences]
    spans = lexicon_spans if lexicon_spans is not None else [match_spans(k) for k in keys]
    net = neural_tagger(str(NET_FILE))
    net_tags = net.tag(keys, spans) if net is not None else [None] * len(sentences)
    from pycrfsuite import ItemSequence

    feats = [sentence_features(w, k, sp, neural=nt) if w else []
             for w, k, sp, nt in zip(sentences, keys, spans, net_tags, strict=True)]
    seqs = [ItemSequence(f) if f else None for f in feats]  # converted once, read by both passes
    first = [base.tag(q) if q is not None else [] for q in seqs]
    hints = document_hints(keys, first, window)
    return [[] if q is None else second.tag(with_hints(f, h) if any(h) else q)
            for f, q, h in zip(feats, seqs, hints, strict=True)]


def tag(words: list[str]) -> list[str]:
    """Return BIO tags for a single sentence taken as its own document."""
    return tag_sentences([words])[0]
