"""Kill and resume: `communique code` killed with SIGKILL at random points, started again, counted.

    .venv/bin/python bench/resume.py [--runs 10] [--copies 2]

Writes the samples --copies times (ids of their own) as one JSONL file, then
runs the same `communique code` command --runs times, each killed at a random
moment after it starts storing, and once more to the end. Compares the store
with an uninterrupted coding of the same stories and prints the runs, the
stories lost and the stories and events stored twice (all three must be 0).
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from communique import read_articles
from communique.pipeline import Coder

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "communique" / "samples" / "articles.jsonl"


def stored(db: Path, query: str = "SELECT COUNT(*) FROM articles"):
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute(query).fetchall()
    except sqlite3.Error:
        return [(0,)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--seed", type=int, default=8)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory() as scratch:
        corpus, db = Path(scratch) / "corpus.jsonl", Path(scratch) / "events.db"
        with open(corpus, "w", encoding="utf-8") as out:
            for copy in range(options.copies):
                for line in SAMPLES.read_text(encoding="utf-8").splitlines():
                    record = json.loads(line)
                    record["id"] = f"{record['id']}-{copy}"
                    out.write(json.dumps(record) + "\n")
        command = [str(Path(sys.executable).parent / "communique"), "code", str(corpus), "--db", f"sqlite:///{db}"]
        command += ["--batch-size", "4", "--format", "jsonl", "--output", "/dev/null"]
        killed_at = []
        for _ in range(options.runs):
            before = stored(db)[0][0]
            process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
            while process.poll() is None and stored(db)[0][0] <= before:
                time.sleep(0.02)
            time.sleep(rng.uniform(0, 1.5))
            process.send_signal(signal.SIGKILL)
            process.wait()
            killed_at.append(stored(db)[0][0])
            print(f"run {len(killed_at)}: killed with {killed_at[-1]} stories stored", flush=True)
        subprocess.run(command, stderr=subprocess.DEVNULL, check=True)
        articles = list(read_articles([corpus]))
        expected = Counter(event.event_id for _, events in Coder().pipe(articles) for event in events)
        ids = Counter(row[0] for row in stored(db, "SELECT id FROM articles"))
        events = Counter(row[0] for row in stored(db, "SELECT event_id FROM events"))
    lost = len({a.id for a in articles} - set(ids))
    twice = sum(1 for count in ids.values() if count > 1)
    events_twice = sum(count - expected.get(key, 0) for key, count in events.items() if count > expected.get(key, 0))
    events_lost = sum((expected - events).values())
    print(f"stories: {len(articles)}  runs killed: {options.runs}  then one run to the end")
    print(
        f"stories lost: {lost}  stories stored twice: {twice}  events lost: {events_lost}  events twice: {events_twice}"
    )


if __name__ == "__main__":
    main()
