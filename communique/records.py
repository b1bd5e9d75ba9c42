"""The records that flow through communique: Article, Mention, Actor, Event.

They are frozen dataclasses. A stage takes records and returns new ones
(``dataclasses.replace``); offsets always point into ``Article.text``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """One news story and what is known about it.

    ``text`` is the story text that gets coded. Once the clean stage has run it
    no longer holds datelines, captions or footers; every offset in a Mention or
    an Event points into it.
    """

    id: str
    text: str
    title: str = ""
    url: str = ""
    publisher: str = ""
    published: dt.date | None = None
    language: str = ""
    captions: tuple[str, ...] = ()
    dateline: str = ""
    other_language: tuple[str, ...] = ()
    origin: str = ""  # the file (and line) the article was read from
    # The day its dateline gives ("TOKYO, June 18 (Reuters) -"): the day where it was filed, which
    # anchors "today" and "on Tuesday" better than a publication date told in another zone.
    dateline_day: dt.date | None = None

    def as_dict(self) -> dict:
        row = dataclasses.asdict(self)
        row["published"] = self.published.isoformat() if self.published else None
        row["dateline_day"] = self.dateline_day.isoformat() if self.dateline_day else None
        row["captions"] = list(self.captions)
        row["other_language"] = list(self.other_language)
        return row


@dataclass(frozen=True)
class Actor:
    """A coded actor: ``KORGOV``, ``RUS``, ``---REB``, ``IGOUNO``.

    ``country`` is the ISO-3 code (``---`` when unknown, empty for
    international bodies); ``roles`` are the CAMEO role codes after it. A person
    or organisation keeps its ``name`` and, for a person, the ``title`` that
    gave the role.
    """

    code: str
    country: str = ""
    roles: tuple[str, ...] = ()
    name: str = ""
    title: str = ""

    @classmethod
    def from_parts(cls, country: str, roles: tuple[str, ...] = (), *, name: str = "", title: str = "") -> Actor:
        return cls(code=country + "".join(roles), country=country, roles=roles, name=name, title=title)


UNKNOWN_ACTOR = "UNK"  # the code of a name that looks like an actor but that no table codes


@dataclass(frozen=True)
class Mention:
    """A span of ``Article.text`` that names an actor.

    ``head`` is the offset of the span's head word, which is how an event's
    arguments find their actors. A span naming several actors ("the foreign
    ministers of South Korea and Russia") gives one Mention for each.
    """

    start: int
    end: int
    head: int
    text: str
    actor: Actor
    sentence: int = 0
    place: bool = False  # names where something happened ("in Moscow"), not who acted
    rule: str = ""  # the rule or table entry that coded it: "countries.tsv: Russia", "roles.tsv: troop"

    @property
    def known(self) -> bool:
        """False for a name that looks like an actor but that no table codes (code ``UNK``)."""
        return bool(self.actor.code) and self.actor.code != UNKNOWN_ACTOR


@dataclass(frozen=True)
class Event:
    """Who did what to whom, when and where, and the text that says so.

    The field names are fixed: they are the columns of the JSONL, CSV and
    SQLite outputs.
    """

    event_id: str
    article_id: str
    sentence: int
    date: str | None
    date_precision: str
    source: str
    source_name: str
    target: str
    target_name: str
    cameo: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: str
    plover_mode: str
    place: str
    country: str
    lat: float | None
    lon: float | None
    trigger: str
    evidence: str
    evidence_start: int
    evidence_end: int
    quote_speaker: str
    negated: bool
    modality: str
    confidence: float
    coder_version: str
    date_end: str | None = None  # the last day, when the date is a range ("from Monday to Wednesday")
    place_precision: str = ""  # city, region or country
    place_confidence: float = 0.0
    happening_id: str = ""  # reports of one real-world happening, in any story, share it (merge)
    time: str = ""  # the clock time told with the event, HH:MM in ``time_zone`` ("at 0300 GMT")
    time_zone: str = ""  # the zone it was told in: "UTC", "UTC-05:00", an IANA zone, or "local"

    def __post_init__(self) -> None:
        if not self.happening_id:  # alone until merged with other reports of the same happening
            object.__setattr__(self, "happening_id", self.event_id)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


EVENT_FIELDS: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(Event))
