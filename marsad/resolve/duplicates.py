"""Near-duplicate articles (syndicated copies, one wire in several outlets) with MinHash LSH."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from marsad.text.normalize import norm_char_key

NUM_PERM = 64
SHINGLE = 3
THRESHOLD = 0.5  # Jaccard of word 3-grams; a lightly edited copy scores ~0.85, distinct stories < 0.05
_WORD = re.compile(r"[\u0621-\u064A0-9]+")


def shingles(text: str) -> set[str]:
    """Return the normalised word 3-grams of a text."""
    words = _WORD.findall(norm_char_key(text))
    return {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def near_duplicate_groups(docs: Iterable[tuple[str, str]], threshold: float = THRESHOLD) -> list[list[str]]:
    """Return groups (two or more ids) of near-duplicate texts among (id, text) pairs."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sketches: dict[str, MinHash] = {}
    uf = _UnionFind()
    for doc_id, text in docs:
        sh = shingles(text)
        if len(sh) < 5:
            continue
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode("utf-8") for s in sh])
        for other in lsh.query(m):
            if sketches[other].jaccard(m) >= threshold:
                uf.union(doc_id, other)
        lsh.insert(doc_id, m)
        sketches[doc_id] = m
    groups: dict[str, list[str]] = {}
    for doc_id in sketches:
        groups.setdefault(uf.find(doc_id), []).append(doc_id)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))


UnionFind = _UnionFind


LSH_SHAPE = (14, 4)  # (bands, rows) datasketch's MinHashLSH picks for THRESHOLD and NUM_PERM (tested)


@lru_cache(maxsize=8)
def lsh_shape(threshold: float = THRESHOLD) -> tuple[int, int]:
    """Return (bands, rows per band) that datasketch's MinHashLSH picks for this threshold."""
    if threshold == THRESHOLD:
        return LSH_SHAPE
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def sketch(text: str) -> np.ndarray | None:
    """Return the MinHash values of a text, or None when it is too short to compare."""
    from datasketch import MinHash

    sh = shingles(text)
    if len(sh) < 5:
        return None
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch([s.encode("utf-8") for s in sh])
    return m.hashvalues


def band_keys(values: np.ndarray, shape: tuple[int, int]) -> list[int]:
    """Return one signed 64-bit key per LSH band of a sketch: texts sharing a key are candidates."""
    b, r = shape
    out = []
    for i in range(b):
        digest = hashlib.blake2b(values[i * r:(i + 1) * r].tobytes(), digest_size=8, person=bytes([i])).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Return the estimated Jaccard similarity of two sketches."""
    return float(np.count_nonzero(a == b)) / len(a)
