"""What the service reads from a store, in the shapes its JSON answers take.

Events come a page at a time (``query.find_events``, keyset pagination); dyads and
the network come from ``aggregate``. Every read here is bounded: a page, a grouped
series, or a LIMIT.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ..aggregate import actor_network, dyad_columns
from ..query import MAX_PAGE, JsonPage, Page, find_events, find_events_json, get_article, get_event
from ..store import EventFilter, SQLStore
from ..store.sql import prefix_range

__all__ = [
    "MAX_PAGE",
    "Page",
    "JsonPage",
    "find_events",
    "find_events_json",
    "get_event",
    "get_article",
    "article_view",
    "dyad_view",
    "network_view",
]

PLACES_LIMIT = 2000  # places a map shows at most, the busiest first
ACTORS_LIMIT = 500
SUMMARY_COUNT = 100_000


def article_view(store: SQLStore, article_id: str) -> dict | None:
    """An article with its text, its events, and the spans to highlight in it.

    Spans are evidence sentences (kind "evidence", with the event they support) and
    actor mentions (kind "mention", with the actor code), as offsets into ``text``.
    """
    article = get_article(store, article_id)
    if article is None:
        return None
    events = find_events(store, EventFilter(article_id=article_id), limit=MAX_PAGE).events
    events.sort(key=lambda event: (event["evidence_start"], event["event_id"]))
    spans: list[dict[str, Any]] = [
        {"kind": "evidence", "start": e["evidence_start"], "end": e["evidence_end"], "event_id": e["event_id"]}
        for e in events
    ]
    mentions = stored_mentions(store, article_id, events)
    spans += [
        {"kind": "mention", "start": m["start"], "end": m["end"], "actor": m["actor"], "known": m["known"]}
        for m in mentions
    ]
    article["events"] = events
    article["mentions"] = mentions
    article["spans"] = sorted(spans, key=lambda span: (span["start"], span["kind"]))
    return article


def stored_mentions(store: SQLStore, article_id: str, events: list[dict] | None = None) -> list[dict]:
    """The actor mentions of an article, in text order.

    Where the store kept none (stories stored without their mentions), the names of
    each event's actors found in its evidence sentence stand in for them.
    """
    mentions = [
        {
            "start": row["start_char"],
            "end": row["end_char"],
            "text": row["text"],
            "actor": row["actor"],
            "name": row["actor_name"],
            "rule": row["rule"],
            "known": bool(row["known"]),
        }
        for row in store.mentions(article_id)
    ]
    if mentions or not events:
        return mentions
    found: dict[tuple[int, int], dict] = {}
    for event in events:
        for code, name in ((event["source"], event["source_name"]), (event["target"], event["target_name"])):
            found_name = re.search(rf"\b{re.escape(name)}\b", event["evidence"]) if name else None
            if found_name:
                at = found_name.start()
                start = event["evidence_start"] + at
                found[(start, code)] = {
                    "start": start,
                    "end": start + len(name),
                    "text": name,
                    "actor": code,
                    "name": name,
                    "rule": "actor name in the evidence",
                    "known": True,
                }
    return sorted(found.values(), key=lambda m: (m["start"], m["actor"]))


def event_view(store: SQLStore, event_id: str) -> dict | None:
    """One event with the article's mentions that fall in its evidence sentence."""
    event = get_event(store, event_id)
    if event is None:
        return None
    mentions = stored_mentions(store, event["article_id"], [event])
    start, end = event["evidence_start"], event["evidence_end"]
    event["mentions"] = [m for m in mentions if m["start"] >= start and m["end"] <= end]
    return event


def dyad_view(store: SQLStore, source: str, target: str, **options: Any) -> dict[str, list]:
    """A dyad's series as JSON-ready columns (one list a column, one item a period): a ten-year
    weekly series is 520 periods of 30 numbers, which as columns is a quarter of the size and
    a tenth of the time of the same as row objects. Laid out without pandas (``dyad_columns``)."""
    return dyad_columns(store, source, target, **options)


def network_view(store: SQLStore, **options: Any) -> dict:
    """The actor network as nodes and edges, heaviest edges first."""
    graph = actor_network(store, **options)
    nodes = [{"id": node, **{k: _plain(v) for k, v in data.items()}} for node, data in graph.nodes(data=True)]
    edges = [
        {"source": source, "target": target, **{k: _plain(v) for k, v in data.items()}}
        for source, target, data in graph.edges(data=True)
    ]
    edges.sort(key=lambda edge: (-edge["weight"], edge["source"], edge["target"]))
    nodes.sort(key=lambda node: (-node.get("events", 0), node["id"]))
    return {"nodes": nodes, "edges": edges}


def places_view(store: SQLStore, filters: EventFilter) -> list[dict]:
    """Events counted by place (with coordinates), the busiest PLACES_LIMIT places."""
    clauses, args = filters.where(store.placeholder)
    clauses.append("lat IS NOT NULL AND lon IS NOT NULL")
    query = (
        "SELECT place, country, lat, lon, COUNT(*), SUM(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END), "
        f"SUM(goldstein) FROM events WHERE {' AND '.join(clauses)} GROUP BY place, country, lat, lon "
        f"ORDER BY COUNT(*) DESC, place LIMIT {PLACES_LIMIT}"
    )
    columns = ("place", "country", "lat", "lon", "events", "cooperation", "goldstein")
    return [
        {**dict(zip(columns, row, strict=True)), "goldstein": round(float(row[6]), 3)}
        for row in store.fetch(query, tuple(args))
    ]


def actors_view(store: SQLStore, prefix: str = "", *, unknown: bool = False) -> list[dict]:
    """Actors by the events they took part in as source, busiest first; or the unknown actors.

    Unknown actors are mentions the coder could not code (``known`` false): their
    words, how often they came, and an article where they did.
    """
    mark = store.placeholder
    if unknown:
        query = (
            "SELECT text, COUNT(*), MIN(article_id) FROM mentions WHERE NOT known "
            f"GROUP BY text ORDER BY COUNT(*) DESC, text LIMIT {ACTORS_LIMIT}"
        )
        return [{"text": t, "mentions": n, "article_id": a} for t, n, a in store.fetch(query, ())]
    where, args = "", list[object]()
    if prefix:
        where, args = prefix_range("source", prefix, mark)
        where = "WHERE " + where
    query = (
        f"SELECT source, COUNT(*), MAX(source_name) FROM events {where} "
        f"GROUP BY source ORDER BY COUNT(*) DESC, source LIMIT {ACTORS_LIMIT}"
    )
    return [{"code": code, "events": n, "name": name or ""} for code, n, name in store.fetch(query, tuple(args))]


def summary_view(store: SQLStore) -> dict:
    """The dates the store spans (read from the date index) and its events counted up to
    SUMMARY_COUNT, with ``more`` true past that: counting millions would take longer than a page."""
    # Two subqueries: SQLite seeks an index for MIN or MAX alone, and scans the table for both at once.
    first, last = store.fetch("SELECT (SELECT MIN(date) FROM events), (SELECT MAX(date) FROM events)", ())[0]
    counted = store.fetch(f"SELECT COUNT(*) FROM (SELECT 1 FROM events LIMIT {SUMMARY_COUNT + 1}) AS some", ())[0][0]
    return {
        "events": min(counted, SUMMARY_COUNT),
        "more": counted > SUMMARY_COUNT,
        "first_date": first,
        "last_date": last,
    }


def _plain(value: Any) -> Any:
    """A JSON-ready value: numpy numbers as Python numbers, NaN as None."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
