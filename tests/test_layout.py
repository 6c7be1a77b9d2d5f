"""Layouts of Spanish-language news services: date lines, datelines, bylines and the other blocks.

Every article here is written for these tests, in the layout of a service: a headline, a lead, the
service's date line or dateline, then body paragraphs whose first sentence reports a meeting.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build import Reading, read_article
from kg.cli import app
from kg.extract.segment import classify_blocks, named_years
from kg.extract.text import Article
from tests.conftest import article, events, extract

HEADLINE = "Rusia y Turquía retoman el diálogo en Ankara"
LEAD = "Los dos ministros repasan la agenda bilateral."
MEETING = "El canciller ruso, Serguéi Lavrov, se reunió con su homólogo turco en Ankara."
SECOND = "Ambos acordaron volver a verse antes del verano."


def head(date_line: str) -> str:
    """An article whose date line stands on its own line between the lead and the body."""
    return f"{HEADLINE}\n\n{LEAD}\n\n{date_line}\n\n{MEETING}\n\n{SECOND}\n"


def inline(dateline: str) -> str:
    """An article whose dateline opens the first paragraph of the body."""
    return f"{HEADLINE}\n\n{LEAD}\n\n{dateline} {MEETING}\n\n{SECOND}\n"


def read(text: str, rules, name: str = "nota.txt", published: str | None = None,
         notes: list[str] | None = None) -> Reading:
    """Run the passes over an article text, as `kg build` does for a file of that name."""
    return read_article(Article(Path(name), text), rules, published, (notes if notes is not None else []).append)


def published(reading: Reading) -> str | None:
    """Return the publication date and time an article was given, to the minute."""
    value = reading.extraction.published
    return value.isoformat(timespec="minutes") if value else None


def kinds(reading: Reading) -> list[str]:
    """Return the kinds of the blocks of an article, in text order."""
    return [block.kind for block in reading.blocks]


def place(text: str, reading: Reading) -> str | None:
    """Return the words of the place the article says it was filed from."""
    return text[reading.place.begin:reading.place.end] if reading.place else None


DATE_LINES = [
    # (date line, date and time it gives, place it names)
    ("Publicado: martes, 14 marzo 2023 09:05", "2023-03-14T09:05", None),
    ("Actualizado 3 de marzo de 2018, 10:22 CET", "2018-03-03T10:22", None),
    ("Actualizado el 3 de marzo de 2018, 10:22", "2018-03-03T10:22", None),
    ("17.11.2024 / 08:40", "2024-11-17T08:40", None),
    # The hour of an update is not the hour of publication.
    ("17.11.2024 | actualización 19h40", "2024-11-17T00:00", None),
    ("03/05/2021 - 18:30", "2021-05-03T18:30", None),
    ("Nueva York | 03/05/2021 - 18:30h", "2021-05-03T18:30", "Nueva York"),
    ("2024-06-01 12:00:00", "2024-06-01T12:00", None),
    ("2024-06-01 12:00", "2024-06-01T12:00", None),
    ("Jueves, Marzo 9, 2023 - 11:47", "2023-03-09T11:47", None),
    ("Jueves 9 de marzo de 2023 | 11:47", "2023-03-09T11:47", None),
    ("9 de marzo de 2023 | 11:47", "2023-03-09T11:47", None),
    ("Martes, 14 de marzo de 2023", "2023-03-14T00:00", None),
    ("14 Mar 2023 09:05", "2023-03-14T09:05", None),
    ("14 MAR 2023 09:05", "2023-03-14T09:05", None),
    ("Madrid, 14 mar. 2023", "2023-03-14T00:00", "Madrid"),
    ("Spanish.xinhuanet.com | 2023-03-14 23:10:05", "2023-03-14T23:10", None),
    ("Por Redacción Internacional | Publicado: 14/03/2023 21:40", "2023-03-14T21:40", None),
    ("26/03/2020", "2020-03-26T00:00", None),
    ("24.01.2017 | 17:42 (actualizada a las 18:30)", "2017-01-24T17:42", None),
    ("31 Diciembre de 2021 11.20", "2021-12-31T11:20", None),
    # An agency's dateline alone on its line, with the year: the whole line is the dateline.
    ("PARÍS, 14 Mar 2023 (AFP) -", "2023-03-14T00:00", "PARÍS"),
    ("Publicado el 21/09/2022 a las 17:15", "2022-09-21T17:15", None),
    ("Última actualización: 05.07.2021 - 23:50h", "2021-07-05T23:50", None),
    ("8 de enero de 2020 | 16:30 hs", "2020-01-08T16:30", None),
    ("Vie 11.10.2024 - 07:45", "2024-10-11T07:45", None),
    ("02/02/2022 12:10 | Redacción Mundo", "2022-02-02T12:10", None),
    ("Montevideo, jueves 4 de abril de 2019", "2019-04-04T00:00", "Montevideo"),
    ("Por Ana Gil | Actualizado 5 de junio de 2024, 08:10 CEST", "2024-06-05T08:10", None),
    ("Por Redacción Mundo | 12 de enero de 2021", "2021-01-12T00:00", None),
]


@pytest.mark.parametrize(("line", "when", "where"), DATE_LINES, ids=[c[0] for c in DATE_LINES])
def test_date_line(rules, line: str, when: str, where: str | None) -> None:
    text = head(line)
    notes: list[str] = []
    reading = read(text, rules, notes=notes)
    assert published(reading) == when
    assert place(text, reading) == where
    assert kinds(reading) == ["headline", "lead", "dateline", "body", "body"]
    assert [e.cls for e in events(reading.extraction)] == ["kg:Meeting"]
    assert notes == []


INLINE = [
    # (dateline opening the first paragraph, the date given with the article, date it reads, place)
    ("BOGOTÁ, 3 mar (EFE).-", "2023-03-03", "2023-03-03T00:00", "BOGOTÁ"),
    ("MADRID, 15 Feb. (EUROPA PRESS) -", "2024-02-16", "2024-02-15T00:00", "MADRID"),
    ("MOSCÚ, 15 de febrero. /TASS/.", "2024-02-15", "2024-02-15T00:00", "MOSCÚ"),
    ("PARÍS, 14 Mar 2023 (AFP) -", None, "2023-03-14T00:00", "PARÍS"),
    # A day alone takes the month and the year nearest to the given date.
    ("LA HABANA, 14 (ANSA) –", "2023-03-15", "2023-03-14T00:00", "LA HABANA"),
    ("Caracas, 14 mar (Prensa Latina)", "2023-03-14", "2023-03-14T00:00", "Caracas"),
    ("BRUSELAS (Reuters) -", "2023-03-14", "2023-03-14T00:00", "BRUSELAS"),
    ("WASHINGTON (AP) —", "2023-03-14", "2023-03-14T00:00", "WASHINGTON"),
    ("ASTANÁ (Sputnik) —", "2023-03-14", "2023-03-14T00:00", "ASTANÁ"),
    ("MADRID, 14 mar (Xinhua) --", "2023-03-14", "2023-03-14T00:00", "MADRID"),
    ("Lausana (Suiza), 2 abr (dpa) -", "2023-04-02", "2023-04-02T00:00", "Lausana"),
    # A dateline in the last days of December, given a date in January, is of the year before.
    ("VIENA, 31 dic (EFE).-", "2024-01-01", "2023-12-31T00:00", "VIENA"),
    # A newspaper's own dateline: no agency, a dash after the date.
    ("Ciudad de Guatemala, 9 de agosto de 2021.-", None, "2021-08-09T00:00", "Ciudad de Guatemala"),
    ("ASUNCIÓN, 27 oct —", "2022-10-27", "2022-10-27T00:00", "ASUNCIÓN"),
    ("Rosario, domingo 5 de marzo de 2023 -", None, "2023-03-05T00:00", "Rosario"),
]


@pytest.mark.parametrize(("dateline", "given", "when", "where"), INLINE, ids=[c[0] for c in INLINE])
def test_inline_dateline(rules, dateline: str, given: str | None, when: str, where: str) -> None:
    text = inline(dateline)
    reading = read(text, rules, published=given)
    assert published(reading) == when
    assert place(text, reading) == where
    assert kinds(reading) == ["headline", "lead", "dateline", "body", "body"]
    stamp, body = reading.blocks[2:4]
    assert text[stamp.begin:stamp.end] == dateline
    # The rest of the paragraph is body text, read as usual, with its offsets in the article.
    assert text[body.begin:body.end] == MEETING
    first = reading.sentences[2]
    assert (first.begin, first.end, first.block) == (body.begin, body.end, "body")
    [meeting] = events(reading.extraction)
    assert meeting.cls == "kg:Meeting" and body.begin <= meeting.spans[0].begin < body.end


@pytest.mark.parametrize(("dateline", "where"), [
    ("Washington.-", "Washington"),
    ("Ciudad de México.", "Ciudad de México"),
    ("MONTEVIDEO —", "MONTEVIDEO"),
])
def test_dateline_of_a_place_after_the_date_line(rules, dateline: str, where: str) -> None:
    text = f"{HEADLINE}\n\n{LEAD}\n\n14/03/2023 - 10:05\n\n{dateline} {MEETING}\n"
    reading = read(text, rules)
    assert published(reading) == "2023-03-14T10:05"
    assert place(text, reading) == where
    assert kinds(reading) == ["headline", "lead", "dateline", "dateline", "body"]
    assert text[reading.blocks[-1].begin:reading.blocks[-1].end] == MEETING
    assert [e.cls for e in events(reading.extraction)] == ["kg:Meeting"]


@pytest.mark.parametrize("opening", [
    "Ni acuerdo ni foto final.",
    "El presidente ruso llegó a Ankara.",
    "La OTAN (Organización del Tratado del Atlántico Norte) siguió la cita de cerca.",
    "Estados Unidos y China se dan otra oportunidad.",
    # a body and its acronym in brackets, as "PLACE (AGENCY)" is written, but with no dash after it
    "La Organización Mundial de la Salud (OMS) pidió calma.",
    # a place and a date that open a sentence, with no dash after them
    "Tegucigalpa, 3 de mayo de 2022 y el acuerdo seguía sin firmarse.",
])
def test_a_paragraph_that_opens_with_capitals_keeps_them(rules, opening: str) -> None:
    text = f"{HEADLINE}\n\n14/03/2023\n\n{opening} {MEETING}\n"
    reading = read(text, rules)
    assert kinds(reading) == ["headline", "dateline", "body"]
    assert reading.place is None


def test_the_place_of_the_dateline_is_no_venue(rules) -> None:
    text = inline("ESTAMBUL, 14 mar (EFE).-").replace(" en Ankara.", ".")
    reading = read(text, rules, published="2023-03-14")
    assert place(text, reading) == "ESTAMBUL"
    [meeting] = events(reading.extraction)
    assert not meeting.places.items


def test_date_line_then_subtitle_then_dateline(rules) -> None:
    # A page saved from the web: headline, date, subtitle, then the agency's dateline.
    text = f"{HEADLINE}\n\n2023-03-14 09:05\n\n{LEAD}\n\nANKARA, 14 mar (EFE).- {MEETING}\n"
    reading = read(text, rules)
    assert kinds(reading) == ["headline", "dateline", "lead", "dateline", "body"]
    assert published(reading) == "2023-03-14T09:05"
    assert place(text, reading) == "ANKARA"


# ---- the other blocks ----


@pytest.mark.parametrize(("text", "expected"), [
    # A headline with no blank line after it.
    (f"{HEADLINE}\n{LEAD}\n\n14/03/2023\n\n{MEETING}\n", ["headline", "lead", "dateline", "body"]),
    # A paragraph wrapped in the middle of a phrase is no headline.
    ("Los ministros de Exteriores de Rusia y de\nTurquía se reunieron en Ankara.\n\nOtro párrafo.\n",
     ["headline", "body"]),
    # Bylines, alone or sharing a block with the date line.
    (f"{HEADLINE}\n\n{LEAD}\n\nPor Marta Olaizola, enviada especial\n\n{MEETING}\n",
     ["headline", "lead", "byline", "body"]),
    (f"{HEADLINE}\n\n{LEAD}\n\nJAVIER MOLINA | Ginebra\nActualizado 14 de marzo de 2023, 09:30 CET\n\n{MEETING}\n",
     ["headline", "lead", "byline", "dateline", "body"]),
    (f"{HEADLINE}\n\n{LEAD}\n\nRedacción Internacional\n14/03/2023 - 09:30\n\n{MEETING}\n",
     ["headline", "lead", "byline", "dateline", "body"]),
    (f"{HEADLINE}\n\n{LEAD}\n\nRedacción Política\n\n2023-03-14 09:30\n\n{MEETING}\n",
     ["headline", "lead", "byline", "dateline", "body"]),
    # Credit lines at the end.
    (f"{HEADLINE}\n\n14/03/2023\n\n{MEETING}\n\n(Con información de AFP y Reuters)\n",
     ["headline", "dateline", "body", "credit"]),
    (f"{HEADLINE}\n\n14/03/2023\n\n{MEETING}\n\nFoto: Agencia Anadolu\n", ["headline", "dateline", "body", "credit"]),
    (f"{HEADLINE}\n\n14/03/2023\n\n{MEETING}\n\nEFE\n", ["headline", "dateline", "body", "credit"]),
    (f"{HEADLINE}\n\n14/03/2023\n\n{MEETING}\n\nCon información de la agencia estatal. Habrá otra cita en mayo.\n",
     ["headline", "dateline", "body", "body"]),
    # Subheadings between body paragraphs, in capitals or not.
    (f"{HEADLINE}\n\n14/03/2023\n\n{MEETING}\n\nLa respuesta de Moscú\n\n{SECOND}\n",
     ["headline", "dateline", "body", "subheading", "body"]),
    (f"{HEADLINE}\n\n14/03/2023\n\n{MEETING}\n\nREACCIONES\n\n{SECOND}\n",
     ["headline", "dateline", "body", "subheading", "body"]),
    # A kicker in capitals above a headline with no lead, in a block of its own or not.
    (f"CUMBRE EN ANKARA\n{HEADLINE}\n\n{LEAD}\n\n14/03/2023\n\n{MEETING}\n",
     ["kicker", "headline", "lead", "dateline", "body"]),
    (f"CUMBRE EN ANKARA\n\n{HEADLINE}\n\n14/03/2023\n\n{MEETING}\n", ["kicker", "headline", "dateline", "body"]),
    # Bullet lines of the lead.
    (f"{HEADLINE}\n\n- Moscú pide garantías para el corredor.\n- Ankara ofrece de nuevo su mediación.\n\n"
     f"14/03/2023\n\n{MEETING}\n", ["headline", "lead", "lead", "dateline", "body"]),
])
def test_block_kinds(rules, text: str, expected: list[str]) -> None:
    assert kinds(read(text, rules, published="2023-03-14")) == expected


def test_bullet_lines_are_lead_without_their_dash(rules) -> None:
    text = f"{HEADLINE}\n\n- Moscú pide garantías.\n• Ankara ofrece su mediación.\n\n14/03/2023\n\n{MEETING}\n"
    reading = read(text, rules)
    assert [text[b.begin:b.end] for b in reading.blocks if b.kind == "lead"] == [
        "Moscú pide garantías.", "Ankara ofrece su mediación."]


@pytest.mark.parametrize("silent", [
    "Por Marta Olaizola, enviada especial a Ankara",
    "(Con información de AFP y Reuters)",
])
def test_bylines_and_credits_yield_no_entities_or_events(rules, silent: str) -> None:
    text = f"{HEADLINE}\n\n14/03/2023\n\n{silent}\n\n{MEETING}\n\n{silent}\n"
    reading = read(text, rules)
    assert not any(s.block in ("byline", "credit") for s in reading.sentences)
    spans = [ev for node in reading.extraction.entities.values() for ev in node.spans]
    spans += [ev for frame in reading.extraction.frames for ev in frame.spans]
    silent_blocks = [b for b in reading.blocks if b.kind in ("byline", "credit")]
    assert len(silent_blocks) == 2
    assert not any(b.begin <= ev.begin < b.end for b in silent_blocks for ev in spans)


def test_date_given_only_in_the_body(rules) -> None:
    text = (f"{HEADLINE}\n\nEl canciller ruso, Serguéi Lavrov, se reunió este martes (14.03.2023) con su "
            "homólogo turco en Ankara.\n")
    reading = read(text, rules)
    assert published(reading) == "2023-03-14T00:00"
    [meeting] = events(reading.extraction)
    assert meeting.time.begin.isoformat() == "2023-03-14"


@pytest.mark.parametrize(("sentence", "day"), [
    ("La cumbre se celebrará el día 18 en Ginebra.", "2022-03-18"),
    ("Las delegaciones se reunieron el pasado día 3 en Ginebra.", "2022-03-03"),
    # Before the dateline's day in the future: the next month's.
    ("La reunión se celebrará el día 2 en Ginebra.", "2022-04-02"),
    ("Lavrov se reunirá el sábado 12 con Blinken en Ginebra.", "2022-03-12"),
    ("Lavrov se reunirá el próximo lunes, día 14, con Blinken en Ginebra.", "2022-03-14"),
    ("Lavrov se reunió este martes (8.3.2022) con Blinken en Ginebra.", "2022-03-08"),
])
def test_day_of_the_month(rules, sentence: str, day: str) -> None:
    # conftest's articles are dated Thursday 10 March 2022.
    [event] = events(extract(article(sentence), rules))
    assert (event.time.begin.isoformat(), event.time.end.isoformat()) == (day, day)


def test_day_of_a_month_named_is_a_date(rules) -> None:
    [event] = events(extract(article("La cumbre se celebrará el día 18 de julio en Ginebra."), rules))
    assert event.time.begin.isoformat() == "2022-07-18"


@pytest.mark.parametrize(("sentence", "years"), [
    ("El acuerdo de 2011 sigue en vigor.", [2011]),
    ("Ambos países negocian desde 2006 y quieren cerrar el texto antes de que acabe 2008.", [2006, 2008]),
    ("La cumbre se celebró en 2015 y la siguiente, el 3 de marzo de 2017.", [2015, 2017]),
    # Quantities and times are no years.
    ("El tratado limita a 1.550 las cabezas nucleares; la sesión empezó a las 20.30.", []),
])
def test_years_the_text_names(rules, sentence: str, years: list[int]) -> None:
    text = f"{HEADLINE}\n\n{sentence}\n"
    blocks, _ = classify_blocks(text, rules)
    assert named_years(text, blocks, rules) == years


# ---- the year and the publication date ----


@pytest.mark.parametrize(("name", "given", "when"), [
    ("2023-03-14_cumbre.txt", None, "2023-03-14T00:00"),
    ("cumbre.txt", "2023-03-14", "2023-03-14T00:00"),
    # The command line wins over the file name.
    ("2023-03-10_cumbre.txt", "2023-03-14", "2023-03-14T00:00"),
])
def test_an_undated_article_takes_the_given_date(rules, name: str, given: str | None, when: str) -> None:
    text = f"{HEADLINE}\n\n{LEAD}\n\nEl canciller ruso se reunió este lunes con su homólogo turco.\n"
    notes: list[str] = []
    reading = read(text, rules, name, given, notes)
    assert published(reading) == when
    assert notes == []
    [meeting] = events(reading.extraction)
    assert meeting.time.begin.isoformat() == "2023-03-13"
    # Its provenance is the whole text: the date is not written in it.
    assert (reading.extraction.published_evidence.begin, reading.extraction.published_evidence.end) == (0, len(text))


def test_the_article_own_date_wins_over_the_given_one(rules) -> None:
    reading = read(head("14/03/2023 - 10:05"), rules, "2020-01-01_nota.txt", "2021-01-01")
    assert published(reading) == "2023-03-14T10:05"


def test_an_undated_article_is_named_in_a_warning(rules) -> None:
    notes: list[str] = []
    reading = read(f"{HEADLINE}\n\n{LEAD}\n\n{MEETING}\n", rules, "cumbre.txt", notes=notes)
    assert reading.extraction.published is None
    assert notes == ['[W001] cumbre.txt: no publication date: relative dates ("este jueves", "mañana") stay '
                     "unresolved; give --published YYYY-MM-DD or start the file name with the date"]


def test_build_prints_the_warning_and_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cumbre.txt").write_text(f"{HEADLINE}\n\n{LEAD}\n\n{MEETING}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", "cumbre.txt", "--out", "out"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0].startswith("Warning: [W001] cumbre.txt: no publication date")
    assert (tmp_path / "out" / "graph.ttl").exists()
    result = CliRunner().invoke(app, ["build", "cumbre.txt", "--out", "out", "--published", "2023-03-14"])
    assert result.exit_code == 0 and "Warning" not in result.stderr
    assert '"2023-03-14T00:00:00"^^xsd:dateTime' in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


YEARLESS = "VIENA, 12 Oct. (EUROPA PRESS) -"


@pytest.mark.parametrize(("body", "year"), [
    # 12 October was a Friday in 2012, not in 2010 or 2011: "este viernes" in the past pins 2012.
    ("El canciller ruso se reunió este viernes con su homólogo turco. El acuerdo de 2011 sigue en vigor.", 2012),
    # A weekday given with its day: Sunday 14 September, after 9 September, next to 2013, is of 2014.
    ("El canciller ruso se reunirá el próximo domingo, día 14, con su homólogo turco, como en 2013.", 2014),
])
def test_year_inferred_when_the_article_pins_it(rules, body: str, year: int) -> None:
    dateline = YEARLESS if year == 2012 else "ROMA, 9 sep (EFE).-"
    text = f"{HEADLINE}\n\n{dateline} {body}\n"
    notes: list[str] = []
    reading = read(text, rules, notes=notes)
    assert reading.extraction.published.year == year
    [note] = notes
    assert note.startswith(f"[W003] nota.txt: the dateline at {len(HEADLINE) + 2}-{len(HEADLINE) + 2 + len(dateline)}")
    assert f"{year} inferred" in note


@pytest.mark.parametrize(("body", "year"), [
    # No year named, but the terms of a titled office holder: Sunday 14 September within Gorbachev's years is 1986.
    ("El presidente soviético, Mijaíl Gorbachov, se reunirá el próximo domingo, día 14, con su homólogo francés.",
     1986),
    # "su homólogo" is a title too: within Olmert's years, 14 September fell on a Sunday in 2008 only.
    ("El canciller alemán habló ayer con su homólogo israelí, Ehud Olmert, y se verán el próximo domingo, día 14.",
     2008),
])
def test_year_inferred_within_the_terms_of_the_office_holders_named(rules, body: str, year: int) -> None:
    notes: list[str] = []
    reading = read(f"{HEADLINE}\n\nROMA, 9 sep (EFE).- {body}\n", rules, notes=notes)
    assert reading.extraction.published.year == year
    [note] = notes
    assert f"{year} inferred: the only year within the terms of office of " in note


@pytest.mark.parametrize(("dateline", "body"), [
    # No year named: nothing to check the weekday against.
    (YEARLESS, "El canciller ruso se reunió este viernes con su homólogo turco."),
    # "este lunes" in the past fits every year.
    (YEARLESS, "El canciller ruso se reunió este lunes con su homólogo turco. El acuerdo de 2011 sigue en vigor."),
    # No weekday at all.
    (YEARLESS, "El canciller ruso se reunió con su homólogo turco. El acuerdo de 2011 sigue en vigor."),
    # A former holder's terms say nothing of the day the article tells.
    ("ROMA, 9 sep (EFE).-",
     "El expresidente soviético Mijaíl Gorbachov se reunirá el próximo domingo, día 14, con su homólogo francés."),
    # Medvedev's terms run from 2008 to 2020: 14 September fell on a Sunday in 2008 and in 2014.
    ("ROMA, 9 sep (EFE).-",
     "El presidente ruso, Dmitri Medvédev, se reunirá el próximo domingo, día 14, con su homólogo francés."),
    # "Bush" names two presidents: whose terms are meant is not known.
    ("ROMA, 9 sep (EFE).-", "El presidente George Bush se reunirá el próximo domingo, día 14, con su homólogo francés."),
])
def test_year_left_unresolved_unless_pinned(rules, dateline: str, body: str) -> None:
    notes: list[str] = []
    reading = read(f"{HEADLINE}\n\n{dateline} {body}\n", rules, notes=notes)
    assert reading.extraction.published is None
    [note] = notes
    assert note.startswith("[W002] nota.txt: the dateline at ") and "gives no year" in note
    assert [e.cls for e in events(reading.extraction, "kg:Meeting")] == ["kg:Meeting"]


@pytest.mark.parametrize(("line", "detail", "when"), [
    ("29 de febrero de 2023 10:00", "day 29 of 2023-02", None),
    ("32 de marzo de 2023", "day 32 of 2023-03", None),
    ("14/13/2023", "month 13", None),
    # An hour that cannot be is dropped; the day stands.
    ("14/03/2023 25:10", "time 25:10", "2023-03-14T00:00"),
])
def test_impossible_date_line_is_a_warning(rules, line: str, detail: str, when: str | None) -> None:
    text = head(line)
    notes: list[str] = []
    reading = read(text, rules, notes=notes)
    begin = text.index(line)
    assert notes[0] == f"[W004] nota.txt: no such date at {begin}-{begin + len(line)} ('{line}'): {detail}"
    assert published(reading) == when
    assert [e.cls for e in events(reading.extraction)] == ["kg:Meeting"]


def test_impossible_date_in_the_body_is_a_warning(rules) -> None:
    text = head("14/03/2023").replace(" en Ankara.", " en Ankara el 30 de febrero de 2023.")
    notes: list[str] = []
    reading = read(text, rules, notes=notes)
    begin = text.index("el 30 de febrero")
    assert notes == [f"[W004] nota.txt: no such date at {begin}-{begin + 24} ('el 30 de febrero de 2023'): "
                     "day 30 of 2023-02"]
    # The meeting keeps no such day: it is only bounded by the publication, as any past event without one.
    [meeting] = events(reading.extraction)
    assert (meeting.time.begin, meeting.time.latest.isoformat()) == (None, "2023-03-14")


# ---- line endings ----


@pytest.mark.parametrize(("name", "convert"), [
    ("crlf", lambda text: text.replace("\n", "\r\n")),
    ("cr", lambda text: text.replace("\n", "\r")),
    ("bom", lambda text: "\ufeff" + text),
    ("bom-crlf", lambda text: "\ufeff" + text.replace("\n", "\r\n")),
])
def test_line_endings_give_the_same_graph(tmp_path: Path, name: str, convert) -> None:
    from kg.build import build_graph, serialize

    text = head("Jueves 9 de marzo de 2023 | 11:47")
    lf, other = tmp_path / "lf" / "nota.txt", tmp_path / name / "nota.txt"
    for path, content in ((lf, text), (other, convert(text))):
        path.parent.mkdir()
        path.write_bytes(content.encode("utf-8"))
    assert serialize(build_graph([other])) == serialize(build_graph([lf]))
