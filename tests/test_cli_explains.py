"""A CLI that explains itself: informative tables, marked text, refused filters, one-line errors, progress and
interruption, stories, and the input conventions the README documents."""

import json
from pathlib import Path

import pytest
from rich.progress import Progress
from typer.testing import CliRunner

from marsad import service
from marsad.cli import RateColumn, app
from marsad.errors import InputError
from marsad.ingest.readers import FIELD_NAMES, SIDECAR, count_records, iter_articles
from marsad.store import Store

runner = CliRunner()
README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = ("استقبل وزير الخارجية الأردني أيمن الصفدي اليوم الخميس نظيره العراقي فؤاد حسين في عمان، وبحث الجانبان "
        "تعزيز التعاون في ضبط الحدود المشتركة ومكافحة تهريب المخدرات بين البلدين.")
A = {"id": "a", "outlet": "بترا", "date": "2024-03-14", "url": "http://petra.example/a", "title": "الصفدي يستقبل حسين",
     "content": "عمان، 14 مارس - " + TEXT}
B = {"id": "b", "source": "الغد", "date_extracted": "2024-03-15", "url": "http://alghad.example/b",
     "title": "وزيرا خارجية الأردن والعراق يبحثان أمن الحدود",
     "text": "استقبل وزير الخارجية الأردني أيمن الصفدي يوم الأربعاء نظيره العراقي فؤاد حسين في العاصمة الأردنية، وبحث "
             "الجانبان تعزيز التعاون في ضبط الحدود المشتركة ومكافحة تهريب المخدرات وسبل تطوير العلاقات الثنائية."}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """A store of the shipped examples and of two reports of one meeting (a .json list, aliased fields)."""
    folder = tmp_path_factory.mktemp("cli")
    url = f"sqlite:///{folder}/m.db"
    assert runner.invoke(app, ["demo", "--db", url]).exit_code == 0
    (folder / "two.json").write_text(json.dumps([A, B], ensure_ascii=False), encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(folder / "two.json"), "--db", url, "-q"])
    assert res.exit_code == 0 and "added 2" in res.stdout, res.output
    return url


def _lines_of_table(out: str) -> str:
    return out.replace("\n", " ")


def test_events_table_shows_id_date_type_actor_to_recipient_place_title_and_link(db):
    res = runner.invoke(app, ["events", "--db", db])
    assert res.exit_code == 0, res.output
    header = res.stdout.splitlines()[1]
    for column in ("id", "date", "type", "actor → recipient", "place", "modality", "title", "link"):
        assert column in header
    assert "01_amman_baghdad:e1" in res.stdout and "CONSULT/visit" in res.stdout and "→" in res.stdout
    assert "undated" in res.stdout  # the Sanaa strikes carry no date
    assert "http://petra.example/a" in res.stdout
    rows = json.loads(runner.invoke(app, ["events", "--db", db, "--format", "json"]).stdout)
    meeting = next(r for r in rows if r["id"] == "01_amman_baghdad:e1")
    assert "أيمن الصفدي" in meeting["who"] and "→" in meeting["who"]
    assert meeting["title"] and meeting["when"] == meeting["date"]
    assert all(r["when"] == "undated" for r in rows if r["undated"])


def _latin(db: str, name: str) -> str:
    """Return the Latin form the store gives a person (the romanizer's spelling)."""
    return next(p.name_latin for r in service.event_records(Store(db)) for p in r.parties if p.name == name)


def test_events_in_english(db):
    res = runner.invoke(app, ["events", "--db", db, "--lang", "en", "--type", "CONSULT", "--country", "JO"])
    assert res.exit_code == 0, res.output
    out = _lines_of_table(res.stdout)
    safadi = _latin(db, "أيمن الصفدي")
    assert safadi.isascii() and "summary" in res.stdout.splitlines()[1] and safadi in out and "Amman" in out
    assert "foreign minister" in out


