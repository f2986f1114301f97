"""The service layer on its own: ingest reports, deferred resolution, queries shared with the CLI."""

from marsad import service
from marsad.errors import InputError
from marsad.ingest.readers import RawArticle
from marsad.store import Store

ARTICLE = ("وزيرا الخارجية يبحثان التعاون\n\nالتقى وزير الخارجية الأردني نظيره العراقي في عمان اليوم، "
           "وبحث الجانبان سبل تعزيز التعاون الأمني والاقتصادي بين البلدين.")
OTHER = "قال سامر يوسف إن الاجتماع كان مثمرا وإن الجانبين اتفقا على مواصلة الحوار خلال الأسابيع المقبلة."


def _rec(item: str, text: str, id: str | None = None) -> RawArticle:
    return RawArticle(item=item, text=text, id=id)


def test_ingest_reports_each_item_and_goes_on_after_bad_ones(db_url):
    store = Store(db_url)
    records = [_rec("one.txt", ARTICLE, "one"), InputError("feed.jsonl:3", "invalid JSON"),
               _rec("english.txt", "This is plainly English text about nothing in particular at all."),
               _rec("again.txt", ARTICLE, "again"), _rec("two.txt", OTHER, "two")]
    report = service.ingest(records, store, service.IngestOptions(published="2021-03-01"))
    assert report.added == ["one", "two"] and report.unchanged == ["again"]
    assert report.skipped[0] == "feed.jsonl:3: invalid JSON"
    assert report.skipped[1].startswith("english.txt: ")
    assert report.line() == "added 2, updated 0, unchanged 1, skipped 2"
    assert report.resolution is not None and report.resolution.documents == 2
    assert sorted(d["id"] for d in service.documents(store)) == ["one", "two"]


def test_resolution_can_be_deferred_and_then_links_only_what_is_pending(db_url):
    store = Store(db_url)
    first = service.ingest([_rec("one.txt", ARTICLE, "one")], store, service.IngestOptions(resolve=False))
    assert first.resolution is None
    service.ingest([_rec("two.txt", OTHER, "two")], store, service.IngestOptions(resolve=False))
    assert service.resolve(store).documents == 2
    assert service.resolve(store).documents == 0
    assert service.actors(store).total == 1 and service.actor_profile(store, "سامر يوسف")


def test_the_extraction_core_never_imports_the_service_or_the_cli():
    import ast
    from pathlib import Path

    pkg = Path(service.__file__).parent
    for folder in ("extract", "text", "lexicon", "ner", "resolve"):
        for path in (pkg / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                    [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
                assert not any(n.startswith(("marsad.service", "marsad.cli", "marsad.store")) for n in names), path
