"""`make train-ner`: compile ANERgazet, freeze the gazetteer, build word vectors and clusters from news,
train the convolutional network and then the CRF that reads its tags, on train.conll.

Everything is written into a new model directory (`--out`, by default build/models/ner-<time>),
never over the shipped one; `meta.json` is written last, once the model has been scored, so a
directory without it is an unfinished run. `--install` then copies the finished model over the
shipped one (`marsad.ner.install`, also `make install-ner MODEL=dir`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.ner.conll import read_conll, score
from marsad.ner.gazetteer import (
    ANERGAZET_NAME,
    GAZETTEER_NAME,
    SHIPPED_DIR,
    Gazetteer,
    build_table,
    compile_anergazet,
    lexicon_hash,
    lexicon_rows,
    write_table,
)
from marsad.ner.modeldir import META_FILE, data_record, read_meta, write_meta
from marsad.ner.neural import EXTRA_NET_NAMES, NET_NAME
from marsad.ner.tagger import (  # noqa: F401 (WINDOW: re-exported)
    CRF_NAME,
    LABELS,
    MODEL_FILES,
    STACK_NAME,
    WINDOW,
    ConvCrfNer,
    TrainedCRF,
)

# Chosen on a held-out contiguous tail of train.conll (scripts/ner_dev.py), never on test.conll.
CRF_PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}
NET_FOLDS = 3  # the network's cross-validated tags for the CRF: 3 folds as chosen on the dev tail
# the networks' seeds: several make an ensemble (`neural.NetworkEnsemble`), one network per seed in each
# cross-validation fold and in the full fit. Seeds 13 + 7 averaged moved the dev tail by -0.002 (shipped CRF
# features) and +0.003 (registry names + ANT clusters), within noise, and cost a forward pass each: one seed
NET_SEEDS = (13,)
# the stacked CRF trained on WikiFANE (coarse tags): its own settings, chosen on the dev tail
STACK_PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 100, "feature.possible_transitions": True}
STACK_LABELS = ("PERS", "ORG", "LOC")  # WikiFANE's MISC is another MISC: read as O
WIKIFANE = Path("data/ner/wikifane/wikifane-coarse.conll")  # under the shared folder
# measured options, all off so that `make train-ner` rebuilds the shipped model (docs/STATUS.md, ANERcorp):
# the registry names less the one-word names that are common news words add +0.007 on the dev tail with
# either of two networks, but a full model with them scored ANERcorp test 0.737, short of the 0.75 that
# shipping a new model needs; the stack (session 6) cost a quarter of the tagger's speed and lowered
# seeds PER; the network's confidence gave +0.003 alone and nothing on top of the registry names
USE_REGISTRY = False  # gazetteer rows from the registry packages (`marsad.ner.registry`)
USE_STACK = False  # a WikiFANE CRF stacked under the main one
USE_CONFIDENCE = False  # the CRF reads how sure the network is of each tag (`features.add_confidence`)
VECTORS_CACHE = Path("build/ner/vectors.npz")  # news word vectors, shared by clusters and the network
NEWS = Path("data/news/saudinewsnet-2015-07.jsonl")  # under the shared folder: word vectors and clusters
# `--ant-clusters`: the CRF's word clusters from SaudiNewsNet and the ANT corpus read as one text (12.8M
# words instead of 4M; the network's word vectors stay SaudiNewsNet's). +0.014 to +0.017 on the dev tail
# with either of two networks, but ANERcorp test 0.739 and seeds PER, person country and quote speakers
# below their floors for the full model (docs/STATUS.md, ANERcorp): off
ANT = Path("data/news/ant-2017-2018.jsonl.gz")
USE_ANT_CLUSTERS = False
MODEL_NAME = "ner-anercorp"
MODEL_VERSION = "1"

Sentence = tuple[list[str], list[str]]


def contiguous_folds(n: int, folds: int) -> list[list[int]]:
    """Return the item indices of each of `folds` contiguous folds of `n` items.

    Contiguous, not shuffled: held-out sentences then come from unseen stories, as in real use.
    """
    return [[i for i in range(n) if i * folds // n == f] for f in range(folds)]


def _train_one(xs: list[list[list[str]]], ys: list[list[str]], path: Path, params: dict | None = None) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params(CRF_PARAMS if params is None else params)
    trainer.train(str(path))


def read_wikifane(path: Path, labels: tuple[str, ...] = STACK_LABELS) -> list[Sentence]:
    """Return WikiFANE's coarse sentences with tags outside `labels` read as O."""
    keep = {f"{p}-{lab}" for lab in labels for p in "BI"}
    return [(words, [t if t in keep else "O" for t in tags]) for words, tags in read_conll(path)]


