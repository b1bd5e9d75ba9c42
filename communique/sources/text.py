"""Plain-text files: one story per file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..records import Article
from .fields import make_article
from .stream import decode, read_bounded


def read_text_file(
    stream: BinaryIO, origin: str, default_date, on_error: Callable[[InputError], None], *, limit: int
) -> Iterator[Article]:
    """Read one story from a .txt file; its first line is taken as the title.

    limit: the largest file read, in bytes; a larger one is reported, never read whole.
    """
    try:
        text = decode(read_bounded(stream, origin, limit), origin)
        title = text.strip().splitlines()[0].strip()
        record = {"text": text, "title": title if len(title) < 200 else "", "url": ""}
        if origin != "<stdin>" and "!" not in origin:  # a zip member has no file URL of its own
            record["url"] = Path(origin).resolve().as_uri()
        yield make_article(record, origin=origin, line=None, default_date=default_date)
    except InputError as error:
        on_error(error)
