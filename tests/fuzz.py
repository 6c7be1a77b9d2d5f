"""Random and mutated articles, and the invariants every build of them must keep.

Articles are made from the sentences of the project's own texts (the seed and the development corpus),
shuffled, put under a dateline that may be impossible, mutated (characters cut, doubled or replaced,
quotes and line breaks thrown in) and saved with any line ending. The test suite runs a bounded number of
them (tests/test_fuzz.py); tests/benchmark.py runs many more.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import strategies as st
from rdflib import Literal

from kg.build import extract
from kg.errors import KgError
from kg.extract.rules import RuleSet
from kg.extract.text import load_article
from kg.rdf.mapping import NIF, new_triples

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "tests" / "corpus").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
SENTENCES = sorted({s.strip() for path in TEXTS for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))
                    if 20 <= len(s.strip()) <= 400})
DATELINES = [
    "31 Diciembre de 2021 11.20", "MADRID, 15 Feb. (EUROPA PRESS) -", "BOGOTÁ, 3 mar (EFE).-",
    "Publicado: martes, 14 marzo 2023 09:05", "17.11.2024 / 08:40", "2024-06-01 12:00:00",
    # impossible or extreme: a warning, never a crash
    "29 de febrero de 2023 10:00", "31 Diciembre de 2021 25.20", "1 Enero de 0000 10.00",
    "31 Diciembre de 9999 11.20", "01/01/9999 - 10:00", "32/13/2020", "",
]
NOISE = st.text(alphabet="aeiouáéíóúñ ABCZ.,;:«»\"“”()-–—¿?¡!0123456789\n\t\u00a0", min_size=0, max_size=12)


@st.composite
def mutated(draw, text: str) -> str:
    """Cut, double or replace a few stretches of a text."""
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        if not text:
            break
        i = draw(st.integers(min_value=0, max_value=len(text) - 1))
        j = draw(st.integers(min_value=i, max_value=min(len(text), i + 30)))
        op = draw(st.sampled_from(["cut", "double", "replace"]))
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "double":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + draw(NOISE) + text[j:]
    return text


@st.composite
def articles(draw) -> str:
    """An article of the project's sentences: headline, lead, dateline, paragraphs; mutated; any line ending."""
    sentences = st.sampled_from(SENTENCES)
    headline, lead = draw(sentences), draw(sentences)
    paragraphs = [" ".join(draw(st.lists(sentences, min_size=1, max_size=4)))
                  for _ in range(draw(st.integers(min_value=0, max_value=5)))]
    text = "\n\n".join([headline, lead, draw(st.sampled_from(DATELINES)), *paragraphs])
    text = draw(mutated(text))
    return text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))


def check_build(text: str, rules: RuleSet) -> None:
    """Build a text saved as a file and check that every span is the slice of the article it claims to be, and
    not empty; an empty article may only be refused with a numbered error."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "fuzz.txt"
        path.write_bytes(text.encode("utf-8"))
        try:
            article = load_article(path)
        except KgError as err:
            assert err.code == "E002", err.message
            return
    triples = new_triples()
    extract(article, rules, triples)
    strings = {s: str(o) for s, o in triples.subject_objects(NIF.isString)}
    assert len(strings) == 1
    (context, whole), = strings.items()
    for span, anchor in triples.subject_objects(NIF.anchorOf):
        begin = int(triples.value(span, NIF.beginIndex))
        end = int(triples.value(span, NIF.endIndex))
        assert begin < end, f"empty span {span}"
        assert Literal(whole[begin:end]) == anchor, f"{span}: {whole[begin:end]!r} != {anchor!r}"
