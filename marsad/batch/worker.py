"""What a batch worker runs: analyse one partition's records and write its result file. Never touches a store."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from marsad import service
from marsad.batch.results import part_name, write_part
from marsad.extract.pipeline import PipelineConfig
from marsad.ingest.readers import Result
from marsad.model import Document


@dataclass(slots=True)
class PartResult:
    """What one partition gave: its result file, how many documents, the skipped items, seconds taken."""

    index: int
    file: str
    documents: int
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0


def warm(config: PipelineConfig | None = None) -> bool:
    """Load the pipeline into this worker process (lexicon, morphology, NER model; `service.warm_pipeline`);
    return True."""
    service.warm_pipeline(config)
    return True


def run_partition(index: int, records: list[Result], out_dir: str, fmt: str, published: str | None = None,
                  config: PipelineConfig | None = None) -> PartResult:
    """Analyse the records of partition `index` and write `part-<index>.<fmt>` into `out_dir` (atomically);
    return its counts and the one-line reason of each item skipped."""
    t0 = time.perf_counter()
    rows: list[tuple[str, Document]] = []
    skipped: list[str] = []
    for rec in records:
        try:
            a = next(service.extract([rec], published, config))
        except Exception as err:  # a fault of the core on one article must not stop the batch
            skipped.append(f"{rec.item}: internal error ({type(err).__name__}: {str(err)[:200]})")
            continue
        if a.doc is None:
            skipped.append(str(a.error))
        else:
            rows.append((a.item, a.doc))
    name = part_name(index, fmt)
    write_part(Path(out_dir) / name, rows, fmt)
    return PartResult(index, name, len(rows), skipped, time.perf_counter() - t0)
