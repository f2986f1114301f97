"""The service layer: what Marsad does, as functions the CLI (and later an HTTP API or a batch engine) call.

Each function takes plain arguments and a Store and returns plain data (dataclasses, dicts, Documents);
none prints. The extraction core (`marsad.extract`) never imports this module.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from marsad.errors import InputError
from marsad.extract.pipeline import PipelineConfig, analyse, get_pipeline, identify, normalise_published
from marsad.ingest import iter_articles
from marsad.ingest.readers import RawArticle, Result, count_records
from marsad.model import EVENT_TYPES, Document
from marsad.records import EventRecord
from marsad.store import Store
from marsad.store.corrections import add_override
from marsad.store.db import EventFilter
from marsad.store.opening import StoreError
from marsad.store.resolution import ResolutionSummary, resolve_store
from marsad.store.search import QueryError, SearchPage

__all__ = [
    "ActorPage", "Analysed", "EventFilter", "EventListing", "IngestOptions", "Report", "ResolutionSummary",
    "StoreError", "actor_profile", "actors", "analyse_file", "batch", "check_event_filter", "count_inputs",
    "count_results", "demo", "document", "ingest_results", "watch_config", "watch_poll",
    "documents", "event_listing", "event_records", "events", "export", "export_formats", "extract", "ingest",
    "merge_actors", "pipeline_config", "read", "resolve", "split_actor", "stories", "timeline", "valid_date",
    "Deletion", "delete", "source_hash",
    "Page", "SearchPage", "QueryError", "actor_record", "document_page", "document_record", "event_page",
    "event_record", "open_store", "reindex", "search", "story_page", "story_record", "timeline_page", "vocabulary",
]


@dataclass(slots=True)
class IngestOptions:
    """How to ingest: a publication date for every record, whether to resolve after, a progress callback,
    and the pipeline configuration to analyse with (None: the shipped pipeline)."""

    published: str | None = None
    resolve: bool = True
    progress: Callable[[], None] | None = None
    config: PipelineConfig | None = None


@dataclass(slots=True)
class Report:
    """What one ingest did: document ids added, updated, unchanged; one-line reasons for skipped items."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    resolution: ResolutionSummary | None = None
    interrupted: bool = False  # stopped by Ctrl-C: what is listed was stored, resolution did not run

    def line(self) -> str:
        """Return the one-line count summary, e.g. «added 1, updated 0, unchanged 1, skipped 4»."""
        return (f"added {len(self.added)}, updated {len(self.updated)}, unchanged {len(self.unchanged)}, "
                f"skipped {len(self.skipped)}")

    def stored(self) -> int:
        """Return how many items are in the store after this ingest (added, updated or already there)."""
        return len(self.added) + len(self.updated) + len(self.unchanged)


@dataclass(slots=True)
class Analysed:
    """One input item after analysis: its Document, or the InputError that says why it was skipped."""

    item: str
    source_id: str | None
    doc: Document | None = None
    error: InputError | None = None
    name: str | None = None  # a short name for an output file (the input file's stem)


@dataclass(slots=True)
class ActorPage:
    """One page of the actor list and how many actors match in all."""

    total: int
    offset: int
    rows: list[dict]


@dataclass(slots=True)
class Page:
    """One page of a listing: its items, where it starts, and how many items match in all."""

    total: int
    offset: int
    limit: int | None
    items: list[dict]
    total_capped: bool | None = None  # a listing that stops counting: True when more than `total` match

    def to_dict(self) -> dict:
        """Return the page as a JSON-ready dict (total, offset, limit, items; `total_capped` for a listing that
        stops counting)."""
        out = {"total": self.total, "offset": self.offset, "limit": self.limit, "items": self.items}
        if self.total_capped is not None:
            out["total_capped"] = self.total_capped
        return out


@dataclass(slots=True)
class EventListing:
    """Event rows and how many undated events a date bound (since / until) left out."""

    rows: list[dict]
    undated_left_out: int = 0

    def note(self) -> str | None:
        """Return the one-line note about the undated events left out, or None when none were."""
        if not self.undated_left_out:
            return None
        n = self.undated_left_out
        return f"{n} undated event{'s' if n != 1 else ''} left out by the date filter (--include-undated keeps them)"


