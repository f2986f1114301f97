"""No silent data loss (issue 16 item 5), on SQLite and on PostgreSQL: identities, corrections, deletion, bad
dates, long ids, typed dates, unchanged inputs skipped before analysis, pending resolution, exit codes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from marsad import service
from marsad.cli import app
from marsad.ingest.readers import RawArticle
from marsad.model import Document, Entity, Event, Span
from marsad.store import Store
from marsad.store.db import EventFilter
from marsad.store.schema import (
    ActorRow,
    CanonicalEventRow,
    DocBandRow,
    DocStateRow,
    DocumentRow,
    DuplicateRow,
    EntityRow,
    EventBlockRow,
    EventRow,
    MentionRow,
    ParticipantRow,
    QuoteRow,
    SearchRow,
    StoryRow,
)
from marsad.text.hashing import MAX_ID_BYTES

runner = CliRunner()
BAGHDAD = ("التقى وزير الخارجية الأردني أيمن الصفدي أمس نظيره العراقي فؤاد حسين في بغداد وبحثا التعاون "
           "بين البلدين في مجالات الأمن والاقتصاد والطاقة.")
BAGHDAD_COPY = BAGHDAD.replace("أمس", "أمس الأحد")
TRIPOLI = ("التقى وزير الداخلية الليبي عماد السنكى وفدا أمنيا مصريا في طرابلس، وبحث الجانبان التنسيق الأمني على "
           "الحدود المشتركة.")
OTHER = "قال سامر يوسف إن الاجتماع كان مثمرا وإن الجانبين اتفقا على مواصلة الحوار خلال الأسابيع المقبلة."


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _ingest(db: str, *args: str):
    return runner.invoke(app, ["ingest", *args, "--db", db, "-q"])


def test_two_files_with_one_name_in_two_folders_are_two_documents(tmp_path, db_url):
    for folder, body in (("cairo", BAGHDAD), ("tripoli", TRIPOLI)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "article.txt").write_text(body, encoding="utf-8")
    res = _ingest(db_url, str(tmp_path / "cairo"), str(tmp_path / "tripoli"))
    assert res.exit_code == 0 and "added 2, updated 0, unchanged 0, skipped 0" in res.stdout, res.output
    ids = sorted(d["id"] for d in service.documents(Store(db_url)))
    assert ids == [(tmp_path / f / "article.txt").resolve().as_posix() for f in ("cairo", "tripoli")]
    again = _ingest(db_url, str(tmp_path / "tripoli" / "article.txt"))  # one file given by itself: the same id
    assert "added 0, updated 0, unchanged 1" in again.stdout


def test_extract_writes_two_files_for_two_articles_of_one_name(tmp_path):
    for folder, body in (("a", BAGHDAD), ("b", TRIPOLI)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(body, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["x-2.json", "x.json"]


def test_corrected_metadata_updates_the_article_and_what_depends_on_it(tmp_path, db_url):
    line = {"id": "jo-iq", "text": BAGHDAD, "published": "2021-01-05", "outlet": "petra"}
    res = _ingest(db_url, str(_jsonl(tmp_path / "a.jsonl", [line])))
    assert res.exit_code == 0 and "added 1" in res.stdout
    store = Store(db_url)
    assert {e.date_value for e in store.events()} == {"2021-01-04"}  # «أمس» the day before publication
    assert [r["when"] for r in service.timeline(store, "JO", "IQ")] == ["2021-01-04"]
    fixed = line | {"published": "2021-02-10", "outlet": "Petra", "title": "لقاء في بغداد"}
    res = _ingest(db_url, str(_jsonl(tmp_path / "b.jsonl", [fixed])))
    assert res.exit_code == 0 and "added 0, updated 1, unchanged 0" in res.stdout, res.output
    assert "resolved" in res.stdout
    assert {e.date_value for e in store.events()} == {"2021-02-09"}
    assert [r["when"] for r in service.timeline(store, "JO", "IQ")] == ["2021-02-09"]
    row = service.documents(store)[0]
    assert (row["published"], row["outlet"], row["title"]) == ("2021-02-10", "Petra", "لقاء في بغداد")
    assert len(store.events(EventFilter(since="2021-02-01"))) == len(store.events()) > 0
    assert store.events(EventFilter(until="2021-01-31")) == []
    assert store.count()["documents"] == 1 and store.pending() == 0


def _orphans(store: Store) -> dict[str, int]:
    """Return how many rows point at a parent row that is not there, per child table."""
    with store.session() as s:
        def missing(child, column, parent, key) -> int:
            return s.scalar(select(func.count()).select_from(child).where(column.not_in(select(key)))) or 0
        return {
            "entities": missing(EntityRow, EntityRow.doc_id, DocumentRow, DocumentRow.id),
            "mentions": missing(MentionRow, MentionRow.entity_pk, EntityRow, EntityRow.pk),
            "events": missing(EventRow, EventRow.doc_id, DocumentRow, DocumentRow.id),
            "participants": missing(ParticipantRow, ParticipantRow.event_pk, EventRow, EventRow.pk),
            "quotes": missing(QuoteRow, QuoteRow.doc_id, DocumentRow, DocumentRow.id),
            "search_rows": missing(SearchRow, SearchRow.doc_id, DocumentRow, DocumentRow.id),
            "doc_state": missing(DocStateRow, DocStateRow.doc_id, DocumentRow, DocumentRow.id),
            "doc_bands": missing(DocBandRow, DocBandRow.doc_id, DocumentRow, DocumentRow.id),
            "duplicates": missing(DuplicateRow, DuplicateRow.doc_id, DocumentRow, DocumentRow.id),
            "event_blocks": missing(EventBlockRow, EventBlockRow.event_pk, EventRow, EventRow.pk),
        }


def _everywhere(store: Store, doc_id: str) -> list[str]:
    """Return the derived tables that still name a document."""
    with store.session() as s:
        where = []
        if any(doc_id in (a.doc_ids or []) for a in s.scalars(select(ActorRow))):
            where.append("actors")
        if any(doc_id in (st.doc_ids or []) for st in s.scalars(select(StoryRow))):
            where.append("stories")
        if any(doc_id in (c.sources or []) or any(k.startswith(f"{doc_id}:") for k in c.events)
               for c in s.scalars(select(CanonicalEventRow))):
            where.append("canonical_events")
    return where


def test_delete_removes_a_document_and_everything_from_it(tmp_path, db_url):
    rows = [{"id": "a", "text": BAGHDAD * 2, "published": "2021-03-01"},
            {"id": "b", "text": BAGHDAD_COPY * 2, "published": "2021-03-01"},
            {"id": "c", "text": TRIPOLI, "published": "2021-03-02"}]
    assert _ingest(db_url, str(_jsonl(tmp_path / "in.jsonl", rows))).exit_code == 0
    store = Store(db_url)
    assert service.stories(store) and _everywhere(store, "b") == ["actors", "stories", "canonical_events"]
    assert service.search(store, "الصفدي").total == 2
    res = runner.invoke(app, ["delete", "b", "--db", db_url])
    assert res.exit_code == 0 and "deleted 1 documents" in res.stdout and "resolved" in res.stdout, res.output
    assert service.document(store, "b") is None and store.count()["documents"] == 2
    assert [h.doc for h in service.search(store, "الصفدي").hits] == ["a"]
    assert _everywhere(store, "b") == [] and not any(_orphans(store).values()), _orphans(store)
    assert store.pending() == 0 and service.stories(store) == []  # the story of two is one article now
    incremental = _state(store)
    service.resolve(store, full=True)
    assert _state(store) == incremental  # as if «b» had never been stored
    missing = runner.invoke(app, ["delete", "b", "nothing", "--db", db_url])
    assert missing.exit_code == 1 and "b: no such document" in missing.stderr
    assert "nothing: no such document" in missing.stderr and "deleted 0 documents" in missing.stdout


def _state(store: Store) -> tuple:
    with store.session() as s:
        kbs = sorted(s.execute(select(EntityRow.doc_id, EntityRow.local_id, EntityRow.kb_id)).all())
        stories = sorted((st.id, tuple(st.doc_ids)) for st in s.scalars(select(StoryRow).where(StoryRow.size > 0)))
        canon = sorted((c.story_id, c.type, c.date, tuple(c.sources)) for c in s.scalars(select(CanonicalEventRow)))
        dups = sorted(s.execute(select(DuplicateRow.doc_id, DuplicateRow.group_id)).all())
    return kbs, stories, canon, dups


def test_an_invalid_date_skips_its_item_only_and_the_summary_says_what_was_stored(tmp_path, db_url):
    rows = [{"id": "one", "text": BAGHDAD, "published": "2021-03-01"},
            {"id": "bad", "text": TRIPOLI, "published": "2021-02-30"},
            {"id": "two", "text": OTHER, "date": "Tue, 02 Mar 2021 10:00:00 GMT"}]
    res = _ingest(db_url, str(_jsonl(tmp_path / "in.jsonl", rows)))
    assert res.exit_code == 1
    assert f"skipped {tmp_path / 'in.jsonl'}:2: invalid publication date '2021-02-30'" in res.stderr
    assert "added 2, updated 0, unchanged 0, skipped 1" in res.stdout and "resolved" in res.stdout
    assert "; 2 of 3 items stored, 1 skipped (listed above)" in res.stdout
    store = Store(db_url)
    assert sorted((d["id"], d["published"]) for d in service.documents(store)) == [
        ("one", "2021-03-01"), ("two", "2021-03-02")]
    refused = runner.invoke(app, ["ingest", str(tmp_path / "in.jsonl"), "--db", db_url, "--published", "2021-02-30"])
    assert refused.exit_code == 2 and "--published: not a YYYY-MM-DD date: 2021-02-30" in refused.stderr
    assert store.count()["documents"] == 2


def _feed(path: Path, guid: str, title: str, body: str) -> Path:
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed</title>
<item><title>{title}</title><guid isPermaLink="true">{guid}</guid><link>{guid}</link>
<pubDate>Mon, 01 Mar 2021 08:00:00 GMT</pubDate><description>{body}</description></item>
</channel></rss>""", encoding="utf-8")
    return path


