"""Opening a store by URL with one-line errors: a bad URL, a missing driver, an unreachable server, or (for
queries) a database that does not exist yet, which is then reported instead of being created empty."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from marsad.errors import MarsadError
from marsad.store.db import Store, engine_url

SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")  # a plain path with one of these (or a slash) is a SQLite file


class StoreError(MarsadError):
    """A database that cannot be opened, in one line."""


def _reason(err: Exception) -> str:
    orig = getattr(err, "orig", None)
    return (str(orig or err).strip().splitlines() or [type(err).__name__])[0]


def open_store(url: str, create: bool = True) -> Store:
    """Return the Store at `url`; with `create` false, refuse a database that holds no Marsad store yet.

    A plain path (no «://», ending in .db, .sqlite or .sqlite3, or with a folder) is read as a SQLite file.
    Raises StoreError with a one-line message naming the URL (its password hidden).
    """
    if "://" not in url and (url.endswith(SQLITE_SUFFIXES) or "/" in url):
        url = f"sqlite:///{url}"
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r} (e.g. sqlite:///marsad.db or "
                         "postgresql://user@host/marsad)") from None
    shown = parsed.render_as_string(hide_password=True)
    sqlite_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:")
    if sqlite_file:
        path = Path(parsed.database)
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        if not path.exists():
            if not create:
                raise StoreError(f"no such database: {path} (create it with `marsad ingest FILES --db {url}` "
                                 "or `marsad demo`)")
            if not path.parent.is_dir():
                raise StoreError(f"cannot create {path}: no folder {path.parent}")
    try:
        if not create:
            engine = create_engine(engine_url(url))
            try:
                tables = set(inspect(engine).get_table_names())
            finally:
                engine.dispose()
            if "documents" not in tables:
                raise StoreError(f"{shown} holds no Marsad store: run `marsad ingest FILES --db {shown}` first")
        return Store(url)
    except ModuleNotFoundError as err:
        hint = " (pip install 'marsad[postgresql]')" if parsed.get_backend_name() == "postgresql" else ""
        raise StoreError(f"{shown}: the database driver is not installed ({err.name}){hint}") from None
    except SQLAlchemyError as err:
        raise StoreError(f"cannot open {shown}: {_reason(err)}") from None
    except StoreError:
        raise
    except MarsadError as err:  # a store made by a newer Marsad
        raise StoreError(f"cannot open {shown}: {err}") from None
