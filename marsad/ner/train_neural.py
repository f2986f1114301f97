"""Train the convolutional CRF tagger of `marsad.ner.neural` with torch on the CPU; write its weights.

Training-time tool (`make train-ner`, extra `train`): torch is never needed to run Marsad.
Word vectors come from the news text (`clusters.word_vectors`); the network trains on
ANERcorp `train.conll` only, reading the gazetteer it is given (the model directory's frozen
one in `make train-ner`; the live lexicons by default). `--dev` holds out the contiguous last sixth of it and reports
F1 there after each epoch instead of writing the shipped model.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from marsad.ner.conll import read_conll, score
from marsad.ner.gazetteer import Gazetteer
from marsad.ner.neural import (
    CHAR_BOW,
    CHAR_EOW,
    DILATIONS,
    TAGS,
    NeuralTagger,
    Vocab,
    dequantise_vectors,
    encode,
)
from marsad.ner.registry import network_classes

SEED = 13
EPOCHS = 30
BATCH_TOKENS = 1000
LR = 2e-3
WORD_DROPOUT = 0.1
TRAIN_WORD_DROPOUT = 0.25  # unseen words are common in news: the net must not lean on memory alone
CHAR_DIM, CHAR_FILTERS, HIDDEN = 32, 64, 200
TRAIN_WORD_DIM = 50
TRAIN_WORD_MIN_COUNT = 2
VOCAB_KEEP = 40000  # most frequent news words shipped with vectors


def _build_module(vocab: Vocab, wvec: np.ndarray):
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.wvec = nn.Embedding.from_pretrained(torch.from_numpy(wvec), freeze=True)
            self.temb = nn.Embedding(len(vocab.train_words) + 1, TRAIN_WORD_DIM, padding_idx=0)
            self.char_emb = nn.Embedding(len(vocab.chars) + 4, CHAR_DIM, padding_idx=0)
            self.char_conv = nn.Conv1d(CHAR_DIM, CHAR_FILTERS, 3, padding=1)
            self.inp = nn.Linear(wvec.shape[1] + TRAIN_WORD_DIM + CHAR_FILTERS + vocab.n_dense, HIDDEN)
            self.convs = nn.ModuleList(nn.Conv1d(HIDDEN, HIDDEN, 3, padding=d, dilation=d) for d in DILATIONS)
            self.out = nn.Linear(HIDDEN, len(TAGS))
            k = len(TAGS)
            self.trans = nn.Parameter(torch.zeros(k, k))
            self.start = nn.Parameter(torch.zeros(k))
            self.end = nn.Parameter(torch.zeros(k))
            self.drop_in, self.drop = nn.Dropout(0.5), nn.Dropout(0.3)

        def forward(self, words, twords, chars, dense, mask):
            b, t, nc = chars.shape
            c = chars.view(b * t, nc)
            ce = self.char_emb(c).transpose(1, 2)
            co = torch.relu(self.char_conv(ce)).transpose(1, 2)
            co = co.masked_fill(~(c > 0)[:, :, None], -1e4).max(dim=1).values.view(b, t, -1)
            x = self.drop_in(torch.cat([self.wvec(words), self.temb(twords), co, dense], dim=2))
            m = mask[:, :, None]
            h = torch.relu(self.inp(x)) * m
            for conv in self.convs:
                h = (h + self.drop(torch.relu(conv(h.transpose(1, 2)).transpose(1, 2)))) * m
            return self.out(h)

        def nll(self, em, tags, mask):
            b, t, _ = em.shape
            valid = mask > 0
            idx = torch.arange(b, device=em.device)
            gold = self.start[tags[:, 0]] + em[idx, 0, tags[:, 0]]
            alpha = self.start[None, :] + em[:, 0]
            for i in range(1, t):
                step = self.trans[tags[:, i - 1], tags[:, i]] + em[idx, i, tags[:, i]]
                gold = gold + step * mask[:, i]
                new = torch.logsumexp(alpha[:, :, None] + self.trans[None], dim=1) + em[:, i]
                alpha = torch.where(valid[:, i, None], new, alpha)
            last = tags[idx, valid.sum(1) - 1]
            gold = gold + self.end[last]
            log_z = torch.logsumexp(alpha + self.end[None, :], dim=1)
            return (log_z - gold).sum() / mask.sum()

    return Net()


def _device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _batches(sents: list[list[str]], rng: random.Random, batch_tokens: int = BATCH_TOKENS) -> list[list[int]]:
    order = sorted(range(len(sents)), key=lambda i: (len(sents[i]), rng.random()))
    out, cur = [], []
    for i in order:
        if cur and (len(cur) + 1) * len(sents[i]) > batch_tokens:
            out.append(cur)
            cur = []
        cur.append(i)
    if cur:
        out.append(cur)
    return out


def _gazetteer(gazetteer: Gazetteer | None) -> Gazetteer:
    """Return the given gazetteer, or the live one."""
    from marsad.ner.gazetteer import live_gazetteer

    return gazetteer if gazetteer is not None else live_gazetteer()


def _vocab_and_vectors(shared: Path, train_keys: list[list[str]],
                       gazetteer: Gazetteer | None = None) -> tuple[Vocab, np.ndarray, np.ndarray]:
    from marsad.ner.clusters import cached_word_vectors
    from marsad.ner.train import VECTORS_CACHE

    words, vecs = cached_word_vectors(shared / "data" / "news" / "saudinewsnet-2015-07.jsonl", VECTORS_CACHE)
    words, vecs = words[:VOCAB_KEEP], vecs[:VOCAB_KEEP]
    # int8 with a per-row scale: what ships is what trains
    scale = np.abs(vecs).max(axis=1) / 127.0 + 1e-12
    q = np.round(vecs / scale[:, None]).astype(np.int8)
    char_counts: Counter[str] = Counter(ch for s in train_keys for k in s for ch in k)
    char_counts.update(ch for w in words for ch in w)
    chars = sorted(ch for ch, n in char_counts.items() if n >= 2)
    classes = network_classes(_gazetteer(gazetteer).classes)  # the registry's classes are the CRF's alone
    word_counts = Counter(k for s in train_keys for k in s)
    train_words = sorted(w for w, n in word_counts.items() if n >= TRAIN_WORD_MIN_COUNT)
    vocab = Vocab({w: i + 1 for i, w in enumerate(words)}, {c: i + 4 for i, c in enumerate(chars)}, classes,
                  {w: i + 1 for i, w in enumerate(train_words)})
    return vocab, q, scale.astype(np.float32)


def save(net, vocab: Vocab, q: np.ndarray, scale: np.ndarray, path: Path) -> None:
    """Write the network's weights and lookup tables as a compressed .npz `NeuralTagger` reads."""
    arrays = {f"p.{k}": v.detach().cpu().numpy().astype(np.float32)
              for k, v in net.state_dict().items() if not k.startswith("wvec")}
    words = sorted(vocab.words, key=vocab.words.get)
    chars = sorted(vocab.chars, key=vocab.chars.get)
    train_words = sorted(vocab.train_words, key=vocab.train_words.get)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, vocab_words=np.array(words), vocab_chars=np.array(chars),
                        vocab_train_words=np.array(train_words),
                        lex_classes=np.array(vocab.lex_classes), wvec_q=q, wvec_scale=scale, **arrays)


