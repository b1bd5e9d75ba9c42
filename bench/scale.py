"""Scaling: stories and sentences per second with 1 and 2 local workers and a 2-worker Dask LocalCluster.

    .venv/bin/python bench/scale.py [--copies 4] [--shards 4]

Codes the bundled samples repeated --copies times (each copy with ids of its
own) and, in the same run, times the bare spaCy parse of the same cleaned texts
in one process and in two. Every engine starts warm (pipeline loaded, Dask
workers up and holding their Coder), so the figures are the coding alone:

- bare parse, 1 and 2 processes: ``nlp.pipe`` over the texts (2: spaCy's own
  ``n_process=2``), sentences counted;
- local, 1 and 2 workers: ``Coder.pipe`` (clean, parse, actors, events, where,
  when, merge), in the calling process or in 2 worker processes that each hold
  a Coder, nothing stored;
- dask, 2 workers: ``code_on_dask`` over --shards JSONL shards into Parquet.

Each row gives wall-clock seconds and the CPU seconds every process of the
run used (this one, its workers, spaCy's parsing processes, the Dask
workers). On a machine that other jobs load, the wall clock says how long
this run waited for the cores; the CPU seconds say how much work each way of
running costs, which the other load moves much less. Run it twice and compare.
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


def cpu_seconds() -> float:
    """CPU time used so far by this process and its processes, live (workers) or ended (spaCy's n_process)."""
    used = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        used += usage.ru_utime + usage.ru_stime
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        used += times.user + times.system
    return used


def timed(function) -> tuple[float, float, object]:
    """Run ``function``: its wall-clock seconds, the CPU seconds it used in every process, and its result."""
    cpu = cpu_seconds()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, cpu_seconds() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--shards", type=int, default=4)
    options = parser.parse_args()
    from distributed import Client, LocalCluster

    from communique.cluster import LoadCoder, code_on_dask, find_parts

    articles = corpus(options.copies)
    texts = [clean_article(article).text for article in articles]
    coders = {workers: Coder(Settings(workers=workers)) for workers in (1, 2)}
    coders[2].start_workers()  # warm: both worker processes have loaded their Coder
    nlp = coders[1].nlp
    rows = []
    for processes in (1, 2):
        seconds, cpu, sentences = timed(
            lambda n=processes: sum(len(list(doc.sents)) for doc in nlp.pipe(texts, n_process=n))
        )
        rows.append((f"bare parse, {processes} process{'es' if processes > 1 else ''}", seconds, cpu))
    for workers, coder in coders.items():
        seconds, cpu, _ = timed(lambda c=coder: sum(len(events) for _, events in c.pipe(articles)))
        rows.append((f"local, {workers} worker{'s' if workers > 1 else ''}", seconds, cpu))
        coder.close()
    with tempfile.TemporaryDirectory() as scratch:
        write_shards(articles, Path(scratch), options.shards)
        parts = find_parts([scratch], on_error=print)
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
            with Client(cluster) as client:
                client.register_plugin(LoadCoder(Settings()))  # warm: each worker loads its Coder now
                seconds, cpu, _ = timed(
                    lambda: code_on_dask(parts, Path(scratch) / "out", Settings(), client=client, on_error=print)
                )
        rows.append(("dask, 2 workers", seconds, cpu))
    print(f"stories: {len(articles)}  sentences: {sentences}  load average: {os.getloadavg()[0]:.1f} at the end")
    print(f"{'':26}{'seconds':>9}{'sentences/s':>13}{'stories/s':>11}{'vs bare, 1':>12}{'CPU s':>8}{'vs bare CPU':>13}")
    bare, bare_cpu = rows[0][1], rows[0][2]
    for name, seconds, cpu in rows:
        speed = f"{sentences / seconds:13.1f}{len(articles) / seconds:11.1f}{bare / seconds:12.2f}"
        print(f"{name:26}{seconds:9.1f}{speed}{cpu:8.1f}{bare_cpu / cpu:13.2f}")
    local = {name: seconds for name, seconds, _ in rows}
    print(f"2 workers / 1 worker, local: {local['local, 1 worker'] / local['local, 2 workers']:.2f}")


if __name__ == "__main__":
    main()
