"""CSV files: one story per row, with a header naming the fields, read row by row."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..errors import InputError, Messages
from ..records import Article
from .fields import make_article
from .stream import read_lines


def read_csv_file(
    stream: BinaryIO, origin: str, default_date, on_error: Callable[[InputError], None], *, limit: int
) -> Iterator[Article]:
    """Read stories from CSV; a bad row is reported and the next one read.

    limit: the longest line read, in bytes; a longer one is reported and skipped.
    """
    # A quote never closed would gather the rest of the file into one field: the
    # field limit (the csv module's own, process-wide) stops it at the record limit.
    csv.field_size_limit(limit)
    at = [0]  # the number of the last line handed to the csv module
    seen = [False]  # whether any line held more than white space

    def lines() -> Iterator[str]:
        for number, line in read_lines(stream, origin, limit, on_error):
            at[0] = number
            seen[0] = seen[0] or bool(line.strip())
            yield line

    reader = csv.reader(lines(), strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
        while not any(header):  # blank lines before the header
            header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        if seen[0]:  # only commas: read_lines reports a file of blank lines itself
            on_error(InputError(origin, Messages.CSV_NO_TEXT_COLUMN, at[0]))
        return
    except csv.Error as error:
        on_error(InputError(origin, Messages.BAD_CSV.format(detail=error), at[0]))
        return
    if "text" not in header:
        on_error(InputError(origin, Messages.CSV_NO_TEXT_COLUMN, at[0]))
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # the csv module starts afresh on the next line
            on_error(InputError(origin, Messages.BAD_CSV.format(detail=error), at[0]))
            continue
        if not any(cell.strip() for cell in row):
            continue
        number = at[0]
        if len(row) != len(header):
            detail = f"{len(row)} fields where the header has {len(header)}"
            on_error(InputError(origin, Messages.BAD_CSV.format(detail=detail), number))
            continue
        try:
            yield make_article(
                dict(zip(header, row, strict=True)), origin=origin, line=number, default_date=default_date
            )
        except InputError as error:
            on_error(error)
