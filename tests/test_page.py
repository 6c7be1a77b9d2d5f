"""`kg page`: the page of a selection of the store, by actor, days and article, within a node budget."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg.page.selection
from kg.build import run_build
from kg.cli import app
from kg.errors import EXIT_FALSE, EXIT_INPUT, EXIT_OK, EXIT_USAGE
from kg.page.cache import PAGES_DIR
from kg.page.html import render_graph
from kg.rdf.mapping import KG, NIF, PROV, RDF, new_triples
from tests.test_html import browser, parse, visit  # noqa: F401  (fixtures of the browser tests)

runner = CliRunner()

# Three short wire stories of our own, a week or so apart.
ARTICLES = {
    "2024-03-04_llamada.txt": """\
Macron y Scholz conversan por teléfono sobre la ayuda a Ucrania

El presidente francés y el canciller alemán repasaron la agenda europea.

4 de marzo de 2024 18:30

PARÍS, 4 mar (EFE).- El presidente de Francia, Emmanuel Macron, habló este lunes por teléfono con el canciller \
de Alemania, Olaf Scholz, sobre la ayuda militar a Ucrania, según informó el Elíseo.
""",
    "2024-03-12_reunion.txt": """\
Sánchez recibe a Lula en Madrid

Los dos dirigentes firmaron acuerdos de cooperación.

12 de marzo de 2024 13:10

MADRID, 12 mar (EFE).- El presidente del Gobierno español, Pedro Sánchez, se reunió este martes en Madrid con el \
presidente de Brasil, Luiz Inácio Lula da Silva, para impulsar el acuerdo entre la Unión Europea y el Mercosur.
""",
    "2024-03-20_declaracion.txt": """\
Scholz pide unidad a los socios europeos

El canciller habló ante el Parlamento alemán.

20 de marzo de 2024 09:00

BERLÍN, 20 mar (EFE).- El canciller de Alemania, Olaf Scholz, afirmó este miércoles que Europa debe mantenerse \
unida frente a la guerra.
""",
}
CALL, MEETING, STATEMENT, DECISION = ("Llamada telefónica", "Reunión", "Afirmación", "Decisión")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The three articles, each in a file of its own."""
    directory = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    """The three articles built by `kg build`."""
    return run_build([corpus], tmp_path_factory.mktemp("out"))


def page(store: Path, out: Path, *options: str):
    """Run `kg page` on a store into a file; return the result."""
    return runner.invoke(app, ["page", "--store", str(store), "--out", str(out), *options])


def page_data(path: Path) -> dict:
    """Return what the script of a page reads: its nodes' details, headlines, sentences…"""
    return next(json.loads(body) for attrs, body in parse(path.read_bytes()).scripts if attrs.get("id") == "kg-data")


def page_nodes(path: Path) -> dict[str, dict]:
    """Return the details of every node of a page, by id."""
    return page_data(path)["nodes"]


def types(nodes: dict[str, dict]) -> list[str]:
    """Return the sorted types of the events and statements among nodes."""
    return sorted(n["type"] for n in nodes.values() if n["kind"] in ("event", "statement"))


def names(nodes: dict[str, dict]) -> set[str]:
    """Return the names of the people among nodes."""
    return {n["name"] for n in nodes.values() if n["kind"] == "person"}


def selection_notice(path: Path) -> str:
    """Return the markup of the page's notice of what it shows."""
    return path.read_text(encoding="utf-8").split('<p id="kg-selection">')[1].split("</p>")[0]


def test_default_page_of_a_small_store_is_the_page_of_the_build(built, tmp_path):
    result = page(built.store, tmp_path / "page.html")
    assert result.exit_code == EXIT_OK, result.stderr
    assert result.stderr == f"wrote {tmp_path / 'page.html'} (21 nodes, 18 edges)\n"
    assert (tmp_path / "page.html").read_bytes() == built.page.read_bytes()


@pytest.mark.parametrize("actor", ["scholz", "OLAF SCHÓLZ", "Olaf Scholz", "https://kg.example.org/id/entity/olaf-scholz",
                                   "id:entity/olaf-scholz"])