def train_stack(sents: list[Sentence], model_path: Path, gazetteer: Gazetteer,
                cluster_ids: dict[str, tuple[str, ...]]) -> None:
    """Train the stacked CRF on other labelled text (WikiFANE): word, gazetteer and cluster features only.

    It never sees ANERcorp, so its tags on train.conll are as honest as on new text and the main
    CRF can learn from them directly (no cross-validation needed).
    """
    from marsad.ner.features import sentence_features, word_features_with
    from marsad.text.normalize import norm_char_key

    word_part = lru_cache(maxsize=None)(lambda k: word_features_with(k, cluster_ids))
    xs, ys = [], []
    for words, tags in sents:
        k = [norm_char_key(w) for w in words]
        xs.append(sentence_features(words, k, gazetteer.match(k), None, None, word_part))
        ys.append(tags)
    _train_one(xs, ys, model_path, STACK_PARAMS)


def stack_tags(stack_path: Path | None, sents: list[Sentence], gazetteer: Gazetteer,
               cluster_ids: dict[str, tuple[str, ...]]) -> list[list[str]] | None:
    """Return the stacked CRF's tags for each sentence (None without a stacked CRF)."""
    if stack_path is None:
        return None
    from marsad.text.normalize import norm_char_key

    crf = TrainedCRF(str(stack_path), cluster_ids)
    out = []
    for words, _ in sents:
        k = [norm_char_key(w) for w in words]
        out.append(crf.tag(k, k, gazetteer.match(k), None, None) if k else [])
    return out


def train_crf(sents: list[Sentence], model_path: Path, neural: list[list[str]], gazetteer: Gazetteer,
              cluster_ids: dict[str, tuple[str, ...]], stacked: list[list[str]] | None = None,
              confidence: list[list[float]] | None = None) -> None:
    """Train the CRF on all sentences, reading the network's tags and the document hints drawn from them.

    `neural` holds cross-validated network tags for every sentence (`train_neural.cross_val_tags`),
    so the CRF learns how far to trust the network on text it has not seen; `confidence` the
    network's probability of each of those tags (the CRF then reads its bins, and `ConvCrfNer`
    sends them at run time); `stacked` are the stacked CRF's tags (`stack_tags`), when the model
    has one; `gazetteer` and `cluster_ids` are the model directory's own, as `ConvCrfNer` reads them.
    """
    from marsad.ner.features import add_confidence, document_hints, sentence_features, word_features_with
    from marsad.text.normalize import norm_char_key

    keys = [[norm_char_key(w) for w in words] for words, _ in sents]
    hints = document_hints(keys, neural, WINDOW)
    if confidence is not None:
        hints = add_confidence(hints, neural, confidence)
    word_part = lru_cache(maxsize=None)(lambda k: word_features_with(k, cluster_ids))
    stacked = stacked if stacked is not None else [None] * len(sents)
    xs = [sentence_features(words, k, gazetteer.match(k), h, nt, word_part, st)
          for (words, _), k, h, nt, st in zip(sents, keys, hints, neural, stacked, strict=True)]
    _train_one(xs, [tags for _, tags in sents], model_path)


def registry_gazetteer_rows(shared: Path) -> list[tuple[str, str]]:
    """Return the registry packages' gazetteer rows less the one-word names that are common news words.

    The news words come from the word vectors' vocabulary (most frequent first), built from the
    same SaudiNewsNet month as the clusters and cached in `VECTORS_CACHE`.
    """
    from marsad.ner.clusters import cached_word_vectors
    from marsad.ner.registry import drop_common, registry_rows

    words, _ = cached_word_vectors(shared / NEWS, VECTORS_CACHE)
    return drop_common(registry_rows(), words)


