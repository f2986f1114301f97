"""Measure NER changes on a held-out contiguous tail of train.conll (never on test.conll).

Reads the live lexicons (`marsad.ner.gazetteer.live_gazetteer`, so lexicon edits can be measured)
and the shipped model's word clusters (or `--clusters`). `--registry` adds the registry packages'
names to the gazetteer (as `python -m marsad.ner.train --registry` does), `--stack` stacks a CRF
trained on WikiFANE (kept in `--stack-cache` between runs: it depends on the gazetteer and clusters, not on
the split), `--confidence` has the CRF read the network's confidence in its tags.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from marsad.ner import tagger, train, train_neural
from marsad.ner.conll import read_conll, score
from marsad.ner.features import CLUSTERS_FILE, read_clusters
from marsad.ner.gazetteer import ANERGAZET_FILE, Gazetteer, build_table, lexicon_rows, live_gazetteer
from marsad.ner.neural import NeuralTagger
from marsad.text.normalize import norm_char_key


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--c1", type=float, default=train.CRF_PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=train.CRF_PARAMS["c2"])
    ap.add_argument("--folds", type=int, default=train.NET_FOLDS)
    ap.add_argument("--net-cache", default="", help="reuse/keep cross-validated network tags in this .json")
    ap.add_argument("--registry", action=argparse.BooleanOptionalAction, default=train.USE_REGISTRY,
                    help="add the registry packages' names to the gazetteer")
    ap.add_argument("--stack", action="store_true", help="stack a CRF trained on WikiFANE")
    ap.add_argument("--clusters", type=Path, default=CLUSTERS_FILE,
                    help="the CRF's word clusters (default: the shipped model's; `python -m marsad.ner.clusters "
                         "OUT NEWS.jsonl [MORE.jsonl.gz]` builds others)")
    ap.add_argument("--confidence", action=argparse.BooleanOptionalAction, default=train.USE_CONFIDENCE,
                    help="the CRF reads the network's confidence in each tag")
    ap.add_argument("--stack-labels", default=",".join(train.STACK_LABELS))
    ap.add_argument("--stack-c1", type=float, default=train.STACK_PARAMS["c1"])
    ap.add_argument("--stack-c2", type=float, default=train.STACK_PARAMS["c2"])
    ap.add_argument("--stack-cache", default="", help="reuse/keep the stacked CRF in this file")
    args = ap.parse_args()
    train.CRF_PARAMS.update(c1=args.c1, c2=args.c2)
    train.STACK_PARAMS.update(c1=args.stack_c1, c2=args.stack_c2)
    shared = Path(args.shared)
    sents = list(read_conll(shared / "data/ner/anercorp/train.conll"))
    cut = len(sents) * 5 // 6  # a contiguous tail: new stories and names, like the test split
    gaz, cluster_ids = live_gazetteer(), read_clusters(args.clusters)
    if args.registry:
        gaz = Gazetteer(build_table(ANERGAZET_FILE, lexicon_rows() + train.registry_gazetteer_rows(shared)))
    with tempfile.TemporaryDirectory() as d:
        t0 = time.time()
        net_file, crf_file = Path(d) / "net.npz", Path(d) / "crf"
        net_tags, net_conf = _network(sents[:cut], shared, net_file, args.folds, args.net_cache, gaz)
        stack_file = None
        if args.stack:
            stack_file = Path(args.stack_cache) if args.stack_cache else Path(d) / "stack"
            if not stack_file.exists():
                labels = tuple(args.stack_labels.split(","))
                train.train_stack(train.read_wikifane(shared / train.WIKIFANE, labels), stack_file, gaz, cluster_ids)
                print(f"stacked CRF trained in {time.time() - t0:.0f}s")
        stacked = train.stack_tags(stack_file, sents[:cut], gaz, cluster_ids)
        train.train_crf(sents[:cut], crf_file, net_tags, gaz, cluster_ids, stacked,
                        net_conf if args.confidence else None)
        stack = tagger.TrainedCRF(str(stack_file), cluster_ids) if stack_file else None
        model = tagger.ConvCrfNer(tagger.TrainedCRF(str(crf_file), cluster_ids), NeuralTagger(net_file), gaz, {},
                                  stack=stack)
        dev = sents[cut:]
        pred = model.tag_keys([[norm_char_key(w) for w in ws] for ws, _ in dev], window=train.WINDOW)
        net_dev = train_neural.tag_words(net_file, [w for w, _ in dev], gaz)
        gold = [t for _, t in dev]
        if stack is not None:
            print("  stacked", {k: round(v["f1"], 3) for k, v in score(gold, train.stack_tags(
                stack_file, dev, gaz, cluster_ids)).items()})
    print(f"c1={args.c1} c2={args.c2} registry={args.registry} stack={args.stack} confidence={args.confidence} "
          f"{time.time() - t0:.0f}s")
    print("  net+CRF", {k: round(v["f1"], 3) for k, v in score(gold, pred).items()})
    print("  net    ", {k: round(v["f1"], 3) for k, v in score(gold, net_dev).items()})


def _network(sents, shared: Path, out: Path, folds: int, cache: str,
             gaz: Gazetteer) -> tuple[list[list[str]], list[list[float]]]:
    """Train the network on `sents` into `out`; return its cross-validated tags and their confidence.

    Both are kept in `cache` (a .json) with the network beside it (.npz) for later runs.
    """
    import json
    import shutil

    keep = Path(cache) if cache else None
    if keep and keep.exists() and keep.with_suffix(".npz").exists():
        shutil.copy(keep.with_suffix(".npz"), out)
        tags, conf = json.loads(keep.read_text())
        return tags, conf
    tags = train_neural.cross_val_tags(sents, shared, folds, gazetteer=gaz)
    train_neural.fit(sents, shared, out, log=lambda _: None, gazetteer=gaz)
    if keep:
        keep.write_text(json.dumps(tags))
        shutil.copy(out, keep.with_suffix(".npz"))
    return tags


if __name__ == "__main__":
    main()
