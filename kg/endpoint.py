"""kg query --endpoint: the same questions asked of any SPARQL 1.1 endpoint over HTTP, printed as a local answer.

The query goes as an HTML form, the POST of the SPARQL 1.1 protocol that endpoints accept most widely, with the
contract's PREFIX declarations before it. The answer is asked in the transport closest to the requested format
(SPARQL JSON, XML or TSV results; Turtle or N-Triples graphs), formats that pyoxigraph reads as a stream and
without expanding XML entities, and is printed by the writers of the local query: an endpoint and the graph
files print the same bytes for the same data. The exchange runs under the time and memory limits of kg query.
"""

from __future__ import annotations

from http.client import HTTPException, HTTPResponse
from typing import BinaryIO
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

import pyoxigraph as ox

from kg.errors import KgError
from kg.limits import run_limited
from kg.query import (OXIGRAPH_ERROR, Query, one_line, query_source, read_query, syntax_error, write_boolean,
                      write_graph, write_solutions)
from kg.rdf.vocab import NAMESPACES

# One line, so that an endpoint's error at line N of what it received is at line N - 1 of the query.
PREFIX_LINE = " ".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in NAMESPACES.items()) + "\n"
JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
TSV_RESULTS = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
# The transport each --format is read from. CSV loses the kind of each term (IRI or literal), TSV keeps it whole;
# a JSON-LD graph comes as N-Triples, which needs no check of its nesting.
RESULTS_TRANSPORT = {"csv": TSV_RESULTS, "tsv": TSV_RESULTS, "xml": XML_RESULTS}
GRAPH_TRANSPORT = {"turtle": TURTLE}
READABLE_RESULTS = {JSON_RESULTS: ox.QueryResultsFormat.JSON, XML_RESULTS: ox.QueryResultsFormat.XML,
                    TSV_RESULTS: ox.QueryResultsFormat.TSV}
READABLE_GRAPHS = {TURTLE: ox.RdfFormat.TURTLE, N_TRIPLES: ox.RdfFormat.N_TRIPLES}
# What an error answer may add to its status line: the start of a plain-text body (an HTML page says nothing).
ERROR_BODY_LIMIT = 4096


def run_endpoint_query(source: str | None, text: str | None, stdin: BinaryIO, endpoint: str, out: BinaryIO,
                       output_format: str | None = None, interactive: bool = False, timeout: float | None = None,
                       max_memory: int | None = None) -> int:
    """Ask the endpoint the query given on the command line, within the time and memory limits; return the exit code."""
    url = urlsplit(endpoint)
    if url.scheme not in ("http", "https") or not url.netloc:
        raise KgError("E604", url=endpoint)

    def work(stream: BinaryIO) -> int:
        return answer_remotely(read_query(source, text, stdin), endpoint, stream, output_format, interactive)

    return run_limited(work, out, query_source(source, text), timeout, max_memory)


def answer_remotely(query: Query, endpoint: str, out: BinaryIO, output_format: str | None = None,
                    interactive: bool = False) -> int:
    """Send a query to the endpoint and write its answer to out as the local query writes it; return the exit code."""
    with send(query, endpoint, output_format) as response:
        media_type = response.headers.get_content_type()
        try:
            if media_type in READABLE_RESULTS:
                results = ox.parse_query_results(response, format=READABLE_RESULTS[media_type])
                if isinstance(results, ox.QueryBoolean):
                    return write_boolean(results, output_format, out)
                return write_solutions(results, output_format or ("table" if interactive else "tsv"), out)
            if media_type in READABLE_GRAPHS:
                quads = ox.parse(response, format=READABLE_GRAPHS[media_type])
                return write_graph((quad.triple for quad in quads), output_format, out)
        except (SyntaxError, OSError, HTTPException) as err:
            raise KgError("E603", endpoint=endpoint, detail=describe(err)) from None
    raise KgError("E603", endpoint=endpoint, detail=f"{media_type} is neither SPARQL results nor Turtle or N-Triples")


def send(query: Query, endpoint: str, output_format: str | None) -> HTTPResponse:
    """POST the query, with the contract's prefixes, as a form; return the response or raise its error."""
    body = urlencode({"query": PREFIX_LINE + query.text}).encode("ascii")
    request = Request(endpoint, data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": accept(output_format), "User-Agent": "kg"})
    try:
        return urlopen(request)
    except HTTPError as err:
        raise http_error(query, endpoint, err) from None
    except URLError as err:  # a refused connection, an unknown host, a failed TLS handshake
        raise KgError("E602", endpoint=endpoint, detail=describe(err.reason)) from None
    except (OSError, HTTPException) as err:  # a connection closed early, an answer that is not HTTP
        raise KgError("E602", endpoint=endpoint, detail=describe(err)) from None


def accept(output_format: str | None) -> str:
    """Ask first for the transport of the requested format, then for any other this module reads."""
    results = RESULTS_TRANSPORT.get(output_format or "", JSON_RESULTS)
    graphs = GRAPH_TRANSPORT.get(output_format or "", N_TRIPLES)
    others = [media for media in (*READABLE_RESULTS, *READABLE_GRAPHS) if media not in (results, graphs)]
    return ", ".join([results, graphs] + [f"{media};q=0.9" for media in others])


def http_error(query: Query, endpoint: str, err: HTTPError) -> KgError:
    """Explain an HTTP error: a refused query (400) as the local query explains it, any other status as it came."""
    body = ""
    if err.headers.get_content_type() == "text/plain":
        body = err.read(ERROR_BODY_LIMIT).decode("utf-8", "replace").strip()
    if err.code != 400:
        detail = one_line(body)
        return KgError("E601", endpoint=endpoint, status=err.code, reason=err.reason,
                       detail=f": {detail}" if detail else "")
    # Oxigraph says where it stopped: a line of the query, one past the line of prefixes sent before it.
    position = OXIGRAPH_ERROR.match(body)
    if position and int(position.group(1)) > 1:
        body = f"error at {int(position.group(1)) - 1}:{position.group(2)}: {position.group(3)}"
    return syntax_error(query, body or f"the endpoint refused it (HTTP 400 {err.reason})")


def describe(reason: object) -> str:
    """Say in one line what went wrong: the system's words for an OS error, else the message or the error's kind."""
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return one_line(str(reason)) or type(reason).__name__
