"""Who says what: the speakers news services name for a saying, where they stand in the sentence, the documents
and posts it is made in, and the reporting verbs that report no saying. Dated by DATELINE (Thursday 10 March 2022).
"""

from __future__ import annotations

import pytest

from tests.conftest import article, extract, labels, statements


def said(sentence: str, rules) -> list[tuple[str, set[str], str]]:
    """Return the class, speakers and words of each statement of an article made of one paragraph."""
    text = article(sentence)
    ex = extract(text, rules)
    return [(s.cls, labels(ex, s.actors.items), text[slice(*s.content)]) for s in statements(ex)]


def speakers(sentence: str, rules) -> list[set[str]]:
    """Return the speakers of each statement of an article made of one paragraph."""
    return [who for _, who, _ in said(sentence, rules)]


# ---- institutions as speakers ----


@pytest.mark.parametrize(("sentence", "speaker"), [
    # a body no lexicon lists, named by its head and what qualifies it, is minted as an organization
    ("El Ministerio de Comercio chino anunció que las exportaciones de galio quedarán restringidas.",
     "Ministerio de Comercio chino"),
    ("La Fiscalía General de Kenia informó de que el juicio se reanudará en mayo.", "Fiscalía General de Kenia"),
    ("El Ejército birmano aseguró que los combates han cesado en la frontera.", "Ejército birmano"),
    # said with a demonym, a body the lexicon lists under another name is that body
    ("La Presidencia chilena comunicó que el viaje a Lima queda suspendido.", "Presidencia de Chile (La Moneda)"),
    ("La Presidencia de Colombia anunció que la ronda se celebrará en Caracas.",
     "Presidencia de Colombia (Casa de Nariño)"),
    ("Al día siguiente, el Ministerio de Hacienda griego anunció en una nota que el pago se aplaza.",
     "Ministerio de Hacienda griego"),
    ("«La frontera seguirá cerrada», advirtió el Estado Mayor de las Fuerzas Armadas.",
     "Estado Mayor de las Fuerzas Armadas"),
    # a spokesperson or press office without a name speaks for its body
    ("Un portavoz del Elíseo explicó que el presidente no viajará a Dakar.", "Presidencia de Francia (Elíseo)"),
    ("Una vocera de la Cancillería peruana dijo que el embajador fue llamado a consultas.",
     "Ministerio de Relaciones Exteriores del Perú (Torre Tagle)"),
    ('"Las negociaciones siguen abiertas", señaló el servicio de prensa de la Casa Rosada.',
     "Presidencia de Argentina (Casa Rosada)"),
    ("Los contactos continuarán la semana próxima, informó la oficina de prensa del Ministerio de Energía.",
     "Ministerio de Energía"),
    # a medium introduced by what it is speaks under its name; an unnamed state medium by its description
    ("La agencia estatal vietnamita VNA indicó que la delegación llegará el domingo.", "VNA"),
    ("El diario oficial Granma publicó que la visita fue un éxito.", "Granma"),
    ("La televisión estatal iraní informó de que el acuerdo está cerca.", "televisión estatal iraní"),
    ("La Defensoría del Pueblo, por su parte, pidió garantías para los migrantes.", "Defensoría del Pueblo"),
])
def test_a_body_speaks_under_the_name_the_article_gives_it(rules, sentence, speaker):
    assert speakers(sentence, rules) == [{speaker}]


@pytest.mark.parametrize("sentence", [
    "El Ministerio anunció nuevas medidas contra la inflación.",          # a bare head names no one
    "Fuentes del Gobierno indicaron que la reunión será el martes.",     # anonymous sources are no speaker
    "Según fuentes diplomáticas, el ministro presentará su dimisión.",
    "Un portavoz del Gobierno explicó que no habrá cambios.",            # which government?
])
def test_no_one_speaks_for_an_unnamed_body_or_anonymous_sources(rules, sentence):
    assert said(sentence, rules) == []


def test_a_body_named_as_an_object_is_no_speaker(rules):
    sentence = "Lavrov visitó el Ministerio de Defensa de Serbia y afirmó que la cooperación militar continuará."
    assert speakers(sentence, rules) == [{"Serguéi Lavrov"}]


# ---- joint statements and documents ----


