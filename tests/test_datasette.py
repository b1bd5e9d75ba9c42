"""The SQLite store browses in a real datasette: tables linked by foreign keys, the views, filters, canned queries."""

from __future__ import annotations

import asyncio
import json

import pytest

from communique.aggregate import dyad_series
from communique.store import SQLiteStore
from tests.conftest import ROOT
from tests.synthetic import stored_world

datasette_app = pytest.importorskip("datasette.app")  # a dev dependency: pip install datasette

METADATA = ROOT / "docs" / "datasette.json"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A store as ``communique code`` leaves it, named as the docs name it (communique.db)."""
    path = tmp_path_factory.mktemp("datasette") / "communique.db"
    with SQLiteStore(path) as store:
        saved = stored_world(store)
        weekly = dyad_series(store, "KOR", "RUS", freq="week")
    return path, saved, weekly


def browse(path, *urls: str, metadata: dict | None = None) -> list:
    """Ask a real datasette serving the file for each URL; returns the responses."""

    async def ask():
        site = datasette_app.Datasette([str(path)], metadata=metadata)
        await site.invoke_startup()
        return [await site.client.get(url) for url in urls]

    return asyncio.run(ask())


def test_datasette_shows_tables_linked_by_foreign_keys_and_the_views(world):
    path, saved, _ = world
    (database,) = browse(path, "/communique.json")
    assert database.status_code == 200
    found = database.json()
    tables = {table["name"]: table for table in found["tables"]}
    assert {"articles", "events", "mentions", "runs", "run_articles"} <= set(tables)
    assert tables["events"]["count"] == len(saved)
    links = {(key["column"], key["other_table"]) for key in tables["events"]["foreign_keys"]["outgoing"]}
    assert ("article_id", "articles") in links
    links = {(key["column"], key["other_table"]) for key in tables["run_articles"]["foreign_keys"]["outgoing"]}
    assert {("article_id", "articles"), ("run_id", "runs")} <= links
    assert {"events_flat", "dyads"} <= {view["name"] for view in found["views"]}


def test_datasette_filters_events_flat_and_labels_stories(world):
    path, saved, _ = world
    flat, labelled = browse(
        path,
        "/communique/events_flat.json?source_country=KOR&cameo_root=04&_shape=array",
        "/communique/events.json?article_id=s1&_labels=on&_shape=array",
    )
    rows = flat.json()
    expected = {e.event_id for e in saved if e.source.startswith("KOR") and e.cameo.startswith("04")}
    assert {row["event_id"] for row in rows} == expected and expected
    assert all(row["cameo"].startswith("0") for row in rows)  # codes keep their leading zeros
    assert {row["article_title"] for row in rows} == {"Story s1", "Story s5"}
    # A foreign key shows the story's title in place of its id.
    assert {row["article_id"]["label"] for row in labelled.json()} == {"Story s1"}


def test_datasette_metadata_queries_give_the_dyad_series(world):
    path, _, weekly = world
    metadata = json.loads(METADATA.read_text())
    (series,) = browse(path, "/communique/dyad_weekly.json?source=kor&target=RUS&_shape=array", metadata=metadata)
    assert series.status_code == 200
    weeks = {row["week"]: row for row in series.json()}
    busy = weekly[weekly["events"] > 0]
    assert sorted(weeks) == [period.date().isoformat() for period in busy["period"]]
    for _, row in busy.iterrows():
        week = weeks[row["period"].date().isoformat()]
        assert week["events"] == row["events"]
        assert week["net_cooperation"] == row["net_cooperation"]
        assert week["goldstein_sum"] == pytest.approx(row["goldstein_sum"])
