"""Dates typed: a SQL DATE plus its precision instead of strings of mixed forms («2015», «2015-08», «2015-08-02»).

Events and canonical events get `date_on` (the first day of the period) and keep `date_precision`; the
string columns go. Documents' `published` and actor roles' `first_seen` / `last_seen` become DATE columns
(on SQLite, which has no DATE type, they keep their «YYYY-MM-DD» text). A stored value that names no real
day («2021-02-30») is cleared, and logged.

Revision ID: 0003
Revises: 0002
"""

import logging
from datetime import date

import sqlalchemy as sa
from alembic import op

from marsad.store.dates import period_start, period_text, real_day

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BATCH = 5000
log = logging.getLogger("marsad")


def _update(sql: str, rows: list[dict]) -> None:
    stmt = sa.text(sql).bindparams(sa.bindparam("d", type_=sa.Date()))
    for i in range(0, len(rows), BATCH):
        op.get_bind().execute(stmt, rows[i:i + BATCH])


def _clear_bad_days(table: str, key: str, column: str) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL")).all()
    bad = [{"k": k, "v": v} for k, v in rows if real_day(str(v)) != str(v)]
    if bad:
        log.warning("%s.%s: %d values that are no real day cleared (e.g. %r)", table, column, len(bad), bad[0]["v"])
        bind.execute(sa.text(f"UPDATE {table} SET {column} = NULL WHERE {key} = :k"), bad)


def _typed_period(table: str, key: str, column: str) -> None:
    """Add `date_on` to a table holding a date string `column` and a `date_precision`, fill it, drop `column`."""
    bind = op.get_bind()
    op.add_column(table, sa.Column("date_on", sa.Date(), nullable=True))
    if table == "canonical_events":
        op.add_column(table, sa.Column("date_precision", sa.String(8), nullable=True))
        rows = bind.execute(sa.text(f"SELECT {key}, {column}, NULL FROM {table} WHERE {column} IS NOT NULL")).all()
    else:
        rows = bind.execute(sa.text(f"SELECT {key}, {column}, date_precision FROM {table} "
                                    f"WHERE {column} IS NOT NULL")).all()
    values = []
    for k, value, precision in rows:
        start, precision = period_start(value, precision)
        values.append({"k": k, "d": _day(start), "p": precision})
    _update(f"UPDATE {table} SET date_on = :d, date_precision = :p WHERE {key} = :k", values)
    op.drop_index(f"ix_{table}_{column}", table_name=table)
    op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    op.create_index(f"ix_{table}_date_on", table, ["date_on"])


def _day(iso: str | None) -> date | None:
    return None if iso is None else date.fromisoformat(iso)


def upgrade() -> None:
    """Type the dates of documents, events, canonical events and actor roles."""
    _clear_bad_days("documents", "id", "published")
    _clear_bad_days("actor_roles", "pk", "first_seen")
    _clear_bad_days("actor_roles", "pk", "last_seen")
    _typed_period("events", "pk", "date_value")
    _typed_period("canonical_events", "id", "date")
    if op.get_bind().dialect.name != "sqlite":
        for table, column in (("documents", "published"), ("actor_roles", "first_seen"),
                              ("actor_roles", "last_seen")):
            op.alter_column(table, column, type_=sa.Date(), existing_type=sa.String(10),
                            postgresql_using=f"{column}::date")


def _string_period(table: str, key: str, column: str) -> None:
    """Undo `_typed_period`: the date string column again, from `date_on` and the precision."""
    bind = op.get_bind()
    op.add_column(table, sa.Column(column, sa.String(10), nullable=True))
    rows = bind.execute(sa.text(f"SELECT {key}, date_on, date_precision FROM {table} WHERE date_on IS NOT NULL"))
    values = [{"k": k, "v": period_text(str(d), p)} for k, d, p in rows]
    for i in range(0, len(values), BATCH):
        bind.execute(sa.text(f"UPDATE {table} SET {column} = :v WHERE {key} = :k"), values[i:i + BATCH])
    op.drop_index(f"ix_{table}_date_on", table_name=table)
    op.execute(f"ALTER TABLE {table} DROP COLUMN date_on")
    if table == "canonical_events":
        op.execute(f"ALTER TABLE {table} DROP COLUMN date_precision")
    op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    """Back to date strings (for tests that build a store of the previous schema)."""
    if op.get_bind().dialect.name != "sqlite":
        for table, column in (("documents", "published"), ("actor_roles", "first_seen"),
                              ("actor_roles", "last_seen")):
            op.alter_column(table, column, type_=sa.String(10), existing_type=sa.Date(),
                            postgresql_using=f"to_char({column}, 'YYYY-MM-DD')")
    _string_period("events", "pk", "date_value")
    _string_period("canonical_events", "id", "date")
