"""Who is who: people introduced by titles and lists, and the titles, demonyms and surnames that refer back
to them later in an article. Dated by DATELINE (Thursday 10 March 2022) unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from tests.conftest import article, events, extract, labels, statements


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
    ("Pedro Sánchez inauguró el foro en Sevilla. El jefe del Ejecutivo aseguró que habrá más inversiones.",
     dated(5, "Julio", 2023), "Pedro Sánchez"),
    ("El rey de Suecia, Carlos Gustavo, recibió al enviado noruego. El monarca aseguró que apoyará la mediación.",
     None, "Carlos Gustavo"),
    # "el ministro" with a demonym: the foreign minister of that country named before.
    ("Albares recibió a su homólogo egipcio, Badr Abdelatty, en Madrid. El ministro egipcio afirmó que el canal "
     "es seguro.", dated(14, "Marzo", 2025), "Badr Abdelati"),
    # Nobody named before: the holder of the office on the day, by a seat of power or the one body that
    # has the office.
    ("El inquilino del Elíseo aseguró que Francia no enviará tropas.", dated(14, "Marzo", 2023),
     "Emmanuel Macron"),
    ("El pontífice afirmó que la paz es posible.", dated(14, "Marzo", 2023), "Francisco (papa)"),
    ("El Papa pidió que cesen los combates.", dated(14, "Marzo", 2012), "Benedicto XVI"),
    # The Spanish press writes Spain's king with a capital; a listed name may hold its title.
    ("El Rey aseguró que la visita fue un éxito.", dated(14, "Marzo", 2012), "Juan Carlos I"),
    ("El rey Juan Carlos recibió al emir de Catar. El monarca aseguró que la visita fue un éxito.",
     dated(14, "Marzo", 2012), "Juan Carlos I"),
])
def test_a_title_said_alone_refers_to_the_person_it_fits(rules, body, dateline, who):
    text = article(body, dateline) if dateline else article(body)
    assert speakers(text, rules)[-1] == {who}


def test_the_most_salient_person_of_the_paragraph_wins(rules):
    # Petro, named last and speaking last, is a president too.
    text = article("Lula anunció la cita en Recife. Lula precisó que el encuentro durará dos días. Según Lula, "
                   "Petro aseguró que la reunión será útil. El presidente añadió que la Amazonia centrará la cita.",
                   dated(14, "Abril", 2023))
    assert speakers(text, rules)[-1] == {"Luiz Inácio Lula da Silva"}


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


# ---- a counterpart said without a name: the holder abroad of the office of the one named before ----


@pytest.mark.parametrize(("body", "dateline", "who"), [
    ("Lavrov se reunió en Nueva Delhi con su homólogo brasileño.", dated(2, "Marzo", 2023), "Mauro Vieira"),
    ("El canciller ruso se reunió el jueves con su par argentino.", dated(2, "Marzo", 2023), "Santiago Cafiero"),
    ("Lula se reunió en Brasilia con su homólogo francés.", dated(14, "Marzo", 2023), "Emmanuel Macron"),
    # The office of the one named before: a secretary of State's counterpart is a foreign minister, a
    # prime minister's the head of government.
    ("John Kerry se reunió en Ginebra con su homólogo iraní.", dated(14, "Marzo", 2014), "Mohamad Javad Zarif"),
    ("Olaf Scholz se reunió en Berlín con su homólogo español.", dated(14, "Marzo", 2023), "Pedro Sánchez"),
    # The country said by its name, and a name after it that says who.
    ("Lavrov se reunió el jueves con su homólogo de Brasil.", dated(2, "Marzo", 2023), "Mauro Vieira"),
    ("Lavrov se reunió con su homóloga de Malaui, Nancy Tembo.", dated(2, "Marzo", 2023), "Nancy Tembo"),
    # "colega" says the same as "homólogo".
    ("Lavrov se reunió el jueves con su colega brasileño.", dated(2, "Marzo", 2023), "Mauro Vieira"),
    ("El canciller chino se reunió en Pekín con su colega ruso, Serguéi Lavrov.", dated(2, "Marzo", 2023),
     "Serguéi Lavrov"),
])
def test_a_counterpart_without_a_name_is_the_holder_of_the_same_office_abroad(rules, body, dateline, who):
    ex = extract(article(body, dateline), rules)
    [meeting] = events(ex, "kg:Meeting")
    assert who in labels(ex, meeting.actors.items)


@pytest.mark.parametrize(("body", "dateline"), [
    # Two people before it: whose counterpart is unsaid.
    ("Blinken se reunió con Lavrov y con su homólogo chino.", dated(14, "Marzo", 2023)),
    # The counterpart of one's own country, a word that is no demonym, and an undated article.
    ("Lavrov se reunió con su homólogo ruso.", dated(14, "Marzo", 2023)),
    ("Lavrov elogió a su homólogo saliente.", dated(14, "Marzo", 2023)),
    ("Lavrov se reunió con su homólogo de la Duma.", dated(14, "Marzo", 2023)),
    ("Lavrov se reunió con su homólogo brasileño.", None),
    # A colleague of one's party is no counterpart abroad.
    ("Lavrov se reunió con un colega de partido.", dated(14, "Marzo", 2023)),
])
def test_a_counterpart_whose_office_or_country_is_unsaid_names_no_one(rules, body, dateline):
    assert people(article(body, dateline), rules) <= {"Serguéi Lavrov", "Antony Blinken"}


# ---- plural titles: each person listed takes the title, and the country in the same place ----


def introduced(text: str, rules) -> dict[str, tuple[str | None, set[str]]]:
    """Return each person an article names: their title and the countries or bodies they lead or represent."""
    ex = extract(text, rules)
    return {e.label: (e.title, labels(ex, {t for links in e.links.values() for t in links.items}))
            for e in ex.entities.values() if e.cls == "schema:Person"}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Los presidentes de Polonia, Lituania y Letonia, Andrzej Duda, Gitanas Nausėda y Egils Levits, firmaron "
     "una declaración en Vilna.",
     {"Andrzej Duda": ("presidente", {"Polonia"}), "Gitanas Nausėda": ("presidente", {"Lituania"}),
      "Egils Levits": ("presidente", {"Letonia"})}),
    ("Los cancilleres de Chile, Alberto van Klaveren, y de Perú, Javier González-Olaechea, se reunieron en Lima.",
     {"Alberto van Klaveren": ("canciller", {"Chile"}), "Javier González-Olaechea": ("canciller", {"Perú"})}),
    ("Los presidentes de Ghana, Nana Akufo-Addo; de Kenia, William Ruto, y de Senegal, Macky Sall, llegaron a Accra.",
     {"Nana Akufo-Addo": ("presidente", {"Ghana"}), "William Ruto": ("presidente", {"Kenia"}),
      "Macky Sall": ("presidente", {"Senegal"})}),
    ("Los presidentes ruso y chino, Vladímir Putin y Xi Jinping, conversaron en Moscú.",
     {"Vladimir Putin": ("presidente", {"Rusia"}), "Xi Jinping": ("presidente", {"China"})}),
    ("Las ministras de Exteriores Annalena Baerbock y Catherine Colonna viajaron juntas a Kiev.",
     {"Annalena Baerbock": ("ministra de Exteriores", set()), "Catherine Colonna": ("ministra de Exteriores", set())}),
    ("Los cancilleres de ambas naciones, Nasser Bourita y José Manuel Albares, firmaron el acta.",
     {"Naser Burita": ("canciller", set()), "José Manuel Albares": ("canciller", set())}),
    # Three countries, two people: which one goes with which is not said.
    ("Los presidentes de Chile, Perú y Bolivia, Gabriel Boric y Dina Boluarte, llegaron a Arica.",
     {"Gabriel Boric": ("presidente", set()), "Dina Boluarte": ("presidente", set())}),
])
def test_a_plural_title_introduces_each_person_it_lists(rules, sentence, expected):
    assert introduced(article(sentence), rules) == expected


@pytest.mark.parametrize("sentence", [
    "Los presidentes de Colombia y Ecuador firmaron un acuerdo fronterizo en Quito.",
    "Los ministros de la UE, reunidos en Bruselas, aprobaron nuevas sanciones.",
    "Los cancilleres de Perú y Chile acordaron continuar el diálogo en Madrid.",
])
def test_a_plural_title_without_names_or_a_day_introduces_no_one(rules, sentence):
    assert introduced(article(sentence, None), rules) == {}


@pytest.mark.parametrize(("sentence", "dateline", "expected"), [
    # Countries without names: each one's holder of the office on the publication day.
    ("Los presidentes de Uruguay y Paraguay conversaron por teléfono sobre la hidrovía.", dated(8, "Mayo", 2023),
     {"Luis Lacalle Pou": ("presidente", {"Uruguay"}), "Mario Abdo Benítez": ("presidente", {"Paraguay"})}),
    ("Los cancilleres de Brasil y Argentina se reunieron en Montevideo.", dated(2, "Marzo", 2023),
     {"Mauro Vieira": ("canciller", {"Brasil"}), "Santiago Cafiero": ("canciller", {"Argentina"})}),
    ("Los presidentes ruso y chino se reunieron en Moscú.", dated(21, "Marzo", 2023),
     {"Vladimir Putin": ("presidente", {"Rusia"}), "Xi Jinping": ("presidente", {"China"})}),
    # A country without a known holder leaves them all countries; a body's office holders are its group.
    ("Los embajadores de Uruguay y Paraguay firmaron el acta.", dated(8, "Mayo", 2023), {}),
    ("Los ministros de la UE, reunidos en Bruselas, aprobaron nuevas sanciones.", dated(8, "Mayo", 2023), {}),
    # A title of any leader leaves unsaid whether the head of state or of government is meant.
    ("Los mandatarios de Francia y Alemania se reunieron en Berlín.", dated(8, "Mayo", 2023), {}),
    ("Los líderes de Italia y Austria se reunieron en Viena.", dated(8, "Mayo", 2023), {}),
])
def test_a_plural_title_with_countries_alone_introduces_their_office_holders(rules, sentence, dateline, expected):
    assert introduced(article(sentence, dateline), rules) == expected


def test_a_person_a_list_introduced_is_named_by_surname_later(rules):
    text = article("Los presidentes de Letonia y Estonia, Egils Levits y Alar Karis, llegaron a Riga. "
                   "Karis afirmó que la frontera está segura.")
    assert speakers(text, rules) == [{"Alar Karis"}]


# ---- how names are written ----


@pytest.mark.parametrize(("sentence", "name"), [
    ("El presidente francés, François Hollande, llegó a Bamako.", "François Hollande"),
    ("El viceministro turco de Comercio, Hakan Çelik, llegó a Bakú.", "Hakan Çelik"),
    ("El ministro norcoreano de Exteriores, Ri Son-gwon, llegó a Pekín.", "Ri Son-gwon"),
    # A rank before the name is no part of it; titles of envoys, mediators and deputies introduce too.
    ("El embajador del Vaticano, monseñor Bernardito Auza, llegó a Toledo.", "Bernardito Auza"),
    ("El enviado de la ONU, Martin Griffiths, llegó a Saná.", "Martin Griffiths"),
    ("El mediador Hans Grundberg llegó a Mascate.", "Hans Grundberg"),
    # The initial of a name ends no sentence.
    ("El presidente John F. Kennedy llegó a Berlín.", "John F. Kennedy"),
])
def test_names_in_any_latin_letters_with_initials_and_hyphens(rules, sentence, name):
    assert name in people(article(sentence), rules)


@pytest.mark.parametrize(("sentence", "name"), [
    # A title, an adjective of office or a demonym, then one surname no lexicon lists.
    ("La canciller Moreau afirmó que el plan sigue en pie.", "Moreau"),
    ("El asesor presidencial Hallett dijo que la cumbre será en mayo.", "Hallett"),
    ("El vicecanciller ruso Petrov aseguró que habrá respuesta.", "Petrov"),
    ("Al término, el portavoz Okonkwo aseguró que no hubo acuerdo.", "Okonkwo"),
])
def test_a_title_introduces_a_lone_surname(rules, sentence, name):
    ex = extract(article(sentence), rules)
    assert name in people(article(sentence), rules)
    assert any(name in labels(ex, said.actors.items) for said in statements(ex))


@pytest.mark.parametrize("sentence", [
    # A place, a body, a demonym or a word that opens a clause is no one's surname; a verb is no adjective.
    "El presidente visitará Guayaquil el lunes.",
    "La ministra Francia dijo que no.",
    "El líder Supremo aseguró que no habrá acuerdo.",
    "Lo dijo el ministro Hoy en la radio.",
    "El portavoz recordó Cartagena como ejemplo.",
    "El canciller Alemán habló ayer.",
])
def test_capitalised_words_after_a_title_that_are_no_surname(rules, sentence):
    assert people(article(sentence), rules) == set()


def test_a_country_after_a_name_is_no_part_of_it(rules):
    found = introduced(article("Según la prensa local, el presidente Tinubu de Nigeria viajará a Accra."), rules)
    assert found == {"Bola Tinubu": ("presidente", {"Nigeria"})}


def test_a_surname_followed_by_a_capitalised_word_is_someone_else(rules):
    text = article("Kim Yo-jong afirmó que Pyongyang no negociará.", dated(29, "Junio", 2021))
    assert "Kim Jong-un" not in people(text, rules)


def test_a_korean_name_is_named_later_by_its_first_word(rules):
    text = article("El viceministro norcoreano de Comercio, Pak Myong-ho, llegó a Moscú. Pak afirmó que la "
                   "visita fue útil.")
    assert speakers(text, rules) == [{"Pak Myong-ho"}]


# ---- who takes part: people said around the event they join ----


@pytest.mark.parametrize(("sentence", "cls", "joined"), [
    ("A la reunión acudieron los cancilleres de ambas naciones, Nasser Bourita y José Manuel Albares.",
     "kg:Meeting", {"Naser Burita", "José Manuel Albares"}),
    ("A la cumbre acudirá también el presidente de Ghana, Nana Akufo-Addo.", "kg:Summit", {"Nana Akufo-Addo"}),
    ("El acuerdo se firmó el martes en el salón de actos del palacio presidencial, en presencia del presidente "
     "de Ghana, Nana Akufo-Addo.", "kg:Decision", {"Nana Akufo-Addo"}),
    ("Macron asistió a la cumbre de Bruselas junto al canciller alemán, Olaf Scholz.", "kg:Summit",
     {"Emmanuel Macron", "Olaf Scholz"}),
    ("Pedro Sánchez llegó a Rabat acompañado por el ministro de Economía, Carlos Cuerpo.", "kg:Visit",
     {"Pedro Sánchez", "Carlos Cuerpo"}),
    ("El pacto fue firmado en Nairobi por los cancilleres de Kenia, Musalia Mudavadi, y de Etiopía, Taye "
     "Atske Selassie.", "kg:Decision", {"Musalia Mudavadi", "Taye Atske Selassie"}),
    ("Albares viajó a Rabat, donde fue recibido por el rey Mohamed VI.", "kg:Visit",
     {"José Manuel Albares", "Mohamed VI"}),
    ("A la cumbre acudieron también, junto a la anfitriona, la presidenta peruana Dina Boluarte y el "
     "boliviano Luis Arce, así como el canciller argentino Santiago Cafiero.",
     "kg:Summit", {"Dina Boluarte", "Luis Arce", "Santiago Cafiero"}),
    ("En las conversaciones de Mascate participaron el enviado de la ONU, Martin Griffiths, y el canciller "
     "omaní, Badr Albusaidi.", "kg:Negotiation", {"Martin Griffiths", "Badr Albusaidi"}),
    ("La conferencia de donantes fue presidida en Oslo por la primera ministra noruega, Erna Solberg.",
     "kg:Conference", {"Erna Solberg"}),
    # The one met, between the verb that holds the event and the event.
    ("Pence e Iván Duque mantuvieron con Guaidó una reunión a puerta cerrada.", "kg:Meeting",
     {"Mike Pence", "Iván Duque", "Juan Guaidó"}),
    # The antecedent of a relative pronoun.
    ("El primer ministro indio, Narendra Modi, que el lunes se había reunido con Biden, llegó a Tokio.",
     "kg:Meeting", {"Narendra Modi", "Joe Biden"}),
    # The one called.
    ("Biden telefoneó ayer al canciller alemán, Olaf Scholz.", "kg:PhoneCall", {"Joe Biden", "Olaf Scholz"}),
])
def test_those_said_to_join_an_event_take_part(rules, sentence, cls, joined):
    ex = extract(article(sentence), rules)
    assert any(joined <= labels(ex, f.actors.items) for f in ex.frames if f.cls == cls)


@pytest.mark.parametrize(("sentence", "cls", "outsider"), [
    ("El acuerdo fue criticado en Budapest por el primer ministro húngaro, Viktor Orbán.", "kg:Decision",
     "Viktor Orbán"),
    ("La cumbre terminó el martes; junto al palacio se manifestaron miles de personas con Greta Thunberg.",
     "kg:Summit", "Greta Thunberg"),
])
def test_those_said_near_an_event_without_joining_it_do_not_take_part(rules, sentence, cls, outsider):
    ex = extract(article(sentence), rules)
    assert all(outsider not in labels(ex, f.actors.items) for f in ex.frames if f.cls == cls)


def test_someone_who_joins_does_not_set_a_mention_apart_from_its_event(rules):
    ex = extract(article("Lavrov y Blinken se reunieron el lunes en Ginebra. La reunión se celebró en presencia "
                         "del enviado de la ONU, Martin Griffiths."), rules)
    [meeting] = [f for f in ex.frames if f.cls == "kg:Meeting"]
    assert labels(ex, meeting.actors.items) == {"Serguéi Lavrov", "Antony Blinken", "Martin Griffiths"}


# ---- groups and sides ----


def actors_of(sentence: str, cls: str, rules) -> list[set[str]]:
    """Return the actors of each event of a class in an article."""
    ex = extract(article(sentence), rules)
    return [labels(ex, f.actors.items) for f in ex.frames if f.cls == cls]


@pytest.mark.parametrize(("sentence", "cls", "actors"), [
    ("Armenios y azerbaiyanos retomaron las negociaciones en Washington.", "kg:Negotiation",
     {"Armenia", "Azerbaiyán"}),
    ("Las conversaciones entre rusos y ucranianos se reanudaron en Estambul.", "kg:Negotiation",
     {"Rusia", "Ucrania"}),
    ("Los líderes del G20 aprobaron una declaración en Roma.", "kg:Decision", {"líderes del G20"}),
    ("Los ministros de Defensa de la OTAN se reunieron en Vilna.", "kg:Meeting",
     {"ministros de Defensa de la OTAN"}),
    ("Los Veintisiete pactaron en Bruselas un plan migratorio.", "kg:Decision",
     {"Veintisiete (Estados miembros de la UE)"}),
    ("Maduro y la oposición venezolana retomaron las negociaciones en Barbados.", "kg:Negotiation",
     {"oposición venezolana"}),
])
def test_groups_and_sides_act(rules, sentence, cls, actors):
    assert any(actors <= found for found in actors_of(sentence, cls, rules))


def test_a_group_of_office_holders_is_a_member_of_its_body(rules):
    ex = extract(article("Los cancilleres de la OTAN se reunieron en Vilna."), rules)
    [group] = [e for e in ex.entities.values() if e.cls == "kg:ActorGroup"]
    assert labels(ex, group.links["member_of"].items) == {"Organización del Tratado del Atlántico Norte (OTAN)"}


@pytest.mark.parametrize(("sentence", "cls", "outsider"), [
    # A demonym after a noun qualifies it.
    ("Los soldados rusos se retiraron antes de la cumbre de Tiflis.", "kg:Summit", "Rusia"),
    ("La reunión trató de los aranceles a los productos chinos.", "kg:Meeting", "China"),
    # Opposing something is no opposition.
    ("La oposición a la reforma creció antes de la cumbre de Lima.", "kg:Summit", "oposición"),
    # A count of other things.
    ("Veintisiete personas asistieron a la cumbre de Bruselas.", "kg:Summit",
     "Veintisiete (Estados miembros de la UE)"),
])
def test_what_is_no_group_or_side(rules, sentence, cls, outsider):
    assert all(outsider not in actors for actors in actors_of(sentence, cls, rules))


@pytest.mark.parametrize(("body", "actors"), [
    ("Putin y Xi Jinping se reunieron en Pekín. Ambos países firmaron un acuerdo energético.", {"Rusia", "China"}),
    ("El canciller ruso, Serguéi Lavrov, y su homólogo turco, Mevlut Cavusoglu, se reunieron en Antalya. "
     "Ambas partes pactaron crear un grupo de trabajo.", {"Rusia", "Turquía"}),
])
def test_both_countries_and_both_sides_are_those_of_the_main_event(rules, body, actors):
    ex = extract(article(body), rules)
    [decision] = [f for f in ex.frames if f.cls == "kg:Decision"]
    assert labels(ex, decision.actors.items) == actors


def test_a_demonym_in_a_list_of_people_introduces_the_next_one(rules):
    found = introduced(article("Llegaron el presidente peruano, Pedro Castillo, y el chileno Gabriel Boric."), rules)
    assert found["Gabriel Boric"] == (None, {"Chile"})


@pytest.mark.parametrize("sentence", [
    # Not in a list of people: a company or a newspaper.
    "La estadounidense General Motors cerró dos plantas.",
    "Según el británico Financial Times, la cumbre fracasó.",
])
def test_a_demonym_before_a_name_out_of_a_list_introduces_no_one(rules, sentence):
    assert introduced(article(sentence), rules) == {}


def test_a_plural_title_said_alone_is_the_people_a_list_introduced(rules):
    ex = extract(article("Los cancilleres de Chile y Perú, Alberto van Klaveren y Javier González-Olaechea, "
                         "llegaron a Lima. Los ministros mantuvieron una reunión en el Palacio de Torre Tagle."),
                 rules)
    [meeting] = [f for f in ex.frames if f.cls == "kg:Meeting"]
    assert labels(ex, meeting.actors.items) == {"Alberto van Klaveren", "Javier González-Olaechea"}


def test_a_plural_title_said_alone_without_a_list_names_no_one(rules):
    ex = extract(article("Los ministros mantuvieron una reunión en Lima."), rules)
    [meeting] = [f for f in ex.frames if f.cls == "kg:Meeting"]
    assert meeting.actors.items == {}


# ---- people no title introduces: a given name begins their name ----


@pytest.mark.parametrize(("body", "who"), [
    ("Mohamed Salem, que encabeza la delegación saharaui, llegó a Ginebra. Salem aseguró que habrá acuerdo.",
     "Mohamed Salem"),
    ("Ayer Ingrid Solberg llegó a Oslo. Solberg afirmó que la mediación sigue en pie.", "Ingrid Solberg"),
])
def test_a_name_that_begins_with_a_given_name_is_a_person_named_later_by_surname(rules, body, who):
    assert speakers(article(body), rules) == [{who}]


def test_people_no_title_introduces_take_part(rules):
    [actors] = actors_of("A la reunión asistieron también Lena Berg y Tomas Wik.", "kg:Meeting", rules)
    assert actors == {"Lena Berg", "Tomas Wik"}


@pytest.mark.parametrize("sentence", [
    # Things named after people, places whose names begin with a saint's, listed places.
    "El hotel María Cristina acogió la cumbre.",
    "La manifestación recorrió la avenida Eva Perón.",
    "La delegación aterrizó en San Pedro Sula.",
    "El foro de inversiones de América Latina se inauguró en Lisboa.",
])
def test_capitalised_words_that_name_no_one(rules, sentence):
    assert people(article(sentence), rules) == set()


def test_the_shipped_given_names_file_is_what_the_script_writes():
    # Without Faker: a header naming the source, the names it keeps, sorted.
    from kg.extract.names import check
    from kg.extract.rules import RULES_DIR
    assert check(RULES_DIR) == []


def test_the_shipped_given_names_file_is_what_faker_gives():
    # With the `names` extra installed: byte for byte what `python -m kg.extract.names` writes.
    pytest.importorskip("faker")
    from importlib.metadata import version

    from kg.extract.names import provider_names, render, select
    from kg.extract.rules import GIVEN_NAMES_FILE, RULES_DIR
    assert (RULES_DIR / GIVEN_NAMES_FILE).read_text(encoding="utf-8") == render(select(provider_names()),
                                                                                version("Faker"))


def test_check_names_a_stale_given_names_file(tmp_path):
    from kg.extract.names import check
    from kg.extract.rules import GIVEN_NAMES_FILE, RULES_DIR
    lines = (RULES_DIR / GIVEN_NAMES_FILE).read_text(encoding="utf-8").splitlines()
    (tmp_path / GIVEN_NAMES_FILE).write_text("\n".join([lines[0], "El", *lines[1:]]) + "\n", encoding="utf-8")
    assert check(tmp_path) == [f"{GIVEN_NAMES_FILE}: not what `python -m kg.extract.names` writes (header, names or order "
                               "differ)"]


def test_a_number_of_leaders_is_as_many_people_of_the_main_event(rules):
    ex = extract(article("Lula, Petro, Boric y Arce se reunieron en Brasilia. Los cuatro presidentes firmaron "
                         "un acta común."), rules)
    [decision] = [f for f in ex.frames if f.cls == "kg:Decision"]
    assert labels(ex, decision.actors.items) == {"Luiz Inácio Lula da Silva", "Gustavo Petro", "Gabriel Boric",
                                                 "Luis Arce"}


def test_the_subject_of_a_subjunctive_that_holds_an_event_takes_part(rules):
    ex = extract(article("La firma se aplazó hasta después de que Lula y Petro celebraran un encuentro privado."),
                 rules)
    [meeting] = [f for f in ex.frames if f.cls == "kg:Meeting"]
    assert labels(ex, meeting.actors.items) == {"Luiz Inácio Lula da Silva", "Gustavo Petro"}


def test_a_spanish_name_is_named_later_by_its_first_surname(rules):
    text = article("Andrés Gómez Lara llegó a Quito. Gómez aseguró que la negociación está cerca.")
    assert speakers(text, rules) == [{"Andrés Gómez Lara"}]


def test_a_listed_place_after_a_title_leaves_the_title_said_alone(rules):
    text = article("Trump llegó a Tokio. En cambio, afirmó el presidente, Moscú no cederá en Ucrania.",
                   dated(28, "Febrero", 2019))
    assert speakers(text, rules) == [{"Donald Trump"}]


def test_a_title_said_with_no_country_names_only_someone_named_lately(rules):
    text = article("Lula llegó a Lima el lunes. La ciudad amaneció nublada. Los mercados abrieron con calma. "
                   "El tráfico fue escaso. El presidente dijo que la situación es grave.", dated(14, "Abril", 2023))
    assert all("Luiz Inácio Lula da Silva" not in who for who in speakers(text, rules))
    text = article("Lula llegó a Lima el lunes. El presidente dijo que la situación es grave.", dated(14, "Abril", 2023))
    assert speakers(text, rules) == [{"Luiz Inácio Lula da Silva"}]


# ---- who takes part: verbs that hold an event, heads that let their complement through, copies ----


@pytest.mark.parametrize(("sentence", "cls", "actors"), [
    # A verb that holds the event may also be a reporting verb ("sostener"): it opens no clause of its own.
    ("La presidenta de Honduras, Xiomara Castro, y el primer ministro de Portugal, António Costa, sostuvieron "
     "ayer conversaciones en Lisboa.", "kg:Negotiation", {"Xiomara Castro", "António Costa"}),
    ("Boric y Arce sostuvieron el martes una reunión en Arica.", "kg:Meeting", {"Gabriel Boric", "Luis Arce"}),
    # A head ending in "del" lets its complement through as well as one ending in "de".
    ("Los negociadores del Mercosur celebraron en Bruselas una nueva ronda de conversaciones.",
     "kg:NegotiationRound", {"Mercado Común del Sur (Mercosur)"}),
    ("Los representantes del Gobierno colombiano celebraron en Oslo una ronda de negociaciones.",
     "kg:NegotiationRound", {"Gobierno de Colombia"}),
])
def test_the_subject_of_a_verb_that_holds_an_event_takes_part(rules, sentence, cls, actors):
    assert actors in actors_of(sentence, cls, rules)


@pytest.mark.parametrize(("sentence", "cls", "actors"), [
    # The subject of a relative clause whose verb holds, leads or makes the event.
    ("La ronda de conversaciones que Armenia y Azerbaiyán mantuvieron en Washington terminó sin acuerdo.",
     "kg:NegotiationRound", {"Armenia", "Azerbaiyán"}),
    ("La visita de Estado que el rey Felipe VI hará del 12 al 14 de mayo a Suecia fue anunciada ayer.",
     "kg:Visit", {"Felipe VI"}),
    ("La cumbre sobre el clima, que Lula presidirá en Belém, reunirá a cuarenta países.", "kg:Summit",
     {"Luiz Inácio Lula da Silva"}),
    ("Petro y Boric llegaron a Lima. La reunión que los dos presidentes celebraron ayer en el palacio duró dos "
     "horas.", "kg:Meeting", {"Gustavo Petro", "Gabriel Boric"}),
    # A verb that makes or shares the event.
    ("Boric hizo una visita relámpago a Lima.", "kg:Visit", {"Gabriel Boric"}),
    ("Petro y Boric compartieron un almuerzo en Bogotá.", "kg:Meeting", {"Gustavo Petro", "Gabriel Boric"}),
])
def test_the_subject_of_a_relative_clause_that_holds_an_event_takes_part(rules, sentence, cls, actors):
    assert actors in actors_of(sentence, cls, rules)


@pytest.mark.parametrize(("sentence", "cls", "actors"), [
    # A verb that moves or calls off the event, in the present of a headline too.
    ("Bolivia y Chile retrasan una semana la cumbre de Arica.", "kg:Summit", {"Bolivia", "Chile"}),
    ("Petro suspendió el lunes la reunión con los gremios.", "kg:Meeting", {"Gustavo Petro"}),
    # A verb that settles or plans to hold it, before the infinitive that does.
    ("Rusia y Ucrania han acordado aplazar una semana la tercera ronda de negociaciones.", "kg:NegotiationRound",
     {"Rusia", "Ucrania"}),
    ("Lula y Petro decidieron celebrar en Manaos una cumbre amazónica.", "kg:Summit",
     {"Luiz Inácio Lula da Silva", "Gustavo Petro"}),
    ("El portavoz aseguró que Lula y Petro tienen previsto mantener un encuentro en Leticia.", "kg:Meeting",
     {"Luiz Inácio Lula da Silva", "Gustavo Petro"}),
])
def test_the_subject_of_a_verb_that_moves_or_plans_an_event_takes_part(rules, sentence, cls, actors):
    assert actors in actors_of(sentence, cls, rules)


@pytest.mark.parametrize(("sentence", "cls", "actors"), [
    # A possessive past a span of time or an ordinal names who holds the event.
    ("El enviado de la ONU, Martin Griffiths, concluyó el martes sus tres días de conversaciones con los "
     "rebeldes.", "kg:Negotiation", {"Martin Griffiths"}),
    ("Lula defendió en Brasilia su primera cumbre con los países amazónicos.", "kg:Summit",
     {"Luiz Inácio Lula da Silva"}),
])
def test_the_subject_of_a_possessive_event_takes_part(rules, sentence, cls, actors):
    assert actors in actors_of(sentence, cls, rules)


def test_a_possessive_of_something_else_names_no_participant(rules):
    assert actors_of("Lula criticó su informe sobre la cumbre de Belém.", "kg:Summit", rules) == [set()]


@pytest.mark.parametrize(("sentence", "cls", "actors"), [
    # A span of time of an event that opens the sentence: the main clause's subject held it.
    ("Tras ocho horas de negociaciones en Viena, Irán y el Grupo 5+1 anunciaron un acuerdo.", "kg:Negotiation",
     {"Irán", "Grupo 5+1"}),
    ("Después de una noche entera de conversaciones, iniciadas el martes, los presidentes de Chile y Perú "
     "firmaron el acta.", "kg:Negotiation", {"Sebastián Piñera", "Pedro Castillo"}),
    # The close of an event opens the sentence: who speaks or acts then was in it.
    ("Al término de la segunda ronda, celebrada del 2 al 4 de marzo, Lavrov lamentó la falta de avances.",
     "kg:NegotiationRound", {"Serguéi Lavrov"}),
    ("Al cierre de la cumbre de Lima, el presidente chileno, Gabriel Boric, pidió más ayuda para Haití.",
     "kg:Summit", {"Gabriel Boric"}),
    # A group lists its members in brackets; what it is called may stand before its name.
    ("El llamado Cuarteto de Oriente Medio (EEUU, UE, ONU y Rusia) celebró una reunión en Roma.", "kg:Meeting",
     {"Cuarteto para Oriente Próximo", "Estados Unidos", "Unión Europea", "Organización de las Naciones Unidas",
      "Rusia"}),
    ("Irán y el P5+1 (Estados Unidos, Rusia, China, Francia, Reino Unido y Alemania) retomaron las negociaciones "
     "en Viena.", "kg:Negotiation", {"Irán", "Grupo 5+1", "Estados Unidos", "Rusia", "China", "Francia",
                                      "Reino Unido", "Alemania"}),
])
def test_who_opens_or_lists_the_parties_of_an_event_takes_part(rules, sentence, cls, actors):
    assert actors in actors_of(sentence, cls, rules)


@pytest.mark.parametrize(("sentence", "cls", "outsider"), [
    # "Tras" an event without a span of time only dates what follows.
    ("Tras la cumbre de la OTAN, Rusia anunció maniobras.", "kg:Summit", "Rusia"),
    # The close of an event dates what follows a sentence whose opening it is not.
    ("Rusia anunció maniobras al término de la cumbre de la OTAN.", "kg:Summit", "Rusia"),
    # Brackets after a person say something of them, not members.
    ("Lula se reunió en Leticia con Gustavo Petro (Colombia, Pacto Histórico).", "kg:Meeting", "Colombia"),
])
def test_what_neither_opens_nor_lists_the_parties_of_an_event_takes_no_part(rules, sentence, cls, outsider):
    assert all(outsider not in actors for actors in actors_of(sentence, cls, rules))


@pytest.mark.parametrize(("sentence", "actors"), [
    # The country a visit goes to is its host.
    ("Boric realizará la próxima semana una visita oficial a Vietnam.", {"Gabriel Boric", "Vietnam"}),
    ("Petro viajó el lunes a Chile para reunirse con Boric.", {"Gustavo Petro", "Chile"}),
    # A city is only the visit's place; a visit with no visitor gets no host.
    ("Petro viajó el lunes a Lima.", {"Gustavo Petro"}),
    ("La visita a Vietnam quedó aplazada.", set()),
])
def test_the_country_a_visit_goes_to_is_its_host(rules, sentence, actors):
    assert actors_of(sentence, "kg:Visit", rules) == [actors]


@pytest.mark.parametrize(("sentence", "cls", "outsider"), [
    # A verb of another kind before the infinitive, or no subject in the clause.
    ("Petro decidió criticar la cumbre de Lima.", "kg:Summit", "Gustavo Petro"),
    ("Maduro dijo que la cumbre de Caracas se aplaza.", "kg:Summit", "Nicolás Maduro"),
    # The relative clause has a verb of its own; the verb that holds the event is the main clause's.
    ("La cumbre que criticó Boric se celebró en Lima.", "kg:Summit", "Gabriel Boric"),
    ("La reunión que tanto irritó a Petro se celebró en Quito.", "kg:Meeting", "Gustavo Petro"),
    # Speaking of an event is no part in it.
    ("Boric hizo referencia a la cumbre de Lima.", "kg:Summit", "Gabriel Boric"),
])
def test_the_subject_of_another_verb_near_an_event_takes_no_part(rules, sentence, cls, outsider):
    assert all(outsider not in actors for actors in actors_of(sentence, cls, rules))


def test_a_reporting_verb_before_an_event_in_what_is_said_gives_it_no_participant(rules):
    # "sostuvo que las conversaciones…": the event is in what is said, the speaker takes no part in it.
    assert all("Serguéi Lavrov" not in actors for actors in
               actors_of("Lavrov sostuvo que las conversaciones con Irán fracasaron.", "kg:Negotiation", rules))


def test_an_occurrence_that_copies_an_event_carries_its_participants(rules):
    found = actors_of("Lula y Petro se reunieron el lunes en Leticia. Fue su tercera reunión del año, tras las de "
                      "Bogotá, en enero, y Brasilia, en marzo.", "kg:Meeting", rules)
    assert found == [{"Luiz Inácio Lula da Silva", "Gustavo Petro"}] * 3


def test_an_occurrence_of_an_event_without_participants_gets_none(rules):
    found = actors_of("La reunión se celebró el lunes en Leticia, tras las de Bogotá, en enero, y Brasilia, en marzo.",
                      "kg:Meeting", rules)
    assert found == [set()] * 3


# ---- who takes part: lists of those who attend, in the sentence of the event or the next one ----


@pytest.mark.parametrize(("body", "cls", "joined"), [
    # The items of a list of those who attend may name a delegation and who heads it, and go on after a colon.
    ("En la cumbre de Quito participaron la delegación del Gobierno peruano, encabezada por el canciller Javier "
     "González-Olaechea; la delegación boliviana, dirigida por la ministra Celinda Sosa, y los observadores: el "
     "enviado de la OEA, Luis Almagro.", "kg:Summit",
     {"Gobierno de Perú", "Javier González-Olaechea", "Celinda Sosa", "Luis Almagro"}),
    # An aside between the verb and the list.
    ("A la reunión acudieron, pese a las amenazas, el presidente de Chile, Gabriel Boric, y la presidenta de "
     "Honduras, Xiomara Castro.", "kg:Meeting", {"Gabriel Boric", "Xiomara Castro"}),
    # A verb of attendance that opens the sentence after the one that tells the event.
    ("Los presidentes de la región se reunieron el martes en Quito. Participaron, además del anfitrión, Gabriel "
     "Boric, Luis Arce y Dina Boluarte.", "kg:Meeting", {"Gabriel Boric", "Luis Arce", "Dina Boluarte"}),
    # Among those present.
    ("La conferencia de donantes reunió a cuarenta delegaciones en Oslo. Entre los asistentes figuraban el enviado "
     "de la ONU, Martin Griffiths, y la comisaria europea Jutta Urpilainen.", "kg:Conference",
     {"Martin Griffiths", "Jutta Urpilainen"}),
    ("Entre los invitados a la cena de gala se encontraba el rey Felipe VI.", "kg:Meeting", {"Felipe VI"}),
    # One who attends in some capacity, the event named before.
    ("Los cancilleres de la Alianza del Pacífico se reunieron en Lima. El embajador de Japón, Kenji Harada, "
     "asistió como observador.", "kg:Meeting", {"Kenji Harada"}),
    # Whoever goes with them, after "junto a".
    ("Pedro Sánchez visitó Rabat junto al ministro José Manuel Albares y la ministra Teresa Ribera.", "kg:Visit",
     {"Pedro Sánchez", "José Manuel Albares", "Teresa Ribera"}),
])
def test_those_listed_as_attending_take_part(rules, body, cls, joined):
    assert any(joined <= actors for actors in actors_of(body, cls, rules))


@pytest.mark.parametrize(("body", "cls", "outsider"), [
    # Another paragraph tells something else.
    ("Los presidentes de la región se reunieron el martes en Quito.\n\nParticiparon también Gabriel Boric y "
     "Luis Arce en la marcha del domingo.", "kg:Meeting", "Gabriel Boric"),
    # A sentence in between.
    ("Los presidentes de la región se reunieron el martes en Quito. La ciudad amaneció lluviosa. Entre los "
     "asistentes estaba Gabriel Boric.", "kg:Meeting", "Gabriel Boric"),
    # The capacity of one who attends another event.
    ("Los cancilleres de la Alianza del Pacífico se reunieron en Lima. El embajador de Japón, Kenji Harada, "
     "asistió como observador a la cumbre de Tokio.", "kg:Meeting", "Kenji Harada"),
])
def test_those_listed_as_attending_something_else_do_not_take_part(rules, body, cls, outsider):
    assert all(outsider not in actors for actors in actors_of(body, cls, rules))


# ---- who takes part: verbs that bring people together ----


@pytest.mark.parametrize(("sentence", "cls", "actors"), [
    # Who invites and those invited, to the event named after them.
    ("El presidente Joe Biden invitó el miércoles al primer ministro israelí, Benjamín Netanyahu, y al presidente "
     "egipcio, Abdelfatah al Sisi, a una cumbre en Washington.", "kg:Summit",
     {"Joe Biden", "Benjamín Netanyahu", "Abdelfatah al Sisi"}),
    ("Chile, Perú y Colombia convocan a una reunión extraordinaria el próximo lunes en Lima.", "kg:Meeting",
     {"Chile", "Perú", "Colombia"}),
    ("Albares citó ayer a los cancilleres de Francia y Alemania a una reunión en Madrid.", "kg:Meeting",
     {"José Manuel Albares", "Jean-Yves Le Drian", "Annalena Baerbock"}),
    # The event that brings them together.
    ("La cumbre que reunió a los presidentes de Chile y Perú, Gabriel Boric y Dina Boluarte, terminó sin acuerdo.",
     "kg:Summit", {"Gabriel Boric", "Dina Boluarte"}),
    ("La cita de Brasilia congregó a Lula, Petro y Arce.", "kg:Meeting",
     {"Luiz Inácio Lula da Silva", "Gustavo Petro", "Luis Arce"}),
    ("La conferencia de Oslo, que reunió ayer a representantes de la Unión Europea y de la Unión Africana, terminó "
     "sin acuerdo.", "kg:Conference", {"Unión Europea", "Unión Africana"}),
])
def test_who_brings_people_together_and_those_brought_take_part(rules, sentence, cls, actors):
    assert actors in actors_of(sentence, cls, rules)


@pytest.mark.parametrize(("sentence", "cls"), [
    # Brought to something that is no event, or together after the event, by someone else.
    ("Lula invitó a Petro a cenar. La cumbre de Brasilia terminó sin acuerdo.", "kg:Summit"),
    ("La cumbre terminó y Lula reunió a Petro en su despacho.", "kg:Summit"),
])
def test_those_brought_together_elsewhere_take_no_part(rules, sentence, cls):
    assert actors_of(sentence, cls, rules) == [set()]


def test_those_brought_together_in_their_own_meeting_within_an_event_are_not_brought_to_it(rules):
    # Lula acts within the summit; the meeting he holds in his hotel does not bring Petro and Boric to it.
    sentence = "La cumbre de Lima, en la que Lula reunió a Petro y Boric en su hotel, terminó sin acuerdo."
    assert actors_of(sentence, "kg:Summit", rules) == [{"Luiz Inácio Lula da Silva"}]


# ---- names said again, and given names before a listed surname ----


@pytest.mark.parametrize("body", [
    "El ministro de Exteriores, Ri Son-gwon, llegó a Pekín. A la reunión asistieron Ri Son-gwon y Lena Berg.",
    # Said before the title introduces the name.
    "A la reunión asistieron Ri Son-gwon y Lena Berg. El ministro de Exteriores, Ri Son-gwon, llegó el lunes.",
])
def test_a_whole_name_said_again_is_not_cut_at_its_surname(rules, body):
    assert actors_of(body, "kg:Meeting", rules) == [{"Ri Son-gwon", "Lena Berg"}]


@pytest.mark.parametrize(("sentence", "who"), [
    # Another spelling of a listed person's given name.
    ("La cumbre de Minsk reunió a Piotr Poroshenko y Angela Merkel.", {"Petró Poroshenko", "Angela Merkel"}),
    # A given name that is none of the listed person's: someone else of that surname.
    ("Michelle Obama y Chelsea Clinton asistieron a la cumbre de Lima.", {"Michelle Obama", "Chelsea Clinton"}),
])
def test_a_given_name_before_a_listed_surname(rules, sentence, who):
    assert actors_of(sentence, "kg:Summit", rules) == [who]


@pytest.mark.parametrize(("sentence", "who"), [
    ("El vicecanciller Kim Son-gyong se reunió en Ammán con el enviado especial.", "Kim Son-gyong"),
    ("La vicecancillera surcoreana, Kang Se-rin, se reunió con el embajador en Quito.", "Kang Se-rin"),
])
def test_a_deputy_foreign_minister_by_title(rules, sentence, who):
    assert who in actors_of(sentence, "kg:Meeting", rules)[0]


@pytest.mark.parametrize(("sentence", "who"), [
    # the portfolio said after the demonym
    ("El ministro ruso de Exteriores y el ministro ucraniano de Exteriores se reunieron en Antalya.",
     {"Serguéi Lavrov", "Dmitro Kuleba"}),
    ("La ministra española de Asuntos Exteriores se reunió con Blinken.", {"José Manuel Albares", "Antony Blinken"}),
    # a portfolio no office has names no one
    ("El ministro ruso de Finanzas se reunió con Blinken.", {"Antony Blinken"}),
])
def test_a_title_with_its_portfolio_after_the_demonym(rules, sentence, who):
    assert actors_of(sentence, "kg:Meeting", rules) == [who]


@pytest.mark.parametrize(("sentence", "absent"), [
    ("Boric no asistirá a la cumbre de la CELAC en Tegucigalpa.", "Gabriel Boric"),
    ("Orbán tampoco participará en la cumbre de la OTAN.", "Viktor Orbán"),
])
def test_who_does_not_attend_takes_no_part(rules, sentence, absent):
    [who] = actors_of(sentence, "kg:Summit", rules)
    assert absent not in who


# ---- who takes part: pairs and pronouns that refer back to people named before ----


@pytest.mark.parametrize(("body", "cls", "actors"), [
    # A pair after "entre" or "con" holds its determiner.
    ("Petro y Boric llegaron el lunes a Bogotá. La visita se había fijado en una conversación telefónica entre "
     "los dos presidentes.", "kg:PhoneCall", {"Gustavo Petro", "Gabriel Boric"}),
    ("El canciller chileno, Alberto van Klaveren, y su homólogo peruano, Javier González-Olaechea, firmaron el "
     "acta. El texto se cerró en una reunión entre los dos cancilleres.", "kg:Meeting",
     {"Alberto van Klaveren", "Javier González-Olaechea"}),
])
def test_a_pair_refers_to_the_people_named_before(rules, body, cls, actors):
    assert actors in actors_of(body, cls, rules)


@pytest.mark.parametrize(("body", "actors"), [
    # The main event's people are ministers: the monarchs named after them are the pair.
    ("El ministro de Exteriores, José Manuel Albares, y su homólogo sueco, Tobias Billström, se reunieron en "
     "Madrid. Al día siguiente, el rey Felipe VI recibió al rey Carlos Gustavo. Los dos monarcas firmaron una "
     "declaración conjunta.", {"Felipe VI", "Carlos Gustavo"}),
    ("Los ministros de Exteriores de Chile y Perú, Alberto van Klaveren y Javier González-Olaechea, se reunieron "
     "en Lima con los presidentes Gabriel Boric y Dina Boluarte. Los dos presidentes firmaron una declaración "
     "conjunta.", {"Gabriel Boric", "Dina Boluarte"}),
])
def test_a_pair_refers_only_to_people_who_may_hold_its_office(rules, body, actors):
    assert actors_of(body, "kg:Decision", rules) == [actors]


def test_a_pair_whose_office_no_one_named_holds_names_no_one(rules):
    body = ("El canciller chileno, Alberto van Klaveren, y su homólogo peruano, Javier González-Olaechea, se "
            "reunieron en Lima. Los dos presidentes firmaron una declaración conjunta.")
    assert actors_of(body, "kg:Decision", rules) == [set()]


@pytest.mark.parametrize(("body", "actors"), [
    # A title said alone after "con" holds its determiner too.
    ("El rey Felipe VI cumplió 56 años el domingo. Petro se reunió el lunes con el monarca en Bogotá.",
     {"Felipe VI", "Gustavo Petro"}),
    # Those who attend, after a relative clause that opens with "al".
    ("Boric se reunió con Petro en Bogotá, en un encuentro al que asistieron el canciller colombiano, Álvaro "
     "Leyva, y su homólogo chileno, Alberto van Klaveren.",
     {"Gabriel Boric", "Gustavo Petro", "Álvaro Leyva", "Alberto van Klaveren"}),
])
def test_references_and_attendance_lists_take_part_in_a_meeting(rules, body, actors):
    assert actors_of(body, "kg:Meeting", rules) == [actors]


@pytest.mark.parametrize(("body", "actors"), [
    # A relative clause whose verb is plural stands for the pair it closes; a singular one for the last name.
    ("El acta fue firmada por la canciller colombiana, Laura Sarabia, y su homólogo peruano, Elmer Schialer, "
     "que conversaron durante dos horas en Lima.", {"Laura Sarabia", "Elmer Schialer"}),
    ("El acta fue firmada por Petro y el presidente chileno, Gabriel Boric, que se reunió después con Lula.",
     {"Gabriel Boric", "Luiz Inácio Lula da Silva"}),
    # The preposition of the pair said again before its second member.
    ("El acta fue firmada por la canciller colombiana, Laura Sarabia, y por su homólogo peruano, Elmer "
     "Schialer, que conversaron durante dos horas en Lima.", {"Laura Sarabia", "Elmer Schialer"}),
    ("Los preparativos corrieron a cargo de la canciller colombiana, Laura Sarabia, y del ministro peruano, "
     "Elmer Schialer, que se reunieron dos veces en Lima.", {"Laura Sarabia", "Elmer Schialer"}),
])
def test_a_relative_pronoun_stands_for_as_many_as_its_verb_says(rules, body, actors):
    assert actors in actors_of(body, "kg:Meeting", rules)


@pytest.mark.parametrize(("sentence", "cls", "actors"), [
    ("Los presidentes Lula y Petro acordaron el sábado, en una reunión de una hora, reanudar el diálogo.",
     "kg:Meeting", {"Luiz Inácio Lula da Silva", "Gustavo Petro"}),
    # An event told by its definite article, past an ordinal: the act was done in it too.
    ("Chile y Bolivia acordaron el 3 de febrero, en la primera sesión de negociación, un calendario de rondas.",
     "kg:NegotiationRound", {"Chile", "Bolivia"}),
    ("Los cancilleres de Chile y Perú, Alberto van Klaveren y Javier González-Olaechea, pactaron en el último "
     "encuentro un plan de trabajo.", "kg:Meeting", {"Alberto van Klaveren", "Javier González-Olaechea"}),
])
def test_the_subject_of_an_act_done_in_an_event_takes_part_in_it(rules, sentence, cls, actors):
    assert actors in actors_of(sentence, cls, rules)


def test_what_is_said_while_an_event_is_held_is_not_said_in_it(rules):
    # "durante la cumbre" tells when, not where: the speaker may be far from it.
    found = actors_of("Putin afirmó durante la cumbre de la OTAN que Rusia no teme a la Alianza.", "kg:Summit", rules)
    assert all("Vladimir Putin" not in actors for actors in found)


def test_an_act_whose_verb_no_rule_knows_gives_its_circumstance_no_participant(rules):
    # "bombardeó" is no verb the rules know: Kiev, its object, is no subject.
    found = actors_of("Rusia bombardeó Kiev durante una reunión del Consejo de Seguridad.", "kg:Meeting", rules)
    assert all("Rusia" not in actors and "Ucrania" not in actors for actors in found)


def test_a_pair_with_no_one_named_before_names_no_one(rules):
    assert actors_of("Hubo una conversación telefónica entre los dos presidentes.", "kg:PhoneCall", rules) == [set()]


def test_a_title_refers_to_the_person_of_its_country_named_long_before(rules):
    # A thousand sentences and more later the person weighs nothing, yet is still the one whose title fits.
    filler = " ".join(f"La sesión número {n} terminó sin novedad." for n in range(1, 1200))
    text = article(f"El presidente ruso, Iván Petrovski, llegó el lunes a Lusaka. {filler} "
                   "El mandatario ruso aseguró que la frontera seguirá abierta.")
    assert speakers(text, rules)[-1] == {"Iván Petrovski"}
