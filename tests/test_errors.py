"""Every user error is one numbered line on stderr, a documented exit code, no traceback, and no damage.

Each failing case runs `kg build` in a scratch directory that already holds a good out/graph.ttl,
and checks that the failure leaves that directory byte for byte as it was (no temporary file either).
Paths are given relative to the scratch directory so the expected messages are exact.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.build
from kg.build import write_all_atomic
from kg.cli import app
from kg.errors import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_RULES, EXIT_USAGE, KgError
from kg.extract.rules import RULES_DIR

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2021-12-31_llamada-putin-biden.txt"

# A tiny article in the wire-service layout: enough to make a graph, fast to build.
TINY = (
    "Titular\n\nEntradilla de la noticia.\n\n10 Marzo de 2022 10.00\n\n"
    "El presidente ruso, Vladimir Putin, habló por teléfono con Joe Biden.\n"
)
# Spanish text saved as latin-1: "ó" is the byte 0xF3, invalid as UTF-8 where it stands.
LATIN1_PREFIX = "El presidente ruso habl"
LATIN1_TEXT = LATIN1_PREFIX + "ó en Moscú con su homólogo.\n"

runner = CliRunner()


# --- helpers -----------------------------------------------------------------------------------


def invoke(*args: str):
    """Run the CLI in process; stderr is captured apart from stdout."""
    return runner.invoke(app, list(args))


def snapshot(directory: Path) -> dict[str, bytes]:
    """Return every file of a directory (names and bytes), to compare before and after a run."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()} | {
        p.name + "/": b"" for p in directory.iterdir() if p.is_dir()}


def temp_files(directory: Path) -> list[str]:
    """Return the names of leftover temporary files of an atomic write."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith((".graph.ttl.", ".graph.html.")))


def process_env() -> dict[str, str]:
    """Return the environment of a real process: none of the caller's PYTHON* settings, and this tree's kg."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | {"PYTHONPATH": str(ROOT)}


