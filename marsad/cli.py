"""The `marsad` command line: each command parses its arguments and calls one library function."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import ProgressColumn
from rich.text import Text

import marsad.one_thread  # noqa: F401 - before anything imports numpy
from marsad import service
from marsad.errors import InputError, MarsadError
from marsad.store import DEFAULT_DB_URL, Store
from marsad.store.db import EventFilter

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Marsad: evidence-backed event data from Arabic news.")
DbOpt = Annotated[str, typer.Option("--db", help="SQLAlchemy database URL.")]
LexiconOpt = Annotated[str | None, typer.Option("--lexicon", help="Lexicon directory (default: the shipped one).")]
NerOpt = Annotated[str | None, typer.Option("--ner-model", help="NER model directory with meta.json; '' for none.")]


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class Lang(str, Enum):
    ar = "ar"
    en = "en"


class ExportFormat(str, Enum):
    plover = "plover"
    acled = "acled"
    graphml = "graphml"
    csv = "csv"


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


def _open(db: str, create: bool = False) -> Store:
    """Return the store at `db`, or exit with one line saying why it cannot be opened (for a query: that there
    is no database there yet, instead of creating an empty one). A write that waits for another process
    writing to the same store says so on standard error."""
    try:
        store = service.open_store(db, create)
    except service.StoreError as err:
        _err(f"--db: {err}")
        raise typer.Exit(1) from None
    store.on_wait = _err
    return store


def _check(f: EventFilter) -> None:
    """Exit with one line per filter value that cannot match, listing the valid ones."""
    problems = service.check_event_filter(f)
    for line in problems:
        _err(line)
    if problems:
        raise typer.Exit(2)


class RateColumn(ProgressColumn):
    """Articles analysed a second."""

    def render(self, task) -> Text:
        """Return the rate, or a dash before there is one."""
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "- articles/s", style="progress.data.speed")


def _progress_bar(quiet: bool):
    """Return a progress display: articles done of the total, rate, time left, time elapsed (none when quiet)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    RateColumn(), TextColumn("left"), TimeRemainingColumn(), TextColumn("elapsed"),
                    TimeElapsedColumn(), disable=quiet, transient=True, console=None)


