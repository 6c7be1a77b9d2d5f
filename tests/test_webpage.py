"""Saved web pages: `kg build page.html` reads the main text, headline and date as trafilatura finds them.

The pages are written for these tests: a news page's head and metadata, navigation, an article, an aside
and a footer around it.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from kg.build import build_graph
from kg.cli import app
from kg.extract.webpage import page_text
from kg.rdf.mapping import KG, NIF, SCHEMA, SEM

ROOT = Path(__file__).resolve().parent.parent
OFFSETS = (ROOT / "tests" / "sparql" / "span-offsets-violation.rq").read_text(encoding="utf-8")

HEADLINE = "Lavrov y Cavusoglu se reúnen en Ankara"
PAGE = """<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>{headline} | Diario del Estrecho</title>
<meta property="og:title" content="{headline}">
{meta}
</head>
<body>
<nav><ul><li><a href="/">Portada</a></li><li><a href="/mundo">Mundo</a></li><li><a href="/deportes">Deportes</a></li></ul></nav>
<div class="barra">Suscríbete | Iniciar sesión</div>
<article>
<h1>{headline}</h1>
<p class="entradilla">Los dos ministros repasan la agenda bilateral y el corredor de cereales.</p>
<p>ANKARA, 14 mar (EFE).- El canciller ruso, Serguéi Lavrov, se reunió este martes con su homólogo turco en Ankara.</p>
<p>Ambos acordaron volver a verse antes del verano, según informó la Cancillería rusa en un comunicado.</p>
</article>
<aside><h3>Lo más leído</h3><ol><li>Un temporal cierra el puerto</li><li>La liga arranca en agosto</li></ol></aside>
<footer>© 2023 Diario del Estrecho. Todos los derechos reservados.</footer>
</body>
</html>
"""
PUBLISHED = '<meta property="article:published_time" content="2023-03-14T09:05:00+01:00">'


def page(meta: str = PUBLISHED, headline: str = HEADLINE) -> bytes:
    """Return a news page with the given metadata."""
    return PAGE.format(meta=meta, headline=headline).encode("utf-8")


def write(directory: Path, name: str, data: bytes) -> Path:
    """Write a file and return its path."""
    path = directory / name
    path.write_bytes(data)
    return path


def article_text(graph) -> str:
    """Return the one article string of a graph."""
    [text] = list(graph.objects(None, NIF.isString))
    return str(text)


def test_page_text_is_headline_date_line_and_paragraphs() -> None:
    assert page_text(page()) == (
        f"{HEADLINE}\n\n2023-03-14 09:05\n\n"
        "Los dos ministros repasan la agenda bilateral y el corredor de cereales.\n\n"
        "ANKARA, 14 mar (EFE).- El canciller ruso, Serguéi Lavrov, se reunió este martes con su homólogo turco en "
        "Ankara.\n\n"
        "Ambos acordaron volver a verse antes del verano, según informó la Cancillería rusa en un comunicado.\n")


def test_page_builds_like_a_text_article(tmp_path: Path) -> None:
    graph = build_graph([write(tmp_path, "nota.html", page())])
    text = article_text(graph)
    assert text == page_text(page())
    for clutter in ("Portada", "Suscríbete", "Lo más leído", "Todos los derechos"):
        assert clutter not in text
    [doc] = list(graph.subjects(SCHEMA.headline, None))
    assert graph.value(doc, SCHEMA.headline) == Literal(HEADLINE, lang="es")
    assert str(graph.value(doc, SCHEMA.datePublished)) == "2023-03-14T09:05:00"
    [place] = list(graph.objects(doc, SCHEMA.locationCreated))
    assert str(graph.value(place, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == "Ankara"
    # The meeting of the paragraph the dateline opens, dated by the page's date ("este martes").
    [meeting] = list(graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), KG.Meeting))
    assert str(graph.value(meeting, SEM.hasBeginTimeStamp)) == "2023-03-14"
    # Every span's anchor is the extracted text between its offsets.
    assert list(graph.query(OFFSETS)) == []


def test_page_date_does_not_depend_on_the_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    texts = set()
    try:
        for zone in ("UTC", "America/Bogota", "Asia/Tokyo"):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            texts.add(page_text(page()))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert texts == {page_text(page())}
    assert "\n\n2023-03-14 09:05\n\n" in texts.pop()


def test_page_without_a_date_takes_the_published_option(tmp_path: Path) -> None:
    path = write(tmp_path, "nota.html", page(meta=""))
    assert page_text(page(meta="")).startswith(f"{HEADLINE}\n\nLos dos ministros")
    graph = build_graph([path], published="2023-03-14")
    [doc] = list(graph.subjects(SCHEMA.headline, None))
    assert str(graph.value(doc, SCHEMA.datePublished)) == "2023-03-14T00:00:00"


def test_page_in_another_encoding(tmp_path: Path) -> None:
    data = page().decode("utf-8").replace('charset="utf-8"', 'charset="iso-8859-1"').encode("iso-8859-1")
    assert page_text(data) == page_text(page())


def test_pages_in_a_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notas").mkdir()
    write(tmp_path / "notas", "a.htm", page())
    write(tmp_path / "notas", "b.HTML", page(headline="Blinken y Wang Yi conversan en Múnich"))
    write(tmp_path / "notas", "c.txt", "Otro titular\n\n14/03/2023\n\nEl canciller ruso viajó a Ankara.\n".encode())
    write(tmp_path / "notas", "d.md", b"# no es un articulo\n")
    result = CliRunner().invoke(app, ["build", "notas", "--out", "out"])
    assert result.exit_code == 0, result.stderr
    assert "Warning" not in result.stderr
    graph = build_graph([tmp_path / "notas"])
    assert len(list(graph.subjects(SCHEMA.headline, None))) == 3


def test_page_is_read_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a page must be read without the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    graph = build_graph([write(tmp_path, "nota.html", page())])
    assert article_text(graph).startswith(HEADLINE)
