"""ICEWS-style event rows: the columns of the public ICEWS coded event files, tab-separated.

One row a stored report, as ICEWS keeps one a story sentence. Countries are
names ("South Korea"), sectors are role names ("Government"), ``Event Text`` is the
CAMEO code's name and ``Intensity`` its Goldstein value. ``District`` and
``Province`` stay empty: the coder places events in cities and countries only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import happened
from .actors import ROLE_NAMES, ActorCode, country_name

ICEWS_COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)


def write(frame: pd.DataFrame, output: Path) -> int:
    """Write an export frame's events that happened as ICEWS rows with a header; returns the rows."""
    rows = [_row(event) for event in happened(frame).itertuples(index=False)]
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="") as stream:
        stream.write("\t".join(ICEWS_COLUMNS) + "\n")
        stream.writelines("\t".join(_clean(cell) for cell in row) + "\n" for row in rows)
    return len(rows)


def _row(event) -> list[str]:
    source, target = _actor(event.source, event.source_name), _actor(event.target, event.target_name)
    country = country_name(event.country)
    city = event.place if event.place and event.place != country else ""
    lat = "" if pd.isna(event.lat) else f"{event.lat:g}"
    lon = "" if pd.isna(event.lon) else f"{event.lon:g}"
    cells = [event.event_id, event.date or "", *source[:2], source[2], event.cameo_name, event.cameo]
    cells += [f"{event.goldstein:g}", *target, event.article_id, str(event.sentence), event.publisher or ""]
    return [*cells, city, "", "", country, lat, lon]


def _actor(code: str, name: str) -> list[str]:
    """Name, sectors and country of an actor code ("KORGOV" -> Government of South Korea)."""
    if not code:
        return ["", "", ""]
    parts = ActorCode.parse(code)
    country = country_name(parts.country)
    sectors = ",".join(ROLE_NAMES.get(role, role) for role in parts.roles)
    return [name or country or code, sectors, country]


def _clean(cell: str) -> str:
    return " ".join(cell.split()) if any(mark in cell for mark in "\t\r\n") else cell
