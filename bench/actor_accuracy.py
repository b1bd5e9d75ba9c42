"""Country-level actor accuracy on matched events, against the development gold files.

A gold event is matched to a coded event of the same CAMEO root (or, for a PLOVER
gold file, the same PLOVER type), preferring one whose actors agree; on the matched
pairs we count how often the source's and the target's countries (first three
letters of the code) are the gold ones. This isolates the actor stage from the
event stage: an event coded with the wrong type is not counted here.

    .venv/bin/python bench/actor_accuracy.py ../shared/data/gold/dev_petr2_gsr.jsonl \
        ../shared/data/gold/dev_plover_gsr.jsonl [--misses]

--misses prints each matched event whose countries differ (for reading, not for
adding table rows: the gold sentences measure, they never teach).
"""

from __future__ import annotations

import sys

import communique
from communique.evaluate import _date, _gold_plover, read_gold
from communique.records import Article
from communique.sources import parse_date


def country(code: str | None) -> str:
    return (code or "")[:3]


def same_kind(gold, event, plover_of) -> bool:
    if gold.code:
        return event.cameo[:2] == gold.code[:2]
    return bool(event.plover) and event.plover == _gold_plover(gold, plover_of)


def agreement(gold, event) -> int:
    source = country(event.source) == country(gold.source)
    target = gold.target is None or country(event.target) == country(gold.target)
    return source + target


def main(paths: list[str], misses: bool) -> None:
    coder = communique.load()
    plover_of = coder.event_coder.codebook.plover
    for path in paths:
        matched = sources = targets = with_target = 0
        for record in read_gold(path):
            article = Article(
                id=record.id, text=record.text, published=parse_date(_date(record.date), origin=record.id)
            )
            events = list(coder(article))
            for gold in record.events:
                if not gold.source:
                    continue
                candidates = [e for e in events if same_kind(gold, e, plover_of)]
                if not candidates:
                    continue
                event = max(candidates, key=lambda e: agreement(gold, e))
                events.remove(event)
                matched += 1
                sources += country(event.source) == country(gold.source)
                if gold.target is not None:
                    with_target += 1
                    targets += country(event.target) == country(gold.target)
                if misses and agreement(gold, event) < 2:
                    print(f"  {record.id}: gold {gold.source}->{gold.target} coded {event.source}->{event.target}")
        both = (sources + targets) / (matched + with_target) if matched else 0.0
        print(
            f"{path}: matched {matched}; source country {sources / max(matched, 1):.3f}, "
            f"target country {targets / max(with_target, 1):.3f}, both {both:.3f}"
        )


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main([a for a in arguments if not a.startswith("--")], "--misses" in arguments)
