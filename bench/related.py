"""Merging, dates and places on the related-stories corpus (tests/corpus/related).

    .venv/bin/python bench/related.py [--json] [--order published|reverse]

Codes the 44 stories one at a time in publication order (or the reverse), links
each story's events to the happenings of the stories before it as ``communique
code`` does against its database, and prints pairwise merge precision and
recall, date accuracy (exact day, and within the date's precision) and place
accuracy (exact place; right country) against tests/corpus/related/gold.jsonl.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from communique import read_articles
from communique.evaluate_happenings import link_as_stored, read_happenings, score_happenings
from communique.pipeline import Coder

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "related"


def measure(coder: Coder, *, reverse: bool = False) -> dict:
    """Code the corpus, link it story by story, and score it against the gold file."""
    articles = sorted(read_articles([CORPUS / "articles.jsonl"]), key=lambda a: (a.published, a.id), reverse=reverse)
    coded = (events for _, events in coder.pipe(articles))
    return score_happenings(link_as_stored(coded), read_happenings(CORPUS / "gold.jsonl")).as_dict()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--order", choices=("published", "reverse"), default="published")
    options = parser.parse_args()
    figures = measure(Coder(), reverse=options.order == "reverse")
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"reports found: {figures['reports_found']} of {figures['reports']}")
    print(f"merge (pairwise): precision {figures['merge_precision']:.3f}, recall {figures['merge_recall']:.3f}")
    print(f"dates: exact {figures['date_exact']:.3f}, within precision {figures['date_within_precision']:.3f}")
    print(f"places: exact {figures['place_exact']:.3f}, right country {figures['place_country']:.3f}")
    print(f"a place where the stories give none: {figures['place_spurious']:.3f}")
    for miss in figures["misses"]:
        print(f"  not found: {miss}")


if __name__ == "__main__":
    main()
