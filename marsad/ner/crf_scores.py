"""A trained CRF's tagging in numpy, from feature ids: the same scores and paths as crfsuite, fewer strings.

crfsuite adds, for each token, the weight row of each of its attributes in the order they are sent,
starting from zero, then runs Viterbi over the sums. `CrfScorer` does the same additions in the same
order (so the float64 sums are equal bit for bit, and the paths equal), but a word's own features are
summed once per distinct word and its neighbours' features are looked up as ids, not built as strings.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from marsad.ner.crfsuite_file import CrfWeights
from marsad.ner.features import (
    NEIGHBOUR_PAD,
    WORD_CACHE_SIZE,
    Clusters,
    positional_features,
    word_features_with,
)
from marsad.ner.gazetteer import LexSpans
from marsad.ner.viterbi import best_paths

POSITIONAL_CACHE = 4096  # distinct sentence-level feature strings (lexicon classes, tags, hints): a few hundred
Ids = tuple[int, ...]
WordIds = tuple[np.ndarray, Ids, Ids, Ids, Ids]  # own sum; what it gives a token at -2, -1, +1, +2


class CrfScorer:
    """Tags sentences with a CRF's weights (`read_weights`) as crfsuite would; safe to share between threads."""

    def __init__(self, weights: CrfWeights, cluster_ids: Clusters) -> None:
        self.weights, self.clusters = weights, cluster_ids
        self.word = lru_cache(maxsize=WORD_CACHE_SIZE)(self._word)
        self.positional = lru_cache(maxsize=POSITIONAL_CACHE)(self._positional)
        self._pad = {off: self._ids(fs) for off, fs in NEIGHBOUR_PAD.items()}
        # the first keys of the weighted word pairs: a pair string is built only after one of them
        self._pair_firsts = {p: frozenset(f for a in weights.attrs if a.startswith(p) for f in _firsts(a[len(p):]))
                             for p in ("bi=", "bi+=")}

    def _ids(self, feats: tuple[str, ...] | list[str]) -> Ids:
        get = self.weights.attrs.get
        return tuple(i for i in map(get, feats) if i is not None)

    def _word(self, key: str) -> WordIds:
        """Return a word's own features summed as crfsuite sums them, and the ids it gives its neighbours."""
        own, around = word_features_with(key, self.clusters)
        ids = self._ids(own)
        if ids:  # a running sum from the first row on (accumulate adds in order; a sum may pair terms)
            total = np.add.accumulate(self.weights.state[list(ids)], axis=0)[-1]
        else:
            total = np.zeros(self.weights.state.shape[1], dtype=np.float64)
        return total, self._ids(around[-2]), self._ids(around[-1]), self._ids(around[1]), self._ids(around[2])

    def _positional(self, feat: str) -> tuple[Ids, Ids, Ids]:
        """Return the ids of a sentence-level feature at its token, at the next token and at the previous one."""
        return self._ids((feat,)), self._ids(("-1" + feat,)), self._ids(("1" + feat,))

    def tag_sentences(self, keys: list[list[str]], spans: list[LexSpans],
                      hints: list[list[list[str]]] | None = None, neural: list[list[str]] | None = None,
                      stacked: list[list[str] | None] | None = None) -> list[list[str]]:
        """Return the BIO tags of each sentence: what crfsuite gives for `sentence_features` of the same input."""
        own_rows: list[np.ndarray] = []
        flat: list[int] = []
        per_token: list[int] = []
        lengths = [len(k) for k in keys if k]
        for si, ks in enumerate(keys):
            if ks:
                self._sentence_ids(ks, spans[si], hints[si] if hints is not None else None,
                                   neural[si] if neural is not None else None,
                                   stacked[si] if stacked is not None else None, own_rows, flat, per_token)
        if not own_rows:
            return [[] for _ in keys]
        scores = np.array(own_rows)
        counts = np.asarray(per_token)
        ids = np.full((len(counts), int(counts.max())), self.weights.zero, dtype=np.int64)
        ids[np.repeat(np.arange(len(counts)), counts),
            np.arange(len(flat)) - np.repeat(np.cumsum(counts) - counts, counts)] = flat
        state = self.weights.state
        for k in range(ids.shape[1]):  # in the order sent: float sums depend on it
            scores += state[ids[:, k]]
        em = np.zeros((len(lengths), max(lengths), scores.shape[1]), dtype=np.float64)
        sent = np.repeat(np.arange(len(lengths)), lengths)
        em[sent, np.arange(len(sent)) - np.repeat(np.cumsum(lengths) - lengths, lengths)] = scores
        names = self.weights.labels
        paths = iter(best_paths(em, lengths, self.weights.trans))
        return [[names[j] for j in next(paths)] if ks else [] for ks in keys]

    def _sentence_ids(self, keys: list[str], spans: LexSpans, hints: list[list[str]] | None,
                      neural: list[str] | None, stacked: list[str] | None,
                      own_rows: list[np.ndarray], flat: list[int], per_token: list[int]) -> None:
        """Append each token's own sum, and the ids of the rest of its features in `sentence_features`' order."""
        n = len(keys)
        positional = self.positional
        here: list[Ids] = []
        before: list[Ids] = []  # what the token shows the next one («-1…»)
        after: list[Ids] = []  # what it shows the previous one («1…»)
        for feats in positional_features(n, spans, hints, neural, stacked):
            h: Ids = ()
            b: Ids = ()
            a: Ids = ()
            for f in feats:
                fh, fb, fa = positional(f)
                h, b, a = h + fh, b + fb, a + fa
            here.append(h)
            before.append(b)
            after.append(a)
        words = [self.word(k) for k in keys]
        pad = self._pad
        bi_firsts, bip_firsts = self._pair_firsts["bi="], self._pair_firsts["bi+="]
        attrs = self.weights.attrs
        for i in range(n):
            own_rows.append(words[i][0])
            ids = [*here[i], *(words[i - 2][1] if i >= 2 else pad[-2]), *(words[i + 2][4] if i + 2 < n else pad[2])]
            if i:
                ids += words[i - 1][2]
                ids += before[i - 1]
            else:
                ids += pad[-1]
            if i + 1 < n:
                ids += words[i + 1][3]
                ids += after[i + 1]
            else:
                ids += pad[1]
            if i and keys[i - 1] in bi_firsts:
                pair = attrs.get(f"bi={keys[i - 1]}|{keys[i]}")
                if pair is not None:
                    ids.append(pair)
            if i + 1 < n and keys[i] in bip_firsts:
                pair = attrs.get(f"bi+={keys[i]}|{keys[i + 1]}")
                if pair is not None:
                    ids.append(pair)
            flat.extend(ids)
            per_token.append(len(ids))


def _firsts(pair: str) -> list[str]:
    """Return every possible first key of a «first|second» pair (keys may hold «|» themselves)."""
    return [pair[:i] for i, c in enumerate(pair) if c == "|"]
