"""Limits on the work one story may cost: a time limit around a stage."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class StoryTimeout(Exception):
    """A story took longer than its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise StoryTimeout in the block when it runs longer than ``seconds`` (0: no limit).

    Uses the interval timer and SIGALRM, so it works only in a process's main
    thread on POSIX; elsewhere the block runs unlimited. Python's regular
    expression engine checks for signals as it goes, so a pathological pattern
    match is stopped too.
    """
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise StoryTimeout(f"took more than {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
