"""Builds on a Dask cluster (kg build --scheduler): the workers read the articles in batches, the build writes what
they give as N-Quads shards and bulk-loads them into the store (kg/store/bulk.py).

Articles go to the workers once every worker is found to run the build's rules and engine (the rules fingerprint,
checked again by each batch for the workers that join later). Each worker thread has its batches read by a reader
process of its own (this module run as a program), in whose main thread a rule's time budget holds; the reader loads
the rule set once. Dask is an optional extra: only this module imports it, and only when a build is given a
scheduler.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.extract.rules import RULES_DIR, RuleSet, load_rules, rules_fingerprint
from kg.store.bulk import Batch, batches, load_batches
from kg.store.incremental import BuildStore, Unit

if TYPE_CHECKING:
    from distributed import Client, Future

SHARDS_DIR = "shards"
# How long a build waits for the scheduler to answer, and then for a worker to join it.
CONNECT_SECONDS = 10.0
# Batches in flight per worker thread, the one it reads included: enough that no worker waits, few enough that the
# cluster holds few results the build has not yet taken.
AHEAD = 2


# --- the build's side ---------------------------------------------------------------------------


@contextmanager
def connected(address: str) -> Iterator[Client]:
    """Connect to a Dask scheduler that has a worker, or say in one line why not; close the connection at the end."""
    try:
        import distributed
    except ImportError:
        raise KgError("E205") from None
    _check_address(address)
    try:
        client = distributed.Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except OSError as err:  # the timeout of a connection included
        raise KgError("E207", address=address, detail=str(err)) from None
    try:
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except OSError:
            raise KgError("E207", address=address,
                          detail=f"no worker joined it within {CONNECT_SECONDS:g} s") from None
        yield client
    finally:
        client.close()


def _check_address(address: str) -> None:
    """Refuse a scheduler address that names no protocol Dask speaks, or a TCP address without its port."""
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import get_backend

    try:
        protocol, location = parse_address(address)
        get_backend(protocol)
        if protocol in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError as err:
        raise KgError("E206", address=address, detail=str(err)) from None


def load_on_cluster(client: Client, units: list[Unit], store: BuildStore, fingerprint: str, rules_dir: Path,
                    published: str | None, shards: Path, warn: Callable[[str], None],
                    progress: Callable[[int, int], None]) -> None:
    """Have the cluster read the units, in their order, write each batch as a shard in the directory shards (whose
    shards of an earlier build go first) and load them into the store; warn and report progress as they come.

    An error in an article stops the build with the batches before its own loaded.
    """
    # The shipped rules are those of the kg each worker has installed; another directory is read where it is named.
    directory = None if rules_dir.resolve() == RULES_DIR.resolve() else str(rules_dir)
    check_cluster(client, directory, fingerprint)
    load_batches(_in_order(client, batches(units), published, directory, fingerprint), len(units), store, fingerprint,
                 shards, warn, progress)


def check_cluster(client: Client, directory: str | None, fingerprint: str) -> None:
    """Refuse a cluster whose workers run other rules or another engine than the build, or lack kg, before any of
    them reads (a worker that joins later is checked by its first batch); and a scheduler that lacks kg, which could
    not unpickle the batches."""
    try:
        client.run_on_scheduler(worker_fingerprint, None)
    except ModuleNotFoundError as err:
        raise KgError("E208", worker=f"the Dask scheduler {client.scheduler.address}", detail=str(err)) from None
    answers = client.run(worker_fingerprint, directory, on_error="return")
    for worker, answer in sorted(answers.items()):
        if isinstance(answer, BaseException):
            raise KgError("E208", worker=f"the Dask worker {worker}", detail=str(answer))
        if answer != fingerprint:
            raise KgError("E208", worker=f"the Dask worker {worker}", detail=_differ(answer, fingerprint))


def _in_order(client: Client, parts: list[list[Unit]], published: str | None, directory: str | None,
              fingerprint: str) -> Iterator[tuple[list[Unit], Batch]]:
    """Submit the batches to the cluster, a few per worker thread ahead of the one awaited, and yield each with its
    result, in their order."""
    from distributed import KilledWorker

    window = AHEAD * max(1, sum(client.nthreads().values()))
    pending: deque[tuple[list[Unit], Future]] = deque()
    queue = iter(parts)

    def submit(batch: list[Unit]) -> None:
        """Send one batch to the cluster."""
        pending.append((batch, client.submit(extract_batch, batch, published, directory, fingerprint, pure=False)))

    for batch in queue:
        submit(batch)
        if len(pending) >= window:
            break
    while pending:
        batch, future = pending.popleft()
        try:
            result = _awaited(client, future, batch)
        except KilledWorker as err:
            raise KgError("E209", path=batch[0].articles[0].path, detail=str(err).splitlines()[0]) from None
        except (ModuleNotFoundError, RuntimeError) as err:
            # The scheduler, then the worker, unpickle the task, which names functions of kg: Dask reports one that
            # lacks them as an error "during deserialization" caused by the missing module.
            missing = err if isinstance(err, ModuleNotFoundError) else err.__cause__
            if not isinstance(missing, ModuleNotFoundError):
                raise
            raise KgError("E208", worker="the Dask scheduler or a worker", detail=str(missing)) from None
        except OSError as err:  # the connection to the scheduler, lost
            raise KgError("E207", address=client.scheduler.address, detail=str(err)) from None
        following = next(queue, None)
        if following is not None:
            submit(following)
        yield batch, result


def _awaited(client: Client, future: Future, batch: list[Unit]) -> Batch:
    """Wait for the result of a batch, as long as the cluster has a worker: Dask would wait for one without end."""
    while True:
        try:
            return future.result(timeout=CONNECT_SECONDS)
        except TimeoutError:
            if future.done():  # a timeout that the batch itself raised
                raise
            try:
                client.wait_for_workers(1, timeout=CONNECT_SECONDS)
            except OSError:
                raise KgError("E209", path=batch[0].articles[0].path,
                              detail=f"no worker left for {CONNECT_SECONDS:g} s") from None


# --- the workers' side --------------------------------------------------------------------------

# The rule set a reader process read, under the directory and fingerprint it was read for: loaded once, and again
# only when a build comes with other rules.
_loaded: dict[tuple[str | None, str], RuleSet] = {}
# The reader process of each worker thread.
_readers = threading.local()


def extract_batch(units: list[Unit], published: str | None, directory: str | None, fingerprint: str) -> Batch:
    """Read a batch of articles on a worker, once the worker is found to run the build's rules and engine: each
    article's quads in its own graph or the shared graph, as N-Quads."""
    here = worker_fingerprint(directory)
    if here != fingerprint:
        from distributed import get_worker

        raise KgError("E208", worker=f"the Dask worker {get_worker().address}", detail=_differ(here, fingerprint))
    return read_in_reader(units, published, directory, fingerprint)


