"""Faults in the store (issue 16 items 5 and 6): a process killed in the middle of `marsad ingest`, two writers
on one store at once, two writers storing the same content at the same moment."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from itertools import islice
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from marsad.extract.pipeline import analyse
from marsad.model import Document
from marsad.store import Store
from marsad.store.db import engine_url
from marsad.store.schema import DocumentRow, EntityRow, EventRow, MentionRow, ParticipantRow, QuoteRow, SearchRow
from marsad.store.search import document_rows
from marsad.store.writes import write_document
from tests.conftest import need_shared
from tests.test_no_data_loss import BAGHDAD, _orphans

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def _articles(tmp_path: Path, name: str, start: int, n: int) -> Path:
    """Write SaudiNewsNet articles start..start+n (lines of the benchmark file) to a JSONL file; return it."""
    with need_shared("data", "news", "saudinewsnet-2015-07.jsonl").open(encoding="utf-8") as fh:
        lines = list(islice(fh, start, start + n))
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _ingest(path: Path, db: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(path), "--db", db, "-q", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


def _stored(db: str) -> int:
    engine = create_engine(engine_url(db))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0
    except Exception:  # not created yet
        return 0
    finally:
        engine.dispose()


def _assert_whole(store: Store) -> None:
    """Every stored document has exactly the rows its analysis holds; no row points at nothing."""
    with store.session() as s:
        def count(table, where) -> int:
            return s.scalar(select(func.count()).select_from(table).where(where)) or 0
        for doc_id, data in s.execute(select(DocumentRow.id, DocumentRow.doc_json)).all():
            doc = Document.from_dict(data)
            ents = select(EntityRow.pk).where(EntityRow.doc_id == doc_id)
            evs = select(EventRow.pk).where(EventRow.doc_id == doc_id)
            assert count(EntityRow, EntityRow.doc_id == doc_id) == len(doc.entities), doc_id
            assert count(MentionRow, MentionRow.entity_pk.in_(ents)) == sum(len(e.mentions) for e in doc.entities)
            assert count(EventRow, EventRow.doc_id == doc_id) == len(doc.events), doc_id
            assert count(ParticipantRow, ParticipantRow.event_pk.in_(evs)) == sum(
                len(dict.fromkeys(e.participants + e.actors + e.recipients)) for e in doc.events)
            assert count(QuoteRow, QuoteRow.doc_id == doc_id) == len(doc.quotes), doc_id
            assert count(SearchRow, SearchRow.doc_id == doc_id) == len(document_rows(doc)), doc_id
    assert not any(_orphans(store).values()), _orphans(store)
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        with store.writing() as s:
            s.execute(text("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')"))


def test_an_ingest_killed_midway_leaves_a_whole_store_and_a_rerun_finishes_it(tmp_path, db_url):
    path = _articles(tmp_path, "in.jsonl", 0, 60)
    proc = _ingest(path, db_url)
    deadline = time.monotonic() + 240
    while _stored(db_url) < 8 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest ended before it could be killed: " + proc.stderr.read()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    store = Store(db_url)
    stored = store.count()["documents"]
    assert 8 <= stored < 60
    _assert_whole(store)
    rerun = _ingest(path, db_url)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"added {60 - stored}, updated 0, unchanged {stored}, skipped 0" in out
    assert store.count()["documents"] == 60 and store.pending() == 0
    with store.session() as s:
        assert s.scalar(select(func.count(func.distinct(DocumentRow.content_hash)))) == 60
    _assert_whole(store)


def test_two_writers_ingesting_at_once_both_finish_and_lose_nothing(tmp_path, db_url):
    Store(db_url).close()  # an existing store: both open it at once
    first = _articles(tmp_path, "first.jsonl", 100, 24)
    second = _articles(tmp_path, "second.jsonl", 112, 24)  # 12 articles in both files
    procs = [_ingest(first, db_url), _ingest(second, db_url)]
    results = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0 and "Traceback" not in err and "IntegrityError" not in err, err
        assert "skipped 0" in out
    added = [int(out.split("added ")[1].split(",")[0]) for out, _ in results]
    assert sum(added) == 36  # each shared article stored once, by whichever writer came first
    store = Store(db_url)
    assert store.count()["documents"] == 36 and store.pending() == 0
    _assert_whole(store)


def test_a_writer_waits_for_another_and_says_so(tmp_path):
    db = tmp_path / "m.db"
    Store(f"sqlite:///{db}").close()
    src = tmp_path / "a.txt"
    src.write_text(BAGHDAD, encoding="utf-8")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process's write transaction
    proc = _ingest(src, f"sqlite:///{db}")
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
    reader.start()
    deadline = time.monotonic() + 120
    while not any("waiting" in line for line in lines) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert proc.poll() is None, "the ingest did not wait for the write lock"
    holder.execute("ROLLBACK")
    holder.close()
    assert proc.wait(timeout=120) == 0
    reader.join(timeout=10)
    assert any("another process is writing to this store; waiting for it" in line for line in lines), lines
    assert "added 1" in proc.stdout.read()


def test_the_same_content_stored_by_two_writers_at_the_same_moment(db_url):
    doc = analyse(BAGHDAD, {"id": "a", "published": "2021-03-01"})
    copy = analyse(BAGHDAD, {"id": "b", "published": "2021-03-01"})
    one, two = Store(db_url), Store(db_url)
    outcome: list[str] = []
    with one.writing() as s:
        assert write_document(s, doc, None, None) == "added"  # not committed yet
        other = threading.Thread(target=lambda: outcome.append(two.add(copy)))
        other.start()
        time.sleep(1.0)  # the other writer is now waiting (on the write lock, or on the unique content hash)
        assert outcome == []
    other.join(timeout=60)
    assert outcome == ["unchanged"]  # no IntegrityError: the content was stored once, by the first
    assert [d.id for d in one.documents()] == ["a"]
