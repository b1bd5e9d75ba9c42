"""Merge: one event per happening within a story, and one happening for its reports across stories.

Within a story: a story often repeats its news ("held talks ... The talks ..."): events with
the same source, target, code and date are one event, kept where the story
first says it (the most confident when it says it twice in one sentence). An
event without a target gives way to the same event with one in the same
sentence ("an Israeli airstrike on Gaza killed five people": one airstrike).

Across sentences and stories (``link_happenings``): every report is kept, and
reports of the same happening share a ``happening_id``; ``collect_happenings``
gathers them into Happenings with their mentions and counts.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .records import Event


def merge_events(events: list[Event]) -> list[Event]:
    """Drop repeats of the same event within one story, keeping text order."""
    targeted = {(e.article_id, e.sentence, e.source, e.cameo) for e in events if e.target}
    events = [e for e in events if e.target or (e.article_id, e.sentence, e.source, e.cameo) not in targeted]
    kept: dict[tuple, Event] = {}
    for event in sorted(events, key=lambda event: (event.evidence_start, event.event_id)):
        key = (event.article_id, event.source, event.target, event.cameo, event.date, event.negated)
        current = kept.get(key)
        if current is None or (current.sentence == event.sentence and event.confidence > current.confidence):
            kept[key] = event
    return link_happenings(sorted(kept.values(), key=lambda event: (event.evidence_start, event.event_id)))


# Across stories: reports of one happening.
#
# Two reports are of the same happening when their actors agree up to role
# detail ("KOR" and "KORGOV"; either way round for a reciprocal act), their
# codes share a CAMEO root or one refines the other, their dates can be the
# same day given each date's precision, their places can be the same place,
# and they agree on negation and modality. A report joins the first group
# (oldest first) it agrees with in every member: complete linkage, so that a
# chain of loose matches does not glue two happenings together.

# Roots reporters use for the same act: "attacked" is coded 190 by one and 180 by another.
COMPATIBLE_ROOTS = frozenset({frozenset({"18", "19"}), frozenset({"04", "05"})})
# Roots of acts two actors do together, which reports tell either way round: intents to
# cooperate, consultations, diplomatic and material cooperation, and fighting (a clash).
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "19"})
# How far apart two cities may be and still be the same place ("talks near Geneva" and "in Geneva").
SAME_PLACE_KM = 100.0
# A date that only stands in for the event's (the publication day) covers this many days before it:
# wire copy reports a happening up to a few days late.
PUBLICATION_SPAN = 3
# Two dates a day apart can be one day: time zones, and a report filed after midnight.
DAY_SLACK = 1
# Stored events this many days either side of a new event's dates are compared with it; a month- or
# year-precise stored event starts earlier than that, and is left alone.
LOOK_BACK = 31


@dataclass(frozen=True)
class Report:
    """One report of a happening (a "mention" of it, in GDELT's word): where a story says it."""

    article_id: str
    sentence: int
    evidence: str
    evidence_start: int
    evidence_end: int
    publisher: str = ""


@dataclass(frozen=True)
class Happening:
    """One real-world happening and every report of it.

    event: the report standing for the happening (the most precisely dated, then the surest).
    mentions: each report's article, sentence, evidence and offsets, and publisher.
    """

    happening_id: str
    event: Event
    mentions: tuple[Report, ...]
    n_mentions: int
    n_articles: int
    n_sources: int


def link_happenings(events: list[Event], existing: Sequence[Event] = ()) -> list[Event]:
    """Give each event the ``happening_id`` of the happening it reports.

    events: newly coded events, in any order (they are taken in a fixed order).
    existing: events already grouped (from the store); their ids stay, and new
        events that report their happenings take them. That is what makes
        merging incremental: a new story joins the stored groups without any
        other story being recoded.
    Returns ``events`` in their order, each with its happening_id.
    """
    groups: dict[str, list[Event]] = {}
    for event in sorted(existing, key=_order):
        groups.setdefault(event.happening_id or event.event_id, []).append(event)
    assigned: dict[str, str] = {}
    for event in sorted(events, key=_order):
        found = next((key for key, members in groups.items() if all(same_happening(event, m) for m in members)), None)
        key = found or event.event_id
        groups.setdefault(key, []).append(event)
        assigned[event.event_id] = key
    return [dataclasses.replace(event, happening_id=assigned[event.event_id]) for event in events]


@dataclass(frozen=True)
class Reach:
    """Which stored events new events could report the same happening as, so that a store can
    find them through its indexes instead of reading every event of the weeks around them.

    since, until: the dates (ISO) a stored event must lie between.
    actors: the first letters (up to ``ACTOR_KEY`` of them) of the new events' actor codes, and
        their shorter prefixes: a stored event's source must start so to share an actor with a
        new event's source, or with its target for a reciprocal act. None: any actor.
    roots: the CAMEO roots compatible with the new events' codes.
    articles: the new events' own stories, whose stored events are being replaced.
    """

    since: str
    until: str
    actors: frozenset[str] | None
    roots: frozenset[str]
    articles: frozenset[str]

    def dates(self, event: Event) -> bool:
        """Whether an event's date lies in the reach's window."""
        return bool(event.date) and self.since <= (event.date or "") <= self.until


# Two actor codes told with more or less detail ("KOR", "KORGOV") share their first three letters.
ACTOR_KEY = 3


def reach(events: Sequence[Event]) -> Reach | None:
    """The Reach of new events in the store, or None when none of them is dated (nothing stored can match)."""
    spans = [span for span in map(date_span, events) if span is not None]
    if not spans:
        return None
    since = min(start for start, _ in spans) - dt.timedelta(days=LOOK_BACK)
    until = max(end for _, end in spans) + dt.timedelta(days=LOOK_BACK)
    codes = {code for event in events for code in (event.source, event.target) if code}
    actors = None
    if all(len(code) >= ACTOR_KEY for code in codes):
        actors = frozenset(code[:length] for code in codes for length in range(1, ACTOR_KEY + 1))
    roots = {event.cameo[:2] for event in events}
    roots |= {root for pair in COMPATIBLE_ROOTS if pair & roots for root in pair}
    articles = frozenset(event.article_id for event in events)
    return Reach(since.isoformat(), until.isoformat(), actors, frozenset(roots), articles)


def link_to_stored(events: list[Event], find: Callable[[Reach], Iterable[Event]]) -> list[Event]:
    """``link_happenings`` against stored events: those ``find(reach)`` gives for the Reach of the
    new events, with each of their happenings' other reports in its dates (it may give more; their
    own story's stored events are left out, as it is being replaced)."""
    found = reach(events)
    if found is None:
        return events
    existing = [event for event in find(found) if event.article_id not in found.articles and found.dates(event)]
    return link_happenings(events, existing)


class Linker:
    """Links each new story's events to the earlier reports of the same happenings: those ``find``
    gives from a store, and those linked in this run but not stored yet, kept in memory until
    ``stored`` says they are, so that a run with a database and one without give the same ids.
    ``communique code``, ``watch``, the service and a Dask run all link through one.

    find: the stored events of a Reach (``store.linking.linkable``), or None without a store.
    pending: stories already stored but not linked yet (a Dask run links after its workers
        stored every part): until linked, their stored events are not earlier reports.
    """

    def __init__(self, find: Callable[[Reach], Iterable[Event]] | None = None) -> None:
        self.find = find
        self.unstored: list[Event] = []
        self.pending: set[str] = set()

    def __call__(self, events: list[Event]) -> list[Event]:
        linked = link_to_stored(events, self._earlier)
        self.unstored.extend(event for event in linked if event.date)
        return linked

    def stored(self) -> None:
        """The events linked so far are in the store now: they are found there from here on."""
        if self.find is not None:
            self.unstored.clear()  # memory stays flat however long the run

    def _earlier(self, found: Reach) -> list[Event]:
        kept = [event for event in self.unstored if found.dates(event)]
        if self.find is None:
            return kept
        return [event for event in self.find(found) if event.article_id not in self.pending] + kept


def same_happening(a: Event, b: Event) -> bool:
    """Whether two events can be reports of the same happening (see the rules above)."""
    if a.event_id == b.event_id:
        return True
    if a.negated != b.negated or a.modality != b.modality:
        return False
    return _same_actors(a, b) and _compatible_codes(a.cameo, b.cameo) and _dates_meet(a, b) and _places_meet(a, b)


def collect_happenings(events: list[Event], publishers: dict[str, str] | None = None) -> list[Happening]:
    """Group events by happening_id into Happenings with their mentions and counts, oldest first.

    publishers: each article id's publisher, to count distinct sources.
    """
    publishers = publishers or {}
    grouped: dict[str, list[Event]] = {}
    for event in sorted(events, key=_order):
        grouped.setdefault(event.happening_id or event.event_id, []).append(event)
    found = []
    for key, members in grouped.items():
        mentions = tuple(
            Report(
                e.article_id, e.sentence, e.evidence, e.evidence_start, e.evidence_end, publishers.get(e.article_id, "")
            )
            for e in members
        )
        articles = {e.article_id for e in members}
        sources = {publishers.get(article) or article for article in articles}
        best = min(members, key=lambda e: (PRECISION_RANK.get(e.date_precision, 9), -e.confidence, _order(e)))
        found.append(Happening(key, best, mentions, len(mentions), len(articles), len(sources)))
    return found


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "publication": 3, "year": 4}


