"""Compiled patterns: the rules' regular expressions, compiled once and kept for the next builds.

Python's re module parses and compiles a pattern in Python code: for the rules' patterns (tens of
thousands of characters once their lemma and lexicon macros are expanded) that costs a build about
as much as reading its articles. What the compiler hands the regex engine is a program, a list of
integers; it is kept in the cache (kg/extract/cache.py) under the hash of the patterns and of the engine's
version, and given to the engine directly the next time. Where the re module's internals are not
those this module knows, every pattern is compiled as usual and nothing is kept.

Kept with each program: the words one of which every match of the pattern holds as a whole word
(`required_words`), read from the parsed pattern, so that a sentence holding none of them is not given
to the engine at all. A rule tried on every sentence of every article matches few of them.

Kept in each program as well: the characters a match may begin with (`_with_first_characters`), so that
the engine's search skips every other position of a sentence instead of trying the whole pattern there.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from kg.extract import cache

try:
    import _sre
    from re import _compiler, _constants, _parser

    ENGINE = f"{sys.implementation.cache_tag} {_sre.MAGIC}"
except ImportError:  # another Python: compile as usual
    ENGINE = None

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
# Words one of which every match holds as a whole word, and whether they are case-folded (see fold).
Requirement = tuple[frozenset[str], bool]
WORD = re.compile(r"\w+")
INLINE_IGNORECASE = re.compile(r"\(\?[a-zA-Z]*i")
# The characters whose case-insensitive matches are all found by fold(): a pattern that ignores case is
# read for words only where its letters are among these (tests/test_patterns.py checks every code point).
FOLDABLE = frozenset(map(chr, range(128))) | frozenset("áéíóúüñÁÉÍÓÚÜÑ")
# Characters the engine takes for the same letter ignoring case, which str.lower() does not make one.
FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
# Most shapes (see _Shape) kept for a part of a pattern before they are merged.
SHAPES = 4096
# A word this long is one a sentence rarely holds by chance: a way to match that holds one is not read further.
FOUND = 5
_REQUIRED: dict[tuple[str, int], Requirement | None] = {}


def fold(word: str) -> str:
    """Return a word as a pattern that ignores case sees it: lowercase, with the letters the engine joins joined."""
    return word.translate(FOLD).lower()


def required_words(regex: re.Pattern[str]) -> Requirement | None:
    """Return the words one of which every match of a compiled rule pattern holds as a whole word, if known.

    A whole word is a maximal run of word characters (`\\w+`) of the string matched against; folded
    words are to be compared with the folded words of that string.
    """
    return _REQUIRED.get((regex.pattern, regex.flags))


# A part of a pattern is read as the set of shapes of the strings it matches. A shape keeps only what tells
# the whole words of a string: (separated, head, head closed, inner, tail, tail open). A string without a
# non-word character is (False, itself, …); else its head is the word characters before the first
# separator and its tail those after the last, inner the longest word between separators, and "closed"
# and "open" say that what ends the head (opens the tail) is sure to be no word character. None stands
# for characters that are not known.
_Shape = tuple[bool, "str | None", bool, "str | None", "str | None", bool]
_EMPTY: _Shape = (False, "", False, None, None, False)
_SEPARATOR: _Shape = (True, "", True, None, "", True)
_NO_WORD_BEFORE: _Shape = (True, "", False, None, "", True)
_NO_WORD_AFTER: _Shape = (True, "", True, None, "", False)
_SOME_WORD: _Shape = (False, None, False, None, None, False)
_ANYTHING = frozenset({_SOME_WORD, (True, None, False, None, None, False)})
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT) if ENGINE else ()


def _joined(left: str | None, right: str | None) -> str | None:
    """Return two runs of word characters written together, unknown if either is."""
    return None if left is None or right is None else left + right


def _longer(word: str | None, other: str | None) -> str | None:
    """Return the longer of two words (the first in order of ties), skipping unknown and empty ones."""
    if not word or not other:
        return word or other or None
    return word if (-len(word), word) <= (-len(other), other) else other


def _concat(a: _Shape, b: _Shape) -> _Shape:
    """Return the shape of a string of shape `a` followed by one of shape `b`."""
    if not a[0]:
        return (b[0], _joined(a[1], b[1]), b[2], b[3], b[4], b[5])
    if not b[0]:
        return (True, a[1], a[2], a[3], _joined(a[4], b[1]), a[5])
    middle = _joined(a[4], b[1]) if a[5] and b[2] else None
    return (True, a[1], a[2], _longer(_longer(a[3], b[3]), middle), b[4], b[5])


def _merged(shapes: Iterable[_Shape], level: int, keep_tails: bool) -> set[_Shape]:
    """Forget parts of shapes so that fewer are distinct: first the heads, then of those that hold a word
    already the tail (one word a string must hold is enough) or, keeping tails, a short word before a tail
    that begins a word, then everything.

    A short word is one most sentences hold ("se", "la"): the word the tail begins ("se reunió") may be worth more.
    A string that begins with a separator keeps that empty head until the last level: it closes the word
    before it ("rusos" of "rusos, y ucranianos").
    """
    merged = set()
    for s in shapes:
        head = ("", True) if s[1] == "" and s[2] and level < 3 else (None, False)
        if not s[0]:
            merged.add(s if level < 3 else _SOME_WORD)
        elif level == 1 or (level == 2 and s[3] is None):
            merged.add((True, *head, s[3], s[4], s[5]))
        elif level == 2 and keep_tails and s[5] and len(s[3]) < FOUND:
            merged.add((True, *head, None, s[4], s[5]))
        else:
            merged.add((True, *head, s[3], None, False))
    return merged


def _bounded(shapes: set[_Shape], keep_tails: bool) -> set[_Shape]:
    """Return shapes merged until there are few enough of them."""
    for level in (1, 2, 3):
        if len(shapes) <= SHAPES:
            break
        shapes = _merged(shapes, level, keep_tails)
    return shapes


def _product(left: set[_Shape] | frozenset[_Shape], right: set[_Shape] | frozenset[_Shape],
             keep_tails: bool) -> set[_Shape]:
    """Return the shapes of a string of the left set followed by one of the right, merged when there are too many."""
    for level in (1, 2, 3):
        if len(left) * len(right) <= SHAPES * 4:
            break
        left, right = _merged(left, level, keep_tails), _merged(right, level, keep_tails)
    else:
        if len(left) * len(right) > SHAPES * 4:
            return set(_ANYTHING)
    return _bounded({_concat(a, b) for a in left for b in right}, keep_tails)


def _character(char: str, folding: bool) -> frozenset[_Shape]:
    """Return the shapes of one literal character."""
    if folding:
        if char not in FOLDABLE:
            return _ANYTHING
        char = fold(char)
    return frozenset({(False, char, False, None, None, False) if WORD.match(char) else _SEPARATOR})


def _literal(char: str, flags: int, folding: bool) -> frozenset[_Shape]:
    """Return the shapes of a literal character under the flags in force where it stands."""
    return _ANYTHING if flags & re.IGNORECASE and not folding else _character(char, folding)


def _class(items: list, folding: bool) -> set[_Shape]:
    """Return the shapes of a character class (`[…]`)."""
    c = _constants
    shapes: set[_Shape] = set()
    for op, value in items:
        if op is c.LITERAL:
            shapes |= _character(chr(value), folding)
        elif op is c.RANGE and value[1] - value[0] <= 64:
            for code in range(value[0], value[1] + 1):
                shapes |= _character(chr(code), folding)
        elif op is c.CATEGORY and value in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE, c.CATEGORY_NOT_WORD,
                                            c.CATEGORY_UNI_NOT_WORD):
            shapes.add(_SEPARATOR)
        elif op is c.CATEGORY and value in (c.CATEGORY_WORD, c.CATEGORY_UNI_WORD, c.CATEGORY_DIGIT,
                                            c.CATEGORY_UNI_DIGIT):
            shapes.add(_SOME_WORD)
        else:  # a negated class, a large range, another category: any character
            return set(_ANYTHING)
    return shapes


def _holds_words(items: list) -> bool:
    """Tell whether a lookaround's content is one class that holds every word character (`(?<![\\w-])`)."""
    c = _constants
    return len(items) == 1 and items[0][0] is c.IN and not any(op is c.NEGATE for op, _ in items[0][1]) \
        and any(op is c.CATEGORY and value in (c.CATEGORY_WORD, c.CATEGORY_UNI_WORD) for op, value in items[0][1])


