"""Shared fixtures: the shipped rules, the seed graph, and a way to run the passes on a few sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph

from kg.build import build_graph
from kg.extract.frames import Extraction, Frame, build_frames
from kg.extract.mentions import find_mentions
from kg.extract.rules import RuleSet, load_rules
from kg.extract.segment import classify_blocks, split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2021-12-31_llamada-putin-biden.txt"
DATELINE = "10 Marzo de 2022 10.00"  # a Thursday


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    """The shipped rule set, loaded once."""
    return load_rules()


@pytest.fixture(scope="session")
def seed_graph() -> Graph:
    """The graph of the seed article, built once."""
    return build_graph([SEED])


def article(body: str, dateline: str | None = DATELINE, headline: str = "Titular") -> str:
    """Wrap body paragraphs in the layout of a wire-service article."""
    head = f"{headline}\n\nEntradilla de la noticia.\n\n"
    return head + (f"{dateline}\n\n" if dateline else "") + body


def extract(text: str, rules: RuleSet) -> Extraction:
    """Run the passes up to the frames on an article text."""
    blocks, dateline = classify_blocks(text, rules)
    sentences = split_sentences(text, blocks)
    published = date(dateline.year, dateline.month, dateline.day) if dateline else None
    return build_frames(text, sentences, find_mentions(text, sentences, rules, published), rules, dateline)


def events(extraction: Extraction, cls: str | None = None) -> list[Frame]:
    """Return the events (not statements) of an extraction, optionally of one class."""
    return [f for f in extraction.frames if not f.statement and (cls is None or f.cls == cls)]


def statements(extraction: Extraction) -> list[Frame]:
    """Return the statements of an extraction."""
    return [f for f in extraction.frames if f.statement]


def labels(extraction: Extraction, ids) -> set[str]:
    """Return the labels of entity ids."""
    return {extraction.entities[i].label for i in ids}
