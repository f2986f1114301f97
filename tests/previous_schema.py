"""Turning a store back into one the last Marsad without Alembic made (main at b139e95, schema 2 or 1)."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from marsad.store.db import engine_url
from marsad.store.migrate import _config
from marsad.store.migrations.baseline import baseline_metadata


def schema_diff(conn, metadata) -> list:
    """Return how the database's tables differ from `metadata` (column types too, but not on SQLite, which keeps
    none; the FTS5 tables, made outside the models, left aside)."""
    opts = {"compare_type": conn.dialect.name != "sqlite",
            "include_name": lambda name, kind, _parent: not (kind == "table" and name.startswith("search_fts"))}
    return compare_metadata(MigrationContext.configure(conn, opts=opts), metadata)


def to_previous_schema(url: str, version: int = 2) -> None:
    """Turn a store into one the last Marsad without Alembic made: migrations undone down to the baseline,
    `alembic_version` gone, `schema_version` recorded (version 1: as before schema 2, without derived tables)."""
    engine = create_engine(engine_url(url))
    with engine.begin() as conn:
        command.downgrade(_config(conn), "0001")
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("DELETE FROM marsad_meta WHERE key = 'schema_version'"))
        if version == 2:
            conn.execute(text("INSERT INTO marsad_meta (key, value) VALUES ('schema_version', '2')"))
        diff = schema_diff(conn, baseline_metadata())
        assert diff == [], diff  # exactly the previous schema
        if version == 1:
            for table in ("marsad_meta", "doc_state", "actor_roles", "actors"):
                conn.execute(text(f"DROP TABLE {table}"))
            conn.execute(text("DROP INDEX ix_entities_cluster_id"))
            conn.execute(text("ALTER TABLE entities DROP COLUMN cluster_id"))
    engine.dispose()
