"""Statements: reporting verbs, their speakers and content, the propositions they report, attribution and discussion."""

from __future__ import annotations

import re

from kg.extract.frames.clauses import adverbial, adverbs_only, parenthetical
from kg.extract.frames.context import COMPLEMENT, DETERMINERS, OBJECT_MARKERS, Context
from kg.extract.frames.documents import Documents
from kg.extract.frames.model import Document, Evidence, Frame, Linked, Proposition, evidence_of
from kg.extract.mentions import Mention
from kg.extract.patterns import ModuleRegexes
from kg.extract.segment import Sentence
from kg.extract.temporal import resolve

REGEXES = ModuleRegexes(__file__)

PARTICIPLE = REGEXES.compile(r"[a-záéíóúñ]+(?:ad|id)[oa]s?$")
CLITICS = r"(?:le|les|lo|la|los|las|se|me|nos)"
SHORT_ADVERBS = (r"(?:también|además|ya|no obstante|no|luego|después|entonces|hoy|ayer|sin embargo|finalmente|asimismo|"
                 r"incluso|por su parte|a su vez|en cambio|más tarde)")
# "…, Tarek Aziz, quien insistió", "el informe que señala": a relative pronoun right before a reporting verb.
RELATIVE = REGEXES.compile(rf"\b(?P<pronoun>quien|quienes|que)\s+(?:(?:{CLITICS}|{SHORT_ADVERBS})\s+)*$", re.IGNORECASE)
# "la carta en la que advierte", "Kiev, a quien acusó": the antecedent of a relative after a
# preposition is no subject; the clause's own subject follows, or it is that of the clause around it.
OBLIQUE_RELATIVE = REGEXES.compile(
    r"\b(?:(?:en|a|con|de|por|para|sobre|desde|ante|tras|mediante|según)\s+(?:el|la|los|las|lo)\s+(?:que|cual|cuales)"
    r"|(?:al|del)\s+(?:que|cual)|(?:a|con|de|para|por|según)\s+quien(?:es)?|donde)\b", re.IGNORECASE)
# "De Mistura", "Van Rompuy": a capitalised particle before a surname belongs to the name, never a preposition.
NAME_PARTICLE = REGEXES.compile(r"(?:^|\s)(?:De|Del|Van|Von)\s+$")
# Words after which "que" is a conjunction, not a relative pronoun: "de que", "ya que", "lo que", "hay que".
CONJUNCTIVE_QUE = {"de", "ya", "así", "para", "hasta", "desde", "mientras", "más", "menos", "sino", "sin", "pese",
                   "dado", "puesto", "siempre", "ahora", "vez", "lo", "tal", "tanto", "hay", "que", "a", "con", "en",
                   "por", "entre", "tras", "antes", "después", "luego", "aunque", "porque", "y", "e", "o", "u", "pero",
                   "es"}
# "no confirmó", "nunca dijo", "ni lo desmintió": nothing is said.
NEGATED = REGEXES.compile(rf"\b(?:no|nunca|jamás|tampoco|ni)\s+(?:{CLITICS}\s+)*$", re.IGNORECASE)
# "si considera que…", "como si dijera": a saying only supposed ("si bien afirmó" concedes one that was made).
SUPPOSED = REGEXES.compile(r"\b(?:si|como si)\s+(?!bien\b)(?:[^\s,;:«»\"“”]+\s+){0,4}$", re.IGNORECASE)
# "se anunció", "se ha dicho": an impersonal or passive "se" names no speaker ("se lo dijo" is "le lo": someone does).
IMPERSONAL = REGEXES.compile(r"[Ss]e (?:(?:ha|han|había|habían|habría|hubiera) )?\w+")
# "según ha anunciado X", "según dijo": a saying whose speaker follows it, of the words before.
SEGUN_VERB = REGEXES.compile(r"(?:,\s*|^)según\s+$", re.IGNORECASE)
# ", sin embargo,", ", además,", ", por su parte,": a short parenthesis set between commas.
PARENTHESIS = REGEXES.compile(r"\s*,[^,.;:\"«“]{1,30},")
# What parts the words of one saying from the next one's: "advirtió de que…, mientras que Hollande consideró",
# "añadió que habrá inversiones y cerró su intervención al anunciar que…".
OTHER_CLAUSE = REGEXES.compile(r"[,;:]|\b(?:y|mientras|pero|aunque|sino)\b", re.IGNORECASE)
# "…, al que considera…", "a quien considera": a relative clause whose pronoun is the object, on what the words
# name.
OBJECT_RELATIVE = REGEXES.compile(r"\b(?:(?:al|a la|a los|a las) que|a quien|a quienes)\s+"
                                  r"(?:(?:no|ya|también|lo|la|le|les)\s+)*$", re.IGNORECASE)
# "negó la versión: según él, Corea del Norte solo reclamó…": a "según" pointing back at the speaker goes on with
# the speaker's words.
SEGUN_SPEAKER = REGEXES.compile(r"\bsegún\s+(?:él|ella|ellos|ellas)\b", re.IGNORECASE)
# '"…", precisó': a verb right after the quotation it reports.
AFTER_QUOTE = REGEXES.compile(r"([\"»”])\s*,\s*$")
# "afirmó que…, pero advirtió que…": the second verb keeps the speaker of the first.
COORDINATION = REGEXES.compile(r",?\s+(?:y|e|pero|aunque|mientras que|al tiempo que|y también)\s*$")
# "Putin se reunió con Macron y afirmó", "…, aunque rechazaron": the last coordinator before a verb, and what
# follows it.
LAST_COORDINATION = REGEXES.compile(r"(?:^|[\s,])(?:y|e|pero|aunque)\s+((?:(?!\b(?:y|e|pero|aunque)\b)[^,])*)$")
# "antes de reiterar", "tras advertir": a saying in the infinitive, whose subject is that of the verb before.
INFINITIVE_ADJUNCT = REGEXES.compile(r"(?:antes|después|además) de |tras |al ", re.IGNORECASE)
# "Putin y Biden", "Lula y su par francés", "Francia, Alemania": the joint between two coordinated names.
JOINED = REGEXES.compile(r",?\s*(?:y|e)\s+(?:(?:su|sus|el|la|los|las)\s+)?|,\s*")
# "con Japón y Corea del Sur": a name joined to a complement by a conjunction (after a comma, "Tras reunirse con
# Biden, Macron", the subject may start).
COMPLEMENT_JOINED = REGEXES.compile(r",?\s*(?:y|e)\s+(?:(?:el|la|los|las)\s+)?")
# "Y respaldó la idea": a clause may open with its coordinator.
LEADING_COORDINATOR = REGEXES.compile(r"^\s*(?:y|e|pero)\b", re.IGNORECASE)
# What follows a postposed speaker without resuming the words: a relative clause, a coordinated predicate, a
# circumstance of the saying ("…, afirmó Lavrov, quien…", "…, y añadió…", "…, en declaraciones a la prensa").
INSET_CLOSERS = REGEXES.compile(r"(?:quien|quienes|que|cuyo|cuya|y|e|pero|aunque|mientras|antes|después|tras|al|en|durante|"
                                r"según|ante|desde|con|sin)\b", re.IGNORECASE)
