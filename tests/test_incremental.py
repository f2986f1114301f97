"""Incremental resolution: stable ids, corrections that survive ingest, only new documents processed."""

import json

from sqlalchemy import select
from typer.testing import CliRunner

from marsad import service
from marsad.cli import app
from marsad.extract.pipeline import analyse
from marsad.model import Document, Entity, Event, Span
from marsad.store import Store
from marsad.store.schema import DocStateRow, EntityRow, StoryRow

NO_STATE_1 = "قال سامر يوسف إن الاجتماع كان مثمرا وإن الجانبين اتفقا على مواصلة الحوار خلال الأسابيع المقبلة."
NO_STATE_2 = "أكد رامي منصور أن المفاوضات ستستمر وأن الطرفين سيلتقيان مجددا الشهر المقبل لبحث التفاصيل."
WITH_STATE = "التقى وزير الخارجية الأردني سامر يوسف في عمان نظيره العراقي فؤاد حسين وبحثا التعاون بين البلدين."
BAGHDAD = ("التقى وزير الخارجية الأردني أيمن الصفدي أمس نظيره العراقي فؤاد حسين في بغداد وبحثا التعاون "
           "بين البلدين في مجالات الأمن والاقتصاد والطاقة.")
BAGHDAD_COPY = BAGHDAD.replace("أمس", "أمس الأحد")


def _store(url: str) -> Store:
    return Store(url)


def _add(store: Store, doc_id: str, body: str, published: str = "2021-03-01") -> str:
    return store.add(analyse(body, {"id": doc_id, "published": published}))


def _kb(store: Store, doc_id: str, name: str) -> str | None:
    with store.session() as s:
        return s.scalar(select(EntityRow.kb_id).where(EntityRow.doc_id == doc_id, EntityRow.name == name))


def _two_actors_merged(db_url) -> tuple[Store, str, str]:
    """A store of two articles naming two stateless persons, resolved; Samer then merged into Rami."""
    store = _store(db_url)
    _add(store, "a", NO_STATE_1)
    _add(store, "b", NO_STATE_2)
    service.resolve(store)
    samer, rami = _kb(store, "a", "سامر يوسف"), _kb(store, "b", "رامي منصور")
    assert samer and rami and samer != rami
    service.merge_actors(store, rami, samer)
    return store, samer, rami


def test_merge_holds_when_a_new_article_gives_one_side_a_nationality(db_url):
    store, samer, rami = _two_actors_merged(db_url)
    _add(store, "c", WITH_STATE)  # «الأردني»: the merged-away side now has a state
    service.resolve(store)
    assert _kb(store, "c", "سامر يوسف") == rami
    assert _kb(store, "a", "سامر يوسف") == rami
    page = service.actors(store)
    kept = next(r for r in page.rows if r["kb_id"] == rami)
    assert set(kept["variants"]) == {"سامر يوسف", "رامي منصور"} and kept["articles"] == 3
    assert not any(r["kb_id"] == samer for r in page.rows)
    assert service.resolve(store, full=True).documents == 3
    assert _kb(store, "c", "سامر يوسف") == rami  # a full recomputation keeps the merge too


def test_actor_ids_never_change_and_only_new_documents_are_linked(db_url):
    store = _store(db_url)
    _add(store, "a", NO_STATE_1)
    first = service.resolve(store)
    samer = _kb(store, "a", "سامر يوسف")
    with store.session() as s:
        stamp = s.scalar(select(DocStateRow.resolved_at).where(DocStateRow.doc_id == "a"))
    _add(store, "c", WITH_STATE)
    second = service.resolve(store)
    assert first.documents == 1 and second.documents == 1
    assert _kb(store, "a", "سامر يوسف") == samer == _kb(store, "c", "سامر يوسف")
    with store.session() as s:  # the untouched document's derived row was not rewritten
        assert s.scalar(select(DocStateRow.resolved_at).where(DocStateRow.doc_id == "a")) == stamp
    assert service.resolve(store).documents == 0
    service.resolve(store, full=True)
    assert _kb(store, "a", "سامر يوسف") == samer


