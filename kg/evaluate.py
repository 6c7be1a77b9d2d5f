"""Evaluation: build each article of a directory and score its graph against a hand-made gold annotation.

The gold format and the scoring rules are those of `tests/corpus/README.md`: gold events are paired
with event nodes through the text their spans cover, each paired event yields facts (found, type,
participants, time, place, body, status), each statement one fact, the publication date one fact;
recall counts facts, precision counts nodes.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import URIRef
from rdflib.term import Node

from kg.build import extract
from kg.errors import KgError
from kg.extract.rules import RuleSet
from kg.extract.text import load_article
from kg.rdf.mapping import KG, NIF, PROV, RDF, RDFS, SCHEMA, SEM, new_triples
from kg.rdf.triples import Triples

EVENT_TYPES = {"PhoneCall", "Meeting", "Consultation", "Negotiation", "NegotiationRound", "Summit", "Visit",
               "Conference", "Decision", "Other"}
STATUS_TERMS = {"scheduled": SCHEMA.EventScheduled, "cancelled": SCHEMA.EventCancelled,
                "postponed": SCHEMA.EventPostponed, "proposed": KG.EventProposed}
EVENT_KEYS = {"type", "anchors", "participants", "date", "begin", "end", "within", "place", "body", "status",
              "optional"}
STATEMENT_KEYS = {"speaker", "anchor", "optional"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Words left out of a name when its words are compared one by one: articles and prepositions.
FUNCTION_WORDS = {"el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "al", "del", "a", "ante", "bajo",
                  "con", "contra", "de", "desde", "durante", "en", "entre", "hacia", "hasta", "mediante",
                  "para", "por", "segun", "sin", "sobre", "tras"}
# Pairing prefers any pair to none, then the node that matches the most participants.
PAIR_WEIGHT = 1000


@dataclass
class GoldEvent:
    """One event of a gold annotation."""

    type: list[str]
    anchors: list[str]
    participants: list[list[str]]
    date: str | None = None
    begin: str | None = None
    end: str | None = None
    within: tuple[str, str] | None = None
    place: list[str] | None = None
    body: list[str] | None = None
    status: str | None = None
    optional: bool = False
    occurrences: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class GoldStatement:
    """One statement of a gold annotation."""

    speaker: list[str]
    anchor: str
    optional: bool = False
    occurrences: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Gold:
    """The gold annotation of one article."""

    published: str | None
    events: list[GoldEvent]
    statements: list[GoldStatement]


@dataclass
class Score:
    """What one article (or a total) scored: facts found of the gold's, nodes paired of the graph's."""

    name: str
    found: int = 0
    facts: int = 0
    paired: int = 0
    nodes: int = 0
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Return facts found over gold facts (1.0 when the gold has none)."""
        return self.found / self.facts if self.facts else 1.0

    @property
    def precision(self) -> float:
        """Return paired nodes over counted nodes (1.0 when the graph claims nothing)."""
        return self.paired / self.nodes if self.nodes else 1.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of recall and precision."""
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0

    def add(self, other: "Score") -> None:
        """Add another score's counts to this one."""
        self.found += other.found
        self.facts += other.facts
        self.paired += other.paired
        self.nodes += other.nodes

    def as_dict(self, details: bool = True) -> dict[str, Any]:
        """Return the score as plain data for JSON."""
        data: dict[str, Any] = {"name": self.name, "facts_found": self.found, "gold_facts": self.facts,
                                "nodes_paired": self.paired, "nodes": self.nodes,
                                "recall": round(self.recall, 4), "precision": round(self.precision, 4),
                                "f1": round(self.f1, 4)}
        if details:
            data["missed"] = self.missed
            data["false_positives"] = self.false_positives
        return data


# ---- gold files ----

def _alternatives(value: Any, file: str, key: str) -> list[str]:
    """Split a name field into its '|' alternatives."""
    if not isinstance(value, str) or not value.strip():
        raise KgError("E502", file=file, detail=f"'{key}' must be a non-empty string")
    return [v.strip() for v in value.split("|") if v.strip()]


