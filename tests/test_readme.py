"""The README documents what a rule writer may use: every stage of the rule schema has a row."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.rules import STAGES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_every_stage_is_documented(stage):
    assert f"`{stage}`" in README