def _config(lexicon: str | None, ner_model: str | None):
    """Return the pipeline configuration the options ask for (None: the shipped one), loaded and warmed for the
    run (`service.warm_pipeline`), or exit with a one-line error."""
    from marsad.errors import MarsadError

    config = service.pipeline_config(lexicon, ner_model)
    if lexicon and not Path(lexicon).is_dir():
        _err(f"--lexicon: no such directory: {lexicon}")
        raise typer.Exit(2)
    try:
        service.warm_pipeline(config)
    except (MarsadError, OSError) as err:
        _err(f"cannot build the pipeline: {err}")
        raise typer.Exit(2) from None
    return config


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Files or directories; - for standard input.")],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write <stem>.json files here.")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Print one JSON document a line.")] = False,
    lexicon: LexiconOpt = None,
    ner_model: NerOpt = None,
) -> None:
    """Analyse articles and print (or write) their document JSON."""
    if not service.valid_date(published):
        _err(f"--published: not a YYYY-MM-DD date: {published}")
        raise typer.Exit(2)
    failed = 0
    if out:
        out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    for a in service.extract(service.read(files), published, _config(lexicon, ner_model)):
        if a.doc is None:
            _err(f"skipped {a.error}")
            failed += 1
            continue
        data = a.doc.to_dict()
        if out:
            name = _unique(_safe_stem(a.name or a.source_id or a.doc.id), taken)
            (out / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        elif jsonl:
            typer.echo(json.dumps(data, ensure_ascii=False))
        else:
            typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
    raise typer.Exit(1 if failed else 0)


def _safe_stem(s: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in s)[:150] or "document"


def _unique(name: str, taken: set[str]) -> str:
    """Return `name`, or `name-2`, `name-3`... when an earlier article of this run took it (two «a.txt» in two
    folders write a.json and a-2.json, never one over the other)."""
    n, out = 1, name
    while out in taken:
        n += 1
        out = f"{name}-{n}"
    taken.add(out)
    return out


@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or directories; - for standard input.")] = None,
    from_dir: Annotated[Path | None, typer.Option(
        "--from", help="Store the results of `marsad batch --out DIR` (no analysis here) instead of PATHS.")] = None,
    db: DbOpt = DEFAULT_DB_URL,
    published: Annotated[str | None, typer.Option(help="Publication date for all inputs.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    resolve: Annotated[bool, typer.Option("--resolve/--no-resolve", help="Link actors and stories after.")] = True,
    lexicon: LexiconOpt = None,
    ner_model: NerOpt = None,
) -> None:
    """Analyse articles and store them; print what was added, unchanged and skipped.

    A folder's `published.tsv` (rows «file<TAB>YYYY-MM-DD») gives each of its files a publication date; JSON and
    JSONL records carry their own (`published`, or `date` / `date_extracted`). Ctrl-C stops between two
    articles and says what was stored. `--from DIR` stores what `marsad batch` analysed into DIR, then links
    actors and stories once.
    """
    from marsad.batch.manifest import BatchError

    if bool(paths) == bool(from_dir):
        _err("give PATHS to analyse, or --from DIR to store the results of `marsad batch` (not both)")
        raise typer.Exit(2)
    if not service.valid_date(published):
        _err(f"--published: not a YYYY-MM-DD date: {published}")
        raise typer.Exit(2)
    if from_dir and (published or lexicon is not None or ner_model is not None):
        _err("--from: the batch was analysed with its own --published, --lexicon and --ner-model; give them to "
             "`marsad batch`")
        raise typer.Exit(2)
    if from_dir and not from_dir.is_dir():
        _err(f"--from: no such folder: {from_dir}")
        raise typer.Exit(2)
    store = _open(db, create=True)
    config = None if from_dir else _config(lexicon, ner_model)
    total = None if quiet else (service.count_results(from_dir) if from_dir else service.count_inputs(paths or []))
    try:
        with _progress_bar(quiet) as bar:
            task = bar.add_task("storing" if from_dir else "ingesting", total=total)
            options = service.IngestOptions(published, resolve, progress=lambda: bar.advance(task), config=config)
            if from_dir:
                report = service.ingest_results(from_dir, store, options)
            else:
                report = service.ingest(service.read(paths or []), store, options)
    except BatchError as err:  # --from a folder that holds no batch
        _err(str(err))
        raise typer.Exit(2) from None
    except KeyboardInterrupt:  # during resolution: the articles are stored
        _err("interrupted while linking actors and stories: the articles are stored; run `marsad resolve` "
             "(or the next ingest links them)")
        raise typer.Exit(130) from None
    except MarsadError as err:  # the store stayed locked by another writer
        _err(str(err))
        raise typer.Exit(1) from None
    for line in report.skipped:
        _err(f"skipped {line}")
    if report.interrupted:
        _err(f"interrupted: {report.line()} (stored in {db}); run `marsad resolve --db {db}` to link them, "
             "or ingest again to go on (stored articles come back as unchanged)")
        store.close()
        raise typer.Exit(130)
    typer.echo(_summary(report))
    if report.resolution:
        _echo_resolution(report.resolution)
    store.close()
    raise typer.Exit(1 if report.skipped else 0)


class Engine(str, Enum):
    dask = "dask"
    local = "local"


class ResultFormat(str, Enum):
    parquet = "parquet"
    jsonl = "jsonl"


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files or directories (JSONL archives, folders of articles).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the result files and manifest.json (on storage "
                                                    "every worker can reach).")],
    engine: Annotated[Engine, typer.Option("--engine", help="dask: worker processes; local: this process.")]
    = Engine.dask,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); default: a LocalCluster.")]
    = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="LocalCluster worker processes, one thread each (default: one per core).")] = None,
    partition_size: Annotated[int, typer.Option("--partition-size", min=1, help="Articles per partition.")] = 100,
    format: Annotated[ResultFormat, typer.Option("--format", help="Result files: Parquet or JSON Lines.")]
    = ResultFormat.parquet,
    published: Annotated[str | None, typer.Option(help="Publication date for all inputs.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    lexicon: LexiconOpt = None,
    ner_model: NerOpt = None,
) -> None:
    """Analyse an archive in partitions on Dask into result files (one a partition) and a manifest; no store is
    touched (`marsad ingest --from OUT` stores the results). Running it again goes on where it stopped: finished
    partitions are kept."""
    from marsad.batch import BatchError, BatchOptions

    if not service.valid_date(published):
        _err(f"--published: not a YYYY-MM-DD date: {published}")
        raise typer.Exit(2)
    if scheduler and engine is Engine.local:
        _err("--scheduler: needs --engine dask")
        raise typer.Exit(2)
    config = _config(lexicon, ner_model)
    total = None if quiet else service.count_inputs(inputs)
    try:
        with _progress_bar(quiet) as bar:
            task = bar.add_task("analysing", total=total)

            def progress(n: int, resumed: bool) -> None:
                if resumed and total is not None:  # done by an earlier run: out of this run's count
                    bar.update(task, total=bar.tasks[0].total - n)
                else:
                    bar.advance(task, n)

            options = BatchOptions(engine.value, scheduler, workers, partition_size, format.value, published,
                                   config, progress=progress, note=_err)
            report = service.batch(inputs, out, options)
    except BatchError as err:
        _err(str(err))
        raise typer.Exit(2) from None
    for line in report.skipped:
        _err(f"skipped {line}")
    if report.interrupted:
        _err(f"interrupted: {report.line()}; run the same command again to go on (finished partitions are kept)")
        raise typer.Exit(130)
    typer.echo(report.line())
    if report.complete:
        typer.echo(f"results in {out} ({out / 'manifest.json'}); store them with `marsad ingest --from {out}`")
    else:
        typer.echo(f"not complete: run the same command again to finish the failed partitions ({out})")
    raise typer.Exit(1 if report.skipped or report.failed or not report.complete else 0)


@app.command()
def watch(
    feeds: Annotated[Path, typer.Argument(help="FEEDS.yaml: the feeds to poll (docs/scale.md shows one).")],
    db: DbOpt = DEFAULT_DB_URL,
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once, then stop.")] = False,
    interval: Annotated[float | None, typer.Option(
        "--interval", min=1.0, help="Seconds between two polls (default: the file's interval, else 900).")] = None,
) -> None:
    """Poll RSS/Atom feeds (ETag / Last-Modified), fetch new pages politely, extract and store their articles and
    link what changed; each problem (a feed or page that fails) is one line and none stops the watch."""
    import time

    from marsad.watch import WatchConfigError

    try:
        config = service.watch_config(feeds)
    except WatchConfigError as err:
        _err(str(err))
        raise typer.Exit(2) from None
    store = _open(db, create=True)
    pause = interval if interval is not None else config.interval
    try:
        while True:
            report = service.watch_poll(store, config)
            for line in report.problems:
                _err(line)
            typer.echo(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {report.line()}")
            if report.resolution:
                _echo_resolution(report.resolution)
            if once:
                break
            time.sleep(pause)
    except KeyboardInterrupt:
        _err("stopped: what was stored is kept; the next `marsad watch` goes on from there")
        raise typer.Exit(130) from None
    finally:
        store.close()
    raise typer.Exit(1 if report.problems else 0)


def _summary(report: service.Report) -> str:
    """Return the count line of an ingest and, when items were skipped, how many of all the items are stored
    (an exit code of 1 says only that something was skipped)."""
    if not report.skipped:
        return report.line()
    total = report.stored() + len(report.skipped)
    return f"{report.line()}; {report.stored()} of {total} items stored, {len(report.skipped)} skipped (listed above)"


def _emit(rows: list[dict], fmt: Format, columns: list[str]) -> None:
    if fmt is Format.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if fmt is Format.csv:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v)
                        for k, v in r.items()})
        typer.echo(buf.getvalue().rstrip("\n"))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns)
    for r in rows:
        table.add_row(*[", ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
                        for v in (r.get(c) for c in columns)])
    Console(width=200).print(table)


