"""Projection pass: turn the RDF graph into a readable networkx graph of events, actors, places and documents.

Not every triple becomes an edge: dates, status, CAMEO codes, Wikidata ids, topics, propositions and the
source sentences are attributes of the node they describe, so a reader sees who did what, where and when,
and can still read the exact words each node comes from. The sentences are kept once, in a table of the
projection (`projection.graph["sentences"]`: headline, begin, end, text), and each node's `sources` are
[row, anchors] pairs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.rdf.mapping import KG, NIF, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS
from kg.rdf.triples import Triples

# The kinds of node, in the order of the legend: (key, Spanish name).
KINDS = (
    ("event", "Evento"),
    ("statement", "Declaración"),
    ("person", "Persona"),
    ("country", "País"),
    ("organization", "Organización"),
    ("place", "Lugar"),
    ("document", "Documento"),
)
KIND_NAMES = dict(KINDS)
TIMED_KINDS = ("event", "statement")

# Spanish names of the classes a node may have, most specific first within each kind. The kg: entries
# repeat the rdfs:label@es of ontology/kg.ttl (a test keeps them equal): reading the ontology at every
# build would cost more than the rest of the page.
TYPE_NAMES = {
    KG.PhoneCall: "Llamada telefónica",
    KG.NegotiationRound: "Ronda de negociaciones",
    KG.Negotiation: "Negociación",
    KG.Consultation: "Consulta",
    KG.Meeting: "Reunión",
    KG.Summit: "Cumbre",
    KG.Conference: "Conferencia",
    KG.Visit: "Visita",
    KG.Decision: "Decisión",
    KG.Assertion: "Afirmación",
    KG.Emphasis: "Énfasis",
    KG.Explanation: "Explicación",
    KG.Warning: "Advertencia",
    KG.Promise: "Promesa",
    KG.Agreement: "Declaración de acuerdo",
    KG.Assessment: "Valoración",
    KG.Report: "Informe",
    KG.Statement: "Declaración",
    KG.Proposal: "Propuesta",
    KG.DraftTreaty: "Borrador de tratado",
    KG.DraftAgreement: "Borrador de acuerdo",
    KG.Treaty: "Tratado",
    KG.Communique: "Comunicado",
    KG.JointDeclaration: "Declaración conjunta",
    KG.Document: "Documento",
    KG.Government: "Gobierno",
    KG.ActorGroup: "Grupo de actores",
    SCHEMA.Person: "Persona",
    SCHEMA.Country: "País",
    SCHEMA.City: "Ciudad",
    SCHEMA.Continent: "Continente",
    SCHEMA.Organization: "Organización",
    SCHEMA.Place: "Lugar",
    SEM.Place: "Lugar",
    SEM.Actor: "Actor",
    SEM.Event: "Evento",
}
STATUS_NAMES = {SCHEMA.EventScheduled: "programado", SCHEMA.EventCancelled: "cancelado", KG.EventProposed: "propuesto",
                SCHEMA.EventPostponed: "aplazado"}
MONTHS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")

# Edges between the nodes of the projection: (property, Spanish label), read from subject to object.
EVENT_EDGES = ((SEM.hasPlace, "lugar"), (KG.frameworkBody, "marco"), (SCHEMA.about, "sobre"),
               (PROV.wasAttributedTo, "atribuido a"), (SEM.subEventOf, "parte de"), (KG.statedIn, "declarado en"))
ENTITY_EDGES = ((KG.leads, "dirige"), (KG.governs, "gobierna"), (SCHEMA.memberOf, "miembro de"),
                (KG.party, "parte"), (SCHEMA.author, "autor"))
# Who takes part in an event participates; who makes a statement declares it (actor -> event).
ACTOR_EDGE = {"event": "participa", "statement": "declara"}
MENTION_EDGE = "menciona"
EDGE_LABELS = (tuple(label for _, label in EVENT_EDGES + ENTITY_EDGES)
               + ("representa",) + tuple(ACTOR_EDGE.values()) + (MENTION_EDGE,))

# Terms read for every node, looked up once (attribute access on a Namespace builds a new URIRef).
TIME_PROPERTIES = (("begin", SEM.hasBeginTimeStamp), ("end", SEM.hasEndTimeStamp),
                   ("earliest", SEM.hasEarliestBeginTimeStamp), ("latest", SEM.hasLatestEndTimeStamp))
KIND_CLASSES = ((KG.Document, "document"), (SCHEMA.Person, "person"), (SCHEMA.Country, "country"),
                (SCHEMA.Organization, "organization"), (SEM.Actor, "organization"), (SEM.Place, "place"))
EVENT, STATEMENT, TOPIC = SEM.Event, KG.Statement, KG.Topic
TENSE_NAMES = {KG.Past: "pasado", KG.Present: "presente", KG.Future: "futuro"}
WIKIDATA = "http://www.wikidata.org/entity/"

ABBREVIATION = re.compile(r"\(([^()]{2,20})\)$")
SNIPPET = 34


class _Sources:
    """Finds the sentence around each span of the graph, per article context."""

    def __init__(self, graph: Graph | Triples) -> None:
        """Index the text and the sentences of every context in the graph."""
        self.g = graph
        self.texts: dict[URIRef, str] = {}
        self.headlines: dict[URIRef, str] = {}
        self.published: dict[URIRef, str] = {}
        # [publication day, headline] of every article the graph names; only those whose text it holds are shown
        # (a page of a selection names the other articles of the store that report its events, to count them).
        self.articles: dict[URIRef, list[str]] = {}
        for article, ctx in graph.subject_objects(KG.hasContext):
            headline = str(graph.value(article, SCHEMA.headline) or "")
            published = graph.value(article, SCHEMA.datePublished)
            self.articles[ctx] = [str(published)[:10] if published is not None else "", headline]
            text = graph.value(ctx, NIF.isString)
            if text is None:
                continue
            self.texts[ctx] = str(text)
            self.headlines[ctx] = headline
            if published is not None:
                self.published[ctx] = str(published)
        bounds: dict[URIRef, list[tuple[int, int]]] = {}
        for sentence in graph.subjects(RDF.type, NIF.Sentence):
            ctx = graph.value(sentence, NIF.referenceContext)
            bounds.setdefault(ctx, []).append((int(graph.value(sentence, NIF.beginIndex)),
                                               int(graph.value(sentence, NIF.endIndex))))
        self.sentences = {ctx: sorted(spans) for ctx, spans in bounds.items()}
        # The sentences nodes are derived from, each once however many nodes cite it: a country named in
        # a thousand articles refers to a thousand rows rather than carrying their words itself.
        self.cited: dict[tuple[URIRef, int, int], int] = {}
        self.table: list[tuple[str, int, int, str]] = []

    def spans(self, node: URIRef) -> list[tuple[URIRef, int, int]]:
        """Return the (context, begin, end) of every span a node was derived from, in text order."""
        found = []
        for span in self.g.objects(node, PROV.wasDerivedFrom):
            ctx = self.g.value(span, NIF.referenceContext)
            begin, end = self.g.value(span, NIF.beginIndex), self.g.value(span, NIF.endIndex)
            if ctx in self.texts and begin is not None and end is not None:
                found.append((ctx, int(begin), int(end)))
        return sorted(found)

    def sentence(self, ctx: URIRef, begin: int, end: int) -> tuple[int, int]:
        """Return the bounds of the sentence that holds a span, or the span itself if none does."""
        spans = self.sentences.get(ctx, [])
        i = bisect.bisect_right(spans, (begin, len(self.texts[ctx]) + 1)) - 1
        while i >= 0:
            sb, se = spans[i]
            if sb <= begin and end <= se:
                return sb, se
            i -= 1
        return begin, end

    def cite(self, ctx: URIRef, begin: int, end: int) -> int:
        """Return the row of a sentence in the table of cited sentences, adding it when first cited."""
        key = (ctx, begin, end)
        if key not in self.cited:
            self.cited[key] = len(self.table)
            self.table.append((self.headlines[ctx], begin, end, self.texts[ctx][begin:end]))
        return self.cited[key]

    def quotes(self, node: URIRef) -> list[list]:
        """Return the source sentences of a node: [row in the table, anchors in the sentence] each, in text order."""
        grouped: dict[tuple[URIRef, int, int], list[tuple[int, int]]] = {}
        for ctx, begin, end in self.spans(node):
            sb, se = self.sentence(ctx, begin, end)
            grouped.setdefault((ctx, sb, se), []).append((begin - sb, end - sb))
        return [[self.cite(*key), _anchors(anchors)] for key, anchors in sorted(grouped.items())]


def _anchors(spans: list[tuple[int, int]]) -> list[list[int]]:
    """Merge overlapping or touching spans into sorted [begin, end] anchors.

    Offsets are code points, as Python counts them; the page splits the sentence by code points too.
    """
    merged: list[list[int]] = []
    for b, e in sorted(spans):
        if merged and b <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([b, e])
    return merged


def day_text(day: dt.date) -> str:
    """Write a date the short Spanish way: "9 ene 2022"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def span_text(begin: dt.date, end: dt.date) -> str:
    """Write a stretch of days compactly: "7 dic 2021", "9–10 ene 2022", "30 dic 2021 – 2 ene 2022"."""
    if begin == end:
        return day_text(begin)
    if (begin.year, begin.month) == (end.year, end.month):
        return f"{begin.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    if begin.year == end.year:
        return f"{begin.day} {MONTHS[begin.month - 1]} – {day_text(end)}"
    return f"{day_text(begin)} – {day_text(end)}"


