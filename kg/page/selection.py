"""Pages of a selection of the store: what an actor takes part in, what happened between two days, one article.

A page of every node of a large corpus is a wall: 5,000 articles make about 99,000 nodes. A selection reads from
the store only what it shows. SPARQL finds the events and statements that match the filters (an actor, a stretch
of days, an article; they combine) and the articles that report them, most recent first; the articles are then
read one by one (the part of their own graph a page shows, and the shared triples their record says they brought)
until the page would hold more than NODE_BUDGET nodes. With no filter, the selection is the most recent articles
by publication, found from the indexes of their types and dates. The page shows the events and statements found
with the nodes one edge away from them, and says what it shows and how to see more.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

import networkx as nx
import pyoxigraph as ox

from kg.errors import KgError
from kg.page.cache import PageCache
from kg.page.html import render_graph, render_page
from kg.page.project import Projector, day_text, project, shown_resources
from kg.rdf.mapping import KG, NIF, PROV, RDF, SCHEMA, SEM, new_triples
from kg.rdf.triples import Triple, Triples
from kg.rdf.vocab import NAMESPACES
from kg.store import opened_for_reading
from kg.store.incremental import TermReader, brought_terms

# Nodes a page may hold: headless Chromium opens a page of 1,500 nodes of news within two seconds on a busy
# machine, and a reader still finds a node in it.
NODE_BUDGET = 1500
ID, WIKIDATA = NAMESPACES["id"], NAMESPACES["wd"]
ARTICLE = ID + "article/"
QID = re.compile(r"(?:wd:|" + re.escape(WIKIDATA) + r")?(Q[1-9][0-9]*)")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# The day an event or statement counts at: its own days, else the stretch its bounds give, else its article's
# publication; first and last day of that stretch.
DAYS = """
  OPTIONAL { ?node sem:hasBeginTimeStamp ?begin } OPTIONAL { ?node sem:hasEndTimeStamp ?end }
  OPTIONAL { ?node sem:hasEarliestBeginTimeStamp ?earliest } OPTIONAL { ?node sem:hasLatestEndTimeStamp ?latest }
  OPTIONAL { ?article schema:datePublished ?published }
  BIND (xsd:date(SUBSTR(STR(?published), 1, 10)) AS ?publication)
  BIND (COALESCE(?begin, ?earliest, ?latest, ?publication) AS ?first)
  BIND (COALESCE(?end, ?begin, ?latest, ?earliest, ?publication) AS ?last)
"""

# What a page reads of an article's own graph (kg/page/project.py): not the reified facts (which rule read which
# triple where), nor the words and the sentence of each span, nor the spans that only those facts come from; about
# half of the graph, and half the time of reading it.
PAGE_TRIPLES = """
SELECT ?s ?p ?o WHERE { GRAPH ARTICLE {
  { ?s ?p ?o FILTER (?p NOT IN (nif:anchorOf, nif:sentence, rdf:subject, rdf:predicate, rdf:object))
    MINUS { ?s a rdf:Statement } MINUS { ?s a nif:String } }
  UNION { ?s a nif:Sentence ; ?p ?o FILTER (?p IN (rdf:type, nif:beginIndex, nif:endIndex, nif:referenceContext)) }
  UNION { SELECT DISTINCT ?s ?p ?o WHERE {
    ?node prov:wasDerivedFrom ?s MINUS { ?node a rdf:Statement }
    ?s ?p ?o FILTER (?p IN (nif:beginIndex, nif:endIndex, nif:referenceContext)) } }
} }
"""


class Selection(NamedTuple):
    """The filters of a page: an actor (label, Wikidata id or IRI), a first and a last day, an article."""

    actor: str | None = None
    start: str | None = None
    end: str | None = None
    article: str | None = None

    def options(self) -> str:
        """Return the filters as the command line writes them."""
        given = (("--actor", self.actor), ("--from", self.start), ("--to", self.end), ("--article", self.article))
        return " ".join(f"{option} {_quoted(value)}" for option, value in given if value is not None)


class Selected(NamedTuple):
    """What a selection found: the triples to project, the focus of the page (None: every node) and its notice."""

    triples: Triples
    focus: set[str] | None
    notice: str


def _quoted(value: str) -> str:
    """Quote a value for a shell when it holds anything but plain characters."""
    return value if re.fullmatch(r"[\w.:/#-]+", value) else "'" + value.replace("'", "'\\''") + "'"


def fold(text: str) -> str:
    """Fold a label as the page's search does: no accents, no case."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()


