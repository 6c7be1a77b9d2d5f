"""Command line: thin typer commands that parse options and call the plain functions of the passes."""

from __future__ import annotations

import io
import math
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from kg.errors import EXIT_NONCONFORMING, KgError

# The help of `kg --help` is the docstring of the callback below, exit codes included.
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False)

DEFAULT_SEEDS = Path("seeds")
DEFAULT_OUT = Path("out")
DEFAULT_GRAPH = DEFAULT_OUT / "graph.ttl"
DEFAULT_STORE = DEFAULT_OUT / "store"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_MEMORY = 2000  # MB: ample for graphs of news, well below the memory of a laptop


class OutputFormat(str, Enum):
    """Every format a command can print its results in; each command accepts those that fit what it prints."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    xml = "xml"
    turtle = "turtle"
    ntriples = "ntriples"
    jsonld = "jsonld"
    trig = "trig"
    nquads = "nquads"


# The one output-format option, shared by the commands that print results.
FormatOption = Annotated[Optional[OutputFormat], typer.Option(
    "--format", "-f", case_sensitive=False,
    help="table, csv, tsv, json or xml for SELECT and ASK; turtle, ntriples or jsonld for CONSTRUCT and "
         "DESCRIBE; trig, nquads or turtle for kg export. Default: table on a terminal, tsv otherwise; turtle for "
         "graphs; for kg export, the suffix of --out, else trig.")]


def show_version(value: bool) -> None:
    """Print the version of the installed kg package and exit, for --version."""
    if value:
        from importlib.metadata import version

        typer.echo(f"kg {version('kg')}")
        raise typer.Exit()


@app.callback()
def commands(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=show_version,
                                 help="Show the version and exit."),
) -> None:
    """Turn Spanish news about diplomatic events into an RDF knowledge graph.

    Exit codes:
    0 ok (kg query: ASK answered true)
    1 graph does not conform, ASK false, F1 below --min-f1, no match for kg page
    2 usage error
    3 bad input: article, graph, store, query or gold file
    4 bad rule file
    5 output not writable
    6 invalid query
    7 query refused
    8 query stopped by --timeout or --max-memory
    9 endpoint, kg serve's server or Dask cluster unreachable or failed
    10 kg build: a worker process ended abruptly, or the cluster lost its workers
    """


def finite(value: float) -> float:
    """Refuse a --timeout of nan or inf, which pass the range check of the option."""
    if not math.isfinite(value):
        raise typer.BadParameter("not a finite number of seconds")
    return value


def fail(err: KgError) -> None:
    """Print one error line on stderr and exit with the error's code."""
    typer.echo(f"Error: {err.message}", err=True)
    raise typer.Exit(err.exit_code)


