"""Cold wall time of `kg build` and `kg query` against the floors their imports set, and the cost of a large page.

Run from anywhere: `python tests/benchmark.py [--runs N] [--nodes N]`. Part one: each measurement is
a fresh interpreter (a subprocess of sys.executable), so it includes start-up and imports. It reports
the median of N runs of

  (a) python -m kg build seeds --out <tmpdir> --rebuild           (every run reads the seed again)
  (b) python -c "import rdflib, networkx, pyvis.network, typer"   (the floor of kg build)
  (c) python -m kg query phone-call --graph <tmpdir>/graph.ttl     (a shipped question)
  (d) python -c "import rdflib, typer"                             (the floor of kg query)
  (e) the same question answered by rdflib's SPARQL engine         (for reference: the engine not chosen)

and the ratios (a)/(b) and (c)/(d). Part two: a synthetic graph of 5,000 nodes (tests/synthetic.py) is projected,
laid out and rendered, and its page is opened from a file in headless Chromium (Debian's, driven by
Playwright) until it has drawn the network; it reports the median of N layouts and of N page opens.
Part three: one article of about 100 KB and one of about 1 MB (made of the development corpus's
sentences) are built in this process; the cost per KB of the larger must stay within LINEAR_BUDGET
times that of the smaller. Part four: `--fuzz N` random and mutated articles (tests/fuzz.py; 2,000 by
default) are built and their spans checked; any failure is over budget.
It exits 1 when any figure is over its budget, 0 otherwise.

`--scale N [N ...]` measures instead how each stage grows with the corpus: for each count, that many
distinct articles (tests/variants.py) are built in this process, and it reports the time of each stage
(extract, map, projection, layout, page, Turtle), the sizes of the outputs and the peak memory. The
time of no stage may grow more than SCALE_BUDGET times the growth of the corpus from the smallest count
to the largest, else it is over budget. Run it with `nice`: thousands of articles take minutes.
`--page-store N [N ...]` measures instead the page of a large store: the distinct articles of each count are built
into one store (each count adds to the one before, as a daily build does), and it reports the page `kg build` wrote
(the most recent articles, within the node budget of kg/page/selection.py), the wall time of `kg page` on that store, and the
time headless Chromium takes to open that page; the opening must stay within PAGE_STORE_BUDGET whatever the count.
`--corpus N` measures instead what a user of a corpus of N distinct articles waits for: the full `kg build` (wall time,
and the peak of the memory its processes hold together, sampled), the same build after one article is added (median
of --runs, each adding another), one actor's events asked of the store in this process (an actor of the median
number of events, within the budget, and the actor of the most, for the record), `kg query timeline --store`
against the same question sent over HTTP to the Oxigraph server (`kg serve`) over the same store, warm, `kg page`,
and headless Chromium opening the page the build wrote. The budgets are those of 10,000 articles (CORPUS_BUDGETS);
the full build's scales with N.
Not a pytest test (its name does not start with test_): timings do not belong in the test suite.
"""

from __future__ import annotations

import argparse
import compileall
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.synthetic import synthetic_graph  # noqa: E402  (needs the project root on the path)

