"""Load test of ``communique serve``: 50 concurrent clients against uvicorn on 127.0.0.1.

    .venv/bin/python bench/serve_load.py [--events 1000000] [--clients 50] [--seconds 20]
                                         [--db PATH | --postgres URL] [--cache-mb MB] [--workers N]

Makes up ``--events`` events (ten a story, 2015-2024, 40 countries with roles) and
writes them straight into a fresh SQLite file with executemany (not timed, a few
minutes: the triggers of migration 0007 fill dyad_happenings as they go), starts
the real command ``communique serve`` on a free local port, and runs ``--clients``
asyncio clients for ``--seconds`` against each of two kinds of request, one kind
at a time:

- event list: ``/api/events`` pages of 100, with a random dyad, CAMEO root or
  date window, half of them the next page by cursor;
- dyad series: ``/api/dyads`` for a random pair of countries, weekly, ten years.

It prints requests per second, the 50th and 99th percentile latency of each, how
many answers came from the server's cache (``--cache-mb 0`` switches it off, so
every request queries the database), and the load average. ``--workers`` is the
server's ``--workers`` (processes). ``--postgres URL`` writes the events by COPY
into a schema of their own on that PostgreSQL server (dropped at the end) and
serves them from there. Each client keeps one HTTP/1.1 connection and speaks it
with a few lines of asyncio: the load runs on the same cores as the server, and
httpx spent three times the server's CPU a request.
Every request goes to 127.0.0.1 and the loop stops by itself. The machine is
shared with other work, so figures move from run to run; compare within a run.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx
import orjson

from communique.store import open_store
from communique.store.sql import ARTICLE_COLUMNS, STORED_FIELDS

COUNTRIES = (
    "AFG BRA CAN CHN COL DEU EGY ETH FRA GBR IDN IND IRN IRQ ISR JPN KEN KOR LBN MEX "
    "NGA PAK PHL POL PRK PSE RUS SAU SDN SOM SYR TUR TWN UKR USA VEN YEM ZAF IGOUNO NGO"
).split()
ROLES = ("", "", "GOV", "MIL", "GOV", "OPP", "CVL")
CODES = (  # (code, name, goldstein, quad_class, plover)
    ("010", "Make statement", 0.0, 1, ""),
    ("036", "Express intent to meet or negotiate", 4.0, 1, "AGREE"),
    ("040", "Consult", 1.0, 1, "CONSULT"),
    ("042", "Make a visit", 1.9, 1, "CONSULT"),
    ("057", "Sign formal agreement", 8.0, 1, "AGREE"),
    ("070", "Provide aid", 7.0, 2, "AID"),
    ("111", "Criticize or denounce", -2.0, 3, "ACCUSE"),
    ("130", "Threaten", -4.4, 3, "THREATEN"),
    ("173", "Arrest, detain", -5.0, 4, "COERCE"),
    ("190", "Use conventional military force", -10.0, 4, "ASSAULT"),
)
FIRST_DAY = dt.date(2015, 1, 1).toordinal()
DAYS = 3653
PER_STORY = 10


def made_up_rows(count: int, seed: int = 11) -> Iterator[tuple[list[tuple], list[tuple]]]:
    """``count`` made-up events and their stories, as rows of the articles and events tables,
    100,000 events at a time."""
    chance = random.Random(seed)
    for first in range(0, count, 100_000):
        articles, events = [], []
        for number in range(first, min(count, first + 100_000)):
            story = f"load-{number // PER_STORY:07d}"
            if number % PER_STORY == 0:
                day = dt.date.fromordinal(FIRST_DAY + chance.randrange(DAYS)).isoformat()
                text = f"Made-up story {story} for the load test."
                articles.append((story, "", "", "Load", day, "en", "", text, "[]", "bench", "load-1"))
            events.append(_event(chance, number, story, day))
        yield articles, events


def make_database(path: Path, count: int) -> None:
    """A fresh SQLite store holding ``count`` made-up events, written with executemany."""
    open_store(f"sqlite:///{path}").close()  # the schema, through the store's own migrations
    db = sqlite3.connect(path)
    article_insert = (
        f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})"
    )
    event_insert = f"INSERT INTO events ({', '.join(STORED_FIELDS)}) VALUES ({', '.join('?' * len(STORED_FIELDS))})"
    with db:
        for articles, events in made_up_rows(count):
            db.executemany(article_insert, articles)
            db.executemany(event_insert, events)
    db.execute("ANALYZE")
    db.close()


@contextmanager
def postgres_database(url: str, count: int) -> Iterator[str]:
    """A schema of its own on a PostgreSQL server holding ``count`` made-up events (written by
    COPY; the store's triggers fill dyad_happenings as they go), dropped afterwards. Yields the
    database URL that reads that schema."""
    import psycopg

    schema = f"communique_load_{uuid.uuid4().hex[:8]}"
    separator = "&" if "?" in url else "?"
    scoped = f"{url}{separator}options=-csearch_path%3D{schema}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            open_store(scoped).close()  # the schema, through the store's own migrations
            with psycopg.connect(scoped) as db, db.cursor() as cursor:
                for articles, events in made_up_rows(count):
                    for table, columns, rows in (
                        ("articles", ARTICLE_COLUMNS, articles),
                        ("events", STORED_FIELDS, events),
                    ):
                        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                            for row in rows:
                                copy.write_row(row)
                db.commit()
            with psycopg.connect(scoped, autocommit=True) as db:
                db.execute("VACUUM ANALYZE")  # statistics for the planner; index-only scans
            yield scoped
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def _event(chance: random.Random, number: int, story: str, day: str) -> tuple:
    source, target = chance.sample(COUNTRIES, 2)
    source, target = source + chance.choice(ROLES), target + chance.choice(ROLES)
    code, name, goldstein, quad_class, plover = chance.choice(CODES)
    event_id = f"e{number:08d}"
    row = {
        "event_id": event_id,
        "article_id": story,
        "sentence": number % PER_STORY,
        "date": day,
        "date_precision": "day",
        "source": source,
        "source_name": "",
        "target": target,
        "target_name": "",
        "cameo": code,
        "cameo_name": name,
        "goldstein": goldstein,
        "quad_class": quad_class,
        "plover": plover,
        "plover_mode": "",
        "place": "",
        "country": "",
        "lat": None,
        "lon": None,
        "trigger": "said",
        "evidence": "Made-up story",
        "evidence_start": 0,
        "evidence_end": 13,
        "quote_speaker": "",
        "negated": 0,
        "modality": "asserted",
        "confidence": 0.9,
        "coder_version": "load-1",
        "happening_id": event_id,
        "date_end": None,
        "place_precision": "",
        "place_confidence": 0.0,
        "time": "",
        "time_zone": "",
    }
    return tuple(row[name] for name in STORED_FIELDS)


def event_list_request(chance: random.Random, cursors: list[str]) -> tuple[str, dict]:
    if cursors and chance.random() < 0.5:
        return "/api/events", {"after": chance.choice(cursors), "limit": 100}
    kind = chance.randrange(4)
    if kind == 0:
        first, second = chance.sample(COUNTRIES[:-2], 2)
        return "/api/events", {"dyad": f"{first}-{second}", "limit": 100}
    if kind == 1:
        return "/api/events", {"cameo": chance.choice(CODES)[0][:2], "limit": 100}
    if kind == 2:
        start = dt.date.fromordinal(FIRST_DAY + chance.randrange(DAYS - 30))
        return "/api/events", {"since": start.isoformat(), "until": (start + dt.timedelta(days=30)).isoformat()}
    return "/api/events", {"limit": 100}


def dyad_request(chance: random.Random, cursors: list[str]) -> tuple[str, dict]:
    first, second = chance.sample(COUNTRIES[:-2], 2)
    return "/api/dyads", {"source": first, "target": second, "freq": "week"}


async def load(base: str, make_request, clients: int, seconds: float) -> tuple[list[float], int, int]:
    """Run ``clients`` clients for ``seconds``; returns the latencies (seconds), the failures and
    the answers the server's cache gave."""
    latencies: list[float] = []
    failures = kept = 0
    cursors: list[str] = []
    stop = time.monotonic() + seconds
    host, port = base.removeprefix("http://").split(":")

    async def client(number: int) -> None:
        nonlocal failures, kept
        chance = random.Random(number)
        connection = Connection(host, int(port))
        try:
            while time.monotonic() < stop:
                path, params = make_request(chance, cursors)
                began = time.perf_counter()
                try:
                    status, headers, body = await connection.get(path, params)
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    failures += 1
                    connection.close()
                    continue
                latencies.append(time.perf_counter() - began)
                kept += headers.get(b"x-cache") == b"hit"
                if status != 200:
                    failures += 1
                elif path == "/api/events" and len(cursors) < 1000:
                    cursor = orjson.loads(body)["next_cursor"]
                    if cursor:
                        cursors.append(cursor)
        finally:
            connection.close()

    await asyncio.gather(*(client(number) for number in range(clients)))
    return latencies, failures, kept


class Connection:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads answers with a Content-Length.

    The load runs on the same two cores as the server: httpx spent three times the server's
    CPU on each request, so the figures were the client's. This spends a fraction of a millisecond.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, params: dict) -> tuple[int, dict[bytes, bytes], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        target = f"{path}?{urlencode(params)}" if params else path
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *lines = head.split(b"\r\n")
        headers = {}
        for line in lines:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if b"content-length" not in headers:
            raise ValueError("an answer without Content-Length")
        body = await self.reader.readexactly(int(headers[b"content-length"]))
        return int(status_line.split()[1]), headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(base: str, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            sys.exit("communique serve stopped before answering")
        try:
            httpx.get(f"{base}/api/events", params={"limit": 1}, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    sys.exit("communique serve did not answer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--db", type=Path, help="reuse this SQLite database file (made when missing)")
    parser.add_argument("--postgres", metavar="URL", help="serve from PostgreSQL (a schema made for the run)")
    parser.add_argument("--cache-mb", type=int, help="the server's answer cache (0: every read queries)")
    parser.add_argument("--workers", type=int, default=1, help="the server's processes")
    options = parser.parse_args()
    with ExitStack() as stack:
        if options.postgres:
            began = time.perf_counter()
            url = stack.enter_context(postgres_database(options.postgres, options.events))
            print(f"made {options.events:,} events in {time.perf_counter() - began:.0f} s on PostgreSQL")
        else:
            url = f"sqlite:///{sqlite_database(options.db, options.events, stack)}"
        serve_and_load(url, options)


def sqlite_database(reused: Path | None, count: int, stack: ExitStack) -> Path:
    """The SQLite file to serve: ``reused`` when it exists, else made (in a folder removed at the end
    when no file was named)."""
    path = reused or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="communique-load-"))) / "load.db"
    if not path.exists():
        began = time.perf_counter()
        # Made under another name and renamed when whole: a run that fails half way leaves no
        # half-filled database for the next run to reuse.
        partial = path.with_name(path.name + ".partial")
        partial.unlink(missing_ok=True)
        make_database(partial, count)
        partial.rename(path)
        print(f"made {count:,} events in {time.perf_counter() - began:.0f} s: {path}")
    return path