def test_a_percent_encoded_arabic_url_as_a_feed_guid_fits(tmp_path, db_url):
    from urllib.parse import quote

    slug = quote("-".join(["لقاء-وزيري-الخارجية-الأردني-والعراقي-في-بغداد"] * 40))
    guid = f"https://example.com/news/{slug}"
    assert len(guid) > 3 * MAX_ID_BYTES
    res = _ingest(db_url, str(_feed(tmp_path / "a.rss", guid, "لقاء", BAGHDAD)))
    assert res.exit_code == 0 and "added 1" in res.stdout, res.output
    # another GUID with the same first 1000 bytes: the hash of the whole tells them apart
    res = _ingest(db_url, str(_feed(tmp_path / "b.rss", guid[:-3] + "%D9", "لقاء", TRIPOLI)))
    assert res.exit_code == 0 and "added 1" in res.stdout, res.output
    store = Store(db_url)
    ids = [d["id"] for d in service.documents(store)]
    assert len(set(ids)) == 2 and all(len(i.encode()) <= MAX_ID_BYTES and i.startswith(guid[:900]) for i in ids)
    assert all(service.document(store, i) is not None for i in ids)
    with store.session() as s:
        assert s.scalar(select(DocumentRow.url).where(DocumentRow.id == ids[0])) in (guid, guid[:-3] + "%D9")


