"""The shared store: the same tables on a PostgreSQL server, for a team or a server."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

import psycopg

from .migrate import migrate
from .sql import SQLStore

PERIODS = {
    "day": "{column}",
    "week": "to_char(date_trunc('week', {column}::date), 'YYYY-MM-DD')",  # weeks start on Monday
    "month": "substr({column}, 1, 7) || '-01'",
}


class PostgresStore(SQLStore):
    """A PostgreSQL database holding communique's tables, created or migrated when needed.

    url: a libpq connection URL, ``postgresql://user@host:5432/database``.
    """

    placeholder = "%s"
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.path = _without_password(url)
        # Autocommit: reads see the latest commits, and transaction() blocks are real transactions.
        self.db = psycopg.connect(url, autocommit=True)
        migrate(self.db, self.dialect, placeholder=self.placeholder)

    def transaction(self) -> AbstractContextManager:
        return self.db.transaction()

    def period(self, freq: str, column: str = "date") -> str:
        return PERIODS[freq].format(column=column)

    def _insert(self, cursor: Any, table: str, columns: Sequence[str], rows: list[tuple], conflict: str) -> None:
        """New rows go in by COPY, many times quicker than one INSERT a row; upserts stay INSERTs."""
        if conflict:
            super()._insert(cursor, table, columns, rows, conflict)
            return
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _without_password(url: str) -> str:
    """The URL as it may be printed: ``postgresql://user:secret@host`` loses its secret."""
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"
