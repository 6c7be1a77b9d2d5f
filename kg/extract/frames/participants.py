"""Participants: who takes part in an event ("entre X y Y", "con X", subjects, listed actors, pairs)."""

from __future__ import annotations

import re

from kg.extract.frames.context import Context
from kg.extract.frames.documents import Documents
from kg.extract.frames.model import Evidence, Frame, evidence_of
from kg.extract.mentions import Mention
from kg.extract.patterns import ModuleRegexes
from kg.extract.segment import Sentence

REGEXES = ModuleRegexes(__file__)


# What may open an item of a list of actors: who leads a delegation ("encabezada por") or makes up a body
# ("integrado por"), "a" or "al" before an object, "por" of an agent said again ("por X y por Y"), a
# determiner, what the name is called ("el llamado Grupo 5+1").
LEAD = REGEXES.compile(r"\s*(?:(?:encabezad|dirigid|presidid|integrad|formad|compuest)[oa]s? por )?(?:(?:a|al|por) )?(?:(?:el|la|los|las|su|sus) )?"
                       r"(?:(?:llamad|denominad|autodenominad)[oa]s? )?")
# After a head that lets its complement through, the next items may repeat its "de": "de X y de Y".
OF_LEAD = REGEXES.compile(r"\s*(?:(?:encabezad|dirigid|presidid)[oa]s? por )?(?:(?:a|al|de|del) )?(?:(?:el|la|los|las|su|sus) )?")
# What joins two items: a comma, a conjunction, "así como", "junto a", "además de"; in a loose list, a colon.
JOINT = REGEXES.compile(r",?\s+(?:y|e|así como|junto a|junto al|junto con|además de|además del)\s+|[,;]\s+(?=\S)")
LOOSE_JOINT = REGEXES.compile(JOINT.pattern + r"|:\s+")


# Adverbs between a verb and its objects ("reunió allí a…").
ADVERBS = REGEXES.compile(r"(?:\s+(?:allí|aquí|ayer|hoy|anoche|mañana|también|además|[a-záéíóú]+mente))*")
# What may stand between the start of a clause and its verb when it says no subject: adverbs, clitics, a part of
# the day ("El viernes por la mañana se entrevistó con…", once its dates are set aside).
UNSAID = REGEXES.compile(r"(?:\s*(?:,|ya|no|también|además|luego|después|entonces|allí|ahí|aquí|hoy|ayer|mañana|anoche|"
                         r"aún|todavía|incluso|solo|sólo|se|le|les|lo|nos|por la (?:mañana|tarde|noche)|"
                         r"(?:esta|esa|aquella)(?: misma)?(?: (?:mañana|tarde|noche))?|"
                         r"[a-záéíóúñ]+mente)\b)*\s*")
# A relative clause right after an event, its noun's complements passed over: "la llamada telefónica que",
# "la visita de tres días que", "la cumbre de Lima, que".
RELATIVE = REGEXES.compile(r"(?:\s+(?:de|del|sobre|con|en)\s+[^,.;:«»\"]{1,40}?|\s+[a-záéíóúñ]+)?,?\s+que\s+")
# A relative clause that says what happened within an event, its noun's complement passed over: "la cumbre en la
# que", "la reunión del jueves, durante la cual".
WITHIN_RELATIVE = REGEXES.compile(r"(?:\s+(?:de|del)\s+[^,.;:«»\"]{1,40}?)?,?\s+(?:en|durante)\s+(?:el|la|los|las)\s+"
                                  r"(?:que|cual|cuales)\s+")
# A possessive before an event, past an ordinal or a span of time: "su reunión", "su primera cumbre", "su única
# cumbre", "sus dos días de conversaciones".
POSSESSIVE = REGEXES.compile(r"\b[Ss]us? (?:(?:primer|primera|segundo|segunda|tercer|tercera|nuevo|nueva|último|última|"
                             r"próximo|próxima|único|única|anterior) |"
                             r"(?:(?:\w+ )?(?:días|horas|semanas|meses|años|jornadas|noches) de ))?$")
