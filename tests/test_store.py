"""The store a build writes: its graphs, incremental builds, builds killed midway, and the readers (query, export)."""

from __future__ import annotations

import csv
import io
import itertools
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS
from typer.testing import CliRunner

import kg.extract.rules
from kg.build import run_build
from kg.cli import app
from kg.errors import EXIT_FALSE, EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_REFUSED, EXIT_USAGE, KgError
from kg.extract.rules import load_rules, rules_fingerprint
from kg.extract.text import Article, collect_paths, load_article
from kg.jobs import read_batch
from kg.rdf.vocab import NAMESPACES
from kg.store import BRINGS, RECORD_GRAPH, SHARED_GRAPH, SOURCE_HASH
from kg.store.bulk import load_batches
from kg.store.incremental import LEGACY_SHARED, BuildStore, settled_states, units_of
from tests.conftest import ROOT

runner = CliRunner()

HEAD = "Titular de la noticia\n\nEntradilla de la noticia.\n\n10 Marzo de 2022 10.00\n\n"
ARTICLES = {
    "llamada.txt": "El presidente ruso, Vladimir Putin, habló por teléfono con Joe Biden sobre la seguridad europea.\n",
    "cumbre.txt": "El canciller ruso, Serguéi Lavrov, se reunió en Ginebra con el secretario de Estado, Antony "
                  "Blinken.\n",
    "visita.txt": "El presidente francés, Emmanuel Macron, visitó Moscú, donde se reunió con Vladimir Putin.\n",
}
LATER = "El mandatario ruso, Vladimir Putin, conversó por teléfono con el primer ministro indio, Narendra Modi.\n"


def invoke(*args: str):
    """Run the CLI in process; stderr is captured apart from stdout."""
    return runner.invoke(app, list(args))


def write_articles(directory: Path, articles: dict[str, str]) -> Path:
    """Write articles (name: body) into a fresh directory under the wire-service head."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for name, body in articles.items():
        (directory / name).write_text(HEAD + body, encoding="utf-8")
    return directory


def build(inputs: Path, out: Path, *options: str) -> str:
    """Build into out and return the line that tells what the store read, kept and dropped."""
    result = invoke("build", str(inputs), "--out", str(out), *options)
    assert result.exit_code == EXIT_OK, result.stderr
    return next(line for line in result.stderr.splitlines() if line.startswith(f"wrote {out / 'store'}"))


def export(store: Path, output_format: str) -> bytes:
    """Export a store in a format and return the bytes."""
    result = runner.invoke(app, ["export", "--store", str(store), "-f", output_format])
    assert result.exit_code == EXIT_OK, result.stderr
    return result.stdout_bytes


def quads(data: bytes, data_format: str) -> set[tuple]:
    """Return the quads of an export as rdflib reads them."""
    dataset = Dataset()
    dataset.parse(data=data, format=data_format)
    return set(dataset.quads())


def outputs(out: Path) -> tuple[bytes, bytes, bytes]:
    """Return what a build leaves: graph.ttl, graph.html and the store as N-Quads (kg export)."""
    return (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes(), export(out / "store", "nquads")


def record(store: Path) -> dict[str, dict[str, list]]:
    """Return the record graph of a store: each article's fields, each with its values, by IRI."""
    fields: dict[str, dict[str, list]] = {}
    opened = ox.Store.read_only(str(store))
    for quad in opened.quads_for_pattern(None, None, None, ox.NamedNode(RECORD_GRAPH)):
        fields.setdefault(quad.subject.value, {}).setdefault(quad.predicate.value, []).append(quad.object)
    return fields


def test_one_graph_per_article_and_one_of_shared_triples(tmp_path: Path) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    assert build(inputs, tmp_path / "out").endswith("(3 articles read, 0 kept, 0 dropped)")
    dataset = Dataset()
    dataset.parse(data=export(tmp_path / "out" / "store", "trig"), format="trig")
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    articles = {str(a) for a in graph.subjects(predicate=None, object=None)
                if str(a).startswith("https://kg.example.org/id/article/") and "#" not in str(a)}
    assert len(articles) == 3 and names == articles | {SHARED_GRAPH}
    # Every triple of graph.ttl lies in exactly one graph of the store.
    assert sum(len(dataset.graph(name)) for name in names) == len(graph)
    assert {t for name in names for t in dataset.graph(name)} == set(graph)
    # A person that two articles name is described once, in the shared graph.
    putin = URIRef("https://kg.example.org/id/entity/vladimir-putin")
    holders = [name for name in names if (putin, RDFS.label, None) in dataset.graph(name)]
    assert holders == [SHARED_GRAPH]


