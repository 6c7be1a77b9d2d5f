"""Time budgets: a rule whose pattern backtracks without end stops the build with an error naming it.

Python's regex engine checks for signals while it matches, so a timer (SIGALRM) can interrupt a match
that would otherwise run for hours ("(a+)+$" on a long run of one letter). The timer is armed only in
the main thread, where signals arrive; elsewhere a match runs unbounded.
"""

from __future__ import annotations

import _signal
import signal
import threading
from collections.abc import Callable

from kg.errors import KgError

# What the rules of one stage may take on one sentence: matching takes microseconds, so only a runaway
# pattern gets near.
RULE_SECONDS = 5.0


class _Expired(BaseException):
    """Raised by the timer inside the match; a BaseException so that no rule code can swallow it."""


def _expire(signum: int, frame: object) -> None:
    """Interrupt the match that ran over its budget."""
    raise _Expired


class limited:
    """Run a block under a time budget; over it, raise the error the callable makes.

    The stages arm a budget hundreds of times an article: a class costs less to enter than a generator, and
    _signal takes and returns the handlers as they are, where signal wraps each in an enum (in Python code)
    that a budget has no use for.
    """

    __slots__ = ("seconds", "error", "armed", "previous")

    def __init__(self, seconds: float, error: Callable[[], KgError]) -> None:
        """Keep the budget and the error to raise over it."""
        self.seconds, self.error = seconds, error
        self.armed, self.previous = False, None

    def __enter__(self) -> None:
        """Arm the timer, in the main thread only: signals arrive nowhere else."""
        if threading.current_thread() is threading.main_thread():
            self.previous = _signal.signal(signal.SIGALRM, _expire)
            _signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.armed = True

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, traceback: object) -> bool:
        """Disarm the timer and restore the handler; turn an expiry into the error."""
        if self.armed:
            _signal.setitimer(signal.ITIMER_REAL, 0)
            _signal.signal(signal.SIGALRM, self.previous)
        if kind is _Expired:
            raise self.error() from None
        return False
