"""Frame pass: assemble events, statements, documents and their roles from the mentions of each sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from kg.ids import normalise, slug
from kg.mentions import Mention, Mentions
from kg.rules import RuleSet
from kg.segment import Dateline, Sentence
from kg.temporal import TimeValue, resolve

GAZETTEER_RULE = "lexicon.name"
PARTICIPLE = re.compile(r"[a-záéíóúñ]+(?:ad|id)[oa]s?$")
PREPOSITIONS = {"de", "del", "contra", "en", "entre", "sobre", "para", "con", "a", "hacia", "desde", "por"}
QUOTE_PAIRS = {'"': '"', "«": "»", "“": "”"}
TRAILING_FUNCTION_WORDS = re.compile(r"(?:\s+(?:de|del|la|el|los|las|y|e|en|a|al|un|una|que|con|por|para))+$")
# Words that make the next actor an object, not a subject ("con el presidente", "según la Casa Blanca").
OBJECT_MARKERS = PREPOSITIONS | {"al", "del", "según", "ante", "tras"}
DETERMINERS = {"el", "la", "los", "las", "su", "sus"}
# A purpose clause ("para abordar…"): a place named inside it is not where the event happens.
PURPOSE = re.compile(r"\bpara [a-záéíóúñ]+(?:ar|er|ir)(?:se|lo|la)?\b")
# A subordinate clause ("después de que el viernes un ataque en Jerusalén…") tells another situation:
# its dates and places are not the event's.
SUBORDINATE = re.compile(r"\b(?:después|antes|luego|a raíz|a pesar) de que\b|\b(?:desde que|porque|ya que|puesto que)\b")
# Blocks that announce what the body then tells in detail.
SUMMARY_BLOCKS = {"kicker", "headline", "lead"}
# "afirmó que…, pero advirtió que…": the second verb keeps the speaker of the first.
COORDINATION = re.compile(r",?\s+(?:y|e|pero|aunque|mientras que|al tiempo que|y también)\s*$")
# A complement clause opening within a few words of a reporting verb ("afirmó en la rueda de prensa que").
COMPLEMENT = re.compile(r"[^,.;:\"«“]{0,70}?\b(?:de )?que\b")
ACTOR_CLASSES = {"schema:Person", "schema:Country", "schema:Organization", "kg:Government", "kg:ActorGroup"}


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


def _ev(m: Mention, group: str | None = None) -> Evidence:
    """Return the evidence of a mention, or of one of its named groups."""
    if group is not None:
        return Evidence(*m.groups[group], m.rule)
    return Evidence(m.begin, m.end, m.rule)


class Builder:
    """Walks the sentences of one article in order and assembles its frames."""

    def __init__(self, text: str, sentences: list[Sentence], mentions: Mentions, rules: RuleSet,
                 dateline: Dateline | None, dateline_rule: str | None) -> None:
        """Prepare the per-article state the passes share."""
        self.text, self.sentences, self.mentions, self.rules = text, sentences, mentions, rules
        self.rules_by_id = {rule.id: rule for rule in rules.all_rules()}
        self.entities: dict[str, EntityNode] = {}
        self.frames: list[Frame] = []
        self.documents: list[Document] = []
        self.topics: dict[str, Topic] = {}
        self.focal: Frame | None = None
        self.last_statement: Frame | None = None
        self.published: date | None = None
        self.published_at: datetime | None = None
        self.published_evidence: Evidence | None = None
        if dateline is not None:
            self.published = date(dateline.year, dateline.month, dateline.day)
            self.published_at = datetime(dateline.year, dateline.month, dateline.day,
                                         dateline.hour or 0, dateline.minute or 0)
            self.published_evidence = Evidence(dateline.block.begin, dateline.block.end, dateline_rule or "")

    # ---- entities ----

    def entity(self, eid: str, evidence: Evidence, role: str | None = None, label: str | None = None,
               cls: str | None = None) -> str:
        """Register an entity mention and return its id."""
        node = self.entities.get(eid)
        if node is None:
            known = self.rules.entities.get(eid)
            node = EntityNode(eid, known.label if known else (label or eid), known.cls if known else (cls or ""),
                              wikidata=known.wikidata if known else None)
            self.entities[eid] = node
            if known and known.governs:
                node.link("governs", known.governs, evidence)
                self.entity(known.governs, evidence)
        if evidence not in node.spans:
            node.spans.append(evidence)
        if role:
            node.roles.add(role)
        return eid

    def actor(self, m: Mention) -> list[tuple[str, Evidence]]:
        """Resolve a mention in an actor slot: a capital stands for its government, a pair for two people."""
        if m.kind == "pair":
            return [(eid, _ev(m)) for eid in self.pair_members(m.begin)]
        eid = str(m.data["entity"])
        known = self.rules.entities.get(eid)
        if known and known.as_actor:
            eid = known.as_actor
        ev = _ev(m)
        self.entity(eid, ev, "actor", label=m.data.get("label"), cls=m.data.get("class"))
        return [(eid, ev)]

    def place(self, m: Mention) -> tuple[str, Evidence]:
        """Resolve a mention in a place slot."""
        ev = _ev(m)
        return self.entity(str(m.data["entity"]), ev, "place"), ev

    def venue_place(self, sentence: Sentence, venue: Mention) -> tuple[str, Evidence]:
        """Resolve the place of a venue: a lexicon place, or one minted from its name ("en Sochi")."""
        named = self.inside(sentence, "entity", *venue.groups["place"])
        if named:
            return self.place(named[0])
        label = self.text[slice(*venue.groups["place"])]
        ev = _ev(venue, "place")
        return self.entity(slug(label), ev, "place", label=label, cls="schema:Place"), ev

    def named_at(self, sentence: Sentence, m: Mention, group: str) -> Mention | None:
        """Return the listed name a rule's group reads: the name that starts there ("EE.UU." for "EE.UU")."""
        b, e = m.groups[group]
        return next((n for n in self.of(sentence, "entity") if n.begin == b and n.end <= e + 1), None)

    def named_or_minted(self, sentence: Sentence, m: Mention, group: str, cls: str, role: str) -> tuple[str, Evidence]:
        """Resolve a rule's group to a listed entity, or mint one of a class from its words.

        "en el marco del Foro de Cooperación", "según el Ministerio de Exteriores de Turquía": a body no
        lexicon lists is still a node, labelled by what the article calls it.
        """
        named = self.named_at(sentence, m, group)
        if named is not None:
            ev = _ev(named)
            return self.entity(str(named.data["entity"]), ev, role), ev
        label = self.text[slice(*m.groups[group])]
        ev = _ev(m, group)
        return self.entity(slug(label), ev, role, label=label, cls=cls), ev

    def pair_members(self, before: int) -> list[str]:
        """Return the two people of the article's main event, or the last two people named before a position."""
        if self.focal is not None:
            people = [a for a in self.focal.root().actors.items
                      if self.entities[a].cls == "schema:Person"]
            if len(people) >= 2:
                return sorted(people)[:2]
        recent: list[str] = []
        for sentence in self.sentences:
            for e in self.mentions.of(sentence.index, "entity"):
                if e.begin < before and e.data.get("class") == "schema:Person":
                    eid = str(e.data["entity"])
                    recent = [p for p in recent if p != eid] + [eid]
        return sorted(recent[-2:])

    def register_entities(self) -> None:
        """Register every named entity and the links the title patterns give people and groups."""
        for sentence in self.sentences:
            for m in self.mentions.of(sentence.index, "entity"):
                if self.is_metonym(m):
                    continue  # registered by the slot it fills: a place, or the actor it stands for
                eid = self.entity(str(m.data["entity"]), _ev(m), label=m.data.get("label"),
                                  cls=str(m.data["class"]))
                if m.data.get("member_of"):
                    body_ev = Evidence(*m.data["member_of_span"], str(m.data.get("member_of_rule", m.rule)))
                    self.entity(str(m.data["member_of"]), body_ev)
                    self.entities[eid].link("member_of", str(m.data["member_of"]), _ev(m))
        for person in self.mentions.people.values():
            node = self.entities.get(person.id)
            if node is None:
                continue
            node.title = person.title
            evidence = [Evidence(*ev) for ev in person.evidence]
            if person.affiliation:
                self.entity(person.affiliation, evidence[0])
                # A leading title may hold only with a demonym: "canciller alemán" leads, "canciller ruso" does not.
                leading = self.rules.lexicon.get("leading-title", {})
                qualified = f"{person.title} {person.qualifier}" if person.qualifier else None
                prop = "leads" if person.title in leading or qualified in leading else "represents"
                node.link(prop, person.affiliation, *evidence)

    # ---- helpers over one sentence ----

    def of(self, sentence: Sentence, kind: str) -> list[Mention]:
        """Return the mentions of a kind in a sentence."""
        return self.mentions.of(sentence.index, kind)

    def clauses(self, sentence: Sentence) -> list[tuple[int, int, Evidence | None]]:
        """Split a sentence at coordinating separators; each clause carries the separator's evidence."""
        cuts = self.of(sentence, "clause")
        bounds, start, ev = [], sentence.begin, None
        for cut in cuts:
            bounds.append((start, cut.begin, ev))
            start, ev = cut.end, _ev(cut)
        bounds.append((start, sentence.end, ev))
        return bounds

    def quotes(self, sentence: Sentence) -> list[tuple[int, int]]:
        """Return the quoted stretches of a sentence, quotation marks included."""
        found, i = [], sentence.begin
        while i < sentence.end:
            closing = QUOTE_PAIRS.get(self.text[i])
            j = self.text.find(closing, i + 1, sentence.end) if closing else -1
            if j != -1:
                found.append((i, j + 1))
                i = j + 1
            else:
                i += 1
        return found

    def tense_near(self, sentence: Sentence, begin: int, end: int, within: tuple[int, int] | None = None) -> tuple[str | None, Evidence | None]:
        """Return the tense of the cue nearest to a span, within a clause when one is given."""
        lo, hi = within or (sentence.begin, sentence.end)
        said_from = [v.end + que.end() for v in self.of(sentence, "report")
                     if (que := COMPLEMENT.match(self.text[v.end:sentence.end]))]
        best = None
        for m in self.of(sentence, "tense"):
            if m.begin < lo or m.end > hi:
                continue
            # The "que" of a reporting verb between them puts one in the saying and the other in what is
            # said ("subrayó al término de la reunión que no enviarán tropas": the meeting is not to come).
            if any(min(m.end, end) <= start <= max(m.begin, begin) for start in said_from):
                continue
            distance = begin - m.end if m.end <= begin else max(0, m.begin - end)
            if best is None or distance < best[0]:
                best = (distance, m)
        if best is None:
            return None, None
        return best[1].data["settings"]["tense"], _ev(best[1])

    def subject(self, sentence: Sentence, before: int, start: int | None = None) -> list[Mention]:
        """Return the actor mentions that open a clause before a verb, skipping those after a preposition."""
        lo = sentence.begin if start is None else start
        quoted = self.quotes(sentence)
        found = []
        for m in self.of(sentence, "entity") + self.of(sentence, "pair"):
            if not lo <= m.begin < before or any(q0 < m.begin < q1 for q0, q1 in quoted if q1 <= before):
                continue
            if not self.can_act(m):
                continue
            if any(a.begin <= m.begin < a.end for a in self.of(sentence, "attribution")):
                continue  # the source of "según X" is not the subject
            # Look before the title of a titled person, and past determiners ("de la OTAN"); a transparent
            # head lets its complement through ("las delegaciones de Rusia y Ucrania celebraron").
            prev = self.text[lo:m.head].split()
            while prev and prev[-1].lower() in DETERMINERS:
                prev.pop()
            transparent = any(t.end <= m.head and not set(self.text[t.end:m.head].lower().split()) - DETERMINERS
                              for t in self.of(sentence, "transparent"))
            if prev and prev[-1].lower().strip(",") in OBJECT_MARKERS and not transparent:
                continue
            found.append(m)
        return sorted(found, key=lambda m: m.begin)

    def can_act(self, m: Mention) -> bool:
        """Tell whether a mention can fill an actor slot: a person, body, country or group, or a capital standing for one."""
        return m.kind == "pair" or m.data.get("class") in ACTOR_CLASSES or self.is_metonym(m)

    def is_metonym(self, m: Mention) -> bool:
        """Tell whether a place name stands for an actor."""
        known = self.rules.entities.get(str(m.data.get("entity")))
        return bool(known and known.as_actor)

    def inside(self, sentence: Sentence, kind: str, begin: int, end: int) -> list[Mention]:
        """Return the mentions of a kind that lie within a span."""
        return [m for m in self.of(sentence, kind) if begin <= m.begin and m.end <= end]

    # ---- documents ----

    def find_documents(self, sentence: Sentence) -> dict[int, Document]:
        """Build the documents of a sentence with their parties ("entre X y Y") and authors ("de X")."""
        found: dict[int, Document] = {}
        for m in self.of(sentence, "document"):
            settings = m.data["settings"]
            domain = self.text[slice(*m.groups["domain"])] if "domain" in m.groups else None
            label = str(settings["label"]) + (f" de {domain}" if domain else "")
            doc = Document(str(settings["class"]), label, domain, [_ev(m)])
            tail = self.text[m.end:sentence.end]
            window_end = m.end + (re.search(r"[,.;]| y del? |$", tail).start())
            following = [e for e in self.of(sentence, "entity") if m.end <= e.begin < window_end]
            if tail.startswith(" entre "):
                for e in following:
                    for eid, ev in self.actor(e):
                        doc.parties.add(eid, ev, _ev(m))
            elif re.match(r" del? (?:la |el )?\S", tail) and following and following[0].begin <= m.end + 8:
                for eid, ev in self.actor(following[0]):
                    doc.authors.add(eid, ev, _ev(m))
            found[m.begin] = self.merge_document(doc, self.text[max(sentence.begin, m.begin - 3):m.begin])
        return found

    def merge_document(self, doc: Document, before: str) -> Document:
        """Return the document already named with the same class and domain, or register a new one."""
        indefinite = re.search(r"\b(?:un|una|unos|unas)\s*$", before, re.IGNORECASE)
        for known in reversed(self.documents):
            if known.cls != doc.cls or (doc.domain and known.domain and doc.domain != known.domain):
                continue
            if doc.parties.items and known.parties.items and set(doc.parties.items) != set(known.parties.items):
                continue
            if indefinite and doc.cls == "kg:Communique":
                break
            known.spans.extend(doc.spans)
            known.parties.update(doc.parties)
            known.authors.update(doc.authors)
            known.domain = known.domain or doc.domain
            known.label = known.label if len(known.label) >= len(doc.label) else doc.label
            return known
        self.documents.append(doc)
        return doc

    # ---- topics ----

    def topics_in(self, sentence: Sentence, begin: int, end: int) -> list[Topic]:
        """Expand each topic head in a span to its noun phrase, stopping at a boundary, event or document."""
        stops = sorted({b.begin for b in self.inside(sentence, "boundary", begin, end)} |
                       {m.begin for kind in ("event", "document", "report") for m in self.inside(sentence, kind, begin, end)} |
                       {end})
        blocked = [m for kind in ("event", "document") for m in self.of(sentence, kind)]
        found, covered = [], begin
        for head in self.inside(sentence, "topic", begin, end):
            if head.begin < covered or any(b.begin <= head.begin < b.end or
                                           re.fullmatch(r" del? ", self.text[b.end:head.begin]) for b in blocked):
                continue
            stop = next(s for s in stops if s > head.begin)
            label = TRAILING_FUNCTION_WORDS.sub("", self.text[head.begin:stop].strip())
            topic = self.topics.setdefault(normalise(label), Topic(label))
            ev = Evidence(head.begin, head.begin + len(label), head.rule)
            if ev not in topic.spans:
                topic.spans.append(ev)
            for e in self.inside(sentence, "entity", ev.begin, ev.end):
                eid = self.entity(str(e.data["entity"]), _ev(e))
                topic.mentions.add(eid, _ev(e))
            found.append(topic)
            covered = stop
        return found

    # ---- events ----

    def new_frame(self, m: Mention, settings: dict, sentence: Sentence) -> Frame:
        """Start a frame from an event trigger."""
        return Frame(cls=str(settings["class"]), cameo=str(settings["cameo"]), label=str(settings["label"]),
                     family=str(settings["family"]), sentence=sentence.index, spans=[_ev(m)],
                     instance=str(settings.get("instance", "merge")), parent_family=settings.get("parent"))

    def find_events(self, sentence: Sentence, docs: dict[int, Document]) -> list[tuple[Mention | None, Frame]]:
        """Build the events of a sentence, giving each clause's place, body, date and status to its event."""
        events: list[tuple[Mention | None, Frame]] = []
        previous: Frame | None = None
        for lo, hi, separator in self.clauses(sentence):
            # "no tiene planes de reunirse", "descartó una cumbre": a negated event is no event.
            negations = self.of(sentence, "negation")
            triggers = [m for m in self.of(sentence, "event") if lo <= m.begin < hi
                        and not any(n.end <= m.begin and re.fullmatch(r"[^,.;:]{0,40}", self.text[n.end:m.begin])
                                    for n in negations)]
            circumstances = [m for kind in ("venue", "frame", "date") for m in self.of(sentence, kind)
                             if lo <= m.begin < hi and not (kind == "date" and self.dates_other_span(sentence, m))]
            clause_events = []
            for m in triggers:
                settings = m.data["settings"]
                if settings.get("instance") == "previous":
                    if previous is None:
                        continue
                    frame = self.copy_frame(previous, sentence, _ev(m))
                else:
                    frame = self.new_frame(m, settings, sentence)
                clause_events.append((m, frame))
            if not clause_events and circumstances and previous is not None and previous.instance != "refer" \
                    and separator is not None:
                # "…, y dentro de la OSCE el 13 de enero": one more occurrence of the event before.
                clause_text = self.text[lo:hi].rstrip(" .;,")
                clause_ev = Evidence(lo, lo + len(clause_text), separator.rule)
                clause_events.append((None, self.copy_frame(previous, sentence, clause_ev)))
            for m, frame in clause_events:
                self.add_circumstances(sentence, frame, m, clause_events, circumstances, (lo, hi))
            events.extend(clause_events)
            if clause_events:
                previous = clause_events[-1][1]
        for m, frame in events:
            if m is not None:
                self.add_participants(sentence, frame, m, events)
        triggers = [(m, frame) for m, frame in events if m is not None]
        for clause in self.of(sentence, "participants"):
            # "la reunión…, en la que participaron Irán, Rusia y China": the event named last before it,
            # in the same stretch of the sentence (right before it for an "adjacent" rule).
            before = [(m, frame) for m, frame in triggers if m.end <= clause.begin
                      and re.fullmatch(r"\s*" if clause.data["settings"].get("adjacent") else r"[^.;:]{0,60}",
                                       self.text[m.end:clause.begin])]
            if before:
                self.take_part(before[-1][1], self.listed_from(sentence, clause.end), _ev(clause))
        return events

    def dates_other_span(self, sentence: Sentence, c: Mention) -> bool:
        """Tell whether a date belongs to the saying ("anunció este martes que…") or only bounds a span ("hasta")."""
        if re.search(r"\bhasta\s+$", self.text[max(sentence.begin, c.begin - 7):c.begin]):
            return True
        return any(self.dates_saying(sentence, verb, c) for verb in self.of(sentence, "report"))

    def dates_saying(self, sentence: Sentence, verb: Mention, c: Mention) -> bool:
        """Tell whether a date right after a reporting verb and before its "que" dates the saying."""
        return (verb.end <= c.begin and len(self.text[verb.end:c.begin].split()) <= 2
                and bool(re.match(r"[^,.;]{0,30}?\b(?:de )?que\b", self.text[c.end:sentence.end])))

    def copy_frame(self, model: Frame, sentence: Sentence, evidence: Evidence) -> Frame:
        """Start a new occurrence of the same kind of event as a model frame."""
        return Frame(cls=model.cls, cameo=model.cameo, label=model.label, family=model.family,
                     sentence=sentence.index, spans=[evidence], instance="new", parent_family=model.parent_family)

    @staticmethod
    def owner(c: Mention, clause_events: list) -> Frame:
        """Return the event a circumstance belongs to: the nearest trigger before it, else the first after it."""
        def start(pair) -> int:
            return pair[0].begin if pair[0] is not None else pair[1].spans[0].begin
        before = [pair for pair in clause_events if start(pair) <= c.begin]
        return (before[-1] if before else clause_events[0])[1]

    def add_circumstances(self, sentence: Sentence, frame: Frame, m: Mention | None,
                          clause_events: list, circumstances: list[Mention], clause: tuple[int, int]) -> None:
        """Give an event the places, bodies, dates and status cues of its clause that are nearest to it."""
        anchor = m.begin if m is not None else frame.spans[0].begin
        for c in circumstances:
            if self.owner(c, clause_events) is not frame:
                continue
            if m is not None and m.end <= c.begin and SUBORDINATE.search(self.text[m.end:c.begin]):
                continue
            if c.kind == "venue":
                family = c.data["settings"].get("family")
                if family and family != frame.family:
                    continue
                if m is not None and PURPOSE.search(self.text[m.end:c.begin]):
                    continue  # "se reunió con al Sisi para abordar la mediación en Gaza": not where it met
                eid, ev = self.venue_place(sentence, c)
                frame.places.add(eid, ev, _ev(c))
            elif c.kind == "frame":
                eid, ev = self.named_or_minted(sentence, c, "body", "schema:Organization", "body")
                frame.bodies.add(eid, ev, _ev(c))
            elif c.kind == "date" and frame.time is None:
                tense, tense_ev = self.tense_near(sentence, c.begin, c.end, clause)
                value = resolve(c, self.text, self.rules.lexicon, self.published, tense)
                if value is not None:
                    frame.time = value
                    frame.time_evidence = [_ev(c)] + ([tense_ev] if tense_ev and "year" not in c.groups else [])
        for cue in self.of(sentence, "status"):
            # Like a date, a status cue belongs to the event it is nearest to, not to the whole clause.
            if clause[0] <= cue.begin < clause[1] and self.owner(cue, clause_events) is frame:
                status = cue.data["settings"]["status"]
                if frame.status is None or status != "scheduled":
                    frame.status, frame.status_evidence = status, [_ev(cue)]
        if frame.status is None and m is not None:
            # "volverán a reunirse": an event told in the future tense is still to come.
            tense, tense_ev = self.tense_near(sentence, m.begin, m.end, (self.clause_start(sentence, m.begin), clause[1]))
            if tense == "future":
                frame.status, frame.status_evidence = "scheduled", [tense_ev]
        if m is not None and frame.parent_family == "previous":
            earlier = [f for mm, f in clause_events if f is not frame and (mm.begin if mm else 0) < anchor]
            if earlier:
                frame.parent.add(earlier[-1], _ev(m))

    def clause_start(self, sentence: Sentence, position: int) -> int:
        """Return where the clause holding a position starts: after the last "que" or reporting verb before it."""
        start = sentence.begin
        for verb in self.of(sentence, "report"):
            if verb.end <= position:
                start = max(start, verb.end)
        for que in re.finditer(r"\bque\b", self.text[sentence.begin:position]):
            start = max(start, sentence.begin + que.end())
        return start

    def supported(self, sentence: Sentence, m: Mention) -> bool:
        """Tell whether a support verb makes its subject take part ("celebrarán una ronda de…")."""
        adverbials = [c for kind in ("date", "venue") for c in self.of(sentence, kind)]
        for verb in self.of(sentence, "support"):
            if verb.end > m.begin:
                continue
            # Time and place adverbials do not count: "celebraron este martes en Estambul una ronda".
            gap = self.text[verb.end:m.begin]
            for c in adverbials:
                if verb.end <= c.begin and c.end <= m.begin:
                    gap = gap.replace(self.text[c.begin:c.end], " ")
            if len(gap.split()) <= 3 and not re.search(r"[,.;]", gap):
                return True
        return False

    def listed_from(self, sentence: Sentence, position: int) -> list[Mention]:
        """Return the actors listed from a position on: "el presidente ruso, Vladímir Putin, y su homólogo…"."""
        candidates = self.of(sentence, "entity") + self.of(sentence, "pair")
        members: list[Mention] = []
        while True:
            start = position + len(re.match(r"(?:(?:el|la|los|las|su|sus) )?", self.text[position:]).group())
            member = next((e for e in candidates if start in (e.head, e.begin)), None)
            if member is not None:
                members.append(member)
                end = member.end
            else:
                # A name no rule knows ("Sullivan y el presidente chino, Xi Jinping") is passed over.
                unknown = re.match(r"[A-ZÁÉÍÓÚÑ][\w-]+(?: [A-ZÁÉÍÓÚÑ][\w-]+)*", self.text[start:sentence.end])
                if unknown is None:
                    return members
                end = start + unknown.end()
            joint = re.match(r",?\s+(?:y|e)\s+|,\s+(?=\S)", self.text[end:sentence.end])
            if joint is None:
                return members
            position = end + joint.end()

    def take_part(self, frame: Frame, mentions: list[Mention], evidence: Evidence) -> None:
        """Make the mentions that can act participants of an event, on the evidence of a trigger or clause."""
        for e in mentions:
            if self.can_act(e):
                for eid, ev in self.actor(e):
                    frame.actors.add(eid, ev, evidence)

    def add_participants(self, sentence: Sentence, frame: Frame, m: Mention, events: list) -> None:
        """Find who takes part: "entre X y Y" after the trigger, or the clause subject for "su"/"sus"."""
        tail = self.text[m.end:sentence.end]
        between = re.match(r"(?: de [a-záéíóúñ]+)? entre ", tail)
        if between:
            members = self.listed_from(sentence, m.end + between.end())
            if not members:
                # "entre los presidentes de Rusia y Estados Unidos": the names up to the end of the phrase.
                stop = m.end + (re.search(r"[,.;]|(?<= y ) ?\b(?!(?:los|las|el|la)\b)[a-záéíóúñ]{4,}|$",
                                          tail[between.end():]).start() + between.end())
                members = [e for e in self.of(sentence, "entity") if m.end <= e.begin < stop]
            self.take_part(frame, members, _ev(m))
        of = re.match(r" del? (?:la |el |los |las )?", tail)
        if of and not frame.actors.items:
            owners = [e for e in self.of(sentence, "entity") + self.of(sentence, "pair") if e.begin == m.end + of.end()]
            self.take_part(frame, owners, _ev(m))
        before = self.text[sentence.begin:m.begin].split()
        if before and before[-1].lower() in ("su", "sus"):
            verbs = [v for kind in ("discuss", "report") for v in self.of(sentence, kind)]
            first_verb = min((v.begin for v in verbs), default=m.begin)
            for s in self.subject(sentence, min(first_verb, m.begin)):
                for eid, ev in self.actor(s):
                    frame.actors.add(eid, ev, _ev(m))
        elif m.data["settings"].get("verbal") or self.supported(sentence, m):
            for s in self.subject(sentence, m.begin, self.clause_start(sentence, m.begin)):
                for eid, ev in self.actor(s):
                    frame.actors.add(eid, ev, _ev(m))
        con = re.match(r"[^.;:\"«“]{0,60}?\bcon ", tail)
        if con and m.data["settings"].get("with_party"):
            # "se reunió en Ginebra con el ministro ruso, Serguéi Lavrov": the other party.
            self.take_part(frame, self.listed_from(sentence, m.end + con.end()), _ev(m))
        sobre = re.match(r"[^,.;]*? sobre ", tail)
        if sobre and not any(mm is not None and m.end < mm.begin < m.end + sobre.end() for mm, f in events if f is not frame):
            for topic in self.topics_in(sentence, m.end + sobre.end(), sentence.end):
                frame.about.add(topic, *topic.spans[-1:], _ev(m))
                break

    # ---- statements ----

    def find_statements(self, sentence: Sentence, events: list, docs: dict[int, Document]) -> list[Frame]:
        """Build a statement for each reporting verb, with speaker, content and what the content names."""
        attributions = self.of(sentence, "attribution")
        verbs = [v for v in self.of(sentence, "report")
                 if not any(a.begin <= v.begin < a.end for a in attributions)]
        quoted = self.quotes(sentence)
        statements: list[Frame] = []
        reported_by: dict[int, tuple[Frame, Mention]] = {}
        for i, verb in enumerate(verbs):
            settings = verb.data["settings"]
            frame = Frame(cls=str(settings["class"]), cameo=str(settings["cameo"]), label=str(settings["label"]),
                          family="statement",
                          sentence=sentence.index, spans=[_ev(verb)], statement=True)
            for c in self.of(sentence, "date"):
                if frame.time is None and self.dates_saying(sentence, verb, c):
                    tense, _ = self.tense_near(sentence, verb.begin, verb.end)
                    frame.time = resolve(c, self.text, self.rules.lexicon, self.published, tense)
                    frame.time_evidence = [_ev(c)] if frame.time else []
            before = self.text[sentence.begin:verb.begin]
            after_quote = re.search(r"([\"»”])\s*,\s*$", before)
            if not after_quote and self.postposed(sentence, verbs, i):
                content = (sentence.begin, sentence.begin + len(before.rstrip().rstrip(",")))
                self.postposed_speaker(sentence, frame, verb, docs)
                # "Biden subrayó que…, señaló la Casa Blanca": what the words report comes from that source.
                for inner in statements:
                    if inner.content and content[0] <= inner.content[0] and inner.content[1] <= content[1]:
                        self.report_within(inner, frame, verb)
                for m, event in events:
                    if m is not None and content[0] <= m.begin < content[1]:
                        self.report_within(event.root(), frame, verb)
            elif after_quote:
                opening = [q for q in quoted if q[1] == sentence.begin + after_quote.end(1)]
                content = (opening[0][0] + 1, opening[0][1] - 1) if opening else (sentence.begin, verb.begin)
                self.postposed_speaker(sentence, frame, verb, docs)
                if not frame.actors.items and self.last_statement is not None:
                    # '"…", precisó.' with no one named: the speaker of the statement before goes on.
                    for eid, evidence in self.last_statement.actors.items.items():
                        frame.actors.add(eid, *evidence, _ev(verb))
            else:
                start = verb.end
                limit = verbs[i + 1].begin if i + 1 < len(verbs) else sentence.end
                que = COMPLEMENT.match(self.text[verb.end:limit])
                if que:
                    start = verb.end + que.end()
                stop = sentence.end
                if i + 1 < len(verbs):
                    coordination = COORDINATION.search(self.text[verb.end:verbs[i + 1].begin])
                    if coordination:
                        stop = verb.end + coordination.start()
                    elif que and verbs[i + 1].begin >= start and not self.postposed(sentence, verbs, i + 1):
                        # "afirmó que los dos líderes acordaron…": the next verb is inside what is said.
                        reported_by[i + 1] = (frame, verb)
                    else:
                        stop = verbs[i + 1].begin
                content = (start, stop)
                coordinated = i > 0 and COORDINATION.search(self.text[verbs[i - 1].end:verb.begin])
                if coordinated and statements:
                    frame.actors.update(statements[-1].actors)
                    frame.actors.items = {k: v + [_ev(verb)] for k, v in frame.actors.items.items()}
                else:
                    self.preposed_speaker(sentence, frame, verb)
            b, e = content
            # ", según informó X" after the words is where they came from, not part of them.
            e = min([a.begin for a in attributions if b < a.begin < e] + [e])
            unnamed_source = re.search(r",\s+según\b", self.text[b:e])
            if unnamed_source:  # ", según un comunicado de su oficina": a source no rule could name
                e = b + unnamed_source.start()
            while e > b and self.text[e - 1] in " .,;:":
                e -= 1
            while b < e and self.text[b] == " ":
                b += 1
            if b >= e:
                continue  # a reporting verb with no words after it reports nothing
            frame.content = (b, e)
            frame.spans.append(Evidence(b, e, verb.rule))
            self.fill_statement(sentence, frame, verb, events, docs)
            if i in reported_by:
                self.report_within(frame, *reported_by[i])
            if frame.actors.items or frame.attributed.items:
                statements.append(frame)
                self.last_statement = frame
        return statements

    def postposed(self, sentence: Sentence, verbs: list[Mention], i: int) -> bool:
        """Tell whether a reporting verb follows its words: "Rusia no invadirá Ucrania, afirmó el Kremlin."

        It comes after a comma, with no "que" and a speaker right after it ("…, indicó Cafiero, quien
        adelantó que…"); the comma that closes an apposition ("El presidente francés, Emmanuel Macron,
        anunció…") leaves the speaker before the verb.
        """
        verb = verbs[i]
        before = self.text[sentence.begin:verb.begin].rstrip()
        comma = sentence.begin + len(before) - 1
        entities = self.of(sentence, "entity")
        return (before.endswith(",")
                and not COMPLEMENT.match(self.text[verb.end:sentence.end])
                and not any(e.end == comma for e in entities if e.groups)
                and any(verb.end <= e.head <= verb.end + 16 for e in entities))

    @staticmethod
    def report_within(inner: Frame, outer: Frame, verb: Mention) -> None:
        """Attribute a statement to the speaker of the statement that reports it."""
        for eid, evidence in outer.actors.items.items():
            inner.attributed.add(eid, *evidence, _ev(verb))

    def preposed_speaker(self, sentence: Sentence, frame: Frame, verb: Mention) -> None:
        """Take the speaker from the clause subject, or from the statement this one continues."""
        subject = self.subject(sentence, verb.begin)
        if subject:
            # The subject is the coordinated group nearest the verb ("Putin y Biden coincidieron").
            group = [subject[-1]]
            for m in reversed(subject[:-1]):
                gap = self.text[m.end:group[0].begin]
                if re.fullmatch(r",?\s*(?:y|e)\s+|,\s*", gap) or re.fullmatch(r",[^.;]*?,\s*(?:y|e)\s+(?:su|sus)?[^.;]*", gap):
                    group.insert(0, m)
                else:
                    break
            for s in group:
                for eid, ev in self.actor(s):
                    frame.actors.add(eid, ev, _ev(verb))
            return
        continuation = self.of(sentence, "continuation")
        if continuation and self.last_statement is not None:
            for eid, evidence in self.last_statement.actors.items.items():
                frame.actors.add(eid, *evidence, _ev(continuation[0]))

    def postposed_speaker(self, sentence: Sentence, frame: Frame, verb: Mention, docs: dict[int, Document]) -> None:
        """Take the speaker right after the verb ("…", aseguró el Kremlin); a document speaks for its author."""
        window = self.text[verb.end:sentence.end]
        nearby = verb.end + min(len(window), 16)
        # A titled person starts at the title ("afirmó el portavoz del Kremlin, Dmitri Peskov") and wins
        # over the body named inside that title.
        entities = self.of(sentence, "entity")
        for e in [e for e in entities if e.groups] + entities:
            if verb.end <= e.head <= nearby:
                for eid, ev in self.actor(e):
                    frame.actors.add(eid, ev, _ev(verb))
                tail = self.text[e.end:sentence.end]
                said_in = re.match(r"\s+en\s+(?:un|una|su|el|la)\s+", tail)
                if said_in and e.end + said_in.end() in docs:
                    doc = docs[e.end + said_in.end()]
                    frame.stated_in.add(doc, doc.spans[-1])
                    for eid in frame.actors.items:
                        doc.authors.add(eid, *frame.actors.items[eid])
                return
        for begin, doc in docs.items():
            if verb.end <= begin <= nearby:
                frame.stated_in.add(doc, doc.spans[-1])
                for eid, evidence in doc.authors.items.items():
                    frame.actors.add(eid, *evidence, _ev(verb))
                return

    def fill_statement(self, sentence: Sentence, frame: Frame, verb: Mention, events: list,
                       docs: dict[int, Document]) -> None:
        """Classify a statement by its content and link what the content names."""
        b, e = frame.content
        settings = verb.data["settings"]
        tense, _ = self.tense_near(sentence, b, b, (b, e))
        if settings.get("class_if_future") and tense == "future":
            frame.cls, frame.cameo = str(settings["class_if_future"]), str(settings["cameo_if_future"])
            frame.label = str(settings["label_if_future"])
        for cue in self.inside(sentence, "cue", b, e)[:1]:
            cue_settings = cue.data["settings"]
            frame.cls, frame.cameo, frame.label = (str(cue_settings[k]) for k in ("class", "cameo", "label"))
            frame.spans.append(_ev(cue))
        covered: list[tuple[int, int]] = []
        for m, event in events:
            anchor = m.begin if m is not None else event.spans[0].begin
            if b <= anchor < e:
                frame.about.add(event, event.spans[0])
                # The event's participants and places are its own, not what the statement is about.
                covered += [(ev.begin, ev.end) for role in (event.actors, event.places, event.bodies)
                            for evidence in role.items.values() for ev in evidence]
        for begin, doc in docs.items():
            if b <= begin < e:
                frame.about.add(doc, doc.spans[-1])
        topics = self.topics_in(sentence, b, e)
        for topic in topics:
            frame.about.add(topic, topic.spans[-1])
        covered += [(t.spans[-1].begin, t.spans[-1].end) for t in topics] + \
                  [(d.spans[-1].begin, d.spans[-1].end) for d in docs.values()]
        for action in self.inside(sentence, "action", b, e):
            frame.propositions.append(self.proposition(sentence, action, (b, e)))
        for prop in frame.propositions:
            covered += [(ev.begin, ev.end) for role in (prop.agents, prop.places)
                        for evidence in role.items.values() for ev in evidence if ev.rule != prop.spans[0].rule]
        doc_windows = [(begin, begin + 200) for begin in docs]
        for ent in self.inside(sentence, "entity", b, e):
            if any(x <= ent.begin < y for x, y in covered):
                continue
            if any(x <= ent.begin < y and self.text[x:ent.begin].count(",") == 0 for x, y in doc_windows):
                continue
            if self.is_metonym(ent) and not re.search(r"\b(?:en|a|desde|hacia|hasta)\s+$", self.text[b:ent.begin]):
                for eid, ev in self.actor(ent):
                    frame.about.add(eid, ev)
                continue
            frame.about.add(self.entity(str(ent.data["entity"]), _ev(ent)), _ev(ent))
        for q0, q1 in self.quotes(sentence):
            if b <= q0 and q1 <= e + 1:
                frame.quotations.append((q0 + 1, q1 - 1))
        for quality in self.inside(sentence, "quality", b, e + 1):
            for group in ("quality", "quality_end"):
                if group in quality.groups:
                    frame.qualities.append(_ev(quality, group))

    def proposition(self, sentence: Sentence, action: Mention, content: tuple[int, int]) -> Proposition:
        """Describe an act named in a statement: agent, negation, tense, theme and place."""
        negated = "negation" in action.groups
        tense, _ = self.tense_near(sentence, action.begin, action.end, (action.begin, action.end))
        prop = Proposition(str(action.data["settings"]["label"]), "negative" if negated else "positive",
                           [_ev(action)], tense, self.text[slice(*action.groups["theme"])])
        agents = [s for s in self.subject(sentence, action.begin, content[0])]
        for s in agents[-1:]:
            for eid, ev in self.actor(s):
                prop.agents.add(eid, ev, _ev(action))
        clause_end = content[1]
        for venue in self.of(sentence, "venue"):
            if action.end <= venue.begin <= action.end + 3 and venue.begin < clause_end:
                eid, ev = self.venue_place(sentence, venue)
                prop.places.add(eid, ev, _ev(venue))
        return prop

    # ---- discussion verbs ----

    def attach_discussion(self, sentence: Sentence, events: list, docs: dict[int, Document]) -> None:
        """Give the event a discussion took place in its speakers and what they discussed."""
        for verb in self.of(sentence, "discuss"):
            target, stop = None, sentence.end
            for m, frame in events:
                if m is None or m.begin < verb.end:
                    continue
                lead = re.search(r"(\S+)\s+durante\s+(?:su|sus|la|el|las|los)?\s*$", self.text[verb.end:m.begin])
                if lead and not PARTICIPLE.match(lead.group(1)):
                    target, stop = frame, verb.end + lead.start() + len(lead.group(1))
                    break
            if target is None:
                target = self.focal
            if target is None:
                continue
            for q0, q1 in self.quotes(sentence):
                if q0 < verb.begin < q1:
                    stop = min(stop, q1)
            target = target.root()
            for s in self.subject(sentence, verb.begin):
                for eid, ev in self.actor(s):
                    target.actors.add(eid, ev, _ev(verb))
            target.spans.append(_ev(verb))
            for m, frame in events:
                if m is not None and verb.end <= m.begin < stop and frame is not target:
                    target.about.add(frame, frame.spans[0], _ev(verb))
            for begin, doc in docs.items():
                if verb.end <= begin < stop:
                    target.about.add(doc, doc.spans[-1], _ev(verb))
            for topic in self.topics_in(sentence, verb.end, stop):
                target.about.add(topic, topic.spans[-1], _ev(verb))

    # ---- the article ----

    def attribute(self, sentence: Sentence, frames: list[Frame], statements: list[Frame]) -> None:
        """Mark what a sentence says "según X" as attributed to X, and what a quotation holds to its speaker."""
        for attribution in self.of(sentence, "attribution"):
            named = self.named_at(sentence, attribution, "source")
            if named is not None:
                sources = self.actor(named)
            else:
                sources = [self.named_or_minted(sentence, attribution, "source", "schema:Organization", "actor")]
            for eid, ev in sources:
                for frame in frames + statements:
                    frame.root().attributed.add(eid, ev, _ev(attribution))
        for statement in statements:
            b, e = statement.content
            if not any(q0 < b and e < q1 for q0, q1 in self.quotes(sentence)):
                continue
            # A quotation is its speaker's own words, and so is every event it reports.
            for frame in [statement] + [f.root() for f in frames if b <= f.spans[0].begin < e]:
                for eid, evidence in statement.actors.items.items():
                    frame.attributed.add(eid, *evidence)

    def build(self) -> Extraction:
        """Run the frame passes over every sentence, then merge mentions of the same event."""
        self.register_entities()
        for sentence in self.sentences:
            docs = self.find_documents(sentence)
            events = self.find_events(sentence, docs)
            for _, frame in events:
                self.merge_event(frame)
            if self.focal is None and events and sentence.block in ("kicker", "headline", "lead", "body"):
                candidates = [f for _, f in events if f.instance != "refer" and f.parent_family is None]
                self.focal = candidates[0].root() if candidates else None
            self.attach_discussion(sentence, events, docs)
            statements = self.find_statements(sentence, events, docs)
            self.attribute(sentence, [f for _, f in events], statements)
            for statement in statements:
                self.merge_statement(statement)
        self.finish()
        return Extraction(self.entities, [f for f in self.frames if f.merged_into is None], self.documents,
                          self.topics, self.published_at, self.published_evidence)

    def merge_event(self, frame: Frame) -> None:
        """Merge an event mention into an earlier one of the same family unless time, place or body differ."""
        if frame.instance == "refer":
            for known in reversed(self.frames):
                if known.family == frame.family and not known.statement and known.merged_into is None:
                    self.absorb(known, frame)
                    return
            frame.instance = "merge"  # nothing to refer back to: the mention introduces the event
        # "un encuentro", "otra reunión", "la reunión anterior", and triggers marked instance = "new" introduce
        # an event of their own: they may only restate one the headline or lead announced. A verb
        # ("se entrevistará") joins an earlier event only when it shares a participant, a place or a day with it.
        own = self.touches(frame, "novelty") or frame.instance == "new"
        trigger_rule = self.rules_by_id.get(frame.spans[0].rule)
        verbal = bool(trigger_rule and trigger_rule.get("verbal"))
        for known in self.frames:
            if known.merged_into is not None or known.statement or known.family != frame.family \
                    or self.conflict(known, frame):
                continue
            if (own or known.instance == "new") and not self.restates_summary(known, frame):
                continue
            if verbal and not self.shares(known, frame):
                continue
            self.absorb(known, frame)
            return
        if not own and not verbal and self.touches(frame, "anaphor"):
            # "la cumbre" after a "videoconferencia" of the same leaders: a definite mention with no
            # antecedent of its own family refers to the last event of a kindred one.
            kin = self.rules.lexicon.get("kindred-families", {}).get(frame.family, [])
            known = [k for k in self.frames if k.merged_into is None and not k.statement and k.family in kin
                     and k.sentence < frame.sentence and not self.conflict(k, frame)]
            if known:
                self.absorb(known[-1], frame)
                return
        self.frames.append(frame)

    def restates_summary(self, known: Frame, frame: Frame) -> bool:
        """Tell whether a body mention retells an event first named in the kicker, headline or lead."""
        def in_summary(offset: int) -> bool:
            return any(s.begin <= offset < s.end and s.block in SUMMARY_BLOCKS for s in self.sentences)
        # Only once: a second body mention of the same kind is another event, not the same retelling.
        return (self.sentences[known.sentence].block in SUMMARY_BLOCKS
                and self.sentences[frame.sentence].block not in SUMMARY_BLOCKS
                and all(in_summary(span.begin) for span in known.spans))

    def touches(self, frame: Frame, stage: str) -> bool:
        """Tell whether a mention of a stage stands right before or right after an event mention's trigger."""
        trigger = frame.spans[0]
        return any(cue.end + 1 == trigger.begin or cue.begin == trigger.end + 1
                   for cue in self.of(self.sentences[frame.sentence], stage))

    def shares(self, a: Frame, b: Frame) -> bool:
        """Tell whether two event mentions share a participant, a place or a day."""
        return bool(self.sides(a) & self.sides(b) or set(a.places.items) & set(b.places.items)
                    or (a.time and b.time and a.time == b.time))

    def sides(self, frame: Frame) -> set[str]:
        """Return an event's actors with the countries they lead, represent or govern: Xi and China are one side."""
        found = set(frame.actors.items)
        for actor in frame.actors.items:
            links = self.entities[actor].links if actor in self.entities else {}
            for prop in ("leads", "represents", "governs"):
                if prop in links:
                    found |= set(links[prop].items)
        return found

    def merge_statement(self, frame: Frame) -> None:
        """Merge a statement into an earlier one with the same kind, speakers and wording."""
        key = self.statement_key(frame)
        for known in self.frames:
            if known.statement and known.merged_into is None and self.statement_key(known) == key:
                self.absorb(known, frame)
                return
        self.frames.append(frame)

    def statement_key(self, frame: Frame) -> tuple:
        """Return what makes two statements the same: kind, speakers and normalised content."""
        return frame.cls, tuple(sorted(frame.actors.items)), normalise(self.text[slice(*frame.content)])

    def conflict(self, a: Frame, b: Frame) -> bool:
        """Tell whether two mentions cannot be one event: different days, places, sides, bodies or status."""
        if a.time and b.time and not (a.time.within(b.time) or b.time.within(a.time)):
            return True
        if (a.status == "scheduled") != (b.status == "scheduled"):
            return True
        if a.places.items and b.places.items and set(a.places.items) != set(b.places.items):
            return True
        if a.actors.items and b.actors.items and not self.sides(a) & self.sides(b):
            return True  # no participant in common
        return bool(a.bodies.items and b.bodies.items and set(a.bodies.items) != set(b.bodies.items))

    def absorb(self, known: Frame, frame: Frame) -> None:
        """Fold a mention's spans and roles into the frame it refers to."""
        frame.merged_into = known
        for ev in frame.spans:
            if ev not in known.spans:
                known.spans.append(ev)
        for role in ("actors", "places", "bodies", "about", "attributed", "parent", "stated_in"):
            getattr(known, role).update(getattr(frame, role))
        if known.time is None and frame.time is not None:
            known.time, known.time_evidence = frame.time, frame.time_evidence
        if frame.status and (known.status is None or frame.status != "scheduled"):
            known.status, known.status_evidence = frame.status, frame.status_evidence
        known.quotations += [q for q in frame.quotations if q not in known.quotations]
        known.qualities += [q for q in frame.qualities if q not in known.qualities]

    def finish(self) -> None:
        """Resolve parents, inherit what parts share with the whole, and set status and bounds from the dateline."""
        live = [f for f in self.frames if f.merged_into is None]
        for frame in live:
            frame.parent.items = {p.root(): ev for p, ev in frame.parent.items.items()}
            frame.about.items = {(t.root() if isinstance(t, Frame) else t): ev for t, ev in frame.about.items.items()}
            if frame.parent_family and frame.parent_family != "previous":
                wholes = [f for f in live if f.family == frame.parent_family and not f.statement]
                if wholes:
                    frame.parent.add(wholes[0], frame.spans[0])
            for parent in frame.parent.items:
                for eid, evidence in parent.actors.items.items():
                    frame.actors.add(eid, *evidence)
                if frame.time is None and parent.time is not None:
                    frame.time, frame.time_evidence = parent.time, list(parent.time_evidence)
            if self.published is None:
                continue
            if frame.time and frame.time.sort_key() > self.published and frame.status is None:
                frame.status, frame.status_evidence = "scheduled", frame.time_evidence[:1] + [self.published_evidence]
            if frame.time is None and frame.status is None:
                frame.time = TimeValue(latest=self.published)
                frame.time_evidence = [self.published_evidence]


def build_frames(text: str, sentences: list[Sentence], mentions: Mentions, rules: RuleSet,
                 dateline: Dateline | None) -> Extraction:
    """Assemble the events, statements, documents and topics of one article."""
    dateline_rule = dateline.block.rule if dateline else None
    return Builder(text, sentences, mentions, rules, dateline, dateline_rule).build()
