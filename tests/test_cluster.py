"""kg build --scheduler: a build on a Dask cluster gives the store, the files and the warnings of a local build, writes
its N-Quads shards, and fails in one line, the store untouched, when the cluster cannot do the work."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.cluster
import kg.errors
import kg.jobs
from kg.cli import app
from kg.errors import EXIT_ABORTED, EXIT_NETWORK, EXIT_OK, EXIT_OUTPUT, EXIT_RULES, EXIT_USAGE
from tests.conftest import ROOT, SEED
from tests.test_jobs import ARTICLES, articles_in_store, build, outputs, runaway_build, write_articles

runner = CliRunner()

NO_DASK = "Dask is not installed: the cluster tests need the dask extra (pip install -e '.[test,dask]')"


def start_cluster(workers: int) -> Iterator[str]:
    """Run a local Dask cluster of threads that speak TCP, as a real one does, and yield its scheduler's address."""
    distributed = pytest.importorskip("distributed", reason=NO_DASK)
    with distributed.LocalCluster(n_workers=workers, processes=False, threads_per_worker=1, protocol="tcp://",
                                  dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local cluster of two workers."""
    yield from start_cluster(2)


@pytest.fixture(scope="module")
def idle_scheduler() -> Iterator[str]:
    """The address of a scheduler that no worker joined."""
    yield from start_cluster(0)


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give up on a scheduler after a second."""
    monkeypatch.setattr(kg.cluster, "CONNECT_SECONDS", 1.0)


def error_line(result) -> str:
    """Return the one line a failed build printed on stderr."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ["), result.stderr
    return lines[0]


def closed_port() -> int:
    """Return a local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_cluster_build_gives_the_store_files_and_warnings_of_a_local_one(tmp_path: Path, scheduler: str) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    local = build(inputs, tmp_path / "local", "--jobs", "1")
    clustered = build(inputs, tmp_path / "cluster", "--scheduler", scheduler)
    assert local.exit_code == clustered.exit_code == EXIT_OK, clustered.stderr
    assert outputs(tmp_path / "cluster") == outputs(tmp_path / "local")
    assert (clustered.stderr.replace(str(tmp_path / "cluster"), "OUT")
            == local.stderr.replace(str(tmp_path / "local"), "OUT"))
    # One shard per article here (a small corpus spreads over the workers); together they are the store's N-Quads.
    shards = sorted((tmp_path / "cluster" / "shards").iterdir())
    assert [shard.name for shard in shards] == [f"shard-00000{n}.nq" for n in range(1, 6)]
    quads = {line for shard in shards for line in shard.read_bytes().splitlines(keepends=True)}
    assert sorted(quads) == sorted(outputs(tmp_path / "cluster")[2].splitlines(keepends=True))
    answers = [runner.invoke(app, ["query", "timeline", "--store", str(tmp_path / out / "store"), "-f", "tsv"])
               for out in ("local", "cluster")]
    assert answers[0].exit_code == answers[1].exit_code == EXIT_OK
    assert answers[0].stdout == answers[1].stdout and answers[1].stdout.count("\n") > 1
    # The record is the local build's: a local build finds every article current.
    again = build(inputs, tmp_path / "cluster", "--jobs", "1")
    assert f"wrote {tmp_path / 'cluster' / 'store'} (0 articles read, 5 kept, 0 dropped)" in again.stderr


def test_a_cluster_build_reads_only_what_the_store_lacks(tmp_path: Path, scheduler: str) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    shards = tmp_path / "elsewhere"
    assert build(inputs, tmp_path / "out", "--scheduler", scheduler, "--shards", str(shards)).exit_code == EXIT_OK
    (inputs / "c-cumbre.txt").write_text(ARTICLES["c-cumbre.txt"].replace("Ginebra", "Viena"), encoding="utf-8")
    (inputs / "e-visita.txt").unlink()
    result = build(inputs, tmp_path / "out", "--scheduler", scheduler, "--shards", str(shards))
    assert f"wrote {tmp_path / 'out' / 'store'} (1 articles read, 3 kept, 2 dropped)" in result.stderr
    assert [shard.name for shard in shards.iterdir()] == ["shard-000001.nq"]
    assert "Viena" in (shards / "shard-000001.nq").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "shards").exists()
    assert build(inputs, tmp_path / "full", "--jobs", "1").exit_code == EXIT_OK
    assert outputs(tmp_path / "out") == outputs(tmp_path / "full")


