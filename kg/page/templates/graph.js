// The exploration page: draws the network, the day axis, the info panel, the search box and the filters.
// Text from articles only ever reaches the page through textContent and text nodes, never as markup.
(function () {
  "use strict";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var data = readJson("kg-data");
  var nodes = new vis.DataSet(readJson("kg-nodes"));
  var edges = new vis.DataSet(readJson("kg-edges"));
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, readJson("kg-options"));
  var panel = document.getElementById("kg-panel");
  var kindNames = {};
  data.kinds.forEach(function (kind) { kindNames[kind.key] = kind.name; });

  // Edges by node, for the relations listed in the panel.
  var links = {};
  edges.forEach(function (edge) {
    (links[edge.from] = links[edge.from] || []).push({ label: edge.label, other: edge.to, out: true });
    (links[edge.to] = links[edge.to] || []).push({ label: edge.label, other: edge.from, out: false });
  });

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function nodeLink(id) {
    var button = element("button", "kg-link", data.nodes[id].name);
    button.type = "button";
    button.addEventListener("click", function () { select(id, true); });
    return button;
  }

  function addRow(list, term, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    list.appendChild(element("dt", null, term));
    var cell = element("dd");
    if (value instanceof Node) cell.appendChild(value);
    else cell.textContent = Array.isArray(value) ? value.join(" · ") : value;
    list.appendChild(cell);
  }

  function wikidataLinks(ids) {
    var span = element("span");
    ids.forEach(function (qid, i) {
      if (!/^Q[0-9]+$/.test(qid)) return;
      if (i) span.appendChild(document.createTextNode(" "));
      var anchor = element("a", null, qid);
      anchor.href = "https://www.wikidata.org/wiki/" + qid;
      anchor.target = "_blank";
      anchor.rel = "noopener noreferrer";
      span.appendChild(anchor);
    });
    return span;
  }

  function quote(source) {
    // A source sentence of the shared table: plain stretches as text nodes, the anchored words in <mark>.
    // Anchors count code points, as the Python that wrote them does, hence Array.from over the text.
    var sentence = data.sentences[source[0]], chars = Array.from(sentence[3]), cursor = 0;
    var block = element("blockquote");
    function plain(end) {
      if (end > cursor) block.appendChild(document.createTextNode(chars.slice(cursor, end).join("")));
    }
    source[1].forEach(function (anchor) {
      plain(anchor[0]);
      block.appendChild(element("mark", null, chars.slice(anchor[0], anchor[1]).join("")));
      cursor = anchor[1];
    });
    plain(chars.length);
    block.appendChild(element("cite", null,
      data.headlines[sentence[0]] + " · caracteres " + sentence[1] + "–" + sentence[2]));
    return block;
  }

  function bulletList(items) {
    var list = element("ul");
    items.forEach(function (item) { list.appendChild(element("li", null, item)); });
    return list;
  }

  function showNode(id) {
    var info = data.nodes[id];
    panel.replaceChildren();
    panel.dataset.node = id;
    panel.appendChild(element("div", "kg-type", kindNames[info.kind] + " · " + info.type));
    panel.appendChild(element("h2", null, info.name));
    var facts = element("dl");
    addRow(facts, "Tipo", info.type);
    addRow(facts, "Fecha", info.when);
    addRow(facts, "Estado", info.status);
    if (info.cameo) addRow(facts, "CAMEO", info.cameo + (info.cameo_name ? " — " + info.cameo_name : ""));
    addRow(facts, "Cargo", info.job);
    if (info.wikidata) addRow(facts, "Wikidata", wikidataLinks(info.wikidata));
    addRow(facts, "Dice", info.text);
    addRow(facts, "Citas", (info.quotations || []).map(function (q) { return "«" + q + "»"; }));
    addRow(facts, "Califica", info.qualities);
    if (info.topics) addRow(facts, "Asuntos", bulletList(info.topics));
    if (info.propositions) addRow(facts, "Proposición", bulletList(info.propositions));
    panel.appendChild(facts);
    if (info.reports) {
      // An event that several articles report: which, by publication day.
      panel.appendChild(element("h3", null, "Lo cuentan " + info.reports.length + " artículos"));
      panel.appendChild(bulletList(info.reports.map(function (report) {
        return (report[0] ? report[0] + " · " : "") + report[1];
      })));
    }

    var related = (links[id] || []).slice().sort(function (a, b) {
      return (a.label + data.nodes[a.other].name).localeCompare(b.label + data.nodes[b.other].name);
    });
    if (related.length) {
      panel.appendChild(element("h3", null, "Relaciones"));
      var list = element("ul");
      related.forEach(function (link) {
        var item = element("li");
        item.appendChild(document.createTextNode(link.out ? link.label + " → " : "← " + link.label + " · "));
        item.appendChild(nodeLink(link.other));
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
    if (info.sources.length) {
      panel.appendChild(element("h3", null, info.sources.length === 1 ? "Fuente" : "Fuentes"));
      var sources = element("div", "kg-sources");
      info.sources.forEach(function (source) { sources.appendChild(quote(source)); });
      panel.appendChild(sources);
    }
    if (info.rules.length) {
      panel.appendChild(element("h3", null, "Reglas"));
      panel.appendChild(element("div", "kg-rules", info.rules.join(", ")));
    }
  }

  function showHint() {
    panel.replaceChildren();
    delete panel.dataset.node;
    panel.appendChild(element("h2", null, "Explorar"));
    if (!nodes.length) {
      panel.appendChild(element("p", "kg-hint", "Los artículos no nombran ningún evento ni entidad conocida."));
      return;
    }
    panel.appendChild(element("p", "kg-hint",
      "Los eventos están ordenados por fecha de izquierda a derecha; la línea roja marca la publicación. " +
      "Pase el ratón sobre un nodo o haga clic para ver su tipo, fechas, estado, enlace a Wikidata y las " +
      "frases del artículo de las que procede, con las palabras exactas resaltadas."));
  }

  var pinned = null;

  function select(id, focus) {
    pinned = id;
    network.selectNodes([id]);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: { duration: 300 } });
    showNode(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      select(params.nodes[0], false);
    } else {
      pinned = null;
      showHint();
    }
  });
  network.on("hoverNode", function (params) { if (pinned === null) showNode(params.node); });
  network.on("blurNode", function () { if (pinned === null) showHint(); });

  // Filters by class: hide the nodes of unchecked kinds and every edge that touches them.
  var shownKinds = {};
  function applyFilters() {
    var nodeUpdates = [];
    nodes.forEach(function (node) {
      var hidden = !shownKinds[data.nodes[node.id].kind];
      if (!!node.hidden !== hidden) nodeUpdates.push({ id: node.id, hidden: hidden });
    });
    nodes.update(nodeUpdates);
    var edgeUpdates = [];
    edges.forEach(function (edge) {
      var hidden = !shownKinds[data.nodes[edge.from].kind] || !shownKinds[data.nodes[edge.to].kind];
      if (!!edge.hidden !== hidden) edgeUpdates.push({ id: edge.id, hidden: hidden });
    });
    edges.update(edgeUpdates);
    if (pinned !== null && !shownKinds[data.nodes[pinned].kind]) {
      pinned = null;
      network.unselectAll();
      showHint();
    }
  }
  document.querySelectorAll("#kg-legend input[type=checkbox]").forEach(function (box) {
    shownKinds[box.value] = box.checked;
    box.addEventListener("change", function () {
      shownKinds[box.value] = box.checked;
      applyFilters();
    });
  });

  // Search by label, ignoring case and accents; Enter again goes to the next match.
  var search = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  var names = document.getElementById("kg-names");
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var folded = Object.keys(data.nodes).sort(function (a, b) {
    return data.nodes[a].name.localeCompare(data.nodes[b].name);
  }).map(function (id) {
    var option = element("option");
    option.value = data.nodes[id].name;
    names.appendChild(option);
    return { id: id, text: fold(data.nodes[id].name + "\n" + data.nodes[id].label) };
  });
  var matches = [], current = -1, lastQuery = null;
  function runSearch() {
    var query = fold(search.value.trim());
    if (!query) { status.textContent = ""; return; }
    if (query !== lastQuery) {
      lastQuery = query;
      matches = folded.filter(function (entry) {
        return shownKinds[data.nodes[entry.id].kind] && entry.text.indexOf(query) >= 0;
      });
      current = -1;
    }
    if (!matches.length) { status.textContent = "sin resultados"; return; }
    current = (current + 1) % matches.length;
    status.textContent = (current + 1) + " de " + matches.length;
    select(matches[current].id, true);
  }
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") runSearch(); });
  // Picking a name from the suggestions replaces the text without a key press.
  search.addEventListener("input", function (event) {
    if (event.inputType === "insertReplacementText" || event.inputType === undefined) runSearch();
  });

  // The day columns and the publication marks, drawn behind the network in its own coordinates, and
  // the day labels pinned to the top edge of the canvas so they stay in sight at any zoom.
  var top = data.top - 120, bottom = data.bottom + 120;
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    data.columns.forEach(function (column, i) {
      ctx.fillStyle = i % 2 ? "rgba(0,0,0,0.025)" : "rgba(0,0,0,0.05)";
      ctx.fillRect(column.x - 140, top, column.width + 280, bottom - top);
    });
    ctx.strokeStyle = "#c0392b";
    ctx.lineWidth = 3;
    ctx.setLineDash([12, 8]);
    data.marks.forEach(function (mark) {
      ctx.beginPath();
      ctx.moveTo(mark.x, top);
      ctx.lineTo(mark.x, bottom);
      ctx.stroke();
    });
    ctx.restore();
  });
  network.on("afterDrawing", function (ctx) {
    var ratio = window.devicePixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "rgba(255,255,255,0.85)";
    ctx.fillRect(0, 0, container.clientWidth, 24);
    ctx.font = "bold 13px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    // Labels that would overlap the previous one are left out until the user zooms in.
    function labels(items, xOf, y, colour) {
      var lastRight = -Infinity;
      ctx.fillStyle = colour;
      items.forEach(function (item) {
        var x = network.canvasToDOM({ x: xOf(item), y: 0 }).x;
        var width = ctx.measureText(item.label).width;
        if (x - width / 2 < lastRight + 8 || x < -width || x > container.clientWidth + width) return;
        ctx.fillText(item.label, x, y);
        lastRight = x + width / 2;
      });
    }
    labels(data.columns, function (column) { return column.x + column.width / 2; }, 12, "#444");
    labels(data.marks, function (mark) { return mark.x; }, 36, "#c0392b");
    ctx.restore();
  });

  // First view: the whole picture, unless that would shrink it to a thin strip (many days); then the
  // whole height at the earliest days, and the user drags to go forward in time.
  function firstView() {
    var positions = network.getPositions(), left = Infinity, right = -Infinity;
    if (!Object.keys(positions).length) return;
    Object.keys(positions).forEach(function (id) {
      left = Math.min(left, positions[id].x - 160);
      right = Math.max(right, positions[id].x + 160);
    });
    var fitHeight = Math.min(1, container.clientHeight / (bottom - top));
    var fitAll = Math.min(fitHeight, container.clientWidth / (right - left));
    var middle = (top + bottom) / 2;
    if (fitAll < fitHeight / 3) {
      network.moveTo({ position: { x: left + container.clientWidth / 2 / fitHeight, y: middle }, scale: fitHeight });
    } else {
      network.moveTo({ position: { x: (left + right) / 2, y: middle }, scale: fitAll });
    }
  }
  function ready() {
    firstView();
    network.once("afterDrawing", function () { document.body.dataset.ready = "true"; });
    network.redraw();
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", ready);
  } else {
    network.once("afterDrawing", ready);
  }

  showHint();
  window.kg = { network: network, nodes: nodes, edges: edges, data: data, select: select };
})();
