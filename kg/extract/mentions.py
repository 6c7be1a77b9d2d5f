"""Mention pass: run the rules over each sentence and keep the non-overlapping matches, with offsets."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from kg.errors import KgError
from kg.extract.budget import RULE_SECONDS, limited
from kg.extract.patterns import WORD, Requirement, fold, required_words
from kg.extract.rules import Entity, Rule, RuleSet
from kg.extract.segment import Sentence
from kg.rdf.ids import slug

# Stages whose patterns contain entity names on purpose; other stages may not overlap a name.
CONTAINER_STAGES = {"venue", "frame", "attribution", "action", "group", "entity", "layout", "participants"}
# The salience a title said with no country or body needs of the one it names: named in one of the last
# two sentences, or often before.
NEAR = 0.25
# How many sentences back a mention still adds to a person's salience: the weight of one further back, a power of
# one half, is no float but 0.0, and a sum that adds it is the sum without it.
FADE = 1074
# Stages resolved by the entity pass itself rather than by plain matching.
ENTITY_STAGES = {"entity", "alias", "group", "layout", "reference", "people", "side"}
# The stages matched before the article is dated (match_dates), whose matches find_mentions then takes.
DATE_STAGES = ("date", "tense")
# The rules of each stage list with their required words (see _required).
_REQUIRED_BY_STAGE: dict[int, tuple[list[Rule], list[tuple[Rule, Requirement | None]]]] = {}


@dataclass
class Mention:
    """A rule match in a sentence: its kind, offsets, the rule, named groups and resolved data."""

    kind: str
    begin: int
    end: int
    rule: str
    sentence: int
    groups: dict[str, tuple[int, int]] = field(default_factory=dict)
    data: dict[str, object] = field(default_factory=dict)

    @property
    def head(self) -> int:
        """Return where the whole mention starts, title included ("el presidente polaco, Andrzej Duda")."""
        return min([b for b, _ in self.groups.values()] + [self.begin])

    def overlaps(self, other: "Mention") -> bool:
        """Tell whether two mentions share at least one character."""
        return self.begin < other.end and other.begin < self.end


@dataclass
class Person:
    """A person found by a title pattern: the name and what the title says of them."""

    id: str
    label: str
    title: str | None = None
    qualifier: str | None = None
    affiliation: str | None = None
    evidence: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class Mentions:
    """All mentions of an article, by sentence, plus the people the rules introduced."""

    by_sentence: dict[int, list[Mention]]
    people: dict[str, Person]
    # The mentions by sentence and kind, indexed on the first look-up: the frames ask tens of times a sentence.
    by_kind: dict[tuple[int, str], list[Mention]] | None = field(default=None, repr=False, compare=False)

    def of(self, sentence: int, kind: str) -> list[Mention]:
        """Return the mentions of one kind in one sentence, in text order."""
        if self.by_kind is None:
            self.by_kind = {}
            for index, found in self.by_sentence.items():
                for m in found:
                    self.by_kind.setdefault((index, m.kind), []).append(m)
        return list(self.by_kind.get((sentence, kind), ()))


def _groups(match: re.Match[str], offset: int) -> dict[str, tuple[int, int]]:
    """Return the article offsets of the named groups that took part in a match."""
    spans = match.regs  # every group's span at once: a look-up by name costs one of the group index each
    return {name: (offset + spans[index][0], offset + spans[index][1])
            for name, index in match.re.groupindex.items() if spans[index][0] != -1}


def _greedy(mentions: list[Mention]) -> list[Mention]:
    """Keep the earliest, then longest, of overlapping mentions of one stage."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.begin, -(m.end - m.begin))):
        if not any(m.overlaps(k) for k in kept):
            kept.append(m)
    return kept


@lru_cache(maxsize=8)
def _words(chunk: str) -> frozenset[str]:
    """Return the whole words of a sentence (kept for the few strings the stages read in turn)."""
    return frozenset(WORD.findall(chunk))


# A word folded once: the passes read every sentence in turn, so the folded words of a sentence are found again.
_fold_word = lru_cache(maxsize=1 << 14)(fold)


@lru_cache(maxsize=8)
def _folded_words(chunk: str) -> frozenset[str]:
    """Return the whole words of a sentence as a pattern that ignores case compares them."""
    return frozenset(map(_fold_word, _words(chunk)))


def _required(rules: list[Rule]) -> list[tuple[Rule, Requirement | None]]:
    """Return the rules of a stage with the words each requires, looked up once per stage."""
    kept = _REQUIRED_BY_STAGE.get(id(rules))
    # The list is kept with its entry, so that its id names no other list while the entry lives.
    if kept is None or kept[0] is not rules or len(kept[1]) != len(rules):
        if len(_REQUIRED_BY_STAGE) >= 512:
            _REQUIRED_BY_STAGE.clear()
        kept = _REQUIRED_BY_STAGE[id(rules)] = (rules, [(rule, required_words(rule.regex)) for rule in rules])
    return kept[1]


