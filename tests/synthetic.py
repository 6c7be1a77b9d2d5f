"""A synthetic graph in the vocabulary of `kg build`, of any size, to test and measure large pages.

Seeded: the same size and seed give the same graph. About 40 % of the nodes are events, 20 %
statements, and the rest people, countries, organizations, places and documents; every event and
statement has actors, a day, a CAMEO type and a span in one of a few articles, as the contract says.
"""

from __future__ import annotations

import datetime as dt
import random

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.rdf.mapping import ID, KG, NIF, SCHEMA, SEM, WD, new_triples
from kg.rdf.triples import Triples

SHARES = (("event", 0.4), ("statement", 0.2), ("person", 0.16), ("country", 0.06), ("organization", 0.08),
          ("place", 0.05), ("document", 0.05))
ENTITY_TYPES = {"person": (SEM.Actor, SCHEMA.Person), "country": (SEM.Actor, SEM.Place, SCHEMA.Country),
                "organization": (SEM.Actor, SCHEMA.Organization), "place": (SEM.Place, SCHEMA.City)}
EVENT_CLASSES = ((KG.Meeting, "042"), (KG.PhoneCall, "041"), (KG.Negotiation, "046"), (KG.Visit, "042"))
STATEMENT_CLASSES = (KG.Assertion, KG.Warning, KG.Promise, KG.Agreement)
SENTENCE = "La reunión número {n} entre las delegaciones tuvo lugar según fuentes oficiales. "
ARTICLES = 20
DAYS = 365


def synthetic_graph(size: int, seed: int = 1) -> Triples:
    """Return a graph whose projection has exactly `size` nodes."""
    rng = random.Random(seed)
    g = new_triples()
    counts = {kind: int(size * share) for kind, share in SHARES}
    counts["event"] += size - sum(counts.values())
    nodes = {kind: [ID[f"{kind}/{i:05d}"] for i in range(n)] for kind, n in counts.items()}
    sentences_per_article = counts["event"] // ARTICLES + counts["statement"] // ARTICLES + 2
    contexts = []
    for a in range(ARTICLES):
        doc = ID[f"article/synthetic-{a:02d}"]
        text = "".join(SENTENCE.format(n=f"{a}-{i:04d}") for i in range(sentences_per_article))
        ctx = URIRef(f"{doc}#char=0,{len(text)}")
        g.add((doc, RDF.type, SCHEMA.NewsArticle))
        g.add((doc, SCHEMA.headline, Literal(f"Artículo sintético {a}", lang="es")))
        g.add((doc, SCHEMA.datePublished, Literal(f"2022-06-{1 + a % 28:02d}T10:00:00", datatype=XSD.dateTime)))
        g.add((doc, KG.hasContext, ctx))
        g.add((ctx, RDF.type, NIF.Context))
        g.add((ctx, NIF.isString, Literal(text)))
        contexts.append((doc, ctx, len(SENTENCE.format(n=f"{a}-0000"))))
    cursor = [0] * ARTICLES

    def derive(node: URIRef) -> None:
        """Give a node a span: the word "reunión" of the next sentence of a random article."""
        a = rng.randrange(ARTICLES)
        doc, ctx, length = contexts[a]
        begin = cursor[a] * length
        cursor[a] += 1
        sentence = URIRef(f"{doc}#char={begin},{begin + length - 1}")
        span = URIRef(f"{doc}#char={begin + 3},{begin + 10}")
        for s, b, e in ((sentence, begin, begin + length - 1), (span, begin + 3, begin + 10)):
            g.add((s, NIF.referenceContext, ctx))
            g.add((s, NIF.beginIndex, Literal(b, datatype=XSD.nonNegativeInteger)))
            g.add((s, NIF.endIndex, Literal(e, datatype=XSD.nonNegativeInteger)))
        g.add((sentence, RDF.type, NIF.Sentence))
        g.add((span, NIF.sentence, sentence))
        g.add((node, PROV.wasDerivedFrom, span))

    for kind in ("person", "country", "organization", "place"):
        for i, node in enumerate(nodes[kind]):
            for cls in ENTITY_TYPES[kind]:
                g.add((node, RDF.type, cls))
            g.add((node, RDFS.label, Literal(f"{kind.capitalize()} {i}", lang="es")))
            if i % 3 == 0:
                g.add((node, OWL.sameAs, WD[f"Q{1000 + i}"]))
            derive(node)
    for person in nodes["person"]:
        g.add((person, KG.leads, rng.choice(nodes["country"])))
    for i, document in enumerate(nodes["document"]):
        g.add((document, RDF.type, KG.DraftTreaty))
        g.add((document, RDF.type, KG.Document))
        g.add((document, RDFS.label, Literal(f"Borrador {i}", lang="es")))
        for party in rng.sample(nodes["country"], 2):
            g.add((document, KG.party, party))
        derive(document)
    start = dt.date(2022, 1, 1)
    actors = nodes["person"] + nodes["country"] + nodes["organization"]
    for i, event in enumerate(nodes["event"]):
        cls, cameo = EVENT_CLASSES[i % len(EVENT_CLASSES)]
        for t in (SEM.Event, SCHEMA.Event, cls):
            g.add((event, RDF.type, t))
        g.add((event, RDFS.label, Literal(f"Evento {i}", lang="es")))
        g.add((event, SEM.eventType, ID[f"cameo/{cameo}"]))
        g.add((ID[f"cameo/{cameo}"], SKOS.notation, Literal(cameo)))
        day = Literal((start + dt.timedelta(days=rng.randrange(DAYS))).isoformat(), datatype=XSD.date)
        g.add((event, SEM.hasBeginTimeStamp, day))
        g.add((event, SEM.hasEndTimeStamp, day))
        for actor in rng.sample(actors, 2):
            g.add((event, SEM.hasActor, actor))
        if i % 2 == 0:
            g.add((event, SEM.hasPlace, rng.choice(nodes["place"])))
        if i % 5 == 0:
            g.add((event, SCHEMA.eventStatus, SCHEMA.EventScheduled))
        derive(event)
    for i, statement in enumerate(nodes["statement"]):
        for t in (SEM.Event, SCHEMA.Event, KG.Statement, STATEMENT_CLASSES[i % len(STATEMENT_CLASSES)]):
            g.add((statement, RDF.type, t))
        g.add((statement, RDFS.label, Literal(f"Declaración {i}", lang="es")))
        g.add((statement, SCHEMA.text, Literal(f"palabras de la declaración {i}", lang="es")))
        g.add((statement, SEM.hasActor, rng.choice(nodes["person"])))
        g.add((statement, SCHEMA.about, rng.choice(nodes["event"])))
        if i % 4 == 0:
            g.add((statement, SCHEMA.about, rng.choice(nodes["document"])))
        day = Literal((start + dt.timedelta(days=rng.randrange(DAYS))).isoformat(), datatype=XSD.date)
        g.add((statement, SEM.hasLatestEndTimeStamp, day))
        derive(statement)
    return g
