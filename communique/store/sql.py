"""What the SQLite and PostgreSQL stores share: one schema, one upsert, the same reads.

Both speak DB-API; they differ in how they connect, mark parameters, open a
transaction and cut dates into weeks.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import uuid
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from ..records import EVENT_FIELDS, Article, Event, Mention
from .migrate import statements

__all__ = ["EventFilter", "SQLStore", "statements", "STORED_FIELDS", "ARTICLE_COLUMNS", "MENTION_COLUMNS"]

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
# The stored columns of an event: the Event's fields and the happening it reports.
STORED_FIELDS: tuple[str, ...] = EVENT_FIELDS + (() if "happening_id" in EVENT_FIELDS else ("happening_id",))
RUN_ARTICLE_COLUMNS = ("run_id", "article_id", "coder_version", "events", "outcome")
MENTION_COLUMNS = ("article_id", "sentence", "start_char", "end_char", "text", "actor", "actor_name", "rule", "known")
TABLES = ("articles", "events", "mentions", "runs", "run_articles")
FREQUENCIES = ("day", "week", "month")
RUN_COUNTS = ("articles", "events", "new", "replaced", "unchanged")


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """Which stored events to read. Actor codes match by prefix ("KOR" matches "KORGOV"), as
    do CAMEO codes ("04" is every consultation); dates are ISO strings, both ends included.

    directed: when False, source and target match either way round (KOR-RUS and RUS-KOR).
    limit: at most this many events (0 for all); ``query.find_events`` pages instead.
    """

    source: str = ""
    target: str = ""
    country: str = ""  # as source or target
    cameo: str = ""
    plover: str = ""
    quad_class: int = 0
    since: str = ""
    until: str = ""
    place: str = ""
    article_id: str = ""
    directed: bool = True
    limit: int = 0

    def where(self, mark: str) -> tuple[list[str], list[object]]:
        """SQL conditions and their parameters, with ``mark`` as the parameter placeholder."""
        clauses: list[str] = []
        args: list[object] = []

        def add(clause: tuple[str, list[object]]) -> None:
            clauses.append(clause[0])
            args.extend(clause[1])

        if self.directed or not (self.source and self.target):
            for column, prefix in (("source", self.source), ("target", self.target)):
                if prefix:
                    add(prefix_range(column, prefix, mark))
        else:
            add(dyad_either_way(self.source, self.target, mark))
        if self.cameo:
            add(prefix_range("cameo", self.cameo, mark))
        if self.country:
            source, source_args = prefix_range("source", self.country, mark)
            target, target_args = prefix_range("target", self.country, mark)
            add((f"(({source}) OR ({target}))", source_args + target_args))
        for column, value in (("plover", self.plover.upper()), ("place", self.place), ("article_id", self.article_id)):
            if value:
                add((f"{column} = {mark}", [value]))
        if self.quad_class:
            add((f"quad_class = {mark}", [self.quad_class]))
        if self.since:
            add((f"date >= {mark}", [self.since]))
        if self.until:
            add((f"date <= {mark}", [self.until]))
        return clauses, args


def prefix_range(column: str, prefix: str, mark: str) -> tuple[str, list[object]]:
    """A condition that a code starts with ``prefix``, written as a range an index can seek.

    Codes are upper case and compare byte by byte (PostgreSQL's code columns use the "C"
    collation for that), so every code starting with "KOR" lies in ["KOR", "KOS").
    """
    prefix = prefix.upper()
    following = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return f"{column} >= {mark} AND {column} < {mark}", [prefix, following]


def dyad_either_way(first: str, second: str, mark: str) -> tuple[str, list[object]]:
    """A condition for events between two actors in either direction."""
    there, there_args = prefix_range("source", first, mark)
    there_target, there_target_args = prefix_range("target", second, mark)
    back, back_args = prefix_range("source", second, mark)
    back_target, back_target_args = prefix_range("target", first, mark)
    clause = f"(({there} AND {there_target}) OR ({back} AND {back_target}))"
    return clause, there_args + there_target_args + back_args + back_target_args


@dataclass
class _Writes:
    """The rows a batch inserts, gathered so that each table gets one executemany."""

    articles: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    mentions: list[tuple] = field(default_factory=list)
    runs: list[tuple] = field(default_factory=list)
    deletions: list[tuple] = field(default_factory=list)  # stories whose events are replaced
    mention_deletions: list[tuple] = field(default_factory=list)  # ... and whose mentions are


@dataclass
class _Stored:
    """What a batch's stories hold in the store already: article rows, and the events and
    mentions of those whose article row is unchanged (as comparable values, by article id)."""

    articles: dict[str, tuple]
    events: dict[str, list[tuple]] = field(default_factory=dict)
    mentions: dict[str, list[tuple]] = field(default_factory=dict)

    def same(self, article_row: tuple, event_rows: list[tuple], mention_rows: list[tuple] | None) -> bool:
        """Whether an article, its events (and mentions, when given) are stored exactly so."""
        article_id = article_row[0]
        if self.articles.get(article_id) != article_row:
            return False
        stored = sorted(self.events.get(article_id, []))
        if stored != sorted(map(_event_values, event_rows)):
            return False
        return mention_rows is None or sorted(self.mentions.get(article_id, [])) == mention_rows


@dataclass(frozen=True)
class _Run:
    run_id: str
    coder_version: str
    counts: dict[str, int]


class SQLStore:
    """A database holding communique's tables (``migrations/``); subclasses connect to one."""

    placeholder = "?"
    dialect = ""
    path = ""  # where the store is, as it may be printed (no password)
    db: Any  # a DB-API connection
    run: _Run | None = None

    def transaction(self) -> AbstractContextManager:
        raise NotImplementedError

    def period(self, freq: str, column: str = "date") -> str:
        """SQL for the first day (YYYY-MM-DD) of the day, week (from Monday) or month of an ISO date."""
        raise NotImplementedError

    # Writing

    def begin_run(self, coder_version: str, settings: dict | None = None) -> str:
        """Start a coding run: what follows is stored under it. Returns its id."""
        return self._begin(coder_version, settings).run_id

    def _begin(self, coder_version: str, settings: dict | None) -> _Run:
        self.finish_run()
        run = _Run(uuid.uuid4().hex, coder_version, dict.fromkeys(RUN_COUNTS, 0))
        with self.transaction():
            self._execute(
                f"INSERT INTO runs (run_id, coder_version, settings, started) VALUES ({self._marks(4)})",
                (run.run_id, coder_version, json.dumps(settings or {}, sort_keys=True, default=str), _now()),
            )
        self.run = run
        return run

    def finish_run(self) -> None:
        """Record the end of the current run and its counts (closing the store does it too)."""
        if self.run is None:
            return
        counts = self.run.counts
        sets = ", ".join(f"{name} = {self.placeholder}" for name in counts)
        with self.transaction():
            self._execute(
                f"UPDATE runs SET finished = {self.placeholder}, {sets} WHERE run_id = {self.placeholder}",
                (_now(), *counts.values(), self.run.run_id),
            )
        self.run = None

    def save_events(
        self, article: Article, events: list[Event], coder_version: str, *, mentions: Sequence[Mention] | None = None
    ) -> str:
        """Store one story and its events in one transaction; see ``save_batch``."""
        return self.save_batch([(article, events)], coder_version, mentions=[mentions])[0]

    def save_batch(
        self,
        coded: Iterable[tuple[Article, list[Event]]],
        coder_version: str,
        *,
        mentions: Sequence[Sequence[Mention] | None] | None = None,
    ) -> list[str]:
        """Store stories and their events in one transaction: all of them, or none.

        Storing a story again with the same events changes nothing ("unchanged");
        different events (a new coder version, other settings) replace the story's
        events ("replaced"). Each story is recorded in the current run (one is
        begun when none is). mentions: for each story, its actor mentions to keep,
        or None to leave them as they are.
        Returns each story's outcome: "new", "replaced" or "unchanged".
        """
        coded = list(coded)
        run = self._run_for(coder_version)
        # A story given twice in one batch is stored as its last telling says.
        last = {article.id: index for index, (article, _) in enumerate(coded)}
        outcomes: dict[str, str] = {}
        writes = _Writes()
        with self.transaction():
            given = [(coded[index][0], (mentions[index] if mentions else None) is not None) for index in last.values()]
            stored = self._stored_rows(given, coder_version)
            for index, (article, events) in enumerate(coded):
                if last[article.id] != index:
                    continue
                spans = mentions[index] if mentions else None
                outcome = self._plan(article, events, coder_version, spans, stored, writes)
                writes.runs.append((run.run_id, article.id, coder_version, len(events), outcome))
                outcomes[article.id] = outcome
            self._write(writes)
        for article, events in (coded[index] for index in last.values()):
            run.counts["articles"] += 1
            run.counts["events"] += len(events)
            run.counts[outcomes[article.id]] += 1
        return [outcomes[article.id] for article, _ in coded]

    def _run_for(self, coder_version: str) -> _Run:
        """The current run, or a new one when there is none or it was for another coder."""
        if self.run is not None and self.run.coder_version == coder_version:
            return self.run
        return self._begin(coder_version, None)

    def _plan(
        self,
        article: Article,
        events: list[Event],
        coder_version: str,
        mentions: Sequence[Mention] | None,
        stored: _Stored,
        writes: _Writes,
    ) -> str:
        """What storing one story takes: nothing when stored so already; else its old rows go, new ones come."""
        article_row = _article_row(article, coder_version)
        event_rows = [_stored_event(event) for event in events]
        mention_rows = None if mentions is None else sorted({_mention_row(article.id, m) for m in mentions})
        known = article.id in stored.articles
        if known and stored.same(article_row, event_rows, mention_rows):
            return "unchanged"
        if known:
            writes.deletions.append((article.id,))
            if mention_rows is not None:
                writes.mention_deletions.append((article.id,))
        writes.articles.append(article_row)
        writes.events += event_rows
        writes.mentions += mention_rows or []
        return "replaced" if known else "new"

    def _write(self, writes: _Writes) -> None:
        """Insert a batch's rows, a table at a time (articles first: events point at them)."""
        cursor = self.db.cursor()
        # A replaced story's old rows go first: its new events may reuse their ids.
        if writes.deletions:
            cursor.executemany(f"DELETE FROM events WHERE article_id = {self.placeholder}", writes.deletions)
        if writes.mention_deletions:
            cursor.executemany(f"DELETE FROM mentions WHERE article_id = {self.placeholder}", writes.mention_deletions)
        updates = ", ".join(f"{column} = excluded.{column}" for column in ARTICLE_COLUMNS[1:])
        for table, columns, rows, conflict in (
            ("articles", ARTICLE_COLUMNS, writes.articles, f" ON CONFLICT (id) DO UPDATE SET {updates}"),
            ("events", STORED_FIELDS, writes.events, ""),
            ("mentions", MENTION_COLUMNS, writes.mentions, ""),
            (
                "run_articles",
                RUN_ARTICLE_COLUMNS,
                writes.runs,
                " ON CONFLICT (run_id, article_id) DO UPDATE SET events = excluded.events, outcome = excluded.outcome",
            ),
        ):
            if rows:
                self._insert(cursor, table, columns, rows, conflict)

    def _insert(self, cursor: Any, table: str, columns: Sequence[str], rows: list[tuple], conflict: str) -> None:
        """Insert rows into a table (``conflict``: what to do with a row whose key is taken)."""
        insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({self._marks(len(columns))}){conflict}"
        cursor.executemany(insert, rows)

    def stored_versions(self, article_ids: list[str]) -> dict[str, str]:
        """The coder version each of these articles was stored with, for those already stored."""
        found: dict[str, str] = {}
        for start in range(0, len(article_ids), 500):  # well under any database's parameter limit
            chunk = article_ids[start : start + 500]
            query = f"SELECT id, coder_version FROM articles WHERE id IN ({self._marks(len(chunk))})"
            found.update(self.fetch(query, tuple(chunk)))
        return found

    def _stored_rows(self, stories: list[tuple[Article, bool]], coder_version: str) -> _Stored:
        """What is stored of these stories, read a table at a time for the whole batch.

        stories: (article, whether its mentions will be compared). Events
        (and mentions) are read only for stories whose article row is stored unchanged,
        since the others are replaced whatever their events.
        """
        rows = self._rows_of("articles", ARTICLE_COLUMNS, "id", [article.id for article, _ in stories])
        stored = _Stored(articles={row[0]: tuple(row) for row in rows})
        alike = [
            (article.id, compare_mentions)
            for article, compare_mentions in stories
            if stored.articles.get(article.id) == _article_row(article, coder_version)
        ]
        for row in self._rows_of("events", STORED_FIELDS, "article_id", [article_id for article_id, _ in alike]):
            stored.events.setdefault(row[1], []).append(_event_values(row))
        chosen = [article_id for article_id, compare_mentions in alike if compare_mentions]
        for row in self._rows_of("mentions", MENTION_COLUMNS, "article_id", chosen):
            stored.mentions.setdefault(row[0], []).append(_mention_values(row))
        return stored

    def _rows_of(self, table: str, columns: Sequence[str], key: str, ids: list[str]) -> list[tuple]:
        """The rows of a table whose ``key`` is one of ``ids``, in chunks a database takes."""
        rows: list[tuple] = []
        for start in range(0, len(ids), 500):  # well under any database's parameter limit
            chunk = ids[start : start + 500]
            query = f"SELECT {', '.join(columns)} FROM {table} WHERE {key} IN ({self._marks(len(chunk))})"
            rows += self.fetch(query, tuple(chunk))
        return rows

    def stored_ids(self, ids: list[str], coder_version: str) -> set[str]:
        """Which of these article ids are stored, coded by this coder version (to resume a job)."""
        return {article_id for article_id, version in self.stored_versions(ids).items() if version == coder_version}

    # Reading

    def events(self, article_id: str | None = None) -> list[dict]:
        """Stored events as dicts, for one article or all, in stored order."""
        query = f"SELECT {', '.join(EVENT_FIELDS)} FROM events"
        args: tuple = ()
        if article_id is not None:
            query += f" WHERE article_id = {self.placeholder}"
            args = (article_id,)
        rows = self.fetch(query + " ORDER BY article_id, evidence_start, event_id", args)
        return [event_row(row) for row in rows]

    def query(self, filters: EventFilter) -> list[dict]:
        """Stored events that pass the filters, in date order (undated first)."""
        clauses, args = filters.where(self.placeholder)
        query = f"SELECT {', '.join(EVENT_FIELDS)} FROM events"
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        query += " ORDER BY COALESCE(date, ''), article_id, evidence_start, event_id"
        if filters.limit:
            query += f" LIMIT {int(filters.limit)}"
        return [event_row(row) for row in self.fetch(query, tuple(args))]

    def mentions(self, article_id: str) -> list[dict]:
        """An article's stored actor mentions, in text order."""
        query = f"SELECT {', '.join(MENTION_COLUMNS)} FROM mentions WHERE article_id = {self.placeholder}"
        rows = self.fetch(query + " ORDER BY start_char, end_char, actor", (article_id,))
        return [dict(zip(MENTION_COLUMNS, _mention_values(row), strict=True)) for row in rows]

    def runs(self) -> list[dict]:
        """The coding runs, oldest first."""
        columns = ("run_id", "coder_version", "settings", "started", "finished", *RUN_COUNTS)
        rows = self.fetch(f"SELECT {', '.join(columns)} FROM runs ORDER BY started, run_id", ())
        return [dict(zip(columns, row, strict=True)) | {"settings": json.loads(row[2])} for row in rows]

    def known_articles(self, ids: list[str]) -> set[str]:
        """Which of these article ids the store already holds (what ``watch`` has seen)."""
        return set(self.stored_versions(ids))

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(f"no table {table!r}")
        return self.fetch(f"SELECT COUNT(*) FROM {table}", ())[0][0]

    def schema_version(self) -> int:
        return self.fetch("SELECT MAX(version) FROM schema_version", ())[0][0]

    def fetch(self, query: str, args: Sequence = ()) -> list[tuple]:
        """Rows of a query, with parameters marked by ``placeholder``."""
        cursor = self.db.cursor()
        cursor.execute(query, args)
        return cursor.fetchall()

    def _execute(self, query: str, args: Sequence) -> None:
        self.db.cursor().execute(query, args)

    def _marks(self, count: int) -> str:
        return ", ".join([self.placeholder] * count)

    def close(self) -> None:
        try:
            self.finish_run()
        finally:
            self.db.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def event_row(row: Sequence) -> dict:
    """A stored event's columns (EVENT_FIELDS, in order) as the dict an Event takes."""
    event = dict(zip(EVENT_FIELDS, row, strict=True))
    event["negated"] = bool(event["negated"])  # SQLite keeps booleans as 0 and 1
    return event


