"""kg serve over a small store, asked by kg query --endpoint: the same answers as the local query, the union of
the articles' graphs as default graph, a clean stop on Ctrl-C, and every error one exact line with its exit code.

The store holds the seed graph and a one-triple graph, each in a named graph, as kg build writes one per article;
the local query reads the same two graphs as files, merged.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.build import serialize
from kg.cli import app
from kg.errors import EXIT_FALSE, EXIT_INPUT, EXIT_NETWORK, EXIT_OK, EXIT_QUERY, EXIT_REFUSED, EXIT_USAGE

ROOT = Path(__file__).resolve().parent.parent
EXTRA = '<https://kg.example.org/id/extra> <http://www.w3.org/2000/01/rdf-schema#label> "otro artículo"@es .\n'
STOP_WAIT = 20
runner = CliRunner()


# --- helpers -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graphs(seed_graph, tmp_path_factory) -> list[Path]:
    """The seed graph as kg build writes it, and a second article's graph of one triple."""
    directory = tmp_path_factory.mktemp("graphs")
    (directory / "seed.ttl").write_bytes(serialize(seed_graph))
    (directory / "extra.nt").write_text(EXTRA, encoding="utf-8")
    return [directory / "seed.ttl", directory / "extra.nt"]


@pytest.fixture(scope="module")
def store(graphs: list[Path], tmp_path_factory) -> Path:
    """An Oxigraph store holding each graph in a named graph of its own."""
    path = tmp_path_factory.mktemp("serve") / "store"
    formats = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}
    writer = ox.Store(str(path))
    for graph in graphs:
        writer.load(path=graph, format=formats[graph.suffix],
                    to_graph=ox.NamedNode(f"https://kg.example.org/id/{graph.stem}"))
    writer.flush()
    del writer  # the server opens the store in another process
    return path


def free_port() -> int:
    """A loopback port that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(store: Path, port: int, *options: str) -> subprocess.Popen:
    """Start `kg serve` as a process, and wait until it says where it answers."""
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--bind",
                               f"127.0.0.1:{port}", *options], cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    line = server.stderr.readline()
    assert line == (f"answering SPARQL queries at http://127.0.0.1:{port}/query from {store} (read-only); "
                    "Ctrl-C stops\n"), line + server.stderr.read()
    return server


def stop(server: subprocess.Popen, signum: int = signal.SIGINT) -> tuple[int, str, str]:
    """Stop the server as Ctrl-C does (or with another signal); return its exit code and the rest of its output."""
    server.send_signal(signum)
    stdout, stderr = server.communicate(timeout=STOP_WAIT)
    return server.returncode, stdout, stderr


@pytest.fixture(scope="module")
def endpoint(store: Path):
    """The URL of a running kg serve over the store, stopped after the tests of this module."""
    port = free_port()
    server = start_server(store, port)
    yield f"http://127.0.0.1:{port}/query"
    stop(server)


def query(*args: str, stdin: str | None = None):
    """Run `kg query` in process; stderr is captured apart from stdout."""
    return runner.invoke(app, ["query", *args], input=stdin)


def serve(*args: str):
    """Run `kg serve` in process, for the errors it reports before it starts a server."""
    return runner.invoke(app, ["serve", *args])


def assert_error(result, exit_code: int, message: str) -> None:
    """Check one failed run: exact exit code, exact one-line message on stderr, nothing on stdout."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert (result.exit_code, result.stdout, result.stderr) == (exit_code, "", f"Error: {message}\n")


# --- the endpoint answers as the graph files do -------------------------------------------------------


ASK_EVENT = "ASK { ?event a sem:Event }"
ASK_NOTHING = "ASK { ?event a sem:Nothing }"
# Three unrelated triple patterns: no store of the seed's size answers it in minutes.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CONSTRUCT = "CONSTRUCT { ?event a sem:Event ; rdfs:label ?label } WHERE { ?event a sem:Event ; rdfs:label ?label }"


@pytest.mark.parametrize("args", [
    ["timeline"],
    ["timeline", "-f", "table"],
    ["statements", "-f", "csv"],
    ["agreements", "-f", "json"],
    ["phone-call", "-f", "xml"],
    # the default graph is the union of the named graphs: every triple of both articles
    ["-q", "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"],
    ["-q", "SELECT ?label WHERE { id:extra rdfs:label ?label }", "-f", "tsv"],
    ["-q", ASK_EVENT],
    ["-q", ASK_EVENT, "-f", "json"],
    ["-q", ASK_NOTHING],
    ["-q", ASK_NOTHING, "-f", "xml"],
    ["-q", CONSTRUCT],
    ["-q", CONSTRUCT, "-f", "ntriples"],
    ["-q", CONSTRUCT, "-f", "jsonld"],
], ids=lambda args: " ".join(args)[:60])
def test_the_endpoint_answers_as_the_graph_files(args: list[str], endpoint: str, graphs: list[Path]) -> None:
    local = query(*args, *(option for graph in graphs for option in ("--graph", str(graph))))
    assert local.exit_code in (EXIT_OK, EXIT_FALSE), local.stderr
    remote = query(*args, "--endpoint", endpoint)
    assert (remote.exit_code, remote.stderr) == (local.exit_code, "")
    assert remote.stdout == local.stdout