def test_near_duplicates_and_story_keep_their_id_as_articles_arrive(db_url):
    store = _store(db_url)
    _add(store, "a", BAGHDAD * 2)
    service.resolve(store)
    with store.session() as s:
        alone = s.scalar(select(DocStateRow.story_id).where(DocStateRow.doc_id == "a"))
    assert alone
    _add(store, "b", BAGHDAD_COPY * 2)
    summary = service.resolve(store)
    assert summary.duplicate_groups == 1 and summary.stories == 1
    with store.session() as s:
        story = s.get(StoryRow, alone)
        assert story.doc_ids == ["a", "b"]
    assert service.stories(store)[0]["story"] == alone
    service.resolve(store, full=True)
    assert service.stories(store)[0]["story"] == alone


def test_split_survives_an_updated_article(db_url):
    store = _store(db_url)
    _add(store, "a", NO_STATE_1)
    _add(store, "b", NO_STATE_1.replace("مثمرا", "مفيدا"))
    service.resolve(store)
    samer = _kb(store, "a", "سامر يوسف")
    assert _kb(store, "b", "سامر يوسف") == samer
    msg = service.split_actor(store, samer, ["b"])
    other = _kb(store, "b", "سامر يوسف")
    assert other != samer and other in msg
    assert _add(store, "b", NO_STATE_1.replace("مثمرا", "مفيدا جدا")) == "updated"
    service.resolve(store)
    assert _kb(store, "b", "سامر يوسف") == other and _kb(store, "a", "سامر يوسف") == samer


def test_stored_document_json_carries_actor_ids(db_url):
    store = _store(db_url)
    _add(store, "a", BAGHDAD)
    service.resolve(store)
    data = store.document_json("a")
    persons = [e for e in data["entities"] if e["type"] == "PER"]
    assert persons and all(e["kb_id"] for e in persons)
    listed = {r["kb_id"] for r in service.actors(store).rows}
    assert {e["kb_id"] for e in persons} <= listed


def _doc(doc_id: str, people: list[str], events: list[tuple[str, list[str]]]) -> Document:
    """A hand-made document: persons p1, p2, ... and events (evidence, participant ids)."""
    body = " ".join(people + [e for e, _ in events])
    ents = [Entity(f"p{i}", "PER", name, [Span(body.index(name), body.index(name) + len(name), name)])
            for i, name in enumerate(people, 1)]
    evs = [Event(f"e{i}", "CONSULT", Span(body.index(ev), body.index(ev) + len(ev), ev), list(refs), list(refs),
                 date={"value": "2021-03-01", "precision": "day"})
           for i, (ev, refs) in enumerate(events, 1)]
    return Document(doc_id, body, published="2021-03-01", entities=ents, events=evs, content_hash=f"h-{doc_id}")


def test_actor_profile_lists_only_this_persons_events_and_counterparts(db_url):
    store = _store(db_url)
    store.add(_doc("a", ["سامر يوسف", "فؤاد حسين"], [("لقاء سامر وفؤاد", ["p1", "p2"])]))
    # in b the same person is p2; p1 (another person) has an event of his own
    store.add(_doc("b", ["رامي منصور", "سامر يوسف"], [("زيارة رامي وحده", ["p1"]), ("تصريح سامر", ["p2"])]))
    service.resolve(store)
    prof = service.actor_profile(store, "سامر يوسف")
    assert "events: 2" in prof and "تصريح سامر" in prof and "لقاء سامر وفؤاد" in prof
    assert "زيارة رامي وحده" not in prof
    counterparts = prof.splitlines()[-1]
    assert "فؤاد حسين (1)" in counterparts and "رامي منصور" not in counterparts


def test_actors_listing_pages_and_counts(db_url):
    db = db_url
    store = Store(db)
    _add(store, "a", BAGHDAD)
    _add(store, "b", NO_STATE_1)
    _add(store, "c", NO_STATE_2)
    service.resolve(store)
    runner = CliRunner()
    every = runner.invoke(app, ["actors", "--db", db, "--format", "json"])
    rows = json.loads(every.stdout)
    assert len(rows) == 4 and "4 actors; showing 1-4" in every.stderr
    page = runner.invoke(app, ["actors", "--db", db, "--format", "json", "--limit", "2", "--offset", "1"])
    assert json.loads(page.stdout) == rows[1:3] and "4 actors; showing 2-3" in page.stderr


