"""The shipped NER model: a convolutional network (`marsad.ner.neural`) stacked under a CRF.

The network tags each sentence first. A CRF then tags every sentence reading the network's
tags, how sure the network was of each (when the CRF was trained with it), and document hints:
how the same word was tagged by the network in the document's other sentences. `ConvCrfNer`
loads both from a model directory (checked against its `meta.json`, `marsad.ner.modeldir`) with
the word clusters and the frozen gazetteer they were trained with, and implements
`marsad.ner.base.NerModel`. Everything here is safe to share between threads.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.model import Document
from marsad.ner.base import write_tags
from marsad.ner.crf_scores import CrfScorer
from marsad.ner.crfsuite_file import CrfFileError, read_weights
from marsad.ner.features import (
    CLUSTERS_NAME,
    CONFIDENCE_PREFIX,
    WORD_CACHE_SIZE,
    Clusters,
    WordFeatures,
    add_confidence,
    clusters,
    document_hints,
    read_clusters,
    sentence_features,
    word_features_with,
)
from marsad.ner.gazetteer import (
    ANERGAZET_NAME,
    GAZETTEER_NAME,
    SHIPPED_DIR,
    Gazetteer,
    LexSpans,
    read_table,
)
from marsad.ner.modeldir import ModelError, read_meta
from marsad.ner.neural import EXTRA_NET_NAMES, NET_NAME, TAGS, CrfDecoder, load_networks

LABELS = ("PERS", "ORG", "LOC", "MISC")
CRF_NAME = "ner.crfsuite"
MODEL_FILE = SHIPPED_DIR / CRF_NAME
MODEL_FILES = (CRF_NAME, NET_NAME, CLUSTERS_NAME, GAZETTEER_NAME, ANERGAZET_NAME)
STACK_NAME = "wikifane.crfsuite"  # optional: a CRF trained on WikiFANE whose tags the main CRF reads
WINDOW = 20  # ANERcorp has no document breaks: «the same document» is 20 sentences either side


class TrainedCRF:
    """A trained CRF model, and the word-level features it gives weight to."""

    reads_confidence = False
    bigrams: frozenset[str] | None = None  # the word-pair features the model weighs (None: send them all)
    scorer: CrfScorer | None = None  # the same tagging from the model's weights in numpy (None: crfsuite's)

    def __init__(self, path: str, cluster_ids: Clusters | None = None) -> None:
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(path)
        self.known = frozenset(attr for attr, _ in self.tagger.info().state_features)
        self.bigrams = frozenset(attr for attr in self.known if attr.startswith(("bi=", "bi+=")))
        # a CRF trained with the network's confidence bins (`features.add_confidence`) is sent them
        self.reads_confidence = any(attr.startswith(CONFIDENCE_PREFIX) for attr in self.known)
        self.clusters = clusters() if cluster_ids is None else cluster_ids
        self.word_part = lru_cache(maxsize=WORD_CACHE_SIZE)(self._known_word_features)
        self._lock = threading.Lock()  # crfsuite's tagger holds the sequence being tagged: one at a time
        try:
            self.scorer = CrfScorer(read_weights(path), self.clusters)
        except CrfFileError:
            self.scorer = None  # a model file this reader does not know: crfsuite tags alone

    def _known_word_features(self, key: str) -> WordFeatures:
        """Return `word_features` less the strings the model has no weight for.

        Dropping them changes no score (crfsuite ignores unknown attributes) but saves building
        and looking up about a quarter of all feature strings; computed once per distinct word.
        """
        own, around = word_features_with(key, self.clusters)
        known = self.known
        return (tuple(x for x in own if x in known),
                {off: tuple(x for x in fs if x in known) for off, fs in around.items()})

    def labels(self) -> set[str]:
        """Return the tags the CRF can output."""
        return set(self.tagger.labels())

    def tag(self, sentence: list[str], keys: list[str], spans: LexSpans, hints: list[list[str]] | None,
            net_tags: list[str] | None, stacked: list[str] | None = None) -> list[str]:
        """Return the BIO tags of one sentence given its network tags, document hints and stacked tags."""
        feats = sentence_features(sentence, keys, spans, hints, net_tags, self.word_part, stacked, self.bigrams)
        with self._lock:
            return self.tagger.tag(feats)

    def tag_sentences(self, keys: list[list[str]], spans: list[LexSpans], hints: list[list[list[str]]] | None,
                      net_tags: list[list[str]] | None, stacked: list[list[str] | None] | None = None
                      ) -> list[list[str]]:
        """Return `tag`'s BIO tags for each sentence of a document (empty ones stay empty).

        Through `scorer` when the model file could be read (crfsuite's scores and paths, a third of
        the time), else one `tag` per sentence.
        """
        if self.scorer is not None:
            return self.scorer.tag_sentences(keys, spans, hints, net_tags, stacked)
        return [self.tag(k, k, spans[i], hints[i] if hints is not None else None,
                         net_tags[i] if net_tags is not None else None,
                         stacked[i] if stacked is not None else None) if k else []
                for i, k in enumerate(keys)]


class ConvCrfNer:
    """The network + CRF stack of one model directory; a `NerModel`."""

    labels = LABELS

    def __init__(self, crf: TrainedCRF, net: CrfDecoder, gazetteer: Gazetteer, meta: dict[str, Any],
                 name: str = "ner", stack: TrainedCRF | None = None) -> None:
        self.crf, self.net, self.gazetteer, self.meta, self.name = crf, net, gazetteer, meta, name
        self.stack = stack  # the WikiFANE CRF, when the model has one: its tags are features of `crf`

    @classmethod
    def from_dir(cls, model_dir: Path, meta: dict[str, Any] | None = None) -> ConvCrfNer:
        """Return the model in `model_dir` (its meta.json checked first unless `meta` is given)."""
        meta = read_meta(model_dir, LABELS, MODEL_FILES) if meta is None else meta
        gazetteer = Gazetteer(read_table(model_dir / GAZETTEER_NAME))
        cluster_ids = read_clusters(model_dir / CLUSTERS_NAME)
        crf = TrainedCRF(str(model_dir / CRF_NAME), cluster_ids)
        stack = None
        if (model_dir / STACK_NAME).is_file():
            if meta and STACK_NAME not in meta.get("files", {}):
                raise ModelError(f"{model_dir}: {STACK_NAME} is not listed among the model files")
            stack = TrainedCRF(str(model_dir / STACK_NAME), cluster_ids)
        extra = [n for n in EXTRA_NET_NAMES if (model_dir / n).is_file()]
        for name in extra:
            if meta and name not in meta.get("files", {}):
                raise ModelError(f"{model_dir}: {name} is not listed among the model files")
        net = load_networks([model_dir / NET_NAME, *(model_dir / n for n in extra)])
        bio = {"O"} | {f"{p}-{lab}" for lab in LABELS for p in "BI"}
        if set(TAGS) != bio or not crf.labels() <= bio:
            raise ModelError(f"{model_dir}: the CRF's tags {sorted(crf.labels())} are not BIO over {list(LABELS)}")
        if not all(set(m.vocab.lex_classes) <= set(gazetteer.classes) for m in getattr(net, "members", [net])):
            raise ModelError(f"{model_dir}: the network reads gazetteer classes missing from {GAZETTEER_NAME}")
        if stack is not None and not stack.labels() <= bio:
            raise ModelError(f"{model_dir}: the stacked CRF's tags {sorted(stack.labels())} are not BIO")
        return cls(crf, net, gazetteer, meta, str(meta.get("name") or model_dir.name), stack)

    def tag_keys(self, keys: list[list[str]], lexicon_spans: list[LexSpans] | None = None,
                 window: int | None = None) -> list[list[str]]:
        """Return BIO tags for each sentence (as token keys) of one document.

        `lexicon_spans` default to the model's own frozen gazetteer matches; `window` limits the
        document hints to that many sentences either side (None: the whole document).
        """
        spans = lexicon_spans if lexicon_spans is not None else [self.gazetteer.match(k) for k in keys]
        if self.crf.reads_confidence:
            net_tags, confidence = self.net.tag_with_confidence(keys, spans)
            hints = add_confidence(document_hints(keys, net_tags, window), net_tags, confidence)
        else:
            net_tags = self.net.tag(keys, spans)
            hints = document_hints(keys, net_tags, window)
        return self.crf.tag_sentences(keys, spans, hints, net_tags, self.stacked_tags(keys, spans))

    def stacked_tags(self, keys: list[list[str]], spans: list[LexSpans]) -> list[list[str] | None]:
        """Return the stacked CRF's tags for each sentence (None each when the model has none)."""
        if self.stack is None:
            return [None] * len(keys)
        return self.stack.tag_sentences(keys, spans, None, None)

    def predict(self, doc: Document) -> None:
        """Tag every token of the Document's sentences (`tok.ner`) and fill `doc.ner_spans`; return None."""
        write_tags(doc, self.tag_keys([[t.key for t in s.tokens] for s in doc.sentences]))


