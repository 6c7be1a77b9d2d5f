"""Builds on a Dask cluster (kg build --scheduler): the workers read the articles, the build writes what they give as
N-Quads shards and bulk-loads them into the store.

Articles go to the workers in batches, in their order, once every worker is found to run the build's rules and
engine (the rules fingerprint, checked again by each batch for the workers that join later). A worker reads each
batch with the rule set it loaded once, splitting every article's triples into its own graph and the shared graph as
the local build does (kg.store.incremental.partition). The build takes the batches back in their order, writes each as one
shard, shard-NNNNNN.nq, then bulk-loads them all into the store, so that the store, its record and the warnings are
those of a local build. Dask is an optional extra: only this module imports it, and only when a build is given a
scheduler.
"""

from __future__ import annotations

import io
import math
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

import pyoxigraph as ox

from kg.errors import KgError
from kg.extract.rules import RULES_DIR, RuleSet, load_rules, rules_fingerprint
from kg.store import RECORD_GRAPH, SHARED_GRAPH, SOURCE_HASH, make_directory, reason
from kg.store.incremental import BuildStore, Entry, Unit, ntriples, partition, record_lines

if TYPE_CHECKING:
    from distributed import Client, Future

SHARDS_DIR = "shards"
# How long a build waits for the scheduler to answer, and then for a worker to join it.
CONNECT_SECONDS = 10.0
# Batches per corpus, and articles per batch at most: a small corpus still spreads over the workers, a large one
# makes shards of a useful size.
BATCHES = 64
MAX_BATCH = 64
# Batches in flight per worker thread, the one it reads included: enough that no worker waits, few enough that the
# cluster holds few results the build has not yet taken.
AHEAD = 2


class Batch(NamedTuple):
    """What a worker gives back for a batch of articles: their quads as sorted N-Quads, the shared triples each
    article brings (sorted N-Triples), and the warnings their reading gave, in the order of the articles."""

    nquads: bytes
    shared: list[tuple[str, ...]]
    warnings: list[str]


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


def batches(units: list[Unit]) -> list[list[Unit]]:
    """Cut the units into batches in their order, all of one size that depends only on how many they are."""
    size = min(MAX_BATCH, max(1, math.ceil(len(units) / BATCHES)))
    return [units[start:start + size] for start in range(0, len(units), size)]


def shard_name(number: int) -> str:
    """Name the shard of a batch by its place among the batches of a build, from 1."""
    return f"shard-{number:06d}.nq"


def load_on_cluster(client: Client, units: list[Unit], store: BuildStore, fingerprint: str, rules_dir: Path,
                    published: str | None, shards: Path, warn: Callable[[str], None],
                    progress: Callable[[int, int], None]) -> None:
    """Have the cluster read the units, in their order, write each batch as a shard in the directory shards (whose
    shards of an earlier build go first) and load them into the store; warn and report progress as they come.

    An error in an article stops the build with the batches before its own loaded.
    """
    from kg.build import write_all_atomic

    # The shipped rules are those of the kg each worker has installed; another directory is read where it is named.
    directory = None if rules_dir.resolve() == RULES_DIR.resolve() else str(rules_dir)
    check_cluster(client, directory, fingerprint)
    make_directory(shards)
    try:
        for old in shards.glob("shard-*.nq"):
            old.unlink()
    except OSError as err:
        raise KgError("E201", path=shards, detail=err.strerror or str(err)) from None
    written: list[tuple[Path, list[Unit]]] = []
    done = 0
    progress(done, len(units))
    try:
        for number, (batch, result) in enumerate(_in_order(client, batches(units), published, directory,
                                                           fingerprint), start=1):
            for message in result.warnings:
                warn(message)
            shard = shards / shard_name(number)
            write_all_atomic({shard: result.nquads})
            make_room(store, batch, result.shared, fingerprint)
            written.append((shard, batch))
            done += len(batch)
            progress(done, len(units))
    except Exception:
        load_shards(store, written)
        raise
    load_shards(store, written)


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


def make_room(store: BuildStore, batch: list[Unit], shared: list[tuple[str, ...]], fingerprint: str) -> None:
    """Drop the old version of each article of a batch, and record it as the local build does but without the hash of
    its source, which makes it current only once its shard is loaded.

    Each article's old graph, record and the shared triples only it brought go in one transaction, as in a local
    build; a build killed before its shards are loaded leaves articles that the record does not call current, which
    the next build reads again and replaces whole, the shared triples they brought included.
    """
    for unit, brought in zip(batch, shared):
        lines = record_lines(unit, fingerprint, brought, source=False)
        insert = f"INSERT DATA {{ GRAPH <{RECORD_GRAPH}> {{ {' '.join(line + ' .' for line in lines)} }} }}"
        store.apply(unit.iri, insert, set(brought))
        store.record[unit.iri] = Entry("", fingerprint)


