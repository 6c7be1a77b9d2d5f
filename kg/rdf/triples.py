"""The build's own triple set: the few lookups the mapping, the Turtle writer and the page read.

rdflib's Graph dispatches an event and keeps context bookkeeping for every triple it adds, which
cost the build a third of its time for a graph that is written once and read a few hundred times.
This set keeps two indexes, made on the first look-up, and answers with the same method names, so the
readers take either; `to_graph()` hands an rdflib Graph to whoever needs the full API (SHACL
validation, the tests).
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class Triples:
    """A set of triples in the order they were added, indexed by subject and by predicate, with prefixes to write them
    by."""

    def __init__(self, prefixes: dict[str, str] | None = None) -> None:
        """Start an empty set bound to the given prefixes."""
        self.prefixes = dict(prefixes or {})
        # A dict for its order: the indexes made from it list objects in the order they were added.
        self.triples: dict[Triple, None] = {}
        # One object per distinct term: a term named in many triples is stored once, and every look-up
        # by a term of the set matches by identity before rdflib's equality test, which is Python code.
        self.terms: dict[Node, Node] = {}
        # By subject and by predicate, made on the first look-up: a worker that only writes its triples out never
        # needs them.
        self._indexes: tuple[dict[Node, dict[Node, list[Node]]], dict[Node, list[tuple[Node, Node]]]] | None = None

    def add(self, triple: Triple) -> None:
        """Add a triple once."""
        terms = self.terms
        s, p, o = triple
        # The set's own object of each term first: the triple is then found by identity, and hashed once.
        s, p, o = terms.setdefault(s, s), terms.setdefault(p, p), terms.setdefault(o, o)
        triples = self.triples
        size = len(triples)
        triples[s, p, o] = None
        if self._indexes is not None and len(triples) > size:
            by_subject, by_predicate = self._indexes
            by_subject.setdefault(s, {}).setdefault(p, []).append(o)
            by_predicate.setdefault(p, []).append((s, o))

    @property
    def by_subject(self) -> dict[Node, dict[Node, list[Node]]]:
        """Return the objects of each subject and predicate, in the order they were added."""
        return self._indexed()[0]

    @property
    def by_predicate(self) -> dict[Node, list[tuple[Node, Node]]]:
        """Return the (subject, object) pairs of each predicate, in the order they were added."""
        return self._indexed()[1]

    def _indexed(self) -> tuple[dict[Node, dict[Node, list[Node]]], dict[Node, list[tuple[Node, Node]]]]:
        """Return the indexes by subject and by predicate, made from the triples added so far the first time."""
        if self._indexes is None:
            by_subject: dict[Node, dict[Node, list[Node]]] = {}
            by_predicate: dict[Node, list[tuple[Node, Node]]] = {}
            for s, p, o in self.triples:
                by_subject.setdefault(s, {}).setdefault(p, []).append(o)
                by_predicate.setdefault(p, []).append((s, o))
            self._indexes = by_subject, by_predicate
        return self._indexes

    def __contains__(self, triple: Triple) -> bool:
        """Tell whether the set holds a triple."""
        return triple in self.triples

    def __iter__(self) -> Iterator[Triple]:
        """Iterate over the triples."""
        return iter(self.triples)

    def __len__(self) -> int:
        """Return the number of triples."""
        return len(self.triples)

    def namespaces(self) -> Iterator[tuple[str, str]]:
        """Yield the bound (prefix, namespace) pairs, as rdflib's Graph does."""
        return iter(self.prefixes.items())

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        """Yield the objects of a subject and predicate, in the order they were added."""
        return iter(self.by_subject.get(subject, {}).get(predicate, ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """Return the first object of a subject and predicate, or None."""
        found = self.by_subject.get(subject, {}).get(predicate)
        return found[0] if found else None

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        """Yield the subjects that have a predicate with a given object."""
        return (s for s, o in self.by_predicate.get(predicate, ()) if o == obj)

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        """Yield the (subject, object) pairs of a predicate."""
        return iter(self.by_predicate.get(predicate, ()))

    def to_graph(self) -> Graph:
        """Return the triples as an rdflib Graph with the same prefixes."""
        graph = Graph(bind_namespaces="none")
        for prefix, namespace in self.prefixes.items():
            graph.bind(prefix, namespace)
        for triple in self.triples:
            graph.add(triple)
        return graph