def serve_and_load(url: str, options: argparse.Namespace) -> None:
    """Start ``communique serve`` over ``url`` and run the clients against each kind of request."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "communique", "serve", "--db", url, "--port", str(port)]
    command += ["--workers", str(options.workers)]
    if options.cache_mb is not None:
        command += ["--cache-mb", str(options.cache_mb)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=os.environ | {"COMMUNIQUE_TOKEN": ""})
    try:
        wait_for(base, server)
        cache = "as the server's default" if options.cache_mb is None else f"{options.cache_mb} MB"
        print(
            f"{options.clients} clients, {options.seconds:.0f} s each, against {base}, cache {cache}, "
            f"{options.workers} server process{'es' if options.workers > 1 else ''}, "
            f"{'PostgreSQL' if options.postgres else 'SQLite'}"
        )
        print(f"{'request':<14}{'requests':>10}{'failed':>8}{'cached':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
        for name, make_request in (("event list", event_list_request), ("dyad series", dyad_request)):
            latencies, failures, kept = asyncio.run(load(base, make_request, options.clients, options.seconds))
            cuts = statistics.quantiles(latencies, n=100)
            rate = len(latencies) / options.seconds
            print(
                f"{name:<14}{len(latencies):>10}{failures:>8}{kept:>8}{rate:>9.0f}"
                f"{cuts[49] * 1000:>9.1f}{cuts[98] * 1000:>9.1f}"
            )
        print("load average (1, 5, 15 min): " + ", ".join(f"{load:.1f}" for load in os.getloadavg()))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