# An event in which another act happened, said as its circumstance: "…, en una reunión", "durante una cena", "en la
# primera sesión" (not "durante la cumbre": what is said while an event is held may be said outside it).
DURING = REGEXES.compile(r"(?:,\s*|\s)(?:(?:en|durante)\s+(?:una|un)|en\s+(?:la|el))\s+(?:(?:primera|primer|segunda|segundo|"
                         r"tercera|tercer|nueva|nuevo|última|último)\s+)?$")
# A span of time of an event that opens its sentence: "Tras ocho días de", "Después de una noche entera de".
AFTER_SPAN = REGEXES.compile(r"(?:^|[,;]\s+)(?:[Tt]ras|[Dd]espués de|[Aa]l cabo de)\s+(?:\w+\s+){0,3}(?:días|horas|semanas|"
                             r"meses|años|jornadas|noches?)(?:\s+\w+)?\s+de\s+$")
# The close of an event that opens its sentence: "Al término de la tercera ronda, X lamentó…", "Al cierre de la
# cumbre, …": who speaks or acts then was in it.
AT_CLOSE = REGEXES.compile(r"(?:^|[,;]\s+)[Aa]l\s+(?:término|final|cierre|concluir|terminar|finalizar)\s+(?:de\s+)?"
                           r"(?:(?:la|el|las|los)\s+)?(?:\w+\s+){0,2}$")
# An infinitive that opens or closes an event, said of the main clause's subject: "dijo X al inaugurar la cumbre",
# "remarcó al cerrar el encuentro".
AT_OPENING = REGEXES.compile(r"\b[Aa]l\s+(?:abrir|inaugurar|clausurar|cerrar|concluir|terminar|finalizar)\s+(?:la|el|las|los)\s+"
                             r"(?:\w+\s+)?$")
# Where the other party of a meeting begins: right after a trigger that ends in "con" ("se vio con"), or
# after a "con" within a few words of it ("se reunió en Ginebra con").
WITH_PARTY = REGEXES.compile(r"(?<=\bcon) |[^.;:\"«“]{0,60}?\bcon ")
# What may stand between a verb and the person it is done to ("recibió este martes en el Palacio de la
# Moneda al canciller", "telefoneó ayer al canciller"): times, manners and one place.
TO_PARTY = REGEXES.compile(r"(?:,? (?:ayer|hoy|anoche|mañana|(?:este|esta|el|la) (?:pasad[oa] |próxim[oa] )?\w+"
                           r"|por separado|[a-záéíóú]+mente|en (?:(?:el|la|los|las|su) )?[\w-]+"
                           r"(?: (?:de |del |de la )?[A-ZÁÉÍÓÚÑ][\w-]+){0,3}),?){0,3} al? ")
# Pronouns that may stand before a conjugated verb.
CLITICS = {"se", "le", "les", "lo", "la", "los", "las", "nos"}
# What leads from those brought together to the event they are brought to: "…, a una cumbre", "en una nueva
# ronda".
INTO = REGEXES.compile(r"[,\s]*\b(?:a|al|en|para)\s+(?:\S+\s+){0,2}")


