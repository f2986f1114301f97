"""Dask speed-up of `marsad batch` from 1 to 2 worker processes on the same articles.

Takes the first --articles SaudiNewsNet articles (600 by default) and runs the real batch path (reading,
partitions, analysis on the workers, Parquet result files, manifest) on a LocalCluster of 1, then 2 worker
processes with one thread each. The clusters are started and every worker has loaded the pipeline before the
clock starts, so the figures are the batch's own rate, not the start of Python processes. Prints both rates,
their ratio, and the load average (this machine is shared: other work on its 2 cores eats into the ratio); then
the rate of `marsad ingest --from` loading the results into a new SQLite store.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import marsad.one_thread  # noqa: F401 - before numpy: one BLAS thread here and in the workers (they inherit it)


def load_line() -> str:
    """Return the 1, 5 and 15 minute load averages and the core count, as one phrase."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"


def run(src: Path, out: Path, workers: int, partition_size: int, fmt: str) -> tuple[float, int, str, float, float]:
    """Return (seconds, documents, load before, CPU seconds of the workers, CPU seconds of this process) of one
    batch of `src` into `out` on a warm LocalCluster of `workers`."""
    import logging

    from distributed import Client, LocalCluster

    from marsad.batch import BatchOptions, run_batch
    from marsad.batch.worker import warm

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=logging.ERROR)
    try:
        with Client(cluster) as client:
            client.run(warm)
            time.sleep(1.0)  # let the loading settle before the load average is read
            before = load_line()
            cpu0, own0 = client.run(time.process_time), time.process_time()
            report = run_batch([str(src)], out, BatchOptions(engine="dask", scheduler=cluster.scheduler_address,
                                                             partition_size=partition_size, fmt=fmt))
            cpu1, own1 = client.run(time.process_time), time.process_time()
        if not report.complete or report.failed:
            raise SystemExit(f"batch on {workers} workers did not complete: {report.line()}")
        cpu = sum(cpu1[w] - cpu0[w] for w in cpu1)
        return report.seconds, report.documents, before, cpu, own1 - own0
    finally:
        cluster.close()


def load(out: Path, db: Path) -> None:
    """Print the rate of `marsad ingest --from` (storing, then the one resolution pass) into a new SQLite store."""
    from marsad import service

    store = service.open_store(f"sqlite:///{db}", create=True)
    t0 = time.perf_counter()
    report = service.ingest_results(out, store, service.IngestOptions(resolve=False))
    stored = time.perf_counter() - t0
    t0 = time.perf_counter()
    service.resolve(store)
    resolved = time.perf_counter() - t0
    n = len(report.added)
    print(f"ingest --from into SQLite: {n} documents stored in {stored:6.2f} s: {n / stored:6.1f} documents/s; "
          f"then one resolution pass in {resolved:.2f} s ({load_line()})", flush=True)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--partition-size", type=int, default=20)
    ap.add_argument("--format", default="parquet", choices=["parquet", "jsonl"])
    args = ap.parse_args(argv)
    path = Path(args.shared) / "data" / "news" / "saudinewsnet-2015-07.jsonl"
    if not path.exists():
        print(f"benchmark data missing: {path}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        src = Path(tmp) / "articles.jsonl"
        with path.open(encoding="utf-8") as fh, src.open("w", encoding="utf-8") as out:
            for _, line in zip(range(args.articles), fh, strict=False):
                out.write(line)
        rates, cpus = {}, {}
        for workers in (1, 2):
            out = Path(tmp) / f"out-{workers}"
            seconds, docs, before, cpu, own = run(src, out, workers, args.partition_size, args.format)
            rates[workers], cpus[workers] = docs / seconds, (cpu + own) / docs
            print(f"dask batch, {workers} worker{'s' if workers > 1 else ' '}: {docs} articles in {seconds:6.2f} s: "
                  f"{rates[workers]:6.1f} articles/s ({before} before the run; {load_line()} after)", flush=True)
            # what the run got of the machine: with other work on it, wall time says little about Dask itself
            print(f"  CPU: workers {cpu:.1f} s ({1000 * cpu / docs:.0f} ms an article), this process {own:.1f} s; "
                  f"{(cpu + own) / seconds:.2f} of the {os.cpu_count()} cores busy for this batch", flush=True)
        ratio = rates[2] / rates[1]
        print(f"dask speed-up 1 -> 2 workers: {ratio:.2f}x (target >= 1.7x; partitions of {args.partition_size} "
              f"articles, {args.format} results)", flush=True)
        # on a machine others share, the wall-clock ratio measures the contention; the CPU an article costs with
        # 1 and with 2 workers measures Dask's own overhead, and with it what 2 free cores would give
        print(f"  CPU an article (workers and this process): {1000 * cpus[1]:.0f} ms with 1 worker, "
              f"{1000 * cpus[2]:.0f} ms with 2; on 2 free cores that would be a {2 * cpus[1] / cpus[2]:.2f}x "
              "speed-up (an estimate, not a measurement)", flush=True)
        load(Path(tmp) / "out-2", Path(tmp) / "loaded.db")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
