"""How news services say that something was agreed, held, denied or visited: sentences of wire-service
Spanish in the many wordings real articles use. Dated by DATELINE (Thursday 10 March 2022) unless a test
says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import article, events, extract, labels, statements

# ---- decisions: what parties agree, sign or adopt ----


@pytest.mark.parametrize(("sentence", "actors"), [
    ("Los gobiernos de Chile y Perú acordaron el martes crear una comisión binacional.", {"Chile", "Perú"}),
    ("Argentina y Uruguay han pactado una rebaja de los aranceles portuarios.", {"Argentina", "Uruguay"}),
    ("Los ministros de Exteriores de Francia y Alemania firmaron un protocolo de cooperación.",
     {"Jean-Yves Le Drian", "Annalena Baerbock"}),
    ("Marruecos suscribió con España un memorando sobre migración.", {"Marruecos", "España"}),
    ("Los Veintisiete aprobaron por unanimidad una declaración sobre el Sahel.", set()),
    ("Colombia y Venezuela alcanzaron un acuerdo para reabrir la frontera.", {"Colombia", "Venezuela"}),
    ("El Gobierno de México decidió suspender las exportaciones de crudo.", {"Gobierno de México"}),
    ("Japón y Corea del Sur firmarán el viernes un pacto de intercambio de información militar.",
     {"Japón", "Corea del Sur"}),
])
def test_an_agreement_verb_is_a_decision_with_its_parties(rules, sentence, actors):
    ex = extract(article(sentence), rules)
    [decision] = events(ex, "kg:Decision")
    assert actors <= labels(ex, decision.actors.items)
    assert statements(ex) == []


@pytest.mark.parametrize(("sentence", "actors"), [
    ("Chile y Bolivia anunciaron hoy que han alcanzado un acuerdo sobre el uso de las aguas del Silala.",
     {"Chile", "Bolivia"}),
    ("Tras tres días de reuniones en Quito, Colombia y Ecuador informaron de que han cerrado un pacto fronterizo.",
     {"Colombia", "Ecuador"}),
    ("Los gobiernos de Argentina y Brasil aseguraron que habían logrado un entendimiento sobre las cuotas.",
     {"Argentina", "Brasil"}),
    ("Serbia y Kosovo confirmaron ayer que han sellado el acuerdo energético.", {"Serbia", "Kosovo"}),
])
def test_who_announce_an_agreement_in_the_plural_reached_it(rules, sentence, actors):
    ex = extract(article(sentence), rules)
    [decision] = events(ex, "kg:Decision")
    assert actors <= labels(ex, decision.actors.items)


@pytest.mark.parametrize(("sentence", "outsiders"), [
    # The clause says who reached it: those who announce it do not.
    ("Rusia y China anunciaron que Irán ha alcanzado un acuerdo con el OIEA.", {"Rusia", "China"}),
    # A single voice reports what others agreed: the parties are not said.
    ("El mediador noruego, Jan Egeland, anunció que han alcanzado un acuerdo de alto el fuego.", {"Jan Egeland"}),
])
def test_who_announce_an_agreement_others_reached_take_no_part(rules, sentence, outsiders):
    ex = extract(article(sentence), rules)
    [decision] = events(ex, "kg:Decision")
    assert not outsiders & labels(ex, decision.actors.items)


def test_the_parties_of_a_headline_agreement_are_those_who_announce_it_in_the_body(rules):
    text = article("Perú y Chile anunciaron hoy en Lima que han alcanzado un acuerdo para delimitar la frontera marítima.",
                   headline="Perú y sus vecinos pactan en Lima la frontera marítima")
    ex = extract(text, rules)
    [decision] = events(ex, "kg:Decision")
    assert {"Perú", "Chile"} <= labels(ex, decision.actors.items)


@pytest.mark.parametrize("sentence", [
    "El acuerdo entre Irán y las potencias limita el enriquecimiento de uranio.",
    "Bruselas celebró la declaración conjunta de los dos gobiernos.",
    "Tras la firma del tratado, los ministros posaron para la prensa.",
    "El comunicado conjunto pide el fin de las hostilidades.",
])
def test_an_agreement_named_as_such_is_a_decision(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Decision")) == 1


@pytest.mark.parametrize("sentence", [
    "De acuerdo con fuentes diplomáticas, la reunión fue tensa.",          # according to
    "El ministro dijo que no está de acuerdo con la propuesta.",           # agreeing in views
    "La cumbre terminó sin acuerdo.",                                       # none reached
    "Los negociadores no han pactado ninguna tregua.",                      # denied
    "Viajó a Lima para acordar los detalles de la visita.",                 # a goal, not a fact
    "Washington presentó el borrador del acuerdo a sus aliados.",          # a draft is a document
    "Los dos países fueron incapaces de pactar un texto común.",            # a failure
])
def test_what_is_no_decision(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:Decision") == []


def test_an_agreement_to_keep_talking_is_an_agreement_statement_not_a_decision(rules):
    ex = extract(article("Los cancilleres de Perú y Chile acordaron continuar el diálogo en Madrid."), rules)
    assert events(ex, "kg:Decision") == []
    [said] = statements(ex)
    assert said.cls == "kg:Agreement"


def test_a_decision_told_twice_is_one_event(rules):
    text = article("Grecia y Macedonia del Norte firmaron el lunes en Atenas un acuerdo sobre el nombre del país. "
                   "El acuerdo entrará en vigor tras su ratificación.")
    [decision] = events(extract(text, rules), "kg:Decision")
    assert decision.time.begin == date(2022, 3, 7)


# ---- conferences ----


@pytest.mark.parametrize(("sentence", "count"), [
    ("Noruega acogerá en junio una conferencia de donantes para Haití.", 1),
    ("La Conferencia de las Partes se inauguró en Glasgow.", 1),
    ("El ministro lo anunció en una conferencia de prensa en Berlín.", 0),
])
def test_a_conference_is_an_event_but_a_press_conference_is_not(rules, sentence, count):
    assert len(events(extract(article(sentence), rules), "kg:Conference")) == count


# ---- denied events ----


@pytest.mark.parametrize("sentence", [
    "Los presidentes de Perú y Bolivia no se reunieron durante la cumbre.",
    "Macron y Putin nunca han hablado por teléfono desde la invasión.",
    "El canciller tampoco viajó a Caracas.",
])
def test_a_negative_adverb_right_before_the_trigger_denies_the_event(rules, sentence):
    ex = extract(article(sentence), rules)
    assert [f.cls for f in events(ex) if f.cls in ("kg:Meeting", "kg:PhoneCall", "kg:Visit")] == []


def test_a_negation_elsewhere_in_the_clause_denies_nothing(rules):
    ex = extract(article("No es la primera vez que los dos líderes se reúnen en Ginebra."), rules)
    assert len(events(ex, "kg:Meeting")) == 1


# ---- visits ----


@pytest.mark.parametrize(("sentence", "visits"), [
    ("El primer ministro indio viajará el lunes a Tokio.", 1),
    ("La delegación llegó anoche a la capital keniana.", 1),
    ("El presidente voló a Brasilia tras la reunión.", 1),
    ("El Gobierno llegó a redactar un comunicado de condena.", 0),           # "llegar a" + infinitive
    ("Ambas partes esperan llegar a un acuerdo antes del verano.", 0),
])
def test_a_verb_of_travel_is_a_visit_only_towards_a_place(rules, sentence, visits):
    assert len(events(extract(article(sentence), rules), "kg:Visit")) == visits


@pytest.mark.parametrize(("sentence", "visits"), [
    # the event is what moves: its subject is the event noun, in a relative clause or right before the verb
    ("La cumbre de la Celac, que en un principio iba a celebrarse en Quito el jueves 12 y que se trasladó a "
     "Caracas, reunió a once presidentes.", 0),
    ("La reunión de cancilleres se trasladará a Asunción por las protestas.", 0),
    ("La conferencia de donantes, que finalmente se desplazó a Nairobi, recaudó 300 millones.", 0),
    # someone else moves after the event
    ("La cumbre terminó el martes y el presidente se trasladó a Lima.", 1),
    ("Tras la reunión, que duró dos horas, el rey se desplazó a Sevilla.", 1),
    ("El primer ministro se trasladará mañana a Ginebra para la conferencia.", 1),
])
def test_an_event_moved_to_another_venue_is_no_visit(rules, sentence, visits):
    assert len(events(extract(article(sentence), rules), "kg:Visit")) == visits


@pytest.mark.parametrize(("text", "visits"), [
    # the arrival where a gathering of the traveller is held is the journey to it
    ("Pedro Sánchez y Emmanuel Macron se reunieron este jueves en Roma. Sánchez llegó a Roma a primera hora "
     "procedente de Madrid.", 0),
    ("Los cancilleres de Brasil y Argentina mantuvieron ayer en Montevideo una larga reunión. El ministro "
     "brasileño, Mauro Vieira, había llegado a Montevideo con una amplia delegación.", 0),
    # another city, another traveller, a visit of its own, another day: a journey of its own
    ("Pedro Sánchez y Emmanuel Macron se reunieron este jueves en Roma. Sánchez voló el viernes a Nápoles.", 1),
    ("Pedro Sánchez y Emmanuel Macron se reunieron este jueves en Roma. Olaf Scholz llegó a Roma por la tarde.", 1),
    ("Pedro Sánchez y Emmanuel Macron se reunieron este jueves en Roma. Macron llegó a Roma para una visita de "
     "Estado de tres días.", 1),
    ("Pedro Sánchez y Emmanuel Macron se reunieron en Roma el 3 de febrero. Sánchez viajará a Roma el 20 de "
     "marzo.", 1),
    ("Vladimir Putin viajará a Pekín el martes. Xi Jinping y Putin se reunirán en Pekín el miércoles.", 1),
])
def test_an_arrival_where_a_gathering_is_held_is_the_journey_to_it(rules, text, visits):
    ex = extract(article(text), rules)
    assert len(events(ex, "kg:Visit")) == visits
    assert len(events(ex, "kg:Meeting")) == 1


@pytest.mark.parametrize(("sentence", "meetings"), [
    # ", y" names the second of those the meeting is between, and the clause goes on with its verb
    ("La reunión entre el canciller peruano, Javier González, y su homóloga boliviana, Celinda Sosa, se celebrará "
     "finalmente en Cusco el jueves.", 1),
    ("El encuentro entre el presidente chileno, Gabriel Boric, y su homólogo argentino, Alberto Fernández, tendrá "
     "lugar en Mendoza.", 1),
    # a clause of its own, or a list of other meetings, names other occurrences
    ("Los cancilleres de Chile y Perú se reunieron el lunes en Lima, y el martes en Arica.", 2),
    ("Fue el tercer encuentro entre los dos ministros, tras los de Lima, en junio, y Quito, en julio.", 3),
])
def test_the_parties_of_a_meeting_listed_with_appositions_stay_in_its_clause(rules, sentence, meetings):
    found = events(extract(article(sentence), rules), "kg:Meeting")
    assert len(found) == meetings
    if meetings == 1:
        assert found[0].places.items and found[0].status == "scheduled"


def test_a_list_after_entre_that_goes_on_with_a_place_is_read_at_once(rules):
    # long words after "entre" and a word that ends the list ("en"): no list, so the clause after ", y" is one more
    # occurrence (the words are read in one pass, not cut every way they can be)
    sentence = ("La reunión entre los representantes diplomáticos extraordinarios acreditados en Lima, y el martes "
                "en Arica.")
    assert len(events(extract(article(sentence), rules), "kg:Meeting")) == 2


@pytest.mark.parametrize(("sentence", "status", "places"), [
    # "no … sino …": the event moves, it is not called off, and the place denied is not its own
    ("La cumbre ya no se celebrará en Quito, sino en Guayaquil.", "scheduled", {"Guayaquil"}),
    ("La cumbre andina no tendrá lugar en Lima sino en Cusco.", "scheduled", {"Cusco"}),
    # with nothing in its stead, the event is called off
    ("La cumbre no se celebrará en Quito.", "cancelled", {"Quito"}),
    # "no solo … sino también" denies nothing
    ("La cumbre no solo se celebrará en Quito, sino que también tendrá una sesión en Guayaquil.", "scheduled",
     {"Quito"}),
])
def test_what_no_sino_denies_is_not_the_events(rules, sentence, status, places):
    ex = extract(article(sentence), rules)
    [summit] = events(ex, "kg:Summit")
    assert (summit.status, labels(ex, summit.places.items)) == (status, places)


@pytest.mark.parametrize(("text", "meetings"), [
    # the meeting "fue pactada", "fue convocada": the one already told, not another held where it was arranged
    ("Gustavo Petro y Gabriel Boric se reunirán el viernes en Leticia. La reunión fue acordada el lunes en Bogotá "
     "por los dos cancilleres.", 1),
    ("Gustavo Petro y Gabriel Boric se reunieron el viernes en Leticia. Esta cita fue anunciada hace dos semanas "
     "por la Cancillería.", 1),
    # a meeting introduced as such is another one
    ("Gustavo Petro y Gabriel Boric se reunirán el viernes en Leticia. Una reunión de ministros fue convocada el "
     "lunes.", 2),
])
def test_an_event_told_as_arranged_is_the_one_already_told(rules, text, meetings):
    ex = extract(article(text), rules)
    found = events(ex, "kg:Meeting")
    assert len(found) == meetings
    assert labels(ex, found[0].places.items) == {"Leticia"}


@pytest.mark.parametrize(("sentence", "visits"), [
    # the visit a noun names later in the sentence is the journey of the same traveller to the same country
    ("Luiz Inácio Lula da Silva viajará el lunes a Portugal, donde asistirá a un foro empresarial y realizará "
     "después una visita de Estado.", 1),
    # another traveller, another country
    ("Luiz Inácio Lula da Silva viajó el lunes a Portugal, donde anunció una visita de Marcelo Rebelo de Sousa a "
     "Brasil.", 2),
])
def test_a_visit_named_after_a_journey_of_the_same_traveller_is_that_journey(rules, sentence, visits):
    assert len(events(extract(article(sentence), rules), "kg:Visit")) == visits


@pytest.mark.parametrize(("text", "begin", "end"), [
    # the day an event "estaba prevista para" is the plan it had, not its day
    ("La cumbre andina, que estaba prevista para el lunes 14, se celebrará finalmente el jueves 17 en Quito.",
     date(2022, 3, 17), date(2022, 3, 17)),
    ("La cumbre andina está prevista para el lunes 14 en Quito.", date(2022, 3, 14), date(2022, 3, 14)),
    # the days a later mention gives an event dated by its first day are the days it lasts, and not the other
    # way round
    ("La cumbre andina comenzará el lunes 14 en Quito. La cita se celebrará del 14 al 16 de marzo.",
     date(2022, 3, 14), date(2022, 3, 16)),
    ("La cumbre andina se celebrará del 14 al 16 de marzo en Quito. La cita comenzará el lunes 14.",
     date(2022, 3, 14), date(2022, 3, 16)),
])
def test_the_days_of_an_event_whose_plan_changed_or_that_lasts(rules, text, begin, end):
    [summit] = events(extract(article(text), rules), "kg:Summit")
    assert (summit.time.begin, summit.time.end) == (begin, end)


@pytest.mark.parametrize("text", [
    # the day an event began, told by a verb of beginning, and the later day another mention gives: its days
    "La cumbre andina terminó este jueves en Quito. La cumbre había empezado el martes con una cena de gala.",
    "La cumbre andina había empezado el martes en Quito. La cita terminó este jueves sin acuerdo.",
])
def test_an_event_that_began_one_day_and_ended_another_lasts_from_one_to_the_other(rules, text):
    [summit] = events(extract(article(text), rules), "kg:Summit")
    assert (summit.time.begin, summit.time.end) == (date(2022, 3, 8), date(2022, 3, 10))


def test_the_news_day_of_an_article_whose_main_event_lasted_days_is_its_last(rules):
    text = article("La cumbre andina terminó este jueves en Quito. La cumbre había empezado el martes con una cena "
                   "de gala. Gustavo Petro se reunió con Gabriel Boric.")
    [meeting] = [f for f in events(extract(text, rules), "kg:Meeting") if f.actors.items]
    assert (meeting.time.begin, meeting.time.end) == (date(2022, 3, 10), date(2022, 3, 10))


@pytest.mark.parametrize(("sentence", "status"), [
    # "próximo" of a date the talks do not take says nothing of them
    ("Los cancilleres, tras una noche de conversaciones iniciadas en la tarde del martes, respaldaron hoy una "
     "tregua a partir del próximo lunes.", None),
    ("Las conversaciones se celebrarán el próximo lunes en Ginebra.", "scheduled"),
])
def test_a_word_of_plan_inside_another_date_is_not_the_events_status(rules, sentence, status):
    [talks] = events(extract(article(sentence), rules), "kg:Negotiation")
    assert talks.status == status


@pytest.mark.parametrize(("text", "cls"), [
    # "que se trata de…" after a saying restates the event just told
    ("Los cancilleres de Perú y Chile firmaron el lunes un acuerdo fronterizo. El ministro peruano destacó que se "
     "trata de un acuerdo histórico.", "kg:Decision"),
    ("Los cancilleres de Perú y Chile se reunieron el lunes en Lima. El portavoz explicó que se trata de una "
     "reunión técnica.", "kg:Meeting"),
    # with nothing told before, it names the event
    ("El portavoz explicó que se trata de una reunión técnica.", "kg:Meeting"),
])
def test_what_a_saying_says_the_event_is_restates_it(rules, text, cls):
    assert len(events(extract(article(text), rules), cls)) == 1


def test_a_gathering_told_in_the_pluperfect_is_background_of_the_days_meeting(rules):
    # months before, in the pluperfect: the day's meeting, told with no date, does not absorb it nor take its days
    text = article("Gustavo Petro y Gabriel Boric se reunieron durante dos horas en la Casa de Nariño. Ya habían "
                   "conversado en junio del año pasado, durante la cumbre andina.")
    ex = extract(text, rules)
    [meeting] = [f for f in events(ex) if text[f.spans[0].begin:f.spans[0].end] == "se reunieron"]
    assert [text[ev.begin:ev.end] for ev in meeting.spans] == ["se reunieron"]
    assert meeting.time.sort_key().year == 2022


@pytest.mark.parametrize(("sentence", "cls", "dated_monday"), [
    # the day before a saying dates the saying, not the gathering its object names
    ("El lunes, el Kremlin anunció una cumbre con China.", "kg:Summit", False),
    ("Hace dos semanas, el presidente había anunciado la fecha del encuentro con Gustavo Petro.", "kg:Meeting",
     False),
    # an agreement announced is reached that day; what a "que" clause tells has a time of its own
    ("El lunes, los cancilleres de Perú y Chile anunciaron un acuerdo fronterizo.", "kg:Decision", True),
    ("Gustavo Petro y Gabriel Boric se reunieron el lunes en Quito, anunció la Cancillería.", "kg:Meeting", True),
])
def test_a_day_before_a_saying_dates_the_saying(rules, sentence, cls, dated_monday):
    [event] = events(extract(article(sentence), rules), cls)
    assert (event.time is not None and event.time.begin == date(2022, 3, 7)) == dated_monday


@pytest.mark.parametrize(("text", "talks"), [
    # a verb retells talks an earlier mention named with nothing of its own
    ("Las negociaciones estuvieron a punto de fracasar en la última noche. Gustavo Petro, que negoció en persona "
     "con la guerrilla, se mostró satisfecho.", 1),
    # a verb with a place and a day of its own tells other talks
    ("Las negociaciones se estancaron durante meses. Gustavo Petro negoció el lunes en Quito una tregua con la "
     "guerrilla.", 2),
])
def test_a_verb_retells_talks_named_with_nothing_of_their_own(rules, text, talks):
    assert len(events(extract(article(text), rules), "kg:Negotiation")) == talks


@pytest.mark.parametrize(("sentence", "place"), [
    # a place no lexicon lists may end in a short word
    ("La cumbre se celebrará en la ciudad argentina de Santa Fe.", "Santa Fe"),
    ("Los presidentes de Chile y Perú se reunieron en Santa Fe el lunes.", "Santa Fe"),
    ("Los cancilleres se reunieron el lunes en Sochi.", "Sochi"),
])
def test_a_place_no_lexicon_lists_is_named_whole(rules, sentence, place):
    ex = extract(article(sentence), rules)
    [event] = events(ex)
    assert labels(ex, event.places.items) == {place}


# ---- meetings said as "verse" ----


@pytest.mark.parametrize(("sentence", "meetings"), [
    ("Lula y Petro se verán el lunes en Leticia.", 1),
    ("Los dos ministros se vieron por primera vez en Yakarta.", 1),
    ("Ambas cancilleres se vieron por última vez en Lima, en la asamblea de la OEA.", 1),
    ("Sus equipos se verán por segunda vez antes de la firma.", 1),
    ("La canciller se verá este viernes con el primer ministro de Malasia, Anwar Ibrahim.", 1),
    ("La última vez que ambos ministros se vieron fue en mayo, en Manila.", 1),
    ("El enviado se encontrará mañana con su homólogo en Doha.", 1),
    ("El ministro se encontró el lunes con la oposición de su propio partido.", 0),
    ("Los productores se vieron por primera vez obligados a exportar.", 0),
    ("Los exportadores se verán obligados a pagar el nuevo arancel.", 0),
])
def test_a_reciprocal_verse_with_a_time_or_place_is_a_meeting(rules, sentence, meetings):
    assert len(events(extract(article(sentence), rules), "kg:Meeting")) == meetings


# ---- one event, many mentions ----


@pytest.mark.parametrize("text", [
    # "la cita" refers back to the meeting or summit already named
    "Los presidentes de Chile y Argentina se reunirán el lunes en Mendoza. La cita servirá para revisar la "
    "agenda fronteriza.",
    # an indefinite apposition describes the event just named
    "El encuentro, una reunión de trabajo de apenas dos horas, terminó sin comunicado.",
    "El canciller se reunió con el rey en el palacio, en un encuentro al que asistieron los embajadores.",
    # an ordinal makes a mention definite: the event the article is about
    "Los presidentes de Colombia y Ecuador se reunieron este jueves en Quito. Fue el segundo encuentro "
    "entre ambos mandatarios.",
    # a face-to-face meeting is a meeting
    "Los cancilleres de Armenia y Azerbaiyán mantuvieron el jueves su primer cara a cara en Praga.",
])
def test_mentions_of_one_meeting_are_one_event(rules, text):
    ex = extract(article(text), rules)
    assert len([f for f in events(ex) if f.cls in ("kg:Meeting", "kg:Summit")]) == 1


def test_an_indefinite_mention_far_from_the_first_is_another_event(rules):
    text = article("Los presidentes de Chile y Argentina se reunieron el lunes en Mendoza. Meses antes, los "
                   "cancilleres habían celebrado en Santiago una reunión preparatoria.")
    assert len(events(extract(text, rules), "kg:Meeting")) == 2


# ---- statements: who says it ----


@pytest.mark.parametrize(("text", "speaker"), [
    # a relative pronoun stands for the person named right before it
    ("El enviado de la ONU se reunió con el canciller sirio, Fayez Maqdad, quien insistió en que Damasco no "
     "negociará bajo presión.", "Fayez Maqdad"),
    ("Habló después la portavoz del Gobierno chileno, Camila Vallejo, que calificó la cita de positiva.",
     "Camila Vallejo"),
    # a dropped subject goes on with the speaker of the statement before
    ("El presidente francés, Emmanuel Macron, afirmó que la tregua es frágil. Admitió además que las "
     "negociaciones se alargarán.", "Emmanuel Macron"),
    ("El primer ministro indio, Narendra Modi, dijo que el acuerdo es justo. Sobre la frontera, explicó que "
     "los dos ejércitos se retirarán.", "Narendra Modi"),
])
def test_the_speaker_of_a_relative_clause_or_a_dropped_subject(rules, text, speaker):
    ex = extract(article(text), rules)
    said = statements(ex)[-1]
    assert labels(ex, said.actors.items) == {speaker}


def test_an_overt_subject_no_rule_knows_is_not_replaced_by_the_previous_speaker(rules):
    ex = extract(article("El presidente francés, Emmanuel Macron, afirmó que la tregua es frágil. El diplomático "
                         "egipcio admitió que las negociaciones se alargarán."), rules)
    assert [labels(ex, s.actors.items) for s in statements(ex)] == [{"Emmanuel Macron"}]


@pytest.mark.parametrize(("sentence", "cls", "label"), [
    ("El canciller ruso, Serguéi Lavrov, negó que Moscú prepare una ofensiva.", "kg:Assertion", "Rechazo"),
    ("La ministra alemana, Annalena Baerbock, rechazó cualquier concesión territorial.", "kg:Assertion", "Rechazo"),
    ("El presidente turco, Recep Tayyip Erdogan, propuso crear un corredor humanitario.", "kg:Appeal", "Propuesta"),
    ("El primer ministro británico, Boris Johnson, se mostró convencido de que habrá acuerdo.", "kg:Assertion",
     "Afirmación"),
    ("El canciller mexicano, Marcelo Ebrard, celebró la noticia en una rueda de prensa.", "kg:Assessment",
     "Valoración"),
    ("El presidente chileno, Gabriel Boric, comentó que la reunión fue cordial.", "kg:Assertion", "Afirmación"),
])
def test_more_ways_of_saying(rules, sentence, cls, label):
    [said] = statements(extract(article(sentence), rules))
    assert (said.cls, said.label) == (cls, label)


def test_celebrar_with_an_event_holds_it_and_says_nothing(rules):
    ex = extract(article("Los cancilleres de Perú y Chile celebraron una reunión en Lima."), rules)
    assert statements(ex) == [] and len(events(ex, "kg:Meeting")) == 1


# ---- more ways of naming a meeting ----


@pytest.mark.parametrize(("sentence", "cls"), [
    ("Los presidentes de Kenia y Etiopía conversaron durante dos horas en Nairobi.", "kg:Meeting"),
    ("El rey recibió este jueves en el palacio al primer ministro portugués.", "kg:Meeting"),
    ("El canciller fue recibido por el presidente ecuatoriano en Quito.", "kg:Meeting"),
    ("El Consejo de Seguridad celebrará una sesión extraordinaria sobre Yemen.", "kg:Meeting"),
    ("Los ministros compartieron una cena de trabajo en la embajada.", "kg:Meeting"),
    ("El primer ministro cenó con los embajadores de la Unión Europea.", "kg:Meeting"),
    ("Las dos delegaciones retomarán el diálogo en la cuarta ronda, prevista para mayo.", "kg:NegotiationRound"),
    ("El presidente telefoneara a su homólogo antes de la cumbre, según fuentes oficiales.", "kg:PhoneCall"),
])
def test_a_meeting_said_another_way(rules, sentence, cls):
    assert len(events(extract(article(sentence), rules), cls)) == 1


@pytest.mark.parametrize("sentence", [
    "El ministro recibió críticas de la oposición por el acuerdo.",
    "El primer ministro dedicará la mañana a un desayuno con inversores.",
    "La sesión de fotos se retrasó media hora.",
    "La quinta ronda de sanciones entrará en vigor el lunes.",
])
def test_no_meeting_here(rules, sentence):
    ex = extract(article(sentence), rules)
    assert [f.cls for f in events(ex) if f.cls in ("kg:Meeting", "kg:NegotiationRound")] == []


def test_an_elided_event_noun_before_a_place_is_another_occurrence(rules):
    ex = extract(article("La cumbre de Madrid llegó tras la de Lisboa, en marzo."), rules)
    assert {frozenset(labels(ex, f.places.items)) for f in events(ex, "kg:Summit")} == \
        {frozenset({"Madrid"}), frozenset({"Lisboa"})}


@pytest.mark.parametrize("sentence", [
    "La declaración adoptada el martes en Quito pide elecciones libres.",
    "El protocolo fue firmado por los dos gobiernos en 2014.",
    "La Comisión Europea dio luz verde al plan de ayudas.",
    "Ambos países anunciaron el restablecimiento de las relaciones diplomáticas.",
    "Marruecos rompió relaciones con Irán en 2018.",
])
def test_a_decision_named_by_what_was_done(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Decision")) == 1


def test_the_body_retelling_the_headline_in_other_words_is_one_event(rules):
    text = ("Los cancilleres de Brasil y Chile conversan en Brasilia\n\nEntradilla de la noticia.\n\n"
            "10 Marzo de 2022 10.00\n\nEl canciller brasileño mantuvo un encuentro con su homólogo chileno en "
            "Brasilia. La reunión duró dos horas.")
    ex = extract(text, rules)
    assert len([f for f in events(ex) if f.cls in ("kg:Meeting", "kg:Summit")]) == 1


# ---- when ----


@pytest.mark.parametrize(("sentence", "begin", "end"), [
    ("Los dos presidentes hablaron por teléfono hace once días.", date(2022, 2, 27), date(2022, 2, 27)),
    ("La cumbre de Lima se celebró el 12 de junio del año pasado.", date(2021, 6, 12), date(2021, 6, 12)),
    ("Los cancilleres se reunieron por última vez el pasado diciembre en Roma.", None, None),
])
def test_dates_counted_from_the_publication(rules, sentence, begin, end):
    [event] = [f for f in events(extract(article(sentence), rules))]
    if begin is None:  # "el pasado diciembre": the latest December before the publication
        assert (event.time.earliest, event.time.latest) == (date(2021, 12, 1), date(2021, 12, 31))
    else:
        assert (event.time.begin, event.time.end) == (begin, end)


@pytest.mark.parametrize(("sentence", "earliest", "latest"), [
    ("Ambos gobiernos celebrarán la cumbre bilateral a principios de 2023.", date(2023, 1, 1), date(2023, 4, 30)),
    ("El papa visitó México en 1999.", date(1999, 1, 1), date(1999, 12, 31)),
    ("Los dos países firmaron un acuerdo de pesca hace tres años.", date(2019, 1, 1), date(2019, 12, 31)),
])
def test_years_and_parts_of_years_bound_an_event(rules, sentence, earliest, latest):
    [event] = events(extract(article(sentence), rules))
    assert (event.time.earliest, event.time.latest) == (earliest, latest)


def test_a_morning_is_a_time_of_day_not_tomorrow(rules):
    [event] = events(extract(article("El martes por la mañana se entrevistó con el rey."), rules))
    assert event.time.begin == date(2022, 3, 8)


def test_a_headline_in_the_present_tells_the_day_of_publication(rules):
    text = ("Perú y Chile firman en Lima un acuerdo fronterizo\n\nEntradilla de la noticia.\n\n"
            "10 Marzo de 2022 10.00\n\nEl texto fija la frontera marítima.")
    [decision] = events(extract(text, rules), "kg:Decision")
    assert decision.time.begin == decision.time.end == date(2022, 3, 10)


def test_a_headline_in_the_future_is_not_the_day_of_publication(rules):
    text = ("Perú y Chile firmarán en Lima un acuerdo fronterizo\n\nEntradilla de la noticia.\n\n"
            "10 Marzo de 2022 10.00\n\nEl texto fija la frontera marítima.")
    [decision] = events(extract(text, rules), "kg:Decision")
    assert decision.time is None and decision.status == "scheduled"


# ---- where, and within which body ----


def test_a_body_further_on_frames_nothing(rules):
    ex = extract(article("La cumbre terminó con un llamamiento del G20 a la calma."), rules)
    [summit] = events(ex, "kg:Summit")
    assert summit.bodies.items == {}


@pytest.mark.parametrize(("sentence", "place"), [
    ("Los cancilleres se reunirán el lunes en la capital egipcia.", "El Cairo"),
    ("Los dos presidentes se reunieron en el Palacio de la Moneda.", "Palacio de la Moneda"),
    ("La firma tuvo lugar en el hotel Intercontinental de la ciudad.", "hotel Intercontinental"),
    # An adjective may say what the building is before its name.
    ("La tercera ronda, que se reanudó el martes en la residencia estatal de Yanqi, terminó sin acuerdo.",
     "residencia estatal de Yanqi"),
    ("La conferencia se celebrará en el palacio presidencial de Cartago.", "palacio presidencial de Cartago"),
])
def test_capitals_by_demonym_and_named_buildings_are_venues(rules, sentence, place):
    ex = extract(article(sentence), rules)
    assert any(place in labels(ex, f.places.items) for f in events(ex))


@pytest.mark.parametrize("sentence", [
    "Los dos cancilleres se reunieron en la residencia oficial de su homólogo.",
    "La cumbre se celebrará en el palacio presidencial.",
])
def test_a_building_said_without_a_name_is_no_venue(rules, sentence):
    ex = extract(article(sentence), rules)
    assert all(not f.places.items for f in events(ex))


def test_a_building_and_its_city_are_one_venue_for_one_event(rules):
    ex = extract(article("Los presidentes de Chile y Perú se reunieron en Lima. El encuentro, celebrado en el "
                         "Palacio de Gobierno, duró dos horas."), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert {"Lima", "Palacio de Gobierno"} <= labels(ex, meeting.places.items)


# ---- modality: postponed, cancelled, proposed ----


@pytest.mark.parametrize(("sentence", "status"), [
    ("El Gobierno aplaza la cumbre con los países andinos.", "postponed"),
    ("La reunión de los ministros de Defensa queda en suspenso.", "postponed"),
    ("La ronda de negociaciones fue pospuesta sine die.", "postponed"),
    ("Los organizadores retrasan una semana la conferencia de donantes.", "postponed"),
    ("Bruselas cancela la cumbre con Turquía.", "cancelled"),
    ("La cumbre de Quito no se celebrará en la fecha prevista.", "cancelled"),
    ("Ambos gobiernos estudian una eventual reunión de sus cancilleres.", "proposed"),
    ("El primer ministro tuvo que renunciar a la cumbre de Santiago por la huelga.", "cancelled"),
    ("La presidenta renunció a su gira por Asia tras el terremoto.", "cancelled"),
    ("Según el calendario pactado, la conferencia de donantes debería celebrarse en Oslo.", "scheduled"),
    ("La reunión de los cancilleres debe tener lugar en Quito.", "scheduled"),
])
def test_modality_of_an_event(rules, sentence, status):
    [event] = events(extract(article(sentence), rules))
    assert event.status == status


@pytest.mark.parametrize(("sentence", "cls"), [
    ("Madrid y Rabat han acordado aplazar dos semanas la reunión de alto nivel.", "kg:Meeting"),
    ("Los organizadores decidieron posponer la conferencia de donantes por la tormenta.", "kg:Conference"),
    ("El mal tiempo obligó a aplazar la cumbre de Lima.", "kg:Summit"),
])
def test_an_agreed_or_forced_postponement_falls_on_the_event_it_names(rules, sentence, cls):
    ex = extract(article(sentence), rules)
    [event] = events(ex, cls)
    assert event.status == "postponed"
    assert all(f.status != "postponed" for f in events(ex) if f is not event)


@pytest.mark.parametrize(("sentence", "cls"), [
    ("La OEA suspendió temporalmente a Nicaragua de sus órganos.", "kg:Decision"),   # a member, not an event
    ("El bloque suspendió a Malí tras el golpe.", "kg:Decision"),
    ("El canciller renunció a la presidencia de la cumbre por motivos de salud.", "kg:Summit"),  # a post in it
    ("Petro amenazó con aplazar la cumbre de Leticia.", "kg:Summit"),                # a threat only
])
def test_what_calls_off_or_moves_no_event(rules, sentence, cls):
    [event] = events(extract(article(sentence), rules), cls)
    assert event.status is None


def test_a_moved_event_is_one_node_on_its_new_date(rules):
    ex = extract(article("La cumbre de Lima, prevista para el 7 de junio, fue aplazada al 15 de noviembre."), rules)
    [summit] = events(ex, "kg:Summit")
    assert summit.status == "postponed"
    assert (summit.time.begin, summit.time.end) == (date(2022, 11, 15), date(2022, 11, 15))


def test_what_was_planned_and_did_not_happen_is_cancelled_not_denied(rules):
    ex = extract(article("Ni declaración conjunta ni ceremonia de firma: la cumbre terminó antes de tiempo."), rules)
    assert "cancelled" not in {f.status for f in events(ex, "kg:Summit")}
    assert [f.cls for f in events(ex, "kg:Decision")] == ["kg:Decision"]


def test_a_future_verb_does_not_schedule_an_event_dated_before_the_publication(rules):
    ex = extract(article("La fecha coincidirá con el aniversario de la conferencia de paz de noviembre de 1995."), rules)
    [conference] = events(ex, "kg:Conference")
    assert conference.status is None


def test_a_list_of_people_by_country_is_not_a_list_of_events(rules):
    ex = extract(article("El acuerdo fue firmado por los cancilleres de Chile, Antonio Pérez; de Perú, Ana "
                         "Gómez, y de Bolivia, Luis Rojas."), rules)
    assert len(events(ex, "kg:Decision")) == 1


def test_a_date_in_a_subordinate_clause_makes_no_new_occurrence(rules):
    ex = extract(article("Fue el segundo encuentro entre ambos, y el primero desde que estalló la crisis el "
                         "pasado 2 de febrero."), rules)
    assert len(events(ex, "kg:Meeting")) == 1


def test_the_headline_and_the_lead_tell_one_decision(rules):
    text = ("Los países del Pacífico sellan en Lima un pacto pesquero\n\nLos doce gobiernos aprueban por "
            "unanimidad un texto que limita las capturas\n\n10 Marzo de 2022 10.00\n\nEl texto entrará en vigor en enero.")
    assert len(events(extract(text, rules), "kg:Decision")) == 1


def test_a_postponed_event_named_with_its_old_date_is_the_same_event(rules):
    text = article("El Gobierno aplazó hasta septiembre la cumbre de Lima. La cumbre debía celebrarse el 7 de junio.")
    [summit] = events(extract(text, rules), "kg:Summit")
    assert summit.status == "postponed"
    assert (summit.time.earliest, summit.time.latest) == (date(2022, 9, 1), date(2022, 9, 30))


def test_a_postponed_event_does_not_absorb_a_past_event_of_a_kindred_kind(rules):
    text = article("El Gobierno aplazó a noviembre la cumbre de Lima. La nueva fecha coincidirá con el aniversario "
                   "de la Conferencia de Lima de mayo de 1999.")
    ex = extract(text, rules)
    assert len(events(ex, "kg:Summit")) == 1 and len(events(ex, "kg:Conference")) == 1


@pytest.mark.parametrize(("sentence", "cls"), [
    ("La cumbre que reunió en Lima a los presidentes andinos terminó sin acuerdo.", "kg:Meeting"),
    ("Los cancilleres, reunidos el lunes en Roma, pidieron un alto el fuego.", "kg:Meeting"),
    ("Los dos presidentes coincidieron en Davos el año pasado.", "kg:Meeting"),
    ("Ecuador y Perú crean una comisión binacional para la frontera.", "kg:Decision"),
    ("Los tres países establecieron un mecanismo de consultas periódicas.", "kg:Decision"),
])
def test_gatherings_and_creations(rules, sentence, cls):
    assert len(events(extract(article(sentence), rules), cls)) == 1


@pytest.mark.parametrize("sentence", [
    "Los dos presidentes coincidieron en que la crisis exige diálogo.",
    "El partido reunió miles de firmas contra la reforma.",
    "Las autoridades crearon un clima de confianza.",
])
def test_no_gathering_or_creation(rules, sentence):
    ex = extract(article(sentence), rules)
    assert [f.cls for f in events(ex) if f.cls in ("kg:Meeting", "kg:Decision")] == []


def test_a_participle_that_only_describes_is_no_meeting(rules):
    ex = extract(article("Los países reunidos en Ginebra aprobaron una declaración."), rules)
    assert events(ex, "kg:Meeting") == []


def test_a_condition_in_the_subjunctive_is_no_decision(rules):
    ex = extract(article("El tratado entrará en vigor cuando lo hayan ratificado cuarenta países."), rules)
    assert [f for f in events(ex, "kg:Decision") if any(ev.rule == "event.agreement-verb" for ev in f.spans)] == []


def test_a_definite_mention_with_an_adjective_refers_back(rules):
    text = article("Los presidentes de Chile y Perú se reunieron en Lima. Fue el segundo gran encuentro del año.")
    assert len(events(extract(text, rules), "kg:Meeting")) == 1


def test_one_event_told_as_a_meeting_and_as_a_summit_is_a_summit(rules):
    text = article("Los presidentes de Chile y Perú se reunieron el lunes en Lima. La cumbre duró dos horas.")
    ex = extract(text, rules)
    assert [f.cls for f in events(ex) if f.cls in ("kg:Meeting", "kg:Summit")] == ["kg:Summit"]


def test_a_summit_held_by_videoconference_is_one_summit(rules):
    ex = extract(article("Los líderes del G20 celebraron el jueves una cumbre por videoconferencia."), rules)
    assert [f.cls for f in events(ex) if f.cls in ("kg:Meeting", "kg:Summit")] == ["kg:Summit"]


@pytest.mark.parametrize(("sentence", "day"), [
    ("Los presidentes de Ecuador y Colombia hablaron ayer por teléfono.", date(2022, 3, 9)),
    ("El canciller y su homólogo conversarán el próximo lunes por teléfono.", date(2022, 3, 14)),
    ("Scholz y Macron hablaron este martes largamente por teléfono.", date(2022, 3, 8)),
    ("La primera ministra habló durante una hora por teléfono con el rey.", None),
])
def test_a_day_or_a_manner_between_the_verb_and_the_phone(rules, sentence, day):
    [call] = events(extract(article(sentence), rules), "kg:PhoneCall")
    assert day is None or call.time.begin == day


def test_a_talk_held_by_video_is_a_meeting(rules):
    ex = extract(article("Los jefes de Gobierno de Noruega y Suecia dialogaron por videoconferencia sobre energía."),
                 rules)
    assert [f.cls for f in events(ex)] == ["kg:Meeting"]


@pytest.mark.parametrize("sentence", [
    "El primer ministro recibirá el próximo viernes en La Moncloa a su homólogo portugués.",
    "La presidenta recibió la pasada semana a los embajadores de la Unión Europea.",
])
def test_a_host_receives_on_a_day_said_with_its_adjective(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Meeting")) == 1


@pytest.mark.parametrize("sentence", [
    "Los ministros hablaron ayer de la crisis por la mañana.",
    "El presidente recibirá el próximo viernes una carta del rey.",
])
def test_no_call_or_reception(rules, sentence):
    assert [f.cls for f in events(extract(article(sentence), rules)) if f.cls in ("kg:PhoneCall", "kg:Meeting")] == []


@pytest.mark.parametrize(("sentence", "status", "place"), [
    ("La ministra de Defensa suspendió su viaje a Bogotá por la tormenta.", "cancelled", "Bogotá"),
    ("El viaje oficial del primer ministro a Hanói empezará el domingo.", "scheduled", "Hanói"),
    ("A su llegada a Rabat, la ministra ofreció una rueda de prensa.", None, "Rabat"),
])
def test_a_trip_to_a_place_is_a_visit(rules, sentence, status, place):
    ex = extract(article(sentence), rules)
    [visit] = events(ex, "kg:Visit")
    assert visit.status == status and labels(ex, visit.places.items) == {place}


@pytest.mark.parametrize("sentence", [
    "El ministro volvió de un viaje de negocios.",
    "Fue un viaje largo y agotador para la delegación.",
    "La llegada de refugiados a Grecia desbordó los centros de acogida.",
])
def test_a_trip_to_nowhere_named_is_no_visit(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:Visit") == []


@pytest.mark.parametrize(("sentence", "visits"), [
    # the trip home ends a visit; it is none of its own
    ("Tras la cena, el canciller emprendió viaje de regreso a Varsovia.", 0),
    ("La delegación keniana inició por la noche el viaje de vuelta a Nairobi.", 0),
    # a trip abroad is a visit
    ("Tras la cena, el canciller emprendió viaje a Varsovia.", 1),
    ("La delegación keniana inició por la noche su viaje a Adís Abeba.", 1),
])
def test_a_trip_home_is_no_visit(rules, sentence, visits):
    assert len(events(extract(article(sentence), rules), "kg:Visit")) == visits


@pytest.mark.parametrize(("sentence", "cls"), [
    ("La primera ministra departió durante una hora con el rey en palacio.", "kg:Meeting"),
    ("Una mesa de negociación entre sindicatos y patronal se abrirá en Bruselas.", "kg:Negotiation"),
    ("El ministro tuvo una llamada con su homóloga sueca.", "kg:PhoneCall"),
])
def test_more_ways_to_name_talks_and_calls(rules, sentence, cls):
    assert [f.cls for f in events(extract(article(sentence), rules))] == [cls]


@pytest.mark.parametrize("sentence", [
    "El presidente hizo un llamado a la calma y apostó por el diálogo.",
    "La llamada a las urnas fue un éxito de participación.",
    "El diálogo es la única salida, dijo el portavoz.",
])
def test_a_call_to_something_or_dialogue_as_a_stance_is_no_event(rules, sentence):
    assert [f.cls for f in events(extract(article(sentence), rules))
            if f.cls in ("kg:PhoneCall", "kg:Negotiation")] == []


@pytest.mark.parametrize("sentence", [
    "No hubo reunión entre los dos cancilleres en Ginebra.",
    "No habrá ninguna cumbre antes de las elecciones, avisó el portavoz.",
    "El Elíseo desmintió que Macron vaya a reunirse con el líder ruso.",
    "Moscú negó que Lavrov tenga previsto viajar a Pyongyang.",
    "La ministra negó que haya una visita prevista a La Habana.",
    "No está previsto que el canciller se reúna con la oposición.",
    "Según la agenda oficial, no estaba prevista ninguna cumbre bilateral.",
])
def test_an_event_said_not_to_be_is_no_event(rules, sentence):
    assert events(extract(article(sentence), rules)) == []


@pytest.mark.parametrize(("sentence", "cls"), [
    # what is denied is a quality of the event, which took place
    ("El portavoz negó que la reunión del lunes fuera tensa.", "kg:Meeting"),
    ("No hay duda de que la cumbre de Quito fue un éxito.", "kg:Summit"),
])
def test_a_denial_of_something_else_keeps_the_event(rules, sentence, cls):
    assert [f.cls for f in events(extract(article(sentence), rules))] == [cls]


# ---- the guest of a reception, said after its time and place ----


@pytest.mark.parametrize(("sentence", "actors"), [
    ("La presidenta recibió este lunes en el Palacio de Carondelet a su homólogo peruano, José Jerí.",
     {"José Jerí"}),
    ("El rey recibió ayer en la Zarzuela al primer ministro de Portugal, António Costa.", {"António Costa"}),
    ("Sheinbaum recibirá el jueves, en Palacio Nacional, al canciller Mauro Vieira.", {"Mauro Vieira"}),
    ("El papa recibió por separado en el Vaticano a Volodímir Zelenski.", {"Volodímir Zelenski"}),
])
def test_the_guest_follows_the_time_and_place_of_a_reception(rules, sentence, actors):
    ex = extract(article(sentence), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert actors <= labels(ex, meeting.actors.items)


def test_a_reception_at_an_hour_adds_no_guest(rules):
    ex = extract(article("El canciller recibió en Quito a las diez a los periodistas acreditados."), rules)
    assert all(labels(ex, f.actors.items) <= {"Quito"} for f in events(ex))


@pytest.mark.parametrize(("sentence", "actors"), [
    ("Lavrov se vio con el primer ministro indio, Narendra Modi, en Nueva Delhi.", {"Serguéi Lavrov", "Narendra Modi"}),
    ("El lunes, Albares se encontró con Blinken en Bruselas.", {"José Manuel Albares", "Antony Blinken"}),
    ("Meloni se verá este viernes con el canciller Olaf Scholz.", {"Giorgia Meloni", "Olaf Scholz"}),
])
def test_the_person_right_after_verse_con_takes_part(rules, sentence, actors):
    ex = extract(article(sentence), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert labels(ex, meeting.actors.items) == actors


# ---- what is planned: "está previsto que" ----


@pytest.mark.parametrize(("sentence", "status"), [
    ("Está previsto que el canciller se reúna con su homólogo marroquí en Rabat.", "scheduled"),
    ("En Lima, donde está previsto que los ministros se reúnan el martes, hay fuertes medidas de seguridad.",
     "scheduled"),
    ("Los ministros se reunieron en Lima, tal como estaba previsto.", None),
])
def test_esta_previsto_que_schedules_the_event(rules, sentence, status):
    [meeting] = events(extract(article(sentence), rules), "kg:Meeting")
    assert meeting.status == status


# ---- an event agreed on by its noun: "pactaron una visita", "acordaron una nueva reunión" ----


@pytest.mark.parametrize(("sentence", "cls", "begin", "actors"), [
    # Thursday 10 March 2022: a month told after the agreement lies ahead of it.
    ("Colombia y Ecuador acordaron una nueva reunión en enero.", "kg:Meeting", date(2023, 1, 1),
     {"Colombia", "Ecuador"}),
    ("Los gobiernos pactaron una visita del presidente Lula a Lisboa en febrero.", "kg:Visit", date(2023, 2, 1),
     {"Luiz Inácio Lula da Silva"}),
    ("Chile y Bolivia han convenido otra ronda de consultas en Santiago en abril.", "kg:NegotiationRound",
     date(2022, 4, 1), {"Chile", "Bolivia"}),
])
def test_an_event_agreed_by_its_noun_is_scheduled_and_no_decision(rules, sentence, cls, begin, actors):
    ex = extract(article(sentence), rules)
    [event] = events(ex)
    assert (event.cls, event.status) == (cls, "scheduled")
    assert (event.time.begin or event.time.earliest if event.time else None) == begin
    assert actors <= labels(ex, event.actors.items)


def test_an_agreement_named_after_the_verb_is_still_a_decision(rules):
    ex = extract(article("Colombia y Ecuador acordaron un plan de seguridad fronteriza."), rules)
    assert [e.cls for e in events(ex)] == ["kg:Decision"]


# ---- an invitation to visit: proposed ----


@pytest.mark.parametrize(("sentence", "status", "actors", "place"), [
    ("Boric invitó a la primera ministra de Nueva Zelanda a visitar Santiago.", "proposed", {"Gabriel Boric"},
     "Santiago"),
    ("El rey aceptó la invitación para visitar Uruguay que le trasladó su embajador.", "proposed", set(), "Uruguay"),
    ("Petro volverá a visitar Caracas en junio.", "scheduled", {"Gustavo Petro"}, "Caracas"),
    ("La primera ministra japonesa ha aceptado viajar a Canberra.", "proposed", set(), "Canberra"),
    ("El canciller Lamola aceptó visitar Santiago en octubre.", "proposed", set(), "Santiago"),
])
def test_an_invitation_to_visit_is_a_proposed_visit(rules, sentence, status, actors, place):
    ex = extract(article(sentence), rules)
    [visit] = events(ex, "kg:Visit")
    assert visit.status == status
    assert actors <= labels(ex, visit.actors.items)
    assert place in labels(ex, visit.places.items)


@pytest.mark.parametrize("sentence", [
    "La comitiva llegó a Kiev para visitar Bucha.",
    "Los turistas suelen visitar Cartagena en diciembre.",
])
def test_a_visit_to_a_site_on_a_journey_is_no_second_visit(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Visit")) <= 1


@pytest.mark.parametrize(("sentence", "place"), [
    ("La ministra de Exteriores viajará a la Ciudad de México en noviembre.", "Ciudad de México"),
    ("El primer ministro llegó al Reino Unido el martes.", "Reino Unido"),
    ("El presidente viajó a Los Ángeles para la cumbre.", "Los Ángeles"),
])
def test_a_journey_to_a_place_said_with_its_article(rules, sentence, place):
    ex = extract(article(sentence), rules)
    [visit] = events(ex, "kg:Visit")
    assert labels(ex, visit.places.items) == {place}


@pytest.mark.parametrize("sentence", [
    "El ministro llegó a la Cumbre con retraso.",
    "La disputa llegará el lunes al Consejo de Seguridad.",
    "Es la primera vez que se ven desde que el republicano llegó a la Casa Blanca.",
])
def test_a_journey_to_a_body_is_no_visit_to_a_place(rules, sentence):
    ex = extract(article(sentence), rules)
    assert all(not v.places.items for v in events(ex, "kg:Visit"))
    assert not any("Consejo" in label for v in events(ex, "kg:Visit") for label in labels(ex, v.places.items))


# ---- who presides, opens or closes an event takes part ----


@pytest.mark.parametrize(("sentence", "actors"), [
    # the time and place between the verb and the event leave the subject out unless the verb holds the event
    ("Blinken y Lavrov han presidido este lunes en Viena la reunión de la comisión bilateral.",
     {"Antony Blinken", "Serguéi Lavrov"}),
    ("Boric inauguró el lunes en Belém la cumbre amazónica.", {"Gabriel Boric"}),
    ("Ursula von der Leyen clausuró ayer en Bruselas la conferencia de donantes.", {"Ursula von der Leyen"}),
    ("El primer ministro japonés cierra en Lima una gira por Sudamérica.", {"Fumio Kishida"}),
    ("Lula concluyó este martes en Pekín una visita de Estado.", {"Luiz Inácio Lula da Silva"}),
    ("Tras la cena, Boric y Petro emitieron además una declaración conjunta sobre el litio.",
     {"Gabriel Boric", "Gustavo Petro"}),
])
def test_who_presides_or_opens_an_event_takes_part(rules, sentence, actors):
    ex = extract(article(sentence), rules)
    [event] = events(ex)
    assert actors <= labels(ex, event.actors.items)


# ---- an event being prepared, organised or called is still to come ----


@pytest.mark.parametrize(("sentence", "actors"), [
    ("Ankara y Atenas preparan una reunión de alto nivel.", {"Gobierno de Turquía", "Gobierno de Grecia"}),
    ("Noruega y Suiza organizan una nueva ronda de diálogo en Oslo.", {"Noruega", "Suiza"}),
    ("Kenia convoca una cumbre regional sobre el Sudán.", {"Kenia"}),
])
def test_an_event_being_prepared_is_scheduled_with_its_organisers(rules, sentence, actors):
    ex = extract(article(sentence), rules)
    [event] = events(ex)
    assert event.status == "scheduled"
    assert actors <= labels(ex, event.actors.items)


def test_an_event_organised_in_the_past_keeps_its_day(rules):
    [meeting] = events(extract(article("Egipto organizó una reunión en El Cairo el lunes."), rules))
    assert (meeting.status, meeting.time.begin) == (None, date(2022, 3, 7))


@pytest.mark.parametrize(("sentence", "place"), [
    ("La cumbre de los BRICS en Kazán reunió a una veintena de líderes.", "Kazán"),
    ("La reunión del G7 en Hiroshima terminó sin comunicado.", "Hiroshima"),
])
def test_an_unlisted_place_after_a_name_is_the_venue(rules, sentence, place):
    ex = extract(article(sentence), rules)
    [event] = events(ex)
    assert place in labels(ex, event.places.items)


@pytest.mark.parametrize(("sentence", "place"), [
    ("Los cancilleres del Mercosur se reunieron en Río de Janeiro.", "Río de Janeiro"),
    ("La cumbre se celebrará en Punta del Este en diciembre.", "Punta del Este"),
    ("El presidente sudafricano recibió a su homólogo en Ciudad del Cabo.", "Ciudad del Cabo"),
])
def test_a_city_named_with_de_is_one_place(rules, sentence, place):
    ex = extract(article(sentence), rules)
    [event] = events(ex)
    assert labels(ex, event.places.items) == {place}


@pytest.mark.parametrize(("sentence", "place"), [
    ("La llamada llegó dos días después de que el canciller visitara Teherán.", "Teherán"),
    ("Lula espera que el papa visite Brasil antes de fin de año.", "Brasil"),
])
def test_a_visit_told_in_the_subjunctive(rules, sentence, place):
    ex = extract(article(sentence), rules)
    [visit] = events(ex, "kg:Visit")
    assert place in labels(ex, visit.places.items)


def test_a_subjunctive_visit_to_people_is_no_visit_to_a_place(rules):
    assert events(extract(article("Pidió a los ministros que visiten a las víctimas."), rules), "kg:Visit") == []


@pytest.mark.parametrize(("sentence", "place"), [
    ("La cumbre iberoamericana de Cádiz reunió a veinte jefes de Estado.", "Cádiz"),
    ("La reunión anual de Davos comenzó con un debate sobre comercio.", "Davos"),
])
def test_a_venue_after_the_adjective_of_its_event(rules, sentence, place):
    ex = extract(article(sentence), rules)
    [event] = events(ex)
    assert labels(ex, event.places.items) == {place}


def test_a_topic_between_an_event_and_a_place_is_no_adjective(rules):
    ex = extract(article("La cumbre sobre clima de Brasil fue un éxito."), rules)
    assert all(not e.places.items for e in events(ex))