def test_export_turtle_is_graph_ttl_and_formats_are_deterministic(tmp_path: Path) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    build(inputs, tmp_path / "out")
    store = tmp_path / "out" / "store"
    assert export(store, "turtle") == (tmp_path / "out" / "graph.ttl").read_bytes()
    nquads = export(store, "nquads")
    # A graph at a time, in the order of their names, each graph's lines sorted.
    graphs = [(name, [line for line, _ in lines]) for name, lines in itertools.groupby(
        ((line, line.rsplit(b" ", 2)[1]) for line in nquads.splitlines()), key=lambda pair: pair[1])]
    assert [name for name, _ in graphs] == sorted({name for name, _ in graphs})
    assert all(lines == sorted(lines) for _, lines in graphs)
    # Both formats hold the same quads, the offsets typed as the contract types them.
    assert quads(nquads, "nquads") == quads(export(store, "trig"), "trig")
    assert b"#nonNegativeInteger>" in nquads and b"#integer>" not in nquads
    assert RECORD_GRAPH.encode() not in nquads and SOURCE_HASH.encode() not in nquads
    for output_format in ("trig", "nquads", "turtle"):
        assert export(store, output_format) == export(store, output_format)
    # The format follows the suffix of --out when none is given.
    result = invoke("export", "--store", str(store), "--out", str(tmp_path / "graph.nq"))
    assert result.exit_code == EXIT_OK, result.stderr
    assert (tmp_path / "graph.nq").read_bytes() == nquads


def test_an_incremental_build_equals_a_full_one(tmp_path: Path) -> None:
    build(write_articles(tmp_path / "in", ARTICLES), tmp_path / "out")
    # One article is rewritten, one is gone, one is new.
    inputs = write_articles(tmp_path / "in", {"llamada.txt": ARTICLES["llamada.txt"].replace("europea", "del mundo"),
                                              "visita.txt": ARTICLES["visita.txt"], "otra.txt": LATER})
    assert build(inputs, tmp_path / "out").endswith("(2 articles read, 1 kept, 2 dropped)")
    assert build(inputs, tmp_path / "full", "--rebuild").endswith("(3 articles read, 0 kept, 0 dropped)")
    assert outputs(tmp_path / "out") == outputs(tmp_path / "full")
    # The shared triples only the dropped article brought are gone with it.
    assert b"antony-blinken" not in export(tmp_path / "out" / "store", "nquads")
    assert build(inputs, tmp_path / "out").endswith("(0 articles read, 3 kept, 0 dropped)")
    assert outputs(tmp_path / "out") == outputs(tmp_path / "full")


def test_rebuild_reads_every_article_and_gives_the_same_store(tmp_path: Path) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    build(inputs, tmp_path / "out")
    before = outputs(tmp_path / "out")
    assert build(inputs, tmp_path / "out", "--rebuild").endswith("(3 articles read, 0 kept, 0 dropped)")
    assert outputs(tmp_path / "out") == before


def files_read(monkeypatch) -> list[str]:
    """Return the list to which each file a build reads adds its name, from now on."""
    loaded: list[str] = []

    def load(path: Path) -> Article:
        loaded.append(path.name)
        return load_article(path)

    monkeypatch.setattr("kg.store.incremental.load_article", load)
    return loaded


def test_files_that_settle_during_a_build_are_not_read_by_the_next(tmp_path: Path, monkeypatch) -> None:
    import types

    import kg.store.incremental

    inputs = write_articles(tmp_path / "in", ARTICLES)
    # A clock ten seconds on at each look: the files, written a moment ago, have not settled when the build lists
    # them, and have when it ends.
    looks = itertools.count()
    clock = types.SimpleNamespace(time_ns=lambda: time.time_ns() + next(looks) * 10_000_000_000)
    monkeypatch.setattr(kg.store.incremental, "time", clock)
    loaded = files_read(monkeypatch)
    assert build(inputs, tmp_path / "out").endswith("(3 articles read, 0 kept, 0 dropped)")
    # Listed, then read again at the end to prove the states true.
    assert sorted(loaded) == sorted(2 * list(ARTICLES))
    loaded.clear()
    assert build(inputs, tmp_path / "out").endswith("(0 articles read, 3 kept, 0 dropped)")
    assert loaded == []
    # A file is vouched for by its state only while it holds the text the build read.
    changed = inputs / "cumbre.txt"
    unit = units_of([changed], None)[0]._replace(states=())
    assert settled_states([unit])[unit.iri].states == units_of([changed], None)[0].states
    changed.write_text(ARTICLES["cumbre.txt"].replace("Ginebra", "Caracas"), encoding="utf-8")
    assert settled_states([unit]) == {}


def test_changed_rules_read_every_article_again(tmp_path: Path) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "kg" / "rules", rules)
    build(inputs, tmp_path / "out", "--rules", str(rules))
    assert build(inputs, tmp_path / "out", "--rules", str(rules)).endswith("(0 articles read, 3 kept, 0 dropped)")
    with (rules / "events.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n# a comment changes the rule set's hash\n")
    assert build(inputs, tmp_path / "out", "--rules", str(rules)).endswith("(3 articles read, 0 kept, 0 dropped)")


