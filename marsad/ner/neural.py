"""A small convolutional tagger with a CRF output layer, run in numpy (no torch at run time).

Each token is represented by a news-trained word vector (frozen, shipped int8), a character
CNN over its letters, and dense lexicon/shape indicators; three residual 1-D convolutions over
the sentence (dilations 1, 2, 1: nine tokens of context) give per-tag scores, and Viterbi with
learnt transitions picks the tag sequence. `marsad.ner.train_neural` trains it with torch and
writes the weights this module reads; both use `encode` so features match exactly.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from marsad.ner.features import lookup_bare, word_shape
from marsad.ner.gazetteer import MODEL_DIR, match_spans
from marsad.ner.letters import ARTICLE, BARE_CLITICS
from marsad.ner.viterbi import best_paths

NET_NAME = "ner-net.npz"
NET_FILE = MODEL_DIR / NET_NAME
# optional: networks trained alike with other seeds, read with the first as one (`NetworkEnsemble`)
EXTRA_NET_NAMES = ("ner-net-2.npz", "ner-net-3.npz")
TAGS = ("O", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
MAX_CHARS = 16  # longer words keep their first and last 8 letters: prefixes and suffixes carry the signal
CHAR_PAD, CHAR_UNK, CHAR_BOW, CHAR_EOW = 0, 1, 2, 3
DILATIONS = (1, 2, 1)
CACHE_WORDS = 100_000  # distinct words with cached input rows (80 MB); about one in twelve tokens misses
N_WORD_FLAGS = 8  # has a vector, has one after a clitic, 4 shapes, «ال», clitic + «ال»
LexSpans = list[tuple[int, int, frozenset[str]]]


@dataclass
class Vocab:
    """The lookup tables shared by training and inference."""

    words: dict[str, int]  # word key → row of the word-vector table (row 0: unknown)
    chars: dict[str, int]  # character → char id (0 pad, 1 unknown, 2/3 word boundaries)
    lex_classes: tuple[str, ...]  # gazetteer classes, in the order of the dense indicator columns
    train_words: dict[str, int]  # word key → row of the learnt embedding table (row 0: rare or unseen)

    @property
    def n_dense(self) -> int:
        return 2 * len(self.lex_classes) + N_WORD_FLAGS


def word_features(k: str, vocab: Vocab) -> tuple[int, int, list[int], list[float]]:
    """Return a word's (vector row, learnt-embedding row, char ids, word-level indicators).

    Everything here depends on the word alone, so inference computes it once per distinct word.
    """
    flags = [0.0] * N_WORD_FLAGS
    wid = lookup_bare(vocab.words, k) or 0
    exact = k in vocab.words
    flags[0] = 1.0 if exact else 0.0
    flags[1] = 1.0 if wid and not exact else 0.0
    tid = lookup_bare(vocab.train_words, k) or 0
    flags[2 + "DLPA".index(word_shape(k))] = 1.0
    if k.startswith(ARTICLE):
        flags[6] = 1.0
    elif len(k) > 3 and k[0] in BARE_CLITICS and k[1:3] == ARTICLE:
        flags[7] = 1.0
    letters = k if len(k) <= MAX_CHARS else k[:MAX_CHARS // 2] + k[-MAX_CHARS // 2:]
    chars = [CHAR_BOW, *(vocab.chars.get(ch, CHAR_UNK) for ch in letters), CHAR_EOW]
    return wid, tid, chars, flags


def lexicon_indicators(sentences: list[list[str]], vocab: Vocab,
                       lexicon_spans: list[LexSpans | None] | None = None) -> np.ndarray:
    """Return (B, T, 2 * classes) begin/inside indicators of gazetteer phrases for padded sentences."""
    t = max((len(s) for s in sentences), default=0) or 1
    n_lex = len(vocab.lex_classes)
    lex_col = {c: i for i, c in enumerate(vocab.lex_classes)}
    out = np.zeros((len(sentences), t, 2 * n_lex), dtype=np.float32)
    for si, keys in enumerate(sentences):
        spans = lexicon_spans[si] if lexicon_spans is not None and lexicon_spans[si] is not None \
            else match_spans(keys)
        for start, end, classes in spans:
            for c in classes:
                col = lex_col.get(c)
                if col is not None:
                    out[si, start, col] = 1.0
                    out[si, start + 1:end, n_lex + col] = 1.0
    return out


def encode(sentences: list[list[str]], vocab: Vocab,
           lexicon_spans: list[LexSpans | None] | None = None) -> tuple[np.ndarray, ...]:
    """Return padded (word ids, train-word ids, char ids, dense indicators, mask) arrays for a batch.

    Shapes: (B, T), (B, T), (B, T, C), (B, T, n_dense), (B, T) with C the longest word's
    char count; `sentences` hold `norm_char_key` words. Dense columns are the lexicon
    indicators then the word-level ones. `lexicon_spans` (one `match_spans` result per
    sentence) are computed here when not given.
    """
    b = len(sentences)
    t = max((len(s) for s in sentences), default=0) or 1
    feats = [[word_features(k, vocab) for k in keys] for keys in sentences]
    width = max((len(f[2]) for fs in feats for f in fs), default=2)
    words = np.zeros((b, t), dtype=np.int64)
    twords = np.zeros((b, t), dtype=np.int64)
    chars = np.zeros((b, t, width), dtype=np.int64)
    flags = np.zeros((b, t, N_WORD_FLAGS), dtype=np.float32)
    mask = np.zeros((b, t), dtype=np.float32)
    for si, fs in enumerate(feats):
        mask[si, :len(fs)] = 1.0
        for ti, (wid, tid, cs, fl) in enumerate(fs):
            words[si, ti], twords[si, ti] = wid, tid
            chars[si, ti, :len(cs)] = cs
            flags[si, ti] = fl
    dense = np.concatenate([lexicon_indicators(sentences, vocab, lexicon_spans), flags], axis=2)
    return words, twords, chars, dense, mask


def dequantise_vectors(q: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Return float32 word vectors from int8 rows and per-row scales, with a zero row 0 for unknown words."""
    return np.vstack([np.zeros((1, q.shape[1]), np.float32), q.astype(np.float32) * scale[:, None]])


