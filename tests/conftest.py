"""Shared fixtures: the ../shared data folder (skipped outside CI, required in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))


def need_shared(*parts: str) -> Path:
    """Return a path under ../shared; skip the test when it is missing, fail when CI requires it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("MARSAD_REQUIRE_SHARED") == "1":
            pytest.fail(f"MARSAD_REQUIRE_SHARED=1 but {path} is missing")
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture
def shared() -> Path:
    return need_shared()


@pytest.fixture
def seeds() -> list[Path]:
    return sorted(need_shared("seeds").glob("*.txt"))


@pytest.fixture
def seed_published() -> dict[str, str]:
    rows = need_shared("seeds", "published.tsv").read_text(encoding="utf-8").splitlines()
    return dict(r.split("\t")[:2] for r in rows if r and not r.startswith("#"))
