"""Shared fixtures: one loaded Coder for the whole session, and story builders."""

from __future__ import annotations

import datetime as dt
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
