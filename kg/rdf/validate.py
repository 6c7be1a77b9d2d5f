"""Validation: check a built graph against the project's SHACL shapes with pyshacl."""

from __future__ import annotations

from importlib.resources import files

from rdflib import Graph


def shapes_graph() -> Graph:
    """Load the SHACL shapes shipped with the package."""
    return Graph().parse(data=files("kg.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8"),
                         format="turtle")


def validate_graph(graph: Graph) -> tuple[bool, str]:
    """Validate a graph against the shapes; return whether it conforms and the text report."""
    import pyshacl

    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes_graph(), advanced=True, inference="none")
    return bool(conforms), str(report)
