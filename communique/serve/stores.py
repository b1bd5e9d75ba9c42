"""The service's database threads: readers with read-only connections, one writer, and the
store's data version that tells cached answers whether they still hold."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..errors import InputError
from ..store import SQLStore, open_store

READ_THREADS = 4  # queries wait on the disk as much as on the two cores; SQLite lets go of the GIL meanwhile
MMAP_BYTES = 1 << 30  # SQLite reads pages through a memory map: no copy into each connection's cache


class Stores:
    """A few database threads, each with its own store connection, that do the service's reads,
    and one thread that does its writes.

    SQLite and psycopg connections stay in the thread that opened them; opening one per request
    would cost more than most queries, and more threads than cores would only queue on the GIL
    and the disk. Reading connections refuse to write (SQLite ``query_only``, PostgreSQL
    read-only transactions); the one writing thread is SQLite's single writer.
    """

    def __init__(self, url: str, threads: int = READ_THREADS) -> None:
        self.url = url
        self._local = threading.local()
        self._opened: list[SQLStore] = []
        self.readers = ThreadPoolExecutor(threads, thread_name_prefix="communique-read")
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="communique-write")
        first = open_store(url)  # open (create or upgrade) the database once, now, to fail early
        if first is None:
            raise InputError("--db", "the service needs a database, not 'none'")
        self.dialect = first.dialect
        self._version_lock = threading.Lock()
        self._version_db: sqlite3.Connection | None = None
        if first.dialect == "sqlite":
            # Asked from the event loop at every cached read; only ever used under the lock.
            self._version_db = sqlite3.connect(first.path, check_same_thread=False, isolation_level=None)
            self._version_db.execute("PRAGMA query_only = ON")
        first.close()

    def _store(self, writing: bool) -> SQLStore:
        """This thread's store, opened on first use (reading or writing, as the thread's pool does)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            if store is None:
                raise InputError("--db", "the service needs a database, not 'none'")
            if not writing:
                read_only(store)
            self._local.store = store
            self._opened.append(store)
        return store

    async def read(self, function: Callable[..., Any], *args: Any, **options: Any) -> Any:
        """``function(store, *args, **options)`` in a reading thread, with that thread's store."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.readers, lambda: function(self._store(False), *args, **options))

    async def write(self, function: Callable[..., Any], *args: Any, **options: Any) -> Any:
        """``function(store, *args, **options)`` in the writing thread, one write at a time."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.writer, lambda: function(self._store(True), *args, **options))

    async def data_version(self) -> object:
        """A value that changes whenever anyone commits a change to the database, this server or
        another program (``communique code --db`` on the same file or server).

        SQLite: ``PRAGMA data_version`` of a connection of its own, which changes with every
        commit by any other connection; a few microseconds, read in the event loop.
        PostgreSQL: the current snapshot (xmin:xmax:running ids), which changes with every
        commit on the server, read by a reading thread.
        """
        if self._version_db is not None:
            with self._version_lock:
                return self._version_db.execute("PRAGMA data_version").fetchone()[0]
        return await self.read(_snapshot)

    def close(self) -> None:
        """Stop the database threads and close their connections (when the server stops)."""
        self.readers.shutdown(wait=True)
        self.writer.shutdown(wait=True)
        for store in self._opened:
            try:
                store.close()
            except sqlite3.ProgrammingError:
                pass  # an SQLite connection closes only in its own thread; the thread's end closes it
        self._opened.clear()
        if self._version_db is not None:
            with self._version_lock:
                self._version_db.close()
            self._version_db = None


def read_only(store: SQLStore) -> None:
    """Settings for a connection that only reads: it cannot write by mistake, and SQLite maps
    the file into memory instead of copying pages."""
    if store.dialect == "sqlite":
        store.db.execute("PRAGMA query_only = ON")
        store.db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    else:
        store.db.execute("SET default_transaction_read_only = on")


def _snapshot(store: SQLStore) -> str:
    return store.fetch("SELECT pg_current_snapshot()::text", ())[0][0]
