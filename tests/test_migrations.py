"""Schema migrations (Alembic): a store made by an older Marsad is upgraded in place, never rebuilt.

`data/store-main-b139e95.sql.gz` is the SQLite dump of `marsad demo` run by the last Marsad without Alembic
(main at b139e95, schema_version 2), its FTS5 table left out (it is derived from `search_rows`).
"""

import gzip
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text
from typer.testing import CliRunner

from marsad import service
from marsad.cli import app
from marsad.extract.pipeline import analyse
from marsad.model import Document, Entity, Event, Span
from marsad.store import Store
from marsad.store.db import EventFilter, engine_url
from marsad.store.migrate import _config, current, head
from marsad.store.schema import Base, EntityRow, EventRow, MetaRow
from tests.previous_schema import schema_diff, to_previous_schema

MAIN_DUMP = Path(__file__).parent / "data" / "store-main-b139e95.sql.gz"
NO_STATE_1 = "قال سامر يوسف إن الاجتماع كان مثمرا وإن الجانبين اتفقا على مواصلة الحوار خلال الأسابيع المقبلة."
NO_STATE_2 = "أكد رامي منصور أن المفاوضات ستستمر وأن الطرفين سيلتقيان مجددا الشهر المقبل لبحث التفاصيل."
WITH_STATE = "التقى وزير الخارجية الأردني سامر يوسف في عمان نظيره العراقي فؤاد حسين وبحثا التعاون بين البلدين."


def _main_store(tmp_path) -> Path:
    """Return a SQLite file holding the store main made, with a few values of the forms it could hold edited in."""
    path = tmp_path / "main.db"
    conn = sqlite3.connect(path)
    conn.executescript(gzip.decompress(MAIN_DUMP.read_bytes()).decode("utf-8"))
    pks = [pk for pk, in conn.execute("SELECT pk FROM events ORDER BY pk")]
    conn.execute("UPDATE events SET date_value = '2015-08', date_precision = 'month' WHERE pk = ?", (pks[0],))
    conn.execute("UPDATE events SET date_value = '2015', date_precision = 'year' WHERE pk = ?", (pks[1],))
    conn.execute("UPDATE events SET date_value = '--03-05', date_precision = 'day' WHERE pk = ?", (pks[2],))
    conn.execute("UPDATE documents SET published = '2021-02-30' WHERE id = '04_rabat_denial'")
    conn.commit()
    conn.close()
    return path


def _kbs(store: Store) -> dict:
    with store.session() as s:
        return {(d, lid): kb for d, lid, kb in s.execute(select(EntityRow.doc_id, EntityRow.local_id, EntityRow.kb_id))}


def test_a_store_made_by_main_without_alembic_is_upgraded_in_place(tmp_path):
    path = _main_store(tmp_path)
    before = sqlite3.connect(path)
    pks = [pk for pk, in before.execute("SELECT pk FROM events ORDER BY pk")]
    kbs = dict(((d, lid), kb) for d, lid, kb in before.execute("SELECT doc_id, local_id, kb_id FROM entities"))
    stamps = dict(before.execute("SELECT doc_id, resolved_at FROM doc_state"))
    before.close()
    store = Store(f"sqlite:///{path}")
    with store.engine.connect() as conn:
        assert current(conn) == head()
    assert store.count() == {"documents": 4, "entities": 24, "events": 10, "quotes": 7}
    with store.session() as s:
        events = {e.pk: e for e in s.scalars(select(EventRow))}
        assert sorted(events) == pks  # the same rows, not rebuilt
        assert (events[pks[0]].date_on, events[pks[0]].date_precision, events[pks[0]].date_value) == \
            ("2015-08-01", "month", "2015-08")
        assert (events[pks[1]].date_on, events[pks[1]].date_value) == ("2015-01-01", "2015")
        assert events[pks[2]].date_on is None  # «--03-05» names no year: undated, as it was shown
        assert s.get(MetaRow, "next_actor").value == "6"
    assert _kbs(store) == kbs
    after = sqlite3.connect(path)
    assert dict(after.execute("SELECT doc_id, resolved_at FROM doc_state")) == stamps  # resolution state kept
    after.close()
    assert service.document(store, "04_rabat_denial") is not None
    assert [d["published"] for d in service.documents(store) if d["id"] == "04_rabat_denial"] == [None]
    assert service.resolve(store).documents == 0  # nothing to link again: the derived tables were kept
    in_2015 = store.events(EventFilter(since="2015-08-01", until="2015-08-31"))
    assert [e.pk for e in in_2015] == [pks[0]]
    assert {e.pk for e in store.events(EventFilter(since="2015", until="2015"))} == {pks[0], pks[1]}
    assert service.search(store, "الصفدي").total >= 1  # the FTS index is built again from the kept rows
    assert store.add(analyse(NO_STATE_1, {"id": "new", "published": "2021-03-01"})) == "added"
    assert service.resolve(store).documents == 1


