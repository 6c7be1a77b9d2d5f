"""Mention pass: run the rules over each sentence and keep the non-overlapping matches, with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from kg.budget import RULE_SECONDS, limited
from kg.errors import KgError
from kg.ids import slug
from kg.rules import Entity, Rule, RuleSet
from kg.segment import Sentence

# Stages whose patterns contain entity names on purpose; other stages may not overlap a name.
CONTAINER_STAGES = {"venue", "frame", "attribution", "action", "group", "entity", "layout"}
# Stages resolved by the entity pass itself rather than by plain matching.
ENTITY_STAGES = {"entity", "alias", "group", "layout", "reference"}


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

    def of(self, sentence: int, kind: str) -> list[Mention]:
        """Return the mentions of one kind in one sentence, in text order."""
        return [m for m in self.by_sentence.get(sentence, []) if m.kind == kind]


def _groups(match: re.Match[str], offset: int) -> dict[str, tuple[int, int]]:
    """Return the article offsets of the named groups that took part in a match."""
    return {name: (offset + match.start(name), offset + match.end(name))
            for name in match.re.groupindex if match.start(name) != -1}


def _greedy(mentions: list[Mention]) -> list[Mention]:
    """Keep the earliest, then longest, of overlapping mentions of one stage."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.begin, -(m.end - m.begin))):
        if not any(m.overlaps(k) for k in kept):
            kept.append(m)
    return kept


def _match_rules(rules: list[Rule], text: str, sentence: Sentence, kind: str,
                 masked: str | None = None) -> list[Mention]:
    """Run the rules of one stage over a sentence and return their non-overlapping matches.

    Rules that use a name macro read the sentence with its lexicon names masked (RuleSet.masked).
    """
    chunk = text[sentence.begin:sentence.end]
    found = []
    for rule in rules:
        overrun = partial(KgError, "E124", file=rule.file, rule=rule.id, seconds=RULE_SECONDS,
                          begin=sentence.begin, end=sentence.end)
        with limited(RULE_SECONDS, overrun):
            matches = list(rule.regex.finditer(masked if rule.on_names and masked is not None else chunk))
        for match in matches:
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


def find_people(text: str, sentences: list[Sentence], rules: RuleSet,
                published: date | None = None) -> tuple[dict[str, Person], list[Mention]]:
    """Find people introduced by a title or a counterpart word, with what the title says of them."""
    people: dict[str, Person] = {}
    mentions: list[Mention] = []
    for sentence in sentences:
        # "su homólogo" takes the title said before it in the same sentence only: across sentences
        # the possessive may point to anyone ("Cavusoglu, ministro… Putin habló con su homólogo…").
        last_title: str | None = None
        for m in _match_rules(rules.stage("entity"), text, sentence, "entity"):
            b, e = m.groups["name"]
            e = _listed_name_end(text, b, e, sentence, rules)
            if e != m.groups["name"][1]:
                m.groups["name"] = (b, e)
                m.end = max(m.end, e)
            name = text[b:e]
            pid = _person_id(name, rules, published)
            person = people.setdefault(pid, Person(pid, rules.entities[pid].label if pid in rules.entities else name))
            title = text[slice(*m.groups["title"])] if "title" in m.groups else None
            if title is None and "counterpart" in m.groups:
                title = last_title
            if title is not None:
                last_title = title
                person.title = person.title or title
            affiliation, group = _affiliation(text, m, rules)
            if affiliation is not None:
                person.affiliation = person.affiliation or affiliation
                if group == "demonym":
                    person.qualifier = person.qualifier or text[slice(*m.groups["demonym"])]
                person.evidence.append((*m.groups[group], m.rule))
            person.evidence.append((m.begin, m.end, m.rule))
            mentions.append(Mention("entity", b, e, m.rule, sentence.index, m.groups,
                                    {"entity": pid, "class": "schema:Person", "label": person.label}))
    return people, mentions


def _surname_index(people: dict[str, Person], rules: RuleSet) -> dict[str, str]:
    """Map the last word of each introduced person's name to them, unless two people share it."""
    index: dict[str, str] = {}
    clashes: set[str] = set()
    for person in people.values():
        surname = person.label.split()[-1]
        if surname in rules.alias_index or len(person.label.split()) < 2:
            continue
        if surname in index and index[surname] != person.id:
            clashes.add(surname)
        index[surname] = person.id
    return {k: v for k, v in index.items() if k not in clashes}


