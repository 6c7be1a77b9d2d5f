"""Serialize pass: a deterministic Turtle writer, subjects, predicates and objects in sorted order.

rdflib's Turtle serializer spends most of a build resolving prefixed names one term at a time;
the graphs kg writes hold only IRIs and literals, so a direct writer is simple and far faster.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef

from kg.mapping import RDF, XSD
from kg.triples import Triples

LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
ESCAPE_RE = re.compile(r'[\\"\n\r\t]')


class TurtleWriter:
    """Renders the terms of one graph with the prefixes bound to it."""

    def __init__(self, graph: Graph | Triples) -> None:
        """Collect the graph's prefixes, longest namespace first so the most specific one wins."""
        self.prefixes = sorted(((str(ns), p) for p, ns in graph.namespaces() if p), key=lambda x: (-len(x[0]), x[1]))
        self.used: set[str] = set()
        self.rendered: dict[URIRef, str] = {}

    def iri(self, term: URIRef) -> str:
        """Render an IRI as a prefixed name when its local part allows, else in angle brackets."""
        if term in self.rendered:
            return self.rendered[term]
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
        body = '"' + ESCAPE_RE.sub(lambda m: ESCAPES[m.group()], str(term)) + '"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{body}^^{self.iri(term.datatype)}"
        return body

    def term(self, term) -> str:
        """Render a subject, predicate or object."""
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, Literal):
            return self.literal(term)
        raise ValueError(f"blank nodes are not written by kg: {term!r}")


def to_turtle(graph: Graph | Triples) -> bytes:
    """Serialize a graph of IRIs and literals to Turtle, byte-identical for equal graphs."""
    writer = TurtleWriter(graph)
    by_subject: dict[str, dict[str, list[str]]] = {}
    for s, p, o in graph:
        predicate = "a" if p == RDF.type else writer.term(p)
        by_subject.setdefault(writer.term(s), {}).setdefault(predicate, []).append(writer.term(o))
    blocks = []
    for subject in sorted(by_subject):
        predicates = by_subject[subject]
        ordered = sorted(predicates, key=lambda p: (p != "a", p))
        lines = [f"{p} " + " ,\n        ".join(sorted(set(predicates[p]))) for p in ordered]
        blocks.append(subject + "\n    " + " ;\n    ".join(lines) + " .\n")
    header = "".join(f"@prefix {prefix}: <{ns}> .\n" for ns, prefix in sorted(writer.prefixes, key=lambda x: x[1])
                     if prefix in writer.used)
    return (header + "\n" + "\n".join(blocks)).encode("utf-8")
