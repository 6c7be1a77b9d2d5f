"""The README documents what a rule writer may use: every stage of the rule schema has a row."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.rules import STAGES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
# The first cell of every table row: the stage table names its stages there.
FIRST_CELLS = [line.split("|")[1] for line in README.splitlines() if line.startswith("| ")]


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_every_stage_has_a_row_in_the_stage_table(stage):
    assert any(f"`{stage}`" in cell for cell in FIRST_CELLS)
