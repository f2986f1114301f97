"""Build word clusters from raw news text: PPMI co-occurrence, truncated SVD, k-means.

Training-time tool (`make train-ner`); needs numpy and scipy. The result ships as
`marsad/models/clusters.tsv.gz` and is read by `marsad.ner.features`.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from marsad.ner.gazetteer import write_gzip_text

VOCAB_SIZE = 60000
CONTEXT_SIZE = 20000
WINDOW = 2
MIN_COUNT = 5
DIM = 100
GRANULARITIES = (64, 256, 1024)
SEED = 13
_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+|[0-9]+")


def _sentences(jsonl: Path):
    from marsad.text.normalize import norm_char_key

    with jsonl.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            for para in re.split(r"[.!?؟\n]+", text):
                words = [norm_char_key(w) for w in _WORD.findall(para)]
                if len(words) > 2:
                    yield words


def word_vectors(jsonl: Path):
    """Return (vocabulary, unit-length PPMI-SVD vectors as a float32 array) for the news words."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    counts: Counter[str] = Counter()
    sents = list(_sentences(jsonl))
    for s in sents:
        counts.update(s)
    vocab = [w for w, c in counts.most_common(VOCAB_SIZE) if c >= MIN_COUNT]
    index = {w: i for i, w in enumerate(vocab)}
    ctx_index = {w: i for i, w in enumerate(vocab[:CONTEXT_SIZE])}
    rows, cols = [], []
    for s in sents:
        ids = [index.get(w, -1) for w in s]
        cids = [ctx_index.get(w, -1) for w in s]
        n = len(s)
        for i, wi in enumerate(ids):
            if wi < 0:
                continue
            for off in range(-WINDOW, WINDOW + 1):
                j = i + off
                if off == 0 or j < 0 or j >= n or cids[j] < 0:
                    continue
                rows.append(wi)
                # left and right contexts are distinct features: word order matters in Arabic
                cols.append(cids[j] * 2 + (off > 0))
    del sents
    m = coo_matrix((np.ones(len(rows), dtype=np.float32), (np.array(rows), np.array(cols))),
                   shape=(len(vocab), 2 * CONTEXT_SIZE)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_sums = np.asarray(m.sum(axis=1)).ravel()
    col_sums = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_sums = col_sums / col_sums.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (row_sums[m.row] * col_sums[m.col] + 1e-9) + 1e-12)
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape).tocsr()
    u, s, _ = svds(ppmi, k=DIM, random_state=SEED)
    vecs = u * np.sqrt(s)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    return vocab, vecs.astype(np.float32)


def cached_word_vectors(jsonl: Path, cache: Path):
    """Return `word_vectors(jsonl)`, computed once and kept in `cache` (an .npz) for later runs."""
    import numpy as np

    if cache.exists():
        z = np.load(cache)
        return [str(w) for w in z["vocab"]], z["vecs"]
    vocab, vecs = word_vectors(jsonl)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, vocab=np.array(vocab), vecs=vecs)
    return vocab, vecs


def build_clusters(jsonl: Path, out: Path, cache: Path | None = None) -> dict[str, tuple[int, ...]]:
    """Write `word\\tc64\\tc256\\tc1024` lines (gzip) for the most frequent words; return the map."""
    import numpy as np
    from scipy.cluster.vq import kmeans2

    vocab, vecs = cached_word_vectors(jsonl, cache) if cache else word_vectors(jsonl)
    labels = []
    for k in GRANULARITIES:
        # random-point seeding: k-means++ seeding is quadratic in k and takes hours at k=1024
        _, lab = kmeans2(vecs.astype(np.float64), k, iter=20, minit="points", seed=SEED)
        labels.append(lab)
    result = {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}
    out.parent.mkdir(parents=True, exist_ok=True)
    with write_gzip_text(out) as fh:
        fh.write("# word clusters from SaudiNewsNet 2015-07 (PPMI-SVD + k-means); columns: word "
                 + " ".join(f"c{k}" for k in GRANULARITIES) + "\n")
        for w, labs in result.items():
            fh.write(w + "\t" + "\t".join(map(str, labs)) + "\n")
    return result


if __name__ == "__main__":
    build_clusters(Path(sys.argv[1]), Path(sys.argv[2]))