def _match_rules(rules: list[Rule], text: str, sentence: Sentence, kind: str,
                 masked: str | None = None) -> list[Mention]:
    """Run the rules of one stage over a sentence and return their non-overlapping matches.

    Rules that use a name macro read the sentence with its lexicon names masked (RuleSet.masked). A rule
    whose required words (kg.extract.patterns.required_words) the sentence lacks is not run: it could not match.
    """
    if not rules:
        return []
    chunk = text[sentence.begin:sentence.end]
    strings = (chunk, chunk if masked is None else masked)
    # The words of each string, plain and folded, made once for the stage: the required words of most rules of a
    # stage are missing from a sentence, and these checks outnumber the matches four to one.
    words: dict[tuple[bool, bool], frozenset[str]] = {}
    read = []
    for rule, required in _required(rules):
        string = strings[rule.on_names]
        if required is not None:
            needed, folded = required
            present = words.get((rule.on_names, folded))
            if present is None:
                present = words[rule.on_names, folded] = _folded_words(string) if folded else _words(string)
            if needed.isdisjoint(present):
                continue
        read.append((rule, string))
    if not read:
        return []
    found = []
    # One timer for the stage: arming it per rule cost more than the matching. The rules match in
    # microseconds, so the one running when it goes off is the runaway one.
    running: list[Rule] = []

    def overrun() -> KgError:
        """Name the rule that was matching when the budget ran out."""
        return KgError("E124", file=running[-1].file, rule=running[-1].id, seconds=RULE_SECONDS,
                       begin=sentence.begin, end=sentence.end)

    with limited(RULE_SECONDS, overrun):
        for rule, string in read:
            running.append(rule)
            for match in rule.regex.finditer(string):
                if match.end() == match.start():
                    continue
                found.append(Mention(kind, sentence.begin + match.start(), sentence.begin + match.end(),
                                     rule.id, sentence.index, _groups(match, sentence.begin),
                                     {"settings": rule.settings}))
    return _greedy(found)


def _affiliation(text: str, m: Mention, rules: RuleSet) -> tuple[str | None, str | None]:
    """Return the country or body a title names and the group that names it, if the lexicon knows it.

    Patterns read any adjective or capitalised name there ("el ministro saliente", "de la Cancillería
    rusa"); only listed demonyms and bodies become links.
    """
    if "demonym" in m.groups:
        known = rules.lexicon.get("demonym", {}).get(text[slice(*m.groups["demonym"])])
        if known:
            return known, "demonym"
    if "body" in m.groups:
        known = rules.entity_id(text[slice(*m.groups["body"])])
        if known:
            return known, "body"
    return None, None


def _portfolio(text: str, m: Mention, rules: RuleSet) -> str | None:
    """Return the title with the portfolio said after its demonym, if it names an office: "el ministro ruso de
    Exteriores" holds the office of "ministro de Exteriores", as "el ministro de Exteriores ruso" does."""
    if "title" in m.groups and "body" in m.groups and "demonym" in m.groups:
        longer = f"{text[slice(*m.groups['title'])]} de {text[slice(*m.groups['body'])]}"
        if longer in rules.lexicon.get("office", {}):
            return longer
    return None


def _title(text: str, m: Mention, rules: RuleSet) -> str | None:
    """Return the title a mention says, with its portfolio."""
    if "title" not in m.groups:
        return None
    return _portfolio(text, m, rules) or text[slice(*m.groups["title"])]


def _person_id(name: str, rules: RuleSet, published: date | None) -> str:
    """Return the lexicon id of a named person, or one minted from the name."""
    return rules.alias_entity(name, published) if name in rules.alias_index else slug(name)


def _listed_name_end(text: str, begin: int, end: int, sentence: Sentence, rules: RuleSet) -> int:
    """Return where the name a title introduces ends: at the end of a listed person's longer name.

    The capitalised words a pattern reads stop at "Ki-moon" or "Jong-un"; the lexicon knows the whole.
    """
    names = rules.find_names(text[begin:sentence.end])
    if names and names[0][0] == 0 and begin + names[0][1] > end \
            and rules.entities[names[0][2]].cls == "schema:Person":
        return begin + names[0][1]
    return end


def _cut_at_place(text: str, begin: int, end: int, rules: RuleSet) -> tuple[int, str | None]:
    """Return where a name read after a title ends when a country or body follows it ("el presidente Tinubu
    de Nigeria": "Tinubu"), and that country or body."""
    for b, _, eid in rules.find_names(text[begin:end]):
        particle = re.search(r" del? $", text[begin:begin + b])
        if particle and rules.entities[eid].cls != "schema:Person":
            return begin + particle.start(), eid
    return end, None


