"""A shipped NER model is a directory of files plus `meta.json`: what it is, what it was trained on, what it scored.

`write_meta` records the files with their sha256, so `read_meta` can refuse a directory whose
files went missing, changed, or belong to another format or label set, with one clear line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from marsad.errors import MarsadError

FORMAT_VERSION = 1
KNOWN_FORMATS = (1,)
META_FILE = "meta.json"


class ModelError(MarsadError):
    """A model directory that cannot be used; the message is one line naming the directory and the fault."""


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def data_record(path: Path, root: Path | None = None) -> dict[str, str | None]:
    """Return {path (relative to `root` when under it), sha256} of a training input (sha256 null when absent)."""
    shown = path.relative_to(root) if root is not None and path.is_relative_to(root) else path
    return {"path": str(shown), "sha256": sha256_file(path) if path.is_file() else None}


def write_meta(model_dir: Path, *, name: str, version: str, labels: tuple[str, ...], files: list[str],
               training: dict[str, Any], lexicon_sha256: str, scores: dict[str, Any],
               created: str | None = None) -> dict[str, Any]:
    """Write `meta.json` into `model_dir`, hashing the listed files; return what was written."""
    meta = {
        "format": FORMAT_VERSION,
        "name": name,
        "version": version,
        "labels": list(labels),
        "files": {f: sha256_file(model_dir / f) for f in sorted(files)},
        "training": training,
        "lexicon_sha256": lexicon_sha256,
        "scores": scores,
        "created": created or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    (model_dir / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return meta


def read_meta(model_dir: Path, labels: tuple[str, ...], required: tuple[str, ...] = (),
              check_hashes: bool = True) -> dict[str, Any]:
    """Return the checked `meta.json` of a model directory; raise ModelError on the first fault found.

    Checked: the file parses, its format is known, its labels are `labels`, every file in
    `required` is listed, and every listed file is present with the recorded sha256.
    """
    path = model_dir / META_FILE
    if not path.is_file():
        raise ModelError(f"{model_dir}: no {META_FILE}: not a model directory")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelError(f"{path}: unreadable ({err})") from None
    if not isinstance(meta, dict) or meta.get("format") not in KNOWN_FORMATS:
        fmt = meta.get("format") if isinstance(meta, dict) else None
        raise ModelError(f"{path}: unknown format {fmt!r} (this Marsad reads {KNOWN_FORMATS})")
    if tuple(meta.get("labels") or ()) != tuple(labels):
        raise ModelError(f"{path}: labels {meta.get('labels')} differ from the expected {list(labels)}")
    files = meta.get("files")
    if not isinstance(files, dict):
        raise ModelError(f"{path}: no file list")
    for name in required:
        if name not in files:
            raise ModelError(f"{path}: {name} is not listed among the model files")
    for name, digest in files.items():
        f = model_dir / name
        if not f.is_file():
            raise ModelError(f"{model_dir}: {name} is missing")
        if check_hashes and sha256_file(f) != digest:
            raise ModelError(f"{model_dir}: {name} does not match the sha256 in {META_FILE}")
    return meta