def test_actor_selects_what_they_take_part_in(built, tmp_path, actor):
    result = page(built.store, tmp_path / "page.html", "--actor", actor)
    assert result.exit_code == EXIT_OK, result.stderr
    nodes = page_nodes(tmp_path / "page.html")
    assert types(nodes) == [STATEMENT, CALL]
    assert names(nodes) == {"Olaf Scholz", "Emmanuel Macron"}
    assert "2 eventos y declaraciones, en 2 artículos." in selection_notice(tmp_path / "page.html")


def test_actor_by_wikidata_id(built, tmp_path):
    result = page(built.store, tmp_path / "page.html", "--actor", "Q3052772")
    assert result.exit_code == EXIT_OK, result.stderr
    assert types(page_nodes(tmp_path / "page.html")) == [CALL]


@pytest.mark.parametrize("days, expected", [
    # The meeting on the 12th, and the decisions bounded by it ("no después del 12 mar 2024").
    (("--from", "2024-03-05", "--to", "2024-03-19"), [DECISION, DECISION, MEETING]),
    (("--from", "2024-03-04", "--to", "2024-03-04"), [CALL]),
    (("--from", "2024-03-13"), [STATEMENT]),
    (("--to", "2024-03-12"), [DECISION, DECISION, CALL, MEETING]),
])
def test_days_select_the_events_within_them(built, tmp_path, days, expected):
    result = page(built.store, tmp_path / "page.html", *days)
    assert result.exit_code == EXIT_OK, result.stderr
    assert types(page_nodes(tmp_path / "page.html")) == expected


def test_filters_combine(built, tmp_path):
    result = page(built.store, tmp_path / "page.html", "--actor", "Scholz", "--from", "2024-03-15")
    assert result.exit_code == EXIT_OK, result.stderr
    assert types(page_nodes(tmp_path / "page.html")) == [STATEMENT]


def test_article_by_file_key_or_iri_is_the_page_of_its_build_alone(built, corpus, tmp_path):
    alone = run_build([corpus / "2024-03-12_reunion.txt"], tmp_path / "alone")
    iri = str(next(s for s, _ in alone.graph.subject_objects(KG.hasContext)))
    for name in (str(corpus / "2024-03-12_reunion.txt"), iri.rsplit("/", 1)[1], iri):
        result = page(built.store, tmp_path / "page.html", "--article", name)
        assert result.exit_code == EXIT_OK, result.stderr
        assert page_nodes(tmp_path / "page.html") == page_nodes(alone.page)


@pytest.mark.parametrize("options, code, message", [
    (["--actor", "Angela Merkel"], EXIT_INPUT,
     "[E443] no actor in the store {store} is named 'Angela Merkel' (give a label, a Wikidata id such as Q7747, "
     "or an entity IRI)"),
    (["--article", "0123456789abcdef"], EXIT_INPUT,
     "[E444] no article in the store {store} is '0123456789abcdef' (give its key, its IRI, or the file it was "
     "built from)"),
    (["--from", "2024-02-30"], EXIT_USAGE, "[E441] --from 2024-02-30: day is out of range for month"),
    (["--to", "20 de marzo"], EXIT_USAGE, "[E441] --to 20 de marzo: expected a date written YYYY-MM-DD"),
    (["--from", "2024-03-20", "--to", "2024-03-01"], EXIT_USAGE, "[E442] --from 2024-03-20 is after --to 2024-03-01"),
    (["--actor", "Macron", "--from", "2024-03-10"], EXIT_FALSE,
     "[E445] no event or statement in the store {store} matches --actor Macron --from 2024-03-10: no page written"),
])
def test_errors_are_one_line_and_write_no_page(built, tmp_path, options, code, message):
    result = page(built.store, tmp_path / "page.html", *options)
    assert (result.exit_code, result.stderr) == (code, "Error: " + message.format(store=built.store) + "\n")
    assert not (tmp_path / "page.html").exists()


