"""Frame pass: assemble events, statements, documents and their roles from the mentions of each sentence."""

from __future__ import annotations

from kg.extract.frames.context import Context
from kg.extract.frames.documents import Documents
from kg.extract.frames.events import Events
from kg.extract.frames.merging import Merger
from kg.extract.frames.model import Document, EntityNode, Evidence, Extraction, Frame, Linked, Proposition, Topic
from kg.extract.frames.participants import Participants
from kg.extract.frames.statements import Statements
from kg.extract.mentions import Mentions
from kg.extract.rules import RuleSet
from kg.extract.segment import Dateline, Sentence

__all__ = ["Document", "EntityNode", "Evidence", "Extraction", "Frame", "Linked", "Proposition", "Topic",
           "build_frames"]


def build_frames(text: str, sentences: list[Sentence], mentions: Mentions, rules: RuleSet,
                 dateline: Dateline | None) -> Extraction:
    """Walk the sentences of one article in order, assemble its frames, then merge mentions of the same event."""
    ctx = Context(text, sentences, mentions, rules, dateline)
    documents = Documents(ctx)
    events, participants = Events(ctx), Participants(ctx, documents)
    statements, merger = Statements(ctx, documents), Merger(ctx, events)
    ctx.register_entities()
    for sentence in sentences:
        docs = documents.find_documents(sentence)
        found = events.find_events(sentence)
        participants.find_participants(sentence, found)
        for _, frame in found:
            merger.merge_event(frame)
        if ctx.focal is None and found and sentence.block in ("kicker", "headline", "lead", "body"):
            candidates = [f for _, f in found if f.instance != "refer" and f.parent_family is None]
            ctx.focal = candidates[0].root() if candidates else None
        statements.attach_discussion(sentence, found, docs)
        said = statements.find_statements(sentence, found, docs)
        statements.attribute(sentence, [f for _, f in found], said)
        for statement in said:
            merger.merge_statement(statement)
    participants.join()
    events.date_by_news_day(merger.frames)
    events.place_by_headline(merger.frames)
    merger.finish()
    return Extraction(ctx.entities, [f for f in merger.frames if f.merged_into is None], documents.named,
                      documents.topics, ctx.published_at, ctx.published_evidence)
