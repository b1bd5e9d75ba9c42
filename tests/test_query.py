"""Query and aggregate: pages, frames and series, on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import itertools
import json

import pandas as pd
import pytest

from communique.aggregate import SERIES_COLUMNS, activity_series, actor_network, dyad_columns, dyad_series
from communique.errors import SettingsError
from communique.query import (
    MAX_PAGE,
    EventFilter,
    events_frame,
    find_events,
    find_events_json,
    get_article,
    get_event,
)
from communique.store import open_store
from tests.synthetic import make_event, make_story, stored_world


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'events.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    with open_store(url) as store:
        stored_world(store)
        yield store


@pytest.mark.parametrize(
    "filters,count",
    [
        (EventFilter(), 10),
        # A dyad's pages are chosen from its index first (on PostgreSQL behind OFFSET 0).
        (EventFilter(source="KOR", target="RUS"), 6),
        (EventFilter(source="KOR", target="RUS", directed=False), 7),
    ],
)
def test_query_pages_walk_every_event_once_in_date_order(store, filters, count):
    seen, cursor = [], None
    while True:
        page = find_events(store, filters, after=cursor, limit=3)
        seen += page.events
        cursor = page.next_cursor
        if cursor is None:
            break
        assert len(page.events) == 3
    keys = [(event["date"] or "", event["event_id"]) for event in seen]
    assert keys == sorted(keys) and len(set(keys)) == len(keys) == count
    if not filters.source:
        assert seen[0]["date"] is None  # undated events come first


def test_query_page_size_has_a_hard_maximum(store):
    assert find_events(store, EventFilter(), limit=MAX_PAGE * 10).next_cursor is None
    assert MAX_PAGE == 1000


@pytest.mark.parametrize("cursor", ["nonsense", "W10", ""])
def test_query_rejects_a_foreign_cursor(store, cursor):
    if not cursor:
        assert len(find_events(store, EventFilter(), after=cursor).events) == 10  # empty means the first page
        return
    with pytest.raises(SettingsError, match="not a page cursor"):
        find_events(store, EventFilter(), after=cursor)


@pytest.mark.parametrize(
    "filters,count",
    [
        (EventFilter(source="KOR", target="RUS"), 6),
        (EventFilter(source="kor", target="rus"), 6),
        (EventFilter(source="KOR", target="RUS", directed=False), 7),
        (EventFilter(source="KORGOV"), 3),
        (EventFilter(cameo="04"), 3),
        (EventFilter(cameo="0311"), 1),
        (EventFilter(quad_class=3), 2),
        (EventFilter(plover="consult"), 3),
        (EventFilter(country="PRK"), 2),
        (EventFilter(since="2019-07-01", until="2019-07-30"), 4),
        (EventFilter(place="Moscow"), 2),
        (EventFilter(article_id="s3"), 2),
    ],
)
def test_query_filters_count_what_they_should(store, filters, count):
    assert len(find_events(store, filters).events) == count
    assert len(events_frame(store, filters)) == count


@pytest.mark.parametrize(
    "filters",
    [
        EventFilter(),
        EventFilter(source="KOR", target="RUS"),
        EventFilter(source="KORGOV", target="R", cameo="04"),
        EventFilter(source="KOR", target="RUS", directed=False),
        EventFilter(since="2019-06-18"),
    ],
)
def test_query_json_pages_hold_what_the_dict_pages_hold(store, filters):
    """The service's pages, written as JSON by the database, against find_events' dicts."""
    cursor, json_cursor, pages = None, None, 0
    while True:
        page = find_events(store, filters, after=cursor, limit=2)
        json_page = find_events_json(store, filters, after=json_cursor, limit=2)
        assert json.loads(json_page.json()) == [pytest.approx(event) for event in page.events]
        assert json_page.next_cursor == page.next_cursor
        cursor, json_cursor, pages = page.next_cursor, json_page.next_cursor, pages + 1
        if cursor is None:
            break
    assert pages == (len(find_events(store, filters).events) + 1) // 2 or pages == 1


def test_aggregate_columns_are_the_series_frame(store):
    """The service's pandas-free layout against dyad_series, over frequencies, directions and bounds."""
    for (source, target), freq, directed, count, (since, until) in itertools.product(
        [("KOR", "RUS"), ("USA", "CHN")],  # KOR holds KOR and KORGOV; USA never acts on CHN
        ["day", "week", "month"],
        [True, False],
        ["events", "mentions"],
        [("", ""), ("2019-06-12", "2019-07-31"), ("2019-06-20", "")],
    ):
        options = {"freq": freq, "directed": directed, "count": count, "since": since, "until": until}
        frame = dyad_series(store, source, target, **options)
        columns = dyad_columns(store, source, target, **options)
        assert list(columns) == list(SERIES_COLUMNS)
        assert columns["period"] == frame["period"].dt.strftime("%Y-%m-%d").tolist()
        for name in SERIES_COLUMNS[1:]:
            expected = [None if value != value else value for value in frame[name].tolist()]  # NaN as None
            assert columns[name] == expected, (name, source, target, options)


def test_query_frame_keeps_codes_as_strings(store):
    frame = events_frame(store, EventFilter(source="KOR"))
    assert set(frame["cameo"]) >= {"040", "042", "0311", "070"}
    assert frame["cameo"].map(type).eq(str).all()
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame["happening_id"].tolist() == frame["event_id"].tolist()


