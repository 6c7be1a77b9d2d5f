"""Lemma macros: every form of a verb or noun named once, from the forms file; and that file itself."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kg.extract.forms import check, collect, load_table, render, tag_verb, used_lemmas
from kg.extract.lemmas import FORMS_FILE, Expander, stressed, trie
from kg.extract.rules import RULES_DIR
from tests.conftest import article, events, extract, labels, statements


@pytest.fixture(scope="module")
def expander() -> Expander:
    """An expander over the shipped forms file."""
    return Expander(RULES_DIR / FORMS_FILE)


def matches(expander: Expander, macro: str, text: str) -> list[str]:
    """Return what a macro matches in a text."""
    return [m.group() for m in re.finditer(expander.regex(macro, "test.toml", "test.rule"), text)]


@pytest.mark.parametrize(("macro", "sentence", "found"), [
    # simple past, future, present
    ("{verb:hablar}", "Los ministros hablaron durante una hora.", "hablaron"),
    ("{verb:hablar}", "El canciller hablará mañana con su colega.", "hablará"),
    ("{verb:hablar}", "La portavoz habla de un avance.", "habla"),
    # compound perfect and pluperfect, with every form of "haber"
    ("{verb:hablar}", "Ambos líderes han hablado de la crisis.", "han hablado"),
    ("{verb:hablar}", "El enviado había hablado antes con Ankara.", "había hablado"),
    ("{verb:hablar}", "Para el viernes habrá hablado con todos.", "habrá hablado"),
    # periphrastic future
    ("{verb:hablar}", "Los jefes de Estado van a hablar el lunes.", "van a hablar"),
    # proclitics and enclitics
    ("{verb:decir}", "El mediador se lo dijo a la prensa.", "se lo dijo"),
    ("{verb:decir}", "Prefirió no decirlo en público.", "decirlo"),
    ("{verb:decir}", "Siguió diciéndoselo a sus aliados.", "diciéndoselo"),
    # a pronominal verb takes "se" when finite, and carries it as an enclitic otherwise
    ("{verb:reunirse}", "Las delegaciones se reunieron en Viena.", "se reunieron"),
    ("{verb:reunirse}", "Mañana nos reuniremos de nuevo.", "nos reuniremos"),
    ("{verb:reunirse}", "Los negociadores se habían reunido dos veces.", "se habían reunido"),
    ("{verb:reunirse}", "Las partes van a reunirse en Doha.", "van a reunirse"),
    ("{verb:reunirse}", "Las partes se van a reunir en Doha.", "se van a reunir"),
    ("{verb:reunirse}", "Los cancilleres se podrían reunir en marzo.", "se podrían reunir"),
    ("{verb:reunirse}", "Siguieron reuniéndose en secreto.", "reuniéndose"),
    ("{verb:reunirse}", "Acordaron reunirse otra vez.", "reunirse"),
    ("{verb:reunirse}", "Los emisarios se reúnen cada mes.", "se reúnen"),
    # sentence-initial capitals
    ("{verb:reunirse}", "Se reunieron a puerta cerrada.", "Se reunieron"),
    ("{verb:hablar}", "Hablaron de comercio y de energía.", "Hablaron"),
    ("{noun:reunión}", "Reuniones así no se repiten.", "Reuniones"),
    # nouns: singular and plural
    ("{noun:reunión}", "Hubo varias reuniones técnicas.", "reuniones"),
    ("{noun:visita}", "La visita duró dos días.", "visita"),
    # irregular forms the table gives to another lemma, restored
    ("{verb:verse}", "Los dos presidentes se han visto en Roma.", "se han visto"),
    # a lemma the table lacks, conjugated like a model verb
    ("{verb:tuitear}", "La ministra tuiteó su respuesta.", "tuiteó"),
])
def test_a_macro_matches_every_form(expander, macro, sentence, found):
    assert matches(expander, macro, sentence) == [found]


@pytest.mark.parametrize(("macro", "sentence"), [
    # another lemma sharing a prefix
    ("{verb:hablar}", "El hablador de la delegación no acudió."),
    ("{verb:reunirse}", "Abogó por reunificar el país."),
    ("{noun:reunión}", "Un reunionista habló ante el pleno."),
    # a pronominal verb without its reflexive is another verb
    ("{verb:reunirse}", "El anfitrión reunió a los ministros."),
    # a bare participle is an adjective unless asked for
    ("{verb:celebrar}", "La cumbre celebrada en Lima terminó."),
    # a tense not chosen
    ("{verb[past]:hablar}", "El canciller hablará mañana."),
    ("{verb[future]:hablar}", "El canciller ha hablado con Lima."),
    # a first person in -o is a noun more often than a verb
    ("{verb[present,third]:anunciar}", "El anuncio llegó tarde."),
    # an agreement in the plural only
    ("{verb[past,third,plural]:acordar}", "El Gobierno acordó subir los precios."),
])
def test_a_macro_does_not_match_other_words(expander, macro, sentence):
    assert matches(expander, macro, sentence) == []


@pytest.mark.parametrize(("macro", "sentence", "found"), [
    ("{verb[past]:hablar}", "Ya habían hablado por la mañana.", "habían hablado"),
    ("{verb[future]:hablar}", "Hablarán el martes.", "Hablarán"),
    ("{verb[participle]:cancelar}", "Las consultas canceladas no se retomaron.", "canceladas"),
    ("{verb[past,third,plural]:acordar}", "Ambos gobiernos han acordado una tregua.", "han acordado"),
    ("{noun[plural]:consulta}", "Tras las consultas, la consulta siguió abierta.", "consultas"),
])
def test_selectors_choose_forms(expander, macro, sentence, found):
    assert matches(expander, macro, sentence) == [found]


def test_a_clitic_starts_the_match_so_that_a_negation_before_it_is_seen(expander):
    negated = re.compile(r"(?<!\bno )" + expander.regex("{verb[past]:descartar}", "test.toml", "test.rule"))
    assert negated.search("Moscú no lo descartó.") is None
    assert negated.search("Moscú lo descartó.").group() == "lo descartó"


@pytest.mark.parametrize(("word", "accented"), [
    ("hablando", "hablándo"), ("reuniendo", "reuniéndo"), ("siguiendo", "siguiéndo"),
    ("hable", "háble"), ("explique", "explíque"), ("reúnan", "reúnan"),
])
def test_an_enclitic_brings_a_written_accent(word, accented):
    assert stressed(word) == accented


def test_a_trie_factors_shared_prefixes_out():
    assert trie(["habla", "hablan", "hablaron", "habló"]) == "[hH]abl(?:a(?:ron|n)?|ó)"


# ---- rules by lemma, on sentences ----


@pytest.mark.parametrize("sentence", [
    "Putin y Biden han hablado por teléfono este jueves.",
    "Los presidentes platicaron por teléfono durante una hora.",
    "El primer ministro telefoneó a su homólogo alemán, Olaf Scholz.",
])
def test_phone_verbs(rules, sentence):
    assert len(events(extract(article(sentence), rules), "kg:PhoneCall")) == 1


@pytest.mark.parametrize("sentence", [
    "Lavrov y Blinken se habían reunido en Ginebra.",
    "Lavrov y Blinken sostuvieron un encuentro en Ginebra.",
    "Lavrov se entrevistó con Blinken en Ginebra.",
    "Lavrov se vio con su homólogo estadounidense en Ginebra.",
])
def test_meeting_verbs(rules, sentence):
    [meeting] = events(extract(article(sentence), rules), "kg:Meeting")
    assert "Serguéi Lavrov" in labels(extract(article(sentence), rules), meeting.actors.items)


def test_a_state_after_verse_con_is_no_meeting(rules):
    assert events(extract(article("La propuesta se vio con recelo en Moscú."), rules), "kg:Meeting") == []


@pytest.mark.parametrize(("sentence", "cls"), [
    ("Lavrov ha afirmado que Moscú no atacará.", "kg:Assertion"),
    ("Lavrov tuiteó que la reunión fue un fracaso.", "kg:Assertion"),
    ("Blinken confirmó que viajará a Kiev.", "kg:Assertion"),
    ("Scholz lamentó que no hubiera acuerdo.", "kg:Assessment"),
    ("Guterres instó a las partes a negociar.", "kg:Appeal"),
    ("Erdogan había advertido que la escalada sería peligrosa.", "kg:Warning"),
])
def test_reporting_verbs(rules, sentence, cls):
    [said] = statements(extract(article(sentence), rules))
    assert said.cls == cls


def test_a_compound_past_bounds_a_date_backwards(rules):
    # Thursday 10 March 2022: "el lunes" of a past told in the compound past is 7 March.
    [meeting] = events(extract(article("Lavrov y Blinken se han reunido el lunes en Ginebra."), rules), "kg:Meeting")
    assert str(meeting.time.begin) == "2022-03-07"


# ---- the forms file ----


def test_the_shipped_forms_file_is_what_the_script_writes_from_the_rules():
    # Without spaCy's table: every lemma used has forms, no other lemma has, rows are sorted and tagged.
    assert check(RULES_DIR) == []


def test_the_shipped_forms_file_is_what_the_table_gives():
    # With the `forms` extra installed: byte for byte what `python -m kg.extract.forms` writes.
    pytest.importorskip("spacy_lookups_data")
    from importlib.metadata import version
    text = render(collect(used_lemmas(RULES_DIR), load_table(), []), version("spacy-lookups-data"))
    assert (RULES_DIR / FORMS_FILE).read_text(encoding="utf-8") == text


def test_check_names_a_stale_forms_file(tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    statements_file = rules / "statements.toml"
    statements_file.write_text(statements_file.read_text(encoding="utf-8").replace(
        "{verb[past,present,third]:explicar}", "{verb[past,present,third]:explicar,argumentar}"), encoding="utf-8")
    assert check(rules) == ["forms.tsv: no forms of the verb 'argumentar'"]


@pytest.mark.parametrize(("lemma", "tag", "forms"), [
    ("decir", "preterite", {"dijo", "dijeron", "dije", "dijimos"}),
    ("pedir", "present", {"pide", "piden", "pido", "pedimos"}),
    ("sostener", "participle", {"sostenido", "sostenida", "sostenidas"}),
    ("ser", "imperfect", {"era", "eran", "éramos"}),
])
def test_tenses_read_from_the_paradigm(lemma, tag, forms):
    listed = {f for line in (RULES_DIR / FORMS_FILE).read_text(encoding="utf-8").splitlines()
              if line.startswith(f"verb\t{lemma}\t") for f in line.split("\t")[3].split(" ")}
    tags = tag_verb(lemma, listed)
    assert {f for f in listed if tag in tags[f]} == forms
