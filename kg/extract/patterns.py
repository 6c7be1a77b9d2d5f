"""Compiled patterns: the rules' regular expressions, compiled once and kept for the next builds.

Python's re module parses and compiles a pattern in Python code: for the rules' patterns (tens of
thousands of characters once their lemma and lexicon macros are expanded) that costs a build about
as much as reading its articles. What the compiler hands the regex engine is a program, a list of
integers; it is kept in the cache (kg/extract/cache.py) under the hash of the patterns and of the engine's
version, and given to the engine directly the next time. Where the re module's internals are not
those this module knows, every pattern is compiled as usual and nothing is kept.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from kg.extract import cache

try:
    import _sre
    from re import _compiler, _parser

    ENGINE = f"{sys.implementation.cache_tag} {_sre.MAGIC}"
except ImportError:  # another Python: compile as usual
    ENGINE = None

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _program(source: str, flags: int) -> tuple[re.Pattern[str], Program | None]:
    """Compile a pattern the way re does, returning its program as well (re.error if it does not compile)."""
    if ENGINE is None:
        return re.compile(source, flags), None
    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # Plain ints: marshal writes neither RegexFlag nor the opcodes (named int constants) of the program.
    program = (int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1, groupindex,
               tuple(indexgroup))
    return _sre.compile(source, *program), program


def from_program(source: str, program: Program) -> re.Pattern[str]:
    """Return the pattern a program was compiled from, without compiling it again."""
    return _sre.compile(source, *program)


class PatternCompiler:
    """Compiles the patterns of one rule set, from the cache when it holds exactly these patterns."""

    def __init__(self, patterns: list[tuple[str, int]]) -> None:
        """Look up the programs of a list of (pattern, flags)."""
        self.patterns = [(source, int(flags)) for source, flags in patterns]
        digest = hashlib.sha256(repr((ENGINE, self.patterns)).encode("utf-8")).hexdigest()
        self.name = f"patterns-{digest}.marshal"
        kept = cache.load(self.name) if ENGINE is not None else None
        self.kept: list[Program] | None = kept if isinstance(kept, list) and len(kept) == len(patterns) else None
        self.made: list[Program | None] = []
        # The program of each pattern handed out, by the pattern's id, for a cache that keeps the patterns.
        self.programs: dict[int, Program] = {}

    def compile(self, index: int) -> re.Pattern[str]:
        """Return the compiled pattern at an index of the list (re.error if it does not compile)."""
        source, flags = self.patterns[index]
        if self.kept is not None:
            try:
                pattern = from_program(source, self.kept[index])
                self.programs[id(pattern)] = self.kept[index]
                return pattern
            except (TypeError, ValueError, RuntimeError):
                self.kept = None  # damaged: compile the rest as usual, and keep them anew
        pattern, program = _program(source, flags)
        self.made.append(program)
        if program is not None:
            self.programs[id(pattern)] = program
        return pattern

    def keep(self) -> None:
        """Keep the programs compiled this time, once every pattern of the list has compiled."""
        if self.kept is None and len(self.made) == len(self.patterns) and None not in self.made:
            cache.store(self.name, self.made)


class ModuleRegexes:
    """The regular expressions a module compiles when it is imported, kept under the hash of the module's source.

    The engine's modules compile about a hundred patterns at import, as long as a quarter of the imports take;
    their programs come from the cache while the module's source and the engine are the same.
    """

    def __init__(self, module_file: str) -> None:
        """Look up the programs kept for the source of a module (its __file__)."""
        self.kept: dict[tuple[str, int], Program] = {}
        self.made: dict[tuple[str, int], Program] = {}
        self.name: str | None = None
        if ENGINE is None:
            return
        try:
            source = Path(module_file).read_bytes()
        except OSError:
            return
        digest = hashlib.sha256(ENGINE.encode("utf-8") + b"\0" + source).hexdigest()
        self.name = f"regexes-{digest}.marshal"
        kept = cache.load(self.name)
        self.kept = kept if isinstance(kept, dict) else {}

    def compile(self, source: str, flags: int = 0) -> re.Pattern[str]:
        """Return a compiled pattern, as re.compile does."""
        key = (source, int(flags))
        program = self.kept.get(key)
        if program is not None:
            try:
                return from_program(source, program)
            except (TypeError, ValueError, RuntimeError):
                self.kept = {}  # damaged: compile the rest as usual, and keep them anew
        pattern, program = _program(source, flags)
        if program is not None:
            self.made[key] = program
        return pattern

    def keep(self) -> None:
        """Keep the programs of the patterns compiled anew, with those already kept."""
        if self.name is not None and self.made:
            cache.store(self.name, self.kept | self.made)
