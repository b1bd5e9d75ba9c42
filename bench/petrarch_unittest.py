"""The PETRARCH unit tests coded with PETRARCH's validation dictionaries, and why records fail.

    python bench/petrarch_unittest.py [GOLD.jsonl] [DICTIONARY_FOLDER]

Defaults: ../shared/data/gold/dev_petr_unittest.jsonl and ../shared/data/petr_validation_dicts/.
Loads PETR.Validate.{verbs,discards}.txt with --lexicon and PETR.Validate.{actors,agents}.txt
with --actors, codes each record and sorts each gold event into one kind: matched (actors
and code), right code with other actors, a code outside the CAMEO codebook (the
dictionaries' WEIS codes, which communique cannot emit), or no event with that code. Prints
the counts by test category (the gold's ``category``) and over all.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from communique import Article, Settings
from communique.evaluate import read_gold
from communique.pipeline import Coder
from communique.sources import parse_date

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
KINDS = ("matched", "other actors", "code not in CAMEO", "no event with the code")


def main() -> None:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED / "gold" / "dev_petr_unittest.jsonl"
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else SHARED / "petr_validation_dicts"
    settings = Settings(
        lexicon=[folder / "PETR.Validate.verbs.txt", folder / "PETR.Validate.discards.txt"],
        actors=[folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"],
    )
    coder = Coder(settings)
    codebook = coder.event_coder.codebook
    categories = {json.loads(line)["id"]: json.loads(line).get("category", "") for line in gold.open()}
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    empty = Counter()
    for record in read_gold(gold):
        day = parse_date(record.date, origin=record.id) if record.date else None
        events = coder(Article(id=record.id, text=record.text, published=day, origin=record.id))
        category = categories.get(record.id) or record.id.split("-")[0]
        if not record.events:
            empty["none expected, none coded" if not events else "none expected, some coded"] += 1
        left = list(events)
        for item in record.events:
            kind = _kind(item, left, codebook)
            by_category[category][kind] += 1
    total: Counter[str] = Counter()
    print(f"{'category':<14}" + "".join(f"{kind:>24}" for kind in KINDS))
    for category in sorted(by_category):
        counts = by_category[category]
        total.update(counts)
        print(f"{category:<14}" + "".join(f"{counts[kind]:>24}" for kind in KINDS))
    print(f"{'all':<14}" + "".join(f"{total[kind]:>24}" for kind in KINDS))
    for kind, count in sorted(empty.items()):
        print(f"records with no gold event: {kind}: {count}")


def _kind(item, left: list, codebook) -> str:
    same_code = [e for e in left if e.cameo == item.code]
    full = next((e for e in same_code if e.source == item.source and item.target in (None, e.target)), None)
    if full is not None:
        left.remove(full)
        return "matched"
    if same_code:
        left.remove(same_code[0])
        return "other actors"
    if item.code not in codebook:
        return "code not in CAMEO"
    return "no event with the code"


if __name__ == "__main__":
    main()
