"""JSON Lines files: one story per line, as a JSON object, read line by line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..errors import InputError, Messages
from ..records import Article
from .fields import make_article
from .stream import read_lines


def read_jsonl_file(
    stream: BinaryIO, origin: str, default_date, on_error: Callable[[InputError], None], *, limit: int
) -> Iterator[Article]:
    """Read stories from JSONL; a bad or too long line is reported and the next one read.

    limit: the longest line read, in bytes.
    """
    for number, line in read_lines(stream, origin, limit, on_error):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            on_error(InputError(origin, Messages.BAD_JSON.format(detail=error.msg), number))
            continue
        except RecursionError:
            on_error(InputError(origin, Messages.BAD_JSON.format(detail="nested too deeply"), number))
            continue
        except ValueError as error:  # an integer of thousands of digits, say
            on_error(InputError(origin, Messages.BAD_JSON.format(detail=str(error).split(";")[0]), number))
            continue
        if not isinstance(record, dict):
            kind = type(record).__name__
            on_error(InputError(origin, Messages.NOT_OBJECT.format(kind=kind), number))
            continue
        try:
            yield make_article(record, origin=origin, line=number, default_date=default_date)
        except InputError as error:
            on_error(error)
