"""Storage: SQLAlchemy schema and queries (SQLite by default, PostgreSQL by URL)."""

from marsad.store.db import DEFAULT_DB_URL, Store

__all__ = ["DEFAULT_DB_URL", "Store"]
