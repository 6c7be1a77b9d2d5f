"""Load pass for saved web pages: their main text, headline and publication date, read by trafilatura."""

from __future__ import annotations

import trafilatura

# Only the page's own metadata dates it (no guessing from its text or links), whatever today is:
# the same page always gives the same date.
DATE_OPTIONS = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d %H:%M",
                "min_date": "1900-01-01", "max_date": "2999-12-31"}


def page_text(data: bytes) -> str:
    """Return the article of a page laid out as a text article: headline, date line, then paragraphs.

    The headline and the date come from the page's metadata (og:title, <h1>, <title>;
    article:published_time and the like), the paragraphs from its main text, without navigation,
    comments or other clutter. Blocks are separated by blank lines and the date is written
    "2023-03-14 09:05", a shape the layout rules read as a date line. An empty string when the page
    holds no main text.
    """
    document = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=False,
                                           favor_precision=True, date_extraction_params=DATE_OPTIONS)
    if document is None:
        return ""
    paragraphs = [line.strip() for line in (document.text or "").split("\n") if line.strip()]
    headline = " ".join((document.title or "").split())
    if paragraphs and paragraphs[0] == headline:
        paragraphs.pop(0)  # the <h1> the main text starts with
    if not paragraphs:
        return ""
    head = [headline] if headline else []
    if document.date:
        head.append(document.date.removesuffix(" 00:00"))
    return "\n\n".join(head + paragraphs) + "\n"
