"""Small named values kept in the store's `marsad_meta` table (beside the schema version and id counters): the
state of `marsad watch` (each feed's ETag, Last-Modified and entries seen) travels with the store."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from marsad.store.db import Store
from marsad.store.schema import MetaRow

KEY_LENGTH = 40  # the width of marsad_meta.key


def meta_key(prefix: str, name: str) -> str:
    """Return a key of at most 40 characters for a long name (a URL): the prefix and a digest of the name."""
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()
    return f"{prefix}:{digest}"[:KEY_LENGTH]


def read_json(store: Store, key: str) -> Any | None:
    """Return the JSON value stored under `key`, or None when there is none (or it is not JSON)."""
    with store.session() as s:
        row = s.get(MetaRow, key)
        if row is None:
            return None
        try:
            return json.loads(row.value)
        except ValueError:
            return None


def write_json(store: Store, key: str, value: Any) -> None:
    """Store a JSON value under `key` (replacing the one there), in one transaction."""
    with store.writing() as s:
        s.merge(MetaRow(key=key, value=json.dumps(value, ensure_ascii=False)))
