"""Load pass: read article files, reject what is not UTF-8 text, and name each article by its content."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from kg.errors import KgError


class Article(NamedTuple):
    """One input article: its text and a content-derived identifier."""

    path: Path
    text: str

    @property
    def key(self) -> str:
        """Return a stable identifier minted from the text, so renaming a file keeps its IRIs."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


# Saved web pages, read for their main text; any other file is plain text.
PAGE_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = (".txt", *PAGE_SUFFIXES)


# Articles above this size are refused: news articles are under 100 KB, and a build's cost grows with the text.
MAX_TEXT_BYTES = 1 << 20
# A saved page carries markup, scripts and styles around its text.
MAX_PAGE_BYTES = 16 << 20


def collect_paths(paths: list[Path]) -> list[Path]:
    """Expand directories to their articles (*.txt, *.html, *.htm) and check every path exists, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            # A subdirectory whose name ends in .txt is not an article; any other entry is checked
            # like a path given on the command line (a dangling link is E001, a FIFO E006).
            try:
                entries = list(path.iterdir())
            except OSError as err:  # a directory that cannot be listed
                raise KgError("E007", path=path, detail=err.strerror or str(err)) from None
            articles = sorted(p for p in entries if p.suffix.lower() in ARTICLE_SUFFIXES and not p.is_dir())
            if not articles:
                raise KgError("E005", path=path)
            for entry in articles:
                _check_file(entry)
            found.extend(articles)
        else:
            _check_file(path)
            found.append(path)
    return sorted(set(found))


def _check_file(path: Path) -> None:
    """Refuse a path that does not exist or is not a regular file."""
    if not path.exists():
        raise KgError("E001", path=path)
    if not path.is_file():
        raise KgError("E006", path=path)


def load_article(path: Path) -> Article:
    """Read one article, refusing empty, binary and non-UTF-8 files."""
    limit = MAX_PAGE_BYTES if path.suffix.lower() in PAGE_SUFFIXES else MAX_TEXT_BYTES
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # no more than the limit is ever read
    except FileNotFoundError:
        raise KgError("E001", path=path) from None
    except IsADirectoryError:
        raise KgError("E006", path=path) from None
    except OSError as err:
        raise KgError("E007", path=path, detail=err.strerror or str(err)) from None
    if len(data) > limit:
        raise KgError("E010", path=path, limit=limit >> 20)
    if not data.strip():
        raise KgError("E002", path=path)
    if b"\x00" in data:
        raise KgError("E003", path=path)
    if path.suffix.lower() in PAGE_SUFFIXES:
        from kg.extract.webpage import page_text  # trafilatura is imported only when a page is read

        text = page_text(data)
        if not text.strip():
            raise KgError("E008", path=path)
        if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
            raise KgError("E010", path=path, limit=MAX_TEXT_BYTES >> 20)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise KgError("E004", path=path, offset=err.start) from None
    # A byte-order mark is not part of the article, and every line ends in LF: offsets count the
    # characters of the text so read, which is what the graph keeps as the article's string.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Only a BOM, or only Unicode spaces (no-break, ideographic…) that bytes.strip() keeps, is empty too.
    if not text.strip():
        raise KgError("E002", path=path)
    return Article(path=path, text=text)
