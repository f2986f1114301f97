"""SQLAlchemy 2 tables: documents and what analysis found in them (primary), and what resolution derives.

Actor and story ids are surrogates allocated once from counters in `marsad_meta` and never recomputed
from content. Derived tables can be rebuilt from the primary ones (`marsad resolve --full`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from marsad.store.dates import IsoDate, period_text


class Base(DeclarativeBase):
    """Declarative base of Marsad's tables."""


def _now() -> datetime:
    return datetime.now(UTC)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(Text, primary_key=True)  # its source path or URL (or the record's own id)
    content_hash: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text, index=True)
    byline: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(IsoDate, index=True)  # a day, «YYYY-MM-DD» in Python
    published_origin: Mapped[str | None] = mapped_column(String(16))
    source_item: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    doc_json: Mapped[dict] = mapped_column(JSON)
    # hash of the input's text and metadata as read: an unchanged input is recognised before it is analysed
    source_hash: Mapped[str | None] = mapped_column(String(40), index=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    entities: Mapped[list[EntityRow]] = relationship(back_populates="document", cascade="all, delete-orphan")
    events: Mapped[list[EventRow]] = relationship(back_populates="document", cascade="all, delete-orphan")
    quotes: Mapped[list[QuoteRow]] = relationship(back_populates="document", cascade="all, delete-orphan")
    search_rows: Mapped[list[SearchRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class EntityRow(Base):
    __tablename__ = "entities"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(8), index=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, index=True)
    name_latin: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    titles: Mapped[list] = mapped_column(JSON, default=list)
    kb_id: Mapped[str | None] = mapped_column(String(64), index=True)  # the actor, analyst corrections applied
    cluster_id: Mapped[str | None] = mapped_column(String(64), index=True)  # the actor linking chose

    document: Mapped[DocumentRow] = relationship(back_populates="entities")
    mentions: Mapped[list[MentionRow]] = relationship(cascade="all, delete-orphan")


class MentionRow(Base):
    __tablename__ = "mentions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.pk", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_type_date_on", "type", "date_on"),)  # a type's events in date order

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(12), index=True)
    mode: Mapped[str | None] = mapped_column(String(32))
    modality: Mapped[str] = mapped_column(String(16))
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    date_on: Mapped[str | None] = mapped_column(IsoDate, index=True)  # first day of the period; None: undated
    date_precision: Mapped[str | None] = mapped_column(String(8))  # day, week, month, year
    location_name: Mapped[str | None] = mapped_column(Text)
    location_country: Mapped[str | None] = mapped_column(String(2))
    contexts: Mapped[list] = mapped_column(JSON, default=list)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)

    document: Mapped[DocumentRow] = relationship(back_populates="events")
    participants: Mapped[list[ParticipantRow]] = relationship(cascade="all, delete-orphan")

    @property
    def date_value(self) -> str | None:
        """Return the event's date as shown: «2015-08-02», «2015-08» or «2015» (None when undated)."""
        return period_text(self.date_on, self.date_precision)


class ParticipantRow(Base):
    __tablename__ = "participants"
    # an actor's participations straight from its entity rows (document, local id), not through each event
    __table_args__ = (Index("ix_participants_doc_ref", "doc_id", "ref", "event_pk"),
                      Index("ix_participants_event_country", "event_pk", "country"))  # an event's states

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    doc_id: Mapped[str | None] = mapped_column(Text)  # the event's document, copied (it never changes)
    ref: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(12))
    name: Mapped[str | None] = mapped_column(Text)
    name_key: Mapped[str | None] = mapped_column(Text, index=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)


class QuoteRow(Base):
    __tablename__ = "quotes"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    speaker_local_id: Mapped[str | None] = mapped_column(String(32))
    speaker_name: Mapped[str | None] = mapped_column(Text)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(String(32))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[DocumentRow] = relationship(back_populates="quotes")


class SearchRow(Base):
    """One searchable stretch of a document (its title, a sentence, an entity's names) and its search keys.

    `terms` holds the keys of `marsad.text.search_keys` space-separated with a space at each end; on SQLite
    the FTS5 table `search_fts` indexes it (kept in step by triggers), elsewhere it is matched with LIKE.
    """

    __tablename__ = "search_rows"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # title, sentence, entity
    ref: Mapped[str | None] = mapped_column(String(32))  # the entity's local id
    start: Mapped[int | None] = mapped_column(Integer)  # the sentence (of an entity: of its first mention)
    end: Mapped[int | None] = mapped_column(Integer)
    terms: Mapped[str] = mapped_column(Text)


class MetaRow(Base):
    """Schema version and id counters."""

    __tablename__ = "marsad_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ActorRow(Base):
    """An actor (stable surrogate kb_id), with the state linking needs when it is also an automatic cluster."""

    __tablename__ = "actors"

    kb_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)  # creation order
    merged_into: Mapped[str | None] = mapped_column(String(16), index=True)  # analyst merge: the actor kept
    link_key: Mapped[str | None] = mapped_column(Text)  # name key of the cluster; None: not linkable
    block: Mapped[str | None] = mapped_column(Text, index=True)
    countries: Mapped[list] = mapped_column(JSON, default=list)
    title_keys: Mapped[list] = mapped_column(JSON, default=list)
    years: Mapped[list] = mapped_column(JSON, default=list)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, index=True)
    name_latin: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    variants: Mapped[list] = mapped_column(JSON, default=list)
    doc_ids: Mapped[list] = mapped_column(JSON, default=list)
    reason: Mapped[str] = mapped_column(String(32))

    roles: Mapped[list[ActorRoleRow]] = relationship(cascade="all, delete-orphan")


