"""Alembic environment: migrations run on the connection `marsad.store.migrate` passes, never from a URL."""

from alembic import context

from marsad.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
