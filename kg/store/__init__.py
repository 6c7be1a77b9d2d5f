"""The store: an on-disk Oxigraph dataset that `kg build` updates article by article and `kg query` reads.

Layout (`<out>/store/`): one named graph per article, named by the article's IRI (`id:article/KEY`), with every
triple that names one of the article's own resources (its text and spans, events, statements, documents, and the
reified facts about them); the graph SHARED_GRAPH with the triples articles have in common (entities, topics,
rules, CAMEO concepts, and the events named across articles, whose spans lie in the graph of each article that
reports them); and the graph RECORD_GRAPH, where each article has the hash of its source, the hash of the
rule set it was read with, the shared triples it contributes (each as a triple term, so that the store's indexes
tell which articles bring a triple and which triples an article brings), and a hash of the state of each of its
files that proves it unchanged. Each triple of out/graph.ttl lies in exactly one of the article graphs and the
shared graph, so their union is that graph.

Each article is written in one SPARQL update, which pyoxigraph applies as one transaction: a build that fails or
is killed at any moment leaves every article as it was or as it is now, and the store always opens and answers.
Builds and readers take turns through an advisory lock (flock) on the store's directory: a build holds it
exclusively, readers (`kg query`, `kg export`) shared. This module is what readers need, and imports no RDF library:
the build's side is kg/store/incremental.py.
"""

from __future__ import annotations

import errno
import fcntl
import itertools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg.errors import KgError

STORE_DIR = "store"
SHARED_GRAPH = "https://kg.example.org/graph/shared"
RECORD_GRAPH = "https://kg.example.org/graph/record"
RECORD = "https://kg.example.org/store#"
SOURCE_HASH, RULES_HASH, BRINGS, FILE_STATE = (RECORD + name
                                               for name in ("sourceHash", "rulesHash", "brings", "fileState"))
EXPORT_FORMATS = ("trig", "nquads", "turtle")
EXPORT_SUFFIXES = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle"}
# Oxigraph keeps every integer as an xsd:integer, whatever type it was given; the only integers of the graph are its
# offsets, which the contract types xsd:nonNegativeInteger (as kg.store.incremental.literal_of reads them).
STORED_INTEGER = b"^^<http://www.w3.org/2001/XMLSchema#integer>"
CONTRACT_INTEGER = b"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"


# --- the directory and its lock ----------------------------------------------------------------


def make_directory(directory: Path) -> None:
    """Create a directory and its parents, or say in one line why it cannot be."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # mkdir(exist_ok=True) says "File exists" when the path is a regular file
        raise KgError("E201", path=directory, detail=os.strerror(errno.ENOTDIR)) from None
    except OSError as err:
        raise KgError("E201", path=directory, detail=err.strerror or str(err)) from None


def lock_directory(directory: Path, exclusive: bool) -> int:
    """Open a directory and take its lock, waiting for the holders of the other kind; return the descriptor."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
    except BaseException:
        os.close(fd)
        raise
    return fd


def reason(err: OSError) -> str:
    """Say in one line why the store could not be opened, read or written."""
    text = (err.strerror or str(err)).strip()
    return text.splitlines()[0] if text else type(err).__name__


# --- readers -----------------------------------------------------------------------------------


@contextmanager
def opened_for_reading(directory: Path) -> Iterator[ox.Store]:
    """Open a store read-only once no build is writing it, and keep builds out until the reading is done."""
    if not (directory / "CURRENT").is_file():
        raise KgError("E425", path=directory)
    try:
        lock = lock_directory(directory, exclusive=False)
    except OSError as err:
        raise KgError("E426", path=directory, detail=reason(err)) from None
    try:
        try:
            store = ox.Store.read_only(str(directory))
        except OSError as err:
            raise KgError("E426", path=directory, detail=reason(err)) from None
        yield store
        del store
    finally:
        os.close(lock)


def data_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Yield the quads of the article graphs and the shared graph, not the record's."""
    record = ox.NamedNode(RECORD_GRAPH)
    return (quad for quad in store if quad.graph_name != record)


