"""The kept counts of actor profiles (issue 16, a million events): after ingest, re-ingest with corrected metadata
or text, a write not yet resolved, analyst merges and splits, deletion, a full re-resolution and migration 0006,
the tables say what counting every participant of every event from scratch says, and so does each profile, on
SQLite and on PostgreSQL."""

from collections import Counter, defaultdict

from alembic import command
from sqlalchemy import create_engine, inspect, select

from marsad import service
from marsad.extract.pipeline import analyse
from marsad.model import Document
from marsad.store import Store
from marsad.store.actor_counts import counterpart_counts
from marsad.store.db import engine_url
from marsad.store.migrate import _config
from marsad.store.schema import ActorCountRow, ActorDocCountRow, EntityRow, ParticipantRow
from tests.test_store_scale import BAGHDAD, CAIRO, TRIPOLI, _actor_by_hand

AMMAN = ("استقبل العاهل الأردني الملك عبد الله الثاني في عمان وزير الخارجية العراقي فؤاد حسين، وحضر اللقاء وزير "
         "الخارجية الأردني أيمن الصفدي.")


def _shares_by_hand(store: Store) -> Counter:
    """Return each document's share of the counts, counted in Python over every participant of every event:
    (doc, actor, kind, other) → events."""
    with store.session() as s:
        ents = {(d, lid): kb for d, lid, kb in s.execute(select(EntityRow.doc_id, EntityRow.local_id,
                                                                 EntityRow.kb_id))}
        parts = s.execute(select(ParticipantRow.event_pk, ParticipantRow.doc_id, ParticipantRow.ref,
                                 ParticipantRow.name)).all()
    by_event: dict[int, list] = defaultdict(list)
    for epk, doc, ref, name in parts:
        by_event[epk].append((doc, ref, name, ents.get((doc, ref))))
    out: Counter = Counter()
    for members in by_event.values():
        doc = members[0][0]
        for actor in {kb for *_, kb in members if kb}:
            out[(doc, actor, "all", "")] += 1
            others = set()
            for _, ref, name, kb in members:
                if kb == actor:
                    continue
                label = ref if ref.startswith("country:") else name
                if kb or label:
                    others.add(("actor", kb) if kb else ("name", label))
            for kind, other in others:
                out[(doc, actor, kind, other)] += 1
    return out


def _kept(store: Store) -> tuple[Counter, Counter]:
    with store.session() as s:
        docs = Counter({(d, kb, k, o): n for d, kb, k, o, n in s.execute(select(
            ActorDocCountRow.doc_id, ActorDocCountRow.kb_id, ActorDocCountRow.kind, ActorDocCountRow.other,
            ActorDocCountRow.events))})
        sums = Counter({(kb, k, o): n for kb, k, o, n in s.execute(select(
            ActorCountRow.kb_id, ActorCountRow.kind, ActorCountRow.other, ActorCountRow.events))})
    return docs, sums


def _in_step(store: Store) -> Counter:
    """Assert that the kept counts and every actor's profile are those counted from scratch; return the sums."""
    shares = _shares_by_hand(store)
    sums: Counter = Counter()
    for (_, kb, kind, other), n in shares.items():
        sums[(kb, kind, other)] += n
    assert _kept(store) == (shares, sums)
    assert all(n > 0 for n in sums.values())
    for row in service.actors(store).rows:
        count, _, others = _actor_by_hand(store, row["kb_id"])
        rec = service.actor_record(store, row["kb_id"])
        assert (rec["event_count"], rec["counterparts"]) == (count, others), row
    return sums


def test_the_kept_counts_follow_ingest_corrections_merges_splits_deletion_and_full_resolution(db_url):
    store = Store(db_url)
    service.demo(store)
    for i, body in enumerate((BAGHDAD, CAIRO, TRIPOLI, AMMAN)):
        store.add(analyse(body, {"id": f"n{i}", "published": f"2021-03-0{i + 1}"}))
    service.resolve(store)
    first = _in_step(store)
    safadi = [a["kb_id"] for a in service.actors(store, search="الصفدي").rows]
    assert len(safadi) == 1 and first[(safadi[0], "all", "")] >= 3  # one actor across articles
    assert any(kind == "name" and other.startswith("country:") for kb, kind, other in first if kb == safadi[0])

    # corrected metadata: the article is stored again; before resolution its persons are unlinked, and the
    # counts say so (as counting at read time did), after it they are back
    store.add(analyse(CAIRO, {"id": "n1", "published": "2022-05-06", "title": "corrected"}))
    mid = _in_step(store)
    assert mid[(safadi[0], "all", "")] == first[(safadi[0], "all", "")] - 1
    service.resolve(store)
    assert _in_step(store) == first
    store.add(analyse(CAIRO + " وأكد الجانبان أهمية التنسيق.", {"id": "n1", "published": "2022-05-06"}))  # new text
    service.resolve(store)
    _in_step(store)

    others = [a["kb_id"] for a in service.actors(store).rows if a["kb_id"] != safadi[0]]
    service.merge_actors(store, safadi[0], others[0])
    merged = _in_step(store)
    assert not any(kb == others[0] for kb, _, _ in merged)
    docs = sorted({d for d, kb, _, _ in _shares_by_hand(store) if kb == safadi[0]})
    service.split_actor(store, safadi[0], docs[:1])
    _in_step(store)

    service.delete(store, ["n0"], relink=False)  # taken back at once, before any resolution
    _in_step(store)
    service.resolve(store)
    before = _in_step(store)
    service.resolve(store, full=True)
    assert _in_step(store) == before


def test_a_document_stored_with_linked_persons_counts_at_once(db_url):
    store = Store(db_url)
    store.add(analyse(BAGHDAD, {"id": "a", "published": "2021-03-01"}))
    service.resolve(store)
    sums = _in_step(store)
    linked = store.document("a")  # its persons carry their actors
    assert sum(1 for e in linked.entities if e.kb_id) >= 2
    copy = Document.from_dict(linked.to_dict() | {"id": "copy", "content_hash": "another"})
    store.add(copy)
    assert _in_step(store) == sums + sums  # before any resolution
    store.add(Document.from_dict(copy.to_dict() | {"title": "again"}))  # replaced: counted once, not twice
    assert _in_step(store) == sums + sums
    store.delete(["copy"])
    assert _in_step(store) == sums


def test_migration_0006_fills_the_counts_of_a_stored_archive(db_url):
    store = Store(db_url)
    service.demo(store)
    store.add(analyse(AMMAN, {"id": "amman", "published": "2021-03-04"}))
    service.resolve(store)
    kept = _kept(store)
    profiles = [service.actor_record(store, a["kb_id"]) for a in service.actors(store).rows]
    store.close()
    engine = create_engine(engine_url(db_url))
    with engine.begin() as conn:
        command.downgrade(_config(conn), "0005")
        assert "actor_counts" not in inspect(conn).get_table_names()
    engine.dispose()
    again = Store(db_url)
    assert kept[1] and _kept(again) == kept
    _in_step(again)
    assert [service.actor_record(again, a["kb_id"]) for a in service.actors(again).rows] == profiles
    with again.session() as s:
        assert counterpart_counts(s, "no-such-actor") == []
