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
from dataclasses import dataclass, field

import pandas as pd

from .errors import Messages, SettingsError
from .records import EVENT_FIELDS
from .store.sql import ARTICLE_COLUMNS, STORED_FIELDS, EventFilter, SQLStore, event_row

__all__ = ["EventFilter", "Page", "find_events", "events_frame", "get_event", "get_article", "MAX_PAGE"]

MAX_PAGE = 1000  # the most events one page holds, whatever is asked: a page is for reading, exports are for all
# Columns that hold codes: strings, never numbers, so "042" keeps its zero.
ORDER = "date NULLS FIRST, event_id"  # SQLite sorts NULL first anyway; PostgreSQL is told to
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
    mark = store.placeholder
    clauses, args = filters.where(mark)
    if after:
        day, event_id = _read_cursor(after)
        if day:  # written so that both databases seek the (date, event_id) index
            clauses.append(f"date >= {mark} AND (date > {mark} OR event_id > {mark})")
            args += [day, day, event_id]
        else:
            clauses.append(f"(date IS NOT NULL OR event_id > {mark})")
            args.append(event_id)
    query = f"SELECT {', '.join(STORED_FIELDS)} FROM events"
    if clauses:
        query += " WHERE " + " AND ".join(clauses)
    query += f" ORDER BY {ORDER} LIMIT {size + 1}"  # one more tells whether a page follows
    rows = store.fetch(query, tuple(args))
    events = [_stored_row(row) for row in rows[:size]]
    more = len(rows) > size
    return Page(events, _cursor(events[-1]) if more else None)


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
