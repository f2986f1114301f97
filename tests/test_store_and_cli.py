import json
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app
from marsad.extract.pipeline import analyse
from marsad.store import Store

ARTICLE = ("وزيرا الخارجية يبحثان التعاون\n\nالتقى وزير الخارجية الأردني نظيره العراقي في عمان اليوم، "
           "وبحث الجانبان سبل تعزيز التعاون الأمني والاقتصادي بين البلدين.")
runner = CliRunner()


def test_store_is_idempotent_and_replaces_changed_content(db_url):
    store = Store(db_url)
    doc = analyse(ARTICLE, {"id": "a"})
    assert store.add(doc) == "added"
    assert store.add(analyse(ARTICLE + "\n", {"id": "other-id"})) == "unchanged"
    assert store.count()["documents"] == 1
    changed = analyse(ARTICLE + " وأضاف الوزير أن اللقاء كان مثمرا.", {"id": "a"})
    assert store.add(changed) == "updated"
    assert store.count()["documents"] == 1
    assert "مثمرا" in store.document("a").text


def test_a_failing_write_leaves_nothing_half_written(db_url):
    store = Store(db_url)
    store.add(analyse(ARTICLE, {"id": "a"}))
    before = store.count()
    bad = analyse(ARTICLE + " نص مختلف تماما.", {"id": "b"})
    bad.entities = [type("E", (), {})()]  # not an Entity: the write fails midway
    try:
        store.add(bad)
    except Exception:
        pass
    assert store.count() == before
    assert store.document("b") is None


def _write_inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (d / "english.txt").write_text("This is an English text about the weather and nothing else. " * 3)
    line = json.dumps({"id": "j1", "text": ARTICLE.replace("\n", " ")}, ensure_ascii=False)
    (d / "lines.jsonl").write_text(line + "\n{broken\n", encoding="utf-8")
    return d


def test_ingest_reports_each_bad_item_and_keeps_the_store(tmp_path, db_url):
    db = db_url
    d = _write_inputs(tmp_path)
    first = runner.invoke(app, ["ingest", str(d), "--db", db, "-q"])
    assert first.exit_code == 1
    err = first.stderr
    assert f"{d / 'empty.txt'}: empty input" in err
    assert f"{d / 'binary.txt'}: binary content" in err
    assert f"{d / 'english.txt'}: not Arabic text" in err
    assert f"{d / 'lines.jsonl'}:2: invalid JSON" in err
    assert "added 1, updated 0, unchanged 1, skipped 4" in first.stdout  # j1 repeats good.txt
    before = Store(db).count()
    again = runner.invoke(app, ["ingest", str(d), "--db", db, "-q"])
    assert "added 0, updated 0, unchanged 2, skipped 4" in again.stdout
    assert Store(db).count() == before


def test_extract_writes_json_named_after_the_input(tmp_path):
    src = tmp_path / "story.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(src), "--published", "2021-02-03", "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "o" / "story.json").read_text(encoding="utf-8"))
    assert data["published"] == {"date": "2021-02-03", "origin": "metadata"}
    assert data["title"] == "وزيرا الخارجية يبحثان التعاون"


def test_extract_rejects_a_bad_date_and_fails_on_bad_input(tmp_path):
    assert runner.invoke(app, ["extract", "x.txt", "--published", "yesterday"]).exit_code == 2
    (tmp_path / "e.txt").write_bytes(b"")
    res = runner.invoke(app, ["extract", str(tmp_path / "e.txt")])
    assert res.exit_code == 1 and "e.txt: empty input" in res.stderr


def test_documents_and_events_listings(db_url):
    db = db_url
    runner.invoke(app, ["demo", "--db", db])
    res = runner.invoke(app, ["documents", "--db", db, "--format", "json"])
    rows = json.loads(res.stdout)
    assert len(rows) >= 3 and all(r["published"] for r in rows)
    csv_out = runner.invoke(app, ["documents", "--db", db, "--format", "csv"]).stdout
    assert csv_out.splitlines()[0] == "id,published,outlet,title,entities,events"
    res = runner.invoke(app, ["events", "--db", db, "--format", "json", "--since", "2000-01-01"])
    assert res.exit_code == 0
    assert isinstance(json.loads(res.stdout), list)


def test_ner_command_prints_bio_tags(tmp_path):
    f = tmp_path / "in.conll"
    f.write_text("زار\tO\nالرئيس\tO\nالفرنسي\tO\nإيمانويل\tB-PERS\nماكرون\tI-PERS\nالقاهرة\tB-LOC\n\nقال\nبوتين\n",
                 encoding="utf-8")
    res = runner.invoke(app, ["ner", "--conll", str(f)])
    assert res.exit_code == 0
    blocks = res.stdout.strip().split("\n\n")
    first = [line.split(" ") for line in blocks[0].splitlines()]
    assert [w for w, _ in first] == ["زار", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "القاهرة"]
    assert all(t == "O" or t[:2] in ("B-", "I-") for _, t in first)
    assert first[-1][1] == "B-LOC"
    assert len(blocks[1].splitlines()) == 2


def test_show_marks_entities_and_dates_in_place(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("التقى وزير الخارجية الأردني أيمن الصفدي أمس نظيره العراقي فؤاد حسين في بغداد.", encoding="utf-8")
    res = runner.invoke(app, ["show", str(src), "--published", "2024-03-14"])
    assert res.exit_code == 0, res.output
    assert "[[أيمن الصفدي|PER:" in res.stdout
    assert "{أمس|2024-03-13}" in res.stdout
    assert "EVENT CONSULT" in res.stdout


def test_events_filters_by_type_country_and_date(db_url):
    db = db_url
    runner.invoke(app, ["demo", "--db", db])
    rows = json.loads(runner.invoke(app, ["events", "--db", db, "--format", "json", "--type", "CONSULT",
                                          "--country", "JO", "--since", "2024-01-01"]).stdout)
    assert rows and all(r["type"] == "CONSULT" and r["date"] >= "2024-01-01" for r in rows)
    none = json.loads(runner.invoke(app, ["events", "--db", db, "--format", "json", "--type", "CONSULT",
                                          "--country", "JO", "--until", "2000-01-01"]).stdout)
    assert none == []