def _article_row(article: Article, coder_version: str) -> tuple:
    published = article.published.isoformat() if article.published else None
    captions = json.dumps(list(article.captions), ensure_ascii=False) if article.captions else "[]"
    named = {"published": published, "captions": captions, "coder_version": coder_version}
    return tuple(named[column] if column in named else getattr(article, column) for column in ARTICLE_COLUMNS)


_EVENT_VALUES = operator.attrgetter(*EVENT_FIELDS)


def _stored_event(event: Event) -> tuple:
    values = _EVENT_VALUES(event)
    if "happening_id" not in EVENT_FIELDS:
        return (*values, event.event_id)  # alone until merged with reports of the same happening
    return values


def _event_values(row: Sequence) -> tuple:
    """An event row as comparable values, the same from either database or from an Event."""
    values = list(row)
    negated = STORED_FIELDS.index("negated")
    values[negated] = bool(values[negated])
    return tuple(values)


def _mention_row(article_id: str, mention: Mention) -> tuple:
    rule = getattr(mention, "rule", "")  # the table entry that coded it, where the actor stage says
    known = getattr(mention, "known", bool(mention.actor.code))
    actor = mention.actor
    spans = (article_id, mention.sentence, mention.start, mention.end, mention.text)
    return (*spans, actor.code, actor.name, str(rule), bool(known))


def _mention_values(row: Sequence) -> tuple:
    values = list(row)
    values[-1] = bool(values[-1])
    return tuple(values)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")  # runs sort by when they began