def _dense(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Return x @ w over the last axis as one 2-D BLAS product (3-D matmul falls off BLAS)."""
    return (np.ascontiguousarray(x).reshape(-1, x.shape[-1]) @ w).reshape(*x.shape[:-1], w.shape[1])


def _conv(x: np.ndarray, w: np.ndarray, b: np.ndarray, dilation: int) -> np.ndarray:
    """1-D convolution over axis 1 with 'same' zero padding; `w` is (in, 3 * out), taps side by side.

    One product for all three taps, then each position adds its neighbours' tap outputs:
    token i gets tap 0 of token i - dilation and tap 2 of token i + dilation (zero past the edges).
    """
    t, o = x.shape[1], w.shape[1] // 3
    y = _dense(x, w)
    out = y[:, :, o:2 * o] + b
    if t > dilation:
        out[:, dilation:] += y[:, :t - dilation, :o]
        out[:, :t - dilation] += y[:, dilation:, 2 * o:]
    return out


class CrfDecoder:
    """Tagging from per-token tag scores under learnt transition scores: Viterbi, marginals, batching.

    A subclass supplies `p` (with "p.trans", "p.start", "p.end") and `_batch_emissions`.
    """

    p: dict[str, np.ndarray]

    def _batch_emissions(self, batch: list[list[str]], spans: list[LexSpans | None] | None) -> np.ndarray:
        """Return padded tag scores (B, T, len(TAGS)) for a batch of key sequences."""
        raise NotImplementedError

    def viterbi(self, em: np.ndarray, lengths: list[int]) -> list[list[str]]:
        """Return the best tag sequence of each sentence under the learnt transition scores."""
        paths = best_paths(em, lengths, self.p["p.trans"], self.p["p.start"], self.p["p.end"])
        return [[TAGS[j] for j in path] for path in paths]

    def marginals(self, em: np.ndarray, lengths: list[int]) -> np.ndarray:
        """Return each token's posterior tag probabilities (B, T, len(TAGS)) under the network's CRF.

        Scaled forward-backward on exponentiated scores (each step renormalised, each token's
        emissions shifted by their maximum, constants that cancel in the posteriors): small
        matrix products instead of log-sum-exps. Rows past a sentence's length are zero.
        """
        b, t, k = em.shape
        t = max(t, 1)
        lens = np.asarray(lengths)
        trans = np.exp(self.p["p.trans"] - self.p["p.trans"].max())
        e = np.exp(em - em.max(axis=2, keepdims=True))
        live = (np.arange(t)[None, :] < lens[:, None])[:, :, None]
        e = np.where(live, e, 1.0)  # padding carries the state through unchanged (see below)
        alpha = np.empty((b, t, k), dtype=np.float32)
        a = np.exp(self.p["p.start"] - self.p["p.start"].max())[None, :] * e[:, 0]
        alpha[:, 0] = a / a.sum(axis=1, keepdims=True)
        for i in range(1, t):
            a = (alpha[:, i - 1] @ trans) * e[:, i]
            a = np.where(live[:, i], a, alpha[:, i - 1])
            alpha[:, i] = a / a.sum(axis=1, keepdims=True)
        beta = np.empty_like(alpha)
        end = np.exp(self.p["p.end"] - self.p["p.end"].max()).astype(np.float32)
        beta[:, t - 1] = end
        for i in range(t - 2, -1, -1):
            nb = (beta[:, i + 1] * e[:, i + 1]) @ trans.T
            # past a sentence's end the backward state stays `end` until its last token
            nb = np.where(live[:, i + 1], nb, end[None, :])
            beta[:, i] = nb / nb.sum(axis=1, keepdims=True)
        p = alpha * beta
        p /= p.sum(axis=2, keepdims=True)
        p *= live
        return p

    def tag(self, sentences: list[list[str]], lexicon_spans: list[LexSpans | None] | None = None,
            batch_tokens: int = 4000) -> list[list[str]]:
        """Return BIO tags for each key sequence, batching sentences of similar length."""
        return self._tag(sentences, lexicon_spans, batch_tokens, False)[0]

    def tag_with_confidence(self, sentences: list[list[str]], lexicon_spans: list[LexSpans | None] | None = None,
                            batch_tokens: int = 4000) -> tuple[list[list[str]], list[list[float]]]:
        """Return `tag`'s BIO tags and, per sentence, the posterior probability of each token's tag."""
        tags, conf = self._tag(sentences, lexicon_spans, batch_tokens, True)
        return tags, conf

    def _tag(self, sentences: list[list[str]], lexicon_spans: list[LexSpans | None] | None,
             batch_tokens: int, confidence: bool) -> tuple[list[list[str]], list[list[float]]]:
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out: list[list[str]] = [[] for _ in sentences]
        conf: list[list[float]] = [[] for _ in sentences]
        tag_index = {t: j for j, t in enumerate(TAGS)}
        i = 0
        while i < len(order):
            j = i
            while j < len(order) and (j - i + 1) * len(sentences[order[j]]) <= batch_tokens:
                j += 1
            j = max(j, i + 1)
            idx = order[i:j]
            batch = [sentences[k] for k in idx]
            spans = [lexicon_spans[k] for k in idx] if lexicon_spans is not None else None
            lengths = [len(s) for s in batch]
            em = self._batch_emissions(batch, spans)
            tags = self.viterbi(em, lengths)
            marg = self.marginals(em, lengths) if confidence else None
            for r, (k, tg) in enumerate(zip(idx, tags, strict=True)):
                out[k] = tg
                if marg is not None:
                    conf[k] = marg[r, np.arange(len(tg)), [tag_index[t] for t in tg]].tolist()
            i = j
        return out, conf


class NeuralTagger(CrfDecoder):
    """The numpy forward pass of a trained network."""

    def __init__(self, path: Path) -> None:
        z = np.load(path, allow_pickle=False)
        words = [str(w) for w in z["vocab_words"]]
        chars = [str(c) for c in z["vocab_chars"]]
        self.vocab = Vocab({w: i + 1 for i, w in enumerate(words)},
                           {c: i + 4 for i, c in enumerate(chars)},
                           tuple(str(c) for c in z["lex_classes"]),
                           {w: i + 1 for i, w in enumerate(str(w) for w in z["vocab_train_words"])})
        self.wvec = dequantise_vectors(z["wvec_q"], z["wvec_scale"])
        self.p = {}
        for k in z.files:
            if not k.startswith("p."):
                continue
            a = z[k].astype(np.float32)
            if a.ndim == 3:  # torch Conv1d (out, in, width) → (in, width * out)
                a = np.concatenate([a[:, :, j].T for j in range(a.shape[2])], axis=1)
            elif a.ndim == 2 and k.endswith(".weight") and "emb" not in k:  # torch Linear (out, in) → (in, out)
                a = a.T
            self.p[k] = np.ascontiguousarray(a)
        # input-layer rows: [word vector, learnt embedding, char CNN | lexicon | word flags]
        w = self.p["p.inp.weight"]
        n_lex = 2 * len(self.vocab.lex_classes)
        per_word = w.shape[0] - n_lex - N_WORD_FLAGS
        self._w_word = np.ascontiguousarray(np.vstack([w[:per_word], w[per_word + n_lex:]]))
        self._w_lex = np.ascontiguousarray(w[per_word:per_word + n_lex])
        self._cache: dict[str, int] = {}  # word key → its row of `_table`
        self._table = np.zeros((CACHE_WORDS, self._w_word.shape[1]), dtype=np.float32)
        # `_cache` and `_table` are shared by every thread tagging with this network: one thread's
        # eviction or new rows must not land between another's lookup and its gather
        self._lock = threading.Lock()

    def _char_cnn(self, chars: np.ndarray) -> np.ndarray:
        """Return max-pooled character CNN features (N, filters) for (N, C) char ids."""
        p = self.p
        ce = p["p.char_emb.weight"][chars]
        co = np.maximum(_conv(ce, p["p.char_conv.weight"], p["p.char_conv.bias"], 1), 0.0)
        return np.where((chars > 0)[:, :, None], co, -1e4).max(axis=1)

    def _encode_tokens(self, h0: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Return tag scores from the input layer's pre-activations (B, T, hidden)."""
        p = self.p
        m = mask[:, :, None]
        h = np.maximum(h0, 0.0)
        h *= m
        for i, d in enumerate(DILATIONS):
            c = _conv(h, p[f"p.convs.{i}.weight"], p[f"p.convs.{i}.bias"], d)
            np.maximum(c, 0.0, out=c)
            c += h
            c *= m
            h = c
        return _dense(h, p["p.out.weight"]) + p["p.out.bias"]

    def emissions(self, words: np.ndarray, twords: np.ndarray, chars: np.ndarray, dense: np.ndarray,
                  mask: np.ndarray) -> np.ndarray:
        """Return per-token tag scores (B, T, len(TAGS)) for `encode`d input.

        The plain forward pass, without the per-word cache of `tag`; the reference it must equal.
        """
        p = self.p
        b, t, nc = chars.shape
        co = self._char_cnn(chars.reshape(b * t, nc)).reshape(b, t, -1)
        x = np.concatenate([self.wvec[words], p["p.temb.weight"][twords], co, dense], axis=2)
        return self._encode_tokens(_dense(x, p["p.inp.weight"]) + p["p.inp.bias"], mask)

    def _word_part(self, keys: list[str]) -> np.ndarray:
        """Return each word's share of the input layer (a pure function of the word, cached by row)."""
        capacity = min(CACHE_WORDS, len(self._table))
        if len(keys) > capacity:
            return np.concatenate([self._word_part(keys[i:i + capacity]) for i in range(0, len(keys), capacity)])
        with self._lock:
            rows = self._cache
            if len(rows) + len(keys) > capacity:
                rows.clear()  # before looking up: every key asked for must be present when rows are gathered
            missing = [k for k in dict.fromkeys(keys) if k not in rows]
            if missing:
                first = len(rows)
                self._table[first:first + len(missing)] = self._word_rows(missing)
                rows.update(zip(missing, range(first, first + len(missing)), strict=True))
            return self._table[[rows[k] for k in keys]]

    def _word_rows(self, keys: list[str]) -> np.ndarray:
        """Return the input-layer share (N, hidden) of each word, computed afresh (a pure function)."""
        feats = [word_features(k, self.vocab) for k in keys]
        chars = np.zeros((len(feats), max(len(f[2]) for f in feats)), dtype=np.int64)
        for i, f in enumerate(feats):
            chars[i, :len(f[2])] = f[2]
        x = np.concatenate([self.wvec[[f[0] for f in feats]], self.p["p.temb.weight"][[f[1] for f in feats]],
                            self._char_cnn(chars), np.array([f[3] for f in feats], dtype=np.float32)], axis=1)
        return x @ self._w_word

    def _batch_emissions(self, batch: list[list[str]], spans: list[LexSpans | None] | None) -> np.ndarray:
        """Return padded tag scores (B, T, len(TAGS)) for a batch, computed on the sentences packed end to end.

        Padding a batch to its longest sentence about doubles the rows the convolutions multiply;
        packing leaves `max(DILATIONS)` zero rows between sentences instead, which is exact
        because every layer zeroes the rows outside sentences and no tap reaches past the gap.
        """
        lengths = [len(s) for s in batch]
        t = max(lengths, default=0) or 1
        gap = max(DILATIONS)
        sent = np.repeat(np.arange(len(batch)), lengths)
        pos = np.concatenate([np.arange(n) for n in lengths]) if sent.size else np.zeros(0, dtype=np.int64)
        packed_at = pos + np.repeat(np.cumsum([0, *lengths[:-1]]) + gap * np.arange(len(batch)), lengths)
        size = int(packed_at[-1]) + 1 if sent.size else 1
        h0 = np.zeros((1, size, self._w_word.shape[1]), dtype=np.float32)
        mask = np.zeros((1, size), dtype=np.float32)
        if sent.size:
            lex = lexicon_indicators(batch, self.vocab, spans)[sent, pos]
            h0[0, packed_at] = self._word_part([k for s in batch for k in s]) + lex @ self._w_lex
            mask[0, packed_at] = 1.0
        h0 += self.p["p.inp.bias"]
        em_packed = self._encode_tokens(h0, mask)
        em = np.zeros((len(batch), t, em_packed.shape[2]), dtype=np.float32)
        em[sent, pos] = em_packed[0, packed_at]
        return em

class NetworkEnsemble(CrfDecoder):
    """Networks trained alike with different seeds, read as one tagger.

    Their tag scores and transition scores are averaged (a product of their distributions),
    so tagging costs one forward pass per network and a single Viterbi.
    """

    def __init__(self, members: list[NeuralTagger]) -> None:
        self.members = members
        self.vocab = members[0].vocab
        self.p = {k: np.mean([m.p[k] for m in members], axis=0) for k in ("p.trans", "p.start", "p.end")}

    def _batch_emissions(self, batch: list[list[str]], spans: list[LexSpans | None] | None) -> np.ndarray:
        """Return the members' padded tag scores for a batch, averaged."""
        return np.mean([m._batch_emissions(batch, spans) for m in self.members], axis=0)


def load_networks(paths: list[Path]) -> CrfDecoder:
    """Return the network in `paths`, or the ensemble of them when there are several."""
    nets = [NeuralTagger(p) for p in paths]
    return nets[0] if len(nets) == 1 else NetworkEnsemble(nets)


@lru_cache(maxsize=1)
def neural_tagger(path: str = str(NET_FILE)) -> NeuralTagger | None:
    """Return the shipped network, loaded once (None when it is not installed)."""
    return NeuralTagger(Path(path)) if Path(path).exists() else None
