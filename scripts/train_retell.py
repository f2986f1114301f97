"""Train the retelling model (`marsad.extract.retell_model`) on the gold rows of eval/roles-dev (every set there).

    python scripts/train_retell.py --shared ../shared [--out DIR] [--folds 5]

Every article of the gold sets is analysed without the model; each output event is labelled as `scripts/roles_dev.py`
scores it: the true gold row it matches, the true row it tells again (a duplicate), or neither (a non-event or an
unlisted output). Each pair of events of one type in one article that `may_retell` allows, the earlier and a
later one, is an instance:
positive when both stand for the same true row, negative when they stand for different ones (pairs with a
non-event are left out). Regularisation and the merge threshold are chosen by cross-validation over articles,
replaying the folding as the pipeline does it (each later event folded into the likeliest earlier kept one above
the threshold) and scoring outputs that are wrong and go (duplicates, non-events) against true events lost, a
lost true event counted LOST_COST times. The model is refit on every pair and written with a meta.json recording
the data, the choice and the cross-validated figures (default: the shipped directory, marsad/models/retell-model/).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import roles_dev as rd  # noqa: E402
import train_roles as tr  # noqa: E402

from marsad.extract.logistic import fit_logistic, index_features, predict  # noqa: E402
from marsad.extract.pipeline import PipelineConfig, get_pipeline  # noqa: E402
from marsad.extract.retell_model import FORMAT, SHIPPED_DIR, PairReader, may_retell  # noqa: E402
from marsad.extract.weights_dir import write_weights_dir  # noqa: E402

L2_GRID = (1.0, 3.0, 10.0)
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)
LOST_COST = 3.0  # a true event folded away costs three times what a wrong output folded away gains
MIN_WEIGHT = 0.01
SEED = 17


def labelled_articles(shared: Path) -> tuple[list[tuple[str, list[tuple[str, int | None]], list]], dict]:
    """Return, for each gold article, its id, the label of each output event («true»/«dup» with its gold row, or
    «no») and the pair instances (earlier index, later index, features), and the description of the data."""
    ids, golds, files = tr.load_all()
    records = rd.load_articles(shared, ids)
    pipe = get_pipeline(PipelineConfig().with_settings(retell_model=False))
    m = pipe.resources.morphology
    out = []
    for i in ids:
        rec = records[i]
        doc = pipe(rec["text"], {k: rec.get(k) for k in rd.META_KEYS})
        rows = [g for g in golds if g.doc == i]
        outs = rd.output_events(doc)
        pairs = rd.match(rows, outs)
        retold = rd.retold_rows(rows, outs)
        labels: list[tuple[str, int | None]] = []
        for oi in range(len(outs)):
            if oi in pairs:
                labels.append(("true", pairs[oi]) if rows[pairs[oi]].event else ("no", None))
            else:
                labels.append(("dup", retold[oi]) if oi in retold else ("no", None))
        reader = PairReader(m, doc, doc.events)
        inst = [(a, b, reader.features(a, b)) for b in range(len(doc.events)) for a in range(b)
                if may_retell(doc.events[a], doc.events[b])]
        out.append((i, labels, inst))
    return out, {"articles": len(ids), "gold_rows": len(golds), "files": files}


def _label(labels: list[tuple[str, int | None]], a: int, b: int) -> int | None:
    (ka, ra), (kb, rb) = labels[a], labels[b]
    if ka == "no" or kb == "no":
        return None
    return int(ra == rb)


def _fit(arts: list, l2: float) -> dict[str, float]:
    rows, ys = [], []
    for _, labels, inst in arts:
        for a, b, f in inst:
            y = _label(labels, a, b)
            if y is not None:
                rows.append(f)
                ys.append(y)
    vocab = index_features(rows)
    w = fit_logistic([[vocab[n] for n in f] for f in rows], np.array(ys, dtype=float), len(vocab), l2,
                     balanced=False)
    return {n: float(w[k]) for n, k in vocab.items()}


def _probabilities(weights: dict[str, float], inst: list) -> list[float]:
    vocab = {n: k for k, n in enumerate(weights)}
    w = np.array(list(weights.values()))
    return list(predict([[vocab[n] for n in f if n in vocab] for _, _, f in inst], w))


def replay(labels: list[tuple[str, int | None]], inst: list, probs: list[float], threshold: float) -> Counter:
    """Return what folding one article at `threshold` does, as the pipeline folds: each later event into the
    likeliest earlier kept event of its type above the threshold."""
    by_later: dict[int, list[tuple[float, int]]] = {}
    for (a, b, _), p in zip(inst, probs, strict=True):
        by_later.setdefault(b, []).append((p, a))
    removed: set[int] = set()
    c: Counter = Counter()
    for b in range(len(labels)):
        cands = [(p, a) for p, a in by_later.get(b, []) if a not in removed]
        if not cands or max(cands)[0] <= threshold:
            continue
        removed.add(b)
        a = max(cands)[1]
        kind = labels[b][0]
        if kind == "true":
            # folded into an output of its own row, the row stays matched
            c["true_kept_by_its_retelling" if labels[a][1] == labels[b][1] else "true_lost"] += 1
        else:
            c["duplicates_folded" if kind == "dup" else "non_events_folded"] += 1
    return c


def cross_validate(arts: list, folds: int, l2: float) -> list[list[float]]:
    """Return each article's pair probabilities from a model fitted without its fold."""
    order = np.random.default_rng(SEED).permutation(len(arts))
    fold_of = {int(k): n % folds for n, k in enumerate(order)}
    probs: list[list[float]] = [[] for _ in arts]
    for k in range(folds):
        weights = _fit([a for n, a in enumerate(arts) if fold_of[n] != k], l2)
        for n, (_, _, inst) in enumerate(arts):
            if fold_of[n] == k:
                probs[n] = _probabilities(weights, inst)
    return probs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=SHIPPED_DIR)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    arts, data = labelled_articles(args.shared)
    outputs = Counter(kind for _, labels, _ in arts for kind, _ in labels)
    print(f"outputs without the model: {dict(outputs)}")
    best = None
    for l2 in L2_GRID:
        probs = cross_validate(arts, args.folds, l2)
        for threshold in THRESHOLDS:
            c = sum((replay(labels, inst, p, threshold) for (_, labels, inst), p in zip(arts, probs, strict=True)),
                    Counter())
            gain = c["duplicates_folded"] + c["non_events_folded"] - LOST_COST * c["true_lost"]
            print(f"l2={l2} threshold={threshold}: {dict(c)} gain {gain}")
            if best is None or gain > best[0]:
                best = (gain, l2, threshold, dict(c))
    _, l2, threshold, cv = best
    print(f"chosen: l2={l2} threshold={threshold}: {cv}")
    weights = {n: round(w, 4) for n, w in _fit(arts, l2).items() if abs(w) >= MIN_WEIGHT}
    pairs = [_label(labels, a, b) for _, labels, inst in arts for a, b, _ in inst]
    meta = {"format": FORMAT, "threshold": threshold, "l2": l2, "folds": args.folds, "lost_cost": LOST_COST,
            "training_data": {"dir": "eval/roles-dev", **data, "outputs": dict(outputs),
                              "pairs": sum(1 for y in pairs if y is not None),
                              "positive_pairs": sum(1 for y in pairs if y)},
            "scores": {"cross_validated": cv}, "trainer": "scripts/train_retell.py"}
    write_weights_dir(args.out, meta, weights)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
