"""Bulk loading: the quads of many articles written as N-Quads shards, then loaded into the store in one pass.

A transaction per article costs tens of milliseconds in the build's one writer, so a build of thousands of articles,
local (kg/build.py) or on a Dask cluster (kg/cluster.py), has its articles read in batches instead: whoever reads a
batch splits every article's triples into its own graph and the shared graph (kg.store.incremental.partitioned_lines)
and writes them as sorted N-Quads; the build writes each batch as one shard, shard-NNNNNN.nq, in the order of the
batches, and bulk-loads them in passes of about PASS_BYTES, so that the store, its record and the warnings are
those of a build that writes article by article, and memory does not grow with the corpus.

Bulk loading is not a transaction. Each article's old version goes first, in one transaction; its record is loaded
with its shard but without the hash of its source, which it gets once its shard is loaded: a build killed in between
leaves articles that the record does not call current, which the next build reads again and replaces whole.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

import pyoxigraph as ox

from kg.errors import KgError
from kg.rdf.triples import Triples
from kg.store import RECORD_GRAPH, SHARED_GRAPH, SOURCE_HASH, make_directory, reason
from kg.store.incremental import BuildStore, Entry, Unit, partitioned_lines, record_lines

# Batches per corpus, and articles per batch at most: a small corpus still spreads over the readers, a large one
# makes shards of a useful size.
BATCHES = 64
MAX_BATCH = 64
# The shards loaded in one pass, in bytes: the bulk loader holds about 1 GB per million quads it loads at once (a
# quad is about 240 bytes of N-Quads), and loads them no faster in larger passes.
PASS_BYTES = 120_000_000


class Batch(NamedTuple):
    """What the reading of a batch of articles gives: their quads as sorted N-Quads, the shared triples each article
    brings (sorted N-Triples), and the warnings their reading gave, in the order of the articles."""

    nquads: bytes
    shared: list[tuple[str, ...]]
    warnings: list[str]


def batches(units: list[Unit]) -> list[list[Unit]]:
    """Cut the units into batches in their order, all of one size that depends only on how many they are."""
    size = min(MAX_BATCH, max(1, math.ceil(len(units) / BATCHES)))
    return [units[start:start + size] for start in range(0, len(units), size)]


def shard_name(number: int) -> str:
    """Name the shard of a batch by its place among the batches of a build, from 1."""
    return f"shard-{number:06d}.nq"


def batch_quads(extractions: Iterable[tuple[Unit, Triples, list[str]]]) -> Batch:
    """Write the triples of a batch's articles as the quads of their own graphs and of the shared graph."""
    lines: set[str] = set()
    shared_of: list[tuple[str, ...]] = []
    warnings: list[str] = []
    for unit, triples, said in extractions:
        warnings.extend(said)
        mine, shared = partitioned_lines(triples, unit.key)
        lines.update(f"{line} <{unit.iri}> .\n" for line in mine)
        lines.update(f"{line} <{SHARED_GRAPH}> .\n" for line in shared)
        shared_of.append(tuple(sorted(set(shared))))
    return Batch("".join(sorted(lines)).encode("utf-8"), shared_of, warnings)


def load_batches(results: Iterator[tuple[list[Unit], Batch]], total: int, store: BuildStore, fingerprint: str,
                 shards: Path, warn: Callable[[str], None], progress: Callable[[int, int], None]) -> None:
    """Write the batches read, as they come in their order, as shards in the directory shards (removing the shards
    of an earlier build first) and load them into the store, a pass each time PASS_BYTES of them are written; warn
    and report progress on the total of articles.

    A pass loads in the background while the next one's batches are taken in and written, so the readers do not
    wait for the loader; one pass loads at a time, so the loader's memory stays that of one pass. An error in an
    article stops the build with the batches before its own loaded.
    """
    from kg.build import write_all_atomic

    make_directory(shards)
    try:
        for old in shards.glob("shard-*.nq"):
            old.unlink()
    except OSError as err:
        raise KgError("E201", path=shards, detail=err.strerror or str(err)) from None
    loading = Pass()
    done = 0
    progress(done, total)
    with ThreadPoolExecutor(max_workers=1) as loader:
        previous: Future[None] = Future()
        previous.set_result(None)
        try:
            for number, (batch, result) in enumerate(results, start=1):
                for message in result.warnings:
                    warn(message)
                shard = shards / shard_name(number)
                write_all_atomic({shard: result.nquads})
                if any(unit.iri in store.record for unit in batch):
                    # Dropping an old version asks the record which articles bring its shared triples: a pass loading
                    # meanwhile would answer halfway.
                    previous.result()
                make_room(store, batch, result.shared, fingerprint)
                loading.shards.append((shard, batch))
                loading.records.append(record_quads(batch, result.shared, fingerprint))
                loading.size += len(result.nquads)
                loading.quads += result.nquads.count(b"\n")
                if loading.size >= PASS_BYTES:
                    previous.result()
                    previous, loading = loader.submit(load_pass, store, loading), Pass()
                done += len(batch)
                progress(done, total)
        except Exception:
            previous.result()
            load_pass(store, loading)
            raise
        previous.result()
    load_pass(store, loading)


@dataclass
class Pass:
    """The shards of one pass of the bulk loader, with their articles, their articles' records, their size and how
    many quads they hold."""

    shards: list[tuple[Path, list[Unit]]] = field(default_factory=list)
    records: list[bytes] = field(default_factory=list)
    size: int = 0
    quads: int = 0


def record_quads(batch: list[Unit], shared: list[tuple[str, ...]], fingerprint: str) -> bytes:
    """Write the record of a batch's articles, without the hashes of their sources, as N-Quads."""
    return "".join(f"{line} <{RECORD_GRAPH}> .\n" for unit, brought in zip(batch, shared)
                   for line in record_lines(unit, fingerprint, brought, source=False)).encode("utf-8")


def make_room(store: BuildStore, batch: list[Unit], shared: list[tuple[str, ...]], fingerprint: str) -> None:
    """Drop the old version of each article of a batch that the store holds, each in one transaction, as a build that
    writes article by article does, and count it as one without the hash of its source."""
    for unit, brought in zip(batch, shared):
        if unit.iri in store.record:
            store.apply(unit.iri, "", set(brought))
        store.record[unit.iri] = Entry("", fingerprint)


def load_pass(store: BuildStore, loading: Pass) -> None:
    """Bulk-load the records of a pass's articles, then their shards, then add the hashes of their sources to the
    record in one transaction.

    The records go first, each load whole before the next begins: a shared triple in the store is then always one that
    the record says an article brings, which the next build drops with the article if this one is killed.
    """
    if not loading.shards:
        return
    try:
        store.store.bulk_load(b"".join(loading.records), format=ox.RdfFormat.N_QUADS, lenient=True)
        with io.BufferedReader(_Concatenated([shard for shard, _ in loading.shards])) as quads:
            # The shards are this build's own N-Quads, valid by construction: the loader need not check them again.
            store.store.bulk_load(quads, format=ox.RdfFormat.N_QUADS, lenient=True)
        store.store.extend(ox.Quad(ox.NamedNode(unit.iri), ox.NamedNode(SOURCE_HASH), ox.Literal(unit.source),
                                   ox.NamedNode(RECORD_GRAPH)) for _, batch in loading.shards for unit in batch)
    except OSError as err:
        raise KgError("E203", path=store.directory, detail=reason(err)) from None
    store.loaded += loading.quads
    store.logged = True
    for _, batch in loading.shards:
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