def _dated() -> Document:
    body = "سامر يوسف التقى رامي منصور ثم زاره ثم اتصل به"
    ents = [Entity(f"p{i}", "PER", n, [Span(body.index(n), body.index(n) + len(n), n)])
            for i, n in enumerate(["سامر يوسف", "رامي منصور"], 1)]
    dates = [("2015-08-02", "day"), ("2015-08", "month"), ("2015", "year"), ("2016-01-04", "week"), (None, None)]
    evs = [Event(f"e{i}", "CONSULT", Span(0, len(body), body), ["p1", "p2"], ["p1"], ["p2"],
                 date={"value": v, "precision": p} if v else None) for i, (v, p) in enumerate(dates, 1)]
    return Document("dated", body, published="2016-01-10", entities=ents, events=evs, content_hash="h-dated")


def test_dates_are_stored_typed_and_bounds_compare_dates(db_url):
    store = Store(db_url)
    store.add(_dated())

    def shown(**bounds) -> list:
        return [e.date_value for e in store.events(EventFilter(**bounds))]
    assert shown() == ["2015", "2015-08", "2015-08-02", "2016-01-04", None]  # by first day, undated last
    assert shown(since="2015-08") == ["2015-08", "2015-08-02", "2016-01-04"]
    assert shown(since="2015-08-02") == ["2015-08-02", "2016-01-04"]
    assert shown(until="2015-08") == ["2015", "2015-08", "2015-08-02"]
    assert shown(until="2015") == ["2015", "2015-08", "2015-08-02"]
    assert shown(since="2016") == ["2016-01-04"]
    assert shown(since="2016", include_undated=True) == ["2016-01-04", None]
    with store.session() as s:
        kinds = s.execute(text("SELECT date_on, date_precision FROM events ORDER BY local_id")).all()
        assert [(str(d) if d else None, p) for d, p in kinds] == [
            ("2015-08-02", "day"), ("2015-08-01", "month"), ("2015-01-01", "year"), ("2016-01-04", "week"),
            (None, None)]
        if store.engine.dialect.name == "postgresql":
            types = dict(s.execute(text(
                "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
                "WHERE column_name IN ('date_on', 'published', 'first_seen') AND table_schema = current_schema()")).all())
            assert types == {"events.date_on": "date", "canonical_events.date_on": "date",
                             "canonical_pairs.date_on": "date", "documents.published": "date",
                             "actor_roles.first_seen": "date"}
    store.add(Document("undated", "نص بلا تاريخ عن لقاء سامر يوسف", content_hash="h-undated"))
    assert [d["id"] for d in service.documents(store)] == ["dated", "undated"]  # newest first, undated last
    assert [d["id"] for d in service.document_page(store).items] == ["dated", "undated"]
    assert [d["id"] for d in service.documents(store, since="2016-01")] == ["dated"]
    assert service.documents(store, since="2016-01-11") == [] and service.documents(store, until="2015") == []


