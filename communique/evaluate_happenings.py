"""Scoring merging, dates and places against a gold file of happenings and their reports.

The gold file (JSONL) has one happening a line: ``happening`` (its id),
``date``, ``place`` and ``country`` (empty when the stories do not say where),
and ``reports``: for each article that reports it, the ``source`` and
``target`` countries and the CAMEO ``root`` of the reporting event. A report
is found when its article has a coded event with those countries (either way
round for a reciprocal root) and that root (or a compatible one).

Merging is scored pairwise over the found reports of different articles: a
pair is predicted the same happening when the two events share a
happening_id, and is the same when the gold says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .errors import InputError, Messages
from .merge import COMPATIBLE_ROOTS, RECIPROCAL_ROOTS, Linker, date_span
from .records import Event


@dataclass(frozen=True)
class GoldReport:
    article: str
    source: str
    target: str
    root: str


@dataclass(frozen=True)
class GoldHappening:
    happening: str
    date: str
    place: str
    country: str
    reports: tuple[GoldReport, ...]


@dataclass
class HappeningScores:
    """Pairwise merge precision and recall, and date and place accuracy of the found reports."""

    reports: int = 0
    found: int = 0
    pairs_predicted: int = 0
    pairs_gold: int = 0
    pairs_right: int = 0
    dates_exact: int = 0
    dates_within: int = 0
    places_gold: int = 0
    places_right: int = 0
    countries_right: int = 0
    placeless: int = 0
    places_spurious: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.pairs_right / self.pairs_predicted if self.pairs_predicted else 0.0

    @property
    def recall(self) -> float:
        return self.pairs_right / self.pairs_gold if self.pairs_gold else 0.0

    def as_dict(self) -> dict:
        share = lambda part, whole: round(part / whole, 3) if whole else 0.0  # noqa: E731
        return {
            "reports": self.reports,
            "reports_found": self.found,
            "merge_precision": round(self.precision, 3),
            "merge_recall": round(self.recall, 3),
            "pairs": {"predicted": self.pairs_predicted, "gold": self.pairs_gold, "right": self.pairs_right},
            "date_exact": share(self.dates_exact, self.found),
            "date_within_precision": share(self.dates_within, self.found),
            "place_exact": share(self.places_right, self.places_gold),
            "place_country": share(self.countries_right, self.places_gold),
            "place_spurious": share(self.places_spurious, self.placeless),
            "misses": self.misses,
        }


def read_happenings(path: Path) -> list[GoldHappening]:
    """Read a gold file of happenings; a malformed line raises InputError naming it."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            reports = tuple(GoldReport(r["article"], r["source"], r["target"], r["root"]) for r in row["reports"])
            found.append(GoldHappening(row["happening"], row["date"], row["place"], row["country"], reports))
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError(str(path), Messages.BAD_GOLD.format(detail=repr(error)), number) from None
    return found


def score_happenings(events: Iterable[Event], gold: list[GoldHappening]) -> HappeningScores:
    """Score linked events (each with its happening_id) against the gold happenings."""
    by_article: dict[str, list[Event]] = {}
    for event in sorted(events, key=lambda e: (e.article_id, e.evidence_start, e.event_id)):
        by_article.setdefault(event.article_id, []).append(event)
    scores = HappeningScores()
    found: list[tuple[str, str, Event]] = []  # (gold happening, article, event)
    for happening in gold:
        for report in happening.reports:
            scores.reports += 1
            reporting = find_report(report, by_article.get(report.article, []))
            if reporting is None:
                scores.misses.append(f"{report.article}: {report.source}-{report.target} {report.root}")
                continue
            scores.found += 1
            found.append((happening.happening, report.article, reporting))
            _score_date_and_place(scores, happening, reporting)
    for (gold_a, article_a, event_a), (gold_b, article_b, event_b) in combinations(found, 2):
        if article_a == article_b:
            continue
        same = gold_a == gold_b
        predicted = event_a.happening_id == event_b.happening_id
        scores.pairs_gold += same
        scores.pairs_predicted += predicted
        scores.pairs_right += same and predicted
    return scores


def find_report(report: GoldReport, events: list[Event]) -> Event | None:
    """The first event of an article that reports the gold report's act."""
    for event in events:
        root = event.cameo[:2]
        if root != report.root and frozenset({root, report.root}) not in COMPATIBLE_ROOTS:
            continue
        dyad = (event.source[:3], event.target[:3])
        if dyad == (report.source, report.target):
            return event
        if root in RECIPROCAL_ROOTS and dyad == (report.target, report.source):
            return event
    return None


def _score_date_and_place(scores: HappeningScores, happening: GoldHappening, event: Event) -> None:
    scores.dates_exact += event.date == happening.date
    span = date_span(event)
    scores.dates_within += span is not None and span[0].isoformat() <= happening.date <= span[1].isoformat()
    if happening.place:
        scores.places_gold += 1
        scores.places_right += _same_place(event.place, happening.place)
        scores.countries_right += not happening.country or event.country == happening.country
    else:
        scores.placeless += 1
        scores.places_spurious += bool(event.place)


def _same_place(found: str, gold: str) -> bool:
    if found.endswith(" border") and gold.endswith(" border"):  # a border is the same either way round
        return set(found.removesuffix(" border").split("–")) == set(gold.removesuffix(" border").split("–"))
    return found == gold


def link_as_stored(coded: Iterable[list[Event]]) -> list[Event]:
    """Link stories' events one story after another, each against those before it, as
    ``communique code`` does against its database."""
    linker = Linker()
    return [event for events in coded for event in linker(events)]
