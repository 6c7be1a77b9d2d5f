"""Whole-graph properties: golden cases, offsets, determinism, SHACL conformance and constraint queries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import RDF, RDFS

from kg.build import build_graph, serialize
from kg.extract.rules import load_rules
from kg.page.html import render_graph
from kg.rdf.mapping import EVENT_NAMES, NIF, SEM
from kg.rdf.validate import validate_graph
from tests.conftest import ROOT, SEED

CASES = sorted(p for p in (ROOT / "tests" / "cases").iterdir() if p.is_dir())
VIOLATIONS = sorted((ROOT / "tests" / "sparql").glob("*-violation.rq"))
UPDATE = os.environ.get("KG_UPDATE_GOLDEN") == "1"


def readable_diff(expected: Graph, actual: Graph) -> str:
    """List the triples only one side has, as sorted N-Triples lines."""
    _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"- {' '.join(t.n3() for t in triple)}" for triple in sorted(missing)]
    lines += [f"+ {' '.join(t.n3() for t in triple)}" for triple in sorted(extra)]
    return "\n".join(lines[:80]) + (f"\n… {len(lines) - 80} more" if len(lines) > 80 else "")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: Path):
    actual = build_graph([case / "input.txt"])
    expected_path = case / "expected.ttl"
    if UPDATE:
        expected_path.write_bytes(serialize(actual))
    expected = Graph().parse(expected_path)
    diff = readable_diff(expected, actual)
    assert not diff, f"graph of {case.name} differs from expected.ttl (- expected only, + built only):\n{diff}"


TRICKY = "Titular 🇺🇦 con emoji\n\nEntradilla con «comillas».\n\n10 Marzo de 2022 10.00\n\n" \
         "El presidente ucraniano, Volodímir Zelenski, afirmó que Kiev 🇺🇦 seguirá negociando en Estambul."


@pytest.mark.parametrize("source", ["seed", "tricky"])
def test_every_span_anchor_is_its_slice_of_the_context(tmp_path, source):
    path = SEED if source == "seed" else tmp_path / "tricky.txt"
    if source == "tricky":
        path.write_text(TRICKY, encoding="utf-8")
    graph = build_graph([path])
    spans = list(graph.subjects(NIF.anchorOf, None))
    assert len(spans) > 8
    for span in spans:
        context = graph.value(span, NIF.referenceContext)
        text = str(graph.value(context, NIF.isString))
        begin, end = int(graph.value(span, NIF.beginIndex)), int(graph.value(span, NIF.endIndex))
        assert str(graph.value(span, NIF.anchorOf)) == text[begin:end]
        assert str(span).endswith(f"#char={begin},{end}")


def test_build_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "kg", "build", str(SEED), "--out", str(out)],
                       check=True, env=env, capture_output=True)
        outputs.append(((out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()))
    assert outputs[0] == outputs[1]
    graph = build_graph([SEED])
    assert outputs[0] == (serialize(graph), render_graph(graph)[0])


def test_renaming_the_article_file_keeps_every_iri(tmp_path):
    renamed = tmp_path / "otro-nombre.txt"
    renamed.write_bytes(SEED.read_bytes())
    assert serialize(build_graph([renamed])) == serialize(build_graph([SEED]))


def test_two_events_with_one_label_stay_two_nodes(tmp_path):
    source = tmp_path / "rondas.txt"
    source.write_text("Titular\n\nEntradilla.\n\n10 Marzo de 2022 10.00\n\n"
                      "La primera ronda de negociaciones fue cancelada. "
                      "La segunda ronda de negociaciones fue aplazada.\n", encoding="utf-8")
    graph = build_graph([source])
    rounds = sorted(graph.subjects(RDF.type, URIRef("https://kg.example.org/ontology#NegotiationRound")))
    statuses = [sorted(str(o).rsplit("/", 1)[-1] for o in graph.objects(r, URIRef("https://schema.org/eventStatus")))
                for r in rounds]
    assert sorted(statuses) == [["EventCancelled"], ["EventPostponed"]]
    assert validate_graph(graph)[0]


def test_an_event_is_named_by_its_days_class_and_actors_unless_its_article_has_two_such(tmp_path):
    head = "Titular\n\nEntradilla.\n\n10 Marzo de 2022 10.00\n\n"
    one = "El presidente ruso, Vladimir Putin, se reunió el 7 de marzo en Moscú con el presidente francés, Emmanuel Macron."
    two = one + " Putin y Macron celebraron el 7 de marzo otra reunión en Sochi."
    for name, body in (("una.txt", one), ("dos.txt", two)):
        (tmp_path / name).write_text(head + body + "\n", encoding="utf-8")
    meeting = URIRef("https://kg.example.org/ontology#Meeting")
    [named] = build_graph([tmp_path / "una.txt"]).subjects(RDF.type, meeting)
    assert str(named) == "https://kg.example.org/id/event/2022-03-07/meeting/emmanuel-macron+vladimir-putin"
    # Which of two such meetings another article would mean cannot be told: both keep their article.
    graph = build_graph([tmp_path / "dos.txt"])
    labels = sorted(str(graph.value(event, RDFS.label)) for event in graph.subjects(RDF.type, meeting))
    assert labels == ["Reunión entre Emmanuel Macron y Vladimir Putin en Moscú, 2022-03-07",
                      "Reunión entre Emmanuel Macron y Vladimir Putin en Sochi, 2022-03-07"]


def test_every_event_class_of_the_rules_has_a_name_for_the_events_articles_share():
    classes = {rule.get("class") for rule in load_rules().all_rules() if rule.stage == "event"}
    assert classes and classes <= set(EVENT_NAMES)


def test_an_article_that_opens_with_its_dateline_takes_its_first_sentence_as_headline(tmp_path):
    source = tmp_path / "sin-titular.txt"
    source.write_text("10 Marzo de 2022 10.00\n\nPutin y Biden hablaron por teléfono. Acordaron seguir.\n",
                      encoding="utf-8")
    graph = build_graph([source])
    headlines = [str(h) for h in graph.objects(None, URIRef("https://schema.org/headline"))]
    assert headlines == ["Putin y Biden hablaron por teléfono."]
    assert validate_graph(graph)[0]


def test_a_proposed_event_conforms_with_its_own_status(tmp_path):
    source = tmp_path / "propuesta.txt"
    source.write_text("Titular\n\nEntradilla.\n\n10 Marzo de 2022 10.00\n\n"
                      "Erdogan propuso un encuentro entre Putin y Zelenski en Estambul.\n", encoding="utf-8")
    graph = build_graph([source])
    statuses = set(graph.objects(None, URIRef("https://schema.org/eventStatus")))
    assert statuses == {URIRef("https://kg.example.org/ontology#EventProposed")}
    assert validate_graph(graph)[0]


def test_an_article_cut_after_a_reporting_verb_still_conforms(tmp_path):
    source = tmp_path / "cortado.txt"
    source.write_text("Titular\n\nEntradilla.\n\n10 Marzo de 2022 10.00\n\n"
                      "La reunión fue aplazada, indicó el canciller argentino, Santiago Cafiero, quien adelantó",
                      encoding="utf-8")
    assert validate_graph(build_graph([source]))[0]


def test_seed_graph_conforms_to_the_shapes(seed_graph):
    conforms, report = validate_graph(seed_graph)
    assert conforms, report


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def _drop_label_of_an_actor(g: Graph) -> None:
    actor = sorted(g.subjects(RDF.type, SEM.Actor))[0]
    g.remove((actor, RDFS.label, None))


def _shift_an_anchor(g: Graph) -> None:
    span = sorted(g.subjects(NIF.anchorOf, Literal("Ginebra")))[0]
    g.set((span, NIF.anchorOf, Literal("Bruselas")))


def _type_an_event_only_as_sem_event(g: Graph) -> None:
    event = sorted(g.subjects(RDF.type, URIRef("https://kg.example.org/ontology#PhoneCall")))[0]
    for cls in list(g.objects(event, RDF.type)):
        if str(cls).startswith("https://kg.example.org/ontology#"):
            g.remove((event, RDF.type, cls))


@pytest.mark.parametrize("breakage", [_drop_label_of_an_actor, _shift_an_anchor, _type_an_event_only_as_sem_event])
def test_a_broken_graph_does_not_conform(seed_graph, breakage):
    broken = _copy(seed_graph)
    breakage(broken)
    conforms, report = validate_graph(broken)
    assert not conforms
    assert "Constraint Violation" in report


@pytest.mark.parametrize("query", VIOLATIONS, ids=[q.name for q in VIOLATIONS])
def test_constraint_query_finds_no_violation(seed_graph, query):
    cases = Graph()
    for case in CASES:
        cases += build_graph([case / "input.txt"])
    for graph in (seed_graph, cases):
        rows = list(graph.query(query.read_text(encoding="utf-8")))
        assert rows == [], f"{query.name}: {rows[:5]}"


# One breakage per constraint query: each query must be able to find what it forbids.
BREAKAGES = {
    "caption-entity-violation.rq": """
        INSERT { ?event prov:wasDerivedFrom <urn:test:span> .
                 <urn:test:span> nif:beginIndex ?cb ; nif:anchorOf "x" ; nif:referenceContext ?ctx }
        WHERE { ?caption a kg:Caption ; nif:beginIndex ?cb ; nif:referenceContext ?ctx .
                ?event a kg:PhoneCall }""",
    "event-without-provenance-violation.rq": """
        DELETE { ?event prov:wasDerivedFrom ?span } WHERE { ?event a kg:PhoneCall ; prov:wasDerivedFrom ?span }""",
    "event-labels-violation.rq": """
        INSERT { ?event rdfs:label "Consultas en Moscú"@es } WHERE { ?event a kg:Consultation }""",
    "fact-without-provenance-violation.rq": """
        DELETE { ?fact ?p ?o }
        WHERE { ?fact rdf:subject ?event ; rdf:predicate sem:hasActor ; ?p ?o . ?event a kg:PhoneCall }""",
    "metonymy-city-actor-violation.rq": """
        INSERT { ?event sem:hasActor ?city } WHERE { ?event a kg:PhoneCall . ?city a schema:City }""",
    "proposition-as-event-violation.rq": """
        INSERT { ?p a sem:Event } WHERE { ?p a kg:Proposition }""",
    "scheduled-before-publication-violation.rq": """
        INSERT { ?event sem:hasBeginTimeStamp "2021-01-01"^^xsd:date }
        WHERE { ?event schema:eventStatus schema:EventScheduled }""",
    "article-event-elsewhere-violation.rq": """
        INSERT { ?event prov:wasDerivedFrom <urn:test:span> . <urn:test:span> nif:referenceContext <urn:test:context> .
                 <urn:test:article> kg:hasContext <urn:test:context> }
        WHERE { ?event a kg:PhoneCall }""",
    "span-offsets-violation.rq": """
        DELETE { ?span nif:anchorOf "Ginebra" } INSERT { ?span nif:anchorOf "Bruselas" }
        WHERE { ?span nif:anchorOf "Ginebra" }""",
}
PREFIXES = {"sem": SEM, "nif": NIF, "rdfs": RDFS, "prov": URIRef("http://www.w3.org/ns/prov#"), "rdf": RDF,
            "schema": URIRef("https://schema.org/"), "xsd": URIRef("http://www.w3.org/2001/XMLSchema#"),
            "kg": URIRef("https://kg.example.org/ontology#")}


def test_every_constraint_query_has_a_breakage():
    assert sorted(BREAKAGES) == [q.name for q in VIOLATIONS]


@pytest.mark.parametrize("query", VIOLATIONS, ids=[q.name for q in VIOLATIONS])
def test_constraint_query_finds_its_breakage(seed_graph, query):
    broken = _copy(seed_graph)
    broken.update(BREAKAGES[query.name], initNs=PREFIXES)
    rows = list(broken.query(query.read_text(encoding="utf-8")))
    assert len(rows) >= 1