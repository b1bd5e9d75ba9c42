"""Plain-text files: one story per file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Article
from .fields import decode, make_article


def read_text_file(
    content: bytes, origin: str, default_date, on_error: Callable[[InputError], None]
) -> Iterator[Article]:
    """Read one story from a .txt file; its first line is taken as the title."""
    try:
        text = decode(content, origin)
        title = text.strip().splitlines()[0].strip()
        record = {"text": text, "title": title if len(title) < 200 else "", "url": ""}
        if origin != "<stdin>":
            record["url"] = Path(origin).resolve().as_uri()
        yield make_article(record, origin=origin, line=None, default_date=default_date)
    except InputError as error:
        on_error(error)
