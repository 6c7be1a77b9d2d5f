"""The build's cache: what it derives from the rule files alone, kept between runs like Python's own .pyc files.

What is kept goes under the hash of what it is made from: parsed rule files (tomllib reads a large
lexicon slower than a build), the compiled programs of the rules' patterns (kg/extract/patterns.py), the regexes
of lemma macros (kg/extract/lemmas.py), the validated rule set (kg/extract/rules.py) and the programs of the patterns the
engine's modules compile at import (kg/extract/patterns.py).
The directory is `$KG_CACHE_DIR`, else `$XDG_CACHE_HOME/kg`, else `~/.cache/kg`. A cache that cannot
be read or written only makes a build slower: it is never an error, and it never changes an output.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

# Kept files beyond this many are removed, oldest first: rule files edited many times leave old entries.
KEEP = 64


def cache_dir() -> Path:
    """Return the directory the cache lives in."""
    return Path(os.environ.get("KG_CACHE_DIR")
                or Path(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")) / "kg")


def load(name: str) -> Any | None:
    """Return what was kept under a name, or None when it is missing or damaged."""
    try:
        return marshal.loads((cache_dir() / name).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store(name: str, value: Any) -> None:
    """Keep a value under a name for the next run, if it can be written; then drop the oldest entries."""
    directory = cache_dir()
    try:
        body = marshal.dumps(value)  # refuses what marshal cannot write (TOML dates): such a value is not kept
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".part-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
        os.replace(tmp, directory / name)
        kept = sorted(directory.glob("*.marshal"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
        for stale in kept[KEEP:]:
            stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
