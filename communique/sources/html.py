"""Saved news pages (.html, .htm): one story per page, its main text found by trafilatura.

trafilatura keeps the story's paragraphs and leaves out navigation, adverts,
cookie banners, "related stories" boxes, share bars and comments; its metadata
reading gives the title, publication date, site name and the page's own URL
(canonical link or ``og:url``). Everything runs on the file: nothing is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import trafilatura

from ..errors import InputError, Messages
from ..records import Article
from .fields import make_article
from .stream import read_bounded

# A page must open with markup somewhere near its start: a text file renamed
# .html, or a PDF, is refused rather than coded as one long paragraph.
MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|article|div|p|meta|title)\b", re.IGNORECASE)
# Only the dates the page states (meta tags, <time>, JSON-LD); a date guessed
# from the text or the URL could be another story's.
# Fewer words than this is a page of links ("Home", "Log in"), not a story.
MIN_WORDS = 5
DATE_OPTIONS = {"extensive_search": False, "original_date": True}


def read_html_file(
    stream: BinaryIO, origin: str, default_date, on_error: Callable[[InputError], None], *, limit: int
) -> Iterator[Article]:
    """Read one story from a saved web page; a page with no story text is reported.

    limit: the largest page read, in bytes; a larger one is reported, never read whole.
    """
    try:
        content = read_bounded(stream, origin, limit)
        yield make_article(page_record(content, origin), origin=origin, line=None, default_date=default_date)
    except InputError as error:
        on_error(error)


def page_record(content: bytes, origin: str) -> dict:
    """The fields of the story in a saved page: text, title, published, url, publisher.

    content: the page's bytes (trafilatura works out their encoding).
    origin: the file name, for error messages and as the URL when the page gives none.
    Raises InputError for an empty, binary or non-HTML file, or a page without story text.
    """
    if not content.strip():
        raise InputError(origin, Messages.EMPTY_FILE)
    if b"\x00" in content[:65536]:
        raise InputError(origin, Messages.NOT_TEXT)
    if not MARKUP.search(content[:65536]):
        raise InputError(origin, Messages.NOT_HTML)
    try:
        document = trafilatura.bare_extraction(
            content,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params=DATE_OPTIONS,
        )
    except Exception as error:  # lxml gives up on some broken pages: one line, then the next file
        raise InputError(origin, Messages.NO_STORY_TEXT.format(detail=type(error).__name__)) from None
    found = _as_dict(document)
    title = found.get("title") or ""
    text = _paragraphs(found.get("text") or "", title)
    if len(text.split()) < MIN_WORDS:
        raise InputError(origin, Messages.NO_STORY_TEXT.format(detail="no paragraphs of text"))
    url = found.get("url") or ""
    if not url and origin != "<stdin>":
        url = Path(origin).resolve().as_uri()
    return {
        "text": text,
        "title": title,
        "published": found.get("date") or None,
        "url": url,
        "publisher": found.get("sitename") or found.get("hostname") or "",
    }


def _as_dict(document: object) -> dict:
    """trafilatura's result as a dict: it gives a Document, a dict (older releases) or None."""
    if document is None:
        return {}
    if isinstance(document, dict):
        return document
    return {name: getattr(document, name, None) for name in ("title", "text", "url", "date", "sitename", "hostname")}


def _paragraphs(text: str, title: str) -> str:
    """trafilatura gives one paragraph a line, the headline first; the clean stage reads
    blank-line paragraphs, and the headline is the title, not a sentence of the story."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    return "\n\n".join(lines)
