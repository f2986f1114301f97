"""The schema of the last Marsad without Alembic (its `marsad_meta.schema_version` 2), frozen.

Revision 0001 creates it on an empty database; a store made before Alembic is first brought to it (tables
and columns it lacks are added, as the old opening code did) and stamped 0001, so every later change is a
migration. Never edit these tables: add a revision instead.
"""

from __future__ import annotations

import sqlalchemy as sa

LEGACY_VERSION = 2  # marsad_meta.schema_version of this schema: stores below it have their derived tables rebuilt
# tables rebuilt from the primary ones by `marsad resolve --full` (dropped when a schema-1 store is upgraded)
DERIVED_TABLES = ("actor_roles", "actors", "stories", "canonical_events", "duplicates", "doc_state", "doc_bands",
                  "event_blocks")


def baseline_metadata() -> sa.MetaData:
    """Return a new MetaData holding the tables and indexes of schema 2, as today's main created them."""
    metadata = sa.MetaData()
    sa.Table("actor_overrides", metadata,
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("kb_id", sa.String(length=16), nullable=False),
        sa.Column("other", sa.String(length=16), nullable=True),
        sa.Column("doc_ids", sa.JSON(), nullable=False),
        sa.Column("new_kb_id", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
    )
    sa.Table("actors", metadata,
        sa.Column("kb_id", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("merged_into", sa.String(length=16), nullable=True),
        sa.Column("link_key", sa.String(length=300), nullable=True),
        sa.Column("block", sa.String(length=64), nullable=True),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("title_keys", sa.JSON(), nullable=False),
        sa.Column("years", sa.JSON(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("name_latin", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.Column("doc_ids", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("kb_id"),
    )
    sa.Index("ix_actors_block", metadata.tables["actors"].c["block"], unique=False)
    sa.Index("ix_actors_country", metadata.tables["actors"].c["country"], unique=False)
    sa.Index("ix_actors_merged_into", metadata.tables["actors"].c["merged_into"], unique=False)
    sa.Index("ix_actors_name_key", metadata.tables["actors"].c["name_key"], unique=False)
    sa.Index("ix_actors_seq", metadata.tables["actors"].c["seq"], unique=False)
    sa.Table("canonical_events", metadata,
        sa.Column("id", sa.String(length=240), nullable=False),
        sa.Column("story_id", sa.String(length=220), nullable=False),
        sa.Column("type", sa.String(length=12), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("orgs", sa.JSON(), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("corroboration", sa.Integer(), nullable=False),
        sa.Column("disagreements", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    sa.Index("ix_canonical_events_date", metadata.tables["canonical_events"].c["date"], unique=False)
    sa.Index("ix_canonical_events_story_id", metadata.tables["canonical_events"].c["story_id"], unique=False)
    sa.Index("ix_canonical_events_type", metadata.tables["canonical_events"].c["type"], unique=False)
    sa.Table("doc_bands", metadata,
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("band", sa.BigInteger(), nullable=False),
        sa.Column("doc_id", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
    )
    sa.Index("ix_doc_bands_band", metadata.tables["doc_bands"].c["band"], unique=False)
    sa.Index("ix_doc_bands_doc_id", metadata.tables["doc_bands"].c["doc_id"], unique=False)
    sa.Table("doc_state", metadata,
        sa.Column("doc_id", sa.String(length=200), nullable=False),
        sa.Column("content_hash", sa.String(length=40), nullable=False),
        sa.Column("sketch", sa.LargeBinary(), nullable=True),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("story_id", sa.String(length=220), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("doc_id"),
    )
    sa.Index("ix_doc_state_story_id", metadata.tables["doc_state"].c["story_id"], unique=False)
    sa.Table("documents", metadata,
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("content_hash", sa.String(length=40), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("byline", sa.String(length=200), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("published_origin", sa.String(length=16), nullable=True),
        sa.Column("source_item", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("doc_json", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    sa.Index("ix_documents_content_hash", metadata.tables["documents"].c["content_hash"], unique=True)
    sa.Index("ix_documents_outlet", metadata.tables["documents"].c["outlet"], unique=False)
    sa.Index("ix_documents_published", metadata.tables["documents"].c["published"], unique=False)
    sa.Table("duplicates", metadata,
        sa.Column("doc_id", sa.String(length=200), nullable=False),
        sa.Column("group_id", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("doc_id"),
    )
    sa.Index("ix_duplicates_group_id", metadata.tables["duplicates"].c["group_id"], unique=False)
    sa.Table("marsad_meta", metadata,
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    sa.Table("stories", metadata,
        sa.Column("id", sa.String(length=220), nullable=False),
        sa.Column("doc_ids", sa.JSON(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("merged_into", sa.String(length=220), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    sa.Index("ix_stories_size", metadata.tables["stories"].c["size"], unique=False)
    sa.Table("actor_roles", metadata,
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kb_id", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("first_seen", sa.String(length=10), nullable=True),
        sa.Column("last_seen", sa.String(length=10), nullable=True),
        sa.Column("doc_ids", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["kb_id"], ["actors.kb_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    sa.Index("ix_actor_roles_kb_id", metadata.tables["actor_roles"].c["kb_id"], unique=False)
    sa.Table("entities", metadata,
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(length=200), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("name_latin", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("kb_id", sa.String(length=64), nullable=True),
        sa.Column("cluster_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    sa.Index("ix_entities_cluster_id", metadata.tables["entities"].c["cluster_id"], unique=False)
    sa.Index("ix_entities_country", metadata.tables["entities"].c["country"], unique=False)
    sa.Index("ix_entities_doc_id", metadata.tables["entities"].c["doc_id"], unique=False)
    sa.Index("ix_entities_kb_id", metadata.tables["entities"].c["kb_id"], unique=False)
    sa.Index("ix_entities_name_key", metadata.tables["entities"].c["name_key"], unique=False)
    sa.Index("ix_entities_type", metadata.tables["entities"].c["type"], unique=False)
    sa.Table("events", metadata,
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(length=200), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=12), nullable=False),
        sa.Column("mode", sa.String(length=32), nullable=True),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("date_value", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("location_name", sa.Text(), nullable=True),
        sa.Column("location_country", sa.String(length=2), nullable=True),
        sa.Column("contexts", sa.JSON(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    sa.Index("ix_events_date_value", metadata.tables["events"].c["date_value"], unique=False)
    sa.Index("ix_events_doc_id", metadata.tables["events"].c["doc_id"], unique=False)
    sa.Index("ix_events_type", metadata.tables["events"].c["type"], unique=False)
    sa.Table("quotes", metadata,
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(length=200), nullable=False),
        sa.Column("speaker_local_id", sa.String(length=32), nullable=True),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("cue", sa.String(length=32), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    sa.Index("ix_quotes_doc_id", metadata.tables["quotes"].c["doc_id"], unique=False)
    sa.Table("search_rows", metadata,
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("ref", sa.String(length=32), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    sa.Index("ix_search_rows_doc_id", metadata.tables["search_rows"].c["doc_id"], unique=False)
    sa.Table("event_blocks", metadata,
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("block", sa.String(length=400), nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["event_pk"], ["events.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    sa.Index("ix_event_blocks_block", metadata.tables["event_blocks"].c["block"], unique=False)
    sa.Index("ix_event_blocks_doc_id", metadata.tables["event_blocks"].c["doc_id"], unique=False)
    sa.Index("ix_event_blocks_event_pk", metadata.tables["event_blocks"].c["event_pk"], unique=False)
    sa.Table("mentions", metadata,
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["entity_pk"], ["entities.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    sa.Index("ix_mentions_entity_pk", metadata.tables["mentions"].c["entity_pk"], unique=False)
    sa.Table("participants", metadata,
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("name_key", sa.String(length=300), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.ForeignKeyConstraint(["event_pk"], ["events.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    sa.Index("ix_participants_country", metadata.tables["participants"].c["country"], unique=False)
    sa.Index("ix_participants_event_pk", metadata.tables["participants"].c["event_pk"], unique=False)
    sa.Index("ix_participants_name_key", metadata.tables["participants"].c["name_key"], unique=False)
    return metadata
