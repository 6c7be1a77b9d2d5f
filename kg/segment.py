"""Segment pass: split an article into typed blocks and sentences, keeping code-point offsets."""

from __future__ import annotations

import re
from typing import NamedTuple

from kg.rules import RuleSet

BLANK_LINES = re.compile(r"\n[ \t]*\n+")
# A sentence ends at . ! ? or … followed by space and a capital, an opening quote or a digit.
SENTENCE_END = re.compile(r"[.!?…]+(?=\s+[\"«“¿¡(A-ZÁÉÍÓÚÑ0-9])")
OPENING_QUOTES = {"«": "»", "“": "”"}


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
    """The publication time stated by the article, with where it was read."""

    year: int
    month: int
    day: int
    hour: int | None
    minute: int | None
    block: Block


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


def classify_blocks(text: str, rules: RuleSet) -> tuple[list[Block], Dateline | None]:
    """Give each block its kind (kicker, headline, lead, dateline, caption, body) by the layout rules."""
    spans = split_blocks(text)
    layout = {r.get("block"): r for r in rules.stage("layout")}
    dateline_rule, caption_rule = layout.get("dateline"), layout.get("caption")
    kinds: list[tuple[str, str | None]] = []
    dateline: Dateline | None = None
    dateline_at = None
    for i, (begin, end) in enumerate(spans):
        chunk = text[begin:end]
        match = dateline_rule.regex.match(chunk) if dateline_rule and dateline_at is None else None
        if match:
            dateline_at = i
            month = rules.lexicon["month"][match["month"].lower()]
            hour = int(match["hour"]) if match["hour"] else None
            minute = int(match["minute"]) if match["minute"] else None
            dateline = (int(match["year"]), month, int(match["day"]), hour, minute)
            kinds.append(("dateline", dateline_rule.id))
        elif caption_rule and caption_rule.regex.match(chunk):
            kinds.append(("caption", caption_rule.id))
        else:
            kinds.append(("body", None))
    # Blocks before the dateline are, from its side backwards: lead, headline, kicker.
    head_count = dateline_at if dateline_at is not None else min(1, len(spans))
    head_names = {1: ["headline"], 2: ["headline", "lead"]}.get(head_count)
    if head_names is None:
        head_names = ["kicker"] * (head_count - 2) + ["headline", "lead"]
    blocks = []
    for i, (begin, end) in enumerate(spans):
        kind, rule = kinds[i]
        if i < head_count and kind == "body":
            kind = head_names[i]
        blocks.append(Block(kind=kind, begin=begin, end=end, rule=rule))
    stated = None
    if dateline is not None:
        stated = Dateline(*dateline, block=blocks[dateline_at])
    return blocks, stated


def _quote_ranges(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Return the spans inside quotation marks, where a full stop does not end a sentence."""
    ranges, i = [], begin
    while i < end:
        ch = text[i]
        closing = '"' if ch == '"' else OPENING_QUOTES.get(ch)
        if closing:
            j = text.find(closing, i + 1, end)
            if j == -1:
                break
            ranges.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return ranges


def split_sentences(text: str, blocks: list[Block]) -> list[Sentence]:
    """Split the text blocks into sentences; captions and the dateline yield none."""
    sentences: list[Sentence] = []
    for block in blocks:
        if block.kind in ("caption", "dateline"):
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