def test_a_saying_in_a_joint_communique_is_of_those_who_sign_it(rules):
    text = article("En un comunicado conjunto, Chile y Argentina señalaron que el paso fronterizo permanecerá abierto.")
    ex = extract(text, rules)
    [statement] = statements(ex)
    assert labels(ex, statement.actors.items) == {"Chile", "Argentina"}
    [doc] = statement.stated_in.items
    assert doc.cls == "kg:Communique"
    assert labels(ex, doc.authors.items) == {"Chile", "Argentina"}


@pytest.mark.parametrize(("sentence", "speaker", "document"), [
    ("El Kremlin afirmó en un comunicado que la conversación fue constructiva.",
     {"Presidencia de Rusia (Kremlin)"}, "kg:Communique"),
    ("Los gobiernos de Chile y Argentina señalaron en una declaración conjunta que el paso fronterizo reabrirá en "
     "mayo.", {"Chile", "Argentina"}, "kg:JointDeclaration"),
    ("En el comunicado final, los líderes de Brasil y México pidieron el fin del bloqueo.", {"Brasil", "México"},
     "kg:Communique"),
    # the relative clause on a declaration shares the subject of the clause that signs it
    ("Los cancilleres de Perú y Ecuador suscribieron una declaración conjunta en la que piden el fin del "
     "contrabando.", {"Perú", "Ecuador"}, "kg:JointDeclaration"),
    # a document as subject speaks for its authors
    ("El comunicado conjunto de Japón y Corea del Sur subraya que la cooperación es esencial.",
     {"Japón", "Corea del Sur"}, "kg:Communique"),
])
def test_the_document_a_saying_is_made_in(rules, sentence, speaker, document):
    ex = extract(article(sentence), rules)
    [statement] = statements(ex)
    assert labels(ex, statement.actors.items) == speaker
    assert [d.cls for d in statement.stated_in.items] == [document]


def test_who_signs_a_declaration_speaks_in_it(rules):
    text = article("Rusia y China firmaron una declaración conjunta sobre Asia Central. Según la declaración conjunta, "
                   "los dos países ampliarán su cooperación energética.")
    ex = extract(text, rules)
    [statement] = statements(ex)
    assert labels(ex, statement.actors.items) == {"Rusia", "China"}
    assert text[slice(*statement.content)] == "los dos países ampliarán su cooperación energética"
    assert [d.cls for d in statement.stated_in.items] == ["kg:JointDeclaration"]


def test_a_saying_told_according_to_a_communique_is_stated_in_it(rules):
    ex = extract(article("El Elíseo difundió un comunicado tras la llamada. Según el comunicado, Macron explicó a "
                         "Scholz que la ayuda continuará."), rules)
    [statement] = statements(ex)
    assert labels(ex, statement.actors.items) == {"Emmanuel Macron"}
    assert [d.cls for d in statement.stated_in.items] == ["kg:Communique"]


def test_the_source_of_a_communique_is_its_author(rules):
    text = article("Chile y Bolivia firmaron un acuerdo aduanero, según informó la Cancillería chilena en un "
                   "comunicado. Según el comunicado, los camiones podrán cruzar desde el martes.")
    ex = extract(text, rules)
    [statement] = statements(ex)
    assert labels(ex, statement.actors.items) == {"Ministerio de Relaciones Exteriores de Chile"}
    assert text[slice(*statement.content)] == "los camiones podrán cruzar desde el martes"


def test_a_text_no_rule_reads_as_a_document_names_no_speaker(rules):
    assert said("Según el texto, las tropas se retirarán en mayo.", rules) == []


# ---- posts ----


@pytest.mark.parametrize(("sentence", "speaker", "words"), [
    ("El presidente argentino, Javier Milei, escribió en su cuenta de X: «El déficit se acabó».", "Javier Milei",
     "«El déficit se acabó»"),
    ("Zelenski publicó en Telegram que las tropas resisten en Járkov.", "Volodímir Zelenski",
     "las tropas resisten en Járkov"),
    ("Trump tuiteó que la reunión con Kim fue excelente.", "Donald Trump", "la reunión con Kim fue excelente"),
    ("El primer ministro israelí, Benjamín Netanyahu, celebró en Twitter la liberación de los rehenes.",
     "Benjamín Netanyahu", "la liberación de los rehenes"),
    ("En un mensaje en redes sociales, el presidente francés, Emmanuel Macron, afirmó que Europa debe unirse.",
     "Emmanuel Macron", "Europa debe unirse"),
])
def test_a_post_is_a_saying_of_who_publishes_it(rules, sentence, speaker, words):
    [(_, who, content)] = said(sentence, rules)
    assert (who, content) == ({speaker}, words)


