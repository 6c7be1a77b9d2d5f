"""Rule families on sentences of wire-service Spanish that are not in the seed article.

Every article here is dated by DATELINE (Thursday 10 March 2022 unless a test says otherwise).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import article, events, extract, labels, statements

# ---- titles and appositions: people no lexicon lists ----


@pytest.mark.parametrize(("sentence", "name", "title", "country", "link"), [
    ("El ministro de Exteriores turco, Mevlut Cavusoglu, recibió a la prensa en Antalya.",
     "Mevlut Cavusoglu", "ministro de Exteriores", "Turquía", "represents"),
    ("La presidenta de la Comisión Europea, Ursula von der Leyen, llegó a Kiev.",
     "Ursula von der Leyen", "presidenta", "Comisión Europea", "leads"),
    ("El presidente francés Emmanuel Macron habló con la prensa.",
     "Emmanuel Macron", "presidente", "Francia", "leads"),
    # Outside Germany and Austria "canciller" is the foreign minister.
    ("El canciller ruso, Serguéi Lavrov, llegó a Ginebra.",
     "Serguéi Lavrov", "canciller", "Rusia", "represents"),
    ("El canciller alemán, Olaf Scholz, llegó a Moscú.", "Olaf Scholz", "canciller", "Alemania", "leads"),
    ("El presidente del Gobierno español, Pedro Sánchez, viajó a Kiev.",
     "Pedro Sánchez", "presidente del Gobierno", "España", "leads"),
    ("La visita del presidente polaco, Andrzej Duda, fue aplazada.", "Andrzej Duda", "presidente", "Polonia", "leads"),
    ("El canciller mexicano, Marcelo Ebrard, llegó a Buenos Aires.", "Marcelo Ebrard", "canciller", "México",
     "represents"),
    ("La portavoz de la Cancillería rusa, María Zajárova, habló con la prensa.", "María Zajárova", "portavoz",
     "Ministerio de Asuntos Exteriores de Rusia", "represents"),
    ("La subsecretaria de Estado de EEUU, Wendy Sherman, llegó a Ginebra.", "Wendy Sherman",
     "subsecretaria de Estado", "Estados Unidos", "represents"),
    # A body no lexicon lists is read but not linked.
    ("El portavoz de la Cancillería rusa, Alexandr Grushkó, habló con la prensa.", "Alexandr Grushkó", "portavoz",
     None, None),
    ("Rusia envió al viceministro de Exteriores, Serguéi Riabkov, a Ginebra.",
     "Serguéi Riabkov", "viceministro de Exteriores", None, None),
])
def test_title_apposition_introduces_a_person(rules, sentence, name, title, country, link):
    ex = extract(article(sentence), rules)
    people = [e for e in ex.entities.values() if e.cls == "schema:Person"]
    assert [p.label for p in people] == [name]
    assert people[0].title == title
    if link:
        assert labels(ex, people[0].links[link].items) == {country}


def test_counterpart_takes_the_title_said_before_and_the_surname_refers_back(rules):
    text = article("El ministro de Exteriores turco, Mevlut Cavusoglu, recibió a su homólogo ucraniano, "
                   "Dmitro Kuleba, en Antalya.\n\nKuleba afirmó que Kiev está dispuesta a negociar.")
    ex = extract(text, rules)
    kuleba = ex.entities["dmitro-kuleba"]
    assert kuleba.title == "ministro de Exteriores"
    assert labels(ex, kuleba.links["represents"].items) == {"Ucrania"}
    [said] = statements(ex)
    assert labels(ex, said.actors.items) == {"Dmitro Kuleba"}


def test_counterpart_does_not_take_a_title_from_another_sentence(rules):
    text = article("El ministro de Exteriores turco, Mevlut Cavusoglu, recibió a la prensa.\n\n"
                   "Putin habló por teléfono con su homólogo francés, Emmanuel Macron.")
    macron = extract(text, rules).entities["emmanuel-macron"]
    assert macron.title is None


def test_people_listed_after_entre_with_their_titles(rules):
    ex = extract(article("Erdogan propuso un encuentro entre el presidente ruso, Vladímir Putin, y su homólogo "
                         "ucraniano, Volodímir Zelenski."), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert labels(ex, meeting.actors.items) == {"Vladimir Putin", "Volodímir Zelenski"}


@pytest.mark.parametrize(("sentence", "cls", "actors"), [
    ("Las delegaciones de Rusia y Ucrania celebraron este martes en Estambul una ronda de negociaciones.",
     "kg:NegotiationRound", {"Rusia", "Ucrania"}),
    ("El presidente estadounidense, Joe Biden, asistió a la cumbre en Bruselas.", "kg:Summit", {"Joe Biden"}),
    ("Los presidentes de Rusia y Turquía conversaron por teléfono este miércoles.", "kg:PhoneCall",
     {"Vladimir Putin", "Recep Tayyip Erdogan"}),
    ("Putin tiene previsto reunirse con Biden en Sochi.", "kg:Meeting", {"Vladimir Putin", "Joe Biden"}),
    ("Biden volverá a hablar por teléfono con Putin.", "kg:PhoneCall", {"Vladimir Putin", "Joe Biden"}),
])
def test_participants_of_support_verbs_transparent_heads_and_infinitives(rules, sentence, cls, actors):
    ex = extract(article(sentence), rules)
    [event] = events(ex, cls)
    assert labels(ex, event.actors.items) == actors


def test_a_city_after_entre_is_no_participant(rules):
    ex = extract(article("La reunión entre Antony Blinken y Benjamín Netanyahu en Jerusalén terminó sin acuerdo."),
                 rules)
    [meeting] = events(ex, "kg:Meeting")
    assert "jerusalen" not in meeting.actors.items


def test_a_relative_clause_lists_who_took_part(rules):
    ex = extract(article("Mora habló tras la reunión de Viena, en la que participaron Irán, Rusia, China y "
                         "el Reino Unido."), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert labels(ex, meeting.actors.items) == {"Irán", "Rusia", "China", "Reino Unido"}


def test_the_subject_of_a_relative_clause_on_the_event_takes_part(rules):
    ex = extract(article("La cumbre se acordó durante la reunión que Sullivan y el presidente chino, Xi Jinping, "
                         "celebraron el pasado 6 de octubre en Zúrich."), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert labels(ex, meeting.actors.items) == {"Xi Jinping"}
    assert (labels(ex, meeting.places.items), meeting.time.begin) == ({"Zúrich"}, date(2021, 10, 6))


def test_a_que_clause_of_a_verb_is_no_relative_clause_on_the_event(rules):
    ex = extract(article("Tras la reunión, Putin dijo que Biden y Macron celebraron una cumbre."), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert meeting.actors.items == {}


def test_a_bare_postposed_verb_keeps_the_speaker_before_it(rules):
    text = article('El presidente ucraniano, Volodímir Zelenski, afirmó que Kiev no cederá territorio. '
                   '"Las otras partes deben estudiar nuestras propuestas", precisó.')
    ex = extract(text, rules)
    found = [(text[slice(*s.content)], labels(ex, s.actors.items)) for s in statements(ex)]
    assert found == [("Kiev no cederá territorio", {"Volodímir Zelenski"}),
                     ("Las otras partes deben estudiar nuestras propuestas", {"Volodímir Zelenski"})]


def test_a_venue_no_lexicon_lists_is_a_minted_place(rules):
    ex = extract(article("Putin tiene previsto reunirse con Biden en Sochi."), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert (labels(ex, meeting.places.items), meeting.status) == ({"Sochi"}, "scheduled")
    assert ex.entities["sochi"].cls == "schema:Place"


# ---- dates ----


@pytest.mark.parametrize(("sentence", "begin", "end"), [
    ("La reunión se celebrará el 15 de abril.", date(2022, 4, 15), date(2022, 4, 15)),
    ("Las consultas se celebraron el 20 de diciembre.", date(2021, 12, 20), date(2021, 12, 20)),
    ("La cumbre tendrá lugar el jueves 13 de enero de 2023.", date(2023, 1, 13), date(2023, 1, 13)),
    ("La ronda de negociaciones será del 9 al 10 de enero de 2023.", date(2023, 1, 9), date(2023, 1, 10)),
    ("La cumbre se celebrará entre el 3 y el 5 de mayo.", date(2022, 5, 3), date(2022, 5, 5)),
    ("Las consultas se celebraron del 28 de febrero al 2 de marzo.", date(2022, 2, 28), date(2022, 3, 2)),
    ("La reunión se celebró el pasado jueves.", date(2022, 3, 3), date(2022, 3, 3)),
    ("La reunión se celebró el jueves pasado.", date(2022, 3, 3), date(2022, 3, 3)),
    ("La reunión se celebró este lunes.", date(2022, 3, 7), date(2022, 3, 7)),
    # "este" with a future verb looks ahead, with a past verb back, from a Thursday.
    ("Los ministros se reunirán este lunes en Roma.", date(2022, 3, 14), date(2022, 3, 14)),
    ("La cumbre se celebró este sábado en Lima.", date(2022, 3, 5), date(2022, 3, 5)),
    ("La reunión se celebrará este viernes.", date(2022, 3, 11), date(2022, 3, 11)),
    ("La reunión se celebrará el próximo martes.", date(2022, 3, 15), date(2022, 3, 15)),
    ("La reunión se celebró ayer.", date(2022, 3, 9), date(2022, 3, 9)),
])
def test_event_dates_resolved_against_the_dateline(rules, sentence, begin, end):
    [event] = events(extract(article(sentence), rules))
    assert (event.time.begin, event.time.end) == (begin, end)


@pytest.mark.parametrize(("sentence", "earliest", "latest"), [
    ("La cumbre se celebrará a mediados de abril.", date(2022, 4, 11), date(2022, 4, 20)),
    ("La visita está prevista a principios de mayo.", date(2022, 5, 1), date(2022, 5, 10)),
    ("Las consultas se celebraron a finales de febrero.", date(2022, 2, 21), date(2022, 2, 28)),
    ("La reunión se celebrará en junio.", date(2022, 6, 1), date(2022, 6, 30)),
    # Periods counted from the dateline's week, month or year (Thursday 10 March 2022).
    ("La cumbre se celebrará la próxima semana en Viena.", date(2022, 3, 14), date(2022, 3, 20)),
    ("La reunión se celebró la semana pasada.", date(2022, 2, 28), date(2022, 3, 6)),
    ("Las consultas se reanudarán a finales de mes.", date(2022, 3, 21), date(2022, 3, 31)),
    ("La reunión se celebrará a principios del próximo mes.", date(2022, 4, 1), date(2022, 4, 10)),
    ("La visita tendrá lugar a finales de año.", date(2022, 9, 1), date(2022, 12, 31)),
    ("La cumbre se celebrará el próximo año.", date(2023, 1, 1), date(2023, 12, 31)),
])
def test_vague_dates_become_bounds(rules, sentence, earliest, latest):
    [event] = events(extract(article(sentence), rules))
    assert (event.time.begin, event.time.earliest, event.time.latest) == (None, earliest, latest)


def test_upcoming_weeks_bound_only_the_start(rules):
    [event] = events(extract(article("Ambas delegaciones se reunirán en las próximas semanas."), rules))
    assert (event.time.earliest, event.time.latest, event.status) == (date(2022, 3, 11), None, "scheduled")


def test_year_of_a_past_date_in_january_looks_back(rules):
    text = article("Las consultas se celebraron el 20 de diciembre.", dateline="5 Enero de 2022 08.00")
    [event] = events(extract(text, rules))
    assert event.time.begin == date(2021, 12, 20)


@pytest.mark.parametrize("sentence", [
    "La cumbre se celebrará los días 14 y 15 de abril en Viena.",
    "La cumbre se celebrará el 14 y el 15 de abril en Viena.",
])
def test_list_of_two_days_is_a_range(rules, sentence):
    [event] = events(extract(article(sentence), rules))
    assert (event.time.begin, event.time.end) == (date(2022, 4, 14), date(2022, 4, 15))


def test_date_of_the_saying_does_not_date_the_event(rules):
    ex = extract(article("Washington anunció el pasado lunes que la reunión prevista en Ginebra fue cancelada."), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert meeting.status == "cancelled"
    assert meeting.time is None or meeting.time.begin != date(2022, 3, 7)


def test_without_dateline_a_yearless_date_is_left_unresolved(rules):
    [event] = events(extract("Titular\n\nLa reunión se celebrará el 15 de abril.", rules))
    assert event.time is None and event.status == "scheduled"


# ---- reporting verbs ----


@pytest.mark.parametrize(("sentence", "cls", "speaker"), [
    ("El canciller ruso, Serguéi Lavrov, afirmó que Moscú no busca una guerra.", "kg:Assertion", "Serguéi Lavrov"),
    ("Putin declaró que la seguridad de Rusia no es negociable.", "kg:Assertion", "Vladimir Putin"),
    ("Biden advirtió que habrá consecuencias económicas.", "kg:Warning", "Joe Biden"),
    ("Biden subrayó que la OTAN está unida.", "kg:Emphasis", "Joe Biden"),
    ("Putin explicó que las tropas regresarán a sus bases.", "kg:Explanation", "Vladimir Putin"),
    ("Putin aseguró que Rusia no invadirá Ucrania.", "kg:Promise", "Vladimir Putin"),
    ("Putin aseguró que el diálogo fue útil.", "kg:Assertion", "Vladimir Putin"),
    ("Biden señaló que nuevas sanciones serían un grave error y podrían conducir a una escalada.",
     "kg:Warning", "Joe Biden"),
    ('"El diálogo sigue abierto", aseguró el Kremlin.', "kg:Assertion", "Presidencia de Rusia (Kremlin)"),
    ("El presidente chino, Xi Jinping, pidió a Washington que respete los acuerdos.", "kg:Appeal", "Xi Jinping"),
    ("El Kremlin advierte que responderá a cualquier provocación.", "kg:Warning", "Presidencia de Rusia (Kremlin)"),
    # A postposed speaker with no quotation marks, a common closing of wire copy.
    ("Rusia no retirará sus tropas de la frontera con Ucrania, afirmó el Kremlin.", "kg:Assertion",
     "Presidencia de Rusia (Kremlin)"),
    # The body named inside a title is not a second speaker.
    ("El secretario general de la OTAN, Jens Stoltenberg, subrayó que la Alianza está unida.", "kg:Emphasis",
     "Jens Stoltenberg"),
    # An object introduced by "con" is not the speaker.
    ("Putin se reunió con el presidente francés, Emmanuel Macron, y afirmó que Rusia no busca una guerra.",
     "kg:Assertion", "Vladimir Putin"),
    ("Moscú y Washington acordaron mantener el diálogo.", "kg:Agreement", "Gobierno de Estados Unidos|Gobierno de Rusia"),
])
def test_reporting_verb_makes_a_statement_with_its_speaker(rules, sentence, cls, speaker):
    ex = extract(article(sentence), rules)
    [said] = statements(ex)
    assert said.cls == cls
    assert "|".join(sorted(labels(ex, said.actors.items))) == speaker


def test_coordinated_reporting_verbs_share_the_speaker(rules):
    ex = extract(article("Biden, a su vez, subrayó que Europa necesita estabilidad, y aseguró que "
                         "Washington no enviará tropas a Ucrania."), rules)
    found = sorted((s.cls, tuple(labels(ex, s.actors.items))) for s in statements(ex))
    assert found == [("kg:Emphasis", ("Joe Biden",)), ("kg:Promise", ("Joe Biden",))]


def test_a_title_without_a_name_refers_to_the_person_introduced_with_it(rules):
    text = article("El presidente senegalés, Macky Sall, llegó a Bruselas.\n\n"
                   "La cumbre no puede fracasar, señaló el presidente senegalés.")
    ex = extract(text, rules)
    [said] = statements(ex)
    assert labels(ex, said.actors.items) == {"Macky Sall"}


def test_apposition_comma_is_not_a_postposed_speaker(rules):
    text = article("El presidente francés, Emmanuel Macron, anunció la retirada de las tropas.")
    ex = extract(text, rules)
    [said] = statements(ex)
    assert labels(ex, said.actors.items) == {"Emmanuel Macron"}
    assert text[slice(*said.content)] == "la retirada de las tropas"


def test_a_statement_is_dated_by_the_date_after_its_verb(rules):
    [said] = statements(extract(article("Putin afirmó este lunes que Rusia no busca una guerra."), rules))
    assert (said.time.begin, said.time.end) == (date(2022, 3, 7), date(2022, 3, 7))


def test_verbs_joined_by_pero_share_the_speaker(rules):
    ex = extract(article("Biden aseguró que Washington responderá con firmeza, pero subrayó que la vía "
                         "diplomática sigue abierta."), rules)
    found = sorted((s.cls, tuple(labels(ex, s.actors.items))) for s in statements(ex))
    assert found == [("kg:Emphasis", ("Joe Biden",)), ("kg:Promise", ("Joe Biden",))]


@pytest.mark.parametrize(("sentence", "content"), [
    ("Putin afirmó en la rueda de prensa conjunta que Rusia no busca una guerra.", "Rusia no busca una guerra"),
    ("Biden advirtió este martes a Moscú de que habrá consecuencias.", "habrá consecuencias"),
    ("Biden declaró que la OTAN está unida.", "la OTAN está unida"),
    ("Putin afirmó que Rusia no busca una guerra, según informó la agencia TASS.", "Rusia no busca una guerra"),
    ("Putin advirtió que responderá con fuerza, según un comunicado de su oficina.", "responderá con fuerza"),
])
def test_statement_content_starts_after_que(rules, sentence, content):
    text = article(sentence)
    [said] = statements(extract(text, rules))
    assert text[slice(*said.content)].rstrip(".") == content


@pytest.mark.parametrize(("sentence", "inner_cls", "inner_speakers", "source"), [
    # A statement inside what someone says comes from that someone.
    ("El asesor de Seguridad Nacional, Jake Sullivan, afirmó que Putin y Biden acordaron mantener el diálogo.",
     "kg:Agreement", {"Joe Biden", "Vladimir Putin"}, {"Jake Sullivan"}),
    # "…, señaló X" after a reported statement gives its source.
    ("Biden subrayó que Washington no cederá, señaló la Casa Blanca en un comunicado.",
     "kg:Emphasis", {"Joe Biden"}, {"Presidencia de Estados Unidos (Casa Blanca)"}),
])
def test_a_statement_reported_within_another_is_attributed_to_its_reporter(rules, sentence, inner_cls,
                                                                          inner_speakers, source):
    ex = extract(article(sentence), rules)
    [inner] = [s for s in statements(ex) if s.cls == inner_cls]
    assert labels(ex, inner.actors.items) == inner_speakers
    assert labels(ex, inner.attributed.items) == source


def test_a_postposed_speaker_before_a_relative_clause(rules):
    text = article("La reunión con la Unión Europea fue aplazada, indicó el canciller argentino, Santiago Cafiero, "
                   "quien adelantó que los ministros mantendrán una videoconferencia en abril.")
    ex = extract(text, rules)
    found = sorted((s.cls, tuple(labels(ex, s.actors.items)), text[slice(*s.content)]) for s in statements(ex))
    assert found == [
        ("kg:Assertion", ("Santiago Cafiero",), "La reunión con la Unión Europea fue aplazada"),
        ("kg:Assertion", ("Santiago Cafiero",), "los ministros mantendrán una videoconferencia en abril")]
    [meeting] = [e for e in events(ex, "kg:Meeting") if e.status == "postponed"]
    assert labels(ex, meeting.attributed.items) == {"Santiago Cafiero"}


def test_segun_at_the_start_of_a_sentence_is_attribution_not_participation(rules):
    ex = extract(article("Según informó la Casa Blanca, Biden viajará este viernes a Polonia."), rules)
    [visit] = events(ex, "kg:Visit")
    assert labels(ex, visit.attributed.items) == {"Presidencia de Estados Unidos (Casa Blanca)"}
    assert labels(ex, visit.actors.items) == {"Joe Biden", "Polonia"}  # the visitor and the host country
    assert labels(ex, visit.places.items) == {"Polonia"}
    assert (visit.time.begin, visit.status) == (date(2022, 3, 11), "scheduled")


@pytest.mark.parametrize(("sentence", "source"), [
    ("Biden y Xi hablaron por teléfono, según informó la agencia Xinhua.", "Agencia Xinhua"),
    ("Biden y Putin hablarán por teléfono, según fuentes diplomáticas.", "fuentes diplomáticas"),
    ("Biden y Putin hablaron por teléfono, según informó EE.UU. en un comunicado.", "Estados Unidos"),
    ("Biden y Putin hablaron por teléfono, según la OTAN.", "Organización del Tratado del Atlántico Norte (OTAN)"),
])
def test_segun_with_agencies_and_unnamed_sources(rules, sentence, source):
    ex = extract(article(sentence), rules)
    [call] = events(ex, "kg:PhoneCall")
    assert labels(ex, call.attributed.items) == {source}
    assert statements(ex) == []


def test_segun_attributes_the_report_to_its_source(rules):
    ex = extract(article("Biden y Putin hablaron por teléfono, según informó la Casa Blanca."), rules)
    [call] = events(ex, "kg:PhoneCall")
    assert labels(ex, call.attributed.items) == {"Presidencia de Estados Unidos (Casa Blanca)"}
    assert labels(ex, call.actors.items) == {"Joe Biden", "Vladimir Putin"}
    assert statements(ex) == []


# ---- venues and frames ----


@pytest.mark.parametrize(("sentence", "cls", "places", "bodies"), [
    ("Lavrov y Cavusoglu se reunieron en Antalya.", "kg:Meeting", {"Antalya"}, set()),
    ("La cumbre se celebrará en Bruselas en el marco de la OTAN.", "kg:Summit", {"Bruselas"},
     {"Organización del Tratado del Atlántico Norte (OTAN)"}),
    ("Las consultas continuarán dentro de la ONU.", "kg:Consultation", set(), {"Organización de las Naciones Unidas"}),
    ("La visita oficial a París fue aplazada.", "kg:Visit", {"París"}, set()),
    # Neither is one in a subordinate clause that tells something else.
    ("La visita se produce después de que un ataque en Jerusalén dejara siete muertos.", "kg:Visit", set(), set()),
    # A place inside a purpose clause is not where the event is.
    ("Blinken se reunió el domingo con Netanyahu para abordar la mediación en Gaza.", "kg:Meeting", set(), set()),
    ("La cumbre se celebró en la sede de la Alianza en Bruselas.", "kg:Summit", {"Bruselas"},
     {"Organización del Tratado del Atlántico Norte (OTAN)"}),
    ("La reunión se celebrará en el marco de la Organización de Cooperación de Shanghái.", "kg:Meeting", set(),
     {"Organización de Cooperación de Shanghái (OCS)"}),
    # A body no lexicon lists is still a node, named as the article names it.
    ("La reunión se celebrará en el marco de la Conferencia de Desarme.", "kg:Meeting", set(),
     {"Conferencia de Desarme"}),
])
def test_venue_and_framing_body(rules, sentence, cls, places, bodies):
    ex = extract(article(sentence), rules)
    [event] = events(ex, cls)
    assert labels(ex, event.places.items) == places
    assert labels(ex, event.bodies.items) == bodies


@pytest.mark.parametrize(("sentence", "documents"), [
    ("Ambas partes están cerca de firmar el tratado de paz.", [("kg:Treaty", "Tratado de paz")]),
    ("Putin presentó las propuestas de seguridad de Rusia.", [("kg:Proposal", "Propuestas de seguridad")]),
    # "a propuesta de X" says whose idea something was; it names no document.
    ("La reunión fue convocada a propuesta del presidente francés, Emmanuel Macron.", []),
])
def test_documents(rules, sentence, documents):
    ex = extract(article(sentence), rules)
    assert [(d.cls, d.label) for d in ex.documents] == documents


# ---- modality ----


@pytest.mark.parametrize(("sentence", "status"), [
    ("La cumbre se celebrará el 20 de marzo en Viena.", "scheduled"),
    ("La cumbre prevista en Minsk fue cancelada.", "cancelled"),
    ("La visita del canciller a Kiev fue aplazada.", "postponed"),
    ("Se suspendió la reunión de los ministros.", "cancelled"),
    ("Las próximas negociaciones tendrán lugar en Ginebra.", "scheduled"),
    ("La reunión se celebró el 2 de marzo en Viena.", None),
    # Only proposed, not held nor scheduled.
    ("Erdogan propuso un encuentro entre Putin y Zelenski en Estambul.", "proposed"),
    ("La Casa Blanca no descartó un encuentro presencial el próximo año.", "proposed"),
    ("Putin y Biden podrían reunirse en Ginebra.", "proposed"),
    # The future tense of what is said does not make the meeting where it was said a future one.
    ("Stoltenberg subrayó al término de la reunión que los aliados no enviarán tropas a Ucrania.", None),
])
def test_status_of_events(rules, sentence, status):
    [event] = events(extract(article(sentence), rules))
    assert event.status == status


def test_status_cue_belongs_to_its_own_event_not_the_whole_clause(rules):
    ex = extract(article("Los asesores se reunirán el próximo jueves en Berlín, tras el encuentro celebrado "
                         "en París el pasado 26 de enero."), rules)
    found = sorted((labels(ex, m.places.items).pop(), m.time.begin, m.status) for m in events(ex, "kg:Meeting"))
    assert found == [("Berlín", date(2022, 3, 17), "scheduled"), ("París", date(2022, 1, 26), None)]


@pytest.mark.parametrize("sentence", [
    "Putin no tiene planes de reunirse con Zelenski por ahora.",
    "Moscú descartó una cumbre con Kiev.",
    "El pontífice no tiene previsto reunirse con los disidentes durante su estancia.",
    "La tensión subió después de que Scholz descartara viajar a Pekín en mayo.",
    "Tras la cena, el primer ministro emprendió viaje de regreso a Tokio.",          # a trip back home
])
def test_a_denied_event_is_no_event(rules, sentence):
    assert events(extract(article(sentence), rules)) == []


@pytest.mark.parametrize(("sentence", "cls"), [
    ("El pontífice tiene previsto reunirse con los obispos el domingo.", "kg:Meeting"),
    ("Scholz no descartó viajar a Pekín en mayo.", "kg:Visit"),
    ("El primer ministro emprendió viaje a Tokio tras la cena.", "kg:Visit"),
])
def test_a_planned_or_undenied_event_stays(rules, sentence, cls):
    assert len(events(extract(article(sentence), rules), cls)) == 1


def test_a_proposed_event_gets_no_past_bound(rules):
    [meeting] = events(extract(article("Erdogan propuso un encuentro entre Putin y Zelenski."), rules))
    assert (meeting.status, meeting.time) == ("proposed", None)


def test_a_negated_promise_is_a_negative_proposition_not_an_event(rules):
    ex = extract(article("Biden aseguró que Washington no desplegará misiles en Ucrania."), rules)
    assert events(ex) == []
    [promise] = statements(ex)
    [prop] = promise.propositions
    assert (prop.action, prop.polarity, prop.tense, prop.theme) == ("despliegue", "negative", "future", "misiles")
    assert labels(ex, prop.agents.items) == {"Gobierno de Estados Unidos"}
    assert labels(ex, prop.places.items) == {"Ucrania"}


# ---- metonymy and identity ----


def test_capitals_as_actors_are_governments_and_as_venues_are_cities(rules):
    ex = extract(article("Moscú y Kiev celebrarán una nueva ronda de negociaciones en Estambul."), rules)
    [round_] = events(ex, "kg:NegotiationRound")
    assert labels(ex, round_.actors.items) == {"Gobierno de Rusia", "Gobierno de Ucrania"}
    assert labels(ex, round_.places.items) == {"Estambul"}
    assert "moscu" not in ex.entities and "kiev" not in ex.entities


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Pekín advirtió que responderá a cualquier sanción.", "Gobierno de China"),
    ("París aseguró que el diálogo fue útil.", "Gobierno de Francia"),
    ("El Elíseo afirmó que la llamada fue franca.", "Presidencia de Francia (Elíseo)"),
])
def test_capitals_and_seats_speak_for_their_governments(rules, sentence, speaker):
    ex = extract(article(sentence), rules)
    [said] = statements(ex)
    assert labels(ex, said.actors.items) == {speaker}


def test_kremlin_as_actor_is_the_russian_presidency(rules):
    ex = extract(article("El Kremlin advirtió que responderá a cualquier provocación."), rules)
    [said] = statements(ex)
    assert labels(ex, said.actors.items) == {"Presidencia de Rusia (Kremlin)"}
    assert labels(ex, ex.entities["presidencia-de-rusia"].links["governs"].items) == {"Rusia"}


def test_one_node_per_event_however_often_it_is_mentioned(rules):
    text = article("Putin y Biden hablaron por teléfono el martes.\n\n"
                   "Durante la llamada telefónica, Putin explicó sus propuestas.\n\n"
                   '"La conversación fue franca", concluyó el Kremlin.')
    ex = extract(text, rules)
    [call] = events(ex, "kg:PhoneCall")
    assert len(call.spans) == 3
    assert call.time.begin == date(2022, 3, 8)


def test_con_names_the_other_party_of_a_meeting(rules):
    ex = extract(article("Biden se reunió en Varsovia con el presidente polaco, Andrzej Duda."), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert labels(ex, meeting.actors.items) == {"Joe Biden", "Andrzej Duda"}


def test_an_indefinite_mention_is_a_new_event(rules):
    text = article("Los ministros se reunieron el lunes en Ginebra.\n\n"
                   "Ambas partes no descartaron una reunión en las próximas semanas.")
    assert len(events(extract(text, rules), "kg:Meeting")) == 2


@pytest.mark.parametrize("text", [
    # A leader and the country they lead are one side.
    "El presidente chino, Xi Jinping, y su homólogo estadounidense, Joe Biden, celebraron el lunes una cumbre."
    "\n\nLa cumbre entre China y Estados Unidos duró tres horas.",
    # A day inside the range of the same summit.
    "La cumbre se celebrará del 17 al 18 de marzo en Bruselas.\n\nLa cumbre del 18 de marzo cerrará con una declaración.",
])
def test_mentions_of_one_summit_make_one_event(rules, text):
    assert len(events(extract(article(text), rules), "kg:Summit")) == 1


def test_a_definite_mention_refers_to_a_kindred_event_told_before(rules):
    text = article("Xi Jinping y Joe Biden celebraron el lunes una videoconferencia.\n\n"
                   "La cumbre duró más de tres horas.")
    ex = extract(text, rules)
    # One event, named by its more specific kind: a summit held by videoconference.
    [summit] = events(ex)
    assert summit.cls == "kg:Summit" and len(summit.spans) == 2


def test_events_with_no_participant_in_common_stay_apart(rules):
    text = article("La reunión entre Rusia y Estados Unidos terminó sin acuerdo.\n\n"
                   "La reunión entre Francia y Alemania fue cordial.")
    meetings = events(extract(text, rules), "kg:Meeting")
    assert len(meetings) == 2


def test_the_body_retells_the_round_the_headline_announced(rules):
    text = article("Rusia y Ucrania celebraron este martes en Estambul una ronda de negociaciones.",
                   headline="Nueva ronda de negociaciones en Estambul")
    [round_] = events(extract(text, rules), "kg:NegotiationRound")
    assert len(round_.spans) == 2
    assert round_.time.begin == date(2022, 3, 8)


def test_ambos_refers_to_the_last_two_people_named_before_it(rules):
    text = article("El presidente francés, Emmanuel Macron, habló con el canciller alemán, Olaf Scholz.\n\n"
                   "Ambos mandatarios acordaron mantener el diálogo.\n\n"
                   "El presidente polaco, Andrzej Duda, viajará a Kiev.")
    ex = extract(text, rules)
    [agreement] = [s for s in statements(ex) if s.cls == "kg:Agreement"]
    assert labels(ex, agreement.actors.items) == {"Emmanuel Macron", "Olaf Scholz"}


def test_two_rounds_in_different_cities_stay_two_events(rules):
    text = article("La primera ronda de negociaciones tendrá lugar en Ginebra el 12 de marzo, "
                   "y posteriormente continuarán en Viena el 20 de marzo.")
    ex = extract(text, rules)
    rounds = sorted(events(ex, "kg:NegotiationRound"), key=lambda f: f.time.begin)
    assert [(labels(ex, r.places.items), r.time.begin) for r in rounds] == [
        ({"Ginebra"}, date(2022, 3, 12)), ({"Viena"}, date(2022, 3, 20))]
