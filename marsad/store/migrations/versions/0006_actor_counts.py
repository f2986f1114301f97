"""Kept counts for actor profiles: `actor_counts` (each actor's events, and those it shares with each
counterpart) and `actor_doc_counts` (each document's share of them).

A profile counted an actor's counterparts over every participant of every event it takes part in at each read
(0.4 s of CPU for the most reported actors of a million-event store); resolution now keeps these sums in step
(`marsad.store.actor_counts`) and a profile reads one actor's rows. The tables are filled here from the stored
participants and the actors of their entity rows, with the counting rules of that module written out in SQL.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# (document, event, actor) for each event an actor's entity rows take part in
_MINE = ("SELECT DISTINCT p.doc_id AS doc_id, p.event_pk AS event_pk, e.kb_id AS kb_id FROM participants p "
         "JOIN entities e ON e.doc_id = p.doc_id AND e.local_id = p.ref WHERE e.kb_id IS NOT NULL")

_FILL = [
    # each actor's events in each document
    "INSERT INTO actor_doc_counts (doc_id, kb_id, kind, other, events) "
    f"SELECT m.doc_id, m.kb_id, 'all', '', COUNT(*) FROM ({_MINE}) m GROUP BY m.doc_id, m.kb_id",
    # the events it shares there with each other participant not linked to it: by actor, else by label
    "INSERT INTO actor_doc_counts (doc_id, kb_id, kind, other, events) "
    "SELECT x.doc_id, x.kb_id, x.kind, x.other, COUNT(DISTINCT x.event_pk) FROM ("
    "SELECT m.doc_id AS doc_id, m.kb_id AS kb_id, m.event_pk AS event_pk, "
    "CASE WHEN e2.kb_id IS NOT NULL THEN 'actor' ELSE 'name' END AS kind, "
    "COALESCE(e2.kb_id, CASE WHEN p2.ref LIKE 'country:%' THEN p2.ref ELSE p2.name END) AS other "
    f"FROM ({_MINE}) m JOIN participants p2 ON p2.event_pk = m.event_pk "
    "LEFT OUTER JOIN entities e2 ON e2.doc_id = p2.doc_id AND e2.local_id = p2.ref "
    "WHERE e2.kb_id IS NULL OR e2.kb_id != m.kb_id) x "
    "WHERE x.other IS NOT NULL AND x.other != '' GROUP BY x.doc_id, x.kb_id, x.kind, x.other",
    "INSERT INTO actor_counts (kb_id, kind, other, events) "
    "SELECT kb_id, kind, other, SUM(events) FROM actor_doc_counts GROUP BY kb_id, kind, other",
]


def upgrade() -> None:
    """Create both tables and fill them from the stored participants and entity rows."""
    op.create_table(
        "actor_counts",
        sa.Column("kb_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("other", sa.Text(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kb_id", "kind", "other"),
    )
    op.create_table(
        "actor_doc_counts",
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("kb_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("other", sa.Text(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("doc_id", "kb_id", "kind", "other"),
    )
    for statement in _FILL:
        op.execute(statement)


def downgrade() -> None:
    """Drop them."""
    op.drop_table("actor_doc_counts")
    op.drop_table("actor_counts")
