"""CSV files: one story per row, with a header naming the fields."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Iterator

from ..errors import InputError, Messages
from ..records import Article
from .fields import decode_or_report, make_article

# Stories are long; the csv module's default field limit (128 KiB) is not.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_csv_file(
    content: bytes, origin: str, default_date, on_error: Callable[[InputError], None]
) -> Iterator[Article]:
    """Read stories from CSV; a bad row is reported and the next one read."""
    text = decode_or_report(content, origin, on_error)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error) as error:
        on_error(InputError(origin, Messages.BAD_CSV.format(detail=error), 1))
        return
    if "text" not in header:
        on_error(InputError(origin, Messages.CSV_NO_TEXT_COLUMN, 1))
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            on_error(InputError(origin, Messages.BAD_CSV.format(detail=error), reader.line_num))
            return
        if not any(cell.strip() for cell in row):
            continue
        number = reader.line_num
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
