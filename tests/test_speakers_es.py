"""Who speaks when the article names a speaker by surname, epithet or role alone: sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import article, events, extract, labels, statements


@pytest.mark.parametrize(("text", "speaker"), [
    # a listed person named in full is later named by the surname alone
    ("La reunión contó con Condoleezza Rice y el canciller turco. Más tarde, Rice aseguró que la alianza "
     "saldrá reforzada.", "Condoleezza Rice"),
    ("Colin Powell llegó a Ankara el martes. En Bagdad, en cambio, Powell advirtió de que el plazo se agota.",
     "Colin Powell"),
    ("El encuentro lo organizó Lloyd Austin. Austin celebró la noticia como un paso necesario.", "Lloyd Austin"),
    # a Chinese name gives its family name first, and that names the person
    ("El primer ministro chino, Zhu Rongji, recibió al canciller. Zhu aseguró que la cooperación crecerá.",
     "Zhu Rongji"),
    ("El canciller ruso viajó a Pekín, donde lo recibió el ministro chino de Exteriores, Tang Jiaxuan. Al día "
     "siguiente, Tang explicó que ambos países coordinarán su postura.", "Tang Jiaxuan"),
])
def test_a_listed_person_named_in_full_is_named_later_by_the_surname(rules, text, speaker):
    ex = extract(article(text), rules)
    assert [labels(ex, s.actors.items) for s in statements(ex)] == [{speaker}]


@pytest.mark.parametrize("text", [
    "Rice aseguró que la alianza saldrá reforzada.",
    # the given name of a name written family name first names no one
    "El primer ministro chino, Zhu Rongji, recibió al canciller. Rongji aseguró que la cooperación crecerá.",
])
def test_a_surname_alone_with_no_whole_name_before_names_no_one(rules, text):
    ex = extract(article(text), rules)
    assert statements(ex) == []


@pytest.mark.parametrize(("text", "speaker"), [
    # a rank, a party, an age or a standing said instead of the name of the one who just spoke
    ('El vicepresidente colombiano, Óscar Naranjo, rechazó la propuesta. "No cederemos", declaró el general.',
     "Óscar Naranjo"),
    ("El senador Marco Rubio afirmó que las sanciones seguirán. El republicano añadió que no habrá diálogo.",
     "Marco Rubio"),
    ("La exministra Elena Salgado dijo que el pacto llega tarde. La octogenaria explicó que lo firmará igualmente.",
     "Elena Salgado"),
    ("Leopoldo López, sin embargo, descartó negociar. En un mensaje a sus seguidores, el jefe de la Asamblea "
     "advirtió de que no habrá tregua.", "Leopoldo López"),
    ("Mario Soares aseguró que la visita fue útil. El líder histórico recordó que conoció a Castro en 1975.",
     "Mario Soares"),
])
def test_an_epithet_is_the_one_who_spoke_just_before(rules, text, speaker):
    ex = extract(article(text), rules)
    said = statements(ex)
    assert len(said) == 2 and labels(ex, said[-1].actors.items) == {speaker}


@pytest.mark.parametrize("text", [
    # no one spoke before
    '"No cederemos", declaró el general.',
    "El republicano añadió que no habrá diálogo.",
    # the one who spoke is two sentences back
    "Marco Rubio afirmó que las sanciones seguirán. La votación se aplazó. Hubo protestas. El republicano añadió "
    "que no habrá diálogo.",
    # who spoke is a body, no person
    "La OTAN advirtió de que la frontera es frágil. El general añadió que habrá maniobras.",
    # a name after the epithet introduces someone else, whom no rule knows
    "Marco Rubio afirmó que las sanciones seguirán. El general Zapateiro declaró que el ejército no intervendrá.",
])
def test_an_epithet_with_no_one_who_just_spoke_names_no_one(rules, text):
    ex = extract(article(text), rules)
    assert len(statements(ex)) == text.count("afirmó") + text.count("advirtió")


@pytest.mark.parametrize("second", [
    "Joe Biden se reunió con el general y explicó que no habrá cambios.",
    "Joe Biden, tras reunirse con el general, explicó que no habrá cambios.",
    "Ante el general, Joe Biden explicó que no habrá cambios.",
])
def test_an_epithet_as_an_object_is_no_speaker(rules, second):
    ex = extract(article("Marco Rubio afirmó que las sanciones seguirán. " + second), rules)
    assert [labels(ex, s.actors.items) for s in statements(ex)] == [{"Marco Rubio"}, {"Joe Biden"}]


@pytest.mark.parametrize(("sentence", "label", "speaker"), [
    # who told something first is named after "fue"
    ("El primero en anunciarlo fue el Ministerio de Exteriores de Perú.", "Informe",
     "Ministerio de Relaciones Exteriores del Perú (Torre Tagle)"),
    ("La primera en confirmar la cita fue la Casa Blanca, en un breve comunicado.", "Informe",
     "Presidencia de Estados Unidos (Casa Blanca)"),
    ("El primero en felicitar al ganador fue el presidente chileno, Gabriel Boric.", "Valoración", "Gabriel Boric"),
    # or before "fue"
    ("El presidente chileno, Gabriel Boric, fue el primero en anunciarlo en una rueda de prensa.", "Informe",
     "Gabriel Boric"),
    ("La Casa Blanca fue la primera en confirmar que la cumbre se celebrará en Ginebra.", "Informe",
     "Presidencia de Estados Unidos (Casa Blanca)"),
])
def test_the_first_to_tell_or_react_speaks(rules, sentence, label, speaker):
    ex = extract(article(sentence), rules)
    said = statements(ex)[0]
    assert (said.label, labels(ex, said.actors.items)) == (label, {speaker})


@pytest.mark.parametrize("sentence", [
    "El primero en llegar fue el presidente chileno, Gabriel Boric.",
    "Boric fue el primero en llegar a la cumbre.",
    "Fue el primero en anunciarlo.",
    "Los primeros en dar la noticia fueron los medios.",
])
def test_the_first_to_do_something_else_or_no_one_named_says_nothing(rules, sentence):
    assert statements(extract(article(sentence), rules)) == []


@pytest.mark.parametrize(("sentence", "count"), [
    # a "según" that points back at the speaker goes on with the speaker's words
    ("El canciller ruso, Serguéi Lavrov, negó la acusación: según él, Ucrania solo pidió armas defensivas.", 1),
    ("La ministra alemana, Annalena Baerbock, rechazó esa lectura; según ella, Irán exigió garantías imposibles.", 1),
    # another speaker in another clause speaks for themselves
    ("El canciller ruso, Serguéi Lavrov, negó la acusación, mientras que Ucrania pidió armas defensivas.", 2),
])
def test_a_saying_told_according_to_the_speaker_is_part_of_the_words(rules, sentence, count):
    said = statements(extract(article(sentence), rules))
    assert len(said) == count


@pytest.mark.parametrize(("sentence", "count"), [
    # a stance said with the saying that follows it is one statement
    ("La presidenta peruana, Dina Boluarte, se mostró optimista y aseguró que habrá acuerdo antes de marzo.", 1),
    ("El canciller chileno, Alberto van Klaveren, se declaró satisfecho y subrayó que el diálogo seguirá.", 1),
    # a stance alone, or set against what follows, is a statement of its own
    ("La presidenta peruana, Dina Boluarte, se mostró optimista sobre la negociación.", 1),
    ("La presidenta peruana, Dina Boluarte, se mostró optimista, pero advirtió que el plazo es corto.", 2),
])
def test_a_stance_said_with_the_next_saying_is_one_statement(rules, sentence, count):
    text = article(sentence)
    ex = extract(text, rules)
    said = statements(ex)
    assert len(said) == count
    assert all(labels(ex, s.actors.items) for s in said)
    # the stance's words are evidence of the statement that takes them
    assert any(text[ev.begin:ev.end].startswith("se ") for ev in said[0].spans)


@pytest.mark.parametrize(("sentence", "count"), [
    # what someone has no plan to do, or ruled out, is no event
    ("El portavoz recordó que el primer ministro japonés no tiene previsto reunirse con el presidente surcoreano.", 0),
    ("La Cancillería aclaró que el rey no tiene prevista una visita a Marruecos este año.", 0),
    ("La tensión creció después de que el presidente francés descartara viajar a Pekín en abril.", 0),
    # what is planned, or a denial of something else, leaves the event
    ("El portavoz recordó que el primer ministro japonés tiene previsto reunirse con el presidente surcoreano.", 1),
    ("La tensión creció después de que el presidente francés descartara que la cumbre de Pekín se suspenda.", 1),
])
def test_an_event_someone_has_no_plan_for_or_ruled_out_is_none(rules, sentence, count):
    assert len(events(extract(article(sentence), rules))) == count


@pytest.mark.parametrize(("sentence", "count"), [
    # an agreement only supposed, to weigh what it would bring, or any agreement at all, is no event
    ("El primer ministro advirtió que un acuerdo con esas condiciones amenazaría la seguridad del país.", 0),
    ("Según la ministra, un pacto así supondría la ruina de los agricultores.", 0),
    ("La oposición rechazó cualquier acuerdo con el Gobierno.", 0),
    # an agreement reached stays one, whatever a relative clause says it would do
    ("Colombia y Ecuador firmaron un acuerdo que permitiría reducir los aranceles.", 1),
    ("Colombia y Ecuador firmaron el martes un acuerdo comercial.", 1),
])
def test_an_agreement_only_supposed_is_no_event(rules, sentence, count):
    assert len(events(extract(article(sentence), rules))) == count


@pytest.mark.parametrize(("text", "speaker"), [
    # a rank or courtesy with its article before the name of a titled person
    ("Riad envió a su ministro de Exteriores, el príncipe Turki al Mansur, quien aseguró que la región necesita "
     "calma.", "Turki al Mansur"),
    ("El ministro de Defensa venezolano, el general Luis Ortega, explicó que no habrá maniobras.", "Luis Ortega"),
    ("Asistió el ministro de Exteriores, el príncipe Turki al Mansur. Después, Mansur reconoció que la cita fue "
     "útil.", "Turki al Mansur"),
])
def test_a_titled_person_named_with_a_rank_and_its_article(rules, text, speaker):
    ex = extract(article(text), rules)
    assert [labels(ex, s.actors.items) for s in statements(ex)] == [{speaker}]


@pytest.mark.parametrize(("text", "speaker"), [
    # a deputy named as "number two" is introduced by that title
    ("Su número dos, Ri Son-gwon, aseguró que la delegación no cederá.", "Ri Son-gwon"),
    ("El número dos del partido, Zhao Leji, explicó que la visita se aplaza.", "Zhao Leji"),
])
def test_a_number_two_is_a_title(rules, text, speaker):
    ex = extract(article(text), rules)
    assert [labels(ex, s.actors.items) for s in statements(ex)] == [{speaker}]


def test_a_number_two_with_no_name_after_introduces_no_one(rules):
    ex = extract(article("El punto número dos, Reforma Agraria, aseguró que habrá cambios."), rules)
    assert statements(ex) == []


@pytest.mark.parametrize(("text", "speaker"), [
    # after "de", a given name begins the name of a person of its own
    ("La cumbre excluyó al Gobierno de Mateo Ruiz, que llegó al poder en enero. En Lima, Ruiz advirtió que "
     "recurrirá a los tribunales.", "Mateo Ruiz"),
    ("Llegó tarde la Comisión de Irene Kovac. Kovac explicó que el vuelo se retrasó.", "Irene Kovac"),
])
def test_a_given_name_after_de_begins_a_name(rules, text, speaker):
    ex = extract(article(text), rules)
    assert [labels(ex, s.actors.items) for s in statements(ex)] == [{speaker}]


@pytest.mark.parametrize(("text", "speaker"), [
    # the article gave the epithet to someone else by name: it names that one, not the last speaker
    ("El ministro de Defensa, el general Luis Ortega, visitó la base. Nicolás Maduro afirmó que habrá maniobras. "
     "El general añadió que el ejército está listo.", None),
    # the article gave it to the last speaker
    ("Asistió el ministro de Defensa, el general Luis Ortega. Ortega afirmó que habrá maniobras. El general añadió "
     "que el ejército está listo.", "Luis Ortega"),
])
def test_an_epithet_the_article_gave_someone_by_name(rules, text, speaker):
    full = article(text)
    ex = extract(full, rules)
    added = [labels(ex, s.actors.items) for s in statements(ex) if full[s.spans[0].begin:s.spans[0].end] == "añadió"]
    assert added == ([{speaker}] if speaker else [])
