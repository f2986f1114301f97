"""CRF features: neighbour windows, lexicon phrases, network tags and document hints."""

from __future__ import annotations

from marsad.ner import tagger
from marsad.ner.features import document_hints, sentence_features, word_features, word_features_with


def test_each_token_sees_its_neighbours_and_the_sentence_edges():
    keys = ["قال", "الوزير", "احمد", "في", "القاهره"]
    feats = sentence_features(keys, keys, lexicon_spans=[])
    assert "w=احمد" in feats[2]
    assert {"-1w=الوزير", "1w=في", "-2w=قال", "2w=القاهره"} <= set(feats[2])
    assert {"bi=الوزير|احمد", "bi+=احمد|في"} <= set(feats[2])
    assert {"-1w=<pad>", "-2w=<pad>"} <= set(feats[0]) and "bi=" not in " ".join(feats[0])
    assert {"1w=<pad>", "2w=<pad>"} <= set(feats[4])


def test_phrase_network_tag_and_hints_reach_the_neighbours():
    keys = ["زار", "مدينه", "باريس", "امس"]
    spans = [(1, 3, frozenset({"LOC"}))]
    hints = [[], [], ["nl=LOC"], []]
    feats = sentence_features(keys, keys, spans, hints, ["O", "B-LOC", "I-LOC", "O"])
    assert {"g=B-LOC", "nn=B-LOC"} <= set(feats[1])
    assert {"g=I-LOC", "nn=I-LOC", "nl=LOC", "-1g=B-LOC", "-1nn=B-LOC"} <= set(feats[2])
    assert {"-1nl=LOC", "-1g=I-LOC", "-1nn=I-LOC"} <= set(feats[3])
    assert {"1g=B-LOC", "1nn=B-LOC"} <= set(feats[0])
    assert not any(f.startswith(("g=", "nl=")) for f in feats[0] + feats[3])


def test_document_hints_come_from_other_sentences_within_the_window():
    keys = [["التقى", "ماكرون"], ["وقال", "ماكرون"], ["ثم"], ["ولماكرون"], ["ماكرون"]]
    tags = [["O", "B-PERS"], ["O", "O"], ["O"], ["O"], ["O"]]
    hints = document_hints(keys, tags)
    assert hints[0] == [[], []]  # its own tag is not a hint
    assert hints[1][1] == ["nl=PERS"] and hints[1][0] == []
    assert hints[3] == [[]]  # two proclitics: not the same word
    assert document_hints(keys, tags, window=2)[4] == [[]]
    assert document_hints(keys, tags, window=4)[4] == [["nl=PERS"]]


def test_the_crf_reads_the_networks_tags_and_hints_drawn_from_them():
    import threading

    from marsad.ner.gazetteer import Gazetteer

    seen: list[list[list[str]]] = []

    class FakeNet:
        def tag(self, keys, spans):
            return [["B-PERS" if k == "فلان" else "O" for k in s] for s in keys]

    class Recorder:
        def tag(self, feats):
            seen.append(feats)
            return ["O"] * len(feats)

    class RecordingCRF(tagger.TrainedCRF):
        def __init__(self) -> None:  # no model file: record what the real `tag` sends to crfsuite
            self.tagger, self.word_part, self._lock = Recorder(), word_features, threading.Lock()

    model = tagger.ConvCrfNer(RecordingCRF(), FakeNet(), Gazetteer({}), meta={})
    out = model.tag_keys([["قال", "فلان"], ["ثم", "غادر", "فلان"], []])
    assert out == [["O", "O"], ["O", "O", "O"], []]
    assert len(seen) == 2  # an empty sentence is not sent to the CRF
    assert "nn=B-PERS" in seen[0][1] and "nl=PERS" in seen[0][1]
    assert "nn=O" in seen[1][0] and "nl=PERS" in seen[1][2] and "-1nl=PERS" not in seen[1][0]


def test_leaving_out_unweighted_word_and_pair_features_changes_no_score():
    from marsad.ner.gazetteer import match_spans
    from marsad.text.normalize import norm_char_key

    model = tagger.shipped_model()
    assert model is not None, "the package must ship the NER model"
    crf = model.crf
    text = ("وقال وزير الخارجية الفرنسي جان إيف لودريان في باريس إن الاتحاد الأوروبي سيدعم حكومة الوفاق "
            "واستقبل الأمين العام لجامعة الدول العربية وفدا من وزارة الداخلية الليبية في القاهرة")
    words = text.split()
    keys = [norm_char_key(w) for w in words]
    spans = match_spans(keys)
    nets = ["O"] * len(words)
    hints = [["nl=PERS"] if i % 5 == 0 else [] for i in range(len(words))]
    full = sentence_features(words, keys, spans, hints, nets, lambda k: word_features_with(k, crf.clusters))
    kept = sentence_features(words, keys, spans, hints, nets, crf.word_part, bigrams=crf.bigrams)
    assert sum(map(len, kept)) < 0.9 * sum(map(len, full))
    assert sum(f.startswith("bi") for fs in kept for f in fs) < sum(f.startswith("bi") for fs in full for f in fs)
    tags = crf.tagger.tag(full)
    assert crf.tagger.tag(kept) == tags
    crf.tagger.set(full)
    p_full = crf.tagger.probability(tags)
    crf.tagger.set(kept)
    assert abs(crf.tagger.probability(tags) - p_full) < 1e-9


def test_the_stacked_taggers_tags_are_features_of_the_token_and_its_neighbours():
    keys = ["زار", "باريس", "امس"]
    feats = sentence_features(keys, keys, [], None, ["O", "B-LOC", "O"], stacked=["O", "B-LOC", "O"])
    assert {"wf=B-LOC", "nn=B-LOC"} <= set(feats[1])
    assert "1wf=B-LOC" in feats[0] and "-1wf=B-LOC" in feats[2] and "wf=O" in feats[0]
    assert not any("wf=" in f for f in sentence_features(keys, keys, [], None, None)[1])


