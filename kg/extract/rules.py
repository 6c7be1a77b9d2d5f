"""Rule loading: read the TOML rule and lexicon files, validate them, expand macros and compile patterns."""

from __future__ import annotations

import bisect
import hashlib
import io
import marshal
import pickle
import re
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from kg.errors import KgError
from kg.extract import cache
from kg.extract.lemmas import FORMS_FILE, Expander
from kg.extract.patterns import ENGINE, PatternCompiler, Program, Requirement, kept_pattern, required_words

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
# The engine's code that reads an article and writes its triples into the store, which the fingerprint of a rule set
# covers: a change to the page, the questions or the command line reads no article again.
ENGINE_DIR = Path(__file__).resolve().parent.parent
ENGINE_PARTS = ("__init__.py", "build.py", "cluster.py", "errors.py", "jobs.py", "extract", "rdf", "store")
# First names, one a line, written by `python -m kg.extract.names` (kg/extract/names.py).
GIVEN_NAMES_FILE = "given-names.txt"

ENTITY_CLASSES = {
    "schema:Person", "schema:Country", "schema:Organization", "kg:Government", "kg:ActorGroup",
    "schema:City", "schema:Continent", "schema:Place",
}
CLASS_RE = re.compile(r"^(?:kg|schema):[A-Z][A-Za-z]+$")
CAMEO_RE = re.compile(r"^\d{2,4}$")
RULE_ID_RE = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MACRO_RE = re.compile(r"\{([a-z][a-z_-]*)\}")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Where a lexicon name may begin: a word that no letter, digit or hyphen precedes.
WORD_START_RE = re.compile(r"(?<![\w-])\w+")
# A capitalised word right after a name: the name goes on.
LONGER_NAME_RE = re.compile(r" [A-ZÁÉÍÓÚÑ][a-záéíóúñ]")
# The classes each name macro stands for; {actor} also takes places that stand for an actor (as_actor).
NAME_MACROS: dict[str, set[str]] = {
    "entity": ENTITY_CLASSES,
    "organization": {"schema:Organization", "kg:Government", "kg:ActorGroup"},
    "place": {"schema:City", "schema:Country", "schema:Continent", "schema:Place"},
    "actor": {"schema:Person", "schema:Country", "schema:Organization", "kg:Government", "kg:ActorGroup"},
    "person": {"schema:Person"},
}
# The suffix of a name macro that stands for the last letter of a name only.
NAME_END = "-end"
# Rules that use a name macro match a copy of the sentence in which every lexicon name is written as
# one run of a letter standing for its class (and for whether it stands for an actor). These letters
# (Yi syllables) are word characters, so \b and (?<!\w) hold around a name as around any word, and
# they never occur in Spanish news. A name macro is then a character class, not an alternation of
# thousands of names that would cost more to compile than the whole build.
_KINDS = sorted((cls, actor) for cls in ENTITY_CLASSES for actor in (False, True))
KIND_LETTERS = {kind: chr(0xA000 + i) for i, kind in enumerate(_KINDS)}
OFFICE_KEYS = {"title", "of", "from", "to"}