@app.command()
def build(
    paths: Optional[list[Path]] = typer.Argument(
        None, help="Article files (text or saved web pages) or directories of them (default: seeds/)."),
    out: str = typer.Option(str(DEFAULT_OUT), "--out", "-o", metavar="DIR", help="Output directory."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="Directory of rule files (default: the shipped rules)."),
    validate: bool = typer.Option(False, "--validate", help="Check the graph against the SHACL shapes; exit 1 if it does not conform."),
    published: Optional[str] = typer.Option(
        None, "--published", metavar="YYYY-MM-DD",
        help="Publication date of the articles that give none of their own; it wins over the date a file name "
             "starts with."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Read every article again, whatever the store holds."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, metavar="N",
                                       help="Read the articles in N processes (default: one per core)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", metavar="tcp://HOST:PORT",
        help="Have the workers of this Dask scheduler read the articles (needs the dask extra of kg)."),
    shards: Optional[Path] = typer.Option(
        None, "--shards", metavar="DIR",
        help="With --scheduler: where to write the N-Quads shards the cluster gives (default: OUT/shards)."),
) -> None:
    """Build the store out/store, out/graph.ttl and its exploration page out/graph.html from the articles.

    Articles are .txt, .html or .htm files; only those new or changed since the last build into --out are read again.
    """
    from kg.build import WHOLE_GRAPH_ARTICLES, run_build
    from kg.extract.rules import RULES_DIR
    from kg.jobs import default_jobs
    from kg.progress import reporting

    if not out.strip():
        fail(KgError("E202"))
    if scheduler is not None and jobs is not None:
        fail(KgError("E210"))
    if scheduler is None and shards is not None:
        fail(KgError("E211"))
    try:
        with reporting(sys.stderr) as report:
            built = run_build(paths or [DEFAULT_SEEDS], Path(out), rules or RULES_DIR, published, report.warn, rebuild,
                              jobs or default_jobs(), report.progress, scheduler, shards, need_graph=validate)
    except KgError as err:
        fail(err)
    typer.echo(f"wrote {built.store} ({built.read} articles read, {built.kept} kept, {built.dropped} dropped)",
               err=True)
    if built.turtle is not None:
        typer.echo(f"wrote {built.turtle} ({len(built.graph)} triples)", err=True)
    else:
        typer.echo(f"no {Path(out) / 'graph.ttl'}: more than {WHOLE_GRAPH_ARTICLES} articles (`kg export -f turtle` "
                   f"writes their graph from the store)", err=True)
    typer.echo(f"wrote {built.page} ({built.projection.number_of_nodes()} nodes, "
               f"{built.projection.number_of_edges()} edges)", err=True)
    if validate:
        from kg.rdf.validate import validate_graph

        conforms, report = validate_graph(built.graph.to_graph())
        if not conforms:
            typer.echo(report, err=True)
            typer.echo("Error: [E301] the graph does not conform to ontology/shapes.ttl", err=True)
            raise typer.Exit(EXIT_NONCONFORMING)
        typer.echo("the graph conforms to ontology/shapes.ttl", err=True)


@app.command()
def query(
    source: Optional[str] = typer.Argument(
        None, metavar="[FILE|NAME|-]", show_default=False,
        help="A .rq file, the name of a shipped question (see --list), or - to read standard input."),
    text: Optional[str] = typer.Option(None, "--query", "-q", help="The query itself, for one-liners."),
    graphs: Optional[list[Path]] = typer.Option(
        None, "--graph", "-g", help=f"A graph file to query; repeat to merge several (default: {DEFAULT_STORE} if "
                                    f"it exists, else {DEFAULT_GRAPH})."),
    store: Optional[Path] = typer.Option(None, "--store", metavar="DIR",
                                         help="A store that kg build wrote, queried as the union of its graphs."),
    output_format: FormatOption = None,
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", min=0, metavar="SECONDS", callback=finite,
                                  help="Stop a query that takes longer, from reading it to its last row "
                                       "(0: no limit)."),
    max_memory: int = typer.Option(DEFAULT_MAX_MEMORY, "--max-memory", min=0, max=1_000_000, metavar="MB",
                                   help="Stop a query that needs more memory, in megabytes (0: no limit)."),
    allow_remote: bool = typer.Option(False, "--allow-remote",
                                      help="Let SERVICE reach other endpoints and FROM read files and URLs."),
    list_questions: bool = typer.Option(False, "--list", help="List the shipped questions and exit."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", metavar="URL",
                                           help="Ask this SPARQL 1.1 endpoint over HTTP instead of graph files."),
) -> None:
    """Answer a SPARQL query over out/store (else out/graph.ttl); the contract's prefixes need no PREFIX line.

    Exit codes:
    0 ok (ASK: true), 1 ASK answered false, 2 usage error,
    3 missing, unreadable or refused graph or query file,
    6 syntax error, query too large or failed evaluation,
    7 refused (UPDATE; SERVICE or FROM without --allow-remote),
    8 stopped by --timeout or --max-memory,
    9 endpoint unreachable, HTTP error or unreadable answer.
    """
    from kg.query import run_query, shipped_questions

    if list_questions:
        questions = shipped_questions()
        width = max(len(q.name) for q in questions)
        typer.echo("\n".join(f"{q.name:<{width}}  {q.question}" for q in questions))
        return
    if graphs and store is not None:
        fail(KgError("E427"))
    if endpoint is not None and (graphs or store is not None):
        fail(KgError("E605"))
    if not graphs and store is None and DEFAULT_STORE.is_dir():
        store = DEFAULT_STORE
    if sys.stdout is None:  # Python's stand-in for a descriptor 1 that the shell closed (`>&-`)
        fail(KgError("E201", path="standard output", detail="it is closed"))
    # A closed standard input reads as empty; a reader that goes away (`| head`) ends the command quietly, with
    # exit code 1 (click's handling of EPIPE).
    stdin = sys.stdin.buffer if sys.stdin is not None else io.BytesIO()
    # Results go to the raw file under the buffer: they come in chunks already, and what a full device refuses
    # must not stay in a buffer that Python would try again to flush at exit.
    stdout = getattr(sys.stdout.buffer, "raw", sys.stdout.buffer)
    if endpoint is not None:
        from kg.endpoint import run_endpoint_query

        try:
            exit_code = run_endpoint_query(source, text, stdin, endpoint, stdout,
                                           output_format.value if output_format else None, sys.stdout.isatty(),
                                           timeout, max_memory)
        except KgError as err:
            fail(err)
        raise typer.Exit(exit_code)
    try:
        exit_code = run_query(source, text, stdin, graphs or [DEFAULT_GRAPH], stdout,
                              output_format.value if output_format else None, sys.stdout.isatty(), allow_remote,
                              timeout, max_memory, store)
    except KgError as err:
        fail(err)
    raise typer.Exit(exit_code)


