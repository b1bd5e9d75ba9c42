"""Soak test of ``communique serve`` under attack: for a bounded time, valid reads mixed with hostile requests.

    .venv/bin/python bench/soak.py [--seconds 120] [--clients 8] [--posts]

Codes the bundled samples into a fresh SQLite file (with --posts; otherwise the
store starts empty and only the schema is there), starts the real command
``communique serve`` with a write token on a free port of 127.0.0.1, and runs
--clients asyncio clients for --seconds, each sending, round after round:

- valid reads: event pages, the summary, actors, codes, a dyad series, the
  network, places, a CSV export;
- oversized bodies (6 MB, over the 5 MB limit), with and without a length;
- writes with no token and with a wrong one;
- SQL injection and path traversal in query parameters and in the path;
- unknown and malformed query parameters;
- with --posts, a valid story posted with the token now and then (the
  server codes it: spaCy loads in the server before the first sample).

Before the timed part one round of every request warms the server. The
server's resident memory (psutil) is sampled at the start of the timed part,
at its middle and at its end. Prints the requests by status, the answers
in the 500s (must be 0), hostile requests let through (must be 0), failed
connections (must be 0) and the memory; exits 1 when one of those is not 0.
Every request goes to 127.0.0.1, and the run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
COMMAND = str(Path(sys.executable).parent / "communique")
TOKEN = "soak-token-7f3a"
OVERSIZED = b"x" * 6_000_000

READS = (
    "/api/events?limit=20",
    "/api/events?root=19&limit=5",
    "/api/summary",
    "/api/actors",
    "/api/actors?prefix=USA",
    "/api/codes",
    "/api/dyads?source=USA&target=RUS",
    "/api/network",
    "/api/places",
    "/api/export/csv?root=04",
    "/",
)
# Each is refused with an answer in the 400s, never served and never an error of the server.
ATTACKS = (
    "/api/events?source=%27%20OR%201%3D1--",
    "/api/events?since=2019-01-01%27%3B%20DROP%20TABLE%20events%3B--",
    "/api/actors?prefix=%27%29%20UNION%20SELECT%20*%20FROM%20articles--",
    "/api/dyads?source=USA%27--&target=RUS",
    "/api/events?sorce=KOR",
    "/api/events?limit=-1",
    "/api/events?limit=99999999999999999999",
    "/api/events?after=%00%00%00",
    "/api/network?level=planet",
    "/api/export/..%2F..%2Fetc%2Fpasswd",
    "/api/export/exe",
    "/api/articles/..%2F..%2F..%2Fetc%2Fpasswd",
    "/api/events/%27%20OR%20%271%27%3D%271",
    "/static/../../../../etc/passwd",
    "/api/%2e%2e/%2e%2e/communique.db",
)
STORY = (
    "Kenya accused Uganda on Monday of shelling a border post. The Kenyan foreign minister "
    "called for talks with Uganda's government."
)


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    let_through: list = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)
    requests: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, log) -> tuple[subprocess.Popen, str]:
    """``communique serve`` on a free port, its standard error into ``log``; returns it and its base URL."""
    port = free_port()
    command = [COMMAND, "serve", "--db", f"sqlite:///{db}", "--port", str(port), "--token", TOKEN]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped with status {server.returncode}")
        try:
            if httpx.get(f"{base}/api/codes", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not answer within 60 seconds")


async def one_round(
    client: httpx.AsyncClient, rng: random.Random, tally: Tally, posts: bool, share: float = 0.2
) -> None:
    """Every kind of request once, in a random order; with ``posts``, a valid story in ``share`` of the rounds."""
    calls = [("GET", path, None, {}) for path in READS]
    calls += [("GET", path, "attack", {}) for path in ATTACKS]
    calls.append(("POST", "/api/articles", "attack", {"content": OVERSIZED, "headers": _auth(TOKEN)}))
    calls.append(("POST", "/api/articles", "attack", {"content": _chunks(), "headers": _auth(TOKEN)}))
    calls.append(("POST", "/api/articles", "attack", {"json": {"text": STORY}}))
    calls.append(("POST", "/api/articles", "attack", {"json": {"text": STORY}, "headers": _auth("guess")}))
    calls.append(("POST", "/api/articles", "attack", {"content": b"{not json", "headers": _auth(TOKEN)}))
    if posts and rng.random() < share:
        story = {"text": f"{STORY} Story {rng.randrange(10**9)}.", "published": "2024-03-04"}
        calls.append(("POST", "/api/articles", None, {"json": story, "headers": _auth(TOKEN)}))
    rng.shuffle(calls)
    for method, path, kind, options in calls:
        tally.requests += 1
        try:
            response = await client.request(method, path, **options)
        except httpx.HTTPError as error:
            # The server may close the connection on an oversized body once it has refused it.
            if kind == "attack" and options.get("content") is not None and _is_big(options["content"]):
                tally.statuses["closed"] += 1
                continue
            tally.failures[f"{method} {path}: {type(error).__name__}"] += 1
            continue
        tally.statuses[response.status_code] += 1
        if kind == "attack" and response.status_code < 400:
            tally.let_through.append(f"{method} {path} -> {response.status_code}")


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def _is_big(content) -> bool:
    return not isinstance(content, bytes) or len(content) > 1_000_000


async def _chunks():
    """A 6 MB body sent in pieces without a length (chunked): the limit must hold as it streams."""
    for _ in range(60):
        yield b"y" * 100_000


async def client_loop(base: str, until: float, seed: int, tally: Tally, posts: bool) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        while time.monotonic() < until:
            await one_round(client, rng, tally, posts)


Memory = list[tuple[str, int]]  # (when, resident bytes of the server)


async def soak(base: str, seconds: float, clients: int, posts: bool, pid: int) -> tuple[Tally, Memory, float]:
    """Warm the server with one round, then run the clients for ``seconds``, sampling its memory three times."""
    tally = Tally()
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await one_round(client, random.Random(0), Tally(), posts=posts, share=1.0)  # spaCy loads here
    server = psutil.Process(pid)
    memory = [("start", server.memory_info().rss)]
    started = time.monotonic()
    until = started + seconds
    loops = [asyncio.create_task(client_loop(base, until, seed, tally, posts)) for seed in range(clients)]
    await asyncio.sleep(seconds / 2)
    memory.append(("middle", server.memory_info().rss))
    await asyncio.gather(*loops)
    memory.append(("end", server.memory_info().rss))
    return tally, memory, time.monotonic() - started


def fill(db: Path) -> None:
    """The samples coded into the store, so that reads find events."""
    samples = ROOT / "communique" / "samples"
    subprocess.run([COMMAND, "code", str(samples), "--db", f"sqlite:///{db}"], check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--posts", action="store_true", help="also post valid stories (the server loads spaCy)")
    parser.add_argument("--empty", action="store_true", help="serve an empty store (no samples coded first)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "soak.db"
        if options.empty:
            from communique.store import open_store

            open_store(f"sqlite:///{db}").close()
        else:
            fill(db)
        log = open(Path(scratch) / "server.log", "w+b")
        server, base = start_server(db, log)
        try:
            tally, memory, took = asyncio.run(soak(base, options.seconds, options.clients, options.posts, server.pid))
        finally:
            died = server.poll()
            server.terminate()
            server.wait(timeout=30)
            log.seek(0)
            said = log.read().decode("utf-8", "replace").splitlines()
            log.close()
    errors = sum(count for status, count in tally.statuses.items() if isinstance(status, int) and status >= 500)
    print(f"{tally.requests} requests in {took:.0f} s from {options.clients} clients ({tally.requests / took:.0f}/s)")
    print("by status: " + ", ".join(f"{status}: {count}" for status, count in sorted(tally.statuses.items(), key=str)))
    print(f"answers in the 500s: {errors}")
    print(f"hostile requests let through: {len(tally.let_through)}")
    for line in sorted(set(tally.let_through))[:10]:
        print(f"  {line}")
    print(f"failed connections: {sum(tally.failures.values())}")
    for line, count in tally.failures.most_common(10):
        print(f"  {count} x {line}")
    print("server memory: " + ", ".join(f"{name} {size / 2**20:.0f} MB" for name, size in memory))
    print(f"load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    if died is not None:
        print(f"the server died during the run (status {died})")
    print(f"server's standard error: {len(said)} lines" + (", the last ones:" if len(said) > 1 else ""))
    for line in said[-15:] if len(said) > 1 else ():
        print(f"  {line}")
    return 1 if errors or tally.let_through or tally.failures or died is not None else 0


if __name__ == "__main__":
    sys.exit(main())
