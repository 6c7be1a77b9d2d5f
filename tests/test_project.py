"""The projection of the graph into networkx and its layout, without a browser."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

import pytest
from hypothesis import given, strategies as st
from rdflib import Graph
from rdflib.namespace import RDFS

from kg.page.layout import NODE_GAP, _pack, time_layout
from kg.page.project import EDGE_LABELS, KIND_NAMES, TYPE_NAMES, _anchors, project, span_text, when_text
from kg.rdf.mapping import KG, NIF, SEM
from tests.synthetic import synthetic_graph

SHOWN = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX kg: <https://kg.example.org/ontology#>
SELECT DISTINCT ?node WHERE {
  { ?node a sem:Event } UNION { ?node a kg:Document } UNION { ?node a sem:Actor } UNION { ?node a sem:Place }
} ORDER BY ?node"""


@pytest.fixture(scope="module")
def seed(seed_graph):
    """The projection of the seed graph."""
    return project(seed_graph)


def only(projection, **wanted) -> str:
    """Return the one node whose attributes have the wanted values."""
    found = [n for n, a in projection.nodes(data=True) if all(a.get(k) == v for k, v in wanted.items())]
    assert len(found) == 1, found
    return found[0]


def by_name(projection, name: str) -> str:
    """Return the node with a label."""
    return only(projection, name=name)


def edge_labels(projection, source: str, target: str) -> set[str]:
    """Return the labels of the edges from one node to another."""
    return {label for _, t, label in projection.out_edges(source, data="label") if t == target}


def test_nodes_are_exactly_the_events_documents_actors_and_places(seed, seed_graph):
    expected = {str(row[0]) for row in seed_graph.query(SHOWN)}
    assert set(seed) == expected
    assert {kind for _, kind in seed.nodes(data="kind")} == set(KIND_NAMES)
    # Topics, propositions, spans, rules and CAMEO concepts are details of nodes, not nodes.
    assert not [n for n in seed if "/topic/" in n or "/proposition/" in n or "#char=" in n or "/rule/" in n]


def test_edges_join_shown_nodes_with_short_spanish_labels(seed):
    assert seed.number_of_edges() > 0
    for source, target, label in seed.edges(data="label"):
        assert label in EDGE_LABELS
        assert source in seed and target in seed


def test_phone_call_carries_its_type_dates_cameo_and_sentences(seed):
    call = only(seed, type="Llamada telefónica")
    attrs = seed.nodes[call]
    assert attrs["kind"] == "event"
    assert attrs["cameo"] == "041" and attrs["cameo_name"] == "Conversar por teléfono"
    assert attrs["latest"] == "2021-12-31" and "begin" not in attrs
    assert attrs["when"] == "no después del 31 dic 2021"
    assert attrs["label"].startswith("Llamada telefónica\n")
    table = seed.graph["sentences"]
    sentences = [table[row][3] for row, _ in attrs["sources"]]
    body = next(s for s in sentences if "durante su llamada telefónica" in s)
    assert body.startswith("El presidente ruso, Vladimir Putin")
    anchored = {table[row][3][b:e] for row, anchors in attrs["sources"] for b, e in anchors}
    assert "llamada telefónica" in anchored
    assert "event.phone-call" in attrs["rules"]
    putin, biden = by_name(seed, "Vladimir Putin"), by_name(seed, "Joe Biden")
    assert edge_labels(seed, putin, call) == {"participa"} and edge_labels(seed, biden, call) == {"participa"}
    assert edge_labels(seed, call, by_name(seed, "Presidencia de Rusia (Kremlin)")) == {"atribuido a"}


def test_people_carry_wikidata_ids_titles_and_what_they_lead(seed):
    putin = seed.nodes[by_name(seed, "Vladimir Putin")]
    assert putin["kind"] == "person" and putin["wikidata"] == ["Q7747"] and putin["job"] == "presidente"
    assert edge_labels(seed, by_name(seed, "Vladimir Putin"), by_name(seed, "Rusia")) == {"dirige"}
    assert seed.nodes[by_name(seed, "Rusia")]["kind"] == "country"
    assert seed.nodes[by_name(seed, "Ginebra")]["kind"] == "place"