def load_model(model_dir: Path = SHIPPED_DIR) -> ConvCrfNer:
    """Return the checked model of a directory; raise ModelError (one line) when it is unusable."""
    return ConvCrfNer.from_dir(model_dir)


_LOAD_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _shipped() -> ConvCrfNer | None:
    return load_model(SHIPPED_DIR) if SHIPPED_DIR.is_dir() else None


def shipped_model() -> ConvCrfNer | None:
    """Return the installed model, loaded once for all threads (None when no model directory ships)."""
    with _LOAD_LOCK:  # one load even when many threads ask at once
        return _shipped()


def model_available() -> bool:
    """Return whether a trained model ships with this installation (ModelError if it is broken)."""
    return shipped_model() is not None


def tag_sentences(sentences: list[list[str]], keys: list[list[str]] | None = None,
                  lexicon_spans: list[LexSpans] | None = None, window: int | None = None) -> list[list[str]]:
    """Return BIO tags for each sentence of one document (all 'O' when no model is installed).

    The lower-level entry point: `keys` default to the words' `norm_char_key`s, `lexicon_spans`
    to the shipped model's frozen gazetteer matches; `window` limits the document hints to that
    many sentences either side (None: the whole document).
    """
    model = shipped_model()
    if model is None:
        return [["O"] * len(s) for s in sentences]
    if keys is None:
        from marsad.text.normalize import norm_char_key

        keys = [[norm_char_key(w) for w in s] for s in sentences]
    return model.tag_keys(keys, lexicon_spans, window)


def tag_conll(sentences: list[list[str]]) -> list[list[str]]:
    """Return BIO tags for CoNLL sentences of words, one run of text: what `make eval-ner` scores.

    ANERcorp-style files have no document breaks, so the document hints reach `WINDOW`
    sentences either side; the CLI's `marsad ner --conll` tags through here too.
    """
    return tag_sentences(sentences, window=WINDOW)


def tag(words: list[str]) -> list[str]:
    """Return BIO tags for a single sentence taken as its own document."""
    return tag_sentences([words])[0]