BUDGET = 1.3
IMPORTS = "import rdflib, networkx, pyvis.network, typer"
QUERY_IMPORTS = "import rdflib, typer"
QUESTION = "phone-call"
# What kg query would cost on rdflib: parse the Turtle, prepare the question, serialize every row.
RDFLIB_QUERY = (
    "import sys, rdflib, typer\n"
    "from rdflib.plugins.sparql import prepareQuery\n"
    "from kg.query import QUESTIONS_DIR\n"
    "from kg.rdf.vocab import NAMESPACES\n"
    "graph = rdflib.Graph()\n"
    "graph.parse(sys.argv[1], format='turtle')\n"
    "query = prepareQuery((QUESTIONS_DIR / (sys.argv[2] + '.rq')).read_text(encoding='utf-8'), initNs=NAMESPACES)\n"
    "sys.stdout.buffer.write(graph.query(query).serialize(format='csv'))\n"
)
LAYOUT_BUDGET = 10.0  # seconds to lay out the large graph
OPEN_BUDGET = 5.0  # seconds for headless Chromium to open its page and draw the network
LINEAR_BUDGET = 1.5  # how much more a KB of the 1 MB article may cost than a KB of the 100 KB one
SIZES = (100_000, 1_000_000)
# How much more the time of a stage may grow than the corpus: 5,000 articles may cost 6 times 1,000.
SCALE_BUDGET = 1.2
STAGES = ("extract", "map", "projection", "layout", "page", "Turtle")
PAGE_STORE_BUDGET = 3.0  # seconds for headless Chromium to open the default page of a store of any size
# What a corpus of CORPUS_SIZE articles may cost: the full build (scaled to the size measured), its peak memory, one
# article added, one actor's events, `kg query timeline` over the server's time for it, and the page's opening.
CORPUS_SIZE = 10_000
CORPUS_BUDGETS = {"build": 120.0, "memory": 2.0, "added": 3.0, "actor": 0.050, "timeline": 1.2, "open": 3.0}
ACTOR_QUESTION = ("SELECT ?event ?label WHERE {{ ?event <http://semanticweb.cs.vu.nl/2009/11/sem/hasActor> <{actor}> ; "
                  "<http://www.w3.org/2000/01/rdf-schema#label> ?label }} ORDER BY ?event")
ACTORS_BY_EVENTS = ("SELECT ?actor (COUNT(?event) AS ?events) WHERE { ?event "
                    "<http://semanticweb.cs.vu.nl/2009/11/sem/hasActor> ?actor } GROUP BY ?actor "
                    "ORDER BY DESC(?events) ?actor")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def wall_time(command: list[str]) -> float:
    """Run a command once from the project root and return its wall time in seconds; fail loudly on error."""
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"benchmark: {' '.join(command)} exited {proc.returncode}:\n{proc.stderr.decode(errors='replace')}")
    return elapsed


def median_times(commands: list[list[str]], runs: int) -> list[float]:
    """Return the median wall time of each command, run in turns after one untimed warm-up run each."""
    # Warm-up: the first run pays for reading the interpreter, the packages and the .pyc files from
    # disk (and may write .pyc files); later runs find them in the page cache. Every command gets one
    # such run, so the timed runs compare like with like. Taking turns (a, b, a, b…) exposes the
    # commands to the same load when the machine's speed drifts during the measurement.
    for command in commands:
        wall_time(command)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, spent in zip(commands, times):
            spent.append(wall_time(command))
    return [statistics.median(spent) for spent in times]


def timed(function, *args):
    """Call a function once; return its result and its wall time in seconds."""
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def cpu_timed(function, *args):
    """Call a function once; return its result and the processor time it took in seconds.

    Processor time rather than wall time: on a machine shared with other work, it still measures the
    stage alone.
    """
    start = time.process_time()
    result = function(*args)
    return result, time.process_time() - start


