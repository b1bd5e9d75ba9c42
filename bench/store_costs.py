"""Where the time of storing events on SQLite goes: the same rows, with one part taken away at a time.

    .venv/bin/python bench/store_costs.py [--events 100000] [--batch 5000]

Stores the made-up events of ``bench/store.py`` into fresh SQLite files made by
``SQLiteStore`` (all pragmas and migrations), first through ``save_batch`` (run
history, outcomes, one transaction a batch), then as bare ``executemany`` of the
same prepared rows, then so again with one index, the foreign-key checks, or
every index dropped, and last into a table with no key at all, in memory. Each
line gives events per second of this process's CPU and microseconds an event;
the differences between lines are what each part costs. Only the clock-free CPU
figure is worth comparing on a busy machine, and only within one run.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from store import made_up

from communique.store import SQLiteStore
from communique.store.sql import ARTICLE_COLUMNS, STORED_FIELDS, _article_row, _stored_event

# What each variant takes away from a store just opened (empty).
VARIANTS = {
    "save_batch (the real path)": (),
    "bare executemany, same rows": (),
    "... without (article_id) index": ("DROP INDEX events_article",),
    "... without (date, event_id) index": ("DROP INDEX events_date_id",),
    "... without the dyad index": ("DROP INDEX events_dyad_date",),
    "... without foreign-key checks": ("PRAGMA foreign_keys = OFF",),
    "... without those three indexes": (
        "DROP INDEX events_article",
        "DROP INDEX events_date_id",
        "DROP INDEX events_dyad_date",
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5000, help="events a transaction (about)")
    options = parser.parse_args()
    stories = made_up(options.events)
    per_batch = max(1, options.batch // 5)
    batches = [stories[start : start + per_batch] for start in range(0, len(stories), per_batch)]
    print("load average:", " ".join(f"{load:.1f}" for load in os.getloadavg()), "on", os.cpu_count(), "cores")
    print(f"{'':40}{'events/CPU s':>14}{'µs an event':>13}")
    with tempfile.TemporaryDirectory() as folder:
        for number, (label, changes) in enumerate(VARIANTS.items()):
            store = SQLiteStore(Path(folder) / f"{number}.db")
            for change in changes:
                store.db.execute(change)
            if number == 0:
                seconds = _timed(lambda store=store: [store.save_batch(batch, "bench") for batch in batches])
            else:
                seconds = _bare(store.db, batches)
            store.close()
            _line(label, options.events, seconds)
        bare = sqlite3.connect(":memory:")
        bare.execute(f"CREATE TABLE events ({', '.join(STORED_FIELDS)})")
        _line("no key, no index, in memory", options.events, _bare(bare, batches, articles=False))


def _bare(db: sqlite3.Connection, batches: list, articles: bool = True) -> float:
    """CPU seconds to insert the batches' rows by executemany, one transaction a batch."""
    insert_article = f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * 11)})"
    insert_event = f"INSERT INTO events ({', '.join(STORED_FIELDS)}) VALUES ({', '.join('?' * len(STORED_FIELDS))})"

    def work() -> None:
        for batch in batches:
            with db:
                if articles:
                    db.executemany(insert_article, [_article_row(article, "bench") for article, _ in batch])
                db.executemany(insert_event, [_stored_event(event) for _, events in batch for event in events])

    return _timed(work)


def _timed(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def _line(label: str, events: int, seconds: float) -> None:
    print(f"{label:40}{events / seconds:>14,.0f}{seconds / events * 1e6:>13.1f}", flush=True)


if __name__ == "__main__":
    main()
