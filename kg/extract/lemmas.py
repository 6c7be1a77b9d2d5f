"""Lemma macros: `{verb:hablar}` or `{noun:reunión}` in a rule's pattern stands for every form of the word.

The forms come from the forms file (`forms.tsv`, written by `python -m kg.extract.forms`); a macro expands
to a prefix trie of them (shared prefixes factored out), so that a rule naming fifty verbs still
stays a compact pattern; its compiled program is kept between builds (kg/extract/patterns.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from kg.errors import KgError
from kg.extract import cache

FORMS_FILE = "forms.tsv"
# `{word[` or `{word:` opens a lemma macro; named macros (`{place}`) and quantifiers (`{1,3}`) never do.
LEMMA_MACRO_RE = re.compile(r"\{[a-z]+[\[:][^{}]*\}")
LEMMA_MACRO_PARTS = re.compile(r"\{(?P<kind>[a-z]+)(?:\[(?P<selectors>[^\]]*)\])?:(?P<lemmas>[^\]]*)\}")
VERB_LEMMA = re.compile(r"[a-záéíóúñü]*(?:ar|er|ir|ír)(?:se)?")
NOUN_LEMMA = re.compile(r"[a-záéíóúñü]+")
VERB_SELECTORS = ("past", "present", "future", "conditional", "subjunctive", "infinitive", "gerund", "participle",
                  "third", "plural")
# Selectors that narrow the finite forms chosen by the others to a person or a number.
PERSON_SELECTORS = {"third", "plural"}
NONFINITE_SELECTORS = {"infinitive", "gerund", "participle"}
NOUN_SELECTORS = ("singular", "plural")
VERB_TAGS = ("infinitive", "gerund", "participle", "present", "preterite", "imperfect", "future", "conditional",
             "subjunctive", "other")
NOUN_TAGS = ("singular", "plural")
# Simple forms of each selector, and the forms of "haber" that make its compound tenses ("ha hablado" is past).
SIMPLE_TAGS = {"past": {"preterite", "imperfect"}, "present": {"present"}, "future": {"future"},
               "conditional": {"conditional"}, "subjunctive": {"subjunctive"}}
COMPOUND_TAGS = {"past": {"present", "imperfect", "preterite"}, "future": {"future"},
                 "conditional": {"conditional"}, "subjunctive": {"subjunctive"}}
MODAL_TAGS = ("present", "preterite", "imperfect", "future", "conditional")
# Verbs the expansion itself uses: the auxiliary of compound tenses, and those a pronominal verb's
# clitic climbs over ("se van a reunir", "se podrían reunir"), with the preposition they take.
HABER = "haber"
MODALS = {"ir": " a", "volver": " a", "poder": "", "deber": "", "querer": ""}
AUXILIARIES = (HABER, *MODALS)
CLITICS = ("se", "me", "te", "nos", "os", "lo", "la", "los", "las", "le", "les")
# One or two clitics before a finite verb ("se lo dijo"); without one, the verb may not follow a clitic, so
# that a match starts at the clitic and a lookbehind of the rule sees what precedes it ("no lo descartó").
PROCLITICS = (r"(?:(?:[sSmMtT]e|[lL](?:[oa]s?|es?)|[nN]?[oO]s) (?:(?:[smt]e|l(?:[oa]s?|es?)|n?os) )?"
              r"|(?<!\b(?:[sSmMtT]e|[lL][eoa]|[oO]s) )(?<!\b(?:[nN]os|[lL][oae]s) ))")
REFLEXIVES = ("se", "me", "te", "nos", "os")
VOWELS = "aeiouáéíóúü"
STRONG = {"a": "á", "e": "é", "o": "ó"}
WEAK = {"i": "í", "u": "ú"}

Forms = dict[tuple[str, str], dict[str, tuple[str, ...]]]


def read_forms(path: Path) -> Forms:
    """Read a forms file: (part of speech, lemma) -> tag -> forms."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise KgError("E114", file=path.name, detail=getattr(err, "strerror", None) or str(err)) from None
    known = {("verb", t) for t in VERB_TAGS} | {("noun", t) for t in NOUN_TAGS}
    table: Forms = {}
    for number, line in enumerate(lines, 1):
        if not line or line[0] == "#":
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            raise KgError("E117", file=path.name, line=number, detail="expected 4 tab-separated columns: "
                          "part of speech, lemma, tag, forms")
        pos, lemma, tag, forms = cells
        if (pos, tag) not in known:
            raise KgError("E117", file=path.name, line=number, detail=f"unknown part of speech or tag '{pos} {tag}'")
        table.setdefault((pos, lemma), {})[tag] = tuple(forms.split(" "))
    return table