_RUN = object()  # a run of literal characters, read as one part


def _literal_runs(items: list) -> Iterable[tuple[object, object]]:
    """Yield the items of a parsed sequence, each run of two literal characters or more as one (_RUN, its text)."""
    run: list[int] = []
    for item in [*items, (None, None)]:
        if item[0] is _constants.LITERAL:
            run.append(item[1])
            continue
        if len(run) == 1:
            yield _constants.LITERAL, run[0]
        elif run:
            yield _RUN, "".join(map(chr, run))
        run = []
        if item[0] is not None:
            yield item


def _separated(items: list, at_start: bool) -> bool:
    """Tell whether every string a parsed sequence matches begins (else ends) with an ASCII non-word character."""
    c = _constants
    for op, value in (items if at_start else reversed(items)):
        if op is c.LITERAL:
            return chr(value).isascii() and not WORD.match(chr(value))
        if op is c.IN:
            return all((kind is c.LITERAL and chr(member).isascii() and not WORD.match(chr(member)))
                       or (kind is c.CATEGORY and member in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE))
                       for kind, member in value)
        if op is c.BRANCH:
            return all(_separated(branch.data, at_start) for branch in value[1])
        if op is c.SUBPATTERN:
            return _separated(value[3].data, at_start)
        if op in _REPEATS:
            if not _separated(value[2].data, at_start):
                return False
            if value[0] >= 1:
                return True
        elif op not in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return False
    return False


