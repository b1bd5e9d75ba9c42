"""PLOVER records: one JSON object a line, in the shape of the PLOVER data specification.

``source`` and ``target`` are lists of actors (``actorText``, ``code`` the country,
``sector`` the roles), ``event`` and ``mode`` the PLOVER type and mode,
``eventLoc`` the place (``country code`` is ISO-2). Events with no PLOVER type
(CAMEO 01 and 02, which PLOVER drops) are left out. Beside the specification's
fields each record keeps its ``cameo`` code, the ``happening`` it reports, and
the story (``storyId``, ``url``) and sentence (``text``) it came from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import happened
from .actors import ROLE_NAMES, ActorCode, countries

PLOVER_VERSION = "0.6"  # the PLOVER categories the codebook's plover_type column follows


def write(frame: pd.DataFrame, output: Path) -> int:
    """Write an export frame's PLOVER events as JSON lines; returns the records written."""
    chosen = happened(frame)
    chosen = chosen[chosen["plover"] != ""]
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8") as stream:
        for event in chosen.itertuples(index=False):
            stream.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
    return len(chosen)


def plover_record(event) -> dict:
    """One event as a PLOVER record."""
    record: dict = {
        "id": event.event_id,
        "date": event.date or event.published or "",
        "source": [_actor(event.source, event.source_name)],
        "target": [_actor(event.target, event.target_name)] if event.target else [],
        "event": event.plover,
        "mode": event.plover_mode,
        "context": "",
        "eventText": event.trigger,
        "language": "en",
        "publication": event.publisher or "",
        "coder": "communique",
        "version": PLOVER_VERSION,
        "coderVersion": event.coder_version,
        "cameo": event.cameo,
        "happening": event.happening_id,
        "storyId": event.article_id,
        "url": event.url or "",
        "text": event.evidence,
    }
    location = _location(event)
    if location:
        record["eventLoc"] = location
    return record


def _actor(code: str, text: str) -> dict:
    parts = ActorCode.parse(code)
    actor: dict[str, object] = {"actorText": text or code, "code": parts.country or parts.code[:3]}
    if parts.roles:
        actor["sector"] = " ".join(parts.roles)
        actor["sectorNames"] = [ROLE_NAMES.get(role, role) for role in parts.roles]
    return actor


def _location(event) -> dict:
    country = countries().get(event.country)
    if not event.place and not country:
        return {}
    location: dict = {"name": event.place or (country.name if country else "")}
    if country:
        location["country code"] = country.iso2
    if not pd.isna(event.lat):
        location["lat"], location["lon"] = float(event.lat), float(event.lon)
    return location
