"""Event identity within one article: which mentions of headline, lead and body are one event, and which are not."""

from __future__ import annotations

import pytest

from tests.conftest import events, extract

DATE_LINE = "Viernes 10 de marzo de 2023"


def news(headline: str, lead: str, body: str) -> str:
    """Lay out a short article: headline, lead, date line and body (which may open with an agency dateline)."""
    return f"{headline}\n\n{lead}\n\n{DATE_LINE}\n\n{body}\n"


def same_event(text: str, rules, first: str, second: str) -> bool:
    """Tell whether the mentions at the first occurrence of two phrases end up in one event."""
    ex = extract(text, rules)

    def holder(phrase: str):
        begin = text.index(phrase)
        return next(f for f in events(ex) if any(span.begin < begin + len(phrase) and begin < span.end
                                                 for span in f.spans))

    return holder(first) is holder(second)


@pytest.mark.parametrize(("lead", "later"), [
    # an infinitive with a day still to come is another agreement than the one signed today
    ("Las delegaciones buscan rubricar el pacto minero completo el 20 de mayo en Buenos Aires", "pacto minero"),
    ("Ambos gobiernos esperan sellar el 20 de mayo el pacto minero completo", "pacto minero"),
])
def test_the_news_of_the_day_is_not_an_agreement_still_to_come(rules, lead, later):
    text = news("Argentina y Chile firman en Santiago un acuerdo sobre el litio", lead,
                "SANTIAGO, 10 mar (EFE).- Los gobiernos de Argentina y Chile han firmado este viernes un acuerdo "
                "para explotar juntos el litio de la frontera.")
    assert not same_event(text, rules, "firman", later)
    assert same_event(text, rules, "firman", "han firmado")


def test_a_clause_that_names_another_occurrence_stays_apart_in_the_lead(rules):
    text = news("Perú y Bolivia cierran un acuerdo fronterizo",
                "Los equipos técnicos mantuvieron reuniones durante tres días; los ministros harán lo mismo el "
                "lunes en Ginebra",
                "LIMA, 10 mar (EFE).- Los gobiernos de Perú y Bolivia han firmado este viernes un acuerdo sobre "
                "la frontera.")
    assert not same_event(text, rules, "reuniones", "los ministros harán")


@pytest.mark.parametrize(("sentence", "joined"), [
    ("Los cancilleres de Ecuador y Colombia se reunieron este jueves en Quito y acordaron crear una comisión fronteriza.", True),
    ("Los jefes de Gobierno se vieron el jueves en Lisboa y pactaron un calendario de obras.", True),
    # another subject after the comma: the agreement is not told as made at the meeting
    ("Los cancilleres se reunieron el jueves en Quito, mientras que sus gobiernos acordaron crear una comisión fronteriza.",
     False),
])
def test_an_agreement_joined_to_a_meeting_by_y_is_made_there(rules, sentence, joined):
    ex = extract(news("Ecuador y Colombia reabren la frontera", "Entradilla de la noticia", sentence), rules)
    [agreement] = events(ex, "kg:Decision")
    assert (agreement.time is not None and agreement.time.begin.day == 9 and bool(agreement.places.items)) == joined


def test_an_agreement_made_today_does_not_absorb_one_dated_weeks_before(rules):
    text = news("Ecuador y Colombia reabren la frontera", "Entradilla de la noticia",
                "QUITO, 10 mar (EFE).- Los cancilleres de Ecuador y Colombia se reunieron este jueves en Quito y "
                "acordaron crear una comisión de límites.\n\nEl texto sustituye a la declaración firmada el 12 de "
                "enero en Cali por los dos gobiernos.")
    assert not same_event(text, rules, "acordaron", "declaración firmada")