def stressed(word: str) -> str:
    """Write the accent a form needs once an enclitic makes it stressed on the third syllable from the end.

    "hablando" + "le" is "hablándole", "hable" + "se" "háblese"; a form that bears an accent keeps it.
    """
    if any(ch in "áéíóú" for ch in word):
        return word
    nuclei = [m for m in re.finditer(f"[{VOWELS}]+", word)]
    # Spanish words ending in a vowel, n or s are stressed on the penultimate syllable, the others on the last.
    nucleus = nuclei[-2] if word[-1] in VOWELS + "ns" and len(nuclei) > 1 else nuclei[-1]
    group = nucleus.group()
    strong = [i for i, ch in enumerate(group) if ch in STRONG]
    i = strong[0] if strong else len(group) - 1
    accented = STRONG.get(group[i]) or WEAK.get(group[i], group[i])
    return word[:nucleus.start() + i] + accented + word[nucleus.start() + i + 1:]


def trie(words: Iterable[str], initial: bool = True) -> str:
    """Return a regex matching exactly the given words, their shared prefixes factored out.

    With initial, a word may also start with a capital ("Reuniones", "Se reunieron").
    """
    return _trie(tuple(sorted(set(words))), initial)


@lru_cache(maxsize=None)
def _trie(words: tuple[str, ...], initial: bool) -> str:
    """Build the regex of a sorted tuple of words, once per tuple (the auxiliaries' recur in every macro)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branches(root, initial)


def _branches(node: dict, initial: bool) -> str:
    """Return the regex of one trie node: its continuations, optional when a word ends there."""
    leaves, alternatives = [], []
    for ch in sorted(k for k in node if k):
        head = f"[{ch}{ch.upper()}]" if initial and ch.upper() != ch else re.escape(ch)
        rest = _branches(node[ch], False)
        if rest == "" and len(head) == 1:
            leaves.append(head)
        else:
            alternatives.append(head + rest)
    atom = not alternatives and len(leaves) >= 1  # one character or one class: "?" applies to it whole
    if leaves:
        alternatives.append(leaves[0] if len(leaves) == 1 else "[" + "".join(leaves) + "]")
    if not alternatives:
        return ""
    if len(alternatives) == 1:
        body = alternatives[0]
        return body + "?" if "" in node and atom else (f"(?:{body})?" if "" in node else body)
    return "(?:" + "|".join(alternatives) + ")" + ("?" if "" in node else "")


def parse_macro(macro: str, file: str, rid: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Split a lemma macro into its kind, selectors and lemmas, refusing a malformed one."""
    parts = LEMMA_MACRO_PARTS.fullmatch(macro)
    if parts is None:
        raise KgError("E115", file=file, rule=rid, macro=macro,
                      detail="expected {verb:LEMMA,…}, {verb[SELECTOR,…]:LEMMA,…} or {noun:LEMMA,…}")
    kind = parts["kind"]
    if kind not in ("verb", "noun"):
        raise KgError("E115", file=file, rule=rid, macro=macro, detail=f"unknown kind '{kind}' (expected verb or noun)")
    allowed = VERB_SELECTORS if kind == "verb" else NOUN_SELECTORS
    selectors = tuple(s.strip() for s in parts["selectors"].split(",")) if parts["selectors"] is not None else ()
    for selector in selectors:
        if selector not in allowed:
            raise KgError("E115", file=file, rule=rid, macro=macro,
                          detail=f"unknown selector '{selector}' for {kind} (expected one of: {', '.join(allowed)})")
    lemmas = tuple(lemma.strip() for lemma in parts["lemmas"].split(","))
    shape = VERB_LEMMA if kind == "verb" else NOUN_LEMMA
    for lemma in lemmas:
        if not shape.fullmatch(lemma):
            expected = "an infinitive (…ar, …er, …ir, with se when pronominal)" if kind == "verb" else "a lowercase word"
            raise KgError("E115", file=file, rule=rid, macro=macro, detail=f"'{lemma}' is not {expected}")
    return kind, selectors, lemmas


def base_lemma(kind: str, lemma: str) -> tuple[str, bool]:
    """Return the lemma the forms file lists a word under, and whether it is a pronominal verb ("reunirse")."""
    if kind == "verb" and lemma.endswith("se") and VERB_LEMMA.fullmatch(lemma[:-2]):
        return lemma[:-2], True
    return lemma, False