def test_no_store(tmp_path):
    result = page(tmp_path / "store", tmp_path / "page.html")
    assert (result.exit_code, result.stderr) == (
        EXIT_INPUT, f"Error: [E425] no store at {tmp_path / 'store'}: run `kg build` first\n")


def test_a_store_over_the_budget_shows_its_most_recent_articles(built, corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(kg.page.selection, "NODE_BUDGET", 5)
    result = page(built.store, tmp_path / "page.html")
    assert result.exit_code == EXIT_OK, result.stderr
    nodes = page_nodes(tmp_path / "page.html")
    assert types(nodes) == [STATEMENT] and names(nodes) == {"Olaf Scholz"}
    assert selection_notice(tmp_path / "page.html") == (
        "Se muestra el artículo más reciente, publicado el 20 mar 2024, de los 3 del almacén: 5 nodos, los que caben "
        "en una página legible. Para ver otros: <code>kg page --from AAAA-MM-DD --to AAAA-MM-DD</code>, "
        "<code>kg page --actor NOMBRE</code> o <code>kg page --article CLAVE</code>.")
    # The build writes the same page, and a page of an actor keeps to the budget, the most recent first.
    rebuilt = run_build([corpus], tmp_path / "out")
    assert rebuilt.page.read_bytes() == (tmp_path / "page.html").read_bytes()
    result = page(built.store, tmp_path / "actor.html", "--actor", "Scholz")
    assert types(page_nodes(tmp_path / "actor.html")) == [STATEMENT]
    assert selection_notice(tmp_path / "actor.html") == (
        "Selección: <code>kg page --actor Scholz</code>: 2 eventos y declaraciones, en 2 artículos. Se muestra el más "
        "reciente, de 1 artículo (3 nodos, los que caben en una página legible); acote la selección con "
        "<code>--from</code> y <code>--to</code> para ver los demás.")


def test_a_build_of_one_article_over_the_budget_keeps_its_whole_page(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(kg.page.selection, "NODE_BUDGET", 5)
    built = run_build([corpus / "2024-03-12_reunion.txt"], tmp_path / "out")
    assert built.projection.number_of_nodes() > 5
    assert 'id="kg-selection"' not in built.page.read_text(encoding="utf-8")


def test_pages_are_deterministic(built, tmp_path):
    for name in ("a.html", "b.html"):
        assert page(built.store, tmp_path / name, "--actor", "Scholz").exit_code == EXIT_OK
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_an_event_several_articles_report_shows_them(built, visit, tmp_path):  # noqa: F811
    # One node with spans in two articles, as an event that both report is: the page counts the articles.
    graph = new_triples()
    for triple in built.graph:
        graph.add(triple)
    call = next(s for s, o in graph.subject_objects(RDF.type) if o == KG.PhoneCall)
    statement = next(s for s, o in graph.subject_objects(RDF.type) if o == KG.Assertion)
    graph.add((call, PROV.wasDerivedFrom, next(graph.objects(statement, PROV.wasDerivedFrom))))
    data, projection = render_graph(graph)
    assert projection.nodes[str(call)]["reports"] == [
        ["2024-03-04", "Macron y Scholz conversan por teléfono sobre la ayuda a Ucrania"],
        ["2024-03-20", "Scholz pide unidad a los socios europeos"]]
    assert projection.nodes[str(call)]["label"].endswith("\n2 fuentes")
    assert not any("reports" in attrs for node, attrs in projection.nodes(data=True) if node != str(call))
    path = tmp_path / "graph.html"
    path.write_bytes(data)
    opened = visit(path)
    opened.page.evaluate("(id) => kg.select(id, false)", str(call))
    text = opened.panel()["text"]
    assert "Lo cuentan 2 artículos2024-03-04 · Macron y Scholz conversan" in text
    assert "2024-03-20 · Scholz pide unidad a los socios europeos" in text
    assert opened.errors == []


def test_a_page_counts_the_articles_of_the_store_that_report_its_events(built, tmp_path):
    # The call, reported also by the last article (a span of it, in its graph), is counted from the store, though
    # the page of the first article reads nothing else of the last.
    store = tmp_path / "store"
    shutil.copytree(built.store, store)
    graph = built.graph
    call = next(s for s, o in graph.subject_objects(RDF.type) if o == KG.PhoneCall)
    statement = next(s for s, o in graph.subject_objects(RDF.type) if o == KG.Assertion)
    span = next(graph.objects(statement, PROV.wasDerivedFrom))
    last = next(a for a, ctx in graph.subject_objects(KG.hasContext) if ctx == graph.value(span, NIF.referenceContext))
    writable = ox.Store(str(store))
    writable.update(f"INSERT DATA {{ GRAPH <{last}> {{ <{call}> <{PROV.wasDerivedFrom}> <{span}> }} }}")
    del writable
    result = page(store, tmp_path / "page.html", "--article", article_key(graph, call))
    assert result.exit_code == EXIT_OK, result.stderr
    nodes = page_nodes(tmp_path / "page.html")
    assert nodes[str(call)]["reports"] == [
        ["2024-03-04", "Macron y Scholz conversan por teléfono sobre la ayuda a Ucrania"],
        ["2024-03-20", "Scholz pide unidad a los socios europeos"]]
    assert page_data(tmp_path / "page.html")["headlines"] == [
        "Macron y Scholz conversan por teléfono sobre la ayuda a Ucrania"]


def article_key(graph, node) -> str:
    """Return the key of the article a node comes from."""
    span = next(graph.objects(node, PROV.wasDerivedFrom))
    article = next(a for a, ctx in graph.subject_objects(KG.hasContext) if ctx == graph.value(span, NIF.referenceContext))
    return str(article).rsplit("/", 1)[1]


def test_default_page_over_the_budget_opens_with_its_notice(built, visit, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setattr(kg.page.selection, "NODE_BUDGET", 12)
    assert page(built.store, tmp_path / "page.html").exit_code == EXIT_OK
    opened = visit(tmp_path / "page.html")
    notice = opened.page.text_content("#kg-selection")
    assert notice.startswith("Se muestra el artículo más reciente") and "kg page --from AAAA-MM-DD --to AAAA-MM-DD" in notice
    assert opened.page.evaluate("() => kg.nodes.length") == len(page_nodes(tmp_path / "page.html"))
    assert opened.errors == [] and opened.blocked == []


def test_a_build_keeps_what_its_page_read_of_each_article_beside_the_store(corpus, tmp_path):
    built = run_build([corpus], tmp_path / "out", whole_graph=1)
    pages = built.store / PAGES_DIR
    assert len(list(pages.glob("*.json"))) == 3
    assert page(built.store, tmp_path / "cached.html").exit_code == EXIT_OK
    # A damaged file is read from the store again; with no files at all, the page is the same, and kg page,
    # a reader, writes none.
    damaged = sorted(pages.glob("*.json"))[0]
    damaged.write_text('{"terms": [["', encoding="utf-8")
    assert page(built.store, tmp_path / "damaged.html").exit_code == EXIT_OK
    shutil.rmtree(pages)
    assert page(built.store, tmp_path / "uncached.html").exit_code == EXIT_OK
    assert not pages.exists()
    cached = (tmp_path / "cached.html").read_bytes()
    assert cached == (tmp_path / "damaged.html").read_bytes() == (tmp_path / "uncached.html").read_bytes()
    assert cached == built.page.read_bytes()
    # The next build writes them again; an article no longer among the inputs loses its file.
    run_build([corpus], tmp_path / "out", whole_graph=1)
    names = sorted(path.name for path in pages.iterdir())
    assert len(names) == 3
    kept = [corpus / name for name in sorted(ARTICLES)[:2]]
    rebuilt = run_build(kept, tmp_path / "out", whole_graph=1)
    assert rebuilt.dropped == 1
    assert set(path.name for path in pages.iterdir()) < set(names) and len(list(pages.iterdir())) == 2
