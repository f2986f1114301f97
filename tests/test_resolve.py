"""Cross-article resolution: actors, roles, corrections, duplicates, stories (on records and on seeds)."""

import json

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.resolve.actors import Override, PersonMention, resolve_actors
from marsad.resolve.duplicates import near_duplicate_groups
from marsad.resolve.stories import EventRecord, build_stories
from marsad.store import Store
from tests.conftest import need_shared


def _m(ref, doc, name, country=None, titles=(), published=None):
    return PersonMention(ref, doc, name, country, list(titles), published)


def _actor_of(actors, ref):
    return next(a for a in actors if ref in a.refs)


def test_spelling_variants_join_and_relatives_stay_apart():
    actors = resolve_actors([
        _m("1", "d1", "عبدالله الثنى", "LY", ["رئيس الوزراء"], "2015-02-20"),
        _m("2", "d2", "عبد الله الثني", "LY", ["رئيس الحكومة"], "2015-02-21"),
        _m("3", "d1", "خليفة حفتر", "LY"), _m("4", "d2", "صدام خليفة حفتر", "LY"), _m("5", "d3", "أحمد خليفة", "EG"),
    ])
    assert _actor_of(actors, "1") is _actor_of(actors, "2")
    assert len({_actor_of(actors, r).kb_id for r in "345"}) == 3


def test_same_person_new_post_is_one_actor_with_dated_roles():
    actors = resolve_actors([
        _m("1", "d1", "كريم الزهراني", "SA", ["رئيس جهاز الاستخبارات"], "2020-03-01"),
        _m("2", "d2", "كريم الزهراني", "SA", ["وزير الداخلية"], "2025-06-01"),
    ])
    a = _actor_of(actors, "1")
    assert a is _actor_of(actors, "2")
    assert [(r.title, r.first_seen) for r in a.roles] == [("رئيس جهاز الاستخبارات", "2020-03-01"),
                                                         ("وزير الداخلية", "2025-06-01")]


def test_common_names_with_different_posts_and_years_stay_apart():
    actors = resolve_actors([
        _m("1", "d1", "محمد إبراهيم", "EG", ["وزير الداخلية"], "2015-01-10"),
        _m("2", "d2", "محمد إبراهيم", "EG", ["محافظ الجيزة"], "2023-04-02"),
        _m("3", "d3", "محمد إبراهيم", "EG", ["وزير الداخلية المصري"], "2015-02-11"),
    ])
    assert _actor_of(actors, "1") is _actor_of(actors, "3")
    assert _actor_of(actors, "1") is not _actor_of(actors, "2")
    assert _actor_of(actors, "1").kb_id != _actor_of(actors, "2").kb_id


def test_different_states_never_merge_and_kb_ids_are_stable():
    ms = [_m("1", "d1", "علي حسن", "IQ"), _m("2", "d2", "علي حسن", "SY")]
    first = {a.kb_id for a in resolve_actors(ms)}
    assert len(first) == 2
    assert first == {a.kb_id for a in resolve_actors(list(reversed(ms)))}


def test_analyst_merge_and_split_are_applied():
    ms = [_m("1", "d1", "سامر يوسف", "JO", ["وزير"]), _m("2", "d2", "سامر منصور", "JO"),
          _m("3", "d3", "سامر يوسف", "JO")]
    base = resolve_actors(ms)
    a, b = _actor_of(base, "1"), _actor_of(base, "2")
    assert a is not b
    merged = resolve_actors(ms, [Override("merge", a.kb_id, b.kb_id)])
    assert _actor_of(merged, "1") is _actor_of(merged, "2")
    split = resolve_actors(ms, [Override("merge", a.kb_id, b.kb_id), Override("split", a.kb_id, None, ("d3",))])
    assert _actor_of(split, "3") is not _actor_of(split, "1")
    assert _actor_of(split, "1").kb_id == a.kb_id


BASE = ("استقبل وزير الخارجية المصري سامح شكري اليوم في القاهرة نظيره السوداني وبحث الجانبان سبل تعزيز "
        "التعاون الثنائي في مجالات الأمن والاقتصاد والطاقة والزراعة وأكد الوزيران أهمية التنسيق المستمر ")


def test_near_duplicates_found_and_distinct_texts_kept_apart():
    copy = BASE.replace("اليوم", "اليوم الأحد")
    other = "أعلنت وزارة الصحة تسجيل إصابات جديدة بالفيروس في عدة محافظات خلال الأسبوع الماضي وسط إجراءات احترازية"
    groups = near_duplicate_groups([("a", BASE * 2), ("b", copy * 2), ("c", other * 2)])
    assert groups == [["a", "b"]]


def _ev(key, doc, typ, actors=(), countries=(), date=None, loc=None, outlet=None):
    return EventRecord(key, doc, outlet, typ, frozenset(actors), frozenset(), frozenset(countries), date, loc)


