"""Migrations: a database made by communique 0.1 (0001_initial.sql) upgrades in place and loses nothing."""

from __future__ import annotations

import sqlite3

import pytest

from communique.records import EVENT_FIELDS
from communique.store import open_store
from communique.store.migrate import MIGRATIONS, latest_version, migrate, read_migrations, statements
from tests.synthetic import make_event, make_story

INITIAL = (MIGRATIONS / "0001_initial.sql").read_text(encoding="utf-8")
ARTICLE = ("old1", "An old story", "", "Wire", "2019-06-17", "en", "", "Text of the old story.", "[]", "", "v0")


def _old_events():
    return [
        make_event("old1", 0, "KORGOV", "RUSGOV", "042", "2019-06-17", coder_version="v0"),
        make_event("old1", 1, "RUS", "KOR", "0311", None, coder_version="v0"),
    ]


def _fill_old_database(db, mark: str) -> None:
    """Tables and rows exactly as communique 0.1 wrote them: no schema_version, no happening_id."""
    db.execute(f"INSERT INTO articles VALUES ({', '.join([mark] * len(ARTICLE))})", ARTICLE)
    insert = f"INSERT INTO events ({', '.join(EVENT_FIELDS)}) VALUES ({', '.join([mark] * len(EVENT_FIELDS))})"
    for event in _old_events():
        db.execute(insert, [getattr(event, name) for name in EVENT_FIELDS])


def _check_upgraded(store) -> None:
    assert store.schema_version() == latest_version() >= 4
    rows = store.events("old1")
    assert rows == [event.as_dict() for event in _old_events()]
    assert rows[1]["cameo"] == "0311"
    happenings = store.fetch("SELECT event_id, happening_id FROM events ORDER BY event_id")
    assert happenings and all(event_id == happening for event_id, happening in happenings)
    assert store.fetch("SELECT COUNT(*), MIN(article_title) FROM events_flat") == [(2, "An old story")]
    assert store.fetch("SELECT events FROM dyads WHERE source = 'KORGOV'") == [(1,)]
    # The upgraded store takes new stories, and re-coding the old one replaces its events.
    new = make_event("new1", 0, "USA", "CHN", "040", "2020-01-01")
    store.save_events(make_story("new1", "2020-01-01"), [new], "v1")
    assert store.save_events(make_story("old1", "2019-06-17"), [], "v1") == "replaced"
    assert store.count("events") == 1 and store.count("articles") == 2


def test_store_migrations_upgrade_an_old_sqlite_database(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(INITIAL)
    _fill_old_database(db, "?")
    db.commit()
    db.close()
    with open_store(str(path)) as store:
        _check_upgraded(store)


def test_store_migrations_upgrade_an_old_postgres_database(postgres_url):
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(postgres_url) as db:
        for statement in statements(INITIAL):
            db.execute(statement)
        _fill_old_database(db, "%s")
    with open_store(postgres_url) as store:
        _check_upgraded(store)
        collation = store.fetch(
            "SELECT collation_name FROM information_schema.columns WHERE table_name = 'events'"
            " AND column_name = 'source' AND table_schema = current_schema()"
        )
        assert collation == [("C",)]


def test_store_migrations_run_once(tmp_path):
    path = tmp_path / "events.db"
    open_store(str(path)).close()
    db = sqlite3.connect(path)
    assert migrate(db, "sqlite") == []
    versions = [row[0] for row in db.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == [migration.version for migration in read_migrations()]
    db.close()


def test_store_a_failing_migration_leaves_the_database_as_it_was(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_first.sql").write_text("CREATE TABLE kept (id INTEGER);")
    (folder / "0002_broken.sql").write_text("CREATE TABLE half (id INTEGER);\nCREATE TABLE kept (id INTEGER);")
    db = sqlite3.connect(tmp_path / "events.db")
    with pytest.raises(sqlite3.OperationalError, match="already exists"):
        migrate(db, "sqlite", folder=folder)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"kept", "schema_version"}
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(1,)]


def test_store_migration_files_are_named_by_number_and_dialect():
    migrations = read_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    bytewise = next(m for m in migrations if m.name == "codes_sort_bytewise")
    assert "COLLATE" not in bytewise.scripts["sqlite"] and "COLLATE" in bytewise.scripts["postgresql"]
