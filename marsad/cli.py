"""The `marsad` command line: each command parses its arguments and calls one library function."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from marsad.errors import InputError
from marsad.extract.pipeline import analyse, normalise_published
from marsad.ingest import iter_articles
from marsad.store import DEFAULT_DB_URL, Store
from marsad.store.db import EventFilter

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Marsad: evidence-backed event data from Arabic news.")
DbOpt = Annotated[str, typer.Option("--db", help="SQLAlchemy database URL.")]


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Files or directories; - for standard input.")],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write <stem>.json files here.")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Print one JSON document a line.")] = False,
) -> None:
    """Analyse articles and print (or write) their document JSON."""
    if published and not normalise_published(published):
        _err(f"--published: not a YYYY-MM-DD date: {published}")
        raise typer.Exit(2)
    failed = 0
    if out:
        out.mkdir(parents=True, exist_ok=True)
    for rec in iter_articles(files):
        if isinstance(rec, InputError):
            _err(f"skipped {rec}")
            failed += 1
            continue
        meta = rec.meta()
        if published:
            meta["published"] = published
        try:
            doc = analyse(rec.text, meta)
        except InputError as err:
            _err(f"skipped {rec.item}: {err.reason}")
            failed += 1
            continue
        data = doc.to_dict()
        if out:
            name = _safe_stem(rec.id or doc.id)
            (out / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        elif jsonl:
            typer.echo(json.dumps(data, ensure_ascii=False))
        else:
            typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
    raise typer.Exit(1 if failed else 0)


def _safe_stem(s: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in s)[:150] or "document"


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or directories; - for standard input.")],
    db: DbOpt = DEFAULT_DB_URL,
    published: Annotated[str | None, typer.Option(help="Publication date for all inputs.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    resolve: Annotated[bool, typer.Option("--resolve/--no-resolve", help="Link actors and stories after.")] = True,
) -> None:
    """Analyse articles and store them; print what was added, unchanged and skipped."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    store = Store(db)
    counts: Counter[str] = Counter()
    skipped: list[str] = []
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} articles"),
                  TimeElapsedColumn(), disable=quiet, transient=True, console=None) as bar:
        task = bar.add_task("ingesting", total=None)
        for rec in iter_articles(paths):
            bar.advance(task)
            if isinstance(rec, InputError):
                skipped.append(str(rec))
                continue
            meta = rec.meta()
            if published:
                meta["published"] = published
            try:
                doc = analyse(rec.text, meta)
            except InputError as err:
                skipped.append(f"{rec.item}: {err.reason}")
                continue
            counts[store.add(doc, source_item=rec.item)] += 1
    for line in skipped:
        _err(f"skipped {line}")
    typer.echo(f"added {counts['added']}, updated {counts['updated']}, unchanged {counts['unchanged']}, "
               f"skipped {len(skipped)}")
    if resolve and (counts["added"] or counts["updated"]):
        _report_resolution(store)
    store.close()
    raise typer.Exit(1 if skipped else 0)


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
    store = Store(db)
    rows = [{"id": d.id, "published": d.published, "outlet": d.outlet, "title": (d.title or d.text[:60]),
             "entities": len(d.doc_json.get("entities", [])), "events": len(d.doc_json.get("events", []))}
            for d in store.documents(since, until, outlet, limit)]
    _emit(rows, format, ["id", "published", "outlet", "title", "entities", "events"])