# What each stage needs and accepts: required keys, optional keys, named groups its engine reads,
# and closed value sets. Every rule also has id, stage, pattern and may have flags.
STAGES: dict[str, dict[str, Any]] = {
    "layout": {"required": {"block"}, "optional": {"inline"},
               "enum": {"block": {"dateline", "byline", "credit", "caption", "headline", "kicker", "subheading", "bullet",
                                  "body-date", "year", "given"}}},
    "entity": {"required": {"class"}, "optional": {"given"}, "groups": {"name"}},
    "alias": {"required": {"class", "part"}, "enum": {"part": {"last", "whole"}}},
    "reference": {"any_groups": ("title", "demonym")},
    "people": {"groups": {"title", "list"}},
    "side": {"groups": {"demonym"}},
    "group": {"required": {"class"}, "groups": {"head"}},
    "pair": {"optional": {"members"}, "enum": {"members": {"people", "countries", "sides", "listed"}}},
    "date": {"required": {"kind"}, "optional": {"offset", "direction", "unit", "days"},
             "enum": {"kind": {"date", "range", "vague", "month", "day", "weekday", "deictic", "period", "upcoming",
                               "ago", "year", "relative", "duration", "stay", "easter"},
                      "direction": {"past", "next", "this", "tense"}, "unit": {"week", "month", "year"}}},
    "tense": {"required": {"tense"}, "enum": {"tense": {"past", "future"}}},
    "event": {"required": {"class", "cameo", "label", "family"},
              "optional": {"parent", "instance", "verbal", "with_party", "tense_status"},
              "enum": {"instance": {"new", "previous", "elided", "refer"}}},
    "document": {"required": {"class", "label"}},
    "report": {"required": {"class", "cameo", "label"},
               "optional": {"class_if_future", "cameo_if_future", "label_if_future", "stance", "cleft"},
               "together": {"class_if_future", "cameo_if_future", "label_if_future"}},
    "discuss": {},
    "cue": {"required": {"class", "cameo", "label"}},
    "continuation": {},
    "quality": {"groups": {"quality"}},
    "action": {"required": {"label"}, "groups": {"theme"}},
    "venue": {"groups": {"place"}, "optional": {"family", "adjacent", "capital"}},
    "frame": {"groups": {"body"}, "optional": {"adjacent"}},
    "status": {"required": {"status"}, "enum": {"status": {"scheduled", "cancelled", "postponed", "proposed"}}},
    "attribution": {"groups": {"source"}, "optional": {"class", "cameo", "label"},
                    "together": {"class", "cameo", "label"}},
    "speaker": {"groups": {"body"}},
    "epithet": {},
    "topic": {},
    "boundary": {},
    "novelty": {},
    "anaphor": {},
    "negation": {"optional": {"adjacent"}},
    "participants": {"optional": {"adjacent", "reach", "joins", "opens", "subject"}},
    "transparent": {},
    "clause": {},
    "support": {"optional": {"objects"}},
}
# The named groups the layout pass reads from a rule, by the kind of block it names.
LAYOUT_GROUPS = {"bullet": {"text"}, "body-date": {"day", "month", "year"}, "year": {"year"},
                 "given": {"day", "month", "year"}}
COMMON_KEYS = {"id", "stage", "pattern", "flags"}
ENTITY_KEYS = {"id", "label", "class", "aliases", "wikidata", "as_actor", "governs", "member_of", "offices"}
INT_KEYS = {"offset", "reach", "days"}
BOOL_KEYS = {"verbal", "with_party", "adjacent", "tense_status", "inline", "capital", "joins", "given", "stance", "cleft",
             "opens", "subject", "objects"}
CLASS_KEYS = {"class", "class_if_future"}
CAMEO_KEYS = {"cameo", "cameo_if_future"}


class Rule(NamedTuple):
    """One validated rule: its id, stage, compiled pattern and stage-specific settings."""

    id: str
    stage: str
    regex: re.Pattern[str]
    file: str
    settings: dict[str, Any]
    on_names: bool = False  # the pattern uses a name macro: it matches the sentence with names masked

    def get(self, key: str, default: Any = None) -> Any:
        """Return a stage-specific setting of the rule."""
        return self.settings.get(key, default)


class Office(NamedTuple):
    """An office an entity held: its title, the country or body it was held in, and its days."""

    title: str
    of: str
    start: date
    end: date | None

    def held_on(self, day: date) -> bool:
        """Tell whether the office was held on a day (the day it passed on belongs to the successor)."""
        return self.start <= day and (self.end is None or day < self.end)


class Entity(NamedTuple):
    """One lexicon entry: a known entity and the names it goes by."""

    id: str
    label: str
    cls: str
    aliases: tuple[str, ...]
    file: str
    wikidata: str | None = None
    as_actor: str | None = None
    governs: str | None = None
    member_of: str | None = None
    offices: tuple[Office, ...] = ()


