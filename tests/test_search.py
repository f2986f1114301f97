"""Arabic-aware full-text search: one key transform for text and queries, the index kept by ingest, reindex."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, func, select, text
from typer.testing import CliRunner

from marsad import service
from marsad.cli import app
from marsad.ingest.readers import RawArticle
from marsad.store import Store
from marsad.store.db import EventFilter
from marsad.store.schema import SearchRow
from marsad.store.search import MAX_QUERY_CHARS, QueryError
from marsad.text.search_keys import search_terms
from tests.conftest import need_shared
from tests.previous_schema import to_previous_schema

# Small articles written for these tests: each spells its names one way; the queries spell them another
ARTICLES = {
    "sinki": ("لقاء أمني في طرابلس\n\nالتقى وزير الداخلية الليبي عماد السنكى، اليوم الأحد، وفدا أمنيا مصريا في طرابلس، "
              "وبحث الجانبان التنسيق الأمني على الحدود المشتركة.\nوقال السنكى إن اللقاء كان مثمرا."),
    "thinni": ("الثني يستقبل سفير مصر\n\nاستقبل رئيس الحكومة الليبية المؤقتة عبدالله الثنى في البيضاء سفير مصر لدى ليبيا، "
               "وناقشا سبل دعم الجيش الليبي في مواجهة الإرهاب."),
    "cairo": ("مباحثات في القاهرة\n\nبحث وزير الخارجية المصري سامح شكري بالقاهرة مع نظيره الليبي ملف الهجرة غير النظامية، "
              "وأكد الوزيران أهمية التعاون لمكافحة تهريب البشر عبر الحدود."),
    "gheit": ("الجامعة العربية تدعو للحوار\n\nدعا الأمين العام لجامعة الدول العربية أحمد أبوالغيط الأطراف الليبية إلى الحوار، "
              "وقال أبوالغيط إن الحل السياسي هو السبيل الوحيد للخروج من الأزمة."),
}


def _rec(doc_id: str, body: str) -> RawArticle:
    return RawArticle(item=f"{doc_id}.txt", text=body, id=doc_id)


@pytest.fixture(scope="module")
def store(module_db_url):
    st_ = Store(module_db_url)
    report = service.ingest([_rec(k, v) for k, v in ARTICLES.items()], st_,
                            service.IngestOptions(published="2015-03-01"))
    assert sorted(report.added) == sorted(ARTICLES)
    return st_


def _docs(store, q):
    return [h.doc for h in service.search(store, q).hits]


@pytest.mark.parametrize("query_word, text_word", [
    ("السنكي", "السنكى"),  # ya and alef maqsura
    ("الثني", "الثنى"),
    ("عبد الله", "عبدالله"),  # a fusing head apart or joined
    ("عبدالله", "عبد الله"),
    ("سنكي", "السنكي"),  # no article in the query
    ("والسنكي", "السنكي"),  # a conjunction in the query
    ("القاهرة", "بالقاهرة"),  # a preposition in the text
    ("وزير", "للوزير"),  # «ل» before the article
    ("أبو الغيط", "أبوالغيط"),
    ("احمد", "أحمد"),  # hamza on alef
    ("مدرسة", "مدرسه"),  # ta marbuta
])
def test_a_query_word_shares_a_key_with_its_spelling_variants(query_word, text_word):
    q = {k for t in search_terms(query_word) for k in t.keys}
    terms = search_terms(text_word)
    assert len(terms) == 1 and q & set(terms[0].keys)


def test_different_words_share_no_key():
    for a, b in [("السنكي", "السنوسي"), ("الثني", "الثنائي"), ("مصر", "تونس"), ("Kerry", "Cherry")]:
        ka = {k for t in search_terms(a) for k in t.keys}
        kb = {k for t in search_terms(b) for k in t.keys}
        assert not ka & kb, (a, b)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["السنكى", "عبد", "الله", "وبالقاهرة", "،", " ", "\n", "Kerry", "2014", "ـ", "َ",
                                 "أبو", "الغيط", "«", "للوزير"]), max_size=25))
def test_terms_point_at_the_words_they_come_from(parts):
    text_ = "".join(parts)
    for t in search_terms(text_):
        assert 0 <= t.start < t.end <= len(text_) and t.keys
        assert text_[t.start:t.end].strip() == text_[t.start:t.end]  # no space or punctuation at either end
        assert all(text_[i].isalnum() or text_[i] in "ـَ" for i in (t.start, t.end - 1))  # letters, marks
        assert any(c.isalnum() for c in text_[t.start:t.end])


@pytest.mark.parametrize("query, doc", [
    ("السنكي", "sinki"), ("عماد السنكي", "sinki"), ("والسنكي", "sinki"),
    ("الثني", "thinni"), ("عبد الله الثني", "thinni"), ("ثنى", "thinni"),
    ("القاهرة", "cairo"), ("شكرى", "cairo"),
    ("أبو الغيط", "gheit"), ("ابوالغيط", "gheit"),
])
def test_search_finds_spelling_variants_and_marks_them(store, query, doc):
    page = service.search(store, query)
    assert [h.doc for h in page.hits] == [doc] and page.total == 1
    hit = page.hits[0]
    assert hit.highlights
    marked = [hit.text[a:b] for a, b in hit.highlights]
    source = ARTICLES[doc] if hit.kind != "title" else ARTICLES[doc].split("\n")[0]
    assert all(m in source for m in marked)
    if hit.start is not None:  # the snippet is where it says in the stored text
        assert service.document(store, doc).text[hit.start:hit.end] == hit.text


def test_every_word_must_match_and_hits_are_ranked(store):
    assert _docs(store, "السنكي شكري") == []
    assert sorted(_docs(store, "الليبي")) == ["cairo", "sinki", "thinni"]
    ranked = service.search(store, "الحدود")
    assert ranked.total == 2 and ranked.hits[0].score <= ranked.hits[1].score


def test_latin_names_and_titles_are_searched(store):
    doc = service.document(store, "sinki")
    latin = next(e.name_latin for e in doc.entities if e.name.endswith("السنكى") and e.name_latin)
    hits = service.search(store, latin.split()[-1].upper()).hits
    assert [h.doc for h in hits] == ["sinki"] and hits[0].kind == "entity" and hits[0].highlights
    assert service.search(store, "مباحثات").hits[0].kind == "title"


def test_bad_queries_say_why(store):
    for q, words in [("", "empty"), ("، . ؟", "empty"), ("ا" * (MAX_QUERY_CHARS + 1), "too long"),
                     (" ".join(f"كلمة{i}" for i in range(13)), "at most")]:
        with pytest.raises(QueryError, match=words):
            service.search(store, q)


def test_the_like_fallback_finds_the_same_documents(store):
    queries = ["السنكي", "عبد الله الثني", "الليبي", "الحدود", "بالقاهره", "ابو الغيط", "شكري مصر"]
    ranked = {q: sorted(_docs(store, q)) for q in queries}
    assert store.fts == store.url.startswith("sqlite")  # PostgreSQL: LIKE over the same rows
    fts, store.fts = store.fts, False
    try:
        assert {q: sorted(_docs(store, q)) for q in queries} == ranked
        assert ranked["السنكي"] == ["sinki"] and ranked["ابو الغيط"] == ["gheit"]
        assert service.event_page(store, EventFilter(query="السنكى")).total >= 1
    finally:
        store.fts = fts


def test_events_can_be_filtered_by_a_full_text_query(store):
    page = service.event_page(store, EventFilter(query="السنكي"))
    assert page.total >= 1 and {e["doc"] for e in page.items} == {"sinki"}
    assert service.event_page(store, EventFilter(query="زلزال")).total == 0


def test_ingest_keeps_the_index_in_step_with_updates(db_url):
    st_ = Store(db_url)
    service.ingest([_rec("x", ARTICLES["sinki"])], st_, service.IngestOptions(resolve=False))
    assert _docs(st_, "السنكي") == ["x"]
    service.ingest([_rec("x", ARTICLES["cairo"])], st_, service.IngestOptions(resolve=False))  # new content, same id
    assert _docs(st_, "السنكي") == [] and _docs(st_, "شكري") == ["x"]
    with st_.session() as s:
        rows = s.scalar(select(func.count()).select_from(SearchRow))
        old = s.scalar(select(func.count()).select_from(SearchRow).where(SearchRow.terms.like("% سنكي %")))
        fts = s.execute(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'سنكي'")).scalar() \
            if st_.fts else 0
    assert rows > 0 and old == 0 and fts == 0  # the old version's rows left the table and the FTS index


def test_reindex_rebuilds_the_same_results(store, tmp_path):
    queries = ["السنكي", "الثني", "الليبي", "وزير الخارجية", "أبو الغيط"]
    before = {q: [h.to_dict() for h in service.search(store, q).hits] for q in queries}
    assert service.reindex(store) == len(ARTICLES)
    assert {q: [h.to_dict() for h in service.search(store, q).hits] for q in queries} == before
    res = CliRunner().invoke(app, ["reindex", "--db", store.url])
    assert res.exit_code == 0 and f"indexed {len(ARTICLES)} documents" in res.stdout
    assert {q: [h.to_dict() for h in service.search(store, q).hits] for q in queries} == before


def test_a_store_from_before_search_is_indexed_on_opening(tmp_path):
    url = f"sqlite:///{tmp_path}/old.db"
    st_ = Store(url)
    service.ingest([_rec("t", ARTICLES["thinni"])], st_, service.IngestOptions(resolve=False))
    st_.close()
    to_previous_schema(url)
    engine = create_engine(url)
    with engine.begin() as conn:  # as a store written before the index existed
        for ddl in ("DROP TRIGGER search_rows_ai", "DROP TRIGGER search_rows_ad", "DROP TRIGGER search_rows_au",
                    "DROP TABLE search_fts", "DROP TABLE search_rows"):
            conn.execute(text(ddl))
    engine.dispose()
    assert _docs(Store(url), "الثنى") == ["t"]


def test_search_command_prints_hits_and_refuses_bad_input(store, tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["search", "السنكي", "--db", store.url])
    assert res.exit_code == 0 and "sinki" in res.stdout and "السنكى" in res.stdout
    assert "1 documents match" in res.stderr
    res = runner.invoke(app, ["search", "ا" * 300, "--db", store.url])
    assert res.exit_code == 2 and "too long" in res.stderr
    res = runner.invoke(app, ["search", "مصر", "--db", f"sqlite:///{tmp_path}/none.db"])
    assert res.exit_code == 1 and "no such database" in res.stderr and not (tmp_path / "none.db").exists()


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    seeds = sorted(need_shared("seeds").glob("*.txt"))
    rows = need_shared("seeds", "published.tsv").read_text(encoding="utf-8").splitlines()
    published = dict(r.split("\t")[:2] for r in rows if r and not r.startswith("#"))
    st_ = Store(f"sqlite:///{tmp_path_factory.mktemp('seeds')}/seeds.db")
    for path in seeds:
        records = service.read([str(path)])
        service.ingest(records, st_, service.IngestOptions(published=published.get(path.name), resolve=False))
    return st_


@pytest.mark.parametrize("query, stems", [
    ("السنكي", ["000"]),  # written «السنكى» there
    ("الثني", ["000", "002"]),  # «الثنى» in one, «الثني» in the other
    ("عبد الله الثنى", ["000", "002"]),  # «عبدالله الثنى», «عبد الله الثني»
    ("الطرابلسى", ["001", "003"]),
])
def test_search_on_the_seeds(seeds_store, query, stems):
    assert sorted(Path(d).name[:3] for d in _docs(seeds_store, query)) == stems
