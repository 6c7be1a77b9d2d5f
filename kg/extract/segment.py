"""Segment pass: split an article into typed blocks and sentences, keeping code-point offsets."""

from __future__ import annotations

import calendar
import re
from datetime import datetime
from typing import NamedTuple

from kg.extract.patterns import ModuleRegexes
from kg.extract.rules import Rule, RuleSet

REGEXES = ModuleRegexes(__file__)

BLANK_LINES = REGEXES.compile(r"\n[ \t]*\n+")
LINE = REGEXES.compile(r"[^\n]*[^\s]")
# A sentence ends at . ! ? or … followed by space and a capital, an opening quote or a digit.
# The initial of a name ends no sentence ("George W. Bush").
SENTENCE_END = REGEXES.compile(r"(?<!\s[A-ZÁÉÍÓÚÑ])[.!?…]+(?=\s+[\"«“¿¡(A-ZÁÉÍÓÚÑ0-9])")
OPENING_QUOTES = {"«": "»", "“": "”"}
QUOTE_OPENING = REGEXES.compile('["«“]')
# The head (kicker, headline, lead, bylines and date lines) lies within the first units of an article:
# a date line further down does not make everything above it a headline.
HEAD_LIMIT = 8
# Blocks that are no prose yield no sentences, hence no entities and no events.
SILENT_BLOCKS = {"caption", "dateline", "byline", "credit"}
# Kinds of line that stand apart from the lines around them in a block of the head.
LINE_KINDS = ("dateline", "byline", "credit", "caption", "bullet")


class Block(NamedTuple):
    """A paragraph-like run of text between blank lines, with its layout kind."""

    kind: str
    begin: int
    end: int
    rule: str | None = None


class Sentence(NamedTuple):
    """A sentence: its offsets in the article and the kind of block it belongs to."""

    index: int
    begin: int
    end: int
    block: str


class Dateline(NamedTuple):
    """A date an article states or is given, as far as it goes, with the span and rule that give it."""

    year: int | None
    month: int | None
    day: int | None
    hour: int | None
    minute: int | None
    block: Block
    weekday: int | None = None

    def moment(self) -> datetime | None:
        """Return the date and time it states, None when a part is missing or cannot exist."""
        if self.year is None or self.month is None or self.day is None:
            return None
        if not (1 <= self.year <= 9999 and 1 <= self.month <= 12
                and 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]):
            return None
        if not (0 <= (self.hour or 0) <= 23 and 0 <= (self.minute or 0) <= 59):
            return None
        return datetime(self.year, self.month, self.day, self.hour or 0, self.minute or 0)


