"""A trained linear model shipped as a directory: `meta.json` (its format, thresholds, training data, scores) and
`weights.json` (feature weights). The event detector and the role model are stored so."""

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
