"""What the SQLite and PostgreSQL stores share: one schema, one upsert, the same reads.

Both speak DB-API; they differ in how they connect, mark parameters and open a
transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
TABLES = ("articles", "events")


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """Which stored events to read. Actor codes match by prefix ("KOR" matches "KORGOV"), as
    do CAMEO codes ("04" is every consultation); dates are ISO strings, both ends included."""

    source: str = ""
    target: str = ""
    country: str = ""  # as source or target
    cameo: str = ""
    plover: str = ""
    quad_class: int = 0
    since: str = ""
    until: str = ""
    place: str = ""
    limit: int = 0

    def where(self, mark: str) -> tuple[list[str], list[object]]:
        """SQL conditions and their parameters, with ``mark`` as the parameter placeholder."""
        clauses: list[str] = []
        args: list[object] = []
        for column, prefix in (("source", self.source), ("target", self.target), ("cameo", self.cameo)):
            if prefix:
                clauses.append(f"{column} LIKE {mark}")
                args.append(_like_prefix(prefix))
        if self.country:
            clauses.append(f"(source LIKE {mark} OR target LIKE {mark})")
            args += [_like_prefix(self.country)] * 2
        for column, value in (("plover", self.plover.upper()), ("place", self.place)):
            if value:
                clauses.append(f"{column} = {mark}")
                args.append(value)
        if self.quad_class:
            clauses.append(f"quad_class = {mark}")
            args.append(self.quad_class)
        if self.since:
            clauses.append(f"date >= {mark}")
            args.append(self.since)
        if self.until:
            clauses.append(f"date <= {mark}")
            args.append(self.until)
        return clauses, args


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern for a code prefix; codes hold no wildcards, so any typed in are dropped."""
    return prefix.replace("%", "").replace("_", "") + "%"


class SQLStore:
    """A database holding the tables of ``schema.sql``; subclasses connect to one."""

    placeholder = "?"
    path = ""  # where the store is, as it may be printed (no password)
    db: Any  # a DB-API connection

    def transaction(self) -> AbstractContextManager:
        raise NotImplementedError

    def save_events(self, article: Article, events: list[Event], coder_version: str) -> None:
        """Store one story and its events in one transaction.

        Storing the same story again replaces it with identical rows, so it
        changes nothing; a new coder version replaces the story's events.
        """
        self.save_batch([(article, events)], coder_version)

    def save_batch(self, coded: list[tuple[Article, list[Event]]], coder_version: str) -> None:
        """Store stories and their events in one transaction: all of them, or, if killed, none."""
        marks = ", ".join(self.placeholder for _ in ARTICLE_COLUMNS)
        updates = ", ".join(f"{column} = excluded.{column}" for column in ARTICLE_COLUMNS[1:])
        upsert = f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({marks}) "
        upsert += f"ON CONFLICT (id) DO UPDATE SET {updates}"
        event_marks = ", ".join(self.placeholder for _ in EVENT_FIELDS)
        insert = f"INSERT INTO events ({', '.join(EVENT_FIELDS)}) VALUES ({event_marks})"
        with self.transaction():
            cursor = self.db.cursor()
            for article, events in coded:
                row = article.as_dict()
                row["captions"] = json.dumps(row["captions"], ensure_ascii=False)
                row["coder_version"] = coder_version
                cursor.execute(upsert, [row[column] for column in ARTICLE_COLUMNS])
                cursor.execute(f"DELETE FROM events WHERE article_id = {self.placeholder}", (article.id,))
                if events:
                    cursor.executemany(insert, [[getattr(event, name) for name in EVENT_FIELDS] for event in events])

    def stored_ids(self, ids: list[str], coder_version: str) -> set[str]:
        """Which of these article ids are stored, coded by this coder version (to resume a job)."""
        found: set[str] = set()
        for start in range(0, len(ids), 500):  # SQLite takes a bounded number of parameters
            chunk = ids[start : start + 500]
            marks = ", ".join(self.placeholder for _ in chunk)
            query = f"SELECT id FROM articles WHERE coder_version = {self.placeholder} AND id IN ({marks})"
            found.update(row[0] for row in self._rows(query, (coder_version, *chunk)))
        return found

    def events(self, article_id: str | None = None) -> list[dict]:
        """Stored events as dicts, for one article or all, in stored order."""
        query = f"SELECT {', '.join(EVENT_FIELDS)} FROM events"
        args: tuple = ()
        if article_id is not None:
            query += f" WHERE article_id = {self.placeholder}"
            args = (article_id,)
        rows = self._rows(query + " ORDER BY article_id, evidence_start, event_id", args)
        return [_event_row(row) for row in rows]

    def query(self, filters: EventFilter) -> list[dict]:
        """Stored events that pass the filters, in date order."""
        clauses, args = filters.where(self.placeholder)
        query = f"SELECT {', '.join(EVENT_FIELDS)} FROM events"
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        query += " ORDER BY date, article_id, evidence_start, event_id"
        if filters.limit:
            query += f" LIMIT {int(filters.limit)}"
        return [_event_row(row) for row in self._rows(query, tuple(args))]

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(f"no table {table!r}")
        return self._rows(f"SELECT COUNT(*) FROM {table}", ())[0][0]

    def _rows(self, query: str, args: tuple) -> list[tuple]:
        cursor = self.db.cursor()
        cursor.execute(query, args)
        return cursor.fetchall()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _event_row(row: tuple) -> dict:
    event = dict(zip(EVENT_FIELDS, row, strict=True))
    event["negated"] = bool(event["negated"])  # SQLite keeps booleans as 0 and 1
    return event


def statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, comments dropped."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    for statement in "\n".join(lines).split(";"):
        if statement.strip():
            yield statement.strip()
