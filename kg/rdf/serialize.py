"""Serialize pass: a deterministic Turtle writer, subjects, predicates and objects in sorted order.

rdflib's Turtle serializer spends most of a build resolving prefixed names one term at a time;
the graphs kg writes hold only IRIs and literals, so a direct writer is simple and far faster.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.rdf.mapping import RDF, XSD
from kg.rdf.triples import Triples

LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
ESCAPE_RE = re.compile(r'[\\"\n\r\t]')


def render_literal(term: Literal, iri: Callable[[URIRef], str]) -> str:
    """Write a literal as Turtle and N-Triples do, its datatype rendered by iri; plain strings stay plain."""
    body = '"' + ESCAPE_RE.sub(lambda m: ESCAPES[m.group()], str(term)) + '"'
    if term.language:
        return f"{body}@{term.language}"
    if term.datatype is not None and term.datatype != XSD.string:
        return f"{body}^^{iri(term.datatype)}"
    return body


class TurtleWriter:
    """Renders the terms of one graph with the prefixes bound to it."""

    def __init__(self, graph: Graph | Triples) -> None:
        """Collect the graph's prefixes, longest namespace first so the most specific one wins."""
        self.prefixes = sorted(((str(ns), p) for p, ns in graph.namespaces() if p), key=lambda x: (-len(x[0]), x[1]))
        self.used: set[str] = set()
        self.rendered: dict[URIRef, str] = {}

    def iri(self, term: URIRef) -> str:
        """Render an IRI as a prefixed name when its local part allows, else in angle brackets."""
        rendered = self.rendered.get(term)
        if rendered is not None:
            return rendered
        text = str(term)
        rendered = f"<{text}>"
        for ns, prefix in self.prefixes:
            if text.startswith(ns) and LOCAL_NAME.match(text[len(ns):]):
                self.used.add(prefix)
                rendered = f"{prefix}:{text[len(ns):]}"
                break
        self.rendered[term] = rendered
        return rendered

    def literal(self, term: Literal) -> str:
        """Render a literal with its language tag or datatype; plain strings stay plain."""
        return render_literal(term, self.iri)

    def term(self, term) -> str:
        """Render a subject, predicate or object."""
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, Literal):
            return self.literal(term)
        raise ValueError(f"blank nodes are not written by kg: {term!r}")


def _by_subject(graph: Graph | Triples) -> dict[Node, dict[Node, list[Node]]]:
    """Return the objects by subject and predicate: the triple set's own index, or one made for an rdflib Graph."""
    if isinstance(graph, Triples):
        return graph.by_subject
    index: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in graph:
        index.setdefault(s, {}).setdefault(p, []).append(o)
    return index


def to_turtle(graph: Graph | Triples) -> bytes:
    """Serialize a graph of IRIs and literals to Turtle, byte-identical for equal graphs.

    Each subject's block is rendered and encoded in turn, from the triple set's own index: the graph
    is never copied as strings first, which doubled the memory a large build needs.
    """
    writer = TurtleWriter(graph)
    index = _by_subject(graph)
    subjects = {writer.term(s): s for s in index}
    # rdf:type is written "a", which declares no prefix; predicates are few, so each is rendered once.
    verbs: dict[Node, str] = {RDF.type: "a"}
    blocks = []
    for subject in sorted(subjects):
        predicates = {}
        for p, objects in index[subjects[subject]].items():
            verb = verbs.get(p) or verbs.setdefault(p, writer.term(p))
            predicates[verb] = objects
        lines = [f"{p} " + " ,\n        ".join(sorted({writer.term(o) for o in predicates[p]}))
                 for p in sorted(predicates, key=lambda p: (p != "a", p))]
        blocks.append((subject + "\n    " + " ;\n    ".join(lines) + " .\n").encode("utf-8"))
    header = "".join(f"@prefix {prefix}: <{ns}> .\n" for ns, prefix in sorted(writer.prefixes, key=lambda x: x[1])
                     if prefix in writer.used)
    return (header + "\n").encode("utf-8") + b"\n".join(blocks)