def network_tags_of(out: Path) -> Path:
    """Return where a full run into `out` keeps the network's cross-validated tags: beside `out`, not in it."""
    return out.parent / f"{out.name}.network-tags.json"


def default_out() -> Path:
    """Return a fresh build directory named after the current time (build/models/ner-YYYYmmdd-HHMMSS)."""
    return Path("build/models") / f"ner-{dt.datetime.now():%Y%m%d-%H%M%S}"


def _check_out(out: Path) -> None:
    if out.resolve() == SHIPPED_DIR.resolve():
        raise SystemExit(f"{out}: training never writes over the shipped model; install it afterwards")
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out}: not empty; train into a new directory")


def training_record(shared: Path, network: str, registry: dict[str, str] | None = None,
                    stack: bool = False, confidence: bool = False, ant_clusters: bool = False) -> dict[str, Any]:
    """Return meta.json's `training` object: the data files with their sha256 and the settings used.

    `registry` holds the versions of the registry packages whose names are in the gazetteer;
    `stack` says whether a WikiFANE CRF is stacked under the main one; `confidence` whether the
    CRF reads the network's confidence bins; `ant_clusters` whether the clusters were built with the
    ANT corpus as well.
    """
    anercorp = shared / "data" / "ner" / "anercorp"
    record: dict[str, Any] = {
        "paths_under": "the shared data folder (../shared)",
        "train": data_record(anercorp / "train.conll", shared),
        "clusters_corpus": data_record(shared / NEWS, shared),
        "anergazet": {f: data_record(anercorp / f)["sha256"] for f in
                      ("AlignedPersGazetteer.txt", "AlignedLocGazetteer.txt", "AlignedOrgGazetteer.txt")},
        "crf_params": CRF_PARAMS, "network": network, "network_folds": NET_FOLDS, "conll_window": WINDOW,
    }
    if ant_clusters:
        record["clusters_also_from"] = data_record(shared / ANT, shared)
    if registry:
        from marsad.ner.registry import COMMON_WORDS

        record["registry"] = registry
        record["registry_one_word_names_dropped"] = f"among the {COMMON_WORDS} most frequent news words"
    record["crf_reads_network_confidence"] = confidence
    if stack:
        record["stacked"] = {"data": data_record(shared / WIKIFANE, shared), "labels": list(STACK_LABELS),
                             "crf_params": STACK_PARAMS,
                             "licence": "WikiFANE Gold 2014 (CC BY-SA 3.0): the stacked CRF inherits ShareAlike"}
    return record


def anercorp_scores(model: ConvCrfNer, test_conll: Path, root: Path | None = None) -> dict[str, Any]:
    """Return entity-level P/R/F1 (rounded to 3 places) of a model on a CoNLL file, as `make eval-ner` tags it."""
    from marsad.text.normalize import norm_char_key

    sents = list(read_conll(test_conll))
    pred = model.tag_keys([[norm_char_key(w) for w in ws] for ws, _ in sents], window=WINDOW)
    res = score([t for _, t in sents], pred)
    return {"file": data_record(test_conll, root),
            **{k: {m: round(v[m], 3) if m != "n" else v[m] for m in ("p", "r", "f1", "n")} for k, v in res.items()}}


def describe(model_dir: Path, shared: Path, network: str, created: str | None = None,
             lexicon_sha256: str | None = None, registry: dict[str, str] | None = None,
             ant_clusters: bool = False) -> dict[str, Any]:
    """Score the model files in `model_dir` on ANERcorp test, write its meta.json and return it (checked)."""
    model = ConvCrfNer.from_dir(model_dir, meta={})
    scores = {"anercorp_test": anercorp_scores(model, shared / "data" / "ner" / "anercorp" / "test.conll", shared)}
    stack = (model_dir / STACK_NAME).is_file()
    files = [*MODEL_FILES, *(n for n in EXTRA_NET_NAMES if (model_dir / n).is_file())]
    files += [STACK_NAME] if stack else []
    write_meta(model_dir, name=MODEL_NAME, version=MODEL_VERSION, labels=LABELS, files=files,
               training=training_record(shared, network, registry, stack, model.crf.reads_confidence, ant_clusters),
               lexicon_sha256=lexicon_sha256 or lexicon_hash(), scores=scores, created=created)
    return read_meta(model_dir, LABELS, MODEL_FILES)


