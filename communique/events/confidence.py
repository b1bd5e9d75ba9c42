"""Confidence: how often an event coded this way is right, from a calibration table.

An event's confidence is looked up by how it was coded (``basis``) and how much of its
dyad is known (``actors``), in ``data/cameo/confidence.tsv``. The table is measured, not
guessed: ``docs/make_confidence_table.py`` codes our own cases (tests/cases/*.yaml),
counts how many events of each kind match an expected event, and writes the rate
(smoothed toward one half for small counts) with the count beside it. Rerun it after
changing the lexicon or the cases; ``docs/confidence.md`` shows the held-out calibration.

basis    pattern   a verb entry with pattern words ("hold [talk]")
         verb      a verb entry by its lemma alone ("criticise")
         noun      an event noun with its actors ("the talks between A and B")
         frame     an event inside a frame ("agreed to", "urged X to", "demanded that")
         reported  the event of a reported clause ("said it would send aid")
actors   dyad      a source and a target, both of known country
         source    a source of known country, no target
         partial   a source or target of unknown country ("---")
"""

from __future__ import annotations

from pathlib import Path

from ..records import Actor
from ..tables import DATA_DIR, read_table

CONFIDENCE_PATH = DATA_DIR / "cameo" / "confidence.tsv"
CONFIDENCE_COLUMNS = ("basis", "actors", "confidence", "events")
# For a kind of event the cases never produced: no better than a coin.
UNMEASURED = 0.5


def load_confidence(path: Path = CONFIDENCE_PATH) -> dict[tuple[str, str], float]:
    """The calibration table: (basis, actors) -> share of such events that were right."""
    return {(row["basis"], row["actors"]): float(row["confidence"]) for row in read_table(path, CONFIDENCE_COLUMNS)}


def actors_kind(source: Actor, target: Actor | None) -> str:
    """How much of the dyad is known: "dyad", "source" or "partial"."""
    known = [actor for actor in (source, target) if actor is not None]
    if any(not _placed(actor) for actor in known):
        return "partial"
    return "dyad" if target is not None else "source"


def _placed(actor: Actor) -> bool:
    return actor.country not in ("", "---") or actor.code.startswith(("IGO", "NGO"))
