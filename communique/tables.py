"""Reading the knowledge tables in ``communique/data``.

Every table is UTF-8, tab-separated, with one header row and no quoting; lines
starting with ``#`` are comments. A list inside a field is separated by ``;``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .errors import DataTableError, Messages

DATA_DIR = Path(__file__).parent / "data"


def read_table(path: Path, columns: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Yield each row of a TSV table as a dict, checking its header.

    path: the table file.
    columns: the columns the header must start with, in order.
    """
    with open(path, encoding="utf-8") as file:
        header: list[str] | None = None
        for number, line in enumerate(file, start=1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                if tuple(header[: len(columns)]) != columns:
                    problem = f"header must start with {' / '.join(columns)}, found {header}"
                    raise DataTableError(Messages.BAD_TABLE_ROW.format(path=path, line=number, problem=problem))
                continue
            if len(fields) < len(columns):
                problem = f"expected {len(columns)} fields, found {len(fields)}"
                raise DataTableError(Messages.BAD_TABLE_ROW.format(path=path, line=number, problem=problem))
            row = {name: value.strip() for name, value in zip(header, fields, strict=False)}
            row["_line"] = str(number)
            yield row


def split_list(field: str) -> list[str]:
    """Split a ``;``-separated field into its non-empty items."""
    return [item.strip() for item in field.split(";") if item.strip() and item.strip() != "-"]
