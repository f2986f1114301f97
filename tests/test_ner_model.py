"""The NER model directory: meta.json writing and checking, the frozen gazetteer, `predict`, the CoNLL path."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from marsad.model import Document, Sentence, Token
from marsad.ner import gazetteer, tagger
from marsad.ner.base import NerModel, write_tags
from marsad.ner.gazetteer import SHIPPED_DIR
from marsad.ner.modeldir import META_FILE, ModelError, read_meta, write_meta
from marsad.text.segment import segment
from tests.conftest import need_shared

LABELS = ("PERS", "ORG", "LOC", "MISC")
TEXT = "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن فرنسا ستدعم الحكومة. وأضاف ماكرون أن الاتحاد الأوروبي سيجتمع."


def _doc(text: str = TEXT) -> Document:
    return Document(id="t", text=text, sentences=segment(text))


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    d = tmp_path / "model"
    d.mkdir()
    (d / "a.bin").write_bytes(b"weights")
    (d / "b.tsv").write_text("x\ty\n", encoding="utf-8")
    write_meta(d, name="tiny", version="0", labels=LABELS, files=["a.bin", "b.tsv"],
               training={"train": {"path": "train.conll", "sha256": "0" * 64}}, lexicon_sha256="1" * 64,
               scores={"anercorp_test": {"micro": {"f1": 0.5}}}, created="2026-01-01T00:00:00Z")
    return d


def test_meta_round_trip_records_hashes_and_fields(tiny_dir):
    meta = read_meta(tiny_dir, LABELS, ("a.bin",))
    assert meta["format"] == 1 and meta["name"] == "tiny" and meta["labels"] == list(LABELS)
    assert set(meta["files"]) == {"a.bin", "b.tsv"}
    assert meta["files"]["a.bin"] == hashlib.sha256(b"weights").hexdigest()
    assert meta["created"] == "2026-01-01T00:00:00Z" and meta["lexicon_sha256"] == "1" * 64


@pytest.mark.parametrize("fault,message", [
    ("changed", "does not match the sha256"),
    ("missing", "a.bin is missing"),
    ("format", "unknown format 99"),
    ("labels", "labels"),
    ("unlisted", "c.bin is not listed"),
    ("no-meta", "no meta.json"),
    ("garbled", "unreadable"),
])
def test_a_faulty_model_directory_is_refused_in_one_line(tiny_dir, fault, message):
    meta_path = tiny_dir / META_FILE
    meta = json.loads(meta_path.read_text())
    required: tuple[str, ...] = ("a.bin",)
    if fault == "changed":
        (tiny_dir / "a.bin").write_bytes(b"other weights")
    elif fault == "missing":
        (tiny_dir / "a.bin").unlink()
    elif fault == "format":
        meta_path.write_text(json.dumps({**meta, "format": 99}))
    elif fault == "labels":
        meta_path.write_text(json.dumps({**meta, "labels": ["PER", "ORG", "LOC"]}))
    elif fault == "unlisted":
        required = ("a.bin", "c.bin")
    elif fault == "no-meta":
        meta_path.unlink()
    elif fault == "garbled":
        meta_path.write_text("{not json")
    with pytest.raises(ModelError) as err:
        read_meta(tiny_dir, LABELS, required)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_loading_checks_the_model_directory(tmp_path):
    broken = tmp_path / "ner"
    shutil.copytree(SHIPPED_DIR, broken)
    tagger.load_model(broken)  # an intact copy loads
    with (broken / "clusters.tsv.gz").open("ab") as fh:
        fh.write(b"\0")
    with pytest.raises(ModelError, match="clusters.tsv.gz does not match"):
        tagger.load_model(broken)


def test_shipped_model_meta_describes_it():
    model = tagger.shipped_model()
    assert isinstance(model, NerModel)
    assert model.labels == LABELS and model.name == "ner-anercorp"
    meta = model.meta
    assert set(tagger.MODEL_FILES) <= set(meta["files"]) <= {*tagger.MODEL_FILES, tagger.STACK_NAME}
    assert {"train", "clusters_corpus"} <= set(meta["training"])
    assert len(meta["training"]["train"]["sha256"]) == 64 and len(meta["lexicon_sha256"]) == 64
    assert meta["scores"]["anercorp_test"]["micro"]["f1"] >= 0.73
    assert not list(SHIPPED_DIR.parent.glob("*.crfsuite")), "model files live in the model directory only"


def test_training_data_hash_matches_the_shared_file():
    from marsad.ner.modeldir import sha256_file

    train = need_shared("data", "ner", "anercorp", "train.conll")
    assert tagger.shipped_model().meta["training"]["train"]["sha256"] == sha256_file(train)


def test_lexicon_edits_do_not_shift_the_models_inputs(monkeypatch):
    doc_keys = [[t.key for t in s.tokens] for s in _doc().sentences]
    before = tagger.shipped_model().tag_keys(doc_keys)
    live_before = [gazetteer.match_spans(k) for k in doc_keys]
    monkeypatch.setattr(gazetteer, "lexicon_rows", lambda: [])  # every Marsad lexicon emptied
    gazetteer.clear_caches()
    try:
        assert [gazetteer.match_spans(k) for k in doc_keys] != live_before  # the live view follows the edit
        assert tagger.load_model(SHIPPED_DIR).tag_keys(doc_keys) == before  # the model does not
    finally:
        monkeypatch.undo()
        gazetteer.clear_caches()


def test_predict_writes_token_labels_and_character_spans():
    doc = _doc()
    tagger.shipped_model().predict(doc)
    tags = [[t.ner for t in s.tokens] for s in doc.sentences]
    keys = [[t.key for t in s.tokens] for s in doc.sentences]
    assert tags == tagger.tag_sentences([[t.text for t in s.tokens] for s in doc.sentences], keys,
                                        [gazetteer.match_spans(k) for k in keys])
    found = {(doc.text[s:e], label) for s, e, label in doc.ner_spans}
    assert ("إيمانويل ماكرون", "PERS") in found and ("باريس", "LOC") in found
    assert all(doc.text[s:e] == doc.text[s:e].strip() and s < e for s, e, _ in doc.ner_spans)


def test_write_tags_turns_bio_into_character_spans():
    text = "زار علي بن سالم دبي"
    toks, pos = [], 0
    for w in text.split():
        start = text.index(w, pos)
        toks.append(Token(start, start + len(w), w, w))
        pos = start + len(w)
    doc = Document(id="x", text=text, sentences=[Sentence(0, len(text), toks)])
    write_tags(doc, [["O", "B-PERS", "I-PERS", "I-PERS", "I-LOC"]])  # an I- with no B- still starts a span
    assert [t.ner for t in toks] == ["O", "B-PERS", "I-PERS", "I-PERS", "I-LOC"]
    assert [(text[s:e], lab) for s, e, lab in doc.ner_spans] == [("علي بن سالم", "PERS"), ("دبي", "LOC")]
    with pytest.raises(ValueError):
        write_tags(doc, [["O"]])


def test_install_copies_a_checked_model_and_refuses_a_broken_one(tmp_path):
    from marsad.ner.install import install

    src, target = tmp_path / "trained", tmp_path / "models" / "ner-anercorp"
    shutil.copytree(SHIPPED_DIR, src)
    assert install(src, target) == target
    read_meta(target, LABELS, tagger.MODEL_FILES)
    (src / "ner.crfsuite").write_bytes(b"half written")
    with pytest.raises(ModelError):
        install(src, target)
    read_meta(target, LABELS, tagger.MODEL_FILES)  # the installed model is untouched


def test_training_writes_a_new_directory_never_the_shipped_one(tmp_path):
    from marsad.ner import train

    with pytest.raises(SystemExit, match="never writes over the shipped model"):
        train.train(Path("/nonexistent"), SHIPPED_DIR)
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("")
    with pytest.raises(SystemExit, match="not empty"):
        train.train(Path("/nonexistent"), tmp_path / "used")
    assert train.default_out().parent == Path("build/models")


def test_describe_writes_a_meta_json_that_load_accepts(tmp_path):
    """What `make train-ner` does last: score the new directory and write its meta.json."""
    from marsad.ner import train

    shared = tmp_path / "shared"
    conll = shared / "data" / "ner" / "anercorp"
    conll.mkdir(parents=True)
    (conll / "train.conll").write_text("قال O\nماكرون B-PERS\n", encoding="utf-8")
    (conll / "test.conll").write_text("وقال O\nالرئيس O\nماكرون B-PERS\nفي O\nباريس B-LOC\n", encoding="utf-8")
    model_dir = tmp_path / "ner-new"
    model_dir.mkdir()
    for name in tagger.MODEL_FILES:
        shutil.copyfile(SHIPPED_DIR / name, model_dir / name)
    meta = train.describe(model_dir, shared, "test network", lexicon_sha256="2" * 64)
    assert meta["training"]["train"]["path"] == "data/ner/anercorp/train.conll"
    assert meta["training"]["clusters_corpus"]["sha256"] is None  # not in this shared folder
    assert meta["scores"]["anercorp_test"]["micro"]["n"] == 2
    assert tagger.load_model(model_dir).meta == meta


def test_cli_conll_tags_equal_the_evaluation_path(tmp_path):
    from typer.testing import CliRunner

    from marsad.cli import app
    from marsad.ner.conll import read_conll

    test = need_shared("data", "ner", "anercorp", "test.conll")
    sents = list(read_conll(test))[:150]
    small = tmp_path / "small.conll"
    small.write_text("\n\n".join("\n".join(f"{w} {t}" for w, t in zip(ws, ts, strict=True)) for ws, ts in sents)
                     + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["ner", "--conll", str(small)])
    assert res.exit_code == 0, res.output
    (tmp_path / "out.conll").write_text(res.stdout, encoding="utf-8")
    cli_tags = [ts for _, ts in read_conll(tmp_path / "out.conll")]
    words = [ws for ws, _ in sents]
    assert cli_tags == tagger.tag_conll(words)
    assert cli_tags != [tagger.tag(ws) for ws in words]  # the window matters on this file: the test can fail



def _tiny_anercorp(tmp_path, sents):
    """Write a shared folder whose ANERcorp is `sents` (train and test) with a one-name gazetteer per class."""
    shared = tmp_path / "shared"
    corpus = shared / "data" / "ner" / "anercorp"
    corpus.mkdir(parents=True)
    for name, word in (("AlignedPersGazetteer.txt", "ماكرون"), ("AlignedLocGazetteer.txt", "باريس"),
                       ("AlignedOrgGazetteer.txt", "اليونسكو")):
        (corpus / name).write_text(word + "\n", encoding="utf-8")
    text = "\n\n".join("\n".join(f"{w} {t}" for w, t in zip(ws, ts, strict=True)) for ws, ts in sents) + "\n"
    (corpus / "train.conll").write_text(text, encoding="utf-8")
    (corpus / "test.conll").write_text(text, encoding="utf-8")
    return shared, corpus


def test_train_ner_writes_a_complete_model_directory(tmp_path):
    """`make train-ner` end to end on a tiny corpus, keeping the shipped network (no torch): CRF, files, meta.json."""
    from marsad.ner import train

    sents = [("قال ماكرون في باريس".split(), ["O", "B-PERS", "O", "B-LOC"]),
             ("زار وفد اليونسكو".split(), ["O", "O", "B-ORG"])] * 3
    shared, corpus = _tiny_anercorp(tmp_path, sents)
    net_tags = tmp_path / "net-tags.json"
    net_tags.write_text(json.dumps([ts for _, ts in sents]))
    out = train.train(shared, tmp_path / "build" / "ner-x", network_tags=net_tags, registry=False, stack=False)
    meta = tagger.load_model(out).meta
    assert set(meta["files"]) == set(tagger.MODEL_FILES) and (out / META_FILE).is_file()
    assert "stacked" not in meta["training"] and "registry" not in meta["training"]
    assert (out / "ner-net.npz").read_bytes() == (SHIPPED_DIR / "ner-net.npz").read_bytes()
    assert meta["training"]["train"]["sha256"] == hashlib.sha256((corpus / "train.conll").read_bytes()).hexdigest()
    assert meta["lexicon_sha256"] == gazetteer.lexicon_hash()
    assert gazetteer.read_table(out / "gazetteer.tsv.gz")["باريس"] >= {"LOC"}
    with pytest.raises(SystemExit, match="not empty"):
        train.train(shared, out, network_tags=net_tags, registry=False, stack=False)  # never trained over


def test_train_ner_stacks_a_wikifane_crf_that_the_model_loads_and_meta_lists(tmp_path):
    """The stacked CRF is trained on WikiFANE (MISC read as O), listed in meta.json and read by the main CRF."""
    from marsad.ner import train

    sents = [("قال ماكرون في باريس".split(), ["O", "B-PERS", "O", "B-LOC"])] * 4
    shared, corpus = _tiny_anercorp(tmp_path, sents)
    wikifane = shared / train.WIKIFANE
    wikifane.parent.mkdir(parents=True)
    wikifane.write_text("ولد B-MISC\nفي O\nباريس B-LOC\n\nزار O\nماكرون B-PERS\nلندن B-LOC\n", encoding="utf-8")
    assert [t for _, t in train.read_wikifane(wikifane)][0] == ["O", "O", "B-LOC"]
    net_tags = tmp_path / "net-tags.json"
    net_tags.write_text(json.dumps([ts for _, ts in sents]))
    out = train.train(shared, tmp_path / "ner-s", network_tags=net_tags, registry=False, stack=True)
    model = tagger.load_model(out)
    assert model.stack is not None and tagger.STACK_NAME in model.meta["files"]
    assert model.meta["training"]["stacked"]["data"]["path"] == str(train.WIKIFANE)
    assert model.stacked_tags([["باريس"]], [[]]) == [["B-LOC"]]
    (out / tagger.STACK_NAME).write_bytes((out / tagger.STACK_NAME).read_bytes() + b"\0")
    with pytest.raises(ModelError, match="does not match"):
        tagger.load_model(out)


def test_a_crf_alone_is_retrained_around_a_kept_network_and_its_confidence(tmp_path):
    """A full run keeps its network's cross-validated tags and confidence; a later run reuses them with that network."""
    from marsad.ner import train

    sents = [("قال ماكرون في باريس".split(), ["O", "B-PERS", "O", "B-LOC"]),
             ("زار وفد اليونسكو".split(), ["O", "O", "B-ORG"])] * 3
    shared, _ = _tiny_anercorp(tmp_path, sents)
    net = tmp_path / "net.npz"
    net.write_bytes((SHIPPED_DIR / "ner-net.npz").read_bytes())
    kept = train.network_tags_of(tmp_path / "ner-full")
    assert kept == tmp_path / "ner-full.network-tags.json"  # beside the model directory, not in it
    kept.write_text(json.dumps({"tags": [ts for _, ts in sents],
                                "confidence": [[0.6 if t != "O" else 0.99 for t in ts] for _, ts in sents]}))
    for conf in (True, False):
        out = train.train(shared, tmp_path / f"ner-{conf}", network_tags=kept, network=net, registry=False,
                          use_confidence=conf)
        model = tagger.load_model(out)
        assert model.crf.reads_confidence is conf
        assert model.meta["training"]["crf_reads_network_confidence"] is conf
        assert str(net) in model.meta["training"]["network"]
        assert (out / "ner-net.npz").read_bytes() == net.read_bytes()