def _from_given_name(text: str, m: Mention, sentence: Sentence, rules: RuleSet,
                     names: list[tuple[int, int, str]]) -> bool:
    """Tell whether capitalised words no title introduces are a person's name: two words or more from a given
    name on, no listed name among them, and no word before them that makes them the name of something
    else ("el hotel María Cristina", "la avenida Eva Perón", "San Pedro Sula").

    Only at the start of a sentence, or after "de" ("el Gobierno de Ana Pérez"), may capitalised words before
    the given name be left out ("Ayer Ana Pérez dijo"): elsewhere they begin another name.
    """
    b, e = m.groups["name"]
    if any(b < sentence.begin + ne and sentence.begin + nb < e for nb, ne, _ in names):
        return False
    before = text[sentence.begin:b].split()
    if before and before[-1].lower() in rules.lexicon.get("named-after", {}):
        return False
    for word in re.finditer(r"\S+", text[b:e]):
        if rules.given_name(word.group().split("-")[0]):
            # "el Gobierno de Federico Franco": after "de" a given name begins a name of its own.
            if word.start() and b != sentence.begin and not re.search(r"\b(?:de|del)\s+$", text[b:b + word.start()]):
                return False
            m.groups["name"] = b + word.start(), e
            m.begin = max(m.begin, b + word.start())
            return " " in text[b + word.start():e]
    return False


def _introduce(people: dict[str, Person], pid: str, label: str, title: str | None) -> Person:
    """Return the record of a person a title introduces, made on their first introduction."""
    person = people.setdefault(pid, Person(pid, label))
    if title is not None:
        person.title = person.title or title
    return person


def find_people(text: str, sentences: list[Sentence], rules: RuleSet, published: date | None,
                names_of: dict[int, list[tuple[int, int, str]]]) -> tuple[dict[str, Person], list[Mention]]:
    """Find people introduced by a title, a counterpart word or a plural title, with what the title says of them."""
    people: dict[str, Person] = {}
    mentions: list[Mention] = []
    for sentence in sentences:
        # "su homólogo" takes the title said before it in the same sentence only: across sentences
        # the possessive may point to anyone ("Cavusoglu, ministro… Putin habló con su homólogo…").
        last_title: str | None = None
        places = [(sentence.begin + b, sentence.begin + e) for b, e, eid in names_of[sentence.index]
                  if rules.entities[eid].cls != "schema:Person"]
        for m in _match_rules(rules.stage("entity"), text, sentence, "entity"):
            if m.data["settings"].get("given") and not _from_given_name(text, m, sentence, rules,
                                                                       names_of[sentence.index]):
                continue
            b, e = m.groups["name"]
            e = _listed_name_end(text, b, e, sentence, rules)
            e, place = _cut_at_place(text, b, e, rules)
            if any(b < pe and pb < e for pb, pe in places):
                continue  # "Casa Blanca, portavoz…": a listed place or body is no one's name
            if e != m.groups["name"][1]:
                m.groups["name"] = (b, e)
                m.end = max(e, *(g[1] for g in m.groups.values()))
            name = text[b:e]
            title = _title(text, m, rules)
            # A listed name may hold its title ("rey Juan Carlos").
            pid = _person_id(f"{title} {name}" if f"{title} {name}" in rules.alias_index else name, rules, published)
            if title is None and "counterpart" in m.groups:
                title = last_title
            last_title = title or last_title
            person = _introduce(people, pid, rules.entities[pid].label if pid in rules.entities else name, title)
            affiliation, group = _affiliation(text, m, rules)
            person.affiliation = person.affiliation or place
            if affiliation is not None:
                person.affiliation = person.affiliation or affiliation
                if group == "demonym":
                    person.qualifier = person.qualifier or text[slice(*m.groups["demonym"])]
                person.evidence.append((*m.groups[group], m.rule))
            person.evidence.append((m.begin, m.end, m.rule))
            mentions.append(Mention("entity", b, e, m.rule, sentence.index, m.groups,
                                    {"entity": pid, "class": "schema:Person", "label": person.label}))
        mentions += _listed_people(text, sentence, rules, published, names_of[sentence.index], people)
    return people, mentions