def check_day(option: str, value: str | None) -> None:
    """Refuse a --from or --to that is not a day of the calendar written YYYY-MM-DD."""
    if value is None:
        return
    if not DAY.fullmatch(value):
        raise KgError("E441", option=option, value=value, detail="expected a date written YYYY-MM-DD")
    try:
        dt.date.fromisoformat(value)
    except ValueError as err:
        raise KgError("E441", option=option, value=value, detail=str(err)) from None


def check_selection(selection: Selection) -> None:
    """Refuse bad days, and a --from after the --to."""
    check_day("--from", selection.start)
    check_day("--to", selection.end)
    if selection.start and selection.end and selection.start > selection.end:
        raise KgError("E442", start=selection.start, end=selection.end)


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Run a SELECT over the union of the store's graphs; return each solution's bound values by variable."""
    solutions = store.query(query, prefixes=NAMESPACES, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{name: term.value for name in names if (term := solution[name]) is not None} for solution in solutions]


def _iri(value: str) -> str:
    """Write an IRI for a query; a value holding characters an IRI may not hold names nothing."""
    if re.search(r"[\s<>\"{}|^`\\]", value):
        return "<urn:kg:none>"
    return f"<{value}>"


def actor_iris(store: ox.Store, name: str, directory: Path) -> list[str]:
    """Return the actors a name designates: a Wikidata id (Q7747), an IRI (id:… too), else the labels equal to it
    ignoring case and accents, else those that contain it."""
    name = name.strip()
    if qid := QID.fullmatch(name):
        rows = _rows(store, f"SELECT DISTINCT ?e WHERE {{ ?e owl:sameAs wd:{qid.group(1)} ; a sem:Actor }}")
        found = [row["e"] for row in rows]
    elif name.startswith(("http://", "https://", "id:")):
        iri = ID + name[3:] if name.startswith("id:") else name
        found = [row["e"] for row in _rows(store, f"SELECT ?e WHERE {{ VALUES ?e {{ {_iri(iri)} }} ?e a sem:Actor }}")]
    else:
        wanted = fold(name)
        labels = [(row["e"], fold(row["label"])) for row in
                  _rows(store, "SELECT DISTINCT ?e ?label WHERE { ?e a sem:Actor ; rdfs:label ?label }")]
        found = [e for e, label in labels if label == wanted] or [e for e, label in labels if wanted and wanted in label]
    if not found:
        raise KgError("E443", path=directory, name=name)
    return sorted(set(found))


def article_iri(store: ox.Store, name: str, directory: Path) -> str:
    """Return the article a name designates: its key, its IRI (id:… too), or an article file it was built from."""
    from kg.extract.text import load_article

    if name.startswith(("http://", "https://", "id:")):
        iri = ID + name[3:] if name.startswith("id:") else name
    elif Path(name).is_file():
        iri = ARTICLE + load_article(Path(name)).key
    else:
        iri = ARTICLE + name
    if not store.query(f"ASK {{ GRAPH {_iri(iri)} {{ {_iri(iri)} a schema:NewsArticle }} }}", prefixes=NAMESPACES):
        raise KgError("E444", path=directory, name=name)
    return iri


def recent_articles(store: ox.Store) -> list[str]:
    """Return every article of the store, the most recently published first, then by IRI.

    Read from the indexes of their types and their publication, a few microseconds an article: no query sorts
    them all, and each hands back only the terms it needs (quads would have their predicate and graph read again
    for each). Every publication is an xsd:dateTime written the same way, so its text sorts as its value.
    """
    dates = store.query("SELECT ?article ?published WHERE { GRAPH ?article { ?article schema:datePublished ?published"
                        " } }", prefixes=NAMESPACES)
    published = {solution[0].value: solution[1].value for solution in dates}
    articles = sorted(solution[0].value for solution in store.query(
        "SELECT ?article WHERE { GRAPH ?article { ?article a schema:NewsArticle } }", prefixes=NAMESPACES))
    # Stable: articles published together stay in the order of their IRIs, and those never published come last.
    return sorted(articles, key=lambda article: published.get(article, ""), reverse=True)


def matching(store: ox.Store, selection: Selection, actors: list[str], article: str | None) -> list[dict[str, str]]:
    """Return the events and statements that match the filters, each with an article that reports it and the last
    day it covers, the most recent first."""
    clauses = []
    if actors:
        clauses.append("VALUES ?actor { " + " ".join(_iri(a) for a in actors) + " } ?node sem:hasActor ?actor .")
    if article:
        clauses.append(f"VALUES ?article {{ {_iri(article)} }}")
    bounds = []
    if selection.start:
        bounds.append(f'?last >= "{selection.start}"^^xsd:date')
    if selection.end:
        bounds.append(f'?first <= "{selection.end}"^^xsd:date')
    query = ("SELECT DISTINCT ?node ?article ?last WHERE { " + " ".join(clauses)
             + " GRAPH ?article { ?node prov:wasDerivedFrom ?span } ?article a schema:NewsArticle . "
             + "?node a sem:Event ." + DAYS
             + (f" FILTER ({' && '.join(bounds)})" if bounds else "")
             + " } ORDER BY DESC(?last) ?node ?article")
    return _rows(store, query)


class ArticleReader:
    """Reads articles from a store as a build made them: their own graph and the shared triples they brought."""

    def __init__(self, store: ox.Store, directory: Path, fill: bool = False) -> None:
        """Read from the store at a directory, each distinct term once, and from the files of its page cache, which
        fill writes for the articles read from the store."""
        self.store = store
        self.reader = TermReader()
        self.cache = PageCache(store, directory, PAGE_TRIPLES, writable=fill)

    def triples(self, iri: str) -> list[Triple]:
        """Return the triples of an article that a page reads: those of its graph that PAGE_TRIPLES selects, then
        the shared triples its record says it brought."""
        path = self.cache.path(iri)
        if path is not None and (cached := self.cache.load(path)) is not None:
            return cached
        solutions = self.store.query(PAGE_TRIPLES.replace("ARTICLE", _iri(iri)), prefixes=NAMESPACES)
        rows = [tuple(solution) for solution in solutions]
        rows += [(triple.subject, triple.predicate, triple.object) for triple in brought_terms(self.store, iri)]
        if path is not None:
            self.cache.save(path, rows)
        return [self.reader.terms_of(*row) for row in rows]

    def reports(self, events: list[str], taken: list[str]) -> list[Triple]:
        """Return what tells which articles, besides those taken, report the events: the spans of the events in
        them, their contexts, headlines and publication."""
        if not events:
            return []
        # The articles taken are left out by the query, which then reads only the few rows of the others.
        solutions = self.store.query(
            "SELECT DISTINCT ?node ?span ?context ?article ?headline ?published WHERE { VALUES ?node { "
            + " ".join(_iri(e) for e in events) + " } GRAPH ?article { ?node prov:wasDerivedFrom ?span . "
            "?span nif:referenceContext ?context . ?article kg:hasContext ?context ; schema:headline ?headline "
            "OPTIONAL { ?article schema:datePublished ?published } } FILTER (?article NOT IN ("
            + ", ".join(_iri(a) for a in taken) + ")) } ORDER BY ?article ?node ?span", prefixes=NAMESPACES)
        term = self.reader.term
        triples = []
        for row in solutions:
            article, context = term(row["article"]), term(row["context"])
            triples += [(term(row["node"]), PROV.wasDerivedFrom, term(row["span"])),
                        (term(row["span"]), NIF.referenceContext, context), (article, KG.hasContext, context),
                        (article, SCHEMA.headline, term(row["headline"]))]
            if row["published"] is not None:
                triples.append((article, SCHEMA.datePublished, term(row["published"])))
        return triples


def shown_nodes(triples: list[Triple], focus: set[str] | None) -> set[str]:
    """Return the nodes the page of these triples shows: all of them, or the focus and its neighbours."""
    if focus is None:
        return {str(node) for node in shown_resources((s, o) for s, p, o in triples if p == RDF.type)}
    graph = new_triples()
    for triple in triples:
        graph.add(triple)
    return {str(node) for node in Projector(graph, focus).kinds}


def select(store: ox.Store, selection: Selection, directory: Path, fill: bool = False) -> Selected:
    """Find what a selection shows in the store at a directory and read its articles, the most recent first, within the
    node budget; fill writes the page cache of the articles read from the store."""
    article = article_iri(store, selection.article, directory) if selection.article is not None else None
    actors = actor_iris(store, selection.actor, directory) if selection.actor is not None else []
    whole = selection.actor is None and selection.start is None and selection.end is None
    # (article, the nodes of it the page is about, or None for all of them), in the order they are taken.
    candidates: list[tuple[str, set[str] | None]]
    if whole:
        candidates = [(iri, None) for iri in ([article] if article else recent_articles(store))]
        matched = 0
    else:
        rows = matching(store, selection, actors, article)
        if not rows:
            raise KgError("E445", path=directory, selection=selection.options())
        per_article: dict[str, set[str]] = {}
        for row in rows:
            per_article.setdefault(row["article"], set()).add(row["node"])
        candidates = list(per_article.items())
        matched = len({row["node"] for row in rows})
    reader = ArticleReader(store, directory, fill)
    taken: list[tuple[str, list[Triple], set[str] | None]] = []
    nodes: set[str] = set()
    for iri, focus in candidates:
        triples = reader.triples(iri)
        shown = shown_nodes(triples, focus)
        if taken and len(nodes | shown) > NODE_BUDGET:
            break
        taken.append((iri, triples, focus))
        nodes |= shown
    graph = new_triples()
    # Where articles disagree (a person's title), the page shows what the first says: the most recent.
    for _, triples, _ in taken:
        for triple in triples:
            graph.add(triple)
    events = sorted(str(s) for s, o in graph.subject_objects(RDF.type) if o == SEM.Event)
    for triple in reader.reports(events, [iri for iri, _, _ in taken]):
        graph.add(triple)
    focus = None if whole else set().union(*(f for _, _, f in taken))
    notice = _notice(store, selection, [iri for iri, _, _ in taken], len(candidates), matched, focus, len(nodes))
    return Selected(graph, focus, notice)


def _notice(store: ox.Store, selection: Selection, taken: list[str], candidates: int, matched: int,
            focus: set[str] | None, nodes: int) -> str:
    """Say in Spanish what the page shows of the store and how to see more; nothing when it shows all of it."""
    more = ("Para ver otros: `kg page --from AAAA-MM-DD --to AAAA-MM-DD`, `kg page --actor NOMBRE` "
            "o `kg page --article CLAVE`.")
    if focus is None:
        if len(taken) == candidates:
            return f"Selección: `kg page {selection.options()}`." if selection.article else ""
        days = sorted(row["day"] for row in _rows(store, "SELECT ?day WHERE { VALUES ?article { "
                      + " ".join(_iri(a) for a in taken) + " } ?article schema:datePublished ?published "
                      "BIND (SUBSTR(STR(?published), 1, 10) AS ?day) }"))
        if len(taken) == 1:
            shown = "Se muestra el artículo más reciente" + (f", publicado el {_day(days[0])}" if days else "")
        else:
            shown = (f"Se muestran los {len(taken)} artículos más recientes"
                     + (f", publicados del {_day(days[0])} al {_day(days[-1])}" if days else ""))
        return f"{shown}, de los {candidates} del almacén: {nodes} nodos, los que caben en una página legible. {more}"
    shown = len(focus)
    text = (f"Selección: `kg page {selection.options()}`: {_count(matched, 'evento o declaración', 'eventos y declaraciones')}, "
            f"en {_count(candidates, 'artículo', 'artículos')}.")
    if shown < matched:
        text += (f" {'Se muestra el más reciente' if shown == 1 else f'Se muestran los {shown} más recientes'}, de "
                 f"{_count(len(taken), 'artículo', 'artículos')} ({nodes} nodos, los que caben en una página legible); "
                 "acote la selección con `--from` y `--to` para ver los demás.")
    return text


def _count(number: int, one: str, many: str) -> str:
    """Write a number of things in Spanish, singular or plural."""
    return f"{number} {one if number == 1 else many}"


def _day(iso: str) -> str:
    """Write an ISO day the short Spanish way."""
    return day_text(dt.date.fromisoformat(iso))


def selection_page(store: ox.Store, selection: Selection, directory: Path,
                   fill: bool = False) -> tuple[bytes, nx.MultiDiGraph]:
    """Select from the store at a directory and render the page (fill: writing the page cache); return its bytes and
    its projection."""
    selected = select(store, selection, directory, fill)
    projection = project(selected.triples, selected.focus)
    return render_page(projection, notice=selected.notice), projection


def whole_page(graph: Triples, articles: int) -> tuple[bytes, nx.MultiDiGraph] | None:
    """Render the page of the whole graph of some articles, or return None when it holds more nodes than the budget
    and more than one article (a selection never cuts an article)."""
    if articles > 1 and len(shown_resources(graph.subject_objects(RDF.type))) > NODE_BUDGET:
        return None
    return render_graph(graph)


def recent_page(store: ox.Store, directory: Path, fill: bool = False) -> tuple[bytes, nx.MultiDiGraph]:
    """Render the page of the most recent articles of the store at a directory, within the budget (fill: writing the
    page cache)."""
    return selection_page(store, Selection(), directory, fill)


def write_page(directory: Path, selection: Selection, out: Path) -> nx.MultiDiGraph:
    """Write the page of a selection of the store at a directory to a file, replaced whole; return its projection."""
    from kg.build import write_all_atomic

    check_selection(selection)
    with opened_for_reading(directory) as store:
        page, projection = selection_page(store, selection, directory)
    write_all_atomic({out: page})
    return projection
