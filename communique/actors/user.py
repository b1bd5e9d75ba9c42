"""A user's own actor dictionary: name variants, a code, and the dates it holds for.

YAML, a list of entries::

    - name: Kang Kyung-wha
      names: [Kang Kyung-wha, Foreign Minister Kang]
      code: KORGOV
      start: 2017-06-18
      end: 2021-02-08

or CSV with the columns ``name, names, code, start, end`` (names "; "-separated).
``names`` and the dates are optional; ``name`` is always one of the names matched.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import DataTableError

CODE = re.compile(r"^[A-Z0-9-]{3,}$")


@dataclass(frozen=True)
class UserActor:
    """One entry of a user's dictionary: the names that mean ``code`` from ``start`` to ``end``."""

    name: str
    names: tuple[str, ...]
    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    origin: str = ""  # file and line or entry number, for the rule a mention shows
    country: bool = False  # the code stands for a country (a PETRARCH dictionary's ARN), not only a named actor
    any_case: bool = False  # matched in any case, as PETRARCH matches its upper-case names

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def load_user_actors(path: str | Path) -> list[UserActor]:
    """Read a user's actor dictionary (.yaml, .yml or .csv); a bad entry raises naming the file and line."""
    path = Path(path)
    if not path.exists():
        raise DataTableError(f"{path}: no such actor dictionary")
    if path.suffix.lower() in (".yaml", ".yml"):
        rows = _yaml_rows(path)
    elif path.suffix.lower() in (".csv", ".tsv"):
        rows = _csv_rows(path)
    else:
        raise DataTableError(f"{path}: an actor dictionary must be .yaml, .yml or .csv")
    return [_entry(path, place, row) for place, row in rows]


def _yaml_rows(path: Path) -> list[tuple[str, dict]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DataTableError(f"{path}: not valid YAML ({' '.join(str(error).split())})") from None
    if isinstance(data, dict) and "actors" in data:
        data = data["actors"]
    if data is None:
        return []
    if not isinstance(data, list):
        raise DataTableError(f"{path}: expected a list of actors (name, names, code, start, end)")
    return [(f"entry {number}", row) for number, row in enumerate(data, start=1)]


def _csv_rows(path: Path) -> list[tuple[str, dict]]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with open(path, encoding="utf-8", newline="") as file:
        lines = [line for line in file if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter=delimiter)
    if not reader.fieldnames or not {"name", "code"} <= set(reader.fieldnames):
        raise DataTableError(f"{path}: the header must have at least the columns name and code")
    return [(f"line {number}", row) for number, row in enumerate(reader, start=2)]


def _entry(path: Path, place: str, row) -> UserActor:
    where = f"{path}: {place}"
    if not isinstance(row, dict):
        raise DataTableError(f"{where}: expected name, names, code, start, end")
    name = str(row.get("name") or "").strip()
    code = str(row.get("code") or "").strip().upper()
    if not name or not code:
        raise DataTableError(f"{where}: every actor needs a name and a code")
    if not CODE.match(code):
        raise DataTableError(f"{where}: {code!r} is not an actor code (letters, digits and '-', like KORGOV)")
    names = row.get("names") or []
    if isinstance(names, str):
        names = [part.strip() for part in names.split(";")]
    names = tuple(dict.fromkeys([name, *(str(n).strip() for n in names if str(n).strip())]))
    return UserActor(name, names, code, _date(where, row.get("start")), _date(where, row.get("end")), where)


def _date(where: str, value) -> dt.date | None:
    if value in (None, "", "-"):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DataTableError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None