def date_span(event: Event) -> tuple[dt.date, dt.date] | None:
    """The days an event's date can stand for, given its precision."""
    if not event.date:
        return None
    day = dt.date.fromisoformat(event.date)
    if event.date_end:
        return day, dt.date.fromisoformat(event.date_end)
    if event.date_precision == "publication":
        return day - dt.timedelta(days=PUBLICATION_SPAN), day
    if event.date_precision == "week":
        return day, day + dt.timedelta(days=6)
    if event.date_precision == "month":
        return day, day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if event.date_precision == "year":
        return day, day.replace(month=12, day=31)
    return day, day


def _same_actors(a: Event, b: Event) -> bool:
    forward = _same_actor(a.source, b.source) and _same_target(a.target, b.target)
    if forward:
        return True
    # "A met B" and "B met A" are one meeting; "A accused B" and "B accused A" are two accusations.
    reciprocal = a.cameo[:2] in RECIPROCAL_ROOTS and b.cameo[:2] in RECIPROCAL_ROOTS
    return reciprocal and _same_actor(a.source, b.target) and _same_actor(a.target, b.source)


def _same_actor(a: str, b: str) -> bool:
    """ "KOR" and "KORGOV" are the same actor told with less detail; "KORGOV" and "KORMIL" are not."""
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))


def _same_target(a: str, b: str) -> bool:
    return not a or not b or _same_actor(a, b)  # one report may leave out the target


def _compatible_codes(a: str, b: str) -> bool:
    return a[:2] == b[:2] or frozenset({a[:2], b[:2]}) in COMPATIBLE_ROOTS


def _dates_meet(a: Event, b: Event) -> bool:
    first, second = date_span(a), date_span(b)
    if first is None or second is None:
        return first is None and second is None and a.article_id == b.article_id
    slack = dt.timedelta(days=DAY_SLACK)
    return first[0] <= second[1] + slack and second[0] <= first[1] + slack


def _places_meet(a: Event, b: Event) -> bool:
    if not a.place or not b.place or a.place == b.place:
        return True
    if "region" in (a.place_precision, b.place_precision):
        return not a.country or not b.country or a.country == b.country or "–" in a.place + b.place
    if a.country and b.country and a.country != b.country:
        return False
    if None in (a.lat, a.lon, b.lat, b.lon):
        return True  # a country and a city in it
    return _km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM  # type: ignore[arg-type]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _order(event: Event) -> tuple:
    return (event.date or "", event.article_id, event.evidence_start, event.event_id)
