"""The query pass: SPARQL 1.1 over built graphs, read-only, offline unless allowed, within a time and memory limit.

pyoxigraph evaluates the queries: it loads and answers in milliseconds where rdflib needs a third of a second
to import its SPARQL engine and parse the graph (tests/benchmark.py measures both), and it writes the W3C
result formats itself. rdflib's SPARQL parser is imported only to inspect queries that may hold SERVICE or
FROM, and to tell an UPDATE from a syntax error.

Whatever the query or graph, the pass ends in results or in one numbered error: cheap scans bound the size,
nesting and length of a query and refuse graphs that no parser should see, before any parser sees them, and
the work runs in a child process (kg/limits.py) that the time and memory limits can stop.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from kg.errors import EXIT_FALSE, EXIT_OK, KgError
from kg.limits import run_limited
from kg.rdf.vocab import NAMESPACES

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

# The limits of a query, checked before any parser sees it. pyoxigraph's parser recurses once per nesting level
# and per operand of a chain (kg/limits.py sizes its stack for MAX_QUERY_TOKENS), rdflib's by some forty Python
# frames per level of brackets; no query a person writes comes near them.
MAX_QUERY_BYTES = 1_000_000
MAX_QUERY_TOKENS = 20_000
MAX_DEPTH = 64
# One SPARQL token per match, as precise as the limits need: strings, IRIs and comments whole (a bracket inside
# them does not nest), brackets apart, names and numbers as runs, the operators of two characters, any other
# character alone.
SPARQL_TOKEN = re.compile(r"""
    (?P<term>\"\"\"[\s\S]*?\"\"\" | '''[\s\S]*?''' | "(?:[^"\\\n\r]|\\.)*" | '(?:[^'\\\n\r]|\\.)*'
             | <[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<comment>\#[^\n\r]*)
    | (?P<open>[{(\[]) | (?P<close>[})\]])
    | [\w?$:.-]+ | \|\| | && | [!<>]= | \^\^ | \S""", re.VERBOSE)
# The same for JSON-LD, whose parser in pyoxigraph recurses once per nested object: strings whole, brackets apart.
JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|(?P<open>[{\[])|(?P<close>[}\]])')
# RDF/XML is read without a DOCTYPE, whose entities can expand exponentially ("billion laughs"). XML names are
# case-sensitive, but pyoxigraph's parser also reads a lowercase <!doctype.
XML_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# The graph formats whose files are checked before they are parsed; the others' parsers are safe at any depth.
CHECKED_FORMATS = (ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD)


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


# --- the query and the graphs ------------------------------------------------------------------


def shipped_questions() -> list[Question]:
    """Return the shipped competency questions, sorted by name, with the question from each file's first line."""
    questions = []
    for path in sorted(QUESTIONS_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        questions.append(Question(path.stem, first.lstrip("#").strip(), path))
    return questions


def query_source(source: str | None, text: str | None) -> str:
    """Name the one query given as messages show it: --query, <stdin>, or the file or question named."""
    if (source is None) == (text is None):
        raise KgError("E405")
    return "--query" if text is not None else "<stdin>" if source == "-" else source


def read_query(source: str | None, text: str | None, stdin: BinaryIO) -> Query:
    """Return the one query given: --query text, '-' for stdin, a file, or the name of a shipped question.

    An existing file wins over a shipped question of the same name; a source that ends in .rq or holds a '/'
    is always a file. No more than MAX_QUERY_BYTES and one byte are read, whatever the source.
    """
    name = query_source(source, text)
    if text is not None:
        # Command-line bytes that are not UTF-8 arrive as surrogates: back to those bytes, to report them.
        return decode_query(name, text.encode("utf-8", "surrogateescape"))
    if source == "-":
        return decode_query(name, read_at_most(stdin, MAX_QUERY_BYTES + 1))
    path = Path(name)
    if not (path.exists() or path.suffix == ".rq" or "/" in name):
        path = QUESTIONS_DIR / f"{name}.rq"
        if not path.is_file():
            raise KgError("E404", name=name)
    elif not path.exists():
        raise KgError("E001", path=path)
    elif not path.is_file():
        raise KgError("E006", path=path)
    with path.open("rb") as file:
        return decode_query(name, read_at_most(file, MAX_QUERY_BYTES + 1))


def read_at_most(stream: BinaryIO, size: int) -> bytes:
    """Read a stream to its end or to size bytes, whichever comes first."""
    chunks = []
    while size > 0:
        chunk = stream.read(size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def decode_query(source: str, data: bytes) -> Query:
    """Return the text of a query, refused if it is larger than MAX_QUERY_BYTES, holds a NUL byte or is not UTF-8."""
    if len(data) > MAX_QUERY_BYTES:
        raise KgError("E407", source=source, limit=f"{MAX_QUERY_BYTES:,}")
    nul = data.find(b"\0")
    if nul >= 0:
        raise KgError("E408", source=source, offset=nul)
    try:
        return Query(source, data.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise KgError("E004", offset=err.start, path=source) from None


def check_size(query: Query) -> None:
    """Refuse a query whose brackets nest deeper than MAX_DEPTH or that has more than MAX_QUERY_TOKENS tokens."""
    depth = tokens = 0
    for token in SPARQL_TOKEN.finditer(query.text):
        if token.lastgroup == "comment":
            continue
        tokens += 1
        if tokens > MAX_QUERY_TOKENS:
            raise KgError("E414", source=query.source, limit=f"{MAX_QUERY_TOKENS:,}")
        if token.lastgroup == "open":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = line_and_column(query.text, token.start())
                raise KgError("E413", source=query.source, limit=MAX_DEPTH, line=line, column=column)
        elif token.lastgroup == "close":
            depth = max(depth - 1, 0)


def line_and_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """Return the line and column, both from 1, of an offset in a text."""
    newline = "\n" if isinstance(text, str) else b"\n"
    return text.count(newline, 0, offset) + 1, offset - text.rfind(newline, 0, offset)


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
            if rdf_format in CHECKED_FORMATS:
                data = path.read_bytes()
                check_graph(data, rdf_format, path)
                store.load(input=data, format=rdf_format)
            else:
                store.load(path=path, format=rdf_format)
        except SyntaxError as err:
            raise KgError("E402", path=path, detail=one_line(str(err))) from None
        except OSError as err:
            raise KgError("E402", path=path, detail=err.strerror or str(err)) from None
    return store


def check_graph(data: bytes, rdf_format: ox.RdfFormat, name: object) -> None:
    """Refuse RDF/XML that declares entities, and JSON-LD nested deeper than MAX_DEPTH, before a parser reads them."""
    if rdf_format == ox.RdfFormat.RDF_XML:
        declaration = XML_DECLARATION.search(data)
        if declaration:
            raise KgError("E409", path=name, line=line_and_column(data, declaration.start())[0])
    elif rdf_format == ox.RdfFormat.JSON_LD:
        depth = 0
        for token in JSON_TOKEN.finditer(data):
            if token.lastgroup == "open":
                depth += 1
                if depth > MAX_DEPTH:
                    line, column = line_and_column(data, token.start())
                    raise KgError("E410", path=name, limit=MAX_DEPTH, line=line, column=column)
            elif token.lastgroup == "close":
                depth = max(depth - 1, 0)


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
    """Refuse a query too large to parse safely, or that reaches outside the graph unless allowed; return the FROM
    graphs it is allowed to read."""
    if not query.text.strip():
        raise KgError("E411", source=query.source, line=1, column=1, detail="the query is empty")
    check_size(query)
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
            check_graph(data, rdf_format, target)
            store.load(input=data, format=rdf_format, base_iri=iri, to_graph=ox.NamedNode(iri))
        except (OSError, ValueError, SyntaxError) as err:
            raise KgError("E424", target=target, detail=one_line(str(err))) from None


# --- evaluation ---------------------------------------------------------------------------------


def run_query(source: str | None, text: str | None, stdin: BinaryIO, graphs: list[Path], out: BinaryIO,
              output_format: str | None = None, interactive: bool = False, allow_remote: bool = False,
              timeout: float | None = None, max_memory: int | None = None, store: Path | None = None) -> int:
    """Answer the query given on the command line within the time and memory limits; return the exit code.

    Everything from reading the query to the last row runs in a child process, which streams the results to out.
    With a store, the query reads it instead of the graph files.
    """

    def work(stream: BinaryIO) -> int:
        query = read_query(source, text, stdin)
        if store is not None:
            return answer_from_store(query, store, stream, output_format, interactive, allow_remote)
        return answer_query(query, graphs, stream, output_format, interactive, allow_remote)

    return run_limited(work, out, query_source(source, text), timeout, max_memory)


def answer_query(query: Query, graphs: list[Path], out: BinaryIO, output_format: str | None = None,
                 interactive: bool = False, allow_remote: bool = False) -> int:
    """Check a query, load the graphs, evaluate and write the results to out, without limits; return the exit code."""
    from_graphs = check_query(query, allow_remote)
    store = load_graphs(graphs)
    load_from_clauses(store, from_graphs)
    return evaluate(store, query, output_format, interactive, out)


def answer_from_store(query: Query, directory: Path, out: BinaryIO, output_format: str | None = None,
                      interactive: bool = False, allow_remote: bool = False) -> int:
    """Check a query and answer it over the union of a store's graphs, without limits; return the exit code."""
    from kg.store import opened_for_reading, union_in_memory

    from_graphs = check_query(query, allow_remote)
    with opened_for_reading(directory) as store:
        if not from_graphs:
            return evaluate(store, query, output_format, interactive, out, union=True)
        # The graphs FROM reads go beside the store's, which pyoxigraph opens read-only: into a copy in memory.
        memory = union_in_memory(store)
    load_from_clauses(memory, from_graphs)
    return evaluate(memory, query, output_format, interactive, out)


def evaluate(store: ox.Store, query: Query, output_format: str | None, interactive: bool, out: BinaryIO,
             union: bool = False) -> int:
    """Evaluate a query and write its results to out in the requested format, or the default for its form; with
    union, the default graph is the union of the store's graphs."""
    try:
        results = store.query(query.text, prefixes=NAMESPACES, use_default_graph_as_union=union)
        if isinstance(results, ox.QueryBoolean):
            return write_boolean(results, output_format, out)
        if isinstance(results, ox.QueryTriples):
            return write_graph(results, output_format, out)
        return write_solutions(results, output_format or ("table" if interactive else "tsv"), out)
    except SyntaxError as err:
        raise syntax_error(query, str(err)) from None
    except (OSError, RuntimeError, ValueError) as err:
        raise KgError("E412", source=query.source, detail=one_line(str(err))) from None


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


def write_boolean(answer: ox.QueryBoolean, output_format: str | None, out: BinaryIO) -> int:
    """Write an ASK answer: true/false, or the W3C boolean document in json and xml; exit 1 when false."""
    allowed(output_format, RESULT_FORMATS, "ASK")
    if output_format in ("json", "xml"):
        out.write(ensure_newline(answer.serialize(format=RESULT_SERIALIZERS[output_format])))
    else:  # the W3C CSV and TSV formats have no boolean form: the table, csv and tsv formats print the word
        out.write(b"true\n" if answer else b"false\n")
    return EXIT_OK if answer else EXIT_FALSE


def write_graph(results: Iterable[ox.Triple], output_format: str | None, out: BinaryIO) -> int:
    """Write CONSTRUCT or DESCRIBE triples, sorted so that the same graph always prints the same bytes."""
    output_format = output_format or "turtle"
    allowed(output_format, GRAPH_FORMATS, "CONSTRUCT and DESCRIBE")
    # Sorting needs every triple: a graph is collected, within the memory limit, before it is printed.
    triples = sorted(results, key=str)
    if output_format != "turtle":
        out.write(ensure_newline(ox.serialize(triples, format=GRAPH_SERIALIZERS[output_format])))
        return EXIT_OK
    # The graph's own IRIs stay whole, as in out/graph.ttl: with the id: prefix their slashes would be escaped.
    prefixes = {prefix: namespace for prefix, namespace in NAMESPACES.items() if prefix != "id"}
    lines = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).splitlines(keepends=True)
    # pyoxigraph writes the @prefix lines in an order of its own: sort them so the output is reproducible.
    count = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
    out.write(ensure_newline(b"".join(sorted(lines[:count]) + lines[count:])))
    return EXIT_OK


def write_solutions(results: ox.QuerySolutions, output_format: str, out: BinaryIO) -> int:
    """Write SELECT solutions: an aligned table for people, or a W3C results format streamed as the rows come."""
    allowed(output_format, RESULT_FORMATS, "SELECT")
    if output_format != "table":
        results.serialize(out, format=RESULT_SERIALIZERS[output_format])
        if output_format in ("json", "xml"):  # pyoxigraph ends these two without a newline, csv and tsv with one
            out.write(b"\n")
        return EXIT_OK
    # The widths of the columns need every row: a table is collected, within the memory limit, before it is printed.
    variables = [variable.value for variable in results.variables]
    rows = [[solution[name] for name in variables] for solution in results]
    out.write(format_table(variables, rows).encode("utf-8"))
    return EXIT_OK


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
