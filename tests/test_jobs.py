"""kg build --jobs: the same outputs and warnings whatever the number of workers, one line for an error of one of
them, and a progress bar on terminals only."""

from __future__ import annotations

import contextlib
import io
import os
import select
import signal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS
from typer.testing import CliRunner

import kg.jobs
from kg.cli import app
from kg.errors import EXIT_ABORTED, EXIT_OK, EXIT_RULES
from kg.progress import reporting
from kg.rdf.mapping import new_triples
from tests.conftest import ROOT

runner = CliRunner()

HEAD = "Titular de la noticia\n\nEntradilla de la noticia.\n\n10 Marzo de 2022 10.00\n\n"
ARTICLES = {
    "a-llamada.txt": HEAD + "El presidente ruso, Vladimir Putin, habló por teléfono con Joe Biden sobre Ucrania.\n",
    # No date and no event: two warnings, which must come in the order of the articles.
    "b-tiempo.txt": "Titular\n\nLas lluvias seguirán durante toda la semana en el norte del país.\n",
    "c-cumbre.txt": HEAD + "El canciller ruso, Serguéi Lavrov, se reunió en Ginebra con el secretario de Estado, "
                           "Antony Blinken.\n",
    "d-nada.txt": HEAD + "La cosecha de trigo fue mejor que la del año pasado.\n",
    "e-visita.txt": HEAD + "El presidente francés, Emmanuel Macron, visitó Pekín, donde se reunió con Xi "
                           "Jinping.\n",
}