def _listed_people(text: str, sentence: Sentence, rules: RuleSet, published: date | None,
                   names: list[tuple[int, int, str]], people: dict[str, Person]) -> list[Mention]:
    """Introduce the people a plural title lists, each with the country or body in the same place of its list.

    The people are the lexicon's and the runs of capitalised words ({propername}) between them; the
    countries and bodies, the lexicon's and the demonyms. Without as many of these as people, each
    person takes the title alone.
    """
    chunk = text[sentence.begin:sentence.end]
    masked = rules.masked(chunk, names)
    demonyms = rules.lexicon.get("demonym", {})
    found: list[Mention] = []
    for m in _match_rules(rules.stage("people"), text, sentence, "entity", masked):
        lo, hi = (offset - sentence.begin for offset in m.groups["list"])
        listed = [(b, e, eid) for b, e, eid in names if lo <= b and e <= hi and rules.entities[eid].cls == "schema:Person"]
        listed += [(n.start(), n.end(), None) for n in rules.macro("propername").finditer(masked, lo, hi)]
        places = [(b, e, eid, False) for b, e, eid in names
                  if lo <= b and e <= hi and rules.entities[eid].cls != "schema:Person"]
        places += [(w.start(), w.end(), demonyms[w.group()], True) for w in re.finditer(r"\w+", chunk[:hi])
                   if w.start() >= lo and w.group() in demonyms]
        listed.sort()
        places.sort()
        title = rules.lexicon["plural-title"][text[slice(*m.groups["title"])]]
        if not listed:
            found += _office_holders(text, sentence, rules, published, m, title, places, people)
            continue
        paired = places if len(places) == len(listed) else [None] * len(listed)
        for (b, e, eid), place in zip(listed, paired):
            name = chunk[b:e]
            pid = eid or _person_id(name, rules, published)
            person = _introduce(people, pid, rules.entities[pid].label if pid in rules.entities else name, title)
            b, e = b + sentence.begin, e + sentence.begin
            if place is not None:
                pb, pe, affiliation, is_demonym = place
                person.affiliation = person.affiliation or affiliation
                if is_demonym:
                    person.qualifier = person.qualifier or chunk[pb:pe]
                person.evidence.append((pb + sentence.begin, pe + sentence.begin, m.rule))
            person.evidence.append((m.groups["title"][0], e, m.rule))
            found.append(Mention("entity", b, e, m.rule, sentence.index, {"title": m.groups["title"]},
                                 {"entity": pid, "class": "schema:Person", "label": person.label}))
    return found


def _office_holders(text: str, sentence: Sentence, rules: RuleSet, published: date | None, m: Mention, title: str,
                    places: list[tuple[int, int, str, bool]], people: dict[str, Person]) -> list[Mention]:
    """Introduce the people a plural title names by their countries alone ("los presidentes de Chile y Perú"):
    each country's one holder of the same office on the publication day, or no one unless every country has one."""
    countries = [place for place in places if rules.entities[place[2]].cls == "schema:Country"]
    if published is None or len(countries) < 2 or len(countries) != len(places):
        return []
    holders = _holders_of_one_office(rules, title, [country for _, _, country, _ in countries], published)
    if holders is None:
        return []
    found = []
    for (b, e, country, is_demonym), pid in zip(countries, holders):
        person = _introduce(people, pid, rules.entities[pid].label, title)
        person.affiliation = person.affiliation or country
        b, e = b + sentence.begin, e + sentence.begin
        if is_demonym:
            person.qualifier = person.qualifier or text[b:e]
        person.evidence += [(b, e, m.rule), (m.groups["title"][0], e, m.rule)]
        found.append(Mention("entity", b, e, m.rule, sentence.index, {"title": m.groups["title"]},
                             {"entity": pid, "class": "schema:Person", "label": person.label}))
    return found


def _holders_of_one_office(rules: RuleSet, title: str, countries: list[str], day: date) -> list[str] | None:
    """Return the one holder in each country of the first office a title names ([lexicon.office]) that each
    has one holder of, or None: "los cancilleres de Francia y Alemania" are no chancellor and a minister."""
    offices = rules.lexicon.get("office", {}).get(title, [title])
    if {"presidente", "primer ministro"} <= set(offices):
        return None  # "los mandatarios de…", "los líderes de…": heads of state or of government, which is unsaid
    for office in offices:
        held = [sorted({eid for eid, term in rules.office_holders.get(office, ())
                        if term.held_on(day) and (rules.entities[term.of].governs or term.of) == country})
                for country in countries]
        if all(len(holders) == 1 for holders in held):
            return [holders[0] for holders in held]
    return None


def _surname_index(people: dict[str, Person], rules: RuleSet, named_in_full: dict[str, str]) -> dict[str, str]:
    """Map the surnames of each introduced person's name, and of each listed person's whole name the article
    says ("Hugo Chávez" makes a later "Chávez" his), to them, unless two people share one.

    The surname is the last word, or the first before a given name whose hyphen joins a lowercase part,
    as Korean names are written ("Pak Myong-ho": "Pak"), or a family name written first ("Jiang Zemin":
    "Jiang"); of a Spanish name with two surnames, the first too ("Andrés Gómez Lara": "Gómez").
    """
    index: dict[str, str] = {}
    clashes: set[str] = set()
    for pid, name in [(p.id, p.label) for p in people.values()] + sorted(named_in_full.items()):
        words = name.split()
        if len(words) < 2:
            continue
        family_first = re.fullmatch(r"\w+-[a-z]\w*", words[-1]) \
            or words[0] in rules.lexicon.get("family-name-first", {})
        surnames = [words[0]] if family_first else [words[-1]]
        # A Spanish name carries two surnames, and the first alone names the person ("Andrés Gómez Lara":
        # "Gómez"); a given name in its place is a second given name ("Luis Alberto Lacalle").
        if len(words) >= 3 and words[0][0].isupper() and not rules.given_name(words[-2]) \
                and words[-2][0].isupper():
            surnames.append(words[-2])
        for surname in surnames:
            if surname in rules.alias_index:
                continue
            if surname in index and index[surname] != pid:
                clashes.add(surname)
            index[surname] = pid
    return {k: v for k, v in index.items() if k not in clashes}