def _partitions(store: Store) -> tuple[set, set, set]:
    from marsad.store.schema import DuplicateRow

    with store.session() as s:
        ents = s.execute(select(EntityRow.kb_id, EntityRow.doc_id, EntityRow.local_id)
                         .where(EntityRow.kb_id.is_not(None))).all()
        dups = s.execute(select(DuplicateRow.group_id, DuplicateRow.doc_id)).all()
        stories = {tuple(st.doc_ids) for st in s.scalars(select(StoryRow).where(StoryRow.size > 1))}
    actors: dict[str, set] = {}
    for kb, d, lid in ents:
        actors.setdefault(kb, set()).add((d, lid))
    groups: dict[str, set] = {}
    for g, d in dups:
        groups.setdefault(g, set()).add(d)
    return ({frozenset(v) for v in actors.values()}, {frozenset(v) for v in groups.values()}, stories)


def test_linking_one_article_at_a_time_matches_a_full_recomputation(db_url, seeds, seed_published):
    store = _store(db_url)
    texts = [(p.stem, p.read_text(encoding="utf-8"), seed_published.get(p.name)) for p in seeds]
    texts += [(f"{stem}-copy", body.replace("،", "، ", 1) + " وأضاف المصدر أن الاجتماع كان مثمرا.", pub)
              for stem, body, pub in texts[:2]]
    for stem, body, pub in texts:
        assert _add(store, stem, body, pub) == "added"
        assert service.resolve(store).documents == 1
    step = _partitions(store)
    assert step[1] and step[2]  # the copies make near-duplicate groups and stories
    service.resolve(store, full=True)
    assert _partitions(store) == step


def test_stored_band_shape_is_the_one_datasketch_uses():
    from datasketch import MinHashLSH

    from marsad.resolve.duplicates import LSH_SHAPE, NUM_PERM, THRESHOLD

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == LSH_SHAPE


def test_show_of_a_stored_document_gives_person_actor_ids(db_url):
    db = db_url
    store = Store(db)
    _add(store, "a", BAGHDAD)
    service.resolve(store)
    kb = _kb(store, "a", "أيمن الصفدي")
    runner = CliRunner()
    shown = runner.invoke(app, ["show", "a", "--db", db])
    assert shown.exit_code == 0 and f"أيمن الصفدي = {kb}" in shown.stdout
    data = json.loads(runner.invoke(app, ["show", "a", "--db", db, "--json"]).stdout)
    assert next(e for e in data["entities"] if e["name"] == "أيمن الصفدي")["kb_id"] == kb


def test_nasab_forms_and_a_wrong_state_link_the_same_one_at_a_time_and_in_full(db_url):
    store = _store(db_url)
    docs = [("n1", ["طلال بن منصور", "هشام القرعاوي"], "MA"), ("n2", ["طلال بن منصور بن فهد آل سعود"], None),
            ("n3", ["طلال بن منصور"], "QA"), ("n4", ["هشام القرعاوي"], "TN")]
    for doc_id, people, state in docs:
        d = _doc(doc_id, people, [])
        for e in d.entities:
            e.country = state
        store.add(d)
        service.resolve(store)  # one article at a time
    one_by_one = {(d, n): _kb(store, d, n) for d, ps, _ in docs for n in ps}
    assert len({one_by_one[("n1", "طلال بن منصور")], one_by_one[("n2", "طلال بن منصور بن فهد آل سعود")],
                one_by_one[("n3", "طلال بن منصور")]}) == 1
    assert one_by_one[("n1", "هشام القرعاوي")] == one_by_one[("n4", "هشام القرعاوي")]
    service.resolve(store, full=True)
    assert {(d, n): _kb(store, d, n) for d, ps, _ in docs for n in ps} == one_by_one
