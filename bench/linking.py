"""Linking a story to stored reports of its happenings: the cost per story as the store grows.

    .venv/bin/python bench/linking.py [--sizes 10000 40000 160000] [--stories 40]

Makes up stores of ``--sizes`` events (made-up reports among 150 countries with roles, a
year of dates, so that a bigger store is a busier one: more events a day), each a fresh SQLite
file filled through ``save_batch``, then links ``--stories`` new stories against it two ways
and prints the milliseconds a story took and the stored events each read: through the store's
indexes (``store.linking.linkable``: events of the story's actors and compatible codes, by
migration 0006's index) and, for the first ``--slow-stories``, by reading every event in the
weeks around the story, as before. It checks that both ways give them the same happening ids.
Making the events up is not timed.
The machine is shared, so figures vary from run to run; compare within one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from communique import Article, Event
from communique.merge import Reach, link_to_stored
from communique.store import EventFilter, open_store
from communique.store.linking import linkable

ROLES = ("", "GOV", "MIL", "REB", "OPP", "COP")
CODES = ("010", "036", "040", "042", "043", "057", "061", "111", "112", "130", "173", "190", "193")
START = dt.date(2023, 1, 1)


def countries(count: int = 150) -> list[str]:
    """Made-up three-letter country codes, as many as the world has countries that make news."""
    chance = random.Random(0)
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(chance.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3)))
    return sorted(found)


def made_up(chance: random.Random, story: str, number: int, actors: list[str]) -> Event:
    source, target = chance.sample(actors, 2)
    day = START + dt.timedelta(days=chance.randint(0, 364))
    return Event(
        event_id=f"{story}-{number}",
        article_id=story,
        sentence=number,
        date=day.isoformat(),
        date_precision=chance.choice(("day", "day", "publication", "week")),
        source=source,
        source_name="",
        target=target,
        target_name="",
        cameo=chance.choice(CODES),
        cameo_name="",
        goldstein=0.0,
        quad_class=1,
        plover="",
        plover_mode="",
        place="",
        country="",
        lat=None,
        lon=None,
        trigger="",
        evidence="made up",
        evidence_start=10 * number,
        evidence_end=10 * number + 5,
        quote_speaker="",
        negated=False,
        modality="asserted",
        confidence=1.0,
        coder_version="bench",
    )


def fill(store, size: int, actors: list[str], seed: int) -> None:
    chance = random.Random(seed)
    batch, stored = [], 0
    while stored < size:
        story = f"old{stored}"
        events = [made_up(chance, story, n, actors) for n in range(5)]
        batch.append((Article(id=story, text="made up", published=START), events))
        stored += len(events)
        if len(batch) == 2000:
            store.save_batch(batch, "bench")
            batch = []
    if batch:
        store.save_batch(batch, "bench")


def every_event_in_the_weeks(store, reach: Reach) -> list[Event]:
    return [Event(**row) for row in store.query(EventFilter(since=reach.since, until=reach.until))]


def measure(store, stories: list[list[Event]], find) -> tuple[float, float, list[str]]:
    """Milliseconds a story, stored events read a story, and the happening ids given."""
    read = 0

    def counted(reach: Reach) -> list[Event]:
        nonlocal read
        found = find(store, reach)
        read += len(found)
        return found

    started = time.perf_counter()
    ids = [event.happening_id for story in stories for event in link_to_stored(story, counted)]
    elapsed = time.perf_counter() - started
    return 1000 * elapsed / len(stories), read / len(stories), ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 40_000, 160_000])
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--slow-stories", type=int, default=4, help="stories linked by reading every event")
    options = parser.parse_args()
    actors = [country + role for country in countries() for role in ROLES]
    chance = random.Random(1)
    stories = [[made_up(chance, f"new{n}", k, actors) for k in range(3)] for n in range(options.stories)]
    print(f"{'events':>8} {'indexed ms':>11} {'read':>7} {'weeks ms':>9} {'read':>8}  same ids")
    for size in options.sizes:
        with tempfile.TemporaryDirectory() as folder:
            with open_store(str(Path(folder) / "bench.db")) as store:
                fill(store, size, actors, seed=size)
                indexed = measure(store, stories, linkable)
                weeks = measure(store, stories[: options.slow_stories], every_event_in_the_weeks)
        same = "yes" if indexed[2][: len(weeks[2])] == weeks[2] else "NO"
        print(f"{size:>8} {indexed[0]:>11.2f} {indexed[1]:>7.0f} {weeks[0]:>9.2f} {weeks[1]:>8.0f}  {same}")


if __name__ == "__main__":
    main()
