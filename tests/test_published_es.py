"""The year of a dateline that gives none, pinned by the terms of the office holders an article names."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import read_article
from kg.extract.text import Article

HEADLINE = "Los dos líderes preparan una nueva cita"


def read_year(body: str, rules, dateline: str = "ROMA, 9 sep (EFE).-") -> tuple[int | None, list[str]]:
    """Return the year an article with a yearless dateline is dated by, and the warnings of its build."""
    notes: list[str] = []
    reading = read_article(Article(Path("nota.txt"), f"{HEADLINE}\n\n{dateline} {body}\n"), rules, None, notes.append)
    published = reading.extraction.published
    return (published.year if published else None), notes


@pytest.mark.parametrize(("body", "year"), [
    # Bush and Gorbachov were both in office from 1989 to 1991; of those years only in 1990 was 16 September,
    # a week after 9 September, a Sunday.
    ("El presidente estadounidense, George H. W. Bush, y el soviético Mijaíl Gorbachov se reunirán el próximo "
     "domingo, día 16, en Malta.", 1990),
    # Obama and Hillary Clinton were both in office from 2009 to 2013; a Monday 14 September fits only 2009.
    ("La secretaria de Estado, Hillary Clinton, y el presidente Barack Obama recibirán el lunes 14 de septiembre "
     "al rey de Jordania.", 2009),
])
def test_the_terms_of_the_office_holders_named_pin_the_year(rules, body, year):
    found, notes = read_year(body, rules)
    assert found == year
    note = notes[0]
    assert note.startswith("[W003] nota.txt:") and f"{year} inferred" in note and "terms of office" in note


@pytest.mark.parametrize("body", [
    # a term that has not ended leaves the years open
    "El canciller ruso, Serguéi Lavrov, se reunirá el próximo domingo, día 16, con su homólogo turco.",
    # terms that never met: one of the two is named as a figure of the past
    "El presidente Barack Obama recordó el próximo domingo, día 16, la política de George H. W. Bush.",
    # no weekday to tell the years apart
    "El presidente estadounidense, George H. W. Bush, y el soviético Mijaíl Gorbachov se reunirán en Malta.",
])
def test_the_year_stays_open_unless_the_terms_and_weekdays_pin_it(rules, body):
    found, notes = read_year(body, rules)
    assert found is None and notes[0].startswith("[W002]")


def test_a_year_the_text_names_comes_before_the_terms_of_office(rules):
    # Bush and Gorbachov were in office in 1991, when 14 September fell on a Saturday; next to 2013, it was a
    # Sunday in 2014 only.
    found, notes = read_year("El presidente George H. W. Bush se reunirá el próximo domingo, día 14, con "
                             "Mijaíl Gorbachov, como en 2013.", rules)
    assert found == 2014 and "next to 2013" in notes[0]