def month_number(word: str, lexicon: dict) -> int | None:
    """Return the month a name, an abbreviation ("Feb.") or a number stands for."""
    if word.isdigit():
        return int(word)
    word = word.lower().rstrip(".")
    return lexicon.get("month", {}).get(word) or lexicon.get("month-abbr", {}).get(word)


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Return the (begin, end) offsets of the blocks, trailing whitespace excluded."""
    spans, start = [], 0
    for gap in BLANK_LINES.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            trimmed.append((begin, end))
    return trimmed


def _layout_rules(rules: RuleSet) -> dict[str, list[Rule]]:
    """Group the layout rules by the kind of block they name, in file order."""
    by_kind: dict[str, list[Rule]] = {}
    for rule in rules.stage("layout"):
        by_kind.setdefault(rule.get("block"), []).append(rule)
    return by_kind


def _whole(text: str, begin: int, end: int, rules: list[Rule]) -> tuple[Rule, re.Match[str]] | None:
    """Return the first rule that matches the whole of a span, with its match."""
    chunk = text[begin:end]
    for rule in rules:
        match = rule.regex.match(chunk)
        if match and match.end() == len(chunk):
            return rule, match
    return None


def _line_kind(text: str, begin: int, end: int, by_kind: dict[str, list[Rule]]) -> Block:
    """Return a line as a block of the first kind whose rules match all of it, or of no kind ("")."""
    for kind in LINE_KINDS:
        found = _whole(text, begin, end, by_kind.get(kind, []))
        if found:
            return Block(kind, begin, end, found[0].id)
    return Block("", begin, end)


def _group_lines(lines: list[Block]) -> list[Block]:
    """Keep the lines of a block that stand apart; join each run of the other lines into one unit."""
    units: list[Block] = []
    for line in lines:
        if not line.kind and units and not units[-1].kind:
            units[-1] = units[-1]._replace(end=line.end)
        else:
            units.append(line)
    return units


def _opens_sentence(text: str, at: int) -> bool:
    """Tell whether the text at an offset opens a sentence: a capital or a digit, after any opening mark."""
    rest = text[at:at + 8].lstrip("\"'«“¿¡(-–—•")
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit())


def _units(text: str, by_kind: dict[str, list[Rule]]) -> list[Block]:
    """Split the text into blocks, and the blocks of the head into lines where a line stands apart."""
    units: list[Block] = []
    for i, (begin, end) in enumerate(split_blocks(text)):
        lines = [(begin + m.start(), begin + m.end()) for m in LINE.finditer(text[begin:end])]
        if len(lines) == 1:
            units.append(_line_kind(text, begin, end, by_kind))
            continue
        kinds = [_line_kind(text, b, e, by_kind) for b, e in lines] if i < HEAD_LIMIT else []
        headline = _whole(text, *lines[0], by_kind.get("headline", [])) if i == 0 else None
        if any(line.kind for line in kinds):
            # A byline and a date line in one block: each stands apart, the lines between them stay together.
            units += _group_lines(kinds)
        elif headline and _opens_sentence(text, lines[1][0]):
            # A first line in capitals is a kicker, with the headline under it.
            kicker = _whole(text, *lines[0], by_kind.get("kicker", []))
            first = Block("", *lines[0]) if kicker else Block("headline", *lines[0], headline[0].id)
            units += [first, Block("", lines[1][0], end)]
        else:
            units.append(Block("", begin, end))
    return units


def _headline_at(units: list[Block], prose: list[int]) -> int | None:
    """Return which unit of the head's prose is the headline: the one above the lead or the bullets."""
    fixed = [p for p in prose if units[p].kind == "headline"]
    if fixed:
        return fixed[0]
    bullets = [p for p in prose if units[p].kind == "bullet"]
    if bullets:
        above = [p for p in prose if p < bullets[0]]
        return above[-1] if above else None
    return prose[-2] if len(prose) > 1 else (prose[0] if prose else None)


def _head(text: str, units: list[Block], by_kind: dict[str, list[Rule]]) -> list[Block]:
    """Name the prose of the head from its headline: kickers above it, the lead below it."""
    blocks = list(units)
    prose = [i for i, unit in enumerate(units) if unit.kind in ("", "headline", "bullet")]
    # Lines in capitals on top are kickers ("G20 EN OSAKA"), though never the last line of prose.
    while len(prose) > 1 and not units[prose[0]].kind:
        found = _whole(text, units[prose[0]].begin, units[prose[0]].end, by_kind.get("kicker", []))
        if found is None:
            break
        blocks[prose[0]] = units[prose[0]]._replace(kind="kicker", rule=found[0].id)
        prose.pop(0)
    headline = _headline_at(units, prose)
    for p in prose:
        unit = units[p]
        if headline is not None and p < headline:
            blocks[p] = unit._replace(kind="kicker")
        elif p == headline:
            blocks[p] = unit._replace(kind="headline")
        elif unit.kind == "bullet":
            # The lead covers the words of a bullet line, not its dash.
            rule = next(r for r in by_kind["bullet"] if r.id == unit.rule)
            words_begin, words_end = rule.regex.match(text[unit.begin:unit.end]).span("text")
            blocks[p] = Block("lead", unit.begin + words_begin, unit.begin + words_end, unit.rule)
        else:
            blocks[p] = unit._replace(kind="lead")
    return blocks