def test_files_the_record_knows_unchanged_are_not_read_again(tmp_path: Path, monkeypatch) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    loaded = files_read(monkeypatch)
    # Files written a moment ago may still change unseen by their size and times: each build reads them.
    build(inputs, tmp_path / "out")
    assert build(inputs, tmp_path / "out").endswith("(0 articles read, 3 kept, 0 dropped)")
    assert len(loaded) == 6
    # Once they have settled, the record keeps their states, and a build that finds them so reads none of them.
    monkeypatch.setattr("kg.store.incremental.SETTLED_NS", 0)
    loaded.clear()
    build(inputs, tmp_path / "out")
    assert build(inputs, tmp_path / "out").endswith("(0 articles read, 3 kept, 0 dropped)")
    assert len(loaded) == 3
    # A file of the same size, changed, is read again; so is one touched, which is kept when its text is the same.
    changed = inputs / "cumbre.txt"
    changed.write_text(HEAD + ARTICLES["cumbre.txt"].replace("Ginebra", "Caracas"), encoding="utf-8")
    os.utime(inputs / "visita.txt")
    loaded.clear()
    assert build(inputs, tmp_path / "out").endswith("(1 articles read, 2 kept, 1 dropped)")
    assert sorted(loaded) == ["cumbre.txt", "visita.txt"]
    loaded.clear()
    assert build(inputs, tmp_path / "out").endswith("(0 articles read, 3 kept, 0 dropped)")
    assert loaded == []
    build(inputs, tmp_path / "full", "--rebuild")
    assert outputs(tmp_path / "out") == outputs(tmp_path / "full")


def test_a_store_of_the_earlier_layout_is_filled_again(tmp_path: Path) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    build(inputs, tmp_path / "full")
    build(inputs, tmp_path / "out")
    # The earlier record named the shared triples of an article by digests, and its graph may hold what no article
    # brings any more.
    opened = ox.Store(str(tmp_path / "out" / "store"))
    article = next(iter(record(tmp_path / "out" / "store")))
    opened.update(f'INSERT DATA {{ GRAPH <{RECORD_GRAPH}> {{ <{article}> <{LEGACY_SHARED}> "0123456789abcdef" }} '
                  f'GRAPH <{SHARED_GRAPH}> {{ <https://kg.example.org/id/entity/x> a <https://schema.org/Person> }} }}')
    del opened
    assert build(inputs, tmp_path / "out").endswith("(3 articles read, 0 kept, 0 dropped)")
    assert outputs(tmp_path / "out") == outputs(tmp_path / "full")


def test_the_publication_date_given_is_part_of_an_articles_source(tmp_path: Path) -> None:
    inputs = write_articles(tmp_path / "in", {"sin-fecha.txt": "Titular\n\n" + ARTICLES["llamada.txt"]})
    build(inputs, tmp_path / "out")
    assert build(inputs, tmp_path / "out", "--published", "2022-03-10").endswith("(1 articles read, 0 kept, "
                                                                                  "0 dropped)")
    assert b"2022-03-10" in (tmp_path / "out" / "graph.ttl").read_bytes()


def test_the_record_holds_each_articles_hashes_and_shared_triples(tmp_path: Path) -> None:
    build(write_articles(tmp_path / "in", ARTICLES), tmp_path / "out")
    fields = record(tmp_path / "out" / "store")
    assert len(fields) == 3
    opened = ox.Store.read_only(str(tmp_path / "out" / "store"))
    shared = {ox.Triple(q.subject, q.predicate, q.object)
              for q in opened.quads_for_pattern(None, None, None, ox.NamedNode(SHARED_GRAPH))}
    for entry in fields.values():
        assert [len(value.value) for value in entry[SOURCE_HASH]] == [64]
        # Every shared triple an article brings is named in its record, as a triple term.
        assert entry[BRINGS] and set(entry[BRINGS]) <= shared
    assert shared == {triple for entry in fields.values() for triple in entry[BRINGS]}


KILL_ARTICLES = 8


