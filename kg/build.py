"""The build job: load, segment, find mentions, build frames, map to RDF, serialize, render the page."""

from __future__ import annotations

import errno
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import NamedTuple

import networkx as nx
from rdflib import Graph

from kg.errors import KgError
from kg.frames import build_frames
from kg.html import render_graph
from kg.mapping import map_article, new_triples
from kg.mentions import find_mentions
from kg.rules import RULES_DIR, RuleSet, load_rules
from kg.segment import classify_blocks, split_sentences
from kg.serialize import to_turtle
from kg.text import Article, collect_paths, load_article
from kg.triples import Triples


def extract(article: Article, rules: RuleSet, graph: Triples) -> None:
    """Run every pass over one article and add its triples to the set."""
    blocks, dateline = classify_blocks(article.text, rules)
    sentences = split_sentences(article.text, blocks)
    published = date(dateline.year, dateline.month, dateline.day) if dateline else None
    mentions = find_mentions(article.text, sentences, rules, published)
    extraction = build_frames(article.text, sentences, mentions, rules, dateline)
    map_article(graph, article, rules, blocks, sentences, extraction)


def build_triples(paths: list[Path], rules_dir: Path = RULES_DIR) -> Triples:
    """Build the triples of the articles at the given paths with the rules of a directory."""
    rules = load_rules(rules_dir)
    articles = [load_article(p) for p in collect_paths(paths)]
    triples = new_triples()
    for article in articles:
        extract(article, rules, triples)
    return triples


def build_graph(paths: list[Path], rules_dir: Path = RULES_DIR) -> Graph:
    """Build one rdflib Graph from the articles at the given paths with the rules of a directory."""
    return build_triples(paths, rules_dir).to_graph()


def _temporary_sibling(path: Path) -> tuple[int, str]:
    """Create the directory of a path and an open temporary file beside it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except FileExistsError:
        # mkdir(exist_ok=True) says "File exists" when the directory is a regular file.
        raise KgError("E201", path=path.parent, detail=os.strerror(errno.ENOTDIR)) from None
    except OSError as err:
        raise KgError("E201", path=path.parent, detail=err.strerror or str(err)) from None


def write_all_atomic(files: dict[Path, bytes]) -> None:
    """Write several files through temporary siblings, renaming them only once every one is written.

    A full disk, a missing permission or a directory in the way then fails before any file is
    replaced, so the previous files stay together.
    """
    temporaries: list[tuple[str, Path]] = []
    current = next(iter(files), Path("."))
    try:
        for current, data in files.items():
            fd, tmp = _temporary_sibling(current)
            temporaries.append((tmp, current))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)
        for _, current in temporaries:
            if current.is_dir():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        for tmp, current in temporaries:
            os.replace(tmp, current)
    except BaseException as err:
        # Also on Ctrl-C or any other exception: never leave a temporary file behind.
        for tmp, _ in temporaries:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise KgError("E201", path=current, detail=err.strerror or str(err)) from None
        raise


def serialize(graph: Graph | Triples) -> bytes:
    """Serialize a graph to deterministic Turtle."""
    return to_turtle(graph)


class Built(NamedTuple):
    """What a build wrote: the Turtle and page paths, the triples and their projection."""

    turtle: Path
    page: Path
    graph: Triples
    projection: nx.MultiDiGraph


def run_build(paths: list[Path], out_dir: Path, rules_dir: Path = RULES_DIR) -> Built:
    """Build the graph of the articles and write out/graph.ttl and its exploration page out/graph.html."""
    graph = build_triples(paths, rules_dir)
    page, projection = render_graph(graph)
    turtle, html = out_dir / "graph.ttl", out_dir / "graph.html"
    write_all_atomic({turtle: serialize(graph), html: page})
    return Built(turtle, html, graph, projection)
