"""Alembic migrations of the store's schema, run by `marsad.store.migrate` each time a store is opened."""