@app.command()
def events(
    db: DbOpt = DEFAULT_DB_URL,
    type: Annotated[list[str] | None, typer.Option("--type", help="PLOVER type; repeatable.")] = None,
    country: Annotated[list[str] | None, typer.Option("--country", help="ISO code; repeat to require all.")] = None,
    actor: Annotated[str | None, typer.Option(help="Participant name (normalised substring).")] = None,
    since: Annotated[str | None, typer.Option()] = None,
    until: Annotated[str | None, typer.Option()] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document id.")] = None,
    limit: Annotated[int | None, typer.Option()] = None,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List stored events with their participants and evidence."""
    store = Store(db)
    f = EventFilter(tuple(type or ()), tuple(country or ()), actor, since, until, doc, limit)
    rows = []
    for e in store.events(f):
        rows.append({
            "doc": e.doc_id, "event": e.local_id, "type": e.type, "mode": e.mode, "date": e.date_value,
            "modality": e.modality + (" (negated)" if e.negated else ""),
            "actors": [p.name or p.ref for p in e.participants if p.role == "actor"],
            "recipients": [p.name or p.ref for p in e.participants if p.role == "recipient"],
            "participants": [p.name or p.ref for p in e.participants],
            "location": e.location_name, "contexts": e.contexts, "evidence": e.evidence_text,
        })
    _emit(rows, format, ["doc", "type", "mode", "date", "modality", "participants", "location",
                         "contexts", "evidence"])


@app.command()
def show(ref: Annotated[str, typer.Argument(help="Document id (or prefix), or a file to analyse.")],
         db: DbOpt = DEFAULT_DB_URL,
         published: Annotated[str | None, typer.Option()] = None) -> None:
    """Print an article with its entities, dates and events marked in place."""
    from marsad.render import render_document

    if Path(ref).is_file():
        rec = next(iter_articles([ref]))
        if isinstance(rec, InputError):
            _err(str(rec))
            raise typer.Exit(1)
        meta = rec.meta()
        if published:
            meta["published"] = published
        doc = analyse(rec.text, meta)
    else:
        doc = Store(db).document(ref)
        if doc is None:
            _err(f"{ref}: no such document in {db}")
            raise typer.Exit(1)
    typer.echo(render_document(doc))


@app.command()
def demo(db: DbOpt = DEFAULT_DB_URL) -> None:
    """Analyse the example articles shipped with Marsad, store them and print what was found."""
    from marsad.render import summarise_document

    examples = sorted((Path(__file__).parent / "examples").glob("*.txt"))
    store = Store(db)
    for path in examples:
        pub = None
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if first.startswith("#published:"):
            pub = first.split(":", 1)[1].strip()
        text = "\n".join(path.read_text(encoding="utf-8").splitlines()[1 if pub else 0:])
        doc = analyse(text, {"id": path.stem, "published": pub})
        status = store.add(doc, source_item=str(path))
        typer.echo(f"== {path.stem} ({status})")
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


def _report_resolution(store: Store) -> None:
    from marsad.store.resolution import resolve_store

    r = resolve_store(store)
    typer.echo(f"resolved {r.person_entities} person mentions into {r.actors} actors; "
               f"{r.duplicate_groups} near-duplicate groups, {r.stories} stories, "
               f"{r.canonical_events} canonical events")


@app.command()
def resolve(db: DbOpt = DEFAULT_DB_URL) -> None:
    """Link persons across articles, find near-duplicates and stories, build canonical events."""
    _report_resolution(Store(db))


actors_app = typer.Typer(help="Actors across articles: list, merge, split.", invoke_without_command=True)
app.add_typer(actors_app, name="actors")


@actors_app.callback()
def actors_list(
    ctx: typer.Context,
    db: DbOpt = DEFAULT_DB_URL,
    country: Annotated[str | None, typer.Option(help="ISO code.")] = None,
    search: Annotated[str | None, typer.Option(help="Part of a name (any spelling).")] = None,
    limit: Annotated[int, typer.Option()] = 50,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List actors, the most reported first."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = db
        return
    from marsad.store.queries import list_actors

    rows = list_actors(Store(db), country, search, limit)
    _emit(rows, format, ["kb_id", "name", "name_latin", "country", "articles", "roles", "variants"])


@actors_app.command("merge")
def actors_merge(ctx: typer.Context, keep: str, other: str,
                 db: Annotated[str | None, typer.Option("--db")] = None) -> None:
    """Record that actor OTHER is the same person as KEEP (kept across re-ingestion)."""
    from marsad.resolve.actors import Override
    from marsad.store.resolution import add_override

    store = Store(db or ctx.obj or DEFAULT_DB_URL)
    add_override(store, Override("merge", keep, other))
    _report_resolution(store)


@actors_app.command("split")
def actors_split(ctx: typer.Context, kb_id: str,
                 doc: Annotated[list[str], typer.Option("--doc", help="Articles whose mentions are another person.")],
                 db: Annotated[str | None, typer.Option("--db")] = None) -> None:
    """Record that actor KB_ID's mentions in the given articles are a different person."""
    from marsad.resolve.actors import Override
    from marsad.store.resolution import add_override

    store = Store(db or ctx.obj or DEFAULT_DB_URL)
    add_override(store, Override("split", kb_id, None, tuple(doc)))
    _report_resolution(store)


@app.command()
def actor(name: Annotated[str, typer.Argument(help="Name (any spelling) or kb_id.")],
          db: DbOpt = DEFAULT_DB_URL) -> None:
    """Profile of an actor: roles over time, events, most frequent counterparts."""
    from marsad.store.queries import actor_profile

    text = actor_profile(Store(db), name)
    if text is None:
        _err(f"{name}: no such actor in {db}")
        raise typer.Exit(1)
    typer.echo(text)


@app.command()
def stories(db: DbOpt = DEFAULT_DB_URL, limit: Annotated[int, typer.Option()] = 20,
            format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """Stories: articles about the same happening, with their canonical events."""
    from marsad.store.queries import list_stories

    _emit(list_stories(Store(db), limit), format, ["story", "articles", "outlets", "titles", "events"])


@app.command()
def timeline(pair: Annotated[tuple[str, str], typer.Option("--pair", help="Two ISO codes, e.g. EG LY.")],
             db: DbOpt = DEFAULT_DB_URL, format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """Canonical events between two states, oldest first, with their sources."""
    from marsad.store.queries import pair_timeline

    rows = pair_timeline(Store(db), pair[0].upper(), pair[1].upper())
    _emit(rows, format, ["date", "type", "actors", "location", "corroboration", "sources", "disagreements"])


def main() -> None:
    """Entry point of the console script."""
    app()


if __name__ == "__main__":
    sys.exit(main())
