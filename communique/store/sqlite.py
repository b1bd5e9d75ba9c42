"""The embedded store: one SQLite file, one writer, one transaction per batch."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path

from .migrate import migrate
from .sql import SQLStore

# The first day of a date's period, as SQLite's date functions write it. 'weekday 0' moves
# to the coming Sunday (or stays on one); six days back is that week's Monday.
PERIODS = {
    "day": "date({column})",
    "week": "date({column}, 'weekday 0', '-6 days')",
    "month": "substr({column}, 1, 7) || '-01'",
}


class SQLiteStore(SQLStore):
    """An SQLite database holding communique's tables.

    path: the database file; created with its tables when missing, and brought
        up to date (migrated in place) when an older communique made it.
    """

    dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL loses no committed batch when the program dies, only (maybe) the last
        # ones when the machine loses power; FULL would wait for the disk at every commit.
        self.db.execute("PRAGMA synchronous = NORMAL")
        # 64 MiB of page cache (the default is 2): a million events' indexes stay in memory while
        # they grow, which stores a third more events a second; memory is only taken as pages are read.
        self.db.execute("PRAGMA cache_size = -65536")
        self.db.execute("PRAGMA busy_timeout = 10000")  # a second writer waits for the first
        migrate(self.db, self.dialect)

    def transaction(self) -> AbstractContextManager:
        return self.db  # commits on success, rolls back on an exception

    def period(self, freq: str, column: str = "date") -> str:
        return PERIODS[freq].format(column=column)