@dataclass
class RuleSet:
    """Everything the engine reads from the rule directory."""

    rules: dict[str, list[Rule]] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    alias_index: dict[str, str] = field(default_factory=dict)
    lexicon: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The aliases by their first word, longest first: finding names is a dictionary look-up per word.
    alias_starts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The entities of an alias that several list ("Bush", "Castro"), in file order.
    alias_owners: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Who held each office title, and the office itself.
    office_holders: dict[str, list[tuple[str, Office]]] = field(default_factory=dict)
    # Where the rule files were read from, as the graph cites them ("kg/rules" for the shipped ones).
    source: str = "kg/rules"
    # First names (GIVEN_NAMES_FILE, sorted), and the first words of the lexicon's places and bodies.
    given_names: list[str] = field(default_factory=list)
    place_words: set[str] = field(default_factory=set)
    # The macros as regular expressions, for the engine to read the parts of a match ("{propername}").
    macros: dict[str, str] = field(default_factory=dict)
    compiled_macros: dict[str, re.Pattern[str]] = field(default_factory=dict)
    # The hash of the rule files and the engine the rule set was made from (rules_fingerprint).
    fingerprint: str = ""

    def given_name(self, word: str) -> bool:
        """Tell whether a word is a given name that begins no listed place or body ("Sierra" of "Sierra Leona").

        The file is sorted: a look-up is a bisection, with no set to build for each run.
        """
        i = bisect.bisect_left(self.given_names, word)
        return i < len(self.given_names) and self.given_names[i] == word and word not in self.place_words

    def macro(self, name: str) -> re.Pattern[str]:
        """Return a macro compiled as a regular expression (once per rule set)."""
        if name not in self.compiled_macros:
            self.compiled_macros[name] = re.compile(self.macros[name])
        return self.compiled_macros[name]

    def stage(self, name: str) -> list[Rule]:
        """Return the rules of one stage in file order."""
        return self.rules.get(name, [])

    def entity_id(self, name: str) -> str | None:
        """Return the lexicon id of a name, or of the name without a trailing adjective ("Cancillería rusa")."""
        return self.alias_index.get(name) or self.alias_index.get(name.rsplit(" ", 1)[0])

    def alias_entity(self, alias: str, day: date | None = None) -> str:
        """Return the entity an alias names: of several that share it, the one in office on the day, else the first."""
        owners = self.alias_owners.get(alias)
        if owners and day is not None:
            serving = [eid for eid in owners if any(o.held_on(day) for o in self.entities[eid].offices)]
            if len(serving) == 1:
                return serving[0]
        return self.alias_index[alias]

    def find_names(self, chunk: str, day: date | None = None) -> list[tuple[int, int, str]]:
        """Return the lexicon names of a text as (begin, end, entity id), the longest at each place, left to right.

        A name is whole: no letter, digit or hyphen touches either end of it, and a person's one-word
        name followed by a capitalised word is part of a longer name ("Kim Yo-jong" is not "Kim"). A
        name several entities share is resolved by the day the text was published.
        """
        found: list[tuple[int, int, str]] = []
        after = 0
        for word in WORD_START_RE.finditer(chunk):
            begin = word.start()
            if begin < after:
                continue
            for alias in self.alias_starts.get(word.group(), ()):
                end = begin + len(alias)
                if not chunk.startswith(alias, begin) or (end < len(chunk) and (chunk[end].isalnum()
                                                                              or chunk[end] in "_-")):
                    continue
                eid = self.alias_entity(alias, day)
                if " " not in alias and self.entities[eid].cls == "schema:Person" \
                        and LONGER_NAME_RE.match(chunk, end):
                    continue
                found.append((begin, end, eid))
                after = end
                break
        return found

    def masked(self, chunk: str, names: list[tuple[int, int, str]]) -> str:
        """Return a text with each of its lexicon names written as a run of the letter of its kind."""
        parts, last = [], 0
        for begin, end, eid in names:
            entity = self.entities[eid]
            parts += [chunk[last:begin], KIND_LETTERS[entity.cls, entity.as_actor is not None] * (end - begin)]
            last = end
        return "".join(parts) + chunk[last:]

    def holders(self, title: str, of: str, day: date) -> list[str]:
        """Return who held, on a day, the office a title names in a country or body.

        [lexicon.office] lists the offices a title may name, in order ("canciller": the chancellor
        where there is one, else the foreign minister); the first office that someone held wins. An
        office held in a government or a seat of power is also held in the country it governs.
        """
        country = self.entities[of].governs or of
        for office in self.lexicon.get("office", {}).get(title, ()):
            exact, governed = [], []
            for eid, held in self.office_holders.get(office, ()):
                if held.held_on(day):
                    if held.of == of:
                        exact.append(eid)
                    elif (self.entities[held.of].governs or held.of) == country:
                        governed.append(eid)
            if exact or governed:
                return sorted(set(exact or governed))
        return []

    def capital(self, country: str) -> str | None:
        """Return a country's capital: the one [lexicon.capital] names, else the city that stands for its government."""
        if country in self.lexicon.get("capital", {}):
            return str(self.lexicon["capital"][country])
        governments = {eid for eid, e in self.entities.items() if e.governs == country} | {country}
        cities = sorted(eid for eid, e in self.entities.items()
                        if e.cls == "schema:City" and e.as_actor in governments)
        return cities[0] if len(cities) == 1 else None

    def all_rules(self) -> list[Rule]:
        """Return every rule, sorted by id."""
        return sorted((r for rs in self.rules.values() for r in rs), key=lambda r: r.id)


