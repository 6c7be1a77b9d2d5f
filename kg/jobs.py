"""Parallel extraction: the articles a build reads, extracted in worker processes and handed back in their order.

Each worker loads the rule set once (from the cache, kg/extract/cache.py) and extracts one article's triples at a time;
the build takes the results in the order of the articles, so the store, the files and the warnings are the same
whatever the number of workers. Only a few articles are in flight at once, so memory grows with the largest
article, not with the corpus.
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from rdflib import Literal, URIRef

from kg.build import extract
from kg.errors import KgError
from kg.extract.rules import RuleSet, load_rules
from kg.extract.text import Article
from kg.rdf.mapping import new_triples
from kg.rdf.triples import Triples
from kg.store.incremental import Unit

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from kg.store.bulk import Batch

# Articles queued per worker beyond the one it reads: enough that no worker waits, few enough to keep memory flat.
AHEAD = 2
# How often a worker checks that the build it works for is still alive.
WATCH_SECONDS = 0.5
T = TypeVar("T")
R = TypeVar("R")


class Extracted(NamedTuple):
    """The triples of one article and the warnings its reading gave, in the order they were given."""

    triples: Triples
    warnings: list[str]


def default_jobs() -> int:
    """Return the number of workers a build uses when none is given: one per core."""
    return os.cpu_count() or 1


@contextmanager
def uncollected() -> Iterator[None]:
    """Run a block with the cyclic garbage collector paused.

    Reading an article makes almost no reference cycles, but each pass of the collector walks every triple read so
    far: in a batch of 64 articles, a fifth of the reading's time. Refcounting still frees what the block drops.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def extract_articles(articles: list[Article], rules: RuleSet, published: str | None) -> Extracted:
    """Extract the triples of the files of one article, keeping the warnings instead of giving them at once."""
    warnings: list[str] = []
    triples = new_triples()
    with uncollected():
        for article in articles:
            extract(article, rules, triples, published, warnings.append)
    return Extracted(triples, warnings)


# The rule set of a worker process, loaded once by its initializer.
_worker_rules: RuleSet | None = None


def _start_worker(rules_dir: Path, build: int) -> None:
    """Load the rules a worker reads with; leave Ctrl-C to the build, and end the worker when the build (the
    process of that id) dies."""
    global _worker_rules
    # Ctrl-C reaches every process of the terminal: the build stops the pool, a worker gives no traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The build's id comes from the build itself: it may already be gone when the worker starts.
    threading.Thread(target=_watch_parent, args=(build,), daemon=True).start()
    _worker_rules = load_rules(rules_dir)
    # The rules live as long as the worker: no collection need walk them.
    gc.freeze()


