"""Load the shipped models once and tag sentences with BIO labels (PERS, ORG, LOC, MISC).

A convolutional network (`marsad.ner.neural`) tags each sentence first. A CRF then tags every
sentence reading the network's tags and document hints: how the same word was tagged by the
network in the document's other sentences.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from marsad.ner.features import WORD_CACHE_SIZE, WordFeatures, document_hints, sentence_features, word_features
from marsad.ner.gazetteer import MODEL_DIR, match_spans
from marsad.ner.neural import NET_FILE, neural_tagger

MODEL_FILE = MODEL_DIR / "ner.crfsuite"
LexSpans = list[tuple[int, int, frozenset[str]]]


class TrainedCRF:
    """A trained CRF model, and the word-level features it gives weight to."""

    def __init__(self, path: str) -> None:
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(path)
        self.known = frozenset(attr for attr, _ in self.tagger.info().state_features)
        self.word_part = lru_cache(maxsize=WORD_CACHE_SIZE)(self._known_word_features)

    def _known_word_features(self, key: str) -> WordFeatures:
        """Return `word_features` less the strings the model has no weight for.

        Dropping them changes no score (crfsuite ignores unknown attributes) but saves building
        and looking up about a quarter of all feature strings; computed once per distinct word.
        """
        own, around = word_features.__wrapped__(key)
        known = self.known
        return (tuple(x for x in own if x in known),
                {off: tuple(x for x in fs if x in known) for off, fs in around.items()})

    def tag(self, sentence: list[str], keys: list[str], spans: LexSpans, hints: list[list[str]],
            net_tags: list[str]) -> list[str]:
        """Return the BIO tags of one sentence given its network tags and document hints."""
        return self.tagger.tag(sentence_features(sentence, keys, spans, hints, net_tags, self.word_part))


@lru_cache(maxsize=2)
def _crf(path: str) -> TrainedCRF | None:
    """Return the CRF at `path`, loaded once (None when it is not installed)."""
    return TrainedCRF(path) if Path(path).exists() else None


def model_available() -> bool:
    """Return whether the trained network and CRF ship with this installation."""
    return _crf(str(MODEL_FILE)) is not None and neural_tagger(str(NET_FILE)) is not None


def tag_sentences(sentences: list[list[str]], keys: list[list[str]] | None = None,
                  lexicon_spans: list[LexSpans] | None = None, window: int | None = None) -> list[list[str]]:
    """Return BIO tags for each sentence of one document (all 'O' when no model is installed).

    `window` limits the document hints to that many sentences either side (None: the whole document).
    """
    crf, net = _crf(str(MODEL_FILE)), neural_tagger(str(NET_FILE))
    if crf is None or net is None:
        return [["O"] * len(s) for s in sentences]
    from marsad.text.normalize import norm_char_key

    keys = keys if keys is not None else [[norm_char_key(w) for w in s] for s in sentences]
    spans = lexicon_spans if lexicon_spans is not None else [match_spans(k) for k in keys]
    net_tags = net.tag(keys, spans)
    hints = document_hints(keys, net_tags, window)
    return [crf.tag(w, k, sp, h, nt) if w else []
            for w, k, sp, h, nt in zip(sentences, keys, spans, hints, net_tags, strict=True)]


def tag(words: list[str]) -> list[str]:
    """Return BIO tags for a single sentence taken as its own document."""
    return tag_sentences([words])[0]
