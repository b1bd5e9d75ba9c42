"""The table dyad_happenings (migration 0007) gives every dyad series the events give.

A store is filled with reports that are stored, stored again with other events, deleted with
their story's replacement, and linked into happenings across stories, directions and roles;
after each step every series read from the table is compared with the same series counted
from the events, on SQLite and on a real PostgreSQL server.
"""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest

from communique.aggregate import _series_frame, _series_query, dyad_counts, series_columns, summarised
from communique.query import dyad_seek
from communique.store import open_store
from communique.store.linking import set_happenings
from communique.store.migrate import migrate
from tests.synthetic import CODEBOOK, make_event, make_story

ACTORS = ("KOR", "KORGOV", "KORMIL", "RUS", "RUSGOV", "PRK", "PRKMIL", "USA")
DYADS = [("KOR", "RUS"), ("RUS", "KOR"), ("KOR", "PRK"), ("PRK", "USA"), ("K", "R"), ("KOR", "KOR"), ("P", "K")]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'events.db'}"
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
    with open_store(url) as store:
        yield store


def _story_events(chance: random.Random, article_id: str, count: int) -> list:
    events = []
    for number in range(count):
        source, target = chance.sample(ACTORS, 2)
        day = None if chance.random() < 0.05 else f"2019-06-{chance.randint(1, 28):02d}"
        event = make_event(article_id, number, source, target, chance.choice(sorted(CODEBOOK)), day)
        if chance.random() < 0.1:
            event = dataclasses.replace(event, negated=True, modality="negated")
        elif chance.random() < 0.05:
            event = dataclasses.replace(event, modality="hypothetical")
        events.append(event)
    return events


def _store_stories(store, chance: random.Random, names: list[str]) -> None:
    for name in names:
        store.save_events(make_story(name, "2019-06-01"), _story_events(chance, name, chance.randint(1, 6)), "test-1")


def _link_some(store, chance: random.Random, pairs: int) -> None:
    """Give random events the happening id of another: half the time one of the same countries
    (as linking does), else any (roles, directions and countries mixed in one happening)."""
    rows = store.fetch("SELECT event_id, substr(source, 1, 3), substr(target, 1, 3) FROM events ORDER BY event_id", ())
    alike: dict[tuple, list[str]] = {}
    for event_id, *countries in rows:
        alike.setdefault(tuple(countries), []).append(event_id)
    changes = []
    for _ in range(pairs):
        event_id, *countries = chance.choice(rows)
        others = alike[tuple(countries)] if chance.random() < 0.5 else [row[0] for row in rows]
        changes.append((event_id, chance.choice(others)))
    set_happenings(store, changes)


def _assert_same_series(store) -> None:
    """Every series the table gives equals the series counted from the events."""
    for (source, target), freq, directed, count in itertools.product(
        DYADS, ("day", "week", "month"), (True, False), ("events", "mentions")
    ):
        assert summarised(source, target)
        kept = dyad_counts(store, source, target, freq=freq, directed=directed, count=count)
        dyad, args = dyad_seek(source, target, store.placeholder, directed=directed)
        counted = store.fetch(*_series_query(store, [dyad], args, freq, count, "", ""))
        what = (source, target, freq, directed, count)
        assert series_columns(kept, freq, "", "") == series_columns(counted, freq, "", ""), what
        assert _series_frame(kept, freq, "", "").equals(_series_frame(counted, freq, "", "")), what


def _table(store) -> list[tuple]:
    return sorted(store.fetch("SELECT * FROM dyad_happenings", ()), key=repr)


def test_dyad_happenings_follow_stored_replaced_deleted_and_linked_events(store):
    chance = random.Random(7)
    names = [f"s{number:02d}" for number in range(40)]
    _store_stories(store, chance, names)
    assert store.count("events") > 60
    _assert_same_series(store)
    _link_some(store, chance, 40)  # happenings across stories, roles (KOR, KORGOV) and directions
    _assert_same_series(store)
    _store_stories(store, chance, chance.sample(names, 15))  # replaced: old reports go, new ones come
    _assert_same_series(store)
    _link_some(store, chance, 30)
    _assert_same_series(store)
    # The comparison met happenings of several reports, and happenings under several pairs of countries.
    assert store.fetch("SELECT COUNT(*) FROM dyad_happenings WHERE reports > 1", ())[0][0] > 0
    spread = "SELECT happening_id FROM dyad_happenings GROUP BY happening_id HAVING COUNT(*) > 1"
    assert store.fetch(f"SELECT COUNT(*) FROM ({spread}) AS spread", ())[0][0] > 0


def test_dyad_happenings_of_an_older_store_are_filled_by_the_migration(store):
    chance = random.Random(8)
    _store_stories(store, chance, [f"s{number:02d}" for number in range(30)])
    _link_some(store, chance, 20)
    kept = _table(store)
    # The store as communique before 0007 left it: no table, no triggers, version 6.
    with store.transaction():
        for trigger in ("dyad_happenings_insert", "dyad_happenings_delete", "dyad_happenings_update"):
            if store.dialect == "sqlite":
                store.db.execute(f"DROP TRIGGER {trigger}")
        if store.dialect == "postgresql":
            store.db.execute("DROP FUNCTION dyad_happenings_track CASCADE")
            store.db.execute("DROP FUNCTION dyad_happenings_recount")
        store.db.execute("DROP TABLE dyad_happenings")
        store.db.execute("DELETE FROM schema_version WHERE version = 7")
    assert migrate(store.db, store.dialect, placeholder=store.placeholder) == [7]
    assert _table(store) == kept and kept
    _assert_same_series(store)


def test_dyad_series_of_longer_codes_and_date_limits_read_the_events():
    assert summarised("KOR", "RUS") and summarised("K", "RUS")
    assert not summarised("KORGOV", "RUS")
    assert not summarised("KOR", "RUS", since="2019-06-10")
    assert not summarised("KOR", "RUS", until="2019-06-10")
