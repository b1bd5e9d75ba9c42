"""Scaling: stories and sentences per second with 1 and 2 local workers and a 2-worker Dask LocalCluster.

    .venv/bin/python bench/scale.py [--copies 4] [--shards 4] [--no-dask]

Codes the bundled samples repeated --copies times (each copy with ids of its
own) and, in the same run, times the bare spaCy parse of the same cleaned texts
in one process and in two. Every engine starts warm (pipeline loaded, Dask
workers up and holding their Coder), so the figures are the coding alone:

- bare parse, 1 and 2 processes: ``nlp.pipe`` over the texts (2: spaCy's own
  ``n_process=2``), sentences counted, with the pipeline package as spaCy
  loads it (the coder's own gives the same annotations, faster);
- local, 1 and 2 workers: ``Coder.pipe`` (clean, parse, actors, events, where,
  when, merge), in the calling process or in 2 worker processes that each hold
  a Coder, nothing stored;
- dask, 2 workers: ``code_on_dask`` over --shards JSONL shards into Parquet.

Each row gives wall-clock seconds and the CPU seconds every process of the
run used (this one, its workers, spaCy's parsing processes, the Dask
workers). On a machine that other jobs load, the wall clock says how long
this run waited for the cores; the CPU seconds say how much work each way of
running costs, which the other load moves much less; "this process" is the part
of them spent in the calling process (reading and collecting, when workers
code). Run it twice and compare.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import tempfile
import time
from pathlib import Path

import psutil
import spacy

from communique import Settings, read_articles
from communique.clean import clean_article
from communique.pipeline import Coder

SAMPLES = Path(__file__).resolve().parent.parent / "communique" / "samples"


def corpus(copies: int):
    articles = list(read_articles([SAMPLES]))
    return [dataclasses.replace(article, id=f"{article.id}-{n}") for n in range(copies) for article in articles]


def write_shards(articles, directory: Path, shards: int) -> None:
    for number in range(shards):
        with open(directory / f"shard-{number:03d}.jsonl", "w", encoding="utf-8") as out:
            for article in articles[number::shards]:
                record = {"id": article.id, "text": article.text, "title": article.title}
                record["published"] = article.published.isoformat() if article.published else None
                out.write(json.dumps(record) + "\n")


def cpu_seconds() -> tuple[float, float]:
    """CPU time used so far by this process, and by its processes, live (workers) or ended (spaCy's n_process)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    own = usage.ru_utime + usage.ru_stime
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    others = usage.ru_utime + usage.ru_stime
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        others += times.user + times.system
    return own, others


def timed(function) -> tuple[float, float, float, object]:
    """Run ``function``: its wall-clock seconds, the CPU seconds it used in every process and in this one
    (the reading and collecting one, when workers code), and its result."""
    own, others = cpu_seconds()
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    own_after, others_after = cpu_seconds()
    return seconds, own_after + others_after - own - others, own_after - own, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask run (a quicker comparison)")
    options = parser.parse_args()
    articles = corpus(options.copies)
    texts = [clean_article(article).text for article in articles]
    coders = {workers: Coder(Settings(workers=workers)) for workers in (1, 2)}
    coders[2].start_workers()  # warm: both worker processes have loaded their Coder
    # The bare parse runs the stock pipeline of the same package, as spaCy loads it: the coder's
    # own (parse.load_pipeline) gives the same annotations with a faster attribute ruler.
    nlp = spacy.load(f"{coders[1].nlp.meta['lang']}_{coders[1].nlp.meta['name']}")
    rows = []
    for processes in (1, 2):
        seconds, cpu, own, sentences = timed(
            lambda n=processes: sum(len(list(doc.sents)) for doc in nlp.pipe(texts, n_process=n))
        )
        rows.append((f"bare parse, {processes} process{'es' if processes > 1 else ''}", seconds, cpu, own))
    for workers, coder in coders.items():
        seconds, cpu, own, _ = timed(lambda c=coder: sum(len(events) for _, events in c.pipe(articles)))
        rows.append((f"local, {workers} worker{'s' if workers > 1 else ''}", seconds, cpu, own))
        coder.close()
    if not options.no_dask:
        rows.append(dask_row(articles, options.shards))
    print(f"stories: {len(articles)}  sentences: {sentences}  load average: {os.getloadavg()[0]:.1f} at the end")
    header = f"{'seconds':>9}{'sentences/s':>13}{'stories/s':>11}{'vs bare, 1':>12}{'CPU s':>8}{'vs bare CPU':>13}"
    print(f"{'':26}{header}{'this process':>14}")
    bare, bare_cpu = rows[0][1], rows[0][2]
    for name, seconds, cpu, own in rows:
        speed = f"{sentences / seconds:13.1f}{len(articles) / seconds:11.1f}{bare / seconds:12.2f}"
        print(f"{name:26}{seconds:9.1f}{speed}{cpu:8.1f}{bare_cpu / cpu:13.2f}{own:14.1f}")
    local = {name: seconds for name, seconds, _, _ in rows}
    print(f"2 workers / 1 worker, local: {local['local, 1 worker'] / local['local, 2 workers']:.2f}")


def dask_row(articles, shards: int) -> tuple[str, float, float, float]:
    """Code the stories on a 2-worker Dask LocalCluster (workers warm), from JSONL shards into Parquet."""
    from distributed import Client, LocalCluster

    from communique.cluster import LoadCoder, code_on_dask, find_parts

    with tempfile.TemporaryDirectory() as scratch:
        write_shards(articles, Path(scratch), shards)
        parts = find_parts([scratch], on_error=print)
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
            with Client(cluster) as client:
                client.register_plugin(LoadCoder(Settings()))  # warm: each worker loads its Coder now
                seconds, cpu, own, _ = timed(
                    lambda: code_on_dask(parts, Path(scratch) / "out", Settings(), client=client, on_error=print)
                )
    return "dask, 2 workers", seconds, cpu, own


if __name__ == "__main__":
    main()