def test_an_unreachable_scheduler_leaves_the_store_as_it_was(tmp_path: Path, quick: None) -> None:
    pytest.importorskip("distributed", reason=NO_DASK)
    inputs = write_articles(tmp_path / "in", ARTICLES)
    assert build(inputs, tmp_path / "out", "--jobs", "1").exit_code == EXIT_OK
    before = outputs(tmp_path / "out")
    (inputs / "d-nada.txt").unlink()
    address = f"tcp://127.0.0.1:{closed_port()}"
    started = time.monotonic()
    result = build(inputs, tmp_path / "out", "--scheduler", address)
    assert time.monotonic() - started < 5
    assert result.exit_code == EXIT_NETWORK
    assert error_line(result).startswith(f"Error: [E207] cannot reach the Dask scheduler {address}: ")
    assert outputs(tmp_path / "out") == before
    assert not (tmp_path / "out" / "shards").exists()


def test_a_scheduler_without_workers_is_an_error(tmp_path: Path, idle_scheduler: str, quick: None) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    result = build(inputs, tmp_path / "out", "--scheduler", idle_scheduler)
    assert result.exit_code == EXIT_NETWORK
    assert error_line(result) == (f"Error: [E207] cannot reach the Dask scheduler {idle_scheduler}: no worker joined "
                                  f"it within 1 s")
    assert not (tmp_path / "out").exists()


