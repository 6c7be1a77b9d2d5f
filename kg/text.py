"""Load pass: read article files, reject what is not UTF-8 text, and name each article by its content."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError


@dataclass(frozen=True)
class Article:
    """One input article: its text and a content-derived identifier."""

    path: Path
    text: str

    @property
    def key(self) -> str:
        """Return a stable identifier minted from the text, so renaming a file keeps its IRIs."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


def collect_paths(paths: list[Path]) -> list[Path]:
    """Expand directories to their *.txt files and check every path exists, in a sorted order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            txt = sorted(path.glob("*.txt"))
            if not txt:
                raise KgError("E005", path=path)
            found.extend(txt)
        elif path.exists():
            if not path.is_file():
                raise KgError("E006", path=path)
            found.append(path)
        else:
            raise KgError("E001", path=path)
    return sorted(set(found))


def load_article(path: Path) -> Article:
    """Read one article, refusing empty, binary and non-UTF-8 files."""
    data = path.read_bytes()
    if not data.strip():
        raise KgError("E002", path=path)
    if b"\x00" in data:
        raise KgError("E003", path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise KgError("E004", path=path, offset=err.start) from None
    # A byte-order mark is not part of the article; offsets count from the first character.
    return Article(path=path, text=text.removeprefix("\ufeff"))
