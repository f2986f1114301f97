"""Load the shipped CRF model once and tag token sequences with BIO labels (PERS, ORG, LOC, MISC)."""

from __future__ import annotations

from functools import lru_cache

from marsad.ner.features import sentence_features
from marsad.ner.gazetteer import MODEL_DIR

MODEL_FILE = MODEL_DIR / "ner.crfsuite"


@lru_cache(maxsize=1)
def _tagger():
    import pycrfsuite

    if not MODEL_FILE.exists():
        return None
    t = pycrfsuite.Tagger()
    t.open(str(MODEL_FILE))
    return t


def model_available() -> bool:
    """Return whether the trained CRF model ships with this installation."""
    return _tagger() is not None


def tag(words: list[str], keys: list[str] | None = None,
        lexicon_spans: list[tuple[int, int, frozenset[str]]] | None = None) -> list[str]:
    """Return a BIO tag per word; all 'O' when no model is installed."""
    t = _tagger()
    if t is None or not words:
        return ["O"] * len(words)
    return t.tag(sentence_features(words, keys, lexicon_spans))
