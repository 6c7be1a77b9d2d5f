"""The exploration page out/graph.html: offline, escaped, deterministic, and usable in a real browser.

The browser tests drive Debian's Chromium (/usr/bin/chromium, or $KG_CHROMIUM) with Playwright from
PyPI; `.ci/run` installs it. Every request that is not for a file:// URL is aborted and recorded, and
every request at all is recorded, so a test can prove the page asked nothing of the network.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.build import run_build
from kg.page.html import PHYSICS_MAX_NODES, render_graph
from tests.synthetic import synthetic_graph

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2021-12-31_llamada-putin-biden.txt"
CHROMIUM = Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# An article whose text tries every way into a page: a script element, a link with a javascript:
# URL, an image whose onerror runs code, and an alert(). Each payload would set window.kgPwned.
XSS_ARTICLE = """\
<script>window.kgPwned = "kicker"</script> Alerta

Putin y Biden <a href="javascript:window.kgPwned='headline'">hablaron</a> por teléfono

Entradilla <img src=x onerror="window.kgPwned='lead'"> de la noticia.

10 Marzo de 2022 10.00

El presidente ruso, Vladimir Putin, habló por teléfono con su homólogo estadounidense, Joe Biden, \
<script>window.kgPwned = "body"</script> según informó el Kremlin.

Putin advirtió que <img src=x onerror="window.kgPwned='statement'"> sería un "grave error \
<a href=https://example.org/>aquí</a>".

Biden aseguró que Washington no desplegará <script>alert(1)</script> armas ofensivas en Ucrania.
"""
PAYLOADS = ('<script>window.kgPwned = "body"</script>', "<img src=x onerror=\"window.kgPwned='statement'\">",
            "<a href=\"javascript:window.kgPwned='headline'\">", "<script>alert(1)</script>")


# --- the page as a file ------------------------------------------------------------------------


class PageParser(HTMLParser):
    """Collects the tags, attributes and script bodies of a page."""

    def __init__(self) -> None:
        """Start with nothing seen."""
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.text: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        """Record a tag and, for a script, start collecting its body."""
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag):
        """Stop collecting a script body."""
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        """Append to the current script body, or to the page's text."""
        if self._script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)


