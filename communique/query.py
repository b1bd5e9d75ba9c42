"""Query: stored events read back by filters, a page at a time or as a pandas DataFrame.

    from communique.store import open_store
    from communique.query import EventFilter, find_events, events_frame

    store = open_store("sqlite:///communique.db")
    page = find_events(store, EventFilter(source="KOR", target="RUS", cameo="04"))
    more = find_events(store, EventFilter(source="KOR", target="RUS", cameo="04"), after=page.next_cursor)
    frame = events_frame(store, EventFilter(since="2019-01-01"))

Pages come in (date, event_id) order, undated events first, and a cursor names
the last event of a page, so a page never repeats or skips events when others
are stored meanwhile (keyset pagination).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field, replace
from functools import cache

import pandas as pd

from .errors import Messages, SettingsError
from .records import EVENT_FIELDS
from .store.sql import ARTICLE_COLUMNS, STORED_FIELDS, EventFilter, SQLStore, event_row, prefix_range

__all__ = [
    "EventFilter",
    "Page",
    "JsonPage",
    "find_events",
    "find_events_json",
    "dyad_seek",
    "events_frame",
    "get_event",
    "get_article",
    "MAX_PAGE",
]

MAX_PAGE = 1000  # the most events one page holds, whatever is asked: a page is for reading, exports are for all
# Columns that hold codes: strings, never numbers, so "042" keeps its zero.
ORDER = "date NULLS FIRST, event_id"  # SQLite sorts NULL first anyway; PostgreSQL is told to
REAL_COLUMNS = ("goldstein", "lat", "lon", "confidence", "place_confidence")
CODE_COLUMNS = ("source", "target", "cameo", "plover", "plover_mode", "country", "event_id", "article_id")


@dataclass(frozen=True)
class Page:
    """One page of events, and the cursor for the next (None on the last page)."""

    events: list[dict] = field(default_factory=list)
    next_cursor: str | None = None


def find_events(store: SQLStore, filters: EventFilter, *, after: str | None = None, limit: int = 100) -> Page:
    """A page of stored events that pass the filters, in (date, event_id) order.

    after: the cursor of the previous page (``Page.next_cursor``), or None for the first.
    limit: events a page holds, at most MAX_PAGE (more is cut to MAX_PAGE).
    Each event is a dict of the Event fields and its ``happening_id``.
    Raises SettingsError for a cursor that is not one of ours.
    """
    size = max(1, min(int(limit), MAX_PAGE))
    rows = _page_rows(store, ", ".join(STORED_FIELDS), filters, after, size)
    events = [_stored_row(row) for row in rows[:size]]
    more = len(rows) > size
    return Page(events, _cursor(events[-1]) if more else None)


@dataclass(frozen=True)
class JsonPage:
    """The page ``find_events`` reads, each event already a JSON object (text), as the
    database wrote it."""

    events: list[str] = field(default_factory=list)
    next_cursor: str | None = None

    def json(self) -> str:
        return "[" + ",".join(self.events) + "]"


def find_events_json(store: SQLStore, filters: EventFilter, *, after: str | None = None, limit: int = 100) -> JsonPage:
    """``find_events`` with each event as a JSON object written by the database (SQLite's
    ``json_object``, PostgreSQL's ``json_build_object``): the same keys and values, without a
    Python object a column. The service's event list answers so, several times quicker.

    SQLite writes a REAL with 15 significant digits (0.30000000000000004 as 0.3).
    """
    size = max(1, min(int(limit), MAX_PAGE))
    rows = _page_rows(store, f"{_json_event(store.dialect)}, date, event_id", filters, after, size)
    events = [row[0] for row in rows[:size]]
    cursor = _cursor({"date": rows[size - 1][1], "event_id": rows[size - 1][2]}) if len(rows) > size else None
    return JsonPage(events, cursor)


def _page_rows(store: SQLStore, columns: str, filters: EventFilter, after: str | None, size: int) -> list[tuple]:
    """The ``columns`` of a page's rows (and of one more). A dyad's page is chosen first, by the
    rows' keys, and read after: SQLite takes a dyad's events out of its index in several runs and
    sorts them, writing each row's JSON before the sort; PostgreSQL would walk the date index
    (see ``_dyad_page_postgres``)."""
    if not (filters.source and filters.target):
        return store.fetch(*_page_query(store, columns, filters, after, size))
    if store.dialect == "sqlite":
        key, (chosen, args) = "rowid", _page_query(store, "rowid", filters, after, size)
    else:
        key, (chosen, args) = "event_id", _dyad_page_postgres(store, filters, after, size)
    return store.fetch(f"SELECT {columns} FROM events WHERE {key} IN ({chosen}) ORDER BY {ORDER}", args)


def _page_query(
    store: SQLStore, columns: str, filters: EventFilter, after: str | None, size: int
) -> tuple[str, tuple[object, ...]]:
    """The SQL of a page of ``size`` events after the cursor ``after``, and one more (which
    tells whether a page follows)."""
    clauses, args = _page_conditions(store, filters, after)
    query = f"SELECT {columns} FROM events"
    if clauses:
        query += " WHERE " + " AND ".join(clauses)
    query += f" ORDER BY {ORDER} LIMIT {size + 1}"
    return query, tuple(args)


def _dyad_page_postgres(
    store: SQLStore, filters: EventFilter, after: str | None, size: int
) -> tuple[str, tuple[object, ...]]:
    """The event ids of a dyad's page on PostgreSQL, chosen from the dyad's index.

    Asked for the first rows in date order, PostgreSQL's planner walks the (date, event_id)
    index and filters it, expecting the dyad's events to come soon; for a dyad with a few
    hundred of a million events it reads a hundred thousand rows (60-90 ms). Behind OFFSET 0
    the dyad's rows are planned on their own, from the dyad index, and sorted after.
    """
    clauses, args = _page_conditions(store, filters, after)
    dyad = f"SELECT event_id, date FROM events WHERE {' AND '.join(clauses)} OFFSET 0"
    return f"SELECT event_id FROM ({dyad}) AS dyad ORDER BY {ORDER} LIMIT {size + 1}", tuple(args)


def _page_conditions(store: SQLStore, filters: EventFilter, after: str | None) -> tuple[list[str], list[object]]:
    """The WHERE conditions of a page: the filters, a dyad sought through its source codes, and
    the events after the cursor."""
    mark = store.placeholder
    if filters.source and filters.target:  # a dyad: seek its source codes (see dyad_seek)
        clauses, args = replace(filters, source="", target="").where(mark)
        dyad, dyad_args = dyad_seek(filters.source, filters.target, mark, directed=filters.directed)
        clauses.append(dyad)
        args += dyad_args
    else:
        clauses, args = filters.where(mark)
    if after:
        day, event_id = _read_cursor(after)
        if day:  # written so that both databases seek the (date, event_id) index
            clauses.append(f"date >= {mark} AND (date > {mark} OR event_id > {mark})")
            args += [day, day, event_id]
        else:
            clauses.append(f"(date IS NOT NULL OR event_id > {mark})")
            args.append(event_id)
    return clauses, args


def dyad_seek(source: str, target: str, mark: str, *, directed: bool = True) -> tuple[str, list[object]]:
    """A condition for the events of a dyad (codes starting with ``source`` acting on codes
    starting with ``target``; either way round unless ``directed``) that seeks the index on
    (source, target, date) instead of scanning every event of the source.

    A range on source and another on target make both databases read every index entry of
    the source range (25,000 for "KOR" among a million events) to find the few hundred of the
    dyad. Here the distinct source codes in the range come first, each found by one index
    seek (a skip scan written as a recursive query), and then the target range is sought
    under each: a hundredth of the reading.
    """
    there = f"source IN ({_source_codes(mark)}) AND {prefix_range('target', target, mark)[0]}"
    there_args = [*_source_code_args(source), *prefix_range("target", target, mark)[1]]
    if directed:
        return there, there_args
    back = f"source IN ({_source_codes(mark)}) AND {prefix_range('target', source, mark)[0]}"
    back_args = [*_source_code_args(target), *prefix_range("target", source, mark)[1]]
    return f"(({there}) OR ({back}))", there_args + back_args


def _source_codes(mark: str) -> str:
    """The distinct source codes in [start, stop), one index seek each."""
    return (
        "WITH RECURSIVE codes(code) AS ("
        f"SELECT MIN(source) FROM events WHERE source >= {mark} AND source < {mark} UNION ALL "
        f"SELECT (SELECT MIN(source) FROM events WHERE source > code AND source < {mark}) FROM codes "
        "WHERE code IS NOT NULL) SELECT code FROM codes WHERE code IS NOT NULL"
    )


def _source_code_args(prefix: str) -> list[object]:
    start, stop = prefix_range("source", prefix, "?")[1]
    return [start, stop, stop]


@cache
def _json_event(dialect: str) -> str:
    """The SQL expression of an event row as a JSON object, keys in STORED_FIELDS order."""
    if dialect == "postgresql":
        # REAL is 4 bytes there: as float8 it reads as the Python float psycopg gives for it.
        values = [f"{name}::float8" if name in REAL_COLUMNS else name for name in STORED_FIELDS]
        return f"json_build_object({_pairs(values)})::text"
    # SQLite keeps booleans as 0 and 1; JSON wants true and false.
    values = [
        "json(CASE WHEN negated THEN 'true' ELSE 'false' END)" if name == "negated" else name for name in STORED_FIELDS
    ]
    return f"json_object({_pairs(values)})"


def _pairs(values: list[str]) -> str:
    return ", ".join(f"'{name}', {value}" for name, value in zip(STORED_FIELDS, values, strict=True))


def events_frame(store: SQLStore, filters: EventFilter | None = None) -> pd.DataFrame:
    """All stored events that pass the filters as a DataFrame, one row an event, in date order.

    Codes stay strings with their leading zeros ("042"); ``date`` is a datetime64
    column (NaT where a story gave no date), ``negated`` a boolean.
    """
    filters = filters or EventFilter()
    clauses, args = filters.where(store.placeholder)
    query = f"SELECT {', '.join(STORED_FIELDS)} FROM events"
    if clauses:
        query += " WHERE " + " AND ".join(clauses)
    query += f" ORDER BY {ORDER}"
    if filters.limit:
        query += f" LIMIT {int(filters.limit)}"
    return _frame(store.fetch(query, tuple(args)))


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(STORED_FIELDS))
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce")
    frame["negated"] = frame["negated"].astype(bool)
    for column in ("goldstein", "confidence", "lat", "lon"):
        frame[column] = frame[column].astype(float)
    for column in ("quad_class", "sentence", "evidence_start", "evidence_end"):
        frame[column] = frame[column].astype("int64")
    return frame


def get_event(store: SQLStore, event_id: str) -> dict | None:
    """One stored event by id, with its ``happening_id``, or None."""
    query = f"SELECT {', '.join(STORED_FIELDS)} FROM events WHERE event_id = {store.placeholder}"
    rows = store.fetch(query, (event_id,))
    return _stored_row(rows[0]) if rows else None


def get_article(store: SQLStore, article_id: str) -> dict | None:
    """One stored article by id (its text, metadata and the coder version that coded it), or None.

    ``captions`` is a list; ``events`` is the number of events stored for it.
    """
    query = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = {store.placeholder}"
    rows = store.fetch(query, (article_id,))
    if not rows:
        return None
    article = dict(zip(ARTICLE_COLUMNS, rows[0], strict=True))
    article["captions"] = json.loads(article["captions"])
    count = f"SELECT COUNT(*) FROM events WHERE article_id = {store.placeholder}"
    article["events"] = store.fetch(count, (article_id,))[0][0]
    return article


def _stored_row(row: tuple) -> dict:
    event = event_row(row[: len(EVENT_FIELDS)])
    event.update(zip(STORED_FIELDS[len(EVENT_FIELDS) :], row[len(EVENT_FIELDS) :], strict=True))
    return event


def _cursor(event: dict) -> str:
    token = json.dumps([event["date"] or "", event["event_id"]], separators=(",", ":"))
    return base64.urlsafe_b64encode(token.encode("utf-8")).decode("ascii").rstrip("=")


def _read_cursor(cursor: str) -> tuple[str, str]:
    try:
        day, event_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if isinstance(day, str) and isinstance(event_id, str):
            return day, event_id
    except (ValueError, TypeError, binascii.Error):
        pass
    raise SettingsError(Messages.BAD_CURSOR.format(cursor=cursor[:40]))
