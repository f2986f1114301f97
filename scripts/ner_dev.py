"""Measure NER changes on a held-out contiguous tail of train.conll (never on test.conll)."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from marsad.ner import tagger, train, train_neural
from marsad.ner.conll import read_conll, score


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--c1", type=float, default=train.CRF_PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=train.CRF_PARAMS["c2"])
    ap.add_argument("--folds", type=int, default=train.NET_FOLDS)
    ap.add_argument("--net-cache", default="", help="reuse/keep cross-validated network tags in this .json")
    args = ap.parse_args()
    train.CRF_PARAMS.update(c1=args.c1, c2=args.c2)
    sents = list(read_conll(Path(args.shared) / "data/ner/anercorp/train.conll"))
    cut = len(sents) * 5 // 6  # a contiguous tail: new stories and names, like the test split
    with tempfile.TemporaryDirectory() as d:
        t0 = time.time()
        net_tags = _network(sents[:cut], Path(args.shared), Path(d) / "net.npz", args.folds, args.net_cache)
        tagger.NET_FILE, tagger.MODEL_FILE = Path(d) / "net.npz", Path(d) / "crf"
        train.train_crf(sents[:cut], tagger.MODEL_FILE, net_tags)
        dev = sents[cut:]
        pred = tagger.tag_sentences([w for w, _ in dev], window=train.WINDOW)
        net_dev = train_neural.tag_words(tagger.NET_FILE, [w for w, _ in dev])
        gold = [t for _, t in dev]
    print(f"c1={args.c1} c2={args.c2} {time.time() - t0:.0f}s")
    print("  net+CRF", {k: round(v["f1"], 3) for k, v in score(gold, pred).items()})
    print("  net    ", {k: round(v["f1"], 3) for k, v in score(gold, net_dev).items()})


def _network(sents, shared: Path, out: Path, folds: int, cache: str) -> list[list[str]]:
    """Train the network on `sents` into `out`; return its cross-validated tags (cached in `cache`)."""
    import json
    import shutil

    keep = Path(cache) if cache else None
    if keep and keep.exists() and keep.with_suffix(".npz").exists():
        shutil.copy(keep.with_suffix(".npz"), out)
        return json.loads(keep.read_text())
    tags = train_neural.cross_val_tags(sents, shared, folds)
    train_neural.fit(sents, shared, out, log=lambda _: None)
    if keep:
        keep.write_text(json.dumps(tags))
        shutil.copy(out, keep.with_suffix(".npz"))
    return tags


if __name__ == "__main__":
    main()
