"""The embedded store: one SQLite file, one writer, one transaction per story."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ..records import EVENT_FIELDS, Article, Event

SCHEMA = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")
ARTICLE_COLUMNS = (
    "id",
    "title",
    "url",
    "publisher",
    "published",
    "language",
    "dateline",
    "text",
    "captions",
    "origin",
    "coder_version",
)


class SQLiteStore:
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

    def save_events(self, article: Article, events: list[Event], coder_version: str) -> None:
        """Store one story and its events in one transaction.

        Storing the same story again replaces it with identical rows, so it
        changes nothing; a new coder version replaces the story's events.
        """
        row = article.as_dict()
        row["captions"] = json.dumps(row["captions"], ensure_ascii=False)
        row["coder_version"] = coder_version
        with self.db:
            self.db.execute(
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in ARTICLE_COLUMNS)}) "
                f"ON CONFLICT(id) DO UPDATE SET "
                + ", ".join(f"{column} = excluded.{column}" for column in ARTICLE_COLUMNS[1:]),
                [row[column] for column in ARTICLE_COLUMNS],
            )
            self.db.execute("DELETE FROM events WHERE article_id = ?", (article.id,))
            self.db.executemany(
                f"INSERT INTO events ({', '.join(EVENT_FIELDS)}) VALUES ({', '.join('?' for _ in EVENT_FIELDS)})",
                [[getattr(event, name) for name in EVENT_FIELDS] for event in events],
            )

    def events(self, article_id: str | None = None) -> list[dict]:
        """Stored events as dicts, for one article or all, in stored order."""
        query = f"SELECT {', '.join(EVENT_FIELDS)} FROM events"
        args: tuple = ()
        if article_id is not None:
            query += " WHERE article_id = ?"
            args = (article_id,)
        rows = self.db.execute(query + " ORDER BY article_id, evidence_start, event_id", args)
        return [dict(zip(EVENT_FIELDS, row, strict=True)) for row in rows]

    def count(self, table: str) -> int:
        if table not in ("articles", "events"):
            raise ValueError(table)
        return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
