"""The GDELT 2.0 event table: 61 tab-separated columns, no header, one row a happening.

GDELT keeps one row an event and counts the reports of it (NumMentions,
NumSources, NumArticles); we do the same over the stored reports that share a
``happening_id``, and take the other columns from the first report. Columns we
cannot fill (tone, actor geography, ethnic and religion codes) are left empty.
Load it with ``pandas.read_csv(path, sep="\\t", header=None, names=GDELT_COLUMNS, dtype=str)``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import happened
from .actors import ActorCode, countries, country_name

ACTOR_COLUMNS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
GEO_COLUMNS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{name}" for name in ACTOR_COLUMNS)
    + tuple(f"Actor2{name}" for name in ACTOR_COLUMNS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale")
    + ("NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{name}" for name in GEO_COLUMNS)
    + tuple(f"Actor2Geo_{name}" for name in GEO_COLUMNS)
    + tuple(f"ActionGeo_{name}" for name in GEO_COLUMNS)
    + ("DATEADDED", "SOURCEURL")
)


def write(frame: pd.DataFrame, output: Path) -> int:
    """Write the happenings of an export frame as GDELT rows; returns the rows written."""
    rows = gdelt_rows(frame)
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="") as stream:
        stream.writelines("\t".join(row) + "\n" for row in rows)  # GDELT quotes nothing
    return len(rows)


def gdelt_rows(frame: pd.DataFrame) -> list[list[str]]:
    """One row of GDELT_COLUMNS (all strings) a happening that has a date."""
    frame = happened(frame)
    frame = frame.assign(day=frame["date"].fillna(frame["published"]))
    # A happening is shown as its earliest report: the first day, then the first story to tell it.
    frame = frame[frame["day"].notna()].sort_values(["day", "published", "event_id"], na_position="last")
    reports = frame.groupby("happening_id", sort=False).agg(
        mentions=("event_id", "size"), articles=("article_id", "nunique"), sources=("publisher", "nunique")
    )
    rows = []
    for event in frame.drop_duplicates("happening_id").itertuples(index=False):
        counts = reports.loc[event.happening_id]
        rows.append(_row(event, int(counts.mentions), max(1, int(counts.sources)), int(counts.articles)))
    return rows


def _row(event, mentions: int, sources: int, articles: int) -> list[str]:
    year, month, day = event.day.split("-")
    fraction = int(year) + (int(month) * 30 + int(day)) / 365  # GDELT's own approximation
    code = event.cameo
    cells = [event.event_id, f"{year}{month}{day}", f"{year}{month}", year, f"{fraction:.4f}"]
    cells += _actor(event.source, event.source_name) + _actor(event.target, event.target_name)
    cells += ["1" if event.sentence == 0 else "0", code, code[:3], code[:2], str(event.quad_class)]
    cells += [_number(event.goldstein), str(mentions), str(sources), str(articles), ""]
    cells += [""] * len(GEO_COLUMNS) * 2 + _action_geo(event)
    published = (event.published or event.day).replace("-", "")
    cells += [f"{published}000000", event.url or ""]
    return [_clean(cell) for cell in cells]


def _actor(code: str, name: str) -> list[str]:
    if not code:
        return [""] * len(ACTOR_COLUMNS)
    parts = ActorCode.parse(code)
    types = [*parts.roles[:3], "", "", ""][:3]
    return [code, name.upper(), parts.country, parts.group, "", "", "", *types]


def _action_geo(event) -> list[str]:
    """Where it happened: a city (type 4, 3 in the United States) or a country (type 1)."""
    country = countries().get(event.country)
    if not event.place and not country:
        return [""] * len(GEO_COLUMNS)
    fips = country.fips if country else ""
    name = country_name(event.country)
    city = bool(event.place) and event.place != name
    kind = ("3" if event.country == "USA" else "4") if city else "1"
    full_name = f"{event.place}, {name}" if city and name else (event.place or name)
    lat, lon = (_number(event.lat), _number(event.lon)) if pd.notna(event.lat) else ("", "")
    return [kind, full_name, fips, fips, "", lat, lon, ""]


def _number(value) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):g}"


def _clean(cell: str) -> str:
    """A cell that cannot break the layout: no tabs or line breaks inside."""
    return " ".join(str(cell).split()) if any(mark in str(cell) for mark in "\t\r\n") else str(cell)
