"""RDF: map an article's frames to triples of the vocabulary contract, and write them as Turtle."""
