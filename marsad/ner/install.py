"""`make install-ner MODEL=dir`: copy a finished, checked model directory over the shipped one."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from marsad.ner.gazetteer import SHIPPED_DIR
from marsad.ner.modeldir import META_FILE, ModelError, read_meta
from marsad.ner.tagger import LABELS, MODEL_FILES


def install(model_dir: Path, target: Path = SHIPPED_DIR) -> Path:
    """Copy the model in `model_dir` (its meta.json checked first) into `target`; return `target`.

    The files are copied to a sibling directory first and swapped in by renames, so a failed
    copy leaves the installed model as it was.
    """
    meta = read_meta(model_dir, LABELS, MODEL_FILES)
    if model_dir.resolve() == target.resolve():
        return target
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in [*meta["files"], META_FILE]:
        shutil.copyfile(model_dir / name, staging / name)
    read_meta(staging, LABELS, MODEL_FILES)
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def main(argv: list[str]) -> int:
    """Install the model directory named on the command line; return the exit status."""
    if len(argv) != 1:
        print("usage: python -m marsad.ner.install MODEL_DIR", file=sys.stderr)
        return 2
    try:
        print(f"installed -> {install(Path(argv[0]))}")
    except ModelError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