@app.command()
def serve(
    store: Path = typer.Option(DEFAULT_STORE, "--store", metavar="DIR",
                               help="The Oxigraph store that kg build writes, one named graph per article."),
    bind: str = typer.Option("127.0.0.1:7878", "--bind", metavar="HOST:PORT", help="Where to answer."),
    timeout: int = typer.Option(int(DEFAULT_TIMEOUT), "--timeout", min=0, metavar="SECONDS",
                                help="Cancel a query that runs longer (0: no limit)."),
) -> None:
    """Answer SPARQL queries over HTTP at /query from a store, read-only, until Ctrl-C.

    The default graph is the union of the articles' graphs.

    Exit codes: 0 stopped by Ctrl-C, 2 usage error, 3 missing or unreadable store,
    9 cannot listen on the address, or the server stopped.
    """
    from kg.store.serve import serve_store

    try:
        serve_store(store, bind, timeout, lambda message: typer.echo(message, err=True))
    except KgError as err:
        fail(err)


@app.command()
def page(
    store: Path = typer.Option(DEFAULT_STORE, "--store", metavar="DIR", help="The store that kg build wrote."),
    actor: Optional[str] = typer.Option(
        None, "--actor", metavar="NAME",
        help="The events and statements an actor takes part in: a label (case and accents do not matter; else the "
             "labels that contain it), a Wikidata id (Q7747) or an entity IRI."),
    start: Optional[str] = typer.Option(None, "--from", metavar="YYYY-MM-DD",
                                        help="The events and statements whose days reach this day or later."),
    end: Optional[str] = typer.Option(None, "--to", metavar="YYYY-MM-DD",
                                      help="The events and statements whose days begin on this day or earlier."),
    article: Optional[str] = typer.Option(None, "--article", metavar="KEY|IRI|FILE",
                                          help="One article: its key, its IRI, or the file it was built from."),
    out: Path = typer.Option(DEFAULT_OUT / "page.html", "--out", "-o", metavar="FILE", help="The page to write."),
) -> None:
    """Write the exploration page of a selection of the store (default: its most recent articles) to out/page.html.

    Filters combine; a page holds at most 1,500 nodes, the most recent first, and says what it shows.

    Exit codes: 0 ok, 1 nothing matches the filters, 2 usage error (a bad day), 3 missing or unreadable store,
    unknown actor or article, 5 output not writable.
    """
    from kg.page.selection import Selection, write_page

    try:
        projection = write_page(store, Selection(actor, start, end, article), out)
    except KgError as err:
        fail(err)
    typer.echo(f"wrote {out} ({projection.number_of_nodes()} nodes, {projection.number_of_edges()} edges)", err=True)


