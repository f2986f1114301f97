"""Batched Viterbi decoding over per-token label scores, shared by the network and the CRF."""

from __future__ import annotations

import numpy as np


def best_paths(em: np.ndarray, lengths: list[int], trans: np.ndarray,
               start: np.ndarray | None = None, end: np.ndarray | None = None) -> list[list[int]]:
    """Return the best label index sequence of each sentence, in input order.

    `em` holds padded scores (B, T, L) (rows past a sentence's length are never read),
    `trans[i, j]` the score of label i followed by label j, `start` and `end` (optional)
    those of a sentence's first and last label. Each step adds and compares exactly as
    crfsuite's `crf1dc_viterbi` does (previous score plus transition, the first of equal
    maxima kept, then the token's score), so the same scores give the same paths.
    """
    order = np.argsort(lengths, kind="stable")
    lens = np.asarray(lengths, dtype=np.int64)[order]
    em = em[order]
    b = len(lens)
    tmax = int(lens[-1]) if b else 0
    # sorted by length: at step i the sentences longer than i are the rows from lives[i] on
    lives = np.searchsorted(lens, np.arange(tmax), side="right").tolist()
    score = em[:, 0].copy() if start is None else start[None, :] + em[:, 0]
    back = np.zeros((b, max(tmax, 1), trans.shape[0]), dtype=np.int64)
    for i in range(1, tmax):
        live = lives[i]
        cand = score[live:, :, None] + trans
        back[live:, i] = cand.argmax(axis=1)
        score[live:] = cand.max(axis=1) + em[live:, i]
    if end is not None:
        score = score + end[None, :]
    last = score.argmax(axis=1).tolist()
    out: list[list[int]] = [[] for _ in range(b)]
    for row, si in enumerate(order.tolist()):
        n = int(lens[row])
        if n == 0:
            continue
        tag = last[row]
        seq = [tag]
        trace = back[row]
        for i in range(n - 1, 0, -1):
            tag = int(trace[i, tag])
            seq.append(tag)
        seq.reverse()
        out[si] = seq
    return out