def test_canonical_event_counts_independent_outlets_and_flags_disagreement():
    events = [_ev("a:e1", "a", "CONSULT", {"k1", "k2"}, {"EG"}, "2021-01-05", "القاهرة"),
              _ev("b:e1", "b", "CONSULT", {"k1"}, {"EG"}, "2021-01-06", "الجيزة"),
              _ev("c:e1", "c", "CONSULT", {"k1"}, {"EG"}, "2021-01-05"),
              _ev("d:e1", "d", "CONSULT", {"k1"}, {"EG"}, "2021-03-01")]
    outlets = {"a": "الأهرام", "b": "الشروق", "c": "الأهرام-copy", "d": "اليوم السابع"}
    stories = build_stories(events, [["a", "c"]], outlets)
    story = next(s for s in stories if "a" in s.doc_ids)
    assert story.doc_ids == ["a", "b", "c"]
    canon = next(c for c in story.events if len(c.sources) > 1)
    assert canon.sources == ["a", "b", "c"] and canon.corroboration == 2  # c copies a
    assert any(d.startswith("date") for d in canon.disagreements)
    assert any(d.startswith("location") for d in canon.disagreements)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('r')}/seeds.db"
    runner = CliRunner()
    rows = need_shared("seeds", "published.tsv").read_text(encoding="utf-8").splitlines()
    published = dict(r.split("\t")[:2] for r in rows if r and not r.startswith("#"))
    for path in sorted(need_shared("seeds").glob("*.txt")):
        args = ["ingest", str(path), "--db", db, "-q", "--no-resolve"]
        if path.name in published:
            args += ["--published", published[path.name]]
        assert runner.invoke(app, args).exit_code == 0
    res = runner.invoke(app, ["resolve", "--db", db])
    assert res.exit_code == 0, res.output
    return db


def _actors(db):
    res = CliRunner().invoke(app, ["actors", "--db", db, "--format", "json", "--limit", "500"])
    return json.loads(res.stdout)


def test_seed_identities_across_articles(seeds_db):
    rows = _actors(seeds_db)

    def find(part):
        return [r for r in rows if part in " ".join(r["variants"])]

    assert len(find("الثن")) == 1 and len(find("الثن")[0]["variants"]) == 2
    assert len(find("السيس")) == 1 and find("السيس")[0]["articles"] == 2
    trabelsi = find("الطرابلسي")
    assert len(trabelsi) == 1 and trabelsi[0]["articles"] == 2 and len(trabelsi[0]["roles"]) >= 2
    assert len([r for r in rows if "خليفة" in r["name"]]) == 3


def test_merge_survives_reingestion(seeds_db):
    runner = CliRunner()
    rows = _actors(seeds_db)
    a = next(r for r in rows if r["name"] == "عقيلة صالح")["kb_id"]
    b = next(r for r in rows if r["name"] == "عباس كامل")["kb_id"]
    assert runner.invoke(app, ["actors", "--db", seeds_db, "merge", a, b]).exit_code == 0
    seed = sorted(need_shared("seeds").glob("*.txt"))[0]
    runner.invoke(app, ["ingest", str(seed), "--db", seeds_db, "-q"])
    runner.invoke(app, ["resolve", "--db", seeds_db])
    after = _actors(seeds_db)
    assert not any(r["kb_id"] == b for r in after)
    assert Store(seeds_db).count()["documents"] == 5


def test_actor_profile_and_timeline(seeds_db):
    runner = CliRunner()
    prof = runner.invoke(app, ["actor", "عماد الطرابلسى", "--db", seeds_db])
    assert prof.exit_code == 0 and "roles:" in prof.stdout and "وزير الداخلية" in prof.stdout
    tl = json.loads(runner.invoke(app, ["timeline", "--pair", "EG", "LY", "--db", seeds_db, "--format", "json"]).stdout)
    dated = [r["date"] for r in tl if r["date"]]
    assert dated == sorted(dated) and len(tl) >= 3


def test_nasab_and_clan_forms_of_one_name_join_and_other_fathers_stay_apart():
    actors = resolve_actors([
        _m("1", "d1", "تركي بن فهد", "SA", ["الأمير"], "2016-01-02"),
        _m("2", "d2", "تركي بن فهد بن سعد آل مقرن", "SA", [], "2016-01-03"),
        _m("3", "d3", "تركي بن فهد بن حمود", "SA", [], "2016-01-04"),
        _m("4", "d4", "ماجد بن علي الشمراني", "SA", [], "2016-01-05"),
        _m("5", "d5", "ماجد الشمراني", "SA", [], "2016-01-06"),
        _m("6", "d6", "ماجد", "SA", [], "2016-01-07"),
    ])
    assert _actor_of(actors, "1") is _actor_of(actors, "2")
    assert _actor_of(actors, "3") is not _actor_of(actors, "1")  # another grandfather: another man
    assert _actor_of(actors, "4") is _actor_of(actors, "5")
    assert _actor_of(actors, "6") is not _actor_of(actors, "4")  # a one-word name joins nothing


def test_nationality_error_does_not_split_a_distinctive_name():
    actors = resolve_actors([
        _m("1", "d1", "فرانك شتاينماير", "DE", ["وزير الخارجية"], "2016-03-01"),
        _m("2", "d2", "فرانك شتاينماير", "IR", ["وزير الخارجية"], "2016-03-02"),
        _m("3", "d3", "فرانك شتاينماير", None, [], "2016-03-05"),
    ])
    a = _actor_of(actors, "1")
    assert a is _actor_of(actors, "2") is _actor_of(actors, "3")
    assert a.country == "DE" or len(actors) == 1


def test_glued_and_cut_spans_never_become_actors():
    actors = resolve_actors([
        _m("1", "d1", "نواف بن", "KW"), _m("2", "d2", "بن راشد المكتوم", "AE"),
        _m("3", "d3", "منصور آل", "AE"), _m("4", "d4", "صندوق خليفة للتنمية", "AE"),
        _m("5", "d5", "أرسل برقية", "SA"), _m("6", "d6", "نواف الأحمد", "KW"),
    ])
    assert [a.refs for a in actors] == [["6"]]