def test_scheduled_rounds_with_place_body_status_and_parent(seed):
    geneva = only(seed, type="Ronda de negociaciones", begin="2022-01-09")
    assert seed.nodes[geneva]["status"] == "programado"
    assert seed.nodes[geneva]["when"] == "9–10 ene 2022"
    assert edge_labels(seed, geneva, by_name(seed, "Ginebra")) == {"lugar"}
    osce = only(seed, type="Ronda de negociaciones", begin="2022-01-13")
    assert edge_labels(seed, osce, by_name(seed, "Organización para la Seguridad y la Cooperación en Europa (OSCE)")) \
        == {"marco"}
    assert "OSCE" in seed.nodes[osce]["label"]
    parents = {t for _, t, label in seed.out_edges(geneva, data="label") if label == "parte de"}
    assert len(parents) == 1
    parent = parents.pop()
    # The negotiation has no day of its own: it is placed at its first round.
    assert "begin" not in seed.nodes[parent] and seed.nodes[parent]["date"] == "2022-01-09"


def test_negated_promise_is_a_detail_of_the_statement_not_an_event_at_a_place(seed):
    promise = only(seed, type="Promesa")
    attrs = seed.nodes[promise]
    assert attrs["kind"] == "statement"
    assert attrs["text"] == "Washington no desplegará armas ofensivas en Ucrania"
    assert any(p.startswith("no despliegue") and "futuro" in p for p in attrs["propositions"])
    ukraine = by_name(seed, "Ucrania")
    assert edge_labels(seed, promise, ukraine) == {"menciona"}
    assert "lugar" not in {label for _, _, label in seed.in_edges(ukraine, data="label")}


def test_statements_name_their_speaker_and_topics(seed):
    warning = seed.nodes[only(seed, type="Advertencia")]
    assert warning["label"].split("\n")[:2] == ["Advertencia", "Vladimir Putin"]
    assert "grave error" in warning["quotations"]
    assessment = seed.nodes[only(seed, type="Valoración")]
    assert assessment["label"].split("\n")[1] == "Kremlin"


def test_kg_type_names_are_the_spanish_labels_of_the_ontology():
    ontology = Graph().parse(data=files("kg.ontology").joinpath("kg.ttl").read_text(encoding="utf-8"),
                             format="turtle")
    for cls, name in TYPE_NAMES.items():
        if str(cls).startswith(str(KG)):
            label = next(str(o) for o in ontology.objects(cls, RDFS.label) if o.language == "es")
            assert name == label[0].upper() + label[1:], cls


def test_anchors_are_sorted_and_merged_where_they_overlap_or_touch():
    assert _anchors([(9, 14), (0, 8), (3, 8), (14, 16), (20, 22)]) == [[0, 8], [9, 16], [20, 22]]


def test_each_source_sentence_is_kept_once_however_many_nodes_cite_it(seed, seed_graph):
    table = seed.graph["sentences"]
    assert len({(headline, begin, end) for headline, begin, end, _ in table}) == len(table)
    text = str(next(seed_graph.objects(None, NIF.isString)))
    citing: dict[int, int] = {}
    for _, sources in seed.nodes(data="sources"):
        for row, anchors in sources:
            citing[row] = citing.get(row, 0) + 1
            headline, begin, end, sentence = table[row]
            assert sentence == text[begin:end]
            assert all(0 <= b < e <= len(sentence) for b, e in anchors)
    assert sorted(citing) == list(range(len(table)))
    assert max(citing.values()) > 1


@pytest.mark.parametrize(("days", "expected"), [
    ((dt.date(2021, 12, 7), dt.date(2021, 12, 7), None, None), "7 dic 2021"),
    ((dt.date(2022, 1, 9), dt.date(2022, 1, 10), None, None), "9–10 ene 2022"),
    ((dt.date(2021, 12, 30), dt.date(2022, 1, 2), None, None), "30 dic 2021 – 2 ene 2022"),
    ((dt.date(2022, 2, 27), dt.date(2022, 3, 2), None, None), "27 feb – 2 mar 2022"),
    ((None, None, dt.date(2022, 2, 11), dt.date(2022, 2, 20)), "entre el 11 feb 2022 y el 20 feb 2022"),
    ((None, None, None, dt.date(2021, 12, 31)), "no después del 31 dic 2021"),
    ((None, None, dt.date(2022, 5, 1), None), "no antes del 1 may 2022"),
    ((None, None, None, None), ""),
])
def test_dates_are_written_the_short_spanish_way(days, expected):
    assert when_text(*days) == expected


