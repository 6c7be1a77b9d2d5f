"""kg query --endpoint against a scripted SPARQL endpoint: what it sends (the protocol's form, the contract's
prefixes, the Accept of the requested format), and how each failure of an endpoint ends: one exact line, exit code.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time
from urllib.parse import parse_qs

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_NETWORK, EXIT_OK, EXIT_QUERY, EXIT_TIMEOUT, EXIT_USAGE
from kg.rdf.vocab import NAMESPACES

JSON_ROW = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"uno"}}]}}'
# Each path of the scripted endpoint answers: status, media type, body.
ANSWERS = {
    "/json": (200, "application/sparql-results+json", JSON_ROW),
    "/tsv": (200, "text/tab-separated-values; charset=utf-8", b'?x\n"uno"\n'),
    "/broken": (200, "application/sparql-results+json", b'{"head":{"vars":["x"]},"results":{"bindings":[{'),
    "/page": (200, "text/html", b"<html><body>SPARQL</body></html>"),
    "/refused": (400, "text/plain", b"unsupported function: foo\n"),
    "/silent": (400, "text/html", b"<html><body>Bad</body></html>"),
    "/failing": (500, "text/plain; charset=utf-8", b"out of memory\nat step 3\n"),
    "/missing": (404, "text/html", b"<html><body>Not here</body></html>"),
}
SLOW = 3.0
runner = CliRunner()


class ScriptedEndpoint(http.server.ThreadingHTTPServer):
    """An endpoint on a loopback port that answers each path as ANSWERS says and keeps the last request."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), ScriptedAnswer)
        self.headers: dict[str, str] = {}
        self.form: dict[str, list[str]] = {}

    def url(self, path: str) -> str:
        """The address of one path."""
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def handle_error(self, request, client_address) -> None:
        """Say nothing when a client has gone away, as the one stopped by its timeout has."""


class ScriptedAnswer(http.server.BaseHTTPRequestHandler):
    """Keeps the request, then answers from ANSWERS, or after SLOW seconds on /slow."""

    def do_POST(self) -> None:
        """Answer one query."""
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.headers = dict(self.headers)
        self.server.form = parse_qs(body.decode("ascii"))
        if self.path == "/slow":
            time.sleep(SLOW)
        status, media_type, answer = ANSWERS.get(self.path, ANSWERS["/json"])
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def endpoint():
    """The scripted endpoint, stopped after the tests of this module."""
    server = ScriptedEndpoint()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def query(*args: str):
    """Run `kg query` in process; stderr is captured apart from stdout."""
    return runner.invoke(app, ["query", *args])