def _date(value: Any, file: str, key: str) -> str:
    """Check a YYYY-MM-DD date field."""
    if not isinstance(value, str) or not DATE.match(value):
        raise KgError("E502", file=file, detail=f"'{key}' must be a date YYYY-MM-DD, not {value!r}")
    return value


def _occurrences(text: str, anchor: str, file: str) -> list[tuple[int, int]]:
    """Return where an anchor stands in the text, refusing one that is absent or not unique."""
    starts = [m.start() for m in re.finditer(re.escape(anchor), text)]
    if len(starts) != 1:
        problem = "does not occur" if not starts else f"occurs {len(starts)} times"
        raise KgError("E503", file=file, anchor=anchor, problem=problem)
    return [(starts[0], starts[0] + len(anchor))]


def _event(raw: dict[str, Any], file: str, text: str) -> GoldEvent:
    """Validate one [[event]] table."""
    unknown = sorted(set(raw) - EVENT_KEYS)
    if unknown:
        raise KgError("E502", file=file, detail=f"unknown key '{unknown[0]}' in [[event]]")
    types = _alternatives(raw.get("type"), file, "type")
    for t in types:
        if t not in EVENT_TYPES:
            raise KgError("E502", file=file, detail=f"unknown event type '{t}'")
    anchors = raw.get("anchors")
    if not isinstance(anchors, list) or not anchors or not all(isinstance(a, str) and a for a in anchors):
        raise KgError("E502", file=file, detail="'anchors' must be a non-empty list of strings")
    participants = raw.get("participants", [])
    if not isinstance(participants, list):
        raise KgError("E502", file=file, detail="'participants' must be a list of names")
    status = raw.get("status")
    if status is not None and status not in STATUS_TERMS:
        raise KgError("E502", file=file, detail=f"unknown status '{status}'")
    within = raw.get("within")
    if within is not None:
        if not isinstance(within, list) or len(within) != 2:
            raise KgError("E502", file=file, detail="'within' must be a list of two dates")
        within = (_date(within[0], file, "within"), _date(within[1], file, "within"))
    event = GoldEvent(
        type=types, anchors=anchors, participants=[_alternatives(p, file, "participants") for p in participants],
        date=_date(raw["date"], file, "date") if "date" in raw else None,
        begin=_date(raw["begin"], file, "begin") if "begin" in raw else None,
        end=_date(raw["end"], file, "end") if "end" in raw else None,
        within=within,
        place=_alternatives(raw["place"], file, "place") if "place" in raw else None,
        body=_alternatives(raw["body"], file, "body") if "body" in raw else None,
        status=status, optional=raw.get("optional") is True)
    if (event.begin is None) != (event.end is None):
        raise KgError("E502", file=file, detail="'begin' and 'end' go together")
    for anchor in anchors:
        event.occurrences += _occurrences(text, anchor, file)
    return event


def _statement(raw: dict[str, Any], file: str, text: str) -> GoldStatement:
    """Validate one [[statement]] table; an attribution that begins with "según" is optional."""
    unknown = sorted(set(raw) - STATEMENT_KEYS)
    if unknown:
        raise KgError("E502", file=file, detail=f"unknown key '{unknown[0]}' in [[statement]]")
    anchor = raw.get("anchor")
    if not isinstance(anchor, str) or not anchor:
        raise KgError("E502", file=file, detail="'anchor' must be a non-empty string")
    optional = raw.get("optional") is True or _plain(anchor).startswith("segun")
    return GoldStatement(_alternatives(raw.get("speaker"), file, "speaker"), anchor, optional,
                         _occurrences(text, anchor, file))


