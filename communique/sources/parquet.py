"""Parquet files: one story per row, with columns named like the JSONL fields, read a batch of rows at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..errors import InputError, Messages
from ..records import Article
from .fields import make_article

ROWS_PER_BATCH = 256  # rows held in memory at once


def read_parquet_file(
    stream: BinaryIO, origin: str, default_date, on_error: Callable[[InputError], None], *, limit: int
) -> Iterator[Article]:
    """Read stories from a Parquet file; a bad row is reported by its number (from 1) and the next one read.

    limit: the longest text read, in bytes (UTF-8); a longer one is reported and skipped.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(stream)
        names = set(table.schema_arrow.names)
    except (pa.ArrowException, OSError) as error:
        on_error(InputError(origin, Messages.BAD_PARQUET.format(detail=str(error).splitlines()[0])))
        return
    if "text" not in names:
        on_error(InputError(origin, Messages.PARQUET_NO_TEXT_COLUMN))
        return
    number = 0
    try:
        for batch in table.iter_batches(batch_size=ROWS_PER_BATCH):
            for record in batch.to_pylist():
                number += 1
                text = record.get("text")
                if isinstance(text, str) and len(text) > limit:  # characters: at least as many bytes
                    on_error(InputError(origin, Messages.LINE_TOO_LONG.format(limit=limit), number))
                    continue
                try:
                    yield make_article(record, origin=origin, line=number, default_date=default_date)
                except InputError as error:
                    on_error(error)
    except (pa.ArrowException, OSError) as error:
        on_error(InputError(origin, Messages.BAD_PARQUET.format(detail=str(error).splitlines()[0]), number + 1))
