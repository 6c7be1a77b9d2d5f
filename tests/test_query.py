"""kg query: the shipped competency questions answer on the seed; formats parse; the query stays read-only,
offline unless allowed and within its time limit; every error is one exact line with its exit code.

The graph is the seed's, written as `kg build` writes it. Commands run in process through typer's runner
(whose stdout is no terminal) or, where the process itself matters, as real subprocesses.
"""

from __future__ import annotations

import csv
import http.server
import io
import json
import os
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build import serialize
from kg.cli import OutputFormat, app
from kg.errors import EXIT_FALSE, EXIT_INPUT, EXIT_OK, EXIT_QUERY, EXIT_REFUSED, EXIT_TIMEOUT, EXIT_USAGE
from kg.query import GRAPH_FORMATS, RESULT_FORMATS, Query, answer_query, format_table, remote_access, shipped_questions
from kg.rdf.mapping import new_triples
from kg.rdf.vocab import NAMESPACES
from kg.store import EXPORT_FORMATS

KG = NAMESPACES["kg"]
WD = NAMESPACES["wd"]
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"
# A query that no graph of the seed's size answers in minutes: three unrelated triple patterns.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
runner = CliRunner()


# --- helpers -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def graph_file(seed_graph, tmp_path_factory) -> Path:
    """The seed graph written to a file as kg build writes out/graph.ttl."""
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    path.write_bytes(serialize(seed_graph))
    return path


@pytest.fixture
def graph(graph_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch directory (the current one) holding a copy of the seed graph at out/graph.ttl."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "graph.ttl"
    target.write_bytes(graph_file.read_bytes())
    return target


def invoke(*args: str, stdin: str | bytes | None = None):
    """Run `kg query` in process; stderr is captured apart from stdout."""
    return runner.invoke(app, ["query", *args], input=stdin)


def assert_error(result, exit_code: int, message: str) -> None:
    """Check one failed run: exact exit code, exact one-line message on stderr, nothing on stdout."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == exit_code, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def answer(graph_file: Path, query: Query, output_format: str | None = None, interactive: bool = False) -> bytes:
    """Answer a query in this process, without the child process of the command; return what it prints."""
    out = io.BytesIO()
    assert answer_query(query, [graph_file], out, output_format, interactive) == EXIT_OK
    return out.getvalue()


def solutions(graph_file: Path, text: str, source: str = "--query") -> list[dict[str, str]]:
    """Answer a SELECT in the W3C JSON format and return its rows as {variable: value}."""
    document = json.loads(answer(graph_file, Query(source, text), "json"))
    return [{name: cell["value"] for name, cell in row.items()} for row in document["results"]["bindings"]]


def question(graph_file: Path, name: str) -> list[dict[str, str]]:
    """Answer a shipped question by name."""
    path = next(q.path for q in shipped_questions() if q.name == name)
    return solutions(graph_file, path.read_text(encoding="utf-8"), name)


def context_text(graph_file: Path) -> str:
    """The text of the seed article as the graph holds it (nif:isString), which offsets index."""
    [row] = solutions(graph_file, "SELECT ?text WHERE { ?c a nif:Context ; nif:isString ?text }")
    return row["text"]


class RecordingServer(http.server.ThreadingHTTPServer):
    """A SPARQL endpoint on a loopback port that answers one fixed row and counts every connection."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), RemoteAnswer)
        self.connections = 0

    def get_request(self):
        """Accept a connection and count it, before any byte of a request is read."""
        self.connections += 1
        return super().get_request()

    @property
    def url(self) -> str:
        """The endpoint's address."""
        return f"http://127.0.0.1:{self.server_address[1]}/sparql"


class RemoteAnswer(http.server.BaseHTTPRequestHandler):
    """Answers any SPARQL request with one solution binding ?remote."""

    def answer(self) -> None:
        """Read the request body, if any, and send the fixed results."""
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"head": {"vars": ["remote"]},
                           "results": {"bindings": [{"remote": {"type": "literal", "value": "from afar"}}]}})
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    do_GET = do_POST = answer

    def log_message(self, *args) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def endpoint():
    """A listening SPARQL endpoint on a loopback port, stopped after the test."""
    server = RecordingServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