def assert_error(result, exit_code: int, message: str) -> None:
    """Check one failed run: exact exit code, exact one-line message on stderr, nothing on stdout."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert (result.exit_code, result.stdout, result.stderr) == (exit_code, "", f"Error: {message}\n")


# --- what is sent ----------------------------------------------------------------------------------


def test_the_query_goes_as_a_form_with_the_contract_prefixes(endpoint: ScriptedEndpoint) -> None:
    result = query("-q", "SELECT ?x WHERE { ?x a sem:Event }", "--endpoint", endpoint.url("/json"))
    assert (result.exit_code, result.stdout) == (EXIT_OK, '?x\n"uno"\n')
    assert endpoint.headers["Content-Type"] == "application/x-www-form-urlencoded"
    [sent] = endpoint.form["query"]
    prefixes, text = sent.split("\n", 1)
    assert text == "SELECT ?x WHERE { ?x a sem:Event }"
    assert prefixes == " ".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in NAMESPACES.items())


@pytest.mark.parametrize("output_format, first", [
    (None, "application/sparql-results+json, application/n-triples"),
    ("table", "application/sparql-results+json, application/n-triples"),
    ("json", "application/sparql-results+json, application/n-triples"),
    ("xml", "application/sparql-results+xml, application/n-triples"),
    ("csv", "text/tab-separated-values, application/n-triples"),
    ("tsv", "text/tab-separated-values, application/n-triples"),
    ("turtle", "application/sparql-results+json, text/turtle"),
    ("ntriples", "application/sparql-results+json, application/n-triples"),
    ("jsonld", "application/sparql-results+json, application/n-triples"),
])
def test_accept_asks_first_for_the_transport_of_the_format(output_format: str | None, first: str,
                                                           endpoint: ScriptedEndpoint) -> None:
    options = ["-f", output_format] if output_format else []
    query("timeline", *options, "--endpoint", endpoint.url("/json"))
    accepted = endpoint.headers["Accept"]
    assert accepted.startswith(first + ", ")
    # Every transport it reads is offered, the others after the first two.
    assert sorted(media.split(";")[0] for media in accepted.split(", ")) == sorted([
        "application/sparql-results+json", "application/sparql-results+xml", "text/tab-separated-values",
        "text/turtle", "application/n-triples"])


def test_tsv_results_print_as_csv(endpoint: ScriptedEndpoint) -> None:
    result = query("timeline", "-f", "csv", "--endpoint", endpoint.url("/tsv"))
    assert (result.exit_code, result.stdout_bytes) == (EXIT_OK, b"x\r\nuno\r\n")


# --- how an endpoint fails --------------------------------------------------------------------------


def test_a_refused_query_with_the_endpoint_words(endpoint: ScriptedEndpoint) -> None:
    assert_error(query("timeline", "--endpoint", endpoint.url("/refused")), EXIT_QUERY,
                 "[E412] timeline: the query cannot run: unsupported function: foo")


def test_a_refused_query_without_words(endpoint: ScriptedEndpoint) -> None:
    assert_error(query("timeline", "--endpoint", endpoint.url("/silent")), EXIT_QUERY,
                 "[E412] timeline: the query cannot run: the endpoint refused it (HTTP 400 Bad Request)")


def test_a_server_error_with_its_first_line(endpoint: ScriptedEndpoint) -> None:
    url = endpoint.url("/failing")
    assert_error(query("timeline", "--endpoint", url), EXIT_NETWORK,
                 f"[E601] {url} answered HTTP 500 Internal Server Error: out of memory")


def test_an_html_error_page_is_not_quoted(endpoint: ScriptedEndpoint) -> None:
    url = endpoint.url("/missing")
    assert_error(query("timeline", "--endpoint", url), EXIT_NETWORK, f"[E601] {url} answered HTTP 404 Not Found")


def test_an_answer_in_another_format(endpoint: ScriptedEndpoint) -> None:
    url = endpoint.url("/page")
    assert_error(query("timeline", "--endpoint", url), EXIT_NETWORK,
                 f"[E603] unreadable answer from {url}: text/html is neither SPARQL results nor Turtle or N-Triples")


def test_a_broken_answer(endpoint: ScriptedEndpoint) -> None:
    result = query("timeline", "-f", "table", "--endpoint", endpoint.url("/broken"))
    assert (result.exit_code, result.stdout) == (EXIT_NETWORK, "")
    assert result.stderr.startswith(f"Error: [E603] unreadable answer from {endpoint.url('/broken')}: ")
    assert result.stderr.count("\n") == 1


def test_a_slow_endpoint_is_stopped_by_the_timeout(endpoint: ScriptedEndpoint) -> None:
    started = time.monotonic()
    assert_error(query("timeline", "--timeout", "0.5", "--endpoint", endpoint.url("/slow")), EXIT_TIMEOUT,
                 "[E431] timeline: stopped after 0.5 s (--timeout); narrow the query or raise the limit")
    assert time.monotonic() - started < SLOW


def test_nothing_listens() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/sparql"
    assert_error(query("timeline", "--endpoint", url), EXIT_NETWORK, f"[E602] cannot reach {url}: Connection refused")


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/sparql", "127.0.0.1:7878/query", "http:///query", "query"])
def test_an_endpoint_that_is_no_http_url(url: str) -> None:
    assert_error(query("timeline", "--endpoint", url), EXIT_USAGE,
                 f"[E604] --endpoint {url}: not an http:// or https:// URL")


@pytest.mark.parametrize("local", [["--graph", "out/graph.ttl"], ["--store", "out/store"]])
def test_an_endpoint_and_local_data(endpoint: ScriptedEndpoint, local: list[str]) -> None:
    assert_error(query("timeline", "--endpoint", endpoint.url("/json"), *local), EXIT_USAGE,
                 "[E605] --endpoint excludes --graph and --store: the endpoint answers from its own data")
