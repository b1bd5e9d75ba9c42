"""The stored side of linking reports across stories: finding earlier reports through indexes,
and writing the happening ids a later linking pass gave.

A new story's events can report the same happening only as stored events whose source shares
its first letters with one of their actors, whose CAMEO root is compatible and whose date lies
within weeks of theirs (``merge.Reach``). Migration 0006 indexes events by the first three
letters of the source and the date, so the store reads just those, and by happening id, so it
adds the other reports of the happenings found (a report joins a happening only when it agrees
with all of them). The work per story depends on how many events its actors have in those
weeks, not on how many the store holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..merge import ACTOR_KEY, Linker, Reach
from ..records import EVENT_FIELDS, Event
from .sql import SQLStore, event_row

CHUNK = 500  # values a query takes at once: well under any database's parameter limit
COLUMNS = ", ".join(EVENT_FIELDS)


def linkable(store: SQLStore, reach: Reach) -> list[Event]:
    """The stored events that could report the same happenings as new events in ``reach``, and the
    other reports of their happenings within its dates."""
    happenings = sorted(_candidates(store, reach))
    found: dict[str, Event] = {}
    for start in range(0, len(happenings), CHUNK):
        chunk = happenings[start : start + CHUNK]
        query = (
            f"SELECT {COLUMNS} FROM events WHERE happening_id IN ({_marks(store, len(chunk))})"
            f" AND date >= {store.placeholder} AND date <= {store.placeholder}"
        )
        for row in store.fetch(query, (*chunk, reach.since, reach.until)):
            event = Event(**event_row(row))
            found.setdefault(event.event_id, event)
    return list(found.values())


def linker_for(store: SQLStore | None) -> Linker:
    """A Linker that finds earlier reports in ``store`` (and in memory only, without one)."""
    if store is None:
        return Linker()
    return Linker(lambda reach: linkable(store, reach))


def set_happenings(store: SQLStore, happening_ids: Iterable[tuple[str, str]]) -> int:
    """Give stored events the happening ids a linking pass found: (event_id, happening_id) pairs.
    Returns how many pairs were written."""
    pairs = [(happening_id, event_id) for event_id, happening_id in happening_ids]
    if pairs:
        mark = store.placeholder
        with store.transaction():
            store.db.cursor().executemany(f"UPDATE events SET happening_id = {mark} WHERE event_id = {mark}", pairs)
    return len(pairs)


def _candidates(store: SQLStore, reach: Reach) -> set[str]:
    """The happenings of the stored events in the reach's dates whose source and code could match
    (found through the index of 0006; the events themselves are read with their happenings)."""
    mark = store.placeholder
    roots = sorted(reach.roots)
    where = f"date >= {mark} AND date <= {mark} AND substr(cameo, 1, 2) IN ({_marks(store, len(roots))})"
    if reach.actors is None:  # a code too short to key: every event of those weeks
        return _happenings(store, where, (reach.since, reach.until, *roots))
    actors = sorted(reach.actors)
    found: set[str] = set()
    for start in range(0, len(actors), CHUNK):
        chunk = actors[start : start + CHUNK]
        keyed = f"substr(source, 1, {ACTOR_KEY}) IN ({_marks(store, len(chunk))}) AND {where}"
        found |= _happenings(store, keyed, (*chunk, reach.since, reach.until, *roots))
    return found


def _happenings(store: SQLStore, where: str, args: tuple) -> set[str]:
    rows = store.fetch(f"SELECT DISTINCT happening_id FROM events WHERE {where}", args)
    return {happening for (happening,) in rows if happening}  # stored events always have one (0002)


def _marks(store: SQLStore, count: int) -> str:
    return ", ".join([store.placeholder] * count)
