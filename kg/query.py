"""The query pass: SPARQL 1.1 over built graphs, read-only, offline unless allowed, within a time limit.

pyoxigraph evaluates the queries: it loads and answers in milliseconds where rdflib needs a third of a second
to import its SPARQL engine and parse the graph (tests/benchmark.py measures both), and it writes the W3C
result formats itself. rdflib's SPARQL parser is imported only to inspect queries that may hold SERVICE or
FROM, and to tell an UPDATE from a syntax error.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, TypeVar

import pyoxigraph as ox

from kg.errors import EXIT_FALSE, EXIT_OK, KgError
from kg.vocab import NAMESPACES

if TYPE_CHECKING:
    from pyparsing import ParseBaseException

QUESTIONS_DIR = Path(__file__).resolve().parent / "queries"
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld")
RESULT_SERIALIZERS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                      "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
GRAPH_SERIALIZERS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                     "jsonld": ox.RdfFormat.JSON_LD}
# Graph files are triples only: every one of them is merged into the default graph.
GRAPH_FILE_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".n3": ox.RdfFormat.N3,
                      ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD}
# A query can hold no SERVICE and no FROM unless its text contains one of these: SPARQL keywords are ASCII
# and vary only in case. Plain substrings, not words: pyoxigraph also reads "1SERVICE<x>" and "FROMNAMED".
# rdflib expands \u escapes before parsing, so those also go to the full check.
REMOTE_HINTS = ("service", "from", "\\u")
# Terms of the contract that contain a hint but are always one token, so never the keyword: with these
# blanked out, the provenance queries skip the cost of importing rdflib's parser.
NOT_KEYWORDS = ("prov:wasderivedfrom", "<" + NAMESPACES["prov"].lower() + "wasderivedfrom>")
XSD = NAMESPACES["xsd"]
NUMERIC_TYPES = {XSD + name for name in (
    "integer", "decimal", "double", "float", "long", "int", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte")}
# Longest namespace first, so that an IRI is compacted with the most specific prefix.
COMPACT_ORDER = sorted(NAMESPACES.items(), key=lambda item: -len(item[1]))
OXIGRAPH_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
# The items of pyoxigraph's "expected one of …" lists: quoted tokens, words, and character classes
# ([_], ['0' ..= '9' | …]), which say little to a reader and are left out.
EXPECTED_ITEM = re.compile(r'''"(?:\\.|[^"\\])*"|\[(?:'(?:\\.|[^'\\])*'|[^\]'])*\]|[^,\s][^,]*''')
# The prefixed name that ends where the parser stopped, when its prefix is not declared.
PREFIXED_NAME_END = re.compile(r"([A-Za-z][\w.-]*)?:[\w.-]*$")
DETAIL_LIMIT = 120
SNIPPET_LIMIT = 40

T = TypeVar("T")


@dataclass(frozen=True)
class Question:
    """A shipped competency question: its name, the question it answers, and its file."""

    name: str
    question: str
    path: Path


@dataclass(frozen=True)
class Query:
    """A query to run: where it came from (named in messages) and its text."""

    source: str
    text: str


@dataclass(frozen=True)
class Answer:
    """What a query prints on stdout and the exit code that goes with it."""

    output: bytes
    exit_code: int = EXIT_OK


# --- the query and the graphs ------------------------------------------------------------------


def shipped_questions() -> list[Question]:
    """Return the shipped competency questions, sorted by name, with the question from each file's first line."""
    questions = []
    for path in sorted(QUESTIONS_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        questions.append(Question(path.stem, first.lstrip("#").strip(), path))
    return questions


def read_text_file(path: Path) -> str:
    """Read a UTF-8 query file, with the input errors of kg build."""
    if not path.exists():
        raise KgError("E001", path=path)
    if not path.is_file():
        raise KgError("E006", path=path)
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise KgError("E004", offset=err.start, path=path) from None


def read_query(source: str | None, text: str | None, stdin: BinaryIO) -> Query:
    """Return the one query given: --query text, '-' for stdin, a file, or the name of a shipped question.

    An existing file wins over a shipped question of the same name; a source that ends in .rq or holds a '/'
    is always a file.
    """
    if (source is None) == (text is None):
        raise KgError("E405")
    if text is not None:
        return Query("--query", text)
    if source == "-":
        data = stdin.read()
        try:
            return Query("<stdin>", data.decode("utf-8"))
        except UnicodeDecodeError as err:
            raise KgError("E004", offset=err.start, path="<stdin>") from None
    path = Path(source)
    if path.exists() or path.suffix == ".rq" or "/" in source:
        return Query(source, read_text_file(path))
    shipped = QUESTIONS_DIR / f"{source}.rq"
    if not shipped.is_file():
        raise KgError("E404", name=source)
    return Query(source, shipped.read_text(encoding="utf-8"))


def load_graphs(paths: list[Path]) -> ox.Store:
    """Load graph files into the default graph of a new in-memory store."""
    store = ox.Store()
    for path in paths:
        if not path.exists():
            raise KgError("E401", path=path)
        if not path.is_file():
            raise KgError("E006", path=path)
        rdf_format = GRAPH_FILE_FORMATS.get(path.suffix.lower())
        if rdf_format is None:
            raise KgError("E403", path=path, expected=", ".join(GRAPH_FILE_FORMATS))
        try:
            store.load(path=path, format=rdf_format)
        except SyntaxError as err:
            raise KgError("E402", path=path, detail=one_line(str(err))) from None
        except OSError as err:
            raise KgError("E402", path=path, detail=err.strerror or str(err)) from None
    return store


# --- safety: read-only, offline unless allowed -----------------------------------------------------


def remote_access(query: Query) -> list[tuple[str, str]]:
    """Return the SERVICE calls and FROM / FROM NAMED graphs of a query, read off its algebra, as (keyword, IRI)."""
    text = query.text.lower()
    for term in NOT_KEYWORDS:
        text = text.replace(term, " ")
    if not any(hint in text for hint in REMOTE_HINTS):
        return []
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        algebra = translateQuery(parseQuery(query.text), initNs=NAMESPACES).algebra
    except ParseBaseException as err:
        raise (KgError("E421", source=query.source) if is_update(query.text) else parse_error(query, err)) from None
    except Exception as err:  # rdflib reports an unknown prefix and other semantic errors as a bare Exception
        raise KgError("E412", source=query.source, detail=one_line(str(err))) from None
    found = []
    for node in algebra_nodes(algebra):
        if node.name == "ServiceGraphPattern":
            found.append(("SERVICE", node.term))
        elif node.name == "DatasetClause":
            found.append(("FROM", node["default"]) if "default" in node else ("FROM NAMED", node["named"]))
    return [(keyword, term.n3()) for keyword, term in found]


def algebra_nodes(root: object):
    """Yield every node of an rdflib query algebra, down to the patterns inside FILTER EXISTS and subqueries."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)


def is_update(text: str) -> bool:
    """Tell whether a text that is no valid query parses as a SPARQL UPDATE."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except ParseBaseException:
        return False
    return True


def parse_error(query: Query, err: ParseBaseException) -> KgError:
    """Return E411 at the line and column where rdflib's parser stopped, quoting the text it could not read."""
    rest = query.text[err.loc:].strip().split("\n")[0]
    if len(rest) > SNIPPET_LIMIT:
        rest = rest[:SNIPPET_LIMIT - 1] + "…"
    detail = f"cannot read '{rest}'" if rest else "the query ends too early"
    return KgError("E411", source=query.source, line=err.lineno, column=err.col, detail=detail)


def check_query(query: Query, allow_remote: bool) -> list[tuple[str, str]]:
    """Refuse a query that reaches outside the graph unless allowed; return the FROM graphs it is allowed to read."""
    if not query.text.strip():
        raise KgError("E411", source=query.source, line=1, column=1, detail="the query is empty")
    access = remote_access(query)
    if access and not allow_remote:
        keyword, target = access[0]
        raise KgError("E422" if keyword == "SERVICE" else "E423", source=query.source, keyword=keyword,
                      target=target)
    return [(keyword, target) for keyword, target in access if keyword != "SERVICE"]


def load_from_clauses(store: ox.Store, graphs: list[tuple[str, str]]) -> None:
    """Read the graphs that FROM and FROM NAMED name into named graphs of the store, as the user allowed."""
    from urllib.request import urlopen

    for _, target in graphs:
        iri = target[1:-1]
        try:
            with urlopen(iri) as response:  # file:, http: and https: IRIs
                media_type = response.headers.get_content_type()
                data = response.read()
            rdf_format = (GRAPH_FILE_FORMATS.get(Path(iri).suffix.lower())
                          or ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.TURTLE)
            store.load(input=data, format=rdf_format, base_iri=iri, to_graph=ox.NamedNode(iri))
        except (OSError, ValueError, SyntaxError) as err:
            raise KgError("E424", target=target, detail=one_line(str(err))) from None


# --- evaluation ---------------------------------------------------------------------------------


def run_with_timeout(work: Callable[[], T], seconds: float | None, source: str) -> T:
    """Run work in a daemon thread and return its result, or raise E431 when it takes longer than seconds."""
    # pyoxigraph evaluates in Rust with the GIL released and cannot cancel a query. A daemon thread leaves the
    # main thread free to keep the clock and give up on time; the abandoned evaluation ends with the process,
    # which exits right after the message. signal.alarm would only be handled between Python bytecodes, that
    # is after the Rust call returns (never, for a runaway query), and a child process would cost a fork and a
    # second load of the graph on every run. work() must materialise the results: evaluation is lazy.
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as err:  # handed to the main thread, which raises it
            # Without their frames: these hold pyoxigraph results, which must be freed on this thread.
            error: BaseException | None = err
            while error is not None:
                error.__traceback__ = None
                error = error.__context__
            outcome["error"] = err

    thread = threading.Thread(target=target, name="kg-query", daemon=True)
    thread.start()
    thread.join(seconds or None)
    if thread.is_alive():
        raise KgError("E431", source=source, seconds=f"{seconds:g}")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def evaluate(store: ox.Store, query: Query, output_format: str | None, interactive: bool) -> Answer:
    """Evaluate a query and render all of its results in the requested format (or the default for its form)."""
    try:
        results = store.query(query.text, prefixes=NAMESPACES)
        if isinstance(results, ox.QueryBoolean):
            return render_boolean(results, output_format)
        if isinstance(results, ox.QueryTriples):
            return render_graph(list(results), output_format)
        return render_solutions(results, output_format or ("table" if interactive else "tsv"))
    except SyntaxError as err:
        raise syntax_error(query, str(err)) from None
    except (OSError, RuntimeError, ValueError) as err:
        raise KgError("E412", source=query.source, detail=one_line(str(err))) from None


def run_query(query: Query, graphs: list[Path], output_format: str | None = None, interactive: bool = False,
              timeout: float | None = None, allow_remote: bool = False) -> Answer:
    """Answer a query over graph files: check it, load the graphs, evaluate within the time limit, render."""
    from_graphs = check_query(query, allow_remote)
    store = load_graphs(graphs)

    def work() -> Answer:
        load_from_clauses(store, from_graphs)
        return evaluate(store, query, output_format, interactive)

    return run_with_timeout(work, timeout, query.source)


def syntax_error(query: Query, message: str) -> KgError:
    """Explain a query pyoxigraph could not parse: E421 for an UPDATE, else E411 with a line and column."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    if is_update(query.text):
        return KgError("E421", source=query.source)
    try:
        parseQuery(query.text)
    except ParseBaseException as err:
        # rdflib's parser stops where the construct it cannot read begins; pyoxigraph's often reports the end
        # of the text, where its last alternative gave up.
        return parse_error(query, err)
    match = OXIGRAPH_ERROR.match(message)
    if not match:
        return KgError("E412", source=query.source, detail=one_line(message))
    line, column, detail = match.groups()
    return KgError("E411", source=query.source, line=line, column=column,
                   detail=readable_detail(query.text, int(line), int(column), detail))


def readable_detail(text: str, line: int, column: int, detail: str) -> str:
    """Say what pyoxigraph expected in words: the undeclared prefix, or the tokens without character classes."""
    if "Prefix not found" in detail:
        name = PREFIXED_NAME_END.search(text.split("\n")[line - 1][:column - 1])
        if name:
            return f"undeclared prefix '{name.group(1) or ''}:'"
    if detail.startswith("expected one of "):
        tokens = [item.strip() for item in EXPECTED_ITEM.findall(detail[len("expected one of "):])
                  if not item.startswith("[")]
        if tokens:
            detail = ("expected one of " if len(tokens) > 1 else "expected ") + ", ".join(tokens)
    return one_line(detail)


def one_line(detail: str) -> str:
    """Keep the first line of a parser's message, cut to a readable length."""
    first = detail.strip().splitlines()[0] if detail.strip() else ""
    return first if len(first) <= DETAIL_LIMIT else first[:DETAIL_LIMIT - 1] + "…"


# --- rendering ----------------------------------------------------------------------------------


def allowed(output_format: str | None, formats: tuple[str, ...], form: str) -> None:
    """Refuse a --format that does not fit the form of the query's results."""
    if output_format is not None and output_format not in formats:
        raise KgError("E406", format=output_format, form=form, allowed=", ".join(formats))


def render_boolean(answer: ox.QueryBoolean, output_format: str | None) -> Answer:
    """Render an ASK answer: true/false, or the W3C boolean document in json and xml; exit 1 when false."""
    allowed(output_format, RESULT_FORMATS, "ASK")
    exit_code = EXIT_OK if answer else EXIT_FALSE
    if output_format in ("json", "xml"):
        return Answer(ensure_newline(answer.serialize(format=RESULT_SERIALIZERS[output_format])), exit_code)
    # The W3C CSV and TSV formats have no boolean form: the table, csv and tsv formats print the word.
    return Answer(b"true\n" if answer else b"false\n", exit_code)


def render_graph(triples: list[ox.Triple], output_format: str | None) -> Answer:
    """Render CONSTRUCT or DESCRIBE triples, sorted so that the same graph always prints the same bytes."""
    output_format = output_format or "turtle"
    allowed(output_format, GRAPH_FORMATS, "CONSTRUCT and DESCRIBE")
    triples.sort(key=str)
    if output_format != "turtle":
        return Answer(ensure_newline(ox.serialize(triples, format=GRAPH_SERIALIZERS[output_format])))
    # The graph's own IRIs stay whole, as in out/graph.ttl: with the id: prefix their slashes would be escaped.
    prefixes = {prefix: namespace for prefix, namespace in NAMESPACES.items() if prefix != "id"}
    lines = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).splitlines(keepends=True)
    # pyoxigraph writes the @prefix lines in an order of its own: sort them so the output is reproducible.
    count = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
    return Answer(ensure_newline(b"".join(sorted(lines[:count]) + lines[count:])))


