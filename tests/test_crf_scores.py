"""The CRF scored from its weights in numpy: the model file read exactly, the same tags as crfsuite."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from marsad.ner import tagger
from marsad.ner.crfsuite_file import CrfFileError, read_weights
from marsad.ner.features import clusters
from marsad.ner.gazetteer import match_spans
from marsad.ner.neural import TAGS
from marsad.ner.viterbi import best_paths


def _crf() -> tagger.TrainedCRF:
    model = tagger.shipped_model()
    assert model is not None, "the package must ship the NER model"
    assert model.crf.scorer is not None, "the shipped CRF file must be readable"
    return model.crf


def test_the_model_file_reads_as_crfsuite_reads_it():
    crf = _crf()
    w = read_weights(tagger.MODEL_FILE)
    assert list(w.labels) == crf.tagger.labels()  # crfsuite's label ids: ties keep the first
    info = crf.tagger.info()  # crfsuite's dump prints six decimals
    assert w.weighted == frozenset(a for a, _ in info.state_features) == crf.known
    col = {label: j for j, label in enumerate(w.labels)}
    for (attr, label), weight in info.state_features.items():
        assert abs(w.state[w.attrs[attr], col[label]] - weight) < 1e-6
    assert np.count_nonzero(w.state) <= len(info.state_features) and not w.state[w.zero].any()
    for (a, b), weight in info.transitions.items():
        assert abs(w.trans[col[a], col[b]] - weight) < 1e-6


def test_a_file_that_is_not_a_crf_model_is_refused(tmp_path):
    bad = tmp_path / "x.crfsuite"
    bad.write_bytes(b"not a model at all, just some bytes" * 3)
    with pytest.raises(CrfFileError):
        read_weights(bad)


def test_the_scores_give_crfsuites_tags_sentence_for_sentence():
    crf = _crf()
    rng = random.Random(13)
    vocab = sorted(itertools.islice(clusters(), 3000)) + ["قال", "الرئيس", "في", "القاهره", "،", ".", "x|y"]
    # words the model weighs as pairs, so that pair features are exercised too
    pairs = [a[3:].split("|") for a in sorted(crf.bigrams) if a.startswith("bi=") and a.count("|") == 1][:200]
    tags = list(TAGS)
    differ = 0
    for _ in range(40):  # documents
        keys = []
        for _ in range(rng.randint(1, 8)):
            sent = [rng.choice(vocab) for _ in range(rng.randint(0, 40))]
            for _ in range(rng.randint(0, 3)):
                if sent:
                    i = rng.randrange(len(sent))
                    sent[i:i + 1] = rng.choice(pairs)
            keys.append(sent)
        spans = [match_spans(k) for k in keys]
        net = [[rng.choice(tags) for _ in k] for k in keys]
        hints = [[rng.choice([[], [], ["nl=PERS"], ["nl=LOC", "nl=ORG"]]) for _ in k] for k in keys]
        fast = crf.tag_sentences(keys, spans, hints, net)
        slow = [crf.tag(k, k, sp, h, n) if k else [] for k, sp, h, n in zip(keys, spans, hints, net, strict=True)]
        assert fast == slow
        differ += sum(f != ["O"] * len(f) for f in fast)
    assert differ > 20  # the sentences are not all tagged O: the comparison says something


def test_viterbi_finds_the_best_path_of_each_sentence_whatever_the_batch():
    rng = np.random.default_rng(5)
    n_labels = 4
    trans, start, end = rng.normal(size=(n_labels, n_labels)), rng.normal(size=n_labels), rng.normal(size=n_labels)
    lengths = [3, 0, 1, 5, 2]
    em = rng.normal(size=(len(lengths), max(lengths), n_labels))
    got = best_paths(em, lengths, trans, start, end)
    for s, n in enumerate(lengths):
        if n == 0:
            assert got[s] == []
            continue

        def score(path, s=s, n=n):
            return (start[path[0]] + sum(em[s, i, path[i]] for i in range(n))
                    + sum(trans[path[i - 1], path[i]] for i in range(1, n)) + end[path[-1]])

        best = max(itertools.product(range(n_labels), repeat=n), key=score)
        assert got[s] == list(best)