def load_gold(path: Path, text: str) -> Gold:
    """Read and validate a NAME.gold.toml file against the text of its article."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise KgError("E502", file=path.name, detail=str(err)) from None
    except OSError as err:
        raise KgError("E007", path=path, detail=err.strerror or str(err)) from None
    unknown = sorted(set(doc) - {"article", "event", "statement"})
    if unknown:
        raise KgError("E502", file=path.name, detail=f"unknown table '{unknown[0]}'")
    article = doc.get("article", {})
    published = _date(article["published"], path.name, "published") if "published" in article else None
    events = [_event(raw, path.name, text) for raw in _tables(doc.get("event", []), path.name, "event")]
    statements = [_statement(raw, path.name, text) for raw in _tables(doc.get("statement", []), path.name, "statement")]
    return Gold(published, events, statements)


def _tables(value: Any, file: str, key: str) -> list[dict[str, Any]]:
    """Return an array of tables, refusing any other shape."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise KgError("E502", file=file, detail=f"'{key}' must be an array of tables ([[{key}]])")
    return value


# ---- names ----

def _plain(text: str) -> str:
    """Decompose, strip accents and lower-case."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _words(text: str) -> list[str]:
    """Return the plain words of a name."""
    return re.findall(r"\w+", _plain(text))


def _same_word(a: str, b: str) -> bool:
    """Tell whether two words are the same or forms of one another ("ruso" and "rusia")."""
    if a == b:
        return True
    prefix = 0
    for x, y in zip(a, b):
        if x != y:
            break
        prefix += 1
    return prefix >= 3 and min(len(a), len(b)) - prefix <= 2


def name_matches(name: str, label: str) -> bool:
    """Tell whether a node label matches a gold name: it contains it, or has a form of each of its words."""
    plain_name, plain_label = _plain(name).strip(), _plain(label)
    if plain_name and plain_name in plain_label:
        return True
    significant = [w for w in _words(name) if w not in FUNCTION_WORDS]
    label_words = _words(label)
    return bool(significant) and all(any(_same_word(w, lw) for lw in label_words) for w in significant)


# ---- the graph ----

class GraphView:
    """The few readings of an article's graph that scoring needs."""

    def __init__(self, graph: Triples) -> None:
        """Index the graph's nodes of interest."""
        self.g = graph
        typed = {}
        for s, o in graph.subject_objects(RDF.type):
            typed.setdefault(s, set()).add(o)
        self.types = typed
        self.events = sorted(s for s, ts in typed.items() if SEM.Event in ts and KG.Statement not in ts)
        self.statements = sorted(s for s, ts in typed.items() if KG.Statement in ts)
        self.articles = sorted(s for s, ts in typed.items() if SCHEMA.NewsArticle in ts)

    def spans(self, node: Node) -> list[tuple[int, int]]:
        """Return the character spans a node was derived from."""
        found = []
        for span in self.g.objects(node, PROV.wasDerivedFrom):
            begin, end = self.g.value(span, NIF.beginIndex), self.g.value(span, NIF.endIndex)
            if begin is not None and end is not None:
                found.append((int(begin), int(end)))
        return sorted(found)

    def text_of(self, node: Node) -> str:
        """Return the first anchored words of a node, for messages."""
        for span in sorted(self.g.objects(node, PROV.wasDerivedFrom)):
            anchor = self.g.value(span, NIF.anchorOf)
            if anchor is not None:
                begin = self.g.value(span, NIF.beginIndex)
                return f"'{anchor}' at {begin}"
        return ""

    def labels(self, node: Node) -> list[str]:
        """Return a node's labels."""
        return [str(label) for label in self.g.objects(node, RDFS.label)]

    def matches(self, node: Node, names: list[str], governs: bool = False) -> bool:
        """Tell whether a node (or, for actors, the country it governs) matches one of a gold field's names."""
        nodes = [node] + (list(self.g.objects(node, KG.governs)) if governs else [])
        return any(name_matches(name, label) for n in nodes for label in self.labels(n) for name in names)

    def any_matches(self, node: Node, prop: URIRef, names: list[str], governs: bool = False) -> bool:
        """Tell whether any object of a node's property matches one of the names."""
        return any(self.matches(o, names, governs) for o in self.g.objects(node, prop))

    def day(self, node: Node, prop: URIRef) -> str | None:
        """Return the day of a time property of a node, if it has one."""
        value = self.g.value(node, prop)
        return str(value)[:10] if value is not None else None