def test_show_marks_events_in_place_and_colours_on_request(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("التقى وزير الخارجية الأردني أيمن الصفدي أمس نظيره العراقي فؤاد حسين في بغداد.", encoding="utf-8")
    plain = runner.invoke(app, ["show", str(src), "--published", "2024-03-14"])
    assert plain.exit_code == 0 and "\x1b[" not in plain.stdout
    assert "<<التقى|CONSULT:e1>>" in plain.stdout and "{أمس|2024-03-13}" in plain.stdout
    assert "en: Jordan's foreign minister " in plain.stdout and " met Iraq's foreign minister " in plain.stdout
    coloured = runner.invoke(app, ["show", str(src), "--published", "2024-03-14", "--color"])
    assert coloured.exit_code == 0 and "\x1b[" in coloured.stdout
    assert "[[" not in coloured.stdout and "⟨CONSULT:e1⟩" in coloured.stdout and "⟨PER:p1⟩" in coloured.stdout


@pytest.mark.parametrize("args,expected", [
    (["events", "--type", "MEET"], "valid types: AGREE, CONSULT, SUPPORT"),
    (["events", "--country", "LIBYA"], "valid codes: AD, AE"),
    (["events", "--since", "yesterday"], "valid forms: YYYY-MM-DD, YYYY-MM or YYYY"),
    (["events", "--until", "2024-13-01"], "--until: not a date"),
    (["documents", "--since", "2024/01/01"], "--since: not a date"),
    (["actors", "--country", "XX"], "--country: unknown ISO 3166 code XX"),
    (["timeline", "--pair", "EG", "LYB"], "--country: unknown ISO 3166 code LYB"),
])
def test_unknown_filter_values_are_refused_with_the_valid_ones(db, args, expected):
    res = runner.invoke(app, [*args, "--db", db])
    assert res.exit_code == 2 and expected in res.stderr and not res.stdout


def test_valid_partial_dates_are_accepted(db):
    res = runner.invoke(app, ["events", "--db", db, "--since", "2024", "--until", "2024-03", "--format", "json"])
    assert res.exit_code == 0 and isinstance(json.loads(res.stdout), list)


@pytest.mark.parametrize("url,expected", [
    ("nosuch://x", "cannot open nosuch://x"),
    ("postgresql://me:secret@127.0.0.1:1/x", "postgresql://me:***@127.0.0.1:1/x"),
    ("sqlite:////no/such/folder/m.db", "no such database: /no/such/folder/m.db"),
    ("marsad", "not a database URL: 'marsad'"),
])
def test_a_bad_database_is_one_line_not_a_traceback(url, expected):
    res = runner.invoke(app, ["events", "--db", url])
    assert res.exit_code == 1, res.output
    assert expected in res.stderr and "Traceback" not in res.output and len(res.stderr.strip().splitlines()) == 1
    assert "secret" not in res.output


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("not a database", encoding="utf-8")
    res = runner.invoke(app, ["documents", "--db", str(junk)])
    assert res.exit_code == 1 and "file is not a database" in res.stderr and "Traceback" not in res.output


@pytest.mark.parametrize("command", [["events"], ["documents"], ["actors"], ["actor", "x"], ["stories"],
                                     ["story", "s1"], ["timeline", "--pair", "EG", "LY"], ["show", "doc1"],
                                     ["resolve"], ["export", "--format", "csv"], ["actors", "merge", "a", "b"]])
def test_queries_on_a_missing_database_say_so_and_create_nothing(tmp_path, command):
    path = tmp_path / "absent.db"
    res = runner.invoke(app, [*command, "--db", f"sqlite:///{path}"])
    assert res.exit_code == 1, res.output
    assert f"no such database: {path}" in res.stderr
    assert not path.exists()


def test_ingest_creates_the_database_a_query_would_not(tmp_path):
    path = tmp_path / "new.db"
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(src), "--db", str(path), "-q"]).exit_code == 0
    assert path.exists()
    assert runner.invoke(app, ["documents", "--db", str(path)]).exit_code == 0  # a plain path is a SQLite file


def test_merging_an_unknown_actor_fails_with_a_message(db):
    res = runner.invoke(app, ["actors", "merge", "a0000001", "a9999999", "--db", db])
    assert res.exit_code == 1 and "no such actor: a9999999" in res.stderr and "Traceback" not in res.output


