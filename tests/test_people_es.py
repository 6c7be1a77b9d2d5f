"""Who is who: people introduced by titles and lists, and the titles, demonyms and surnames that refer back
to them later in an article. Dated by DATELINE (Thursday 10 March 2022) unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from tests.conftest import article, extract, labels, statements


def dated(day: int, month: str, year: int) -> str:
    """Return a dateline of a wire service for a day."""
    return f"{day} {month} de {year} 10.00"


def speakers(text: str, rules) -> list[set[str]]:
    """Return the speakers of the statements of an article, in the order they are said."""
    ex = extract(text, rules)
    return [labels(ex, said.actors.items) for said in sorted(statements(ex), key=lambda f: f.spans[0].begin)]


def people(text: str, rules) -> set[str]:
    """Return the labels of the people an article names."""
    return {e.label for e in extract(text, rules).entities.values() if e.cls == "schema:Person"}


# ---- a title said without a name refers to the person named before whose office fits it ----


@pytest.mark.parametrize(("body", "dateline", "who"), [
    # A person no lexicon lists, introduced with a title: later titles of the same class are theirs.
    ("El presidente de Zambia, Hakainde Hichilema, llegó el lunes a Lusaka. "
     "El mandatario aseguró que la frontera seguirá abierta.", None, "Hakainde Hichilema"),
    ("La ministra de Exteriores de Malaui, Nancy Tembo, visitó Harare. "
     "La jefa de la diplomacia malauí afirmó que el acuerdo está cerca.", None, "Nancy Tembo"),
    # A listed person named without a title: the lexicon's office on the publication day.
    ("Macron recibió a los periodistas en el Elíseo. El mandatario aseguró que la cumbre será en junio.",
     dated(14, "Marzo", 2023), "Emmanuel Macron"),
    ("Lula viajó a Pekín con una delegación de empresarios. El líder brasileño afirmó que el comercio crecerá.",
     dated(14, "Abril", 2023), "Luiz Inácio Lula da Silva"),
    ("Sánchez inauguró el foro en Sevilla. El jefe del Ejecutivo español aseguró que habrá más inversiones.",
     dated(5, "Julio", 2023), "Pedro Sánchez"),
    ("El rey de Marruecos, Mohamed VI, recibió al enviado saudí. El monarca aseguró que apoyará la mediación.",
     None, "Mohamed VI"),
    # Nobody named before: the holder of the office on the day, by a seat of power or the one body that
    # has the office.
    ("El inquilino del Elíseo aseguró que Francia no enviará tropas.", dated(14, "Marzo", 2023),
     "Emmanuel Macron"),
    ("El pontífice afirmó que la paz es posible.", dated(14, "Marzo", 2023), "Francisco (papa)"),
    ("El Papa pidió que cesen los combates.", dated(14, "Marzo", 2012), "Benedicto XVI"),
])
def test_a_title_said_alone_refers_to_the_person_it_fits(rules, body, dateline, who):
    text = article(body, dateline) if dateline else article(body)
    assert speakers(text, rules)[-1] == {who}


def test_the_most_salient_person_of_the_paragraph_wins(rules):
    # Gorbachov, named last and speaking last, is a president too.
    text = article("Bush anunció la cumbre en Maine. Bush precisó que la cita durará unas horas. Según Bush, "
                   "Gorbachov aseguró que la reunión será útil. El presidente añadió que la crisis del Golfo "
                   "centrará la cita.", dated(1, "Septiembre", 1990))
    assert speakers(text, rules)[-1] == {"George H. W. Bush"}


@pytest.mark.parametrize(("body", "dateline", "not_who"), [
    # Someone other than the holder of the office.
    ("Biden recibió a Netanyahu en Washington. El presidente electo afirmó que la reunión fue útil.", None,
     "Joe Biden"),
    ("Lula visitó Madrid. El líder opositor aseguró que no apoyará la reforma.", dated(14, "Abril", 2023),
     "Luiz Inácio Lula da Silva"),
    # A body the lexicon does not know makes the title someone else's.
    ("Petro viajó a Bruselas. El presidente de la Cámara afirmó que la ley saldrá adelante.",
     dated(14, "Abril", 2023), "Gustavo Petro"),
    # Offices of different classes: a president is not a head of government, a foreign minister not a
    # secretary of State.
    ("El presidente de Zambia, Hakainde Hichilema, llegó a Madrid. El presidente del Gobierno afirmó que "
     "la visita reforzará los lazos.", None, "Hakainde Hichilema"),
    ("Lavrov llegó a Ginebra. La secretaria de Estado aseguró que no habrá acuerdo.", dated(6, "Marzo", 2009),
     "Serguéi Lavrov"),
])
def test_a_title_that_does_not_fit_the_person_named_before_is_not_theirs(rules, body, dateline, not_who):
    text = article(body, dateline) if dateline else article(body)
    assert people(text, rules) >= {not_who}
    assert all(not_who not in who for who in speakers(text, rules))


@pytest.mark.parametrize(("body", "who"), [
    ("Biden habló por teléfono con Xi Jinping. El estadounidense afirmó que la conversación fue franca.",
     "Joe Biden"),
    ("La canciller alemana, Angela Merkel, visitó Kiev con Macron. La alemana aseguró que Berlín ayudará.",
     "Angela Merkel"),
])
def test_a_demonym_said_as_a_noun_is_the_person_of_that_country_named_last(rules, body, who):
    assert speakers(article(body), rules)[-1] == {who}


@pytest.mark.parametrize("body", [
    # No one of that country named before.
    "Xi Jinping recibió a la prensa. El estadounidense afirmó que la guerra comercial terminó.",
    # A name after the demonym introduces someone else.
    "Biden habló con Xi. El estadounidense Marcus Brown aseguró que la reunión fue productiva.",
])
def test_a_demonym_noun_without_a_person_of_its_country_refers_to_no_one(rules, body):
    assert {"Joe Biden"} not in speakers(article(body), rules)[1:]


def test_a_surname_several_listed_people_share_is_the_one_named_in_full(rules):
    text = article("Hillary Clinton llegó a Nairobi. Clinton afirmó que la ayuda llegará pronto.",
                   dated(12, "Marzo", 1998))
    assert speakers(text, rules) == [{"Hillary Clinton"}]