@app.command()
def documents(
    db: DbOpt = DEFAULT_DB_URL,
    since: Annotated[str | None, typer.Option()] = None,
    until: Annotated[str | None, typer.Option()] = None,
    outlet: Annotated[str | None, typer.Option()] = None,
    limit: Annotated[int | None, typer.Option()] = None,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List stored documents."""
    _check(EventFilter(since=since, until=until))
    rows = service.documents(_open(db), since, until, outlet, limit)
    _emit(rows, format, ["id", "published", "outlet", "title", "entities", "events"])


TypeOpt = Annotated[list[str] | None, typer.Option("--type", help="PLOVER type (CONSULT, ASSAULT, …); repeatable.")]
CountryOpt = Annotated[list[str] | None, typer.Option("--country", help="ISO code (EG, LY, …); repeat to require all.")]
ActorOpt = Annotated[str | None, typer.Option(help="Participant name (normalised substring).")]
SinceOpt = Annotated[str | None, typer.Option(help="Events dated on or after: YYYY-MM-DD, YYYY-MM or YYYY.")]
UntilOpt = Annotated[str | None, typer.Option(help="Events dated on or before: YYYY-MM-DD, YYYY-MM or YYYY.")]
DocOpt = Annotated[str | None, typer.Option(help="Only this document id.")]
UndatedOpt = Annotated[bool, typer.Option(
    "--include-undated", help="With --since / --until, keep the events that have no date (listed last).")]
EVENT_CSV = ["id", "doc", "when", "precision", "type", "mode", "modality", "actors", "recipients", "participants",
             "who_en", "location", "location_en", "contexts", "summary_en", "evidence", "title", "url"]


@app.command()
def events(
    db: DbOpt = DEFAULT_DB_URL,
    type: TypeOpt = None,
    country: CountryOpt = None,
    actor: ActorOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    doc: DocOpt = None,
    limit: Annotated[int | None, typer.Option()] = None,
    include_undated: UndatedOpt = False,
    lang: Annotated[Lang, typer.Option("--lang", help="en: Latin names, English places and a one-line English "
                                                      "summary of each event.")] = Lang.ar,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List stored events: id, date («undated»), type/mode, actor → recipient, place, modality, article title
    and link (undated ones last; a date bound says how many it left out)."""
    f = EventFilter(tuple(type or ()), tuple(country or ()), actor, since, until, doc, limit, include_undated)
    _check(f)
    listing = service.event_listing(_open(db), f)
    if format is not Format.table:
        _emit(listing.rows, format, EVENT_CSV)
    else:
        en = lang is Lang.en
        rows = [{"id": r["id"], "date": r["when"], "type": r["type"] + (f"/{r['mode']}" if r["mode"] else ""),
                 "actor → recipient": r["who_en" if en else "who"],
                 "place": (r["location_en"] if en else r["location"]) or "", "modality": r["modality"],
                 ("summary" if en else "title"): r["summary_en" if en else "title"], "link": r["url"] or ""}
                for r in listing.rows]
        _emit(rows, format, ["id", "date", "type", "actor → recipient", "place", "modality",
                             "summary" if en else "title", "link"])
        _err(f"{len(rows)} events")
    if listing.note():
        _err(listing.note())


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="plover (JSON Lines), acled (CSV), graphml "
                                                                   "(actor network), csv (plain).")],
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: standard output).")] = None,
    db: DbOpt = DEFAULT_DB_URL,
    type: TypeOpt = None,
    country: CountryOpt = None,
    actor: ActorOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    doc: DocOpt = None,
    limit: Annotated[int | None, typer.Option()] = None,
    include_undated: UndatedOpt = False,
) -> None:
    """Export the events matching the filters (those of `marsad events`) for other tools, each with its English
    summary: PLOVER-style JSONL, ACLED-style CSV, GraphML of the actor network, or plain CSV."""
    f = EventFilter(tuple(type or ()), tuple(country or ()), actor, since, until, doc, limit, include_undated)
    _check(f)
    chunks = service.export(_open(db), format.value, f)
    if out is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    try:
        with out.open("w", encoding="utf-8", newline="") as fh:
            for chunk in chunks:
                fh.write(chunk)
    except OSError as err:
        _err(f"--out: cannot write {out}: {err.strerror or err}")
        raise typer.Exit(1) from None
    _err(f"wrote {out} ({format.value}, {out.stat().st_size} bytes)")


