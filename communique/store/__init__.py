"""Store: events and their articles in a database, upserted by article id.

``open_store("sqlite:///communique.db")`` gives an SQLiteStore; ``"none"``
gives None (store nothing).
"""

from __future__ import annotations

from ..errors import Messages, SettingsError
from .sqlite import SQLiteStore

__all__ = ["open_store", "SQLiteStore"]


def open_store(url: str) -> SQLiteStore | None:
    """Open the store a database URL names.

    url: "sqlite:///PATH" (relative path), "sqlite:////abs/path", a plain
        path ending in .db or .sqlite, or "none".
    """
    if url.lower() == "none":
        return None
    if url.startswith("sqlite:///"):
        return SQLiteStore(url.removeprefix("sqlite:///"))
    if url.endswith((".db", ".sqlite", ".sqlite3")) and "://" not in url:
        return SQLiteStore(url)
    raise SettingsError(Messages.BAD_DB_URL.format(url=url))