def load_shards(store: BuildStore, written: list[tuple[Path, list[Unit]]]) -> None:
    """Bulk-load shards into the store in one pass (a pass costs a fraction of a second, whatever its size), then
    add the hashes of their articles' sources to the record in one transaction."""
    if not written:
        return
    try:
        with io.BufferedReader(_Concatenated([shard for shard, _ in written])) as quads:
            store.store.bulk_load(quads, format=ox.RdfFormat.N_QUADS)
        store.store.extend(ox.Quad(ox.NamedNode(unit.iri), ox.NamedNode(SOURCE_HASH), ox.Literal(unit.source),
                                   ox.NamedNode(RECORD_GRAPH)) for _, batch in written for unit in batch)
    except OSError as err:
        raise KgError("E203", path=store.directory, detail=reason(err)) from None
    for _, batch in written:
        for unit in batch:
            store.record[unit.iri] = store.record[unit.iri]._replace(source=unit.source)


class _Concatenated(io.RawIOBase):
    """The bytes of several files, one after the other, read as one file."""

    def __init__(self, paths: list[Path]) -> None:
        """Read the files at the given paths, in their order."""
        super().__init__()
        self.paths = iter(paths)
        self.current: BinaryIO | None = None

    def readable(self) -> bool:
        """Tell that the stream can be read."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Read into a buffer from the current file, moving to the next at its end; return 0 after the last."""
        while True:
            if self.current is None:
                path = next(self.paths, None)
                if path is None:
                    return 0
                self.current = path.open("rb")
            count = self.current.readinto(buffer)
            if count:
                return count
            self.current.close()
            self.current = None

    def close(self) -> None:
        """Close the file being read."""
        if self.current is not None:
            self.current.close()
            self.current = None
        super().close()


# --- the workers' side --------------------------------------------------------------------------

# The rule set a worker process read, under the directory and fingerprint it was read for: loaded once, and again
# only when a build comes with other rules.
_loaded: dict[tuple[str | None, str], RuleSet] = {}
_loading = threading.Lock()


def extract_batch(units: list[Unit], published: str | None, directory: str | None, fingerprint: str) -> Batch:
    """Read a batch of articles on a worker: each one's quads in its own graph or the shared graph, as N-Quads."""
    # Imported here: kg.jobs imports the build, which imports this module only when it is given a scheduler.
    from kg.jobs import extract_articles

    rules = worker_rules(directory, fingerprint)
    lines: set[str] = set()
    shared_of, warnings = [], []
    for unit in units:
        extracted = extract_articles(unit.articles, rules, published)
        warnings.extend(extracted.warnings)
        mine, shared = partition(extracted.triples, unit.key)
        lines.update(f"{ntriples(triple)} <{unit.iri}> .\n" for triple in mine)
        lines.update(f"{ntriples(triple)} <{SHARED_GRAPH}> .\n" for triple in shared)
        shared_of.append(tuple(sorted({ntriples(triple) for triple in shared})))
    return Batch("".join(sorted(lines)).encode("utf-8"), shared_of, warnings)


def worker_fingerprint(directory: str | None) -> str:
    """Return the fingerprint of the rules of a directory (None: the shipped rules) and of the engine, on a worker."""
    return rules_fingerprint(Path(directory) if directory is not None else RULES_DIR)


def _differ(here: str, build: str) -> str:
    """Say how a worker's fingerprint differs from the build's."""
    return f"rules fingerprint {here[:12]}, the build's {build[:12]}"


def worker_rules(directory: str | None, fingerprint: str) -> RuleSet:
    """Return the rule set of a directory (None: the shipped rules) once the worker is found to run the build's rules
    and engine; read it the first time only."""
    here = worker_fingerprint(directory)
    if here != fingerprint:
        from distributed import get_worker

        raise KgError("E208", worker=f"the Dask worker {get_worker().address}", detail=_differ(here, fingerprint))
    with _loading:
        rules = _loaded.get((directory, fingerprint))
        if rules is None:
            _loaded.clear()
            rules = _loaded[(directory, fingerprint)] = load_rules(Path(directory) if directory is not None
                                                                   else RULES_DIR)
    return rules
