"""Token features for the CRF tagger: word form, affixes, lexicon matches, word clusters, context."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from marsad.ner.gazetteer import MODEL_DIR, match_spans
from marsad.ner.letters import ARTICLE, ARTICLE_CLITICS, BARE_CLITICS, PROCLITICS
from marsad.text.normalize import norm_char_key

CLUSTERS_NAME = "clusters.tsv.gz"
CLUSTERS_FILE = MODEL_DIR / CLUSTERS_NAME
Clusters = dict[str, tuple[str, ...]]


def read_clusters(path: Path) -> Clusters:
    """Return the word → (c64, c256, c1024) cluster ids of a clusters file (empty if absent)."""
    if not path.exists():
        return {}
    out: Clusters = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            out[parts[0]] = tuple(parts[1:])
    return out


@lru_cache(maxsize=1)
def clusters() -> Clusters:
    """Return the shipped model's word → (c64, c256, c1024) cluster ids built from news text (empty if absent)."""
    return read_clusters(CLUSTERS_FILE)


def lookup_bare(table: dict, key: str):
    """Return `table[key]`, else the entry for `key` without one proclitic (و ف ب ل), else None."""
    hit = table.get(key)
    if not hit:
        bare = _bare(key)
        if bare is not key:
            hit = table.get(bare)
    return hit


def word_shape(w: str) -> str:
    """Return the word's shape: D digits, L Latin letters, P punctuation only, A anything else."""
    if w.isdigit():
        return "D"
    if w.isascii() and w.isalpha():
        return "L"
    if not any(c.isalnum() for c in w):
        return "P"
    return "A"


_SHARED_WITH_NEIGHBOURS = ("c1=", "c0=", "al", "sh=")  # word features a neighbour also sees
_NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)
WORD_CACHE_SIZE = 1 << 15  # distinct words whose features are kept (each holds ~30 strings)
WordFeatures = tuple[tuple[str, ...], dict[int, tuple[str, ...]]]
NEIGHBOUR_PAD = {off: (f"{off}w=<pad>",) for off in _NEIGHBOUR_OFFSETS}  # what a missing neighbour gives


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_features(k: str) -> WordFeatures:
    """Return `word_features_with` the shipped clusters, cached per distinct word."""
    return word_features_with(k, clusters())


def word_features_with(k: str, cluster_ids: Clusters) -> WordFeatures:
    """Return a word key's own CRF features and, per neighbour offset, what it gives a token there.

    Everything here depends on the word alone (form, affixes, shape, clusters), so it is
    computed once per distinct word; sentence-dependent features (lexicon phrases, the
    network's tag, document hints) are added by `sentence_features`.
    """
    f = [f"w={k}", f"sh={word_shape(k)}", f"p2={k[:2]}", f"p3={k[:3]}", f"s1={k[-1:]}", f"s2={k[-2:]}",
         f"s3={k[-3:]}", f"len={min(len(k), 8)}"]
    if k.startswith(ARTICLE):
        f.append("al")
        f.append(f"st={k[2:]}")
    elif len(k) > 3 and k[0] in ARTICLE_CLITICS and k[1:3] == ARTICLE:
        f.append("cl+al")
        f.append(f"st={k[3:]}")
    elif len(k) > 3 and k[0] in PROCLITICS:
        f.append(f"st?={k[1:]}")
    cl = lookup_bare(cluster_ids, k)
    if cl:
        f.extend(f"c{j}={c}" for j, c in enumerate(cl))
    else:
        f.append("c=none")
    shared = [x for x in f if x.startswith(_SHARED_WITH_NEIGHBOURS)]
    around = {off: (f"{off}w={k}", *(f"{off}{x}" for x in shared if abs(off) == 1)) for off in _NEIGHBOUR_OFFSETS}
    return tuple(f), around


def sentence_features(words: list[str], keys: list[str] | None = None,
                      lexicon_spans: list[tuple[int, int, frozenset[str]]] | None = None,
                      hints: list[list[str]] | None = None,
                      neural: list[str] | None = None,
                      word_part: Callable[[str], WordFeatures] = word_features,
                      stacked: list[str] | None = None,
                      bigrams: frozenset[str] | None = None) -> list[list[str]]:
    """Return the CRF feature strings of each token of one sentence.

    `keys` (normalised words) and `lexicon_spans` (from `match_spans`) may be passed in when
    the caller has them already; `hints` are per-token document-level features (`document_hints`);
    `neural` are the convolutional network's tags for the sentence (`marsad.ner.neural`);
    `word_part` gives a word's share (`word_features`, or a tagger's subset of it); `stacked` are a
    second tagger's tags for the sentence (the one trained on WikiFANE, `marsad.ner.tagger.STACK_NAME`);
    `bigrams`, when given, are the only word-pair features sent (a tagger's weighted ones: nine in ten are not).
    """
    keys = keys if keys is not None else [norm_char_key(w) for w in words]
    n = len(keys)
    positional = positional_features(n, lexicon_spans if lexicon_spans is not None else match_spans(keys),
                                     hints, neural, stacked)
    per_word = [word_part(k) for k in keys]
    # what token j shows the token after it (`left[j + 1]`) and the one before it (`right[j]`):
    # its word's share plus all its sentence-dependent features (g=, nn=, nl=: every one is
    # shared with the neighbours), each built once, not once per reader
    left: list[tuple[str, ...]] = [NEIGHBOUR_PAD[-1]]
    right: list[tuple[str, ...]] = []
    for j in range(n):
        around, pos = per_word[j][1], positional[j]
        if pos:
            left.append((*around[-1], *["-1" + x for x in pos]))
            right.append((*around[1], *["1" + x for x in pos]))
        else:
            left.append(around[-1])
            right.append(around[1])
    right.append(NEIGHBOUR_PAD[1])
    out: list[list[str]] = []
    for i in range(n):
        f = [*per_word[i][0], *positional[i],
             *(per_word[i - 2][1][-2] if i >= 2 else NEIGHBOUR_PAD[-2]),
             *(per_word[i + 2][1][2] if i + 2 < n else NEIGHBOUR_PAD[2]),
             *left[i], *right[i + 1]]
        if i:
            pair = f"bi={keys[i - 1]}|{keys[i]}"
            if bigrams is None or pair in bigrams:
                f.append(pair)
        if i + 1 < n:
            pair = f"bi+={keys[i]}|{keys[i + 1]}"
            if bigrams is None or pair in bigrams:
                f.append(pair)
        out.append(f)
    return out