@pytest.mark.parametrize("sentence", [
    "Zelenski publicó un vídeo desde Kiev.",
    "Macron escribió una carta a Biden.",
])
def test_publishing_a_text_says_nothing_yet(rules, sentence):
    assert said(sentence, rules) == []


# ---- where the speaker stands ----


def test_speakers_named_with_their_titles_speak_together(rules):
    assert speakers("El presidente de Chile, Gabriel Boric, y su par argentino, Alberto Fernández, anunciaron un "
                    "plan de obras en la cordillera.", rules) == [{"Gabriel Boric", "Alberto Fernández"}]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Lula, por su parte, advirtió que Brasil no enviará armas.", "Luiz Inácio Lula da Silva"),
    ("Macron, que llegó a Bruselas por la mañana, defendió que la UE debe actuar unida.", "Emmanuel Macron"),
    ('"¿Quién pagará la reconstrucción?", preguntó el canciller alemán, Olaf Scholz.', "Olaf Scholz"),
    ("Preguntado por una posible tregua, el presidente ruso, Vladímir Putin, respondió que no la descarta.",
     "Vladimir Putin"),
    ('"Es un día histórico", celebró desde Nairobi el secretario general de la ONU, António Guterres.',
     "António Guterres"),
    ("La cumbre se celebrará en Lima, anunció hoy el propio Boric en Santiago.", "Gabriel Boric"),
    ("Putin recibió a Lukashenko en Moscú y aseguró que la alianza es sólida.", "Vladimir Putin"),
    ("Tras reunirse con Biden, Macron aseguró que la alianza sigue unida.", "Emmanuel Macron"),
    ("Rusia atacó Ucrania y advirtió que no habrá tregua.", "Rusia"),
    ("La OTAN, cuya cumbre empieza el lunes, advirtió que reforzará su flanco oriental.",
     "Organización del Tratado del Atlántico Norte (OTAN)"),
    ("Sobre la frontera, el canciller chileno, Alberto van Klaveren, dijo que seguirá abierta.",
     "Alberto van Klaveren"),
])
def test_the_speaker_wherever_it_stands(rules, sentence, speaker):
    assert speakers(sentence, rules)[-1] == {speaker}


@pytest.mark.parametrize("sentence", [
    # who a parenthesis lists explains the name before it
    "Irán y el llamado grupo de mediadores (Qatar, Egipto y Estados Unidos) anunciaron que la tregua se prolonga.",
    # a name in a clause before the subject's own apposition is not the subject
    "Ante el hotel que ocupan los negociadores de Pekín, el intérprete de la misión, Wu Tianming, negó las "
    "acusaciones.",
])
def test_a_name_that_is_not_the_subject_does_not_speak(rules, sentence):
    assert said(sentence, rules) == []


def test_a_concessive_clause_keeps_the_subject(rules):
    found = said("Los países que forman la Alianza del Pacífico se reunieron en Lima y pidieron más comercio, "
                 "aunque rechazaron cualquier sanción a Caracas.", rules)
    assert [who for _, who, _ in found] == [{"Alianza del Pacífico"}, {"Alianza del Pacífico"}]


def test_a_relative_pronoun_past_a_parenthetical_adverb(rules):
    found = said('"Las sanciones son el mayor freno", declaró Nicolás Maduro, quien no obstante elogió a Lula por su '
                 'mediación.', rules)
    assert [who for _, who, _ in found] == [{"Nicolás Maduro"}, {"Nicolás Maduro"}]


def test_a_postposed_speaker_goes_on_in_the_coordinated_verb(rules):
    found = said('«No hay prisa», afirmó el portavoz del Kremlin, Dmitri Peskov, y añadió que Moscú espera una '
                 'respuesta.', rules)
    assert [(who, words) for _, who, words in found] == [({"Dmitri Peskov"}, "No hay prisa"),
                                                         ({"Dmitri Peskov"}, "Moscú espera una respuesta")]


