"""Resume (issue 8): a job killed at random points and started again loses no story and stores none twice."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from communique import read_articles
from communique.store import SQLiteStore
from tests.conftest import ROOT, SAMPLES

COPIES = 3  # the 30 samples, each copy with ids of its own: enough that three kills land mid-job on a fast machine
KILLS = 3


def write_corpus(path):
    lines = SAMPLES.read_text(encoding="utf-8").splitlines()
    with open(path, "w", encoding="utf-8") as out:
        for copy in range(COPIES):
            for line in lines:
                record = json.loads(line)
                record["id"] = f"{record['id']}-{copy}"
                out.write(json.dumps(record) + "\n")


def stored(db) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def test_resume_killed_job_started_again_loses_nothing_and_stores_nothing_twice(tmp_path, coder):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    db = tmp_path / "events.db"
    command = [sys.executable, "-m", "communique", "code", str(corpus), "--db", f"sqlite:///{db}"]
    command += ["--batch-size", "2", "--format", "jsonl", "--output", os.devnull]
    rng = random.Random(8)
    counts = []
    for _ in range(KILLS):
        before = stored(db)
        process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
        while process.poll() is None and stored(db) <= before:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.8))  # somewhere in the middle of a batch, or between two
        process.send_signal(signal.SIGKILL)
        process.wait()
        counts.append(stored(db))
    assert counts[0] > 0 and counts[-1] < 30 * COPIES, f"the kills did not land mid-job: {counts}"
    assert counts == sorted(counts), "a killed job lost stories another had stored"
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr

    articles = list(read_articles([corpus]))
    expected = sorted(event.event_id for _, events in coder.pipe(articles) for event in events)
    with SQLiteStore(db) as store:
        assert store.count("articles") == len(articles)
        assert sorted(store.stored_ids([a.id for a in articles], coder.version)) == sorted(a.id for a in articles)
        got = sorted(event["event_id"] for event in store.events())
    assert got == expected  # none lost, none twice (event ids are unique keys, and all are there)


def test_resume_skips_stories_stored_by_this_coder_version_only(tmp_path, coder):
    from communique.pipeline import skip_stored
    from tests.conftest import make_article

    first, second, third = (make_article("Iran met Iraq.", article_id=name) for name in ("a", "b", "c"))
    with SQLiteStore(tmp_path / "s.db") as store:
        store.save_batch([(first, []), (second, [])], coder.version)
        store.save_batch([(third, [])], "an older coder")
        left = [article.id for article in skip_stored([first, second, third], store, coder.version, chunk=2)]
    assert left == ["c"]
