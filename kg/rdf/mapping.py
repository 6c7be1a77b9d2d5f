"""Mapping pass: turn the frames of an article into RDF in SEM, schema.org, PROV-O and NIF terms."""

from __future__ import annotations

import bisect
import hashlib
import itertools
from collections import Counter
from functools import lru_cache
from typing import Iterable

from rdflib import Literal, Namespace, URIRef

from kg.extract.frames import Document, EntityNode, Evidence, Extraction, Frame, Linked, Proposition, Topic
from kg.extract.rules import RuleSet
from kg.extract.segment import Block, Sentence
from kg.extract.text import Article
from kg.rdf.ids import slug
from kg.rdf.triples import Triples
from kg.rdf.vocab import NAMESPACES


class Vocabulary(Namespace):
    """A namespace that makes each of its terms once.

    rdflib's namespaces make a new URIRef at every attribute access; equal but distinct terms then
    compare through a Python-level __eq__ in every set and dict the build fills.
    """

    def __getattr__(self, name: str) -> URIRef:
        """Return the term of a local name, made on first use and kept."""
        if name.startswith("__"):
            raise AttributeError(name)
        term = self.term(name)
        self.__dict__[name] = term
        return term


KG, ID, SEM, SCHEMA, NIF, WD, OWL, PROV, RDF, RDFS, SKOS, XSD = (
    Vocabulary(NAMESPACES[prefix])
    for prefix in ("kg", "id", "sem", "schema", "nif", "wd", "owl", "prov", "rdf", "rdfs", "skos", "xsd"))

PREFIXES = {"kg": KG, "id": ID, "sem": SEM, "schema": SCHEMA, "prov": PROV, "nif": NIF, "skos": SKOS,
            "owl": OWL, "rdfs": RDFS, "xsd": XSD, "wd": WD}
GAZETTEER = ("lexicon.name", "lexicon.toml")
# The lexicon's aliases casefolded, with the alias index they were read from (see _folded_aliases).
_FOLDED: list[tuple[dict[str, str], dict[str, str]]] = []
CAMEO_LABEL = Literal("CAMEO: Conflict and Mediation Event Observations", lang="en")
# Words that stay in lower case inside a place name written in capitals ("CIUDAD DE MÉXICO").
PARTICLES = {"de", "del", "la", "las", "los", "el", "y"}
BLOCK_CLASSES = {"kicker": KG.Kicker, "headline": KG.Headline, "lead": KG.Lead, "dateline": KG.Dateline,
                 "caption": KG.Caption, "body": KG.BodyParagraph, "subheading": KG.Subheading,
                 "byline": KG.Byline, "credit": KG.Credit}
STATUS = {"scheduled": SCHEMA.EventScheduled, "cancelled": SCHEMA.EventCancelled, "proposed": KG.EventProposed,
          "postponed": SCHEMA.EventPostponed}
# What each kind of entity is, asserted in full so the graph needs no inference.
ENTITY_TYPES = {
    "schema:Person": (SEM.Actor, SCHEMA.Person),
    "schema:Country": (SEM.Actor, SEM.Place, SCHEMA.Country, SCHEMA.Place),
    "schema:Organization": (SEM.Actor, SCHEMA.Organization),
    "kg:Government": (SEM.Actor, KG.Government, SCHEMA.GovernmentOrganization, SCHEMA.Organization),
    "kg:ActorGroup": (SEM.Actor, KG.ActorGroup, SCHEMA.Organization),
    "schema:City": (SEM.Place, SCHEMA.City, SCHEMA.Place),
    "schema:Continent": (SEM.Place, SCHEMA.Continent, SCHEMA.Place),
    "schema:Place": (SEM.Place, SCHEMA.Place),
}
# The Spanish name of each event class: the label of an event several articles report starts with it, whatever
# word each article uses ("reunión", "encuentro"); a class without one keeps its events in their articles.
EVENT_NAMES = {"kg:PhoneCall": "Llamada telefónica", "kg:Meeting": "Reunión", "kg:Consultation": "Consultas",
               "kg:Negotiation": "Negociaciones", "kg:NegotiationRound": "Ronda de negociaciones",
               "kg:Summit": "Cumbre", "kg:Conference": "Conferencia", "kg:Visit": "Visita", "kg:Decision": "Decisión"}
