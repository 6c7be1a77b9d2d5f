"""kg eval: names match as the corpus spec says, gold events pair one to one, facts and nodes are counted
exactly, bad gold files give numbered errors, and the development corpus keeps its floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate import name_matches

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
# A little below what the rules reach on the development corpus, so that a regression fails.
F1_FLOOR = 0.85
PRECISION_FLOOR = 0.92

runner = CliRunner()

ARTICLE = (
    "Titular\n\nEntradilla de la noticia.\n\n10 Marzo de 2022 10.00\n\n"
    "El presidente ruso, Vladimir Putin, habló por teléfono con Joe Biden el 8 de marzo. "
    "Biden afirmó que el diálogo continuará.\n"
)


@pytest.mark.parametrize("name, label, expected", [
    ("Putin", "Vladimir Putin", True),                    # the label contains the name
    ("vladímir putin", "Vladimir Putin", True),           # accents and case do not matter
    ("Rusia", "Gobierno ruso", True),                     # "ruso" is a form of "Rusia"
    ("Ministerio de Exteriores", "Ministerio de Asuntos Exteriores", True),
    ("Ministerio de Exterior", "Ministerio de Exteriores", True),
    ("Casa Blanca", "Presidencia de Estados Unidos", False),
    ("Rusia", "Rumanía", False),                          # "ru" is too short a common prefix
    ("Bielorrusia", "Rusia", False),
    ("la Unión por el Mediterráneo", "Unión por el Mediterráneo", True),   # articles and prepositions left out
])
def test_names_match_as_the_spec_says(name, label, expected):
    assert name_matches(name, label) is expected


def write_case(directory: Path, gold: str, text: str = ARTICLE, name: str = "llamada") -> Path:
    """Write an article and its gold annotation into a directory."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    (directory / f"{name}.gold.toml").write_text(gold, encoding="utf-8")
    return directory


GOLD = '''
[article]
published = "2022-03-10"

[[event]]
type = "PhoneCall"
anchors = ["habló por teléfono"]
participants = ["Vladímir Putin|Putin", "Joe Biden", "Emmanuel Macron"]
date = "2022-03-08"
place = "Moscú"

[[statement]]
speaker = "Joe Biden|Biden"
anchor = "afirmó"

[[statement]]
speaker = "Emmanuel Macron"
anchor = "Titular"
'''


def test_facts_and_nodes_are_counted_exactly(tmp_path):
    # Facts: published 1; call found 1, type 1, participants 3 (Macron missed), time 1, place 1 (missed),
    # status none 1; statements 2 (one missed) = 11 facts, 8 found.
    result = runner.invoke(app, ["eval", str(write_case(tmp_path, GOLD)), "--format", "json"])
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)["articles"][0]
    assert (article["facts_found"], article["gold_facts"]) == (8, 11)
    assert sorted(article["missed"]) == [
        "event PhoneCall 'habló por teléfono': participant Emmanuel Macron",
        "event PhoneCall 'habló por teléfono': place Moscú",
        "statement 'Titular' (Emmanuel Macron): not found",
    ]
    assert article["false_positives"] == []
    assert (article["nodes_paired"], article["nodes"]) == (2, 2)


def test_an_unpaired_event_loses_all_its_facts_and_a_stray_node_counts_against_precision(tmp_path):
    gold = '''
[[event]]
type = "Meeting"
anchors = ["Entradilla"]
participants = ["Joe Biden"]
date = "2022-03-08"
'''
    result = runner.invoke(app, ["eval", str(write_case(tmp_path, gold)), "-f", "json"])
    article = json.loads(result.stdout)["articles"][0]
    # found, type, one participant, time, status: five facts, none found.
    assert (article["facts_found"], article["gold_facts"]) == (0, 5)
    # The call and the statement are paired with nothing.
    assert (article["nodes_paired"], article["nodes"]) == (0, 2)
    assert len(article["false_positives"]) == 2


def test_optional_entries_neither_miss_nor_count_against_precision(tmp_path):
    gold = '''
[[event]]
type = "PhoneCall"
anchors = ["habló por teléfono"]
participants = []
optional = true

[[statement]]
speaker = "Joe Biden"
anchor = "Biden afirmó"
optional = true
'''
    result = runner.invoke(app, ["eval", str(write_case(tmp_path, gold)), "-f", "json"])
    article = json.loads(result.stdout)["articles"][0]
    assert (article["facts_found"], article["gold_facts"], article["nodes"]) == (0, 0, 0)


def test_verbose_lists_misses_and_false_positives_and_the_total_comes_last(tmp_path):
    result = runner.invoke(app, ["eval", str(write_case(tmp_path, GOLD)), "--verbose"])
    lines = result.stdout.splitlines()
    assert lines[0].startswith("llamada ")
    assert "  missed: event PhoneCall 'habló por teléfono': place Moscú" in lines
    assert lines[-1].startswith("total ") and "facts      8/11" in lines[-1]


def test_min_f1_fails_below_the_threshold(tmp_path):
    directory = write_case(tmp_path, GOLD)
    assert runner.invoke(app, ["eval", str(directory), "--min-f1", "0.5"]).exit_code == 0
    result = runner.invoke(app, ["eval", str(directory), "--min-f1", "0.95"])
    assert result.exit_code == 1
    assert result.stderr == "Error: total F1 0.842 is below --min-f1 0.95\n"


@pytest.mark.parametrize("gold, message", [
    ('[[event]]\ntype = "Party"\nanchors = ["habló"]\n',
     "Error: [E502] llamada.gold.toml: invalid gold annotation: unknown event type 'Party'\n"),
    ('[[event]]\ntype = "PhoneCall"\nanchors = ["se reunió"]\n',
     "Error: [E503] llamada.gold.toml: anchor 'se reunió' does not occur in the article "
     "(each anchor must occur exactly once)\n"),
    ('[[statement]]\nspeaker = "Biden"\nanchor = "Biden"\n',
     "Error: [E503] llamada.gold.toml: anchor 'Biden' occurs 2 times in the article "
     "(each anchor must occur exactly once)\n"),
    ('[article]\npublished = "10/03/2022"\n',
     "Error: [E502] llamada.gold.toml: invalid gold annotation: 'published' must be a date YYYY-MM-DD, "
     "not '10/03/2022'\n"),
    ('[[event]]\ntype = "PhoneCall"\nanchors = ["habló"]\nwhen = "ayer"\n',
     "Error: [E502] llamada.gold.toml: invalid gold annotation: unknown key 'when' in [[event]]\n"),
])
def test_bad_gold_files_give_one_numbered_line(tmp_path, gold, message):
    result = runner.invoke(app, ["eval", str(write_case(tmp_path, gold))])
    assert (result.exit_code, result.stderr, result.stdout) == (3, message, "")


def test_a_directory_without_gold_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: [E501] no gold annotations: {tmp_path} holds no NAME.txt with a "
                             "NAME.gold.toml beside it\n")


def test_eval_prints_table_or_json_only(tmp_path):
    result = runner.invoke(app, ["eval", str(write_case(tmp_path, GOLD)), "-f", "csv"])
    assert result.exit_code == 2
    assert result.stderr == "Error: [E406] --format csv does not apply to kg eval results (use table or json)\n"


def test_the_development_corpus_keeps_its_floor():
    result = runner.invoke(app, ["eval", str(CORPUS), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 31
    assert data["total"]["f1"] >= F1_FLOOR
    assert data["total"]["precision"] >= PRECISION_FLOOR
    seed = next(a for a in data["articles"] if a["name"] == "2021-12-31_llamada-putin-biden")
    assert seed["facts_found"] == seed["gold_facts"]
