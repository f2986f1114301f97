"""Bringing a database to the current schema with Alembic, each time a store is opened.

An empty database gets every revision; a store made by this Marsad or a later Alembic one gets the revisions
it lacks; a store made before Alembic (no `alembic_version` table) is first brought to the baseline schema
(missing tables and columns added, as the old opening code did, derived tables dropped when it is older than
schema 2) and stamped 0001. The whole upgrade is one transaction that holds the writer lock (BEGIN IMMEDIATE
on SQLite, an advisory lock on PostgreSQL), so two processes opening one new store do not race.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from marsad.errors import MarsadError
from marsad.store.migrations.baseline import DERIVED_TABLES, LEGACY_VERSION, baseline_metadata

SCRIPTS = "marsad.store:migrations"
PG_LOCK = 0x6D61727361640001  # pg_advisory_xact_lock key of schema upgrades («marsad» + 1)


def _config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPTS)
    cfg.attributes["connection"] = conn
    return cfg


class NewerStore(MarsadError):
    """A store whose schema is newer than this Marsad knows (made by a later version)."""


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head() -> str:
    """Return the newest revision shipped with this Marsad."""
    return _scripts().get_current_head()


def _known(revision: str | None) -> None:
    """Raise NewerStore when a store is at a revision this Marsad does not ship."""
    if revision is not None and revision not in {s.revision for s in _scripts().walk_revisions()}:
        raise NewerStore(f"its schema (revision {revision}) is newer than this Marsad knows (up to {head()}): "
                         "upgrade Marsad to open it")


def current(conn: Connection) -> str | None:
    """Return the revision a database is at (None: not under Alembic)."""
    return MigrationContext.configure(conn).get_current_revision()


@dataclass(slots=True)
class Upgraded:
    """What opening a store changed: `rebuild` (a store older than schema 2: actors and stories must be rebuilt),
    `index` (documents stored before search existed: their search rows must be written)."""

    rebuild: bool = False
    index: bool = False


def upgrade(engine: Engine) -> Upgraded:
    """Bring the database to the newest revision; return what the caller must rebuild after."""
    with engine.execution_options(marsad_write=False).connect() as probe:  # a reader: no write lock to look
        now = current(probe)
    if now == head():
        return Upgraded()
    _known(now)
    with engine.begin() as conn:  # the engine given is the store's writer: this transaction holds the write lock
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK})
        if current(conn) == head():  # another process upgraded it while this one waited
            return Upgraded()
        tables = set(inspect(conn).get_table_names())
        done = Upgraded(index="documents" in tables and "search_rows" not in tables)
        if "alembic_version" not in tables and "documents" in tables:
            done.rebuild = _adopt(conn, tables)
            command.stamp(_config(conn), "0001")
        command.upgrade(_config(conn), "head")
    return done


def _legacy_version(conn: Connection, tables: set[str]) -> int:
    if "marsad_meta" not in tables:
        return 1
    v = conn.execute(text("SELECT value FROM marsad_meta WHERE key = 'schema_version'")).scalar()
    return int(v) if v else 1


def _adopt(conn: Connection, tables: set[str]) -> bool:
    """Bring a store made before Alembic to the baseline schema; return True when its derived tables were dropped."""
    old = _legacy_version(conn, tables) < LEGACY_VERSION
    if old:
        logging.getLogger("marsad").warning(
            "store from an older Marsad (schema < %d): rebuilding actors and stories once", LEGACY_VERSION)
        for name in DERIVED_TABLES:
            if name in tables:
                conn.execute(text(f"DROP TABLE {name}"))
                tables.discard(name)
    insp = inspect(conn)
    base = baseline_metadata()
    for table in base.sorted_tables:
        if table.name not in tables:
            continue
        have = {c["name"] for c in insp.get_columns(table.name)}
        for col in table.columns:
            if col.name not in have:
                kind = col.type.compile(dialect=conn.dialect)
                conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {col.name} {kind}"))
        for index in table.indexes:
            index.create(conn, checkfirst=True)
    base.create_all(conn)
    conn.execute(text("DELETE FROM marsad_meta WHERE key = 'schema_version'"))
    conn.execute(text("INSERT INTO marsad_meta (key, value) VALUES ('schema_version', :v)"),
                 {"v": str(LEGACY_VERSION)})
    return old
