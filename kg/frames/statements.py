"""Statements: reporting verbs, their speakers and content, the propositions they report, attribution and discussion."""

from __future__ import annotations

import re

from kg.frames.context import COMPLEMENT, Context
from kg.frames.documents import Documents
from kg.frames.model import Document, Evidence, Frame, Proposition, evidence_of
from kg.mentions import Mention
from kg.segment import Sentence
from kg.temporal import resolve

PARTICIPLE = re.compile(r"[a-záéíóúñ]+(?:ad|id)[oa]s?$")
# "…, Tarek Aziz, quien insistió", "…, que la describió como": a relative pronoun right before a reporting verb.
RELATIVE = re.compile(r",\s*(?:quien|quienes|que)\s+(?:(?:le|les|lo|la|los|las|se|me|nos|también|además|ya|no|"
                      r"luego|después|entonces|hoy|ayer|sin embargo)\s+)*$")
# The last stretch of a clause before a verb names its subject when it holds a name or a determiner and a
# noun ("el líder cubano pidió", "Franco advirtió"); "Sobre Melilla, explicó" and "y respaldó" do not.
OVERT_SUBJECT = re.compile(r"(?:^|[,;:]\s*|\b(?:y|e|pero|aunque|mientras que)\s+)(?:[^,;:]*?\s)?"
                           r"(?:[A-ZÁÉÍÓÚÑ]\w*|(?:el|la|los|las|un|una|su|sus|este|esta|ese|esa)\s+\w+)"
                           r"[^,;:]*$")
# "afirmó que…, pero advirtió que…": the second verb keeps the speaker of the first.
COORDINATION = re.compile(r",?\s+(?:y|e|pero|aunque|mientras que|al tiempo que|y también)\s*$")


