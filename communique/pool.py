"""Coding in several processes: a pool of workers that each load the Coder once and code whole batches.

spaCy's ``nlp.pipe(n_process=N)`` starts N new processes for every call and
parses only, leaving the actors, events, places and dates to the calling
process; two of them gave 1.25 times one. Here each worker process loads the
pipeline and the tables once, when the pool starts, and runs the whole flow
(clean, parse, actors, events, where, when, merge) on a batch of stories; the
calling process only reads and stores. Results come back in input order, so a
run with N workers writes the same events, byte for byte, as a run with one.

Memory stays bounded: at most ``IN_FLIGHT`` batches a worker are sent ahead of
the one being consumed, whatever the length of the input; and after about
``settings.worker_stories`` stories a worker, fresh workers take over, since a
worker process keeps some memory its C libraries freed (the way gunicorn's
``max_requests`` or Celery's ``max_tasks_per_child`` do it).
"""

from __future__ import annotations

import dataclasses
import math
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .records import Article, Event, Mention
from .settings import Settings

if TYPE_CHECKING:
    from .events import Lexicon

# Stories a worker codes per task. Small enough that a few hundred stories keep
# every worker busy and that results flow to the store steadily; large enough
# that spaCy batches well (bench/scale.py: 4, 8 and 16 were within noise).
STORIES_PER_TASK = 8
# Tasks a worker may have queued beyond the one it codes: enough that no worker
# waits for the reader, few enough that memory does not grow with the input.
IN_FLIGHT = 3

Coded = tuple[Article, list[Event], list[Mention]]
# What a worker sends back for one story, in input order: a coded story, or an
# input error as (origin, problem, line) (an InputError does not survive pickling).
Outcome = tuple[str, Any]
# A batch handed to a set of workers: the set, and the batch's outcomes to come.
Task = tuple[ProcessPoolExecutor, Future[list[Outcome]]]

_worker_coder: Any = None


def _load_coder(settings: Settings, lexicon: Lexicon | None) -> None:
    """Load this worker's Coder (runs once, when the worker process starts)."""
    global _worker_coder
    from .pipeline import Coder

    _worker_coder = Coder(dataclasses.replace(settings, workers=1), lexicon=lexicon)


def _code_batch(articles: list[Article]) -> list[Outcome]:
    """Code a batch in this worker: the coded stories and the errors, in the order met."""
    outcomes: list[Outcome] = []

    def failed(error: InputError) -> None:
        outcomes.append(("error", (error.origin, error.problem, error.line)))

    for coded in _worker_coder.pipe_mentions(articles, on_error=failed):
        outcomes.append(("coded", coded))
    return outcomes


class CodingPool:
    """Worker processes holding a Coder each, kept for the life of the pool.

    settings: the run's options; ``settings.workers`` processes are started.
    lexicon: an event Lexicon the workers code with, when not the settings' one.
    """

    def __init__(self, settings: Settings, *, lexicon: Lexicon | None = None) -> None:
        self.workers = settings.workers
        self.settings, self.lexicon = settings, lexicon
        # Tasks one set of workers codes before a fresh set takes over (0: never).
        self.tasks_per_set = math.ceil(settings.worker_stories * self.workers / STORIES_PER_TASK)
        self.tasks_given = 0
        self.sets_started = 0
        self.retired: list[ProcessPoolExecutor] = []  # replaced sets still coding what they were given
        self.executor = self._start_set()

    def _start_set(self) -> ProcessPoolExecutor:
        self.sets_started += 1
        # spawn, not fork: the calling process may hold threads (a progress bar, a
        # server's thread pool) whose locks a forked child would inherit held.
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_load_coder,
            initargs=(self.settings, self.lexicon),
        )

    def _submit(self, batch: list[Article]) -> Task:
        """Hand a batch to the current workers, first starting fresh ones if these have coded their share.

        The replaced set codes the batches it holds (their results are read in
        order as before) and is shut down once the last is read (``_done_with``);
        ProcessPoolExecutor's own max_tasks_per_child can stall on Python 3.11
        (CPython issue 115634).
        """
        if self.tasks_per_set and self.tasks_given >= self.tasks_per_set:
            self.retired.append(self.executor)
            self.executor = self._start_set()
            self.tasks_given = 0
        self.tasks_given += 1
        return self.executor, self.executor.submit(_code_batch, batch)

    def _done_with(self, executor: ProcessPoolExecutor, pending: deque[Task]) -> None:
        """Shut a replaced set down once none of the pending batches is its own: its processes exit."""
        if executor is not self.executor and all(owner is not executor for owner, _ in pending):
            executor.shutdown(wait=True)
            self.retired.remove(executor)

    def warm(self) -> None:
        """Start every worker and wait until each has loaded its Coder."""
        futures = [self.executor.submit(_code_batch, []) for _ in range(self.workers)]
        for future in futures:
            future.result()

    def code(self, articles: Iterable[Article], on_error: Callable[[InputError], None]) -> Iterator[Coded]:
        """Code a stream of stories in the workers and yield them in input order.

        on_error: called, in the calling process, with each story's InputError.
        """
        stream = iter(articles)
        pending: deque[Task] = deque()
        try:
            while True:
                while len(pending) < self.workers * (1 + IN_FLIGHT):
                    batch = list(islice(stream, STORIES_PER_TASK))
                    if not batch:
                        break
                    pending.append(self._submit(batch))
                if not pending:
                    return
                executor, future = pending.popleft()
                outcomes = future.result()
                self._done_with(executor, pending)
                for kind, value in outcomes:
                    if kind == "error":
                        on_error(InputError(*value))
                    else:
                        yield value
        finally:
            for _, future in pending:  # a consumer that stops early leaves no work queued
                future.cancel()

    def close(self) -> None:
        """Stop the workers, those of replaced sets too."""
        for executor in [*self.retired, self.executor]:
            executor.shutdown(wait=True, cancel_futures=True)
        self.retired = []