@pytest.mark.parametrize(("sentence", "speaker", "words"), [
    ("Para el presidente francés, Emmanuel Macron, la cumbre fue un éxito.", "Emmanuel Macron",
     "la cumbre fue un éxito"),
    ("Para Rusia, la ampliación de la OTAN es una amenaza.", "Rusia", "la ampliación de la OTAN es una amenaza"),
    ("A juicio de Lavrov, la OTAN busca la confrontación.", "Serguéi Lavrov", "la OTAN busca la confrontación"),
    ("En opinión del Elíseo, la propuesta llega tarde.", "Presidencia de Francia (Elíseo)", "la propuesta llega tarde"),
])
def test_para_names_whose_view_the_sentence_gives(rules, sentence, speaker, words):
    assert said(sentence, rules) == [("kg:Assessment", {speaker}, words)]


@pytest.mark.parametrize("sentence", [
    "Para ello, el Gobierno convocará a los sindicatos.",
    "Para la cumbre de junio, los ministros prepararán un borrador.",
])
def test_para_with_no_actor_is_a_purpose(rules, sentence):
    assert said(sentence, rules) == []


@pytest.mark.parametrize("text", [
    # an unnamed speaker after the words is someone else than the speaker before
    'El canciller ruso, Serguéi Lavrov, dijo que la tregua es frágil. "La reunión fue útil", dijo el diplomático.',
    # so is an unnamed subject between commas or after a parenthesis
    "El canciller ruso, Serguéi Lavrov, dijo que la tregua es frágil. Su intérprete, Andréi Rudenko, añadió que "
    "habrá otra reunión.",
    "El canciller ruso, Serguéi Lavrov, dijo que la tregua es frágil. Rudenko, a su vez, sostuvo que habrá "
    "otra reunión.",
    "El canciller ruso, Serguéi Lavrov, dijo que la tregua es frágil. Cientos de agricultores se manifestaron ante "
    "el Parlamento.",
])
def test_an_unnamed_speaker_is_not_the_one_before(rules, text):
    assert speakers(text, rules) == [{"Serguéi Lavrov"}]


@pytest.mark.parametrize("text", [
    # a fronted phrase leaves the subject dropped: the speaker goes on
    "El canciller ruso, Serguéi Lavrov, dijo que la tregua es frágil. Horas más tarde, en la rueda de prensa, "
    "añadió que habrá otra reunión.",
    'El canciller ruso, Serguéi Lavrov, dijo que la tregua es frágil. "Habrá otra reunión", dijo sin dar más '
    'detalles.',
    "El canciller ruso, Serguéi Lavrov, dijo que la tregua es frágil, antes de advertir que Moscú responderá.",
])
def test_a_dropped_subject_goes_on_with_the_speaker_before(rules, text):
    assert speakers(text, rules) == [{"Serguéi Lavrov"}, {"Serguéi Lavrov"}]


# ---- what is not a saying ----


@pytest.mark.parametrize("sentence", [
    "El Gobierno chileno no confirmó la fecha de la visita.",            # denied
    "Putin nunca dijo que Rusia fuera a retirarse.",
    "Si Moscú considera que la ampliación es una amenaza, responderá.",   # only supposed
    "Como se anunció el lunes, la reunión será en Viena.",               # impersonal
    "Cientos de estudiantes se manifestaron frente a la embajada.",       # a protest
    "La ley que declara el estado de emergencia entró en vigor.",         # said of a thing
    "El informe que señala las irregularidades fue publicado ayer.",
    "El ministro convocó una comparecencia que adelantó una hora.",
    "Los presidentes de Chile y Perú sostuvieron ayer conversaciones en Lima.",   # holds an event
    "El presidente de la Asamblea declaró abierta la sesión.",            # does what it says
    "Medio centenar de gobiernos reconocen a Guaidó como presidente.",    # recognises
    "Ucrania rechazó al mediador propuesto por Minsk.",                   # turns someone away
    "El ministro no contestó a una pregunta de la prensa.",               # a noun
])
def test_a_reporting_verb_that_reports_no_saying(rules, sentence):
    assert said(sentence, rules) == []


def test_a_saying_conceded_is_made(rules):
    assert speakers("Si bien Lavrov afirmó que habrá diálogo, las tropas siguen en la frontera.", rules) == [
        {"Serguéi Lavrov"}]