def fit(sents: list[tuple[list[str], list[str]]], shared: Path, out: Path, epochs: int = EPOCHS,
        dev_sents: list[tuple[list[str], list[str]]] | None = None, log=print,
        init: dict | None = None, gazetteer: Gazetteer | None = None, seed: int = SEED) -> Path:
    """Train a network on `sents` (words, tags), write it to `out` and return `out`.

    With `dev_sents`, every third epoch is scored on them and logged. `init` is a state dict
    (e.g. a pretrained encoder) loaded before training where its names and shapes match.
    Trains on the GPU when torch sees one, else on the CPU; `seed` sets the initial weights and
    the batch order (networks of several seeds make an ensemble, `neural.NetworkEnsemble`).
    """
    import torch

    from marsad.text.normalize import norm_char_key

    torch.manual_seed(seed)
    device = _device()
    rng = random.Random(seed)
    gaz = _gazetteer(gazetteer)
    keys = [[norm_char_key(w) for w in words] for words, _ in sents]
    vocab, q, scale = _vocab_and_vectors(shared, keys, gaz)
    wvec = dequantise_vectors(q, scale)
    spans = [gaz.match(k) for k in keys]
    tag_ids = {t: i for i, t in enumerate(TAGS)}
    ys = [[tag_ids[t] for t in tags] for _, tags in sents]
    encoded = []
    for b in _batches(keys, rng):
        arrays = encode([keys[i] for i in b], vocab, [spans[i] for i in b])
        y = np.zeros(arrays[-1].shape, dtype=np.int64)
        for r, i in enumerate(b):
            y[r, :len(ys[i])] = ys[i]
        encoded.append(tuple(torch.from_numpy(a).to(device) for a in (*arrays, y)))
    net = _build_module(vocab, wvec)
    if init:
        own = net.state_dict()
        net.load_state_dict({k: v for k, v in init.items() if k in own and own[k].shape == v.shape}, strict=False)
    net.to(device)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=LR)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=epochs * len(encoded))
    for epoch in range(1, epochs + 1):
        t0 = time.time()
        net.train()
        rng.shuffle(encoded)
        total = 0.0
        for w, tw, c, d, m, y in encoded:
            w = w.masked_fill(torch.rand(w.shape, device=device) < WORD_DROPOUT, 0)
            tw = tw.masked_fill(torch.rand(tw.shape, device=device) < TRAIN_WORD_DROPOUT, 0)
            loss = net.nll(net(w, tw, c, d, m), y, m)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            sched.step()
            total += float(loss.detach())
        line = f"epoch {epoch:2d} loss {total / len(encoded):.4f} {time.time() - t0:.0f}s"
        if dev_sents and (epoch % 3 == 0 or epoch == epochs):
            net.eval()
            save(net, vocab, q, scale, out)
            res = score([t for _, t in dev_sents], tag_words(out, [w for w, _ in dev_sents], gaz))
            line += "  dev " + " ".join(f"{k} {v['f1']:.3f}" for k, v in res.items())
        log(line)
    net.eval()
    save(net, vocab, q, scale, out)
    return out


