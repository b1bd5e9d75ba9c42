"""The embedded store: one SQLite file, one writer, one transaction per story."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path

from .sql import SCHEMA, SQLStore


class SQLiteStore(SQLStore):
    """An SQLite database holding the tables of ``schema.sql``.

    path: the database file; created with its tables when missing.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.executescript(SCHEMA)

    def transaction(self) -> AbstractContextManager:
        return self.db  # commits on success, rolls back on an exception