# How far before a relative clause the document it is on may be named ("una declaración conjunta sobre…, en la que").
OBLIQUE_REACH = 160
# "afirmó en un comunicado que…", "En un comunicado conjunto, los dos gobiernos…": the document a saying is made in.
SAID_IN_AFTER = REGEXES.compile(r"[^,.;\"«»“”]{0,40}?\b(?:en|a través de|mediante)\s+(?:un|una|su|sus|el|la)\s+$")
SAID_IN_BEFORE = REGEXES.compile(r"(?:^|[,;:]\s*|\b(?:y|e)\s+)(?:en|a través de|mediante)\s+(?:un|una|su|sus|el|la)\s+$",
                                 re.IGNORECASE)

class Statements:
    """Builds a statement for each reporting verb and links what is said, who says it and who it is attributed to."""

    def __init__(self, ctx: Context, documents: Documents) -> None:
        """Share the article's context and its topics; no statement has been made yet."""
        self.ctx = ctx
        self.documents = documents
        self.last_statement: Frame | None = None
        self.headlined: list[Frame] = []  # the statements of the headline the body has not told yet
        self.body_labels: dict[str, str] | None = None

    def find_statements(self, sentence: Sentence, events: list, docs: dict[int, Document]) -> list[Frame]:
        """Build a statement for each reporting verb, with speaker, content and what the content names."""
        self.sign(sentence, events, docs)
        attributions = self.ctx.of(sentence, "attribution")
        quoted = self.ctx.quotes(sentence)
        # A saying inside a quotation is part of the quoted words ('«La libertad avanza»'), not one the article reports.
        verbs = [v for v in self.ctx.of(sentence, "report")
                 if not any(a.begin <= v.begin < a.end for a in attributions)
                 and not any(q0 < v.begin < q1 for q0, q1 in quoted)]
        statements: list[Frame] = []
        reported_by: dict[int, tuple[Frame, Mention]] = {}
        speakers_of: list[Linked] = []  # the speakers read for each verb, kept or not
        stance_spans: list[Evidence] = []  # a stance said with the next verb's saying ("se mostró cauto y advirtió")
        for i, verb in enumerate(verbs):
            if any(self.embedded(verb, outer) for outer in statements):
                continue
            settings = verb.data["settings"]
            frame = Frame(cls=str(settings["class"]), cameo=str(settings["cameo"]), label=str(settings["label"]),
                          family="statement",
                          sentence=sentence.index, spans=[evidence_of(verb)], statement=True)
            speakers_of.append(frame.actors)
            content = self.read_speaker_and_content(sentence, verbs, i, frame, events, docs, statements, speakers_of,
                                                    reported_by)
            if content is None or not self.says(sentence, verb, events):
                continue
            self.date_saying(sentence, frame, verb)
            b, e = content
            # ", según informó X" after the words is where they came from, not part of them.
            e = min([a.begin for a in attributions if b < a.begin < e] + [e])
            unnamed_source = re.search(r",\s+según\b", self.ctx.text[b:e])
            if unnamed_source:  # ", según un comunicado de su oficina": a source no rule could name
                e = b + unnamed_source.start()
            while e > b and self.ctx.text[e - 1] in " .,;:":
                e -= 1
            while b < e and self.ctx.text[b] in " :":
                b += 1
            # "anunciaron este jueves un plan": the day of the saying is no part of the words.
            b = next((d.end for d in self.ctx.of(sentence, "date") if d.begin == b and d.end < e), b)
            while b < e and self.ctx.text[b] == " ":
                b += 1
            if b >= e:
                continue  # a reporting verb with no words after it reports nothing
            if "content" in verb.groups and i + 1 < len(verbs) \
                    and re.fullmatch(r"\s*(?:y|e)\s+", self.ctx.text[e:verbs[i + 1].begin]):
                # "se mostró prudente y advirtió de que…": the stance opens the saying the next verb reports.
                stance_spans = frame.spans + [Evidence(b, e, verb.rule)]
                continue
            frame.content = (b, e)
            frame.spans += [Evidence(b, e, verb.rule)] + stance_spans
            stance_spans = []
            self.said_in(sentence, frame, verb, docs)
            self.fill_statement(sentence, frame, verb, events, docs)
            if i in reported_by:
                self.report_within(frame, *reported_by[i])
            if frame.actors.items:
                statements.append(frame)
                self.last_statement = frame
                if sentence.block == "headline":
                    self.headlined.append(frame)
                else:
                    self.retell(frame)
        # The event a source names ("según la declaración conjunta") is not one the sentence tells.
        told = [m for m, _ in events if m is None or not any(a.begin <= m.begin < a.end for a in attributions)]
        if not statements and not told:
            statements += self.attributed_sayings(sentence, attributions, events, docs)
        return statements

    def retell(self, frame: Frame) -> None:
        """Make a statement of the headline by a speaker of a body statement part of that one: the headline sums
        up a saying the body tells with its words ("Lula anuncia…" above, "Lula anunció este jueves que…")."""
        for headline in [h for h in self.headlined if set(h.actors.items) & set(frame.actors.items)]:
            self.headlined.remove(headline)
            headline.merged_into = frame
            frame.spans += [ev for ev in headline.spans if ev not in frame.spans]

    def embedded(self, verb: Mention, outer: Frame) -> bool:
        """Tell whether a reporting verb stands in the words another one reports after its "que" ("señaló que
        China considera a España un socio"), in a relative clause on what those words name ("criticó el papel
        de Irán, al que considera parte del conflicto") or after a "según él" that points back at the speaker:
        the saying is part of those words, not one more statement."""
        b, e = outer.content or (0, 0)
        if not (b < verb.begin <= e + 1 and outer.spans[0].end <= b):
            return False
        if OBJECT_RELATIVE.search(self.ctx.text[b:verb.begin]):
            return True  # "criticó el papel de Irán, al que considera parte del conflicto"
        if verb.begin < e and SEGUN_SPEAKER.search(self.ctx.text[b:verb.begin]):
            return True  # "negó la versión: según él, Corea del Norte solo reclamó…"
        return verb.begin < e and bool(re.search(r"\bque\s*$", self.ctx.text[outer.spans[0].end:b])) \
            and not OTHER_CLAUSE.search(self.ctx.text[b:verb.begin])

    def sign(self, sentence: Sentence, events: list, docs: dict[int, Document]) -> None:
        """Make those who sign or adopt a document its authors: in "Rusia y China firmaron una declaración conjunta"
        the event right before the document names who will speak in it."""
        for b, doc in docs.items():
            if doc.authors.items or doc.parties.items:
                continue
            for m, event in events:
                if m is not None and m.end <= b and self.adverbial_between(sentence, m.end, b) \
                        and len(self.ctx.text[m.end:b].split()) <= 3:
                    for eid, evidence in event.root().actors.items.items():
                        doc.authors.add(eid, *evidence)

    def read_speaker_and_content(self, sentence: Sentence, verbs: list[Mention], i: int, frame: Frame, events: list,
                                 docs: dict[int, Document], statements: list[Frame], speakers_of: list[Linked],
                                 reported_by: dict[int, tuple[Frame, Mention]]) -> tuple[int, int] | None:
        """Find who says what a verb reports, by where the speaker stands; return where the words are."""
        verb = verbs[i]
        before = self.ctx.text[sentence.begin:verb.begin]
        after_quote = AFTER_QUOTE.search(before)
        segun = SEGUN_VERB.search(before)
        if segun:
            # "…, según ha confirmado su canciller, Rubén Ramírez": said by who follows,
            # of the words before; "Según dijo, …": of the words after, by the speaker before if no one follows.
            speakers, overt = self.speakers_after(sentence, verb)
            self.add_speakers(frame, speakers, verb)
            if segun.start() > 0:
                content = (sentence.begin, sentence.begin + segun.start())
                self.reported_from(content, frame, verb, events, statements)
                return content
            if not speakers and not overt and self.last_statement is not None \
                    and self.last_statement.sentence >= sentence.index - 2:
                for eid, evidence in self.last_statement.actors.items.items():
                    frame.actors.add(eid, *evidence, evidence_of(verb))
            comma = self.ctx.text.find(",", verb.end, sentence.end)
            return (comma + 1, sentence.end) if comma != -1 else None
        if verb.data["settings"].get("cleft"):
            # "El primero en anunciarlo fue el Ministerio": the speaker follows, what they told is in the match.
            speakers, _ = self.speakers_after(sentence, verb)
            self.add_speakers(frame, speakers, verb)
            return verb.groups["content"] if speakers else None
        if verb.data["settings"].get("stance"):
            # "Para el secretario general de la ONU, António Guterres, el acuerdo es…": the rest is the stance.
            speakers, _ = self.speakers_after(sentence, verb)
            self.add_speakers(frame, speakers, verb)
            if not speakers:
                return None
            comma = re.match(r"[^,]*,\s*", self.ctx.text[speakers[-1].end:sentence.end])
            return (speakers[-1].end + comma.end(), sentence.end) if comma else None
        if not after_quote and self.postposed(sentence, verbs, i):
            content = (sentence.begin, sentence.begin + len(before.rstrip().rstrip(",")))
            inset = self.inset_end(sentence, verb)
            if inset is not None and adverbial(before):
                # "A cambio, aseguró el ministro, Teherán limitará…": the words come after the inset.
                content = (inset, sentence.end)
            self.postposed_speaker(sentence, frame, verb, docs)
            self.reported_from(content, frame, verb, events, statements)
            return content
        if after_quote:
            opening = [q for q in self.ctx.quotes(sentence) if q[1] == sentence.begin + after_quote.end(1)]
            content = (opening[0][0] + 1, opening[0][1] - 1) if opening else (sentence.begin, verb.begin)
            overt = self.postposed_speaker(sentence, frame, verb, docs)
            if not frame.actors.items and not overt and self.last_statement is not None:
                # '"…", precisó.' with no one named: the speaker of the statement before goes on.
                for eid, evidence in self.last_statement.actors.items.items():
                    frame.actors.add(eid, *evidence, evidence_of(verb))
            return content
        # A rule may say where the words start within its match: "se declaró optimista".
        start = verb.groups["content"][0] if "content" in verb.groups else verb.end
        limit = verbs[i + 1].begin if i + 1 < len(verbs) else sentence.end
        # "precisó, sin embargo, que…": a parenthesis between the verb and its "que".
        aside = PARENTHESIS.match(self.ctx.text[start:limit])
        opening = start + (aside.end() if aside else 0)
        que = COMPLEMENT.match(self.ctx.text[opening:limit])
        if que and not self.complement_clause(sentence, opening, opening + que.end()):
            que = None  # "pidió garantías para los migrantes que cruzan": a relative clause on the object
        if que:
            start = opening + que.end()
        stop = sentence.end
        if i + 1 < len(verbs):
            coordination = COORDINATION.search(self.ctx.text[verb.end:verbs[i + 1].begin])
            if coordination:
                stop = verb.end + coordination.start()
            elif (que or SEGUN_SPEAKER.search(self.ctx.text[start:verbs[i + 1].begin])) \
                    and verbs[i + 1].begin >= start and not self.postposed(sentence, verbs, i + 1):
                # "afirmó que los dos líderes acordaron…", "negó la versión: según él, X reclamó…": the next verb
                # is inside what is said.
                reported_by[i + 1] = (frame, verb)
            else:
                # "Rusia negó el ataque, mientras que Ucrania denunció…": the words end with their clause.
                cuts = [c.begin for c in self.ctx.inside(sentence, "clause", start, verbs[i + 1].begin)]
                stop = cuts[-1] if cuts else verbs[i + 1].begin
        if i > 0 and (COORDINATION.search(self.ctx.text[verbs[i - 1].end:verb.begin])
                      or INFINITIVE_ADJUNCT.match(self.ctx.text[verb.begin:verb.end])):
            # "reclamó… y defendió…", "señaló, antes de reiterar…": one subject for both, named or not.
            for eid, evidence in speakers_of[i - 1].items.items():
                frame.actors.add(eid, *evidence, evidence_of(verb))
        else:
            self.preposed_speaker(sentence, frame, verb, docs)
        return start, stop

    def complement_clause(self, sentence: Sentence, begin: int, end: int) -> bool:
        """Tell whether the "que" ending a stretch after a verb opens what is said: only adverbials, the one spoken
        to or the speaker stand before it ("afirmó este lunes ante la prensa que", "pidió a Irán que")."""
        text = list(self.masked(sentence, begin, end))
        for c in self.candidates(sentence):
            for k in range(max(c.head, begin), min(c.end, end)):
                text[k - begin] = " "
        return adverbial(re.sub(r"\b(?:de )?que\s*$", "", "".join(text)))

    def says(self, sentence: Sentence, verb: Mention, events: list) -> bool:
        """Tell whether a reporting verb reports a saying: not denied, supposed, impersonal or holding an event."""
        before = self.ctx.text[sentence.begin:verb.begin]
        if NEGATED.search(before) or SUPPOSED.search(before):
            return False
        # "Además, se subrayó que…" goes on with the speaker before (statement.continuation); else no one speaks.
        if IMPERSONAL.fullmatch(self.ctx.text[verb.begin:verb.end]) and not self.ctx.of(sentence, "continuation"):
            return False
        # "sostuvieron largas conversaciones": a verb that holds the event after it says nothing.
        holds = any(s.begin <= verb.begin < s.end for s in self.ctx.of(sentence, "support"))
        return not (holds and any(m is not None and verb.end <= m.begin
                                  and len(self.ctx.text[verb.end:m.begin].split()) <= 4
                                  and self.adverbial_between(sentence, verb.end, m.begin) for m, _ in events))

    def date_saying(self, sentence: Sentence, frame: Frame, verb: Mention) -> None:
        """Date a statement by the date right after its verb ("afirmó este lunes que…")."""
        for c in self.ctx.of(sentence, "date"):
            if frame.time is None and self.ctx.dates_saying(sentence, verb, c):
                tense, _ = self.ctx.tense_near(sentence, verb.begin, verb.end)
                frame.time = resolve(c, self.ctx.text, self.ctx.rules.lexicon, self.ctx.published, tense)
                frame.time_evidence = [evidence_of(c)] if frame.time else []

    def postposed(self, sentence: Sentence, verbs: list[Mention], i: int) -> bool:
        """Tell whether a reporting verb follows its words: "Rusia no invadirá Ucrania, afirmó el Kremlin."

        It comes after a comma, with no "que" after it and its speaker, or no one, right after it ("…, indicó
        Cafiero, quien adelantó que…"); the comma that closes an apposition ("El presidente francés, Emmanuel
        Macron, anunció…") leaves the speaker before the verb, and so does a fronted phrase ("Sobre Melilla,
        explicó la situación").
        """
        verb = verbs[i]
        before = self.ctx.text[sentence.begin:verb.begin].rstrip()
        comma = sentence.begin + len(before) - 1
        if not before.endswith(",") or COMPLEMENT.match(self.ctx.text[verb.end:sentence.end]) \
                or any(e.end == comma for e in self.ctx.of(sentence, "entity") if e.groups):
            return False
        if adverbial(before[:-1]):
            return self.inset_end(sentence, verb) is not None
        if self.subject_of(sentence, self.clause_begin(sentence, verb.begin), verb.begin)[0]:
            return False  # "Scholz, que pasó dos días en Pekín, celebró un buen resultado": the subject is before
        speakers, overt = self.speakers_after(sentence, verb)
        return bool(speakers) or overt or adverbial(self.ctx.text[verb.end:sentence.end])

    def inset_end(self, sentence: Sentence, verb: Mention) -> int | None:
        """Return where the words resume after a reporting clause set between commas ("…, aseguró el ministro,
        Teherán limitará…"), or None when the clause ends the sentence."""
        speakers, _ = self.speakers_after(sentence, verb)
        start = speakers[-1].end if speakers else verb.end
        resumed = re.match(r"[^,;:.]*,\s*(?=\S+\s+\S+\s+\S)", self.ctx.text[start:sentence.end])
        if resumed is None or INSET_CLOSERS.match(self.ctx.text[start + resumed.end():]):
            return None
        return start + resumed.end()

    def reported_from(self, content: tuple[int, int], frame: Frame, verb: Mention, events: list,
                      statements: list[Frame]) -> None:
        """Attribute the events and statements told before a postposed verb to its speaker: "Biden subrayó que…,
        señaló la Casa Blanca"."""
        for inner in statements:
            if inner.content and content[0] <= inner.content[0] and inner.content[1] <= content[1]:
                self.report_within(inner, frame, verb)
        for m, event in events:
            if m is not None and content[0] <= m.begin < content[1]:
                self.report_within(event.root(), frame, verb)

    @staticmethod
    def report_within(inner: Frame, outer: Frame, verb: Mention) -> None:
        """Attribute a statement to the speaker of the statement that reports it."""
        for eid, evidence in outer.actors.items.items():
            inner.attributed.add(eid, *evidence, evidence_of(verb))

    # ---- speakers ----

    def candidates(self, sentence: Sentence) -> list[Mention]:
        """Return who may speak in a sentence: its actors, the bodies the speaker rules name and the epithets that
        stand for someone named before, in text order.

        A body a speaker rule names ("el Ministerio de Asuntos Exteriores", "un portavoz de Downing Street")
        stands from its cue to the end of its name; a listed name it holds is resolved through it.
        """
        bodies = []
        entities = self.ctx.of(sentence, "entity")
        for m in self.ctx.of(sentence, "speaker"):
            b, e = m.groups["body"]
            if any(n.head < m.end and m.begin < n.end for n in entities):
                continue  # a person the cue is the title of: "el portavoz del Kremlin, Dmitri Peskov"
            groups = {"body": (b, e), "cue": (m.begin, m.end)}
            bodies.append(Mention("speaker", b, e, m.rule, m.sentence, groups, m.data))
        actors = [m for m in self.ctx.of(sentence, "entity") + self.ctx.of(sentence, "pair") if self.ctx.can_act(m)
                  and not any(s.begin <= m.begin and m.end <= s.end for s in bodies)]
        bodies += [m for m in self.ctx.of(sentence, "epithet")
                   if not any(m.overlaps(n) for n in actors + bodies)]
        # "Irán y los mediadores (Qatar, Egipto…) anunciaron": who a parenthesis lists does not speak.
        return sorted((m for m in actors + bodies if not any(b < m.begin < e for b, e in self.parentheses(sentence))),
                      key=lambda m: (m.head, m.begin))

    def complement(self, begin: int, head: int) -> bool:
        """Tell whether a phrase starting at an offset follows a preposition ("con la OTAN", "según Xinhua")."""
        prev = self.ctx.text[begin:head].split()
        while prev and prev[-1].lower() in DETERMINERS:
            prev.pop()
        return bool(prev) and prev[-1].lower().strip(",") in OBJECT_MARKERS

    def resolve(self, sentence: Sentence, m: Mention) -> list[tuple[str, Evidence]]:
        """Return the actor a speaker mention stands for: a listed entity, or a body minted from its name."""
        if m.kind == "epithet":
            return self.epithet_referent(sentence, m)
        if m.kind == "speaker":
            listed = self.listed_body(self.ctx.text[slice(*m.groups["body"])])
            if listed is not None and self.ctx.named_at(sentence, m, "body") is None:
                ev = evidence_of(m, "body")
                return [(self.ctx.entity(listed, ev, "actor"), ev)]
            return [self.ctx.named_or_minted(sentence, m, "body", "schema:Organization", "actor")]
        return self.ctx.actor(m)

    def epithet_referent(self, sentence: Sentence, m: Mention) -> list[tuple[str, Evidence]]:
        """Return the person an epithet names ("declaró el general", "El republicano añadió"): the one person who
        spoke last, in this sentence or the one before; no one otherwise, nor when the article gave the epithet
        to someone else by name ("el general Ruiz")."""
        last = self.last_statement
        if last is None or last.sentence < sentence.index - 1 or len(last.actors.items) != 1:
            return []
        eid = next(iter(last.actors.items))
        node = self.ctx.entities.get(eid)
        if node is None or node.cls != "schema:Person":
            return []
        epithet = self.ctx.text[m.begin:m.end].split(" ", 1)[1]
        named = re.findall(rf"\b{re.escape(epithet)},? ([A-ZÁÉÍÓÚÑ][\w-]+)", self.ctx.text[:sentence.begin])
        if named and not any(name in node.label.split() for name in named):
            return []
        return [(eid, evidence_of(m))]

    def listed_body(self, name: str) -> str | None:
        """Return the listed entity a body's name is the label of, or stands for when said with a demonym: "la
        Presidencia chilena" is the Presidencia de Chile, whatever other names the lexicon gives it."""
        if self.body_labels is None:
            # Labels without what they add in parentheses: "Presidencia de Chile (La Moneda)".
            self.body_labels = {re.sub(r" \(.*\)$", "", e.label): e.id for e in self.ctx.rules.entities.values()}
        head, _, demonym = name.rpartition(" ")
        country = self.ctx.rules.lexicon.get("demonym", {}).get(demonym)
        if head and country in self.ctx.rules.entities:
            name = f"{head} de {self.ctx.rules.entities[country].label}"
        return self.body_labels.get(name)

    def add_speakers(self, frame: Frame, speakers: list[Mention], verb: Mention) -> None:
        """Make the speaker mentions the actors of a statement, on the evidence of its verb."""
        sentence = self.ctx.sentences[frame.sentence]
        for s in speakers:
            for eid, ev in self.resolve(sentence, s):
                frame.actors.add(eid, ev, evidence_of(verb))

    def masked(self, sentence: Sentence, begin: int, end: int) -> str:
        """Return a stretch of text with its dates and parentheses blanked: "el pasado lunes" is an adverbial, and
        "(Qatar, Egipto y Turquía)" explains the name before it."""
        chars = list(self.ctx.text[begin:end])
        spans = [(d.begin, d.end) for d in self.ctx.of(sentence, "date")] + self.parentheses(sentence)
        for b, e in spans:
            for k in range(max(b, begin), min(e, end)):
                chars[k - begin] = " "
        return "".join(chars)

    def parentheses(self, sentence: Sentence) -> list[tuple[int, int]]:
        """Return the stretches of a sentence between parentheses, the parentheses included."""
        return [(sentence.begin + m.start(), sentence.begin + m.end())
                for m in re.finditer(r"\([^()]*\)", self.ctx.text[sentence.begin:sentence.end])]

    def adverbial_between(self, sentence: Sentence, begin: int, end: int) -> bool:
        """Tell whether nothing but adverbs and prepositional phrases lies between two offsets, with no comma."""
        gap = self.masked(sentence, begin, end)
        return not re.search(r"[,;:]", gap) and adverbial(gap)

    def subject_gap(self, sentence: Sentence, begin: int, end: int) -> bool:
        """Tell whether what lies between a subject and its verb lets the one govern the other.

        Adverbs and prepositional phrases may stand there ("Putin también afirmó", "Putin en su discurso
        afirmó"), parentheses between commas ("Lula, por su parte, advirtió", "Abbas, que habló después,
        reclamó"), and a first predicate the verb is coordinated with ("Putin se reunió con Macron y afirmó").
        """
        gap = self.masked(sentence, begin, end)
        coordinated = LAST_COORDINATION.search(gap)
        if coordinated and adverbial(coordinated.group(1)):
            # Only after a first predicate: in "Rusia atacó Ucrania y advirtió" Ucrania is its object.
            return not adverbial(gap[:coordinated.start()])
        pieces = gap.split(",")
        return adverbial(pieces[0]) and adverbial(pieces[-1]) and all(parenthetical(p) for p in pieces[1:-1])

    def subject_dropped(self, sentence: Sentence, begin: int, end: int) -> bool:
        """Tell whether a clause names no subject before its verb: "Sobre Melilla, explicó", "Y respaldó".

        Every stretch between commas is an adverbial, or a parenthesis after the first ("Horas más tarde, en
        la rueda de prensa, añadió"); "Rudenko, por su parte, advirtió" and "miles de personas" name one.
        """
        pieces = [LEADING_COORDINATOR.sub("", p) for p in self.masked(sentence, begin, end).split(",")]
        if len(pieces) == 1:
            # Without a comma, only adverbs: "De Mistura valoró" is no phrase "de Mistura".
            return adverbs_only(pieces[0])
        return adverbial(pieces[0]) and adverbial(pieces[-1]) and all(parenthetical(p) for p in pieces[1:-1])

    def group(self, subject: list[Mention]) -> list[Mention]:
        """Return the coordinated group nearest the verb among subject mentions ("Putin y Biden coincidieron")."""
        group = [subject[-1]]
        for m in reversed(subject[:-1]):
            # "Boric y su par argentino, Alberto Fernández,": the next one with its title, or its name after it.
            gap = self.ctx.text[m.end:group[0].begin]
            if JOINED.fullmatch(self.ctx.text[m.end:group[0].head]) \
                    or re.fullmatch(r",[^.;]*?,\s*(?:y|e)\s+(?:su|sus)?[^.;]*", gap):
                group.insert(0, m)
            else:
                break
        return group

    def subject_candidates(self, sentence: Sentence, begin: int, end: int) -> list[Mention]:
        """Return the mentions between two offsets that may be a subject: not after a preposition or "según"."""
        subjects = {(m.begin, m.end) for m in self.ctx.subject(sentence, end, begin)}
        attributions = self.ctx.of(sentence, "attribution")
        found: list[Mention] = []
        objects: list[Mention] = []
        for m in self.candidates(sentence):
            if not (begin <= m.head and m.end <= end):
                continue
            if objects and COMPLEMENT_JOINED.fullmatch(self.ctx.text[objects[-1].end:m.head]):
                objects.append(m)  # "de Japón y Corea del Sur": coordinated with a complement, a complement too
                continue
            if m.kind in ("speaker", "epithet"):
                if self.complement(begin, m.head) or any(a.begin <= m.begin < a.end for a in attributions):
                    objects.append(m)
                    continue
            elif (m.begin, m.end) not in subjects and not (
                    m.data.get("class") == "schema:Person" and NAME_PARTICLE.search(self.ctx.text[begin:m.begin])):
                objects.append(m)
                continue
            found.append(m)
        return found

    def clause_begin(self, sentence: Sentence, position: int) -> int:
        """Return where the clause of a verb starts: after the last semicolon or colon outside quotations."""
        quoted = self.ctx.quotes(sentence)
        begin = sentence.begin
        for cut in re.finditer(r"[;:]", self.ctx.text[sentence.begin:position]):
            at = sentence.begin + cut.start()
            if not any(q0 < at < q1 for q0, q1 in quoted):
                begin = at + 1
        return begin

    def subject_of(self, sentence: Sentence, begin: int, end: int) -> tuple[list[Mention], bool]:
        """Return the subject of a verb at an offset, and whether an unnamed subject stands there instead."""
        found = self.subject_candidates(sentence, begin, end)
        # The nearest mention a subject may be: "La OTAN, que Rusia considera una amenaza, advirtió" is the OTAN.
        for k in range(len(found) - 1, -1, -1):
            if self.subject_gap(sentence, found[k].end, end):
                return self.group(found[:k + 1]), True
        return [], not self.subject_dropped(sentence, begin, end)

    def preposed_speaker(self, sentence: Sentence, frame: Frame, verb: Mention, docs: dict[int, Document]) -> None:
        """Take the speaker from a relative pronoun's antecedent, the clause subject, or the statement this one
        continues; an unnamed subject ("el diplomático egipcio admitió") leaves the statement without one."""
        begin = self.clause_begin(sentence, verb.begin)
        oblique = [m for m in OBLIQUE_RELATIVE.finditer(self.ctx.text[begin:verb.begin])]
        if oblique and "," not in self.ctx.text[begin + oblique[-1].end():verb.begin]:
            self.oblique_speaker(sentence, frame, verb, begin + oblique[-1].start(), begin + oblique[-1].end(), docs)
            return
        relative = self.relative(sentence, verb)
        if relative is not None:
            self.add_speakers(frame, relative, verb)
            return
        subject, overt = self.subject_of(sentence, begin, verb.begin)
        if subject:
            self.add_speakers(frame, subject, verb)
            return
        if overt:
            self.document_speaks(sentence, frame, verb, begin, docs)
            return
        continuation = self.ctx.of(sentence, "continuation")
        if continuation and self.last_statement is not None:
            for eid, evidence in self.last_statement.actors.items.items():
                frame.actors.add(eid, *evidence, evidence_of(continuation[0]))
        elif self.last_statement is not None and self.last_statement.sentence >= sentence.index - 2:
            # Spanish drops a subject it has just named: "Admitió que…", "Sobre Melilla, explicó que…", "y
            # respaldó la idea" go on with the speaker of the statement before.
            for eid, evidence in self.last_statement.actors.items.items():
                frame.actors.add(eid, *evidence, evidence_of(verb))

    def relative(self, sentence: Sentence, verb: Mention) -> list[Mention] | None:
        """Return who a relative pronoun before a verb stands for ("…, Tarek Aziz, quien insistió en…"), an empty
        list when it stands for no one who speaks ("el informe que señala"), or None when there is none."""
        before = self.ctx.text[sentence.begin:verb.begin]
        relative = RELATIVE.search(before)
        if relative is None:
            return None
        preceding = before[:relative.start("pronoun")].rstrip()
        pronoun_end = sentence.begin + relative.end("pronoun")
        if relative.group("pronoun").lower() == "que" and not preceding.endswith(","):
            last_word = (preceding.split() or [""])[-1].lower()
            if last_word in CONJUNCTIVE_QUE or not last_word.isalpha():
                return None
        # "afirmó en la rueda de prensa que advirtió…": the "que" of a reporting verb opens what is said.
        if any((que := COMPLEMENT.match(self.ctx.text[v.end:sentence.end])) and v.end + que.end() == pronoun_end
               and not AFTER_QUOTE.search(self.ctx.text[sentence.begin:v.begin])
               for v in self.ctx.of(sentence, "report") if v.end <= pronoun_end):
            return None
        antecedent_end = sentence.begin + len(preceding.rstrip(","))
        named = [c for c in self.candidates(sentence) if c.end == antecedent_end]
        return named[-1:]

    def oblique_speaker(self, sentence: Sentence, frame: Frame, verb: Mention, begin: int, end: int,
                        docs: dict[int, Document]) -> None:
        """Find the speaker of a verb in a relative clause after a preposition ("una carta en la que el mandatario
        considera…", "la declaración en la que piden…", "Kiev, a quien acusó…").

        The relative clause names its own subject, or shares that of the clause around it; a document it is on
        is where the words are said, and its authors speak when no one else is named.
        """
        subject, overt = self.subject_of(sentence, end, verb.begin)
        held = [(b, doc) for b, doc in docs.items() if begin - OBLIQUE_REACH <= b < begin]
        if held:
            frame.stated_in.add(held[-1][1], held[-1][1].spans[-1])
        if subject or overt:
            self.add_speakers(frame, subject, verb)
            return
        if held and (held[-1][1].authors.items or held[-1][1].parties.items):
            for role in (held[-1][1].authors, held[-1][1].parties):
                for eid, evidence in role.items.items():
                    frame.actors.add(eid, *evidence, evidence_of(verb))
            return
        around = self.subject_candidates(sentence, self.clause_begin(sentence, begin), held[-1][0] if held else begin)
        if around:
            self.add_speakers(frame, self.group(around), verb)

    def document_speaks(self, sentence: Sentence, frame: Frame, verb: Mention, begin: int,
                        docs: dict[int, Document]) -> None:
        """Let a document that is the subject speak for its authors: "El comunicado conjunto subraya que…"."""
        for b, doc in docs.items():
            ev = next((s for s in doc.spans if s.begin == b), None)
            if ev is None or not begin <= b < verb.begin or self.complement(begin, b) \
                    or not self.subject_gap(sentence, ev.end, verb.begin):
                continue
            frame.stated_in.add(doc, ev)
            for role in (doc.authors, doc.parties):
                for eid, evidence in role.items.items():
                    frame.actors.add(eid, *evidence, evidence_of(verb))

    def speakers_after(self, sentence: Sentence, verb: Mention) -> tuple[list[Mention], bool]:
        """Return the speaker named right after a verb ("…", aseguró el Kremlin; celebró desde Osaka el presidente de
        la Comisión), and whether someone no rule names stands there instead ("dijo el monarca")."""
        # "celebró desde Nairobi el secretario general": a name after a preposition is no speaker.
        following = [c for c in self.candidates(sentence)
                     if c.head >= verb.end and not self.complement(verb.end, c.head)]
        if following and self.adverbial_between(sentence, verb.end, following[0].head):
            found = [following[0]]
            for m in following[1:]:
                if not re.fullmatch(r",?\s*(?:y|e)\s+", self.ctx.text[found[-1].end:m.head]):
                    break
                found.append(m)
            return found, True
        stretch = re.match(r"[^,;:.]*", self.ctx.text[verb.end:sentence.end]).group()
        return [], not adverbial(self.masked(sentence, verb.end, verb.end + len(stretch)))

    def postposed_speaker(self, sentence: Sentence, frame: Frame, verb: Mention, docs: dict[int, Document]) -> bool:
        """Take the speaker right after the verb ("…", aseguró el Kremlin); a document speaks for its author.

        Return whether someone stands there, named or not: an unnamed speaker is no one to take over.
        """
        speakers, overt = self.speakers_after(sentence, verb)
        if speakers:
            self.add_speakers(frame, speakers, verb)
            tail = self.ctx.text[speakers[-1].end:sentence.end]
            said_in = re.match(r"\s+en\s+(?:un|una|su|el|la)\s+", tail)
            if said_in and speakers[-1].end + said_in.end() in docs:
                doc = docs[speakers[-1].end + said_in.end()]
                frame.stated_in.add(doc, doc.spans[-1])
                for eid in frame.actors.items:
                    doc.authors.add(eid, *frame.actors.items[eid])
            return True
        nearby = verb.end + min(len(self.ctx.text[verb.end:sentence.end]), 16)
        for begin, doc in docs.items():
            if verb.end <= begin <= nearby:
                frame.stated_in.add(doc, doc.spans[-1])
                for eid, evidence in doc.authors.items.items():
                    frame.actors.add(eid, *evidence, evidence_of(verb))
                return True
        return overt

    def said_in(self, sentence: Sentence, frame: Frame, verb: Mention, docs: dict[int, Document]) -> None:
        """Link the document a saying is made in, whose authors are then its speakers: "afirmó en un comunicado
        que…", "En una declaración conjunta, los dos gobiernos señalaron…"."""
        for b, doc in docs.items():
            ev = next((s for s in doc.spans if s.begin == b), None)
            if ev is None:
                continue
            after = verb.end <= b and SAID_IN_AFTER.search(self.ctx.text[verb.end:b])
            before = (ev.end <= verb.begin and SAID_IN_BEFORE.search(self.ctx.text[self.clause_begin(sentence, b):b])
                      and "," in self.ctx.text[ev.end:verb.begin]
                      and not self.ctx.inside(sentence, "report", ev.end, verb.begin))
            if after or before:
                frame.stated_in.add(doc, ev)
        for doc in frame.stated_in.items:
            for eid, evidence in frame.actors.items.items():
                if eid not in doc.authors.items:  # an author the document gave the saying is no new evidence
                    doc.authors.add(eid, *evidence)

    def attributed_sayings(self, sentence: Sentence, attributions: list[Mention], events: list,
                           docs: dict[int, Document]) -> list[Frame]:
        """Make what a sentence says "según X", when it holds no event or saying of its own, a statement of X.

        "Pekín, según Xinhua, ha aumentado sus compras de soja": nothing but the claim is told, and it is Xinhua's.
        Only an attribution rule that gives a statement class makes one.
        """
        said = []
        for attribution in attributions:
            settings = attribution.data["settings"]
            if "class" not in settings:
                continue
            frame = Frame(cls=str(settings["class"]), cameo=str(settings["cameo"]), label=str(settings["label"]),
                          family="statement", sentence=sentence.index, spans=[evidence_of(attribution)], statement=True)
            sources, doc = self.sources_of(sentence, attribution)
            if not sources:
                continue
            for eid, ev in sources:
                frame.actors.add(eid, ev, evidence_of(attribution))
            if doc is not None:
                frame.stated_in.add(doc, *[s for s in doc.spans if attribution.begin <= s.begin < attribution.end])
            b, e = sentence.begin, sentence.end
            if not self.ctx.text[sentence.begin:attribution.begin].strip(" ,"):
                opening = re.match(r"[^,]*,\s*", self.ctx.text[attribution.end:sentence.end])
                b = attribution.end + (opening.end() if opening else 0)
            elif not self.ctx.text[attribution.end:sentence.end].strip(" .,;"):
                e = attribution.begin
            b, e = b + len(self.ctx.text[b:e]) - len(self.ctx.text[b:e].lstrip()), \
                e - len(self.ctx.text[b:e]) + len(self.ctx.text[b:e].rstrip(" .,;:"))
            if b >= e:
                continue
            frame.content = (b, e)
            frame.spans.append(Evidence(b, e, attribution.rule))
            self.fill_statement(sentence, frame, attribution, events, docs)
            said.append(frame)
            self.last_statement = frame
        return said

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

    def sources_of(self, sentence: Sentence,
                   attribution: Mention) -> tuple[list[tuple[str, Evidence]], Document | None]:
        """Return who a "según" names and the document it names: a listed entity, a document's authors ("según el
        comunicado conjunto"), or a body minted from its capitalised words ("según el Ministerio de Exteriores")."""
        b, e = attribution.groups["source"]
        for m in self.ctx.inside(sentence, "document", b, e):
            doc = self.document_at(m.begin)
            if doc is not None:
                return [(eid, ev) for role in (doc.authors, doc.parties) for eid, evidence in role.items.items()
                        for ev in evidence[:1]], doc
        named = self.ctx.named_at(sentence, attribution, "source")
        if named is not None:
            return self.ctx.actor(named), None
        if self.ctx.text[b].islower() and not self.ctx.text.startswith("fuentes", b):
            return [], None  # "según el texto": a text no rule reads as a document names no one
        return [self.ctx.named_or_minted(sentence, attribution, "source", "schema:Organization", "actor")], None

    def document_at(self, begin: int) -> Document | None:
        """Return the document named at an offset."""
        return next((d for d in self.documents.named if any(s.begin == begin for s in d.spans)), None)

    def attribute(self, sentence: Sentence, frames: list[Frame], statements: list[Frame]) -> None:
        """Mark what a sentence says "según X" as attributed to X, and what a quotation holds to its speaker."""
        for attribution in self.ctx.of(sentence, "attribution"):
            sources, doc = self.sources_of(sentence, attribution)
            for eid, ev in sources:
                for frame in frames + statements:
                    if not attribution.begin <= frame.spans[0].begin < attribution.end:  # not the source itself
                        frame.root().attributed.add(eid, ev, evidence_of(attribution))
            issued = re.match(r"\s+en\s+(?:un|una|su|el|la)\s+", self.ctx.text[attribution.end:sentence.end])
            if doc is None and issued:
                # "según informó la Cancillería en un comunicado": the source wrote it.
                written = self.document_at(attribution.end + issued.end())
                for eid, ev in sources:
                    if written is not None and eid not in written.authors.items:
                        written.authors.add(eid, ev)
            if doc is not None:
                # "Según el comunicado final, los ministros afirmaron…": said in the communiqué.
                named = [s for s in doc.spans if attribution.begin <= s.begin < attribution.end]
                for statement in statements:
                    statement.stated_in.add(doc, *named)
        for statement in statements:
            b, e = statement.content
            if not any(q0 < b and e < q1 for q0, q1 in self.ctx.quotes(sentence)):
                continue
            # A quotation is its speaker's own words, and so is every event it reports.
            for frame in [statement] + [f.root() for f in frames if b <= f.spans[0].begin < e]:
                for eid, evidence in statement.actors.items.items():
                    frame.attributed.add(eid, *evidence)


# The programs of the patterns compiled above, for the next run (kg/extract/patterns.py).
REGEXES.keep()
