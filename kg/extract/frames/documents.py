"""Documents and topics: what an article names as a text (proposal, communiqué) or as a subject matter."""

from __future__ import annotations

import re

from kg.extract.frames.context import Context
from kg.extract.frames.model import Document, Evidence, Topic, evidence_of
from kg.extract.segment import Sentence
from kg.rdf.ids import normalise

TRAILING_FUNCTION_WORDS = re.compile(r"(?:\s+(?:de|del|la|el|los|las|y|e|en|a|al|un|una|que|con|por|para))+$")


class Documents:
    """Builds the documents and topics of an article, one registry of each for the whole article."""

    def __init__(self, ctx: Context) -> None:
        """Start with no document and no topic."""
        self.ctx = ctx
        self.named: list[Document] = []
        self.topics: dict[str, Topic] = {}

    def find_documents(self, sentence: Sentence) -> dict[int, Document]:
        """Build the documents of a sentence with their parties ("entre X y Y") and authors ("de X")."""
        found: dict[int, Document] = {}
        for m in self.ctx.of(sentence, "document"):
            settings = m.data["settings"]
            domain = self.ctx.text[slice(*m.groups["domain"])] if "domain" in m.groups else None
            label = str(settings["label"]) + (f" de {domain}" if domain else "")
            doc = Document(str(settings["class"]), label, domain, [evidence_of(m)])
            tail = self.ctx.text[m.end:sentence.end]
            window_end = m.end + (re.search(r"[,.;]| y del? |$", tail).start())
            following = [e for e in self.ctx.of(sentence, "entity") if m.end <= e.begin < window_end]
            if tail.startswith(" entre "):
                for e in following:
                    for eid, ev in self.ctx.actor(e):
                        doc.parties.add(eid, ev, evidence_of(m))
            elif re.match(r" del? (?:la |el )?\S", tail) and following and following[0].begin <= m.end + 8:
                # "el comunicado conjunto de Japón y Corea del Sur": every author the phrase lists.
                authors = [following[0]]
                for e in following[1:]:
                    joint = self.ctx.text[authors[-1].end:e.begin]
                    if not re.fullmatch(r",?\s*(?:y|e)\s+(?:(?:el|la|los|las) )?|,\s*", joint):
                        break
                    authors.append(e)
                for author in authors:
                    for eid, ev in self.ctx.actor(author):
                        doc.authors.add(eid, ev, evidence_of(m))
            found[m.begin] = self.merge_document(doc, self.ctx.text[max(sentence.begin, m.begin - 3):m.begin])
        return found

    def merge_document(self, doc: Document, before: str) -> Document:
        """Return the document already named with the same class and domain, or register a new one."""
        indefinite = re.search(r"\b(?:un|una|unos|unas)\s*$", before, re.IGNORECASE)
        for known in reversed(self.named):
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
        self.named.append(doc)
        return doc

    # ---- topics ----

    def topics_in(self, sentence: Sentence, begin: int, end: int) -> list[Topic]:
        """Expand each topic head in a span to its noun phrase, stopping at a boundary, event or document."""
        stops = sorted({b.begin for b in self.ctx.inside(sentence, "boundary", begin, end)} |
                       {m.begin for kind in ("event", "document", "report")
                        for m in self.ctx.inside(sentence, kind, begin, end)} |
                       {end})
        blocked = [m for kind in ("event", "document") for m in self.ctx.of(sentence, kind)]
        found, covered = [], begin
        for head in self.ctx.inside(sentence, "topic", begin, end):
            if head.begin < covered or any(b.begin <= head.begin < b.end or
                                           re.fullmatch(r" del? ", self.ctx.text[b.end:head.begin]) for b in blocked):
                continue
            stop = next(s for s in stops if s > head.begin)
            label = TRAILING_FUNCTION_WORDS.sub("", self.ctx.text[head.begin:stop].strip())
            topic = self.topics.setdefault(normalise(label), Topic(label))
            ev = Evidence(head.begin, head.begin + len(label), head.rule)
            if ev not in topic.spans:
                topic.spans.append(ev)
            for e in self.ctx.inside(sentence, "entity", ev.begin, ev.end):
                eid = self.ctx.entity(str(e.data["entity"]), evidence_of(e))
                topic.mentions.add(eid, evidence_of(e))
            found.append(topic)
            covered = stop
        return found
