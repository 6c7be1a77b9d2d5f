"""Cold wall time of `kg build` and `kg query` against the floors their imports set.

Run from anywhere: `python tests/benchmark.py [--runs N]`. Each measurement is a fresh interpreter
(a subprocess of sys.executable), so it includes start-up and imports. It reports the median of
N runs of

  (a) python -m kg build seeds --out <tmpdir>
  (b) python -c "import rdflib, networkx, pyvis.network, typer"   (the floor of kg build)
  (c) python -m kg query phone-call --graph <tmpdir>/graph.ttl     (a shipped question)
  (d) python -c "import rdflib, typer"                             (the floor of kg query)
  (e) the same question answered by rdflib's SPARQL engine         (for reference: the engine not chosen)

and the ratios (a)/(b) and (c)/(d); it exits 1 when either is over the budget, 0 otherwise.
Not a pytest test (its name does not start with test_): timings do not belong in the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 1.3
IMPORTS = "import rdflib, networkx, pyvis.network, typer"
QUERY_IMPORTS = "import rdflib, typer"
QUESTION = "phone-call"
# What kg query would cost on rdflib: parse the Turtle, prepare the question, serialize every row.
RDFLIB_QUERY = (
    "import sys, rdflib, typer\n"
    "from rdflib.plugins.sparql import prepareQuery\n"
    "from kg.query import QUESTIONS_DIR\n"
    "from kg.vocab import NAMESPACES\n"
    "graph = rdflib.Graph()\n"
    "graph.parse(sys.argv[1], format='turtle')\n"
    "query = prepareQuery((QUESTIONS_DIR / (sys.argv[2] + '.rq')).read_text(encoding='utf-8'), initNs=NAMESPACES)\n"
    "sys.stdout.buffer.write(graph.query(query).serialize(format='csv'))\n"
)


def wall_time(command: list[str]) -> float:
    """Run a command once from the project root and return its wall time in seconds; fail loudly on error."""
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"benchmark: {' '.join(command)} exited {proc.returncode}:\n{proc.stderr.decode(errors='replace')}")
    return elapsed


def median_time(command: list[str], runs: int) -> float:
    """Return the median wall time of several runs of a command, after one untimed warm-up run."""
    # Warm-up: the first run pays for reading the interpreter, the packages and the .pyc files from
    # disk (and may write .pyc files); later runs find them in the page cache. Both commands get one
    # such run, so the timed runs compare like with like.
    wall_time(command)
    return statistics.median(wall_time(command) for _ in range(runs))


def main() -> int:
    """Measure, print the table, and return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (default: 5)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as out:
        build = median_time([sys.executable, "-m", "kg", "build", "seeds", "--out", out], args.runs)
        graph = str(Path(out) / "graph.ttl")
        query = median_time([sys.executable, "-m", "kg", "query", QUESTION, "--graph", graph], args.runs)
        rdflib_query = median_time([sys.executable, "-c", RDFLIB_QUERY, graph, QUESTION], args.runs)
    floor = median_time([sys.executable, "-c", IMPORTS], args.runs)
    query_floor = median_time([sys.executable, "-c", QUERY_IMPORTS], args.runs)
    ratio = build / floor
    query_ratio = query / query_floor

    print(f"python: {sys.executable}")
    print(f"median of {args.runs} runs each, after one untimed warm-up run each")
    rows = [
        ("(a) python -m kg build seeds --out <tmpdir>", f"{build:.3f} s"),
        (f'(b) python -c "{IMPORTS}"', f"{floor:.3f} s"),
        ("ratio (a)/(b)", f"{ratio:.2f}"),
        (f"(c) python -m kg query {QUESTION} --graph <tmpdir>/graph.ttl", f"{query:.3f} s"),
        (f'(d) python -c "{QUERY_IMPORTS}"', f"{query_floor:.3f} s"),
        ("ratio (c)/(d)", f"{query_ratio:.2f}"),
        (f"(e) {QUESTION} on rdflib's SPARQL engine, for reference", f"{rdflib_query:.3f} s"),
        ("ratio (e)/(d)", f"{rdflib_query / query_floor:.2f}"),
        ("budget for (a)/(b) and (c)/(d)", f"{BUDGET:.2f}"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value:>8}")
    over = [name for name, value in (("kg build", ratio), ("kg query", query_ratio)) if value > BUDGET]
    print(f"over budget: {', '.join(over)}" if over else "within budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
