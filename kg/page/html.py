"""Page pass: render the projection as vis-network data in one self-contained HTML page that works offline.

The nodes, edges and options are the records pyvis's Network would hold, made directly: importing
pyvis.network pulls in IPython (a quarter of a second), and its add_edge scans a list of every node,
which is quadratic in the graph. kg fills its own template with them (pyvis's stock template links
Bootstrap from a CDN, and writes its heading and any node title containing "href" into the page as
raw HTML). The page inlines vis-network from the installed pyvis package, writes every text from the
articles either inside JSON blocks, escaped as Jinja's |tojson does (<, >, & and '), or as
HTML-escaped text, and sets a Content-Security-Policy that lets only the page's two scripts run and
forbids every request. The template is filled with string.Template: compiling a Jinja template
would cost the build more than the rest of the page.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from string import Template

import networkx as nx
from markupsafe import escape
from rdflib import Graph

from kg.page.layout import Layout, time_layout
from kg.page.project import KINDS, TIMED_KINDS, project
from kg.rdf.triples import Triples

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Found without importing pyvis, whose package imports its network module and IPython.
VIS_LIB = Path(importlib.util.find_spec("pyvis").origin).resolve().parent / "templates" / "lib" / "vis-9.1.2"
# What Jinja's |tojson escapes so that JSON cannot close the <script> block it stands in.
HTML_SAFE_JSON = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"))
# Above this many nodes the browser's physics simulation takes too long: positions stay as computed.
PHYSICS_MAX_NODES = 150

# Shape and colour of each kind of node, in vis-network's terms (the legend draws the same).
KIND_STYLES = {
    "event": ("diamond", "#d1495b"),
    "statement": ("triangle", "#e8a33d"),
    "person": ("dot", "#00798c"),
    "country": ("hexagon", "#30638e"),
    "organization": ("square", "#66a182"),
    "place": ("triangleDown", "#8d6a9f"),
    "document": ("star", "#8c5a2b"),
}
SIZES = {"event": 20, "statement": 16}
SWATCHES = {
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,1 15,14 1,14"/>',
    "dot": '<circle cx="8" cy="8" r="6.5"/>',
    "hexagon": '<polygon points="4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,15"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6"/>',
}


@lru_cache(maxsize=None)
def _asset(path: Path) -> str:
    """Read a file the page inlines (vis-network from pyvis, or kg's own script and style)."""
    return path.read_text(encoding="utf-8")


def _script_hash(script: str) -> str:
    """Return the CSP source that allows exactly one inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def network_options(physics: bool) -> dict:
    """Return the vis-network options: groups by kind, and physics only for small graphs."""
    groups = {kind: {"shape": shape, "color": {"background": colour, "border": "#333333",
                                               "highlight": {"background": colour, "border": "#000000"},
                                               "hover": {"background": colour, "border": "#000000"}}}
              for kind, (shape, colour) in KIND_STYLES.items()}
    return {
        "groups": groups,
        "nodes": {"size": 12, "borderWidth": 1.5, "font": {"size": 17, "face": "system-ui, sans-serif",
                                                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "widthConstraint": {"maximum": 250}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "width": 1,
                  "color": {"color": "#9aa3ad", "highlight": "#222222", "hover": "#555555"},
                  "font": {"size": 11, "color": "#555555", "strokeWidth": 3, "strokeColor": "#ffffff",
                           "align": "middle"},
                  "smooth": {"enabled": physics, "type": "continuous", "roundness": 0.3},
                  "selectionWidth": 2},
        # Physics only nudges apart nodes nearer than nodeDistance (about a label's width); weak springs
        # keep the computed layout instead of pulling linked nodes onto each other.
        "physics": {"enabled": physics, "solver": "repulsion",
                    "repulsion": {"nodeDistance": 250, "centralGravity": 0.0, "springLength": 250,
                                  "springConstant": 0.001, "damping": 0.5},
                    "stabilization": {"enabled": physics, "iterations": 400, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": not physics,
                        "keyboard": {"enabled": True, "bindToWindow": False}, "multiselect": False},
        "layout": {"randomSeed": 7, "improvedLayout": False},
    }


def build_network(projection: nx.MultiDiGraph, layout: Layout) -> tuple[list[dict], list[dict]]:
    """Return vis-network's node records at their places and its labelled, directed edge records."""
    nodes, edges = [], []
    for node, attrs in projection.nodes(data=True):
        kind = attrs["kind"]
        x, y = layout.positions[node]
        options = {"group": kind, "x": x, "y": y, "size": SIZES.get(kind, 12)}
        # Events keep their place on the time axis and the other nodes their band, while physics (on
        # small graphs) only slides those sideways to untangle them.
        options["fixed"] = True if kind in TIMED_KINDS else {"x": False, "y": True}
        if attrs.get("status"):
            options["shapeProperties"] = {"borderDashes": [5, 4]}
        # A node without a label of its own shows its id, as vis-network would.
        nodes.append({**options, "id": node, "label": attrs["label"] or node, "shape": KIND_STYLES[kind][0]})
    for number, (source, target, label) in enumerate(projection.edges(data="label")):
        edges.append({"id": f"e{number}", "label": label, "from": source, "to": target, "arrows": "to"})
    return nodes, edges


def page_data(projection: nx.MultiDiGraph, layout: Layout, physics: bool) -> dict:
    """Return what the page's script reads: every node's details, the legend, the axis."""
    counts = {key: 0 for key, _ in KINDS}
    for _, kind in projection.nodes(data="kind"):
        counts[kind] += 1
    details = {node: {k: v for k, v in attrs.items() if k != "order"} for node, attrs in projection.nodes(data=True)}
    # Each cited sentence once, its headline by number: [headline, begin, end, text].
    sentences = projection.graph.get("sentences", [])
    headlines = sorted({headline for headline, _, _, _ in sentences})
    numbers = {headline: number for number, headline in enumerate(headlines)}
    return {
        "nodes": details,
        "headlines": headlines,
        "sentences": [[numbers[headline], begin, end, text] for headline, begin, end, text in sentences],
        "kinds": [{"key": key, "name": name, "count": counts[key]} for key, name in KINDS],
        "columns": layout.columns,
        "marks": layout.marks,
        "top": layout.top,
        "bottom": layout.bottom,
        "physics": physics,
    }


def render_page(projection: nx.MultiDiGraph, layout: Layout | None = None, notice: str = "") -> bytes:
    """Render a projection as the bytes of one self-contained HTML page; a notice says what part of a larger graph
    it shows, and commands written `like this` in it are shown as code."""
    layout = layout or time_layout(projection)
    physics = 0 < projection.number_of_nodes() <= PHYSICS_MAX_NODES
    nodes, edges = build_network(projection, layout)
    page_js, vis_js = _asset(TEMPLATES / "graph.js"), _asset(VIS_LIB / "vis-network.min.js")
    headlines = projection.graph.get("headlines", [])
    data = page_data(projection, layout, physics)
    more = [f"<span>y {len(headlines) - 3} artículos más</span>"] if len(headlines) > 3 else []
    counts = f"{len(nodes)} nodos · {len(edges)} relaciones" + ("" if physics else " · posiciones fijas")
    kinds = "".join(f'\n    <label class="kg-kind"><input type="checkbox" value="{kind["key"]}" checked>'
                    f'{_swatch(kind["key"])}<span>{escape(kind["name"])}</span> <small>{kind["count"]}</small></label>'
                    for kind in data["kinds"])
    # The page ends at </html>, without the template file's final newline.
    template = Template(_asset(TEMPLATES / "graph.html").removesuffix("\n"))
    return template.substitute(
        csp="default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src {_script_hash(vis_js)} {_script_hash(page_js)}; base-uri 'none'; form-action 'none'",
        title=escape("kg · " + (" · ".join(headlines) or "grafo de eventos")),
        headlines="".join(f"<span>{escape(h)}</span>" for h in headlines[:3]) + "".join(more),
        counts=counts,
        selection=_notice(notice),
        kinds=kinds,
        nodes=_json(nodes),
        edges=_json(edges),
        options=json.dumps(network_options(physics)),
        page=_json(data),
        vis_css=_asset(VIS_LIB / "vis-network.css"),
        vis_js=vis_js,
        page_css=_asset(TEMPLATES / "graph.css"),
        page_js=page_js,
    ).encode("utf-8")


def _json(value: object) -> str:
    """Return JSON that is safe inside a <script> block: <, >, & and ' escaped, keys sorted."""
    text = json.dumps(value, sort_keys=True)
    # One replace per character: str.translate looks every character of a page of megabytes up in a dict.
    for character, escaped in HTML_SAFE_JSON:
        text = text.replace(character, escaped)
    return text


def _notice(notice: str) -> str:
    """Return the paragraph of a notice, its `quoted` stretches as code, or nothing for no notice."""
    if not notice:
        return ""
    parts = str(escape(notice)).split("`")
    text = "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))
    return f'\n    <p id="kg-selection">{text}</p>'


def _swatch(kind: str) -> str:
    """Return the small SVG shape the legend shows for a kind of node."""
    shape, colour = KIND_STYLES[kind]
    return (f'<svg width="16" height="16" aria-hidden="true"><g fill="{colour}" stroke="#333" stroke-width="1">'
            f"{SWATCHES[shape]}</g></svg>")


def render_graph(graph: Graph | Triples) -> tuple[bytes, nx.MultiDiGraph]:
    """Project an RDF graph, lay it out and render its page; return the page and the projection."""
    projection = project(graph)
    return render_page(projection), projection
