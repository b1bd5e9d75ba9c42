"""Store: insert rate and the time of a dyad's ten-year weekly series, on SQLite and PostgreSQL.

    .venv/bin/python bench/store.py [--events 1000000] [--batch 5000] [--postgres URL | --no-postgres]

Makes up ``--events`` events (five a story, 2015-2024, 60 countries with roles,
one pair in a hundred between South Korea and Russia), stores them through the
store's own ``save_batch`` (one transaction a batch, run history and all) into a
fresh SQLite file and a fresh PostgreSQL schema, and prints events stored per
second, then the best of ``--repeat`` timings of: the weekly KOR-RUS series over
ten years (directed and both ways), a monthly one, a page of events, and the
whole country-level network. Making the events up is not timed.
The machine is shared, so figures vary from run to run; compare within one run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import tempfile
import time
import uuid
from pathlib import Path

from communique import Article, Event
from communique.aggregate import actor_network, dyad_series
from communique.query import EventFilter, find_events
from communique.store import open_store

COUNTRIES = (
    "AFG ARG AUS BGD BRA CAN CHL CHN COL CUB DEU EGY ESP ETH FRA GBR GRC IDN IND IRN IRQ ISR ITA JPN KEN KOR LBN "
    "LBY MEX MMR NGA NLD NOR PAK PER PHL POL PRK PSE QAT RUS SAU SDN SOM SRB SWE SYR THA TUR TWN UKR USA VEN VNM "
    "YEM ZAF ZWE IGOUNO IGOEUREEC NGO"
).split()
ROLES = ("", "", "GOV", "MIL", "GOV", "OPP", "BUS", "CVL")
CODES = (  # (code, goldstein, quad_class), commoner codes repeated
    [("010", 0.0, 1), ("020", 3.0, 1), ("036", 4.0, 1), ("040", 1.0, 1), ("042", 1.9, 1), ("043", 2.8, 1)] * 3
    + [("057", 8.0, 1), ("0311", 5.2, 1), ("061", 6.4, 2), ("070", 7.0, 2), ("111", -2.0, 3), ("112", -2.0, 3)]
    + [("130", -4.4, 3), ("138", -7.0, 3), ("141", -6.5, 3), ("173", -5.0, 4), ("190", -10.0, 4), ("183", -10, 4)]
)
FIRST_DAY = 735599  # 2015-01-01 as a proleptic ordinal
DAYS = 3653  # to 2024-12-31


def made_up(count: int, per_story: int = 5, seed: int = 7) -> list[tuple[Article, list[Event]]]:
    """Stories and their events, the same for the same seed."""
    import datetime as dt

    chance = random.Random(seed)
    stories = []
    for number in range(0, count, per_story):
        article_id = f"bench-{number // per_story:07d}"
        day = dt.date.fromordinal(FIRST_DAY + chance.randrange(DAYS)).isoformat()
        events = []
        for index in range(min(per_story, count - number)):
            if chance.random() < 0.01:
                source, target = ("KOR", "RUS") if chance.random() < 0.5 else ("RUS", "KOR")
            else:
                source, target = chance.sample(COUNTRIES, 2)
            source, target = source + chance.choice(ROLES), target + chance.choice(ROLES)
            code, goldstein, quad_class = chance.choice(CODES)
            events.append(_event(article_id, index, day, source, target, code, goldstein, quad_class))
        text = f"Story {article_id}."
        stories.append((Article(id=article_id, text=text, published=dt.date.fromisoformat(day)), events))
    return stories


def _event(article_id, index, day, source, target, code, goldstein, quad_class) -> Event:
    return Event(
        # Sixteen hex digits of a hash, as the coder makes them: ids arrive in no order, as in real use.
        event_id=hashlib.sha1(f"{article_id}|{index}".encode()).hexdigest()[:16],
        article_id=article_id,
        sentence=index,
        date=day,
        date_precision="day",
        source=source,
        source_name="",
        target=target,
        target_name="",
        cameo=code,
        cameo_name="",
        goldstein=float(goldstein),
        quad_class=quad_class,
        plover="",
        plover_mode="",
        place="",
        country="",
        lat=None,
        lon=None,
        trigger="said",
        evidence=f"Sentence {index} of the story.",
        evidence_start=index * 30,
        evidence_end=index * 30 + 28,
        quote_speaker="",
        negated=False,
        modality="asserted",
        confidence=0.8,
        coder_version="bench",
    )


def best(repeat: int, work) -> tuple[float, float]:
    """The fastest of ``repeat`` runs, in milliseconds of the clock and of this process's CPU."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times) * 1000, min(cpu) * 1000