def test_a_worker_with_other_rules_is_refused(tmp_path: Path, scheduler: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    assert build(inputs, tmp_path / "out", "--jobs", "1").exit_code == EXIT_OK
    before = outputs(tmp_path / "out")
    # The workers of this cluster are threads of this process: the fingerprint they see is changed for them alone.
    monkeypatch.setattr(kg.cluster, "rules_fingerprint", lambda rules_dir: "0" * 64)
    result = build(inputs, tmp_path / "out", "--scheduler", scheduler, "--rebuild")
    assert result.exit_code == EXIT_NETWORK
    line = error_line(result)
    assert line.startswith("Error: [E208] the Dask worker tcp://")
    assert "(rules fingerprint 000000000000, the build's " in line
    assert outputs(tmp_path / "out") == before
    assert not (tmp_path / "out" / "shards").exists()


def test_a_scheduler_without_kg_is_refused(tmp_path: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(directory: str | None) -> str:
        """Fail as a process without kg fails to unpickle one of its functions."""
        raise ModuleNotFoundError("No module named 'kg.cluster'")

    monkeypatch.setattr(kg.cluster, "worker_fingerprint", missing)
    inputs = write_articles(tmp_path / "in", ARTICLES)
    result = build(inputs, tmp_path / "out", "--scheduler", scheduler)
    assert result.exit_code == EXIT_NETWORK
    assert error_line(result) == (f"Error: [E208] the Dask scheduler {scheduler} does not run this build's kg and "
                                  f"rules (No module named 'kg.cluster'): install the same kg and rules on the "
                                  f"scheduler and on every worker")


def test_shards_that_cannot_be_written_are_an_output_error(tmp_path: Path, scheduler: str) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    result = build(inputs, tmp_path / "out", "--scheduler", scheduler, "--shards", str(blocker / "shards"))
    assert result.exit_code == EXIT_OUTPUT
    assert error_line(result) == f"Error: [E201] cannot write to {blocker / 'shards'}: {os.strerror(errno.ENOTDIR)}"


def test_a_worker_that_joins_later_is_checked_by_its_first_batch(scheduler: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed", reason=NO_DASK)
    monkeypatch.setattr(kg.cluster, "rules_fingerprint", lambda rules_dir: "0" * 64)
    with distributed.Client(scheduler, set_as_default=False) as client:
        with pytest.raises(kg.errors.KgError) as refused:
            client.submit(kg.cluster.extract_batch, [], None, None, "1" * 64, pure=False).result()
    assert refused.value.code == "E208"
    assert refused.value.fields["detail"] == "rules fingerprint 000000000000, the build's 111111111111"


@pytest.mark.parametrize(("address", "detail"), [
    ("tcp://127.0.0.1", "missing port number in address '127.0.0.1'"),
    ("http://127.0.0.1:8786", "unknown address scheme 'http'"),
])
def test_a_malformed_scheduler_address_is_a_usage_error(tmp_path: Path, address: str, detail: str) -> None:
    pytest.importorskip("distributed", reason=NO_DASK)
    inputs = write_articles(tmp_path / "in", ARTICLES)
    result = build(inputs, tmp_path / "out", "--scheduler", address)
    assert result.exit_code == EXIT_USAGE
    assert error_line(result).startswith(f"Error: [E206] --scheduler {address}: {detail}")
    assert not (tmp_path / "out").exists()


def test_without_dask_a_cluster_build_says_how_to_install_it(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` finds without the extra
    inputs = write_articles(tmp_path / "in", ARTICLES)
    result = build(inputs, tmp_path / "out", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == EXIT_NETWORK
    assert error_line(result) == ("Error: [E205] --scheduler needs Dask, which is not installed: "
                                  "pip install 'kg[dask]'")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("args", "code"), [
    (["--scheduler", "tcp://127.0.0.1:8786", "--jobs", "2"], "E210"),
    (["--shards", "shards"], "E211"),
])
def test_options_that_need_or_exclude_a_scheduler(tmp_path: Path, args: list[str], code: str) -> None:
    inputs = write_articles(tmp_path / "in", ARTICLES)
    result = build(inputs, tmp_path / "out", *args)
    assert result.exit_code == EXIT_USAGE
    assert error_line(result).startswith(f"Error: [{code}] ")
    assert not (tmp_path / "out").exists()


def test_a_local_build_never_imports_dask(tmp_path: Path) -> None:
    script = ("import sys\n"
              "from kg.cli import app\n"
              f"try:\n    app(['build', {str(SEED)!r}, '--out', {str(tmp_path / 'out')!r}])\n"
              "except SystemExit as end:\n    assert end.code == 0, end.code\n"
              "print(sorted(name for name in sys.modules if name.split('.')[0] in ('dask', 'distributed')))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_a_rule_that_backtracks_without_end_stops_a_cluster_build(tmp_path: Path, scheduler: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # The workers of this cluster are threads of this process: they read with the budget the build sets here. Unbounded,
    # the pattern takes seconds on that sentence, and then matches nothing: only the budget stops it.
    result, errors = runaway_build(tmp_path, monkeypatch, 26, "--scheduler", scheduler)
    assert result.exit_code == EXIT_RULES, result.stderr
    assert len(errors) == 1 and errors[0].startswith("Error: [E124] circumstances.toml: rule boundary.runaway: ran "
                                                     "over 0.3 s ")
    assert articles_in_store(tmp_path / "out" / "store") == 2


def test_a_reader_that_ends_before_it_answers_names_the_first_article_of_its_batch(tmp_path: Path) -> None:
    from kg.store.incremental import units_of

    units = units_of([write_articles(tmp_path / "in", ARTICLES) / "a-llamada.txt"], None)
    # A reader that dies at its first byte, as one killed or out of memory would.
    kg.cluster._readers.process = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.buffer.read(1)"],
                                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    with pytest.raises(kg.errors.KgError) as ended:
        kg.cluster.read_in_reader(units, None, None, "0" * 64)
    assert ended.value.code == "E204" and ended.value.fields["path"] == tmp_path / "in" / "a-llamada.txt"
    # The next batch starts a reader of its own.
    assert kg.cluster.read_in_reader(units, None, None, "0" * 64).nquads.count(b"\n") > 100


def test_a_cluster_left_without_workers_stops_the_build(tmp_path: Path, quick: None,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed", reason=NO_DASK)
    inputs = write_articles(tmp_path / "in", ARTICLES)
    assert build(inputs, tmp_path / "out", "--jobs", "1").exit_code == EXIT_OK
    before = outputs(tmp_path / "out")

    def vanish(*args: object) -> None:
        """Close the worker that reads, as a machine that goes down, and wait for the end."""
        worker = distributed.get_worker()
        worker.loop.add_callback(worker.close)
        time.sleep(5)

    monkeypatch.setattr(kg.cluster, "read_in_reader", vanish)
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=1, protocol="tcp://",
                                  dashboard_address=":0") as cluster:
        started = time.monotonic()
        result = build(inputs, tmp_path / "out", "--scheduler", cluster.scheduler_address, "--rebuild")
        assert time.monotonic() - started < 15
    assert result.exit_code == EXIT_ABORTED
    assert error_line(result) == (f"Error: [E209] the Dask cluster lost the workers that read "
                                  f"{inputs / 'a-llamada.txt'} (no worker left for 1 s); the store keeps the articles loaded before it")
    assert outputs(tmp_path / "out") == before
