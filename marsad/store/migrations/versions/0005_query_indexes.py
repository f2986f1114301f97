"""Queries at a million events: a table of the pairs of countries of each canonical event for the pair
timeline, indexes on events by type then date and on participants by event then country for the event
filter, and participants' document copied onto them for the actor profile.

The timeline used to read every canonical event whose JSON list of countries looked like it held both codes and
check each in Python; `canonical_pairs` answers it from one index range. Its rows are filled here from the
stored canonical events; resolution writes and deletes them with the canonical events from now on. An actor's
participations were found through every event of every document naming it; with `participants.doc_id` they
are one index range per entity row.

Revision ID: 0005
Revises: 0004
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 5000


def _fill() -> None:
    """Write a row for each pair of countries (first <= second, a country with itself too) of each stored
    canonical event (values passed through as the driver reads them: SQLite's text or PostgreSQL's date)."""
    bind = op.get_bind()
    rows = []
    for cid, countries, day in bind.execute(sa.text("SELECT id, countries, date_on FROM canonical_events")):
        states = sorted(set((json.loads(countries) if isinstance(countries, str) else countries) or ()))
        rows.extend({"c": cid, "a": a, "b": b, "d": day} for i, a in enumerate(states) for b in states[i:])
    insert = sa.text("INSERT INTO canonical_pairs (canonical_id, state_a, state_b, date_on) VALUES (:c, :a, :b, :d)")
    for i in range(0, len(rows), BATCH):
        bind.execute(insert, rows[i:i + BATCH])


def upgrade() -> None:
    """Create and fill `canonical_pairs`; index events on (type, date_on); copy participants' document."""
    op.create_table(
        "canonical_pairs",
        sa.Column("canonical_id", sa.Text(), nullable=False),
        sa.Column("state_a", sa.String(16), nullable=False),
        sa.Column("state_b", sa.String(16), nullable=False),
        sa.Column("date_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["canonical_id"], ["canonical_events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("canonical_id", "state_a", "state_b"),
    )
    _fill()
    op.create_index("ix_canonical_pairs_states_date", "canonical_pairs",
                    ["state_a", "state_b", "date_on", "canonical_id"])
    op.create_index("ix_events_type_date_on", "events", ["type", "date_on"])
    op.add_column("participants", sa.Column("doc_id", sa.Text(), nullable=True))
    op.execute("UPDATE participants SET doc_id = (SELECT events.doc_id FROM events WHERE events.pk = "
               "participants.event_pk)")
    op.create_index("ix_participants_doc_ref", "participants", ["doc_id", "ref", "event_pk"])
    op.create_index("ix_participants_event_country", "participants", ["event_pk", "country"])


def downgrade() -> None:
    """Drop them."""
    op.drop_index("ix_participants_event_country", table_name="participants")
    op.drop_index("ix_participants_doc_ref", table_name="participants")
    op.execute("ALTER TABLE participants DROP COLUMN doc_id")
    op.drop_index("ix_events_type_date_on", table_name="events")
    op.drop_index("ix_canonical_pairs_states_date", table_name="canonical_pairs")
    op.drop_table("canonical_pairs")