@app.command()
def show(ref: Annotated[str, typer.Argument(help="Document id (or prefix), or a file to analyse.")],
         db: DbOpt = DEFAULT_DB_URL,
         published: Annotated[str | None, typer.Option()] = None,
         as_json: Annotated[bool, typer.Option("--json", help="Print the document JSON instead.")] = False,
         color: Annotated[bool | None, typer.Option("--color/--no-color",
                                                    help="Colour the marks (default: on a terminal).")] = None,
         lexicon: LexiconOpt = None, ner_model: NerOpt = None) -> None:
    """Print an article with its entities [[…|PER:p1]], dates {…|2024-03-13} and event triggers <<…|CONSULT:e1>>
    marked in place (in colour on a terminal, each event's evidence underlined), then its events in English."""
    from marsad.render import render_document, render_rich

    if Path(ref).is_file():
        try:
            doc = service.analyse_file(ref, published, _config(lexicon, ner_model))
        except InputError as err:
            _err(str(err))
            raise typer.Exit(1) from None
    else:
        doc = service.document(_open(db), ref)
        if doc is None:
            _err(f"{ref}: no such document in {db} (nor a file)")
            raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=1))
        return
    if color if color is not None else sys.stdout.isatty():
        from rich.console import Console

        Console(force_terminal=True, highlight=False).print(render_rich(doc))
    else:
        typer.echo(render_document(doc))
    linked = [f"{e.id} {e.name} = {e.kb_id}" for e in doc.entities if e.type == "PER" and e.kb_id]
    if linked:
        typer.echo("ACTORS " + "; ".join(linked))