def _alternation(words: list[str]) -> str:
    """Return a regex alternation of literal words, longest first so the longest name wins."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def _read(path: Path) -> dict[str, Any]:
    """Parse one TOML file, turning syntax errors into numbered messages; reuse the parse of the same bytes."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise KgError("E114", file=path.name, detail=err.strerror or str(err)) from None
    digest = hashlib.sha256(data + f"{sys.version_info[:2]} {marshal.version}".encode()).hexdigest()
    name = f"toml-{digest}.marshal"
    kept = cache.load(name)
    if isinstance(kept, dict):
        return kept
    try:
        # A byte-order mark, as some Windows editors write, is not part of the TOML.
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise KgError("E101", file=path.name, detail=str(err)) from None
    cache.store(name, doc)
    return doc


def _tables(value: Any, file: str, key: str) -> list[dict[str, Any]]:
    """Return the entries of an array of tables ([[rule]], [[entity]]), refusing any other shape."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise KgError("E109", file=file, rule="(top level)", key=key, expected=f"an array of tables ([[{key}]])")
    return value


def _table(value: Any, file: str, key: str) -> dict[str, Any]:
    """Return a table ([macros], [lexicon.x]), refusing any other shape."""
    if not isinstance(value, dict):
        raise KgError("E109", file=file, rule="(top level)", key=key, expected=f"a table ([{key}])")
    return value


def _check_entity(raw: dict[str, Any], file: str) -> Entity:
    """Validate one lexicon entry."""
    rid = raw.get("id", "?")
    for key in raw:
        if key not in ENTITY_KEYS:
            raise KgError("E102", file=file, rule=rid, key=key, stage="entity lexicon")
    for key in ("id", "label", "class", "aliases"):
        if key not in raw:
            raise KgError("E103", file=file, rule=rid, key=key)
    if not isinstance(rid, str) or not SLUG_RE.match(rid):
        raise KgError("E109", file=file, rule=rid, key="id", expected="a lowercase slug")
    for key in ("label", "as_actor", "governs", "member_of"):
        if key in raw and not (isinstance(raw[key], str) and raw[key]):
            raise KgError("E109", file=file, rule=rid, key=key, expected="a non-empty string")
    if not isinstance(raw["class"], str) or raw["class"] not in ENTITY_CLASSES:
        raise KgError("E110", file=file, rule=rid, key="class", value=raw["class"],
                      allowed=", ".join(sorted(ENTITY_CLASSES)))
    aliases = raw["aliases"]
    if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a for a in aliases):
        raise KgError("E109", file=file, rule=rid, key="aliases", expected="a non-empty list of names")
    wikidata = raw.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and re.fullmatch(r"Q[1-9]\d*", wikidata)):
        raise KgError("E109", file=file, rule=rid, key="wikidata", expected="a Wikidata id such as Q159")
    offices = raw.get("offices", [])
    if not isinstance(offices, list) or not all(isinstance(o, dict) for o in offices):
        raise KgError("E109", file=file, rule=rid, key="offices",
                      expected='a list of tables such as {title = "presidente", of = "rusia", from = "2012-05-07"}')
    return Entity(id=rid, label=raw["label"], cls=raw["class"], aliases=tuple(aliases), file=file,
                  wikidata=wikidata, as_actor=raw.get("as_actor"), governs=raw.get("governs"),
                  member_of=raw.get("member_of"),
                  offices=tuple(_check_office(o, n, file, rid) for n, o in enumerate(offices, 1)))


def _day(value: Any, file: str, rid: str, number: int, key: str) -> date:
    """Read the day an office began or ended, written YYYY-MM-DD."""
    try:
        if isinstance(value, str) and DATE_RE.match(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise KgError("E120", file=file, rule=rid, number=number, key=key,
                  expected=f"a day written YYYY-MM-DD, not {value!r}")


def _check_office(raw: dict[str, Any], number: int, file: str, rid: str) -> Office:
    """Validate one office of a lexicon entry (its title and holder are checked once every file is read)."""
    for key in raw:
        if key not in OFFICE_KEYS:
            raise KgError("E118", file=file, rule=rid, number=number, key=key,
                          allowed=", ".join(sorted(OFFICE_KEYS)))
    for key in ("title", "of", "from"):
        if key not in raw:
            raise KgError("E119", file=file, rule=rid, number=number, key=key)
    for key in ("title", "of"):
        if not (isinstance(raw[key], str) and raw[key]):
            raise KgError("E120", file=file, rule=rid, number=number, key=key, expected="a non-empty string")
    start = _day(raw["from"], file, rid, number, "from")
    end = _day(raw["to"], file, rid, number, "to") if "to" in raw else None
    if end is not None and end <= start:
        raise KgError("E121", file=file, rule=rid, number=number, start=raw["from"], end=raw["to"])
    return Office(raw["title"], raw["of"], start, end)


def _check_rule(raw: dict[str, Any], file: str) -> dict[str, Any]:
    """Validate the keys and values of one rule against the schema of its stage."""
    if "id" not in raw:
        raise KgError("E103", file=file, rule="(no id)", key="id")
    rid = raw["id"]
    if not isinstance(rid, str) or not RULE_ID_RE.match(rid):
        raise KgError("E112", file=file, rule=rid)
    for key in ("stage", "pattern"):
        if key not in raw:
            raise KgError("E103", file=file, rule=rid, key=key)
    stage = raw["stage"]
    if not isinstance(stage, str):
        raise KgError("E109", file=file, rule=rid, key="stage", expected="a non-empty string")
    if stage not in STAGES:
        raise KgError("E104", file=file, rule=rid, stage=stage)
    schema = STAGES[stage]
    allowed = COMMON_KEYS | schema.get("required", set()) | schema.get("optional", set())
    for key in raw:
        if key not in allowed:
            raise KgError("E102", file=file, rule=rid, key=key, stage=stage)
    for key in sorted(schema.get("required", set())):
        if key not in raw:
            raise KgError("E103", file=file, rule=rid, key=key)
    together = schema.get("together", set())
    if together & raw.keys():
        for key in sorted(together - raw.keys()):
            raise KgError("E103", file=file, rule=rid, key=key)
    for key, value in raw.items():
        if key in INT_KEYS:
            if not isinstance(value, int) or isinstance(value, bool):
                raise KgError("E109", file=file, rule=rid, key=key, expected="an integer")
        elif key in BOOL_KEYS:
            if not isinstance(value, bool):
                raise KgError("E109", file=file, rule=rid, key=key, expected="true or false")
        elif not isinstance(value, str) or not value:
            raise KgError("E109", file=file, rule=rid, key=key, expected="a non-empty string")
        if key in CLASS_KEYS and not CLASS_RE.match(value):
            raise KgError("E109", file=file, rule=rid, key=key, expected="a class such as kg:Meeting")
        if key in CAMEO_KEYS and not CAMEO_RE.match(value):
            raise KgError("E109", file=file, rule=rid, key=key, expected="a CAMEO code of 2 to 4 digits")
        if key == "flags" and value != "i":
            raise KgError("E110", file=file, rule=rid, key=key, value=value, allowed="i")
        enum = schema.get("enum", {}).get(key)
        if enum and value not in enum:
            raise KgError("E110", file=file, rule=rid, key=key, value=value, allowed=", ".join(sorted(enum)))
    return raw


def _expand(pattern: str, macros: dict[str, str], file: str, rid: str) -> str:
    """Replace each {macro} of a pattern by its alternation, naming an unknown macro."""
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise KgError("E106", file=file, rule=rid, macro=name)
        return macros[name]
    return MACRO_RE.sub(replace, pattern)


def _name_macros() -> dict[str, str]:
    """Build the name macros: one run of the letters of the kinds a macro takes, in a masked sentence; and, as
    {NAME-end}, one such letter, the end of a name a lookbehind may require ("(?<={organization-end} )")."""
    macros = {}
    for name, classes in NAME_MACROS.items():
        letters = [letter for (cls, actor), letter in KIND_LETTERS.items()
                   if cls in classes or (name == "actor" and actor)]
        macros[name] = "[" + "".join(letters) + "]+"
        macros[f"{name}{NAME_END}"] = "[" + "".join(letters) + "]"
    return macros


def _given_names(directory: Path) -> list[str]:
    """Read the given names a rule directory carries, else the shipped ones: sorted, one a line under a header."""
    own = directory / GIVEN_NAMES_FILE
    path = own if own.is_file() else RULES_DIR / GIVEN_NAMES_FILE
    try:
        return path.read_text(encoding="utf-8").splitlines()[1:]
    except (OSError, UnicodeDecodeError) as err:
        raise KgError("E114", file=path.name, detail=getattr(err, "strerror", None) or str(err)) from None


def rules_fingerprint(rules_dir: Path = RULES_DIR) -> str:
    """Hash what a build reads besides the articles: the rule files, the forms and given names, the name the graph
    gives the rule directory, and the engine's code that reads articles and stores them (ENGINE_PARTS), so that a
    change to any of them rebuilds every article."""
    own = [rules_dir / name for name in (FORMS_FILE, GIVEN_NAMES_FILE)]
    files = sorted(rules_dir.glob("*.toml")) + [path if path.is_file() else RULES_DIR / path.name for path in own]
    digest = hashlib.sha256(_source_name(rules_dir).encode("utf-8") + b"\0")
    for path in files + engine_files():
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0unreadable"  # load_rules reports it; the hash only has to differ
        digest.update(f"{path.name}\0{len(data)}\0".encode("utf-8") + data)
    return digest.hexdigest()


def engine_files() -> list[Path]:
    """Return the source files of the engine's code that the fingerprint of a rule set covers, sorted."""
    return sorted(path for path in ENGINE_DIR.rglob("*.py") if path.relative_to(ENGINE_DIR).parts[0] in ENGINE_PARTS)


