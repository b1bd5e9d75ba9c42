"""Shared fixtures: one loaded Coder for the whole session, and story builders."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest

from communique import Article
from communique.pipeline import Coder
from communique.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLES = ROOT / "communique" / "samples" / "articles.jsonl"


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder(Settings())


@pytest.fixture(scope="session")
def nlp(coder):
    return coder.nlp


def make_article(text: str, published: str | None = "2023-03-07", article_id: str = "test") -> Article:
    day = dt.date.fromisoformat(published) if published else None
    return Article(id=article_id, text=text, published=day, origin=article_id)


@pytest.fixture
def code_text(coder):
    """Code one text and return its events."""

    def code(text: str, published: str | None = "2023-03-07"):
        return coder(make_article(text, published))

    return code


# The PostgreSQL server the tests use: this machine's by default, another through the variable.
POSTGRES_URL = os.environ.get("COMMUNIQUE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def postgres_url():
    """A fresh schema on the real PostgreSQL server, dropped afterwards.

    Without a server the test is skipped on a laptop, and fails in CI (CI=true),
    where the server must be running.
    """
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_URL} in CI: {error}")
        pytest.skip(f"no PostgreSQL server at {POSTGRES_URL}")
    schema = f"communique_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    try:
        separator = "&" if "?" in POSTGRES_URL else "?"
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()
