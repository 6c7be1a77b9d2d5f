"""kg: Spanish news about diplomatic events to an RDF knowledge graph, by hand-written rules."""
