import json
import sqlite3

import pytest

from communique.errors import SettingsError
from communique.store import open_store
from tests.conftest import make_article


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "events.db"


def test_store_saves_article_and_events(coder, db_path):
    article = make_article("Iran criticised Israel on Monday.", article_id="s1")
    events = coder(article)
    with open_store(f"sqlite:///{db_path}") as store:
        store.save_events(article, events, coder.version)
        stored = store.events("s1")
    assert [row["event_id"] for row in stored] == [e.event_id for e in events]
    assert stored[0]["cameo"] == events[0].cameo and isinstance(stored[0]["cameo"], str)


def _dump(path):
    db = sqlite3.connect(path)
    try:
        return [db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in ("articles", "events")]
    finally:
        db.close()


def test_store_saving_twice_changes_nothing(coder, db_path):
    article = make_article("Japan and South Korea held talks in Tokyo.", article_id="twice")
    events = coder(article)
    with open_store(str(db_path)) as store:
        store.save_events(article, events, coder.version)
    before = _dump(db_path)
    with open_store(str(db_path)) as store:
        store.save_events(article, coder(article), coder.version)
    assert _dump(db_path) == before
    assert len(before[1]) == len(events) > 0


def test_store_recoding_replaces_only_that_articles_events(coder, db_path):
    first = make_article("Iran criticised Israel.", article_id="a")
    second = make_article("Peru praised Chile.", article_id="b")
    with open_store(str(db_path)) as store:
        store.save_events(first, coder(first), coder.version)
        store.save_events(second, coder(second), coder.version)
        store.save_events(first, [], coder.version)
        assert store.events("a") == []
        assert len(store.events("b")) == len(coder(second)) > 0
        assert store.count("articles") == 2


def test_store_keeps_captions_as_json(coder, db_path):
    article = make_article("Iran criticised Israel.", article_id="cap")
    from dataclasses import replace

    article = replace(article, captions=("A caption (L).",))
    with open_store(str(db_path)) as store:
        store.save_events(article, [], coder.version)
    row = sqlite3.connect(db_path).execute("SELECT captions FROM articles").fetchone()
    assert json.loads(row[0]) == ["A caption (L)."]


@pytest.mark.parametrize("url", ["oracle://x", "mysql://db", "events.txt"])
def test_store_rejects_unsupported_urls(url):
    with pytest.raises(SettingsError, match="unsupported database URL"):
        open_store(url)


def test_store_none_stores_nothing():
    assert open_store("none") is None
