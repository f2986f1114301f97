"""Result files of a batch: one Parquet or JSONL file a partition, written whole under a temporary name and
renamed into place, so a reader (or a resumed run) sees a partition's file complete or not at all."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from marsad.model import Document

RESULT_FORMATS = ("parquet", "jsonl")
TEMP_SUFFIX = ".tmp"


def part_name(index: int, fmt: str) -> str:
    """Return the file name of partition `index` in a result format («part-00003.parquet»)."""
    return f"part-{index:05d}.{fmt}"


def write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write a file through `write` under a temporary name in its folder, flush it to disk, then rename it into
    place: a crash leaves the old file (or none) and a stray temporary, never a torn file."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")
    try:
        with tmp.open("wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def remove_temporaries(folder: Path) -> int:
    """Remove the temporary files a killed run left in a result folder; return how many there were."""
    stray = list(folder.glob(f".*{TEMP_SUFFIX}"))
    for p in stray:
        p.unlink(missing_ok=True)
    return len(stray)


def write_part(path: Path, rows: list[tuple[str, Document]], fmt: str) -> None:
    """Write one partition's documents (each with the input item it came from) as Parquet or JSONL, atomically."""
    if fmt == "jsonl":
        def lines(fh: IO[bytes]) -> None:
            for item, doc in rows:
                fh.write(json.dumps({"item": item, "document": doc.to_dict()}, ensure_ascii=False).encode("utf-8"))
                fh.write(b"\n")

        write_atomic(path, lines)
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "item": pa.array([item for item, _ in rows], pa.string()),
        "id": pa.array([d.id for _, d in rows], pa.string()),
        "content_hash": pa.array([d.content_hash for _, d in rows], pa.string()),
        "published": pa.array([d.published for _, d in rows], pa.string()),
        "title": pa.array([d.title for _, d in rows], pa.string()),
        "url": pa.array([d.source.uri for _, d in rows], pa.string()),
        "outlet": pa.array([d.source.outlet for _, d in rows], pa.string()),
        "entities": pa.array([len(d.entities) for _, d in rows], pa.int32()),
        "events": pa.array([len(d.events) for _, d in rows], pa.int32()),
        # the whole contract document, as JSON text: the columns above are for a quick look with pandas or DuckDB
        "document": pa.array([json.dumps(d.to_dict(), ensure_ascii=False) for _, d in rows], pa.string()),
    })
    write_atomic(path, lambda fh: pq.write_table(table, fh, compression="zstd"))


def read_part(path: Path) -> Iterator[tuple[str, dict]]:
    """Yield (input item, document JSON object) for each document of a partition file, in order."""
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    yield row["item"], row["document"]
        return
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["item", "document"])
    for batch in table.to_batches(max_chunksize=256):
        items, docs = batch.column(0).to_pylist(), batch.column(1).to_pylist()
        for item, doc in zip(items, docs, strict=True):
            yield item, json.loads(doc)