def train(shared: Path, out: Path, rebuild_clusters: bool = False, network_tags: Path | None = None,
          registry: bool = USE_REGISTRY, stack: bool = USE_STACK, use_confidence: bool = USE_CONFIDENCE,
          network: Path | None = None, ant_clusters: bool = USE_ANT_CLUSTERS, seeds: tuple[int, ...] = NET_SEEDS,
          extra_networks: tuple[Path, ...] = ()) -> Path:
    """Train a NER model from ../shared data into the new directory `out`; return `out` (with its meta.json).

    `network_tags` keeps a network trained before (`network`, by default the shipped one) and trains
    only the gazetteer and the CRF around it: a JSON list of each train.conll sentence's
    cross-validated tags, or the `{"tags", "confidence"}` object a full run writes beside `out`
    (`<out>.network-tags.json`). `registry` adds the registry packages' names to the gazetteer;
    `stack` trains the WikiFANE CRF; `use_confidence` has the CRF read the network's confidence in
    its tags (where the network's tags come with it); `ant_clusters` builds the clusters from the ANT
    corpus as well (with `rebuild_clusters`). `seeds` trains one network per seed, read as an ensemble
    (their cross-validated tags too); with `network_tags`, `extra_networks` are the kept ensemble's others.
    """
    from marsad.ner import features
    from marsad.ner.features import CLUSTERS_NAME, read_clusters

    _check_out(out)
    out.mkdir(parents=True, exist_ok=True)
    anercorp = shared / "data" / "ner" / "anercorp"
    n = compile_anergazet(anercorp, out / ANERGAZET_NAME)
    print(f"gazetteer: {n} ANERgazet names -> {out / ANERGAZET_NAME}")
    rows = lexicon_rows()  # read once: the lexicons the model is trained with, frozen into its directory
    versions = None
    note = f"ANERgazet plus Marsad lexicons as of {dt.date.today()}"
    extra: list[tuple[str, str]] = []
    if registry:
        from marsad.ner.registry import registry_versions

        versions = registry_versions()
        extra = registry_gazetteer_rows(shared)
        named = ", ".join(f"{p} {v}" for p, v in versions.items())
        print(f"gazetteer: {len(extra)} names from {named}")
        note += f"; registry names from {named}"
    table = build_table(out / ANERGAZET_NAME, rows + extra)
    write_table(out / GAZETTEER_NAME, table, note)
    gazetteer = Gazetteer(table)
    ant_clusters = ant_clusters and (rebuild_clusters or not features.CLUSTERS_FILE.exists())
    if rebuild_clusters or not features.CLUSTERS_FILE.exists():
        from marsad.ner.clusters import build_clusters

        t0 = time.time()
        build_clusters([shared / NEWS, shared / ANT] if ant_clusters else [shared / NEWS], out / CLUSTERS_NAME,
                       VECTORS_CACHE)
        print(f"clusters built in {time.time() - t0:.0f} s")
    else:
        shutil.copyfile(features.CLUSTERS_FILE, out / CLUSTERS_NAME)
    from marsad.ner import train_neural

    sents = list(read_conll(anercorp / "train.conll"))
    t0 = time.time()
    if network_tags is not None:  # trained before (a full run, scripts/ner_gpu.py): the network and its CV tags
        kept = json.loads(network_tags.read_text())
        net_tags, net_conf = (kept["tags"], kept["confidence"]) if isinstance(kept, dict) else (kept, None)
        if [len(t) for t in net_tags] != [len(w) for w, _ in sents]:
            raise SystemExit(f"{network_tags}: tags do not match the sentences of train.conll")
        kept_nets = [network or SHIPPED_DIR / NET_NAME, *extra_networks]
        for src, name in zip(kept_nets, (NET_NAME, *EXTRA_NET_NAMES), strict=False):
            shutil.copyfile(src, out / name)
        source = "kept from the shipped model" if network is None else f"kept from {', '.join(map(str, kept_nets))}"
        network_note = f"{source}; cross-validated tags from {network_tags}"
    else:
        net_tags, net_conf = train_neural.cross_val_tags(sents, shared, NET_FOLDS, gazetteer=gazetteer, seeds=seeds)
        # kept outside the model directory: a later run can retrain the CRF alone around this network
        network_tags_of(out).write_text(json.dumps({"tags": net_tags, "confidence": net_conf}))
        for seed, name in zip(seeds, (NET_NAME, *EXTRA_NET_NAMES), strict=False):
            train_neural.fit(sents, shared, out / name, gazetteer=gazetteer, seed=seed)
        network_note = "trained by marsad.ner.train_neural" + (f", seeds {list(seeds)}" if len(seeds) > 1 else "")
        print(f"network trained in {time.time() - t0:.0f} s -> {out / NET_NAME}")
    if not use_confidence:
        net_conf = None
    t0 = time.time()
    cluster_ids = read_clusters(out / CLUSTERS_NAME)
    stack_path = None
    if stack:
        stack_path = out / STACK_NAME
        train_stack(read_wikifane(shared / WIKIFANE), stack_path, gazetteer, cluster_ids)
        print(f"stacked WikiFANE CRF trained in {time.time() - t0:.0f} s -> {stack_path}")
    stacked = stack_tags(stack_path, sents, gazetteer, cluster_ids)
    t0 = time.time()
    train_crf(sents, out / CRF_NAME, net_tags, gazetteer, cluster_ids, stacked, net_conf)
    print(f"CRF trained in {time.time() - t0:.0f} s -> {out / CRF_NAME}")
    meta = describe(out, shared, network_note, lexicon_sha256=lexicon_hash(rows), registry=versions,
                    ant_clusters=ant_clusters)
    print(f"ANERcorp test micro F1 {meta['scores']['anercorp_test']['micro']['f1']:.3f}; {out / META_FILE} written")
    return out


