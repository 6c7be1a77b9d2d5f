"""Identifier minting: IRIs from normalised labels, so the same content always gets the same name."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 72


def slug(label: str) -> str:
    """Return a lowercase ASCII slug of a label; long slugs keep a hash of the whole label."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
    if len(text) > MAX_SLUG:
        digest = hashlib.sha256(label.encode("utf-8")).hexdigest()[:8]
        text = text[:MAX_SLUG].rstrip("-") + "-" + digest
    return text


def normalise(text: str) -> str:
    """Collapse whitespace and quotation marks so equal wording compares equal."""
    text = re.sub(r"[\"«»“”]", "", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:").lower()
