"""The numpy network tagger: exact agreement of its fast path with the plain forward pass."""

from __future__ import annotations

import numpy as np
import pytest

from marsad.ner.neural import DILATIONS, N_WORD_FLAGS, NET_FILE, TAGS, NeuralTagger, encode
from marsad.text.normalize import norm_char_key

SENTENCES = [
    "وقال وزير الخارجية الفرنسي جان إيف لودريان في باريس إن الاتحاد الأوروبي سيدعم الحكومة",
    "التقى الرئيس المصري بنظيره التونسي",
    "أعلنت شركة أرامكو السعودية",
    "و",
    "استقبل الأمين العام لجامعة الدول العربية وفدا من وزارة الداخلية الليبية في القاهرة أمس الثلاثاء",
]


def _keys() -> list[list[str]]:
    return [[norm_char_key(w) for w in s.split()] for s in SENTENCES]


@pytest.fixture(scope="module")
def random_net(tmp_path_factory) -> NeuralTagger:
    """A network with random weights and the shipped file layout (what `train_neural.save` writes)."""
    return _random_net(tmp_path_factory.mktemp("net") / "net.npz", 0)


def _random_net(path, seed: int) -> NeuralTagger:
    rng = np.random.default_rng(seed)
    words = ["وزير", "الخارجيه", "الرئيس", "باريس", "القاهره", "شركه"]
    chars = sorted({c for s in SENTENCES for c in norm_char_key(s) if not c.isspace()})
    classes = ["CTRY", "PER", "TTL-min"]
    hidden, n_char, filters, dim, tdim = 12, 6, 5, 7, 3
    n_in = dim + tdim + filters + 2 * len(classes) + N_WORD_FLAGS
    k = len(TAGS)
    arrays = {
        "p.temb.weight": rng.normal(size=(3, tdim)),
        "p.char_emb.weight": rng.normal(size=(len(chars) + 4, n_char)),
        "p.char_conv.weight": rng.normal(size=(filters, n_char, 3)), "p.char_conv.bias": rng.normal(size=filters),
        "p.inp.weight": rng.normal(size=(hidden, n_in)), "p.inp.bias": rng.normal(size=hidden),
        "p.out.weight": rng.normal(size=(k, hidden)), "p.out.bias": rng.normal(size=k),
        "p.trans": rng.normal(size=(k, k)), "p.start": rng.normal(size=k), "p.end": rng.normal(size=k),
    }
    arrays["p.char_emb.weight"][0] = 0.0  # the padding character, as torch's padding_idx keeps it
    for i in range(len(DILATIONS)):
        arrays[f"p.convs.{i}.weight"] = rng.normal(size=(hidden, hidden, 3)) * 0.3
        arrays[f"p.convs.{i}.bias"] = rng.normal(size=hidden)
    np.savez(path, vocab_words=np.array(words), vocab_chars=np.array(chars),
             vocab_train_words=np.array(["وزير", "في"]), lex_classes=np.array(classes),
             wvec_q=rng.integers(-127, 128, size=(len(words), dim)).astype(np.int8),
             wvec_scale=np.full(len(words), 0.01, dtype=np.float32), **arrays)
    return NeuralTagger(path)


def test_cached_fast_path_equals_plain_forward_pass(random_net):
    keys = _keys()
    plain = random_net.emissions(*encode(keys, random_net.vocab))
    fast = random_net._batch_emissions(keys, None)
    assert plain.shape == fast.shape == (len(keys), max(map(len, keys)), len(TAGS))
    mask = encode(keys, random_net.vocab)[-1] > 0
    assert np.allclose(plain[mask], fast[mask], atol=1e-4)


def test_tags_do_not_depend_on_batching(random_net):
    keys = _keys()
    together = random_net.tag(keys, batch_tokens=10_000)
    alone = [random_net.tag([k])[0] for k in keys]
    assert together == alone
    assert [len(t) for t in together] == [len(k) for k in keys]
    assert all(t in TAGS for s in together for t in s)


def test_viterbi_finds_the_best_path_by_brute_force(random_net):
    import itertools

    rng = np.random.default_rng(1)
    em = rng.normal(size=(2, 4, len(TAGS))).astype(np.float32)
    trans, start, end = (random_net.p[k] for k in ("p.trans", "p.start", "p.end"))
    best = random_net.viterbi(em, [4, 3])
    for si, n in enumerate((4, 3)):
        def path_score(path, si=si, n=n):
            s = start[path[0]] + em[si, 0, path[0]] + end[path[-1]]
            return s + sum(trans[path[i - 1], path[i]] + em[si, i, path[i]] for i in range(1, n))
        top = max(itertools.product(range(len(TAGS)), repeat=n), key=path_score)
        assert best[si] == [TAGS[j] for j in top]


def test_marginals_equal_the_brute_force_posteriors(random_net):
    import itertools

    rng = np.random.default_rng(2)
    em = (rng.normal(size=(2, 4, len(TAGS))) * 3).astype(np.float32)
    trans, start, end = (random_net.p[k] for k in ("p.trans", "p.start", "p.end"))
    got = random_net.marginals(em, [4, 3])
    for si, n in enumerate((4, 3)):
        want = np.zeros((n, len(TAGS)))
        for path in itertools.product(range(len(TAGS)), repeat=n):
            s = start[path[0]] + em[si, 0, path[0]] + end[path[-1]]
            s += sum(trans[path[i - 1], path[i]] + em[si, i, path[i]] for i in range(1, n))
            for i, j in enumerate(path):
                want[i, j] += np.exp(s)
        assert np.allclose(got[si, :n], want / want.sum(axis=1, keepdims=True), atol=1e-5)
        assert not got[si, n:].any()  # padding holds no probability


