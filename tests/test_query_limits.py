"""kg query under hostile input: every query and graph ends in results or in one numbered error line, never in a
traceback, a hang, a crash or an exhausted machine.

The limits are exercised with inputs just past them; where the process itself matters (a crash, the stack, the
memory, a pipe), `kg query` runs as a real subprocess of the seed graph's directory.
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.query
from kg.errors import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_QUERY, EXIT_TIMEOUT, EXIT_USAGE, MESSAGES
from kg.query import MAX_DEPTH, MAX_QUERY_TOKENS
from tests.test_query import RUNAWAY, assert_error, graph, graph_file, invoke  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
# Two triple patterns that share no variable: the seed graph's triples squared, more rows than any limit allows.
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def environment() -> dict[str, str]:
    """The environment of a shell: without the PYTHON* variables a test runner may set (PYTHONUNBUFFERED…)."""
    return {name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}


def kg_query(graph: Path, *args: str, **options) -> subprocess.Popen:
    """Start `kg query` as a real process in the graph's scratch directory, its output piped unless told."""
    options = {"stdin": subprocess.DEVNULL, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | options
    return subprocess.Popen([sys.executable, "-m", "kg", "query", *args], cwd=graph.parent.parent, env=environment(),
                            **options)


def finished(proc: subprocess.Popen, seconds: float = 60) -> tuple[int, bytes, str]:
    """Wait for a started process; return its exit code, its stdout and its stderr."""
    stdout, stderr = proc.communicate(timeout=seconds)
    return proc.returncode, stdout, stderr.decode()


def nested_jsonld(depth: int) -> str:
    """A JSON-LD document of objects nested depth levels deep, each the value of its parent's property."""
    document = '"last"'
    for level in range(depth):
        document = f'{{"@id": "http://example.org/{level}", "http://example.org/p": {document}}}'
    return document


# --- reading the query -------------------------------------------------------------------------


def test_endless_stdin_stops_at_the_size_limit(graph: Path) -> None:
    with open("/dev/zero", "rb") as zeros:
        code, stdout, stderr = finished(kg_query(graph, "-", stdin=zeros))
    assert (code, stdout) == (EXIT_INPUT, b"")
    assert stderr == "Error: [E407] <stdin>: the query is larger than 1,000,000 bytes (the limit of kg query)\n"


@pytest.mark.parametrize("extra,ok", [(0, True), (1, False)], ids=["at-the-limit", "one-byte-more"])
def test_size_limit(graph: Path, monkeypatch: pytest.MonkeyPatch, extra: int, ok: bool) -> None:
    monkeypatch.setattr(kg.query, "MAX_QUERY_BYTES", 64)
    query = "ASK { ?s ?p ?o }".ljust(64 + extra)
    Path("big.rq").write_text(query, encoding="utf-8")
    for source, result in [("big.rq", invoke("big.rq")), ("<stdin>", invoke("-", stdin=query)),
                           ("--query", invoke("--query", query))]:
        if ok:
            assert (result.exit_code, result.stdout) == (EXIT_OK, "true\n"), result.stderr
        else:
            assert_error(result, EXIT_INPUT, f"[E407] {source}: the query is larger than 64 bytes "
                                             "(the limit of kg query)")


def test_nul_byte(graph: Path) -> None:
    Path("binary.rq").write_bytes(b"ASK {}\n\0\0")
    assert_error(invoke("binary.rq"), EXIT_INPUT, "[E408] binary.rq: a NUL byte at byte 7: a query is text")
    assert_error(invoke("-", stdin=b"\0ASK {}"), EXIT_INPUT, "[E408] <stdin>: a NUL byte at byte 0: a query is text")


def test_stdin_not_utf8(graph: Path) -> None:
    assert_error(invoke("-", stdin="ASK {} # ¿qué?".encode("latin-1")), EXIT_INPUT,
                 "[E004] not valid UTF-8 at byte 9: <stdin>")


def test_command_line_bytes_not_utf8(graph: Path) -> None:
    # Python hands a command-line byte that is not UTF-8 over as a surrogate: it is reported as that byte.
    assert_error(invoke("--query", "ASK {} # \udce9"), EXIT_INPUT, "[E004] not valid UTF-8 at byte 9: --query")


# --- the shape of the query --------------------------------------------------------------------


def test_nesting_at_the_limit_runs(graph: Path) -> None:
    query = "ASK " + "{" * MAX_DEPTH + "}" * MAX_DEPTH
    assert invoke("--query", query).stdout == "true\n"


def test_nesting_past_the_limit_is_refused_where_it_happens(graph: Path) -> None:
    query = "ASK {\n  FILTER(" + "(" * (MAX_DEPTH - 1) + "1" + ")" * (MAX_DEPTH - 1) + ")\n}"
    assert_error(invoke("--query", query), EXIT_QUERY, f"[E413] --query: brackets nested deeper than {MAX_DEPTH} "
                 f"levels at line 2, column {9 + MAX_DEPTH - 1} (the limit of kg query)")


def test_brackets_in_strings_iris_and_comments_do_not_nest(graph: Path) -> None:
    many = "{[(" * MAX_DEPTH
    query = (f'ASK {{ # {many}\n  ?s ?p ?o . FILTER(?o != "{many}" && ?o != \'\'\'{many}\'\'\' '
             f'&& ?s != <http://example.org/{"(" * MAX_DEPTH}>) }}')
    assert invoke("--query", query).stdout == "true\n"


@pytest.mark.parametrize("brackets", ["{", "("], ids=["braces", "parentheses"])
def test_deep_nesting_that_crashed_the_parser_is_refused(graph: Path, brackets: str) -> None:
    # 3,000 braces or 5,000 parentheses overflowed pyoxigraph's stack: exit 139 and no message.
    closing = {"{": "}", "(": ")"}[brackets]
    query = "ASK { FILTER(" + brackets * 5000 + ("1" if brackets == "(" else "") + closing * 5000 + ") }"
    code, stdout, stderr = finished(kg_query(graph, "--query", query))
    assert (code, stdout) == (EXIT_QUERY, b"")
    assert re.fullmatch(rf"Error: \[E413\] --query: brackets nested deeper than {MAX_DEPTH} levels at line 1, "
                        r"column \d+ \(the limit of kg query\)\n", stderr)


def test_token_limit(graph: Path) -> None:
    # SELECT ?x WHERE { VALUES ?x { … } }: nine tokens around the values.
    values = MAX_QUERY_TOKENS - 9
    query = "SELECT ?x WHERE { VALUES ?x { " + "1 " * values + "} }"
    assert invoke("--query", query, "-f", "csv").stdout.count("\n") == values + 1
    longer = "SELECT ?x WHERE { VALUES ?x { " + "1 " * (values + 1) + "} }"
    assert_error(invoke("--query", longer), EXIT_QUERY,
                 f"[E414] --query: more than {MAX_QUERY_TOKENS:,} tokens (the limit of kg query); split the query")


def test_long_chain_runs_on_a_deep_stack(graph: Path) -> None:
    # Ten thousand negations overflow pyoxigraph's parser on a main thread's 8 MB stack; the worker has room.
    query = "ASK { FILTER(" + "!" * (MAX_QUERY_TOKENS - 10) + "true) }"
    code, stdout, stderr = finished(kg_query(graph, "--query", query))
    assert (code, stdout, stderr) == (EXIT_OK, b"true\n", "")


# --- graphs ------------------------------------------------------------------------------------

BILLION_LAUGHS = f"""<?xml version="1.0"?>
<{{doctype}} rdf:RDF [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;">
]>
<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/joke"><ex:says>&lol2;</ex:says></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("name,doctype", [("laughs.rdf", "!DOCTYPE"), ("laughs.owl", "!doctype")])
def test_xml_entities_are_refused_before_parsing(graph: Path, name: str, doctype: str) -> None:
    Path(name).write_text(BILLION_LAUGHS.replace("{doctype}", doctype), encoding="utf-8")
    assert_error(invoke("--query", "ASK { ?s ?p ?o }", "--graph", name), EXIT_INPUT,
                 f"[E409] refused graph {name}: RDF/XML that declares a DOCTYPE or an ENTITY (line 2), whose "
                 "entities could expand without bound")


def test_rdf_xml_without_declarations_loads(graph: Path) -> None:
    Path("plain.rdf").write_text(BILLION_LAUGHS.split("]>\n")[1].replace("&lol2;", "lol"), encoding="utf-8")
    result = invoke("--query", "SELECT ?said WHERE { ?s ?p ?said }", "--graph", "plain.rdf", "-f", "csv")
    assert result.stdout.splitlines() == ["said", "lol"]


def test_from_clause_gets_the_same_check(graph: Path, tmp_path: Path) -> None:
    laughs = tmp_path / "laughs.rdf"
    laughs.write_text(BILLION_LAUGHS.replace("{doctype}", "!DOCTYPE"), encoding="utf-8")
    result = invoke("--query", f"ASK FROM <{laughs.as_uri()}> {{ ?s ?p ?o }}", "--allow-remote")
    assert_error(result, EXIT_INPUT, f"[E409] refused graph <{laughs.as_uri()}>: RDF/XML that declares a DOCTYPE "
                                     "or an ENTITY (line 2), whose entities could expand without bound")


def test_jsonld_nesting_limit(graph: Path) -> None:
    Path("deep.jsonld").write_text(nested_jsonld(MAX_DEPTH), encoding="utf-8")
    result = invoke("--query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--graph", "deep.jsonld", "-f", "csv")
    assert result.stdout.splitlines() == ["n", str(MAX_DEPTH)]
    text = nested_jsonld(MAX_DEPTH + 1)
    Path("deeper.jsonld").write_text(text, encoding="utf-8")
    column = [m.start() for m in re.finditer("{", text)][MAX_DEPTH] + 1
    assert_error(invoke("phone-call", "--graph", "deeper.jsonld"), EXIT_INPUT,
                 f"[E410] refused graph deeper.jsonld: nested deeper than {MAX_DEPTH} levels at line 1, "
                 f"column {column} (the limit of kg query)")


def test_jsonld_that_crashed_the_parser_is_refused(graph: Path) -> None:
    Path("crash.jsonld").write_text(nested_jsonld(5000), encoding="utf-8")
    code, stdout, stderr = finished(kg_query(graph, "phone-call", "--graph", "crash.jsonld"))
    assert (code, stdout) == (EXIT_INPUT, b"")
    assert stderr.startswith(f"Error: [E410] refused graph crash.jsonld: nested deeper than {MAX_DEPTH} levels")


# --- time: from reading the query to the last row ------------------------------------------------


def test_timeout_covers_reading_stdin(graph: Path) -> None:
    proc = kg_query(graph, "-", "--timeout", "0.5", stdin=subprocess.PIPE)  # a writer that never writes nor closes
    try:
        assert proc.wait(timeout=30) == EXIT_TIMEOUT
    finally:
        proc.stdin.close()
    assert proc.stdout.read() == b""
    assert proc.stderr.read() == (b"Error: [E431] <stdin>: stopped after 0.5 s (--timeout); narrow the query or "
                                  b"raise the limit\n")


def test_timeout_covers_the_safety_check(graph: Path) -> None:
    # A comment that names FROM sends the query to rdflib's parser, which needs many seconds for this group.
    query = "# from\nSELECT * WHERE { " + "?s ?p ?o . " * ((MAX_QUERY_TOKENS - 10) // 4) + "}"
    start = time.monotonic()
    code, stdout, stderr = finished(kg_query(graph, "--query", query, "--timeout", "0.5"))
    assert (code, stdout) == (EXIT_TIMEOUT, b""), stderr
    assert time.monotonic() - start < 10
    assert stderr.startswith("Error: [E431] --query: stopped after 0.5 s")


def test_timeout_covers_loading_the_graphs(graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow_load(paths):
        time.sleep(30)

    monkeypatch.setattr(kg.query, "load_graphs", slow_load)
    start = time.monotonic()
    assert_error(invoke("phone-call", "--timeout", "0.3"), EXIT_TIMEOUT,
                 "[E431] phone-call: stopped after 0.3 s (--timeout); narrow the query or raise the limit")
    assert time.monotonic() - start < 10


def test_finished_answer_is_not_stopped_by_a_slow_reader(graph: Path) -> None:
    # The answer is written in time into the pipes; the reader takes longer than the limit to read it all.
    proc = kg_query(graph, "provenance", "--timeout", "2")  # the answer takes a fraction of a second
    first = proc.stdout.read(10)
    time.sleep(2.5)
    code, rest, stderr = finished(proc)
    assert (code, stderr) == (EXIT_OK, "")
    assert (first + rest).count(b"\n") > 100


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_timeout_must_be_a_finite_number(graph: Path, value: str) -> None:
    result = invoke("phone-call", "--timeout", value)
    assert result.exit_code == EXIT_USAGE
    assert "--timeout" in result.stderr and "Traceback" not in result.stderr


# --- results are streamed, memory is bounded -----------------------------------------------------


@pytest.mark.parametrize("output_format,start", [("tsv", b"?a\t"), ("csv", b"a,b,"), ("json", b'{"head":'),
                                                 ("xml", b"<?xml")])
def test_results_stream_before_the_query_ends(graph: Path, output_format: str, start: bytes) -> None:
    proc = kg_query(graph, "--query", CARTESIAN, "-f", output_format, "--timeout", "60")
    first = proc.stdout.read(1_000_000)  # far more than a buffer holds: rows arrive while the query runs
    assert first.startswith(start)
    assert proc.poll() is None
    proc.stdout.close()  # the reader goes away, as `| head` does: the query ends quietly
    assert proc.wait(timeout=30) == 1
    assert proc.stderr.read() == b""


def test_streaming_keeps_memory_flat(graph: Path) -> None:
    # Reported for the kg process and its child by a parent of their own, which waits for both.
    script = ("import resource, subprocess, sys\n"
              "subprocess.run([sys.executable, '-m', 'kg', 'query', '--query', sys.argv[1], '--graph', sys.argv[2],"
              " '--timeout', '2'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    proc = subprocess.run([sys.executable, "-c", script, CARTESIAN, str(graph)], capture_output=True, text=True,
                          timeout=60, cwd=ROOT, env=environment())
    assert int(proc.stdout) < 200_000  # kB; a buffered answer grew by more than 250 MB a second


def test_memory_limit(graph: Path) -> None:
    # Sorting the rows needs all of them at once.
    code, stdout, stderr = finished(kg_query(graph, "--query", CARTESIAN + " ORDER BY ?a ?f", "--max-memory", "200"))
    assert (code, stdout) == (EXIT_TIMEOUT, b"")
    assert stderr == ("Error: [E432] --query: stopped at 200 MB of memory (--max-memory); narrow the query or raise "
                      "the limit\n")


def test_memory_limit_too_small_to_start(graph: Path) -> None:
    code, stdout, stderr = finished(kg_query(graph, "phone-call", "--max-memory", "1"))
    assert (code, stdout) == (EXIT_TIMEOUT, b"")
    assert stderr.startswith("Error: [E432] phone-call: stopped at 1 MB of memory (--max-memory)")


def test_python_out_of_memory_is_the_memory_limit(graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def greedy(paths):
        raise MemoryError

    monkeypatch.setattr(kg.query, "load_graphs", greedy)
    assert_error(invoke("phone-call", "--max-memory", "300"), EXIT_TIMEOUT,
                 "[E432] phone-call: stopped at 300 MB of memory (--max-memory); narrow the query or raise the limit")


# --- the child process -------------------------------------------------------------------------


def test_crash_of_the_child_is_one_line(graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes
    import faulthandler

    def crash(paths):
        faulthandler.disable()  # pytest's handler would print the stacks of the child on the terminal
        ctypes.string_at(0)  # a read at address 0: a segmentation fault, as a parser's stack overflow ends

    monkeypatch.setattr(kg.query, "load_graphs", crash)
    assert_error(invoke("phone-call"), EXIT_QUERY, "[E415] phone-call: the query process ended abruptly (SIGSEGV)")


def test_unexpected_exception_of_the_child_is_one_line(graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(paths):
        raise LookupError("no such thing")

    monkeypatch.setattr(kg.query, "load_graphs", broken)
    result = invoke("phone-call")
    assert (result.exit_code, result.stdout) == (EXIT_QUERY, "")
    assert re.fullmatch(r"Error: \[E415\] phone-call: the query process ended abruptly "
                        r"\(LookupError: no such thing at test_query_limits\.py:\d+\)\n", result.stderr)


def test_warnings_of_the_child_reach_stderr(graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load = kg.query.load_graphs

    def warning_load(paths):
        os.write(2, b"a library warns\n")  # the child's descriptor 2, a pipe to the parent
        return load(paths)

    monkeypatch.setattr(kg.query, "load_graphs", warning_load)
    result = invoke("--query", "ASK { ?s ?p ?o }")
    assert (result.exit_code, result.stdout, result.stderr) == (EXIT_OK, "true\n", "a library warns\n")


def test_child_stops_by_itself_when_its_parent_is_killed(graph: Path) -> None:
    # A count that runs for minutes and prints nothing until the end, so no broken pipe would stop it.
    proc = kg_query(graph, "--query", RUNAWAY, "--timeout", "2")
    child = None
    for _ in range(100):
        child = next((int(stat.parent.name) for stat in Path("/proc").glob("[0-9]*/stat")
                      if process_state(stat)[1] == proc.pid), None)
        if child:
            break
        time.sleep(0.05)
    assert child, "no child process"
    assert proc.poll() is None  # before its deadline: the parent has not stopped the child itself
    proc.kill()  # SIGKILL: the parent has no time to end its child
    proc.communicate(timeout=10)
    try:
        stopped = time.monotonic() + 60  # its CPU limit is 3 s, the timeout and a second: longer on a busy machine
        while time.monotonic() < stopped and process_state(Path(f"/proc/{child}/stat"))[0] not in ("Z", ""):
            time.sleep(0.1)
        assert process_state(Path(f"/proc/{child}/stat"))[0] in ("Z", "")  # ended; a zombie until init reaps it
    finally:
        if process_state(Path(f"/proc/{child}/stat"))[0] not in ("Z", ""):
            os.kill(child, 9)


def process_state(stat: Path) -> tuple[str, int]:
    """Return the state letter and the parent pid of a process from /proc/PID/stat, or ("", 0) once it is gone."""
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
    except OSError:
        return "", 0
    return fields[0], int(fields[1])


def test_full_output_device(graph: Path) -> None:
    with open("/dev/full", "wb") as full:
        code, _, stderr = finished(kg_query(graph, "phone-call", stdout=full))
    assert code == EXIT_OUTPUT
    assert stderr == f"Error: [E201] cannot write to standard output: {os.strerror(errno.ENOSPC)}\n"


def test_closed_output(graph: Path) -> None:
    code, _, stderr = finished(kg_query(graph, "phone-call", preexec_fn=lambda: os.close(1)))
    assert code == EXIT_OUTPUT
    assert stderr == "Error: [E201] cannot write to standard output: it is closed\n"


def test_closed_input_reads_as_empty(graph: Path) -> None:
    code, stdout, stderr = finished(kg_query(graph, "-", stdin=None, preexec_fn=lambda: os.close(0)))
    assert (code, stdout) == (EXIT_QUERY, b"")
    assert stderr == "Error: [E411] <stdin>: syntax error at line 1, column 1: the query is empty\n"


def test_readme_documents_every_query_error() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = "\n".join(line for line in readme.splitlines() if re.match(r"\| \d \|", line))
    for code, (exit_code, _) in MESSAGES.items():
        if code.startswith("E4"):
            row = next(line for line in table.splitlines() if line.startswith(f"| {exit_code} |"))
            mentioned = {int(n) for a, b in re.findall(r"E4(\d\d)(?:`?–`?E4(\d\d))?", row)
                         for n in range(int(a), int(b or a) + 1)}
            assert int(code[2:]) in mentioned, code
