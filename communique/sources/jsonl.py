"""JSON Lines files: one story per line, as a JSON object."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from ..errors import InputError, Messages
from ..records import Article
from .fields import decode_or_report, make_article


def read_jsonl_file(
    content: bytes, origin: str, default_date, on_error: Callable[[InputError], None]
) -> Iterator[Article]:
    """Read stories from JSONL; a bad line is reported and the next one read."""
    text = decode_or_report(content, origin, on_error)
    if text is None:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            detail = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deeply"
            on_error(InputError(origin, Messages.BAD_JSON.format(detail=detail), number))
            continue
        if not isinstance(record, dict):
            kind = type(record).__name__
            on_error(InputError(origin, Messages.NOT_OBJECT.format(kind=kind), number))
            continue
        try:
            yield make_article(record, origin=origin, line=number, default_date=default_date)
        except InputError as error:
            on_error(error)