def open_store(url: str, create: bool = False) -> Store:
    """Return the store at a database URL (or a path to a SQLite file); unless `create`, it must exist already
    (no empty SQLite file is made). Raises StoreError, a MarsadError, in one line: a bad URL, a missing database
    or driver, a database that cannot be reached or holds no Marsad store."""
    from marsad.store.opening import open_store as opening

    return opening(url, create)


def valid_date(value: str | None) -> bool:
    """Return whether `value` is absent or a real day, YYYY-MM-DD («2021-02-30» is not)."""
    return not value or (bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(normalise_published(value)))


def read(paths: Iterable[str]) -> Iterator[Result]:
    """Yield each article (or an InputError naming the bad item) found under files, folders or «-»."""
    return iter_articles(paths)


def count_inputs(paths: Iterable[str]) -> int | None:
    """Return how many articles the inputs hold (for a progress bar), or None when it cannot be known."""
    return count_records(paths)


def _meta(rec: RawArticle, published: str | None) -> dict:
    meta = rec.meta()
    if published:
        meta["published"] = published
    return meta


def pipeline_config(lexicon_dir: str | None = None, ner_model: str | None = None) -> PipelineConfig | None:
    """Return the pipeline configuration for a lexicon directory and NER model directory (None: the shipped one)."""
    if lexicon_dir is None and ner_model is None:
        return None
    return PipelineConfig(lexicon_dir=lexicon_dir, ner_model=ner_model)


EXAMPLES = Path(__file__).parent / "examples"


def read_example(path: Path) -> tuple[str, str | None]:
    """Return the text of a shipped example article and its publication date (its «#published:» first line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    pub = lines[0].split(":", 1)[1].strip() if lines and lines[0].startswith("#published:") else None
    return "\n".join(lines[1 if pub else 0:]), pub


def warm_pipeline(config: PipelineConfig | None = None) -> None:
    """Load the pipeline of `config` for a long run and return None: build it, analyse one shipped example article
    (so the lexicon, the models and their first caches are loaded) and freeze what is loaded so far (`gc.freeze`).
    It lives as long as the process; the garbage collector scanning it at every full collection cost about 7 % of
    the entity stage's CPU over the 12,644 benchmark articles (docs/benchmarks.md, session 13)."""
    pipeline = get_pipeline(config or PipelineConfig())
    example = min(EXAMPLES.glob("*.txt"), default=None)
    if example is not None:
        text, published = read_example(example)
        pipeline(text, {"id": "warm-up", "published": published})
    gc.freeze()


def _analysed(rec: RawArticle, meta: dict, config: PipelineConfig | None) -> Analysed:
    """Return the analysis of one record, or the error naming it: an InputError's reason, or (a fault in the
    analysis itself) the exception's type and message, so that one item never stops a batch."""
    try:
        return Analysed(rec.item, rec.id, doc=analyse(rec.text, meta, config), name=rec.name)
    except InputError as err:
        return Analysed(rec.item, rec.id, error=InputError(rec.item, err.reason), name=rec.name)
    except Exception as err:  # a fault in the analysis: reported for this item, the batch goes on
        logging.getLogger("marsad").debug("analysis of %s failed", rec.item, exc_info=True)
        reason = f"analysis failed ({type(err).__name__}: {str(err).strip().splitlines()[0] if str(err) else ''})"
        return Analysed(rec.item, rec.id, error=InputError(rec.item, reason), name=rec.name)


def extract(records: Iterable[Result], published: str | None = None,
            config: PipelineConfig | None = None) -> Iterator[Analysed]:
    """Yield an Analysed for each record: its Document, or the InputError naming why it was skipped."""
    for rec in records:
        if isinstance(rec, InputError):
            yield Analysed(rec.item, None, error=rec)
            continue
        yield _analysed(rec, _meta(rec, published), config)