def _shapes(items: list, flags: int, folding: bool, before: set[_Shape], found: set[str] | None,
            keep_tails: bool) -> set[_Shape]:
    """Return the shapes of the strings a parsed sequence of a pattern matches (a superset of them), each after
    one of the shapes `before` it.

    Groups and alternatives are read on from what precedes them. When that is the pattern's start (`found` is
    given), heads are forgotten, since nothing before them could close them, and a shape that holds a word of
    FOUND letters or more is done: its word goes into `found`, and what follows it need not be read.
    """
    c = _constants
    shapes = before
    for op, value in _literal_runs(items):
        if found is not None:
            shapes = {(True, None, False, s[3], s[4], s[5]) if s[0] else s for s in shapes}
            done = {s for s in shapes if s[3] is not None and len(s[3]) >= FOUND}
            found.update(s[3] for s in done)
            shapes -= done
        if op is _RUN:
            part = {_EMPTY}
            for char in value:
                part = _product(part, _literal(char, flags, folding), keep_tails)
        elif op is c.BRANCH:
            shapes = _bounded(set().union(*(_shapes(branch.data, flags, folding, shapes, found, keep_tails)
                                            for branch in value[1])), keep_tails)
            continue
        elif op is c.SUBPATTERN:
            shapes = _shapes(value[3].data, (flags | value[1]) & ~value[2], folding, shapes, found, keep_tails)
            continue
        elif op is c.ATOMIC_GROUP:
            shapes = _shapes(value.data, flags, folding, shapes, found, keep_tails)
            continue
        elif op is c.LITERAL:
            part = _literal(chr(value), flags, folding)
        elif op is c.IN and flags & re.IGNORECASE and not folding:
            part = _ANYTHING
        elif flags & (re.ASCII | re.LOCALE) and op in (c.IN, c.AT, c.ASSERT, c.ASSERT_NOT):
            # Word characters of another kind than those the sentence's words are split by.
            part = _ANYTHING if op is c.IN else {_EMPTY}
        elif op is c.IN:
            part = _class(value, folding)
        elif op in _REPEATS:
            part = _repeat(value[0], value[1], _shapes(value[2].data, flags, folding, {_EMPTY}, None, keep_tails),
                           keep_tails)
        elif op is c.AT:
            part = {_SEPARATOR} if value in (c.AT_BOUNDARY, c.AT_UNI_BOUNDARY) \
                else {_NO_WORD_BEFORE} if value in (c.AT_BEGINNING, c.AT_BEGINNING_STRING, c.AT_BEGINNING_LINE) \
                else {_NO_WORD_AFTER} if value in (c.AT_END, c.AT_END_STRING, c.AT_END_LINE) else {_EMPTY}
        elif op is c.ASSERT_NOT and _holds_words(value[1].data):
            part = {_NO_WORD_BEFORE if value[0] < 0 else _NO_WORD_AFTER}
        elif op is c.ASSERT and _separated(value[1].data, at_start=value[0] > 0):
            # "(?<=, )", "(?= a)": what is looked at ends (begins) with no word character.
            part = {_NO_WORD_BEFORE if value[0] < 0 else _NO_WORD_AFTER}
        elif op in (c.ASSERT, c.ASSERT_NOT):
            part = {_EMPTY}
        else:  # any character, a back reference, a conditional group
            part = _ANYTHING
        shapes = _product(shapes, part, keep_tails)
    return shapes