class Statements:
    """Builds a statement for each reporting verb and links what is said, who says it and who it is attributed to."""

    def __init__(self, ctx: Context, documents: Documents) -> None:
        """Share the article's context and its topics; no statement has been made yet."""
        self.ctx = ctx
        self.documents = documents
        self.last_statement: Frame | None = None

    def find_statements(self, sentence: Sentence, events: list, docs: dict[int, Document]) -> list[Frame]:
        """Build a statement for each reporting verb, with speaker, content and what the content names."""
        attributions = self.ctx.of(sentence, "attribution")
        verbs = [v for v in self.ctx.of(sentence, "report")
                 if not any(a.begin <= v.begin < a.end for a in attributions)]
        quoted = self.ctx.quotes(sentence)
        statements: list[Frame] = []
        reported_by: dict[int, tuple[Frame, Mention]] = {}
        for i, verb in enumerate(verbs):
            settings = verb.data["settings"]
            frame = Frame(cls=str(settings["class"]), cameo=str(settings["cameo"]), label=str(settings["label"]),
                          family="statement",
                          sentence=sentence.index, spans=[evidence_of(verb)], statement=True)
            for c in self.ctx.of(sentence, "date"):
                if frame.time is None and self.ctx.dates_saying(sentence, verb, c):
                    tense, _ = self.ctx.tense_near(sentence, verb.begin, verb.end)
                    frame.time = resolve(c, self.ctx.text, self.ctx.rules.lexicon, self.ctx.published, tense)
                    frame.time_evidence = [evidence_of(c)] if frame.time else []
            before = self.ctx.text[sentence.begin:verb.begin]
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
                        frame.actors.add(eid, *evidence, evidence_of(verb))
            else:
                start = verb.end
                limit = verbs[i + 1].begin if i + 1 < len(verbs) else sentence.end
                que = COMPLEMENT.match(self.ctx.text[verb.end:limit])
                if que:
                    start = verb.end + que.end()
                stop = sentence.end
                if i + 1 < len(verbs):
                    coordination = COORDINATION.search(self.ctx.text[verb.end:verbs[i + 1].begin])
                    if coordination:
                        stop = verb.end + coordination.start()
                    elif que and verbs[i + 1].begin >= start and not self.postposed(sentence, verbs, i + 1):
                        # "afirmó que los dos líderes acordaron…": the next verb is inside what is said.
                        reported_by[i + 1] = (frame, verb)
                    else:
                        stop = verbs[i + 1].begin
                content = (start, stop)
                coordinated = i > 0 and COORDINATION.search(self.ctx.text[verbs[i - 1].end:verb.begin])
                if coordinated and statements:
                    frame.actors.update(statements[-1].actors)
                    frame.actors.items = {k: v + [evidence_of(verb)] for k, v in frame.actors.items.items()}
                else:
                    self.preposed_speaker(sentence, frame, verb)
            b, e = content
            # ", según informó X" after the words is where they came from, not part of them.
            e = min([a.begin for a in attributions if b < a.begin < e] + [e])
            unnamed_source = re.search(r",\s+según\b", self.ctx.text[b:e])
            if unnamed_source:  # ", según un comunicado de su oficina": a source no rule could name
                e = b + unnamed_source.start()
            while e > b and self.ctx.text[e - 1] in " .,;:":
                e -= 1
            while b < e and self.ctx.text[b] == " ":
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
        before = self.ctx.text[sentence.begin:verb.begin].rstrip()
        comma = sentence.begin + len(before) - 1
        entities = self.ctx.of(sentence, "entity")
        return (before.endswith(",")
                and not COMPLEMENT.match(self.ctx.text[verb.end:sentence.end])
                and not any(e.end == comma for e in entities if e.groups)
                and any(verb.end <= e.head <= verb.end + 16 for e in entities))

    @staticmethod
    def report_within(inner: Frame, outer: Frame, verb: Mention) -> None:
        """Attribute a statement to the speaker of the statement that reports it."""
        for eid, evidence in outer.actors.items.items():
            inner.attributed.add(eid, *evidence, evidence_of(verb))

    def preposed_speaker(self, sentence: Sentence, frame: Frame, verb: Mention) -> None:
        """Take the speaker from a relative pronoun's antecedent, the clause subject, or the statement this one
        continues."""
        antecedent = self.relative_antecedent(sentence, verb)
        if antecedent is not None:
            for eid, ev in self.ctx.actor(antecedent):
                frame.actors.add(eid, ev, evidence_of(verb))
            return
        subject = self.ctx.subject(sentence, verb.begin)
        if subject:
            # The subject is the coordinated group nearest the verb ("Putin y Biden coincidieron").
            group = [subject[-1]]
            for m in reversed(subject[:-1]):
                gap = self.ctx.text[m.end:group[0].begin]
                if re.fullmatch(r",?\s*(?:y|e)\s+|,\s*", gap) or re.fullmatch(r",[^.;]*?,\s*(?:y|e)\s+(?:su|sus)?[^.;]*", gap):
                    group.insert(0, m)
                else:
                    break
            for s in group:
                for eid, ev in self.ctx.actor(s):
                    frame.actors.add(eid, ev, evidence_of(verb))
            return
        continuation = self.ctx.of(sentence, "continuation")
        if continuation and self.last_statement is not None:
            for eid, evidence in self.last_statement.actors.items.items():
                frame.actors.add(eid, *evidence, evidence_of(continuation[0]))
        elif self.last_statement is not None and self.last_statement.sentence >= sentence.index - 2 \
                and not OVERT_SUBJECT.search(self.ctx.text[sentence.begin:verb.begin]):
            # Spanish drops a subject it has just named: "Admitió que…", "Sobre Melilla, explicó que…", "y
            # respaldó la idea" go on with the speaker of the statement before.
            for eid, evidence in self.last_statement.actors.items.items():
                frame.actors.add(eid, *evidence, evidence_of(verb))

    def relative_antecedent(self, sentence: Sentence, verb: Mention) -> Mention | None:
        """Return the actor a relative pronoun before a verb stands for: "…, Tarek Aziz, quien insistió en…",
        "el portavoz, Federico Lombardi, que la describió como…"."""
        relative = RELATIVE.search(self.ctx.text[sentence.begin:verb.begin])
        if relative is None:
            return None
        comma = sentence.begin + relative.start()
        named = [e for e in self.ctx.of(sentence, "entity") if e.end == comma and self.ctx.can_act(e)]
        return named[-1] if named else None

    def postposed_speaker(self, sentence: Sentence, frame: Frame, verb: Mention, docs: dict[int, Document]) -> None:
        """Take the speaker right after the verb ("…", aseguró el Kremlin); a document speaks for its author."""
        window = self.ctx.text[verb.end:sentence.end]
        nearby = verb.end + min(len(window), 16)
        # A titled person starts at the title ("afirmó el portavoz del Kremlin, Dmitri Peskov") and wins
        # over the body named inside that title.
        entities = self.ctx.of(sentence, "entity")
        for e in [e for e in entities if e.groups] + entities:
            if verb.end <= e.head <= nearby:
                for eid, ev in self.ctx.actor(e):
                    frame.actors.add(eid, ev, evidence_of(verb))
                tail = self.ctx.text[e.end:sentence.end]
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
                    frame.actors.add(eid, *evidence, evidence_of(verb))
                return

    def fill_statement(self, sentence: Sentence, frame: Frame, verb: Mention, events: list,
                       docs: dict[int, Document]) -> None:
        """Classify a statement by its content and link what the content names."""
        b, e = frame.content
        settings = verb.data["settings"]
        tense, _ = self.ctx.tense_near(sentence, b, b, (b, e))
        if settings.get("class_if_future") and tense == "future":
            frame.cls, frame.cameo = str(settings["class_if_future"]), str(settings["cameo_if_future"])
            frame.label = str(settings["label_if_future"])
        for cue in self.ctx.inside(sentence, "cue", b, e)[:1]:
            cue_settings = cue.data["settings"]
            frame.cls, frame.cameo, frame.label = (str(cue_settings[k]) for k in ("class", "cameo", "label"))
            frame.spans.append(evidence_of(cue))
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
        topics = self.documents.topics_in(sentence, b, e)
        for topic in topics:
            frame.about.add(topic, topic.spans[-1])
        covered += [(t.spans[-1].begin, t.spans[-1].end) for t in topics] + \
                  [(d.spans[-1].begin, d.spans[-1].end) for d in docs.values()]
        for action in self.ctx.inside(sentence, "action", b, e):
            frame.propositions.append(self.proposition(sentence, action, (b, e)))
        for prop in frame.propositions:
            covered += [(ev.begin, ev.end) for role in (prop.agents, prop.places)
                        for evidence in role.items.values() for ev in evidence if ev.rule != prop.spans[0].rule]
        doc_windows = [(begin, begin + 200) for begin in docs]
        for ent in self.ctx.inside(sentence, "entity", b, e):
            if any(x <= ent.begin < y for x, y in covered):
                continue
            if any(x <= ent.begin < y and self.ctx.text[x:ent.begin].count(",") == 0 for x, y in doc_windows):
                continue
            if self.ctx.is_metonym(ent) and not re.search(r"\b(?:en|a|desde|hacia|hasta)\s+$", self.ctx.text[b:ent.begin]):
                for eid, ev in self.ctx.actor(ent):
                    frame.about.add(eid, ev)
                continue
            frame.about.add(self.ctx.entity(str(ent.data["entity"]), evidence_of(ent)), evidence_of(ent))
        for q0, q1 in self.ctx.quotes(sentence):
            if b <= q0 and q1 <= e + 1 and q1 - q0 > 2:  # an empty quotation ("") quotes nothing
                frame.quotations.append((q0 + 1, q1 - 1))
        for quality in self.ctx.inside(sentence, "quality", b, e + 1):
            for group in ("quality", "quality_end"):
                if group in quality.groups:
                    frame.qualities.append(evidence_of(quality, group))

    def proposition(self, sentence: Sentence, action: Mention, content: tuple[int, int]) -> Proposition:
        """Describe an act named in a statement: agent, negation, tense, theme and place."""
        negated = "negation" in action.groups
        tense, _ = self.ctx.tense_near(sentence, action.begin, action.end, (action.begin, action.end))
        prop = Proposition(str(action.data["settings"]["label"]), "negative" if negated else "positive",
                           [evidence_of(action)], tense, self.ctx.text[slice(*action.groups["theme"])])
        agents = [s for s in self.ctx.subject(sentence, action.begin, content[0])]
        for s in agents[-1:]:
            for eid, ev in self.ctx.actor(s):
                prop.agents.add(eid, ev, evidence_of(action))
        clause_end = content[1]
        for venue in self.ctx.of(sentence, "venue"):
            if action.end <= venue.begin <= action.end + 3 and venue.begin < clause_end:
                eid, ev = self.ctx.venue_place(sentence, venue)
                prop.places.add(eid, ev, evidence_of(venue))
        return prop

    # ---- discussion verbs ----

    def attach_discussion(self, sentence: Sentence, events: list, docs: dict[int, Document]) -> None:
        """Give the event a discussion took place in its speakers and what they discussed."""
        for verb in self.ctx.of(sentence, "discuss"):
            target, stop = None, sentence.end
            for m, frame in events:
                if m is None or m.begin < verb.end:
                    continue
                lead = re.search(r"(\S+)\s+durante\s+(?:su|sus|la|el|las|los)?\s*$", self.ctx.text[verb.end:m.begin])
                if lead and not PARTICIPLE.match(lead.group(1)):
                    target, stop = frame, verb.end + lead.start() + len(lead.group(1))
                    break
            if target is None:
                target = self.ctx.focal
            if target is None:
                continue
            for q0, q1 in self.ctx.quotes(sentence):
                if q0 < verb.begin < q1:
                    stop = min(stop, q1)
            target = target.root()
            for s in self.ctx.subject(sentence, verb.begin):
                for eid, ev in self.ctx.actor(s):
                    target.actors.add(eid, ev, evidence_of(verb))
            target.spans.append(evidence_of(verb))
            for m, frame in events:
                if m is not None and verb.end <= m.begin < stop and frame is not target:
                    target.about.add(frame, frame.spans[0], evidence_of(verb))
            for begin, doc in docs.items():
                if verb.end <= begin < stop:
                    target.about.add(doc, doc.spans[-1], evidence_of(verb))
            for topic in self.documents.topics_in(sentence, verb.end, stop):
                target.about.add(topic, topic.spans[-1], evidence_of(verb))

    # ---- attribution ----

    def attribute(self, sentence: Sentence, frames: list[Frame], statements: list[Frame]) -> None:
        """Mark what a sentence says "según X" as attributed to X, and what a quotation holds to its speaker."""
        for attribution in self.ctx.of(sentence, "attribution"):
            named = self.ctx.named_at(sentence, attribution, "source")
            if named is not None:
                sources = self.ctx.actor(named)
            else:
                sources = [self.ctx.named_or_minted(sentence, attribution, "source", "schema:Organization", "actor")]
            for eid, ev in sources:
                for frame in frames + statements:
                    frame.root().attributed.add(eid, ev, evidence_of(attribution))
        for statement in statements:
            b, e = statement.content
            if not any(q0 < b and e < q1 for q0, q1 in self.ctx.quotes(sentence)):
                continue
            # A quotation is its speaker's own words, and so is every event it reports.
            for frame in [statement] + [f.root() for f in frames if b <= f.spans[0].begin < e]:
                for eid, evidence in statement.actors.items.items():
                    frame.attributed.add(eid, *evidence)