def assert_error(result, exit_code: int, message: str) -> None:
    """Check one failed run: exact exit code, exact one-line message on stderr, nothing on stdout."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == exit_code, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr == f"Error: {message}\n"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch directory (the current one) with a tiny article and a good out/graph.ttl built from it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.txt").write_text(TINY, encoding="utf-8")
    result = invoke("build", "ok.txt", "--out", "out")
    assert result.exit_code == EXIT_OK, result.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0
    return tmp_path


@pytest.fixture
def rules_copy(work: Path) -> Path:
    """A copy of the shipped rules that a test may break."""
    target = work / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def edit(rules_dir: Path, name: str, old: str, new: str) -> str:
    """Replace the one occurrence of a snippet in a rule file; return the new text."""
    path = rules_dir / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not unique in {name}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def failing_build(work: Path, args: list[str], exit_code: int, message: str) -> None:
    """Run a build that must fail (into out/ unless args say --out) and check that out/ is unchanged."""
    out = work / "out"
    before = snapshot(out)
    args = args if "--out" in args else [*args, "--out", "out"]
    assert_error(invoke("build", *args), exit_code, message)
    assert snapshot(out) == before
    assert temp_files(out) == []


# --- input articles ----------------------------------------------------------------------------


def test_missing_path(work: Path) -> None:
    failing_build(work, ["missing.txt"], EXIT_INPUT, "[E001] no such file: missing.txt")


def test_missing_path_among_good_ones(work: Path) -> None:
    failing_build(work, ["ok.txt", "missing.txt"], EXIT_INPUT, "[E001] no such file: missing.txt")


def test_empty_file(work: Path) -> None:
    (work / "empty.txt").write_bytes(b"")
    failing_build(work, ["empty.txt"], EXIT_INPUT, "[E002] empty article: empty.txt")


def test_whitespace_only_file(work: Path) -> None:
    (work / "blank.txt").write_bytes(b" \n\t\r\n  \n")
    failing_build(work, ["blank.txt"], EXIT_INPUT, "[E002] empty article: blank.txt")


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf",                      # only a byte-order mark
    b"\xef\xbb\xbf \n\n",                 # a byte-order mark and blank lines
    "\u00a0\u3000\n".encode("utf-8"),     # only no-break and ideographic spaces
], ids=["bom", "bom-blank", "unicode-spaces"])
def test_unicode_blank_file(work: Path, data: bytes) -> None:
    (work / "blank.txt").write_bytes(data)
    failing_build(work, ["blank.txt"], EXIT_INPUT, "[E002] empty article: blank.txt")


def test_binary_file(work: Path) -> None:
    (work / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    failing_build(work, ["photo.txt"], EXIT_INPUT, "[E003] not a text file (binary data): photo.txt")


def test_latin1_file(work: Path) -> None:
    (work / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    offset = len(LATIN1_PREFIX.encode("latin-1"))
    assert offset == 23
    failing_build(work, ["latin1.txt"], EXIT_INPUT, f"[E004] not valid UTF-8 at byte {offset}: latin1.txt")


def test_directory_without_articles(work: Path) -> None:
    (work / "articles").mkdir()
    (work / "articles" / "notes.md").write_text("nada", encoding="utf-8")
    failing_build(work, ["articles"], EXIT_INPUT, "[E005] no articles: articles holds no .txt, .html or .htm file")


def test_directory_whose_only_txt_is_a_directory(work: Path) -> None:
    (work / "articles" / "old.txt").mkdir(parents=True)
    failing_build(work, ["articles"], EXIT_INPUT, "[E005] no articles: articles holds no .txt, .html or .htm file")


def test_subdirectory_named_txt_is_skipped(work: Path) -> None:
    (work / "articles" / "old.txt").mkdir(parents=True)
    (work / "articles" / "new.txt").write_text(TINY, encoding="utf-8")
    result = invoke("build", "articles", "--out", "out2")
    assert result.exit_code == EXIT_OK, result.stderr
    assert (work / "out2" / "graph.ttl").read_bytes() == (work / "out" / "graph.ttl").read_bytes()


def test_dangling_link_in_directory(work: Path) -> None:
    (work / "articles").mkdir()
    (work / "articles" / "gone.txt").symlink_to(work / "nowhere.txt")
    failing_build(work, ["articles"], EXIT_INPUT, "[E001] no such file: articles/gone.txt")


def test_not_a_regular_file(work: Path) -> None:
    failing_build(work, ["/dev/null"], EXIT_INPUT, "[E006] not a file: /dev/null")


def test_page_without_main_text(work: Path) -> None:
    # A page drawn by a script has no text of its own.
    (work / "vacia.html").write_text("<html><head><title>Portada</title></head><body><script>dibujar();</script>"
                                     "</body></html>", encoding="utf-8")
    failing_build(work, ["vacia.html"], EXIT_INPUT, "[E008] no article text found in the page: vacia.html")


@pytest.mark.parametrize(("value", "detail"), [
    ("2023-02-30", "day is out of range for month"),
    ("2023-13-01", "month must be in 1..12"),
    ("14/03/2023", "expected a date written YYYY-MM-DD"),
    ("2023-3-14", "expected a date written YYYY-MM-DD"),
])
def test_published_that_is_no_date(work: Path, value: str, detail: str) -> None:
    failing_build(work, ["ok.txt", "--published", value], EXIT_USAGE, f"[E009] --published {value}: {detail}")


# --- rule files --------------------------------------------------------------------------------

VENUE_EN = 'id = "venue.en"\nstage = "venue"\n'
VENUE_EN_PATTERN = "pattern = '''\\ben (?P<place>{place})\\b'''"
REAGAN = 'offices = [{title = "presidente", of = "estados-unidos", from = "1981-01-20", to = "1989-01-20"}]'
GHW_BUSH_VP = '{title = "vicepresidente", of = "estados-unidos", from = "1981-01-20", to = "1989-01-20"}'


def _re_error(pattern: str) -> str:
    """Return the message re gives for a pattern that does not compile."""
    try:
        re.compile(pattern)
    except re.error as err:
        return str(err)
    raise AssertionError(f"{pattern!r} compiles")


RULE_CASES = [
    # (case id, file, old snippet, new snippet, expected message without the E101/E105 detail)
    ("E102-unknown-key", "circumstances.toml", VENUE_EN, VENUE_EN + 'plase = "Ginebra"\n',
     "[E102] circumstances.toml: rule venue.en: unknown key 'plase' for stage 'venue'"),
    ("E103-missing-key", "layout.toml", 'id = "layout.dateline"\nstage = "layout"\nblock = "dateline"\n',
     'id = "layout.dateline"\nstage = "layout"\n',
     "[E103] layout.toml: rule layout.dateline: missing required key 'block'"),
    ("E103-missing-pattern", "circumstances.toml", VENUE_EN + "# \"en Ginebra\", \"en la capital, Bruselas\" is not covered\n"
     + VENUE_EN_PATTERN + "\n", VENUE_EN,
     "[E103] circumstances.toml: rule venue.en: missing required key 'pattern'"),
    ("E104-unknown-stage", "circumstances.toml", VENUE_EN, 'id = "venue.en"\nstage = "venues"\n',
     "[E104] circumstances.toml: rule venue.en: unknown stage 'venues'"),
    ("E106-unknown-macro", "circumstances.toml", VENUE_EN_PATTERN, VENUE_EN_PATTERN.replace("{place}", "{plaza}"),
     "[E106] circumstances.toml: rule venue.en: unknown macro '{plaza}' in pattern"),
    ("E107-missing-group", "circumstances.toml", VENUE_EN_PATTERN, VENUE_EN_PATTERN.replace("<place>", "<lugar>"),
     "[E107] circumstances.toml: rule venue.en: pattern lacks the named group 'place' that stage 'venue' needs"),
    ("E108-duplicate-id", "statements.toml", 'id = "report.explain"', 'id = "venue.en"',
     "[E108] statements.toml: rule venue.en: duplicate rule id (first defined in circumstances.toml)"),
    ("E103-missing-id", "circumstances.toml", 'id = "venue.en"\n', "",
     "[E103] circumstances.toml: rule (no id): missing required key 'id'"),
    ("E109-stage-not-a-string", "circumstances.toml", VENUE_EN, 'id = "venue.en"\nstage = 3\n',
     "[E109] circumstances.toml: rule venue.en: key 'stage' must be a non-empty string"),
    ("E109-lexicon-table-not-a-table", "lexicon.toml", '[lexicon.demonym]\n"ruso" = "rusia"\n"rusa" = "rusia"',
     '[lexicon]\ndemonym = ["ruso"]\n[lexicon.other]\n"rusa" = "rusia"',
     "[E109] lexicon.toml: rule (top level): key 'lexicon.demonym' must be a table ([lexicon.demonym])"),
    ("E109-as-actor-not-a-string", "lexicon.toml", 'as_actor = "gobierno-de-rusia"', "as_actor = 1",
     "[E109] lexicon.toml: rule moscu: key 'as_actor' must be a non-empty string"),
    ("E109-event-kind-without-label", "events.toml", '"founding" = ["founding", "Fundación"]',
     '"founding" = ["founding"]',
     "[E109] events.toml: rule event-kinds.founding: key 'founding' must be a kind and its label, the same label "
     "for every family of that kind"),
    ("E109-event-kind-of-two-labels", "events.toml", '"outcome" = ["agreement", "Acuerdo"]',
     '"outcome" = ["agreement", "Resultado"]',
     "[E109] events.toml: rule event-kinds.outcome: key 'outcome' must be a kind and its label, the same label "
     "for every family of that kind"),
    ("E111-unknown-as-actor", "lexicon.toml", 'as_actor = "gobierno-de-rusia"', 'as_actor = "gobierno-ruso"',
     "[E111] lexicon.toml: entry moscu: refers to unknown entity 'gobierno-ruso' in 'as_actor'"),
    ("E111-unknown-demonym", "lexicon.toml", '"rusa" = "rusia"', '"rusa" = "rusiia"',
     "[E111] lexicon.toml: entry demonym.rusa: refers to unknown entity 'rusiia' in 'demonym'"),
    ("E111-unknown-title-body", "lexicon.toml", '"pontífice" = "santa-sede"', '"pontífice" = "vaticano"',
     "[E111] lexicon.toml: entry title-body.pontífice: refers to unknown entity 'vaticano' in 'title-body'"),
    ("E107-reference-without-title-or-demonym", "entities.toml", "(?P<demonym>{demonym})\\b(?!",
     "(?:{demonym})\\b(?!",
     "[E107] entities.toml: rule person.demonym-reference: pattern lacks the named group 'title' or 'demonym' "
     "that stage 'reference' needs"),
    ("E107-missing-layout-group", "layout.toml", "(?P<text>", "(?P<words>",
     "[E107] layout.toml: rule layout.bullet: pattern lacks the named group 'text' that stage 'layout' needs"),
    ("E109-inline-not-a-boolean", "layout.toml", 'inline = true\n# "Washington.- ', 'inline = 1\n# "Washington.- ',
     "[E109] layout.toml: rule layout.dateline-place: key 'inline' must be true or false"),
    ("E109-offices-not-a-list", "lexicon.toml", REAGAN, 'offices = "presidente"',
     "[E109] lexicon.toml: rule ronald-reagan: key 'offices' must be a list of tables such as "
     '{title = "presidente", of = "rusia", from = "2012-05-07"}'),
    ("E109-alias-not-a-word", "lexicon.toml", 'aliases = ["Ronald Reagan", "Reagan"]',
     'aliases = ["Ronald Reagan", "«Reagan»"]',
     "[E109] lexicon.toml: rule ronald-reagan: key 'aliases' must be names that begin with a letter or digit"),
    ("E118-unknown-office-key", "lexicon.toml", REAGAN, REAGAN.replace("from =", "since ="),
     "[E118] lexicon.toml: entry ronald-reagan: office 1: unknown key 'since' (expected one of: from, of, title, to)"),
    ("E119-missing-office-key", "lexicon.toml", REAGAN, REAGAN.replace(' of = "estados-unidos",', ""),
     "[E119] lexicon.toml: entry ronald-reagan: office 1: missing required key 'of'"),
    ("E120-office-day-not-iso", "lexicon.toml", REAGAN, REAGAN.replace('"1981-01-20"', '"20/01/1981"'),
     "[E120] lexicon.toml: entry ronald-reagan: office 1: key 'from' must be a day written YYYY-MM-DD, "
     "not '20/01/1981'"),
    ("E120-office-day-that-does-not-exist", "lexicon.toml", REAGAN, REAGAN.replace('"1989-01-20"', '"1989-02-30"'),
     "[E120] lexicon.toml: entry ronald-reagan: office 1: key 'to' must be a day written YYYY-MM-DD, "
     "not '1989-02-30'"),
    ("E120-office-title-not-a-string", "lexicon.toml", REAGAN, REAGAN.replace('"presidente"', "1"),
     "[E120] lexicon.toml: entry ronald-reagan: office 1: key 'title' must be a non-empty string"),
    ("E121-office-ends-before-it-begins", "lexicon.toml", REAGAN, REAGAN.replace('"1989-01-20"', '"1981-01-20"'),
     "[E121] lexicon.toml: entry ronald-reagan: office 1: 'to' (1981-01-20) is not after 'from' (1981-01-20)"),
    ("E122-unknown-office-title", "lexicon.toml", GHW_BUSH_VP, GHW_BUSH_VP.replace("vicepresidente", "vice"),
     "[E122] lexicon.toml: entry george-h-w-bush: office 2: unknown title 'vice' (not an office of [lexicon.office])"),
    ("E123-unknown-office-holder", "lexicon.toml", REAGAN, REAGAN.replace('"estados-unidos"', '"eeuu"'),
     "[E123] lexicon.toml: entry ronald-reagan: office 1: refers to unknown entity 'eeuu' in 'of'"),
    ("E112-bad-id", "circumstances.toml", 'id = "venue.en"', 'id = "Venue_en"',
     "[E112] circumstances.toml: rule id 'Venue_en' is not of the form family.name (lowercase, digits, '-')"),
    ("E115-unknown-selector", "statements.toml", "{verb[past,present,third]:explicar}", "{verb[pasado]:explicar}",
     "[E115] statements.toml: rule report.explain: malformed lemma macro '{verb[pasado]:explicar}': unknown "
     "selector 'pasado' for verb (expected one of: past, present, future, conditional, subjunctive, infinitive, "
     "gerund, participle, third, plural)"),
    ("E115-unknown-kind", "statements.toml", "{verb[past,present,third]:explicar}", "{verbo:explicar}",
     "[E115] statements.toml: rule report.explain: malformed lemma macro '{verbo:explicar}': unknown kind 'verbo' "
     "(expected verb or noun)"),
    ("E115-not-an-infinitive", "statements.toml", "{verb[past,present,third]:explicar}", "{verb:explicó}",
     "[E115] statements.toml: rule report.explain: malformed lemma macro '{verb:explicó}': 'explicó' is not an "
     "infinitive (…ar, …er, …ir, with se when pronominal)"),
    ("E115-noun-selector", "events.toml", "{noun:cumbre}", "{noun[past]:cumbre}",
     "[E115] events.toml: rule event.summit: malformed lemma macro '{noun[past]:cumbre}': unknown selector 'past' "
     "for noun (expected one of: singular, plural)"),
    ("E116-unknown-lemma", "statements.toml", "{verb[past,present,third]:explicar}",
     "{verb[past,present,third]:argumentar}",
     "[E116] statements.toml: rule report.explain: unknown verb 'argumentar' in "
     "'{verb[past,present,third]:argumentar}': forms.tsv does not list it (regenerate it with `python -m kg.extract.forms`)"),
]


@pytest.mark.parametrize("name,old,new,message", [c[1:] for c in RULE_CASES], ids=[c[0] for c in RULE_CASES])
def test_bad_rule(work: Path, rules_copy: Path, name: str, old: str, new: str, message: str) -> None:
    edit(rules_copy, name, old, new)
    failing_build(work, ["ok.txt", "--rules", "rules"], EXIT_RULES, message)


def test_malformed_forms_file(work: Path, rules_copy: Path) -> None:
    forms = rules_copy / "forms.tsv"
    lines = forms.read_text(encoding="utf-8").splitlines()
    forms.write_text("\n".join([lines[0], "verb\thablar\tpreterite", *lines[1:]]) + "\n", encoding="utf-8")
    failing_build(work, ["ok.txt", "--rules", "rules"], EXIT_RULES,
                  "[E117] forms.tsv: line 2: expected 4 tab-separated columns: part of speech, lemma, tag, forms")


def test_rules_without_a_forms_file_use_the_shipped_one(work: Path, rules_copy: Path) -> None:
    (rules_copy / "forms.tsv").unlink()
    result = invoke("build", str(work / "ok.txt"), "--rules", str(rules_copy), "--out", str(work / "out"))
    assert result.exit_code == EXIT_OK, result.stderr


def test_invalid_toml(work: Path, rules_copy: Path) -> None:
    text = edit(rules_copy, "circumstances.toml", 'id = "venue.en"', 'id = "venue.en')
    with pytest.raises(tomllib.TOMLDecodeError) as err:
        tomllib.loads(text)
    detail = str(err.value)
    assert "\n" not in detail
    failing_build(work, ["ok.txt", "--rules", "rules"], EXIT_RULES,
                  f"[E101] circumstances.toml: invalid TOML: {detail}")


def test_regex_does_not_compile(work: Path, rules_copy: Path) -> None:
    # An unbalanced "(" at the start: re reports position 0 whatever the macros expand to.
    edit(rules_copy, "circumstances.toml", VENUE_EN_PATTERN, VENUE_EN_PATTERN.replace("'''\\ben", "'''(\\ben"))
    detail = _re_error("(\\ben (?P<place>x)\\b")
    failing_build(work, ["ok.txt", "--rules", "rules"], EXIT_RULES,
                  f"[E105] circumstances.toml: rule venue.en: pattern does not compile: {detail}")


def test_rule_key_that_is_not_an_array_of_tables(work: Path, rules_copy: Path) -> None:
    (rules_copy / "extra.toml").write_text('rule = "venue.en"\n', encoding="utf-8")
    failing_build(work, ["ok.txt", "--rules", "rules"], EXIT_RULES,
                  "[E109] extra.toml: rule (top level): key 'rule' must be an array of tables ([[rule]])")


def test_directory_named_toml_is_skipped(work: Path, rules_copy: Path) -> None:
    (rules_copy / "drafts.toml").mkdir()
    result = invoke("build", str(work / "ok.txt"), "--rules", str(rules_copy), "--out", str(work / "out"))
    assert result.exit_code == EXIT_OK, result.stderr


def test_empty_rules_directory(work: Path) -> None:
    (work / "no-rules").mkdir()
    failing_build(work, ["ok.txt", "--rules", "no-rules"], EXIT_RULES,
                  "[E113] no-rules: no rule files (*.toml) found")


# --- output ------------------------------------------------------------------------------------


def test_out_under_a_regular_file(work: Path) -> None:
    # Running as root, permissions do not stop a write: a regular file used as a directory does.
    (work / "blocker").write_bytes(b"not a directory\n")
    failing_build(work, ["ok.txt", "--out", "blocker/out"], EXIT_OUTPUT,
                  f"[E201] cannot write to blocker/out: {os.strerror(errno.ENOTDIR)}")
    assert (work / "blocker").read_bytes() == b"not a directory\n"
    assert not (work / "blocker/out").exists()


def test_out_is_a_regular_file(work: Path) -> None:
    (work / "blocker").write_bytes(b"not a directory\n")
    failing_build(work, ["ok.txt", "--out", "blocker"], EXIT_OUTPUT,
                  f"[E201] cannot write to blocker: {os.strerror(errno.ENOTDIR)}")
    assert (work / "blocker").read_bytes() == b"not a directory\n"


def test_graph_path_is_a_directory(work: Path) -> None:
    # The temporary file is written, the rename fails: it must be removed. The store, written first, keeps the
    # article.
    (work / "out3" / "graph.ttl").mkdir(parents=True)
    assert_error(invoke("build", "ok.txt", "--out", "out3"), EXIT_OUTPUT,
                 f"[E201] cannot write to out3/graph.ttl: {os.strerror(errno.EISDIR)}")
    assert sorted(p.name for p in (work / "out3").iterdir()) == ["graph.ttl", "store"]


def test_page_path_is_a_directory_leaves_the_previous_pair(work: Path) -> None:
    # graph.ttl could be written, graph.html cannot: neither is replaced, no temporary file is left.
    before = snapshot(work / "out")
    (work / "out" / "graph.html").unlink()
    (work / "out" / "graph.html").mkdir()
    (work / "other.txt").write_text(TINY.replace("Joe Biden", "Emmanuel Macron"), encoding="utf-8")
    assert_error(invoke("build", "other.txt", "--out", "out"), EXIT_OUTPUT,
                 f"[E201] cannot write to out/graph.html: {os.strerror(errno.EISDIR)}")
    assert (work / "out" / "graph.ttl").read_bytes() == before["graph.ttl"]
    assert temp_files(work / "out") == []


def test_interrupted_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old\n")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.build.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_all_atomic({target: b"new\n"})
    assert target.read_bytes() == b"old\n"
    assert temp_files(tmp_path) == []


def test_failed_rename_is_an_output_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old\n")

    def full(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(kg.build.os, "replace", full)
    with pytest.raises(KgError) as err:
        write_all_atomic({target: b"new\n"})
    assert err.value.code == "E201" and err.value.exit_code == EXIT_OUTPUT
    assert err.value.message == f"[E201] cannot write to {target}: {os.strerror(errno.ENOSPC)}"
    assert target.read_bytes() == b"old\n"
    assert temp_files(tmp_path) == []


# --- usage -------------------------------------------------------------------------------------


def test_unknown_option(work: Path) -> None:
    before = snapshot(work / "out")
    result = invoke("build", "ok.txt", "--out", "out", "--bogus")
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    assert "No such option" in result.stderr and "--bogus" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(work / "out") == before


# --- success -----------------------------------------------------------------------------------


def test_successful_build_writes_graph_and_no_temporary_file(work: Path) -> None:
    out = work / "seed-out"
    result = invoke("build", str(SEED), "--out", "seed-out")
    assert result.exit_code == EXIT_OK, result.stderr
    assert result.stdout == ""
    assert re.fullmatch(r"wrote seed-out/store \(1 articles read, 0 kept, 0 dropped\)\n"
                        r"wrote seed-out/graph\.ttl \(\d+ triples\)\n"
                        r"wrote seed-out/graph\.html \(\d+ nodes, \d+ edges\)\n", result.stderr)
    first = snapshot(out)
    assert b"@prefix" in first["graph.ttl"]
    assert first["graph.html"].startswith(b"<!DOCTYPE html>")
    assert sorted(first) == ["graph.html", "graph.ttl", "store/"]
    # Building again over the previous files replaces them in place, identical, still with no leftovers.
    result = invoke("build", str(SEED), "--out", "seed-out")
    assert result.exit_code == EXIT_OK, result.stderr
    assert snapshot(out) == first


# --- a real process: the same errors, and no traceback -----------------------------------------

SUBPROCESS_CASES = [
    ("E001", ["missing.txt"], EXIT_INPUT, "[E001] no such file: missing.txt"),
    ("E004", ["latin1.txt"], EXIT_INPUT, "[E004] not valid UTF-8 at byte 23: latin1.txt"),
    ("E106", ["ok.txt", "--rules", "rules"], EXIT_RULES,
     "[E106] circumstances.toml: rule venue.en: unknown macro '{plaza}' in pattern"),
    ("E201", ["ok.txt", "--out", "blocker/out"], EXIT_OUTPUT,
     f"[E201] cannot write to blocker/out: {os.strerror(errno.ENOTDIR)}"),
]


@pytest.mark.parametrize("args,exit_code,message", [c[1:] for c in SUBPROCESS_CASES],
                         ids=[c[0] for c in SUBPROCESS_CASES])
def test_subprocess_prints_no_traceback(work: Path, rules_copy: Path, args: list[str], exit_code: int,
                                        message: str) -> None:
    (work / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (work / "blocker").write_bytes(b"x")
    edit(rules_copy, "circumstances.toml", VENUE_EN_PATTERN, VENUE_EN_PATTERN.replace("{place}", "{plaza}"))
    before = snapshot(work / "out")
    env = process_env()
    command = [sys.executable, "-m", "kg", "build", *args] + ([] if "--out" in args else ["--out", "out"])
    proc = subprocess.run(command, cwd=work, capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == exit_code, proc.stderr
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr == f"Error: {message}\n"
    assert snapshot(work / "out") == before


def test_subprocess_usage_error(work: Path) -> None:
    env = process_env()
    proc = subprocess.run([sys.executable, "-m", "kg", "build", "--bogus"], cwd=work, capture_output=True,
                          text=True, env=env, timeout=60)
    assert proc.returncode == EXIT_USAGE
    assert proc.stdout == ""
    assert "No such option" in proc.stderr and "Traceback" not in proc.stderr


# --- concurrent and killed builds --------------------------------------------------------------


def test_empty_out_is_a_usage_error(work: Path) -> None:
    before = snapshot(work)
    assert_error(invoke("build", "ok.txt", "--out", ""), EXIT_USAGE,
                 "[E202] --out needs a directory; an empty path would write into the working directory")
    assert snapshot(work) == before


def test_stale_temporaries_of_a_killed_build_are_removed(work: Path) -> None:
    out = work / "out"
    (out / ".graph.ttl.k1ll3d").write_bytes(b"half a graph")
    (out / ".graph.html.k1ll3d").write_bytes(b"half a page")
    (out / ".notes").write_bytes(b"someone else's file")
    result = invoke("build", "ok.txt", "--out", "out")
    assert result.exit_code == EXIT_OK, result.stderr
    assert temp_files(out) == []
    assert (out / ".notes").read_bytes() == b"someone else's file"


def test_concurrent_builds_into_one_directory_never_mix_their_files(work: Path) -> None:
    # Each build writes a graph and a page; whichever finishes last, both files must be its own.
    for name in ("a", "b"):
        (work / f"{name}.txt").write_text(TINY.replace("Titular", f"Titular {name.upper()}"), encoding="utf-8")
    env = process_env()
    procs = [subprocess.Popen([sys.executable, "-m", "kg", "build", f"{'ab'[i % 2]}.txt", "--out", "shared"],
                              cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for i in range(6)]
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
        proc.stderr.close()
    turtle = (work / "shared" / "graph.ttl").read_text(encoding="utf-8")
    page = (work / "shared" / "graph.html").read_text(encoding="utf-8")
    winner = "A" if "Titular A" in turtle else "B"
    assert f"Titular {winner}" in page and f"Titular {'AB'[winner == 'A']}" not in page + turtle
    assert temp_files(work / "shared") == []


# --- rule files from elsewhere -----------------------------------------------------------------


def test_rule_files_with_a_byte_order_mark_load_and_the_graph_cites_their_directory(work: Path,
                                                                                  rules_copy: Path) -> None:
    events = rules_copy / "events.toml"
    events.write_bytes(b"\xef\xbb\xbf" + events.read_bytes())
    result = invoke("build", "ok.txt", "--rules", "rules", "--out", "mine")
    assert result.exit_code == EXIT_OK, result.stderr
    turtle = (work / "mine" / "graph.ttl").read_text(encoding="utf-8")
    assert 'kg:ruleFile "rules/events.toml"' in turtle
    assert "kg/rules/" not in turtle
    shipped = (work / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert 'kg:ruleFile "kg/rules/events.toml"' in shipped


# --- very large, unreadable or empty-handed inputs ---------------------------------------------


def test_an_article_over_the_size_limit_is_refused_without_reading_it_all(work: Path) -> None:
    from kg.extract.text import MAX_TEXT_BYTES

    (work / "huge.txt").write_bytes(b"La cumbre se celebrar\xc3\xa1 en Lima. " * (MAX_TEXT_BYTES // 30 + 1))
    failing_build(work, ["huge.txt"], EXIT_INPUT,
                  "[E010] article too large: huge.txt is over 1 MiB (news articles are under 100 KB)")


def test_a_directory_that_cannot_be_listed_is_an_input_error(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (work / "locked").mkdir()

    listing = Path.iterdir

    def refuse(self):
        if self.name == "locked":  # as a directory without read permission does for a user other than root
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    failing_build(work, ["locked"], EXIT_INPUT, f"[E007] cannot read locked: {os.strerror(errno.EACCES)}")


def test_an_article_with_nothing_to_read_builds_with_a_warning(work: Path) -> None:
    (work / "nada.txt").write_text("Titular\n\nEl tiempo será soleado en toda la península.\n", encoding="utf-8")
    result = invoke("build", "nada.txt", "--out", "out2")
    assert result.exit_code == EXIT_OK
    assert "Warning: [W005] nada.txt: no event and no statement found (is it a news article about diplomacy?)" \
        in result.stderr.splitlines()


def test_a_rule_that_backtracks_without_end_stops_the_build_and_is_named(work: Path, rules_copy: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.extract.mentions

    monkeypatch.setattr(kg.extract.mentions, "RULE_SECONDS", 0.3)
    with (rules_copy / "circumstances.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[rule]]\nid = "boundary.runaway"\nstage = "boundary"\npattern = \'\'\'(a+)+$\'\'\'\n')
    (work / "aaa.txt").write_text(TINY.replace("Joe Biden.", "Joe Biden " + "a" * 40 + "b."), encoding="utf-8")
    failing_build(work, ["aaa.txt", "--rules", "rules"], EXIT_RULES,
                  "[E124] circumstances.toml: rule boundary.runaway: ran over 0.3 s on the sentence at 60-171: "
                  "its pattern backtracks without end (nested repetitions such as (a+)+): simplify it")