def test_a_killed_build_leaves_a_store_that_opens_and_answers(tmp_path: Path) -> None:
    bodies = [ARTICLES["llamada.txt"], ARTICLES["cumbre.txt"], ARTICLES["visita.txt"], LATER]
    inputs = write_articles(tmp_path / "in", {f"a{i}.txt": bodies[i % 4].replace(".\n", f" el día {i + 1}.\n")
                                              for i in range(KILL_ARTICLES)})
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "kg", "build", str(inputs), "--out", str(out)]
    # A first build killed while it creates the store or writes its first articles: the next one finishes it.
    first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    first.send_signal(signal.SIGKILL)
    first.wait()
    finished = subprocess.run(command, env=env, capture_output=True)
    assert finished.returncode == EXIT_OK, finished.stderr
    full = outputs(out)
    # Each kill comes later into a build that reads every article again.
    for delay in (0.3, 0.8, 1.3, 1.8, 2.5):
        process = subprocess.Popen(command + ["--rebuild"], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        query = subprocess.run([sys.executable, "-m", "kg", "query", "--store", str(out / "store"), "-q",
                                "ASK { ?a a schema:NewsArticle }"], env=env, capture_output=True)
        assert query.returncode == EXIT_OK, query.stderr
        # Each article is whole: its graph has a record, and every shared triple it names is there.
        fields = record(out / "store")
        opened = ox.Store.read_only(str(out / "store"))
        graphs = {g.value for g in opened.named_graphs()} - {RECORD_GRAPH, SHARED_GRAPH}
        assert graphs == set(fields) and len(graphs) == KILL_ARTICLES
        del opened
    assert subprocess.run(command, env=env, capture_output=True).returncode == EXIT_OK
    assert outputs(out) == full


def test_query_answers_from_the_store_as_from_graph_ttl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    build(write_articles(tmp_path / "in", ARTICLES), Path("out"))
    for question in ("phone-call", "actor-events", "provenance"):
        from_store = invoke("query", question, "-f", "csv")
        from_file = invoke("query", question, "-f", "csv", "--graph", "out/graph.ttl")
        assert from_store.exit_code == from_file.exit_code == EXIT_OK, from_store.stderr
        assert from_store.stdout == from_file.stdout and len(from_store.stdout.splitlines()) > 1
    # The named graphs stay apart for GRAPH; ASK keeps its exit codes.
    per_article = invoke("query", "-f", "csv", "-q", "SELECT ?g (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event . "
                         "GRAPH ?g { ?e prov:wasDerivedFrom ?s } } GROUP BY ?g")
    assert len(per_article.stdout.splitlines()) == 4
    assert invoke("query", "-q", "ASK { ?e a kg:Treaty }").exit_code == EXIT_FALSE
    os.remove("out/graph.ttl")
    assert invoke("query", "phone-call", "--store", "out/store").exit_code == EXIT_OK


def test_from_reads_its_graph_beside_the_store_when_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    build(write_articles(tmp_path / "in", {"llamada.txt": ARTICLES["llamada.txt"]}), Path("out"))
    (tmp_path / "extra.ttl").write_text('<https://example.org/a> <https://example.org/b> "de fuera" .\n')
    text = f"SELECT ?o FROM <{(tmp_path / 'extra.ttl').as_uri()}> WHERE {{ ?s ?p ?o }}"
    result = invoke("query", "-f", "csv", "--allow-remote", "-q", text)
    assert result.exit_code == EXIT_OK, result.stderr
    assert result.stdout.splitlines() == ["o", "de fuera"]
    assert invoke("query", "-q", text).exit_code == EXIT_REFUSED


@pytest.mark.parametrize("args,exit_code,message", [
    (["query", "phone-call", "--store", "missing"], EXIT_INPUT, "[E425] no store at missing: run `kg build` first"),
    (["query", "phone-call", "--store", "out/store", "--graph", "out/graph.ttl"], EXIT_USAGE,
     "[E427] give --graph or --store, not both"),
    (["export", "--store", "missing"], EXIT_INPUT, "[E425] no store at missing: run `kg build` first"),
    (["export", "--store", "out/store", "-f", "csv"], EXIT_USAGE,
     "[E406] --format csv does not apply to kg export results (use trig, nquads, turtle)"),
    (["export", "--store", "out/store", "--out", "blocker/graph.trig"], EXIT_OUTPUT,
     "[E201] cannot write to blocker: Not a directory"),
])
def test_reader_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], exit_code: int,
                       message: str) -> None:
    monkeypatch.chdir(tmp_path)
    build(write_articles(tmp_path / "in", {"llamada.txt": ARTICLES["llamada.txt"]}), Path("out"))
    (tmp_path / "blocker").write_bytes(b"x")
    result = invoke(*args)
    assert result.exit_code == exit_code
    assert result.stderr == f"Error: {message}\n" and result.stdout == ""


def test_a_damaged_store_is_one_line_for_builds_and_readers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    inputs = write_articles(tmp_path / "in", {"llamada.txt": ARTICLES["llamada.txt"]})
    (tmp_path / "out" / "store").mkdir(parents=True)
    (tmp_path / "out" / "store" / "CURRENT").write_text("MANIFEST-999999\n")
    result = invoke("build", str(inputs), "--out", "out")
    assert result.exit_code == EXIT_OUTPUT
    assert result.stderr.startswith("Error: [E203] cannot write the store out/store: ") and result.stderr.count("\n") == 1
    result = invoke("query", "phone-call", "--store", "out/store")
    assert result.exit_code == EXIT_INPUT
    assert result.stderr.startswith("Error: [E426] cannot read the store out/store: ") and result.stderr.count("\n") == 1