def pretrain_masked_words(sentences: list[list[str]], shared: Path, train_keys: list[list[str]],
                          seconds: float = 240.0, mask_rate: float = 0.15, workers: int = 8,
                          log=print, gazetteer: Gazetteer | None = None) -> dict:
    """Pretrain the network's encoder on unlabelled sentences of word keys; return its state dict.

    Masked-word prediction: 15% of the words lose their vector, embedding, letters and
    indicators, and the encoder must name them (among the vectored news words) from the nine
    words around them. `train_keys` are the labelled sentences, so the vocabulary matches
    what `fit` builds from them. Trains for `seconds` of wall time.
    """
    import torch
    from torch import nn

    torch.manual_seed(SEED)
    device = _device()
    rng = random.Random(SEED)
    gaz = _gazetteer(gazetteer)
    vocab, q, scale = _vocab_and_vectors(shared, train_keys, gaz)
    wvec = dequantise_vectors(q, scale)
    net = _build_module(vocab, wvec)
    net.out = nn.Linear(HIDDEN, len(vocab.words) + 1)
    net.to(device)
    batches = _batches(sentences, rng, 8000)
    rng.shuffle(batches)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=1e-3)
    t0, step, total = time.time(), 0, 0.0
    global _POOL_VOCAB, _POOL_GAZ
    _POOL_VOCAB, _POOL_GAZ = vocab, gaz
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        stream = pool.imap(_encode_keys, ([sentences[i] for i in b] for b in batches * 100), chunksize=4)
        while time.time() - t0 < seconds:
            w, tw, c, d, m = (torch.from_numpy(a).to(device) for a in next(stream))
            total += _masked_word_step(net, opt, w, tw, c, d, m, mask_rate)
            step += 1
            if step % 200 == 0:
                log(f"pretrain step {step} ({step * 100 // len(batches)}% of an epoch) loss {total / 200:.3f} "
                    f"{time.time() - t0:.0f}s")
                total = 0.0
        pool.terminate()
    # the learnt word embedding is left out: `fit` builds its rows from its own training sentences
    return {k: v.detach().cpu() for k, v in net.state_dict().items() if not k.startswith(("out.", "wvec", "temb."))}


_POOL_VOCAB: Vocab | None = None  # what forked pretraining workers encode with
_POOL_GAZ: Gazetteer | None = None