def _overlaps(spans: list[tuple[int, int]], occurrences: list[tuple[int, int]]) -> bool:
    """Tell whether a span overlaps an occurrence of an anchor."""
    return any(b < oe and ob < e for b, e in spans for ob, oe in occurrences)


def _pair(entries: list, nodes: list[Node], view: GraphView, weight) -> dict[int, Node]:
    """Pair gold entries with nodes whose spans overlap their anchors, one to one, heaviest pairs first."""
    graph = nx.Graph()
    for i, entry in enumerate(entries):
        for node in nodes:
            if _overlaps(view.spans(node), entry.occurrences):
                graph.add_edge(("gold", i), ("node", str(node)), weight=PAIR_WEIGHT + weight(entry, node))
    by_name = {str(n): n for n in nodes}
    pairs = {}
    for a, b in nx.max_weight_matching(graph):
        gold, node = (a, b) if a[0] == "gold" else (b, a)
        pairs[gold[1]] = by_name[node[1]]
    return pairs


def _event_facts(event: GoldEvent, node: Node, view: GraphView) -> list[tuple[str, bool]]:
    """Return the facts a paired gold event yields, each with whether the node holds it."""
    types = view.types.get(node, set())
    facts = [("found", True), (f"type {'|'.join(event.type)}", any(KG[t] in types for t in event.type))]
    for names in event.participants:
        facts.append((f"participant {'|'.join(names)}", view.any_matches(node, SEM.hasActor, names, governs=True)))
    begin = view.day(node, SEM.hasBeginTimeStamp)
    end = view.day(node, SEM.hasEndTimeStamp)
    if event.date or event.begin:
        want = (event.date, event.date) if event.date else (event.begin, event.end)
        facts.append((f"time {want[0]}/{want[1]}", (begin, end) == want))
    elif event.within:
        low = begin or view.day(node, SEM.hasEarliestBeginTimeStamp)
        high = end or view.day(node, SEM.hasLatestEndTimeStamp)
        lo, hi = event.within
        inside = low is not None and high is not None and lo <= low <= hi and lo <= high <= hi
        facts.append((f"time within {lo}/{hi}", inside))
    if event.place:
        facts.append((f"place {'|'.join(event.place)}", view.any_matches(node, SEM.hasPlace, event.place)))
    if event.body:
        facts.append((f"body {'|'.join(event.body)}", view.any_matches(node, KG.frameworkBody, event.body)))
    statuses = set(view.g.objects(node, SCHEMA.eventStatus))
    want_status = {STATUS_TERMS[event.status]} if event.status else set()
    facts.append((f"status {event.status or 'none'}", statuses == want_status))
    return facts


def _event_label(event: GoldEvent) -> str:
    """Name a gold event in messages by its type and first anchor."""
    return f"event {'|'.join(event.type)} '{event.anchors[0]}'"