class Discourse:
    """The people an article has named so far, in order, and what it and the lexicon say they hold.

    A title said without a name ("el mandatario", "la canciller alemana") or a demonym said as a noun
    ("el estadounidense") refers back to the most salient person named before whose office fits the
    title and who serves that country or body. Salience sums the person's mentions, each halving with
    every sentence since (so "el presidente" after a paragraph about Lula that names Petro once is
    Lula); of equally salient people the one named last wins. A title said with no country or body
    names only someone salient (NEAR).
    """

    def __init__(self, rules: RuleSet, people: dict[str, Person], day: date | None) -> None:
        """Start an article with the people its titles introduce and the day it was published."""
        self.rules, self.people, self.day = rules, people, day
        self.named: list[tuple[int, int, str]] = []
        # Where each person was named last.
        self.last_named: dict[str, int] = {}

    def note(self, mentions: list[Mention]) -> None:
        """Remember the people a sentence names, where it names them."""
        named = [(m.sentence, m.begin, str(m.data["entity"])) for m in mentions
                 if m.kind == "entity" and m.data.get("class") == "schema:Person"]
        self.named += named
        self.last_named.update((pid, begin) for _, begin, pid in named)

    def offices(self, title: str) -> set[str]:
        """Return the offices a title may name ([lexicon.office]); a title the table lacks names only itself."""
        return set(self.rules.lexicon.get("office", {}).get(title, [title]))

    def country(self, eid: str) -> str:
        """Return the country a government or seat of power governs, else the entity itself."""
        entity = self.rules.entities.get(eid)
        return entity.governs if entity is not None and entity.governs else eid

    def traits(self, pid: str) -> tuple[set[str], set[str]]:
        """Return the offices a person holds and the countries and bodies they serve.

        The lexicon's offices on the publication day (on any day, for an undated article) say it
        exactly; a person it lists no such office for holds the first office the title the article gave
        them names ("presidente": a president, not Spain's head of government).
        """
        offices: set[str] = set()
        serves: set[str] = set()
        entity = self.rules.entities.get(pid)
        for office in entity.offices if entity is not None else ():
            if self.day is None or office.held_on(self.day):
                offices.add(office.title)
                serves |= {office.of, self.country(office.of)}
        person = self.people.get(pid)
        if person is not None and person.title and not offices:
            offices = {self.rules.lexicon.get("office", {}).get(person.title, [person.title])[0]}
        if person is not None and person.affiliation:
            serves |= {person.affiliation, self.country(person.affiliation)}
        return offices, serves

    def counterpart_office(self, affiliation: str | None, at: Mention, sentence: list[Mention]) -> str | None:
        """Return the title a counterpart word stands for ("su homólogo brasileño"): that of the office the one
        person named before it in the sentence holds ([lexicon.counterpart-office]), if they serve another
        country than the demonym's."""
        before = {str(m.data["entity"]) for m in sentence
                  if m.sentence == at.sentence and m.end <= at.begin and m.data.get("class") == "schema:Person"}
        if affiliation is None or len(before) != 1:
            return None
        offices, serves = self.traits(before.pop())
        if len(offices) != 1 or self.country(affiliation) in serves:
            return None
        office = offices.pop()
        return self.rules.lexicon.get("counterpart-office", {}).get(office, office)

    def antecedent(self, title: str | None, affiliation: str | None, at: Mention,
                   sentence: list[Mention]) -> str | None:
        """Return the most salient person named before a mention who fits a title and serves a country or body."""
        wanted = self.offices(title) if title else None
        where = self.country(affiliation) if affiliation else None
        here = [(m.sentence, m.begin, str(m.data["entity"])) for m in sentence
                if m.end <= at.begin and m.data.get("class") == "schema:Person"]
        # Everyone named before, with where they were named last; only the mentions of the last FADE sentences
        # weigh (the list is in the order of the sentences).
        salience: dict[str, tuple[float, int]] = {pid: (0.0, begin) for pid, begin in self.last_named.items()}
        recent = self.named[bisect.bisect_left(self.named, (at.sentence - FADE,)):]
        for index, begin, pid in recent + here:
            score, _ = salience.get(pid, (0.0, 0))
            salience[pid] = (score + 0.5 ** (at.sentence - index), begin)
        fitting = []
        for pid, rank in salience.items():
            offices, serves = self.traits(pid)
            # A title said with no country or body ("el presidente") is someone the last sentences named.
            if where is None and rank[0] < NEAR:
                continue
            if (wanted is None or wanted & offices) and (where is None or where in serves):
                fitting.append((rank, pid))
        return max(fitting)[1] if fitting else None