def test_not_ruling_out_is_said(rules):
    assert said("Erdogan no descartó que haya una reunión en Estambul.", rules) == [
        ("kg:Assertion", {"Recep Tayyip Erdogan"}, "haya una reunión en Estambul")]


def test_a_saying_inside_a_quotation_is_part_of_the_quoted_words(rules):
    found = said('«Dice que la guerra terminará pronto, pero nadie le cree», afirmó Lavrov.', rules)
    assert [(who, words) for _, who, words in found] == [
        ({"Serguéi Lavrov"}, "Dice que la guerra terminará pronto, pero nadie le cree")]


# ---- more ways of saying ----


@pytest.mark.parametrize(("sentence", "cls", "speaker"), [
    # a past subjunctive reports a saying that happened
    ("La cumbre se suspendió después de que el Kremlin advirtiera que no enviaría a su ministro.", "kg:Warning",
     "Presidencia de Rusia (Kremlin)"),
    ("Horas después de que Pekín calificara de provocación la visita, Washington convocó al embajador.",
     "kg:Assessment", "Gobierno de China"),
    ("Lavrov ya había anticipado que Moscú no firmaría.", "kg:Assertion", "Serguéi Lavrov"),
    ("El portavoz vaticano, Matteo Bruni, describió el encuentro como cordial.", "kg:Assessment", "Matteo Bruni"),
    ('La ministra alemana, Annalena Baerbock, habló de "un paso decisivo".', "kg:Assessment", "Annalena Baerbock"),
    ("El primer ministro japonés, Fumio Kishida, ofreció su cooperación a Manila.", "kg:Promise", "Fumio Kishida"),
    ("Putin agradeció a Erdogan su mediación.", "kg:Assessment", "Vladimir Putin"),
    ("Lula respaldó la propuesta de Colombia.", "kg:Assessment", "Luiz Inácio Lula da Silva"),
    ('Lula se declaró "optimista" sobre el acuerdo.', "kg:Assertion", "Luiz Inácio Lula da Silva"),
])
def test_more_ways_of_saying(rules, sentence, cls, speaker):
    [(found_cls, who, _)] = said(sentence, rules)
    assert (found_cls, who) == (cls, {speaker})


def test_speaking_of_a_matter_discusses_it(rules):
    assert said("Baerbock habló de la crisis energética con su homólogo.", rules) == []


def test_a_present_subjunctive_is_only_wished(rules):
    assert [cls for cls, _, _ in said("Macron pidió que el Consejo aclare su postura.", rules)] == ["kg:Appeal"]


def test_what_a_sentence_tells_only_according_to_someone_is_their_statement(rules):
    assert said("Pekín, según Xinhua, ha aumentado sus compras de soja.", rules) == [
        ("kg:Assertion", {"Agencia Xinhua"}, "Pekín, según Xinhua, ha aumentado sus compras de soja")]


@pytest.mark.parametrize(("text", "speaker", "words"), [
    # "según" with a verb: the speaker follows, and the words are those before
    ("El presidente paraguayo, Santiago Peña, no asistirá a la cumbre, según ha confirmado este lunes su canciller, "
     "Rubén Ramírez.", "Rubén Ramírez", "El presidente paraguayo, Santiago Peña, no asistirá a la cumbre"),
    # at the head of the sentence with no one after it, the speaker is the one before
    ("El canciller ruso, Serguéi Lavrov, dijo que la tregua es frágil. Según explicó, los contactos seguirán en "
     "Ginebra.", "Serguéi Lavrov", "los contactos seguirán en Ginebra"),
])
def test_segun_with_a_reporting_verb(rules, text, speaker, words):
    (_, who, content) = said(text, rules)[-1]
    assert (who, content) == ({speaker}, words)


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Interrogado sobre la cumbre, el primer ministro británico, Keir Starmer, se limitó a decir que todo está "
     "abierto.", "Keir Starmer"),
    ("Lula aprovechó para subrayar que Brasil siempre apostó por el diálogo.", "Luiz Inácio Lula da Silva"),
])
def test_an_infinitive_of_saying_after_a_verb_of_its_subject(rules, sentence, speaker):
    assert speakers(sentence, rules) == [{speaker}]