def test_confidence_is_the_probability_of_each_viterbi_tag(random_net):
    keys = _keys()
    tags, conf = random_net.tag_with_confidence(keys, batch_tokens=10_000)
    assert tags == random_net.tag(keys)
    assert [len(c) for c in conf] == [len(k) for k in keys]
    assert all(0.0 < c <= 1.0 + 1e-6 for cs in conf for c in cs)
    em = random_net._batch_emissions(keys[:1], None)
    marg = random_net.marginals(em, [len(keys[0])])[0]
    assert np.allclose(conf[0], [marg[i, TAGS.index(t)] for i, t in enumerate(tags[0])], atol=1e-6)
    assert random_net.tag_with_confidence([keys[1]])[1][0] == pytest.approx(conf[1], abs=1e-6)


def test_an_ensemble_tags_with_its_members_scores_averaged(random_net, tmp_path):
    from marsad.ner.neural import NetworkEnsemble, load_networks

    other = _random_net(tmp_path / "other.npz", 1)
    keys = _keys()
    ens = NetworkEnsemble([random_net, other])
    em = ens._batch_emissions(keys, None)
    want = (random_net._batch_emissions(keys, None) + other._batch_emissions(keys, None)) / 2
    assert np.allclose(em, want, atol=1e-5)
    assert np.allclose(ens.p["p.trans"], (random_net.p["p.trans"] + other.p["p.trans"]) / 2)
    lengths = [len(k) for k in keys]
    assert ens.tag(keys) == ens.viterbi(want, lengths)
    assert ens.tag(keys) != random_net.tag(keys) or ens.tag(keys) != other.tag(keys)  # not one member's tags
    # two copies of one network tag as that network does, and one path loads as a plain network
    assert NetworkEnsemble([random_net, random_net]).tag(keys) == random_net.tag(keys)
    assert isinstance(load_networks([tmp_path / "other.npz"]), NeuralTagger)
    assert isinstance(load_networks([tmp_path / "other.npz"] * 2), NetworkEnsemble)


def test_shipped_network_finds_a_person_and_a_place():
    from marsad.ner.neural import neural_tagger

    net = neural_tagger(str(NET_FILE))
    assert net is not None, f"the package must ship {NET_FILE.name} (`make train-ner` builds it)"
    words = "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس".split()
    tags = net.tag([[norm_char_key(w) for w in words]])[0]
    assert tags[3:5] == ["B-PERS", "I-PERS"]
    assert tags[6] == "B-LOC"


def test_tagging_never_imports_torch():
    import subprocess
    import sys

    code = ("import sys; from marsad.ner.tagger import tag; tag('قال الرئيس في القاهرة'.split()); "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_word_cache_eviction_keeps_results(random_net, monkeypatch):
    import marsad.ner.neural as neural

    keys = _keys()
    before = random_net.tag(keys)
    monkeypatch.setattr(neural, "CACHE_WORDS", 3)
    random_net._cache.clear()
    assert random_net.tag(keys[:2]) == before[:2]
    assert random_net.tag(keys) == before


@pytest.mark.parametrize("dilation,length", [(1, 1), (1, 5), (2, 1), (2, 2), (2, 7), (3, 2)])
def test_convolution_matches_its_definition(dilation, length):
    from marsad.ner.neural import _conv

    rng = np.random.default_rng(dilation * 10 + length)
    x = rng.normal(size=(2, length, 4)).astype(np.float32)
    taps = rng.normal(size=(3, 4, 5)).astype(np.float32)  # (tap, in, out): tap 0 reads i - dilation
    bias = rng.normal(size=5).astype(np.float32)
    expected = np.zeros((2, length, 5), dtype=np.float32) + bias
    for i in range(length):
        for j, src in enumerate((i - dilation, i, i + dilation)):
            if 0 <= src < length:
                expected[:, i] += x[:, src] @ taps[j]
    got = _conv(x, np.concatenate(list(taps), axis=1), bias, dilation)
    assert np.allclose(got, expected, atol=1e-4)


def test_threads_sharing_the_word_cache_get_the_tags_one_thread_gets(random_net):
    import random
    import sys
    from concurrent.futures import ThreadPoolExecutor

    rng = random.Random(3)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    batches = [[["".join(rng.choice(letters) for _ in range(rng.randint(2, 7))) for _ in range(12)]
                for _ in range(3)] for _ in range(64)]
    random_net._cache.clear()
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: a race shows within a few batches
    try:
        with ThreadPoolExecutor(8) as pool:
            threaded = list(pool.map(lambda b: random_net._batch_emissions(b, None), batches))
    finally:
        sys.setswitchinterval(old)
    random_net._cache.clear()
    for batch, em in zip(batches, threaded, strict=True):  # a raced row is another word's: far off, not 1e-5
        assert np.allclose(em, random_net._batch_emissions(batch, None), rtol=1e-5, atol=1e-5)