def _source_name(directory: Path) -> str:
    """Return the name the graph gives a rule directory: "kg/rules" for the shipped one, else its path."""
    return "kg/rules" if directory.resolve() == RULES_DIR.resolve() else directory.as_posix()


class _Freezer(pickle.Pickler):
    """Pickles a rule set with each compiled pattern as the index of its source, program and required words in a list
    of its own, which marshal reads much faster than pickle."""

    def __init__(self, file: io.BytesIO, programs: dict[int, Program]) -> None:
        """Write to a file, taking the program of each pattern from a table by the pattern's id."""
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.programs = programs
        self.patterns: list[tuple[str, Program, Requirement | None]] = []

    def persistent_id(self, obj: object) -> int | None:
        """Stand a pattern for its index in the list (KeyError for a pattern whose program is not known)."""
        if not isinstance(obj, re.Pattern):
            return None
        self.patterns.append((obj.pattern, self.programs[id(obj)], required_words(obj)))
        return len(self.patterns) - 1


class _Thawer(pickle.Unpickler):
    """Reads what _Freezer wrote, making each pattern from its program."""

    def __init__(self, file: io.BytesIO, patterns: list[tuple[str, Program, Requirement | None]]) -> None:
        """Read from a file, with the list of sources, programs and required words the patterns stand for."""
        super().__init__(file)
        self.patterns = patterns

    def persistent_load(self, pid: int) -> re.Pattern[str]:
        """Return the pattern at an index of the list."""
        return kept_pattern(*self.patterns[pid])