def _trim_reference(text: str, m: Mention, rules: RuleSet) -> bool:
    """End a reference at its last word that says something: its title, a listed demonym or a listed body.

    The pattern reads any word after the title ("el presidente respondió", "de Brasil afirmó"); a word
    the lexicon does not know is left to the other stages. A body the lexicon does not know makes the
    title someone else's ("el presidente de la Cámara"): then it refers to no one (False).
    """
    if "body" in m.groups:
        b, e = m.groups["body"]
        if text[b:e] not in rules.alias_index and " " in text[b:e] and text[b:e].rsplit(" ", 1)[1].islower():
            m.groups["body"] = (b, b + text[b:e].rindex(" "))
        if rules.entity_id(text[slice(*m.groups["body"])]) is None and _portfolio(text, m, rules) is None:
            return False
    if "demonym" in m.groups and text[slice(*m.groups["demonym"])] not in rules.lexicon.get("demonym", {}):
        del m.groups["demonym"]
    m.end = max(e for _, e in m.groups.values())
    return True


def _references(text: str, sentence: Sentence, rules: RuleSet, discourse: Discourse, taken: list[Mention],
                named: list[Mention]) -> list[Mention]:
    """Find titles said without a name, and demonyms said as nouns, that refer to a person named earlier
    in the article, or to the one holder of that office on the day the article was published.

    "señaló el presidente senegalés" after "el presidente senegalés, Macky Sall" is Sall, and "el
    mandatario" after "Trump" is Trump if no one else who could be called so was named in between.
    With no such person, "el presidente ruso" is whoever the lexicon says was Russia's president that
    day, and the title becomes theirs in the article.
    """
    found: list[Mention] = []
    for m in _match_rules(rules.stage("reference"), text, sentence, "entity"):
        if any(m.begin < t.end and t.head < m.end for t in taken):
            continue
        if not _trim_reference(text, m, rules) or any(m.overlaps(f) for f in found):
            continue
        # A name right after the title is whose title it is ("el presidente, Lula,"), unless a listed
        # place or body begins there ("afirmó el presidente, Moscú no cederá…").
        after = re.match(r",? (?=[A-ZÁÉÍÓÚÑ])", text[m.end:])
        if after and not any(n.begin == m.end + after.end() and n.data.get("class") != "schema:Person"
                             for n in named):
            continue
        title = _title(text, m, rules)
        affiliation, group = _affiliation(text, m, rules)
        if "counterpart" in m.groups:
            title = discourse.counterpart_office(affiliation, m, named + found)
        if title is None and affiliation is None:
            continue
        pid = discourse.antecedent(title, affiliation, m, named + found)
        if pid is None and title is not None:
            affiliation = affiliation or rules.lexicon.get("title-body", {}).get(title)
            holders = rules.holders(title, affiliation, discourse.day) if affiliation and discourse.day else []
            if len(holders) != 1:
                continue
            pid = holders[0]
            person = discourse.people.setdefault(pid, Person(pid, rules.entities[pid].label))
            person.title = person.title or title
            person.affiliation = person.affiliation or affiliation
            if group == "demonym":
                person.qualifier = person.qualifier or text[slice(*m.groups["demonym"])]
            person.evidence += ([(*m.groups[group], m.rule)] if group else []) + [(m.begin, m.end, m.rule)]
        if pid is None:
            continue
        label = discourse.people[pid].label if pid in discourse.people else rules.entities[pid].label
        m.data = {"entity": pid, "class": "schema:Person", "label": label}
        found.append(m)
    return found


def _sides(text: str, sentence: Sentence, rules: RuleSet) -> list[Mention]:
    """Find demonyms in the plural said as nouns, each the country or body whose side it names
    ("armenios y azerbaiyanos negocian": Armenia and Azerbaijan)."""
    demonyms = rules.lexicon.get("demonym", {})
    found = []
    for m in _match_rules(rules.stage("side"), text, sentence, "entity"):
        for group in ("demonym", "other"):
            b, e = m.groups.get(group, (0, 0))
            word = text[b:e].lower()
            # Plurals end in -s; a singular in -és ("francés") is one person, not a side.
            if word in demonyms and word.endswith("s") and not word.endswith("és"):
                eid = demonyms[word]
                found.append(Mention("entity", b, e, m.rule, sentence.index, {},
                                     {"entity": eid, "class": rules.entities[eid].cls}))
    return found