@pytest.mark.parametrize(("body", "joined"), [
    # the first body verb that names nobody, no place and no day retells the headline
    ("BRUSELAS, 10 mar (EFE).- Tras doce horas de discusión, el mediador europeo confirmó que las delegaciones "
     "firmaron un texto de ocho puntos.", True),
    ("BRUSELAS, 10 mar (EFE).- Según fuentes comunitarias, han pactado un calendario para retirar las barreras "
     "aduaneras.", True),
    # a day of its own, years before, makes it another agreement
    ("BRUSELAS, 10 mar (EFE).- Fuentes comunitarias recordaron que ya pactaron en 2013 un calendario para retirar "
     "las barreras aduaneras.", False),
])
def test_a_body_verb_with_nothing_of_its_own_retells_the_headline(rules, body, joined):
    text = news("Serbia y Kosovo pactan en Bruselas la apertura de sus fronteras", "Entradilla de la noticia", body)
    later = next(word for word in ("firmaron", "han pactado", "pactaron") if word in body)
    assert same_event(text, rules, "pactan", later) == joined


MEETING_TODAY = ("ASUNCIÓN, 10 mar (EFE).- Los cancilleres de Uruguay y Paraguay se reunieron este viernes en la "
                 "capital paraguaya. Al cabo de una reunión de tres horas, ambos ministros firmaron un memorando. ")


@pytest.mark.parametrize(("tail", "later", "joined"), [
    # a meeting dated months back is the background of the day's meeting, not one of its mentions
    ("El encuentro previo entre ambos se celebró en noviembre en Montevideo.", "encuentro previo", False),
    ("La última cita entre los dos ministros fue en noviembre, en Montevideo.", "La última cita", False),
    # with nothing that tells another time, the same words refer back to the day's meeting
    ("La cita sirvió para preparar la visita del presidente uruguayo.", "La cita", True),
    ("La reunión se celebró en el Palacio de López.", "La reunión", True),
])
def test_the_meeting_of_the_day_and_an_earlier_one(rules, tail, later, joined):
    text = news("Los cancilleres de Uruguay y Paraguay se reúnen en Asunción", "Entradilla de la noticia",
                MEETING_TODAY + tail)
    assert same_event(text, rules, "se reunieron", later) == joined
    assert not same_event(text, rules, "reunión de tres horas", later) or joined


@pytest.mark.parametrize(("tail", "joined"), [
    # a capital lies in the country its government governs: no other place
    ("La reunión, celebrada en el Palacio de la Revolución, en Cuba, duró dos horas.", True),
    # another country's capital is another place
    ("La reunión, celebrada en Caracas, duró dos horas.", False),
])
def test_a_city_and_its_country_place_one_meeting(rules, tail, joined):
    text = news("Los presidentes de México y Cuba conversan en La Habana", "Entradilla de la noticia",
                "LA HABANA, 10 mar (EFE).- El presidente de México mantuvo este viernes en La Habana un encuentro "
                "con el presidente de Cuba. " + tail)
    assert same_event(text, rules, "encuentro", "La reunión") == joined


@pytest.mark.parametrize(("headline", "body", "later", "joined"), [
    # the headline only proposes a meeting; the body tells one that took place
    ("Lula y Petro firman un pacto amazónico y el brasileño invita a Maduro a reunirse en Manaos",
     "BRASILIA, 10 mar (EFE).- Los presidentes Lula da Silva y Gustavo Petro firmaron este viernes, en una reunión "
     "de dos horas en el Palacio de Planalto, un acuerdo para proteger la Amazonía.", "reunión de dos horas", False),
    ("Lula y Petro firman un pacto amazónico y el brasileño invita a Maduro a reunirse en Manaos",
     "BRASILIA, 10 mar (EFE).- Lula da Silva y Gustavo Petro se reunieron este viernes en el Palacio de Planalto.",
     "se reunieron", False),
    # what the body says of the proposed meeting itself is still that meeting
    ("Petro invita a Maduro a reunirse en la frontera",
     "BOGOTÁ, 10 mar (EFE).- La reunión serviría para reabrir los pasos fronterizos, según la cancillería.",
     "La reunión", True),
])
def test_a_meeting_the_headline_only_seeks_is_not_one_the_body_tells_as_done(rules, headline, body, later, joined):
    text = news(headline, "Entradilla de la noticia", body)
    assert same_event(text, rules, "reunirse", later) == joined