@app.command()
def export(
    store: Path = typer.Option(DEFAULT_STORE, "--store", metavar="DIR", help="The store to write."),
    output_format: FormatOption = None,
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FILE",
                                       help="The file to write (default: standard output)."),
) -> None:
    """Write a store: its article graphs and shared graph as TriG or N-Quads, or their union as Turtle.

    Exit codes: 0 ok, 2 usage error, 3 missing or unreadable store, 5 output not writable.
    """
    from kg.store import export as export_store, export_format, write_export

    if out is None and sys.stdout is None:  # a descriptor 1 that the shell closed (`>&-`)
        fail(KgError("E201", path="standard output", detail="it is closed"))
    try:
        pieces = export_store(store, export_format(output_format.value if output_format else None, out))
        write_export(pieces, out, sys.stdout.buffer)
    except KgError as err:
        fail(err)


@app.command("eval")
def evaluate(
    directories: list[Path] = typer.Argument(..., help="Directories of NAME.txt articles with NAME.gold.toml annotations."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="Directory of rule files (default: the shipped rules)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every missed fact and every false positive."),
    output_format: FormatOption = None,
    min_f1: Optional[float] = typer.Option(None, "--min-f1", min=0, max=1, metavar="X",
                                           help="Exit 1 when the total F1 is below X."),
) -> None:
    """Build each article that has a gold annotation and score its graph: facts found, recall, precision, F1.

    Exit codes: 0 ok, 1 total F1 below --min-f1, 2 usage error, 3 bad article or gold file, 4 bad rule file.
    """
    import json

    from kg.evaluate import evaluate as run_evaluation, report_lines
    from kg.extract.rules import RULES_DIR, load_rules

    if output_format not in (None, OutputFormat.table, OutputFormat.json):
        fail(KgError("E406", format=output_format.value, form="kg eval", allowed="table or json"))
    try:
        scores, total = run_evaluation(directories, load_rules(rules or RULES_DIR))
    except KgError as err:
        fail(err)
    if output_format is OutputFormat.json:
        data = {"articles": [s.as_dict(details=True) for s in scores], "total": total.as_dict(details=False)}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo("\n".join(report_lines(scores, total, verbose)))
    if min_f1 is not None and total.f1 < min_f1:
        typer.echo(f"Error: total F1 {total.f1:.3f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(EXIT_NONCONFORMING)


def main() -> None:
    """Run the kg command, ending with SystemExit as typer does."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("Error: interrupted", err=True)
        sys.exit(130)


def run() -> NoReturn:
    """Entry point of the kg command: run it, then end the process without the interpreter's teardown.

    Freeing the modules and objects of rdflib, networkx and a graph one by one takes longer than a one-article
    build's own work. Every file a command writes is written, renamed and closed when it returns, and its store
    closed; only the standard streams remain to flush.
    """
    try:
        main()
        code = 0
    except SystemExit as done:
        code = exit_code(done)
    # A stream is None when its descriptor was closed before Python started.
    for stream in filter(None, (sys.stdout, sys.stderr)):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (`| head`), a stream already closed
            pass
    os._exit(code)


def exit_code(done: SystemExit) -> int:
    """Return the exit status Python gives a SystemExit: 0 for None, its number, else 1 after writing its message."""
    if done.code is None:
        return 0
    if isinstance(done.code, int):
        return done.code
    print(done.code, file=sys.stderr)
    return 1