def positional_features(n: int, lexicon_spans: list[tuple[int, int, frozenset[str]]],
                        hints: list[list[str]] | None = None, neural: list[str] | None = None,
                        stacked: list[str] | None = None) -> list[list[str]]:
    """Return, per token of a sentence of `n`, the CRF features that depend on the sentence, not the word.

    Lexicon phrases (g=B-/g=I-, each once), the network's tag (nn=), the stacked tagger's (wf=) and
    the document hints, in the order `sentence_features` sends them.
    """
    positional: list[list[str]] = [[] for _ in range(n)]
    for start, end, classes in lexicon_spans:
        for c in classes:
            positional[start].append(f"g=B-{c}")
            for j in range(start + 1, end):
                positional[j].append(f"g=I-{c}")
    for i in range(n):
        pos = positional[i]
        if len(pos) > 1:
            positional[i] = pos = list(dict.fromkeys(pos))
        if neural is not None:
            pos.append("nn=" + neural[i])
        if stacked is not None:
            pos.append("wf=" + stacked[i])
        if hints is not None and hints[i]:
            pos.extend(hints[i])
    return positional


def _bare(key: str) -> str:
    if len(key) > 3 and key[0] in BARE_CLITICS:
        return key[1:]
    return key


def document_hints(sent_keys: list[list[str]], sent_tags: list[list[str]],
                   window: int | None = None) -> list[list[list[str]]]:
    """Return per-token features saying how the same word was tagged in the document's other sentences.

    A first-pass tagging of every sentence is the input; `window` limits «other sentences» to that
    many before and after (None: the whole document). Non-local evidence of this kind lets a name
    tagged confidently in one sentence be recognised where its context is weak.
    """
    seen: dict[str, list[tuple[int, str]]] = {}
    for si, (keys, tags) in enumerate(zip(sent_keys, sent_tags, strict=True)):
        for k, t in zip(keys, tags, strict=True):
            if t != "O" and len(k) > 1:
                seen.setdefault(_bare(k), []).append((si, t[2:]))
    out: list[list[list[str]]] = []
    for si, keys in enumerate(sent_keys):
        per_sent: list[list[str]] = []
        for k in keys:
            hits = seen.get(_bare(k)) if len(k) > 1 else None
            if hits:
                types = {t for s, t in hits if s != si and (window is None or abs(s - si) <= window)}
                per_sent.append([f"nl={t}" for t in sorted(types)])
            else:
                per_sent.append([])
        out.append(per_sent)
    return out


# how sure the network is of its tag (its CRF's posterior probability of that tag at the token),
# in three bins; the CRF reads it with the tag ("nc=B-PERS|lo"), so a hesitant network tag can be
# overruled where a confident one is trusted. Measured on the dev tail of train.conll: +0.003 alone,
# nothing on top of the registry names, so off by default (`marsad.ner.train.USE_CONFIDENCE`)
CONFIDENCE_BINS = ((0.7, "lo"), (0.95, "mid"))
CONFIDENT = "hi"
CONFIDENCE_PREFIX = "nc="


def add_confidence(hints: list[list[list[str]]], sent_tags: list[list[str]],
                   confidence: list[list[float]]) -> list[list[list[str]]]:
    """Return the document hints with each token's network tag and its confidence bin appended.

    `confidence` holds, per sentence, the network's probability of each token's tag
    (`NeuralTagger.tag_with_confidence`); the result goes to `sentence_features` as its hints.
    """
    out = []
    for sent_hints, tags, conf in zip(hints, sent_tags, confidence, strict=True):
        row = []
        for h, tag, c in zip(sent_hints, tags, conf, strict=True):
            band = next((name for limit, name in CONFIDENCE_BINS if c < limit), CONFIDENT)
            row.append([*h, f"{CONFIDENCE_PREFIX}{tag}|{band}"])
        out.append(row)
    return out

