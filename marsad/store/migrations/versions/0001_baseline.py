"""Baseline: the schema of the last Marsad without Alembic (schema_version 2).

Revision ID: 0001
Revises:
"""

from alembic import op

from marsad.store.migrations.baseline import baseline_metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the schema-2 tables and indexes."""
    baseline_metadata().create_all(op.get_bind())


def downgrade() -> None:
    """Drop every table of the baseline."""
    baseline_metadata().drop_all(op.get_bind())
