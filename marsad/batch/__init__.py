"""Archive-scale batches: the pure `analyse()` over partitions of the inputs, on Dask or in this process, with
one result file a partition and a manifest that lets an interrupted batch go on. Workers never touch a store;
`load_results` (through `marsad ingest --from DIR`) is the one writer."""

from marsad.batch.engine import DEFAULT_PARTITION_SIZE, ENGINES, BatchOptions, BatchReport, run_batch
from marsad.batch.load import load_results
from marsad.batch.manifest import BatchError, Manifest, load_manifest
from marsad.batch.results import RESULT_FORMATS

__all__ = ["DEFAULT_PARTITION_SIZE", "ENGINES", "RESULT_FORMATS", "BatchError", "BatchOptions", "BatchReport",
           "Manifest", "load_manifest", "load_results", "run_batch"]