def union_in_memory(store: ox.Store) -> ox.Store:
    """Copy the union of a store's graphs into the default graph of a store in memory (for FROM, which needs
    graphs of its own beside it)."""
    memory = ox.Store()
    memory.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store)
    return memory


def export_format(output_format: str | None, out: Path | None) -> str:
    """Return the format to export in: the one given, else the one the output file's suffix names, else TriG."""
    if output_format is not None:
        if output_format not in EXPORT_FORMATS:
            raise KgError("E406", format=output_format, form="kg export", allowed=", ".join(EXPORT_FORMATS))
        return output_format
    return EXPORT_SUFFIXES.get(out.suffix.lower(), "trig") if out is not None else "trig"


def export(directory: Path, output_format: str) -> Iterator[bytes]:
    """Return, in pieces, the store's article and shared graphs as TriG or N-Quads, or their union as Turtle (the bytes
    of graph.ttl); sorted, so that the same store always gives the same bytes.

    TriG and N-Quads are written a graph at a time, in the order of the graphs' names, so that the export of a corpus
    needs the memory of its largest graph only; the Turtle of the union needs the whole union, as graph.ttl does.
    """
    pieces = _export_pieces(directory, output_format)
    # The first piece opens the store: an error there is said before the output is touched.
    return itertools.chain([next(pieces, b"")], pieces)


def _export_pieces(directory: Path, output_format: str) -> Iterator[bytes]:
    """Yield the pieces of an export (see export)."""
    from kg.rdf.serialize import to_turtle
    from kg.store.incremental import graph_triples, union_triples

    with opened_for_reading(directory) as store:
        if output_format == "turtle":
            yield to_turtle(union_triples(store))
            return
        names = sorted(graph.value for graph in store.named_graphs() if graph.value != RECORD_GRAPH)
        if output_format == "nquads":
            for name in names:
                yield _graph_nquads(store, directory, name)
            return
        # TriG: each graph as graph.ttl writes triples, in braces under its name, below the prefixes they all use,
        # which are known once every graph is written: the graphs wait on disk meanwhile.
        prefixes: set[bytes] = set()
        with _spooled(tempfile.TemporaryFile) as blocks:
            for number, name in enumerate(names):
                header, _, body = to_turtle(graph_triples(store, name)).partition(b"\n\n")
                prefixes.update(header.splitlines(keepends=True))
                _spooled(blocks.write, (b"\n" if number else b"") + f"<{name}> {{\n".encode("utf-8") + body + b"}\n")
            yield b"".join(sorted(prefixes)) + b"\n"
            blocks.seek(0)
            while chunk := _spooled(blocks.read, 1 << 20):
                yield chunk


def _spooled(operation: Callable[..., Any], *args: Any) -> Any:
    """Run an operation on the temporary file of an export; an error there is one writing the export."""
    try:
        return operation(*args)
    except OSError as err:
        raise KgError("E201", path=tempfile.gettempdir(), detail=err.strerror or str(err)) from None


def _graph_nquads(store: ox.Store, directory: Path, name: str) -> bytes:
    """Write one graph of a store as sorted N-Quads, its offsets typed as the contract types them."""
    try:
        lines = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
    except OSError as err:
        raise KgError("E426", path=directory, detail=reason(err)) from None
    # N-Triples writes no line break inside a term, so each line ends with the only " .\n" it holds.
    lines = lines.replace(STORED_INTEGER, CONTRACT_INTEGER).replace(b" .\n", f" <{name}> .\n".encode("utf-8"))
    return b"".join(sorted(lines.splitlines(keepends=True)))


def write_export(pieces: Iterable[bytes], out: Path | None, stdout: BinaryIO) -> None:
    """Write an export, given in pieces, to a file, replaced whole once every piece is written, or to standard
    output."""
    if out is None:
        try:
            for piece in pieces:
                stdout.write(piece)
            stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as err:
            raise KgError("E201", path="standard output", detail=err.strerror or str(err)) from None
        return
    from kg.build import write_all_atomic

    write_all_atomic({out: pieces})
