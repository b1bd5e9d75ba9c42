"""When: the date of each event, resolved against the publication date.

A sentence's date expressions are spaCy's DATE entities; the one nearest the
event's trigger that resolves gives the date. Resolved are explicit dates
("June 17, 2019", "17 June", "2019-06-17"), weekdays ("on Monday": the most
recent one, the publication day included), "yesterday", "last night", "two
days ago", "last week", "earlier this month", "in February" (the most recent
past February), "last year", "next year", and ranges ("from Monday to
Wednesday", "between March 3 and 5"), which have a start and an end.

A date after publication is taken only for an intended event ("will meet next
week"); otherwise the expression is passed over. With no date expression the
publication date stands in. Where the story's dateline gives a day ("TOKYO, June 18 (Reuters)
-"), that day, the one where the story was filed, stands for the publication date: a
publication date told in UTC can be the day before. A range gives the event its ``date_end``. Every
event carries a ``date_precision``: day,
week, month, year, "publication" when the publication date stood in, or
"unknown" when the story has no date at all.

Times and time zones: a clock time said with the event ("at 11 p.m. local time", "at 0300
GMT", "at 14:30 (EST)") or a part of a day ("late on Tuesday night Washington time") may put
the happening on another date where it happened than in the zone it was told in. An event's
``date`` is the local date of the place where it happened, as GDELT and ICEWS date events: a
time told in another zone is carried to the place's zone (from the gazetteer city nearest the
event's place, or its country's largest city), and the day moves when midnight lies between.
The clock time is kept in ``time`` (HH:MM, as told) and its zone in ``time_zone`` ("UTC",
"UTC-05:00", an IANA zone such as "America/New_York", or "local"); a part of a day only
decides the date. A time without a zone, or in local time, leaves the date as said.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import math
import re
import zoneinfo
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from .geonames import City, cities
from .parse import ents_by_sentence
from .records import Article, Event
from .tables import DATA_DIR, read_table

TIME_ZONES = DATA_DIR / "places" / "time_zones.tsv"

WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): number for number, name in enumerate(calendar.day_abbr)})
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3, "couple": 2,
}  # fmt: skip
MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# "June 17, 2019", "June 17th", "June 17-19, 2019" (a range)
MONTH_FIRST = re.compile(
    rf"\b({MONTH_NAME})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*(\d{{1,2}})(?:st|nd|rd|th)?)?"
    r"(?!\d)(?:,?\s+(\d{4}))?",
    re.IGNORECASE,
)
# "17 June 2019", "17-19 June"
DAY_FIRST = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*(\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
    rf"({MONTH_NAME})(?:,?\s+(\d{{4}}))?",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(rf"\b({MONTH_NAME})\s+(?:of\s+)?(\d{{4}})\b", re.IGNORECASE)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|couple)\s+"
                 r"(?:of\s+)?(day|week|month|year)s?\s+ago\b")  # fmt: skip
# Two date expressions joined as a range: "from Monday to Wednesday", "between May 3 and May 5".
RANGE = re.compile(r"^(?:from\s+|between\s+)?(.+?)\s+(?:to|until|till|through|and|-|–)\s+(.+)$", re.IGNORECASE)


class When(NamedTuple):
    """A resolved date expression: its first day, precision, and last day for a range."""

    day: dt.date
    precision: str  # day, week, month or year
    end: dt.date | None = None


def date_events(article: Article, doc: Doc, events: list[Event]) -> list[Event]:
    """Give each event its date and the date's precision.

    article: the Article (the day its dateline gives, else its ``published`` date, anchors
        relative dates and stands in when the sentence tells none).
    doc: its parse; events: its events.
    Returns the events with ``date`` and ``date_precision`` set.
    """
    today = article.dateline_day or article.published
    ents = ents_by_sentence(doc)
    dated = []
    for event in events:
        trigger_at = _trigger_offset(article.text, event)
        found = sentence_date(
            _dates_over(doc, ents.get(event.sentence, []), trigger_at),
            today,
            future=event.modality == "intended",
            near=trigger_at,
        )
        told = sentence_time(article.text[event.evidence_start : event.evidence_end], event.evidence_start, trigger_at)
        if told is not None:
            event = dataclasses.replace(event, time=told.clock, time_zone=told.zone_name)
        if found is not None:
            if told is not None and found.precision == "day" and found.end is None:
                found = found._replace(day=local_day(found.day, told, event))
            end = found.end.isoformat() if found.end else None
            dated.append(
                dataclasses.replace(event, date=found.day.isoformat(), date_precision=found.precision, date_end=end)
            )
        elif today is not None:
            dated.append(dataclasses.replace(event, date=today.isoformat(), date_precision="publication"))
        else:
            dated.append(dataclasses.replace(event, date=None, date_precision="unknown"))
    return dated


def sentence_date(
    ents: list[Span], published: dt.date | None, *, future: bool = False, near: int | None = None
) -> When | None:
    """The date of a sentence's event: of its DATE entities that resolve, the nearest to ``near``
    (a character offset, the event's trigger), else the first."""
    found = []
    for ent in ents:
        if ent.label_ == "DATE":
            when = resolve_date(ent.text, published, future=future)
            if when is not None:
                distance = abs(ent.start_char - near) if near is not None else 0
                found.append((distance, ent.start_char, when))
    return min(found, key=lambda item: (item[0], item[1]))[2] if found else None


def resolve_date(text: str, published: dt.date | None, *, future: bool = False) -> When | None:
    """Resolve one date expression against the publication date.

    text: the expression ("last Tuesday", "in February", "from May 3 to 5").
    published: the story's publication date; without it only absolute dates resolve.
    future: whether the event is intended, so that a date after publication is allowed.
    Returns a When, or None when the expression cannot be resolved (or lies in
    the future of an event that is not intended).
    """
    text = " ".join(text.split())
    try:
        found = _range(text, published, future) or _single(text, published, future)
    except ValueError:
        return None  # a calendar date that does not exist: "February 30"
    if found is None:
        return None
    if published is not None and found.day > published and not future:
        return None
    return found


def _single(text: str, published: dt.date | None, future: bool) -> When | None:
    found = _absolute(text, published, future)
    if found is None and published is not None:
        found = _relative(text.lower(), published, future)
    return found


def _range(text: str, published: dt.date | None, future: bool) -> When | None:
    """ "from Monday to Wednesday", "between 3 and 5 May": start and end both resolve, end not before start."""
    for pattern in (MONTH_FIRST, DAY_FIRST):
        match = pattern.search(text)
        if match and match.group(3 if pattern is MONTH_FIRST else 2):
            return _day_range(match, pattern is MONTH_FIRST, published, future)
    match = RANGE.match(text)
    if not match or not any(word in text.lower() for word in ("from", "between", " to ", "until", "through")):
        return None
    first, last = _single(match.group(1), published, future), _single(match.group(2), published, future)
    if first is None or last is None:
        return None
    if last.day < first.day and published is not None and last.precision == "day":
        # "from Friday to Monday" told on a Tuesday: the start lies in the week before the end.
        first = When(first.day - dt.timedelta(days=7), first.precision)
    if last.day < first.day:
        return None
    return When(first.day, first.precision, last.end or last.day)


def _day_range(match: re.Match, month_first: bool, published: dt.date | None, future: bool) -> When | None:
    if month_first:
        month_name, first, last, year = match.group(1), match.group(2), match.group(3), match.group(4)
    else:
        first, last, month_name, year = match.group(1), match.group(2), match.group(3), match.group(4)
    month = _month(month_name)
    if month is None:
        return None
    number = int(year) if year else _nearest_year(month, int(first), published, future)
    if number is None:
        return None
    start, end = dt.date(number, month, int(first)), dt.date(number, month, int(last))
    return When(start, "day", end) if end > start else None


def _absolute(text: str, published: dt.date | None, future: bool) -> When | None:
    iso = ISO_DATE.search(text)
    if iso:
        return When(dt.date(*(int(part) for part in iso.groups())), "day")
    for pattern, month_group, day_group, year_group in ((MONTH_FIRST, 1, 2, 4), (DAY_FIRST, 3, 1, 4)):
        match = pattern.search(text)
        if match and _month(match.group(month_group)) is not None:
            month = _month(match.group(month_group))
            assert month is not None
            day = int(match.group(day_group))
            year = int(match.group(year_group)) if match.group(year_group) else None
            year = year or _nearest_year(month, day, published, future)
            return When(dt.date(year, month, day), "day") if year else None
    month_year = MONTH_YEAR.search(text)
    if month_year and _month(month_year.group(1)) is not None:
        return When(dt.date(int(month_year.group(2)), _month(month_year.group(1)) or 1, 1), "month")
    return None


def _relative(text: str, published: dt.date, future: bool) -> When | None:
    words = re.findall(r"[a-z]+", text)
    if "yesterday" in words or ("last" in words and "night" in words):
        return When(published - dt.timedelta(days=1), "day")
    if "today" in words or "tonight" in words:
        return When(published, "day")
    if "tomorrow" in words:
        return When(published + dt.timedelta(days=1), "day")
    ago = AGO.search(text)
    if ago:
        return _ago(ago, published)
    for word in words:
        if word in WEEKDAYS and len(word) > 3 or word in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
            return _weekday(WEEKDAYS[word], words, published, future)
    if "weekend" in words:
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if "next" in words or (future and "last" not in words and saturday < published - dt.timedelta(days=1)):
            saturday += dt.timedelta(days=7)
        return When(saturday, "day", saturday + dt.timedelta(days=1))
    for unit in ("week", "month", "year"):
        if unit in words:
            return _this_last_next(unit, words, published)
    for word in words:
        if word in MONTHS and (len(word) > 3 or word == "may"):
            return _named_month(MONTHS[word], words, published, future)
    found_year = YEAR.search(text)
    if found_year:
        return When(dt.date(int(found_year.group(1)), 1, 1), "year")
    return None


def _weekday(number: int, words: list[str], published: dt.date, future: bool) -> When:
    back = (published.weekday() - number) % 7
    if "last" in words or "past" in words:
        return When(published - dt.timedelta(days=back or 7), "day")
    if "next" in words or "coming" in words or future:
        return When(published + dt.timedelta(days=(number - published.weekday()) % 7 or 7 * ("next" in words)), "day")
    return When(published - dt.timedelta(days=back), "day")


def _this_last_next(unit: str, words: list[str], published: dt.date) -> When:
    """ "last week", "earlier this month", "next year": the period's first day, at its precision."""
    shift = -1 if ("last" in words or "previous" in words or "past" in words) else 1 if "next" in words else 0
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        return When(monday + dt.timedelta(days=7 * shift), "week")
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + shift
        return When(dt.date(month_index // 12, month_index % 12 + 1, 1), "month")
    return When(dt.date(published.year + shift, 1, 1), "year")


def _named_month(month: int, words: list[str], published: dt.date, future: bool) -> When:
    """ "in February": the most recent past February (this one if it is February), or the next one
    for an intended event or "next February"."""
    if "next" in words or (future and "last" not in words):
        year = published.year if month >= published.month else published.year + 1
        if "next" in words and month <= published.month:
            year = published.year + 1
    else:
        year = published.year if month <= published.month else published.year - 1
        if "last" in words and month == published.month:
            year -= 1
    return When(dt.date(year, month, 1), "month")


def _ago(match: re.Match, published: dt.date) -> When:
    amount = match.group(1)
    count = int(amount) if amount.isdigit() else NUMBERS[amount]
    unit = match.group(2)
    if unit == "day":
        return When(published - dt.timedelta(days=count), "day")
    if unit == "week":
        return When(published - dt.timedelta(days=7 * count), "week")
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 - count
        return When(dt.date(month_index // 12, month_index % 12 + 1, 1), "month")
    return When(dt.date(published.year - count, 1, 1), "year")


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _nearest_year(month: int, day: int, published: dt.date | None, future: bool) -> int | None:
    """The year of a day given without one: the most recent past one, or the next for an intended event."""
    if published is None:
        return None
    if future:
        return published.year if (month, day) >= (published.month, published.day) else published.year + 1
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1


def _dates_over(doc: Doc, ents: list[Span], trigger_at: int | None) -> list[Span]:
    """The sentence's entities said in the trigger's own clause or a clause above it.

    "Georgetown says the border was settled in 1899": 1899 dates the settling, a clause
    below the saying, not the saying; "said on Monday that troops had crossed" dates the
    crossing by the clause above it.
    """
    trigger = doc.char_span(trigger_at, trigger_at + 1, alignment_mode="expand") if trigger_at is not None else None
    if not trigger:
        return ents
    above = set()
    clause: Token | None = _clause_head(trigger[0])
    while clause is not None:
        above.add(clause.i)
        clause = _clause_head(clause.head) if clause.head.i != clause.i else None  # the root heads itself
    return [ent for ent in ents if _clause_head(ent.root).i in above]


def _clause_head(token: Token) -> Token:
    """The verb heading the clause that holds ``token`` (the token itself when it is one)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _trigger_offset(text: str, event: Event) -> int | None:
    """Where the event's trigger words are in the text, to pick the date said nearest them."""
    first = event.trigger.split()[0] if event.trigger.split() else ""
    if not first:
        return None
    found = text.find(first, event.evidence_start, event.evidence_end or None)
    return found if found >= 0 else None


# Times of day.


class Told(NamedTuple):
    """A time of day said with an event: its hour and minute, whether a clock time was said
    (else a part of a day), and the zone it was told in (None: none said, or local time)."""

    hour: int
    minute: int
    is_clock: bool
    zone: dt.tzinfo | None
    zone_name: str  # "UTC", "UTC-05:00", an IANA zone, "local", or "" when none was said
    start: int

    @property
    def clock(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}" if self.is_clock else ""


# The hour a part of a day stands for (early, plain, late): enough to tell which side of midnight.
PARTS_OF_DAY = {"morning": (6, 9, 11), "afternoon": (13, 15, 17), "evening": (18, 19, 21), "night": (21, 22, 23)}
WEEKDAY_NAMES = "|".join(name for name in calendar.day_name)


@functools.cache
def zone_names() -> dict[str, str]:
    """The zones of ``time_zones.tsv`` by their lower-case names."""
    return {row["name"].lower(): row["zone"] for row in read_table(TIME_ZONES, ("name", "zone"))}


# ASCII: with Unicode case folding a dotless "ı" matches "i", so "nıght" would be read as a
# night that PARTS_OF_DAY does not know.
TIME_FLAGS = re.IGNORECASE | re.ASCII


@functools.cache
def _time_patterns() -> tuple[re.Pattern, re.Pattern]:
    named = "|".join(re.escape(name) for name in sorted(zone_names(), key=len, reverse=True))
    zone = (
        rf"(?:\s*\(?\s*(?P<zone>local\s+time|(?:{named})(?:\s+time)?(?![\w])|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+time))\)?"
    )
    clock = re.compile(
        r"(?<![\d:.,])(?:(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))?\s*(?P<half>[ap])\.?\s?m\b\.?"
        r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d])"
        r"|(?P<mil>(?:[01]\d|2[0-3])[0-5]\d)(?=\s*(?:GMT|UTC|Z\b|hours|hrs|local))"
        r"|(?P<word>midnight|noon))"
        rf"(?:{zone})?",
        TIME_FLAGS,
    )
    part = re.compile(
        rf"\b(?:(?P<degree>early|late)\s+(?:on\s+)?)?(?:(?:{WEEKDAY_NAMES})\s+)?"
        rf"(?P<part>morning|afternoon|evening|night)\b(?:{zone})?",
        TIME_FLAGS,
    )
    return clock, part


def sentence_time(sentence: str, offset: int = 0, near: int | None = None) -> Told | None:
    """The time of day said in a sentence nearest ``near`` (a character offset in the story, the
    event's trigger; the sentence starts at ``offset``): a clock time first, else a part of a day."""
    for found in _times_said(sentence, offset):
        if found:
            return min(found, key=lambda told: (abs(told.start - near) if near is not None else 0, told.start))
    return None


@functools.lru_cache(maxsize=256)
def _times_said(sentence: str, offset: int) -> tuple[tuple[Told, ...], tuple[Told, ...]]:
    """The clock times and the parts of a day said in a sentence: read once for all of its events."""
    clock, part = _time_patterns()
    may_clock, may_part = _may_tell_time(sentence)
    clocks = _all_told(clock, sentence, offset) if may_clock else ()
    return clocks, _all_told(part, sentence, offset) if may_part else ()


# Every clock time begins with a digit or is one of CLOCK_WORDS; every part of a day is one of PART_WORDS.
CLOCK_WORDS = ("midnight", "noon")
PART_WORDS = ("morning", "afternoon", "evening", "night")
DIGIT = re.compile(r"\d")


def _may_tell_time(sentence: str) -> tuple[bool, bool]:
    """Whether a sentence may say a clock time, and a part of a day: most say neither, and
    looking for a digit or a word first is quicker than scanning with the time patterns."""
    lowered = sentence.lower()
    may_clock = DIGIT.search(sentence) is not None or any(word in lowered for word in CLOCK_WORDS)
    return may_clock, any(word in lowered for word in PART_WORDS)


def _all_told(pattern: re.Pattern, sentence: str, offset: int) -> tuple[Told, ...]:
    return tuple(told for match in pattern.finditer(sentence) if (told := _told(match, offset)) is not None)


def _told(match: re.Match, offset: int) -> Told | None:
    groups = match.groupdict()
    zone, zone_name = _zone(groups.get("zone") or "")
    if groups.get("part"):
        early, plain, late = PARTS_OF_DAY[groups["part"].lower()]
        degree = (groups.get("degree") or "").lower()
        hour = early if degree == "early" else late if degree == "late" else plain
        return Told(hour, 0, False, zone, zone_name, offset + match.start())
    if groups.get("word"):
        hour, minute = (0, 0) if groups["word"].lower() == "midnight" else (12, 0)
    elif groups.get("h12"):
        hour, minute = int(groups["h12"]) % 12 + (12 if groups["half"].lower() == "p" else 0), int(groups["m12"] or 0)
    elif groups.get("h24"):
        hour, minute = int(groups["h24"]), int(groups["m24"])
    else:
        hour, minute = int(groups["mil"][:2]), int(groups["mil"][2:])
    return Told(hour, minute, True, zone, zone_name, offset + match.start())


def _zone(said: str) -> tuple[dt.tzinfo | None, str]:
    """A zone as said ("GMT", "EST", "local time", "Washington time") as a tzinfo and a name to keep."""
    said = " ".join(said.split())
    if not said:
        return None, ""
    if said.lower() == "local time":
        return None, "local"
    name = said.lower().removesuffix(" time")
    zone = zone_names().get(name) or zone_names().get(said.lower()) or _city_zone(name)
    if not zone:
        return None, ""
    if zone[0] in "+-":
        hours, minutes = int(zone[1:3]), int(zone[4:6])
        sign = -1 if zone[0] == "-" else 1
        offset = dt.timedelta(hours=hours, minutes=minutes) * sign
        return dt.timezone(offset), "UTC" if not offset else f"UTC{zone}"
    return zoneinfo.ZoneInfo(zone), zone


def local_day(day: dt.date, told: Told, event: Event) -> dt.date:
    """The date, where the event happened, of ``day`` at the time told in its zone."""
    place = place_zone(event)
    if told.zone is None or place is None:
        return day
    moment = dt.datetime.combine(day, dt.time(told.hour, told.minute), tzinfo=told.zone)
    return moment.astimezone(place).date()


def place_zone(event: Event) -> dt.tzinfo | None:
    """The time zone of an event's place: its nearest gazetteer city's in its country, else the
    zone of the country's largest city; None when the country is not known."""
    if not event.country:
        return None
    name = _nearest_zone(event.country, event.lat, event.lon) if event.place_precision == "city" else ""
    name = name or next((city.timezone for city in _cities_by_country().get(event.country, ())), "")
    return zoneinfo.ZoneInfo(name) if name else None


@functools.cache
def _cities_by_country() -> dict[str, tuple[City, ...]]:
    grouped: dict[str, list[City]] = {}
    for city in cities():  # largest first
        if city.timezone:
            grouped.setdefault(city.country, []).append(city)
    return {country: tuple(found) for country, found in grouped.items()}


@functools.lru_cache(maxsize=4096)
def _nearest_zone(country: str, lat: float | None, lon: float | None) -> str:
    if lat is None or lon is None:
        return ""
    scale = math.cos(math.radians(lat))
    found = _cities_by_country().get(country, ())
    nearest = min(found, key=lambda city: (city.lat - lat) ** 2 + ((city.lon - lon) * scale) ** 2, default=None)
    return nearest.timezone if nearest else ""


@functools.cache
def _city_zone(name: str) -> str:
    """The zone of the largest gazetteer city of that name ("Kinshasa time")."""
    return next((city.timezone for city in cities() if city.name.lower() == name), "")
