"""Build word clusters from raw news text: PPMI co-occurrence, truncated SVD, k-means.

Training-time tool (`make train-ner`); needs numpy and scipy. The result ships in the model
directory as `clusters.tsv.gz` and is read by `marsad.ner.features`. The first corpus is
SaudiNewsNet 2015-07 (whose vectors the network also reads); others (the ANT corpus, `--ant-clusters`)
may follow.
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


def _texts(jsonl: Path):
    """Yield the `text` of each article of a JSONL file (gzip when its name ends in .gz)."""
    import gzip

    with (gzip.open(jsonl, "rt", encoding="utf-8") if jsonl.suffix == ".gz" else jsonl.open(encoding="utf-8")) as fh:
        for line in fh:
            yield json.loads(line).get("text") or ""


def _sentences(corpora: list[Path]):
    from marsad.text.normalize import norm_char_key

    for jsonl in corpora:
        for text in _texts(jsonl):
            for para in re.split(r"[.!?؟\n]+", text):
                words = [norm_char_key(w) for w in _WORD.findall(para)]
                if len(words) > 2:
                    yield words


def cooccurrences(sents: list[list[str]], index: dict[str, int]):
    """Return (word rows, context columns) int64 arrays: one entry per co-occurrence within `WINDOW` words.

    Rows are `index` rows; a context is one of the `CONTEXT_SIZE` most frequent words (index
    rows below it), its column `2 * row`, plus one when it stands to the right; no pair crosses
    a sentence. Every token's row (-1: outside the index) goes into one array with -2 between
    sentences, so each offset is one vectorised pass: Python lists of the pairs of ten million
    words would not fit in memory.
    """
    import numpy as np

    ids = np.fromiter((i for s in sents for i in (*(index.get(w, -1) for w in s), -2)), dtype=np.int64)
    pos = np.arange(len(ids))
    rows, cols = [], []
    for off in (*range(-WINDOW, 0), *range(1, WINDOW + 1)):
        j = pos + off
        inside = (j >= 0) & (j < len(ids))
        a, b = pos[inside], j[inside]
        ok = (ids[a] >= 0) & (ids[b] >= 0) & (ids[b] < CONTEXT_SIZE)
        for mid in range(1, abs(off)):  # no sentence break between the two
            ok &= ids[a + mid * (1 if off > 0 else -1)] != -2
        rows.append(ids[a[ok]])
        # left and right contexts are distinct features: word order matters in Arabic
        cols.append(ids[b[ok]] * 2 + (off > 0))
    return np.concatenate(rows), np.concatenate(cols)


def word_vectors(corpora: Path | list[Path]):
    """Return (vocabulary, most frequent first; unit-length PPMI-SVD vectors as a float32 array) for the news words.

    `corpora` are JSONL files of articles, read in order as one text.
    """
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    corpora = [corpora] if isinstance(corpora, Path) else corpora
    counts: Counter[str] = Counter()
    sents = list(_sentences(corpora))
    for s in sents:
        counts.update(s)
    vocab = [w for w, c in counts.most_common(VOCAB_SIZE) if c >= MIN_COUNT]
    index = {w: i for i, w in enumerate(vocab)}
    rows_a, cols_a = cooccurrences(sents, index)
    del sents
    m = coo_matrix((np.ones(len(rows_a), dtype=np.float32), (rows_a, cols_a)),
                   shape=(len(vocab), 2 * CONTEXT_SIZE)).tocsr()
    del rows_a, cols_a
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


def build_clusters(corpora: Path | list[Path], out: Path, cache: Path | None = None) -> dict[str, tuple[int, ...]]:
    """Write `word\\tc64\\tc256\\tc1024` lines (gzip) for the most frequent words; return the map.

    `corpora` are JSONL files of news articles read as one text; `cache` keeps the vectors of a
    single corpus (`cached_word_vectors`, shared with the network's training).
    """
    import numpy as np
    from scipy.cluster.vq import kmeans2

    corpora = [corpora] if isinstance(corpora, Path) else corpora
    vocab, vecs = cached_word_vectors(corpora[0], cache) if cache and len(corpora) == 1 else word_vectors(corpora)
    labels = []
    for k in GRANULARITIES:
        # random-point seeding: k-means++ seeding is quadratic in k and takes hours at k=1024
        _, lab = kmeans2(vecs.astype(np.float64), k, iter=20, minit="points", seed=SEED)
        labels.append(lab)
    result = {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}
    out.parent.mkdir(parents=True, exist_ok=True)
    with write_gzip_text(out) as fh:
        source = " and ".join(["SaudiNewsNet 2015-07", *(p.name for p in corpora[1:])])
        fh.write(f"# word clusters from {source} (PPMI-SVD + k-means); columns: word "
                 + " ".join(f"c{k}" for k in GRANULARITIES) + "\n")
        for w, labs in result.items():
            fh.write(w + "\t" + "\t".join(map(str, labs)) + "\n")
    return result


if __name__ == "__main__":
    build_clusters([Path(a) for a in sys.argv[2:]], Path(sys.argv[1]))
