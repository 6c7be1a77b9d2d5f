"""How news services name a diplomatic event, and what is no event: sentences of wire-service Spanish in
wordings the other tests do not cover. Dated by DATELINE (Thursday 10 March 2022) unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from tests.conftest import article, events, extract, labels

# ---- what two people do on the phone is a call ----


@pytest.mark.parametrize(("sentence", "actors"), [
    ("Emmanuel Macron y Olaf Scholz fijaron por teléfono los detalles de la reunión de Bruselas.",
     {"Emmanuel Macron", "Olaf Scholz"}),
    ("Pedro Sánchez y Lula se felicitaron por vía telefónica tras las elecciones.",
     {"Pedro Sánchez", "Luiz Inácio Lula da Silva"}),
    ("Antony Blinken abordó telefónicamente con Wang Yi la situación en el estrecho.",
     {"Antony Blinken", "Wang Yi"}),
    ("Los dos cancilleres coordinaron por teléfono la respuesta a la crisis.", set()),
])
def test_what_two_people_do_on_the_phone_is_a_call(rules, sentence, actors):
    ex = extract(article(sentence), rules)
    [call] = events(ex, "kg:PhoneCall")
    assert actors <= labels(ex, call.actors.items)


@pytest.mark.parametrize("sentence", [
    "El portavoz declaró por teléfono a esta agencia que no habrá cambios.",   # told to the press
    "El ministro explicó por teléfono a los periodistas su postura.",
    "Fijaron la fecha de la votación para el próximo martes.",                  # no phone at all
])
def test_what_is_told_to_the_press_by_phone_is_no_call(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:PhoneCall") == []


# ---- meals, greetings and closed-door sessions are meetings ----


@pytest.mark.parametrize(("sentence", "actor"), [
    ("Barack Obama almorzará en la embajada británica con los líderes del Báltico.", "Barack Obama"),
    ("Olaf Scholz cenó anoche en un restaurante del centro con Emmanuel Macron.", "Olaf Scholz"),
    ("Felipe VI saludará al papa antes de su partida.", "Felipe VI"),
    ("Mohamed VI le saludó en la escalinata del palacio.", "Mohamed VI"),
])
def test_a_meal_or_a_greeting_with_someone_is_a_meeting(rules, sentence, actor):
    ex = extract(article(sentence), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert actor in labels(ex, meeting.actors.items)


@pytest.mark.parametrize("sentence", [
    "Los dos líderes se dieron la mano ante las cámaras.",
    "Los negociadores se encerraron durante seis horas en un hotel de Viena.",
    "Los cancilleres del Mercosur se encerraron en Montevideo sin lograr avances.",
])
def test_a_handshake_or_a_closed_door_session_is_a_meeting(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Meeting")) == 1


@pytest.mark.parametrize("sentence", [
    "Olaf Scholz cenó con apetito tras la votación.",                      # no one to dine with
    "El presidente saludó la decisión del tribunal.",                       # welcomes a decision
    "El ministro saludó a la prensa antes de entrar.",                      # a crowd, not a party
    "El presidente se encerró en su despacho toda la tarde.",               # alone
    "El país vive desde hace años un largo aislamiento internacional.",     # a state, not talks
])
def test_what_is_no_meeting(rules, sentence):
    assert events(extract(article(sentence), rules)) == []


# ---- talks told by how long the parties spent shut away ----


@pytest.mark.parametrize("sentence", [
    "Los negociadores firmaron el acuerdo tras doce días de encierro en una base militar.",
    "Después de dos semanas de aislamiento en un castillo, las partes cerraron el texto.",
    "Tras largas jornadas de deliberaciones, los ministros aprobaron la declaración.",
])
def test_days_of_seclusion_are_talks(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Negotiation")) == 1


# ---- a summit held on screen ----


@pytest.mark.parametrize("sentence", [
    "Los líderes de la Alianza del Pacífico celebraron el lunes una cumbre virtual.",
    "El anuncio llegó tras una videoconferencia de los jefes de Estado del Mercosur.",
    "La videoconferencia entre los presidentes de Chile y Perú duró dos horas.",
])
def test_leaders_meeting_on_screen_hold_a_summit(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Summit")) == 1


@pytest.mark.parametrize("sentence", [
    "Los técnicos de ambos ministerios mantuvieron una videoconferencia con Bruselas.",
    "La reunión virtual de los negociadores terminó sin avances.",
])
def test_others_meeting_on_screen_hold_a_meeting(rules, sentence):
    ex = extract(article(sentence), rules)
    assert events(ex, "kg:Summit") == []
    assert len(events(ex, "kg:Meeting")) == 1


# ---- what was agreed to be held is still to come ----


@pytest.mark.parametrize(("sentence", "cls"), [
    ("Los dos gobiernos acordaron además celebrar este año una nueva ronda de diálogo sobre migración.",
     "kg:NegotiationRound"),
    ("Ambos cancilleres pactaron convocar una cumbre regional.", "kg:Summit"),
])
def test_an_event_agreed_to_be_held_is_scheduled(rules, sentence, cls):
    ex = extract(article(sentence), rules)
    [event] = events(ex, cls)
    assert event.status == "scheduled"
    assert events(ex, "kg:Decision") == []   # agreeing to meet is no agreement of its own


@pytest.mark.parametrize("sentence", [
    "Los dos gobiernos acordaron crear una comisión tras la cumbre de Lima del año pasado.",
    "En 2015 los ministros celebraron una nueva ronda de diálogo sobre migración.",
])
def test_an_event_not_agreed_to_be_held_is_not_scheduled(rules, sentence):
    assert all(f.status is None for f in events(extract(article(sentence), rules)))


@pytest.mark.parametrize("sentence", [
    "Chile y Perú han acordado trasladarla a la segunda semana de junio.",
    "Los dos copresidentes acordaron aplazar la cumbre hasta el otoño.",
])
def test_agreeing_to_move_an_event_is_no_agreement(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:Decision") == []


def test_an_agreement_on_a_text_stays_an_agreement(rules):
    ex = extract(article("Chile y Perú acordaron aplazamientos de la deuda y un plan de pesca."), rules)
    assert len(events(ex, "kg:Decision")) == 1


# ---- what a meeting yields ----


@pytest.mark.parametrize("sentence", [
    "Fue su segunda cumbre tras la de Oslo, de la que salió una declaración vaga sobre el desarme.",
    "Recordó la reunión de Quito, de la que surgió un acuerdo de cooperación fronteriza.",
])
def test_the_text_a_meeting_yielded_is_a_decision(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Decision")) == 1


@pytest.mark.parametrize("sentence", [
    "Del ministerio salió una declaración del portavoz.",                 # a press statement
    "El rumor que salió ayer en la prensa no tiene fundamento.",
])
def test_a_text_from_elsewhere_is_no_decision(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:Decision") == []


# ---- a stretch of talks counted in days is one round of them ----


@pytest.mark.parametrize("sentence", [
    "Tras cinco días de negociaciones en Viena, Irán y el Grupo 5+1 anunciaron un principio de acuerdo.",
    "Las tres jornadas de conversaciones sobre Yemen celebradas en Estocolmo terminaron sin acuerdo.",
    "El texto quedó cerrado después de cuatro días de reuniones técnicas en Montevideo.",
    "Londres y Bruselas fijaron en su primera sesión formal de negociación el calendario de las rondas.",
])
def test_days_of_talks_are_a_round(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:NegotiationRound")) == 1


@pytest.mark.parametrize("sentence", [
    "Tras dos años de negociaciones, Chile y Perú firmaron el tratado.",          # the whole process
    "En los últimos días de negociaciones se endureció la postura de Londres.",  # the end of a process
    "Tras varios días de consultas entre los socios, la cumbre se trasladó a Quito.",
    "La ministra cumple tres días de visita oficial en Rabat.",
    "El mediador terminó ayer sus cuatro días de conversaciones con los dirigentes kurdos.",  # one party's talks
])
def test_what_is_no_round_of_days(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:NegotiationRound") == []


@pytest.mark.parametrize("sentence", [
    "La segunda fase de la tercera ronda de negociaciones comenzó el lunes en Viena.",
    "La primera etapa, celebrada del 3 al 9 de mayo en Ginebra, terminó sin acuerdo.",
])
def test_a_phase_of_a_round_is_a_round(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:NegotiationRound")) == 1


@pytest.mark.parametrize("sentence", [
    "La primera fase del plan, celebrada en secreto, fracasó.",
    "La segunda etapa de su gira lo llevará a Nairobi.",
    "El país entra en una nueva fase de la crisis.",
])
def test_a_phase_of_anything_else_is_no_round(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:NegotiationRound") == []


# ---- a body born at a meeting of its founders ----


@pytest.mark.parametrize(("sentence", "body", "place"), [
    ("La Alianza del Pacífico nació en Lima en 2011, con Chile entre sus fundadores.", "Alianza del Pacífico", "Lima"),
    ("La CELAC fue creada en Caracas en diciembre de 2011.", "CELAC", "Caracas"),
    ("El Mercosur se fundó en Asunción en 1991.", "Mercosur", "Asunción"),
])
def test_the_founding_of_a_body_is_an_event_of_that_body(rules, sentence, body, place):
    ex = extract(article(sentence), rules)
    [founding] = events(ex, "kg:Decision")
    assert any(body in label for label in labels(ex, founding.bodies.items))
    assert labels(ex, founding.places.items) == {place}


@pytest.mark.parametrize("sentence", [
    "El presidente nació en Lima en 1960.",                  # a person
    "Lula nació en Garanhuns en 1945.",
    "La idea nació en Bruselas durante la crisis.",          # no body
])
def test_a_person_or_an_idea_born_is_no_founding(rules, sentence):
    assert events(extract(article(sentence), rules)) == []


# ---- one more meeting, its noun left out ----


def test_a_place_and_a_party_coordinated_after_a_meeting_are_one_more_meeting(rules):
    ex = extract(article("Lula se reunió con Boric en Santiago y en Lima con Dina Boluarte."), rules)
    first, second = sorted(events(ex, "kg:Meeting"), key=lambda f: f.spans[0].begin)
    assert labels(ex, first.places.items) == {"Santiago"}
    assert labels(ex, second.places.items) == {"Lima"}
    assert "Dina Boluarte" in labels(ex, second.actors.items)
    assert "Gabriel Boric" not in labels(ex, second.actors.items)


def test_a_place_and_a_party_after_a_visit_are_no_meeting(rules):
    ex = extract(article("Emmanuel Macron viajó a Madrid y en Lisboa con António Costa firmó un acuerdo."), rules)
    assert events(ex, "kg:Meeting") == []
    assert len(events(ex, "kg:Visit")) == 1


def test_an_elided_noun_a_verb_of_holding_governs_is_one_more_event(rules):
    ex = extract(article("Es el segundo contacto de alto nivel entre los dos gobiernos, tras el que "
                         "mantuvieron en enero en Ginebra."), rules)
    meetings = events(ex, "kg:Meeting")
    assert len(meetings) == 2
    assert {"Ginebra"} in [labels(ex, m.places.items) for m in meetings]


# ---- visits told by the journey ----


@pytest.mark.parametrize("sentence", [
    "El canciller recorrió la semana pasada Centroamérica en busca de apoyos.",
    "La ministra recorrerá Oriente Próximo a partir del lunes.",
])
def test_touring_a_region_is_a_visit(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Visit")) == 1


def test_walking_the_streets_is_no_visit(rules):
    assert events(extract(article("El alcalde recorrió las calles del barrio afectado."), rules)) == []


def test_a_host_receives_a_guest_in_a_named_building(rules):
    ex = extract(article("Joe Biden recibirá mañana en la Casa Blanca a Pedro Sánchez."), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert "Joe Biden" in labels(ex, meeting.actors.items)


# ---- what is no event ----


@pytest.mark.parametrize("sentence", [
    "El presidente repitió en su conferencia matutina que no habrá cambios.",
    "La portavoz lo anunció en la conferencia de prensa diaria.",
])
def test_a_leaders_press_briefing_is_no_conference(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:Conference") == []


@pytest.mark.parametrize("sentence", [
    "El tratado se firmará en la cumbre de la Conferencia de Desarme en Ginebra.",
    "Los dos ministros se vieron en el marco de la Conferencia de Seguridad de Múnich.",
])
def test_a_conference_named_as_the_body_of_another_event_is_no_event_of_its_own(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:Conference") == []


def test_a_conference_of_its_own_is_one(rules):
    ex = extract(article("Noruega acogerá en abril una conferencia de donantes para Siria."), rules)
    assert len(events(ex, "kg:Conference")) == 1


@pytest.mark.parametrize("sentence", [
    "El presidente habló con la prensa durante una visita a las zonas afectadas por el terremoto.",
    "La ministra realizó una visita a los heridos en el hospital.",
])
def test_a_visit_to_people_or_sites_at_home_is_no_visit(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:Visit") == []


@pytest.mark.parametrize("sentence", [
    "La ministra inició una visita a los países bálticos.",
    "El canciller cerró su visita a Cuba con una misa.",
])
def test_a_visit_abroad_is_a_visit(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Visit")) == 1


def test_a_purpose_of_consultations_is_no_consultation(rules):
    ex = extract(article("La sesión tuvo varias pausas para consultas con los expertos."), rules)
    assert events(ex, "kg:Consultation") == []


@pytest.mark.parametrize("sentence", [
    "Los mediadores viajaron a Doha para cerrar un acuerdo definitivo.",
    "El presidente urgió a su homólogo a alcanzar un pacto antes del verano.",
    "Creo que podemos llegar a un acuerdo, dijo el ministro.",
    "Francia no firmaría un acuerdo comercial con un país que abandone la lucha climática.",
])
def test_an_agreement_sought_or_imagined_is_no_decision(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:Decision") == []


@pytest.mark.parametrize("sentence", [
    "Tras meses de negociaciones, Chile y Perú firmaron un acuerdo de pesca.",
    "El acuerdo entre Ecuador y Colombia entrará en vigor en junio.",
    # "ayer" before the object is no infinitive of a goal
    "Uruguay y Paraguay emitieron ayer una declaración conjunta sobre la hidrovía.",
])
def test_an_agreement_reached_or_in_force_is_a_decision(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Decision")) == 1


def test_a_mention_opened_by_se_trata_de_restates_the_event_just_told(rules):
    ex = extract(article("Xi Jinping inició el martes una visita de Estado a España. Se trata de una "
                         "visita sin precedentes en trece años."), rules)
    assert len(events(ex, "kg:Visit")) == 1


def test_a_place_after_desde_opens_no_new_occurrence(rules):
    ex = extract(article("Fue una charla de una hora entre Emmanuel Macron y Olaf Scholz, la primera desde la "
                         "cumbre de marzo, y la primera también desde las protestas de mayo en Estrasburgo."), rules)
    assert all("Estrasburgo" not in labels(ex, f.places.items) for f in events(ex))


# ---- which mentions are one event ----


def test_an_appointment_told_in_the_past_is_not_the_session_still_to_come(rules):
    body = ("Los cancilleres de Chile y Perú abrieron el lunes en Lima una conferencia sobre el litoral. La "
            "comisión mixta celebrará una reunión extraordinaria el 20 de marzo en Arica. La reunión durará dos "
            "días. La cita reunió a delegados de veinte países.")
    text = article(body)
    ex = extract(text, rules)
    [conference] = events(ex, "kg:Conference")
    assert text.index("La cita") in [span.begin for span in conference.spans]


def test_a_background_agreement_dated_weeks_before_is_not_the_headline_news(rules):
    text = article("La tregua en la frontera fue acordada por Chile y Perú el 2 de enero.",
                   headline="Chile y Perú crean una comisión para vigilar la frontera")
    assert len(events(extract(text, rules), "kg:Decision")) == 2


def test_the_body_retells_the_headline_news_of_the_same_week(rules):
    text = article("Los gobiernos de Chile y Perú acordaron el martes crear una comisión binacional.",
                   headline="Chile y Perú crean una comisión para vigilar la frontera")
    assert len(events(extract(text, rules), "kg:Decision")) == 1


@pytest.mark.parametrize("sentence", [
    "Joe Biden viajará el sábado a Madrid, donde se reunirá con Pedro Sánchez.",
    "Xi Jinping volará a Buenos Aires, donde el miércoles será recibido por el presidente argentino.",
])
def test_a_meeting_told_where_a_journey_ends_is_the_visit(rules, sentence):
    ex = extract(article(sentence), rules)
    assert len(events(ex)) == 1
    assert len(events(ex, "kg:Visit")) == 1


def test_a_summit_attended_where_a_journey_ends_is_an_event_of_its_own(rules):
    ex = extract(article("Xi Jinping viajará a Osaka, donde asistirá a la cumbre del G20."), rules)
    assert len(events(ex, "kg:Visit")) == 1
    assert len(events(ex, "kg:Summit")) == 1


def test_a_meeting_of_another_day_where_a_journey_ends_is_no_visit(rules):
    ex = extract(article("Joe Biden llegó el lunes a Madrid, donde se reunirá mañana con Pedro Sánchez."), rules)
    assert len(events(ex, "kg:Visit")) == 1
    assert len(events(ex, "kg:Meeting")) == 1


# ---- talks and decisions told by their verb ----


@pytest.mark.parametrize("sentence", [
    "Los equipos de Chile y Bolivia habían negociado el texto hasta el amanecer.",
    "Kiev y Moscú negocian desde el lunes en Estambul un canje de prisioneros.",
])
def test_a_finite_verb_of_negotiating_is_a_negotiation(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:Negotiation")) == 1


@pytest.mark.parametrize("sentence", [
    "Irán se niega a negociar con Washington.",                 # a refusal
    "Los mediadores viajaron a Doha para negociar la tregua.",  # a goal
    "Chile no negocia con quien incumple.",                     # denied
])
def test_an_infinitive_or_a_denial_of_negotiating_is_no_negotiation(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:Negotiation") == []


@pytest.mark.parametrize(("sentence", "member"), [
    ("La OEA suspendió a Honduras hasta nuevo aviso.", "Honduras"),
    ("El bloque deja fuera a Venezuela hasta que haya elecciones.", "Venezuela"),
    ("La Unión Africana readmitirá a Marruecos el próximo mes.", "Marruecos"),
])
def test_a_body_suspending_or_readmitting_a_member_is_a_decision(rules, sentence, member):
    ex = extract(article(sentence), rules)
    [decision] = events(ex, "kg:Decision")
    assert member in labels(ex, decision.actors.items)


@pytest.mark.parametrize("sentence", [
    "El árbitro suspendió el partido por la lluvia.",
    "El Gobierno suspendió a dos funcionarios de empleo y sueldo.",
])
def test_suspending_what_is_no_member_state_is_no_decision(rules, sentence):
    assert events(extract(article(sentence), rules), "kg:Decision") == []


def test_con_said_again_after_a_call_opens_one_more_call(rules):
    ex = extract(article("Donald Trump habló por teléfono con el presidente surcoreano, Moon Jae-in, y con el "
                         "primer ministro japonés, Shinzo Abe."), rules)
    calls = events(ex, "kg:PhoneCall")
    assert len(calls) == 2
    assert all("Donald Trump" in labels(ex, call.actors.items) for call in calls)


def test_parties_listed_after_one_con_meet_together(rules):
    ex = extract(article("Emmanuel Macron se reunió en Roma con Giorgia Meloni y Sergio Mattarella."), rules)
    assert len(events(ex, "kg:Meeting")) == 1


def test_con_said_again_after_an_agreement_opens_no_meeting(rules):
    ex = extract(article("Pedro Sánchez firmó un acuerdo con Marruecos y con Argelia."), rules)
    assert events(ex, "kg:Meeting") == []