def _repeat(least: int, most: int, once: set[_Shape], keep_tails: bool) -> set[_Shape]:
    """Return the shapes of a part repeated from `least` to `most` times (a superset when the counts are large)."""
    if most - least > 2 or most > 4:
        # Beyond a few repetitions the rest matches separators only, or anything.
        rest = {_EMPTY, _SEPARATOR} if once <= {_EMPTY, _SEPARATOR} else set(_ANYTHING)
        most = least = min(least, 2)
    else:
        rest = {_EMPTY}
    shapes: set[_Shape] = set()
    power: set[_Shape] = {_EMPTY}
    for count in range(most + 1):
        if count >= least:
            shapes |= power
        power = _product(power, once, keep_tails)
    return _product(shapes, rest, keep_tails)


def _words_held(parsed: _parser.SubPattern, flags: int, folding: bool, keep_tails: bool) -> frozenset[str] | None:
    """Return the words one of which every match of a parsed pattern holds, read keeping tails or not, if known."""
    words: set[str] = set()
    for shape in _shapes(parsed.data, flags, folding, {_EMPTY}, words, keep_tails):
        if not shape[0] or shape[3] is None:
            return None
        words.add(shape[3])
    return frozenset(words)


def _commonness(words: frozenset[str] | None) -> tuple[int, int]:
    """Return how many sentences a set of required words lets through, roughly: its short words, then its size."""
    if words is None:
        return sys.maxsize, 0
    return sum(len(word) < FOUND for word in words), len(words)


def _requirement(source: str, parsed: _parser.SubPattern, flags: int) -> Requirement | None:
    """Return the words one of which every match of a parsed pattern holds as a whole word, if each has one.

    A pattern whose words are not all long is read again keeping tails (see _merged): each reading is sound,
    and the one whose words fewer sentences hold is kept.
    """
    # A pattern that ignores case anywhere is read folded throughout: its words then hold foldable letters only.
    folding = bool(flags & re.IGNORECASE) or INLINE_IGNORECASE.search(source) is not None
    words = _words_held(parsed, flags, folding, keep_tails=False)
    if _commonness(words)[0]:
        words = min(words, _words_held(parsed, flags, folding, keep_tails=True), key=_commonness)
    return None if words is None else (words, folding)


# The lowercase letters the engine takes for the same ignoring case, besides their own ("i" and dotless "ı").
_EXTRA_CASES: dict[int, tuple[int, ...]] | None = getattr(_compiler, "_EXTRA_CASES", None) if ENGINE else None
_UPPER: dict[int, list[int]] = {}  # each lowercase code point, the others the engine lowers to it (see _cased)