def parse(page: bytes) -> PageParser:
    """Parse a page."""
    parser = PageParser()
    parser.feed(page.decode("utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory) -> tuple[Path, object]:
    """The seed built by `kg build` into a scratch directory: the page's path and the projection."""
    out = tmp_path_factory.mktemp("seed")
    built = run_build([SEED], out)
    return built.page, built.projection


@pytest.fixture(scope="module")
def xss_page(tmp_path_factory) -> tuple[Path, object]:
    """The hostile article built by `kg build`: the page's path and the projection."""
    out = tmp_path_factory.mktemp("xss")
    article = out / "xss.txt"
    article.write_text(XSS_ARTICLE, encoding="utf-8")
    built = run_build([article], out)
    return built.page, built.projection


def test_page_loads_nothing_and_lets_only_its_own_scripts_run(seed_page):
    parsed = parse(seed_page[0].read_bytes())
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"link", "img", "iframe", "object", "embed", "base", "form", "a"}
    assert not [attrs for _, attrs in parsed.tags if {"src", "href", "srcset", "action"} & set(attrs)]
    code = [body for attrs, body in parsed.scripts if "type" not in attrs]
    data = [attrs["id"] for attrs, _ in parsed.scripts if attrs.get("type") == "application/json"]
    assert len(code) == 2 and data == ["kg-nodes", "kg-edges", "kg-options", "kg-data"]
    policy = next(attrs["content"] for tag, attrs in parsed.tags
                  if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert policy.startswith("default-src 'none';")
    for body in code:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        assert f"'sha256-{digest}'" in policy
        # Nothing in a script may end it early or switch the HTML parser's script states.
        assert "</script" not in body.lower() and "<!--" not in body


def test_page_data_is_the_projection(seed_page):
    page, projection = seed_page
    blocks = {attrs["id"]: json.loads(body) for attrs, body in parse(page.read_bytes()).scripts if "id" in attrs}
    assert [n["id"] for n in blocks["kg-nodes"]] == list(projection)
    assert len(blocks["kg-edges"]) == projection.number_of_edges()
    assert set(blocks["kg-data"]["nodes"]) == set(projection)
    assert blocks["kg-options"]["physics"]["enabled"] is (projection.number_of_nodes() <= PHYSICS_MAX_NODES)
    assert all("title" not in n for n in blocks["kg-nodes"])  # pyvis would write such titles as raw HTML


def test_article_text_is_escaped_everywhere(xss_page):
    page = xss_page[0].read_bytes().decode("utf-8")
    for payload in PAYLOADS:
        assert payload not in page
    parsed = parse(page.encode("utf-8"))
    assert not {tag for tag, _ in parsed.tags} & {"img", "a"}
    # The headline is page text, shown literally; everything else travels inside the JSON blocks.
    assert "Putin y Biden <a href=\"javascript:window.kgPwned='headline'\">hablaron</a> por teléfono" in \
        "".join(parsed.text)
    data = next(json.loads(body) for attrs, body in parsed.scripts if attrs.get("id") == "kg-data")
    texts = json.dumps(data, ensure_ascii=False)
    assert PAYLOADS[0].replace('"', '\\"') in texts and "<script>alert(1)</script>" in texts


def test_large_graph_has_physics_off_and_every_position_computed():
    page, projection = render_graph(synthetic_graph(PHYSICS_MAX_NODES + 50))
    blocks = {attrs["id"]: json.loads(body) for attrs, body in parse(page).scripts if "id" in attrs}
    assert blocks["kg-options"]["physics"]["enabled"] is False
    assert blocks["kg-options"]["edges"]["smooth"]["enabled"] is False
    assert len(blocks["kg-nodes"]) == projection.number_of_nodes()
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in blocks["kg-nodes"])


# --- the page in Chromium ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright; the tests fail if it is missing."""
    if not CHROMIUM.exists():
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM}: apt-get install -y chromium "
                    "(or set KG_CHROMIUM to another Chromium binary)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One page opened from the file system, with what it requested, alerted and logged."""

    def __init__(self, browser, path: Path, bypass_csp: bool = False) -> None:
        """Open the page with the network blocked and wait until it has drawn the network."""
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                                  "(window.kgViolations = window.kgViolations || []).push(e.violatedDirective));")
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=30_000)

    def _route(self, route) -> None:
        """Let file:// requests through; abort and record every other one."""
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:
        """Record and dismiss an alert, confirm or prompt."""
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def node_point(self, node: str) -> tuple[float, float]:
        """Return the page coordinates of a node's centre."""
        return tuple(self.page.evaluate("""(id) => {
            const dom = kg.network.canvasToDOM(kg.network.getPosition(id));
            const box = document.getElementById("mynetwork").getBoundingClientRect();
            return [dom.x + box.left, dom.y + box.top];
        }""", node))

    def panel(self) -> dict:
        """Return what the info panel shows: its node, heading, text, marked words and links."""
        return self.page.evaluate("""() => {
            const panel = document.getElementById("kg-panel");
            return {node: panel.dataset.node || null, heading: panel.querySelector("h2").textContent,
                    text: panel.textContent, marks: [...panel.querySelectorAll("mark")].map(m => m.textContent),
                    quotes: [...panel.querySelectorAll("blockquote")].map(q => q.firstChild && q.textContent),
                    links: [...panel.querySelectorAll("a")].map(a => a.href)};
        }""")

    def close(self) -> None:
        """Close the page and its context."""
        self.context.close()


