"""Cold wall time of `kg build seeds` against the floor its imports set.

Run from anywhere: `python tests/benchmark.py [--runs N]`. Each measurement is a fresh interpreter
(a subprocess of sys.executable), so it includes start-up and imports. It reports the median of
N runs of

  (a) python -m kg build seeds --out <tmpdir>
  (b) python -c "import rdflib, networkx, pyvis.network, typer"   (the floor the imports set)

and the ratio (a)/(b); it exits 1 when the ratio is over the budget, 0 otherwise.
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
    floor = median_time([sys.executable, "-c", IMPORTS], args.runs)
    ratio = build / floor

    print(f"python: {sys.executable}")
    print(f"median of {args.runs} runs each, after one untimed warm-up run each")
    rows = [
        ("(a) python -m kg build seeds --out <tmpdir>", f"{build:.3f} s"),
        (f'(b) python -c "{IMPORTS}"', f"{floor:.3f} s"),
        ("ratio (a)/(b)", f"{ratio:.2f}"),
        ("budget", f"{BUDGET:.2f}"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value:>8}")
    verdict = "over budget" if ratio > BUDGET else "within budget"
    print(verdict)
    return 1 if ratio > BUDGET else 0


if __name__ == "__main__":
    sys.exit(main())