def measure(url: str, stories, batch_stories: int, repeat: int) -> dict:
    events = sum(len(found) for _, found in stories)
    with open_store(url) as store:
        start, start_cpu = time.perf_counter(), time.process_time()
        for first in range(0, len(stories), batch_stories):
            store.save_batch(stories[first : first + batch_stories], "bench")
        seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        # Statistics for the planners; VACUUM also lets PostgreSQL answer from the index alone.
        store.db.execute("VACUUM ANALYZE events" if store.dialect == "postgresql" else "ANALYZE")
        series = dyad_series(store, "KOR", "RUS", freq="week")
        figures = {
            "events": events,
            "insert_seconds": seconds,
            "events_per_second": events / seconds,
            "events_per_cpu_second": events / cpu,
            "weeks": len(series),
            "dyad_events": int(series["events"].sum()),
            "dyad_week_ms": best(repeat, lambda: dyad_series(store, "KOR", "RUS", freq="week")),
            "dyad_week_both_ways_ms": best(
                repeat, lambda: dyad_series(store, "KOR", "RUS", freq="week", directed=False)
            ),
            "dyad_month_ms": best(repeat, lambda: dyad_series(store, "KOR", "RUS", freq="month")),
            "page_ms": best(repeat, lambda: find_events(store, EventFilter(source="KOR", target="RUS"), limit=100)),
            "network_ms": best(1, lambda: actor_network(store, level="country", since="2024-01-01")),
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=5000, help="events a transaction (about)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--no-postgres", action="store_true")
    options = parser.parse_args()

    start = time.perf_counter()
    stories = made_up(options.events)
    print(f"made up {options.events:,} events in {len(stories):,} stories ({time.perf_counter() - start:.1f} s)")
    print("load average:", " ".join(f"{load:.1f}" for load in os.getloadavg()), "on", os.cpu_count(), "cores")
    batch_stories = max(1, options.batch // 5)
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["SQLite"] = measure(f"sqlite:///{Path(folder) / 'bench.db'}", stories, batch_stories, options.repeat)
    if not options.no_postgres:
        results["PostgreSQL"] = _on_postgres(options.postgres, stories, batch_stories, options.repeat)

    rows = (
        ("events stored per second", "events_per_second", "{:,.0f}"),
        ("... per second of our CPU", "events_per_cpu_second", "{:,.0f}"),
        ("insert time (s)", "insert_seconds", "{:.1f}"),
        ("KOR-RUS events / weeks", None, ""),
        ("weekly series, directed", "dyad_week_ms", ""),
        ("weekly series, both ways", "dyad_week_both_ways_ms", ""),
        ("monthly series", "dyad_month_ms", ""),
        ("a page of 100 KOR-RUS events", "page_ms", ""),
        ("country network, 2024", "network_ms", ""),
    )
    print("times in ms: the clock (this process's CPU); PostgreSQL's work is in the server, not in ours")
    print(f"{'':34}" + "".join(f"{name:>16}" for name in results))
    for label, key, form in rows:
        if key is None:
            cells = [f"{r['dyad_events']:,} / {r['weeks']}" for r in results.values()]
        elif key.endswith("_ms"):  # the clock, then this process's CPU: on a busy machine they differ
            cells = [f"{r[key][0]:.1f} ({r[key][1]:.1f})" for r in results.values()]
        else:
            cells = [form.format(r[key]) for r in results.values()]
        print(f"{label:34}" + "".join(f"{cell:>16}" for cell in cells))


def _on_postgres(url: str, stories, batch_stories: int, repeat: int) -> dict:
    """Measure in a schema of its own on the server, dropped afterwards."""
    import psycopg

    schema = f"communique_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            separator = "&" if "?" in url else "?"
            return measure(f"{url}{separator}options=-csearch_path%3D{schema}", stories, batch_stories, repeat)
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
