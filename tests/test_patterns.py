"""The words a pattern requires: a sentence that lacks them all is never one the pattern matches."""

from __future__ import annotations

import re
import sys

import pytest

from kg.extract import patterns
from kg.extract.mentions import _folded_words, _words
from kg.extract.patterns import FOLDABLE, PatternCompiler, Requirement, fold, required_words
from kg.extract.rules import load_rules

pytestmark = pytest.mark.skipif(patterns.ENGINE is None, reason="patterns are read for words on CPython only")


def may_match(required: Requirement | None, sentence: str) -> bool:
    """Tell whether the mention pass runs a rule of these required words over a sentence: not when the sentence
    lacks them all."""
    if required is None:
        return True
    words, folded = required
    return not words.isdisjoint(_folded_words(sentence) if folded else _words(sentence))


def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """Compile one pattern as the rules' patterns are compiled."""
    return PatternCompiler([(source, flags)]).compile(0)


@pytest.mark.parametrize("source, flags, words", [
    (r"\bse reunió\b", 0, {"reunió"}),
    (r"\b(?:[Mm]añana|[Hh]oy)\b", 0, {"Mañana", "mañana", "Hoy", "hoy"}),
    (r"(?<![\w-])(?:dijo|afirmó) que", 0, {"dijo", "afirmó"}),
    (r"\bvisita de (?i:cinco|siete) días\b", 0, {"visita"}),
    (r"\bCUMBRE\b", re.IGNORECASE, {"cumbre"}),
    (r"^Por [A-Z]\w+", 0, {"Por"}),
    (r"\s+(?:la|el)\s+reunión\b", 0, {"reunión"}),
])
def test_required_words(source: str, flags: int, words: set[str]) -> None:
    """A pattern whose every match holds a whole word of a known set is read for that set."""
    assert required_words(compiled(source, flags))[0] == words


def test_verbs_after_pronouns_are_required() -> None:
    """Of a verb that many pronouns may precede, the verb is required, not the pronouns most sentences hold."""
    stems = ["reun", "celebr", "convoc", "acord", "firm", "negoci", "organiz", "aplaz", "cancel", "anunci",
             "visit", "lleg", "viaj", "particip", "present", "propon", "suspend", "retom", "inaugur", "clausur"]
    verbs = {stem + ending for stem in stems
             for ending in ("ó", "aron", "ará", "arán", "aría", "aba", "aban", "an", "a", "amos")}
    pronouns = r"(?:(?:[sSmMtT]e|[lL](?:[oa]s?|es?)|[nN]?[oO]s) (?:(?:[smt]e|l(?:[oa]s?|es?)|n?os) )?)?"
    regex = compiled(rf"\b{pronouns}(?:{'|'.join(sorted(verbs))})\b")
    assert required_words(regex)[0] == verbs
    assert regex.search("Los ministros se la anunciaron") and may_match(required_words(regex), "se la anunciaron")


def test_words_before_a_list_are_required() -> None:
    """Of many nouns that a comma and "y" may join to another ("rusos, y ucranianos"), the nouns are required."""
    syllables = ["ba", "ca", "da", "fe", "ga", "la", "ma", "na", "pe", "ra", "sa", "ta"]
    nouns = {first + second + ending for first in syllables for second in syllables for ending in ("no", "nos", "na")}
    either = "|".join(sorted(nouns))
    regex = compiled(rf"(?:^|(?<=, )|(?<=\b[Ll]os ))(?:{either})(?:,? (?:y|e) (?:los |las )?(?:{either}))?\b")
    assert required_words(regex)[0] == nouns
    assert regex.search("los bacanos y los fedanas") and may_match(required_words(regex), "bacanos y los fedanas")


@pytest.mark.parametrize("source", [
    r"reuni(?:ó|eron)",  # no boundary: the word may go on ("reunión")
    r"\b\w+ó\b",  # no literal word
    r"\b(?:se reunió|\d+)\b",  # one way to match holds no known word
    r"(?:tras|ante) la",  # no boundary before the first word
    r"\bla(?:s)?",  # the last word may go on
])
def test_no_required_words(source: str) -> None:
    """A pattern with a way to match that holds no known whole word has no required words."""
    assert required_words(compiled(source)) is None


