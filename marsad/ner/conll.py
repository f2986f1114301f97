"""CoNLL reading and entity-level scoring (exact span and type, conlleval style)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path


def read_conll(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Yield (tokens, tags) per sentence; a missing tag column gives 'O' tags."""
    tokens: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if tokens:
                yield tokens, tags
            tokens, tags = [], []
            continue
        tokens.append(parts[0])
        tags.append(parts[1] if len(parts) > 1 else "O")
    if tokens:
        yield tokens, tags


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Return the (start, end, type) entity spans of a BIO tag sequence (I- without B- starts one)."""
    out = set()
    start, typ = None, None
    for i, t in enumerate([*tags, "O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.add((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, dict[str, float]]:
    """Return per-type and micro precision, recall and F1 of predicted tag sequences."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = spans(g), spans(p)
        for s in ps & gs:
            tp[s[2]] += 1
        for s in ps - gs:
            fp[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1
    out = {}
    for t in sorted(set(tp) | set(fp) | set(fn)) + ["micro"]:
        a, b, c = (sum(x.values()) for x in (tp, fp, fn)) if t == "micro" else (tp[t], fp[t], fn[t])
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        out[t] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n": a + c}
    return out