def find_entities(text: str, sentence: Sentence, rules: RuleSet, people_mentions: list[Mention],
                  surnames: dict[str, str], full_names: dict[str, str], discourse: Discourse,
                  lexicon_names: list[tuple[int, int, str]], masked: str) -> list[Mention]:
    """Find lexicon names, member groups, surnames, references and pairs in a sentence, whose people a title
    introduced are given (find_people).

    Title patterns win overlaps, then references, member groups and names.
    """
    chunk = text[sentence.begin:sentence.end]
    people = discourse.people
    found = list(people_mentions)
    groups = []
    for m in _match_rules(rules.stage("group"), text, sentence, "entity", masked):
        # The body the members belong to: a listed one ("de la OTAN"), or a country a demonym names ("la
        # oposición siria"); a group may name none ("la oposición").
        where = next((g for g in ("body", "demonym") if g in m.groups), None)
        said = text[slice(*m.groups[where])] if where else ""
        body_id = rules.alias_index.get(said) or rules.lexicon.get("demonym", {}).get(said)
        head = text[slice(*m.groups["head"])]
        label = re.sub(r"^(?:[Ll]os|[Ll]as|[Ll]a|[Ee]l) ", "", text[m.begin:m.end])
        m.data = {"entity": slug(f"{head} {body_id or ''}"), "class": m.data["settings"]["class"], "label": label}
        if body_id:
            m.data.update({"member_of": body_id, "member_of_span": m.groups[where]})
        groups.append(m)
    names = [Mention("entity", sentence.begin + b, sentence.begin + e, "lexicon.name", sentence.index, {},
                     {"entity": eid, "class": rules.entities[eid].cls}) for b, e, eid in lexicon_names]
    for rule in rules.stage("alias"):
        for match in rule.regex.finditer(chunk):
            words = list(re.finditer(r"\S+", match.group()))
            if rule.settings["part"] == "whole":
                # The longest run of the words that is someone's whole name: "Ri Yong-ho", which a surname
                # found first ("Ri") would cut.
                runs = [(words[i].start(), match.group()[words[i].start():words[j].end()])
                        for i in range(len(words)) for j in range(i + 1, len(words))]
                said = [(start, run) for start, run in runs if run in full_names]
            else:
                said = [(word.start(), word.group()) for word in words if word.group() in surnames]
            for start, name in said:
                b = sentence.begin + match.start() + start
                pid = full_names[name] if rule.settings["part"] == "whole" else surnames[name]
                names.append(Mention("entity", b, b + len(name), rule.id, sentence.index, {},
                                     {"entity": pid, "class": "schema:Person",
                                      "label": people[pid].label if pid in people else rules.entities[pid].label}))
    names = [n for n in _greedy(names) if not any(n.begin < f.end and f.head < n.end for f in found)]
    found += _references(text, sentence, rules, discourse, found, found + names)
    found += [g for g in groups if not any(g.overlaps(f) for f in found)]
    found += [side for side in _sides(text, sentence, rules) if not any(side.overlaps(f) for f in found)]
    for m in names:
        inner = [g for g in found if g.begin <= m.begin and m.end <= g.end and g.data.get("member_of")]
        if inner:
            inner[0].data["member_of_rule"] = m.rule
        elif not any(m.overlaps(f) for f in found):
            found.append(m)
    for m in _match_rules(rules.stage("pair"), text, sentence, "pair"):
        if not any(m.overlaps(f) for f in found):
            found.append(m)
    found.sort(key=lambda m: m.begin)
    discourse.note(found)
    return found


def _name_shared_aliases(text: str, sentences: list[Sentence], rules: RuleSet, people: dict[str, Person],
                         names_of: dict[int, list[tuple[int, int, str]]]) -> None:
    """Make a name several listed people share the one the article names in full ("Hillary Clinton" makes
    every "Clinton" hers); else it stays the one in office on the publication day."""
    in_full = set(people)
    for s in sentences:
        in_full |= {eid for b, e, eid in names_of[s.index] if text[s.begin + b:s.begin + e] not in rules.alias_owners}
    for s in sentences:
        for i, (b, e, eid) in enumerate(names_of[s.index]):
            named = [o for o in rules.alias_owners.get(text[s.begin + b:s.begin + e], ()) if o in in_full]
            if len(named) == 1:
                names_of[s.index][i] = (b, e, named[0])


