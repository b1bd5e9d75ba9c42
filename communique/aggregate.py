"""Aggregate: stored events become a dyad's time series and an actor-to-actor network.

    from communique.aggregate import dyad_series, actor_network

    series = dyad_series(store, "KOR", "RUS", freq="week")   # one row a week, ready to model
    graph = actor_network(store, since="2019-01-01")         # a networkx.DiGraph

The counting is done by the database, over the indexes on (source, target, date);
pandas only lays the result out. Negated events and events that only may happen
are left out of every count: they did not happen.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd

from .errors import Messages, SettingsError
from .query import dyad_seek
from .store.sql import FREQUENCIES, EventFilter, SQLStore, prefix_range

__all__ = [
    "dyad_series",
    "dyad_columns",
    "activity_series",
    "actor_network",
    "QUAD_CLASSES",
    "CAMEO_ROOTS",
    "SERIES_COLUMNS",
]

QUAD_CLASSES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}
CAMEO_ROOTS = tuple(f"{root:02d}" for root in range(1, 21))
SERIES_COLUMNS = (
    ("period", "events", *QUAD_CLASSES.values())
    + tuple(f"cameo_{root}" for root in CAMEO_ROOTS)
    + ("goldstein_sum", "goldstein_mean", "net_cooperation")
)
HAPPENED = "NOT negated AND modality <> 'hypothetical'"
COUNTRY = 3  # letters of a code that name its country (dyad_happenings keeps pairs of them)


def dyad_series(
    store: SQLStore,
    source: str,
    target: str,
    *,
    freq: Literal["day", "week", "month"] = "week",
    directed: bool = True,
    count: Literal["events", "mentions"] = "events",
    since: str = "",
    until: str = "",
) -> pd.DataFrame:
    """Per period, what ``source`` did to ``target``: counts, Goldstein, net cooperation.

    source, target: actor codes or their starts ("KOR" is every South Korean actor).
    freq: "day", "week" (from Monday) or "month"; each row's ``period`` is its first day.
    directed: False counts events either way round (KOR on RUS and RUS on KOR).
    count: "events" counts each happening once (reports of it in several stories are
        one); "mentions" counts every report, as GDELT's NumMentions does.
    since, until: ISO dates, both included; the series runs from ``since`` (or the
        first event) to ``until`` (or the last), periods without events holding zeros.
    Returns a DataFrame with the columns SERIES_COLUMNS: ``events``, one count a
    QuadClass (verbal_cooperation ... material_conflict) and a CAMEO root (cameo_01
    ... cameo_20), ``goldstein_sum``, ``goldstein_mean`` (NaN without events) and
    ``net_cooperation`` (cooperation minus conflict events).
    """
    rows = dyad_counts(store, source, target, freq=freq, directed=directed, count=count, since=since, until=until)
    return _series_frame(rows, freq, since, until)


def dyad_columns(
    store: SQLStore,
    source: str,
    target: str,
    *,
    freq: Literal["day", "week", "month"] = "week",
    directed: bool = True,
    count: Literal["events", "mentions"] = "events",
    since: str = "",
    until: str = "",
) -> dict[str, list]:
    """The series of ``dyad_series`` as plain lists, one a column (``period`` as ISO dates,
    ``goldstein_mean`` None without events), laid out without pandas: the service answers
    a ten-year weekly series several times quicker so."""
    rows = dyad_counts(store, source, target, freq=freq, directed=directed, count=count, since=since, until=until)
    return series_columns(rows, freq, since, until)


def dyad_counts(
    store: SQLStore,
    source: str,
    target: str,
    *,
    freq: str = "week",
    directed: bool = True,
    count: str = "events",
    since: str = "",
    until: str = "",
) -> list[tuple]:
    """The rows a dyad's series is laid out from: (period, QuadClass, CAMEO root, count, Goldstein
    sum), to be added up (a (period, QuadClass, root) may come in several rows)."""
    if freq not in FREQUENCIES:
        raise SettingsError(Messages.BAD_FREQ.format(freq=freq))
    if count not in ("events", "mentions"):
        raise SettingsError(Messages.BAD_COUNT.format(count=count))
    if not source or not target:
        raise SettingsError(Messages.NO_DYAD)
    if summarised(source, target, since, until):
        return store.fetch(*_summary_query(store, source, target, freq, directed, count))
    dyad, args = dyad_seek(source, target, store.placeholder, directed=directed)
    return store.fetch(*_series_query(store, [dyad], args, freq, count, since, until))


def summarised(source: str, target: str, since: str = "", until: str = "") -> bool:
    """Whether the table ``dyad_happenings`` (migration 0007) gives this series exactly.

    Its rows are happenings per pair of countries (the codes' first three letters), so a code
    start of three letters or fewer matches whole rows. Longer codes (KORGOV) and date limits,
    which may cut a happening's reports in two, are counted from the events.
    """
    return len(source) <= COUNTRY and len(target) <= COUNTRY and not since and not until


def _summary_query(
    store: SQLStore, source: str, target: str, freq: str, directed: bool, count: str
) -> tuple[str, tuple]:
    """The SQL of a series read from ``dyad_happenings``: the rows ``_series_query`` sums by
    period, QuadClass and root, one a happening (with the same types, so the same sums).

    A happening reported under two pairs of countries both of which the dyad takes (both ways
    round, or a code start shorter than a country) has two rows here; they are one again by
    happening_id, with the first date, the lowest codes and the reports added up. One pair of
    countries one way round holds a happening once, and its rows are read as they are.
    """
    mark = store.placeholder
    there, args = _country_pair(source, target, mark)
    weight = "reports" if count == "mentions" else "1"
    period = "week" if freq == "week" else store.period(freq)
    happenings = f"SELECT * FROM dyad_happenings WHERE {there}"
    if not directed or len(source) < COUNTRY or len(target) < COUNTRY:
        if not directed:
            back, back_args = _country_pair(target, source, mark)
            there, args = f"(({there}) OR ({back}))", args + back_args
        happenings = (
            "SELECT MIN(date) AS date, MIN(week) AS week, MIN(cameo) AS cameo, MIN(quad_class) AS quad_class, "
            "MIN(goldstein) AS goldstein, CAST(SUM(reports) AS BIGINT) AS reports "
            f"FROM dyad_happenings WHERE {there} GROUP BY happening_id"
        )
    # A row a happening, not summed by period here: the layout adds rows up anyway, and an
    # SQL GROUP BY (a sort) cost more than the reading.
    query = (
        f"SELECT {period} AS period, quad_class, substr(cameo, 1, 2) AS root, {weight} AS n, "
        f"goldstein * {weight} AS goldstein FROM ({happenings}) AS happenings"
    )
    return query, tuple(args)


def _country_pair(source: str, target: str, mark: str) -> tuple[str, list[object]]:
    """Rows of countries starting with ``source`` and ``target``: a country (three letters) is
    sought as itself, a shorter start as a range."""
    clauses: list[str] = []
    args: list[object] = []
    for column, code in (("source_country", source), ("target_country", target)):
        if len(code) == COUNTRY:
            clauses.append(f"{column} = {mark}")
            args.append(code.upper())
        else:
            clause, more = prefix_range(column, code, mark)
            clauses.append(clause)
            args += more
    return " AND ".join(clauses), args


def activity_series(
    store: SQLStore,
    filters: EventFilter | None = None,
    *,
    freq: Literal["day", "week", "month"] = "month",
    count: Literal["events", "mentions"] = "events",
) -> pd.DataFrame:
    """The series of ``dyad_series`` over all stored events that pass the filters (any actors)."""
    filters = filters or EventFilter()
    if freq not in FREQUENCIES:
        raise SettingsError(Messages.BAD_FREQ.format(freq=freq))
    if count not in ("events", "mentions"):
        raise SettingsError(Messages.BAD_COUNT.format(count=count))
    clauses, args = filters.where(store.placeholder)
    rows = store.fetch(*_series_query(store, clauses, args, freq, count, "", ""))  # the filters hold the dates
    return _series_frame(rows, freq, filters.since, filters.until)


def _series_query(
    store: SQLStore, clauses: list[str], args: list[object], freq: str, count: str, since: str, until: str
) -> tuple[str, tuple]:
    """The SQL of a series: happenings first (one row each, with their reports), then periods."""
    mark = store.placeholder
    clauses = [*clauses, "date IS NOT NULL", HAPPENED]
    args = list(args)
    if since:
        clauses.append(f"date >= {mark}")
        args.append(since)
    if until:
        clauses.append(f"date <= {mark}")
        args.append(until)
    weight = "reports" if count == "mentions" else "1"
    happenings = (
        "SELECT MIN(date) AS date, MIN(cameo) AS cameo, MIN(quad_class) AS quad_class, "
        "MIN(goldstein) AS goldstein, COUNT(*) AS reports "
        f"FROM events WHERE {' AND '.join(clauses)} GROUP BY happening_id"
    )
    query = (
        f"SELECT {store.period(freq)} AS period, quad_class, substr(cameo, 1, 2) AS root, "
        f"SUM({weight}) AS n, SUM(goldstein * {weight}) AS goldstein "
        f"FROM ({happenings}) AS happenings GROUP BY 1, 2, 3"
    )
    return query, tuple(args)


def _series_frame(rows: list[tuple], freq: str, since: str, until: str) -> pd.DataFrame:
    """Periods as rows, counts laid into columns, empty periods holding zeros.

    The database sent a row a (period, QuadClass, root); a few hundred of them are
    placed by hand, which is many times quicker than pandas' group-bys.
    """
    found = np.array([row[0] for row in rows], dtype="datetime64[D]")
    periods = _periods(found, freq, since, until)
    position = {period: index for index, period in enumerate(periods.tolist())}
    columns = {name: np.zeros(len(periods), dtype="int64") for name in SERIES_COLUMNS[1:-3]}
    goldstein = np.zeros(len(periods))
    for day, (_, quad_class, root, count, total) in zip(found.tolist(), rows, strict=True):
        index = position.get(day)
        if index is None:
            continue  # outside since..until: cannot happen, the query keeps to them
        columns["events"][index] += count
        if quad_class in QUAD_CLASSES:
            columns[QUAD_CLASSES[quad_class]][index] += count
        if f"cameo_{root}" in columns:
            columns[f"cameo_{root}"][index] += count
        goldstein[index] += total
    events = columns["events"]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(events > 0, goldstein / events, np.nan)
    cooperation = columns["verbal_cooperation"] + columns["material_cooperation"]
    conflict = columns["verbal_conflict"] + columns["material_conflict"]
    return pd.DataFrame(
        {
            "period": periods.astype("datetime64[ns]"),
            **columns,
            "goldstein_sum": goldstein.round(6),
            "goldstein_mean": mean.round(6),
            "net_cooperation": cooperation - conflict,
        }
    )


def _periods(found: np.ndarray, freq: str, since: str, until: str) -> np.ndarray:
    """The first day of every period from the first (``since`` or the first found) to the last."""
    if not since and not len(found):
        return np.array([], dtype="datetime64[D]")
    first = np.datetime64(since, "D") if since else found.min()
    last = np.datetime64(until, "D") if until else (found.max() if len(found) else first)
    if freq == "month":
        return np.arange(first.astype("datetime64[M]"), last.astype("datetime64[M]") + 1).astype("datetime64[D]")
    if freq == "week":  # numpy's day 0 (1970-01-01) was a Thursday: Mondays are 4 days before a multiple of 7
        first -= (first.astype("int64") + 3) % 7
        return np.arange(first, last + 1, 7)
    return np.arange(first, last + 1)


def series_columns(rows: list[tuple], freq: str, since: str, until: str) -> dict[str, list]:
    """What ``_series_frame`` lays out, as plain lists: the same periods, counts and rounding.

    Periods are ISO dates from the database; the axis of periods for a (freq, first, last)
    is made once and kept, and only the periods with events are touched here.
    """
    found = [row[0] for row in rows]
    if not since and not found:
        return {name: [] for name in SERIES_COLUMNS}
    first = since or min(found)  # ISO dates sort as text
    last = until or (max(found) if found else first)
    labels, position = _period_axis(freq, first, last)
    size = len(labels)
    columns = {name: [0] * size for name in SERIES_COLUMNS[1:-3]}
    goldstein: dict[int, float] = {}
    events = columns["events"]
    quads = {quad_class: columns[name] for quad_class, name in QUAD_CLASSES.items()}
    roots = {root: columns[f"cameo_{root}"] for root in CAMEO_ROOTS}
    nowhere: list[int] = [0] * size  # the column of a QuadClass or root that has none
    for period, quad_class, root, number, total in rows:
        index = position.get(period)
        if index is None:
            continue  # outside since..until: cannot happen, the query keeps to them
        count = int(number)  # PostgreSQL sums counts as numeric (Decimal)
        events[index] += count
        quads.get(quad_class, nowhere)[index] += count
        roots.get(root, nowhere)[index] += count
        goldstein[index] = goldstein.get(index, 0.0) + float(total)
    total_column, net_column = [0.0] * size, [0] * size
    mean_column: list[float | None] = [None] * size
    cooperation = (columns["verbal_cooperation"], columns["material_cooperation"])
    conflict = (columns["verbal_conflict"], columns["material_conflict"])
    for index, total in goldstein.items():
        count = events[index]
        total_column[index] = round(total * 1e6) / 1e6  # numpy's round(6): half to even of value * 10**6
        mean_column[index] = round(total / count * 1e6) / 1e6 if count > 0 else None
        net_column[index] = cooperation[0][index] + cooperation[1][index] - conflict[0][index] - conflict[1][index]
    return {
        "period": list(labels),
        **columns,
        "goldstein_sum": total_column,
        "goldstein_mean": mean_column,
        "net_cooperation": net_column,
    }


@lru_cache(maxsize=256)  # a few axes serve most requests (ten years of weeks); bounded, since dates come from clients
def _period_axis(freq: str, first: str, last: str) -> tuple[tuple[str, ...], dict[str, int]]:
    """The first day of every period from ``first`` to ``last`` (ISO dates), as ``_periods``
    makes them, and each one's place."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    if freq == "month":
        months = range(start.year * 12 + start.month - 1, end.year * 12 + end.month)
        days = [dt.date(month // 12, month % 12 + 1, 1) for month in months]
    else:
        step = 7 if freq == "week" else 1
        if freq == "week":
            start -= dt.timedelta(days=start.weekday())
        days = [dt.date.fromordinal(day) for day in range(start.toordinal(), end.toordinal() + 1, step)]
    labels = tuple(day.isoformat() for day in days)
    return labels, {label: index for index, label in enumerate(labels)}


def actor_network(
    store: SQLStore,
    *,
    since: str = "",
    until: str = "",
    level: Literal["actor", "country"] = "actor",
    filters: EventFilter | None = None,
    min_events: int = 1,
) -> nx.DiGraph:
    """Who acts on whom: a directed graph of actors, an edge a (source, target) pair.

    since, until: ISO dates, both included.
    level: "actor" keeps whole codes (KORGOV, RUSMIL); "country" joins them by their
        first three letters (KOR, RUS; IGO... for international bodies).
    filters: further conditions (a CAMEO code, a QuadClass, a country).
    min_events: leave out pairs with fewer events.
    Edges carry ``weight`` (events), ``cooperation`` and ``conflict`` (events in
    QuadClasses 1-2 and 3-4), ``net_cooperation`` (their difference) and
    ``goldstein`` (the sum); nodes carry ``events`` (as source or target).
    """
    if level not in ("actor", "country"):
        raise SettingsError(Messages.BAD_LEVEL.format(level=level))
    mark = store.placeholder
    clauses, args = (filters or EventFilter()).where(mark)
    clauses += ["target <> ''", HAPPENED]
    if since:
        clauses.append(f"date >= {mark}")
        args.append(since)
    if until:
        clauses.append(f"date <= {mark}")
        args.append(until)
    source, target = ("source", "target") if level == "actor" else ("substr(source, 1, 3)", "substr(target, 1, 3)")
    query = (
        f"SELECT {source}, {target}, COUNT(*), "
        "SUM(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END), SUM(goldstein) "
        f"FROM events WHERE {' AND '.join(clauses)} GROUP BY 1, 2 HAVING COUNT(*) >= {int(min_events)} "
        "ORDER BY 1, 2"
    )
    graph = nx.DiGraph(since=since, until=until, level=level)
    for actor, other, events, cooperation, conflict, goldstein in store.fetch(query, tuple(args)):
        graph.add_edge(
            actor,
            other,
            weight=int(events),
            cooperation=int(cooperation),
            conflict=int(conflict),
            net_cooperation=int(cooperation) - int(conflict),
            goldstein=round(float(goldstein), 6),
        )
    for node in graph.nodes:
        graph.nodes[node]["events"] = sum(weight for *_, weight in graph.in_edges(node, data="weight")) + sum(
            weight for *_, weight in graph.out_edges(node, data="weight")
        )
    return graph
