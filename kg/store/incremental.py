"""The build's side of the store (kg/store/__init__.py): which articles to read again, and the transactions that write them.

A build reads an article again when the store lacks it or holds it from another source (its text, its file name,
the --published date) or from another rule set or engine (kg.extract.rules.rules_fingerprint); it drops the articles no longer among
its inputs. Writing an article replaces, in one SPARQL update, its graph, its record, and its share of the shared
graph: the shared triples it brings, and those it alone brought before, which go. An event named across articles
(kg/rdf/mapping.py) is such a share: it stays while another article reports it, with that article's spans only.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.errors import KgError
from kg.extract.text import Article
from kg.rdf.mapping import ID, RDF, XSD, new_triples
from kg.rdf.serialize import render_literal
from kg.rdf.triples import Triple, Triples
from kg.store import (RECORD_GRAPH, RULES_HASH, SHARED_GRAPH, SHARED_TRIPLES, SOURCE_HASH, data_quads, lock_directory,
                      make_directory, reason)

DIGEST_LENGTH = 16
# RocksDB keeps the writes of its transactions in memory tables until they pass their size (hundreds of MB for
# Oxigraph's indexes): written out after this many quads, a build's memory stays that of a few articles.
FLUSH_QUADS = 100_000


class Entry(NamedTuple):
    """What the record says of one article: the hashes it was built from and the shared triples it contributes."""

    source: str
    rules: str
    shared: tuple[str, ...]


class Unit(NamedTuple):
    """The articles of one IRI (files of the same text are one article), with the hash of what they are read from."""

    iri: str
    key: str
    articles: list[Article]
    source: str


# --- hashes ------------------------------------------------------------------------------------


def units_of(articles: list[Article], published: str | None) -> list[Unit]:
    """Group the articles by IRI, in the order they come, each with the hash of its texts, file names and the
    --published date (a file name and that date can date an article)."""
    grouped: dict[str, list[Article]] = {}
    for article in articles:
        grouped.setdefault(article.key, []).append(article)
    units = []
    for key, group in grouped.items():
        digest = hashlib.sha256(f"{published or ''}\0".encode("utf-8"))
        for article in group:
            digest.update(f"{article.path.name}\0{len(article.text)}\0{article.text}".encode("utf-8"))
        units.append(Unit(f"{ID}article/{key}", key, group, digest.hexdigest()))
    return units


# --- terms -------------------------------------------------------------------------------------


def ntriples_term(term: URIRef | Literal) -> str:
    """Write an IRI or a literal as N-Triples and SPARQL write it."""
    return f"<{term}>" if isinstance(term, URIRef) else render_literal(term, lambda iri: f"<{iri}>")


def ntriples(triple: Triple) -> str:
    """Write a triple as N-Triples, without the final dot."""
    return " ".join(ntriples_term(term) for term in triple)


def digest(triple: Triple) -> str:
    """Name a shared triple in the record by a hash of its N-Triples."""
    return hashlib.sha256(ntriples(triple).encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


class TermReader:
    """Turns pyoxigraph terms into the rdflib terms of the build, each distinct term once."""

    def __init__(self) -> None:
        """Start with no term read."""
        self.terms: dict[object, URIRef | Literal] = {}

    def term(self, term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
        """Return the rdflib term of a pyoxigraph IRI or literal; a plain string stays plain, as the build makes it."""
        known = self.terms.get(term)
        if known is None:
            if isinstance(term, ox.NamedNode):
                known = URIRef(term.value)
            elif term.language:
                known = Literal(term.value, lang=term.language)
            elif term.datatype.value == str(XSD.string):
                known = Literal(term.value)
            elif term.datatype.value == str(XSD.integer):
                # Oxigraph keeps every integer as an xsd:integer, whatever type it was given; the only integers
                # of the graph are its offsets, which the contract types xsd:nonNegativeInteger.
                known = Literal(term.value, datatype=XSD.nonNegativeInteger)
            else:
                known = Literal(term.value, datatype=URIRef(term.datatype.value))
            self.terms[term] = known
        return known

    def triple(self, quad: ox.Quad) -> Triple:
        """Return the rdflib triple of a quad."""
        return self.term(quad.subject), self.term(quad.predicate), self.term(quad.object)


def partition(triples: Iterable[Triple], key: str) -> tuple[list[Triple], list[Triple]]:
    """Split an article's triples into those of its own graph and the shared ones.

    A triple is the article's own when its subject or object is one of the article's resources (an IRI of the id:
    namespace with the article's key in its path), or when its subject is the reification of such a fact.
    """
    namespace, marker = str(ID), "/" + key

    def own(term: object) -> bool:
        return isinstance(term, URIRef) and marker in term and term.startswith(namespace)

    triples = list(triples)
    facts = {s for s, p, o in triples if p in (RDF.subject, RDF.object) and own(o)}
    mine, shared = [], []
    for triple in triples:
        s, _, o = triple
        (mine if own(s) or own(o) or s in facts else shared).append(triple)
    return mine, shared


# --- a build's store ---------------------------------------------------------------------------


class BuildStore:
    """The store open for a build: the record of each article and the transactions that replace and drop them."""

    def __init__(self, directory: Path) -> None:
        """Lock the store's directory, creating it, open the store and read its record."""
        make_directory(directory.parent)
        make_directory(directory)
        self.directory = directory
        self.lock = lock_directory(directory, exclusive=True)
        try:
            self.store = ox.Store(str(directory))
            self.record = self.read_record()
        except OSError as err:
            os.close(self.lock)
            raise KgError("E203", path=directory, detail=reason(err)) from None
        except BaseException:
            os.close(self.lock)
            raise
        self.users = Counter(d for entry in self.record.values() for d in entry.shared)
        self.reader = TermReader()
        self.shared: dict[str, Triple] | None = None
        self.unflushed = 0

    def read_record(self) -> dict[str, Entry]:
        """Return what the record says of each article, by IRI."""
        fields: dict[str, dict[str, str]] = {}
        for quad in self.store.quads_for_pattern(None, None, None, ox.NamedNode(RECORD_GRAPH)):
            fields.setdefault(quad.subject.value, {})[quad.predicate.value] = quad.object.value
        return {iri: Entry(f.get(SOURCE_HASH, ""), f.get(RULES_HASH, ""), tuple(f.get(SHARED_TRIPLES, "").split()))
                for iri, f in fields.items()}

    def shared_triples(self) -> dict[str, Triple]:
        """Return the triples of the shared graph by digest, read once."""
        if self.shared is None:
            triples = (self.reader.triple(q) for q in self.store.quads_for_pattern(None, None, None,
                                                                                   ox.NamedNode(SHARED_GRAPH)))
            self.shared = {digest(t): t for t in triples}
        return self.shared

    def current(self, unit: Unit, fingerprint: str) -> bool:
        """Tell whether the store holds an article as this build would write it."""
        entry = self.record.get(unit.iri)
        return entry is not None and (entry.source, entry.rules) == (unit.source, fingerprint)

    def answers(self) -> bool:
        """Tell whether the store holds an article that readers answer from: one recorded with the hash of its
        source (an article loaded in bulk gets it once loaded)."""
        return any(entry.source for entry in self.record.values())

    def read(self, iri: str, graph: Triples) -> None:
        """Add the triples of an article, as the store holds them, to a graph: its own graph, then its shared
        triples."""
        for quad in self.store.quads_for_pattern(None, None, None, ox.NamedNode(iri)):
            graph.add(self.reader.triple(quad))
        shared = self.shared_triples()
        for name in self.record[iri].shared:
            graph.add(shared[name])

    def put(self, unit: Unit, triples: Triples, fingerprint: str) -> None:
        """Replace an article, its share of the shared graph and its record in one transaction."""
        mine, shared = partition(triples, unit.key)
        added = {digest(t): t for t in shared}
        entry = Entry(unit.source, fingerprint, tuple(sorted(added)))
        record = [(URIRef(unit.iri), URIRef(predicate), Literal(value)) for predicate, value in (
            (SOURCE_HASH, entry.source), (RULES_HASH, entry.rules), (SHARED_TRIPLES, " ".join(entry.shared)))]
        insert = (f"INSERT DATA {{ {_graph(unit.iri, mine)} {_graph(SHARED_GRAPH, added.values())} "
                  f"{_graph(RECORD_GRAPH, record)} }}")
        self.apply(unit.iri, insert, added)
        self.unflushed += len(mine) + len(added)
        if self.unflushed >= FLUSH_QUADS:
            self.flush()
        self.record[unit.iri] = entry
        self.users.update(entry.shared)
        if self.shared is not None:
            self.shared.update(added)

    def keep_only(self, iris: set[str]) -> int:
        """Drop the articles that are no longer among the inputs, each in one transaction; return how many."""
        gone = sorted(set(self.record) - iris)
        for iri in gone:
            self.apply(iri, "", {})
        return len(gone)

    def apply(self, iri: str, insert: str, added: dict[str, Triple]) -> None:
        """Remove an article's graph, record and the shared triples no other article contributes, then run insert,
        all in one update; forget the removed entry."""
        operations = [f"DROP SILENT GRAPH <{iri}>",
                      f"DELETE WHERE {{ GRAPH <{RECORD_GRAPH}> {{ <{iri}> ?p ?o }} }}"]
        old = self.record.pop(iri, None)
        if old is not None:
            self.users.subtract(old.shared)
            orphans = [name for name in old.shared if self.users[name] <= 0 and name not in added]
            if orphans:
                shared = self.shared_triples()
                operations.append(f"DELETE DATA {{ {_graph(SHARED_GRAPH, (shared[n] for n in orphans))} }}")
                for name in orphans:
                    del shared[name], self.users[name]
        if insert:
            operations.append(insert)
        try:
            self.store.update(" ;\n".join(operations))
        except OSError as err:
            raise KgError("E203", path=self.directory, detail=reason(err)) from None

    def flush(self) -> None:
        """Write the store's memory tables and log of writes out to its files."""
        try:
            self.store.flush()
        except OSError as err:
            raise KgError("E203", path=self.directory, detail=reason(err)) from None
        self.unflushed = 0

    def close(self) -> None:
        """Close the store and release the lock."""
        del self.store
        os.close(self.lock)


def _graph(name: str, triples: Iterable[Triple]) -> str:
    """Write triples as a GRAPH block of a SPARQL update."""
    return f"GRAPH <{name}> {{\n" + "".join(ntriples(t) + " .\n" for t in triples) + "}"


@contextmanager
def opened_for_build(directory: Path) -> Iterator[Callable[[], BuildStore]]:
    """Open a build's store in the background, since RocksDB takes a while to create one; yield the function that
    waits for it. The store is closed and its lock released when the build ends, however it ends."""
    pool = ThreadPoolExecutor(max_workers=1)
    opening = pool.submit(BuildStore, directory)
    try:
        yield opening.result
    finally:
        pool.shutdown()
        if opening.exception() is None:
            opening.result().close()


def union_triples(store: ox.Store) -> Triples:
    """Return the union of the article graphs and the shared graph as the build's triple set."""
    reader, triples = TermReader(), new_triples()
    for quad in data_quads(store):
        triples.add(reader.triple(quad))
    return triples


def graph_triples(store: ox.Store) -> dict[str, Triples]:
    """Return the triples of each article graph and of the shared graph, by graph name."""
    reader, graphs = TermReader(), {}
    for quad in data_quads(store):
        name = quad.graph_name.value
        if name not in graphs:
            graphs[name] = new_triples()
        graphs[name].add(reader.triple(quad))
    return graphs
