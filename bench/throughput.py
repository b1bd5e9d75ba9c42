"""Throughput: end-to-end coding against the bare spaCy parse of the same texts.

    .venv/bin/python bench/throughput.py [--copies 20] [--workers 1]

Codes the bundled sample articles repeated ``--copies`` times (each copy a new
article id) and prints sentences and stories per second for the bare parse
(``nlp.pipe`` over the cleaned texts, with the pipeline package as spaCy loads
it) and for the whole Coder (clean, parse, actors, events, where, when, merge),
and their ratio. Both run in this process, alternating, with the pipeline
already loaded; the fastest of ``--repeat`` runs of each counts. With one
worker the CPU seconds of this process are the whole work, and other jobs on
the machine move them much less than the wall clock.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path

import spacy

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
    parser.add_argument("--repeat", type=int, default=2, help="runs of each, alternating; the fastest counts")
    options = parser.parse_args()
    coder = Coder(Settings(workers=options.workers, batch_size=options.batch_size))
    articles = corpus(options.copies)
    texts = [clean_article(article).text for article in articles]
    # The stock pipeline of the same package: the coder's own gives the same annotations, faster.
    nlp = spacy.load(f"{coder.nlp.meta['lang']}_{coder.nlp.meta['name']}")
    nlp("Warm-up sentence for the pipeline.")

    bare_times, full_times, bare_cpu, full_cpu = [], [], [], []
    for _ in range(options.repeat):
        # Alternating the two runs spreads whatever else the machine is doing over both.
        start, cpu = time.perf_counter(), time.process_time()
        docs = nlp.pipe(texts, batch_size=options.batch_size, n_process=options.workers)
        sentences = sum(len(list(doc.sents)) for doc in docs)
        bare_times.append(time.perf_counter() - start)
        bare_cpu.append(time.process_time() - cpu)

        start, cpu = time.perf_counter(), time.process_time()
        events = sum(len(found) for _, found in coder.pipe(articles))
        full_times.append(time.perf_counter() - start)
        full_cpu.append(time.process_time() - cpu)
    bare, full = min(bare_times), min(full_times)

    print(f"stories: {len(articles)}  sentences: {sentences}  events: {events}  workers: {options.workers}")
    print(f"{'':14}{'seconds':>10}{'sentences/s':>14}{'stories/s':>12}{'CPU s':>8}")
    for name, seconds, cpu in (("bare parse", bare, min(bare_cpu)), ("end to end", full, min(full_cpu))):
        print(f"{name:14}{seconds:10.2f}{sentences / seconds:14.1f}{len(articles) / seconds:12.1f}{cpu:8.2f}")
    print(f"end to end / bare parse speed: {bare / full:.2f}, in CPU seconds: {min(bare_cpu) / min(full_cpu):.2f}")


if __name__ == "__main__":
    main()
