"""Errors the user can act on, each with a numbered message and a documented exit code."""

from __future__ import annotations

# Exit codes of every kg command (documented in the README).
EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_RULES = 4
EXIT_OUTPUT = 5
EXIT_QUERY = 6
EXIT_REFUSED = 7
EXIT_TIMEOUT = 8  # kg query: stopped by --timeout or --max-memory
EXIT_NETWORK = 9  # kg query --endpoint: the endpoint failed; kg serve: the server cannot listen or stopped;
# kg build --scheduler: no Dask, or a cluster that cannot be reached or runs another kg
EXIT_ABORTED = 10  # kg build: a worker process ended abruptly, or the cluster lost its workers
# `kg query`: an ASK query answered false, like a graph that does not conform, is a negative answer.
EXIT_FALSE = EXIT_NONCONFORMING

MESSAGES = {
    # input articles
    "E001": (EXIT_INPUT, "no such file: {path}"),
    "E002": (EXIT_INPUT, "empty article: {path}"),
    "E003": (EXIT_INPUT, "not a text file (binary data): {path}"),
    "E004": (EXIT_INPUT, "not valid UTF-8 at byte {offset}: {path}"),
    "E005": (EXIT_INPUT, "no articles: {path} holds no .txt, .html or .htm file"),
    "E006": (EXIT_INPUT, "not a file: {path}"),
    "E007": (EXIT_INPUT, "cannot read {path}: {detail}"),
    "E008": (EXIT_INPUT, "no article text found in the page: {path}"),
    "E009": (EXIT_USAGE, "--published {value}: {detail}"),
    "E010": (EXIT_INPUT, "article too large: {path} is over {limit} MiB (news articles are under 100 KB)"),
    # rule and lexicon files
    "E101": (EXIT_RULES, "{file}: invalid TOML: {detail}"),
    "E102": (EXIT_RULES, "{file}: rule {rule}: unknown key '{key}' for stage '{stage}'"),
    "E103": (EXIT_RULES, "{file}: rule {rule}: missing required key '{key}'"),
    "E104": (EXIT_RULES, "{file}: rule {rule}: unknown stage '{stage}'"),
    "E105": (EXIT_RULES, "{file}: rule {rule}: pattern does not compile: {detail}"),
    "E106": (EXIT_RULES, "{file}: rule {rule}: unknown macro '{{{macro}}}' in pattern"),
    "E107": (EXIT_RULES, "{file}: rule {rule}: pattern lacks the named group '{group}' that stage '{stage}' needs"),
    "E108": (EXIT_RULES, "{file}: rule {rule}: duplicate rule id (first defined in {first})"),
    "E109": (EXIT_RULES, "{file}: rule {rule}: key '{key}' must be {expected}"),
    "E110": (EXIT_RULES, "{file}: rule {rule}: unknown value '{value}' for '{key}' (expected one of: {allowed})"),
    "E111": (EXIT_RULES, "{file}: entry {rule}: refers to unknown entity '{value}' in '{key}'"),
    "E112": (EXIT_RULES, "{file}: rule id '{rule}' is not of the form family.name (lowercase, digits, '-')"),
    "E113": (EXIT_RULES, "{path}: no rule files (*.toml) found"),
    "E114": (EXIT_RULES, "{file}: cannot read: {detail}"),
    "E115": (EXIT_RULES, "{file}: rule {rule}: malformed lemma macro '{macro}': {detail}"),
    "E116": (EXIT_RULES, "{file}: rule {rule}: unknown {kind} '{lemma}' in '{macro}': {forms} does not list it "
                         "(regenerate it with `python -m kg.extract.forms`)"),
    "E117": (EXIT_RULES, "{file}: line {line}: {detail}"),
    # the offices of a lexicon entry, counted from 1
    "E118": (EXIT_RULES, "{file}: entry {rule}: office {number}: unknown key '{key}' (expected one of: {allowed})"),
    "E119": (EXIT_RULES, "{file}: entry {rule}: office {number}: missing required key '{key}'"),
    "E120": (EXIT_RULES, "{file}: entry {rule}: office {number}: key '{key}' must be {expected}"),
    "E121": (EXIT_RULES, "{file}: entry {rule}: office {number}: 'to' ({end}) is not after 'from' ({start})"),
    "E122": (EXIT_RULES, "{file}: entry {rule}: office {number}: unknown title '{value}' "
                         "(not an office of [lexicon.office])"),
    "E123": (EXIT_RULES, "{file}: entry {rule}: office {number}: refers to unknown entity '{value}' in 'of'"),
    "E124": (EXIT_RULES, "{file}: rule {rule}: ran over {seconds:g} s on the sentence at {begin}-{end}: its pattern "
                         "backtracks without end (nested repetitions such as (a+)+): simplify it"),
    # output
    "E201": (EXIT_OUTPUT, "cannot write to {path}: {detail}"),
    "E202": (EXIT_USAGE, "--out needs a directory; an empty path would write into the working directory"),
    "E203": (EXIT_OUTPUT, "cannot write the store {path}: {detail}"),
    # kg build --jobs: the worker processes
    "E204": (EXIT_ABORTED, "a worker process of the build ended abruptly (killed, or out of memory) before {path} "
                           "was read; the store keeps the articles written before it"),
    # kg build --scheduler: a Dask cluster
    "E205": (EXIT_NETWORK, "--scheduler needs Dask, which is not installed: pip install 'kg[dask]'"),
    "E206": (EXIT_USAGE, "--scheduler {address}: {detail} (expected tcp://HOST:PORT, as `dask scheduler` prints it)"),
    "E207": (EXIT_NETWORK, "cannot reach the Dask scheduler {address}: {detail}"),
    "E208": (EXIT_NETWORK, "{worker} does not run this build's kg and rules ({detail}): install the same kg and rules "
                           "on the scheduler and on every worker"),
    "E209": (EXIT_ABORTED, "the Dask cluster lost the workers that read {path} ({detail}); the store keeps the "
                           "articles loaded before it"),
    "E210": (EXIT_USAGE, "--jobs and --scheduler exclude each other: with --scheduler, the cluster's workers read the "
                         "articles"),
    "E211": (EXIT_USAGE, "--shards needs --scheduler: only a build on a cluster writes shards"),
    "E212": (EXIT_USAGE, "--validate checks the graph of all the articles in memory, which a build holds for at most "
                         "{most} of them, not {count}: validate the export of a selection instead"),
    # kg eval: gold annotations
    "E501": (EXIT_INPUT, "no gold annotations: {path} holds no NAME.txt with a NAME.gold.toml beside it"),
    "E502": (EXIT_INPUT, "{file}: invalid gold annotation: {detail}"),
    "E503": (EXIT_INPUT, "{file}: anchor '{anchor}' {problem} in the article (each anchor must occur exactly once)"),
    "E504": (EXIT_INPUT, "not a directory: {path}"),
    # kg query --endpoint: a SPARQL endpoint over HTTP
    "E601": (EXIT_NETWORK, "{endpoint} answered HTTP {status} {reason}{detail}"),
    "E602": (EXIT_NETWORK, "cannot reach {endpoint}: {detail}"),
    "E603": (EXIT_NETWORK, "unreadable answer from {endpoint}: {detail}"),
    "E604": (EXIT_USAGE, "--endpoint {url}: not an http:// or https:// URL"),
    "E605": (EXIT_USAGE, "--endpoint excludes --graph and --store: the endpoint answers from its own data"),
    # kg serve
    "E613": (EXIT_USAGE, "--bind {value}: expected HOST:PORT with a port from 1 to 65535, such as 127.0.0.1:7878"),
    "E614": (EXIT_NETWORK, "cannot listen on {bind}: {detail}"),
    "E615": (EXIT_NETWORK, "the SPARQL server stopped: {detail}"),
    "E616": (EXIT_NETWORK, "the oxigraph command is not installed (pip install oxigraph)"),
    # kg query: graphs, query sources and usage
    "E401": (EXIT_INPUT, "no graph at {path}: run `kg build` first"),
    "E402": (EXIT_INPUT, "cannot parse graph {path}: {detail}"),
    "E403": (EXIT_INPUT, "unknown graph format: {path} (expected {expected})"),
    "E404": (EXIT_INPUT, "no such query file or shipped question: {name} (`kg query --list` shows the questions)"),
    "E405": (EXIT_USAGE, "give one query: a FILE, a shipped question NAME, '-' for standard input, or --query TEXT"),
    "E406": (EXIT_USAGE, "--format {format} does not apply to {form} results (use {allowed})"),
    "E407": (EXIT_INPUT, "{source}: the query is larger than {limit} bytes (the limit of kg query)"),
    "E408": (EXIT_INPUT, "{source}: a NUL byte at byte {offset}: a query is text"),
    "E409": (EXIT_INPUT, "refused graph {path}: RDF/XML that declares a DOCTYPE or an ENTITY (line {line}), "
                         "whose entities could expand without bound"),
    "E410": (EXIT_INPUT, "refused graph {path}: nested deeper than {limit} levels at line {line}, column {column} "
                         "(the limit of kg query)"),
    # kg query: the query itself
    "E411": (EXIT_QUERY, "{source}: syntax error at line {line}, column {column}: {detail}"),
    "E412": (EXIT_QUERY, "{source}: the query cannot run: {detail}"),
    "E413": (EXIT_QUERY, "{source}: brackets nested deeper than {limit} levels at line {line}, column {column} "
                         "(the limit of kg query)"),
    "E414": (EXIT_QUERY, "{source}: more than {limit} tokens (the limit of kg query); split the query"),
    "E415": (EXIT_QUERY, "{source}: the query process ended abruptly ({detail})"),
    "E421": (EXIT_REFUSED, "{source}: refused: this is a SPARQL UPDATE and kg query is read-only"),
    "E422": (EXIT_REFUSED, "{source}: refused: SERVICE {target} would reach another endpoint; "
                           "pass --allow-remote to allow it"),
    "E423": (EXIT_REFUSED, "{source}: refused: {keyword} {target} would read data from outside the graph; "
                           "pass --allow-remote to allow it"),
    "E424": (EXIT_INPUT, "cannot load {target}: {detail}"),
    # kg query and kg export: the store
    "E425": (EXIT_INPUT, "no store at {path}: run `kg build` first"),
    "E426": (EXIT_INPUT, "cannot read the store {path}: {detail}"),
    "E427": (EXIT_USAGE, "give --graph or --store, not both"),
    # kg page: the selection
    "E441": (EXIT_USAGE, "{option} {value}: {detail}"),
    "E442": (EXIT_USAGE, "--from {start} is after --to {end}"),
    "E443": (EXIT_INPUT, "no actor in the store {path} is named '{name}' (give a label, a Wikidata id such as "
                         "Q7747, or an entity IRI)"),
    "E444": (EXIT_INPUT, "no article in the store {path} is '{name}' (give its key, its IRI, or the file it was "
                         "built from)"),
    "E445": (EXIT_NONCONFORMING, "no event or statement in the store {path} matches {selection}: no page written"),
    "E431": (EXIT_TIMEOUT, "{source}: stopped after {seconds} s (--timeout); narrow the query or raise the limit"),
    "E432": (EXIT_TIMEOUT, "{source}: stopped at {megabytes} MB of memory (--max-memory); narrow the query or raise "
                           "the limit"),
}