def _cased(codes: Iterable[int]) -> list[int]:
    """Return the code points the engine, ignoring case, takes for any of some lowercase ones (those and the
    letters it lowers to them, "K" and the Kelvin sign for "k")."""
    if not _UPPER:
        for code in range(sys.maxunicode + 1):
            lower = _sre.unicode_tolower(code)
            if lower != code:
                _UPPER.setdefault(lower, []).append(code)
    return sorted({same for code in codes for same in (code, *_UPPER.get(code, ()))})


def _first_of_literal(code: int, flags: int) -> list[tuple[object, object]] | None:
    """Return the class items of the characters a literal matches under the flags in force where it stands."""
    c = _constants
    if not flags & c.SRE_FLAG_IGNORECASE:
        return [(c.LITERAL, code)]
    if flags & (c.SRE_FLAG_ASCII | c.SRE_FLAG_LOCALE) or _EXTRA_CASES is None:
        return None
    lower = _sre.unicode_tolower(code)
    return [(c.LITERAL, same) for same in _cased([lower, *_EXTRA_CASES.get(lower, ())])]


def _first_of_class(items: list, flags: int) -> list[tuple[object, object]] | None:
    """Return the class items of the characters a class (`[…]`) matches, or None for a negated class, a large
    range ignoring case or a category under other flags than Unicode's."""
    c = _constants
    if flags & c.SRE_FLAG_LOCALE or not flags & c.SRE_FLAG_UNICODE:
        return None
    ignoring = bool(flags & c.SRE_FLAG_IGNORECASE)
    found: list[tuple[object, object]] = []
    for op, value in items:
        if op is c.LITERAL or (op is c.RANGE and ignoring and value[1] - value[0] <= 256):
            for code in (value,) if op is c.LITERAL else range(value[0], value[1] + 1):
                part = _first_of_literal(code, flags)
                if part is None:
                    return None
                found += part
        elif op is c.RANGE and not ignoring:
            found.append((op, value))
        elif op is c.CATEGORY and not ignoring:
            found.append((op, _compiler.CH_UNICODE[value]))
        else:
            return None
    return found


def _first(items: list, flags: int) -> tuple[list[tuple[object, object]] | None, bool]:
    """Return the class items of the characters that may begin a match of a parsed sequence (None: any), and
    whether the sequence may match the empty string."""
    c = _constants
    found: list[tuple[object, object]] = []
    for op, value in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # they look, but take no character
        if op is c.LITERAL:
            part, empty = _first_of_literal(value, flags), False
        elif op is c.IN:
            part, empty = _first_of_class(value, flags), False
        elif op is c.SUBPATTERN:
            part, empty = _first(value[3].data, _compiler._combine_flags(flags, value[1], value[2]))
        elif op is c.ATOMIC_GROUP:
            part, empty = _first(value.data, flags)
        elif op is c.BRANCH:
            part, empty = [], False
            for branch in value[1]:
                first, may_be_empty = _first(branch.data, flags)
                if first is None:
                    return None, True
                part += first
                empty = empty or may_be_empty
        elif op in _REPEATS:
            part, empty = _first(value[2].data, flags)
            empty = empty or value[0] == 0
        else:  # any character, a back reference, a conditional group
            return None, True
        if part is None:
            return None, True
        found += part
        if not empty:
            return found, False
    return found, True