def test_stories_and_one_story_with_articles_events_and_disagreements(db):
    rows = json.loads(runner.invoke(app, ["stories", "--db", db, "--format", "json"]).stdout)
    (story,) = [r for r in rows if {"a", "b"} <= set(r["articles"])]
    res = runner.invoke(app, ["story", story["story"], "--db", db])
    assert res.exit_code == 0, res.output
    assert f"{len(story['articles'])} articles" in res.stdout
    assert "http://petra.example/a" in res.stdout and "الغد" in res.stdout
    assert "disagreement: date: 2024-03-13 / 2024-03-14" in res.stdout and _latin(db, "أيمن الصفدي") in res.stdout
    detail = json.loads(runner.invoke(app, ["story", story["story"], "--db", db, "--format", "json"]).stdout)
    assert {"a", "b"} <= {a["id"] for a in detail["documents"]}
    (told,) = [e for e in detail["canonical_events"] if e["disagreements"]]
    assert told["corroboration"] >= 2 and {"a", "b"} <= set(told["sources"]) and told["summary_en"]
    assert f"corroboration {told['corroboration']}; sources: " in res.stdout
    missing = runner.invoke(app, ["story", "s404", "--db", db])
    assert missing.exit_code == 1 and "no such story" in missing.stderr


def test_progress_shows_a_rate_and_knows_the_total(tmp_path):
    clock = [0.0]
    bar = Progress(RateColumn(), get_time=lambda: clock[0])
    task = bar.add_task("x", total=10)
    assert "- articles/s" in str(RateColumn().render(bar.tasks[0]))
    for _ in range(4):
        clock[0] += 0.5
        bar.advance(task)
    assert str(RateColumn().render(bar.tasks[0])) == "2.0 articles/s"
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps({"text": TEXT}) for _ in range(3)) + "\n\n")
    (tmp_path / "c.json").write_text(json.dumps([{"text": TEXT}] * 2))
    assert count_records([str(tmp_path)]) == 6 == len(list(iter_articles([str(tmp_path)])))
    assert count_records(["-"]) is None


def test_ctrl_c_during_ingest_says_what_was_stored(tmp_path, monkeypatch):
    def interrupted(paths):
        yield from iter_articles(paths)
        raise KeyboardInterrupt

    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(service, "read", interrupted)
    url = f"sqlite:///{tmp_path}/m.db"
    res = runner.invoke(app, ["ingest", str(src), "--db", url])
    assert res.exit_code == 130
    assert "interrupted: added 1, updated 0, unchanged 0, skipped 0" in res.stderr and "marsad resolve" in res.stderr
    assert Store(url).count()["documents"] == 1


def test_json_lists_field_aliases_and_sidecar_dates(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([A, B, "oops"], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "two.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / SIDECAR).write_text("# file\tpublished\none.txt\t2021-05-06\nsub/two.txt\t2021-05-07\n"
                                    "list.json\t1999-01-01\nbad.txt\tMay 5\n", encoding="utf-8")
    out = {r.item.replace(str(tmp_path) + "/", ""): r for r in iter_articles([str(tmp_path)])}
    a, b = out["list.json[1]"], out["list.json[2]"]
    assert (a.text, a.published, a.outlet) == (A["content"], "2024-03-14", "بترا")
    assert (b.published, b.outlet, b.title) == ("2024-03-15", "الغد", B["title"])  # date_extracted, source
    assert isinstance(out["list.json[3]"], InputError)
    assert out["one.txt"].published == "2021-05-06" and out["sub/two.txt"].published == "2021-05-07"
    bad = [r for r in out.values() if isinstance(r, InputError) and SIDECAR in r.item]
    assert len(bad) == 1 and bad[0].item.endswith(f"{SIDECAR}:5")
    problem, alone = list(iter_articles([str(tmp_path / "one.txt")]))
    assert alone.published == "2021-05-06"  # a file given alone reads its own folder's sidecar …
    assert isinstance(problem, InputError) and problem.item.endswith(f"{SIDECAR}:5")
    (deeper,) = list(iter_articles([str(tmp_path / "sub" / "two.txt")]))
    assert deeper.published is None  # … and no folder above it


def test_the_readme_documents_the_input_fields_and_the_output_guide():
    text = README.read_text(encoding="utf-8")
    for names in FIELD_NAMES.values():
        for name in names:
            assert f"`{name}`" in text, name
    for term in (SIDECAR, ".json", "country:", "modality", "corroboration", "contexts", "summary_en",
                 "marsad export", "--lang en", "marsad story"):
        assert term in text, term
