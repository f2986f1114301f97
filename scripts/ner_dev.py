"""Tune the NER CRF on a held-out slice of train.conll (never on test.conll)."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pycrfsuite

from marsad.ner.conll import read_conll, score
from marsad.ner.features import sentence_features
from marsad.ner.train import CRF_PARAMS


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--c1", type=float, default=CRF_PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=CRF_PARAMS["c2"])
    ap.add_argument("--iters", type=int, default=CRF_PARAMS["max_iterations"])
    args = ap.parse_args()
    sents = list(read_conll(Path(args.shared) / "data/ner/anercorp/train.conll"))
    cut = len(sents) * 5 // 6  # a contiguous tail: new stories and names, like the test split
    dev = sents[cut:]
    train = sents[:cut]
    tr = pycrfsuite.Trainer(verbose=False)
    for w, t in train:
        tr.append(sentence_features(w), t)
    tr.set_params({**CRF_PARAMS, "c1": args.c1, "c2": args.c2, "max_iterations": args.iters})
    with tempfile.TemporaryDirectory() as d:
        t0 = time.time()
        tr.train(f"{d}/m")
        tg = pycrfsuite.Tagger()
        tg.open(f"{d}/m")
        res = score([t for _, t in dev], [tg.tag(sentence_features(w)) for w, _ in dev])
    print(f"c1={args.c1} c2={args.c2} train {time.time() - t0:.0f}s", {k: round(v["f1"], 3) for k, v in res.items()})


if __name__ == "__main__":
    main()