# --- the competency questions ------------------------------------------------------------------


def check_phone_call(graph_file: Path) -> None:
    rows = question(graph_file, "phone-call")
    assert len({r["call"] for r in rows}) == 1
    assert [(r["name"], r["wikidata"]) for r in rows] == [("Joe Biden", WD + "Q6279"), ("Vladimir Putin", WD + "Q7747")]


def check_timeline(graph_file: Path) -> None:
    rows = question(graph_file, "timeline")
    kinds = [r["class"].removeprefix(KG) for r in rows]
    rounds = [(r["begin"], r["end"], r.get("place", ""), r["status"])
              for r in rows if r["class"] == KG + "NegotiationRound"]
    scheduled = "https://schema.org/EventScheduled"
    assert rounds == [("2022-01-09", "2022-01-10", "Ginebra", scheduled),
                      ("2022-01-12", "2022-01-12", "Bruselas", scheduled),
                      ("2022-01-13", "2022-01-13", "", scheduled)]
    call = rows[kinds.index("PhoneCall")]
    assert "begin" not in call and call["latest"] == "2021-12-31"  # no invented day, bounded by publication
    consultation = rows[kinds.index("Consultation")]
    assert (consultation["begin"], consultation["end"]) == ("2021-12-07", "2021-12-07")
    assert kinds.index("Consultation") < kinds.index("PhoneCall") < kinds.index("NegotiationRound")
    assert "Statement" not in kinds
    dates = [r.get("begin") or r.get("earliest") or r.get("latest") for r in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[:len(dated)] == dated  # time order, undated last


def check_scheduled(graph_file: Path) -> None:
    rows = [r for r in question(graph_file, "scheduled") if "begin" in r]
    assert [(r["begin"], r["end"], r.get("place", "")) for r in rows] == [
        ("2022-01-09", "2022-01-10", "Ginebra"), ("2022-01-12", "2022-01-12", "Bruselas"),
        ("2022-01-13", "2022-01-13", "")]
    assert "body" not in rows[0]
    assert rows[1]["body"] == "Consejo OTAN-Rusia"
    assert "OSCE" in rows[2]["body"]
    assert {r["published"] for r in rows} == {"2021-12-31T11:20:00"}
    assert all(r["begin"] > r["published"][:10] for r in rows)


def check_statements(graph_file: Path) -> None:
    rows = question(graph_file, "statements")
    text = context_text(graph_file)
    said = {(r["speaker"], r["kind"].removeprefix(KG)) for r in rows}
    assert {("Vladimir Putin", "Explanation"), ("Vladimir Putin", "Warning"), ("Joe Biden", "Emphasis"),
            ("Joe Biden", "Promise"), ("Presidencia de Rusia (Kremlin)", "Assessment")} <= said
    for row in rows:
        assert text[int(row["begin"]):int(row["end"])] == row["sentence"]
        assert row["text"] in row["sentence"]
    [warning] = {r["text"] for r in rows if r["kind"] == KG + "Warning"}
    assert '"grave error"' in warning
    assert [int(r["begin"]) for r in rows] == sorted(int(r["begin"]) for r in rows)


def check_kremlin(graph_file: Path) -> None:
    kinds = {r["kind"].removeprefix(KG) for r in question(graph_file, "kremlin")}
    assert {"PhoneCall", "Consultation", "Decision", "Assessment"} <= kinds


def check_drafts(graph_file: Path) -> None:
    rows = question(graph_file, "drafts")
    parties = {kind: sorted(r["partyName"] for r in rows if r["kind"] == KG + kind)
               for kind in ("DraftTreaty", "DraftAgreement")}
    assert parties["DraftTreaty"] == ["Estados Unidos", "Rusia"]
    assert len(parties["DraftAgreement"]) == 2 and "Rusia" in parties["DraftAgreement"]
    assert any("OTAN" in name for name in parties["DraftAgreement"])


def check_agreements(graph_file: Path) -> None:
    rows = question(graph_file, "agreements")
    by_text: dict[str, set[str]] = {}
    for row in rows:
        by_text.setdefault(row["text"], set()).add(row["party"])
    assert len(by_text) == 3
    for phrase in ("continuar el diálogo", "importancia de un diálogo serio", "tres formatos"):
        [agreed] = [t for t in by_text if phrase in t]
        assert by_text[agreed] == {"Joe Biden", "Vladimir Putin"}


def check_actor_events(graph_file: Path) -> None:
    rows = question(graph_file, "actor-events")
    events: dict[str, set[str]] = {}
    for row in rows:
        events.setdefault(row["name"], set()).add(row["event"])
    [call] = {r["call"] for r in question(graph_file, "phone-call")}
    assert call in events["Vladimir Putin"] and call in events["Joe Biden"]
    rounds = {r["event"] for r in question(graph_file, "timeline") if r["class"] == KG + "NegotiationRound"}
    assert rounds <= events["Gobierno de Rusia"] and rounds <= events["Gobierno de Estados Unidos"]
    assert [r["name"] for r in rows] == sorted(r["name"] for r in rows)


def check_provenance(graph_file: Path) -> None:
    rows = question(graph_file, "provenance")
    text = context_text(graph_file)
    assert rows
    for row in rows:
        assert text[int(row["begin"]):int(row["end"])] == row["anchor"]
        assert re.fullmatch(r"[a-z0-9-]+\.[a-z0-9-]+", row["rule"]), row["rule"]
    [call] = {r["call"] for r in question(graph_file, "phone-call")}
    putin = [r for r in rows if r["subject"] == call and r["predicate"] == NAMESPACES["sem"] + "hasActor"
             and "Putin" in r["anchor"]]
    assert putin


def check_wikidata(graph_file: Path) -> None:
    rows = question(graph_file, "wikidata")
    ids = {r["id"] for r in rows}
    assert {"Q7747", "Q6279", "Q159", "Q30", "Q212", "Q7184", "Q81299", "Q71", "Q239", "Q46"} <= ids
    assert ("Vladimir Putin", "Q7747") in {(r["label"], r["id"]) for r in rows}
    assert all(r["wikidata"] == WD + r["id"] for r in rows)


def check_sources(graph_file: Path) -> None:
    rows = question(graph_file, "sources")
    events = {r["event"] for r in question(graph_file, "timeline")}
    [article] = {r["article"] for r in rows}
    # One article reports every event of the seed, each once.
    assert {r["event"] for r in rows} == events and len(rows) == len(events)
    assert {r["sources"] for r in rows} == {"1"} and article.startswith(NAMESPACES["id"] + "article/")
    assert {r["headline"] for r in rows} == {"Vladimir Putin y Joe Biden discutieron las propuestas de seguridad de "
                                             "Moscú"}


def check_same_event(graph_file: Path) -> None:
    # The seed's phone call is known only by its bound (the publication), but no other article dates a call:
    # an article never pairs its events with each other.
    assert question(graph_file, "same-event") == []


CHECKS = {"phone-call": check_phone_call, "timeline": check_timeline, "scheduled": check_scheduled,
          "statements": check_statements, "kremlin": check_kremlin, "drafts": check_drafts,
          "agreements": check_agreements, "actor-events": check_actor_events, "provenance": check_provenance,
          "wikidata": check_wikidata, "sources": check_sources, "same-event": check_same_event}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_shipped_question_answers_on_the_seed(graph_file: Path, name: str) -> None:
    CHECKS[name](graph_file)


@pytest.mark.parametrize("shipped", shipped_questions(), ids=lambda q: q.name)
def test_every_shipped_question_states_its_question_orders_and_is_tested(shipped, graph_file: Path) -> None:
    text = shipped.path.read_text(encoding="utf-8")
    assert re.fullmatch(r"# [A-Z].+[?.]", text.splitlines()[0])
    assert "ORDER BY" in text
    assert shipped.name in CHECKS
    # Shipped questions stay on the fast path: nothing in them sends them to rdflib's parser.
    assert remote_access(Query(shipped.name, text)) == []
    first = answer(graph_file, Query(shipped.name, text), "tsv")
    assert answer(graph_file, Query(shipped.name, text), "tsv") == first


def test_readme_lists_every_shipped_question() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for shipped in shipped_questions():
        assert f"| `{shipped.name}` | {shipped.question} |" in readme


def test_list_shows_one_line_per_shipped_question(graph: Path) -> None:
    result = invoke("--list")
    assert result.exit_code == EXIT_OK, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == sorted(CHECKS)
    assert "phone-call    Who took part in the phone call?" in lines


def test_question_by_name_and_by_file_agree(graph: Path) -> None:
    by_name = invoke("phone-call")
    by_file = invoke(str(next(q.path for q in shipped_questions() if q.name == "phone-call")))
    assert by_name.exit_code == by_file.exit_code == EXIT_OK
    assert by_name.stdout == by_file.stdout
    assert by_name.stdout.count("\n") == 3  # header and the two participants


# --- input and output formats ------------------------------------------------------------------

PARTICIPANTS = ("SELECT ?who ?wikidata WHERE { ?call a kg:PhoneCall ; sem:hasActor ?who . ?who owl:sameAs ?wikidata }"
                " ORDER BY ?wikidata")


def test_stdin(graph: Path) -> None:
    result = invoke("-", stdin="ASK { ?call a kg:PhoneCall ; sem:hasActor/owl:sameAs wd:Q7747 }")
    assert result.exit_code == EXIT_OK, result.stderr
    assert result.stdout == "true\n"


def test_ask_false_exits_1(graph: Path) -> None:
    result = invoke("--query", "ASK { ?call a kg:PhoneCall ; sem:hasPlace ?somewhere }")
    assert result.exit_code == EXIT_FALSE
    assert result.stdout == "false\n"
    assert result.stderr == ""


@pytest.mark.parametrize("output_format,expected", [("json", '{"head":{},"boolean":true}'), ("xml", "true")])
def test_ask_in_w3c_formats(graph: Path, output_format: str, expected: str) -> None:
    result = invoke("--query", "ASK { ?x a kg:PhoneCall }", "--format", output_format)
    assert result.exit_code == EXIT_OK
    if output_format == "json":
        assert json.loads(result.stdout) == json.loads(expected)
    else:
        assert ET.fromstring(result.stdout).find(f"{SPARQL_RESULTS}boolean").text == expected


def test_json_format(graph: Path) -> None:
    document = json.loads(invoke("--query", PARTICIPANTS, "--format", "json").stdout)
    assert document["head"]["vars"] == ["who", "wikidata"]
    assert [b["wikidata"] for b in document["results"]["bindings"]] == [
        {"type": "uri", "value": WD + "Q6279"}, {"type": "uri", "value": WD + "Q7747"}]


def test_csv_format_has_full_iris(graph: Path) -> None:
    rows = list(csv.reader(io.StringIO(invoke("--query", PARTICIPANTS, "-f", "csv").stdout, newline="")))
    assert rows == [["who", "wikidata"], ["https://kg.example.org/id/entity/joe-biden", WD + "Q6279"],
                    ["https://kg.example.org/id/entity/vladimir-putin", WD + "Q7747"]]


def test_tsv_is_the_default_off_a_terminal(graph: Path) -> None:
    default = invoke("--query", PARTICIPANTS)
    assert default.stdout == invoke("--query", PARTICIPANTS, "--format", "tsv").stdout
    rows = list(csv.reader(io.StringIO(default.stdout), delimiter="\t"))
    assert rows[0] == ["?who", "?wikidata"]
    assert rows[1] == ["<https://kg.example.org/id/entity/joe-biden>", f"<{WD}Q6279>"]


def test_xml_format(graph: Path) -> None:
    root = ET.fromstring(invoke("--query", PARTICIPANTS, "--format", "xml").stdout)
    uris = [u.text for u in root.iter(f"{SPARQL_RESULTS}uri")]
    assert uris == ["https://kg.example.org/id/entity/joe-biden", WD + "Q6279",
                    "https://kg.example.org/id/entity/vladimir-putin", WD + "Q7747"]


def test_table_compacts_iris_and_aligns_columns(graph: Path) -> None:
    result = invoke("--query", PARTICIPANTS, "--format", "table")
    assert result.stdout == (
        "who                       wikidata\n"
        "------------------------  --------\n"
        "id:entity/joe-biden       wd:Q6279\n"
        "id:entity/vladimir-putin  wd:Q7747\n")


def test_table_is_the_default_on_a_terminal(graph: Path) -> None:
    table = answer(graph, Query("--query", PARTICIPANTS), interactive=True)
    assert table.decode().startswith("who                       wikidata\n")


def test_table_keeps_one_line_per_row_and_right_aligns_numbers(graph: Path) -> None:
    from pyoxigraph import Literal, NamedNode

    integer = NamedNode(NAMESPACES["xsd"] + "integer")
    table = format_table(["text", "n"], [[Literal("dos\nlíneas\tcon tab"), Literal("7", datatype=integer)],
                                         [None, Literal("1234", datatype=integer)]])
    assert table == ("text                     n\n"
                     "--------------------  ----\n"
                     "dos\\nlíneas\\tcon tab     7\n"
                     "                      1234\n")


@pytest.mark.parametrize("output_format", ["turtle", "ntriples", "jsonld"])
def test_construct_formats_parse_back_to_the_same_triples(graph: Path, output_format: str) -> None:
    import pyoxigraph as ox

    construct = "CONSTRUCT WHERE { ?call a kg:PhoneCall ; sem:hasActor ?who . ?who owl:sameAs ?wikidata }"
    result = invoke("--query", construct, "--format", output_format)
    assert result.exit_code == EXIT_OK, result.stderr
    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
    triples = {str(t) for t in ox.parse(result.stdout_bytes, format=rdf_format[output_format])}
    assert len(triples) == 5
    assert any(f"<{WD}Q7747>" in t for t in triples)
    assert invoke("--query", construct, "--format", output_format).stdout == result.stdout
    if output_format == "turtle":
        assert result.stdout == invoke("--query", construct).stdout  # turtle is the default for graphs
        assert "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> ." in result.stdout


def test_format_option_offers_exactly_the_formats_of_the_results(graph: Path) -> None:
    # kg export shares the option: its formats come last, turtle once.
    assert [f.value for f in OutputFormat] == list(dict.fromkeys([*RESULT_FORMATS, *GRAPH_FORMATS, *EXPORT_FORMATS]))


def test_vocabulary_prefixes_are_the_ones_the_graph_binds() -> None:
    assert {prefix: str(ns) for prefix, ns in new_triples().namespaces()} == NAMESPACES


def test_several_graphs_are_merged(graph: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.nt"
    extra.write_text(f"<{WD}Q7747> <{NAMESPACES['rdfs']}label> \"Vladímir Putin\"@ru .\n", encoding="utf-8")
    result = invoke("--query", "SELECT ?l WHERE { ?p owl:sameAs ?wd . ?wd rdfs:label ?l }", "-g", str(graph),
                    "--graph", str(extra), "-f", "csv")
    assert result.stdout.splitlines() == ["l", "Vladímir Putin"]


# --- safety ------------------------------------------------------------------------------------

UPDATES = {
    "insert": "INSERT DATA { kg:x kg:y kg:z }",
    "delete": "DELETE WHERE { ?s ?p ?o }",
    "load": "LOAD <file:///dev/null>",
    "clear": "CLEAR ALL",
    "drop": "DROP DEFAULT",
    "delete-where-from-service": "DELETE { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
}


@pytest.mark.parametrize("update", UPDATES.values(), ids=UPDATES.keys())
def test_update_is_refused_and_the_graph_unchanged(graph: Path, update: str) -> None:
    before = graph.read_bytes()
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    triples = invoke("--query", count).stdout
    assert_error(invoke("--query", update), EXIT_REFUSED,
                 "[E421] --query: refused: this is a SPARQL UPDATE and kg query is read-only")
    assert graph.read_bytes() == before
    assert invoke("--query", count).stdout == triples


SERVICE_QUERIES = {
    "plain": "SELECT ?remote WHERE { SERVICE <{url}> { ?s ?p ?remote } }",
    "lowercase-silent": "select ?remote where { service silent <{url}> { ?s ?p ?remote } }",
    "in-optional": "SELECT * WHERE { ?call a kg:PhoneCall OPTIONAL { SERVICE <{url}> { ?call ?p ?remote } } }",
    "in-filter-exists": "SELECT * WHERE { ?call a kg:PhoneCall FILTER EXISTS { SERVICE <{url}> { ?call ?p ?o } } }",
    "in-subquery": "SELECT * WHERE { { SELECT ?remote WHERE { SERVICE <{url}> { ?s ?p ?remote } } } }",
    "in-union": "SELECT * WHERE { { ?call a kg:PhoneCall } UNION { SERVICE <{url}> { ?s ?p ?remote } } }",
    "no-space": "SELECT * WHERE { ?call a kg:PhoneCall .SERVICE<{url}>{ ?s ?p ?remote } }",
}


@pytest.mark.parametrize("template", SERVICE_QUERIES.values(), ids=SERVICE_QUERIES.keys())
def test_service_is_refused_and_never_connects(graph: Path, endpoint: RecordingServer, template: str) -> None:
    result = invoke("--query", template.replace("{url}", endpoint.url))
    assert_error(result, EXIT_REFUSED, f"[E422] --query: refused: SERVICE <{endpoint.url}> would reach another "
                                       "endpoint; pass --allow-remote to allow it")
    assert endpoint.connections == 0


@pytest.mark.parametrize("template", [
    "SELECT * WHERE { ?call a kg:PhoneCall ; ?p 1SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?call a kg:PhoneCall ; ?p trueSERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?call a kg:PhoneCall . SERVICESILENT<{url}> { ?s ?p ?o } }",
], ids=["after-a-number", "after-true", "silent-glued"])
def test_service_glued_to_a_token_never_connects(graph: Path, endpoint: RecordingServer, template: str) -> None:
    # pyoxigraph reads these as SERVICE calls; rdflib's parser cannot, so they stop as syntax errors first.
    result = invoke("--query", template.replace("{url}", endpoint.url))
    assert result.exit_code == EXIT_QUERY
    assert result.stderr.startswith("Error: [E411] --query: syntax error at line 1, column ")
    assert endpoint.connections == 0


def test_service_bound_to_a_variable_is_refused(graph: Path, endpoint: RecordingServer) -> None:
    result = invoke("--query", f"SELECT * WHERE {{ VALUES ?e {{ <{endpoint.url}> }} SERVICE ?e {{ ?s ?p ?o }} }}")
    assert_error(result, EXIT_REFUSED,
                 "[E422] --query: refused: SERVICE ?e would reach another endpoint; pass --allow-remote to allow it")
    assert endpoint.connections == 0


def test_service_runs_with_allow_remote(graph: Path, endpoint: RecordingServer) -> None:
    # The counterpart of the refusals: the same endpoint is reached, so their zero counts mean something.
    result = invoke("--query", SERVICE_QUERIES["plain"].replace("{url}", endpoint.url), "--allow-remote",
                    "-f", "csv")
    assert result.exit_code == EXIT_OK, result.stderr
    assert result.stdout.splitlines() == ["remote", "from afar"]
    assert endpoint.connections >= 1


@pytest.fixture
def outside_file(tmp_path: Path) -> Path:
    """A local Turtle file that is not part of the graph."""
    path = tmp_path / "outside.ttl"
    path.write_text('<http://example.org/outside> <http://example.org/says> "read from outside" .\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("keyword,pattern", [("FROM", "?s ?p ?o"), ("FROM NAMED", "GRAPH ?g { ?s ?p ?o }")])
def test_from_a_local_file_is_refused_and_not_read(graph: Path, outside_file: Path, keyword: str,
                                                   pattern: str) -> None:
    iri = outside_file.as_uri()
    result = invoke("--query", f"SELECT ?o {keyword} <{iri}> WHERE {{ {pattern} }}")
    assert_error(result, EXIT_REFUSED, f"[E423] --query: refused: {keyword} <{iri}> would read data from outside "
                                       "the graph; pass --allow-remote to allow it")
    allowed = invoke("--query", f"SELECT ?o {keyword} <{iri}> WHERE {{ {pattern} }}", "--allow-remote", "-f", "csv")
    assert allowed.exit_code == EXIT_OK, allowed.stderr
    assert allowed.stdout.splitlines() == ["o", "read from outside"]


def test_from_a_missing_file_with_allow_remote(graph: Path, tmp_path: Path) -> None:
    iri = (tmp_path / "nowhere.ttl").as_uri()
    result = invoke("--query", f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}", "--allow-remote")
    assert result.exit_code == EXIT_INPUT
    assert result.stderr.startswith(f"Error: [E424] cannot load <{iri}>: ")


def test_provenance_terms_do_not_need_the_full_check() -> None:
    assert remote_access(Query("q", "SELECT * WHERE { ?e prov:wasDerivedFrom ?span }")) == []
    assert remote_access(Query("q", "SELECT * WHERE { ?e prov:wasDerivedFrom ?span . SERVICE <http://h/> { } }")) == [
        ("SERVICE", "<http://h/>")]
    # A comment or a string that mentions the keywords only costs the full check, which finds nothing.
    assert remote_access(Query("q", "# from the service desk\nSELECT * WHERE { ?s ?p 'from' }")) == []


def test_timeout_stops_a_runaway_query(graph: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    proc = subprocess.run([sys.executable, "-m", "kg", "query", "--query", RUNAWAY, "--timeout", "0.5"],
                          cwd=graph.parent.parent, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == EXIT_TIMEOUT, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr == ("Error: [E431] --query: stopped after 0.5 s (--timeout); narrow the query or raise "
                           "the limit\n")


# --- errors ------------------------------------------------------------------------------------


def test_syntax_error_gives_line_and_column(graph: Path) -> None:
    Path("bad.rq").write_text("SELECT ?call WHERE {\n  ?call a kg:PhoneCall ;\n        sem:hasActor ?who\n"
                              "  FILTER (?who = )\n}\n", encoding="utf-8")
    assert_error(invoke("bad.rq"), EXIT_QUERY, "[E411] bad.rq: syntax error at line 4, column 3: "
                                               "cannot read 'FILTER (?who = )'")


def test_syntax_error_at_the_end(graph: Path) -> None:
    assert_error(invoke("--query", "SELECT ?x WHERE {\n  ?x a kg:PhoneCall .\n"), EXIT_QUERY,
                 "[E411] --query: syntax error at line 3, column 1: the query ends too early")


def test_syntax_error_in_a_query_that_names_a_service(graph: Path) -> None:
    assert_error(invoke("--query", "SELECT ?s FROM <file:///x.ttl> WHERE {\n  ?s ?p\n}"), EXIT_QUERY,
                 "[E411] --query: syntax error at line 2, column 3: cannot read '?s ?p'")


def test_undeclared_prefix(graph: Path) -> None:
    assert_error(invoke("--query", "SELECT ?s WHERE { ?s a ex:Thing }"), EXIT_QUERY,
                 "[E411] --query: syntax error at line 1, column 32: undeclared prefix 'ex:'")


def test_empty_query(graph: Path) -> None:
    assert_error(invoke("-", stdin=" \n"), EXIT_QUERY, "[E411] <stdin>: syntax error at line 1, column 1: "
                                                       "the query is empty")


def test_missing_graph_says_to_build_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert_error(invoke("phone-call"), EXIT_INPUT, "[E401] no graph at out/graph.ttl: run `kg build` first")


def test_graph_that_does_not_parse(graph: Path) -> None:
    Path("broken.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    assert_error(invoke("phone-call", "--graph", "broken.ttl"), EXIT_INPUT,
                 "[E402] cannot parse graph broken.ttl: Parser error at line 1 between columns 1 and 4: "
                 "No scheme found in an absolute IRI (broken.ttl, line 1)")


def test_graph_of_unknown_format(graph: Path) -> None:
    Path("graph.txt").write_text("x", encoding="utf-8")
    assert_error(invoke("phone-call", "--graph", "graph.txt"), EXIT_INPUT,
                 "[E403] unknown graph format: graph.txt (expected .ttl, .nt, .n3, .rdf, .owl, .jsonld)")


def test_graph_that_is_a_directory(graph: Path) -> None:
    assert_error(invoke("phone-call", "--graph", "out"), EXIT_INPUT, "[E006] not a file: out")


def test_unknown_question(graph: Path) -> None:
    assert_error(invoke("who-won"), EXIT_INPUT,
                 "[E404] no such query file or shipped question: who-won (`kg query --list` shows the questions)")


def test_missing_query_file(graph: Path) -> None:
    assert_error(invoke("missing.rq"), EXIT_INPUT, "[E001] no such file: missing.rq")


def test_query_file_not_utf8(graph: Path) -> None:
    Path("latin1.rq").write_bytes("# ¿Quién?\nASK {}".encode("latin-1"))
    assert_error(invoke("latin1.rq"), EXIT_INPUT, "[E004] not valid UTF-8 at byte 2: latin1.rq")


@pytest.mark.parametrize("args", [[], ["phone-call", "--query", "ASK {}"]], ids=["none", "two"])
def test_exactly_one_query(graph: Path, args: list[str]) -> None:
    assert_error(invoke(*args), EXIT_USAGE,
                 "[E405] give one query: a FILE, a shipped question NAME, '-' for standard input, or --query TEXT")


@pytest.mark.parametrize("query,output_format,message", [
    (PARTICIPANTS, "turtle",
     "[E406] --format turtle does not apply to SELECT results (use table, csv, tsv, json, xml)"),
    ("ASK {}", "jsonld", "[E406] --format jsonld does not apply to ASK results (use table, csv, tsv, json, xml)"),
    ("CONSTRUCT WHERE { ?s a kg:PhoneCall }", "csv",
     "[E406] --format csv does not apply to CONSTRUCT and DESCRIBE results (use turtle, ntriples, jsonld)"),
], ids=["select-turtle", "ask-jsonld", "construct-csv"])
def test_format_that_does_not_fit_the_results(graph: Path, query: str, output_format: str, message: str) -> None:
    assert_error(invoke("--query", query, "--format", output_format), EXIT_USAGE, message)


# --- a real process ----------------------------------------------------------------------------


def test_query_imports_no_rendering_extraction_or_shacl_module(graph: Path) -> None:
    script = ("import sys\nfrom kg.cli import main\nsys.argv = ['kg', 'query', sys.argv[1]]\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print(' '.join(sorted(sys.modules)), file=sys.stderr)")
    forbidden = {"networkx", "pyvis", "pyshacl", "rdflib", "kg.build", "kg.extract.frames", "kg.rdf.mapping", "kg.extract.mentions",
                 "kg.extract.rules", "kg.extract.segment", "kg.rdf.serialize", "kg.extract.temporal", "kg.extract.text", "kg.rdf.validate"}
    for shipped in shipped_questions():
        proc = subprocess.run([sys.executable, "-c", script, shipped.name], cwd=graph.parent.parent,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == EXIT_OK, proc.stderr
        modules = set(proc.stderr.split())
        assert {m for m in modules if m in forbidden or m.split(".")[0] in forbidden} == set(), shipped.name


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
def test_closed_pipe_ends_quietly(graph: Path, unbuffered: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | {"PYTHONUNBUFFERED": unbuffered}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "query", "provenance"], cwd=graph.parent.parent,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout.read(10) == b"?subject\t?"
    proc.stdout.close()  # the reader goes away, as `| head` does, long before the 100 kB of the answer are written
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert stderr == ""


def test_subprocess_error_has_no_traceback(graph: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "kg", "query", "--query", "SELECT * WHERE { ?s ?p }"],
                          cwd=graph.parent.parent, capture_output=True, text=True, timeout=60)
    assert proc.returncode == EXIT_QUERY
    assert proc.stdout == ""
    assert proc.stderr == "Error: [E411] --query: syntax error at line 1, column 18: cannot read '?s ?p }'\n"
