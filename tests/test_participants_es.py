"""Who takes part in an event once it exists: pairs and collective subjects that refer back to people or
parties named before, passive agents, subjects left unsaid, hosts, those who lead a body, and the verb forms
that let a rule see who attends. Sentences of wire-service Spanish, dated by DATELINE (Thursday 10 March 2022)
unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from kg.extract.forms import _unused, tag_verb
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


# ---- passive agents: "será recibido por X y por Y", "fue acordado por X" ----


@pytest.mark.parametrize(("body", "cls", "actors"), [
    # The verb is itself the event; its agent said twice with "por".
    ("El presidente paraguayo, Mario Abdo Benítez, será recibido el viernes en Madrid por el rey Felipe VI y "
     "por el presidente del Gobierno.", "kg:Meeting",
     {"Mario Abdo Benítez", "Felipe VI", "Pedro Sánchez"}),
    ("La tregua en Libia fue acordada por Egipto y Argelia el 3 de enero.", "kg:Decision", {"Egipto", "Argelia"}),
])
def test_the_agent_of_a_passive_event_verb_takes_part(rules, body, cls, actors):
    assert actors in actors_of(body, cls, rules)


@pytest.mark.parametrize(("body", "cls", "actors"), [
    # A participle in apposition to the event.
    ("La conferencia de donantes, organizada por Noruega, reunió en Oslo a cuarenta delegaciones.", "kg:Conference",
     {"Noruega"}),
    ("El acuerdo comercial, firmado el lunes por Chile y Ecuador, entrará en vigor en junio.", "kg:Decision",
     {"Chile", "Ecuador"}),
    # Appositions and a relative clause stand between the event and its passive verb.
    ("La cumbre, convocada de urgencia por Kenia, que ejerce la presidencia del bloque este semestre, fue "
     "presidida desde Nairobi por el presidente William Ruto.", "kg:Summit", {"Kenia", "William Ruto"}),
])
def test_the_agent_of_a_passive_verb_on_an_event_said_before_takes_part(rules, body, cls, actors):
    assert any(actors <= found for found in actors_of(body, cls, rules))


@pytest.mark.parametrize(("body", "cls", "actors"), [
    # The body that settles it, and the members it is made up of.
    ("El plan de paz fue rubricado por el Cuarteto para Oriente Próximo, integrado por Estados Unidos, "
     "Rusia, la Unión Europea y la ONU.", "kg:Decision",
     {"Cuarteto para Oriente Próximo", "Estados Unidos", "Rusia", "Unión Europea"}),
    ("El comunicado fue suscrito por el Grupo de Contacto Internacional, formado por México, Uruguay y Bolivia.",
     "kg:Decision", {"Grupo de Contacto", "México", "Uruguay", "Bolivia"}),
    # A member told by a title before the name: the person who closes the item.
    ("El alto el fuego fue firmado por el Grupo de Contacto, compuesto por la enviada de la ONU Stephanie "
     "Williams, el ministro turco Mevlut Cavusoglu y el primer ministro Abdul Hamid Dbeiba.", "kg:Decision",
     {"Grupo de Contacto", "Stephanie Williams", "Mevlut Cavusoglu", "Abdul Hamid Dbeiba"}),
])
def test_the_members_of_a_body_that_settles_an_event_take_part(rules, body, cls, actors):
    assert any(actors <= found for found in actors_of(body, cls, rules))


@pytest.mark.parametrize(("body", "cls", "actors"), [
    ("Marruecos y el Grupo de Lima, formado por Perú, Chile y Colombia, firmaron el lunes un memorando.",
     "kg:Decision", {"Marruecos", "Grupo de Lima", "Perú", "Chile", "Colombia"}),
    ("El Cuarteto para Oriente Próximo, integrado por Estados Unidos, Rusia y la Unión Europea, se reunió en Ammán.",
     "kg:Meeting", {"Cuarteto para Oriente Próximo", "Estados Unidos", "Rusia", "Unión Europea"}),
    # A body said to be made up of no one the text names lists no members.
    ("La Alianza del Pacífico, formada por cuatro países, firmó un acuerdo con Singapur.", "kg:Decision",
     {"Alianza del Pacífico", "Singapur"}),
])
def test_the_members_a_body_is_made_up_of_take_part_with_it(rules, body, cls, actors):
    assert actors in actors_of(body, cls, rules)


@pytest.mark.parametrize(("body", "cls", "absent"), [
    # "por la tarde" is no agent, and neither is one who only criticises.
    ("El ministro Mario Abdo Benítez será recibido por la tarde y por Argelia no se sabe nada.", "kg:Meeting",
     "Argelia"),
    ("La tregua fue acordada en enero y fue criticada por Marruecos y por Argelia.", "kg:Decision", "Marruecos"),
    # A participle that neither holds nor settles the event, and an agent past the end of the clause.
    ("La cumbre, criticada por Marruecos, se celebrará en Túnez.", "kg:Summit", "Marruecos"),
    ("La reunión terminó sin acuerdo; la propuesta, presentada por Argelia, fue rechazada.", "kg:Meeting", "Argelia"),
    # A place that closes an item is no member.
    ("El tratado fue firmado por la delegación que llegó anoche de Rabat.", "kg:Decision", "Rabat"),
    # Welcoming an agreement is no part in it.
    ("Chile acogió con satisfacción el acuerdo entre Perú y Bolivia.", "kg:Decision", "Chile"),
    ("Argentina acoge favorablemente la cumbre entre Perú y Bolivia.", "kg:Summit", "Argentina"),
])
def test_no_agent_takes_part_where_none_leads_the_event(rules, body, cls, absent):
    assert all(absent not in actors for actors in actors_of(body, cls, rules))


def test_the_head_of_government_said_alone_is_spains(rules):
    body = "El presidente argentino, Alberto Fernández, se reunió el martes en Madrid con el presidente del Gobierno."
    assert {"Alberto Fernández", "Pedro Sánchez"} in actors_of(body, "kg:Meeting", rules)


# ---- a subject left unsaid: the one that opens the sentence before ----


@pytest.mark.parametrize(("body", "actors"), [
    ("El presidente chileno, Gabriel Boric, llegó el martes a Lima. El miércoles se reunió con el canciller "
     "peruano, César Landa.", {"Gabriel Boric", "César Landa"}),
    # The speaker of a reporting verb whose "que" opens the clause.
    ("El presidente chileno, Gabriel Boric, afirmó que el lunes se había reunido con el canciller peruano, César "
     "Landa.", {"Gabriel Boric", "César Landa"}),
    ("Lula y Petro llegaron el lunes a Leticia. Por la tarde se reunieron con líderes indígenas.",
     {"Luiz Inácio Lula da Silva", "Gustavo Petro"}),
])
def test_a_verb_with_no_subject_takes_the_one_of_the_sentence_before(rules, body, actors):
    assert actors in actors_of(body, "kg:Meeting", rules)


@pytest.mark.parametrize(("body", "absent"), [
    # Another paragraph.
    ("El presidente chileno, Gabriel Boric, llegó el martes a Lima.\n\nEl miércoles se reunió con el canciller "
     "peruano, César Landa.", "Gabriel Boric"),
    # A singular verb is not the pair of the sentence before.
    ("Lula y Petro llegaron el lunes a Leticia. Por la tarde se reunió con el canciller peruano, César Landa.",
     "Gustavo Petro"),
    # The clause names its own subject.
    ("El presidente chileno, Gabriel Boric, afirmó que Petro se había reunido con el canciller peruano, César "
     "Landa.", "Gabriel Boric"),
    # The clause has a subject no rule names.
    ("El presidente chileno, Gabriel Boric, afirmó que los equipos técnicos se reunirán en abril.",
     "Gabriel Boric"),
    # The sentence names its own subject.
    ("El presidente chileno, Gabriel Boric, llegó el martes a Lima. Allí Petro se reunió con el canciller "
     "peruano, César Landa.", "Gabriel Boric"),
])
def test_a_verb_with_no_subject_takes_none_it_cannot_agree_with(rules, body, absent):
    assert all(absent not in actors for actors in actors_of(body, "kg:Meeting", rules))


@pytest.mark.parametrize(("body", "actors"), [
    # A Chinese or Korean name is said later by its first word, the family name.
    ("Clinton se reunió el jueves en Pekín con Jiang.", {"Bill Clinton", "Jiang Zemin"}),
    ("Obama se entrevistó con Hu en Washington.", {"Barack Obama", "Hu Jintao"}),
    ("Biden se reunió con Moon en Seúl.", {"Joe Biden", "Moon Jae-in"}),
])
def test_a_leader_is_named_by_the_family_name_alone(rules, body, actors):
    assert actors in actors_of(body, "kg:Meeting", rules)


# ---- hosts: "acogerá", "albergar", "organiza" ----


@pytest.mark.parametrize(("body", "cls", "actor"), [
    ("Noruega acogerá en Oslo una nueva ronda de negociaciones entre Colombia y el ELN.", "kg:NegotiationRound",
     "Noruega"),
    ("El ministro Mauricio Vieira dijo que Ecuador se ofreció a albergar una conferencia de paz.", "kg:Conference",
     "Ecuador"),
    ("El canciller aseguró que Marruecos está dispuesto a organizar el año próximo una cumbre en Rabat.",
     "kg:Summit", "Marruecos"),
])
def test_the_host_of_an_event_takes_part(rules, body, cls, actor):
    assert any(actor in actors for actors in actors_of(body, cls, rules))


def test_a_possessive_that_opens_a_sentence_is_of_the_subject_before(rules):
    body = "Boric y Petro hablaron por teléfono el lunes. Su única cumbre se celebró en Quito en 2022."
    assert {"Gabriel Boric", "Gustavo Petro"} in actors_of(body, "kg:Summit", rules)


def test_an_event_said_impersonally_takes_no_speaker(rules):
    # "se celebrará" names no one who holds the summit: the one who announces it is no part of it.
    body = "El portavoz Ned Price anunció que se celebrará una cumbre en Quito."
    assert all("Ned Price" not in actors for actors in actors_of(body, "kg:Summit", rules))


# ---- holders of an event said around it: a verb still to come, an adverb, negotiating teams ----


def test_the_subject_of_a_verb_to_come_holds_the_event(rules):
    body = "La cena de trabajo que Lula y Petro iban a compartir en Leticia se canceló."
    assert {"Luiz Inácio Lula da Silva", "Gustavo Petro"} in actors_of(body, "kg:Meeting", rules)


@pytest.mark.parametrize(("body", "cls", "actors"), [
    ("Chile y Perú acordaron además celebrar en Arica una nueva ronda de negociaciones.", "kg:NegotiationRound",
     {"Chile", "Perú"}),
    ("Ecuador y Colombia decidieron también mantener un encuentro en la frontera.", "kg:Meeting",
     {"Ecuador", "Colombia"}),
])
def test_an_adverb_between_agreeing_and_holding_keeps_the_holders(rules, body, cls, actors):
    assert actors in actors_of(body, cls, rules)


def test_the_negotiating_teams_are_the_sides_of_the_main_event(rules):
    body = ("Japón y Corea del Sur firmaron el lunes un acuerdo comercial. Los equipos negociadores retomarán las "
            "conversaciones en mayo.")
    assert {"Japón", "Corea del Sur"} in actors_of(body, "kg:Negotiation", rules)


def test_negotiating_teams_of_named_countries_are_theirs(rules):
    body = ("Japón y Corea del Sur firmaron el lunes un acuerdo comercial. Los equipos negociadores de Chile y Perú "
            "retomarán las conversaciones en mayo.")
    assert {"Chile", "Perú"} in actors_of(body, "kg:Negotiation", rules)


# ---- those who agree to meet, and those who lead a body that acts ----


def test_those_who_agree_to_meet_take_part_in_the_meeting(rules):
    body = ("El presidente colombiano, Gustavo Petro, y su homólogo ecuatoriano, Guillermo Lasso, hablaron por "
            "teléfono el lunes. Ambos presidentes quedaron en verse en un próximo encuentro en Quito.")
    assert any({"Gustavo Petro", "Guillermo Lasso"} <= actors for actors in actors_of(body, "kg:Meeting", rules))


@pytest.mark.parametrize(("body", "cls", "actors"), [
    ("La comisión mixta, encabezada por la canciller Laura Sarabia y el ministro Elmer Schialer, celebrará su "
     "primera reunión el 5 de abril.", "kg:Meeting", {"Laura Sarabia", "Elmer Schialer"}),
    ("La delegación peruana, presidida por el primer ministro Aníbal Torres, mantuvo el martes un encuentro con "
     "Petro.", "kg:Meeting", {"Aníbal Torres", "Gustavo Petro"}),
])
def test_who_leads_a_body_acts_with_it(rules, body, cls, actors):
    assert any(actors <= found for found in actors_of(body, cls, rules))


def test_one_who_only_criticises_a_body_does_not_lead_it(rules):
    body = "La comisión mixta, criticada por el ministro Elmer Schialer, celebrará su primera reunión en abril."
    assert all("Elmer Schialer" not in actors for actors in actors_of(body, "kg:Meeting", rules))


# ---- the third person of a present whose stem ends in -st ("asiste") is no second person of a preterite ----


@pytest.mark.parametrize(("lemma", "forms", "present", "dropped"), [
    ("asistir", {"asistir", "asiste", "asistió", "asististe", "asistí"}, "asiste", "asististe"),
    ("insistir", {"insistir", "insiste", "insistió", "insististe", "insistí"}, "insiste", "insististe"),
    ("pedir", {"pedir", "pide", "pidió", "pediste", "pedí"}, "pide", "pediste"),
    ("hablar", {"hablar", "habla", "habló", "hablaste", "hablé"}, "habla", "hablaste"),
])
def test_a_present_in_ste_is_kept_and_a_second_person_preterite_dropped(lemma, forms, present, dropped):
    assert tag_verb(lemma, forms)[present] == {"present"}
    assert _unused(lemma, forms) == {dropped}


def test_one_who_attends_in_the_present_takes_part(rules):
    body = ("El presidente del Consejo Europeo, Charles Michel, quien asiste a la cumbre del G20 en Bali, "
            "defendió el acuerdo.")
    assert any("Charles Michel" in actors for actors in actors_of(body, "kg:Summit", rules))


# ---- a subject said after the verb of a relative clause on the event ----


@pytest.mark.parametrize(("body", "actors"), [
    ("La reunión que mantuvieron el lunes la canciller colombiana, Laura Sarabia, y su homólogo peruano, Elmer "
     "Schialer, fue productiva.", {"Laura Sarabia", "Elmer Schialer"}),
    ("Petro viajó el martes a Quito. Fue su segundo encuentro con Lasso, tras el que mantuvieron en marzo la "
     "canciller colombiana, Laura Sarabia, y su homólogo ecuatoriano, Gustavo Manrique.",
     {"Laura Sarabia", "Gustavo Manrique"}),
])
def test_the_subject_after_the_verb_of_a_relative_clause_holds_the_event(rules, body, actors):
    assert actors in actors_of(body, "kg:Meeting", rules)


def test_a_relative_clause_with_no_subject_after_its_verb_names_no_one(rules):
    body = "La reunión que mantuvieron el lunes fue productiva, según Elmer Schialer."
    assert all("Elmer Schialer" not in actors for actors in actors_of(body, "kg:Meeting", rules))


@pytest.mark.parametrize(("body", "actors"), [
    # who attends, with a day or an adverb between the verb and the event
    ("El presidente de Chile, Gabriel Boric, participó este jueves en la cumbre de la Alianza del Pacífico.",
     {"Gabriel Boric", "Alianza del Pacífico"}),
    ("La presidenta de Perú, Dina Boluarte, asistirá también a la cumbre de Lima.", {"Dina Boluarte"}),
    # who does not attend takes no part
    ("La presidenta de Perú, Dina Boluarte, no asistirá mañana a la cumbre de Lima.", set()),
])
def test_who_attends_an_event_takes_part_in_it(rules, body, actors):
    assert actors_of(body, "kg:Summit", rules) == [actors]


@pytest.mark.parametrize(("body", "actors"), [
    # the party of a meeting told after "donde" is that meeting's, not the summit's
    ("El primer ministro de Canadá llegó el domingo a Lima para la cumbre, donde está previsto que se reúna con "
     "el presidente peruano.", set()),
    ("El primer ministro de Canadá llegó a Lima para la cumbre con Perú.", {"Perú"}),
])
def test_the_party_of_another_event_said_in_between_is_that_ones(rules, body, actors):
    assert actors_of(body, "kg:Summit", rules) == [actors]


# ---- who acts in a relative clause that tells what happened within the event ----


@pytest.mark.parametrize(("body", "cls", "actors"), [
    ("Quedan diez días para la cumbre en la que los líderes de la OTAN deben decidir sobre el ingreso de Suecia.",
     "kg:Summit", {"líderes de la OTAN"}),
    ("La reunión del martes, en la que el canciller chileno, Alberto van Klaveren, presentó su propuesta, duró "
     "tres horas.", "kg:Meeting", {"Alberto van Klaveren"}),
    ("Los cancilleres firmaron una declaración conjunta en la que Marruecos y Argelia se comprometen a reabrir la "
     "frontera.", "kg:Decision", {"Marruecos", "Argelia"}),
    ("La conferencia de Viena, durante la cual el lunes Irán presentó un borrador, terminó sin acuerdo.",
     "kg:Conference", {"Irán"}),
])
def test_who_acts_within_an_event_takes_part_in_it(rules, body, cls, actors):
    assert any(actors <= found for found in actors_of(body, cls, rules))


@pytest.mark.parametrize(("body", "cls"), [
    # Said impersonally, or with the verb first and no list after it: no one is named.
    ("La conferencia, en la que se aprobó una resolución sobre Siria, terminó el martes.", "kg:Conference"),
    ("La cumbre en la que se debatirá el ingreso de Suecia empieza el lunes en Madrid.", "kg:Summit"),
])
def test_a_relative_clause_within_an_event_with_no_subject_names_no_one(rules, body, cls):
    assert actors_of(body, cls, rules) == [set()]


# ---- the powers, a group that acts as one side ----


@pytest.mark.parametrize(("body", "cls", "actors"), [
    ("Irán y las seis potencias mundiales firmaron el lunes en Viena un acuerdo provisional.", "kg:Decision",
     {"Irán", "seis potencias mundiales"}),
    ("Las potencias occidentales y Rusia se reunirán el martes en Ginebra.", "kg:Meeting",
     {"potencias occidentales", "Rusia"}),
])
def test_the_powers_take_part_as_a_group(rules, body, cls, actors):
    assert actors in actors_of(body, cls, rules)


def test_the_powers_one_actor_is_said_to_be_among_take_no_part(rules):
    # Said after "de", the powers describe China; they are not the subject.
    assert actors_of("China, una de las grandes potencias, se reunió el lunes con Rusia.", "kg:Meeting",
                     rules) == [{"China", "Rusia"}]


# ---- who reaches or seals an agreement ----


@pytest.mark.parametrize(("body", "actors"), [
    ("Lula y Petro alcanzaron el lunes un acuerdo sobre la Amazonía.",
     {"Luiz Inácio Lula da Silva", "Gustavo Petro"}),
    ("Chile y Perú sellaron en Santiago un pacto de cooperación.", {"Chile", "Perú"}),
    ("El primer ministro japonés, Fumio Kishida, logró cerrar el sábado una declaración final de consenso.",
     {"Fumio Kishida"}),
    ("Chile y Perú consiguieron firmar el martes un acuerdo de límites.", {"Chile", "Perú"}),
])
def test_who_reaches_or_seals_an_agreement_takes_part(rules, body, actors):
    assert actors_of(body, "kg:Decision", rules) == [actors]


@pytest.mark.parametrize("body", [
    # "lograr que": someone else does it; "alcanzar a": reaching to do something else.
    "Boric logró que Lula y Petro firmaran el acuerdo sobre la Amazonía.",
    "Boric alcanzó a leer el acuerdo antes de la votación.",
])
def test_who_gets_others_to_agree_takes_no_part(rules, body):
    assert all("Gabriel Boric" not in actors for actors in actors_of(body, "kg:Decision", rules))


@pytest.mark.parametrize(("body", "actors"), [
    # the one whose visit it is, named by the title of the office held that day
    ("La visita del presidente chino a Brasil comenzará el lunes.", {"Xi Jinping", "Brasil"}),
    ("Los dos gobiernos preparan la primera visita oficial del mandatario ruso a Caracas.",
     {"Vladimir Putin"}),
])
def test_a_visit_of_someone_named_by_title_alone(rules, body, actors):
    assert actors_of(body, "kg:Visit", rules) == [actors]


# ---- who opens or closes an event, said by an infinitive on the main clause ----


@pytest.mark.parametrize(("body", "cls", "actors"), [
    ("Fue el presidente Joe Biden quien leyó, al abrir la conferencia, el texto conjunto.", "kg:Conference",
     {"Joe Biden"}),
    ("El rey de Marruecos, Mohamed VI, pidió paz al inaugurar la cumbre de Rabat.", "kg:Summit", {"Mohamed VI"}),
])
def test_who_opens_or_closes_an_event_takes_part(rules, body, cls, actors):
    assert actors_of(body, cls, rules) == [actors]


def test_the_object_of_the_verb_of_one_who_closes_an_event_takes_no_part_by_it(rules):
    found = actors_of("Biden criticó a Putin al clausurar la cumbre de Washington.", "kg:Summit", rules)
    assert found == [{"Joe Biden"}]


# ---- who mediates an event ----


@pytest.mark.parametrize(("body", "cls", "actor"), [
    ("Las conversaciones indirectas entre Armenia y Azerbaiyán, reanudadas a principios de mes con la mediación del "
     "enviado europeo, Toivo Klaar, avanzan.", "kg:Negotiation", "Toivo Klaar"),
    ("Israel y Egipto pactaron una tregua bajo la mediación de Catar.", "kg:Decision", "Catar"),
])
def test_who_mediates_an_event_takes_part(rules, body, cls, actor):
    assert any(actor in actors for actors in actors_of(body, cls, rules))


def test_a_mediation_named_apart_from_an_event_adds_no_one(rules):
    body = "La cumbre terminó el lunes. Según el ministro, la mediación de Catar fue clave."
    assert actors_of(body, "kg:Summit", rules) == [set()]