class Expander:
    """Expands the lemma macros of patterns against one forms file, each distinct macro once."""

    def __init__(self, path: Path) -> None:
        """Remember where the forms are (read on first use) and take the regexes kept for them."""
        self.path = path
        self.forms: Forms | None = None
        # Expanding the macros costs a build about as much as reading the seed: the regex of each is kept
        # between builds under the hash of the forms and of this module, which together decide it.
        try:
            made_from = path.read_bytes() + Path(__file__).read_bytes()
        except OSError:  # the error is reported on first use
            made_from = None
        self.name = f"lemmas-{hashlib.sha256(made_from).hexdigest()}.marshal" if made_from is not None else None
        kept = cache.load(self.name) if self.name else None
        self.cache: dict[str, str] = kept if isinstance(kept, dict) else {}
        self.added = False

    def keep(self) -> None:
        """Keep the regexes of the macros for the next build, if any was expanded now."""
        if self.name and self.added:
            cache.store(self.name, self.cache)

    def lookup(self, pos: str, lemma: str, macro: str, file: str, rid: str) -> dict[str, tuple[str, ...]]:
        """Return the forms of a lemma by tag, naming a lemma the forms file lacks."""
        if self.forms is None:
            self.forms = read_forms(self.path)
        found = self.forms.get((pos, lemma))
        if found is None:
            raise KgError("E116", file=file, rule=rid, kind=pos, lemma=lemma, macro=macro, forms=self.path.name)
        return found

    def expand(self, pattern: str, file: str, rid: str) -> str:
        """Replace every lemma macro of a pattern by the regex of all its forms."""
        return LEMMA_MACRO_RE.sub(lambda m: self.regex(m.group(), file, rid), pattern)

    def regex(self, macro: str, file: str, rid: str) -> str:
        """Return the regex of one lemma macro, computed once."""
        if macro not in self.cache:
            self.cache[macro] = self.expand_macro(macro, file, rid)
            self.added = True
        return self.cache[macro]

    def expand_macro(self, macro: str, file: str, rid: str) -> str:
        """Expand one lemma macro into the regex of its forms."""
        kind, selectors, lemmas = parse_macro(macro, file, rid)
        if kind == "noun":
            tags = selectors or NOUN_TAGS
            words = [f for lemma in lemmas for tag, forms in self.lookup("noun", lemma, macro, file, rid).items()
                     if tag in tags for f in forms]
            return rf"\b{trie(words)}\b"
        auxiliaries = {aux: [(aux[:-2], self.lookup("verb", aux, macro, file, rid))] for aux in AUXILIARIES}
        alternatives = []
        for reflexive in (False, True):
            paradigms = [(base[:-2], self.lookup("verb", base, macro, file, rid))
                         for base, pronominal in (base_lemma("verb", lemma) for lemma in lemmas) if pronominal == reflexive]
            if paradigms:
                alternatives += _verb_alternatives(paradigms, auxiliaries, set(selectors), reflexive)
        return r"\b(?:" + "|".join(alternatives) + r")\b"


Paradigms = list[tuple[str, dict[str, tuple[str, ...]]]]  # (stem, tag -> forms) of each lemma


def _of(paradigms: Paradigms, tags: Iterable[str], persons: Iterable[str] = ()) -> list[tuple[str, list[str]]]:
    """Return, lemma by lemma, the forms that carry one of the tags and, if asked, a person or number."""
    tags, persons = set(tags), set(persons)
    found = []
    for stem, paradigm in paradigms:
        preterite = set(paradigm.get("preterite", ()))
        forms = [f for tag, fs in paradigm.items() if tag in tags for f in fs
                 if all(_has_person(f, p, preterite) for p in persons)]
        found.append((stem, forms))
    return found


def _has_person(form: str, person: str, preterite: set[str]) -> bool:
    """Tell a finite form's person or number by its ending.

    Third persons end in -a, -e, -á or -n, and in the preterite in -ó, -o ("dijo"), -n or an -e that is no
    first person of a preterite in -o ("fue", not "dije"); plurals end in
    -n or -mos (the forms file has no second persons).
    """
    if person == "plural":
        return form.endswith(("n", "mos"))
    if form in preterite:  # "dije" is the first person of "dijo", "fue" a third
        return form.endswith(("ó", "o", "n")) or (form.endswith("e") and form[:-1] + "o" not in preterite)
    return form.endswith(("a", "e", "á", "n"))


def compact(words: list[tuple[str, list[str]]], initial: bool = True) -> str:
    """Return a regex of the forms of several lemmas: stems that take the same endings share one trie of them.

    Forty regular verbs in -ar take the same endings: "(?:afirm|declar|…)(?:a|an|ó|aron)" is a fraction of
    forty tries. Forms that do not start with their lemma's stem ("dijo") form a trie of their own.
    """
    by_endings: dict[frozenset[str], list[str]] = {}
    irregular: list[str] = []
    for stem, forms in words:
        endings = frozenset(f[len(stem):] for f in forms if stem and f.startswith(stem))
        irregular += [f for f in forms if not stem or not f.startswith(stem)]
        if endings:
            by_endings.setdefault(endings, []).append(stem)
    alternatives = []
    for endings, stems in sorted(by_endings.items(), key=lambda item: sorted(item[1])):
        tail = trie(endings, initial=False)
        grouped = tail if tail == "" or len(endings) == 1 else f"(?:{tail})"
        alternatives.append(trie(stems, initial) + grouped)
    if irregular:
        alternatives.append(trie(irregular, initial))
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")" if alternatives else ""


