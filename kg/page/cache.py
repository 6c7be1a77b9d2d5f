"""What a page reads of each article, kept beside the store so that the next page need not ask the store for it again.

Reading the part of an article a page shows takes a large store tens of milliseconds (each IRI of each row is looked
up in its table of strings), and the page of the most recent articles reads about fifty: after one article is added,
all but one of them again. That part is a function of what the article was built from, which the store's record
keeps (the hash of its source and that of the rule set and engine), and of the page's query: a file named by a hash
of them holds it, and never goes stale, since an article built otherwise gets another name.

The files lie in the store's directory (PAGES_DIR; the store's own files are named otherwise, and it leaves others
alone). Only a build writes them, under its exclusive lock, each whole (a temporary file renamed); it removes those
of articles the store no longer holds as it last wrote them. Readers use the files that are there. The cache is
never needed: a file that cannot be read or written is one the page reads from the store.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.rdf.triples import Triple
from kg.store import RECORD_GRAPH, RULES_HASH, SOURCE_HASH
from kg.store.incremental import literal_of

PAGES_DIR = "kg-pages"
# Changed whenever the files are written otherwise, so that those of the earlier form are never read.
FORMAT = "1"
SUFFIX = ".json"
# A term as a file holds it: [IRI] or [value, language, datatype IRI].
Parts = tuple[str, ...]


def page_name(iri: str, source: str, rules: str, query: str) -> str:
    """Name the file of an article built from a source and rule set, read by a query."""
    digest = hashlib.sha256("\0".join((FORMAT, iri, source, rules, query)).encode("utf-8")).hexdigest()
    return digest[:32] + SUFFIX


def parts_of(term: ox.NamedNode | ox.Literal) -> Parts:
    """Write a pyoxigraph IRI or literal as the parts a file holds."""
    if isinstance(term, ox.NamedNode):
        return (term.value,)
    return (term.value, term.language or "", term.datatype.value)


class PageCache:
    """The files of the articles' page triples in a store's directory, read, and written by a build."""

    def __init__(self, store: ox.Store, directory: Path, query: str, writable: bool) -> None:
        """Use the files of the store at a directory for the triples a query reads; write them only if writable."""
        self.store = store
        self.directory = directory / PAGES_DIR
        self.query = query
        self.writable = writable
        self.terms: dict[Parts, URIRef | Literal] = {}

    def path(self, iri: str) -> Path | None:
        """Return the file of an article as the store holds it, or None when its record is not whole."""
        article, record = ox.NamedNode(iri), ox.NamedNode(RECORD_GRAPH)
        found = []
        for predicate in (SOURCE_HASH, RULES_HASH):
            quad = next(self.store.quads_for_pattern(article, ox.NamedNode(predicate), None, record), None)
            if quad is None:
                return None
            found.append(quad.object.value)
        return self.directory / page_name(iri, found[0], found[1], self.query)

    def load(self, path: Path) -> list[Triple] | None:
        """Return the triples a file holds, or None when there is no such file or it cannot be read."""
        try:
            data = json.loads(path.read_bytes())
            terms = [self.term(tuple(parts)) for parts in data["terms"]]
            indexes = data["triples"]
            return [(terms[indexes[i]], terms[indexes[i + 1]], terms[indexes[i + 2]])
                    for i in range(0, len(indexes), 3)]
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return None

    def term(self, parts: Parts) -> URIRef | Literal:
        """Return the rdflib term of the parts of one, made once."""
        known = self.terms.get(parts)
        if known is None:
            known = URIRef(parts[0]) if len(parts) == 1 else literal_of(parts[0], parts[1] or None, parts[2])
            self.terms[parts] = known
        return known

    def save(self, path: Path, rows: Iterable[tuple[ox.NamedNode | ox.Literal, ...]]) -> None:
        """Write the rows of pyoxigraph terms a page read of an article to its file, if the cache is writable."""
        if not self.writable:
            return
        index: dict[ox.NamedNode | ox.Literal, int] = {}
        triples = [index.setdefault(term, len(index)) for row in rows for term in row]
        data = json.dumps({"terms": [parts_of(term) for term in index], "triples": triples},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            self.directory.mkdir(exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=self.directory)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)


def prune_pages(directory: Path, current: Mapping[str, tuple[str, str]], query: str) -> None:
    """Remove the files of a store's directory but those of its articles as it holds them (IRI -> hashes of source
    and rules), and the temporary files of killed builds."""
    pages = directory / PAGES_DIR
    try:
        names = os.listdir(pages)
    except OSError:
        return
    keep = {page_name(iri, source, rules, query) for iri, (source, rules) in current.items() if source}
    for name in names:
        if name not in keep:
            (pages / name).unlink(missing_ok=True)