def _watch_parent(parent: int) -> None:
    """End the worker once the build that started it is gone, killed or not, so that no worker outlives it
    holding the store's lock."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _extract_in_worker(articles: list[Article], published: str | None) -> bytes:
    """Extract one article in a worker process with the rules its initializer loaded; return it pickled."""
    assert _worker_rules is not None, "the initializer loads the rules"
    return _dumps(extract_articles(articles, _worker_rules, published))


class _TermPickler(pickle.Pickler):
    """Pickles each IRI and literal by its value the first time, by its number after, so that the build makes each
    distinct term once: an article's triples hold many equal terms made apart, and rdflib's terms are slow to make."""

    def __init__(self, file: io.BytesIO) -> None:
        """Pickle into a file, with no term named yet."""
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.numbers: dict[URIRef | Literal, int] = {}

    def persistent_id(self, obj: object) -> tuple[str, ...] | int | None:
        """Name an IRI or a literal by its value, or by its number once named; leave anything else to pickle."""
        if type(obj) is not URIRef and type(obj) is not Literal:
            return None
        number = self.numbers.get(obj)  # type: ignore[arg-type]
        if number is not None:
            return number
        self.numbers[obj] = len(self.numbers)  # type: ignore[index]
        if type(obj) is URIRef:
            return ("iri", str(obj))
        return ("literal", str(obj), obj.language or "", str(obj.datatype or ""))  # type: ignore[union-attr]


class _TermUnpickler(pickle.Unpickler):
    """Makes the terms _TermPickler names, each once."""

    def __init__(self, data: bytes) -> None:
        """Read pickled data with no term made yet."""
        super().__init__(io.BytesIO(data))
        self.terms: list[URIRef | Literal] = []

    def persistent_load(self, pid: tuple[str, ...] | int) -> URIRef | Literal:
        """Return the term a name gives, made the first time it comes."""
        if isinstance(pid, int):
            return self.terms[pid]
        if pid[0] == "iri":
            term: URIRef | Literal = URIRef(pid[1])
        else:
            _, value, language, datatype = pid
            term = Literal(value, lang=language or None, datatype=URIRef(datatype) if datatype else None)
        self.terms.append(term)
        return term


def _dumps(result: Extracted) -> bytes:
    """Pickle an extraction with its terms named by value."""
    buffer = io.BytesIO()
    _TermPickler(buffer).dump(result)
    return buffer.getvalue()


def _loads(data: bytes) -> Extracted:
    """Unpickle an extraction that _dumps pickled."""
    return _TermUnpickler(data).load()


@contextmanager
def extracted(units: list[Unit], rules: RuleSet | None, rules_dir: Path, published: str | None,
              jobs: int) -> Iterator[Iterator[Extracted]]:
    """Yield the extractions of the units, in their order: in this process with the rules given (None only when there
    is no unit) for one job or one unit, where a pool costs more than it saves, else in a pool of that many worker
    processes that load the rules of rules_dir, stopped when the block ends."""
    if jobs <= 1 or len(units) <= 1:
        yield (extract_articles(unit.articles, rules, published) for unit in units)
        return
    with _pool(min(jobs, len(units)), rules_dir) as pool:
        results = _in_order(pool, _extract_in_worker, [unit.articles for unit in units], published, jobs * AHEAD,
                            lambda articles: articles[0].path)
        yield (_loads(data) for data in results)


def read_batch(units: list[Unit], rules: RuleSet, published: str | None) -> Batch:
    """Extract a batch of articles and write their quads, each in its own graph or the shared graph, as N-Quads."""
    from kg.store.bulk import batch_quads  # only large builds read in batches

    with uncollected():
        return batch_quads((unit, *extract_articles(unit.articles, rules, published)) for unit in units)


def _read_batch_in_worker(units: list[Unit], published: str | None) -> Batch:
    """Read a batch of articles in a worker process with the rules its initializer loaded."""
    assert _worker_rules is not None, "the initializer loads the rules"
    return read_batch(units, _worker_rules, published)


@contextmanager
def read_batches(units: list[Unit], rules: RuleSet, rules_dir: Path, published: str | None,
                 jobs: int) -> Iterator[Iterator[tuple[list[Unit], Batch]]]:
    """Yield the batches of the units (kg.store.bulk.batches), each with its quads, in their order: in this process
    for one job or one batch, else in a pool of that many worker processes, stopped when the block ends."""
    from kg.store.bulk import batches

    parts = batches(units)
    if jobs <= 1 or len(parts) <= 1:
        yield ((part, read_batch(part, rules, published)) for part in parts)
        return
    with _pool(min(jobs, len(parts)), rules_dir) as pool:
        yield zip(parts, _in_order(pool, _read_batch_in_worker, parts, published, jobs * AHEAD,
                                   lambda part: part[0].articles[0].path))


@contextmanager
def _pool(workers: int, rules_dir: Path) -> Iterator[ProcessPoolExecutor]:
    """Start a pool of worker processes that load the rules of rules_dir; stop it when the block ends."""
    # Imported only here: a build that reads one article pays nothing for the pool.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Forked, the workers start with the modules this process imported, and the build is their parent.
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker, initargs=(rules_dir, os.getpid()))
    try:
        yield pool
    finally:
        # On an error, the queued articles are dropped and the build does not wait for those being read.
        pool.shutdown(wait=False, cancel_futures=True)


def _in_order(pool: ProcessPoolExecutor, task: Callable[[T, str | None], R], parts: list[T], published: str | None,
              window: int, path_of: Callable[[T], Path]) -> Iterator[R]:
    """Submit the task of each part to the pool, at most window ahead of the one awaited, and yield their results in
    order; a worker that dies stops the build, naming the first file of its part."""
    from concurrent.futures.process import BrokenProcessPool

    pending: deque[tuple[T, Future[R]]] = deque()
    queue = iter(parts)
    for part in queue:
        pending.append((part, pool.submit(task, part, published)))
        if len(pending) >= window:
            break
    while pending:
        part, future = pending.popleft()
        try:
            result = future.result()
        except BrokenProcessPool:
            raise KgError("E204", path=path_of(part)) from None
        following = next(queue, None)
        if following is not None:
            pending.append((following, pool.submit(task, following, published)))
        yield result
