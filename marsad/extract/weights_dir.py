"""A trained linear model shipped as a directory: `meta.json` (its format, thresholds, training data, scores) and
`weights.json` (feature weights). The event detector, the role model and the retelling model are stored so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_weights_dir(path: Path, fmt: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (meta, weights) of a model directory; raise ValueError naming the directory when its meta.json
    declares another format."""
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != fmt:
        raise ValueError(f"{path}: not a {fmt} model (format {meta.get('format')!r})")
    return meta, json.loads((path / "weights.json").read_text(encoding="utf-8"))


def write_weights_dir(path: Path, meta: dict[str, Any], weights: dict[str, Any]) -> None:
    """Write a model directory (created if missing): `weights.json` compact, `meta.json` indented, keys sorted, so
    that retraining on the same data gives the same bytes; return None."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "weights.json").write_text(json.dumps(weights, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    (path / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")
