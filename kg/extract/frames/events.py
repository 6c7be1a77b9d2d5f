"""Events: triggers, the clauses they stand in, and the circumstances of each (place, body, date, status)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.extract.frames.context import Context
from kg.extract.frames.merging import SUMMARY_BLOCKS
from kg.extract.frames.model import Evidence, Frame, evidence_of
from kg.extract.mentions import Mention
from kg.extract.patterns import ModuleRegexes
from kg.extract.segment import Sentence
from kg.extract.temporal import TimeValue, count_days, resolve
from kg.rdf.ids import slug

REGEXES = ModuleRegexes(__file__)

# A purpose clause ("para abordar…"): a place named inside it is not where the event happens.
PURPOSE = REGEXES.compile(r"\bpara [a-záéíóúñ]+(?:ar|er|ir)(?:se|lo|la)?\b")
# "sobre la guerra en Ucrania", "de la situación en Gaza": a place inside the subject matter of a talk is where
# the matter is, not where the talk is held ("las conversaciones de paz en Doha", with no article, are held there).
TOPIC_PLACE = REGEXES.compile(r"\b(?:sobre|acerca de|respecto (?:a|de)|en torno a|de|del)\s+"
                              r"(?:la|el|las|los|su|sus|esta|este)\s+(?:situación|crisis|guerra|conflicto|violencia|"
                              r"tensión|tensiones|ofensiva|invasión|ataques?|combates|escalada|seguridad|paz|presencia|"
                              r"despliegue|emergencia|catástrofe|ocupación)\b"
                              r"(?:\s+(?!(?:en|y|e|que|ayer|hoy|anoche|mañana|durante|con|tras)\b)[a-záéíóúñ]+){0,4}"
                              r"\s+$", re.IGNORECASE)
# A subordinate clause ("después de que el viernes un ataque en Jerusalén…") tells another situation:
# its dates and places are not the event's.
SUBORDINATE = REGEXES.compile(r"\b(?:después|antes|luego|a raíz|a pesar) de que\b|\b(?:desde que|porque|ya que|puesto que)\b")
# What closes a stretch of a sentence: a date, place or cue goes first with a trigger of its own stretch.
STRETCH_BOUNDS = REGEXES.compile(r"[,;:()\[\]—–]|\bque\b")
# Words that open a clause of its own, whose verb says nothing of the tense of a date outside it.
SUBORDINATORS = REGEXES.compile(r"\b(?:que|si|cuando|donde|porque|aunque)\b")
# Words of plan, which tell less of a date's tense than a verb of its stretch.
PLAN = REGEXES.compile(r"(?:previst|programad)[oa]s?")
# "la cumbre prevista para abril", "programada para el día 18": the day a plan names, right before the date.
PLANNED_FOR = REGEXES.compile(r"\b(?:previst|programad)[oa]s?\s+(?:para|en)\s+(?:el\s+|la\s+)?$", re.IGNORECASE)
# What a determiner says of the noun after it: its gender ("o"/"a", None when it does not say) and number.
DETERMINER_AGREEMENT = {"el": ("o", ""), "del": ("o", ""), "al": ("o", ""), "un": ("o", ""), "este": ("o", ""),
                        "ese": ("o", ""), "la": ("a", ""), "una": ("a", ""), "esta": ("a", ""), "esa": ("a", ""),
                        "los": ("o", "s"), "unos": ("o", "s"), "estos": ("o", "s"), "las": ("a", "s"),
                        "unas": ("a", "s"), "estas": ("a", "s"), "su": (None, ""), "sus": (None, "s")}
# "concluyó este jueves una visita de tres días", "puso fin a su gira de cinco días": the day named is the stay's last.
STAY_ENDED = REGEXES.compile(r"\b(?:conclu|termin|finaliz|culmin|cierr|cerr|clausur|puso fin|pone fin|pondrá fin)[a-záéíóúñ]*\b"
                             r"[^.;:]*$", re.IGNORECASE)
# A post someone holds a few words before a place ("el embajador ruso en Kiev"): where they serve.
POSTED = REGEXES.compile(r"\b(?:embajador|embajadora|representante|enviado|enviada|corresponsal|cónsul|delegado|delegada|"
                         r"encargado de negocios|encargada de negocios)\b(?:\s+[^\s,.;:]+){0,6}\s+$")
# The families of events held somewhere a summary's place may be given to: not a call, a visit or relations.
HELD_FAMILIES = {"agreement", "conference", "consultation", "decision", "meal", "meeting", "membership", "negotiation",
                 "round", "summit"}
PLACE_CLASSES = {"schema:City", "schema:Country", "schema:Place", "schema:Continent"}
# Articles that open a noun phrase, and the prepositions and conjunctions that make one a complement.
ARTICLES = {"un", "una", "unos", "unas", "el", "la", "los", "las"}
LINKS = {"de", "del", "en", "a", "al", "con", "entre", "sobre", "para", "por", "y", "e", "o", "u", "desde", "hasta",
         "contra", "tras", "sin", "según", "ante", "hacia"}
# A tense cue that is a conjugated verb, not a participle or adjective ("celebrada", "prevista", "pasado").
FINITE = REGEXES.compile(r"(?:ó|aron|ieron|ió|rá|rán|remos|rás)$|\s|^(?:fue|fueron)$")
# "…, en una reunión", "en la primera sesión": an event named as the occasion another one took place in.
SETTING = REGEXES.compile(r"(?:^|,)\s*(?:durante|en) (?:un|una|el|la|su) (?:(?:primer|primera|segunda|nueva|breve|larga|última) )?$")
# ", reunidos el martes en El Cairo, acordaron": a participle of gathering set off by commas before the verb.
GATHERED = REGEXES.compile(r"(?:reunid|congregad|citad)[oa]s?\b[^,.;:]*,\s*(?:[a-záéíóúñ]+\s+){0,2}$")
# "se reunieron el lunes en Quito y acordaron…": a second verb of the same subject, joined by "y", tells what was done there.
JOINED_VERB = REGEXES.compile(r"^[^,.;:]{0,60}\sy\s+$")
# "al margen de la": what is held on the margins of the event named next.
MARGIN = REGEXES.compile(r"\bal margen (?:de la|del|de)\s+$")
# "durante la cual", "en el transcurso del cual": what happens within the event named before.
DURING_WHICH = REGEXES.compile(r"\b(?:durante|en el transcurso de)\s+(?:la|el|las|los)\s+cual(?:es)?\b|"
                               r"\ben el transcurso del cual\b")
# Nothing, or one adjective, between a trigger and its venue: "la cumbre euromediterránea de Barcelona".
ADJECTIVE_GAP = REGEXES.compile(r"\s*|\s+(?!(?:para|sobre|entre|desde|hasta|tras|durante|contra|según|mediante)\b)"
                                r"[a-záéíóúñ]{4,}\s+")
# What an event was to be before its plan changed ("que estaba prevista para el lunes 18"): its place and day then
# are not its own.
FORMER_PLAN = REGEXES.compile(r"\b(?:en un principio|inicialmente|originalmente|en lugar de|en vez de|"
                              r"estaban? (?:previst|programad|fijad)[oa]s?)\b")
# "que se trasladó a", "se desplazará a": a reflexive verb of moving whose subject may be an event, not a traveller.
MOVED = REGEXES.compile(r"se\s+(?:traslad|desplaz)", re.IGNORECASE)
# A relative clause that has the event noun before it for its subject, ending at the verb of moving ("la reunión,
# que en un principio iba a celebrarse en Lima y que se trasladó"); not "a la que", "en la que".
SUBJECT_RELATIVE = REGEXES.compile(r"(?<!\bla )(?<!\bel )(?<!\blo )(?<!\blas )(?<!\blos )\bque\s+(?:[a-záéíóúñ]+mente\s+)?$",
                                   re.IGNORECASE)
# "entre la canciller peruana, Ana Soto": the first of those an event is between, in apposition (no
# word that opens a circumstance: "entre ambos, tras los de Lima, en junio" goes on with other events).
BETWEEN_LIST = REGEXES.compile(r"\s+entre\s(?:(?!(?:en|a|al|tras|desde|hasta|durante|antes|después|para|por|con|sobre|"
                               r"que|y|e|o)\b)[^\s.;:(),]+(?:[\s,]+|$))+$")
# "habían pactado": a time before the one told.
PLUPERFECT = REGEXES.compile(r"(?:había|habías|habíamos|habíais|habían)\s", re.IGNORECASE)
# A trigger that is an infinitive ("reunirse", "firmar el acuerdo").
INFINITIVE = REGEXES.compile(r"[a-záéíóúñ]+(?:ar|er|ir)(?:se|lo|la|le)?\b", re.IGNORECASE)
# Words that end as an infinitive does and are none.
NOT_INFINITIVES = {"lugar", "hogar", "mujer", "nuclear", "militar", "particular", "popular", "exterior", "interior",
                   "anterior", "posterior", "superior", "familiar", "similar", "regular", "titular", "par"}
# "la cumbre que debía celebrarse en Madrid en…", "la reunión, que tendrá lugar…": what follows tells when the
# event is held.
HELD_IN_RELATIVE = REGEXES.compile(r"[^\s,.;:]+(?:\s+[^\s.;:]+){0,5}?,?\s+que\s+(?:[^\s,.;:]+\s+){0,2}?(?:se\s+)?"
                                   r"(?:celebr|reun|desarroll|realiz|tendrá|tenía|tuvo|tendría)[^.;:]*$", re.IGNORECASE)
# "aplazaron la cita a…", "trasladarla a…", "pospuesta hasta…": the day an event is moved to is still to come.
RESCHEDULED = REGEXES.compile(r"\b(?:(?:aplaz|pospon|pospus|pospuest|posterg|retras|difer|difir)[a-záéíóúñ]*|"
                              r"traslad(?:arl[oa]s?|ad[oa]s?))"
                              r"(?:\s+[^\s,.;:]+){0,5}?\s+(?:a|al|para|hasta)\s+(?:la\s+|el\s+)?$", re.IGNORECASE)
# "acordaron reunirse", "decidieron celebrar en Manaos una cumbre", "se comprometieron a firmar el tratado": an
# event an infinitive (or its object) names after a verb of agreement or plan is still to come when agreed on.
AGREED = REGEXES.compile(r"\b(?P<verb>(?:acord|pact|decid|conv[ie]n|plane|promet|propus|propon|resolvi|se comprometi|"
                         r"quedaron en|anunci)[a-záéíóúñ]*)(?:\s+(?:en|a))?(?:\s+[^\s,.;:]+){0,8}?"
                         r"\s+(?P<infinitive>[a-záéíóúñ]+(?:ar|er|ir)(?:se|lo|la|los|las)?)(?:\s+[^\s,.;:]+){0,6}?$",
                         re.IGNORECASE)
# "pactaron una visita", "acordaron un nuevo encuentro": an event named by an indefinite object of such a verb.
AGREED_OBJECT = REGEXES.compile(r"\b(?P<verb>(?:acord|pact|conv[ie]n|plane|promet|anunci|concert)[a-záéíóúñ]*)"
                                r"\s+(?P<object>(?:un|una|otro|otra)\s+"
                                r"(?:(?:nuev[oa]|segund[oa]|tercer[oa]?|próxim[oa]|breve|larg[oa])\s+)?)$", re.IGNORECASE)
# "dos meses antes", "diez días después de": a time counted from another, which the sentence tells.
SHIFTED = REGEXES.compile(r"\b(?:horas|días|semanas|meses|años)\s+(?:antes|después|atrás)\b", re.IGNORECASE)
# An indefinite agreement after an infinitive or a conditional is sought, not reached: "para cerrar un acuerdo",
# "urgió a alcanzar un pacto", "no firmaría un acuerdo comercial".
SOUGHT = REGEXES.compile(r"\b(?:(?!(?:ayer|anteayer)\b)[a-záéíóúñ]+(?:ar|er|ir)|llegar a|[a-záéíóúñ]+rían?)\s+(?:un|una)\s+(?:(?:nuevo|nueva|primer|"
                         r"primera|gran|posible|eventual)\s+)?$")
# A mention opened by "Se trata de", "Es el", "Fue la" restates the event just told, in other words; so does one
# a saying opens so ("destacó que se trata de un acuerdo sin precedentes").
RESTATED = REGEXES.compile(r"(?:(?:^|[.;:]\s+)(?:Se trata del?|Es|Fue|Era|Será)|\bque se trata del?) "
                           r"(?:(?:el|la|un|una|su) )?(?:[a-záéíóúñ]+ ){0,2}$")
# ", que": a relative clause set off by a comma, whose subject is the name before the comma.
RELATIVE_OPENING = REGEXES.compile(r",\s*que\s*$")
# Infinitives that hold an event: what was agreed with one of them is still to come.
TO_HOLD = REGEXES.compile(r"(?:celebrar|organizar|convocar|reunirse|volver a reunirse|verse|encontrarse|mantener|"
                          r"reanudar|retomar|iniciar|abrir|entablar)\b", re.IGNORECASE)
# Where another situation is named: dates and places after it are not those of an event.
ANOTHER_TIME = REGEXES.compile(r"\bdesde\b")
# "desde el martes": the day an event began.
SINCE = REGEXES.compile(r"\b(?:[Dd]esde|[Aa] partir del?)\s+$")
# "había empezado el miércoles", "iniciadas el martes": a verb of beginning right before a date.
BEGUN = REGEXES.compile(r"\b(?:empez[óa]|empezad[oa]s?|comenz[óa]|comenzad[oa]s?|arranc[óa]|arrancad[oa]s?|se inici[óa]|"
                        r"iniciad[oa]s?|inaugurad[oa]s?)\s+(?:en\s+)?$", re.IGNORECASE)
# "la cita fue convenida el domingo (en una llamada)": the day after such a verb is the day it was agreed on.
ARRANGED = REGEXES.compile(r"\b(?:fue|fueron|ha sido|han sido|había sido|habían sido)\s+(?:convenid|pactad|acordad|"
                           r"anunciad|fijad|decidid|confirmad|convocad|concertad|programad)[oa]s?\s+$")
# "La reunión fue pactada…": a definite event noun, the subject of such a verb, is an event already told.
ARRANGED_SUBJECT = REGEXES.compile(r"(?:^|[.;:]\s+)(?:La|El|Esta|Este|Dicha|Dicho)\s+$")
ARRANGED_AFTER = REGEXES.compile(r"\s+(?:fue|fueron|ha sido|han sido|había sido|habían sido)\s+(?:convenid|pactad|acordad|"
                                 r"anunciad|fijad|decidid|confirmad|convocad|concertad|programad)[oa]s?\b")


class Events:
    """Builds the events of each sentence from its triggers and gives each the circumstances of its clause."""

    def __init__(self, ctx: Context) -> None:
        """Share the article's context; index the rules by id to read a trigger's settings; keep which triggers
        are told in the pluperfect as they are read."""
        self.ctx = ctx
        self.rules_by_id = {rule.id: rule for rule in ctx.rules.all_rules()}
        self.told_earlier_by_trigger: dict[Evidence, bool] = {}
        self.bounds_by_sentence: dict[int, list[int]] = {}

    def new_frame(self, m: Mention, settings: dict, sentence: Sentence) -> Frame:
        """Start a frame from an event trigger."""
        return Frame(cls=str(settings["class"]), cameo=str(settings["cameo"]), label=str(settings["label"]),
                     family=str(settings["family"]), sentence=sentence.index, spans=[evidence_of(m)],
                     instance=str(settings.get("instance", "merge")), parent_family=settings.get("parent"))

    def find_events(self, sentence: Sentence) -> list[tuple[Mention | None, Frame]]:
        """Build the events of a sentence, giving each clause's place, body, date and status to its event."""
        events: list[tuple[Mention | None, Frame]] = []
        previous: Frame | None = None
        # one more meeting a verb governs with a place or party of its own, and the meeting it copies
        same_verb: list[tuple[Frame, Frame]] = []
        for lo, hi, separator in self.clauses(sentence):
            # "no tiene planes de reunirse", "descartó una cumbre": a negated event is no event.
            # "para cerrar un acuerdo", "no firmaría un pacto": an agreement sought or imagined is none.
            triggers = [m for m in self.ctx.of(sentence, "event") if lo <= m.begin < hi and not self.denied(sentence, m)
                        and not self.sought(sentence, m) and not self.moved(sentence, m)]
            circumstances = [m for kind in ("venue", "frame", "date") for m in self.ctx.of(sentence, kind)
                             if lo <= m.begin < hi and not (kind == "date" and self.dates_other_span(sentence, m))]
            clause_events = []
            for m in triggers:
                settings = m.data["settings"]
                if settings.get("instance") in ("previous", "elided"):
                    # "previous": the event of an earlier clause goes on ("…, y posteriormente continuarán en
                    # Bruselas"); "elided": the event named last before, in this clause too ("tras la de Oporto").
                    model = clause_events[-1][1] if clause_events and settings["instance"] == "elided" else previous
                    if model is None or settings.get("with_party") and not self.takes_party(model, settings["family"]):
                        continue  # "y en Lisboa con Costa": one more meeting with someone, not one more visit
                    frame = self.copy_frame(model, sentence, evidence_of(m))
                    if settings.get("with_party"):
                        same_verb.append((frame, model))
                else:
                    frame = self.new_frame(m, settings, sentence)
                    if RESTATED.search(self.ctx.text[sentence.begin:m.begin]):
                        frame.instance = "refer"  # "Se trata de la primera visita…": the event just told
                    elif ARRANGED_SUBJECT.search(self.ctx.text[sentence.begin:m.begin]) \
                            and ARRANGED_AFTER.match(self.ctx.text, m.end):
                        frame.instance = "refer"  # "La reunión fue pactada el domingo…": the one already told
                clause_events.append((m, frame))
            # Circumstances that stand on their own: not "de Brasil" (a venue only right after a trigger), nor a
            # date in a subordinate clause ("…, y el primero desde que las tropas entraron el 2 de agosto") or
            # after "desde" ("…, y el primero desde los disturbios de mayo en la frontera").
            free = [c for c in circumstances if not c.data["settings"].get("adjacent")
                    and not SUBORDINATE.search(self.ctx.text[lo:c.begin]) and not self.after_another_time(sentence, lo, c)]
            if not clause_events and free and previous is not None and previous.instance != "refer" \
                    and separator is not None:
                # "…, y dentro de la OSCE el 13 de enero": one more occurrence of the event before.
                clause_text = self.ctx.text[lo:hi].rstrip(" .;,")
                clause_ev = Evidence(lo, lo + len(clause_text), separator.rule)
                clause_events.append((None, self.copy_frame(previous, sentence, clause_ev)))
            self.link_objects(clause_events)
            for m, frame in clause_events:
                self.add_circumstances(sentence, frame, m, clause_events, circumstances, (lo, hi))
            for frame, model in same_verb:
                if frame.time is None and model.time is not None:
                    # "se entrevistó la semana pasada en Quito con X y en Lima con Y": one verb, one time
                    frame.time, frame.time_evidence = model.time, list(model.time_evidence)
            self.share_margin(clause_events)
            self.share_span(clause_events)
            self.share_setting(clause_events)
            where = self.place_before(sentence, separator) if separator is not None else None
            for m, frame in clause_events:
                if where is not None and not frame.places.items:
                    # "viajó a Seúl, donde se reunirá con Moon": the place the clause opens on
                    frame.places.add(where[0], where[1], separator)
            if where is not None and previous is not None:
                self.link_trip(previous, clause_events)
            events.extend(clause_events)
            if clause_events:
                previous = clause_events[-1][1]
        self.link_appositions(sentence, events)
        return events

    def after_another_time(self, sentence: Sentence, lo: int, c: Mention) -> bool:
        """Tell whether a circumstance follows a "desde" that opens another situation, not a date: "…, y el
        primero desde los disturbios de mayo en la frontera" (but "donde estuvo desde el viernes" dates a stay)."""
        dates = self.ctx.of(sentence, "date")
        for since in ANOTHER_TIME.finditer(self.ctx.text, lo, c.begin):
            if not any(d.begin <= since.start() < d.end or since.end() < d.begin <= since.end() + 1 for d in dates):
                return True
        return False

    def clauses(self, sentence: Sentence) -> list[tuple[int, int, Evidence | None]]:
        """Split a sentence into its coordinated clauses, leaving whole the list of those an event is between: in
        "La reunión entre la canciller peruana, Ana Soto, y su homólogo chileno, Luis Reyes, tendrá lugar en…",
        ", y" names the second party, not another clause."""
        joined: list[tuple[int, int, Evidence | None]] = []
        for lo, hi, separator in self.ctx.clauses(sentence):
            if joined and separator is not None and self.between_list(sentence, joined[-1][0], separator.begin):
                joined[-1] = (joined[-1][0], hi, joined[-1][2])
            else:
                joined.append((lo, hi, separator))
        return joined

    def between_list(self, sentence: Sentence, lo: int, hi: int) -> bool:
        """Tell whether a stretch of a sentence ends in the list of those an event named in it is between, with no
        verb after the event."""
        return any(lo <= m.begin and BETWEEN_LIST.match(self.ctx.text, m.end, hi)
                   and not any(m.end <= t.begin and t.end <= hi and FINITE.search(self.ctx.text[t.begin:t.end])
                               for t in self.ctx.of(sentence, "tense"))
                   for m in self.ctx.of(sentence, "event") if m.end <= hi)

    def in_other_date(self, sentence: Sentence, frame: Frame, cue: Mention) -> bool:
        """Tell whether a status cue is a word of a date the event does not take ("próximo" of "a partir del
        próximo domingo", the day a truce begins): it tells what is ahead on that day, not the event."""
        taken = {(ev.begin, ev.end) for ev in frame.time_evidence}
        return any(d.begin <= cue.begin and cue.end <= d.end and (d.begin, d.end) not in taken
                   for d in self.ctx.of(sentence, "date"))

    def denied_for_other(self, sentence: Sentence, m: Mention) -> bool:
        """Tell whether a mention stands in what "no … sino …" denies to put something else in its stead: in "ya
        no se celebrará en Bogotá, como se anunció, sino en Santa Marta" neither the call-off nor Bogotá holds."""
        negations = [n for n in self.ctx.of(sentence, "negation") if n.begin <= m.begin]
        if not negations or re.search(r"[.;:]", self.ctx.text[negations[-1].end:m.begin]) \
                or re.match(r"\s*(?:solo|sólo|solamente|únicamente)\b", self.ctx.text[negations[-1].end:]):
            return False  # "no solo se reunieron en Lima, sino que…" denies nothing
        return bool(re.search(r"\bsino\b(?!\s+(?:que|también|además)\b)", self.ctx.text[m.end:sentence.end]))

    def moved(self, sentence: Sentence, m: Mention) -> bool:
        """Tell whether a verb of moving tells an event moved to another venue, not a journey: its subject is the
        event noun before it ("la cumbre, que iba a celebrarse en Lima y que se trasladó a Mendoza"), with no
        actor or verb of its own between them ("la cumbre terminó y el presidente se trasladó a Lima" is a journey)."""
        if m.data["settings"]["family"] != "visit" or not MOVED.match(self.ctx.text, m.begin):
            return False
        nouns = [e for e in self.ctx.of(sentence, "event") if e.end <= m.begin and not e.data["settings"].get("verbal")]
        if not nouns:
            return False
        noun = nouns[-1]
        if self.ctx.subject(sentence, m.begin, noun.end):
            return False
        if SUBJECT_RELATIVE.search(self.ctx.text, noun.end, m.begin):
            return True
        # with no relative clause, the noun's complements only: no punctuation, relative word or other verb between
        return not re.search(r"[,.;:]|\b(?:que|donde|cual|cuales)\b", self.ctx.text[noun.end:m.begin]) \
            and not any(noun.end <= t.begin and t.end <= m.begin for t in self.ctx.of(sentence, "tense"))

    def sought(self, sentence: Sentence, m: Mention) -> bool:
        """Tell whether an agreement named by its noun is only sought or imagined: an indefinite object of an
        infinitive or a conditional ("para cerrar un acuerdo", "llegar a un pacto", "no firmaría un acuerdo")."""
        if m.data["settings"].get("verbal") or m.data["settings"]["family"] != "agreement":
            return False
        return bool(SOUGHT.search(self.ctx.text[max(sentence.begin, m.begin - 40):m.begin]))

    def takes_party(self, frame: Frame, family: str) -> bool:
        """Tell whether an event is of a family kindred to a meeting's and its trigger names another party after
        "con" ("se reunió con", "habló por teléfono con"), not an agreement signed with someone."""
        rule = self.rules_by_id.get(frame.spans[0].rule)
        kin = {family, *self.ctx.rules.lexicon.get("kindred-families", {}).get(family, [])}
        return bool(rule and rule.get("with_party")) and frame.family in kin

    def link_trip(self, trip: Frame, clause_events: list[tuple[Mention | None, Frame]]) -> None:
        """Mark the meeting a "donde" clause tells after a journey as the journey's event: "volará a Lima, donde
        será recibido por el presidente", "viajará a Ankara, donde se reunirá con su homólogo" tell one visit
        (not "viajará a Osaka, donde asistirá a la cumbre": a summit has a life of its own; nor "viajó el lunes a
        Seúl, donde se reunirá mañana con…": a meeting of another day)."""
        if trip.family != "visit" or not clause_events:
            return
        m, frame = clause_events[0]
        if m is None or frame.family != "meeting" or not m.data["settings"].get("verbal") \
                or not m.data["settings"].get("with_party") or frame.same_as is not None:
            return
        other_day = trip.time and frame.time and not (trip.time.within(frame.time) or frame.time.within(trip.time))
        if trip.status == frame.status and not other_day:
            frame.same_as = trip

    def share_margin(self, clause_events: list[tuple[Mention | None, Frame]]) -> None:
        """Let an event held on the margins of another and that one share the place either names alone: "se
        reunieron al margen de la cumbre del G20 en Osaka", "un encuentro en Lima, al margen de la cumbre de la
        OEA" were held where the gathering was."""
        for (side_m, side), (main_m, main) in zip(clause_events, clause_events[1:]):
            if side_m is None or main_m is None:
                continue
            gap = self.ctx.text[side_m.end:main_m.begin]
            if len(gap) <= 160 and MARGIN.search(gap) and not re.search(r"[.;:]", gap):
                for a, b in ((side, main), (main, side)):
                    if not a.places.items:
                        a.places.update(b.places)

    def share_span(self, clause_events: list[tuple[Mention | None, Frame]]) -> None:
        """Give an event told in a clause "durante la cual" on another the time of that one when it has none: "una
        visita de dos días, durante la cual se reunirá con el primer ministro" falls within the visit."""
        for (outer_m, outer), (inner_m, inner) in zip(clause_events, clause_events[1:]):
            if outer_m is None or inner_m is None or inner.time is not None or outer.time is None:
                continue
            gap = self.ctx.text[outer_m.end:inner_m.begin]
            if len(gap) <= 100 and DURING_WHICH.search(gap) and not re.search(r"[.;:]", gap):
                inner.time, inner.time_evidence = outer.time, list(outer.time_evidence)

    def share_setting(self, clause_events: list[tuple[Mention | None, Frame]]) -> None:
        """Let an event and the one it took place in share the day, place and body either lacks: "acordaron el
        19 de junio, en la primera sesión de negociación, un calendario", "acordaron el sábado, en una reunión al
        margen de la cumbre del G20, reanudar…"; and a meeting its subject is said to be in, and what the subject
        does there: "los cancilleres, reunidos el martes en El Cairo, acordaron…"."""
        for (outer_m, outer), (inner_m, inner) in zip(clause_events, clause_events[1:]):
            if outer_m is None or inner_m is None or not outer_m.data["settings"].get("verbal"):
                continue
            gathered = (GATHERED.match(self.ctx.text[outer_m.begin:inner_m.begin])
                        or JOINED_VERB.match(self.ctx.text[outer_m.end:inner_m.begin])) \
                and inner_m.data["settings"].get("verbal")
            if not gathered and not SETTING.search(self.ctx.text[max(outer_m.end, inner_m.begin - 40):inner_m.begin]):
                continue
            for a, b in ((outer, inner), (inner, outer)):
                if a.time is None and b.time is not None:
                    a.time, a.time_evidence = b.time, list(b.time_evidence)
                for role in ("places", "bodies"):
                    if not getattr(a, role).items:
                        getattr(a, role).update(getattr(b, role))

    def place_before(self, sentence: Sentence, separator: Evidence) -> tuple[str, Evidence] | None:
        """Return the place a ", donde" clause refers to: the one named right before it."""
        if not re.search(r"\bdonde\b", self.ctx.text[separator.begin:separator.end]):
            return None
        for c in self.ctx.of(sentence, "venue"):
            if c.groups["place"][1] == separator.begin:
                return self.venue(sentence, c)
        for e in self.ctx.of(sentence, "entity"):
            if e.end == separator.begin and e.data.get("class") in PLACE_CLASSES:
                return self.ctx.place(e)
        return None

    def link_appositions(self, sentence: Sentence, events: list[tuple[Mention | None, Frame]]) -> None:
        """Mark an indefinite mention that describes the event just named as that event: "El encuentro, una
        reunión de trabajo de pocas horas, …", "se reunió con el rey en palacio, en un encuentro al que…"."""
        kindred = self.ctx.rules.lexicon.get("kindred-families", {})
        for i, (m, frame) in enumerate(events):
            if m is None or frame.same_as is not None:
                continue
            lead = re.search(r"(?:,|:|, en)\s+(?:un|una)\s+$", self.ctx.text[sentence.begin:m.begin])
            if lead is None:
                continue
            earlier = [(e, f) for e, f in events[:i] if e is not None
                       and (f.family == frame.family or f.family in kindred.get(frame.family, []))]
            if earlier:
                e, f = earlier[-1]
                gap = self.ctx.text[e.end:m.begin - len(lead.group())]
                if len(gap.split()) <= 12 and not re.search(r"[.;]", gap):
                    frame.same_as = f

    def link_objects(self, clause_events: list[tuple[Mention | None, Frame]]) -> None:
        """Mark a noun that a verbal trigger of its family governs as that verb's event: "firmaron el lunes en
        Atenas un acuerdo", "se reunieron en un encuentro a puerta cerrada" tell one event, not two."""
        for (verb, first), (noun, second) in zip(clause_events, clause_events[1:]):
            if verb is None or noun is None or first.family != second.family:
                continue
            if not verb.data["settings"].get("verbal") or noun.data["settings"].get("verbal"):
                continue
            gap = self.ctx.text[verb.end:noun.begin]
            if len(gap.split()) <= 12 and not re.search(r"[,.;:]|\bque\b", gap):
                second.same_as = first

    def move(self, frame: Frame, cue: Mention, circumstances: list[Mention]) -> None:
        """Give a postponed event the date it was moved to: "la cumbre, prevista para el 7 de junio, se aplazó al
        15 de noviembre" is one event, on its new date."""
        for c in circumstances:
            # the preposition may be the date's own first word ("hasta septiembre")
            if c.kind == "date" and cue.end <= c.begin and re.match(r"[^,.;]{0,25}?\b(?:a|al|hasta|para)\s",
                                                                    self.ctx.text[cue.end:c.end]):
                value = resolve(c, self.ctx.text, self.ctx.rules.lexicon, self.ctx.published, "future")
                if value is not None:
                    frame.time, frame.time_evidence, frame.time_implied = value, [evidence_of(cue), evidence_of(c)], False
                return

    def venue(self, sentence: Sentence, c: Mention) -> tuple[str, Evidence] | None:
        """Resolve the place of a venue: "la capital egipcia", "la capital de Kazajistán" to the capital the
        lexicon knows (else named as the article says it), "en territorio marroquí" to the country its demonym
        names, else the place it names; None for a demonym no country has."""
        ev = evidence_of(c, "place")
        country = None
        if "demonym" in c.groups:
            country = self.ctx.rules.lexicon.get("demonym", {}).get(self.ctx.text[slice(*c.groups["demonym"])])
        elif "country" in c.groups:
            named = self.ctx.named_at(sentence, c, "country")
            country = str(named.data["entity"]) if named is not None else None
        if not c.data["settings"].get("capital"):
            if "demonym" not in c.groups:
                return self.ctx.venue_place(sentence, c)
            return (self.ctx.entity(country, ev, "place"), ev) if country else None
        city = self.ctx.rules.capital(country) if country else None
        if city is not None:
            return self.ctx.entity(city, ev, "place"), ev
        label = self.ctx.text[slice(*c.groups["place"])]
        return self.ctx.entity(slug(label), ev, "place", label=label, cls="schema:Place"), ev

    def subject_body(self, sentence: Sentence, m: Mention) -> tuple[str, Evidence] | None:
        """Return the body whose clause an event is told in when it is the clause's only subject, itself or
        through its members: "Unasur, reunida en Mendoza", "Los cancilleres de la Liga Árabe acordaron", "Los
        líderes del G20 celebraron una cumbre", "el Consejo de Seguridad, que celebrará una sesión". Not a body beside a country or a person: "la UE y China
        firmaron" are parties."""
        start = self.ctx.clause_start(sentence, m.begin)
        subjects = self.ctx.subject(sentence, m.begin, start) or self.relative_subject(sentence, start)
        if len(subjects) != 1 or subjects[0].kind != "entity":
            return None
        subject = subjects[0]
        eid = str(subject.data["member_of"]) if subject.data.get("member_of") else str(subject.data["entity"])
        known = self.ctx.rules.entities.get(eid)
        if known is None or known.cls != "schema:Organization":
            return None
        ev = evidence_of(subject)
        return self.ctx.entity(eid, ev, "body"), ev

    def relative_subject(self, sentence: Sentence, start: int) -> list[Mention]:
        """Return the name a relative clause set off by a comma follows, its subject: "la OTAN, que se reunió"."""
        if not RELATIVE_OPENING.search(self.ctx.text, sentence.begin, start):
            return []
        comma = self.ctx.text.rindex(",", sentence.begin, start)
        return [e for e in self.ctx.of(sentence, "entity") if e.end == comma][-1:]

    def posted(self, sentence: Sentence, c: Mention) -> bool:
        """Tell whether a place is where someone named before it serves ("el embajador ruso en Kiev"), not a venue:
        a title of a post a few words before "en" and the place, with no trigger between ("el enviado visitó Siria"
        names where the envoy went)."""
        before = self.ctx.text[max(sentence.begin, c.begin - 60):c.begin]
        post = POSTED.search(before)
        if post is None or not self.ctx.text.startswith("en ", c.begin):
            return False
        start = c.begin - len(before) + post.start()
        return not any(start <= t.begin < c.begin for t in self.ctx.of(sentence, "event"))

    def denied(self, sentence: Sentence, m: Mention) -> bool:
        """Tell whether a negation denies the event a trigger names: right before it ("no se reunieron"), or a
        few words before for a rule that is not adjacent ("no tiene planes de reunirse")."""
        for n in self.ctx.of(sentence, "negation"):
            gap = self.ctx.text[n.end:m.begin]
            if n.end <= m.begin and (gap.strip() == "" if n.data["settings"].get("adjacent")
                                     else re.fullmatch(r"[^,.;:]{0,40}", gap)):
                return True
        return False

    def dates_other_span(self, sentence: Sentence, c: Mention) -> bool:
        """Tell whether a date belongs to the saying ("anunció este martes que…"), to the calling off of an
        event ("suspendió este jueves la cumbre"), to a document ("fechada hoy") or only bounds a span ("hasta")."""
        if re.search(r"\b(?:hasta|fechad[oa]s?)\s+$", self.ctx.text[max(sentence.begin, c.begin - 9):c.begin]):
            return True  # "hasta el martes" bounds a span; "una carta fechada hoy" dates a document
        acts = [cue for cue in self.ctx.of(sentence, "status") if cue.data["settings"]["status"] in ("cancelled", "postponed")]
        return any(self.ctx.dates_saying(sentence, verb, c) for verb in self.ctx.of(sentence, "report")) \
            or any(self.right_after(act, c) for act in acts)

    def right_after(self, verb: Mention, c: Mention) -> bool:
        """Tell whether a date follows a verb with at most one word between them ("dijo el domingo")."""
        return verb.end <= c.begin and len(self.ctx.text[verb.end:c.begin].split()) <= 1

    def dates_saying_after(self, sentence: Sentence, m: Mention, c: Mention) -> bool:
        """Tell whether a date right after a reporting verb dates only the saying for an event named before the
        verb, in the words reported ("«…de esa reunión…», dijo el domingo"); a verb that holds an event
        ("sostuvieron hoy conversaciones") says nothing."""
        held = self.ctx.of(sentence, "event") + self.ctx.of(sentence, "support")
        return any(m.end <= v.begin and self.right_after(v, c) and not any(v.overlaps(h) for h in held)
                   for v in self.ctx.of(sentence, "report"))

    def dates_saying_before(self, sentence: Sentence, m: Mention, c: Mention, frame: Frame) -> bool:
        """Tell whether a date before a reporting verb dates only the saying for a gathering its object names
        ("Hace dos semanas, Trump había anunciado la fecha del encuentro", "El lunes, el Kremlin anunció una
        cumbre"); not what a clause after "que" tells, which has a time of its own, nor an agreement, reached when
        it is announced ("anunciaron este viernes un acuerdo")."""
        if frame.family in ("agreement", "decision"):
            return False
        return any(c.end <= v.begin and v.end <= m.begin
                   and not any(c.end <= t.begin < v.begin for t in self.ctx.of(sentence, "event"))
                   and not re.search(r"[.;:]|\bque\b", self.ctx.text[c.end:v.begin])
                   and not re.search(r"[.;:]|\bque\b", self.ctx.text[v.end:m.begin])
                   for v in self.ctx.of(sentence, "report"))

    def copy_frame(self, model: Frame, sentence: Sentence, evidence: Evidence) -> Frame:
        """Start a new occurrence of the same kind of event as a model frame."""
        return Frame(cls=model.cls, cameo=model.cameo, label=model.label, family=model.family,
                     sentence=sentence.index, spans=[evidence], instance="new", parent_family=model.parent_family)

    def segment(self, sentence: Sentence, position: int) -> tuple[int, int]:
        """Return the stretch of a sentence between punctuation marks (commas, colons, brackets, dashes) and
        relative or complement "que" that holds a position: in "la reunión, que iba a celebrarse en Lima el
        martes y que se trasladó…" the date stays with the meeting."""
        bounds = self.bounds_by_sentence.get(sentence.index)
        if bounds is None:  # found once a sentence: each circumstance of it asks
            bounds = self.bounds_by_sentence[sentence.index] = [sentence.begin, sentence.end] + [
                sentence.begin + b.start() for b in STRETCH_BOUNDS.finditer(self.ctx.text[sentence.begin:sentence.end])]
        return max(b for b in bounds if b <= position), min(b for b in bounds if b > position)

    def owner(self, sentence: Sentence, c: Mention, clause_events: list) -> Frame | None:
        """Return the event a circumstance belongs to: the nearest trigger before it within its stretch, else the
        nearest after it there, else the nearest before it in the clause, else the first after it. A status said
        by an infinitive is the event's after it ("acordaron aplazar la ronda"). A day an event was agreed on ("la
        cita fue convenida el domingo en una llamada") is the next event's, and so is what stands between the
        infinitive that names an agreed event and its noun ("acordaron celebrar este año en Lima una cumbre"); a
        relative clause on something else ("respaldaron un plan que prevé el alto el fuego en Donbás") is no
        event's."""
        def start(pair) -> int:
            return pair[0].begin if pair[0] is not None else pair[1].spans[0].begin
        # "fue pactada el domingo en Bogotá": the day and the place of the arrangement, not of the event
        lead = min([d.begin for d in self.ctx.of(sentence, "date") if d.end <= c.begin
                    and not self.ctx.text[d.end:c.begin].strip()], default=c.begin)
        if c.kind in ("date", "venue") and ARRANGED.search(self.ctx.text[sentence.begin:lead]):
            after = [pair for pair in clause_events if start(pair) >= c.end]
            return after[0][1] if after else None
        following = next((pair for pair in clause_events if pair[0] is not None and start(pair) >= c.end), None)
        agreed = self.agreed(sentence, following[0]) if following is not None else None
        if agreed is not None and agreed[0] < c.begin:
            return following[1]  # "acordaron celebrar este año una nueva ronda": the date and place of the round
        lo, hi = self.segment(sentence, c.begin)
        before = [pair for pair in clause_events if start(pair) <= c.begin]
        near_before = [pair for pair in before if start(pair) >= lo]
        near_after = [pair for pair in clause_events if c.begin < start(pair) < hi]
        if c.kind == "status" and near_after and INFINITIVE.fullmatch(self.ctx.text[c.begin:c.end]):
            return near_after[0][1]  # "acordaron aplazar la ronda": the act falls on the event it governs
        if near_before or near_after:
            return (near_before[-1:] or near_after[:1])[0][1]
        if before:
            if re.match(r"que\b", self.ctx.text[lo:hi]) and self.relative_elsewhere(sentence, before[-1], lo):
                return None
            return before[-1][1]
        return clause_events[0][1]

    def relative_elsewhere(self, sentence: Sentence, pair: tuple[Mention | None, Frame], que: int) -> bool:
        """Tell whether a relative "que" after an event's trigger is about something else: a verb or a noun
        phrase of its own stands between them ("respaldaron un plan que…"), not only the trigger's complements
        ("la cumbre entre la UE y América Latina que…"); the "que" of a reporting verb is none."""
        trigger_end = pair[0].end if pair[0] is not None else pair[1].spans[0].end
        if any(v.end <= que and not self.ctx.text[v.end:que].strip() for v in self.ctx.of(sentence, "report")):
            return False
        verbs = [t for t in self.ctx.of(sentence, "tense") if FINITE.search(self.ctx.text[t.begin:t.end])]
        if any(trigger_end <= v.begin < que for v in verbs + self.ctx.of(sentence, "report")):
            return True
        words = self.ctx.text[trigger_end:que].lower().replace(",", " ").split()
        return any(w in ARTICLES and (i == 0 or words[i - 1] not in LINKS) for i, w in enumerate(words))

    def agreed(self, sentence: Sentence, m: Mention) -> tuple[int, Evidence] | None:
        """Return where the infinitive or object that names an agreed or planned event starts ("acordaron celebrar
        una cumbre", "pactaron reunirse", "acordaron celebrar este mismo año en Lima una nueva ronda de diálogo",
        "pactaron una visita") and the verb of agreement, or None when no such verb governs the trigger."""
        offset = max(sentence.begin, m.begin - 120)
        # the infinitive is the trigger itself, or comes a few words before it
        for end in (m.end, m.begin):
            found = AGREED.search(self.ctx.text[offset:end].rstrip())
            if found is not None and found.group("infinitive").lower() not in NOT_INFINITIVES \
                    and not re.search(r"\bque\b", found.group()):
                return offset + found.start("infinitive"), Evidence(offset + found.start("verb"),
                                                                    offset + found.end("verb"), m.rule)
        found = AGREED_OBJECT.search(self.ctx.text[max(sentence.begin, m.begin - 60):m.begin])
        if found is None:
            return None
        offset = m.begin - len(found.string)
        return offset + found.start("object"), Evidence(offset + found.start("verb"), offset + found.end("verb"),
                                                        m.rule)

    def after_agreement(self, sentence: Sentence, c: Mention, agreed: tuple[int, Evidence]) -> TimeValue | None:
        """Resolve the date of an agreed event forward from the day of the agreement, when the sentence gives that
        day between the verb and the infinitive ("acordaron en enero reunirse en febrero"); only a date whose year
        is to be chosen, and None when no such day is given."""
        published = self.ctx.published
        if published is None or c.data["settings"]["kind"] not in ("date", "range", "vague", "month"):
            return None
        lexicon = self.ctx.rules.lexicon
        told = [d for d in self.ctx.of(sentence, "date") if agreed[1].begin <= d.begin and d.end <= agreed[0]]
        agreed_on = resolve(told[0], self.ctx.text, lexicon, published, "past") if told else None
        first = agreed_on and (agreed_on.begin or agreed_on.earliest)
        if first is None or first > published:
            return None
        return resolve(c, self.ctx.text, lexicon, first, "future")

    def give_time(self, sentence: Sentence, frame: Frame, anchor: int, dates: list[Mention],
                  clause: tuple[int, int], agreed: tuple[int, Evidence] | None = None) -> bool:
        """Date an event by the date of its clause nearest to its trigger, resolved by the tense of the verb the
        date depends on; "desde el martes" only opens the event, which lasts until the publication unless told
        in the future; a span told in the past ends by the publication at the latest, one told in the future
        begins by it at the earliest. A date the event's own relative clause gives ("renunció en febrero a la
        cumbre que debía celebrarse en mayo") wins over one of the verb that governs it. A date of an agreed event
        ("acordaron reunirse en abril") lies ahead of the agreement; tell whether the date was so resolved."""
        held = [d for d in dates if d.begin >= anchor and HELD_IN_RELATIVE.match(self.ctx.text[anchor:d.begin])]
        # "una visita de tres días": a stay said right after the trigger is its time
        stays = [d for d in dates if d.data["settings"]["kind"] == "stay" and 0 <= d.begin - anchor <= 40]
        c = min(held or stays or dates, key=lambda d: d.begin - anchor if d.begin >= anchor else anchor - d.end)
        ahead = agreed is not None and c.begin >= agreed[0]
        tense, tense_ev = ("future", agreed[1]) if ahead else self.tense_of(sentence, c, clause)
        value = (self.after_agreement(sentence, c, agreed) if ahead else None) or self.resolve_date(sentence, c, tense)
        if value is None:
            return False
        if self.opens(sentence, c) or (tense != "future" and self.began(sentence, c)):
            first = value.begin or value.earliest
            last = self.ctx.published if tense != "future" and self.ctx.published and first \
                and first <= self.ctx.published else None
            value = TimeValue(begin=value.begin, earliest=value.earliest, latest=last)
        published = self.ctx.published
        if tense == "past" and published and value.latest and value.earliest and value.earliest <= published \
                < value.latest:
            # "dio luz verde a comienzos de mes", told in the past: not after the day it is told on
            value = value._replace(latest=published)
        if tense == "future" and published and value.latest and value.earliest and value.earliest < published \
                <= value.latest:
            # "celebrarán este año una nueva ronda", told in the future: not before the day it is told on
            value = value._replace(earliest=published)
        frame.time = value
        frame.time_evidence = [evidence_of(c)] + ([tense_ev] if tense_ev and "year" not in c.groups else [])
        return ahead

    def date_by_news_day(self, frames: list[Frame]) -> None:
        """Date each event told in the preterite or the perfect with no date of its own by the day of the
        article's main event, when that is the publication's day or the one before: a wire story tells the day's
        news and dates what it tells of other days. Not the pluperfect ("habían pactado"), which tells an earlier
        time, nor what the headline and lead tell (they tell the main event). Run once the mentions are merged,
        so that a day given this way joins no two events."""
        focal = self.ctx.focal.root() if self.ctx.focal is not None else None
        day = self.news_day()
        if day is None:
            return
        for frame in frames:
            if frame.statement or frame.merged_into is not None or frame is focal:
                continue
            verb = self.told_as_news(frame)
            if verb is not None:
                frame.time, frame.time_implied = day, True
                frame.time_evidence = [evidence_of(verb)] + focal.time_evidence[:1]

    def news_day(self) -> TimeValue | None:
        """Return the day of the article's main event when it is the publication's day or the one before: its last
        day, when it lasted several (a summit that began the day before and ended on the day it is told)."""
        focal = self.ctx.focal.root() if self.ctx.focal is not None else None
        span = focal.time if focal is not None else None
        published = self.ctx.published
        if span is None or published is None or span.begin is None or span.end is None \
                or not 0 <= (published - span.end).days <= 1:
            return None
        return span if span.begin == span.end else TimeValue(begin=span.end, end=span.end)

    def told_as_news(self, frame: Frame) -> Mention | None:
        """Return the verb that tells an undated body event in the preterite or the perfect, the way the day's
        news is told; None for an event with a date or status, in the headline or lead, in a sentence that
        shifts the time ("dos días después"), or told in the pluperfect."""
        if frame.time is not None or frame.status is not None:
            return None
        sentence = self.ctx.sentences[frame.sentence]
        if sentence.block in SUMMARY_BLOCKS or SHIFTED.search(self.ctx.text[sentence.begin:sentence.end]):
            return None
        trigger = frame.spans[0]
        verb = self.finite_verb_near(sentence, trigger)
        if verb is None and not INFINITIVE.match(self.ctx.text[trigger.begin:trigger.end]) \
                and not any(lo <= trigger.begin < hi for lo, hi in self.ctx.quotes(sentence)):
            # "Tras una reunión de dos horas, firmaron…": a phrase with no verb of its own takes the sentence's,
            # but words quoted take no time from the verb that reports them.
            verb = self.finite_verb_near(sentence, trigger, (sentence.begin, sentence.end))
            if verb is not None and any(verb.overlaps(r) for r in self.ctx.of(sentence, "report")):
                verb = None
        if verb is None or verb.data["settings"]["tense"] != "past" \
                or PLUPERFECT.match(self.ctx.text[verb.begin:verb.end]):
            return None
        return verb

    def told_before(self, frame: Frame) -> bool:
        """Tell whether the verb nearest to an event mention is a pluperfect ("habían bloqueado las negociaciones"),
        which tells a time before the one the article tells."""
        verb = self.finite_verb_near(self.ctx.sentences[frame.sentence], frame.spans[0])
        return verb is not None and bool(PLUPERFECT.match(self.ctx.text[verb.begin:verb.end]))

    def told_earlier(self, frame: Frame) -> bool:
        """Tell whether an event mention is told in the pluperfect, by the verb nearest to it or, in a phrase with
        no verb of its own, by the verb of its sentence ("ya habían conversado en abril, durante la cumbre…")."""
        trigger = frame.spans[0]
        if trigger not in self.told_earlier_by_trigger:  # asked of every pair of mentions: read each trigger once
            sentence = self.ctx.sentences[frame.sentence]
            verb = self.finite_verb_near(sentence, trigger) \
                or self.finite_verb_near(sentence, trigger, (sentence.begin, sentence.end))
            self.told_earlier_by_trigger[trigger] = verb is not None \
                and bool(PLUPERFECT.match(self.ctx.text[verb.begin:verb.end]))
        return self.told_earlier_by_trigger[trigger]

    def infinitive(self, trigger: Evidence) -> bool:
        """Tell whether a trigger is an infinitive ("darse la mano", "firmar la paz")."""
        return bool(INFINITIVE.match(self.ctx.text[trigger.begin:trigger.end]))

    def place_by_headline(self, frames: list[Frame]) -> None:
        """Give each event the kicker, headline or lead tells with no place of its own the one place the kicker and
        headline give their events ("Cumbre en Quito" over "El bloque suspende a Venezuela"; "Firman en Oslo el
        acuerdo…" over a lead on the handshake of its signatories): the summary tells the day's news where it
        happens. Not a call, nor a visit (it goes where it says), nor an event still to come or only proposed."""
        heads = [s for s in self.ctx.sentences if s.block in ("kicker", "headline")]
        live = [f for f in frames if f.merged_into is None and not f.statement]
        named = {eid: evidence for f in live for eid, evidence in f.places.items.items()
                 if any(s.begin <= ev.begin < s.end for ev in evidence for s in heads)}
        if len(named) != 1:
            return
        [(eid, evidence)] = named.items()
        for frame in live:
            if frame.places.items or frame.family not in HELD_FAMILIES \
                    or frame.status in ("scheduled", "proposed", "postponed") \
                    or self.ctx.sentences[frame.sentence].block not in SUMMARY_BLOCKS:
                continue
            frame.places.add(eid, *evidence)

    def finite_verb_near(self, sentence: Sentence, trigger: Evidence,
                         stretch: tuple[int, int] | None = None) -> Mention | None:
        """Return the conjugated verb nearest to a trigger in its stretch of the sentence, or in the stretch given
        (the trigger itself, when it is one), not a participle or an adjective of time ("celebrada", "pasado");
        None for a trigger that is an infinitive ("esperan volver a reunirse"), which tells no time of its own."""
        if INFINITIVE.match(self.ctx.text[trigger.begin:trigger.end]):
            return None
        lo, hi = stretch or self.segment(sentence, trigger.begin)
        verbs = [t for t in self.ctx.of(sentence, "tense") if lo <= t.begin and t.end <= hi
                 and (FINITE.search(self.ctx.text[t.begin:t.end]) or t.rule == "tense.past-irregular")]
        verb = min(verbs, key=lambda t: (max(trigger.begin - t.end, t.begin - trigger.end, 0), t.begin), default=None)
        # "urgió a su homólogo a alcanzar un pacto": the event is what an infinitive between them names.
        if verb is not None and verb.end <= trigger.begin and any(
                INFINITIVE.fullmatch(w) and w.lower() not in NOT_INFINITIVES
                for w in re.findall(r"[^\W\d]+", self.ctx.text[verb.end:trigger.begin])):
            return None
        return verb

    def began(self, sentence: Sentence, c: Mention) -> bool:
        """Tell whether a date is the day an event began, told by a verb of beginning right before it: "había
        empezado el miércoles", "que arrancó el 26 de marzo", "inaugurada el 30 de noviembre"."""
        return bool(BEGUN.search(self.ctx.text[max(sentence.begin, c.begin - 30):c.begin]))

    def opens(self, sentence: Sentence, c: Mention) -> bool:
        """Tell whether a date is the day something began: "desde el martes", "a partir del lunes"."""
        before = self.ctx.text[max(sentence.begin, c.begin - 12):c.begin]
        return bool(SINCE.search(before) or SINCE.search(self.ctx.text[c.begin:c.begin + 6] + " "))

    def tense_of(self, sentence: Sentence, c: Mention, clause: tuple[int, int]) -> tuple[str | None, Evidence | None]:
        """Return the tense of the verb a date depends on: the future for the day an event is moved to
        ("acordaron trasladarla a la tercera semana de noviembre"), a cue in its stretch, a verb before a word of
        plan ("suspendió la reunión prevista para el 16"), else the nearest cue in its clause that no "que" or "si"
        parts from it ("la cumbre que se celebrará el día 18, según ha anunciado…" is to come; in "regresó
        convencido de que habría cumbre en junio" nothing tells which June)."""
        # the preposition may be the date's own first word ("a la tercera semana de noviembre")
        own = re.match(r"(?:(?:a|al|para|hasta)\s+)?", self.ctx.text[c.begin:c.end], re.IGNORECASE).group()
        moved = RESCHEDULED.search(self.ctx.text[max(sentence.begin, c.begin - 50):c.begin] + own)
        if moved is not None:
            return "future", Evidence(c.begin + len(own) - len(moved.group()), c.begin + len(own), c.rule)
        said = re.match(r"(?:(?:en|para)\s+)?", self.ctx.text[c.begin:c.end], re.IGNORECASE).group()
        if PLANNED_FOR.search(self.ctx.text[max(sentence.begin, c.begin - 40):c.begin] + said):
            # "suspendió la cumbre prevista para abril": the plan may lie either side of the day it is told on.
            return None, None
        lo, hi = self.segment(sentence, c.begin)
        text = self.ctx.text[clause[0]:clause[1]]
        cuts = [clause[0] + cut.start() for cut in SUBORDINATORS.finditer(text)]
        part = (max([b for b in cuts if b <= c.begin], default=clause[0]),
                min([b for b in cuts if b > c.begin], default=clause[1]))
        stretch = (max(lo, clause[0]), min(hi, clause[1]))
        verbs = [t for t in self.ctx.of(sentence, "tense") if stretch[0] <= t.begin and t.end <= stretch[1]
                 and not PLAN.fullmatch(self.ctx.text[t.begin:t.end])]
        if verbs:
            nearest = min(verbs, key=lambda t: abs(t.begin - c.begin))
            return nearest.data["settings"]["tense"], evidence_of(nearest)
        for within in (stretch, part):
            tense, ev = self.ctx.tense_near(sentence, c.begin, c.end, within)
            if tense is not None:
                return tense, ev
        return None, None

    def resolve_date(self, sentence: Sentence, c: Mention, tense: str | None) -> TimeValue | None:
        """Resolve a date mention; a day said alone ("el día 16") takes the month a date before it in the sentence
        names, and "la víspera", "al día siguiente" count from the day named last before them in the sentence
        (else in the sentence before it in the paragraph, leaving out the day of a saying there), else from the
        article's main event, else from the publication; a duration ends on the day its sentence names."""
        kind = c.data["settings"]["kind"]
        reference = None
        if kind == "duration":
            reference = self.duration_end(sentence, c)
        if kind == "stay":
            reference = self.stay_start(sentence, c)
        if kind in ("day", "relative"):
            earlier = [(sentence, d) for d in self.ctx.of(sentence, "date") if d.end <= c.begin
                       and (kind == "relative" or "month" in d.groups)]
            previous = self.ctx.sentences[sentence.index - 1] if sentence.index > 0 else None
            if kind == "relative" and not earlier and previous is not None \
                    and "\n" not in self.ctx.text[previous.end:sentence.begin]:
                sayings = self.ctx.of(previous, "attribution") + self.ctx.of(previous, "report")
                earlier = [(previous, d) for d in self.ctx.of(previous, "date")
                           if not self.dates_other_span(previous, d)
                           and not any(v.begin <= d.begin and d.begin - v.end < 12 for v in sayings)]
            for where, d in reversed(earlier):
                value = resolve(d, self.ctx.text, self.ctx.rules.lexicon, self.ctx.published,
                                self.tense_of(where, d, (where.begin, where.end))[0])
                reference = value and (value.begin or value.earliest)
                if reference is not None:
                    break
            focal = self.ctx.focal.root().time if self.ctx.focal is not None else None
            if reference is None and kind == "relative" and focal is not None and focal.begin:
                reference = focal.begin
        return resolve(c, self.ctx.text, self.ctx.rules.lexicon, self.ctx.published, tense, reference)

    def plan_of_another(self, sentence: Sentence, m: Mention, c: Mention) -> bool:
        """Tell whether a date a plan names ("prevista para el próximo año") is that of another noun than an event's
        trigger: a verb, or a noun whose determiner does not agree with the participle."""
        said = re.match(r"(?:(?:en|para)\s+)?", self.ctx.text[c.begin:c.end], re.IGNORECASE).group()
        plan = PLANNED_FOR.search(self.ctx.text[max(sentence.begin, c.begin - 40):c.begin] + said)
        if plan is None or c.begin < m.end:
            return False
        if m.data["settings"].get("verbal"):
            return True
        participle = re.match(r"\w+", plan.group()).group().lower()
        # the determiner right before the trigger, or before an adjective of it ("la primera reunión")
        words = self.ctx.text[max(sentence.begin, m.begin - 30):m.begin].lower().split()[-2:]
        agreement = next((DETERMINER_AGREEMENT[w] for w in reversed(words) if w in DETERMINER_AGREEMENT), None)
        if agreement is None:
            return False
        gender, number = agreement
        return not participle.endswith((gender or "") + number) or (not number and participle.endswith("s"))

    def stay_start(self, sentence: Sentence, c: Mention) -> date | None:
        """Return the day a stay begins on: the single day its sentence names nearest before it ("llegó el domingo
        para una visita de tres días"), else nearest after it, counted back from it when the sentence tells the stay's end ("concluyó este jueves
        una visita de tres días"); None when the sentence names no day."""
        days = []
        for d in self.ctx.of(sentence, "date"):
            if d is c or d.data["settings"]["kind"] in ("duration", "stay"):
                continue
            value = resolve(d, self.ctx.text, self.ctx.rules.lexicon, self.ctx.published,
                            self.tense_of(sentence, d, (sentence.begin, sentence.end))[0])
            if value is not None and value.begin is not None and value.begin == value.end:
                # a day before the stay is where it starts from ("llegó el domingo para…"), before one after it
                days.append((d.begin > c.begin, min(abs(d.begin - c.end), abs(c.begin - d.end)), value.begin))
        if not days:
            return None
        day = min(days)[2]
        if STAY_ENDED.search(self.ctx.text[max(sentence.begin, c.begin - 80):c.begin]):
            groups = {name: self.ctx.text[b:e] for name, (b, e) in c.groups.items()}
            day -= timedelta(days=count_days(groups, self.ctx.rules.lexicon) - 1)
        return day

    def duration_end(self, sentence: Sentence, c: Mention) -> date | None:
        """Return the day a duration ends on ("tras ocho días de negociaciones, anunciaron hoy…", "las dos jornadas
        de conversaciones concluyeron el martes"): the day nearest to it in its sentence, not after the publication;
        in a headline or lead with no such day, the publication's; else None."""
        days = []
        for d in self.ctx.of(sentence, "date"):
            if d is c or d.data["settings"]["kind"] == "duration":
                continue
            value = resolve(d, self.ctx.text, self.ctx.rules.lexicon, self.ctx.published,
                            self.tense_of(sentence, d, (sentence.begin, sentence.end))[0])
            if value is not None and value.begin is not None and value.begin == value.end \
                    and (self.ctx.published is None or value.begin <= self.ctx.published):
                days.append((min(abs(d.begin - c.end), abs(c.begin - d.end)), value.begin))
        if days:
            return min(days)[1]
        return self.ctx.published if sentence.block in SUMMARY_BLOCKS else None

    def add_circumstances(self, sentence: Sentence, frame: Frame, m: Mention | None,
                          clause_events: list, circumstances: list[Mention], clause: tuple[int, int]) -> None:
        """Give an event the places, bodies, dates and status cues of its clause that are nearest to it."""
        anchor = m.begin if m is not None else frame.spans[0].begin
        dates = []
        for c in circumstances:
            if self.owner(sentence, c, clause_events) is not frame:
                continue
            if m is not None and m.end <= c.begin and SUBORDINATE.search(self.ctx.text[m.end:c.begin]):
                continue
            if c.kind == "date" and m is not None and m.end <= c.begin and self.after_another_time(sentence, m.end, c):
                continue  # "la primera visita desde la que realizó Hu en 2005": the day of the one before
            if c.kind == "date" and m is not None and self.dates_saying_after(sentence, m, c):
                continue
            if c.kind == "date" and m is not None and self.plan_of_another(sentence, m, c):
                continue  # "durante el encuentro hablaron de la revisión del tratado, prevista para 2026"
            if c.kind == "date" and m is not None and self.dates_saying_before(sentence, m, c, frame):
                continue
            if FORMER_PLAN.search(self.ctx.text[self.segment(sentence, c.begin)[0]:c.begin]):
                continue  # "que en un principio iba a celebrarse en Lima", "en lugar de comenzar el día 18"
            if c.kind != "frame" and self.denied_for_other(sentence, c):
                continue  # "no se celebrará en Bogotá, sino en Santa Marta": the place it will not have
            if c.kind == "venue":
                family = c.data["settings"].get("family")
                if family and family != frame.family:
                    continue
                if c.data["settings"].get("adjacent") and (m is None or c.begin <= m.begin
                                                             or not ADJECTIVE_GAP.fullmatch(self.ctx.text[m.end:c.begin])):
                    continue  # "de Hanói" names the venue only right after the trigger or its adjective
                if m is not None and PURPOSE.search(self.ctx.text[m.end:c.begin]):
                    continue  # "se reunió con al Sisi para abordar la mediación en Gaza": not where it met
                if TOPIC_PLACE.search(self.ctx.text[sentence.begin:c.begin]):
                    continue  # "conversaron sobre la guerra en Ucrania": where the war is
                place = None if self.posted(sentence, c) else self.venue(sentence, c)
                if place is not None:
                    frame.places.add(place[0], place[1], evidence_of(c))
            elif c.kind == "frame":
                if c.data["settings"].get("adjacent") and (m is None or c.begin <= m.begin
                                                             or self.ctx.text[m.end:c.begin].strip()):
                    continue  # "del G20" names the body only right after the trigger (or its adjective)
                eid, ev = self.ctx.named_or_minted(sentence, c, "body", "schema:Organization", "body")
                frame.bodies.add(eid, ev, evidence_of(c))
            elif c.kind == "date":
                dates.append(c)
        # "debe salir el 19 hacia Tokio para asistir a la cumbre": the day of the journey, not of the summit.
        dates = [c for c in dates if m is None or c.end > m.begin or not PURPOSE.search(self.ctx.text[c.end:m.begin])]
        # "en septiembre de 1978, …, tras trece días de aislamiento": a duration that ends on no day leaves the date.
        dates = [c for c in dates if c.data["settings"]["kind"] != "duration" or self.duration_end(sentence, c)]
        agreed = self.agreed(sentence, m) if m is not None else None
        dated_ahead = bool(dates) and frame.time is None and self.give_time(sentence, frame, anchor, dates, clause,
                                                                             agreed)
        if m is not None and not frame.bodies.items:
            body = self.subject_body(sentence, m)
            if body is not None:
                frame.bodies.add(*body)
        for cue in self.ctx.of(sentence, "status"):
            # Like a date, a status cue belongs to the event it is nearest to, not to the whole clause.
            if clause[0] <= cue.begin < clause[1] and self.owner(sentence, cue, clause_events) is frame \
                    and not self.denied_for_other(sentence, cue) and not self.in_other_date(sentence, frame, cue):
                status = cue.data["settings"]["status"]
                if frame.status is None or status != "scheduled":
                    frame.status, frame.status_evidence = status, [evidence_of(cue)]
                if status == "postponed":
                    self.move(frame, cue, [c for c in self.ctx.of(sentence, "date") if clause[0] <= c.begin < clause[1]])
        last_day = frame.time and (frame.time.end or frame.time.latest)
        before_publication = bool(last_day and self.ctx.published and last_day < self.ctx.published)
        if frame.status is None and agreed is not None and not before_publication \
                and (dated_ahead or TO_HOLD.match(self.ctx.text, agreed[0])):
            # "acordaron reunirse en abril", "pactaron una visita en mayo": an agreed event with a day still to come
            # is scheduled; so is one agreed to be held with no day yet ("acordaron celebrar una nueva ronda").
            frame.status, frame.status_evidence = "scheduled", [agreed[1]]
        if frame.status is None and m is not None and m.data["settings"].get("tense_status", True) \
                and not before_publication:
            # "volverán a reunirse": an event told in the future tense is still to come. Not an agreement whose
            # effects are ("el acuerdo entrará en vigor"): its rule says tense_status = false; nor an event its
            # own date puts before the publication ("coincidirá con el aniversario de la conferencia de 1995").
            clause_from_verb = (self.ctx.clause_start(sentence, m.begin), clause[1])
            tense, tense_ev = self.ctx.tense_near(sentence, m.begin, m.end, clause_from_verb)
            if tense == "future":
                frame.status, frame.status_evidence = "scheduled", [tense_ev]
        if frame.time is None and frame.status is None and m is not None and self.ctx.published is not None \
                and sentence.block in SUMMARY_BLOCKS:
            # A headline tells the day's news in the present ("Irán y las potencias pactan en Lausana…"): with no
            # date and no past or future, the event is the publication's day; so is an event a headline names by a
            # noun, or a kicker opens on ("sellan en Bogotá el pacto…", "Cumbre en Quito"), when nothing in it tells
            # another time ("En una llamada de fin de año" tells of the call, not of its day).
            clause_from_verb = (self.ctx.clause_start(sentence, m.begin), clause[1])
            tense, _ = self.ctx.tense_near(sentence, m.begin, m.end, clause_from_verb)
            opens_kicker = sentence.block == "kicker" and m.begin == sentence.begin
            told_alone = m.data["settings"].get("verbal") or (sentence.block == "headline" or opens_kicker) \
                and not self.ctx.of(sentence, "tense")
            if tense is None and told_alone:
                frame.time = TimeValue(begin=self.ctx.published, end=self.ctx.published)
                frame.time_evidence = [evidence_of(m), self.ctx.published_evidence]
                frame.time_implied = True
        if m is not None and frame.parent_family == "previous":
            earlier = [f for mm, f in clause_events if f is not frame and (mm.begin if mm else 0) < anchor]
            if earlier:
                frame.parent.add(earlier[-1], evidence_of(m))


# The programs of the patterns compiled above, for the next run (kg/extract/patterns.py).
REGEXES.keep()
