"""Read a batch's output folder back: each document of its finished partitions with the input item it came from,
and one line for each item it skipped and each partition not finished."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.batch.manifest import BatchError, load_manifest
from marsad.batch.results import read_part
from marsad.model import Document


@dataclass(slots=True)
class Loaded:
    """One item of a batch's results: its Document, or the one-line problem («item: reason») in its place."""

    item: str
    doc: Document | None = None
    problem: str | None = None


def count_results(folder: Path) -> int:
    """Return how many documents and skipped items the finished partitions of a batch folder hold (0 if none)."""
    try:
        manifest = load_manifest(folder)
    except BatchError:
        return 0
    if manifest is None:
        return 0
    c = manifest.counts()
    return c["documents"] + c["skipped"]


def load_results(folder: Path) -> Iterator[Loaded]:
    """Yield the results of a batch folder in input order: each document of a finished partition, each item the
    batch skipped (with its reason), and a problem line for each partition that is not finished or whose file
    cannot be read. Raise BatchError when the folder holds no batch manifest."""
    manifest = load_manifest(folder)
    if manifest is None:
        raise BatchError(f"{folder}: no manifest.json here (not the --out folder of a `marsad batch`)")
    for index, entry in sorted(manifest.partitions.items()):
        where = f"{folder}: partition {index} ({entry.first_item} … {entry.last_item})"
        if entry.status != "done" or not entry.file:
            yield Loaded(where, problem=f"{where}: not finished ({entry.error or entry.status}); run the same "
                                        "`marsad batch` again to finish it")
            continue
        for line in entry.skipped:
            yield Loaded(line.split(": ", 1)[0], problem=line)
        path = folder / entry.file
        try:
            for item, data in read_part(path):
                yield Loaded(item, doc=Document.from_dict(data))
        except Exception as err:  # a missing, truncated or foreign file: pyarrow and json raise many kinds
            yield Loaded(str(path), problem=f"{path}: unreadable result file ({type(err).__name__}: "
                                            f"{str(err)[:200]})")
    if manifest.items is None:
        yield Loaded(str(folder), problem=f"{folder}: the batch stopped before reading all its inputs; run the "
                                          "same `marsad batch` again to finish it")
