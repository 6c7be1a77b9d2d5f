"""Merging: mentions of one event or statement become one frame; parents, inherited roles and status come last."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.extract.frames.context import Context
from kg.extract.frames.model import Frame
from kg.extract.temporal import TimeValue
from kg.rdf.ids import normalise

if TYPE_CHECKING:
    from kg.extract.frames.events import Events

# Blocks that announce what the body then tells in detail.
SUMMARY_BLOCKS = {"kicker", "headline", "lead"}
# A trigger that opens with its own indefinite article ("una cita entre…") introduces an event, like "un encuentro".
INDEFINITE = re.compile(r"(?:un|una|unos|unas)\s", re.IGNORECASE)
# The article or demonstrative of a mention that refers back ("la cumbre", "dicha reunión").
DEFINITE = re.compile(r"\b(?:la|el|dicha|dicho|esa|ese|esta|este)\s+$")
# How many days before the publication an event is no longer the news the article tells.
STALE_DAYS = 7
# Gatherings someone travels to: an arrival where one of them is held is the journey to it.
GATHERINGS = {"conference", "consultation", "meeting", "negotiation", "round", "summit"}


class Merger:
    """Keeps the frames of an article, folding each new mention into the frame it refers to."""

    def __init__(self, ctx: Context, events: Events) -> None:
        """Start with no frame; index the rules by id to read a trigger's settings; keep the event pass, which
        tells what is told as the day's news."""
        self.ctx = ctx
        self.events = events
        self.rules_by_id = {rule.id: rule for rule in ctx.rules.all_rules()}
        self.frames: list[Frame] = []
        # The event frames, each with its place in self.frames, by family, by family in the kicker, headline and
        # lead, and by sentence: a mention is compared only with those it may be, in the order of self.frames,
        # where a scan of every frame for every mention grew with the square of the article.
        self.by_family: dict[str, list[tuple[int, Frame]]] = {}
        self.summary_by_family: dict[str, list[tuple[int, Frame]]] = {}
        self.by_sentence: dict[int, list[tuple[int, Frame]]] = {}
        # The statements kept, by what makes two statements the same (statement_key).
        self.statements: dict[tuple, list[Frame]] = {}

    def of_families(self, families: Iterable[str]) -> list[Frame]:
        """Return the event frames of some families in the order they were kept."""
        return [k for _, k in heapq.merge(*(self.by_family.get(family, []) for family in set(families)))]

    def keep(self, frame: Frame) -> None:
        """Keep an event frame that merged into none before it, and index it."""
        kept = (len(self.frames), frame)
        self.frames.append(frame)
        self.by_family.setdefault(frame.family, []).append(kept)
        if self.in_summary(frame):
            self.summary_by_family.setdefault(frame.family, []).append(kept)
        self.by_sentence.setdefault(frame.sentence, []).append(kept)

    def merge_event(self, frame: Frame) -> None:
        """Merge an event mention into an earlier one of the same family unless time, place or body differ."""
        if frame.same_as is not None:
            self.absorb(frame.same_as.root(), frame)
            return
        if frame.instance == "refer":
            # "la cita", "la conversación": the article's main event of the kind, the one it names most often
            # so far (the first, when two are named as often).
            kin = {frame.family, *self.ctx.rules.lexicon.get("kindred-families", {}).get(frame.family, [])}
            # Told in the past it is no event still to come ("la cita reunió a…" after "celebrará su primera
            # sesión"), unless there is no other.
            known = [k for k in self.of_families(kin) if not k.statement and k.merged_into is None
                     and not self.other_time(k, frame)]
            known = [k for k in known if (k.status == "scheduled") == (frame.status == "scheduled")] or known
            if known:
                self.absorb(max(known, key=lambda k: (len(k.spans), -k.spans[0].begin)), frame)
                return
            frame.instance = "merge"  # nothing to refer back to: the mention introduces the event
        # "un encuentro", "otra reunión", "la reunión anterior", and triggers marked instance = "new" introduce
        # an event of their own: they may only restate one the headline or lead announced. A verb
        # ("se entrevistará") joins an earlier event only when it shares a participant, a place or a day with it.
        trigger_text = self.ctx.text[frame.spans[0].begin:frame.spans[0].end]
        own = self.touches(frame, "novelty") or frame.instance == "new" or bool(INDEFINITE.match(trigger_text))
        trigger_rule = self.rules_by_id.get(frame.spans[0].rule)
        verbal = bool(trigger_rule and trigger_rule.get("verbal"))
        kin = self.ctx.rules.lexicon.get("kindred-families", {}).get(frame.family, [])
        candidates = []
        for known in self.comparable(frame, kin, own):
            if known.merged_into is not None or known.statement or self.conflict(known, frame):
                continue
            if known.family != frame.family:
                # The body retells the headline's event in other words ("conversan" above, "un encuentro"
                # below) when it shares a participant, a place or a day with it.
                if self.restates_summary(known, frame) and self.shares(known, frame):
                    candidates.append(known)
                continue
            if self.sought_and_done(known, frame):
                continue
            if self.journey_and_its_visit(known, frame):
                candidates.append(known)
                continue
            if frame.instance == "new" and known.sentence == frame.sentence:
                continue  # "se reunieron en Lima; el lunes, en Quito": the clause names another occurrence
            headline_and_lead = self.in_summary(known) and self.in_summary(frame)
            if (own or known.instance == "new") and not self.restates_summary(known, frame) and not headline_and_lead:
                continue
            # A verb may also retell what an earlier mention named with nothing of its own, when it names no
            # place or day either ("Las negociaciones estuvieron a punto de fracasar… X, que negoció en nombre de…").
            retells_bare = self.bare(known) and not frame.places.items and frame.time is None
            if verbal and not self.shares(known, frame) and not headline_and_lead and not retells_bare \
                    and not (self.restates_summary(known, frame) and self.bare(frame)):
                continue
            candidates.append(known)
        if candidates:
            # Of the events the mention may be, the one it shares most with, then the one named most, then the first.
            self.absorb(max(candidates, key=lambda k: (self.shared(k, frame), len(k.spans), -k.spans[0].begin)), frame)
            return
        if verbal and frame.family == "visit":
            gathering = self.gathering_reached(frame)
            if gathering is not None:
                self.absorb(gathering, frame, keep_kind=True)
                return
        if not own and not verbal and self.touches(frame, "anaphor"):
            # "la cumbre" after a "videoconferencia" of the same leaders: a definite mention with no
            # antecedent of its own family refers to the last event of a kindred one; a phone call is no gathering.
            known = [k for k in self.of_families(kin) if k.merged_into is None and not k.statement
                     and k.sentence < frame.sentence and not self.conflict(k, frame) and k.cls != "kg:PhoneCall"]
            if known:
                self.absorb(known[-1], frame)
                return
            # "las conversaciones" with no talks told before: the talks of the gathering the article names most,
            # unless told in the pluperfect, a time before it ("había bloqueado las negociaciones durante meses"),
            # or quoted: a speaker's "las negociaciones deben seguir" is the talks at large, not one sitting.
            # Talks that name their own participants, place or day are those of a gathering they share one with.
            anaphor_families = self.ctx.rules.lexicon.get("anaphor-families", {}).get(frame.family, [])
            hosts = [k for k in self.of_families(anaphor_families)
                     if k.merged_into is None and not k.statement and k.sentence < frame.sentence
                     and not self.conflict(k, frame) and (self.bare(frame) or self.shares(k, frame))]
            quoted = any(lo <= frame.spans[0].begin < hi for lo, hi in self.ctx.quotes(self.ctx.sentences[frame.sentence]))
            if hosts and not quoted and not self.events.told_before(frame):
                self.absorb(max(hosts, key=lambda k: (len(k.spans), -k.spans[0].begin)), frame)
                return
        self.keep(frame)

    def comparable(self, frame: Frame, kin: list[str], own: bool) -> list[Frame]:
        """Return the earlier event frames a mention may merge into, in the order they were kept.

        Those are the frames of its family, and those of a kindred family that the kicker, headline or lead told
        (the body retells them in other words); a mention that introduces an event of its own ("un encuentro")
        may only be one of its family that these told or that its own sentence tells. Every other frame would be
        passed over by the checks of merge_event: a scan of them all for every mention grew with the square of
        the article.
        """
        kindred = [self.summary_by_family.get(family, []) for family in set(kin) - {frame.family}]
        if not own:
            return [k for _, k in heapq.merge(self.by_family.get(frame.family, []), *kindred)]
        here = [kept for kept in self.by_sentence.get(frame.sentence, []) if kept[1].family == frame.family]
        told = here + self.summary_by_family.get(frame.family, []) + [kept for kin_frames in kindred
                                                                      for kept in kin_frames]
        return [k for _, k in sorted(dict(told).items())]

    def journey_and_its_visit(self, journey: Frame, visit: Frame) -> bool:
        """Tell whether a visit named by a noun is the journey a verb of its sentence tells, of the same traveller
        to the same city or country ("viajará el jueves a Argentina, donde asistirá a la cumbre y realizará después
        una visita de Estado")."""
        rule = self.rules_by_id.get(journey.spans[0].rule)
        return bool(journey.sentence == visit.sentence and journey.family == visit.family == "visit"
                    and rule and rule.get("verbal") and visit.spans[0].begin > journey.spans[0].begin
                    and self.sides(journey) & self.sides(visit) and self.settlements(journey) & self.settlements(visit))

    def gathering_reached(self, trip: Frame) -> Frame | None:
        """Return the gathering already told that a journey told by a verb leads to: one held in the city or country
        the traveller reaches, in which the traveller takes part ("se reunió en Ginebra con su homólogo…" and then
        "llegó a Ginebra procedente de Bruselas"); none when the sentence names a visit of its own ("llegó a Madrid
        para una visita de Estado")."""
        sentence = self.ctx.sentences[trip.sentence]
        if any(not m.data["settings"].get("verbal") and m.data["settings"]["family"] == "visit"
               for m in self.ctx.of(sentence, "event")):
            return None
        reached = self.settlements(trip)
        found = [k for k in self.of_families(GATHERINGS) if k.merged_into is None and not k.statement
                 and reached & self.settlements(k) and self.sides(trip) & self.sides(k) and not self.conflict(k, trip)]
        return max(found, key=lambda k: (self.shared(k, trip), len(k.spans), -k.spans[0].begin), default=None)

    def in_summary(self, frame: Frame) -> bool:
        """Tell whether a mention stands in the kicker, headline or lead, which tell one story in other words."""
        return self.ctx.sentences[frame.sentence].block in SUMMARY_BLOCKS

    def restates_summary(self, known: Frame, frame: Frame) -> bool:
        """Tell whether a body mention retells an event first named in the kicker, headline or lead."""
        def in_summary(offset: int) -> bool:
            return any(s.begin <= offset < s.end and s.block in SUMMARY_BLOCKS for s in self.ctx.sentences)
        # Only once: a second body mention of the same kind is another event, not the same retelling.
        return (self.ctx.sentences[known.sentence].block in SUMMARY_BLOCKS
                and self.ctx.sentences[frame.sentence].block not in SUMMARY_BLOCKS
                and all(in_summary(span.begin) for span in known.spans))

    def touches(self, frame: Frame, stage: str) -> bool:
        """Tell whether a mention of a stage stands right before or right after an event mention's trigger."""
        trigger = frame.spans[0]
        return any(cue.end + 1 == trigger.begin or cue.begin == trigger.end + 1
                   for cue in self.ctx.of(self.ctx.sentences[frame.sentence], stage))

    def shared(self, a: Frame, b: Frame) -> int:
        """Count what two event mentions share: participants (or their sides), places, and the day."""
        return (len(self.sides(a) & self.sides(b)) + len(set(a.places.items) & set(b.places.items))
                + int(bool(a.time and b.time and a.time == b.time)))

    def shares(self, a: Frame, b: Frame) -> bool:
        """Tell whether two event mentions share a participant, a place or a day."""
        return bool(self.sides(a) & self.sides(b) or set(a.places.items) & set(b.places.items)
                    or (a.time and b.time and a.time == b.time))

    def sought_and_done(self, known: Frame, frame: Frame) -> bool:
        """Tell whether the headline or lead names an event by an infinitive, what is sought, planned or proposed
        ("invita a su rival a reunirse", "se fijan un plazo para cerrar el tratado"), and the body tells one that took
        place: dated on or before the publication, or told in the past."""
        if not self.in_summary(known) or self.in_summary(frame) or not self.events.infinitive(known.spans[0]):
            return False
        last = frame.time and not frame.time_implied and (frame.time.end or frame.time.latest)
        dated = bool(last and self.ctx.published and last <= self.ctx.published and frame.status is None)
        return dated or self.events.told_as_news(frame) is not None

    def bare(self, frame: Frame) -> bool:
        """Tell whether an event mention names no participant, place or time of its own."""
        return not (frame.actors.items or frame.places.items or frame.time)

    def sides(self, frame: Frame) -> set[str]:
        """Return an event's actors with the countries they lead, represent or govern: Xi and China are one side."""
        found = set(frame.actors.items)
        for actor in frame.actors.items:
            links = self.ctx.entities[actor].links if actor in self.ctx.entities else {}
            for prop in ("leads", "represents", "governs"):
                if prop in links:
                    found |= set(links[prop].items)
        return found

    def merge_statement(self, frame: Frame) -> None:
        """Merge a statement into an earlier one with the same kind, speakers and wording."""
        key = self.statement_key(frame)
        for known in self.statements.get(key, []):
            if known.merged_into is None:
                self.absorb(known, frame)
                return
        self.frames.append(frame)
        self.statements.setdefault(key, []).append(frame)

    def statement_key(self, frame: Frame) -> tuple:
        """Return what makes two statements the same: kind, speakers and normalised content."""
        return frame.cls, tuple(sorted(frame.actors.items)), normalise(self.ctx.text[slice(*frame.content)])

    def conflict(self, a: Frame, b: Frame) -> bool:
        """Tell whether two mentions cannot be one event: different days, cities, sides, bodies or status."""
        if self.other_time(a, b) or (a.status == "scheduled") != (b.status == "scheduled"):
            return True
        if self.settled_apart(a, b) or self.call_and_talk_there(a, b) or self.call_and_talk_there(b, a):
            return True
        if a.actors.items and b.actors.items and not self.sides(a) & self.sides(b) \
                and not self.attended(a, b) and not self.attended(b, a):
            return True  # no participant in common
        return bool(a.bodies.items and b.bodies.items and set(a.bodies.items) != set(b.bodies.items))

    def attended(self, gathering: Frame, mention: Frame) -> bool:
        """Tell whether a definite mention with people of its own may be a body's gathering told before ("la cumbre
        del G20…", then "llegó a Bali para participar en la cumbre"): the body's members are not listed."""
        entities = self.ctx.entities
        if mention.bodies.items or "kg:PhoneCall" in (mention.cls, gathering.cls) or not gathering.actors.items or not all(
                a in entities and entities[a].cls == "schema:Organization" for a in gathering.actors.items):
            return False
        if any(a in entities and entities[a].cls == "schema:Organization" for a in mention.actors.items):
            return False
        before = self.ctx.text[max(0, mention.spans[0].begin - 8):mention.spans[0].begin].lower()
        return bool(DEFINITE.search(before))

    def other_time(self, a: Frame, b: Frame) -> bool:
        """Tell whether two mentions tell times that cannot be one event's: days that do not fit each other, the
        day's news and an event dated ahead, or the day's news and its background."""
        # A postponed event has two dates, the one it had and the one it was moved to: both still to come.
        if a.time and b.time and not (a.time_implied or b.time_implied) \
                and not (a.time.within(b.time) or b.time.within(a.time)) \
                and not ("postponed" in (a.status, b.status) and self.ahead(a) and self.ahead(b)):
            return True
        return self.today_and_ahead(a, b) or self.today_and_ahead(b, a) \
            or self.news_and_background(a, b) or self.news_and_background(b, a)

    def news_and_background(self, news: Frame, other: Frame) -> bool:
        """Tell whether a mention is the day's news and the other one is dated weeks before the publication: what
        happened then is its background. The day's news is an undated event a verb of the headline or lead tells
        ("crean un mecanismo" above, "la tregua, acordada el 29 de diciembre" in an article of late January; a noun
        of the headline may name the background itself, "desde la ruptura de relaciones"), or one the body tells
        in the preterite or the perfect with no date, in an article about the day's events ("tras una reunión de
        dos horas, firmaron…" and then "el último encuentro fue en octubre"), or one the body so tells when the
        other is told in the pluperfect ("se reunieron durante dos horas…" and "ya habían conversado en abril del
        año pasado, durante la cumbre…")."""
        # the dates first: they are cheap, and the verbs of most pairs need not be looked at
        last = other.time and not other.time_implied and (other.time.end or other.time.latest)
        if self.ctx.published is None or not last or (self.ctx.published - last).days <= STALE_DAYS:
            return False
        return self.told_above(news) or self.told_below(news) \
            or bool(self.events.told_earlier(other) and self.events.told_as_news(news))

    def told_above(self, news: Frame) -> bool:
        """Tell whether a verb of the headline or lead tells an event with no date but the publication's."""
        trigger_rule = self.rules_by_id.get(news.spans[0].rule)
        return self.in_summary(news) and (news.time is None or news.time_implied) \
            and bool(trigger_rule and trigger_rule.get("verbal"))

    def told_below(self, news: Frame) -> bool:
        """Tell whether the body tells an undated event the way it tells the day's news."""
        return self.events.news_day() is not None and self.events.told_as_news(news) is not None

    def today_and_ahead(self, today: Frame, other: Frame) -> bool:
        """Tell whether a mention is the day's news a headline tells in the present and the other one is dated
        after the publication: what is still to come is not what happened today ("firman un acuerdo" above, "buscan
        rubricar el pacto completo en octubre" below)."""
        return bool(today.time_implied and self.ctx.published is not None and other.time and not other.time_implied
                    and other.time.sort_key() > self.ctx.published)

    def ahead(self, frame: Frame) -> bool:
        """Tell whether an event's time ends after the publication (always, when the article has no date)."""
        last = frame.time.end or frame.time.latest if frame.time else None
        return self.ctx.published is None or last is None or last >= self.ctx.published

    def settlements(self, frame: Frame) -> set[str]:
        """Return the cities and countries an event is placed in; a building or a site no lexicon lists ("el
        Palacio de la Revolución") lies in a city and says nothing against it."""
        return {p for p in frame.places.items
                if self.ctx.entities[p].cls in ("schema:City", "schema:Country", "schema:Continent")}

    def call_and_talk_there(self, call: Frame, talk: Frame) -> bool:
        """Tell whether a mention is a phone call and the other a talk held at a place of its own ("viajaron a
        Moscú, donde conversaron con Putin"): those who talk in one place are not on the phone."""
        return call.cls == "kg:PhoneCall" and talk.cls != "kg:PhoneCall" and bool(self.settlements(talk))

    def settled_apart(self, a: Frame, b: Frame) -> bool:
        """Tell whether two mentions are placed in different cities or countries: neither shares one with the
        other nor lies in a country the other names (La Habana lies in Cuba)."""
        places_a, places_b = self.settlements(a), self.settlements(b)
        if not places_a or not places_b or places_a & places_b:
            return False
        return not (self.countries_of(places_a) & places_b or self.countries_of(places_b) & places_a)

    def countries_of(self, places: set[str]) -> set[str]:
        """Return the countries whose governments the capitals among some places stand for."""
        entities = self.ctx.rules.entities
        governments = [entities[p].as_actor for p in places if p in entities and entities[p].as_actor]
        return {entities[g].governs for g in governments if g in entities and entities[g].governs}

    def absorb(self, known: Frame, frame: Frame, keep_kind: bool = False) -> None:
        """Fold a mention's spans and roles into the frame it refers to; a mention of another kind of event that
        only leads to it (a journey to a meeting) leaves it its kind."""
        frame.merged_into = known
        for ev in frame.spans:
            if ev not in known.spans:
                known.spans.append(ev)
        # "la cumbre" told of what a "reunión" or "videoconferencia" began: the more specific kind names the event.
        rank = self.ctx.rules.lexicon.get("class-rank", {})
        if frame.instance != "refer" and not keep_kind and rank.get(frame.cls, 0) > rank.get(known.cls, 0):
            known.cls, known.cameo, known.label = frame.cls, frame.cameo, frame.label
        for role in ("actors", "places", "bodies", "about", "attributed", "parent", "stated_in"):
            getattr(known, role).update(getattr(frame, role))
        if frame.time is not None and (known.time is None or known.time_implied and not frame.time_implied
                                       or self.spans_from(frame, known)):
            known.time, known.time_evidence, known.time_implied = frame.time, frame.time_evidence, frame.time_implied
        elif frame.time is not None and not (frame.time_implied or known.time_implied):
            lasted = self.opened_and_ended(frame, known) or self.opened_and_ended(known, frame)
            if lasted is not None:
                known.time, known.time_evidence = lasted, known.time_evidence + frame.time_evidence
        # A later mention may make a plan firmer or call it off; what it could be ("podría celebrarse en
        # septiembre") does not undo a postponement or a cancellation already told.
        if frame.status and (known.status is None or frame.status != "scheduled") \
                and not (frame.status == "proposed" and known.status in ("postponed", "cancelled")):
            known.status, known.status_evidence = frame.status, frame.status_evidence
        known.quotations += [q for q in frame.quotations if q not in known.quotations]
        known.qualities += [q for q in frame.qualities if q not in known.qualities]

    def opened_and_ended(self, opened: Frame, day: Frame) -> TimeValue | None:
        """Return the days of an event one mention dates by the day it began ("había empezado el miércoles") and
        another by a later day ("terminó este jueves"): from the first to the second."""
        first, last = opened.time and opened.time.begin, day.time and day.time.begin
        if not first or not last or opened.time.end is not None or day.time.end != last or last <= first \
                or (opened.time.latest is not None and last > opened.time.latest):
            return None
        return TimeValue(begin=first, end=last)

    def spans_from(self, longer: Frame, day: Frame) -> bool:
        """Tell whether a mention gives the days of an event another one dates by its first day only ("arrancará
        el 25", then "se celebrará del 25 al 28"): the days it lasts."""
        if longer.time is None or day.time is None or longer.time_implied or day.time_implied:
            return False
        first, last = longer.time.begin, longer.time.end
        return bool(first and last and first < last and day.time.begin == day.time.end == first)

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
            if self.ctx.published is None:
                continue
            if frame.time and frame.time.sort_key() > self.ctx.published and frame.status is None:
                frame.status, frame.status_evidence = "scheduled", frame.time_evidence[:1] + [self.ctx.published_evidence]
            if frame.time is None and frame.status is None:
                frame.time = TimeValue(latest=self.ctx.published)
                frame.time_evidence = [self.ctx.published_evidence]
