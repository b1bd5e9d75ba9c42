"""Sources: files, JSONL, CSV, saved web pages, news feeds and standard input -> Article.

``read_articles`` takes paths (files, directories, or ``-`` for standard input)
and yields Articles. Input that cannot be read is handed to ``on_error`` as an
InputError naming the file and line; reading then goes on with the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, Messages
from ..records import Article
from . import csv, feeds, html, jsonl, text
from .fields import parse_date

# Files are read whole for now; beyond this size a file is refused rather than
# exhausting memory. Streaming readers (issue 8) will lift it.
MAX_FILE_BYTES = 512 * 1024 * 1024
READERS = {
    ".txt": text.read_text_file,
    ".jsonl": jsonl.read_jsonl_file,
    ".csv": csv.read_csv_file,
    ".html": html.read_html_file,
    ".htm": html.read_html_file,
    ".xml": feeds.read_feed_file,
    ".rss": feeds.read_feed_file,
    ".atom": feeds.read_feed_file,
}
ErrorHandler = Callable[[InputError], None]

__all__ = ["read_articles", "parse_date", "READERS"]


def _raise(error: InputError) -> None:
    raise error


def read_articles(
    inputs: Iterable[str | Path],
    *,
    published: str | None = None,
    on_error: ErrorHandler = _raise,
) -> Iterator[Article]:
    """Read news stories from files, directories or standard input.

    inputs: paths of .txt (one story), .jsonl or .csv files, saved web pages
        (.html, .htm), RSS or Atom feeds (.xml, .rss, .atom), directories (read
        recursively, in name order), or "-" for standard input.
    published: publication date for stories that do not carry one (YYYY-MM-DD).
    on_error: called with an InputError for each unreadable file or record;
        the default raises it.
    Yields Articles in input order.
    """
    default_date = parse_date(published, origin="--published") if published else None
    for item in inputs:
        if str(item) == "-":
            yield from _read_stdin(default_date, on_error)
            continue
        path = Path(item)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.suffix.lower() in READERS and not file.name.startswith("."):
                    yield from _read_file(file, default_date, on_error)
        elif path.is_file():
            yield from _read_file(path, default_date, on_error)
        else:
            on_error(InputError(str(path), Messages.NOT_FOUND))


def _read_file(path: Path, default_date, on_error: ErrorHandler) -> Iterator[Article]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        on_error(InputError(str(path), Messages.UNSUPPORTED.format(suffix=path.suffix)))
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            on_error(InputError(str(path), Messages.FILE_TOO_LARGE.format(size=size, limit=MAX_FILE_BYTES)))
            return
        content = path.read_bytes()
    except OSError as error:
        on_error(InputError(str(path), error.strerror or str(error)))
        return
    yield from reader(content, str(path), default_date, on_error)


def _read_stdin(default_date, on_error: ErrorHandler) -> Iterator[Article]:
    content = sys.stdin.buffer.read()
    # A stream starting with "{" is JSONL, with "<" a feed or a web page; anything else one plain-text story.
    start = content.lstrip()[:1]
    reader = jsonl.read_jsonl_file if start == b"{" else text.read_text_file
    if start == b"<":
        reader = feeds.read_feed_file if feeds.looks_like_feed(content) else html.read_html_file
    yield from reader(content, "<stdin>", default_date, on_error)
