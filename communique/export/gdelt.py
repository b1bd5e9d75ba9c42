"""The GDELT 2.0 event table: 61 tab-separated columns, no header, one row a happening.

GDELT keeps one row an event and counts the reports of it (NumMentions,
NumSources, NumArticles); we do the same over the stored reports that share a
``happening_id``, and take the other columns from the first report.

Left empty, because the coder does not find them: ``AvgTone`` (no tone is
measured), ``Actor1EthnicCode``/``Actor2EthnicCode`` (no ethnic codes), every
``Actor1Geo_*`` and ``Actor2Geo_*`` column (the coder places events, not
actors: filling them with the event's place, or an actor's home country, would
state what no text said), ``*_ADM2Code``, and ``ActionGeo_FeatureID`` of a
city or region (GDELT's GNS feature ids are not in our gazetteer).
Load it with ``pandas.read_csv(path, sep="\\t", header=None, names=GDELT_COLUMNS, dtype=str)``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import happened
from .actors import RELIGION_BRANCHES, RELIGIONS, ActorCode, countries, country_name

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
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1-3Code."""
    if not code:
        return [""] * len(ACTOR_COLUMNS)
    parts = ActorCode.parse(code)
    religion = [role for role in parts.roles if role in RELIGIONS][:1]
    religion += [role for role in parts.roles if role in RELIGION_BRANCHES][:1]
    kinds = [role for role in parts.roles if role not in RELIGIONS and role not in RELIGION_BRANCHES]
    religions = [*religion, "", ""][:2] if religion else ["", ""]
    types = [*kinds[:3], "", "", ""][:3]
    return [code, name.upper(), parts.country, parts.group, "", *religions, *types]


# GDELT's geographic types: a country, a US state, a US city, a city elsewhere, a region elsewhere.
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = "1", "2", "3", "4", "5"


def _action_geo(event) -> list[str]:
    """Where it happened: Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID."""
    country = countries().get(event.country)
    if not event.place and not country:
        return [""] * len(GEO_COLUMNS)
    fips = country.fips if country else ""
    name = country_name(event.country)
    precision = getattr(event, "place_precision", "") or ""
    within = bool(event.place) and event.place != name and precision != "country"
    in_us = event.country == "USA"
    if not within:
        kind = COUNTRY
    elif precision == "region":
        kind = US_STATE if in_us else WORLD_STATE
    else:  # a city, or a place stored before precision was kept
        kind = US_CITY if in_us else WORLD_CITY
    full_name = f"{event.place}, {name}" if within and name else (event.place or name)
    lat, lon = (_number(event.lat), _number(event.lon)) if pd.notna(event.lat) else ("", "")
    # ADM1Code: the country's code where the province is not known, as GDELT does for a country.
    # FeatureID: GDELT names a country by its code; a city's GNS id we do not have.
    return [kind, full_name, fips, fips, "", lat, lon, fips if kind == COUNTRY else ""]


def _number(value) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):g}"


def _clean(cell: str) -> str:
    """A cell that cannot break the layout: no tabs or line breaks inside."""
    return " ".join(str(cell).split()) if any(mark in str(cell) for mark in "\t\r\n") else str(cell)