def _opening_dateline(text: str, unit: Block, by_kind: dict[str, list[Rule]],
                      signed: bool = False) -> tuple[Rule, re.Match[str]] | None:
    """Return the inline dateline rule that matches the opening of a paragraph, with its match.

    Signed: only a dateline that gives a day or an agency, which may end the head wherever it stands.
    """
    chunk = text[unit.begin:unit.end]
    for rule in by_kind.get("dateline", []):
        match = rule.regex.match(chunk) if rule.get("inline") else None
        # The dateline alone must match too: its parts are read again from its own words.
        if not (match and match.end() and rule.regex.fullmatch(match.group().rstrip())):
            continue
        if not signed or match.groupdict().get("day") or match.groupdict().get("agency"):
            return rule, match
    return None


def _head_end(text: str, units: list[Block], by_kind: dict[str, list[Rule]]) -> tuple[int, int]:
    """Return where the head ends and where the body starts.

    The head ends at the first date line, byline or signed dateline, else after one unit. The body
    starts at the paragraph that opens with a signed dateline, if one follows among the first units;
    the prose between is more of the lead ("Titular", date line, subtitle, "BOGOTÁ, 3 mar (EFE).- …").
    """
    signed = [i for i, unit in enumerate(units[:HEAD_LIMIT])
              if not unit.kind and _opening_dateline(text, unit, by_kind, signed=True)]
    marks = [i for i, unit in enumerate(units[:HEAD_LIMIT]) if unit.kind in ("dateline", "byline")]
    end = min(marks + signed) if marks or signed else min(1, len(units))
    return end, next((i for i in signed if i >= end), end)


def _body(text: str, units: list[Block], by_kind: dict[str, list[Rule]]) -> list[Block]:
    """Name the blocks after the head; the first paragraph loses the dateline it opens with."""
    blocks: list[Block] = []
    opened = False
    for unit in units:
        if unit.kind in SILENT_BLOCKS:
            blocks.append(unit)
            continue
        found = None if opened else _opening_dateline(text, unit, by_kind)
        opened = True
        if found is None:
            blocks.append(Block("body", unit.begin, unit.end))
            continue
        rule, match = found
        blocks.append(Block("dateline", unit.begin, unit.begin + len(match.group().rstrip()), rule.id))
        if unit.begin + match.end() < unit.end:
            blocks.append(Block("body", unit.begin + match.end(), unit.end))
    subheading = by_kind.get("subheading", [])
    for i in range(1, len(blocks) - 1):
        block = blocks[i]
        if (block.kind == blocks[i - 1].kind == blocks[i + 1].kind == "body"
                and "\n" not in text[block.begin:block.end]
                and (found := _whole(text, block.begin, block.end, subheading))):
            blocks[i] = block._replace(kind="subheading", rule=found[0].id)
    return blocks


def classify_blocks(text: str, rules: RuleSet) -> tuple[list[Block], Dateline | None]:
    """Give each block its kind by the layout rules, and return the date and time the article states."""
    by_kind = _layout_rules(rules)
    units = _units(text, by_kind)
    end, start = _head_end(text, units, by_kind)
    lead = [unit if unit.kind in SILENT_BLOCKS else Block("lead", unit.begin, unit.end) for unit in units[end:start]]
    blocks = _head(text, units[:end], by_kind) + lead + _body(text, units[start:], by_kind)
    stated = next((d for d in read_datelines(text, blocks, rules) if d.moment()), None)
    return blocks, stated


def _dateline(groups: dict[str, str | None], block: Block, lexicon: dict) -> Dateline:
    """Read the parts of a date from the groups of a match, as stated (checked later)."""
    def number(name: str) -> int | None:
        return int(groups[name]) if groups.get(name) else None
    month = month_number(groups["month"], lexicon) if groups.get("month") else None
    weekday = lexicon["weekday"].get(groups["weekday"].lower()) if groups.get("weekday") else None
    return Dateline(number("year"), month, number("day"), number("hour"), number("minute"), block, weekday)