# One meeting that three outlets report on its day in words of their own, another meeting of the same two people
# ten days later, an article that tells of a meeting of theirs without its day, and one that announces a meeting
# within the second half of the month.
STORY = {
    "agencia.txt": "Sánchez y Macron se reúnen en París para hablar de energía\n\n14 de marzo de 2023 18:30\n\n"
                   "PARÍS, 14 mar (EFE).- El presidente del Gobierno español, Pedro Sánchez, se reunió este martes "
                   "en el Elíseo con el presidente francés, Emmanuel Macron, para abordar el precio de la "
                   "electricidad.\n",
    "diario.txt": "Encuentro en el Elíseo\n\nPublicado: miércoles, 15 marzo 2023 08:10\n\nPor Redacción "
                  "Internacional\n\nPedro Sánchez y Emmanuel Macron mantuvieron el martes 14 de marzo un encuentro "
                  "de dos horas en la capital francesa, donde hablaron de las interconexiones eléctricas.\n",
    "europa.txt": "Sánchez y Macron conversan en París sobre las interconexiones\n\n14/03/2023 21:40\n\n"
                  "MADRID, 14 Mar. (EUROPA PRESS) -\n\nEl presidente del Gobierno, Pedro Sánchez, y el presidente "
                  "de Francia, Emmanuel Macron, conversaron este martes en París sobre el mercado de la energía.\n",
    "radio.txt": "Nuevo encuentro entre Sánchez y Macron\n\nPublicado: viernes, 24 marzo 2023 20:00\n\nEl jefe del "
                 "Ejecutivo español, Pedro Sánchez, y el mandatario francés, Emmanuel Macron, volvieron a reunirse "
                 "este viernes en Bruselas, al margen del Consejo Europeo.\n",
    "fuentes.txt": "Sánchez y Macron buscan una salida a la crisis eléctrica\n\nPublicado: jueves, 16 marzo 2023 "
                   "07:00\n\nPedro Sánchez y Emmanuel Macron se reunieron en París, según fuentes diplomáticas.\n",
    "agenda.txt": "Sánchez y Macron volverán a verse este mes\n\nPublicado: lunes, 13 marzo 2023 12:00\n\nEl "
                  "presidente del Gobierno, Pedro Sánchez, y el presidente francés, Emmanuel Macron, celebrarán una "
                  "reunión en la segunda quincena de marzo.\n",
}
HEADLINES = {name: text.split("\n", 1)[0] for name, text in STORY.items()}
MEETING = URIRef("https://kg.example.org/id/event/2023-03-14/meeting/emmanuel-macron+pedro-sanchez")
KG_MEETING = URIRef(NAMESPACES["kg"] + "Meeting")
NEXT_MEETING = URIRef("https://kg.example.org/id/event/2023-03-24/meeting/emmanuel-macron+pedro-sanchez")
REPORTERS = """SELECT DISTINCT ?headline WHERE {
  ?node prov:wasDerivedFrom/nif:referenceContext ?context .
  ?article kg:hasContext ?context ; schema:headline ?headline }"""
FACT_REPORTERS = """SELECT DISTINCT ?headline WHERE {
  ?fact rdf:subject ?node ; rdf:predicate sem:hasActor ; rdf:object <https://kg.example.org/id/entity/emmanuel-macron> ;
        prov:wasDerivedFrom/nif:referenceContext ?context .
  ?article kg:hasContext ?context ; schema:headline ?headline }"""