def render_solutions(results: ox.QuerySolutions, output_format: str) -> Answer:
    """Render SELECT solutions: an aligned table for people, or a W3C results format."""
    allowed(output_format, RESULT_FORMATS, "SELECT")
    if output_format != "table":
        return Answer(ensure_newline(results.serialize(format=RESULT_SERIALIZERS[output_format])))
    variables = [variable.value for variable in results.variables]
    rows = [[solution[name] for name in variables] for solution in results]
    return Answer(format_table(variables, rows).encode("utf-8"))


def format_table(header: list[str], rows: list[list[object]]) -> str:
    """Lay out solutions as aligned columns: IRIs compacted, literals as their text, numbers to the right."""
    cells = [[display(term) for term in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(header)]
    numeric = [bool(rows) and all(term is None or is_number(term) for term in (row[i] for row in rows))
               for i in range(len(header))]

    def line(values: list[str]) -> str:
        padded = [v.rjust(w) if right else v.ljust(w) for v, w, right in zip(values, widths, numeric)]
        return "  ".join(padded).rstrip()

    lines = [line(header), line(["-" * w for w in widths])] + [line(row) for row in cells]
    return "\n".join(lines) + "\n"


def display(term: object) -> str:
    """Show one term in the table: a compact IRI, the text of a literal, _:id for a blank node, blank if unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.Literal):
        text = term.value
    elif isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    else:
        text = str(term)
    # One row stays one line: a paragraph's newlines and tabs are shown as escapes.
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def compact(iri: str) -> str:
    """Write an IRI with the contract's prefix for its namespace, or in angle brackets if it has none."""
    for prefix, namespace in COMPACT_ORDER:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def is_number(term: object) -> bool:
    """Tell whether a term is a numeric literal."""
    return isinstance(term, ox.Literal) and term.datatype.value in NUMERIC_TYPES


def ensure_newline(data: bytes) -> bytes:
    """End a serialization with a newline, so that a shell prompt starts on a line of its own."""
    return data if not data or data.endswith(b"\n") else data + b"\n"
