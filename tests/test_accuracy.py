"""Accuracy on the development gold sets may not fall below the floors in eval_baseline.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.evaluate import evaluate, read_gold
from tests.conftest import SHARED_DATA

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text(encoding="utf-8"))
GOLD_FILES = sorted(name for name in BASELINE if not name.startswith("_"))


@pytest.mark.parametrize("name", GOLD_FILES)
def test_accuracy_stays_above_the_pinned_floor(coder, name):
    path = SHARED_DATA / "gold" / name
    if not path.exists():
        pytest.skip(f"gold file {path} is not present")
    scores = evaluate(coder, read_gold(path), coder.event_coder.codebook.plover)
    below = {
        level: (round(scores.levels[level].f1, 3), floor)
        for level, floor in BASELINE[name].items()
        if scores.levels[level].f1 < floor
    }
    assert below == {}, f"F1 fell below the floor (found, floor): {below}"