# Days (ISO, "first/last" for several), class, kind within the class ("" for the class itself), status ("" for none)
# and sorted actor ids.
SharedKey = tuple[str, str, str, str, tuple[str, ...]]
ENTITY_LINKS = {"leads": (KG.leads, KG.represents, SCHEMA.affiliation),
                "represents": (KG.represents, SCHEMA.affiliation),
                "governs": (KG.governs,), "member_of": (SCHEMA.memberOf,)}


def curie(term: str) -> URIRef:
    """Expand a kg: or schema: class name from a rule file."""
    prefix, local = term.split(":", 1)
    return URIRef(str(PREFIXES[prefix]) + local)


@lru_cache(maxsize=1 << 16)
def _named(local: str) -> URIRef:
    """Return the IRI of a local name in the id namespace that many articles share (an entity, a rule, a CAMEO
    code), made once: rdflib checks every character of a new IRI in Python code."""
    return ID[local]


def _digits_iri(value: str) -> URIRef:
    """Return an IRI that extends a valid one with ASCII letters, digits, "/", "#", "=" and "," (a span, a fact),
    without checking its characters again: each is valid in an IRI."""
    return str.__new__(URIRef, value)


@lru_cache(maxsize=1 << 16)
def _typed(value: str, datatype: URIRef) -> Literal:
    """Return a typed literal (a day, a moment), made once: rdflib reads its value in Python code."""
    return Literal(value, datatype=datatype)


@lru_cache(maxsize=1 << 16)
def _shared(value: str, lang: str | None = None) -> Literal:
    """Return a literal that many articles write (a name, a title, a rule's file), made once."""
    return Literal(value, lang=lang)


@lru_cache(maxsize=1 << 16)
def _offset(index: int) -> Literal:
    """Return the literal of a character offset, made once: rdflib builds a typed literal in Python code."""
    return Literal(index, datatype=XSD.nonNegativeInteger)


def _folded_aliases(alias_index: dict[str, str]) -> dict[str, str]:
    """Return the entity of each alias of the lexicon written in any case, made once per rule set: the lexicon
    holds thousands of aliases."""
    if not _FOLDED or _FOLDED[0][0] is not alias_index:
        _FOLDED[:] = [(alias_index, {alias.casefold(): eid for alias, eid in alias_index.items()})]
    return _FOLDED[0][1]


def _join(labels: list[str]) -> str:
    """Join labels the Spanish way: "A, B y C"."""
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " y " + labels[-1]


def shared_key(frame: Frame, kinds: dict[str, list[str]]) -> SharedKey | None:
    """Return what makes an event the same in every article that reports it (its days, class, kind, status and sorted
    actors), or None when it lacks an actor or exact days, or is a statement.

    The kind is the one [lexicon.event-kinds] gives the frame's family, if any: an agreement signed and a decision
    to negotiate taken by the same parties on the same day are two decisions.
    """
    time = frame.time
    if frame.statement or frame.cls not in EVENT_NAMES or not frame.actors.items or time is None or \
            time.begin is None or time.end is None:
        return None
    kind = kinds[frame.family][0] if frame.family in kinds else ""
    return time.text(), frame.cls, kind, frame.status or "", tuple(sorted(frame.actors.items))


def _place_label(name: str) -> str:
    """Return a place name no lexicon lists as a label: "KENNEBUNKPORT" is Kennebunkport."""
    if not name.isupper():
        return name
    return " ".join(word.lower() if i and word.lower() in PARTICLES else word.capitalize()
                    for i, word in enumerate(name.split()))