def test_an_unchanged_input_is_recognised_before_it_is_analysed(tmp_path, db_url, monkeypatch):
    path = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": BAGHDAD, "published": "2021-03-01"},
                                          {"id": "b", "text": TRIPOLI, "published": "2021-03-02"},
                                          {"id": "copy", "text": BAGHDAD + "\n", "published": "2021-03-05"}])
    store = Store(db_url)
    first = service.ingest(service.read([str(path)]), store)
    assert (first.added, first.unchanged) == (["a", "b"], ["copy"])  # the same content under another id
    calls = []
    real = service.analyse

    def counting(text_, meta, config=None):
        calls.append(meta["id"])
        return real(text_, meta, config)
    monkeypatch.setattr(service, "analyse", counting)
    again = service.ingest(service.read([str(path)]), store)
    assert again.unchanged == ["a", "b", "copy"] and calls == []  # nothing analysed
    with store.writing() as s:  # as a store upgraded from before the hashes: analysed once, then known
        s.execute(DocumentRow.__table__.update().values(source_hash=None))
    once = service.ingest(service.read([str(path)]), store)
    assert once.unchanged == ["a", "b", "copy"] and calls == ["a", "b"]
    calls.clear()
    assert service.ingest(service.read([str(path)]), store).unchanged == ["a", "b", "copy"] and calls == []
    moved = service.ingest(service.read([str(path)]), store, service.IngestOptions(published="2021-04-01"))
    assert moved.updated == ["a", "b"] and calls == ["a", "b"]  # a new date is new metadata: analysed again