def when_text(begin, end, earliest, latest) -> str:
    """Describe in Spanish the days an event covers or the bounds it lies within."""
    if begin is not None:
        return span_text(begin, end or begin)
    if earliest is not None and latest is not None:
        return f"entre el {day_text(earliest)} y el {day_text(latest)}"
    if latest is not None:
        return f"no después del {day_text(latest)}"
    if earliest is not None:
        return f"no antes del {day_text(earliest)}"
    return ""


def short_name(label: str) -> str:
    """Return the abbreviation a long name ends with ("… Europa (OSCE)" -> "OSCE"), else the name."""
    found = ABBREVIATION.search(label)
    return found.group(1) if found else label


def _join(labels: list[str]) -> str:
    """Join labels the Spanish way: "A, B y C"."""
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " y " + labels[-1]


def _kind(types: set[URIRef]) -> str | None:
    """Return the kind of node a resource is shown as, or None if it is not shown."""
    if EVENT in types:
        return "statement" if STATEMENT in types else "event"
    for cls, kind in KIND_CLASSES:
        if cls in types:
            return kind
    return None


def _type_name(types: set[URIRef]) -> str:
    """Return the Spanish name of the most specific known class among a resource's types."""
    for cls, name in TYPE_NAMES.items():
        if cls in types:
            return name
    return "Recurso"


