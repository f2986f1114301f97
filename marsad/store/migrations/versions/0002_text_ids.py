"""Ids and free-text columns as TEXT: a percent-encoded URL as a document id fits on PostgreSQL as on SQLite.

SQLite never enforced VARCHAR lengths, so only other databases change.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = {  # table: (column, its old length)
    "documents": (("id", 200), ("outlet", 200), ("byline", 200)),
    "entities": (("doc_id", 200), ("name_key", 300)),
    "events": (("doc_id", 200),),
    "quotes": (("doc_id", 200),),
    "search_rows": (("doc_id", 200),),
    "participants": (("name_key", 300),),
    "actors": (("link_key", 300), ("block", 64), ("name_key", 300)),
    "stories": (("id", 220), ("merged_into", 220)),
    "canonical_events": (("id", 240), ("story_id", 220)),
    "duplicates": (("doc_id", 200), ("group_id", 200)),
    "doc_state": (("doc_id", 200), ("story_id", 220)),
    "doc_bands": (("doc_id", 200),),
    "event_blocks": (("block", 400), ("doc_id", 200)),
}


def upgrade() -> None:
    """Widen the columns to TEXT (not on SQLite, where they already hold any length)."""
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, columns in COLUMNS.items():
        for column, length in columns:
            op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(length))


def downgrade() -> None:
    """Narrow the columns again (fails where a longer value is stored)."""
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, columns in COLUMNS.items():
        for column, length in columns:
            op.alter_column(table, column, type_=sa.String(length), existing_type=sa.Text())
