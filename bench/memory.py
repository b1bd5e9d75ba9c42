"""Peak memory while coding many stories: is it flat from the first stories to the last?

    .venv/bin/python bench/memory.py [--stories 100000] [--workers 2]

Writes a synthetic corpus of --stories stories (each two to four paragraphs
drawn at random from the bundled samples, with an id and a date of its own),
runs `communique code` on it as a user would (streaming, stored into a fresh
SQLite file), and samples with psutil, every --every seconds, the resident
memory of the command and of each worker process, and how many stories are
stored. Prints the peak per process, the memory at the first 10% and the last
10% of the stories, and the throughput. Each sample line also gives the
command's memory that no file backs (resident minus shared: the Python heap and
SQLite's page cache, not mapped files such as SQLite's WAL index), to tell
growth of the process's own data from pages of files it maps. --seconds stops a run that would
take longer and reports what it reached.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "communique" / "samples" / "articles.jsonl"


def write_corpus(path: Path, stories: int, seed: int = 8) -> None:
    rng = random.Random(seed)
    paragraphs = []
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        paragraphs += [p for p in text.split("\n\n") if len(p.split()) > 8]
    with open(path, "w", encoding="utf-8") as out:
        for number in range(stories):
            text = "\n\n".join(rng.sample(paragraphs, rng.randint(2, 4)))
            day = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            out.write(json.dumps({"id": f"m{number}", "text": text, "published": day}) + "\n")


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--every", type=float, default=5.0, help="seconds between samples")
    parser.add_argument("--seconds", type=float, default=0, help="stop the run after this long (0: run to the end)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus, db = Path(scratch) / "corpus.jsonl", Path(scratch) / "events.db"
        write_corpus(corpus, options.stories)
        print(f"corpus: {options.stories} stories, {corpus.stat().st_size / 1e6:.0f} MB", flush=True)
        command = [str(Path(sys.executable).parent / "communique"), "code", str(corpus), "--db", f"sqlite:///{db}"]
        command += ["--workers", str(options.workers), "--format", "jsonl", "--output", "/dev/null"]
        started = time.monotonic()
        process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        main_process = psutil.Process(process.pid)
        samples = []  # (seconds, stories stored, {pid: rss}, the command's anonymous memory)
        roles: dict[int, str] = {process.pid: "command"}
        peaks: dict[int, int] = {}
        while process.poll() is None:
            time.sleep(options.every)
            if options.seconds and time.monotonic() - started > options.seconds:
                print(f"time budget of {options.seconds:.0f} s spent: stopping the run", flush=True)
                for child in main_process.children(recursive=True):
                    child.kill()
                process.kill()
                process.wait()
                break
            try:
                processes = [main_process, *main_process.children(recursive=True)]
                infos = {p.pid: p.memory_info() for p in processes}
                rss = {pid: info.rss for pid, info in infos.items()}
                anonymous = infos[process.pid].rss - infos[process.pid].shared
                for child in processes:
                    roles.setdefault(child.pid, "worker" if "spawn_main" in " ".join(child.cmdline()) else "helper")
            except psutil.Error:
                continue
            for pid, size in rss.items():
                peaks[pid] = max(peaks.get(pid, 0), size)
            count = stored(db)
            samples.append((time.monotonic() - started, count, rss, anonymous))
            print(
                f"{samples[-1][0]:7.0f} s  {count:7d} stories  "
                + "  ".join(f"{size / 2**20:6.0f} MB" for size in rss.values())
                + f"  (command unshared {anonymous / 2**20:.0f} MB)",
                flush=True,
            )
        seconds = time.monotonic() - started
        total = stored(db)
    print(
        f"stories stored: {total} of {options.stories} in {seconds:.0f} s ({total / seconds:.1f} stories/s), "
        f"workers: {options.workers}, exit status {process.returncode}, "
        f"load average (1, 5, 15 min): {' '.join(f'{value:.1f}' for value in os.getloadavg())}"
    )
    for pid, size in peaks.items():
        role = roles.get(pid, "helper")  # a helper: multiprocessing's resource tracker
        print(f"peak resident memory, {role} {pid}: {size / 2**20:.0f} MB")
    if samples:
        early = [s for s in samples if s[1] <= total * 0.1] or samples[:1]
        late = [s for s in samples if s[1] >= total * 0.9] or samples[-1:]
        for name, chosen in (("first 10%", early), ("last 10%", late)):
            biggest = max(max(s[2].values()) for s in chosen)
            summed = max(sum(s[2].values()) for s in chosen)
            unshared = max(s[3] for s in chosen)
            print(
                f"{name}: largest process {biggest / 2**20:.0f} MB, all processes {summed / 2**20:.0f} MB, "
                f"command unshared {unshared / 2**20:.0f} MB"
            )


if __name__ == "__main__":
    main()