def page_open_times(page: Path, runs: int) -> list[float]:
    """Open a page from the file system in headless Chromium, once per run, until it has drawn; return the times."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(runs + 1):  # the first open warms the browser's caches and is not counted
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            tab = context.new_page()
            start = time.perf_counter()
            tab.goto(page.as_uri())
            tab.wait_for_selector("body[data-ready=true]", timeout=120_000)
            times.append(time.perf_counter() - start)
            context.close()
        browser.close()
    return times[1:]


def sized_article(size: int) -> str:
    """Return an article of about a given size in bytes: a dateline, then paragraphs of corpus sentences."""
    from tests.fuzz import SENTENCES

    paragraphs, length, i = [], 0, 0
    while length < size - 200:
        paragraph = " ".join(SENTENCES[(i * 7 + k) % len(SENTENCES)] for k in range(4))
        paragraphs.append(paragraph)
        length += len(paragraph.encode("utf-8")) + 2
        i += 1
    return "Titular\n\nEntradilla.\n\n31 Diciembre de 2021 11.20\n\n" + "\n\n".join(paragraphs)


def size_costs() -> list[tuple[int, float]]:
    """Build an article of each size in this process; return (bytes, seconds) for each."""
    from kg.build import build_triples

    costs = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as out:
        for size in SIZES:
            path = Path(out) / f"article-{size}.txt"
            path.write_text(sized_article(size), encoding="utf-8")
            costs.append((path.stat().st_size, timed(build_triples, [path])[1]))
    return costs


def fuzz_failures(examples: int) -> list[str]:
    """Build random and mutated articles and return the failures found (at most one: Hypothesis stops there)."""
    from hypothesis import HealthCheck, given, settings

    from kg.extract.rules import load_rules
    from tests.fuzz import articles, check_build

    rules = load_rules()

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(articles())
    def run(text: str) -> None:
        check_build(text, rules)

    try:
        run()
    except Exception as err:  # the shrunk failing example, reported rather than raised
        return [f"{type(err).__name__}: {err}"]
    return []


def stage_times(count: int) -> tuple[dict[str, float], str]:
    """Build `count` distinct articles stage by stage in this process; return each stage's time and the sizes."""
    from kg.build import read_article, settle
    from kg.extract.rules import load_rules
    from kg.extract.text import load_article
    from kg.page.html import render_page
    from kg.page.layout import time_layout
    from kg.page.project import project
    from kg.rdf.mapping import map_article, new_triples
    from kg.rdf.serialize import to_turtle
    from tests.variants import Variator

    rules = load_rules()
    times = dict.fromkeys(STAGES, 0.0)
    triples = new_triples()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as out:
        for path in Variator(rules).write(count, Path(out)):
            article = load_article(path)
            reading, spent = cpu_timed(read_article, article, rules)
            times["extract"] += spent
            times["map"] += cpu_timed(map_article, triples, article, rules, reading.blocks, reading.sentences,
                                      reading.extraction, reading.place)[1] + cpu_timed(settle)[1]
    projection, times["projection"] = cpu_timed(project, triples)
    layout, times["layout"] = cpu_timed(time_layout, projection)
    page, times["page"] = cpu_timed(render_page, projection, layout)
    turtle, times["Turtle"] = cpu_timed(to_turtle, triples)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6  # kilobytes on Linux
    sizes = (f"{len(triples)} triples, {projection.number_of_nodes()} nodes, {projection.number_of_edges()} edges; "
             f"page {len(page) / 1e6:.1f} MB, Turtle {len(turtle) / 1e6:.1f} MB; peak memory so far {peak:.2f} GB")
    return times, sizes


def scale_report(counts: list[int]) -> int:
    """Time every stage at each corpus size, print the table and return the exit code."""
    counts = sorted(counts)
    measured = {}
    for count in counts:
        measured[count], sizes = stage_times(count)
        print(f"{count} articles: {sizes}", flush=True)
    print("processor time of each stage")
    print_rows([("stage", "  ".join(f"{count:>8}" for count in counts) + "    growth")]
               + [(stage, "  ".join(f"{measured[count][stage]:7.2f}s" for count in counts)
                   + f"  {measured[counts[-1]][stage] / max(measured[counts[0]][stage], 1e-3):7.1f}x")
                  for stage in STAGES])
    allowed = SCALE_BUDGET * counts[-1] / counts[0]
    over = [stage for stage in STAGES if measured[counts[-1]][stage] > allowed * max(measured[counts[0]][stage], 0.05)]
    print(f"budget: no stage grows more than {allowed:.1f}x")
    print("over budget: " + ", ".join(over) if over else "within budget")
    return 1 if over else 0


def page_store_report(counts: list[int], runs: int) -> int:
    """Build ever larger stores of distinct articles, time their default page, print the table; return the exit code."""
    from kg.build import run_build
    from kg.extract.rules import load_rules
    from kg.jobs import default_jobs
    from tests.variants import Variator

    rows, over = [], []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as work:
        articles, out = Path(work) / "articles", Path(work) / "out"
        articles.mkdir()
        variator = Variator(load_rules())
        for count in sorted(counts):
            variator.write(count, articles)
            built, build_time = timed(lambda: run_build([articles], out, jobs=default_jobs()))
            page = Path(work) / "page.html"
            command = median_times([[sys.executable, "-m", "kg", "page", "--store", str(built.store), "--out",
                                     str(page)]], runs)[0]
            opened = statistics.median(page_open_times(built.page, runs))
            print(f"{count} articles: {len(built.graph)} triples; built in {build_time:.0f} s; its page "
                  f"{built.projection.number_of_nodes()} nodes, {built.projection.number_of_edges()} edges, "
                  f"{built.page.stat().st_size / 1e6:.1f} MB", flush=True)
            rows += [(f"{count} articles: kg page (median of {runs})", f"{command:.2f} s"),
                     (f"{count} articles: page open in headless Chromium (median of {runs}; budget "
                      f"{PAGE_STORE_BUDGET:.0f} s)", f"{opened:.2f} s")]
            if opened > PAGE_STORE_BUDGET:
                over.append(f"page of {count} articles")
    print_rows(rows)
    print("over budget: " + ", ".join(over) if over else "within budget")
    return 1 if over else 0


