"""documents.source_hash: the hash of an input's text and metadata as read, so that an unchanged input is
recognised before it is analysed again.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the column (empty for stored documents: their next ingest analyses them once and fills it)."""
    op.add_column("documents", sa.Column("source_hash", sa.String(40), nullable=True))
    op.create_index("ix_documents_source_hash", "documents", ["source_hash"])


def downgrade() -> None:
    """Drop the column."""
    op.drop_index("ix_documents_source_hash", table_name="documents")
    op.execute("ALTER TABLE documents DROP COLUMN source_hash")