def test_after_an_interrupted_ingest_the_next_run_links_what_is_pending(tmp_path, db_url):
    path = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": BAGHDAD * 2, "published": "2021-03-01"},
                                          {"id": "b", "text": BAGHDAD_COPY * 2, "published": "2021-03-01"},
                                          {"id": "c", "text": TRIPOLI, "published": "2021-03-02"}])
    store = Store(db_url)
    seen = []

    def stop_at_third() -> None:
        seen.append(1)
        if len(seen) == 3:
            raise KeyboardInterrupt
    cut = service.ingest(service.read([str(path)]), store, service.IngestOptions(progress=stop_at_third))
    assert cut.interrupted and cut.added == ["a", "b"] and cut.resolution is None
    assert store.pending() == 2 and service.actors(store).total == 0
    res = _ingest(db_url, str(path))
    assert res.exit_code == 0 and "added 1, updated 0, unchanged 2" in res.stdout and "resolved" in res.stdout
    assert store.pending() == 0 and service.actors(store).total > 0 and service.stories(store)
    assert service.timeline(store, "JO", "IQ")
    again = _ingest(db_url, str(path))  # nothing new, nothing pending: no resolution
    assert "unchanged 3" in again.stdout and "resolved" not in again.stdout
    assert service.resolve(store, since="2000-01").documents == 3  # relink what was ingested since a day
    assert service.resolve(store, since="2999").documents == 0


def test_a_fault_in_one_items_analysis_is_reported_and_the_batch_goes_on(db_url, monkeypatch):
    real = service.analyse

    def faulty(text_, meta, config=None):
        if meta["id"] == "boom":
            raise ValueError("day is out of range for month")
        return real(text_, meta, config)
    monkeypatch.setattr(service, "analyse", faulty)
    store = Store(db_url)
    recs = [RawArticle("a.txt", BAGHDAD, id="a"), RawArticle("boom.txt", TRIPOLI, id="boom"),
            RawArticle("c.txt", OTHER, id="c")]
    report = service.ingest(recs, store)
    assert report.added == ["a", "c"] and report.resolution is not None
    assert report.skipped == ["boom.txt: analysis failed (ValueError: day is out of range for month)"]


def test_the_command_line_gives_blas_one_thread():
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                                              "MKL_NUM_THREADS")}
    code = ("import marsad.cli, os; "
            "print(os.environ['OMP_NUM_THREADS'], os.environ['OPENBLAS_NUM_THREADS'], os.environ['MKL_NUM_THREADS'])")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1", "1"]
    first = subprocess.run([sys.executable, "-c", "import sys, marsad.one_thread; print('numpy' in sys.modules)"],
                           env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "False"  # set before numpy can be imported
    kept = subprocess.run([sys.executable, "-c", code], env=env | {"OMP_NUM_THREADS": "4"}, capture_output=True,
                          text=True, check=True)
    assert kept.stdout.split()[0] == "4"


@pytest.mark.parametrize("value, day", [("2015-07-21 02:51:32", "2015-07-21"), ("2015-07-21T10:00:00Z", "2015-07-21"),
                                        ("Tue, 21 Jul 2015 10:00:00 GMT", "2015-07-21"), ("2021-02-30", None),
                                        ("2021-13-01", None), ("yesterday", None), ("", None)])
def test_publication_dates_are_real_days(value, day):
    from marsad.text.hashing import normalise_published

    assert normalise_published(value) == day


def test_a_dateline_day_without_a_year_is_kept_in_the_document_but_stored_as_no_date(db_url):
    store = Store(db_url)
    doc = Document("dl", "القاهرة في 14 مارس - قال سامر يوسف إن الاجتماع كان مثمرا.", published="--03-14",
                   published_origin="dateline", content_hash="h-dl")
    assert store.add(doc) == "added"
    assert service.documents(store)[0]["published"] is None
    assert service.document(store, "dl").published == "--03-14"
    assert store.add(doc) == "unchanged"