def _flat(words: list[tuple[str, list[str]]]) -> list[str]:
    """Return the forms of several lemmas as one list."""
    return [f for _, forms in words for f in forms]


def _choice(selectors: set[str]) -> tuple[bool, set[str], set[str], set[str], set[str]]:
    """Read a verb macro's selectors: whether none chooses a tense, the persons, the chosen selectors, and
    the tags of the simple forms and of the forms of "haber" they take."""
    persons = selectors & PERSON_SELECTORS
    every = not selectors - PERSON_SELECTORS
    chosen = selectors - PERSON_SELECTORS or set(VERB_SELECTORS) - PERSON_SELECTORS - {"participle"}
    if every and persons:  # a person or a number chooses finite forms only
        chosen -= NONFINITE_SELECTORS
    simple = {tag for s in chosen for tag in SIMPLE_TAGS.get(s, ())} | ({"other"} if every and not persons else set())
    compound = {tag for s in chosen for tag in COMPOUND_TAGS.get(s, ())}
    return every, persons, chosen, simple, compound


def _verb_alternatives(paradigms: Paradigms, auxiliaries: dict[str, Paradigms], selectors: set[str],
                       reflexive: bool) -> list[str]:
    """Return the alternatives of a verb macro: finite forms with their proclitics, then the other forms."""
    every, persons, chosen, simple, compound = _choice(selectors)
    clitic = "(?:" + "|".join(REFLEXIVES if reflexive else CLITICS) + ")"
    # One enclitic on an infinitive ("reunirse", "decirlo"); a gerund or an imperative, which then bears
    # an accent, may take two ("diciéndoselo").
    enclitic = clitic if reflexive else f"(?:{clitic})?"
    enclitics = clitic if reflexive else f"{clitic}(?:l[oa]s?)?"
    infinitives = _flat(_of(paradigms, ["infinitive"]))
    bare_infinitive = trie(infinitives, initial=False)
    participles = [(stem, [f for f in forms if f.endswith("o")]) for stem, forms in _of(paradigms, ["participle"])]
    participle = compact(participles, initial=False)

    finite = []
    if _flat(simple_forms := _of(paradigms, simple, persons)):
        finite.append(compact(simple_forms))
    if compound and participle:
        finite.append(trie(_flat(_of(auxiliaries[HABER], compound, persons))) + " " + participle)
    ir_present = trie(_flat(_of(auxiliaries["ir"], ["present"], persons)))
    if "future" in chosen:
        finite.append(f"{ir_present} a {bare_infinitive if reflexive else bare_infinitive + enclitic}")
    alternatives = []
    if finite:
        body = "(?:" + "|".join(finite) + ")"
        if reflexive:
            alternatives.append(f"{trie(REFLEXIVES)} {body}")
        else:
            # A finite verb after a clitic is matched from the clitic on, so that a lookbehind of the rule
            # sees what precedes the clitic ("no lo descartó" stays negated).
            alternatives.append(PROCLITICS + body)
    if reflexive and "future" in chosen:
        alternatives.append(f"{ir_present} a {bare_infinitive}{enclitic}")
    if "infinitive" in chosen:
        alternatives.append(trie(infinitives) + enclitic)
        if participle:
            alternatives.append(f"[hH]aber{enclitic} {participle}")
        if reflexive:  # the clitic climbs to a modal verb: "se podrían reunir", "se volverán a reunir"
            modals = "|".join(trie(_flat(_of(auxiliaries[m], MODAL_TAGS, ["third"])), initial=False) + prep
                              for m, prep in MODALS.items())
            alternatives.append(f"{trie(REFLEXIVES)} (?:{modals}) {bare_infinitive}")
    if "gerund" in chosen:
        gerunds = _flat(_of(paradigms, ["gerund"]))
        if not reflexive:
            alternatives.append(trie(gerunds))
        alternatives.append(trie(stressed(g) for g in gerunds) + enclitics)
        if participle:
            alternatives += [f"[hH]abiendo {participle}"] * (not reflexive) + [f"[hH]abiéndo{clitic} {participle}"]
    if "participle" in chosen and participle:
        alternatives.append(compact(_of(paradigms, ["participle"])))
    if every and not persons:
        # Imperatives with enclitics ("reúnanse", "háblenle"): the subjunctive's third persons.
        imperatives = [(stem, [stressed(f) for f in forms if not f.endswith(("ra", "ran", "se", "sen"))])
                       for stem, forms in _of(paradigms, ["subjunctive"], ["third"])]
        alternatives.append(compact(imperatives) + enclitics)
    return alternatives
