"""The progress bar of long builds: on a terminal only, so that pipes, logs and tests see the same lines as ever."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NamedTuple, TextIO


class Reporter(NamedTuple):
    """Where a build says how far it is and gives its warnings."""

    progress: Callable[[int, int], None]
    warn: Callable[[str], None]


def _no_progress(done: int, total: int) -> None:
    """Show no progress."""


@contextmanager
def reporting(stream: TextIO) -> Iterator[Reporter]:
    """Report on a stream: warnings one line each, and on a terminal a bar of the articles read, which the
    warnings print above and which is gone once the build ends."""
    if not stream.isatty():
        yield Reporter(_no_progress, lambda message: print(f"Warning: {message}", file=stream, flush=True))
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=stream)
    with Progress(TextColumn("reading articles"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("read", total=None, visible=False)

        def progress(done: int, total: int) -> None:
            """Move the bar; a build that reads one article shows none."""
            bar.update(task, completed=done, total=total, visible=total > 1)

        def warn(message: str) -> None:
            """Print a warning above the bar, as it was written."""
            console.print(f"Warning: {message}", markup=False, highlight=False, soft_wrap=True)

        yield Reporter(progress, warn)
