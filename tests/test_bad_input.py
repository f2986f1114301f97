"""10,000 malformed items through `marsad ingest` (a real process): each is reported on one line naming it, none
stops the batch, the good items among them are stored, and nothing stored before is lost or changed. Also the
decoding rules that keep one bad byte from spoiling more than its own article."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.ingest import read_bytes
from marsad.ingest.decode import decode_bytes
from marsad.store import Store

ROOT = Path(__file__).resolve().parents[1]
ARABIC = ("استقبل وزير الخارجية المصري سامح شكري، اليوم الثلاثاء في القاهرة، نظيره الليبي محمد سيالة، وبحث "
          "الجانبان سبل تعزيز التعاون الأمني على الحدود المشتركة بين البلدين.")
GOOD = {0: ARABIC, 5000: "أعلنت وزارة الداخلية الأردنية، أمس الأحد، القبض على خلية كانت تخطط لتنفيذ هجمات في "
                         "العاصمة عمان، وذكر بيان للوزارة أن قوات الأمن داهمت ثلاثة مواقع في محافظة الزرقاء.",
        9999: "وقعت تونس والجزائر، يوم الخميس، اتفاقية للتعاون الاقتصادي خلال زيارة رئيس الحكومة التونسية إلى "
              "الجزائر، ونصت الاتفاقية على إنشاء منطقة تجارة حرة على الحدود بين البلدين."}
N = 10_000
HUGE_AT = 4242


def _bad_line(i: int, rnd: random.Random) -> tuple[bytes, str]:
    """Return one malformed JSONL line and a part of the reason it must be reported with."""
    kind = i % 13
    if i == HUGE_AT:
        return json.dumps({"text": ARABIC * 30_000}, ensure_ascii=False).encode(), "too large"
    if kind == 0:
        return '{"text": "نص غير مكتمل'.encode(), "invalid JSON"
    if kind == 1:
        return b"[1, 2, 3]", "must be an object"
    if kind == 2:
        return b'{"id": "e", "text": ""}', "no 'text'"
    if kind == 3:
        return b'{"text": "   \\t  "}', "no 'text'"
    if kind == 4:
        return '{"title": "عنوان فقط"}'.encode(), "no 'text'"
    if kind == 5:  # binary garbage: NUL, control and invalid UTF-8 bytes
        return b"\x00" + bytes(rnd.randrange(256) for _ in range(40)).replace(b"\n", b" "), "invalid JSON"
    if kind == 6:  # the wrong encoding: Latin-1 French
        return '{"text": "Le ministre a visité la région déjà touchée par les événements."}'.encode("latin-1"), \
            "not Arabic"
    if kind == 7:
        return b'{"text": "The minister met his counterpart in Cairo on Tuesday to discuss security."}', \
            "not Arabic"
    if kind == 8:
        return json.dumps({"text": ARABIC, "published": "2021-02-30"}, ensure_ascii=False).encode(), \
            "invalid publication date"
    if kind == 9:
        return b'{"text": 12345}', "no 'text'"
    if kind == 10:
        return b"[" * 20_000, "nested too deeply"
    if kind == 11:
        return b'{"text": "123 456 ... !!! 2021"}', "not Arabic"
    return b'{"text": "' + "مرحبا بكم".encode("utf-16-le") + b'"}', "invalid JSON"  # UTF-16 inside UTF-8


@pytest.mark.slow
def test_ten_thousand_malformed_items_each_reported_none_stops_the_batch_nothing_lost(tmp_path):
    db = tmp_path / "m.db"
    examples = ROOT / "marsad" / "examples"
    first = subprocess.run([sys.executable, "-m", "marsad", "ingest", str(examples), "--db", str(db), "-q"],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    store = Store(f"sqlite:///{db}")
    before = {row.id: store.document(row.id).to_dict() for row in store.documents()}
    counts = store.count()
    store.close()
    assert len(before) == len(list(examples.glob("*.txt"))) >= 4

    rnd = random.Random(16)
    bad = tmp_path / "archive.jsonl"
    reasons: dict[str, str] = {}
    with bad.open("wb") as fh:
        for i in range(N):
            if i in GOOD:
                fh.write(json.dumps({"id": f"good{i}", "text": GOOD[i]}, ensure_ascii=False).encode() + b"\n")
                continue
            line, reason = _bad_line(i, rnd)
            fh.write(line + b"\n")
            reasons[f"{bad}:{i + 1}"] = reason
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(bytes(rnd.randrange(256) for _ in range(4000)))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "english.txt").write_text("A page in English only, about the weather.", encoding="utf-16")
    others = {str(binary): "binary content", str(tmp_path / "empty.txt"): "empty input",
              str(tmp_path / "english.txt"): "not Arabic", str(tmp_path / "missing.txt"): "no such file"}
    run = subprocess.run([sys.executable, "-m", "marsad", "ingest", str(bad), *others, "--db", str(db), "-q"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert all(line.startswith("skipped ") for line in lines), [x for x in lines if not x.startswith("skipped")][:3]
    reported = {}
    for line in lines:
        item, reason = line.removeprefix("skipped ").split(": ", 1)
        assert item not in reported, f"{item} reported twice"
        reported[item] = reason
    expected = reasons | others
    assert set(reported) == set(expected)  # each bad item once, no good one
    wrong = [(item, reported[item]) for item, why in expected.items() if why not in reported[item]]
    assert not wrong, wrong[:5]
    assert f"added 3, updated 0, unchanged 0, skipped {len(expected)}" in run.stdout
    store = Store(f"sqlite:///{db}")
    after = {row.id: row for row in store.documents()}
    assert set(after) == set(before) | {f"good{i}" for i in GOOD}
    for doc_id, data in before.items():  # nothing stored before is lost or changed
        assert store.document(doc_id).to_dict() == data
    assert store.count()["documents"] == counts["documents"] + 3


def test_one_broken_byte_spoils_only_its_own_line():
    lines = [json.dumps({"id": f"a{i}", "text": t}, ensure_ascii=False).encode() for i, t in enumerate(GOOD.values())]
    cut = lines[1].index(GOOD[5000][12:].encode())  # after the first 12 letters
    damaged = lines[1][:cut] + b"\xff" + lines[1][cut:]
    out = list(read_bytes(b"\n".join([lines[0], damaged, lines[2]]), "x.jsonl", "jsonl"))
    assert [r.text for r in out[::2]] == [GOOD[0], GOOD[9999]]  # read as UTF-8, not Windows-1256
    assert out[1].text == GOOD[5000][:12] + "\ufffd" + GOOD[5000][12:]


def test_windows_1256_files_and_lines_still_read_as_arabic():
    assert decode_bytes(ARABIC.encode("cp1256"), "x.txt") == ARABIC
    line = json.dumps({"text": ARABIC}, ensure_ascii=False).encode("cp1256")
    (rec,) = read_bytes(line + b"\n", "x.jsonl", "jsonl")
    assert rec.text == ARABIC


def test_a_json_string_may_hold_line_separators():
    text = ARABIC + "\u2028" + ARABIC + "\u0085"
    (rec,) = read_bytes(json.dumps({"text": text}, ensure_ascii=False).encode() + b"\r\n", "x.jsonl", "jsonl")
    assert rec.text == text


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_binary_archive_is_one_skipped_item(fmt):
    (err,) = read_bytes(bytes(range(256)) * 40, f"x.{fmt}", fmt)
    assert isinstance(err, InputError) and err.reason == "binary content, not text"
