"""Sources: files, JSONL, CSV, Parquet, zip archives, saved web pages, news feeds and standard input -> Article.

``read_articles`` takes paths (files, directories, or ``-`` for standard input)
and yields Articles as it reads them: files are streamed, a record (a line, a
CSV row, a text file) at a time, so memory does not grow with the corpus.
Input that cannot be read is handed to ``on_error`` as an InputError naming the
file and line; reading then goes on with the rest.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, Messages
from ..records import Article
from . import csv, feeds, html, jsonl, parquet, text
from .fields import parse_date
from .stream import HEAD_BYTES

# The longest record read by default: a JSONL line, a CSV line or a text file, in bytes.
# Settings.max_record_bytes overrides it; a longer record is reported, never held whole.
MAX_RECORD_BYTES = 8 * 1024 * 1024
READERS = {
    ".txt": text.read_text_file,
    ".jsonl": jsonl.read_jsonl_file,
    ".csv": csv.read_csv_file,
    ".parquet": parquet.read_parquet_file,
    ".html": html.read_html_file,
    ".htm": html.read_html_file,
    ".xml": feeds.read_feed_file,
    ".rss": feeds.read_feed_file,
    ".atom": feeds.read_feed_file,
}
ErrorHandler = Callable[[InputError], None]

__all__ = ["read_articles", "parse_date", "READERS", "MAX_RECORD_BYTES"]


def _raise(error: InputError) -> None:
    raise error


def read_articles(
    inputs: Iterable[str | Path],
    *,
    published: str | None = None,
    on_error: ErrorHandler = _raise,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> Iterator[Article]:
    """Read news stories from files, directories or standard input.

    inputs: paths of .txt (one story), .jsonl, .csv or .parquet files, saved web
        pages (.html, .htm), RSS or Atom feeds (.xml, .rss, .atom), .zip archives
        of those, directories (read recursively, in name order), or "-" for
        standard input.
    published: publication date for stories that do not carry one (YYYY-MM-DD).
    on_error: called with an InputError for each unreadable file or record;
        the default raises it.
    max_record_bytes: the longest line, row or text file read; longer ones are
        reported and skipped.
    Yields Articles in input order.
    """
    default_date = parse_date(published, origin="--published") if published else None
    for item in inputs:
        if str(item) == "-":
            yield from _read_stdin(default_date, on_error, max_record_bytes)
            continue
        for path in input_files(item, on_error):
            yield from _read_file(path, default_date, on_error, max_record_bytes)


def input_files(item: str | Path, on_error: ErrorHandler) -> Iterator[Path]:
    """The files an input names: itself, or a directory's readable files in name order."""
    path = Path(item)
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            if _readable(file.name):
                yield file
    elif path.is_file():
        yield path
    else:
        on_error(InputError(str(path), Messages.NOT_FOUND))


def _readable(name: str) -> bool:
    return Path(name).suffix.lower() in (*READERS, ".zip") and not name.startswith(".")


def _read_file(path: Path, default_date, on_error: ErrorHandler, limit: int) -> Iterator[Article]:
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None and suffix != ".zip":
        on_error(InputError(str(path), Messages.UNSUPPORTED.format(suffix=path.suffix)))
        return
    try:
        stream = open(path, "rb", buffering=HEAD_BYTES)
    except OSError as error:
        on_error(InputError(str(path), error.strerror or str(error)))
        return
    with stream:
        try:
            if reader is None:
                yield from _read_zip(stream, str(path), default_date, on_error, limit)
            else:
                yield from reader(stream, str(path), default_date, on_error, limit=limit)
        except OSError as error:  # a file that goes away or a disk that fails mid-read
            on_error(InputError(str(path), error.strerror or str(error)))


def _read_zip(stream: BinaryIO, origin: str, default_date, on_error: ErrorHandler, limit: int) -> Iterator[Article]:
    """The stories of a zip archive's members, each streamed as it is inflated (an archive in an archive is refused)."""
    try:
        archive = zipfile.ZipFile(stream)
        members = sorted((info for info in archive.infolist() if not info.is_dir()), key=lambda info: info.filename)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as error:
        on_error(InputError(origin, Messages.BAD_ZIP.format(detail=error)))
        return
    with archive:
        for info in members:
            name = Path(info.filename).name
            where = f"{origin}!{info.filename}"
            reader = READERS.get(Path(name).suffix.lower())
            if reader is None or name.startswith("."):
                on_error(InputError(where, Messages.UNSUPPORTED.format(suffix=Path(name).suffix)))
                continue
            try:
                with archive.open(info) as member:
                    buffered = io.BufferedReader(member, HEAD_BYTES)  # type: ignore[type-var]
                    yield from reader(buffered, where, default_date, on_error, limit=limit)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, ValueError) as error:
                on_error(InputError(where, Messages.BAD_ZIP.format(detail=error)))


def _read_stdin(default_date, on_error: ErrorHandler, limit: int) -> Iterator[Article]:
    stream = sys.stdin.buffer
    if not hasattr(stream, "peek"):  # a pipe has it; a stream put in by a caller may not
        stream = io.BufferedReader(stream, HEAD_BYTES)
    # A stream starting with "{" is JSONL, with "<" a feed or a web page; anything else one plain-text story.
    head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
    start = head.lstrip()[:1]
    reader = jsonl.read_jsonl_file if start == b"{" else text.read_text_file
    if start == b"<":
        reader = feeds.read_feed_file if feeds.looks_like_feed(head) else html.read_html_file
    yield from reader(stream, "<stdin>", default_date, on_error, limit=limit)
