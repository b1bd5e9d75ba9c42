"""Evaluate: precision, recall and F1 of coded events against a gold file.

A gold file is JSONL, one sentence per line: ``{"id", "text", "date",
"events": [{"source", "target", "code"}, ...]}``; a PLOVER gold event gives
``plover`` instead of ``code``. Events are scored at six levels:

root         the CAMEO root (first two digits)
code         the full CAMEO code
dyad_root    source and target countries, and the root
full         source, target and code exactly
plover       the PLOVER event type
dyad_plover  source and target countries, and the PLOVER type

A gold event without actors counts only at the levels that need none; one
without a target matches on its source alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, Messages
from .records import Article, Event
from .sources import parse_date

LEVELS = ("root", "code", "dyad_root", "full", "plover", "dyad_plover")
ACTOR_LEVELS = frozenset({"dyad_root", "full", "dyad_plover"})
# The PLOVER gold records use the 2016 names; communique uses PLOVER 2021's.
PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass(frozen=True)
class GoldEvent:
    source: str | None
    target: str | None
    code: str | None
    plover: str | None


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    date: str | None
    events: tuple[GoldEvent, ...]


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class Scores:
    records: int = 0
    levels: dict[str, Score] = field(default_factory=lambda: {level: Score() for level in LEVELS})

    def as_dict(self) -> dict:
        return {"records": self.records, **{level: score.as_dict() for level, score in self.levels.items()}}


def read_gold(path: str | Path) -> list[GoldRecord]:
    """Read a gold file; a malformed line raises an InputError naming it."""
    records = []
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                events = tuple(
                    GoldEvent(_code(e.get("source")), _code(e.get("target")), e.get("code"), _plover(e.get("plover")))
                    for e in raw.get("events") or ()
                )
                records.append(GoldRecord(str(raw["id"]), raw["text"], raw.get("date"), events))
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
                raise InputError(str(path), Messages.BAD_GOLD.format(detail=repr(error)), number) from None
    return records


def evaluate(
    code: Callable[[Article], list[Event]], records: Iterable[GoldRecord], plover_of: Callable[[str], str]
) -> Scores:
    """Code each gold record's text and score the events against its gold events.

    code: codes one Article (a Coder).
    records: the gold records.
    plover_of: the PLOVER type of a CAMEO code ("" where PLOVER drops it).
    """
    scores = Scores()
    for record in records:
        published = parse_date(_date(record.date), origin=record.id)
        article = Article(id=record.id, text=record.text, published=published, origin=record.id)
        predicted = code(article)
        score_record(scores, record, predicted, plover_of)
    return scores


def score_record(scores: Scores, record: GoldRecord, predicted: list[Event], plover_of: Callable[[str], str]) -> None:
    scores.records += 1
    for level in LEVELS:
        gold = [g for g in record.events if _usable(g, level, plover_of)]
        if not gold and record.events:
            continue  # the record's gold says nothing at this level
        guesses = [e for e in predicted if level not in ("plover", "dyad_plover") or e.plover]
        score = scores.levels[level]
        score.gold += len(gold)
        score.predicted += len(guesses)
        unmatched = list(guesses)
        for item in gold:
            match = next((e for e in unmatched if _matches(level, item, e, plover_of)), None)
            if match is not None:
                unmatched.remove(match)
                score.true_positives += 1


def _usable(gold: GoldEvent, level: str, plover_of) -> bool:
    if level in ACTOR_LEVELS and not gold.source:
        return False
    if level in ("plover", "dyad_plover"):
        return bool(_gold_plover(gold, plover_of))
    return bool(gold.code)


def _matches(level: str, gold: GoldEvent, event: Event, plover_of) -> bool:
    code = gold.code or ""  # only levels that gold events without a code never reach use it
    if level == "root":
        return event.cameo[:2] == code[:2]
    if level == "code":
        return event.cameo == code
    if level == "plover":
        return event.plover == _gold_plover(gold, plover_of)
    if level == "full":
        same_target = gold.target is None or event.target == gold.target
        return event.source == gold.source and same_target and event.cameo == gold.code
    same_dyad = _country(event.source) == _country(gold.source) and (
        gold.target is None or _country(event.target) == _country(gold.target)
    )
    if level == "dyad_root":
        return same_dyad and event.cameo[:2] == code[:2]
    return same_dyad and event.plover == _gold_plover(gold, plover_of)


def _gold_plover(gold: GoldEvent, plover_of) -> str:
    if gold.plover:
        return gold.plover
    return plover_of(gold.code) if gold.code else ""


def _country(code: str | None) -> str:
    return (code or "")[:3]


def _code(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return (value.get("code") or "") + (value.get("sector") or "")
    return str(value) or None


def _plover(value) -> str | None:
    if not value:
        return None
    return PLOVER_RENAMES.get(value.upper(), value.upper())


def _date(value) -> str | None:
    return str(value) if value else None