def _types(typings: Iterable[tuple[Node, Node]]) -> dict[URIRef, set[URIRef]]:
    """Return the classes of every resource named by an IRI, from its (resource, class) pairs."""
    types: dict[URIRef, set[URIRef]] = {}
    for s, o in typings:
        if isinstance(s, URIRef):
            types.setdefault(s, set()).add(o)
    return types


def shown_resources(typings: Iterable[tuple[Node, Node]]) -> set[URIRef]:
    """Return the resources a projection shows as nodes, from the (resource, class) pairs of its graph."""
    return {s for s, types in _types(typings).items() if _kind(types) is not None}


class Projector:
    """Builds the projection of one RDF graph, or of the part of it around some events and statements."""

    def __init__(self, graph: Graph | Triples, focus: set[str] | None = None) -> None:
        """Index the graph's shown resources by kind: all of them, or the focus and the nodes one edge away."""
        self.g = graph
        self.sources = _Sources(graph)
        self.types = _types(graph.subject_objects(RDF.type))
        self.kinds = {s: k for s, types in self.types.items() if (k := _kind(types)) is not None}
        if focus is not None:
            kept = self.neighbourhood(focus)
            self.kinds = {s: k for s, k in self.kinds.items() if s in kept}
        self.labels = {s: str(graph.value(s, RDFS.label) or s.rsplit("/", 1)[-1]) for s in self.kinds}

    def neighbourhood(self, focus: set[str]) -> set[URIRef]:
        """Return the shown nodes among the focus, with those an edge of the projection joins to them."""
        kept = {node for node in self.kinds if str(node) in focus}
        return kept | {other for s, o, _ in self.edges() for node, other in ((s, o), (o, s)) if node in kept}

    def names(self, nodes) -> list[str]:
        """Return the sorted labels of shown nodes."""
        return sorted(self.labels[n] for n in nodes if n in self.kinds)

    def attributes(self, node: URIRef) -> dict:
        """Return everything the page shows about a node."""
        g, kind, types = self.g, self.kinds[node], self.types[node]
        quotes = self.sources.quotes(node)
        attrs = {
            "kind": kind,
            "type": _type_name(types),
            "name": self.labels[node],
            "sources": quotes,
            "rules": sorted(str(g.value(r, RDFS.label) or r) for r in g.objects(node, KG.extractedBy)),
            "order": list(self.sources.table[quotes[0][0]][:2]) if quotes else ["", 0],
        }
        wikidata = sorted(str(o)[len(WIKIDATA):] for o in g.objects(node, OWL.sameAs) if str(o).startswith(WIKIDATA))
        if wikidata:
            attrs["wikidata"] = wikidata
        job = g.value(node, SCHEMA.jobTitle)
        if job is not None:
            attrs["job"] = str(job)
        if kind in TIMED_KINDS:
            attrs.update(self.time_attributes(node))
            reports = self.reports(node)
            if len(reports) > 1:
                attrs["reports"] = reports
        if kind == "statement":
            attrs.update(self.statement_attributes(node))
        attrs["label"] = self.display_label(node, attrs)
        return attrs

    def time_attributes(self, node: URIRef) -> dict:
        """Return the dates, status and CAMEO type of an event."""
        g = self.g
        days = {key: _date(g.value(node, prop)) for key, prop in TIME_PROPERTIES}
        attrs: dict = {"when": when_text(days["begin"], days["end"], days["earliest"], days["latest"])}
        attrs.update((key, day.isoformat()) for key, day in days.items() if day is not None)
        known = days["begin"] or days["earliest"] or days["latest"]
        if known is not None:
            attrs["date"] = known.isoformat()
        status = g.value(node, SCHEMA.eventStatus)
        if status in STATUS_NAMES:
            attrs["status"] = STATUS_NAMES[status]
        cameo = g.value(node, SEM.eventType)
        if cameo is not None and g.value(cameo, SKOS.notation) is not None:
            attrs["cameo"] = str(g.value(cameo, SKOS.notation))
            attrs["cameo_name"] = str(g.value(cameo, SKOS.prefLabel) or "")
        return attrs

    def reports(self, node: URIRef) -> list[list[str]]:
        """Return the articles a node is derived from, [publication day, headline] each, oldest first."""
        g, articles = self.g, self.sources.articles
        contexts = {g.value(span, NIF.referenceContext) for span in g.objects(node, PROV.wasDerivedFrom)}
        return sorted(articles[ctx] for ctx in contexts if ctx in articles)

    def statement_attributes(self, node: URIRef) -> dict:
        """Return the words, quotations, topics and propositions of a statement."""
        g = self.g
        attrs: dict = {}
        text = g.value(node, SCHEMA.text)
        if text is not None:
            attrs["text"] = str(text)
        for prop, key in ((KG.quotation, "quotations"), (KG.characterization, "qualities")):
            values = sorted(str(o) for o in g.objects(node, prop))
            if values:
                attrs[key] = values
        topics = sorted(str(g.value(t, RDFS.label)) for t in g.objects(node, SCHEMA.about)
                        if TOPIC in self.types.get(t, ()))
        if topics:
            attrs["topics"] = topics
        propositions = [self.proposition_text(p) for p in sorted(g.objects(node, KG.proposition))]
        if propositions:
            attrs["propositions"] = propositions
        return attrs

    def proposition_text(self, prop: URIRef) -> str:
        """Describe an act named in a statement: "no despliegue: armas ofensivas (agente: …; lugar: …)"."""
        g = self.g
        details = []
        for key, name in ((KG.agent, "agente"), (KG.place, "lugar")):
            labels = self.names(g.objects(prop, key))
            if labels:
                details.append(f"{name}: {_join(labels)}")
        tense = g.value(prop, KG.tense)
        if tense is not None:
            details.append(TENSE_NAMES.get(tense, ""))
        label = str(g.value(prop, RDFS.label) or "")
        return label + (f" ({'; '.join(d for d in details if d)})" if details else "")

    def display_label(self, node: URIRef, attrs: dict) -> str:
        """Compose the few lines drawn under a node: what it is, where or who, and when."""
        g, kind = self.g, attrs["kind"]
        if kind == "event":
            where = [short_name(label) for label in self.names(g.objects(node, SEM.hasPlace))
                     + self.names(g.objects(node, KG.frameworkBody))]
            lines = [attrs["type"], " · ".join(where), attrs["when"]]
            if attrs.get("status") in ("cancelado", "aplazado"):
                lines.append(f"({attrs['status']})")
            if "reports" in attrs:
                lines.append(f"{len(attrs['reports'])} fuentes")
            return "\n".join(line for line in lines if line)
        if kind == "statement":
            speakers = self.names(g.objects(node, SEM.hasActor)) or self.names(g.objects(node, PROV.wasAttributedTo))
            lines = [attrs["type"], _join([short_name(s) for s in speakers]) if speakers else ""]
            text = attrs.get("text", "")
            if text:
                lines.append("«" + (text if len(text) <= SNIPPET else text[:SNIPPET - 1].rstrip() + "…") + "»")
            return "\n".join(line for line in lines if line)
        return attrs["name"]

    def edges(self) -> list[tuple[URIRef, URIRef, str]]:
        """Return the labelled edges between shown nodes, without repeats."""
        g, shown = self.g, self.kinds
        found: set[tuple[URIRef, URIRef, str]] = set()
        for node, kind in shown.items():
            if kind in TIMED_KINDS:
                for actor in g.objects(node, SEM.hasActor):
                    if actor in shown:
                        found.add((actor, node, ACTOR_EDGE[kind]))
                for prop, label in EVENT_EDGES:
                    found.update((node, o, label) for o in g.objects(node, prop) if o in shown)
                found.update((node, o, MENTION_EDGE) for o in self.mentioned(node) if o in shown)
            for prop, label in ENTITY_EDGES:
                found.update((node, o, label) for o in g.objects(node, prop) if o in shown)
            leads = set(g.objects(node, KG.leads))
            found.update((node, o, "representa") for o in g.objects(node, KG.represents)
                         if o in shown and o not in leads)
        # A mention adds nothing where another edge already joins the two nodes.
        joined = {frozenset((s, o)) for s, o, label in found if label != MENTION_EDGE}
        return sorted(e for e in found if e[2] != MENTION_EDGE or frozenset((e[0], e[1])) not in joined)

    def mentioned(self, node: URIRef) -> set[URIRef]:
        """Return the entities named inside what a statement or event is about or proposes."""
        g = self.g
        found: set[URIRef] = set()
        for topic in g.objects(node, SCHEMA.about):
            if TOPIC in self.types.get(topic, ()):
                found.update(g.objects(topic, KG.mentions))
        for prop in g.objects(node, KG.proposition):
            found.update(g.objects(prop, KG.agent))
            found.update(g.objects(prop, KG.place))
        return found

    def sort_dates(self, projection: nx.MultiDiGraph) -> None:
        """Give every event a day to be placed at: its own, else its parts' earliest, else its publication."""
        for node, attrs in projection.nodes(data=True):
            if attrs["kind"] not in TIMED_KINDS or "date" in attrs:
                continue
            parts = [projection.nodes[s].get("date") for s, _, label in projection.in_edges(node, data="label")
                     if label == "parte de"]
            parts = sorted(p for p in parts if p)
            if parts:
                attrs["date"] = parts[0]
            else:
                published = [self.sources.published[ctx][:10] for ctx, _, _ in self.sources.spans(URIRef(node))
                             if ctx in self.sources.published]
                if published:
                    attrs["date"] = min(published)

    def project(self) -> nx.MultiDiGraph:
        """Return the projection: one node per shown resource, one keyed edge per relation."""
        projection = nx.MultiDiGraph()
        for node in sorted(self.kinds):
            projection.add_node(str(node), **self.attributes(node))
        for s, o, label in self.edges():
            projection.add_edge(str(s), str(o), key=label, label=label)
        self.sort_dates(projection)
        projection.graph["publications"] = sorted(set(self.sources.published.values()))
        projection.graph["headlines"] = sorted({h for h in self.sources.headlines.values() if h})
        projection.graph["sentences"] = self.sources.table
        return projection


def _date(value) -> dt.date | None:
    """Return the Python date of an xsd:date literal, or None."""
    if value is None:
        return None
    python = value.toPython()
    return python if isinstance(python, dt.date) else None


def project(graph: Graph | Triples, focus: set[str] | None = None) -> nx.MultiDiGraph:
    """Project an RDF graph of the vocabulary contract into a networkx graph for people to explore: all of it, or
    the events and statements of the focus (IRIs) with the nodes one edge away from them."""
    return Projector(graph, focus).project()
