"""When: the date of each event, resolved against the publication date.

An explicit date in the sentence ("June 17, 2019"), a weekday ("on Monday":
the most recent one, the publication day included), "yesterday", "last week",
a month without a year ("in February": the most recent past one); otherwise
the publication date. ``date_precision`` is day, week, month or year, or
"publication" when the publication date stood in.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re

from spacy.tokens import Doc, Span

from .parse import ents_by_sentence
from .records import Article, Event

WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
FULL_DATE = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")
DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})\s+([A-Za-z]+)(?:\s+(\d{4}))?")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def date_events(article: Article, doc: Doc, events: list[Event]) -> list[Event]:
    """Give each event its date and the date's precision.

    article: the Article (its ``published`` date anchors relative dates).
    doc: its parse; events: its events.
    """
    ents = ents_by_sentence(doc)
    dated = []
    for event in events:
        found = sentence_date(ents.get(event.sentence, []), article.published, future=event.modality == "intended")
        if found is None and article.published is not None:
            found = (article.published, "publication")
        if found is None:
            dated.append(event)
            continue
        day, precision = found
        dated.append(dataclasses.replace(event, date=day.isoformat(), date_precision=precision))
    return dated


def sentence_date(ents: list[Span], published: dt.date | None, *, future: bool = False):
    """The first date expression among a sentence's entities that resolves, as (date, precision)."""
    for ent in ents:
        if ent.label_ == "DATE":
            found = resolve_date(ent.text, published, future=future)
            if found is not None:
                return found
    return None


def resolve_date(text: str, published: dt.date | None, *, future: bool = False):
    """Resolve one date expression; a future date only for intended events."""
    try:
        found = _absolute(text, published)
    except ValueError:
        return None  # a calendar date that does not exist: "February 30"
    if found is None and published is not None:
        found = _relative(text.lower(), published, future)
    if found is None:
        return None
    if published is not None and found[0] > published and not future:
        return None
    return found


def _absolute(text: str, published: dt.date | None):
    for pattern, month_group, day_group in ((FULL_DATE, 1, 2), (DAY_FIRST, 2, 1)):
        match = pattern.search(text)
        if match and match.group(month_group).lower() in MONTHS:
            month = MONTHS[match.group(month_group).lower()]
            day = int(match.group(day_group))
            year = int(match.group(3)) if match.group(3) else _recent_year(month, day, published)
            if year is None:
                return None
            return dt.date(year, month, day), "day"
    return None


def _relative(text: str, published: dt.date, future: bool):
    words = re.findall(r"[a-z]+", text)
    if "yesterday" in words:
        return published - dt.timedelta(days=1), "day"
    if "today" in words or "tonight" in words:
        return published, "day"
    if "tomorrow" in words:
        return published + dt.timedelta(days=1), "day"
    for word in words:
        if word in WEEKDAYS:
            offset = (published.weekday() - WEEKDAYS[word]) % 7
            if future or "next" in words:
                return published + dt.timedelta(days=(WEEKDAYS[word] - published.weekday()) % 7), "day"
            return published - dt.timedelta(days=offset), "day"
    if "week" in words:
        shift = -7 if "last" in words else 7 if "next" in words else 0
        return published + dt.timedelta(days=shift), "week"
    if "month" in words:
        if "last" in words:
            return (published.replace(day=1) - dt.timedelta(days=1)).replace(day=1), "month"
        return published.replace(day=1), "month"
    for word in words:
        if word in MONTHS and len(word) > 3 or word == "may":
            month = MONTHS[word]
            year = published.year if month <= published.month or future else published.year - 1
            return dt.date(year, month, 1), "month"
    found_year = YEAR.search(text)
    if found_year:
        return dt.date(int(found_year.group(1)), 1, 1), "year"
    if "year" in words and "last" in words:
        return dt.date(published.year - 1, 1, 1), "year"
    return None


def _recent_year(month: int, day: int, published: dt.date | None) -> int | None:
    if published is None:
        return None
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1