def _given_name_before(text: str, sentences: list[Sentence], rules: RuleSet,
                       names_of: dict[int, list[tuple[int, int, str]]]) -> None:
    """Read a given name said before a listed person's surname: part of their name when it begins as one of
    theirs does ("Piotr Poroshenko" is Petró Poroshenko), else the name of someone else of that surname
    ("Michelle Obama"), whom the lexicon's name leaves to the other rules."""
    fold = str.maketrans("ÁÉÍÓÚ", "AEIOU")
    for s in sentences:
        chunk = text[s.begin:s.end]
        kept = []
        for b, e, eid in names_of[s.index]:
            entity = rules.entities[eid]
            before = re.search(r"(?<![\w-])([A-ZÁÉÍÓÚÑ]\w+) $", chunk[:b])
            if entity.cls != "schema:Person" or " " in chunk[b:e] or before is None \
                    or not rules.given_name(before.group(1)) \
                    or any(ne == before.end(1) for _, ne, _ in names_of[s.index]):
                kept.append((b, e, eid))
                continue
            initials = {name[0].translate(fold) for name in (entity.label, *entity.aliases) if " " in name}
            if before.group(1)[0].translate(fold) in initials:
                kept.append((before.start(1), e, eid))
        names_of[s.index] = kept


def _copy(m: Mention) -> Mention:
    """Return a mention of its own, as a new match of its rule would make it."""
    return Mention(m.kind, m.begin, m.end, m.rule, m.sentence, dict(m.groups), dict(m.data))


DateMatches = dict[tuple[int, str], list[Mention]]


def match_dates(text: str, sentences: list[Sentence], rules: RuleSet) -> DateMatches:
    """Match the date and tense stages in every sentence, by (sentence, stage): once an article, for its dating
    (find_dates) and for find_mentions."""
    return {(s.index, stage): _match_rules(rules.stage(stage), text, s, stage)
            for s in sentences for stage in DATE_STAGES}


def find_dates(text: str, sentences: list[Sentence], rules: RuleSet, matched: DateMatches | None = None) -> Mentions:
    """Find only the dates of an article and the tense cues around them: what dating it needs before the
    names its day resolves. Given the matches of match_dates, it hands copies of them, which the dating may change."""
    found = matched if matched is not None else match_dates(text, sentences, rules)
    return Mentions({s.index: sorted([_copy(m) for stage in DATE_STAGES for m in found[s.index, stage]],
                                     key=lambda m: m.begin)
                     for s in sentences}, {})


def find_mentions(text: str, sentences: list[Sentence], rules: RuleSet, published: date | None = None,
                  dates: DateMatches | None = None) -> Mentions:
    """Run every stage over every sentence; matches that cut into a name are dropped.

    Container stages (venues, frames, attributions…) may hold whole names, never part of one. The
    publication day, when known, tells who held an office named by its title alone. The date and tense stages are
    taken from dates, when given (match_dates over the same sentences), rather than matched again.
    """
    names_of = {s.index: rules.find_names(text[s.begin:s.end], published) for s in sentences}
    _given_name_before(text, sentences, rules, names_of)
    people, people_mentions = find_people(text, sentences, rules, published, names_of)
    _name_shared_aliases(text, sentences, rules, people, names_of)
    # A listed person the article names in full: the whole name as it is said.
    named_in_full = {eid: text[s.begin + b:s.begin + e] for s in sentences for b, e, eid in names_of[s.index]
                     if rules.entities[eid].cls == "schema:Person" and " " in text[s.begin + b:s.begin + e]}
    surnames = _surname_index(people, rules, named_in_full)
    # The whole names of the people the rules introduced ("Ri Yong-ho"): the lexicon finds its own.
    full_names = {p.label: pid for pid, p in people.items() if " " in p.label and pid not in rules.entities}
    discourse = Discourse(rules, people, published)
    people_of: dict[int, list[Mention]] = {}
    for m in people_mentions:
        people_of.setdefault(m.sentence, []).append(m)
    # The date and tense matches of match_dates stand, unless a rule of theirs reads the sentence with its names masked.
    if any(rule.on_names for stage in DATE_STAGES for rule in rules.stage(stage)):
        dates = None
    by_sentence: dict[int, list[Mention]] = {}
    for sentence in sentences:
        chunk = text[sentence.begin:sentence.end]
        lexicon_names = names_of[sentence.index]
        masked = rules.masked(chunk, lexicon_names)
        entities = find_entities(text, sentence, rules, people_of.get(sentence.index, []), surnames, full_names,
                                 discourse, lexicon_names, masked)
        names = [m for m in entities if m.kind == "entity"]
        found = list(entities)
        for stage in sorted(rules.rules):
            if stage in ENTITY_STAGES or stage == "pair":
                continue
            matches = dates[sentence.index, stage] if dates is not None and stage in DATE_STAGES \
                else _match_rules(rules.stage(stage), text, sentence, stage, masked)
            for m in matches:
                if any(m.overlaps(n) and not (stage in CONTAINER_STAGES and m.begin <= n.begin and n.end <= m.end)
                       for n in names):
                    continue
                found.append(m)
        by_sentence[sentence.index] = sorted(found, key=lambda m: (m.begin, m.kind))
    return Mentions(by_sentence, people)
