"""`make train-ner`: compile ANERgazet, build word clusters from news, train the CRF on train.conll."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from marsad.ner.conll import read_conll
from marsad.ner.gazetteer import ANERGAZET_FILE, compile_anergazet

# Tuned by 5-fold cross-validation on train.conll only (never on test.conll).
CRF_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 250, "feature.possible_transitions": True}


def train(shared: Path, rebuild_clusters: bool = False) -> Path:
    """Train the shipped NER model from ../shared data; return the model path."""
    import pycrfsuite

    from marsad.ner import features, gazetteer
    from marsad.ner.tagger import MODEL_FILE

    anercorp = shared / "data" / "ner" / "anercorp"
    n = compile_anergazet(anercorp, ANERGAZET_FILE)
    print(f"gazetteer: {n} ANERgazet names -> {ANERGAZET_FILE}")
    if rebuild_clusters or not features.CLUSTERS_FILE.exists():
        from marsad.ner.clusters import build_clusters

        t0 = time.time()
        build_clusters(shared / "data" / "news" / "saudinewsnet-2015-07.jsonl", features.CLUSTERS_FILE)
        print(f"clusters built in {time.time() - t0:.0f} s")
    gazetteer.phrase_classes.cache_clear()
    features.clusters.cache_clear()
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in read_conll(anercorp / "train.conll"):
        trainer.append(features.sentence_features(words), tags)
    trainer.set_params(CRF_PARAMS)
    t0 = time.time()
    trainer.train(str(MODEL_FILE))
    print(f"CRF trained in {time.time() - t0:.0f} s -> {MODEL_FILE} ({MODEL_FILE.stat().st_size / 1e6:.1f} MB)")
    return MODEL_FILE


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--rebuild-clusters", action="store_true")
    args = ap.parse_args(argv)
    train(Path(args.shared), args.rebuild_clusters)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
