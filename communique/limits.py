"""Limits on the work one story may cost: a time limit around a stage, in any thread."""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class StoryTimeout(Exception):
    """A story took longer than its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise StoryTimeout in the block when it runs longer than ``seconds`` (0: no limit).

    In a process's main thread (the command line, each ``--workers`` process, a
    script) the interval timer and SIGALRM interrupt the block; Python's regular
    expression engine checks for signals as it goes, so a pathological pattern
    match is stopped too. In any other thread (a Dask worker's task, the
    service's thread pool) a timer thread raises StoryTimeout in the block's
    thread, which Python delivers between two bytecodes: Python code is stopped,
    but one long call into C (a single regular expression match, a spaCy parse)
    runs to its end first and the block stops right after it.
    """
    if seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _timer(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum, frame):
        raise StoryTimeout(f"took more than {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _timer(seconds: float) -> Iterator[None]:
    thread = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = ["running"]

    def expire() -> None:
        with lock:  # only while the block runs: never into code after it
            if state[0] == "running":
                state[0] = "expired"
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, ctypes.py_object(StoryTimeout))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            expired, state[0] = state[0] == "expired", "done"
        if expired:
            # Withdraw the exception if it is still on its way (the block ended
            # first, or a stage caught it), and raise it here, once.
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, None)
            raise StoryTimeout(f"took more than {seconds:g} seconds")