def test_query_event_and_article_by_id(store):
    event = find_events(store, EventFilter(source="PRK")).events[0]
    assert get_event(store, event["event_id"]) == event
    assert get_event(store, "missing") is None
    article = get_article(store, "s3")
    assert article["title"] == "Story s3" and article["events"] == 2 and article["captions"] == []
    assert get_article(store, "missing") is None


def test_aggregate_weekly_dyad_series(store):
    series = dyad_series(store, "KOR", "RUS", freq="week")
    assert list(series.columns) == list(SERIES_COLUMNS)
    by_week = series.set_index(series["period"].dt.strftime("%Y-%m-%d"))
    # Weeks start on Monday: 2019-06-16 is a Sunday, so it belongs to the week of 06-10.
    assert by_week.loc["2019-06-10", "cameo_04"] == 1
    assert by_week.loc["2019-06-17", "events"] == 2
    assert by_week.loc["2019-06-17", "cameo_03"] == 1
    assert by_week.loc["2019-07-01", "verbal_conflict"] == 1
    assert by_week.loc["2019-07-01", "net_cooperation"] == -1
    assert by_week.loc["2019-07-08", "events"] == 0  # a quiet week is a row of zeros
    assert by_week.loc["2019-07-29", "goldstein_sum"] == pytest.approx(8.0)
    assert series["events"].sum() == 6
    assert len(series) == 9  # 2019-06-10 to 2019-08-05


def test_aggregate_undirected_monthly_series_counts_both_ways(store):
    directed = dyad_series(store, "KOR", "RUS", freq="month")
    both = dyad_series(store, "KOR", "RUS", freq="month", directed=False)
    june = both.set_index(both["period"].dt.strftime("%Y-%m"))
    assert june.loc["2019-06", "events"] == 4 and directed["events"].iloc[0] == 3
    assert june.loc["2019-06", "goldstein_mean"] == pytest.approx((1.0 + 1.9 + 0.0 + 5.2) / 4)


def test_aggregate_series_since_until_bound_the_periods(store):
    series = dyad_series(store, "KOR", "RUS", freq="day", since="2019-06-15", until="2019-06-20")
    assert series["period"].dt.strftime("%d").tolist() == ["15", "16", "17", "18", "19", "20"]
    assert series["events"].tolist() == [0, 1, 1, 1, 0, 0]
    assert series["goldstein_mean"].isna().tolist() == [True, False, False, False, True, True]


def test_aggregate_mentions_count_every_report_of_a_happening(store):
    # Two more stories report the 2019-06-17 talks: one happening, three reports.
    talks = find_events(store, EventFilter(source="KORGOV", cameo="040")).events[0]
    for article_id in ("s6", "s7"):
        store.save_events(make_story(article_id, "2019-06-17"), [_report(article_id, talks)], "test-1")
    store.db.cursor().execute(
        f"UPDATE events SET happening_id = {store.placeholder} WHERE article_id IN ('s6', 's7')", (talks["event_id"],)
    )
    if store.dialect == "sqlite":
        store.db.commit()
    events = dyad_series(store, "KOR", "RUS", freq="week", since="2019-06-17", until="2019-06-17")
    mentions = dyad_series(store, "KOR", "RUS", freq="week", since="2019-06-17", until="2019-06-17", count="mentions")
    assert events["cameo_04"].tolist() == [1] and mentions["cameo_04"].tolist() == [3]
    assert mentions["goldstein_sum"].tolist() == [pytest.approx(3 * 1.0)]
    assert events["goldstein_sum"].tolist() == [pytest.approx(1.0)]


def _report(article_id, event):
    return make_event(article_id, 0, event["source"], event["target"], event["cameo"], event["date"])


def test_aggregate_leaves_out_negated_events(store):
    denied = make_event("s8", 0, "KOR", "RUS", "190", "2019-06-17", negated=True)
    store.save_events(make_story("s8", "2019-06-17"), [denied], "test-1")
    assert dyad_series(store, "KOR", "RUS")["material_conflict"].sum() == 0
    assert len(find_events(store, EventFilter(article_id="s8")).events) == 1  # stored, just not counted


@pytest.mark.parametrize("options", [{"freq": "year"}, {"count": "stories"}])
def test_aggregate_rejects_unknown_options(store, options):
    with pytest.raises(SettingsError, match="unknown"):
        dyad_series(store, "KOR", "RUS", **options)


def test_aggregate_actor_network(store):
    graph = actor_network(store)
    assert graph["KORGOV"]["RUSGOV"]["weight"] == 2
    assert graph["KORGOV"]["RUSGOV"]["net_cooperation"] == 2
    assert graph["USA"]["PRK"]["conflict"] == 1 and graph["USA"]["PRK"]["goldstein"] == pytest.approx(-10.0)
    countries = actor_network(store, level="country", since="2019-06-01", until="2019-06-30")
    assert countries["KOR"]["RUS"]["weight"] == 3 and countries["RUS"]["KOR"]["weight"] == 1
    assert countries.nodes["KOR"]["events"] == 4
    assert not countries.has_edge("KOR", "JPN")  # undated, so outside any date range


def test_aggregate_activity_series_over_any_filter(store):
    series = activity_series(store, EventFilter(since="2019-06-01", until="2019-08-31"), freq="month")
    assert series["events"].tolist() == [4, 4, 1]  # the undated event has no month
    assert series["material_conflict"].tolist() == [0, 1, 0]
