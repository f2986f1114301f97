"""Measure NER changes on a held-out contiguous tail of train.conll (never on test.conll)."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from marsad.ner import tagger, train
from marsad.ner.conll import read_conll, score


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--c1", type=float, default=train.CRF_PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=train.CRF_PARAMS["c2"])
    ap.add_argument("--folds", type=int, default=3)
    args = ap.parse_args()
    train.CRF_PARAMS.update(c1=args.c1, c2=args.c2)
    sents = list(read_conll(Path(args.shared) / "data/ner/anercorp/train.conll"))
    cut = len(sents) * 5 // 6  # a contiguous tail: new stories and names, like the test split
    with tempfile.TemporaryDirectory() as d:
        t0 = time.time()
        base, second = Path(d) / "base", Path(d) / "second"
        train.train_two_pass(sents[:cut], base, second, folds=args.folds)
        tagger.BASE_MODEL_FILE, tagger.MODEL_FILE = base, second
        dev = sents[cut:]
        pred = tagger.tag_sentences([w for w, _ in dev], window=train.WINDOW)
        base_tagger = tagger._tagger(str(base))
        from marsad.ner.features import sentence_features

        base_pred = [base_tagger.tag(sentence_features(w)) for w, _ in dev]
        gold = [t for _, t in dev]
        one = score(gold, base_pred)
        two = score(gold, pred)
    print(f"c1={args.c1} c2={args.c2} {time.time() - t0:.0f}s")
    print("  base  ", {k: round(v["f1"], 3) for k, v in one.items()})
    print("  2-pass", {k: round(v["f1"], 3) for k, v in two.items()})


if __name__ == "__main__":
    main()
