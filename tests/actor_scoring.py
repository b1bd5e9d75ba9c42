"""Score the actor stage on our own actor test set (tests/actor_cases/*.yaml).

Each case is a sentence, its date, a kind, and the expected codes of pieces of it;
an expected piece is right when the codes of the actors whose head word lies in it
are exactly the expected ones. Used by tests/test_actor_cases.py and bench/actor_cases.py.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from communique import Article

CASES = Path(__file__).resolve().parent / "actor_cases"
DEFAULT_DATE = dt.date(2024, 5, 1)


@dataclass(frozen=True)
class Expected:
    kind: str
    text: str
    date: dt.date
    piece: str  # the part of the sentence, without its "#n" suffix
    occurrence: int
    codes: frozenset[str]
    origin: str


def load_cases(folder: Path = CASES) -> list[Expected]:
    """Every expected mention of every case file, in file order."""
    expected = []
    for path in sorted(folder.glob("*.yaml")):
        for number, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), start=1):
            day = case.get("date") or DEFAULT_DATE
            for key, value in case["expect"].items():
                piece, _, nth = str(key).partition("#")
                codes = value if isinstance(value, list) else [] if value == "-" else [value]
                origin = f"{path.name} case {number}"
                expected.append(
                    Expected(case["kind"], case["text"], day, piece, int(nth or 1), frozenset(codes), origin)
                )
    return expected


def _span(text: str, piece: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.find(piece, start + 1)
        if start < 0:
            raise ValueError(f"{piece!r} occurs fewer than {occurrence} times in {text!r}")
    return start, start + len(piece)


def coded(coder, text: str, day: dt.date):
    article = Article(id="actor-case", text=text, published=day)
    doc = coder.parser(article.text)
    return [m for m in coder.actor_coder(article, doc) if not m.place]


def score(coder, cases: list[Expected]) -> tuple[dict[str, list[int]], list[str]]:
    """Right and total by kind, and one line for each miss."""
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    memo: dict[tuple[str, dt.date], list] = {}
    for case in cases:
        mentions = memo.setdefault((case.text, case.date), None) or coded(coder, case.text, case.date)
        memo[(case.text, case.date)] = mentions
        start, end = _span(case.text, case.piece, case.occurrence)
        got = frozenset(m.actor.code for m in mentions if start <= m.head < end)
        by_kind[case.kind][1] += 1
        if got == case.codes:
            by_kind[case.kind][0] += 1
        else:
            misses.append(
                f"{case.origin} [{case.kind}] {case.piece!r}: expected {sorted(case.codes)}, got {sorted(got)}"
            )
    return dict(by_kind), misses
