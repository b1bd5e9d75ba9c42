"""Answers to reads kept in memory while the database does not change.

Most of what a dashboard asks is asked again: the first page of events, the busiest
dyads, the network of the last months. An answer is kept under its full address (path
and query string) together with the store's data version (``Stores.data_version``);
the first request that sees another version empties the cache, so no answer outlives
a commit, whoever made it. Writing through the service (``POST /api/articles``) empties
it too. The cache holds at most ``max_bytes`` of answers, the least recently used
going first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

CACHE_BYTES = 64 * 1024 * 1024
HIT = (b"x-cache", b"hit")  # tells a kept answer (the load test counts them)
NOT_KEPT = ("/api/export/", "/api/map/")  # downloads are files; the map outlines are sent with max-age already


@dataclass(frozen=True)
class Kept:
    """One answer: its headers and body (only 200 answers are kept)."""

    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """Answers by address, valid for one data version, bounded in bytes."""

    def __init__(self, max_bytes: int = CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self.version: object = None
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._answers: OrderedDict[tuple[str, bytes], Kept] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, bytes], version: object) -> Kept | None:
        with self._lock:
            if version != self.version:
                self._empty(version)
            kept = self._answers.get(key)
            if kept is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return kept

    def put(self, key: tuple[str, bytes], version: object, kept: Kept) -> None:
        """Keep an answer read at ``version``; one read before a commit the cache has seen is dropped."""
        size = len(kept.body) + len(key[0]) + len(key[1])
        with self._lock:
            if version != self.version or size > self.max_bytes // 8:
                return
            old = self._answers.pop(key, None)
            if old is not None:
                self.size -= len(old.body) + len(key[0]) + len(key[1])
            self._answers[key] = kept
            self.size += size
            while self.size > self.max_bytes:
                (path, query), dropped = self._answers.popitem(last=False)
                self.size -= len(dropped.body) + len(path) + len(query)

    def clear(self) -> None:
        with self._lock:
            self._empty(None)

    def __len__(self) -> int:
        return len(self._answers)

    def _empty(self, version: object) -> None:
        self._answers.clear()
        self.size = 0
        self.version = version


class CachedReads:
    """ASGI middleware answering GET /api/... from a ResponseCache, and filling it.

    It runs before routing and validation: a kept answer costs a dictionary look-up and
    the data version, not the FastAPI machinery, the query and the JSON.
    """

    def __init__(self, app: Any, cache: ResponseCache, version: Callable[[], Awaitable[object]]) -> None:
        self.app = app
        self.cache = cache
        self.version = version

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not path.startswith("/api/")
            or path.startswith(NOT_KEPT)
            or self.cache.max_bytes <= 0
        ):
            await self.app(scope, receive, send)
            return
        version = await self.version()
        key = (path, scope.get("query_string", b""))
        kept = self.cache.get(key, version)
        if kept is not None:
            await send({"type": "http.response.start", "status": 200, "headers": [*kept.headers, HIT]})
            await send({"type": "http.response.body", "body": kept.body})
            return
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        whole = False

        async def passing(message: dict) -> None:
            nonlocal status, headers, whole
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                whole = not message.get("more_body", False)
            await send(message)

        await self.app(scope, receive, passing)
        if status == 200 and whole:
            self.cache.put(key, version, Kept(headers, b"".join(chunks)))
