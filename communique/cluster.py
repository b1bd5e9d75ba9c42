"""The same Coder over a Dask cluster: input parts in, a Parquet dataset of events out.

Each input file (a JSONL or CSV shard, a text file, a file of a Parquet dataset)
is one part. A worker loads the Coder once (``LoadCoder``, a WorkerPlugin, and
a per-process cache behind it) and codes one part at a time with the very stage
functions of a local run, writing ``part-<id>.parquet`` into the output
directory: first to a temporary name, then renamed, so a part's file is there
whole or not at all. A job started again skips the parts already written, and
may also store into PostgreSQL (upserts by article id: storing twice changes
nothing). The client links happenings across parts once they are written and
notes each part linked in ``_linked`` in the output directory, so a job stopped
before or while linking links the rest when started again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin

from .errors import InputError, Messages, SettingsError
from .records import EVENT_FIELDS, Event
from .settings import Settings

ErrorHandler = Callable[[InputError], None]
# Parquet column types of the Event fields, by their annotation.
ARROW_TYPES = {"str": "string", "str | None": "string", "int": "int64", "float": "float64", "float | None": "float64"}
ARROW_TYPES["bool"] = "bool"
CONNECT_TIMEOUT = "30s"
# Names of the parts whose happenings are linked, a line each, in the order linked. Readers of
# the dataset (pyarrow, pandas, Spark) pass over files whose names start with "_".
LINKED = "_linked"

_coders: dict[Settings, object] = {}
_coders_lock = threading.Lock()


@dataclass(frozen=True)
class Part:
    """One input file coded as a unit, and the name of the Parquet file its events go to."""

    path: str
    name: str


@dataclass(frozen=True)
class PartResult:
    """What coding a part gave: counts, and the input errors met as (origin, problem, line)."""

    part: Part
    articles: int
    events: int
    errors: tuple[tuple[str, str, int | None], ...]


@dataclass
class Summary:
    """Totals of a cluster run."""

    articles: int = 0
    events: int = 0
    parts_done: int = 0
    parts_skipped: int = 0


def find_parts(inputs: Iterable[str | Path], *, on_error: ErrorHandler) -> list[Part]:
    """The parts of the input: each file (directories read recursively, in name order) is one.

    A part's output name is a hash of its absolute path, so the same command
    started again finds the parts it already wrote.
    """
    from .sources import input_files

    parts = []
    for item in inputs:
        if str(item) == "-":
            on_error(InputError("-", Messages.NO_STDIN_ON_CLUSTER))
            continue
        for path in input_files(item, on_error):
            key = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:16]
            parts.append(Part(path=str(path), name=f"part-{key}.parquet"))
    return parts


def worker_coder(settings: Settings):
    """The Coder for these settings in this process, loaded on first use and kept.

    On a worker, spaCy parses in the worker's own process (workers=1): Dask
    gives the parallelism, and a worker process may not start processes of its own.
    """
    with _coders_lock:
        if settings not in _coders:
            from .pipeline import Coder

            _coders[settings] = Coder(dataclasses.replace(settings, workers=1))
        return _coders[settings]


class LoadCoder(WorkerPlugin):
    """A WorkerPlugin that loads the Coder when a worker starts, before any part arrives."""

    name = "communique-load-coder"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker) -> None:
        worker_coder(self.settings)


def code_part(part: Part, settings: Settings, output: str, db: str | None = None, published: str | None = None):
    """Code one part on this process and write its events as ``output/part.name``; returns a PartResult.

    The events are written a batch at a time (one Parquet row group each), so a
    part's events are never all held in memory.
    """
    import pyarrow.parquet as pq

    from .pipeline import batches
    from .sources import read_articles
    from .store import open_store

    coder = worker_coder(settings)
    errors: list[InputError] = []
    articles = read_articles(
        [part.path], published=published, on_error=errors.append, max_record_bytes=settings.max_record_bytes
    )
    store = open_store(db) if db else None
    target = Path(output) / part.name
    partial = target.with_name(f".{part.name}.{os.getpid()}.partial")
    schema = event_schema()
    count = events = 0
    try:
        with pq.ParquetWriter(partial, schema) as writer:
            for batch in batches(coder.pipe_mentions(articles, on_error=errors.append), settings.batch_size):
                if store is not None:
                    stories = [(article, story_events) for article, story_events, _ in batch]
                    store.save_batch(stories, coder.version, mentions=[mentions for _, _, mentions in batch])
                found = [event for _, story_events, _ in batch for event in story_events]
                writer.write_table(events_table(found, schema))
                count += len(batch)
                events += len(found)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
        if store is not None:
            store.close()
    return PartResult(part, count, events, tuple((e.origin, e.problem, e.line) for e in errors))


def code_on_dask(
    parts: list[Part],
    output: str | Path,
    settings: Settings,
    *,
    scheduler: str | None = None,
    client=None,
    db: str | None = None,
    published: str | None = None,
    on_error: ErrorHandler,
    on_part: Callable[[PartResult | None], None] = lambda _: None,
) -> Summary:
    """Code the parts on a Dask cluster into a Parquet dataset of events in ``output``.

    scheduler: address of a running scheduler (tcp://HOST:PORT); None starts a
        LocalCluster of ``settings.workers`` worker processes for the run.
    client: an already connected dask.distributed Client, used instead.
    db: a PostgreSQL URL the workers also store into; None for none.
    on_error: called with each InputError the workers met.
    on_part: called as each part finishes (with None for a part already written).
    """
    directory = Path(output)
    directory.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    todo = []
    for part in parts:
        if (directory / part.name).exists():
            summary.parts_skipped += 1
            on_part(None)
        else:
            todo.append(part)
    linked = linked_parts(directory)
    done = {part.name for part in parts if part.name not in linked and (directory / part.name).exists()}
    if todo:
        with _connect(client, scheduler, settings.workers) as connected:
            from distributed import as_completed

            connected.register_plugin(LoadCoder(settings))
            futures = connected.map(
                code_part,
                todo,
                settings=settings,
                output=str(directory.resolve()),
                db=db,
                published=published,
                pure=False,
            )
            for future in as_completed(futures):
                try:
                    result = future.result()
                except Exception as error:  # a part that fails on the cluster must not stop the others
                    part = todo[futures.index(future)]
                    on_error(InputError(part.path, Messages.PART_FAILED.format(detail=repr(error))))
                    continue
                for origin, problem, line in result.errors:
                    on_error(InputError(origin, problem, line))
                summary.articles += result.articles
                summary.events += result.events
                summary.parts_done += 1
                done.add(result.part.name)
                on_part(result)
    # The parts written now, and those a stopped job wrote but did not link, in the order given.
    link_parts([part for part in parts if part.name in done], directory, db, linked)
    return summary


def linked_parts(directory: Path) -> list[str]:
    """The parts of the output directory already linked, in the order they were linked."""
    path = directory / LINKED
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def link_parts(parts: list[Part], directory: Path, db: str | None, linked: Iterable[str] = ()) -> None:
    """Link the happenings of the parts just coded, after every worker has stored its own.

    Workers code parts at once and in any order, so they cannot link reports across parts
    the same way twice. Here the client links them with the same Linker as a local run, a
    story at a time in input order (the parts in the order given, each part's stories in
    its order), each against the stored stories and those before it: the same input gives
    the same happening ids whether coded locally or on a cluster. The database (when there
    is one) and each part's Parquet file get the ids, and ``_linked`` the part's name.

    linked: the parts linked before (by a job stopped part-way): with no database, their
    events are the earlier reports, as in a run that was never stopped.
    """
    from .store import open_store
    from .store.linking import linker_for

    if not parts:
        return
    store = open_store(db) if db else None
    try:
        linker = linker_for(store)
        if store is not None:  # stored by the workers, not linked yet: not earlier reports until linked
            linker.pending.update(article for part in parts for article in _article_ids(directory / part.name))
        else:
            for name in linked:
                if (directory / name).exists():
                    linker.unstored.extend(Event(**row) for row in _read_part(directory / name) if row["date"])
        for part in parts:
            _link_part(linker, directory / part.name, store)
            _note_linked(directory, part.name)
    finally:
        if store is not None:
            store.close()


def _link_part(linker, path: Path, store) -> None:
    """Link one part's stories in order; write the ids that changed to the store and the part's file."""
    import pyarrow.parquet as pq

    events = [Event(**row) for row in _read_part(path)]
    linked = [event for story in _stories(events) for event in linker(story)]
    changed = [(new.event_id, new.happening_id) for old, new in zip(events, linked, strict=True) if old != new]
    if store is not None:
        from .store.linking import set_happenings

        set_happenings(store, changed)
        linker.pending.difference_update(event.article_id for event in events)
    linker.stored()
    if changed:
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        try:
            pq.write_table(events_table(linked), partial)
            os.replace(partial, path)  # the part's file stays whole: the old one or the new one
        finally:
            partial.unlink(missing_ok=True)


def _read_part(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def _note_linked(directory: Path, name: str) -> None:
    """Add a part to ``_linked``, on disk before the next part is linked. A line cut short by a
    kill names no part, so that part is linked again, which gives it the same ids."""
    with open(directory / LINKED, "a", encoding="utf-8") as notes:
        notes.write(name + "\n")
        notes.flush()
        os.fsync(notes.fileno())


def _stories(events: list[Event]) -> Iterator[list[Event]]:
    """A part's events story by story (a story's events are written together, in text order)."""
    story: list[Event] = []
    for event in events:
        if story and event.article_id != story[0].article_id:
            yield story
            story = []
        story.append(event)
    if story:
        yield story


def _article_ids(path: Path) -> set[str]:
    import pyarrow.parquet as pq

    return set(pq.read_table(path, columns=["article_id"]).column("article_id").to_pylist())


class _connect:
    """A context giving a Client: the one passed, one to the scheduler named, or one to a new LocalCluster."""

    def __init__(self, client, scheduler: str | None, workers: int) -> None:
        self.client, self.scheduler, self.workers = client, scheduler, workers
        self.owned: list = []

    def __enter__(self):
        if self.client is not None:
            return self.client
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except OSError as error:
                raise SettingsError(Messages.NO_SCHEDULER.format(address=self.scheduler, detail=error)) from None
        else:
            # Workers slow to close under load warn; the command's own lines are what a user needs.
            cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                # None still binds the default 8787 and fails when another cluster holds it; ":0" takes a free port.
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            self.owned.append(cluster)
            client = Client(cluster)
        self.owned.insert(0, client)
        return client

    def __exit__(self, *exc) -> None:
        for thing in self.owned:
            thing.close()


def event_schema():
    """The Parquet schema of the events: one column per Event field, in order."""
    import pyarrow as pa

    types = {field.name: field.type for field in dataclasses.fields(Event)}
    return pa.schema([(name, pa.type_for_alias(ARROW_TYPES[str(types[name])])) for name in EVENT_FIELDS])


def events_table(events: list[Event], schema=None):
    """Events as a pyarrow Table of the event schema."""
    import pyarrow as pa

    schema = schema or event_schema()
    columns = {name: [getattr(event, name) for event in events] for name in EVENT_FIELDS}
    return pa.Table.from_pydict(columns, schema=schema)


def read_events(directory: str | Path) -> Iterator[dict]:
    """The events of a Parquet dataset written by ``code_on_dask``, as dicts, a part at a time."""
    import pyarrow.parquet as pq

    for path in sorted(Path(directory).glob("part-*.parquet")):
        yield from pq.read_table(path).to_pylist()