@app.command()
def demo(db: DbOpt = DEFAULT_DB_URL) -> None:
    """Analyse the example articles shipped with Marsad, store them and print what was found."""
    from marsad.render import summarise_document

    store = _open(db, create=True)
    for name, status, doc in service.demo(store):
        typer.echo(f"== {name} ({status})")
        typer.echo(summarise_document(doc))
    c = store.count()
    typer.echo(f"\nstored in {db}: {c['documents']} documents, {c['entities']} entities, "
               f"{c['events']} events, {c['quotes']} quotes")


@app.command()
def ner(conll: Annotated[Path, typer.Option("--conll", help="One token per line, blank line between sentences.")]
        ) -> None:
    """Tag a CoNLL token file and print `token TAG` lines (BIO: PERS, ORG, LOC, MISC)."""
    from marsad.ner.conll import read_conll
    from marsad.ner.modeldir import ModelError
    from marsad.ner.tagger import model_available, tag_conll

    if not conll.is_file():
        _err(f"{conll}: no such file")
        raise typer.Exit(1)
    try:
        if not model_available():
            _err("no NER model installed: run `make train-ner`")
            raise typer.Exit(1)
    except ModelError as err:
        _err(str(err))
        raise typer.Exit(1) from None
    sents = [words for words, _ in read_conll(conll)]
    out = sys.stdout
    for words, tags in zip(sents, tag_conll(sents), strict=True):  # as `make eval-ner` tags: one function
        for w, t in zip(words, tags, strict=True):
            out.write(f"{w} {t}\n")
        out.write("\n")


def _echo_resolution(r: service.ResolutionSummary) -> None:
    typer.echo(f"resolved {r.person_entities} person mentions into {r.actors} actors; "
               f"{r.duplicate_groups} near-duplicate groups, {r.stories} stories, "
               f"{r.canonical_events} canonical events ({r.documents} documents linked in this run)")


@app.command()
def resolve(db: DbOpt = DEFAULT_DB_URL,
            since: Annotated[str | None, typer.Option(help="Also relink documents ingested since this date.")] = None,
            full: Annotated[bool, typer.Option("--full", help="Recompute everything (ids are kept).")] = False,
            ) -> None:
    """Link new documents to actors, near-duplicates, stories and canonical events (incremental)."""
    _check(EventFilter(since=since))
    _echo_resolution(service.resolve(_open(db), since=since, full=full))


actors_app = typer.Typer(help="Actors across articles: list, merge, split.", invoke_without_command=True)
app.add_typer(actors_app, name="actors")