def main(argv: list[str]) -> int:
    """Run `make train-ner` from the command line; return the exit status."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", type=Path, default=None, help="a new directory (default build/models/ner-<time>)")
    ap.add_argument("--rebuild-clusters", action="store_true")
    ap.add_argument("--network", type=Path, default=None,
                    help="with --network-tags: the network to keep (default: the shipped one)")
    ap.add_argument("--network-tags", type=Path, default=None,
                    help="keep a trained network (--network); read its cross-validated tags from this JSON")
    ap.add_argument("--registry", action=argparse.BooleanOptionalAction, default=USE_REGISTRY,
                    help="add the registry packages' names to the gazetteer")
    ap.add_argument("--stack", action=argparse.BooleanOptionalAction, default=USE_STACK,
                    help="stack a CRF trained on WikiFANE under the main one")
    ap.add_argument("--confidence", action=argparse.BooleanOptionalAction, default=USE_CONFIDENCE,
                    help="the CRF reads the network's confidence in each tag")
    ap.add_argument("--ant-clusters", action=argparse.BooleanOptionalAction, default=USE_ANT_CLUSTERS,
                    help="with --rebuild-clusters: build the CRF's word clusters from the ANT corpus as well")
    ap.add_argument("--seeds", default=",".join(map(str, NET_SEEDS)),
                    help="one network per seed (comma-separated), read as an ensemble")
    ap.add_argument("--extra-network", type=Path, action="append", default=[],
                    help="with --network-tags: another network of the kept ensemble (repeatable)")
    ap.add_argument("--install", action="store_true", help="after success, copy the model over the shipped one")
    args = ap.parse_args(argv)
    seeds = tuple(int(x) for x in args.seeds.split(","))
    if len(seeds) > 1 + len(EXTRA_NET_NAMES) or len(args.extra_network) > len(EXTRA_NET_NAMES):
        raise SystemExit(f"at most {1 + len(EXTRA_NET_NAMES)} networks")
    out = train(Path(args.shared), args.out or default_out(), args.rebuild_clusters, args.network_tags,
                registry=args.registry, stack=args.stack, use_confidence=args.confidence, network=args.network,
                ant_clusters=args.ant_clusters, seeds=seeds, extra_networks=tuple(args.extra_network))
    if args.install:
        from marsad.ner.install import install

        print(f"installed -> {install(out)}")
    else:
        print(f"not installed: `make install-ner MODEL={out}` copies it over {SHIPPED_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
