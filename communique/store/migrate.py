"""Migrations: numbered SQL files that bring a database's tables up to date, in place.

``migrations/0001_initial.sql``, ``0002_....sql``, ... run in order, each in one
transaction, and the ``schema_version`` table records those applied, so opening
a database made by an older communique upgrades it and keeps its rows. A file
named ``NNNN_name.postgresql.sql`` (or ``.sqlite.sql``) runs on that database only;
the version still counts as applied on the other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIGRATIONS = Path(__file__).parent / "migrations"
DIALECTS = ("sqlite", "postgresql")
_NAME = re.compile(r"^(\d{4})_(\w+?)(?:\.(sqlite|postgresql))?\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered step: its SQL for each database (empty where it does nothing)."""

    version: int
    name: str
    scripts: dict[str, str]


def read_migrations(folder: Path = MIGRATIONS) -> list[Migration]:
    """The migrations in a folder, in version order."""
    found: dict[int, tuple[str, dict[str, str]]] = {}
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise ValueError(f"{path}: a migration is named NNNN_name.sql or NNNN_name.DIALECT.sql")
        version, name, dialect = int(match[1]), match[2], match[3]
        _, scripts = found.setdefault(version, (name, {}))
        for each in (dialect,) if dialect else DIALECTS:
            if dialect or each not in scripts:  # a dialect's own file wins over the shared one
                scripts[each] = path.read_text(encoding="utf-8")
    return [Migration(version, name, scripts) for version, (name, scripts) in sorted(found.items())]


def latest_version() -> int:
    return read_migrations()[-1].version


def migrate(db: Any, dialect: str, *, placeholder: str = "?", folder: Path = MIGRATIONS) -> list[int]:
    """Apply to a DB-API connection the migrations it lacks; returns the versions applied.

    dialect: "sqlite" or "postgresql". Each migration runs in its own transaction
    with its row in ``schema_version``; a failing one leaves the database as the
    previous one left it. Two processes opening the same new database take turns.
    """
    applied = []
    for migration in read_migrations(folder):
        with _locked(db, dialect):
            if migration.version in _applied_versions(db):
                continue  # another process got there first
            for statement in statements(migration.scripts.get(dialect, "")):
                db.execute(statement)
            db.execute(
                f"INSERT INTO schema_version (version, name, applied) VALUES ({placeholder}, {placeholder}, "
                f"{placeholder})",
                (migration.version, migration.name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            applied.append(migration.version)
    return applied


class _locked:
    """One transaction that holds the database's write lock from the start."""

    def __init__(self, db: Any, dialect: str) -> None:
        self.db = db
        self.dialect = dialect

    def __enter__(self) -> None:
        if self.dialect == "sqlite":
            self.db.execute("BEGIN IMMEDIATE")
        else:
            self.transaction = self.db.transaction()
            self.transaction.__enter__()
            self.db.execute("SELECT pg_advisory_xact_lock(727966)")  # any fixed number: communique's lock
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied TEXT NOT NULL)"
        )

    def __exit__(self, kind, error, traceback) -> None:
        if self.dialect == "sqlite":
            if kind is None:
                self.db.commit()
            else:
                self.db.rollback()
        else:
            self.transaction.__exit__(kind, error, traceback)


def _applied_versions(db: Any) -> set[int]:
    return {row[0] for row in db.execute("SELECT version FROM schema_version").fetchall()}


def statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, comments dropped.

    A semicolon ends a statement, except inside a body that holds statements of its own: a
    PostgreSQL function's $$-quoted body, and an SQLite trigger's BEGIN ... END.
    """
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    current = ""
    for piece in "\n".join(lines).split(";"):
        current += piece
        if current.count("$$") % 2 or _open_trigger(current):
            current += ";"
            continue
        if current.strip():
            yield current.strip()
        current = ""
    if current.strip():
        yield current.strip()


def _open_trigger(statement: str) -> bool:
    """Whether an SQLite trigger's body (BEGIN ... END) has begun and not ended yet."""
    words = statement.split()
    if [word.upper() for word in words[:2]] != ["CREATE", "TRIGGER"] or "BEGIN" not in map(str.upper, words):
        return False
    return words[-1].upper() != "END"
