"""The manifest of a batch (`manifest.json` in its output folder): the inputs and settings, and for each
partition its item range, status, counts and skipped items with their one-line reasons.

It is rewritten whole after each partition finishes (temporary name, then rename), so a crash leaves the previous
version or the new one; a partition it records as done has its result file in place, and a later run skips it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from marsad.batch.results import write_atomic
from marsad.errors import MarsadError

MANIFEST = "manifest.json"
VERSION = 1


class BatchError(MarsadError):
    """A batch that cannot run or be loaded (a folder holding another batch, an unreadable manifest); one line."""


@dataclass(slots=True)
class PartitionEntry:
    """One partition: items [start, end) of the inputs read in order, named first_item … last_item."""

    index: int
    start: int
    end: int
    first_item: str
    last_item: str
    status: str = "pending"  # pending (not finished: never run, or cut short), done, failed
    file: str | None = None  # the result file in the output folder, once done
    documents: int = 0
    skipped: list[str] = field(default_factory=list)  # «item: reason», one per item not analysed
    seconds: float | None = None  # on the worker, reading to writing
    error: str | None = None  # why the partition failed as a whole (a worker fault), one line


@dataclass(slots=True)
class Manifest:
    """A batch's inputs (with a fingerprint of their files), settings and partitions."""

    inputs: list[str]
    fingerprint: str
    settings: dict[str, Any]
    partitions: dict[int, PartitionEntry] = field(default_factory=dict)
    items: int | None = None  # every item of the inputs, once they have been read to their end

    def done(self, index: int) -> bool:
        """Return whether partition `index` is finished (its result file recorded)."""
        p = self.partitions.get(index)
        return p is not None and p.status == "done"

    def complete(self) -> bool:
        """Return whether the inputs were read to their end and every partition is done."""
        return self.items is not None and all(p.status == "done" for p in self.partitions.values())

    def counts(self) -> dict[str, int]:
        """Return the partitions by status and the documents and skipped items of those done."""
        out = {"partitions": len(self.partitions), "done": 0, "failed": 0, "pending": 0, "documents": 0,
               "skipped": 0}
        for p in self.partitions.values():
            out[p.status] += 1
            if p.status == "done":
                out["documents"] += p.documents
                out["skipped"] += len(p.skipped)
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return the manifest as the JSON object written to manifest.json."""
        return {"manifest": VERSION, "inputs": self.inputs, "fingerprint": self.fingerprint,
                "settings": self.settings, "items": self.items, "complete": self.complete(),
                "counts": self.counts(),
                "partitions": [asdict(p) for _, p in sorted(self.partitions.items())]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Manifest:
        """Return the manifest of a manifest.json object."""
        parts = {p["index"]: PartitionEntry(**p) for p in d.get("partitions", [])}
        return cls(list(d["inputs"]), d["fingerprint"], dict(d["settings"]), parts, d.get("items"))

    def save(self, folder: Path) -> None:
        """Write manifest.json into `folder` atomically."""
        data = json.dumps(self.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")
        write_atomic(folder / MANIFEST, lambda fh: fh.write(data))


def load_manifest(folder: Path) -> Manifest | None:
    """Return the manifest in a batch output folder, None when there is none; raise BatchError when unreadable."""
    path = folder / MANIFEST
    if not path.exists():
        return None
    try:
        return Manifest.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise BatchError(f"{path}: not a Marsad batch manifest ({type(err).__name__}: {err})") from None


def fingerprint(paths: list[str]) -> str:
    """Return a digest of the input files (path, size, modification time), so a resumed batch is known to read
    the same items in the same order."""
    h = hashlib.sha1()
    for raw in paths:
        root = Path(raw)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for p in files:
            try:
                st = p.stat()
                h.update(f"{os.path.abspath(p)}\t{st.st_size}\t{st.st_mtime_ns}\n".encode())
            except OSError:
                h.update(f"{os.path.abspath(p)}\t-\n".encode())
    return h.hexdigest()
