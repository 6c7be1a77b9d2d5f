"""When, where, within which body and in which state an event is: the date, venue, framing body and status
that news services give an event, told apart from those of the other events and sayings of its sentence.
Dated by DATELINE (Thursday 10 March 2022) unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.mentions import find_dates, find_mentions, match_dates
from kg.extract.segment import classify_blocks, split_sentences
from kg.extract.temporal import easter_sunday
from tests.conftest import DATELINE, article, events, extract, labels

# ---- which date belongs to which event ----


@pytest.mark.parametrize(("sentence", "cls", "begin", "end"), [
    # a date in the stretch of a second event, after a comma, is that event's
    ("Además de la reunión bilateral, la capital albergará el lunes 14 una cumbre regional.",
     "kg:Summit", date(2022, 3, 14), date(2022, 3, 14)),
    # a relative clause whose own verb is an event
    ("La ministra, que el lunes se entrevistó en Lima con su homólogo, regresa hoy a Quito.",
     "kg:Meeting", date(2022, 3, 7), date(2022, 3, 7)),
    # the day of a journey made to attend is not the day of what is attended
    ("El presidente debe partir el 20 de marzo hacia Tokio para asistir a la cumbre que se celebrará en "
     "Osaka del 22 al 24 de marzo.", "kg:Summit", date(2022, 3, 22), date(2022, 3, 24)),
    # the day an event was agreed on is the day of the call it was agreed in
    ("La cumbre fue acordada el domingo en una conversación telefónica entre los dos presidentes.",
     "kg:PhoneCall", date(2022, 3, 6), date(2022, 3, 6)),
])
def test_a_date_goes_to_the_event_of_its_own_stretch(rules, sentence, cls, begin, end):
    [event] = events(extract(article(sentence), rules), cls)
    assert (event.time.begin, event.time.end) == (begin, end)


def test_the_day_an_event_was_agreed_on_is_not_its_day(rules):
    ex = extract(article("La cumbre fue acordada el domingo en una conversación telefónica entre los dos presidentes."),
                 rules)
    [summit] = events(ex, "kg:Summit")
    assert summit.time is None or summit.time.begin != date(2022, 3, 6)


@pytest.mark.parametrize(("sentence", "day"), [
    # the tense of the date's own clause, not of the saying after it
    ("Lula no asistirá a la cumbre que se celebrará en Lima el día 18, según ha confirmado su portavoz.",
     date(2022, 3, 18)),
    # a weekday of the publication's own day is that day, whatever the tense
    ("Los cancilleres se reunieron el jueves en Varsovia.", date(2022, 3, 10)),
    # a weekday no tense qualifies is the nearer such day
    ("La reunión, el sábado en Oslo, según la agencia noruega.", date(2022, 3, 12)),
    ("Los negociadores se reunieron en la tarde del martes en Doha.", date(2022, 3, 8)),
    ("Los dos presidentes se reunieron anoche en Viena.", date(2022, 3, 9)),
])
def test_a_date_is_resolved_by_the_tense_of_its_own_clause(rules, sentence, day):
    [event] = events(extract(article(sentence), rules))
    assert (event.time.begin, event.time.end) == (day, day)


@pytest.mark.parametrize(("sentence", "earliest"), [
    # the month a plan names is the nearer one, whatever the tense of the verb that calls the plan off
    ("La cumbre prevista para abril en Lisboa fue suspendida por las protestas.", date(2022, 4, 1)),
    ("El Gobierno anuló la reunión programada para mayo con los sindicatos de Chile.", date(2022, 5, 1)),
    ("La visita, prevista en febrero, se canceló por la tormenta.", date(2022, 2, 1)),
])
def test_the_month_a_plan_names_is_the_nearer_one(rules, sentence, earliest):
    [event] = events(extract(article(sentence), rules))
    assert event.time.earliest == earliest


@pytest.mark.parametrize(("sentence", "cls", "dated"), [
    # a plan's participle that does not agree with the event's noun names the date of another noun
    ("Durante el encuentro, los dos presidentes hablaron de la reforma del acuerdo aduanero, prevista para el "
     "próximo año.", "kg:Meeting", False),
    ("En la reunión, los ministros repasaron los comicios regionales, previstos para junio.", "kg:Meeting", False),
    # nor a verb's
    ("Los cancilleres se reunieron en Quito y hablaron de la reforma aduanera, prevista para junio.",
     "kg:Meeting", False),
    # one that agrees is the event's
    ("Los ministros preparan la cumbre de Quito, prevista para junio.", "kg:Summit", True),
    ("Los ministros preparan el encuentro de Quito, previsto para junio.", "kg:Meeting", True),
])
def test_a_plans_date_goes_to_the_noun_its_participle_agrees_with(rules, sentence, cls, dated):
    [event] = events(extract(article(sentence), rules), cls)
    assert (event.time is not None and event.time.earliest == date(2022, 6, 1)
            if dated else event.time is None or event.time.latest <= date(2022, 3, 10))
    assert (event.status == "scheduled") == dated


@pytest.mark.parametrize(("sentence", "begin", "end"), [
    # a stay lasts as many days as it says, from the day its sentence names
    ("El presidente de Chile, que llegó el domingo a Lima para una visita de tres días, habló ante el Congreso.",
     date(2022, 3, 6), date(2022, 3, 8)),
    ("El rey de España iniciará el lunes una visita oficial de cuatro días a Perú.", date(2022, 3, 14),
     date(2022, 3, 17)),
    ("La primera ministra comenzará el 2 de abril una gira de dos semanas por Asia.", date(2022, 4, 2),
     date(2022, 4, 15)),
    # or up to that day, when the sentence tells its end
    ("La canciller de Colombia concluyó este miércoles una gira de cinco días por Asia.", date(2022, 3, 5),
     date(2022, 3, 9)),
])
def test_a_stay_lasts_the_days_it_says(rules, sentence, begin, end):
    [visit] = events(extract(article(sentence), rules), "kg:Visit")
    assert (visit.time.begin, visit.time.end) == (begin, end)


def test_a_stay_with_no_day_named_has_no_days(rules):
    [visit] = events(extract(article("El ministro prepara una visita de tres días a Bolivia."), rules), "kg:Visit")
    assert visit.time is None or visit.time.begin is None


def test_a_date_a_que_clause_parts_from_the_verb_keeps_no_tense_of_it(rules):
    # "regresó" says nothing of which June is meant: the nearer one to the publication
    text = article("El enviado regresó convencido de que habría una cumbre en junio.")
    [summit] = events(extract(text, rules), "kg:Summit")
    assert (summit.time.earliest, summit.time.latest) == (date(2022, 6, 1), date(2022, 6, 30))


@pytest.mark.parametrize(("text", "cls", "day"), [
    # the eve of the day named before it in the sentence
    (article("El viernes por la mañana el ministro recibió al embajador, y la víspera había mantenido consultas "
             "con su colega ruso."), "kg:Consultation", date(2022, 3, 3)),
    # with no day before it in the sentence, the eve of the publication
    (article("La víspera, el presidente había recibido en su despacho al mediador."), "kg:Meeting", date(2022, 3, 9)),
    # the day after the day of the article's main event
    (article("La delegación llegó a Ginebra el lunes 7. Al día siguiente se reunió con el mediador."),
     "kg:Meeting", date(2022, 3, 8)),
])
def test_the_eve_and_the_day_after_count_from_the_day_named_last(rules, text, cls, day):
    [event] = events(extract(text, rules), cls)
    assert (event.time.begin, event.time.end) == (day, day)


def test_a_day_said_alone_takes_the_month_named_before_it(rules):
    text = article("En febrero, los ministros ya habían celebrado una videoconferencia, el día 16.")
    [event] = events(extract(text, rules))
    assert event.time.begin == date(2022, 2, 16)


def test_two_weekdays_running_are_a_range(rules):
    [visit] = events(extract(article("El primer ministro realizará el viernes y el sábado una visita oficial a Seúl."),
                             rules), "kg:Visit")
    assert (visit.time.begin, visit.time.end) == (date(2022, 3, 11), date(2022, 3, 12))


@pytest.mark.parametrize(("sentence", "begin", "earliest", "latest"), [
    ("El rey realiza desde el martes una visita de Estado a Japón.", date(2022, 3, 8), None, date(2022, 3, 10)),
    ("Las conversaciones de paz se celebran en Oslo desde noviembre de 2021.",
     None, date(2021, 11, 1), date(2022, 3, 10)),
])
def test_desde_opens_an_event_that_lasts_until_the_publication(rules, sentence, begin, earliest, latest):
    [event] = events(extract(article(sentence), rules))
    assert (event.time.begin, event.time.end, event.time.earliest, event.time.latest) == (begin, None, earliest,
                                                                                          latest)


def test_the_day_an_event_is_called_off_is_not_its_day(rules):
    text = article("El Gobierno suspendió el lunes la cumbre que debía celebrarse el 20 de marzo en Quito.")
    [summit] = events(extract(text, rules), "kg:Summit")
    assert (summit.time.begin, summit.status) == (date(2022, 3, 20), "cancelled")


@pytest.mark.parametrize("sentence", [
    # the day after a reporting verb dates the saying of an event named in the words before it
    "«Espero mucho de esa reunión», dijo el domingo el ministro durante un acto en Quito.",
    # a document's date
    "El presidente envió a su homólogo una carta fechada hoy en la que propone una reunión.",
])
def test_the_day_of_a_saying_or_a_document_is_not_the_events(rules, sentence):
    [meeting] = events(extract(article(sentence), rules), "kg:Meeting")
    assert meeting.time is None or meeting.time.begin not in (date(2022, 3, 6), date(2022, 3, 10), date(2022, 3, 13))


@pytest.mark.parametrize(("sentence", "day"), [
    # a verb that holds the event says nothing: its day is the event's
    ("Los dos presidentes sostuvieron hoy conversaciones en Madrid.", date(2022, 3, 10)),
    # a verb of the stretch tells the tense better than a word of plan
    ("Pyongyang suspendió la reunión con Seúl prevista para el 8 de marzo.", date(2022, 3, 8)),
    ("La cumbre sigue prevista, de momento, para el 2 de marzo en Riad.", date(2023, 3, 2)),
])
def test_the_day_of_an_event_held_or_planned(rules, sentence, day):
    [event] = events(extract(article(sentence), rules))
    assert event.time.begin == day


# ---- where ----


@pytest.mark.parametrize(("sentence", "cls", "place"), [
    ("Los líderes se reunieron el martes en la ciudad turca de Antalya.", "kg:Meeting", "Antalya"),
    ("Las delegaciones firmaron el acuerdo en una base aérea de Ohio.", "kg:Decision", "Ohio"),
    ("Madrid y Rabat celebrarán en otoño, en territorio marroquí, su reunión de alto nivel.", "kg:Meeting",
     "Marruecos"),
    ("Las conversaciones celebradas en la capital de Kazajistán terminaron sin acuerdo.", "kg:Negotiation",
     "Astaná"),
    ("Los dos líderes celebraron una cumbre a bordo de un crucero frente a Malta.", "kg:Summit", "Malta"),
    ("Ya a bordo del Air Force One, el presidente habló por teléfono con el primer ministro.", "kg:PhoneCall",
     "Air Force One"),
    # a mission named by its adjective
    ("Mañana, el presidente se reunirá en la embajada estadounidense con disidentes.", "kg:Meeting",
     "embajada estadounidense"),
    ("El papa se reunió en la nunciatura apostólica con los obispos.", "kg:Meeting", "nunciatura apostólica"),
    # a named building that opens with "gran", "nuevo" or "antiguo"
    ("El canciller fue recibido por el rey en la Gran Sala de los Embajadores.", "kg:Meeting",
     "Gran Sala de los Embajadores"),
    ("Los ministros se reunieron en el Antiguo Palacio de Gobierno.", "kg:Meeting", "Antiguo Palacio de Gobierno"),
    # a place no lexicon lists, after a year
    ("La próxima conferencia se celebrará en noviembre de 2023 en Sharm"
     " el Sheij.", "kg:Conference", "Sharm"),
])
def test_venues_said_by_description(rules, sentence, cls, place):
    ex = extract(article(sentence), rules)
    [event] = events(ex, cls)
    assert place in labels(ex, event.places.items)


@pytest.mark.parametrize(("sentence", "cls"), [
    # where someone serves is no venue
    ("El memorando fue firmado por el embajador ruso en Kiev y el enviado de la OSCE.", "kg:Decision"),
    # a relative clause on something else than the event
    ("Los mandatarios respaldaron en la reunión un plan que prevé el alto el fuego en la ciudad de Donetsk.",
     "kg:Meeting"),
    # the place of the plan an event had before it changed
    ("La cumbre, que en un principio iba a celebrarse en Lima, tuvo lugar finalmente ayer.", "kg:Summit"),
    # the embassy of a country does not stand in that country
    ("El ministro se reunió en la embajada de Francia con el enviado.", "kg:Meeting"),
])
def test_places_that_are_no_venue(rules, sentence, cls):
    ex = extract(article(sentence), rules)
    [event] = events(ex, cls)
    assert not labels(ex, event.places.items) & {"Kiev", "Donetsk", "Lima", "Francia"}


@pytest.mark.parametrize(("sentence", "cls", "place"), [
    ("El ministro viajó el lunes a Seúl, donde se reunirá mañana con su homólogo.", "kg:Meeting", "Seúl"),
    ("El Papa llegó procedente de México, donde permaneció tres días en visita oficial.", "kg:Visit", "México"),
])
def test_a_donde_clause_takes_the_place_named_before_it(rules, sentence, cls, place):
    ex = extract(article(sentence), rules)
    found = [labels(ex, e.places.items) for e in events(ex, cls)]
    assert any(place in p for p in found)


# ---- within which body ----


@pytest.mark.parametrize(("sentence", "cls", "body"), [
    # the body right after the trigger
    ("La cumbre del G20 terminó sin declaración final.", "kg:Summit", "G20"),
    ("La reunión de ministros de Exteriores de la OTAN abordó la ayuda a Kiev.", "kg:Meeting", "OTAN"),
    ("Una sesión extraordinaria del Consejo de Seguridad analizó la crisis.", "kg:Meeting", "Consejo de Seguridad"),
    # the body's gathering on whose margins an event is held
    ("Los cancilleres de Chile y Perú se reunieron el martes al margen de la cumbre de la OEA.", "kg:Meeting", "OEA"),
    ("Ambos jefes de Estado se reunieron brevemente al margen del G20.", "kg:Meeting", "G20"),
    # a standing format of talks
    ("Los asesores políticos se reunirán en París en el formato Normandía.", "kg:Meeting", "Normandía"),
    # a body no lexicon lists, named by its head
    ("La reunión se celebró en el marco de la Conferencia de Desarme.", "kg:Meeting", "Conferencia de Desarme"),
    ("La cumbre semestral del Mercosur se clausuró en Asunción.", "kg:Summit", "Mercosur"),
    # a body that is the only subject of the clause, itself or through its members
    ("Los cancilleres de la Liga Árabe acordaron el domingo una hoja de ruta.", "kg:Decision", "Liga Árabe"),
    # a body that a relative clause holding the event follows
    ("El asunto pasa a la OEA, que celebrará el jueves en Washington una sesión sobre Haití.", "kg:Meeting", "OEA"),
    ("Los socios consultaron a la OTAN, que se reunió ayer en Bruselas.", "kg:Meeting", "OTAN"),
])
def test_the_body_an_event_is_held_within(rules, sentence, cls, body):
    ex = extract(article(sentence), rules)
    [event] = events(ex, cls)
    assert any(body in label for label in labels(ex, event.bodies.items))


@pytest.mark.parametrize(("sentence", "cls"), [
    # a body beside a country is a party, not a frame
    ("La UE y China firmaron el lunes un acuerdo de inversiones.", "kg:Decision"),
    # a founding text is no body
    ("Los dos países firmaron un acuerdo en el marco de la Constitución.", "kg:Decision"),
    # a person, or a body the relative clause does not follow, is no frame
    ("Lula habló con el canciller Mauro Vieira, que se reunió ayer en Brasilia con Petro.", "kg:Meeting"),
    ("La OEA y Brasil designaron a un mediador, que celebró en Quito una reunión con Lasso.", "kg:Meeting"),
])
def test_no_body_frames_the_event(rules, sentence, cls):
    ex = extract(article(sentence), rules)
    [event] = events(ex, cls)
    assert not event.bodies.items


def test_an_event_and_the_one_it_took_place_in_share_their_day_and_place(rules):
    ex = extract(article("Los negociadores acordaron el martes, en una reunión en Ginebra, un calendario de "
                         "retirada."), rules)
    [decision] = events(ex, "kg:Decision")
    [meeting] = events(ex, "kg:Meeting")
    assert decision.time.begin == meeting.time.begin == date(2022, 3, 8)
    assert labels(ex, decision.places.items) == labels(ex, meeting.places.items) == {"Ginebra"}


@pytest.mark.parametrize(("sentence", "place"), [
    ("Tras la cumbre de Jeddah, los ministros volvieron a sus capitales.", {"Jeddah"}),
    ("La cumbre de Pucón reunirá a los presidentes del Cono Sur.", {"Pucón"}),
    # two names joined: people, not a place
    ("La cumbre de Alekséi Mirov y Tomas Wik terminó sin acuerdo.", set()),
])
def test_a_summit_is_named_after_its_venue(rules, sentence, place):
    ex = extract(article(sentence), rules)
    [summit] = events(ex, "kg:Summit")
    assert labels(ex, summit.places.items) == place


def test_an_unlisted_name_after_another_kind_of_event_is_no_venue(rules):
    ex = extract(article("La visita de Mirov a Pekín terminó sin acuerdo."), rules)
    [visit] = events(ex, "kg:Visit")
    assert labels(ex, visit.places.items) == {"Pekín"}


def test_days_running_across_the_end_of_a_month_are_a_range(rules):
    text = article("Los líderes participarán los días 31 de marzo y 1 de abril en la cumbre de Addis Abeba.")
    [summit] = events(extract(text, rules), "kg:Summit")
    assert (summit.time.begin, summit.time.end) == (date(2022, 3, 31), date(2022, 4, 1))


def test_two_dates_of_two_months_are_no_range(rules):
    text = article("Los ministros se reunirán el 30 de marzo y el 2 de mayo en Rabat.")
    [meeting] = events(extract(text, rules), "kg:Meeting")
    assert meeting.time.end != date(2022, 5, 2)


# ---- the news day: what a wire story tells in the past, with no date of its own ----

NEWS_DAY_LEAD = "Los ministros de Exteriores de Chile y Perú se reunieron hoy en Lima.\n\n"


@pytest.mark.parametrize(("sentence", "cls"), [
    ("Además, los dos cancilleres firmaron un acuerdo de cooperación pesquera.", "kg:Decision"),
    ("Por la tarde, ambos ministros mantuvieron un encuentro con empresarios de la región.", "kg:Meeting"),
    ("El canciller peruano ha firmado también un convenio aduanero con su colega.", "kg:Decision"),
])
def test_an_event_told_in_the_past_with_no_date_is_of_the_news_day(rules, sentence, cls):
    ex = extract(article(NEWS_DAY_LEAD + sentence), rules)
    [event] = [e for e in events(ex, cls) if e.spans[0].begin > len(article(NEWS_DAY_LEAD))]
    assert (event.time.begin, event.time.end) == (date(2022, 3, 10), date(2022, 3, 10))


@pytest.mark.parametrize(("lead", "sentence", "cls"), [
    # the pluperfect tells an earlier time
    (NEWS_DAY_LEAD, "Los dos cancilleres habían firmado un acuerdo pesquero.", "kg:Decision"),
    # a time counted from another one
    (NEWS_DAY_LEAD, "Dos meses antes, los cancilleres firmaron un acuerdo pesquero.", "kg:Decision"),
    # an infinitive, and what an infinitive names
    (NEWS_DAY_LEAD, "Los cancilleres esperan volver a reunirse pronto.", "kg:Meeting"),
    (NEWS_DAY_LEAD, "El presidente urgió a su homólogo a firmar el acuerdo pesquero.", "kg:Decision"),
    # the main event is not of the publication's days
    ("Los ministros de Exteriores de Chile y Perú se reunieron el 2 de marzo en Lima.\n\n",
     "Los dos cancilleres firmaron un acuerdo pesquero.", "kg:Decision"),
])
def test_no_news_day_for_other_times(rules, lead, sentence, cls):
    ex = extract(article(lead + sentence), rules)
    [event] = [e for e in events(ex, cls) if e.spans[0].begin > len(article(lead))]
    assert event.time is None or event.time.begin is None


@pytest.mark.parametrize(("sentence", "earliest", "latest"), [
    ("Los cancilleres celebrarán una reunión en la primera semana de abril.", date(2022, 4, 1), date(2022, 4, 7)),
    ("La cumbre de Lima se celebrará la última semana de febrero de 2023.", date(2023, 2, 22), date(2023, 2, 28)),
    ("Los dos gobiernos aplazaron a la segunda quincena de febrero la cumbre de Quito.",
     date(2023, 2, 16), date(2023, 2, 28)),
])
def test_a_week_or_a_fortnight_of_a_month(rules, sentence, earliest, latest):
    [event] = events(extract(article(sentence), rules))
    assert (event.time.earliest, event.time.latest) == (earliest, latest)


@pytest.mark.parametrize(("sentence", "earliest"), [
    # the day an event is moved to is still to come, whatever the tense of the moving
    ("La cumbre fue pospuesta hasta enero.", date(2023, 1, 1)),
    ("Los presidentes aplazaron la cumbre de Quito a enero.", date(2023, 1, 1)),
    # a journey told in the past is no moving of a date
    ("El ministro se trasladó a Lima a finales de febrero para una reunión con su homólogo.", date(2022, 2, 21)),
])
def test_the_day_an_event_is_moved_to(rules, sentence, earliest):
    [event] = [e for e in events(extract(article(sentence), rules)) if e.time and e.time.earliest]
    assert event.time.earliest == earliest


def test_a_month_that_opens_the_sentence_gives_a_day_said_alone_its_month(rules):
    text = article("En enero, los ministros ya habían mantenido una videoconferencia, el día 20.")
    [event] = events(extract(text, rules))
    assert event.time.begin == date(2022, 1, 20)


@pytest.mark.parametrize(("sentence", "earliest"), [
    # the event's own relative clause tells when it is held, not the verb that governs it
    ("En febrero el Gobierno tuvo que renunciar a la cumbre con Japón que debía celebrarse en Tokio en mayo.",
     date(2022, 5, 1)),
    # a relative clause that tells no holding leaves the date before the event its own
    ("En febrero el Gobierno convocó la cumbre con Japón, que según fuentes oficiales costará millones.",
     date(2022, 2, 1)),
])
def test_a_date_of_the_events_own_relative_clause(rules, sentence, earliest):
    [summit] = events(extract(article(sentence), rules), "kg:Summit")
    assert summit.time.earliest == earliest


@pytest.mark.parametrize(("headline", "cls", "day"), [
    # a headline tells the day's news: an event it names by a noun, with nothing of another time, is of that day
    ("Colombia y el ELN sellan en Caracas el pacto de alto el fuego", "kg:Decision", date(2022, 3, 10)),
    ("Cumbre de la Alianza del Pacífico en Santiago", "kg:Summit", date(2022, 3, 10)),
    # a verb of another time in the headline leaves it undated
    ("Colombia y el ELN firmarán en Caracas el pacto de alto el fuego", "kg:Decision", None),
    ("Colombia y el ELN negociaron durante meses el pacto de alto el fuego", "kg:Decision", None),
])
def test_an_event_a_headline_names_is_of_the_publication_day(rules, headline, cls, day):
    ex = extract(article("El texto no se ha hecho público.", headline=headline), rules)
    [event] = events(ex, cls)
    assert (event.time.begin if event.time else None) == day


@pytest.mark.parametrize(("sentence", "status"), [
    # an idea, a proposal or a readiness to host: only proposed
    ("El canciller respaldó la idea de una cumbre entre los dos presidentes.", "proposed"),
    ("Quito se mostró dispuesto a acoger la próxima reunión de los ministros.", "proposed"),
    ("La ministra estudia la propuesta de una reunión con los sindicatos.", "proposed"),
    # an idea that is no meeting, and a host who is no more than ready to speak
    ("La idea de los ministros fue aprobada en la reunión del martes.", None),
    ("El canciller está dispuesto a hablar de todo en la reunión del martes.", None),
])
def test_an_event_only_proposed(rules, sentence, status):
    [event] = events(extract(article(sentence), rules))
    assert event.status == status


@pytest.mark.parametrize(("sentence", "status"), [
    # an infinitive of calling off after a verb that makes it done
    ("La crisis obligó a suspender la cumbre de Lima.", "cancelled"),
    ("El Gobierno tuvo que suspender la reunión con los sindicatos.", "cancelled"),
    ("El Gobierno optó por anular la visita del ministro a Lima.", "cancelled"),
    # a threat is not a calling off
    ("El Gobierno amenazó con cancelar la cumbre de Lima.", None),
])
def test_an_event_called_off_by_an_infinitive(rules, sentence, status):
    [event] = events(extract(article(sentence), rules))
    assert event.status == status


@pytest.mark.parametrize(("second", "day"), [
    # the day named last in the sentence before, in the same paragraph, not the day of its saying
    ("La cumbre regional se celebrará en Lima el día 18, según ha anunciado este jueves el Gobierno. Los presidentes "
     "se reunirán al día siguiente en Cuzco.", date(2022, 3, 19)),
    # a sentence of another paragraph gives no day: the day after the main event's
    ("La cumbre regional se celebrará en Lima el día 18.\n\nLos presidentes se reunirán al día siguiente en Cuzco.",
     date(2022, 3, 11)),
])
def test_the_day_after_the_day_named_in_the_sentence_before(rules, second, day):
    ex = extract(article("Los cancilleres se reunieron hoy en Quito.\n\n" + second), rules)
    [meeting] = [e for e in events(ex, "kg:Meeting") if "Cuzco" in labels(ex, e.places.items)]
    assert meeting.time.begin == day


@pytest.mark.parametrize(("sentence", "day"), [
    # an irregular preterite tells the past as a regular one does: the Saturday before
    ("El ministro mantuvo el sábado una reunión en Quito.", date(2022, 3, 5)),
    ("El canciller tuvo el sábado un encuentro con su homólogo.", date(2022, 3, 5)),
    # no verb of the past: the nearer Saturday
    ("Reunión de los ministros el sábado en Quito.", date(2022, 3, 12)),
])
def test_an_irregular_preterite_is_past(rules, sentence, day):
    [event] = events(extract(article(sentence), rules))
    assert event.time.begin == day


@pytest.mark.parametrize(("sentence", "earliest", "latest"), [
    # told in the past, a span ends by the publication at the latest
    ("Los presidentes se reunieron esta semana en Lima.", date(2022, 3, 7), date(2022, 3, 10)),
    # told in the future, it begins by the publication at the earliest
    ("Los presidentes se reunirán esta semana en Lima.", date(2022, 3, 10), date(2022, 3, 13)),
    # a span wholly ahead keeps its days
    ("Los presidentes se reunirán la próxima semana en Lima.", date(2022, 3, 14), date(2022, 3, 20)),
])
def test_a_span_told_in_the_past_ends_by_the_publication(rules, sentence, earliest, latest):
    [event] = events(extract(article(sentence), rules))
    assert (event.time.earliest, event.time.latest) == (earliest, latest)


@pytest.mark.parametrize(("sentence", "day"), [
    # what a subject does in the meeting it is said to be in happens that day
    ("Los cancilleres de la Liga Árabe, reunidos el martes en El Cairo, acordaron enviar una misión a Trípoli.",
     date(2022, 3, 8)),
    ("Los ministros, reunidos ayer en Viena, habían pactado un calendario.", date(2022, 3, 9)),
])
def test_an_agreement_of_those_gathered_takes_the_day_of_their_meeting(rules, sentence, day):
    [decision] = events(extract(article(sentence), rules), "kg:Decision")
    assert decision.time.begin == day


def test_an_agreement_after_a_meeting_clause_of_its_own_keeps_no_day_of_it(rules):
    text = article("Los ministros se reunieron ayer en Viena y acordarán un calendario el lunes.")
    [decision] = events(extract(text, rules), "kg:Decision")
    assert decision.time.begin == date(2022, 3, 14)


# ---- an event agreed or planned by a verb before its infinitive is still to come ----

@pytest.mark.parametrize(("sentence", "dateline", "cls", "begin", "end"), [
    ("Los dos mandatarios acordaron celebrar una cumbre en septiembre en Asunción.", "14 Agosto de 2024 09.00",
     "kg:Summit", date(2024, 9, 1), date(2024, 9, 30)),
    ("Los cancilleres pactaron reunirse en mayo en Montevideo.", "3 Abril de 2026 12.00",
     "kg:Meeting", date(2026, 5, 1), date(2026, 5, 31)),
    # a month before the publication's is the next year's
    ("Ambos gobiernos decidieron celebrar una reunión en febrero.", "20 Marzo de 2025 10.00",
     "kg:Meeting", date(2026, 2, 1), date(2026, 2, 28)),
    ("Las delegaciones convinieron en celebrar la próxima ronda en junio en Ginebra.", "10 Marzo de 2022 10.00",
     "kg:NegotiationRound", date(2022, 6, 1), date(2022, 6, 30)),
    ("Los primeros ministros prometieron reunirse a principios de octubre.", "30 Septiembre de 2023 10.00",
     "kg:Meeting", date(2023, 10, 1), date(2023, 10, 10)),
    # the day the agreement was reached, before the infinitive, is not the event's
    ("Los dos presidentes acordaron el martes reunirse en abril en Lima.", "20 Marzo de 2025 10.00",
     "kg:Meeting", date(2025, 4, 1), date(2025, 4, 30)),
])
def test_an_agreed_event_lies_ahead_of_the_agreement(rules, sentence, dateline, cls, begin, end):
    [event] = events(extract(article(sentence, dateline), rules), cls)
    assert (event.time.earliest or event.time.begin, event.time.latest or event.time.end) == (begin, end)
    assert event.status == "scheduled"


@pytest.mark.parametrize(("sentence", "cls", "begin", "end", "status"), [
    # told in the past with no verb of agreement: the month behind
    ("Los cancilleres se reunieron en febrero en Quito.", "kg:Meeting", date(2022, 2, 1), date(2022, 2, 28), None),
    # an agreed event with its year before the publication took place
    ("Los ministros acordaron reunirse en febrero de 2021 en Quito.", "kg:Meeting", date(2021, 2, 1),
     date(2021, 2, 28), None),
    # "que" opens a clause of its own, told in its own tense
    ("Los ministros acordaron la hoja de ruta que se negoció en enero en Quito.", "kg:Decision", None, None, None),
])
def test_without_an_agreed_infinitive_a_date_keeps_its_tense(rules, sentence, cls, begin, end, status):
    found = events(extract(article(sentence), rules), cls)
    if begin is None:
        assert all(e.status != "scheduled" for e in found)
        return
    [event] = found
    assert (event.time.earliest or event.time.begin, event.time.latest or event.time.end) == (begin, end)
    assert event.status == status


# ---- a part of "this month" lies on the side of the publication its tense says ----

@pytest.mark.parametrize(("sentence", "dateline", "begin", "end"), [
    ("Los ministros se reunieron a finales de mes en Rabat.", "6 Mayo de 2024 10.00",
     date(2024, 4, 21), date(2024, 4, 30)),
    ("Los negociadores se reunieron a mediados de mes en Rabat.", "4 Mayo de 2024 10.00",
     date(2024, 4, 11), date(2024, 4, 20)),
    ("Los ministros se reunirán a principios de mes en Rabat.", "24 Mayo de 2024 10.00",
     date(2024, 6, 1), date(2024, 6, 10)),
    # what the tense allows in the dateline's month stays there
    ("Los ministros se reunirán a finales de mes en Rabat.", "6 Mayo de 2024 10.00",
     date(2024, 5, 21), date(2024, 5, 31)),
    ("Los ministros se reunieron a principios de mes en Rabat.", "24 Mayo de 2024 10.00",
     date(2024, 5, 1), date(2024, 5, 10)),
])
def test_a_part_of_the_month_lies_on_the_side_its_tense_says(rules, sentence, dateline, begin, end):
    [event] = events(extract(article(sentence, dateline), rules), "kg:Meeting")
    assert (event.time.earliest, event.time.latest) == (begin, end)


# ---- a place inside the subject matter of a talk is not its venue ----

@pytest.mark.parametrize(("sentence", "places"), [
    ("Merz y Sánchez conversaron por videoconferencia sobre la guerra en Sudán.", set()),
    ("Los dos cancilleres se reunieron para hablar de la situación en Haití.", set()),
    ("Los ministros debatieron acerca de la escalada militar en Yemen durante una reunión en Ginebra.", {"Ginebra"}),
    # a place no topic holds, and talks named after peace with no article, are where the event is held
    ("Los dos ministros se reunieron en Ginebra para hablar de la crisis.", {"Ginebra"}),
    ("Las conversaciones de paz en Doha se reanudaron el martes.", {"Doha"}),
    ("Los ministros celebraron una reunión de crisis en Bruselas.", {"Bruselas"}),
])
def test_a_place_of_the_topic_is_no_venue(rules, sentence, places):
    ex = extract(article(sentence), rules)
    [event] = events(ex)
    assert labels(ex, event.places.items) == places


# ---- the object of "visitar" is where the visit goes ----

@pytest.mark.parametrize(("sentence", "places"), [
    ("La ministra chilena visitó Asunción el martes.", {"Asunción"}),
    ("El canciller indio visitará Kigali en abril.", {"Kigali"}),
    ("El presidente visitó Vietnam la semana pasada.", {"Vietnam"}),
    # a common noun after the verb names no place of its own
    ("El embajador visitó la capital el lunes.", set()),
])
def test_what_is_visited_is_the_visits_place(rules, sentence, places):
    ex = extract(article(sentence), rules)
    [event] = events(ex, "kg:Visit")
    assert labels(ex, event.places.items) == places


@pytest.mark.parametrize(("sentence", "begin", "end", "status"), [
    # counted from the day of the agreement the sentence gives, the month may be behind the publication
    ("Los cancilleres acordaron en enero reunirse en febrero en Brasilia.", date(2025, 2, 1), date(2025, 2, 28), None),
    ("Los cancilleres acordaron en enero reunirse en abril en Brasilia.", date(2025, 4, 1), date(2025, 4, 30),
     "scheduled"),
])
def test_an_agreed_event_is_counted_from_the_day_of_the_agreement(rules, sentence, begin, end, status):
    [event] = events(extract(article(sentence, "20 Marzo de 2025 10.00"), rules), "kg:Meeting")
    assert (event.time.earliest, event.time.latest, event.status) == (begin, end, status)


# ---- how long an event lasted ----


@pytest.mark.parametrize(("sentence", "cls", "begin", "end"), [
    # the days a duration counts end on the day its sentence names, before or after it
    # days of talks are a round of them
    ("Tras cinco días de negociaciones en Viena, las delegaciones anunciaron hoy un principio de acuerdo.",
     "kg:NegotiationRound", date(2022, 3, 6), date(2022, 3, 10)),
    ("Las tres jornadas de conversaciones sobre Libia celebradas en Túnez terminaron el martes.",
     "kg:NegotiationRound", date(2022, 3, 6), date(2022, 3, 8)),
    ("El enviado especial puso fin ayer en Doha a dos semanas de intensas consultas con las facciones.",
     "kg:Consultation", date(2022, 2, 24), date(2022, 3, 9)),
])
def test_a_duration_ends_on_the_day_its_sentence_names(rules, sentence, cls, begin, end):
    [event] = events(extract(article(sentence), rules), cls)
    assert (event.time.begin, event.time.end) == (begin, end)


def test_a_duration_in_a_headline_ends_on_the_publication_day(rules):
    ex = extract(article("Los negociadores cerraron el texto en Ginebra.",
                         headline="Diez días de negociaciones en Ginebra para salvar el pacto"), rules)
    spans = [(e.time.begin, e.time.end) for e in events(ex, "kg:NegotiationRound") if e.time]
    assert (date(2022, 3, 1), date(2022, 3, 10)) in spans


@pytest.mark.parametrize(("sentence", "cls"), [
    # a countdown is no duration
    ("A tres días de la cumbre de Madrid, los ministros hablaron ayer por teléfono.", "kg:Summit"),
    # a day still to come ends no duration told as done
    ("Tras dos días de negociaciones, las partes volverán a reunirse el 20 de marzo en Roma.", "kg:Negotiation"),
    # with no day named, a duration in the body ends on no day
    ("Tras cuatro días de conversaciones, las partes firmaron un acuerdo en Oslo.", "kg:Negotiation"),
])
def test_a_duration_with_no_day_it_ends_on_gives_no_span(rules, sentence, cls):
    for event in events(extract(article(sentence), rules), cls):
        assert event.time is None or event.time.begin is None


@pytest.mark.parametrize("sentence", [
    "El Gobierno decretó tres días de luto oficial.",
    "Las delegaciones se dieron dos semanas de plazo para responder.",
    "Hace dos días de negociaciones que nadie habla.",
])
def test_days_not_spent_on_an_event_are_no_duration(rules, sentence):
    ex = extract(article(sentence), rules)
    assert all(e.time is None or e.time.begin is None or e.time.begin == e.time.end for e in events(ex))


@pytest.mark.parametrize(("kicker", "cls", "day"), [
    # a kicker that opens on an event names the day's news
    ("Cumbre en Lima", "kg:Summit", date(2022, 3, 10)),
    ("Visita de Estado", "kg:Visit", date(2022, 3, 10)),
    # a kicker that only tells the setting of another event gives it no day
    ("En una cumbre de Lima", "kg:Summit", None),
])
def test_a_kicker_that_opens_on_an_event_dates_it_by_the_publication(rules, kicker, cls, day):
    text = (f"{kicker}\n\nLos presidentes andinos, ante el reto del comercio regional\n\n"
            f"La integración, en el centro del debate.\n\n{DATELINE}\n\nLos mandatarios hablaron de comercio.")
    [event] = events(extract(text, rules), cls)
    assert event.time.begin == day


@pytest.mark.parametrize(("sentence", "day"), [
    # "esta misma mañana" is today, not tomorrow
    ("El ministro había hablado esta misma mañana por teléfono con su homólogo.", date(2022, 3, 10)),
    ("El ministro hablará mañana por teléfono con su homólogo.", date(2022, 3, 11)),
])
def test_this_very_morning_is_today(rules, sentence, day):
    [event] = events(extract(article(sentence), rules))
    assert event.time.begin == day


def summary(kicker: str, headline: str, lead: str, body: str = "El texto fija la frontera marítima.") -> str:
    """Lay out an article with a kicker, a headline and a lead."""
    return f"{kicker}\n\n{headline}\n\n{lead}\n\n{DATELINE}\n\n{body}"


@pytest.mark.parametrize(("text", "cls", "places"), [
    # the kicker's place is where the headline's news happens
    (summary("Cumbre en Quito", "El bloque andino suspende a Bolivia", "La decisión se tomó por unanimidad."),
     "kg:Decision", {"Quito"}),
    # the headline's place is where the lead's news happens
    (summary("Diplomacia", "Perú y Chile firman en Lima un acuerdo fronterizo",
             "Los dos cancilleres se reúnen por primera vez en un acto presidido por el presidente peruano."),
     "kg:Meeting", {"Lima"}),
    # not an event still to come
    (summary("Diplomacia", "Perú y Chile firman en Lima un acuerdo fronterizo",
             "Los dos cancilleres se reunirán de nuevo el próximo mes."), "kg:Meeting", set()),
    # not a call
    (summary("Diplomacia", "Perú y Chile firman en Lima un acuerdo fronterizo",
             "Los dos presidentes hablaron por teléfono tras la ceremonia."), "kg:PhoneCall", set()),
    # not when the summary names two places
    (summary("Diplomacia", "Perú firma en Lima y Chile en Santiago un acuerdo fronterizo",
             "Los dos cancilleres se reúnen por primera vez en un acto sin precedentes."), "kg:Meeting", set()),
    # not an event of the body
    (summary("Diplomacia", "Perú y Chile firman en Lima un acuerdo fronterizo", "Entradilla de la noticia.",
             "Los dos cancilleres se reunieron por primera vez en 2019."), "kg:Meeting", set()),
])
def test_an_event_of_the_summary_takes_the_place_of_the_headline(rules, text, cls, places):
    ex = extract(text, rules)
    [event] = events(ex, cls)
    assert labels(ex, event.places.items) == places


@pytest.mark.parametrize(("sentence", "cls", "earliest", "latest"), [
    # this year, told in the future: from the publication to its end
    ("Los dos países celebrarán este año una nueva ronda de negociaciones.", "kg:NegotiationRound",
     date(2022, 3, 10), date(2022, 12, 31)),
    # this year, told in the past: from its start to the publication
    ("Los dos presidentes se reunieron en Quito este mismo año.", "kg:Meeting", date(2022, 1, 1), date(2022, 3, 10)),
    # last year
    ("Los dos presidentes se reunieron el año pasado en Davos.", "kg:Meeting", date(2021, 1, 1), date(2021, 12, 31)),
    # a date and place between an infinitive of agreement and its event are the event's
    ("Los gobiernos acordaron ayer celebrar este mismo año en Lima una nueva ronda de diálogo.",
     "kg:NegotiationRound", date(2022, 3, 10), date(2022, 12, 31)),
])
def test_this_year_and_last_year_bound_an_event(rules, sentence, cls, earliest, latest):
    [event] = events(extract(article(sentence), rules), cls)
    assert (event.time.earliest, event.time.latest) == (earliest, latest)


@pytest.mark.parametrize(("sentence", "cls", "day"), [
    # "del año pasado" after a day belongs to that day
    ("La cumbre de Lima se celebró el 12 de junio del año pasado.", "kg:Summit", date(2021, 6, 12)),
    # the date of the agreement stays with it
    ("Los gobiernos acordaron el lunes celebrar una nueva ronda de diálogo.", "kg:Decision", date(2022, 3, 7)),
])
def test_a_year_or_agreement_does_not_take_what_is_not_its_own(rules, sentence, cls, day):
    [event] = events(extract(article(sentence), rules), cls)
    assert event.time.begin == event.time.end == day


@pytest.mark.parametrize(("text", "cls", "day"), [
    # counted from the day the sentence before names
    ("Los dos países rompieron relaciones el 3 de marzo. Una semana después, los cancilleres se reunieron en Quito.",
     "kg:Meeting", date(2022, 3, 10)),
    ("La cumbre se celebró el 8 de marzo en Lima. Dos días antes, los ministros se habían reunido en Cuzco.",
     "kg:Meeting", date(2022, 3, 6)),
    ("La tregua entró en vigor el 1 de marzo; tres días más tarde, las partes firmaron un acuerdo en Ginebra.",
     "kg:Decision", date(2022, 3, 4)),
])
def test_days_counted_from_the_day_named_before(rules, text, cls, day):
    [event] = events(extract(article(text), rules), cls)
    assert event.time.begin == event.time.end == day


@pytest.mark.parametrize(("text", "cls"), [
    # counted from an event, not from a day
    ("Los cancilleres se reunieron en Quito diez días después de la cumbre.", "kg:Meeting"),
    # with no day named, nothing to count from
    ("Una semana después, los cancilleres se reunieron en Quito.", "kg:Meeting"),
])
def test_days_counted_from_no_day_give_no_day(rules, text, cls):
    [event] = events(extract(article(text), rules), cls)
    assert event.time is None or event.time.begin is None


@pytest.mark.parametrize(("sentence", "cls", "earliest", "latest"), [
    # one more meeting the same verb governs, with a place and party of its own, is of the verb's time
    ("La ministra se entrevistó la semana pasada en Quito con el presidente y en Lima con su homólogo.",
     "kg:Meeting", date(2022, 2, 28), date(2022, 3, 6)),
    ("El canciller habló ayer por teléfono con su homólogo francés y con la ministra alemana.",
     "kg:PhoneCall", date(2022, 3, 9), date(2022, 3, 9)),
])
def test_a_coordinated_meeting_shares_the_time_of_its_verb(rules, sentence, cls, earliest, latest):
    found = events(extract(article(sentence), rules), cls)
    assert len(found) == 2
    for event in found:
        assert (event.time.begin or event.time.earliest, event.time.end or event.time.latest) == (earliest, latest)


@pytest.mark.parametrize(("sentence", "cls", "places"), [
    # what is held on the margins of an event is held where it is
    ("Los presidentes acordaron el sábado, en una reunión de una hora al margen de la cumbre del G20 en la ciudad "
     "japonesa de Osaka, reanudar el diálogo.", "kg:Decision", {"Osaka"}),
    ("Los cancilleres mantuvieron un encuentro bilateral al margen de la cumbre de Lima.", "kg:Meeting", {"Lima"}),
    # a place of its own wins
    ("Los cancilleres se reunieron en Callao al margen de la cumbre de Lima.", "kg:Meeting", {"Callao"}),
    # an event that is not on the margins keeps no place of the other
    ("Los cancilleres mantuvieron un encuentro bilateral antes de la cumbre de Lima.", "kg:Meeting", set()),
])
def test_an_event_on_the_margins_of_another_is_held_where_it_is(rules, sentence, cls, places):
    ex = extract(article(sentence), rules)
    [event] = events(ex, cls)
    assert labels(ex, event.places.items) == places


@pytest.mark.parametrize(("sentence", "places"), [
    # the gathering is where what is held on its margins is
    ("El primer encuentro entre los presidentes de Chile y Perú está previsto para el 2 de abril en Quito, al "
     "margen de la cumbre de la Celac.", {"Quito"}),
    ("Los cancilleres de Ghana y Togo se reunieron el martes en Nairobi al margen de la cumbre de la Unión "
     "Africana.", {"Nairobi"}),
    # a place of its own wins
    ("Los cancilleres se reunieron en Callao al margen de la cumbre de Lima.", {"Lima"}),
    # an event that is not on the margins gives it no place
    ("Los cancilleres de Ghana y Togo se reunieron el martes en Nairobi antes de la cumbre de la Unión "
     "Africana.", set()),
])
def test_a_gathering_is_held_where_what_is_held_on_its_margins_is(rules, sentence, places):
    ex = extract(article(sentence), rules)
    [summit] = events(ex, "kg:Summit")
    assert labels(ex, summit.places.items) == places


@pytest.mark.parametrize(("sentence", "begin", "end"), [
    # what happens during an event falls within its days
    ("El primer ministro realizará el viernes y el sábado una visita oficial a Hanói, durante la cual está previsto "
     "que se reúna con el presidente vietnamita.", date(2022, 3, 11), date(2022, 3, 12)),
    # not an event after it
    ("El primer ministro realizará el viernes y el sábado una visita oficial a Hanói, tras la cual se reunirá con "
     "el presidente vietnamita.", None, None),
])
def test_an_event_during_another_falls_within_its_days(rules, sentence, begin, end):
    [meeting] = events(extract(article(sentence), rules), "kg:Meeting")
    assert (meeting.time.begin, meeting.time.end) == (begin, end) if begin else meeting.time is None


@pytest.mark.parametrize(("sentence", "cls", "places"), [
    # a place that hosts an event is where it is held
    ("El ministro confirmó que Ginebra acogerá el 17 de abril una conferencia de donantes.", "kg:Conference",
     {"Ginebra"}),
    ("Lima albergó el año pasado la cumbre andina.", "kg:Summit", {"Lima"}),
    # what is toured is the visit's place, after a date too; an envoy is where he goes, not where he serves
    ("El enviado recorrió la semana pasada Oriente Próximo.", "kg:Visit", {"Oriente Próximo"}),
    ("El enviado especial visitó Siria el lunes.", "kg:Visit", {"Siria"}),
    # one posted in a city is not held there
    ("El embajador ruso en Kiev asistió a la reunión.", "kg:Meeting", set()),
    # a place named with no verb of hosting is no venue
    ("La delegación de Ginebra asistirá a la conferencia de donantes.", "kg:Conference", set()),
])
def test_a_host_a_tour_and_a_post_name_their_places(rules, sentence, cls, places):
    ex = extract(article(sentence), rules)
    [event] = events(ex, cls)
    assert labels(ex, event.places.items) == places


@pytest.mark.parametrize(("sentence", "earliest", "latest"), [
    ("Los dos presidentes se reunieron a finales del año pasado en Davos.", date(2021, 9, 1), date(2021, 12, 31)),
    ("Los dos presidentes se reunieron a principios del pasado año en Davos.", date(2021, 1, 1), date(2021, 4, 30)),
])
def test_a_part_of_last_year_bounds_an_event(rules, sentence, earliest, latest):
    [event] = events(extract(article(sentence), rules), "kg:Meeting")
    assert (event.time.earliest, event.time.latest) == (earliest, latest)


@pytest.mark.parametrize(("sentence", "begin", "end"), [
    # Easter of 2022 falls on 17 April, after the publication: told in the past, it is the Easter of 2021
    ("El ministro viajó a Roma durante el fin de semana de Pascua.", date(2021, 4, 2), date(2021, 4, 4)),
    # told in the future, this year's Holy Week, from Palm Sunday to Easter Sunday
    ("El papa visitará Fátima en Semana Santa.", date(2022, 4, 10), date(2022, 4, 17)),
    ("Los cancilleres se reunieron en Viena el domingo de Pascua de 2019.", date(2019, 4, 21),
     date(2019, 4, 21)),
])
def test_easter_is_counted_from_its_sunday(rules, sentence, begin, end):
    ex = extract(article(sentence), rules)
    [event] = events(ex)
    assert (event.time.begin, event.time.end) == (begin, end)
    assert "Semana Santa" not in labels(ex, event.places.items)


@pytest.mark.parametrize(("year", "sunday"), [
    (2000, date(2000, 4, 23)), (2008, date(2008, 3, 23)), (2018, date(2018, 4, 1)), (2024, date(2024, 3, 31)),
])
def test_easter_sunday(year, sunday):
    assert easter_sunday(year) == sunday


def test_the_day_of_an_earlier_event_after_desde_is_not_the_events(rules):
    ex = extract(article("Lula inició el lunes una visita a Portugal. Se trata de la primera visita de un presidente "
                         "brasileño en ocho años, desde la que realizó Dilma Rousseff en 2016."), rules)
    [visit] = events(ex, "kg:Visit")
    assert visit.time.begin == date(2022, 3, 7)


@pytest.mark.parametrize(("sentence", "earliest"), [
    # what an event could or should do lies ahead (Thursday 10 March 2022)
    ("Según dijo el portavoz, la cumbre podría tener lugar en febrero.", date(2023, 2, 1)),
    ("Fuentes diplomáticas señalaron que la reunión debería celebrarse en enero en Quito.", date(2023, 1, 1)),
])
def test_a_month_an_event_could_take_place_in_lies_ahead(rules, sentence, earliest):
    [event] = events(extract(article(sentence), rules))
    assert (event.time.begin or event.time.earliest) == earliest


def test_dates_matched_before_dating_are_the_mentions_dates(rules):
    """find_mentions takes the dates and tense cues matched for the dating of the same sentences: the same mentions
    as it would find itself, and none of the objects handed to the dating."""
    text = article("El ministro llegó el lunes a Lima. Se reunirá mañana con su homólogo y el 20 de marzo "
                   "viajará a Quito, donde había estado en 2019.")
    blocks, _ = classify_blocks(text, rules)
    sentences = split_sentences(text, blocks)
    alone = find_mentions(text, sentences, rules)
    matched = match_dates(text, sentences, rules)
    dated = find_dates(text, sentences, rules, matched)
    taken = find_mentions(text, sentences, rules, dates=matched)
    assert taken.by_sentence == alone.by_sentence
    assert dated.by_sentence == find_dates(text, sentences, rules).by_sentence
    handed = [m for found in dated.by_sentence.values() for m in found]
    assert {m.kind for m in handed} == {"date", "tense"}
    assert not any(m is n for found in taken.by_sentence.values() for n in found for m in handed)