class Participants:
    """Finds the actors of each event, in the phrases around its trigger and in clauses that list them."""

    def __init__(self, ctx: Context, documents: Documents) -> None:
        """Share the article's context and its topics (what a meeting was "sobre")."""
        self.ctx = ctx
        self.documents = documents
        # Those who join an event its other participants hold ("en presencia de X", "junto a X"): added
        # once its mentions are merged, so that they never set a mention apart from the event it names.
        self.joining: list[tuple[Frame, list[Mention], Evidence]] = []
        # One more occurrence of an event and the event it copies ("tras la de Oporto"), in text order.
        self.copies: list[tuple[Frame, Frame]] = []
        # The last sentence that told an event, and the first event it told.
        self.told: tuple[Sentence, Frame] | None = None

    def find_participants(self, sentence: Sentence, events: list[tuple[Mention | None, Frame]]) -> None:
        """Give the events of a sentence who takes part: around each trigger, and in a clause that lists them."""
        for m, frame in events:
            if m is not None:
                self.add_participants(sentence, frame, m, events)
        self.copies += self.copied(sentence, events)
        triggers = [(m, frame) for m, frame in events if m is not None]
        for clause in self.ctx.of(sentence, "participants"):
            # "la reunión…, en la que participaron Irán, Rusia y China": the event named last before it,
            # in the same stretch of the sentence (right before it for an "adjacent" rule).
            settings = clause.data["settings"]
            gap = r"\s*" if settings.get("adjacent") else r"[^.;:]{0,%d}" % settings.get("reach", 60)
            before = [frame for m, frame in triggers if m.end <= clause.begin
                      and re.fullmatch(gap, self.ctx.text[m.end:clause.begin])]
            # "Entre los asistentes a la cumbre figuraban…", "X será recibido por Y": the event it names.
            before = [frame for m, frame in triggers if clause.begin <= m.begin and m.end <= clause.end] or before
            if settings.get("opens"):
                # "Participaron también X y Y.": the event the sentence before tells.
                before = before or self.told_before(sentence, clause.begin)
            if settings.get("subject"):
                # "X asistió en calidad de observador.": the subject that opens the sentence attends the event
                # named before, in the sentence or the one before.
                subject = self.ctx.subject(sentence, clause.begin, self.ctx.clause_start(sentence, clause.begin))
                listed = [] if any(m.begin >= clause.end for m, _ in triggers) else subject
                before = before or self.told_before(sentence, min((e.head for e in subject), default=clause.begin))
            else:
                listed = self.listed_from(sentence, clause.end, loose=True)
            if before:
                joined = (before[-1], listed, evidence_of(clause))
                if settings.get("joins"):
                    self.joining.append(joined)
                else:
                    self.take_part(*joined)
        for verb in self.ctx.of(sentence, "support"):
            if verb.data["settings"].get("objects"):
                self.convene(sentence, verb, triggers)
        if events:
            self.told = (sentence, events[0][1])

    def convene(self, sentence: Sentence, verb: Mention, triggers: list[tuple[Mention, Frame]]) -> None:
        """Give an event who brings people together and those brought together: "invitó el lunes al presidente
        de Chile, X, y a la presidenta de Perú, Y, a una cumbre" (the subject too), "la cumbre que reunió a
        los cancilleres de la región" (the event is the subject)."""
        text = self.ctx.text
        position = verb.end
        for c in sorted(self.ctx.of(sentence, "date"), key=lambda c: c.begin):
            # Time adverbials between the verb and its objects: "invitó el miércoles a…".
            if c.begin >= position and text[position:c.begin].strip() == "":
                position = c.end
        position += len(ADVERBS.match(text, position).group())
        objects = self.listed_from(sentence, position) if re.match(r"\s+al?\s", text[position:]) else []
        end = max([e.end for e in objects] + [position])
        after = [(m, f) for m, f in triggers if m.begin >= end and INTO.fullmatch(text[end:m.begin])]
        if after:
            start = self.ctx.clause_start(sentence, verb.begin)
            convener = self.ctx.subject(sentence, verb.begin, start) or self.relative_antecedent(sentence, start)
            self.take_part(after[0][1], convener + objects, evidence_of(verb))
            return
        before = [(m, f) for m, f in triggers if m.end <= verb.begin and re.fullmatch(r"[^.;:]{0,80}", text[m.end:verb.begin])]
        if before and objects and not self.ctx.subject(sentence, verb.begin, before[-1][0].end):
            self.take_part(before[-1][1], objects, evidence_of(verb))

    def unsaid_subject(self, sentence: Sentence, verb: int, plural: bool | None) -> list[Mention]:
        """Return who does what a verb says when its clause names no one before it: the speaker of a reporting
        verb whose "que" opens the clause ("Bush precisó que había hablado con Koivisto"), else the subject of
        the sentence before, in its paragraph, when the verb's sentence names no one before it ("Bush llegó
        a Shanghái. El viernes se entrevistó con Jiang."); as many as the verb says (None: any number)."""
        start = self.ctx.clause_start(sentence, verb)
        gap = self.ctx.text[start:verb]
        for c in self.ctx.inside(sentence, "date", start, verb):
            gap = gap.replace(self.ctx.text[c.begin:c.end], " ")
        if not UNSAID.fullmatch(gap.lower()):
            return []
        if start != sentence.begin:
            reports = [r for r in self.ctx.of(sentence, "report") if r.end <= start]
            said = reports[-1] if reports else None
            if said is None or not re.fullmatch(r"[^,.;:\"«“]{0,70}?\b(?:de )?que\s*", self.ctx.text[said.end:start]):
                return []
            subject = self.ctx.subject(sentence, said.begin, self.ctx.clause_start(sentence, said.begin))
        else:
            previous = self.ctx.sentences[sentence.index - 1] if sentence.index else None
            if previous is None or sentence.block != "body" or previous.block != "body" \
                    or "\n" in self.ctx.text[previous.end:sentence.begin]:
                return []
            verbs = [v.begin for kind in ("event", "report", "support") for v in self.ctx.of(previous, kind)
                     if kind != "event" or v.data["settings"].get("verbal")]
            subject = self.ctx.subject(previous, min(verbs), previous.begin) if verbs else []
        many = len(subject) > 1 or any(e.kind == "pair" for e in subject)
        return subject if plural is None or many == plural else []

    def told_before(self, sentence: Sentence, opening: int) -> list[Frame]:
        """Return the event the sentence right before tells first, when what is said of it opens its sentence and
        both stand in one paragraph."""
        if self.told is None or not re.fullmatch(r"\s*(?:(?:El|La|Los|Las)\s+)?", self.ctx.text[sentence.begin:opening]):
            return []
        previous, frame = self.told
        between = self.ctx.text[previous.end:sentence.begin]
        return [frame] if previous.index == sentence.index - 1 and "\n" not in between else []

    def join(self) -> None:
        """Add those who join an event to the event their mention was merged into; give an occurrence that
        names no one of its own the participants of the event it copies."""
        for frame, mentions, evidence in self.joining:
            self.take_part(frame.root(), mentions, evidence)
        for copy, model in self.copies:
            if not copy.root().actors.items:
                for eid, evidence in model.root().actors.items.items():
                    copy.root().actors.add(eid, *evidence, copy.spans[0])

    def copied(self, sentence: Sentence, events: list[tuple[Mention | None, Frame]]) -> list[tuple[Frame, Frame]]:
        """Pair each occurrence that copies an event with the event it copies: an elided noun ("tras la de
        Oporto") the event named just before; a clause with no trigger ("…, y en Viena en julio") or a verb
        that goes on ("continuarán en Bruselas") the event of an earlier clause."""
        starts = [lo for lo, _, _ in self.ctx.clauses(sentence)]
        pairs = []
        for i, (m, frame) in enumerate(events):
            instance = None if m is None else m.data["settings"].get("instance")
            if i == 0 or (m is not None and instance not in ("elided", "previous")):
                continue
            anchor = frame.spans[0].begin
            clause_start = max(lo for lo in starts if lo <= anchor)
            earlier = [f for mm, f in events[:i]
                       if instance == "elided" or (mm.begin if mm else f.spans[0].begin) < clause_start]
            if earlier:
                pairs.append((frame, earlier[-1]))
        return pairs

    def support(self, sentence: Sentence, m: Mention) -> Mention | None:
        """Return the support verb that makes its subject take part in an event ("celebrarán una ronda de…")."""
        adverbials = [c for kind in ("date", "venue") for c in self.ctx.of(sentence, kind)]
        for verb in self.ctx.of(sentence, "support"):
            if verb.end > m.begin:
                continue
            # Time and place adverbials do not count: "celebraron este martes en Estambul una ronda".
            gap = self.ctx.text[verb.end:m.begin]
            for c in adverbials:
                if verb.end <= c.begin and c.end <= m.begin:
                    gap = gap.replace(self.ctx.text[c.begin:c.end], " ")
            if len(gap.split()) <= 3 and not re.search(r"[,.;]|\bque\b", gap):
                return verb
        return None

    def add_holders(self, sentence: Sentence, frame: Frame, m: Mention) -> None:
        """Give an event the subject of a relative clause on it whose verb holds it: "la reunión que ambos
        ministros mantuvieron en Roma", "la visita de Estado que el rey hará en mayo", "tras el que mantuvieron
        en marzo X y Y" (after the verb)."""
        relative = RELATIVE.match(self.ctx.text, m.end, sentence.end)
        if relative is None and not self.ctx.text[m.begin:m.end].rstrip().endswith("que"):
            return
        start = relative.end() if relative else m.end
        verb = next((v for v in self.ctx.of(sentence, "support") if v.begin >= start), None)
        if verb is None:
            return
        subject = self.ctx.subject(sentence, verb.begin, start)
        if not subject and not self.ctx.text[start:verb.begin].strip():
            # The subject after the verb and its time: "la reunión que mantuvieron el lunes X y Y".
            position = verb.end
            for c in sorted(self.ctx.of(sentence, "date"), key=lambda c: c.begin):
                if c.begin >= position and self.ctx.text[position:c.begin].strip() == "":
                    position = c.end
            self.take_part(frame, self.listed_from(sentence, position), evidence_of(verb))
            return
        # Only the subject and time words stand before the verb: "la cumbre que criticó Boric se celebró"
        # has a verb of its own.
        gap = self.ctx.text[start:verb.begin]
        for said in subject + self.ctx.inside(sentence, "date", start, verb.begin):
            gap = gap.replace(self.ctx.text[said.head:said.end], " ")
        rest = "".join(f" {w}" for w in gap.split() if w not in ("y", "e", "el", "la", "los", "las"))
        # A verb that is to come: "la cena que ambos iban a compartir".
        rest = re.sub(r" (?:va|van|iba|iban|irá|irán|iría|irían) a$", "", rest)
        if subject and ADVERBS.fullmatch(rest):
            self.take_part(frame, subject, evidence_of(verb))

    def add_within(self, sentence: Sentence, frame: Frame, m: Mention) -> None:
        """Give an event the subject of a relative clause that tells what happened in it: "la cumbre en la que los
        líderes de los Veintisiete evaluarán…", "la reunión, en la que el lunes el canciller X presentó…" (the
        subject opens the clause, past its dates and adverbs; "en la que se aprobó" names no one)."""
        relative = WITHIN_RELATIVE.match(self.ctx.text, m.end, sentence.end)
        if relative is None:
            return
        position = relative.end()
        for c in sorted(self.ctx.of(sentence, "date"), key=lambda c: c.begin):
            if c.begin >= position and not self.ctx.text[position:c.begin].strip(" ,"):
                position = c.end
        position += len(ADVERBS.match(self.ctx.text, position).group())
        self.take_part(frame, self.listed_from(sentence, position), evidence_of(m))

    def add_circumstantial(self, sentence: Sentence, frame: Frame, m: Mention) -> None:
        """Give an event the clause says another act happened in the subject of that act's verb: "Trump y Xi
        acordaron el sábado, en una reunión de una hora, reanudar…" (a verb no rule knows bounds no subject)."""
        start = self.ctx.clause_start(sentence, m.begin)
        verbs = [v for kind in ("event", "report", "support") for v in self.ctx.of(sentence, kind)
                 if start <= v.begin and v.end <= m.begin and v.data["settings"].get("verbal", kind != "event")]
        if verbs:
            first = min(v.begin for v in verbs)
            self.take_part(frame, self.ctx.subject(sentence, first, start), evidence_of(m))

    def add_opener(self, sentence: Sentence, frame: Frame, m: Mention, opening: int) -> None:
        """Give an event that an infinitive opens or closes ("al inaugurar la cumbre") the subject of the verb it
        hangs on: "La presidenta remarcó al cerrar el encuentro que…", "Fue X quien leyó, al abrir la conferencia,
        el texto"."""
        verbs = [v.begin for kind in ("event", "report", "support") for v in self.ctx.of(sentence, kind)
                 if v.end <= opening and v.data["settings"].get("verbal", kind != "event")]
        verb = max(verbs, default=opening)
        self.take_part(frame, self.ctx.subject(sentence, verb, self.ctx.clause_start(sentence, verb)), evidence_of(m))

    def add_opened(self, sentence: Sentence, frame: Frame, m: Mention) -> None:
        """Give an event that a span of time or its close opens the sentence with the subject of the main clause:
        "Tras ocho días de negociaciones en Viena, Irán y el Grupo 5+1 anunciaron…", "Al término de la reunión, X
        dijo…"."""
        for comma in re.finditer(r",\s+", self.ctx.text[m.end:min(sentence.end, m.end + 160)]):
            subject = self.listed_from(sentence, m.end + comma.end())
            if subject:
                self.take_part(frame, subject, evidence_of(m))
                return

    def add_host(self, sentence: Sentence, frame: Frame, m: Mention) -> None:
        """Make the country a visit goes to its host, once the visit has a visitor: "realizará una visita
        oficial a Vietnam", "viajó el lunes a Chile" (a city is only its place)."""
        for venue in self.ctx.of(sentence, "venue"):
            place = venue.groups["place"][0]
            if venue.data["settings"].get("family") == "visit" and place >= m.end \
                    and re.fullmatch(r"[^,.;:]{0,40}", self.ctx.text[m.end:place]):
                self.take_part(frame, [e for e in self.ctx.inside(sentence, "entity", *venue.groups["place"])
                                       if e.data.get("class") == "schema:Country"], evidence_of(venue))
                return

    def relative_antecedent(self, sentence: Sentence, start: int, plural: bool = False) -> list[Mention]:
        """Return the actors a relative pronoun opening a clause stands for ("el presidente surcoreano, X, que el
        martes se había reunido con…": X); before a verb in the plural, the pair they close ("la canciller, X,
        y el ministro venezolano, Y, que conversaron…", "a cargo del ministro X y del canciller Y, que
        negociaron…": X and Y)."""
        relative = re.search(r",\s*(?:que|quien|quienes)$", self.ctx.text[sentence.begin:start])
        if relative is None:
            return []
        comma = sentence.begin + relative.start()
        actors = [e for e in self.ctx.of(sentence, "entity") if self.ctx.can_act(e)]
        named = [e for e in actors if e.end == comma][-1:]
        if named and plural:
            joined = re.search(r",?\s+(?:y|e)\s+(?:(?:de|a|por)\s+)?(?:(?:el|la|los|las|su|sus)\s+|(?:del|al)\s+)?$",
                               self.ctx.text[sentence.begin:named[0].head])
            before = joined and [e for e in actors if e.end == sentence.begin + joined.start()]
            named = (before or [])[-1:] + named
        return named

    def listed_from(self, sentence: Sentence, position: int, loose: bool = False) -> list[Mention]:
        """Return the actors listed from a position on: "el presidente ruso, Vladímir Putin, y su homólogo…",
        "al primer ministro, X, y al líder opositor, Y", "las delegaciones de Rusia y Ucrania".

        A loose list (of those who attend) also passes over items that name no actor ("participaron la
        delegación siria, encabezada por X; la de la oposición, dirigida por Y, y…") and goes on after a colon.
        """
        candidates = self.ctx.of(sentence, "entity") + self.ctx.of(sentence, "pair")
        heads = self.ctx.of(sentence, "transparent")
        members: list[Mention] = []
        through = False  # a head lets the next items through too: "representantes de X y de Y"
        while True:
            start = position + len((OF_LEAD if through else LEAD).match(self.ctx.text, position).group())
            # A pair or a reference may hold its determiner ("con los dos presidentes", "con el monarca").
            member = next((e for e in candidates if start in (e.head, e.begin) or position <= e.begin < start), None)
            head = next((t for t in heads if t.begin == start), None)
            if member is None and head is not None:
                start = head.end + len(LEAD.match(self.ctx.text, head.end).group())
                member = next((e for e in candidates if start in (e.head, e.begin)), None)
                through = True
            if member is not None:
                # The people a plural title lists come together ("los cancilleres de Chile, X; de Perú, Y").
                listed = [e for e in candidates if member.rule.startswith("people.")
                          and e.rule == member.rule and e.groups.get("title") == member.groups.get("title")]
                members += listed or [member]
                end = max(e.end for e in listed or [member])
            else:
                # A name no rule knows ("Sullivan y el presidente chino, Xi Jinping") is passed over.
                unknown = re.match(r"[A-ZÁÉÍÓÚÑ][\w-]+(?: [A-ZÁÉÍÓÚÑ][\w-]+)*", self.ctx.text[start:sentence.end])
                if unknown is None and loose and re.search(r"\b(?:el|la|los|las) $", self.ctx.text[position:start]):
                    unknown = re.match(r"[a-záéíóúñ][^,;:.]*", self.ctx.text[start:sentence.end])
                    # The person whose name closes the item is who it describes: "la enviada de la ONU Ana Pérez".
                    members += [e for e in candidates if unknown and e.end == start + unknown.end()
                                and e.begin > start and e.data.get("class") == "schema:Person"][:1]
                if unknown is None:
                    return members
                end = start + unknown.end()
            joint = (LOOSE_JOINT if loose else JOINT).match(self.ctx.text[end:sentence.end])
            if joint is None:
                return members
            position = end + joint.end()

    def members_listed(self, e: Mention) -> list[Mention]:
        """Return the members a group or body lists in brackets or with what makes it up right after its name:
        "el Grupo 5+1 (Estados Unidos, Rusia, China, Francia, Reino Unido y Alemania)", "el Mercosur, integrado por
        Argentina, Brasil, Paraguay y Uruguay" ("Lula (Brasil)" lists no members)."""
        sentence = self.ctx.sentences[e.sentence]
        opening = re.match(r"\s*\(|,\s+(?:integrad|formad|compuest)[oa]s?\s+por\s+", self.ctx.text[e.end:sentence.end])
        if opening is None or e.data.get("class") not in ("schema:Organization", "kg:ActorGroup"):
            return []
        members = self.listed_from(sentence, e.end + opening.end())
        bracket = opening.group().strip() == "("
        closed = len(members) > 1 and (not bracket or re.match(r"\s*\)", self.ctx.text[members[-1].end:sentence.end]))
        return members if closed else []

    def take_part(self, frame: Frame, mentions: list[Mention], evidence: Evidence) -> None:
        """Make the mentions that can act participants of an event, and the members they list, on the evidence
        of a trigger or clause."""
        for e in mentions + [member for e in mentions for member in self.members_listed(e)]:
            if self.ctx.can_act(e):
                for eid, ev in self.ctx.actor(e):
                    frame.actors.add(eid, ev, evidence)

    def add_participants(self, sentence: Sentence, frame: Frame, m: Mention, events: list) -> None:
        """Find who takes part: "entre X y Y" after the trigger, or the clause subject for "su"/"sus"."""
        tail = self.ctx.text[m.end:sentence.end]
        # The talks may be named by a complement first: "la reunión del diálogo político entre la UE y Chile".
        between = re.match(r"(?: del? [a-záéíóúñ]+(?: [a-záéíóúñ]+){0,2}?)? entre ", tail)
        if between:
            members = self.listed_from(sentence, m.end + between.end())
            if not members:
                # "entre los presidentes de Rusia y Estados Unidos": the names up to the end of the phrase.
                stop = m.end + (re.search(r"[,.;]|(?<= y ) ?\b(?!(?:los|las|el|la)\b)[a-záéíóúñ]{4,}|$",
                                          tail[between.end():]).start() + between.end())
                members = [e for e in self.ctx.of(sentence, "entity") if m.end <= e.begin < stop]
            self.take_part(frame, members, evidence_of(m))
        of = re.match(r" del? (?:la |el |los |las )?", tail)
        if of and not frame.actors.items:
            # The article may be part of the name ("la cumbre de los Veintisiete"); a capital right after the
            # trigger is its venue, not the government it stands for elsewhere ("la cumbre de Madrid"). A person may
            # come with a title ("la visita del canciller Wang Yi"), or be named by it alone ("la visita del
            # presidente chino", a mention that opens with its "del").
            preposition = m.end + len(re.match(r" del? ", tail).group())
            owners = [e for e in self.ctx.of(sentence, "entity") + self.ctx.of(sentence, "pair")
                      if (e.begin in (m.end + of.end(), preposition, m.end + 1) or e.head == m.end + of.end())
                      and not self.ctx.is_metonym(e)]
            self.take_part(frame, owners, evidence_of(m))
        if possessive := POSSESSIVE.search(self.ctx.text, sentence.begin, m.begin):
            verbs = [v for kind in ("discuss", "report") for v in self.ctx.of(sentence, kind)]
            first_verb = min((v.begin for v in verbs), default=m.begin)
            self.take_part(frame, self.ctx.subject(sentence, min(first_verb, m.begin))
                           or self.unsaid_subject(sentence, possessive.start(), None), evidence_of(m))
        elif m.data["settings"].get("verbal") or (verb := self.support(sentence, m)) is not None:
            # The clause of the verb that holds the event: a support verb that also reports ("sostuvieron
            # conversaciones") opens no clause of its own.
            start = self.ctx.clause_start(sentence, m.begin if m.data["settings"].get("verbal") else verb.begin)
            said = self.ctx.text[m.begin:m.end] if m.data["settings"].get("verbal") else self.ctx.text[verb.begin:verb.end]
            # The conjugated verb comes first, past its clitics: "se reunieron", "han alcanzado un acuerdo".
            plural = next(w for w in said.split() + [""] if w.lower() not in CLITICS).endswith("n")
            antecedent = self.relative_antecedent(sentence, start, plural=plural)
            # "se celebrará una cumbre" says no one who holds it.
            impersonal = not m.data["settings"].get("verbal") and bool(
                re.search(r"\b[Ss]e\s+$", self.ctx.text[sentence.begin:verb.begin]) or said.lower().startswith("se "))
            unsaid = [] if impersonal else self.unsaid_subject(sentence, m.begin if m.data["settings"].get("verbal")
                                                               else verb.begin, plural)
            self.take_part(frame, self.ctx.subject(sentence, m.begin, start) or antecedent or unsaid, evidence_of(m))
            with_ = None if m.data["settings"].get("verbal") else re.search(r"\bcon ", self.ctx.text[verb.end:m.begin])
            if with_:
                # "mantuvieron con X un encuentro": the other party, said between the verb and the event.
                self.take_part(frame, self.listed_from(sentence, verb.end + with_.end()), evidence_of(verb))
        if not m.data["settings"].get("verbal"):
            self.add_holders(sentence, frame, m)
            self.add_within(sentence, frame, m)
        if not m.data["settings"].get("verbal") and DURING.search(self.ctx.text[sentence.begin:m.begin]):
            self.add_circumstantial(sentence, frame, m)
        if AFTER_SPAN.search(self.ctx.text[sentence.begin:m.begin]) or AT_CLOSE.search(self.ctx.text[sentence.begin:m.begin]):
            self.add_opened(sentence, frame, m)
        if opener := AT_OPENING.search(self.ctx.text, sentence.begin, m.begin):
            self.add_opener(sentence, frame, m, opener.start())
        if frame.family == "visit" and frame.actors.items:
            self.add_host(sentence, frame, m)
        con = WITH_PARTY.match(self.ctx.text, m.end, sentence.end)
        # "la cumbre, donde se reunirá con X": the party of another event said in between is that one's.
        if con and any(mm is not None and m.end < mm.begin < con.end() for mm, f in events if f is not frame):
            con = None
        if con and m.data["settings"].get("with_party"):
            # "se reunió en Ginebra con el ministro ruso, Serguéi Lavrov": the other party.
            self.take_part(frame, self.listed_from(sentence, con.end()), evidence_of(m))
        to = TO_PARTY.match(tail)
        if to and m.data["settings"].get("with_party") and m.data["settings"].get("verbal"):
            # "telefoneó ayer al canciller alemán, X": the one called or met.
            self.take_part(frame, self.listed_from(sentence, m.end + to.end()), evidence_of(m))
        sobre = re.match(r"[^,.;]*? sobre ", tail)
        if sobre and not any(mm is not None and m.end < mm.begin < m.end + sobre.end() for mm, f in events if f is not frame):
            for topic in self.documents.topics_in(sentence, m.end + sobre.end(), sentence.end):
                frame.about.add(topic, *topic.spans[-1:], evidence_of(m))
                break


# The programs of the patterns compiled above, for the next run (kg/extract/patterns.py).
REGEXES.keep()
