"""Command line: thin typer commands that parse options and call the plain functions of the passes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from kg.errors import EXIT_NONCONFORMING, KgError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn Spanish news about diplomatic events into an RDF knowledge graph.")

DEFAULT_SEEDS = Path("seeds")
DEFAULT_OUT = Path("out")


@app.callback()
def commands() -> None:
    """Turn Spanish news about diplomatic events into an RDF knowledge graph.

    Exit codes: 0 ok, 1 graph does not conform to the shapes, 2 usage error,
    3 bad input article, 4 bad rule file, 5 output not writable.
    """


def fail(err: KgError) -> None:
    """Print one error line on stderr and exit with the error's code."""
    typer.echo(f"Error: {err.message}", err=True)
    raise typer.Exit(err.exit_code)


@app.command()
def build(
    paths: Optional[list[Path]] = typer.Argument(None, help="Article files or directories of *.txt (default: seeds/)."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Output directory."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="Directory of rule files (default: the shipped rules)."),
    validate: bool = typer.Option(False, "--validate", help="Check the graph against the SHACL shapes; exit 1 if it does not conform."),
) -> None:
    """Build out/graph.ttl and its exploration page out/graph.html from the articles."""
    from kg.build import run_build
    from kg.rules import RULES_DIR

    try:
        built = run_build(paths or [DEFAULT_SEEDS], out, rules or RULES_DIR)
    except KgError as err:
        fail(err)
    typer.echo(f"wrote {built.turtle} ({len(built.graph)} triples)", err=True)
    typer.echo(f"wrote {built.page} ({built.projection.number_of_nodes()} nodes, "
               f"{built.projection.number_of_edges()} edges)", err=True)
    if validate:
        from kg.validate import validate_graph

        conforms, report = validate_graph(built.graph)
        if not conforms:
            typer.echo(report, err=True)
            typer.echo("Error: [E301] the graph does not conform to ontology/shapes.ttl", err=True)
            raise typer.Exit(EXIT_NONCONFORMING)
        typer.echo("the graph conforms to ontology/shapes.ttl", err=True)


def main() -> None:
    """Entry point of the kg command."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("Error: interrupted", err=True)
        sys.exit(130)
