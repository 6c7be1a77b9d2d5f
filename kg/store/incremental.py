"""The build's side of the store (kg/store/__init__.py): which articles to read again, and the transactions that write them.

A build reads an article again when the store lacks it or holds it from another source (its text, its file name,
the --published date) or from another rule set or engine (kg.extract.rules.rules_fingerprint); it drops the articles no longer among
its inputs. Writing an article replaces, in one SPARQL update, its graph, its record, and its share of the shared
graph: the shared triples it brings, and those it alone brought before, which go. An event named across articles
(kg/rdf/mapping.py) is such a share: it stays while another article reports it, with that article's spans only.
Every question a build asks of the record is answered from the store's indexes, so that adding an article to a large
store costs what that article costs: the record names, for each triple an article brings, the triple itself.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.errors import KgError
from kg.extract.text import Article, load_article
from kg.rdf.mapping import ID, RDF, XSD, new_triples
from kg.rdf.serialize import render_literal
from kg.rdf.triples import Triple, Triples
from kg.store import (BRINGS, FILE_STATE, RECORD, RECORD_GRAPH, RULES_HASH, SHARED_GRAPH, SOURCE_HASH, data_quads,
                      lock_directory, make_directory, reason)

ARTICLE = f"{ID}article/"
# RocksDB keeps the writes of its transactions in memory tables until they pass their size (hundreds of MB for
# Oxigraph's indexes): written out after this many quads, a build's memory stays that of a few articles.
FLUSH_QUADS = 100_000
# RocksDB compacts its tables in the background; after this many quads written, what it has left to do takes
# longer than a short build lives, and each later build would start it and drop it again when it closes (seconds of
# processor time each, for a store of thousands of articles): the build that wrote them compacts the store.
COMPACT_QUADS = 1_000_000
# Each pass of the bulk loader adds tables that span every key, and a read looks into each of them: after twelve million
# quads loaded (10,000 articles) a compaction halves the store on disk and the time of reading an article by a third,
# for a seventh of the build's time; after one million (1,000 articles) it gains nothing.
BULK_COMPACT_QUADS = 5_000_000
# A file changed this recently may change again within the same tick of its clock, unseen by its size and times:
# its state proves nothing until it has settled, and until then the file is read.
SETTLED_NS = 2_000_000_000
# What the record of the earlier layout kept of the shared triples an article brings: their digests.
LEGACY_SHARED = RECORD + "sharedTriples"
XSD_STRING, XSD_INTEGER = str(XSD.string), str(XSD.integer)


class Entry(NamedTuple):
    """What the record says of one article: the hashes it was built from."""

    source: str
    rules: str


class Unit(NamedTuple):
    """The files of one IRI (files of the same text are one article), with the hash of what they are read from and
    the states that prove them unchanged; articles holds their texts, empty when the record vouched for every file
    (loaded() reads them)."""

    iri: str
    key: str
    articles: list[Article]
    source: str
    paths: tuple[Path, ...]
    states: tuple[str, ...]

    def loaded(self) -> Unit:
        """Return the unit with the texts of its files read."""
        return self if self.articles else self._replace(articles=[load_article(path) for path in self.paths])


# --- hashes ------------------------------------------------------------------------------------


def file_state(path: Path, now: int) -> str | None:
    """Return a hash of a file's path, inode, size and times of change, which the record keeps to know the file
    unchanged without reading it; None when the file changed too recently (before now) to tell."""
    try:
        stat = os.stat(path)
    except OSError:
        return None  # load_article says why
    if now - max(stat.st_mtime_ns, stat.st_ctime_ns) < SETTLED_NS:
        return None
    state = f"{stat.st_ino} {stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} {os.path.abspath(path)}"
    return hashlib.sha256(state.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def units_of(paths: list[Path], published: str | None, known: dict[str, str] | None = None) -> list[Unit]:
    """Group the files by the IRI of their text, in the order they come, each group with the hash of its key, file
    names and the --published date (a file name and that date can date an article). A file whose state the record
    knows (known: state -> key) is not read: the record vouches for its text."""
    known = known or {}
    now = time.time_ns()
    grouped: dict[str, list[tuple[Path, str | None, Article | None]]] = {}
    for path in paths:
        state = file_state(path, now)
        key = known.get(state) if state is not None else None
        article = None
        if key is None:
            article = load_article(path)
            key = article.key
        grouped.setdefault(key, []).append((path, state, article))
    units = []
    for key, group in grouped.items():
        digest = hashlib.sha256(f"{published or ''}\0{key}".encode("utf-8"))
        for path, _, _ in group:
            digest.update(f"\0{path.name}".encode("utf-8", "surrogateescape"))
        articles = [article for _, _, article in group]
        units.append(Unit(ARTICLE + key, key, articles if None not in articles else [], digest.hexdigest(),
                          tuple(path for path, _, _ in group),
                          tuple(sorted({state for _, state, _ in group if state is not None}))))
    return units


def settled_states(units: list[Unit]) -> dict[str, Unit]:
    """Return, by IRI, the units whose files had not settled when the build listed them and have since, each with the
    states of those files where they still hold the text the build read: the next build need not read them again.

    A file written just before a build (a corpus copied in, the day's article) has no state the record may keep
    (file_state); by the end of a build it may have, and reading it again then proves the state true.
    """
    now = time.time_ns()
    grown = {}
    for unit in units:
        if len(unit.states) == len(unit.paths):
            continue
        states = set(unit.states)
        for path in unit.paths:
            state = file_state(path, now)
            if state is not None and state not in states and _holds(path, unit.key):
                states.add(state)
        if len(states) > len(unit.states):
            grown[unit.iri] = unit._replace(states=tuple(sorted(states)))
    return grown


def _holds(path: Path, key: str) -> bool:
    """Tell whether a file holds the text of an article key."""
    try:
        return load_article(path).key == key
    except KgError:
        return False


# --- terms -------------------------------------------------------------------------------------


def ntriples_term(term: URIRef | Literal) -> str:
    """Write an IRI or a literal as N-Triples and SPARQL write it."""
    return f"<{term}>" if isinstance(term, URIRef) else render_literal(term, lambda iri: f"<{iri}>")


def ntriples(triple: Triple) -> str:
    """Write a triple as N-Triples, without the final dot."""
    return " ".join(ntriples_term(term) for term in triple)


def literal_of(value: str, language: str | None, datatype: str) -> Literal:
    """Return the rdflib literal of a literal as the store holds it; a plain string stays plain, as the build makes
    it."""
    if language:
        return Literal(value, lang=language)
    if datatype == XSD_STRING:
        return Literal(value)
    if datatype == XSD_INTEGER:
        # Oxigraph keeps every integer as an xsd:integer, whatever type it was given; the only integers of the graph
        # are its offsets, which the contract types xsd:nonNegativeInteger.
        return Literal(value, datatype=XSD.nonNegativeInteger)
    return Literal(value, datatype=URIRef(datatype))


class TermReader:
    """Turns pyoxigraph terms into the rdflib terms of the build, each distinct term once."""

    def __init__(self) -> None:
        """Start with no term read."""
        self.terms: dict[object, URIRef | Literal] = {}

    def term(self, term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
        """Return the rdflib term of a pyoxigraph IRI or literal, made once."""
        known = self.terms.get(term)
        if known is None:
            known = (URIRef(term.value) if isinstance(term, ox.NamedNode)
                     else literal_of(term.value, term.language, term.datatype.value))
            self.terms[term] = known
        return known

    def triple(self, quad: ox.Quad | ox.Triple) -> Triple:
        """Return the rdflib triple of a quad or of a triple term."""
        return self.terms_of(quad.subject, quad.predicate, quad.object)

    def terms_of(self, subject: ox.NamedNode, predicate: ox.NamedNode, obj: ox.NamedNode | ox.Literal) -> Triple:
        """Return the rdflib triple of three pyoxigraph terms (a page reads a hundred thousand: terms read before
        are looked up without a call)."""
        known = self.terms.get
        return (known(subject) or self.term(subject), known(predicate) or self.term(predicate),
                known(obj) or self.term(obj))


def brought_terms(store: ox.Store, iri: str) -> list[ox.Triple]:
    """Return the shared triples an article brought, as its record names them, in pyoxigraph's terms."""
    # A query hands back the triple terms alone: half the time of quads, whose article, predicate and graph names
    # are read from the store again for each.
    solutions = store.query(f"SELECT ?triple WHERE {{ GRAPH <{RECORD_GRAPH}> {{ <{iri}> <{BRINGS}> ?triple }} }}")
    return [solution[0] for solution in solutions]


def brought_triples(store: ox.Store, iri: str, reader: TermReader) -> list[Triple]:
    """Return the shared triples an article brought, as its record names them."""
    return [reader.triple(triple) for triple in brought_terms(store, iri)]


def record_lines(unit: Unit, rules: str, brought: Iterable[str], source: bool = True) -> list[str]:
    """Return, as N-Triples without their dots, an article's record: the hash of its source (unless source is
    False), of the rules, the states of its files, and each shared triple it brings (N-Triples too)."""
    subject = f"<{unit.iri}>"
    lines = [f'{subject} <{SOURCE_HASH}> "{unit.source}"'] if source else []
    lines.append(f'{subject} <{RULES_HASH}> "{rules}"')
    lines += [f'{subject} <{FILE_STATE}> "{state}"' for state in unit.states]
    lines += [f"{subject} <{BRINGS}> <<( {triple} )>>" for triple in brought]
    return lines


def partitioned_lines(triples: Triples, key: str) -> tuple[list[str], list[str]]:
    """Split an article's triples into those of its own graph and the shared ones, written as N-Triples without their
    dots.

    A triple is the article's own when its subject or object is one of the article's resources (an IRI of the id:
    namespace with the article's key in its path), or when its subject is the reification of such a fact. Each distinct
    term is written and judged once: the set holds one object per term, so a term is known by its identity.
    """
    namespace, marker = str(ID), "/" + key
    written: dict[int, str] = {}
    own: set[int] = set()
    for term in triples.terms.values():
        written[id(term)] = ntriples_term(term)
        if isinstance(term, URIRef) and marker in term and term.startswith(namespace):
            own.add(id(term))
    subject, obj = triples.terms.get(RDF.subject), triples.terms.get(RDF.object)
    facts = {id(s) for s, p, o in triples if (p is subject or p is obj) and id(o) in own}
    mine, shared = [], []
    for s, p, o in triples:
        line = f"{written[id(s)]} {written[id(p)]} {written[id(o)]}"
        (mine if id(s) in own or id(o) in own or id(s) in facts else shared).append(line)
    return mine, shared


# --- a build's store ---------------------------------------------------------------------------


class BuildStore:
    """The store open for a build: the record of each article and the transactions that replace and drop them."""

    def __init__(self, directory: Path) -> None:
        """Lock the store's directory, creating it, open the store and read the hashes of its record."""
        make_directory(directory.parent)
        make_directory(directory)
        self.directory = directory
        self.lock = lock_directory(directory, exclusive=True)
        try:
            self.store = ox.Store(str(directory))
            _remove_old_logs(directory)
            if next(self.store.quads_for_pattern(None, ox.NamedNode(LEGACY_SHARED), None, ox.NamedNode(RECORD_GRAPH)),
                    None) is not None:
                # A store of the earlier layout names the shared triples of its articles by digests, which this
                # build cannot tell apart: it is emptied, in one transaction, and every article read again.
                self.store.update("CLEAR ALL")
            self.record = self.read_record()
        except OSError as err:
            os.close(self.lock)
            raise KgError("E203", path=directory, detail=reason(err)) from None
        except BaseException:
            os.close(self.lock)
            raise
        self.reader = TermReader()
        self.known: dict[str, str] | None = None
        self.unflushed = self.written = self.loaded = 0
        self.logged = False  # whether the log of writes holds some that the tables do not

    def values(self, predicate: str) -> Iterator[tuple[str, str]]:
        """Yield the (article IRI, value) pairs of one field of the record."""
        # A query hands back the two terms alone: quads would have their predicate and graph read again for each.
        query = f"SELECT ?article ?value WHERE {{ GRAPH <{RECORD_GRAPH}> {{ ?article <{predicate}> ?value }} }}"
        for solution in self.store.query(query):
            yield solution[0].value, solution[1].value

    def read_record(self) -> dict[str, Entry]:
        """Return the hashes the record keeps of each article, by IRI (an article whose cluster build was cut short
        has none of its source)."""
        sources = dict(self.values(SOURCE_HASH))
        return {iri: Entry(sources.get(iri, ""), rules) for iri, rules in self.values(RULES_HASH)}

    def known_files(self) -> dict[str, str]:
        """Return the key of the text of each file state the record keeps, read once."""
        if self.known is None:
            self.known = {state: iri[len(ARTICLE):] for iri, state in self.values(FILE_STATE)}
        return self.known

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
        for triple in brought_triples(self.store, iri, self.reader):
            graph.add(triple)

    def put(self, unit: Unit, triples: Triples, fingerprint: str) -> None:
        """Replace an article, its share of the shared graph and its record in one transaction."""
        mine, shared = partitioned_lines(triples, unit.key)
        brought = sorted(set(shared))
        insert = (f"INSERT DATA {{ {_graph(unit.iri, mine)} {_graph(SHARED_GRAPH, brought)} "
                  f"{_graph(RECORD_GRAPH, record_lines(unit, fingerprint, brought))} }}")
        self.apply(unit.iri, insert, set(brought))
        self.unflushed += len(mine) + 2 * len(brought)
        self.written += len(mine) + 2 * len(brought)
        if self.unflushed >= FLUSH_QUADS:
            self.flush()
        self.record[unit.iri] = Entry(unit.source, fingerprint)

    def note_states(self, units: list[Unit]) -> None:
        """Record the states of the files of articles kept as they were, where the record lacks some, in one
        transaction: the next build then need not read them."""
        known = self.known_files()
        changed = [unit for unit in units if not known.keys() >= set(unit.states)]
        if not changed:
            return
        values = " ".join(f"<{unit.iri}>" for unit in changed)
        lines = [f'<{unit.iri}> <{FILE_STATE}> "{state}"' for unit in changed for state in unit.states]
        self.update(f"DELETE {{ GRAPH <{RECORD_GRAPH}> {{ ?article <{FILE_STATE}> ?state }} }} WHERE {{ VALUES "
                    f"?article {{ {values} }} GRAPH <{RECORD_GRAPH}> {{ ?article <{FILE_STATE}> ?state }} }} ;\n"
                    f"INSERT DATA {{ {_graph(RECORD_GRAPH, lines)} }}")

    def keep_only(self, iris: set[str]) -> int:
        """Drop the articles that are no longer among the inputs, each in one transaction; return how many."""
        gone = sorted(set(self.record) - iris)
        for iri in gone:
            self.apply(iri, "", set())
        return len(gone)

    def orphans(self, iri: str, kept: set[str]) -> list[str]:
        """Return, as N-Triples, the shared triples an article brings that no other article brings and that are not
        among kept."""
        article, brings, record = ox.NamedNode(iri), ox.NamedNode(BRINGS), ox.NamedNode(RECORD_GRAPH)
        found = []
        for quad in self.store.quads_for_pattern(article, brings, None, record):
            triple = str(quad.object)
            if triple not in kept and all(other.subject == article for other in
                                          self.store.quads_for_pattern(None, brings, quad.object, record)):
                found.append(triple)
        return found

    def apply(self, iri: str, insert: str, added: set[str]) -> None:
        """Remove an article's graph, record and the shared triples no other article brings (unless added again),
        then run insert, all in one update; forget the removed entry."""
        operations = [f"DROP SILENT GRAPH <{iri}>",
                      f"DELETE WHERE {{ GRAPH <{RECORD_GRAPH}> {{ <{iri}> ?p ?o }} }}"]
        if self.record.pop(iri, None) is not None:
            orphans = self.orphans(iri, added)
            if orphans:
                operations.append(f"DELETE DATA {{ {_graph(SHARED_GRAPH, orphans)} }}")
        if insert:
            operations.append(insert)
        self.update(" ;\n".join(operations))

    def update(self, operations: str) -> None:
        """Run a SPARQL update, one transaction."""
        try:
            self.store.update(operations)
        except OSError as err:
            raise KgError("E203", path=self.directory, detail=reason(err)) from None
        self.logged = True

    def flush(self) -> None:
        """Write the store's memory tables and log of writes out to its files."""
        try:
            self.store.flush()
        except OSError as err:
            raise KgError("E203", path=self.directory, detail=reason(err)) from None
        self.unflushed = 0
        self.logged = False

    def compact(self) -> None:
        """Compact the store's tables once a build has written COMPACT_QUADS quads or more in transactions, or
        bulk-loaded BULK_COMPACT_QUADS or more."""
        if self.written < COMPACT_QUADS and self.loaded < BULK_COMPACT_QUADS:
            return
        try:
            self.store.optimize()
        except OSError as err:
            raise KgError("E203", path=self.directory, detail=reason(err)) from None

    def close(self) -> None:
        """Close the store and release the lock."""
        del self.store
        os.close(self.lock)


def _remove_old_logs(directory: Path) -> None:
    """Remove the diagnostic logs RocksDB set aside at earlier opens (LOG.old.*): it starts a new one at each open and
    keeps the old ones, a file more at every build."""
    for old in directory.glob("LOG.old.*"):
        old.unlink(missing_ok=True)


def _graph(name: str, lines: Iterable[str]) -> str:
    """Write triples given as N-Triples without their dots as a GRAPH block of a SPARQL update."""
    return f"GRAPH <{name}> {{\n" + "".join(line + " .\n" for line in lines) + "}"


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


def graph_triples(store: ox.Store, name: str) -> Triples:
    """Return the triples of one graph of a store."""
    reader, triples = TermReader(), new_triples()
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
        triples.add(reader.triple(quad))
    return triples