@pytest.mark.parametrize(("first", "joined"), [
    # a summit held by video is the video conference named before it
    ("Los dos presidentes mantuvieron una videoconferencia el jueves.", True),
    # a phone call is no gathering "la cumbre" can name again
    ("El presidente francés habló por teléfono con su homólogo brasileño.", False),
])
def test_la_cumbre_refers_back_to_a_video_conference_not_to_a_phone_call(rules, first, joined):
    text = news("Francia y Brasil hablan de la Amazonía", "Entradilla de la noticia",
                f"PARÍS, 10 mar (EFE).- {first} La cumbre duró dos horas y trató de la deforestación.")
    earlier = "videoconferencia" if "videoconferencia" in first else "habló por teléfono"
    assert same_event(text, rules, earlier, "cumbre") == joined


@pytest.mark.parametrize(("second", "talk", "joined"), [
    # a talk with no place of its own retells the call
    ("Los dos presidentes conversaron durante una hora sobre Ucrania.", "conversaron", True),
    # those who talk in a city they travelled to are not on the phone
    ("Un día antes, el ministro francés viajó a Moscú, donde conversó durante tres horas con Putin.", "conversó",
     False),
])
def test_a_phone_call_and_a_talk_held_somewhere(rules, second, talk, joined):
    text = news("Macron y Putin hablan de Ucrania", "Entradilla de la noticia",
                f"PARÍS, 10 mar (EFE).- Macron habló por teléfono con Putin el jueves. {second}")
    assert same_event(text, rules, "habló por teléfono", talk) == joined


@pytest.mark.parametrize(("body", "gathering", "talks", "joined"), [
    # "las conversaciones" with no talks told before are the talks of the meeting already told
    ("La reunión de los cancilleres de Perú y Bolivia empezó el jueves en La Paz. Las conversaciones se "
     "prolongaron hasta la medianoche.", "reunión", "conversaciones", True),
    ("Los líderes de Ghana y Togo celebrarán el martes una cumbre en Accra. La prensa seguirá desde un hotel "
     "cercano estas negociaciones.", "cumbre", "negociaciones", True),
    # of two gatherings, the talks are those of the one the article names most
    ("Los líderes de Ghana y Togo celebrarán el martes una cumbre en Accra. La cumbre tratará del comercio. Un "
     "mes después viajarán juntos a la cumbre de la Unión Africana en Adís Abeba. La prensa seguirá desde un hotel "
     "cercano las negociaciones.", "cumbre", "negociaciones", True),
    # told in the pluperfect, the talks are a time before the meeting
    ("La reunión de los cancilleres de Perú y Bolivia empezó el jueves en La Paz. La disputa fronteriza había "
     "paralizado las negociaciones durante años.", "reunión", "negociaciones", False),
    # quoted, the talks are the speaker's talks at large
    ("La reunión de los cancilleres de Perú y Bolivia empezó el jueves en La Paz. \"Las negociaciones tienen que "
     "seguir\", dijo el canciller.", "reunión", "negociaciones", False),
    # talks between others are no part of the meeting
    ("La reunión de los cancilleres de Perú y Bolivia empezó el jueves en La Paz. Las conversaciones entre Serbia "
     "y Kosovo siguen estancadas.", "reunión", "conversaciones", False),
    # "unas negociaciones" introduce talks of their own
    ("La reunión de los cancilleres de Perú y Bolivia empezó el jueves en La Paz. Ambos países abrirán en "
     "verano unas negociaciones comerciales.", "reunión", "negociaciones", False),
])
def test_definite_talks_with_no_antecedent_are_those_of_the_gathering(rules, body, gathering, talks, joined):
    text = news("Cancilleres en La Paz", "Entradilla de la noticia", f"LA PAZ, 10 mar (EFE).- {body}")
    assert same_event(text, rules, gathering, talks) == joined


