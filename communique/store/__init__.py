"""Store: events and their articles in a database, upserted by article id.

``open_store("sqlite:///communique.db")`` gives an SQLiteStore,
``open_store("postgresql://user@host/db")`` a PostgresStore, and ``"none"``
gives None (store nothing). Both keep the tables of ``migrations/``, brought up to date on opening.
"""

from __future__ import annotations

from ..errors import Messages, SettingsError
from .sql import EventFilter, SQLStore
from .sqlite import SQLiteStore

__all__ = ["open_store", "EventFilter", "SQLStore", "SQLiteStore"]


def open_store(url: str) -> SQLStore | None:
    """Open the store a database URL names.

    url: "sqlite:///PATH" (relative path), "sqlite:////abs/path", a plain
        path ending in .db or .sqlite, "postgresql://..." (or "postgres://..."),
        or "none".
    """
    if url.lower() == "none":
        return None
    if url.startswith("sqlite:///"):
        return SQLiteStore(url.removeprefix("sqlite:///"))
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore  # psycopg loads only for PostgreSQL

        try:
            return PostgresStore(url)
        except Exception as error:  # psycopg's errors name the server and the problem
            detail = " ".join(str(error).split())
            raise SettingsError(Messages.DB_UNREACHABLE.format(url=url.split("@")[-1], detail=detail)) from None
    if url.endswith((".db", ".sqlite", ".sqlite3")) and "://" not in url:
        return SQLiteStore(url)
    raise SettingsError(Messages.BAD_DB_URL.format(url=url))