def score_article(name: str, graph: Triples, gold: Gold) -> Score:
    """Score one article's graph against its gold annotation."""
    view = GraphView(graph)
    score = Score(name)

    if gold.published:
        score.facts += 1
        published = [view.day(a, SCHEMA.datePublished) for a in view.articles]
        if gold.published in published:
            score.found += 1
        else:
            score.missed.append(f"published {gold.published} (graph: {', '.join(p or 'none' for p in published) or 'none'})")

    required = [e for e in gold.events if not e.optional]
    optional = [e for e in gold.events if e.optional]

    def participants_matched(event: GoldEvent, node: Node) -> int:
        return sum(view.any_matches(node, SEM.hasActor, names, governs=True) for names in event.participants)

    pairs = _pair(required, view.events, view, participants_matched)
    for i, event in enumerate(required):
        node = pairs.get(i)
        if node is None:
            facts = [("found", False), ("type", False)] + [(f"participant {'|'.join(p)}", False) for p in event.participants]
            facts += [(k, False) for k in ("time",) if event.date or event.begin or event.within]
            facts += [(k, False) for k, v in (("place", event.place), ("body", event.body)) if v]
            facts.append(("status", False))
            score.facts += len(facts)
            score.missed.append(f"{_event_label(event)}: not found ({len(facts)} facts)")
            continue
        for fact, held in _event_facts(event, node, view):
            score.facts += 1
            if held:
                score.found += 1
            else:
                score.missed.append(f"{_event_label(event)}: {fact}")
    taken = set(pairs.values())
    optional_pairs = _pair(optional, [n for n in view.events if n not in taken], view, participants_matched)
    excused = set(optional_pairs.values())
    _count_nodes(score, view, view.events, taken, excused, optional)

    required_s = [s for s in gold.statements if not s.optional]
    optional_s = [s for s in gold.statements if s.optional]

    def speaker_matched(statement: GoldStatement, node: Node) -> int:
        return int(view.any_matches(node, SEM.hasActor, statement.speaker, governs=True))

    spairs = _pair(required_s, view.statements, view, speaker_matched)
    for i, statement in enumerate(required_s):
        node = spairs.get(i)
        score.facts += 1
        if node is not None and speaker_matched(statement, node):
            score.found += 1
        else:
            why = "not found" if node is None else "speaker not matched"
            score.missed.append(f"statement '{statement.anchor}' ({'|'.join(statement.speaker)}): {why}")
    staken = set(spairs.values())
    soptional = _pair(optional_s, [n for n in view.statements if n not in staken], view, speaker_matched)
    _count_nodes(score, view, view.statements, staken, set(soptional.values()), optional_s)
    return score


def _count_nodes(score: Score, view: GraphView, nodes: list[Node], paired: set[Node], excused: set[Node],
                 optional: list) -> None:
    """Count nodes for precision: paired ones are right, those overlapping only optional entries are left out."""
    for node in nodes:
        if node in paired:
            score.nodes += 1
            score.paired += 1
        elif node in excused or any(_overlaps(view.spans(node), e.occurrences) for e in optional):
            continue
        else:
            score.nodes += 1
            kind = "statement" if KG.Statement in view.types.get(node, set()) else "event"
            score.false_positives.append(f"{kind} {view.g.value(node, RDFS.label) or node} {view.text_of(node)}")


# ---- directories ----

def gold_articles(directories: list[Path]) -> list[tuple[Path, Path]]:
    """Return the (article, gold) pairs of the directories, sorted; an article without gold is skipped."""
    found = []
    for directory in directories:
        if not directory.exists():
            raise KgError("E001", path=directory)
        if not directory.is_dir():
            raise KgError("E504", path=directory)
        for text in sorted(p for p in directory.glob("*.txt") if p.is_file()):
            gold = text.with_name(text.name[: -len(".txt")] + ".gold.toml")
            if gold.is_file():
                found.append((text, gold))
        if not any(t.parent == directory for t, _ in found):
            raise KgError("E501", path=directory)
    return found


def evaluate(directories: list[Path], rules: RuleSet) -> tuple[list[Score], Score]:
    """Build and score every article with a gold annotation in the directories; return each score and the total."""
    scores = []
    total = Score("total")
    for text_path, gold_path in gold_articles(directories):
        article = load_article(text_path)
        gold = load_gold(gold_path, article.text)
        graph = new_triples()
        extract(article, rules, graph)
        score = score_article(text_path.name[: -len(".txt")], graph, gold)
        scores.append(score)
        total.add(score)
    return scores, total


def report_lines(scores: list[Score], total: Score, verbose: bool) -> list[str]:
    """Render one line per article, with its misses and false positives when verbose, then the total."""
    width = max([len(s.name) for s in scores] + [len("total")])

    def line(s: Score, name: str) -> str:
        facts = f"{s.found}/{s.facts}"
        return (f"{name:<{width}}  facts {facts:>9}  recall {s.recall:.3f}  precision {s.precision:.3f}"
                f"  F1 {s.f1:.3f}")
    lines = []
    for s in scores:
        lines.append(line(s, s.name))
        if verbose:
            lines += [f"  missed: {m}" for m in s.missed]
            lines += [f"  false positive: {f}" for f in s.false_positives]
    lines.append(line(total, "total"))
    return lines