def test_what_an_event_could_be_does_not_undo_its_postponement(rules):
    ex = extract(news("Aplazada la cumbre de Lima", "Los ministros no llegaron a tiempo",
                      "Los ministros aplazaron la cumbre de Lima prevista para el lunes. La cumbre podría celebrarse "
                      "en junio, según la cancillería."), rules)
    [summit] = events(ex, "kg:Summit")
    assert summit.status == "postponed"


@pytest.mark.parametrize(("later", "joined"), [
    # a definite mention that names other parties is another meeting
    ("También quedó aplazada sin fecha la reunión del diálogo político entre la UE y Chile que debía "
     "celebrarse en mayo.", False),
    ("Tampoco se celebró la reunión de alto nivel entre Francia y Argelia que debía tener lugar en abril.", False),
    # one that names one of the same parties, or none, is the meeting already told
    ("La reunión entre los ministros de Portugal y Marruecos debía celebrarse en mayo.", True),
    ("La reunión debía celebrarse en mayo.", True),
])
def test_a_definite_meeting_with_parties_of_its_own_is_another(rules, later, joined):
    text = news("Ministros en Oporto", "Entradilla de la noticia",
                "OPORTO, 10 mar (EFE).- Las protestas obligaron a cancelar una reunión entre los ministros de "
                f"Portugal y Marruecos en Oporto. {later}")
    assert same_event(text, rules, "una reunión", "la reunión" if "la reunión" in later else "La reunión") == joined


@pytest.mark.parametrize(("sentence", "parties"), [
    ("La reunión del diálogo político entre la UE y Chile se celebrará en mayo.", {"Unión Europea", "Chile"}),
    ("El encuentro de alto nivel entre Francia y Argelia terminó sin acuerdo.", {"Francia", "Argelia"}),
    ("Las conversaciones de paz entre Japón y Australia comenzaron el lunes.", {"Japón", "Australia"}),
    # the words after the event are no complement of it
    ("La cumbre terminó entre aplausos de Francia y Argelia.", set()),
])
def test_parties_after_a_complement_of_the_event(rules, sentence, parties):
    ex = extract(news("Titular", "Entradilla de la noticia", sentence), rules)
    [event] = events(ex)
    assert {ex.entities[a].label for a in event.actors.items} == parties


@pytest.mark.parametrize(("later", "joined"), [
    # a trigger that opens with its own indefinite article introduces another event
    ("El presidente respaldó además la idea de una cita entre los dos reyes.", False),
    ("Ambos se comprometieron a buscar una nueva cita con los dos reyes.", False),
    # a definite one is the meeting already told
    ("La cita entre ambos duró dos horas.", True),
])
def test_una_cita_is_another_meeting(rules, later, joined):
    text = news("Titular", "Entradilla de la noticia",
                "RABAT, 10 mar (EFE).- El presidente de Portugal y el rey de Marruecos se reunieron el jueves en "
                f"Rabat. {later}")
    assert same_event(text, rules, "se reunieron", "cita") == joined


@pytest.mark.parametrize(("later", "joined"), [
    # a body's gathering told again by who attends it
    ("El presidente de Colombia llegó el jueves a Lima para participar en la cumbre, donde está previsto que se "
     "reúna con el presidente peruano.", True),
    # not a gathering held elsewhere
    ("El presidente de Colombia participó en enero en la cumbre de Quito.", False),
])
def test_a_bodys_gathering_told_again_by_who_attends_it(rules, later, joined):
    text = news("Titular", "Entradilla de la noticia",
                "LIMA, 10 mar (EFE).- Los presidentes de Perú y Chile se reunieron el jueves en Lima, en vísperas de "
                "la cumbre de la OEA, que se celebra el viernes y el sábado en la misma ciudad. " + later)
    assert same_event(text, rules, "cumbre de la OEA", "cumbre," if "la cumbre," in later else "cumbre de Quito") == joined
