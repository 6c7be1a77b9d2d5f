"""The kg command itself: its version, the exit codes that `kg --help` lists, and how its process ends."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app, exit_code
from kg.errors import EXIT_INPUT, EXIT_OK
from tests.conftest import ROOT

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (EXIT_OK, f"kg {version('kg')}\n")


def test_help_lists_every_exit_code() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == EXIT_OK
    lines = [line.strip(" │") for line in result.stdout.splitlines()]
    start = lines.index("Exit codes:")
    assert [line.split()[0] for line in lines[start + 1:start + 11]] == [str(code) for code in range(10)]
    assert "8 query stopped by --timeout or --max-memory" in lines
    assert "9 endpoint, kg serve's server or Dask cluster unreachable or failed" in lines


@pytest.mark.parametrize(("code", "status", "stderr"), [
    (None, 0, ""), (0, 0, ""), (3, 3, ""), ("Error: no such thing", 1, "Error: no such thing\n"),
], ids=["none", "zero", "number", "message"])
def test_exit_code_is_the_one_python_gives(code, status: int, stderr: str, capsys) -> None:
    assert exit_code(SystemExit(code)) == status
    assert capsys.readouterr().err == stderr


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
def test_the_command_ends_with_its_exit_code_and_all_its_output(tmp_path: Path, unbuffered: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | {"PYTHONUNBUFFERED": unbuffered}
    out = tmp_path / "out"
    built = subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "--out", str(out)],
                           capture_output=True, env=env, timeout=300)
    assert built.returncode == EXIT_OK, built.stderr
    assert built.stderr.decode().splitlines()[-1].startswith(f"wrote {out / 'graph.html'} (")
    # Several hundred kilobytes through a pipe, whole, as in process; then an error's exit code and message.
    exported = subprocess.run([sys.executable, "-m", "kg", "export", "--store", str(out / "store"), "-f", "nquads"],
                              capture_output=True, env=env, timeout=300)
    assert exported.returncode == EXIT_OK, exported.stderr
    in_process = runner.invoke(app, ["export", "--store", str(out / "store"), "-f", "nquads"])
    assert exported.stdout == in_process.stdout_bytes and exported.stdout.endswith(b" .\n")
    missing = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "none.txt"), "--out", str(out)],
                             capture_output=True, env=env, timeout=300)
    assert (missing.returncode, missing.stdout, missing.stderr.decode()) == \
        (EXIT_INPUT, b"", f"Error: [E001] no such file: {tmp_path / 'none.txt'}\n")
