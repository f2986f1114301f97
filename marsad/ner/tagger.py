"""Load the shipped models once and tag sentences with BIO labels (PERS, ORG, LOC, MISC).

A convolutional network (`marsad.ner.neural`) tags each sentence first. A CRF then tags every
sentence reading the network's tags and document hints: how the same word was tagged by the
network in the document's other sentences.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.ner.features import document_hints, sentence_features
from marsad.ner.gazetteer import MODEL_DIR, match_spans
from marsad.ner.neural import NET_FILE, neural_tagger

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
    """Return whether the trained network and CRF ship with this installation."""
    return _tagger(str(MODEL_FILE)) is not None and neural_tagger(str(NET_FILE)) is not None


def tag_sentences(sentences: list[list[str]], keys: list[list[str]] | None = None,
                  lexicon_spans: list[LexSpans] | None = None, window: int | None = None) -> list[list[str]]:
    """Return BIO tags for each sentence of one document (all 'O' when no model is installed).

    `window` limits the document hints to that many sentences either side (None: the whole document).
    """
    crf, net = _tagger(str(MODEL_FILE)), neural_tagger(str(NET_FILE))
    if crf is None or net is None:
        return [["O"] * len(s) for s in sentences]
    from marsad.text.normalize import norm_char_key

    keys = keys if keys is not None else [[norm_char_key(w) for w in s] for s in sentences]
    spans = lexicon_spans if lexicon_spans is not None else [match_spans(k) for k in keys]
    net_tags = net.tag(keys, spans)
    hints = document_hints(keys, net_tags, window)
    return [crf.tag(sentence_features(w, k, sp, h, nt)) if w else []
            for w, k, sp, h, nt in zip(sentences, keys, spans, hints, net_tags, strict=True)]


def tag(words: list[str]) -> list[str]:
    """Return BIO tags for a single sentence taken as its own document."""
    return tag_sentences([words])[0]