class Mapper:
    """Writes one article's extraction into a graph, with a derivation for every node and fact."""

    def __init__(self, graph: Triples, article: Article, rules: RuleSet, blocks: list[Block],
                 sentences: list[Sentence]) -> None:
        """Bind the graph and name the article, its context and its sentences."""
        self.g, self.article, self.rules = graph, article, rules
        self.text = article.text
        # The key hashes the whole text: computed once, not at every IRI.
        self.key = article.key
        self.doc = ID[f"article/{self.key}"]
        self.context = _digits_iri(f"{self.doc}#char=0,{len(self.text)}")
        self.sentences = sentences
        # The sentences by where they begin, with the furthest end reached up to each: the sentences that hold a span
        # are found by bisection, where a scan of them all for every span grew with the square of the article.
        self.by_begin = sorted(enumerate(sentences), key=lambda pair: (pair[1].begin, pair[0]))
        self.begins = [sentence.begin for _, sentence in self.by_begin]
        self.reach = list(itertools.accumulate((sentence.end for _, sentence in self.by_begin), max))
        self.blocks = blocks
        self.used_rules: set[str] = set()
        self.nodes: dict[int, URIRef] = {}
        self.minted: set[URIRef] = set()
        # The events of this article named across articles, with their key.
        self.shared_events: dict[int, SharedKey] = {}
        # The labels of the kinds of [lexicon.event-kinds], which name the events of those kinds across articles.
        self.kind_labels: dict[str, str] = {}
        # The spans and rules described so far: most are cited again by other nodes and facts.
        self.spans: dict[tuple[int, int], URIRef] = {}
        self.rule_iris: dict[str, URIRef] = {}

    # ---- provenance ----

    def span(self, begin: int, end: int) -> URIRef:
        """Return the NIF string for a stretch of the article, creating it once; the whole text is the context."""
        if (begin, end) == (0, len(self.text)):
            return self.context
        if (begin, end) in self.spans:
            return self.spans[begin, end]
        iri = _digits_iri(f"{self.doc}#char={begin},{end}")
        self.spans[begin, end] = iri
        if (iri, RDF.type, NIF.String) not in self.g:
            g = self.g
            g.add((iri, RDF.type, NIF.String))
            g.add((iri, RDF.type, NIF.RFC5147String))
            g.add((iri, NIF.beginIndex, _offset(begin)))
            g.add((iri, NIF.endIndex, _offset(end)))
            g.add((iri, NIF.anchorOf, Literal(self.text[begin:end])))
            g.add((iri, NIF.referenceContext, self.context))
            for sentence in self.holding(begin, end):
                g.add((iri, NIF.sentence, self.span(sentence.begin, sentence.end)))
        return iri

    def holding(self, begin: int, end: int) -> list[Sentence]:
        """Return the sentences that hold a span and are not the span itself, in the order of the article's."""
        found = []
        i = bisect.bisect_right(self.begins, begin)
        while i > 0 and self.reach[i - 1] >= end:
            i -= 1
            index, sentence = self.by_begin[i]
            if end <= sentence.end and (sentence.begin, sentence.end) != (begin, end):
                found.append((index, sentence))
        return [sentence for _, sentence in sorted(found, key=lambda pair: pair[0])]

    def rule(self, rule_id: str) -> URIRef:
        """Return the IRI of a rule, noting that the graph must describe it."""
        if rule_id not in self.rule_iris:
            self.used_rules.add(rule_id)
            self.rule_iris[rule_id] = _named(f"rule/{rule_id}")
        return self.rule_iris[rule_id]

    def derive(self, node: URIRef, evidence: Iterable[Evidence]) -> None:
        """Record the characters and rules a node was derived from."""
        for ev in evidence:
            self.g.add((node, PROV.wasDerivedFrom, self.span(ev.begin, ev.end)))
            self.g.add((node, KG.extractedBy, self.rule(ev.rule)))

    def fact(self, s: URIRef, p: URIRef, o, evidence: Iterable[Evidence]) -> None:
        """Assert a triple and a reified statement saying which characters and rules produced it."""
        evidence = list(evidence)
        self.g.add((s, p, o))
        if not evidence:
            return
        digest = hashlib.sha256(f"{s}|{p}|{o}|{getattr(o, 'datatype', '')}".encode("utf-8")).hexdigest()[:20]
        reified = _digits_iri(f"{ID}fact/{digest}")
        self.g.add((reified, RDF.type, RDF.Statement))
        self.g.add((reified, RDF.subject, s))
        self.g.add((reified, RDF.predicate, p))
        self.g.add((reified, RDF.object, o))
        self.derive(reified, evidence)

    def link_all(self, s: URIRef, p: URIRef, linked: Linked, resolve) -> None:
        """Assert one fact per target of a role."""
        for target, evidence in linked.items.items():
            self.fact(s, p, resolve(target), evidence)

    # ---- nodes ----

    def entity(self, eid: str) -> URIRef:
        """Return the IRI of an entity."""
        return _named(f"entity/{eid}")

    def add_entity(self, node: EntityNode) -> None:
        """Describe an entity: its types, label, Wikidata link, title and affiliations."""
        iri, g = self.entity(node.id), self.g
        for cls in ENTITY_TYPES[node.cls]:
            g.add((iri, RDF.type, cls))
        g.add((iri, RDFS.label, _shared(node.label, "es")))
        if node.wikidata:
            g.add((iri, OWL.sameAs, WD[node.wikidata]))
        if node.title:
            g.add((iri, SCHEMA.jobTitle, _shared(node.title, "es")))
        self.derive(iri, node.spans)
        for name, linked in sorted(node.links.items()):
            for prop in ENTITY_LINKS[name]:
                self.link_all(iri, prop, linked, self.entity)

    def topic(self, topic: Topic) -> URIRef:
        """Return the IRI of a topic, describing it once."""
        iri = ID[f"topic/{slug(topic.label)}"]
        if id(topic) not in self.nodes:
            self.nodes[id(topic)] = iri
            self.g.add((iri, RDF.type, KG.Topic))
            self.g.add((iri, RDF.type, SKOS.Concept))
            self.g.add((iri, RDFS.label, _shared(topic.label, "es")))
            self.g.add((iri, SKOS.prefLabel, _shared(topic.label, "es")))
            self.derive(iri, topic.spans)
            self.link_all(iri, KG.mentions, topic.mentions, self.entity)
        return iri

    def document(self, doc: Document) -> URIRef:
        """Return the IRI of a document, describing it once."""
        if id(doc) in self.nodes:
            return self.nodes[id(doc)]
        parties = sorted(self.label_of(p) for p in doc.parties.items)
        label = doc.label + (f" entre {_join(parties)}" if parties else "")
        if not parties and doc.authors.items:
            label += " de " + self.label_of(next(iter(doc.authors.items)))
        iri = ID[f"document/{self.key}/{slug(label)}"]
        self.nodes[id(doc)] = iri
        for cls in (curie(doc.cls), KG.Document, SCHEMA.CreativeWork):
            self.g.add((iri, RDF.type, cls))
        self.g.add((iri, RDFS.label, Literal(label, lang="es")))
        self.derive(iri, doc.spans)
        self.link_all(iri, KG.party, doc.parties, self.entity)
        self.link_all(iri, SCHEMA.author, doc.authors, self.entity)
        return iri

    def label_of(self, eid: str) -> str:
        """Return the label of an entity of this article."""
        return self.extraction.entities[eid].label

    def frame_label(self, frame: Frame) -> str:
        """Compose a Spanish label from what identifies the event: kind, actors, place, body and date; an event
        named across articles, from its key alone, so that every article that reports it gives it one label."""
        key = self.shared_events.get(id(frame))
        if key is not None:
            days, cls, kind, _, actors = key
            labels = sorted(self.label_of(a) for a in actors)
            name = self.kind_labels[kind] if kind else EVENT_NAMES[cls]
            return name + (" de " if len(labels) == 1 else " entre ") + _join(labels) + ", " + days
        if frame.statement:
            speakers = _join(sorted(self.label_of(a) for a in frame.actors.items)) if frame.actors.items else \
                _join(sorted(self.label_of(a) for a in frame.attributed.items))
            content = self.text[slice(*frame.content)]
            content = content if len(content) <= 90 else content[:89].rstrip() + "…"
            return f"{frame.label} de {speakers}: «{content}»"
        label = frame.label
        if len(frame.actors.items) == 1:
            label += " de " + self.label_of(next(iter(frame.actors.items)))
        elif frame.actors.items:
            label += " entre " + _join(sorted(self.label_of(a) for a in frame.actors.items))
        if frame.places.items:
            label += " en " + _join(sorted(self.label_of(p) for p in frame.places.items))
        if frame.bodies.items:
            label += " (" + _join(sorted(self.label_of(b) for b in frame.bodies.items)) + ")"
        if frame.time and frame.time.begin:
            label += ", " + frame.time.text()
        return label

    def frame(self, frame: Frame) -> URIRef:
        """Return the IRI of an event or statement.

        An event whose days, class, kind, status and actors are known is named by them alone, so that every article
        that reports it names one node; any other event, and every statement, is minted from its article and label
        (and content for statements): two reports of "las negociaciones" need not be one event.
        """
        if id(frame) not in self.nodes and id(frame) in self.shared_events:
            days, cls, kind, status, actors = self.shared_events[id(frame)]
            part = slug(cls.split(":", 1)[1]) + (f"-{slug(kind)}" if kind else "") + (f"-{status}" if status else "")
            self.nodes[id(frame)] = ID[f"event/{days}/{part}/{'+'.join(actors)}"]
        if id(frame) not in self.nodes:
            key = self.frame_label(frame)
            if frame.statement:
                key = f"{frame.label} {key} {hashlib.sha256(key.encode('utf-8')).hexdigest()[:10]}"
            kind = "statement" if frame.statement else "event"
            iri, n = ID[f"{kind}/{self.key}/{slug(key)}"], 1
            while iri in self.minted:  # two events with one label stay two nodes, numbered in text order
                n += 1
                iri = ID[f"{kind}/{self.key}/{slug(key)}-{n}"]
            self.nodes[id(frame)] = iri
            self.minted.add(iri)
        return self.nodes[id(frame)]

    def cameo(self, code: str) -> URIRef:
        """Return the SKOS concept of a CAMEO code."""
        iri = _named(f"cameo/{code}")
        self.g.add((iri, RDF.type, SKOS.Concept))
        self.g.add((iri, SKOS.notation, _shared(code)))
        name = self.rules.lexicon.get("cameo", {}).get(code)
        if name:
            self.g.add((iri, SKOS.prefLabel, _shared(name, "es")))
        self.g.add((iri, SKOS.inScheme, ID.cameo))
        self.g.add((ID.cameo, RDF.type, SKOS.ConceptScheme))
        self.g.add((ID.cameo, RDFS.label, CAMEO_LABEL))
        return iri

    def add_frame(self, frame: Frame) -> None:
        """Describe an event or statement with its type, roles, time, status and sources."""
        g, iri = self.g, self.frame(frame)
        for cls in (SEM.Event, SCHEMA.Event, curie(frame.cls)):
            g.add((iri, RDF.type, cls))
        if frame.statement:
            g.add((iri, RDF.type, KG.Statement))
        g.add((iri, RDFS.label, Literal(self.frame_label(frame), lang="es")))
        self.fact(iri, SEM.eventType, self.cameo(frame.cameo), frame.spans[:1])
        self.derive(iri, frame.spans)
        self.link_all(iri, SEM.hasActor, frame.actors, self.entity)
        self.link_all(iri, SEM.hasPlace, frame.places, self.entity)
        self.link_all(iri, KG.frameworkBody, frame.bodies, self.entity)
        self.link_all(iri, PROV.wasAttributedTo, frame.attributed, self.entity)
        self.link_all(iri, SEM.subEventOf, frame.parent, self.frame)
        self.link_all(iri, SCHEMA.about, frame.about, self.about_target)
        self.link_all(iri, KG.statedIn, frame.stated_in, self.document)
        self.add_time(iri, frame)
        if frame.status:
            self.fact(iri, SCHEMA.eventStatus, STATUS[frame.status], frame.status_evidence)
        if frame.content:
            b, e = frame.content
            self.fact(iri, SCHEMA.text, Literal(self.text[b:e], lang="es"), [Evidence(b, e, frame.spans[0].rule)])
        for q0, q1 in frame.quotations:
            self.fact(iri, KG.quotation, Literal(self.text[q0:q1], lang="es"), [Evidence(q0, q1, frame.spans[0].rule)])
        for quality in frame.qualities:
            self.fact(iri, KG.characterization, Literal(self.text[quality.begin:quality.end], lang="es"), [quality])
        for prop in frame.propositions:
            self.fact(iri, KG.proposition, self.proposition(iri, prop), prop.spans)

    def add_time(self, iri: URIRef, frame: Frame) -> None:
        """State the days an event covers, or the bounds it lies within."""
        time, ev = frame.time, frame.time_evidence
        if time is None:
            return
        pairs = ((SEM.hasBeginTimeStamp, time.begin), (SEM.hasEndTimeStamp, time.end),
                 (SEM.hasEarliestBeginTimeStamp, time.earliest), (SEM.hasLatestEndTimeStamp, time.latest))
        for prop, day in pairs:
            if day is not None:
                self.fact(iri, prop, _typed(day.isoformat(), XSD.date), ev)

    def about_target(self, target) -> URIRef:
        """Return the IRI of whatever a statement or event is about."""
        if isinstance(target, Frame):
            return self.frame(target)
        if isinstance(target, Document):
            return self.document(target)
        if isinstance(target, Topic):
            return self.topic(target)
        return self.entity(target)

    def proposition(self, statement: URIRef, prop: Proposition) -> URIRef:
        """Describe an act named in a statement, with its polarity; it is not an event."""
        g = self.g
        label = ("no " if prop.polarity == "negative" else "") + prop.action + (f": {prop.theme}" if prop.theme else "")
        iri = URIRef(f"{statement}/proposition/{slug(label)}")
        g.add((iri, RDF.type, KG.Proposition))
        g.add((iri, RDFS.label, Literal(label, lang="es")))
        self.derive(iri, prop.spans)
        action = ID[f"action/{slug(prop.action)}"]
        g.add((action, RDF.type, SKOS.Concept))
        g.add((action, SKOS.prefLabel, _shared(prop.action, "es")))
        self.fact(iri, KG.action, action, prop.spans)
        self.fact(iri, KG.polarity, KG.Negative if prop.polarity == "negative" else KG.Positive, prop.spans)
        if prop.tense:
            self.fact(iri, KG.tense, KG[prop.tense.capitalize()], prop.spans)
        if prop.theme:
            g.add((iri, KG.theme, Literal(prop.theme, lang="es")))
        self.link_all(iri, KG.agent, prop.agents, self.entity)
        self.link_all(iri, KG.place, prop.places, self.entity)
        return iri

    # ---- the article ----

    def add_article(self, extraction: Extraction) -> None:
        """Describe the article, its NIF context, its blocks and its sentences."""
        g, doc, ctx = self.g, self.doc, self.context
        g.add((doc, RDF.type, SCHEMA.NewsArticle))
        g.add((doc, SCHEMA.inLanguage, _shared("es")))
        g.add((doc, KG.hasContext, ctx))
        g.add((ctx, RDF.type, NIF.Context))
        g.add((ctx, RDF.type, NIF.RFC5147String))
        g.add((ctx, NIF.isString, Literal(self.text)))
        g.add((ctx, NIF.beginIndex, _offset(0)))
        g.add((ctx, NIF.endIndex, _offset(len(self.text))))
        g.add((ctx, NIF.sourceUrl, doc))
        heads = {"headline": SCHEMA.headline, "kicker": SCHEMA.alternativeHeadline, "lead": SCHEMA.abstract}
        for block in self.blocks:
            span = self.span(block.begin, block.end)
            g.add((span, RDF.type, BLOCK_CLASSES[block.kind]))
            if block.rule:
                g.add((span, KG.extractedBy, self.rule(block.rule)))
            if block.kind in heads:
                g.add((doc, heads[block.kind], Literal(self.text[block.begin:block.end], lang="es")))
        if not any(block.kind == "headline" for block in self.blocks):
            # An article that opens with its dateline has no headline block: its first sentence stands in.
            first = next((s for s in self.sentences if s.block not in ("dateline", "caption")), None)
            if first is not None:
                g.add((doc, SCHEMA.headline, Literal(self.text[first.begin:first.end], lang="es")))
        for sentence in self.sentences:
            g.add((self.span(sentence.begin, sentence.end), RDF.type, NIF.Sentence))
        if extraction.published is not None:
            self.fact(doc, SCHEMA.datePublished, _typed(extraction.published.isoformat(), XSD.dateTime),
                      [extraction.published_evidence])

    def add_filing_place(self, place: Block) -> None:
        """Link the article to the places its dateline or byline says it was filed from ("RIAD/BRUSELAS")."""
        folded = _folded_aliases(self.rules.alias_index)
        offset = place.begin
        for name in self.text[place.begin:place.end].split("/"):
            begin, end = offset, offset + len(name)
            offset = end + 1
            known = self.rules.entities.get(folded.get(name.casefold(), ""))
            if known is not None and SEM.Place in ENTITY_TYPES[known.cls]:
                eid, label, cls, wikidata = known.id, known.label, known.cls, known.wikidata
            else:
                label = _place_label(name)
                eid, cls, wikidata = slug(label), "schema:Place", None
            iri = self.entity(eid)
            if eid not in self.extraction.entities:
                for type_ in ENTITY_TYPES[cls]:
                    self.g.add((iri, RDF.type, type_))
                self.g.add((iri, RDFS.label, _shared(label, "es")))
                if wikidata:
                    self.g.add((iri, OWL.sameAs, WD[wikidata]))
            evidence = [Evidence(begin, end, place.rule)]
            self.derive(iri, evidence)
            self.fact(self.doc, SCHEMA.locationCreated, iri, evidence)

    def add_rules(self) -> None:
        """Describe each rule the graph cites: its id and the file that defines it."""
        files = {r.id: r.file for r in self.rules.all_rules()}
        files[GAZETTEER[0]] = GAZETTEER[1]
        for rule_id in sorted(self.used_rules):
            iri = _named(f"rule/{rule_id}")
            self.g.add((iri, RDF.type, KG.Rule))
            self.g.add((iri, RDF.type, PROV.Plan))
            self.g.add((iri, RDFS.label, _shared(rule_id)))
            self.g.add((iri, KG.ruleFile, _shared(f"{self.rules.source}/{files[rule_id]}")))

    def map(self, extraction: Extraction, place: Block | None) -> None:
        """Write the whole extraction of the article, and the place it was filed from, into the graph."""
        self.extraction = extraction
        self.add_article(extraction)
        if place is not None:
            self.add_filing_place(place)
        for node in extraction.entities.values():
            self.add_entity(node)
        kinds = self.rules.lexicon.get("event-kinds", {})
        self.kind_labels = {kind: label for kind, label in kinds.values()}
        keys = {id(frame): shared_key(frame, kinds) for frame in extraction.frames}
        counts = Counter(keys.values())
        # Two events of one article with one key could each be the one another article reports: both stay its own.
        self.shared_events = {frame: key for frame, key in keys.items() if key is not None and counts[key] == 1}
        for frame in extraction.frames:
            self.add_frame(frame)
        for doc in extraction.documents:
            self.document(doc)
        self.add_rules()


def new_triples() -> Triples:
    """Return an empty triple set with the contract's prefixes bound."""
    return Triples({prefix: str(ns) for prefix, ns in [*PREFIXES.items(), ("rdf", RDF)]})


def map_article(graph: Triples, article: Article, rules: RuleSet, blocks: list[Block], sentences: list[Sentence],
                extraction: Extraction, place: Block | None = None) -> None:
    """Add one article's triples to a graph, with the place its dateline says it was filed from."""
    Mapper(graph, article, rules, blocks, sentences).map(extraction, place)
