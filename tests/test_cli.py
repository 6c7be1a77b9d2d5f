"""The kg command itself: its version, and the exit codes that `kg --help` lists."""

from __future__ import annotations

from importlib.metadata import version

from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_OK

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
