"""Run a batch: read the inputs in order, cut them into partitions of N items, run the partitions that are not
done yet (on Dask or in this process), and record each finished one in the manifest.

The reader stays ahead of the workers by a few partitions only, so memory does not grow with the archive. Items
are numbered in the order the readers yield them; the same inputs give the same partitions, which is what lets a
later run skip those already done (the inputs' fingerprint and the settings are checked first).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad import service
from marsad.batch.manifest import BatchError, Manifest, PartitionEntry, fingerprint, load_manifest
from marsad.batch.results import RESULT_FORMATS, remove_temporaries
from marsad.batch.runners import DaskRunner, LocalRunner, Runner
from marsad.batch.worker import PartResult, run_partition
from marsad.extract.pipeline import PipelineConfig
from marsad.ingest.readers import Result

ENGINES = ("dask", "local")
DEFAULT_PARTITION_SIZE = 100  # about 3 s of one core's work on news articles: small enough to balance 2 workers


@dataclass(slots=True)
class BatchOptions:
    """How to run a batch. `progress(n, resumed)` is told each time n items are finished (resumed: they were
    finished by an earlier run); `note` receives one-line notes (a failed partition, partitions resumed)."""

    engine: str = "dask"
    scheduler: str | None = None
    workers: int | None = None  # LocalCluster worker processes (default: one per core)
    partition_size: int = DEFAULT_PARTITION_SIZE
    fmt: str = "parquet"
    published: str | None = None
    config: PipelineConfig | None = None
    progress: Callable[[int, bool], None] | None = None
    note: Callable[[str], None] | None = None


@dataclass(slots=True)
class BatchReport:
    """What a batch run did: partitions resumed, done now and failed; documents and skipped items of this run."""

    out: Path
    partitions: int = 0
    resumed: int = 0
    done_now: int = 0
    failed: list[str] = field(default_factory=list)  # «partition N (items): reason»
    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    items: int = 0  # items analysed in this run (documents and skipped)
    seconds: float = 0.0
    interrupted: bool = False
    complete: bool = False  # every partition of the inputs is done (this run or earlier)

    def line(self) -> str:
        """Return the one-line summary of the run."""
        rate = f" ({self.items / self.seconds:.1f} articles/s)" if self.items and self.seconds else ""
        return (f"{self.partitions} partitions: {self.resumed} done before, {self.done_now} done now, "
                f"{len(self.failed)} failed; {self.documents} documents, {len(self.skipped)} skipped "
                f"in {self.seconds:.1f} s{rate}")


def _partitions(records: Iterable[Result], size: int) -> Iterator[tuple[int, int, list[Result]]]:
    """Yield (index, first item number, records) for consecutive groups of `size` records."""
    group: list[Result] = []
    index = start = 0
    for rec in records:
        group.append(rec)
        if len(group) == size:
            yield index, start, group
            index, start, group = index + 1, start + size, []
    if group:
        yield index, start, group


def _settings(options: BatchOptions) -> dict:
    cfg = options.config
    return {"partition_size": options.partition_size, "format": options.fmt, "published": options.published,
            "lexicon": cfg.lexicon_dir if cfg else None, "ner_model": cfg.ner_model if cfg else None}


def _open_manifest(out: Path, paths: list[str], options: BatchOptions) -> Manifest:
    """Return the manifest to go on with (the folder's own, when it is of these inputs and settings) or a new one;
    raise BatchError when the folder holds another batch."""
    settings, digest = _settings(options), fingerprint(paths)
    inputs = [os.path.abspath(p) for p in paths]
    old = load_manifest(out)
    if old is None:
        if any(out.glob("part-*")):
            raise BatchError(f"{out}: holds result files but no manifest.json; choose an empty folder")
        return Manifest(inputs, digest, settings)
    if old.inputs != inputs:
        raise BatchError(f"{out}: holds a batch of other inputs ({', '.join(old.inputs)}); choose another --out, "
                         "or remove it to start again")
    if old.settings != settings:
        diff = "; ".join(f"{k} {old.settings.get(k)!r} there, {v!r} now" for k, v in settings.items()
                         if old.settings.get(k) != v)
        raise BatchError(f"{out}: holds a batch made with other settings ({diff}); choose another --out, or "
                         "remove it to start again")
    if old.fingerprint != digest:
        raise BatchError(f"{out}: the input files changed since this batch started (sizes or times differ); "
                         "choose another --out, or remove it to start again")
    return old


def _lock(out: Path):
    """Hold an exclusive lock on the output folder for this process's life (released even on SIGKILL); raise
    BatchError when another batch holds it."""
    fh = (out / ".lock").open("a")
    try:
        import fcntl

        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except ImportError:  # no fcntl (Windows): no lock
        pass
    except OSError:
        fh.close()
        raise BatchError(f"{out}: another `marsad batch` is writing to this folder") from None
    return fh


def run_batch(paths: list[str], out: Path, options: BatchOptions | None = None) -> BatchReport:
    """Analyse the articles under `paths` in partitions, writing one result file a partition and the manifest
    into `out`; partitions done by an earlier run on the same inputs are skipped. Return what this run did.

    Raises BatchError (one line) when `out` holds another batch or is in use. Ctrl-C stops it: what is finished
    is recorded, the report says `interrupted`, and the same command goes on later.
    """
    options = options or BatchOptions()
    if options.engine not in ENGINES:
        raise BatchError(f"--engine: unknown engine {options.engine!r}; known: {', '.join(ENGINES)}")
    if options.fmt not in RESULT_FORMATS:
        raise BatchError(f"--format: unknown result format {options.fmt!r}; known: {', '.join(RESULT_FORMATS)}")
    if "-" in paths:
        raise BatchError("-: a batch reads files and folders (standard input could not be resumed)")
    out.mkdir(parents=True, exist_ok=True)
    lock = _lock(out)
    try:
        remove_temporaries(out)
        manifest = _open_manifest(out, paths, options)
        manifest.save(out)
        return _run(paths, out.resolve(), manifest, options)
    finally:
        lock.close()


def _runner(out: Path, options: BatchOptions) -> Runner:
    if options.engine == "local":
        return LocalRunner(lambda index, records: run_partition(index, records, str(out), options.fmt,
                                                                options.published, options.config))
    try:
        return DaskRunner(str(out), options.fmt, options.published, options.config, options.scheduler,
                          options.workers or os.cpu_count() or 1)
    except (OSError, TimeoutError) as err:  # distributed says «Timed out trying to connect to …»
        where = f"--scheduler {options.scheduler}" if options.scheduler else "a LocalCluster"
        raise BatchError(f"cannot start the workers ({where}): {str(err).splitlines()[0][:300]}") from None


def _run(paths: list[str], out: Path, manifest: Manifest, options: BatchOptions) -> BatchReport:
    report = BatchReport(out)
    t0 = time.perf_counter()
    progress = options.progress or (lambda n, resumed: None)
    note = options.note or (lambda line: None)
    sizes: dict[int, int] = {}
    runner: Runner | None = None

    def finish(index: int, result: PartResult | BaseException) -> None:
        entry = manifest.partitions[index]
        if isinstance(result, BaseException):
            entry.status, entry.error = "failed", f"{type(result).__name__}: {str(result)[:300]}"
            line = f"partition {index} ({entry.first_item} … {entry.last_item}): {entry.error}"
            report.failed.append(line)
            note(f"failed {line}")
        else:
            entry.status, entry.file, entry.documents = "done", result.file, result.documents
            entry.skipped, entry.seconds, entry.error = result.skipped, round(result.seconds, 3), None
            report.done_now += 1
            report.documents += result.documents
            report.skipped.extend(result.skipped)
            report.items += sizes[index]
        manifest.save(out)
        progress(sizes.pop(index), False)

    try:
        total = 0
        for index, start, records in _partitions(service.read(paths), options.partition_size):
            total = start + len(records)
            if manifest.done(index):
                report.resumed += 1
                progress(len(records), True)
                continue
            manifest.partitions[index] = PartitionEntry(index, start, start + len(records), records[0].item,
                                                        records[-1].item)
            if runner is None:
                runner = _runner(out, options)
            sizes[index] = len(records)
            runner.submit(index, records)
            while runner.pending() >= runner.slots:
                finish(*runner.next_done())
        while runner is not None and runner.pending():
            finish(*runner.next_done())
        manifest.items = total
        # partitions beyond the end (the inputs shrank, which the fingerprint should have caught) are dropped
        for index in [i for i, p in manifest.partitions.items() if p.start >= total]:
            del manifest.partitions[index]
        manifest.save(out)
    except KeyboardInterrupt:
        report.interrupted = True
        manifest.save(out)  # partitions in flight stay pending: the next run does them again
    finally:
        if runner is not None:
            runner.close()
    report.partitions = len(manifest.partitions)
    report.complete = manifest.complete()
    report.seconds = time.perf_counter() - t0
    return report