# Warnings: the build goes on, and the article is read without what they name.
WARNINGS = {
    "W001": "{path}: no publication date: relative dates (\"este jueves\", \"mañana\") stay unresolved; "
            "give --published YYYY-MM-DD or start the file name with the date",
    "W002": "{path}: the dateline at {begin}-{end} ('{words}') gives no year: relative dates stay unresolved; "
            "give --published YYYY-MM-DD or start the file name with the date",
    "W003": "{path}: the dateline at {begin}-{end} ('{words}') gives no year; {year} inferred: the only year "
            "{bound}, in which that day fits the weekdays the text gives",
    "W004": "{path}: no such date at {begin}-{end} ('{words}'): {detail}",
    "W005": "{path}: no event and no statement found (is it a news article about diplomacy?)",
}


def warning(code: str, **fields: object) -> str:
    """Return the numbered message of a warning."""
    return f"[{code}] " + WARNINGS[code].format(**fields)


class KgError(Exception):
    """A user-facing error: a numbered message with the exit code of its family."""

    def __init__(self, code: str, **fields: object) -> None:
        exit_code, template = MESSAGES[code]
        self.code = code
        self.fields = fields
        self.exit_code = exit_code
        self.message = f"[{code}] " + template.format(**fields)
        super().__init__(self.message)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle the error by its code and fields, so that a worker process of a build can hand it back."""
        return _rebuild_error, (self.code, self.fields)


def _rebuild_error(code: str, fields: dict[str, object]) -> KgError:
    """Make the error a worker process raised again in the build that reads its result."""
    return KgError(code, **fields)
