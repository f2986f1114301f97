"""`make train-ner`: compile ANERgazet, build word vectors and clusters from news, train the
convolutional network and then the CRF that reads its tags, on train.conll."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from marsad.ner.conll import read_conll
from marsad.ner.gazetteer import ANERGAZET_FILE, compile_anergazet

# Chosen on a held-out contiguous tail of train.conll (scripts/ner_dev.py), never on test.conll.
CRF_PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}
NET_FOLDS = 3  # the network's cross-validated tags for the CRF: 3 folds as chosen on the dev tail
VECTORS_CACHE = Path("build/ner/vectors.npz")  # news word vectors, shared by clusters and the network
WINDOW = 20  # ANERcorp has no document breaks: «the same document» is 20 sentences either side

Sentence = tuple[list[str], list[str]]


def contiguous_folds(n: int, folds: int) -> list[list[int]]:
    """Return the item indices of each of `folds` contiguous folds of `n` items.

    Contiguous, not shuffled: held-out sentences then come from unseen stories, as in real use.
    """
    return [[i for i in range(n) if i * folds // n == f] for f in range(folds)]


def _train_one(xs: list[list[list[str]]], ys: list[list[str]], path: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params(CRF_PARAMS)
    trainer.train(str(path))


def train_crf(sents: list[Sentence], model_path: Path, neural: list[list[str]]) -> None:
    """Train the CRF on all sentences, reading the network's tags and the document hints drawn from them.

    `neural` holds cross-validated network tags for every sentence (`train_neural.cross_val_tags`),
    so the CRF learns how far to trust the network on text it has not seen.
    """
    from marsad.ner.features import document_hints, sentence_features
    from marsad.text.normalize import norm_char_key

    keys = [[norm_char_key(w) for w in words] for words, _ in sents]
    hints = document_hints(keys, neural, WINDOW)
    xs = [sentence_features(words, k, None, h, nt)
          for (words, _), k, h, nt in zip(sents, keys, hints, neural, strict=True)]
    _train_one(xs, [tags for _, tags in sents], model_path)


def train(shared: Path, rebuild_clusters: bool = False, network_tags: Path | None = None) -> Path:
    """Train the shipped NER models from ../shared data; return the CRF model path.

    `network_tags` (a JSON list of each train.conll sentence's cross-validated tags) keeps the
    installed network, trained elsewhere, and trains only the gazetteer and the CRF around it.
    """
    from marsad.ner import features, gazetteer
    from marsad.ner.tagger import MODEL_FILE

    anercorp = shared / "data" / "ner" / "anercorp"
    n = compile_anergazet(anercorp, ANERGAZET_FILE)
    print(f"gazetteer: {n} ANERgazet names -> {ANERGAZET_FILE}")
    if rebuild_clusters or not features.CLUSTERS_FILE.exists():
        from marsad.ner.clusters import build_clusters

        t0 = time.time()
        build_clusters(shared / "data" / "news" / "saudinewsnet-2015-07.jsonl", features.CLUSTERS_FILE,
                       VECTORS_CACHE)
        print(f"clusters built in {time.time() - t0:.0f} s")
    gazetteer.clear_caches()
    features.clusters.cache_clear()
    features.word_features.cache_clear()
    from marsad.ner import train_neural
    from marsad.ner.neural import NET_FILE, neural_tagger

    sents = list(read_conll(anercorp / "train.conll"))
    t0 = time.time()
    if network_tags is not None:  # trained elsewhere (scripts/ner_gpu.py): the shipped network and its CV tags
        net_tags = json.loads(network_tags.read_text())
        if [len(t) for t in net_tags] != [len(w) for w, _ in sents]:
            raise SystemExit(f"{network_tags}: tags do not match the sentences of train.conll")
    else:
        net_tags = train_neural.cross_val_tags(sents, shared, NET_FOLDS)
        train_neural.fit(sents, shared, NET_FILE)
        print(f"network trained in {time.time() - t0:.0f} s -> {NET_FILE} ({NET_FILE.stat().st_size / 1e6:.1f} MB)")
    neural_tagger.cache_clear()
    t0 = time.time()
    train_crf(sents, MODEL_FILE, net_tags)
    print(f"CRF trained in {time.time() - t0:.0f} s -> {MODEL_FILE} ({MODEL_FILE.stat().st_size / 1e6:.1f} MB)")
    return MODEL_FILE


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--rebuild-clusters", action="store_true")
    ap.add_argument("--network-tags", type=Path, default=None,
                    help="keep the installed network; read its cross-validated tags from this JSON")
    args = ap.parse_args(argv)
    train(Path(args.shared), args.rebuild_clusters, args.network_tags)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
