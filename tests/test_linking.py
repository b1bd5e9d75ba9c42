"""Linking a story to stored reports of its happenings through the store's indexes (issue 5).

The store finds earlier reports by actor and date (migration 0006) instead of reading every
event of the weeks around a story; these tests check that it links exactly as reading them
all would, on real SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from communique.merge import Linker, reach
from communique.records import Article, Event
from communique.store import open_store
from communique.store.linking import linkable, linker_for, set_happenings
from tests.test_evaluate import event

ACTORS = ("KOR", "KORGOV", "PRK", "PRKMIL", "USA", "USAGOV", "RUS", "JPN", "CHN", "IRN")
CODES = ("040", "042", "036", "190", "180", "111", "057", "061")
PRECISIONS = ("day", "day", "day", "publication", "week", "month")


def stories(count: int, seed: int = 5) -> list[list[Event]]:
    """Stories of random reports among a few actors over two months: many share a happening."""
    chance = random.Random(seed)
    found = []
    for number in range(count):
        story = []
        for n in range(chance.randint(1, 3)):
            source, target = chance.sample(ACTORS, 2)
            day = dt.date(2019, 6, 1) + dt.timedelta(days=chance.randint(0, 60))
            precision = chance.choice(PRECISIONS)
            if precision == "month":
                day = day.replace(day=1)
            if precision == "week":
                day -= dt.timedelta(days=day.weekday())
            fields = dict(event_id=f"s{number}-{n}", article_id=f"s{number}", date=day.isoformat())
            fields |= dict(date_precision=precision, evidence="x", evidence_start=10 * n, date_end=None)
            fields |= dict(modality="asserted", coder_version="test", place_precision="", place_confidence=0.0)
            story.append(dataclasses.replace(event(source, target if n else "", chance.choice(CODES)), **fields))
        found.append(story)
    return found


def link_in_memory(coded: list[list[Event]]) -> dict[str, str]:
    """Each story linked against every earlier report in the weeks around it (no index)."""
    linker = Linker()
    return {e.event_id: e.happening_id for story in coded for e in linker(story)}


def link_through(store, coded: list[list[Event]]) -> dict[str, str]:
    """Each story linked through the store's indexes and stored, as ``communique code`` does."""
    linker = linker_for(store)
    ids = {}
    for story in coded:
        linked = linker(story)
        article = Article(id=story[0].article_id, text="x", published=dt.date(2019, 8, 1))
        store.save_events(article, linked, "test")
        linker.stored()
        ids.update((e.event_id, e.happening_id) for e in linked)
    return ids


def test_linking_through_the_sqlite_indexes_links_as_reading_every_event(tmp_path):
    coded = stories(160)
    with open_store(f"sqlite:///{tmp_path / 'links.db'}") as store:
        ids = link_through(store, coded)
        stored = {row["event_id"]: row["happening_id"] for row in store.events()}
    expected = link_in_memory(coded)
    assert ids == stored == expected
    assert len(set(expected.values())) < len(expected)  # some reports did join others


def test_linking_through_the_postgres_indexes_links_as_reading_every_event(postgres_url):
    coded = stories(50, seed=7)
    with open_store(postgres_url) as store:
        ids = link_through(store, coded)
    expected = link_in_memory(coded)
    assert ids == expected and len(set(expected.values())) < len(expected)


def test_linking_reads_only_the_stored_events_of_the_story_actors(tmp_path):
    coded = stories(80)
    with open_store(f"sqlite:///{tmp_path / 'links.db'}") as store:
        link_through(store, coded)
        new = [dataclasses.replace(event("JPN", "CHN", "042"), event_id="n", article_id="n", date="2019-07-01")]
        found = linkable(store, reach(new))
        window = store.fetch("SELECT COUNT(*) FROM events WHERE date BETWEEN '2019-05-31' AND '2019-07-31'")[0][0]
        matching = store.fetch(
            _candidates_sql().replace("event_id", "COUNT(*)") + " AND substr(cameo, 1, 2) IN ('04', '05')"
        )
        plan = " ".join(str(row) for row in store.fetch("EXPLAIN QUERY PLAN " + _candidates_sql()))
    candidates = [e for e in found if e.source[:3] in ("JPN", "CHN") and e.cameo[:2] in ("04", "05")]
    assert len(candidates) == matching[0][0] > 0  # every stored event of their actors and codes in those weeks
    happenings = {e.happening_id for e in candidates}
    assert all(e in candidates or e.happening_id in happenings for e in found)  # and the rest of their happenings
    assert len(found) < window  # fewer than every event of those weeks
    assert "events_link" in plan


def _candidates_sql() -> str:
    return (
        "SELECT event_id FROM events WHERE substr(source, 1, 3) IN ('JPN', 'CHN')"
        " AND date >= '2019-05-31' AND date <= '2019-07-31'"
    )


def test_linking_sets_happening_ids_a_later_pass_found(tmp_path):
    coded = stories(5)
    with open_store(f"sqlite:///{tmp_path / 'links.db'}") as store:
        for story in coded:
            store.save_events(Article(id=story[0].article_id, text="x"), story, "test")
        first = coded[0][0].event_id
        assert set_happenings(store, [(first, "joined")]) == 1
        assert {row["event_id"]: row["happening_id"] for row in store.events()}[first] == "joined"


@pytest.mark.parametrize("codes", [("KO", "RUS"), ("KORGOV", "RUS")])
def test_linking_reach_keys_actors_by_their_first_letters(codes):
    found = reach([dataclasses.replace(event(*codes, "040"), date="2019-06-01", date_precision="day")])
    assert found is not None
    if min(map(len, codes)) < 3:
        assert found.actors is None  # a code too short to key: every actor is read
    else:
        assert found.actors is not None and {"KOR", "KO", "K", "RUS"} <= found.actors and "KORGOV" not in found.actors