def test_a_kept_ensemble_is_listed_in_meta_and_loaded_as_one_tagger(tmp_path):
    """Extra networks (other seeds) travel in the model directory, are checked by meta.json and averaged."""
    from marsad.ner import train
    from marsad.ner.neural import EXTRA_NET_NAMES, NetworkEnsemble

    sents = [("قال ماكرون في باريس".split(), ["O", "B-PERS", "O", "B-LOC"]),
             ("زار وفد اليونسكو".split(), ["O", "O", "B-ORG"])] * 3
    shared, _ = _tiny_anercorp(tmp_path, sents)
    net_tags = tmp_path / "net-tags.json"
    net_tags.write_text(json.dumps([ts for _, ts in sents]))
    second = tmp_path / "second.npz"
    second.write_bytes((SHIPPED_DIR / "ner-net.npz").read_bytes())
    out = train.train(shared, tmp_path / "ner-e", network_tags=net_tags, registry=False,
                      extra_networks=(second,))
    model = tagger.load_model(out)
    assert isinstance(model.net, NetworkEnsemble) and len(model.net.members) == 2
    assert EXTRA_NET_NAMES[0] in model.meta["files"]
    keys = [["قال", "ماكرون", "في", "باريس"]]
    assert model.net.tag(keys) == model.net.members[0].tag(keys)  # two copies: the member's own tags
    meta = json.loads((out / META_FILE).read_text(encoding="utf-8"))
    del meta["files"][EXTRA_NET_NAMES[0]]
    (out / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="not listed"):
        tagger.load_model(out)