def tree_memory(root: int) -> int:
    """Return the resident memory, in bytes, of a process and all its descendants (read from /proc)."""
    children: dict[int, list[int]] = {}
    resident: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:  # the process ended meanwhile
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        children.setdefault(int(fields["PPid"]), []).append(pid)
        resident[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += resident.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def sampled_run(command: list[str]) -> tuple[float, float]:
    """Run a command from the project root; return its wall time in seconds and the peak, in GB, of the memory it and
    its child processes held together (sampled every tenth of a second)."""
    # Its messages go to a file: a pipe that nobody reads while it runs would stop it once full.
    with tempfile.TemporaryFile() as messages:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=messages)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_memory(process.pid))
            time.sleep(0.1)
        elapsed = time.perf_counter() - start
        if process.returncode != 0:
            messages.seek(0)
            sys.exit(f"benchmark: {' '.join(command)} exited {process.returncode}:\n"
                     f"{messages.read().decode(errors='replace')}")
    return elapsed, peak / 1e9


def free_port() -> int:
    """Return a TCP port of this machine that nothing listens on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_times(store: Path, question: str, runs: int) -> tuple[float, int]:
    """Start `kg serve` over a store, send it a shipped question over HTTP for CSV, once to warm it and then runs
    times; return the median wall time and the number of rows."""
    from urllib.parse import urlencode
    from urllib.request import Request, urlopen

    from kg.endpoint import PREFIX_LINE
    from kg.query import QUESTIONS_DIR

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--bind",
                               f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    body = urlencode({"query": PREFIX_LINE + (QUESTIONS_DIR / f"{question}.rq").read_text(encoding="utf-8")})
    request = Request(f"http://127.0.0.1:{port}/query", data=body.encode("ascii"),
                      headers={"Accept": "text/csv", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        for line in server.stderr:  # kg serve says where it answers once the server listens
            if b"answering SPARQL queries" in line:
                break
        times, rows = [], 0
        for _ in range(runs + 1):
            start = time.perf_counter()
            with urlopen(request) as response:
                rows = response.read().count(b"\n") - 1
            times.append(time.perf_counter() - start)
    finally:
        server.terminate()
        server.wait()
    return statistics.median(times[1:]), rows


def actor_question(store, actor: str, runs: int) -> tuple[int, float]:
    """Ask a store for one actor's events, once to warm it and then runs times; return the rows and the median time."""
    times, rows = [], 0
    for _ in range(runs + 1):
        start = time.perf_counter()
        rows = len(list(store.query(ACTOR_QUESTION.format(actor=actor), use_default_graph_as_union=True)))
        times.append(time.perf_counter() - start)
    return rows, statistics.median(times[1:])