def write_story(directory: Path, names: list[str]) -> Path:
    """Write some articles of the story, as they are, into a fresh directory."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for name in names:
        (directory / name).write_text(STORY[name], encoding="utf-8")
    return directory


def reporters(graph: Graph, node: URIRef, query: str = REPORTERS) -> set[str]:
    """Return the names of the articles a node (or the fact that Macron took part in it) is derived from."""
    prefixes = {prefix: NAMESPACES[prefix] for prefix in ("prov", "nif", "kg", "schema", "rdf", "sem", "id")}
    headlines = {str(row[0]) for row in graph.query(query, initBindings={"node": node}, initNs=prefixes)}
    return {name for name, headline in HEADLINES.items() if headline in headlines}


def test_an_event_several_articles_report_is_one_node_with_the_provenance_of_each(tmp_path: Path) -> None:
    out, everyone = tmp_path / "out", sorted(STORY)
    build(write_story(tmp_path / "in", everyone), out)
    graph = Graph().parse(out / "graph.ttl")
    meetings = set(graph.subjects(RDF.type, KG_MEETING))
    # The day's meeting is one node, the later one another, and those without a day stay their article's.
    assert len(meetings) == 4 and {MEETING, NEXT_MEETING} <= meetings
    undated, announced = sorted(meetings - {MEETING, NEXT_MEETING}, key=lambda node: reporters(graph, node) != {
        "fuentes.txt"})
    assert reporters(graph, MEETING) == reporters(graph, MEETING, FACT_REPORTERS) == {"agencia.txt", "diario.txt",
                                                                                      "europa.txt"}
    assert reporters(graph, NEXT_MEETING) == {"radio.txt"} and reporters(graph, undated) == {"fuentes.txt"}
    assert reporters(graph, announced) == {"agenda.txt"}
    assert [str(label) for label in graph.objects(MEETING, RDFS.label)] == [
        "Reunión entre Emmanuel Macron y Pedro Sánchez, 2023-03-14"]
    for violation in sorted((ROOT / "tests" / "sparql").glob("*-violation.rq")):
        assert list(graph.query(violation.read_text(encoding="utf-8"))) == [], violation.name
    # The questions count the sources, pair each meeting without a day with those whose days may overlap its
    # bounds, and answer from the store as from graph.ttl.
    rows = list(csv.DictReader(io.StringIO(invoke("query", "sources", "--store", str(out / "store"), "-f",
                                                  "csv").stdout)))
    assert [(row["event"], row["sources"]) for row in rows[:3]] == [(str(MEETING), "3")] * 3
    pairs = [frozenset((row["event"], row["other"])) for row in csv.DictReader(io.StringIO(invoke(
        "query", "same-event", "--graph", str(out / "graph.ttl"), "-f", "csv").stdout))]
    assert len(pairs) == 3 and set(pairs) == {frozenset(map(str, pair)) for pair in (
        (undated, MEETING), (announced, undated), (announced, NEXT_MEETING))}
    for question in ("sources", "same-event", "timeline", "actor-events", "provenance", "scheduled"):
        from_store = invoke("query", question, "--store", str(out / "store"), "-f", "csv")
        assert from_store.stdout == invoke("query", question, "--graph", str(out / "graph.ttl"), "-f", "csv").stdout
    # An article dropped from the inputs takes its own account of the meeting only.
    rest = [name for name in everyone if name != "diario.txt"]
    assert build(write_story(tmp_path / "in", rest), out).endswith("(0 articles read, 5 kept, 1 dropped)")
    graph = Graph().parse(out / "graph.ttl")
    assert reporters(graph, MEETING) == reporters(graph, MEETING, FACT_REPORTERS) == {"agencia.txt", "europa.txt"}
    build(tmp_path / "in", tmp_path / "full")
    assert outputs(out) == outputs(tmp_path / "full")
    # Once no article reports it, it is gone.
    build(write_story(tmp_path / "in", ["radio.txt"]), out)
    assert MEETING.encode() not in export(out / "store", "nquads")


DECISIONS = {
    "firma.txt": "Acuerdo pesquero en Lima\n\nPublicado: martes, 9 mayo 2023 18:00\n\nEl canciller chileno, Alberto "
                 "van Klaveren, y la canciller peruana, Ana Cecilia Gervasi, firmaron este martes en Lima un acuerdo "
                 "de cooperación pesquera.\n",
    "pacto.txt": "Pesca en la frontera marítima\n\nPublicado: miércoles, 10 mayo 2023 07:30\n\nAlberto van Klaveren "
                 "y Ana Cecilia Gervasi suscribieron el martes 9 de mayo un acuerdo sobre la pesca en la frontera "
                 "marítima.\n",
    "dialogo.txt": "Negociaciones sobre la frontera terrestre\n\nPublicado: martes, 9 mayo 2023 21:00\n\nLos "
                   "cancilleres Alberto van Klaveren y Ana Cecilia Gervasi se reunieron este martes en Lima. En la "
                   "reunión, los dos cancilleres tomaron la decisión de iniciar negociaciones sobre la frontera "
                   "terrestre.\n",
}


def test_decisions_of_two_kinds_on_one_day_stay_two_events_across_articles(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, text in DECISIONS.items():
        (inputs / name).write_text(text, encoding="utf-8")
    build(inputs, tmp_path / "out")
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    event, sem = "https://kg.example.org/id/event/2023-05-09/", "http://semanticweb.cs.vu.nl/2009/11/sem/"
    parties = "/alberto-van-klaveren+ana-cecilia-gervasi"
    agreement, decision = URIRef(event + "decision-agreement" + parties), URIRef(event + "decision" + parties)
    headlines = {text.split("\n", 1)[0]: name for name, text in DECISIONS.items()}
    prefixes = {prefix: NAMESPACES[prefix] for prefix in ("prov", "nif", "kg", "schema")}

    def told(node: URIRef) -> tuple[set[str], set[str], set[str]]:
        """Return the articles that report a node, its event types and its labels."""
        rows = graph.query(REPORTERS, initBindings={"node": node}, initNs=prefixes)
        types = {str(t) for t in graph.objects(node, URIRef(sem + "eventType"))}
        return {headlines[str(row[0])] for row in rows}, types, {str(label) for label in graph.objects(node, RDFS.label)}

    # The agreement two articles report in other words is one node; the decision to negotiate, the same parties' on
    # the same day, is another, of its own CAMEO type.
    assert told(agreement) == ({"firma.txt", "pacto.txt"}, {"https://kg.example.org/id/cameo/057"},
                               {"Acuerdo entre Alberto van Klaveren y Ana Cecilia Gervasi, 2023-05-09"})
    assert told(decision) == ({"dialogo.txt"}, {"https://kg.example.org/id/cameo/036"},
                              {"Decisión entre Alberto van Klaveren y Ana Cecilia Gervasi, 2023-05-09"})


def test_above_the_whole_graph_limit_the_store_alone_holds_the_corpus(tmp_path: Path, monkeypatch) -> None:
    inputs, out = write_articles(tmp_path / "in", ARTICLES), tmp_path / "out"
    small = run_build([inputs], out, whole_graph=3)
    assert small.turtle == out / "graph.ttl" and len(small.graph) > 0
    whole_export = export(out / "store", "nquads")
    (inputs / "otra.txt").write_text(HEAD + LATER, encoding="utf-8")

    def read_back(self, iri, graph):
        raise AssertionError("a kept article was read back")

    monkeypatch.setattr(BuildStore, "read", read_back)
    large = run_build([inputs], out, whole_graph=3)
    assert (large.turtle, len(large.graph), large.read, large.kept) == (None, 0, 1, 3)
    # The Turtle of the smaller corpus is gone; the store has the four articles, and the page is read from it.
    assert not (out / "graph.ttl").exists()
    assert len(record(out / "store")) == 4
    assert set(whole_export.splitlines()) < set(export(out / "store", "nquads").splitlines())
    assert "Narendra Modi" in (out / "graph.html").read_text(encoding="utf-8")
    with pytest.raises(KgError) as refused:
        run_build([inputs], out, whole_graph=3, need_graph=True)
    assert refused.value.message == ("[E212] --validate checks the graph of all the articles in memory, which a build "
                                     "holds for at most 3 of them, not 4: validate the export of a selection instead")


def test_a_build_that_writes_many_quads_compacts_the_store(tmp_path: Path, monkeypatch) -> None:
    compacted: list[int] = []

    class Watched:
        """A store that tells when its tables are compacted."""

        def __init__(self, store: ox.Store, build: BuildStore) -> None:
            self.store, self.build = store, build

        def __getattr__(self, name: str):
            return getattr(self.store, name)

        def optimize(self) -> None:
            compacted.append(self.build.written)
            self.store.optimize()

    opening = BuildStore.__init__

    def watched(self, directory: Path) -> None:
        opening(self, directory)
        self.store = Watched(self.store, self)

    monkeypatch.setattr(BuildStore, "__init__", watched)
    monkeypatch.setattr("kg.store.incremental.COMPACT_QUADS", 500)
    inputs = write_articles(tmp_path / "in", ARTICLES)
    run_build([inputs], tmp_path / "out")
    assert len(compacted) == 1 and compacted[0] >= 500
    # A build that writes one article leaves the tables to RocksDB.
    (inputs / "otra.txt").write_text(HEAD + LATER, encoding="utf-8")
    assert run_build([inputs], tmp_path / "out").read == 1
    assert len(compacted) == 1
    # A first build that loads its articles in bulk compacts the store once it has loaded BULK_COMPACT_QUADS.
    run_build([inputs], tmp_path / "small", whole_graph=2, bulk=2)
    assert len(compacted) == 1
    monkeypatch.setattr("kg.store.incremental.BULK_COMPACT_QUADS", 500)
    run_build([inputs], tmp_path / "large", whole_graph=2, bulk=2)
    assert len(compacted) == 2


def test_the_store_is_written_out_every_so_many_quads(tmp_path: Path, monkeypatch) -> None:
    flushed: list[int] = []

    def flush(self) -> None:
        flushed.append(self.unflushed)
        self.unflushed = 0

    monkeypatch.setattr(BuildStore, "flush", flush)
    monkeypatch.setattr("kg.store.incremental.FLUSH_QUADS", 250)
    inputs = write_articles(tmp_path / "in", ARTICLES)
    run_build([inputs], tmp_path / "out")
    # The three short articles write about 700 quads: the store is written out each time 250 more are written, then
    # once more at the end of a build of several articles, for its readers.
    assert len(flushed) >= 3 and all(quads >= 250 for quads in flushed[:-1]) and flushed[-1] < 250


def test_a_build_that_writes_writes_its_log_out_for_readers_and_one_that_writes_nothing_does_not(
        tmp_path: Path, monkeypatch) -> None:
    flushed: list[bool] = []
    flush = BuildStore.flush

    def watched(self) -> None:
        flushed.append(self.logged)
        flush(self)

    monkeypatch.setattr(BuildStore, "flush", watched)
    inputs = write_articles(tmp_path / "in", {"llamada.txt": ARTICLES["llamada.txt"]})
    an_hour_ago = time.time() - 3600
    os.utime(inputs / "llamada.txt", (an_hour_ago, an_hour_ago))  # settled: the first build records its state
    assert run_build([inputs], tmp_path / "out").read == 1
    assert flushed == [True]
    assert run_build([inputs], tmp_path / "out").kept == 1
    assert flushed == [True]
    other = write_articles(tmp_path / "other", {"cumbre.txt": ARTICLES["cumbre.txt"]})
    assert run_build([other], tmp_path / "out").dropped == 1
    assert flushed == [True, True]


def test_builds_leave_only_the_diagnostic_log_of_the_last(tmp_path: Path) -> None:
    inputs = write_articles(tmp_path / "in", {"llamada.txt": ARTICLES["llamada.txt"]})
    for _ in range(3):
        run_build([inputs], tmp_path / "out", rebuild=True)
    assert sorted(path.name for path in (tmp_path / "out" / "store").glob("LOG*")) == ["LOG"]


def test_a_large_first_build_loads_in_bulk_the_store_of_a_build_article_by_article(tmp_path: Path,
                                                                                   monkeypatch) -> None:
    inputs = write_articles(tmp_path / "in", {**ARTICLES, "otra.txt": LATER})
    run_build([inputs], tmp_path / "one", whole_graph=3, bulk=len(ARTICLES) + 2)

    def put(self, unit, triples, fingerprint):
        raise AssertionError("an article was written in a transaction of its own")

    with monkeypatch.context() as patched:
        patched.setattr(BuildStore, "put", put)
        patched.setattr("kg.store.bulk.PASS_BYTES", 1)  # a pass for each shard
        loaded = run_build([inputs], tmp_path / "bulk", whole_graph=3, bulk=2, jobs=2)
    assert (loaded.read, loaded.kept) == (4, 0)
    assert export(tmp_path / "bulk" / "store", "nquads") == export(tmp_path / "one" / "store", "nquads")
    assert record(tmp_path / "bulk" / "store") == record(tmp_path / "one" / "store")
    assert (tmp_path / "bulk" / "graph.html").read_bytes() == (tmp_path / "one" / "graph.html").read_bytes()
    assert not (tmp_path / "bulk" / ".shards").exists()
    # A store that answers is written article by article, even when every article is read again.
    written: list[str] = []
    monkeypatch.setattr(BuildStore, "put", lambda self, unit, triples, fingerprint: written.append(unit.key))
    run_build([inputs], tmp_path / "bulk", whole_graph=3, bulk=2, rebuild=True)
    assert len(written) == 4


def test_an_error_in_a_batch_stops_the_bulk_load_with_the_batches_before_it_loaded(tmp_path: Path,
                                                                                 monkeypatch) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    rules = load_rules()
    read = sorted((([unit], read_batch([unit], rules, None)) for unit in units_of(collect_paths([inputs]), None)),
                  key=lambda pair: -len(pair[1].nquads))
    # The largest batch fills a pass, which loads in the background; the next waits in a pass of its own when the
    # error comes, and is loaded before the error stops the build.
    monkeypatch.setattr("kg.store.bulk.PASS_BYTES", len(read[0][1].nquads))

    def results():
        yield from read[:2]
        raise KgError("E204", path=read[2][0][0].paths[0])

    store = BuildStore(tmp_path / "store")
    try:
        with pytest.raises(KgError, match=r"^\[E204\]"):
            load_batches(results(), len(read), store, rules.fingerprint, tmp_path / "shards", lambda _: None,
                         lambda *_: None)
    finally:
        store.close()
    loaded = {units[0].iri for units, _ in read[:2]}
    assert {iri for iri, field in record(tmp_path / "store").items() if SOURCE_HASH in field} == loaded
    opened = ox.Store.read_only(str(tmp_path / "store"))
    assert {graph.value for graph in opened.named_graphs()} == loaded | {RECORD_GRAPH, SHARED_GRAPH}


def test_a_killed_bulk_build_is_finished_by_the_next(tmp_path: Path) -> None:
    bodies = [ARTICLES["llamada.txt"], ARTICLES["cumbre.txt"], ARTICLES["visita.txt"], LATER]
    inputs = write_articles(tmp_path / "in", {f"a{i}.txt": bodies[i % 4].replace(".\n", f" el día {i + 1}.\n")
                                              for i in range(KILL_ARTICLES)})
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    script = ("import sys; from pathlib import Path; from kg.build import run_build; "
              "run_build([Path(sys.argv[1])], Path(sys.argv[2]), whole_graph=2, bulk=2, jobs=2)")
    run_build([inputs], tmp_path / "full", whole_graph=2)
    full = export(tmp_path / "full" / "store", "nquads")
    # The build takes about a second and a half, most of it starting the interpreter and the workers.
    for delay in (0.4, 0.7, 1.0, 1.3, 1.6):
        out = tmp_path / f"killed-{delay}"
        BuildStore(out / "store").close()  # created empty: each kill comes into the bulk build
        process = subprocess.Popen([sys.executable, "-c", script, str(inputs), str(out)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        # The store opens; an article it calls current is whole.
        fields = record(out / "store")
        opened = ox.Store.read_only(str(out / "store"))
        graphs = {g.value for g in opened.named_graphs()} - {RECORD_GRAPH, SHARED_GRAPH}
        assert {iri for iri, field in fields.items() if SOURCE_HASH in field} <= graphs
        del opened
        # The next build, in bulk or not, finishes the store and removes the shards a killed one left.
        finished = run_build([inputs], out, whole_graph=2, bulk=2 if delay < 1.0 else KILL_ARTICLES + 1)
        assert finished.kept + finished.read == KILL_ARTICLES
        assert export(out / "store", "nquads") == full, delay
        assert not (out / ".shards").exists()


def test_a_change_to_the_code_that_reads_articles_reads_them_again_and_one_to_the_page_does_not(tmp_path, monkeypatch):
    engine = tmp_path / "kg"
    files = ("build.py", "cli.py", "extract/segment.py", "page/html.py", "query.py", "store/bulk.py")
    for name in files:
        (engine / name).parent.mkdir(parents=True, exist_ok=True)
        (engine / name).write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(kg.extract.rules, "ENGINE_DIR", engine)
    first = rules_fingerprint()
    for name in ("cli.py", "page/html.py", "query.py"):
        (engine / name).write_text("x = 2\n", encoding="utf-8")
        assert rules_fingerprint() == first, name
    for name in ("build.py", "extract/segment.py", "store/bulk.py"):
        (engine / name).write_text(name, encoding="utf-8")
        assert rules_fingerprint() != first, name
        first = rules_fingerprint()