@pytest.mark.parametrize("text", ["SE REUNIÓ", "Se Reunió", "se reunió"])
def test_ignored_case_is_folded(text: str) -> None:
    """A pattern that ignores case is read folded, and a sentence in capitals is still given to it."""
    regex = compiled(r"\bse reunió\b", re.IGNORECASE)
    words, folded = required_words(regex)
    assert folded and regex.search(text) and not words.isdisjoint({fold(w) for w in re.findall(r"\w+", text)})


def test_fold_joins_what_the_engine_joins() -> None:
    """Every character the engine takes for a foldable one ignoring case folds to the same letter."""
    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    for char in sorted(FOLDABLE):
        for same in re.findall(re.escape(char), every, re.IGNORECASE):
            assert fold(same) == fold(char), (char, same)


def test_rules_match_only_where_their_words_are() -> None:
    """No shipped rule matches a sentence of the corpus that lacks its required words."""
    from pathlib import Path

    rules = load_rules()
    corpus = Path(__file__).parent / "corpus"
    sentences = [line for path in sorted(corpus.glob("*.txt"))
                 for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for stage in rules.rules.values():
        for rule in stage:
            for sentence in sentences:
                if any(m.end() > m.start() for m in rule.regex.finditer(sentence)):
                    assert may_match(required_words(rule.regex), sentence), (rule.id, sentence)


@pytest.mark.parametrize("source", [r"(?a:\bdijo\b)", r"\bdijo\b"])
def test_ascii_words_are_not_read(source: str) -> None:
    """A pattern whose word boundaries are ASCII ones matches where the sentence's words do not split."""
    regex = compiled(source, re.ASCII if source.startswith(r"\b") else 0)
    assert regex.search("dijoá") and required_words(regex) is None


def program(source: str, flags: int = 0) -> list[int]:
    """Return the program a pattern is compiled to as the rules' patterns are."""
    compiler = PatternCompiler([(source, flags)])
    return compiler.programs[id(compiler.compile(0))][1]


FIRST_CHARACTERS = [
    (r"\b(?:[sS]e|[lL]as?) reuni(?:ó|eron)\b", 0),
    (r"(?<=, )(?:el|la) (?:presidente|canciller)", 0),
    (r"(?:^|(?<=\bcon ))(?i:rusos|kazajos|iraníes)\b", 0),
    (r"\bla (?:cumbre|reunión)\b", re.IGNORECASE),
    (r"(?:muy |más )?(?:dispuest[oa]|\w+ísimo)", 0),
    (r"\w+ de \d{4}", 0),
]
TEXTS = ["Se reunieron con rusos, la cumbre", "LAS REUNIÓ CON KAZAJOS", "con \u212aazajos y con ıraníes",
         "con İRANÍES, el presidente", "LA CUMBRE, la ſumbre", "muy dispuesta, buenísimo", "año de 2024", ""]


@pytest.mark.parametrize("source, flags", FIRST_CHARACTERS)
def test_searches_try_only_first_characters(source: str, flags: int) -> None:
    """A pattern that never matches the empty string is searched only where its first character may stand, and
    finds what re finds."""
    assert program(source, flags)[2] == re._constants.SRE_INFO_CHARSET
    regex, plain = compiled(source, flags), re.compile(source, flags)
    for text in TEXTS + [text.lower() for text in TEXTS] + [text.upper() for text in TEXTS]:
        assert [m.regs for m in regex.finditer(text)] == [m.regs for m in plain.finditer(text)], text


@pytest.mark.parametrize("source", [r"\b(?:se|)\b", r"(?:la )?", r"(?<=, )(?!de)"])
def test_patterns_that_may_match_nothing_are_searched_everywhere(source: str) -> None:
    """A pattern that may match the empty string keeps the program re compiles: its matches need no character."""
    assert program(source)[2] == 0
