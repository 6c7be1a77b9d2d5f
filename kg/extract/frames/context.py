"""Per-article context of the frame pass: the text, its mentions, the entity registry and helpers over a sentence."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from datetime import date, datetime

from kg.extract.frames.model import EntityNode, Evidence, Frame, evidence_of
from kg.extract.mentions import Mention, Mentions
from kg.extract.rules import RuleSet
from kg.extract.segment import Dateline, Sentence
from kg.rdf.ids import slug

PREPOSITIONS = {"de", "del", "contra", "en", "entre", "sobre", "para", "con", "a", "hacia", "desde", "por"}
QUOTE_PAIRS = {'"': '"', "«": "»", "“": "”"}
OPENING_QUOTE = re.compile("[" + "".join(QUOTE_PAIRS) + "]")
# Words that make the next actor an object, not a subject ("con el presidente", "según la Casa Blanca").
OBJECT_MARKERS = PREPOSITIONS | {"al", "del", "según", "ante", "tras"}
DETERMINERS = {"el", "la", "los", "las", "su", "sus"}
# A complement clause opening within a few words of a reporting verb ("afirmó en la rueda de prensa que").
COMPLEMENT = re.compile(r"[^,.;:\"«“]{0,70}?\b(?:de )?que\b")
ACTOR_CLASSES = {"schema:Person", "schema:Country", "schema:Organization", "kg:Government", "kg:ActorGroup"}


class Context:
    """What every part of the frame pass shares about one article: its text, mentions, rules and entities."""

    def __init__(self, text: str, sentences: list[Sentence], mentions: Mentions, rules: RuleSet,
                 dateline: Dateline | None) -> None:
        """Prepare the per-article state the parts share."""
        self.text, self.sentences, self.mentions, self.rules = text, sentences, mentions, rules
        self.sentence_begins = [s.begin for s in sentences]
        self.entities: dict[str, EntityNode] = {}
        self.focal: Frame | None = None
        self.published: date | None = None
        self.published_at: datetime | None = None
        self.published_evidence: Evidence | None = None
        if dateline is not None:
            self.published = date(dateline.year, dateline.month, dateline.day)
            self.published_at = datetime(dateline.year, dateline.month, dateline.day,
                                         dateline.hour or 0, dateline.minute or 0)
            self.published_evidence = Evidence(dateline.block.begin, dateline.block.end, dateline.block.rule or "")

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
            for prop in ("governs", "member_of"):
                if known and getattr(known, prop):
                    node.link(prop, getattr(known, prop), evidence)
                    self.entity(getattr(known, prop), evidence)
        if evidence not in node.spans:
            node.spans.append(evidence)
        if role:
            node.roles.add(role)
        return eid

    def actor(self, m: Mention) -> list[tuple[str, Evidence]]:
        """Resolve a mention in an actor slot: a capital stands for its government, a pair for two people."""
        if m.kind == "pair":
            # A country a pair names may be named nowhere else ("ambos países" of two presidents).
            return [(eid if eid in self.entities else self.entity(eid, evidence_of(m), "actor"), evidence_of(m))
                    for eid in self.pair_members(m)]
        eid = str(m.data["entity"])
        known = self.rules.entities.get(eid)
        if known and known.as_actor:
            eid = known.as_actor
        ev = evidence_of(m)
        self.entity(eid, ev, "actor", label=m.data.get("label"), cls=m.data.get("class"))
        return [(eid, ev)]

    def place(self, m: Mention) -> tuple[str, Evidence]:
        """Resolve a mention in a place slot."""
        ev = evidence_of(m)
        return self.entity(str(m.data["entity"]), ev, "place"), ev

    def venue_place(self, sentence: Sentence, venue: Mention) -> tuple[str, Evidence]:
        """Resolve the place of a venue: a lexicon place, or one minted from its name ("en Sochi")."""
        named = self.inside(sentence, "entity", *venue.groups["place"])
        if named:
            return self.place(named[0])
        label = self.text[slice(*venue.groups["place"])]
        ev = evidence_of(venue, "place")
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
            ev = evidence_of(named)
            return self.entity(str(named.data["entity"]), ev, role), ev
        label = self.text[slice(*m.groups[group])]
        ev = evidence_of(m, group)
        return self.entity(slug(label), ev, role, label=label, cls=cls), ev

    def pair_members(self, m: Mention) -> list[str]:
        """Return the members a pair names, of the article's main event, else the last ones named before it.

        "ambos presidentes" names two people, "los cuatro mandatarios" four; "ambos países", "ambos
        gobiernos" two countries (those its people lead or represent, those its governments govern); "las
        dos partes" its two sides, countries or bodies, else its two people.
        """
        members = m.data["settings"].get("members", "people")
        if members == "listed":
            return self.listed_before(m)
        count = self.rules.lexicon["number"][self.text[slice(*m.groups["count"])]] if "count" in m.groups else 2
        if members == "people":
            # Who the lexicon says held the office that day is surer than a title the article gives, and
            # that than someone of whom neither is known.
            return self.sides_of(m.begin, [self.office_holder(m, trust) for trust in ("lexicon", "title", "any")],
                                 count)
        found = self.sides_of(m.begin, [self.country_side if members == "countries" else self.body_side], count)
        return found if len(found) == count or members == "countries" else \
            self.sides_of(m.begin, [self.person_side], count)

    def listed_before(self, m: Mention) -> list[str]:
        """Return the people of the last list a plural title introduced before a mention, if its title fits
        the mention's: the offices they may name meet, or the mention's is the more general ("los
        ministros" after "los cancilleres de Chile y Perú, A y B", who are ministers of foreign affairs)."""
        offices = self.rules.lexicon.get("office", {})
        plural = self.rules.lexicon.get("plural-title", {})

        def named(title: str) -> set[str]:
            singular = plural.get(title, title)
            return {singular, *offices.get(singular, [])}

        wanted = named(self.text[slice(*m.groups["title"])])

        def fits(title: str) -> bool:
            return any(o == w or o.startswith(w + " ") for o in named(title) for w in wanted)

        # The last list is that of the last sentence that holds one: the sentences before it need no look.
        lists: dict[tuple[int, int], list[str]] = {}
        for sentence in reversed(self.sentences[:bisect.bisect_left(self.sentence_begins, m.begin)]):
            for e in self.mentions.of(sentence.index, "entity"):
                if e.rule.startswith("people.") and e.end <= m.begin and fits(self.text[slice(*e.groups["title"])]):
                    lists.setdefault(e.groups["title"], []).append(str(e.data["entity"]))
            if lists:
                break
        return lists[max(lists)] if lists else []

    def sides_of(self, before: int, sides: list, count: int) -> list[str]:
        """Return as many sides of the main event as a number says, else the last so many named before a
        position, by readings of an entity as a side (a person, a country) tried in order of trust."""
        if self.focal is not None:
            for side in sides:
                found = [s for a in self.focal.root().actors.items for s in side(a)]
                if len(set(found)) >= count:
                    return sorted(set(found))[:count]
        for side in sides:
            # The sides named last, the last first: the walk back stops once it has found enough.
            recent: list[str] = []
            for e in self.entities_before(before):
                eid = str(e.data["entity"])
                known = self.rules.entities.get(eid)
                for s in reversed(side(known.as_actor if known and known.as_actor else eid)):
                    if s not in recent:
                        recent.append(s)
                if len(recent) >= count:
                    break
            if len(recent) >= count:
                break
        return sorted(recent[:count])

    def entities_before(self, position: int) -> Iterator[Mention]:
        """Yield the entity mentions that begin before a position, the last first."""
        for sentence in reversed(self.sentences[:bisect.bisect_left(self.sentence_begins, position)]):
            for e in reversed(self.mentions.of(sentence.index, "entity")):
                if e.begin < position:
                    yield e

    def office_holder(self, m: Mention, trust: str = "any"):
        """Return a reading of an entity as a side that keeps only the people who may hold the office a pair's
        title names: by the offices the lexicon gives them on the publication day ("lexicon"), by those or
        their title in the article ("title"), or also anyone of whom neither is known ("any")."""
        offices = self.rules.lexicon.get("office", {})
        plural = self.rules.lexicon.get("plural-title", {})
        said = self.text[slice(*m.groups["title"])] if "title" in m.groups else ""
        # "los jefes de Estado y de Gobierno": either office.
        head, _, other = said.partition(" y de ")
        titles = [head] + ([head.rsplit(" de ", 1)[0] + " de " + other] if other else [])
        wanted = {o for t in titles for o in offices.get(plural.get(t, t), [])}
        if not wanted:
            return self.person_side

        def side(eid: str) -> list[str]:
            person = self.mentions.people.get(eid)
            known = self.rules.entities.get(eid)
            held = {person.title} if person is not None and person.title and trust != "lexicon" else set()
            if known is not None and self.published is not None:
                held |= {o.title for o in known.offices if o.held_on(self.published)}
            fits = any(o in wanted for t in held for o in (t, *offices.get(t, []))) if held else trust == "any"
            return self.person_side(eid) if fits else []
        return side

    def person_side(self, eid: str) -> list[str]:
        """Return a person as a side of an event."""
        node = self.entities.get(eid)
        return [eid] if node is not None and node.cls == "schema:Person" else []

    def body_side(self, eid: str) -> list[str]:
        """Return the country or body an actor stands for: a country or body itself, the country a government
        governs, or those a person leads or represents (by their title in the article, else by the offices
        the lexicon says they held on the publication day)."""
        known = self.rules.entities.get(eid)
        node = self.entities.get(eid)
        if known is not None and known.cls in ("schema:Country", "schema:Organization"):
            return [eid]
        if known is not None and known.governs:
            return self.body_side(known.governs)
        served = [t for prop in ("leads", "represents") if node is not None and prop in node.links
                  for t in node.links[prop].items]
        if not served and known is not None and self.published is not None:
            served = [o.of for o in known.offices if o.held_on(self.published)]
        return [s for t in served for s in ([t] if self.rules.entities[t].cls != "kg:Government"
                                              else self.body_side(t))]

    def country_side(self, eid: str) -> list[str]:
        """Return the country an actor stands for: itself, the one it governs, or those a person leads or
        represents."""
        return [t for t in self.body_side(eid) if self.rules.entities[t].cls == "schema:Country"]

    def register_entities(self) -> None:
        """Register every named entity and the links the title patterns give people and groups."""
        for sentence in self.sentences:
            for m in self.mentions.of(sentence.index, "entity"):
                if self.is_metonym(m):
                    continue  # registered by the slot it fills: a place, or the actor it stands for
                eid = self.entity(str(m.data["entity"]), evidence_of(m), label=m.data.get("label"),
                                  cls=str(m.data["class"]))
                if m.data.get("member_of"):
                    body_ev = Evidence(*m.data["member_of_span"], str(m.data.get("member_of_rule", m.rule)))
                    self.entity(str(m.data["member_of"]), body_ev)
                    self.entities[eid].link("member_of", str(m.data["member_of"]), evidence_of(m))
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
            start, ev = cut.end, evidence_of(cut)
        bounds.append((start, sentence.end, ev))
        return bounds

    def quotes(self, sentence: Sentence) -> list[tuple[int, int]]:
        """Return the quoted stretches of a sentence, quotation marks included."""
        found, i = [], sentence.begin
        # The engine finds the next opening mark: a loop over every character cost more than the frames.
        while (opening := OPENING_QUOTE.search(self.text, i, sentence.end)) is not None:
            i = opening.start()
            j = self.text.find(QUOTE_PAIRS[opening.group()], i + 1, sentence.end)
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
        return best[1].data["settings"]["tense"], evidence_of(best[1])

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

    def clause_start(self, sentence: Sentence, position: int) -> int:
        """Return where the clause holding a position starts: after the last "que" or reporting verb before it."""
        start = sentence.begin
        for verb in self.of(sentence, "report"):
            if verb.end <= position:
                start = max(start, verb.end)
        for que in re.finditer(r"\bque\b", self.text[sentence.begin:position]):
            start = max(start, sentence.begin + que.end())
        return start

    def dates_saying(self, sentence: Sentence, verb: Mention, c: Mention) -> bool:
        """Tell whether a date right after a reporting verb and before its "que" dates the saying."""
        return (verb.end <= c.begin and len(self.text[verb.end:c.begin].split()) <= 2
                and bool(re.match(r"[^,.;]{0,30}?\b(?:de )?que\b", self.text[c.end:sentence.end])))