def _encode_keys(keys: list[list[str]]) -> tuple[np.ndarray, ...]:
    assert _POOL_VOCAB is not None and _POOL_GAZ is not None
    return encode(keys, _POOL_VOCAB, [_POOL_GAZ.match(k) for k in keys])


def _masked_word_step(net, opt, w, tw, c, d, m, mask_rate: float) -> float:
    """One optimiser step of masked-word prediction; return its loss."""
    import torch
    from torch import nn

    target = w.clone()
    hide = (torch.rand(w.shape, device=w.device) < mask_rate) & (m > 0)
    target[~hide] = 0
    w, tw, d = w.masked_fill(hide, 0), tw.masked_fill(hide, 0), d.masked_fill(hide[:, :, None], 0.0)
    c = c.masked_fill(hide[:, :, None], 0)
    c[:, :, 0] = torch.where(hide, CHAR_BOW, c[:, :, 0])
    c[:, :, 1] = torch.where(hide, CHAR_EOW, c[:, :, 1])
    logits = net(w, tw, c, d, m)
    loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=0)
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
    opt.step()
    return float(loss.detach())


def tag_words(path: Path, sentences: list[list[str]], gazetteer: Gazetteer | None = None) -> list[list[str]]:
    """Return the tags the network saved at `path` gives each sentence of words."""
    return tag_words_with_confidence(path, sentences, gazetteer)[0]


def tag_words_with_confidence(path: Path, sentences: list[list[str]],
                              gazetteer: Gazetteer | None = None) -> tuple[list[list[str]], list[list[float]]]:
    """Return the network's tags for each sentence of words and the posterior probability of each tag."""
    from marsad.text.normalize import norm_char_key

    gaz = _gazetteer(gazetteer)
    keys = [[norm_char_key(w) for w in s] for s in sentences]
    return NeuralTagger(path).tag_with_confidence(keys, [gaz.match(k) for k in keys])


def cross_val_tags(sents: list[tuple[list[str], list[str]]], shared: Path, folds: int,
                   epochs: int = EPOCHS, gazetteer: Gazetteer | None = None,
                   seeds: tuple[int, ...] = (SEED,)) -> tuple[list[list[str]], list[list[float]]]:
    """Return each sentence's tags from networks trained without its (contiguous) fold, and their confidence.

    These are the honest network outputs the CRF learns to weigh: tags on its own training
    data would be near perfect and teach the CRF to trust the network blindly. The confidence
    is the network's posterior probability of each tag (`NeuralTagger.tag_with_confidence`).
    With several `seeds`, each fold trains one network per seed and tags with their ensemble,
    as the model will at run time.
    """
    import tempfile

    from marsad.ner.neural import load_networks
    from marsad.ner.train import contiguous_folds
    from marsad.text.normalize import norm_char_key

    gaz = _gazetteer(gazetteer)
    out: list[list[str]] = [[] for _ in sents]
    conf: list[list[float]] = [[] for _ in sents]
    with tempfile.TemporaryDirectory() as tmp:
        for f, held in enumerate(contiguous_folds(len(sents), folds)):
            held_set = set(held)
            kept = [s for i, s in enumerate(sents) if i not in held_set]
            paths = [fit(kept, shared, Path(tmp) / f"fold{f}-{seed}.npz", epochs, log=lambda _: None,
                         gazetteer=gazetteer, seed=seed) for seed in seeds]
            keys = [[norm_char_key(w) for w in sents[i][0]] for i in held]
            tags, probs = load_networks(paths).tag_with_confidence(keys, [gaz.match(k) for k in keys])
            for i, t, p in zip(held, tags, probs, strict=True):
                out[i], conf[i] = t, p
            print(f"network fold {f + 1}/{folds} done", flush=True)
    return out, conf


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", default="build/ner/ner-net.npz", help="never the shipped model's file")
    ap.add_argument("--dev", action="store_true")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    args = ap.parse_args(argv)
    sents = list(read_conll(Path(args.shared) / "data" / "ner" / "anercorp" / "train.conll"))
    cut = len(sents) * 5 // 6 if args.dev else len(sents)
    fit(sents[:cut], Path(args.shared), Path(args.out), args.epochs, sents[cut:] or None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