def test_a_query_from_standard_input(endpoint: str, graphs: list[Path]) -> None:
    text = "SELECT ?event WHERE { ?event a sem:Event } ORDER BY ?event"
    remote = query("-", "--endpoint", endpoint, stdin=text)
    assert remote.exit_code == EXIT_OK, remote.stderr
    assert remote.stdout == query("-", "--graph", str(graphs[0]), stdin=text).stdout
    assert remote.stdout.count("\n") > 1


def test_the_answer_to_a_false_ask_exits_1(endpoint: str) -> None:
    result = query("-q", ASK_NOTHING, "--endpoint", endpoint)
    assert (result.exit_code, result.stdout) == (EXIT_FALSE, "false\n")


@pytest.mark.parametrize("text, exit_code", [
    ("SELECT ?event WHERE { ?event a sem:Event", EXIT_QUERY),
    ("SELECT ?event\nWHERE { ?event a nada:Evento }", EXIT_QUERY),
    ("INSERT DATA { id:a rdfs:label 'b' }", EXIT_REFUSED),
])
def test_a_refused_query_is_explained_as_the_local_query_explains_it(text: str, exit_code: int, endpoint: str,
                                                                      graphs: list[Path]) -> None:
    local = query("-q", text, "--graph", str(graphs[0]))
    assert local.exit_code == exit_code
    assert_error(query("-q", text, "--endpoint", endpoint), exit_code, local.stderr.removeprefix("Error: ").strip())


def test_a_path_the_server_does_not_answer(endpoint: str) -> None:
    url = endpoint.replace("/query", "/nada")
    assert_error(query("timeline", "--endpoint", url), EXIT_NETWORK,
                 f"[E601] {url} answered HTTP 404 Not Found: POST /nada is not supported by this server")


def test_the_server_cancels_a_query_that_runs_too_long(store: Path) -> None:
    port = free_port()
    server = start_server(store, port, "--timeout", "1")
    url = f"http://127.0.0.1:{port}/query"
    try:
        result = query("-q", RUNAWAY, "-f", "table", "--timeout", "30", "--endpoint", url)
    finally:
        stop(server)
    # The server has begun its answer when it gives up: what it sends is cut short.
    assert (result.exit_code, result.stdout) == (EXIT_NETWORK, "")
    assert result.stderr.startswith(f"Error: [E603] unreadable answer from {url}: ")


# --- stopping -----------------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "SIGTERM"])
def test_a_signal_stops_the_server_cleanly(store: Path, signum: int) -> None:
    port = free_port()
    server = start_server(store, port)
    assert query("-q", ASK_EVENT, "--endpoint", f"http://127.0.0.1:{port}/query").exit_code == EXIT_OK
    assert stop(server, signum) == (EXIT_OK, "", "")
    # The Oxigraph process is gone with it: nothing answers on the port any more.
    assert_error(query("-q", ASK_EVENT, "--endpoint", f"http://127.0.0.1:{port}/query"), EXIT_NETWORK,
                 f"[E602] cannot reach http://127.0.0.1:{port}/query: Connection refused")


def test_a_server_that_dies_is_reported(store: Path) -> None:
    server = start_server(store, free_port())
    [child] = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    os.kill(int(child), signal.SIGKILL)
    stdout, stderr = server.communicate(timeout=STOP_WAIT)
    assert (server.returncode, stdout, stderr) == (
        EXIT_NETWORK, "", "Error: [E615] the SPARQL server stopped: killed by signal SIGKILL\n")


# --- errors before the server starts ----------------------------------------------------------------


def test_no_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert_error(serve(), EXIT_INPUT, "[E425] no store at out/store: run `kg build` first")


def test_an_empty_directory_is_no_store(tmp_path: Path) -> None:
    assert_error(serve("--store", str(tmp_path)), EXIT_INPUT, f"[E425] no store at {tmp_path}: run `kg build` first")


def test_a_directory_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_text(EXTRA, encoding="utf-8")
    assert_error(serve("--store", str(tmp_path)), EXIT_INPUT, f"[E425] no store at {tmp_path}: run `kg build` first")


@pytest.mark.parametrize("bind", ["127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "localhost:http",
                                  "::1:7878", ":7878"])
def test_a_bind_that_is_no_address(bind: str, store: Path) -> None:
    assert_error(serve("--store", str(store), "--bind", bind), EXIT_USAGE,
                 f"[E613] --bind {bind}: expected HOST:PORT with a port from 1 to 65535, such as 127.0.0.1:7878")


def test_a_port_taken(store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        bind = f"127.0.0.1:{taken.getsockname()[1]}"
        assert_error(serve("--store", str(store), "--bind", bind), EXIT_NETWORK,
                     f"[E614] cannot listen on {bind}: the port is taken (another server listens there)")


def test_no_oxigraph_command(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sysconfig.get_path", lambda name: str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert_error(serve("--store", str(store), "--bind", f"127.0.0.1:{free_port()}"), EXIT_NETWORK,
                 "[E616] the oxigraph command is not installed (pip install oxigraph)")
