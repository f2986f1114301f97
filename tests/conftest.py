"""Shared fixtures: the ../shared data folder (skipped outside CI, required in CI), and stores on SQLite and on
PostgreSQL."""

from __future__ import annotations

import contextlib
import functools
import os
import uuid
from collections.abc import Iterator
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


# -- stores on both databases ------------------------------------------------------------------------------------
# MARSAD_TEST_PG names a PostgreSQL server (postgresql://user:password@host:port/database) that the storage tests
# also run on, each test in a schema of its own; .ci/run starts one. Without it they run on SQLite only, the
# PostgreSQL cases skipped with the reason; under MARSAD_REQUIRE_SHARED=1 (CI) a missing server fails them.
BACKENDS = ["sqlite", "postgresql"]


@functools.cache
def _pg_server() -> tuple[str | None, str]:
    """Return (URL of a reachable PostgreSQL server, or None; why not)."""
    url = os.environ.get("MARSAD_TEST_PG")
    if not url:
        return None, "MARSAD_TEST_PG is not set (bash .ci/postgres.sh start DIR prints a server's URL)"
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=5).close()
    except Exception as err:  # any failure to connect is the reason to skip
        return None, f"PostgreSQL at MARSAD_TEST_PG not reachable: {str(err).strip().splitlines()[0]}"
    return url, ""


def pg_url() -> str:
    """Return the PostgreSQL server's URL; skip the test when there is none (fail under MARSAD_REQUIRE_SHARED=1)."""
    url, why = _pg_server()
    if url is None:
        if os.environ.get("MARSAD_REQUIRE_SHARED") == "1":
            pytest.fail(f"MARSAD_REQUIRE_SHARED=1 but {why}")
        pytest.skip(why)
    return url


@contextlib.contextmanager
def store_url(backend: str, folder: Path) -> Iterator[str]:
    """Yield the URL of a new, empty store: a SQLite file in `folder`, or a fresh schema on the PostgreSQL server
    (dropped afterwards)."""
    if backend == "sqlite":
        yield f"sqlite:///{folder}/m.db"
        return
    import psycopg

    server = pg_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{server}{'&' if '?' in server else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> Iterator[str]:
    """A new store's URL, on SQLite and on PostgreSQL."""
    with store_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=BACKENDS)
def module_db_url(request, tmp_path_factory) -> Iterator[str]:
    """A new store's URL for a whole module, on SQLite and on PostgreSQL."""
    with store_url(request.param, tmp_path_factory.mktemp("store")) as url:
        yield url
