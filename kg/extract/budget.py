"""Time budgets: a rule whose pattern backtracks without end stops the build with an error naming it.

Python's regex engine checks for signals while it matches, so a timer (SIGALRM) can interrupt a match
that would otherwise run for hours ("(a+)+$" on a long run of one letter). The timer is armed only in
the main thread, where signals arrive; elsewhere a match runs unbounded.
"""

from __future__ import annotations

import _signal
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from kg.errors import KgError

# What the rules of one stage may take on one sentence: matching takes microseconds, so only a runaway
# pattern gets near.
RULE_SECONDS = 5.0


class _Expired(BaseException):
    """Raised by the timer inside the match; a BaseException so that no rule code can swallow it."""


def _expire(signum: int, frame: object) -> None:
    """Interrupt the match that ran over its budget."""
    raise _Expired


@contextmanager
def limited(seconds: float, error: Callable[[], KgError]) -> Iterator[None]:
    """Run a block under a time budget; over it, raise the error the callable makes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # The stages arm a budget hundreds of times an article: _signal takes and returns the handlers as they
    # are, where signal wraps each in an enum (in Python code) that a budget has no use for.
    previous = _signal.signal(signal.SIGALRM, _expire)
    _signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise error() from None
    finally:
        _signal.setitimer(signal.ITIMER_REAL, 0)
        _signal.signal(signal.SIGALRM, previous)
