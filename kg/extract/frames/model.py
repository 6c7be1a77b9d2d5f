"""Records of the frame pass: evidence, entities, topics, documents, propositions and frames."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from kg.extract.mentions import Mention
from kg.extract.temporal import TimeValue
from kg.rdf.ids import normalise


class Evidence(NamedTuple):
    """Characters of the article and the rule that read them."""

    begin: int
    end: int
    rule: str


@dataclass
class Linked:
    """Targets of one role, each with the evidence that links it."""

    items: dict[object, list[Evidence]] = field(default_factory=dict)

    def add(self, target: object, *evidence: Evidence) -> None:
        """Link a target, keeping every piece of evidence once."""
        bucket = self.items.setdefault(target, [])
        for ev in evidence:
            if ev not in bucket:
                bucket.append(ev)

    def update(self, other: "Linked") -> None:
        """Add every link of another role."""
        for target, evidence in other.items.items():
            self.add(target, *evidence)


@dataclass(eq=False)
class EntityNode:
    """An entity of the article: lexicon entry or one the rules introduced."""

    id: str
    label: str
    cls: str
    spans: list[Evidence] = field(default_factory=list)
    wikidata: str | None = None
    roles: set[str] = field(default_factory=set)
    links: dict[str, Linked] = field(default_factory=dict)
    title: str | None = None

    def link(self, prop: str, target: str, *evidence: Evidence) -> None:
        """Link this entity to another (represents, governs, member of…)."""
        self.links.setdefault(prop, Linked()).add(target, *evidence)


@dataclass(eq=False)
class Topic:
    """A subject matter named by a noun phrase."""

    label: str
    spans: list[Evidence] = field(default_factory=list)
    mentions: Linked = field(default_factory=Linked)

    @property
    def key(self) -> str:
        """Return the identity of the topic: its normalised wording."""
        return normalise(self.label)


@dataclass(eq=False)
class Document:
    """A document the article names: proposal, draft, communiqué."""

    cls: str
    label: str
    domain: str | None
    spans: list[Evidence] = field(default_factory=list)
    parties: Linked = field(default_factory=Linked)
    authors: Linked = field(default_factory=Linked)


@dataclass(eq=False)
class Proposition:
    """An act named inside reported speech, not asserted to happen."""

    action: str
    polarity: str
    spans: list[Evidence] = field(default_factory=list)
    tense: str | None = None
    theme: str | None = None
    agents: Linked = field(default_factory=Linked)
    places: Linked = field(default_factory=Linked)


@dataclass(eq=False)
class Frame:
    """An event or a statement with its roles; mentions of one event merge into one frame."""

    cls: str
    cameo: str
    label: str
    family: str
    sentence: int
    spans: list[Evidence] = field(default_factory=list)
    actors: Linked = field(default_factory=Linked)
    places: Linked = field(default_factory=Linked)
    bodies: Linked = field(default_factory=Linked)
    about: Linked = field(default_factory=Linked)
    attributed: Linked = field(default_factory=Linked)
    parent: Linked = field(default_factory=Linked)
    time: TimeValue | None = None
    time_evidence: list[Evidence] = field(default_factory=list)
    # The time is only that of the publication a headline in the present implies: a date said gives way to it.
    time_implied: bool = False
    status: str | None = None
    status_evidence: list[Evidence] = field(default_factory=list)
    instance: str = "merge"
    parent_family: str | None = None
    statement: bool = False
    content: tuple[int, int] | None = None
    quotations: list[tuple[int, int]] = field(default_factory=list)
    qualities: list[Evidence] = field(default_factory=list)
    propositions: list[Proposition] = field(default_factory=list)
    stated_in: Linked = field(default_factory=Linked)
    merged_into: "Frame | None" = None
    # The event this mention names again within its clause ("firmaron … un acuerdo"), whatever its determiner.
    same_as: "Frame | None" = None

    def root(self) -> "Frame":
        """Return the frame this one was merged into, or itself."""
        frame = self
        while frame.merged_into is not None:
            frame = frame.merged_into
        return frame


@dataclass
class Extraction:
    """Everything the rules found in one article."""

    entities: dict[str, EntityNode]
    frames: list[Frame]
    documents: list[Document]
    topics: dict[str, Topic]
    published: datetime | None
    published_evidence: Evidence | None


def evidence_of(m: Mention, group: str | None = None) -> Evidence:
    """Return the evidence of a mention, or of one of its named groups."""
    if group is not None:
        return Evidence(*m.groups[group], m.rule)
    return Evidence(m.begin, m.end, m.rule)