def test_a_stacked_crf_tags_first_and_the_main_crf_reads_its_tags():
    import threading

    from marsad.ner.gazetteer import Gazetteer

    seen: list[list[list[str]]] = []

    class FakeNet:
        def tag(self, keys, spans):
            return [["O"] * len(s) for s in keys]

    class Recorder:
        def __init__(self, tag_as: str) -> None:
            self.tag_as = tag_as

        def tag(self, feats):
            seen.append(feats)
            return [self.tag_as] * len(feats)

    class RecordingCRF(tagger.TrainedCRF):
        def __init__(self, tag_as: str) -> None:
            self.tagger, self.word_part, self._lock = Recorder(tag_as), word_features, threading.Lock()

    model = tagger.ConvCrfNer(RecordingCRF("O"), FakeNet(), Gazetteer({}), meta={}, stack=RecordingCRF("B-LOC"))
    assert model.tag_keys([["زار", "باريس"]]) == [["O", "O"]]
    stack_feats, main_feats = seen
    assert not any(f.startswith(("wf=", "nn=")) for f in stack_feats[1])  # the stacked CRF reads words only
    assert "wf=B-LOC" in main_feats[1] and "nn=O" in main_feats[1]


def test_confidence_bins_reach_the_token_and_its_neighbours():
    from marsad.ner.features import add_confidence

    hints = add_confidence([[["nl=PERS"], []]], [["B-PERS", "O"]], [[0.5, 0.999]])
    assert hints == [[["nl=PERS", "nc=B-PERS|lo"], ["nc=O|hi"]]]
    assert add_confidence([[[]]], [["O"]], [[0.8]]) == [[["nc=O|mid"]]]
    feats = sentence_features(["فلان", "قال"], hints=hints[0], neural=["B-PERS", "O"])
    assert "nc=B-PERS|lo" in feats[0] and "-1nc=B-PERS|lo" in feats[1] and "1nc=O|hi" in feats[0]


def test_a_crf_trained_with_confidence_is_sent_it_and_others_are_not(tmp_path):
    import pycrfsuite

    from marsad.ner.gazetteer import Gazetteer

    class FakeNet:
        def tag(self, keys, spans):
            return [["B-PERS" if k == "فلان" else "O" for k in s] for s in keys]

        def tag_with_confidence(self, keys, spans):
            return self.tag(keys, spans), [[0.6 if k == "فلان" else 0.99 for k in s] for s in keys]

    keys = [["قال", "فلان"], ["ثم", "غادر", "فلان"]]
    tags = FakeNet().tag(keys, None)
    for conf in (True, False):
        hints = document_hints(keys, tags)
        if conf:
            from marsad.ner.features import add_confidence

            hints = add_confidence(hints, tags, FakeNet().tag_with_confidence(keys, None)[1])
        trainer = pycrfsuite.Trainer(verbose=False)
        for k, h, t in zip(keys, hints, tags, strict=True):
            trainer.append(sentence_features(k, k, [], h, t), t)
        trainer.train(str(tmp_path / f"crf{conf}"))
        crf = tagger.TrainedCRF(str(tmp_path / f"crf{conf}"), {})
        assert crf.reads_confidence is conf and crf.scorer is not None
        model = tagger.ConvCrfNer(crf, FakeNet(), Gazetteer({}), meta={})
        assert model.tag_keys(keys) == tags  # scored from the model's weights
        crf.scorer = None  # crfsuite's own tagging, recording what it is sent
        crf.tagger = recording = _Recording(crf.tagger)
        assert model.tag_keys(keys) == tags
        assert any("nc=B-PERS|lo" in f for f in recording.sent[0]) is conf


class _Recording:
    """A crfsuite tagger that records the features it is sent."""

    def __init__(self, real) -> None:
        self.real, self.sent = real, []

    def tag(self, feats):
        self.sent.append(feats)
        return self.real.tag(feats)


def test_cooccurrences_equal_the_pairwise_definition_and_never_cross_a_sentence(monkeypatch):
    from collections import Counter

    from marsad.ner import clusters

    monkeypatch.setattr(clusters, "CONTEXT_SIZE", 3)
    sents = [["ا", "ب", "ج", "د", "ه"], ["ب", "ا"], ["ج", "س", "ا", "ب"]]
    index = {"ا": 0, "ب": 1, "ج": 2, "د": 3}  # «ه», «س» are outside the vocabulary; «د» no context
    want: Counter = Counter()
    for s in sents:
        for i, w in enumerate(s):
            for j in range(max(0, i - clusters.WINDOW), min(len(s), i + clusters.WINDOW + 1)):
                if j != i and w in index and index.get(s[j], 99) < 3:
                    want[(index[w], index[s[j]] * 2 + (j > i))] += 1
    rows, cols = clusters.cooccurrences(sents, index)
    assert Counter(zip(rows.tolist(), cols.tolist(), strict=True)) == want
    assert (1, 2 * 1 + 1) not in want  # «ب» then «ب» across the sentence break is no pair


def test_news_articles_are_read_from_plain_and_gzip_jsonl(tmp_path):
    import gzip
    import json

    from marsad.ner import clusters

    line = json.dumps({"text": "قال الوزير إن الوفد وصل. ثم غادر"}) + "\n"
    (tmp_path / "a.jsonl").write_text(line, encoding="utf-8")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(line)
    sents = list(clusters._sentences([tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"]))
    assert len(sents) == 2 and sents[0] == sents[1] and len(sents[0]) == 5  # «ثم غادر» is too short
