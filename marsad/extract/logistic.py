"""Logistic regression over sparse binary features, fitted with numpy: the trainers' one learner (the event
detector's and the role model's). Training only; the shipped models apply their weights in plain Python."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def _adam(gradient: Callable[[np.ndarray], np.ndarray], n_feats: int, epochs: int, lr: float = 0.05,
          b1: float = 0.9, b2: float = 0.999) -> np.ndarray:
    """Return weights from zero after `epochs` full-batch Adam steps along `gradient(w)`."""
    w = np.zeros(n_feats)
    m1, m2 = np.zeros(n_feats), np.zeros(n_feats)
    for t in range(1, epochs + 1):
        g = gradient(w)
        m1 = b1 * m1 + (1 - b1) * g
        m2 = b2 * m2 + (1 - b2) * g * g
        w -= lr * (m1 / (1 - b1 ** t)) / (np.sqrt(m2 / (1 - b2 ** t)) + 1e-8)
    return w


def fit_logistic(rows: list[list[int]], y: np.ndarray, n_feats: int, l2: float, epochs: int = 400,
                 balanced: bool = True) -> np.ndarray:
    """Return logistic-regression weights over sparse binary features (`rows`: the feature indices of each
    instance) fitted by full-batch Adam with an L2 penalty; with `balanced`, the two classes weighted to equal
    total weight (gold positives are rare)."""
    pos = max(1.0, float(y.sum()))
    cw = np.where(y > 0, (len(y) - pos) / pos, 1.0) if balanced else np.ones(len(y))
    cw = cw * len(y) / cw.sum()
    inst = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
    idx = np.concatenate([np.asarray(r, dtype=np.int64) for r in rows]) if rows else np.zeros(0, np.int64)

    def gradient(w: np.ndarray) -> np.ndarray:
        z = np.bincount(inst, weights=w[idx], minlength=len(rows))
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return np.bincount(idx, weights=(cw * (p - y))[inst], minlength=n_feats) / len(rows) + l2 * w / len(rows)

    return _adam(gradient, n_feats, epochs)


def predict(rows: list[list[int]], w: np.ndarray) -> np.ndarray:
    """Return the probability of each instance (its feature indices) under weights `w`."""
    z = np.array([w[r].sum() if r else 0.0 for r in rows])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def index_features(feats: list[list[str]]) -> dict[str, int]:
    """Return an index for each feature name, in order of first appearance."""
    vocab: dict[str, int] = {}
    for f in feats:
        for name in f:
            vocab.setdefault(name, len(vocab))
    return vocab


def fit_choice(options: list[list[list[int]]], chosen: list[list[int]], n_feats: int, l2: float,
               epochs: int = 300) -> np.ndarray:
    """Return conditional-logit weights: each instance is a set of options (the feature indices of each) of
    which one is picked with probability softmax(w · features); `chosen` lists the options that are right
    (any of them will do; every instance needs one), and the fit maximises the probability of picking a right
    one, with an L2 penalty, by full-batch Adam."""
    sizes = np.array([len(o) for o in options])
    group = np.repeat(np.arange(len(options)), sizes)
    flat = [f for o in options for f in o]
    opt = np.repeat(np.arange(len(flat)), [len(f) for f in flat])
    idx = np.concatenate([np.asarray(f, dtype=np.int64) for f in flat if f] or [np.zeros(0, np.int64)])
    right = np.zeros(len(flat))
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    for g, picks in enumerate(chosen):
        right[offsets[g] + np.asarray(picks, dtype=np.int64)] = 1.0

    def gradient(w: np.ndarray) -> np.ndarray:
        z = np.bincount(opt, weights=w[idx], minlength=len(flat))
        z = z - np.maximum.reduceat(z, offsets)[group]
        e = np.exp(z)
        p = e / np.add.reduceat(e, offsets)[group]  # probability of each option within its instance
        q = p * right
        q = q / np.add.reduceat(q, offsets)[group]  # the right options' share of their probability
        return np.bincount(idx, weights=(p - q)[opt], minlength=n_feats) / len(options) + l2 * w / len(options)

    return _adam(gradient, n_feats, epochs)


def choice_probabilities(options: list[list[int]], w: np.ndarray) -> np.ndarray:
    """Return the probability of picking each option (its feature indices) of one instance under weights `w`."""
    z = np.array([w[f].sum() if f else 0.0 for f in options])
    e = np.exp(z - z.max())
    return e / e.sum()
