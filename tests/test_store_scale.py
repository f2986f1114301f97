"""The store's tables and queries for a million events (issue 16 item 4), on SQLite and on PostgreSQL: the pairs
of states of canonical events kept in step by resolution, participants carrying their document, migration 0005
filling both in place, event pages that stop counting, and actor profiles read a page at a time."""

import json
from pathlib import Path

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect, select, text, update
from typer.testing import CliRunner

from marsad import service
from marsad.api import create_app
from marsad.cli import app
from marsad.store import Store, queries
from marsad.store.dates import period_text
from marsad.store.db import EventFilter, engine_url
from marsad.store.migrate import _config, current, head
from marsad.store.schema import (
    CanonicalEventRow,
    CanonicalPairRow,
    EntityRow,
    EventRow,
    ParticipantRow,
)

runner = CliRunner()
BAGHDAD = ("التقى وزير الخارجية الأردني أيمن الصفدي أمس نظيره العراقي فؤاد حسين في بغداد وبحثا التعاون "
           "بين البلدين في مجالات الأمن والاقتصاد والطاقة.")
TRIPOLI = ("التقى وزير الداخلية الليبي عماد السنكى وفدا أمنيا مصريا في طرابلس، وبحث الجانبان التنسيق الأمني على "
           "الحدود المشتركة.")
CAIRO = ("استقبل الرئيس المصري عبد الفتاح السيسي أمس في القاهرة وزير الخارجية الأردني أيمن الصفدي وبحثا العلاقات "
         "الثنائية والتعاون بين مصر والأردن.")


def _pairs(store: Store) -> list[tuple]:
    with store.session() as s:
        return sorted(s.execute(select(CanonicalPairRow.canonical_id, CanonicalPairRow.state_a,
                                       CanonicalPairRow.state_b, CanonicalPairRow.date_on)).all())


def _pairs_from_canonical(store: Store) -> list[tuple]:
    """Return the pair rows the canonical events' JSON lists of countries call for."""
    with store.session() as s:
        out = []
        for c in s.scalars(select(CanonicalEventRow)):
            states = sorted(set(c.countries))
            out += [(c.id, a, b, c.date_on) for i, a in enumerate(states) for b in states[i:]]
    return sorted(out)


def _timeline_by_hand(store: Store, a: str, b: str) -> list[str]:
    """Return the ids of the canonical events naming both states, oldest first and the undated last."""
    with store.session() as s:
        hits = [c for c in s.scalars(select(CanonicalEventRow)) if a in c.countries and b in c.countries]
    hits.sort(key=lambda c: (c.date_on is None, c.date_on or "", c.id))
    return [c.id for c in hits]


def _in_step(store: Store) -> None:
    assert _pairs(store) == _pairs_from_canonical(store)
    with store.session() as s:
        states = {cc for c in s.scalars(select(CanonicalEventRow)) for cc in c.countries}
    for a in sorted(states):
        for b in sorted(states):
            total, rows = queries.timeline_page(store, a, b)
            assert [r["id"] for r in rows] == _timeline_by_hand(store, a, b) and total == len(rows)


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_pairs_of_states_follow_the_canonical_events_through_ingest_update_delete_and_merge(tmp_path, db_url):
    rows = [{"id": "a", "text": BAGHDAD, "published": "2021-03-01"},
            {"id": "b", "text": CAIRO, "published": "2021-03-02"},
            {"id": "c", "text": TRIPOLI, "published": "2021-03-03"}]
    assert runner.invoke(app, ["ingest", str(_jsonl(tmp_path / "in.jsonl", rows)), "--db", db_url, "-q"]).exit_code == 0
    store = Store(db_url)
    pairs = _pairs(store)
    assert {(a, b) for _, a, b, _ in pairs} >= {("IQ", "JO"), ("EG", "JO"), ("JO", "JO")}
    _in_step(store)
    rows[1]["published"] = "2022-05-06"  # corrected metadata: the canonical events of «b» are dated again
    assert runner.invoke(app, ["ingest", str(_jsonl(tmp_path / "fix.jsonl", rows[1:2])), "--db", db_url,
                               "-q"]).exit_code == 0
    assert _pairs(store) != pairs
    _in_step(store)
    safadi = [a["kb_id"] for a in service.actors(store, search="الصفدي").rows]
    other = next(a["kb_id"] for a in service.actors(store).rows if a["kb_id"] not in safadi)
    service.merge_actors(store, safadi[0], other)
    _in_step(store)
    assert runner.invoke(app, ["delete", "b", "--db", db_url]).exit_code == 0
    assert not any(cid.startswith("s") and ("EG", "JO") == (a, b) for cid, a, b, _ in _pairs(store))
    _in_step(store)
    before = _pairs(store)
    service.resolve(store, full=True)
    assert [p[1:] for p in _pairs(store)] == [p[1:] for p in before]
    _in_step(store)


def test_participants_carry_the_document_of_their_event(db_url):
    store = Store(db_url)
    service.demo(store)
    with store.session() as s:
        rows = s.execute(select(ParticipantRow.doc_id, EventRow.doc_id)
                         .join(EventRow, EventRow.pk == ParticipantRow.event_pk)).all()
    assert rows and all(mine == theirs for mine, theirs in rows)