def test_a_saying_after_al_or_antes_de_shares_the_subject_of_the_verb_before(rules):
    found = said("El primer ministro indio, Narendra Modi, añadió que habrá más inversiones y cerró su intervención "
                 "al anunciar que visitará Pekín.", rules)
    assert [who for _, who, _ in found] == [{"Narendra Modi"}, {"Narendra Modi"}]


@pytest.mark.parametrize(("sentence", "words"), [
    # a parenthesis between the verb and its "que"
    ("El Ministerio de Transporte peruano precisó, sin embargo, que los camiones deberán esperar.",
     "los camiones deberán esperar"),
    # a "que" after the object opens a relative clause, not what is said
    ("El alto comisionado, Volker Türk, pidió garantías para los migrantes que cruzan a pie.",
     "garantías para los migrantes que cruzan a pie"),
    # the one spoken to stands before the "que"
    ("El presidente chino, Xi Jinping, pidió a Washington que respete los acuerdos.", "respete los acuerdos"),
    # the day of the saying is none of the words
    ("Lula anunció este jueves un plan de inversión para la Amazonía.", "un plan de inversión para la Amazonía"),
])
def test_where_the_words_start(rules, sentence, words):
    [(_, _, content)] = said(sentence, rules)
    assert content == words


def test_the_words_of_a_saying_end_with_their_clause(rules):
    assert said("Rusia negó haber atacado objetivos civiles, mientras que Ucrania denunció nuevos bombardeos en "
                "Odesa.", rules) == [("kg:Assertion", {"Rusia"}, "haber atacado objetivos civiles"),
                                     ("kg:Assessment", {"Ucrania"}, "nuevos bombardeos en Odesa")]


@pytest.mark.parametrize(("sentence", "speaker"), [
    # a body named in lowercase between the title and the name
    ("«Habrá respuesta», advirtió el portavoz de la cancillería, Tomasz Wrona, ante la prensa.", "Tomasz Wrona"),
    ("La portavoz del ministerio, Ingrid Haugen, anunció que la visita sigue en pie.", "Ingrid Haugen"),
])
def test_a_title_with_a_lowercase_body_introduces_its_speaker(rules, sentence, speaker):
    assert speakers(sentence, rules) == [{speaker}]


@pytest.mark.parametrize(("sentence", "count"), [
    # a saying inside the words another one reports after its "que" is part of those words
    ("La portavoz del Elíseo subrayó que el presidente considera de gran importancia la cumbre de Dakar.", 1),
    ("El canciller indio señaló que Nueva Delhi considera a Japón un socio estratégico.", 1),
    ("El portavoz del Gobierno tunecino, Nizar Ben Salah, añadió que los dos ministros quedaron en reunirse en "
     "otoño.", 1),
    # a relative clause on what the words name, whose pronoun is the object
    ("El opositor Yasser Harb criticó el papel de Irán, al que considera parte del conflicto.", 1),
    ("La ministra Ursula Berg elogió a Macron, a quien considera un aliado.", 1),
    # a second saying after "mientras que", a comma or a semicolon is its own
    ("Scholz habló de un paso adelante, mientras que Macron consideró que el texto es insuficiente.", 2),
    ("La ministra Ursula Berg advirtió de que quedan obstáculos; el comisario Paul Varga respondió que el calendario "
     "se mantiene.", 2),
])
def test_a_saying_reported_within_another_is_no_statement_of_its_own(rules, sentence, count):
    assert len(said(sentence, rules)) == count


@pytest.mark.parametrize(("headline", "body", "count"), [
    # a headline sums up the saying the body tells by the same speaker
    ("Lula anuncia que viajará a Pekín en abril",
     "El presidente brasileño, Luiz Inácio Lula da Silva, anunció este jueves que hará una visita oficial a China.", 1),
    ("Lula descarta nuevas sanciones contra Caracas",
     "El presidente brasileño, Luiz Inácio Lula da Silva, afirmó que no habrá sanciones.", 1),
    # a saying the body does not tell, or tells by someone else, is the headline's own
    ("Lula asegura que viajará a Pekín en abril", "El viaje no tiene fecha.", 1),
    ("Lula asegura que viajará a Pekín en abril",
     "El canciller chino, Wang Yi, afirmó que la visita será bienvenida.", 2),
])
def test_a_headline_saying_the_body_tells_is_one_statement(rules, headline, body, count):
    ex = extract(article(body, headline=headline), rules)
    assert len(statements(ex)) == count
