"""The build job: load, segment, find mentions, build frames, map to RDF, serialize, render the page."""

from __future__ import annotations

import errno
import fcntl
import gc
import os
import re
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Callable, ContextManager, Iterable, Iterator, NamedTuple

import networkx as nx
from rdflib import Graph

from kg.errors import KgError, warning
from kg.extract.frames import Extraction, build_frames
from kg.extract.mentions import find_dates, find_mentions, match_dates
from kg.extract.rules import RULES_DIR, RuleSet, load_rules, rules_fingerprint
from kg.extract.segment import Block, Sentence, classify_blocks, filing_place, given_date, split_sentences
from kg.extract.temporal import date_article
from kg.extract.text import Article, collect_paths, load_article
from kg.page.cache import prune_pages
from kg.page.selection import PAGE_TRIPLES, recent_page, whole_page
from kg.rdf.mapping import map_article, new_triples
from kg.rdf.serialize import to_turtle
from kg.rdf.triples import Triples
from kg.store import STORE_DIR
from kg.store.incremental import BuildStore, Unit, opened_for_build, settled_states, units_of

PUBLISHED = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_published(value: str) -> None:
    """Refuse a --published value that is not a day of the calendar written YYYY-MM-DD."""
    if not PUBLISHED.fullmatch(value):
        raise KgError("E009", value=value, detail="expected a date written YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError as err:
        raise KgError("E009", value=value, detail=str(err)) from None


def _ignore(message: str) -> None:
    """Drop a warning."""


class Reading(NamedTuple):
    """What the passes read in one article, before it is written as RDF."""

    blocks: list[Block]
    sentences: list[Sentence]
    extraction: Extraction
    place: Block | None


def read_article(article: Article, rules: RuleSet, published: str | None = None,
                 warn: Callable[[str], None] = _ignore) -> Reading:
    """Run the passes up to the frames over one article; warn of the dates it cannot read."""
    text = article.text
    blocks, _ = classify_blocks(text, rules)
    sentences = split_sentences(text, blocks)
    # A date given on the command line wins over the one a file name starts with.
    given = [d for d in (given_date(published, len(text), rules) if published else None,
                         given_date(article.path.name, len(text), rules)) if d is not None]
    dates = match_dates(text, sentences, rules)
    dateline, notes = date_article(str(article.path), text, blocks, find_dates(text, sentences, rules, dates), rules,
                                   given)
    for note in notes:
        warn(note)
    # The publication day tells who held an office an article names by its title alone.
    day = date(dateline.year, dateline.month, dateline.day) if dateline else None
    mentions = find_mentions(text, sentences, rules, day, dates)
    extraction = build_frames(text, sentences, mentions, rules, dateline)
    if not extraction.frames:
        warn(warning("W005", path=str(article.path)))
    return Reading(blocks, sentences, extraction, filing_place(text, blocks, rules))


def extract(article: Article, rules: RuleSet, graph: Triples, published: str | None = None,
            warn: Callable[[str], None] = _ignore) -> None:
    """Run every pass over one article and add its triples to the set."""
    reading = read_article(article, rules, published, warn)
    map_article(graph, article, rules, reading.blocks, reading.sentences, reading.extraction, reading.place)


def settle() -> None:
    """Exempt what the build holds so far from later garbage collections, once the last article's cycles are collected.

    The triples stay to the end of the build: without this, every full collection would walk all of
    them again, a pause that grows with the corpus (seconds at a thousand articles, which would
    count against the time budget of the rule that happened to be matching).
    """
    gc.collect(1)
    gc.freeze()


def build_triples(paths: list[Path], rules_dir: Path = RULES_DIR, published: str | None = None,
                  warn: Callable[[str], None] = _ignore) -> Triples:
    """Build the triples of the articles at the given paths with the rules of a directory.

    Articles with no date of their own take the published one (YYYY-MM-DD); warnings go to warn.
    """
    if published is not None:
        check_published(published)
    rules = load_rules(rules_dir)
    articles = [load_article(p) for p in collect_paths(paths)]
    triples = new_triples()
    for article in articles:
        extract(article, rules, triples, published, warn)
        settle()
    return triples


def build_graph(paths: list[Path], rules_dir: Path = RULES_DIR, published: str | None = None) -> Graph:
    """Build one rdflib Graph from the articles at the given paths with the rules of a directory."""
    return build_triples(paths, rules_dir, published).to_graph()


def _temporary_sibling(path: Path) -> tuple[int, str]:
    """Create an open temporary file beside a path."""
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as err:
        raise KgError("E201", path=path.parent, detail=err.strerror or str(err)) from None


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on a directory, so that builds into it write their files one after another.

    The lock is taken on the directory itself (flock on its descriptor): no lock file is left behind,
    and the kernel releases it when a build dies.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(directory, os.O_RDONLY)
    except FileExistsError:
        # mkdir(exist_ok=True) says "File exists" when the directory is a regular file.
        raise KgError("E201", path=directory, detail=os.strerror(errno.ENOTDIR)) from None
    except OSError as err:
        raise KgError("E201", path=directory, detail=err.strerror or str(err)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _remove_stale_temporaries(files: dict[Path, bytes | Iterable[bytes]]) -> None:
    """Remove the temporary files that killed builds left beside the files about to be written."""
    for path in files:
        for stale in path.parent.glob(f".{path.name}.*"):
            if stale.is_file() and not stale.is_symlink():
                stale.unlink(missing_ok=True)


def write_all_atomic(files: dict[Path, bytes | Iterable[bytes]]) -> None:
    """Write several files, each given whole or in pieces, through temporary siblings, renaming them only once every
    one is written.

    A full disk, a missing permission or a directory in the way then fails before any file is
    replaced, so the previous files stay together. Builds into one directory take turns (a lock on
    it), so the files of one build are never mixed with those of another; the temporaries a killed
    build left are removed first.
    """
    with ExitStack() as locks:
        # Always in the same order, so that two builds never wait for each other's second lock.
        for directory in sorted({path.parent for path in files}):
            locks.enter_context(_locked(directory))
        _remove_stale_temporaries(files)
        _write_all(files)


def _write_all(files: dict[Path, bytes | Iterable[bytes]]) -> None:
    """Write files through temporary siblings, then rename them all."""
    temporaries: list[tuple[str, Path]] = []
    current = next(iter(files), Path("."))
    try:
        for current, data in files.items():
            fd, tmp = _temporary_sibling(current)
            temporaries.append((tmp, current))
            with os.fdopen(fd, "wb") as handle:
                for piece in [data] if isinstance(data, bytes) else data:
                    handle.write(piece)
            os.chmod(tmp, 0o644)
        for _, current in temporaries:
            if current.is_dir():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        for tmp, current in temporaries:
            os.replace(tmp, current)
    except BaseException as err:
        # Also on Ctrl-C or any other exception: never leave a temporary file behind.
        for tmp, _ in temporaries:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise KgError("E201", path=current, detail=err.strerror or str(err)) from None
        raise


def serialize(graph: Graph | Triples) -> bytes:
    """Serialize a graph to deterministic Turtle."""
    return to_turtle(graph)


# Up to this many articles a build also holds their whole graph, for out/graph.ttl and the page of them all; above,
# the store alone holds it (`kg export` writes it), the page is that of the most recent articles, and memory grows
# with the largest article rather than with the corpus.
WHOLE_GRAPH_ARTICLES = 500
# From this many articles to read into a store that holds none yet, a build that holds no whole graph writes them as
# N-Quads shards and bulk-loads them (kg/store/bulk.py), in a directory of out/ removed once they are loaded (by the
# next build, when one is killed first): a transaction per article costs tens of milliseconds in the one thread that
# writes the store.
BULK_ARTICLES = 100
LOCAL_SHARDS_DIR = ".shards"


class Built(NamedTuple):
    """What a build wrote: the Turtle and page paths, the triples and their projection; the store's path, and how
    many articles it read, kept as the store held them, and dropped. Above WHOLE_GRAPH_ARTICLES articles there is no
    Turtle (turtle is None) and the triples are none."""

    turtle: Path | None
    page: Path
    graph: Triples
    projection: nx.MultiDiGraph
    store: Path
    read: int
    kept: int
    dropped: int


def _no_progress(done: int, total: int) -> None:
    """Show no progress."""


def run_build(paths: list[Path], out_dir: Path, rules_dir: Path = RULES_DIR, published: str | None = None,
              warn: Callable[[str], None] = _ignore, rebuild: bool = False, jobs: int = 1,
              progress: Callable[[int, int], None] = _no_progress, scheduler: str | None = None,
              shards: Path | None = None, whole_graph: int = WHOLE_GRAPH_ARTICLES, need_graph: bool = False,
              bulk: int = BULK_ARTICLES) -> Built:
    """Build the graph of the articles into the store out/store, then write out/graph.ttl and its page out/graph.html
    (of the most recent articles, when the whole graph would not make a readable page).

    Only the articles the store lacks, or holds from another source, other rules or another engine, are read
    (all of them with rebuild), by that many worker processes (jobs), each put into the store as its turn comes;
    progress hears how many of them are done. Given a Dask scheduler, its cluster reads them instead, and the
    build loads them from the N-Quads shards it writes into shards (default: out/shards). The store drops the
    articles no longer among the inputs. Above whole_graph articles the build holds no graph of them all
    (need_graph, for --validate, then refuses them), and bulk-loads them when it reads at least bulk of them into a
    store that answers nothing yet.
    """
    # Imported here: kg.jobs runs the extraction of this module in its workers.
    from kg.jobs import extracted

    if published is not None:
        check_published(published)
    directory = out_dir / STORE_DIR
    existing = directory.is_dir()
    fresh = rebuild or not existing
    with ExitStack() as stack:
        # An existing store opens in the background while the rules are read and the articles listed; a first build
        # reports a bad rule file or article before it creates anything.
        opening = stack.enter_context(opened_for_build(directory)) if existing else None
        # A later build reads the rules only when there is an article to read.
        rules = load_rules(rules_dir) if fresh else None
        inputs = collect_paths(paths)
        # A later build reads only the files whose state the record does not know: the others are unchanged.
        units = units_of(inputs, published, None if fresh else opening().known_files())
        whole = len(units) <= whole_graph
        if need_graph and not whole:
            raise KgError("E212", count=len(units), most=whole_graph)
        fingerprint = rules.fingerprint if rules is not None else rules_fingerprint(rules_dir)
        # The scheduler is reached before the store is created or written: one that cannot be leaves it as it was.
        client = stack.enter_context(_cluster(scheduler))
        store = opening or stack.enter_context(opened_for_build(directory))
        writer = stack.enter_context(ThreadPoolExecutor(max_workers=1))
        graph = new_triples()
        # One article's transaction runs while the next is read, or while the files are made (Oxigraph lets go of
        # the interpreter); only one is pending, so memory does not grow with the corpus.
        pending: Future | None = None

        def settled() -> BuildStore:
            """Wait for the pending transaction, raising its error, and return the store."""
            if pending is not None:
                pending.result()
            return store()

        # A first build reads every article while the store is still being created.
        stale = units if fresh else [unit.loaded() for unit in units if not store().current(unit, fingerprint)]
        local = stale
        if client is not None:
            from kg.cluster import SHARDS_DIR, load_on_cluster

            # The cluster's articles are then in the store, read back like those kept.
            load_on_cluster(client, stale, store(), fingerprint, rules_dir, published, shards or out_dir / SHARDS_DIR,
                            warn, progress)
            local = []
        if local and rules is None:
            rules = load_rules(rules_dir)
        # Bulk loading is not a transaction: only a store with nothing a reader answers from may be loaded in bulk.
        if not whole and len(local) >= bulk and not store().answers():
            _load_in_bulk(local, store(), rules, rules_dir, fingerprint, published, jobs, out_dir, warn, progress)
            local = []
        # Loaded, or left by a killed build to a store now written otherwise, the shards are of no more use.
        shutil.rmtree(out_dir / LOCAL_SHARDS_DIR, ignore_errors=True)
        with extracted(local, rules, rules_dir, published, jobs) as results:
            read, done = {unit.iri for unit in local}, 0
            progress(done, len(local))
            for unit in units:
                if unit.iri not in read:
                    if whole:
                        settled().read(unit.iri, graph)
                    continue
                triples, warnings = next(results)
                for message in warnings:
                    warn(message)
                pending = writer.submit(settled().put, unit, triples, fingerprint)
                if whole:
                    graph = triples if len(units) == 1 else _merge(graph, triples)
                done += 1
                progress(done, len(local))
        page_of_all = whole_page(graph, len(units)) if whole else None
        data = serialize(graph) if whole else None
        read_again, grown = {unit.iri for unit in stale}, settled_states(units)
        settled().note_states([grown.get(unit.iri, unit) for unit in units
                               if unit.iri not in read_again or unit.iri in grown])
        dropped = settled().keep_only({unit.iri for unit in units})
        prune_pages(directory, settled().record, PAGE_TRIPLES)
        if settled().logged:
            # Readers open the store read-only and would replay its log of writes each time (60 ms for one article,
            # seconds for a hundred): written out once here, it costs them nothing, and the next build opens sooner.
            settled().flush()
        settled().compact()
        # A corpus too large for one readable page gets the page of its most recent articles, read from the store.
        page, projection = page_of_all or recent_page(settled().store, directory, fill=True)
        turtle, html = out_dir / "graph.ttl", out_dir / "graph.html"
        # Still under the store's lock: the files and the store come from the same build.
        write_all_atomic({turtle: data, html: page} if data is not None else {html: page})
        if data is None:
            turtle.unlink(missing_ok=True)  # the Turtle of an earlier, smaller corpus would no longer be the store's
    kept = len(units) - len(stale)
    return Built(turtle if data is not None else None, html, graph, projection, directory, len(stale), kept, dropped)


def _load_in_bulk(units: list[Unit], store: BuildStore, rules: RuleSet, rules_dir: Path, fingerprint: str,
                  published: str | None, jobs: int, out_dir: Path, warn: Callable[[str], None],
                  progress: Callable[[int, int], None]) -> None:
    """Read the units in batches (by jobs worker processes) and bulk-load them into the store through N-Quads shards
    in a directory of out_dir."""
    from kg.jobs import read_batches
    from kg.store.bulk import load_batches

    with read_batches(units, rules, rules_dir, published, jobs) as results:
        load_batches(results, len(units), store, fingerprint, out_dir / LOCAL_SHARDS_DIR, warn, progress)


def _cluster(scheduler: str | None) -> ContextManager:
    """Connect to a Dask scheduler, when one is given (importing Dask only then)."""
    if scheduler is None:
        return nullcontext()
    from kg.cluster import connected

    return connected(scheduler)


def _merge(graph: Triples, part: Triples) -> Triples:
    """Add the triples of one article to the graph of those before it, in the order they were made (the page takes
    the first title of a person that several articles name); return the graph."""
    for subject, predicates in part.by_subject.items():
        for predicate, objects in predicates.items():
            for obj in objects:
                graph.add((subject, predicate, obj))
    return graph