def test_span_text_of_one_day():
    assert span_text(dt.date(2022, 1, 13), dt.date(2022, 1, 13)) == "13 ene 2022"


def test_projection_and_layout_are_the_same_on_every_run(seed_graph, seed):
    again = project(seed_graph)
    assert list(again.nodes(data=True)) == list(seed.nodes(data=True))
    assert list(again.edges(data=True)) == list(seed.edges(data=True))
    assert time_layout(again) == time_layout(seed)


def assert_time_order(projection, layout):
    """Events of earlier days stand left of events of later days."""
    timed = [(a["date"], layout.positions[n][0]) for n, a in projection.nodes(data=True) if a.get("date")]
    for day, x in timed:
        for other_day, other_x in timed:
            if day < other_day:
                assert x < other_x, (day, other_day)


def assert_no_crowding(projection, layout):
    """Nodes sharing a row stand at least NODE_GAP apart, except events stacked in their day."""
    rows: dict[int, list[int]] = {}
    for node, (x, y) in layout.positions.items():
        if projection.nodes[node]["kind"] not in ("event", "statement"):
            rows.setdefault(y, []).append(x)
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= NODE_GAP for a, b in zip(xs, xs[1:]))


def test_seed_layout_puts_days_left_to_right_and_bands_around_the_events(seed):
    layout = time_layout(seed)
    assert set(layout.positions) == set(seed)
    assert all(isinstance(v, int) for xy in layout.positions.values() for v in xy)
    assert_time_order(seed, layout)
    assert_no_crowding(seed, layout)
    ys = {kind: [layout.positions[n][1] for n, k in seed.nodes(data="kind") if k == kind] for kind in KIND_NAMES}
    assert max(ys["person"] + ys["country"] + ys["organization"]) < min(ys["event"])
    assert max(ys["event"]) < min(ys["statement"]) < max(ys["statement"]) < min(ys["document"] + ys["place"])
    assert [c["label"] for c in layout.columns] == ["7 dic 2021", "31 dic 2021", "9 ene 2022", "12 ene 2022",
                                                   "13 ene 2022"]
    publication = layout.marks[0]
    assert publication["label"] == "publicación 31 dic 2021 11:20"
    december, january = layout.columns[1], layout.columns[2]
    assert december["x"] + december["width"] < publication["x"] < january["x"]


def test_large_layout_keeps_time_order_and_room_between_nodes():
    projection = project(synthetic_graph(600))
    assert projection.number_of_nodes() == 600
    layout = time_layout(projection)
    assert set(layout.positions) == set(projection)
    assert_time_order(projection, layout)
    assert_no_crowding(projection, layout)


def test_an_event_without_any_day_goes_to_a_last_column(seed_graph):
    # Without its bound and without the article's publication date, the call has no day at all.
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    graph.remove((None, SEM.hasLatestEndTimeStamp, None))
    graph.remove((None, KG.hasContext, None))
    projection = project(graph)
    call = only(projection, type="Llamada telefónica")
    layout = time_layout(projection)
    assert "date" not in projection.nodes[call]
    assert layout.columns[-1]["label"] == "sin fecha"
    assert layout.positions[call][0] == layout.columns[-1]["x"]
    assert_time_order(projection, layout)


def first_fit(targets: list[tuple[float, str]], max_lanes: int) -> dict[str, tuple[int, int]]:
    """Pack nodes into lanes the plain way, scanning every lane for each node: the meaning _pack keeps."""
    lanes: list[float] = []
    placed = {}
    for target, node in sorted(targets):
        free = [lane for lane, right in enumerate(lanes) if target >= right + NODE_GAP]
        if free:
            lane = free[0]
        elif len(lanes) < max_lanes:
            lanes.append(float("-inf"))
            lane = len(lanes) - 1
        else:
            lane = min(range(len(lanes)), key=lambda i: (lanes[i], i))
        lanes[lane] = max(target, lanes[lane] + NODE_GAP)
        placed[node] = (round(lanes[lane]), lane)
    return placed


@given(st.lists(st.one_of(st.integers(0, 30).map(lambda step: step * 100.0), st.floats(0, 5000)), max_size=80),
       st.integers(1, 16))
def test_packing_in_lanes_is_first_fit(xs: list[float], max_lanes: int) -> None:
    targets = [(x, f"node{i:03d}") for i, x in enumerate(xs)]
    assert _pack(targets, max_lanes) == first_fit(targets, max_lanes)
