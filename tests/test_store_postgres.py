"""The PostgreSQL store, against the real server: the same schema and behaviour as SQLite."""

from __future__ import annotations

import pytest

from communique.errors import SettingsError
from communique.store import open_store
from tests.conftest import make_article

STORY = "Japanese Prime Minister Fumio Kishida criticised China on Monday. Japan and South Korea held talks in Tokyo."


def test_store_postgres_saves_and_reads_back_like_sqlite(coder, postgres_url, tmp_path):
    article = make_article(STORY, "2023-03-06", article_id="pg1")
    events = coder(article)
    assert len(events) >= 3
    with open_store(postgres_url) as pg, open_store(f"sqlite:///{tmp_path / 'events.db'}") as lite:
        pg.save_events(article, events, coder.version)
        lite.save_events(article, events, coder.version)
        assert pg.events() == lite.events()
        assert pg.events("pg1")[0]["cameo"] == events[0].cameo


def test_store_postgres_saving_twice_changes_nothing(coder, postgres_url):
    article = make_article(STORY, "2023-03-06", article_id="pg2")
    with open_store(postgres_url) as store:
        store.save_events(article, coder(article), coder.version)
        before = (store.events(), store.count("articles"), store.count("events"))
        store.save_events(article, coder(article), coder.version)
        assert (store.events(), store.count("articles"), store.count("events")) == before


def test_store_postgres_failed_batch_leaves_what_was_stored(coder, postgres_url):
    article = make_article(STORY, "2023-03-06", article_id="pg3")
    events = coder(article)
    with open_store(postgres_url) as store:
        store.save_events(article, events, coder.version)
        broken = [events[0], events[0]]  # the same event id twice breaks the primary key
        with pytest.raises(Exception, match="duplicate key"):
            store.save_events(article, broken, coder.version)
        assert [e["event_id"] for e in store.events("pg3")] == [e.event_id for e in events]


def test_store_postgres_unreachable_server_is_one_clear_error():
    with pytest.raises(SettingsError, match=r"cannot open the database at 127.0.0.1:1/none"):
        open_store("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2")


def test_store_postgres_and_sqlite_filter_alike(coder, postgres_url, tmp_path):
    from communique.store import EventFilter

    article = make_article(STORY, "2023-03-06", article_id="pg4")
    events = coder(article)
    with open_store(postgres_url) as pg, open_store(f"sqlite:///{tmp_path / 'events.db'}") as lite:
        for store in (pg, lite):
            store.save_events(article, events, coder.version)
        for filters in (EventFilter(source="JPN"), EventFilter(cameo="04"), EventFilter(country="KOR", limit=1)):
            assert pg.query(filters) == lite.query(filters)
            assert pg.query(filters), filters