def _kept_rule_set(name: str) -> RuleSet | None:
    """Return the rule set kept under a name, or None when it is missing or cannot be read back."""
    kept = cache.load(name)
    try:
        patterns, body = kept
        ruleset = _Thawer(io.BytesIO(body), patterns).load()
    # A damaged or outdated copy may fail in many ways; each only means the rule set is validated anew.
    except Exception:  # noqa: BLE001
        return None
    return ruleset if isinstance(ruleset, RuleSet) else None


def _keep_rule_set(name: str, ruleset: RuleSet, programs: dict[int, Program]) -> None:
    """Keep a validated rule set for the next runs, unless one of its patterns has no known program."""
    body = io.BytesIO()
    freezer = _Freezer(body, programs)
    try:
        freezer.dump(ruleset)
    except KeyError:
        return
    cache.store(name, (freezer.patterns, body.getvalue()))


def load_rules(directory: Path = RULES_DIR) -> RuleSet:
    """Load every *.toml file of a directory into a validated, compiled rule set.

    Validating the files costs a one-article build more than reading its article: the rule set is kept in the
    cache (kg/extract/cache.py) under the fingerprint of the files and of the engine, and read back while both are the same.
    A directory with errors is never kept, so its errors are reported on every run.
    """
    fingerprint = rules_fingerprint(directory)
    name = f"ruleset-{fingerprint}.marshal"
    ruleset = _kept_rule_set(name) if ENGINE is not None else None
    if ruleset is None:
        ruleset, programs = _validated(directory)
        ruleset.fingerprint = fingerprint
        if ENGINE is not None:
            _keep_rule_set(name, ruleset, programs)
    return ruleset


