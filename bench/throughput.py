"""Throughput: end-to-end coding against the bare spaCy parse of the same texts.

    .venv/bin/python bench/throughput.py [--copies 20] [--workers 1]

Codes the bundled sample articles repeated ``--copies`` times (each copy a new
article id) and prints sentences and stories per second for the bare parse
(``nlp.pipe`` over the cleaned texts) and for the whole Coder (clean, parse,
actors, events, where, when, merge), and their ratio. Both run in this process,
one after the other, with the pipeline already loaded.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path

from communique import Settings, read_articles
from communique.clean import clean_article
from communique.pipeline import Coder

SAMPLES = Path(__file__).resolve().parent.parent / "communique" / "samples"


def corpus(copies: int):
    articles = list(read_articles([SAMPLES]))
    return [dataclasses.replace(article, id=f"{article.id}-{n}") for n in range(copies) for article in articles]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    options = parser.parse_args()
    coder = Coder(Settings(workers=options.workers, batch_size=options.batch_size))
    articles = corpus(options.copies)
    texts = [clean_article(article).text for article in articles]
    coder.nlp("Warm-up sentence for the pipeline.")

    start = time.perf_counter()
    sentences = sum(
        len(list(doc.sents)) for doc in coder.nlp.pipe(texts, batch_size=options.batch_size, n_process=options.workers)
    )
    bare = time.perf_counter() - start

    start = time.perf_counter()
    events = sum(len(found) for _, found in coder.pipe(articles))
    full = time.perf_counter() - start

    print(f"stories: {len(articles)}  sentences: {sentences}  events: {events}  workers: {options.workers}")
    print(f"{'':14}{'seconds':>10}{'sentences/s':>14}{'stories/s':>12}")
    for name, seconds in (("bare parse", bare), ("end to end", full)):
        print(f"{name:14}{seconds:10.2f}{sentences / seconds:14.1f}{len(articles) / seconds:12.1f}")
    print(f"end to end / bare parse speed: {bare / full:.2f}")


if __name__ == "__main__":
    main()