def test_migration_0005_fills_the_pairs_and_the_participants_documents_in_place(db_url):
    store = Store(db_url)
    service.demo(store)
    timeline = service.timeline(store, "EG", "LY")
    actor = service.actor_record(store, service.actors(store, limit=1).rows[0]["kb_id"])
    pairs = _pairs(store)
    store.close()
    engine = create_engine(engine_url(db_url))
    with engine.begin() as conn:
        command.downgrade(_config(conn), "0004")
        assert "canonical_pairs" not in inspect(conn).get_table_names()
        assert "doc_id" not in {c["name"] for c in inspect(conn).get_columns("participants")}
    engine.dispose()
    store = Store(db_url)
    with store.engine.connect() as conn:
        assert current(conn) == head()
    assert pairs and _pairs(store) == pairs
    with store.session() as s:
        assert s.scalar(select(ParticipantRow.pk).where(ParticipantRow.doc_id.is_(None)).limit(1)) is None
    assert service.timeline(store, "EG", "LY") == timeline and timeline
    assert service.actor_record(store, actor["kb_id"]) == actor


def test_an_event_page_stops_counting_at_the_cap_and_says_so(db_url, monkeypatch):
    store = Store(db_url)
    service.demo(store)
    every = store.count_events()
    assert every > 3
    page = service.event_page(store, EventFilter(limit=2))
    assert (page.total, page.total_capped, len(page.items)) == (every, False, 2)
    assert page.to_dict()["total_capped"] is False and "total_capped" not in service.story_page(store).to_dict()
    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    page = service.event_page(store, EventFilter(limit=2))
    assert (page.total, page.total_capped, len(page.items)) == (3, True, 2)
    with TestClient(create_app(db_url)) as client:
        body = client.get("/api/events?limit=2").json()
        assert (body["total"], body["total_capped"]) == (3, True)
        one = client.get("/api/events?doc=01_amman_baghdad").json()
        assert one["total_capped"] is False and one["total"] == len(one["items"]) <= 3


def _actor_by_hand(store: Store, kb_id: str) -> tuple[int, list[tuple], list[dict]]:
    """Return an actor's event count, its events in shown order and its counterparts, computed in Python from
    every row (as Marsad did before it paged them)."""
    with store.session() as s:
        ents = {(d, lid): kb for d, lid, kb in s.execute(select(EntityRow.doc_id, EntityRow.local_id,
                                                                 EntityRow.kb_id))}
        names = dict(s.execute(text("SELECT kb_id, name FROM actors")).all())
        events = {e.pk: e for e in s.scalars(select(EventRow))}
        parts = s.execute(select(ParticipantRow.event_pk, ParticipantRow.ref, ParticipantRow.name)).all()
    mine = {epk for epk, ref, _ in parts if ents.get((events[epk].doc_id, ref)) == kb_id}
    shown = sorted((period_text(events[pk].date_on, events[pk].date_precision) or "", events[pk].type,
                    events[pk].doc_id, events[pk].evidence_text, pk) for pk in mine)
    counter: dict[tuple, set] = {}
    for epk, ref, name in parts:
        kb = ents.get((events[epk].doc_id, ref))
        if epk not in mine or kb == kb_id:
            continue
        label = names.get(kb) if kb else (ref if ref.startswith("country:") else name)
        if label:
            counter.setdefault((label, kb), set()).add(epk)
    others = sorted(({"name": n, "kb_id": kb, "events": len(pks)} for (n, kb), pks in counter.items()),
                    key=lambda c: (-c["events"], c["name"], c["kb_id"] or ""))
    return len(mine), shown, others


def test_an_actor_profile_reads_a_page_of_events_in_the_order_of_their_shown_dates(db_url):
    store = Store(db_url)
    service.demo(store)
    kb = service.actors(store, limit=1).rows[0]["kb_id"]
    with store.writing() as s:  # dates of every precision, some sharing a first day, and one undated
        pks = [pk for pk, in s.execute(select(EventRow.pk).order_by(EventRow.pk))]
        for pk, day, precision in zip(pks, ["2024-01-01", "2024-01-01", "2023-12-31", "2024-01-01", None],
                                      ["year", "day", "day", "month", None], strict=False):
            s.execute(update(EventRow).where(EventRow.pk == pk).values(date_on=day, date_precision=precision))
    count, shown, others = _actor_by_hand(store, kb)
    assert count >= 2
    for n in (0, 1, 2, 50):
        rec = service.actor_record(store, kb, events=n)
        assert rec["event_count"] == count and rec["counterparts"] == others
        assert [(e["date"] or "", e["type"], e["doc"], e["evidence"], e["id"]) for e in rec["events"]] == shown[:n]


@pytest.mark.parametrize("kind", ["timeline", "events"])
def test_the_page_queries_use_their_indexes_on_sqlite(tmp_path, kind):
    store = Store(f"sqlite:///{tmp_path}/s.db")
    service.demo(store)
    if kind == "timeline":
        sql, args = ("SELECT canonical_id FROM canonical_pairs WHERE state_a = ? AND state_b = ?", ("EG", "LY"))
        want = "ix_canonical_pairs_states_date"
    else:
        sql, args = ("SELECT pk FROM events WHERE type = 'CONSULT' AND date_on >= ? AND EXISTS (SELECT 1 FROM "
                     "participants p WHERE p.event_pk = events.pk AND p.country = 'EG')", ("2024-01-01",))
        want = "ix_participants_event_country"
    with store.engine.connect() as conn:
        plan = " ".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, args))
    assert want in plan, plan