class ActorRoleRow(Base):
    __tablename__ = "actor_roles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kb_id: Mapped[str] = mapped_column(ForeignKey("actors.kb_id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))
    first_seen: Mapped[str | None] = mapped_column(IsoDate)
    last_seen: Mapped[str | None] = mapped_column(IsoDate)
    doc_ids: Mapped[list] = mapped_column(JSON, default=list)


class OverrideRow(Base):
    """Analyst corrections to actor resolution; they survive re-ingestion and re-resolution."""

    __tablename__ = "actor_overrides"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))
    kb_id: Mapped[str] = mapped_column(String(16))
    other: Mapped[str | None] = mapped_column(String(16))
    doc_ids: Mapped[list] = mapped_column(JSON, default=list)
    new_kb_id: Mapped[str | None] = mapped_column(String(16))  # split: the actor the mentions went to
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class StoryRow(Base):
    """A group of articles about one happening (size 1: a lone article with events); stable surrogate id."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    doc_ids: Mapped[list] = mapped_column(JSON, default=list)
    size: Mapped[int] = mapped_column(Integer, index=True)
    merged_into: Mapped[str | None] = mapped_column(Text)


class CanonicalEventRow(Base):
    __tablename__ = "canonical_events"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    story_id: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String(12), index=True)
    date_on: Mapped[str | None] = mapped_column(IsoDate, index=True)  # first day of the period; None: undated
    date_precision: Mapped[str | None] = mapped_column(String(8))
    location: Mapped[str | None] = mapped_column(Text)
    actors: Mapped[list] = mapped_column(JSON, default=list)
    orgs: Mapped[list] = mapped_column(JSON, default=list)
    countries: Mapped[list] = mapped_column(JSON, default=list)
    sources: Mapped[list] = mapped_column(JSON, default=list)
    events: Mapped[list] = mapped_column(JSON, default=list)
    corroboration: Mapped[int] = mapped_column(Integer)
    disagreements: Mapped[list] = mapped_column(JSON, default=list)

    @property
    def date(self) -> str | None:
        """Return the happening's date as shown: «2015-08-02», «2015-08» or «2015» (None when undated)."""
        return period_text(self.date_on, self.date_precision)


class CanonicalPairRow(Base):
    """One pair of the countries of one canonical event (`state_a` <= `state_b`; a country paired with itself
    too), with the event's first day: what the pair timeline reads from an index. Resolution writes and deletes
    these rows with the canonical events."""

    __tablename__ = "canonical_pairs"
    __table_args__ = (Index("ix_canonical_pairs_states_date", "state_a", "state_b", "date_on", "canonical_id"),)

    canonical_id: Mapped[str] = mapped_column(ForeignKey("canonical_events.id", ondelete="CASCADE"),
                                              primary_key=True)
    state_a: Mapped[str] = mapped_column(String(16), primary_key=True)
    state_b: Mapped[str] = mapped_column(String(16), primary_key=True)
    date_on: Mapped[str | None] = mapped_column(IsoDate)  # the canonical event's, copied


class ActorCountRow(Base):
    """How many events an actor takes part in (`kind` «all», `other` ""), and how many it shares with each
    counterpart (`kind` «actor»: `other` is its kb_id; «name»: «country:XX» or an unlinked name). The sum of the
    documents' shares (`ActorDocCountRow`), kept in step by `marsad.store.actor_counts`."""

    __tablename__ = "actor_counts"

    kb_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    other: Mapped[str] = mapped_column(Text, primary_key=True)
    events: Mapped[int] = mapped_column(Integer)


class ActorDocCountRow(Base):
    """One document's share of `ActorCountRow`: what its events add to an actor's counts (no foreign key: the
    share of a deleted or replaced document is taken back from the sums after its rows are gone)."""

    __tablename__ = "actor_doc_counts"

    doc_id: Mapped[str] = mapped_column(Text, primary_key=True)
    kb_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    other: Mapped[str] = mapped_column(Text, primary_key=True)
    events: Mapped[int] = mapped_column(Integer)


class DuplicateRow(Base):
    __tablename__ = "duplicates"

    doc_id: Mapped[str] = mapped_column(Text, primary_key=True)
    group_id: Mapped[str] = mapped_column(Text, index=True)


class DocStateRow(Base):
    """What resolution knew of a document when it last linked it (no foreign key: it outlives an update)."""

    __tablename__ = "doc_state"

    doc_id: Mapped[str] = mapped_column(Text, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(40))  # "" marks a document to link again (metadata changed)
    sketch: Mapped[bytes | None] = mapped_column(LargeBinary)  # MinHash values, for near-duplicates
    actors: Mapped[list] = mapped_column(JSON, default=list)
    story_id: Mapped[str | None] = mapped_column(Text, index=True)
    resolved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class DocBandRow(Base):
    """LSH band keys of document sketches: documents sharing one are near-duplicate candidates."""

    __tablename__ = "doc_bands"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    band: Mapped[int] = mapped_column(BigInteger, index=True)
    doc_id: Mapped[str] = mapped_column(Text, index=True)


class EventBlockRow(Base):
    """Blocking keys of events: events that may tell the same happening share one."""

    __tablename__ = "event_blocks"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    block: Mapped[str] = mapped_column(Text, index=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    doc_id: Mapped[str] = mapped_column(Text, index=True)


DERIVED_TABLES = ("actor_roles", "actors", "actor_counts", "actor_doc_counts", "stories", "canonical_pairs",
                  "canonical_events", "duplicates", "doc_state", "doc_bands", "event_blocks")