def _with_first_characters(code: list[int], parsed: _parser.SubPattern, flags: int) -> list[int]:
    """Return a program whose search tries only the positions of the characters that may begin a match.

    The compiler tells the engine those characters only for a pattern that begins with a literal or a class
    of literals. Most rules begin with a boundary, a lookbehind or a group of many words: the engine then
    tries the whole pattern at every character of a sentence. A pattern that never matches the empty string
    begins every match with one of the characters read here, so skipping the others finds the same matches.
    """
    c = _constants
    info_flags, least = code[2], code[3]
    if code[0] != c.INFO or info_flags or least < 1:
        return code  # the compiler found a prefix or a class, or the pattern may match the empty string
    first, empty = _first(parsed.data, flags)
    if first is None or empty:
        return code
    charset: list[int] = []
    _compiler._compile_charset(_compiler._optimize_charset(first)[0], 0, charset)
    return [c.INFO, 4 + len(charset), c.SRE_INFO_CHARSET, least, code[4], *charset, *code[1 + code[1]:]]


def _program(source: str, flags: int) -> tuple[re.Pattern[str], Program | None, Requirement | None]:
    """Compile a pattern the way re does, returning its program and required words as well (re.error if it
    does not compile)."""
    if ENGINE is None:
        return re.compile(source, flags), None, None
    parsed = _parser.parse(source, flags)
    required = _requirement(source, parsed, flags | parsed.state.flags)
    code = _with_first_characters(_compiler._code(parsed, flags), parsed, flags | parsed.state.flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # Plain ints: marshal writes neither RegexFlag nor the opcodes (named int constants) of the program.
    program = (int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1, groupindex,
               tuple(indexgroup))
    return _sre.compile(source, *program), program, required


def _own_code() -> bytes:
    """Return the source of this module, or nothing when it cannot be read."""
    try:
        return Path(__file__).read_bytes()
    except OSError:
        return b""


def from_program(source: str, program: Program) -> re.Pattern[str]:
    """Return the pattern a program was compiled from, without compiling it again."""
    return _sre.compile(source, *program)


def kept_pattern(source: str, program: Program, required: Requirement | None) -> re.Pattern[str]:
    """Return a rule's pattern from its program, noting the words its matches require (required_words)."""
    pattern = from_program(source, program)
    _REQUIRED[pattern.pattern, pattern.flags] = required
    return pattern


class PatternCompiler:
    """Compiles the patterns of one rule set, from the cache when it holds exactly these patterns."""

    def __init__(self, patterns: list[tuple[str, int]]) -> None:
        """Look up the programs of a list of (pattern, flags)."""
        self.patterns = [(source, int(flags)) for source, flags in patterns]
        # This module's own code is hashed too: what it reads from a pattern changes with it.
        digest = hashlib.sha256(repr((ENGINE, _own_code(), self.patterns)).encode("utf-8")).hexdigest()
        self.name = f"patterns-{digest}.marshal"
        kept = cache.load(self.name) if ENGINE is not None else None
        self.kept: list[tuple[Program, Requirement | None]] | None = \
            kept if isinstance(kept, list) and len(kept) == len(patterns) else None
        self.made: list[tuple[Program, Requirement | None] | None] = []
        # The program of each pattern handed out, by the pattern's id, for a cache that keeps the patterns.
        self.programs: dict[int, Program] = {}

    def compile(self, index: int) -> re.Pattern[str]:
        """Return the compiled pattern at an index of the list (re.error if it does not compile)."""
        source, flags = self.patterns[index]
        if self.kept is not None:
            try:
                program, required = self.kept[index]
                if required is None or (isinstance(required[0], frozenset) and isinstance(required[1], bool)):
                    pattern = kept_pattern(source, program, required)
                    self.programs[id(pattern)] = program
                    return pattern
            except (TypeError, ValueError, RuntimeError, IndexError):
                pass
            self.kept = None  # damaged: compile the rest as usual, and keep them anew
        pattern, program, required = _program(source, flags)
        if program is not None:
            _REQUIRED[pattern.pattern, pattern.flags] = required
            self.programs[id(pattern)] = program
        self.made.append(None if program is None else (program, required))
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
        pattern, program, _ = _program(source, flags)
        if program is not None:
            self.made[key] = program
        return pattern

    def keep(self) -> None:
        """Keep the programs of the patterns compiled anew, with those already kept."""
        if self.name is not None and self.made:
            cache.store(self.name, self.kept | self.made)