@actors_app.callback()
def actors_list(
    ctx: typer.Context,
    db: DbOpt = DEFAULT_DB_URL,
    country: Annotated[str | None, typer.Option(help="ISO code.")] = None,
    search: Annotated[str | None, typer.Option(help="Part of a name (any spelling).")] = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many (default: all).")] = None,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List actors, the most reported first, and say how many there are."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = db
        return
    if country:
        _check(EventFilter(countries=(country,)))
    page = service.actors(_open(db), country, search, limit, offset)
    _emit(page.rows, format, ["kb_id", "name", "name_latin", "country", "articles", "roles", "variants"])
    shown = f"{page.offset + 1}-{page.offset + len(page.rows)}" if page.rows else "none"
    _err(f"{page.total} actors; showing {shown}")


def _correction_db(ctx: typer.Context, db: str | None) -> Store:
    return _open(db or ctx.obj or DEFAULT_DB_URL)


@actors_app.command("merge")
def actors_merge(ctx: typer.Context, keep: str, other: str,
                 db: Annotated[str | None, typer.Option("--db")] = None) -> None:
    """Record that actor OTHER is the same person as KEEP (kept across re-ingestion)."""
    try:
        typer.echo(service.merge_actors(_correction_db(ctx, db), keep, other))
    except MarsadError as err:
        _err(str(err))
        raise typer.Exit(1) from None


@actors_app.command("split")
def actors_split(ctx: typer.Context, kb_id: str,
                 doc: Annotated[list[str], typer.Option("--doc", help="Articles whose mentions are another person.")],
                 db: Annotated[str | None, typer.Option("--db")] = None) -> None:
    """Record that actor KB_ID's mentions in the given articles are a different person."""
    try:
        typer.echo(service.split_actor(_correction_db(ctx, db), kb_id, doc))
    except MarsadError as err:
        _err(str(err))
        raise typer.Exit(1) from None


@app.command()
def actor(name: Annotated[str, typer.Argument(help="Name (any spelling) or kb_id.")],
          db: DbOpt = DEFAULT_DB_URL) -> None:
    """Profile of an actor: roles over time, events, most frequent counterparts."""
    text = service.actor_profile(_open(db), name)
    if text is None:
        _err(f"{name}: no such actor in {db}")
        raise typer.Exit(1)
    typer.echo(text)


@app.command()
def stories(db: DbOpt = DEFAULT_DB_URL, limit: Annotated[int, typer.Option()] = 20,
            format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """Stories: articles about the same happening, with their canonical events (`marsad story ID` shows one)."""
    rows = service.stories(_open(db), limit)
    _emit(rows, format, ["story", "articles", "outlets", "titles", "events"])
    if format is Format.table:
        _err(f"{len(rows)} stories of more than one article; `marsad story ID` shows one with its disagreements")


@app.command()
def story(story_id: Annotated[str, typer.Argument(help="Story id, as `marsad stories` lists them.")],
          db: DbOpt = DEFAULT_DB_URL, format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """One story: its articles (date, outlet, title, link), its canonical events with their English summary,
    corroboration and sources, and where the articles disagree."""
    detail = service.story_record(_open(db), story_id)
    if detail is None:
        _err(f"{story_id}: no such story in {db} (`marsad stories` lists them)")
        raise typer.Exit(1)
    if format is Format.json:
        typer.echo(json.dumps(detail, ensure_ascii=False, indent=1))
        return
    events = detail["canonical_events"]
    if format is Format.csv:
        _emit(events, format, ["id", "when", "type", "location", "actors", "corroboration", "sources",
                               "disagreements", "summary_en"])
        return
    typer.echo(f"story {detail['story']}: {len(detail['documents'])} articles, {len(events)} canonical events")
    typer.echo("articles:")
    for a in detail["documents"]:
        typer.echo(f"  {a['published'] or 'undated'}  {a['id']}  {a['outlet'] or '?'}  {a['title'] or ''}"
                   + (f"  {a['url']}" if a["url"] else ""))
    typer.echo("canonical events:")
    for e in events:
        typer.echo(f"  {e['when']}  {e['type']}  corroboration {e['corroboration']}; "
                   f"sources: {', '.join(e['sources'])}")
        if e["summary_en"]:
            typer.echo(f"      {e['summary_en']}")
        names = e["actors"] + e["organisations"]
        if names:
            typer.echo(f"      actors: {', '.join(names)}" + (f"  @ {e['location']}" if e["location"] else ""))
        for d in e["disagreements"]:
            typer.echo(f"      disagreement: {d}")


@app.command()
def timeline(pair: Annotated[tuple[str, str], typer.Option("--pair", help="Two ISO codes, e.g. EG LY.")],
             db: DbOpt = DEFAULT_DB_URL, format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """Canonical events between two states, oldest first, then the undated ones (marked «undated»)."""
    _check(EventFilter(countries=pair))
    rows = service.timeline(_open(db), pair[0], pair[1])
    _emit(rows, format, ["when", "type", "actors", "location", "corroboration", "sources", "disagreements"])


@app.command()
def brief(pair: Annotated[tuple[str, str], typer.Option("--pair", help="Two ISO codes, e.g. EG LY.")],
          out: Annotated[Path, typer.Option("--out", help="Folder for brief.md, brief.html and timeline.svg.")],
          db: DbOpt = DEFAULT_DB_URL, since: SinceOpt = None, until: UntilOpt = None) -> None:
    """Write a brief on two states' relations: a timeline chart, the main actors with their posts, and the key
    events with their English summary, evidence, source and corroboration (Markdown and one HTML page)."""
    from marsad.export.brief import timeline_svg, to_html, to_markdown

    _check(EventFilter(countries=pair, since=since, until=until))
    b = service.brief(_open(db), pair[0], pair[1], since, until)
    out.mkdir(parents=True, exist_ok=True)
    (out / "timeline.svg").write_text(timeline_svg(b), encoding="utf-8")
    (out / "brief.md").write_text(to_markdown(b), encoding="utf-8")
    (out / "brief.html").write_text(to_html(b), encoding="utf-8")
    _err(f"{len(b.events)} happenings from {b.articles} articles, {len(b.actors)} main actors: "
         f"{out / 'brief.html'}, {out / 'brief.md'}")


@app.command()
def search(query: Annotated[str, typer.Argument(help="Words to find, in any spelling.")],
           db: DbOpt = DEFAULT_DB_URL,
           limit: Annotated[int, typer.Option(help="Documents to show.", min=1, max=200)] = 20,
           offset: Annotated[int, typer.Option(help="Skip this many first.", min=0)] = 0,
           format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """Full-text search over titles, sentences and names: one line a document, best first, matches marked."""
    from rich.console import Console
    from rich.text import Text

    try:
        page = service.search(_open(db), query, limit, offset)
    except MarsadError as err:
        _err(str(err))
        raise typer.Exit(2) from None
    if format is not Format.table:
        _emit([h.to_dict() for h in page.hits], format, ["doc", "published", "title", "kind", "text", "highlights"])
        return
    console = Console(width=200, highlight=False)
    for n, h in enumerate(page.hits, page.offset + 1):
        console.print(Text(f"{n}. {h.doc}  {h.published or 'undated'}  {h.title or ''}", style="bold"))
        line = Text("   " + h.text)
        for a, b in h.highlights:
            line.stylize("bold yellow reverse", a + 3, b + 3)
        console.print(line)
    shown = f"{page.offset + 1}-{page.offset + len(page.hits)}" if page.hits else "none"
    _err(f"{page.total} documents match; showing {shown}")


@app.command()
def delete(docs: Annotated[list[str], typer.Argument(help="Document ids, exactly as `marsad documents` lists them.")],
           db: DbOpt = DEFAULT_DB_URL,
           resolve: Annotated[bool, typer.Option("--resolve/--no-resolve",
                                                 help="Link again what they shared stories and actors with.")]
           = True) -> None:
    """Delete documents with everything found in them (entities, events, quotes, search rows), then re-link the
    stories, near-duplicates and actors they were part of."""
    try:
        done = service.delete(_open(db), docs, relink=resolve)
    except MarsadError as err:
        _err(str(err))
        raise typer.Exit(1) from None
    for d in done.missing:
        _err(f"{d}: no such document in {db}")
    typer.echo(f"deleted {len(done.deleted)} documents" + (f", {len(done.missing)} not found" if done.missing else ""))
    if done.resolution:
        _echo_resolution(done.resolution)
    raise typer.Exit(1 if done.missing else 0)


@app.command()
def reindex(db: DbOpt = DEFAULT_DB_URL) -> None:
    """Rebuild the full-text search index from the stored documents (ingest keeps it in step by itself)."""
    n = service.reindex(_open(db))
    typer.echo(f"indexed {n} documents for search")


@app.command()
def serve(db: DbOpt = DEFAULT_DB_URL,
          host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port.", min=1, max=65535)] = 8000,
          token: Annotated[str | None, typer.Option(envvar="MARSAD_API_TOKEN", show_envvar=True,
                                                    help="Enables corrections (POST) for requests bearing it.")]
          = None) -> None:
    """Serve the web app (at /) and the HTTP API (at /api/, its OpenAPI schema at /docs) over a store; prints the
    address."""
    import uvicorn

    from marsad.web import create_app

    try:
        api = create_app(db, token)
    except MarsadError as err:
        _err(str(err))
        raise typer.Exit(1) from None
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Marsad on http://{shown}:{port}/  (web app: /, API: /api/, schema: /docs; corrections "
               f"{'enabled with the token' if token else 'disabled: no token'})")
    if host not in ("127.0.0.1", "localhost", "::1"):
        _err(f"note: listening on {host}, reachable from other machines")
    uvicorn.run(api, host=host, port=port, log_level="warning")


def main() -> None:
    """Entry point of the console script."""
    app()


if __name__ == "__main__":
    sys.exit(main())