@pytest.fixture
def visit(browser):
    """Open pages; close them after the test."""
    opened = []

    def open_page(path: Path, **options) -> Visit:
        opened.append(Visit(browser, path, **options))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


def test_seed_page_requests_nothing_and_draws_every_node_and_edge(visit, seed_page):
    path, projection = seed_page
    page = visit(path)
    assert page.blocked == []
    assert page.requests == [page.url]
    drawn = page.page.evaluate("""() => ({nodes: kg.nodes.length, edges: kg.edges.length,
        drawnNodes: kg.network.body.nodeIndices.length, drawnEdges: kg.network.body.edgeIndices.length,
        violations: window.kgViolations || []})""")
    assert drawn == {"nodes": projection.number_of_nodes(), "edges": projection.number_of_edges(),
                     "drawnNodes": projection.number_of_nodes(), "drawnEdges": projection.number_of_edges(),
                     "violations": []}
    assert page.errors == [] and page.dialogs == []


def test_clicking_the_phone_call_shows_its_provenance_sentence(visit, seed_page):
    path, projection = seed_page
    call = next(n for n, a in projection.nodes(data=True) if a["type"] == "Llamada telefónica")
    page = visit(path)
    x, y = page.node_point(call)
    assert page.page.evaluate("(point) => kg.network.getNodeAt(point)", page.page.evaluate(
        "(id) => kg.network.canvasToDOM(kg.network.getPosition(id))", call)) == call
    page.page.mouse.click(x, y)
    panel = page.panel()
    assert panel["node"] == call
    assert panel["heading"] == projection.nodes[call]["name"]
    assert "llamada telefónica" in panel["marks"]
    assert any("durante su llamada telefónica, según informó el Kremlin" in q for q in panel["quotes"])
    assert "041 — Conversar por teléfono" in panel["text"] and "no después del 31 dic 2021" in panel["text"]


def test_marked_words_are_the_anchors_even_after_characters_outside_the_basic_plane(visit, tmp_path):
    # A flag is two code points and four UTF-16 units: anchors counted in code points must still mark
    # the words the projection anchored, not words shifted by the flags before them.
    article = tmp_path / "banderas.txt"
    article.write_text("Titular\n\nEntradilla de la noticia.\n\n10 Marzo de 2022 10.00\n\n"
                       "El presidente ruso 🇷🇺, Vladimir Putin, habló por teléfono con su homólogo "
                       "estadounidense 🇺🇸, Joe Biden, según informó el Kremlin.\n", encoding="utf-8")
    built = run_build([article], tmp_path / "out")
    table = built.projection.graph["sentences"]
    call = next(n for n, a in built.projection.nodes(data=True) if a["type"] == "Llamada telefónica")
    sources = built.projection.nodes[call]["sources"]
    expected = [table[row][3][b:e] for row, anchors in sources for b, e in anchors]
    page = visit(built.page)
    page.page.evaluate("(id) => kg.select(id, false)", call)
    panel = page.panel()
    assert "habló por teléfono" in expected and panel["marks"] == expected
    assert [q.split(" · caracteres ")[0] for q in panel["quotes"]] == [table[row][3] + "Titular" for row, _ in sources]
    assert page.errors == []


def test_hovering_a_person_shows_the_wikidata_link(visit, seed_page):
    path, projection = seed_page
    putin = next(n for n, a in projection.nodes(data=True) if a["name"] == "Vladimir Putin")
    page = visit(path)
    page.page.mouse.move(*page.node_point(putin))
    page.page.wait_for_function("(id) => document.getElementById('kg-panel').dataset.node === id", arg=putin)
    panel = page.panel()
    assert panel["heading"] == "Vladimir Putin"
    assert panel["links"] == ["https://www.wikidata.org/wiki/Q7747"]
    assert page.blocked == []