def _title_references(text: str, sentence: Sentence, rules: RuleSet, people: dict[str, Person],
                      published: date | None) -> list[Mention]:
    """Find titles said without a name that refer to the one person introduced earlier with them, or to
    the one holder of that office on the day the article was published.

    "señaló el presidente senegalés" after "el presidente senegalés, Macky Sall": Sall, if no one else
    introduced before has that title and affiliation. With no such person, "el presidente ruso" is
    whoever the lexicon says was Russia's president that day; the title becomes theirs in the article.
    """
    found = []
    for m in _match_rules(rules.stage("reference"), text, sentence, "entity"):
        title = text[slice(*m.groups["title"])]
        affiliation, group = _affiliation(text, m, rules)
        if group == "body":
            # The body may have been read with the word after it ("de Brasil afirmó"): end at the name.
            b, e = m.groups["body"]
            if text[b:e] not in rules.alias_index:
                m.groups["body"] = (b, b + text[b:e].rindex(" "))
                m.end = m.groups["body"][1]
        earlier = [p for p in people.values() if p.title == title and p.evidence
                   and min(b for b, _, _ in p.evidence) < m.begin
                   and (affiliation is None or p.affiliation == affiliation)]
        if len(earlier) == 1:
            m.data = {"entity": earlier[0].id, "class": "schema:Person", "label": earlier[0].label}
            found.append(m)
            continue
        if earlier or affiliation is None or published is None:
            continue
        holders = rules.holders(title, affiliation, published)
        if len(holders) != 1:
            continue
        pid = holders[0]
        person = people.setdefault(pid, Person(pid, rules.entities[pid].label))
        person.title = person.title or title
        person.affiliation = person.affiliation or affiliation
        if group == "demonym":
            person.qualifier = person.qualifier or text[slice(*m.groups["demonym"])]
        person.evidence += [(*m.groups[group], m.rule), (m.begin, m.end, m.rule)]
        m.data = {"entity": pid, "class": "schema:Person", "label": person.label}
        found.append(m)
    return found


def find_entities(text: str, sentence: Sentence, rules: RuleSet, people_mentions: list[Mention],
                  surnames: dict[str, str], people: dict[str, Person], lexicon_names: list[tuple[int, int, str]],
                  masked: str, published: date | None) -> list[Mention]:
    """Find lexicon names, member groups, surnames and pairs in a sentence; title patterns win overlaps."""
    chunk = text[sentence.begin:sentence.end]
    found = [m for m in people_mentions if m.sentence == sentence.index]
    found += [r for r in _title_references(text, sentence, rules, people, published)
              if not any(r.overlaps(f) for f in found)]
    groups = []
    for m in _match_rules(rules.stage("group"), text, sentence, "entity", masked):
        body_id = rules.alias_index[text[slice(*m.groups["body"])]]
        head = text[slice(*m.groups["head"])] if "head" in m.groups else "Miembros"
        label = re.sub(r"^(?:los|las) ", "", text[m.begin:m.end])
        m.data = {"entity": slug(f"{head} {body_id}"), "class": m.data["settings"]["class"],
                  "label": label, "member_of": body_id,
                  "member_of_span": m.groups["body"]}
        groups.append(m)
    found += [g for g in groups if not any(g.overlaps(f) for f in found)]
    names = [Mention("entity", sentence.begin + b, sentence.begin + e, "lexicon.name", sentence.index, {},
                     {"entity": eid, "class": rules.entities[eid].cls}) for b, e, eid in lexicon_names]
    for rule in rules.stage("alias"):
        for match in rule.regex.finditer(chunk):
            for word in re.finditer(r"\S+", match.group()):
                if word.group() in surnames:
                    b = sentence.begin + match.start() + word.start()
                    pid = surnames[word.group()]
                    names.append(Mention("entity", b, b + len(word.group()), rule.id, sentence.index, {},
                                         {"entity": pid, "class": "schema:Person", "label": people[pid].label}))
    for m in _greedy(names):
        inner = [g for g in found if g.begin <= m.begin and m.end <= g.end and g.data.get("member_of")]
        if inner:
            inner[0].data["member_of_rule"] = m.rule
        elif not any(m.overlaps(f) for f in found):
            found.append(m)
    for m in _match_rules(rules.stage("pair"), text, sentence, "pair"):
        if not any(m.overlaps(f) for f in found):
            found.append(m)
    return sorted(found, key=lambda m: m.begin)


def find_dates(text: str, sentences: list[Sentence], rules: RuleSet) -> Mentions:
    """Find only the dates of an article and the tense cues around them: what dating it needs before the
    names its day resolves."""
    return Mentions({s.index: sorted(_match_rules(rules.stage("date"), text, s, "date")
                                     + _match_rules(rules.stage("tense"), text, s, "tense"), key=lambda m: m.begin)
                     for s in sentences}, {})


def find_mentions(text: str, sentences: list[Sentence], rules: RuleSet, published: date | None = None) -> Mentions:
    """Run every stage over every sentence; matches that cut into a name are dropped.

    Container stages (venues, frames, attributions…) may hold whole names, never part of one. The
    publication day, when known, tells who held an office named by its title alone.
    """
    people, people_mentions = find_people(text, sentences, rules, published)
    surnames = _surname_index(people, rules)
    by_sentence: dict[int, list[Mention]] = {}
    for sentence in sentences:
        chunk = text[sentence.begin:sentence.end]
        lexicon_names = rules.find_names(chunk, published)
        masked = rules.masked(chunk, lexicon_names)
        entities = find_entities(text, sentence, rules, people_mentions, surnames, people, lexicon_names, masked,
                                 published)
        names = [m for m in entities if m.kind == "entity"]
        found = list(entities)
        for stage in sorted(rules.rules):
            if stage in ENTITY_STAGES or stage == "pair":
                continue
            for m in _match_rules(rules.stage(stage), text, sentence, stage, masked):
                if any(m.overlaps(n) and not (stage in CONTAINER_STAGES and m.begin <= n.begin and n.end <= m.end)
                       for n in names):
                    continue
                found.append(m)
        by_sentence[sentence.index] = sorted(found, key=lambda m: (m.begin, m.kind))
    return Mentions(by_sentence, people)
