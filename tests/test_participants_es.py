"""Who takes part in an event once it exists: pairs and collective subjects that refer back to people or
parties named before, passive agents, those met "con" an actor, and groups whose members are listed.
Sentences of wire-service Spanish, dated by DATELINE (Thursday 10 March 2022) unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from tests.conftest import article, extract, labels


def actors_of(body: str, cls: str, rules, headline: str = "Titular") -> list[set[str]]:
    """Return the actors of each event of a class in an article."""
    ex = extract(article(body, headline=headline), rules)
    return [labels(ex, f.actors.items) for f in ex.frames if f.cls == cls and not f.statement]


# ---- pairs: the holders of the office its title names, the surest first ----


@pytest.mark.parametrize(("body", "actors"), [
    # Two separatist leaders named last are "líderes", a title that may name a head of state: the holders
    # the lexicon knows on the day come first.
    ("El presidente francés, Emmanuel Macron, y el canciller alemán, Olaf Scholz, viajaron el lunes a Kiev. "
     "Allí les recibió el presidente ucraniano, Volodímir Zelenski. El texto fue rubricado después por los "
     "líderes separatistas Kiril Morozov y Yuri Pavlenko. Los tres jefes de Estado y de Gobierno firmaron "
     "además una declaración conjunta.", {"Emmanuel Macron", "Olaf Scholz", "Volodímir Zelenski"}),
    # A title the article gives counts when the lexicon knows no holder enough.
    ("La presidenta de Moldavia, Irina Lupescu, y el presidente de Georgia, Davit Beridze, viajaron a Viena. "
     "Después intervino el mediador Anton Weiss. Los dos presidentes firmaron una declaración conjunta.",
     {"Irina Lupescu", "Davit Beridze"}),
])
def test_a_pair_prefers_those_known_to_hold_its_office(rules, body, actors):
    assert actors_of(body, "kg:Decision", rules)[-1] == actors


def test_a_pair_still_names_people_of_whom_nothing_is_known(rules):
    # No one named holds a known office: the last two named are the pair.
    body = "Ana Ruiz y Marta Gil llegaron a Quito. Los dos líderes firmaron una declaración conjunta."
    assert actors_of(body, "kg:Decision", rules)[-1] == {"Ana Ruiz", "Marta Gil"}
