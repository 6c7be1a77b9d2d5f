"""The lexicon: offices held over time, metonyms, demonyms, bodies, and how names are found.

Articles are dated by the dateline each test gives; DATELINE (10 March 2022) otherwise.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from kg.errors import KgError
from kg.extract import patterns as patterns_module, rules as rules_module
from kg.extract.rules import load_rules
from tests.conftest import article, events, extract, labels, statements


def dated(day: int, month: str, year: int) -> str:
    """Return a dateline of a wire service for a day."""
    return f"{day} {month} de {year} 10.00"


def speaker(text: str, rules) -> str:
    """Return the label of the one speaker of the one statement of an article."""
    ex = extract(text, rules)
    [said] = statements(ex)
    [who] = labels(ex, said.actors.items)
    return who


# ---- a title said alone is whoever held the office on the publication day ----


@pytest.mark.parametrize(("sentence", "dateline", "holder"), [
    ("El presidente ruso advirtió que no aceptará la ampliación de la alianza.", dated(15, "Junio", 1999),
     "Borís Yeltsin"),
    ("El presidente ruso advirtió que no aceptará la ampliación de la alianza.", dated(3, "Febrero", 2025),
     "Vladimir Putin"),
    ("El canciller alemán aseguró que el gasoducto no se abrirá.", dated(8, "Febrero", 2010), "Angela Merkel"),
    ("El canciller alemán aseguró que el gasoducto no se abrirá.", dated(8, "Febrero", 2023), "Olaf Scholz"),
    # Elsewhere "canciller" is the foreign minister, and so is a US secretary of State.
    ("El canciller ruso afirmó que las conversaciones fueron útiles.", dated(20, "Mayo", 2022), "Serguéi Lavrov"),
    ("El canciller de Brasil afirmó que la cumbre se celebrará en otoño.", dated(12, "Abril", 2024), "Mauro Vieira"),
    ("El secretario de Estado estadounidense afirmó que la oferta sigue en pie.", dated(2, "Marzo", 2015),
     "John Kerry"),
    ("El secretario de Estado estadounidense afirmó que la oferta sigue en pie.", dated(2, "Marzo", 2024),
     "Antony Blinken"),
    ("El primer ministro británico aseguró que apoyará a los aliados.", dated(1, "Julio", 2020), "Boris Johnson"),
    # Spain's president is the head of its government; the head of state is the king.
    ("El presidente español afirmó que la cumbre fue un éxito.", dated(5, "Julio", 2023), "Pedro Sánchez"),
    ("El jefe de Estado español aseguró que la visita reforzará los lazos.", dated(5, "Julio", 2023), "Felipe VI"),
    ("El mandatario chino aseguró que la cooperación seguirá.", dated(9, "Octubre", 2010), "Hu Jintao"),
    # The office of a body, and of a seat of power.
    ("La presidenta de la Comisión Europea anunció nuevas sanciones.", dated(24, "Febrero", 2023),
     "Ursula von der Leyen"),
    ("El secretario general de la OTAN afirmó que la alianza está unida.", dated(20, "Enero", 2025), "Mark Rutte"),
    ("El portavoz del Kremlin aseguró que la reunión no está prevista.", dated(7, "Noviembre", 2024),
     "Dmitri Peskov"),
])
def test_a_title_said_alone_is_the_holder_on_the_publication_day(rules, sentence, dateline, holder):
    assert speaker(article(sentence, dateline), rules) == holder


def test_the_holder_gets_the_title_and_leads_the_country(rules):
    ex = extract(article("El primer ministro británico afirmó que la reunión fue útil.", dated(3, "Mayo", 2023)),
                 rules)
    sunak = ex.entities["rishi-sunak"]
    assert sunak.title == "primer ministro"
    assert labels(ex, sunak.links["leads"].items) == {"Reino Unido"}


def test_the_office_passes_on_the_day_the_successor_takes_it(rules):
    assert rules.holders("presidente", "estados-unidos", date(2025, 1, 19)) == ["joe-biden"]
    assert rules.holders("presidente", "estados-unidos", date(2025, 1, 20)) == ["donald-trump"]


def test_a_person_introduced_with_the_title_wins_over_the_holder(rules):
    text = article("El presidente ruso, Borís Yeltsin, recibió al canciller alemán. "
                   "El presidente ruso aseguró que la reunión fue útil.", dated(10, "Marzo", 2022))
    assert speaker(text, rules) == "Borís Yeltsin"


@pytest.mark.parametrize("sentence", [
    # No country or body: no office to look up.
    "El presidente aseguró que la reunión fue útil.",
    # Two spokespeople of Russia (the Kremlin's and the foreign ministry's) serve on that day.
    "El portavoz ruso aseguró que la reunión fue útil.",
])
def test_a_title_without_one_holder_names_no_one(rules, sentence):
    ex = extract(article(sentence, dated(10, "Marzo", 2022)), rules)
    assert [e for e in ex.entities.values() if e.cls == "schema:Person"] == []


def test_without_a_dateline_a_title_said_alone_names_no_one(rules):
    ex = extract(article("El presidente ruso aseguró que la reunión fue útil.", dateline=None), rules)
    assert [e for e in ex.entities.values() if e.cls == "schema:Person"] == []


@pytest.mark.parametrize(("dateline", "who"), [
    (dated(12, "Septiembre", 1990), "George H. W. Bush"),
    (dated(12, "Septiembre", 2005), "George W. Bush"),
])
def test_a_name_two_people_share_is_the_one_in_office(rules, dateline, who):
    assert speaker(article("Bush aseguró que la alianza saldrá reforzada.", dateline), rules) == who


@pytest.mark.parametrize(("sentence", "eid", "link", "body"), [
    ("La ministra de Exteriores alemana, Annalena Baerbock, llegó a Kiev.", "annalena-baerbock", "represents",
     "Alemania"),
    # A listed name whose parts a pattern of capitalised words would cut ("Ki-moon").
    ("El secretario general de la ONU, Ban Ki-moon, llegó a Nairobi.", "ban-ki-moon", "leads",
     "Organización de las Naciones Unidas"),
])
def test_a_title_with_a_listed_name_links_to_the_lexicon_entry(rules, sentence, eid, link, body):
    ex = extract(article(sentence), rules)
    [person] = [e for e in ex.entities.values() if e.cls == "schema:Person"]
    assert person.id == eid
    assert labels(ex, person.links[link].items) == {body}


# ---- metonyms: capitals and seats of power act as their governments ----


@pytest.mark.parametrize(("sentence", "actor", "country"), [
    ("La Moncloa anunció que el viaje se mantiene.", "Presidencia del Gobierno de España (Moncloa)", "España"),
    ("Downing Street aseguró que la llamada fue cordial.", "Jefatura del Gobierno del Reino Unido (Downing Street)",
     "Reino Unido"),
    ("La Zarzuela informó que el viaje se aplaza.", "Casa del Rey de España (Zarzuela)", "España"),
    ("El Planalto afirmó que el acuerdo sigue vigente.", "Presidencia de Brasil (Planalto)", "Brasil"),
    ("La Casa Rosada anunció que recibirá al enviado.", "Presidencia de Argentina (Casa Rosada)", "Argentina"),
    ("Miraflores aseguró que la campaña fracasará.", "Presidencia de Venezuela (Miraflores)", "Venezuela"),
    ("El Palacio de Nariño aseguró que el diálogo continuará.", "Presidencia de Colombia (Casa de Nariño)",
     "Colombia"),
    ("El Quai d'Orsay advirtió que la situación es grave.",
     "Ministerio de Asuntos Exteriores de Francia (Quai d'Orsay)", "Francia"),
    ("Itamaraty afirmó que la propuesta es razonable.",
     "Ministerio de Relaciones Exteriores de Brasil (Itamaraty)", "Brasil"),
    ("La Farnesina aseguró que el embajador regresará.",
     "Ministerio de Asuntos Exteriores de Italia (Farnesina)", "Italia"),
    ("El Pentágono informó que el despliegue concluyó.", "Departamento de Defensa de Estados Unidos (Pentágono)",
     "Estados Unidos"),
    ("La Cancillería colombiana anunció que enviará una nota.",
     "Ministerio de Relaciones Exteriores de Colombia", "Colombia"),
    ("Bogotá anunció que reabrirá la frontera.", "Gobierno de Colombia", "Colombia"),
    ("Seúl advirtió que responderá a cualquier provocación.", "Gobierno de Corea del Sur", "Corea del Sur"),
    ("El Ejecutivo mexicano aseguró que el diálogo fue útil.", "Gobierno de México", "México"),
])
def test_seats_capitals_and_ministries_speak_for_their_governments(rules, sentence, actor, country):
    ex = extract(article(sentence), rules)
    [said] = statements(ex)
    [eid] = said.actors.items
    assert ex.entities[eid].label == actor
    assert labels(ex, ex.entities[eid].links["governs"].items) == {country}


def test_brussels_acting_is_the_european_union(rules):
    ex = extract(article("Bruselas y Londres celebrarán una nueva ronda de negociaciones en Ginebra."), rules)
    [round_] = events(ex, "kg:NegotiationRound")
    assert labels(ex, round_.actors.items) == {"Unión Europea", "Gobierno del Reino Unido"}


def test_a_city_best_known_for_its_talks_is_a_venue_not_a_government(rules):
    ex = extract(article("Irán y Rusia se reunieron en Viena."), rules)
    [event] = events(ex)
    assert labels(ex, event.places.items) == {"Viena"}
    assert labels(ex, event.actors.items) == {"Irán", "Rusia"}


@pytest.mark.parametrize(("sentence", "capital"), [
    ("La canciller noruega viajó el martes a la capital belga.", "Bruselas"),
    ("El primer ministro ruso llegó anoche a la capital bielorrusa.", "Minsk"),
    ("Los negociadores se reunieron en la capital austriaca.", "Viena"),
    ("El enviado chino llegó a la capital zambiana.", "Lusaka"),
    ("El presidente turco viajó a la capital finlandesa.", "Helsinki"),
    # A capital that stands for its government is found through it.
    ("El presidente chino llegó a la capital rusa.", "Moscú"),
])
def test_a_capital_said_by_its_country_is_the_city(rules, sentence, capital):
    ex = extract(article(sentence), rules)
    [event] = events(ex)
    assert labels(ex, event.places.items) == {capital}


@pytest.mark.parametrize(("sentence", "body"), [
    ("Los líderes del G-20 se reunieron en Roma.", "Grupo de los Veinte (G20)"),
    ("La cumbre del G-8 se celebró en Escocia.", "Grupo de los Ocho (G8)"),
])
def test_groups_of_countries_are_named_with_or_without_a_hyphen(rules, sentence, body):
    ex = extract(article(sentence), rules)
    assert body in {e.label for e in ex.entities.values()}


def test_a_ministry_building_is_a_place_not_the_ministry(rules):
    ex = extract(article("Los cancilleres se reunieron en el Palacio de San Carlos."), rules)
    [event] = events(ex)
    assert labels(ex, event.places.items) == {"Palacio de San Carlos"}
    assert "Ministerio de Relaciones Exteriores de Colombia" not in {e.label for e in ex.entities.values()}


# ---- demonyms link a title to its country ----


@pytest.mark.parametrize(("sentence", "name", "country", "link"), [
    ("El presidente surcoreano, Yoon Suk Yeol, llegó a Washington.", "Yoon Suk-yeol", "Corea del Sur", "leads"),
    ("La primera ministra danesa, Mette Frederiksen, llegó a Bruselas.", "Mette Frederiksen", "Dinamarca", "leads"),
    ("El presidente galo, Emmanuel Macron, llegó a Pekín.", "Emmanuel Macron", "Francia", "leads"),
    ("El emir catarí, Tamim bin Hamad Al Thani, llegó a Teherán.", "Tamim bin Hamad Al Thani", "Catar", "leads"),
    ("El canciller venezolano, Yván Gil, llegó a Caracas.", "Yván Gil", "Venezuela", "represents"),
    ("El embajador norcoreano, Kim Song, habló ante la ONU.", "Kim Song", "Corea del Norte", "represents"),
    ("Los cancilleres saudíes recibieron a la ministra noruega, Anniken Huitfeldt.", "Anniken Huitfeldt",
     "Noruega", "represents"),
    ("El jefe de la diplomacia europea, Josep Borrell, llegó a Kiev.", "Josep Borrell", "Unión Europea",
     "represents"),
])
def test_demonyms_link_a_title_to_its_country(rules, sentence, name, country, link):
    ex = extract(article(sentence), rules)
    [person] = [e for e in ex.entities.values() if e.cls == "schema:Person"]
    assert person.label == name
    assert labels(ex, person.links[link].items) == {country}


# ---- international bodies ----


@pytest.mark.parametrize(("sentence", "body"), [
    ("La OEA anunció que enviará observadores.", "Organización de Estados Americanos (OEA)"),
    ("La Liga Árabe afirmó que el plan es inaceptable.", "Liga Árabe"),
    ("El FMI advirtió que la deuda es insostenible.", "Fondo Monetario Internacional (FMI)"),
    ("La Organización de Estados Americanos (OEA) anunció que enviará observadores.",
     "Organización de Estados Americanos (OEA)"),
    ("El Consejo de Seguridad de la ONU advirtió que la tregua es frágil.", "Consejo de Seguridad de la ONU"),
])
def test_bodies_are_organizations(rules, sentence, body):
    ex = extract(article(sentence), rules)
    [said] = statements(ex)
    [eid] = said.actors.items
    assert (ex.entities[eid].label, ex.entities[eid].cls) == (body, "schema:Organization")


@pytest.mark.parametrize(("sentence", "body"), [
    ("Los líderes se reunieron en el marco del G20.", "Grupo de los Veinte (G20)"),
    ("Los ministros se reunieron dentro de la ASEAN.", "Asociación de Naciones del Sudeste Asiático (ASEAN)"),
    ("Los presidentes se reunieron en el marco del Mercosur.", "Mercado Común del Sur (Mercosur)"),
])
def test_bodies_frame_events(rules, sentence, body):
    ex = extract(article(sentence), rules)
    [event] = events(ex)
    assert labels(ex, event.bodies.items) == {body}


# ---- how names are found ----


@pytest.mark.parametrize(("chunk", "names"), [
    # The longest listed name at a place wins, and a name is never cut out of a longer word.
    ("El Consejo de Seguridad de la ONU votó.", [("Consejo de Seguridad de la ONU", "consejo-de-seguridad")]),
    ("Rusiagate no es Rusia.", [("Rusia", "rusia")]),
    ("El Consejo OTAN-Rusia se reunió.", [("Consejo OTAN-Rusia", "consejo-otan-rusia")]),
    ("EE.UU. y la UE firmaron.", [("EE.UU.", "estados-unidos"), ("UE", "union-europea")]),
])
def test_names_are_whole_and_the_longest_wins(rules, chunk, names):
    assert [(chunk[b:e], eid) for b, e, eid in rules.find_names(chunk)] == names


def test_name_macros_read_a_name_as_one_word_of_its_kind(rules):
    chunk = "Habló en Nueva York y en el Ministerio de Exteriores de Rusia."
    masked = rules.masked(chunk, rules.find_names(chunk))
    assert len(masked) == len(chunk)
    [venue] = [r for r in rules.stage("venue") if r.id == "venue.en"]
    # "en Nueva York" is a place; "Rusia" inside the ministry's name is not one of its own.
    assert [chunk[slice(*m.span("place"))] for m in venue.regex.finditer(masked)] == ["Nueva York"]


def test_parsed_rule_files_and_compiled_patterns_are_kept_and_a_damaged_copy_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    first = load_rules()
    parsed, compiled = sorted(tmp_path.glob("toml-*.marshal")), sorted(tmp_path.glob("patterns-*.marshal"))
    expanded = sorted(tmp_path.glob("lemmas-*.marshal"))
    assert len(parsed) == len(list(rules_module.RULES_DIR.glob("*.toml"))) and len(compiled) == len(expanded) == 1
    again = load_rules()  # from the cache: the same patterns, matching the same
    assert [r.regex.pattern for r in again.all_rules()] == [r.regex.pattern for r in first.all_rules()]
    sentence = "El canciller ruso se reunió en Ginebra con su homólogo estadounidense y dijo que habrá acuerdo."
    assert [[m.span() for m in r.regex.finditer(sentence)] for r in again.all_rules()] == \
        [[m.span() for m in r.regex.finditer(sentence)] for r in first.all_rules()]
    kept = sorted(tmp_path.glob("ruleset-*.marshal"))
    assert len(kept) == 1
    for path in parsed + compiled + expanded + kept:
        path.write_bytes(b"damaged")
    damaged = load_rules()
    assert damaged.entities == first.entities
    assert [r.regex.pattern for r in damaged.all_rules()] == [r.regex.pattern for r in first.all_rules()]


def test_a_validated_rule_set_is_read_back_whole_and_an_edit_validates_it_again(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    first = load_rules()

    def validated_again(directory):
        raise AssertionError("the kept rule set was validated again")

    with monkeypatch.context() as patched:
        patched.setattr(rules_module, "_validated", validated_again)
        again = load_rules()
    assert again.fingerprint == first.fingerprint != ""
    for name in ("entities", "alias_index", "alias_starts", "alias_owners", "lexicon", "office_holders", "macros",
                 "given_names", "place_words", "source"):
        assert getattr(again, name) == getattr(first, name), name
    assert [(r.id, r.stage, r.regex.pattern, r.regex.flags, r.settings, r.on_names) for r in again.all_rules()] == \
        [(r.id, r.stage, r.regex.pattern, r.regex.flags, r.settings, r.on_names) for r in first.all_rules()]
    # A copy of the rules with one entity more is another rule set: validated, and its error reported.
    own = tmp_path / "rules"
    own.mkdir()
    for path in rules_module.RULES_DIR.iterdir():
        if path.is_file():
            (own / path.name).write_bytes(path.read_bytes())
    with (own / "entities.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[entity]]\nid = "nadie"\nlabel = "Nadie"\nclass = "schema:Person"\naliases = ["Nadie"]\n'
                     'member_of = "no-existe"\n')
    for _ in range(2):  # a rule set with an error is never kept: the second run reports it again
        with pytest.raises(KgError) as err:
            load_rules(own)
        assert err.value.code == "E111"

def test_the_patterns_a_module_compiles_are_kept_under_its_source(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    module = tmp_path / "module.py"
    module.write_text('WORD = "reuni[óo]"\n', encoding="utf-8")
    sources = [(r"\b(?P<verb>reuni[óo])\b", 0), (r"cumbre|encuentro", re.IGNORECASE)]
    first = patterns_module.ModuleRegexes(str(module))
    made = [first.compile(source, flags) for source, flags in sources]
    first.keep()
    [kept] = (tmp_path / "cache").glob("regexes-*.marshal")

    def compiled_again(source, flags):
        raise AssertionError("a kept pattern was compiled again")

    with monkeypatch.context() as patched:
        patched.setattr(patterns_module, "_program", compiled_again)
        again = patterns_module.ModuleRegexes(str(module))
        read = [again.compile(source, flags) for source, flags in sources]
    sentence = "Putin se REUNIÓ en la Cumbre; se reunió después."
    assert [(p.pattern, p.flags, p.groupindex) for p in read] == [(p.pattern, p.flags, p.groupindex) for p in made]
    assert [[m.span() for m in p.finditer(sentence)] for p in read] == \
        [[m.span() for m in p.finditer(sentence)] for p in made]
    # Another source is another entry; a damaged one only compiles the patterns anew.
    module.write_text('WORD = "cumbre"\n', encoding="utf-8")
    other = patterns_module.ModuleRegexes(str(module))
    other.compile(*sources[0])
    other.keep()
    assert len(list((tmp_path / "cache").glob("regexes-*.marshal"))) == 2
    kept.write_bytes(b"damaged")
    module.write_text('WORD = "reuni[óo]"\n', encoding="utf-8")
    damaged = patterns_module.ModuleRegexes(str(module))
    assert [damaged.compile(source, flags).pattern for source, flags in sources] == [s for s, _ in sources]