def _validated(directory: Path) -> tuple[RuleSet, dict[int, Program]]:
    """Read and validate the rule files of a directory; return the rule set and the programs of its patterns."""
    files = sorted(p for p in directory.glob("*.toml") if p.is_file()) if directory.is_dir() else []
    if not files:
        raise KgError("E113", path=directory)
    parsed = [(path.name, _read(path)) for path in files]

    ruleset = RuleSet(source=_source_name(directory))
    macro_sources: dict[str, str] = {}
    raw_rules: list[tuple[str, dict[str, Any]]] = []
    lexicon_files: dict[str, str] = {}
    for name, doc in parsed:
        for key, value in doc.items():
            if key == "macros":
                for macro, body in _table(value, name, key).items():
                    if isinstance(body, list) and body and all(isinstance(w, str) for w in body):
                        macro_sources[macro] = _alternation(body)
                    elif isinstance(body, str) and body:
                        macro_sources[macro] = "(?:" + body + ")"
                    else:
                        raise KgError("E109", file=name, rule=f"macros.{macro}", key=macro,
                                      expected="a list of words or a regular expression")
            elif key == "lexicon":
                for table, words in _table(value, name, key).items():
                    _table(words, name, f"lexicon.{table}")
                    ruleset.lexicon[table] = words
                    lexicon_files[table] = name
                    macro_sources[table] = _alternation(list(words))
            elif key == "entity":
                for raw in _tables(value, name, key):
                    entity = _check_entity(raw, name)
                    if entity.id in ruleset.entities:
                        raise KgError("E108", file=name, rule=entity.id, first=ruleset.entities[entity.id].file)
                    ruleset.entities[entity.id] = entity
            elif key == "rule":
                raw_rules.extend((name, raw) for raw in _tables(value, name, key))
            else:
                raise KgError("E102", file=name, rule="(top level)", key=key, stage="file")

    offices = ruleset.lexicon.get("office", {})
    for title, names in offices.items():
        if not (isinstance(names, list) and names and all(isinstance(n, str) and n for n in names)):
            raise KgError("E109", file=lexicon_files["office"], rule=f"office.{title}", key=title,
                          expected="a non-empty list of office titles")
    office_titles = {n for names in offices.values() for n in names}
    labels: dict[str, str] = {}
    for family, kind in ruleset.lexicon.get("event-kinds", {}).items():
        # One label a kind: an event of that kind reported by several articles gets it from any of them.
        if not (isinstance(kind, list) and len(kind) == 2 and all(isinstance(k, str) and k for k in kind)) or \
                labels.setdefault(kind[0], kind[1]) != kind[1]:
            raise KgError("E109", file=lexicon_files["event-kinds"], rule=f"event-kinds.{family}", key=family,
                          expected="a kind and its label, the same label for every family of that kind")
    for entity in ruleset.entities.values():
        for key in ("as_actor", "governs", "member_of"):
            ref = getattr(entity, key)
            if ref is not None and ref not in ruleset.entities:
                raise KgError("E111", file=entity.file, rule=entity.id, key=key, value=ref)
        for number, office in enumerate(entity.offices, 1):
            if office.title not in office_titles:
                raise KgError("E122", file=entity.file, rule=entity.id, number=number, value=office.title)
            if office.of not in ruleset.entities:
                raise KgError("E123", file=entity.file, rule=entity.id, number=number, value=office.of)
            ruleset.office_holders.setdefault(office.title, []).append((entity.id, office))
        for alias in entity.aliases:
            if ruleset.alias_index.setdefault(alias, entity.id) != entity.id:
                first = ruleset.alias_index[alias]
                ruleset.alias_owners[alias] = ruleset.alias_owners.get(alias, (first,)) + (entity.id,)
    starts: dict[str, list[str]] = {}
    for alias in ruleset.alias_index:
        word = WORD_START_RE.match(alias)
        if word is None:
            owner = ruleset.entities[ruleset.alias_index[alias]]
            raise KgError("E109", file=owner.file, rule=owner.id, key="aliases",
                          expected="names that begin with a letter or digit")
        starts.setdefault(word.group(), []).append(alias)
    ruleset.alias_starts = {word: tuple(sorted(names, key=lambda a: (-len(a), a))) for word, names in starts.items()}
    ruleset.given_names = _given_names(directory)
    ruleset.place_words = {alias.split()[0] for alias, eid in ruleset.alias_index.items()
                           if ruleset.entities[eid].cls != "schema:Person"}
    for table in ("demonym", "title-body", "capital"):
        for form, ref in ruleset.lexicon.get(table, {}).items():
            if ref not in ruleset.entities:
                raise KgError("E111", file=lexicon_files[table], rule=f"{table}.{form}", key=table, value=ref)
    macro_sources.update(_name_macros())
    ruleset.macros = macro_sources

    # A rule directory may carry the forms of its own lemmas; else the shipped ones serve.
    own_forms = directory / FORMS_FILE
    expander = Expander(own_forms if own_forms.is_file() else RULES_DIR / FORMS_FILE)
    seen: dict[str, str] = {}
    checked: list[tuple[str, dict[str, Any]]] = []
    patterns: list[tuple[str, int]] = []
    for name, raw in raw_rules:
        settings = _check_rule(raw, name)
        rid = settings["id"]
        if rid in seen:
            raise KgError("E108", file=name, rule=rid, first=seen[rid])
        seen[rid] = name
        source = expander.expand(_expand(settings["pattern"], macro_sources, name, rid), name, rid)
        checked.append((name, settings))
        patterns.append((source, re.IGNORECASE if settings.get("flags") == "i" else 0))
    compiler = PatternCompiler(patterns)
    for index, (name, settings) in enumerate(checked):
        rid = settings["id"]
        try:
            regex = compiler.compile(index)
        except re.error as err:
            raise KgError("E105", file=name, rule=rid, detail=str(err)) from None
        needed = STAGES[settings["stage"]].get("groups", set()) | LAYOUT_GROUPS.get(settings.get("block"), set())
        for group in sorted(needed):
            if group not in regex.groupindex:
                raise KgError("E107", file=name, rule=rid, group=group, stage=settings["stage"])
        either = STAGES[settings["stage"]].get("any_groups", ())
        if either and not set(either) & set(regex.groupindex):
            raise KgError("E107", file=name, rule=rid, group="' or '".join(either), stage=settings["stage"])
        extra = {k: v for k, v in settings.items() if k not in COMMON_KEYS}
        on_names = any(macro.removesuffix(NAME_END) in NAME_MACROS
                       for macro in MACRO_RE.findall(settings["pattern"]))
        rule = Rule(id=rid, stage=settings["stage"], regex=regex, file=name, settings=extra, on_names=on_names)
        ruleset.rules.setdefault(rule.stage, []).append(rule)
    expander.keep()
    compiler.keep()
    return ruleset, compiler.programs
