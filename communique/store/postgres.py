"""The shared store: the same tables on a PostgreSQL server, for a team or a server."""

from __future__ import annotations

from contextlib import AbstractContextManager

import psycopg

from .sql import SCHEMA, SQLStore, statements


class PostgresStore(SQLStore):
    """A PostgreSQL database holding the tables of ``schema.sql``, created when missing.

    url: a libpq connection URL, ``postgresql://user@host:5432/database``.
    """

    placeholder = "%s"

    def __init__(self, url: str) -> None:
        self.path = _without_password(url)
        self.db = psycopg.connect(url)
        with self.db.transaction():
            for statement in statements(SCHEMA):
                self.db.execute(statement)

    def transaction(self) -> AbstractContextManager:
        return self.db.transaction()


def _without_password(url: str) -> str:
    """The URL as it may be printed: ``postgresql://user:secret@host`` loses its secret."""
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"