def write_articles(directory: Path, articles: dict[str, str]) -> Path:
    """Write articles (name: text) into a fresh directory and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def build(inputs: Path, out: Path, *args: str):
    """Run kg build in process; stderr is captured apart from stdout."""
    return runner.invoke(app, ["build", str(inputs), "--out", str(out), *args])


def outputs(out: Path) -> tuple[bytes, bytes, bytes]:
    """Return graph.ttl, graph.html and the store as N-Quads (kg export)."""
    exported = runner.invoke(app, ["export", "--store", str(out / "store"), "-f", "nquads"])
    assert exported.exit_code == EXIT_OK, exported.stderr
    return (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes(), exported.stdout_bytes


def test_workers_give_the_bytes_and_warnings_of_one_process(tmp_path: Path) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    alone = build(inputs, tmp_path / "one", "--jobs", "1")
    pooled = build(inputs, tmp_path / "two", "--jobs", "2")
    assert alone.exit_code == pooled.exit_code == EXIT_OK, pooled.stderr
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    warnings = [line for line in pooled.stderr.splitlines() if line.startswith("Warning: ")]
    assert [line[:15] for line in warnings] == ["Warning: [W001]", "Warning: [W005]", "Warning: [W005]"]
    assert "b-tiempo.txt" in warnings[0] and "b-tiempo.txt" in warnings[1] and "d-nada.txt" in warnings[2]
    assert alone.stderr.replace(str(tmp_path / "one"), "OUT") == pooled.stderr.replace(str(tmp_path / "two"), "OUT")


def test_workers_read_only_what_the_store_lacks(tmp_path: Path) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    assert build(inputs, tmp_path / "out", "--jobs", "2").exit_code == EXIT_OK
    (inputs / "c-cumbre.txt").write_text(ARTICLES["c-cumbre.txt"].replace("Ginebra", "Viena"), encoding="utf-8")
    (inputs / "e-visita.txt").unlink()  # with the old text of c-cumbre.txt, two articles are gone
    result = build(inputs, tmp_path / "out", "--jobs", "2")
    assert f"wrote {tmp_path / 'out' / 'store'} (1 articles read, 3 kept, 2 dropped)" in result.stderr
    assert build(inputs, tmp_path / "full", "--jobs", "1").exit_code == EXIT_OK
    assert outputs(tmp_path / "out") == outputs(tmp_path / "full")


def runaway_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, letters: int, *options: str):
    """Build the articles, the third with a sentence on which a rule added to a copy of the rules backtracks for
    2^letters steps, with a budget of 0.3 s a rule; return the build's result and its error lines."""
    import shutil

    import kg.extract.mentions

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "kg" / "rules", rules)
    monkeypatch.setattr(kg.extract.mentions, "RULE_SECONDS", 0.3)
    with (rules / "circumstances.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[rule]]\nid = "boundary.runaway"\nstage = "boundary"\npattern = \'\'\'(a+)+$\'\'\'\n')
    runaway = dict(ARTICLES, **{"c-cumbre.txt": ARTICLES["c-cumbre.txt"].replace("Blinken.", "Blinken " + "a" * letters
                                                                                 + "b.")})
    result = build(write_articles(tmp_path / "in", runaway), tmp_path / "out", *options, "--rules", str(rules))
    return result, [line for line in result.stderr.splitlines() if not line.startswith("Warning: ")]


def articles_in_store(store: Path) -> int:
    """Return how many articles a store holds."""
    listed = runner.invoke(app, ["query", "--store", str(store), "-f", "csv", "-q",
                                 "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"])
    return int(listed.stdout.splitlines()[1])


def test_an_error_in_a_worker_is_one_line_and_keeps_the_articles_before_it(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    result, errors = runaway_build(tmp_path, monkeypatch, 40, "--jobs", "2")
    assert result.exit_code == EXIT_RULES
    assert len(errors) == 1 and errors[0].startswith("Error: [E124] circumstances.toml: rule boundary.runaway: ")
    # The two articles before it are in the store, none after it.
    assert articles_in_store(tmp_path / "out" / "store") == 2


def _die(*args: object) -> None:
    """Kill the process that runs it, as the system does when memory runs out."""
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_that_dies_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The workers are forked from this process, so they run the article extraction patched here.
    monkeypatch.setattr(kg.jobs, "extract", _die)
    result = build(write_articles(tmp_path / "in", ARTICLES), tmp_path / "out", "--jobs", "2")
    assert result.exit_code == EXIT_ABORTED
    assert result.stderr == ("Error: [E204] a worker process of the build ended abruptly (killed, or out of memory) "
                             f"before {tmp_path / 'in' / 'a-llamada.txt'} was read; the store keeps the articles "
                             "written before it\n")


def test_the_progress_bar_shows_on_a_terminal_only(tmp_path: Path) -> None:
    piped = io.StringIO()
    with reporting(piped) as report:
        report.progress(0, 3)
        report.warn("[W005] a.txt: no event")
        report.progress(3, 3)
    assert piped.getvalue() == "Warning: [W005] a.txt: no event\n"
    leader, follower = os.openpty()
    with open(follower, "w", encoding="utf-8") as terminal:
        with reporting(terminal) as report:
            report.progress(0, 3)
            report.warn("[W005] a.txt: no event")
            report.progress(3, 3)
    shown = b""
    # Linux says EIO once the terminal's other end is closed and everything written has been read.
    with contextlib.suppress(OSError):
        while select.select([leader], [], [], 0.5)[0]:
            shown += os.read(leader, 65536)
    os.close(leader)
    shown = shown.decode("utf-8", "replace")
    assert "Warning: [W005] a.txt: no event" in shown and "reading articles" in shown and "3/3" in shown


def test_an_extraction_crosses_between_processes_whole_and_in_order(tmp_path: Path) -> None:
    from kg.extract.rules import load_rules
    from kg.extract.text import load_article

    inputs = write_articles(tmp_path / "in", ARTICLES)
    sent = kg.jobs.extract_articles([load_article(inputs / "a-llamada.txt"), load_article(inputs / "c-cumbre.txt")],
                                    load_rules(), None)
    received = kg.jobs._loads(kg.jobs._dumps(sent))
    assert received.warnings == sent.warnings
    assert received.triples.prefixes == sent.triples.prefixes and received.triples.triples == sent.triples.triples
    # The order the triples were made in, which the page and the Turtle follow, is kept.
    assert list(received.triples.by_subject.items()) == list(sent.triples.by_subject.items())
    assert list(received.triples.by_predicate.items()) == list(sent.triples.by_predicate.items())
    # Equal terms made apart arrive as one term, made once.
    apart = new_triples()
    for name in ("uno", "dos"):
        apart.add((URIRef(f"https://example.org/{name}"), RDFS.label, Literal("igual", lang="es")))
    arrived = kg.jobs._loads(kg.jobs._dumps(kg.jobs.Extracted(apart, []))).triples
    (_, first), (_, second) = arrived.by_predicate[RDFS.label]
    assert first == second and first is second