def _dated_doc() -> Document:
    """A hand-made document with an event dated to a month and one to a year."""
    body = "سامر يوسف التقى رامي منصور في أغسطس ثم زاره في العام نفسه"
    ents = [Entity(f"p{i}", "PER", n, [Span(body.index(n), body.index(n) + len(n), n)])
            for i, n in enumerate(["سامر يوسف", "رامي منصور"], 1)]
    evs = [Event(f"e{i}", "CONSULT", Span(0, len(body), body), ["p1", "p2"], ["p1"], ["p2"],
                 date={"value": value, "precision": precision})
           for i, (value, precision) in enumerate([("2015-08", "month"), ("2015", "year")], 1)]
    return Document("month", body, published="2015-09-01", entities=ents, events=evs, content_hash="h-month")


def _snapshot(store: Store) -> tuple:
    with store.session() as s:
        events = sorted((e.doc_id, e.local_id, e.date_value, e.date_precision) for e in s.scalars(select(EventRow)))
    docs = sorted((d["id"], d["published"]) for d in service.documents(store))
    return events, docs, _kbs(store), [r["kb_id"] for r in service.actors(store).rows]


def test_the_previous_schema_is_upgraded_on_both_databases(db_url):
    store = Store(db_url)
    service.demo(store)
    store.add(_dated_doc())
    service.resolve(store)
    before = _snapshot(store)
    assert {("month", "m:e1", "2015-08", "month"), ("month", "m:e2", "2015", "year")} <= {
        (d, f"m:{lid}", v, p) for d, lid, v, p in before[0]}
    store.close()
    to_previous_schema(db_url)
    again = Store(db_url)
    assert _snapshot(again) == before
    assert service.resolve(again).documents == 0
    with again.engine.connect() as conn:
        assert current(conn) == head()


def test_fresh_migrations_give_exactly_the_models(db_url):
    Store(db_url).close()
    engine = create_engine(engine_url(db_url))
    with engine.connect() as conn:
        assert schema_diff(conn, Base.metadata) == []
    engine.dispose()


def _add(store: Store, doc_id: str, body: str) -> None:
    store.add(analyse(body, {"id": doc_id, "published": "2021-03-01"}))


def _kb(store: Store, doc_id: str, name: str) -> str | None:
    with store.session() as s:
        return s.scalar(select(EntityRow.kb_id).where(EntityRow.doc_id == doc_id, EntityRow.name == name))


def test_a_schema_1_store_has_its_derived_tables_rebuilt_once(db_url):
    store = Store(db_url)
    _add(store, "a", NO_STATE_1)
    _add(store, "c", WITH_STATE)
    service.resolve(store)
    store.close()
    to_previous_schema(db_url, version=1)
    again = Store(db_url)
    with again.session() as s:
        assert s.get(MetaRow, "schema_version").value == "2"
    assert _kb(again, "a", "سامر يوسف") == _kb(again, "c", "سامر يوسف") is not None
    assert service.resolve(again).documents == 0


def test_a_recorded_merge_survives_the_migration_of_a_schema_1_store(db_url):
    store = Store(db_url)
    _add(store, "a", NO_STATE_1)
    _add(store, "b", NO_STATE_2)
    service.resolve(store)
    samer, rami = _kb(store, "a", "سامر يوسف"), _kb(store, "b", "رامي منصور")
    service.merge_actors(store, rami, samer)
    store.close()
    to_previous_schema(db_url, version=1)  # schema 1 kept only entities.kb_id (merges applied) and the override log
    again = Store(db_url)
    assert _kb(again, "a", "سامر يوسف") == rami == _kb(again, "b", "رامي منصور")
    _add(again, "c", WITH_STATE)
    service.resolve(again)
    assert _kb(again, "c", "سامر يوسف") == rami
    assert [r["kb_id"] for r in service.actors(again).rows if "سامر يوسف" in r["variants"]] == [rami]


@pytest.mark.parametrize("revision", ["0001", "0002", "0003"])
def test_a_store_left_at_any_revision_is_brought_to_the_head(tmp_path, revision):
    url = f"sqlite:///{tmp_path}/m.db"
    store = Store(url)
    _add(store, "a", NO_STATE_1)
    store.close()
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(_config(conn), revision)
    engine.dispose()
    again = Store(url)
    with again.engine.connect() as conn:
        assert current(conn) == head()
    assert service.document(again, "a") is not None and again.count()["documents"] == 1


def test_a_store_made_by_a_newer_marsad_is_refused_in_one_line(tmp_path):
    url = f"sqlite:///{tmp_path}/m.db"
    Store(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    res = CliRunner().invoke(app, ["documents", "--db", url])
    assert res.exit_code == 1
    assert "revision 9999) is newer than this Marsad knows" in res.stderr and "Traceback" not in res.output