def source_hash(doc_id: str, digest: str, meta: dict) -> str:
    """Return the hash of an input as read: its document id, content hash and container metadata (title, url,
    publication day, outlet, author, other fields). The same input read again has the same hash."""
    fields = [meta.get(k) for k in ("title", "url", "outlet", "author", "extra")]
    payload = [doc_id, digest, normalise_published(meta.get("published")) or meta.get("published"), *fields]
    return hashlib.sha1(json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def _ingest_one(rec: RawArticle, store: Store, options: IngestOptions, report: Report) -> None:
    """Store one record, analysing it only when the store does not already hold it as it is."""
    meta = _meta(rec, options.published)
    try:
        doc_id, digest = identify(rec.text, meta, options.config)
    except InputError as err:
        report.skipped.append(str(InputError(rec.item, err.reason)))
        return
    fingerprint = source_hash(doc_id, digest, meta)
    if store.known(doc_id, digest, fingerprint):
        report.unchanged.append(doc_id)
        return
    a = _analysed(rec, meta, options.config)
    if a.doc is None:
        report.skipped.append(str(a.error))
        return
    status = store.add(a.doc, source_item=rec.item, source_hash=fingerprint)
    getattr(report, status).append(a.doc.id)


def _resolve_after(store: Store, options: IngestOptions, report: Report) -> Report:
    """Return `report` with a resolution pass run when asked and anything was stored or is still pending."""
    if options.resolve and (report.added or report.updated or store.pending()):
        report.resolution = resolve(store)
    return report


def ingest(records: Iterable[Result], store: Store, options: IngestOptions | None = None) -> Report:
    """Store each record (one transaction each), then resolve what is new or pending unless told not to.

    An input the store already holds (same content, same metadata; or the same content under another id) is
    recognised from its content hash before it is analysed, and reported unchanged. Returns what was added,
    updated, unchanged and skipped (with a one-line reason naming the item). Ctrl-C stops it between two
    articles (the one being written is rolled back): the report then says what was stored, with `interrupted`
    set, and resolution is left to a later `resolve` or ingest, which links whatever is pending.
    """
    options = options or IngestOptions()
    report = Report()
    try:
        for rec in records:
            if options.progress:
                options.progress()
            if isinstance(rec, InputError):
                report.skipped.append(str(rec))
                continue
            _ingest_one(rec, store, options, report)
    except KeyboardInterrupt:
        report.interrupted = True
        return report
    return _resolve_after(store, options, report)


@dataclass(slots=True)
class Deletion:
    """What `delete` did: the ids deleted, those not found, and the resolution run after."""

    deleted: list[str]
    missing: list[str]
    resolution: ResolutionSummary | None = None


def delete(store: Store, doc_ids: Iterable[str], relink: bool = True) -> Deletion:
    """Delete stored documents (by exact id) with all their rows, search rows included, then link again what
    they shared stories, near-duplicate groups and actors with (unless `relink` is false)."""
    wanted = list(dict.fromkeys(doc_ids))
    deleted = store.delete(wanted)
    out = Deletion(deleted, [d for d in wanted if d not in set(deleted)])
    if deleted and relink:
        out.resolution = resolve(store)
    return out


def batch(paths: list[str], out: Path, options=None):
    """Analyse the inputs in partitions on Dask (or in this process) into result files under `out`, with a
    manifest; partitions an earlier run finished are skipped. Return the run's `marsad.batch.BatchReport`; raise
    `marsad.batch.BatchError` (one line) when `out` holds another batch or is in use. No store is touched."""
    from marsad.batch import run_batch

    return run_batch(paths, out, options)


def count_results(folder: Path) -> int:
    """Return how many documents and skipped items a batch output folder holds (for a progress bar)."""
    from marsad.batch.load import count_results as count

    return count(folder)


def ingest_results(folder: Path, store: Store, options: IngestOptions | None = None) -> Report:
    """Store the documents of a batch output folder (one transaction each; content already stored comes back as
    unchanged), then resolve once unless told not to. The batch's skipped items and its unfinished partitions are
    reported as skipped, one line each. Raises `marsad.batch.BatchError` when the folder holds no batch.

    Ctrl-C stops it between two articles, as `ingest` does.
    """
    from marsad.batch import load_results

    options = options or IngestOptions()
    report = Report()
    try:
        for one in load_results(folder):
            if options.progress:
                options.progress()
            if one.doc is None:
                report.skipped.append(one.problem or one.item)
                continue
            status = store.add(one.doc, source_item=one.item)
            getattr(report, status).append(one.doc.id)
    except KeyboardInterrupt:
        report.interrupted = True
        return report
    return _resolve_after(store, options, report)


def watch_config(path: Path):
    """Return the feed list of a FEEDS.yaml (`marsad.watch.WatchConfig`); raise WatchConfigError in one line."""
    from marsad.watch import load_watch_config

    return load_watch_config(path)


def watch_poll(store: Store, config, fetcher=None):
    """Poll every feed of a `WatchConfig` once: fetch new entries' pages, extract and store their articles, then
    resolve what changed. Return the `marsad.watch.PollReport` (one line per problem; none stops the poll)."""
    from marsad.watch import poll

    return poll(store, config, fetcher)


def resolve(store: Store, since: str | None = None, full: bool = False) -> ResolutionSummary:
    """Link documents not yet resolved (and those ingested since `since`; all with `full`); return counts."""
    return resolve_store(store, since=since, full=full)


def analyse_file(path: str, published: str | None = None, config: PipelineConfig | None = None) -> Document:
    """Return the analysis of the first article in a file; raise InputError naming it when it cannot be read."""
    rec = next(iter_articles([path]))
    if isinstance(rec, InputError):
        raise rec
    a = _analysed(rec, _meta(rec, published), config)
    if a.doc is None:
        raise a.error
    return a.doc


def document(store: Store, ref: str) -> Document | None:
    """Return a stored document by id or id prefix, its persons carrying their actor kb_id; None if absent."""
    return store.document(ref)


def documents(store: Store, since: str | None = None, until: str | None = None, outlet: str | None = None,
              limit: int | None = None) -> list[dict]:
    """Return stored documents as rows (id, published, outlet, title, entity and event counts), newest first."""
    return [{"id": d.id, "published": d.published, "outlet": d.outlet, "title": (d.title or d.text[:60]),
             "entities": len(d.doc_json.get("entities", [])), "events": len(d.doc_json.get("events", []))}
            for d in store.documents(since, until, outlet, limit)]


def event_listing(store: Store, f: EventFilter | None = None) -> EventListing:
    """Return the event rows of `events` and, when a date bound drops them, how many undated events were left out."""
    f = f or EventFilter()
    left_out = store.count_undated_events(f) if (f.since or f.until) and not f.include_undated else 0
    return EventListing(events(store, f), left_out)


def event_records(store: Store, f: EventFilter | None = None) -> list[EventRecord]:
    """Return the events matching the filter as EventRecords, each with its one-line English summary, oldest first
    and undated last."""
    from marsad.store.queries import load_event_records as query
    from marsad.summary import default_names, english_summary

    names = default_names()
    return [replace(r, summary_en=english_summary(r, names)) for r in query(store, f)]


def event_summaries(store: Store, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Return the one-line English summary of each stored event named by (document id, event id)."""
    wanted = set(keys)
    if not wanted:
        return {}
    records = event_records(store, EventFilter(doc_ids=tuple(sorted({d for d, _ in wanted})),
                                               keys=tuple(sorted(wanted))))
    return {(r.doc_id, r.id.split(":", 1)[1]): r.summary_en for r in records
            if (r.doc_id, r.id.split(":", 1)[1]) in wanted}


def events(store: Store, f: EventFilter | None = None) -> list[dict]:
    """Return stored events as rows, oldest first and undated last: id, date (`when`: the date or «undated»), type
    and mode, actors → recipients (Arabic and English), place, modality, contexts, evidence, the article's title
    and link, and the English summary."""
    from marsad.export.common import labels, sides
    from marsad.summary import default_names

    names = default_names()
    rows = []
    for r in event_records(store, f):
        actors, recipients, _ = sides(r)
        arabic = [p.name or p.ref for p in r.role("actor")], [p.name or p.ref for p in r.role("recipient")]
        rows.append({
            "id": r.id, "doc": r.doc_id, "event": r.id.rsplit(":", 1)[1], "type": r.type, "mode": r.mode,
            "date": r.date, "precision": r.date_precision if r.date else None, "undated": r.date is None,
            "when": r.date or "undated",
            "modality": r.modality + (" (negated)" if r.negated else ""), "negated": r.negated,
            "actors": arabic[0], "recipients": arabic[1],
            "participants": [p.name or p.ref for p in r.parties],
            "who": _arrow([p.name or p.ref for p in actors], [p.name or p.ref for p in recipients]),
            "who_en": _arrow(labels(actors, names), labels(recipients, names)),
            "location": r.location, "location_en": names.place(r.location, r.location_country),
            "contexts": list(r.contexts), "evidence": r.evidence, "title": r.doc_title, "url": r.doc_url,
            "summary_en": r.summary_en, "corroboration": r.corroboration,
        })
    return rows


def _arrow(actors: list[str], recipients: list[str]) -> str:
    """Return «A, B → C» (who acts on whom), «A + B» when no recipient is named."""
    left = ", ".join(actors) if recipients else " + ".join(actors)
    return f"{left or '?'} → {', '.join(recipients)}" if recipients else left


def check_event_filter(f: EventFilter) -> list[str]:
    """Return one line per filter value that cannot match (an unknown type, state code or date), each listing
    the valid values; empty when the filter is sound."""
    valid = vocabulary()
    problems = []
    types = valid["event_types"]
    bad = [t for t in f.types if t.upper() not in types]
    if bad:
        problems.append(f"--type: unknown event type {', '.join(bad)}; valid types: {', '.join(types)}")
    codes = list(valid["countries"])
    bad = [c for c in f.countries if c.upper() not in codes]
    if bad:
        problems.append(f"--country: unknown ISO 3166 code {', '.join(bad)}; valid codes: {', '.join(codes)}")
    for name, value in (("--since", f.since), ("--until", f.until)):
        if value and not valid_bound(value):
            problems.append(f"{name}: not a date: {value!r}; valid forms: YYYY-MM-DD, YYYY-MM or YYYY")
    return problems


def valid_bound(value: str) -> bool:
    """Return whether a date bound is YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month or day."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return False
    try:
        date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return False
    return True


def export_formats() -> dict[str, tuple[str, str]]:
    """Return each export format's (media type, file extension)."""
    from marsad.export import FORMATS

    return {k: (v.media_type, v.extension) for k, v in FORMATS.items()}


def export(store: Store, fmt: str, f: EventFilter | None = None) -> Iterator[str]:
    """Yield, in chunks, the export of the events matching the filter in a format (plover, acled, graphml, csv);
    raise KeyError for an unknown format."""
    from marsad.export import FORMATS, render

    FORMATS[fmt]  # noqa: B018 - an unknown format fails here, before the store is read
    return render(fmt, event_records(store, f))


def actors(store: Store, country: str | None = None, search: str | None = None, limit: int | None = None,
           offset: int = 0) -> ActorPage:
    """Return one page of actors, the most reported first, with the total that match."""
    from marsad.store.queries import count_actors, list_actors

    return ActorPage(count_actors(store, country, search), offset,
                     list_actors(store, country, search, limit, offset))


def actor_profile(store: Store, name: str) -> str | None:
    """Return the text profile of an actor (name in any spelling, or kb_id), or None when there is none."""
    from marsad.store.queries import actor_profile as profile

    return profile(store, name)


def merge_actors(store: Store, keep: str, other: str) -> str:
    """Record and apply that actor OTHER is KEEP; return a one-line message saying what happened."""
    return add_override(store, "merge", keep, other)


def split_actor(store: Store, kb_id: str, doc_ids: Iterable[str]) -> str:
    """Record and apply that KB_ID's mentions in these documents are another person; return a one-line message."""
    return add_override(store, "split", kb_id, doc_ids=tuple(doc_ids))


def stories(store: Store, limit: int = 20) -> list[dict]:
    """Return the largest stories with their articles, outlets, titles and corroborated events."""
    from marsad.store.queries import list_stories

    return list_stories(store, limit)


def timeline(store: Store, a: str, b: str) -> list[dict]:
    """Return canonical events between two states (ISO codes), oldest first, with their sources.

    Undated events come after the dated ones, with `undated` true and `when` «undated».
    """
    from marsad.store.queries import pair_timeline

    return pair_timeline(store, a.upper(), b.upper())


def demo(store: Store) -> list[tuple[str, str, Document]]:
    """Analyse and store the shipped example articles, then link actors and stories; return (name, status,
    document) for each."""
    out = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text, pub = read_example(path)
        doc = analyse(text, {"id": path.stem, "published": pub})
        out.append((path.stem, store.add(doc, source_item=str(path)), doc))
    resolve(store)
    return out


# -- pages and records (the HTTP API's data; the same functions for every caller) -----------------------------
def vocabulary() -> dict[str, list[str] | dict[str, str]]:
    """Return the values filters accept: event types, modalities, contexts, and country codes with their names."""
    from marsad.lexicon import default_lexicon
    from marsad.model import MODALITIES

    lex = default_lexicon()
    contexts = {c for _, c in lex.context_keywords} | {c for _, c in lex.title_contexts}
    return {"event_types": list(EVENT_TYPES), "modalities": list(MODALITIES), "contexts": sorted(contexts),
            "countries": dict(sorted(lex.country_names.items()))}


def document_page(store: Store, since: str | None = None, until: str | None = None, outlet: str | None = None,
                  limit: int | None = None, offset: int = 0) -> Page:
    """Return one page of stored documents, newest first (id, published, outlet, title, url, counts)."""
    from marsad.store.queries import document_page as page

    total, rows = page(store, since, until, outlet, limit, offset)
    return Page(total, offset, limit, rows)


def document_record(store: Store, ref: str) -> dict | None:
    """Return a stored document's JSON with its story, url and event ids, or None when there is none."""
    from marsad.store.queries import document_record as record

    out = record(store, ref)
    if out is not None:
        summaries = event_summaries(store, ((out["id"], e["id"]) for e in out["events"]))
        for e in out["events"]:
            e["summary_en"] = summaries.get((out["id"], e["id"]), "")
    return out


def event_page(store: Store, f: EventFilter) -> Page:
    """Return one page (the filter's limit and offset) of events as records with participants and evidence; its
    total counts at most `queries.COUNT_CAP` matches (`total_capped` says when more match).

    An actor filter (`f.kb_id`) follows analyst merges; raises QueryError for a full-text query that cannot run.
    """
    from marsad.store.queries import event_page as page
    from marsad.store.queries import follow_actor

    if f.kb_id:
        f.kb_id = follow_actor(store, f.kb_id)
    if f.query:
        from marsad.store.search import query_groups

        query_groups(f.query)  # raise the one-line QueryError before any SQL
    total, capped, rows = page(store, f)
    summaries = event_summaries(store, ((r["doc"], r["event"]) for r in rows))
    for r in rows:
        r["summary_en"] = summaries.get((r["doc"], r["event"]), "")
    return Page(total, f.offset, f.limit, rows, capped)


def event_record(store: Store, event_id: int) -> dict | None:
    """Return one stored event with its story and canonical event (sources, corroboration), or None."""
    from marsad.store.queries import event_record as record

    return record(store, event_id)


def actor_record(store: Store, ref: str, events: int = 15) -> dict | None:
    """Return an actor (kb_id, following merges, or a name in any spelling) with roles, events and counterparts."""
    from marsad.store.queries import actor_record as record

    return record(store, ref, events)


def story_page(store: Store, min_size: int = 2, limit: int | None = None, offset: int = 0) -> Page:
    """Return one page of stories with at least `min_size` articles, the largest first."""
    from marsad.store.queries import story_page as page

    total, rows = page(store, min_size, limit, offset)
    return Page(total, offset, limit, rows)


def story_record(store: Store, story_id: str) -> dict | None:
    """Return a story with its articles and canonical events, or None when there is none; each canonical event
    carries the English summary (`summary_en`) of the first report of it."""
    from marsad.store.queries import story_record as record

    out = record(store, story_id)
    if out is None:
        return None
    summaries = event_summaries(store, ((m["doc"], m["event"]) for ev in out["canonical_events"] for m in ev["events"]))
    for ev in out["canonical_events"]:
        ev["summary_en"] = next((summaries[k] for m in ev["events"] if (k := (m["doc"], m["event"])) in summaries),
                                "")
    return out


def brief(store: Store, a: str, b: str, since: str | None = None, until: str | None = None):
    """Return the brief (`marsad.export.brief.Brief`) of two states' events in a period: one record per
    happening with its English summary, counts by type and the main actors with their posts."""
    from marsad.export.brief import build_brief, main_actor_ids

    f = EventFilter(countries=(a.upper(), b.upper()), since=since, until=until)
    records = event_records(store, f)
    actors = [rec for k in main_actor_ids(records) if (rec := actor_record(store, k, events=0)) is not None]
    return build_brief(a, b, since, until, records, actors)


def timeline_page(store: Store, a: str, b: str, since: str | None = None, until: str | None = None,
                  limit: int | None = None, offset: int = 0) -> Page:
    """Return one page of the canonical events between two states (ISO codes), oldest first, undated last."""
    from marsad.store.queries import timeline_page as page

    total, rows = page(store, a.upper(), b.upper(), since, until, limit, offset)
    summaries = event_summaries(store, ((m["doc"], m["event"]) for r in rows for m in r["events"][:1]))
    for r in rows:
        r["summary_en"] = next((summaries[(m["doc"], m["event"])] for m in r["events"][:1]
                                if (m["doc"], m["event"]) in summaries), "")
    return Page(total, offset, limit, rows)


def search(store: Store, query: str, limit: int = 20, offset: int = 0) -> SearchPage:
    """Return one page of documents matching an Arabic-aware full-text query, best first, each with its best
    sentence (or title, or the sentence naming a matching entity) and the matches in it.

    Raises QueryError (one line) for an empty, overlong or too wordy query.
    """
    from marsad.store.search import search as run

    with store.session() as s:
        return run(s, query, limit, offset, store.fts)


def reindex(store: Store) -> int:
    """Rebuild the search index from the stored documents; return how many documents were indexed."""
    from marsad.store.search import rebuild

    return rebuild(store.writer)


# -- counts over events (the web app's overview, network and map) ----------------------------------------------
__all__ += ["event_network", "event_overview", "event_places"]


def _checked(store: Store, f: EventFilter) -> EventFilter:
    """Return the filter with its actor followed through analyst merges; raise QueryError for a full-text query
    that cannot run."""
    from marsad.store.queries import follow_actor
    from marsad.store.search import query_groups

    if f.kb_id:
        f.kb_id = follow_actor(store, f.kb_id)
    if f.query:
        query_groups(f.query)
    return f


def event_overview(store: Store, f: EventFilter) -> dict:
    """Return counts over the events a filter selects: by month, year, type, context, modality and state, and
    the state pairs most often in one event together."""
    from marsad.store.aggregates import overview

    return overview(store, _checked(store, f), vocabulary()["contexts"])


def event_network(store: Store, f: EventFilter, level: str = "actors", max_nodes: int = 60) -> dict:
    """Return the weighted network of who takes part in the selected events with whom: actors, bodies and
    acting states (`level="actors"`) or states (`level="states"`), the `max_nodes` most active, and edges with
    their event counts, types, direction and a sample of events."""
    from marsad.store.aggregates import network

    return network(store, _checked(store, f), level, max_nodes)


def event_places(store: Store, f: EventFilter, limit: int = 300) -> dict:
    """Return the places the selected events happened at, the most frequent first, each with its normalised
    key (to look it up in a gazetteer), its event count and a sample of its events."""
    from marsad.store.aggregates import places

    return places(store, _checked(store, f), limit)
