"""Any number of distinct articles made from the development corpus, to measure how a build scales.

Each article is one of tests/corpus/*.txt with its people, cities and dates changed: most of the
people the lexicon lists are renamed (a given name of kg/rules/given-names.txt and an invented
surname, so that the rules introduce them as new people), the cities it names become other cities of
the lexicon, the years move a few years and the days of the month a few days. Countries and the
remaining people stay, so some entities are shared by many articles, as in a real news archive.
Seeded: the same count and seed give the same articles.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from kg.extract.rules import RuleSet

ROOT = Path(__file__).resolve().parent.parent
BASES = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
# Syllables of invented surnames: three of them make thousands of names that no lexicon lists.
SYLLABLES = ("ba", "ca", "da", "fe", "ga", "la", "ma", "na", "pe", "ra", "sa", "ta", "vi", "zo", "lu", "mo",
             "ri", "te", "ver", "gol", "san", "der", "mar", "tel")
RENAMED_SHARE = 0.7  # of the listed people an article names, those who get a new name
MONTH_WORDS = ("enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
               "|ene|feb|mar|abr|may|jun|jul|ago|sep|sept|oct|nov|dic")
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-3]\d)(?!\d)")
DAY = re.compile(rf"(?<![\d.,/])([1-9]|[12]\d|3[01])(?=\s+(?:de\s+)?(?:{MONTH_WORDS})\b)", re.IGNORECASE)


class Variator:
    """Renames the people, cities and dates of corpus articles, one seeded variant at a time."""

    def __init__(self, rules: RuleSet, seed: int = 1) -> None:
        """Index the aliases of the lexicon's people and cities, and the given names to invent people with."""
        self.seed = seed
        self.bases = [(path, path.read_text(encoding="utf-8")) for path in BASES]
        self.cities = sorted(e.label for e in rules.entities.values() if e.cls == "schema:City")
        self.given = [n for n in rules.given_names if n.isalpha() and n.istitle() and rules.given_name(n)]
        self.owner: dict[str, tuple[str, str]] = {}  # alias (and its capitals) -> (entity id, class)
        for entity in rules.entities.values():
            if entity.cls in ("schema:Person", "schema:City"):
                for alias in entity.aliases:
                    for form in (alias, alias.upper()):
                        self.owner.setdefault(form, (entity.id, entity.cls))
        names = sorted(self.owner, key=lambda a: (-len(a), a))
        self.names = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")

    def surname(self, rng: random.Random) -> str:
        """Invent a surname of three syllables."""
        return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()

    def variant(self, number: int) -> tuple[str, str]:
        """Return the file name and text of variant `number`: its base article with new people, cities and dates."""
        path, text = self.bases[number % len(self.bases)]
        rng = random.Random(f"{self.seed}-{number}")
        renamed: dict[str, tuple[str, str] | None] = {}  # entity id -> (whole name, surname), or None: kept
        cities: dict[str, str] = {}

        def rename(match: re.Match) -> str:
            """Return the new form of a person's or a city's name."""
            alias = match.group(1)
            entity, cls = self.owner[alias]
            upper = alias.isupper() and not alias.istitle()
            if cls == "schema:City":
                new = cities.setdefault(entity, rng.choice(self.cities))
            else:
                if entity not in renamed:
                    renamed[entity] = ((f"{rng.choice(self.given)} {(last := self.surname(rng))}", last)
                                       if rng.random() < RENAMED_SHARE else None)
                if renamed[entity] is None:
                    return alias
                whole, last = renamed[entity]
                new = whole if " " in alias else last
            return new.upper() if upper else new

        years, days = rng.randint(-6, 6), rng.randint(0, 27)
        text = self.names.sub(rename, text)
        text = YEAR.sub(lambda m: str(int(m.group(1)) + years), text)
        text = DAY.sub(lambda m: str((int(m.group(1)) - 1 + days) % 28 + 1), text)
        return f"{path.stem}-{number:05d}.txt", text

    def write(self, count: int, directory: Path) -> list[Path]:
        """Write `count` variants into a directory and return their paths."""
        paths = []
        for number in range(count):
            name, text = self.variant(number)
            paths.append(directory / name)
            paths[-1].write_text(text, encoding="utf-8")
        return paths