def read_datelines(text: str, blocks: list[Block], rules: RuleSet) -> list[Dateline]:
    """Return the date parts of every dateline block, in text order."""
    by_id = {rule.id: rule for rule in rules.stage("layout")}
    return [_dateline(by_id[b.rule].regex.match(text[b.begin:b.end]).groupdict(), b, rules.lexicon)
            for b in blocks if b.kind == "dateline"]


def filing_place(text: str, blocks: list[Block], rules: RuleSet) -> Block | None:
    """Return the span of the place the story was filed from, as its first dateline or byline names it."""
    by_id = {rule.id: rule for rule in rules.stage("layout")}
    for block in blocks:
        if block.kind in ("dateline", "byline"):
            match = by_id[block.rule].regex.match(text[block.begin:block.end])
            if match.groupdict().get("place"):
                return Block("place", block.begin + match.start("place"), block.begin + match.end("place"), block.rule)
    return None


def _prose_matches(text: str, blocks: list[Block], rules: list[Rule]) -> list[tuple[Rule, re.Match[str], int]]:
    """Return the matches of rules in the prose blocks, with the offset of their block, in text order."""
    found = []
    for block in blocks:
        if block.kind not in SILENT_BLOCKS:
            chunk = text[block.begin:block.end]
            found += [(rule, match, block.begin) for rule in rules for match in rule.regex.finditer(chunk)]
    return sorted(found, key=lambda f: (f[2] + f[1].start(), f[0].id))


def body_date(text: str, blocks: list[Block], rules: RuleSet) -> Dateline | None:
    """Return the first date the body gives for its own day ("este martes (14.03.2023)")."""
    for rule, match, offset in _prose_matches(text, blocks, _layout_rules(rules).get("body-date", [])):
        block = Block("body-date", offset + match.start(), offset + match.end(), rule.id)
        return _dateline(match.groupdict(), block, rules.lexicon)
    return None


def named_years(text: str, blocks: list[Block], rules: RuleSet) -> list[int]:
    """Return the years the prose names ("en 2008", "el tratado de 1991"), in text order."""
    return [int(match["year"]) for _, match, _ in _prose_matches(text, blocks, _layout_rules(rules).get("year", []))]


def given_date(value: str, length: int, rules: RuleSet) -> Dateline | None:
    """Read a date given with an article (an option, a file name); its evidence is the whole text."""
    for rule in _layout_rules(rules).get("given", []):
        match = rule.regex.match(value)
        if match:
            return _dateline(match.groupdict(), Block("given", 0, length, rule.id), rules.lexicon)
    return None


def _quote_ranges(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Return the spans inside quotation marks, where a full stop does not end a sentence."""
    ranges = []
    opening = QUOTE_OPENING.search(text, begin, end)
    while opening is not None:
        i = opening.start()
        j = text.find(OPENING_QUOTES.get(text[i], '"'), i + 1, end)
        if j == -1:
            break
        ranges.append((i, j + 1))
        opening = QUOTE_OPENING.search(text, j + 1, end)
    return ranges


def split_sentences(text: str, blocks: list[Block]) -> list[Sentence]:
    """Split the prose blocks into sentences; captions, datelines, bylines and credits yield none."""
    sentences: list[Sentence] = []
    for block in blocks:
        if block.kind in SILENT_BLOCKS:
            continue
        quotes = _quote_ranges(text, block.begin, block.end)
        start = block.begin
        for match in SENTENCE_END.finditer(text, block.begin, block.end):
            cut = match.end()
            if any(q0 < cut < q1 for q0, q1 in quotes):
                continue
            sentences.append(Sentence(len(sentences), start, cut, block.kind))
            start = cut
            while start < block.end and text[start].isspace():
                start += 1
        if start < block.end:
            sentences.append(Sentence(len(sentences), start, block.end, block.kind))
    return sentences


# The programs of the patterns compiled above, for the next run (kg/extract/patterns.py).
REGEXES.keep()