def test_search_box_finds_a_node_by_label(visit, seed_page):
    page = visit(seed_page[0])
    page.page.fill("#kg-search", "ginebra")
    page.page.press("#kg-search", "Enter")
    panel = page.panel()
    assert panel["heading"] == "Ginebra"
    assert page.page.evaluate("() => kg.network.getSelectedNodes()") == [panel["node"]]
    assert re.fullmatch(r"1 de \d+", page.page.text_content("#kg-search-status"))
    page.page.fill("#kg-search", "zzz no existe")
    page.page.press("#kg-search", "Enter")
    assert page.page.text_content("#kg-search-status") == "sin resultados"


def test_class_filters_hide_nodes_and_their_edges(visit, seed_page):
    path, projection = seed_page
    statements = {n for n, kind in projection.nodes(data="kind") if kind == "statement"}
    touching = [e for e in projection.edges if e[0] in statements or e[1] in statements]
    page = visit(path)
    page.page.uncheck("#kg-legend input[value=statement]")
    shown = page.page.evaluate("""() => ({nodes: kg.nodes.get({filter: n => !n.hidden}).map(n => n.id),
                                          edges: kg.edges.get({filter: e => !e.hidden}).length})""")
    assert set(shown["nodes"]) == set(projection) - statements
    assert shown["edges"] == projection.number_of_edges() - len(touching)
    page.page.check("#kg-legend input[value=statement]")
    assert page.page.evaluate("() => kg.nodes.get({filter: n => !n.hidden}).length") == projection.number_of_nodes()


def test_page_of_an_article_without_entities_opens_empty(visit, tmp_path):
    article = tmp_path / "nada.txt"
    article.write_text("Titular\n\nEntradilla de la noticia.\n\n10 Marzo de 2022 10.00\n\nNada que contar hoy.\n",
                       encoding="utf-8")
    built = run_build([article], tmp_path / "out")
    assert built.projection.number_of_nodes() == 0
    page = visit(built.page)
    assert page.page.evaluate("() => kg.nodes.length") == 0
    assert "ningún evento" in page.panel()["text"]
    assert page.errors == [] and page.blocked == []


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["as-shipped", "without-csp"])
def test_hostile_article_runs_no_script_and_shows_its_text_literally(visit, xss_page, bypass_csp):
    # Without the Content-Security-Policy too: escaping alone must keep the page safe.
    path, projection = xss_page
    page = visit(path, bypass_csp=bypass_csp)
    for node in projection:
        page.page.evaluate("(id) => kg.select(id, false)", node)
        page.page.mouse.move(*page.node_point(node))
    state = page.page.evaluate("""() => ({pwned: window.kgPwned === undefined ? null : String(window.kgPwned),
        title: document.title, headlines: document.getElementById("kg-headlines").textContent,
        images: document.querySelectorAll("img").length,
        scripts: [...document.scripts].filter(s => !s.type).length,
        links: [...document.querySelectorAll("a")].map(a => a.href)})""")
    assert state["pwned"] is None
    assert page.dialogs == [] and page.errors == []
    assert state["images"] == 0 and state["scripts"] == 2 and state["links"] == []
    assert "<a href=\"javascript:window.kgPwned='headline'\">hablaron</a>" in state["title"]
    assert "<a href=\"javascript:window.kgPwned='headline'\">hablaron</a>" in state["headlines"]
    warning = next(n for n, a in projection.nodes(data=True) if a["type"] == "Advertencia")
    page.page.evaluate("(id) => kg.select(id, false)", warning)
    panel = page.panel()
    assert "<img src=x onerror=\"window.kgPwned='statement'\">" in panel["text"]
    assert "<a href=https://example.org/>aquí</a>" in panel["text"]
    call = next(n for n, a in projection.nodes(data=True) if a["type"] == "Llamada telefónica")
    page.page.evaluate("(id) => kg.select(id, false)", call)
    assert any('<script>window.kgPwned = "body"</script>' in q for q in page.panel()["quotes"])
    assert page.blocked == [] and page.requests == [page.url]