def read_in_reader(units: list[Unit], published: str | None, directory: str | None, fingerprint: str) -> Batch:
    """Have the worker thread's reader process read a batch, starting it the first time.

    Dask runs tasks in threads, where no signal arrives, so no time budget could stop a rule that backtracks without
    end (kg/extract/budget.py): the reader reads in its main thread, under the budget this process runs with.
    """
    import kg.extract.mentions

    reader = getattr(_readers, "process", None)
    if reader is None or reader.poll() is not None:
        reader = _readers.process = subprocess.Popen([sys.executable, "-m", "kg.cluster"], stdin=subprocess.PIPE,
                                                     stdout=subprocess.PIPE)
    try:
        pickle.dump((units, published, directory, fingerprint, kg.extract.mentions.RULE_SECONDS), reader.stdin)
        reader.stdin.flush()
        failed, answer = pickle.load(reader.stdout)
    except (OSError, EOFError, pickle.UnpicklingError):
        reader.kill()
        reader.wait()
        _readers.process = None
        raise KgError("E204", path=units[0].articles[0].path) from None
    if failed:
        raise answer
    return answer


def worker_fingerprint(directory: str | None) -> str:
    """Return the fingerprint of the rules of a directory (None: the shipped rules) and of the engine, on a worker."""
    return rules_fingerprint(Path(directory) if directory is not None else RULES_DIR)


def _differ(here: str, build: str) -> str:
    """Say how a worker's fingerprint differs from the build's."""
    return f"rules fingerprint {here[:12]}, the build's {build[:12]}"


def _serve() -> None:
    """Read the batches a worker thread sends on standard input, one at a time, and answer each on standard output
    with (False, its Batch) or (True, the KgError it raised), until the worker closes the pipe."""
    import kg.extract.mentions
    from kg.jobs import read_batch

    # Ctrl-C reaches every process of the terminal: the worker decides what it stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    requests, answers = sys.stdin.buffer, os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    # Whatever else writes to standard output goes to standard error, out of the answers' way.
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    while True:
        try:
            units, published, directory, fingerprint, seconds = pickle.load(requests)
        except EOFError:
            return
        kg.extract.mentions.RULE_SECONDS = seconds
        try:
            answer = (False, read_batch(units, _rules(directory, fingerprint), published))
        except KgError as err:
            answer = (True, err)
        pickle.dump(answer, answers)
        answers.flush()


def _rules(directory: str | None, fingerprint: str) -> RuleSet:
    """Return the rule set of a directory (None: the shipped rules), reading it the first time only."""
    rules = _loaded.get((directory, fingerprint))
    if rules is None:
        _loaded.clear()
        rules = _loaded[(directory, fingerprint)] = load_rules(Path(directory) if directory is not None else RULES_DIR)
    return rules


if __name__ == "__main__":
    _serve()