def corpus_report(count: int, runs: int) -> int:
    """Build a corpus of count distinct articles and time what its user waits for; print the table and return the
    exit code."""
    import pyoxigraph as ox

    from kg.extract.rules import load_rules
    from kg.jobs import default_jobs
    from tests.variants import Variator

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as work:
        articles, later, out = Path(work) / "articles", Path(work) / "later", Path(work) / "out"
        articles.mkdir()
        later.mkdir()
        written = Variator(load_rules()).write(count + runs, articles)
        for path in written[count:]:  # held back, to be added one by one
            path.rename(later / path.name)
        build = [sys.executable, "-m", "kg", "build", str(articles), "--out", str(out), "--jobs", str(default_jobs())]
        build_time, memory = sampled_run(build)
        added = []
        for path in written[count:]:
            (later / path.name).rename(path)
            added.append(sampled_run(build)[0])
        store = out / "store"
        opened = ox.Store.read_only(str(store))
        # The actor of the median number of events, whose question is selective, and the actor of the most.
        actors = [row["actor"].value for row in opened.query(ACTORS_BY_EVENTS, use_default_graph_as_union=True)]
        (events, actor_time), (busiest_events, busiest_time) = (
            actor_question(opened, actor, runs) for actor in (actors[len(actors) // 2], actors[0]))
        del opened
        timeline = median_times([[sys.executable, "-m", "kg", "query", "timeline", "--store", str(store), "-f",
                                  "csv"]], runs)[0]
        served, timeline_rows = server_times(store, "timeline", runs)
        page = median_times([[sys.executable, "-m", "kg", "page", "--store", str(store), "--out",
                              str(Path(work) / "page.html")]], runs)[0]
        opened_page = statistics.median(page_open_times(out / "graph.html", runs))
    figures = {"build": build_time, "memory": memory, "added": statistics.median(added),
               "actor": actor_time, "timeline": timeline / served, "open": opened_page}
    budgets = dict(CORPUS_BUDGETS, build=CORPUS_BUDGETS["build"] * count / CORPUS_SIZE)
    print(f"{count} distinct articles, {default_jobs()} jobs; budgets of {CORPUS_SIZE} articles, the build's scaled")
    print_rows([
        (f"kg build, all of them (budget {budgets['build']:.1f} s)", f"{build_time:.1f} s"),
        (f"  peak memory of its processes together (budget {budgets['memory']:.0f} GB)", f"{memory:.2f} GB"),
        (f"kg build after one article is added (median of {runs}; budget {budgets['added']:.0f} s)",
         f"{figures['added']:.2f} s"),
        (f"one actor's events on the store, in process: an actor of the median count ({events} rows; budget "
         f"{budgets['actor'] * 1e3:.0f} ms)", f"{figures['actor'] * 1e3:.1f} ms"),
        (f"  the actor of the most events ({busiest_events} rows)", f"{busiest_time * 1e3:.1f} ms"),
        (f"kg query timeline --store ({timeline_rows} rows, median of {runs})", f"{timeline:.2f} s"),
        (f"  the same question to the Oxigraph server, warm (median of {runs})", f"{served:.2f} s"),
        (f"  ratio (budget {budgets['timeline']:.1f})", f"{figures['timeline']:.2f}"),
        (f"kg page --store (median of {runs})", f"{page:.2f} s"),
        (f"the build's page open in headless Chromium (median of {runs}; budget {budgets['open']:.0f} s)",
         f"{opened_page:.2f} s"),
    ])
    over = [name for name, value in figures.items() if value > budgets[name]]
    print("over budget: " + ", ".join(over) if over else "within budget")
    return 1 if over else 0


def print_rows(rows: list[tuple[str, str]]) -> None:
    """Print label/value rows aligned."""
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value:>8}")


def main() -> int:
    """Measure, print the tables, and return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each measurement (default: 5)")
    parser.add_argument("--nodes", type=int, default=5000, help="nodes of the synthetic graph (default: 5000)")
    parser.add_argument("--fuzz", type=int, default=2000, help="random articles to build and check (default: 2000)")
    parser.add_argument("--scale", type=int, nargs="+", metavar="N",
                        help="only time each stage on N distinct articles, for each N given")
    parser.add_argument("--page-store", type=int, nargs="+", metavar="N",
                        help="only time the default page of a store of N distinct articles, for each N given")
    parser.add_argument("--corpus", type=int, metavar="N",
                        help=f"only time what the user of N distinct articles waits for (the budgets: {CORPUS_SIZE:,})")
    args = parser.parse_args()
    if args.corpus:
        return corpus_report(args.corpus, args.runs)
    if args.scale:
        return scale_report(args.scale)
    if args.page_store:
        return page_store_report(args.page_store, args.runs)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not CHROMIUM.exists():
        parser.error(f"the page measurement needs Chromium at {CHROMIUM} (apt-get install -y chromium)")

    from kg.page.html import render_page
    from kg.page.layout import time_layout
    from kg.page.project import project

    # An installed kg is byte-compiled by pip; an editable install run with PYTHONDONTWRITEBYTECODE=1
    # would compile every module from source on each run, which no user of a release pays.
    compileall.compile_dir(ROOT / "kg", quiet=1)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as out:
        # --rebuild: a build that finds the seed unchanged in its store would read nothing.
        build, floor = median_times([[sys.executable, "-m", "kg", "build", "seeds", "--out", out, "--rebuild"],
                                     [sys.executable, "-c", IMPORTS]], args.runs)
        built = str(Path(out) / "graph.ttl")
        query, query_floor, rdflib_query = median_times(
            [[sys.executable, "-m", "kg", "query", QUESTION, "--graph", built],
             [sys.executable, "-c", QUERY_IMPORTS],
             [sys.executable, "-c", RDFLIB_QUERY, built, QUESTION]], args.runs)
    query_ratio = query / query_floor
    ratio = build / floor

    graph = synthetic_graph(args.nodes)
    projection, project_time = timed(project, graph)
    layout_time = statistics.median(timed(time_layout, projection)[1] for _ in range(args.runs))
    page, render_time = timed(render_page, projection, time_layout(projection))
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as out:
        path = Path(out) / "graph.html"
        path.write_bytes(page)
        open_time = statistics.median(page_open_times(path, args.runs))

    print(f"python: {sys.executable}")
    print(f"median of {args.runs} runs each, taken in turns, after one untimed warm-up run each")
    print_rows([
        ("(a) python -m kg build seeds --out <tmpdir> --rebuild", f"{build:.3f} s"),
        (f'(b) python -c "{IMPORTS}"', f"{floor:.3f} s"),
        ("ratio (a)/(b)", f"{ratio:.2f}"),
        (f"(c) python -m kg query {QUESTION} --graph <tmpdir>/graph.ttl", f"{query:.3f} s"),
        (f'(d) python -c "{QUERY_IMPORTS}"', f"{query_floor:.3f} s"),
        ("ratio (c)/(d)", f"{query_ratio:.2f}"),
        (f"(e) {QUESTION} on rdflib's SPARQL engine, for reference", f"{rdflib_query:.3f} s"),
        ("ratio (e)/(d)", f"{rdflib_query / query_floor:.2f}"),
        ("budget for (a)/(b) and (c)/(d)", f"{BUDGET:.2f}"),
    ])
    print(f"synthetic graph: {projection.number_of_nodes()} nodes, {projection.number_of_edges()} edges, "
          f"{len(graph)} triples; page {len(page) / 1e6:.1f} MB")
    print_rows([
        ("projection (once)", f"{project_time:.3f} s"),
        (f"layout (median; budget {LAYOUT_BUDGET:.0f} s)", f"{layout_time:.3f} s"),
        ("page rendering (once)", f"{render_time:.3f} s"),
        (f"page open in headless Chromium (median; budget {OPEN_BUDGET:.0f} s)", f"{open_time:.3f} s"),
    ])
    (small, small_time), (large, large_time) = size_costs()
    linear = (large_time / large) / (small_time / small)
    print_rows([
        (f"build of a {small / 1e3:.0f} KB article", f"{small_time:.2f} s"),
        (f"build of a {large / 1e3:.0f} KB article", f"{large_time:.2f} s"),
        (f"cost per KB, larger over smaller (budget {LINEAR_BUDGET:.1f})", f"{linear:.2f}"),
    ])
    failures = fuzz_failures(args.fuzz)
    print_rows([("random and mutated articles built and checked", f"{args.fuzz}"),
                ("failures", f"{len(failures)}")])
    for failure in failures:
        print(failure)
    over = [name for name, value, budget in (("build ratio", ratio, BUDGET), ("query ratio", query_ratio, BUDGET),
                                             ("layout", layout_time, LAYOUT_BUDGET),
                                             ("page open", open_time, OPEN_BUDGET),
                                             ("cost per KB", linear, LINEAR_BUDGET),
                                             ("random articles", len(failures), 0)) if value > budget]
    print("over budget: " + ", ".join(over) if over else "within budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
