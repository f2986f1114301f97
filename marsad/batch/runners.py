"""Where partitions run: in this process one after another (`local`), or on Dask (a LocalCluster of worker
processes with one thread each, or any scheduler by address). Both hand back finished partitions one at a time."""

from __future__ import annotations

import logging
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from marsad.batch.worker import PartResult, run_partition, warm
from marsad.extract.pipeline import PipelineConfig

# partitions kept in flight per worker thread: one running, one queued, so a worker never waits for the reader
IN_FLIGHT_PER_THREAD = 2


class Runner(Protocol):
    """Runs partitions; `slots` of them may be in flight at once."""

    slots: int

    def submit(self, index: int, records: list, /) -> None:
        """Start a partition."""

    def pending(self) -> int:
        """Return how many partitions were started and not yet handed back."""

    def next_done(self) -> tuple[int, PartResult | BaseException]:
        """Wait for a partition to finish; return its index and result, or the exception that failed it."""

    def close(self) -> None:
        """Stop the workers (cancelling what is in flight)."""


PartitionCall = Callable[[int, list], PartResult]


class LocalRunner:
    """Runs each partition in this process when it is submitted."""

    def __init__(self, call: PartitionCall) -> None:
        self.call = call
        self.slots = 1
        self.done: deque[tuple[int, PartResult | BaseException]] = deque()

    def submit(self, index: int, records: list) -> None:
        """Run the partition now; its result waits for `next_done`."""
        try:
            self.done.append((index, self.call(index, records)))
        except Exception as err:  # a worker fault fails this partition, not the batch
            self.done.append((index, err))

    def pending(self) -> int:
        """Return how many results wait to be handed back."""
        return len(self.done)

    def next_done(self) -> tuple[int, PartResult | BaseException]:
        """Return the oldest finished partition."""
        return self.done.popleft()

    def close(self) -> None:
        """Nothing to stop."""


@contextmanager
def _ignoring_sigint() -> Iterator[None]:
    """Ignore SIGINT in this process meanwhile (only the main thread may change it; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class DaskRunner:
    """Runs partitions as Dask tasks: on a new LocalCluster (`workers` processes, one thread each, on loopback) or
    on the scheduler at `address`. Every worker loads the pipeline once, before the first partition."""

    def __init__(self, out_dir: str, fmt: str, published: str | None, config: PipelineConfig | None,
                 address: str | None = None, workers: int = 1) -> None:
        from distributed import Client, LocalCluster, as_completed

        self.args = (out_dir, fmt, published, config)
        self.cluster = None
        if address:
            self.client = Client(address, timeout="10s")
        else:
            # Ctrl-C reaches the whole process group; the workers ignore it (they inherit SIG_IGN at their start)
            # and this process stops them cleanly, instead of each dying with a traceback mid-partition
            with _ignoring_sigint():
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        threads = sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values())
        self.slots = max(1, threads) * IN_FLIGHT_PER_THREAD
        self.client.run(warm, config)
        self.futures: dict[Any, int] = {}
        self.completed = as_completed()

    def submit(self, index: int, records: list) -> None:
        """Send the partition to the scheduler (retried once if it raises; Dask itself reschedules it when its
        worker dies)."""
        fut = self.client.submit(run_partition, index, records, *self.args, pure=False, retries=1,
                                 key=f"marsad-partition-{index:05d}-{id(self):x}")
        self.futures[fut] = index
        self.completed.add(fut)

    def pending(self) -> int:
        """Return how many partitions are in flight."""
        return len(self.futures)

    def next_done(self) -> tuple[int, PartResult | BaseException]:
        """Wait for the next partition to finish; return its index and result or exception."""
        fut = next(self.completed)
        index = self.futures.pop(fut)
        try:
            return index, fut.result()
        except Exception as err:  # the task's own exception, or the scheduler's (a worker killed twice)
            return index, err
        finally:
            fut.release()

    def close(self) -> None:
        """Cancel what is in flight and stop the client (and the LocalCluster this runner started)."""
        try:
            if self.futures:
                self.client.cancel(list(self.futures))
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
